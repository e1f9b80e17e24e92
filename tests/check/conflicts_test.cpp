// Conflicts between rules of equal standing, and what `overrides` may say.
#include <chrono>

#include "tests/check/check_helpers.hpp"

using namespace gavel;
using namespace gavel::check::testing;

TEST_CASE("deny and allow on a common action and purpose conflict", "[check][conflicts]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 21" deny use, store for newsletter when restricted
rule keep "Keep" cites "Art. 6" allow use, communicate when unlawful
)gv";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message ==
        "rules `stop` (line 18) and `keep` reach opposite conclusions on overlapping cases and neither overrides the "
        "other");
  CHECK(d.help ==
        "both concern `use` for `newsletter`: add `overrides stop` to `keep` or `overrides keep` to `stop`, whichever "
        "should win, or an `unless` that separates them");
  CHECK(position_of(d) == position_of(text, "keep"));
}

TEST_CASE("an override settles a conflict, in either direction", "[check][conflicts]") {
  const std::string one = base_policy + R"gv(rule stop "Stop" cites "Art. 21" deny use for newsletter
rule keep "Keep" cites "Art. 6" allow use for newsletter overrides stop
)gv";
  const std::string other = base_policy + R"gv(rule stop "Stop" cites "Art. 21" deny use for newsletter overrides keep
rule keep "Keep" cites "Art. 6" allow use for newsletter
)gv";
  for (const auto& text : {one, other}) {
    auto diagnostics = check_text(text);
    INFO(dump(diagnostics));
    CHECK(diagnostics.empty());
  }
}

TEST_CASE("rules on different actions, purposes or rights do not conflict", "[check][conflicts]") {
  const std::string text = base_policy + R"gv(rule a "A" cites "Art. 1" deny use for newsletter
rule b "B" cites "Art. 1" allow store for newsletter
rule c "C" cites "Art. 1" allow use for support
rule d "D" cites "Art. 1" deny any action except use for support
rule e "E" cites "Art. 1" grant access for support
rule f "F" cites "Art. 1" refuse erasure for support
rule g "G" cites "Art. 1" refuse access for newsletter
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("contradictory conditions keep two rules apart", "[check][conflicts]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 18" deny use for newsletter when restricted and unlawful
rule keep "Keep" cites "Art. 18" allow use for newsletter when not restricted
rule send "Send" cites "Art. 44" allow transfer for newsletter when country in eea
rule hold "Hold" cites "Art. 44" deny transfer for newsletter when country outside eea
rule while-given "Given" cites "Art. 7" allow communicate for newsletter when consent given
rule once-withdrawn "Withdrawn" cites "Art. 7" deny communicate for newsletter when consent withdrawn
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("an exception of one rule that the other requires keeps them apart", "[check][conflicts]") {
  const std::string text = base_policy + R"gv(rule storage-only "Restriction" cites "Art. 18(2)" deny use for support when restricted unless legal_claims, public_interest
rule claims "Claims" cites "Art. 17(3)(e)" allow use for support when legal_claims
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("conditions that may hold together are a conflict", "[check][conflicts]") {
  const std::string text = base_policy + R"gv(rule storage-only "Restriction" cites "Art. 18(2)" deny use for support when restricted unless legal_claims
rule claims "Claims" cites "Art. 17(3)(e)" allow use for support when legal_claims or public_interest
)gv";
  auto d = only(check_text(text));
  CHECK(d.message ==
        "rules `storage-only` (line 18) and `claims` reach opposite conclusions on overlapping cases and neither "
        "overrides the other");
}

TEST_CASE("grant and refuse of the same right conflict", "[check][conflicts]") {
  const std::string text = base_policy + R"gv(group marketing "Marketing" { newsletter }
rule grant-erasure "Erasure" cites "Art. 17(1)" grant erasure for marketing when unlawful
rule refuse-erasure "No erasure" cites "Art. 17(3)" refuse erasure when legal_obligation
)gv";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message ==
        "rules `grant-erasure` (line 19) and `refuse-erasure` reach opposite conclusions on overlapping cases and "
        "neither overrides the other");
  CHECK(d.help ==
        "both concern `erasure` requests for `newsletter`: add `overrides grant-erasure` to `refuse-erasure` or "
        "`overrides refuse-erasure` to `grant-erasure`, whichever should win, or an `unless` that separates them");
}

