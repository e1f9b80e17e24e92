// One HTTP/1.1 connection: keep-alive, pipelining, and the bounds on it. A request is read in
// two steps, its header then its body, so that the body's bound is the endpoint's and an
// oversized body is refused from its Content-Length without being read.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <memory>
#include <optional>
#include <vector>

#include "service/routes.hpp"
#include "service/worker.hpp"

namespace gavel::service {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

class Session;

// A worker's thread: its io_context, its Worker, and its open connections (touched only on
// that thread), so that a drain can close the idle ones.
struct WorkerThread {
  WorkerThread(Shared& shared, std::size_t index) : worker(shared, index) {}
  Worker worker;
  std::vector<std::weak_ptr<Session>> sessions;
  // Last, so destroyed first: the connections its pending handlers still hold (after a drain
  // cut short) close while the worker they count in is still there.
  net::io_context context{1};
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, WorkerThread& thread);
  ~Session();
  void start();
  // Called on drain: an idle connection is closed now, a busy one after its answer.
  void close_if_idle();

 private:
  void wait_for_request();
  void read_header();
  void on_header(beast::error_code ec);
  void on_body(beast::error_code ec);
  void reply(const HttpRequest* request);
  void on_logged(bool ok, const std::string& error);
  void refuse_and_close(http::status status, Refusal why, std::string_view message, std::string_view help = {});
  void write();
  void on_write(beast::error_code ec);
  void linger();
  void discard();
  void close();

  beast::tcp_stream stream_;
  WorkerThread& thread_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpResponse response_;
  http::response<http::empty_body> continue_;
  std::string client_request_id_;
  bool busy_ = false;    // from a request's first byte to the end of its answer
  bool closing_ = false;
  std::size_t body_limit_ = 0;
  std::size_t discarded_ = 0;
  char scratch_[4096];
};

}  // namespace gavel::service
