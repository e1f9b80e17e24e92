// The JSON the C interface hands out beside the decisions (which the C++ API writes itself):
// a load's diagnostics, a request error, a why-not answer. Written with gavel's one escaper.
#pragma once

#include <string>

#include "gavel/gavel.hpp"

namespace gavel::capi {

// {"diagnostics":[{"file","line","column","severity","error","message","help","code"}…],"report":"…"}
std::string diagnostics_json(const LoadResult& result);

// {"error":{"field","message","help","code"}}, as Decider::decide_json writes it.
std::string error_json(const RequestError& error);

// {"possible","ways":[{"changes":[{"command","note"}],"decided_by"}],"blocking","denied_by",
//  "because","tried","exhaustive","explanation"}
std::string why_not_json(const WhyNot& answer);

}  // namespace gavel::capi
