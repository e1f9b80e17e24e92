#include "engine/check/checker.hpp"

namespace gavel::check {

CheckedPolicy check(syntax::Policy policy) { return CheckedPolicy{std::move(policy), {}}; }

}  // namespace gavel::check
