// The requests `gavel diff` decides with both versions of a policy: built from the names both
// declare, so that a change to either shows (engine/diff/request_space.cpp).
#pragma once

#include <string>
#include <vector>

#include "grammar/syntax_tree.hpp"

namespace gavel::diff {

// JSON requests, each the baseline of a purpose (its data, consent given, every date a year
// old) with one thing changed: the action or the right asked, no consent or a withdrawal, an
// objection, a restriction, unlawfulness, each date on both sides of every period either
// policy counts, each recipient, a country of each list and third countries, each context or
// declared fact, ages around the policy's thresholds, each category alone or one foreign to
// the purpose, the basis of record.
std::vector<std::string> request_space(const syntax::Policy& old_policy, const syntax::Policy& new_policy);

}  // namespace gavel::diff
