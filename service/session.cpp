#include "service/session.hpp"

#include <limits>

#include "service/json_text.hpp"

namespace gavel::service {
namespace {

// An error of the HTTP parser (malformed HTTP), not of the socket.
bool is_http_error(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

}  // namespace

Session::Session(tcp::socket socket, WorkerThread& thread) : stream_(std::move(socket)), thread_(thread) {
  thread_.worker.shared.metrics.connections.fetch_add(1, std::memory_order_relaxed);
}

Session::~Session() { thread_.worker.shared.metrics.connections.fetch_sub(1, std::memory_order_relaxed); }

void Session::start() {
  beast::error_code ignored;
  stream_.socket().set_option(tcp::no_delay(true), ignored);
  wait_for_request();
}

void Session::close_if_idle() {
  if (!busy_) close();
}

// Waits for a request's first byte under the idle timeout; the read timeout starts with it.
void Session::wait_for_request() {
  busy_ = false;
  if (thread_.worker.shared.draining.load(std::memory_order_relaxed)) return close();
  if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
  stream_.expires_after(thread_.worker.shared.bounds.idle_timeout);
  stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    if (ec) {
      if (ec == beast::error::timeout) self->closing_ = true;  // the socket is closed already
      return self->close();
    }
    self->buffer_.commit(n);
    self->read_header();
  });
}

void Session::read_header() {
  busy_ = true;
  client_request_id_.clear();  // a refusal before the header is read echoes no earlier request's id
  const auto& bounds = thread_.worker.shared.bounds;
  parser_.emplace();
  parser_->header_limit(std::uint32_t(bounds.max_header));
  // The body's bound is the endpoint's, set once the target is known (on_header).
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  stream_.expires_after(bounds.read_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Session::on_header(beast::error_code ec) {
  if (ec == http::error::end_of_stream) return close();
  if (ec == beast::error::timeout) {
    thread_.worker.metrics.refuse(Refusal::timeout);
    closing_ = true;
    return close();
  }
  if (ec == http::error::header_limit)
    return refuse_and_close(http::status::request_header_fields_too_large, Refusal::header_too_large,
                            "the request's header is larger than the limit of " +
                                std::to_string(thread_.worker.shared.bounds.max_header) + " bytes");
  if (ec) {
    if (!is_http_error(ec)) return close();  // a socket error
    return refuse_and_close(http::status::bad_request, Refusal::bad_http, "malformed HTTP request: " + ec.message());
  }
  const auto& header = parser_->get();
  if (auto id = header.find("X-Request-Id"); id != header.end())
    client_request_id_.assign(id->value().data(), id->value().size());
  else
    client_request_id_.clear();
  const std::string_view target(header.target().data(), header.target().size());
  const std::size_t limit = body_limit(thread_.worker.shared.bounds, target);
  body_limit_ = limit;
  parser_->body_limit(limit);
  if (const auto length = parser_->content_length(); length && *length > limit)
    return refuse_and_close(http::status::payload_too_large, Refusal::body_too_large,
                            "the body is " + std::to_string(*length) + " bytes, larger than the limit of " +
                                std::to_string(limit) + " bytes");
  auto read_body = [self = shared_from_this()] {
    http::async_read(self->stream_, self->buffer_, *self->parser_,
                     [self](beast::error_code ec, std::size_t) { self->on_body(ec); });
  };
  if (const auto expect = header.find(http::field::expect);
      expect != header.end() && beast::iequals(expect->value(), "100-continue") && !parser_->is_done()) {
    continue_ = {http::status::continue_, header.version()};
    http::async_write(stream_, continue_, [self = shared_from_this(), read_body](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      read_body();
    });
    return;
  }
  read_body();
}

void Session::on_body(beast::error_code ec) {
  if (ec == beast::error::timeout) {
    thread_.worker.metrics.refuse(Refusal::timeout);
    closing_ = true;
    return close();
  }
  if (ec == http::error::body_limit)
    return refuse_and_close(http::status::payload_too_large, Refusal::body_too_large,
                            "the body is larger than the limit of " + std::to_string(body_limit_) + " bytes");
  if (ec) {
    if (!is_http_error(ec)) return close();
    return refuse_and_close(http::status::bad_request, Refusal::bad_http, "malformed HTTP request: " + ec.message());
  }
  reply(&parser_->get());
}

void Session::reply(const HttpRequest* request) {
  auto& worker = thread_.worker;
  worker.refresh();
  response_ = {};
  response_.version(request ? request->version() : 11);
  // Stamped first: a decision's record names the request id its answer carries.
  stamp(worker, client_request_id_, response_);
  worker.log_bodies.clear();
  if (request) answer(worker, *request, response_);
  response_.keep_alive(!closing_ && request && request->keep_alive() &&
                       !worker.shared.draining.load(std::memory_order_relaxed));
  response_.prepare_payload();
  // An answer to HEAD has the headers of the GET's, Content-Length included, and no body: a
  // body would be read as the start of the next answer on a kept-alive connection.
  if (request && request->method() == http::verb::head) response_.body().clear();
  if (worker.log_bodies.empty()) return write();
  // The answer goes out only once its records are durable. The work guard keeps this worker
  // running (through a drain too) until the log has called back.
  worker.shared.log->submit(
      std::move(worker.log_bodies),
      [self = shared_from_this(), guard = net::make_work_guard(thread_.context)](bool ok,
                                                                                 const std::string& error) mutable {
        // The connection goes with the handler, so that it ends on its own thread; the guard
        // stays with the writer, released before the log stops, while the context still runs.
        auto& context = self->thread_.context;
        net::post(context, [self = std::move(self), ok, error] { self->on_logged(ok, error); });
      });
  worker.log_bodies.clear();
}

void Session::on_logged(bool ok, const std::string& error) {
  if (!ok) {
    // Never an answer whose record is lost.
    auto& worker = thread_.worker;
    worker.metrics.refuse(Refusal::decision_log);
    response_.result(http::status::service_unavailable);
    response_.set(http::field::content_type, "application/json");
    response_.body() = error_json("the decision was not answered: its record could not be written to the decision "
                                  "log `" + worker.shared.log->options().path + "`: " + error,
                                  "retry later; the operator sees it in /readyz and "
                                  "gavel_decision_log_write_failures_total");
    response_.prepare_payload();
  }
  write();
}

void Session::refuse_and_close(http::status status, Refusal why, std::string_view message, std::string_view help) {
  closing_ = true;  // what is left of the request is not read: the connection cannot go on
  auto& worker = thread_.worker;
  worker.refresh();
  response_ = {};
  response_.version(11);
  refuse(worker, response_, status, why, message, help);
  stamp(worker, client_request_id_, response_);
  response_.keep_alive(false);
  response_.prepare_payload();
  write();
}

void Session::write() {
  stream_.expires_after(thread_.worker.shared.bounds.read_timeout);
  http::async_write(stream_, response_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
}

void Session::on_write(beast::error_code ec) {
  if (ec) return close();
  if (closing_ || !response_.keep_alive()) return linger();
  wait_for_request();
}

// Closes the sending side, then reads and drops what the client still sends for a moment, so
// that closing with unread data does not reset the connection before the answer is read.
void Session::linger() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(std::chrono::seconds(1));
  discarded_ = 0;
  stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    self->discarded_ = n;
    if (ec) return self->close();
    self->discard();
  });
}

void Session::discard() {
  stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    self->discarded_ += n;
    if (ec || self->discarded_ > (1u << 20)) return self->close();
    self->discard();
  });
}

void Session::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
}

}  // namespace gavel::service
