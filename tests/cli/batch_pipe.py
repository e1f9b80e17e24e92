#!/usr/bin/env python3
"""Drives `gavel decide POLICY --batch -` as a coprocess, one line at a time.

Writes one request, reads its response before writing the next, the way a service in any
language would use gavel over a pipe: a gavel that held its output until the end of its
input would leave the first read waiting (the guard below then fails the test instead of
hanging it). Also checks, over the pipe, that a byte order mark before the first line is
accepted, that blank lines get no response, and that an error line carries its line number.

With --to-file, gavel's output is a regular file, read as gavel writes it: with --flush each
response must be there before the next request is written.

usage: batch_pipe.py GAVEL ROOT [--to-file] [--flush]
"""
import json
import os
import select
import subprocess
import sys
import tempfile
import time

HANG_GUARD_SECONDS = 60  # only against a hang: any working gavel answers in milliseconds

ALLOWED = ('{"action":"communicate","purpose":"newsletter","data":["identity"],"at":"2026-11-26",'
           '"subject":{"consent":{"newsletter":{"given":"2024-01-10"}},"dates":{"last_contact":"2025-05-01"}}}')
WITHDRAWN = ('{"action":"communicate","purpose":"newsletter","data":["identity"],"at":"2026-11-26",'
             '"subject":{"consent":{"newsletter":{"given":"2024-01-10","withdrawn":"2026-03-01"}},'
             '"dates":{"last_contact":"2025-05-01"}}}')
MISSPELT = '{"action":"use","purpose":"newslettr","data":["identity"],"at":"2026-11-26"}'


def fail(message):
    print(f"FAILED: {message}", file=sys.stderr)
    sys.exit(1)


class Coprocess:
    def __init__(self, command, cwd, to_file):
        self.output_file = tempfile.TemporaryFile() if to_file else None
        stdout = self.output_file if to_file else subprocess.PIPE
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=stdout,
                                        stderr=subprocess.PIPE)
        self.fd = os.open(f"/proc/self/fd/{self.output_file.fileno()}", os.O_RDONLY) if to_file \
            else self.process.stdout.fileno()
        self.pending = b""

    def send(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def chunk(self):
        """What gavel wrote since the last call; None when nothing came before the guard."""
        if self.output_file is None:
            ready, _, _ = select.select([self.fd], [], [], HANG_GUARD_SECONDS)
            return os.read(self.fd, 65536) if ready else None
        deadline = time.monotonic() + HANG_GUARD_SECONDS
        while time.monotonic() < deadline:
            data = os.read(self.fd, 65536)
            if data or self.process.poll() is not None:
                return data
            time.sleep(0.005)
        return None

    def rest(self):
        self.process.wait()
        data = b""
        while chunk := os.read(self.fd, 65536):
            data += chunk
        return self.pending + data

    def response(self, after):
        """The next line gavel writes, without waiting for any more input."""
        while b"\n" not in self.pending:
            chunk = self.chunk()
            if chunk is None:
                self.process.kill()
                fail(f"no response after {after}: gavel holds its output while its input stays open")
            if not chunk:
                fail(f"gavel closed its output after {after}: {self.process.stderr.read().decode()}")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError:
            fail(f"not a JSON line after {after}: {line!r}")


def expect(actual, wanted, what):
    if actual != wanted:
        fail(f"{what}: expected {wanted!r}, got {actual!r}")


def main():
    gavel, root = sys.argv[1], sys.argv[2]
    to_file = "--to-file" in sys.argv[3:]
    gavel_options = [a for a in sys.argv[3:] if a != "--to-file"]
    gavel_process = Coprocess([gavel, "decide", "rules/flexis.gavel", "--batch", "-", *gavel_options], root, to_file)

    gavel_process.send(b"\xef\xbb\xbf" + ALLOWED.encode() + b"\n")
    first = gavel_process.response("the first request (after a byte order mark)")
    expect(first.get("decision"), "allow", "line 1")

    gavel_process.send(b"\n   \t\r\n" + WITHDRAWN.encode() + b"\n")
    second = gavel_process.response("two blank lines and a request")
    expect(second.get("decision"), "deny", "line 4")
    expect(second.get("decided_by"), ["retention-over"], "line 4")

    gavel_process.send(MISSPELT.encode() + b"\n")
    third = gavel_process.response("a misspelt purpose")
    expect(third.get("line"), 5, "the error line's number")
    expect(third.get("error", {}).get("field"), "purpose", "the error line's field")

    gavel_process.send(b"not json\n")
    fourth = gavel_process.response("a line that is not JSON")
    expect(fourth.get("line"), 6, "the error line's number")

    # The last request without a newline: decided at the end of the input.
    gavel_process.send(ALLOWED.encode())
    gavel_process.process.stdin.close()
    last = gavel_process.response("a last line without a newline")
    expect(last.get("decision"), "allow", "line 7")

    expect(gavel_process.rest(), b"", "output after the last response")
    status = gavel_process.process.wait()
    stderr = gavel_process.process.stderr.read().decode()
    expect(status, 2, "exit status (two lines refused)")
    expect(stderr, "gavel: 5 requests: 2 allowed, 1 denied, 2 refused (lines 5, 6)\n", "summary")
    print(f"ok: five requests, each answered before the next was written, to a {'file' if to_file else 'pipe'}"
          f" {' '.join(gavel_options)}")


if __name__ == "__main__":
    main()
