// Every construct of docs/language.md reads without error into the tree it means.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "grammar/parser.hpp"

using namespace gavel;
using namespace gavel::syntax;

namespace {

grammar::ParseResult read(std::string text) { return grammar::parse(Source{"test.gavel", std::move(text)}); }

std::string first_message(const grammar::ParseResult& r) {
  return r.diagnostics.empty() ? std::string() : r.diagnostics.front().message;
}

std::string_view at(const grammar::ParseResult& r, Span s) {
  return std::string_view(r.policy.source.text).substr(s.begin, s.end - s.begin);
}

const char* const rule_head = "rule r \"t\" cites \"c\" ";

}  // namespace

TEST_CASE("every construct of the language reads without error", "[grammar][table]") {
  const std::string_view valid[] = {
      "",
      "// only a comment",
      "controller \"X\" { established in eea }",
      "controller \"FLEXIS SAS\" {\n  address \"a\"\n  contact \"c\"\n  authority \"CNIL\"\n  established in eea\n"
      "  holidays france\n}",
      "category identity \"Identity: surname, first name\"",
      "date last_contact \"The last contact with the person\"",
      "countries adequate \"Adequacy\" {\n  AD, AR, CA\n}",
      "calendar france \"F\" {\n  holiday \"New Year's Day\" on 1 January\n  holiday \"Easter Monday\" on 1 day after "
      "Easter\n  holiday \"Good Friday\" on 2 days before Easter\n  holiday \"Christmas\" on 25 December\n}",
      "calendar empty \"No holidays\" { }",
      "purpose newsletter \"N\" {\n  basis consent\n  data identity, contact_details\n  retain until consent "
      "withdrawn, at most 3 years after last_contact\n  then archive\n}",
      "purpose events \"E\" {\n  basis consent or legitimate_interest\n  data identity\n  retain 2 years after "
      "event_end\n  then erase\n  processed by automated means\n}",
      "purpose p \"P\" { retain 1 day after d or 2 weeks after d, 1 month after d or 1 year after d }",
      "purpose p \"P\" { }",
      "group direct_marketing \"DM\" { prospecting, newsletter }",
      "recipient cloudflare \"Cloudflare\" {\n  activity \"Protect the site\"\n  receives ip_address, technical_data\n}",
      "recipient authorities \"Public authorities\"",
      "recipient nobody \"N\" { }",
      "respond within 1 month, extendable by 2 months",
      "respond within 30 days",
      "rule r \"t\" cites \"GDPR Art. 21(3)\", \"policy\" says \"words\" deny any action for direct_marketing",
      "rule r \"t\" cites \"c\" deny any action except store, erase when restricted",
      "rule r \"t\" cites \"c\" allow use, communicate for purposes based on consent or contract",
      "rule r \"t\" cites \"c\" defeat basis legitimate_interest for analytics when objected to purpose",
      "rule r \"t\" cites \"c\" grant portability for purposes based on consent or contract when processed by "
      "automated means",
      "rule r \"t\" cites \"c\" refuse erasure unless legal_claims, legal_obligation",
      "rule r \"t\" cites \"c\" oblige erase when consent withdrawn",
      "rule r \"t\" cites \"c\" oblige archive",
      "rule r \"t\" cites \"c\" oblige end of retention when retention over",
      "rule r \"t\" cites \"c\" deny transfer when country outside adequate and not standard_contractual_clauses",
      "rule r \"t\" cites \"c\" deny disclose when recipient may not receive data or data outside purpose",
      "rule r \"t\" cites \"c\" deny use when data includes health and recipient is cloudflare",
      "rule r \"t\" cites \"c\" deny use when basis is consent and not consent given",
      "rule r \"t\" cites \"c\" deny use when (unlawful or restricted) and not (country in eea)",
      "rule r \"t\" cites \"c\" deny use when not not unlawful overrides a, b-c",
      "rule r \"t\" cites \"c\" deny collect unless compelling_grounds, protect_rights_of_others, public_interest, "
      "contract, vital_interests, public_task",
      "rule direct-marketing-objection \"x\"\n  cites \"a\" // a comment\n  deny any action\n",
      "category audience_cookie \"Matomo cookie\"\n  governed by \"FLEXIS Cookie Policy\"",
      "category a \"with \\\"quotes\\\" and \\\\ backslash\"",
      "category a \"spans\ntwo lines\"",
      "category a-b_c9 \"names may hold - and _ and digits\"",
      "category dates \"a name that starts with a keyword\"",
      "\xEF\xBB\xBF" "category bom \"a file that starts with a byte order mark\"",
      "rule r \"t\" cites \"c\" deny use\r\nrule s \"t\" cites \"c\" deny use\r\n",
  };
  for (auto text : valid) {
    INFO(text);
    const auto r = read(std::string(text));
    CHECK(first_message(r) == "");
  }
}

