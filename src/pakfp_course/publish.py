"""Publish the student notebooks on a git branch of their own, for hub links.

nbgitpuller links pull a branch of the course's repository into every student's
home. ``main`` holds the lessons with their model answers (``solution`` cells);
:func:`student_branch` commits the build's student notebooks (answers replaced
by prompts, no outputs) to a separate branch, ``student`` by default, that the
links can name instead. Each publication is a new commit on top of the last, so
students who already pulled receive it as an update that keeps their edits. The
checkout's working tree, index and current branch are not touched: the commit
is made with git's plumbing commands from a temporary index.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .errors import HubLinkError
from .hub import DEFAULT_BRANCH, _check_branch, lesson_ids
from .resources import checkout_root

__all__ = ["STUDENT_BRANCH", "Publication", "student_branch"]

STUDENT_BRANCH = "student"  #: the branch students' links pull when answers are withheld

_README = """\
# Pakistan's foreign policy after 9/11: the lessons

The student notebooks of the course, published from the `{source}` branch: open
`notebooks/00_start_here.ipynb` and run the cells from the top. Exercises have a
"your answer" cell for you to write in; your edits are kept when the course is
updated (nbgitpuller merges the updates into your copy).
"""


class Publication:
    """The result of :func:`student_branch`: the branch, its commit and what changed."""

    def __init__(self, branch: str, commit: str, notebooks: int, new: bool) -> None:
        self.branch, self.commit, self.notebooks, self.new = branch, commit, notebooks, new

    def __repr__(self) -> str:
        return (f"Publication(branch={self.branch!r}, commit={self.commit[:12]!r}, "
                f"notebooks={self.notebooks}, new={self.new})")


def _git(repo: Path, *args: str, stdin: str | None = None,
         env: dict[str, str] | None = None) -> str:
    run = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True,
                         text=True, env={**os.environ, **(env or {})})
    if run.returncode != 0:
        raise HubLinkError(f"git {args[0]} failed in {repo}: {run.stderr.strip()}")
    return run.stdout.strip()


def _tree(repo: Path, entries: dict[str, tuple[str, str]]) -> str:
    """Write a tree object of ``name -> (mode and type, object id)``; return its id."""
    kinds = {"100644": "blob", "040000": "tree"}
    lines = "".join(f"{mode} {kinds[mode]} {sha}\t{name}\n"
                    for name, (mode, sha) in sorted(entries.items()))
    return _git(repo, "mktree", stdin=lines)


def student_branch(
    student_dir: str | Path = "_build/student",
    *,
    branch: str = STUDENT_BRANCH,
    repo: str | Path | None = None,
    source: str = DEFAULT_BRANCH,
) -> Publication:
    """Commit the student notebooks to ``branch`` of the course's git repository.

    Parameters
    ----------
    student_dir
        The build's ``student/`` folder (``pakfp-course build --only student``).
    branch
        The branch to publish on; created on first use.
    repo
        The course's git checkout (default: the checkout this package runs from).
    source
        The branch the notebooks were built from, named in the commit message.

    Returns
    -------
    Publication
        The branch and its commit; ``new`` is False when nothing had changed
        (no empty commit is made).

    Raises
    ------
    HubLinkError
        When a lesson's student notebook is missing, ``repo`` is not a git
        checkout, or ``branch`` is not a usable branch name (the message says which).
    """
    branch = _check_branch(branch)
    if branch == source:
        raise HubLinkError(f"bad branch {branch!r}: the student notebooks need a branch of "
                           f"their own, not the source branch {source!r}")
    folder = Path(student_dir)
    missing = [f"{lesson}.ipynb" for lesson in lesson_ids()
               if not (folder / f"{lesson}.ipynb").is_file()]
    if missing:
        raise HubLinkError(f"no student notebooks {', '.join(missing)} in {folder}: run "
                           "'pakfp-course build --only student' first")
    root = Path(repo) if repo is not None else checkout_root()
    if root is None or not (root / ".git").exists():
        raise HubLinkError(f"not a git checkout: {root or 'this installed package'}; "
                           "give the course's repository")
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}  # never the checkout's index
        notebooks = {f"{lesson}.ipynb": ("100644", _git(
            root, "hash-object", "-w", str((folder / f"{lesson}.ipynb").resolve()), env=env))
            for lesson in lesson_ids()}
        readme = _git(root, "hash-object", "-w", "--stdin", stdin=_README.format(source=source))
        top = {"README.md": ("100644", readme),
               "notebooks": ("040000", _tree(root, notebooks))}
        licence = root / "LICENSE-CONTENT"
        if licence.is_file():
            top["LICENSE-CONTENT"] = ("100644", _git(root, "hash-object", "-w", str(licence)))
        tree = _tree(root, top)
    ref = f"refs/heads/{branch}"
    parent = subprocess.run(["git", "rev-parse", "--verify", "-q", ref], cwd=root,
                            capture_output=True, text=True).stdout.strip()
    if parent and _git(root, "rev-parse", f"{parent}^{{tree}}") == tree:
        return Publication(branch, parent, len(notebooks), new=False)
    head = subprocess.run(["git", "rev-parse", "--verify", "-q", source], cwd=root,
                          capture_output=True, text=True).stdout.strip()
    message = f"Student notebooks from {source}" + (f" {head[:12]}" if head else "")
    args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
    identity = {} if _git_has_identity(root) else {
        "GIT_AUTHOR_NAME": "pakfp-course", "GIT_AUTHOR_EMAIL": "pakfp-course@localhost",
        "GIT_COMMITTER_NAME": "pakfp-course", "GIT_COMMITTER_EMAIL": "pakfp-course@localhost"}
    commit = _git(root, *args, env=identity)
    _git(root, "update-ref", ref, commit, parent or "0" * 40)  # fails if moved meanwhile
    return Publication(branch, commit, len(notebooks), new=True)


def _git_has_identity(root: Path) -> bool:
    probe = subprocess.run(["git", "var", "GIT_COMMITTER_IDENT"], cwd=root,
                           capture_output=True, text=True)
    return probe.returncode == 0
