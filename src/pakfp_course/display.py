"""The static-fallback bundle: a live widget that still shows something without a kernel.

Displaying an :class:`Explorer` emits one output bundle with

- ``application/vnd.jupyter.widget-view+json``: the live widget (JupyterLab, or
  HTML with saved widget state);
- ``text/html``: a ``<figure>`` with the PNG snapshot of the current state, its
  alt text and a caption (nbconvert HTML and slides without widget state, which
  skip the widget view and take the HTML);
- ``image/png`` with ``alt`` metadata: the same picture (PDF, GitHub's viewer);
- ``text/plain``: a readable summary (terminals, nbval, screen readers).

Explorers draw with matplotlib into a PNG shown by an :class:`ipywidgets.HTML`
holding ``<img alt=...>`` (an :class:`ipywidgets.Image` has no alt text), never
into an ``Output`` widget, so executing a lesson cannot stall on nbclient#312.
"""

from __future__ import annotations

import base64
import html
import io
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ipywidgets as w

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FOCUS_CSS", "Explorer", "Snapshot", "describe_extremes", "figure_png", "html_table",
           "picture_html", "static_bundle"]


@dataclass(frozen=True)
class Snapshot:
    """What an explorer shows now, as a picture and words."""

    png: bytes
    alt: str
    summary: str
    caption: str = ""


def figure_png(fig: Figure) -> bytes:
    """Render a matplotlib figure to PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    return buf.getvalue()


def _img(snapshot: Snapshot, b64: str, style: str) -> str:
    return (f'<img src="data:image/png;base64,{b64}" '
            f'alt="{html.escape(snapshot.alt, quote=True)}" style="{style}">')


def picture_html(snapshot: Snapshot) -> str:
    """Return the live explorer's picture: the snapshot's PNG with its alt text.

    The same pixels and the same alt text as the static fallback's ``<figure>``.
    """
    return _img(snapshot, base64.b64encode(snapshot.png).decode("ascii"),
                "display:block;max-width:100%;height:auto")


def static_bundle(snapshot: Snapshot) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the (data, metadata) of the static part of the bundle."""
    b64 = base64.b64encode(snapshot.png).decode("ascii")
    caption = html.escape(snapshot.caption or snapshot.summary.splitlines()[0])
    figure_html = (
        '<figure class="pakfp-static">' + _img(snapshot, b64, "max-width:100%")
        + f"<figcaption>{caption}</figcaption></figure>"
    )
    data = {"image/png": b64, "text/html": figure_html, "text/plain": snapshot.summary}
    return data, {"image/png": {"alt": snapshot.alt}}


#: A focused control of an explorer or a quiz shows a ring, in JupyterLab as in the built
#: pages: ipywidgets takes the outline off its dropdowns ("outline: none !important") and
#: shows their focus only by a pale border.
FOCUS_CSS = (".pakfp-explorer :focus-visible, .pakfp-quiz :focus-visible "
             "{outline: 2px solid #0b4f8a !important; outline-offset: 2px;}")

#: How many control settings an explorer remembers (state and picture).
CACHE_SIZE = 32


def _hashable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    return value


