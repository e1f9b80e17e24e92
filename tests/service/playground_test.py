"""The playground's API and page in `gavel serve`, against the REPL's answers.

    python3 playground_test.py GAVEL ROOT TEST

runs one test (its name, a function below without `test_`), from the source tree ROOT."""
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile

from harness import Server

GAVEL, ROOT = sys.argv[1], sys.argv[2]
POLICY = os.path.join(ROOT, "rules/flexis.gavel")
WALKTHROUGH = os.path.join(ROOT, "tests/playground/sessions/walkthrough.expected")

with open(POLICY) as f:
    FLEXIS = f.read()

TODAY = "2026-11-26"
Q_NEWSLETTER = {"action": "communicate", "data": ["identity", "contact_details"], "purpose": "newsletter",
                "recipient": None, "country": None}
Q_ERASURE = {"action": "request", "right": "erasure", "purpose": "newsletter", "received": None}


def state(consent=None, questions=(Q_NEWSLETTER,), dates=None):
    subject = {}
    if consent:
        subject["consent"] = consent
    subject["dates"] = dates if dates is not None else {"last_contact": "2025-05-01"}
    return {"today": TODAY, "subject": subject, "context": {}, "questions": list(questions)}


GIVEN = {"newsletter": {"given": "2024-01-10"}}
WITHDRAWN = {"newsletter": {"given": "2024-01-10", "withdrawn": "2026-03-01"}}


def post(server, endpoint, body):
    text = body if isinstance(body, str) else json.dumps(body)
    status, headers, data = server.request("POST", "/v1/playground/" + endpoint, text)
    return status, headers, data


def post_json(server, endpoint, body, expect=200):
    status, headers, data = post(server, endpoint, body)
    assert status == expect, (endpoint, status, data)
    return json.loads(data)


def assert_refused(server, endpoint, body, status, field=None):
    got, _, data = post(server, endpoint, body)
    assert got == status, (endpoint, got, data)
    answer = json.loads(data)
    assert set(answer) <= {"error", "diagnostics"}, answer
    assert answer["error"]["message"], answer
    assert "decision" not in data and "answers" not in answer, answer
    if field is not None:
        assert answer["error"]["field"] == field, (field, answer)
    return answer


def walkthrough_lines():
    """The REPL's lines of the README walkthrough, by the command they answer."""
    lines, answers, command = open(WALKTHROUGH).read().splitlines(), {}, None
    for line in lines:
        if line.startswith("> "):
            command = line[2:]
            answers[command] = []
        elif command:
            answers[command].append(line)
    return answers


