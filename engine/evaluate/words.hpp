// Words for what a policy declares, for explanations a reader follows without knowing the
// rule file: "the purpose “contact requests”", "the right to withdraw consent", "Salesforce".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/compile/compiled_policy.hpp"

namespace gavel::evaluate {

// An identifier as words: `contact_requests` → contact requests.
std::string words_of(std::string_view identifier);
// “…” around words.
std::string quoted(std::string_view words);

std::string purpose_words(const compile::CompiledPolicy& policy, compile::Id purpose);  // the purpose “newsletter”
// An objection target: a purpose, or the group “direct marketing”.
std::string target_words(const compile::CompiledPolicy& policy, compile::Id target);
std::string category_words(const compile::CompiledPolicy& policy, compile::Id category);    // “contact details”
std::string recipient_words(const compile::CompiledPolicy& policy, compile::Id recipient);  // Salesforce
std::string list_words(const compile::CompiledPolicy& policy, compile::Id list);            // “The European Economic Area”
std::string right_words(const compile::CompiledPolicy& policy, compile::Right right);       // the right to erasure
std::string basis_words(compile::Basis basis);                                              // legitimate interest
// What asserting a context fact states: "the controller needs the data for legal claims".
std::string context_clause(syntax::ContextFact fact, bool asserted);
// "a, b and c".
std::string and_list(const std::vector<std::string>& items);
// The first letter in capitals.
std::string capitalized(std::string text);

}  // namespace gavel::evaluate
