// Parse stage: the actions that turn matches of grammar/grammar.hpp into the typed syntax
// tree of grammar/syntax_tree.hpp, and parse(), which never throws for bad input.
//
// How a tree is built: the unpadded leaves (`name_word`, `text_literal`, `number_digits`, …)
// store their value in the builder's scratch fields; the rules around them move those
// values into the declaration or rule under construction; a declaration that is read to
// its end is appended to the policy. A declaration with a mistake is dropped whole: its
// diagnostic is recorded, an `item_failed` unwinds to `guarded_item`, and `recovery` skips
// to the next declaration.
#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "grammar/diagnostics.hpp"
#include "grammar/errors.hpp"
#include "grammar/grammar.hpp"
#include "grammar/parser.hpp"

namespace gavel::grammar {
namespace {

namespace pegtl = tao::pegtl;
using namespace syntax;

// Thrown to stop reading the file altogether (too many items, too many errors).
struct stop_parsing {};

constexpr std::size_t max_errors = 100;

bool is_ident_first(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_other(char c) { return is_ident_first(c) || (c >= '0' && c <= '9') || c == '-'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_beyond_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
bool has_beyond_ascii(std::string_view word) { return std::any_of(word.begin(), word.end(), is_beyond_ascii); }

bool has_lone_carriage_return(std::string_view text) {
  for (std::size_t at = text.find('\r'); at != std::string_view::npos; at = text.find('\r', at + 1))
    if (at + 1 == text.size() || text[at + 1] != '\n') return true;
  return false;
}

bool is_keyword(std::string_view word) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(word.data(), word.size(), "");
  return pegtl::parse<pegtl::seq<peg::keyword, pegtl::eof>>(in);
}

bool is_top_keyword(std::string_view word) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(word.data(), word.size(), "");
  return pegtl::parse<pegtl::seq<peg::top_keyword, pegtl::eof>>(in);
}

// Names are ASCII: what to write instead of `données`.
std::string non_ascii_name_help(std::string_view word) {
  const std::string ascii = ascii_name(word);
  if (ascii.empty() || is_keyword(ascii)) return "a name is made of ASCII letters, digits, `_` and `-`";
  return fmt::format("a name is made of ASCII letters, digits, `_` and `-`: did you mean `{}`?", ascii);
}

template <typename Enum, std::size_t N>
Enum enum_of(std::string_view word, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == word) return static_cast<Enum>(i);
  return static_cast<Enum>(0);
}

// Replaces every `{key}` of `message` by `value`.
std::string substitute(std::string message, std::string_view key, std::string_view value) {
  for (std::size_t at = message.find(key); at != std::string::npos; at = message.find(key, at + value.size()))
    message.replace(at, key.size(), value);
  return message;
}

struct builder {
  builder(syntax::Policy& p, std::vector<Diagnostic>& d) : policy(p), diagnostics(d) {}

  syntax::Policy& policy;
  std::vector<Diagnostic>& diagnostics;

  std::size_t items = 0;
  std::uint32_t last_end = 0;  // end of the last token read (where the padding after it starts)
  std::uint32_t last_end_line = 1, last_end_column = 1;
  std::size_t unterminated_from = std::string::npos;  // a text opened here never closes
  std::string item;            // the declaration being read, for messages: "rule `x`"
  Span last_text;              // the last text read, to spot one whose closing quote is missing
  std::uint32_t last_text_lines = 0;

  // Scratch values, set by the leaves, taken by the rules around them.
  Name name;
  Text text;
  int number = 0;
  Span number_span;
  PeriodUnit unit = PeriodUnit::day;
  Period period;
  int month = 0;
  bool easter = false;
  int easter_sign = 1;
  ContextFact fact = ContextFact::legal_claims;
  RightRef right;
  std::vector<Name> names;
  std::vector<BasisRef> bases;
  std::vector<ActionRef> actions;
  std::vector<RetentionTerm> terms;
  RetentionTerm::From counted_from = RetentionTerm::From::date;  // `end of year of` before a date
  std::optional<Period> archive_for;                              // `then archive for PERIOD`
  std::vector<Condition> conditions;  // operands not yet combined
  std::vector<std::size_t> marks;     // where the operands of each open `and` / `or` begin
  std::size_t paren_depth = 0;
  std::size_t not_depth = 0;
  Span last_open;  // the last `(` or `not` read, where a too deep nesting is reported
  std::vector<Span> open_parens;  // the `(` not closed yet
  ActionSet action_set;
  PurposeSet purpose_set;
  EndOfRetention then = EndOfRetention::erase;
  Conclusion::Kind obligation = Conclusion::Kind::oblige_erase;
  Conclusion conclusion;
  Holiday holiday;
  DateLiteral date;     // the last day read
  Validity validity;    // `from` / `until` of the member or certification being read
  Name framework_ref;   // `certified under NAME`
  std::optional<Span> special_category;  // category … special
  Span one_word;                          // `one` of `one per person`
  std::unordered_set<std::string_view> fact_names;  // every name after a `fact` in the file, found before reading it
  FactDecl::Form fact_form = FactDecl::Form::asserted_per_action;
  std::vector<SpecialCondition> special_conditions;

  // The declaration under construction (one of them, by the keyword that started it).
  Name decl_name;
  Text decl_text;                      // a declaration's description, before any later text
  std::optional<Text> governed_by;     // category … governed by "…"
  Controller controller;
  Text authority_name;  // controller … authority "NAME" ["ADDRESS"]
  Countries countries;
  Calendar calendar;
  Purpose purpose;
  Group group;
  Recipient recipient;
  ResponseDeadline deadline;
  Rule rule;
  RightDecl right_decl;
  Framework framework;

  void reset() {
    item.clear();
    names.clear();
    bases.clear();
    actions.clear();
    terms.clear();
    special_conditions.clear();
    special_category.reset();
    conditions.clear();
    marks.clear();
    open_parens.clear();
    paren_depth = not_depth = 0;
    action_set = {};
    purpose_set = {};
    conclusion = {};
    controller = {};
    countries = {};
    calendar = {};
    purpose = {};
    group = {};
    recipient = {};
    deadline = {};
    rule = {};
    validity = {};
    right_decl = {};
    framework = {};
  }

