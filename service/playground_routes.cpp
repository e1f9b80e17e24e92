#include "service/playground_routes.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <optional>

#include "playground/rendering.hpp"
#include "playground/state_json.hpp"
#include "playground/what_if_engine.hpp"
#include "service/embedded_files.hpp"
#include "service/playground_json.hpp"
#include "service/policy_cache.hpp"

namespace gavel::service {
namespace {

namespace dom = simdjson::dom;
namespace pg = gavel::playground;

constexpr std::string_view json_type = "application/json";
constexpr std::string_view api = "/v1/playground/";

// A call refused: the answer is the service's refusal, with the field at fault.
struct Refused {
  http::status status;
  std::string field, message, help;
};

void send(HttpResponse& response, std::string body, std::string_view type = json_type,
          http::status status = http::status::ok) {
  response.result(status);
  response.set(http::field::content_type, type);
  response.body() = std::move(body);
}

std::string_view kind_of(const dom::element& e) {
  switch (e.type()) {
    case dom::element_type::ARRAY: return "an array";
    case dom::element_type::OBJECT: return "an object";
    case dom::element_type::STRING: return "a string";
    case dom::element_type::BOOL: return "a boolean";
    case dom::element_type::NULL_VALUE: return "null";
    default: return "a number";
  }
}

// The body of a call: a JSON object with the fields the endpoint takes, and no other.
class Body {
 public:
  Body(const HttpRequest& request, std::string_view endpoint, std::initializer_list<std::string_view> fields) {
    if (auto e = parser_.parse(request.body()).get(root_element_); e)
      throw Refused{http::status::bad_request, "", fmt::format("the body is not JSON: {}", simdjson::error_message(e)),
                    fmt::format("send a JSON object with {}", list(fields))};
    if (root_element_.get(root_))
      throw Refused{http::status::bad_request, "", fmt::format("the body is {}, not an object", kind_of(root_element_)),
                    fmt::format("send a JSON object with {}", list(fields))};
    for (const auto field : root_)
      if (std::find(fields.begin(), fields.end(), field.key) == fields.end())
        throw Refused{http::status::bad_request, std::string(field.key),
                      fmt::format("unknown field `{}` for {}", field.key, endpoint),
                      fmt::format("{} takes {}", endpoint, list(fields))};
  }

  std::optional<dom::element> find(std::string_view field) const {
    dom::element e;
    if (root_[field].get(e)) return std::nullopt;
    return e;
  }

  std::optional<std::string_view> string(std::string_view field, bool required) const {
    auto e = find(field);
    if (!e) {
      if (required) throw Refused{http::status::bad_request, std::string(field), fmt::format("`{}` is missing", field), {}};
      return std::nullopt;
    }
    std::string_view s;
    if (e->get(s))
      throw Refused{http::status::bad_request, std::string(field),
                    fmt::format("`{}` is {}, not a string", field, kind_of(*e)), {}};
    return s;
  }

  bool flag(std::string_view field) const {
    auto e = find(field);
    bool b = false;
    if (e && e->get(b))
      throw Refused{http::status::bad_request, std::string(field),
                    fmt::format("`{}` is {}, not true or false", field, kind_of(*e)), {}};
    return b;
  }

  // The policy text, compiled (from the cache when it was seen before).
  std::shared_ptr<const CompiledText> policy(PolicyCache& cache) const {
    const std::string_view text = *string("policy", true);
    if (text.size() > max_playground_policy)
      throw Refused{http::status::payload_too_large, "policy",
                    fmt::format("the policy is {} bytes, more than the playground's {}", text.size(), max_playground_policy),
                    "check a larger policy with `gavel check`"};
    const auto name = string("name", false);
    return cache.get(text, name && !name->empty() ? *name : std::string_view("policy.gavel"));
  }

  // A state, read by the request reader; a refusal names the field from the body (`state.…`).
  pg::State state(std::string_view field) const {
    auto e = find(field);
    if (!e) throw Refused{http::status::bad_request, std::string(field), fmt::format("`{}` is missing", field),
                          "send the state: {\"today\": …, \"subject\": {…}, \"context\": {…}, \"questions\": […]}"};
    RequestError error;
    auto s = pg::read_state(simdjson::minify(*e), error);
    if (!s)
      throw Refused{http::status::bad_request,
                    error.field.empty() ? std::string(field) : fmt::format("{}.{}", field, error.field),
                    error.message, error.help};
    return *s;
  }

