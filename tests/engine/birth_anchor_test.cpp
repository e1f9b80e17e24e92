// A retention term counted from the person's date of birth, `after birth` (docs/language.md,
// `retain`): `subject.born` decides it, `subject.age` alone leaves it unknown, and an end past
// 2999-12-31 is refused naming `subject.born`; the engine and the reference alike.
#include <catch2/catch.hpp>

#include "engine/check/checker.hpp"
#include "engine/reference/reference.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace gavel::test {
namespace {

using Ids = std::vector<std::string>;

constexpr const char* clinic = R"gavel(
controller "Clinic" { established in home }
countries home "Home" { FR }
category identity "Identity"
date last_visit "The last visit"
purpose records "Medical records" {
  basis legitimate_interest
  data identity
  retain 20 years after last_visit, at least 28 years after birth
}
purpose registry "A registry kept for a lifetime" {
  basis legitimate_interest
  data identity
  retain 1000 years after end of year of birth
}
rule expired "Expired" cites "Art. 5(1)(e)" deny use for records, registry when retention over
rule retention-ends "Retention ends" cites "Art. 5(1)(e)" oblige end of retention for records, registry
)gavel";

struct Clinic {
  Clinic()
      : checked(check::check(grammar::parse(Source{"clinic.gavel", clinic}).policy)),
        loaded(load_policy(clinic, "clinic.gavel")),
        reference(checked.policy) {
    REQUIRE(loaded.ok());
  }
  check::CheckedPolicy checked;
  LoadResult loaded;
  reference::Evaluator reference;

  Decision decide(const std::string& purpose, const std::string& at, std::optional<std::string> last_visit,
                  std::optional<std::string> born, std::optional<int> age = std::nullopt) {
    Request r;
    r.action = "use";
    r.purpose = purpose;
    r.data = {"identity"};
    r.at = at;
    if (last_visit) r.dates["last_visit"] = *last_visit;
    r.born = std::move(born);
    r.age = age;
    Decider decider(loaded.policy);
    auto d = decider.decide(r, {.trace = true, .explain = true});
    INFO(d.explanation);
    CHECK(reference::differences(d, reference.decide(reference::request_from_json(to_json(r)))).empty());
    return d;
  }
};

std::vector<std::string> obligations(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& o : d.obligations) out.push_back(o.kind + " " + o.by.value_or("-") + " " + o.rule);
  return out;
}

}  // namespace

TEST_CASE("a minimum counted from birth keeps a child's record until the 28th birthday") {
  Clinic c;
  // Born 2010-05-10, last visit 2012-01-01: 20 years end 2032-01-01, 28 years after birth
  // end on 2038-05-10, the later: kept through it.
  auto d = c.decide("records", "2038-05-10", "2012-01-01", "2010-05-10");
  CHECK(d.allow);
  CHECK(obligations(d) == Ids{"erase 2038-05-11 retention-ends"});
  d = c.decide("records", "2038-05-11", "2012-01-01", "2010-05-10");
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by == Ids{"expired"});
  // An adult at the last visit: the maximum decides.
  d = c.decide("records", "2050-01-01", "2030-01-01", "1990-01-01");
  CHECK(d.allow);
  CHECK(obligations(d) == Ids{"erase 2050-01-02 retention-ends"});
}

TEST_CASE("born on 29 February: kept through the 28th birthday, over the day after") {
  Clinic c;
  CHECK(c.decide("records", "2036-02-29", "2010-01-01", "2008-02-29").allow);
  CHECK(c.decide("records", "2036-03-01", "2010-01-01", "2008-02-29").decided_by == Ids{"expired"});
}

TEST_CASE("without subject.born the term is unknown and names it, even with the age") {
  Clinic c;
  // The maximum is over (last visit 2000); whether the minimum is turns on the birth date.
  auto d = c.decide("records", "2030-01-01", "2000-01-01", std::nullopt);
  CHECK_FALSE(d.allow);
  CHECK(d.decided_by.empty());
  CHECK(d.missing == Ids{"subject.born"});
  // An age does not give the day of birth: still unknown, whatever the age.
  CHECK_THAT(d.explanation, Catch::Matchers::Contains("the request gives no date of birth"));
  d = c.decide("records", "2030-01-01", "2000-01-01", std::nullopt, 5);
  CHECK_FALSE(d.allow);
  CHECK(d.missing == Ids{"subject.born"});
  CHECK_THAT(d.explanation,
             Catch::Matchers::Contains("the request gives only the person's age, not the date of birth"));
  // When the maximum has not ended, retention is known not to be over: `retention over` is
  // not unknown, so it names nothing.
  d = c.decide("records", "2030-01-01", "2025-01-01", std::nullopt);
  CHECK(d.allow);
  CHECK(d.missing.empty());
  CHECK(d.unknown.empty());
  CHECK(d.obligations.empty());  // no end can be stated without the birth date
}

TEST_CASE("an end of retention counted from birth past 2999-12-31 is refused naming subject.born") {
  Clinic c;
  // 1000 years after 2000-12-31: after every day gavel supports.
  const auto d = c.decide("registry", "2026-01-01", std::nullopt, "2000-06-01");
  CHECK_FALSE(d.allow);
  REQUIRE(d.error);
  CHECK(d.error->field == "subject.born");
  CHECK(d.error->message ==
        "the data kept 1000 years after birth on 2000-06-01 would be erased after 2999-12-31, the last day gavel "
        "supports (rule `retention-ends`)");
}

}  // namespace gavel::test
