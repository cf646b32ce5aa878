"""The course website: Sphinx, ``sphinx-book-theme`` and ``myst-nb``, from executed lessons.

The site is made from the instructor notebooks the build has already executed
(``nb_execution_mode = "off"``: nothing runs twice), with answers and lecturer
material removed as for the student pages. Around the lessons, :mod:`.pages`
writes the home page, syllabus, reading list, data catalogue, glossary and "Run
it". Everything the pages load is local: the theme's own files, Sphinx's search
index (a script, so search works from ``file://``) and the widget renderer
(require.js and ``@jupyter-widgets/html-manager`` from ``assets/``). Sphinx
writes into a temporary folder that then replaces ``site/`` whole.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SiteBuildError
from ..resources import course_path
from . import pages
from .index import output_order

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = ["SITE_DIR", "SITE_TITLE", "build_site", "lesson_for_site", "site_inputs"]

SITE_DIR = "site"  #: the website's folder in the build's output folder
SITE_TITLE = "Pakistan's foreign policy after 9/11"
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

_CONF = '''"""Sphinx configuration of the course website (written by pakfp-course build)."""
project = {title!r}
author = "pakfp_course"
copyright = "the pakfp_course authors; course data under its sources' terms"
language = "en"
smartquotes = False  # quotations stay as the lessons and papers print them
extensions = ["myst_nb"]
html_theme = "sphinx_book_theme"
html_title = {title!r}
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["pakfp/site.css"]
html_copy_source = False
html_show_search_summary = False  # it fetches each hit, which file:// forbids
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {{
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "show_toc_level": 2,
    "collapse_navigation": True,
    "navigation_with_keys": True,
    "home_page_in_toc": True,
    "search_bar_text": "Search the course",
}}
html_sidebars = {{"**": ["navbar-logo.html", "search-button-field.html",
                         "sbt-sidebar-nav.html"]}}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
nb_execution_mode = "off"
nb_merge_streams = True
nb_output_stderr = "remove"
nb_render_markdown_format = "gfm"  # a lesson's printed Markdown tables (the default drops them)
nb_ipywidgets_js = {{
    "pakfp/requirejs/require.js": {{}},
    "pakfp/html-manager/dist/embed-amd.js": {{"data-jupyter-widgets-cdn": "",
                                             "data-jupyter-widgets-cdn-only": ""}},
}}
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type", "toc.not_included"]
exclude_patterns = ["_build"]
'''

# The theme's search button, whose accessible name ("Search") left out its visible
# shortcut text (axe: label-content-name-mismatch): the name is now the text itself.
_SEARCH_BUTTON = """<button class="btn search-button-field search-button__button pst-js-only" \
title="Search the course (Ctrl+K)" data-bs-placement="bottom" data-bs-toggle="tooltip">
 <i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>
 <span class="search-button__default-text">Search</span>
 <span class="search-button__kbd-shortcut"><kbd class="kbd-shortcut__modifier">Ctrl</kbd>+\
<kbd class="kbd-shortcut__modifier">K</kbd></span>
</button>
"""

_CSS = """/* pakfp_course site: a live widget hides its static picture once it has rendered. */
.pakfp-widget > .widget-subarea ~ .pakfp-static { display: none; }
.pakfp-static img, .cell_output img { max-width: 100%; height: auto; }
.pakfp-lesson-links { border-left: 4px solid #0072B2; padding: 0.4rem 0.8rem;
                      margin: 0.5rem 0 1.2rem; }
.pakfp-lesson-links p { margin: 0.2rem 0; }
@media print {
  .pakfp-widget > .widget-subarea { display: none; }
  .pakfp-widget > .widget-subarea ~ .pakfp-static { display: block; }
}
"""


def _widget_html(output) -> str:
    """Return a widget output as HTML: the live view's script and its static picture."""
    view = json.dumps(output["data"][_WIDGET_VIEW]).replace("</", "<\\/")
    data = output["data"]
    if "text/html" in data:
        static = f'<div class="pakfp-static">\n{data["text/html"]}\n</div>'
    elif "text/plain" in data:
        import html

        static = f'<pre class="pakfp-static">{html.escape(data["text/plain"])}</pre>'
    else:
        static = ""
    return (f'<div class="pakfp-widget jupyter-widgets">\n<script type="{_WIDGET_VIEW}">'
            f"{view}</script>\n{static}\n</div>")


