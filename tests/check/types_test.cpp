// Types: a rule about consent names a consent-based purpose, a defeated basis is one its
// purposes list, a period is never empty, and the like.
#include "tests/check/check_helpers.hpp"

using namespace gavel;
using namespace gavel::check::testing;

TEST_CASE("`until consent withdrawn` needs a consent basis", "[check][types]") {
  std::string text = base_policy;
  text.replace(text.find("retain 1 year after last_contact"), 32, "retain until consent withdrawn, 1 year after last_contact");
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "`until consent withdrawn` in purpose `support`, which has no `consent` basis");
  CHECK(d.help == "add `consent` to its `basis`, or remove this term");
  CHECK(position_of(d) == position_of(text, "until consent withdrawn", 2));
}

TEST_CASE("a rule about consent names a consent-based purpose", "[check][types]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 7(3)" deny use for support when consent withdrawn
)gv";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "rule `stop` tests `consent withdrawn`, but none of its purposes has a `consent` basis");
  CHECK(d.help == "a rule about consent names a consent-based purpose, e.g. `for purposes based on consent`");
  CHECK(position_of(d) == position_of(text, "consent withdrawn\n"));
}

TEST_CASE("consent conditions are fine where some purpose rests on consent", "[check][types]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 7(3)" deny use when consent withdrawn
rule keep "Keep" cites "Art. 7(3)" deny use for purposes based on consent unless consent given
)gv";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  CHECK(diagnostics.empty());
}

TEST_CASE("`consent given` in an exception is checked too", "[check][types]") {
  const std::string text = base_policy + R"gv(rule stop "Stop" cites "Art. 21" deny use for support when unlawful unless consent given
)gv";
  auto d = only(check_text(text));
  CHECK(d.message == "rule `stop` tests `consent given`, but none of its purposes has a `consent` basis");
}

TEST_CASE("a defeated basis is one the rule's purposes list", "[check][types]") {
  const std::string text = base_policy + R"gv(rule li-objection "Objection" cites "Art. 21(1)" defeat basis legitimate_interest for newsletter when objected to purpose
)gv";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "rule `li-objection` defeats basis `legitimate_interest`, but none of its purposes lists it");
  CHECK(d.help == "name the purposes that rely on it, e.g. `for purposes based on legitimate_interest`");
  CHECK(position_of(d) == position_of(text, "legitimate_interest for"));
}

TEST_CASE("withdrawing consent is about consent-based purposes", "[check][types]") {
  const std::string text = base_policy + R"gv(rule withdraw "Withdraw" cites "Art. 7(3)" grant withdraw_consent for support
)gv";
  auto d = only(check_text(text));
  CHECK(d.message == "rule `withdraw` is about `withdraw_consent`, but none of its purposes has a `consent` basis");
}

TEST_CASE("the end of retention needs a purpose that retains", "[check][types]") {
  std::string text = base_policy;
  text.replace(text.find("  retain 1 year after last_contact\n"), 35, "");
  text += R"gv(rule closing "End" cites "Art. 5(1)(e)" oblige end of retention for support
)gv";
  auto diagnostics = check_text(text);
  auto d = only(with_message(diagnostics, "obliges"));
  CHECK(d.severity == Severity::error);
  CHECK(d.message == "rule `closing` obliges the end of retention, but none of its purposes has a `retain` line");
  CHECK(position_of(d) == position_of(text, "oblige"));
}

TEST_CASE("a period of 0 is an error", "[check][types]") {
  std::string text = base_policy;
  text.replace(text.find("1 year after"), 6, "0 years");
  text += "respond within 0 days, extendable by 2 months\n";
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].severity == Severity::error);
  CHECK(diagnostics[0].message == "period `0 years` is empty");
  CHECK(diagnostics[0].help == "a period counts at least 1 day, week, month or year");
  CHECK(position_of(diagnostics[0]) == position_of(text, "0 years"));
  CHECK(diagnostics[1].message == "period `0 days` is empty");
}

TEST_CASE("a category or basis listed twice is a warning", "[check][types]") {
  std::string text = base_policy;
  text.replace(text.find("basis legitimate_interest"), 25, "basis legitimate_interest or legitimate_interest");
  text.replace(text.find("data identity\n"), 13, "data identity, identity");
  auto diagnostics = check_text(text);
  INFO(dump(diagnostics));
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].severity == Severity::warning);
  CHECK(diagnostics[0].message == "basis `legitimate_interest` is listed twice in purpose `support`");
  CHECK(position_of(diagnostics[0]) == position_of(text, "legitimate_interest", 2));
  CHECK(diagnostics[1].message == "category `identity` is listed twice in purpose `support`");
  CHECK(diagnostics[1].help == "remove the second `identity`");
  CHECK(position_of(diagnostics[1]) == position_of(text, "identity\n"));
}

TEST_CASE("a rule that excepts every action can never apply", "[check][types]") {
  const std::string text = base_policy +
      R"gv(rule nothing "Nothing" cites "Art. 5" deny any action except collect, store, use, disclose, transfer, communicate, archive, erase for support
)gv";
  auto d = only(check_text(text));
  CHECK(d.severity == Severity::warning);
  CHECK(d.message == "rule `nothing` excepts every action, so it can never apply");
  CHECK(position_of(d) == position_of(text, "any action"));
}

TEST_CASE("the help does not suggest purposes that do not exist", "[check][types]") {
  const std::string text = base_policy + R"gv(rule contract-ends "Contract" cites "Art. 6(1)(b)" defeat basis contract for support when unlawful
)gv";
  auto d = only(check_text(text));
  CHECK(d.message == "rule `contract-ends` defeats basis `contract`, but none of its purposes lists it");
  CHECK(d.help == "no purpose of the policy lists `contract` in its `basis`: add it to the purposes the rule is about");
}
