// The syntax tree of a gavel rule file: what the parser builds and the checker reads.
// Plain data, a span on every node so that diagnostics and traces can point at the source.
// Names are kept as written; resolving them is the checker's job.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/source.hpp"

namespace gavel::syntax {

// ---- the fixed vocabulary of the law --------------------------------------------------

// GDPR Art. 6(1).
enum class Basis { consent, contract, legal_obligation, vital_interests, public_task, legitimate_interest };
inline constexpr std::array<std::string_view, 6> basis_names = {
    "consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interest"};

// Processing actions a request may ask about (`request`, a rights request, is apart).
enum class Action { collect, store, use, disclose, transfer, communicate, archive, erase };
inline constexpr std::array<std::string_view, 8> action_names = {
    "collect", "store", "use", "disclose", "transfer", "communicate", "archive", "erase"};

// The data subject's rights (GDPR Art. 7(3), 15-18, 20, 21; French law for post-mortem directives).
enum class Right { access, rectification, erasure, restriction, portability, objection, withdraw_consent, post_mortem };
inline constexpr std::array<std::string_view, 8> right_names = {
    "access", "rectification", "erasure", "restriction", "portability", "objection", "withdraw_consent", "post_mortem"};

// What the controller asserts about one action (the request's `context`).
enum class ContextFact {
  legal_claims,
  legal_obligation,
  compelling_grounds,
  protect_rights_of_others,
  public_interest,
  standard_contractual_clauses,
  contract,
  vital_interests,
  public_task,
  // Notifying the recipients of an erasure, rectification or restriction is impossible or
  // involves disproportionate effort (GDPR Art. 19).
  disproportionate_effort,
};
inline constexpr std::array<std::string_view, 10> context_fact_names = {
    "legal_claims", "legal_obligation", "compelling_grounds", "protect_rights_of_others", "public_interest",
    "standard_contractual_clauses", "contract", "vital_interests", "public_task", "disproportionate_effort"};

enum class PeriodUnit { day, week, month, year };

template <class Enum, std::size_t N>
constexpr std::string_view name_of(Enum value, const std::array<std::string_view, N>& names) {
  return names[static_cast<std::size_t>(value)];
}
inline std::string_view name_of(Basis b) { return name_of(b, basis_names); }
inline std::string_view name_of(Action a) { return name_of(a, action_names); }
inline std::string_view name_of(Right r) { return name_of(r, right_names); }
inline std::string_view name_of(ContextFact f) { return name_of(f, context_fact_names); }

// ---- leaves ------------------------------------------------------------------------

// A name as written by the user, to be resolved by the checker.
struct Name {
  std::string text;
  Span span;
};

// Human text: a title, a description, a citation, the words of a clause (escapes resolved).
struct Text {
  std::string value;
  Span span;
};

struct Period {
  int count = 0;
  PeriodUnit unit = PeriodUnit::day;
  Span span;
};

struct BasisRef {
  Basis basis = Basis::consent;
  Span span;
};

struct ActionRef {
  Action action = Action::collect;
  Span span;
};

// A right of the eight built in, or one the policy declares (then `declared` names it).
struct RightRef {
  Right right = Right::access;
  std::optional<Name> declared;
  Span span;
};

// A day as written, `2025-12-27`; whether it exists is the checker's to say.
struct DateLiteral {
  std::string text;
  Span span;
};

// Inclusive validity dates of a list member or a certification (`from D`, `until D`).
struct Validity {
  std::optional<DateLiteral> from;
  std::optional<DateLiteral> until;
};

struct CountryCode {
  std::string code;  // two capital letters
  Span span;
  Validity valid;  // a member of a `countries` list: the days it counts
};

// ---- declarations ------------------------------------------------------------------

struct Controller {
  Text legal_name;
  std::optional<Text> address;
  std::optional<Text> contact;
  std::optional<Text> authority;
  std::optional<Text> authority_address;  // where a complaint is lodged
  std::optional<Name> established_in;  // a `countries` list
  std::optional<Name> holidays;        // a `calendar`
  Span span;
};

struct Category {
  Name name;
  Text description;
  Span span;
  // `governed by "FLEXIS Cookie Policy"`: collected and used under another policy; this one
  // only declares it for the recipients that receive it.
  std::optional<Text> governed_by;
  // `special`: a special category of personal data (GDPR Art. 9(1)).
  std::optional<Span> special;
};

// A date about the person that retention counts from (`subject.dates` in a request).
struct DateDecl {
  Name name;
  Text description;
  Span span;
};

// A fact the policy declares: asserted by the controller per action (the request's
// `context`), or recorded for the person, with the day since which it holds
// (`subject.facts`).
struct FactDecl {
  enum class Form { asserted_per_action, recorded_for_person };
  Name name;
  Text description;
  Form form = Form::asserted_per_action;
  Span span;
};

struct Countries {
  Name name;
  Text title;
  std::vector<CountryCode> members;
  Span span;
};

struct Holiday {
  enum class Kind { fixed, easter_relative };
  Text name;
  Kind kind = Kind::fixed;
  int day = 0;            // fixed: day of month
  int month = 0;          // fixed: 1..12
  int easter_offset = 0;  // easter_relative: days after Easter Sunday (negative: before)
  Span span;
  Span date_span;         // what follows `on`: `25 December`, `1 day after Easter`
};

struct Calendar {
  Name name;
  Text title;
  std::vector<Holiday> holidays;
  Span span;
};

// The anchor name of a retention term that counts from the person's date of birth,
// `subject.born`: reserved as a date's name rather than a keyword, so that `birth` stays free
// for categories, purposes and rules.
inline constexpr std::string_view birth_anchor = "birth";

// One term of a `retain` line. Retention ends at the latest of: the earliest maximum term,
// and every minimum term (`at least …`).
struct RetentionTerm {
  enum class Kind { period_after, until_consent_withdrawn };
  // Where a period counts from: the date itself, or the last day of its year or month.
  enum class From { date, end_of_year, end_of_month };
  Kind kind = Kind::period_after;
  Period period;  // period_after
  Name anchor;    // period_after: a `date`, or `birth` (birth_anchor)
  From from = From::date;
  bool minimum = false;  // `at least`
  Span span;
};

enum class EndOfRetention { erase, archive };

// One condition of GDPR Art. 9(2) in `special data under …`: explicit consent for the
// purpose, or a declared fact.
struct SpecialCondition {
  enum class Kind { explicit_consent, fact };
  Kind kind = Kind::explicit_consent;
  Name fact;  // fact
  Span span;
};

struct Purpose {
  Name name;
  Text title;
  std::vector<BasisRef> bases;  // empty: no `basis` line
  std::optional<Span> bases_span;
  std::optional<Span> one_per_person;  // `basis … , one per person`: the request names the person's basis
  std::vector<Name> data;  // empty: no `data` line
  std::optional<Span> data_span;
  std::vector<RetentionTerm> retention;  // empty: no `retain` line
  std::optional<Span> retention_span;
  std::optional<EndOfRetention> then;
  std::optional<Span> then_span;
  std::optional<Period> archive_for;  // `then archive for PERIOD`
  bool automated = false;  // `processed by automated means`
  std::vector<SpecialCondition> special_under;  // empty: no `special data under` line
  std::optional<Span> special_span;
  Span span;
};

struct Group {
  Name name;
  Text title;
  std::vector<Name> members;  // purposes
  Span span;
};

// `certified under FRAMEWORK [from D] [until D]` in a recipient.
struct Certification {
  Name framework;
  Validity valid;
  Span span;
};

struct Recipient {
  Name name;
  Text title;
  std::optional<Text> activity;
  std::vector<Name> receives;  // categories; empty: receives none
  std::vector<Certification> certifications;
  Span span;
};

// `right NAME "…"`: a right of the policy's own, beside the eight built in.
struct RightDecl {
  Name name;
  Text description;
  Span span;
};

// `framework NAME "…" [cites "…"]`: a transfer framework a recipient can be certified under.
struct Framework {
  Name name;
  Text title;
  std::vector<Text> cites;
  Span span;
};

struct ResponseDeadline {
  Period within;
  std::optional<Period> extension;
  Span span;
};

// ---- rules -------------------------------------------------------------------------

enum class Predicate {
  consent_given,
  consent_withdrawn,
  objected_to_purpose,       // objected to purpose
  objected_to,               // objected to NAME (purpose or group)
  restricted,
  unlawful,
  retention_over,
  archive_period_over,       // archive period over
  data_outside_purpose,
  data_includes,             // data includes CATEGORY
  recipient_is,              // recipient is NAME
  recipient_may_not_receive, // recipient may not receive data
  country_in,                // country in NAME
  country_outside,           // country outside NAME
  basis_is,                  // basis is BASIS
  automated,                 // processed by automated means
  context,                   // a context fact
  purpose_is,                // purpose is NAME (purpose or group)
  recipient_certified,       // recipient certified under NAME (framework)
  declared_fact,             // a fact the policy declares, by its name (argument)
  age_under,                 // age under N (number)
  age_at_least,              // age at least N (number)
  basis_of_record_is,        // basis of record is BASIS
};

struct Condition {
  enum class Kind { predicate, negation, conjunction, disjunction };
  Kind kind = Kind::predicate;
  Predicate predicate = Predicate::unlawful;
  Name argument;                // objected_to, data_includes, recipient_is, country_in, country_outside,
                                // purpose_is, recipient_certified, declared_fact
  BasisRef basis;               // basis_is, basis_of_record_is
  int number = 0;               // age_under, age_at_least: whole years
  ContextFact fact = ContextFact::legal_claims;  // context
  std::vector<Condition> operands;  // negation: one; conjunction, disjunction: two or more
  Span span;
};

struct ActionSet {
  bool any = false;                // `any action [except …]`
  std::vector<ActionRef> listed;   // when not any
  std::vector<ActionRef> except;   // when any
  Span span;
};

struct PurposeSet {
  enum class Kind { every, listed, based_on, every_except };
  Kind kind = Kind::every;      // no `for`, or `for any purpose`
  std::vector<Name> listed;     // purposes and groups (every_except: those excepted)
  std::vector<BasisRef> bases;  // `for purposes based on …`
  Span span;
};

struct Conclusion {
  enum class Kind {
    deny, allow, defeat_basis, grant, refuse, oblige_erase, oblige_archive, oblige_end_of_retention,
    oblige_end_of_archive };
  Kind kind = Kind::deny;
  ActionSet actions;  // deny, allow
  BasisRef basis;     // defeat_basis
  RightRef right;     // grant, refuse
  PurposeSet purposes;
  Span span;
};

// `effective on receipt` or `answer within PERIOD` after a `grant`: the answer term of the
// requests the rule grants, in place of the policy's `respond within`.
struct ResponseTerm {
  enum class Kind { on_receipt, within };
  Kind kind = Kind::within;
  Period within;  // within
  Span span;
};

struct Rule {
  Name id;
  Text title;
  std::vector<Text> cites;
  std::optional<Text> says;
  Conclusion conclusion;
  std::optional<ResponseTerm> term;
  std::optional<Condition> when;
  std::vector<Condition> unless;  // each one an exception of its own
  std::vector<Name> overrides;
  Span span;
};

// ---- the file ----------------------------------------------------------------------

struct Policy {
  Source source;
  std::vector<Controller> controllers;  // exactly one is valid; the checker says so
  std::vector<Category> categories;
  std::vector<DateDecl> dates;
  std::vector<FactDecl> facts;
  std::vector<Countries> countries;
  std::vector<Calendar> calendars;
  std::vector<Purpose> purposes;
  std::vector<Group> groups;
  std::vector<Recipient> recipients;
  std::vector<ResponseDeadline> deadlines;  // at most one is valid
  std::vector<Rule> rules;
  std::vector<RightDecl> rights;
  std::vector<Framework> frameworks;
};

}  // namespace gavel::syntax
