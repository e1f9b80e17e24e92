// Compile stage output: an immutable policy with every name interned to a dense id and
// every rule indexed by what it concerns, so that evaluating a request touches only the
// rules that can apply and never compares a string. Shared by any number of threads.
#pragma once

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/dates/date.hpp"
#include "grammar/syntax_tree.hpp"

namespace gavel::compile {

using syntax::Action;
using syntax::Basis;
using syntax::ContextFact;

// A right: the eight built in keep the numbers of syntax::Right, the policy's own declared
// rights follow them (CompiledPolicy::right_names).
enum class Right : std::uint32_t {
  access, rectification, erasure, restriction, portability, objection, withdraw_consent, post_mortem
};
inline constexpr std::size_t builtin_right_count = syntax::right_names.size();
static_assert(static_cast<std::size_t>(Right::post_mortem) + 1 == builtin_right_count);
inline constexpr Right right_of(syntax::Right r) { return static_cast<Right>(r); }

inline constexpr std::size_t action_count = syntax::action_names.size();
inline constexpr std::size_t basis_count = syntax::basis_names.size();

using Id = std::uint32_t;
inline constexpr Id no_id = ~Id{0};
// The anchor of a retention term counted from the person's date of birth (`subject.born`).
inline constexpr Id birth_anchor = no_id - 1;

// A set of data categories, one bit per category id.
class CategorySet {
 public:
  void resize(std::size_t categories) { words_.assign((categories + 63) / 64, 0); }
  void clear() { std::fill(words_.begin(), words_.end(), 0); }
  void insert(Id c) { words_[c / 64] |= std::uint64_t{1} << (c % 64); }
  bool contains(Id c) const { return (words_[c / 64] >> (c % 64)) & 1u; }
  // The first category of *this that `allowed` lacks, or no_id.
  bool intersects(const CategorySet& other) const {
    for (std::size_t w = 0; w < words_.size() && w < other.words_.size(); ++w)
      if (words_[w] & other.words_[w]) return true;
    return false;
  }
  Id first_outside(const CategorySet& allowed) const {
    for (std::size_t w = 0; w < words_.size(); ++w)
      if (std::uint64_t extra = words_[w] & ~allowed.words_[w]) return Id(w * 64 + __builtin_ctzll(extra));
    return no_id;
  }
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t w = 0; w < words_.size(); ++w)
      for (std::uint64_t bits = words_[w]; bits; bits &= bits - 1) f(Id(w * 64 + __builtin_ctzll(bits)));
  }

 private:
  std::vector<std::uint64_t> words_;
};

// ISO 3166-1 alpha-2 code packed as 26*(c0-'A') + (c1-'A').
using CountryIndex = std::uint16_t;
inline constexpr std::size_t country_slots = 26 * 26;
inline std::optional<CountryIndex> country_index(std::string_view code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return std::nullopt;
  return CountryIndex(26 * (code[0] - 'A') + (code[1] - 'A'));
}

// A member that counts only on the days from `from` to `until`, inclusive.
struct DatedCountry {
  CountryIndex country = 0;
  dates::Date from = dates::min_date;
  dates::Date until = dates::max_date;
};

struct CountryList {
  std::string name;
  std::string title;
  std::bitset<country_slots> members;  // the members without validity dates
  bool holds_home = false;  // contains every country of the controller's `established in` list
  std::vector<DatedCountry> dated;     // the members with validity dates

  bool contains(CountryIndex c, dates::Date at) const {
    if (members.test(c)) return true;
    for (const auto& d : dated)
      if (d.country == c && d.from <= at && at <= d.until) return true;
    return false;
  }
};

// A recipient's transfer safeguard: `certified under FRAMEWORK [from D] [until D]`.
struct Certification {
  Id framework = 0;
  dates::Date from = dates::min_date;
  dates::Date until = dates::max_date;
};

struct Framework {
  std::string name;
  std::string title;
  std::vector<std::string> cites;
};

