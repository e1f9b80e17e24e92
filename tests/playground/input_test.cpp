// The playground's input and output from a pipe or a file: lines and commands bounded, a NUL
// byte or an unreadable input refused, a command cut off by the end of the input not run,
// and a write to standard output that fails reported with a non-zero status.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "playground/command_reader.hpp"

namespace {

namespace fs = std::filesystem;
using gavel::playground::CommandReader;
using gavel::playground::Input;
using gavel::playground::max_command_bytes;
using gavel::playground::max_line_bytes;

fs::path scratch(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("gavel-input-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

// A file holding `text`, open for reading.
struct InputFile {
  explicit InputFile(const std::string& text) : path(scratch("input.txt")) {
    std::ofstream(path, std::ios::binary) << text;
    fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
  }
  ~InputFile() { ::close(fd); }
  fs::path path;
  int fd = -1;
};

struct Run {
  int status = -1;
  std::string out, err;
};

// `gavel repl` on the FLEXIS policy, with standard input and output redirected as `redirects`
// says (a shell's `< FILE > FILE`); what it printed, and its exit status.
Run repl(const std::string& redirects) {
  const auto out = scratch("out.txt"), err = scratch("err.txt");
  const std::string command =
      "cd " GAVEL_SOURCE_DIR " && " GAVEL_BINARY " repl rules/flexis.gavel --today 2026-11-26 " + redirects +
      (redirects.find('>') == std::string::npos ? " > " + out.string() : "") + " 2> " + err.string();
  fs::remove(out);
  const int status = std::system(command.c_str());
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

fs::path input_file(const std::string& name, const std::string& text) {
  const auto path = scratch(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("the command reader joins continuation lines and numbers the lines", "[playground]") {
  InputFile in("facts\r\n\nmay communicate identity \\\n  for newsletter?\nsave \"my\n session.json\"\nlast");
  CommandReader reader(in.fd);
  auto a = reader.next();
  CHECK(a.kind == Input::command);
  CHECK(a.text == "facts\r");  // a carriage return is a space to the commands
  CHECK(a.line == 1);
  CHECK(reader.next().text.empty());
  auto b = reader.next();
  CHECK(b.text == "may communicate identity for newsletter?");
  CHECK(b.line == 3);
  auto c = reader.next();
  CHECK(c.text == "save \"my session.json\"");
  CHECK(c.line == 5);
  auto d = reader.next();  // a last line without its newline
  CHECK(d.kind == Input::command);
  CHECK(d.text == "last");
  CHECK(reader.next().kind == Input::end);
  CHECK(reader.next().kind == Input::end);
}

TEST_CASE("a command cut off by the end of the input is unfinished, never a command", "[playground]") {
  for (std::string text : {"facts\nmay communicate identity \\\n", "facts\nmay communicate identity \\",
                           "facts\nsave \"my\n", "facts\nmay communicate \\\n  identity \\\n"}) {
    INFO(text);
    InputFile in(text);
    CommandReader reader(in.fd);
    CHECK(reader.next().text == "facts");
    auto cut = reader.next();
    CHECK(cut.kind == Input::unfinished);
    CHECK(cut.line == 2);
    CHECK(gavel::playground::describe(cut).starts_with(
        "<stdin>:2: error: the input ends inside the command begun "
        "here (an open quote or a trailing `\\`): it is not run\n"));
    CHECK(reader.next().kind == Input::unfinished);
  }
}

TEST_CASE("lines and commands are bounded", "[playground]") {
  SECTION("a line of the bound is read") {
    InputFile in("# " + std::string(max_line_bytes - 2, 'x') + "\nfacts\n");
    CommandReader reader(in.fd);
    CHECK(reader.next().text.size() == max_line_bytes);
    CHECK(reader.next().text == "facts");
  }
  SECTION("a line beyond it stops the reading, with or without a newline") {
    for (std::string end : {"\nfacts\n", ""}) {
      InputFile in("facts\n" + std::string(max_line_bytes + 1, 'x') + end);
      CommandReader reader(in.fd);
      CHECK(reader.next().text == "facts");
      auto long_line = reader.next();
      CHECK(long_line.kind == Input::line_too_long);
      CHECK(long_line.line == 2);
      CHECK(gavel::playground::describe(long_line) ==
            "<stdin>:2: error: the line is longer than 64 KiB (65536 bytes): reading stops here\n"
            "  = help: a playground command fits in 64 KiB, its continuation lines included\n");
      CHECK(reader.next().kind == Input::line_too_long);
    }
  }
  SECTION("continuation lines within the line bound, beyond the command's") {
    std::string text;
    for (std::size_t n = 0; n * 1000 <= max_command_bytes; ++n) text += std::string(999, 'x') + " \\\n";
    InputFile in("facts\n" + text + "end\n");
    CommandReader reader(in.fd);
    CHECK(reader.next().text == "facts");
    auto long_command = reader.next();
    CHECK(long_command.kind == Input::command_too_long);
    CHECK(long_command.line == 2);
  }
}

TEST_CASE("a NUL byte stops the reading", "[playground]") {
  InputFile in(std::string("facts\nfa\0cts\nfacts\n", 19));
  CommandReader reader(in.fd);
  CHECK(reader.next().text == "facts");
  auto nul = reader.next();
  CHECK(nul.kind == Input::nul_byte);
  CHECK(nul.line == 2);
  CHECK(nul.column == 3);
  CHECK(gavel::playground::describe(nul).starts_with(
      "<stdin>:2:3: error: the line holds a NUL byte: reading stops here\n"));
}

TEST_CASE("gavel repl stops on input it cannot read as commands, with status 2", "[playground]") {
  SECTION("an endless input of NUL bytes") {
    auto run = repl("< /dev/zero");
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK(run.err.starts_with("<stdin>:1:1: error: the line holds a NUL byte: reading stops here\n"));
  }
  SECTION("a line longer than the bound, after a command that runs") {
    const auto file =
        input_file("long.txt", "consent given newsletter 2024-01-10\n" + std::string(100000, 'a') + "\n");
    auto run = repl("< " + file.string());
    CHECK(run.status == 2);
    CHECK(run.out == "ok: consent for newsletter given on 2024-01-10\n");
    CHECK(run.err.starts_with(
        "<stdin>:2: error: the line is longer than 64 KiB (65536 bytes): reading stops here\n"));
  }
  SECTION("a folder") {
    auto run = repl("< /");
    CHECK(run.status == 2);
    CHECK(run.err == "<stdin>:1: error: cannot read the input: Is a directory\n");
  }
  SECTION("a command cut off by the end of the input is not run, with status 1") {
    const auto file =
        input_file("cut.txt",
                   "consent given newsletter 2024-01-10\nlast_contact 2025-05-01\n"
                   "may communicate identity for newsletter?\nconsent withdrawn newsletter \\\n");
    auto run = repl("< " + file.string());
    CHECK(run.status == 1);
    CHECK(run.out.find("withdrawn on") == std::string::npos);
    CHECK(run.out.find("q1 now") == std::string::npos);
    CHECK(run.out.find("<stdin>:4: error: the input ends inside the command begun here") !=
          std::string::npos);
  }
}

TEST_CASE("gavel repl reports a standard output it cannot write to, with status 2", "[playground]") {
  const auto file = input_file("session.txt", "consent given newsletter 2024-01-10\nfacts\n");
  auto run = repl("< " + file.string() + " > /dev/full");
  CHECK(run.status == 2);
  CHECK(run.err == "gavel: cannot write to standard output: No space left on device\n");
}

TEST_CASE("on a terminal, a line or a command beyond the bound is refused, not run", "[playground]") {
  using gavel::playground::check_command_size;
  CHECK(check_command_size(max_line_bytes, max_command_bytes).empty());
  CHECK(check_command_size(max_line_bytes + 1, max_line_bytes + 1) ==
        "error: the line is longer than 64 KiB (65536 bytes): it is not run\n"
        "  = help: a playground command fits in 64 KiB, its continuation lines included\n");
  CHECK(check_command_size(10, max_command_bytes + 1)
            .starts_with("error: the command is longer than 64 KiB (65536 bytes) with its continuation lines: it is "
                         "not run\n"));
}