  // Records a mistake and goes on reading.
  void error(Code code, Span span, std::string message, std::string help = {}) {
    if (diagnostics.size() >= max_errors) {
      diagnostics.push_back({Severity::error, span, fmt::format("too many errors, stopped after {}", max_errors), {},
                             Code::syntax_too_many_errors});
      throw stop_parsing{};
    }
    diagnostics.push_back({Severity::error, span, std::move(message), std::move(help), code});
  }

  // Records a mistake and abandons the declaration being read.
  [[noreturn]] void fail(Code code, Span span, std::string message, std::string help = {}) {
    error(code, span, std::move(message), std::move(help));
    throw peg::item_failed{};
  }

  // A failure point of the grammar: the message of the table, filled in, at `in`'s position.
  template <typename Input>
  [[noreturn]] void raise(const Input& in, const error_info& info) {
    const auto it = in.iterator();
    const char* p = in.current();
    const char* end = in.end();
    const char* q = p;
    std::string found;
    std::string_view word;
    if (p == end) {
      found = "the end of the file";
    } else if (is_ident_first(*p) || is_beyond_ascii(*p)) {
      // The whole word as written, letters beyond ASCII included (`données`, not `donn`).
      while (q != end && (is_ident_other(*q) || is_beyond_ascii(*q)) && q - p < 256) ++q;
      word = std::string_view(p, static_cast<std::size_t>(q - p));
      found = fmt::format("`{}`", word);
    } else if (is_digit(*p)) {
      while (q != end && is_digit(*q) && q - p < 256) ++q;
      found = fmt::format("`{}`", std::string_view(p, static_cast<std::size_t>(q - p)));
    } else {
      const auto c = static_cast<unsigned char>(*p);
      q = p + 1;
      if (c == '"')
        found = "text";
      else if (c < 0x20 || c == 0x7f)
        found = fmt::format("the control character U+{:04X}", c);
      else
        found = fmt::format("`{}`", *p);
    }
    Span span{static_cast<std::uint32_t>(it.byte), static_cast<std::uint32_t>(it.byte + (q - p)),
              static_cast<std::uint32_t>(it.line), static_cast<std::uint32_t>(it.column)};
    // Something missing at the end of the file: point just after the last word, not at the
    // empty line after it.
    if (p == end && last_end < it.byte) span = {last_end, last_end, last_end_line, last_end_column};

    std::string message = substitute(info.message, "{item}", item.empty() ? std::string("the declaration") : item);
    message = substitute(std::move(message), "{found}", found);

    std::string help;
    switch (info.hint) {
      case error_info::Hint::name:
        if (has_beyond_ascii(word))
          help = non_ascii_name_help(word);
        else if (!word.empty() && is_keyword(word))
          help = fmt::format("`{}` is a keyword of the language and cannot be used as a name", word);
        else if (p != end && *p == '"')
          help = "a name is a word without quotes, such as `contact_details`";
        break;
      case error_info::Hint::country:
        if (word.size() == 2) {
          std::string upper(word);
          for (auto& c : upper)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
          if (upper != word && std::all_of(upper.begin(), upper.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
            help = fmt::format("country codes are written in capitals: `{}`", upper);
        }
        break;
      case error_info::Hint::rule_order:
        for (std::string_view part : {"cites", "says", "deny", "allow", "defeat", "grant", "refuse", "oblige", "when",
                                      "unless", "overrides", "for"})
          if (word == part) {
            help = "the parts of a rule come in this order: `cites`, `says`, the conclusion (with `for`), `when`, "
                   "`unless`, `overrides`";
            break;
          }
        break;
      case error_info::Hint::block:
        if (!word.empty() && is_top_keyword(word))
          help = fmt::format("is the closing `}}` of {} missing?", item);
        break;
      case error_info::Hint::paren:
        if (!open_parens.empty())
          help = fmt::format("the `(` of line {}, column {} is not closed", open_parens.back().line,
                             open_parens.back().column);
        break;
      case error_info::Hint::words: break;
    }
    // A mistake right after a text that runs over several lines: most likely that text
    // lacks its closing quote, and swallowed what followed.
    if (help.empty() && last_text_lines > 1 && last_text.end == last_end && it.byte >= last_end)
      help = fmt::format("the text that starts on line {} runs over {} lines: is its closing `\"` missing?",
                         last_text.line, last_text_lines);
    if (help.empty() && !word.empty() && !info.words.empty()) {
      const std::vector<std::string_view> candidates(info.words.begin(), info.words.end());
      if (auto suggestion = nearest_name(word, candidates); !suggestion.empty())
        help = fmt::format("did you mean `{}`?", suggestion);
    }
    if (help.empty() && info.help != nullptr) help = info.help;
    fail(Code::syntax_expected, span, std::move(message), std::move(help));
  }
};

// ---- spans ----------------------------------------------------------------------------------

template <typename Input>
Span leaf_span(const Input& in) {
  const auto it = in.iterator();
  return {static_cast<std::uint32_t>(it.byte), static_cast<std::uint32_t>(it.byte + in.size()),
          static_cast<std::uint32_t>(it.line), static_cast<std::uint32_t>(it.column)};
}

// A rule that ends with padding: from its first byte to the end of its last token.
template <typename Input>
Span span_of(const Input& in, const builder& b) {
  Span s = leaf_span(in);
  s.end = std::max(s.begin, std::min(s.end, b.last_end));
  return s;
}

// The first word of a matched line (`basis` in `basis consent`).
template <typename Input>
Span keyword_span(const Input& in, std::string_view keyword) {
  Span s = leaf_span(in);
  s.end = s.begin + static_cast<std::uint32_t>(keyword.size());
  return s;
}

// ---- control: every failure point reports its message from the table ------------------------
// The same shape as PEGTL's must_if<Errors>::control (a message per rule type, checked at
// compile time), but the message is filled in from the builder (the declaration being read,
// the word found, a did-you-mean) and recorded as a diagnostic, and the parse of the
// declaration unwinds with item_failed, to be resumed by `recovery`.
template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, builder& b, States&&...) {
    static_assert(error_message<Rule>.message != nullptr,
                  "every failure point of the grammar needs a message in grammar/errors.hpp");
    b.raise(in, error_message<Rule>);
  }
};

// ---- actions --------------------------------------------------------------------------------

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

#define GAVEL_ACTION(rule)     \
  template <>                  \
  struct action<peg::rule> {   \
    template <typename Input>  \
    static void apply(const Input& in, builder& b)

GAVEL_ACTION(pad) {
  const auto it = in.iterator();
  b.last_end = static_cast<std::uint32_t>(it.byte);
  b.last_end_line = static_cast<std::uint32_t>(it.line);
  b.last_end_column = static_cast<std::uint32_t>(it.column);
}
};

GAVEL_ACTION(item_start) {
  (void)in;
  b.reset();
  if (++b.items > max_items) {
    b.diagnostics.push_back({Severity::error, leaf_span(in),
                             fmt::format("too many declarations and rules: a rule file holds at most {}", max_items),
                             {}, Code::syntax_too_many_items});
    throw stop_parsing{};
  }
}
};

