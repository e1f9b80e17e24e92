// The reference evaluator, section by section of docs/language.md. Each function says which
// sentence of the documentation it implements.
#include "engine/reference/reference.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "engine/dates/date.hpp"
#include "engine/request/fact_ref.hpp"

namespace gavel::reference {
namespace {

using dates::Date;
using syntax::Condition;
using syntax::Conclusion;
using syntax::Predicate;

Date date_of(std::string_view text, std::string_view field) {
  auto d = dates::parse_date(text);
  if (!d) throw BadRequest("`" + std::string(field) + "` is not a date: " + std::string(text));
  return *d;
}

template <class T>
bool contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// "Every condition has one of three values: true, false, unknown" (docs/language.md, "Known,
// not yet and unknown facts"), with the connectives of its truth tables, written out.
enum class Truth { no, yes, unknown };

Truth truth(bool b) { return b ? Truth::yes : Truth::no; }

Truth negate(Truth t) {
  if (t == Truth::unknown) return Truth::unknown;
  return t == Truth::yes ? Truth::no : Truth::yes;
}

// "`and`: false if any operand is false, else unknown if any is unknown, else true"
Truth both(Truth a, Truth b) {
  if (a == Truth::no || b == Truth::no) return Truth::no;
  if (a == Truth::unknown || b == Truth::unknown) return Truth::unknown;
  return Truth::yes;
}

Truth either(Truth a, Truth b) { return negate(both(negate(a), negate(b))); }

// What a rule comes to for one request (docs: "Which rules concern the request", "Which rules
// apply").
enum class Status { not_concerned, does_not_apply, excepted, overridden, stands, undetermined };

// One request against one policy. Everything is recomputed from the syntax tree.
class Deciding {
 public:
  Deciding(const syntax::Policy& policy, const Request& request) : policy_(policy), request_(request) {
    rights_ = request.action == "request";
    if (!rights_) {
      bool known = false;
      for (std::size_t i = 0; i < syntax::action_names.size(); ++i)
        if (syntax::action_names[i] == request.action) {
          action_ = static_cast<syntax::Action>(i);
          known = true;
        }
      if (!known) throw BadRequest("unknown action " + request.action);
    } else {
      if (!request.right) throw BadRequest("a rights request without a right");
      // "one of the eight rights built in, or a right the policy declares"
      right_ = *request.right;
      bool known = std::find(syntax::right_names.begin(), syntax::right_names.end(), right_) != syntax::right_names.end();
      for (const auto& r : policy.rights) known |= r.name.text == right_;
      if (!known) throw BadRequest("unknown right " + *request.right);
    }
    purpose_ = find_purpose(request.purpose);
    if (!purpose_) throw BadRequest("unknown purpose " + request.purpose);
    at_ = date_of(request.at, "at");
    status_.assign(policy.rules.size(), std::nullopt);
  }

  Decision run() {
    Decision out;
    // Every rule that concerns the request is settled, so that each one's conditions are
    // consulted (and its missing facts recorded) whatever the others come to.
    for (std::size_t r = 0; r < policy_.rules.size(); ++r) status(r);
    if (rights_)
      decide_rights(out);
    else
      decide_processing(out);
    if (rights_) answer(out);
    // "Obligations. Every standing oblige rule adds an obligation, whatever the decision."
    for (std::size_t r = 0; r < policy_.rules.size(); ++r) {
      if (status(r) != Status::stands) continue;  // "only from rules that definitely stand"
      const auto& rule = policy_.rules[r];
      switch (rule.conclusion.kind) {
        case Conclusion::Kind::oblige_erase: out.obligations.push_back({"erase", std::nullopt, rule.id.text}); break;
        case Conclusion::Kind::oblige_archive:
          out.obligations.push_back({"archive", std::nullopt, rule.id.text});
          break;
        case Conclusion::Kind::oblige_end_of_retention:
          // "adds {kind: erase|archive, by: first day after retention} when that day can be
          // computed"
          if (auto end = retention_end_if_known()) {
            const bool archive = purpose_->then && *purpose_->then == syntax::EndOfRetention::archive;
            const Date by{end->days + 1};
            // "… or whose `oblige end of retention` obligation would fall after it, is not
            // decided: refused with an error naming the retention date it was counted from"
            if (!dates::in_range(by) && !error_)
              error_ = RequestError{anchor_field(), "the end of retention is after 2999-12-31", {}};
            out.obligations.push_back({archive ? "archive" : "erase", dates::to_string(by), rule.id.text});
          }
          break;
        case Conclusion::Kind::oblige_end_of_archive:
          // "`{kind: erase, by: first day after the archive period}`, when the retention end can
          // be computed"
          if (auto end = retention_end_if_known(); end && purpose_->archive_for) {
            std::optional<Date> archive_end;
            if (dates::in_range(*end))
              archive_end = dates::period_end(*end, purpose_->archive_for->count, purpose_->archive_for->unit);
            const Date by{archive_end ? archive_end->days + 1 : after_the_range.days};
            if (!dates::in_range(by) && !error_)
              error_ = RequestError{anchor_field(), "the end of the archive is after 2999-12-31", {}};
            out.obligations.push_back({"erase", dates::to_string(by), rule.id.text});
          }
          break;
        default: break;
      }
    }
    // "`missing` — when the decision is undetermined: every unknown fact named …; `unknown` —
    // when it is determined: the unknown facts named, which did not change it."
    for (const auto& [kind, name] : unknown_facts_)
      (undetermined_ ? out.missing : out.unknown).push_back(request::fact_path(kind, name));
    // Not decided: a deny that names nothing, and the error.
    if (error_) {
      Decision refused;
      refused.error = error_;
      return refused;
    }
    return out;
  }

