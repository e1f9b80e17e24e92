// Check stage: a syntax tree -> the same tree, known to be consistent, plus diagnostics.
// Resolves every name, rejects duplicates and type errors, warns about gaps and conflicts.
#pragma once

#include <vector>

#include "grammar/source.hpp"
#include "grammar/syntax_tree.hpp"

namespace gavel::check {

struct CheckedPolicy {
  syntax::Policy policy;
  std::vector<Diagnostic> diagnostics;  // every error and warning, in source order
  bool valid() const { return !has_errors(diagnostics); }
};

// User mistakes are diagnostics; this never throws for bad input.
CheckedPolicy check(syntax::Policy policy);

}  // namespace gavel::check
