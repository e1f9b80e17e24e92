// render_document (gavel.hpp): parse and check the rule file, then the notice or the record.
#include <optional>

#include "engine/check/checker.hpp"
#include "engine/document/document.hpp"
#include "gavel/gavel.hpp"
#include "grammar/diagnostics.hpp"
#include "grammar/parser.hpp"

namespace gavel {

DocumentResult render_document(std::string_view text, std::string name, DocumentOptions options) {
  const Source source{std::move(name), std::string(text)};
  DocumentResult result;
  auto parsed = grammar::parse(source);
  std::vector<Diagnostic> diagnostics = std::move(parsed.diagnostics);
  std::optional<check::CheckedPolicy> checked;
  if (!has_errors(diagnostics)) {  // a partial tree would only add noise
    checked = check::check(std::move(parsed.policy));
    diagnostics = checked->diagnostics;
  }
  for (const auto& d : diagnostics) {
    result.diagnostics.push_back({source.name, int(d.span.line), int(d.span.column), d.severity == Severity::error,
                                  d.message, d.help});
    result.report += render_human(source, d);
  }
  if (!checked || !checked->valid()) return result;
  result.text = options.record ? document::render_record(checked->policy, options.html)
                               : document::render_notice(checked->policy, options.html);
  return result;
}

}  // namespace gavel
