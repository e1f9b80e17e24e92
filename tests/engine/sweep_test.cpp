// gavel::Sweeper: the obligations due for one person on a day, on a policy built for it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gavel/gavel.hpp"

namespace {

// Each way an obligation arises: the end of retention (erase, or archive), the end of the
// archive period, a withdrawn consent, and a rule that concerns one category only.
const char* sweep_policy = R"gavel(
controller "Sweep SAS" { established in eea }
countries eea "EEA" { FR, DE }
category identity "Identity"
category email "E-mail address"
category invoices "Invoices"
category logs "Connection logs"
date last_contact "Last contact"
date contract_end "End of contract"
purpose mailing "Newsletter" {
  basis consent
  data identity, email
  retain until consent withdrawn, at most 3 years after last_contact
}
purpose billing "Billing" {
  basis contract
  data identity, invoices
  retain 1 year after contract_end
  then archive for 2 years
}
purpose security "Security" {
  basis legitimate_interest
  data identity, logs
}

rule end-of-retention "At the end of retention, erase or archive"
  cites "GDPR Art. 5(1)(e)"
  oblige end of retention for mailing, billing
  when retention over and not archive period over
  unless legal_claims

rule end-of-archive "After retention, erase at the end of the archive period"
  cites "GDPR Art. 5(1)(e)", "Code civil Art. 2224"
  oblige end of archive for billing
  when retention over

rule consent-withdrawn "Erase what consent covered once it is withdrawn"
  cites "GDPR Art. 17(1)(b)"
  oblige erase for mailing
  when consent withdrawn
  unless legal_claims

rule logs-unlawful "Logs kept unlawfully are erased"
  cites "GDPR Art. 17(1)(d)"
  oblige erase for security
  when unlawful and data includes logs
)gavel";

std::shared_ptr<const gavel::Policy> load() {
  auto loaded = gavel::load_policy(sweep_policy, "sweep.gavel");
  INFO(loaded.report);
  REQUIRE(loaded.ok());
  return loaded.policy;
}

// `purpose duty by rule [data…]`, one string per obligation, for comparing whole results.
std::vector<std::string> rows(const gavel::SubjectObligations& out) {
  std::vector<std::string> result;
  for (const auto& o : out.obligations) {
    std::string row = std::string(o.purpose) + " " + std::string(o.duty) + " " + (o.by.empty() ? "-" : o.by) + " " +
                      std::string(o.rule);
    for (auto d : o.data) row += " " + std::string(d);
    result.push_back(row);
  }
  return result;
}

}  // namespace

TEST_CASE("sweep: retention over gives its duty by the day after its end") {
  gavel::Sweeper sweeper(load());
  gavel::SubjectObligations out;
  // mailing: last contact 2022-03-01, so kept through 2025-03-01; billing: the contract
  // ended 2024-06-30, kept through 2025-06-30, archived through 2027-06-30.
  REQUIRE(sweeper.sweep_line(
      R"({"id":"p1","subject":{"consent":{"mailing":{"given":"2021-01-01"}},"dates":{"last_contact":"2022-03-01","contract_end":"2024-06-30"}}})",
      "2026-01-15", out));
  CHECK(out.id == "p1");
  CHECK(out.id_json == R"("p1")");
  CHECK_FALSE(out.id_is_number);
  CHECK(rows(out) == std::vector<std::string>{"mailing erase 2025-03-02 end-of-retention identity email",
                                              "billing archive 2025-07-01 end-of-retention identity invoices",
                                              "billing erase 2027-07-01 end-of-archive identity invoices"});
  const auto& first = out.obligations.front();
  CHECK(first.title == "At the end of retention, erase or archive");
  CHECK(first.source == "sweep.gavel:26");
  REQUIRE(first.cites.size() == 1);
  CHECK(first.cites[0] == "GDPR Art. 5(1)(e)");
}

TEST_CASE("sweep: the archive period over gives the erasure, and retention not over gives nothing") {
  gavel::Sweeper sweeper(load());
  gavel::SubjectObligations out;
  REQUIRE(sweeper.sweep_line(R"({"id":7,"subject":{"dates":{"contract_end":"2020-01-10","last_contact":null}}})",
                             "2026-01-15", out));
  CHECK(out.id == "7");
  CHECK(out.id_is_number);
  CHECK(rows(out) == std::vector<std::string>{"billing erase 2023-01-11 end-of-archive identity invoices"});
  // A contract running on: nothing is due.
  REQUIRE(sweeper.sweep_line(R"({"id":8,"subject":{"dates":{"contract_end":null,"last_contact":null}}})",
                             "2026-01-15", out));
  CHECK(out.obligations.empty());
  CHECK_FALSE(out.error);
}

