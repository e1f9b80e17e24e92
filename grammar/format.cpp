// `gavel fmt`: the canonical layout of a rule file (grammar/format.hpp).
//
// The file is cut into tokens (words, texts, punctuation, comments); a clean parse says at
// which token each declaration and rule starts. Each item is then laid out by its kind: a
// block (`controller`, `purpose`, `recipient`, `calendar`) one clause a line inside braces, a
// list (`countries`, `group`) on one line when it fits, a rule one clause a line under its
// title. A line longer than format_width is wrapped after a comma or before `and` / `or`,
// continuing under the first word after the clause's keyword.
//
// Comments stay with the token they are written beside: one on its own line goes before the
// token that follows it (a line break is made there if that token is inside a line), one at
// the end of a line stays at the end of the line of the token before it. Blank lines are kept
// between items and before comments (one at most); an item that takes several lines always
// has one before and after it.
//
// The layout never depends on where the source broke its lines, only on the tokens, the
// comments and the blank lines it keeps, so formatting a formatted file changes nothing.
#include "grammar/format.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "gavel/gavel.hpp"
#include "grammar/diagnostics.hpp"
#include "grammar/parser.hpp"

namespace gavel::grammar {
namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

struct Token {
  enum class Kind { word, text, punct, comment };
  Kind kind = Kind::word;
  std::string_view raw;
  std::uint32_t offset = 0;
  bool line_start = false;    // nothing but spaces before it on its line
  bool column_one = false;    // at the first byte of its line
  bool blank_before = false;  // a blank line between it and what precedes it
};

std::vector<Token> lex(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0, line_begin = 0;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") i = line_begin = 3;  // a byte order mark is not kept
  int newlines = 1;  // the file's start counts as a line start, not as a blank line
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\n' || c == '\r') {
      ++newlines;
      i += (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
      line_begin = i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
      ++i;
      continue;
    }
    Token t;
    t.offset = static_cast<std::uint32_t>(i);
    t.line_start = newlines > 0;
    t.blank_before = newlines > 1 && !out.empty();
    t.column_one = i == line_begin;
    std::size_t j = i + 1;
    if (c == '/' && j < s.size() && s[j] == '/') {
      t.kind = Token::Kind::comment;
      while (j < s.size() && s[j] != '\n' && s[j] != '\r') ++j;
      std::size_t e = j;
      while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\v' || s[e - 1] == '\f')) --e;
      t.raw = s.substr(i, e - i);
    } else if (c == '"') {
      t.kind = Token::Kind::text;
      while (j < s.size() && s[j] != '"') j += (s[j] == '\\' && j + 1 < s.size()) ? 2 : 1;
      j = std::min(j + 1, s.size());
      t.raw = s.substr(i, j - i);
    } else if (is_word_char(c)) {
      while (j < s.size() && is_word_char(s[j])) ++j;
      t.raw = s.substr(i, j - i);
    } else {
      t.kind = Token::Kind::punct;
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;  // one UTF-8 character
      t.raw = s.substr(i, j - i);
    }
    out.push_back(t);
    i = j;
    newlines = 0;
  }
  return out;
}

