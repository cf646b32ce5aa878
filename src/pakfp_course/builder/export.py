"""Render notebooks to HTML pages and reveal.js decks with the course's offline templates.

The templates (``templates/pakfp_lab`` and ``templates/pakfp_reveal``) extend
nbconvert's ``lab`` and ``reveal`` templates: every script and style comes from
the local ``assets/`` folder, images keep their alt text, and a widget output
carries its static picture beside the live view.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from nbformat import NotebookNode

__all__ = ["handout_page_css", "render_handout", "render_html", "render_slides"]


def _template_dir() -> str:
    return str(Path(str(resources.files("pakfp_course.builder").joinpath("templates"))))


def _resources(assets: str, *, widgets: bool, header: str = "", footer: str = "",
               page_css: str = "") -> dict:
    return {"pakfp": {"assets": assets, "widgets": widgets, "header": header,
                      "footer": footer, "page_css": page_css}}


def render_html(
    nb: NotebookNode,
    *,
    assets: str,
    title: str,
    widgets: bool = True,
    exclude_input: bool = False,
    header: str = "",
    footer: str = "",
) -> str:
    """Return a notebook as one offline HTML page.

    Parameters
    ----------
    nb
        An executed notebook.
    assets
        URL of the assets folder relative to the page (e.g. ``"../assets"``).
    title
        The page title.
    widgets
        Render live widgets from the notebook's saved state (otherwise only
        their static pictures).
    exclude_input
        Hide every code input (handouts); cells tagged ``hide-input`` are always hidden.
    header, footer
        HTML shown above the first cell and after the last.
    """
    from nbconvert import HTMLExporter

    exporter = _exporter(HTMLExporter, "pakfp_lab", exclude_input=exclude_input)
    nb = _titled(nb, title)
    body, _ = exporter.from_notebook_node(
        nb, resources=_resources(assets, widgets=widgets, header=header, footer=footer))
    return body


def _css_string(text: str, width: int = 70) -> str:
    text = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _course_meta(output: dict) -> dict:
    """Return the ``pakfp_course`` metadata of an output (IPython nests it per MIME type)."""
    meta = output.get("metadata", {})
    return meta.get("pakfp_course") or meta.get("text/markdown", {}).get("pakfp_course", {})


def _unnumbered(title: str) -> str:
    """Return a lesson title without its leading number (``07 · Regional ...``)."""
    return re.sub(r"^\d{1,2}\s*[·:.-]?\s+", "", title)


def handout_page_css(*, number: str, lesson: str, phase_label: str) -> str:
    """Return the ``@page`` rules of a handout: A4, margins, running header, page numbers.

    The running header names the lesson and the phase on every page; the footer
    numbers the pages ("page 2 of 3"). A browser printing to US-Letter paper
    (or a printer set to it) keeps the margins and the header.
    """
    left = _css_string(f"Lesson {number}: {_unnumbered(lesson)}", 62)
    right = _css_string(f"Phase: {phase_label}", 60)
    box = "font-family: sans-serif; font-size: 7.5pt; color: #222;"
    return (
        "@page { size: A4; margin: 17mm 15mm 15mm 15mm;\n"
        f"  @top-left {{ content: {left}; {box} }}\n"
        f"  @top-right {{ content: {right}; {box} }}\n"
        f'  @bottom-left {{ content: "pakfp_course handout · text CC BY 4.0"; {box} }}\n'
        f'  @bottom-right {{ content: "page " counter(page) " of " counter(pages); {box} }}\n'
        "}\n")


def render_handout(
    nb: NotebookNode,
    *,
    assets: str,
    lesson: str,
    number: str,
    phase: str,
    phase_label: str,
    extra: str = "",
) -> str:
    """Return an executed handout notebook (:func:`~.transform.for_handout`) as a printable page.

    Parameters
    ----------
    nb
        The handout's cells, executed.
    assets
        URL of the assets folder relative to the page.
    lesson, number
        The lesson's title and number (``"02"``).
    phase, phase_label
        The phase id the handout was made for and its reader's name.
    extra
        Other non-default parameters, shown under the title.
    """
    from html import escape

    from nbconvert import HTMLExporter

    for cell in nb.cells:  # the Sources block may break across pages; nothing else may
        if any(_course_meta(o).get("handout_sources") for o in cell.get("outputs", [])):
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), "handout-sources"]
    header = (
        f'<p>Handout · lesson {escape(number)} · pakfp_course</p>\n'
        f"<h1>{escape(lesson)}</h1>\n"
        f"<p>Phase: <strong>{escape(phase_label)}</strong> (<code>{escape(phase)}</code>)"
        + (f" · {escape(extra)}" if extra else "") + "</p>")
    exporter = _exporter(HTMLExporter, "pakfp_handout", exclude_input=True)
    body, _ = exporter.from_notebook_node(
        _titled(nb, f"{lesson}: handout, {phase_label} ({phase})"),
        resources=_resources(assets, widgets=False, header=header,
                             page_css=handout_page_css(number=number, lesson=lesson,
                                                       phase_label=phase_label)))
    return body


def render_slides(nb: NotebookNode, *, assets: str, title: str) -> str:
    """Return a notebook as a reveal.js deck that loads everything from ``assets``."""
    from nbconvert import SlidesExporter

    exporter = _exporter(SlidesExporter, "pakfp_reveal", reveal_url_prefix=f"{assets}/reveal.js",
                         reveal_theme="white")
    body, _ = exporter.from_notebook_node(
        _titled(nb, title), resources=_resources(assets, widgets=True))
    return body


@cache
def _exporter(cls, template: str, **options):
    """Return an nbconvert exporter using one of the course's templates.

    Prompts are left out and cells tagged ``hide-input`` show only their output.
    A worker keeps each exporter (its templates are compiled once) for its next page.
    """
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = cls(template_name=template, extra_template_basedirs=[_template_dir()],
                   extra_template_paths=[_template_dir()], exclude_input_prompt=True,
                   exclude_output_prompt=True, **options)
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_input_tags={"hide-input"}, enabled=True), enabled=True)
    return exporter


def _titled(nb: NotebookNode, title: str) -> NotebookNode:
    nb = nb.copy()
    nb.metadata = nb.metadata.copy()
    nb.metadata["title"] = title
    return nb