 private:
  // ---- names -------------------------------------------------------------------------

  const syntax::Purpose* find_purpose(std::string_view name) const {
    for (const auto& p : policy_.purposes)
      if (p.name.text == name) return &p;
    return nullptr;
  }

  const syntax::Group* find_group(std::string_view name) const {
    for (const auto& g : policy_.groups)
      if (g.name.text == name) return &g;
    return nullptr;
  }

  const syntax::Countries* find_countries(std::string_view name) const {
    for (const auto& c : policy_.countries)
      if (c.name.text == name) return &c;
    return nullptr;
  }

  const syntax::Recipient* find_recipient(std::string_view name) const {
    for (const auto& r : policy_.recipients)
      if (r.name.text == name) return &r;
    return nullptr;
  }

  static bool lists(const std::vector<syntax::Name>& names, std::string_view name) {
    for (const auto& n : names)
      if (n.text == name) return true;
    return false;
  }

  bool purpose_lists_basis(const syntax::Purpose& p, syntax::Basis b) const {
    for (const auto& x : p.bases)
      if (x.basis == b) return true;
    return false;
  }

  // ---- which rules concern the request ------------------------------------------------

  // "PURPOSES is a list of purposes and groups … or `for purposes based on BASIS [or BASIS …]`
  // (every purpose that lists one of those bases). Without `for`, the rule concerns every
  // purpose."
  bool purposes_include(const syntax::PurposeSet& set) const {
    switch (set.kind) {
      case syntax::PurposeSet::Kind::every: return true;
      case syntax::PurposeSet::Kind::every_except:
        // "`for any purpose except P, G`: every purpose but those named and the members of the
        // groups named"
        for (const auto& n : set.listed) {
          if (n.text == purpose_->name.text) return false;
          if (const auto* g = find_group(n.text); g && lists(g->members, purpose_->name.text)) return false;
        }
        return true;
      case syntax::PurposeSet::Kind::listed:
        for (const auto& n : set.listed) {
          if (n.text == purpose_->name.text) return true;
          if (const auto* g = find_group(n.text); g && lists(g->members, purpose_->name.text)) return true;
        }
        return false;
      case syntax::PurposeSet::Kind::based_on:
        for (const auto& b : set.bases)
          if (purpose_lists_basis(*purpose_, b.basis)) return true;
        return false;
    }
    return false;
  }

  // "ACTIONS is `any action`, a list (`use, communicate`), or `any action except store, erase`."
  bool names_action(const syntax::ActionSet& set) const {
    auto in = [&](const std::vector<syntax::ActionRef>& list) {
      for (const auto& a : list)
        if (a.action == action_) return true;
      return false;
    };
    return set.any ? !in(set.except) : in(set.listed);
  }

  // "A rule concerns it when its conclusion names A (for deny/allow) and its purposes include P.
  // `defeat basis` and `oblige` rules concern any action on their purposes; `grant` and
  // `refuse` only rights requests."
  bool concerns(const syntax::Rule& rule) const {
    const auto& c = rule.conclusion;
    if (!purposes_include(c.purposes)) return false;
    switch (c.kind) {
      case Conclusion::Kind::deny:
      case Conclusion::Kind::allow: return !rights_ && names_action(c.actions);
      case Conclusion::Kind::grant:
      case Conclusion::Kind::refuse:
        return rights_ && (c.right.declared ? c.right.declared->text : std::string(syntax::name_of(c.right.right))) == right_;
      case Conclusion::Kind::defeat_basis:
      case Conclusion::Kind::oblige_erase:
      case Conclusion::Kind::oblige_archive:
      case Conclusion::Kind::oblige_end_of_retention:
      case Conclusion::Kind::oblige_end_of_archive: return true;
    }
    return false;
  }

  // ---- which rules apply, which stand ----------------------------------------------------

  // "A rule that concerns the request applies when its `when` holds. An applying rule is
  // defeated when one of its `unless` conditions holds, or when another applying, undefeated
  // rule `overrides` it. … A rule that applies and is not defeated stands."
  // "stands(r) = applies(r) AND NOT excepted(r) AND NOT (OR over its concerned overriders s
  // of stands(s))", each read left to right; `unless` read in order, up to the first true.
  Status status(std::size_t r) {
    if (status_[r]) return *status_[r];
    const auto& rule = policy_.rules[r];
    status_[r] = Status::does_not_apply;  // while settling: a cycle overrides nothing
    Status s = Status::stands;
    Truth value = Truth::yes;
    if (!concerns(rule)) {
      status_[r] = Status::not_concerned;
      return Status::not_concerned;
    }
    if (rule.when) value = holds(*rule.when);
    if (value == Truth::no) {
      status_[r] = Status::does_not_apply;
      return Status::does_not_apply;
    }
    Truth excepted = Truth::no;
    for (const auto& u : rule.unless) {
      excepted = either(excepted, holds(u));
      if (excepted == Truth::yes) {
        status_[r] = Status::excepted;
        return Status::excepted;
      }
    }
    value = both(value, negate(excepted));
    Truth overridden = Truth::no;
    for (std::size_t o = 0; o < policy_.rules.size(); ++o) {
      if (o == r || !lists(policy_.rules[o].overrides, rule.id.text)) continue;
      const Status by = status(o);
      overridden = either(overridden, standing(by));
      if (overridden == Truth::yes) break;
    }
    if (overridden == Truth::yes)
      s = Status::overridden;
    else if (both(value, negate(overridden)) != Truth::yes)
      s = Status::undetermined;
    status_[r] = s;
    return s;
  }

