"""Every benchmark, one command, one table.

    python benchmarks/run_all.py [--quick]

Runs each benchmark script in its own process (sized to finish in a few minutes in all; --quick
for fewer repeats) and prints one table: benchmark, measurement, figure. Each script's own
docstring says what it measures and against which baseline.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS: list[tuple[str, list[str], list[str]]] = [
    # script, arguments, arguments with --quick
    ("bench_startup.py", ["--repeat", "5"], ["--repeat", "2"]),
    ("bench_grading.py", ["--repeat", "200"], ["--repeat", "40"]),
    ("bench_typing.py", ["--repeat", "30"], ["--repeat", "8"]),
    ("bench_llm.py", ["--repeat", "30"], ["--repeat", "8"]),
    ("bench_store.py", ["--sessions", "10000", "--repeat", "100"], ["--sessions", "2000", "--repeat", "20"]),
    ("bench_history.py", ["--sessions", "10000", "--repeat", "10"], ["--sessions", "2000", "--repeat", "3"]),
    ("bench_memory.py", ["--repeat", "3"], ["--repeat", "1"]),
]


def split_line(line: str) -> tuple[str, str]:
    """'label:   median 1.23 ms' -> ('label', 'median 1.23 ms'); lines without a colon keep their
    figures after the widest run of spaces."""
    label, sep, figure = line.partition(":")
    if sep and figure.strip():
        return label.strip(), " ".join(figure.split())
    head, _, tail = line.strip().rpartition("  ")
    return (head.strip(), " ".join(tail.split())) if head else (line.strip(), "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and sessions, for a smoke run")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, str]] = []
    failed = 0
    began = time.perf_counter()
    for script, full, quick in BENCHMARKS:
        print(f"running {script} ...", file=sys.stderr, flush=True)
        result = subprocess.run([sys.executable, str(HERE / script), *(quick if args.quick else full)],
                                capture_output=True, text=True, cwd=HERE.parent)
        if result.returncode != 0:
            failed += 1
            rows.append((script, "FAILED", result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""))
            continue
        for line in result.stdout.splitlines():
            if line.strip() and not line.startswith("measurement"):
                rows.append((script, *split_line(line)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    print(f"{'benchmark':<{widths[0]}}  {'measurement':<{widths[1]}}  figure")
    print(f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * widths[2]}")
    for script, label, figure in rows:
        print(f"{script:<{widths[0]}}  {label:<{widths[1]}}  {figure}")
    print(f"\n{len(BENCHMARKS) - failed} of {len(BENCHMARKS)} benchmarks ran in {time.perf_counter() - began:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
