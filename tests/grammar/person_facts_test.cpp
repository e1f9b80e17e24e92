// The policy's own facts, special categories, age and bases of record read into the tree they
// mean, and each mistake in them has its message at its place.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "grammar/parser.hpp"

using namespace gavel;
using namespace gavel::syntax;

namespace {

grammar::ParseResult read(std::string text) { return grammar::parse(Source{"test.gavel", std::move(text)}); }

std::string messages(const grammar::ParseResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics)
    out += std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " + d.message + " [" + d.help + "]\n";
  return out;
}

const Condition& when_of(const grammar::ParseResult& r) {
  REQUIRE(r.policy.rules.size() == 1);
  REQUIRE(r.policy.rules[0].when);
  return *r.policy.rules[0].when;
}

}  // namespace

TEST_CASE("a fact is asserted per action or recorded for the person", "[grammar][facts]") {
  const auto r = read(
      "fact care_under_secrecy \"Health care by a professional bound by professional secrecy\" asserted per action\n"
      "fact parental_consent \"A holder of parental responsibility gave consent\"\n"
      "  recorded for the person\n");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.policy.facts.size() == 2);
  CHECK(r.policy.facts[0].name.text == "care_under_secrecy");
  CHECK(r.policy.facts[0].form == FactDecl::Form::asserted_per_action);
  CHECK(r.policy.facts[1].name.text == "parental_consent");
  CHECK(r.policy.facts[1].description.value == "A holder of parental responsibility gave consent");
  CHECK(r.policy.facts[1].form == FactDecl::Form::recorded_for_person);
}

TEST_CASE("a declared fact is a condition by its bare name", "[grammar][facts]") {
  const auto r = read("rule r \"t\" cites \"a\" allow use when parental_consent and not age under 16\n"
                      "  unless care_under_secrecy, legal_claims\n");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  const auto& when = when_of(r);
  REQUIRE(when.kind == Condition::Kind::conjunction);
  CHECK(when.operands[0].predicate == Predicate::declared_fact);
  CHECK(when.operands[0].argument.text == "parental_consent");
  REQUIRE(when.operands[1].kind == Condition::Kind::negation);
  CHECK(when.operands[1].operands[0].predicate == Predicate::age_under);
  CHECK(when.operands[1].operands[0].number == 16);
  const auto& unless = r.policy.rules[0].unless;
  REQUIRE(unless.size() == 2);
  CHECK(unless[0].predicate == Predicate::declared_fact);
  CHECK(unless[0].argument.text == "care_under_secrecy");
  CHECK(unless[1].predicate == Predicate::context);
}

TEST_CASE("age and the basis of record are conditions", "[grammar][facts]") {
  SECTION("age at least, with `years` for reading") {
    const auto r = read("rule r \"t\" cites \"a\" allow use when age at least 13 years");
    INFO(messages(r));
    REQUIRE(r.diagnostics.empty());
    CHECK(when_of(r).predicate == Predicate::age_at_least);
    CHECK(when_of(r).number == 13);
  }
  SECTION("basis of record is") {
    const auto r = read("rule r \"t\" cites \"a\" deny use when basis of record is consent and consent withdrawn");
    INFO(messages(r));
    REQUIRE(r.diagnostics.empty());
    const auto& first = when_of(r).operands.at(0);
    CHECK(first.predicate == Predicate::basis_of_record_is);
    CHECK(first.basis.basis == Basis::consent);
  }
  SECTION("basis is keeps its meaning") {
    const auto r = read("rule r \"t\" cites \"a\" deny use when basis is contract");
    REQUIRE(r.diagnostics.empty());
    CHECK(when_of(r).predicate == Predicate::basis_is);
    CHECK(when_of(r).basis.basis == Basis::contract);
  }
}

TEST_CASE("special categories, the conditions of Art. 9(2) and bases chosen one per person", "[grammar][facts]") {
  const auto r = read(
      "category health \"Data concerning health\" special\n"
      "category cookie \"A cookie\" special governed by \"Cookie Policy\"\n"
      "category identity \"Identity\"\n"
      "purpose care \"Provide medical care\" {\n"
      "  basis contract or consent, one per person\n"
      "  data identity, health\n"
      "  special data under care_under_secrecy or explicit consent\n"
      "}\n");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.policy.categories.size() == 3);
  REQUIRE(r.policy.categories[0].special);
  CHECK(r.policy.categories[0].special->line == 1);
  CHECK(r.policy.categories[0].special->column == 42);
  CHECK(r.policy.categories[1].special);
  CHECK(r.policy.categories[1].governed_by);
  CHECK_FALSE(r.policy.categories[2].special);
  const auto& care = r.policy.purposes.at(0);
  CHECK(care.bases.size() == 2);
  CHECK(care.one_per_person);
  REQUIRE(care.special_under.size() == 2);
  CHECK(care.special_under[0].kind == SpecialCondition::Kind::fact);
  CHECK(care.special_under[0].fact.text == "care_under_secrecy");
  CHECK(care.special_under[1].kind == SpecialCondition::Kind::explicit_consent);
  CHECK(care.special_span);
}