  static Truth standing(Status s) {
    return s == Status::stands ? Truth::yes : s == Status::undetermined ? Truth::unknown : Truth::no;
  }
  Truth stands(std::size_t r) { return standing(status(r)); }

  // ---- conditions --------------------------------------------------------------------------

  const ConsentRecord* consent_record() const {
    auto it = request_.consent.find(purpose_->name.text);
    return it == request_.consent.end() ? nullptr : &it->second;
  }

  bool asserted(std::string_view fact) const { return contains(request_.context, std::string(fact)); }

  bool data_includes(std::string_view category) const { return contains(request_.data, std::string(category)); }

  // "the destination is in that countries list; a request without `country` goes to the
  // controller's `established in` list" — it stays within that list, so it is in NAME when
  // every country of that list is.
  // "`CODE from D` counts from day D, `CODE until D` up to day D, `CODE from D until D` between
  // them; both days are inclusive. A request is decided with the members that count on its
  // `at`" — for the destination and for the controller's `established in` list alike.
  bool valid_at(const syntax::Validity& v) const {
    return (!v.from || policy_day(v.from->text) <= at_) && (!v.until || at_ <= policy_day(v.until->text));
  }
  static Date policy_day(const std::string& text) {
    auto d = dates::parse_date(text);
    if (!d) throw BadRequest("the policy's date is not a day: " + text);
    return *d;
  }
  bool country_in(const syntax::Countries& list) const {
    auto member = [&](std::string_view code) {
      return std::any_of(list.members.begin(), list.members.end(),
                         [&](const auto& m) { return m.code == code && valid_at(m.valid); });
    };
    if (request_.country) return member(*request_.country);
    const auto* home = find_countries(policy_.controllers.front().established_in->text);
    return std::all_of(home->members.begin(), home->members.end(),
                       [&](const auto& m) { return !valid_at(m.valid) || member(m.code); });
  }

  // "`not U` is U; `and`: false if any operand is false, else unknown if any is unknown, else
  // true; `or` dually. Operands are read left to right and reading stops at the first operand
  // that decides."
  Truth holds(const Condition& c) {
    switch (c.kind) {
      case Condition::Kind::negation: return negate(holds(c.operands.front()));
      case Condition::Kind::conjunction:
      case Condition::Kind::disjunction: {
        const Truth decides = c.kind == Condition::Kind::conjunction ? Truth::no : Truth::yes;
        bool unknown = false;
        for (const auto& operand : c.operands) {
          const Truth v = holds(operand);
          if (v == decides) return decides;
          unknown = unknown || v == Truth::unknown;
        }
        return unknown ? Truth::unknown : negate(decides);
      }
      case Condition::Kind::predicate: return predicate(c);
    }
    return Truth::no;
  }

  void name_unknown(request::FactRef::Kind kind, const std::string& name) {
    if (!contains(unknown_facts_, std::pair(kind, name))) unknown_facts_.emplace_back(kind, name);
  }

