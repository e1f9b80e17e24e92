// The policy's own facts, age, bases of record and GDPR Art. 9, decided by the engine and by
// the reference evaluator alike, as docs/language.md says.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "engine/check/checker.hpp"
#include "engine/reference/reference.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace {

const char* clinic = R"gavel(
controller "Clinique du Parc SAS" { established in eea }
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
rule withdrawn-ends-it "A person whose research rests on consent and who withdrew it is not kept in the study"
  cites "EDPB Guidelines 05/2020 on consent, §§121-123"
  deny any action for research
  when basis of record is consent and consent withdrawn
)gavel";

struct Both {
  Both()
      : checked(gavel::check::check(gavel::grammar::parse(gavel::Source{"clinic.gavel", clinic}).policy)),
        loaded(gavel::load_policy(clinic, "clinic.gavel")),
        reference(checked.policy) {}
  gavel::check::CheckedPolicy checked;
  gavel::LoadResult loaded;
  gavel::reference::Evaluator reference;
};

Both& policy() {
  static Both both;
  return both;
}

gavel::Request care(std::vector<std::string> data) {
  gavel::Request r;
  r.action = "use";
  r.purpose = "care";
  r.data = std::move(data);
  r.at = "2026-03-01";
  r.dates["last_visit"] = "2026-02-01";
  r.context = {"contract"};
  return r;
}

gavel::Request research() {
  gavel::Request r;
  r.action = "use";
  r.purpose = "research";
  r.data = {"identity"};
  r.at = "2026-03-01";
  r.dates["last_visit"] = "2026-02-01";
  r.consent["research"] = gavel::ConsentRecord{"2025-01-01", std::nullopt, false, false};
  r.age = 40;
  return r;
}

bool names(const gavel::Decision& d, const std::string& fact) {
  return std::count(d.missing.begin(), d.missing.end(), fact) + std::count(d.unknown.begin(), d.unknown.end(), fact) >
         0;
}

// Decided by both; they must agree, and the engine's decision is returned.
gavel::Decision decide(const gavel::Request& r) {
  auto& p = policy();
  INFO(p.loaded.report);
  REQUIRE(p.checked.valid());
  REQUIRE(p.loaded.ok());
  INFO(gavel::to_json(r));
  gavel::reference::check_request(p.checked.policy, r);
  gavel::Decider decider(p.loaded.policy);
  const auto engine = decider.decide(r);
  REQUIRE_FALSE(engine.error);
  const auto reference = p.reference.decide(r);
  const auto differences = gavel::reference::differences(engine, reference);
  std::string all;
  for (const auto& d : differences) all += d + "\n";
  INFO(all);
  CHECK(differences.empty());
  return engine;
}

}  // namespace

TEST_CASE("special categories are processed only under a condition of GDPR Art. 9(2)") {
  SECTION("without special data, the lawful basis decides") {
    const auto d = decide(care({"identity"}));
    CHECK(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"care.contract"});
  }
  SECTION("health data, the care asserted under professional secrecy") {
    auto r = care({"identity", "health"});
    r.context.push_back("care_under_secrecy");
    const auto d = decide(r);
    CHECK(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"care.contract"});
  }
  SECTION("health data under explicit consent") {
    auto r = care({"identity", "health"});
    r.consent["care"] = gavel::ConsentRecord{"2025-01-01", std::nullopt, false, true};
    CHECK(decide(r).allow);
  }
  SECTION("a consent that is not explicit meets no condition: deny citing Art. 9") {
    auto r = care({"health"});
    r.consent["care"] = gavel::ConsentRecord{"2025-01-01", std::nullopt, false, false};
    gavel::Decider decider(policy().loaded.policy);
    const auto d = decide(r);
    CHECK_FALSE(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"care.special"});
    CHECK(d.missing.empty());
    const auto traced = decider.decide(r, gavel::DecideOptions{.trace = true});
    const auto step = std::find_if(traced.trace.begin(), traced.trace.end(),
                                   [](const gavel::TraceEntry& t) { return t.rule == "care.special"; });
    REQUIRE(step != traced.trace.end());
    CHECK(step->outcome == "fails");
    CHECK(step->cites == "GDPR Art. 9(1), 9(2)");
    CHECK(step->because == std::vector<std::string>{"the data includes the special category “health”",
                                                    "the controller does not assert “care under secrecy”",
                                                    "explicit consent to the purpose “care” was not given"});
  }
  SECTION("a consent withdrawn is no explicit consent any more") {
    auto r = care({"health"});
    r.consent["care"] = gavel::ConsentRecord{"2025-01-01", "2026-01-01", false, true};
    CHECK_FALSE(decide(r).allow);
  }
  SECTION("no consent record: it is not known whether explicit consent was given, and that is named") {
    const auto d = decide(care({"health"}));
    CHECK_FALSE(d.allow);
    CHECK(names(d, "subject.consent.care"));
  }
  SECTION("erasing special data needs no condition of Art. 9(2)") {
    auto r = care({"health"});
    r.action = "erase";
    CHECK(decide(r).allow);
  }
}