TEST_CASE("sweep: what the controller asserts sets a duty aside") {
  gavel::Sweeper sweeper(load());
  gavel::SubjectObligations out;
  const std::string subject = R"("subject":{"consent":{"mailing":{"given":"2025-01-01","withdrawn":"2025-12-01"}},"dates":{"last_contact":"2025-11-01","contract_end":null}})";
  REQUIRE(sweeper.sweep_line("{\"id\":\"a\"," + subject + "}", "2026-01-15", out));
  CHECK(rows(out) == std::vector<std::string>{"mailing erase 2025-12-01 end-of-retention identity email",
                                              "mailing erase - consent-withdrawn identity email"});
  REQUIRE(sweeper.sweep_line("{\"id\":\"a\"," + subject + R"(,"context":{"legal_claims":true}})", "2026-01-15", out));
  CHECK(out.obligations.empty());
}

TEST_CASE("sweep: a rule on one category concerns that category only") {
  gavel::Sweeper sweeper(load());
  gavel::SubjectObligations out;
  REQUIRE(sweeper.sweep_line(R"({"id":"u","subject":{"unlawful":true,"dates":{"last_contact":null,"contract_end":null}}})",
                             "2026-01-15", out));
  CHECK(rows(out) == std::vector<std::string>{"security erase - logs-unlawful logs"});
}

TEST_CASE("sweep: a fact the record does not give makes no duty") {
  gavel::Sweeper sweeper(load());
  gavel::SubjectObligations out;
  // No dates at all: whether retention is over is not known.
  REQUIRE(sweeper.sweep_line(R"({"id":"x","subject":{}})", "2026-01-15", out));
  CHECK(out.obligations.empty());
  CHECK_FALSE(out.error);
}

TEST_CASE("sweep: a malformed subject gets the error a request with it gets") {
  auto policy = load();
  gavel::Sweeper sweeper(policy);
  gavel::Decider decider(policy);
  gavel::SubjectObligations out;
  const std::vector<std::string> subjects = {
      R"({"consent":{"mailng":{"given":"2025-01-01"}}})",
      R"({"dates":{"last_contact":"2025-02-30"}})",
      R"({"consent":{"mailing":{"given":"2025-03-01","withdrawn":"2025-01-01"}}})",
      R"({"objections":[{"to":"mailing"}]})",
      R"({"unlawful":"yes"})",
      R"({"dates":{"last_contact":"2025-01-01","last_contact":"2025-01-02"}})",
      R"({"colour":"blue"})",
      R"({"born":"2000-01-01","age":3})",
  };
  for (const auto& subject : subjects) {
    INFO(subject);
    const auto decided = decider.decide(
        R"({"action":"store","purpose":"mailing","data":["identity"],"at":"2026-01-15","subject":)" + subject + "}");
    REQUIRE(decided.error);
    REQUIRE_FALSE(sweeper.sweep_line(R"({"id":1,"subject":)" + subject + "}", "2026-01-15", out));
    REQUIRE(out.error);
    CHECK(out.error->field == decided.error->field);
    CHECK(out.error->message == decided.error->message);
    CHECK(out.error->code == decided.error->code);
    CHECK(out.obligations.empty());
    // The same through the parts a database row gives.
    REQUIRE_FALSE(sweeper.obligations_due(subject, "", "2026-01-15", out));
    REQUIRE(out.error);
    CHECK(out.error->message == decided.error->message);
  }
  // The context, as a request's.
  REQUIRE_FALSE(sweeper.sweep_line(R"({"id":1,"subject":{},"context":{"legal_claim":true}})", "2026-01-15", out));
  CHECK(out.error->field == "context.legal_claim");
  CHECK(out.error->code == "request.unknown_context_fact");
}

