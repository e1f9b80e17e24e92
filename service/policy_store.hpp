// The policy in use, and how it is replaced. A reload reads the file (bounded), checks and
// compiles it on the caller's thread (the service's control thread, never a request's), and
// only then swaps the new snapshot in under a mutex: a worker sees the old policy or the new
// one, never a half-loaded one. A file with errors leaves the policy in use and is kept as the
// last failed reload.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <gavel/gavel.hpp>

namespace gavel::service {

// One loaded policy and what the service says of it.
struct PolicySnapshot {
  std::shared_ptr<const Policy> policy;
  std::string file;
  std::string revision;   // SHA-256 of the text, hex
  std::string loaded_at;  // UTC, RFC 3339
};

struct FailedReload {
  std::string at;        // UTC, RFC 3339
  std::string revision;  // of the text that failed; empty when it could not be read
  std::vector<PolicyDiagnostic> diagnostics;
  std::string report;    // as `gavel check` prints them
};

enum class ReloadOutcome { loaded, unchanged, failed };

class PolicyStore {
 public:
  explicit PolicyStore(std::string file);

  // Loads the file; on failure, `failure()` says why and the store stays as it was.
  ReloadOutcome reload();

  std::shared_ptr<const PolicySnapshot> current() const;
  // Increases with every swap: a worker compares it with its own to know when to rebuild.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  std::optional<FailedReload> last_failure() const;

  // GET /v1/policy.
  std::string describe_json() const;

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  mutable std::mutex mutex_;
  std::shared_ptr<const PolicySnapshot> current_;
  std::optional<FailedReload> failure_;
  std::atomic<std::uint64_t> generation_{0};
};

// The current time as RFC 3339 UTC, to the second.
std::string utc_now();

}  // namespace gavel::service
