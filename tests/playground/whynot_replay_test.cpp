// Why-not answers replayed in the playground: for every bundled policy, each denial of its
// scenario suite and of generated traffic (`gavel generate`, and the same traffic with the
// facts it leaves out: bases of record, the policy's own facts, ages, `null` consents and
// dates) is stated to a session as commands, which must make the very request; then each way
// why-not proposes, typed as `what if …`, must turn the question into an allow. Nothing is
// skipped: a change the playground could not state would fail here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include <simdjson.h>

#include "gavel/gavel.hpp"
#include "playground/session.hpp"

namespace {

using gavel::Request;

// The commands that state `r` to a session, its question last.
std::vector<std::string> commands_for(const Request& r) {
  std::vector<std::string> out{"today " + r.at};
  for (const auto& [purpose, c] : r.consent) {
    if (c.never_given) {
      out.push_back("consent never given " + purpose);
      continue;
    }
    out.push_back((c.explicit_consent ? "explicit consent given " : "consent given ") + purpose + " " + c.given);
    if (c.withdrawn) out.push_back("consent withdrawn " + purpose + " " + *c.withdrawn);
  }
  for (const auto& [purpose, basis] : r.bases) out.push_back("basis of record " + purpose + " " + basis);
  for (const auto& o : r.objections) out.push_back("objected to " + o.to + " " + o.at);
  if (r.restriction)
    out.push_back("restricted since " + r.restriction->since +
                  (r.restriction->until ? " until " + *r.restriction->until : std::string()));
  if (r.unlawful) out.push_back("unlawful");
  for (const auto& [name, date] : r.dates) out.push_back(name + " " + date.value_or("not yet"));
  for (const auto& [fact, since] : r.facts) out.push_back(since ? fact + " since " + *since : "not " + fact);
  if (r.born) out.push_back("born " + *r.born);
  if (r.age) out.push_back("age " + std::to_string(*r.age));
  for (const auto& fact : r.context) out.push_back("assert " + fact);
  if (r.action == "request") {
    out.push_back("request " + r.right.value_or("") + " for " + r.purpose +
                  (r.received ? " received " + *r.received : std::string()));
  } else {
    std::string q = "may " + r.action;
    for (std::size_t i = 0; i < r.data.size(); ++i) q += (i ? ", " : " ") + r.data[i];
    q += " for " + r.purpose;
    if (r.recipient) q += " with " + *r.recipient;
    if (r.country) q += " in " + *r.country;
    out.push_back(q + "?");
  }
  return out;
}

std::string run(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string printed;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) printed.append(buffer, n);
  REQUIRE(::pclose(pipe) == 0);
  return printed;
}

// The facts generated traffic leaves out, stated for the `k`th request in turn: each kind of
// them, known and known not to hold, comes up every few requests.
Request with_declared_facts(Request r, const gavel::Vocabulary& v, std::size_t k) {
  const auto* purpose = v.purpose(r.purpose);
  if (purpose && purpose->one_per_person && k % 3 != 2) r.bases[r.purpose] = purpose->bases[k % purpose->bases.size()];
  if (k % 4 == 1) r.consent[r.purpose] = gavel::ConsentRecord{{}, std::nullopt, true, false};
  if (k % 4 == 3) {
    auto& c = r.consent[r.purpose];
    if (c.never_given || c.given.empty()) c = gavel::ConsentRecord{"2024-01-10", std::nullopt};
    c.explicit_consent = true;
  }
  if (k % 5 == 2)
    for (auto& [name, date] : r.dates) date = std::nullopt;
  for (std::size_t i = 0; i < v.recorded_facts.size(); ++i)
    if ((k + i) % 3 == 0) r.facts[v.recorded_facts[i]] = "2020-01-01";
    else if ((k + i) % 3 == 1) r.facts[v.recorded_facts[i]] = std::nullopt;
  if (!r.born && k % 3 == 0) r.age = int(k * 7 % 90);
  if (!r.born && k % 3 == 1) r.born = "1960-02-29";
  for (std::size_t i = 0; i < v.asserted_facts.size(); ++i)
    if ((k + i) % 4 == 0) r.context.push_back(v.asserted_facts[i]);
  return r;
}

// The playground keeps one objection to each purpose or group, as an objection once made
// stands: of two to the same target, the earlier decides, so generated traffic keeps that one.
Request earliest_objections(Request r) {
  std::vector<gavel::Objection> kept;
  for (const auto& o : r.objections) {
    auto same = std::find_if(kept.begin(), kept.end(), [&](const auto& k) { return k.to == o.to; });
    if (same == kept.end()) kept.push_back(o);
    else if (o.at < same->at) same->at = o.at;
  }
  r.objections = std::move(kept);
  return r;
}

struct Replayed {
  std::size_t denials = 0, possible = 0, ways = 0;
  std::set<std::string> kinds;  // the first words of the changes replayed
};

