#!/usr/bin/env python3
"""Compare `aarshjul expand` with the reference oracle over a corpus of .ics files.

Called by Scripts/conformance, which builds the binary and prepares the oracle's
Python; this file only runs both sides and compares. Standard library only.

For every *.ics file in CORPUS (sorted, non-recursive):

  ours:   BIN expand FILE --from FROM --to TO --format jsonl
  oracle: ORACLE_PYTHON ORACLE FILE --from FROM --to TO

Both print one JSON object a line, sorted; they agree when the two lists of
parsed objects are equal (key order and whitespace do not matter, line order
does), or when the oracle exits 2 (cannot read the file) and ours exits non-zero.

Output: `PASS name`, `FAIL name` + an indented unified diff (at most 20 lines;
oracle = expected, ours = actual), or `DOCUMENTED name` for a file listed in the
differences file (a level-2 heading `## name.ics`). Last line:
`N passed, M failed, K skipped`. Exit status 1 when M > 0, else 0.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import json
import os
import re
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

MAX_DIFF_LINES = 20
INDENT = "    "


@dataclass
class Run:
    """One side's run of one file."""

    status: int | None  # exit status; None when it timed out or could not start
    stdout: str
    stderr: str
    note: str = ""  # "timed out after 60 s", "could not start: …"


_live: set[subprocess.Popen] = set()
_live_lock = threading.Lock()


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _on_signal(signum, _frame):
    """Interrupted (Ctrl-C, or a CI timeout): take the running children down too."""
    with _live_lock:
        for proc in list(_live):
            _kill_group(proc)
    os._exit(128 + signum)


def run(argv: list[str], timeout: float) -> Run:
    """Runs argv in its own process group; on timeout kills the whole group."""
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        return Run(None, "", "", f"could not start: {exc}")
    with _live_lock:
        _live.add(proc)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        return Run(None, decode(out), decode(err), f"timed out after {timeout:g} s")
    finally:
        with _live_lock:
            _live.discard(proc)
    return Run(proc.returncode, decode(out), decode(err))


def decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def parse_jsonl(text: str) -> list:
    """Parses JSON lines (blank lines ignored); raises ValueError naming the bad line."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {number} is not JSON ({exc.msg}): {line[:200]}") from None
    return rows


def canonical(rows: list) -> list[str]:
    return [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows]


def describe(side: str, r: Run) -> list[str]:
    """A short account of a run that did not produce comparable output."""
    head = f"{side}: {r.note}" if r.note else f"{side}: exit status {r.status}"
    lines = [head]
    err = [l for l in r.stderr.splitlines() if l.strip()]
    lines += [f"  {l[:200]}" for l in err[-3:]]
    return lines


def documented_headings(path: Path) -> list[str]:
    """The level-2 headings (`## …`) of the differences file, outside code fences."""
    headings: list[str] = []
    if not path.is_file():
        return headings
    in_fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = re.match(r"^##(?!#)\s*(.*)$", line)
        if m:
            headings.append(m.group(1))
    return headings


def is_documented(name: str, headings: list[str]) -> bool:
    """Whether the file name appears, as a whole word, in a level-2 heading."""
    pattern = re.compile(r"(?<![\w.-])" + re.escape(name) + r"(?![\w-]|\.\w)")
    return any(pattern.search(h) for h in headings)


def compare(oracle: Run, ours: Run) -> tuple[bool, list[str]]:
    """Returns (agree, explanation lines for a disagreement)."""
    if oracle.status == 2:
        if ours.status is not None and ours.status != 0:
            return True, []
        return False, ["oracle cannot read this file (exit 2), but aarshjul did not fail:"] + describe(
            "aarshjul", ours
        )
    if oracle.status != 0:
        # Not a verdict on the file: the oracle itself broke (missing package, crash, hang).
        return False, ["the oracle did not run properly:"] + describe("oracle", oracle)
    if ours.status != 0:
        return False, ["the oracle read this file, but aarshjul failed:"] + describe("aarshjul", ours)
    try:
        expected = parse_jsonl(oracle.stdout)
    except ValueError as exc:
        return False, [f"oracle output unreadable: {exc}"]
    try:
        actual = parse_jsonl(ours.stdout)
    except ValueError as exc:
        return False, [f"aarshjul output unreadable: {exc}"]
    if expected == actual:
        return True, []
    diff = list(
        difflib.unified_diff(
            canonical(expected),
            canonical(actual),
            fromfile="expected (oracle)",
            tofile="actual (aarshjul)",
            lineterm="",
            n=1,
        )
    )
    if not diff:  # equal as text yet unequal as values (e.g. 1 vs 1.0): show both
        diff = ["(outputs differ only in value types)"]
    return False, diff


def clip(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_DIFF_LINES:
        return lines
    kept = lines[: MAX_DIFF_LINES - 1]
    return kept + [f"… ({len(lines) - len(kept)} more lines)"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--bin", required=True, help="the aarshjul binary")
    ap.add_argument("--oracle", required=True, help="the oracle-expand script")
    ap.add_argument("--oracle-python", required=True, help="Python with icalendar + recurring-ical-events")
    ap.add_argument("--differences", type=Path, required=True, help="conformance-differences.md")
    ap.add_argument("--from", dest="start", default="2000-01-01")
    ap.add_argument("--to", dest="end", default="2030-01-01")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per file and side")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    files = sorted(p for p in args.corpus.iterdir() if p.suffix == ".ics" and p.is_file())
    if not files:
        print(f"conformance: no .ics files in {args.corpus}", file=sys.stderr)
        return 2
    headings = documented_headings(args.differences)
    window = ["--from", args.start, "--to", args.end]

    def one(path: Path) -> tuple[bool, list[str]]:
        f = str(path.resolve())
        oracle = run([args.oracle_python, args.oracle, f, *window], args.timeout)
        ours = run([args.bin, "expand", f, *window, "--format", "jsonl"], args.timeout)
        return compare(oracle, ours)

    passed = failed = skipped = 0
    # Each job runs the oracle then ours, so `jobs` processes run at a time;
    # map() yields in file order, so the report streams in sorted order.
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for path, (agree, detail) in zip(files, pool.map(one, files)):
            name = path.name
            documented = is_documented(name, headings)
            if agree:
                passed += 1
                note = " (documented difference no longer differs)" if documented else ""
                print(f"PASS {name}{note}", flush=True)
            elif documented:
                skipped += 1
                print(f"DOCUMENTED {name}", flush=True)
            else:
                failed += 1
                print(f"FAIL {name}")
                for line in clip(detail):
                    print(f"{INDENT}{line}")
                sys.stdout.flush()
    print(f"{passed} passed, {failed} failed, {skipped} skipped", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    sys.exit(main())
