"""Benchmark: the handout matrix by ``pakfp-course build`` against a papermill + nbconvert loop.

Run on demand (not part of the test suite)::

    python benchmarks/bench_build.py [--repeat 3] [--lessons 00 02] [--jobs N] [--json FILE]

Three timings, in one run on the same machine, each the wall-clock seconds of
whole commands run through ``subprocess``:

- naive: the loop an instructor would write: for each lesson and phase id, the
  ``papermill IN OUT.ipynb -p phase PHASE --no-progress-bar`` command, then
  ``jupyter nbconvert --to html --no-input OUT.ipynb``; one handout at a time.
  The loop has no cache, so its warm time is its cold time;
- build cold: ``pakfp-course build --only handouts --quiet --out DIR`` into a
  fresh output folder (the npm install of the page assets is pre-warmed, see
  below, so npm download time is not measured);
- build warm: the same command again on the folder just built, nothing changed
  (every output is up to date and skipped).

The repetitions are interleaved (naive, cold, warm, naive, cold, warm, ...) so
machine noise affects all three alike. Before timing, one untimed build of
``--only handouts --lessons 00`` fills an npm cache whose ``.cache/npm`` folder
is copied into every fresh output folder. Jupyter runtime, IPython and
matplotlib state of the naive loop goes to a fresh temporary folder each
repetition, as the build keeps its own in each fresh ``<out>/.cache``; the
kernelspec is found as usual.

Targets, full matrix (8 lessons x 4 phase ids = 32 handouts): naive / build
cold >= 3x and naive / build warm >= 20x (medians).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from pakfp_course.builder import requests
from pakfp_course.errors import PakfpCourseError
from pakfp_course.phases import PHASE_IDS
from pakfp_course.resources import course_path

#: Target ratios of the naive loop's median to the build's median.
TARGETS = {"cold": 3.0, "warm": 20.0}


def console_script(name: str) -> list[str]:
    """Return the command of a console script installed next to ``sys.executable``.

    Falls back to ``python -m <module>`` when the script is not there.
    """
    script = Path(sys.executable).parent / name
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    module = {"pakfp-course": "pakfp_course"}.get(name, name)
    return [sys.executable, "-m", module]


def find_lessons(selection: list[str] | None) -> list[Path]:
    """Return the lesson notebooks, all or those named or numbered (as ``pakfp-course`` does)."""
    try:
        return [lesson.path for lesson in requests.find_lessons(course_path("notebooks"),
                                                                 selection)]
    except PakfpCourseError as exc:
        sys.exit(str(exc))


def run(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    """Run ``cmd``; return its wall-clock seconds and standard output. Exit on failure."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        sys.exit(f"command failed (exit {done.returncode}): {' '.join(cmd)}\n{tail}")
    return seconds, done.stdout


