// `gavel fmt`: a rule file in the canonical layout.
//
// The layout is computed on the file's tokens, never on its tree: the formatter only moves
// the spaces and line ends between tokens, so the formatted file is the same sequence of
// words, texts and comments and decides the same, whatever the grammar grows. The tree (a
// clean parse) says where each declaration and rule starts; a file with syntax errors is not
// formatted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/source.hpp"

namespace gavel::grammar {

// Lines are filled up to this many characters; a longer token (a `says` text) stands alone.
inline constexpr std::size_t format_width = 100;

struct FormatOutcome {
  std::string text;                      // the canonical layout; empty when there are errors
  std::vector<Diagnostic> diagnostics;   // syntax errors; nothing was formatted
};

// Never throws for bad input: a file that does not parse comes back as its diagnostics.
FormatOutcome format(const Source& source);

// The tokens of a rule file, comments included, as written (a text with its quotes and
// escapes, a comment without its line end and trailing spaces): what formatting must keep.
std::vector<std::string_view> tokens_of(std::string_view text);

}  // namespace gavel::grammar
