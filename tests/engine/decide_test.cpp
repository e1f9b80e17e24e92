// The evaluator against docs/language.md, "What a decision means", on a small policy.
#include <catch2/catch.hpp>

#include "policy_fixture.hpp"

namespace gavel::test {
namespace {

Request mailing(std::string at) {
  Request r;
  r.action = "communicate";
  r.purpose = "mailing";
  r.data = {"identity", "email"};
  r.at = std::move(at);
  r.dates["last_contact"] = "2025-05-01";
  return r;
}

Decision decide(const Request& r) {
  static auto policy = load_small_policy();
  Decider decider(policy);
  auto d = decider.decide(r, {.trace = true, .explain = true});
  INFO(d.explanation);
  REQUIRE_FALSE(d.error);
  return d;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("consent covers the days from its giving to the day before its withdrawal") {
  auto r = mailing("2026-01-10");
  r.consent["mailing"] = {"2026-01-10", "2026-03-01"};
  CHECK(decide(r).allow);  // the day it is given

  r.at = "2026-01-09";
  auto before = decide(r);
  CHECK_FALSE(before.allow);
  CHECK(before.decided_by == Ids{"mailing.consent"});

  r.at = "2026-02-28";
  CHECK(decide(r).allow);  // the day before withdrawal

  r.at = "2026-03-01";
  auto withdrawn = decide(r);
  CHECK_FALSE(withdrawn.allow);
  CHECK(withdrawn.explanation.find("withdrew that consent on 2026-03-01") != std::string::npos);
}

TEST_CASE("no consent record: denied, and the response names the missing fact") {
  auto d = decide(mailing("2026-01-10"));
  CHECK_FALSE(d.allow);
  CHECK(d.missing == Ids{"subject.consent.mailing"});
}

TEST_CASE("an allow names the basis that held") {
  auto r = mailing("2026-01-10");
  r.consent["mailing"] = {"2025-01-01", std::nullopt};
  auto d = decide(r);
  CHECK(d.allow);
  CHECK(d.decided_by == Ids{"mailing.consent"});
  CHECK(d.missing.empty());
}

TEST_CASE("an objection to a group denies its purposes") {
  auto r = mailing("2026-01-10");
  r.consent["mailing"] = {"2025-01-01", std::nullopt};
  r.objections.push_back({"marketing", "2026-01-10"});
  auto d = decide(r);
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by == Ids{"marketing-objection"});

  r.objections[0].at = "2026-01-11";  // an objection made later does not reach back
  CHECK(decide(r).allow);
}

TEST_CASE("a defeat-basis rule sets legitimate interest aside unless its exception holds") {
  Request r;
  r.action = "use";
  r.purpose = "support";
  r.data = {"email"};
  r.at = "2026-01-10";
  r.dates["last_contact"] = "2025-05-01";
  CHECK(decide(r).decided_by == Ids{"support.legitimate_interest"});

  r.objections.push_back({"support", "2026-01-01"});
  auto d = decide(r);
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by == Ids{"support.legitimate_interest"});
  REQUIRE_FALSE(d.trace.empty());
  CHECK(d.trace.front().outcome == "fails");

