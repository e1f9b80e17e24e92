// Fuzz target: the compiled engine against the reference evaluator (engine/reference/).
// The bytes are read as choices (fuzz/generator.hpp): a small policy that the checker accepts,
// then requests against it. Each request is decided three ways — the engine through the
// Request struct, the engine through its JSON, the reference — and any difference in the
// decision, the deciding rules, the obligations, the missing facts, the conflicts or the due
// dates aborts with the policy, the request and the differences.
//
// Then the request's JSON is changed as a hostile client would change it (fuzz/json_mutator.hpp:
// keys repeated, reordered, moved, values wrapped or retyped), and the engine's reader is held
// to the reference's: a request one refuses the other refuses, never decided; a request both
// accept both decide alike; a request only reordered is decided as it was.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "engine/check/checker.hpp"
#include "engine/reference/reference.hpp"
#include "fuzz/generator.hpp"
#include "fuzz/json_mutator.hpp"
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

// The engine's reader against the reference's, on one changed request.
void compare_readers(const std::string& policy, const gavel::syntax::Policy& tree, gavel::Decider& decider,
                     const gavel::reference::Evaluator& reference, const gavel::fuzz::Mutation& changed,
                     const gavel::Decision& original) {
  const auto engine = decider.decide(std::string_view(changed.json));
  std::optional<gavel::Request> read;
  std::string refusal;
  try {
    read = gavel::reference::request_from_json(changed.json, &tree);
    gavel::reference::check_request(tree, *read);
  } catch (const gavel::reference::BadRequest& e) {
    read.reset();
    refusal = e.what();
  }
  const std::string what = "changed by" + changed.what;
  if (!engine.error && !read)
    disagree(policy, changed.json, what + ": the engine decides a request the reference refuses", {refusal});
  if (!read) return;  // both refuse it
  // The reference may still refuse it in deciding (a date that would leave the range).
  const auto expected = reference.decide(*read);
  if (engine.error && !expected.error)
    disagree(policy, changed.json, what + ": the engine refuses a request the reference accepts",
             {engine.error->field + ": " + engine.error->message});
  if (auto d = gavel::reference::differences(engine, expected); !d.empty())
    disagree(policy, changed.json, what + ": the engine and the reference disagree", d);
  if (changed.reorder_only) {
    if (auto d = gavel::reference::differences(engine, original); !d.empty())
      disagree(policy, changed.json, what + ": the engine decides a reordered request differently", d);
  }
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
    const auto expected = reference.decide(request);
    if ((engine.error || engine_json.error) && !expected.error) {
      const auto& e = engine.error ? *engine.error : *engine_json.error;
      disagree(model.text, json, "the engine refuses a well-formed request", {e.field + ": " + e.message});
    }
    if (auto d = gavel::reference::differences(engine, engine_json); !d.empty())
      disagree(model.text, json, "the engine decides the struct and the JSON differently", d);
    if (engine.allow && engine.decided_by.empty())
      disagree(model.text, json, "an allow that names nothing that decided it", {});
    if (auto d = gavel::reference::differences(engine, expected); !d.empty())
      disagree(model.text, json, "the engine and the reference disagree", d);
    if (!bytes.empty() && bytes.one_in(2)) {
      const auto changed = gavel::fuzz::JsonMutator(bytes).mutate(json);
      compare_readers(model.text, checked.policy, decider, reference, changed, engine);
    }
    if (bytes.empty()) break;
  }
  return 0;
}
