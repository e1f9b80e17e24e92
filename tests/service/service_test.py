"""gavel serve over HTTP, against the command line and the bounds it promises.

    python3 service_test.py GAVEL ROOT TEST

runs one test (its name, a function below without `test_`), from the source tree ROOT."""
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

from harness import Server, wait_until
from json_schema import errors

GAVEL, ROOT = sys.argv[1], sys.argv[2]
POLICY = os.path.join(ROOT, "rules/flexis.gavel")
EXAMPLE = os.path.join(ROOT, "examples/requests/newsletter-allowed.json")


def example_text(name="newsletter-allowed"):
    with open(os.path.join(ROOT, "examples/requests", name + ".json")) as f:
        return f.read()


def cli(*args, stdin=None):
    return subprocess.run([GAVEL, *args], input=stdin, capture_output=True, text=True, timeout=120, cwd=ROOT)


def generated(count=300, seed=7):
    out = cli("generate", "--count", str(count), "--seed", str(seed))
    assert out.returncode == 0, out.stderr
    return [line for line in out.stdout.splitlines() if line]


def cli_batch(lines, *flags):
    out = cli("decide", POLICY, "--batch", "-", *flags, stdin="\n".join(lines) + "\n")
    return out.stdout.splitlines()


def assert_error(status, data, expected):
    assert status == expected, (status, data)
    body = json.loads(data)
    assert set(body) == {"error"}, body
    assert body["error"]["message"], body


def test_answers_equal_the_cli():
    requests = generated()
    expected = cli_batch(requests)
    expected_trace = cli_batch(requests, "--trace")
    assert len(expected) == len(requests) == 300
    with Server(GAVEL, POLICY) as server:
        # Every answer is of the shape /openapi.json states.
        schemas = server.json("GET", "/openapi.json")[2]["components"]["schemas"]
        for answer in expected + expected_trace:
            body = json.loads(answer)
            assert errors(schemas["Error" if "error" in body else "Decision"], body) == [], answer
        assert {json.loads(a)["decision"] for a in expected if '"decision"' in a} == {"allow", "deny"}
        conn = server.connection()  # one kept-alive connection for all of them
        for i, (request, answer) in enumerate(zip(requests, expected)):
            status, _, data = server.request("POST", "/v1/decide", request, connection=conn)
            assert data == answer, (i, request, data, answer)
            assert status == (400 if answer.startswith('{"error"') else 200), (i, status)
        for request, answer in list(zip(requests, expected_trace))[:50]:
            status, _, data = server.request("POST", "/v1/decide?trace=true", request, connection=conn)
            assert data == answer, (request, data, answer)
        conn.close()
        # The batch endpoint, as JSON lines and as a JSON array.
        status, headers, data = server.request("POST", "/v1/decide/batch", "\n".join(requests) + "\n",
                                               {"Content-Type": "application/x-ndjson"})
        assert status == 200 and headers["content-type"] == "application/x-ndjson", (status, headers)
        assert data.splitlines() == expected
        status, headers, data = server.request("POST", "/v1/decide/batch", "[" + ",".join(requests) + "]")
        assert status == 200 and headers["content-type"] == "application/json"
        assert json.loads(data) == [json.loads(line) for line in expected]
        status, _, data = server.request("POST", "/v1/decide/batch?trace=true", "\n".join(requests[:20]))
        assert data.splitlines() == expected_trace[:20]
        assert server.stop() == 0


def test_explain_is_the_cli_prose():
    with Server(GAVEL, POLICY) as server:
        status, _, body = server.json("POST", "/v1/decide?explain=true", example_text())
        assert status == 200
        assert errors(server.json("GET", "/openapi.json")[2]["components"]["schemas"]["Decision"], body) == []
        prose = cli("decide", POLICY, EXAMPLE, "--explain").stdout.strip()
        assert body["explanation"].strip() == prose, (body["explanation"], prose)


