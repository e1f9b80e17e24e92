"""The Python package over the C interface: loading, deciding, errors as exceptions with their
codes, why not, one Policy shared by threads, and the same answers as `gavel decide --batch`
on generated traffic. Run by ctest with GAVEL_LIBRARY and GAVEL_PROGRAM set, the package on
PYTHONPATH."""

import json
import os
import pathlib
import subprocess
import tempfile
import threading
import unittest

import gavel

ROOT = pathlib.Path(__file__).resolve().parents[2]
FLEXIS = ROOT / "rules" / "flexis.gavel"
PROGRAM = os.environ.get("GAVEL_PROGRAM", "gavel")

ALLOWED = {
    "action": "communicate", "purpose": "newsletter", "data": ["identity", "contact_details"],
    "at": "2026-11-26",
    "subject": {"consent": {"newsletter": {"given": "2024-01-10"}}, "dates": {"last_contact": "2025-05-01"}},
}
WITHDRAWN = {
    "action": "communicate", "purpose": "newsletter", "data": ["identity"], "at": "2026-11-26",
    "subject": {"consent": {"newsletter": {"given": "2024-01-10", "withdrawn": "2025-01-01"}},
                "dates": {"last_contact": "2025-05-01"}},
}


class Loading(unittest.TestCase):
    def test_load_a_file_and_text(self):
        policy = gavel.load(FLEXIS)
        self.assertIsInstance(policy.warnings, list)
        same = gavel.loads(FLEXIS.read_text(), name="flexis.gavel")
        self.assertEqual(policy.decide(ALLOWED), same.decide(ALLOWED))

    def test_a_policy_with_errors_raises_with_its_diagnostics(self):
        with self.assertRaises(gavel.PolicyError) as caught:
            gavel.loads("purpose newsletter {\n  basis consnt\n}\n", name="bad.gavel")
        diagnostics = caught.exception.diagnostics
        self.assertTrue(diagnostics)
        first = diagnostics[0]
        self.assertEqual(set(first), {"file", "line", "column", "severity", "error", "message", "help", "code"})
        self.assertEqual(first["file"], "bad.gavel")
        self.assertTrue(any(d["error"] for d in diagnostics))
        self.assertTrue(all(d["code"] for d in diagnostics))
        self.assertIn("bad.gavel:", str(caught.exception))

    def test_a_file_that_cannot_be_read_gives_the_reason(self):
        with self.assertRaises(gavel.PolicyError) as caught:
            gavel.load("/nonexistent/x.gavel")
        [d] = caught.exception.diagnostics
        self.assertEqual(d["code"], "file.unreadable")
        self.assertIn("No such file or directory", d["message"])
        with self.assertRaises(gavel.PolicyError) as caught:
            gavel.load("/")
        self.assertIn("Is a directory", caught.exception.diagnostics[0]["message"])

    def test_a_policy_is_made_by_load_only(self):
        with self.assertRaises(TypeError):
            gavel.Policy()

    def test_version(self):
        self.assertRegex(gavel.version(), r"^\d+\.\d+\.\d+")


class Deciding(unittest.TestCase):
    policy = None

    @classmethod
    def setUpClass(cls):
        cls.policy = gavel.load(FLEXIS)

    def test_a_dict_and_a_json_string_decide_the_same(self):
        decision = self.policy.decide(ALLOWED)
        self.assertEqual(decision["decision"], "allow")
        self.assertEqual(decision, self.policy.decide(json.dumps(ALLOWED)))
        self.assertNotIn("trace", decision)

    def test_trace_and_explain(self):
        decision = self.policy.decide(WITHDRAWN, trace=True, explain=True)
        self.assertEqual(decision["decision"], "deny")
        self.assertTrue(decision["trace"])
        self.assertIsInstance(decision["explanation"], str)

    def test_a_malformed_request_raises_request_error(self):
        with self.assertRaises(gavel.RequestError) as caught:
            self.policy.decide({"action": "use", "purpose": "newsleter", "data": ["identity"], "at": "2026-11-26"})
        e = caught.exception
        self.assertEqual((e.field, e.message, e.help, e.code),
                         ("purpose", "unknown purpose `newsleter`", "did you mean `newsletter`?",
                          "request.unknown_purpose"))
        self.assertIsInstance(e, ValueError)
        with self.assertRaises(gavel.RequestError) as caught:
            self.policy.decide("{")
        self.assertEqual(caught.exception.code, "request.invalid_json")
        self.assertEqual(caught.exception.field, "")
        with self.assertRaises(gavel.RequestError) as caught:
            self.policy.decide("x" * (1 << 20))
        self.assertEqual(caught.exception.code, "request.too_large")

    def test_a_request_of_another_type_is_a_type_error(self):
        with self.assertRaises(TypeError):
            self.policy.decide(42)

    def test_why_not(self):
        answer = self.policy.why_not(WITHDRAWN)
        self.assertIsInstance(answer, dict)
        self.assertIn("possible", answer)
        self.assertIn("ways", answer)
        self.assertIsNone(self.policy.why_not(ALLOWED))
        with self.assertRaises(gavel.RequestError):
            self.policy.why_not({"action": "use"})

    def test_one_policy_shared_by_threads(self):
        requests = [ALLOWED, WITHDRAWN] * 20
        expected = [self.policy.decide_json(r, trace=True) for r in requests]
        results = {}

        def work(n):
            results[n] = [self.policy.decide_json(r, trace=True) for r in requests]

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), 4)
        for got in results.values():
            self.assertEqual(got, expected)


class SameAsTheCommandLine(unittest.TestCase):
    def test_generated_traffic_decides_as_gavel_decide_batch(self):
        for rules in ("flexis.gavel", "tilleuls.gavel", "valsaone.gavel"):
            path = ROOT / "rules" / rules
            with tempfile.TemporaryDirectory() as folder:
                traffic = pathlib.Path(folder) / "traffic.jsonl"
                subprocess.run([PROGRAM, "generate", "--count", "500", "--seed", "7", "--policy", str(path),
                                "--output", str(traffic)], check=True)
                batch = subprocess.run([PROGRAM, "decide", str(path), "--batch", str(traffic)],
                                       capture_output=True, text=True)
                requests = traffic.read_text().splitlines()
            self.assertIn(batch.returncode, (0, 2), batch.stderr)
            expected = batch.stdout.splitlines()
            self.assertEqual(len(requests), 500)
            policy = gavel.load(path)
            got = []
            for request in requests:
                try:
                    got.append(policy.decide_json(request))
                except gavel.RequestError as e:
                    got.append(e.code)
            self.assertEqual(got, expected, rules)


if __name__ == "__main__":
    unittest.main()
