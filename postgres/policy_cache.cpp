// The C++ half of the extension: this backend's compiled policies, a decider each, and the
// calls into libgavel's public API. Every function catches everything: no exception reaches
// PostgreSQL's frames, and nothing here calls PostgreSQL (whose errors would jump over ours).
//
// A backend is one thread, so one cache per process needs no lock. It lives as long as the
// backend (PostgreSQL's TopMemoryContext lifetime) and is bounded by `capacity` policies.
#include "policy_cache.h"

#include <cstring>
#include <exception>
#include <functional>
#include <list>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gavel/gavel.hpp>

namespace {

struct CachedPolicy {
  std::uint64_t id;
  std::size_t hash;
  std::string text;
  gavel::Decider decider;
  std::optional<gavel::Sweeper> sweeper;  // made on the first sweep with this policy
};

// Most recently used first.
std::list<CachedPolicy>& cache() {
  static std::list<CachedPolicy> policies;
  return policies;
}

std::uint64_t next_id = 1;

// What the last call's outcome points to.
struct LastOutcome {
  std::string response, field, message, help, code, report, internal;
  gavel::SubjectObligations due;
  std::vector<GavelPgObligation> obligations;
  std::vector<GavelPgText> lists;  // every obligation's data, then its cites
} last;

GavelPgText view(std::string_view s) { return {s.data(), s.size()}; }

void fail_internally(GavelPgOutcome* out, const char* what) noexcept {
  out->status = GAVEL_PG_INTERNAL;
  try {
    last.internal = what;
    out->internal = view(last.internal);
  } catch (...) {
    out->internal = {"out of memory", std::strlen("out of memory")};
  }
}

bool same_text(const CachedPolicy& p, std::string_view text) {
  return p.text.size() == text.size() && std::memcmp(p.text.data(), text.data(), text.size()) == 0;
}

void move_to_front(std::list<CachedPolicy>::iterator it) {
  auto& policies = cache();
  if (it != policies.begin()) policies.splice(policies.begin(), policies, it);
}

}  // namespace

extern "C" uint64_t gavel_pg_find_policy(const char* data, size_t len) {
  auto& policies = cache();
  std::string_view text(data, len);
  // The policy of the previous call first: a query passes the same text on every row, and
  // comparing it costs less than hashing it.
  if (!policies.empty() && same_text(policies.front(), text)) return policies.front().id;
  std::size_t hash = std::hash<std::string_view>{}(text);
  for (auto it = policies.begin(); it != policies.end(); ++it) {
    if (it->hash == hash && same_text(*it, text)) {
      move_to_front(it);
      return policies.front().id;
    }
  }
  return 0;
}

extern "C" bool gavel_pg_has_policy(uint64_t id) {
  auto& policies = cache();
  for (auto it = policies.begin(); it != policies.end(); ++it) {
    if (it->id == id) {
      move_to_front(it);
      return true;
    }
  }
  return false;
}

extern "C" GavelPgStatus gavel_pg_compile_policy(const char* data, size_t len, int capacity, uint64_t* id,
                                                 GavelPgOutcome* out) {
  *out = GavelPgOutcome{};
  try {
    std::string_view text(data, len);
    // Named `policy` in the diagnostics: `policy:3:5: error: …`, the argument they are about.
    gavel::LoadResult loaded = gavel::load_policy(text, "policy");
    if (!loaded.ok()) {
      out->status = GAVEL_PG_POLICY_ERRORS;
      last.report = std::move(loaded.report);
      while (!last.report.empty() && last.report.back() == '\n') last.report.pop_back();
      out->report = view(last.report);
      for (const auto& d : loaded.diagnostics) out->errors += d.error ? 1 : 0;
      return out->status;
    }
    auto& policies = cache();
    policies.push_front(CachedPolicy{next_id++, std::hash<std::string_view>{}(text), std::string(text),
                                     gavel::Decider(std::move(loaded.policy)), std::nullopt});
    while (policies.size() > static_cast<std::size_t>(capacity < 1 ? 1 : capacity)) policies.pop_back();
    *id = policies.front().id;
    out->status = GAVEL_PG_OK;
  } catch (const std::bad_alloc&) {
    fail_internally(out, "out of memory while compiling the policy");
  } catch (const std::exception& e) {
    fail_internally(out, e.what());
  } catch (...) {
    fail_internally(out, "unexpected failure while compiling the policy");
  }
  return out->status;
}

