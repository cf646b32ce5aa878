"""Write lesson notebooks that meet the course's notebook contract.

Maintainer helper, not part of the installed package. A lesson is written as a
list of cells and saved as nbformat 4.5 with cell ids, the python3 kernelspec,
no outputs and slide metadata on every cell::

    from nbkit import md, code, save
    save("notebooks/01_cold_war_roots.ipynb", [
        md("# Cold War roots", slide="slide"),
        code('phase = "all"', tags=["parameters"], slide="skip"),
    ])

The contract itself is enforced by ``tests/test_notebooks.py``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes")


def _meta(slide: str, tags: Iterable[str]) -> dict:
    if slide not in SLIDE_TYPES:
        raise ValueError(f"unknown slide type {slide!r}; valid: {', '.join(SLIDE_TYPES)}")
    meta: dict = {"slideshow": {"slide_type": slide}}
    tags = list(tags)
    if tags:
        meta["tags"] = tags
    return meta


def md(text: str, slide: str = "slide", tags: Iterable[str] = ()) -> nbformat.NotebookNode:
    """Return a markdown cell."""
    return nbformat.v4.new_markdown_cell(text.strip("\n"), metadata=_meta(slide, tags))


def code(source: str, slide: str = "fragment", tags: Iterable[str] = ()) -> nbformat.NotebookNode:
    """Return a code cell (no outputs)."""
    return nbformat.v4.new_code_cell(source.strip("\n"), metadata=_meta(slide, tags))


def save(path: str | Path, cells: list[nbformat.NotebookNode], title: str = "") -> Path:
    """Validate and write a notebook atomically; return its path."""
    nb = nbformat.v4.new_notebook()
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.cells = cells
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                       "language": "python"},
        "language_info": {"name": "python"},
    }
    if title:
        nb.metadata["title"] = title
    nbformat.validate(nb)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".ipynb.tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        nbformat.write(nb, fh)
    os.chmod(tmp, 0o644)  # mkstemp creates 0600; notebooks are ordinary shared files
    os.replace(tmp, path)
    return path
