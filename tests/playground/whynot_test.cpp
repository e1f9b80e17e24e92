// Why not, on FLEXIS denials: the smallest changes that make each an allow, or the rule that
// stands under every change. Each answer is checked against the engine itself, and against
// what `gavel decide --why-not` prints for the same request.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gavel/gavel.hpp"

namespace {

using gavel::Request;

constexpr const char* today = "2026-11-26";

Request ask(std::string action, std::string purpose, std::vector<std::string> data) {
  Request r;
  r.action = std::move(action);
  r.purpose = std::move(purpose);
  r.data = std::move(data);
  r.at = today;
  r.dates = {{"last_contact", "2025-05-01"}, {"event_end", "2026-06-30"}, {"last_connection", "2026-01-20"}};
  return r;
}

Request rights(std::string right, std::string purpose) {
  Request r = ask("request", std::move(purpose), {});
  r.right = std::move(right);
  r.received = today;
  return r;
}

struct Case {
  std::string name;
  Request request;
  bool possible;
  std::size_t changes = 1;               // the size of every way
  std::vector<std::string> ways;         // single changes (or "a + b" pairs) that must be among them
  std::vector<std::string> blocking;     // when impossible: the rules that stand
  std::string because;                   // when impossible: part of the reason
};

std::vector<Case> cases() {
  std::vector<Case> out;
  {
    Request r = ask("communicate", "newsletter", {"identity", "contact_details"});
    r.consent["newsletter"] = {"2024-01-10", "2026-03-01"};
    out.push_back({"newsletter after consent was withdrawn", r, true, 1, {"consent given newsletter 2026-11-26"}, {}, {}});
  }
  {
    Request r = ask("communicate", "newsletter", {"identity"});
    out.push_back({"newsletter without any consent", r, true, 1, {"consent given newsletter 2026-11-26"}, {}, {}});
  }
  {
    Request r = ask("communicate", "newsletter", {"identity"});
    r.consent["newsletter"] = {"2027-01-01", std::nullopt};
    out.push_back({"newsletter before the consent is given", r, true, 1, {"consent given newsletter 2026-11-26"}, {}, {}});
  }
  {
    Request r = ask("communicate", "prospecting", {"identity", "contact_details"});
    r.consent["prospecting"] = {"2024-01-10", std::nullopt};
    r.objections.push_back({"direct_marketing", "2026-02-01"});
    out.push_back({"prospecting after an objection to direct marketing", r, false, 0, {}, {"direct-marketing-objection"},
                   "the person objected to the group “direct marketing” on 2026-02-01"});
  }
  {
    Request r = ask("use", "newsletter", {"identity"});
    r.consent["newsletter"] = {"2024-01-10", std::nullopt};
    r.objections.push_back({"newsletter", "2026-02-01"});
    // Only from the archive, for litigation or a legal requirement, once the consent has
    // ended the retention: no use for direct marketing.
    out.push_back({"newsletter after an objection to it", r, true, 2,
                   {"consent withdrawn newsletter 2026-11-26 + assert legal_claims"}, {}, {}});
  }
  {
    Request r = ask("use", "contact_requests", {"identity"});
    r.unlawful = true;
    out.push_back({"contact requests found unlawful", r, false, 0, {}, {"unlawful-processing"}, "unlawfully"});
  }
  {
    Request r = ask("use", "security", {"ip_address"});
    r.restriction = gavel::Restriction{"2026-10-01", std::nullopt};
    out.push_back({"security while restricted", r, true, 1,
                   {"restricted since 2026-10-01 until 2026-11-25", "assert legal_claims", "assert protect_rights_of_others",
                    "assert public_interest"},
                   {}, {}});
  }
  {
    Request r = ask("transfer", "contact_requests", {"identity", "message_content"});
    r.country = "US";
    out.push_back({"transfer to the US without clauses", r, true, 1,
                   {"assert standard_contractual_clauses", "no country", "country AD"}, {}, {}});
  }
  {
    Request r = ask("use", "contact_requests", {"identity", "ip_address"});
    out.push_back({"data outside the purpose", r, true, 1, {"data identity"}, {}, {}});
  }
  {
    Request r = ask("disclose", "contact_requests", {"identity"});
    r.recipient = "ovh";
    out.push_back({"a recipient that may not receive the data", r, true, 1, {"no recipient", "recipient salesforce"}, {}, {}});
  }
  {
    Request r = ask("disclose", "contact_requests", {"identity", "company"});
    r.recipient = "authorities";
    out.push_back({"a disclosure to authorities", r, true, 1, {"assert legal_obligation", "assert legal_claims"}, {}, {}});
  }
  {
    Request r = ask("use", "contact_requests", {"identity"});
    r.dates["last_contact"] = "2022-01-01";
    out.push_back({"contact requests after their retention", r, true, 1,
                   {"last_contact 2026-11-26", "assert legal_claims", "assert legal_obligation"}, {}, {}});
  }
  {
    Request r = ask("use", "contact_requests", {"identity"});
    r.objections.push_back({"contact_requests", "2026-06-01"});
    out.push_back({"legitimate interest after an objection", r, true, 1,
                   {"assert compelling_grounds", "assert legal_claims"}, {}, {}});
  }
  {
    Request r = ask("use", "security", {"connection_logs"});
    r.objections.push_back({"security", "2026-06-01"});
    out.push_back({"security after an objection", r, true, 1,
                   {"assert legal_obligation", "assert compelling_grounds", "assert legal_claims"}, {}, {}});
  }
  {
    Request r = rights("erasure", "security");
    out.push_back({"erasure without a ground", r, true, 1, {"objected to security 2026-11-26", "unlawful"}, {}, {}});
  }
  {
    Request r = rights("erasure", "newsletter");
    r.consent["newsletter"] = {"2024-01-10", "2026-03-01"};
    r.context = {"legal_claims"};
    out.push_back({"erasure refused for legal claims", r, true, 1, {"retract legal_claims"}, {}, {}});
  }
  {
    Request r = rights("portability", "contact_requests");
    out.push_back({"portability of legitimate-interest data", r, false, 0, {}, {}, "No rule of the policy grants this request"});
  }
  {
    Request r = ask("communicate", "newsletter", {"identity"});
    r.dates.clear();
    out.push_back({"newsletter with neither consent nor last contact", r, true, 2,
                   {"consent given newsletter 2026-11-26 + last_contact 2026-11-26"},
                   {}, {}});
  }
  {
    Request r = ask("collect", "events", {"identity", "logistics"});
    r.objections.push_back({"events", "2026-06-01"});
    r.bases["events"] = "legitimate_interest";  // the participant never relied on consent
    out.push_back({"events after an objection, without consent", r, true, 1,
                   {"assert compelling_grounds", "assert legal_claims"}, {}, {}});
  }
  {
    Request r = ask("communicate", "newsletter", {"identity"});
    r.consent["newsletter"] = {"2024-01-10", std::nullopt};
    r.recipient = "salesforce";
    r.country = "IN";  // in the US, Salesforce's certification under the Data Privacy Framework suffices
    out.push_back({"newsletter through a recipient in India", r, true, 1,
                   {"assert standard_contractual_clauses", "no country"}, {}, {}});
  }
  return out;
}

std::string key(const gavel::WhyNot::Way& way) {
  std::string out;
  for (const auto& c : way.changes) out += (out.empty() ? "" : " + ") + c.command;
  return out;
}

// Applies a change the way the playground reads it, to check a way independently.
void apply(Request& r, const std::string& command) {
  std::istringstream words(command);
  std::string head, a, b, c;
  words >> head >> a >> b >> c;
  if (head == "consent" && a == "given") r.consent[b] = {c, std::nullopt};
  else if (head == "consent" && a == "withdrawn") r.consent[b].withdrawn = c;
  else if (head == "objected") r.objections.push_back({b, c});
  else if (head == "assert") r.context.push_back(a);
  else if (head == "retract") std::erase(r.context, a);
  else if (head == "unlawful") r.unlawful = true;
  else if (head == "restricted" && c == "until") r.restriction->until = command.substr(command.rfind(' ') + 1);
  else if (head == "restricted") r.restriction = gavel::Restriction{b, std::nullopt};
  else if (head == "forget" && a == "restriction") r.restriction.reset();
  else if (head == "no" && a == "country") r.country.reset();
  else if (head == "no" && a == "recipient") r.recipient.reset();
  else if (head == "country") r.country = a;
  else if (head == "recipient") r.recipient = a;
  else if (head == "data") {
    r.data.clear();
    std::string rest = command.substr(5), item;
    std::istringstream list(rest);
    while (std::getline(list, item, ',')) r.data.push_back(item.substr(item.find_first_not_of(' ')));
  } else r.dates[head] = a;
}

}  // namespace

