#include "service/worker.hpp"

#include <fmt/format.h>

#include <random>

namespace gavel::service {

Worker::Worker(Shared& shared_state, std::size_t index)
    : shared(shared_state), metrics(shared_state.metrics.shards[index]), index_(index) {
  std::random_device random;
  prefix_ = fmt::format("{:08x}", random());
  refresh();
}

void Worker::refresh() {
  const auto generation = shared.store.generation();
  if (generation == generation_) return;
  // The snapshot and the generation may move on between these two reads: then the next
  // request takes the newer one. The Decider is always built from the snapshot it names.
  auto next = shared.store.current();
  decider.reset();
  decider.emplace(next->policy);
  snapshot = std::move(next);
  generation_ = generation;
}

std::string Worker::next_request_id() { return fmt::format("{}-{}-{}", prefix_, index_, ++counter_); }

}  // namespace gavel::service
