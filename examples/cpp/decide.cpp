// A program embedding gavel through its installed package (find_package(gavel), see
// CMakeLists.txt here): load a policy, then decide each JSON request read from standard input,
// one per line, writing one JSON response per line — what `gavel decide POLICY --batch -`
// writes for the same lines.
//
//   gavel generate rules/flexis.gavel --count 1000 | build-example/decide rules/flexis.gavel
#include <gavel/gavel.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: decide POLICY < requests.jsonl\n";
    return 2;
  }
  // Parsed, checked and compiled once; a file with errors gives no policy, and its report.
  gavel::LoadResult loaded = gavel::load_policy_file(argv[1]);
  std::cerr << loaded.report;  // warnings, if any
  if (!loaded.ok()) return 2;

  // The policy is immutable and may be shared by any number of threads; a Decider is one
  // thread's, and reuses its buffers from one request to the next.
  gavel::Decider decider(loaded.policy);
  std::string line, response;
  int refused = 0;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines, as --batch
    // JSON in, JSON out; false (and {"error": …} in `response`) for a malformed request.
    if (!decider.decide_json(line, response)) ++refused;
    std::cout << response << '\n';
  }
  return refused == 0 ? 0 : 1;
}
