// Where a JSON text stops being JSON. The decoder's parser says only that a request is not
// valid JSON; on that (cold) path this finds the first place it goes wrong, so the error can
// say where and why: "at line 1, column 57: expected a value after `,`".
#pragma once

#include <string>
#include <string_view>

namespace gavel::request {

// Empty when `text` is one valid JSON value (up to `max_depth` deep), with nothing after it.
std::string locate_json_error(std::string_view text, std::size_t max_depth);

}  // namespace gavel::request
