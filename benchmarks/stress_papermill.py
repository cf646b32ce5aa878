"""Stress test: run every lesson many times under papermill and count the runs that stall.

Run on demand (not part of the test suite)::

    python benchmarks/stress_papermill.py [--runs 30] [--timeout 120] [--jobs N]
                                          [--lessons 00 03] [--json FILE]

Each lesson is run ``--runs`` times with ``papermill.execute_notebook(...,
parameters={"phase": PHASE}, execution_timeout=T, progress_bar=False)``, the
phase cycling through the four phase ids, in a pool of ``--jobs`` worker
processes (default: the number of CPUs). Every run gets a fresh worker process
of its own, started in its own session, so a run that dies or hangs cannot take
other runs down and a hung run can be killed with its kernel.

Executing a cell that captures output in an ipywidgets ``Output`` widget can
stall nbclient until the per-cell timeout (jupyter/nbclient#312); the course's
widgets avoid ``Output`` widgets, and this script checks that no lesson stalls.
Each run ends as one of:

- ok;
- stall: a cell hit the per-cell timeout (nbclient's ``CellTimeoutError``, or
  any ``TimeoutError``), the kernel or the worker died, or the run outlived the
  ``--guard`` wall-clock limit and was killed;
- failure: a cell raised an error (``PapermillExecutionError``) or papermill
  failed in another way.

Prints, per lesson: runs, stalls, failures, median and max seconds of
``execute_notebook``; then the total stalls against the target 0. Exit status 1
if any run stalled or failed. Jupyter runtime, IPython and matplotlib state go
to a temporary folder (the kernelspec is found as usual).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from importlib import metadata
from pathlib import Path

from pakfp_course.builder import requests
from pakfp_course.errors import PakfpCourseError
from pakfp_course.phases import PHASE_IDS
from pakfp_course.resources import course_path

#: Stalls allowed over the whole run.
TARGET_STALLS = 0

_RESULT = "STRESS-RESULT "


def find_lessons(selection: list[str] | None) -> list[Path]:
    """Return the lesson notebooks, all or those named or numbered (as ``pakfp-course`` does)."""
    try:
        return [lesson.path for lesson in requests.find_lessons(course_path("notebooks"),
                                                                 selection)]
    except PakfpCourseError as exc:
        sys.exit(str(exc))


def _one_line(text: str, limit: int = 200) -> str:
    """Return the first non-blank line of ``text``, shortened to ``limit`` characters."""
    line = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def run_one(notebook: str, phase: str, output: str, timeout: int, cwd: str) -> dict:
    """Execute one notebook with papermill (in the worker process); classify how it ended."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    status, error = "ok", None
    try:
        papermill.execute_notebook(
            notebook, output, parameters={"phase": phase}, execution_timeout=timeout,
            progress_bar=False, cwd=cwd,
        )
    except (CellTimeoutError, TimeoutError) as exc:
        status, error = "stall", f"timeout: {type(exc).__name__}: {_one_line(exc)}"
    except DeadKernelError as exc:
        status, error = "stall", f"kernel died: {_one_line(exc)}"
    except PapermillExecutionError as exc:
        status, error = "failure", (f"cell index {exc.cell_index}: {exc.ename}: "
                                    f"{_one_line(exc.evalue)}")
    except Exception as exc:
        status, error = "failure", f"{type(exc).__name__}: {_one_line(exc)}"
    seconds = time.perf_counter() - start
    Path(output).unlink(missing_ok=True)
    return {"status": status, "error": error, "seconds": seconds}


def worker_main(spec: str) -> None:
    """Entry point of a worker process: run one notebook, print the result as JSON."""
    args = json.loads(spec)
    result = run_one(**args)
    sys.stdout.write(_RESULT + json.dumps(result) + "\n")
    sys.stdout.flush()


def launch(run: dict, timeout: int, guard: float, work: Path, env: dict[str, str]) -> dict:
    """Run one lesson run in a fresh worker process; return its result."""
    output = work / f"{run['lesson']}-{run['index']:03d}-{run['phase']}.ipynb"
    spec = json.dumps({"notebook": run["notebook"], "phase": run["phase"],
                       "output": str(output), "timeout": timeout, "cwd": str(work)})
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--worker", spec],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=work,
        start_new_session=True,
    )
    try:
        stdout, stderr = proc.communicate(timeout=guard)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the worker's session: it and its kernel
        proc.communicate()
        output.unlink(missing_ok=True)
        return {**run, "status": "stall", "seconds": guard,
                "error": f"no result after the {guard:g} s guard; killed"}
    for line in stdout.splitlines():
        if line.startswith(_RESULT):
            return {**run, **json.loads(line[len(_RESULT):])}
    output.unlink(missing_ok=True)
    tail = " | ".join(stderr.strip().splitlines()[-3:])
    return {**run, "status": "stall", "seconds": None,
            "error": f"worker died (exit {proc.returncode}): {tail}"}


def plan(lessons: list[Path], runs: int) -> list[dict]:
    """Return every run, lessons interleaved so each lesson's runs spread over the test."""
    return [{"lesson": lesson.stem, "notebook": str(lesson), "index": i,
             "phase": PHASE_IDS[i % len(PHASE_IDS)]}
            for i in range(runs) for lesson in lessons]


