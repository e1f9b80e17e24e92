// gavel decide POLICY [REQUEST|-] [--explain] [--trace]
// gavel decide POLICY --batch FILE
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "engine/request/facts.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {
namespace {

struct DecideOptions {
  std::string policy;
  std::string request = "-";
  std::string batch;
  bool explain = false;
  bool trace = false;
  bool why_not = false;
};

// Reads at most `limit` + 1 bytes, so that an oversized request is refused by the decoder
// without reading all of it.
bool read_bounded(std::istream& in, std::size_t limit, std::string& out) {
  out.resize(limit + 1);
  in.read(out.data(), std::streamsize(out.size()));
  out.resize(std::size_t(in.gcount()));
  return !in.bad();
}

// --why-not: for a deny, the smallest changes that would make it an allow (gavel::why_not).
int why_not_one(Decider& decider, const std::string& name, const std::string& text) {
  const auto d = decider.decide(std::string_view(text));
  RequestError shape;
  const auto request = d.error ? std::nullopt : parse_request(text, shape);
  if (d.error || !request) {
    const RequestError& e = d.error ? *d.error : shape;
    fmt::print(stderr, "{}: error: `{}`: {}\n", name, e.field, e.message);
    if (!e.help.empty()) fmt::print(stderr, "  = help: {}\n", e.help);
    return exit_error;
  }
  if (d.allow) {
    fmt::print("Allowed by {}: nothing needs to change.\n", fmt::join(d.decided_by, ", "));
    return exit_ok;
  }
  const auto answer = why_not(decider, *request);
  fmt::print("Denied by {}.\n{}", fmt::join(d.decided_by, ", "), answer ? answer->explanation : std::string());
  return exit_ok;
}

int decide_one(Decider& decider, const DecideOptions& o) {
  std::string text;
  if (o.request == "-") {
    if (!read_bounded(std::cin, request::max_request_bytes, text)) {
      fmt::print(stderr, "gavel: cannot read the request from standard input\n");
      return exit_error;
    }
  } else {
    std::ifstream in(o.request, std::ios::binary);
    if (!in || !read_bounded(in, request::max_request_bytes, text)) {
      fmt::print(stderr, "gavel: cannot read the request `{}`\n", o.request);
      return exit_error;
    }
  }
  const std::string name = o.request == "-" ? "<stdin>" : o.request;
  if (o.why_not) return why_not_one(decider, name, text);
  if (o.explain) {
    const auto d = decider.decide(std::string_view(text), {.trace = true, .explain = true});
    if (d.error) {
      fmt::print(stderr, "{}: error: `{}`: {}\n", name, d.error->field, d.error->message);
      if (!d.error->help.empty()) fmt::print(stderr, "  = help: {}\n", d.error->help);
      return exit_error;
    }
    fmt::print("{}\n", d.explanation);
    return exit_ok;
  }
  std::string response;
  const bool decided = decider.decide_json(text, response, {.trace = o.trace});
  fmt::print("{}\n", response);
  if (!decided) {
    fmt::print(stderr, "{}: the request was refused (see the error above)\n", name);
    return exit_error;
  }
  return exit_ok;
}

// Reads one line into `line`, keeping at most `limit` + 1 bytes of it: a longer line is still
// read to its end (its length counted in `length`), but never held whole in memory.
bool read_line(std::istream& in, std::size_t limit, std::string& line, std::size_t& length) {
  line.clear();
  length = 0;
  std::streambuf* buffer = in.rdbuf();
  for (int c = buffer->sbumpc(); ; c = buffer->sbumpc()) {
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return length > 0;
    }
    if (c == '\n') return true;
    if (line.size() <= limit) line += static_cast<char>(c);
    ++length;
  }
}

// JSON lines in, one JSON line out per request, in order. A bad line gets an error line and
// the run goes on; the exit status says whether any line was refused.
int decide_batch(Decider& decider, const DecideOptions& o) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (o.batch != "-") {
    file.open(o.batch, std::ios::binary);
    if (!file) {
      fmt::print(stderr, "gavel: cannot read the batch file `{}`\n", o.batch);
      return exit_error;
    }
    in = &file;
  }
  std::string line, response, out;
  out.reserve(1 << 20);
  std::size_t number = 0, allowed = 0, denied = 0, refused = 0;
  const gavel::DecideOptions options{.trace = o.trace, .explain = o.explain};
  std::size_t length = 0;
  while (read_line(*in, request::max_request_bytes, line, length)) {
    ++number;
    if (length > request::max_request_bytes) {
      out += fmt::format(R"({{"error":{{"field":"","message":"line {} is {} bytes, longer than the limit of {} bytes"}}}})",
                         number, length, request::max_request_bytes);
      out += '\n';
      ++refused;
    } else if (line.find_first_not_of(" \t\r") == std::string::npos) {
      out += R"({"error":{"field":"","message":"empty line: a request is one JSON object per line"}})";
      out += '\n';
      ++refused;
    } else {
      const bool decided = decider.decide_json(line, response, options);
      out += response;
      out += '\n';
      if (!decided)
        ++refused;
      else if (response.compare(0, 20, R"({"decision":"allow",)") == 0)
        ++allowed;
      else
        ++denied;
    }
    if (out.size() > (1u << 20) - (1u << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (in->bad()) {
    fmt::print(stderr, "gavel: error reading `{}` after line {}\n", o.batch, number);
    return exit_error;
  }
  fmt::print(stderr, "gavel: {} requests: {} allowed, {} denied, {} refused\n", number, allowed, denied, refused);
  return refused ? exit_error : exit_ok;
}

int run_decide(const DecideOptions& o) {
  auto loaded = load_policy_file(o.policy);
  if (!loaded.ok()) {
    std::fputs(loaded.report.c_str(), stderr);
    fmt::print(stderr, "gavel: `{}` has errors; no decision made\n", o.policy);
    return exit_error;
  }
  Decider decider(loaded.policy);
  return o.batch.empty() ? decide_one(decider, o) : decide_batch(decider, o);
}

}  // namespace

void add_decide_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DecideOptions>();
  auto* cmd = app.add_subcommand("decide", "Decide one JSON request (or a batch of JSON lines) against a policy");
  cmd->add_option("policy", options->policy, "The rule file")->required();
  cmd->add_option("request", options->request, "A JSON request file, or - for standard input (the default)");
  auto* batch = cmd->add_option("--batch", options->batch, "JSON lines in (a file or -), one JSON line out per request");
  cmd->add_flag("--explain", options->explain, "Print the reasons as a paragraph instead of JSON");
  cmd->add_flag("--trace", options->trace, "Include the justification trace in the JSON response");
  cmd->add_flag("--why-not", options->why_not, "For a deny: the smallest changes to the facts or the question that would allow it");
  batch->excludes(cmd->get_option("request"));
  cmd->callback([options, &exit_code] { exit_code = run_decide(*options); });
}

}  // namespace gavel::cli
