#include "bench/bench_support.hpp"
#include "engine/api/internal.hpp"
#include "gavel/gavel.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/request/decoder.hpp"

namespace gavel::bench {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

const compile::CompiledPolicy& flexis() {
  static const std::shared_ptr<const Policy> policy = [] {
    auto loaded = load_policy_file(flexis_path);
    if (!loaded.ok()) throw std::runtime_error(loaded.report);
    return loaded.policy;
  }();
  return api::compiled_of(*policy);
}

std::vector<std::string> traffic(const compile::CompiledPolicy& policy, std::size_t count, std::uint64_t seed) {
  generate::RequestGenerator generator(policy, seed);
  std::vector<std::string> out(count);
  for (auto& r : out) generator.next(r);
  return out;
}

const std::vector<std::string>& flexis_traffic() {
  static const auto requests = [] {
    const char* file = std::getenv("GAVEL_BENCH_TRAFFIC");
    if (!file || !*file) return traffic(flexis(), traffic_size, traffic_seed);
    std::vector<std::string> lines;
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("cannot read GAVEL_BENCH_TRAFFIC={}", file));
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) lines.push_back(std::move(line));
    return lines;
  }();
  return requests;
}

const std::vector<request::Facts>& flexis_facts() {
  static const auto facts = [] {
    std::vector<request::Facts> out;
    request::JsonDecoder decoder;
    for (const auto& r : flexis_traffic()) {
      request::Facts f;
      if (!decoder.decode(flexis(), r, f)) out.push_back(std::move(f));  // refused requests are not decided
    }
    return out;
  }();
  return facts;
}

std::string generated_policy(int purposes) {
  std::string text = R"gv(controller "Generated" { established in eea }
countries eea "EEA" { AT, BE, DE, ES, FR, IT, NL, PL, SE }
countries adequate "Adequate" { CH, GB, JP }
category identity "Identity"
category contact_details "Contact details"
category logs "Connection logs"
date last_contact "Last contact"
recipient crm "CRM" { activity "CRM" receives identity, contact_details }
group marketing "Marketing" { p0 }

rule stop-unlawful "Unlawful processing stops" cites "GDPR Art. 17(1)(d)"
  deny any action except erase
  when unlawful
rule after-retention "Nothing is used after retention" cites "GDPR Art. 5(1)(e)"
  deny any action except archive, erase
  when retention over
  unless legal_claims
rule listed-data-only "Only listed data" cites "GDPR Art. 5(1)(c)"
  deny any action except erase
  when data outside purpose
)gv";
  text.reserve(text.size() + std::size_t(purposes) * 330);
  for (int i = 0; i < purposes; ++i) {
    fmt::format_to(std::back_inserter(text),
                   "purpose p{0} \"Purpose {0}\" {{\n  basis consent or legitimate_interest\n  data identity, contact_details\n"
                   "  retain 3 years after last_contact\n  then archive\n}}\n",
                   i);
    switch (i % 3) {
      case 0:
        fmt::format_to(std::back_inserter(text),
                       "rule objection-{0} \"Objection to p{0}\" cites \"GDPR Art. 21(1)\"\n"
                       "  deny any action except erase for p{0}\n  when objected to purpose\n  unless compelling_grounds\n",
                       i);
        break;
      case 1:
        fmt::format_to(std::back_inserter(text),
                       "rule transfer-{0} \"Transfers of p{0}\" cites \"GDPR Art. 44\"\n"
                       "  deny transfer, disclose for p{0}\n  when country outside eea and country outside adequate\n"
                       "  unless standard_contractual_clauses\n",
                       i);
        break;
      default:
        fmt::format_to(std::back_inserter(text),
                       "rule erasure-{0} \"Erasure of p{0}\" cites \"GDPR Art. 17(1)(b)\"\n"
                       "  grant erasure for p{0}\n  when consent withdrawn\n",
                       i);
        break;
    }
  }
  return text;
}

std::string whynot_policy(std::size_t rules) {
  std::string text = R"gv(controller "Why not" { established in home }
countries home "Home" { FR }
countries adequate "Adequate" { CH, JP }
category c "Data"
category e "Extra"
date d "Date"
recipient crm "CRM" { activity "CRM" receives c }
group g "Group" { p }
purpose p "P" { basis legitimate_interest data c retain 1 year after d }
)gv";
  text.reserve(text.size() + rules * 100);
  for (std::size_t i = 0; i < rules; ++i) {
    fmt::format_to(std::back_inserter(text), "rule r{0} \"Denies {0}\" cites \"A\" deny disclose", i);
    if (i % 3 == 1) text += " when basis is legitimate_interest";
    if (i % 3 == 2) text += " when country outside home unless standard_contractual_clauses";
    text += '\n';
  }
  return text;
}

long status_kib(const char* field) {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long value = -1;
  const std::size_t n = std::strlen(field);
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, field, n) == 0 && line[n] == ':') {
      value = std::strtol(line + n + 1, nullptr, 10);
      break;
    }
  std::fclose(f);
  return value;
}

}  // namespace gavel::bench