// ---- leaves

// A name cut short by a letter beyond ASCII (`donn` of `données`): reported whole, since
// reading on from the cut would only report the `é`.
template <typename Input>
void refuse_cut_name(const Input& in, builder& b) {
  const char* p = in.end();
  const char* end = in.input().end();
  if (p == end || !is_beyond_ascii(*p)) return;
  while (p != end && (is_ident_other(*p) || is_beyond_ascii(*p)) && p - in.begin() < 256) ++p;
  const std::string_view word(in.begin(), static_cast<std::size_t>(p - in.begin()));
  Span span = leaf_span(in);
  span.end = span.begin + static_cast<std::uint32_t>(word.size());
  b.fail(Code::syntax_non_ascii_name, span, fmt::format("`{}` cannot be a name: names are written in ASCII", word), non_ascii_name_help(word));
}

GAVEL_ACTION(name_word) {
  refuse_cut_name(in, b);
  b.name = {in.string(), leaf_span(in)};
}
};
GAVEL_ACTION(rule_name_word) {
  refuse_cut_name(in, b);
  b.name = {in.string(), leaf_span(in)};
}
};

template <>
struct action<peg::text_literal> {
  // A text that never closes runs to the end of the file; so does every later one, which
  // need not be scanned again (this keeps a file of unclosed quotes linear).
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename Input>
  static bool match(Input& in, builder& b) {
    const std::size_t start = in.iterator().byte;
    if (b.unterminated_from != std::string::npos && start > b.unterminated_from) return false;
    if (pegtl::match<Rule, A, M, Action, Control>(in, b)) return true;
    b.unterminated_from = start;
    return false;
  }

  template <typename Input>
  static void apply(const Input& in, builder& b) {
    // The value from the source itself: the text read may have `\n` for a lone `\r` (parse()).
    const std::string_view raw =
        std::string_view(b.policy.source.text).substr(in.iterator().byte + 1, in.size() - 2);
    const std::string_view read(in.begin() + 1, in.size() - 2);
    std::string value;
    value.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
      value += raw[i];
    }
    b.text = {std::move(value), leaf_span(in)};
    b.last_text = b.text.span;
    b.last_text_lines = 1 + static_cast<std::uint32_t>(std::count(read.begin(), read.end(), '\n'));
  }
};

GAVEL_ACTION(number_digits) {
  const Span span = leaf_span(in);
  if (in.size() > 4)
    b.fail(Code::syntax_number_too_large, span, fmt::format("`{}` is too large: numbers have at most 4 digits", in.string().substr(0, 40)));
  b.number = std::stoi(in.string());
  b.number_span = span;
}
};

GAVEL_ACTION(unit_word) {
  switch (in.peek_char(0)) {
    case 'd': b.unit = PeriodUnit::day; break;
    case 'w': b.unit = PeriodUnit::week; break;
    case 'm': b.unit = PeriodUnit::month; break;
    default: b.unit = PeriodUnit::year; break;
  }
}
};

GAVEL_ACTION(month_word) {
  static constexpr std::array<std::string_view, 12> months = {"January", "February", "March",     "April",
                                                              "May",     "June",     "July",      "August",
                                                              "September", "October", "November", "December"};
  b.month = 1 + static_cast<int>(std::find(months.begin(), months.end(), in.string_view()) - months.begin());
}
};

GAVEL_ACTION(basis_word) { b.bases.push_back({enum_of<Basis>(in.string_view(), basis_names), leaf_span(in)}); }
};
GAVEL_ACTION(action_word) { b.actions.push_back({enum_of<Action>(in.string_view(), action_names), leaf_span(in)}); }
};
GAVEL_ACTION(right_word) { b.right = {enum_of<Right>(in.string_view(), right_names), std::nullopt, leaf_span(in)}; }
};
GAVEL_ACTION(declared_right_name) { b.right = {Right::access, b.name, span_of(in, b)}; }
};
GAVEL_ACTION(date_literal_text) { b.date = {in.string(), leaf_span(in)}; }
};
GAVEL_ACTION(valid_from) {
  (void)in;
  b.validity.from = b.date;
}
};
GAVEL_ACTION(valid_until) {
  (void)in;
  b.validity.until = b.date;
}
};
GAVEL_ACTION(fact_word) { b.fact = enum_of<ContextFact>(in.string_view(), context_fact_names); }
};
GAVEL_ACTION(country_code_word) { b.countries.members.push_back({in.string(), leaf_span(in), {}}); }
};

Period make_period(const builder& b, Span span) { return {b.number, b.unit, span}; }

// ---- controller

GAVEL_ACTION(controller_name) {
  (void)in;
  b.controller.legal_name = b.text;
  // A legal name may run over lines: keep messages on one line, and short.
  std::string shown = b.text.value.substr(0, 60);
  for (auto& c : shown)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  b.item = fmt::format("controller `{}{}`", shown, b.text.value.size() > 60 ? "…" : "");
}
};

