// Request decoding: every malformed or unknown value is refused, naming the field.
#include <catch2/catch.hpp>

#include "policy_fixture.hpp"

namespace gavel::test {
namespace {

RequestError refusal(std::string_view json) {
  static auto policy = load_small_policy();
  Decider decider(policy);
  auto d = decider.decide(json);
  INFO(json);
  REQUIRE(d.error);
  CHECK_FALSE(d.allow);
  return *d.error;
}

}  // namespace

TEST_CASE("malformed requests are refused with the field and the reason") {
  struct Case {
    const char* json;
    const char* field;
    const char* message_part;
  };
  const Case cases[] = {
      {R"({"action":"use","purpose":"mailng","data":["email"],"at":"2026-01-01"})", "purpose", "unknown purpose `mailng`"},
      {R"({"action":"use","purpose":"mailing","data":["email","idntity"],"at":"2026-01-01"})", "data[1]", "unknown data category"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-02-30"})", "at", "not a day of the calendar"},
      {R"({"action":"use","purpose":"mailing","data":["email"]})", "at", "missing required field `at`"},
      {R"({"purpose":"mailing","data":["email"],"at":"2026-01-01"})", "action", "missing required field `action`"},
      {R"({"action":"use","purpose":"mailing","at":"2026-01-01"})", "data", "missing required field `data`"},
      {R"({"action":"use","purpose":"mailing","data":[],"at":"2026-01-01"})", "data", "at least one"},
      {R"({"action":"sell","purpose":"mailing","data":["email"],"at":"2026-01-01"})", "action", "unknown action `sell`"},
      {R"({"action":"use","purpose":"mailing","data":"email","at":"2026-01-01"})", "data", "must be an array"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","recipient":"crn"})", "recipient", "unknown recipient"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","country":"usa"})", "country", "not a country code"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","country":"XX"})", "country", "not an assigned"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","context":{"legal_claimz":true}})", "context.legal_claimz", "unknown context fact"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","context":{"legal_claims":"yes"}})", "context.legal_claims", "must be true or false"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","purpse":"x"})", "purpse", "unknown field"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","at":"2026-01-02"})", "at", "given twice"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"consent":{"mailing":{"withdrawn":"2026-01-01"}}}})", "subject.consent.mailing.given", "no `given` date"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"consent":{"mailing":{"given":"2026-01-02","withdrawn":"2026-01-01"}}}})", "subject.consent.mailing.withdrawn", "before it was given"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"objections":[{"to":"marketting","at":"2026-01-01"}]}})", "subject.objections[0].to", "unknown purpose or group"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"dates":{"last_contakt":"2026-01-01"}}})", "subject.dates.last_contakt", "unknown date"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"restriction":{"until":"2026-01-01"}}})", "subject.restriction.since", "needs `since`"},
      {R"({"action":"request","purpose":"mailing","at":"2026-01-01","received":"2026-01-01"})", "right", "needs `right`"},
      {R"({"action":"request","right":"access","purpose":"mailing","at":"2026-01-01"})", "received", "needs `received`"},
      {R"({"action":"use","right":"access","purpose":"mailing","data":["email"],"at":"2026-01-01"})", "right", "only for"},
      {R"({"action":"request","right":"acess","purpose":"mailing","at":"2026-01-01","received":"2026-01-01"})", "right", "unknown right"},
      {R"([1,2,3])", "", "must be a JSON object"},
      {R"({"action":"use",)", "", "not valid JSON"},
  };
  for (const auto& c : cases) {
    auto e = refusal(c.json);
    INFO(c.json);
    INFO(e.message);
    CHECK(e.field == c.field);
    CHECK(e.message.find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("an unknown name comes with the declared name it probably meant") {
  auto e = refusal(R"({"action":"use","purpose":"mailng","data":["email"],"at":"2026-01-01"})");
  CHECK(e.help == "did you mean `mailing`?");
  e = refusal(R"({"action":"comunicate","purpose":"mailing","data":["email"],"at":"2026-01-01"})");
  CHECK(e.help == "did you mean `communicate`?");
}

TEST_CASE("requests beyond the bounds are refused, not walked") {
  std::string deep = R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":)";
  for (int i = 0; i < 40; ++i) deep += "[";
  for (int i = 0; i < 40; ++i) deep += "]";
  deep += "}";
  CHECK(refusal(deep).message == "request nests objects and arrays more than 16 deep");

  std::string big = R"({"action":"use","purpose":"mailing","at":"2026-01-01","data":[)";
  while (big.size() < 70'000) big += R"("email",)";
  big += R"("email"]})";
  CHECK(refusal(big).message.find("larger than the limit") != std::string::npos);
}

}  // namespace gavel::test

namespace gavel::test {

TEST_CASE("a request that is not JSON is refused with the line, the column and the cause") {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"action":"use","at":"2026-02-01",})", "at line 1, column 35: a `,` before `}`: remove the trailing comma"},
      {R"({"action":"use" "purpose":"x"})", "at line 1, column 17: expected `,` or `}` in an object, found `\"`"},
      {"{'action':1}", "at line 1, column 2: expected a field name in double quotes, found `'`"},
      {"{\"data\":[\"identity\",]}", "at line 1, column 21: a `,` before `]`: remove the trailing comma"},
      {R"({"a":"b\q"})", "at line 1, column 9: unknown escape `\\q` in a string"},
      {R"({"a":1} x)", "at line 1, column 9: unexpected text after the end of the request"},
      {"{\n  \"action\": \"use\",\n  \"at\": tomorrow\n}", "at line 3, column 9: expected a value, found `t`"},
      {R"({"a":)", "at line 1, column 6: expected a value, found the end of the request"},
      {"{\"a\":\"x\ty\"}", "at line 1, column 8: a control character (0x09) inside a string: escape it"},
  };
  for (const auto& c : cases) {
    auto e = refusal(c.json);
    INFO(c.json);
    CHECK(e.field.empty());
    CHECK(e.message == std::string("request is not valid JSON ") + c.message);
  }
}

TEST_CASE("a date that is not a day says which way it is wrong") {
  auto e = refusal(R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-02-30"})");
  CHECK(e.message == "`2026-02-30` is not a day of the calendar");
  e = refusal(R"({"action":"use","purpose":"mailing","data":["email"],"at":"26-02-01"})");
  CHECK(e.message == "`26-02-01` is not a date: not in YYYY-MM-DD form");
  CHECK(e.help == "dates are written YYYY-MM-DD, e.g. 2026-11-26");
  e = refusal(R"({"action":"use","purpose":"mailing","data":["email"],"at":"3026-02-01"})");
  CHECK(e.message == "`3026-02-01` is outside 1900-01-01 … 2999-12-31");
}

}  // namespace gavel::test
