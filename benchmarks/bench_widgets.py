"""Benchmark: time from a widget value change to the redrawn output.

Run on demand (not part of the test suite)::

    python benchmarks/bench_widgets.py [--repeat 15]

For each explorer it changes one control and times the change until the
explorer has recomputed its data, drawn the chart to PNG and refreshed its
table (all synchronous in the widget's observer). Two cases, in one run:

- cold: a setting not seen before (the explorer's cache is cleared first):
  full recompute and redraw;
- warm: going back to a setting already shown (the explorer keeps the state and
  picture of its last settings).

Prints the median and 90th percentile per explorer, in ms. Target: median
<= 150 ms per update on the 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from pakfp_course import widgets

CASES = {
    "phase_explorer": (widgets.phase_explorer, 0, ["2001-2008", "2009-2016"]),
    "timeline_explorer": (widgets.timeline_explorer, 0, [(1947, 2025), (2001, 2012)]),
    "aid_explorer": (widgets.aid_explorer, 3, [True, False]),
    "bandwagon_ledger": (widgets.bandwagon_ledger, 0, ["crs_with_csf", "crs_without_csf"]),
    "rsct_explorer": (widgets.rsct_explorer, 0, ["2001-2008", "2017-present"]),
    "claim_checker": (widgets.claim_checker, 0, ["all", "khan-2024"]),
}


def measure(repeat: int) -> dict[str, dict[str, list[float]]]:
    """Return the milliseconds of each timed change, per explorer and case."""
    results: dict[str, dict[str, list[float]]] = {}
    for name, (build, index, values) in CASES.items():
        explorer = build()
        control = explorer.controls[index]
        cold, warm = [], []
        control.value = values[1]
        for i in range(repeat + 1):
            explorer._cache.clear()
            for times in (cold, cold, warm, warm):  # A, B new; A, B again
                target = values[0] if control.value == values[1] else values[1]
                before = explorer.picture.value
                start = time.perf_counter()
                control.value = target
                elapsed = (time.perf_counter() - start) * 1000
                assert explorer.picture.value != before, name
                if i:  # the first round warms imports and data caches
                    times.append(elapsed)
        results[name] = {"cold": cold, "warm": warm}
    return results


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    results = measure(args.repeat)
    print(f"{'explorer':<18} {'cold median':>11} {'cold p90':>9} {'warm median':>11} "
          f"{'warm p90':>9} {'n':>3}")
    worst = {"cold": 0.0, "warm": 0.0}
    for name, cases in results.items():
        row = [name]
        for case in ("cold", "warm"):
            med = statistics.median(cases[case])
            worst[case] = max(worst[case], med)
            row += [f"{med:.1f}", f"{statistics.quantiles(cases[case], n=10)[-1]:.1f}"]
        print(f"{row[0]:<18} {row[1]:>11} {row[2]:>9} {row[3]:>11} {row[4]:>9} "
              f"{len(cases['cold']):>3}")
    print(f"worst median: cold {worst['cold']:.1f} ms, warm {worst['warm']:.1f} ms "
          "(target <= 150 ms)")


if __name__ == "__main__":
    main()
