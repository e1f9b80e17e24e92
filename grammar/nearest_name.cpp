// "Did you mean …?": the declared name closest to a mistyped one.
#include <algorithm>
#include <cstdint>
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

namespace {

// The ASCII letters of U+00C0 … U+017F, one per character; a digit stands for two letters.
constexpr std::string_view latin1 =  // U+00C0 … U+00FF
    "AAAAAA5CEEEEIIII"
    "DNOOOOO_OUUUUY79"
    "aaaaaa6ceeeeiiii"
    "dnooooo_ouuuuy8y";
constexpr std::string_view latin_extended_a =  // U+0100 … U+017F
    "AaAaAaCcCcCcCcDd"
    "DdEeEeEeEeEeGgGg"
    "GgGgHhHhIiIiIiIi"
    "Ii12JjKkkLlLlLlL"
    "lLlNnNnNnnNnOoOo"
    "Oo34RrRrRrSsSsSs"
    "SsTtTtTtUuUuUuUu"
    "UuUuWwYyYZzZzZzs";
constexpr std::string_view pairs[] = {"IJ", "ij", "OE", "oe", "AE", "ae", "Th", "th", "ss"};

std::string_view ascii_of(std::uint32_t code) {
  char c = '_';
  if (code >= 0xC0 && code <= 0xFF) c = latin1[code - 0xC0];
  else if (code >= 0x100 && code <= 0x17F) c = latin_extended_a[code - 0x100];
  if (c >= '1' && c <= '9') return pairs[c - '1'];
  static constexpr std::string_view letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
  const auto at = letters.find(c);
  return letters.substr(at == std::string_view::npos ? letters.size() - 1 : at, 1);
}

}  // namespace

std::string ascii_name(std::string_view word) {
  std::string out;
  bool letter = false;
  for (std::size_t i = 0; i < word.size();) {
    const auto c = static_cast<unsigned char>(word[i]);
    std::size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + length > word.size()) length = 1;
    std::uint32_t code = c;
    if (length > 1) {
      code = c & (0x7Fu >> length);
      for (std::size_t k = 1; k < length; ++k) {
        const auto d = static_cast<unsigned char>(word[i + k]);
        if ((d & 0xC0) != 0x80) {
          length = k;
          break;
        }
        code = (code << 6) | (d & 0x3Fu);
      }
    }
    const std::string_view ascii = c < 0x80 ? word.substr(i, 1) : ascii_of(length > 1 ? code : 0);
    letter = letter || ascii != "_";
    // One `_` for a run of characters without a Latin letter.
    if (!(ascii == "_" && !out.empty() && out.back() == '_' && c >= 0x80)) out += ascii;
    i += length;
  }
  if (!letter || out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z') || out[0] == '_'))
    return {};
  return out;
}

}  // namespace gavel
