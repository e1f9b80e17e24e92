// The facts the policies' own declarations call for, through the library: each command makes
// the request field it names (known, `null`, or left out as not known), refuses what a request
// would refuse with what was expected, and completes from the policy's declarations.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gavel/gavel.hpp"
#include "playground/session.hpp"

namespace {

using gavel::playground::Session;
using V = std::vector<std::string>;

Session session_of(const std::string& stem) {
  const std::string path = GAVEL_SOURCE_DIR "/rules/" + stem + ".gavel";
  auto loaded = gavel::load_policy_file(path);
  REQUIRE(loaded.ok());
  return Session(path, loaded.policy, "2026-11-26");
}

// The request of the last question, as `gavel decide` reads it.
std::string request_json(Session& s) {
  auto out = s.execute("json request");
  REQUIRE(out.ok);
  return out.text;
}

void accept(Session& s, const std::string& command) {
  INFO(command);
  auto out = s.execute(command);
  INFO(out.text);
  REQUIRE(out.ok);
}

}  // namespace

TEST_CASE("a basis of record, a consent never given and a date not yet happened make the request's fields",
          "[playground]") {
  auto s = session_of("flexis");
  accept(s, "may collect identity for events?");
  CHECK(request_json(s).find(R"("bases")") == std::string::npos);
  accept(s, "basis of record events legitimate_interest");
  CHECK(request_json(s).find(R"("bases":{"events":"legitimate_interest"})") != std::string::npos);
  accept(s, "forget basis events");
  CHECK(request_json(s).find(R"("bases")") == std::string::npos);

  accept(s, "consent never given events");
  CHECK(request_json(s).find(R"("consent":{"events":null})") != std::string::npos);
  CHECK(s.state().facts.consent.at("events").never_given);
  accept(s, "forget consent events");
  CHECK(s.state().facts.consent.empty());

  accept(s, "event_end not yet");
  CHECK(request_json(s).find(R"("dates":{"event_end":null})") != std::string::npos);
  accept(s, "event_end 2025-06-30");
  CHECK(request_json(s).find(R"("dates":{"event_end":"2025-06-30"})") != std::string::npos);
  accept(s, "forget event_end");
  CHECK(request_json(s).find(R"("event_end")") == std::string::npos);

  accept(s, "explicit consent given newsletter 2024-01-10");
  accept(s, "consent withdrawn newsletter 2026-03-01");
  CHECK(request_json(s).find(R"("newsletter":{"given":"2024-01-10","withdrawn":"2026-03-01","explicit":true})") !=
        std::string::npos);
}

TEST_CASE("the person's facts, age and date of birth make the request's fields", "[playground]") {
  auto s = session_of("tilleuls");
  accept(s, "may communicate identity for reminders?");
  accept(s, "parental_consent since 2025-09-01");
  CHECK(request_json(s).find(R"("facts":{"parental_consent":"2025-09-01"})") != std::string::npos);
  accept(s, "not parental_consent");
  CHECK(request_json(s).find(R"("facts":{"parental_consent":null})") != std::string::npos);
  accept(s, "forget parental_consent");
  CHECK(request_json(s).find(R"("facts")") == std::string::npos);

  accept(s, "age 12");
  CHECK(request_json(s).find(R"("age":12)") != std::string::npos);
  accept(s, "born 2010-04-03");  // replaces the age: a request gives one or the other
  CHECK(request_json(s).find(R"("born":"2010-04-03")") != std::string::npos);
  CHECK(request_json(s).find(R"("age")") == std::string::npos);
  accept(s, "forget born");
  CHECK(request_json(s).find(R"("born")") == std::string::npos);

  accept(s, "assert care_under_secrecy");
  CHECK(request_json(s).find(R"("context":{"care_under_secrecy":true})") != std::string::npos);
  accept(s, "retract care_under_secrecy");
  CHECK(request_json(s).find(R"("care_under_secrecy")") == std::string::npos);

  // Each is a change `undo` steps back.
  accept(s, "age 40");
  accept(s, "undo");
  CHECK_FALSE(s.state().facts.age);
}

