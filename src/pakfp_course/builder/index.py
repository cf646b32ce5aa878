"""The build's front page: ``index.html`` linking every output, lesson by lesson."""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

from .. import __version__
from ..hub import binder_link, hub_link, lesson_ids
from ..phases import PHASE_IDS
from ..publish import STUDENT_BRANCH
from .cache import atomic_write
from .pages import HUB_PLACEHOLDER  # the site's "Run it" shows the same template

__all__ = ["output_order", "write_index"]

_KIND_LABEL = {
    "html": "Lesson (HTML)",
    "slides": "Slides",
    "student": "Student notebook",
    "instructor": "Instructor",
    "handout": "Handouts",
}


def _link(rel: str, text: str) -> str:
    return f'<a href="{html.escape(rel)}">{html.escape(text)}</a>'


def output_order(rel: str) -> tuple:
    """Sort handouts by phase (course order), then by name; other outputs by name."""
    stem = Path(rel).stem.split("__")[0]
    phase = PHASE_IDS.index(stem) if stem in PHASE_IDS else len(PHASE_IDS)
    return (phase, rel)



def _run_it() -> str:
    """Return the "Run it" section: on a JupyterHub, on Binder, on your own computer."""
    first = lesson_ids()[0]
    e = html.escape
    template = hub_link(HUB_PLACEHOLDER, branch=STUDENT_BRANCH, lesson=first)
    publish = "pakfp-course student-branch && git push origin " + STUDENT_BRANCH
    command = f"pakfp-course hub-link --hub {HUB_PLACEHOLDER} --branch {STUDENT_BRANCH} --all"
    return f"""<section aria-labelledby="run-it">
<h2 id="run-it">Run it</h2>
<h3>On your university's JupyterHub</h3>
<p>Students click a link, log in, and JupyterLab opens on the lesson: the hub pulls the course
into their home folder with nbgitpuller, and later updates merge without overwriting their
edits. The link for lesson {e(first[:2])}, with your hub's address in place of
<code>{e(HUB_PLACEHOLDER)}</code>:</p>
<p><code class="url">{e(template)}</code></p>
<p>The links pull the <code>{e(STUDENT_BRANCH)}</code> branch: the lessons without their model
answers, published from the course's <code>main</code> branch with</p>
<pre><code>{e(publish)}</code></pre>
<p>A lecturer prints every lesson's link, as a table to paste into the course page, with</p>
<pre><code>{e(command)}</code></pre>
<p>Setting up the hub, what students see and how updates reach them: the lecturer's guide,
<code>docs/lecturer-guide.md</code> in the course repository.</p>
<h3>On Binder</h3>
<p>No account and nothing to install, for a try-out or a small group (a Binder session is
temporary: download your work before you leave):
<a class="badge" href="{e(binder_link(lesson=first))}">launch on Binder</a></p>
<h3>On your own computer</h3>
<p>In a copy of the course repository, with Python 3.10 or newer:</p>
<pre><code>python -m pip install -e .
pakfp-course lab</code></pre>
</section>"""


def write_index(out: Path, outputs: Mapping[str, dict], failed: list[str], tmp: Path) -> None:
    """Write ``<out>/index.html`` from the manifest's outputs and the failed items."""
    titles = {e.get("lesson"): e.get("title", "") for e in outputs.values()}
    lessons: dict[str, dict[str, list[str]]] = {}
    for rel, entry in sorted(outputs.items()):
        if not (Path(out) / rel).is_file() or entry.get("kind") == "site":
            continue
        by_kind = lessons.setdefault(entry.get("lesson", "?"), {})
        by_kind.setdefault(entry.get("kind", ""), []).append(rel)
    rows = []
    for lesson, by_kind in sorted(lessons.items()):
        cells = []
        for kind in ("html", "slides", "student", "instructor", "handout"):
            links = []
            for rel in sorted(by_kind.get(kind, []), key=output_order):
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
    site_html = ""
    if (Path(out) / "site" / "index.html").is_file():
        site_html = ('<p><a class="badge" href="site/index.html">Open the course website</a>: '
                     "the lessons, syllabus, reading list, data catalogue and glossary, "
                     "searchable, offline.</p>")
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
pre, code.url {{ background: #f3f3f3; padding: 0.4rem 0.6rem; overflow-wrap: anywhere; }}
pre {{ white-space: pre-wrap; }}
code.url {{ display: block; }}
a.badge {{ display: inline-block; padding: 0.2rem 0.7rem; border-radius: 0.3rem;
           background: #0072B2; color: #fff; font-weight: 600; text-decoration: none; }}
a.badge:hover, a.badge:focus {{ background: #005a8c; }}
</style>
</head>
<body>
<main>
<h1>Pakistan's foreign policy after 9/11</h1>
{site_html}
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
{_run_it()}
</main>
</body>
</html>
"""
    atomic_write(Path(out) / "index.html", page, tmp)
