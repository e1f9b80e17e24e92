// One record of the decision log: a JSON line whose last two members chain it to the record
// before it. The record's hash is the SHA-256 of its text up to `,"hash":` — every byte of the
// record but its own hash — and `prev` is the hash of the record before (64 zeros before the
// first), so that editing, removing or reordering any record breaks the chain after it.
//   {"seq":N,"time":…,"request_id":…,"revision":…,"answer":{…},"request_kept":…,"request":{…},
//    "prev":"<64 hex>","hash":"<64 hex>"}
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gavel::service {

inline constexpr std::string_view genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Appends the whole line (with its newline) for `body` — the members between `seq` and
// `prev`, without braces — and replaces `prev` by the new record's hash.
void seal_record(std::string& out, std::uint64_t seq, std::string_view body, std::string& prev);

// What a line says of its place in the chain. `line` is without its newline.
struct RecordLink {
  std::uint64_t seq = 0;
  std::string prev;
  std::string hash;
};

enum class RecordCheck {
  ok,
  not_a_record,  // not a JSON object with seq, prev and hash last
  edited,        // its hash is not the hash of its text
};

// Reads `line`'s seq, prev and hash, and checks its hash against its text (`error` says what
// is wrong otherwise).
RecordCheck check_record(std::string_view line, RecordLink& link, std::string& error);

}  // namespace gavel::service
