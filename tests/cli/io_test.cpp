// The readers and the writer every command uses (cli/io.hpp): bounds, line numbers, the end
// of overlong lines, and the OS's reason when a read or a write fails.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "cli/io.hpp"

using gavel::cli::InputFile;
using gavel::cli::LineReader;
using gavel::cli::Output;

namespace {

// Each test case runs in its own process, some at once: the file names carry the process id.
std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = name + "-" + std::to_string(getpid()) + ".txt";
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

struct Read {
  LineReader::Next next;
  std::string line;
  std::size_t number, length;
  bool operator==(const Read&) const = default;
};

std::vector<Read> read_all(const std::string& text, std::size_t max_line, std::size_t max_skip) {
  const auto path = write_file("io-test-lines", text);
  InputFile file;
  std::string reason;
  REQUIRE(file.open(path, reason));
  LineReader reader(file, max_line, max_skip);
  std::vector<Read> out;
  for (;;) {
    std::string_view line;
    const auto next = reader.next(line);
    if (next == LineReader::Next::end) break;
    const bool has_line = next == LineReader::Next::line;
    out.push_back({next, has_line ? std::string(line) : "", reader.number(),
                   next == LineReader::Next::too_long ? reader.length() : 0});
    if (next == LineReader::Next::unending || next == LineReader::Next::failed) break;
  }
  std::remove(path.c_str());
  return out;
}

// What the reader must return, computed the obvious way (for lines shorter than the skip bound).
std::vector<Read> expected(const std::string& text, std::size_t max_line) {
  std::vector<Read> out;
  std::size_t start = 0, number = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::size_t length = (end == std::string::npos ? text.size() : end) - start;
    ++number;
    if (length > max_line)
      out.push_back({LineReader::Next::too_long, "", number, length});
    else
      out.push_back({LineReader::Next::line, text.substr(start, length), number, 0});
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("lines, with or without a last newline, each numbered", "[cli][io]") {
  using N = LineReader::Next;
  CHECK(read_all("a\nbb\n\nccc", 8, 64) ==
        std::vector<Read>{
            {N::line, "a", 1, 0}, {N::line, "bb", 2, 0}, {N::line, "", 3, 0}, {N::line, "ccc", 4, 0}});
  CHECK(read_all("a\r\n", 8, 64) == std::vector<Read>{{N::line, "a\r", 1, 0}});
  CHECK(read_all("", 8, 64).empty());
}

TEST_CASE("a line over the bound is refused with its length, and the next line is read", "[cli][io]") {
  using N = LineReader::Next;
  const std::string exactly(8, 'x');
  CHECK(read_all(exactly + "\n" + exactly + "x\nok\n", 8, 64) ==
        std::vector<Read>{{N::line, exactly, 1, 0}, {N::too_long, "", 2, 9}, {N::line, "ok", 3, 0}});
  // Longer than the buffer holds at once: read through in blocks.
  const std::string long_line(300'000, 'y');
  CHECK(read_all("a\n" + long_line + "\nb", 8, 1 << 20) ==
        std::vector<Read>{{N::line, "a", 1, 0}, {N::too_long, "", 2, 300'000}, {N::line, "b", 3, 0}});
  CHECK(read_all(long_line, 8, 1 << 20) == std::vector<Read>{{N::too_long, "", 1, 300'000}});
}

TEST_CASE("a line with no end within the skip bound stops the reader", "[cli][io]") {
  using N = LineReader::Next;
  CHECK(read_all("a\n" + std::string(500'000, 'z') + "\nb\n", 8, 100'000) ==
        std::vector<Read>{{N::line, "a", 1, 0}, {N::unending, "", 2, 0}});
  InputFile zero;
  std::string reason;
  REQUIRE(zero.open("/dev/zero", reason));
  LineReader reader(zero, 64 << 10, 1 << 20);
  std::string_view line;
  CHECK(reader.next(line) == N::unending);
}

TEST_CASE("random lines across block boundaries read as split by hand", "[cli][io]") {
  std::mt19937 random(9);
  for (int round = 0; round < 20; ++round) {
    std::string text;
    while (text.size() < 200'000) {
      const int kind = std::uniform_int_distribution<int>(0, 99)(random);
      const std::size_t length = kind < 90 ? std::uniform_int_distribution<std::size_t>(0, 120)(random)
                                           : std::uniform_int_distribution<std::size_t>(121, 3000)(random);
      text += std::string(length, char('a' + round)) + '\n';
    }
    if (round % 2) text.pop_back();  // no last newline
    INFO("round " << round);
    CHECK(read_all(text, 120, 1 << 20) == expected(text, 120));
  }
}

TEST_CASE("a bounded read stops at its bound and gives the OS's reason", "[cli][io]") {
  std::string text, reason;
  const auto path = write_file("io-test-bounded", std::string(1000, 'x'));
  CHECK(gavel::cli::read_bounded(path, 101, text, reason));
  CHECK(text.size() == 101);
  CHECK(gavel::cli::read_bounded(path, 5000, text, reason));
  CHECK(text.size() == 1000);
  std::remove(path.c_str());
  CHECK(gavel::cli::read_bounded("/dev/zero", 300'000, text, reason));
  CHECK(text.size() == 300'000);
  CHECK_FALSE(gavel::cli::read_bounded(".", 10, text, reason));
  CHECK(reason == "Is a directory");
  CHECK_FALSE(gavel::cli::read_bounded("no/such/file", 10, text, reason));
  CHECK(reason == "No such file or directory");
}

TEST_CASE("a write to a full disk fails with the OS's reason, small or large", "[cli][io]") {
  if (access("/dev/full", W_OK) != 0) return;
  for (const std::size_t size : {std::size_t(10), std::size_t(1) << 20}) {
    Output out;
    std::string reason;
    REQUIRE(out.open("/dev/full", reason));
    CHECK_FALSE((out.write(std::string(size, 'x')) && out.flush()));
    CHECK(out.failed());
    CHECK_FALSE(out.write("more"));  // nothing is written after a failure
    CHECK_FALSE(out.close());
  }
  Output out;
  std::string reason;
  CHECK_FALSE(out.open("no/such/folder/file", reason));
  CHECK(reason == "No such file or directory");
}