// Characters, not bytes: a name is ASCII, but a text or a comment may hold any letter.
std::size_t width_of(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// Where each declaration and rule begins, from the tree of a clean parse.
std::set<std::uint32_t> item_starts(const syntax::Policy& p) {
  std::set<std::uint32_t> starts;
  auto add = [&](const auto& items) {
    for (const auto& item : items) starts.insert(item.span.begin);
  };
  add(p.controllers), add(p.categories), add(p.dates), add(p.facts), add(p.countries), add(p.calendars);
  add(p.purposes), add(p.groups), add(p.recipients), add(p.deadlines), add(p.rules), add(p.rights);
  add(p.frameworks);
  return starts;
}

class Formatter {
 public:
  Formatter(const std::vector<Token>& tokens, const std::set<std::uint32_t>& starts) {
    for (const auto& t : tokens) {
      if (t.kind != Token::Kind::comment) {
        code_.push_back(t);
        leading_.emplace_back(std::move(pending_));
        pending_.clear();
        trailing_.emplace_back();
        // A declaration the tree does not know yet still starts an item when it starts a line.
        item_.push_back(starts.count(t.offset) > 0 || (t.column_one && is_item_keyword(t.raw)));
      } else if (!t.line_start && !code_.empty() && pending_.empty()) {
        trailing_.back() = t;
      } else {
        pending_.push_back(t);
      }
    }
    if (!item_.empty()) item_[0] = true;
  }

  std::string run() {
    std::vector<std::size_t> begins;
    for (std::size_t i = 0; i < code_.size(); ++i)
      if (item_[i]) begins.push_back(i);
    begins.push_back(code_.size());
    std::string result;
    bool previous_multi = false;
    std::size_t align_column = 0;
    for (std::size_t k = 0; k + 1 < begins.size(); ++k) {
      const std::size_t b = begins[k], e = begins[k + 1];
      if (!aligned_with_previous(begins, k)) align_column = run_column(begins, k);
      out_.clear();
      column_ = 0;
      render_item(b, e, align_column);
      const bool multi = std::count(out_.begin(), out_.end(), '\n') > 1;
      const auto& lead = leading_[b];
      const bool blank = k > 0 && (previous_multi || multi || (lead.empty() ? code_[b].blank_before : lead[0].blank_before));
      if (blank) result += '\n';
      for (std::size_t c = 0; c < lead.size(); ++c) {
        if (c > 0 && lead[c].blank_before) result += '\n';
        result.append(lead[c].raw).push_back('\n');
      }
      if (!lead.empty() && code_[b].blank_before) result += '\n';
      result += out_;
      previous_multi = multi;
    }
    for (std::size_t c = 0; c < pending_.size(); ++c) {
      if (!result.empty() && (pending_[c].blank_before || (c == 0 && previous_multi))) result += '\n';
      result.append(pending_[c].raw).push_back('\n');
    }
    return result;
  }

 private:
  static bool is_item_keyword(std::string_view w) {
    static const std::set<std::string_view> words = {"controller", "category", "date",  "fact",    "countries",
                                                     "calendar",   "group",    "respond", "rule",  "right",
                                                     "framework"};
    return words.count(w) > 0;
  }

  // ---- alignment of adjacent one-line declarations: their descriptions in one column ----

  static bool alignable_kind(std::string_view w) { return w == "category" || w == "date" || w == "fact" || w == "right"; }

  bool alignable(const std::vector<std::size_t>& begins, std::size_t k) const {
    const std::size_t b = begins[k], e = begins[k + 1];
    if (!alignable_kind(code_[b].raw) || e - b < 3 || code_[b + 2].kind != Token::Kind::text) return false;
    for (std::size_t i = b; i < e; ++i) {
      if (i > b && !leading_[i].empty()) return false;
      if (i + 1 < e && trailing_[i]) return false;
      if (code_[i].raw == "governed") return false;
    }
    return true;
  }

  bool aligned_with_previous(const std::vector<std::size_t>& begins, std::size_t k) const {
    if (k == 0 || !alignable(begins, k) || !alignable(begins, k - 1)) return false;
    const std::size_t b = begins[k];
    return code_[b].raw == code_[begins[k - 1]].raw && leading_[b].empty() && !code_[b].blank_before;
  }

  // The column of the descriptions of the run of aligned declarations that starts at item k.
  std::size_t run_column(const std::vector<std::size_t>& begins, std::size_t k) const {
    if (!alignable(begins, k)) return 0;
    std::size_t column = 0;
    for (std::size_t j = k; j + 1 < begins.size() && (j == k || aligned_with_previous(begins, j)); ++j) {
      const std::size_t b = begins[j];
      column = std::max(column, width_of(code_[b].raw) + 1 + width_of(code_[b + 1].raw) + 1);
    }
    return column;
  }

  // ---- output ------------------------------------------------------------------------------

  void put(std::string_view raw) {
    out_ += raw;
    const auto last = raw.find_last_of("\r\n");
    column_ = last == std::string_view::npos ? column_ + width_of(raw) : width_of(raw.substr(last + 1));
  }
  void put_indent(std::size_t n) {
    out_.append(n, ' ');
    column_ += n;
  }
  void line_break() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    out_ += '\n';
    column_ = 0;
  }
  void comments(const std::vector<Token>& cs, std::size_t indent) {
    for (const auto& c : cs) {
      if (c.blank_before && !out_.empty() && out_.back() == '\n' && !out_.ends_with("\n\n")) out_ += '\n';
      put_indent(indent);
      put(c.raw);
      line_break();
    }
  }

  bool needs_space(std::size_t i) const {
    const auto r = code_[i].raw;
    return r != "," && r != ")" && code_[i - 1].raw != "(";
  }
  bool break_allowed(std::size_t i) const {
    return code_[i - 1].raw == "," || code_[i].raw == "and" || code_[i].raw == "or";
  }
  // The width of the tokens from i to the next place a line may break, with the space before i.
  std::size_t chunk_width(std::size_t i, std::size_t e) const {
    std::size_t w = needs_space(i) ? 1 : 0;
    for (std::size_t j = i; j < e && (j == i || !break_allowed(j)); ++j)
      w += (j > i && needs_space(j) ? 1 : 0) + width_of(code_[j].raw);
    return w;
  }

  // One logical line: tokens [b, e) from `indent`, wrapped at `continuation` (by default under
  // the word after the first). `pad_to`: the column token b + pad_at starts at, when further.
  void line(std::size_t b, std::size_t e, std::size_t indent, std::optional<std::size_t> continuation = {},
            std::size_t pad_to = 0, bool with_leading = true, std::size_t pad_at = 1) {
    if (b >= e) return;
    if (with_leading) comments(leading_[b], indent);
    put_indent(indent);
    const std::size_t cont = continuation ? *continuation
                                          : std::max(indent + width_of(code_[b].raw) + 1, pad_at == 1 ? pad_to : 0);
    for (std::size_t i = b; i < e; ++i) {
      if (i > b) {
        if (trailing_[i - 1] || !leading_[i].empty()) {
          if (!trailing_[i - 1]) line_break();
          comments(leading_[i], cont);
          put_indent(cont);
        } else if (break_allowed(i) && column_ + chunk_width(i, e) > format_width) {
          line_break();
          put_indent(cont);
        } else if (needs_space(i)) {
          put(" ");
          if (i == b + pad_at && column_ < pad_to) put_indent(pad_to - column_);
        }
      }
      put(code_[i].raw);
      if (trailing_[i]) {
        put("  ");
        put(trailing_[i]->raw);
        line_break();
      }
    }
    if (!trailing_[e - 1]) line_break();
  }

  std::size_t find(std::size_t b, std::size_t e, std::string_view raw) const {
    for (std::size_t i = b; i < e; ++i)
      if (code_[i].raw == raw) return i;
    return e;
  }
  std::size_t find_last(std::size_t b, std::size_t e, std::string_view raw) const {
    for (std::size_t i = e; i > b; --i)
      if (code_[i - 1].raw == raw) return i - 1;
    return e;
  }

  // The closing brace of a block, with the comments before it at the block's indent.
  void close(std::size_t i) {
    comments(leading_[i], 2);
    line(i, i + 1, 0, {}, 0, false);
  }

  // Clauses of [b, e), each on a line of its own at `indent`, where `starts_clause(i)`.
  // The first line (the item's, whose comments are already out) at the margin.
  template <typename Starts>
  void clauses(std::size_t b, std::size_t e, std::size_t indent, Starts starts_clause) {
    std::size_t s = b;
    for (std::size_t i = b + 1; i <= e; ++i)
      if (i == e || starts_clause(i)) {
        line(s, i, s == b ? 0 : indent, {}, 0, s != b);
        s = i;
      }
  }

  bool one_line_fits(std::size_t b, std::size_t e) const {
    std::size_t w = 0;
    for (std::size_t i = b; i < e; ++i) {
      if ((i > b && !leading_[i].empty()) || (i + 1 < e && trailing_[i])) return false;
      w += (i > b && needs_space(i) ? 1 : 0) + width_of(code_[i].raw);
    }
    return w <= format_width;
  }

  void render_item(std::size_t b, std::size_t e, std::size_t align_column) {
    const std::string_view kind = code_[b].raw;
    auto word_in = [this](std::size_t i, std::initializer_list<std::string_view> words) {
      return std::find(words.begin(), words.end(), code_[i].raw) != words.end();
    };
    const std::size_t open = find(b, e, "{");
    const std::size_t shut = open < e ? find_last(open, e, "}") : e;
    const bool block = open < e && shut < e;
    if (kind == "rule") {
      clauses(b, e, 2, [&](std::size_t i) {
        return word_in(i, {"cites", "says", "deny", "allow", "defeat", "grant", "refuse", "oblige", "when", "unless",
                           "overrides"});
      });
    } else if (kind == "framework") {
      clauses(b, e, 2, [&](std::size_t i) { return code_[i].raw == "cites"; });
    } else if (kind == "category" && find(b, e, "governed") < e) {
      clauses(b, e, 2, [&](std::size_t i) { return code_[i].raw == "governed"; });
    } else if ((kind == "countries" || kind == "group") && block) {
      if (one_line_fits(b, shut + 1)) {
        line(b, shut + 1, 0, {}, 0, false);
      } else {
        line(b, open + 1, 0, {}, 0, false);
        line(open + 1, shut, 2, 2);
        close(shut);
      }
      line(shut + 1, e, 0);
    } else if (block && (kind == "controller" || kind == "purpose" || kind == "recipient" || kind == "calendar")) {
      line(b, open + 1, 0, {}, 0, false);
      auto starts = [&](std::size_t i) {
        if (kind == "controller") return word_in(i, {"address", "contact", "authority", "established", "holidays"});
        if (kind == "purpose")
          return word_in(i, {"basis", "retain", "then", "processed", "special"}) ||
                 (code_[i].raw == "data" && code_[i - 1].raw != "special");
        if (kind == "recipient") return word_in(i, {"activity", "receives", "certified"});
        return code_[i].raw == std::string_view("holiday");
      };
      // `address`, `contact` and `authority` have their texts in one column.
      std::size_t key_width = 0;
      if (kind == "controller")
        for (std::size_t i = open + 1; i < shut; ++i)
          if (word_in(i, {"address", "contact", "authority"}) && starts(i))
            key_width = std::max(key_width, width_of(code_[i].raw));
      // The `on` of a calendar's holidays in one column.
      std::size_t on_column = 0;
      if (kind == "calendar")
        for (std::size_t i = open + 1; i + 2 < shut; ++i)
          if (code_[i].raw == "holiday" && code_[i + 2].raw == "on")
            on_column = std::max(on_column, 2 + width_of(code_[i].raw) + 1 + width_of(code_[i + 1].raw) + 1);
      std::size_t s = open + 1;
      for (std::size_t i = open + 2; i <= shut; ++i)
        if (i == shut || starts(i)) {
          if (key_width > 0 && word_in(s, {"address", "contact", "authority"}))
            line(s, i, 2, {}, 2 + key_width + 1);
          else if (on_column > 0 && code_[s].raw == "holiday")
            line(s, i, 2, {}, on_column, true, 2);
          else
            line(s, i, 2);
          s = i;
        }
      close(shut);
      line(shut + 1, e, 0);
    } else {
      line(b, e, 0, {}, align_column, false, 2);
    }
  }

  std::vector<Token> code_;
  std::vector<std::vector<Token>> leading_;
  std::vector<std::optional<Token>> trailing_;
  std::vector<bool> item_;
  std::vector<Token> pending_;  // after the loop: the comments after the last token
  std::string out_;
  std::size_t column_ = 0;
};

}  // namespace

