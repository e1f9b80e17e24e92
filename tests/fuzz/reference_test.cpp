// The reference evaluator (engine/reference/) against the engine and against the expected
// outcomes: every case of the FLEXIS scenario suite and every example request is decided by
// both, and they must agree on everything the differential fuzz target compares.
#include <catch2/catch.hpp>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "engine/check/checker.hpp"
#include "engine/reference/reference.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace {

namespace fs = std::filesystem;

// The policy twice: compiled for the engine, checked for the reference.
struct Both {
  explicit Both(const std::string& text, std::string name = "policy.gavel")
      : checked(gavel::check::check(gavel::grammar::parse(gavel::Source{name, text}).policy)),
        loaded(gavel::load_policy(text, std::move(name))),
        reference(checked.policy) {}
  gavel::check::CheckedPolicy checked;
  gavel::LoadResult loaded;
  gavel::reference::Evaluator reference;
};

std::string read(const fs::path& path) {
  simdjson::padded_string text;
  REQUIRE(simdjson::padded_string::load(path.string()).get(text) == simdjson::SUCCESS);
  return std::string(text.data(), text.size());
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("the reference agrees with the engine and the expected outcome on every FLEXIS scenario") {
  Both flexis(read(GAVEL_SOURCE_DIR "/rules/flexis.gavel"), "rules/flexis.gavel");
  REQUIRE(flexis.loaded.ok());
  gavel::Decider decider(flexis.loaded.policy);
  int compared = 0;
  for (const auto& file : fs::directory_iterator(GAVEL_SOURCE_DIR "/tests/scenarios/flexis")) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const auto text = read(file.path());
    REQUIRE(parser.parse(text).get(root) == simdjson::SUCCESS);
    for (auto c : root["cases"].get_array()) {
      const std::string request = simdjson::minify(c["request"]);
      std::string_view name;
      if (c["name"].get(name) != simdjson::SUCCESS) name = "?";
      INFO(file.path().filename().string() << ": " << name << "\n" << request);
      const auto engine = decider.decide(std::string_view(request));
      if (engine.error) continue;  // a refused request: the reference is not asked
      const auto reference = flexis.reference.decide(gavel::reference::request_from_json(request));
      const auto differences = gavel::reference::differences(engine, reference);
      std::string all;
      for (const auto& d : differences) all += d + "\n";
      INFO(all);
      CHECK(differences.empty());
      std::string_view expected;
      if (c["expect"]["decision"].get(expected) == simdjson::SUCCESS)
        CHECK((reference.allow ? "allow" : "deny") == expected);
      simdjson::dom::array by;
      if (c["expect"]["decided_by"].get(by) == simdjson::SUCCESS) {
        std::vector<std::string> want;
        for (auto id : by) want.emplace_back(std::string_view(id));
        CHECK(sorted(reference.decided_by) == sorted(want));
      }
      ++compared;
    }
  }
  CHECK(compared > 100);
}

TEST_CASE("the reference agrees with the engine on every example request") {
  Both flexis(read(GAVEL_SOURCE_DIR "/rules/flexis.gavel"), "rules/flexis.gavel");
  gavel::Decider decider(flexis.loaded.policy);
  for (const auto& file : fs::directory_iterator(GAVEL_SOURCE_DIR "/examples/requests")) {
    const auto request = read(file.path());
    INFO(file.path().filename().string());
    const auto engine = decider.decide(std::string_view(request));
    if (engine.error) continue;
    const auto differences =
        gavel::reference::differences(engine, flexis.reference.decide(gavel::reference::request_from_json(request)));
    CHECK(differences.empty());
  }
}

