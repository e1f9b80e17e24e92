#include "service/metrics.hpp"

#include <fmt/format.h>

#include "service/decision_log.hpp"
#include "service/policy_cache.hpp"

namespace gavel::service {
namespace {

constexpr const char* refusal_names[] = {
    "malformed_request", "bad_query",        "bad_http", "not_found", "method_not_allowed", "body_too_large",
    "header_too_large",  "unsupported_media_type", "too_many_requests", "too_many_connections", "timeout", "decision_log",
};
static_assert(std::size(refusal_names) == std::size_t(Refusal::count_));

}  // namespace

void MetricsShard::observe(std::chrono::nanoseconds elapsed) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t bucket = 0;
  while (bucket < latency_bounds.size() && seconds > latency_bounds[bucket]) ++bucket;
  add(latency[bucket]);
  add(latency_count);
  add(latency_nanoseconds, std::uint64_t(elapsed.count()));
}

std::string Metrics::render() const {
  auto sum = [this](auto member) {
    std::uint64_t total = 0;
    for (const auto& s : shards) total += member(s).load(std::memory_order_relaxed);
    return total;
  };
  std::string out;
  out += "# HELP gavel_decisions_total Requests decided, by outcome (error: refused as malformed).\n";
  out += "# TYPE gavel_decisions_total counter\n";
  out += fmt::format("gavel_decisions_total{{outcome=\"allow\"}} {}\n", sum([](auto& s) -> auto& { return s.allowed; }));
  out += fmt::format("gavel_decisions_total{{outcome=\"deny\"}} {}\n", sum([](auto& s) -> auto& { return s.denied; }));
  out += fmt::format("gavel_decisions_total{{outcome=\"error\"}} {}\n", sum([](auto& s) -> auto& { return s.malformed; }));

  out += "# HELP gavel_refused_requests_total HTTP requests answered with a 4xx, or connections closed, by reason.\n";
  out += "# TYPE gavel_refused_requests_total counter\n";
  for (std::size_t i = 0; i < std::size_t(Refusal::count_); ++i)
    out += fmt::format("gavel_refused_requests_total{{reason=\"{}\"}} {}\n", refusal_names[i],
                       sum([i](auto& s) -> auto& { return s.refused[i]; }));

  out += "# HELP gavel_decision_duration_seconds Time to answer POST /v1/decide and /v1/decide/batch, body read.\n";
  out += "# TYPE gavel_decision_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b <= latency_bounds.size(); ++b) {
    cumulative += sum([b](auto& s) -> auto& { return s.latency[b]; });
    const std::string le = b < latency_bounds.size() ? fmt::format("{}", latency_bounds[b]) : "+Inf";
    out += fmt::format("gavel_decision_duration_seconds_bucket{{le=\"{}\"}} {}\n", le, cumulative);
  }
  out += fmt::format("gavel_decision_duration_seconds_sum {}\n",
                     double(sum([](auto& s) -> auto& { return s.latency_nanoseconds; })) / 1e9);
  out += fmt::format("gavel_decision_duration_seconds_count {}\n",
                     sum([](auto& s) -> auto& { return s.latency_count; }));

  out += "# HELP gavel_reloads_total Policy reloads that swapped a new policy in.\n";
  out += "# TYPE gavel_reloads_total counter\n";
  out += fmt::format("gavel_reloads_total {}\n", reloads.load());
  out += "# HELP gavel_reload_failures_total Reloads refused: the file could not be read or has errors.\n";
  out += "# TYPE gavel_reload_failures_total counter\n";
  out += fmt::format("gavel_reload_failures_total {}\n", failed_reloads.load());
  out += "# HELP gavel_open_connections Connections open now.\n";
  out += "# TYPE gavel_open_connections gauge\n";
  out += fmt::format("gavel_open_connections {}\n", connections.load());
  out += "# HELP gavel_playground_calls_total Calls of the playground's API (/v1/playground/...).\n";
  out += "# TYPE gavel_playground_calls_total counter\n";
  out += fmt::format("gavel_playground_calls_total {}\n", sum([](auto& s) -> auto& { return s.playground_calls; }));
  if (playground) {
    out += "# HELP gavel_playground_policies_compiled_total Policy texts the playground checked and compiled.\n";
    out += "# TYPE gavel_playground_policies_compiled_total counter\n";
    out += fmt::format("gavel_playground_policies_compiled_total {}\n", playground->compiled());
    out += "# HELP gavel_playground_policies_reused_total Policy texts found compiled in the playground's cache.\n";
    out += "# TYPE gavel_playground_policies_reused_total counter\n";
    out += fmt::format("gavel_playground_policies_reused_total {}\n", playground->reused());
  }
  if (log) {
    out += "# HELP gavel_decision_log_records_total Decision records written and made durable.\n";
    out += "# TYPE gavel_decision_log_records_total counter\n";
    out += fmt::format("gavel_decision_log_records_total {}\n", log->records_written());
    out += "# HELP gavel_decision_log_batches_total Group commits: one write and one fdatasync each.\n";
    out += "# TYPE gavel_decision_log_batches_total counter\n";
    out += fmt::format("gavel_decision_log_batches_total {}\n", log->batches_written());
    out += "# HELP gavel_decision_log_write_failures_total Batches that could not be written; their requests got 503.\n";
    out += "# TYPE gavel_decision_log_write_failures_total counter\n";
    out += fmt::format("gavel_decision_log_write_failures_total {}\n", log->write_failures());
    out += "# HELP gavel_decision_log_rotations_total Rotations of the decision log to FILE.N.\n";
    out += "# TYPE gavel_decision_log_rotations_total counter\n";
    out += fmt::format("gavel_decision_log_rotations_total {}\n", log->rotations());
  }
  return out;
}

}  // namespace gavel::service
