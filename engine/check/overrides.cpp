// `overrides` between rules: no cycles, and no override of a rule that never meets this one.
#include <algorithm>
#include <deque>

#include <fmt/format.h>

#include "engine/check/context.hpp"

namespace gavel::check::detail {
namespace {

// Strongly connected components of the override graph (Tarjan, without recursion so that a
// long chain of overrides cannot exhaust the stack). Only components of two or more rules.
std::vector<std::vector<std::uint32_t>> override_cycles(const Context& ctx) {
  const std::size_t n = ctx.rules.size();
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<std::uint32_t> stack;
  std::vector<std::pair<std::uint32_t, std::size_t>> calls;
  std::vector<std::vector<std::uint32_t>> components;
  int counter = 0;
  auto visit = [&](std::uint32_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    calls.emplace_back(v, 0);
  };
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != -1) continue;
    visit(root);
    while (!calls.empty()) {
      const std::uint32_t v = calls.back().first;
      const auto& edges = ctx.rules[v].overrides;
      if (calls.back().second < edges.size()) {
        const std::uint32_t w = edges[calls.back().second++];
        if (index[w] == -1)
          visit(w);
        else if (on_stack[w])
          low[v] = std::min(low[v], index[w]);
        continue;
      }
      if (low[v] == index[v]) {
        std::vector<std::uint32_t> component;
        std::uint32_t w = 0;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component.push_back(w);
        } while (w != v);
        if (component.size() > 1) components.push_back(std::move(component));
      }
      calls.pop_back();
      if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[v]);
    }
  }
  return components;
}

// One cycle through the component, starting at its first rule in the file.
std::vector<std::uint32_t> a_cycle(const Context& ctx, std::vector<std::uint32_t> component) {
  std::sort(component.begin(), component.end());
  const std::uint32_t start = component.front();
  auto inside = [&](std::uint32_t r) { return std::binary_search(component.begin(), component.end(), r); };
  std::vector<std::int64_t> parent(ctx.rules.size(), -1);
  std::deque<std::uint32_t> queue{start};
  parent[start] = start;
  while (!queue.empty()) {
    const std::uint32_t v = queue.front();
    queue.pop_front();
    for (std::uint32_t w : ctx.rules[v].overrides) {
      if (!inside(w)) continue;
      if (w == start) {
        std::vector<std::uint32_t> cycle;
        for (std::uint32_t x = v; x != start; x = static_cast<std::uint32_t>(parent[x])) cycle.push_back(x);
        cycle.push_back(start);
        std::reverse(cycle.begin(), cycle.end());
        return cycle;
      }
      if (parent[w] == -1) {
        parent[w] = v;
        queue.push_back(w);
      }
    }
  }
  return {start};
}

const syntax::Name* override_name(const syntax::Rule& rule, std::string_view target) {
  for (const auto& n : rule.overrides)
    if (n.text == target) return &n;
  return nullptr;
}

}  // namespace

std::optional<std::uint32_t> common_purpose(const Context& ctx, const PurposeScope& a, const PurposeScope& b) {
  if (a.every && b.every) {
    if (ctx.policy.purposes.empty()) return std::nullopt;
    return 0u;
  }
  if (a.every) return b.ids.empty() ? std::nullopt : std::optional<std::uint32_t>(b.ids.front());
  if (b.every) return a.ids.empty() ? std::nullopt : std::optional<std::uint32_t>(a.ids.front());
  auto i = a.ids.begin();
  auto j = b.ids.begin();
  while (i != a.ids.end() && j != b.ids.end()) {
    if (*i == *j) return *i;
    if (*i < *j)
      ++i;
    else
      ++j;
  }
  return std::nullopt;
}

bool concern_same_request(const Context& ctx, std::uint32_t a, std::uint32_t b) {
  const RuleFacts& x = ctx.rules[a];
  const RuleFacts& y = ctx.rules[b];
  if (x.about_rights != y.about_rights) return false;
  if (x.about_rights) {
    // A right that did not resolve is already an error: assume it meets.
    if (x.right != y.right && x.right != ~0u && y.right != ~0u) return false;
  } else if (!(x.actions & y.actions)) {
    return false;
  }
  return common_purpose(ctx, x.purposes, y.purposes).has_value();
}

void check_overrides(Context& ctx) {
  const auto& rules = ctx.policy.rules;
  for (const auto& component : override_cycles(ctx)) {
    const auto cycle = a_cycle(ctx, component);
    if (cycle.size() < 2) continue;
    // Reported at the rule of the cycle that comes last in the file.
    std::size_t last = 0;
    for (std::size_t i = 1; i < cycle.size(); ++i)
      if (rules[cycle[i]].id.span.begin > rules[cycle[last]].id.span.begin) last = i;
    std::string chain = fmt::format("`{}` overrides", rules[cycle[last]].id.text);
    for (std::size_t k = 1; k <= cycle.size(); ++k) {
      const auto& next = rules[cycle[(last + k) % cycle.size()]].id.text;
      chain += k == 1 ? fmt::format(" `{}`", next) : fmt::format(", which overrides `{}`", next);
    }
    const auto& from = rules[cycle[last]];
    const auto* name = override_name(from, rules[cycle[(last + 1) % cycle.size()]].id.text);
    ctx.error(Code::check_override_cycle, name ? name->span : from.id.span, fmt::format("rules override each other in a cycle: {}", chain),
              "remove one of these `overrides`: in a cycle no rule can win");
  }

  for (std::uint32_t a = 0; a < rules.size(); ++a) {
    const RuleFacts& facts = ctx.rules[a];
    if (facts.never_applies || !facts.purposes.complete) continue;
    for (std::uint32_t b : facts.overrides) {
      const RuleFacts& other = ctx.rules[b];
      if (other.never_applies || !other.purposes.complete || concern_same_request(ctx, a, b)) continue;
      const auto* name = override_name(rules[a], rules[b].id.text);
      ctx.warning(Code::check_override_disjoint, name ? name->span : rules[a].id.span,
                  fmt::format("`{}` overrides `{}`, but they never concern the same request", rules[a].id.text,
                              rules[b].id.text),
                  "their actions, rights or purposes do not meet: remove the override, or correct their `for`");
    }
  }
}

}  // namespace gavel::check::detail
