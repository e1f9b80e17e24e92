#include "engine/check/conditions.hpp"

#include <string_view>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

namespace gavel::check::detail {
namespace {

using syntax::Condition;
using syntax::Predicate;

// Beyond these bounds a condition is not analysed: the checker then assumes it may hold.
constexpr std::size_t max_terms = 16;
constexpr std::size_t max_term_literals = 32;
constexpr int max_depth = 64;

Literal make_literal(const Condition& c, bool negated) {
  Literal l;
  l.predicate = c.predicate;
  l.positive = !negated;
  l.text = negated ? "not " + describe(c) : describe(c);
  switch (c.predicate) {
    case Predicate::objected_to:
    case Predicate::data_includes:
    case Predicate::recipient_is:
    case Predicate::country_in:
    case Predicate::purpose_is:
    case Predicate::recipient_certified:
      l.key = fmt::format("{} {}", static_cast<int>(c.predicate), c.argument.text);
      break;
    case Predicate::country_outside:  // `country outside X` is `not (country in X)`
      l.predicate = Predicate::country_in;
      l.positive = negated;
      l.key = fmt::format("{} {}", static_cast<int>(Predicate::country_in), c.argument.text);
      break;
    case Predicate::basis_is:
      l.basis = c.basis.basis;
      l.key = fmt::format("{} {}", static_cast<int>(c.predicate), static_cast<int>(c.basis.basis));
      break;
    case Predicate::context:
      l.key = fmt::format("{} {}", static_cast<int>(c.predicate), static_cast<int>(c.fact));
      break;
    case Predicate::declared_fact:
      l.key = fmt::format("{} {}", static_cast<int>(c.predicate), c.argument.text);
      break;
    case Predicate::age_at_least:  // `age at least N` is `not (age under N)`
      l.predicate = Predicate::age_under;
      l.positive = negated;
      l.key = fmt::format("{} {}", static_cast<int>(Predicate::age_under), c.number);
      break;
    case Predicate::age_under:
      l.key = fmt::format("{} {}", static_cast<int>(c.predicate), c.number);
      break;
    case Predicate::basis_of_record_is:
      l.key = fmt::format("{} {}", static_cast<int>(c.predicate), static_cast<int>(c.basis.basis));
      break;
    default:
      l.key = fmt::format("{}", static_cast<int>(c.predicate));
      break;
  }
  return l;
}

// Why literals that must all hold cannot ("requires both `a` and `not a`"), if they cannot.
std::optional<std::string> find_contradiction(const std::vector<const Literal*>& literals, const RuleContext& context) {
  std::unordered_map<std::string_view, std::pair<const Literal*, const Literal*>> seen;  // positive, negative
  const Literal* given = nullptr;
  const Literal* withdrawn = nullptr;
  const Literal* recipient = nullptr;
  for (const Literal* l : literals) {
    if (l->positive && l->predicate == Predicate::retention_over && context.no_retention)
      return std::string("requires `retention over`, but none of its purposes has a `retain` line");
    if (l->positive && l->predicate == Predicate::automated && context.no_automated)
      return std::string(
          "requires `processed by automated means`, but none of its purposes is processed by automated means");
    if (l->positive && l->predicate == Predicate::basis_is && context.bases_known &&
        !(context.bases & (1u << static_cast<unsigned>(l->basis))))
      return fmt::format("requires `{}`, but none of its purposes lists `{}`", l->text, syntax::name_of(l->basis));
    auto& [pos, neg] = seen[l->key];
    const Literal* opposite = l->positive ? neg : pos;
    if (opposite) return fmt::format("requires both `{}` and `{}`", opposite->text, l->text);
    (l->positive ? pos : neg) = l;
    if (!l->positive) continue;
    if (l->predicate == Predicate::consent_given) given = l;
    if (l->predicate == Predicate::consent_withdrawn) withdrawn = l;
    if (given && withdrawn)
      return std::string("requires both `consent given` and `consent withdrawn`, which exclude each other");
    if (l->predicate == Predicate::recipient_is) {
      if (recipient && recipient->key != l->key)
        return fmt::format("requires both `{}` and `{}`", recipient->text, l->text);
      recipient = l;
    }
  }
  return std::nullopt;
}

// The literals that must all hold for `c` (read with `negated`) to hold, and the nodes among
// them that are alternatives (a disjunction, or a negated conjunction).
struct Gathered {
  std::vector<Literal> literals;
  std::vector<std::pair<const Condition*, bool>> alternatives;
};

bool gather(const Condition& c, bool negated, Gathered& g, int depth) {
  if (depth > max_depth) return false;
  switch (c.kind) {
    case Condition::Kind::predicate:
      g.literals.push_back(make_literal(c, negated));
      return true;
    case Condition::Kind::negation:
      return c.operands.empty() || gather(c.operands.front(), !negated, g, depth + 1);
    case Condition::Kind::conjunction:
    case Condition::Kind::disjunction: {
      const bool all_of = (c.kind == Condition::Kind::conjunction) != negated;
      if (!all_of) {
        g.alternatives.emplace_back(&c, negated);
        return true;
      }
      for (const auto& operand : c.operands)
        if (!gather(operand, negated, g, depth + 1)) return false;
      return true;
    }
  }
  return true;
}

// `outer`: the literals that must hold around `c` (an alternative holds only with them).
std::optional<std::string> never_holds(const Condition& c, bool negated, const RuleContext& context, int depth,
                                       const std::vector<const Literal*>& outer) {
  Gathered g;
  if (!gather(c, negated, g, depth)) return std::nullopt;
  std::vector<const Literal*> literals = outer;
  literals.reserve(outer.size() + g.literals.size());
  for (const auto& l : g.literals) literals.push_back(&l);
  if (auto why = find_contradiction(literals, context)) return why;
  for (const auto& [node, node_negated] : g.alternatives) {
    std::optional<std::string> first;
    bool all_impossible = !node->operands.empty();
    for (const auto& operand : node->operands) {
      auto why = never_holds(operand, node_negated, context, depth + 1, literals);
      if (!why) {
        all_impossible = false;
        break;
      }
      if (!first) first = std::move(why);
    }
    if (all_impossible) return fmt::format("has no alternative that can hold: the first {}", *first);
  }
  return std::nullopt;
}

std::optional<Dnf> dnf(const Condition& c, bool negated, int depth) {
  if (depth > max_depth) return std::nullopt;
  switch (c.kind) {
    case Condition::Kind::predicate:
      return Dnf{Term{make_literal(c, negated)}};
    case Condition::Kind::negation:
      if (c.operands.empty()) return std::nullopt;
      return dnf(c.operands.front(), !negated, depth + 1);
    case Condition::Kind::conjunction:
    case Condition::Kind::disjunction: {
      const bool all_of = (c.kind == Condition::Kind::conjunction) != negated;
      Dnf result;
      if (all_of) result.push_back({});
      for (const auto& operand : c.operands) {
        auto part = dnf(operand, negated, depth + 1);
        if (!part) return std::nullopt;
        if (all_of) {
          if (result.size() * part->size() > max_terms) return std::nullopt;
          Dnf product;
          for (const auto& left : result)
            for (const auto& right : *part) {
              if (left.size() + right.size() > max_term_literals) return std::nullopt;
              Term t = left;
              t.insert(t.end(), right.begin(), right.end());
              product.push_back(std::move(t));
            }
          result = std::move(product);
        } else {
          if (result.size() + part->size() > max_terms) return std::nullopt;
          for (auto& t : *part) result.push_back(std::move(t));
        }
      }
      return result;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string describe(const Condition& c) {
  switch (c.predicate) {
    case Predicate::consent_given: return "consent given";
    case Predicate::consent_withdrawn: return "consent withdrawn";
    case Predicate::objected_to_purpose: return "objected to purpose";
    case Predicate::objected_to: return "objected to " + c.argument.text;
    case Predicate::restricted: return "restricted";
    case Predicate::unlawful: return "unlawful";
    case Predicate::retention_over: return "retention over";
    case Predicate::archive_period_over: return "archive period over";
    case Predicate::data_outside_purpose: return "data outside purpose";
    case Predicate::data_includes: return "data includes " + c.argument.text;
    case Predicate::recipient_is: return "recipient is " + c.argument.text;
    case Predicate::recipient_may_not_receive: return "recipient may not receive data";
    case Predicate::country_in: return "country in " + c.argument.text;
    case Predicate::country_outside: return "country outside " + c.argument.text;
    case Predicate::basis_is: return fmt::format("basis is {}", syntax::name_of(c.basis.basis));
    case Predicate::automated: return "processed by automated means";
    case Predicate::context: return std::string(syntax::name_of(c.fact));
    case Predicate::purpose_is: return "purpose is " + c.argument.text;
    case Predicate::recipient_certified: return "recipient certified under " + c.argument.text;
    case Predicate::declared_fact: return c.argument.text;
    case Predicate::age_under: return fmt::format("age under {}", c.number);
    case Predicate::age_at_least: return fmt::format("age at least {}", c.number);
    case Predicate::basis_of_record_is: return fmt::format("basis of record is {}", syntax::name_of(c.basis.basis));
  }
  return "?";
}

std::optional<std::string> never_holds(const Condition& condition, const RuleContext& context) {
  return never_holds(condition, false, context, 0, {});
}

std::optional<Dnf> to_dnf(const Condition& condition) { return dnf(condition, false, 0); }

bool contradictory(const Term& a, const Term& b) {
  std::vector<const Literal*> literals;
  literals.reserve(a.size() + b.size());
  for (const auto& l : a) literals.push_back(&l);
  for (const auto& l : b) literals.push_back(&l);
  return find_contradiction(literals, RuleContext{}).has_value();
}

bool entailed(const Term& term, const Term& a, const Term& b) {
  auto among = [](const Literal& l, const Term& t) {
    for (const auto& x : t)
      if (x.positive == l.positive && x.key == l.key) return true;
    return false;
  };
  for (const auto& l : term)
    if (!among(l, a) && !among(l, b)) return false;
  return true;
}

}  // namespace gavel::check::detail