// What a change is, by its first words: `basis of record`, `explicit consent given`, `not F`
// (a recorded fact), `F since` …
std::string kind_of(const std::string& command, const gavel::Vocabulary& v) {
  std::istringstream words(command);
  std::string head, second;
  words >> head >> second;
  if (head == "assert" || head == "retract")
    return head + (std::find(v.asserted_facts.begin(), v.asserted_facts.end(), second) != v.asserted_facts.end()
                       ? " a fact the policy declares"
                       : " a context fact");
  if (head == "not") return second == "unlawful" ? "not unlawful" : "not a recorded fact";
  if (second == "since" && head != "restricted") return "a recorded fact since";
  if (head == "basis" || head == "explicit") return head + " " + second;
  return head;
}

// States `r` to a fresh session, checks it makes that request, and replays every way.
void replay(const std::string& path, const std::shared_ptr<const gavel::Policy>& policy, gavel::Decider& decider,
            const gavel::Vocabulary& vocabulary, const Request& r, const std::string& where, Replayed& count) {
  const auto d = decider.decide(r);
  if (d.error || d.allow) return;
  ++count.denials;
  const auto answer = gavel::why_not(decider, r);
  REQUIRE(answer);
  gavel::playground::Session session(path, policy, r.at);
  for (const auto& command : commands_for(r)) {
    INFO(where << ": " << command);
    REQUIRE(session.execute(command).ok);
  }
  {
    INFO(where);
    REQUIRE(session.execute("json request").text == gavel::to_json(r) + "\n");
  }
  if (!answer->possible()) return;
  ++count.possible;
  for (const auto& way : answer->ways) {
    std::string command = "what if";
    for (std::size_t i = 0; i < way.changes.size(); ++i) {
      command += (i ? " and " : " ") + way.changes[i].command;
      count.kinds.insert(kind_of(way.changes[i].command, vocabulary));
    }
    const auto out = session.execute(command);
    INFO(where << ": " << command << "\n" << out.text);
    CHECK(out.ok);
    CHECK(out.text.find("deny   allow  allowed by") != std::string::npos);
    ++count.ways;
  }
}

}  // namespace

TEST_CASE("why-not answers replay as what-ifs on every denial, for every bundled policy", "[playground][whynot]") {
  simdjson::dom::parser parser;
  std::set<std::string> kinds;
  for (const std::string stem : {"flexis", "tilleuls", "valsaone"}) {
    INFO(stem);
    const std::string path = GAVEL_SOURCE_DIR "/rules/" + stem + ".gavel";
    auto loaded = gavel::load_policy_file(path);
    REQUIRE(loaded.ok());
    gavel::Decider decider(loaded.policy);
    const auto vocabulary = gavel::vocabulary(*loaded.policy);
    Replayed scenarios, generated;
    for (const auto& entry : std::filesystem::directory_iterator(GAVEL_SOURCE_DIR "/tests/scenarios/" + stem)) {
      simdjson::dom::element root;
      REQUIRE_FALSE(parser.load(entry.path().string()).get(root));
      for (simdjson::dom::element c : root["cases"].get_array()) {
        gavel::RequestError error;
        auto request = gavel::parse_request(simdjson::minify(c["request"]), error);
        if (!request) continue;
        replay(path, loaded.policy, decider, vocabulary, *request, entry.path().filename().string(), scenarios);
      }
    }
    const std::string lines = run(std::string(GAVEL_BINARY) + " generate --count 150 --seed 11 --policy " + path);
    std::istringstream traffic(lines);
    std::string line;
    for (std::size_t k = 0; std::getline(traffic, line); ++k) {
      gavel::RequestError error;
      auto request = gavel::parse_request(line, error);
      REQUIRE(request);
      request = earliest_objections(std::move(*request));
      const std::string where = "generated request " + std::to_string(k + 1);
      replay(path, loaded.policy, decider, vocabulary, *request, where, generated);
      replay(path, loaded.policy, decider, vocabulary, with_declared_facts(*request, vocabulary, k),
             where + ", with declared facts", generated);
    }
    // Every bundled policy denies scores of its scenarios and of its traffic, most of them
    // with a way out.
    CHECK(scenarios.denials >= 40);
    CHECK(scenarios.possible >= 30);
    CHECK(generated.denials >= 150);
    CHECK(generated.possible >= 100);
    CHECK(scenarios.ways >= scenarios.possible);
    CHECK(generated.ways >= generated.possible);
    kinds.insert(scenarios.kinds.begin(), scenarios.kinds.end());
    kinds.insert(generated.kinds.begin(), generated.kinds.end());
  }
  // The changes the playground could not state before were replayed too.
  for (const auto* kind : {"basis of", "explicit consent", "assert a fact the policy declares", "not a recorded fact",
                           "a recorded fact since", "forget", "restricted", "consent", "data", "country", "recipient"}) {
    INFO(kind);
    CHECK(kinds.count(kind) == 1);
  }
}
