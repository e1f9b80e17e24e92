// gavel::Sweeper: the obligations due for one person on a day (docs/sweep.md). The person is
// read once, as the `subject` and `context` of a request to store the first purpose's data,
// by the same decoder as every request; then each purpose with an `oblige` rule is decided
// from those facts, the purpose and its data changed in place, so a person costs one read
// and one evaluation per such purpose.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "engine/api/internal.hpp"
#include "engine/evaluate/evaluator.hpp"
#include "engine/evaluate/render.hpp"
#include "engine/request/contract.hpp"
#include "engine/request/decoder.hpp"
#include "engine/request/json_syntax.hpp"
#include "gavel/gavel.hpp"
#include "grammar/codes.hpp"

namespace gavel {
namespace {

using compile::Id;
using request::contract::max_json_depth;

// What a sweep asks about one purpose, worked out once from the policy.
struct PurposePlan {
  Id purpose = compile::no_id;
  // The action decided: `store`, or one that concerns fewer rules but the same `oblige` rules
  // and the same rules that may override them, which then stand or fall as they do for `store`.
  compile::Action action = compile::Action::store;
  bool per_category = false;  // an `oblige` rule (or one overriding it) tests `data includes`
  std::vector<Id> data;       // the purpose's categories, in category order
  std::vector<std::string_view> data_names;
};

// Whether the condition at `root` tests which categories the request names.
bool tests_data(const compile::CompiledPolicy& p, compile::ConditionRef root) {
  if (root == compile::always) return false;
  const auto& node = p.conditions[root];
  if (node.op == compile::Op::data_includes) return true;
  for (std::uint32_t i = 0; i < node.child_count; ++i)
    if (tests_data(p, node.first_child + i)) return true;
  return false;
}

bool is_oblige(compile::Conclusion c) {
  return c == compile::Conclusion::oblige_erase || c == compile::Conclusion::oblige_archive ||
         c == compile::Conclusion::oblige_end_of_retention || c == compile::Conclusion::oblige_end_of_archive;
}

// Marks in `seen` rule `r` and every rule that may override it, and so on.
void mark_overriders(const compile::CompiledPolicy& p, Id r, std::vector<bool>& seen) {
  if (seen[r]) return;
  seen[r] = true;
  for (Id o : p.rules[r].overridden_by) mark_overriders(p, o, seen);
}

// Of the actions on `purpose` whose request concerns the same rules of `settled` as a request
// to store, the one that concerns the fewest rules in all: whether an `oblige` rule stands
// turns only on its conditions and on the rules that may override it.
compile::Action cheapest_action(const compile::CompiledPolicy& p, Id purpose, const std::vector<bool>& settled) {
  const auto store = p.concerned(purpose, compile::Action::store);
  auto best = compile::Action::store;
  std::size_t fewest = store.size();
  for (std::size_t a = 0; a < compile::action_count; ++a) {
    const auto action = static_cast<compile::Action>(a);
    const auto rules = p.concerned(purpose, action);
    if (rules.size() >= fewest) continue;
    // Both lists are in policy order: compare the rules of `settled` in each.
    std::size_t i = 0, j = 0;
    bool same = true;
    while (same) {
      while (i < store.size() && !settled[store[i]]) ++i;
      while (j < rules.size() && !settled[rules[j]]) ++j;
      if (i == store.size() || j == rules.size()) {
        same = i == store.size() && j == rules.size();
        break;
      }
      same = store[i++] == rules[j++];
    }
    if (same) {
      best = action;
      fewest = rules.size();
    }
  }
  return best;
}

// Whether rule `r`, or any rule that may override it (and so on), tests the request's data.
bool rule_tests_data(const compile::CompiledPolicy& p, Id r, std::vector<bool>& seen) {
  if (seen[r]) return false;
  seen[r] = true;
  const auto& rule = p.rules[r];
  if (tests_data(p, rule.when)) return true;
  for (auto u : rule.unless)
    if (tests_data(p, u)) return true;
  for (Id o : rule.overridden_by)
    if (rule_tests_data(p, o, seen)) return true;
  return false;
}

RequestError error_of(request::DecodeError e) {
  return RequestError{std::move(e.field), std::move(e.message), std::move(e.help), std::string(code_name(e.code))};
}

RequestError error_of(Code code, std::string field, std::string message, std::string help = {}) {
  return RequestError{std::move(field), std::move(message), std::move(help), std::string(code_name(code))};
}

std::string_view type_name(simdjson::ondemand::json_type t) {
  using simdjson::ondemand::json_type;
  switch (t) {
    case json_type::array: return "an array";
    case json_type::object: return "an object";
    case json_type::number: return "a number";
    case json_type::string: return "a string";
    case json_type::boolean: return "true or false";
    case json_type::null: return "null";
  }
  return "a value";
}

constexpr std::string_view id_expected = "a string or a whole number";
constexpr std::string_view line_fields[] = {"id", "subject", "context"};

}  // namespace

struct Sweeper::Impl {
  explicit Impl(std::shared_ptr<const Policy> p) : policy(checked(std::move(p))), evaluator(compiled()) { plan(); }