TEST_CASE("the reference follows the documented semantics on a small policy") {
  Both p(R"(
controller "X" { established in home }
countries home "Home" { FR, DE }
countries wide "Wide" { FR, DE, US }
category id "Identity"
category mail "Mail"
date last "Last contact"
purpose news "News" {
  basis consent or legal_obligation
  data id
  retain until consent withdrawn, 1 year after last
  then archive
}
recipient crm "CRM" { receives id }
respond within 1 month, extendable by 2 months
rule objection "Objection" cites "Art. 21" deny any action for news when objected to purpose
rule hold "Hold" cites "Art. 17" allow store for news when legal_claims overrides objection
rule out "Out" cites "Art. 5" oblige end of retention for news
rule send "Send" cites "Art. 44" deny transfer when country outside wide or recipient may not receive data
rule answer "Access" cites "Art. 15" grant access
)");
  REQUIRE(p.checked.valid());
  gavel::Request r;
  r.action = "use";
  r.purpose = "news";
  r.data = {"id"};
  r.at = "2026-03-01";
  r.dates["last"] = "2025-03-01";
  r.consent["news"] = {"2025-01-01", "2026-03-01"};

  SECTION("consent covers the days before withdrawal; retention ends the day before it") {
    auto d = p.reference.decide(r);
    CHECK_FALSE(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"news.consent", "news.legal_obligation"});
    REQUIRE(d.obligations.size() == 1);
    CHECK(d.obligations[0].kind == "archive");
    CHECK(d.obligations[0].by == "2026-03-01");
    r.at = "2026-02-28";
    d = p.reference.decide(r);
    CHECK(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"news.consent"});
  }
  SECTION("an override by a standing allow defeats the deny") {
    r.action = "store";
    r.objections.push_back({"news", "2026-01-01"});
    r.context = {"legal_claims"};
    const auto d = p.reference.decide(r);
    CHECK(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"hold"});
  }
  SECTION("a missing date counts as over and is named; no end, no obligation") {
    r.dates.clear();
    r.consent.clear();
    const auto d = p.reference.decide(r);
    CHECK_FALSE(d.allow);
    CHECK(d.obligations.empty());
    CHECK(d.missing == std::vector<std::string>{"subject.consent.news"});
  }
  SECTION("without a country the request stays in the home list") {
    r.action = "transfer";
    r.at = "2026-01-01";
    auto d = p.reference.decide(r);
    CHECK(d.allow);
    r.country = "US";
    CHECK(p.reference.decide(r).allow);
    r.country = "JP";
    CHECK(p.reference.decide(r).decided_by == std::vector<std::string>{"send"});
  }
  SECTION("rights requests: granted, with deadlines moved off weekends") {
    gavel::Request q;
    q.action = "request";
    q.right = "access";
    q.purpose = "news";
    q.at = "2026-01-31";
    q.received = "2026-01-31";
    const auto d = p.reference.decide(q);
    CHECK(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"answer"});
    CHECK(d.due == "2026-03-02");           // 2026-02-28 is a Saturday
    CHECK(d.extended_due == "2026-04-30");  // 3 months from receipt
  }
}

TEST_CASE("differences names every field on which two decisions disagree") {
  gavel::Decision a, b;
  CHECK(gavel::reference::differences(a, b).empty());
  b.allow = true;
  b.decided_by = {"x"};
  b.obligations.push_back({"erase", std::nullopt, "y"});
  b.missing = {"subject.dates.d"};
  b.due = "2026-01-01";
  CHECK(gavel::reference::differences(a, b).size() == 5);
  a.decided_by = {"p.consent", "r"};
  b = a;
  b.decided_by = {"r", "p.consent"};  // order is not compared
  CHECK(gavel::reference::differences(a, b).empty());
}

TEST_CASE("engine and reference: every missing retention date is named, and 1 month + 1 year is 13 months") {
  Both p(R"(
controller "X" { established in home }
countries home "Home" { FR }
category c "Data"
date a "A"
date b "B"
purpose p "P" { basis legitimate_interest data c retain 1 year after a, 2 years after b }
respond within 1 month, extendable by 1 year
rule expired "Expired" cites "Art. 5" deny use when retention over
rule answer "Access" cites "Art. 15" grant access
)");
  REQUIRE(p.loaded.ok());
  gavel::Decider decider(p.loaded.policy);
  const std::string use = R"({"action":"use","purpose":"p","data":["c"],"at":"2026-01-01"})";
  const auto engine = decider.decide(std::string_view(use));
  CHECK(engine.missing == std::vector<std::string>{"subject.dates.a", "subject.dates.b"});
  CHECK(gavel::reference::differences(engine, p.reference.decide(gavel::reference::request_from_json(use))).empty());

  // Received 2023-01-31: 13 months later is 2024-02-29 (a Thursday); 1 month then 1 year
  // would stop at 2024-02-28.
  const std::string access = R"({"action":"request","right":"access","purpose":"p","at":"2023-01-31","received":"2023-01-31"})";
  const auto rights = decider.decide(std::string_view(access));
  CHECK(rights.extended_due == "2024-02-29");
  CHECK(gavel::reference::differences(rights, p.reference.decide(gavel::reference::request_from_json(access))).empty());
}

