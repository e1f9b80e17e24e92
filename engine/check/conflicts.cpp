// Conflicts: two rules of equal standing (neither overrides the other) that reach opposite
// conclusions — deny and allow of a common action, grant and refuse of the same right — on a
// common purpose, and whose conditions can hold together.
//
// Rules are indexed by purpose so that rules about disjoint purposes are never compared: the
// work is the number of (rule, purpose) pairs plus the pairs that do meet.
#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "engine/check/context.hpp"

namespace gavel::check::detail {
namespace {

using syntax::Conclusion;

bool overrides(const RuleFacts& a, std::uint32_t b) {
  return std::find(a.overrides.begin(), a.overrides.end(), b) != a.overrides.end();
}

// Whether some exception of `rule` surely holds when the literals of `a` and `b` do.
bool defeated(const RuleFacts& rule, const Term& a, const Term& b) {
  for (const auto& exception : rule.unless) {
    if (!exception) continue;
    for (const auto& term : *exception)
      if (entailed(term, a, b)) return true;
  }
  return false;
}

// True only when the two rules surely cannot both stand: in every way their `when`s can hold
// together, literals contradict or an exception of one of them holds.
bool exclusive(const RuleFacts& x, const RuleFacts& y) {
  if (!x.when || !y.when) return false;
  for (const auto& a : *x.when)
    for (const auto& b : *y.when)
      if (!contradictory(a, b) && !defeated(x, a, b) && !defeated(y, a, b)) return false;
  return true;
}

// Bounds on the analysis, so that checking any file within the parser's bounds (100,000 rules)
// takes bounded time and gives a bounded report: past either, the analysis stops and says so.
constexpr std::size_t max_conflict_warnings = 100;
constexpr std::size_t max_compared_pairs = 1'000'000;

// Calls visit(x, y) once for every x of `xs` and y of `ys` whose purposes meet, until visit
// returns false.
template <class Visit>
void meeting_pairs(const Context& ctx, const std::vector<std::uint32_t>& xs, const std::vector<std::uint32_t>& ys,
                   Visit visit) {
  std::vector<std::uint32_t> ys_every;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> ys_by_purpose;
  for (std::uint32_t y : ys) {
    if (ctx.rules[y].purposes.every)
      ys_every.push_back(y);
    else
      for (std::uint32_t p : ctx.rules[y].purposes.ids) ys_by_purpose[p].push_back(y);
  }
  std::unordered_set<std::uint32_t> seen;
  for (std::uint32_t x : xs) {
    const PurposeScope& scope = ctx.rules[x].purposes;
    if (scope.every) {
      for (std::uint32_t y : ys)
        if (!visit(x, y)) return;
      continue;
    }
    for (std::uint32_t y : ys_every)
      if (!visit(x, y)) return;
    seen.clear();
    for (std::uint32_t p : scope.ids) {
      auto it = ys_by_purpose.find(p);
      if (it == ys_by_purpose.end()) continue;
      for (std::uint32_t y : it->second)
        if (seen.insert(y).second && !visit(x, y)) return;
    }
  }
}

std::string action_text(std::uint8_t mask) {
  for (std::size_t a = 0; a < syntax::action_names.size(); ++a)
    if (mask & (1u << a)) return fmt::format("`{}`", syntax::action_names[a]);
  return "an action";
}

}  // namespace

void check_conflicts(Context& ctx) {
  const auto& rules = ctx.policy.rules;
  const bool any_purpose = !ctx.policy.purposes.empty();
  std::vector<std::uint32_t> denies, allows;
  // Per right: the eight built in, then the declared ones (RuleFacts::right).
  const std::size_t rights = syntax::right_names.size() + ctx.policy.rights.size();
  std::vector<std::vector<std::uint32_t>> grants(rights), refuses(rights);
  for (std::uint32_t i = 0; i < rules.size(); ++i) {
    const RuleFacts& f = ctx.rules[i];
    if (f.never_applies || (f.purposes.every ? !any_purpose : f.purposes.ids.empty())) continue;
    const auto& c = rules[i].conclusion;
    const std::size_t right = f.right;
    if ((c.kind == Conclusion::Kind::grant || c.kind == Conclusion::Kind::refuse) && right >= rights) continue;
    switch (c.kind) {
      case Conclusion::Kind::deny: denies.push_back(i); break;
      case Conclusion::Kind::allow: allows.push_back(i); break;
      case Conclusion::Kind::grant: grants[right].push_back(i); break;
      case Conclusion::Kind::refuse: refuses[right].push_back(i); break;
      default: break;
    }
  }

  std::size_t compared = 0, reported = 0;
  std::optional<std::uint32_t> stopped_at;  // the rule where the analysis stopped
  // Counts one pair; false once a bound is reached.
  auto budget = [&](std::uint32_t x) {
    if (++compared <= max_compared_pairs && reported < max_conflict_warnings) return true;
    stopped_at = x;
    return false;
  };
  auto report = [&](std::uint32_t x, std::uint32_t y, const std::string& concern) {
    const RuleFacts& fx = ctx.rules[x];
    const RuleFacts& fy = ctx.rules[y];
    // A rule with a mistyped `overrides` may have meant the other: its error is enough.
    if (!fx.overrides_complete || !fy.overrides_complete) return;
    if (overrides(fx, y) || overrides(fy, x) || exclusive(fx, fy)) return;
    if (rules[x].id.span.begin > rules[y].id.span.begin) std::swap(x, y);
    const auto& first = rules[x].id;
    const auto& second = rules[y].id;
    ctx.warning(Code::check_conflict, second.span,
                fmt::format("rules `{}` (line {}) and `{}` reach opposite conclusions on overlapping cases and "
                            "neither overrides the other",
                            first.text, first.span.line, second.text),
                fmt::format("both concern {}: add `overrides {}` to `{}` or `overrides {}` to `{}`, whichever should "
                            "win, or an `unless` that separates them",
                            concern, first.text, second.text, second.text, first.text));
    ++reported;
  };
  auto purpose_text = [&](std::uint32_t x, std::uint32_t y) {
    auto p = common_purpose(ctx, ctx.rules[x].purposes, ctx.rules[y].purposes);
    return p ? fmt::format("`{}`", ctx.policy.purposes[*p].name.text) : std::string("a purpose");
  };

  meeting_pairs(ctx, denies, allows, [&](std::uint32_t x, std::uint32_t y) {
    if (!budget(x)) return false;
    const std::uint8_t common = ctx.rules[x].actions & ctx.rules[y].actions;
    if (common) report(x, y, fmt::format("{} for {}", action_text(common), purpose_text(x, y)));
    return true;
  });
  for (std::size_t r = 0; r < grants.size() && !stopped_at; ++r)
    meeting_pairs(ctx, grants[r], refuses[r], [&](std::uint32_t x, std::uint32_t y) {
      if (!budget(x)) return false;
      const std::string_view name = r < syntax::right_names.size()
                                        ? syntax::right_names[r]
                                        : std::string_view(ctx.policy.rights[r - syntax::right_names.size()].name.text);
      report(x, y, fmt::format("`{}` requests for {}", name, purpose_text(x, y)));
      return true;
    });
  if (stopped_at)
    ctx.warning(Code::check_conflict, rules[*stopped_at].id.span,
                reported >= max_conflict_warnings
                    ? fmt::format("{} pairs of conflicting rules reported: the search for more stopped here",
                                  max_conflict_warnings)
                    : fmt::format("more than {} pairs of rules with opposite conclusions: the search for conflicts "
                                  "stopped here",
                                  max_compared_pairs),
                "give the rules `overrides` or narrower `for` lists, so that fewer of them meet");
}

}  // namespace gavel::check::detail
