// What one worker thread owns: its Decider (a Decider is not thread-safe), the snapshot of the
// policy that Decider was built from, and its shard of the metrics.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gavel/gavel.hpp>

#include "service/metrics.hpp"
#include "service/policy_store.hpp"
#include "service/service.hpp"

namespace gavel::service {

class PolicyCache;

// What the workers share, read-only but for the store's swaps and the counters.
struct Shared {
  const Bounds& bounds;
  PolicyStore& store;
  Metrics& metrics;
  const std::string& openapi;
  std::atomic<bool> draining{false};
  DecisionLog* log = nullptr;  // null: decisions are not logged
  PolicyCache* playground = nullptr;  // the playground's compiled policies
};

class Worker {
 public:
  Worker(Shared& shared, std::size_t index);

  // Takes the store's newest policy when it changed: called once per request, so that every
  // answer is decided with, and names, one revision.
  void refresh();

  Shared& shared;
  MetricsShard& metrics;
  std::shared_ptr<const PolicySnapshot> snapshot;
  std::optional<Decider> decider;
  // The records of the request being answered, which the answer waits for.
  std::vector<std::string> log_bodies;

  // A new request id: this worker's index and a counter, after a prefix drawn at start.
  std::string next_request_id();

 private:
  std::uint64_t generation_ = ~std::uint64_t(0);
  std::size_t index_;
  std::uint64_t counter_ = 0;
  std::string prefix_;
};

}  // namespace gavel::service
