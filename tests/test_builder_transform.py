"""The build's notebook transforms: who sees which cell (pakfp_course.builder.transform)."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from pakfp_course.builder import transform as t
from pakfp_course.resources import course_path

from .conftest import write_tiny_lesson

LESSONS = sorted(course_path("notebooks").glob("[0-9]*.ipynb"))


@pytest.fixture
def tiny(tmp_path: Path):
    return nbformat.read(write_tiny_lesson(tmp_path / "01_tiny.ipynb"), as_version=4)


def _text(nb) -> str:
    return "\n".join(c.source for c in nb.cells)


def test_student_notebook_replaces_answers_and_drops_lecturer_cells(tiny):
    student = t.for_student_notebook(tiny)
    text = _text(student)
    for secret in ("SOLUTION-CODE", "SOLUTION-TEXT", "SPEAKER-NOTE", "INSTRUCTOR-NOTE"):
        assert secret not in text
    assert t.STUDENT_CODE_PROMPT.strip() in text
    assert t.STUDENT_TEXT_PROMPT in text
    assert not any("solution" in t.tags(c) for c in student.cells)
    assert all(c.outputs == [] and c.execution_count is None
               for c in student.cells if c.cell_type == "code")
    assert "HANDOUT-SKIPPED" in text  # only handouts drop it
    assert "HANDOUT-Q1" not in text  # handout-only cells are for paper only
    assert "SOLUTION-CODE" in _text(tiny)  # the argument is untouched


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_real_lessons_student_version_hides_every_answer(path: Path):
    nb = nbformat.read(path, as_version=4)
    student = t.for_student_notebook(nb)
    kept = {c.source for c in student.cells}
    answers = [c for c in nb.cells if "solution" in t.tags(c)]
    assert answers, "every lesson has model answers"
    assert not any(c.source in kept for c in answers)
    assert len(student.cells) == len(nb.cells) - sum(
        1 for c in nb.cells if {"instructor-only", "handout-only"} & t.tags(c) or t.is_notes(c))
    assert t.parameters_of(student) == {"phase": "all", "audience": "student"}


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_student_notebook_still_runs_without_the_answers(path: Path):
    """No cell after a model answer uses a name only that answer defines."""
    nb = nbformat.read(path, as_version=4)
    defined_elsewhere: set[str] = set()
    only_in_answers: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        assigned = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
                    and isinstance(n.ctx, ast.Store)}
        if "solution" in t.tags(cell):
            only_in_answers |= assigned - defined_elsewhere
            continue
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
                and isinstance(n.ctx, ast.Load)}
        leaked = (used & only_in_answers) - defined_elsewhere
        assert not leaked, f"a cell uses {leaked}, defined only in a model answer"
        defined_elsewhere |= assigned


def test_student_html_drops_answers_and_notes_but_instructor_keeps_all(tiny):
    html_nb = t.for_student_html(tiny)
    assert "SOLUTION" not in _text(html_nb) and "SPEAKER-NOTE" not in _text(html_nb)
    assert "INSTRUCTOR-NOTE" not in _text(html_nb)
    assert "HANDOUT-Q1" not in _text(html_nb)
    instructor = t.for_instructor_html(tiny)
    assert "SOLUTION-CODE" in _text(instructor) and "INSTRUCTOR-NOTE" in _text(instructor)
    assert "HANDOUT-Q1" not in _text(instructor)
    assert len(instructor.cells) == len(tiny.cells) - 3  # all but the handout-only cells


def test_slides_keep_speaker_notes_only(tiny):
    slides = t.for_slides(tiny)
    text = _text(slides)
    assert "SPEAKER-NOTE" in text
    assert "INSTRUCTOR-NOTE" not in text and "SOLUTION" not in text
    assert "HANDOUT-Q1" not in text
    tiny.cells[4].metadata.setdefault("tags", []).append("slides-skip")
    assert "## Exercise" not in _text(t.for_slides(tiny))


def test_handout_notebook_is_setup_parameters_and_the_handout_cells(tiny):
    run = t.handout_notebook(tiny)
    sources = [c.source for c in run.cells]
    assert sources[0].startswith("from pakfp_course import handout")  # the setup (imports)
    assert "parameters" in t.tags(run.cells[1])
    assert sources[2].startswith("params = lesson.check_parameters")  # fails on a bad phase
    assert sources[3:] == [c.source for c in tiny.cells if t.HANDOUT_TAGS & t.tags(c)]
    assert not any("SOLUTION" in s or "NOTE" in s or "HANDOUT-SKIPPED" in s for s in sources)
    assert "widgets" not in run.metadata
    tiny.cells = [c for c in tiny.cells if not t.HANDOUT_TAGS & t.tags(c)]
    with pytest.raises(ValueError, match="no cells tagged 'handout'"):
        t.handout_notebook(tiny)


def test_printed_handout_keeps_only_handout_cells_and_static_pictures(tiny):
    run = t.handout_notebook(tiny)
    explorer = next(c for c in run.cells if "phase_explorer" in c.source)
    explorer.outputs = [nbformat.v4.new_output("display_data", data={
        t.WIDGET_VIEW: {"model_id": "x"}, "text/html": "<figure>static</figure>"})]
    run.cells.insert(0, nbformat.v4.new_code_cell(
        'phase = "2009-2016"', metadata={"tags": ["injected-parameters"]}))
    printed = t.for_handout(run)
    assert [c.source for c in printed.cells] == [
        c.source for c in tiny.cells if t.HANDOUT_TAGS & t.tags(c)]
    out = next(c for c in printed.cells if "phase_explorer" in c.source).outputs[0]
    assert set(out.data) == {"text/html"}


def test_sources_used_reads_what_lesson_sources_attached(tiny):
    tiny.cells[-1].outputs = [nbformat.v4.new_output(
        "display_data", data={"text/markdown": "cites"},
        metadata={"text/markdown": {"pakfp_course": {"datasets": ["aid_crs"],
                                                     "extra_sources": ["WALT_1987"]}}})]
    assert t.sources_used(tiny) == (["aid_crs"], ["WALT_1987"])


def test_titles_parameters_and_slide_counts(tiny):
    assert t.lesson_title(tiny) == "Tiny lesson 01_tiny"
    assert t.parameters_of(tiny) == {"phase": "all", "audience": "student"}
    assert t.slide_count(tiny) == 5
    assert t.slide_count(t.for_slides(tiny)) == 5
    nb = nbformat.read(LESSONS[2], as_version=4)
    assert t.lesson_title(nb).startswith("The three phases")
