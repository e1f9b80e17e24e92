// The playground's state as JSON (the STATE of the playground's API): written from a State,
// read back through the request reader, and every malformed state refused with the field at
// fault, never decided.
#include <catch2/catch.hpp>

#include <string>

#include "gavel/gavel.hpp"
#include "playground/session.hpp"
#include "playground/state_json.hpp"

namespace {

using gavel::RequestError;
using gavel::playground::read_state;
using gavel::playground::Session;
using gavel::playground::state_json;

const std::string flexis = GAVEL_SOURCE_DIR "/rules/flexis.gavel";

// A state built by the REPL's commands: every kind of fact and both kinds of question.
gavel::playground::State walkthrough_state() {
  auto loaded = gavel::load_policy_file(flexis);
  REQUIRE(loaded.ok());
  Session s(flexis, loaded.policy, "2026-11-26");
  for (const char* command : {"consent given newsletter 2024-01-10", "consent withdrawn newsletter 2026-03-01",
                              "explicit consent given events 2025-01-01", "consent never given prospecting",
                              "objected to direct_marketing 2026-02-01", "restricted since 2026-10-01 until 2026-12-31",
                              "last_contact 2025-05-01", "assert legal_claims", "born 1990-04-03",
                              "may communicate identity, contact_details for newsletter?",
                              "may transfer identity for newsletter with salesforce in US?",
                              "request erasure for newsletter", "request access for newsletter received 2026-11-20"}) {
    const auto out = s.execute(command);
    INFO(command << "\n" << out.text);
    REQUIRE(out.ok);
  }
  return s.state();
}

std::string refused_field(const std::string& json) {
  RequestError error;
  const auto state = read_state(json, error);
  INFO(json);
  REQUIRE_FALSE(state);
  CHECK_FALSE(error.message.empty());
  return error.field;
}

const std::string facts = R"("today":"2026-11-26","subject":{},"context":{})";

}  // namespace

TEST_CASE("a state read back from its JSON is the same state, and writes the same JSON") {
  const auto state = walkthrough_state();
  const std::string json = state_json(state);
  RequestError error;
  const auto back = read_state(json, error);
  INFO(json << "\n" << error.field << ": " << error.message);
  REQUIRE(back);
  CHECK(state_json(*back) == json);
  REQUIRE(back->questions.size() == state.questions.size());
  for (std::size_t i = 0; i < state.questions.size(); ++i) CHECK(back->questions[i].text() == state.questions[i].text());
  CHECK(back->facts.today == "2026-11-26");
  CHECK(back->facts.consent.at("newsletter").withdrawn == "2026-03-01");
  CHECK(back->facts.consent.at("events").explicit_consent);
  CHECK(back->facts.consent.at("prospecting").never_given);
  CHECK(back->facts.restriction->until == "2026-12-31");
  CHECK(back->facts.context == std::vector<std::string>{"legal_claims"});
  // A request received on the day of the questions stays so: it follows `today`.
  CHECK_FALSE(back->questions[2].received);
  CHECK(back->questions[3].received == "2026-11-20");
}

TEST_CASE("a state's request is the REPL's request for the same facts") {
  const auto state = walkthrough_state();
  RequestError error;
  const auto back = read_state(state_json(state), error);
  REQUIRE(back);
  for (std::size_t i = 0; i < state.questions.size(); ++i)
    CHECK(gavel::to_json(gavel::playground::request_of(back->questions[i], back->facts)) ==
          gavel::to_json(gavel::playground::request_of(state.questions[i], state.facts)));
}

TEST_CASE("a state without questions is read, its facts checked as a request's") {
  RequestError error;
  const auto s = read_state("{" + facts + "}", error);
  REQUIRE(s);
  CHECK(s->questions.empty());
  CHECK(refused_field(R"({"today":"2026-11-26","subject":{"consent":{"newsletter":{"given":5}}}})") ==
        "subject.consent.newsletter.given");
}

TEST_CASE("a malformed state is refused with the field at fault") {
  CHECK(refused_field("not json") == "");
  CHECK(refused_field("[]") == "");
  CHECK(refused_field(R"({"subject":{}})") == "today");
  CHECK(refused_field(R"({"today":"2026-02-30"})") == "today");
  CHECK(refused_field(R"({"today":20261126})") == "today");
  CHECK(refused_field("{" + facts + R"(,"person":{}})") == "person");
  CHECK(refused_field("{" + facts + R"(,"questions":{}})") == "questions");
  CHECK(refused_field("{" + facts + R"(,"questions":[7]})") == "questions[0]");
  CHECK(refused_field("{" + facts +
                      R"(,"questions":[{"action":"use","data":["identity"],"purpose":"newsletter"},)"
                      R"({"action":"use","data":["identity",3],"purpose":"newsletter"}]})") == "questions[1].data[1]");
  CHECK(refused_field("{" + facts + R"(,"questions":[{"action":"use","data":["identity"],"purpose":null}]})") ==
        "questions[0].purpose");
  CHECK(refused_field("{" + facts + R"(,"questions":[{"action":"use","data":["identity"],"purpose":"x","at":"2026-01-01"}]})") ==
        "questions[0].at");
  CHECK(refused_field(R"({"today":"2026-11-26","subject":{"consent":{"newsletter":{"given":"2024-01-10","when":1}}}})")
            .starts_with("subject.consent.newsletter"));
  CHECK(refused_field(R"({"today":"2026-11-26","context":[]})").starts_with("context"));
  std::string many = "{" + facts + R"(,"questions":[)";
  for (int i = 0; i < 201; ++i) many += std::string(i ? "," : "") + R"({"action":"use","data":["identity"],"purpose":"x"})";
  CHECK(refused_field(many + "]}") == "questions");
}
