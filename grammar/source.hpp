// Where a piece of policy text came from, and what gavel has to say about it.
// Shared by every stage so that a diagnostic or a trace can always point at the source.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "grammar/codes.hpp"

namespace gavel {

// A half-open byte range [begin, end) in one source file, with the line and column
// (both 1-based, column counted in bytes) of its first byte.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class Severity { error, warning };

// A user mistake, as data. Messages follow one style: lowercase, no final period, the
// user's own text in backticks; `help` carries the likely fix ("did you mean `newsletter`?").
struct Diagnostic {
  Severity severity = Severity::error;
  Span span;
  std::string message;
  std::string help;
  Code code = Code::none;  // stable, for programs (grammar/codes.hpp, docs/errors.md)
};

// The text of a policy file together with the name it is reported under.
struct Source {
  std::string name;  // e.g. "rules/flexis.gavel"
  std::string text;
};

inline bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) return true;
  return false;
}

}  // namespace gavel
