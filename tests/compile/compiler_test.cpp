// The compiler reads each name as the checker resolved it: the ids it writes are those of the
// declarations the checker found, whatever the order of declaration and use.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/check/checker.hpp"
#include "engine/compile/compiler.hpp"
#include "grammar/parser.hpp"
#include "tests/check/accepted_policy.hpp"

using namespace gavel;

namespace {

using Ids = std::vector<compile::Id>;

// The argument of each node of a condition with the operation `op`, depth first.
void args_of(const compile::CompiledPolicy& policy, compile::ConditionRef node, compile::Op op, Ids& out) {
  const auto& n = policy.conditions[node];
  if (n.op == op) out.push_back(n.arg);
  for (std::uint32_t i = 0; i < n.child_count; ++i) args_of(policy, n.first_child + i, op, out);
}

Ids args(const compile::CompiledPolicy& policy, const compile::Rule& rule, compile::Op op) {
  Ids out;
  if (rule.when != compile::always) args_of(policy, rule.when, op, out);
  for (auto u : rule.unless) args_of(policy, u, op, out);
  return out;
}

}  // namespace

TEST_CASE("the compiled policy holds the declarations the checker resolved", "[compile]") {
  auto parsed = grammar::parse(Source{"clinic.gavel", std::string(check::testing::clinic)});
  REQUIRE(parsed.diagnostics.empty());
  const auto checked = check::check(std::move(parsed.policy));
  const auto accepted = checked.accepted();
  REQUIRE(accepted);
  const auto policy = compile::compile(*accepted);

  CHECK(policy.country_lists.at(policy.home_countries).name == "home");
  CHECK(policy.holidays.has_value());
  const auto& care = policy.purposes.at(0);
  CHECK(policy.date_names.at(care.retention.at(0).anchor) == "last_visit");
  CHECK(policy.date_names.at(policy.purposes.at(1).retention.at(1).anchor) == "first_visit");
  REQUIRE(care.special_under.size() == 2);
  CHECK(care.special_under[0].explicit_consent);
  CHECK(policy.facts.at(care.special_under[1].fact).name == "care_under_secrecy");
  const auto& certification = policy.recipients.at(0).certifications.at(0);
  CHECK(policy.frameworks.at(certification.framework).name == "dpf");
  CHECK(certification.from == dates::parse_date("2023-07-10"));
  CHECK(certification.until == dates::max_date);
  const auto& adequate = policy.country_lists.at(0);
  REQUIRE(adequate.dated.size() == 1);  // GB, until 2025-12-27
  CHECK(adequate.dated[0].until == dates::parse_date("2025-12-27"));

  REQUIRE(policy.rules.size() == 3);
  const auto& transfers = policy.rules[0];
  const Ids objected = args(policy, transfers, compile::Op::objected_to);
  REQUIRE(objected.size() == 1);
  CHECK(policy.objection_target_names.at(objected[0]) == "clinical");
  CHECK(policy.target_purposes.at(objected[0]) == Ids{0, 1});
  CHECK(args(policy, transfers, compile::Op::country_outside) == Ids{0});  // `adequate`
  CHECK(args(policy, transfers, compile::Op::recipient_is) == Ids{0});
  CHECK(args(policy, transfers, compile::Op::recipient_certified) == Ids{0});
  CHECK(policy.right_names.at(static_cast<std::size_t>(policy.rules[1].right)) == "human_intervention");
  CHECK(args(policy, policy.rules[1], compile::Op::declared_fact) == Ids{0});
  CHECK(args(policy, policy.rules[2], compile::Op::data_includes) == Ids{1});  // `health`
  CHECK(policy.rules[2].overrides == Ids{0});
  CHECK(transfers.overridden_by == Ids{2});
}
