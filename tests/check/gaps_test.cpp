// Gaps: what the policy leaves out or declares for nothing, and rules that can never apply.
#include "tests/check/check_helpers.hpp"

using namespace gavel;
using namespace gavel::check::testing;

TEST_CASE("a purpose without basis, data or retention is a warning", "[check][gaps]") {
  const std::string text = base_policy + "purpose events \"Organise events\" {\n  then erase\n}\n";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 3);
  for (const auto& d : diagnostics) {
    CHECK(d.severity == Severity::warning);
    CHECK(position_of(d) == position_of(text, "events"));
  }
  CHECK(diagnostics[0].message == "purpose `events` has no lawful basis");
  CHECK(diagnostics[0].help == "add a `basis` line, e.g. `basis consent` or `basis legitimate_interest`");
  CHECK(diagnostics[1].message == "purpose `events` lists no data");
  CHECK(diagnostics[2].message == "purpose `events` has no retention period");
  CHECK(diagnostics[2].help == "add a `retain` line, e.g. `retain 3 years after last_contact`");
}

TEST_CASE("a category no purpose uses is a warning", "[check][gaps]") {
  const std::string text = base_policy + "category cookies \"Audience cookie\"\n";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "category `cookies` is not used by any purpose");
  CHECK(d.help == "add it to the `data` of the purposes that process it, mark it `governed by` the policy it falls under, or remove it");
  CHECK(position_of(d) == position_of(text, "cookies"));
}

TEST_CASE("a recipient that may receive data no purpose collects is a warning", "[check][gaps]") {
  const std::string text = base_policy + R"gv(category cookies "Audience cookie"
recipient adveris "ADVERIS" {
  receives identity, cookies
}
)gv";
  auto diagnostics = check_text(text);
  auto d = only(with_message(diagnostics, "recipient"));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "recipient `adveris` may receive `cookies`, which no purpose collects");
  CHECK(position_of(d) == position_of(text, "cookies", 2));
}

TEST_CASE("a date no retention counts from is a warning", "[check][gaps]") {
  const std::string text = base_policy + "date event_end \"The end of the event\"\n";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "date `event_end` is not used by any retention");
  CHECK(d.help == "count a retention from it (`retain 3 years after event_end`), or remove it");
}

TEST_CASE("countries lists, calendars and groups never used are warnings", "[check][gaps]") {
  const std::string text = base_policy + R"gv(countries adequate "Adequacy decisions" { CH, JP }
calendar france "Public holidays in France" {
  holiday "New Year's Day" on 1 January
}
group marketing "Marketing" { newsletter }
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].message == "countries list `adequate` is never used");
  CHECK(diagnostics[1].message == "calendar `france` is never used");
  CHECK(diagnostics[1].help == "name it in the controller's `holidays france`, or remove it");
  CHECK(diagnostics[2].message == "group `marketing` is never used");
  for (const auto& d : diagnostics) CHECK(d.severity == Severity::warning);
}

TEST_CASE("a rule for purposes based on a basis no purpose has can never apply", "[check][gaps]") {
  const std::string text = base_policy + R"gv(rule public "Public task" cites "Art. 6(1)(e)" allow use for purposes based on public_task
)gv";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "no purpose is based on `public_task`, so rule `public` can never apply");
  CHECK(position_of(d) == position_of(text, "for purposes"));
}

TEST_CASE("a `when` that requires a fact and its opposite can never apply", "[check][gaps]") {
  const std::string text = base_policy + R"gv(rule odd "Odd" cites "Art. 18" deny use for support when restricted and unlawful and not restricted
rule odder "Odder" cites "Art. 44" deny transfer for support when country in eea and (country outside eea or unlawful and not unlawful)
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].severity == Severity::warning);
  CHECK(diagnostics[0].message == "rule `odd` can never apply: its `when` requires both `restricted` and `not restricted`");
  CHECK(position_of(diagnostics[0]) == position_of(text, "restricted and unlawful"));
  CHECK(diagnostics[1].message ==
        "rule `odder` can never apply: its `when` has no alternative that can hold: the first requires both "
        "`country in eea` and `country outside eea`");
}

TEST_CASE("`consent given` and `consent withdrawn` exclude each other", "[check][gaps]") {
  const std::string text = base_policy + R"gv(rule odd "Odd" cites "Art. 7(3)" deny use for newsletter when consent given and consent withdrawn
)gv";
  auto d = only(check_text(text));
  CHECK(d.message ==
        "rule `odd` can never apply: its `when` requires both `consent given` and `consent withdrawn`, which exclude "
        "each other");
}

TEST_CASE("`retention over` for purposes that keep data forever can never apply", "[check][gaps]") {
  std::string text = base_policy;
  text.replace(text.find("  retain 1 year after last_contact\n"), 35, "");
  text += R"gv(rule archiving "Archive" cites "Art. 17(3)" allow archive for support when retention over
)gv";
  auto diagnostics = check_text(text);
  auto d = only(with_message(diagnostics, "never apply"));
  CHECK(d.message ==
        "rule `archiving` can never apply: its `when` requires `retention over`, but none of its purposes has a "
        "`retain` line");
  CHECK(d.help == "give its purposes a `retain` line, or remove `retention over`");
}

TEST_CASE("a condition that can hold is not reported", "[check][gaps]") {
  const std::string text = base_policy + R"gv(rule fine "Fine" cites "Art. 18" deny use for support when restricted and not unlawful or not restricted and unlawful
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("a mistyped reference does not also make its target unused", "[check][gaps]") {
  std::string text = base_policy;
  text.replace(text.find("in eea"), 6, "in eu");
  auto d = only(check_text(text));
  CHECK(d.message == "unknown countries list `eu`");
  CHECK(d.help == "declare it with `countries eu \"…\" { … }`, or name one of `eea`");
}

TEST_CASE("a `when` that asks what none of the rule's purposes is can never apply", "[check][gaps]") {
  const std::string text = base_policy + R"gv(rule porting "Portability" cites "Art. 20" grant portability for newsletter when processed by automated means
rule contract-use "Contract" cites "Art. 6(1)(b)" allow use for support when basis is contract and legal_obligation
rule fine "Fine" cites "Art. 21" deny use when basis is consent and objected to purpose
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].message ==
        "rule `porting` can never apply: its `when` requires `processed by automated means`, but none of its "
        "purposes is processed by automated means");
  CHECK(diagnostics[0].help ==
        "the condition never holds for the purposes the rule is about: correct its `for` or its `when`");
  CHECK(diagnostics[1].message ==
        "rule `contract-use` can never apply: its `when` requires `basis is contract`, but none of its purposes lists "
        "`contract`");
}

TEST_CASE("a category governed by another policy is no gap, even when a recipient receives it", "[check][gaps]") {
  const std::string text = base_policy + R"gv(category cookies "Audience cookie" governed by "Cookie Policy"
recipient adveris "ADVERIS" {
  receives identity, cookies
}
)gv";
  CHECK(check_text(text).empty());
}
