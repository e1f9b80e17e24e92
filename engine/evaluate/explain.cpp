// The "because" of a trace step: the facts that gave a condition its value, in words a
// lawyer can read. Only used when a trace is asked for.
#include <fmt/format.h>

#include "engine/evaluate/evaluator.hpp"
#include "engine/evaluate/words.hpp"

namespace gavel::evaluate {

using compile::ConditionNode;
using compile::Op;

namespace {
std::string day(Date d) { return dates::to_string(d); }
}  // namespace

// Why `node` has `value`: for a conjunction that holds, every part; for one that fails, the
// first failing part; a disjunction the other way round; a negation, its operand's reason.
void Evaluator::explain(compile::ConditionRef index, Truth value, std::vector<std::string>& out) const {
  const ConditionNode& n = policy_.conditions[index];
  switch (n.op) {
    case Op::negation: explain(n.first_child, kleene_not(value), out); return;
    case Op::conjunction:
    case Op::disjunction: {
      // The value every operand shares (a conjunction that holds, a disjunction that fails), or
      // the one operand that decides it.
      const bool all = value == (n.op == Op::conjunction ? Truth::yes : Truth::no);
      for (std::uint32_t i = 0; i < n.child_count; ++i) {
        const Truth v = holds(n.first_child + i);
        if (all || v == value) explain(n.first_child + i, v, out);
        if (!all && v == value) return;
      }
      return;
    }
    default: out.push_back(describe(n, value)); return;
  }
}

// Each reason is a clause with its verb, in words ("the person consented to the purpose
// “newsletter” on 2024-01-10"), for the explanation to join into sentences.
std::string Evaluator::describe(const ConditionNode& n, Truth truth_value) const {
  const bool value = is_yes(truth_value);
  const auto& f = *facts_;
  const auto purpose = purpose_words(policy_, f.purpose);
  switch (n.op) {
    case Op::consent_given:
    case Op::consent_withdrawn: {
      const auto* c = f.consent_for(f.purpose);
      if (!c) return fmt::format("the request gives no consent record for {}, so it is not known whether the person consented", purpose);
      if (c->never_given) return fmt::format("the person never consented to {}", purpose);
      if (c->withdrawn && *c->withdrawn <= f.at)
        return fmt::format("the person consented to {} on {} and withdrew that consent on {}", purpose, day(c->given),
                           day(*c->withdrawn));
      if (f.at < c->given) return fmt::format("the person consented to {} only on {}, after {}", purpose, day(c->given), day(f.at));
      return fmt::format("the person consented to {} on {} and had not withdrawn that consent by {}", purpose,
                         day(c->given), day(f.at));
    }
    case Op::objected_to_purpose:
    case Op::objected_to: {
      const Id target = n.op == Op::objected_to ? n.arg : f.purpose;
      const auto name = target_words(policy_, target);
      for (const auto& o : f.objections)
        if (o.target == target && o.at <= f.at) return fmt::format("the person objected to {} on {}", name, day(o.at));
      return fmt::format("the person had not objected to {} by {}", name, day(f.at));
    }
    case Op::restricted:
      if (!f.restriction) return "the processing is not restricted";
      if (value)
        return f.restriction->until ? fmt::format("the processing is restricted from {} to {}", day(f.restriction->since),
                                                  day(*f.restriction->until))
                                    : fmt::format("the processing has been restricted since {}", day(f.restriction->since));
      return fmt::format("no restriction of the processing is in force on {}", day(f.at));
    case Op::unlawful:
      return value ? "the data was found to be processed unlawfully" : "the data was not found to be processed unlawfully";
    case Op::retention_over:
    case Op::archive_period_over: {
      const auto& r = retention();
      if (is_unknown(truth_value)) {
        std::vector<std::string> unknown;
        for (const auto& term : purpose_->retention)
          if (!term_end(term).known)
            unknown.push_back(term.kind == syntax::RetentionTerm::Kind::period_after
                                  ? (term.anchor == compile::birth_anchor
                                         ? std::string(f.age ? "the request gives only the person's age, not the date of birth"
                                                             : "the request gives no date of birth")
                                         : fmt::format("the request gives no date of {}", date_words(term.anchor)))
                                  : fmt::format("the request gives no consent record for {}", purpose));
        return fmt::format("{}, so it is not known whether the {} for {} is over", and_list(unknown),
                           n.op == Op::retention_over ? "retention period" : "archive period", purpose);
      }
      if (n.op == Op::archive_period_over) {
        if (!purpose_->archive_for) return fmt::format("{} has no archive period", purpose);
        if (!is_yes(r.over)) return fmt::format("the retention period for {} is not over", purpose);
        // The archive's own last day, counted as the evaluator counts it: the retention's last
        // day is not restated, since a withdrawal already names the day retention ended.
        const auto archive_end =
            r.end ? dates::period_end(*r.end, purpose_->archive_for->count, purpose_->archive_for->unit) : std::nullopt;
        if (!archive_end) return fmt::format("the archive period for {} {}", purpose, value ? "is over" : "is not over");
        return value ? fmt::format("the archive period for {} ended on {}", purpose, day(*archive_end))
                     : fmt::format("the archive period for {}, which follows its retention, runs until {}", purpose,
                                   day(*archive_end));
      }
      if (purpose_->retention.empty()) return fmt::format("{} has no retention limit", purpose);
      if (!r.end) {
        if (value) return fmt::format("the retention period for {} is over", purpose);
        return fmt::format("the retention period for {} has not started or has no end yet", purpose);
      }
      const auto* consent = f.consent_for(f.purpose);
      const bool by_withdrawal = consent && consent->withdrawn && consent->withdrawn->days - 1 == r.end->days;
      if (value && by_withdrawal)
        return fmt::format("the retention period for {} ended with the withdrawal of consent on {}", purpose,
                           day(*consent->withdrawn));
      if (!dates::in_range(*r.end))  // ends after the range: no day to name
        return fmt::format("the retention period for {} runs past {}, the last day gavel supports", purpose,
                           day(dates::max_date));
      return value ? fmt::format("the retention period for {} ended on {}", purpose, day(*r.end))
                   : fmt::format("the retention period for {} runs until {}", purpose, day(*r.end));
    }
    case Op::data_outside_purpose: {
      const Id extra = f.data.first_outside(purpose_->data);
      return extra == compile::no_id
                 ? fmt::format("all the data is within what {} may process", purpose)
                 : fmt::format("the data {} is not among the data of {}", category_words(policy_, extra), purpose);
    }
    case Op::data_includes:
      return fmt::format("the data {} {}", value ? "includes" : "does not include", category_words(policy_, n.arg));
    case Op::recipient_is:
      if (f.recipient == compile::no_id) return "the data goes to no recipient, only to the controller's own staff";
      return fmt::format("the recipient is {}", recipient_words(policy_, f.recipient));
    case Op::recipient_may_not_receive: {
      if (f.recipient == compile::no_id) return "the data goes to no recipient, only to the controller's own staff";
      const auto& r = policy_.recipients[f.recipient];
      const Id extra = f.data.first_outside(r.receives);
      return extra == compile::no_id
                 ? fmt::format("{} may receive all the data", recipient_words(policy_, f.recipient))
                 : fmt::format("{} may not receive the data {}", recipient_words(policy_, f.recipient),
                               category_words(policy_, extra));
    }
    case Op::country_in:
    case Op::country_outside: {
      const auto& list = policy_.country_lists[n.arg];
      const bool in = n.op == Op::country_in ? value : !value;
      const auto name = list_words(policy_, n.arg);
      if (!f.country)
        return fmt::format("the data stays where the controller is established, {} {}", in ? "within" : "outside", name);
      const char code[3] = {char('A' + *f.country / 26), char('A' + *f.country % 26), 0};
      // A list with dated members decides by the day: say which.
      if (!list.dated.empty())
        return fmt::format("the destination {} is {} {} on {}", code, in ? "in" : "not in", name, day(f.at));
      return fmt::format("the destination {} is {} {}", code, in ? "in" : "not in", name);
    }
    case Op::purpose_is:
      if (n.arg == f.purpose) return fmt::format("the purpose is {}", quoted(words_of(purpose_->name)));
      if (n.arg < policy_.purposes.size())
        return fmt::format("the purpose is {}, not {}", quoted(words_of(purpose_->name)),
                           quoted(words_of(policy_.purposes[n.arg].name)));
      return fmt::format("{} {} {}", purpose, value ? "belongs to" : "does not belong to",
                         target_words(policy_, n.arg));
    case Op::recipient_certified: {
      if (f.recipient == compile::no_id) return "the data goes to no recipient, only to the controller's own staff";
      return fmt::format("{} is {} under {} on {}", recipient_words(policy_, f.recipient),
                         value ? "certified" : "not certified", quoted(policy_.frameworks[n.arg].title.empty()
                                                                           ? words_of(policy_.frameworks[n.arg].name)
                                                                           : policy_.frameworks[n.arg].title),
                         day(f.at));
    }
    case Op::basis_is:
      return fmt::format("{} {} on {}", purpose, value ? "rests" : "does not rest",
                         basis_words(static_cast<compile::Basis>(n.arg)));
    case Op::automated:
      return fmt::format("{} {} processed by automated means", purpose, value ? "is" : "is not");
    case Op::context: return context_clause(static_cast<syntax::ContextFact>(n.arg), value);
    case Op::declared_fact: {
      const auto& fact = policy_.facts[n.arg];
      const auto name = quoted(words_of(fact.name));
      if (!fact.recorded) return fmt::format("the controller {} {}", value ? "asserts" : "does not assert", name);
      const auto* record = f.recorded(n.arg);
      if (!record) return fmt::format("the request does not say whether {} holds for the person", name);
      if (!record->since) return fmt::format("{} does not hold for the person", name);
      return fmt::format("{} holds for the person since {}", name, dates::to_string(*record->since));
    }
    case Op::age_under:
    case Op::age_at_least: {
      const auto age = f.age_at_at();
      if (!age) return "the person's age is not known";
      return fmt::format("the person is {} years old", *age);
    }
    case Op::basis_of_record_is: {
      const auto* record = f.basis_of_record(f.purpose);
      if (!record) return fmt::format("the request does not say which basis the person's processing for {} rests on", purpose);
      return fmt::format("the person's processing for {} rests on {}", purpose, basis_words(record->basis));
    }
    default: return {};
  }
}

std::string Evaluator::date_words(Id date) const { return quoted(words_of(policy_.date_names[date])); }

}  // namespace gavel::evaluate
