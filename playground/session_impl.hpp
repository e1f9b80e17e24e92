// The inside of a playground Session, shared by the files that each do one of its jobs:
//   commands.cpp      the command table, `help`, continuation lines
//   questions.cpp     the question a command names
//   what_if.cpp       what-if tables, the flips after a change, why and why not, as text
//   policy_files.cpp  load, reload and save
//   completion.cpp    the words Tab may complete
//   session.cpp       the session itself: dispatching a command, facts and rules as text
// The Session uses the playground's four pieces: the command parser (command_parser.hpp), the
// state and its changes (state.hpp), the what-if engine (what_if_engine.hpp) and the rendering
// (rendering.hpp). Not part of the playground's interface (playground/session.hpp).
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "playground/command_parser.hpp"
#include "playground/file_output.hpp"
#include "playground/rendering.hpp"
#include "playground/session.hpp"
#include "playground/state.hpp"
#include "playground/what_if_engine.hpp"

namespace gavel::playground {

struct CommandHelp {
  std::string_view word;  // the first word, for `help WORD`
  std::string_view usage;
  std::string_view example;
  std::string_view meaning;
};

// Every command, in the order `help` lists them.
const std::vector<CommandHelp>& command_table();

struct Session::Impl : PolicyWords {
  std::string policy_path;
  std::shared_ptr<const Policy> policy;
  std::optional<Decider> decider;
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

  std::string paint(bool allow) const { return playground::paint(allow, colour); }

  // ---- commands (session.cpp, commands.cpp) ----
  void run(const std::vector<std::string>& w, std::string_view line);
  void remember(std::string command) { history.emplace_back(state, std::move(command)); }
  void help(const std::vector<std::string>& w);
  void print_rule(const std::string& id);
  void print_facts();
  void print_declared_facts();

  // ---- facts (state.cpp) ----
  // Applies a change of the facts, of the day or (in a what-if only) of the questions.
  // Returns what it did, in words.
  std::string apply(State& s, const std::vector<std::string>& w, bool what_if) const {
    return apply_change(*this, s, w, what_if);
  }

  // ---- questions (questions.cpp, what_if_engine.cpp, rendering.cpp) ----
  Decision decide(const Question& q, const Facts& f, bool explain = false) {
    return decide_question(*decider, q, f, explain);
  }
  // "allow by newsletter.consent: consent for `newsletter` given on 2024-01-10 …"
  std::string reason(const Decision& d) const { return playground::reason(d, colour); }
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
};

}  // namespace gavel::playground
