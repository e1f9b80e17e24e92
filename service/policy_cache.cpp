#include "service/policy_cache.hpp"

#include <fmt/format.h>

#include "service/sha256.hpp"

namespace gavel::service {
namespace {

void strings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

void key(std::string& out, std::string_view name, bool first = false) {
  if (!first) out += ',';
  append_json_string(out, name);
  out += ':';
}

}  // namespace

std::string vocabulary_json(const Vocabulary& v) {
  std::string out = "{";
  key(out, "purposes", true);
  out += '[';
  for (std::size_t i = 0; i < v.purposes.size(); ++i) {
    const auto& p = v.purposes[i];
    if (i) out += ',';
    out += '{';
    key(out, "name", true);
    append_json_string(out, p.name);
    key(out, "bases");
    strings(out, p.bases);
    key(out, "data");
    strings(out, p.data);
    out += fmt::format(",\"one_per_person\":{},\"explicit_consent\":{}}}", p.one_per_person, p.explicit_consent);
  }
  out += ']';
  key(out, "categories");
  strings(out, v.categories);
  key(out, "dates");
  strings(out, v.dates);
  key(out, "groups");
  strings(out, v.groups);
  key(out, "recipients");
  out += '[';
  for (std::size_t i = 0; i < v.recipients.size(); ++i) {
    if (i) out += ',';
    out += '{';
    key(out, "name", true);
    append_json_string(out, v.recipients[i].name);
    key(out, "receives");
    strings(out, v.recipients[i].receives);
    out += '}';
  }
  out += ']';
  key(out, "country_lists");
  out += '[';
  for (std::size_t i = 0; i < v.country_lists.size(); ++i) {
    if (i) out += ',';
    out += '{';
    key(out, "name", true);
    append_json_string(out, v.country_lists[i].name);
    key(out, "members");
    strings(out, v.country_lists[i].members);
    out += '}';
  }
  out += ']';
  key(out, "home");
  append_json_string(out, v.home);
  key(out, "rules");
  out += '[';
  for (std::size_t i = 0; i < v.rules.size(); ++i) {
    const auto& r = v.rules[i];
    if (i) out += ',';
    out += '{';
    key(out, "id", true);
    append_json_string(out, r.id);
    key(out, "title");
    append_json_string(out, r.title);
    key(out, "conclusion");
    append_json_string(out, r.conclusion);
    key(out, "source");
    append_json_string(out, r.source);
    out += '}';
  }
  out += ']';
  key(out, "actions");
  strings(out, v.actions);
  key(out, "rights");
  strings(out, v.rights);
  key(out, "bases");
  strings(out, v.bases);
  key(out, "context_facts");
  strings(out, v.context_facts);
  key(out, "asserted_facts");
  strings(out, v.asserted_facts);
  key(out, "recorded_facts");
  strings(out, v.recorded_facts);
  return out + '}';
}

std::shared_ptr<const CompiledText> PolicyCache::get(std::string_view text, std::string_view name) {
  const std::string revision = sha256_hex(text);
  {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if ((*it)->revision != revision || (*it)->name != name) continue;
      auto found = *it;
      entries_.erase(it);
      entries_.push_front(found);
      ++reused_;
      return found;
    }
  }
  // Compiled outside the lock: another worker's call does not wait for this one.
  auto compiled = std::make_shared<CompiledText>();
  compiled->revision = revision;
  compiled->name = std::string(name);
  compiled->check = check_policy(text, compiled->name);
  compiled->vocabulary_json = "null";
  if (compiled->check.ok()) {
    auto loaded = load_policy(text, compiled->name);
    compiled->policy = loaded.policy;
    if (compiled->policy) {
      compiled->words.vocab = vocabulary(*compiled->policy);
      compiled->vocabulary_json = vocabulary_json(compiled->words.vocab);
    }
  }
  std::lock_guard lock(mutex_);
  ++compiled_;
  entries_.push_front(compiled);
  while (entries_.size() > capacity_) entries_.pop_back();
  return compiled;
}

std::size_t PolicyCache::compiled() const {
  std::lock_guard lock(mutex_);
  return compiled_;
}

std::size_t PolicyCache::reused() const {
  std::lock_guard lock(mutex_);
  return reused_;
}

}  // namespace gavel::service
