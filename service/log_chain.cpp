#include "service/log_chain.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "service/decision_record.hpp"

namespace gavel::service {
namespace {

// Reads a file line by line, in memory of one line: the chain is checked as it is read, so a
// log of any length is verified (and checked at startup) in constant memory.
class LineReader {
 public:
  explicit LineReader(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {
    if (!file_) error_ = errno;
  }
  ~LineReader() {
    std::free(buffer_);
    if (file_) std::fclose(file_);
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  int open_error() const { return error_; }
  // The next line without its newline; `whole` is false for a last line that has none.
  bool next(std::string_view& line, bool& whole) {
    errno = 0;
    const ssize_t n = ::getline(&buffer_, &capacity_, file_);
    if (n <= 0) {
      if (std::ferror(file_)) error_ = errno ? errno : EIO;
      return false;
    }
    line = std::string_view(buffer_, std::size_t(n));
    whole = line.back() == '\n';
    if (whole) line.remove_suffix(1);
    return true;
  }
  int read_error() const { return error_; }

 private:
  std::FILE* file_;
  char* buffer_ = nullptr;
  std::size_t capacity_ = 0;
  int error_ = 0;
};

// Whether a record numbered `seq` comes later in `path`, past line `after`: tells a record
// moved from a record removed (read again on the failure path only).
bool comes_later(const std::string& path, std::size_t after, std::uint64_t seq) {
  LineReader reader(path);
  std::string_view text;
  bool whole = true;
  RecordLink link;
  std::string error;
  for (std::size_t number = 1; reader.next(text, whole); ++number)
    if (number > after && whole && check_record(text, link, error) != RecordCheck::not_a_record &&
        link.seq == seq)
      return true;
  return false;
}

}  // namespace

ChainReport verify_chain(const std::vector<std::string>& files) {
  ChainReport report;
  std::uint64_t expected = 0;  // the next sequence number; 0 before the first record
  std::string prev;
  RecordLink link;
  std::string error;
  for (const auto& path : files) {
    LineReader reader(path);
    if (reader.open_error()) {
      report.unreadable = fmt::format("cannot read `{}`: {}", path, std::strerror(reader.open_error()));
      return report;
    }
    auto broken = [&](std::size_t number, std::uint64_t seq, std::string what) {
      report.broken = ChainBreak{path, number, seq, std::move(what)};
      return report;
    };
    std::string_view text;
    bool whole = true;
    std::size_t number = 0;
    while (reader.next(text, whole)) {
      ++number;
      const auto check = text.empty() ? RecordCheck::not_a_record : check_record(text, link, error);
      if (!whole) {
        // A last line cut short: its decision was never answered, so it is no part of the chain.
        report.cut.push_back(
            {path, number, check == RecordCheck::not_a_record ? 0 : link.seq,
             "the last line has no newline: a record whose write was cut short, never answered"});
        break;
      }
      if (text.empty()) return broken(number, 0, "an empty line where a record should be");
      if (check == RecordCheck::not_a_record) return broken(number, 0, error);
      const auto seq = link.seq;
      if (check == RecordCheck::edited)
        return broken(number, seq, fmt::format("record {} was edited: {}", seq, error));
      if (expected == 0) {
        // The first record given: the chain starts here (the files before it may have been
        // removed by retention), unless it is the very first record, which chains to zeros.
        if (seq == 1 && link.prev != genesis_hash)
          return broken(number, seq, "record 1 does not start the chain: its `prev` is not 64 zeros");
        if (seq == 0) return broken(number, seq, "a record numbered 0: records are numbered from 1");
        report.first_seq = seq;
      } else if (seq != expected) {
        if (seq > expected && !comes_later(path, number, expected)) {
          const auto missing = seq - expected == 1 ? fmt::format("record {} is", expected)
                                                   : fmt::format("records {} to {} are", expected, seq - 1);
          return broken(number, seq, fmt::format("{} missing: removed before record {}", missing, seq));
        }
        return broken(number, seq,
                      fmt::format("record {} is out of order: record {} should come here (records "
                                  "were reordered)",
                                  seq, expected));
      } else if (link.prev != prev) {
        return broken(number, seq,
                      fmt::format("record {} does not chain to record {}: its `prev` is not that "
                                  "record's hash (record {} was edited and its hash recomputed, or "
                                  "replaced)",
                                  seq, seq - 1, seq - 1));
      }
      prev = link.hash;
      expected = seq + 1;
      ++report.records;
      report.last_seq = seq;
    }
    if (reader.read_error()) {
      report.unreadable = fmt::format("cannot read `{}`: {}", path, std::strerror(reader.read_error()));
      return report;
    }
  }
  report.last_hash = prev;
  return report;
}

}  // namespace gavel::service
