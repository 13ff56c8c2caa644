"""How `practice bank import` scales with a guide's longest line.

    python benchmarks/bench_import.py [--repeat 3]

A Q&A-format guide (the third seed document's layout) whose one guidance line is 125 KB, 500 KB
and 2 MB long: prints the median import time for each and the ratio of the longest to the
shortest. Linear work gives a ratio near 16 (the line is 16 times longer); quadratic work near 256.
Each is read whole and then refused (a bank's texts hold at most 20,000 characters): the time
to that refusal is what is measured, as a user waits for it.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time

from practice.bank.importer import import_guide
from practice.errors import BadInputError

SIZES = (125_000, 500_000, 2_000_000)


def guide(guidance_bytes: int) -> str:
    asks = ", ".join(f"show step {n} of the plan" for n in range(guidance_bytes // 26))
    return (
        "A Guide\n\nWhat is your approach to support?\n"
        f"Employers ask this question to see your plan. In your answer, {asks}, and say what you learned.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    medians = []
    for size in SIZES:
        text = guide(size)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            with contextlib.suppress(BadInputError):  # too long for a bank: refused once read
                import_guide(text, source_name="bench.txt", track_id=None)
            times.append(time.perf_counter() - started)
        medians.append(statistics.median(times))
        print(f"guidance line of {len(text) / 1e6:.2f} MB: median {medians[-1]:.2f} s")
    print(f"ratio, longest to shortest line: {medians[-1] / medians[0]:.1f} (line {SIZES[-1] / SIZES[0]:.0f}x longer)")


if __name__ == "__main__":
    main()
