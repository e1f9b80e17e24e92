// The service's threads: N workers, each running its own io_context; the acceptor on the
// first worker's, handing each new connection to the next worker in turn; the main thread
// running the control io_context (signals, the watch on the policy file, reloads).
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <spawn.h>
#include <unistd.h>  // environ

#include <csignal>
#include <cstdio>
#include <thread>

#include "service/openapi.hpp"
#include "service/policy_cache.hpp"
#include "service/service.hpp"
#include "service/session.hpp"

namespace gavel::service {
namespace {

// What identifies a version of the file without reading it: a write changes the time or the
// size, a rename onto the path changes the inode.
struct FileStamp {
  struct timespec mtime {};
  off_t size = -1;
  ino_t inode = 0;
  bool operator==(const FileStamp& o) const {
    return mtime.tv_sec == o.mtime.tv_sec && mtime.tv_nsec == o.mtime.tv_nsec && size == o.size && inode == o.inode;
  }
};

FileStamp stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {st.st_mtim, st.st_size, st.st_ino};
}

class Server {
 public:
  Server(const Options& options, PolicyStore& store, Metrics& metrics, const std::string& openapi, unsigned workers,
         DecisionLog* log, PolicyCache& playground)
      : shared_{options.bounds, store, metrics, openapi}, signals_(control_, SIGTERM, SIGINT, SIGHUP),
        acceptor_(control_) {
    shared_.log = log;
    shared_.playground = &playground;
    // The signals are caught from here on, before the address is printed: a client that
    // signals as soon as it reads the address finds them handled.
    for (unsigned i = 0; i < workers; ++i) threads_.push_back(std::make_unique<WorkerThread>(shared_, i));
    acceptor_shard_ = &metrics.shards.back();
  }

  bool listen(const tcp::endpoint& endpoint, std::string& error) {
    beast::error_code ec;
    acceptor_ = tcp::acceptor(threads_[0]->context);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      error = ec.message();
      return false;
    }
    return true;
  }

  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  int run() {
    accept();
    std::vector<std::thread> threads;
    std::atomic<unsigned> finished{0};
    std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
    for (auto& t : threads_) guards.push_back(net::make_work_guard(t->context));
    for (auto& t : threads_)
      threads.emplace_back([&t, &finished] {
        // An exception out of a handler (std::bad_alloc, say) ends that connection's work,
        // never the worker: the context runs on.
        for (;;) {
          try {
            t->context.run();
            break;
          } catch (const std::exception& e) {
            fmt::print(stderr, "gavel serve: internal error: {}\n", e.what());
          }
        }
        finished.fetch_add(1);
      });

    watched_ = stamp_of(shared_.store.file());
    std::function<void()> wait_signal = [&] {
      signals_.async_wait([&](beast::error_code ec, int signal) {
        if (ec) return;
        if (signal == SIGHUP) {
          fmt::print(stderr, "gavel serve: SIGHUP: reloading `{}`\n", shared_.store.file());
          reload();
          return wait_signal();
        }
        fmt::print(stderr, "gavel serve: {}: draining\n", signal == SIGTERM ? "SIGTERM" : "SIGINT");
        drain();
        for (auto& g : guards) g.reset();
        control_.stop();
      });
    };
    wait_signal();
    net::steady_timer poll(control_);
    std::function<void()> watch = [&] {
      poll.expires_after(std::chrono::seconds(1));
      poll.async_wait([&](beast::error_code ec) {
        if (ec) return;
        if (const auto now = stamp_of(shared_.store.file()); !(now == watched_)) {
          watched_ = now;
          fmt::print(stderr, "gavel serve: `{}` changed: reloading\n", shared_.store.file());
          reload();
        }
        watch();
      });
    };
    watch();
    control_.run();

    // The requests in flight finish (each worker's run() returns once its last connection
    // is closed), within the drain timeout; then the rest are cut.
    const auto deadline = std::chrono::steady_clock::now() + shared_.bounds.drain_timeout;
    while (finished.load() < threads.size() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (finished.load() < threads.size())
      fmt::print(stderr, "gavel serve: the drain timeout passed: closing the connections left\n");
    for (auto& t : threads_) t->context.stop();
    for (auto& t : threads) t.join();
    // What was submitted is written before the workers' contexts, which its callbacks post
    // to, are destroyed.
    if (shared_.log) shared_.log->stop();
    fmt::print(stderr, "gavel serve: stopped\n");
    return 0;
  }

 private:
  void accept() {
    auto& target = *threads_[next_];
    next_ = (next_ + 1) % threads_.size();
    acceptor_.async_accept(target.context, [this, &target](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      if (ec) {
        // Out of descriptors, say: wait a moment rather than spin.
        fmt::print(stderr, "gavel serve: accept: {}\n", ec.message());
        retry_ = std::make_unique<net::steady_timer>(threads_[0]->context, std::chrono::milliseconds(50));
        retry_->async_wait([this](beast::error_code e) {
          if (!e) accept();
        });
        return;
      }
      if (std::size_t(shared_.metrics.connections.load(std::memory_order_relaxed)) >=
          shared_.bounds.max_connections) {
        acceptor_shard_->refuse(Refusal::too_many_connections);
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        net::post(target.context, [&target, s = std::move(socket)]() mutable {
          auto session = std::make_shared<Session>(std::move(s), target);
          auto& list = target.sessions;
          std::erase_if(list, [](const auto& w) { return w.expired(); });
          list.push_back(session);
          session->start();
        });
      }
      accept();
    });
  }

  void reload() {
    const auto before = shared_.store.current();
    switch (shared_.store.reload()) {
      case ReloadOutcome::loaded:
        shared_.metrics.reloads.fetch_add(1);
        fmt::print(stderr, "gavel serve: loaded `{}`, revision {}\n", shared_.store.file(),
                   shared_.store.current()->revision);
        break;
      case ReloadOutcome::unchanged:
        fmt::print(stderr, "gavel serve: `{}` is unchanged (revision {})\n", shared_.store.file(), before->revision);
        break;
      case ReloadOutcome::failed: {
        shared_.metrics.failed_reloads.fetch_add(1);
        const auto failure = shared_.store.last_failure();
        std::fputs(failure->report.c_str(), stderr);
        fmt::print(stderr, "gavel serve: `{}` was not loaded; still deciding with revision {}\n",
                   shared_.store.file(), before->revision);
        break;
      }
    }
  }

  // No new connection; each open one is closed once it has no request in flight.
  void drain() {
    shared_.draining.store(true);
    net::post(threads_[0]->context, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      if (retry_) retry_->cancel();
    });
    for (auto& t : threads_)
      net::post(t->context, [&t] {
        for (auto& w : t->sessions)
          if (auto s = w.lock()) s->close_if_idle();
        t->sessions.clear();
      });
  }

