#include "playground/line_editor.hpp"

#include <editline/readline.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace gavel::playground {

namespace {

constexpr int history_size = 1000;
static_assert(history_size * (4 * max_remembered_bytes + 1) < max_history_bytes);

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

const char* const history_help =
    "  = help: this session keeps no history; choose another file with --history or $GAVEL_HISTORY\n";

// Why the history file cannot be read, or empty when it can (or does not exist yet: the
// first command makes it). Opened without blocking and looked at through the descriptor, so
// that a pipe or a device is refused before libedit reads it.
std::string history_problem(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return {};
    return fmt::format("{}: warning: cannot read the history file: {}\n", path,
                       std::generic_category().message(errno));
  }
  struct stat st {};
  const bool known = ::fstat(fd, &st) == 0;
  const int error = errno;
  ::close(fd);
  if (!known)
    return fmt::format("{}: warning: cannot read the history file: {}\n", path, std::generic_category().message(error));
  if (S_ISDIR(st.st_mode)) return fmt::format("{}: warning: cannot read the history file: Is a directory\n", path);
  if (!S_ISREG(st.st_mode)) return fmt::format("{}: warning: the history file is not a regular file\n", path);
  if (std::uintmax_t(st.st_size) > max_history_bytes)
    return fmt::format("{}: warning: the history file is larger than {} MiB ({} bytes): it is not read\n", path,
                       max_history_bytes / (1024 * 1024), st.st_size);
  return {};
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
  if (history_file_.empty()) return;
  if (auto problem = history_problem(history_file_); !problem.empty()) {
    warning_ = problem + history_help;
    history_file_.clear();  // not read, so not written: it would lose what it holds
    return;
  }
  read_history(history_file_.c_str());  // an empty file, or one of another format, reads as no history
}

std::string LineEditor::take_warning() { return std::exchange(warning_, {}); }

LineEditor::~LineEditor() { active = nullptr; }

std::optional<std::string> LineEditor::read(const std::string& prompt) {
  char* line = readline(prompt.c_str());
  if (!line) return std::nullopt;
  std::string out(line);
  std::free(line);
  return out;
}

void LineEditor::remember(const std::string& command) {
  if (command.find_first_not_of(" \t") == std::string::npos || command.size() > max_remembered_bytes) return;
  add_history(command.c_str());
  if (history_file_.empty()) return;
  int error = write_history(history_file_.c_str());  // libedit answers an errno, or 0
  if (error == 0) error = history_truncate_file(history_file_.c_str(), history_size);
  if (error != 0) {
    warning_ = fmt::format("{}: warning: cannot write the history file: {}\n", history_file_,
                           std::generic_category().message(error)) +
               "  = help: the commands from here on are not kept; choose another file with --history or "
               "$GAVEL_HISTORY\n";
    history_file_.clear();  // said once
  }
}

}  // namespace gavel::playground
