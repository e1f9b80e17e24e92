// gavel::check_policy and the readings the engine makes of its input (dates, names, bounds),
// offered through the public API so that `gavel check`, the playground and embedding programs
// need nothing from inside the engine.
#include <algorithm>

#include "engine/check/checker.hpp"
#include "engine/dates/date.hpp"
#include "engine/request/facts.hpp"
#include "gavel/gavel.hpp"
#include "grammar/diagnostics.hpp"
#include "grammar/parser.hpp"

namespace gavel {

// The public bounds are the engine's, written where a user of the API reads them.
static_assert(max_policy_bytes == grammar::max_file_bytes);
static_assert(max_request_bytes == request::max_request_bytes);
static_assert(request_too_large_code == code_name(Code::request_too_large));

CheckReport check_policy(std::string_view text, std::string name, bool colour) {
  CheckReport report;
  Source source{std::move(name), std::string(text)};
  auto parsed = grammar::parse(source);
  std::vector<Diagnostic> diagnostics = std::move(parsed.diagnostics);
  // A tree read with syntax errors is partial: checking it would report spurious mistakes.
  if (!has_errors(diagnostics)) {
    auto checked = check::check(std::move(parsed.policy));
    diagnostics.insert(diagnostics.end(), checked.diagnostics.begin(), checked.diagnostics.end());
  }
  for (const auto& d : diagnostics) {
    const bool error = d.severity == Severity::error;
    (error ? report.errors : report.warnings)++;
    report.diagnostics.push_back(
        {source.name, int(d.span.line), int(d.span.column), error, d.message, d.help, std::string(code_name(d.code))});
    report.human += render_human(source, d, colour);
  }
  report.json = render_json(source, diagnostics);
  return report;
}

std::string date_error(std::string_view text) { return dates::date_error_message(text); }

std::string date_of_days(std::int64_t days) {
  const auto clamped = std::clamp<std::int64_t>(days, INT32_MIN, INT32_MAX);
  return dates::to_string(dates::Date{static_cast<std::int32_t>(clamped)});
}

}  // namespace gavel
