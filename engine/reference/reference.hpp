// The reference evaluator: docs/language.md ("What a decision means") read literally, over the
// checked syntax tree. Clarity over speed: names are compared as strings, every rule is looked
// at for every request, nothing is indexed or cached beyond one request. It shares no
// evaluation code with the compiled engine (engine/compile, engine/evaluate); only the
// calendar arithmetic of engine/dates, which both take as given.
//
// It exists to be compared with the engine (fuzz/differential.cpp, tests/fuzz/): same request
// in (the public gavel::Request, or the same JSON), same gavel::Decision out, compared on the
// decision, the deciding rules, the obligations, the missing facts and the due dates.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "gavel/gavel.hpp"
#include "grammar/syntax_tree.hpp"

namespace gavel::reference {

// A request the reference cannot read (an undeclared name, a malformed date). The engine's
// decoder refuses such requests first; the reference is only asked about accepted ones.
struct BadRequest : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

class Evaluator {
 public:
  // Precondition: `policy` was accepted by the checker (check::CheckedPolicy::valid()).
  // The evaluator keeps a reference to it.
  explicit Evaluator(const syntax::Policy& policy) : policy_(policy) {}

  // Fills allow, decided_by, obligations, missing, conflicts, due and extended_due; never the
  // trace. Throws BadRequest for a request that names what the policy does not declare.
  Decision decide(const Request& request) const;

 private:
  const syntax::Policy& policy_;
};

// The JSON request contract read into a Request, by the contract's field table: throws
// BadRequest for a request of the wrong shape (not JSON, too large or deep, a field unknown or
// given twice at any depth, a value of the wrong type, a required field missing). With a
// policy, the names the struct cannot carry — a date given as null, a context fact asserted
// false — are checked against it too, as check_request checks the others.
Request request_from_json(std::string_view json, const syntax::Policy* policy = nullptr);

// Throws BadRequest when docs/language.md says the request is refused: a name the policy does
// not declare, a date that is not a day, a country that is not a code, a record incoherent.
void check_request(const syntax::Policy& policy, const Request& request);

// The fields on which the engine and the reference must agree, each difference as one line
// ("decision: engine allow, reference deny"); empty when they agree. decided_by, obligations,
// missing facts and conflicts are compared as sets: docs/language.md does not fix their order.
std::vector<std::string> differences(const Decision& engine, const Decision& reference);

}  // namespace gavel::reference
