"""Shared fixtures: a private copy of the course data that tests may corrupt."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
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
