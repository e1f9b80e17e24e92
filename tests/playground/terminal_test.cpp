// gavel repl on a terminal: a pseudo-terminal (forkpty) types into it, with Tab completion,
// continuation lines (and Ctrl-D in one), and a history that the next session recalls with
// the arrow keys, or that is left alone when it cannot be read or is too large.
#include <catch2/catch.hpp>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

class Terminal {
 public:
  explicit Terminal(const std::string& history) {
    struct winsize size {};
    size.ws_row = 40;
    size.ws_col = 200;
    pid_ = ::forkpty(&fd_, nullptr, nullptr, &size);
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      if (::chdir(GAVEL_SOURCE_DIR) != 0) ::_exit(126);
      ::setenv("TERM", "xterm", 1);
      ::unsetenv("NO_COLOR");
      ::execl(GAVEL_BINARY, "gavel", "repl", "rules/flexis.gavel", "--today", "2026-11-26", "--history", history.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Terminal() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) ::close(fd_);
  }

  // Waits until `text` appears in what the program printed since the last mark.
  bool wait_for(const std::string& text, int millis = 10000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(millis);
    while (seen_.find(text, mark_) == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, int(left.count())) <= 0) continue;
      char buffer[4096];
      const auto n = ::read(fd_, buffer, sizeof buffer);
      if (n <= 0) return seen_.find(text, mark_) != std::string::npos;
      seen_.append(buffer, std::size_t(n));
    }
    mark_ = seen_.find(text, mark_) + text.size();
    return true;
  }

  // Waits for the prompt, and a moment more: the line editor prints it before it puts the
  // terminal in raw mode, and a key typed in between is handled by the terminal (Ctrl-D
  // becomes a character of the line).
  bool prompt() {
    if (!wait_for("gavel> ")) return false;
    ::usleep(200 * 1000);
    return true;
  }

  void type(const std::string& keys) { REQUIRE(::write(fd_, keys.data(), keys.size()) == ssize_t(keys.size())); }

  // The exit status, or -1 when the program has not ended within `rounds` × 100 ms.
  int finish(int rounds = 100) {
    int status = 0;
    for (int i = 0; i < rounds; ++i) {
      wait_for("\x01never", 50);  // drain the output so the program is never blocked writing
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      ::usleep(50 * 1000);
    }
    return -1;
  }

  const std::string& seen() const { return seen_; }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  bool exited_ = false;
  std::string seen_;
  std::size_t mark_ = 0;
};

std::string history_file() {
  auto path = fs::temp_directory_path() / ("gavel-repl-history-" + std::to_string(::getpid()));
  fs::remove(path);
  return path.string();
}

}  // namespace

TEST_CASE("the terminal completes commands and ids, and keeps the history across sessions", "[playground][terminal]") {
  const auto history = history_file();
  {
    Terminal t(history);
    REQUIRE(t.prompt());
    // Tab completes a command word, then a purpose.
    // (libedit redraws only what completion adds: `en `, then `etter `.)
    t.type("consent giv\t");
    REQUIRE(t.wait_for("en "));
    t.type("newsl\t");
    REQUIRE(t.wait_for("etter "));
    t.type("2024-01-10\r");
    INFO(t.seen());
    REQUIRE(t.wait_for("ok: consent for newsletter given on 2024-01-10"));
    REQUIRE(t.prompt());
    t.type("last_con\t");
    REQUIRE(t.wait_for("last_con"));
    t.type("\t");  // two candidates: a second Tab lists them
    REQUIRE(t.wait_for("last_connection"));
    t.type("tact 2025-05-01\r");
    REQUIRE(t.wait_for("ok: last_contact is 2025-05-01"));
    REQUIRE(t.prompt());
    // The basis of record of a purpose chosen one per person: the purpose, then its bases.
    t.type("basis of rec\t");
    REQUIRE(t.wait_for("ord "));
    t.type("ev\t");
    REQUIRE(t.wait_for("ents "));
    t.type("legit\t");
    REQUIRE(t.wait_for("imate_interest "));
    t.type("\r");
    REQUIRE(t.wait_for("ok: the basis of record for events is legitimate_interest"));
    REQUIRE(t.prompt());
    // A trailing backslash continues the command on the next line.
    t.type("may communicate identity \\\r");
    REQUIRE(t.wait_for("...> "));
    t.type("for newsletter?\r");
    REQUIRE(t.wait_for("allow"));
    REQUIRE(t.wait_for("by newsletter.consent"));
    REQUIRE(t.prompt());
    t.type("quit\r");
    CHECK(t.finish() == 0);
  }
  std::ifstream in(history);
  std::ostringstream saved;
  saved << in.rdbuf();
  INFO(saved.str());
  CHECK(saved.str().find("newsletter") != std::string::npos);
  {
    Terminal t(history);
    REQUIRE(t.prompt());
    // Up: quit, the question, then back past the basis of record and the last contact to
    // the consent.
    t.type("\x1b[A");
    REQUIRE(t.wait_for("quit"));
    t.type("\x1b[A");
    REQUIRE(t.wait_for("for newsletter?"));
    t.type("\x1b[A\x1b[A\x1b[A\r");
    INFO(t.seen());
    REQUIRE(t.wait_for("ok: consent for newsletter given on 2024-01-10"));
    REQUIRE(t.prompt());
    // Ctrl-D leaves.
    int status = -1;
    for (int i = 0; i < 5 && status == -1; ++i) {
      t.type(i == 0 ? "\x04" : "\x15\x04");  // again: Ctrl-U empties the line first
      status = t.finish(20);
    }
    INFO(t.seen());
    CHECK(status == 0);
  }
  fs::remove(history);
}

