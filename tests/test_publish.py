"""The student branch: answer-free notebooks on a branch hub links can pull."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import nbformat
import pytest

from pakfp_course.builder.transform import for_student_notebook, tags
from pakfp_course.cli import main
from pakfp_course.errors import HubLinkError
from pakfp_course.hub import lesson_ids
from pakfp_course.publish import STUDENT_BRANCH, student_branch
from pakfp_course.resources import course_path

from .conftest import CLI, clean_env


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A course checkout with one commit on main and an uncommitted edit in progress."""
    repo = tmp_path / "course"
    (repo / "notebooks").mkdir(parents=True)
    for lesson in lesson_ids():
        (repo / "notebooks" / f"{lesson}.ipynb").write_bytes(
            (course_path("notebooks") / f"{lesson}.ipynb").read_bytes())
    (repo / "LICENSE-CONTENT").write_text("CC BY 4.0\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=L", "-c", "user.email=l@x", "add", "-A")
    git(repo, "-c", "user.name=L", "-c", "user.email=l@x", "commit", "-q", "-m", "course")
    (repo / "notebooks" / "00_start_here.ipynb").write_text("{} work in progress")
    return repo


@pytest.fixture
def student_dir(tmp_path) -> Path:
    out = tmp_path / "student"
    out.mkdir()
    for lesson in lesson_ids():
        nb = nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", as_version=4)
        nbformat.write(for_student_notebook(nb), out / f"{lesson}.ipynb")
    return out


def _state(repo: Path) -> tuple[str, str, str]:
    return (git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain"),
            git(repo, "symbolic-ref", "HEAD"))


def test_the_branch_holds_every_student_notebook_and_no_answer(checkout, student_dir):
    before = _state(checkout)
    pub = student_branch(student_dir, repo=checkout)
    assert pub.new and pub.branch == STUDENT_BRANCH and pub.notebooks == len(lesson_ids())
    assert _state(checkout) == before, "the checkout's HEAD, index or files changed"
    listed = git(checkout, "ls-tree", "-r", "--name-only", STUDENT_BRANCH).split("\n")
    assert sorted(listed) == sorted(["README.md", "LICENSE-CONTENT"] +
                                    [f"notebooks/{x}.ipynb" for x in lesson_ids()])
    for lesson in lesson_ids():
        published = nbformat.reads(git(checkout, "show", f"{STUDENT_BRANCH}:notebooks/"
                                       f"{lesson}.ipynb"), as_version=4)
        source = nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", as_version=4)
        answers = {c.source for c in source.cells if "solution" in tags(c)}
        assert answers and not answers & {c.source for c in published.cells}, lesson


def test_publishing_again_adds_a_commit_only_when_something_changed(checkout, student_dir):
    first = student_branch(student_dir, repo=checkout)
    again = student_branch(student_dir, repo=checkout)
    assert not again.new and again.commit == first.commit
    path = student_dir / "02_three_phases.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][0]["source"] = ["# Corrected title\n"]
    path.write_text(json.dumps(nb))
    update = student_branch(student_dir, repo=checkout)
    assert update.new
    # on top of the last one, so students who pulled before receive it as an update
    assert git(checkout, "rev-parse", f"{update.commit}^") == first.commit


def test_bad_requests_are_refused_with_the_reason(checkout, student_dir, tmp_path):
    rsct = student_dir / "05_rsct.ipynb"
    kept = rsct.read_bytes()
    rsct.unlink()
    with pytest.raises(HubLinkError, match=r"05_rsct\.ipynb.*build --only student"):
        student_branch(student_dir, repo=checkout)
    rsct.write_bytes(kept)
    with pytest.raises(HubLinkError, match="not a git checkout"):
        student_branch(student_dir, repo=tmp_path / "nowhere")
    with pytest.raises(HubLinkError, match="bad branch 'main'"):
        student_branch(student_dir, repo=checkout, branch="main")
    with pytest.raises(HubLinkError, match="bad branch"):
        student_branch(student_dir, repo=checkout, branch="two words")
    assert git(checkout, "branch", "--list", STUDENT_BRANCH) == ""


@pytest.mark.slow
def test_the_command_builds_and_publishes(checkout, tmp_path):
    out = tmp_path / "_build"
    run = subprocess.run([CLI, "student-branch", "--repo", str(checkout), "--out", str(out)],
                         capture_output=True, text=True, timeout=600,
                         env=clean_env(tmp_path / "home"))
    assert run.returncode == 0, run.stderr
    assert "published on branch 'student'" in run.stdout and "--branch student" in run.stdout
    assert git(checkout, "ls-tree", "--name-only", STUDENT_BRANCH, "notebooks/") != ""
    assert main(["student-branch", "--repo", str(checkout), "--out", str(out),
                 "--branch", "main"]) == 2
