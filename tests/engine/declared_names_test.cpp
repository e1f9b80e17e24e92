// Declared rights, `for any purpose except`, `purpose is`, dated countries and certified
// recipients, decided by the engine and by the reference evaluator alike.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/check/checker.hpp"
#include "engine/reference/reference.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace {

using Ids = std::vector<std::string>;

const char* const clinic = R"gavel(
controller "Clinic SA" {
  established in home
}
countries home "Where the controller is established" { FR, BE from 2026-02-01 }
countries adequate "Adequacy decisions" { CH, GB until 2025-12-27, KR from 2021-12-17 }
category identity "Identity"
category records "Medical records"
date last_visit "The last visit"
framework eu_us_dpf "EU-US Data Privacy Framework"
  cites "Commission Implementing Decision (EU) 2023/1795"
right human_intervention "Obtain human intervention on an automated decision"
purpose care "Provide medical care" {
  basis contract
  data identity, records
  retain 20 years after last_visit
}
purpose research "Medical research" {
  basis legitimate_interest
  data records
  retain 5 years after last_visit
}
purpose billing "Billing" {
  basis legal_obligation
  data identity
  retain 10 years after last_visit
  processed by automated means
}
group clinical "Clinical purposes" { care, research }
recipient cloud "Cloud host" {
  receives identity, records
  certified under eu_us_dpf from 2023-07-10 until 2030-12-31
}
recipient lab "Laboratory" { receives records }
respond within 1 month, extendable by 2 months

rule outside-safeguards "Transfers outside adequate countries need a safeguard"
  cites "GDPR Art. 44, 45, 46"
  deny any action except erase
  when country outside home and country outside adequate
  unless recipient certified under eu_us_dpf

rule only-care-discloses "Only care discloses records"
  cites "Clinic policy § 3"
  deny disclose for any purpose except care

rule research-not-to-lab "Research data does not go to the laboratory"
  cites "Clinic policy § 4"
  deny transfer
  when purpose is research and recipient is lab

rule human-intervention "A person may obtain human intervention"
  cites "GDPR Art. 22(3)"
  grant human_intervention for billing

rule human-intervention-clinical "No automated decisions in clinical purposes"
  cites "Clinic policy § 5"
  refuse human_intervention
  when purpose is clinical
)gavel";

// The policy twice: compiled for the engine, checked for the reference.
struct Both {
  Both()
      : checked(gavel::check::check(gavel::grammar::parse(gavel::Source{"clinic.gavel", clinic}).policy)),
        loaded(gavel::load_policy(clinic, "clinic.gavel")),
        reference(checked.policy) {}
  gavel::check::CheckedPolicy checked;
  gavel::LoadResult loaded;
  gavel::reference::Evaluator reference;
};

Both& both() {
  static Both b;
  return b;
}

// The engine's decision, after checking that the reference reaches the same.
gavel::Decision decide(const gavel::Request& r) {
  auto& b = both();
  INFO(b.loaded.report);
  REQUIRE(b.loaded.ok());
  gavel::Decider decider(b.loaded.policy);
  auto engine = decider.decide(r, {.trace = true, .explain = true});
  INFO(engine.explanation);
  REQUIRE_FALSE(engine.error);
  const auto reference = b.reference.decide(r);
  const auto differences = gavel::reference::differences(engine, reference);
  std::string shown;
  for (const auto& d : differences) shown += d + "\n";
  INFO(shown);
  CHECK(differences.empty());
  return engine;
}

gavel::Request transfer(std::string purpose, std::string at) {
  gavel::Request r;
  r.action = "transfer";
  r.purpose = std::move(purpose);
  r.data = {"records"};
  r.at = std::move(at);
  r.dates["last_visit"] = "2025-01-10";
  r.context = {"contract"};
  return r;
}

gavel::Request rights(std::string right, std::string purpose) {
  gavel::Request r;
  r.action = "request";
  r.right = std::move(right);
  r.purpose = std::move(purpose);
  r.at = "2026-03-02";
  r.received = "2026-03-02";
  r.dates["last_visit"] = "2025-01-10";
  return r;
}

}  // namespace

TEST_CASE("the clinic policy checks clean") {
  INFO(both().loaded.report);
  CHECK(both().loaded.ok());
  CHECK(both().checked.diagnostics.empty());
}

