// Coverage of a policy by requests (gavel.hpp, CoverageRecorder): each request is decided with
// the trace, and the trace says which rules applied, which `unless` excepted its rule and
// which lawful bases held; the decoded request says which retention terms had their start.
#include <fmt/format.h>

#include <stdexcept>

#include "engine/api/internal.hpp"
#include "engine/evaluate/evaluator.hpp"
#include "engine/request/decoder.hpp"
#include "engine/request/facts.hpp"

namespace gavel {

std::size_t PolicyCoverage::exercised() const {
  std::size_t n = 0;
  for (const auto* items : {&rules, &exceptions, &bases, &retention_terms})
    for (const auto& i : *items) n += i.exercised ? 1 : 0;
  return n;
}

std::size_t PolicyCoverage::total() const {
  return rules.size() + exceptions.size() + bases.size() + retention_terms.size();
}

struct CoverageRecorder::Impl {
  std::shared_ptr<const Policy> policy;
  request::JsonDecoder decoder;
  request::Facts facts;
  evaluate::Evaluator evaluator;
  evaluate::Decision decision;
  std::vector<bool> rules;
  std::vector<std::vector<bool>> exceptions;  // by rule, by `unless`
  std::vector<std::uint8_t> bases;            // by purpose, bit per basis
  std::vector<std::vector<bool>> terms;       // by purpose, by retention term

  explicit Impl(std::shared_ptr<const Policy> p)
      : policy(p ? std::move(p) : throw std::invalid_argument("gavel::CoverageRecorder needs a policy: this one is null")),
        evaluator(compiled()) {
    const auto& c = compiled();
    rules.assign(c.rules.size(), false);
    for (const auto& r : c.rules) exceptions.emplace_back(r.unless.size(), false);
    bases.assign(c.purposes.size(), 0);
    for (const auto& p : c.purposes) terms.emplace_back(p.retention.size(), false);
  }
  const compile::CompiledPolicy& compiled() const { return api::compiled_of(*policy); }

  // Whether the request gives the day a retention term of its purpose counts from.
  bool started(const compile::RetentionTerm& term) const {
    if (term.kind == syntax::RetentionTerm::Kind::until_consent_withdrawn) {
      for (const auto& c : facts.consent)
        if (c.purpose == facts.purpose && c.withdrawn) return true;
      return false;
    }
    if (term.anchor == compile::birth_anchor) return facts.born.has_value() || facts.age.has_value();
    return term.anchor < facts.dates.size() && facts.dates[term.anchor].has_value();
  }

  void record(std::string_view json) {
    if (decoder.decode(compiled(), json, facts)) return;
    evaluator.decide(facts, true, decision);
    for (const auto& step : decision.trace) {
      using K = evaluate::TraceStep::Kind;
      using O = evaluate::TraceStep::Outcome;
      if (step.kind == K::rule && step.rule < rules.size()) {
        rules[step.rule] = true;
        if (step.outcome == O::excepted && step.exception >= 0 &&
            std::size_t(step.exception) < exceptions[step.rule].size())
          exceptions[step.rule][std::size_t(step.exception)] = true;
      } else if (step.kind == K::basis && step.outcome == O::holds && facts.purpose < bases.size()) {
        bases[facts.purpose] |= std::uint8_t(1u << static_cast<int>(step.basis));
      }
    }
    if (facts.purpose < terms.size() && !facts.rights_request) {
      const auto& retention = compiled().purposes[facts.purpose].retention;
      for (std::size_t t = 0; t < retention.size(); ++t)
        if (started(retention[t])) terms[facts.purpose][t] = true;
    }
  }
};

namespace {

std::string unit_word(const compile::RetentionTerm& t) {
  static const char* const singular[] = {"day", "week", "month", "year"};
  return fmt::format("{}{}", singular[static_cast<int>(t.unit)], t.count == 1 ? "" : "s");
}

// A retention term as the rule file writes it.
std::string term_text(const compile::CompiledPolicy& p, const compile::RetentionTerm& t) {
  if (t.kind == syntax::RetentionTerm::Kind::until_consent_withdrawn) return "until consent withdrawn";
  const std::string anchor = t.anchor == compile::birth_anchor ? "birth" : p.date_names[t.anchor];
  const char* from = t.from == syntax::RetentionTerm::From::end_of_year    ? "end of year of "
                     : t.from == syntax::RetentionTerm::From::end_of_month ? "end of month of "
                                                                           : "";
  return fmt::format("{}{} {} after {}{}", t.minimum ? "at least " : "", t.count, unit_word(t), from, anchor);
}

std::string file_of(const std::string& source) { return source.substr(0, source.rfind(':')); }

}  // namespace

CoverageRecorder::CoverageRecorder(std::shared_ptr<const Policy> policy)
    : impl_(std::make_unique<Impl>(std::move(policy))) {}
CoverageRecorder::~CoverageRecorder() = default;
CoverageRecorder::CoverageRecorder(CoverageRecorder&&) noexcept = default;
CoverageRecorder& CoverageRecorder::operator=(CoverageRecorder&&) noexcept = default;

void CoverageRecorder::record(std::string_view request_json) { impl_->record(request_json); }

PolicyCoverage CoverageRecorder::coverage() const {
  const auto& p = impl_->compiled();
  PolicyCoverage out;
  std::string file;
  for (std::size_t r = 0; r < p.rules.size(); ++r) {
    const auto& rule = p.rules[r];
    if (file.empty()) file = file_of(rule.source);
    out.rules.push_back({fmt::format("`{}`", rule.id), rule.source, impl_->rules[r]});
    for (std::size_t u = 0; u < rule.unless.size(); ++u) {
      const std::string text = u < rule.unless_text.size() ? rule.unless_text[u] : "";
      out.exceptions.push_back(
          {fmt::format("`{}` unless `{}`", rule.id, text), rule.source, impl_->exceptions[r][u]});
    }
  }
  for (std::size_t i = 0; i < p.purposes.size(); ++i) {
    const auto& purpose = p.purposes[i];
    const std::string source = file.empty() ? fmt::format("line {}", purpose.line) : fmt::format("{}:{}", file, purpose.line);
    for (auto b : purpose.basis_list)
      out.bases.push_back({fmt::format("`{}.{}`", purpose.name, syntax::basis_names[static_cast<int>(b)]), source,
                           ((impl_->bases[i] >> static_cast<int>(b)) & 1u) != 0});
    for (std::size_t t = 0; t < purpose.retention.size(); ++t)
      out.retention_terms.push_back({fmt::format("`{}`: `{}`", purpose.name, term_text(p, purpose.retention[t])),
                                     source, impl_->terms[i][t]});
  }
  return out;
}

}  // namespace gavel