struct RetentionTerm {
  syntax::RetentionTerm::Kind kind;
  int count = 0;
  syntax::PeriodUnit unit = syntax::PeriodUnit::year;
  Id anchor = no_id;  // a date id, or birth_anchor
  syntax::RetentionTerm::From from = syntax::RetentionTerm::From::date;
  bool minimum = false;  // `at least`
};

// GDPR Art. 9(2): a condition under which a purpose may process special categories.
struct SpecialCondition {
  bool explicit_consent = false;  // consent given for the purpose, the record saying `explicit`
  Id fact = no_id;                // otherwise: a declared fact
};

struct Purpose {
  std::string name;
  std::string title;
  std::uint8_t bases = 0;  // bit per syntax::Basis
  std::vector<Basis> basis_list;
  CategorySet data;
  std::vector<RetentionTerm> retention;
  syntax::EndOfRetention then = syntax::EndOfRetention::erase;
  std::optional<syntax::Period> archive_for;  // `then archive for PERIOD`
  bool automated = false;
  bool one_per_person = false;  // the request names the basis the person's processing rests on
  std::vector<SpecialCondition> special_under;  // empty: may not process special categories
  std::uint32_t line = 0;
  bool has(Basis b) const { return (bases >> static_cast<int>(b)) & 1u; }
};

struct Recipient {
  std::string name;
  std::string title;
  CategorySet receives;
  std::vector<Certification> certifications;

  bool certified(Id framework, dates::Date at) const {
    for (const auto& c : certifications)
      if (c.framework == framework && c.from <= at && at <= c.until) return true;
    return false;
  }
};

// A condition compiled to a flat array of nodes; children of a node are contiguous.
enum class Op : std::uint8_t {
  consent_given,
  consent_withdrawn,
  objected_to_purpose,
  objected_to,  // arg: objection target id
  restricted,
  unlawful,
  retention_over,
  archive_period_over,
  data_outside_purpose,
  data_includes,  // arg: category id
  recipient_is,   // arg: recipient id
  recipient_may_not_receive,
  country_in,       // arg: country list id
  country_outside,  // arg: country list id
  basis_is,         // arg: basis
  automated,
  context,  // arg: context fact
  purpose_is,           // arg: objection target id (a purpose or a group)
  recipient_certified,  // arg: framework id
  declared_fact,       // arg: fact id
  age_under,           // arg: whole years
  age_at_least,        // arg: whole years
  basis_of_record_is,  // arg: basis
  negation,
  conjunction,
  disjunction,
};

struct ConditionNode {
  Op op;
  Id arg = 0;
  std::uint32_t first_child = 0;
  std::uint32_t child_count = 0;
};

using ConditionRef = std::uint32_t;  // index of a root node
inline constexpr ConditionRef always = ~ConditionRef{0};

enum class Conclusion : std::uint8_t {
  deny, allow, defeat_basis, grant, refuse, oblige_erase, oblige_archive, oblige_end_of_retention,
  oblige_end_of_archive };

struct Rule {
  std::string id;
  std::string title;
  std::vector<std::string> cites;
  std::string says;
  std::string source;  // file:line
  Conclusion conclusion = Conclusion::deny;
  Basis basis = Basis::consent;  // defeat_basis
  Right right = Right::access;   // grant, refuse
  ConditionRef when = always;
  std::vector<ConditionRef> unless;
  std::vector<std::string> unless_text;  // each exception as written, for the trace
  std::string when_text;
  std::vector<Id> overridden_by;  // rules that defeat this one when they stand
  std::vector<Id> overrides;
  std::optional<syntax::ResponseTerm> term;  // grant: `effective on receipt`, `answer within PERIOD`
  std::vector<Basis> scope_bases;  // `for purposes based on …`: the explanation names the basis
};

