// The playground's command language as words: the tokenizer, the reading of a command's words
// with the usage to show when they are not as expected, the policy's names as the commands
// write them, and the reading of a question. What a command does is elsewhere: a change of the
// state in playground/state.hpp, the rest in the Session.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gavel/gavel.hpp"
#include "playground/state.hpp"

namespace gavel::playground {

// A command refused, with what was expected.
struct Refused {
  std::string message;
  std::string help;
};

// What `forget` forgets, as `help` and its refusals write it.
inline constexpr std::string_view forget_usage =
    "forget consent PURPOSE | objection TARGET | basis PURPOSE | restriction | DATE_NAME | FACT_NAME | born | "
    "questions | everything";

// The words of a command: spaces and commas separate them, double quotes keep them together,
// and a final question mark is dropped.
std::vector<std::string> tokenize(std::string_view line);

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");
bool contains(const std::vector<std::string>& list, std::string_view word);
std::string did_you_mean(std::string_view word, const std::vector<std::string>& names);
// A file name as a command writes it: in double quotes when it holds a space or a quote.
std::string quote_if_needed(const std::string& path);
// `text` if it is a date, or refused as `what`.
std::string check_date(const std::string& text, std::string_view what);

// The words of a command being read, with the usage to show when they are not as expected.
struct Words {
  const std::vector<std::string>& w;
  std::size_t i = 0;
  std::string usage;
  bool done() const { return i >= w.size(); }
  const std::string* peek() const { return done() ? nullptr : &w[i]; }
  std::string next(std::string_view what) {
    if (done()) throw Refused{fmt::format("expected {} at the end", what), fmt::format("write `{}`", usage)};
    return w[i++];
  }
  void keyword(std::string_view k) {
    if (done() || w[i] != k)
      throw Refused{fmt::format("expected `{}`{}", k, done() ? " at the end" : fmt::format(", got `{}`", w[i])),
                    fmt::format("write `{}`", usage)};
    ++i;
  }
  void end() {
    if (!done())
      throw Refused{fmt::format("unexpected `{}` after the command", w[i]), fmt::format("write `{}`", usage)};
  }
};

// The names a policy declares, as the commands write them.
struct PolicyWords {
  Vocabulary vocab;

  std::vector<std::string> purpose_names() const;
  std::vector<std::string> target_names() const;  // purposes and groups
  std::vector<std::string> recipient_names() const;
  std::vector<std::string> country_codes() const;
  std::vector<std::string> processing_actions() const;
  std::vector<std::string> rule_ids() const;
  std::vector<std::string> per_person_purposes() const;
  std::vector<std::string> bases_of(const std::string& purpose) const;
  std::vector<std::string> forget_words() const;  // the words after `forget`
  // `word` if it is one of `names`, or refused as an unknown `kind` with the nearest name.
  static std::string name(const std::string& word, const std::vector<std::string>& names, std::string_view kind);
  // `word` if the policy records it for the person (after `not`), or refused with what it is.
  std::string recorded_fact(const std::string& word) const;

  // `may ACTION DATA for PURPOSE [with RECIPIENT] [in COUNTRY]?` or `request RIGHT for PURPOSE
  // [received DATE]`, its first word included.
  Question parse_question(const std::vector<std::string>& w) const;
};

// The person's facts the policy declares, for apply_change: `basis of record P B`,
// `FACT since DATE`, `not FACT`, `born DATE`, `age N`: what it did, or none when `w` is none of
// them; `forget basis P`, `forget FACT`, `forget born`, `forget age`: none when `what` is none.
std::optional<std::string> apply_person_fact(const PolicyWords& names, Facts& f, const std::vector<std::string>& w);
std::optional<std::string> forget_person_fact(const PolicyWords& names, Facts& f, Words& in, const std::string& what);

}  // namespace gavel::playground
