// How to read the request: simdjson's DOM (what engine/request/decoder.cpp uses: parse the
// whole request to a tape, then walk it) against simdjson On-Demand (walk the text directly).
// Both walk every field of every request and read every string, as the decoder must: it
// validates every field, so On-Demand cannot skip any. Measured on the FLEXIS traffic.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include "bench/bench_support.hpp"

namespace gavel::bench {
namespace {

std::size_t walk(simdjson::dom::element e) {
  using T = simdjson::dom::element_type;
  std::size_t n = 1;
  switch (e.type()) {
    case T::OBJECT:
      for (auto [key, value] : simdjson::dom::object(e)) n += key.size() + walk(value);
      break;
    case T::ARRAY:
      for (auto value : simdjson::dom::array(e)) n += walk(value);
      break;
    case T::STRING: n += std::string_view(e).size(); break;
    case T::BOOL: n += bool(e); break;
    default: break;
  }
  return n;
}

template <class V>
std::size_t walk_on_demand(V&& v) {
  using T = simdjson::ondemand::json_type;
  std::size_t n = 1;
  T type{};
  if (v.type().get(type)) return 0;
  switch (type) {
    case T::object: {
      simdjson::ondemand::object o;
      if (v.get_object().get(o)) return 0;
      for (auto field : o) {
        std::string_view key;
        if (field.unescaped_key().get(key)) return 0;
        n += key.size() + walk_on_demand(field.value());
      }
      break;
    }
    case T::array: {
      simdjson::ondemand::array a;
      if (v.get_array().get(a)) return 0;
      for (auto item : a) n += walk_on_demand(item.value());
      break;
    }
    case T::string: {
      std::string_view s;
      if (!v.get_string().get(s)) n += s.size();
      break;
    }
    case T::boolean: {
      bool b = false;
      if (!v.get_bool().get(b)) n += b;
      break;
    }
    case T::null: n += v.is_null().value_unsafe(); break;
    default: break;
  }
  return n;
}

std::vector<simdjson::padded_string> padded() {
  std::vector<simdjson::padded_string> out;
  for (const auto& r : flexis_traffic()) out.emplace_back(r);
  return out;
}

void BM_JsonDomParse(benchmark::State& state) {
  const auto requests = padded();
  simdjson::dom::parser parser;
  std::size_t i = 0;
  for (auto _ : state) {
    simdjson::dom::element root;
    auto error = parser.parse(requests[i]).get(root);
    benchmark::DoNotOptimize(error);
    if (++i == requests.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonDomParse);

void BM_JsonDomParseAndWalk(benchmark::State& state) {
  const auto requests = padded();
  simdjson::dom::parser parser;
  std::size_t i = 0, n = 0;
  for (auto _ : state) {
    simdjson::dom::element root;
    if (!parser.parse(requests[i]).get(root)) n += walk(root);
    if (++i == requests.size()) i = 0;
  }
  benchmark::DoNotOptimize(n);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonDomParseAndWalk);

void BM_JsonOnDemandWalk(benchmark::State& state) {
  const auto requests = padded();
  simdjson::ondemand::parser parser;
  std::size_t i = 0, n = 0;
  for (auto _ : state) {
    simdjson::ondemand::document doc;
    if (!parser.iterate(requests[i]).get(doc)) {
      simdjson::ondemand::value root;
      if (!doc.get_value().get(root)) n += walk_on_demand(root);
    }
    if (++i == requests.size()) i = 0;
  }
  benchmark::DoNotOptimize(n);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JsonOnDemandWalk);

}  // namespace
}  // namespace gavel::bench
