// Check stage: a syntax tree -> the same tree, known to be consistent, plus diagnostics.
// Resolves every name, rejects duplicates and type errors, warns about gaps and conflicts.
#pragma once

#include "engine/check/accepted_policy.hpp"
#include "grammar/syntax_tree.hpp"

namespace gavel::check {

// User mistakes are diagnostics; this never throws for bad input. Without errors, the result
// is `accepted()`, with what the check resolved, for the compiler.
CheckedPolicy check(syntax::Policy policy);

}  // namespace gavel::check
