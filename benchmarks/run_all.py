"""Every benchmark, one command, one table.

    python benchmarks/run_all.py [--quick]

Runs each benchmark script in its own process (sized to finish in a few minutes in all; --quick
for fewer repeats) and prints one table: benchmark, measurement, figure. Each script's own
docstring says what it measures and against which baseline.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS: list[tuple[str, list[str], list[str]]] = [
    # script, arguments, arguments with --quick
    ("bench_startup.py", ["--repeat", "5"], ["--repeat", "2"]),
    ("bench_grading.py", ["--repeat", "200"], ["--repeat", "40"]),
    ("bench_grading_quality.py", ["--brief", "--repeat", "100"], ["--brief", "--repeat", "10"]),
    ("bench_typing.py", ["--repeat", "30"], ["--repeat", "8"]),
    ("bench_llm.py", ["--repeat", "30"], ["--repeat", "8"]),
    ("bench_store.py", ["--sessions", "10000", "--repeat", "100"], ["--sessions", "2000", "--repeat", "20"]),
    ("bench_history.py", ["--sessions", "10000", "--repeat", "10"], ["--sessions", "2000", "--repeat", "3"]),
    ("bench_memory.py", ["--repeat", "3"], ["--repeat", "1"]),
    ("bench_voice.py", ["--repeat", "3"], ["--repeat", "1"]),
]


FIGURE = re.compile(r"-?\d[\d.]*(?: ?(?:ms|s|x|MiB|KiB))?")


def split_line(line: str, columns: list[str]) -> tuple[str, str]:
    """One printed line into (measurement, figure). Scripts print either 'label: figures' or
    aligned columns under a 'measurement  median  p99 ...' header, which names the figures."""
    label, sep, rest = line.partition(":")
    if not ((sep and rest.strip()[:1].isdigit()) or rest.strip().startswith(("median", "mean"))):
        aligned = re.match(r"(.*?\S)\s{2,}(-?\d.*)$", line.strip())
        if aligned is None:
            return line.strip(), ""
        label, rest = aligned.groups()
        values = FIGURE.findall(rest)
        if columns and len(values) == len(columns):
            return label.strip(), ", ".join(f"{name} {value}" for name, value in zip(columns, values, strict=True))
    return label.strip(), " ".join(rest.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and sessions, for a smoke run")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, str]] = []
    failed = 0
    began = time.perf_counter()
    for script, full, quick in BENCHMARKS:
        print(f"running {script} ...", file=sys.stderr, flush=True)
        result = subprocess.run(
            [sys.executable, str(HERE / script), *(quick if args.quick else full)],
            capture_output=True,
            text=True,
            cwd=HERE.parent,
            check=False,
        )
        if result.returncode != 0:
            failed += 1
            rows.append((script, "FAILED", result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""))
            continue
        columns: list[str] = []
        for line in result.stdout.splitlines():
            if line.startswith("measurement"):
                columns = line.split()[1:]
            elif line.strip():
                rows.append((script, *split_line(line, columns)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    print(f"{'benchmark':<{widths[0]}}  {'measurement':<{widths[1]}}  figure")
    print(f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * widths[2]}")
    for script, label, figure in rows:
        print(f"{script:<{widths[0]}}  {label:<{widths[1]}}  {figure}")
    print(f"\n{len(BENCHMARKS) - failed} of {len(BENCHMARKS)} benchmarks ran in {time.perf_counter() - began:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
