// Names: declared once, and every reference resolved to a declaration of the right kind.
#include "tests/check/check_helpers.hpp"

using namespace gavel;
using namespace gavel::check::testing;

TEST_CASE("the base policy of these tests checks clean", "[check][names]") {
  auto diagnostics = check_text(base_policy);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("a name is declared once, whatever its kind", "[check][names]") {
  const std::string text = base_policy + "date identity \"The day we met\"\n";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "`identity` is already declared as a category at line 5");
  CHECK(position_of(d) == position_of(text, "identity \"The day we met"));
  CHECK(d.help == "a name is declared once in a file, whatever its kind: rename one of them");
}

TEST_CASE("the first declaration in the file owns the name", "[check][names]") {
  // The purpose comes first in the file, the category with the same name after it.
  const std::string text = base_policy + "category support \"Support tickets\"\n";
  auto d = only(check_text(text));
  CHECK(d.message == "`support` is already declared as a purpose at line 13");
  CHECK(position_of(d) == position_of(text, "support \"Support tickets"));
}

TEST_CASE("a rule id is declared once", "[check][names]") {
  const std::string text = base_policy + R"gv(
rule stop "Stop" cites "Art. 1" deny use for newsletter when unlawful
rule stop "Stop again" cites "Art. 2" deny store for newsletter when unlawful
)gv";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "rule `stop` is already declared at line 19");
  CHECK(position_of(d) == position_of(text, "stop", 2));
}

TEST_CASE("a policy without a controller is an error at its first line", "[check][names]") {
  const std::string text = base_policy.substr(base_policy.find("countries"));
  auto diagnostics = check_text(text);
  auto d = only(with_message(diagnostics, "controller"));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "the policy declares no controller");
  CHECK(position_of(d) == Position{1, 1});
}

TEST_CASE("a second controller is an error at the second", "[check][names]") {
  const std::string text = base_policy + "controller \"Other SA\" { established in eea }\n";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "a second controller: `ACME SAS` is already the controller, at line 1");
  CHECK(position_of(d) == position_of(text, "controller", 2));
}

TEST_CASE("a second `respond within` is an error", "[check][names]") {
  const std::string text = base_policy + "respond within 1 month, extendable by 2 months\nrespond within 30 days\n";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "a second `respond within`: the deadline is already set at line 18");
  CHECK(position_of(d) == position_of(text, "respond", 2));
}

TEST_CASE("an unknown category suggests the nearest category", "[check][names]") {
  std::string text = base_policy;
  text.replace(text.find("data identity, contact_details"), 13, "data idenity");
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "unknown category `idenity`");
  CHECK(d.help == "did you mean `identity`?");
  CHECK(position_of(d) == position_of(text, "idenity"));
}

TEST_CASE("a name of the wrong kind says what it is", "[check][names]") {
  std::string text = base_policy;
  text.replace(text.find("data identity\n"), 13, "data last_contact");
  auto d = only(check_text(text));
  CHECK(d.message == "`last_contact` is a date, not a category");
  CHECK(d.help == "a purpose's `data` lists categories; `last_contact` is declared at line 7");
  CHECK(position_of(d) == position_of(text, "last_contact\n  retain 1"));
}

TEST_CASE("a retention counts from a declared date", "[check][names]") {
  std::string text = base_policy;
  text.replace(text.find("1 year after last_contact"), 25, "1 year after last_contat");
  auto d = only(check_text(text));
  CHECK(d.message == "unknown date `last_contat`");
  CHECK(d.help == "did you mean `last_contact`?");
  CHECK(position_of(d) == position_of(text, "last_contat\n"));
}

TEST_CASE("`established in` names a countries list", "[check][names]") {
  std::string text = base_policy;
  text.replace(text.find("in eea"), 6, "in eee");
  auto diagnostics = check_text(text);
  auto d = only(with_message(diagnostics, "eee"));
  CHECK(d.message == "unknown countries list `eee`");
  CHECK(d.help == "did you mean `eea`?");
  CHECK(position_of(d) == position_of(text, "eee"));
}

TEST_CASE("`holidays` names a calendar", "[check][names]") {
  std::string text = base_policy;
  text.replace(text.find("  established in eea\n"), 21, "  established in eea\n  holidays identity\n");
  auto d = only(check_text(text));
  CHECK(d.message == "`identity` is a category, not a calendar");
  CHECK(d.help == "`holidays` names a `calendar`; `identity` is declared at line 6");
}

TEST_CASE("a group's members are purposes", "[check][names]") {
  const std::string text = base_policy + R"gv(group marketing "Marketing" { newsletter, identity, newsleter }
rule stop "Stop" cites "Art. 21" deny use for marketing when objected to marketing
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].message == "`identity` is a category, not a purpose");
  CHECK(diagnostics[1].message == "unknown purpose `newsleter`");
  CHECK(diagnostics[1].help == "did you mean `newsletter`?");
}