TEST_CASE("the commands of declared facts refuse what a request would, saying what was expected", "[playground]") {
  struct Bad {
    std::string policy, command, message, help;
  };
  const std::vector<Bad> cases = {
      {"flexis", "basis of record newsletter consent", "the bases of newsletter are not chosen one per person",
       "the purposes whose basis is chosen one per person: events"},
      {"flexis", "basis of record events contract", "events has no basis `contract`", "its bases: consent, legitimate_interest"},
      {"flexis", "basis of record events consnt", "events has no basis `consnt`", "did you mean `consent`?"},
      {"flexis", "basis of record evnts consent", "unknown purpose `evnts`", "did you mean `events`?"},
      {"flexis", "basis record events consent", "expected `of`, got `record`", "basis of record PURPOSE BASIS"},
      {"flexis", "forget basis events", "no basis of record for events to forget", ""},
      {"flexis", "consent never events", "expected `given`, got `events`", "consent never given PURPOSE"},
      {"flexis", "explicit consent newsletter 2024-01-10", "expected `given`, got `newsletter`",
       "explicit consent given PURPOSE DATE"},
      {"flexis", "last_contact not", "expected `yet` at the end", "last_contact not yet"},
      {"flexis", "last_contact never", "expected a date in YYYY-MM-DD form, got `never`", ""},
      {"flexis", "not legal_claims", "`legal_claims` is asserted for each action, not recorded for the person",
       "write `assert legal_claims` or `retract legal_claims`"},
      {"flexis", "not lawful", "expected `unlawful`, got `lawful`", "write `not unlawful`"},
      {"valsaone", "not unfit", "expected `unlawful` or a fact recorded for the person, got `unfit`",
       "the policy records: unfit_for_work, disability_recognised"},
      {"valsaone", "not unfit_for_wrok", "expected `unlawful` or a fact recorded for the person",
       "did you mean `unfit_for_work`?"},
      {"flexis", "age 151", "expected an age in whole years, 0 to 150, got `151`", "age 15"},
      {"flexis", "age -1", "expected an age in whole years, 0 to 150, got `-1`", ""},
      {"flexis", "age 12.5", "expected an age in whole years, 0 to 150, got `12.5`", ""},
      {"flexis", "born 2027-01-01", "a date of birth after today (2026-11-26): `2027-01-01`", ""},
      {"flexis", "born 2026-02-30", "expected a date of birth in YYYY-MM-DD form, got `2026-02-30`", ""},
      {"tilleuls", "parental_consent 2025-09-01", "expected `since`, got `2025-09-01`", "parental_consent since DATE"},
      {"tilleuls", "not parental_consnt", "expected `unlawful` or a fact recorded for the person, got `parental_consnt`",
       "did you mean `parental_consent`?"},
      {"tilleuls", "assert parental_consent", "`parental_consent` is recorded for the person, not asserted",
       "write `parental_consent since DATE`, `not parental_consent` or `forget parental_consent`"},
      {"tilleuls", "assert care_under_secrecyy", "unknown context fact `care_under_secrecyy`",
       "did you mean `care_under_secrecy`?"},
      {"tilleuls", "forget parental", "cannot forget `parental`", ""},
  };
  for (const auto& bad : cases) {
    auto s = session_of(bad.policy);
    INFO(bad.policy << ": " << bad.command);
    auto out = s.execute(bad.command);
    INFO(out.text);
    CHECK_FALSE(out.ok);
    CHECK(out.text.starts_with("error: " + bad.message));
    if (!bad.help.empty()) CHECK(out.text.find("\n  = help: ") != std::string::npos);
    if (!bad.help.empty()) CHECK(out.text.find(bad.help) != std::string::npos);
    CHECK(s.state().facts.bases.empty());
    CHECK(s.state().facts.recorded.empty());
    CHECK_FALSE(s.state().facts.age);
    CHECK_FALSE(s.state().facts.born);
  }
  // A consent never given cannot be withdrawn.
  auto s = session_of("flexis");
  accept(s, "consent never given newsletter");
  auto out = s.execute("consent withdrawn newsletter 2026-03-01");
  CHECK_FALSE(out.ok);
  CHECK(out.text.starts_with("error: the person never consented to newsletter: there is no consent to withdraw"));
}

