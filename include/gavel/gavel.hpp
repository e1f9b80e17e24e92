// gavel: may this processing action happen, now, for this person?
//
// The embedding API. Load a policy once (from a file or a string); it is compiled into an
// immutable object that any number of threads may share. Give each thread a Decider, and ask
// it for decisions, either with the JSON request contract or with a Request struct.
//
//   auto loaded = gavel::load_policy_file("rules/flexis.gavel");
//   if (!loaded.ok()) { std::cerr << loaded.report; return 2; }
//   gavel::Decider decider(loaded.policy);
//   gavel::Request r;
//   r.action = "communicate"; r.purpose = "newsletter"; r.data = {"identity"}; r.at = "2026-11-26";
//   r.consent["newsletter"] = {"2024-01-10", std::nullopt};
//   r.dates["last_contact"] = "2025-05-01";
//   gavel::Decision d = decider.decide(r, {.trace = true});
//   if (d.error) …            // the request was malformed: never an allow
//   else if (d.allow) …       // d.decided_by, d.trace, d.obligations say why
//
// Error channels: mistakes in a rule file or a request are data (LoadResult::diagnostics,
// Decision::error); nothing here throws for bad input. Exceptions mean an internal failure
// (std::bad_alloc) or a broken precondition (std::invalid_argument: a Decider of a null
// policy).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gavel/export.h"

namespace gavel {

class Policy;  // a compiled policy: immutable, shared by any number of threads

struct PolicyDiagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  bool error = true;  // false: a warning
  std::string message;
  std::string help;
  std::string code = {};  // stable, e.g. `check.unknown_name` (docs/errors.md)
};

struct LoadResult {
  std::shared_ptr<const Policy> policy;     // null when the file has errors
  std::vector<PolicyDiagnostic> diagnostics;  // errors and warnings, in source order
  std::string report;                         // the diagnostics rendered as `gavel check` prints them
  bool ok() const { return policy != nullptr; }
};

// Parses, checks and compiles. A file with warnings only loads; one with errors does not. A
// file that cannot be read is an error diagnostic with the operating system's reason; a file
// over the parser's bound (8 MiB) is refused without being read whole.
GAVEL_API LoadResult load_policy_file(const std::string& path);

// The text of the file at `path`, at most `max_bytes` of it (read in blocks, so that memory
// follows the file, and never past the bound: /dev/zero ends there). False when it cannot be
// read, with `reason` the operating system's ("No such file or directory", "Is a directory").
// What load_policy_file reads with, for programs that read a policy's text themselves.
GAVEL_API bool read_text_file(const std::string& path, std::size_t max_bytes, std::string& text, std::string& reason);
GAVEL_API LoadResult load_policy(std::string_view text, std::string name = "<policy>");

// ---- the request contract as a struct (docs: PRODUCT.md, "The request contract") ----------

struct ConsentRecord {
  std::string given;                     // YYYY-MM-DD
  std::optional<std::string> withdrawn;  // YYYY-MM-DD
  bool never_given = false;              // null in JSON: the person never consented (given unused)
  bool explicit_consent = false;         // `"explicit": true` (GDPR Art. 9(2)(a))
};

struct Objection {
  std::string to;  // a purpose or a group (e.g. direct_marketing)
  std::string at;  // YYYY-MM-DD
};

struct Restriction {
  std::string since;
  std::optional<std::string> until;
};

