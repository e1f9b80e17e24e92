// The public API (include/gavel/gavel.hpp) over the pipeline: parse -> check -> compile for a
// policy; decode -> evaluate -> render for a request.
#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "engine/api/internal.hpp"
#include "engine/check/checker.hpp"
#include "engine/compile/compiler.hpp"
#include "engine/evaluate/evaluator.hpp"
#include "engine/evaluate/render.hpp"
#include "engine/request/decoder.hpp"
#include "gavel/gavel.hpp"
#include "grammar/diagnostics.hpp"
#include "grammar/parser.hpp"

namespace gavel {

class Policy {
 public:
  explicit Policy(compile::CompiledPolicy c) : compiled(std::move(c)) {}
  const compile::CompiledPolicy compiled;
};

namespace api {
const compile::CompiledPolicy& compiled_of(const Policy& policy) { return policy.compiled; }
}  // namespace api

namespace {

LoadResult load(Source source) {
  LoadResult result;
  auto parsed = grammar::parse(source);
  std::vector<Diagnostic> diagnostics = std::move(parsed.diagnostics);
  std::optional<check::CheckedPolicy> checked;
  // A tree with syntax errors is partial: checking it would only add noise.
  if (!has_errors(diagnostics)) {
    checked = check::check(std::move(parsed.policy));
    diagnostics = checked->diagnostics;
  }
  for (const auto& d : diagnostics) {
    result.diagnostics.push_back({source.name, int(d.span.line), int(d.span.column), d.severity == Severity::error,
                                  d.message, d.help, std::string(code_name(d.code))});
    result.report += render_human(source, d);
  }
  if (auto accepted = checked ? checked->accepted() : std::nullopt)
    result.policy = std::make_shared<const Policy>(compile::compile(*accepted));
  return result;
}

}  // namespace

LoadResult load_policy(std::string_view text, std::string name) { return load(Source{std::move(name), std::string(text)}); }

// Read in blocks, so that memory grows with the file (a regular file's size is known; a device
// or a pipe says nothing) and stops at the bound (/dev/zero included).
bool read_text_file(const std::string& path, std::size_t max_bytes, std::string& text, std::string& reason) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    reason = std::strerror(errno);
    return false;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    reason = std::strerror(S_ISDIR(info.st_mode) ? EISDIR : errno);
    ::close(fd);
    return false;
  }
  const std::size_t block = 64 * 1024;
  text.clear();
  if (S_ISREG(info.st_mode)) text.reserve(std::min<std::size_t>(std::size_t(info.st_size) + 1, max_bytes));
  std::size_t size = 0;
  while (size < max_bytes) {
    text.resize(std::min(max_bytes, size + block));
    const auto n = ::read(fd, text.data() + size, text.size() - size);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      reason = std::strerror(errno);
      ::close(fd);
      return false;
    }
    size += std::size_t(n);
  }
  ::close(fd);
  text.resize(size);
  return true;
}

LoadResult load_policy_file(const std::string& path) {
  std::string text, reason;
  // One byte past the parser's bound, so that the parser refuses a larger file itself.
  if (!read_text_file(path, grammar::max_file_bytes + 1, text, reason)) {
    LoadResult result;
    result.diagnostics.push_back({path, 0, 0, true, fmt::format("cannot read `{}`: {}", path, reason), {},
                                  std::string(code_name(Code::file_unreadable))});
    result.report = fmt::format("{}: error: cannot read `{}`: {}\n", path, path, reason);
    return result;
  }
  return load(Source{path, std::move(text)});
}

// ---- deciding -----------------------------------------------------------------------------

struct Decider::Impl {
  explicit Impl(std::shared_ptr<const Policy> p) : policy(checked(std::move(p))), evaluator(policy->compiled) {}

  static std::shared_ptr<const Policy> checked(std::shared_ptr<const Policy> p) {
    if (!p)
      throw std::invalid_argument(
          "gavel::Decider needs a policy: this one is null, as LoadResult::policy is when the file has errors "
          "(check LoadResult::ok() first)");
    return p;
  }

  std::shared_ptr<const Policy> policy;
  request::JsonDecoder decoder;
  request::RequestText text;  // the struct form, as read
  request::Facts facts;
  evaluate::Evaluator evaluator;
  evaluate::Decision decision;

  const compile::CompiledPolicy& compiled() const { return policy->compiled; }

