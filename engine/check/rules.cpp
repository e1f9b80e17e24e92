// Rules one by one: the names they use, what their conclusion and conditions require of
// their purposes, and whether they can apply at all.
#include <algorithm>
#include <iterator>
#include <optional>

#include <fmt/format.h>

#include "engine/check/context.hpp"
#include "grammar/diagnostics.hpp"

namespace gavel::check::detail {
namespace {

using syntax::Basis;
using syntax::Condition;
using syntax::Conclusion;
using syntax::Predicate;

constexpr std::uint8_t all_actions = 0xFF;
constexpr int max_age = 150;  // the bound of `subject.age` in a request

bool has_basis(const Context& ctx, std::uint32_t purpose, Basis b) {
  return ctx.purpose_bases[purpose] & (1u << static_cast<unsigned>(b));
}

// Help for a rule whose purposes lack basis `b`: name the purposes that have it, if any do.
std::string basis_help(const Context& ctx, Basis b, std::string_view preamble) {
  for (std::uint32_t p = 0; p < ctx.policy.purposes.size(); ++p)
    if (has_basis(ctx, p, b))
      return fmt::format("{}, e.g. `for purposes based on {}`", preamble, syntax::name_of(b));
  return fmt::format("no purpose of the policy lists `{}` in its `basis`: add it to the purposes the rule is about",
                     syntax::name_of(b));
}

// True when some purpose of the scope satisfies `pred`.
template <class Pred>
bool any_purpose(const Context& ctx, const PurposeScope& scope, Pred pred) {
  if (scope.every) {
    for (std::uint32_t p = 0; p < ctx.policy.purposes.size(); ++p)
      if (pred(p)) return true;
    return false;
  }
  return std::any_of(scope.ids.begin(), scope.ids.end(), pred);
}

// Whether a claim about "none of its purposes" can be made: every name resolved, some purpose.
bool knowable(const Context& ctx, const PurposeScope& scope) {
  return scope.complete && (scope.every ? !ctx.policy.purposes.empty() : !scope.ids.empty());
}

std::string bases_text(const std::vector<syntax::BasisRef>& bases) {
  std::string out;
  for (std::size_t i = 0; i < bases.size(); ++i)
    out += fmt::format("{}`{}`", i ? " or " : "", syntax::name_of(bases[i].basis));
  return out;
}

PurposeScope resolve_scope(Context& ctx, const syntax::Rule& rule, RuleFacts& facts) {
  const auto& set = rule.conclusion.purposes;
  PurposeScope scope;
  switch (set.kind) {
    case syntax::PurposeSet::Kind::every:
      scope.every = true;
      break;
    case syntax::PurposeSet::Kind::every_except: {
      // Every purpose but the excepted ones (and the members of excepted groups).
      std::vector<bool> excepted(ctx.policy.purposes.size(), false);
      for (const auto& name : set.listed) {
        const Symbol* s = ctx.resolve(name, Role::rule_purposes);
        if (!s)
          scope.complete = false;
        else if (s->kind == Kind::purpose)
          excepted[s->index] = true;
        else
          for (std::uint32_t m : ctx.group_members[s->index]) excepted[m] = true;
      }
      for (std::uint32_t p = 0; p < ctx.policy.purposes.size(); ++p)
        if (!excepted[p]) scope.ids.push_back(p);
      if (scope.complete && scope.ids.empty() && !ctx.policy.purposes.empty()) {
        ctx.warning(Code::check_never_applies, set.span, fmt::format("rule `{}` excepts every purpose, so it can never apply", rule.id.text),
                    "name fewer purposes after `except`");
        facts.never_applies = true;
      }
      break;
    }
    case syntax::PurposeSet::Kind::listed:
      for (const auto& name : set.listed) {
        const Symbol* s = ctx.resolve(name, Role::rule_purposes);
        if (!s)
          scope.complete = false;
        else if (s->kind == Kind::purpose)
          scope.ids.push_back(s->index);
        else
          scope.ids.insert(scope.ids.end(), ctx.group_members[s->index].begin(), ctx.group_members[s->index].end());
      }
      break;
    case syntax::PurposeSet::Kind::based_on: {
      std::uint8_t mask = 0;
      for (const auto& b : set.bases) mask |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(b.basis));
      for (std::uint32_t p = 0; p < ctx.policy.purposes.size(); ++p)
        if (ctx.purpose_bases[p] & mask) scope.ids.push_back(p);
      if (scope.ids.empty()) {
        ctx.warning(Code::check_never_applies, set.span,
                    fmt::format("no purpose is based on {}, so rule `{}` can never apply", bases_text(set.bases),
                                rule.id.text),
                    "add the basis to the purposes the rule is about, or name them in its `for`");
        facts.never_applies = true;
      }
      break;
    }
  }
  std::sort(scope.ids.begin(), scope.ids.end());
  scope.ids.erase(std::unique(scope.ids.begin(), scope.ids.end()), scope.ids.end());
  return scope;
}

// `when purpose is NAME`, alone or as one operand of an `and`: the rule can only apply to the
// purposes NAME stands for, so its scope is narrowed to them (for the conflict and override
// analysis, and for what it requires of its purposes). Names that do not resolve are reported
// when the condition is resolved.
void narrow_by_purpose_is(Context& ctx, const syntax::Rule& rule, RuleFacts& facts) {
  if (!rule.when) return;
  std::vector<const Condition*> tests;
  auto consider = [&](const Condition& c) {
    if (c.kind == Condition::Kind::predicate && c.predicate == Predicate::purpose_is) tests.push_back(&c);
  };
  consider(*rule.when);
  if (rule.when->kind == Condition::Kind::conjunction)
    for (const auto& operand : rule.when->operands) consider(operand);
  PurposeScope& scope = facts.purposes;
  for (const Condition* test : tests) {
    const Symbol* s = ctx.find(test->argument.text);
    if (!s || (s->kind != Kind::purpose && s->kind != Kind::group)) continue;
    std::vector<std::uint32_t> named =
        s->kind == Kind::purpose ? std::vector<std::uint32_t>{s->index} : ctx.group_members[s->index];
    std::sort(named.begin(), named.end());
    if (scope.every) {
      scope.every = false;
      scope.ids = std::move(named);
    } else {
      std::vector<std::uint32_t> both;
      std::set_intersection(scope.ids.begin(), scope.ids.end(), named.begin(), named.end(), std::back_inserter(both));
      scope.ids = std::move(both);
    }
    if (scope.ids.empty() && scope.complete && !facts.never_applies) {
      ctx.warning(Code::check_never_applies, test->span,
                  fmt::format("rule `{}` can never apply: its `when` requires `purpose is {}`, which is none of its "
                              "purposes",
                              rule.id.text, test->argument.text),
                  "correct its `for` or its `purpose is`");
      facts.never_applies = true;
    }
  }
}

// The conditions of one word that a mistyped fact name may have meant (`restrictd`).
constexpr std::string_view single_word_conditions[] = {
    "restricted", "unlawful", "legal_claims", "legal_obligation", "compelling_grounds", "protect_rights_of_others",
    "public_interest", "standard_contractual_clauses", "contract", "vital_interests", "public_task"};

// A bare name in a condition is a declared fact; one that is not may be a misspelt condition.
const Symbol* resolve_declared_fact(Context& ctx, const syntax::Name& name) {
  if (auto it = ctx.symbols.find(name.text); it == ctx.symbols.end() && !ctx.rule_index.contains(name.text)) {
    const auto& facts = ctx.declared[static_cast<std::size_t>(Kind::fact)];
    const std::vector<std::string_view> builtin(std::begin(single_word_conditions), std::end(single_word_conditions));
    if (nearest_name(name.text, facts).empty()) {
      if (const std::string meant = nearest_name(name.text, builtin); !meant.empty()) {
        ctx.error(Code::check_unknown_name, name.span, fmt::format("unknown condition `{}`", name.text), fmt::format("did you mean `{}`?", meant));
        return nullptr;
      }
    }
  }
  return ctx.resolve(name, Role::condition_fact);
}

// The bases of record a rule's purposes let a request name (`one per person`), one bit per basis.
std::uint8_t bases_of_record(const Context& ctx, const PurposeScope& scope) {
  std::uint8_t bases = 0;
  any_purpose(ctx, scope, [&](std::uint32_t p) {
    if (ctx.purpose_one_per_person[p]) bases |= ctx.purpose_bases[p];
    return false;
  });
  return bases;
}

// Resolves the names a condition uses, appending them to `arguments` depth first, left to
// right; returns the first `consent given`/`consent withdrawn`. Checks what `age` and `basis of
// record is` require of the rule's purposes on the way.
const Condition* resolve_condition(Context& ctx, const Condition& root, const syntax::Rule& rule,
                                   const PurposeScope& scope, std::vector<Resolved>& arguments) {
  const Condition* consent = nullptr;
  auto argument = [&](const Symbol* s) {
    arguments.push_back(s ? Resolved{s->kind, s->index} : Resolved{});
  };
  std::vector<const Condition*> todo{&root};
  while (!todo.empty()) {
    const Condition* c = todo.back();
    todo.pop_back();
    if (c->kind != Condition::Kind::predicate) {
      for (auto it = c->operands.rbegin(); it != c->operands.rend(); ++it) todo.push_back(&*it);
      continue;
    }
    switch (c->predicate) {
      case Predicate::consent_given:
      case Predicate::consent_withdrawn:
        if (!consent) consent = c;
        break;
      case Predicate::objected_to: argument(ctx.resolve(c->argument, Role::objected_to)); break;
      case Predicate::data_includes: argument(ctx.resolve(c->argument, Role::data_includes)); break;
      case Predicate::recipient_is: argument(ctx.resolve(c->argument, Role::recipient_is)); break;
      case Predicate::country_in:
      case Predicate::country_outside: argument(ctx.resolve(c->argument, Role::country)); break;
      case Predicate::purpose_is: argument(ctx.resolve(c->argument, Role::purpose_is)); break;
      case Predicate::recipient_certified: argument(ctx.resolve(c->argument, Role::certified_test)); break;
      case Predicate::declared_fact: argument(resolve_declared_fact(ctx, c->argument)); break;
      case Predicate::age_under:
      case Predicate::age_at_least:
        if (c->number > max_age)
          ctx.error(Code::check_age_out_of_range, c->span, fmt::format("`{}` in rule `{}`: a request states an age from 0 to {}", describe(*c),
                                         rule.id.text, max_age),
                    "ages are whole years, as GDPR Art. 8's 16 or a member state's 13");
        break;
      case Predicate::basis_of_record_is:
        if (knowable(ctx, scope) && !(bases_of_record(ctx, scope) & (1u << static_cast<unsigned>(c->basis.basis))))
          ctx.error(Code::check_basis_not_listed, c->span,
                    fmt::format("rule `{}` tests `{}`, but none of its purposes has `{}` among bases chosen `one per "
                                "person`",
                                rule.id.text, describe(*c), syntax::name_of(c->basis.basis)),
                    fmt::format("a basis of record is one of a purpose's bases, declared `basis {} or …, one per "
                                "person`: name such purposes in the rule's `for`",
                                syntax::name_of(c->basis.basis)));
        break;
      default: break;
    }
  }
  return consent;
}

void check_rule(Context& ctx, const syntax::Rule& rule, std::uint32_t index) {
  RuleFacts& facts = ctx.rules[index];
  RuleNames& names = ctx.resolved.rules[index];
  const Conclusion& conclusion = rule.conclusion;
  facts.purposes = resolve_scope(ctx, rule, facts);
  names.every_purpose = facts.purposes.every;
  names.purposes = facts.purposes.ids;
  names.right = static_cast<std::uint32_t>(conclusion.right.right);
  narrow_by_purpose_is(ctx, rule, facts);
  const PurposeScope& scope = facts.purposes;
  const bool known = knowable(ctx, scope);

  switch (conclusion.kind) {
    case Conclusion::Kind::deny:
    case Conclusion::Kind::allow: {
      const auto& a = conclusion.actions;
      std::uint8_t mask = a.any ? all_actions : 0;
      for (const auto& x : a.any ? a.except : a.listed) {
        const auto action_bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(x.action));
        mask = a.any ? static_cast<std::uint8_t>(mask & ~action_bit) : static_cast<std::uint8_t>(mask | action_bit);
      }
      facts.actions = mask;
      if (mask == 0) {
        ctx.warning(Code::check_never_applies, a.span, fmt::format("rule `{}` excepts every action, so it can never apply", rule.id.text),
                    "name the actions the rule is about");
        facts.never_applies = true;
      }
      break;
    }
    case Conclusion::Kind::defeat_basis:
      facts.actions = all_actions;
      if (known && !any_purpose(ctx, scope, [&](std::uint32_t p) { return has_basis(ctx, p, conclusion.basis.basis); }))
        ctx.error(Code::check_basis_not_listed, conclusion.basis.span,
                  fmt::format("rule `{}` defeats basis `{}`, but none of its purposes lists it", rule.id.text,
                              syntax::name_of(conclusion.basis.basis)),
                  basis_help(ctx, conclusion.basis.basis, "name the purposes that rely on it"));
      break;
    case Conclusion::Kind::grant:
    case Conclusion::Kind::refuse:
      facts.about_rights = true;
      if (auto right = ctx.resolve_right(conclusion.right)) {
        facts.right = *right;
        names.right = *right;
        const std::size_t builtin = syntax::right_names.size();
        if (conclusion.kind == Conclusion::Kind::grant && *right >= builtin) ctx.right_granted[*right - builtin] = true;
      }
      if (!conclusion.right.declared && conclusion.right.right == syntax::Right::withdraw_consent && known &&
          !any_purpose(ctx, scope, [&](std::uint32_t p) { return has_basis(ctx, p, Basis::consent); }))
        ctx.error(Code::check_consent_term_without_consent, conclusion.right.span,
                  fmt::format("rule `{}` is about `withdraw_consent`, but none of its purposes has a `consent` basis",
                              rule.id.text),
                  basis_help(ctx, Basis::consent, "a rule about consent names a consent-based purpose"));
      break;
    case Conclusion::Kind::oblige_end_of_archive:
      facts.actions = all_actions;
      if (known && !any_purpose(ctx, scope, [&](std::uint32_t p) { return ctx.purpose_archives[p]; }))
        ctx.error(Code::check_archive_without_retention, conclusion.span,
                  fmt::format("rule `{}` obliges the end of archive, but none of its purposes has an archive period",
                              rule.id.text),
                  "add `then archive for PERIOD` to its purposes, or name purposes that have one");
      break;
    case Conclusion::Kind::oblige_end_of_retention:
      facts.actions = all_actions;
      if (known && !any_purpose(ctx, scope, [&](std::uint32_t p) { return ctx.purpose_retains[p]; }))
        ctx.error(Code::check_archive_without_retention, conclusion.span,
                  fmt::format("rule `{}` obliges the end of retention, but none of its purposes has a `retain` line",
                              rule.id.text),
                  "add a `retain` line to its purposes, or name purposes that have one");
      break;
    case Conclusion::Kind::oblige_erase:
    case Conclusion::Kind::oblige_archive:
      facts.actions = all_actions;
      break;
  }

