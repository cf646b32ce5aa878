"""``pakfp-course build`` and ``pakfp-course handouts`` on small lessons, as a user runs them.

Bad requests write nothing; a failing lesson does not stop the others; PDFs
are printed with Chromium, or the build says once why not; unchanged outputs
are skipped and changed ones rebuilt (``test_build_cli_runs.py`` has the rest).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest

from pakfp_course.builder.assets import ensure_assets
from pakfp_course.errors import AssetsUnavailableError

from .conftest import (
    CLI,
    build_out,
    chromium_or_skip,
    clean_env,
    output_files,
    run_cli,
    write_tiny_lesson,
)

pytestmark = pytest.mark.slow


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
    run = run_cli(*args, "--out", str(out), "--notebooks", str(lessons), home=tmp_path)
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
    out = build_out(tmp_path, npm_cache)
    run = run_cli("build", "--out", str(out), "--notebooks", str(lessons), "--only", "html",
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
    out = build_out(tmp_path, npm_cache)
    run = run_cli("handouts", "01", "--param", "phase=2009-2016", "--out", str(out),
               "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "note:" not in run.stderr
    # with Chromium on the machine, PDF and HTML by default
    assert output_files(out / "handouts") == {"01_good/2009-2016.html", "01_good/2009-2016.pdf"}
    matrix = tmp_path / "matrix.yaml"
    matrix.write_text("phase: [cold-war, 2017-present]\naudience: [student, instructor]\n")
    run = run_cli("handouts", "01_good", "--matrix", str(matrix), "--no-pdf", "--out", str(out),
               "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr
    assert output_files(out / "handouts") == {
        "01_good/2009-2016.html", "01_good/2009-2016.pdf", "01_good/cold-war.html",
        "01_good/2017-present.html", "01_good/cold-war__audience-instructor.html",
        "01_good/2017-present__audience-instructor.html"}


def test_without_chromium_handouts_are_html_and_the_build_says_so_once(tmp_path: Path,
                                                                       npm_cache):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    out = build_out(tmp_path, npm_cache)
    env = clean_env(tmp_path)
    env["PAKFP_COURSE_CHROMIUM"] = "no-such-chromium"
    matrix = tmp_path / "matrix.yaml"
    matrix.write_text("phase: [cold-war, 2009-2016]\n")
    run = subprocess.run([CLI, "handouts", "01", "--matrix", str(matrix), "--out", str(out),
                          "--notebooks", str(lessons)], env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert output_files(out / "handouts") == {"01_good/cold-war.html", "01_good/2009-2016.html"}
    notes = [line for line in run.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1, run.stderr  # once, not once per handout
    assert "HTML only" in notes[0] and "apt-get install chromium" in notes[0]


def test_pdf_handout_is_printed_with_chromium(tmp_path: Path, npm_cache):
    chromium_or_skip()
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    out = build_out(tmp_path, npm_cache)
    run = run_cli("handouts", "01", "--param", "phase=2001-2008", "--pdf", "--out", str(out),
               "--notebooks", str(lessons), home=tmp_path)
    assert run.returncode == 0, run.stderr
    pdf = (out / "handouts" / "01_good" / "2001-2008.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_incremental_rebuild_and_force(tmp_path: Path, npm_cache):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    write_tiny_lesson(lessons / "01_good.ipynb")
    write_tiny_lesson(lessons / "02_other.ipynb")
    out = build_out(tmp_path, npm_cache)
    args = ("build", "--out", str(out), "--notebooks", str(lessons), "--only", "student", "html")
    assert run_cli(*args, home=tmp_path).returncode == 0
    stamp = {p: (out / p).stat().st_mtime_ns for p in output_files(out)}
    run = run_cli(*args, home=tmp_path)
    assert "everything up to date (4 items skipped)" in run.stdout
    nb = nbformat.read(lessons / "02_other.ipynb", as_version=4)
    nb.cells[0].source += "\n\nAn edit."
    nbformat.write(nb, lessons / "02_other.ipynb")
    run = run_cli(*args, home=tmp_path)
    assert run.returncode == 0
    assert "2 built, 0 failed, 2 up to date" in run.stdout
    assert (out / "html/01_good.html").stat().st_mtime_ns == stamp["html/01_good.html"]
    assert "An edit." in (out / "html/02_other.html").read_text()
    (out / "html/01_good.html").write_text("tampered")
    run = run_cli(*args, home=tmp_path)
    assert "1 built, 0 failed, 3 up to date" in run.stdout
    run = run_cli(*args, "--force", home=tmp_path)
    assert "4 built, 0 failed, 0 up to date" in run.stdout
