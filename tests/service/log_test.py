"""gavel serve's decision log, `gavel log verify` and `gavel log replay`.

    python3 log_test.py GAVEL ROOT TEST

runs one test (its name, a function below without `test_`), from the source tree ROOT. Every
server is on loopback, every wait bounded."""
import hashlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from harness import Server, wait_until
from json_schema import errors

GAVEL, ROOT = sys.argv[1], sys.argv[2]
POLICY = os.path.join(ROOT, "rules/flexis.gavel")


def example_text(name="newsletter-allowed"):
    with open(os.path.join(ROOT, "examples/requests", name + ".json")) as f:
        return f.read()


def gavel(*args):
    return subprocess.run([GAVEL, *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


def generated(count, seed=11):
    out = gavel("generate", "--count", str(count), "--seed", str(seed))
    assert out.returncode == 0, out.stderr
    return [line for line in out.stdout.splitlines() if line]


def records(path):
    with open(path, "rb") as f:
        return [json.loads(line) for line in f.read().split(b"\n") if line]


def write_log(directory, count, *flags, name="decisions.log"):
    """A log of `count` decisions, the server stopped cleanly; returns its path."""
    path = os.path.join(directory, name)
    with Server(GAVEL, POLICY, "--decision-log", path, *flags) as server:
        for i, body in enumerate(generated(count)):
            status, _, _ = server.request("POST", "/v1/decide", body, {"X-Request-Id": f"r{i}"})
            assert status in (200, 400), status
        assert server.stop() == 0, server.stderr()
    return path


def lines_of(path):
    with open(path, "rb") as f:
        return f.read().split(b"\n")[:-1]


def rewrite(path, lines, end=b"\n"):
    with open(path, "wb") as f:
        f.write(b"\n".join(lines) + end)


def reseal(line):
    """The record with its hash recomputed, as one who edits a log and knows the scheme would."""
    text = line[: line.rindex(b',"hash":"')]
    return text + b',"hash":"' + hashlib.sha256(text).hexdigest().encode() + b'"}'


def test_records_hold_the_decision_and_a_minimised_request():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "decisions.log")
        body = example_text()
        with Server(GAVEL, POLICY, "--decision-log", path) as server:
            status, hdrs, answer = server.request("POST", "/v1/decide?trace=true", body, {"X-Request-Id": "order-42"})
            assert status == 200, answer
            status, _, batch = server.request("POST", "/v1/decide/batch", "[" + body + ',{"x":1},' + body + "]")
            assert status == 200, batch
            # Malformed requests are not decisions: no record.
            status, _, _ = server.request("POST", "/v1/decide", '{"action":"use"}')
            assert status == 400
            assert server.metrics()["gavel_decision_log_records_total"] == 3
            assert server.stop() == 0
        logged = records(path)
        assert [r["seq"] for r in logged] == [1, 2, 3], logged
        first = logged[0]
        assert list(first) == ["seq", "time", "request_id", "revision", "answer", "request_kept", "request", "prev",
                               "hash"], list(first)
        assert first["request_id"] == "order-42" and first["revision"] == hdrs["gavel-policy-revision"]
        assert first["prev"] == "0" * 64
        # The answer as gavel decide gives it, without its trace (which names the person's facts).
        plain = gavel("decide", POLICY, os.path.join(ROOT, "examples/requests/newsletter-allowed.json"))
        assert first["answer"] == json.loads(plain.stdout), (first["answer"], plain.stdout)
        # Of the person, the names of the facts given, never their values.
        assert first["request_kept"] == "minimised"
        request = json.loads(body)
        assert first["request"] == {
            "action": request["action"], "purpose": request["purpose"], "data": request["data"],
            "recipient": request["recipient"], "country": request["country"], "at": request["at"],
            "context": request["context"], "subject_facts": ["consent", "objections", "unlawful", "dates"]}, first
        text = open(path).read()
        for value in ("2024-01-10", "2025-05-01", "2026-01-20"):
            assert value not in text, value
        assert gavel("log", "verify", path).returncode == 0


def test_full_requests_are_kept_whole():
    with tempfile.TemporaryDirectory() as tmp:
        path = write_log(tmp, 5, "--decision-log-requests", "full")
        lines = generated(5)
        logged = records(path)
        decided = [json.loads(line) for line in lines]
        assert all(r["request_kept"] == "full" for r in logged)
        assert [r["request"] for r in logged] == decided[: len(logged)], "the requests as sent"


def answered_under_load(server, bodies, stop_server):
    """Four keep-alive clients send decisions until `stop_server` (called once 400 are answered)
    has stopped the server; returns the request ids that got a 200."""
    answered = [[] for _ in range(4)]
    stop = threading.Event()

    def client(n):
        conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
        i = 0
        try:
            while not stop.is_set():
                rid = f"c{n}-{i}"
                conn.request("POST", "/v1/decide", bodies[i % len(bodies)].encode(),
                             {"Content-Type": "application/json", "X-Request-Id": rid})
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    answered[n].append(rid)
                i += 1
        except (OSError, http.client.HTTPException):
            pass  # the server is gone

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    assert wait_until(lambda: sum(map(len, answered)) > 400, seconds=60), "no load"
    stop_server()
    stop.set()
    for t in threads:
        t.join(timeout=30)
    return [rid for a in answered for rid in a]


def test_kill_9_under_load_loses_no_answered_decision():
    bodies = generated(200)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "decisions.log")
        with Server(GAVEL, POLICY, "--decision-log", path) as server:
            def kill():
                server.proc.kill()  # SIGKILL, with requests in flight
                server.proc.wait(timeout=30)
            acknowledged = answered_under_load(server, bodies, kill)
        ids = {r["request_id"] for r in records_whole(path)}
        missing = [rid for rid in acknowledged if rid not in ids]
        assert not missing, f"{len(missing)} answered decisions are not in the log: {missing[:5]}"
        out = gavel("log", "verify", path)
        assert out.returncode == 0, out.stdout + out.stderr
        # Restarted on the same log, the service goes on with its chain.
        with Server(GAVEL, POLICY, "--decision-log", path) as server:
            assert server.request("POST", "/v1/decide", bodies[0])[0] == 200
            assert server.stop() == 0
        files = sorted((f for f in os.listdir(tmp) if f.startswith("decisions.log.")), key=lambda f: int(f[14:]))
        out = gavel("log", "verify", *[os.path.join(tmp, f) for f in files], path)
        assert out.returncode == 0, out.stdout + out.stderr