TEST_CASE("a member valid until a day counts up to that day, inclusive") {
  auto r = transfer("care", "2025-12-27");
  r.country = "GB";
  CHECK(decide(r).allow);  // the last day of the adequacy decision
  r.at = "2025-12-28";
  auto lapsed = decide(r);
  CHECK_FALSE(lapsed.allow);
  CHECK(lapsed.decided_by == Ids{"outside-safeguards"});
  CHECK(lapsed.explanation.find("the destination GB is not in “Adequacy decisions” on 2025-12-28") != std::string::npos);
}

TEST_CASE("a member valid from a day counts from that day, inclusive") {
  auto r = transfer("care", "2021-12-16");
  r.dates["last_visit"] = "2021-01-10";
  r.country = "KR";
  CHECK_FALSE(decide(r).allow);
  r.at = "2021-12-17";
  CHECK(decide(r).allow);
}

TEST_CASE("the home-country rule counts the members of establishment valid at `at`") {
  // No country: the data stays in `home`, which holds BE from 2026-02-01. BE is in neither
  // list before that day, so `country outside home` is then false; after it, BE is home too.
  auto r = transfer("care", "2026-01-31");
  CHECK(decide(r).allow);
  r.at = "2026-02-01";
  CHECK(decide(r).allow);
  r.country = "BE";
  r.at = "2026-01-31";
  CHECK_FALSE(decide(r).allow);  // not yet home, not adequate
  r.at = "2026-02-01";
  CHECK(decide(r).allow);
}

TEST_CASE("a recipient certified under a framework holds the safeguard within its dates") {
  auto r = transfer("care", "2026-03-02");
  r.country = "US";
  r.recipient = "cloud";
  auto certified = decide(r);
  CHECK(certified.allow);
  r.at = "2023-07-09";
  r.dates["last_visit"] = "2023-01-10";
  auto before = decide(r);
  CHECK_FALSE(before.allow);
  CHECK(before.decided_by == Ids{"outside-safeguards"});
  r.at = "2023-07-10";
  CHECK(decide(r).allow);
  r.recipient = "lab";
  r.at = "2026-03-02";
  CHECK_FALSE(decide(r).allow);  // not certified
}

TEST_CASE("`for any purpose except` concerns every purpose but the excepted ones") {
  auto r = transfer("care", "2026-03-02");
  r.action = "disclose";
  CHECK(decide(r).allow);
  r.purpose = "research";
  auto research = decide(r);
  CHECK_FALSE(research.allow);
  CHECK(research.decided_by == Ids{"only-care-discloses"});
  r.purpose = "billing";
  r.data = {"identity"};
  r.context = {"legal_obligation"};
  CHECK_FALSE(decide(r).allow);
}

TEST_CASE("`purpose is` tests the request's purpose, or its group") {
  auto r = transfer("research", "2026-03-02");
  r.recipient = "lab";
  auto d = decide(r);
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by == Ids{"research-not-to-lab"});
  r.purpose = "care";
  CHECK(decide(r).allow);
}

TEST_CASE("a declared right is granted, refused and given deadlines like the built-in ones") {
  auto granted = decide(rights("human_intervention", "billing"));
  CHECK(granted.allow);
  CHECK(granted.decided_by == Ids{"human-intervention"});
  CHECK(granted.explanation.find("the right “Obtain human intervention on an automated decision”") !=
        std::string::npos);
  CHECK(granted.due == "2026-04-02");
  CHECK(granted.extended_due == "2026-06-02");

  auto refused = decide(rights("human_intervention", "research"));
  CHECK_FALSE(refused.allow);
  CHECK(refused.decided_by == Ids{"human-intervention-clinical"});

  // A built-in right no rule grants: not granted.
  CHECK_FALSE(decide(rights("access", "billing")).allow);
}

TEST_CASE("an unknown right in a request lists or suggests the rights of the policy") {
  auto& b = both();
  gavel::Decider decider(b.loaded.policy);
  auto near = decider.decide(rights("human_interventio", "billing"));
  REQUIRE(near.error);
  CHECK(near.error->message == "unknown right `human_interventio`");
  CHECK(near.error->help == "did you mean `human_intervention`?");
  auto far = decider.decide(rights("sunshine", "billing"));
  REQUIRE(far.error);
  CHECK(far.error->help ==
        "one of access, rectification, erasure, restriction, portability, objection, withdraw_consent, post_mortem, "
        "human_intervention");
  CHECK_THROWS_AS(b.reference.decide(rights("sunshine", "billing")), gavel::reference::BadRequest);
}