TEST_CASE("an override of a rule that never meets it is a warning", "[check][conflicts]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 21" deny use for newsletter overrides keep, access-right
rule keep "Keep" cites "Art. 6" allow store for newsletter
rule access-right "Access" cites "Art. 15" grant access for newsletter
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].severity == Severity::warning);
  CHECK(diagnostics[0].message == "`stop` overrides `keep`, but they never concern the same request");
  CHECK(position_of(diagnostics[0]) == position_of(text, "keep"));
  CHECK(diagnostics[1].message == "`stop` overrides `access-right`, but they never concern the same request");
}

TEST_CASE("overrides in a cycle are an error", "[check][conflicts]") {
  const std::string two = base_policy + R"gv(rule a "A" cites "Art. 1" deny use for newsletter overrides b
rule b "B" cites "Art. 1" allow use for newsletter overrides a
)gv";
  auto d = only(check_text(two));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "rules override each other in a cycle: `b` overrides `a`, which overrides `b`");
  CHECK(d.help == "remove one of these `overrides`: in a cycle no rule can win");
  auto at = position_of(two, "overrides a");
  at.column += 10;  // the `a` of `overrides a`, in the last rule of the cycle
  CHECK(position_of(d) == at);

  const std::string three = base_policy + R"gv(rule a "A" cites "Art. 1" deny use for newsletter overrides b
rule b "B" cites "Art. 1" allow use for newsletter overrides c
rule c "C" cites "Art. 1" deny use for newsletter overrides a
)gv";
  auto diagnostics = check_text(three);
  auto cycle = only(with_message(diagnostics, "cycle"));
  CHECK(cycle.message == "rules override each other in a cycle: `c` overrides `a`, which overrides `b`, which overrides `c`");
}

TEST_CASE("every mistake of a file is reported, in source order", "[check]") {
  std::string text = base_policy;
  text.replace(text.find("data identity\n"), 13, "data idenity");
  text += R"gv(date identity "The day we met"
rule stop "Stop" cites "Art. 21" deny use for newsleter
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].message == "unknown category `idenity`");
  CHECK(diagnostics[1].message == "`identity` is already declared as a category at line 5");
  CHECK(diagnostics[2].message == "unknown purpose or group `newsleter`");
  for (const auto& d : diagnostics) CHECK(d.severity == Severity::error);
}

TEST_CASE("a small complete policy checks clean", "[check]") {
  std::string text = base_policy + R"gv(calendar france "Public holidays in France" {
  holiday "New Year's Day" on 1 January
  holiday "Easter Monday"  on 1 day after Easter
}
category message "Message content"
recipient crm "CRM" {
  activity "Customer relationship management"
  receives identity, contact_details
}
group marketing "Marketing" { newsletter }
purpose requests "Answer requests" {
  basis legitimate_interest or legal_obligation
  data identity, message
  retain 3 years after last_contact
  then archive
  processed by automated means
}

rule marketing-objection "An objection to marketing stops it"
  cites "GDPR Art. 21(3)"
  says "You may object at any time"
  deny any action except erase, archive for marketing
  when objected to marketing or objected to purpose

rule after-retention "Data is not used after its retention"
  cites "GDPR Art. 5(1)(e)"
  deny any action except archive, erase
  when retention over
  unless legal_claims

rule archiving "Data may be archived at the end of retention"
  cites "GDPR Art. 17(3)"
  allow archive
  when retention over

rule closing "Data is archived or erased at the end of retention"
  cites "GDPR Art. 5(1)(e)"
  oblige end of retention
  when retention over

rule consent-erasure "Erasure after withdrawal of consent"
  cites "GDPR Art. 17(1)(b)"
  grant erasure for purposes based on consent
  when consent withdrawn

rule claims "Erasure may be refused for legal claims"
  cites "GDPR Art. 17(3)(e)"
  refuse erasure
  when legal_claims
  overrides consent-erasure

