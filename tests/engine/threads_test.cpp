// One compiled policy shared by several threads, each with its own Decider, gives every
// thread the same answers as a single thread: the policy is immutable and needs no lock.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "policy_fixture.hpp"

namespace gavel::test {

TEST_CASE("a compiled policy is shared by threads without locks") {
  auto policy = load_small_policy();
  std::vector<std::string> requests;
  for (int day = 1; day <= 28; ++day)
    for (const char* purpose : {"mailing", "support", "audit"})
      requests.push_back(fmt_request(purpose, day));

  std::vector<std::string> expected(requests.size());
  {
    Decider decider(policy);
    for (std::size_t i = 0; i < requests.size(); ++i) decider.decide_json(requests[i], expected[i], {.trace = true});
  }
  std::vector<std::vector<std::string>> got(4, std::vector<std::string>(requests.size()));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      Decider decider(policy);
      for (int round = 0; round < 50; ++round)
        for (std::size_t i = 0; i < requests.size(); ++i) decider.decide_json(requests[i], got[t][i], {.trace = true});
    });
  for (auto& th : threads) th.join();
  for (const auto& answers : got) CHECK(answers == expected);
}

}  // namespace gavel::test
