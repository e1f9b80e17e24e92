// The service's counters, in Prometheus text format at GET /metrics. Each worker counts into
// its own shard (no sharing of cache lines on the request path); a scrape sums the shards.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace gavel::service {

// Why a request was refused, as the `reason` label says it.
enum class Refusal : std::uint8_t {
  malformed_request,      // 400: the body is not a request the contract accepts
  bad_query,              // 400: an unknown query parameter or value
  bad_http,               // 400: not HTTP the service reads
  not_found,              // 404
  method_not_allowed,     // 405
  body_too_large,         // 413
  header_too_large,       // 431
  unsupported_media_type, // 415
  too_many_requests,      // 413: a batch of more requests than the bound
  too_many_connections,   // the connection was closed at once
  timeout,                // the connection was closed: the request did not arrive in time
  decision_log,           // 503: the decision's record could not be written, so it was not answered
  count_
};

// Upper bounds of the latency histogram, in seconds.
inline constexpr std::array<double, 12> latency_bounds = {0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025,
                                                          0.0005,   0.001,   0.0025,   0.01,    0.1,    1.0};

struct alignas(64) MetricsShard {
  std::atomic<std::uint64_t> allowed{0}, denied{0}, malformed{0};
  std::atomic<std::uint64_t> playground_calls{0};  // calls of /v1/playground/...
  std::array<std::atomic<std::uint64_t>, std::size_t(Refusal::count_)> refused{};
  std::array<std::atomic<std::uint64_t>, latency_bounds.size() + 1> latency{};  // last: +Inf
  std::atomic<std::uint64_t> latency_count{0};
  std::atomic<std::uint64_t> latency_nanoseconds{0};

  // Only the owning worker writes a shard: a relaxed load and store is enough.
  static void add(std::atomic<std::uint64_t>& counter, std::uint64_t n = 1) {
    counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
  void refuse(Refusal why) { add(refused[std::size_t(why)]); }
  void observe(std::chrono::nanoseconds elapsed);
};

class DecisionLog;
class PolicyCache;

struct Metrics {
  explicit Metrics(std::size_t workers) : shards(workers + 1) {}  // the last: the acceptor's
  std::vector<MetricsShard> shards;
  std::atomic<std::uint64_t> reloads{0}, failed_reloads{0};
  std::atomic<std::int64_t> connections{0};
  const DecisionLog* log = nullptr;  // its counters, when there is a decision log
  const PolicyCache* playground = nullptr;  // the playground's compiled policies

  std::string render() const;
};

}  // namespace gavel::service