  r.context = {"compelling_grounds"};
  auto excepted = decide(r);
  CHECK(excepted.allow);
  bool saw_exception = false;
  for (const auto& step : excepted.trace)
    if (step.rule == "objection-li") {
      saw_exception = true;
      CHECK(step.outcome == "excepted");
    }
  CHECK(saw_exception);
}

TEST_CASE("retention ends on the computed day and a missing date counts as over") {
  Request r;
  r.action = "use";
  r.purpose = "support";
  r.data = {"email"};
  r.dates["last_contact"] = "2024-02-29";
  r.at = "2025-02-28";  // 1 year after 2024-02-29 ends on 2025-02-28
  CHECK(decide(r).allow);
  r.at = "2025-03-01";
  auto over = decide(r);
  CHECK_FALSE(over.allow);
  CHECK(over.decided_by == Ids{"retention-limit"});

  r.context = {"legal_claims"};
  CHECK(decide(r).allow);

  r.context.clear();
  r.dates.clear();
  auto missing = decide(r);
  CHECK_FALSE(missing.allow);
  CHECK(missing.missing == Ids{"subject.dates.last_contact"});
}

TEST_CASE("an allow rule permits without a basis, and an override settles a clash") {
  auto r = mailing("2029-01-10");  // after 3 years from 2025-05-01
  r.action = "archive";
  auto archived = decide(r);  // no consent, but the archiving rule allows it
  CHECK(archived.allow);
  CHECK(archived.decided_by == Ids{"archiving"});

  r.restriction = Restriction{"2028-01-01", std::nullopt};
  auto restricted = decide(r);
  CHECK_FALSE(restricted.allow);
  CHECK(restricted.decided_by == Ids{"restricted-storage"});
  bool overridden = false;
  for (const auto& step : restricted.trace)
    if (step.rule == "archiving") overridden = step.outcome == "overridden";
  CHECK(overridden);
}

TEST_CASE("an allow and a deny standing together conflict, and the decision is deny") {
  auto r = mailing("2029-01-10");
  r.action = "archive";
  r.objections.push_back({"marketing", "2026-01-01"});
  auto d = decide(r);
  CHECK_FALSE(d.allow);
  REQUIRE(d.conflicts.size() == 1);
  CHECK(d.conflicts[0] == std::pair<std::string, std::string>{"marketing-objection", "archiving"});
}

TEST_CASE("transfers outside the home countries need adequacy or clauses") {
  auto r = mailing("2026-01-10");
  r.consent["mailing"] = {"2025-01-01", std::nullopt};
  r.country = "DE";
  CHECK(decide(r).allow);
  r.country = "JP";
  CHECK(decide(r).allow);
  r.country = "US";
  CHECK(decide(r).decided_by == Ids{"transfers"});
  r.context = {"standard_contractual_clauses"};
  CHECK(decide(r).allow);
}

TEST_CASE("a recipient receives only the categories listed for it") {
  Request r;
  r.action = "disclose";
  r.purpose = "audit";
  r.data = {"logs"};
  r.at = "2026-01-10";
  r.context = {"legal_obligation"};
  CHECK(decide(r).allow);
  r.recipient = "crm";
  auto d = decide(r);
  CHECK(d.decided_by == Ids{"recipients"});
  CHECK(d.explanation.find("CRM provider may not receive the data “logs”") != std::string::npos);
}

TEST_CASE("the end-of-retention obligation falls on the first day after retention") {
  auto r = mailing("2026-01-10");
  r.consent["mailing"] = {"2025-01-01", std::nullopt};
  auto d = decide(r);
  REQUIRE(d.obligations.size() == 1);
  CHECK(d.obligations[0].kind == "archive");
  CHECK(d.obligations[0].by == "2028-05-02");
}

TEST_CASE("rights requests: granted when a grant rule stands, with the answer's deadlines") {
  Request r;
  r.action = "request";
  r.right = "access";
  r.purpose = "mailing";
  r.at = "2026-08-05";
  r.received = "2026-08-05";
  r.dates["last_contact"] = "2026-01-01";
  auto d = decide(r);
  CHECK(d.allow);
  CHECK(d.decided_by == Ids{"access-right"});
  CHECK(d.due == "2026-09-07");           // 2026-09-05 is a Saturday
  CHECK(d.extended_due == "2026-11-05");  // three months from receipt

  r.right = "erasure";
  CHECK_FALSE(decide(r).allow);  // consent not withdrawn, retention running
  r.consent["mailing"] = {"2025-01-01", "2026-06-01"};
  CHECK(decide(r).allow);
  r.context = {"legal_obligation"};
  CHECK_FALSE(decide(r).allow);

  r.received = "2026-03-31";  // 2026-04-30 + … ; 2026-04-30 is a Thursday
  r.context.clear();
  CHECK(decide(r).due == "2026-04-30");
  r.received = "2026-04-01";  // one month ends 2026-05-01, Labour Day (a Friday)
  CHECK(decide(r).due == "2026-05-04");
}

TEST_CASE("a deadline after 2999-12-31 is not reported: the request is not decided") {
  auto policy = load_small_policy();
  Decider decider(policy);
  Request r;
  r.action = "request";
  r.right = "access";
  r.purpose = "mailing";
  r.at = "2999-12-15";
  r.received = "2999-12-15";  // one month later is in 3000: was granted, due "2999-12-31"
  r.dates["last_contact"] = "2999-01-01";  // retention past the range too: the deadline is named first
  auto d = decider.decide(r);
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by.empty());
  CHECK_FALSE(d.due);
  CHECK_FALSE(d.extended_due);
  REQUIRE(d.error);
  CHECK(d.error->field == "received");
  std::string out;
  CHECK_FALSE(decider.decide_json(R"({"action":"request","right":"access","purpose":"mailing","at":"2999-12-15",
    "received":"2999-12-15"})", out));
  CHECK(out == R"({"error":{"field":"received","message":"the answer to a request received on 2999-12-15 would )"
               R"(be due after 2999-12-31, the last day gavel supports","help":"under `respond within 1 month`, )"
               R"(gavel can decide requests received up to 2999-11-30","code":"request.date_out_of_range"}})");

  // The first period ends in range, the extended one does not (three months from receipt).
  r.at = "2999-10-15";
  r.received = "2999-10-15";
  d = decider.decide(r);
  CHECK_FALSE(d.allow);
  CHECK_FALSE(d.due);
  CHECK_FALSE(d.extended_due);
  (void)decider.decide_json(R"({"action":"request","right":"access","purpose":"mailing","at":"2999-10-15",
    "received":"2999-10-15"})", out);
  CHECK(out.find(R"({"error":{"field":"received","message":"the extended answer to a request received on )"
                 R"(2999-10-15 would be due after 2999-12-31)") == 0);
  CHECK(out.find("received up to 2999-09-30") != std::string::npos);

  // The last day that works: due 2999-12-30 (a Monday), extended 2999-12-30.
  r.at = "2999-09-30";
  r.received = "2999-09-30";
  r.dates["last_contact"] = "2996-10-01";  // retention to 2999-10-01, not past the range
  d = decider.decide(r);
  CHECK(d.allow);
  CHECK(d.due == "2999-10-30");
  CHECK(d.extended_due == "2999-12-30");
}

