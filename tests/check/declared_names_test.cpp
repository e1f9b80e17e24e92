// The names a policy declares beside the fixed vocabulary — rights, frameworks — and the
// country codes and validity dates of its lists and certifications.
#include "tests/check/check_helpers.hpp"

using namespace gavel;
using namespace gavel::check::testing;

TEST_CASE("a country code ISO 3166-1 does not assign is an error that names the code meant", "[check][countries]") {
  const std::string text = base_policy + "countries adequate \"Adequacy\" { CH, UK, EL, XX }\n" +
                           "rule t \"T\" cites \"Art. 45\" deny transfer when country outside adequate\n";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].severity == Severity::error);
  CHECK(diagnostics[0].message == "`UK` in countries list `adequate` is not a country code of ISO 3166-1");
  CHECK(diagnostics[0].help == "did you mean `GB`?");
  CHECK(position_of(diagnostics[0]) == position_of(text, "UK"));
  CHECK(diagnostics[1].help == "did you mean `GR`?");
  CHECK(diagnostics[2].message == "`XX` in countries list `adequate` is not a country code of ISO 3166-1");
  CHECK(diagnostics[2].help == "write the two-letter ISO 3166-1 alpha-2 code of the country, e.g. `FR`");
}

TEST_CASE("members with validity dates check clean; wrong days and reversed dates are errors", "[check][countries]") {
  const std::string clean = base_policy +
                            "countries adequate \"Adequacy\" { CH, GB until 2025-12-27, KR from 2021-12-17, "
                            "XK from 2030-01-01 until 2034-12-31 }\n"
                            "rule t \"T\" cites \"Art. 45\" deny transfer when country outside adequate\n";
  auto diagnostics = check_text(clean);
  // XK is not assigned by ISO 3166-1 (a user-assigned code): the only error.
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message == "`XK` in countries list `adequate` is not a country code of ISO 3166-1");

  const std::string wrong = base_policy +
                            "countries adequate \"Adequacy\" { GB from 2025-12-27 until 2021-06-28, KR from 2021-02-30 }\n"
                            "rule t \"T\" cites \"Art. 45\" deny transfer when country outside adequate\n";
  diagnostics = check_text(wrong);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].message == "`GB` is valid until `2021-06-28`, before it is valid from `2025-12-27`");
  CHECK(position_of(diagnostics[0]) == position_of(wrong, "2021-06-28"));
  CHECK(diagnostics[1].message.rfind("`2021-02-30` is not a date gavel can use: ", 0) == 0);
  CHECK(position_of(diagnostics[1]) == position_of(wrong, "2021-02-30"));
}

TEST_CASE("a code listed twice in one list is a warning", "[check][countries]") {
  const std::string text = base_policy + "countries adequate \"Adequacy\" { CH, GB, GB until 2025-12-27 }\n" +
                           "rule t \"T\" cites \"Art. 45\" deny transfer when country outside adequate\n";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "`GB` is listed twice in countries list `adequate`");
  CHECK(position_of(d) == position_of(text, "GB", 2));
}

TEST_CASE("a declared right is granted and refused like the built-in ones", "[check][rights]") {
  const std::string text = base_policy + R"gv(
right human_intervention "Obtain human intervention on an automated decision"
rule grant-it "Human intervention" cites "GDPR Art. 22(3)" grant human_intervention for support
rule refuse-it "No intervention on newsletters" cites "Policy § 2" refuse human_intervention for newsletter
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("an unknown right suggests the nearest of the built-in and declared ones", "[check][rights]") {
  const std::string text = base_policy + R"gv(
right human_intervention "Obtain human intervention on an automated decision"
rule a "A" cites "Art. 22(3)" grant human_interventon for support
rule b "B" cites "Art. 15" grant acess for support
rule c "C" cites "Art. 15" grant sunshine for support
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  auto unknown = with_message(diagnostics, "unknown right");
  REQUIRE(unknown.size() == 3);
  CHECK(unknown[0].message == "unknown right `human_interventon`");
  CHECK(unknown[0].help == "did you mean `human_intervention`?");
  CHECK(position_of(unknown[0]) == position_of(text, "human_interventon"));
  CHECK(unknown[1].help == "did you mean `access`?");
  CHECK(unknown[2].help.rfind("declare it with `right sunshine \"…\"`, or name one of `access`", 0) == 0);
  // The declared right may have been meant by a misspelling: no "granted by no rule" warning.
  CHECK(with_message(diagnostics, "granted by no rule").empty());
}

TEST_CASE("a name of another kind is not a right", "[check][rights]") {
  const std::string text = base_policy + "rule a \"A\" cites \"Art. 15\" grant support\n";
  auto d = only(check_text(text));
  CHECK(d.message == "`support` is a purpose, not a right");
}

TEST_CASE("a declared right no rule grants is a warning", "[check][rights]") {
  const std::string text = base_policy + R"gv(
right human_intervention "Obtain human intervention on an automated decision"
rule refuse-it "No intervention" cites "Policy § 2" refuse human_intervention
)gv";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "right `human_intervention` is granted by no rule");
  CHECK(position_of(d) == position_of(text, "human_intervention \""));
}