def test_sigterm_under_load_drains_with_every_answer_logged():
    bodies = generated(200)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "decisions.log")
        with Server(GAVEL, POLICY, "--decision-log", path) as server:
            status = []
            acknowledged = answered_under_load(server, bodies, lambda: status.append(server.stop()))
            assert status == [0], (status, server.stderr())
        logged = records(path)  # a drain cuts no record short
        ids = {r["request_id"] for r in logged}
        missing = [rid for rid in acknowledged if rid not in ids]
        assert not missing, f"{len(missing)} answered decisions are not in the log: {missing[:5]}"
        assert gavel("log", "verify", path).returncode == 0


def records_whole(path):
    """The records of whole lines (a last line without newline was cut by the kill)."""
    with open(path, "rb") as f:
        data = f.read()
    return [json.loads(line) for line in data[: data.rfind(b"\n") + 1].split(b"\n") if line]


def test_verify_names_an_edited_removed_or_moved_record():
    with tempfile.TemporaryDirectory() as tmp:
        path = write_log(tmp, 8)
        original = lines_of(path)
        assert len(original) >= 7, len(original)
        out = gavel("log", "verify", path)
        assert out.returncode == 0 and out.stdout.startswith(f"intact: {len(original)} records"), out
        broken = os.path.join(tmp, "broken.log")

        def verify(lines, end=b"\n"):
            rewrite(broken, lines, end)
            return gavel("log", "verify", broken)

        edited = list(original)
        edited[3] = edited[3].replace(b'"decision":"', b'"decision":"x', 1)
        out = verify(edited)
        assert out.returncode == 1 and f"{broken}:4: error: record 4: record 4 was edited" in out.stderr, out
        resealed = list(original)
        resealed[3] = reseal(resealed[3].replace(b'"request_id":"r', b'"request_id":"x', 1))
        out = verify(resealed)
        assert out.returncode == 1 and f"{broken}:5: error: record 5: record 5 does not chain to record 4" in out.stderr, out
        out = verify(original[:3] + original[4:])
        assert out.returncode == 1 and f"{broken}:4: error: record 5: record 4 is missing" in out.stderr, out
        out = verify(original[:3] + [original[4], original[3]] + original[5:])
        assert out.returncode == 1 and f"{broken}:4: error: record 5: record 5 is out of order" in out.stderr, out
        out = verify(original[:2] + [b""] + original[2:])
        assert out.returncode == 1 and f"{broken}:3: error: an empty line" in out.stderr, out
        # A last line cut short (a crash mid-write) is reported, and the rest verifies.
        out = verify(original[:-1] + [original[-1][:40]], end=b"")
        assert out.returncode == 0 and f"{broken}:{len(original)}: note:" in out.stderr and "cut short" in out.stderr, out
        out = gavel("log", "verify", os.path.join(tmp, "no-such.log"))
        assert out.returncode == 2 and "No such file or directory" in out.stderr, out
        out = gavel("log", "verify", tmp)
        assert out.returncode == 2 and "Is a directory" in out.stderr, out


