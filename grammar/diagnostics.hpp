// Rendering diagnostics the way compilers do, for people and for tools.
#pragma once

#include <string>
#include <vector>

#include "grammar/source.hpp"

namespace gavel {

// file:line:col: error: message
//  12 |   basis consnt
//     |         ^^^^^^
//     = help: did you mean `consent`?
std::string render_human(const Source& source, const Diagnostic& diagnostic, bool colour = false);

// One JSON object per diagnostic, in an array: {"file","line","column","end_line","end_column",
// "severity","message","help"}.
std::string render_json(const Source& source, const std::vector<Diagnostic>& diagnostics);

// The closest of `candidates` to `word` by edit distance, when close enough to be a likely
// typo; empty otherwise. Used for "did you mean" help everywhere (checker, request decoder).
std::string nearest_name(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace gavel
