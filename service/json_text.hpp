// Writing JSON text by hand, for the service's own small answers (the decisions themselves
// are Decider::decide_json's).
#pragma once

#include <string>
#include <string_view>

#include "gavel/gavel.hpp"  // append_json_string: the one escaper

namespace gavel::service {

// {"error":{"field":"","message":…,"help":…}}: the shape of a refused request's answer.
inline std::string error_json(std::string_view message, std::string_view help = {}) {
  std::string out = R"({"error":{"field":"","message":)";
  append_json_string(out, message);
  if (!help.empty()) {
    out += R"(,"help":)";
    append_json_string(out, help);
  }
  out += "}}";
  return out;
}

}  // namespace gavel::service