  static std::shared_ptr<const Policy> checked(std::shared_ptr<const Policy> p) {
    if (!p) throw std::invalid_argument("gavel::Sweeper needs a policy: this one is null (check LoadResult::ok() first)");
    return p;
  }

  const compile::CompiledPolicy& compiled() const { return api::compiled_of(*policy); }

  std::shared_ptr<const Policy> policy;
  std::vector<PurposePlan> plans;  // the purposes some `oblige` rule concerns, in policy order
  std::string request_head;        // `{"action":"store","purpose":…,"data":[…],"at":"`
  std::string request;             // the request a person is read as, reused
  std::string line_buffer;         // the line with simdjson's padding, reused
  simdjson::ondemand::parser line_parser;
  request::JsonDecoder decoder;
  request::Facts facts;
  evaluate::Evaluator evaluator;
  evaluate::Decision decision;
  // A purpose asked category by category: its obligations merged, and which category gave each.
  std::vector<evaluate::Obligation> merged;
  std::vector<std::pair<std::size_t, Id>> merged_data;  // (index in merged, category)
  std::vector<std::pair<std::size_t, std::pair<std::size_t, std::size_t>>> pooled;  // obligation: pool range

  void plan() {
    const auto& p = compiled();
    std::vector<bool> seen(p.rules.size());
    for (Id purpose = 0; purpose < p.purposes.size(); ++purpose) {
      PurposePlan plan;
      plan.purpose = purpose;
      bool obliged = false;
      std::vector<bool> settled(p.rules.size());
      for (Id r : p.concerned(purpose, compile::Action::store)) {
        if (!is_oblige(p.rules[r].conclusion)) continue;
        obliged = true;
        std::fill(seen.begin(), seen.end(), false);
        plan.per_category |= rule_tests_data(p, r, seen);
        mark_overriders(p, r, settled);
      }
      if (!obliged) continue;
      plan.action = cheapest_action(p, purpose, settled);
      p.purposes[purpose].data.for_each([&](Id c) {
        plan.data.push_back(c);
        plan.data_names.push_back(p.category_names[c]);
      });
      plans.push_back(std::move(plan));
    }
    // Any purpose and category: the request only carries the person to the decoder.
    if (p.purposes.empty()) return;
    request_head = R"({"action":"store","purpose":)";
    append_json_string(request_head, p.purposes.front().name);
    request_head += R"(,"data":[)";
    if (!p.category_names.empty()) append_json_string(request_head, p.category_names.front());
    request_head += R"(],"at":)";
  }

  // ---- reading the person ---------------------------------------------------------------

  // The line's `id`, `subject` and `context`; false with out.error filled.
  bool read_line(std::string_view line, std::string_view& subject, std::string_view& context, SubjectObligations& out) {
    if (line.size() > request::max_request_bytes)
      return fail(out, error_of(Code::request_too_large, "",
                                fmt::format("line of {} bytes is larger than the limit of {} bytes", line.size(),
                                            request::max_request_bytes)));
    line_buffer.assign(line);
    line_buffer.resize(line.size() + simdjson::SIMDJSON_PADDING);
    if (!read_fields(line, subject, context, out)) {
      if (!out.error) fail(out, invalid_json(line, "line"));
      return false;
    }
    return true;
  }

