// Reasoning about rule conditions, soundly and simply: a condition is reduced to literals
// (possibly negated predicates); the checker only claims that conditions exclude each other
// when literals show it. Internal to engine/check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grammar/syntax_tree.hpp"

namespace gavel::check::detail {

// A predicate, possibly negated. `country outside X` is kept as `not (country in X)`.
struct Literal {
  std::string key;   // what the predicate asks, whatever the polarity: "country_in eea"
  bool positive = true;
  syntax::Predicate predicate = syntax::Predicate::unlawful;  // after normalising
  syntax::Basis basis = syntax::Basis::consent;               // basis_is
  std::string text;  // as written, with any `not`: "country outside eea", "not restricted"
};

using Term = std::vector<Literal>;  // a conjunction
using Dnf = std::vector<Term>;      // a disjunction of conjunctions

// The condition as the user wrote it, e.g. `objected to newsletter`.
std::string describe(const syntax::Condition& predicate);

// Facts about the rule that make some literals false whatever the request.
struct RuleContext {
  bool no_retention = false;   // none of the rule's purposes has a `retain` line
  bool no_automated = false;   // none of them is `processed by automated means`
  bool bases_known = false;    // `bases` is the union of the bases of its purposes
  std::uint8_t bases = 0;      // one bit per syntax::Basis
};

// Why the condition can never hold ("it requires both `restricted` and `not restricted`"),
// or nullopt when it may hold. Linear in the size of the condition.
std::optional<std::string> never_holds(const syntax::Condition& condition, const RuleContext& context);

// The condition in disjunctive normal form, or nullopt when that would be too large to
// reason about (the caller then assumes nothing).
std::optional<Dnf> to_dnf(const syntax::Condition& condition);

// True when the literals of `a` and `b` cannot all hold at once.
bool contradictory(const Term& a, const Term& b);
// True when every literal of `term` is among those of `a` or `b`.
bool entailed(const Term& term, const Term& a, const Term& b);

}  // namespace gavel::check::detail
