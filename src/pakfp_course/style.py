"""The course's visual language: palette, phase bands, captions, house style.

One colour-blind-safe palette (Okabe & Ito) for every chart and widget; phases
drawn as the same light bands with the same labels; every chart captioned with
its sources. Nothing here runs at import: the house style is opt-in.
"""

from __future__ import annotations

import contextlib
import types
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import data
from .phases import PHASE_IDS, phase_table

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "PHASE_COLOURS",
    "SERIES",
    "add_caption",
    "caption_below",
    "course_style",
    "finish_axes",
    "fit_phase_labels",
    "get_alt",
    "new_axes",
    "phase_bands",
    "set_alt",
    "source_caption",
    "use_course_style",
]

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
#: form of colour-vision deficiency.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Order in which series take colours (black and yellow last: weakest on white).
PALETTE: list[str] = [
    OKABE_ITO[k]
    for k in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue",
              "yellow", "black")
]

#: Fixed colours for series that recur across charts.
SERIES: dict[str, str] = {
    "security": OKABE_ITO["blue"],
    "economic": OKABE_ITO["bluish_green"],
    "csf": OKABE_ITO["orange"],
    "military": OKABE_ITO["vermillion"],
    "PAK": OKABE_ITO["bluish_green"],
    "IND": OKABE_ITO["orange"],
    "USA": OKABE_ITO["blue"],
    "CHN": OKABE_ITO["vermillion"],
    "cost": OKABE_ITO["vermillion"],
    "aid": OKABE_ITO["blue"],
    "range": OKABE_ITO["sky_blue"],
}

#: Light band colours, one per phase (light tints; text stays readable on them).
PHASE_COLOURS: dict[str, str] = {
    "cold-war": "#EDEDED",
    "2001-2008": "#DCEBF5",
    "2009-2016": "#F6E7CC",
    "2017-present": "#DDEFE7",
}

_STYLE: dict[str, Any] = {
    "figure.figsize": (9.0, 4.8),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.labelsize": 12,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": None,  # filled in lazily (needs matplotlib's cycler)
}


def _rc() -> dict[str, Any]:
    from cycler import cycler

    return {**_STYLE, "axes.prop_cycle": cycler(color=PALETTE)}


@contextlib.contextmanager
def course_style() -> Iterator[None]:
    """Apply the house style inside a ``with`` block only."""
    import matplotlib

    with matplotlib.rc_context(_rc()):
        yield


def use_course_style() -> None:
    """Apply the house style for the rest of the session (opt-in)."""
    import matplotlib

    matplotlib.rcParams.update(_rc())


def new_axes(ax: Axes | None = None, figsize: tuple[float, float] = (9.0, 4.8)) -> Axes:
    """Return ``ax``, or new Axes on a new pyplot figure (shown inline by Jupyter)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


#: Margins of widget figures: fixed, because a layout engine redraws the figure
#: once more on every update (half the time of a widget refresh).
WIDGET_MARGINS = {"left": 0.08, "right": 0.98, "top": 0.9, "bottom": 0.25}


def figure(figsize: tuple[float, float] = (9.0, 4.8)) -> Figure:
    """Return a figure outside pyplot (for widgets: never shown twice, never leaked)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=100)
    fig.subplots_adjust(**WIDGET_MARGINS)
    return fig


def phase_bands(ax: Axes, *, phases: Iterable[str] = PHASE_IDS, label: bool = True,
                until: float | None = None) -> Axes:
    """Shade each phase as a light vertical band on a time axis of years.

    Parameters
    ----------
    ax
        Axes whose x axis is in years (numbers, e.g. 2001.0).
    phases
        Phase ids to draw (default: all).
    label
        Write each phase's id at the top of its band.
    until
        Where the open-ended last phase stops (default: the right edge of the axes).
    """
    table = phase_table()
    left, right = ax.get_xlim()
    right = until if until is not None else right
    for phase_id in phases:
        row = table.loc[phase_id]
        start = float(row["start_year"])
        end = right if pd.isna(row["end_year"]) else float(row["end_year"]) + 1
        lo, hi = max(start, left), min(end, right)
        if hi <= lo:
            continue
        ax.axvspan(lo, hi, color=PHASE_COLOURS[phase_id], zorder=0, lw=0)
        if label:
            ax.text((lo + hi) / 2, 0.99, phase_id, transform=ax.get_xaxis_transform(),
                    ha="center", va="top", fontsize=9, color="#444444", zorder=1)
    ax.set_xlim(left, right if until is None else max(right, ax.get_xlim()[1]))
    return ax


def fit_phase_labels(ax: Axes) -> Axes:
    """Keep the labels of :func:`phase_bands` readable where a band is narrow.

    A label wider than its band moves to a second row (alternating, so
    neighbours do not collide) and, near an edge, is aligned to stay inside
    the axes. Call it after :func:`phase_bands`, once the figure size is set.
    """
    left, right = ax.get_xlim()
    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72 * 0.85
    table, lower = phase_table(), False
    for text in ax.texts:
        phase = text.get_text()
        if phase not in PHASE_COLOURS or text.get_position()[1] != 0.99:
            continue
        row = table.loc[phase]
        end = right if pd.isna(row["end_year"]) else float(row["end_year"]) + 1
        band = (min(end, right) - max(float(row["start_year"]), left)) / (right - left)
        need = len(phase) * 0.6 * text.get_fontsize() / width_pt  # in axes fractions
        if need <= band * 0.95:
            lower = False
            continue
        half = need / 2 * (right - left)
        if text.get_position()[0] + half > right:
            text.set(x=right - 0.005 * (right - left), horizontalalignment="right")
        elif text.get_position()[0] - half < left:
            text.set(x=left + 0.005 * (right - left), horizontalalignment="left")
        lower = not lower
        text.set_y(0.925 if lower else 0.99)
    return ax