TEST_CASE("a rule's `for` names purposes or groups", "[check][names]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 21" deny use for newsleter, identity)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].message == "unknown purpose or group `newsleter`");
  CHECK(diagnostics[0].help == "did you mean `newsletter`?");
  CHECK(position_of(diagnostics[0]) == position_of(text, "newsleter"));
  CHECK(diagnostics[1].message == "`identity` is a category, not a purpose or group");
}

TEST_CASE("an unknown name far from every declared one lists what is declared", "[check][names]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 21" deny use for marketing)gv";
  auto d = only(check_text(text));
  CHECK(d.message == "unknown purpose or group `marketing`");
  CHECK(d.help == "declare it with `purpose marketing \"…\" { … }`, or name one of `newsletter`, `support`");
}

TEST_CASE("condition names are resolved by their kind", "[check][names]") {
  const std::string text = base_policy + R"gv(recipient crm "CRM" { receives identity }
rule r1 "Objection" cites "Art. 21" deny use for newsletter when objected to newsleter
rule r2 "Recipient" cites "Art. 28" deny disclose for newsletter when recipient is crn
rule r3 "Data" cites "Art. 5" deny use for support when data includes last_contact
rule r4 "Transfer" cites "Art. 44" deny transfer for support when country outside identity
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 4);
  CHECK(diagnostics[0].message == "unknown purpose or group `newsleter`");
  CHECK(diagnostics[0].help == "did you mean `newsletter`?");
  CHECK(diagnostics[1].message == "unknown recipient `crn`");
  CHECK(diagnostics[1].help == "did you mean `crm`?");
  CHECK(position_of(diagnostics[1]) == position_of(text, "crn"));
  CHECK(diagnostics[2].message == "`last_contact` is a date, not a category");
  CHECK(diagnostics[3].message == "`identity` is a category, not a countries list");
}

TEST_CASE("`overrides` names other rules", "[check][names]") {
  const std::string text = base_policy + R"gv(rule keep "Keep" cites "Art. 17(3)" allow use for newsletter when unlawful
rule stop "Stop" cites "Art. 17" deny use for newsletter when unlawful overrides kep, newsletter, stop
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  auto unknown = only(with_message(diagnostics, "unknown rule"));
  CHECK(unknown.message == "unknown rule `kep`");
  CHECK(unknown.help == "did you mean `keep`?");
  auto kind = only(with_message(diagnostics, "not a rule"));
  CHECK(kind.message == "`newsletter` is a purpose, not a rule");
  auto self = only(with_message(diagnostics, "itself"));
  CHECK(self.severity == Severity::error);
  CHECK(self.message == "rule `stop` overrides itself");
  CHECK(position_of(self) == position_of(text, "stop", 2));
}

TEST_CASE("a rule id is not a purpose", "[check][names]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 21" deny use for stop)gv";
  auto d = only(check_text(text));
  CHECK(d.message == "`stop` is a rule, not a purpose or group");
}

TEST_CASE("a controller says where it is established", "[check][names]") {
  std::string text = base_policy;
  text.replace(text.find("  established in eea\n"), 21, "  contact \"privacy@acme.example\"\n");
  text += "rule transfers \"Transfers\" cites \"Art. 44\" deny transfer when country outside eea\n";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "controller `ACME SAS` does not say where it is established");
  CHECK(d.help == "add `established in LIST`, naming the `countries` list of its establishment");
  CHECK(position_of(d) == position_of(text, "\"ACME SAS\""));
}

TEST_CASE("a name of a kind nothing declares says how to declare it", "[check][names]") {
  std::string text = base_policy;
  text.replace(text.find("  established in eea\n"), 21, "  established in eea\n  holidays france\n");
  auto d = only(check_text(text));
  CHECK(d.message == "unknown calendar `france`");
  CHECK(d.help == "no calendar is declared; declare it with `calendar france \"…\" { … }`");
}

TEST_CASE("a name listed twice in a group or a recipient is a warning", "[check][names]") {
  const std::string text = base_policy + R"gv(recipient crm "CRM" { receives identity, contact_details, identity }
group marketing "Marketing" { newsletter, newsletter }
rule stop "Stop" cites "Art. 21" deny use for marketing when objected to marketing
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].severity == Severity::warning);
  CHECK(diagnostics[0].message == "category `identity` is listed twice in recipient `crm`");
  CHECK(diagnostics[1].message == "purpose `newsletter` is listed twice in group `marketing`");
  CHECK(position_of(diagnostics[1]) == position_of(text, "newsletter }"));
}

TEST_CASE("`after birth` needs no declaration, and `birth` stays free for other kinds", "[check][names]") {
  const std::string text = base_policy + R"gv(category birth "The circumstances of the birth"
purpose records "Keep the medical record" {
  basis legitimate_interest
  data identity, birth
  retain 20 years after last_contact, at least 28 years after birth, at least 1 year after end of year of birth
}
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("`birth` declared as a date is an error; the date is not also said unused", "[check][names]") {
  const std::string text = base_policy + "date birth \"The date of birth\"\n";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == Severity::error);
  CHECK(diagnostics[0].message.starts_with("`birth` cannot be declared as a `date`"));
  CHECK(position_of(diagnostics[0]) == position_of(text, "birth \""));
}