  bool read_fields(std::string_view line, std::string_view& subject, std::string_view& context,
                   SubjectObligations& out) {
    namespace od = simdjson::ondemand;
    od::document doc;
    if (line_parser.iterate(line_buffer.data(), line.size(), line_buffer.size()).get(doc)) return false;
    od::json_type type;
    if (doc.type().get(type)) return false;
    if (type != od::json_type::object)
      return fail(out, error_of(Code::request_not_object, "", "a line must be a JSON object"));
    od::object members;
    if (doc.get_object().get(members)) return false;
    bool has[3] = {false, false, false};
    for (auto member : members) {
      std::string_view key;
      od::value value;
      if (member.unescaped_key().get(key) || member.value().get(value)) return false;
      const auto known = std::find(std::begin(line_fields), std::end(line_fields), key);
      if (known == std::end(line_fields)) {
        std::vector<std::string_view> names(std::begin(line_fields), std::end(line_fields));
        const auto near = nearest_name(key, names);
        return fail(out, error_of(Code::request_unknown_field, request::shown(key),
                                  fmt::format("unknown field `{}`", request::shown(key)),
                                  near.empty() ? std::string() : fmt::format("did you mean `{}`?", near)));
      }
      const auto index = std::size_t(known - std::begin(line_fields));
      if (has[index])
        return fail(out, error_of(Code::request_duplicate_field, std::string(key),
                                  fmt::format("field `{}` is given twice", key),
                                  "a line states each person once: remove one of them"));
      has[index] = true;
      if (value.type().get(type)) return false;
      if (index == 0) {
        if (!read_id(value, type, out)) return false;
        continue;
      }
      std::string_view& text = index == 1 ? subject : context;
      const auto& spec = index == 1 ? request::contract::subject : request::contract::context;
      if (type == od::json_type::null) {
        if (value.is_null().error()) return false;
        text = "null";
      } else if (type == od::json_type::object) {
        od::object object;
        if (value.get_object().get(object) || object.raw_json().get(text)) return false;
      } else {
        return fail(out, error_of(Code::request_wrong_type, std::string(key),
                                  fmt::format("`{}` must be {}, not {}", key, spec.expected, type_name(type))));
      }
    }
    const char* after = nullptr;
    if (!doc.current_location().get(after)) return false;  // something follows the object
    if (!has[0])
      return fail(out, error_of(Code::request_missing_field, "id", "missing required field `id`",
                                "`id`: the person's id, a string or a whole number"));
    if (!has[1])
      return fail(out, error_of(Code::request_missing_field, "subject", "missing required field `subject`",
                                "`subject`: what is known of the person, as in a request ({} when nothing is)"));
    return true;
  }

  bool read_id(simdjson::ondemand::value& value, simdjson::ondemand::json_type type, SubjectObligations& out) {
    namespace od = simdjson::ondemand;
    std::string_view raw = value.raw_json_token();
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r'))
      raw.remove_suffix(1);
    if (type == od::json_type::string) {
      std::string_view text;
      if (value.get_string().get(text)) return false;
      out.id.assign(text);
      out.id_is_number = false;
    } else if (type == od::json_type::number) {
      // Read from its text: the parser takes `01` for a number and has no type for one
      // beyond 64 bits.
      if (raw.find_first_of(".eE") != std::string_view::npos) {
        double ignored = 0;
        if (value.get_double().get(ignored)) return false;
        return fail(out, error_of(Code::request_wrong_type, "id",
                                  fmt::format("`id` must be {}, not a number with a fraction or an exponent",
                                              id_expected)));
      }
      const std::string_view digits = raw.substr(raw.starts_with('-') ? 1 : 0);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos ||
          (digits.size() > 1 && digits.front() == '0'))
        return fail(out, error_of(Code::request_invalid_json, "",
                                  fmt::format("line is not valid JSON: `{}` is not a number JSON writes",
                                              request::shown(raw))));
      std::uint64_t magnitude = 0;
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
      if (error != std::errc() || end != digits.data() + digits.size() ||
          (raw.starts_with('-') && magnitude > std::uint64_t{1} << 63))
        return fail(out, error_of(Code::request_out_of_bounds, "id", "`id` is a whole number beyond 64 bits",
                                  "write an id that large as a string"));
      out.id.assign(raw);
      out.id_is_number = true;
    } else {
      return fail(out, error_of(Code::request_wrong_type, "id",
                                fmt::format("`id` must be {}, not {}", id_expected, type_name(type))));
    }
    // A view into the caller's line, not into the padded copy.
    out.id_json = std::string_view(line_start + (raw.data() - line_buffer.data()), raw.size());
    return true;
  }

  static RequestError too_deep(std::string_view what) {
    return error_of(Code::request_too_deep, "",
                    fmt::format("{} nests objects and arrays more than {} deep", what, max_json_depth));
  }

  // On the cold path, where the text stops being JSON (the parsers only say that it does).
  static RequestError invalid_json(std::string_view text, std::string_view what) {
    const auto where = request::locate_json_error(text, max_json_depth);
    if (where.find("levels deep") != std::string::npos) return too_deep(what);
    return error_of(Code::request_invalid_json, "",
                    where.empty() ? fmt::format("{} is not valid JSON", what)
                                  : fmt::format("{} is not valid JSON {}", what, where));
  }

  static bool fail(SubjectObligations& out, RequestError error) {
    out.error = std::move(error);
    return false;
  }

  // ---- deciding each purpose ---------------------------------------------------------------