  Truth predicate(const Condition& c) {
    switch (c.predicate) {
      case Predicate::consent_given: return consent_given();
      case Predicate::consent_withdrawn: {
        // "the consent for the purpose was withdrawn on or before `at`"; no record: unknown;
        // a `null` record: false.
        const auto* record = consent_record();
        if (!record) {
          name_unknown(request::FactRef::Kind::consent, purpose_->name.text);
          return Truth::unknown;
        }
        if (record->never_given) return Truth::no;
        return truth(record->withdrawn && date_of(*record->withdrawn, "withdrawn") <= at_);
      }
      case Predicate::objected_to_purpose: return truth(objected_to(purpose_->name.text));
      case Predicate::objected_to: return truth(objected_to(c.argument.text));
      case Predicate::restricted: {
        // "`since` ≤ `at` and (`until` is absent or `at` ≤ `until`)"
        const auto& r = request_.restriction;
        return truth(r && date_of(r->since, "since") <= at_ && (!r->until || at_ <= date_of(*r->until, "until")));
      }
      case Predicate::unlawful: return truth(request_.unlawful);
      case Predicate::retention_over: return retention_over();
      case Predicate::archive_period_over: return archive_period_over();
      case Predicate::data_outside_purpose:
        return truth(std::any_of(request_.data.begin(), request_.data.end(),
                                 [&](const std::string& d) { return !lists(purpose_->data, d); }));
      case Predicate::data_includes: return truth(data_includes(c.argument.text));
      case Predicate::recipient_is: return truth(request_.recipient && *request_.recipient == c.argument.text);
      case Predicate::recipient_may_not_receive: {
        // "the request names a recipient, and some category in it is not in that recipient's
        // `receives`"
        if (!request_.recipient) return Truth::no;
        const auto* recipient = find_recipient(*request_.recipient);
        if (!recipient) throw BadRequest("unknown recipient " + *request_.recipient);
        return truth(std::any_of(request_.data.begin(), request_.data.end(),
                                 [&](const std::string& d) { return !lists(recipient->receives, d); }));
      }
      case Predicate::country_in: return truth(country_in(*find_countries(c.argument.text)));
      case Predicate::country_outside: return truth(!country_in(*find_countries(c.argument.text)));
      case Predicate::basis_is: return truth(purpose_lists_basis(*purpose_, c.basis.basis));
      case Predicate::automated: return truth(purpose_->automated);
      case Predicate::context: return truth(asserted(syntax::name_of(c.fact)));
      case Predicate::purpose_is: {
        // "the request's purpose is P, or is a member of group G"
        if (c.argument.text == purpose_->name.text) return Truth::yes;
        const auto* g = find_group(c.argument.text);
        return truth(g && lists(g->members, purpose_->name.text));
      }
      case Predicate::recipient_certified: {
        // "the request's recipient is certified under NAME on `at`, validity dates inclusive"
        if (!request_.recipient) return Truth::no;
        const auto* recipient = find_recipient(*request_.recipient);
        if (!recipient) throw BadRequest("unknown recipient " + *request_.recipient);
        return truth(std::any_of(recipient->certifications.begin(), recipient->certifications.end(),
                                 [&](const syntax::Certification& x) {
                                   return x.framework.text == c.argument.text && valid_at(x.valid);
                                 }));
      }
      case Predicate::declared_fact:
      case Predicate::age_under:
      case Predicate::age_at_least:
      case Predicate::basis_of_record_is: return person_fact(c);
    }
    return Truth::no;
  }

  // ---- the policy's own facts, age, basis of record (docs: "The policy's own facts") ----

  const syntax::FactDecl* find_fact(std::string_view name) const {
    for (const auto& f : policy_.facts)
      if (f.name.text == name) return &f;
    return nullptr;
  }

  // "the person's age at `at`: `subject.age`, or from `subject.born` by full years"
  std::optional<int> age() const {
    if (request_.age) return request_.age;
    if (!request_.born) return std::nullopt;
    const auto born = dates::to_ymd(date_of(*request_.born, "born"));
    const auto at = dates::to_ymd(at_);
    const bool birthday_passed = at.month > born.month || (at.month == born.month && at.day >= born.day);
    return at.year - born.year - (birthday_passed ? 0 : 1);
  }

  const std::string* basis_of_record() const {
    auto it = request_.bases.find(purpose_->name.text);
    return it == request_.bases.end() ? nullptr : &it->second;
  }

  Truth person_fact(const Condition& c) {
    switch (c.predicate) {
      case Predicate::declared_fact: {
        const auto* fact = find_fact(c.argument.text);
        // "asserted per action: the request's `context` (absent: false)"
        if (fact->form == syntax::FactDecl::Form::asserted_per_action) return truth(asserted(c.argument.text));
        // "recorded for the person: a date since which it holds, or null (does not hold);
        // absent: unknown"
        auto it = request_.facts.find(c.argument.text);
        if (it == request_.facts.end()) {
          name_unknown(request::FactRef::Kind::record_fact, c.argument.text);
          return Truth::unknown;
        }
        return truth(it->second && date_of(*it->second, c.argument.text) <= at_);
      }
      case Predicate::age_under:
      case Predicate::age_at_least: {
        const auto years = age();
        if (!years) {
          name_unknown(request::FactRef::Kind::born, "");
          return Truth::unknown;
        }
        return truth(c.predicate == Predicate::age_under ? *years < c.number : *years >= c.number);
      }
      case Predicate::basis_of_record_is: {
        if (!purpose_->one_per_person) return Truth::no;
        const auto* basis = basis_of_record();
        if (!basis) {
          name_unknown(request::FactRef::Kind::basis_of_record, purpose_->name.text);
          return Truth::unknown;
        }
        return truth(*basis == syntax::name_of(c.basis.basis));
      }
      default: return Truth::no;
    }
  }

  // "a processing request (any action but `erase`) whose `data` includes a special category"
  bool processes_special_data() const {
    if (rights_ || action_ == syntax::Action::erase) return false;
    return std::any_of(request_.data.begin(), request_.data.end(), [&](const std::string& d) {
      return std::any_of(policy_.categories.begin(), policy_.categories.end(),
                         [&](const syntax::Category& c) { return c.name.text == d && c.special; });
    });
  }

  // "each C `explicit consent` (consent given for the purpose and the record says
  // `"explicit": true`) or a declared fact", read in order, stopping at the first that holds.
  Truth special_data_allowed() {
    bool unknown = false;
    for (const auto& condition : purpose_->special_under) {
      Truth v = Truth::no;
      if (condition.kind == syntax::SpecialCondition::Kind::fact) {
        Condition fact;
        fact.predicate = Predicate::declared_fact;
        fact.argument = condition.fact;
        v = person_fact(fact);
      } else if (const auto* record = consent_record()) {
        v = record->explicit_consent ? consent_given() : Truth::no;
      } else {
        name_unknown(request::FactRef::Kind::consent, purpose_->name.text);
        v = Truth::unknown;
      }
      if (v == Truth::yes) return Truth::yes;
      unknown = unknown || v == Truth::unknown;
    }
    return unknown ? Truth::unknown : Truth::no;
  }

