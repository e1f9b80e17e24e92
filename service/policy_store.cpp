#include "service/policy_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "service/json_text.hpp"
#include "service/sha256.hpp"

namespace gavel::service {
namespace {

// The parser's bound on a rule file: a larger file is refused without being read whole.
constexpr std::size_t max_policy_bytes = 8u << 20;

// Reads at most the bound + 1 bytes (gavel::read_text_file); on failure `reason` is the
// operating system's, or the bound.
bool read_bounded(const std::string& path, std::string& text, std::string& reason) {
  if (!read_text_file(path, max_policy_bytes + 1, text, reason)) return false;
  if (text.size() > max_policy_bytes) {
    reason = "larger than the limit of " + std::to_string(max_policy_bytes) + " bytes";
    return false;
  }
  return true;
}

void append_diagnostics(std::string& out, const std::vector<PolicyDiagnostic>& diagnostics) {
  out += '[';
  bool first = true;
  for (const auto& d : diagnostics) {
    if (!first) out += ',';
    first = false;
    out += R"({"file":)";
    append_json_string(out, d.file);
    out += R"(,"line":)" + std::to_string(d.line) + R"(,"column":)" + std::to_string(d.column);
    out += d.error ? R"(,"severity":"error")" : R"(,"severity":"warning")";
    out += R"(,"message":)";
    append_json_string(out, d.message);
    if (!d.help.empty()) {
      out += R"(,"help":)";
      append_json_string(out, d.help);
    }
    out += '}';
  }
  out += ']';
}

}  // namespace

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

PolicyStore::PolicyStore(std::string file) : file_(std::move(file)) {}

ReloadOutcome PolicyStore::reload() {
  std::string text, reason;
  FailedReload failure;
  if (!read_bounded(file_, text, reason)) {
    // As load_policy_file says it.
    const std::string message = "cannot read `" + file_ + "`: " + reason;
    failure.diagnostics.push_back({file_, 0, 0, true, message, {}, "file.unreadable"});
    failure.report = file_ + ": error: " + message + "\n";
  } else {
    // The revision and the compiled policy come from the same bytes, read once.
    std::string revision = sha256_hex(text);
    {
      std::lock_guard lock(mutex_);
      if (current_ && current_->revision == revision) return ReloadOutcome::unchanged;
    }
    auto loaded = load_policy(text, file_);
    if (loaded.ok()) {
      auto next = std::make_shared<PolicySnapshot>();
      next->policy = std::move(loaded.policy);
      next->file = file_;
      next->revision = std::move(revision);
      next->loaded_at = utc_now();
      std::lock_guard lock(mutex_);
      current_ = std::move(next);
      generation_.fetch_add(1, std::memory_order_release);
      return ReloadOutcome::loaded;
    }
    failure.revision = std::move(revision);
    failure.diagnostics = std::move(loaded.diagnostics);
    failure.report = std::move(loaded.report);
  }
  failure.at = utc_now();
  std::lock_guard lock(mutex_);
  failure_ = std::move(failure);
  return ReloadOutcome::failed;
}

std::shared_ptr<const PolicySnapshot> PolicyStore::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::optional<FailedReload> PolicyStore::last_failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

std::string PolicyStore::describe_json() const {
  std::shared_ptr<const PolicySnapshot> snapshot;
  std::optional<FailedReload> failure;
  {
    std::lock_guard lock(mutex_);
    snapshot = current_;
    failure = failure_;
  }
  std::string out = R"({"file":)";
  append_json_string(out, file_);
  out += R"(,"revision":)";
  append_json_string(out, snapshot ? snapshot->revision : "");
  out += R"(,"loaded_at":)";
  append_json_string(out, snapshot ? snapshot->loaded_at : "");
  out += R"(,"last_failed_reload":)";
  if (!failure) {
    out += "null";
  } else {
    out += R"({"at":)";
    append_json_string(out, failure->at);
    out += R"(,"revision":)";
    if (failure->revision.empty())
      out += "null";
    else
      append_json_string(out, failure->revision);
    out += R"(,"diagnostics":)";
    append_diagnostics(out, failure->diagnostics);
    out += R"(,"report":)";
    append_json_string(out, failure->report);
    out += '}';
  }
  out += '}';
  return out;
}

}  // namespace gavel::service