 private:
  static std::string list(std::initializer_list<std::string_view> fields) {
    std::string out;
    for (auto f : fields) out += (out.empty() ? "`" : ", `") + std::string(f) + "`";
    return out;
  }
  dom::parser parser_;
  dom::element root_element_;
  dom::object root_;
};

std::string refusal_json(std::string_view field, std::string_view message, std::string_view help) {
  std::string out = R"({"error":{"field":)";
  append_json_string(out, field);
  out += R"(,"message":)";
  append_json_string(out, message);
  if (!help.empty()) {
    out += R"(,"help":)";
    append_json_string(out, help);
  }
  return out + "}}";
}

// The endpoints but `check` decide with the policy, which must have no errors.
const CompiledText& usable(const std::shared_ptr<const CompiledText>& policy, HttpResponse& response, bool& ok) {
  ok = policy->policy != nullptr;
  if (!ok) {
    std::string body = refusal_json("policy", fmt::format("the policy has {} error{}", policy->check.errors,
                                                          policy->check.errors == 1 ? "" : "s"),
                                    "fix them: `diagnostics` gives each with its line and column");
    body.pop_back();
    body += ",\"diagnostics\":" + policy->check.json + "}";
    send(response, std::move(body), json_type, http::status::unprocessable_entity);
  }
  return *policy;
}

void check(Worker& worker, const HttpRequest& request, HttpResponse& response) {
  const Body body(request, "check", {"policy", "name"});
  const auto policy = body.policy(*worker.shared.playground);
  std::string out = fmt::format("{{\"ok\":{},\"revision\":\"{}\",\"diagnostics\":{},\"report\":", policy->policy != nullptr,
                                policy->revision, policy->check.json);
  append_json_string(out, policy->check.human);
  out += ",\"vocabulary\":" + policy->vocabulary_json + "}";
  send(response, std::move(out));
}

void ask(Worker& worker, const HttpRequest& request, HttpResponse& response) {
  const Body body(request, "ask", {"policy", "name", "state", "trace"});
  const auto compiled = body.policy(*worker.shared.playground);
  const pg::State state = body.state("state");
  const bool trace = body.flag("trace");
  bool ok = false;
  const CompiledText& policy = usable(compiled, response, ok);
  if (!ok) return;
  Decider decider(policy.policy);
  send(response, answers_json(decider, state, trace));
}

void why_not(Worker& worker, const HttpRequest& request, HttpResponse& response) {
  const Body body(request, "why-not", {"policy", "name", "state", "question"});
  const auto compiled = body.policy(*worker.shared.playground);
  const pg::State state = body.state("state");
  std::uint64_t question = 0;
  const auto q = body.find("question");
  if (!q || q->get(question) || question >= state.questions.size())
    throw Refused{http::status::bad_request, "question",
                  q ? "`question` names no question of the state" : "`question` is missing",
                  state.questions.empty() ? "the state has no question"
                                          : fmt::format("give the number of a question, 0 to {}", state.questions.size() - 1)};
  bool ok = false;
  const CompiledText& policy = usable(compiled, response, ok);
  if (!ok) return;
  Decider decider(policy.policy);
  send(response, why_not_json(decider, policy.words, state, question));
}

void what_if(Worker& worker, const HttpRequest& request, HttpResponse& response) {
  const Body body(request, "what-if", {"policy", "name", "state", "changed", "change"});
  const auto compiled = body.policy(*worker.shared.playground);
  const pg::State state = body.state("state");
  const auto change = body.string("change", false);
  if (change.has_value() == body.find("changed").has_value())
    throw Refused{http::status::bad_request, change ? "change" : "changed",
                  change ? "give `changed` or `change`, not both" : "`changed` is missing",
                  "send the changed state as `changed`, or the change as a command: "
                  "\"change\": \"consent withdrawn newsletter 2026-03-01\""};
  bool ok = false;
  const CompiledText& policy = usable(compiled, response, ok);
  if (!ok) return;
  std::string done;
  pg::State changed;
  if (change) {
    try {
      changed = pg::changed_state(policy.words, state, pg::tokenize(*change), &done);
    } catch (const pg::Refused& r) {
      throw Refused{http::status::bad_request, "change", r.message, r.help};
    }
  } else {
    changed = body.state("changed");
    if (changed.questions.size() != state.questions.size())
      throw Refused{http::status::bad_request, "changed.questions",
                    fmt::format("the changed state has {} questions, the state {}", changed.questions.size(),
                                state.questions.size()),
                    "a what-if asks the same questions again: change their recipient, country or data only"};
  }
  Decider decider(policy.policy);
  send(response, what_if_json(decider, state, changed, change ? &done : nullptr));
}

void scenario(Worker& worker, const HttpRequest& request, HttpResponse& response) {
  const Body body(request, "scenario", {"policy", "name", "state", "policy_file"});
  const auto compiled = body.policy(*worker.shared.playground);
  const pg::State state = body.state("state");
  const auto file = body.string("policy_file", false);
  if (state.questions.empty())
    throw Refused{http::status::bad_request, "state.questions", "no question to save", "ask one first"};
  bool ok = false;
  const CompiledText& policy = usable(compiled, response, ok);
  if (!ok) return;
  Decider decider(policy.policy);
  send(response, pg::scenario_json(decider, state, file ? std::string(*file) : policy.name));
  response.set(http::field::content_disposition, "attachment; filename=\"scenario.json\"");
}

void policies(Worker& worker, HttpResponse& response) {
  const std::string& path = worker.shared.store.file();
  std::string text, reason;
  std::string out = "{\"served\":";
  if (read_text_file(path, max_policy_bytes, text, reason)) {
    out += "{\"name\":";
    append_json_string(out, std::filesystem::path(path).filename().string());
    out += ",\"path\":";
    append_json_string(out, path);
    out += ",\"text\":";
    append_json_string(out, text);
    out += '}';
  } else {
    out += "null";
  }
  out += ",\"bundled\":" + bundled_policies_json() + "}";
  send(response, std::move(out));
}

// The page is served with headers that keep it to itself: no resource from elsewhere, no
// sniffing of types, checked again on every load (the names are not versioned).
bool page(const HttpRequest& request, std::string_view path, HttpResponse& response) {
  if (path == "/favicon.ico") {
    // Asked for by every browser: the page has no icon, and says so without an error.
    response.result(http::status::no_content);
    response.set(http::field::cache_control, "max-age=86400");
    return true;
  }
  std::string_view file;
  if (path == "/" || path == "/index.html") file = "index.html";
  else if (path.starts_with("/assets/")) file = path.substr(8);
  else return false;
  const EmbeddedFile* asset = file == "index.html" || file.find('/') == std::string_view::npos ? find_web_asset(file) : nullptr;
  if (!asset || (path.starts_with("/assets/") && file == "index.html")) {
    send(response, refusal_json("", fmt::format("no file `{}`", path), "the playground is at /"), json_type,
         http::status::not_found);
    return true;
  }
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    response.set(http::field::allow, "GET, HEAD");
    send(response, refusal_json("", fmt::format("`{} {}` is not served", request.method_string(), path),
                                fmt::format("use `GET {}`", path)),
         json_type, http::status::method_not_allowed);
    return true;
  }
  send(response, std::string(asset->bytes), asset->content_type);
  response.set(http::field::cache_control, "no-cache");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  response.set("Referrer-Policy", "no-referrer");
  return true;
}

}  // namespace

