// A JSON request changed the ways a hostile client would change it, to hold the engine's
// reader to the reference's: members reordered, a key repeated (with the same value or
// another), a member moved into another object, a value wrapped in an array or an object,
// replaced by null or by a value of another type. The bytes choose (fuzz/generator.hpp).
#pragma once

#include <simdjson.h>

#include <string>
#include <vector>

#include "fuzz/generator.hpp"

namespace gavel::fuzz {

struct Json {
  enum class Kind { null, boolean, number, string, array, object } kind = Kind::null;
  bool boolean = false;
  std::string text;  // a string's value, or a number as written
  std::vector<Json> items;    // an array's, or an object's values
  std::vector<std::string> keys;  // an object's keys, one for each of its items

  static Json from(simdjson::dom::element e) {
    Json j;
    switch (e.type()) {
      case simdjson::dom::element_type::NULL_VALUE: break;
      case simdjson::dom::element_type::BOOL:
        j.kind = Kind::boolean;
        j.boolean = bool(e.get_bool());
        break;
      case simdjson::dom::element_type::STRING:
        j.kind = Kind::string;
        j.text = std::string(std::string_view(e.get_string()));
        break;
      case simdjson::dom::element_type::ARRAY:
        j.kind = Kind::array;
        for (auto item : e.get_array()) j.items.push_back(from(item));
        break;
      case simdjson::dom::element_type::OBJECT:
        j.kind = Kind::object;
        for (auto [key, value] : e.get_object()) {
          j.keys.emplace_back(key);
          j.items.push_back(from(value));
        }
        break;
      case simdjson::dom::element_type::INT64:
        // Kept as it is: a number has a meaning (`subject.age`), which a reordering keeps.
        j.kind = Kind::number;
        j.text = std::to_string(std::int64_t(e.get_int64()));
        break;
      default:
        j.kind = Kind::number;
        j.text = "1";
        break;
    }
    return j;
  }

  static void quote(std::string& out, const std::string& s) {
    out += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }

  void write(std::string& out) const {
    switch (kind) {
      case Kind::null: out += "null"; break;
      case Kind::boolean: out += boolean ? "true" : "false"; break;
      case Kind::number: out += text; break;
      case Kind::string: quote(out, text); break;
      case Kind::array:
        out += '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (i) out += ',';
          items[i].write(out);
        }
        out += ']';
        break;
      case Kind::object:
        out += '{';
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (i) out += ',';
          quote(out, keys[i]);
          out += ':';
          items[i].write(out);
        }
        out += '}';
        break;
    }
  }

  std::string str() const {
    std::string out;
    write(out);
    return out;
  }
};

struct Mutation {
  std::string json;
  bool reorder_only = true;  // the same request in another order: decided exactly as before
  std::string what;          // for a report
};

class JsonMutator {
 public:
  explicit JsonMutator(Bytes& in) : in_(in) {}

  // One to three changes to `request` (a JSON object).
  Mutation mutate(const std::string& request) {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(request);
    Json root = Json::from(parser.parse(padded).value());
    Mutation m;
    const unsigned changes = 1 + in_.pick(3);
    for (unsigned n = 0; n < changes; ++n) change(root, m);
    m.json = root.str();
    return m;
  }

 private:
  void objects(Json& j, std::vector<Json*>& out) {
    if (j.kind == Json::Kind::object) out.push_back(&j);
    for (auto& item : j.items) objects(item, out);
  }

  void values(Json& j, std::vector<Json*>& out) {
    out.push_back(&j);
    for (auto& item : j.items) values(item, out);
  }

  void change(Json& root, Mutation& m) {
    std::vector<Json*> all;
    objects(root, all);
    Json& object = *all[in_.pick(unsigned(all.size()))];
    const auto size = unsigned(object.items.size());
    switch (in_.pick(6)) {
      case 0: {  // reorder: swap two members
        if (size < 2) return;
        const auto a = in_.pick(size), b = in_.pick(size);
        std::swap(object.keys[a], object.keys[b]);
        std::swap(object.items[a], object.items[b]);
        m.what += " reorder";
        return;
      }
      case 1: {  // repeat a key, with its value or with another member's
        if (size == 0) return;
        const auto from = in_.pick(size);
        const std::string key = object.keys[from];
        const Json value = in_.one_in(2) ? object.items[from] : object.items[in_.pick(size)];
        const auto at = in_.pick(size + 1);
        object.keys.insert(object.keys.begin() + at, key);
        object.items.insert(object.items.begin() + at, value);
        m.reorder_only = false;
        m.what += " repeat `" + key + "`";
        return;
      }
      case 2: {  // move a member into another object
        if (size == 0) return;
        const auto at = in_.pick(size);
        const std::string key = object.keys[at];
        const Json value = object.items[at];
        object.keys.erase(object.keys.begin() + at);
        object.items.erase(object.items.begin() + at);
        std::vector<Json*> targets;
        objects(root, targets);
        Json& to = *targets[in_.pick(unsigned(targets.size()))];
        const auto where = in_.pick(unsigned(to.items.size() + 1));
        to.keys.insert(to.keys.begin() + where, key);
        to.items.insert(to.items.begin() + where, value);
        m.reorder_only = false;
        m.what += " move `" + key + "`";
        return;
      }
      default: {  // wrap a value, or replace it by null or by a value of another type
        std::vector<Json*> every;
        values(root, every);
        Json& v = *every[in_.pick(unsigned(every.size()))];
        if (&v == &root) return;
        Json replacement;
        switch (in_.pick(5)) {
          case 0: replacement.kind = Json::Kind::array, replacement.items.push_back(v); break;
          case 1:
            replacement.kind = Json::Kind::object;
            replacement.keys.emplace_back("value");
            replacement.items.push_back(v);
            break;
          case 2: break;  // null
          case 3: replacement.kind = Json::Kind::number, replacement.text = in_.one_in(2) ? "0" : "1e400"; break;
          default: replacement.kind = Json::Kind::boolean, replacement.boolean = in_.one_in(2); break;
        }
        v = replacement;
        m.reorder_only = false;
        m.what += " replace a value";
        return;
      }
    }
  }

  Bytes& in_;
};

}  // namespace gavel::fuzz
