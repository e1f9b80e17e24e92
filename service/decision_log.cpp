#include "service/decision_log.hpp"

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "service/decision_record.hpp"
#include "service/log_chain.hpp"

namespace gavel::service {
namespace {

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A rename or a new file is durable only once its directory is.
void sync_directory(const std::string& path) {
  const int dir = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return;
  ::fsync(dir);
  ::close(dir);
}

bool write_all(int fd, std::string_view data, int& error) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      return false;
    }
    data.remove_prefix(std::size_t(n));
  }
  return true;
}

bool is_nonempty_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

}  // namespace

DecisionLog::DecisionLog(DecisionLogOptions options) : options_(std::move(options)), prev_(genesis_hash) {}

DecisionLog::~DecisionLog() {
  stop();
  if (fd_ >= 0) ::close(fd_);
}

void DecisionLog::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
}

std::string DecisionLog::rotated_name(unsigned index) const {
  return fmt::format("{}.{}", options_.path, index);
}

bool DecisionLog::open(std::string& error) {
  const std::string& path = options_.path;
  // The rotated files are FILE.1, FILE.2, …, oldest first: the next one is past the highest.
  if (DIR* dir = ::opendir(directory_of(path).c_str())) {
    const std::string prefix = base_of(path) + ".";
    while (const dirent* entry = ::readdir(dir)) {
      const std::string_view name = entry->d_name;
      if (!name.starts_with(prefix) || name.size() == prefix.size() || name.size() > prefix.size() + 9)
        continue;
      const auto digits = name.substr(prefix.size());
      if (digits.find_first_not_of("0123456789") != std::string_view::npos || digits[0] == '0') continue;
      last_rotated_ = std::max(last_rotated_, unsigned(std::stoul(std::string(digits))));
    }
    ::closedir(dir);
  }
  auto tail_of = [&](const std::string& file, ChainReport& report) {
    report = verify_chain({file});
    if (report.unreadable) {
      error = *report.unreadable;
      return false;
    }
    if (report.broken) {
      const auto& b = *report.broken;
      error = fmt::format(
          "`{}`:{}: the decision log's chain is broken{}: {}\n  = help: run `gavel log verify {}`, "
          "and move the file aside to start a new log",
          b.file, b.line, b.seq ? fmt::format(" at record {}", b.seq) : "", b.what, b.file);
      return false;
    }
    return true;
  };
  // The file is locked before it is read: a second service on the same log is refused before
  // it can take a batch being written for a record cut short.
  if (!open_current(error)) return false;
  ChainReport tail;
  if (is_nonempty_file(path)) {
    if (!tail_of(path, tail)) return false;
    if (!tail.cut.empty()) {
      // A record cut by a crash: the file is kept as it is, as the next rotated file, and the
      // new file chains to the last whole record.
      const auto aside = rotated_name(++last_rotated_);
      if (::rename(path.c_str(), aside.c_str()) != 0) {
        error = fmt::format("cannot move `{}` (its last record was cut short) to `{}`: {}", path, aside,
                            std::strerror(errno));
        return false;
      }
      ::close(fd_);
      fd_ = -1;
      if (!open_current(error)) return false;
      fmt::print(
          stderr,
          "gavel serve: `{}`:{}: the last record was cut short (never answered); the file is now `{}`\n",
          path, tail.cut.front().line, aside);
    }
  }
  if (tail.records == 0 && last_rotated_ > 0) {
    // An empty current file chains to the last record of the newest rotated file with one.
    for (unsigned i = last_rotated_; i > 0 && tail.records == 0; --i)
      if (is_nonempty_file(rotated_name(i)) && !tail_of(rotated_name(i), tail)) return false;
  }
  if (tail.records > 0) {
    next_seq_ = tail.last_seq + 1;
    prev_ = tail.last_hash;
  }
  writer_ = std::thread([this] { write_loop(); });
  return true;
}

bool DecisionLog::open_current(std::string& error) {
  fd_ = ::open(options_.path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd_ < 0) {
    error = fmt::format("cannot open `{}` for appending: {}", options_.path, std::strerror(errno));
    return false;
  }
  // Two writers would fork the chain: the second service on one log is refused.
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
    error = fmt::format("`{}` is written by another process (it holds the file's lock)", options_.path);
    ::close(fd_);
    fd_ = -1;
    return false;
  }
  struct stat st {};
  size_ = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) ? std::uint64_t(st.st_size) : 0;
  sync_directory(options_.path);
  return true;
}

void DecisionLog::submit(std::vector<std::string> bodies, Done done) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(bodies), std::move(done)});
  }
  wake_.notify_one();
}

void DecisionLog::write_loop() {
  std::vector<Submission> batch;
  std::string out;
  for (;;) {
    batch.clear();
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and all written
      batch.swap(queue_);
    }
    // Everything that came while the last batch was being made durable goes in this one.
    out.clear();
    const auto first_seq = next_seq_;
    const auto first_prev = prev_;
    std::uint64_t records = 0;
    for (const auto& s : batch)
      for (const auto& body : s.bodies) {
        seal_record(out, next_seq_++, body, prev_);
        ++records;
      }
    int error = 0;
    bool ok = write_all(fd_, out, error);
    if (ok && ::fdatasync(fd_) != 0 && errno != EINVAL) {  // EINVAL: a device that cannot sync
      error = errno;
      ok = false;
    }
    std::string message;
    if (ok) {
      size_ += out.size();
      records_.fetch_add(records, std::memory_order_relaxed);
      batches_.fetch_add(1, std::memory_order_relaxed);
      failing_.store(false, std::memory_order_relaxed);
    } else {
      // None of this batch is answered: what part of it reached the file is cut off, and the
      // chain goes on from the last record that was committed.
      if (::ftruncate(fd_, off_t(size_)) != 0) {
        // The file cannot be cut back: the partial batch stays, and `gavel log verify`
        // names it; the chain goes on from the last committed record all the same.
      }
      next_seq_ = first_seq;
      prev_ = first_prev;
      message = std::strerror(error);
      failures_.fetch_add(1, std::memory_order_relaxed);
      if (!failing_.exchange(true, std::memory_order_relaxed))
        fmt::print(stderr,
                   "gavel serve: cannot write the decision log `{}`: {}; answering 503 until it can\n",
                   options_.path, message);
    }
    for (auto& s : batch) s.done(ok, message);
    if (ok && options_.max_bytes && size_ >= options_.max_bytes) rotate();
  }
}

// FILE becomes FILE.N and a new FILE starts; the chain goes on across them.
void DecisionLog::rotate() {
  const auto aside = rotated_name(last_rotated_ + 1);
  if (::rename(options_.path.c_str(), aside.c_str()) != 0) {
    fmt::print(stderr, "gavel serve: cannot rotate `{}` to `{}`: {}; going on in `{}`\n", options_.path,
               aside, std::strerror(errno), options_.path);
    return;
  }
  ++last_rotated_;
  ::close(fd_);
  fd_ = -1;
  std::string error;
  if (!open_current(error)) {
    // The records keep going to the rotated file rather than nowhere.
    fd_ = ::open(aside.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    fmt::print(stderr, "gavel serve: {}; going on in `{}`\n", error, aside);
    return;
  }
  rotations_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace gavel::service