def _short(citation: str) -> str:
    head = citation.split(",")[0].split(" (")[0].strip()
    return head if len(head) <= 60 else head[:57] + "..."


def source_caption(source_ids: Iterable[str], note: str | None = None) -> str:
    """Return a one-line caption naming the sources (short form, with ids)."""
    ids: list[str] = []
    for cell in source_ids:
        for sid in data.split_ids(cell):
            if sid not in ids:
                ids.append(sid)
    sources = data.load("sources").set_index("source_id")
    names: list[str] = []
    for sid in ids:
        name = _short(sources.loc[sid, "citation"]) if sid in sources.index else sid
        if name not in names:
            names.append(name)
    text = "Source: " + "; ".join(names) if names else "Source: course data"
    return f"{text}. {note}" if note else text


def _wrapped_text(text: Text) -> str:
    """Wrap ``text`` to its line width as matplotlib's ``Text._get_wrapped_text`` does.

    Matplotlib measures the line one word longer at a time, so a caption of n
    words costs about n²/2 text layouts per draw (a third of a chart's drawing
    time). The width of the first k words grows with k, so a binary search for
    the longest k that fits gives the same lines with about log₂(n) layouts per
    line. Text with ``$`` (maths may switch on and off as words are added) and
    TeX keep matplotlib's own method.
    """
    raw = text.get_text()
    if not text.get_wrap() or text.get_usetex() or "$" in raw:
        return type(text)._get_wrapped_text(text)
    limit = text._get_wrap_line_width()
    lines: list[str] = []
    for paragraph in raw.split("\n"):
        words = paragraph.split(" ")
        while words:
            fits, too_long = 1, len(words) + 1  # a line holds at least one word
            while too_long - fits > 1:
                mid = (fits + too_long) // 2
                if text._get_rendered_text_width(" ".join(words[:mid])) > limit:
                    too_long = mid
                else:
                    fits = mid
            lines.append(" ".join(words[:fits]))
            words = words[fits:]
    return "\n".join(lines)


def add_caption(ax: Axes, source_ids: Iterable[str], note: str | None = None) -> Text:
    """Write the source caption under the Axes and return the text artist.

    The caption wraps at the figure's edge, with the lines matplotlib would
    choose, found with fewer text measurements (:func:`_wrapped_text`).
    """
    text = ax.annotate(
        source_caption(source_ids, note), xy=(0, 0), xycoords="axes fraction",
        xytext=(0, -34), textcoords="offset points", ha="left", va="top", fontsize=8,
        color="#444444", wrap=True, annotation_clip=False,
    )
    text._get_wrapped_text = types.MethodType(_wrapped_text, text)
    return text


def caption_below(ax: Axes, source_ids: Iterable[str], note: str | None = None,
                  limit: int = 6) -> Text:
    """Caption ``ax`` with its sources under the x axis, however tall its tick labels.

    Like :func:`add_caption`, but the caption is anchored below the tick and axis
    labels (rotated labels included), and names at most ``limit`` sources, the
    most cited first, saying how many more there are.
    """
    from matplotlib.transforms import Bbox

    counts = Counter(sid for cell in source_ids for sid in data.split_ids(cell))
    ids = [sid for sid, _ in counts.most_common()]
    if len(ids) > limit:
        more = (f"Plus {len(ids) - limit} more sources (pakfp_course.sources_for lists them "
                "all).")
        note = f"{more} {note}" if note else more
    text = add_caption(ax, ids[:limit], note=note)

    def below_x_axis(renderer: Any) -> Bbox:
        return Bbox.union([ax.bbox, ax.xaxis.get_tightbbox(renderer) or ax.bbox])

    text.xycoords = ("axes fraction", below_x_axis)
    text.xyann = (0, -6)
    return text


def finish_axes(ax: Axes, title: str, xlabel: str = "", ylabel: str = "",
                grid: str = "y") -> Axes:
    """Give a chart the house look: title, axis labels at slide size, light grid."""
    ax.grid(False)
    ax.grid(axis=grid, alpha=0.3)
    ax.set_axisbelow(True)
    ax.set_title(title, fontsize=14, loc="left")
    ax.set_xlabel(xlabel, fontsize=12)
    ax.set_ylabel(ylabel, fontsize=12)
    ax.tick_params(labelsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


_ALT: weakref.WeakKeyDictionary[Axes, str] = weakref.WeakKeyDictionary()


def set_alt(ax: Axes, text: str) -> None:
    """Record the alt text of the chart drawn on ``ax``: what it shows, in words.

    Parameters
    ----------
    ax
        The Axes the chart is drawn on (held weakly: the text goes when the Axes do).
    text
        What the chart shows (its trend and extremes, with numbers), not what kind
        of chart it is.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("alt text must be a non-empty string describing what the chart shows")
    _ALT[ax] = text.strip()


def get_alt(ax: Axes) -> str:
    """Return the alt text recorded for ``ax`` by :func:`set_alt`.

    Raises
    ------
    LookupError
        If no alt text was recorded for these Axes (e.g. they were not drawn by
        :mod:`pakfp_course.plots`).
    """
    try:
        return _ALT[ax]
    except KeyError:
        raise LookupError(
            "no alt text recorded for these Axes: draw them with a pakfp_course.plots "
            "function or call style.set_alt(ax, text) first"
        ) from None
