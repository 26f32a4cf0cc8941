"""Benchmark: scope-guided auto-fix on the broken-scene corpus (bench/broken_scenes).

For every scene it parses the recorded render output (``NN_name.traceback.txt``, made by
record_tracebacks.py), computes the scopes around the parsed line, and reports:

- localisation accuracy: the smallest scope contains the faulty line of faults.json (and the
  stricter figure where that scope is not the whole file);
- the mean size of the smallest scope in lines, and which kinds of scope they are;
- the error type parsed correctly;
- the share fixed by deterministic pre-fixes alone: prefixes applied with tex_available=False, then
  a Manim dry run (up to 3 prefix rounds, as the repair loop does); fixed = it renders;
- the sandbox's false alarms on this benign corpus;

against the naive baseline "the first ``line N`` anywhere in the output" (Code2Video's approach).
Results go to bench/results/autofix.json.

    python bench/bench_autofix.py [--no-render] [--timeout 60]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from record_tracebacks import CORPUS, dry_run  # noqa: E402

from code2video.render.prefixes import apply_prefixes  # noqa: E402
from code2video.render.sandbox import check_code  # noqa: E402
from code2video.render.scopes import Scope, scopes_for  # noqa: E402
from code2video.render.tracebacks import parse_failure  # noqa: E402

RESULTS = Path(__file__).parent / "results"
PREFIX_ROUNDS = 3


def naive_line(output: str) -> int | None:
    """Code2Video's localisation: the first 'line N' in the output (else the first 'file.py:N')."""
    match = re.search(r"line (\d+)", output) or re.search(r"\.py:(\d+)", output)
    return int(match.group(1)) if match else None


def contains(scope: Scope, line: int) -> bool:
    return scope.start <= line <= scope.end


def prefix_fix(code: str, output: str, timeout: float) -> dict:
    """Apply pre-fixes (and again on each new failure) and dry-run the result."""
    failure, applied, seconds = parse_failure(output, "scene.py"), [], 0.0
    for _ in range(PREFIX_ROUNDS):
        code, names = apply_prefixes(code, failure, tex_available=False)
        if not names:
            break
        applied += names
        started = time.perf_counter()
        ok, output = dry_run(code, timeout)
        seconds += time.perf_counter() - started
        if ok:
            return {"fixed": True, "applied": applied, "render_seconds": round(seconds, 2)}
        failure = parse_failure(output, "scene.py")
    return {"fixed": False, "applied": applied, "render_seconds": round(seconds, 2),
            "still": f"{failure.error_type}: {failure.message}"[:160] if applied else None}


def evaluate(name: str, fault: dict, render: bool, timeout: float) -> dict:
    code = (CORPUS / name).read_text()
    output = (CORPUS / name).with_suffix(".traceback.txt").read_text()
    failure = parse_failure(output, "scene.py")
    scopes = scopes_for(code, failure.line, error_type=failure.error_type)
    naive = naive_line(output)
    naive_scopes = scopes_for(code, naive)
    row = {
        "file": name, "expected": fault["error_type"], "parsed": failure.error_type, "fault_line": fault["line"],
        "parsed_line": failure.line, "naive_line": naive,
        "smallest": {"kind": scopes[0].kind, "lines": scopes[0].lines, "contains": contains(scopes[0], fault["line"])},
        "first_containing": next(s.kind for s in scopes if contains(s, fault["line"])),
        "naive_smallest": {"kind": naive_scopes[0].kind, "lines": naive_scopes[0].lines,
                           "contains": contains(naive_scopes[0], fault["line"])},
        "sandbox_violations": len(check_code(code)), "prefixable": fault["prefixable"],
    }
    if render:
        row["prefix"] = prefix_fix(code, output, timeout)
    return row


def share(rows: list[dict], test) -> float:
    return round(sum(1 for r in rows if test(r)) / max(1, len(rows)), 3)


def summarise(rows: list[dict], render: bool) -> dict:
    def mean(values):
        values = list(values)
        return round(sum(values) / max(1, len(values)), 1)

    summary = {
        "scenes": len(rows),
        "error_type_accuracy": share(rows, lambda r: r["parsed"] == r["expected"]),
        "ours": {
            "exact_line": share(rows, lambda r: r["parsed_line"] == r["fault_line"]),
            "localised": share(rows, lambda r: r["smallest"]["contains"]),
            "localised_below_file": share(rows, lambda r: r["smallest"]["contains"]
                                          and r["smallest"]["kind"] != "file"),
            "mean_smallest_lines": mean(r["smallest"]["lines"] for r in rows),
            "smallest_kinds": dict(Counter(r["smallest"]["kind"] for r in rows)),
            "first_containing_kinds": dict(Counter(r["first_containing"] for r in rows)),
        },
        "naive_first_line": {
            "exact_line": share(rows, lambda r: r["naive_line"] == r["fault_line"]),
            "localised": share(rows, lambda r: r["naive_smallest"]["contains"]),
            "localised_below_file": share(rows, lambda r: r["naive_smallest"]["contains"]
                                          and r["naive_smallest"]["kind"] != "file"),
            "mean_smallest_lines": mean(r["naive_smallest"]["lines"] for r in rows),
            "smallest_kinds": dict(Counter(r["naive_smallest"]["kind"] for r in rows)),
        },
        "sandbox_false_alarms": sum(1 for r in rows if r["sandbox_violations"]),
    }
    if render:
        prefixable = [r for r in rows if r["prefixable"]]
        summary["prefix_fixed"] = share(rows, lambda r: r["prefix"]["fixed"])
        summary["prefix_fixed_of_prefixable"] = share(prefixable, lambda r: r["prefix"]["fixed"])
        summary["prefix_false_fixes"] = sum(1 for r in rows if r["prefix"]["fixed"] and not r["prefixable"])
    return summary


def print_table(rows: list[dict], summary: dict, render: bool) -> None:
    print(f"{'scene':30} {'expected':18} {'parsed':18} {'fault':>5} {'ours':>5} {'naive':>5}  "
          f"{'smallest scope':18} {'naive scope':18} prefix")
    for r in rows:
        ours = f"{r['smallest']['kind']} {r['smallest']['lines']}{'' if r['smallest']['contains'] else ' ✗'}"
        naive = f"{r['naive_smallest']['kind']} {r['naive_smallest']['lines']}" \
                f"{'' if r['naive_smallest']['contains'] else ' ✗'}"
        fixed = ("fixed " if r["prefix"]["fixed"] else "      ") + ",".join(r["prefix"]["applied"]) if render else ""
        print(f"{r['file'][:30]:30} {r['expected']:18} {r['parsed']:18} {r['fault_line']:>5} "
              f"{r['parsed_line'] or '-':>5} {r['naive_line'] or '-':>5}  {ours:18} {naive:18} {fixed}")
    print(json.dumps(summary, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-render", action="store_true", help="skip the pre-fix dry runs")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    faults = json.loads((CORPUS / "faults.json").read_text())
    rows = [evaluate(name, fault, not args.no_render, args.timeout) for name, fault in faults.items()]
    summary = summarise(rows, not args.no_render)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "autofix.json").write_text(json.dumps({"summary": summary, "scenes": rows}, indent=1))
    print_table(rows, summary, not args.no_render)


if __name__ == "__main__":
    main()
