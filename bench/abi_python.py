"""Decisions per second through the Python package (Policy.decide_json, and Policy.decide,
which also parses the response into a dict), on N threads sharing one Policy; beside
abi_cpp.cpp and abi_c.c on the same traffic (bench/abi.sh).

    PYTHONPATH=python GAVEL_LIBRARY=build/libgavel_c.so python3 bench/abi_python.py POLICY REQUESTS.jsonl THREADS SECONDS
"""

import sys
import threading
import time

import gavel


def main(policy_path, traffic, threads, seconds):
    policy = gavel.load(policy_path)
    with open(traffic, encoding="utf-8") as f:
        requests = [line.rstrip("\n") for line in f if line.strip()]
    for name, decide in (("decide_json", policy.decide_json), ("decide", policy.decide)):
        stop = threading.Event()
        decided = [0] * threads

        def work(t):
            n = 0
            while not stop.is_set():
                for r in requests:
                    decide(r)
                    n += 1
                    if n % 256 == 0 and stop.is_set():
                        break
            decided[t] = n

        workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
        start, cpu_start = time.monotonic(), time.process_time()
        for w in workers:
            w.start()
        time.sleep(seconds)
        stop.set()
        for w in workers:
            w.join()
        elapsed, cpu = time.monotonic() - start, time.process_time() - cpu_start
        label = "Python " + name
        print(f"{label:<19} {threads} thread{' ' if threads == 1 else 's'}  {sum(decided) / elapsed:9.0f} decisions/s"
              f"  {sum(decided) / cpu:9.0f} per CPU second")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