struct Request {
  std::string action;   // collect, store, use, disclose, transfer, communicate, archive, erase, request
  std::string purpose;
  std::vector<std::string> data;
  std::optional<std::string> recipient;  // none: the controller's own staff
  std::optional<std::string> country;    // none: where the controller is established
  std::string at;                        // the day of the action, YYYY-MM-DD
  std::optional<std::string> right;      // rights requests
  std::optional<std::string> received;   // rights requests
  // subject
  std::map<std::string, ConsentRecord> consent;  // by purpose; a purpose not here: not known
  std::vector<Objection> objections;
  std::optional<Restriction> restriction;
  bool unlawful = false;
  // e.g. last_contact; nullopt (null in JSON): the event has not happened; not here: not known
  std::map<std::string, std::optional<std::string>> dates;
  // The facts the policy declares `recorded for the person`: the day since which each holds,
  // or none (it does not hold); a fact not listed is not known.
  std::map<std::string, std::optional<std::string>> facts;
  std::optional<std::string> born;  // YYYY-MM-DD; none: not known
  std::optional<int> age;           // whole years at `at`, instead of `born`; none: not known
  std::map<std::string, std::string> bases;  // by purpose (`one per person`): the person's basis
  // context: the facts the controller asserts, e.g. "legal_claims" (and the policy's own
  // facts `asserted per action`)
  std::vector<std::string> context;
};

// ---- the response ------------------------------------------------------------------------

struct TraceEntry {
  std::string rule;     // rule id, or `purpose.basis` for a lawful basis
  std::string title;
  std::string cites;
  std::string source;   // file:line
  std::string outcome;  // holds, fails, allow, deny, defeat, grant, refuse, oblige, excepted, overridden,
                        // undetermined
  std::vector<std::string> because;
};

struct Obligation {
  std::string kind;               // erase, archive
  std::optional<std::string> by;  // none: without undue delay
  std::string rule;
};

struct RequestError {
  std::string field;    // e.g. `purpose`, `data[1]`, `subject.consent.newsletter.given`
  std::string message;
  std::string help;     // e.g. did you mean `newsletter`?
  std::string code = {};  // stable, e.g. `request.unknown_purpose` (docs/errors.md)
};

// The answer to a refused rights request (GDPR Art. 12(4)): given by `due`, with its reasons
// (decided_by), the supervisory authority the person may complain to, and the judicial remedy.
struct Refusal {
  std::optional<std::string> due;
  std::optional<std::string> authority, authority_address;  // none: the policy names no authority
  bool judicial_remedy = true;
};

struct Decision {
  bool allow = false;
  std::vector<std::string> decided_by;
  std::vector<Obligation> obligations;
  std::vector<std::string> missing;  // undetermined (a deny): the unknown facts it turned on, as paths
  std::vector<std::string> unknown;  // decided: unknown facts consulted that did not change it
  std::vector<std::pair<std::string, std::string>> conflicts;
  std::optional<std::string> due, extended_due;  // rights requests
  std::optional<std::string> extension_notice_by;  // with extended_due: tell the person of it by then
  std::optional<std::string> effective;            // granted `effective on receipt`: the day of receipt
  std::optional<Refusal> refusal;                  // a refused rights request
  std::vector<std::string> notify_recipients;      // granted erasure, rectification, restriction (Art. 19)
  std::vector<TraceEntry> trace;                 // when asked for
  std::string explanation;                       // when asked for: the trace as prose
  std::optional<RequestError> error;             // a malformed request: allow is false
};

struct DecideOptions {
  bool trace = false;
  bool explain = false;  // also fills Decision::explanation
};

// Decides requests against one policy. Not thread-safe itself: one per thread, all sharing
// the policy. Reuses its buffers, so deciding in a loop does not allocate once warm (without
// trace, through decide_json).
class GAVEL_API Decider {
 public:
  // Throws std::invalid_argument when `policy` is null (the LoadResult of a file with errors):
  // a programming error, never a decision.
  explicit Decider(std::shared_ptr<const Policy> policy);
  ~Decider();
  Decider(Decider&&) noexcept;
  Decider& operator=(Decider&&) noexcept;

  Decision decide(const Request& request, DecideOptions options = {});
  Decision decide(std::string_view request_json, DecideOptions options = {});

  // JSON in, JSON out: the service contract. `response` is replaced by the response object,
  // or by {"error": …}; returns false for a malformed request.
  bool decide_json(std::string_view request_json, std::string& response, DecideOptions options = {});

  // The policy this decider decides with.
  const std::shared_ptr<const Policy>& policy() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};