TEST_CASE("why not on FLEXIS denials", "[playground][whynot]") {
  auto loaded = gavel::load_policy_file(GAVEL_SOURCE_DIR "/rules/flexis.gavel");
  REQUIRE(loaded.ok());
  gavel::Decider decider(loaded.policy);
  const auto all = cases();
  CHECK(all.size() >= 15);
  std::size_t impossible = 0;
  for (const auto& c : all) {
    SECTION(c.name) {
      const auto d = decider.decide(c.request);
      REQUIRE_FALSE(d.error);
      REQUIRE_FALSE(d.allow);
      const auto answer = gavel::why_not(decider, c.request);
      REQUIRE(answer);
      INFO(answer->explanation);
      CHECK(answer->possible() == c.possible);
      std::vector<std::string> found;
      for (const auto& way : answer->ways) {
        found.push_back(key(way));
        CHECK(way.changes.size() == c.changes);
        // Each way is an allow when applied by hand, and none of its changes alone is.
        Request changed = c.request;
        for (const auto& change : way.changes) apply(changed, change.command);
        CHECK(decider.decide(changed).allow);
        if (way.changes.size() > 1)
          for (const auto& change : way.changes) {
            Request one = c.request;
            apply(one, change.command);
            CHECK_FALSE(decider.decide(one).allow);
          }
      }
      for (const auto& way : c.ways) {
        INFO(way);
        CHECK(std::find(found.begin(), found.end(), way) != found.end());
      }
      if (!c.possible) {
        CHECK(answer->blocking == c.blocking);
        CHECK(answer->explanation.find(c.because) != std::string::npos);
        CHECK(answer->explanation.find("No change of one or two facts") == 0);
      }
    }
    impossible += c.possible ? 0 : 1;
  }
  CHECK(impossible >= 3);
}

