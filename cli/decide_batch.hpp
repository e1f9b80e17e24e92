// gavel decide POLICY --batch FILE: JSON lines in, one JSON line out per request, in order.
#pragma once

#include <string>

#include "cli/io.hpp"
#include "gavel/gavel.hpp"

namespace gavel::cli {

struct BatchOptions {
  std::string input;  // a file, or - for standard input
  bool trace = false;
  bool explain = false;
  bool flush = false;  // write each response as soon as it is decided, whatever the output
};

// Decides every line of `options.input`, writing the responses to `out`; the summary goes to
// standard error. Returns exit_ok when every line was decided and written.
int decide_batch(Decider& decider, const BatchOptions& options, Output& out);

}  // namespace gavel::cli
