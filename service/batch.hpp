// POST /v1/decide/batch: one body, many requests. A body whose first character other than
// white space is `[` is a JSON array of requests, answered by a JSON array; any other body is
// JSON lines, one request per line, answered by JSON lines. The array is only split here (its
// items found by their brackets and quotes); each item is read by the decider, so that a
// malformed item gets its own error in its place and the others are still decided.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gavel::service {

struct Batch {
  bool array = false;
  std::vector<std::string_view> items;  // views into the body; an empty one is a blank line
};

enum class BatchSplit { ok, malformed, too_many };

// Splits `body` into at most `max_items` requests; otherwise `error` says why.
BatchSplit split_batch(std::string_view body, std::size_t max_items, Batch& batch, std::string& error);

}  // namespace gavel::service
