// Deciding without a trace allocates nothing once the decider is warm (PRODUCT.md: "evaluating
// a request allocates nothing on the hot path when no trace is asked for"). Counted by
// replacing the global allocator in this test program only.
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
// The nothrow forms too (std::stable_sort's buffer uses them), so that no block allocated by
// one allocator is freed by the other: AddressSanitizer, which brings its own, reports that.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  ++allocations;
  return std::malloc(size ? size : 1);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

TEST_CASE("decide_json without a trace does not allocate once warm") {
  auto loaded = gavel::load_policy_file(GAVEL_SOURCE_DIR "/rules/flexis.gavel");
  INFO(loaded.report);
  REQUIRE(loaded.ok());
  gavel::Decider decider(loaded.policy);
  const std::vector<std::string> requests = {
      // allowed, with consent and obligations
      R"({"action":"communicate","purpose":"newsletter","data":["identity","contact_details"],"recipient":"salesforce",
          "country":"FR","at":"2026-11-26","subject":{"consent":{"newsletter":{"given":"2024-01-10","withdrawn":null}},
          "objections":[],"restriction":null,"unlawful":false,"dates":{"last_contact":"2025-05-01"}},
          "context":{"legal_claims":false,"standard_contractual_clauses":false}})",
      // denied by an objection, with a long purpose name and several dates
      R"({"action":"use","purpose":"contact_requests","data":["identity","message_content"],"at":"2026-11-26",
          "subject":{"objections":[{"to":"contact_requests","at":"2026-01-01"},{"to":"direct_marketing","at":"2026-02-01"}],
          "restriction":{"since":"2026-10-01","until":null},"dates":{"last_contact":"2025-05-01","event_end":"2025-06-01"}}})",
      // denied for a missing fact
      R"({"action":"use","purpose":"security","data":["ip_address"],"at":"2026-11-26","country":"US"})",
      // a rights request with deadlines
      R"({"action":"request","right":"erasure","purpose":"newsletter","at":"2026-08-05","received":"2026-08-05",
          "subject":{"consent":{"newsletter":{"given":"2024-01-10","withdrawn":"2026-03-01"}},"dates":{"last_contact":"2025-05-01"}}})",
  };
  std::string response;
  for (int warm = 0; warm < 2; ++warm)
    for (const auto& r : requests) REQUIRE(decider.decide_json(r, response));

  const long before = allocations.load();
  for (int round = 0; round < 100; ++round)
    for (const auto& r : requests) decider.decide_json(r, response);
  CHECK(allocations.load() - before == 0);
}