TEST_CASE("a right is declared once, in the names of the file", "[check][rights]") {
  const std::string text = base_policy + "right support \"Support\"\n";
  auto diagnostics = check_text(text);
  auto d = only(with_message(diagnostics, "already declared"));
  CHECK(d.message == "`support` is already declared as a purpose at line 13");
}

TEST_CASE("grant and refuse of one declared right conflict like the built-in ones", "[check][rights]") {
  const std::string text = base_policy + R"gv(
right human_intervention "Obtain human intervention"
rule grant-it "G" cites "Art. 22(3)" grant human_intervention for support
rule refuse-it "R" cites "Art. 22(3)" refuse human_intervention for support
)gv";
  auto d = only(check_text(text));
  CHECK(d.message.find("reach opposite conclusions") != std::string::npos);
  CHECK(d.help.find("`human_intervention` requests for `support`") != std::string::npos);
}

TEST_CASE("frameworks: certified recipients and the condition resolve; unknown ones suggest", "[check][frameworks]") {
  const std::string clean = base_policy + R"gv(
framework eu_us_dpf "EU-US Data Privacy Framework"
  cites "Commission Implementing Decision (EU) 2023/1795"
recipient mailer "Mailer" {
  receives identity
  certified under eu_us_dpf from 2023-07-10 until 2030-12-31
}
rule t "T" cites "Art. 44" deny transfer when country outside eea unless recipient certified under eu_us_dpf
)gv";
  auto diagnostics = check_text(clean);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());

  const std::string wrong = base_policy + R"gv(
framework eu_us_dpf "EU-US Data Privacy Framework"
recipient mailer "Mailer" { receives identity certified under eu_us_dfp from 2023-07-10 }
rule t "T" cites "Art. 44" deny transfer when country outside eea unless recipient certified under eu_us_dfp
)gv";
  diagnostics = check_text(wrong);
  INFO(dump(diagnostics));
  auto unknown = with_message(diagnostics, "unknown framework");
  REQUIRE(unknown.size() == 2);
  CHECK(unknown[0].message == "unknown framework `eu_us_dfp`");
  CHECK(unknown[0].help == "did you mean `eu_us_dpf`?");
  CHECK(with_message(diagnostics, "never used").empty());
}

TEST_CASE("a framework no recipient is certified under is a warning", "[check][frameworks]") {
  const std::string text = base_policy + "framework eu_us_dpf \"EU-US Data Privacy Framework\"\n";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "framework `eu_us_dpf` is never used");
}

TEST_CASE("a certification valid until before it is valid from is an error", "[check][frameworks]") {
  const std::string text = base_policy + R"gv(
framework f "F"
recipient mailer "Mailer" { receives identity certified under f from 2024-01-01 until 2023-01-01 }
)gv";
  auto d = only(check_text(text));
  CHECK(d.message ==
        "the certification of recipient `mailer` under `f` is valid until `2023-01-01`, before it is valid from "
        "`2024-01-01`");
}

TEST_CASE("`for any purpose except` and `purpose is` name purposes and groups", "[check][purposes]") {
  const std::string clean = base_policy + R"gv(
group marketing "Marketing" { newsletter }
rule a "A" cites "§ 1" deny disclose for any purpose except marketing
rule b "B" cites "§ 2" deny transfer when purpose is support
)gv";
  auto diagnostics = check_text(clean);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());

  const std::string wrong = base_policy + R"gv(
rule a "A" cites "§ 1" deny disclose for any purpose except suport
rule b "B" cites "§ 2" deny transfer when purpose is suport
)gv";
  diagnostics = check_text(wrong);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].message == "unknown purpose or group `suport`");
  CHECK(diagnostics[0].help == "did you mean `support`?");
  CHECK(diagnostics[1].message == "unknown purpose or group `suport`");
}

TEST_CASE("a rule that excepts every purpose can never apply", "[check][purposes]") {
  const std::string text = base_policy + "rule a \"A\" cites \"§ 1\" deny disclose for any purpose except newsletter, support\n";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "rule `a` excepts every purpose, so it can never apply");
}

TEST_CASE("`when purpose is` narrows a rule to those purposes", "[check][purposes]") {
  // The refusal applies only to newsletter requests: it does not meet the grant for support.
  const std::string apart = base_policy + R"gv(
right human_intervention "Obtain human intervention"
rule grant-it "G" cites "Art. 22(3)" grant human_intervention for support
rule refuse-it "R" cites "Policy § 2" refuse human_intervention when purpose is newsletter
)gv";
  auto diagnostics = check_text(apart);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());

  // Without the test they meet on support requests.
  const std::string meet = base_policy + R"gv(
right human_intervention "Obtain human intervention"
rule grant-it "G" cites "Art. 22(3)" grant human_intervention for support
rule refuse-it "R" cites "Policy § 2" refuse human_intervention when restricted
)gv";
  CHECK(with_message(check_text(meet), "reach opposite conclusions").size() == 1);

  // A `purpose is` outside the rule's own purposes can never hold.
  const std::string never = base_policy + R"gv(
rule r "R" cites "§ 2" deny use for support when purpose is newsletter and restricted
)gv";
  auto d = only(check_text(never));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "rule `r` can never apply: its `when` requires `purpose is newsletter`, which is none of its purposes");
  CHECK(position_of(d) == position_of(never, "purpose is newsletter"));
}