def naive_loop(lessons: list[Path], work: Path) -> dict:
    """Run papermill then nbconvert per handout, one at a time; return the timings."""
    state = work / "state"
    env = dict(os.environ)
    for var, sub in (("MPLCONFIGDIR", "matplotlib"), ("IPYTHONDIR", "ipython"),
                     ("JUPYTER_RUNTIME_DIR", "jupyter-runtime")):
        (state / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(state / sub)
    papermill = console_script("papermill")
    jupyter = console_script("jupyter")
    per_handout = []
    start = time.perf_counter()
    for lesson in lessons:
        folder = work / "handouts" / lesson.stem
        folder.mkdir(parents=True, exist_ok=True)
        for phase in PHASE_IDS:
            out_nb = folder / f"{phase}.ipynb"
            pm, _ = run([*papermill, str(lesson), str(out_nb), "-p", "phase", phase,
                         "--no-progress-bar"], cwd=work, env=env)
            nc, _ = run([*jupyter, "nbconvert", "--to", "html", "--no-input", str(out_nb)],
                        cwd=work, env=env)
            if not out_nb.with_suffix(".html").is_file():
                sys.exit(f"nbconvert wrote no {out_nb.with_suffix('.html')}")
            per_handout.append({"lesson": lesson.stem, "phase": phase,
                                "papermill_s": round(pm, 3), "nbconvert_s": round(nc, 3)})
    total = time.perf_counter() - start
    return {"seconds": total, "handouts": per_handout}


def build(lessons: list[Path], out: Path, jobs: int | None, cwd: Path) -> tuple[float, str]:
    """Run ``pakfp-course build --only handouts --quiet`` into ``out``; return seconds, stdout.

    ``--lessons`` is given only for a subset of the lessons.
    """
    cmd = [*console_script("pakfp-course"), "build", "--only", "handouts", "--quiet",
           "--out", str(out)]
    if lessons != find_lessons(None):
        cmd += ["--lessons", *(p.stem for p in lessons)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    return run(cmd, cwd=cwd)


def check_built(out: Path, lessons: list[Path]) -> None:
    """Exit unless every handout of the matrix is in ``out``."""
    missing = [f"{lesson.stem}/{phase}.html" for lesson in lessons for phase in PHASE_IDS
               if not (out / "handouts" / lesson.stem / f"{phase}.html").is_file()]
    if missing:
        sys.exit(f"the build did not write {len(missing)} handout(s), e.g. {missing[0]}")


def manifest_changes(before: dict, after: dict) -> dict:
    """Return, per output, the manifest fields that differ between two builds."""
    changes = {}
    old, new = before.get("outputs", {}), after.get("outputs", {})
    for rel in sorted(set(old) | set(new)):
        a, b = old.get(rel, {}), new.get(rel, {})
        diff = {}
        for name in sorted(set(a) | set(b)):
            if name == "seconds":
                continue
            if isinstance(a.get(name), dict) and isinstance(b.get(name), dict):
                sub = {k: (a[name].get(k), b[name].get(k))
                       for k in set(a[name]) | set(b[name]) if a[name].get(k) != b[name].get(k)}
                if sub:
                    diff[name] = sub
            elif a.get(name) != b.get(name):
                diff[name] = (a.get(name), b.get(name))
        if diff:
            changes[rel] = diff
    return changes


def warm_up(root: Path) -> Path:
    """Run one untimed small build; return its ``.cache/npm`` folder (the npm install)."""
    out = root / "warmup"
    run([*console_script("pakfp-course"), "build", "--only", "handouts", "--lessons", "00",
         "--quiet", "--out", str(out)], cwd=root)
    npm = out / ".cache" / "npm"
    if not npm.is_dir():
        sys.exit(f"the warm-up build left no npm cache in {npm}")
    return npm


def machine() -> dict:
    """Return what the figures depend on: CPUs, Python, versions."""
    info = {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    if hasattr(os, "sched_getaffinity"):
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    if hasattr(os, "getloadavg"):
        info["loadavg_at_start"] = [round(x, 2) for x in os.getloadavg()]
    for dist in ("pakfp-course", "papermill", "nbconvert", "nbclient", "ipykernel"):
        try:
            info[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            info[dist] = None
    return info


def measure(lessons: list[Path], repeat: int, jobs: int | None, root: Path) -> dict:
    """Run the interleaved repetitions; return every timing."""
    npm = warm_up(root)
    times: dict[str, list[float]] = {"naive": [], "cold": [], "warm": []}
    naive_detail = []
    warm_skipped = []
    for i in range(repeat):
        work = root / f"naive-{i}"
        result = naive_loop(lessons, work)
        times["naive"].append(result["seconds"])
        naive_detail.append(result["handouts"])
        shutil.rmtree(work, ignore_errors=True)
        print(f"  rep {i + 1}: naive {result['seconds']:.1f} s", file=sys.stderr, flush=True)

        out = root / f"build-{i}"
        out.mkdir()
        shutil.copytree(npm, out / ".cache" / "npm")
        seconds, _ = build(lessons, out, jobs, root)
        check_built(out, lessons)
        times["cold"].append(seconds)
        print(f"  rep {i + 1}: build cold {seconds:.1f} s", file=sys.stderr, flush=True)

        before = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        seconds, stdout = build(lessons, out, jobs, root)
        if "everything up to date" not in stdout:
            after = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
            sys.exit(f"the warm rebuild rebuilt something:\n{stdout}\n"
                     f"manifest changes: {manifest_changes(before, after)}")
        warm_skipped.append(stdout.strip().splitlines()[0])
        times["warm"].append(seconds)
        print(f"  rep {i + 1}: build warm {seconds:.2f} s", file=sys.stderr, flush=True)
        shutil.rmtree(out, ignore_errors=True)
    medians = {k: statistics.median(v) for k, v in times.items()}
    ratios = {"cold": medians["naive"] / medians["cold"],
              "warm": medians["naive"] / medians["warm"]}
    return {"times": times, "medians": medians, "ratios": ratios,
            "warm_rebuild_said": warm_skipped, "naive_handouts": naive_detail}


def report(results: dict, info: dict, lessons: list[Path], jobs: int | None) -> None:
    """Print the machine, the per-repetition seconds, the medians and the ratios."""
    n = len(lessons) * len(PHASE_IDS)
    full = len(lessons) == len(find_lessons(None))
    print(f"machine: {info['cpu_count']} CPUs (os.cpu_count), Python {info['python']}, "
          f"{info['platform']}")
    print(f"versions: pakfp-course {info['pakfp-course']}, papermill {info['papermill']}, "
          f"nbconvert {info['nbconvert']}, nbclient {info['nbclient']}")
    print(f"handouts: {len(lessons)} lesson(s) x {len(PHASE_IDS)} phase ids = {n}"
          f"{'' if full else '  (a subset: the targets are for the full 8 x 4 matrix)'}")
    print(f"build --jobs: {jobs or 'default (' + str(info['cpu_count']) + ')'}")
    print("npm: one untimed warm-up build (--only handouts --lessons 00) filled the npm "
          "cache; its .cache/npm was copied into every fresh output folder before timing")
    print("naive loop: papermill CLI then jupyter nbconvert CLI per handout, sequential; "
          "MPLCONFIGDIR, IPYTHONDIR, JUPYTER_RUNTIME_DIR in a fresh temp folder per rep")
    print()
    t = results["times"]
    print(f"{'rep':>3}  {'naive s':>9}  {'build cold s':>12}  {'build warm s':>12}")
    for i, (a, b, c) in enumerate(zip(t["naive"], t["cold"], t["warm"], strict=True), 1):
        print(f"{i:>3}  {a:>9.1f}  {b:>12.1f}  {c:>12.2f}")
    m = results["medians"]
    print(f"{'med':>3}  {m['naive']:>9.1f}  {m['cold']:>12.1f}  {m['warm']:>12.2f}")
    per = [h for rep in results["naive_handouts"] for h in rep]
    pm = statistics.median(h["papermill_s"] for h in per)
    nc = statistics.median(h["nbconvert_s"] for h in per)
    print(f"naive per handout (median): papermill {pm:.1f} s + nbconvert {nc:.1f} s")
    print("warm rebuild said: " + "; ".join(sorted(set(results["warm_rebuild_said"]))))
    print()
    print("the naive loop has no cache: its warm time is its cold time "
          f"({m['naive']:.1f} s) and it is compared with both")
    for case in ("cold", "warm"):
        ratio = results["ratios"][case]
        met = "met" if ratio >= TARGETS[case] else "NOT met"
        print(f"naive / build {case}: {ratio:.1f}x  (target >= {TARGETS[case]:g}x: {met})")


def main() -> None:
    """Parse the options, run the benchmark, print and optionally save the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (default: 3)")
    parser.add_argument("--lessons", nargs="+", default=None, metavar="LESSON",
                        help="lesson names or numbers (default: all)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="pakfp-course build --jobs (default: the build's, CPU count)")
    parser.add_argument("--json", default=None, metavar="FILE", help="also write JSON here")
    parser.add_argument("--tmp", default=None, metavar="DIR",
                        help="parent of the scratch folder (default: the system's temp)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    lessons = find_lessons(args.lessons)
    info = machine()
    with tempfile.TemporaryDirectory(prefix="bench_build-", dir=args.tmp) as tmp:
        results = measure(lessons, args.repeat, args.jobs, Path(tmp))
    report(results, info, lessons, args.jobs)
    if args.json:
        body = {
            "benchmark": "bench_build",
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": info,
            "lessons": [p.stem for p in lessons],
            "phases": list(PHASE_IDS),
            "handouts": len(lessons) * len(PHASE_IDS),
            "repeat": args.repeat,
            "jobs": args.jobs or info["cpu_count"],
            "npm_prewarmed": True,
            "seconds": results["times"],
            "medians": results["medians"],
            "naive_warm_equals_cold": True,
            "ratios": {"naive/build_cold": results["ratios"]["cold"],
                       "naive/build_warm": results["ratios"]["warm"]},
            "targets": {"naive/build_cold": TARGETS["cold"],
                        "naive/build_warm": TARGETS["warm"]},
            "met": {f"naive/build_{k}": results["ratios"][k] >= TARGETS[k] for k in TARGETS},
            "warm_rebuild_said": results["warm_rebuild_said"],
            "naive_handouts": results["naive_handouts"],
        }
        Path(args.json).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