// ---- what a policy declares (for editors, completion and the playground) ---------------

struct GAVEL_API Vocabulary {
  struct Purpose {
    std::string name;
    std::vector<std::string> bases;  // lawful bases, in the order the policy lists them
    std::vector<std::string> data;   // the categories it may process
    bool one_per_person = false;     // its bases are chosen for each person (`subject.bases`)
    bool explicit_consent = false;   // `special data under explicit consent`
  };
  struct Recipient {
    std::string name;
    std::vector<std::string> receives;
  };
  struct CountryList {
    std::string name;
    std::vector<std::string> members;  // ISO 3166-1 alpha-2, in alphabetical order
  };
  struct Rule {
    std::string id;
    std::string title;
    std::vector<std::string> exceptions;  // each `unless` as written
    std::string conclusion;               // deny, allow, defeat basis, grant, refuse, oblige
    std::vector<std::string> cites;
    std::string says;
    std::string when;                     // the `when` condition as written; empty: always
    std::vector<std::string> overrides;
    std::string source;                   // file:line
  };
  std::vector<Purpose> purposes;
  std::vector<std::string> categories;
  std::vector<std::string> dates;   // the retention dates, e.g. last_contact
  std::vector<std::string> groups;  // groups of purposes (objection targets besides purposes)
  std::vector<Recipient> recipients;
  std::vector<CountryList> country_lists;
  std::string home;                 // the `established in` list
  std::vector<Rule> rules;
  // The fixed words of the language a request may use.
  std::vector<std::string> actions, rights, bases, context_facts;
  // The policy's own facts: given in `context`, or in `subject.facts`.
  std::vector<std::string> asserted_facts, recorded_facts;

  const Purpose* purpose(std::string_view name) const;
  const Recipient* recipient(std::string_view name) const;
};

// Every name `policy` declares, in declaration order.
GAVEL_API Vocabulary vocabulary(const Policy& policy);

// ---- requests as JSON ----------------------------------------------------------------------

// Appends `text` to `out` as a JSON string literal, quotes included; bytes that are not valid
// UTF-8 become U+FFFD, so the output is always JSON. The escaper every JSON gavel writes goes
// through (decisions, errors, diagnostics), for programs that write JSON beside it.
GAVEL_API void append_json_string(std::string& out, std::string_view text);

// The request contract as JSON: what Decider::decide(std::string_view) and `gavel decide`
// accept for the same request.
GAVEL_API std::string to_json(const Request& request);
// Reads the JSON contract into the struct. Only the shape is checked here (names and dates
// are checked when deciding); nullopt with `error` filled when the shape is wrong.
GAVEL_API std::optional<Request> parse_request(std::string_view json, RequestError& error);

// ---- why not: what would have to change for a deny to become an allow --------------------

// One change to a request, written as the playground writes it (`consent given newsletter
// 2026-11-26`, `retract legal_claims`, `recipient ovh`), so that `what if <change>` replays it.
struct Change {
  std::string command;
  std::string note;  // what it means, when the command alone does not say: "a country of `adequate`"
};

struct WhyNot {
  // Each way is a smallest set of changes that makes the request allowed, with the rules or
  // bases that then decide. Empty when no way was found.
  struct Way {
    std::vector<Change> changes;
    std::vector<std::string> decided_by;
  };
  std::vector<Way> ways;
  // When there is no way: the rules that deny under every change tried, and why they apply;
  // when no one rule does, `denied_by` is what denies the request as it is.
  std::vector<std::string> blocking;
  std::vector<std::string> denied_by;
  std::vector<std::string> because;
  std::size_t tried = 0;    // requests decided in the search: at most 1,000 singles + 20,000 pairs
  bool exhaustive = true;   // false: a bound stopped the search before every single change or pair was tried
  std::string explanation;  // the answer in prose: at most 12 ways, and 50 rules or reasons a list
  bool possible() const { return !ways.empty(); }
};