TEST_CASE("sweep: a malformed line is refused with what is wrong and where") {
  gavel::Sweeper sweeper(load());
  gavel::SubjectObligations out;
  struct Case {
    const char* line;
    const char* field;
    const char* message;
    const char* code;
  };
  const Case cases[] = {
      {R"({"subject":{}})", "id", "missing required field `id`", "request.missing_field"},
      {R"({"id":"a"})", "subject", "missing required field `subject`", "request.missing_field"},
      {R"({"id":"a","subjet":{}})", "subjet", "unknown field `subjet`", "request.unknown_field"},
      {R"({"id":"a","id":"b","subject":{}})", "id", "field `id` is given twice", "request.duplicate_field"},
      {R"({"id":1.5,"subject":{}})", "id", "`id` must be a string or a whole number, not a number with a fraction or an exponent",
       "request.wrong_type"},
      {R"({"id":123456789012345678901234567890,"subject":{}})", "id", "`id` is a whole number beyond 64 bits",
       "request.out_of_bounds"},
      {R"({"id":01,"subject":{}})", "", "line is not valid JSON: `01` is not a number JSON writes", "request.invalid_json"},
      {R"({"id":null,"subject":{}})", "id", "`id` must be a string or a whole number, not null", "request.wrong_type"},
      {R"({"id":"a","subject":[]})", "subject", "`subject` must be an object, not an array", "request.wrong_type"},
      {R"([1,2])", "", "a line must be a JSON object", "request.not_object"},
      {R"({"id":"a","subject":{"unlawful":tru}})", "", "line is not valid JSON at line 1, column 33: expected a value, found `t`",
       "request.invalid_json"},
      {R"({"id":"a","subject":{}} x)", "", "line is not valid JSON at line 1, column 25: unexpected text after the end of the request",
       "request.invalid_json"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    REQUIRE_FALSE(sweeper.sweep_line(c.line, "2026-01-15", out));
    REQUIRE(out.error);
    CHECK(out.error->field == c.field);
    CHECK(out.error->message == c.message);
    CHECK(out.error->code == c.code);
  }
  CHECK(out.error->help.empty());
  REQUIRE_FALSE(sweeper.sweep_line(R"({"id":"a","subjet":{}})", "2026-01-15", out));
  CHECK(out.error->help == "did you mean `subject`?");
  // The day is checked as a request's `at` is.
  REQUIRE_FALSE(sweeper.sweep_line(R"({"id":"a","subject":{}})", "2026-02-30", out));
  CHECK(out.error->field == "day");
  CHECK(out.error->code == "request.invalid_date");
}

TEST_CASE("sweep: a due day past 2999-12-31 is an error, never an earlier day") {
  gavel::Sweeper sweeper(load());
  gavel::SubjectObligations out;
  REQUIRE_FALSE(sweeper.sweep_line(R"({"id":"far","subject":{"dates":{"contract_end":"2998-01-10","last_contact":null}}})",
                                   "2999-12-31", out));
  REQUIRE(out.error);
  CHECK(out.error->field == "subject.dates.contract_end");
  CHECK(out.obligations.empty());
}

TEST_CASE("sweep: the same sweeper gives the same answer for a person whatever came before") {
  gavel::Sweeper sweeper(load());
  gavel::SubjectObligations out;
  const std::string line =
      R"({"id":"p","subject":{"unlawful":true,"consent":{"mailing":{"given":"2021-01-01","withdrawn":"2022-01-01"}},"dates":{"last_contact":"2022-03-01","contract_end":"2024-06-30"}}})";
  REQUIRE(sweeper.sweep_line(line, "2026-01-15", out));
  const auto first = rows(out);
  CHECK(first.size() == 5);
  REQUIRE_FALSE(sweeper.sweep_line(R"({"id":"bad","subject":{"unlawful":1}})", "2026-01-15", out));
  REQUIRE(sweeper.sweep_line(R"({"id":"x","subject":{}})", "2026-01-15", out));
  REQUIRE(sweeper.sweep_line(line, "2026-01-15", out));
  CHECK(rows(out) == first);
}

TEST_CASE("sweep: a null policy is a programming error") {
  CHECK_THROWS_AS(gavel::Sweeper(nullptr), std::invalid_argument);
}

// The sweeper reads a person once and decides each purpose from the same facts, changing the
// purpose and its data in place: it must find what deciding each purpose's request afresh
// finds, on the bundled policies and generated people.
TEST_CASE("sweep: each purpose's obligations are those of a request to store its data") {
  for (const char* name : {"flexis", "tilleuls", "valsaone"}) {
    auto loaded = gavel::load_policy_file(std::string(GAVEL_SOURCE_DIR "/rules/") + name + ".gavel");
    INFO(name << "\n" << loaded.report);
    REQUIRE(loaded.ok());
    gavel::Sweeper sweeper(loaded.policy);
    gavel::Decider decider(loaded.policy);
    gavel::TrafficGenerator generator(loaded.policy, 11);
    const auto vocabulary = gavel::vocabulary(*loaded.policy);
    gavel::SubjectObligations found;
    std::size_t obligations = 0;
    for (int i = 0; i < 400; ++i) {
      std::string line;
      generator.next_subject(line);
      INFO(line);
      REQUIRE(sweeper.sweep_line(line, "2026-12-01", found));
      // {"id":N,"subject":{…}[,"context":{…}]}
      const auto subject_at = line.find(R"("subject":)") + 10;
      const auto context_at = line.find(R"(,"context":)");
      const std::string subject = line.substr(subject_at, (context_at == std::string::npos ? line.size() - 1 : context_at) - subject_at);
      const std::string context = context_at == std::string::npos ? "" : line.substr(context_at, line.size() - 1 - context_at);
      std::vector<std::string> expected, actual;
      for (const auto& purpose : vocabulary.purposes) {
        std::string request = R"({"action":"store","purpose":")" + purpose.name + R"(","data":[)";
        for (std::size_t d = 0; d < purpose.data.size(); ++d) request += (d ? ",\"" : "\"") + purpose.data[d] + "\"";
        request += R"(],"at":"2026-12-01","subject":)" + subject + context + "}";
        const auto decision = decider.decide(request);
        REQUIRE_FALSE(decision.error);
        for (const auto& o : decision.obligations)
          expected.push_back(purpose.name + " " + o.kind + " " + o.by.value_or("-") + " " + o.rule);
      }
      for (const auto& o : found.obligations) {
        actual.push_back(std::string(o.purpose) + " " + std::string(o.duty) + " " + (o.by.empty() ? "-" : o.by) + " " +
                         std::string(o.rule));
        CHECK(o.data.size() == vocabulary.purpose(o.purpose)->data.size());
      }
      CHECK(actual == expected);
      obligations += actual.size();
    }
    CHECK(obligations > 100);
  }
}
