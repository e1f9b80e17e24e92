#!/usr/bin/env python3
"""Renders the explanation of every decision of every scenario suite and rejects the shapes a
reader of a reasoned decision would not accept (docs/language.md, "Explanations").

usage: check_explanations.py GAVEL ROOT   (ROOT: where the scenarios' policy paths start)
"""
import glob
import json
import os
import re
import subprocess
import sys

# A reason ("because …") must be a clause: its first part has a verb.
VERBS = set("""is are was were be been has have had holds hold does do did may can must gives give
includes include consented objected withdrew withdrawn ended ends runs run stays stay goes go rests rest
asserts assert names name belongs belong relies rely applies apply needs requires protects serves covers
receive receives certified restricted found processed started""".split())

BAD = [
    (re.compile(r"because except"), "an exception presented as a reason (`because except`)"),
    (re.compile(r"except that"), "a condition presented as an exception (`except that`)"),
    (re.compile(r"does not apply"), "`does not apply` (an excepted or overridden rule applied)"),
    (re.compile(r"No rule grants this request"), "`No rule grants this request`"),
    (re.compile(r"adds an obligation"), "`adds an obligation`"),
    (re.compile(r"the data before \d{4}-\d\d-\d\d"), "an obligation `before` a day beside `\"by\"`"),
    (re.compile(r"right of (rectification|erasure|restriction|portability|objection|withdraw|post)"),
     "a right named by its identifier"),
    (re.compile(r"set aside by rule"), "a verbless `set aside by rule`"),
    (re.compile(r"because \."), "an empty reason"),
]

RAW_ID = re.compile(r"`([^`]*)`")
FIELD = re.compile(r"^(subject|context|received|at|right|purpose|data|recipient|country)\b")
UNDERSCORED = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


def faults(prose, decision, request):
    out = []
    # The policy's own words (titles, in “…”) are quoted, not gavel's: they are not checked.
    ours = re.sub(r"“[^”]*”", "“…”", prose)
    for pattern, what in BAD:
        if pattern.search(ours):
            out.append(what)
    for m in re.finditer(r"\bbecause (.*?)(?:, (?:and|but|so) |[;:.](?:\s|$)|$)", ours, re.M):
        words = set(re.findall(r"[a-z']+", m.group(1)))
        if not words & VERBS:
            out.append(f"a reason without a verb: `because {m.group(1)}`")
    for m in RAW_ID.finditer(prose):
        if not FIELD.match(m.group(1)):
            out.append(f"a raw identifier in prose: `{m.group(1)}`")
    # Outside the references to rules and request fields, an identifier with `_` is raw.
    plain = re.sub(r"`[^`]*`", "", ours)
    for word in UNDERSCORED.findall(plain):
        out.append(f"a raw identifier in prose: {word}")
    at = request.get("at", "")
    for o in decision.get("obligations", []):
        by = o.get("by")
        if by is None:
            continue
        if by not in prose:
            out.append(f"the obligation `{o['kind']}` by {by} is not in the explanation")
        elif by < at and f"overdue since {by}" not in prose:
            out.append(f"the obligation `{o['kind']}` by {by}, before the decision ({at}), is not stated as overdue")
    for step in decision.get("trace", []):
        if step["outcome"] == "oblige" and not any(o["rule"] == step["rule"] for o in decision.get("obligations", [])):
            if "no obligation follows" not in prose:
                out.append(f"rule `{step['rule']}` is said to oblige, but no obligation follows from it")
    head = prose.split("\n", 1)[0]
    if decision["decision"] == "allow" and not head.startswith(("Allowed", "Granted")):
        out.append("an allow whose explanation does not say so")
    if decision["decision"] == "deny" and head.startswith(("Allowed", "Granted")):
        out.append("a deny whose explanation says it was allowed")
    for key in ("due", "extended_due", "extension_notice_by", "effective"):
        if key in decision and decision[key] not in prose:
            out.append(f"`{key}` {decision[key]} is not in the explanation")
    if request.get("action") == "request":
        if decision["decision"] == "deny" and "missing" not in decision:
            if "refusal" not in decision:
                out.append("a refused rights request without `refusal`")
            if "extended_due" in decision:
                out.append("a refused rights request with an extended date")
            if "complaint" not in prose or "judicial remedy" not in prose:
                out.append("a refusal that does not name the complaint and the judicial remedy")
        if decision.get("notify_recipients") and "Art. 19" not in prose:
            out.append("recipients to notify that the explanation does not name")
        if request.get("right") == "portability" and decision["decision"] == "allow" and "rests on" not in prose:
            out.append("portability granted without its lawful basis")
    return out


def main():
    if len(sys.argv) != 3 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr if len(sys.argv) != 2 else sys.stdout)
        return 0 if len(sys.argv) == 2 and sys.argv[1] in ("-h", "--help") else 2
    gavel, root = sys.argv[1], sys.argv[2]
    if not os.access(gavel, os.X_OK):
        print(f"check_explanations.py: `{gavel}` is not an executable program", file=sys.stderr)
        return 2
    failed = checked = 0
    for path in sorted(glob.glob(os.path.join(root, "tests", "scenarios", "*", "*.json"))):
        suite = json.load(open(path, encoding="utf-8"))
        policy = os.path.join(root, suite["policy"])
        for case in suite["cases"]:
            if "error" in case.get("expect", {}):
                continue
            request = json.dumps(case["request"])
            run = lambda *flags: subprocess.run([gavel, "decide", policy, "-", *flags], input=request,
                                                capture_output=True, text=True)
            prose, decision = run("--explain"), run("--trace")
            if decision.returncode < 0 or prose.returncode < 0:
                failed += 1
                print(f"FAILED {os.path.relpath(path, root)}: {case['name']}\n  gavel crashed")
                continue
            if decision.returncode != 0:
                continue  # a request refused (exit 2): there is no explanation to read
            checked += 1
            found = faults(prose.stdout, json.loads(decision.stdout), case["request"])
            if found:
                failed += 1
                print(f"FAILED {os.path.relpath(path, root)}: {case['name']}")
                for f in dict.fromkeys(found):
                    print(f"  {f}")
                print("  " + prose.stdout.replace("\n", "\n  "))
    print(f"{checked} explanations read, {failed} rejected")
    return 1 if failed or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
