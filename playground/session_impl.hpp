// The inside of a playground Session, shared by the files that each do one of its jobs:
//   commands.cpp      the command table, the tokenizer, `help`, continuation lines
//   facts.cpp         the changes of the facts and of the day (`apply`)
//   person_facts.cpp  the person's facts the policy declares: basis of record, facts, birth
//   questions.cpp     questions: reading them, the requests they make, their one-line reasons
//   what_if.cpp       what-if tables, the flips after a change, why and why not
//   policy_files.cpp  load, reload and save
//   completion.cpp    the words Tab may complete
//   session.cpp       the session itself: dispatching a command, facts and rules as text
// Not part of the playground's interface (playground/session.hpp).
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "playground/file_output.hpp"
#include "playground/session.hpp"

namespace gavel::playground {

// A command the session refuses, with what was expected.
struct Refused {
  std::string message;
  std::string help;
};

struct CommandHelp {
  std::string_view word;  // the first word, for `help WORD`
  std::string_view usage;
  std::string_view example;
  std::string_view meaning;
};

// What `forget` forgets, as `help` and its refusals write it.
inline constexpr std::string_view forget_usage =
    "forget consent PURPOSE | objection TARGET | basis PURPOSE | restriction | DATE_NAME | FACT_NAME | born | "
    "questions | everything";

// Every command, in the order `help` lists them.
const std::vector<CommandHelp>& command_table();

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

struct Session::Impl {
  std::string policy_path;
  std::shared_ptr<const Policy> policy;
  std::optional<Decider> decider;
  Vocabulary vocab;
  bool colour = false;
  State state;
  std::vector<std::pair<State, std::string>> history;  // for `undo`: the state before each change
  std::string out;
  bool ok = true;

  void use(std::shared_ptr<const Policy> p);

  template <class... Args>
  void print(fmt::format_string<Args...> format, Args&&... args) {
    out += fmt::format(format, std::forward<Args>(args)...);
    out += '\n';
  }

  std::string paint(bool allow) const;

  // ---- names (session.cpp) ----
  std::vector<std::string> purpose_names() const;
  std::vector<std::string> target_names() const;
  std::vector<std::string> recipient_names() const;
  std::vector<std::string> country_codes() const;
  std::vector<std::string> processing_actions() const;
  std::vector<std::string> rule_ids() const;
  static std::string name(const std::string& word, const std::vector<std::string>& names, std::string_view kind);

  // ---- commands (session.cpp, commands.cpp) ----
  void run(const std::vector<std::string>& w, std::string_view line);
  void remember(std::string command) { history.emplace_back(state, std::move(command)); }
  void help(const std::vector<std::string>& w);
  void print_rule(const std::string& id);
  void print_facts();
  void print_declared_facts();

  // ---- facts (facts.cpp) ----
  // Applies a change of the facts, of the day or (in a what-if only) of the questions.
  // Returns what it did, in words.
  std::string apply(State& s, const std::vector<std::string>& w, bool what_if);

  // ---- the person's facts the policy declares (person_facts.cpp) ----
  // `basis of record P B`, `FACT since DATE`, `not FACT`, `born DATE`, `age N`: what it did,
  // or none when `w` is none of them.
  std::optional<std::string> apply_person_fact(Facts& f, const std::vector<std::string>& w);
  // `forget basis P`, `forget FACT`, `forget born`, `forget age`; none when `what` is none of them.
  std::optional<std::string> forget_person_fact(Facts& f, Words& in, const std::string& what);
  std::vector<std::string> per_person_purposes() const;
  std::vector<std::string> bases_of(const std::string& purpose) const;
  // `word` if the policy records it for the person (after `not`), or refused with what it is.
  std::string recorded_fact(const std::string& word) const;

  // ---- questions (questions.cpp) ----
  Question parse_question(const std::vector<std::string>& w);
  static Request request_of(const Question& q, const Facts& f);
  Decision decide(const Question& q, const Facts& f, bool explain = false);
  static std::string because_of(const Decision& d, const std::string& id);
  // "allow by newsletter.consent: consent for `newsletter` given on 2024-01-10 …"
  std::string reason(const Decision& d) const;
  // The question a command names (`qN`), or the last one asked when it names none.
  std::size_t question_index(Words& in);
  std::string questions_asked() const;

  // ---- what if, why, why not (what_if.cpp) ----
  void what_if(const std::vector<std::string>& change);
  // Prints the questions whose decision differs between two states.
  void print_flips(const State& before, const State& after);
  void why(const std::vector<std::string>& w);

  // ---- policy files (policy_files.cpp) ----
  void load(const std::string& path);
  void check_save_target(const std::string& path, Existing existing) const;
  std::string scenario_json(const std::string& path, std::size_t& saved);
  void save(const std::string& path, Existing existing);

  // ---- completion (completion.cpp) ----
  std::vector<std::string> next_words(const std::vector<std::string>& w) const;
  std::vector<std::string> command_words_with_dates() const;
  std::vector<std::string> change_words() const;
  std::vector<std::string> forget_words() const;  // the words after `forget`
};

}  // namespace gavel::playground
