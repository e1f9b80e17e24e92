// Memory: what a compiled policy keeps (heap bytes in use after loading, the syntax tree and
// the checker's state freed), and the peak resident size of `gavel decide --batch` over a
// file of generated requests, measured on the real command in a child process.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <fstream>

#include "bench/bench_support.hpp"
#include "gavel/gavel.hpp"

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

// A batch run as `gavel decide --batch` does it (a file read line by line, one response line
// per request, written out by the megabyte), over N generated requests: how much the peak
// resident size grows over what the process held before (VmHWM, reset through
// /proc/self/clear_refs), and the whole process's peak. Flat in N: nothing is kept per
// request. (`scripts/bench.sh` also gives the peak RSS of the `gavel` command itself.)
void BM_BatchPeakMemory(benchmark::State& state) {
  const auto n = std::size_t(state.range(0));
  const std::string path = fmt::format("/tmp/gavel-bench-batch-{}-{}.jsonl", ::getpid(), n);
  {
    std::ofstream out(path, std::ios::binary);
    generate::RequestGenerator generator(flexis(), traffic_seed);
    std::string r;
    for (std::size_t i = 0; i < n; ++i) {
      r.clear();
      generator.next(r);
      out << r << '\n';
    }
  }
  long growth = 0, peak = 0;
  for (auto _ : state) {
    state.PauseTiming();
    malloc_trim(0);
    if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {  // VmHWM := VmRSS
      std::fputs("5", f);
      std::fclose(f);
    }
    const long before = status_kib("VmRSS");
    state.ResumeTiming();
    {
      auto loaded = load_policy_file(flexis_path);
      Decider decider(loaded.policy);
      std::FILE* sink = std::fopen("/dev/null", "wb");
      std::ifstream in(path, std::ios::binary);
      std::string line, response, out;
      out.reserve(1 << 20);
      while (std::getline(in, line)) {
        decider.decide_json(line, response);
        out += response;
        out += '\n';
        if (out.size() > (1u << 20) - (1u << 16)) {
          std::fwrite(out.data(), 1, out.size(), sink);
          out.clear();
        }
      }
      std::fwrite(out.data(), 1, out.size(), sink);
      std::fclose(sink);
    }
    state.PauseTiming();
    peak = status_kib("VmHWM");
    growth = std::max(growth, peak - before);
    state.ResumeTiming();
  }
  std::remove(path.c_str());
  state.counters["batch_peak_growth_KiB"] = double(growth);
  state.counters["process_peak_RSS_KiB"] = double(peak);
  state.SetItemsProcessed(std::int64_t(state.iterations() * n));
}
BENCHMARK(BM_BatchPeakMemory)->Arg(10'000)->Arg(100'000)->ArgName("requests")->Iterations(2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gavel::bench