  // "the person's consent for the purpose was given on or before `at` and not withdrawn on or
  // before `at`"; no record: unknown, and named; a `null` record: false.
  Truth consent_given() {
    const auto* record = consent_record();
    if (!record) {
      name_unknown(request::FactRef::Kind::consent, purpose_->name.text);
      return Truth::unknown;
    }
    if (record->never_given) return Truth::no;
    const bool given = date_of(record->given, "given") <= at_;
    const bool withdrawn = record->withdrawn && date_of(*record->withdrawn, "withdrawn") <= at_;
    return truth(given && !withdrawn);
  }

  // "the person objected to that purpose or group on or before `at`"
  bool objected_to(std::string_view target) const {
    return std::any_of(request_.objections.begin(), request_.objections.end(), [&](const Objection& o) {
      return o.to == target && date_of(o.at, "objection") <= at_;
    });
  }

  // ---- retention (docs: "retain", "Dates and periods") --------------------------------

  // "A retention that would end after 2999-12-31 is not over on any day of the range": such a
  // term is taken to end on the day after it, later than any day a request gives.
  static constexpr Date after_the_range{dates::max_date.days + 1};

  // One term: `known` false when it needs a fact the request does not give (then `fact` names
  // it); else its last day, or none when it does not end (an event that has not happened,
  // consent not withdrawn).
  struct Term {
    bool known = true;
    std::optional<Date> end;
    std::pair<request::FactRef::Kind, std::string> fact;
  };

  // "`after end of year of D`: from the last day of D's year (month)"
  static Date counted_from(Date from, syntax::RetentionTerm::From counted) {
    const auto ymd = dates::to_ymd(from);
    if (counted == syntax::RetentionTerm::From::end_of_year) return dates::from_ymd(ymd.year, 12, 31);
    if (counted == syntax::RetentionTerm::From::end_of_month)
      return dates::from_ymd(ymd.year, ymd.month, dates::days_in_month(ymd.year, ymd.month));
    return from;
  }

  // The request field of the date a retention end is counted from: "the error names it".
  std::string anchor_field() const {
    return end_anchor_ == syntax::birth_anchor ? std::string("subject.born") : "subject.dates." + end_anchor_;
  }

  Term term(const syntax::RetentionTerm& t) const {
    Term out;
    if (t.kind == syntax::RetentionTerm::Kind::until_consent_withdrawn) {
      // "consent unknown → unknown; `null` or not withdrawn → not over"; "consent given on day
      // G and withdrawn on day W covers actions on days G … W-1": kept through W-1.
      const auto* record = consent_record();
      if (!record) return {false, std::nullopt, {request::FactRef::Kind::consent, purpose_->name.text}};
      if (!record->never_given && record->withdrawn && date_of(*record->withdrawn, "withdrawn") <= at_)
        out.end = Date{date_of(*record->withdrawn, "withdrawn").days - 1};
      return out;
    }
    // "`after birth` counts from `subject.born`; absent (or only `subject.age` given): unknown"
    if (t.anchor.text == syntax::birth_anchor) {
      if (!request_.born) return {false, std::nullopt, {request::FactRef::Kind::born, ""}};
      Date from = date_of(*request_.born, "born");
      if (from > at_) return out;
      from = counted_from(from, t.from);
      out.end = dates::period_end(from, t.period.count, t.period.unit).value_or(after_the_range);
      return out;
    }
    auto it = request_.dates.find(t.anchor.text);
    if (it == request_.dates.end()) return {false, std::nullopt, {request::FactRef::Kind::date, t.anchor.text}};
    if (!it->second) return out;  // "`null`: the event has not happened: the period has not started"
    Date from = date_of(*it->second, t.anchor.text);
    if (from > at_) return out;  // "a date after `at` has not happened at `at`": not started
    from = counted_from(from, t.from);
    out.end = dates::period_end(from, t.period.count, t.period.unit).value_or(after_the_range);
    return out;
  }

  Truth term_over(const Term& t) const {
    if (!t.known) return Truth::unknown;
    return truth(t.end && at_ > *t.end);
  }

  // "`retention over` = (OR of maximum terms) AND (AND of minimum terms), Kleene; with no
  // maximum term, only the minimum terms count; a purpose with no `retain` line: false."
  Truth retention_value() const {
    if (purpose_->retention.empty()) return Truth::no;
    Truth maximum = Truth::no, minimum = Truth::yes;
    bool any_maximum = false;
    for (const auto& t : purpose_->retention) {
      const Truth over = term_over(term(t));
      if (t.minimum) {
        minimum = both(minimum, over);
      } else {
        any_maximum = true;
        maximum = either(maximum, over);
      }
    }
    return both(any_maximum ? maximum : Truth::yes, minimum);
  }

  // "names the unknown facts of its terms when its value is unknown"
  void name_unknown_terms() {
    for (const auto& t : purpose_->retention)
      if (const auto x = term(t); !x.known) name_unknown(x.fact.first, x.fact.second);
  }

  Truth retention_over() {
    const Truth over = retention_value();
    if (over == Truth::unknown) name_unknown_terms();
    return over;
  }

