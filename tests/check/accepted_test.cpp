// What a clean check hands the compiler: an AcceptedPolicy, only without errors, with each name
// resolved to the declaration it names.
#include <string>
#include <type_traits>

#include "tests/check/accepted_policy.hpp"
#include "tests/check/check_helpers.hpp"

using namespace gavel;
using namespace gavel::check::testing;

// Only the checker makes one: no one else can build it from a tree and resolutions of their own.
static_assert(!std::is_constructible_v<check::AcceptedPolicy, const syntax::Policy&, const check::Resolutions&>);
static_assert(!std::is_default_constructible_v<check::AcceptedPolicy>);

namespace {

check::CheckedPolicy checked(std::string_view text) {
  auto parsed = grammar::parse(Source{"test.gavel", std::string(text)});
  REQUIRE(parsed.diagnostics.empty());
  return check::check(std::move(parsed.policy));
}

using Ids = std::vector<std::uint32_t>;
constexpr auto none = check::no_declaration;

bool is(const check::Resolved& r, check::Kind kind, std::uint32_t index) { return r.kind == kind && r.index == index; }

}  // namespace

TEST_CASE("a policy with an error is not accepted, one with warnings only is", "[check][accepted]") {
  const auto wrong = checked(base_policy + "rule r \"R\" cites \"X\" deny use for newsleter\n");
  CHECK_FALSE(wrong.valid());
  CHECK_FALSE(wrong.accepted());
  const auto warned = checked(base_policy + "category unused \"Never collected\"\n");
  REQUIRE(warned.diagnostics.size() == 1);
  CHECK(warned.diagnostics[0].severity == Severity::warning);
  const auto accepted = warned.accepted();
  REQUIRE(accepted);
  CHECK(&accepted->policy() == &warned.policy);
}

TEST_CASE("an accepted policy names the declaration of every name it uses", "[check][accepted]") {
  const auto result = checked(clinic);
  INFO(dump(result.diagnostics));
  const auto accepted = result.accepted();
  REQUIRE(accepted);
  const check::Resolutions& r = accepted->resolutions();

  CHECK(r.home_countries == 1u);
  CHECK(r.holidays == 0u);

  REQUIRE(r.purposes.size() == 2);
  CHECK(r.purposes[0].data == Ids{1, 0});
  CHECK(r.purposes[0].anchors == Ids{1});
  CHECK(r.purposes[0].special_facts == Ids{none, 0});
  CHECK(r.purposes[1].data == Ids{1});
  CHECK(r.purposes[1].anchors == Ids{none, 0});
  CHECK(r.purposes[1].special_facts == Ids{none});

  REQUIRE(r.group_members.size() == 1);
  CHECK(r.group_members[0] == Ids{0, 1});
  REQUIRE(r.recipients.size() == 1);
  CHECK(r.recipients[0].receives == Ids{1});
  CHECK(r.recipients[0].frameworks == Ids{0});
  REQUIRE(r.recipients[0].certified.size() == 1);
  CHECK(r.recipients[0].certified[0].from == dates::parse_date("2023-07-10"));
  CHECK(r.recipients[0].certified[0].until == dates::max_date);
  REQUIRE(r.country_dates.size() == 2);
  REQUIRE(r.country_dates[0].size() == 2);
  CHECK(r.country_dates[0][1].from == dates::min_date);
  CHECK(r.country_dates[0][1].until == dates::parse_date("2025-12-27"));

  REQUIRE(r.rules.size() == 3);
  const auto& transfers = r.rules[0];
  CHECK_FALSE(transfers.every_purpose);
  CHECK(transfers.purposes == Ids{0, 1});
  REQUIRE(transfers.arguments.size() == 4);
  CHECK(is(transfers.arguments[0], check::Kind::group, 0));
  CHECK(is(transfers.arguments[1], check::Kind::countries, 0));
  CHECK(is(transfers.arguments[2], check::Kind::recipient, 0));
  CHECK(is(transfers.arguments[3], check::Kind::framework, 0));
  const auto& intervention = r.rules[1];
  CHECK(intervention.right == 8u);  // the first declared right, after the eight built in
  REQUIRE(intervention.arguments.size() == 1);
  CHECK(is(intervention.arguments[0], check::Kind::fact, 0));
  const auto& use = r.rules[2];
  CHECK(use.overrides == Ids{0});
  REQUIRE(use.arguments.size() == 1);
  CHECK(is(use.arguments[0], check::Kind::category, 1));
}

TEST_CASE("a rule's purposes are handed on before `purpose is` narrows them", "[check][accepted]") {
  const auto result = checked(base_policy + R"gv(rule r "R" cites "X" deny use when purpose is support
rule others "O" cites "X" deny store for any purpose except newsletter when unlawful
)gv");
  INFO(dump(result.diagnostics));
  const auto accepted = result.accepted();
  REQUIRE(accepted);
  const auto& rules = accepted->resolutions().rules;
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].every_purpose);
  REQUIRE(rules[0].arguments.size() == 1);
  CHECK(is(rules[0].arguments[0], check::Kind::purpose, 1));
  CHECK_FALSE(rules[1].every_purpose);
  CHECK(rules[1].purposes == Ids{1});
}
