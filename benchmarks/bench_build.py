"""Benchmark: ``pakfp-course build``, old against new, against a naive loop, cold against warm.

Run on demand (not part of the test suite)::

    python benchmarks/bench_build.py [--repeat 3] [--lessons 00 02] [--jobs N]
                                     [--baseline REF] [--skip-no-pdf] [--json FILE]

Every timing is the wall-clock seconds of a whole command run through
``subprocess``. One run on the same machine measures, repetitions interleaved
(all the measurements of repetition 1, then all of repetition 2, ...; the old
and new full builds swap order every other repetition) so machine noise hits
all alike:

- full old: ``python -m pakfp_course build --quiet --out DIR`` (every output,
  default options) of the baseline commit (``--baseline``, default
  ``2c68529``, the build before one execution per lesson and handout-only
  runs), run WITHOUT installing it from a temporary ``git worktree add
  --detach``: ``PYTHONPATH`` puts the worktree's ``src`` first, plus a
  throw-away ``pakfp_course-<version>.dist-info`` record whose
  ``direct_url.json`` names the worktree as an editable checkout, because
  ``resources.course_path`` finds ``notebooks`` and ``course_data`` through
  that record, not through the working directory (without it the old code
  would build the current notebooks). The script checks that the old build
  read the worktree's notebooks (the ``notebook_sha256`` of every manifest
  entry) and removes the worktree at the end, also on failure;
- full new: ``pakfp-course build --quiet --out DIR`` of the current working
  tree, default options: handouts are printed to PDF when Chromium is found
  (the old build made no PDFs);
- full new --no-pdf: the same with ``--no-pdf`` (HTML handouts, like the old
  build); ``--skip-no-pdf`` leaves it out;
- full warm: full new again on the folder just built, nothing changed (every
  output up to date and skipped; the script stops if anything is rebuilt);
- naive: the handout loop an instructor would write: for each lesson and phase
  id, ``papermill IN OUT.ipynb -p phase PHASE --no-progress-bar`` (the whole
  lesson), then ``jupyter nbconvert --to html --no-input OUT.ipynb``; one
  handout at a time, no cache;
- handouts: ``pakfp-course build --only handouts --no-pdf --quiet --out DIR``
  (HTML, like the naive loop) into a fresh folder;
- handouts pdf: ``pakfp-course build --only handouts --quiet --out DIR`` (PDFs
  too when Chromium is found), for information.

Every build goes into a fresh output folder. npm download time is kept out:
one untimed warm-up build (``--only handouts --lessons 00``) fills an npm
install whose ``.cache/npm`` folder is copied into every fresh output folder
(the baseline's pinned npm files and ``<out>/.cache/npm/<digest>`` layout are
checked to be the same; if its pinned files differ it gets its own warm-up).
The worktree's Python files are byte-compiled before timing. The naive loop's
``MPLCONFIGDIR``, ``IPYTHONDIR`` and ``JUPYTER_RUNTIME_DIR`` go to a fresh
temporary folder each repetition, as the build keeps its own in each fresh
``<out>/.cache``.

Targets (every lesson, medians): full new / full old <= 0.5; naive / handouts
>= 6; full new (cold) / full warm >= 100. With ``--lessons`` the figures are
for a subset and not comparable with the targets.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from pakfp_course.builder import jobs as builder_jobs
from pakfp_course.builder import requests
from pakfp_course.errors import PakfpCourseError
from pakfp_course.phases import PHASE_IDS
from pakfp_course.resources import checkout_root, course_path

#: The commit the new build is compared with (current main before the change).
DEFAULT_BASELINE = "2c68529"

#: The measurements, in the order of the table.
MEASURES = ("full_old", "full_new", "full_new_no_pdf", "full_warm",
            "naive", "handouts", "handouts_pdf")

#: What each measurement is, for the table and the JSON.
LABELS = {
    "full_old": "full cold, baseline: python -m pakfp_course build --quiet",
    "full_new": "full cold, new: pakfp-course build --quiet (PDF when Chromium found)",
    "full_new_no_pdf": "full cold, new: pakfp-course build --no-pdf --quiet",
    "full_warm": "full warm, new: the same build again on its folder, nothing changed",
    "naive": "naive handout loop: papermill CLI (whole lesson) + nbconvert --no-input",
    "handouts": "pakfp-course build --only handouts --no-pdf --quiet",
    "handouts_pdf": "pakfp-course build --only handouts --quiet (PDF when Chromium found)",
}

#: name: (numerator, denominator, comparison, target); ``None`` target = information only.
RATIOS = {
    "full new / full old": ("full_new", "full_old", "<=", 0.5),
    "full new --no-pdf / full old": ("full_new_no_pdf", "full_old", "<=", None),
    "naive / handouts (HTML)": ("naive", "handouts", ">=", 6.0),
    "naive / handouts with PDF": ("naive", "handouts_pdf", ">=", None),
    "full cold / full warm": ("full_new", "full_warm", ">=", 100.0),
}


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


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


class Builder:
    """How to run one version of ``pakfp-course build``: command, working folder, environment."""

    def __init__(self, cmd: list[str], cwd: Path, env: dict[str, str] | None,
                 lessons: list[Path], jobs: int | None) -> None:
        self.cmd, self.cwd, self.env = cmd, cwd, env
        self.lesson_args = ([] if lessons == find_lessons(None)
                            else ["--lessons", *(p.stem for p in lessons)])
        self.job_args = ["--jobs", str(jobs)] if jobs else []

    def __call__(self, out: Path, *options: str) -> tuple[float, str]:
        """Run ``build [options] --quiet --out OUT`` (with ``--lessons`` for a subset)."""
        return run([*self.cmd, "build", *options, *self.lesson_args, *self.job_args,
                    "--quiet", "--out", str(out)], cwd=self.cwd, env=self.env)


def fresh_out(path: Path, npm: Path) -> Path:
    """Make an empty output folder holding a copy of the pre-warmed ``.cache/npm``."""
    path.mkdir(parents=True)
    shutil.copytree(npm, path / ".cache" / "npm")
    return path


def read_manifest(out: Path) -> dict:
    """Return ``out/manifest.json``, or exit when the build wrote none."""
    path = out / "manifest.json"
    if not path.is_file():
        sys.exit(f"the build wrote no {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def output_counts(manifest: dict) -> dict[str, int]:
    """Return how many outputs of each kind a manifest lists (a handout's PDF apart)."""
    outputs = manifest.get("outputs", {})
    counts = Counter(entry.get("kind", "?") + ("_pdf" if rel.endswith(".pdf") else "")
                     for rel, entry in outputs.items())
    return dict(sorted(counts.items()))


def check_handouts(out: Path, lessons: list[Path], suffixes: tuple[str, ...]) -> None:
    """Exit unless every handout of the matrix is in ``out`` with each suffix."""
    missing = [f"{lesson.stem}/{phase}{suffix}" for lesson in lessons for phase in PHASE_IDS
               for suffix in suffixes
               if not (out / "handouts" / lesson.stem / f"{phase}{suffix}").is_file()]
    if missing:
        sys.exit(f"the build did not write {len(missing)} handout file(s), e.g. {missing[0]}")


def check_npm_reused(out: Path, warmed: set[str], who: str) -> None:
    """Exit if the build installed npm packages again instead of using the copied install."""
    found = {p.name for p in (out / ".cache" / "npm").iterdir() if p.is_dir()}
    if found != warmed:
        sys.exit(f"the {who} build did not reuse the pre-warmed npm install: "
                 f"{sorted(found)} in .cache/npm, copied {sorted(warmed)}")


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


def warm_up(build: Builder, root: Path, name: str) -> Path:
    """Run one untimed small build; return its ``.cache/npm`` folder (the npm install)."""
    out = root / name
    saved = build.lesson_args
    build.lesson_args = ["--lessons", "00"]
    try:
        build(out, "--only", "handouts")
    finally:
        build.lesson_args = saved
    npm = out / ".cache" / "npm"
    if not npm.is_dir():
        sys.exit(f"the warm-up build left no npm cache in {npm}")
    return npm


# --- the baseline: an old commit run from a temporary worktree, not installed -------------

def git(*args: str, cwd: Path) -> str:
    """Run git; return its standard output, or exit with its error."""
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


@contextlib.contextmanager
def worktree(repo: Path, ref: str, path: Path) -> Iterator[tuple[Path, str]]:
    """Check ``ref`` out at ``path`` (detached worktree); remove it on exit, even on failure."""
    commit = git("rev-parse", "--verify", f"{ref}^{{commit}}", cwd=repo)
    git("worktree", "add", "--detach", str(path), commit, cwd=repo)
    try:
        yield path, commit
    finally:
        done = subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=repo,
                              capture_output=True, text=True)
        if done.returncode != 0:
            shutil.rmtree(path, ignore_errors=True)
            subprocess.run(["git", "worktree", "prune"], cwd=repo, capture_output=True)
        print(f"removed the baseline worktree {path}", file=sys.stderr, flush=True)