TEST_CASE("why not has nothing to say about an allow or a refused request", "[playground][whynot]") {
  auto loaded = gavel::load_policy_file(GAVEL_SOURCE_DIR "/rules/flexis.gavel");
  REQUIRE(loaded.ok());
  gavel::Decider decider(loaded.policy);
  Request allowed = ask("communicate", "newsletter", {"identity"});
  allowed.consent["newsletter"] = {"2024-01-10", std::nullopt};
  CHECK_FALSE(gavel::why_not(decider, allowed));
  Request refused = ask("communicate", "newsleter", {"identity"});
  CHECK_FALSE(gavel::why_not(decider, refused));
}

TEST_CASE("gavel decide --why-not gives the library's answer", "[playground][whynot]") {
  auto loaded = gavel::load_policy_file(GAVEL_SOURCE_DIR "/rules/flexis.gavel");
  REQUIRE(loaded.ok());
  gavel::Decider decider(loaded.policy);
  std::size_t denials = 0;
  for (const auto& entry : std::filesystem::directory_iterator(GAVEL_SOURCE_DIR "/examples/requests")) {
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    gavel::RequestError error;
    auto request = gavel::parse_request(text.str(), error);
    REQUIRE(request);
    auto answer = gavel::why_not(decider, *request);
    if (!answer) continue;
    ++denials;
    const std::string command = std::string(GAVEL_BINARY) + " decide " + GAVEL_SOURCE_DIR "/rules/flexis.gavel " +
                                entry.path().string() + " --why-not";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string printed;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) printed.append(buffer, n);
    CHECK(::pclose(pipe) == 0);
    INFO(entry.path().string());
    CHECK(printed.ends_with(answer->explanation));
  }
  CHECK(denials >= 3);
}
