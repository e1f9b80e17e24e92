// Fuzz target for `gavel fmt` (fuzz/fmt_properties.hpp): a generated policy laid out anew by
// the bytes (line ends, blank lines, comments anywhere), or the bytes themselves as a rule
// file. Formatting must be idempotent, keep every token and comment, and give a file that
// checks and decides as the original does; a finding prints what broke and aborts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/fmt_properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string text;
  std::vector<std::string> requests;
  if (data[0] & 1u) {
    // The bytes as they are (a rule file starts with an odd byte, `/` or `c`): most do not
    // parse, and those that do must format well.
    text.assign(reinterpret_cast<const char*>(data), size);
  } else {
    gavel::fuzz::Bytes bytes(data + 1, size - 1);
    gavel::fuzz::Generator generate(bytes);
    const auto model = generate.policy();
    text = gavel::fuzz::relayout(model.text, bytes);
    for (int n = 0; n < 8; ++n) requests.push_back(gavel::fuzz::to_json(generate.request(model)));
  }
  if (const auto problem = gavel::fuzz::format_problem(text, requests)) {
    std::fprintf(stderr, "%s\n--- input\n%s\nfmt_fuzz: %s\n", problem->c_str(), text.c_str(), "a property of gavel fmt broke");
    std::abort();
  }
  return 0;
}
