// Writing JSON text by hand, for the service's own small answers (the decisions themselves
// are Decider::decide_json's).
#pragma once

#include <string>
#include <string_view>

namespace gavel::service {

// The length of the valid UTF-8 sequence at the start of `s`, or 0 when it is not one.
inline std::size_t utf8_sequence(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b = byte(0);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || n > s.size()) return 0;
  for (std::size_t i = 1; i < n; ++i)
    if ((byte(i) & 0xc0) != 0x80) return 0;
  if (n == 2 && b < 0xc2) return 0;                                    // overlong
  if (n == 3 && ((b == 0xe0 && byte(1) < 0xa0) || (b == 0xed && byte(1) >= 0xa0))) return 0;  // overlong, surrogate
  if (n == 4 && ((b == 0xf0 && byte(1) < 0x90) || b > 0xf4 || (b == 0xf4 && byte(1) >= 0x90))) return 0;
  return n;
}

// As gavel's own escaper does (grammar/diagnostics.hpp, not public): bytes that are not valid
// UTF-8 (a policy file's, quoted in a diagnostic) become U+FFFD, so the output is always JSON.
inline void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  while (!text.empty()) {
    const char c = text.front();
    const std::size_t n = utf8_sequence(text);
    if (n == 0) {
      out += "\xef\xbf\xbd";  // U+FFFD
      text.remove_prefix(1);
      continue;
    }
    if (n > 1) {
      out.append(text.substr(0, n));
      text.remove_prefix(n);
      continue;
    }
    text.remove_prefix(1);
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