def stress(lessons: list[Path], runs: int, timeout: int, guard: float, jobs: int,
           root: Path) -> list[dict]:
    """Run the whole plan in ``jobs`` parallel worker processes; return every result."""
    env = dict(os.environ)
    for var, sub in (("MPLCONFIGDIR", "matplotlib"), ("IPYTHONDIR", "ipython"),
                     ("JUPYTER_RUNTIME_DIR", "jupyter-runtime")):
        (root / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(root / sub)
    work = root / "work"
    work.mkdir()
    todo = plan(lessons, runs)
    results = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(launch, run, timeout, guard, work, env) for run in todo]
        for n, future in enumerate(as_completed(futures), 1):
            r = future.result()
            results.append(r)
            secs = "-" if r["seconds"] is None else f"{r['seconds']:.1f} s"
            extra = f"  {r['error']}" if r["error"] else ""
            print(f"[{n}/{len(todo)}] {r['lesson']} {r['phase']}: {r['status']} {secs}{extra}",
                  file=sys.stderr, flush=True)
    return results


def summarise(results: list[dict], lessons: list[Path]) -> dict:
    """Return per-lesson counts and seconds, and the totals."""
    by_lesson: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_lesson[r["lesson"]].append(r)
    rows = {}
    for lesson in lessons:
        rs = by_lesson[lesson.stem]
        secs = [r["seconds"] for r in rs if r["status"] == "ok"]
        rows[lesson.stem] = {
            "runs": len(rs),
            "stalls": sum(r["status"] == "stall" for r in rs),
            "failures": sum(r["status"] == "failure" for r in rs),
            "median_s": statistics.median(secs) if secs else None,
            "max_s": max(secs) if secs else None,
        }
    return {
        "lessons": rows,
        "runs": len(results),
        "stalls": sum(row["stalls"] for row in rows.values()),
        "failures": sum(row["failures"] for row in rows.values()),
        "problems": sorted((r for r in results if r["status"] != "ok"),
                           key=lambda r: (r["lesson"], r["index"])),
    }


def report(summary: dict, args: argparse.Namespace, jobs: int) -> None:
    """Print the machine, the per-lesson table and the totals."""
    print(f"machine: {os.cpu_count()} CPUs (os.cpu_count), Python {platform.python_version()}"
          f", papermill {metadata.version('papermill')}, nbclient {metadata.version('nbclient')}")
    print(f"runs per lesson: {args.runs} (phase cycling through {', '.join(PHASE_IDS)}); "
          f"per-cell timeout {args.timeout} s; guard {args.guard:g} s; {jobs} at once")
    print()
    print(f"{'lesson':<26} {'runs':>4} {'stalls':>6} {'failures':>8} {'median s':>8} "
          f"{'max s':>6}")
    for name, row in summary["lessons"].items():
        med = "-" if row["median_s"] is None else f"{row['median_s']:.1f}"
        top = "-" if row["max_s"] is None else f"{row['max_s']:.1f}"
        print(f"{name:<26} {row['runs']:>4} {row['stalls']:>6} {row['failures']:>8} "
              f"{med:>8} {top:>6}")
    print("(seconds: execute_notebook of the runs that completed)")
    for r in summary["problems"]:
        print(f"  {r['status']}: {r['lesson']} run {r['index']} phase {r['phase']}: "
              f"{r['error']}")
    print()
    met = "met" if summary["stalls"] <= TARGET_STALLS else "NOT met"
    print(f"total: {summary['runs']} runs, {summary['stalls']} stalls "
          f"(target {TARGET_STALLS}: {met}), {summary['failures']} failures")


def main() -> int:
    """Parse the options, run the stress test, print and optionally save the results."""
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker_main(sys.argv[2])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs per lesson (default: 30)")
    parser.add_argument("--timeout", type=int, default=120, metavar="SECONDS",
                        help="papermill's per-cell execution_timeout (default: 120)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="runs at once (default: number of CPUs)")
    parser.add_argument("--lessons", nargs="+", default=None, metavar="LESSON",
                        help="lesson names or numbers (default: all)")
    parser.add_argument("--guard", type=float, default=1800, metavar="SECONDS",
                        help="kill a run (counted as a stall) after this long (default: 1800)")
    parser.add_argument("--json", default=None, metavar="FILE", help="also write JSON here")
    args = parser.parse_args()
    if args.runs < 1 or args.timeout < 1 or args.guard <= 0:
        parser.error("--runs, --timeout and --guard must be positive")
    jobs = args.jobs or os.cpu_count() or 1
    lessons = find_lessons(args.lessons)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="stress_papermill-") as tmp:
        results = stress(lessons, args.runs, args.timeout, args.guard, jobs, Path(tmp))
    wall = time.perf_counter() - start
    summary = summarise(results, lessons)
    report(summary, args, jobs)
    print(f"wall clock: {wall:.1f} s")
    if args.json:
        body = {
            "benchmark": "stress_papermill",
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform(),
                        "papermill": metadata.version("papermill"),
                        "nbclient": metadata.version("nbclient")},
            "runs_per_lesson": args.runs, "timeout_s": args.timeout, "guard_s": args.guard,
            "jobs": jobs, "wall_s": wall, "target_stalls": TARGET_STALLS,
            **summary, "results": results,
        }
        Path(args.json).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 1 if summary["stalls"] or summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
