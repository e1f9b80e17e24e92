// The policy's own facts, special categories, age and bases of record: what a request may say
// of them, and what is refused, naming the field.
#include <catch2/catch.hpp>

#include <string>

#include "policy_fixture.hpp"

namespace gavel::test {
namespace {

// A clinic: health data under professional secrecy or explicit consent, children's consent by
// a parent, and a research purpose whose basis is chosen for each person.
const char* clinic_policy = R"gavel(
controller "Clinique du Parc SAS" {
  established in eea
}
countries eea "The European Economic Area" { DE, FR }
category identity "Surname, first name"
category health "Data concerning health" special
fact care_under_secrecy "Health care by a professional bound by professional secrecy" asserted per action
fact parental_consent "A holder of parental responsibility gave consent" recorded for the person
date last_visit "The patient's last visit"
purpose care "Provide medical care" {
  basis contract
  data identity, health
  retain 20 years after last_visit
  special data under care_under_secrecy or explicit consent
}
purpose research "Medical research" {
  basis consent or public_task, one per person
  data identity, health
  retain 5 years after last_visit
  special data under explicit consent
}
rule child "A child under 15 takes part in research only with a parent's consent"
  cites "GDPR Art. 8(1)"
  deny any action for research
  when age under 15 and not parental_consent
)gavel";

std::shared_ptr<const Policy> clinic() {
  static auto policy = [] {
    auto loaded = load_policy(clinic_policy, "clinic.gavel");
    INFO(loaded.report);
    REQUIRE(loaded.ok());
    return loaded.policy;
  }();
  return policy;
}

std::string request_with(const std::string& purpose, const std::string& extra) {
  return R"({"action":"use","purpose":")" + purpose + R"(","data":["identity"],"at":"2026-03-01")" + extra + "}";
}

}  // namespace

TEST_CASE("a request states the policy's own facts, age and bases of record") {
  Decider decider(clinic());
  for (const std::string& extra :
       {std::string(R"(,"context":{"care_under_secrecy":true,"legal_claims":false})"),
        std::string(R"(,"subject":{"facts":{"parental_consent":"2025-01-10"},"born":"2014-05-02"})"),
        std::string(R"(,"subject":{"facts":{"parental_consent":null},"age":11})"),
        std::string(R"(,"subject":{"bases":{"research":"public_task"}})"),
        std::string(R"(,"subject":{"consent":{"care":{"given":"2025-01-01","explicit":true}}})")}) {
    const auto json = request_with(extra.find("research") != std::string::npos ? "research" : "care", extra);
    INFO(json);
    const auto d = decider.decide(json);
    CHECK_FALSE(d.error);
  }
}

TEST_CASE("what a request may not say of facts, age and bases of record is refused, naming the field") {
  struct Case {
    std::string json;
    const char* field;
    const char* message;
    const char* help;
  };
  const Case cases[] = {
      {request_with("care", R"(,"context":{"parental_consent":true})"), "context.parental_consent",
       "fact `parental_consent` is recorded for the person, not asserted per action",
       "give it in `subject.facts.parental_consent`, with the day since which it holds"},
      {request_with("care", R"(,"context":{"care_under_secrecyy":true})"), "context.care_under_secrecyy",
       "unknown context fact `care_under_secrecyy`", "did you mean `care_under_secrecy`?"},
      {request_with("care", R"(,"subject":{"facts":{"care_under_secrecy":"2025-01-01"}})"),
       "subject.facts.care_under_secrecy", "fact `care_under_secrecy` is asserted per action, not recorded for the person",
       "give it in `context.care_under_secrecy`"},
      {request_with("care", R"(,"subject":{"facts":{"parental_consnt":null}})"), "subject.facts.parental_consnt",
       "unknown fact `parental_consnt`", "did you mean `parental_consent`?"},
      {request_with("care", R"(,"subject":{"facts":{"parental_consent":"2025-02-30"}})"),
       "subject.facts.parental_consent", "`2025-02-30` is not a day of the calendar", ""},
      {request_with("care", R"(,"subject":{"born":"2014-05-02","age":11})"), "subject.age",
       "`subject.born` and `subject.age` are both given",
       "state the person's age once: the date of birth, or the age at `at`"},
      {request_with("care", R"(,"subject":{"born":"2026-03-02"})"), "subject.born",
       "the person is born on 2026-03-02, after the day of the action, 2026-03-01", ""},
      {request_with("care", R"(,"subject":{"age":151})"), "subject.age",
       "`subject.age` is 151: it must be a whole number from 0 to 150", ""},
      {request_with("care", R"(,"subject":{"age":11.5})"), "subject.age",
       "`subject.age` must be a whole number from 0 to 150, not a number with a fraction or an exponent", ""},
      {request_with("care", R"(,"subject":{"age":null})"), "subject.age",
       "`subject.age` must be a whole number from 0 to 150, not null", ""},
      {request_with("care", R"(,"subject":{"bases":{"care":"contract"}})"), "subject.bases.care",
       "purpose `care` does not choose its basis per person",
       "only a purpose declared `basis … , one per person` takes the basis of a person's processing"},
      {request_with("research", R"(,"subject":{"bases":{"research":"contract"}})"), "subject.bases.research",
       "`contract` is not a basis of purpose `research`", "one of `consent`, `public_task`"},
      {request_with("research", R"(,"subject":{"bases":{"research":"consnt"}})"), "subject.bases.research",
       "`consnt` is not a basis of purpose `research`", "did you mean `consent`?"},
      {request_with("research", R"(,"subject":{"bases":{"research":"legitimate_interest"}})"),
       "subject.bases.research", "`legitimate_interest` is not a basis of purpose `research`",
       "one of `consent`, `public_task`"},
      {request_with("care", R"(,"subject":{"consent":{"care":{"given":"2025-01-01","explicit":"yes"}}})"),
       "subject.consent.care.explicit", "`subject.consent.care.explicit` must be true or false, not a string", ""},
  };
  Decider decider(clinic());
  for (const auto& c : cases) {
    INFO(c.json);
    const auto d = decider.decide(c.json);
    REQUIRE(d.error);
    CHECK_FALSE(d.allow);
    CHECK(d.error->field == c.field);
    CHECK(d.error->message == c.message);
    CHECK(d.error->help == c.help);
  }
}

TEST_CASE("the request struct carries facts, age and bases of record through JSON and back") {
  Request r;
  r.action = "use";
  r.purpose = "research";
  r.data = {"identity"};
  r.at = "2026-03-01";
  r.consent["research"] = ConsentRecord{"2025-01-01", std::nullopt, false, true};
  r.facts["parental_consent"] = std::nullopt;
  r.age = 12;
  r.bases["research"] = "consent";
  r.context = {"care_under_secrecy"};
  const std::string json = to_json(r);
  RequestError error;
  const auto back = parse_request(json, error);
  INFO(json);
  REQUIRE(back);
  CHECK(back->consent.at("research").explicit_consent);
  REQUIRE(back->facts.count("parental_consent") == 1);
  CHECK_FALSE(back->facts.at("parental_consent"));
  CHECK(back->age == 12);
  CHECK(back->bases.at("research") == "consent");
  Decider decider(clinic());
  CHECK_FALSE(decider.decide(r).error);
  CHECK(to_json(*back) == json);
}

}  // namespace gavel::test
