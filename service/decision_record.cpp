#include "service/decision_record.hpp"

#include <fmt/format.h>

#include <charconv>

#include "service/sha256.hpp"

namespace gavel::service {
namespace {

constexpr std::string_view hash_member = ",\"hash\":\"";
constexpr std::string_view prev_member = ",\"prev\":\"";
constexpr std::string_view seq_member = "{\"seq\":";

bool is_hex64(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

void seal_record(std::string& out, std::uint64_t seq, std::string_view body, std::string& prev) {
  const std::size_t start = out.size();
  out += seq_member;
  out += std::to_string(seq);
  out += ',';
  out += body;
  out += prev_member;
  out += prev;
  out += '"';
  prev = sha256_hex(std::string_view(out).substr(start));
  out += hash_member;
  out += prev;
  out += "\"}\n";
}

RecordCheck check_record(std::string_view line, RecordLink& link, std::string& error) {
  // The fixed frame: {"seq":N, … ,"prev":"<hex>","hash":"<hex>"}. The members between are
  // covered by the hash and need not be read to check the chain.
  constexpr std::size_t tail = hash_member.size() + 64 + 2;  // ,"hash":"…"}
  if (line.size() < seq_member.size() + tail || !line.starts_with(seq_member) ||
      line.substr(line.size() - tail, hash_member.size()) != hash_member || !line.ends_with("\"}")) {
    error = "not a decision record (a JSON object from `{\"seq\":` to its `\"hash\"`)";
    return RecordCheck::not_a_record;
  }
  const std::string_view hash = line.substr(line.size() - 66, 64);
  const std::string_view sealed = line.substr(0, line.size() - tail);
  const auto digits = line.substr(seq_member.size());
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), link.seq);
  if (ec != std::errc{} || end == digits.data() || *end != ',') {
    error = "its `seq` is not a number";
    return RecordCheck::not_a_record;
  }
  constexpr std::size_t prev_tail = prev_member.size() + 64 + 1;  // ,"prev":"…"
  if (sealed.size() < prev_tail ||
      sealed.substr(sealed.size() - prev_tail, prev_member.size()) != prev_member || sealed.back() != '"' ||
      !is_hex64(sealed.substr(sealed.size() - 65, 64)) || !is_hex64(hash)) {
    error = "its `prev` or `hash` is not 64 hexadecimal digits";
    return RecordCheck::not_a_record;
  }
  link.prev.assign(sealed.substr(sealed.size() - 65, 64));
  link.hash.assign(hash);
  if (sha256_hex(sealed) != hash) {
    error = "its text was changed: its hash is not the SHA-256 of its text";
    return RecordCheck::edited;
  }
  return RecordCheck::ok;
}

}  // namespace gavel::service
