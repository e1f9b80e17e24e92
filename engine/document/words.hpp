// What the declarations of a rule file say, in the words of a notice: lawful bases, rights,
// periods, retention terms, the end of retention, the categories a purpose or recipient names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "grammar/syntax_tree.hpp"

namespace gavel::document {

std::string basis_words(syntax::Basis b);          // "Legitimate interest"
std::string basis_article(syntax::Basis b);        // "GDPR Art. 6(1)(f)"
std::string right_words(const syntax::Policy& p, const syntax::RightRef& r);  // "Right of access (GDPR Art. 15)"
std::string period_words(const syntax::Period& p);  // "3 years"
// "Until consent is withdrawn or 3 years after the last contact with the person, whichever comes first"
std::string retention_words(const syntax::Policy& p, const syntax::Purpose& purpose);
std::string end_words(const syntax::Purpose& purpose);  // "Archived", "Archived for 5 years, then erased"
// The descriptions of the categories named, in their order: "Identity: surname, first name".
std::vector<std::string> category_words(const syntax::Policy& p, const std::vector<syntax::Name>& names);
// The source text of a span (a condition as written).
std::string_view written(const syntax::Policy& p, const Span& span);
std::string join(const std::vector<std::string>& items, std::string_view separator);

}  // namespace gavel::document
