#include "engine/request/json_syntax.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdint>

namespace gavel::request {
namespace {

// A plain recursive-descent reading of RFC 8259, which stops at the first mistake.
class Locator {
 public:
  Locator(std::string_view text, std::size_t max_depth) : text_(text), max_depth_(max_depth) {}

  std::string run() {
    space();
    if (!value(0)) return where();
    space();
    if (at_ < text_.size()) {
      why_ = "unexpected text after the end of the request";
      return where();
    }
    return {};
  }

 private:
  std::string where() const {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
        ++column;  // count characters, not UTF-8 continuation bytes
      }
    }
    return fmt::format("at line {}, column {}: {}", line, column, why_);
  }

  bool fail(std::string why) {
    why_ = std::move(why);
    return false;
  }

  std::string found() const {
    if (at_ >= text_.size()) return "the end of the request";
    const char c = text_[at_];
    if (static_cast<unsigned char>(c) < 0x20) return fmt::format("a control character (0x{:02x})", c);
    if (static_cast<unsigned char>(c) < 0x80) return fmt::format("`{}`", c);
    const auto length = utf8_length(at_);
    if (length == 0) return fmt::format("a byte that is not UTF-8 (0x{:02x})", static_cast<unsigned char>(c));
    const auto character = text_.substr(at_, length);
    if (character == "\xEF\xBB\xBF") return "a byte order mark (U+FEFF)";
    return fmt::format("`{}`", character);
  }

  // The length of the UTF-8 character at `i` (RFC 3629: no overlong forms, no surrogates, at
  // most U+10FFFF), or 0 when the bytes there are not one.
  std::size_t utf8_length(std::size_t i) const {
    const auto byte = [&](std::size_t k) { return i + k < text_.size() ? static_cast<unsigned char>(text_[i + k]) : 0u; };
    const auto tail = [&](std::size_t k) { return (byte(k) & 0xC0u) == 0x80u; };
    const unsigned b0 = byte(0), b1 = byte(1);
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) return tail(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0)) return 0;
      return tail(1) && tail(2) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90)) return 0;
      return tail(1) && tail(2) && tail(3) ? 4 : 0;
    }
    return 0;
  }

  void space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
      ++at_;
  }

  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word)
      return fail(fmt::format("expected a value, found {}", found()));
    at_ += word.size();
    return true;
  }

  bool value(std::size_t depth) {
    if (depth >= max_depth_) return fail(fmt::format("nested more than {} levels deep", max_depth_));
    if (at_ >= text_.size()) return fail("expected a value, found the end of the request");
    switch (text_[at_]) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default:
        if (text_[at_] == '-' || (text_[at_] >= '0' && text_[at_] <= '9')) return number();
        if (text_[at_] == '\'') return fail("strings are written between double quotes, not single quotes");
        return fail(fmt::format("expected a value, found {}", found()));
    }
  }

  bool digits() {
    const std::size_t start = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    return at_ > start || fail(fmt::format("expected a digit, found {}", found()));
  }

  bool number() {
    const std::size_t start = at_;
    if (!number_syntax()) return false;
    // simdjson refuses a number no double can hold; say which one.
    double value = 0;
    const auto text = text_.substr(start, at_ - start);
    // simdjson reads an integer into 64 bits, anything else into a double.
    const bool integer = text.find_first_of(".eE") == std::string_view::npos;
    bool out_of_range = false;
    if (integer && text.front() == '-') {
      std::int64_t i = 0;
      out_of_range = std::from_chars(text.data(), text.data() + text.size(), i).ec == std::errc::result_out_of_range;
    } else if (integer) {
      std::uint64_t u = 0;
      out_of_range = std::from_chars(text.data(), text.data() + text.size(), u).ec == std::errc::result_out_of_range;
    } else {
      out_of_range = std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc::result_out_of_range;
    }
    if (out_of_range) {
      at_ = start;
      return fail(fmt::format("the number `{}` is out of range", text.size() > 40 ? std::string(text.substr(0, 37)) + "..." : std::string(text)));
    }
    return true;
  }

  bool number_syntax() {
    if (text_[at_] == '-') ++at_;
    if (at_ < text_.size() && text_[at_] == '0') {
      ++at_;
    } else if (!digits()) {
      return false;
    }
    if (at_ < text_.size() && text_[at_] == '.' && (++at_, !digits())) return false;
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) return false;
    }
    return true;
  }

  bool string() {
    ++at_;  // the opening quote
    while (at_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c < 0x20) return fail(fmt::format("a control character (0x{:02x}) inside a string: escape it", c));
      if (c >= 0x80) {
        const auto length = utf8_length(at_);
        if (length == 0) return fail(fmt::format("a byte that is not UTF-8 (0x{:02x}) inside a string", c));
        at_ += length;
        continue;
      }
      if (c == '\\') {
        ++at_;
        if (at_ >= text_.size()) break;
        const char e = text_[at_];
        if (e == 'u') {
          for (int i = 1; i <= 4; ++i)
            if (at_ + i >= text_.size() || !std::isxdigit(static_cast<unsigned char>(text_[at_ + i])))
              return fail("`\\u` must be followed by four hexadecimal digits");
          at_ += 4;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return fail(fmt::format("unknown escape `\\{}` in a string", e));
        }
      }
      ++at_;
    }
    return fail("a string is not closed: the `\"` that ends it is missing");
  }

  bool array(std::size_t depth) {
    ++at_;
    space();
    if (at_ < text_.size() && text_[at_] == ']') return ++at_, true;
    for (;;) {
      if (!value(depth + 1)) return false;
      space();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        space();
        if (at_ < text_.size() && text_[at_] == ']') return fail("a `,` before `]`: remove the trailing comma");
        continue;
      }
      if (at_ < text_.size() && text_[at_] == ']') return ++at_, true;
      return fail(fmt::format("expected `,` or `]` in a list, found {}", found()));
    }
  }

  bool object(std::size_t depth) {
    ++at_;
    space();
    if (at_ < text_.size() && text_[at_] == '}') return ++at_, true;
    for (;;) {
      if (at_ >= text_.size() || text_[at_] != '"')
        return fail(fmt::format("expected a field name in double quotes, found {}", found()));
      if (!string()) return false;
      space();
      if (at_ >= text_.size() || text_[at_] != ':')
        return fail(fmt::format("expected `:` after a field name, found {}", found()));
      ++at_;
      space();
      if (!value(depth + 1)) return false;
      space();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        space();
        if (at_ < text_.size() && text_[at_] == '}') return fail("a `,` before `}`: remove the trailing comma");
        continue;
      }
      if (at_ < text_.size() && text_[at_] == '}') return ++at_, true;
      return fail(fmt::format("expected `,` or `}}` in an object, found {}", found()));
    }
  }

  std::string_view text_;
  std::size_t max_depth_;
  std::size_t at_ = 0;
  std::string why_;
};

}  // namespace

std::string locate_json_error(std::string_view text, std::size_t max_depth) { return Locator(text, max_depth).run(); }

}  // namespace gavel::request
