// Writing JSON text by hand, for the service's own small answers (the decisions themselves
// are Decider::decide_json's).
#pragma once

#include <string>
#include <string_view>

namespace gavel::service {

inline void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex[(c >> 4) & 0xf];
          out += hex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

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
