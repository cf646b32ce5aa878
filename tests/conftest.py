"""Shared fixtures: a private copy of the course data that tests may corrupt."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
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
    instructor-only cell, a chart with alt text, a live explorer and a Sources
    section, so every build transform has something to act on. ``fail`` adds a
    cell that raises; ``body`` adds a code cell (e.g. a sleep).
    """
    import nbformat

    cells = [
        _cell("markdown", f"# Tiny lesson {path.stem}\n\nA test lesson.", "slide"),
        _cell("code", "from pakfp_course import lesson, plots, widgets\n"
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
        _cell("code", "widgets.phase_explorer('2009-2016')", "subslide"),
        _cell("markdown", "HANDOUT-SKIPPED cell.", "-", ("handout-skip",)),
    ]
    if body:
        cells.append(_cell("code", body, "-"))
    if fail:
        cells.append(_cell("code", "raise RuntimeError('deliberate failure for the test')",
                           "-"))
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


@pytest.fixture(scope="session")
def built_course(tmp_path_factory) -> Built:
    """Build the real course once, as a lecturer would, with a home folder of its own."""
    home = tmp_path_factory.mktemp("home")
    out = tmp_path_factory.mktemp("course") / "_build"
    run = subprocess.run([CLI, "build", "--out", str(out)], env=clean_env(home),
                         capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout + run.stderr
    return Built(out, home, run)