rule storage-only "Restricted data may only be stored"
  cites "GDPR Art. 18(2)"
  deny any action except store
  when restricted
  unless legal_claims
  overrides archiving

rule li-objection "An objection ends the legitimate interest"
  cites "GDPR Art. 21(1)"
  defeat basis legitimate_interest for purposes based on legitimate_interest
  when objected to purpose
  unless compelling_grounds

rule transfers "Transfers stay in the EEA"
  cites "GDPR Art. 44"
  deny transfer
  when country outside eea and recipient is crm
  unless standard_contractual_clauses

respond within 1 month, extendable by 2 months
)gv";
  text.replace(text.find("  established in eea\n"), 21, "  established in eea\n  holidays france\n");
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("10,000 rules about disjoint purposes check in well under a second", "[check][performance]") {
  std::string text = "controller \"Big\" { established in eea }\ncountries eea \"EEA\" { FR }\n"
                     "category c \"Data\"\ndate d \"Date\"\n";
  constexpr int n = 5000;
  for (int i = 0; i < n; ++i) {
    const std::string p = "p" + std::to_string(i);
    text += "purpose " + p + " \"P\" { basis consent\n data c\n retain 1 year after d }\n";
    text += "rule deny-" + p + " \"D\" cites \"X\" deny use for " + p + " when objected to purpose\n";
    text += "rule allow-" + p + " \"A\" cites \"X\" allow use for " + p + " when consent given overrides deny-" + p + "\n";
  }
  auto parsed = grammar::parse(Source{"big.gavel", text});
  REQUIRE(parsed.diagnostics.empty());
  const auto start = std::chrono::steady_clock::now();
  auto checked = check::check(std::move(parsed.policy));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  INFO(dump(checked.diagnostics).substr(0, 2000));
  CHECK(checked.diagnostics.empty());
  CHECK(elapsed < std::chrono::milliseconds(1000));
}

TEST_CASE("exclusion is worked out through `not`, `or` and exceptions of several facts", "[check][conflicts]") {
  const std::string apart = base_policy + R"gv(recipient crm "CRM" { receives identity }
recipient mailer "Mailer" { receives identity }
rule quiet "Quiet" cites "Art. 18" deny use for support when not (restricted or unlawful)
rule loud "Loud" cites "Art. 18" allow use for support when unlawful and legal_claims
rule to-crm "CRM" cites "Art. 28" allow disclose for support when recipient is crm
rule not-mailer "Mailer" cites "Art. 28" deny disclose for support when recipient is mailer
)gv";
  auto diagnostics = check_text(apart);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());

  const std::string together = base_policy + R"gv(rule storage-only "Restriction" cites "Art. 18(2)" deny use for support when restricted unless legal_claims and public_interest
rule claims "Claims" cites "Art. 17(3)(e)" allow use for support when legal_claims
)gv";
  auto d = only(check_text(together));
  CHECK(d.message ==
        "rules `storage-only` (line 18) and `claims` reach opposite conclusions on overlapping cases and neither "
        "overrides the other");
}

TEST_CASE("a conflict is not reported beside a mistyped override", "[check][conflicts]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 21" deny use for newsletter overrides kep
rule keep "Keep" cites "Art. 6" allow use for newsletter
)gv";
  auto d = only(check_text(text));
  CHECK(d.message == "unknown rule `kep`");
}

TEST_CASE("the conflict report is bounded, and says where it stopped", "[check][conflicts]") {
  std::string text = base_policy;
  for (int i = 0; i < 11; ++i)
    text += "rule deny-" + std::to_string(i) + " \"D\" cites \"X\" deny use for newsletter\n";
  for (int i = 0; i < 11; ++i)
    text += "rule allow-" + std::to_string(i) + " \"A\" cites \"X\" allow use for newsletter\n";
  auto diagnostics = check_text(text);
  CHECK(with_message(diagnostics, "reach opposite conclusions").size() == 100);
  auto stop = only(with_message(diagnostics, "stopped"));
  CHECK(stop.severity == Severity::warning);
  CHECK(stop.message == "100 pairs of conflicting rules reported: the search for more stopped here");
  CHECK(stop.help == "give the rules `overrides` or narrower `for` lists, so that fewer of them meet");
}
