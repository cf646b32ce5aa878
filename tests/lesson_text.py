"""Read what a student sees in a lesson: for content tests of the lessons.

``student_text`` is the Markdown a student reads in the notebook (no model
answers, lecturer notes or instructor-only cells); ``executed_text`` is every
text output of the lesson as executed by the session's course build (the
``built_course`` fixture of ``conftest.py``), so content tests share one run.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
HIDDEN_TAGS = {"solution", "instructor-only", "handout-only"}  # handout-only: only on paper


def notebook(name: str) -> nbformat.NotebookNode:
    """Return the lesson notebook ``name`` (e.g. ``"04_double_game"``) from notebooks/."""
    return nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)


def is_student_visible(cell) -> bool:
    """True if a student sees the cell (not a model answer, note or instructor-only cell)."""
    tags = set(cell.metadata.get("tags", []))
    notes = cell.metadata.get("slideshow", {}).get("slide_type") == "notes"
    return not (tags & HIDDEN_TAGS) and not notes


def student_text(name: str) -> str:
    """Return the Markdown cells a student sees in lesson ``name``, joined."""
    return "\n\n".join(c.source for c in notebook(name).cells
                       if c.cell_type == "markdown" and is_student_visible(c))


def cell(name: str, cell_id: str):
    """Return the cell with id ``cell_id`` of lesson ``name``."""
    found = [c for c in notebook(name).cells if c.get("id") == cell_id]
    assert found, f"{name} has no cell {cell_id}"
    return found[0]


def _outputs_text(cells) -> str:
    parts = []
    for c in cells:
        for out in c.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out["text"])
            for key in ("text/markdown", "text/plain", "text/html"):
                if key in out.get("data", {}):
                    parts.append(out["data"][key])
                    break
    return "\n".join(parts).replace("\\$", "$")


def executed_text(out: Path, name: str, *, student_only: bool = True) -> str:
    """Return the text outputs of lesson ``name`` as executed in the build at ``out``.

    With ``student_only`` (default), outputs of model-answer and instructor-only
    cells are left out, so the text is what a student's run shows.
    """
    nb = nbformat.read(out / "instructor" / f"{name}.ipynb", as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code"
             and (not student_only or is_student_visible(c))]
    return _outputs_text(cells)