  // "retention is over and `at` is after retention end + the archive period (Kleene like
  // `retention over`; false for a purpose without an archive period)"
  Truth archive_period_over() {
    if (!purpose_->archive_for) return Truth::no;
    const Truth over = retention_over();
    if (over != Truth::yes) return over;
    const auto end = retention_end_if_known();
    if (!end) {
      name_unknown_terms();
      return Truth::unknown;
    }
    const auto archive_end = dates::period_end(*end, purpose_->archive_for->count, purpose_->archive_for->unit);
    return truth(archive_end && at_ > *archive_end);
  }

  // "Retention ends at the latest of: the earliest maximum term, and every minimum term", when
  // every term is known and that day exists (not when a term does not end). The date of the
  // term that fixes it is kept in end_anchor_.
  std::optional<Date> retention_end_if_known() const {
    std::optional<Date> earliest, latest;
    std::string earliest_anchor, latest_anchor;
    bool any_maximum = false;
    for (const auto& t : purpose_->retention) {
      const auto x = term(t);
      if (!x.known) return std::nullopt;
      if (t.minimum) {
        if (!x.end) return std::nullopt;  // a minimum that does not end: retention does not end
        if (!latest || *x.end > *latest) latest = x.end, latest_anchor = t.anchor.text;
      } else {
        any_maximum = true;
        if (x.end && (!earliest || *x.end < *earliest)) earliest = x.end, earliest_anchor = t.anchor.text;
      }
    }
    if (any_maximum && !earliest) return std::nullopt;
    if (latest && (!earliest || *latest > *earliest)) {
      end_anchor_ = latest_anchor;
      return latest;
    }
    end_anchor_ = earliest_anchor;
    return earliest;
  }

  // ---- the decision ------------------------------------------------------------------------

  // "Each basis listed by P holds or not by its own meaning … AND NOT (OR of the standing
  // `defeat basis` rules for it) — Kleene"
  Truth basis_holds(syntax::Basis b) {
    Truth own = Truth::no;
    switch (b) {
      case syntax::Basis::consent: own = consent_given(); break;
      case syntax::Basis::legitimate_interest: own = Truth::yes; break;
      case syntax::Basis::legal_obligation: own = truth(asserted("legal_obligation")); break;
      case syntax::Basis::contract: own = truth(asserted("contract")); break;
      case syntax::Basis::vital_interests: own = truth(asserted("vital_interests")); break;
      case syntax::Basis::public_task: own = truth(asserted("public_task")); break;
    }
    Truth defeated = Truth::no;
    for (std::size_t r = 0; r < policy_.rules.size(); ++r) {
      const auto& c = policy_.rules[r].conclusion;
      if (c.kind == Conclusion::Kind::defeat_basis && c.basis.basis == b) defeated = either(defeated, stands(r));
    }
    return both(own, negate(defeated));
  }

  // The rules of a kind that definitely stand, and whether some may.
  std::vector<std::size_t> standing(Conclusion::Kind kind, Truth& any) {
    std::vector<std::size_t> out;
    any = Truth::no;
    for (std::size_t r = 0; r < policy_.rules.size(); ++r) {
      if (policy_.rules[r].conclusion.kind != kind) continue;
      any = either(any, stands(r));
      if (stands(r) == Truth::yes) out.push_back(r);
    }
    return out;
  }

  void conflicts(const std::vector<std::size_t>& no, const std::vector<std::size_t>& yes, Decision& out) const {
    // "A standing allow rule and a standing deny rule with neither overriding the other
    // conflict" — both standing, so neither was overridden by the other.
    for (auto n : no)
      for (auto y : yes) out.conflicts.emplace_back(policy_.rules[n].id.text, policy_.rules[y].id.text);
  }

  // "decision value = permitted AND NOT prohibited (Kleene). true → allow; false → deny;
  // unknown → deny (undetermined)"; "`decided_by`: … undetermined — empty list".
  void decide_processing(Decision& out) {
    std::vector<syntax::Basis> bases;  // each basis once, as listed
    for (const auto& b : purpose_->bases)
      if (!contains(bases, b.basis)) bases.push_back(b.basis);
    std::vector<std::string> held, failed;
    std::vector<Truth> holds;
    for (auto b : bases) holds.push_back(basis_holds(b));
    // "only that basis can permit (no fallback …). Absent: unknown — it matters only when the
    // bases would give different values."
    if (purpose_->one_per_person) {
      const auto* record = basis_of_record();
      const bool alike = std::adjacent_find(holds.begin(), holds.end(), std::not_equal_to<>()) == holds.end();
      if (!record && !alike) name_unknown(request::FactRef::Kind::basis_of_record, purpose_->name.text);
      for (std::size_t i = 0; i < bases.size(); ++i) {
        if (record && *record != syntax::name_of(bases[i])) holds[i] = Truth::no;
        if (!record && !alike) holds[i] = Truth::unknown;
      }
    }
    Truth permitted = Truth::no;
    for (std::size_t i = 0; i < bases.size(); ++i) {
      const Truth v = holds[i];
      permitted = either(permitted, v);
      const auto id = purpose_->name.text + "." + std::string(syntax::name_of(bases[i]));
      if (v == Truth::yes) held.push_back(id);
      if (v == Truth::no) failed.push_back(id);
    }
    Truth some_allow, some_deny;
    const auto allows = standing(Conclusion::Kind::allow, some_allow);
    const auto denies = standing(Conclusion::Kind::deny, some_deny);
    permitted = either(permitted, some_allow);
    // "denied unless one of the purpose's conditions holds … `decided_by` names it `P.special`"
    const Truth special = processes_special_data() ? special_data_allowed() : Truth::yes;
    const bool special_failed = special == Truth::no;
    const Truth value = both(both(permitted, negate(some_deny)), special);
    out.allow = value == Truth::yes;
    undetermined_ = value == Truth::unknown;
    // "The deciding rules are the standing deny rules (or, when there is none, the failed
    // bases), and for an allow the bases that held and the standing allow rules."
    if (out.allow) {
      out.decided_by = held;
      for (auto r : allows) out.decided_by.push_back(policy_.rules[r].id.text);
    } else if (undetermined_) {
    } else if (!denies.empty() || special_failed) {
      for (auto r : denies) out.decided_by.push_back(policy_.rules[r].id.text);
      if (special_failed) out.decided_by.push_back(purpose_->name.text + ".special");
    } else {
      out.decided_by = failed;
    }
    // "Conflicts: only between definitely standing pairs."
    conflicts(denies, allows, out);
  }

