"""Notebook transforms: one function per output audience, acting on cell tags.

The tag vocabulary is DESIGN.md's: ``solution`` cells are model answers,
``instructor-only`` cells are for the lecturer, ``hide-input`` shows the output
without code, ``handout-skip`` / ``slides-skip`` leave a cell out of that output; ``handout``
cells make the printed handout (with the lesson's setup and ``parameters`` cells)
and ``handout-only`` cells appear nowhere else.
Cells with slide type ``notes`` are speaker notes: they count as lecturer
material everywhere but in slides, where they become reveal.js speaker notes.
All functions return a new notebook and leave their argument untouched.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a cell is made: reading a lesson's parameters needs none
    from nbformat import NotebookNode

__all__ = [
    "HANDOUT_TAGS",
    "STUDENT_CODE_PROMPT",
    "STUDENT_TEXT_PROMPT",
    "for_handout",
    "for_instructor_html",
    "for_slides",
    "for_student_html",
    "for_student_notebook",
    "handout_cells",
    "handout_notebook",
    "is_notes",
    "lesson_title",
    "parameters_of",
    "read_outline",
    "slide_count",
    "sources_used",
    "tags",
]

STUDENT_CODE_PROMPT = "# Exercise: write your answer here, then run the cell (Shift+Enter).\n"
STUDENT_TEXT_PROMPT = "**Your answer.** *Double-click this cell and write your answer here.*"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def tags(cell: NotebookNode) -> set[str]:
    """Return a cell's tags."""
    return set(cell.get("metadata", {}).get("tags", []))


def is_notes(cell: NotebookNode) -> bool:
    """Return whether a cell is a speaker-notes cell (slide type ``notes``)."""
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type") == "notes"


def _lecturer_only(cell: NotebookNode) -> bool:
    return "instructor-only" in tags(cell) or is_notes(cell)


#: Tags that put a cell on the printed handout.
HANDOUT_TAGS = frozenset({"handout", "handout-only"})


def _not_handout_only(cell: NotebookNode) -> bool:
    return "handout-only" not in tags(cell)


def _keep(nb: NotebookNode, keep) -> NotebookNode:
    """Return a copy of ``nb`` with the cells ``keep`` accepts, minus papermill's own cell.

    Papermill records the parameters it ran with in a cell tagged
    ``injected-parameters``; pages show the parameters elsewhere (title, phase box).
    """
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if keep(c) and "injected-parameters" not in tags(c)]
    return out


class _Node(dict):
    """A dict read from a notebook's JSON, with NotebookNode's attribute access."""

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def read_outline(path: Path) -> NotebookNode:
    """Return a notebook as plain JSON with attribute access, cell sources joined.

    Enough for :func:`lesson_title` and :func:`parameters_of` when a build plans
    its jobs; unlike ``nbformat.read`` it neither validates nor upgrades, and it
    needs no nbformat, so an up-to-date build starts and ends quickly.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"), object_hook=_Node)
    for cell in nb.get("cells", []):
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    return nb


def lesson_title(nb: NotebookNode, fallback: str = "") -> str:
    """Return the text of the notebook's first Markdown heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"^#{1,2}\s+(.+?)\s*#*\s*$", line)
                if m:
                    return m.group(1).replace("\\$", "$")
    return fallback


