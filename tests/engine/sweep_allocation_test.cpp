// Sweeping a person allocates nothing once the sweeper and its result are warm: a sweep of
// 100 million people must cost its evaluations, not the allocator. Counted by replacing the
// global allocator in this test program only.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "gavel/gavel.hpp"

namespace {
std::atomic<long> allocations{0};
}

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  ++allocations;
  return std::malloc(size ? size : 1);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

TEST_CASE("sweep: a warm sweeper does not allocate for a well-formed person") {
  auto loaded = gavel::load_policy_file(GAVEL_SOURCE_DIR "/rules/flexis.gavel");
  INFO(loaded.report);
  REQUIRE(loaded.ok());
  gavel::Sweeper sweeper(loaded.policy);
  gavel::SubjectObligations out;
  const std::vector<std::string> lines = {
      // retention over, an objection, unlawful: several obligations, with and without a day
      R"({"id":"a-long-identifier-past-any-small-string","subject":{"consent":{"newsletter":{"given":"2019-01-10","withdrawn":"2020-03-01"}},"objections":[{"to":"direct_marketing","at":"2025-01-01"}],"unlawful":true,"dates":{"last_contact":"2019-05-01","event_end":"2020-01-01","last_connection":"2020-01-01"}}})",
      R"({"id":12345678901,"subject":{"dates":{"last_contact":"2026-01-01"}},"context":{"legal_claims":true}})",
      R"({"id":"n","subject":{}})",
  };
  const std::string day = "2026-12-01";
  for (int warm = 0; warm < 3; ++warm)
    for (const auto& line : lines) {
      const bool swept = sweeper.sweep_line(line, day, out);
      INFO(line << "\n" << (out.error ? out.error->field + ": " + out.error->message : std::string()));
      REQUIRE(swept);
    }
  std::size_t found = 0;
  const long before = allocations.load();
  for (int round = 0; round < 50; ++round)
    for (const auto& line : lines) {
      sweeper.sweep_line(line, day, out);
      found += out.obligations.size();
    }
  CHECK(allocations.load() - before == 0);
  CHECK(found > 0);
}