def test_malformed_requests_get_a_4xx_and_an_error():
    good = example_text()
    cases = [
        ("not JSON", "POST", "/v1/decide", "{not json", {}, 400),
        ("duplicate key", "POST", "/v1/decide", good.replace('"action": "communicate",',
                                                             '"action": "communicate", "action": "use",'), {}, 400),
        ("unknown field", "POST", "/v1/decide", good.replace('"action"', '"actoin": 1, "action"', 1), {}, 400),
        ("an array, not an object", "POST", "/v1/decide", "[]", {}, 400),
        ("empty body", "POST", "/v1/decide", "", {}, 400),
        ("too large", "POST", "/v1/decide", "{" + " " * (64 * 1024) + "}", {}, 413),
        ("wrong content type", "POST", "/v1/decide", good, {"Content-Type": "text/plain"}, 415),
        ("wrong method", "GET", "/v1/decide", None, {}, 405),
        ("wrong method on a GET endpoint", "DELETE", "/v1/policy", None, {}, 405),
        ("unknown path", "GET", "/v2/decide", None, {}, 404),
        ("unknown query parameter", "POST", "/v1/decide?verbose=true", good, {}, 400),
        ("bad query value", "POST", "/v1/decide?trace=yes", good, {}, 400),
        ("query parameter twice", "POST", "/v1/decide?trace=true&trace=false", good, {}, 400),
        ("query on a GET endpoint", "GET", "/healthz?x=1", None, {}, 400),
        ("batch: broken array", "POST", "/v1/decide/batch", "[" + good + ",", {}, 400),
        ("batch: more requests than the bound", "POST", "/v1/decide/batch", "{}\n" * 10001, {}, 413),
        ("batch: wrong content type", "POST", "/v1/decide/batch", good, {"Content-Type": "text/csv"}, 415),
    ]
    with Server(GAVEL, POLICY) as server:
        for name, method, path, body, headers, expected in cases:
            status, hdrs, data = server.request(method, path, body, headers)
            assert status == expected, (name, status, data)
            assert_error(status, data, expected)
            assert "gavel-policy-revision" in hdrs, name
        # A malformed batch item gets its error in its place; the others are decided.
        status, _, data = server.request("POST", "/v1/decide/batch", "[" + good + ',{"x":1},' + good + "]")
        answers = json.loads(data)
        assert status == 200 and len(answers) == 3
        assert "decision" in answers[0] and "error" in answers[1] and "decision" in answers[2], answers
        # Not HTTP, and a header over the bound: 400 and 431, with an error object.
        for raw, expected in [(b"GARBAGE\r\n\r\n", 400),
                              (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 431),
                              (b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n", 400),
                              (b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                               b"11172\r\n{" + b" " * 70000 + b"}\r\n0\r\n\r\n", 413),
                              # Bytes that are not UTF-8, quoted in the error, still make JSON.
                              (b"GET /v1/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n", 404),
                              (b"POST /v1/decide?\xc3=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}", 400),
                              # Refused from its Content-Length alone, before a byte of the body.
                              (b"POST /v1/decide/batch HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
                               % ((8 << 20) + 1), 413)]:
            with socket.create_connection((server.host, server.port), timeout=30) as s:
                s.sendall(raw)
                reply = b""
                for _ in range(1000):
                    if b"\r\n\r\n" in reply and reply.rstrip().endswith(b"}"):
                        break
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    reply += chunk
            head, _, body = reply.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 %d" % expected), (raw[:40], reply[:200])
            assert "error" in json.loads(body), reply
        assert server.request("GET", "/healthz")[0] == 200  # still serving
        assert server.stop() == 0


def test_garbage_never_crashes_the_service():
    import random
    rng = random.Random(13)
    body = example_text().encode()
    valid = (b"POST /v1/decide?trace=true HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             b"X-Request-Id: r\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    with Server(GAVEL, POLICY) as server:
        for case in range(300):
            if case % 3 == 0:
                raw = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
            else:
                raw = bytearray(valid)
                for _ in range(rng.randrange(1, 6)):
                    raw[rng.randrange(len(raw))] = rng.randrange(256)
                raw = bytes(raw[: rng.randrange(1, len(raw) + 1)]) if case % 3 == 2 else bytes(raw)
            with socket.create_connection((server.host, server.port), timeout=30) as s:
                s.sendall(raw)
                s.shutdown(socket.SHUT_WR)
                reply = b""
                try:
                    for _ in range(1000):
                        chunk = s.recv(65536)
                        if not chunk:
                            break
                        reply += chunk
                except ConnectionResetError:
                    pass
            if reply:
                status = int(reply[9:12])
                assert status == 200 or 400 <= status < 500, (raw, reply[:300])
                head, _, rest = reply.partition(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
                answer = json.loads(rest[:length])  # JSON, whatever bytes the request had (the first answer)
                assert status == 200 or "error" in answer, (raw, reply[:300])
            assert server.proc.poll() is None, (raw, server.stderr())
        assert server.request("GET", "/healthz")[0] == 200
        assert server.stop() == 0


def test_headers_request_id_and_revision():
    with open(POLICY, "rb") as f:
        revision = hashlib.sha256(f.read()).hexdigest()
    with Server(GAVEL, POLICY) as server:
        for method, path, body in [("POST", "/v1/decide", example_text()), ("GET", "/healthz", None),
                                   ("GET", "/nowhere", None), ("GET", "/metrics", None)]:
            status, headers, _ = server.request(method, path, body, {"X-Request-Id": "abc-123"})
            assert headers["x-request-id"] == "abc-123", (path, headers)
            assert headers["gavel-policy-revision"] == revision, (path, headers)
            _, headers, _ = server.request(method, path, body)
            assert headers["x-request-id"], headers
        # A refusal on a kept-alive connection does not echo the previous request's id.
        with socket.create_connection((server.host, server.port), timeout=30) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: first\r\n\r\n"
                      b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n")
            reply = b""
            for _ in range(1000):
                chunk = s.recv(65536)
                if not chunk:
                    break
                reply += chunk
        assert reply.count(b"X-Request-Id: first") == 1 and b"HTTP/1.1 431" in reply, reply
        ids = {server.request("GET", "/healthz")[1]["x-request-id"] for _ in range(5)}
        assert len(ids) == 5, ids
        status, _, policy = server.json("GET", "/v1/policy")
        assert status == 200 and policy["revision"] == revision and policy["file"] == POLICY
        assert policy["last_failed_reload"] is None and policy["loaded_at"].endswith("Z")
        assert server.json("GET", "/healthz")[2] == {"status": "ok"}
        assert server.json("GET", "/readyz")[2] == {"status": "ready"}
        status, _, spec = server.json("GET", "/openapi.json")
        assert status == 200 and spec["openapi"].startswith("3.1")
        assert spec["components"]["schemas"]["Request"]["additionalProperties"] is False


def test_schema_accepts_the_examples():
    with Server(GAVEL, POLICY) as server:
        status, _, spec = server.json("GET", "/openapi.json")
    assert status == 200
    schema = spec["components"]["schemas"]["Request"]
    names = sorted(n[:-5] for n in os.listdir(os.path.join(ROOT, "examples/requests")) if n.endswith(".json"))
    assert len(names) >= 10
    for name in names:
        assert errors(schema, json.loads(example_text(name))) == [], name
    for line in generated(50, 11):
        assert errors(schema, json.loads(line)) == [], line
    # And it refuses what the contract refuses, at any depth.
    good = json.loads(example_text())
    bad = [dict(good, actoin="use"), {k: v for k, v in good.items() if k != "at"}, dict(good, at="26/11/2026"),
           dict(good, data="identity"), dict(good, subject=dict(good["subject"], mood="fine")),
           dict(good, subject={"consent": {"newsletter": {"withdrawn": None}}}),
           dict(good, subject={"objections": [{"to": "x", "at": "2026-01-01", "why": "no"}]}),
           dict(good, context={"legal_claims": "yes"}), dict(good, recipient=None)]
    for request in bad[:-1]:
        assert errors(schema, request), request
    assert errors(schema, bad[-1]) == []  # recipient is nullable


def test_metrics_counters_move():
    with Server(GAVEL, POLICY) as server:
        before = server.metrics()
        assert server.request("POST", "/v1/decide", example_text())[0] == 200
        assert server.request("POST", "/v1/decide", example_text("unknown-purpose"))[0] in (200, 400)
        assert server.request("POST", "/v1/decide", example_text("newsletter-consent-withdrawn"))[0] == 200
        assert server.request("POST", "/v1/decide", "{")[0] == 400
        assert server.request("GET", "/nowhere")[0] == 404
        after = server.metrics()
        moved = {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)}
        assert moved['gavel_decisions_total{outcome="allow"}'] >= 1, moved
        assert moved['gavel_decisions_total{outcome="deny"}'] >= 1, moved
        assert moved['gavel_refused_requests_total{reason="malformed_request"}'] >= 2, moved
        assert moved['gavel_refused_requests_total{reason="not_found"}'] == 1, moved
        assert moved["gavel_decision_duration_seconds_count"] == 4, moved
        assert after['gavel_decision_duration_seconds_bucket{le="+Inf"}'] == after["gavel_decision_duration_seconds_count"]
        assert after["gavel_reloads_total"] == 0 and after["gavel_reload_failures_total"] == 0


def revision_of(server):
    return server.request("GET", "/healthz")[1]["gavel-policy-revision"]


def test_reload_on_sighup_and_on_change():
    work = tempfile.mkdtemp(prefix="gavel-serve-")
    try:
        policy = os.path.join(work, "policy.gavel")
        shutil.copy(POLICY, policy)
        with Server(GAVEL, policy) as server:
            first = revision_of(server)
            allowed = server.request("POST", "/v1/decide", example_text())[2]
            # A changed file, then SIGHUP: the new revision answers.
            with open(policy, "a") as f:
                f.write("\n// reloaded on SIGHUP\n")
            text = open(policy, "rb").read()
            server.signal(signal.SIGHUP)
            assert wait_until(lambda: revision_of(server) == hashlib.sha256(text).hexdigest()), server.stderr()
            assert server.request("POST", "/v1/decide", example_text())[2] == allowed
            second = revision_of(server)
            assert second != first
            # A broken file: the policy in use stays, the failure is reported.
            with open(policy, "a") as f:
                f.write("\nthis is not gavel\n")
            server.signal(signal.SIGHUP)
            assert wait_until(lambda: server.json("GET", "/v1/policy")[2]["last_failed_reload"]), server.stderr()
            described = server.json("GET", "/v1/policy")[2]
            assert described["revision"] == second
            failure = described["last_failed_reload"]
            assert failure["diagnostics"] and failure["diagnostics"][0]["severity"] == "error", failure
            assert failure["diagnostics"][0]["file"] == policy and failure["diagnostics"][0]["line"] > 0
            assert failure["revision"] == hashlib.sha256(open(policy, "rb").read()).hexdigest()
            assert revision_of(server) == second
            status, _, data = server.request("POST", "/v1/decide", example_text())
            assert status == 200 and data == allowed
            # The counters and the message follow the swap (or its refusal) within moments.
            assert wait_until(lambda: server.metrics()["gavel_reload_failures_total"] >= 1)  # SIGHUP, and maybe the watch
            assert wait_until(lambda: server.metrics()["gavel_reloads_total"] == 1)
            assert wait_until(lambda: "was not loaded; still deciding with revision " + second in server.stderr()), \
                server.stderr()
            # Fixed, without a signal: the watch on the file loads it.
            shutil.copy(POLICY, policy)
            assert wait_until(lambda: revision_of(server) == first, seconds=30), server.stderr()
            assert wait_until(lambda: server.metrics()["gavel_reloads_total"] == 2)
            # A file that cannot be read keeps the policy too, with the OS's reason.
            os.remove(policy)
            server.signal(signal.SIGHUP)
            assert wait_until(lambda: "No such file or directory" in json.dumps(
                server.json("GET", "/v1/policy")[2]["last_failed_reload"])), server.stderr()
            assert revision_of(server) == first
            assert server.stop() == 0
    finally:
        shutil.rmtree(work)


def test_every_answer_is_one_policy_and_names_it():
    """While the file swaps between two versions, each answer is the one its revision header
    names: the trace's source lines differ by one between them, so a mix would show."""
    import threading
    work = tempfile.mkdtemp(prefix="gavel-serve-")
    try:
        policy = os.path.join(work, "policy.gavel")
        text_a = open(POLICY, "rb").read()
        text_b = b"// one line more: every source line moves\n" + text_a
        revisions = {hashlib.sha256(t).hexdigest(): t for t in (text_a, text_b)}
        shutil.copy(POLICY, policy)
        with Server(GAVEL, policy) as server:
            expected = {}
            for text in (text_a, text_b, text_a):
                with open(policy + ".new", "wb") as f:
                    f.write(text)
                os.replace(policy + ".new", policy)
                server.signal(signal.SIGHUP)
                revision = hashlib.sha256(text).hexdigest()
                assert wait_until(lambda: revision_of(server) == revision), server.stderr()
                expected[revision] = server.request("POST", "/v1/decide?trace=true", example_text())[2]
            assert len(set(expected.values())) == 2
            seen, stop, failures = [], threading.Event(), []

            def ask():
                conn = server.connection()
                try:
                    for _ in range(20000):
                        if stop.is_set():
                            break
                        status, headers, data = server.request("POST", "/v1/decide?trace=true", example_text(),
                                                               connection=conn)
                        revision = headers["gavel-policy-revision"]
                        seen.append(revision)
                        if status != 200 or expected.get(revision) != data:
                            failures.append((status, revision, data))
                finally:
                    conn.close()

            askers = [threading.Thread(target=ask) for _ in range(2)]
            for t in askers:
                t.start()
            try:
                for swap in range(10):
                    text = text_b if swap % 2 == 0 else text_a
                    with open(policy + ".new", "wb") as f:
                        f.write(text)
                    os.replace(policy + ".new", policy)
                    server.signal(signal.SIGHUP)
                    revision = hashlib.sha256(text).hexdigest()
                    assert wait_until(lambda: revision_of(server) == revision), server.stderr()
                    assert wait_until(lambda: seen and seen[-1] == revision), "the askers did not see the swap"
            finally:
                stop.set()
                for t in askers:
                    t.join(timeout=60)
            assert not failures, failures[:3]
            assert set(seen) == set(revisions), set(seen)
            assert server.stop() == 0
    finally:
        shutil.rmtree(work)


def test_a_slow_client_cannot_hold_the_service():
    with Server(GAVEL, POLICY, "--read-timeout", "1", "--workers", "1") as server:
        slow = socket.create_connection((server.host, server.port), timeout=30)
        try:
            slow.sendall(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"action\":")
            # The one worker still answers others while the half request waits.
            assert server.request("POST", "/v1/decide", example_text())[0] == 200
            assert slow.recv(1024) == b""  # closed by the server, not by the 30 s socket timeout
        finally:
            slow.close()
        slow_header = socket.create_connection((server.host, server.port), timeout=30)
        try:
            slow_header.sendall(b"GET /healthz HTTP/1.1\r\nHost:")
            assert slow_header.recv(1024) == b""
        finally:
            slow_header.close()
        assert wait_until(lambda: server.metrics()['gavel_refused_requests_total{reason="timeout"}'] == 2)


def test_an_idle_connection_is_closed():
    with Server(GAVEL, POLICY, "--idle-timeout", "1") as server:
        with socket.create_connection((server.host, server.port), timeout=30) as idle:
            idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            reply = idle.recv(65536)
            assert reply.startswith(b"HTTP/1.1 200") and b"Connection: close" not in reply, reply
            assert idle.recv(65536) == b""  # kept alive, then closed by the idle timeout


def test_connection_bound():
    with Server(GAVEL, POLICY, "--max-connections", "2") as server:
        first, second = server.connection(), server.connection()
        try:
            assert server.request("GET", "/healthz", connection=first)[0] == 200
            assert server.request("GET", "/healthz", connection=second)[0] == 200
            with socket.create_connection((server.host, server.port), timeout=30) as third:
                try:
                    third.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                    assert third.recv(1024) == b""
                except (ConnectionResetError, BrokenPipeError):
                    pass  # closed at once, before or while the request was sent: refused either way
            assert server.request("GET", "/healthz", connection=first)[0] == 200
        finally:
            first.close()
            second.close()
        assert wait_until(lambda: server.metrics()['gavel_refused_requests_total{reason="too_many_connections"}'] >= 1)


def test_sigterm_drains_and_exits_0():
    with Server(GAVEL, POLICY, "--workers", "1") as server:
        idle = server.connection()
        assert server.request("GET", "/healthz", connection=idle)[0] == 200
        body = example_text().encode()
        busy = socket.create_connection((server.host, server.port), timeout=30)
        try:
            busy.sendall(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(body) + body[:10])
            # Answered on the one worker after the half request was read: the SIGTERM finds it busy.
            assert server.request("GET", "/healthz")[0] == 200
            server.signal(signal.SIGTERM)
            busy.sendall(body[10:])
            reply = b""
            for _ in range(1000):
                chunk = busy.recv(65536)
                if not chunk:
                    break
                reply += chunk
        finally:
            busy.close()
            idle.close()
        assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
        assert b'"decision"' in reply
        assert server.proc.wait(timeout=30) == 0
        assert "draining" in server.stderr()


def test_a_drain_cut_short_still_exits_0():
    with Server(GAVEL, POLICY, "--workers", "1", "--drain-timeout", "1") as server:
        with socket.create_connection((server.host, server.port), timeout=30) as stuck:
            stuck.sendall(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{")
            assert server.request("GET", "/healthz")[0] == 200  # on the one worker, after the half request
            server.signal(signal.SIGTERM)
            assert server.proc.wait(timeout=30) == 0
            assert stuck.recv(1024) == b""
        assert "the drain timeout passed" in server.stderr(), server.stderr()


def test_sigint_exits_0():
    with Server(GAVEL, POLICY) as server:
        server.signal(signal.SIGINT)
        assert server.proc.wait(timeout=30) == 0


def test_refuses_to_start_on_a_broken_policy_or_address():
    broken = os.path.join(ROOT, "tests/corpus/check/duplicate-name.gavel")
    out = subprocess.run([GAVEL, "serve", broken, "--listen", "127.0.0.1:0"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 2 and out.stdout == "", out
    assert "has errors; not serving" in out.stderr
    out = subprocess.run([GAVEL, "serve", POLICY, "--listen", "nowhere"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "--listen" in out.stderr, out
    out = subprocess.run([GAVEL, "serve", "no/such.gavel", "--listen", "127.0.0.1:0"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2 and "cannot read `no/such.gavel`: No such file or directory" in out.stderr, out
    with Server(GAVEL, POLICY) as server:
        out = subprocess.run([GAVEL, "serve", POLICY, "--listen", f"127.0.0.1:{server.port}"], capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 2 and out.stdout == "", out
        assert f"cannot listen on 127.0.0.1:{server.port}: Address already in use" in out.stderr, out


if __name__ == "__main__":
    globals()["test_" + sys.argv[3]]()
    print("ok")