std::vector<std::string_view> tokens_of(std::string_view text) {
  std::vector<std::string_view> out;
  for (const auto& t : lex(text)) out.push_back(t.raw);
  return out;
}

FormatOutcome format(const Source& source) {
  FormatOutcome outcome;
  ParseResult parsed = parse(source);
  if (has_errors(parsed.diagnostics)) {
    outcome.diagnostics = std::move(parsed.diagnostics);
    return outcome;
  }
  const std::string_view text = parsed.policy.source.text;
  outcome.text = Formatter(lex(text), item_starts(parsed.policy)).run();
  // The layout only moves spaces: a formatted text with other tokens would be a bug here,
  // and is refused rather than written over the user's file.
  if (tokens_of(outcome.text) != tokens_of(text)) {
    outcome.text.clear();
    outcome.diagnostics.push_back({Severity::error, Span{0, 0, 1, 1},
                                   "internal error: the formatted file would not keep every token of the original",
                                   "please report this file; it was left as it is"});
  }
  return outcome;
}

}  // namespace gavel::grammar

namespace gavel {

FormatResult format_policy(std::string_view text, std::string name) {
  const Source source{std::move(name), std::string(text)};
  auto outcome = grammar::format(source);
  FormatResult result;
  result.text = std::move(outcome.text);
  for (const auto& d : outcome.diagnostics) {
    result.diagnostics.push_back({source.name, int(d.span.line), int(d.span.column), d.severity == Severity::error,
                                  d.message, d.help});
    result.report += render_human(source, d);
  }
  return result;
}

}  // namespace gavel
