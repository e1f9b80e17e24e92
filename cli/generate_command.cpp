// gavel generate [--count N | --subjects N] [--seed S] [--policy FILE] [--output FILE]
// Realistic requests for a policy, as JSON lines, the same for the same arguments: the input
// of `gavel decide --batch` in the benchmarks and the peer comparison (bench/); or, with
// --subjects, people for `gavel sweep` (bench/sweep.sh).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

struct GenerateOptions {
  std::string policy = "rules/flexis.gavel";
  std::size_t count = 10'000;
  std::uint64_t seed = 42;
  std::string output = "-";
  double rights = TrafficMix{}.rights_requests;
  double archive_erase = TrafficMix{}.archive_erase;
  std::optional<std::size_t> subjects;  // --subjects N: people for `gavel sweep`, not requests
};

constexpr std::uint64_t max_count = 100'000'000;

// A whole number written in decimal digits alone, within [0, max]: CLI11 would wrap `-1` to
// 2^64 - 1, saturate 2^64 and read `1e23`, giving one seed three names.
CLI::Validator whole_number(std::uint64_t max) {
  const std::string range = fmt::format("a whole number from 0 to {}", max);
  return CLI::Validator(
      [max, range](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || error != std::errc() ||
            stop != end || value > max)
          return fmt::format("expected {}, got `{}`", range, text);
        return {};
      },
      fmt::format("0..{}", max));
}

// A share in [0, 1]; CLI::Range lets `nan` through.
CLI::Validator share() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || stop != end || !(value >= 0.0 && value <= 1.0))
          return fmt::format("expected a number from 0 to 1, got `{}`", text);
        return {};
      },
      "0..1");
}

int run_generate(const GenerateOptions& o) {
  auto loaded = load_policy_file(o.policy);
  if (!loaded.ok()) {
    std::fputs(loaded.report.c_str(), stderr);
    fmt::print(stderr, "gavel: `{}` has errors; nothing generated\n", o.policy);
    return exit_error;
  }
  Output file;
  if (std::string reason; !file.open(o.output, reason)) {
    fmt::print(stderr, "gavel: cannot write to `{}`: {}\n", o.output, reason);
    return exit_error;
  }
  Output& out = o.output == "-" ? standard_output() : file;
  TrafficGenerator generator(loaded.policy, o.seed, {.rights_requests = o.rights, .archive_erase = o.archive_erase});
  std::string buffer;
  const std::size_t count = o.subjects ? *o.subjects : o.count;
  for (std::size_t i = 0; i < count; ++i) {
    if (o.subjects) generator.next_subject(buffer);
    else generator.next(buffer);
    buffer += '\n';
    if (buffer.size() > (1u << 16)) {
      if (!out.write(buffer)) return out.report_failure();
      buffer.clear();
    }
  }
  if (!out.write(buffer) || !out.close()) return out.report_failure();
  return exit_ok;
}

}  // namespace

void add_generate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GenerateOptions>();
  auto* cmd = app.add_subcommand("generate", "Write realistic requests for a policy as JSON lines (deterministic)");
  auto* count = cmd->add_option("--count,-n", options->count, fmt::format("How many requests, at most {}", max_count))
      ->check(whole_number(max_count))
      ->capture_default_str();
  auto* subjects = cmd->add_option("--subjects", options->subjects,
                                   fmt::format("Write N people for `gavel sweep` instead of requests, at most {}", max_count))
                       ->check(whole_number(max_count));
  subjects->excludes(count);
  cmd->add_option("--seed", options->seed, "Seed, from 0 to 2^64 - 1: the same seed gives the same requests")
      ->check(whole_number(std::numeric_limits<std::uint64_t>::max()))
      ->capture_default_str();
  cmd->add_option("--policy", options->policy, "The rule file whose names the requests use")->capture_default_str();
  cmd->add_option("--output,-o", options->output, "Where to write, - for standard output")->capture_default_str();
  cmd->add_option("--rights", options->rights, "Share of rights requests")->check(share())->capture_default_str();
  cmd->add_option("--archive-erase", options->archive_erase, "Share of archive and erase among processing actions")
      ->check(share())
      ->capture_default_str();
  cmd->callback([options, &exit_code] { exit_code = run_generate(*options); });
}

}  // namespace gavel::cli
