// diff_policies (gavel.hpp): what a new version of a policy changes. First the declarations and
// rules, compared on their tokens (a comment or a new layout changes nothing), then the
// decisions on a request space from both policies' names, grouped by the rules that decide
// one version and not the other.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "engine/check/checker.hpp"
#include "engine/diff/request_space.hpp"
#include "gavel/gavel.hpp"
#include "grammar/diagnostics.hpp"
#include "grammar/format.hpp"
#include "grammar/parser.hpp"

namespace gavel {

bool PolicyDiff::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(), [](const auto& d) { return d.error; });
}

namespace {

struct Item {
  std::string kind, name, tokens;
};

// The tokens of a declaration without its comments: what it means, not how it is laid out.
std::string tokens_of(const syntax::Policy& p, const Span& span) {
  const std::string_view text = std::string_view(p.source.text).substr(span.begin, span.end - span.begin);
  std::string out;
  for (const auto t : grammar::tokens_of(text))
    if (!t.starts_with("//")) out.append(t).push_back(' ');
  return out;
}

std::vector<Item> items_of(const syntax::Policy& p) {
  std::vector<std::pair<std::uint32_t, Item>> items;
  auto add = [&](const char* kind, const auto& list, auto name) {
    for (const auto& x : list) items.push_back({x.span.begin, {kind, name(x), tokens_of(p, x.span)}});
  };
  add("controller", p.controllers, [](const auto&) { return std::string("controller"); });
  add("category", p.categories, [](const auto& x) { return x.name.text; });
  add("date", p.dates, [](const auto& x) { return x.name.text; });
  add("fact", p.facts, [](const auto& x) { return x.name.text; });
  add("countries", p.countries, [](const auto& x) { return x.name.text; });
  add("calendar", p.calendars, [](const auto& x) { return x.name.text; });
  add("purpose", p.purposes, [](const auto& x) { return x.name.text; });
  add("group", p.groups, [](const auto& x) { return x.name.text; });
  add("recipient", p.recipients, [](const auto& x) { return x.name.text; });
  add("response deadline", p.deadlines, [](const auto&) { return std::string("respond within"); });
  add("rule", p.rules, [](const auto& x) { return x.id.text; });
  add("right", p.rights, [](const auto& x) { return x.name.text; });
  add("framework", p.frameworks, [](const auto& x) { return x.name.text; });
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Item> out;
  for (auto& [at, item] : items) out.push_back(std::move(item));
  return out;
}

std::vector<PolicyChange> changes(const syntax::Policy& before, const syntax::Policy& after) {
  const auto old_items = items_of(before), new_items = items_of(after);
  auto find = [](const std::vector<Item>& in, const Item& i) -> const Item* {
    for (const auto& x : in)
      if (x.kind == i.kind && x.name == i.name) return &x;
    return nullptr;
  };
  std::vector<PolicyChange> out;
  for (const auto& i : new_items) {
    const Item* was = find(old_items, i);
    if (!was) out.push_back({i.kind, i.name, "added"});
    else if (was->tokens != i.tokens) out.push_back({i.kind, i.name, "changed"});
  }
  for (const auto& i : old_items)
    if (!find(new_items, i)) out.push_back({i.kind, i.name, "removed"});
  return out;
}

std::optional<check::CheckedPolicy> checked(const Source& source, PolicyDiff& result) {
  auto parsed = grammar::parse(source);
  std::vector<Diagnostic> diagnostics = std::move(parsed.diagnostics);
  std::optional<check::CheckedPolicy> c;
  if (!has_errors(diagnostics)) {
    c = check::check(std::move(parsed.policy));
    diagnostics = c->diagnostics;
  }
  for (const auto& d : diagnostics) {
    if (d.severity != Severity::error) continue;  // warnings do not stop a comparison
    result.diagnostics.push_back({source.name, int(d.span.line), int(d.span.column), true, d.message, d.help});
    result.report += render_human(source, d);
  }
  if (c && !c->valid()) c.reset();
  return c;
}

std::string show(const Decision& d) {
  if (d.error) return fmt::format("refused: `{}`: {}", d.error->field, d.error->message);
  std::string out = fmt::format("{} decided by [{}]", d.allow ? "allow" : "deny", fmt::join(d.decided_by, ", "));
  for (const auto& o : d.obligations) out += fmt::format(", oblige {} by {} ({})", o.kind, o.by.value_or("without delay"), o.rule);
  if (d.due) out += fmt::format(", due {}", *d.due);
  if (d.extended_due) out += fmt::format(" (extended {})", *d.extended_due);
  return out;
}

// What makes the difference: the rules (or bases) that decide with one version and not the other.
std::string cause(const Decision& before, const Decision& after) {
  if (before.error || after.error)
    return before.error ? fmt::format("refused by the old policy at `{}`", before.error->field)
                        : fmt::format("refused by the new policy at `{}`", after.error->field);
  std::vector<std::string> a = before.decided_by, b = after.decided_by, only;
  for (const auto& o : before.obligations) a.push_back(o.rule);
  for (const auto& o : after.obligations) b.push_back(o.rule);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only));
  only.erase(std::unique(only.begin(), only.end()), only.end());
  if (only.empty()) {
    // The same rules decide: an obligation falls on another day.
    std::vector<std::string> moved;
    for (const auto& o : after.obligations)
      if (std::none_of(before.obligations.begin(), before.obligations.end(),
                       [&](const auto& p) { return p.rule == o.rule && p.kind == o.kind && p.by == o.by; }))
        moved.push_back(fmt::format("`{}`", o.rule));
    if (moved.empty()) return "the response deadline";
    return fmt::format("rule{} {} (another date)", moved.size() == 1 ? "" : "s", fmt::join(moved, ", "));
  }
  // A basis that stops (or starts) deciding follows from a rule that does: name the rules, or
  // the bases when no rule differs. A basis is `purpose.basis`, a rule id has no dot.
  auto is_basis = [](const std::string& x) { return x.find('.') != std::string::npos; };
  const bool bases = std::all_of(only.begin(), only.end(), is_basis);
  std::vector<std::string> named;
  for (const auto& x : only)
    if (bases || !is_basis(x)) named.push_back(fmt::format("`{}`", x));
  return fmt::format("{}{} {}", bases ? "basis" : "rule", named.size() == 1 ? "" : "s", fmt::join(named, ", "));
}

}  // namespace

