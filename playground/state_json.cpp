// A state as JSON and back. The facts are written by the request writer (to_json) and read by
// the request reader (parse_request): a question's request is the question's own fields with
// the state's `subject`, `context` and `"at": today`.
#include "playground/state_json.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>

namespace gavel::playground {
namespace {

namespace dom = simdjson::dom;

// The fields of a question: the request's own, without the facts and the day.
constexpr std::array<std::string_view, 7> question_fields = {"action", "purpose",  "data",    "recipient",
                                                            "country", "right",    "received"};
constexpr std::array<std::string_view, 4> state_fields = {"today", "subject", "context", "questions"};

// A request of no consequence, to read the facts of a state without a question.
constexpr std::string_view no_question = R"("action":"use","purpose":"-","data":["-"])";

void fail(RequestError& error, std::string field, std::string message, std::string help = {}) {
  error = RequestError{std::move(field), std::move(message), std::move(help), "playground.state"};
}

std::string kind_of(const dom::element& e) {
  switch (e.type()) {
    case dom::element_type::ARRAY: return "an array";
    case dom::element_type::OBJECT: return "an object";
    case dom::element_type::STRING: return "a string";
    case dom::element_type::BOOL: return "a boolean";
    case dom::element_type::NULL_VALUE: return "null";
    default: return "a number";
  }
}

// The request reader's field, as a path from the state: the facts are the state's own fields,
// a question's fields are under `questions[i]`, and the day is `today`.
std::string state_field(const std::string& field, std::optional<std::size_t> question) {
  if (field == "at") return "today";
  if (field.starts_with("subject") || field.starts_with("context") || !question) return field;
  return fmt::format("questions[{}]{}{}", *question, field.empty() || field[0] == '[' ? "" : ".", field);
}

}  // namespace

std::string question_json(const Question& q) {
  std::string out = "{\"action\":";
  append_json_string(out, q.action);
  auto optional = [&](std::string_view key, const std::optional<std::string>& value) {
    out += fmt::format(",\"{}\":", key);
    if (value) append_json_string(out, *value);
    else out += "null";
  };
  if (q.action == "request") {
    out += ",\"right\":";
    append_json_string(out, q.right.value_or(""));
    out += ",\"purpose\":";
    append_json_string(out, q.purpose);
    optional("received", q.received);
  } else {
    out += ",\"data\":[";
    for (std::size_t i = 0; i < q.data.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, q.data[i]);
    }
    out += "],\"purpose\":";
    append_json_string(out, q.purpose);
    optional("recipient", q.recipient);
    optional("country", q.country);
  }
  return out + "}";
}

std::string state_json(const State& state) {
  // The facts as the request writer writes them: its `subject` and `context`, taken whole.
  Question none;
  none.action = "use";
  none.purpose = "-";
  none.data = {"-"};
  const std::string request = to_json(request_of(none, state.facts));
  dom::parser parser;
  const dom::element doc = parser.parse(request);
  std::string out = "{\"today\":";
  append_json_string(out, state.facts.today);
  dom::element subject, context;
  out += ",\"subject\":";
  out += doc["subject"].get(subject) == simdjson::SUCCESS ? simdjson::minify(subject) : std::string("{}");
  out += ",\"context\":";
  out += doc["context"].get(context) == simdjson::SUCCESS ? simdjson::minify(context) : std::string("{}");
  out += ",\"questions\":[";
  for (std::size_t i = 0; i < state.questions.size(); ++i) {
    if (i) out += ',';
    out += question_json(state.questions[i]);
  }
  return out + "]}";
}

