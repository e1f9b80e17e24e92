// gavel serve: the decision service over HTTP (Boost.Beast). One io_context and one thread
// per worker, each with its own Decider over the shared policy; one acceptor hands the
// connections round-robin to the workers; the main thread reads signals and reloads the
// policy. See README.md, "The decision service".
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "service/decision_log.hpp"

namespace gavel::service {

struct Bounds {
  std::size_t max_body = 64 * 1024;         // POST /v1/decide: the request contract's bound
  std::size_t max_batch_body = 8u << 20;    // POST /v1/decide/batch
  std::size_t max_batch_requests = 10'000;
  std::size_t max_header = 8 * 1024;        // the request line and every header field together
  std::size_t max_connections = 1024;       // past it a new connection is closed at once
  std::chrono::seconds read_timeout{10};    // from a request's first byte to its last
  std::chrono::seconds idle_timeout{60};    // a kept-alive connection waiting for a request
  std::chrono::seconds drain_timeout{10};   // on SIGTERM, for the requests in flight
};

struct Options {
  std::string policy;
  std::string host = "127.0.0.1";
  std::uint16_t port = 8181;  // 0: any free port
  unsigned workers = 0;       // 0: one per core
  Bounds bounds;
  DecisionLogOptions decision_log;  // path empty: no decision log
  // `gavel playground`: the address is printed as `playground: http://HOST:PORT/` (the page's),
  // and opened with xdg-open when `open_page`.
  bool playground = false;
  bool open_page = false;
};

// Serves until SIGTERM or SIGINT, then drains and returns 0; returns 2 when the policy has
// errors or the address cannot be listened on. The first line on standard output is the
// address listened on, HOST:PORT (with `playground`: `playground: http://HOST:PORT/`).
int run(const Options& options);

// Reads `--listen`'s HOST:PORT (an IPv4 or IPv6 literal, or localhost; [::1]:8181 for IPv6).
bool parse_listen_address(const std::string& text, std::string& host, std::uint16_t& port, std::string& error);

}  // namespace gavel::service
