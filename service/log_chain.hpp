// Checking a decision log's chain (gavel log verify, and gavel serve before it appends to an
// existing log): the files in order, oldest first, each record's hash against its text, each
// record's `prev` against the hash of the one before, and the sequence numbers without gap.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gavel::service {

struct ChainBreak {
  std::string file;
  std::size_t line = 0;
  std::uint64_t seq = 0;  // 0: the line has no sequence number that can be read
  std::string what;
};

struct ChainReport {
  std::optional<std::string> unreadable;  // a file that cannot be read: the message
  std::optional<ChainBreak> broken;       // the first bad record
  // A last line without its newline: a record whose write was cut (by a crash, or the disk
  // filling). Its decision was never answered, so it is not part of the chain.
  std::vector<ChainBreak> cut;
  std::uint64_t records = 0;
  std::uint64_t first_seq = 0, last_seq = 0;  // 0: no record
  std::string last_hash;                      // the hash the next record must chain to
  bool intact() const { return !unreadable && !broken; }
};

ChainReport verify_chain(const std::vector<std::string>& files);

}  // namespace gavel::service
