// Every mistake gives a message in words, at its place, with a likely fix where there is one;
// and a mistake in one declaration does not hide the mistakes in the next ones.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "grammar/diagnostics.hpp"
#include "grammar/parser.hpp"

using namespace gavel;

namespace {

grammar::ParseResult read(std::string text) { return grammar::parse(Source{"test.gavel", std::move(text)}); }

struct Case {
  std::string_view input;
  std::string_view message;  // the whole message of the first diagnostic
  std::uint32_t line;
  std::uint32_t column;
  std::string_view help = {};
};

}  // namespace

TEST_CASE("each mistake has its message, line and column", "[grammar][errors][table]") {
  const Case cases[] = {
      // lexical
      {"category a \"never closed\n", "unterminated text: the closing `\"` is missing", 1, 12},
      {"category a \"bad \\n escape\"", "unknown escape in text: only `\\\"` and `\\\\` may follow a backslash", 1, 18},
      {"respond within 12345 days", "`12345` is too large: numbers have at most 4 digits", 1, 16},
      {"respond within 3 fortnights",
       "expected `days`, `weeks`, `months` or `years` after the number in `respond within`, found `fortnights`", 1, 18},
      {"respond within 3 yeras",
       "expected `days`, `weeks`, `months` or `years` after the number in `respond within`, found `yeras`", 1, 18,
       "did you mean `years`?"},
      {"rul r \"t\"", "expected a declaration or a rule, found `rul`", 1, 1, "did you mean `rule`?"},
      {"{", "expected a declaration or a rule, found `{`", 1, 1},
      {"category \"x\"", "expected a name for the category after `category`, found text", 1, 10,
       "a name is a word without quotes, such as `contact_details`"},
      {"category data \"x\"", "expected a name for the category after `category`, found `data`", 1, 10,
       "`data` is a keyword of the language and cannot be used as a name"},
      {"category 9a \"x\"", "expected a name for the category after `category`, found `9`", 1, 10},
      {"category a b", "expected `\"` to start the description of category `a`", 1, 12},
      {"date d", "expected `\"` to start the description of date `d`", 1, 7},
      {"category c \"C\" governed \"Cookie Policy\"", "expected `by` after `governed` in category `c`", 1, 25},
      // something missing at the end of the file is reported after the last word
      {"rule r \"t\"\n  cites \"a\"\n\n// the end\n",
       "expected a conclusion (`deny`, `allow`, `defeat basis`, `grant`, `refuse` or `oblige`) in rule `r`, found the "
       "end of the file",
       2, 12},
      // controller
      {"controller X", "expected `\"` to start the name of the controller after `controller`", 1, 12},
      {"controller \"X\" established in eea", "expected `{` after the name of controller `X`, found `established`", 1,
       16},
      {"controller \"X\" { adress \"a\" }",
       "expected `address`, `contact`, `authority`, `established in`, `holidays` or `}` in controller `X`, found "
       "`adress`",
       1, 18, "did you mean `address`?"},
      {"controller \"X\" { established eea }", "expected `in` after `established`", 1, 30},
      {"controller \"X\" { holidays \"france\" }",
       "expected the name of a `calendar` after `holidays`, found text", 1, 27, "a name is a word without quotes, such as `contact_details`"},
      {"controller \"X\" { contact \"a\" contact \"b\" }", "`contact` appears twice in controller `X`", 1, 30},
      {"controller \"FLEXIS\nSAS\" { x }",
       "expected `address`, `contact`, `authority`, `established in`, `holidays` or `}` in controller `FLEXIS SAS`, "
       "found `x`",
       2, 8},
      // countries
      {"countries eu \"EU\" { FR, de }",
       "expected a country code, two capital letters such as `FR`, in countries `eu`, found `de`", 1, 25,
       "country codes are written in capitals: `DE`"},
      {"countries eu \"EU\" { FRA }",
       "expected a country code, two capital letters such as `FR`, in countries `eu`, found `FRA`", 1, 21},
      {"countries eu \"EU\" { FR DE }", "expected `,` or `}` after a country code in countries `eu`, found `DE`", 1,
       24},
      {"countries eu \"EU\" FR", "expected `{` after the title of countries `eu`, found `FR`", 1, 19},
      // calendar
      {"calendar f \"F\" { holiday \"x\" on 31 April }", "`31 April` does not exist: April has 30 days", 1, 33},
      {"calendar f \"F\" { holiday \"x\" on 0 May }", "`0 May` does not exist: May has 31 days", 1, 33},
      {"calendar f \"F\" { holiday \"x\" on 29 February }",
       "`29 February` does not recur every year: a holiday must fall on a day of every year", 1, 33},
      {"calendar f \"F\" { holiday \"x\" on 1 Januray }",
       "expected a month such as `January`, or `days after Easter`, after the day of the holiday in calendar `f`, "
       "found `Januray`",
       1, 35, "did you mean `January`?"},
      {"calendar f \"F\" { holiday \"x\" on 1 day afer Easter }",
       "expected `after` or `before` in calendar `f`, found `afer`", 1, 39, "did you mean `after`?"},
      {"calendar f \"F\" { holiday \"x\" on 1 day after easter }", "expected `Easter` in calendar `f`, found `easter`",
       1, 45, "did you mean `Easter`?"},
      {"calendar f \"F\" { holiday \"x\" 1 January }",
       "expected `on` after the name of the holiday in calendar `f`, found `1`", 1, 30},
      {"calendar f \"F\" { holidy \"x\" on 1 May }", "expected `holiday` or `}` in calendar `f`, found `holidy`", 1, 18,
       "did you mean `holiday`?"},
      // purpose
      {"purpose p \"P\" {\n  basis consnt\n}",
       "expected a lawful basis such as `consent` or `legitimate_interest` after `basis`", 2, 9,
       "did you mean `consent`?"},
      {"purpose p \"P\" { basis consent or contrat }",
       "expected a lawful basis such as `consent` or `contract` after `or`", 1, 34, "did you mean `contract`?"},
      {"purpose p \"P\" {\n  basis consent\n  basis contract\n}", "`basis` appears twice in purpose `p`", 3, 3},
      {"purpose p \"P\" { data a data b }", "`data` appears twice in purpose `p`", 1, 24},
      {"purpose p \"P\" { then erase then archive }", "`then` appears twice in purpose `p`", 1, 28},
      {"purpose p \"P\" { retain 1 year after d retain 2 years after d }", "`retain` appears twice in purpose `p`", 1,
       39},
      {"purpose p \"P\" { data a, }", "expected a data category after `,` in purpose `p`, found `}`", 1, 25},
      {"purpose p \"P\" {\n  basis consent\nrule r \"t\" cites \"a\" deny use",
       "expected `basis`, `data`, `retain`, `then`, `processed by automated means`, `special data under` or `}` in "
       "purpose `p`, found `rule`",
       3, 1, "is the closing `}` of purpose `p` missing?"},
      {"purpose p \"P\" { retain 3 years last_contact }",
       "expected `after` and the date the period counts from, as in `3 years after last_contact`, in purpose `p`, "
       "found `last_contact`",
       1, 32},
      {"purpose p \"P\" { retain until consent given }", "expected `withdrawn` after `until consent` in purpose `p`", 1, 38},
      {"purpose p \"P\" { retain at 3 years after d }", "expected `most` or `least` after `at` in purpose `p`, found `3`", 1, 27},
      {"purpose p \"P\" { retain forever }",
       "expected how long the data is kept, such as `3 years after last_contact` or `until consent withdrawn`, after "
       "`retain` in purpose `p`",
       1, 24},
      {"purpose p \"P\" { then delete }", "expected `erase` or `archive` after `then` in purpose `p`, found `delete`", 1,
       22},
      {"purpose p \"P\" { processed automatically }",
       "expected `by automated means` after `processed` in purpose `p`", 1, 27},
      {"purpose p \"P\" { bassis consent }",
       "expected `basis`, `data`, `retain`, `then`, `processed by automated means`, `special data under` or `}` in "
       "purpose `p`, found `bassis`",
       1, 17, "did you mean `basis`?"},
      {"purpose p { basis consent }", "expected `\"` to start the title of purpose `p`", 1, 11},
      // group, recipient, respond
      {"group g \"G\" { a b }", "expected `,` or `}` after a purpose in group `g`, found `b`", 1, 17},
      {"group g \"G\" { }", "expected the name of a purpose in group `g`, found `}`", 1, 15},
      {"recipient r \"R\" { receives }", "expected a data category after `receives` in recipient `r`, found `}`", 1, 28},
      {"recipient r \"R\" { recieves a }",
       "expected `activity`, `receives`, `certified under` or `}` in recipient `r`, found `recieves`", 1, 19,
       "did you mean `receives`?"},
      {"respond in 1 month", "expected `within` after `respond`", 1, 9},
      {"respond within 1 month, extendable 2 months", "expected `by` after `extendable`", 1, 36},
      {"respond within one month", "expected a period such as `1 month` after `respond within`, found `one`", 1, 16},
      // rules
      {"rule \"t\"", "expected an id for the rule after `rule`, found text", 1, 6, "a name is a word without quotes, such as `contact_details`"},
      {"rule r title", "expected `\"` to start the title of rule `r`", 1, 8},
      {"rule r \"t\" deny use",
       "expected `cites` and the article or clause that rule `r` encodes, found `deny`", 1, 12,
       "every rule says where it comes from, e.g. `cites \"GDPR Art. 21(3)\"`, before its conclusion"},
      {"rule r \"t\" cite \"a\" deny use",
       "expected `cites` and the article or clause that rule `r` encodes, found `cite`", 1, 12,
       "did you mean `cites`?"},
      {"rule r \"t\" cites GDPR", "expected `\"` to start a citation in rule `r`", 1, 18},
      {"rule r \"t\" cites \"a\",", "expected `\"` to start a citation in rule `r`", 1, 22},
      {"rule r \"t\" cites \"a\" says deny", "expected `\"` to start the words of the clause after `says` in rule `r`",
       1, 27},
      {"rule r \"t\" cites \"a\"",
       "expected a conclusion (`deny`, `allow`, `defeat basis`, `grant`, `refuse` or `oblige`) in rule `r`, found the "
       "end of the file",
       1, 21},
      {"rule r \"t\" cites \"a\" forbid use",
       "expected a conclusion (`deny`, `allow`, `defeat basis`, `grant`, `refuse` or `oblige`) in rule `r`, found "
       "`forbid`",
       1, 22},
      {"rule r \"t\" cites \"a\" deny",
       "expected `any action` or an action such as `use` or `store` in rule `r`, found the end of the file", 1, 26},
      {"rule r \"t\" cites \"a\" deny uses",
       "expected `any action` or an action such as `use` or `store` in rule `r`, found `uses`", 1, 27,
       "did you mean `use`?"},
      {"rule r \"t\" cites \"a\" deny any actions", "expected `action` after `any` in rule `r`", 1, 31},
      {"rule r \"t\" cites \"a\" deny any action except", "expected an action (`collect`, `store`, `use`, `disclose`, "
                                                        "`transfer`, `communicate`, `archive` or `erase`) in rule `r`, "
                                                        "found the end of the file",
       1, 44},
      {"rule r \"t\" cites \"a\" deny use, sell", "expected an action (`collect`, `store`, `use`, `disclose`, "
                                                "`transfer`, `communicate`, `archive` or `erase`) in rule `r`, found "
                                                "`sell`",
       1, 32},
      {"rule r \"t\" cites \"a\" deny use for",
       "expected a purpose, a group, `any purpose except` or `purposes based on` after `for` in rule `r`, found the end "
       "of the file",
       1, 34},
      {"rule r \"t\" cites \"a\" deny use for any purposes", "expected `purpose` after `for any` in rule `r`", 1, 39},
      {"rule r \"t\" cites \"a\" deny use when purpose care", "expected `is` after `purpose` in rule `r`", 1, 44},
      {"recipient r \"R\" { certified eu_us_dpf }", "expected `under` after `certified` in recipient `r`", 1, 29},
      {"countries c \"C\" { GB until 2025-1-27 }",
       "expected a date such as `2025-12-27` after `until` in countries `c`, found `2025`", 1, 28,
       "dates are written year-month-day, e.g. `until 2025-12-27`"},
      {"right \"Human intervention\"", "expected a name for the right after `right`, found text", 1, 7,
       "a name is a word without quotes, such as `contact_details`"},
      {"rule r \"t\" cites \"a\" deny use for purposes based consent",
       "expected `on` after `for purposes based` in rule `r`", 1, 50},
      {"rule r \"t\" cites \"a\" deny use for purposes based on concent",
       "expected a lawful basis such as `consent` or `contract` in rule `r`, found `concent`", 1, 53,
       "did you mean `consent`?"},
      {"rule r \"t\" cites \"a\" defeat legitimate_interest", "expected `basis` after `defeat` in rule `r`", 1, 29},
      {"rule r \"t\" cites \"a\" grant erase",
       "expected a right (`access`, `rectification`, `erasure`, `restriction`, `portability`, `objection`, "
       "`withdraw_consent`, `post_mortem` or one the policy declares) after `grant` in rule `r`, found `erase`",
       1, 28},
      {"rule r \"t\" cites \"a\" oblige delete",
       "expected `erase`, `archive` or `end of retention` after `oblige` in rule `r`, found `delete`", 1, 29},
      {"rule r \"t\" cites \"a\" oblige end retention", "expected `of retention` after `oblige end` in rule `r`", 1, 33},
      {"rule r \"t\" cites \"a\" deny use whn restricted",
       "expected `when`, `unless`, `overrides` or the end of rule `r`, found `whn`", 1, 31, "did you mean `when`?"},
      {"rule r \"t\" cites \"a\" deny use unless legal_claims when restricted",
       "expected `when`, `unless`, `overrides` or the end of rule `r`, found `when`", 1, 51,
       "the parts of a rule come in this order: `cites`, `says`, the conclusion (with `for`), `when`, `unless`, "
       "`overrides`"},
      {"rule r \"t\" cites \"a\" deny use overrides", "expected the id of a rule after `overrides` in rule `r`, found "
                                                    "the end of the file",
       1, 40},
      // conditions
      {"rule r \"t\" cites \"a\" deny use when",
       "expected a condition such as `consent given` or `restricted` after `when` in rule `r`, found the end of the "
       "file",
       1, 35},
      {"rule r \"t\" cites \"a\" deny use when restrcted",
       "expected a condition such as `consent given` or `restricted` after `when` in rule `r`, found `restrcted`", 1,
       36, "did you mean `restricted`?"},
      {"rule r \"t\" cites \"a\" deny use when consent gven",
       "expected `given` or `withdrawn` after `consent` in rule `r`, found `gven`", 1, 44, "did you mean `given`?"},
      {"rule r \"t\" cites \"a\" deny use when objected newsletter", "expected `to` after `objected` in rule `r`", 1,
       45},
      {"rule r \"t\" cites \"a\" deny use when retention", "expected `over` after `retention` in rule `r`", 1, 45},
      {"rule r \"t\" cites \"a\" deny use when data outside", "expected `purpose` after `data outside` in rule `r`", 1, 48},
      {"rule r \"t\" cites \"a\" deny use when data include health",
       "expected `outside purpose` or `includes` after `data` in rule `r`, found `include`", 1, 41,
       "did you mean `includes`?"},
      {"rule r \"t\" cites \"a\" deny use when recipient may receive data",
       "expected `not receive data` after `recipient may` in rule `r`", 1, 50},
      {"rule r \"t\" cites \"a\" deny use when country outsid eea",
       "expected `in` or `outside` after `country` in rule `r`, found `outsid`", 1, 44, "did you mean `outside`?"},
      {"rule r \"t\" cites \"a\" deny use when basis consent",
       "expected `is` or `of record is` after `basis` in rule `r`, found `consent`", 1, 42},
      {"rule r \"t\" cites \"a\" deny use when (restricted", "expected `and`, `or` or `)` in rule `r`, found the end of "
                                                           "the file",
       1, 47, "the `(` of line 1, column 36 is not closed"},
      {"rule r \"t\" cites \"a\" deny use when restricted and", "expected a condition in rule `r`, found the end of the "
                                                              "file",
       1, 50},
      {"rule r \"t\" cites \"a\" deny use when restricted or", "expected a condition after `or` in rule `r`, found the "
                                                             "end of the file",
       1, 49},
      {"rule r \"t\" cites \"a\" deny use when ()", "expected a condition after `(` in rule `r`, found `)`", 1, 37},
      {"rule r \"t\" cites \"a\" deny use unless legal_claim",
       "expected an exception, a condition such as `legal_claims`, after `unless` in rule `r`, found `legal_claim`", 1,
       38, "did you mean `legal_claims`?"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    const auto r = read(std::string(c.input));
    REQUIRE_FALSE(r.diagnostics.empty());
    const auto& d = r.diagnostics.front();
    CHECK(d.severity == Severity::error);
    CHECK(d.message == c.message);
    CHECK(d.span.line == c.line);
    CHECK(d.span.column == c.column);
    CHECK(d.help == c.help);
    CHECK(d.span.end >= d.span.begin);
  }
}

TEST_CASE("a text that swallowed the next lines is pointed out", "[grammar][errors]") {
  const auto r = read("category identity \"Identity\ncategory job \"Job title\"\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].span.line == 2);
  CHECK(r.diagnostics[0].help == "the text that starts on line 1 runs over 2 lines: is its closing `\"` missing?");
}

TEST_CASE("three independent mistakes in three rules give three diagnostics, in order", "[grammar][recovery]") {
  const auto r = read(
      "rule one \"First\"\n"
      "  cites \"a\"\n"
      "  deny uses\n"
      "\n"
      "rule fine \"Fine\"\n"
      "  cites \"b\"\n"
      "  deny use\n"
      "\n"
      "rule two \"Second\"\n"
      "  cites \"c\"\n"
      "  allow use when consent gven\n"
      "\n"
      "purpose p \"P\" {\n"
      "  basis consnt\n"
      "}\n"
      "rule three \"Third\" cites \"d\" deny use whn restricted\n");
  REQUIRE(r.diagnostics.size() == 4);
  CHECK(r.diagnostics[0].span.line == 3);
  CHECK(r.diagnostics[1].span.line == 11);
  CHECK(r.diagnostics[2].span.line == 14);
  CHECK(r.diagnostics[3].span.line == 16);
  // What could be read is kept.
  REQUIRE(r.policy.rules.size() == 1);
  CHECK(r.policy.rules[0].id.text == "fine");
}

TEST_CASE("recovery resumes at a declaration keyword in the first column", "[grammar][recovery]") {
  const auto r = read(
      "category a \"A\" oops\n"
      "  purpose indented \"is inside the mistake\"\n"
      "category b \"B\"\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "expected a declaration or a rule, found `oops`");
  REQUIRE(r.policy.categories.size() == 2);
  CHECK(r.policy.categories[1].name.text == "b");
}

TEST_CASE("a semantic mistake inside a declaration does not stop its reading", "[grammar][recovery]") {
  const auto r = read(
      "calendar f \"F\" {\n"
      "  holiday \"a\" on 31 April\n"
      "  holiday \"b\" on 31 June\n"
      "}\n");
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[1].message == "`31 June` does not exist: June has 30 days");
}

TEST_CASE("a name with letters beyond ASCII is reported whole, with an ASCII spelling", "[grammar][errors]") {
  const struct {
    std::string_view input, message, help;
    std::uint32_t column, width;
  } cases[] = {
      // Cut at the first non-ASCII byte, it was reported as `donn`.
      {"category données \"Data\"\n", "`données` cannot be a name: names are written in ASCII",
       "a name is made of ASCII letters, digits, `_` and `-`: did you mean `donnees`?", 10, 8},
      {"category Straße \"Street\"\n", "`Straße` cannot be a name: names are written in ASCII",
       "a name is made of ASCII letters, digits, `_` and `-`: did you mean `Strasse`?", 10, 7},
      {"rule règle \"R\" cites \"x\" deny use\n", "`règle` cannot be a name: names are written in ASCII",
       "a name is made of ASCII letters, digits, `_` and `-`: did you mean `regle`?", 6, 6},
      {"category éléments \"E\"\n", "expected a name for the category after `category`, found `éléments`",
       "a name is made of ASCII letters, digits, `_` and `-`: did you mean `elements`?", 10, 10},
      {"category ключ \"Key\"\n", "expected a name for the category after `category`, found `ключ`",
       "a name is made of ASCII letters, digits, `_` and `-`", 10, 8},
      {"category catégorie \"C\"\n", "`catégorie` cannot be a name: names are written in ASCII",
       "a name is made of ASCII letters, digits, `_` and `-`: did you mean `categorie`?", 10, 10},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    const auto r = read(std::string(c.input));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == c.message);
    CHECK(r.diagnostics[0].help == c.help);
    CHECK(r.diagnostics[0].span.line == 1);
    CHECK(r.diagnostics[0].span.column == c.column);
    CHECK(r.diagnostics[0].span.end - r.diagnostics[0].span.begin == c.width);
  }
}

TEST_CASE("ascii_name spells a name in ASCII letters", "[grammar][errors]") {
  CHECK(ascii_name("données") == "donnees");
  CHECK(ascii_name("Œuvre_ÆØÅ-ñ") == "OEuvre_AEOA-n");
  CHECK(ascii_name("łódź") == "lodz");
  CHECK(ascii_name("ключ") == "");      // nothing Latin left
  CHECK(ascii_name("x-ключ") == "x-_");  // a run of other letters is one `_`
  CHECK(ascii_name("x_ключ") == "x_");
  CHECK(ascii_name("\xff\xfe") == "");   // not UTF-8
  CHECK(ascii_name("9é") == "");         // a name starts with a letter
}

TEST_CASE("a lone carriage return, CR LF and LF each end one line", "[grammar][errors]") {
  // Every diagnostic of a CR-only file was on line 1, and a `//` comment ran to the end of it.
  for (std::string_view end : {"\r", "\r\n", "\n"}) {
    INFO(static_cast<int>(end.size()) << " byte line end, last byte " << static_cast<int>(end.back()));
    std::string text;
    for (std::string_view line : {"// a comment", "category a \"A\"", "category b \"B\" oops",
                                  "  purpose skipped \"in the mistake\"", "category c \"C\"", "purpose p \"P\" {",
                                  "  basis consnt", "}"})
      (text += line) += end;
    const auto r = read(text);
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].span.line == 3);
    CHECK(r.diagnostics[0].span.column == 16);
    CHECK(r.diagnostics[1].span.line == 7);
    CHECK(r.diagnostics[1].span.column == 9);
    REQUIRE(r.policy.categories.size() == 3);  // recovery skipped one line and resumed at `category c`
    CHECK(r.policy.categories[2].name.text == "c");
    CHECK(r.policy.purposes.empty());
  }
  // Mixed in one file, and a text that spans lines keeps its own line ends.
  const auto r = read("category a \"two\rlines\"\r\ncategory b \"B\"\ncategory c \"C\" oops\r");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].span.line == 4);
  CHECK(r.policy.categories.at(0).description.value == "two\rlines");
}