TEST_CASE("the source is kept in the policy", "[grammar]") {
  const auto r = read("category a \"b\"");
  CHECK(r.policy.source.name == "test.gavel");
  CHECK(r.policy.source.text == "category a \"b\"");
}

TEST_CASE("declarations read into the tree with their spans", "[grammar][tree]") {
  const auto r = read(
      "controller \"FLEXIS SAS\" {\n"
      "  address \"Boulogne\"\n"
      "  established in eea\n"
      "  holidays france\n"
      "}\n"
      "category identity \"Identity\"\n"
      "date last_contact \"Last contact\"\n"
      "countries adequate \"Adequate\" { AD, GB }\n"
      "calendar france \"France\" {\n"
      "  holiday \"Easter Monday\" on 1 day after Easter\n"
      "  holiday \"Good Friday\" on 2 days before Easter\n"
      "  holiday \"Christmas\" on 25 December\n"
      "}\n"
      "purpose newsletter \"News\" {\n"
      "  basis consent or legitimate_interest\n"
      "  data identity, contact_details\n"
      "  retain until consent withdrawn, at most 3 years after last_contact\n"
      "  then archive\n"
      "  processed by automated means\n"
      "}\n"
      "group dm \"DM\" { newsletter, prospecting }\n"
      "recipient cf \"Cloudflare\" { activity \"Protect\" receives identity }\n"
      "respond within 1 month, extendable by 2 months\n");
  REQUIRE(r.diagnostics.empty());
  const Policy& p = r.policy;

  REQUIRE(p.controllers.size() == 1);
  const auto& c = p.controllers[0];
  CHECK(c.legal_name.value == "FLEXIS SAS");
  CHECK(at(r, c.legal_name.span) == "\"FLEXIS SAS\"");
  REQUIRE(c.address);
  CHECK(c.address->value == "Boulogne");
  CHECK_FALSE(c.contact);
  REQUIRE(c.established_in);
  CHECK(c.established_in->text == "eea");
  CHECK(c.established_in->span.line == 3);
  CHECK(c.established_in->span.column == 18);
  REQUIRE(c.holidays);
  CHECK(c.holidays->text == "france");
  CHECK(c.span.line == 1);
  CHECK(c.span.column == 1);
  CHECK(at(r, c.span).substr(0, 10) == "controller");
  CHECK(at(r, c.span).back() == '}');

  REQUIRE(p.categories.size() == 1);
  CHECK(p.categories[0].name.text == "identity");
  CHECK(p.categories[0].description.value == "Identity");
  CHECK(at(r, p.categories[0].span) == "category identity \"Identity\"");
  CHECK(p.categories[0].span.line == 6);

  REQUIRE(p.dates.size() == 1);
  CHECK(p.dates[0].name.text == "last_contact");

  REQUIRE(p.countries.size() == 1);
  REQUIRE(p.countries[0].members.size() == 2);
  CHECK(p.countries[0].members[1].code == "GB");
  CHECK(at(r, p.countries[0].members[1].span) == "GB");

  REQUIRE(p.calendars.size() == 1);
  const auto& h = p.calendars[0].holidays;
  REQUIRE(h.size() == 3);
  CHECK(h[0].kind == Holiday::Kind::easter_relative);
  CHECK(h[0].easter_offset == 1);
  CHECK(h[1].easter_offset == -2);
  CHECK(h[2].kind == Holiday::Kind::fixed);
  CHECK(h[2].day == 25);
  CHECK(h[2].month == 12);
  CHECK(h[2].name.value == "Christmas");
  CHECK(at(r, h[2].span) == "holiday \"Christmas\" on 25 December");

  REQUIRE(p.purposes.size() == 1);
  const auto& n = p.purposes[0];
  CHECK(n.name.text == "newsletter");
  REQUIRE(n.bases.size() == 2);
  CHECK(n.bases[0].basis == Basis::consent);
  CHECK(n.bases[1].basis == Basis::legitimate_interest);
  CHECK(at(r, n.bases[1].span) == "legitimate_interest");
  REQUIRE(n.bases_span);
  CHECK(at(r, *n.bases_span) == "basis consent or legitimate_interest");
  REQUIRE(n.data.size() == 2);
  CHECK(n.data[1].text == "contact_details");
  REQUIRE(n.retention.size() == 2);
  CHECK(n.retention[0].kind == RetentionTerm::Kind::until_consent_withdrawn);
  CHECK(n.retention[1].kind == RetentionTerm::Kind::period_after);
  CHECK(n.retention[1].period.count == 3);
  CHECK(n.retention[1].period.unit == PeriodUnit::year);
  CHECK(n.retention[1].anchor.text == "last_contact");
  CHECK(at(r, n.retention[1].span) == "at most 3 years after last_contact");
  CHECK(at(r, n.retention[1].period.span) == "3 years");
  REQUIRE(n.then);
  CHECK(*n.then == EndOfRetention::archive);
  CHECK(n.automated);

  REQUIRE(p.groups.size() == 1);
  CHECK(p.groups[0].members.size() == 2);
  REQUIRE(p.recipients.size() == 1);
  REQUIRE(p.recipients[0].activity);
  CHECK(p.recipients[0].receives.size() == 1);

  REQUIRE(p.deadlines.size() == 1);
  CHECK(p.deadlines[0].within.count == 1);
  CHECK(p.deadlines[0].within.unit == PeriodUnit::month);
  REQUIRE(p.deadlines[0].extension);
  CHECK(p.deadlines[0].extension->count == 2);
  CHECK(at(r, p.deadlines[0].span) == "respond within 1 month, extendable by 2 months");
}