TEST_CASE("the reference refuses a request whose dates would leave the range, naming the same field") {
  Both p(R"(
controller "X" { established in home }
countries home "Home" { FR }
category c "Data"
date a "A"
purpose p "P" { basis legitimate_interest data c retain 1 year after a }
respond within 1 month, extendable by 2 months
rule answer "Access" cites "Art. 15" grant access
rule out "Out" cites "Art. 5" oblige end of retention
)");
  REQUIRE(p.loaded.ok());
  auto refused = [&](const std::string& json) {
    const auto d = p.reference.decide(gavel::reference::request_from_json(json));
    CHECK_FALSE(d.allow);
    CHECK(d.decided_by.empty());
    CHECK_FALSE(d.due);
    return d.error ? d.error->field : std::string("decided");
  };
  // Due in 3000; the extended answer in 3000; the obligation on 3000-01-01.
  CHECK(refused(R"({"action":"request","right":"access","purpose":"p","at":"2999-12-15","received":"2999-12-15"})") ==
        "received");
  CHECK(refused(R"({"action":"request","right":"access","purpose":"p","at":"2999-10-15","received":"2999-10-15"})") ==
        "received");
  CHECK(refused(R"({"action":"use","purpose":"p","data":["c"],"at":"2999-06-01","subject":{"dates":{"a":"2998-12-31"}}})") ==
        "subject.dates.a");
  // In range, the last of each: decided, and the same as the engine.
  gavel::Decider decider(p.loaded.policy);
  for (const std::string json :
       {R"({"action":"request","right":"access","purpose":"p","at":"2999-09-30","received":"2999-09-30"})",
        R"({"action":"use","purpose":"p","data":["c"],"at":"2999-06-01","subject":{"dates":{"a":"2998-12-30"}}})"}) {
    INFO(json);
    const auto engine = decider.decide(std::string_view(json));
    REQUIRE_FALSE(engine.error);
    const auto reference = p.reference.decide(gavel::reference::request_from_json(json));
    CHECK_FALSE(reference.error);
    CHECK(gavel::reference::differences(engine, reference).empty());
  }
  gavel::Decision engine, reference;
  reference.error = gavel::RequestError{"received", "beyond", {}};
  CHECK(gavel::reference::differences(engine, reference).size() == 1);
}

TEST_CASE("the engine's reader and the reference's refuse the same hostile requests") {
  Both flexis(read(GAVEL_SOURCE_DIR "/rules/flexis.gavel"), "rules/flexis.gavel");
  REQUIRE(flexis.loaded.ok());
  gavel::Decider decider(flexis.loaded.policy);
  const std::string head = R"({"action":"communicate","purpose":"newsletter","data":["identity"],"at":"2026-11-26",)";
  struct Case {
    std::string tail;
    bool refused;
  };
  const Case cases[] = {
      {R"("subject":{"consent":{"newsletter":{"given":"2024-01-10","withdrawn":"2025-01-01","withdrawn":null}}}})", true},
      {R"("subject":{"consent":{"newsletter":{"given":"2024-01-10"},"newsletter":{"given":"2024-01-10"}}}})", true},
      {R"("subject":{"unlawful":false},"subject":{"unlawful":true}})", true},
      {R"("context":{"unlawful":false}})", true},                       // moved: not a context fact, even false
      {R"("subject":{"dates":{"withdrawn":null}}})", true},             // moved: not a declared date, even null
      {R"("subject":{"dates":{"last_contact":null}}})", false},
      {R"("context":{"legal_claims":false}})", false},
      {R"("subject":{"consent":{"newsletter":{"given":"2024-01-10","at":"2025-01-01"}}}})", true},
      {R"("subject":{"objections":[{"to":"newsletter","at":"2026-01-01"},[]]}})", true},
      {R"("subject":{"restriction":{"since":"2026-01-01","until":null},"unlawful":false}})", false},
      {R"("recipient":null,"country":null,"subject":null,"context":null})", false},
      {R"("subject":{"restriction":null,"restriction":null}})", true},
  };
  for (const auto& c : cases) {
    const auto json = head + c.tail;
    INFO(json);
    const auto engine = decider.decide(std::string_view(json));
    bool reference_refuses = false;
    try {
      const auto r = gavel::reference::request_from_json(json, &flexis.checked.policy);
      gavel::reference::check_request(flexis.checked.policy, r);
    } catch (const gavel::reference::BadRequest&) {
      reference_refuses = true;
    }
    CHECK(engine.error.has_value() == c.refused);
    CHECK(reference_refuses == c.refused);
  }
}