TEST_CASE("an end of retention after 2999-12-31 is not reported: the request is not decided") {
  auto policy = load_small_policy();
  Decider decider(policy);
  Request r;
  r.action = "use";
  r.purpose = "support";
  r.data = {"identity"};
  r.at = "2999-06-01";
  r.dates["last_contact"] = "2999-01-01";  // kept 1 year: to 3000-01-01, erased from 3000-01-02
  auto d = decider.decide(r);
  CHECK_FALSE(d.allow);
  CHECK(d.obligations.empty());
  REQUIRE(d.error);
  CHECK(d.error->field == "subject.dates.last_contact");
  std::string out;
  CHECK_FALSE(decider.decide_json(R"({"action":"use","purpose":"support","data":["identity"],"at":"2999-06-01",
    "subject":{"dates":{"last_contact":"2999-01-01"}}})", out));
  CHECK(out == R"({"error":{"field":"subject.dates.last_contact","message":"the data kept 1 year after 2999-01-01 )"
               R"x(would be erased after 2999-12-31, the last day gavel supports (rule `end-of-retention`)",)x"
               R"("code":"request.date_out_of_range"}})");

  // Retention through 2999-12-30: erased from 2999-12-31, in range.
  r.dates["last_contact"] = "2998-12-30";
  d = decider.decide(r);
  CHECK(d.allow);
  REQUIRE(d.obligations.size() == 1);
  CHECK(d.obligations[0].by == "2999-12-31");
  // Through 2999-12-31: the obligation would fall on 3000-01-01.
  r.dates["last_contact"] = "2998-12-31";
  CHECK(decider.decide(r).obligations.empty());
}

TEST_CASE("a retention past 2999-12-31 is not over, and its explanation names no day past the range") {
  const auto loaded = load_policy(R"(
controller "X" { established in home }
countries home "Home" { FR }
category c "Data"
date last "Last"
purpose p "P" { basis legitimate_interest data c retain 1 year after last }
rule expired "Expired" cites "Art. 5" deny use when retention over
rule kept "Kept" cites "Art. 6" allow use when not retention over
)", "p.gavel");
  REQUIRE(loaded.ok());
  Decider decider(loaded.policy);
  Request r;
  r.action = "use";
  r.purpose = "p";
  r.data = {"c"};
  r.at = "2999-12-31";
  r.dates["last"] = "2999-06-01";
  const auto d = decider.decide(r, {.trace = true, .explain = true});
  INFO(d.explanation);
  REQUIRE_FALSE(d.error);
  CHECK(d.allow);
  // It said the retention "runs until 2999-12-31", a day the period does not end on.
  CHECK(d.explanation.find("the retention period for the purpose “p” runs past 2999-12-31, the last day gavel supports") !=
        std::string::npos);
  r.dates["last"] = "2998-12-30";  // ends 2999-12-30: over on the 31st
  CHECK_FALSE(decider.decide(r).allow);
}

TEST_CASE("the struct and the JSON request give the same decision") {
  auto policy = load_small_policy();
  Decider decider(policy);
  auto r = mailing("2026-01-10");
  r.consent["mailing"] = {"2025-01-01", std::nullopt};
  r.objections.push_back({"marketing", "2026-01-01"});
  const auto from_struct = decider.decide(r);
  const auto from_json = decider.decide(std::string_view(R"({"action":"communicate","purpose":"mailing",
    "data":["identity","email"],"at":"2026-01-10","subject":{"consent":{"mailing":{"given":"2025-01-01"}},
    "objections":[{"to":"marketing","at":"2026-01-01"}],"dates":{"last_contact":"2025-05-01"}}})"));
  REQUIRE_FALSE(from_json.error);
  CHECK(from_struct.allow == from_json.allow);
  CHECK(from_struct.decided_by == from_json.decided_by);
}

TEST_CASE("the JSON response carries the decision, its reasons and the trace when asked") {
  auto policy = load_small_policy();
  Decider decider(policy);
  std::string out;
  REQUIRE(decider.decide_json(R"({"action":"use","purpose":"audit","data":["logs"],"at":"2026-01-10"})", out));
  CHECK(out == R"({"decision":"deny","decided_by":["audit.legal_obligation"],"obligations":[]})");
  REQUIRE(decider.decide_json(
      R"({"action":"use","purpose":"audit","data":["logs"],"at":"2026-01-10","context":{"legal_obligation":true}})",
      out, {.trace = true}));
  CHECK(out.find(R"("decision":"allow")") != std::string::npos);
  CHECK(out.find(R"("trace":[{"rule":"audit.legal_obligation")") != std::string::npos);
  CHECK(out.find(R"("source":"small.gavel:)") != std::string::npos);
}

}  // namespace gavel::test
