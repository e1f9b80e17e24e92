// gavel::vocabulary: every name a compiled policy declares, for completion and for the
// playground's commands and why-not search.
#include <algorithm>

#include "engine/api/internal.hpp"
#include "gavel/gavel.hpp"

namespace gavel {

namespace {

std::vector<std::string> categories_of(const compile::CompiledPolicy& p, const compile::CategorySet& set) {
  std::vector<std::string> out;
  set.for_each([&](compile::Id c) { out.push_back(p.category_names[c]); });
  return out;
}

template <std::size_t N>
std::vector<std::string> words(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

std::string conclusion_name(const compile::CompiledPolicy& p, const compile::Rule& r) {
  using C = compile::Conclusion;
  switch (r.conclusion) {
    case C::deny: return "deny";
    case C::allow: return "allow";
    case C::defeat_basis: return "defeat basis " + std::string(syntax::name_of(r.basis));
    case C::grant: return "grant " + std::string(p.right_name(r.right));
    case C::refuse: return "refuse " + std::string(p.right_name(r.right));
    case C::oblige_erase: return "oblige erase";
    case C::oblige_archive: return "oblige archive";
    case C::oblige_end_of_retention: return "oblige end of retention";
    case C::oblige_end_of_archive: return "oblige end of archive";
  }
  return {};
}

}  // namespace

const Vocabulary::Purpose* Vocabulary::purpose(std::string_view name) const {
  auto it = std::find_if(purposes.begin(), purposes.end(), [&](const Purpose& p) { return p.name == name; });
  return it == purposes.end() ? nullptr : &*it;
}

const Vocabulary::Recipient* Vocabulary::recipient(std::string_view name) const {
  auto it = std::find_if(recipients.begin(), recipients.end(), [&](const Recipient& r) { return r.name == name; });
  return it == recipients.end() ? nullptr : &*it;
}

Vocabulary vocabulary(const Policy& policy) {
  const auto& p = api::compiled_of(policy);
  Vocabulary v;
  for (const auto& purpose : p.purposes) {
    Vocabulary::Purpose out{purpose.name, {}, categories_of(p, purpose.data)};
    for (auto b : purpose.basis_list) out.bases.emplace_back(syntax::name_of(b));
    out.one_per_person = purpose.one_per_person;
    out.explicit_consent = std::any_of(purpose.special_under.begin(), purpose.special_under.end(),
                                       [](const compile::SpecialCondition& c) { return c.explicit_consent; });
    v.purposes.push_back(std::move(out));
  }
  v.categories = p.category_names;
  v.dates = p.date_names;
  v.groups.assign(p.objection_target_names.begin() + std::ptrdiff_t(p.purposes.size()), p.objection_target_names.end());
  for (const auto& r : p.recipients) v.recipients.push_back({r.name, categories_of(p, r.receives)});
  for (const auto& list : p.country_lists) {
    Vocabulary::CountryList out{list.name, {}};
    for (std::size_t i = 0; i < compile::country_slots; ++i)
      if (list.members[i]) out.members.push_back({char('A' + i / 26), char('A' + i % 26)});
    for (const auto& d : list.dated) out.members.push_back({char('A' + d.country / 26), char('A' + d.country % 26)});
    v.country_lists.push_back(std::move(out));
  }
  if (p.home_countries != compile::no_id) v.home = p.country_lists[p.home_countries].name;
  for (const auto& r : p.rules) {
    Vocabulary::Rule rule{r.id, r.title, r.unless_text, std::string(conclusion_name(p, r)), r.cites, r.says, r.when_text,
                          {}, r.source};
    for (auto o : r.overrides) rule.overrides.push_back(p.rules[o].id);
    v.rules.push_back(std::move(rule));
  }
  v.actions = words(syntax::action_names);
  v.actions.emplace_back("request");
  v.rights = p.right_names;
  v.bases = words(syntax::basis_names);
  v.context_facts = words(syntax::context_fact_names);
  for (const auto& f : p.facts) (f.recorded ? v.recorded_facts : v.asserted_facts).push_back(f.name);
  return v;
}

}  // namespace gavel