def schema_errors(spec, schema, value, path="$"):
    """Why `value` does not fit `schema` of /openapi.json ($ref, oneOf, type, properties,
    required, additionalProperties, items, maxItems, maxLength, minimum, enum)."""
    if "$ref" in schema:
        target = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return schema_errors(spec, target, value, path)
    if "oneOf" in schema:
        fits = [s for s in schema["oneOf"] if not schema_errors(spec, s, value, path)]
        return [] if len(fits) == 1 else [f"{path}: fits {len(fits)} of oneOf"]
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        def fits(t):
            if t == "integer":
                return isinstance(value, int) and not isinstance(value, bool)
            if t == "number":
                return isinstance(value, (int, float)) and not isinstance(value, bool)
            return isinstance(value, kinds[t]) and (t == "boolean" or not isinstance(value, bool))
        if not any(fits(t) for t in types):
            return [f"{path}: {value!r:.80} is not {types}"]
    out = []
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, str) and len(value) > schema.get("maxLength", len(value)):
        out.append(f"{path}: longer than {schema['maxLength']}")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        out.append(f"{path}: below {schema['minimum']}")
    if isinstance(value, dict):
        out += [f"{path}: `{k}` is missing" for k in schema.get("required", []) if k not in value]
        for k, v in value.items():
            if k in schema.get("properties", {}):
                out += schema_errors(spec, schema["properties"][k], v, f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{path}: `{k}` is not allowed")
    if isinstance(value, list):
        if len(value) > schema.get("maxItems", len(value)):
            out.append(f"{path}: more than {schema['maxItems']} items")
        if "items" in schema:
            for i, v in enumerate(value):
                out += schema_errors(spec, schema["items"], v, f"{path}[{i}]")
    return out


def assert_fits(server, path, status, answer):
    """`answer` fits what /openapi.json says `POST path` answers with `status`."""
    _, _, spec = server.json("GET", "/openapi.json")
    operation = spec["paths"][path]["post" if "post" in spec["paths"][path] else "get"]
    response = operation["responses"][str(status)]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    schema = response["content"]["application/json"]["schema"]
    problems = schema_errors(spec, schema, answer)
    assert problems == [], (path, problems[:5])


def test_check_gives_diagnostics_at_line_and_column():
    with Server(GAVEL, POLICY) as server:
        good = post_json(server, "check", {"policy": FLEXIS, "name": "flexis.gavel"})
        assert good["ok"] is True and good["diagnostics"] == [], good["diagnostics"]
        vocabulary = good["vocabulary"]
        assert "newsletter" in [p["name"] for p in vocabulary["purposes"]], vocabulary
        for key in ("categories", "dates", "groups", "recipients", "country_lists", "home", "rules", "actions",
                    "rights", "bases", "context_facts", "asserted_facts", "recorded_facts"):
            assert key in vocabulary, key
        # A typo: `newsleter` where a purpose is named.
        lines = FLEXIS.splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if "purpose newsletter" in line and not line.lstrip().startswith("//"))
        column = lines[at].index("newsletter") + 1
        typo = "".join(lines[:at] + [lines[at].replace("newsletter", "newsleter", 1)] + lines[at + 1:])
        assert_fits(server, "/v1/playground/check", 200, good)
        bad = post_json(server, "check", {"policy": typo, "name": "flexis.gavel"})
        assert_fits(server, "/v1/playground/check", 200, bad)
        assert bad["ok"] is False and bad["vocabulary"] is None, bad
        errors = [d for d in bad["diagnostics"] if d["severity"] == "error"]
        assert errors, bad
        report = bad["report"]
        assert "error" in report and "flexis.gavel:" in report, report
        first = errors[0]
        for key in ("code", "line", "column", "end_line", "end_column", "message", "help"):
            assert key in first, (key, first)
        print("first diagnostic:", first)
        # The typo declares `newsleter`; the first error is where `newsletter` is then named,
        # or at the typo itself: a line and column that point into the text.
        assert 1 <= first["line"] <= len(lines) and first["column"] >= 1, first
        assert any(d["line"] == at + 1 and d["column"] == column for d in bad["diagnostics"]) or \
            any("newsletter" in d["message"] or "newsleter" in d["message"] for d in errors), bad["diagnostics"]
        # A syntax error: the line and column of the mistake.
        broken = FLEXIS + "\nrule broken-rule {\n"
        syntax = post_json(server, "check", {"policy": broken})
        assert syntax["ok"] is False
        assert syntax["diagnostics"][0]["line"] >= len(lines), syntax["diagnostics"]


def test_policy_typo_in_a_name_gives_its_line_and_column():
    # A group naming `newsleter`, a purpose the policy does not declare: the diagnostic is at
    # that word, with the name it likely meant.
    lines = FLEXIS.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == "prospecting, newsletter")
    lines[at] = lines[at].replace("newsletter", "newsleter")
    text = "".join(lines)
    with Server(GAVEL, POLICY) as server:
        answer = post_json(server, "check", {"policy": text, "name": "flexis.gavel"})
        assert answer["ok"] is False
        hits = [d for d in answer["diagnostics"] if d["line"] == at + 1]
        assert hits, (at + 1, answer["diagnostics"])
        assert hits[0]["column"] == lines[at].index("newsleter") + 1, hits[0]
        assert hits[0]["end_column"] == hits[0]["column"] + len("newsleter"), hits[0]
        assert hits[0]["severity"] == "error" and hits[0]["code"] == "check.unknown_name", hits[0]
        assert "`newsletter`" in hits[0]["help"], hits[0]
        assert "flexis.gavel:{}:{}".format(at + 1, hits[0]["column"]) in answer["report"], answer["report"]
        # The other endpoints refuse to decide with it: 422 with the diagnostics.
        refused = assert_refused(server, "ask", {"policy": text, "state": state(GIVEN)}, 422, "policy")
        assert any(d["line"] == at + 1 for d in refused["diagnostics"]), refused
        assert_fits(server, "/v1/playground/ask", 422, refused)


