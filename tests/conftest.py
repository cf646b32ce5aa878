"""Shared fixtures: a private copy of the course data that tests may corrupt."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pakfp_course.data import CourseData
from pakfp_course.resources import course_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a fresh copy of the course_data folder."""
    target = tmp_path / "course_data"
    shutil.copytree(course_path("course_data"), target)
    return target


def rehash(folder: Path, name: str) -> None:
    """Record the current sha256 of ``name``.csv in the copy's datapackage.json."""
    pkg_path = folder / "datapackage.json"
    pkg = json.loads(pkg_path.read_text(encoding="utf-8"))
    raw = (folder / f"{name}.csv").read_bytes()
    for res in pkg["resources"]:
        if res["name"] == name:
            res["hash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
            res["bytes"] = len(raw)
    pkg_path.write_text(json.dumps(pkg, indent=2), encoding="utf-8")


def numbers_by_source(numbers: Callable[[str], set[str]], skip: tuple[str, ...]
                      ) -> dict[str, set[str]]:
    """File every number in every course-data row under the row's source ids.

    ``numbers`` finds the numbers in a row's text (each test has its own rule for
    what counts as the same number); the datasets in ``skip`` (authored text
    checked against the rest) are left out.
    """
    from pakfp_course.data import list_datasets, split_ids

    index: dict[str, set[str]] = {}
    for name in list_datasets():
        if name in skip:
            continue
        with open(course_path("course_data") / f"{name}.csv", newline="",
                  encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                found = numbers(" ".join(v or "" for v in row.values()))
                for sid in split_ids(row["source_id"]):
                    index.setdefault(sid, set()).update(found)
    return index


def edit_cell(folder: Path, name: str, row: int, column: str, value: str) -> int:
    """Set one cell (``row`` 0 = first data row) and rehash; return its file line number."""
    path = folder / f"{name}.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[row + 1][rows[0].index(column)] = value
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    rehash(folder, name)
    return row + 2


@pytest.fixture
def course() -> CourseData:
    """Return a CourseData over the real course data (fresh, uncached)."""
    return CourseData()


def _cell(kind: str, source: str, slide: str = "-", tags: tuple[str, ...] = ()) -> dict:
    import nbformat

    meta = {"slideshow": {"slide_type": slide}}
    if tags:
        meta["tags"] = list(tags)
    maker = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    return maker(source, metadata=meta)


def write_tiny_lesson(path: Path, *, body: str = "", fail: bool = False) -> Path:
    """Write a small lesson notebook that follows the course's contract (runs in ~1 s).

    It has a parameters cell, a phase box, a solution, speaker notes, an
    instructor-only cell, a chart with alt text, a live explorer (also on the
    handout), three ``handout-only`` cells and a Sources section, so every build
    transform has something to act on. ``fail`` adds a cell that raises; ``body``
    adds a code cell (e.g. a sleep); both are on the handout too, so the lesson
    and each of its handouts meet them.
    """
    import nbformat

    cells = [
        _cell("markdown", f"# Tiny lesson {path.stem}\n\nA test lesson.", "slide"),
        _cell("code", "from pakfp_course import handout, lesson, plots, widgets\n"
              "lesson.enable_alt_text()", "skip"),
        _cell("code", 'phase = "all"\naudience = "student"', "skip", ("parameters",)),
        _cell("code", "params = lesson.check_parameters(phase, audience)\n"
              "lesson.phase_box(phase)", "-", ("hide-input",)),
        _cell("markdown", "## Exercise\n\nWhich phase had the most aid?", "subslide"),
        _cell("code", "answer = 'SOLUTION-CODE-2009-2016'\nanswer", "fragment", ("solution",)),
        _cell("markdown", "SOLUTION-TEXT: the diverging-interests phase.", "-", ("solution",)),
        _cell("markdown", "SPEAKER-NOTE: ask for a show of hands.", "notes"),
        _cell("markdown", "INSTRUCTOR-NOTE: this note is on a slide.", "-", ("instructor-only",)),
        _cell("markdown", "## A chart", "slide"),
        _cell("code", "plots.aid_by_year();", "-", ("hide-input",)),
        _cell("code", "widgets.phase_explorer('2009-2016')", "subslide", ("handout",)),
        _cell("markdown", "HANDOUT-SKIPPED cell.", "-", ("handout-skip",)),
        _cell("code", "handout.key_figures(phase)", "skip", ("handout-only",)),
        _cell("code", "handout.questions(['HANDOUT-Q1: mood or money?', 'HANDOUT-Q2: why?'])",
              "skip", ("handout-only",)),
        _cell("code", "handout.sources(datasets=['aid_crs'])", "skip", ("handout-only",)),
    ]
    if body:
        cells.append(_cell("code", body, "-", ("handout",)))
    if fail:
        cells.append(_cell("code", "raise RuntimeError('deliberate failure for the test')",
                           "-", ("handout",)))
    cells += [
        _cell("markdown", "## Sources", "slide"),
        _cell("code", "lesson.sources(['aid_crs', 'phases'])", "-", ("hide-input",)),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)
    return path


def chromium_or_skip() -> str:
    """Return Debian's Chromium, or skip (fail where ``PAKFP_COURSE_REQUIRE_CHROMIUM`` is set)."""
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("PAKFP_COURSE_REQUIRE_CHROMIUM"):
        pytest.fail("chromium is required here (PAKFP_COURSE_REQUIRE_CHROMIUM is set) but not "
                    "installed: apt-get install chromium")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


#: The console script a user runs.
CLI = str(Path(sys.executable).parent / "pakfp-course")


@dataclass
class Built:
    """The whole course built once with ``pakfp-course build`` for the session."""

    out: Path
    home: Path
    run: subprocess.CompletedProcess


def clean_env(home: Path) -> dict[str, str]:
    """Return the environment of a fresh user whose home is ``home`` (no Jupyter settings)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "IPYTHON", "MPLCONFIG", "XDG_"))}
    env["HOME"] = str(home)
    npmrc = Path.home() / ".npmrc"  # the machine's registry settings, read-only
    if npmrc.is_file():
        env["NPM_CONFIG_USERCONFIG"] = str(npmrc)
    return env


@dataclass
class _Background:
    """The session's course build, started at collection and running while other tests do.

    With pytest-xdist every worker collects, but only one starts the build: the
    first to create its folder next to the workers' own temporary folders. The
    others wait for its exit code file. The build runs under ``sh`` so that the
    exit code lands in a file any worker can read.
    """

    root: Path
    proc: subprocess.Popen | None = None  # set in the worker that started the build

    @property
    def out(self) -> Path:
        return self.root / "course" / "_build"

    @property
    def home(self) -> Path:
        return self.root / "home"

    def result(self, timeout: float = 1800) -> subprocess.CompletedProcess:
        rc_file = self.root / "logs" / "rc"
        deadline = time.monotonic() + timeout
        while not rc_file.is_file():
            if time.monotonic() > deadline:
                if self.proc is not None:
                    _stop(self.proc)
                raise TimeoutError(f"the course build did not end in {timeout} s")
            if self.proc is not None and self.proc.poll() is not None and not rc_file.is_file():
                break  # its shell was stopped before it could write the code
            time.sleep(0.5)
        code = int(rc_file.read_text() or 1) if rc_file.is_file() else 1
        stdout, stderr = ((self.root / "logs" / name).read_text()
                          for name in ("stdout", "stderr"))
        return subprocess.CompletedProcess([CLI, "build", "--out", str(self.out)], code,
                                           stdout, stderr)


_BUILD = pytest.StashKey[_Background]()


def _build_root(config: pytest.Config) -> Path:
    """The one folder of the session's build, shared by pytest-xdist's workers."""
    base = config._tmp_path_factory.getbasetemp()  # pytest's own tmp root
    return (base.parent if hasattr(config, "workerinput") else base) / "built-course"


def _start_build(root: Path) -> _Background:
    """Start the build in ``root``, unless another worker already has."""
    try:
        root.mkdir(parents=True)
    except FileExistsError:
        return _Background(root)
    home, logs = root / "home", root / "logs"
    home.mkdir()
    logs.mkdir()
    background = _Background(root)
    script = f'"$@" > {logs}/stdout 2> {logs}/stderr; echo $? > {logs}/rc.part; ' \
             f"mv {logs}/rc.part {logs}/rc"
    background.proc = subprocess.Popen(
        ["sh", "-c", script, "sh", CLI, "build", "--out", str(background.out)],
        env=clean_env(home), start_new_session=True)
    return background


def _stop(proc: subprocess.Popen) -> None:
    """Stop a process and everything it started (its process group)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _needs_build(item: pytest.Item) -> bool:
    return "built_course" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)  # after -m / -k have deselected
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    """Start the session's course build now and run the modules that read it last.

    The build (every lesson and handout) runs in the background while the tests
    that do not need it run, instead of holding up the first test that does.
    """
    modules = {item.module.__name__ for item in items
               if _needs_build(item) and getattr(item, "module", None) is not None}
    if not modules:
        return
    late = [item for item in items if getattr(item, "module", None) is not None
            and item.module.__name__ in modules]
    moved = set(late)
    items[:] = [item for item in items if item not in moved] + late
    if not config.option.collectonly:
        config.stash[_BUILD] = _start_build(_build_root(config))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Let the background build finish (other workers may still need it); stop it on Ctrl-C."""
    build = session.config.stash.get(_BUILD, None)
    if build is None or build.proc is None:
        return
    if exitstatus == pytest.ExitCode.INTERRUPTED or not hasattr(session.config, "workerinput"):
        _stop(build.proc)  # interrupted, or no other worker to wait for it
        return
    try:
        build.proc.wait(timeout=1800)
    except subprocess.TimeoutExpired:
        _stop(build.proc)


@pytest.fixture(scope="session")
def npm_cache(request: pytest.FixtureRequest) -> Path:
    """The build's pinned JavaScript installed from npm once per run, for every worker."""
    import fcntl

    from pakfp_course.builder.assets import ensure_assets

    seed = _build_root(request.config).parent / "npm-seed"
    seed.mkdir(parents=True, exist_ok=True)
    with open(seed / "lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # one worker installs, the others wait for it
        ensure_assets(seed / "out", seed / "out" / ".cache")
    return seed / "out" / ".cache" / "npm"


def build_out(tmp_path: Path, npm_cache: Path) -> Path:
    """Return a fresh output folder whose cache already holds the npm install."""
    out = tmp_path / "_build"
    shutil.copytree(npm_cache, out / ".cache" / "npm")
    return out


def run_cli(*args: str, home: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``pakfp-course`` as a fresh user whose home is ``home``."""
    return subprocess.run([CLI, *args], env=clean_env(home), capture_output=True, text=True,
                          timeout=timeout)


def output_files(folder: Path) -> set[str]:
    """Return the files of a build's output folder, its cache left out."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
            and ".cache" not in p.relative_to(folder).parts}


@pytest.fixture(scope="session")
def axe_js(request: pytest.FixtureRequest) -> str:
    """The pinned axe-core (``tests/axe/``), installed once per run for every xdist worker.

    Without npm the accessibility tests skip, or fail where
    ``PAKFP_COURSE_REQUIRE_CHROMIUM`` is set.
    """
    from .axe import axe_script

    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("PAKFP_COURSE_REQUIRE_CHROMIUM"):
            pytest.fail("npm is required here (PAKFP_COURSE_REQUIRE_CHROMIUM is set) to "
                        "install axe-core for the accessibility tests: apt-get install npm")
        pytest.skip("npm is not installed (apt-get install npm): no axe-core")
    return axe_script(_build_root(request.config).parent / "axe-core", npm)


@pytest.fixture(scope="session")
def built_course(request: pytest.FixtureRequest, tmp_path_factory) -> Built:
    """Build the real course once, as a lecturer would, with a home folder of its own.

    The build started in the background at collection; this waits for it.
    """
    build = request.config.stash.get(_BUILD, None)
    if build is None:  # a test collected some other way: build now
        build = _start_build(_build_root(request.config))
        request.config.stash[_BUILD] = build
    run = build.result()
    assert run.returncode == 0, run.stdout + run.stderr
    return Built(build.out, build.home, run)


