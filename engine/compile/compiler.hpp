// Compile stage: a policy the checker accepted -> an immutable CompiledPolicy.
#pragma once

#include "engine/check/accepted_policy.hpp"
#include "engine/compile/compiled_policy.hpp"

namespace gavel::compile {

// Every name is read as the checker resolved it (check::CheckedPolicy::accepted()).
CompiledPolicy compile(const check::AcceptedPolicy& accepted);

}  // namespace gavel::compile