def test_the_walkthrough_through_the_api_gives_the_repls_answers():
    repl = walkthrough_lines()
    with Server(GAVEL, POLICY) as server:
        def ask(s):
            return post_json(server, "ask", {"policy": FLEXIS, "name": "rules/flexis.gavel", "state": s})["answers"]

        # may communicate identity, contact_details for newsletter?
        first = ask(state(GIVEN))[0]
        assert first["label"] == "q1 may communicate identity, contact_details for newsletter?", first
        assert "q1 " + first["reason"] == repl["may communicate identity, contact_details for newsletter?"][0]
        assert first["decision"]["decision"] == "allow" and first["allowed"] is True
        assert first["request"]["at"] == TODAY and first["explanation"].startswith("Allowed"), first
        # consent withdrawn newsletter 2026-03-01: q1 flips.
        withdrawn = ask(state(WITHDRAWN))[0]
        assert "  q1 now " + withdrawn["reason"] == repl["consent withdrawn newsletter 2026-03-01"][1]
        # why: the explanation is the REPL's prose.
        assert withdrawn["explanation"].rstrip("\n").splitlines() == repl["why"], withdrawn["explanation"]
        # why not: the way, and its state, which what-if turns into an allow.
        why_not = post_json(server, "why-not", {"policy": FLEXIS, "name": "rules/flexis.gavel", "state": state(WITHDRAWN),
                                                "question": 0})
        assert why_not["allowed"] is False
        assert why_not["reason"] == repl["why not"][0][len("q1 "):]
        prose = why_not["explanation"].rstrip("\n").splitlines()
        assert prose == repl["why not"][1:-1], prose
        way = why_not["ways"][0]
        assert [c["command"] for c in way["changes"]] == ["consent given newsletter 2026-11-26"], way
        assert repl["why not"][-1] == "Try it: `what if {}`".format(way["change"])
        changed = way["state"]
        assert changed["subject"]["consent"]["newsletter"]["given"] == TODAY, changed
        what_if = post_json(server, "what-if", {"policy": FLEXIS, "state": state(WITHDRAWN), "changed": changed})
        row = what_if["rows"][0]
        assert (row["now"], row["then"]) == ("deny", "allow"), row
        table = repl["what if consent given newsletter 2026-11-26"]
        assert what_if["table"].rstrip("\n").splitlines() == table[1:], what_if["table"]
        assert table[2].endswith(row["note"]) and "newsletter.consent" in row["note"], row
        assert way["then"] == row["note"], (way["then"], row["note"])
        # The same what-if written as the REPL's command.
        by_command = post_json(server, "what-if", {"policy": FLEXIS, "state": state(WITHDRAWN),
                                                   "change": "consent given newsletter 2026-11-26"})
        assert by_command["rows"] == what_if["rows"] and by_command["changed"] == changed, by_command
        # request erasure for newsletter
        both = ask(state(WITHDRAWN, [Q_NEWSLETTER, Q_ERASURE]))
        assert "q2 " + both[1]["reason"] == repl["request erasure for newsletter"][0], both[1]
        # The trace on demand.
        traced = post_json(server, "ask", {"policy": FLEXIS, "state": state(GIVEN), "trace": True})["answers"][0]
        assert traced["decision"]["trace"], traced
        assert "trace" not in first["decision"], first
        # Every answer is the shape /openapi.json says, the states it gives included.
        assert_fits(server, "/v1/playground/ask", 200, {"answers": both + [traced]})
        assert_fits(server, "/v1/playground/why-not", 200, why_not)
        assert_fits(server, "/v1/playground/what-if", 200, what_if)
        assert_fits(server, "/v1/playground/what-if", 200, by_command)
        assert schema_errors(server.json("GET", "/openapi.json")[2],
                             {"$ref": "#/components/schemas/PlaygroundState"}, changed) == []


def test_the_scenario_replays_with_gavel_test():
    with Server(GAVEL, POLICY) as server:
        s = state(WITHDRAWN, [Q_NEWSLETTER, Q_ERASURE])
        status, headers, text = post(server, "scenario", {"policy": FLEXIS, "policy_file": POLICY, "state": s})
        assert status == 200, (status, text)
        assert headers["content-disposition"] == 'attachment; filename="scenario.json"', headers
        scenario = json.loads(text)
        assert len(scenario["cases"]) == 2, scenario
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, "scenario.json")
            with open(path, "w") as f:
                f.write(text)
            out = subprocess.run([GAVEL, "test", path], capture_output=True, text=True, timeout=60)
            assert out.returncode == 0, out.stdout + out.stderr
            assert "2 passed, 0 failed" in out.stdout, out.stdout