TEST_CASE("a command from a pipe prints no prompt and no colour", "[playground][terminal]") {
  const std::string command = std::string("cd " GAVEL_SOURCE_DIR " && printf 'consent given newsletter 2024-01-10\\n"
                                          "last_contact 2025-05-01\\nmay use identity for newsletter?\\n' | ") +
                              GAVEL_BINARY + " repl rules/flexis.gavel --today 2026-11-26";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  CHECK(::pclose(pipe) == 0);
  CHECK(out ==
        "ok: consent for newsletter given on 2024-01-10\n"
        "ok: last_contact is 2025-05-01\n"
        "q1 allow by newsletter.consent: the person consented to the purpose “newsletter” on 2024-01-10 and had not withdrawn that consent by 2026-11-26\n");
}

TEST_CASE("Ctrl-D at the continuation prompt leaves without running the unfinished command", "[playground][terminal]") {
  const auto history = history_file();
  Terminal t(history);
  REQUIRE(t.prompt());
  t.type("consent given newsletter 2024-01-10\r");
  REQUIRE(t.wait_for("ok: consent for newsletter given on 2024-01-10"));
  REQUIRE(t.prompt());
  t.type("consent withdrawn newsletter \\\r");
  REQUIRE(t.wait_for("...> "));
  ::usleep(200 * 1000);  // the line editor in raw mode, as for the first prompt
  bool left = false;
  for (int i = 0; i < 5 && !left; ++i) {
    t.type(i == 0 ? "\x04" : "\x15\x04");  // again: Ctrl-U empties the line first
    left = t.wait_for("note: the unfinished command is not run", 2000);
  }
  INFO(t.seen());
  REQUIRE(left);
  CHECK(t.finish() == 0);
  CHECK(t.seen().find("ok: consent for newsletter withdrawn") == std::string::npos);
  CHECK(t.seen().find("error:") == std::string::npos);
  fs::remove(history);
}

TEST_CASE("a history file beyond its bound is neither read nor written", "[playground][terminal]") {
  const auto history = history_file();
  {
    std::ofstream big(history);
    big << "_HiStOrY_V2_\n";
    const std::string line = "facts\n";
    for (std::size_t size = 0; size <= 4 * 1024 * 1024; size += line.size()) big << line;
  }
  const auto size = fs::file_size(history);
  Terminal t(history);
  INFO(t.seen());
  REQUIRE(t.wait_for(history + ": warning: the history file is larger than 4 MiB (" + std::to_string(size) +
                     " bytes): it is not read"));
  REQUIRE(t.wait_for("help: this session keeps no history"));
  REQUIRE(t.prompt());
  t.type("consent given newsletter 2024-01-10\r");
  REQUIRE(t.wait_for("ok: consent for newsletter given on 2024-01-10"));
  REQUIRE(t.prompt());
  t.type("quit\r");
  CHECK(t.finish() == 0);
  CHECK(fs::file_size(history) == size);
  fs::remove(history);
}

TEST_CASE("a history file that cannot be read is a warning, and the session goes on", "[playground][terminal]") {
  const auto history = history_file();
  fs::create_directory(history);
  Terminal t(history);
  INFO(t.seen());
  REQUIRE(t.wait_for(history + ": warning: cannot read the history file: Is a directory"));
  REQUIRE(t.prompt());
  t.type("consent given newsletter 2024-01-10\r");
  REQUIRE(t.wait_for("ok: consent for newsletter given on 2024-01-10"));
  REQUIRE(t.prompt());
  t.type("quit\r");
  CHECK(t.finish() == 0);
  CHECK(fs::is_directory(history));
  fs::remove(history);
}
