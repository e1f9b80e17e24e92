// gavel doc POLICY [--format markdown|html] [--record]: the policy as the notice a person reads,
// or (--record) as the record of processing activities of GDPR Art. 30(1), on standard output.
// Exit status: 0 rendered, 2 the file could not be read or has errors (its diagnostics are
// printed on standard error, and nothing on standard output).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

constexpr std::size_t max_policy_bytes = 8u << 20;  // as the parser

struct DocOptions {
  std::string policy;
  std::string format = "markdown";
  bool record = false;
};

int run_doc(const DocOptions& o) {
  std::string text, reason;
  if (!read_text_file(o.policy, max_policy_bytes + 1, text, reason)) {
    fmt::print(stderr, "gavel: cannot read {}: {}\n", o.policy, reason);
    return exit_error;
  }
  const auto result = render_document(text, o.policy, {.html = o.format == "html", .record = o.record});
  if (!result.ok()) {
    fmt::print(stderr, "{}gavel: {} has errors; no document written\n", result.report, o.policy);
    return exit_error;
  }
  Output& out = standard_output();
  if (!out.write(result.text) || !out.flush()) return out.report_failure();
  return exit_ok;
}

}  // namespace

void add_doc_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DocOptions>();
  auto* cmd = app.add_subcommand("doc", "Render a policy as its privacy notice, or its record of processing (--record)");
  cmd->add_option("policy", options->policy, "The rule file")->required();
  cmd->add_option("--format", options->format, "markdown, or html (one self-contained, printable page)")
      ->check(CLI::IsMember({"markdown", "html"}))
      ->capture_default_str();
  cmd->add_flag("--record", options->record, "The record of processing activities of GDPR Art. 30(1)(a)-(g)");
  cmd->callback([options, &exit_code] { exit_code = run_doc(*options); });
}

}  // namespace gavel::cli
