// gavel serve POLICY [--listen HOST:PORT] [--workers N] [--read-timeout S] [--idle-timeout S]
//                    [--max-connections N] [--drain-timeout S]
//                    [--decision-log FILE [--decision-log-requests minimised|full] [--decision-log-max-bytes N]]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "service/service.hpp"

namespace gavel::cli {
namespace {

struct ServeArguments {
  std::string policy;
  std::string listen = "127.0.0.1:8181";
  unsigned workers = 0;
  unsigned read_timeout = 10;
  unsigned idle_timeout = 60;
  std::size_t max_connections = 1024;
  unsigned drain_timeout = 10;
  std::string decision_log;
  std::string decision_log_requests = "minimised";
  std::uint64_t decision_log_max_bytes = 0;
};

int run_serve(const ServeArguments& a) {
  service::Options options;
  options.policy = a.policy;
  std::string error;
  if (!service::parse_listen_address(a.listen, options.host, options.port, error)) {
    fmt::print(stderr, "gavel serve: --listen: {}\n  = help: write HOST:PORT, e.g. `127.0.0.1:8181`\n", error);
    return exit_error;
  }
  options.workers = a.workers;
  options.bounds.read_timeout = std::chrono::seconds(a.read_timeout);
  options.bounds.idle_timeout = std::chrono::seconds(a.idle_timeout);
  options.bounds.max_connections = a.max_connections;
  options.bounds.drain_timeout = std::chrono::seconds(a.drain_timeout);
  options.decision_log.path = a.decision_log;
  options.decision_log.full_requests = a.decision_log_requests == "full";
  options.decision_log.max_bytes = a.decision_log_max_bytes;
  return service::run(options) == 0 ? exit_ok : exit_error;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ServeArguments>();
  auto* cmd = app.add_subcommand("serve", "Answer decisions over HTTP (POST /v1/decide), reloading the policy when it changes");
  cmd->add_option("policy", a->policy, "The rule file")->required();
  cmd->add_option("--listen", a->listen, "HOST:PORT to listen on; port 0 picks a free port (default 127.0.0.1:8181)");
  cmd->add_option("--workers", a->workers, "Worker threads, each with its own decider (default: one per core)")
      ->check(CLI::Range(0u, 256u));
  cmd->add_option("--read-timeout", a->read_timeout, "Seconds a request may take to arrive, from its first byte (default 10)")
      ->check(CLI::Range(1u, 3600u));
  cmd->add_option("--idle-timeout", a->idle_timeout, "Seconds a kept-alive connection may wait for a request (default 60)")
      ->check(CLI::Range(1u, 86400u));
  cmd->add_option("--max-connections", a->max_connections, "Open connections at most; past it a new one is closed (default 1024)")
      ->check(CLI::Range(std::size_t(1), std::size_t(100000)));
  cmd->add_option("--drain-timeout", a->drain_timeout, "Seconds the requests in flight have to finish after SIGTERM (default 10)")
      ->check(CLI::Range(0u, 3600u));
  auto* log = cmd->add_option("--decision-log", a->decision_log,
                              "Append a record of every decision to FILE, chained by SHA-256; each answer waits "
                              "for its record to be on disk");
  cmd->add_option("--decision-log-requests", a->decision_log_requests,
                  "What a record keeps of the request: minimised (default: no value of the person's facts) or "
                  "full (the whole request, for gavel log replay)")
      ->check(CLI::IsMember({"minimised", "full"}))
      ->needs(log);
  cmd->add_option("--decision-log-max-bytes", a->decision_log_max_bytes,
                  "Rotate the log to FILE.1, FILE.2, ... once it reaches N bytes (default: never)")
      ->check(CLI::Range(std::uint64_t(4096), std::uint64_t(1) << 50))
      ->needs(log);
  cmd->callback([a, &exit_code] { exit_code = run_serve(*a); });
}

}  // namespace gavel::cli
