// Compile stage: a checked policy -> an immutable CompiledPolicy.
#pragma once

#include "engine/check/checker.hpp"
#include "engine/compile/compiled_policy.hpp"

namespace gavel::compile {

// Precondition: `checked.valid()`. A name that does not resolve here is a bug in the checker,
// reported as std::logic_error (an internal failure, not a user mistake).
CompiledPolicy compile(const check::CheckedPolicy& checked);

}  // namespace gavel::compile
