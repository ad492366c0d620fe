#!/usr/bin/python3
"""Python side of the differential fuzzer (fuzz/run.ts): renders cases with Python Jinja2.

Reads one JSON case per stdin line: {"id", "options", "context" (JSON text, read as oracle.py
reads golden contexts), "templates" ({name: source}), "main"}; writes one JSON line per case:
{"id", "ok": true, "out"} or {"id", "ok": false, "error": class name, "message"}.
"""
import json
import os
import resource
import signal
import sys

import jinja2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import load_json, make_env  # noqa: E402

sys.setrecursionlimit(2000)
# A runaway case (a list grown while iterated, a huge repetition) fails instead of hanging the run.
_soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
resource.setrlimit(resource.RLIMIT_AS, (2 << 30 if _hard == resource.RLIM_INFINITY else min(2 << 30, _hard), _hard))
CASE_SECONDS = 10


def on_alarm(_signum, _frame):
    raise TimeoutError("case took more than %d s" % CASE_SECONDS)


signal.signal(signal.SIGALRM, on_alarm)


def render(case):
    signal.alarm(CASE_SECONDS)
    try:
        context = load_json(case["context"])
        env = make_env(case.get("options", {}), jinja2.DictLoader(case["templates"]))
        return {"ok": True, "out": env.get_template(case.get("main", "main")).render(context)}
    except Exception as e:  # any failure counts as "fails"; the class is reported for triage
        return {"ok": False, "error": type(e).__name__, "message": str(e)[:300]}
    finally:
        signal.alarm(0)


def main():
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        result = render(case)
        result["id"] = case["id"]
        out.write(json.dumps(result) + "\n")
    out.flush()


main()