TEST_CASE("a purpose without lines leaves them empty for the checker", "[grammar][tree]") {
  const auto r = read("purpose p \"P\" { }");
  REQUIRE(r.diagnostics.empty());
  const auto& p = r.policy.purposes.at(0);
  CHECK(p.bases.empty());
  CHECK_FALSE(p.bases_span);
  CHECK_FALSE(p.then);
  CHECK_FALSE(p.automated);
}

TEST_CASE("rules read into the tree with their spans", "[grammar][tree]") {
  const auto r = read(
      "rule restriction \"Restricted data may only be stored\"\n"
      "  cites \"GDPR Art. 18(2)\", \"FLEXIS policy\"\n"
      "  says \"However, we may continue\"\n"
      "  deny any action except store, erase for direct_marketing, newsletter\n"
      "  when restricted and not (consent given or objected to dm)\n"
      "  unless legal_claims, basis is consent\n"
      "  overrides archive-after-retention\n");
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.policy.rules.size() == 1);
  const Rule& rule = r.policy.rules[0];
  CHECK(rule.id.text == "restriction");
  CHECK(rule.title.value == "Restricted data may only be stored");
  REQUIRE(rule.cites.size() == 2);
  CHECK(rule.cites[1].value == "FLEXIS policy");
  REQUIRE(rule.says);
  CHECK(rule.says->value == "However, we may continue");

  const Conclusion& c = rule.conclusion;
  CHECK(c.kind == Conclusion::Kind::deny);
  CHECK(c.actions.any);
  REQUIRE(c.actions.except.size() == 2);
  CHECK(c.actions.except[0].action == Action::store);
  CHECK(c.actions.except[1].action == Action::erase);
  CHECK(c.purposes.kind == PurposeSet::Kind::listed);
  REQUIRE(c.purposes.listed.size() == 2);
  CHECK(c.purposes.listed[1].text == "newsletter");
  CHECK(at(r, c.span) == "deny any action except store, erase for direct_marketing, newsletter");
  CHECK(at(r, c.actions.span) == "any action except store, erase");
  CHECK(at(r, c.purposes.span) == "for direct_marketing, newsletter");
  CHECK(c.span.line == 4);
  CHECK(c.span.column == 3);

  REQUIRE(rule.when);
  const Condition& w = *rule.when;
  CHECK(w.kind == Condition::Kind::conjunction);
  CHECK(at(r, w.span) == "restricted and not (consent given or objected to dm)");
  REQUIRE(w.operands.size() == 2);
  CHECK(w.operands[0].predicate == Predicate::restricted);
  const Condition& n = w.operands[1];
  CHECK(n.kind == Condition::Kind::negation);
  REQUIRE(n.operands.size() == 1);
  const Condition& o = n.operands[0];
  CHECK(o.kind == Condition::Kind::disjunction);
  REQUIRE(o.operands.size() == 2);
  CHECK(o.operands[0].predicate == Predicate::consent_given);
  CHECK(o.operands[1].predicate == Predicate::objected_to);
  CHECK(o.operands[1].argument.text == "dm");
  CHECK(at(r, o.operands[1].span) == "objected to dm");

  REQUIRE(rule.unless.size() == 2);
  CHECK(rule.unless[0].predicate == Predicate::context);
  CHECK(rule.unless[0].fact == ContextFact::legal_claims);
  CHECK(rule.unless[1].predicate == Predicate::basis_is);
  CHECK(rule.unless[1].basis.basis == Basis::consent);
  REQUIRE(rule.overrides.size() == 1);
  CHECK(rule.overrides[0].text == "archive-after-retention");
  CHECK(at(r, rule.span).substr(0, 16) == "rule restriction");
  CHECK(at(r, rule.span).substr(at(r, rule.span).size() - 23) == "archive-after-retention");
}