  // "for rights: permitted = OR(standing grants), prohibited = OR(standing refusals)"
  void decide_rights(Decision& out) {
    Truth some_grant, some_refusal;
    const auto grants = standing(Conclusion::Kind::grant, some_grant);
    const auto refusals = standing(Conclusion::Kind::refuse, some_refusal);
    const Truth value = both(some_grant, negate(some_refusal));
    out.allow = value == Truth::yes;
    undetermined_ = value == Truth::unknown;
    if (!undetermined_)
      for (auto r : out.allow ? grants : refusals) out.decided_by.push_back(policy_.rules[r].id.text);
    conflicts(refusals, grants, out);
  }

  // "The response carries `due` and `extended_due` from `respond within`." A deadline that
  // ends on a Saturday, a Sunday or a public holiday moves to the next working day;
  // "`extended_due` counts the first period plus the extension from the day of receipt".
  // "A request whose answer would be due after 2999-12-31 (`due`, or `extended_due` …) is not
  // decided: it is refused with an error naming `received`."
  // docs/language.md, "Answering a rights request": "A refused request … carries `refusal`";
  // "a granted erasure, rectification or restriction carries `notify_recipients`: every
  // recipient that receives a category of the purpose's data … none when the request asserts
  // `disproportionate_effort`"; "`extension_notice_by` … beside `extended_due`, the day `due`".
  void answer(Decision& out) {
    const bool refused = !out.allow && !undetermined_;
    if (refused) {
      const auto& controller = policy_.controllers.front();
      out.refusal = Refusal{};
      if (controller.authority) out.refusal->authority = controller.authority->value;
      if (controller.authority_address) out.refusal->authority_address = controller.authority_address->value;
    }
    if (out.allow && (right_ == "erasure" || right_ == "rectification" || right_ == "restriction")) {
      for (const auto& r : policy_.recipients) {
        bool holds_some = false;
        for (const auto& c : r.receives)
          for (const auto& d : purpose_->data) holds_some |= c.text == d.text;
        if (holds_some) out.notify_recipients.push_back(r.name.text);
      }
      if (asserted("disproportionate_effort")) out.notify_recipients.clear();
    }
    due_dates(out, refused);
    if (out.extended_due) out.extension_notice_by = out.due;
    if (refused) out.refusal->due = out.due;
  }

  void due_dates(Decision& out, bool refused) {
    if (!request_.received) return;
    const Date received = date_of(*request_.received, "received");
    std::optional<dates::HolidayCalendar> calendar;
    if (const auto& name = policy_.controllers.front().holidays)
      for (const auto& c : policy_.calendars)
        if (c.name.text == name->text) calendar.emplace(c);
    auto working = [&](std::optional<Date> end) -> std::optional<Date> {
      for (Date d = end.value_or(after_the_range); dates::in_range(d); d.days += 1)
        if (calendar ? calendar->is_working_day(d) : !dates::is_weekend(d)) return d;
      return std::nullopt;
    };
    auto beyond = [&](std::string_view what) {
      error_ = RequestError{"received", "the " + std::string(what) + " is due after 2999-12-31", {}};
    };
    // "A granted request is due on the earliest term of the grants that decide it, where they
    // have one: the day of receipt for `effective on receipt`, else `answer within`, moved off
    // days that are not working days; it is never extended."
    std::optional<Date> own;
    bool on_receipt = false;
    if (out.allow)
      for (const auto& id : out.decided_by)
        for (const auto& rule : policy_.rules) {
          if (rule.id.text != id || !rule.term) continue;
          const bool now = rule.term->kind == syntax::ResponseTerm::Kind::on_receipt;
          const auto due =
              now ? std::optional<Date>(received)
                  : working(dates::period_end(received, rule.term->within.count, rule.term->within.unit));
          if (!due) return beyond("answer");
          if (!own || *due < *own) own = due, on_receipt = now;
        }
    if (own) {
      out.due = dates::to_string(*own);
      if (on_receipt) out.effective = dates::to_string(received);
      return;
    }
    if (policy_.deadlines.empty()) return;
    const auto& deadline = policy_.deadlines.front();
    const auto& within = deadline.within;
    const auto due = working(dates::period_end(received, within.count, within.unit));
    if (!due) return beyond("answer");
    out.due = dates::to_string(*due);
    // "A refusal … is never extended (GDPR Art. 12(4))."
    if (!deadline.extension || refused) return;
    const auto& ext = *deadline.extension;
    // A total in one unit where the two periods are of one kind (days and weeks; months and
    // years), so that 1 month + 2 months is 3 months from receipt, not 1 month then 2 more.
    auto in_days = [](const syntax::Period& p) {
      return p.unit == syntax::PeriodUnit::day ? p.count : p.unit == syntax::PeriodUnit::week ? 7 * p.count : -1;
    };
    auto in_months = [](const syntax::Period& p) {
      return p.unit == syntax::PeriodUnit::month ? p.count : p.unit == syntax::PeriodUnit::year ? 12 * p.count : -1;
    };
    std::optional<Date> end;
    if (in_days(within) >= 0 && in_days(ext) >= 0)
      end = dates::period_end(received, in_days(within) + in_days(ext), syntax::PeriodUnit::day);
    else if (in_months(within) >= 0 && in_months(ext) >= 0)
      end = dates::period_end(received, in_months(within) + in_months(ext), syntax::PeriodUnit::month);
    else if (const auto first = dates::period_end(received, within.count, within.unit))
      end = dates::period_end(*first, ext.count, ext.unit);
    const auto extended = working(end);
    if (!extended) return beyond("extended answer");
    out.extended_due = dates::to_string(*extended);
  }

