"""The contract's JSON Schemas (docs/schema/) against gavel itself:

- request.schema.json is what gavel generates from its field table (print_request_schema);
  `schema_test.py --write` rewrites it after the table changes;
- every example request (examples/requests/) conforms to it, and of every request in the
  scenario files and in generated traffic, gavel refuses each one the schema rejects;
- every response gavel gives to them, with and without trace, conforms to response.schema.json.

Run by ctest with GAVEL_PRINT_SCHEMA, GAVEL_PROGRAM and GAVEL_LIBRARY set, python/ on PYTHONPATH."""

import json
import os
import pathlib
import subprocess
import sys
import unittest

from json_schema import errors

import gavel
from gavel._native import library

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "docs" / "schema"


def generated_request_schema():
    out = subprocess.run([os.environ["GAVEL_PRINT_SCHEMA"]], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def written(schema):
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def scenario_requests():
    """(policy path, request text, name) of every case of every scenario file."""
    for path in sorted((ROOT / "tests" / "scenarios").glob("*/*.json")):
        document = json.loads(path.read_text())
        policy = ROOT / document["policy"]
        for case in document["cases"]:
            request = case["request"]
            text = request if isinstance(request, str) else json.dumps(request)
            yield policy, text, f"{path.relative_to(ROOT)}: {case['name']}"


class Schemas(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.request_schema = json.loads((SCHEMAS / "request.schema.json").read_text())
        cls.response_schema = json.loads((SCHEMAS / "response.schema.json").read_text())
        cls.policies = {}

    def policy(self, path):
        if path not in self.policies:
            self.policies[path] = gavel.load(path)
        return self.policies[path]

    def check_responses(self, policy_path, text, name):
        """The responses to `text` conform; returns whether gavel refused it."""
        policy = self.policy(policy_path)
        refused = None
        for options in (0, 1, 3):
            status, answer = library().decide(policy._decider(), text.encode("utf-8"), options)
            response = json.loads(answer)
            self.assertEqual(errors(self.response_schema, response), [], f"{name}, options {options}: {answer!r}")
            refused = "error" in response
        return refused

    def test_the_request_schema_is_the_generated_one(self):
        self.assertEqual(self.request_schema, generated_request_schema(),
                         "docs/schema/request.schema.json is stale: run tests/schema/schema_test.py --write")

    def test_every_example_request_conforms_and_its_responses_too(self):
        examples = sorted((ROOT / "examples" / "requests").glob("*.json"))
        self.assertTrue(examples)
        for path in examples:
            request = json.loads(path.read_text())
            self.assertEqual(errors(self.request_schema, request), [], path.name)
            self.check_responses(ROOT / "rules" / "flexis.gavel", path.read_text(), path.name)

    def test_scenario_requests_the_schema_rejects_are_refused(self):
        count = 0
        for policy, text, name in scenario_requests():
            count += 1
            refused = self.check_responses(policy, text, name)
            try:
                rejected = errors(self.request_schema, json.loads(text))
            except ValueError:
                rejected = ["not JSON"]
            if rejected:
                self.assertTrue(refused, f"{name}: the schema rejects it ({rejected[0]}), gavel decided it")
        self.assertGreater(count, 50)

    def test_generated_traffic_conforms_and_its_responses_too(self):
        for rules in ("flexis.gavel", "tilleuls.gavel", "valsaone.gavel"):
            path = ROOT / "rules" / rules
            traffic = subprocess.run([os.environ["GAVEL_PROGRAM"], "generate", "--count", "300", "--seed", "3",
                                      "--policy", str(path)], check=True, capture_output=True, text=True).stdout
            for n, line in enumerate(traffic.splitlines(), 1):
                self.assertEqual(errors(self.request_schema, json.loads(line)), [], f"{rules} line {n}")
                self.check_responses(path, line, f"{rules} line {n}")

    def test_the_validator_rejects_what_the_schemas_forbid(self):
        request = {"action": "use", "purpose": "p", "at": "2026-01-01"}
        self.assertEqual(errors(self.request_schema, request), [])
        self.assertTrue(errors(self.request_schema, {**request, "purpse": "p"}))
        self.assertTrue(errors(self.request_schema, {"action": "use", "at": "2026-01-01"}))
        self.assertTrue(errors(self.request_schema, {**request, "subject": {"age": 151}}))
        self.assertTrue(errors(self.request_schema, {**request, "data": "identity"}))
        self.assertTrue(errors(self.response_schema, {"decision": "maybe", "decided_by": [], "obligations": []}))
        self.assertTrue(errors(self.response_schema, {"error": {"field": "", "message": "m"}}))


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        (SCHEMAS / "request.schema.json").write_text(written(generated_request_schema()))
    else:
        unittest.main()
