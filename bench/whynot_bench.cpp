// Why not on its worst case: a denial that no change of one or two facts lifts, under a
// policy whose N deny rules all stand for it (bench/whynot-policy.sh writes the same policy
// for `gavel decide --why-not`). Every single change and every pair is decided, so the time
// is `tried` decisions of the request plus the search's own work, which must stay linear in
// the rules: the time per rule should not grow with N.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "bench/bench_support.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace gavel::bench {
namespace {

void BM_WhyNot(benchmark::State& state) {
  // A rule file holds at most max_items declarations and rules: 100,000 rules is the most
  // it can hold beside the policy's nine declarations.
  const std::size_t rules = std::min(std::size_t(state.range(0)), grammar::max_items - 9);
  auto loaded = load_policy(whynot_policy(rules), "whynot.gavel");
  if (!loaded.ok()) {
    state.SkipWithError(loaded.report.c_str());
    return;
  }
  Decider decider(loaded.policy);
  RequestError error;
  const auto request = parse_request(whynot_request, error);
  if (!request) {
    state.SkipWithError(error.message.c_str());
    return;
  }
  std::size_t tried = 0, blocking = 0;
  for (auto _ : state) {
    const auto answer = why_not(decider, *request);
    if (!answer || answer->possible()) {
      state.SkipWithError("the request should be denied under every change");
      return;
    }
    tried = answer->tried;
    blocking = answer->blocking.size();
    benchmark::DoNotOptimize(answer->explanation.data());
  }
  state.counters["rules"] = double(rules);
  state.counters["tried"] = double(tried);
  state.counters["blocking"] = double(blocking);
  // Per rule and request decided: flat when the search is linear in the rules.
  state.counters["time/rule/try"] =
      benchmark::Counter(double(rules) * double(tried) * double(state.iterations()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_WhyNot)->Arg(1'000)->Arg(10'000)->Arg(100'000)->ArgName("rules")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gavel::bench