  // `line`: the caller's line, or empty when the subject and context were given apart.
  bool sweep(std::string_view subject, std::string_view context, std::string_view day, std::string_view line,
             SubjectObligations& out) {
    const auto& p = compiled();
    request::DecodeError day_error;
    if (!request::Resolver(p).date(day, "day", day_error)) return fail(out, error_of(std::move(day_error)));
    if (p.purposes.empty()) return true;
    request.assign(request_head);
    append_json_string(request, day);
    request += R"(,"subject":)";
    request += subject;
    if (!context.empty()) {
      request += R"(,"context":)";
      request += context;
    }
    request += '}';
    if (auto error = decoder.decode(p, request, facts)) {
      // Where the person's text is not JSON, or too large, say so of what the caller gave.
      if (error->code == Code::request_invalid_json || error->code == Code::request_too_deep) {
        if (!line.empty()) return fail(out, invalid_json(line, "line"));
        if (!request::locate_json_error(subject, max_json_depth).empty()) return fail(out, invalid_json(subject, "`subject`"));
        return fail(out, invalid_json(context, "`context`"));
      }
      if (error->code == Code::request_too_large) {
        const auto size = line.empty() ? subject.size() + context.size() : line.size();
        return fail(out, error_of(Code::request_too_large, "",
                                  fmt::format("{} of {} bytes is larger than the limit of {} bytes",
                                              line.empty() ? "the subject and its context" : "line", size,
                                              request::max_request_bytes)));
      }
      return fail(out, error_of(std::move(*error)));
    }
    for (const auto& plan : plans) {
      facts.purpose = plan.purpose;
      facts.action = plan.action;
      if (!plan.per_category) {
        set_data(plan.data);
        evaluator.decide(facts, false, decision);
        if (decision.out_of_range) return out_of_range(out);
        for (const auto& o : decision.obligations) add(out, plan, o, plan.data_names);
        continue;
      }
      merged.clear();
      merged_data.clear();
      for (Id c : plan.data) {
        set_data(std::span<const Id>(&c, 1));
        evaluator.decide(facts, false, decision);
        if (decision.out_of_range) return out_of_range(out);
        for (const auto& o : decision.obligations) {
          std::size_t i = 0;
          while (i < merged.size() && !(merged[i].rule == o.rule && merged[i].kind == o.kind && merged[i].by == o.by)) ++i;
          if (i == merged.size()) merged.push_back(o);
          merged_data.emplace_back(i, c);
        }
      }
      for (std::size_t i = 0; i < merged.size(); ++i) {
        const std::size_t start = out.data_pool.size();
        for (auto [entry, c] : merged_data)
          if (entry == i) out.data_pool.push_back(p.category_names[c]);
        pooled.push_back({out.obligations.size(), {start, out.data_pool.size() - start}});
        add(out, plan, merged[i], {});
      }
    }
    // The pool has stopped growing: its views can be handed out.
    for (auto [index, range] : pooled)
      out.obligations[index].data = std::span<const std::string_view>(out.data_pool).subspan(range.first, range.second);
    return true;
  }

  void set_data(std::span<const Id> data) {
    facts.data.clear();
    facts.data_list.assign(data.begin(), data.end());
    for (Id c : data) facts.data.insert(c);
  }

  void add(SubjectObligations& out, const PurposePlan& plan, const evaluate::Obligation& o,
           std::span<const std::string_view> data) {
    const auto& p = compiled();
    const auto& rule = p.rules[o.rule];
    auto& due = out.obligations.emplace_back();
    due.purpose = p.purposes[plan.purpose].name;
    due.data = data;
    due.duty = evaluate::obligation_name(o.kind);
    if (o.by) due.by = dates::to_string(*o.by);
    due.rule = rule.id;
    due.title = rule.title;
    due.source = rule.source;
    due.cites = rule.cites;
  }

  bool out_of_range(SubjectObligations& out) {
    out.obligations.clear();
    return fail(out, error_of(evaluate::range_error(compiled(), facts, decision)));
  }

  void begin(SubjectObligations& out) {
    out.obligations.clear();
    out.data_pool.clear();
    out.error.reset();
    pooled.clear();
  }

  const char* line_start = nullptr;  // the caller's line, which line_buffer copies
};

Sweeper::Sweeper(std::shared_ptr<const Policy> policy) : impl_(std::make_unique<Impl>(std::move(policy))) {}
Sweeper::~Sweeper() = default;
Sweeper::Sweeper(Sweeper&&) noexcept = default;
Sweeper& Sweeper::operator=(Sweeper&&) noexcept = default;

const std::shared_ptr<const Policy>& Sweeper::policy() const { return impl_->policy; }

bool Sweeper::sweep_line(std::string_view line, std::string_view day, SubjectObligations& out) {
  impl_->begin(out);
  out.id.clear();
  out.id_json = {};
  out.id_is_number = false;
  impl_->line_start = line.data();
  std::string_view subject, context;
  if (!impl_->read_line(line, subject, context, out)) return false;
  return impl_->sweep(subject, context, day, line, out);
}

bool Sweeper::obligations_due(std::string_view subject_json, std::string_view context_json, std::string_view day,
                              SubjectObligations& out) {
  impl_->begin(out);
  out.id_json = {};
  if (subject_json.empty()) subject_json = "null";
  return impl_->sweep(subject_json, context_json, day, {}, out);
}

}  // namespace gavel