// Each line of a block appears at most once.
void set_once(builder& b, auto& field, auto value, Span keyword, std::string_view line) {
  if (field) {
    b.error(Code::syntax_repeated_line, keyword, fmt::format("`{}` appears twice in {}", line, b.item));
    return;
  }
  field = std::move(value);
}

GAVEL_ACTION(controller_address) { set_once(b, b.controller.address, b.text, keyword_span(in, "address"), "address"); }
};
GAVEL_ACTION(controller_contact) { set_once(b, b.controller.contact, b.text, keyword_span(in, "contact"), "contact"); }
};
// The name is kept apart: when an address follows it, `b.text` holds the address.
GAVEL_ACTION(authority_text) {
  (void)in;
  b.authority_name = b.text;
}
};
GAVEL_ACTION(controller_authority) {
  const bool twice = b.controller.authority.has_value();
  set_once(b, b.controller.authority, b.authority_name, keyword_span(in, "authority"), "authority");
  if (!twice && b.text.span.begin != b.authority_name.span.begin) b.controller.authority_address = b.text;
}
};
GAVEL_ACTION(controller_established) {
  set_once(b, b.controller.established_in, b.name, keyword_span(in, "established"), "established in");
}
};
GAVEL_ACTION(controller_holidays) {
  set_once(b, b.controller.holidays, b.name, keyword_span(in, "holidays"), "holidays");
}
};
GAVEL_ACTION(controller_decl) {
  b.controller.span = span_of(in, b);
  b.policy.controllers.push_back(std::move(b.controller));
}
};

// ---- category, date

GAVEL_ACTION(category_name) {
  (void)in;
  b.decl_name = b.name;
  b.item = fmt::format("category `{}`", b.name.text);
}
};
GAVEL_ACTION(category_description_end) {
  (void)in;
  b.decl_text = b.text;
  b.governed_by.reset();
}
};
GAVEL_ACTION(category_governor) {
  (void)in;
  b.governed_by = b.text;
}
};
GAVEL_ACTION(category_special) { b.special_category = keyword_span(in, "special"); }
};
GAVEL_ACTION(category_decl) {
  b.policy.categories.push_back({b.decl_name, b.decl_text, span_of(in, b), std::move(b.governed_by), b.special_category});
  b.governed_by.reset();
  b.special_category.reset();
}
};
GAVEL_ACTION(date_name) {
  (void)in;
  b.decl_name = b.name;
  b.item = fmt::format("date `{}`", b.name.text);
}
};
GAVEL_ACTION(date_decl) { b.policy.dates.push_back({b.decl_name, b.text, span_of(in, b)}); }
};

// ---- fact

GAVEL_ACTION(fact_name) {
  (void)in;
  b.decl_name = b.name;
  b.item = fmt::format("fact `{}`", b.name.text);
}
};
GAVEL_ACTION(fact_description) {
  (void)in;
  b.decl_text = b.text;
}
};
GAVEL_ACTION(asserted_per_action) {
  (void)in;
  b.fact_form = FactDecl::Form::asserted_per_action;
}
};
GAVEL_ACTION(recorded_for_person) {
  (void)in;
  b.fact_form = FactDecl::Form::recorded_for_person;
}
};
GAVEL_ACTION(fact_decl) { b.policy.facts.push_back({b.decl_name, b.decl_text, b.fact_form, span_of(in, b)}); }
};

// ---- countries

GAVEL_ACTION(countries_name) {
  (void)in;
  b.countries.name = b.name;
  b.item = fmt::format("countries `{}`", b.name.text);
}
};
GAVEL_ACTION(countries_title) {
  (void)in;
  b.countries.title = b.text;
}
};
GAVEL_ACTION(country_member) {
  (void)in;
  b.countries.members.back().valid = std::move(b.validity);
  b.validity = {};
}
};
GAVEL_ACTION(countries_decl) {
  b.countries.span = span_of(in, b);
  b.policy.countries.push_back(std::move(b.countries));
}
};

// ---- calendar

GAVEL_ACTION(calendar_name) {
  (void)in;
  b.calendar.name = b.name;
  b.item = fmt::format("calendar `{}`", b.name.text);
}
};
GAVEL_ACTION(calendar_title) {
  (void)in;
  b.calendar.title = b.text;
}
};
GAVEL_ACTION(holiday_name) {
  (void)in;
  b.holiday = {};
  b.holiday.name = b.text;
  b.easter = false;
}
};
GAVEL_ACTION(easter_after) {
  (void)in;
  b.easter_sign = 1;
}
};
GAVEL_ACTION(easter_before) {
  (void)in;
  b.easter_sign = -1;
}
};
GAVEL_ACTION(easter_offset) {
  (void)in;
  b.easter = true;
}
};
GAVEL_ACTION(holiday_date) {
  b.holiday.date_span = span_of(in, b);
  if (b.easter) {
    b.holiday.kind = Holiday::Kind::easter_relative;
    b.holiday.easter_offset = b.easter_sign * b.number;
    return;
  }
  static constexpr std::array<std::string_view, 12> months = {"January", "February", "March",     "April",
                                                              "May",     "June",     "July",      "August",
                                                              "September", "October", "November", "December"};
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  b.holiday.kind = Holiday::Kind::fixed;
  b.holiday.day = b.number;
  b.holiday.month = b.month;
  const auto m = static_cast<std::size_t>(b.month - 1);
  const std::string_view month = months[m];
  if (b.number == 29 && b.month == 2)
    b.error(Code::syntax_no_such_day, span_of(in, b), "`29 February` does not recur every year: a holiday must fall on a day of every year");
  else if (b.number < 1 || b.number > days[m])
    b.error(Code::syntax_no_such_day, span_of(in, b), fmt::format("`{} {}` does not exist: {} has {} days", b.number, month, month,
                                        b.month == 2 ? "at most 29" : std::to_string(days[m])));
}
};
GAVEL_ACTION(holiday_line) {
  b.holiday.span = span_of(in, b);
  b.calendar.holidays.push_back(std::move(b.holiday));
}
};
GAVEL_ACTION(calendar_decl) {
  b.calendar.span = span_of(in, b);
  b.policy.calendars.push_back(std::move(b.calendar));
}
};

