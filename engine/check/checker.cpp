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
  CheckedPolicy checked;
  checked.diagnostics = ctx.take_sorted();
  // What was resolved is handed on only when it is all there: a clean check.
  if (checked.valid()) {
    ctx.resolved.group_members = std::move(ctx.group_members);
    checked.resolutions_ = std::move(ctx.resolved);
  }
  checked.policy = std::move(policy);
  return checked;
}

}  // namespace gavel::check