TEST_CASE("completion offers the facts the policy declares", "[playground]") {
  auto flexis = session_of("flexis");
  CHECK(flexis.complete("bas", "bas") == V{"basis"});
  CHECK(flexis.complete("basis ", "") == V{"of"});
  CHECK(flexis.complete("basis of ", "") == V{"record"});
  CHECK(flexis.complete("basis of record ", "") == V{"events"});
  CHECK(flexis.complete("basis of record events ", "") == V{"consent", "legitimate_interest"});
  CHECK(flexis.complete("consent n", "n") == V{"never"});
  CHECK(flexis.complete("consent never ", "") == V{"given"});
  CHECK(flexis.complete("consent never given news", "news") == V{"newsletter"});
  CHECK(flexis.complete("expl", "expl") == V{"explicit"});
  CHECK(flexis.complete("explicit ", "") == V{"consent"});
  CHECK(flexis.complete("explicit consent ", "") == V{"given"});
  CHECK(flexis.complete("last_contact ", "") == V{"not"});
  CHECK(flexis.complete("last_contact not ", "") == V{"yet"});
  CHECK(flexis.complete("forget ba", "ba") == V{"basis"});
  CHECK(flexis.complete("forget basis ", "") == V{"events"});
  CHECK(flexis.complete("what if basis of record events l", "l") == V{"legitimate_interest"});
  CHECK(flexis.complete("assert consent_", "consent_") == V{"consent_despite_restriction"});
  CHECK(flexis.complete("b", "b") == V{"basis", "born"});
  CHECK(flexis.complete("ag", "ag") == V{"age"});

  auto tilleuls = session_of("tilleuls");
  CHECK(tilleuls.complete("paren", "paren") == V{"parental_consent"});
  CHECK(tilleuls.complete("parental_consent ", "") == V{"since"});
  CHECK(tilleuls.complete("not ", "") == V{"unlawful", "parental_consent", "deceased", "heir_access_opposed"});
  CHECK(tilleuls.complete("forget dec", "dec") == V{"deceased"});
  CHECK(tilleuls.complete("assert care", "care") == V{"care_under_secrecy"});
  CHECK(tilleuls.complete("explicit consent given ", "") == V{"triage"});
  CHECK(tilleuls.complete("what if hei", "hei") == V{"heir_access_opposed"});
  CHECK(tilleuls.complete("forget b", "b") == V{"basis", "born"});
}

TEST_CASE("facts states the declared facts as commands that state them again", "[playground]") {
  auto s = session_of("tilleuls");
  for (const auto& command : {"explicit consent given triage 2026-01-05", "consent never given reminders",
                              "last_visit not yet", "parental_consent since 2025-09-01", "not deceased",
                              "born 2012-04-03", "assert care_under_secrecy"})
    accept(s, command);
  const auto facts = s.execute("facts");
  REQUIRE(facts.ok);
  CHECK(facts.text.find("consent never given reminders\n") != std::string::npos);
  CHECK(facts.text.find("explicit consent given triage 2026-01-05\n") != std::string::npos);
  CHECK(facts.text.find("last_visit not yet\n") != std::string::npos);
  CHECK(facts.text.find("parental_consent since 2025-09-01\n") != std::string::npos);
  CHECK(facts.text.find("not deceased\n") != std::string::npos);
  CHECK(facts.text.find("born 2012-04-03\n") != std::string::npos);
  CHECK(facts.text.find("assert care_under_secrecy\n") != std::string::npos);
  // Replayed into a new session, the lines make the same state.
  auto again = session_of("tilleuls");
  std::size_t start = 0;
  while (start < facts.text.size()) {
    const auto end = facts.text.find('\n', start);
    const std::string line = facts.text.substr(start, end - start);
    start = end + 1;
    if (!line.starts_with("#")) accept(again, line);
  }
  CHECK(again.execute("facts").text == facts.text);
}