// ---- purpose

GAVEL_ACTION(purpose_name) {
  (void)in;
  b.purpose.name = b.name;
  b.item = fmt::format("purpose `{}`", b.name.text);
}
};
GAVEL_ACTION(purpose_title) {
  (void)in;
  b.purpose.title = b.text;
}
};
GAVEL_ACTION(basis_line) {
  if (b.purpose.bases_span)
    b.error(Code::syntax_repeated_line, keyword_span(in, "basis"), fmt::format("`basis` appears twice in {}", b.item));
  else {
    b.purpose.bases = std::move(b.bases);
    b.purpose.bases_span = span_of(in, b);
  }
  b.bases.clear();
}
};
GAVEL_ACTION(kw_one) { b.one_word = keyword_span(in, "one"); }
};
// From `one` to `person`, without the `,` before.
GAVEL_ACTION(one_per_person) {
  Span s = b.one_word;
  s.end = std::max(s.begin, std::min(span_of(in, b).end, b.last_end));
  b.purpose.one_per_person = s;
}
};
GAVEL_ACTION(explicit_consent) {
  SpecialCondition c;
  c.kind = SpecialCondition::Kind::explicit_consent;
  c.span = span_of(in, b);
  b.special_conditions.push_back(std::move(c));
}
};
GAVEL_ACTION(special_fact) {
  SpecialCondition c;
  c.kind = SpecialCondition::Kind::fact;
  c.fact = b.name;
  c.span = span_of(in, b);
  b.special_conditions.push_back(std::move(c));
}
};
GAVEL_ACTION(special_line) {
  if (b.purpose.special_span)
    b.error(Code::syntax_repeated_line, keyword_span(in, "special"), fmt::format("`special data under` appears twice in {}", b.item));
  else {
    b.purpose.special_under = std::move(b.special_conditions);
    b.purpose.special_span = span_of(in, b);
  }
  b.special_conditions.clear();
}
};
GAVEL_ACTION(data_line) {
  if (b.purpose.data_span)
    b.error(Code::syntax_repeated_line, keyword_span(in, "data"), fmt::format("`data` appears twice in {}", b.item));
  else {
    b.purpose.data = std::move(b.names);
    b.purpose.data_span = span_of(in, b);
  }
  b.names.clear();
}
};
GAVEL_ACTION(retention_period) { b.period = make_period(b, span_of(in, b)); }
};
GAVEL_ACTION(end_of_year) {
  (void)in;
  b.counted_from = RetentionTerm::From::end_of_year;
}
};
GAVEL_ACTION(end_of_month) {
  (void)in;
  b.counted_from = RetentionTerm::From::end_of_month;
}
};
GAVEL_ACTION(period_after) {
  RetentionTerm term;
  term.kind = RetentionTerm::Kind::period_after;
  term.period = b.period;
  term.anchor = b.name;
  term.from = b.counted_from;
  term.span = span_of(in, b);
  b.counted_from = RetentionTerm::From::date;
  b.terms.push_back(std::move(term));
}
};
GAVEL_ACTION(at_least_term) {
  (void)in;
  b.terms.back().minimum = true;
}
};
GAVEL_ACTION(bounded_term) { b.terms.back().span = span_of(in, b); }
};
GAVEL_ACTION(archive_period) { b.archive_for = make_period(b, span_of(in, b)); }
};
GAVEL_ACTION(until_withdrawn) {
  RetentionTerm term;
  term.kind = RetentionTerm::Kind::until_consent_withdrawn;
  term.span = span_of(in, b);
  b.terms.push_back(std::move(term));
}
};
GAVEL_ACTION(retain_line) {
  if (b.purpose.retention_span)
    b.error(Code::syntax_repeated_line, keyword_span(in, "retain"), fmt::format("`retain` appears twice in {}", b.item));
  else {
    b.purpose.retention = std::move(b.terms);
    b.purpose.retention_span = span_of(in, b);
  }
  b.terms.clear();
}
};
GAVEL_ACTION(then_erase) {
  (void)in;
  b.then = EndOfRetention::erase;
}
};
GAVEL_ACTION(then_archive) {
  (void)in;
  b.then = EndOfRetention::archive;
}
};
GAVEL_ACTION(then_line) {
  if (b.purpose.then_span)
    b.error(Code::syntax_repeated_line, keyword_span(in, "then"), fmt::format("`then` appears twice in {}", b.item));
  else {
    b.purpose.then = b.then;
    b.purpose.then_span = span_of(in, b);
    b.purpose.archive_for = b.archive_for;
  }
  b.archive_for.reset();
}
};
GAVEL_ACTION(automated_line) {
  if (b.purpose.automated)
    b.error(Code::syntax_repeated_line, keyword_span(in, "processed"), fmt::format("`processed by automated means` appears twice in {}", b.item));
  b.purpose.automated = true;
}
};
GAVEL_ACTION(purpose_decl) {
  b.purpose.span = span_of(in, b);
  b.policy.purposes.push_back(std::move(b.purpose));
}
};

// ---- group

GAVEL_ACTION(group_name) {
  (void)in;
  b.group.name = b.name;
  b.item = fmt::format("group `{}`", b.name.text);
}
};
GAVEL_ACTION(group_title) {
  (void)in;
  b.group.title = b.text;
}
};
GAVEL_ACTION(group_member) {
  (void)in;
  b.group.members.push_back(b.name);
}
};
GAVEL_ACTION(group_decl) {
  b.group.span = span_of(in, b);
  b.policy.groups.push_back(std::move(b.group));
}
};

// ---- recipient

