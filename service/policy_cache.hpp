// The playground's compiled policies, by the SHA-256 of their text: each call of the
// playground's API carries the policy text, and asking again with the same text does not
// check or compile it again. A few are kept, the least recently used dropped first; shared by
// the workers (a compiled Policy is immutable, each call decides with its own Decider).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <gavel/gavel.hpp>

#include "playground/command_parser.hpp"

namespace gavel::service {

struct CompiledText {
  std::string revision;                   // SHA-256 of the text, hex
  std::string name;                       // the file name the diagnostics give
  CheckReport check;                      // what `gavel check` says of it
  std::shared_ptr<const Policy> policy;   // null when it has errors
  playground::PolicyWords words;          // its vocabulary (empty when it has errors)
  std::string vocabulary_json;            // "null" when it has errors
};

class PolicyCache {
 public:
  explicit PolicyCache(std::size_t capacity = 8) : capacity_(capacity) {}

  // The text checked and compiled, from the cache when it was seen last under the same name.
  std::shared_ptr<const CompiledText> get(std::string_view text, std::string_view name);

  // How many texts were compiled, and how many found compiled (for /metrics and the tests).
  std::size_t compiled() const;
  std::size_t reused() const;

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<std::shared_ptr<const CompiledText>> entries_;  // the most recently used first
  std::size_t compiled_ = 0, reused_ = 0;
};

// A policy's vocabulary as JSON (docs/playground.md, VOCABULARY).
std::string vocabulary_json(const Vocabulary& v);

}  // namespace gavel::service
