#include "service/batch.hpp"

namespace gavel::service {
namespace {

constexpr std::size_t max_depth = 64;  // deeper items are refused by the decider anyway

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

BatchSplit split_lines(std::string_view body, std::size_t max_items, Batch& batch, std::string& error) {
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    if (batch.items.size() == max_items) {
      error = "the batch has more than " + std::to_string(max_items) + " requests";
      return BatchSplit::too_many;
    }
    batch.items.push_back(trim(body.substr(start, end - start)));
    start = end + 1;
  }
  return BatchSplit::ok;
}

BatchSplit split_array(std::string_view body, std::size_t open, std::size_t max_items, Batch& batch,
                       std::string& error) {
  std::string brackets;  // the open `{` and `[` inside the current item
  std::size_t pos = open + 1;
  std::size_t start = pos;
  bool in_string = false;
  auto fail = [&](std::string message) {
    error = std::move(message);
    return BatchSplit::malformed;
  };
  if (trim(body.substr(pos)).starts_with(']')) {
    pos = body.find(']', pos) + 1;
    return trim(body.substr(pos)).empty() ? BatchSplit::ok : fail("text after the end of the array");
  }
  for (; pos < body.size(); ++pos) {
    const char c = body[pos];
    if (in_string) {
      if (c == '\\')
        ++pos;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (brackets.size() == max_depth) return fail("an item is nested deeper than " + std::to_string(max_depth));
      brackets += c;
    } else if ((c == '}' || c == ']') && !brackets.empty()) {
      if ((c == '}') != (brackets.back() == '{'))
        return fail(std::string("a `") + c + "` closes a `" + brackets.back() + "` at byte " + std::to_string(pos));
      brackets.pop_back();
    } else if (c == '}') {
      return fail("a `}` outside any object at byte " + std::to_string(pos));
    } else if (brackets.empty() && (c == ',' || c == ']')) {
      const auto item = trim(body.substr(start, pos - start));
      if (item.empty()) return fail("an empty item before byte " + std::to_string(pos));
      if (batch.items.size() == max_items) {
        error = "the batch has more than " + std::to_string(max_items) + " requests";
        return BatchSplit::too_many;
      }
      batch.items.push_back(item);
      start = pos + 1;
      if (c == ']')
        return trim(body.substr(pos + 1)).empty() ? BatchSplit::ok : fail("text after the end of the array");
    }
  }
  return fail("the array is not closed: it ends inside an item");
}

}  // namespace

BatchSplit split_batch(std::string_view body, std::size_t max_items, Batch& batch, std::string& error) {
  batch = {};
  std::size_t first = 0;
  while (first < body.size() && is_space(body[first])) ++first;
  if (first < body.size() && body[first] == '[') {
    batch.array = true;
    return split_array(body, first, max_items, batch, error);
  }
  return split_lines(body, max_items, batch, error);
}

}  // namespace gavel::service
