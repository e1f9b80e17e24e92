// Parse stage: rule-file text -> syntax tree. The PEGTL grammar stays behind this header,
// in grammar/*.cpp, so that nothing else pays for compiling it.
#pragma once

#include <cstddef>
#include <vector>

#include "grammar/source.hpp"
#include "grammar/syntax_tree.hpp"

namespace gavel::grammar {

// Bounds on what a rule file may be; exceeding one is an error diagnostic, never a crash.
inline constexpr std::size_t max_file_bytes = 8u << 20;  // 8 MiB
inline constexpr std::size_t max_nesting = 32;           // parentheses in a condition
inline constexpr std::size_t max_items = 100'000;        // declarations and rules in one file

struct ParseResult {
  syntax::Policy policy;                 // what could be read, also when there are errors
  std::vector<Diagnostic> diagnostics;   // syntax errors, every one found, in source order
};

// User mistakes come back as diagnostics; this never throws for bad input.
ParseResult parse(Source source);

}  // namespace gavel::grammar