TEST_CASE("every conclusion and predicate reads into its kind", "[grammar][tree]") {
  struct Case {
    std::string tail;
    Conclusion::Kind kind;
  };
  const Case conclusions[] = {
      {"deny use", Conclusion::Kind::deny},
      {"allow use", Conclusion::Kind::allow},
      {"defeat basis consent", Conclusion::Kind::defeat_basis},
      {"grant access", Conclusion::Kind::grant},
      {"refuse post_mortem", Conclusion::Kind::refuse},
      {"oblige erase", Conclusion::Kind::oblige_erase},
      {"oblige archive", Conclusion::Kind::oblige_archive},
      {"oblige end of retention", Conclusion::Kind::oblige_end_of_retention},
  };
  for (const auto& c : conclusions) {
    INFO(c.tail);
    const auto r = read(rule_head + c.tail);
    REQUIRE(r.diagnostics.empty());
    CHECK(r.policy.rules.at(0).conclusion.kind == c.kind);
    CHECK(r.policy.rules.at(0).conclusion.purposes.kind == PurposeSet::Kind::every);
  }

  struct Predicate_case {
    std::string text;
    Predicate predicate;
    std::string argument;
  };
  const Predicate_case predicates[] = {
      {"consent given", Predicate::consent_given, ""},
      {"consent withdrawn", Predicate::consent_withdrawn, ""},
      {"objected to purpose", Predicate::objected_to_purpose, ""},
      {"objected to newsletter", Predicate::objected_to, "newsletter"},
      {"restricted", Predicate::restricted, ""},
      {"unlawful", Predicate::unlawful, ""},
      {"retention over", Predicate::retention_over, ""},
      {"data outside purpose", Predicate::data_outside_purpose, ""},
      {"data includes health", Predicate::data_includes, "health"},
      {"recipient is cloudflare", Predicate::recipient_is, "cloudflare"},
      {"recipient may not receive data", Predicate::recipient_may_not_receive, ""},
      {"country in adequate", Predicate::country_in, "adequate"},
      {"country outside eea", Predicate::country_outside, "eea"},
      {"basis is contract", Predicate::basis_is, ""},
      {"processed by automated means", Predicate::automated, ""},
      {"public_interest", Predicate::context, ""},
  };
  for (const auto& p : predicates) {
    INFO(p.text);
    const auto r = read(rule_head + std::string("deny use when ") + p.text);
    REQUIRE(r.diagnostics.empty());
    const auto& w = r.policy.rules.at(0).when;
    REQUIRE(w);
    CHECK(w->kind == Condition::Kind::predicate);
    CHECK(w->predicate == p.predicate);
    CHECK(w->argument.text == p.argument);
    CHECK(at(r, w->span) == p.text);
  }
}