TEST_CASE("a misspelt condition is not taken for a fact", "[grammar][facts]") {
  SECTION("no fact of that name: the condition's did-you-mean") {
    const auto r = read("rule r \"t\" cites \"a\" deny use when unlawfull");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].help == "did you mean `unlawful`?");
  }
  SECTION("a fact of that name, declared after the rule, is a fact") {
    const auto r = read("rule r \"t\" cites \"a\" deny use when unlawfull\nfact unlawfull \"x\" asserted per action\n");
    INFO(messages(r));
    REQUIRE(r.diagnostics.empty());
    CHECK(when_of(r).predicate == Predicate::declared_fact);
  }
  SECTION("a bare name followed by more words is a mistake in the condition") {
    const auto r = read("rule r \"t\" cites \"a\" deny use when consnt given");
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics[0].help == "did you mean `consent`?");
  }
}

TEST_CASE("each mistake in facts, special data, age and bases has its message", "[grammar][facts][errors]") {
  struct Case {
    std::string_view input;
    std::string_view message;
    std::uint32_t column;
    std::string_view help = {};
  };
  const Case cases[] = {
      {"fact f \"F\"",
       "expected `asserted per action` or `recorded for the person` after the description of fact `f`, found the end "
       "of the file",
       11,
       "say who states the fact: the controller, for each action (`asserted per action`), or the person's record, "
       "with the day since which it holds (`recorded for the person`)"},
      {"fact f \"F\" recordd for the person",
       "expected `asserted per action` or `recorded for the person` after the description of fact `f`, found "
       "`recordd`",
       12, "did you mean `recorded`?"},
      {"fact f \"F\" asserted per person", "expected `action` after `asserted per` in fact `f`, found `person`", 25},
      {"fact f \"F\" recorded for person", "expected `the person` after `recorded for` in fact `f`, found `person`", 25},
      {"fact \"F\"", "expected a name for the fact after `fact`, found text", 6,
       "a name is a word without quotes, such as `contact_details`"},
      {"fact age \"F\" asserted per action", "expected a name for the fact after `fact`, found `age`", 6,
       "`age` is a keyword of the language and cannot be used as a name"},
      {"purpose p \"P\" { basis consent or contract, once }",
       "expected `one per person` after `,` in the `basis` line of purpose `p`, found `once`", 44,
       "did you mean `one`?"},
      {"purpose p \"P\" { special data consent }",
       "expected `under` after `special data` in purpose `p`, found `consent`", 30},
      {"purpose p \"P\" { special data under explicit }", "expected `consent` after `explicit` in purpose `p`, found `}`",
       45},
      {"purpose p \"P\" { special data under explicit consent special data under f }",
       "`special data under` appears twice in purpose `p`", 53},
      {"rule r \"t\" cites \"a\" deny use when age over 16",
       "expected `under N` or `at least N` after `age` in rule `r`, found `over`", 40},
      {"rule r \"t\" cites \"a\" deny use when age under sixteen",
       "expected a number of years, such as `16`, in rule `r`, found `sixteen`", 46},
      {"rule r \"t\" cites \"a\" deny use when basis of records is consent",
       "expected `record is` after `basis of` in rule `r`, found `records`", 45},
      {"rule r \"t\" cites \"a\" deny use when basis of record consent",
       "expected `is` after `basis of record` in rule `r`, found `consent`", 52},
      {"rule r \"t\" cites \"a\" deny use when basis was consent",
       "expected `is` or `of record is` after `basis` in rule `r`, found `was`", 42},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    const auto r = read(std::string(c.input));
    INFO(messages(r));
    REQUIRE_FALSE(r.diagnostics.empty());
    const auto& d = r.diagnostics.front();
    CHECK(d.message == c.message);
    CHECK(d.span.line == 1);
    CHECK(d.span.column == c.column);
    CHECK(d.help == c.help);
  }
}