def baseline_env(tree: Path, meta_root: Path) -> dict[str, str]:
    """Return the environment that runs ``tree``'s package on its own notebooks and data.

    ``course_path`` looks for ``notebooks`` and ``course_data`` inside the
    package, then in the checkout named by the installed distribution's PEP 610
    record; a throw-away dist-info naming ``tree`` goes first on ``PYTHONPATH``
    so that record is the worktree's. The kernels the build starts inherit it.
    """
    pyproject = (tree / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^version\s*=\s*"([^"]+)"', pyproject, re.MULTILINE)
    version = found.group(1) if found else "0"
    info = meta_root / f"pakfp_course-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: pakfp-course\nVersion: {version}\n", encoding="utf-8")
    (info / "direct_url.json").write_text(
        json.dumps({"url": tree.resolve().as_uri(), "dir_info": {"editable": True}}),
        encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(meta_root), str(tree / "src")])
    return env


def check_baseline_paths(tree: Path, env: dict[str, str]) -> dict:
    """Exit unless the baseline's package, notebooks and course data are the worktree's."""
    probe = ("import json, pakfp_course\n"
             "from pakfp_course.resources import course_path\n"
             "print(json.dumps({'package': pakfp_course.__file__,\n"
             "                  'version': pakfp_course.__version__,\n"
             "                  'notebooks': str(course_path('notebooks')),\n"
             "                  'course_data': str(course_path('course_data'))}))")
    _, out = run([sys.executable, "-c", probe], cwd=tree, env=env)
    paths = json.loads(out)
    root = tree.resolve()
    for key in ("package", "notebooks", "course_data"):
        if not Path(paths[key]).resolve().is_relative_to(root):
            sys.exit(f"the baseline's {key} is {paths[key]}, not inside the worktree {tree}")
    return paths