TEST_CASE("a declared fact recorded for the person holds from its date, and not when given as null") {
  auto r = research();
  r.age = 11;
  r.bases["research"] = "consent";
  SECTION("no parent's consent: the child rule denies") {
    r.facts["parental_consent"] = std::nullopt;
    const auto d = decide(r);
    CHECK_FALSE(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"child"});
  }
  SECTION("a parent consented before the action") {
    r.facts["parental_consent"] = "2025-06-01";
    CHECK(decide(r).allow);
  }
  SECTION("a parent's consent dated after the action does not hold yet") {
    r.facts["parental_consent"] = "2026-06-01";
    CHECK_FALSE(decide(r).allow);
  }
  SECTION("absent, it is not known, and it is named") {
    r.consent["research"].withdrawn = "2026-01-01";  // denied whatever the parent did
    const auto d = decide(r);
    CHECK_FALSE(d.allow);
    CHECK(names(d, "subject.facts.parental_consent"));
  }
}

TEST_CASE("age is stated or counted from the date of birth by full years") {
  auto r = research();
  r.age.reset();
  r.facts["parental_consent"] = std::nullopt;
  r.bases["research"] = "consent";
  SECTION("the day before the 15th birthday") {
    r.born = "2011-03-02";
    CHECK_FALSE(decide(r).allow);
  }
  SECTION("on the 15th birthday") {
    r.born = "2011-03-01";
    CHECK(decide(r).allow);
  }
  SECTION("born on 29 February: a year older on 1 March of a common year") {
    r.born = "2012-02-29";
    r.at = "2027-02-28";
    CHECK_FALSE(decide(r).allow);
    r.at = "2027-03-01";
    CHECK(decide(r).allow);
  }
  SECTION("neither born nor age: not known, and named") {
    r.consent["research"].withdrawn = "2026-01-01";  // denied whatever the age
    const auto d = decide(r);
    CHECK_FALSE(d.allow);
    CHECK(names(d, "subject.born"));
  }
}

TEST_CASE("only the basis of record permits, with no fallback to another basis") {
  auto r = research();
  r.context = {"public_task"};
  SECTION("the basis of record holds") {
    r.bases["research"] = "public_task";
    const auto d = decide(r);
    CHECK(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"research.public_task"});
  }
  SECTION("consent withdrawn: the public task does not take over") {
    r.bases["research"] = "consent";
    r.consent["research"].withdrawn = "2026-01-01";
    const auto d = decide(r);
    CHECK_FALSE(d.allow);
    CHECK(d.decided_by == std::vector<std::string>{"withdrawn-ends-it"});
  }
  SECTION("not known, but both bases hold: it does not matter") {
    const auto d = decide(r);
    CHECK(d.allow);
    CHECK(d.missing.empty());
  }
  SECTION("not known, and the bases differ: the decision turns on it") {
    r.consent["research"].withdrawn = "2026-01-01";
    const auto d = decide(r);
    CHECK_FALSE(d.allow);
    CHECK(names(d, "subject.bases.research"));
  }
}

TEST_CASE("why not names the policy's own facts, explicit consent and the basis of record among the changes") {
  gavel::Decider decider(policy().loaded.policy);
  auto commands = [](const gavel::WhyNot& w) {
    std::vector<std::string> out;
    for (const auto& way : w.ways)
      for (const auto& c : way.changes) out.push_back(c.command);
    return out;
  };
  auto has = [](const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  };
  SECTION("health data without a condition of Art. 9(2)") {
    auto r = care({"health"});
    r.consent["care"] = gavel::ConsentRecord{"2025-01-01", std::nullopt, false, false};
    const auto w = gavel::why_not(decider, r);
    REQUIRE(w);
    const auto found = commands(*w);
    CHECK(has(found, "assert care_under_secrecy"));
    CHECK(has(found, "explicit consent given care 2026-03-01"));
  }
  SECTION("a child without a parent's consent, and another basis of record") {
    auto r = research();
    r.age = 11;
    r.bases["research"] = "consent";
    r.facts["parental_consent"] = std::nullopt;
    const auto w = gavel::why_not(decider, r);
    REQUIRE(w);
    CHECK(has(commands(*w), "parental_consent since 2026-03-01"));
  }
}
