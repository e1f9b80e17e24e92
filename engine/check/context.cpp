#include "engine/check/context.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "grammar/diagnostics.hpp"

namespace gavel::check::detail {
namespace {

constexpr KindSet bit(Kind k) { return static_cast<KindSet>(1u << static_cast<unsigned>(k)); }

struct RoleInfo {
  KindSet kinds;            // the kinds that fit
  bool counts_as_use;       // for the "never used" warnings
  std::string_view wanted;  // "category", "purpose or group"
  std::string_view rule;    // what the role asks, for help: "a purpose's `data` lists categories"
  std::string_view declare; // how to declare one, `{}` stands for the name
};

RoleInfo role_info(Role role) {
  switch (role) {
    case Role::purpose_data:
      return {bit(Kind::category), true, "category", "a purpose's `data` lists categories",
              "category {} \"…\""};
    case Role::receives:
      return {bit(Kind::category), false, "category", "`receives` lists categories", "category {} \"…\""};
    case Role::data_includes:
      return {bit(Kind::category), false, "category", "`data includes` names a category", "category {} \"…\""};
    case Role::retain_anchor:
      return {bit(Kind::date), true, "date", "a retention period counts from a `date`", "date {} \"…\""};
    case Role::established_in:
      return {bit(Kind::countries), true, "countries list", "`established in` names a `countries` list",
              "countries {} \"…\" {{ … }}"};
    case Role::country:
      return {bit(Kind::countries), true, "countries list", "`country in` and `country outside` name a `countries` list",
              "countries {} \"…\" {{ … }}"};
    case Role::holidays:
      return {bit(Kind::calendar), true, "calendar", "`holidays` names a `calendar`", "calendar {} \"…\" {{ … }}"};
    case Role::group_member:
      return {bit(Kind::purpose), true, "purpose", "the members of a group are purposes", "purpose {} \"…\" {{ … }}"};
    case Role::rule_purposes:
      return {static_cast<KindSet>(bit(Kind::purpose) | bit(Kind::group)), true, "purpose or group",
              "a rule's `for` names purposes and groups", "purpose {} \"…\" {{ … }}"};
    case Role::objected_to:
      return {static_cast<KindSet>(bit(Kind::purpose) | bit(Kind::group)), true, "purpose or group",
              "`objected to` names a purpose or a group", "purpose {} \"…\" {{ … }}"};
    case Role::recipient_is:
      return {bit(Kind::recipient), true, "recipient", "`recipient is` names a recipient", "recipient {} \"…\" {{ … }}"};
    case Role::purpose_is:
      return {static_cast<KindSet>(bit(Kind::purpose) | bit(Kind::group)), true, "purpose or group",
              "`purpose is` names a purpose or a group", "purpose {} \"…\" {{ … }}"};
    case Role::certified_under:
      return {bit(Kind::framework), true, "framework", "`certified under` names a `framework`",
              "framework {} \"…\""};
    case Role::certified_test:
      return {bit(Kind::framework), true, "framework", "`recipient certified under` names a `framework`",
              "framework {} \"…\""};
    case Role::condition_fact:
      return {bit(Kind::fact), true, "fact", "a condition names a fact the policy declares",
              "fact {} \"…\" asserted per action"};
    case Role::special_fact:
      return {bit(Kind::fact), true, "fact",
              "`special data under` names `explicit consent` or a fact the policy declares",
              "fact {} \"…\" asserted per action"};
  }
  return {0, false, "name", "", ""};
}

std::string_view article(std::string_view noun) {
  return noun.empty() || std::string_view("aeiou").find(noun.front()) == std::string_view::npos ? "a" : "an";
}

}  // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::category: return "category";
    case Kind::date: return "date";
    case Kind::countries: return "countries list";
    case Kind::calendar: return "calendar";
    case Kind::purpose: return "purpose";
    case Kind::group: return "group";
    case Kind::recipient: return "recipient";
    case Kind::right: return "right";
    case Kind::framework: return "framework";
    case Kind::fact: return "fact";
  }
  return "name";
}

