// Fuzz target: any bytes as a rule file, through parse -> check -> compile (when valid).
// Fails on a crash, a sanitizer report, an exception out of a stage that promises none, a
// diagnostic that points outside the file, or a checked policy that does not compile.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>

#include "engine/check/checker.hpp"
#include "engine/compile/compiler.hpp"
#include "grammar/diagnostics.hpp"
#include "grammar/parser.hpp"

namespace {
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "parse_check: %s\n", what);
  std::abort();
}

void check_spans(const gavel::Source& source, const std::vector<gavel::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) {
    if (d.span.begin > d.span.end || d.span.end > source.text.size()) fail("a diagnostic's span is outside the file");
    if (d.message.empty()) fail("a diagnostic without a message");
    (void)gavel::render_human(source, d);
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gavel::Source source{"fuzz.gavel", std::string(reinterpret_cast<const char*>(data), size)};
  auto parsed = gavel::grammar::parse(source);
  check_spans(source, parsed.diagnostics);
  if (gavel::has_errors(parsed.diagnostics)) return 0;
  auto checked = gavel::check::check(std::move(parsed.policy));
  check_spans(checked.policy.source, checked.diagnostics);
  (void)gavel::render_json(checked.policy.source, checked.diagnostics);
  if (!checked.valid()) return 0;
  // A policy without errors is accepted, with every name resolved, and always compiles.
  const auto accepted = checked.accepted();
  if (!accepted) fail("a policy without errors was not accepted");
  const auto compiled = gavel::compile::compile(*accepted);
  if (compiled.rules.size() != checked.policy.rules.size()) fail("compiled rules differ from the checked ones");
  return 0;
}