  const syntax::Policy& policy_;
  const Request& request_;
  bool rights_ = false;
  syntax::Action action_ = syntax::Action::collect;
  std::string right_;  // a rights request: the right, by name
  const syntax::Purpose* purpose_ = nullptr;
  Date at_{};
  std::vector<std::optional<Status>> status_;
  // Facts named unknown, in the order first named: a kind of fact and its purpose, date or fact.
  std::vector<std::pair<request::FactRef::Kind, std::string>> unknown_facts_;
  bool undetermined_ = false;            // the decision's value is unknown
  mutable std::string end_anchor_;       // the date of the retention term that fixes its end
  std::optional<RequestError> error_;    // a date the decision would report is out of range
};

template <class T>
std::vector<std::string> sorted(const std::vector<T>& items, std::string (*show)(const T&)) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(show(i));
  std::sort(out.begin(), out.end());
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

}  // namespace

Decision Evaluator::decide(const Request& request) const { return Deciding(policy_, request).run(); }

std::vector<std::string> differences(const Decision& engine, const Decision& reference) {
  std::vector<std::string> out;
  auto compare = [&](std::string_view what, const std::string& e, const std::string& r) {
    if (e != r) out.push_back(std::string(what) + ": engine " + e + ", reference " + r);
  };
  auto text = [](const std::string& s) { return s; };
  compare("decision", engine.allow ? "allow" : "deny", reference.allow ? "allow" : "deny");
  compare("decided_by", join(sorted<std::string>(engine.decided_by, +text)),
          join(sorted<std::string>(reference.decided_by, +text)));
  auto obligation = [](const Obligation& o) { return o.kind + " by " + o.by.value_or("-") + " (" + o.rule + ")"; };
  compare("obligations", join(sorted<Obligation>(engine.obligations, +obligation)),
          join(sorted<Obligation>(reference.obligations, +obligation)));
  compare("missing", join(sorted<std::string>(engine.missing, +text)), join(sorted<std::string>(reference.missing, +text)));
  compare("unknown", join(sorted<std::string>(engine.unknown, +text)), join(sorted<std::string>(reference.unknown, +text)));
  auto pair = [](const std::pair<std::string, std::string>& p) { return p.first + "/" + p.second; };
  compare("conflicts", join(sorted<std::pair<std::string, std::string>>(engine.conflicts, +pair)),
          join(sorted<std::pair<std::string, std::string>>(reference.conflicts, +pair)));
  compare("due", engine.due.value_or("-"), reference.due.value_or("-"));
  // A request either implementation refuses (a date out of range) must be refused by both,
  // for the same field; the messages are each implementation's own.
  auto refused = [](const Decision& d) { return d.error ? "refused (" + d.error->field + ")" : std::string("decided"); };
  compare("error", refused(engine), refused(reference));
  compare("extended_due", engine.extended_due.value_or("-"), reference.extended_due.value_or("-"));
  compare("extension_notice_by", engine.extension_notice_by.value_or("-"), reference.extension_notice_by.value_or("-"));
  compare("effective", engine.effective.value_or("-"), reference.effective.value_or("-"));
  auto refusal = [](const Decision& d) {
    if (!d.refusal) return std::string("-");
    return "by " + d.refusal->due.value_or("-") + ", complaint to " + d.refusal->authority.value_or("-") + " at " +
           d.refusal->authority_address.value_or("-") + (d.refusal->judicial_remedy ? ", judicial remedy" : "");
  };
  compare("refusal", refusal(engine), refusal(reference));
  compare("notify_recipients", join(engine.notify_recipients), join(reference.notify_recipients));
  return out;
}

}  // namespace gavel::reference