def same_npm_pins(tree: Path) -> bool:
    """Return whether the baseline pins the same npm packages (same ``.cache/npm/<digest>``)."""
    new = Path(requests.__file__).parent / "npm"
    old = list(tree.glob("src/pakfp_course/*/npm/package-lock.json"))
    if len(old) != 1:
        return False
    return all((old[0].parent / name).read_bytes() == (new / name).read_bytes()
               for name in ("package.json", "package-lock.json"))


def tagged_cells(folder: Path, tag: str) -> int:
    """Return how many cells of the notebooks in ``folder`` carry ``tag``."""
    count = 0
    for nb in folder.glob("[0-9][0-9]_*.ipynb"):
        cells = json.loads(nb.read_text(encoding="utf-8")).get("cells", [])
        count += sum(tag in c.get("metadata", {}).get("tags", []) for c in cells)
    return count


def check_baseline_read(manifest: dict, tree: Path) -> dict:
    """Exit unless every output of the old build came from the worktree's notebooks."""
    wrong, checked = [], set()
    for rel, entry in manifest.get("outputs", {}).items():
        inputs = entry.get("inputs", {})
        name = Path(inputs.get("notebook", "")).name
        if not name:
            continue
        if inputs.get("notebook_sha256") != sha256_file(tree / "notebooks" / name):
            wrong.append(rel)
        checked.add(name)
    if wrong:
        sys.exit(f"the baseline build did not read the worktree's notebooks: {wrong[:3]}")
    current = course_path("notebooks")
    differ = sorted(n for n in checked
                    if sha256_file(current / n) != sha256_file(tree / "notebooks" / n))
    return {"notebooks_checked": sorted(checked), "differ_from_current": differ,
            "manifest_version": manifest.get("version")}


# --- measuring ----------------------------------------------------------------------------

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
    info["chromium"] = builder_jobs.chromium_path()
    return info


def say(rep: int, what: str, seconds: float) -> None:
    """Print one timing as it comes (standard error)."""
    print(f"  rep {rep}: {what} {seconds:.2f} s", file=sys.stderr, flush=True)


