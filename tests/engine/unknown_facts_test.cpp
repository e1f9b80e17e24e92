// Known, not yet and unknown facts (docs/language.md): a fact the request leaves out never
// allows and never grants; a `null` one is known. Each case is decided by the engine and by
// the reference evaluator, which must agree.
#include <catch2/catch.hpp>

#include "engine/check/checker.hpp"
#include "engine/reference/reference.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace gavel::test {
namespace {

using Ids = std::vector<std::string>;

// A hospital: records kept 10 years after death; erasure granted once retention is over,
// refused while the law requires keeping them.
constexpr const char* hospital = R"gavel(
controller "Clinic" { established in home }
countries home "Home" { FR }
category health "Health data"
category identity "Identity"
date death "The patient's death"
date account_closed "The portal account was closed"
date contract_end "The end of the care contract"
purpose care "Medical care" {
  basis legitimate_interest
  data health, identity
  retain 10 years after death
}
purpose portal "Patient portal" {
  basis consent
  data identity
  retain 6 months after account_closed
}
purpose billing "Billing" {
  basis legitimate_interest
  data identity
  retain 5 years after contract_end
}
rule expired "Expired" cites "Art. 5(1)(e)" deny use for care, portal, billing when retention over
rule erase-expired "No longer necessary" cites "Art. 17(1)(a)" grant erasure for care when retention over
rule retention-ends "End of retention" cites "Art. 5(1)(e)" oblige end of retention for care, billing when retention over
rule end-soon "End of retention, stated" cites "Art. 5(1)(e)" oblige end of retention for billing
)gavel";

struct Both {
  Both()
      : checked(check::check(grammar::parse(Source{"hospital.gavel", hospital}).policy)),
        loaded(load_policy(hospital, "hospital.gavel")),
        reference(checked.policy) {
    REQUIRE(loaded.ok());
  }
  check::CheckedPolicy checked;
  LoadResult loaded;
  reference::Evaluator reference;

  Decision decide(const Request& r) {
    Decider decider(loaded.policy);
    auto d = decider.decide(r, {.trace = true, .explain = true});
    INFO(d.explanation);
    REQUIRE_FALSE(d.error);
    const auto json = to_json(r);
    CHECK(reference::differences(d, reference.decide(reference::request_from_json(json))).empty());
    return d;
  }
};

Request request(std::string action, std::string purpose, std::string at = "2026-12-01") {
  Request r;
  r.action = std::move(action);
  r.purpose = std::move(purpose);
  r.at = std::move(at);
  if (r.action == "request") {
    r.right = "erasure";
    r.received = r.at;
  } else {
    r.data = {"identity"};
  }
  return r;
}

}  // namespace

TEST_CASE("a living patient: a null date of death keeps the record, and erasure is not granted") {
  Both p;
  auto r = request("request", "care");
  r.dates["death"] = std::nullopt;
  auto d = p.decide(r);
  CHECK_FALSE(d.allow);
  CHECK(d.missing.empty());
  CHECK(d.unknown.empty());

  r.action = "use";
  r.right.reset();
  r.received.reset();
  r.data = {"health"};
  d = p.decide(r);
  CHECK(d.allow);  // retention has not started: the use goes on
  CHECK(d.decided_by == Ids{"care.legitimate_interest"});
}

TEST_CASE("an unknown date of death never grants erasure: undetermined, and the date is named missing") {
  Both p;
  auto d = p.decide(request("request", "care"));
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by.empty());
  CHECK(d.missing == Ids{"subject.dates.death"});
  REQUIRE_FALSE(d.trace.empty());
  for (const auto& step : d.trace) CHECK(step.outcome == "undetermined");

  // Processing turns on it too: deny, undetermined. Before, a missing date counted as over.
  d = p.decide(request("use", "care"));
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by.empty());
  CHECK(d.missing == Ids{"subject.dates.death"});
  CHECK(d.explanation.find("undetermined") != std::string::npos);
}

TEST_CASE("a known date decides as before: over after the period, kept up to its last day") {
  Both p;
  auto r = request("request", "care");
  r.dates["death"] = "2016-11-30";
  auto d = p.decide(r);
  CHECK(d.allow);
  CHECK(d.decided_by == Ids{"erase-expired"});
  r.dates["death"] = "2016-12-01";  // ends 2026-12-01: kept that day
  CHECK_FALSE(p.decide(r).allow);
}

TEST_CASE("an open account: null means not closed, so retention has not started") {
  Both p;
  auto r = request("use", "portal");
  r.consent["portal"] = {"2025-01-01", std::nullopt};
  r.dates["account_closed"] = std::nullopt;
  auto d = p.decide(r);
  CHECK(d.allow);
  CHECK(d.unknown.empty());
  r.dates.clear();  // left out: unknown, and it matters
  d = p.decide(r);
  CHECK_FALSE(d.allow);
  CHECK(d.missing == Ids{"subject.dates.account_closed"});
}

TEST_CASE("a running contract: a date after `at` has not happened at `at`, like null") {
  Both p;
  auto r = request("use", "billing");
  r.dates["contract_end"] = "2027-06-30";
  auto d = p.decide(r);
  CHECK(d.allow);
  CHECK(d.obligations.empty());  // not started: no end to state yet
  r.at = "2027-07-01";           // the contract has ended: the end of retention is known
  d = p.decide(r);
  CHECK(d.allow);
  REQUIRE(d.obligations.size() == 1);
  CHECK(d.obligations[0].by == "2032-07-01");
  r.dates["contract_end"] = std::nullopt;
  d = p.decide(r);
  CHECK(d.allow);
  CHECK(d.obligations.empty());
}

TEST_CASE("a null consent record is known: the consent basis fails, decided by it") {
  Both p;
  auto r = request("use", "portal");
  r.dates["account_closed"] = std::nullopt;
  r.consent["portal"] = ConsentRecord{"", std::nullopt, true};
  auto d = p.decide(r);
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by == Ids{"portal.consent"});
  CHECK(d.missing.empty());
  r.consent.clear();  // left out: the basis is unknown
  d = p.decide(r);
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by.empty());
  CHECK(d.missing == Ids{"subject.consent.portal"});
}

TEST_CASE("a fact the decision does not turn on is named unknown, and the decision stands") {
  Both p;
  // No rule grants erasure of billing data: not granted whatever contract_end is, though
  // the `oblige end of retention` rules that concern the request asked for it.
  auto d = p.decide(request("request", "billing"));
  CHECK_FALSE(d.allow);
  CHECK(d.missing.empty());
  CHECK(d.unknown == Ids{"subject.dates.contract_end"});
  CHECK(d.obligations.empty());  // from rules that definitely stand only
}

TEST_CASE("null facts go through JSON both ways") {
  RequestError error;
  auto r = parse_request(
      R"({"action":"use","purpose":"portal","data":["identity"],"at":"2026-12-01",)"
      R"("subject":{"consent":{"portal":null},"dates":{"account_closed":null}}})",
      error);
  REQUIRE(r);
  CHECK(r->consent.at("portal").never_given);
  CHECK_FALSE(r->dates.at("account_closed").has_value());
  auto again = parse_request(to_json(*r), error);
  REQUIRE(again);
  CHECK(again->consent.at("portal").never_given);
  CHECK_FALSE(again->dates.at("account_closed").has_value());
}

}  // namespace gavel::test
