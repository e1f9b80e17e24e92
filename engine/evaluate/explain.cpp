// The "because" of a trace step: the facts that gave a condition its value, in words a
// lawyer can read. Only used when a trace is asked for.
#include <fmt/format.h>

#include "engine/evaluate/evaluator.hpp"

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

std::string Evaluator::describe(const ConditionNode& n, Truth truth_value) const {
  const bool value = is_yes(truth_value);
  const auto& f = *facts_;
  const auto& purpose = purpose_->name;
  switch (n.op) {
    case Op::consent_given:
    case Op::consent_withdrawn: {
      const auto* c = f.consent_for(f.purpose);
      if (!c) return fmt::format("no consent record for `{}` is given, so it is not known", purpose);
      if (c->never_given) return fmt::format("the person never consented for `{}`", purpose);
      if (c->withdrawn && *c->withdrawn <= f.at)
        return fmt::format("consent for `{}` given on {} was withdrawn on {}", purpose, day(c->given), day(*c->withdrawn));
      if (f.at < c->given) return fmt::format("consent for `{}` was only given on {}", purpose, day(c->given));
      return fmt::format("consent for `{}` given on {} and not withdrawn by {}", purpose, day(c->given), day(f.at));
    }
    case Op::objected_to_purpose:
    case Op::objected_to: {
      const Id target = n.op == Op::objected_to ? n.arg : f.purpose;
      const auto& name = policy_.objection_target_names[target];
      for (const auto& o : f.objections)
        if (o.target == target && o.at <= f.at) return fmt::format("objection to `{}` on {}", name, day(o.at));
      return fmt::format("no objection to `{}` by {}", name, day(f.at));
    }
    case Op::restricted:
      if (!f.restriction) return "no restriction of processing";
      if (value)
        return f.restriction->until ? fmt::format("processing restricted from {} to {}", day(f.restriction->since),
                                                  day(*f.restriction->until))
                                    : fmt::format("processing restricted since {}", day(f.restriction->since));
      return fmt::format("no restriction in force on {}", day(f.at));
    case Op::unlawful:
      return value ? "the data was found to be processed unlawfully" : "the data was not found to be processed unlawfully";
    case Op::retention_over:
    case Op::archive_period_over: {
      const auto& r = retention();
      if (is_unknown(truth_value)) {
        std::string unknown;
        for (const auto& term : purpose_->retention)
          if (!term_end(term).known)
            unknown += (unknown.empty() ? "" : ", ") +
                       (term.kind == syntax::RetentionTerm::Kind::period_after
                            ? (term.anchor == compile::birth_anchor
                                   ? std::string(f.age ? "only the age is given, not the date of birth (`subject.born`)"
                                                       : "no date of birth (`subject.born`) is given")
                                   : fmt::format("no `{}` date is given", policy_.date_names[term.anchor]))
                            : fmt::format("no consent record for `{}` is given", purpose));
        return fmt::format("{}, so it is not known whether the {} for `{}` is over", unknown,
                           n.op == Op::retention_over ? "retention period" : "archive period", purpose);
      }
      if (n.op == Op::archive_period_over) {
        if (!purpose_->archive_for) return fmt::format("`{}` has no archive period", purpose);
        if (!is_yes(r.over)) return fmt::format("the retention period for `{}` is not over", purpose);
        return fmt::format("the archive period for `{}` after retention ended on {} {}", purpose,
                           r.end ? day(*r.end) : std::string("?"), value ? "is over" : "is not over");
      }
      if (purpose_->retention.empty()) return fmt::format("`{}` has no retention limit", purpose);
      if (!r.end) {
        if (value) return fmt::format("the retention period for `{}` is over", purpose);
        return fmt::format("the retention period for `{}` has not started or has no end yet", purpose);
      }
      const auto* consent = f.consent_for(f.purpose);
      const bool by_withdrawal = consent && consent->withdrawn && consent->withdrawn->days - 1 == r.end->days;
      if (value && by_withdrawal)
        return fmt::format("the retention period for `{}` ended with the withdrawal of consent on {}", purpose,
                           day(*consent->withdrawn));
      if (!dates::in_range(*r.end))  // ends after the range: no day to name
        return fmt::format("the retention period for `{}` runs past {}, the last day gavel supports", purpose,
                           day(dates::max_date));
      return value ? fmt::format("the retention period for `{}` ended on {}", purpose, day(*r.end))
                   : fmt::format("the retention period for `{}` runs until {}", purpose, day(*r.end));
    }
    case Op::data_outside_purpose: {
      const Id extra = f.data.first_outside(purpose_->data);
      return extra == compile::no_id
                 ? fmt::format("all the data is within what `{}` may process", purpose)
                 : fmt::format("`{}` is not among the data of `{}`", policy_.category_names[extra], purpose);
    }
    case Op::data_includes:
      return fmt::format("the data {} `{}`", value ? "includes" : "does not include", policy_.category_names[n.arg]);
    case Op::recipient_is:
      if (f.recipient == compile::no_id) return "no recipient: the controller's own staff";
      return fmt::format("the recipient is `{}`", policy_.recipients[f.recipient].name);
    case Op::recipient_may_not_receive: {
      if (f.recipient == compile::no_id) return "no recipient: the controller's own staff";
      const auto& r = policy_.recipients[f.recipient];
      const Id extra = f.data.first_outside(r.receives);
      return extra == compile::no_id ? fmt::format("`{}` may receive all the data", r.name)
                                     : fmt::format("`{}` may not receive `{}`", r.name, policy_.category_names[extra]);
    }
    case Op::country_in:
    case Op::country_outside: {
      const auto& list = policy_.country_lists[n.arg];
      const bool in = n.op == Op::country_in ? value : !value;
      if (!f.country)
        return fmt::format("no destination country: the data stays {} `{}`", in ? "within" : "outside", list.name);
      const char code[3] = {char('A' + *f.country / 26), char('A' + *f.country % 26), 0};
      // A list with dated members decides by the day: say which.
      if (!list.dated.empty()) return fmt::format("`{}` is {} `{}` on {}", code, in ? "in" : "not in", list.name, day(f.at));
      return fmt::format("`{}` is {} `{}`", code, in ? "in" : "not in", list.name);
    }
    case Op::purpose_is:
      if (n.arg == f.purpose) return fmt::format("the purpose is `{}`", purpose);
      if (n.arg < policy_.purposes.size()) return fmt::format("the purpose is `{}`, not `{}`", purpose, policy_.purposes[n.arg].name);
      return fmt::format("`{}` is {} group `{}`", purpose, value ? "in" : "not in", policy_.objection_target_names[n.arg]);
    case Op::recipient_certified: {
      if (f.recipient == compile::no_id) return "no recipient: the controller's own staff";
      return fmt::format("`{}` is {} under `{}` on {}", policy_.recipients[f.recipient].name,
                         value ? "certified" : "not certified", policy_.frameworks[n.arg].name, day(f.at));
    }
    case Op::basis_is:
      return fmt::format("`{}` {} based on {}", purpose, value ? "is" : "is not",
                         syntax::name_of(static_cast<compile::Basis>(n.arg)));
    case Op::automated:
      return fmt::format("`{}` {} processed by automated means", purpose, value ? "is" : "is not");
    case Op::context:
      return fmt::format("`{}` {}", syntax::name_of(static_cast<syntax::ContextFact>(n.arg)),
                         value ? "is asserted" : "is not asserted");
    case Op::declared_fact: {
      const auto& fact = policy_.facts[n.arg];
      if (!fact.recorded) return fmt::format("`{}` {}", fact.name, value ? "is asserted" : "is not asserted");
      const auto* record = f.recorded(n.arg);
      if (!record) return fmt::format("`{}` is not known", fact.name);
      if (!record->since) return fmt::format("`{}` does not hold", fact.name);
      return fmt::format("`{}` holds since {}", fact.name, dates::to_string(*record->since));
    }
    case Op::age_under:
    case Op::age_at_least: {
      const auto age = f.age_at_at();
      if (!age) return "the person's age is not known";
      return fmt::format("the person is {} years old", *age);
    }
    case Op::basis_of_record_is: {
      const auto* record = f.basis_of_record(f.purpose);
      if (!record) return fmt::format("the basis of record of `{}` is not known", purpose);
      return fmt::format("the person's processing for `{}` rests on {}", purpose, syntax::name_of(record->basis));
    }
    default: return {};
  }
}

}  // namespace gavel::evaluate