  // An answer term is the deadline of the requests a rule grants: meaningless on any other.
  if (rule.term && conclusion.kind != Conclusion::Kind::grant)
    ctx.error(Code::check_term_without_grant, rule.term->span,
              fmt::format("`{}` in rule `{}`, which grants no right",
                          rule.term->kind == syntax::ResponseTerm::Kind::on_receipt
                              ? std::string("effective on receipt")
                              : "answer within " + describe(rule.term->within),
                          rule.id.text),
              "an answer term follows a `grant RIGHT` conclusion; a refusal is answered within the policy's "
              "`respond within` (GDPR Art. 12(4))");

  // Conditions: names, and consent only where some purpose rests on it.
  const Condition* consent = nullptr;
  if (rule.when) consent = resolve_condition(ctx, *rule.when, rule, scope, names.arguments);
  for (const auto& u : rule.unless)
    if (const Condition* c = resolve_condition(ctx, u, rule, scope, names.arguments); c && !consent) consent = c;
  if (consent && known && !any_purpose(ctx, scope, [&](std::uint32_t p) { return has_basis(ctx, p, Basis::consent); }))
    ctx.error(Code::check_consent_term_without_consent, consent->span,
              fmt::format("rule `{}` tests `{}`, but none of its purposes has a `consent` basis", rule.id.text,
                          describe(*consent)),
              basis_help(ctx, Basis::consent, "a rule about consent names a consent-based purpose"));

