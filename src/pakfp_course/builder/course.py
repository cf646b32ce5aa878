"""Build the whole course, or a set of handouts, in one call.

``build_course`` plans the jobs (skipping those whose outputs are up to date),
runs them in a process pool, records each output in ``manifest.json`` as it
lands and writes ``index.html``. Every request is checked before anything is
written; an interrupted build leaves only whole files and resumes next time.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import BuildRequestError, PakfpCourseError, UnknownChoiceError
from ..resources import course_path
from .assets import ensure_assets
from .cache import (
    Manifest,
    code_digest,
    content_key,
    data_digest,
    sha256_bytes,
    sha256_file,
)
from .execute import CELL_TIMEOUT, build_environment
from .index import write_index
from .jobs import CHROMIUM_NAMES, Context, Job, JobResult, chromium_path, init_worker, run_job
from .requests import DEFAULT_MATRIX, Handout, Lesson, find_lessons, handout_requests
from .site import SITE_DIR, SITE_TITLE, build_site, site_inputs

__all__ = ["OUTPUT_KINDS", "BuildReport", "build_course", "make_handouts"]

#: The kinds of output ``build_course`` can make (``only=`` picks some).
OUTPUT_KINDS = ("student", "instructor", "html", "slides", "handouts", "site")


@dataclass
class BuildReport:
    """What a build did: results per job, skipped jobs, where the outputs are."""

    out: Path
    results: list[JobResult] = field(default_factory=list)
    skipped: list[Job] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # said once, e.g. why there are no PDFs

    @property
    def failed(self) -> list[JobResult]:
        """Jobs that failed."""
        return [r for r in self.results if r.failure]

    @property
    def ok(self) -> bool:
        """Whether every job succeeded."""
        return not self.failed

    def table(self) -> str:
        """Return a plain-text summary table of the jobs that ran."""
        rows = [("item", "status", "seconds", "detail")]
        for r in self.results:
            status = "FAILED" if r.failure else "built"
            detail = (r.failure or "") + (f" -> {r.failed_notebook}" if r.failed_notebook else "")
            rows.append((r.job.name, status, f"{r.seconds:.1f}", detail))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:>{widths[2]}}  {d}".rstrip()
                 for a, b, c, d in rows]
        lines.insert(1, "-" * len(lines[0]))
        lines.append(f"{len(self.results) - len(self.failed)} built, {len(self.failed)} failed, "
                     f"{len(self.skipped)} up to date (skipped) in {self.seconds:.1f} s")
        return "\n".join(lines)


def _check_only(only: Sequence[str] | None) -> tuple[str, ...]:
    if not only:
        return OUTPUT_KINDS
    for kind in only:
        if kind not in OUTPUT_KINDS:
            raise UnknownChoiceError("output kind", kind, OUTPUT_KINDS)
    return tuple(k for k in OUTPUT_KINDS if k in only)


def _defaults(lesson: Lesson, **overrides: object) -> tuple[tuple[str, object], ...]:
    params = dict(lesson.parameters)
    params.update({k: v for k, v in overrides.items() if k in params})
    return tuple(sorted(params.items()))


class _Planner:
    def __init__(self, data: str, code: str) -> None:
        self.data = data
        self.code = code
        self._notebook_sha: dict[Path, str] = {}  # each lesson read and hashed once

    def job(self, kind: str, lesson: Lesson, params, outputs: dict[str, str]) -> Job:
        if lesson.path not in self._notebook_sha:
            self._notebook_sha[lesson.path] = sha256_file(lesson.path)
        notebook_sha = self._notebook_sha[lesson.path]
        key = content_key(kind, notebook_sha, dict(params), self.data, self.code)
        return Job(kind, lesson.name, str(lesson.path), tuple(params),
                   tuple(outputs.items()), key, lesson.title, notebook_sha)


def _plan(lessons: list[Lesson], kinds: tuple[str, ...], handouts: list[Handout],
          planner: _Planner, pdf: bool) -> list[Job]:
    jobs: list[Job] = []
    for lesson in lessons:  # one run of each lesson makes all its pages
        outs = {}
        if "instructor" in kinds or "site" in kinds:  # the site is made from this notebook
            outs["notebook"] = f"instructor/{lesson.name}.ipynb"
        if "instructor" in kinds:
            outs["instructor_html"] = f"instructor/{lesson.name}.html"
        if "html" in kinds:
            outs["html"] = f"html/{lesson.name}.html"
        if "slides" in kinds:
            outs["slides"] = f"slides/{lesson.name}.slides.html"
        if outs:
            jobs.append(planner.job("lesson", lesson, _defaults(lesson, audience="instructor"),
                                    outs))
    for handout in handouts:
        base = f"handouts/{handout.lesson.name}/{handout.stem}"
        outs = {"html": f"{base}.html"}
        if pdf:
            outs["pdf"] = f"{base}.pdf"
        jobs.append(planner.job("handout", handout.lesson, handout.parameters, outs))
    if "student" in kinds:  # cheap: no kernel; last so executions start first
        for lesson in lessons:
            jobs.append(planner.job("student", lesson, (),
                                    {"notebook": f"student/{lesson.name}.ipynb"}))
    return jobs


def _progress(total: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="item", desc="pakfp-course build", leave=False,
                disable=quiet or not sys.stderr.isatty(), file=sys.stderr)


_KIND_OF_FOLDER = {"student": "student", "instructor": "instructor", "html": "html",
                   "slides": "slides", "handouts": "handout", "site": "site"}


def _entry(job: Job, result: JobResult, rel: str, sha: str, size: int, data: str,
           code: str) -> dict:
    made_from = ({"lessons": "instructor/*.ipynb"} if job.kind == "site" else
                 {"notebook": f"notebooks/{Path(job.notebook).name}",
                  "notebook_sha256": job.notebook_sha256})
    return {
        "kind": _KIND_OF_FOLDER[rel.split("/", 1)[0]],
        "lesson": job.lesson,
        "title": job.label,
        "parameters": dict(job.parameters),
        "inputs": {**made_from, "course_data": data, "package_version": __version__,
                   "package_code": code},
        "key": job.key,
        "sha256": sha,
        "bytes": size,
        "seconds": round(result.seconds, 2),
    }


def _run(jobs: list[Job], ctx: Context, n_workers: int, env: Mapping[str, str],
         on_result: Callable[[JobResult], None], quiet: bool) -> None:
    if not jobs:
        return
    bar = _progress(len(jobs), quiet)
    spawn = multiprocessing.get_context("spawn")
    pool = spawn.Pool(processes=max(1, min(n_workers, len(jobs))), initializer=init_worker,
                      initargs=(dict(env), str(Path(ctx.cache) / "logs")))
    try:
        for result in pool.imap_unordered(_run_one, [(job, ctx) for job in jobs]):
            on_result(result)
            bar.update(1)
        pool.close()
    except BaseException:
        pool.terminate()  # kernels notice their parent is gone and exit
        raise
    finally:
        pool.join()
        bar.close()


def _run_one(args: tuple[Job, Context]) -> JobResult:
    return run_job(*args)


def _execute(out: Path, lessons: list[Lesson], kinds: tuple[str, ...],
             handouts: list[Handout], *, jobs: int | None, force: bool, pdf: bool | None,
             quiet: bool, timeout: int, notebooks: Path) -> BuildReport:
    start = time.perf_counter()
    if jobs is not None and jobs < 1:
        raise BuildRequestError(f"--jobs must be 1 or more, got {jobs}")
    if timeout < 1:
        raise BuildRequestError(f"--timeout must be 1 second or more, got {timeout}")
    out = Path(out)
    cache = out / ".cache"
    chromium = chromium_path() if pdf is not False and handouts else None
    notes: list[str] = []
    if pdf and handouts and chromium is None:
        raise BuildRequestError(
            "--pdf prints handouts with Chromium, but none was found (looked for "
            f"{', '.join(CHROMIUM_NAMES)}; or set PAKFP_COURSE_CHROMIUM). "
            "On Debian/Ubuntu: sudo apt-get install chromium")
    if pdf is None and handouts and chromium is None:
        notes.append(
            "handouts were made as HTML only: printing them to PDF needs Chromium, and none "
            f"was found ({', '.join(CHROMIUM_NAMES)}, or PAKFP_COURSE_CHROMIUM). Install it "
            "(Debian/Ubuntu: sudo apt-get install chromium) and build again for the PDFs, or "
            "print the HTML handouts from a browser.")
    pdf = chromium is not None
    with _build_lock(cache):
        tmp = cache / "tmp"
        shutil.rmtree(tmp, ignore_errors=True)  # parts left by an interrupted run
        tmp.mkdir(parents=True, exist_ok=True)
        needs_assets = bool({"html", "slides", "handouts", "instructor", "site"} & set(kinds)) and (
            bool(lessons) or bool(handouts))
        if needs_assets:
            ensure_assets(out, cache, force=force)
        data = data_digest(course_path("course_data"))
        code = code_digest()
        planner = _Planner(data, code)
        manifest = Manifest(out, tmp)
        manifest.meta = {"course": "pakfp-course", "version": __version__,
                         "notebooks": str(notebooks)}
        report = BuildReport(out, notes=notes)
        todo: list[Job] = []
        for job in _plan(lessons, kinds, handouts, planner, pdf):
            if not force and all(manifest.is_fresh(rel, job.key) for _, rel in job.outputs):
                report.skipped.append(job)
            else:
                todo.append(job)
        ctx = Context(str(out.resolve()), str(cache.resolve()), timeout, chromium)
        env = build_environment(cache)
        for folder in env.values():  # Jupyter, IPython and matplotlib state folders
            if os.path.isabs(folder):
                Path(folder).mkdir(parents=True, exist_ok=True)

        def on_result(result: JobResult) -> None:
            report.results.append(result)
            if not result.failure:
                for rel, (sha, size) in result.written.items():
                    manifest.record(rel, _entry(result.job, result, rel, sha, size, data, code))
            manifest.save()

        try:
            _run(todo, ctx, jobs or os.cpu_count() or 1, env, on_result, quiet)
            if "site" in kinds and lessons:
                site = _site(out, manifest, cache, env, planner, force)
                if site is not None:
                    on_result(site)
        finally:
            manifest.save()
            write_index(out, manifest.outputs, _failed_notebooks(out), tmp)
        report.seconds = time.perf_counter() - start
        return report


def _site(out: Path, manifest: Manifest, cache: Path, env: Mapping[str, str],
          planner: _Planner, force: bool) -> JobResult | None:
    """Build the website unless it is up to date; return what happened (None: skipped)."""
    inputs = json.dumps(site_inputs(manifest.outputs), sort_keys=True).encode()
    key = content_key("site", sha256_bytes(inputs), {}, planner.data, planner.code)
    rel = f"{SITE_DIR}/index.html"
    job = Job("site", "", "", (), (("index", rel),), key, SITE_TITLE)
    if not force and manifest.is_fresh(rel, key):
        return None
    result = JobResult(job)
    start = time.perf_counter()
    try:
        index = build_site(out, manifest.outputs, cache.resolve(), env)
        result.written[rel] = (sha256_file(index), index.stat().st_size)
    except Exception as exc:  # the other outputs are written: report, do not crash
        result.failure = str(exc) if isinstance(exc, PakfpCourseError) else (
            f"{type(exc).__name__}: {exc}")
    result.seconds = time.perf_counter() - start
    return result


@contextmanager
def _build_lock(cache: Path) -> Iterator[None]:
    """Hold ``<cache>/lock`` so two builds never write into one folder at once."""
    import fcntl

    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / "lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildRequestError(
                f"another build is writing to {cache.parent}; wait for it to finish or "
                "choose another --out") from None
        yield


def _failed_notebooks(out: Path) -> list[str]:
    folder = out / "failed"
    return sorted(f"failed/{p.name}" for p in folder.glob("*.ipynb")) if folder.is_dir() else []


def build_course(
    out: str | Path = "_build",
    *,
    lessons: Sequence[str] | None = None,
    only: Sequence[str] | None = None,
    matrix: Sequence[Mapping] = DEFAULT_MATRIX,
    jobs: int | None = None,
    force: bool = False,
    pdf: bool | None = None,
    quiet: bool = False,
    timeout: int = CELL_TIMEOUT,
    notebooks: str | Path | None = None,
) -> BuildReport:
    """Build every output of the course from its lesson notebooks.

    Parameters
    ----------
    out
        Output folder (``site/``, ``student/``, ``instructor/``, ``html/``,
        ``slides/``, ``handouts/``, ``assets/``, ``index.html``, ``manifest.json``).
    lessons
        Lesson names or numbers to build (default: all).
    only
        Output kinds to build, from :data:`OUTPUT_KINDS` (default: all).
    matrix
        Handout parameter sets (default: every lesson at every phase id).
    jobs
        Worker processes (default: the number of CPUs).
    force
        Rebuild outputs that are up to date.
    pdf
        Print each handout to PDF with Chromium: by default when Chromium is
        found (the report's ``notes`` say so once when it is not); ``True``
        requires it, ``False`` makes HTML handouts only.
    quiet
        No progress bar.
    timeout
        Seconds any one cell may run.
    notebooks
        Folder of lesson notebooks (default: the course's own).
    """
    kinds = _check_only(only)
    source = Path(notebooks) if notebooks else course_path("notebooks")
    chosen = find_lessons(source, lessons)
    handouts = handout_requests(chosen, matrix) if "handouts" in kinds else []
    return _execute(Path(out), chosen, kinds, handouts, jobs=jobs, force=force, pdf=pdf,
                    quiet=quiet, timeout=timeout, notebooks=source)


def make_handouts(
    lesson: str,
    *,
    params: Mapping[str, object] | None = None,
    matrix: Sequence[Mapping] | None = None,
    out: str | Path = "_build",
    jobs: int | None = None,
    force: bool = False,
    pdf: bool | None = None,
    quiet: bool = False,
    timeout: int = CELL_TIMEOUT,
    notebooks: str | Path | None = None,
) -> BuildReport:
    """Make the handouts of one lesson: one parameter set, a matrix, or every phase id.

    Everything is checked before anything runs or is written: the lesson exists,
    each parameter is declared in its ``parameters`` cell, each value has the
    declared type and (for ``phase``) is a phase id.
    """
    source = Path(notebooks) if notebooks else course_path("notebooks")
    chosen = find_lessons(source, [lesson])
    if params and matrix:
        raise BuildRequestError("give --param or --matrix, not both")
    if matrix and any("lessons" in group for group in matrix):
        raise BuildRequestError(
            f"this makes handouts of one lesson ({chosen[0].name}), so the matrix may not "
            "name lessons; for a matrix over lessons use: pakfp-course build --only handouts "
            "--matrix FILE")
    if params:
        groups: Sequence[Mapping] = [dict(params)]
    elif matrix:
        groups = matrix
    else:
        groups = DEFAULT_MATRIX
    handouts = handout_requests(chosen, groups)
    return _execute(Path(out), [], ("handouts",), handouts, jobs=jobs, force=force, pdf=pdf,
                    quiet=quiet, timeout=timeout, notebooks=source)
