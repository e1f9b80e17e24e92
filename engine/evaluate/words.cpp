#include "engine/evaluate/words.hpp"

#include <fmt/format.h>

namespace gavel::evaluate {

std::string words_of(std::string_view identifier) {
  std::string out(identifier);
  for (auto& c : out)
    if (c == '_') c = ' ';
  return out;
}

std::string quoted(std::string_view words) { return fmt::format("“{}”", words); }

std::string purpose_words(const compile::CompiledPolicy& policy, compile::Id purpose) {
  return "the purpose " + quoted(words_of(policy.purposes[purpose].name));
}

std::string target_words(const compile::CompiledPolicy& policy, compile::Id target) {
  if (target < policy.purposes.size()) return purpose_words(policy, target);
  return "the group " + quoted(words_of(policy.objection_target_names[target]));
}

std::string category_words(const compile::CompiledPolicy& policy, compile::Id category) {
  return quoted(words_of(policy.category_names[category]));
}

std::string recipient_words(const compile::CompiledPolicy& policy, compile::Id recipient) {
  const auto& r = policy.recipients[recipient];
  return r.title.empty() ? quoted(words_of(r.name)) : r.title;
}

std::string list_words(const compile::CompiledPolicy& policy, compile::Id list) {
  const auto& l = policy.country_lists[list];
  // A title's lead ("The European Economic Area: the 27 EU member states, …") names the list.
  const std::string_view title = l.title;
  const auto lead = title.substr(0, title.find(':'));
  return quoted(lead.empty() ? words_of(l.name) : std::string(lead));
}

std::string right_words(const compile::CompiledPolicy& policy, compile::Right right) {
  static constexpr std::string_view builtin[] = {
      "the right of access",        "the right to rectification",    "the right to erasure",
      "the right to restriction of processing", "the right to data portability", "the right to object",
      "the right to withdraw consent", "the right to give instructions for the data after death"};
  static_assert(std::size(builtin) == compile::builtin_right_count);
  const auto r = static_cast<std::size_t>(right);
  if (r < compile::builtin_right_count) return std::string(builtin[r]);
  const auto declared = r - compile::builtin_right_count;
  if (declared < policy.right_titles.size() && !policy.right_titles[declared].empty())
    return "the right " + quoted(policy.right_titles[declared]);
  return "the right " + quoted(words_of(policy.right_name(right)));
}

std::string basis_words(compile::Basis basis) {
  static constexpr std::string_view words[] = {"consent",
                                               "the performance of a contract",
                                               "compliance with a legal obligation",
                                               "the vital interests of a person",
                                               "a task carried out in the public interest",
                                               "legitimate interest"};
  return std::string(words[static_cast<std::size_t>(basis)]);
}

std::string context_clause(syntax::ContextFact fact, bool asserted) {
  using F = syntax::ContextFact;
  std::string_view what;
  switch (fact) {
    case F::legal_claims: what = "the data is needed to establish, exercise or defend legal claims"; break;
    case F::legal_obligation: what = "a legal obligation requires the processing"; break;
    case F::compelling_grounds:
      what = "it has compelling legitimate grounds that override the person's interests, rights and freedoms";
      break;
    case F::protect_rights_of_others: what = "the processing protects the rights of another person"; break;
    case F::public_interest: what = "the processing serves an important public interest"; break;
    case F::standard_contractual_clauses: what = "standard contractual clauses cover the transfer"; break;
    case F::contract: what = "the processing is necessary for a contract with the person"; break;
    case F::vital_interests: what = "the processing protects the vital interests of a person"; break;
    case F::public_task: what = "the processing is necessary for a task carried out in the public interest"; break;
    case F::disproportionate_effort:
      what = "telling the recipients is impossible or involves disproportionate effort";
      break;
  }
  return fmt::format("the controller {} that {}", asserted ? "asserts" : "does not assert", what);
}

std::string and_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = char(text[0] - 'a' + 'A');
  return text;
}

}  // namespace gavel::evaluate
