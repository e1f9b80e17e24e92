// The notice and the record of processing, from a checked rule file (gavel.hpp, render_document).
#pragma once

#include <string>

#include "grammar/syntax_tree.hpp"

namespace gavel::document {

std::string render_notice(const syntax::Policy& policy, bool html);
std::string render_record(const syntax::Policy& policy, bool html);

// Whether a condition tests where data goes (`country in`, `country outside`, a certification):
// the rules of the transfers section.
bool about_transfers(const syntax::Condition& c);

}  // namespace gavel::document