void Context::error(Code code, Span span, std::string message, std::string help) {
  diagnostics_.push_back(Diagnostic{Severity::error, span, std::move(message), std::move(help), code});
}

void Context::warning(Code code, Span span, std::string message, std::string help) {
  diagnostics_.push_back(Diagnostic{Severity::warning, span, std::move(message), std::move(help), code});
}

std::vector<Diagnostic> Context::take_sorted() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
  return std::move(diagnostics_);
}

const Symbol* Context::find(std::string_view name) const {
  auto it = symbols.find(name);
  return it == symbols.end() ? nullptr : &it->second;
}

void Context::declare(const syntax::Name& name, Kind kind, std::uint32_t index) {
  auto [it, inserted] = symbols.try_emplace(name.text, Symbol{kind, index, name.span, false});
  if (!inserted) {
    error(Code::check_already_declared, name.span,
          fmt::format("`{}` is already declared as {} {} at line {}", name.text, article(kind_name(it->second.kind)),
                      kind_name(it->second.kind), it->second.span.line),
          "a name is declared once in a file, whatever its kind: rename one of them");
    return;
  }
  declared[static_cast<std::size_t>(kind)].push_back(name.text);
}

void Context::declare_rule(const syntax::Name& id, std::uint32_t index) {
  auto [it, inserted] = rule_index.try_emplace(id.text, index);
  if (!inserted)
    error(Code::check_already_declared, id.span,
          fmt::format("rule `{}` is already declared at line {}", id.text, policy.rules[it->second].id.span.line),
          "give each rule an id of its own");
}

const Symbol* Context::resolve(const syntax::Name& name, Role role) {
  const RoleInfo info = role_info(role);
  auto it = symbols.find(name.text);
  if (it != symbols.end() && (info.kinds & bit(it->second.kind))) {
    if (info.counts_as_use) it->second.used = true;
    return &it->second;
  }

  if (info.counts_as_use) unresolved_kinds |= info.kinds;
  std::size_t total = 0;
  for (std::size_t k = 0; k < kind_count; ++k)
    if (info.kinds & (1u << k)) total += declared[k].size();
  // Past the suggestion budget only the few names a help line lists are gathered.
  const bool suggesting = total <= suggestion_budget_;
  std::vector<std::string_view> candidates;
  for (std::size_t k = 0; k < kind_count; ++k) {
    if (!(info.kinds & (1u << k))) continue;
    const auto& names = declared[k];
    const std::size_t n = suggesting ? names.size() : std::min<std::size_t>(names.size(), 6);
    candidates.insert(candidates.end(), names.begin(), names.begin() + static_cast<std::ptrdiff_t>(n));
  }
  // A retention term may also count from `birth`, which no declaration names: suggested, not listed.
  std::vector<std::string_view> suggestible = candidates;
  if (role == Role::retain_anchor) suggestible.push_back(syntax::birth_anchor);
  const std::string nearest = suggesting ? suggest(name.text, suggestible) : std::string();
  if (it != symbols.end()) {
    const Kind kind = it->second.kind;
    error(Code::check_wrong_kind, name.span,
          fmt::format("`{}` is {} {}, not {} {}", name.text, article(kind_name(kind)), kind_name(kind),
                      article(info.wanted), info.wanted),
          nearest.empty() ? fmt::format("{}; `{}` is declared at line {}", info.rule, name.text, it->second.span.line)
                          : fmt::format("did you mean `{}`?", nearest));
    return nullptr;
  }
  if (rule_index.contains(name.text)) {
    error(Code::check_wrong_kind, name.span, fmt::format("`{}` is a rule, not {} {}", name.text, article(info.wanted), info.wanted),
          nearest.empty() ? std::string(info.rule) : fmt::format("did you mean `{}`?", nearest));
    return nullptr;
  }
  std::string help;
  if (!nearest.empty())
    help = fmt::format("did you mean `{}`?", nearest);
  else if (candidates.empty())
    help = fmt::format("no {} is declared; declare it with `{}`", info.wanted,
                       fmt::format(fmt::runtime(info.declare), name.text));
  else
    help = fmt::format("declare it with `{}`, or name one of {}", fmt::format(fmt::runtime(info.declare), name.text),
                       quoted_list(candidates));
  error(Code::check_unknown_name, name.span, fmt::format("unknown {} `{}`", info.wanted, name.text), std::move(help));
  return nullptr;
}

