"""Render notebooks to HTML pages and reveal.js decks with the course's offline templates.

The templates (``templates/pakfp_lab`` and ``templates/pakfp_reveal``) extend
nbconvert's ``lab`` and ``reveal`` templates: every script and style comes from
the local ``assets/`` folder, images keep their alt text, and a widget output
carries its static picture beside the live view.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from nbformat import NotebookNode

__all__ = ["render_html", "render_slides", "sources_footer"]


def _template_dir() -> str:
    return str(Path(str(resources.files("pakfp_course.builder").joinpath("templates"))))


def _resources(assets: str, *, widgets: bool, header: str = "", footer: str = "") -> dict:
    return {"pakfp": {"assets": assets, "widgets": widgets, "header": header,
                      "footer": footer}}


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


def render_slides(nb: NotebookNode, *, assets: str, title: str) -> str:
    """Return a notebook as a reveal.js deck that loads everything from ``assets``."""
    from nbconvert import SlidesExporter

    exporter = _exporter(SlidesExporter, "pakfp_reveal", reveal_url_prefix=f"{assets}/reveal.js",
                         reveal_theme="white")
    body, _ = exporter.from_notebook_node(
        _titled(nb, title), resources=_resources(assets, widgets=True))
    return body


def _exporter(cls, template: str, **options):
    """Return an nbconvert exporter using one of the course's templates.

    Prompts are left out and cells tagged ``hide-input`` show only their output.
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


def sources_footer(datasets: list[str], extra: list[str]) -> str:
    """Return the HTML of a handout's Sources footer: the lesson's own Sources section.

    It is :func:`pakfp_course.lesson.sources` (every dataset's :func:`pakfp_course.cite`,
    then the extra sources) rendered to HTML; the course's seed papers stand in when
    a notebook cited nothing.
    """
    from nbconvert.filters import markdown2html_mistune

    from ..lesson import sources

    body = sources(datasets or ["seeds"], extra).data
    return "<h2>Sources</h2>\n" + markdown2html_mistune(body)