GAVEL_ACTION(recipient_name) {
  (void)in;
  b.recipient.name = b.name;
  b.item = fmt::format("recipient `{}`", b.name.text);
}
};
GAVEL_ACTION(recipient_title) {
  (void)in;
  b.recipient.title = b.text;
}
};
GAVEL_ACTION(recipient_activity) {
  set_once(b, b.recipient.activity, b.text, keyword_span(in, "activity"), "activity");
}
};
GAVEL_ACTION(recipient_receives) {
  if (!b.recipient.receives.empty())
    b.error(Code::syntax_repeated_line, keyword_span(in, "receives"), fmt::format("`receives` appears twice in {}", b.item));
  else
    b.recipient.receives = std::move(b.names);
  b.names.clear();
}
};
GAVEL_ACTION(received_category) {
  (void)in;
  b.names.push_back(b.name);
}
};
GAVEL_ACTION(certifying_framework) {
  (void)in;
  b.framework_ref = b.name;
  b.validity = {};
}
};
GAVEL_ACTION(recipient_certified) {
  b.recipient.certifications.push_back({b.framework_ref, std::move(b.validity), span_of(in, b)});
  b.validity = {};
}
};
GAVEL_ACTION(recipient_decl) {
  b.recipient.span = span_of(in, b);
  b.policy.recipients.push_back(std::move(b.recipient));
}
};

// ---- right, framework

GAVEL_ACTION(right_decl_name) {
  (void)in;
  b.right_decl.name = b.name;
  b.item = fmt::format("right `{}`", b.name.text);
}
};
GAVEL_ACTION(right_description) {
  (void)in;
  b.right_decl.description = b.text;
}
};
GAVEL_ACTION(right_decl) {
  b.right_decl.span = span_of(in, b);
  b.policy.rights.push_back(std::move(b.right_decl));
}
};
GAVEL_ACTION(framework_name) {
  (void)in;
  b.framework.name = b.name;
  b.item = fmt::format("framework `{}`", b.name.text);
}
};
GAVEL_ACTION(framework_title) {
  (void)in;
  b.framework.title = b.text;
}
};
GAVEL_ACTION(framework_citation) {
  (void)in;
  b.framework.cites.push_back(b.text);
}
};
GAVEL_ACTION(framework_decl) {
  b.framework.span = span_of(in, b);
  b.policy.frameworks.push_back(std::move(b.framework));
}
};

// ---- respond within

GAVEL_ACTION(kw_respond) {
  (void)in;
  b.item = "`respond within`";
}
};
GAVEL_ACTION(response_period) { b.deadline.within = make_period(b, span_of(in, b)); }
};
GAVEL_ACTION(extension_period) { b.deadline.extension = make_period(b, span_of(in, b)); }
};
GAVEL_ACTION(respond_decl) {
  b.deadline.span = span_of(in, b);
  b.policy.deadlines.push_back(std::move(b.deadline));
}
};

// ---- conditions

void push_predicate(builder& b, Predicate predicate, Span span) {
  Condition c;
  c.kind = Condition::Kind::predicate;
  c.predicate = predicate;
  c.span = span;
  b.conditions.push_back(std::move(c));
}

Condition pop_condition(builder& b) {
  Condition c = std::move(b.conditions.back());
  b.conditions.pop_back();
  return c;
}

#define GAVEL_PREDICATE(rule, predicate) \
  GAVEL_ACTION(rule) { push_predicate(b, Predicate::predicate, span_of(in, b)); } \
  }

GAVEL_PREDICATE(consent_given, consent_given);
GAVEL_PREDICATE(consent_withdrawn, consent_withdrawn);
GAVEL_PREDICATE(objected_purpose, objected_to_purpose);
GAVEL_PREDICATE(restricted_predicate, restricted);
GAVEL_PREDICATE(unlawful_predicate, unlawful);
GAVEL_PREDICATE(retention_predicate, retention_over);
GAVEL_PREDICATE(archive_predicate, archive_period_over);
GAVEL_PREDICATE(data_outside, data_outside_purpose);
GAVEL_PREDICATE(recipient_may_not, recipient_may_not_receive);
GAVEL_PREDICATE(automated_predicate, automated);
#undef GAVEL_PREDICATE

#define GAVEL_NAMED_PREDICATE(rule, predicate)                 \
  GAVEL_ACTION(rule) {                                         \
    push_predicate(b, Predicate::predicate, span_of(in, b));   \
    b.conditions.back().argument = b.name;                     \
  }                                                            \
  }

GAVEL_NAMED_PREDICATE(objected_name, objected_to);
GAVEL_NAMED_PREDICATE(data_includes, data_includes);
GAVEL_NAMED_PREDICATE(recipient_is, recipient_is);
GAVEL_NAMED_PREDICATE(country_in, country_in);
GAVEL_NAMED_PREDICATE(country_outside, country_outside);
GAVEL_NAMED_PREDICATE(purpose_predicate, purpose_is);
GAVEL_NAMED_PREDICATE(recipient_certified_under, recipient_certified);
#undef GAVEL_NAMED_PREDICATE

GAVEL_ACTION(basis_is_test) {
  push_predicate(b, Predicate::basis_is, span_of(in, b));
  b.conditions.back().basis = b.bases.back();
  b.bases.clear();
}
};
GAVEL_ACTION(basis_of_record) {
  push_predicate(b, Predicate::basis_of_record_is, span_of(in, b));
  b.conditions.back().basis = b.bases.back();
  b.bases.clear();
}
};
GAVEL_ACTION(age_under) {
  push_predicate(b, Predicate::age_under, span_of(in, b));
  b.conditions.back().number = b.number;
}
};
GAVEL_ACTION(age_at_least) {
  push_predicate(b, Predicate::age_at_least, span_of(in, b));
  b.conditions.back().number = b.number;
}
};
// A bare name that is a near miss of a built-in condition and is declared by no `fact`: not
// a fact, but a misspelt condition, for the enclosing failure point to report.
template <>
struct action<peg::declared_fact_guard> {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename Input>
  static bool match(Input& in, builder& b) {
    const char* p = in.current();
    const char* q = p;
    while (q != in.end() && is_ident_other(*q) && q - p < 256) ++q;
    const std::string_view word(p, static_cast<std::size_t>(q - p));
    if (word.empty() || b.fact_names.contains(word)) return true;
    const std::vector<std::string_view> conditions(vocabulary::predicates.begin(), vocabulary::predicates.end());
    return nearest_name(word, conditions).empty();
  }
};
GAVEL_ACTION(declared_fact_predicate) {
  push_predicate(b, Predicate::declared_fact, span_of(in, b));
  b.conditions.back().argument = b.name;
}
};
GAVEL_ACTION(context_predicate) {
  push_predicate(b, Predicate::context, span_of(in, b));
  b.conditions.back().fact = b.fact;
}
};
// A predicate's span covers all its words (`objected to newsletter`, not only `newsletter`).
GAVEL_ACTION(predicate) { b.conditions.back().span = span_of(in, b); }
};

