#include "engine/request/json_syntax.hpp"

#include <fmt/format.h>

#include <cctype>

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
    return fmt::format("`{}`", c);
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