def test_rotation_keeps_the_chain():
    with tempfile.TemporaryDirectory() as tmp:
        path = write_log(tmp, 60, "--decision-log-max-bytes", "4096")
        rotated = sorted((f for f in os.listdir(tmp) if f != "decisions.log"), key=lambda f: int(f.rsplit(".", 1)[1]))
        assert len(rotated) >= 3, rotated
        files = [os.path.join(tmp, f) for f in rotated] + [path]
        out = gavel("log", "verify", *files)
        assert out.returncode == 0, out.stdout + out.stderr
        seqs = [r["seq"] for f in files for r in records(f)]
        assert seqs == list(range(1, len(seqs) + 1)), seqs
        # A rotated file left out is a gap, named; files out of order are named too.
        out = gavel("log", "verify", files[0], *files[2:])
        assert out.returncode == 1 and f"{files[2]}:1: error" in out.stderr and "missing" in out.stderr, out
        out = gavel("log", "verify", files[1], files[0], *files[2:])
        assert out.returncode == 1 and f"{files[0]}:1: error" in out.stderr and "out of order" in out.stderr, out
        # The files after the first need not start the chain: a log whose oldest files were
        # removed still verifies from where it starts.
        assert gavel("log", "verify", *files[1:]).returncode == 0


def test_startup_refuses_a_broken_log_and_sets_a_cut_record_aside():
    with tempfile.TemporaryDirectory() as tmp:
        path = write_log(tmp, 5)
        good = lines_of(path)
        lines = list(good)
        lines[-1] = lines[-1].replace(b'"request_id":"r', b'"request_id":"x', 1)
        rewrite(path, lines)
        out = subprocess.run([GAVEL, "serve", POLICY, "--listen", "127.0.0.1:0", "--decision-log", path],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 2 and out.stdout == "", out
        assert f"`{path}`:{len(good)}: the decision log's chain is broken at record {len(good)}" in out.stderr, out
        # A record cut short by a crash: the file is kept as decisions.log.1, and a new one
        # goes on from the last whole record.
        rewrite(path, good + [good[-1][:30]], end=b"")
        with Server(GAVEL, POLICY, "--decision-log", path) as server:
            assert server.request("POST", "/v1/decide", example_text())[0] == 200
            assert server.stop() == 0
            assert "the last record was cut short" in server.stderr(), server.stderr()
        assert os.path.exists(path + ".1")
        assert records(path)[0]["seq"] == len(good) + 1
        out = gavel("log", "verify", path + ".1", path)
        assert out.returncode == 0 and "cut short" in out.stderr, out.stdout + out.stderr


def test_a_second_service_on_the_same_log_is_refused():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "decisions.log")
        with Server(GAVEL, POLICY, "--decision-log", path) as server:
            out = subprocess.run([GAVEL, "serve", POLICY, "--listen", "127.0.0.1:0", "--decision-log", path],
                                 capture_output=True, text=True, timeout=60)
            assert out.returncode == 2 and out.stdout == "", out
            assert f"`{path}` is written by another process" in out.stderr, out
            assert server.request("POST", "/v1/decide", example_text())[0] == 200
            assert server.stop() == 0
        assert gavel("log", "verify", path).returncode == 0


