// Fuzz target: the compiled engine against the reference evaluator (engine/reference/).
// The bytes are read as choices (fuzz/generator.hpp): a small policy that the checker accepts,
// then requests against it. Each request is decided three ways — the engine through the
// Request struct, the engine through its JSON, the reference — and any difference in the
// decision, the deciding rules, the obligations, the missing facts, the conflicts or the due
// dates aborts with the policy, the request and the differences.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/check/checker.hpp"
#include "engine/reference/reference.hpp"
#include "fuzz/generator.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace {

[[noreturn]] void disagree(const std::string& policy, const std::string& request, const std::string& what,
                           const std::vector<std::string>& differences) {
  std::fprintf(stderr, "==== differential: %s\n---- policy\n%s\n---- request\n%s\n---- differences\n", what.c_str(),
               policy.c_str(), request.c_str());
  for (const auto& d : differences) std::fprintf(stderr, "  %s\n", d.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gavel::fuzz::Bytes bytes(data, size);
  gavel::fuzz::Generator generate(bytes);
  const auto model = generate.policy();

  auto parsed = gavel::grammar::parse(gavel::Source{"fuzz.gavel", model.text});
  if (gavel::has_errors(parsed.diagnostics)) {
    std::fprintf(stderr, "%s\n", model.text.c_str());
    for (const auto& d : parsed.diagnostics) std::fprintf(stderr, "%u:%u: %s\n", d.span.line, d.span.column, d.message.c_str());
    std::fprintf(stderr, "differential: the generator wrote a policy that does not parse\n");
    std::abort();
  }
  const auto checked = gavel::check::check(std::move(parsed.policy));
  if (!checked.valid()) return -1;  // an override cycle: not kept in the corpus
  auto loaded = gavel::load_policy(model.text, "fuzz.gavel");
  if (!loaded.ok()) disagree(model.text, "", "the checker accepts a policy that load_policy refuses", {loaded.report});

  gavel::Decider decider(loaded.policy);
  const gavel::reference::Evaluator reference(checked.policy);
  for (int n = 0; n < 16; ++n) {
    const auto request = generate.request(model);
    const auto json = gavel::fuzz::to_json(request);
    const auto engine = decider.decide(request);
    const auto engine_json = decider.decide(std::string_view(json));
    if (engine.error || engine_json.error) {
      const auto& e = engine.error ? *engine.error : *engine_json.error;
      disagree(model.text, json, "the engine refuses a well-formed request", {e.field + ": " + e.message});
    }
    if (auto d = gavel::reference::differences(engine, engine_json); !d.empty())
      disagree(model.text, json, "the engine decides the struct and the JSON differently", d);
    if (engine.allow && engine.decided_by.empty())
      disagree(model.text, json, "an allow that names nothing that decided it", {});
    const auto expected = reference.decide(request);
    if (auto d = gavel::reference::differences(engine, expected); !d.empty())
      disagree(model.text, json, "the engine and the reference disagree", d);
    if (bytes.empty()) break;
  }
  return 0;
}