def measure(lessons: list[Path], repeat: int, jobs: int | None, root: Path, ref: str,
            no_pdf: bool) -> dict:
    """Set up the baseline, run the interleaved repetitions; return every timing."""
    repo = checkout_root() or Path(__file__).resolve().parents[1]
    new = Builder(console_script("pakfp-course"), root, None, lessons, jobs)
    chromium = builder_jobs.chromium_path() is not None
    pdf_suffixes = (".html", ".pdf") if chromium else (".html",)
    with worktree(repo, ref, root / "baseline") as (tree, commit):
        env = baseline_env(tree, root / "baseline-meta")
        paths = check_baseline_paths(tree, env)
        run([sys.executable, "-m", "compileall", "-q", str(tree / "src")], cwd=tree, env=env)
        old = Builder([sys.executable, "-m", "pakfp_course"], tree, env, lessons, jobs)

        print("  warm-up (untimed)", file=sys.stderr, flush=True)
        npm = warm_up(new, root, "warmup")
        npm_same = same_npm_pins(tree)
        old_npm = npm if npm_same else warm_up(old, root, "warmup-old")
        warmed = {p.name for p in npm.iterdir() if p.is_dir()}
        old_warmed = {p.name for p in old_npm.iterdir() if p.is_dir()}

        names = [m for m in MEASURES if no_pdf or m != "full_new_no_pdf"]
        times: dict[str, list[float]] = {m: [] for m in names}
        counts: dict[str, dict] = {}
        naive_detail, warm_said, baseline_read = [], [], {}
        for i in range(repeat):
            rep = i + 1

            def full_old(i: int = i, rep: int = rep) -> None:
                out = fresh_out(root / f"old-{i}", old_npm)
                seconds, _ = old(out)
                times["full_old"].append(seconds)
                say(rep, "full old", seconds)
                check_npm_reused(out, old_warmed, "baseline")
                manifest = read_manifest(out)
                counts["full_old"] = output_counts(manifest)
                baseline_read.update(check_baseline_read(manifest, tree))
                shutil.rmtree(out, ignore_errors=True)

            def full_new(i: int = i, rep: int = rep) -> None:
                out = fresh_out(root / f"new-{i}", npm)
                seconds, _ = new(out)
                times["full_new"].append(seconds)
                say(rep, "full new", seconds)
                check_npm_reused(out, warmed, "new")
                check_handouts(out, lessons, pdf_suffixes)
                before = read_manifest(out)
                counts["full_new"] = output_counts(before)
                seconds, stdout = new(out)
                if "everything up to date" not in stdout:
                    after = read_manifest(out)
                    sys.exit(f"the warm rebuild rebuilt something:\n{stdout}\n"
                             f"manifest changes: {manifest_changes(before, after)}")
                warm_said.append(stdout.strip().splitlines()[0])
                times["full_warm"].append(seconds)
                say(rep, "full warm", seconds)
                shutil.rmtree(out, ignore_errors=True)

            for step in ((full_old, full_new) if i % 2 == 0 else (full_new, full_old)):
                step()

            if no_pdf:
                out = fresh_out(root / f"new-nopdf-{i}", npm)
                seconds, _ = new(out, "--no-pdf")
                times["full_new_no_pdf"].append(seconds)
                say(rep, "full new --no-pdf", seconds)
                check_handouts(out, lessons, (".html",))
                counts["full_new_no_pdf"] = output_counts(read_manifest(out))
                shutil.rmtree(out, ignore_errors=True)

            work = root / f"naive-{i}"
            result = naive_loop(lessons, work)
            times["naive"].append(result["seconds"])
            naive_detail.append(result["handouts"])
            shutil.rmtree(work, ignore_errors=True)
            say(rep, "naive", result["seconds"])

            for name, options, suffixes in (("handouts", ("--no-pdf",), (".html",)),
                                            ("handouts_pdf", (), pdf_suffixes)):
                out = fresh_out(root / f"{name}-{i}", npm)
                seconds, _ = new(out, "--only", "handouts", *options)
                times[name].append(seconds)
                say(rep, name, seconds)
                check_handouts(out, lessons, suffixes)
                counts[name] = output_counts(read_manifest(out))
                shutil.rmtree(out, ignore_errors=True)

    medians = {k: statistics.median(v) for k, v in times.items()}
    ratios = {}
    for name, (num, den, op, target) in RATIOS.items():
        if num not in medians or den not in medians:
            continue
        value = medians[num] / medians[den]
        met = None if target is None else (value <= target if op == "<=" else value >= target)
        ratios[name] = {"value": value, "numerator": num, "denominator": den,
                        "target": None if target is None else f"{op} {target:g}", "met": met}
    return {"baseline": {"ref": ref, "commit": commit, "paths": paths,
                         "same_npm_pins": npm_same, **baseline_read},
            "times": times, "medians": medians, "ratios": ratios, "outputs": counts,
            "warm_rebuild_said": warm_said, "naive_handouts": naive_detail}


