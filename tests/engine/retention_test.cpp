// Minimum terms, periods from the end of a year or month, archive periods (docs/language.md,
// `retain` and `then archive for`), decided by the engine and by the reference alike.
#include <catch2/catch.hpp>

#include "engine/check/checker.hpp"
#include "engine/reference/reference.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace gavel::test {
namespace {

using Ids = std::vector<std::string>;

constexpr const char* shop = R"gavel(
controller "Shop" { established in home }
countries home "Home" { FR }
category identity "Identity"
date account_closed "The account was closed"
date last_invoice "The last invoice"
date order "The order"
purpose accounts "Customer accounts" {
  basis legitimate_interest
  data identity
  retain 6 months after account_closed, at least 10 years after end of year of last_invoice
  then archive for 5 years
}
purpose returns "Returns" {
  basis legitimate_interest
  data identity
  retain at least 1 month after end of month of order
}
rule expired "Expired" cites "Art. 5(1)(e)" deny use for accounts, returns when retention over
rule archived "Archive over" cites "Art. 5(1)(e)" deny any action for accounts when archive period over
rule archive-ends "Archive ends" cites "Art. 5(1)(e)" oblige end of archive for accounts
rule retention-ends "Retention ends" cites "Art. 5(1)(e)" oblige end of retention for accounts, returns
)gavel";

struct Shop {
  Shop()
      : checked(check::check(grammar::parse(Source{"shop.gavel", shop}).policy)),
        loaded(load_policy(shop, "shop.gavel")),
        reference(checked.policy) {
    REQUIRE(loaded.ok());
  }
  check::CheckedPolicy checked;
  LoadResult loaded;
  reference::Evaluator reference;

  Decision decide(const std::string& purpose, const std::string& at,
                  std::map<std::string, std::optional<std::string>> dates, std::string action = "use") {
    Request r;
    r.action = std::move(action);
    r.purpose = purpose;
    r.data = {"identity"};
    r.at = at;
    r.dates = std::move(dates);
    Decider decider(loaded.policy);
    auto d = decider.decide(r, {.trace = true, .explain = true});
    INFO(d.explanation);
    REQUIRE_FALSE(d.error);
    CHECK(reference::differences(d, reference.decide(reference::request_from_json(to_json(r)))).empty());
    return d;
  }
};

std::vector<std::string> obligations(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& o : d.obligations) out.push_back(o.kind + " " + o.by.value_or("-") + " " + o.rule);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a minimum term keeps the data past the maximum: retention ends at the later") {
  Shop s;
  const std::map<std::string, std::optional<std::string>> dates{{"account_closed", "2025-01-01"},
                                                                 {"last_invoice", "2024-03-05"}};
  // 10 years after end of year of 2024-03-05 = after 2024-12-31: through 2034-12-31.
  auto d = s.decide("accounts", "2034-12-31", dates);
  CHECK(d.allow);
  CHECK(obligations(d) == Ids{"archive 2035-01-01 retention-ends", "erase 2040-01-01 archive-ends"});
  d = s.decide("accounts", "2035-01-01", dates);
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by == Ids{"expired"});
  // The archive period of 5 years runs through 2039-12-31.
  CHECK(s.decide("accounts", "2039-12-31", dates, "store").allow);
  d = s.decide("accounts", "2040-01-01", dates, "store");
  CHECK(d.decided_by == Ids{"archived"});
}

TEST_CASE("the maximum decides when it ends after every minimum") {
  Shop s;
  auto d = s.decide("accounts", "2040-06-30", {{"account_closed", "2040-01-01"}, {"last_invoice", "2020-01-01"}});
  CHECK(d.allow);  // closed 2040-01-01: kept through 2040-07-01
  CHECK(obligations(d) == Ids{"archive 2040-07-02 retention-ends", "erase 2045-07-02 archive-ends"});
}

TEST_CASE("a minimum that has not started, or is unknown, keeps retention from ending") {
  Shop s;
  auto d = s.decide("accounts", "2030-01-01", {{"account_closed", "2025-01-01"}, {"last_invoice", std::nullopt}});
  CHECK(d.allow);  // the minimum has not started: not over, and no end to state
  CHECK(d.obligations.empty());
  d = s.decide("accounts", "2030-01-01", {{"account_closed", "2025-01-01"}});
  CHECK_FALSE(d.allow);  // the maximum is over; whether the minimum is turns on the invoice
  CHECK(d.decided_by.empty());
  CHECK(d.missing == Ids{"subject.dates.last_invoice"});
  // A known minimum that is over with the maximum unknown: unknown too.
  d = s.decide("accounts", "2040-01-01", {{"last_invoice", "2024-03-05"}});
  CHECK(d.missing == Ids{"subject.dates.account_closed"});
}

TEST_CASE("only minimum terms: retention ends when the last ends; end of month") {
  Shop s;
  // 1 month after end of month of 2026-01-10 = after 2026-01-31: through 2026-02-28.
  CHECK(s.decide("returns", "2026-02-28", {{"order", "2026-01-10"}}).allow);
  auto d = s.decide("returns", "2026-03-01", {{"order", "2026-01-10"}});
  CHECK(d.decided_by == Ids{"expired"});
  CHECK(obligations(d) == Ids{"erase 2026-03-01 retention-ends"});
}

}  // namespace gavel::test