def test_a_log_that_cannot_be_written_answers_503():
    with Server(GAVEL, POLICY, "--decision-log", "/dev/full") as server:
        status, _, data = server.request("POST", "/v1/decide", example_text())
        assert status == 503, (status, data)
        error = json.loads(data)["error"]
        assert "could not be written to the decision log `/dev/full`: No space left on device" in error["message"], error
        assert "decision" not in json.loads(data)
        spec = server.json("GET", "/openapi.json")[2]
        assert "503" in spec["paths"]["/v1/decide"]["post"]["responses"], "the contract states the 503"
        assert errors(spec["components"]["schemas"]["Error"], json.loads(data)) == []
        status, _, data = server.request("POST", "/v1/decide/batch", "[" + example_text() + "]")
        assert status == 503 and "could not be written" in json.loads(data)["error"]["message"], (status, data)
        assert server.request("GET", "/readyz")[0] == 503
        metrics = server.metrics()
        assert metrics["gavel_decision_log_write_failures_total"] >= 1
        assert metrics['gavel_refused_requests_total{reason="decision_log"}'] == 2
        assert metrics["gavel_decision_log_records_total"] == 0
        # Requests that decide nothing are still answered.
        assert server.request("GET", "/healthz")[0] == 200
    out = subprocess.run([GAVEL, "serve", POLICY, "--listen", "127.0.0.1:0", "--decision-log", "/no/such/dir/log"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "cannot open `/no/such/dir/log` for appending: No such file or directory" in out.stderr, out


def test_replay_lists_the_decisions_a_policy_edit_changes():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "decisions.log")
        body = example_text()
        with Server(GAVEL, POLICY, "--decision-log", path, "--decision-log-requests", "full") as server:
            for i in range(3):
                assert server.request("POST", "/v1/decide", body, {"X-Request-Id": f"n{i}"})[0] == 200
            assert server.stop() == 0
        # Two records kept minimised, from a server started without `full`, on the same chain.
        with Server(GAVEL, POLICY, "--decision-log", path) as server:
            for i in range(2):
                assert server.request("POST", "/v1/decide", body)[0] == 200
            assert server.stop() == 0
        # The same policy: nothing changes.
        out = gavel("log", "replay", path, "--policy", POLICY)
        assert out.returncode == 0, out.stdout + out.stderr
        assert out.stdout.endswith("replayed 3 of 5 records with `%s`: 0 decisions would change (0 allow → deny, "
                                   "0 deny → allow); 2 kept minimised, not replayable\n" % POLICY), out.stdout
        # Salesforce no longer receives contact details: the newsletter is denied.
        edited = os.path.join(tmp, "edited.gavel")
        text = open(POLICY).read()
        assert "receives identity, contact_details, job_title" in text
        with open(edited, "w") as f:
            f.write(text.replace("receives identity, contact_details, job_title", "receives identity, job_title", 1))
        out = gavel("log", "replay", path, "--policy", edited)
        assert out.returncode == 1, out.stdout + out.stderr
        changed = out.stdout.splitlines()
        assert len(changed) == 4, changed
        assert changed[0].startswith(f"{path}:1: record 1 (request `n0`): allow → deny: now decided by `"), changed
        assert changed[-1].startswith("replayed 3 of 5 records") and "3 decisions would change (3 allow → deny" in changed[-1]
        assert gavel("log", "replay", path, "--policy", "no/such.gavel").returncode == 2


if __name__ == "__main__":
    globals()["test_" + sys.argv[3]]()
    print("ok")
