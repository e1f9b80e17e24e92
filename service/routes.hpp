// What the service answers: one function per endpoint, behind one dispatcher. Independent of
// the connection: the session reads a request, calls `answer`, and writes what it filled.
#pragma once

#include <boost/beast/http.hpp>

#include <string>
#include <string_view>

#include "service/worker.hpp"

namespace gavel::service {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

// The bound on the body of a request to `target`, known from its header alone.
std::size_t body_limit(const Bounds& bounds, std::string_view target);

// Fills `response` (status, headers, body) for `request`.
void answer(Worker& worker, const HttpRequest& request, HttpResponse& response);

// A refusal: `status` with an error object, counted under `why`.
void refuse(Worker& worker, HttpResponse& response, http::status status, Refusal why, std::string_view message,
            std::string_view help = {});

// Whether the body's Content-Type, when given, is application/json (a batch also takes JSON
// lines); refuses it with 415 otherwise. A page of another site can post a form or text/plain
// to a loopback service without asking, but not application/json.
bool accept_type(Worker& worker, const HttpRequest& request, bool batch, HttpResponse& response);

// The headers every answer carries: the policy revision and the request id (echoed when the
// client gave a usable one, created otherwise).
void stamp(Worker& worker, std::string_view client_request_id, HttpResponse& response);

}  // namespace gavel::service
