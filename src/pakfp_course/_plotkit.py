"""Private drawing helpers shared by :mod:`pakfp_course.plots`.

Choosing from valid options, captioning and finishing Axes, phase-banded year
axes, bars and points that carry ids. Not part of the public API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import data, style
from .errors import UnknownChoiceError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h", "p", "<")
GREY = "#444444"
_MARKERS = MARKERS
_GREY = GREY


def _choose(kind: str, chosen: str | Iterable[str], valid: Sequence[str]) -> tuple[str, ...]:
    values = (chosen,) if isinstance(chosen, str) else tuple(chosen)
    for value in values or ("(none)",):
        if value not in valid:
            raise UnknownChoiceError(kind, value, valid)
    return values


def _enum(dataset: str, field: str) -> tuple[str, ...]:
    fields = {f.name: f for f in data.default().resource(dataset).fields}
    return fields[field].enum or tuple(dict.fromkeys(data.load(dataset)[field].dropna()))


def _peak_text(labels: Sequence[object], values: Sequence[float], what: str,
               show: Callable[[float], str] = "{:,.0f}".format) -> str:
    """Describe a series that rises and falls: start, peak, end and lowest point."""
    s = pd.Series(list(values), index=list(labels), dtype=float).dropna()
    return (f"{what} goes from {show(s.iloc[0])} in {s.index[0]} to a peak of "
            f"{show(s.max())} in {s.idxmax()} and is {show(s.iloc[-1])} in {s.index[-1]}; "
            f"lowest {show(s.min())} in {s.idxmin()}.")


def _finish(ax: Axes, cells: Iterable[object], note: str, title: str, xlabel: str,
            ylabel: str, alt: str, grid: str = "y") -> Axes:
    """Caption ``ax`` with the sources of the rows drawn, title it, record its alt text."""
    style.caption_below(ax, cells, note=note)
    style.finish_axes(ax, title, xlabel, ylabel, grid=grid)
    style.set_alt(ax, alt)
    return ax


def _years(ax: Axes, left: float, right: float) -> None:
    ax.set_xlim(left, right)  # xlim first: the phase bands fill it
    style.fit_phase_labels(style.phase_bands(ax))


def _decimal_year(dates: Iterable[object]) -> np.ndarray:
    d = pd.Series(pd.to_datetime(dates if isinstance(dates, pd.Series) else list(dates)))
    return (d.dt.year + (d.dt.day_of_year - 1) / (365 + d.dt.is_leap_year)).to_numpy(float)


def _headroom(ax: Axes, top: float, factor: float = 1.2) -> None:
    """Leave room above the data for the phase labels, and format thousands."""
    ax.set_ylim(0, (top if top > 0 else 1) * factor)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}" if v >= 10 else f"{v:g}")


def _bars(ax: Axes, x: Sequence[float], heights: Sequence[float] | float,
          widths: Sequence[float] | float, gids: Sequence[str],
          alphas: Sequence[float] | None = None, *, bottom: Sequence[float] | float = 0.0,
          color: Sequence[str] | str, edgecolor: Sequence[str] | str | None = None,
          hatch: Sequence[str | None] | str | None = None,
          linewidth: Sequence[float] | float | None = None,
          label: Sequence[str] | str = "") -> None:
    """Draw vertical bars centred on ``x``, each with its id, as ``ax.bar`` draws them.

    A list gives one value per bar (``alphas``: each bar's opacity), anything else
    applies to all. The bars are the Rectangles ``ax.bar`` makes, with the same
    properties, in the same order, in a ``BarContainer`` (so the same pixels and
    legend entries), but added to the data limits together: ``ax.bar`` adds each
    bar's corners on its own, a third of the time of drawing a chart of 30 bars.
    """
    from matplotlib import colors
    from matplotlib.container import BarContainer
    from matplotlib.patches import Rectangle

    n = len(x)
    if not n:
        return

    def each(value: object) -> list:
        return list(value) if isinstance(value, list | range | np.ndarray) else [value] * n

    lefts, bottoms, ws, hs = (np.asarray(each(v), dtype=float)
                              for v in (x, bottom, widths, heights))
    lefts = lefts - ws / 2
    labels = each(label) if isinstance(label, list) else ["_nolegend_"] * n
    faces, edges, lines, hatches = each(color), each(edgecolor), each(linewidth), each(hatch)
    bars = []
    for i in range(n):
        bar = Rectangle((lefts[i], bottoms[i]), ws[i], hs[i], facecolor=colors.to_rgba(faces[i]),
                        edgecolor=None if edges[i] is None else colors.to_rgba(edges[i]),
                        linewidth=lines[i], label=labels[i], hatch=hatches[i],
                        zorder=2, gid=gids[i])
        if alphas is not None:
            bar.set_alpha(alphas[i])
        bar.get_path()._interpolation_steps = 100  # as ax.bar does
        bar.sticky_edges.y.append(bottoms[i])
        ax.add_artist(bar)
        bars.append(bar)
    corners = np.column_stack([np.concatenate([lefts, lefts + ws]),
                               np.concatenate([bottoms, bottoms + hs])])
    sized = (ws != 0) | (hs != 0)  # ax.bar leaves a bar of no size out of the limits
    ax.update_datalim(corners[np.concatenate([sized, sized])])
    ax.add_container(BarContainer(bars, None, datavalues=hs, orientation="vertical",
                                  label=label if isinstance(label, str) else "_nolegend_"))
    ax.autoscale_view()


def _points(ax: Axes, x: object, y: object, i: int, hollow: bool, gid: str) -> None:
    """Scatter the points of category ``i``: filled, or hollow for approximate ones."""
    colour, marker = style.PALETTE[i % len(style.PALETTE)], _MARKERS[i % len(_MARKERS)]
    ax.scatter(x, y, s=75, marker=marker, zorder=4, linewidths=1.5 if hollow else 0.6,
               facecolors="none" if hollow else colour,
               edgecolors=colour if hollow else "#333333").set_gid(gid)


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=14,
            color=_GREY)


def _paired(ax: Axes, series: Sequence[tuple[pd.Series, str, str]],
            show: Callable[[float], str]) -> None:
    """Draw two bars per category; a missing value is marked n/a, never drawn as 0."""
    for offset, (values, key, label) in zip((-0.2, 0.2), series, strict=True):
        drawn = [(i + offset, float(value), f"{cat}:{key}")
                 for i, (cat, value) in enumerate(values.items()) if not pd.isna(value)]
        _bars(ax, [d[0] for d in drawn], [d[1] for d in drawn], 0.38, [d[2] for d in drawn],
              color=style.SERIES[key],
              label=[label if i == 0 else "_nolegend_" for i in range(len(drawn))])
        for i, value in enumerate(values):
            if pd.isna(value):
                ax.text(i + offset, 0, "n/a", ha="center", va="bottom", color=_GREY)
            else:
                ax.text(i + offset, float(value), show(value), ha="center", va="bottom")
    cats = series[0][0].index
    ax.set_xticks(range(len(cats)), ["whole period" if c == "all" else str(c) for c in cats])
    ax.set_xlim(-0.6, len(cats) - 0.4)
