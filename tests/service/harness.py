"""Starting `gavel serve` for a test and talking to it: loopback only, every wait bounded,
the server always stopped at the end (use it as a context manager)."""
import http.client
import json
import os
import select
import signal
import subprocess
import threading
import time


class Server:
    def __init__(self, gavel, policy, *args, cwd=None):
        self.gavel, self.policy, self.args, self.cwd = gavel, policy, list(args), cwd
        self.proc = None
        self.stderr_lines = []

    def __enter__(self):
        self.proc = subprocess.Popen(
            [self.gavel, "serve", self.policy, "--listen", "127.0.0.1:0", *self.args],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.cwd)
        self.reader = threading.Thread(target=self._read_stderr, daemon=True)
        self.reader.start()
        ready, _, _ = select.select([self.proc.stdout], [], [], 30)
        if not ready:
            self.kill()
            raise AssertionError("gavel serve printed no address within 30 s")
        line = self.proc.stdout.readline().decode().strip()
        host, _, port = line.rpartition(":")
        if host != "127.0.0.1" or not port.isdigit():
            self.kill()
            raise AssertionError(f"the first line is not the address: {line!r}; stderr: {self.stderr()}")
        self.host, self.port = host, int(port)
        return self

    def __exit__(self, *exc):
        self.kill()
        return False

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode(errors="replace"))

    def stderr(self):
        if self.proc.poll() is not None:
            self.reader.join(timeout=10)  # all of it, once the process has ended
        return "".join(self.stderr_lines)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)

    def signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self, timeout=30):
        """SIGTERM, then the exit status (the process is killed if it outlives `timeout`)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            self.kill()

    def connection(self, timeout=30):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, connection=None):
        """(status, headers as a dict with lowercase names, body as text)."""
        own = connection is None
        conn = connection or self.connection()
        try:
            hdrs = dict(headers or {})
            if body is not None and "Content-Type" not in hdrs:
                hdrs["Content-Type"] = "application/json"
            conn.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=hdrs)
            response = conn.getresponse()
            data = response.read().decode()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            if own:
                conn.close()

    def json(self, method, path, body=None, headers=None):
        status, hdrs, data = self.request(method, path, body, headers)
        return status, hdrs, json.loads(data)

    def metrics(self):
        status, _, text = self.request("GET", "/metrics")
        assert status == 200, status
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                values[name] = float(value)
        return values


def wait_until(predicate, seconds=15, step=0.1):
    """Polls `predicate` at most `seconds` long; returns its last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)
