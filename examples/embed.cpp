// A complete program embedding gavel: load the FLEXIS policy, ask one question with the C++
// struct, then the same with the JSON contract. Build: part of the gavel build
// (build/examples/embed); run from the project root: build/examples/embed rules/flexis.gavel
#include <gavel/gavel.hpp>

#include <iostream>

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "rules/flexis.gavel";
  gavel::LoadResult loaded = gavel::load_policy_file(path);
  std::cerr << loaded.report;  // warnings, if any
  if (!loaded.ok()) return 2;

  // One Decider per thread; the policy itself is shared.
  gavel::Decider decider(loaded.policy);

  gavel::Request request;
  request.action = "communicate";
  request.purpose = "newsletter";
  request.data = {"identity", "contact_details"};
  request.at = "2026-11-26";
  request.consent["newsletter"] = {"2024-01-10", "2026-03-01"};  // given, then withdrawn
  request.dates["last_contact"] = "2025-05-01";

  gavel::Decision decision = decider.decide(request, {.trace = true, .explain = true});
  if (decision.error) {
    std::cerr << decision.error->field << ": " << decision.error->message << "\n";
    return 2;
  }
  std::cout << (decision.allow ? "allow" : "deny") << "\n";
  for (const auto& id : decision.decided_by) std::cout << "  decided by " << id << "\n";
  for (const auto& step : decision.trace) std::cout << "  " << step.rule << ": " << step.outcome << "\n";
  std::cout << decision.explanation << "\n";

  // The same question as the HTTP service and the CLI take it: JSON in, JSON out.
  std::string response;
  decider.decide_json(R"({"action":"communicate","purpose":"newsletter","data":["identity"],
      "at":"2026-11-26","subject":{"consent":{"newsletter":{"given":"2024-01-10"}},
      "dates":{"last_contact":"2025-05-01"}}})",
                      response);
  std::cout << response << "\n";
  return 0;
}