def _links_cell(links: Mapping[str, Sequence[tuple[str, str]]]) -> str:
    """Return the lesson's links block (raw HTML) to its slides and handouts."""
    import html

    rows = []
    for label, items in links.items():
        if items:
            anchors = " · ".join(f'<a href="{html.escape(href)}">{html.escape(text)}</a>'
                                 for text, href in items)
            rows.append(f"<p><strong>{html.escape(label)}:</strong> {anchors}</p>")
    body = "\n".join(rows)
    return (f'<nav class="pakfp-lesson-links" aria-label="This lesson elsewhere">\n{body}\n'
            "</nav>")


def lesson_for_site(nb: NotebookNode, *, terms: Sequence[pages.GlossaryTerm] = (),
                    links: Mapping[str, Sequence[tuple[str, str]]] | None = None
                    ) -> NotebookNode:
    """Return an executed lesson as its website page's source.

    Answers and lecturer material go (as for the student HTML); each widget
    output becomes HTML holding the live view and its static picture with alt
    text; the first use of each glossary term links to its entry; a block of
    links to the lesson's slides and handouts follows the title.
    """
    import nbformat

    from .transform import for_student_html

    out = for_student_html(nb)  # a copy: the executed lesson is left as it was
    linked: set[str] = set()
    for cell in out.cells:
        cell_tags = cell.metadata.get("tags", [])
        if "hide-input" in cell_tags:  # as in the lesson pages: the output without its code
            cell.metadata["tags"] = [t for t in cell_tags if t != "hide-input"] + [
                "remove-input"]
        if cell.cell_type == "markdown" and terms:
            cell.source = pages.link_terms(cell.source, terms, linked)
        for output in cell.get("outputs", []):
            if _WIDGET_VIEW in output.get("data", {}):
                output["data"] = {"text/html": _widget_html(output)}
    if links and any(links.values()):
        at = 1 if out.cells and out.cells[0].cell_type == "markdown" else 0
        out.cells.insert(at, nbformat.v4.new_markdown_cell(_links_cell(links)))
    out.metadata.pop("papermill", None)
    return out


def site_inputs(outputs: Mapping[str, dict]) -> dict[str, object]:
    """Return what the site is made from: executed lessons, slides and handouts present."""
    return {
        "lessons": {rel: e.get("sha256") for rel, e in sorted(outputs.items())
                    if rel.startswith("instructor/") and rel.endswith(".ipynb")},
        "slides": sorted(r for r in outputs if r.startswith("slides/")),
        "handouts": sorted(r for r in outputs if r.startswith("handouts/")),
    }


def _lesson_links(name: str, outputs: Mapping[str, dict]) -> dict[str, list[tuple[str, str]]]:
    up = "../../"  # from site/lessons/<name>.html to the build's output folder
    slides = [("slides (reveal.js; press s for speaker notes)", f"{up}{r}")
              for r in outputs if r == f"slides/{name}.slides.html"]
    handouts = []
    mine = [r for r in outputs if r.startswith(f"handouts/{name}/")]
    pdfs = {r for r in mine if r.endswith(".pdf")}
    for rel in sorted(mine, key=output_order):  # by phase, as index.html lists them
        if rel.endswith(".html") and rel[:-5] + ".pdf" in pdfs:
            continue  # the PDF is what gets printed
        kind = "PDF" if rel.endswith(".pdf") else "HTML"
        handouts.append((f"{Path(rel).stem} ({kind})", f"{up}{rel}"))
    run = [("open it in JupyterLab, on a hub or on Binder", "../run-it.html")]
    return {"Slides": slides, "Handouts to print": handouts, "Run it": run}


