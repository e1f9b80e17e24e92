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
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"consent":{"mailing":{"withdrawn":"2026-01-01"}}}})", "subject.consent.mailing.given", "missing required field `given` in `subject.consent.mailing`"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"consent":{"mailing":{"given":"2026-01-02","withdrawn":"2026-01-01"}}}})", "subject.consent.mailing.withdrawn", "before it was given"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"objections":[{"to":"marketting","at":"2026-01-01"}]}})", "subject.objections[0].to", "unknown purpose or group"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"dates":{"last_contakt":"2026-01-01"}}})", "subject.dates.last_contakt", "unknown date"},
      {R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01","subject":{"restriction":{"until":"2026-01-01"}}})", "subject.restriction.since", "missing required field `since` in `subject.restriction`"},
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

TEST_CASE("a key given twice, at any depth, makes the request malformed") {
  // Each of these once turned a deny into an allow: the last value was read, or the first.
  const std::string head = R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01",)";
  struct Case {
    std::string tail;
    const char* field;
  };
  const Case cases[] = {
      {R"("subject":{"consent":{"mailing":{"given":"2024-01-10","withdrawn":"2025-01-01","withdrawn":null}}}})",
       "subject.consent.mailing.withdrawn"},
      {R"("subject":{"consent":{"mailing":{"given":"2024-01-10","given":"2025-01-01"}}}})", "subject.consent.mailing.given"},
      {R"("subject":{"consent":{"mailing":{"given":"2024-01-10"},"mailing":{"given":"2025-01-01"}}}})",
       "subject.consent.mailing"},
      {R"("subject":{"unlawful":true,"unlawful":false}})", "subject.unlawful"},
      {R"("subject":{"restriction":{"since":"2025-01-01","until":"2025-02-01","until":null}}})", "subject.restriction.until"},
      {R"("subject":{"restriction":{"since":"2025-01-01"},"restriction":null}})", "subject.restriction"},
      {R"("subject":{"objections":[{"to":"mailing","at":"2025-01-01","to":"marketing"}]}})", "subject.objections[0].to"},
      {R"("subject":{"objections":[{"to":"mailing","at":"2025-01-01","at":"2027-01-01"}]}})", "subject.objections[0].at"},
      {R"("subject":{"dates":{"last_contact":"2025-01-01"},"dates":{}}})", "subject.dates"},
      {R"("subject":{"dates":{"last_contact":"2025-01-01","last_contact":"2020-01-01"}}})", "subject.dates.last_contact"},
      {R"("context":{"legal_claims":true,"legal_claims":false}})", "context.legal_claims"},
      {R"("subject":{},"subject":{"unlawful":true}})", "subject"},
      {R"("context":{},"context":{}})", "context"},
      // the same key spelt with an escape is the same key
      {R"("subject":{"unlawful":true,"unlawful":false}})", "subject.unlawful"},
  };
  for (const auto& c : cases) {
    auto e = refusal(head + c.tail);
    INFO(c.tail);
    CHECK(e.field == c.field);
    CHECK(e.message == "field `" + std::string(c.field) + "` is given twice");
    // parse_request (what --why-not and the playground search from) reads it the same way
    RequestError shape;
    CHECK_FALSE(parse_request(head + c.tail, shape));
    CHECK(shape.field == c.field);
  }
}

TEST_CASE("a field the contract does not know is refused at any depth") {
  const std::string head = R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01",)";
  struct Case {
    std::string tail;
    const char* field;
    const char* message;
    const char* help;
  };
  const Case cases[] = {
      {R"("subject":{"consent":{"mailing":{"given":"2024-01-10","withdrawm":"2025-01-01"}}}})",
       "subject.consent.mailing.withdrawm", "unknown field `withdrawm` in `subject.consent.mailing`",
       "did you mean `withdrawn`?"},
      {R"("subject":{"objections":[{"to":"mailing","at":"2025-01-01","on":"x"}]}})", "subject.objections[0].on",
       "unknown field `on` in `subject.objections[0]`", ""},
      {R"("subject":{"unlawfull":true}})", "subject.unlawfull", "unknown field `unlawfull` in `subject`",
       "did you mean `unlawful`?"},
      {R"("subject":{"restriction":{"since":"2025-01-01","untill":null}}})", "subject.restriction.untill",
       "unknown field `untill` in `subject.restriction`", "did you mean `until`?"},
      // a field of the subject written at the top is not the subject's
      {R"("unlawful":true})", "unlawful", "unknown field `unlawful`", ""},
  };
  for (const auto& c : cases) {
    auto e = refusal(head + c.tail);
    INFO(c.tail);
    CHECK(e.field == c.field);
    CHECK(e.message == c.message);
    CHECK(e.help == c.help);
  }
}

TEST_CASE("a request saved with a UTF-8 byte order mark is read as without it") {
  static auto policy = load_small_policy();
  Decider decider(policy);
  const std::string json = R"({"action":"use","purpose":"mailing","data":["email"],"at":"2026-01-01"})";
  const auto plain = decider.decide(std::string_view(json));
  const auto marked = decider.decide(std::string_view("\xEF\xBB\xBF" + json));
  REQUIRE_FALSE(plain.error);
  REQUIRE_FALSE(marked.error);
  CHECK(plain.allow == marked.allow);
  CHECK(plain.decided_by == marked.decided_by);
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
      {R"({"at":1e309})", "at line 1, column 7: the number `1e309` is out of range"},
      {R"({"at":-1e400})", "at line 1, column 7: the number `-1e400` is out of range"},
      {R"({"at":99999999999999999999})", "at line 1, column 7: the number `99999999999999999999` is out of range"},
      {"{\"a\":\"\xC3\"}", "at line 1, column 7: a byte that is not UTF-8 (0xc3) inside a string"},
      {"\xEF\xBB\xBF\xEF\xBB\xBF{}", "at line 1, column 1: expected a value, found a byte order mark (U+FEFF)"},
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
