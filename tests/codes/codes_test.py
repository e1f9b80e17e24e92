"""The stable error codes: the table in grammar/codes.hpp, the page docs/errors.md and the
sources agree. Every code of the table is reported somewhere (`Code::name` in a source file
other than the table), and the page lists exactly the table's codes, each once."""
import json
import os
import pathlib
import re
import subprocess
import sys
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def table():
    text = (ROOT / "grammar/codes.hpp").read_text().replace("\\\n", " ")
    entries = re.findall(r'\bX\((\w+),\s*"([^"]*)",', text)
    return [(ident, code) for ident, code in entries if ident not in ("identifier", "none")]


class Codes(unittest.TestCase):
    def test_codes_are_unique_and_well_formed(self):
        codes = [code for _, code in table()]
        self.assertGreater(len(codes), 50)
        self.assertEqual(len(codes), len(set(codes)), "a code given twice")
        for ident, code in table():
            self.assertRegex(code, r"^(file|syntax|check|request)\.[a-z_]+$")
            self.assertEqual(ident, code.replace(".", "_"), "the identifier is the code with `_` for `.`")

    def test_every_code_is_reported_somewhere(self):
        sources = ""
        for folder in ("grammar", "engine", "cli", "service", "playground"):
            for path in (ROOT / folder).rglob("*"):
                if path.suffix in (".cpp", ".hpp") and path.name != "codes.hpp":
                    sources += path.read_text(errors="replace")
        used = set(re.findall(r"Code::(\w+)", sources))
        unused = [code for ident, code in table() if ident not in used]
        self.assertEqual(unused, [], "codes in the table that nothing reports")

    def test_the_page_lists_exactly_the_table(self):
        page = (ROOT / "docs/errors.md").read_text()
        section = page.split("<!-- codes: grammar/codes.hpp -->")[1].split("<!-- end codes -->")[0]
        listed = re.findall(r"^\| `([a-z_.]+)` \|", section, re.M)
        self.assertEqual(len(listed), len(set(listed)), "a code listed twice in docs/errors.md")
        self.assertEqual(sorted(listed), sorted(code for _, code in table()))

    def test_every_diagnostic_of_the_corpus_carries_a_code_of_the_table(self):
        program = os.environ.get("GAVEL_PROGRAM")
        if not program:
            self.skipTest("GAVEL_PROGRAM is not set")
        files = sorted(str(p) for p in (ROOT / "tests" / "corpus").rglob("*.gavel"))
        self.assertGreater(len(files), 20)
        out = subprocess.run([program, "check", "--format", "json", *files], capture_output=True, text=True).stdout
        codes = {code for _, code in table()}
        seen = set()
        for document in json.loads(out)["files"]:
            for d in document["diagnostics"]:
                self.assertIn(d["code"], codes, f"{document['file']}:{d['line']}: {d['message']}")
                seen.add(d["code"])
        self.assertGreater(len(seen), 20, "the corpus reports many kinds of error")


if __name__ == "__main__":
    unittest.main()