def parameters_of(nb: NotebookNode) -> dict[str, object]:
    """Return the names and literal defaults of the cell tagged ``parameters``."""
    cells = [c for c in nb.cells if c.cell_type == "code" and "parameters" in tags(c)]
    if not cells:
        return {}
    params: dict[str, object] = {}
    for node in ast.parse(cells[0].source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                node.targets[0], ast.Name):
            try:
                params[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                params[node.targets[0].id] = None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            params[node.target.id] = (ast.literal_eval(node.value)
                                      if node.value is not None else None)
    return params


def _clear_outputs(nb: NotebookNode) -> NotebookNode:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.get("metadata", {}).pop("papermill", None)
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    return nb


def for_student_notebook(nb: NotebookNode) -> NotebookNode:
    """Return the notebook students get: answers replaced by prompts, lecturer cells gone.

    Outputs are cleared. A ``solution`` code cell becomes an empty exercise cell,
    a ``solution`` Markdown cell a "your answer" cell; both keep their slide type.
    """
    import nbformat

    out = _keep(nb, lambda c: not _lecturer_only(c) and _not_handout_only(c))
    for i, cell in enumerate(out.cells):
        if "solution" not in tags(cell):
            continue
        meta = {k: v for k, v in cell.metadata.items() if k not in ("tags", "papermill")}
        rest = sorted(tags(cell) - {"solution", "hide-input"})
        if rest:
            meta["tags"] = rest
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(STUDENT_CODE_PROMPT.rstrip("\n"), metadata=meta)
        else:
            new = nbformat.v4.new_markdown_cell(STUDENT_TEXT_PROMPT, metadata=meta)
        new.id = cell.get("id", new.id)
        out.cells[i] = new
    return _clear_outputs(out)


def for_student_html(nb: NotebookNode) -> NotebookNode:
    """Return an executed lesson as students read it in HTML: no answers, no lecturer cells."""
    return _keep(nb, lambda c: "solution" not in tags(c) and not _lecturer_only(c)
                 and _not_handout_only(c))


def for_instructor_html(nb: NotebookNode) -> NotebookNode:
    """Return an executed lesson for the lecturer's HTML: every cell but the handout's own."""
    return _keep(nb, _not_handout_only)


def for_slides(nb: NotebookNode) -> NotebookNode:
    """Return an executed lesson as a slide deck's source.

    Answers and ``slides-skip`` cells go; speaker notes stay (reveal.js shows them
    only in the speaker view); other ``instructor-only`` cells go, because the
    audience sees the slides.
    """
    def keep(c: NotebookNode) -> bool:
        t = tags(c)
        if "solution" in t or "slides-skip" in t or "handout-only" in t:
            return False
        return is_notes(c) or "instructor-only" not in t
    return _keep(nb, keep)


def for_handout(nb: NotebookNode) -> NotebookNode:
    """Return an executed handout notebook (:func:`handout_notebook`) as it is printed.

    Only the handout's own cells stay (setup and parameters go); answers, lecturer
    and ``handout-skip`` cells go; live widget views are replaced by their static
    picture (a handout is read, not run).
    """
    out = _keep(nb, lambda c: bool(HANDOUT_TAGS & tags(c))
                and not ({"solution", "handout-skip"} & tags(c)) and not _lecturer_only(c))
    for cell in out.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and len(data) > 1:
                del data[WIDGET_VIEW]
    out.metadata.pop("widgets", None)
    return out


def handout_cells(nb: NotebookNode) -> list[NotebookNode]:
    """Return the cells a lesson puts on its handout (tagged ``handout`` or ``handout-only``)."""
    return [c for c in nb.cells if HANDOUT_TAGS & tags(c)]


def handout_notebook(nb: NotebookNode) -> NotebookNode:
    """Return the notebook a handout runs: the lesson's setup, parameters and handout cells.

    The setup is every code cell before the ``parameters`` cell (imports) and the
    code cell right after it (the lesson's parameter check), so the handout runs
    only what it shows and fails on a bad phase as the lesson does. Answers and
    lecturer cells never belong to a handout (the lesson contract test says so);
    they are dropped here too.
    """
    cells = nb.cells
    start = next((i for i, c in enumerate(cells) if "parameters" in tags(c)), None)
    if start is None:
        raise ValueError("a lesson with a handout needs a cell tagged 'parameters'")
    setup = [c for c in cells[:start] if c.cell_type == "code"]
    after = cells[start + 1] if start + 1 < len(cells) else None
    check = [after] if after is not None and after.cell_type == "code" and not (
        HANDOUT_TAGS & tags(after)) else []
    body = [c for c in handout_cells(nb)
            if not ({"solution", "instructor-only"} & tags(c)) and not is_notes(c)]
    if not body:
        raise ValueError("this lesson has no cells tagged 'handout' or 'handout-only'")
    out = copy.copy(nb)
    out.metadata = copy.deepcopy(nb.metadata)
    out.metadata.pop("widgets", None)
    out.cells = copy.deepcopy([*setup, cells[start], *check, *body])
    return out


def sources_used(nb: NotebookNode) -> tuple[list[str], list[str]]:
    """Return the datasets and extra source ids a lesson cited with ``lesson.sources()``.

    They are read from the metadata ``lesson.sources`` attaches to its output.
    """
    datasets: list[str] = []
    extra: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            found = output.get("metadata", {})
            meta = found.get("pakfp_course") or found.get("text/markdown", {}).get(
                "pakfp_course", {})
            for name in meta.get("datasets", []):
                if name not in datasets:
                    datasets.append(name)
            for sid in meta.get("extra_sources", []):
                if sid not in extra:
                    extra.append(sid)
    return datasets, extra


def slide_count(nb: NotebookNode) -> int:
    """Return how many slides and sub-slides a deck made from ``nb`` has."""
    return sum(
        1 for c in nb.cells
        if c.get("metadata", {}).get("slideshow", {}).get("slide_type") in ("slide", "subslide")
    )