// Bounds the recursion of conditions: `(` and `not` nest at most max_nesting deep each.
template <std::size_t builder::*Depth>
struct nesting_guard : pegtl::maybe_nothing {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename Input>
  static bool match(Input& in, builder& b) {
    if (b.*Depth >= max_nesting) {
      b.fail(Code::syntax_too_deep, b.last_open, Depth == &builder::paren_depth
                       ? fmt::format("conditions nest more than {} parentheses deep in {}", max_nesting, b.item)
                       : fmt::format("more than {} `not` in a row in {}", max_nesting, b.item));
    }
    ++(b.*Depth);
    struct restore {
      builder& b;
      ~restore() { --(b.*Depth); }
    } guard{b};
    return pegtl::match<Rule, A, M, Action, Control>(in, b);
  }
};

template <>
struct action<peg::nested_condition> : nesting_guard<&builder::paren_depth> {};
template <>
struct action<peg::negated> : nesting_guard<&builder::not_depth> {};

GAVEL_ACTION(paren_open) {
  b.last_open = leaf_span(in);
  b.last_open.end = b.last_open.begin + 1;
  b.open_parens.push_back(b.last_open);
}
};
GAVEL_ACTION(close_paren) {
  (void)in;
  if (!b.open_parens.empty()) b.open_parens.pop_back();
}
};
GAVEL_ACTION(not_keyword) { b.last_open = keyword_span(in, "not"); }
};

template <>
struct action<peg::negation> {
  template <typename Input>
  static void apply(const Input& in, builder& b) {
    Condition c;
    c.kind = Condition::Kind::negation;
    c.operands.push_back(pop_condition(b));
    c.span = span_of(in, b);
    b.conditions.push_back(std::move(c));
  }
};

GAVEL_ACTION(operand_mark) {
  (void)in;
  b.marks.push_back(b.conditions.size());
}
};

void combine(builder& b, Condition::Kind kind) {
  const std::size_t first = b.marks.back();
  b.marks.pop_back();
  if (b.conditions.size() - first < 2) return;
  Condition c;
  c.kind = kind;
  c.operands.assign(std::make_move_iterator(b.conditions.begin() + static_cast<std::ptrdiff_t>(first)),
                    std::make_move_iterator(b.conditions.end()));
  b.conditions.resize(first);
  c.span = c.operands.front().span;
  c.span.end = c.operands.back().span.end;
  b.conditions.push_back(std::move(c));
}

GAVEL_ACTION(conjunction) {
  (void)in;
  combine(b, Condition::Kind::conjunction);
}
};
GAVEL_ACTION(disjunction) {
  (void)in;
  combine(b, Condition::Kind::disjunction);
}
};

// ---- rules

GAVEL_ACTION(rule_id) {
  (void)in;
  b.rule.id = b.name;
  b.item = fmt::format("rule `{}`", b.name.text);
}
};
GAVEL_ACTION(rule_title) {
  (void)in;
  b.rule.title = b.text;
}
};
GAVEL_ACTION(citation) {
  (void)in;
  b.rule.cites.push_back(b.text);
}
};
GAVEL_ACTION(says_text) {
  (void)in;
  b.rule.says = b.text;
}
};

GAVEL_ACTION(any_action) {
  b.action_set = {};
  b.action_set.any = true;
  b.action_set.except = std::move(b.actions);
  b.action_set.span = span_of(in, b);
  b.actions.clear();
}
};
GAVEL_ACTION(listed_actions) {
  b.action_set = {};
  b.action_set.listed = std::move(b.actions);
  b.action_set.span = span_of(in, b);
  b.actions.clear();
}
};

GAVEL_ACTION(based_on) {
  (void)in;
  b.purpose_set.kind = PurposeSet::Kind::based_on;
  b.purpose_set.bases = std::move(b.bases);
  b.bases.clear();
}
};
GAVEL_ACTION(excepted_purpose) {
  (void)in;
  b.names.push_back(b.name);
}
};
GAVEL_ACTION(any_purpose) {
  (void)in;
  b.purpose_set.kind = b.names.empty() ? PurposeSet::Kind::every : PurposeSet::Kind::every_except;
  b.purpose_set.listed = std::move(b.names);
  b.names.clear();
}
};
GAVEL_ACTION(first_purpose) {
  (void)in;
  b.names.push_back(b.name);
}
};
GAVEL_ACTION(next_purpose) {
  (void)in;
  b.names.push_back(b.name);
}
};
GAVEL_ACTION(purpose_list) {
  (void)in;
  b.purpose_set.kind = PurposeSet::Kind::listed;
  b.purpose_set.listed = std::move(b.names);
  b.names.clear();
}
};
GAVEL_ACTION(purpose_set) { b.purpose_set.span = span_of(in, b); }
};

GAVEL_ACTION(defeated_basis) {
  (void)in;
  b.conclusion.basis = b.bases.back();
  b.bases.clear();
}
};
GAVEL_ACTION(granted_right) {
  (void)in;
  b.conclusion.right = b.right;
}
};
GAVEL_ACTION(refused_right) {
  (void)in;
  b.conclusion.right = b.right;
}
};
GAVEL_ACTION(oblige_erase) {
  (void)in;
  b.obligation = Conclusion::Kind::oblige_erase;
}
};
GAVEL_ACTION(oblige_archive) {
  (void)in;
  b.obligation = Conclusion::Kind::oblige_archive;
}
};
GAVEL_ACTION(oblige_end_of_retention) {
  (void)in;
  b.obligation = Conclusion::Kind::oblige_end_of_retention;
}
};
GAVEL_ACTION(oblige_end_of_archive) {
  (void)in;
  b.obligation = Conclusion::Kind::oblige_end_of_archive;
}
};

