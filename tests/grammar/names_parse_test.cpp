// The policy's own names read into the tree: declared rights and frameworks, validity dates
// of list members and certifications, `for any purpose except`, `purpose is`,
// `recipient certified under`.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "grammar/parser.hpp"

using namespace gavel;
using namespace gavel::syntax;

namespace {

grammar::ParseResult read(std::string text) { return grammar::parse(Source{"test.gavel", std::move(text)}); }

std::string_view at(const grammar::ParseResult& r, Span s) {
  return std::string_view(r.policy.source.text).substr(s.begin, s.end - s.begin);
}

std::string messages(const grammar::ParseResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("a countries member may carry validity dates", "[grammar][tree]") {
  const auto r = read("countries adequate \"A\" { CH, GB until 2025-12-27, KR from 2021-12-17, XK from 2030-01-01 until 2034-12-31 }");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  const auto& members = r.policy.countries.at(0).members;
  REQUIRE(members.size() == 4);
  CHECK_FALSE(members[0].valid.from);
  CHECK_FALSE(members[0].valid.until);
  CHECK(members[1].code == "GB");
  REQUIRE(members[1].valid.until);
  CHECK(members[1].valid.until->text == "2025-12-27");
  CHECK(at(r, members[1].valid.until->span) == "2025-12-27");
  CHECK_FALSE(members[1].valid.from);
  REQUIRE(members[2].valid.from);
  CHECK(members[2].valid.from->text == "2021-12-17");
  CHECK(members[3].valid.from->text == "2030-01-01");
  CHECK(members[3].valid.until->text == "2034-12-31");
}

TEST_CASE("rights and frameworks are declarations of their own", "[grammar][tree]") {
  const auto r = read(
      "right human_intervention \"Obtain human intervention\"\n"
      "framework eu_us_dpf \"EU-US Data Privacy Framework\"\n  cites \"Decision (EU) 2023/1795\", \"Art. 45\"\n"
      "framework bcr \"Binding corporate rules\"\n");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.policy.rights.size() == 1);
  CHECK(r.policy.rights[0].name.text == "human_intervention");
  CHECK(r.policy.rights[0].description.value == "Obtain human intervention");
  REQUIRE(r.policy.frameworks.size() == 2);
  CHECK(r.policy.frameworks[0].name.text == "eu_us_dpf");
  CHECK(r.policy.frameworks[0].cites.size() == 2);
  CHECK(r.policy.frameworks[1].cites.empty());
}

TEST_CASE("a recipient may be certified under frameworks, with dates", "[grammar][tree]") {
  const auto r = read(
      "recipient salesforce \"Salesforce\" {\n  receives identity\n  certified under eu_us_dpf from 2023-07-10\n"
      "  certified under bcr\n}");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  const auto& certs = r.policy.recipients.at(0).certifications;
  REQUIRE(certs.size() == 2);
  CHECK(certs[0].framework.text == "eu_us_dpf");
  REQUIRE(certs[0].valid.from);
  CHECK(certs[0].valid.from->text == "2023-07-10");
  CHECK_FALSE(certs[0].valid.until);
  CHECK(at(r, certs[0].span) == "certified under eu_us_dpf from 2023-07-10");
  CHECK(certs[1].framework.text == "bcr");
  CHECK(r.policy.recipients[0].receives.size() == 1);
}

TEST_CASE("grant and refuse name a built-in or a declared right", "[grammar][tree]") {
  const auto r = read(
      "rule a \"A\" cites \"c\" grant access\n"
      "rule b \"B\" cites \"c\" refuse human_intervention for billing\n");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  const auto& a = r.policy.rules.at(0).conclusion.right;
  CHECK(a.right == Right::access);
  CHECK_FALSE(a.declared);
  const auto& b = r.policy.rules.at(1).conclusion.right;
  REQUIRE(b.declared);
  CHECK(b.declared->text == "human_intervention");
  CHECK(at(r, b.span) == "human_intervention");
}

TEST_CASE("`for any purpose except` and `purpose is`", "[grammar][tree]") {
  const auto r = read(
      "rule a \"A\" cites \"c\" deny disclose for any purpose except care, clinical\n"
      "rule b \"B\" cites \"c\" deny disclose for any purpose\n"
      "rule c \"C\" cites \"c\" deny transfer\n  when restricted and\n  purpose is research\n"
      "  unless recipient certified under eu_us_dpf\n"
      "purpose research \"R\" { }\n");
  INFO(messages(r));
  REQUIRE(r.diagnostics.empty());
  const auto& a = r.policy.rules.at(0).conclusion.purposes;
  CHECK(a.kind == PurposeSet::Kind::every_except);
  REQUIRE(a.listed.size() == 2);
  CHECK(a.listed[1].text == "clinical");
  CHECK(r.policy.rules.at(1).conclusion.purposes.kind == PurposeSet::Kind::every);
  const auto& c = r.policy.rules.at(2);
  REQUIRE(c.when);
  REQUIRE(c.when->operands.size() == 2);
  CHECK(c.when->operands[1].predicate == Predicate::purpose_is);
  CHECK(c.when->operands[1].argument.text == "research");
  // `purpose is` at the start of a line continues the condition; `purpose research` starts a declaration.
  CHECK(r.policy.purposes.size() == 1);
  REQUIRE(c.unless.size() == 1);
  CHECK(c.unless[0].predicate == Predicate::recipient_certified);
  CHECK(c.unless[0].argument.text == "eu_us_dpf");
  CHECK(at(r, c.unless[0].span) == "recipient certified under eu_us_dpf");
}
