// Decisions per second through the C++ API (Decider::decide_json), on N threads sharing one
// policy: the baseline beside abi_c.c (the C interface) and abi_python.py (Python), run by
// bench/abi.sh on the same traffic.
//
//   abi_bench_cpp POLICY REQUESTS.jsonl THREADS SECONDS
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gavel/gavel.hpp>

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s POLICY REQUESTS.jsonl THREADS SECONDS\n", argv[0]);
    return 2;
  }
  auto loaded = gavel::load_policy_file(argv[1]);
  if (!loaded.ok()) {
    std::fputs(loaded.report.c_str(), stderr);
    return 2;
  }
  std::vector<std::string> requests;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) requests.push_back(line);
  const int threads = std::atoi(argv[3]);
  const double seconds = std::atof(argv[4]);
  std::atomic<bool> stop{false};
  std::vector<long> decided(threads, 0);
  std::vector<std::thread> workers;
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      gavel::Decider decider(loaded.policy);
      std::string response;
      long n = 0;
      while (!stop.load(std::memory_order_relaxed))
        for (const auto& r : requests) {
          decider.decide_json(r, response);
          ++n;
        }
      decided[t] = n;
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  long total = 0;
  for (long n : decided) total += n;
  std::printf("C++ API             %d thread%s  %9.0f decisions/s  %9.0f per CPU second\n", threads,
              threads == 1 ? " " : "s", total / elapsed, total / cpu);
  return 0;
}
