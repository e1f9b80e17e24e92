// The privacy notice of a policy (engine/document/document.hpp): what a person reads, built from
// the declarations that decide, in the order of the seed policy's sections.
#include <fmt/format.h>

#include <set>

#include "engine/document/document.hpp"
#include "engine/document/words.hpp"
#include "engine/document/writer.hpp"

namespace gavel::document {

bool about_transfers(const syntax::Condition& c) {
  using P = syntax::Predicate;
  if (c.kind == syntax::Condition::Kind::predicate)
    return c.predicate == P::country_in || c.predicate == P::country_outside || c.predicate == P::recipient_certified;
  for (const auto& o : c.operands)
    if (about_transfers(o)) return true;
  return false;
}

namespace {

bool rule_about_transfers(const syntax::Rule& r) {
  if (r.when && about_transfers(*r.when)) return true;
  for (const auto& u : r.unless)
    if (about_transfers(u)) return true;
  return false;
}

std::string purposes_words(const syntax::Policy& p, const syntax::PurposeSet& set) {
  auto title = [&](const std::string& name) {
    for (const auto& x : p.purposes)
      if (x.name.text == name) return x.title.value;
    for (const auto& g : p.groups)
      if (g.name.text == name) return g.title.value;
    return name;
  };
  std::vector<std::string> names;
  for (const auto& n : set.listed) names.push_back(title(n.text));
  switch (set.kind) {
    case syntax::PurposeSet::Kind::listed: return "for: " + join(names, "; ");
    case syntax::PurposeSet::Kind::every_except: return "for every purpose except: " + join(names, "; ");
    case syntax::PurposeSet::Kind::based_on: {
      std::vector<std::string> bases;
      for (const auto& b : set.bases) {
        std::string words = basis_words(b.basis);
        words[0] = char(words[0] - 'A' + 'a');  // inside a sentence
        bases.push_back(words);
      }
      return "for the purposes based on " + join(bases, " or ");
    }
    default: return "for every purpose";
  }
}

void rule_text(Writer& w, const syntax::Policy& p, const syntax::Rule& r) {
  w.subheading(r.title.value);
  std::vector<std::string> cites;
  for (const auto& c : r.cites) cites.push_back(c.value);
  w.emphasis(join(cites, "; "));
  if (r.says) w.quote(r.says->value);
  (void)p;
}

void purposes(Writer& w, const syntax::Policy& p) {
  w.heading("Purposes, lawful bases, data and retention");
  std::vector<std::vector<std::string>> rows;
  std::set<syntax::Basis> used;
  for (const auto& purpose : p.purposes) {
    std::vector<std::string> bases;
    for (const auto& b : purpose.bases) bases.push_back(basis_words(b.basis)), used.insert(b.basis);
    rows.push_back({purpose.title.value, join(bases, " / "), join(category_words(p, purpose.data), "; "),
                    retention_words(p, purpose), end_words(purpose)});
  }
  w.table({"Purpose", "Lawful bases", "Data", "Retention", "At the end of retention"}, rows);
  std::vector<std::string> articles;
  for (auto b : used) articles.push_back(fmt::format("{}: {}", basis_words(b), basis_article(b)));
  w.paragraph("Lawful bases: " + join(articles, "; ") + ".");
}

void recipients(Writer& w, const syntax::Policy& p) {
  if (p.recipients.empty()) return;
  w.heading("Recipients");
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : p.recipients) {
    const auto receives = category_words(p, r.receives);
    rows.push_back({r.title.value, r.activity ? r.activity->value : "", receives.empty() ? "Nothing by default" : join(receives, "; ")});
  }
  w.table({"Recipient", "Activity", "Receives"}, rows);
}

std::string framework_words(const syntax::Policy& p, const syntax::Certification& c) {
  std::string out = c.framework.text;
  for (const auto& f : p.frameworks)
    if (f.name.text == c.framework.text) {
      out = f.title.value;
      std::vector<std::string> cites;
      for (const auto& x : f.cites) cites.push_back(x.value);
      if (!cites.empty()) out += " (" + join(cites, "; ") + ")";
    }
  if (c.valid.from) out += ", from " + c.valid.from->text;
  if (c.valid.until) out += ", until " + c.valid.until->text;
  return out;
}

void transfers(Writer& w, const syntax::Policy& p) {
  std::vector<std::string> safeguards;
  for (const auto& r : p.recipients)
    for (const auto& c : r.certifications) safeguards.push_back(fmt::format("{}: certified under {}", r.title.value, framework_words(p, c)));
  std::vector<const syntax::Rule*> rules;
  for (const auto& r : p.rules)
    if (rule_about_transfers(r)) rules.push_back(&r);
  if (safeguards.empty() && rules.empty()) return;
  w.heading("Transfers and their safeguards");
  if (!safeguards.empty()) w.list(safeguards);
  for (const auto* r : rules) rule_text(w, p, *r);
}

void rights(Writer& w, const syntax::Policy& p) {
  w.heading("Your rights");
  // Each right, with the rules that grant or refuse it, in the order the policy first names it.
  std::vector<std::string> order;
  std::vector<std::vector<const syntax::Rule*>> rules;
  for (const auto& r : p.rules) {
    using K = syntax::Conclusion::Kind;
    if (r.conclusion.kind != K::grant && r.conclusion.kind != K::refuse) continue;
    const std::string right = right_words(p, r.conclusion.right);
    std::size_t i = 0;
    while (i < order.size() && order[i] != right) ++i;
    if (i == order.size()) order.push_back(right), rules.emplace_back();
    rules[i].push_back(&r);
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    w.subheading(order[i]);
    std::vector<std::string> conditions;
    for (const auto* r : rules[i]) {
      std::string c = r->conclusion.kind == syntax::Conclusion::Kind::grant ? "Granted" : "Refused";
      c += " " + purposes_words(p, r->conclusion.purposes);
      if (r->when) c += fmt::format(", when `{}`", written(p, r->when->span));
      for (const auto& u : r->unless) c += fmt::format(", unless `{}`", written(p, u.span));
      c += fmt::format(" ({}: {})", r->title.value, r->cites.empty() ? "" : r->cites.front().value);
      conditions.push_back(c);
    }
    w.list(conditions);
  }
  for (const auto& d : p.deadlines) {
    std::string deadline = "We answer a request within " + period_words(d.within);
    if (d.extension) deadline += ", a time that may be extended by " + period_words(*d.extension) + " where necessary";
    w.paragraph(deadline + " (GDPR Art. 12(3)).");
  }
  for (const auto& c : p.controllers)
    if (c.authority) w.paragraph("You may lodge a complaint with the supervisory authority: " + c.authority->value + ".");
}

}  // namespace

std::string render_notice(const syntax::Policy& p, bool html) {
  Writer w(html);
  const std::string name = p.controllers.empty() ? std::string("the controller") : p.controllers[0].legal_name.value;
  w.title("Privacy notice of " + name);
  w.heading("Who is responsible for your data");
  for (const auto& c : p.controllers) {
    w.field("Controller", c.legal_name.value);
    if (c.address) w.field("Address", c.address->value);
    if (c.contact) w.field("Contact", c.contact->value);
    if (c.authority) w.field("Supervisory authority", c.authority->value);
  }
  purposes(w, p);
  recipients(w, p);
  transfers(w, p);
  rights(w, p);
  w.heading("The rules this notice stands for");
  w.paragraph("Each decision about your data is taken by these rules; each one cites the law and the words of the "
              "policy it applies.");
  for (const auto& r : p.rules) rule_text(w, p, r);
  return w.finish("Privacy notice of " + name);
}

}  // namespace gavel::document