PolicyDiff diff_policies(std::string_view old_text, std::string old_name, std::string_view new_text,
                         std::string new_name, const std::vector<std::string>& requests) {
  PolicyDiff result;
  const Source old_source{std::move(old_name), std::string(old_text)};
  const Source new_source{std::move(new_name), std::string(new_text)};
  const auto before = checked(old_source, result);
  const auto after = checked(new_source, result);
  if (!before || !after) return result;
  result.changes = changes(before->policy, after->policy);

  const auto old_loaded = load_policy(old_text, old_source.name);
  const auto new_loaded = load_policy(new_text, new_source.name);
  if (!old_loaded.ok() || !new_loaded.ok()) return result;  // checked above: does not happen
  Decider old_decider(old_loaded.policy), new_decider(new_loaded.policy);
  auto space = diff::request_space(before->policy, after->policy);
  space.insert(space.end(), requests.begin(), requests.end());
  std::map<std::string, std::size_t> index;  // cause -> group
  for (const auto& request : space) {
    const Decision a = old_decider.decide(std::string_view(request));
    const Decision b = new_decider.decide(std::string_view(request));
    ++result.requests;
    const std::string was = show(a), is = show(b);
    if (was == is) continue;
    ++result.changed;
    const std::string why = cause(a, b);
    auto [it, fresh] = index.try_emplace(why, result.groups.size());
    if (fresh) result.groups.push_back({why, 0, request, was, is});
    ++result.groups[it->second].count;
  }
  std::stable_sort(result.groups.begin(), result.groups.end(),
                   [](const auto& x, const auto& y) { return x.count > y.count; });
  return result;
}

}  // namespace gavel
