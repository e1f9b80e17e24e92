#include "engine/compile/compiler.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <stdexcept>

namespace gavel::compile {
namespace {

// The source text of a span, on one line, for quoting a condition back in a trace.
std::string quote(const Source& source, const Span& span) {
  std::string out;
  bool space = false;
  for (std::uint32_t i = span.begin; i < span.end && i < source.text.size(); ++i) {
    const char c = source.text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

class Compiler {
 public:
  explicit Compiler(const check::AcceptedPolicy& accepted)
      : p_(accepted.policy()), resolved_(accepted.resolutions()) {}

  CompiledPolicy run() {
    out_.source_name = p_.source.name;
    if (!p_.controllers.empty()) {
      const auto& controller = p_.controllers.front();
      out_.controller = controller.legal_name.value;
      if (controller.authority) out_.authority = controller.authority->value;
      if (controller.authority_address) out_.authority_address = controller.authority_address->value;
    }
    for (const auto& c : p_.categories) intern(out_.category_ids, out_.category_names, c.name.text);
    for (const auto& d : p_.dates) intern(out_.date_ids, out_.date_names, d.name.text);
    special_and_facts();
    countries();
    for (std::size_t i = 0; i < p_.purposes.size(); ++i) purpose(p_.purposes[i], resolved_.purposes[i]);
    for (const auto& p : out_.purposes) {
      intern(out_.objection_target_ids, out_.objection_target_names, p.name);
      out_.target_purposes.push_back({Id(out_.target_purposes.size())});
    }
    for (std::size_t g = 0; g < p_.groups.size(); ++g) {
      intern(out_.objection_target_ids, out_.objection_target_names, p_.groups[g].name.text);
      out_.target_purposes.push_back(resolved_.group_members[g]);
    }
    for (auto right : syntax::right_names) intern(out_.right_ids, out_.right_names, std::string(right));
    for (const auto& r : p_.rights) {
      intern(out_.right_ids, out_.right_names, r.name.text);
      out_.right_titles.push_back(r.description.value);
    }
    for (const auto& f : p_.frameworks) {
      Framework framework{f.name.text, f.title.value, {}};
      for (const auto& cite : f.cites) framework.cites.push_back(cite.value);
      out_.frameworks.push_back(std::move(framework));
    }
    for (std::size_t i = 0; i < p_.recipients.size(); ++i) recipient(p_.recipients[i], resolved_.recipients[i]);
    calendar();
    if (!p_.deadlines.empty()) {
      out_.response_within = p_.deadlines.front().within;
      out_.response_extension = p_.deadlines.front().extension;
    }
    const std::size_t n = out_.purposes.size();
    out_.processing_rules.resize(n * action_count);
    out_.rights_rules.resize(n * builtin_right_count);
    out_.purpose_rules.resize(n);
    for (std::size_t i = 0; i < p_.rules.size(); ++i) rule(p_.rules[i], resolved_.rules[i]);
    for (Id i = 0; i < out_.rules.size(); ++i)
      for (Id target : out_.rules[i].overrides) out_.rules[target].overridden_by.push_back(i);
    concerned();
    return std::move(out_);
  }

 private:
  // The rules each kind of request concerns, merged once here so that evaluating a request
  // neither merges nor sorts (each list is in policy order: rules are appended as met).
  void concerned() {
    const std::size_t n = out_.purposes.size();
    const std::size_t right_count = builtin_right_count;
    out_.concerned_begin.reserve(n * (action_count + right_count) + 1);
    std::size_t total = 0;
    for (const auto& l : out_.processing_rules) total += l.size();
    for (const auto& l : out_.rights_rules) total += l.size();
    for (const auto& [key, l] : out_.declared_rights_rules)
      total += l.size() + out_.purpose_rules[key / out_.right_count()].size();
    for (const auto& l : out_.purpose_rules) total += l.size() * (action_count + right_count);
    out_.concerned_ids.reserve(total);
    out_.concerned_begin.push_back(0);
    auto add = [&](const std::vector<Id>& rules, const std::vector<Id>& more) {
      const auto start = out_.concerned_ids.size();
      out_.concerned_ids.resize(start + rules.size() + more.size());
      const auto end = std::merge(rules.begin(), rules.end(), more.begin(), more.end(),
                                  out_.concerned_ids.begin() + std::ptrdiff_t(start));
      out_.concerned_ids.erase(std::unique(out_.concerned_ids.begin() + std::ptrdiff_t(start), end),
                               out_.concerned_ids.end());
      out_.concerned_begin.push_back(std::uint32_t(out_.concerned_ids.size()));
    };
    for (Id p = 0; p < n; ++p) {
      for (std::size_t a = 0; a < action_count; ++a) add(out_.processing_rules[p * action_count + a], out_.purpose_rules[p]);
      for (std::size_t r = 0; r < right_count; ++r) add(out_.rights_rules[p * right_count + r], out_.purpose_rules[p]);
    }
    for (const auto& [key, rules] : out_.declared_rights_rules) {
      const auto begin = std::uint32_t(out_.concerned_ids.size());
      add(rules, out_.purpose_rules[key / out_.right_count()]);
      out_.concerned_begin.pop_back();  // the range is kept by key, not in the dense slots
      out_.declared_concerned.emplace(key, std::pair(begin, std::uint32_t(out_.concerned_ids.size())));
    }
  }

  static Id intern(NameIndex& ids, std::vector<std::string>& names, const std::string& n) {
    auto [it, fresh] = ids.emplace(n, Id(names.size()));
    if (fresh) names.push_back(n);
    return it->second;
  }

  void special_and_facts() {
    out_.special_categories.resize(out_.category_names.size());
    for (Id c = 0; c < p_.categories.size(); ++c)
      if (p_.categories[c].special) out_.special_categories.insert(c);
    for (const auto& f : p_.facts) {
      out_.fact_ids.emplace(f.name.text, Id(out_.facts.size()));
      out_.facts.push_back({f.name.text, f.description.value, f.form == syntax::FactDecl::Form::recorded_for_person});
    }
  }

  void countries() {
    for (std::size_t l = 0; l < p_.countries.size(); ++l) {
      const auto& c = p_.countries[l];
      CountryList list{c.name.text, c.title.value, {}, false, {}};
      for (std::size_t m = 0; m < c.members.size(); ++m) {
        const auto& code = c.members[m];
        auto i = country_index(code.code);
        if (!i) continue;
        if (!code.valid.from && !code.valid.until) {
          list.members.set(*i);
          continue;
        }
        const check::Validity& valid = resolved_.country_dates[l][m];
        list.dated.push_back({*i, valid.from, valid.until});
        out_.dated_countries = true;
      }
      out_.country_lists.push_back(std::move(list));
    }
    if (resolved_.home_countries) {
      out_.home_countries = *resolved_.home_countries;
      const auto& home = out_.country_lists[out_.home_countries].members;
      for (auto& list : out_.country_lists) list.holds_home = (home & ~list.members).none();
    }
  }

  CategorySet categories(const std::vector<std::uint32_t>& resolved) {
    CategorySet set;
    set.resize(out_.category_names.size());
    for (Id c : resolved) set.insert(c);
    return set;
  }

  void purpose(const syntax::Purpose& p, const check::PurposeNames& names) {
    Purpose c;
    c.name = p.name.text;
    c.title = p.title.value;
    for (const auto& b : p.bases) {
      if (!c.has(b.basis)) c.basis_list.push_back(b.basis);
      c.bases |= std::uint8_t(1u << static_cast<int>(b.basis));
    }
    c.data = categories(names.data);
    for (std::size_t i = 0; i < p.retention.size(); ++i) {
      const auto& t = p.retention[i];
      RetentionTerm term{t.kind, t.period.count, t.period.unit, no_id, t.from, t.minimum};
      if (t.kind == syntax::RetentionTerm::Kind::period_after)
        term.anchor = t.anchor.text == syntax::birth_anchor ? birth_anchor : names.anchors[i];
      c.retention.push_back(term);
    }
    c.then = p.then.value_or(syntax::EndOfRetention::erase);
    c.archive_for = p.archive_for;
    c.automated = p.automated;
    c.one_per_person = p.one_per_person.has_value();
    for (std::size_t i = 0; i < p.special_under.size(); ++i)
      c.special_under.push_back(p.special_under[i].kind == syntax::SpecialCondition::Kind::explicit_consent
                                    ? SpecialCondition{true, no_id}
                                    : SpecialCondition{false, names.special_facts[i]});
    c.line = p.span.line;
    out_.purpose_ids.emplace(c.name, Id(out_.purposes.size()));
    out_.purposes.push_back(std::move(c));
  }

  void recipient(const syntax::Recipient& r, const check::RecipientNames& names) {
    out_.recipient_ids.emplace(r.name.text, Id(out_.recipients.size()));
    Recipient c{r.name.text, r.title.value, categories(names.receives), {}};
    for (std::size_t i = 0; i < r.certifications.size(); ++i)
      c.certifications.push_back({names.frameworks[i], names.certified[i].from, names.certified[i].until});
    out_.recipients.push_back(std::move(c));
  }

  void calendar() {
    if (resolved_.holidays) out_.holidays.emplace(p_.calendars[*resolved_.holidays]);
  }

  ConditionRef condition(const syntax::Condition& c) {
    using K = syntax::Condition::Kind;
    const auto index = ConditionRef(out_.conditions.size());
    out_.conditions.push_back({});
    ConditionNode node{};
    switch (c.kind) {
      case K::negation: node.op = Op::negation; break;
      case K::conjunction: node.op = Op::conjunction; break;
      case K::disjunction: node.op = Op::disjunction; break;
      case K::predicate: node = predicate(c); break;
    }
    if (c.kind != K::predicate) {
      // Children are laid out contiguously after reserving their slots.
      node.first_child = std::uint32_t(out_.conditions.size());
      node.child_count = std::uint32_t(c.operands.size());
      out_.conditions.resize(out_.conditions.size() + c.operands.size());
      for (std::size_t i = 0; i < c.operands.size(); ++i) {
        const ConditionRef child = condition(c.operands[i]);
        out_.conditions[node.first_child + i] = out_.conditions[child];
      }
    }
    out_.conditions[index] = node;
    return index;
  }

  // The next named argument of the rule's conditions: they are compiled in the order the
  // checker resolved them (`when`, then each `unless`, depth first, left to right).
  Id argument() { return (*arguments_)[next_argument_++].index; }
  // A purpose or a group, as an objection target: the purposes, then the groups.
  Id target() {
    const check::Resolved& r = (*arguments_)[next_argument_++];
    return r.kind == check::Kind::group ? Id(out_.purposes.size()) + r.index : r.index;
  }

  ConditionNode predicate(const syntax::Condition& c) {
    using P = syntax::Predicate;
    switch (c.predicate) {
      case P::consent_given: return {Op::consent_given};
      case P::consent_withdrawn: return {Op::consent_withdrawn};
      case P::objected_to_purpose: return {Op::objected_to_purpose};
      case P::objected_to: return {Op::objected_to, target()};
      case P::restricted: return {Op::restricted};
      case P::unlawful: return {Op::unlawful};
      case P::retention_over: return {Op::retention_over};
      case P::archive_period_over: return {Op::archive_period_over};
      case P::data_outside_purpose: return {Op::data_outside_purpose};
      case P::data_includes: return {Op::data_includes, argument()};
      case P::recipient_is: return {Op::recipient_is, argument()};
      case P::recipient_may_not_receive: return {Op::recipient_may_not_receive};
      case P::country_in: return {Op::country_in, argument()};
      case P::country_outside: return {Op::country_outside, argument()};
      case P::basis_is: return {Op::basis_is, Id(c.basis.basis)};
      case P::automated: return {Op::automated};
      case P::context: return {Op::context, Id(c.fact)};
      case P::purpose_is: return {Op::purpose_is, target()};
      case P::recipient_certified: return {Op::recipient_certified, argument()};
      case P::declared_fact: return {Op::declared_fact, argument()};
      case P::age_under: return {Op::age_under, Id(c.number)};
      case P::age_at_least: return {Op::age_at_least, Id(c.number)};
      case P::basis_of_record_is: return {Op::basis_of_record_is, Id(c.basis.basis)};
    }
    throw std::logic_error("compile: unknown predicate");
  }

  // The purposes a rule's `for` names, as the checker resolved them.
  std::vector<Id> purposes_of(const check::RuleNames& names) const {
    if (!names.every_purpose) return names.purposes;
    std::vector<Id> ids(out_.purposes.size());
    for (Id p = 0; p < ids.size(); ++p) ids[p] = p;
    return ids;
  }

  static std::vector<Action> actions_of(const syntax::ActionSet& set) {
    std::vector<Action> actions;
    if (!set.any) {
      for (const auto& a : set.listed) actions.push_back(a.action);
      return actions;
    }
    for (std::size_t i = 0; i < action_count; ++i) {
      const auto a = static_cast<Action>(i);
      bool excluded = false;
      for (const auto& e : set.except) excluded |= e.action == a;
      if (!excluded) actions.push_back(a);
    }
    return actions;
  }

  void rule(const syntax::Rule& r, const check::RuleNames& names) {
    using K = syntax::Conclusion::Kind;
    const Id id = Id(out_.rules.size());
    Rule c;
    c.id = r.id.text;
    c.title = r.title.value;
    for (const auto& cite : r.cites) c.cites.push_back(cite.value);
    if (r.says) c.says = r.says->value;
    c.term = r.term;
    if (r.conclusion.purposes.kind == syntax::PurposeSet::Kind::based_on)
      for (const auto& b : r.conclusion.purposes.bases) c.scope_bases.push_back(b.basis);
    c.source = fmt::format("{}:{}", p_.source.name, r.span.line);
    c.conclusion = static_cast<Conclusion>(r.conclusion.kind);
    c.basis = r.conclusion.basis.basis;
    c.right = static_cast<Right>(names.right);
    arguments_ = &names.arguments;
    next_argument_ = 0;
    if (r.when) {
      c.when = condition(*r.when);
      c.when_text = quote(p_.source, r.when->span);
    }
    for (const auto& u : r.unless) {
      c.unless.push_back(condition(u));
      c.unless_text.push_back(quote(p_.source, u.span));
    }
    c.overrides = names.overrides;
    const auto purposes = purposes_of(names);
    switch (r.conclusion.kind) {
      case K::deny:
      case K::allow:
        for (Id p : purposes)
          for (Action a : actions_of(r.conclusion.actions))
            out_.processing_rules[p * action_count + static_cast<std::size_t>(a)].push_back(id);
        break;
      case K::grant:
      case K::refuse:
        for (Id p : purposes) {
          if (static_cast<std::size_t>(c.right) < builtin_right_count)
            out_.rights_rules[p * builtin_right_count + static_cast<std::size_t>(c.right)].push_back(id);
          else
            out_.declared_rights_rules[out_.declared_key(p, c.right)].push_back(id);
        }
        break;
      case K::defeat_basis:
      case K::oblige_erase:
      case K::oblige_archive:
      case K::oblige_end_of_retention:
      case K::oblige_end_of_archive:
        for (Id p : purposes) out_.purpose_rules[p].push_back(id);
        break;
    }
    out_.rules.push_back(std::move(c));
  }

  const syntax::Policy& p_;
  const check::Resolutions& resolved_;
  const std::vector<check::Resolved>* arguments_ = nullptr;  // of the rule being compiled
  std::size_t next_argument_ = 0;
  CompiledPolicy out_;
};

}  // namespace

CompiledPolicy compile(const check::AcceptedPolicy& accepted) { return Compiler(accepted).run(); }

}  // namespace gavel::compile
