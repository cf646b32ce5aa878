"""The units of work of a build and the worker that runs one of them.

A job executes one notebook (or, for student notebooks, only transforms it) and
writes every output made from that execution: one run of a lesson makes the
instructor notebook and page, the student page and the slides; one run of a
lesson's handout cells (:func:`~.transform.handout_notebook`) makes a handout.
Jobs run in worker processes; the Jupyter machinery (nbformat, papermill,
nbconvert) is imported there, when a job runs, so a build with nothing to do
starts and ends quickly; everything a job needs travels in the picklable :class:`Job` and
:class:`Context`, and a job never raises: it returns a :class:`JobResult`.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import atomic_write

if TYPE_CHECKING:
    from .execute import ExecutionFailure

__all__ = ["CHROMIUM_NAMES", "Context", "Job", "JobResult", "init_worker", "run_job"]

#: The names Chromium goes by on PATH, in the order they are looked for.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass(frozen=True)
class Context:
    """What every job needs to know about the build."""

    out: str
    cache: str
    timeout: int
    chromium: str | None = None  # set when PDFs are wanted


@dataclass(frozen=True)
class Job:
    """One execution (or transform) and the outputs written from it.

    ``kind`` is ``student`` (no execution), ``lesson`` (one run of the whole
    lesson: the instructor notebook with solutions and widget state, its HTML,
    the student HTML and the slides, whichever ``outputs`` names) or ``handout``
    (a run of the lesson's handout cells only). ``outputs`` maps each output's role to its path
    relative to the output folder.
    """

    kind: str
    lesson: str
    notebook: str
    parameters: tuple[tuple[str, object], ...]
    outputs: tuple[tuple[str, str], ...]
    key: str
    label: str = ""  # the lesson's title, for the index and manifest
    notebook_sha256: str = ""  # of the notebook the key was made from

    @property
    def name(self) -> str:
        """A short unique name, used for failed notebooks and the summary."""
        extra = "-".join(str(v) for _, v in self.parameters if self.kind == "handout")
        return "-".join(p for p in (self.kind, self.lesson, extra) if p)


@dataclass
class JobResult:
    """What a job wrote (relative path -> sha256, bytes) or why it failed."""

    job: Job
    seconds: float = 0.0
    written: dict[str, tuple[str, int]] = field(default_factory=dict)
    failure: str | None = None
    failed_notebook: str | None = None


def init_worker(env: dict[str, str], log_dir: str) -> None:
    """Set up a worker process.

    Jupyter, IPython and matplotlib state goes to the build cache; Ctrl-C is the
    parent's to handle; the worker's and its kernels' log lines go to a file in
    ``log_dir`` rather than over the progress bar.
    """
    os.environ.update(env)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    Path(log_dir).mkdir(parents=True, exist_ok=True)
    log = os.open(Path(log_dir) / f"worker-{os.getpid()}.log",
                  os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 2)
    os.close(log)


def _assets_rel(relpath: str) -> str:
    depth = len(Path(relpath).parts) - 1
    return "/".join([".."] * depth + ["assets"])


def _write(ctx: Context, result: JobResult, relpath: str, data: str | bytes) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    sha = atomic_write(Path(ctx.out) / relpath, raw, Path(ctx.cache) / "tmp")
    result.written[relpath] = (sha, len(raw))


def _phase_label(phase: str) -> str:
    from ..phases import PHASE_IDS, phase_table, phase_years

    if phase in PHASE_IDS:
        return f"{phase_table().loc[phase, 'name']}, {phase_years(phase)}"
    return "overview, all phases"


def _print_pdf(ctx: Context, html_rel: str, pdf_rel: str, result: JobResult) -> None:
    from .printer import print_pdf

    pdf = print_pdf(ctx.chromium, Path(ctx.out) / html_rel, tmp_dir=Path(ctx.cache) / "tmp",
                    timeout=ctx.timeout)
    _write(ctx, result, pdf_rel, pdf)


def _failed(ctx: Context, job: Job, result: JobResult, nb, failure: ExecutionFailure) -> None:
    where = f"cell {failure.cell_index}" if failure.cell_index is not None else "kernel"
    summary = (
        f"## This build item failed: `{job.name}`\n\n"
        f"- **Lesson:** `{job.lesson}`; **parameters:** `{dict(job.parameters)}`\n"
        f"- **Where:** {where}"
        f" (counting from 0, after papermill's injected cells)\n"
        f"- **Error:** `{failure.error}`\n\n"
        "**Failing cell:**\n\n```python\n" + failure.cell_source.strip() + "\n```\n\n"
        "**Traceback (last lines):**\n\n```\n" + failure.traceback + "\n```\n"
    )
    import nbformat

    cell = nbformat.v4.new_markdown_cell(summary, metadata={"tags": ["build-failure"]})
    nb.cells.insert(0, cell)
    rel = f"failed/{job.name}.ipynb"
    _write(ctx, result, rel, nbformat.writes(nb))
    result.failed_notebook = rel
    result.failure = failure.summary()


def _render(ctx: Context, job: Job, executed, result: JobResult) -> None:
    import nbformat

    from .export import render_handout, render_html, render_slides
    from .transform import (
        for_handout,
        for_instructor_html,
        for_slides,
        for_student_html,
        lesson_title,
    )

    title = lesson_title(executed, job.lesson)
    outputs = dict(job.outputs)
    if job.kind == "lesson":
        if "notebook" in outputs:
            _write(ctx, result, outputs["notebook"], nbformat.writes(executed))
        if "instructor_html" in outputs:
            _write(ctx, result, outputs["instructor_html"], render_html(
                for_instructor_html(executed), assets=_assets_rel(outputs["instructor_html"]),
                title=f"{title} (instructor version)"))
        if "html" in outputs:
            _write(ctx, result, outputs["html"], render_html(
                for_student_html(executed), assets=_assets_rel(outputs["html"]), title=title))
        if "slides" in outputs:
            _write(ctx, result, outputs["slides"], render_slides(
                for_slides(executed), assets=_assets_rel(outputs["slides"]), title=title))
    elif job.kind == "handout":
        params = dict(job.parameters)
        phase = str(params.get("phase", "all"))
        others = ", ".join(f"{k} = {v}" for k, v in job.parameters
                           if k not in ("phase", "audience"))
        page = render_handout(
            for_handout(executed), assets=_assets_rel(outputs["html"]), lesson=job.label or title,
            number=job.lesson.split("_", 1)[0], phase=phase, phase_label=_phase_label(phase),
            extra=others)
        _write(ctx, result, outputs["html"], page)
        if "pdf" in outputs:
            _print_pdf(ctx, outputs["html"], outputs["pdf"], result)


def run_job(job: Job, ctx: Context) -> JobResult:
    """Run one job; never raises (a failure is reported in the result)."""
    import nbformat

    from .execute import run_in_warm_kernel, run_notebook
    from .transform import for_student_notebook, handout_notebook

    result = JobResult(job)
    start = time.perf_counter()
    try:
        nb = nbformat.read(job.notebook, as_version=4)
        if job.kind == "student":
            rel = dict(job.outputs)["notebook"]
            _write(ctx, result, rel, nbformat.writes(for_student_notebook(nb)))
        else:
            work = Path(ctx.cache) / "work"
            work.mkdir(parents=True, exist_ok=True)
            if job.kind == "handout":  # a few cells: in the worker's kept kernel
                executed, failure = run_in_warm_kernel(
                    handout_notebook(nb), dict(job.parameters),
                    tmp_dir=Path(ctx.cache) / "tmp", cwd=work, timeout=ctx.timeout)
            else:  # a lesson: papermill, in a fresh kernel
                executed, failure = run_notebook(
                    nb, dict(job.parameters), tmp_dir=Path(ctx.cache) / "tmp", cwd=work,
                    timeout=ctx.timeout)
            if failure is not None:
                _failed(ctx, job, result, executed, failure)
            else:
                _render(ctx, job, executed, result)
                stale = Path(ctx.out) / "failed" / f"{job.name}.ipynb"
                stale.unlink(missing_ok=True)
    except Exception as exc:  # a bug or an unreadable file: report, keep the build going
        result.failure = f"{type(exc).__name__}: {exc}"
    result.seconds = time.perf_counter() - start
    return result


def chromium_path() -> str | None:
    """Return Chromium's executable (``PAKFP_COURSE_CHROMIUM`` or the usual names on PATH)."""
    env = os.environ.get("PAKFP_COURSE_CHROMIUM")
    if env:
        return env if shutil.which(env) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None
