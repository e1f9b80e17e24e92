// Evaluate stage output: the decision on one request, by ids into the compiled policy.
// Rendering it (JSON, prose) is apart, in engine/evaluate/render.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/compile/compiled_policy.hpp"
#include "engine/dates/date.hpp"
#include "engine/evaluate/truth.hpp"
#include "engine/request/fact_ref.hpp"

namespace gavel::evaluate {

using compile::Id;
using dates::Date;
using request::FactRef;

// At most this many conflicting (deny, allow) pairs are reported in one decision.
inline constexpr std::size_t max_conflicts = 100;

enum class ObligationKind { erase, archive };

struct Obligation {
  ObligationKind kind = ObligationKind::erase;
  std::optional<Date> by;  // none: without undue delay
  Id rule = compile::no_id;
};

// One step of the justification, in the order a reader should follow it.
struct TraceStep {
  // special: the condition of GDPR Art. 9(2) a processing of special categories needs.
  enum class Kind { basis, rule, default_deny, conflict, special };
  // undetermined: a rule whose standing, or a basis whose holding, turns on an unknown fact.
  enum class Outcome { holds, fails, allow, deny, defeat, grant, refuse, oblige, excepted, overridden, no_grant, undetermined };
  Kind kind = Kind::rule;
  Outcome outcome = Outcome::deny;
  Id rule = compile::no_id;               // rule, conflict (the deny side)
  compile::Basis basis = compile::Basis::consent;  // basis
  Id other = compile::no_id;              // overridden: by which rule; conflict: the allow side
  int exception = -1;                     // excepted: which `unless`
  // Each reason a clause with its verb, in words (engine/evaluate/explain.cpp).
  std::vector<std::string> because;       // why the rule applies, or the basis holds or not
  std::vector<std::string> exception_because;  // excepted: why its exception holds; undetermined: those that may
  std::vector<Id> set_aside_by;           // basis: the standing `defeat basis` rules
  std::vector<Id> perhaps_by;             // basis: undetermined defeats; rule: undetermined overriders
  bool applies_unknown = false;           // rule: whether its `when` holds turns on a fact not given
  bool grant_fell = false;                // default_deny of a rights request: some grant applied, none stood
};

// A date the decision would report that falls after 2999-12-31, the last day gavel computes.
// Such a request cannot be decided honestly: the decision is a deny that names nothing, and
// the caller refuses the request with range_error() (engine/evaluate/render.hpp), never
// reporting an earlier day in place of the real one (docs/language.md, "Dates and periods").
struct OutOfRange {
  enum class What : std::uint8_t { due, extended_due, end_of_retention, end_of_archive };
  What what = What::due;
  Id anchor = compile::no_id;  // end_of_retention, end_of_archive: the date the retention end counts from
  Id rule = compile::no_id;    // end_of_retention, end_of_archive: the `oblige end of …` rule
};

struct Decision {
  bool allow = false;
  std::vector<Id> deciding_rules;     // standing deny/allow/grant/refuse rules that decided
  std::uint8_t bases_held = 0;        // bit per basis of the purpose that held
  std::uint8_t bases_failed = 0;      // bit per basis of the purpose that did not
  std::uint8_t bases_unknown = 0;     // bit per basis whose holding turns on an unknown fact
  bool special_failed = false;        // special categories without a condition of GDPR Art. 9(2) that holds
  std::vector<Obligation> obligations;
  // The decision turned on a fact the request does not give: it is a deny, and `unknown_facts`
  // are the response's `missing`; otherwise they are its `unknown`: facts consulted, not
  // given, that did not change the decision.
  bool undetermined = false;
  std::vector<FactRef> unknown_facts;  // unknown facts named, first named first, no duplicates
  std::vector<std::pair<Id, Id>> conflicts;  // (deny rule, allow rule) standing together
  std::optional<Date> due, extended_due;     // rights requests
  // Rights requests (docs/language.md, "Answering a rights request"). refused: a determined
  // deny, answered by `due` (never extended) with its reasons and the remedies (GDPR Art.
  // 12(4)). extension_notice_by: with `extended_due`, the day by which the person must be told
  // of the extension and why (Art. 12(3)). effective: granted `effective on receipt` (Art. 7(3)).
  bool refused = false;
  std::optional<Date> extension_notice_by, effective;
  // Granted erasure, rectification or restriction: the recipients to tell of it (GDPR Art. 19),
  // in policy order; notice_exempt: the controller asserts `disproportionate_effort`.
  std::vector<Id> notify_recipients;
  bool notice_exempt = false;
  std::vector<TraceStep> trace;              // only when asked for
  std::optional<OutOfRange> out_of_range;    // set: not decided, a date would leave the range

  void clear() {
    allow = false;
    deciding_rules.clear();
    bases_held = bases_failed = bases_unknown = 0;
    special_failed = false;
    obligations.clear();
    undetermined = false;
    unknown_facts.clear();
    conflicts.clear();
    due.reset();
    extended_due.reset();
    refused = false;
    extension_notice_by.reset();
    effective.reset();
    notify_recipients.clear();
    notice_exempt = false;
    trace.clear();
    out_of_range.reset();
  }
};

}  // namespace gavel::evaluate