namespace {

CachedPolicy* cached(std::uint64_t id) {
  for (auto& p : cache())
    if (p.id == id) return &p;
  return nullptr;
}

void refuse(GavelPgOutcome* out, gavel::RequestError error) {
  out->status = GAVEL_PG_REFUSED;
  last.field = std::move(error.field);
  last.message = std::move(error.message);
  last.help = std::move(error.help);
  last.code = std::move(error.code);
  out->field = view(last.field);
  out->message = view(last.message);
  out->help = view(last.help);
  out->code = view(last.code);
}

}  // namespace

extern "C" void gavel_pg_decide(uint64_t id, const char* request, size_t len, bool want_response,
                                GavelPgOutcome* out) {
  *out = GavelPgOutcome{};
  try {
    auto& policies = cache();
    auto it = policies.begin();
    while (it != policies.end() && it->id != id) ++it;
    if (it == policies.end()) {
      fail_internally(out, "the policy was evicted from the cache before its decision");
      return;
    }
    std::string_view json(request, len);
    if (want_response) {  // a refused request's response is its {"error": …} object
      out->status = it->decider.decide_json(json, last.response) ? GAVEL_PG_OK : GAVEL_PG_REFUSED;
      out->response = view(last.response);
      return;
    }
    gavel::Decision d = it->decider.decide(json);
    if (d.error) return refuse(out, std::move(*d.error));
    out->status = GAVEL_PG_OK;
    out->allow = d.allow;
  } catch (const std::bad_alloc&) {
    fail_internally(out, "out of memory while deciding");
  } catch (const std::exception& e) {
    fail_internally(out, e.what());
  } catch (...) {
    fail_internally(out, "unexpected failure while deciding");
  }
}

extern "C" void gavel_pg_obligations(uint64_t id, const char* subject, size_t subject_len, const char* context,
                                     size_t context_len, const char* day, const GavelPgObligation** obligations,
                                     size_t* count, GavelPgOutcome* out) {
  *out = GavelPgOutcome{};
  *obligations = nullptr;
  *count = 0;
  try {
    CachedPolicy* p = cached(id);
    if (!p) return fail_internally(out, "the policy was evicted from the cache before its sweep");
    if (!p->sweeper) p->sweeper.emplace(p->decider.policy());
    if (!p->sweeper->obligations_due({subject, subject_len}, {context, context_len}, day, last.due))
      return refuse(out, last.due.error.value_or(gavel::RequestError{"", "the person was refused", "", ""}));
    // The lists first, then the obligations pointing into them, so that no pointer moves.
    last.lists.clear();
    for (const auto& o : last.due.obligations) {
      for (auto d : o.data) last.lists.push_back(view(d));
      for (const auto& c : o.cites) last.lists.push_back(view(c));
    }
    last.obligations.clear();
    std::size_t at = 0;
    for (const auto& o : last.due.obligations) {
      GavelPgObligation c{view(o.purpose), view(o.duty), view(o.by), view(o.rule), view(o.title), view(o.source),
                          last.lists.data() + at, o.data.size(), last.lists.data() + at + o.data.size(), o.cites.size()};
      at += o.data.size() + o.cites.size();
      last.obligations.push_back(c);
    }
    *obligations = last.obligations.data();
    *count = last.obligations.size();
    out->status = GAVEL_PG_OK;
  } catch (const std::bad_alloc&) {
    fail_internally(out, "out of memory while sweeping");
  } catch (const std::exception& e) {
    fail_internally(out, e.what());
  } catch (...) {
    fail_internally(out, "unexpected failure while sweeping");
  }
}

extern "C" int gavel_pg_cached_policies(size_t* text_bytes) {
  *text_bytes = 0;
  int n = 0;
  for (const auto& p : cache()) {
    *text_bytes += p.text.size();
    ++n;
  }
  return n;
}
