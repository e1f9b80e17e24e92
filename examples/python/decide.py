"""Decides one JSON request against a policy with gavel's Python package, and prints the
response (and, for a deny, what would have to change).

    python3 decide.py ../../rules/flexis.gavel ../requests/newsletter-allowed.json

Exit status: 0 allowed, 1 denied, 2 a malformed request or a policy with errors."""

import json
import sys

import gavel


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} POLICY REQUEST.json", file=sys.stderr)
        return 2
    try:
        policy = gavel.load(argv[1])
    except gavel.PolicyError as e:
        print(e, file=sys.stderr)
        return 2
    with open(argv[2], encoding="utf-8") as f:
        request = f.read()
    try:
        decision = policy.decide(request)
    except gavel.RequestError as e:
        print(f"refused [{e.code}] {e}", file=sys.stderr)
        return 2
    print(json.dumps(decision))
    if decision["decision"] == "allow":
        return 0
    answer = policy.why_not(request)
    if answer is not None:
        print(answer["explanation"])
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
