// The answer to a rights request as GDPR Art. 12 and 19 have it: a refusal within the first
// period with the authority and the judicial remedy, the extension's notice date, a grant's
// own term, the recipients to tell — the engine and the reference evaluator side by side.
#include <catch2/catch.hpp>

#include "engine/check/checker.hpp"
#include "engine/reference/reference.hpp"
#include "gavel/gavel.hpp"
#include "grammar/parser.hpp"

namespace {

const char* policy_text = R"gavel(
controller "Example SAS" {
  authority "CNIL" "https://www.cnil.fr"
  established in eea
}
countries eea "EEA" { FR, DE }
category identity "Identity"
category email "E-mail address"
category logs "Connection logs"
purpose mailing "Newsletter" {
  basis consent
  data identity, email
}
purpose audit "Audit" {
  basis legitimate_interest
  data logs
}
recipient mailer "Mailer" { receives email }
recipient host "Host" { receives logs }
rule withdrawal "Consent may be withdrawn" cites "GDPR Art. 7(3)"
  grant withdraw_consent for mailing
  effective on receipt
rule erasure-granted "Data may be erased" cites "GDPR Art. 17(1)"
  grant erasure
  unless legal_claims
rule right-of-access "Everyone may access their data" cites "GDPR Art. 15"
  grant access
  answer within 8 days
rule portability-granted "Portability" cites "GDPR Art. 20"
  grant portability
respond within 1 month, extendable by 2 months
)gavel";

gavel::Request request(std::string right, std::string purpose, std::string context = "") {
  gavel::Request r;
  r.action = "request";
  r.right = std::move(right);
  r.purpose = std::move(purpose);
  r.at = "2026-03-16";
  r.received = "2026-03-16";
  if (!context.empty()) r.context = {std::move(context)};
  return r;
}

struct Both {
  Both()
      : checked(gavel::check::check(gavel::grammar::parse(gavel::Source{"answer.gavel", policy_text}).policy)),
        loaded(gavel::load_policy(policy_text, "answer.gavel")),
        reference(checked.policy) {}
  gavel::check::CheckedPolicy checked;
  gavel::LoadResult loaded;
  gavel::reference::Evaluator reference;
};

// The engine's decision, after checking that the reference reaches the same.
gavel::Decision decide(const gavel::Request& r) {
  static Both b;
  INFO(b.loaded.report);
  REQUIRE(b.loaded.ok());
  gavel::Decider decider(b.loaded.policy);
  auto engine = decider.decide(r, {.trace = true, .explain = true});
  INFO(engine.explanation);
  REQUIRE_FALSE(engine.error);
  std::string shown;
  for (const auto& d : gavel::reference::differences(engine, b.reference.decide(r))) shown += d + "\n";
  INFO(shown);
  CHECK(shown.empty());
  return engine;
}

}  // namespace

TEST_CASE("a refused rights request is answered within the first period, with the authority and the judicial remedy") {
  const auto d = decide(request("erasure", "mailing", "legal_claims"));
  CHECK_FALSE(d.allow);
  CHECK(d.due == "2026-04-16");
  CHECK_FALSE(d.extended_due);  // GDPR Art. 12(4): never at the extended date
  REQUIRE(d.refusal);
  CHECK(d.refusal->due == "2026-04-16");
  CHECK(d.refusal->authority == "CNIL");
  CHECK(d.refusal->authority_address == "https://www.cnil.fr");
  CHECK(d.refusal->judicial_remedy);
  CHECK(d.explanation.find("lodge a complaint with the CNIL (https://www.cnil.fr)") != std::string::npos);
}

TEST_CASE("an extension is notified within the first period") {
  const auto d = decide(request("portability", "mailing"));
  CHECK(d.allow);
  CHECK(d.extended_due == "2026-06-16");
  CHECK(d.extension_notice_by == "2026-04-16");
  CHECK_FALSE(d.refusal);
}

TEST_CASE("a withdrawal of consent takes effect on receipt") {
  const auto d = decide(request("withdraw_consent", "mailing"));
  CHECK(d.allow);
  CHECK(d.due == "2026-03-16");
  CHECK(d.effective == "2026-03-16");
  CHECK_FALSE(d.extended_due);
}

TEST_CASE("a grant's own answer term replaces respond within") {
  const auto d = decide(request("access", "audit"));
  CHECK(d.due == "2026-03-24");
  CHECK_FALSE(d.extended_due);
  CHECK_FALSE(d.effective);
}

TEST_CASE("a granted erasure names the recipients that hold the purpose's data") {
  CHECK(decide(request("erasure", "mailing")).notify_recipients == std::vector<std::string>{"mailer"});
  CHECK(decide(request("erasure", "audit")).notify_recipients == std::vector<std::string>{"host"});
  CHECK(decide(request("erasure", "mailing", "disproportionate_effort")).notify_recipients.empty());
  CHECK(decide(request("portability", "mailing")).notify_recipients.empty());  // not Art. 19
}

TEST_CASE("an answer term on a rule that grants no right is an error") {
  const auto loaded = gavel::load_policy(R"gavel(
controller "X" { established in eea }
countries eea "EEA" { FR }
category identity "Identity"
purpose p "P" { basis consent data identity }
rule r "R" cites "GDPR Art. 12"
  refuse access
  effective on receipt
)gavel");
  CHECK_FALSE(loaded.ok());
  CHECK(loaded.report.find("`effective on receipt` in rule `r`, which grants no right") != std::string::npos);
}

TEST_CASE("an answer term is read whole, and its period is checked") {
  const std::string head = R"gavel(
controller "X" { established in eea }
countries eea "EEA" { FR }
category identity "Identity"
purpose p "P" { basis consent data identity }
rule r "R" cites "GDPR Art. 12"
  grant access
)gavel";
  const auto cut = gavel::load_policy(head + "  effective on\n");
  CHECK_FALSE(cut.ok());
  CHECK(cut.report.find("expected `receipt` after `effective on` in rule `r`") != std::string::npos);
  const auto empty = gavel::load_policy(head + "  answer within 0 days\n");
  CHECK_FALSE(empty.ok());
  CHECK(empty.report.find("period `0 days` is empty") != std::string::npos);
  const auto no_authority = gavel::load_policy(head + "  answer within 15 days\n");
  REQUIRE(no_authority.ok());
  gavel::Request q;
  q.action = "request";
  q.right = "access";
  q.purpose = "p";
  q.at = "2026-03-16";
  q.received = "2026-03-16";
  CHECK(gavel::Decider(no_authority.policy).decide(q).due == "2026-03-31");
}

TEST_CASE("a refusal by a policy that names no authority says so") {
  const auto loaded = gavel::load_policy(R"gavel(
controller "X" { established in eea }
countries eea "EEA" { FR }
category identity "Identity"
purpose p "P" { basis consent data identity }
rule r "R" cites "GDPR Art. 12"
  refuse access
respond within 1 month
)gavel");
  REQUIRE(loaded.ok());
  gavel::Request q;
  q.action = "request";
  q.right = "access";
  q.purpose = "p";
  q.at = "2026-03-16";
  q.received = "2026-03-16";
  const auto d = gavel::Decider(loaded.policy).decide(q, {.trace = true, .explain = true});
  REQUIRE(d.refusal);
  CHECK_FALSE(d.refusal->authority);
  CHECK(d.explanation.find("a supervisory authority (the policy names none)") != std::string::npos);
}