def test_malformed_bodies_and_states_are_refused():
    good = {"policy": FLEXIS, "state": state(GIVEN)}
    with Server(GAVEL, POLICY) as server:
        assert_refused(server, "ask", "not json", 400, "")
        assert_refused(server, "ask", "[1]", 400, "")
        assert_refused(server, "ask", {"state": state(GIVEN)}, 400, "policy")
        assert_refused(server, "ask", {"policy": 7, "state": state(GIVEN)}, 400, "policy")
        assert_refused(server, "ask", {**good, "extra": 1}, 400, "extra")
        assert_refused(server, "ask", {"policy": FLEXIS}, 400, "state")
        assert_refused(server, "ask", {**good, "trace": "yes"}, 400, "trace")
        bad = state(GIVEN, [dict(Q_NEWSLETTER, data=["identity", 5])])
        refused = assert_refused(server, "ask", {"policy": FLEXIS, "state": bad}, 400, "state.questions[0].data[1]")
        assert_fits(server, "/v1/playground/ask", 400, refused)
        bad = state({"newsletter": {"given": 20240110}})
        assert_refused(server, "ask", {"policy": FLEXIS, "state": bad}, 400, "state.subject.consent.newsletter.given")
        assert_refused(server, "ask", {"policy": FLEXIS, "state": dict(state(GIVEN), today="tomorrow")}, 400,
                       "state.today")
        assert_refused(server, "ask", {"policy": FLEXIS, "state": dict(state(GIVEN), questions=[{}] * 201)}, 400,
                       "state.questions")
        assert_refused(server, "why-not", {**good, "question": 3}, 400, "question")
        assert_refused(server, "why-not", {**good, "question": "q1"}, 400, "question")
        assert_refused(server, "what-if", good, 400, "changed")
        assert_refused(server, "what-if", {**good, "changed": state(GIVEN), "change": "unlawful"}, 400, "change")
        assert_refused(server, "what-if", {**good, "change": "consent given newsleter 2026-01-01"}, 400, "change")
        assert_refused(server, "what-if", {**good, "changed": state(GIVEN, [])}, 400, "changed.questions")
        assert_refused(server, "what-if", {**good, "changed": {"today": 1}}, 400, "changed.today")
        assert_refused(server, "scenario", {"policy": FLEXIS, "state": state(GIVEN, [])}, 400, "state.questions")
        # Over the bounds: a policy over 1 MiB, a body over 2 MiB.
        assert_refused(server, "check", {"policy": "// x\n" * (1 << 18)}, 413, "policy")
        status, _, data = post(server, "check", {"policy": "x" * (3 << 20)})
        assert status == 413, (status, data)
        # Not JSON by its type: what a page of another site can post without asking is refused.
        for kind in ("text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data"):
            status, _, data = server.request("POST", "/v1/playground/ask", json.dumps(good),
                                             headers={"Content-Type": kind})
            assert status == 415 and "not JSON" in json.loads(data)["error"]["message"], (kind, status, data)
            assert_fits(server, "/v1/playground/ask", 415, json.loads(data))
        status, _, data = server.request("POST", "/v1/playground/check", json.dumps({"policy": FLEXIS}),
                                         headers={"Content-Type": "application/json; charset=utf-8"})
        assert status == 200, (status, data)
        # Not the method: 405 with Allow.
        status, headers, _ = server.request("GET", "/v1/playground/ask")
        assert status == 405 and headers["allow"] == "POST", (status, headers)
        status, _, _ = server.request("POST", "/v1/playground/nothing", "{}")
        assert status == 404
        # A name the policy does not declare is the request reader's refusal for that question.
        unknown = post_json(server, "ask", {"policy": FLEXIS, "state": state(GIVEN, [dict(Q_NEWSLETTER, purpose="newsleter")])})
        assert_fits(server, "/v1/playground/ask", 200, unknown)
        answer = unknown["answers"][0]
        assert "error" in answer and "decision" not in answer and answer["error"]["field"] == "purpose", answer
        # The service still answers.
        assert post_json(server, "ask", good)["answers"][0]["allowed"] is True