const EmbeddedFile* find_web_asset(std::string_view path) {
  for (const auto& f : web_files())
    if (f.path == path) return &f;
  return nullptr;
}

bool answer_playground(Worker& worker, const HttpRequest& request, std::string_view path, HttpResponse& response) {
  if (!path.starts_with(api)) return page(request, path, response);
  const std::string_view endpoint = path.substr(api.size());
  const bool get = endpoint == "policies";
  const bool known = get || endpoint == "check" || endpoint == "ask" || endpoint == "why-not" ||
                     endpoint == "what-if" || endpoint == "scenario";
  if (!known) {
    refuse(worker, response, http::status::not_found, Refusal::not_found, fmt::format("no endpoint `{}`", path),
           "the playground's endpoints are GET /v1/playground/policies and POST /v1/playground/check, ask, why-not, "
           "what-if, scenario");
    return true;
  }
  const http::verb method = get ? http::verb::get : http::verb::post;
  if (request.method() != method) {
    response.set(http::field::allow, http::to_string(method));
    refuse(worker, response, http::status::method_not_allowed, Refusal::method_not_allowed,
           fmt::format("`{} {}` is not served", request.method_string(), path),
           fmt::format("use `{} {}`", http::to_string(method), path));
    return true;
  }
  if (const auto q = request.target().find('?'); q != boost::beast::string_view::npos) {
    refuse(worker, response, http::status::bad_request, Refusal::bad_query, "the playground's endpoints take no query",
           "put the options in the body");
    return true;
  }
  if (!get && !accept_type(worker, request, false, response)) return true;
  MetricsShard::add(worker.metrics.playground_calls);
  try {
    if (endpoint == "policies") policies(worker, response);
    else if (endpoint == "check") check(worker, request, response);
    else if (endpoint == "ask") ask(worker, request, response);
    else if (endpoint == "why-not") why_not(worker, request, response);
    else if (endpoint == "what-if") what_if(worker, request, response);
    else scenario(worker, request, response);
  } catch (const Refused& r) {
    worker.metrics.refuse(r.status == http::status::payload_too_large ? Refusal::body_too_large
                                                                      : Refusal::malformed_request);
    send(response, refusal_json(r.field, r.message, r.help), json_type, r.status);
  } catch (const std::exception& e) {
    // A call the playground cannot answer (out of memory) fails alone, not the service.
    send(response, refusal_json("", fmt::format("the playground could not answer: {}", e.what()), {}), json_type,
         http::status::internal_server_error);
  }
  return true;
}

}  // namespace gavel::service
