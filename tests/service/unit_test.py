"""deploy/gavel.service, as far as this machine allows: the hardening a sidecar expects is
there; `systemd-analyze verify` accepts it (when systemd-analyze is installed); and its exact
ExecStart command line, with the binary, the paths and the port moved to this build and a
temporary directory, serves decisions, reloads on its ExecReload, logs them, and exits 0 on
its KillSignal.

    python3 unit_test.py GAVEL ROOT"""
import http.client
import json
import os
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

GAVEL, ROOT = sys.argv[1], sys.argv[2]
UNIT = os.path.join(ROOT, "deploy/gavel.service")


def parse(path):
    """{section: {key: [values, in order]}}; a key given twice (SystemCallFilter) keeps both."""
    sections, current = {}, None
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith(("#", ";")):
                continue
            if line.startswith("[") and line.endswith("]"):
                current = sections.setdefault(line[1:-1], {})
                continue
            key, _, value = line.partition("=")
            current.setdefault(key.strip(), []).append(value.strip())
    return sections


def option(argv, name):
    return argv[argv.index(name) + 1]


def main():
    unit = parse(UNIT)
    service = unit["Service"]
    one = {k: v[-1] for k, v in service.items()}
    for key, value in [("DynamicUser", "yes"), ("ProtectSystem", "strict"), ("NoNewPrivileges", "yes"),
                       ("ProtectHome", "yes"), ("PrivateTmp", "yes"), ("PrivateDevices", "yes"),
                       ("CapabilityBoundingSet", ""), ("RestrictSUIDSGID", "yes"), ("KillSignal", "SIGTERM")]:
        assert one.get(key) == value, (key, one.get(key))
    argv = shlex.split(one["ExecStart"])
    assert argv[1] == "serve", argv
    policy, log = argv[2], option(argv, "--decision-log")
    assert os.path.dirname(policy) in one["ReadOnlyPaths"].split(), (policy, one["ReadOnlyPaths"])
    assert os.path.dirname(log) in one["ReadWritePaths"].split(), (log, one["ReadWritePaths"])
    assert one["ExecReload"] == "/bin/kill -HUP $MAINPID", one["ExecReload"]
    assert unit["Install"]["WantedBy"] == ["multi-user.target"]

    with tempfile.TemporaryDirectory() as tmp:
        # systemd's own reading of the unit, the binary being this build's.
        analyze = shutil.which("systemd-analyze")
        if analyze:
            copy = os.path.join(tmp, "gavel.service")
            with open(UNIT) as f:
                text = f.read()
            with open(copy, "w") as f:
                f.write(text.replace(argv[0], os.path.abspath(GAVEL)))
            out = subprocess.run([analyze, "verify", copy], capture_output=True, text=True, timeout=60)
            assert out.returncode == 0 and out.stderr.strip() == "" and out.stdout.strip() == "", out
        else:
            print("systemd-analyze is not installed: the unit was checked by this test alone")

        # The ExecStart line itself, moved: the binary, the policy's and the log's directories,
        # and the port (0: a free one, for tests run side by side).
        etc, var = os.path.join(tmp, "etc"), os.path.join(tmp, "log")
        os.makedirs(etc)
        os.makedirs(var)
        shutil.copy(os.path.join(ROOT, "rules/flexis.gavel"), os.path.join(etc, os.path.basename(policy)))
        moved = [GAVEL] + [a.replace(os.path.dirname(policy), etc).replace(os.path.dirname(log), var)
                           for a in argv[1:]]
        moved[moved.index("--listen") + 1] = option(argv, "--listen").rsplit(":", 1)[0] + ":0"
        proc = subprocess.Popen(moved, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        lines = []
        reader = threading.Thread(target=lambda: lines.extend(l.decode(errors="replace") for l in proc.stderr),
                                  daemon=True)
        reader.start()
        try:
            ready, _, _ = select.select([proc.stdout], [], [], 30)
            assert ready, "no address within 30 s"
            host, _, port = proc.stdout.readline().decode().strip().rpartition(":")
            with open(os.path.join(ROOT, "examples/requests/newsletter-allowed.json")) as f:
                body = f.read()
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
            conn.request("POST", "/v1/decide", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            answer = json.loads(response.read())
            assert response.status == 200 and answer["decision"] == "allow", (response.status, answer)
            reload = shlex.split(one["ExecReload"].replace("$MAINPID", str(proc.pid)))
            assert subprocess.run(reload, timeout=30).returncode == 0
            # The reload is done on the service's control thread: wait for its word.
            deadline = time.monotonic() + 30
            while not any("is unchanged" in l for l in list(lines)) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert any("SIGHUP: reloading" in l for l in list(lines)), lines
            conn.request("GET", "/readyz")
            response = conn.getresponse()
            response.read()
            assert response.status == 200
            conn.close()
            proc.send_signal(getattr(signal, one["KillSignal"]))
            assert proc.wait(timeout=30) == 0, lines
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
        logged = os.path.join(var, os.path.basename(log))
        out = subprocess.run([GAVEL, "log", "verify", logged], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0 and out.stdout.startswith("intact: 1 record, 1 to 1"), out
    print("ok")


if __name__ == "__main__":
    main()
