// The words of a notice for what a rule file declares (engine/document/words.hpp).
#include "engine/document/words.hpp"

#include <fmt/format.h>

namespace gavel::document {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

std::string basis_words(syntax::Basis b) {
  static const char* const words[] = {"Consent", "Contract", "Legal obligation", "Vital interests", "Public task",
                                      "Legitimate interest"};
  return words[static_cast<int>(b)];
}

std::string basis_article(syntax::Basis b) { return fmt::format("GDPR Art. 6(1)({})", char('a' + static_cast<int>(b))); }

std::string right_words(const syntax::Policy& p, const syntax::RightRef& r) {
  if (r.declared) {
    for (const auto& d : p.rights)
      if (d.name.text == r.declared->text) return d.description.value;
    return r.declared->text;
  }
  static const char* const words[] = {
      "Right of access (GDPR Art. 15)",         "Right to rectification (GDPR Art. 16)",
      "Right to erasure (GDPR Art. 17)",        "Right to restriction of processing (GDPR Art. 18)",
      "Right to data portability (GDPR Art. 20)", "Right to object (GDPR Art. 21)",
      "Right to withdraw consent (GDPR Art. 7(3))", "Right to set directives for after death (Law No. 78-17 Art. 85)"};
  return words[static_cast<int>(r.right)];
}

std::string period_words(const syntax::Period& p) {
  static const char* const units[] = {"day", "week", "month", "year"};
  return fmt::format("{} {}{}", p.count, units[static_cast<int>(p.unit)], p.count == 1 ? "" : "s");
}

namespace {

// "The last contact with the person" -> "the last contact with the person".
std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z')) s[0] = char(s[0] - 'A' + 'a');
  return s;
}

std::string anchor_words(const syntax::Policy& p, const syntax::RetentionTerm& t) {
  std::string date = "birth";
  if (t.anchor.text != syntax::birth_anchor) {
    date = t.anchor.text;
    for (const auto& d : p.dates)
      if (d.name.text == t.anchor.text) date = lower_first(d.description.value);
  }
  switch (t.from) {
    case syntax::RetentionTerm::From::end_of_year: return "the end of the year of " + date;
    case syntax::RetentionTerm::From::end_of_month: return "the end of the month of " + date;
    default: return date;
  }
}

std::string term_words(const syntax::Policy& p, const syntax::RetentionTerm& t) {
  if (t.kind == syntax::RetentionTerm::Kind::until_consent_withdrawn) return "until consent is withdrawn";
  return fmt::format("{} after {}", period_words(t.period), anchor_words(p, t));
}

}  // namespace

std::string retention_words(const syntax::Policy& p, const syntax::Purpose& purpose) {
  std::vector<std::string> maxima, minima;
  for (const auto& t : purpose.retention) (t.minimum ? minima : maxima).push_back(term_words(p, t));
  if (maxima.empty() && minima.empty()) return "Not stated";
  std::string out;
  if (!maxima.empty()) {
    out = join(maxima, " or ");
    if (maxima.size() > 1) out += ", whichever comes first";
  }
  if (!minima.empty()) out += (out.empty() ? "At least " : "; but at least ") + join(minima, " and at least ");
  out[0] = char(out[0] >= 'a' && out[0] <= 'z' ? out[0] - 'a' + 'A' : out[0]);
  return out;
}

std::string end_words(const syntax::Purpose& purpose) {
  if (purpose.then != syntax::EndOfRetention::archive) return "Erased";
  if (purpose.archive_for) return fmt::format("Archived for {}, then erased", period_words(*purpose.archive_for));
  return "Archived";
}

std::vector<std::string> category_words(const syntax::Policy& p, const std::vector<syntax::Name>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) {
    std::string words = n.text;
    for (const auto& c : p.categories)
      if (c.name.text == n.text) words = c.description.value + (c.special ? " (special category, GDPR Art. 9(1))" : "");
    out.push_back(words);
  }
  return out;
}

std::string_view written(const syntax::Policy& p, const Span& span) {
  const std::string_view text = p.source.text;
  if (span.begin >= span.end || span.end > text.size()) return {};
  return text.substr(span.begin, span.end - span.begin);
}

}  // namespace gavel::document