  Shared shared_;
  net::io_context control_{1};
  net::signal_set signals_;
  std::vector<std::unique_ptr<WorkerThread>> threads_;
  tcp::acceptor acceptor_;
  std::unique_ptr<net::steady_timer> retry_;
  MetricsShard* acceptor_shard_ = nullptr;
  std::size_t next_ = 0;
  FileStamp watched_;
};

bool parse_listen(const std::string& text, tcp::endpoint& endpoint, std::string& error) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    error = fmt::format("`{}` is not HOST:PORT", text);
    return false;
  }
  std::string host = text.substr(0, colon);
  const std::string port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  unsigned long number = 0;
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      (number = std::stoul(port)) > 65535) {
    error = fmt::format("`{}` is not a port (0 to 65535)", port);
    return false;
  }
  beast::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) {
    error = fmt::format("`{}` is not an IP address", host);
    return false;
  }
  endpoint = tcp::endpoint(address, static_cast<unsigned short>(number));
  return true;
}

// `gavel playground --open`: the page in the desktop's browser, when xdg-open is there.
void open_page(const std::string& url) {
  pid_t pid = 0;
  char* argv[] = {const_cast<char*>("xdg-open"), const_cast<char*>(url.c_str()), nullptr};
  if (::posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0)
    fmt::print(stderr, "gavel playground: cannot run xdg-open: open {} in a browser\n", url);
}

}  // namespace

int run(const Options& options) {
  // A client that goes away mid-answer is an error on that write, never a signal.
  std::signal(SIGPIPE, SIG_IGN);
  // Each connection is a descriptor: a soft limit of 1024 would refuse connections below the
  // bound on them, so the soft limit is raised to the hard one.
  if (struct rlimit files {}; ::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
  }
  tcp::endpoint endpoint;
  std::string error;
  if (!parse_listen(options.host + ":" + std::to_string(options.port), endpoint, error)) {
    fmt::print(stderr, "gavel serve: --listen: {}\n", error);
    return 2;
  }
  PolicyStore store(options.policy);
  if (store.reload() == ReloadOutcome::failed) {
    std::fputs(store.last_failure()->report.c_str(), stderr);
    fmt::print(stderr, "gavel serve: `{}` has errors; not serving\n", options.policy);
    return 2;
  }
  const unsigned workers = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
  Metrics metrics(workers);
  std::unique_ptr<DecisionLog> log;
  if (!options.decision_log.path.empty()) {
    log = std::make_unique<DecisionLog>(options.decision_log);
    if (!log->open(error)) {
      fmt::print(stderr, "gavel serve: --decision-log: {}\n", error);
      return 2;
    }
    metrics.log = log.get();
  }
  const std::string openapi = openapi_json();
  PolicyCache playground;
  metrics.playground = &playground;
  Server server(options, store, metrics, openapi, workers, log.get(), playground);
  if (!server.listen(endpoint, error)) {
    fmt::print(stderr, "gavel serve: cannot listen on {}: {}\n", fmt::format("{}:{}", options.host, options.port),
               error);
    return 2;
  }
  const auto bound = server.local_endpoint();
  const std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]"
                                                   : bound.address().to_string();
  if (options.playground)
    fmt::print("playground: http://{}:{}/\n", host, bound.port());
  else
    fmt::print("{}:{}\n", host, bound.port());
  std::fflush(stdout);
  if (options.open_page) open_page(fmt::format("http://{}:{}/", host, bound.port()));
  fmt::print(stderr, "gavel serve: `{}` revision {}, {} workers, listening on http://{}:{}\n", options.policy,
             store.current()->revision, workers, host, bound.port());
  if (log)
    fmt::print(stderr, "gavel serve: logging decisions to `{}` (requests kept {}), from record {}\n",
               options.decision_log.path, options.decision_log.full_requests ? "in full" : "minimised",
               log->next_seq());
  return server.run();
}

bool parse_listen_address(const std::string& text, std::string& host, std::uint16_t& port, std::string& error) {
  tcp::endpoint endpoint;
  if (!parse_listen(text, endpoint, error)) return false;
  host = endpoint.address().to_string();
  port = endpoint.port();
  return true;
}

}  // namespace gavel::service
