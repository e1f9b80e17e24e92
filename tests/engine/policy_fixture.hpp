// A small policy exercising every kind of conclusion, for the engine's tests.
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "gavel/gavel.hpp"

namespace gavel::test {

inline const char* small_policy = R"gavel(
controller "Example SAS" {
  established in eea
  holidays france
}
countries eea "EEA" { FR, DE, NO }
countries adequate "Adequacy" { CH, JP }
calendar france "French holidays" {
  holiday "Labour Day" on 1 May
  holiday "Easter Monday" on 1 day after Easter
}
category identity "Identity"
category email "E-mail address"
category logs "Connection logs"
date last_contact "Last contact"
purpose mailing "Newsletter" {
  basis consent
  data identity, email
  retain until consent withdrawn, at most 3 years after last_contact
  then archive
  processed by automated means
}
purpose support "Answering requests" {
  basis legitimate_interest
  data identity, email
  retain 1 year after last_contact
}
purpose audit "Audit" {
  basis legal_obligation
  data logs
}
group marketing "Marketing" { mailing }
recipient crm "CRM provider" { receives identity, email }
respond within 1 month, extendable by 2 months

rule marketing-objection "An objection to marketing stops it"
  cites "GDPR Art. 21(3)"
  deny any action for marketing
  when objected to marketing

rule objection-li "An objection defeats legitimate interest"
  cites "GDPR Art. 21(1)"
  defeat basis legitimate_interest
  when objected to purpose
  unless compelling_grounds

rule retention-limit "Past retention, data is not used"
  cites "GDPR Art. 5(1)(e)"
  deny any action except archive, erase
  when retention over
  unless legal_claims

rule archiving "Past retention, data may be archived"
  cites "GDPR Art. 17(3)(e)"
  allow archive
  when retention over

rule restricted-storage "Restricted data is only stored"
  cites "GDPR Art. 18(2)"
  deny any action except store
  when restricted
  unless legal_claims
  overrides archiving

rule transfers "Transfers need adequacy or clauses"
  cites "GDPR Art. 44"
  deny any action
  when country outside eea and country outside adequate
  unless standard_contractual_clauses

rule recipients "Recipients get only their data"
  cites "GDPR Art. 28"
  deny any action
  when recipient may not receive data

rule end-of-retention "Erase or archive at the end of retention"
  cites "GDPR Art. 5(1)(e)"
  oblige end of retention

rule access-right "Access is always granted"
  cites "GDPR Art. 15"
  grant access

rule erasure-right "Erasure after withdrawal"
  cites "GDPR Art. 17(1)(b)"
  grant erasure
  when consent withdrawn or retention over
  unless legal_obligation
)gavel";

inline std::shared_ptr<const Policy> load_small_policy() {
  auto loaded = load_policy(small_policy, "small.gavel");
  INFO(loaded.report);
  REQUIRE(loaded.ok());
  return loaded.policy;
}

// A request on `purpose` on day `day` of February 2026, with a consent, an objection to
// `support` from the 10th and a restriction from the 20th: answers vary with the day.
inline std::string fmt_request(const char* purpose, int day) {
  char at[11];
  std::snprintf(at, sizeof at, "2026-02-%02d", day);
  return std::string(R"({"action":"use","purpose":")") + purpose + R"(","data":[")" +
         (std::string(purpose) == "audit" ? "logs" : "email") + R"("],"at":")" + at +
         R"(","subject":{"consent":{"mailing":{"given":"2026-02-05","withdrawn":"2026-02-25"}},)"
         R"("objections":[{"to":"support","at":"2026-02-10"}],"restriction":{"since":"2026-02-20","until":"2026-02-22"},)"
         R"("dates":{"last_contact":"2025-05-01"}},"context":{"legal_obligation":true}})";
}

}  // namespace gavel::test
