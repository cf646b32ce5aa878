"""``pakfp-course build`` and ``pakfp-course handouts`` on small lessons, as a user runs them.

Bad requests write nothing; a failing lesson does not stop the others; an
interrupted build leaves only whole files and the next run completes it;
unchanged outputs are skipped and changed ones rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

from pakfp_course.builder.assets import ensure_assets
from pakfp_course.errors import AssetsUnavailableError

from .conftest import CLI, chromium_or_skip, clean_env, write_tiny_lesson

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def npm_cache(tmp_path_factory) -> Path:
    """An output folder whose cache already holds the npm install (fetched once)."""
    seed = tmp_path_factory.mktemp("seed")
    ensure_assets(seed, seed / ".cache")
    return seed / ".cache" / "npm"


def _out(tmp_path: Path, npm_cache: Path) -> Path:
    out = tmp_path / "_build"
    shutil.copytree(npm_cache, out / ".cache" / "npm")
    return out


def _run(*args: str, home: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *args], env=clean_env(home), capture_output=True, text=True,
                          timeout=timeout)


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
            and ".cache" not in p.relative_to(folder).parts}


@pytest.mark.parametrize("args, message", [
    (["handouts", "01", "--param", "phase=2009-2061"], "unknown phase '2009-2061'. Did you mean "
     "'2009-2016'? Valid choices: 'cold-war', '2001-2008', '2009-2016', '2017-present', 'all'"),
    (["handouts", "01", "--param", "phasee=2009-2016"], "Valid choices: 'phase', 'audience'"),
    (["handouts", "03"], "unknown lesson '03'. Valid choices: '01_good', '02_bad'"),
    (["handouts", "01", "--param", "2009-2016"], "NAME=VALUE"),
    (["handouts", "01", "--param", "audience=teacher"], "'student', 'instructor'"),
    (["build", "--only", "slide"], "Did you mean 'slides'?"),
    (["build", "--lessons", "01", "09"], "unknown lesson '09'"),
    (["handouts", "01", "--matrix", "missing.yaml"], "matrix file not found"),
])
def test_bad_requests_exit_2_name_the_problem_and_write_nothing(tmp_path: Path, args, message):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    write_tiny_lesson(lessons / "02_bad.ipynb", fail=True)
    out = tmp_path / "_build"
    run = _run(*args, "--out", str(out), "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 2
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_pdf_without_chromium_says_so_before_running(tmp_path: Path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    env = clean_env(tmp_path)
    env["PAKFP_COURSE_CHROMIUM"] = "no-such-chromium"
    out = tmp_path / "_build"
    run = subprocess.run([CLI, "handouts", "01", "--pdf", "--out", str(out), "--notebooks",
                          str(lessons)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "Chromium" in run.stderr and "apt-get install chromium" in run.stderr
    assert not (out / "handouts").exists()


def test_missing_npm_is_explained(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm anywhere
    monkeypatch.delenv("PAKFP_COURSE_NPM", raising=False)
    with pytest.raises(AssetsUnavailableError) as err:
        ensure_assets(tmp_path / "out", tmp_path / "cache")
    text = str(err.value)
    for needed in ("npm", "reveal.js", "requirejs", "@jupyter-widgets/html-manager",
                   "mathjax", "apt-get install npm", "PAKFP_COURSE_NPM"):
        assert needed in text
    assert not (tmp_path / "out" / "assets").exists()


def test_failing_lesson_goes_to_failed_and_the_rest_is_built(tmp_path: Path, npm_cache):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    write_tiny_lesson(lessons / "02_bad.ipynb", fail=True)
    out = _out(tmp_path, npm_cache)
    run = _run("build", "--out", str(out), "--notebooks", str(lessons), "--only", "html",
               "handouts", "--jobs", "2", home=tmp_path)
    assert run.returncode == 1
    assert "FAILED" in run.stderr and "deliberate failure for the test" in run.stderr
    # each lesson: 1 run for its pages + 4 handouts (the failing cell is on the handout too)
    assert "5 built, 5 failed" in run.stderr
    for phase in ("cold-war", "2001-2008", "2009-2016", "2017-present"):
        assert (out / "handouts" / "01_good" / f"{phase}.html").is_file()
        failed = out / "failed" / f"handout-02_bad-{phase}.ipynb"
        nb = nbformat.read(failed, as_version=4)
        summary = nb.cells[0].source
        assert "RuntimeError: deliberate failure for the test" in summary
        assert "raise RuntimeError" in summary  # the failing cell
        assert "Traceback" in summary
    assert not (out / "handouts" / "02_bad").exists()
    index = (out / "index.html").read_text()
    assert "failed/handout-02_bad-2009-2016.ipynb" in index


def test_handouts_with_params_and_matrix(tmp_path: Path, npm_cache):
    chromium_or_skip()
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    out = _out(tmp_path, npm_cache)
    run = _run("handouts", "01", "--param", "phase=2009-2016", "--out", str(out),
               "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "note:" not in run.stderr
    # with Chromium on the machine, PDF and HTML by default
    assert _files(out / "handouts") == {"01_good/2009-2016.html", "01_good/2009-2016.pdf"}
    matrix = tmp_path / "matrix.yaml"
    matrix.write_text("phase: [cold-war, 2017-present]\naudience: [student, instructor]\n")
    run = _run("handouts", "01_good", "--matrix", str(matrix), "--no-pdf", "--out", str(out),
               "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr
    assert _files(out / "handouts") == {
        "01_good/2009-2016.html", "01_good/2009-2016.pdf", "01_good/cold-war.html",
        "01_good/2017-present.html", "01_good/cold-war__audience-instructor.html",
        "01_good/2017-present__audience-instructor.html"}


def test_without_chromium_handouts_are_html_and_the_build_says_so_once(tmp_path: Path,
                                                                       npm_cache):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    out = _out(tmp_path, npm_cache)
    env = clean_env(tmp_path)
    env["PAKFP_COURSE_CHROMIUM"] = "no-such-chromium"
    matrix = tmp_path / "matrix.yaml"
    matrix.write_text("phase: [cold-war, 2009-2016]\n")
    run = subprocess.run([CLI, "handouts", "01", "--matrix", str(matrix), "--out", str(out),
                          "--notebooks", str(lessons)], env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert _files(out / "handouts") == {"01_good/cold-war.html", "01_good/2009-2016.html"}
    notes = [line for line in run.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1, run.stderr  # once, not once per handout
    assert "HTML only" in notes[0] and "apt-get install chromium" in notes[0]


def test_pdf_handout_is_printed_with_chromium(tmp_path: Path, npm_cache):
    chromium_or_skip()
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    out = _out(tmp_path, npm_cache)
    run = _run("handouts", "01", "--param", "phase=2001-2008", "--pdf", "--out", str(out),
               "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr
    pdf = (out / "handouts" / "01_good" / "2001-2008.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_incremental_rebuild_and_force(tmp_path: Path, npm_cache):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    write_tiny_lesson(lessons / "02_other.ipynb")
    out = _out(tmp_path, npm_cache)
    args = ("build", "--out", str(out), "--notebooks", str(lessons), "--only", "student", "html")
    assert _run(*args, home=tmp_path).returncode == 0
    stamp = {p: (out / p).stat().st_mtime_ns for p in _files(out)}
    run = _run(*args, home=tmp_path)
    assert "everything up to date (4 items skipped)" in run.stdout
    nb = nbformat.read(lessons / "02_other.ipynb", as_version=4)
    nb.cells[0].source += "\n\nAn edit."
    nbformat.write(nb, lessons / "02_other.ipynb")
    run = _run(*args, home=tmp_path)
    assert run.returncode == 0
    assert "2 built, 0 failed, 2 up to date" in run.stdout
    assert (out / "html/01_good.html").stat().st_mtime_ns == stamp["html/01_good.html"]
    assert "An edit." in (out / "html/02_other.html").read_text()
    (out / "html/01_good.html").write_text("tampered")
    run = _run(*args, home=tmp_path)
    assert "1 built, 0 failed, 3 up to date" in run.stdout
    run = _run(*args, "--force", home=tmp_path)
    assert "4 built, 0 failed, 0 up to date" in run.stdout


@pytest.mark.parametrize("how", ["sigint", "sigkill"])
def test_interrupted_build_leaves_whole_files_and_resumes(tmp_path: Path, npm_cache, how):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_slow.ipynb", body="import time\ntime.sleep(3)")
    out = _out(tmp_path, npm_cache)
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
    stray = {f for f in _files(out) if not f.startswith(("assets/", "handouts/01_slow/"))}
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
    out = _out(tmp_path, npm_cache)
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
    out = _out(tmp_path, npm_cache)
    run = _run("handouts", "01", "--param", "phase=2001-2008", "--timeout", "3", "--out",
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
    out = _out(tmp_path, npm_cache)
    matrix = tmp_path / "matrix.yaml"
    matrix.write_text("phase: [cold-war, 2001-2008, 2009-2016]\n")
    run = _run("handouts", "01", "--matrix", str(matrix), "--jobs", "1", "--no-pdf",
               "--out", str(out), "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "3 built, 0 failed" in run.stdout
    alone = _out(tmp_path / "alone", npm_cache)  # the last one again, first in its kernel
    run = _run("handouts", "01", "--param", "phase=2009-2016", "--no-pdf", "--out",
               str(alone), "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr

    def cited(folder: Path) -> list[str]:
        page = (folder / "handouts" / "01_clean" / "2009-2016.html").read_text()
        return re.findall(r"\(([A-Z][A-Z0-9_]+)\)</li>", page)

    assert cited(out) and cited(out) == cited(alone)  # no source of the handouts before it