// Name lookup by string_view without building a std::string (C++20 heterogeneous lookup).
// Names to ids, looked up a dozen times a request: open addressing over a power-of-two table,
// with a hash that reads a name eight bytes at a time, so a lookup is a few loads and one
// comparison rather than a division and a walk along a bucket's nodes.
class NameIndex {
 public:
  using value_type = std::pair<std::string, Id>;

  // nullptr (end()) when `name` is not there.
  const value_type* find(std::string_view name) const noexcept {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(name) & mask;; i = (i + 1) & mask) {
      const auto slot = slots_[i];
      if (slot == 0) return nullptr;
      const auto& entry = entries_[slot - 1];
      if (entry.first == name) return &entry;
    }
  }
  const value_type* end() const noexcept { return nullptr; }
  std::size_t size() const noexcept { return entries_.size(); }

  // The entry of `name`, and whether it is new (an existing name keeps its id).
  std::pair<const value_type*, bool> emplace(const std::string& name, Id id) {
    if (const auto* found = find(name)) return {found, false};
    if (2 * (entries_.size() + 1) > slots_.size()) grow();
    entries_.emplace_back(name, id);
    place(entries_.size() - 1);
    return {&entries_.back(), true};
  }

 private:
  // A name of eight bytes or more is hashed by its first and its last eight (two fixed-size
  // loads, no loop), a shorter one byte by byte; with its length either way.
  static std::size_t hash(std::string_view s) noexcept {
    std::uint64_t h = 0x9E3779B97F4A7C15u ^ s.size();
    if (s.size() >= 8) {
      std::uint64_t head, tail;
      std::memcpy(&head, s.data(), 8);
      std::memcpy(&tail, s.data() + s.size() - 8, 8);
      h = (h ^ head) * 0xFF51AFD7ED558CCDu;
      h = (h ^ (h >> 32) ^ tail) * 0xC4CEB9FE1A85EC53u;
    } else {
      for (unsigned char c : s) h = (h ^ c) * 0x100000001B3u;
      h *= 0xFF51AFD7ED558CCDu;
    }
    return std::size_t(h ^ (h >> 29));
  }

  void place(std::size_t entry) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash(entries_[entry].first) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = std::uint32_t(entry + 1);
  }

  void grow() {
    // Entries are kept in a vector that reallocates: callers keep ids, never entry pointers
    // across an emplace.
    slots_.assign(slots_.empty() ? 16 : 2 * slots_.size(), 0);
    for (std::size_t e = 0; e < entries_.size(); ++e) place(e);
  }

  std::vector<value_type> entries_;
  std::vector<std::uint32_t> slots_;  // entry index + 1; 0: empty
};

// A fact the policy declares (`fact NAME "…" asserted per action | recorded for the person`).
struct DeclaredFact {
  std::string name;
  std::string description;
  bool recorded = false;  // recorded for the person (`subject.facts`); else asserted per action (`context`)
};

struct CompiledPolicy {
  std::string source_name;
  std::string controller;
  // The supervisory authority a person may complain to (GDPR Art. 77), and where.
  std::optional<std::string> authority, authority_address;

  std::vector<std::string> category_names;
  CategorySet special_categories;  // GDPR Art. 9(1)
  std::vector<DeclaredFact> facts;
  std::vector<std::string> date_names;
  std::vector<Purpose> purposes;
  std::vector<Recipient> recipients;
  std::vector<CountryList> country_lists;
  // Objection targets: every purpose (same id as the purpose) then every group.
  std::vector<std::string> objection_target_names;
  // Per objection target: its purposes, sorted (a purpose: itself; a group: its members).
  std::vector<std::vector<Id>> target_purposes;
  // Every right: the eight built in (by syntax::right_names), then the declared ones.
  std::vector<std::string> right_names;
  std::vector<std::string> right_titles;  // the declared rights' descriptions, after the eight built in
  std::vector<Framework> frameworks;

  Id home_countries = no_id;  // `established in`
  bool dated_countries = false;  // some list has a dated member: the home-country rule depends on `at`
  std::optional<dates::HolidayCalendar> holidays;
  std::optional<syntax::Period> response_within;
  std::optional<syntax::Period> response_extension;

