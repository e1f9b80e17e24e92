// Memory: what a compiled policy keeps (heap bytes in use after loading, the syntax tree and
// the checker's state freed), and the peak resident size of `gavel decide --batch` over a
// file of generated requests, measured on the real command in a child process.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <malloc.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include "bench/bench_support.hpp"
#include "gavel/gavel.hpp"

extern char** environ;

namespace gavel::bench {
namespace {

std::size_t heap_in_use() { return mallinfo2().uordblks; }

void compiled_memory(benchmark::State& state, const std::string& text) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    malloc_trim(0);
    const std::size_t before = heap_in_use();
    auto loaded = load_policy(text, "policy.gavel");
    bytes = heap_in_use() - before;
    benchmark::DoNotOptimize(loaded.policy.get());
  }
  state.counters["heap_KiB"] = double(bytes) / 1024.0;
  state.counters["text_KiB"] = double(text.size()) / 1024.0;
}

void BM_CompiledPolicyMemoryFlexis(benchmark::State& state) { compiled_memory(state, read_file(flexis_path)); }
BENCHMARK(BM_CompiledPolicyMemoryFlexis)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_CompiledPolicyMemoryGenerated(benchmark::State& state) {
  compiled_memory(state, generated_policy(int(state.range(0))));
}
BENCHMARK(BM_CompiledPolicyMemoryGenerated)->Arg(1000)->Arg(10000)->ArgName("rules")->Iterations(1)->Unit(benchmark::kMillisecond);

// `gavel decide rules/flexis.gavel --batch FILE > /dev/null` on N generated requests: its
// peak resident size (ru_maxrss) and its rate, startup included.
void BM_BatchPeakMemory(benchmark::State& state) {
  const auto n = std::size_t(state.range(0));
  const std::string path = fmt::format("/tmp/gavel-bench-batch-{}-{}.jsonl", ::getpid(), n);
  {
    std::ofstream out(path, std::ios::binary);
    for (const auto& r : traffic(flexis(), n, traffic_seed)) out << r << '\n';
  }
  const std::string gavel = GAVEL_BINARY_DIR "/gavel";
  long max_kib = 0;
  for (auto _ : state) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    std::string a0 = gavel, a1 = "decide", a2 = flexis_path, a3 = "--batch", a4 = path;
    char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), a4.data(), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, gavel.c_str(), &actions, nullptr, argv, environ) != 0) {
      state.SkipWithError("cannot run build/gavel: build the `gavel` target");
      break;
    }
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      state.SkipWithError("gavel decide --batch failed");
      break;
    }
    max_kib = std::max(max_kib, long(usage.ru_maxrss));
  }
  std::remove(path.c_str());
  state.counters["peak_RSS_KiB"] = double(max_kib);
  state.SetItemsProcessed(std::int64_t(state.iterations() * n));
}
BENCHMARK(BM_BatchPeakMemory)->Arg(10'000)->Arg(100'000)->ArgName("requests")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace gavel::bench
