// gavel: the command line. A thin dispatcher: each subcommand lives in its own
// cli/*_command.cpp and registers itself (cli/commands.hpp).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "gavel/gavel.hpp"

#ifndef GAVEL_VERSION
#define GAVEL_VERSION "unknown"
#endif

namespace {

// `gavel help [COMMAND]`: the list of commands, or the options of one.
void add_help_command(CLI::App& app) {
  auto topic = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("help", "Show the commands, or the options of one command");
  cmd->add_option("command", *topic, "A command to describe");
  cmd->callback([&app, topic] {
    if (!topic->empty()) {
      for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == *topic) {
          fmt::print("{}", sub->help());
          return;
        }
      fmt::print(stderr, "gavel: unknown command `{}`\n", *topic);
      throw CLI::RuntimeError(gavel::cli::exit_error);
    }
    // app.help() would describe the selected subcommand, `help` itself: ask the formatter.
    fmt::print("{}", app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal));
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gavel: privacy policies as code, checked and decided with reasons", "gavel"};
  app.set_version_flag("--version", std::string("gavel ") + GAVEL_VERSION);
  app.require_subcommand(1);

  int exit_code = gavel::cli::exit_ok;
  gavel::cli::add_check_command(app, exit_code);
  gavel::cli::add_decide_command(app, exit_code);
  gavel::cli::add_test_command(app, exit_code);
  gavel::cli::add_repl_command(app, exit_code);
  gavel::cli::add_generate_command(app, exit_code);
  gavel::cli::add_serve_command(app, exit_code);
  gavel::cli::add_playground_command(app, exit_code);
  gavel::cli::add_log_command(app, exit_code);
  gavel::cli::add_fmt_command(app, exit_code);
  gavel::cli::add_doc_command(app, exit_code);
  gavel::cli::add_diff_command(app, exit_code);
  add_help_command(app);

  // An unknown command is named as such, with the nearest known one.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string_view word = argv[1];
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      fmt::print(stderr, "gavel: unknown command `{}`\n", word);
      const std::vector<std::string_view> candidates(names.begin(), names.end());
      if (auto near = gavel::nearest_name(word, candidates); !near.empty())
        fmt::print(stderr, "  = help: did you mean `{}`?\n", near);
      fmt::print(stderr, "run `gavel help` for the list of commands\n");
      return gavel::cli::exit_error;
    }
  }

  int status = gavel::cli::exit_ok;
  try {
    app.parse(argc, argv);
    status = exit_code;
  } catch (const CLI::RuntimeError& e) {
    status = e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    // --help and --version end here too, with exit code 0.
    status = app.exit(e) == 0 ? gavel::cli::exit_ok : gavel::cli::exit_error;
  } catch (const std::exception& e) {
    fmt::print(stderr, "gavel: internal error: {}\n", e.what());
    status = gavel::cli::exit_error;
  }
  // Whatever a command printed, a write that failed is an error, not a silent success.
  return gavel::cli::finish_standard_output(status);
}