std::optional<State> read_state(std::string_view json, RequestError& error) {
  dom::parser parser;
  dom::element doc;
  if (auto e = parser.parse(json.data(), json.size()).get(doc); e) {
    fail(error, "", fmt::format("the state is not JSON: {}", simdjson::error_message(e)));
    return std::nullopt;
  }
  dom::object root;
  if (doc.get(root)) {
    fail(error, "", fmt::format("the state is {}, not an object", kind_of(doc)),
         "a state is {\"today\": …, \"subject\": {…}, \"context\": {…}, \"questions\": […]}");
    return std::nullopt;
  }
  for (const auto field : root) {
    bool known = false;
    for (auto f : state_fields) known = known || field.key == f;
    if (!known) {
      fail(error, std::string(field.key), fmt::format("unknown field `{}` in the state", field.key),
           "a state has `today`, `subject`, `context` and `questions`");
      return std::nullopt;
    }
  }
  std::string_view today;
  dom::element today_element;
  if (root["today"].get(today_element)) {
    fail(error, "today", "the state has no `today`", "give the day of the questions: \"today\": \"2026-11-26\"");
    return std::nullopt;
  }
  if (today_element.get(today)) {
    fail(error, "today", fmt::format("`today` is {}, not a date", kind_of(today_element)),
         "write the day as \"2026-11-26\"");
    return std::nullopt;
  }
  if (const std::string why = date_error(today); !why.empty()) {
    fail(error, "today", fmt::format("`{}` is not a date: {}", today, why), "write the day as \"2026-11-26\"");
    return std::nullopt;
  }
  // The facts, as a request carries them.
  std::string facts = ",\"at\":";
  append_json_string(facts, today);
  dom::element subject, context;
  if (!root["subject"].get(subject)) facts += ",\"subject\":" + simdjson::minify(subject);
  if (!root["context"].get(context)) facts += ",\"context\":" + simdjson::minify(context);

  State state;
  auto read = [&](const std::string& request, std::optional<std::size_t> question) -> std::optional<Request> {
    RequestError e;
    auto r = parse_request(request, e);
    if (!r) {
      e.field = state_field(e.field, question);
      error = std::move(e);
    }
    return r;
  };
  // The facts are read once on their own, so that a state without questions is read too.
  const auto base = read(fmt::format("{{{}{}}}", no_question, facts), std::nullopt);
  if (!base) return std::nullopt;
  Facts& f = state.facts;
  f.today = std::string(today);
  f.consent = base->consent;
  f.objections = base->objections;
  f.restriction = base->restriction;
  f.unlawful = base->unlawful;
  f.dates = base->dates;
  f.recorded = base->facts;
  f.born = base->born;
  f.age = base->age;
  f.bases = base->bases;
  f.context = base->context;

  dom::element questions_element;
  if (root["questions"].get(questions_element)) return state;
  dom::array questions;
  if (questions_element.get(questions)) {
    fail(error, "questions", fmt::format("`questions` is {}, not an array", kind_of(questions_element)));
    return std::nullopt;
  }
  if (questions.size() > max_questions) {
    fail(error, "questions", fmt::format("the state has {} questions, more than {}", questions.size(), max_questions),
         "ask fewer questions at once");
    return std::nullopt;
  }
  std::size_t i = 0;
  for (const dom::element element : questions) {
    const std::string where = fmt::format("questions[{}]", i);
    dom::object object;
    if (element.get(object)) {
      fail(error, where, fmt::format("a question is {}, not an object", kind_of(element)),
           R"(write {"action": "communicate", "data": ["identity"], "purpose": "newsletter"})");
      return std::nullopt;
    }
    // The question's own fields, as the request has them; null stands for not given.
    std::string request = "{";
    bool first = true, received = false;
    for (const auto field : object) {
      bool known = false;
      for (auto f : question_fields) known = known || field.key == f;
      if (!known) {
        fail(error, fmt::format("{}.{}", where, field.key), fmt::format("unknown field `{}` in a question", field.key),
             "a question has `action`, `data`, `purpose`, `recipient`, `country`, or `right`, `purpose`, "
             "`received`; the facts are the state's `subject` and `context`, its day `today`");
        return std::nullopt;
      }
      if (field.value.is_null() && field.key != "action" && field.key != "purpose" && field.key != "data") continue;
      if (field.key == "received") received = true;
      if (!first) request += ',';
      first = false;
      append_json_string(request, field.key);
      request += ':' + simdjson::minify(field.value);
    }
    std::string_view action;
    if (!received && !object["action"].get(action) && action == "request") {
      request += first ? "" : ",";
      request += "\"received\":";
      append_json_string(request, today);
    }
    request += facts + "}";
    auto r = read(request, i);
    if (!r) return std::nullopt;
    Question q;
    q.action = r->action;
    q.purpose = r->purpose;
    q.data = r->data;
    q.recipient = r->recipient;
    q.country = r->country;
    q.right = r->right;
    if (received) q.received = r->received;
    state.questions.push_back(std::move(q));
    ++i;
  }
  return state;
}

}  // namespace gavel::playground
