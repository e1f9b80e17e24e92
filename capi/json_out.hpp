// The JSON the C interface hands out beside the decisions and request errors (which the C++ API
// writes itself, gavel::append_error_json): a load's diagnostics, a why-not answer. Written with
// gavel's one escaper.
#pragma once

#include <string>

#include "gavel/gavel.hpp"

namespace gavel::capi {

// {"diagnostics":[{"file","line","column","severity","error","message","help","code"}…],"report":"…"}
std::string diagnostics_json(const LoadResult& result);

// {"possible","ways":[{"changes":[{"command","note"}],"decided_by"}],"blocking","denied_by",
//  "because","tried","exhaustive","explanation"}
std::string why_not_json(const WhyNot& answer);

}  // namespace gavel::capi
