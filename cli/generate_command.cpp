// gavel generate [--count N] [--seed S] [--policy FILE] [--output FILE]
// Realistic requests for a policy, as JSON lines, the same for the same arguments: the input
// of `gavel decide --batch` in the benchmarks and the peer comparison (bench/).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/request_generator.hpp"
#include "engine/api/internal.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

struct GenerateOptions {
  std::string policy = "rules/flexis.gavel";
  std::size_t count = 10'000;
  std::uint64_t seed = 42;
  std::string output = "-";
  double rights = generate::Mix{}.rights_requests;
  double archive_erase = generate::Mix{}.archive_erase;
};

int run_generate(const GenerateOptions& o) {
  auto loaded = load_policy_file(o.policy);
  if (!loaded.ok()) {
    std::fputs(loaded.report.c_str(), stderr);
    fmt::print(stderr, "gavel: `{}` has errors; nothing generated\n", o.policy);
    return exit_error;
  }
  std::FILE* out = stdout;
  if (o.output != "-" && !(out = std::fopen(o.output.c_str(), "wb"))) {
    fmt::print(stderr, "gavel: cannot write `{}`\n", o.output);
    return exit_error;
  }
  generate::RequestGenerator generator(api::compiled_of(*loaded.policy), o.seed, {.rights_requests = o.rights, .archive_erase = o.archive_erase});
  std::string buffer;
  for (std::size_t i = 0; i < o.count; ++i) {
    generator.next(buffer);
    buffer += '\n';
    if (buffer.size() > (1u << 16)) {
      std::fwrite(buffer.data(), 1, buffer.size(), out);
      buffer.clear();
    }
  }
  std::fwrite(buffer.data(), 1, buffer.size(), out);
  const bool ok = std::fflush(out) == 0 && !std::ferror(out);
  if (out != stdout) std::fclose(out);
  if (!ok) {
    fmt::print(stderr, "gavel: error writing `{}`\n", o.output);
    return exit_error;
  }
  return exit_ok;
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GenerateOptions>();
  auto* cmd = app.add_subcommand("generate", "Write realistic requests for a policy as JSON lines (deterministic)");
  cmd->add_option("--count,-n", options->count, "How many requests")->capture_default_str();
  cmd->add_option("--seed", options->seed, "Seed: the same seed gives the same requests")->capture_default_str();
  cmd->add_option("--policy", options->policy, "The rule file whose names the requests use")->capture_default_str();
  cmd->add_option("--output,-o", options->output, "Where to write, - for standard output")->capture_default_str();
  cmd->add_option("--rights", options->rights, "Share of rights requests")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--archive-erase", options->archive_erase, "Share of archive and erase among processing actions")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->callback([options, &exit_code] { exit_code = run_generate(*options); });
}

}  // namespace gavel::cli
