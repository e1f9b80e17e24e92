// Rendering diagnostics the way compilers do, for people and for tools.
#pragma once

#include <string>
#include <vector>

#include "gavel/export.h"
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

// Appends `text` to `out` as a JSON string literal, quotes included; bytes that are not
// valid UTF-8 become U+FFFD, so the output is always valid JSON. The one JSON escaper of
// gavel: diagnostics, decisions and errors all go through it.
// Exported: <gavel/gavel.hpp> offers it to programs that write JSON beside gavel's.
GAVEL_API void append_json_string(std::string& out, std::string_view text);

// The closest of `candidates` to `word` by edit distance, when close enough to be a likely
// typo; empty otherwise. Used for "did you mean" help everywhere (checker, request decoder).
GAVEL_API std::string nearest_name(std::string_view word, const std::vector<std::string_view>& candidates);

// `word` written with ASCII letters only, for the help of a name that has others (names are
// ASCII): Latin letters lose their accents (`données` -> `donnees`, `Straße` -> `Strasse`),
// any other character becomes `_`. Empty when nothing of a name is left.
std::string ascii_name(std::string_view word);

}  // namespace gavel
