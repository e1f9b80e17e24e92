#include "service/routes.hpp"

#include <array>
#include <cctype>
#include <chrono>

#include "service/batch.hpp"
#include "service/decision_entry.hpp"
#include "service/json_text.hpp"
#include "service/playground_routes.hpp"

namespace gavel::service {
namespace {

constexpr std::string_view json_type = "application/json";
constexpr std::string_view lines_type = "application/x-ndjson";

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

void set_json(HttpResponse& response, http::status status, std::string body, std::string_view type = json_type) {
  response.result(status);
  response.set(http::field::content_type, type);
  response.body() = std::move(body);
}

// `trace` and `explain`, each at most once, each `true` or `false`; nothing else.
bool read_query(Worker& worker, std::string_view target, bool decides, DecideOptions& options, HttpResponse& response) {
  const auto mark = target.find('?');
  if (mark == std::string_view::npos) return true;
  std::string_view query = target.substr(mark + 1);
  bool seen_trace = false, seen_explain = false;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const auto name = pair.substr(0, eq);
    const auto value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    bool* flag = nullptr;
    bool* seen = nullptr;
    if (decides && name == "trace") flag = &options.trace, seen = &seen_trace;
    if (decides && name == "explain") flag = &options.explain, seen = &seen_explain;
    if (!flag) {
      refuse(worker, response, http::status::bad_request, Refusal::bad_query,
             "unknown query parameter `" + std::string(name) + "`",
             decides ? "this endpoint takes `trace=true` and `explain=true`" : "this endpoint takes no query");
      return false;
    }
    if (*seen) {
      refuse(worker, response, http::status::bad_request, Refusal::bad_query,
             "query parameter `" + std::string(name) + "` is given twice");
      return false;
    }
    *seen = true;
    if (value == "true") {
      *flag = true;
    } else if (value == "false") {
      *flag = false;
    } else {
      refuse(worker, response, http::status::bad_request, Refusal::bad_query,
             "query parameter `" + std::string(name) + "` has the value `" + std::string(value) + "`",
             "write `" + std::string(name) + "=true` or `" + std::string(name) + "=false`");
      return false;
    }
  }
  return true;
}

}  // namespace

// A Content-Type, when given, is application/json (with any parameters); a batch may also be
// application/x-ndjson.
bool accept_type(Worker& worker, const HttpRequest& request, bool batch, HttpResponse& response) {
  const auto it = request.find(http::field::content_type);
  if (it == request.end()) return true;
  std::string_view type(it->value().data(), it->value().size());
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  if (iequals(type, json_type) || (batch && (iequals(type, lines_type) || iequals(type, "application/jsonl"))))
    return true;
  refuse(worker, response, http::status::unsupported_media_type, Refusal::unsupported_media_type,
         "the body is `" + std::string(type) + "`, not JSON",
         batch ? "send `Content-Type: application/json` (or application/x-ndjson for JSON lines)"
               : "send `Content-Type: application/json`");
  return false;
}

namespace {

void count(Worker& worker, bool decided, std::string_view response) {
  if (!decided)
    MetricsShard::add(worker.metrics.malformed);
  else if (response.starts_with(R"({"decision":"allow")"))
    MetricsShard::add(worker.metrics.allowed);
  else
    MetricsShard::add(worker.metrics.denied);
}

// Keeps the record of a decision for the log; the answer waits for it (Session::reply).
void keep_record(Worker& worker, std::string_view request_json, std::string_view answer, const DecideOptions& options,
                 const HttpResponse& response) {
  std::string plain;
  if (options.trace || options.explain) {
    // The record keeps the decision, not its trace: a trace names the person's facts.
    worker.decider->decide_json(request_json, plain);
    answer = plain;
  }
  const auto id = response.find("X-Request-Id");
  const DecisionEntry entry{std::chrono::system_clock::now(),
                            id == response.end() ? std::string_view{} : std::string_view(id->value().data(), id->value().size()),
                            worker.snapshot->revision, answer, request_json};
  worker.log_bodies.push_back(decision_entry_body(entry, worker.shared.log->options().full_requests));
}

void decide(Worker& worker, const HttpRequest& request, const DecideOptions& options, HttpResponse& response) {
  const auto start = std::chrono::steady_clock::now();
  response.result(http::status::ok);
  response.set(http::field::content_type, json_type);
  const bool decided = worker.decider->decide_json(request.body(), response.body(), options);
  count(worker, decided, response.body());
  if (decided && worker.shared.log) keep_record(worker, request.body(), response.body(), options, response);
  if (!decided) {
    response.result(http::status::bad_request);
    worker.metrics.refuse(Refusal::malformed_request);
  }
  worker.metrics.observe(std::chrono::steady_clock::now() - start);
}

void decide_batch(Worker& worker, const HttpRequest& request, const DecideOptions& options, HttpResponse& response) {
  const auto start = std::chrono::steady_clock::now();
  Batch batch;
  std::string error;
  switch (split_batch(request.body(), worker.shared.bounds.max_batch_requests, batch, error)) {
    case BatchSplit::ok: break;
    case BatchSplit::malformed:
      return refuse(worker, response, http::status::bad_request, Refusal::malformed_request,
                    "the batch is not a JSON array of requests: " + error,
                    "send a JSON array of request objects, or one request object per line");
    case BatchSplit::too_many:
      return refuse(worker, response, http::status::payload_too_large, Refusal::too_many_requests, error,
                    "split the batch");
  }
  std::string out, one;
  out.reserve(batch.items.size() * 128 + 2);
  if (batch.array) out += '[';
  for (std::size_t i = 0; i < batch.items.size(); ++i) {
    if (batch.array && i) out += ',';
    if (batch.items[i].empty()) {
      out += error_json("empty line: a request is one JSON object per line");
      MetricsShard::add(worker.metrics.malformed);
    } else {
      const bool decided = worker.decider->decide_json(batch.items[i], one, options);
      count(worker, decided, one);
      if (decided && worker.shared.log) keep_record(worker, batch.items[i], one, options, response);
      out += one;
    }
    if (!batch.array) out += '\n';
  }
  if (batch.array) out += ']';
  set_json(response, http::status::ok, std::move(out), batch.array ? json_type : lines_type);
  worker.metrics.observe(std::chrono::steady_clock::now() - start);
}

struct Route {
  std::string_view path;
  http::verb method;
};
constexpr std::array<Route, 7> routes = {{
    {"/v1/decide", http::verb::post},
    {"/v1/decide/batch", http::verb::post},
    {"/v1/policy", http::verb::get},
    {"/healthz", http::verb::get},
    {"/readyz", http::verb::get},
    {"/metrics", http::verb::get},
    {"/openapi.json", http::verb::get},
}};

}  // namespace

