#include "service/log_chain.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unordered_set>

#include "service/decision_record.hpp"

namespace gavel::service {
namespace {

struct Line {
  RecordLink link;
  RecordCheck check = RecordCheck::ok;
  std::string error;
  bool empty = false;
};

// Every line of `path`, checked on its own; `cut` is set when the last one has no newline.
bool read_lines(const std::string& path, std::vector<Line>& lines, bool& cut, std::string& error) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    error = fmt::format("cannot read `{}`: {}", path, std::strerror(errno));
    return false;
  }
  char* buffer = nullptr;
  std::size_t capacity = 0;
  ssize_t n;
  cut = false;
  errno = 0;
  while ((n = ::getline(&buffer, &capacity, file)) > 0) {
    std::string_view text(buffer, std::size_t(n));
    const bool whole = text.back() == '\n';
    if (whole) text.remove_suffix(1);
    Line line;
    line.empty = text.empty();
    if (!line.empty) line.check = check_record(text, line.link, line.error);
    lines.push_back(std::move(line));
    if (!whole) cut = true;
  }
  const int read_error = std::ferror(file) ? errno : 0;
  std::free(buffer);
  std::fclose(file);
  if (read_error) {
    error = fmt::format("cannot read `{}`: {}", path, std::strerror(read_error));
    return false;
  }
  return true;
}

}  // namespace

ChainReport verify_chain(const std::vector<std::string>& files) {
  ChainReport report;
  std::uint64_t expected = 0;  // the next sequence number; 0 before the first record
  std::string prev;
  for (const auto& path : files) {
    std::vector<Line> lines;
    bool cut = false;
    std::string error;
    if (!read_lines(path, lines, cut, error)) {
      report.unreadable = error;
      return report;
    }
    if (cut) {
      const auto& last = lines.back();
      report.cut.push_back({path, lines.size(), last.check == RecordCheck::not_a_record ? 0 : last.link.seq,
                            "the last line has no newline: a record whose write was cut short, never answered"});
      lines.pop_back();
    }
    // The sequence numbers present, to tell a record moved from a record removed.
    std::unordered_set<std::uint64_t> present;
    for (const auto& l : lines)
      if (!l.empty && l.check != RecordCheck::not_a_record) present.insert(l.link.seq);
    auto broken = [&](std::size_t index, std::uint64_t seq, std::string what) {
      report.broken = ChainBreak{path, index + 1, seq, std::move(what)};
      return report;
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto& l = lines[i];
      if (l.empty) return broken(i, 0, "an empty line where a record should be");
      if (l.check == RecordCheck::not_a_record) return broken(i, 0, l.error);
      const auto seq = l.link.seq;
      if (l.check == RecordCheck::edited) return broken(i, seq, fmt::format("record {} was edited: {}", seq, l.error));
      if (expected == 0) {
        // The first record given: the chain starts here (the files before it may have been
        // removed by retention), unless it is the very first record, which chains to zeros.
        if (seq == 1 && l.link.prev != genesis_hash)
          return broken(i, seq, "record 1 does not start the chain: its `prev` is not 64 zeros");
        if (seq == 0) return broken(i, seq, "a record numbered 0: records are numbered from 1");
        report.first_seq = seq;
      } else if (seq != expected) {
        if (seq > expected && !present.count(expected)) {
          const auto missing = seq - expected == 1 ? fmt::format("record {} is", expected)
                                                   : fmt::format("records {} to {} are", expected, seq - 1);
          return broken(i, seq, fmt::format("{} missing: removed before record {}", missing, seq));
        }
        return broken(i, seq, fmt::format("record {} is out of order: record {} should come here (records were "
                                          "reordered)", seq, expected));
      } else if (l.link.prev != prev) {
        return broken(i, seq, fmt::format("record {} does not chain to record {}: its `prev` is not that record's "
                                          "hash (record {} was edited and its hash recomputed, or replaced)",
                                          seq, seq - 1, seq - 1));
      }
      prev = l.link.hash;
      expected = seq + 1;
      ++report.records;
      report.last_seq = seq;
    }
  }
  report.last_hash = prev;
  return report;
}

}  // namespace gavel::service
