// gavel decide POLICY [REQUEST|-] [--explain] [--trace] [--why-not]
// gavel decide POLICY --batch FILE [--flush] (cli/decide_batch.cpp)
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "cli/decide_batch.hpp"
#include "cli/io.hpp"
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
  bool flush = false;
};

// Prints what an error response names, as `gavel check` prints a diagnostic.
void print_request_error(const std::string& name, const RequestError& e) {
  fmt::print(stderr, "{}: error: `{}`: {}\n", name, e.field, e.message);
  if (!e.help.empty()) fmt::print(stderr, "  = help: {}\n", e.help);
}

// What denied a request, as the first line of --why-not. A rights request is not granted
// (refused by a rule, or granted by none): it is named as its explanation names it ("the
// person's request to exercise the right to data portability over …"), so that the words are
// the engine's, not raw identifiers. A processing request no rule decided is denied by default.
std::string denial(const Decision& d, const Request& request) {
  const bool rights_request = request.action == "request";
  if (!d.missing.empty())  // undetermined: it turns on facts the request does not give
    return fmt::format("{}, undetermined: the decision turns on {}, which the request does not give.",
                       rights_request ? "Not granted" : "Denied", fmt::join(d.missing, ", "));
  if (rights_request) {
    // The explanation's first sentence: "Refused: the person's request …, received on D."
    std::string sentence = d.explanation.substr(0, d.explanation.find('\n'));
    if (const auto received = sentence.find(", received on "); received != std::string::npos)
      sentence = sentence.substr(0, sentence.find('.', received) + 1);
    if (d.decided_by.empty()) return sentence + " No rule of the policy grants it.";
    std::vector<std::string> rules;
    for (const auto& id : d.decided_by) rules.push_back(fmt::format("`{}`", id));
    const bool one = rules.size() == 1;
    return fmt::format("{} {} {} {} it.", sentence, one ? "Rule" : "Rules", fmt::join(rules, ", "),
                       one ? "refuses" : "refuse");
  }
  if (d.decided_by.empty()) return "Denied by default: no rule or lawful basis allows it.";
  return fmt::format("Denied by {}.", fmt::join(d.decided_by, ", "));
}

// --why-not: for a deny, the smallest changes that would make it an allow (gavel::why_not).
int why_not_one(Decider& decider, const std::string& name, const std::string& text, Output& out) {
  const auto d = decider.decide(std::string_view(text), {.explain = true});
  RequestError shape;
  const auto request = d.error ? std::nullopt : parse_request(text, shape);
  if (d.error || !request) {
    print_request_error(name, d.error ? *d.error : shape);
    return exit_error;
  }
  if (d.allow) {
    out.print("Allowed by {}: nothing needs to change.\n", fmt::join(d.decided_by, ", "));
    return exit_ok;
  }
  const auto answer = why_not(decider, *request);
  out.print("{}\n{}", denial(d, *request), answer ? answer->explanation : std::string());
  return exit_ok;
}

int decide_one(Decider& decider, const DecideOptions& o, Output& out) {
  std::string text, reason;
  InputFile in = InputFile::standard_input();
  // One byte over the bound: the decoder then refuses the request and names the bound.
  if ((o.request != "-" && !in.open(o.request, reason)) ||
      !read_bounded(in, max_request_bytes + 1, text, reason)) {
    if (o.request == "-")
      fmt::print(stderr, "gavel: cannot read the request from standard input: {}\n", reason);
    else
      fmt::print(stderr, "gavel: cannot read the request `{}`: {}\n", o.request, reason);
    return exit_error;
  }
  const std::string name = o.request == "-" ? "<stdin>" : o.request;
  if (o.why_not) return why_not_one(decider, name, text, out);
  if (o.explain) {
    const auto d = decider.decide(std::string_view(text), {.trace = true, .explain = true});
    if (d.error) {
      print_request_error(name, *d.error);
      return exit_error;
    }
    out.print("{}\n", d.explanation);
    return exit_ok;
  }
  std::string response;
  const bool decided = decider.decide_json(text, response, {.trace = o.trace});
  out.print("{}\n", response);
  if (!decided) {
    fmt::print(stderr, "{}: the request was refused (see the error above)\n", name);
    return exit_error;
  }
  return exit_ok;
}

int run_decide(const DecideOptions& o) {
  auto loaded = load_policy_file(o.policy);
  if (!loaded.ok()) {
    std::fputs(loaded.report.c_str(), stderr);
    fmt::print(stderr, "gavel: `{}` has errors; no decision made\n", o.policy);
    return exit_error;
  }
  Decider decider(loaded.policy);
  Output& out = standard_output();
  if (!o.batch.empty())
    return decide_batch(decider, {.input = o.batch, .trace = o.trace, .explain = o.explain, .flush = o.flush}, out);
  const int status = decide_one(decider, o, out);
  return out.flush() ? status : out.report_failure();
}

}  // namespace

void add_decide_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DecideOptions>();
  auto* cmd = app.add_subcommand("decide", "Decide one JSON request (or a batch of JSON lines) against a policy");
  cmd->add_option("policy", options->policy, "The rule file")->required();
  cmd->add_option("request", options->request, "A JSON request file, or - for standard input (the default)");
  auto* batch = cmd->add_option("--batch", options->batch,
                                "JSON lines in (a file or -), one JSON line out per request; blank lines are skipped, "
                                "an error line carries \"line\": N. To a pipe or a terminal each response is written "
                                "before gavel waits for more input");
  cmd->add_flag("--flush", options->flush, "With --batch: write each response as soon as it is decided, even to a file")
      ->needs(batch);
  cmd->add_flag("--explain", options->explain, "Print the reasons as a paragraph instead of JSON");
  cmd->add_flag("--trace", options->trace, "Include the justification trace in the JSON response");
  cmd->add_flag("--why-not", options->why_not, "For a deny: the smallest changes to the facts or the question that would allow it");
  batch->excludes(cmd->get_option("request"));
  cmd->callback([options, &exit_code] { exit_code = run_decide(*options); });
}

}  // namespace gavel::cli
