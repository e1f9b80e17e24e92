// The checker's working state: the symbol table, what is known about each purpose and rule,
// and the diagnostics found so far. Internal to engine/check.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/check/accepted_policy.hpp"
#include "engine/check/conditions.hpp"
#include "grammar/source.hpp"
#include "grammar/syntax_tree.hpp"

namespace gavel::check::detail {

// Kind (the kinds of declaration that share one namespace) is in accepted_policy.hpp.
inline constexpr std::size_t kind_count = 10;
using KindSet = std::uint16_t;  // one bit per Kind
std::string_view kind_name(Kind kind);  // "category", "countries list"

// Where a name is used. Each role says which kinds fit, and whether the use counts as a use of
// the declaration for the "never used" warnings (a category counts as used only by a purpose).
enum class Role {
  purpose_data,     // purpose `data`
  receives,         // recipient `receives`
  data_includes,    // condition `data includes`
  retain_anchor,    // `retain N years after DATE`
  established_in,   // controller `established in`
  country,          // condition `country in` / `country outside`
  holidays,         // controller `holidays`
  group_member,     // group `{ … }`
  rule_purposes,    // rule `for …`
  objected_to,      // condition `objected to NAME`
  recipient_is,     // condition `recipient is NAME`
  purpose_is,       // condition `purpose is NAME`
  certified_under,  // recipient `certified under NAME`
  certified_test,   // condition `recipient certified under NAME`
  condition_fact,   // a declared fact tested by its name in `when` / `unless`
  special_fact,     // a declared fact in `special data under`
};

struct Symbol {
  Kind kind = Kind::category;
  std::uint32_t index = 0;  // into the policy's vector of that kind
  Span span;                // of the declared name
  bool used = false;
};

// The purposes a rule concerns: every purpose, or a sorted list of purpose indices.
struct PurposeScope {
  bool every = false;
  std::vector<std::uint32_t> ids;
  bool complete = true;  // false when some name in the `for` list did not resolve
};

// What the checker works out about one rule, for the cross-rule checks.
struct RuleFacts {
  PurposeScope purposes;
  std::uint8_t actions = 0;  // processing actions the rule concerns, one bit per syntax::Action
  bool about_rights = false;  // grant / refuse
  std::uint32_t right = ~0u; // grant / refuse: as resolve_right says; ~0u when it did not resolve
  std::optional<Dnf> when;    // nullopt: too large to analyse
  std::vector<std::optional<Dnf>> unless;
  std::vector<std::uint32_t> overrides;  // resolved, without itself
  bool overrides_complete = true;        // false when some `overrides` name did not resolve
  bool never_applies = false;            // already warned
};

class Context {
 public:
  explicit Context(const syntax::Policy& policy) : policy(policy) {}

  const syntax::Policy& policy;

  // Each with its stable code (grammar/codes.hpp).
  void error(Code code, Span span, std::string message, std::string help = {});
  void warning(Code code, Span span, std::string message, std::string help = {});
  std::vector<Diagnostic> take_sorted();

  // Declares a name; a second declaration of the same name is an error.
  void declare(const syntax::Name& name, Kind kind, std::uint32_t index);
  void declare_rule(const syntax::Name& id, std::uint32_t index);

  // Resolves a reference made in `role`: unknown names and names of the wrong kind are errors.
  // Returns the symbol when it resolves to a fitting kind.
  const Symbol* resolve(const syntax::Name& name, Role role);
  // Resolves the right of a `grant` / `refuse`: 0..7 the built-in rights, 8 + i the i-th
  // declared one; nullopt when it names no right (reported, with the rights there are).
  std::optional<std::uint32_t> resolve_right(const syntax::RightRef& right);
  // Resolves an `overrides` reference; nullopt when it names no rule (reported).
  std::optional<std::uint32_t> resolve_rule(const syntax::Name& name);

  const Symbol* find(std::string_view name) const;

  // Kinds (one bit per Kind) that some unresolved reference may have meant to use: their
  // "never used" warnings would only repeat that error.
  KindSet unresolved_kinds = 0;

  std::unordered_map<std::string_view, Symbol> symbols;
  std::array<std::vector<std::string_view>, kind_count> declared;  // names by kind, in file order
  std::unordered_map<std::string_view, std::uint32_t> rule_index;  // first rule with each id

  // Filled by the declaration pass.
  std::vector<std::uint8_t> purpose_bases;            // per purpose, one bit per syntax::Basis
  std::vector<bool> purpose_retains;                  // per purpose: has a `retain` line
  std::vector<bool> purpose_archives;                 // per purpose: has `then archive for PERIOD`
  std::vector<std::vector<std::uint32_t>> group_members;  // per group, resolved purposes
  std::vector<bool> category_collected;               // per category: some purpose lists it
  std::vector<bool> right_granted;                    // per declared right: some rule grants it
  std::vector<bool> purpose_one_per_person;           // per purpose: `basis … , one per person`
  bool has_purpose_with_retention = false;

  // Filled by the rule pass.
  std::vector<RuleFacts> rules;

  // What each pass resolved, as the compiler reads it (group members are moved in at the end).
  Resolutions resolved;

 private:
  // "Did you mean" compares a mistyped name with every declared one: bounded, so that a
  // hostile file of 100,000 mistyped names still checks in a moment (then without suggestions).
  std::string suggest(std::string_view word, const std::vector<std::string_view>& candidates);
  std::size_t suggestion_budget_ = 1'000'000;

  std::vector<Diagnostic> diagnostics_;
};

// "`x`, `y`, `z`" (at most `limit` names, then "…").
std::string quoted_list(const std::vector<std::string_view>& names, std::size_t limit = 5);
// "3 years", "1 month".
std::string describe(const syntax::Period& period);

// A purpose both scopes include (the first), if any.
std::optional<std::uint32_t> common_purpose(const Context& ctx, const PurposeScope& a, const PurposeScope& b);
// Whether some request concerns both rules: a processing action on a common purpose, or a
// rights request for the same right on a common purpose.
bool concern_same_request(const Context& ctx, std::uint32_t a, std::uint32_t b);

// The passes, in the order the checker runs them.
void declare_all(Context& ctx);
void check_declarations(Context& ctx);
void check_rules(Context& ctx);
void check_overrides(Context& ctx);
void check_conflicts(Context& ctx);
void check_unused(Context& ctx);

}  // namespace gavel::check::detail