def test_a_policy_text_is_compiled_once():
    with Server(GAVEL, POLICY) as server:
        before = server.metrics()
        for _ in range(3):
            post_json(server, "ask", {"policy": FLEXIS, "state": state(GIVEN)})
        after = server.metrics()
        compiled = after["gavel_playground_policies_compiled_total"] - before.get("gavel_playground_policies_compiled_total", 0)
        reused = after["gavel_playground_policies_reused_total"] - before.get("gavel_playground_policies_reused_total", 0)
        assert (compiled, reused) == (1, 2), (compiled, reused)
        post_json(server, "ask", {"policy": FLEXIS + "\n", "state": state(GIVEN)})
        assert server.metrics()["gavel_playground_policies_compiled_total"] == after["gavel_playground_policies_compiled_total"] + 1


def test_policies_are_the_served_and_the_bundled():
    with Server(GAVEL, POLICY) as server:
        status, _, answer = server.json("GET", "/v1/playground/policies")
        assert status == 200
        assert answer["served"]["name"] == "flexis.gavel" and answer["served"]["text"] == FLEXIS, answer["served"]["name"]
        bundled = {p["name"]: p for p in answer["bundled"]}
        assert {"flexis.gavel", "tilleuls.gavel", "valsaone.gavel"} <= set(bundled), list(bundled)
        assert bundled["flexis.gavel"]["text"] == FLEXIS
        assert bundled["flexis.gavel"]["title"] == "FLEXIS privacy policy", bundled["flexis.gavel"]["title"]
        for p in bundled.values():
            assert post_json(server, "check", {"policy": p["text"], "name": p["name"]})["ok"] is True, p["name"]


def test_the_page_is_served_with_strict_headers():
    with Server(GAVEL, POLICY) as server:
        status, headers, body = server.request("GET", "/")
        assert status == 200, status
        assert headers["content-type"] == "text/html; charset=utf-8", headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["content-security-policy"].startswith("default-src 'self'"), headers
        assert "cache-control" in headers
        assert "<html" in body.lower()
        # Every asset the page names is served, and nothing from elsewhere.
        for ref in re.findall(r'(?:src|href)="([^"]+)"', body):
            assert not re.match(r"^(https?:)?//", ref), ref
            if ref.startswith("#"):
                continue  # a place in the page
            status, headers, _ = server.request("GET", "/" + ref.lstrip("./"))
            assert status == 200, (ref, status)
            assert headers["x-content-type-options"] == "nosniff"
        # The icon every browser asks for: none, without an error the page would report.
        status, _, body = server.request("GET", "/favicon.ico")
        assert status == 204 and body == "", (status, body)
        status, _, _ = server.request("GET", "/assets/nothing.js")
        assert status == 404
        status, _, _ = server.request("GET", "/assets/../index.html")
        assert status == 404
        status, headers, _ = server.request("POST", "/", "{}")
        assert status == 405 and headers["allow"] == "GET, HEAD", (status, headers)
        # HEAD: the GET's headers and no body, so that the next answer on the connection is read
        # as it is (raw: http.client would skip a body it does not expect).
        with socket.create_connection((server.host, server.port), timeout=30) as raw:
            raw.sendall(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            data = b""
            while data.count(b"HTTP/1.1 ") < 2 or not data.endswith(b'{"status":"ok"}'):
                chunk = raw.recv(65536)
                assert chunk, data
                data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200") and b"Content-Length: " in head, head
        assert rest.startswith(b"HTTP/1.1 200"), rest[:80]
        status, _, doc = server.json("GET", "/openapi.json")
        for path in ("/", "/v1/playground/policies", "/v1/playground/check", "/v1/playground/ask",
                     "/v1/playground/why-not", "/v1/playground/what-if", "/v1/playground/scenario"):
            assert path in doc["paths"], path


def test_gavel_playground_prints_its_address_and_serves_the_page():
    proc = subprocess.Popen([GAVEL, "playground", POLICY], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "no address within 30 s"
        line = proc.stdout.readline().decode().strip()
        match = re.fullmatch(r"playground: http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=30)
        conn.request("GET", "/")
        response = conn.getresponse()
        assert response.status == 200 and b"<html" in response.read().lower()
        conn.close()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


if __name__ == "__main__":
    globals()["test_" + sys.argv[3]]()
    print("ok")
