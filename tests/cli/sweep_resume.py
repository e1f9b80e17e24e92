#!/usr/bin/env python3
"""gavel sweep --resume: an interrupted sweep, taken up, gives the rows of one that ran whole.

    sweep_resume.py GAVEL ROOT WORK

Interruptions of two kinds: an output cut at every kind of place (inside the CSV header,
inside a row, between two rows of one subject, between subjects, at the end), and a sweep
killed with SIGKILL while it reads its subjects from a pipe. Each is resumed and compared
byte for byte, with its exit status, to the sweep run whole."""
import os
import random
import re
import signal
import subprocess
import sys
import time

gavel, root, work = sys.argv[1:4]
policy = os.path.join(root, "tests/cli/sweep/policy.gavel")
os.makedirs(work, exist_ok=True)
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def subjects(count):
    """People of the test policy: most with obligations due on the day, some without, a few refused."""
    rng = random.Random(16)
    lines = []
    for i in range(count):
        r = rng.random()
        if r < 0.02:
            lines.append('{"id":%d,"subject":{"consent":{"mailng":{"given":"2025-01-01"}}}}' % i)
            continue
        dates = {"last_contact": "20%02d-0%d-1%d" % (rng.randint(18, 25), rng.randint(1, 9), rng.randint(0, 9)),
                 "contract_end": rng.choice(["null", '"2020-01-10"', '"2024-06-30"', '"2025-12-31"'])}
        subject = '"dates":{"last_contact":"%s","contract_end":%s}' % (dates["last_contact"], dates["contract_end"])
        if rng.random() < 0.3:
            subject += ',"unlawful":true'
        if rng.random() < 0.5:
            subject += ',"consent":{"mailing":{"given":"2017-01-01","withdrawn":"2025-0%d-01"}}' % rng.randint(1, 9)
        context = ',"context":{"legal_claims":true}' if rng.random() < 0.1 else ""
        lines.append('{"id":"person-%d","subject":{%s}%s}' % (i, subject, context))
    return "\n".join(lines) + "\n"


def sweep(*args, stdin=None):
    return subprocess.run([gavel, "sweep", policy, "--on", "2026-01-15", *args], stdin=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=root)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def remove(*paths):
    for p in paths:
        if os.path.exists(p):
            os.remove(p)


input_path = os.path.join(work, "subjects.jsonl")
with open(input_path, "w") as f:
    f.write(subjects(30000))

for fmt, ext in (("json", "jsonl"), ("csv", "csv")):
    whole = os.path.join(work, "whole." + ext)
    remove(whole, whole + ".partial")
    run = sweep(input_path, "--format", fmt, "--output", whole, "--threads", "2")
    check(run.returncode == 1, f"{fmt}: the whole sweep exits 1 (some lines refused), not {run.returncode}")
    check(os.path.exists(whole) and not os.path.exists(whole + ".partial"),
          f"{fmt}: a complete sweep is renamed from .partial to its name")
    expected = read(whole)
    check(expected.count(b"\n") > 30000, f"{fmt}: the sweep finds obligations")
    # Cut at the start, inside the header, inside the first row, between the rows of one
    # subject, at random places, and at the very end.
    newline = expected.index(b"\n")
    cuts = {0, 1, newline // 2, newline + 1, newline + 10, len(expected) - 1, len(expected)}
    rows = [i + 1 for i, c in enumerate(expected) if c == ord("\n")]
    cuts.update(random.Random(7).sample(rows, 5))
    cuts.update(random.Random(8).sample(range(len(expected)), 5))
    for cut in sorted(cuts):
        resumed = os.path.join(work, f"resumed.{ext}")
        remove(resumed)
        with open(resumed + ".partial", "wb") as f:
            f.write(expected[:cut])
        run = sweep(input_path, "--format", fmt, "--output", resumed, "--resume", "--threads", "3")
        check(run.returncode == 1, f"{fmt}: resumed after byte {cut}: exit {run.returncode}, not 1: {run.stderr.decode()}")
        check(os.path.exists(resumed) and read(resumed) == expected,
              f"{fmt}: resumed after byte {cut}: the rows differ from the whole sweep's")
    # A sweep that finished, resumed: nothing changes.
    run = sweep(input_path, "--format", fmt, "--output", whole, "--resume")
    check(read(whole) == expected and run.returncode == 1, f"{fmt}: resuming a finished sweep changes nothing")
    # An output of the other format is not taken up.
    other = "csv" if fmt == "json" else "json"
    run = sweep(input_path, "--format", other, "--output", whole, "--resume")
    check(run.returncode == 2 and b"is not" in run.stderr and read(whole) == expected,
          f"{fmt}: an output in {fmt} is not resumed as {other}: {run.stderr.decode()}")

# ---- killed while sweeping ---------------------------------------------------------------
whole = read(os.path.join(work, "whole.jsonl"))
text = read(input_path)
lines = text.split(b"\n")
half = len(lines) // 2
killed = os.path.join(work, "killed.jsonl")
remove(killed, killed + ".partial")
process = subprocess.Popen([gavel, "sweep", policy, "--on", "2026-01-15", "-", "--output", killed, "--threads", "2"],
                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root)
process.stdin.write(b"\n".join(lines[:half]) + b"\n")
process.stdin.flush()
# From a pipe, what has been read is swept and written before gavel waits for more: wait for
# the rows of the first half (a bound on the wait, not a measure of speed).
def last_line_written():
    if not os.path.exists(killed + ".partial"):
        return 0
    rows = re.findall(rb'"line":(\d+)}\n', read(killed + ".partial"))
    return int(rows[-1]) if rows else 0


deadline = time.monotonic() + 120
while time.monotonic() < deadline and last_line_written() < half - 100:
    time.sleep(0.05)
check(last_line_written() >= half - 100, "the killed sweep wrote the rows of what it had read")
process.send_signal(signal.SIGKILL)
process.wait()
process.stdin.close()
check(not os.path.exists(killed), "an interrupted sweep leaves its output under .partial, not under its name")
run = sweep(input_path, "--output", killed, "--resume", "--threads", "2")
check(run.returncode == 1, f"the killed sweep, resumed, exits 1: {run.returncode} {run.stderr.decode()}")
check(b"resuming" in run.stderr, "a resumed sweep says where it takes up")
check(os.path.exists(killed) and read(killed) == whole, "the killed sweep, resumed, gives the rows of the whole sweep")

if failures:
    print(f"{len(failures)} failed")
    sys.exit(1)
print("ok")
