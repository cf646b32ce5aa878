"""Open JupyterLab on the course's notebooks.

From a checkout (editable install) the lessons open in place. From an
installed wheel they are first copied into a working folder, so students edit
their own copies and never the installed package; files already there are
kept, so a student's work is never overwritten.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .resources import checkout_root, course_path

__all__ = ["DEFAULT_WORKDIR", "lab_command", "prepare_workdir", "run_lab"]

#: Folder (in the current directory) that receives the lessons of an installed package.
DEFAULT_WORKDIR = "pakfp-course-notebooks"


def prepare_workdir(workdir: str | Path | None = None) -> Path:
    """Return the folder JupyterLab should open, copying in any missing lessons.

    Parameters
    ----------
    workdir
        Folder to work in. By default the checkout's ``notebooks/`` for an
        editable install, else ``./pakfp-course-notebooks``.
    """
    source = course_path("notebooks")
    if workdir is None:
        root = checkout_root()
        if root is not None and source == root / "notebooks":
            return source
        workdir = Path.cwd() / DEFAULT_WORKDIR
    target = Path(workdir).resolve()
    if target == source.resolve():
        return target
    target.mkdir(parents=True, exist_ok=True)
    for item in sorted(source.rglob("*")):
        rel = item.relative_to(source)
        if any(part.startswith(".") for part in rel.parts) or item.is_dir():
            continue
        dest = target / rel
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item, dest)
    return target


def lab_command(
    workdir: str | Path | None = None, port: int | None = None, browser: bool = True
) -> list[str]:
    """Return the command that starts JupyterLab on the course's notebooks."""
    root = prepare_workdir(workdir)
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}"]
    if port is not None:
        argv.append(f"--port={port}")
    if not browser:
        argv.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # JupyterLab refuses to run as root without it
    return argv


def run_lab(argv: list[str]) -> int:
    """Run JupyterLab until it exits; return its exit status.

    On POSIX the launcher process becomes JupyterLab (``exec``), so stopping it
    (Ctrl-C, a signal to its process id) stops the server, leaving nothing behind.
    """
    if os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(argv[0], argv)
    return subprocess.call(argv)