class Explorer(w.VBox):
    """A widget whose display also carries a PNG snapshot, alt text and a summary.

    Subclasses do not override anything: an explorer is built from a ``compute``
    function (the plain logic: control values in, state out) and a ``render``
    function turning that state into the current :class:`Snapshot`. On every
    change the state is computed once, then ``update`` and ``render`` use it.

    Parameters
    ----------
    controls
        The input widgets (dropdowns, radio buttons, checkboxes).
    compute
        Returns the state for the controls' current values.
    render
        Returns the snapshot of a state.
    extra
        Widgets shown below the picture (e.g. an HTML table) and refreshed by ``update``.
    update
        Refreshes ``extra`` from a state, before ``render``.
    """

    def __init__(self, controls: Sequence[w.Widget], compute: Callable[[], Any],
                 render: Callable[[Any], Snapshot], extra: Sequence[w.Widget] = (),
                 update: Callable[[Any], None] | None = None, **kwargs: Any) -> None:
        self.controls = list(controls)
        #: the picture: an HTML widget holding ``<img alt=...>`` (see :func:`picture_html`)
        self.picture = w.HTML(layout=w.Layout(max_width="100%"))
        self.picture.add_class("pakfp-picture")
        self._compute = compute
        self._render = render
        self._update = update
        self._cache: OrderedDict[tuple[Any, ...], tuple[Any, Snapshot, str]] = OrderedDict()
        self.state: Any = None
        self.snapshot: Snapshot | None = None
        # the focus ring's style rides along with the controls, hidden (a <style> applies anyway)
        style = w.HTML(f"<style>{FOCUS_CSS}</style>", layout=w.Layout(display="none"))
        row = w.HBox([*self.controls, style], layout=w.Layout(flex_flow="row wrap"))
        super().__init__(children=[row, self.picture, *extra], **kwargs)
        self.add_class("pakfp-explorer")  # a stable hook for styling and browser tests
        for control in self.controls:
            control.observe(self._changed, names="value")
        self.refresh()

    def _changed(self, change: dict[str, Any]) -> None:
        self.refresh()

    def refresh(self) -> Snapshot:
        """Recompute what the explorer shows from its controls; return the snapshot.

        The course data does not change while a lesson runs, so the state and
        picture of the last :data:`CACHE_SIZE` control settings are kept: going
        back to a setting redraws at once.
        """
        key = tuple(_hashable(c.value) for c in self.controls)
        if key in self._cache:
            self._cache.move_to_end(key)
            self.state, snapshot, picture = self._cache[key]
        else:
            self.state = self._compute()
            snapshot = picture = None
        if self._update is not None:
            self._update(self.state)
        self.snapshot = snapshot or self._render(self.state)
        picture = picture or picture_html(self.snapshot)  # with the alt text screen readers read
        self._cache[key] = (self.state, self.snapshot, picture)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        self.picture.value = picture
        return self.snapshot

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        live = super()._repr_mimebundle_(**kwargs) or {}
        live_data = live[0] if isinstance(live, tuple) else live
        snapshot = self.snapshot or self.refresh()
        data, metadata = static_bundle(snapshot)
        return {**live_data, **data}, metadata


def html_table(rows: Sequence[dict[str, Any]], columns: Sequence[str],
               headers: Sequence[str] | None = None, caption: str = "") -> str:
    """Return an HTML table of ``rows``, with every cell escaped (and a ``caption``, if any)."""
    heads = headers or columns
    head = "".join(f'<th scope="col">{html.escape(str(h))}</th>' for h in heads)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in columns) + "</tr>"
        for r in rows
    )
    title = (f'<caption style="text-align:left;font-weight:bold">{html.escape(caption)}</caption>'
             if caption else "")
    return (f'<table class="pakfp-table">{title}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def describe_extremes(labels: Sequence[Any], values: Sequence[float], what: str,
                      unit: str = "") -> str:
    """Describe a series for alt text: start, end, highest and lowest points."""
    pairs = [(lab, float(v)) for lab, v in zip(labels, values, strict=True) if v == v]
    if not pairs:
        return f"{what}: no values."
    hi = max(pairs, key=lambda p: p[1])
    lo = min(pairs, key=lambda p: p[1])
    u = f" {unit}" if unit else ""
    first, last = pairs[0], pairs[-1]
    trend = "rises" if last[1] > first[1] else "falls" if last[1] < first[1] else "is flat"
    return (
        f"{what} {trend} from {first[1]:,.0f}{u} in {first[0]} to {last[1]:,.0f}{u} in "
        f"{last[0]}; highest {hi[1]:,.0f}{u} in {hi[0]}, lowest {lo[1]:,.0f}{u} in {lo[0]}."
    )