// For a request the policy denies: the smallest sets of changes to the facts (consent,
// objection, restriction, unlawful, retention dates, context) or to the question (recipient,
// country, data) that make it an allow, trying each single change (at most 1,000), then each
// pair (at most 20,000); the rest of the search is linear in the rules that deny. Changes
// add what can still happen (a consent given, an objection, a restriction lifted, a new
// contact); they do not erase what was recorded (an objection, a withdrawal, a finding of
// unlawfulness). Every candidate is decided by `decider`. nullopt when the request is
// allowed or refused as malformed.
GAVEL_API std::optional<WhyNot> why_not(Decider& decider, const Request& request);

// ---- coverage: what of a policy a set of requests exercised (`gavel test --coverage`) ------

struct CoverageItem {
  std::string what;    // `newsletter-objection`, `transfer-outside-eea` unless 1, `newsletter.consent`, …
  std::string source;  // file:line
  bool exercised = false;
};

struct PolicyCoverage {
  std::vector<CoverageItem> rules;            // a rule is exercised when its `when` held for a request
  std::vector<CoverageItem> exceptions;       // each `unless` branch: exercised when it excepted its rule
  std::vector<CoverageItem> bases;            // each lawful basis of each purpose: when it held
  std::vector<CoverageItem> retention_terms;  // each term of each `retain`: a request for its purpose
                                              // gave the date it counts from (a withdrawal, for
                                              // `until consent withdrawn`)
  std::size_t exercised() const;
  std::size_t total() const;
};

// Decides requests once more, with the trace, and keeps what they exercised.
class CoverageRecorder {
 public:
  explicit CoverageRecorder(std::shared_ptr<const Policy> policy);  // throws std::invalid_argument when null
  ~CoverageRecorder();
  CoverageRecorder(CoverageRecorder&&) noexcept;
  CoverageRecorder& operator=(CoverageRecorder&&) noexcept;

  // A request the policy refuses as malformed exercises nothing.
  void record(std::string_view request_json);
  PolicyCoverage coverage() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- the canonical layout of a rule file (`gavel fmt`) ------------------------------------

struct FormatResult {
  std::string text;                           // the file in the canonical layout; empty on errors
  std::vector<PolicyDiagnostic> diagnostics;  // syntax errors: a file that does not parse is not formatted
  std::string report;                         // the diagnostics rendered as `gavel check` prints them
  bool ok() const { return diagnostics.empty(); }
};

// The canonical layout: one clause a line, aligned `controller` fields and descriptions, lists
// wrapped at 100 characters, a blank line around each declaration of several lines, every
// comment kept beside the token it was written with. Only the spaces and line ends between
// tokens change (a text is kept as written), so the result decides as `text` does, and
// formatting it again changes nothing. Syntax errors are data, as in load_policy.
FormatResult format_policy(std::string_view text, std::string name = "<policy>");

// ---- the notice and the record of processing (`gavel doc`) ---------------------------------

struct DocumentOptions {
  bool html = false;    // one self-contained, printable page; otherwise Markdown
  bool record = false;  // the record of processing activities of GDPR Art. 30(1)(a)-(g), not the notice
};

struct DocumentResult {
  std::string text;                           // the document; empty when the file has errors
  std::vector<PolicyDiagnostic> diagnostics;  // errors and warnings, as load_policy gives them
  std::string report;
  bool ok() const { return !text.empty(); }
};

// The policy as the notice a person reads: the controller and its contact, the purposes (lawful
// bases, data, retention in words, what happens at the end), the recipients and what each
// receives, transfers and their safeguards, each right with its conditions and the response
// deadline, each rule's title, citations and the words it quotes. Or, with `record`, the
// record of processing activities. A file with errors is not rendered: its diagnostics are.
DocumentResult render_document(std::string_view text, std::string name, DocumentOptions options = {});

// ---- what a new version of a policy changes (`gavel diff`) ---------------------------------

struct PolicyChange {
  std::string kind;    // purpose, rule, category, recipient, …
  std::string name;
  std::string change;  // added, removed, changed
};

// The requests whose decision changes because of one rule (or lawful basis).
struct DecisionChangeGroup {
  std::string cause;          // "rule `x`", "basis `newsletter.consent`", or what else changed
  std::size_t count = 0;
  std::string example;        // one such request, as JSON
  std::string before, after;  // its decisions: `deny decided by [x]`, `refused: …`
};

struct PolicyDiff {
  std::vector<PolicyChange> changes;         // declarations and rules, in the new file's order
  std::size_t requests = 0;                  // requests decided with both
  std::size_t changed = 0;                   // of which the decision changes
  std::vector<DecisionChangeGroup> groups;   // the most requests first
  std::vector<PolicyDiagnostic> diagnostics; // errors of either file: nothing compared
  std::string report;
  bool ok() const;
};

// Compares two versions of a policy: what is declared, then how they decide on a request space
// generated from the names of both (each purpose with each action, its data, consent,
// objections, restriction, retention dates on both sides of every period, recipients,
// countries, context), and on `requests` (JSON) besides.
PolicyDiff diff_policies(std::string_view old_text, std::string old_name, std::string_view new_text,
                         std::string new_name, const std::vector<std::string>& requests = {});

}  // namespace gavel

