// The check stage: every name resolved, every type right, every gap and conflict reported.
// All diagnostics of a file are collected, then sorted by their place in the source.
#include "engine/check/checker.hpp"

#include "engine/check/context.hpp"

namespace gavel::check {

CheckedPolicy check(syntax::Policy policy) {
  detail::Context ctx(policy);
  detail::declare_all(ctx);
  detail::check_declarations(ctx);
  detail::check_rules(ctx);
  detail::check_overrides(ctx);
  detail::check_conflicts(ctx);
  detail::check_unused(ctx);
  auto diagnostics = ctx.take_sorted();
  return CheckedPolicy{std::move(policy), std::move(diagnostics)};
}

}  // namespace gavel::check