  if (rule.when && !facts.never_applies) {
    RuleContext context;
    if (known) {
      context.no_retention = !any_purpose(ctx, scope, [&](std::uint32_t p) { return ctx.purpose_retains[p]; });
      context.no_automated =
          !any_purpose(ctx, scope, [&](std::uint32_t p) { return ctx.policy.purposes[p].automated; });
      context.bases_known = true;
      any_purpose(ctx, scope, [&](std::uint32_t p) {
        context.bases |= ctx.purpose_bases[p];
        return false;
      });
    }
    if (auto why = never_holds(*rule.when, context)) {
      std::string help = "a condition cannot require a fact and its opposite at once: check its `not`s and `and`s";
      if (why->find("`retain`") != std::string::npos)
        help = "give its purposes a `retain` line, or remove `retention over`";
      else if (why->find("none of its purposes") != std::string::npos)
        help = "the condition never holds for the purposes the rule is about: correct its `for` or its `when`";
      ctx.warning(Code::check_never_applies, rule.when->span, fmt::format("rule `{}` can never apply: its `when` {}", rule.id.text, *why),
                  std::move(help));
      facts.never_applies = true;
    }
  }
  facts.when = rule.when ? to_dnf(*rule.when) : std::optional<Dnf>(Dnf{Term{}});
  for (const auto& u : rule.unless) facts.unless.push_back(to_dnf(u));

  for (const auto& name : rule.overrides) {
    auto target = ctx.resolve_rule(name);
    names.overrides.push_back(target.value_or(no_declaration));
    if (!target) {
      facts.overrides_complete = false;
      continue;
    }
    if (*target == index) {
      ctx.error(Code::check_overrides_itself, name.span, fmt::format("rule `{}` overrides itself", rule.id.text),
                fmt::format("remove `{}` from its `overrides`", name.text));
      continue;
    }
    if (std::find(facts.overrides.begin(), facts.overrides.end(), *target) == facts.overrides.end())
      facts.overrides.push_back(*target);
  }
}

}  // namespace

void check_rules(Context& ctx) {
  ctx.rules.assign(ctx.policy.rules.size(), {});
  ctx.resolved.rules.assign(ctx.policy.rules.size(), {});
  ctx.right_granted.assign(ctx.policy.rights.size(), false);
  for (std::uint32_t i = 0; i < ctx.policy.rules.size(); ++i) check_rule(ctx, ctx.policy.rules[i], i);
}

}  // namespace gavel::check::detail
