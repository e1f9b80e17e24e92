// The request space of `gavel diff` (engine/diff/request_space.hpp).
#include "engine/diff/request_space.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "engine/dates/date.hpp"
#include "gavel/gavel.hpp"

namespace gavel::diff {
namespace {

constexpr dates::Date today = dates::from_ymd(2026, 6, 15);

std::string day(dates::Date d) { return dates::to_string(dates::clamp(d)); }

// Every name either policy declares, in the order first met.
struct Names {
  std::vector<std::string> purposes, categories, dates, recipients, groups, rights, asserted, recorded, countries;
  std::vector<syntax::Period> periods;
  std::vector<int> ages;
  std::vector<std::pair<std::string, std::vector<std::string>>> data;    // by purpose
  std::vector<std::pair<std::string, std::vector<syntax::Basis>>> bases;  // by purpose
  std::vector<std::pair<std::string, std::vector<std::string>>> members;  // by group

  static void add(std::vector<std::string>& to, const std::string& name) {
    if (std::find(to.begin(), to.end(), name) == to.end()) to.push_back(name);
  }
  void ages_in(const syntax::Condition& c) {
    if (c.kind == syntax::Condition::Kind::predicate &&
        (c.predicate == syntax::Predicate::age_under || c.predicate == syntax::Predicate::age_at_least))
      for (int a : {c.number - 1, c.number})
        if (std::find(ages.begin(), ages.end(), a) == ages.end()) ages.push_back(a);
    for (const auto& o : c.operands) ages_in(o);
  }
  void read(const syntax::Policy& p) {
    for (const auto& x : p.purposes) {
      add(purposes, x.name.text);
      std::vector<std::string> d;
      for (const auto& n : x.data) d.push_back(n.text);
      std::vector<syntax::Basis> b;
      for (const auto& r : x.bases) b.push_back(r.basis);
      data.emplace_back(x.name.text, d);
      bases.emplace_back(x.name.text, b);
      for (const auto& t : x.retention)
        if (t.kind == syntax::RetentionTerm::Kind::period_after) periods.push_back(t.period);
      if (x.archive_for) periods.push_back(*x.archive_for);
    }
    for (const auto& x : p.categories) add(categories, x.name.text);
    for (const auto& x : p.dates) add(dates, x.name.text);
    for (const auto& x : p.recipients) add(recipients, x.name.text);
    for (const auto& x : p.groups) {
      add(groups, x.name.text);
      std::vector<std::string> m;
      for (const auto& n : x.members) m.push_back(n.text);
      members.emplace_back(x.name.text, m);
    }
    for (const auto& x : p.rights) add(rights, x.name.text);
    for (const auto& x : p.facts)
      add(x.form == syntax::FactDecl::Form::recorded_for_person ? recorded : asserted, x.name.text);
    for (const auto& x : p.countries)
      for (std::size_t i = 0; i < x.members.size() && i < 2; ++i) add(countries, x.members[i].code);
    for (const auto& r : p.rules) {
      if (r.when) ages_in(*r.when);
      for (const auto& u : r.unless) ages_in(u);
    }
  }
};

template <class T>
const T* find_of(const std::vector<std::pair<std::string, T>>& v, const std::string& key) {
  for (const auto& [k, x] : v)
    if (k == key) return &x;
  return nullptr;
}

}  // namespace

std::vector<std::string> request_space(const syntax::Policy& old_policy, const syntax::Policy& new_policy) {
  Names n;
  n.read(new_policy);
  n.read(old_policy);
  for (const auto* c : {"US", "CN", "BR"}) Names::add(n.countries, c);
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto emit = [&](const Request& r) {
    std::string json = to_json(r);
    if (seen.insert(json).second) out.push_back(std::move(json));
  };

  for (const auto& purpose : n.purposes) {
    Request base;
    base.purpose = purpose;
    if (const auto* d = find_of(n.data, purpose)) base.data = *d;
    base.at = day(today);
    const auto* bases = find_of(n.bases, purpose);
    if (bases && std::find(bases->begin(), bases->end(), syntax::Basis::consent) != bases->end())
      base.consent[purpose] = {"2025-01-10", std::nullopt};
    for (const auto& d : n.dates) base.dates[d] = day(dates::add_period(today, -1, syntax::PeriodUnit::year));
    base.born = "1990-01-01";

    // One change to the baseline, for each action and each right asked.
    auto each_question = [&](const std::function<void(Request&)>& change) {
      for (const auto action : syntax::action_names) {
        Request r = base;
        r.action = std::string(action);
        change(r);
        emit(r);
      }
      std::vector<std::string> rights(syntax::right_names.begin(), syntax::right_names.end());
      rights.insert(rights.end(), n.rights.begin(), n.rights.end());
      for (const auto& right : rights) {
        Request r = base;
        r.action = "request";
        r.right = right;
        r.received = r.at;
        change(r);
        emit(r);
      }
    };
    each_question([](Request&) {});
    each_question([&](Request& r) { r.consent.erase(purpose); });
    each_question([&](Request& r) { r.consent[purpose] = {"2025-01-10", std::string("2026-01-10")}; });
    each_question([&](Request& r) { r.objections.push_back({purpose, "2026-01-10"}); });
    for (const auto& entry : n.members)  // not a structured binding: clang 14 cannot capture one
      if (std::find(entry.second.begin(), entry.second.end(), purpose) != entry.second.end())
        each_question([&](Request& r) { r.objections.push_back({entry.first, "2026-01-10"}); });
    each_question([](Request& r) { r.restriction = Restriction{"2026-01-10", std::nullopt}; });
    each_question([](Request& r) { r.unlawful = true; });
    // Each date on both sides of every period: a shorter or longer retention shows.
    for (const auto& d : n.dates)
      for (const auto& p : n.periods)
        for (int side : {-3, 3}) {
          const dates::Date start = dates::add_period(today, -p.count, p.unit);
          each_question([&](Request& r) { r.dates[d] = day(dates::Date{start.days + side}); });
        }
    for (const auto& recipient : n.recipients) each_question([&](Request& r) { r.recipient = recipient; });
    for (const auto& country : n.countries) each_question([&](Request& r) { r.country = country; });
    for (const auto fact : syntax::context_fact_names)
      each_question([&](Request& r) { r.context.push_back(std::string(fact)); });
    for (const auto& fact : n.asserted) each_question([&](Request& r) { r.context.push_back(fact); });
    for (const auto& fact : n.recorded) each_question([&](Request& r) { r.facts[fact] = "2025-01-10"; });
    for (int age : n.ages)
      each_question([&](Request& r) {
        r.born.reset();
        r.age = age;
      });
    for (const auto& c : base.data) each_question([&](Request& r) { r.data = {c}; });
    for (const auto& c : n.categories)
      if (std::find(base.data.begin(), base.data.end(), c) == base.data.end()) {
        each_question([&](Request& r) { r.data.push_back(c); });
        break;
      }
    if (bases && bases->size() > 1)
      for (auto b : *bases) each_question([&](Request& r) { r.bases[purpose] = std::string(syntax::name_of(b)); });
  }
  return out;
}

}  // namespace gavel::diff
