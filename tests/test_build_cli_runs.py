"""``pakfp-course build`` and ``handouts`` as they run: interrupted, on a terminal, stuck.

An interrupted build leaves only whole files and the next run completes it; the
progress bar shows on a terminal only; a cell that never ends times out; the
handouts a worker runs in one kernel do not see each other.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from .conftest import CLI, build_out, clean_env, output_files, run_cli, write_tiny_lesson

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("how", ["sigint", "sigkill"])
def test_interrupted_build_leaves_whole_files_and_resumes(tmp_path: Path, npm_cache, how):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_slow.ipynb", body="import time\ntime.sleep(1.5)")
    out = build_out(tmp_path, npm_cache)
    args = [CLI, "handouts", "01", "--out", str(out), "--notebooks", str(lessons),
            "--jobs", "1", "--quiet", "--no-pdf"]
    # As in a terminal: Ctrl-C has its default action even where the tests themselves run
    # with SIGINT ignored (a shell's background job inherits it ignored, and so would we).
    proc = subprocess.Popen(args, env=clean_env(tmp_path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    folder = out / "handouts" / "01_slow"

    def first_recorded() -> bool:  # a handout landed and the manifest names it
        with contextlib.suppress(OSError, ValueError):
            outputs = json.loads((out / "manifest.json").read_text())["outputs"]
            return any(rel.startswith("handouts/01_slow/") for rel in outputs)
        return False

    deadline = time.monotonic() + 240
    while not first_recorded() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert folder.is_dir(), "the first handout never appeared"
    if how == "sigint":  # Ctrl-C reaches the whole foreground group
        os.killpg(proc.pid, signal.SIGINT)
    else:  # the machine loses the build at once
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    done = sorted(p.name for p in folder.iterdir())
    assert 1 <= len(done) < 4
    for page in folder.iterdir():  # whole files only, where readers look
        assert page.read_text().rstrip().endswith("</html>")
    stray = {f for f in output_files(out) if not f.startswith(("assets/", "handouts/01_slow/"))}
    assert stray <= {"manifest.json", "index.html"}
    recorded = json.loads((out / "manifest.json").read_text())["outputs"]
    finished = {rel: (out / rel).stat().st_mtime_ns for rel in recorded}
    assert finished, "each finished handout is recorded as soon as it lands"
    time.sleep(2)  # orphaned kernels notice their parent is gone
    rerun = subprocess.run(args, env=clean_env(tmp_path), capture_output=True, text=True,
                           timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "2001-2008.html", "2009-2016.html", "2017-present.html", "cold-war.html"]
    assert f"{len(finished)} up to date" in rerun.stdout
    for rel, mtime in finished.items():  # not redone
        assert (out / rel).stat().st_mtime_ns == mtime
    assert not any(out.rglob("*.part"))


def _on_a_terminal(args: list[str], home: Path) -> str:
    """Run a command on a pseudo-terminal 100 columns wide; return what it showed."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen(args, env=clean_env(home), stdin=slave, stdout=slave,
                            stderr=slave, close_fds=True)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert proc.wait(timeout=300) == 0
    return shown.decode(errors="replace")


def test_progress_bar_only_on_a_terminal(tmp_path: Path, npm_cache):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    out = build_out(tmp_path, npm_cache)
    # student notebooks only: the bar is the same for every kind, and no kernel need start
    args = [CLI, "build", "--out", str(out), "--notebooks", str(lessons), "--only", "student",
            "--force"]
    piped = subprocess.run(args, env=clean_env(tmp_path), capture_output=True, text=True,
                           timeout=300)
    assert piped.returncode == 0 and "%|" not in piped.stderr
    shown = _on_a_terminal(args, tmp_path)
    assert "pakfp-course build" in shown and "%|" in shown
    assert "%|" not in _on_a_terminal([*args, "--quiet"], tmp_path)


def test_a_cell_that_never_ends_times_out_instead_of_hanging(tmp_path: Path, npm_cache):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_stuck.ipynb", body="import time\ntime.sleep(600)")
    out = build_out(tmp_path, npm_cache)
    run = run_cli("handouts", "01", "--param", "phase=2001-2008", "--timeout", "3", "--out",
               str(out), "--notebooks", str(lessons), home=tmp_path, timeout=300)
    assert run.returncode == 1
    assert "longer than the 3 s per-cell timeout" in run.stderr
    failed = nbformat.read(out / "failed" / "handout-01_stuck-2001-2008.ipynb", as_version=4)
    assert "time.sleep(600)" in failed.cells[0].source or "timeout" in failed.cells[0].source


def test_handouts_sharing_a_kernel_start_from_a_clean_slate(tmp_path: Path, npm_cache):
    """One worker runs the handouts one after another in the kernel it keeps: none sees
    what the one before it left (variables, figures, the sources it recorded)."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_clean.ipynb", body=(
        "import matplotlib.pyplot as plt\n"
        "assert 'left_behind' not in globals(), 'a variable of the last handout'\n"
        "assert not plt.get_fignums(), 'a figure of the last handout'\n"
        "left_behind = phase\nplt.figure()"))
    out = build_out(tmp_path, npm_cache)
    matrix = tmp_path / "matrix.yaml"
    matrix.write_text("phase: [cold-war, 2001-2008, 2009-2016]\n")
    run = run_cli("handouts", "01", "--matrix", str(matrix), "--jobs", "1", "--no-pdf",
               "--out", str(out), "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "3 built, 0 failed" in run.stdout
    alone = build_out(tmp_path / "alone", npm_cache)  # the last one again, first in its kernel
    run = run_cli("handouts", "01", "--param", "phase=2009-2016", "--no-pdf", "--out",
               str(alone), "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr

    def cited(folder: Path) -> list[str]:
        page = (folder / "handouts" / "01_clean" / "2009-2016.html").read_text()
        return re.findall(r"\(([A-Z][A-Z0-9_]+)\)</li>", page)

    assert cited(out) and cited(out) == cited(alone)  # no source of the handouts before it
