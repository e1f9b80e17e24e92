// gavel playground POLICY [--listen HOST:PORT] [--open]: the playground's page in a browser.
// It is `gavel serve` on a free loopback port, printing the page's address.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "service/service.hpp"

namespace gavel::cli {
namespace {

struct PlaygroundArguments {
  std::string policy;
  std::string listen = "127.0.0.1:0";
  bool open = false;
};

int run_playground(const PlaygroundArguments& a) {
  service::Options options;
  options.policy = a.policy;
  std::string error;
  if (!service::parse_listen_address(a.listen, options.host, options.port, error)) {
    fmt::print(stderr, "gavel playground: --listen: {}\n  = help: write HOST:PORT, e.g. `127.0.0.1:8181`\n", error);
    return exit_error;
  }
  options.workers = 2;  // one person at a browser, and a why-not that may take a moment
  options.playground = true;
  options.open_page = a.open;
  return service::run(options) == 0 ? exit_ok : exit_error;
}

}  // namespace

void add_playground_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<PlaygroundArguments>();
  auto* cmd = app.add_subcommand("playground",
                                 "Serve the playground's page for a policy on a free loopback port, until Ctrl-C");
  cmd->add_option("policy", a->policy, "The rule file")->required();
  cmd->add_option("--listen", a->listen, "HOST:PORT to listen on (default 127.0.0.1:0: a free loopback port)");
  cmd->add_flag("--open", a->open, "Open the page in the desktop's browser (xdg-open)");
  cmd->callback([a, &exit_code] { exit_code = run_playground(*a); });
}

}  // namespace gavel::cli