std::optional<std::uint32_t> Context::resolve_right(const syntax::RightRef& right) {
  if (!right.declared) return static_cast<std::uint32_t>(right.right);
  const syntax::Name& name = *right.declared;
  const Symbol* s = find(name.text);
  if (s && s->kind == Kind::right) return static_cast<std::uint32_t>(syntax::right_names.size()) + s->index;
  // The rights there are: the eight built in, then the declared ones (past the suggestion
  // budget, only the few a help line lists, as for every name).
  std::vector<std::string_view> rights(syntax::right_names.begin(), syntax::right_names.end());
  const auto& declared_rights = declared[static_cast<std::size_t>(Kind::right)];
  const bool suggesting = rights.size() + declared_rights.size() <= suggestion_budget_;
  const std::size_t n = suggesting ? declared_rights.size() : std::min<std::size_t>(declared_rights.size(), 4);
  rights.insert(rights.end(), declared_rights.begin(), declared_rights.begin() + static_cast<std::ptrdiff_t>(n));
  const std::string nearest = suggesting ? suggest(name.text, rights) : std::string();
  std::string help = nearest.empty() ? fmt::format("declare it with `right {} \"…\"`, or name one of {}", name.text,
                                                   quoted_list(rights, rights.size() > 12 ? 12 : rights.size()))
                                     : fmt::format("did you mean `{}`?", nearest);
  if (s)
    error(Code::check_wrong_kind, name.span,
          fmt::format("`{}` is {} {}, not a right", name.text, article(kind_name(s->kind)), kind_name(s->kind)),
          std::move(help));
  else
    error(Code::check_unknown_name, name.span, fmt::format("unknown right `{}`", name.text), std::move(help));
  unresolved_kinds |= bit(Kind::right);
  return std::nullopt;
}

std::optional<std::uint32_t> Context::resolve_rule(const syntax::Name& name) {
  if (auto it = rule_index.find(name.text); it != rule_index.end()) return it->second;
  std::vector<std::string_view> ids;
  if (suggestion_budget_ >= policy.rules.size()) {
    ids.reserve(policy.rules.size());
    for (const auto& r : policy.rules) ids.push_back(r.id.text);
  }
  const std::string nearest = suggest(name.text, ids);
  if (const Symbol* s = find(name.text)) {
    error(Code::check_wrong_kind, name.span,
          fmt::format("`{}` is {} {}, not a rule", name.text, article(kind_name(s->kind)), kind_name(s->kind)),
          nearest.empty() ? std::string("`overrides` names rules") : fmt::format("did you mean `{}`?", nearest));
    return std::nullopt;
  }
  error(Code::check_unknown_name, name.span, fmt::format("unknown rule `{}`", name.text),
        nearest.empty() ? std::string("`overrides` names the ids of rules in this file")
                        : fmt::format("did you mean `{}`?", nearest));
  return std::nullopt;
}

std::string Context::suggest(std::string_view word, const std::vector<std::string_view>& candidates) {
  const std::size_t cost = std::max<std::size_t>(candidates.size(), 1);
  if (cost > suggestion_budget_) {
    suggestion_budget_ = 0;
    return {};
  }
  suggestion_budget_ -= cost;
  return nearest_name(word, candidates);
}

std::string quoted_list(const std::vector<std::string_view>& names, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
    if (i) out += ", ";
    out += fmt::format("`{}`", names[i]);
  }
  if (names.size() > limit) out += ", …";
  return out;
}

std::string describe(const syntax::Period& period) {
  static constexpr std::string_view units[] = {"day", "week", "month", "year"};
  return fmt::format("{} {}{}", period.count, units[static_cast<std::size_t>(period.unit)],
                     period.count == 1 ? "" : "s");
}

}  // namespace gavel::check::detail