  std::vector<ConditionNode> conditions;
  std::vector<Rule> rules;

  // Indexes: rules concerning (purpose, action), (purpose, right), and rules concerning any
  // request on a purpose (defeat basis, oblige).
  std::vector<std::vector<Id>> processing_rules;  // [purpose * action_count + action]
  std::vector<std::vector<Id>> rights_rules;      // [purpose * builtin_right_count + right]
  std::vector<std::vector<Id>> purpose_rules;     // [purpose]
  // The declared rights, only for the (purpose, right) pairs some grant or refuse concerns,
  // by declared_key: a policy of many purposes and many declared rights must not cost their
  // product.
  std::unordered_map<std::uint64_t, std::vector<Id>> declared_rights_rules;
  // Every rule a request concerns, in policy order, without duplicates: for a processing
  // action, processing(purpose, action) and purpose_rules[purpose] merged; for a rights
  // request, its right's rules for the purpose and purpose_rules[purpose]. Flat: the rules of
  // slot k are concerned_ids[concerned_begin[k] .. concerned_begin[k + 1]), slot
  // purpose * (action_count + builtin_right_count) + action, or + action_count + right; a
  // declared right's range is in declared_concerned (absent: purpose_rules[purpose] alone).
  std::vector<Id> concerned_ids;
  std::vector<std::uint32_t> concerned_begin;
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> declared_concerned;

  // Name -> id, for decoding requests (never used while evaluating).
  NameIndex purpose_ids, category_ids, recipient_ids, date_ids, objection_target_ids, right_ids, fact_ids;

  std::size_t right_count() const { return right_names.size(); }
  std::string_view right_name(Right r) const { return right_names[static_cast<std::size_t>(r)]; }

  // `country in LIST` for a request that names no country (it stays in the controller's
  // countries of establishment): every home country that counts at `at` is in LIST at `at`.
  bool holds_home(Id list, dates::Date at) const {
    const CountryList& l = country_lists[list];
    if (!dated_countries || home_countries == no_id) return l.holds_home;
    const CountryList& home = country_lists[home_countries];
    for (std::size_t c = 0; c < country_slots; ++c)
      if (home.members.test(c) && !l.contains(CountryIndex(c), at)) return false;
    for (const auto& d : home.dated)
      if (d.from <= at && at <= d.until && !l.contains(d.country, at)) return false;
    return true;
  }
  // `purpose is TARGET`.
  bool purpose_is(Id purpose, Id target) const {
    const auto& members = target_purposes[target];  // sorted
    return std::binary_search(members.begin(), members.end(), purpose);
  }

  const std::vector<Id>& processing(Id purpose, Action a) const {
    return processing_rules[purpose * action_count + static_cast<std::size_t>(a)];
  }
  std::uint64_t declared_key(Id purpose, Right r) const {
    return std::uint64_t{purpose} * right_count() + static_cast<std::uint64_t>(r);
  }
  std::span<const Id> concerned_by(Id purpose, std::size_t slot) const {
    const std::size_t k = purpose * (action_count + builtin_right_count) + slot;
    return {concerned_ids.data() + concerned_begin[k], concerned_ids.data() + concerned_begin[k + 1]};
  }
  std::span<const Id> concerned(Id purpose, Action a) const { return concerned_by(purpose, static_cast<std::size_t>(a)); }
  std::span<const Id> concerned(Id purpose, Right r) const {
    if (static_cast<std::size_t>(r) < builtin_right_count)
      return concerned_by(purpose, action_count + static_cast<std::size_t>(r));
    if (auto it = declared_concerned.find(declared_key(purpose, r)); it != declared_concerned.end())
      return {concerned_ids.data() + it->second.first, concerned_ids.data() + it->second.second};
    return purpose_rules[purpose];
  }
};

}  // namespace gavel::compile