#define GAVEL_CONCLUSION(rule, kind_expression) \
  GAVEL_ACTION(rule) {                          \
    (void)in;                                   \
    b.conclusion.kind = kind_expression;        \
  }                                             \
  }
GAVEL_CONCLUSION(deny_conclusion, Conclusion::Kind::deny);
GAVEL_CONCLUSION(allow_conclusion, Conclusion::Kind::allow);
GAVEL_CONCLUSION(defeat_conclusion, Conclusion::Kind::defeat_basis);
GAVEL_CONCLUSION(grant_conclusion, Conclusion::Kind::grant);
GAVEL_CONCLUSION(refuse_conclusion, Conclusion::Kind::refuse);
GAVEL_CONCLUSION(oblige_conclusion, b.obligation);
#undef GAVEL_CONCLUSION

GAVEL_ACTION(conclusion) {
  b.conclusion.span = span_of(in, b);
  if (b.conclusion.kind == Conclusion::Kind::deny || b.conclusion.kind == Conclusion::Kind::allow)
    b.conclusion.actions = std::move(b.action_set);
  if (b.purpose_set.kind == PurposeSet::Kind::every) b.purpose_set.span = b.conclusion.span;
  b.conclusion.purposes = std::move(b.purpose_set);
  b.rule.conclusion = std::move(b.conclusion);
  b.action_set = {};
  b.purpose_set = {};
  b.conclusion = {};
}
};

GAVEL_ACTION(when_condition) {
  (void)in;
  b.rule.when = pop_condition(b);
}
};
GAVEL_ACTION(exception_condition) {
  (void)in;
  b.rule.unless.push_back(pop_condition(b));
}
};
GAVEL_ACTION(overridden_rule) {
  (void)in;
  b.rule.overrides.push_back(b.name);
}
};
GAVEL_ACTION(on_receipt) {
  b.rule.term = ResponseTerm{ResponseTerm::Kind::on_receipt, {}, span_of(in, b)};
}
};
GAVEL_ACTION(answer_period) { b.period = make_period(b, span_of(in, b)); }
};
GAVEL_ACTION(answer_term) {
  b.rule.term = ResponseTerm{ResponseTerm::Kind::within, b.period, span_of(in, b)};
}
};

GAVEL_ACTION(rule_decl) {
  b.rule.span = span_of(in, b);
  b.policy.rules.push_back(std::move(b.rule));
}
};

// The data line of a purpose and the categories a recipient receives share `names`.
GAVEL_ACTION(first_category) {
  (void)in;
  b.names.push_back(b.name);
}
};
GAVEL_ACTION(next_category) {
  (void)in;
  b.names.push_back(b.name);
}
};

#undef GAVEL_ACTION

// The names that follow the word `fact` anywhere in `text` (a `fact` declaration, and perhaps
// a word in a comment or a text: harmless, it only lets that name be read as a fact).
std::unordered_set<std::string_view> names_after_fact(std::string_view text) {
  std::unordered_set<std::string_view> names;
  for (std::size_t at = text.find("fact"); at != std::string_view::npos; at = text.find("fact", at + 4)) {
    if ((at > 0 && is_ident_other(text[at - 1])) || at + 4 >= text.size() || is_ident_other(text[at + 4])) continue;
    std::size_t p = at + 4;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r')) ++p;
    std::size_t q = p;
    while (q < text.size() && is_ident_other(text[q]) && q - p < 256) ++q;
    if (q > p && is_ident_first(text[p])) names.insert(text.substr(p, q - p));
  }
  return names;
}

}  // namespace

ParseResult parse(Source source) {
  ParseResult result;
  try {
    result.policy.source = std::move(source);
    const Source& src = result.policy.source;
    if (src.text.size() > max_file_bytes) {
      result.diagnostics.push_back({Severity::error, Span{0, 0, 1, 1},
                                    fmt::format("the file is too large: a rule file holds at most {} bytes ({} MiB)",
                                                max_file_bytes, max_file_bytes >> 20),
                                    {}, Code::file_too_large});
      return result;
    }
    builder b{result.policy, result.diagnostics};
    b.fact_names = names_after_fact(src.text);
    // Line ends are `\n`, `\r\n` or a lone `\r` (as old Mac editors write). PEGTL counts lines
    // by `\n` and the grammar ends a comment at `\n` or `\r\n`, so a file with a lone `\r` is
    // read from a copy where each one is a `\n`: byte for byte, every offset is the source's.
    std::string with_lf_line_ends;
    std::string_view text = src.text;
    if (has_lone_carriage_return(text)) {
      with_lf_line_ends = src.text;
      for (std::size_t i = 0; i < with_lf_line_ends.size(); ++i)
        if (with_lf_line_ends[i] == '\r' && (i + 1 == with_lf_line_ends.size() || with_lf_line_ends[i + 1] != '\n'))
          with_lf_line_ends[i] = '\n';
      text = with_lf_line_ends;
    }
    pegtl::memory_input<pegtl::tracking_mode::eager, pegtl::eol::lf_crlf> in(text.data(), text.size(), src.name);
    try {
      pegtl::parse<peg::policy, action, control>(in, b);
    } catch (const stop_parsing&) {
    }
  } catch (const std::exception& e) {
    result.diagnostics.push_back(
        {Severity::error, Span{0, 0, 1, 1}, fmt::format("internal error while reading the file: {}", e.what()), {},
         Code::file_internal_error});
  } catch (...) {
    result.diagnostics.push_back(
        {Severity::error, Span{0, 0, 1, 1}, "internal error while reading the file", {}, Code::file_internal_error});
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
  return result;
}

}  // namespace gavel::grammar