TEST_CASE("`not` binds tighter than `and`, and `and` tighter than `or`", "[grammar][tree]") {
  const auto r = read(std::string(rule_head) + "deny use when not unlawful and restricted or consent given");
  REQUIRE(r.diagnostics.empty());
  const auto& w = *r.policy.rules.at(0).when;
  REQUIRE(w.kind == Condition::Kind::disjunction);
  REQUIRE(w.operands.size() == 2);
  REQUIRE(w.operands[0].kind == Condition::Kind::conjunction);
  CHECK(w.operands[0].operands[0].kind == Condition::Kind::negation);
  CHECK(w.operands[1].predicate == Predicate::consent_given);

  const auto flat = read(std::string(rule_head) + "deny use when unlawful and restricted and retention over");
  REQUIRE(flat.diagnostics.empty());
  CHECK(flat.policy.rules.at(0).when->operands.size() == 3);
}

TEST_CASE("purposes based on lawful bases, and listed actions", "[grammar][tree]") {
  const auto r = read(std::string(rule_head) + "allow use, communicate for purposes based on consent or contract");
  REQUIRE(r.diagnostics.empty());
  const auto& c = r.policy.rules.at(0).conclusion;
  CHECK_FALSE(c.actions.any);
  REQUIRE(c.actions.listed.size() == 2);
  CHECK(c.actions.listed[1].action == Action::communicate);
  CHECK(c.purposes.kind == PurposeSet::Kind::based_on);
  REQUIRE(c.purposes.bases.size() == 2);
  CHECK(c.purposes.bases[1].basis == Basis::contract);

  const auto d = read(std::string(rule_head) + "defeat basis legitimate_interest when objected to purpose");
  REQUIRE(d.diagnostics.empty());
  CHECK(d.policy.rules.at(0).conclusion.basis.basis == Basis::legitimate_interest);
  const auto g = read(std::string(rule_head) + "grant withdraw_consent");
  REQUIRE(g.diagnostics.empty());
  CHECK(g.policy.rules.at(0).conclusion.right.right == Right::withdraw_consent);
}

TEST_CASE("periods are singular or plural", "[grammar][tree]") {
  const auto r = read("purpose p \"P\" { retain 1 days after d, 2 day after d, 1 week after d, 4 months after d }");
  REQUIRE(r.diagnostics.empty());
  const auto& t = r.policy.purposes.at(0).retention;
  REQUIRE(t.size() == 4);
  CHECK(t[0].period.unit == PeriodUnit::day);
  CHECK(t[1].period.count == 2);
  CHECK(t[2].period.unit == PeriodUnit::week);
  CHECK(t[3].period.unit == PeriodUnit::month);
}

TEST_CASE("a category may be governed by another policy", "[grammar][tree]") {
  const auto r = read("category audience_cookie \"Matomo cookie\" governed by \"FLEXIS Cookie Policy\"\ncategory b \"B\"");
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.policy.categories.size() == 2);
  const auto& c = r.policy.categories[0];
  CHECK(c.description.value == "Matomo cookie");
  REQUIRE(c.governed_by);
  CHECK(c.governed_by->value == "FLEXIS Cookie Policy");
  CHECK(at(r, c.span) == "category audience_cookie \"Matomo cookie\" governed by \"FLEXIS Cookie Policy\"");
  CHECK_FALSE(r.policy.categories[1].governed_by);
}

TEST_CASE("text escapes are resolved", "[grammar][tree]") {
  const auto r = read("category a \"say \\\"hi\\\" \\\\o/\"");
  REQUIRE(r.diagnostics.empty());
  CHECK(r.policy.categories.at(0).description.value == "say \"hi\" \\o/");
}