def report(results: dict, info: dict, lessons: list[Path], jobs: int | None) -> None:
    """Print the machine, the per-repetition seconds, the medians and the ratios."""
    n = len(lessons) * len(PHASE_IDS)
    full = len(lessons) == len(find_lessons(None))
    base = results["baseline"]
    print(f"machine: {info['cpu_count']} CPUs (os.cpu_count), Python {info['python']}, "
          f"{info['platform']}; load average at start {info.get('loadavg_at_start')}")
    print(f"versions: pakfp-course {info['pakfp-course']}, papermill {info['papermill']}, "
          f"nbconvert {info['nbconvert']}, nbclient {info['nbclient']}; "
          f"chromium {info['chromium'] or 'not found (no PDFs)'}")
    print(f"lessons: {len(lessons)} ({' '.join(p.stem for p in lessons)}); handout matrix "
          f"{len(lessons)} x {len(PHASE_IDS)} phase ids = {n}"
          f"{'' if full else '  (a subset: the targets are for every lesson)'}")
    print(f"build --jobs: {jobs or 'default (' + str(info['cpu_count']) + ')'}")
    print(f"baseline: {base['ref']} = {base['commit'][:12]} from a temporary git worktree, "
          f"not installed (PYTHONPATH=<worktree>/src + a dist-info naming the worktree); "
          f"it read its own notebooks ({len(base.get('notebooks_checked', []))} checked by "
          f"sha256, {len(base.get('differ_from_current', []))} differ from the current ones) "
          f"and course_data {base['paths']['course_data']}")
    print("npm: one untimed warm-up build filled the npm install; its .cache/npm was copied "
          "into every fresh output folder"
          + ("" if base["same_npm_pins"] else " (the baseline pins other npm packages: it "
             "had its own warm-up)"))
    print("outputs per build (manifest kinds): "
          + "; ".join(f"{k}: {v}" for k, v in results["outputs"].items()))
    print()
    t, m = results["times"], results["medians"]
    width = max(len(k) for k in t)
    reps = len(next(iter(t.values())))
    print(f"{'seconds':<{width}}  " + "  ".join(f"{'rep ' + str(i + 1):>8}" for i in range(reps))
          + f"  {'median':>8}")
    for key in t:
        print(f"{key:<{width}}  " + "  ".join(f"{s:>8.2f}" for s in t[key])
              + f"  {m[key]:>8.2f}")
    print()
    for key in t:
        print(f"  {key}: {LABELS[key]}")
    per = [h for rep in results["naive_handouts"] for h in rep]
    pm = statistics.median(h["papermill_s"] for h in per)
    nc = statistics.median(h["nbconvert_s"] for h in per)
    print(f"naive per handout (median): papermill {pm:.1f} s + nbconvert {nc:.1f} s")
    print("warm rebuild said: " + "; ".join(sorted(set(results["warm_rebuild_said"]))))
    print()
    for name, r in results["ratios"].items():
        verdict = ("information" if r["met"] is None
                   else f"target {r['target']}: {'met' if r['met'] else 'NOT met'}")
        print(f"{name}: {r['value']:.3g}x  ({verdict})")


def main() -> None:
    """Parse the options, run the benchmark, print and optionally save the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (default: 3)")
    parser.add_argument("--lessons", nargs="+", default=None, metavar="LESSON",
                        help="lesson names or numbers (default: all)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="pakfp-course build --jobs (default: the build's, CPU count)")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, metavar="REF",
                        help=f"git commit of the old build (default: {DEFAULT_BASELINE})")
    parser.add_argument("--skip-no-pdf", action="store_true",
                        help="do not time the full new build with --no-pdf")
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
    if args.tmp:
        Path(args.tmp).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench_build-", dir=args.tmp) as tmp:
        results = measure(lessons, args.repeat, args.jobs, Path(tmp), args.baseline,
                          not args.skip_no_pdf)
    report(results, info, lessons, args.jobs)
    if args.json:
        body = {
            "benchmark": "bench_build",
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": info,
            "lessons": [p.stem for p in lessons],
            "all_lessons": len(lessons) == len(find_lessons(None)),
            "phases": list(PHASE_IDS),
            "handouts": len(lessons) * len(PHASE_IDS),
            "repeat": args.repeat,
            "jobs": args.jobs or info["cpu_count"],
            "npm_prewarmed": True,
            "measurements": {k: LABELS[k] for k in results["times"]},
            "baseline": results["baseline"],
            "seconds": results["times"],
            "medians": results["medians"],
            "ratios": results["ratios"],
            "outputs": results["outputs"],
            "warm_rebuild_said": results["warm_rebuild_said"],
            "naive_handouts": results["naive_handouts"],
        }
        Path(args.json).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