std::size_t body_limit(const Bounds& bounds, std::string_view target) {
  const std::string_view path = path_of(target);
  if (path.starts_with("/v1/playground/")) return max_playground_body;
  return path == "/v1/decide/batch" ? bounds.max_batch_body : bounds.max_body;
}

void refuse(Worker& worker, HttpResponse& response, http::status status, Refusal why, std::string_view message,
            std::string_view help) {
  worker.metrics.refuse(why);
  set_json(response, status, error_json(message, help));
}

void stamp(Worker& worker, std::string_view client_request_id, HttpResponse& response) {
  response.set(http::field::server, "gavel");
  response.set("Gavel-Policy-Revision", worker.snapshot->revision);
  // An id is echoed when it is short and printable; any other is replaced, not repeated.
  bool usable = !client_request_id.empty() && client_request_id.size() <= 200;
  for (const char c : client_request_id) usable = usable && c > 0x20 && c < 0x7f;
  if (usable)
    response.set("X-Request-Id", client_request_id);
  else
    response.set("X-Request-Id", worker.next_request_id());
}

void answer(Worker& worker, const HttpRequest& request, HttpResponse& response) {
  const std::string_view target(request.target().data(), request.target().size());
  const std::string_view path = path_of(target);
  if (answer_playground(worker, request, path, response)) return;
  const Route* route = nullptr;
  for (const auto& r : routes)
    if (r.path == path) route = &r;
  if (!route)
    return refuse(worker, response, http::status::not_found, Refusal::not_found,
                  "no endpoint `" + std::string(path) + "`",
                  "the endpoints are POST /v1/decide, POST /v1/decide/batch, GET /v1/policy, /healthz, /readyz, "
                  "/metrics, /openapi.json, and the playground: GET /, POST /v1/playground/...");
  if (request.method() != route->method) {
    response.set(http::field::allow, http::to_string(route->method));
    return refuse(worker, response, http::status::method_not_allowed, Refusal::method_not_allowed,
                  "`" + std::string(request.method_string()) + " " + std::string(path) + "` is not served",
                  "use `" + std::string(http::to_string(route->method)) + " " + std::string(path) + "`");
  }
  const bool decides = route->method == http::verb::post;
  DecideOptions options;
  if (!read_query(worker, target, decides, options, response)) return;
  if (path == "/v1/decide") {
    if (accept_type(worker, request, false, response)) decide(worker, request, options, response);
  } else if (path == "/v1/decide/batch") {
    if (accept_type(worker, request, true, response)) decide_batch(worker, request, options, response);
  } else if (path == "/v1/policy") {
    set_json(response, http::status::ok, worker.shared.store.describe_json());
  } else if (path == "/healthz") {
    set_json(response, http::status::ok, R"({"status":"ok"})");
  } else if (path == "/readyz") {
    if (worker.shared.draining.load())
      set_json(response, http::status::service_unavailable, R"({"status":"draining"})");
    else if (worker.shared.log && worker.shared.log->failing())
      set_json(response, http::status::service_unavailable, R"({"status":"decision log not writable"})");
    else
      set_json(response, http::status::ok, R"({"status":"ready"})");
  } else if (path == "/metrics") {
    set_json(response, http::status::ok, worker.shared.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  } else {
    set_json(response, http::status::ok, worker.shared.openapi);
  }
}

}  // namespace gavel::service
