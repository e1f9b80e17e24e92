// What the check stage hands the compile stage: the outcome of a check, and, when it found no
// error, the policy as accepted, with every name in it resolved. The compiler reads these
// resolutions instead of looking the names up again, so a name that does not resolve is not a
// case it can meet. Only the checker makes an AcceptedPolicy.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/dates/date.hpp"
#include "grammar/source.hpp"
#include "grammar/syntax_tree.hpp"

namespace gavel::check {

// The kinds of declaration that share one namespace. Rule ids live in a namespace of their own.
enum class Kind : std::uint8_t { category, date, countries, calendar, purpose, group, recipient, right, framework, fact };

// Where a name resolves to no declaration of the file: `after birth`, `under explicit consent`.
inline constexpr std::uint32_t no_declaration = ~0u;

// A name resolved: the kind of declaration it names, and which one (its position among the
// file's declarations of that kind).
struct Resolved {
  Kind kind = Kind::category;
  std::uint32_t index = no_declaration;
};

// `from D until D`, the days read: the first and last day something holds.
struct Validity {
  dates::Date from = dates::min_date;
  dates::Date until = dates::max_date;
};

struct PurposeNames {
  std::vector<std::uint32_t> data;           // the categories of its `data`, as listed
  std::vector<std::uint32_t> anchors;        // per `retain` term, the date it counts from (or no_declaration)
  std::vector<std::uint32_t> special_facts;  // per `special data under`, its fact (or no_declaration)
};

struct RecipientNames {
  std::vector<std::uint32_t> receives;    // categories, as listed
  std::vector<std::uint32_t> frameworks;  // per `certified under`
  std::vector<Validity> certified;        // per `certified under`, its dates
};

struct RuleNames {
  // The purposes of its `for` (groups expanded), before a `purpose is` narrows them: every
  // purpose, or these, sorted, each once.
  bool every_purpose = false;
  std::vector<std::uint32_t> purposes;
  // `grant` / `refuse`: 0..7 the built-in rights, 8 + i the i-th declared one.
  std::uint32_t right = 0;
  std::vector<std::uint32_t> overrides;  // the rules it overrides, as listed
  // The named argument of each condition that has one (`objected to NAME`, `country in NAME`,
  // a declared fact, …): its `when`, then each `unless`, depth first, left to right.
  std::vector<Resolved> arguments;
};

struct Resolutions {
  std::optional<std::uint32_t> home_countries;  // the controller's `established in`
  std::optional<std::uint32_t> holidays;        // the controller's `holidays` calendar
  std::vector<PurposeNames> purposes;           // per purpose
  std::vector<std::vector<std::uint32_t>> group_members;  // per group: its purposes, sorted, each once
  std::vector<std::vector<Validity>> country_dates;       // per countries list, per member: its dates
  std::vector<RecipientNames> recipients;       // per recipient
  std::vector<RuleNames> rules;                 // per rule
};

// A policy the checker accepted and what it resolved in it. Refers to the CheckedPolicy it
// comes from, which must outlive it unchanged.
class AcceptedPolicy {
 public:
  const syntax::Policy& policy() const { return *policy_; }
  const Resolutions& resolutions() const { return *resolutions_; }

 private:
  friend struct CheckedPolicy;
  AcceptedPolicy(const syntax::Policy& policy, const Resolutions& resolutions)
      : policy_(&policy), resolutions_(&resolutions) {}
  const syntax::Policy* policy_;
  const Resolutions* resolutions_;
};

struct CheckedPolicy {
  syntax::Policy policy;
  std::vector<Diagnostic> diagnostics;  // every error and warning, in source order
  bool valid() const { return !has_errors(diagnostics); }
  // The policy as the compiler takes it: nullopt when the check found an error.
  std::optional<AcceptedPolicy> accepted() const {
    if (!resolutions_) return std::nullopt;
    return AcceptedPolicy(policy, *resolutions_);
  }

 private:
  friend CheckedPolicy check(syntax::Policy policy);
  std::optional<Resolutions> resolutions_;  // only after a check without errors
};

}  // namespace gavel::check