  // The struct form goes through the same resolver as JSON, so both accept the same requests.
  std::optional<request::DecodeError> decode(const Request& r) {
    api::text_of(r, text);
    request::DecodeError error;
    if (request::Resolver(compiled()).resolve(text, facts, error)) return std::nullopt;
    return error;
  }

  Decision materialize(const DecideOptions& options) const {
    const auto& p = compiled();
    Decision out;
    out.allow = decision.allow;
    evaluate::for_each_deciding(p, facts, decision, [&](std::string_view id, std::string_view basis) {
      out.decided_by.push_back(basis.empty() ? std::string(id) : fmt::format("{}.{}", id, basis));
    });
    for (const auto& o : decision.obligations)
      out.obligations.push_back({std::string(evaluate::obligation_name(o.kind)),
                                 o.by ? std::optional(dates::to_string(*o.by)) : std::nullopt, p.rules[o.rule].id});
    for (auto fact : decision.unknown_facts)
      (decision.undetermined ? out.missing : out.unknown).push_back(evaluate::fact_path(p, fact));
    for (auto [deny, allow] : decision.conflicts) out.conflicts.emplace_back(p.rules[deny].id, p.rules[allow].id);
    if (decision.due) out.due = dates::to_string(*decision.due);
    if (decision.extended_due) out.extended_due = dates::to_string(*decision.extended_due);
    if (decision.extension_notice_by) out.extension_notice_by = dates::to_string(*decision.extension_notice_by);
    if (decision.effective) out.effective = dates::to_string(*decision.effective);
    if (decision.refused)
      out.refusal = Refusal{out.due, p.authority, p.authority_address, true};
    for (compile::Id r : decision.notify_recipients) out.notify_recipients.push_back(p.recipients[r].name);
    for (const auto& step : decision.trace) {
      auto t = evaluate::step_text(p, facts, step);
      out.trace.push_back({t.rule, t.title, t.cites, t.source, t.outcome, step.because});
    }
    if (options.explain) out.explanation = evaluate::render_prose(p, facts, decision);
    return out;
  }

  static Decision refused(request::DecodeError e) {
    Decision out;
    out.error = RequestError{std::move(e.field), std::move(e.message), std::move(e.help), std::string(code_name(e.code))};
    return out;
  }
};

Decider::Decider(std::shared_ptr<const Policy> policy) : impl_(std::make_unique<Impl>(std::move(policy))) {}
Decider::~Decider() = default;
Decider::Decider(Decider&&) noexcept = default;
Decider& Decider::operator=(Decider&&) noexcept = default;

const std::shared_ptr<const Policy>& Decider::policy() const { return impl_->policy; }

Decision Decider::decide(const Request& request, DecideOptions options) {
  if (auto error = impl_->decode(request)) return Impl::refused(std::move(*error));
  impl_->evaluator.decide(impl_->facts, options.trace || options.explain, impl_->decision);
  if (impl_->decision.out_of_range)  // a date past the supported range: refused, never a false date
    return Impl::refused(evaluate::range_error(impl_->compiled(), impl_->facts, impl_->decision));
  return impl_->materialize(options);
}

Decision Decider::decide(std::string_view json, DecideOptions options) {
  if (auto error = impl_->decoder.decode(impl_->compiled(), json, impl_->facts)) return Impl::refused(std::move(*error));
  impl_->evaluator.decide(impl_->facts, options.trace || options.explain, impl_->decision);
  if (impl_->decision.out_of_range)  // a date past the supported range: refused, never a false date
    return Impl::refused(evaluate::range_error(impl_->compiled(), impl_->facts, impl_->decision));
  return impl_->materialize(options);
}

bool Decider::decide_json(std::string_view json, std::string& response, DecideOptions options) {
  response.clear();
  if (auto error = impl_->decoder.decode(impl_->compiled(), json, impl_->facts)) {
    evaluate::render_error_json(*error, response);
    return false;
  }
  impl_->evaluator.decide(impl_->facts, options.trace || options.explain, impl_->decision);
  if (impl_->decision.out_of_range) {
    evaluate::render_error_json(evaluate::range_error(impl_->compiled(), impl_->facts, impl_->decision), response);
    return false;
  }
  evaluate::render_json(impl_->compiled(), impl_->facts, impl_->decision, options.trace, response);
  if (options.explain) {
    response.pop_back();  // re-open the object to add the prose
    response += R"(,"explanation":)";
    append_json_string(response, evaluate::render_prose(impl_->compiled(), impl_->facts, impl_->decision));
    response += '}';
  }
  return true;
}

}  // namespace gavel
