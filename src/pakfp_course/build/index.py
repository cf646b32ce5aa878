"""The build's front page: ``index.html`` linking every output, lesson by lesson."""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

from .. import __version__
from ..phases import PHASE_IDS
from .cache import atomic_write

__all__ = ["write_index"]

_KIND_LABEL = {
    "html": "Lesson (HTML)",
    "slides": "Slides",
    "student": "Student notebook",
    "instructor": "Instructor",
    "handout": "Handouts",
}


def _link(rel: str, text: str) -> str:
    return f'<a href="{html.escape(rel)}">{html.escape(text)}</a>'


def _order(rel: str) -> tuple:
    """Sort handouts by phase (course order), then by name; other outputs by name."""
    stem = Path(rel).stem.split("__")[0]
    phase = PHASE_IDS.index(stem) if stem in PHASE_IDS else len(PHASE_IDS)
    return (phase, rel)


def write_index(out: Path, outputs: Mapping[str, dict], failed: list[str], tmp: Path) -> None:
    """Write ``<out>/index.html`` from the manifest's outputs and the failed items."""
    titles = {e.get("lesson"): e.get("title", "") for e in outputs.values()}
    lessons: dict[str, dict[str, list[str]]] = {}
    for rel, entry in sorted(outputs.items()):
        if not (Path(out) / rel).is_file():
            continue
        by_kind = lessons.setdefault(entry.get("lesson", "?"), {})
        by_kind.setdefault(entry.get("kind", ""), []).append(rel)
    rows = []
    for lesson, by_kind in sorted(lessons.items()):
        cells = []
        for kind in ("html", "slides", "student", "instructor", "handout"):
            links = []
            for rel in sorted(by_kind.get(kind, []), key=_order):
                text = {"html": "read", "slides": "slides", "student": ".ipynb"}.get(
                    kind, Path(rel).stem.replace("__", ", "))
                if kind == "instructor":
                    text = "notebook" if rel.endswith(".ipynb") else "HTML"
                if kind == "handout" and rel.endswith(".pdf"):
                    text += " (PDF)"
                links.append(_link(rel, text))
            cells.append(f"<td>{' · '.join(links) or '—'}</td>")
        title = titles.get(lesson, "")
        label = html.escape(lesson) + (f"<br><small>{html.escape(title)}</small>" if title
                                       else "")
        rows.append(f"<tr><th scope=\"row\">{label}</th>{''.join(cells)}</tr>")
    head = "".join(f"<th scope=\"col\">{_KIND_LABEL[k]}</th>"
                   for k in ("html", "slides", "student", "instructor", "handout"))
    failed_html = ""
    if failed:
        items = "".join(f"<li>{_link(rel, rel)}</li>" for rel in failed)
        failed_html = (f"<h2>Failed items</h2><p>These did not build; each notebook starts "
                       f"with the failing cell and its traceback.</p><ul>{items}</ul>")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pakistan's foreign policy after 9/11 — built course</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto;
        padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th small {{ font-weight: normal; color: #444; }}
th, td {{ border-bottom: 1px solid #ccc; padding: 0.4rem 0.6rem; text-align: left;
          vertical-align: top; }}
a {{ color: #0072B2; }}
</style>
</head>
<body>
<main>
<h1>Pakistan's foreign policy after 9/11</h1>
<p>The built course (pakfp-course {html.escape(__version__)}). Everything here works offline:
scripts and styles come from <code>assets/</code> (see <a href="assets/README.md">its
licences</a>). <a href="manifest.json">manifest.json</a> lists each output with its inputs,
parameters, hashes and build time.</p>
<table>
<thead><tr><th scope="col">Lesson</th>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{failed_html}
</main>
</body>
</html>
"""
    atomic_write(Path(out) / "index.html", page, tmp)
