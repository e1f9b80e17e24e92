#include "playground/line_editor.hpp"

#include <editline/readline.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace gavel::playground {

namespace {

constexpr int history_size = 1000;

// libedit's completion hooks are plain functions: the completer of the one editor alive.
Completer* active = nullptr;
std::vector<std::string> matches;
std::size_t next_match = 0;

char* generate(const char* /*text*/, int state) {
  if (state == 0) next_match = 0;
  if (next_match >= matches.size()) return nullptr;
  return strdup(matches[next_match++].c_str());
}

char** complete(const char* text, int start, int end) {
  rl_attempted_completion_over = 1;  // no file names, except after load and save
  if (!active) return nullptr;
  const std::string_view line(rl_line_buffer, std::size_t(std::max(end, 0)));
  const std::string_view word = line.substr(std::size_t(std::max(start, 0)));
  if (line.starts_with("load ") || line.starts_with("save ")) {
    rl_attempted_completion_over = 0;
    return nullptr;
  }
  matches = (*active)(line, word);
  if (matches.empty()) return nullptr;
  return rl_completion_matches(text, generate);
}

}  // namespace

LineEditor::LineEditor(std::string history_file, Completer completer) : history_file_(std::move(history_file)) {
  static Completer held;
  held = std::move(completer);
  active = &held;
  rl_readline_name = "gavel";
  rl_basic_word_break_characters = " \t\n\",";
  rl_attempted_completion_function = complete;
  using_history();
  stifle_history(history_size);
  if (!history_file_.empty()) read_history(history_file_.c_str());
}

LineEditor::~LineEditor() { active = nullptr; }

std::optional<std::string> LineEditor::read(const std::string& prompt) {
  char* line = readline(prompt.c_str());
  if (!line) return std::nullopt;
  std::string out(line);
  std::free(line);
  return out;
}

void LineEditor::remember(const std::string& command) {
  if (command.find_first_not_of(" \t") == std::string::npos) return;
  add_history(command.c_str());
  if (!history_file_.empty()) {
    write_history(history_file_.c_str());
    history_truncate_file(history_file_.c_str(), history_size);
  }
}

}  // namespace gavel::playground
