// "Did you mean …?": the declared name closest to a mistyped one.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/diagnostics.hpp"

namespace gavel {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring letters each cost one (a swap is the most common typo: `newsltetre`).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace

std::string nearest_name(std::string_view word, const std::vector<std::string_view>& candidates) {
  // A suggestion must be closer than a third of the word, or it is a guess, not a typo.
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (auto candidate : candidates) {
    if (candidate == word) continue;
    // Bounded lengths keep the quadratic distance cheap on hostile input.
    if (candidate.size() > 256 || word.size() > 256) continue;
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return std::string(best);
}

}  // namespace gavel