// ---- the request contract as a JSON Schema ------------------------------------------------

namespace gavel {

// The JSON Schema (draft 2020-12) of the request contract, generated from the field table
// every reader walks: each object closed (additionalProperties false, maps excepted, whose
// keys are names the policy declares), its required fields, null where the contract accepts
// it. It states the shape only: whether a name is declared or a date is a real day is checked
// when deciding.
GAVEL_API std::string request_json_schema();

}  // namespace gavel

// ---- checking a policy, and what the engine reads as it does (for `gavel check`, editors,
// ---- and programs that check their input beside gavel) -------------------------------------

namespace gavel {

inline constexpr std::size_t max_policy_bytes = 8u << 20;  // a rule file: a larger one is an error
inline constexpr std::size_t max_request_bytes = 64 * 1024;  // a request's JSON: a larger one is refused
inline constexpr std::string_view request_too_large_code = "request.too_large";  // the code it is refused with

struct CheckReport {
  std::vector<PolicyDiagnostic> diagnostics;  // syntax errors, or else the checker's, in source order
  std::size_t errors = 0, warnings = 0;
  std::string human;  // the diagnostics as `gavel check` prints them (with ANSI colours if asked)
  std::string json;   // a JSON array: {"file","line","column","end_line","end_column","severity","message","help"}
  bool ok() const { return errors == 0; }
};

// Parses and checks a policy's text without compiling it: every mistake, as data and rendered.
// A text with syntax errors is not checked further (its tree is partial).
GAVEL_API CheckReport check_policy(std::string_view text, std::string name = "<policy>", bool colour = false);

// Empty when `text` is a day gavel reads (YYYY-MM-DD, 1900-01-01 … 2999-12-31); otherwise why
// not, as a request's error says it ("2026-02-30 is not a day of the calendar").
GAVEL_API std::string date_error(std::string_view text);
// The day `days` after 1970-01-01, as YYYY-MM-DD (with the system clock's days: today).
GAVEL_API std::string date_of_days(std::int64_t days);

// The closest of `candidates` to `word` by edit distance, when close enough to be a likely typo;
// empty otherwise: the "did you mean" of every gavel message.
GAVEL_API std::string nearest_name(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace gavel

// ---- realistic traffic for a policy (what `gavel generate` writes, for tests and benchmarks) --

namespace gavel {

struct TrafficMix {
  double rights_requests = 0.08;  // share of `"action": "request"`
  double archive_erase = 0.08;    // share of archive and erase among processing actions
};

// Deterministic: the same policy, seed and mix give byte-identical requests. Every name comes
// from the policy; about half of the processing requests are allowed, every kind of rule
// decides some, and none is refused. Not thread-safe itself: one per thread.
class GAVEL_API TrafficGenerator {
 public:
  // Throws std::invalid_argument when `policy` is null.
  TrafficGenerator(std::shared_ptr<const Policy> policy, std::uint64_t seed, TrafficMix mix = {});
  ~TrafficGenerator();
  TrafficGenerator(TrafficGenerator&&) noexcept;
  TrafficGenerator& operator=(TrafficGenerator&&) noexcept;

  // Appends one request, one line of JSON without its newline, to `out`.
  void next(std::string& out);
  // Appends one person of a sweep's input ({"id": N, "subject": {…}, "context"?: {…}}, ids
  // from 1), one line of JSON without its newline, to `out`: records spanning the years before
  // 2026-12-01, so that a sweep on that day finds every kind of obligation due, and people
  // whose obligations turn on a date not recorded. None is refused.
  void next_subject(std::string& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gavel

// ---- sweeps: the obligations due for each person on a day (`gavel sweep`) ----------------

namespace gavel {

// One duty the policy's `oblige` rules lay on the controller for one person: erase or archive
// the data of a purpose, by a day or without undue delay. The views point into the policy
// (names, the rule) or into the SubjectObligations that holds it: valid while its Sweeper
// lives and until that SubjectObligations is filled again.
struct DueObligation {
  std::string_view purpose;                 // as the policy declares it
  std::span<const std::string_view> data;   // the categories it concerns, in the purpose's order
  std::string_view duty;                    // erase, archive
  std::string by;                           // YYYY-MM-DD; empty: without undue delay (due on the day swept)
  std::string_view rule, title, source;     // the `oblige` rule: its id, its title, file:line
  std::span<const std::string> cites;       // the rule's citations
};

// What a sweep found for one person. Reused from one person to the next, so that a warm loop
// does not allocate.
struct SubjectObligations {
  std::string id;            // the person's id: a string's text, or a number as written
  std::string_view id_json;  // the id as JSON, as written in the line (empty for obligations_due)
  bool id_is_number = false;
  std::vector<DueObligation> obligations;  // by purpose in policy order, then by rule in file order
  std::optional<RequestError> error;       // the person's line was malformed: no obligations
  std::vector<std::string_view> data_pool;  // storage behind DueObligation::data, when not a whole purpose's
};

// For one person and one day, the obligations due: for each purpose the policy declares, the
// obligations a request to `store` the purpose's data on that day would carry (docs/sweep.md).
// Only the person and what the controller asserts vary: the purposes and their data come from
// the policy. A purpose whose `oblige` rules test `data includes` is asked for each of its
// categories, and an obligation lists the categories it arose for. An `oblige` rule that turns
// on a fact the person's record does not give adds nothing (it is not known to stand).
//
// The person is read with the request reader, as `subject` and `context` in a request: what a
// request would refuse for them is refused the same, with the same field path and code
// (`subject.consent.newsletter.given`), and a date the answer would put after 2999-12-31 is an
// error too. Not thread-safe itself: one per thread, all sharing the policy; it keeps its
// buffers, so a warm loop does not allocate (but for a malformed person's error).
class GAVEL_API Sweeper {
 public:
  // Throws std::invalid_argument when `policy` is null.
  explicit Sweeper(std::shared_ptr<const Policy> policy);
  ~Sweeper();
  Sweeper(Sweeper&&) noexcept;
  Sweeper& operator=(Sweeper&&) noexcept;

  // One line of a sweep's input: {"id": "…" or a whole number, "subject": {…}, "context": {…}},
  // `context` optional, `subject` required (it may be {}). `day` is YYYY-MM-DD. False with
  // out.error filled when the line or the day is malformed.
  bool sweep_line(std::string_view line, std::string_view day, SubjectObligations& out);

  // The same with the parts apart (a database row): `subject_json` the request contract's
  // `subject` object, `context_json` its `context` object or empty for none. out.id is left
  // as it is, out.id_json empty.
  bool obligations_due(std::string_view subject_json, std::string_view context_json, std::string_view day,
                       SubjectObligations& out);

  const std::shared_ptr<const Policy>& policy() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gavel
