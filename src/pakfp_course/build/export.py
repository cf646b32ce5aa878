"""Render notebooks to HTML pages and reveal.js decks with the course's offline templates.

The templates (``templates/pakfp_lab`` and ``templates/pakfp_reveal``) extend
nbconvert's ``lab`` and ``reveal`` templates: every script and style comes from
the local ``assets/`` folder, images keep their alt text, and a widget output
carries its static picture beside the live view.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

from nbformat import NotebookNode

__all__ = ["render_html", "render_slides", "sources_footer"]


def _template_dir() -> str:
    return str(Path(str(resources.files("pakfp_course.build").joinpath("templates"))))


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

    exporter = HTMLExporter(
        template_name="pakfp_lab",
        extra_template_basedirs=[_template_dir()],
        extra_template_paths=[_template_dir()],
        exclude_input=exclude_input,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(_hide_input_preprocessor(), enabled=True)
    nb = _titled(nb, title)
    body, _ = exporter.from_notebook_node(
        nb, resources=_resources(assets, widgets=widgets, header=header, footer=footer))
    return body


def render_slides(nb: NotebookNode, *, assets: str, title: str) -> str:
    """Return a notebook as a reveal.js deck that loads everything from ``assets``."""
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        template_name="pakfp_reveal",
        extra_template_basedirs=[_template_dir()],
        extra_template_paths=[_template_dir()],
        reveal_url_prefix=f"{assets}/reveal.js",
        reveal_theme="white",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(_hide_input_preprocessor(), enabled=True)
    body, _ = exporter.from_notebook_node(
        _titled(nb, title), resources=_resources(assets, widgets=True))
    return body


def _titled(nb: NotebookNode, title: str) -> NotebookNode:
    nb = nb.copy()
    nb.metadata = nb.metadata.copy()
    nb.metadata["title"] = title
    return nb


def _hide_input_preprocessor():
    from nbconvert.preprocessors import TagRemovePreprocessor

    return TagRemovePreprocessor(remove_input_tags={"hide-input"}, enabled=True)


def sources_footer(datasets: list[str], extra: list[str]) -> str:
    """Return the HTML of a handout's Sources footer, from :func:`pakfp_course.cite`."""
    from .. import data

    parts = ["<h2>Sources</h2>"]
    if not datasets:
        datasets = ["seeds"]
    for name in datasets:
        lines = data.cite(name).splitlines()
        items = "".join(f"<li>{_linkify(line)}</li>" for line in lines[1:])
        parts.append(f"<p><strong>{html.escape(lines[0])}</strong></p><ul>{items}</ul>")
    if extra:
        table = data.load("sources").set_index("source_id")
        items = []
        for sid in extra:
            if sid in table.index:
                items.append(f"<li>{_linkify(str(table.loc[sid, 'citation']))} ({sid})</li>")
        parts.append("<p><strong>Further sources cited in this lesson</strong></p>"
                     f"<ul>{''.join(items)}</ul>")
    return "\n".join(parts)


def _linkify(text: str) -> str:
    """Escape text and turn bare http(s) addresses into links (citations may link out)."""
    out = []
    for word in text.split(" "):
        if word.startswith(("http://", "https://")):
            url = word.rstrip(".,;)")
            tail = word[len(url):]
            out.append(f'<a href="{html.escape(url)}">{html.escape(url)}</a>{html.escape(tail)}')
        else:
            out.append(html.escape(word))
    return " ".join(out)