def _glossary() -> list[pages.GlossaryTerm]:
    from .. import data

    if "glossary" not in data.list_datasets():
        return []
    def split(value) -> tuple[str, ...]:
        return tuple(data.split_ids(value))

    return [pages.GlossaryTerm(r["term_id"], r["term"], r["definition"], split(r["aliases"]),
                               split(r["lessons"]), split(r.get("see_also")), r["source_id"])
            for _, r in data.load("glossary").iterrows()]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_sources(src: Path, out: Path, outputs: Mapping[str, dict]) -> list[str]:
    """Write the site's Sphinx sources into ``src``; return the lessons it holds."""
    import nbformat

    from .. import data, lesson

    if src.exists():
        shutil.rmtree(src)
    (src / "lessons").mkdir(parents=True)
    terms = _glossary()
    outlines = []
    for rel in site_inputs(outputs)["lessons"]:
        path = out / rel
        if not path.is_file():
            continue
        name = Path(rel).stem
        nb = nbformat.read(path, as_version=4)
        page = lesson_for_site(nb, terms=terms, links=_lesson_links(name, outputs))
        nbformat.write(page, src / "lessons" / f"{name}.ipynb")
        outlines.append(pages.lesson_outline(
            name, [c.source for c in page.cells if c.cell_type == "markdown"
                   and not c.source.startswith("<nav")]))
    titles = {o.name: o.title for o in outlines}
    _write(src / "conf.py", _CONF.format(title=SITE_TITLE))
    _write(src / "index.md", pages.home_page(outlines, title=SITE_TITLE))
    _write(src / "syllabus.md", pages.syllabus_page(outlines))
    _write(src / "run-it.md", pages.run_it_markdown())
    _write(src / "readings.md", pages.readings_page(str(lesson.reading_list().data)))
    sources = data.load("sources").set_index("source_id")["citation"].to_dict()
    _write(src / "glossary.md", pages.glossary_page(terms, titles, sources))
    package = json.loads((course_path("course_data") / "datapackage.json").read_text("utf-8"))
    resources = package["resources"]
    (src / "data").mkdir()
    for resource in resources:
        shutil.copyfile(course_path("course_data") / resource["path"],
                        src / "data" / resource["path"])
        _write(src / "data" / f"{resource['name']}.md",
               pages.dataset_page(resource, src / "data" / resource["path"]))
    _write(src / "data" / "index.md", pages.data_index_page(resources))
    static = src / "_static" / "pakfp"
    _write(static / "site.css", _CSS)
    _write(src / "_templates" / "search-button-field.html", _SEARCH_BUTTON)
    for folder in ("requirejs", "html-manager"):
        if (out / "assets" / folder).is_dir():
            shutil.copytree(out / "assets" / folder, static / folder)
    return [o.name for o in outlines]


def build_site(out: Path, outputs: Mapping[str, dict], cache: Path,
               env: Mapping[str, str]) -> Path:
    """Build ``<out>/site/`` from the executed lessons in ``outputs``; return its index.

    Raises :class:`~pakfp_course.errors.SiteBuildError` with Sphinx's messages when
    Sphinx fails; the previous site is then left as it was.
    """
    out = Path(out)
    src = cache / "site-src"
    lessons = write_sources(src, out, outputs)
    if not lessons:
        raise SiteBuildError("the website needs the executed lessons (instructor/*.ipynb), "
                         "and none was built")
    staging = cache / "tmp" / "site"
    shutil.rmtree(staging, ignore_errors=True)
    log = cache / "logs" / "site.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d",
           str(cache / "site-doctrees"), str(src), str(staging)]
    with open(log, "w", encoding="utf-8") as fh:
        done = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT,
                              env={**os.environ, **env}, check=False)
    if done.returncode != 0 or not (staging / "index.html").is_file():
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-15:]
        raise SiteBuildError("Sphinx could not build the website (exit "
                         f"{done.returncode}); its log is {log}:\n" + "\n".join(tail))
    for junk in (".buildinfo", ".doctrees"):
        target = staging / junk
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    final = out / SITE_DIR
    old = cache / "tmp" / "site-old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    shutil.rmtree(old, ignore_errors=True)
    return final / "index.html"
