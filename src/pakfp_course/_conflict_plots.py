"""Charts of the war's violence: drone strikes, counter-estimates, deaths by tracker.

Part of :mod:`pakfp_course.plots`, which re-exports every function here; the
conventions are those of that module (``ax=None`` in, ``Axes`` out, sources
captioned, alt text saying what the chart shows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from . import data, style
from ._plotkit import MARKERS as _MARKERS
from ._plotkit import (
    _bars,
    _choose,
    _decimal_year,
    _empty,
    _enum,
    _finish,
    _headroom,
    _peak_text,
    _points,
    _years,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .explore import MilitancyView

DRONE_MEASURES: tuple[str, ...] = ("strikes", "killed", "civilians", "children", "injured")


def drone_strikes(*, measure: str = "killed", ax: Axes | None = None) -> Axes:
    """Draw US drone strikes in Pakistan per year (Bureau of Investigative Journalism).

    Parameters
    ----------
    measure
        ``"strikes"`` (bars) or ``"killed"``, ``"civilians"``, ``"children"``,
        ``"injured"``: the min-max range the Bureau reports per year, drawn as a
        floating bar from min to max (never as one made-up line).
    """
    (measure,) = _choose("drone-strike measure", measure, DRONE_MEASURES)
    df = data.load("drone_strikes")
    years = df["year"].astype(int).to_numpy()
    x = years + 0.5  # each calendar year's bar sits in the middle of its year
    ax = style.new_axes(ax)
    _years(ax, years.min() - 0.2, years.max() + 1.2)
    what = {"strikes": "US drone strikes in Pakistan", "killed": "People killed",
            "children": "Children killed", "civilians": "Civilians killed",
            "injured": "People injured"}[measure]
    if measure == "strikes":
        hi = df["strikes"].astype(float)
        _bars(ax, list(x), list(hi), 0.75, [f"{y}:strikes" for y in years],
              color=style.SERIES["USA"])
        alt = _peak_text(years, hi, what) + f" Total {int(hi.sum()):,} strikes."
        title, ylabel = "US drone strikes in Pakistan per year", "strikes per year"
    else:
        lo, hi = df[f"{measure}_min"].astype(float), df[f"{measure}_max"].astype(float)
        _bars(ax, list(x), list(hi - lo), 0.75, [f"{y}:range" for y in years],
              bottom=list(lo), linewidth=1.5, color=style.SERIES["range"],
              edgecolor=style.OKABE_ITO["blue"],
              label=["range reported (min-max)", *["_nolegend_"] * (len(x) - 1)])
        peak = int(hi.idxmax())
        ax.text(x[peak], hi[peak], f"{int(lo[peak]):,}-{int(hi[peak]):,}", ha="center",
                va="bottom", fontsize=9)
        ax.legend(loc="upper right", bbox_to_anchor=(1.0, 0.93), fontsize=10)
        alt = (f"{what} in US drone strikes in Pakistan, reported as a range (min-max): "
               f"highest in {years[peak]} ({int(lo[peak]):,}-{int(hi[peak]):,}). "
               f"{_peak_text(years, hi, 'The upper bound')} "
               f"Total {years.min()}-{years.max()}: {int(lo.sum()):,}-{int(hi.sum()):,}.")
        title = f"{what} in US drone strikes in Pakistan (range of reports)"
        ylabel = f"{what.lower()} per year"
    _headroom(ax, float(hi.max()))
    ax.set_xticks(x[::2], [str(y) for y in years[::2]])
    return _finish(ax, df["source_id"], "Min and max are the bounds of the Bureau's reports, "
                   "not estimates; other trackers count far fewer civilians.",
                   title, "calendar year", ylabel, alt)


def fatalities(*, trackers: Sequence[str] | None = None,
               definitions: Sequence[str] | None = None, ax: Axes | None = None) -> Axes:
    """Draw deaths in militant violence as counted by each tracker: points, never joined.

    One marker and colour per tracker, at the middle of the period counted; part-year
    figures are hollow, lined over their period; cumulative figures are left out.

    Parameters
    ----------
    trackers
        Trackers to show (default: all); valid values are those in the data.
    definitions
        Definitions of what is counted to show (default: all in the data).
    """
    fat = everything = data.load("fatalities")
    for column, chosen in (("tracker", trackers), ("definition", definitions)):
        if chosen is not None:
            valid = list(dict.fromkeys(everything[column]))
            fat = fat[fat[column].isin(_choose(column, chosen, valid))]
    days = (fat["period_end"] - fat["period_start"]).dt.days
    cumulative, no_total = fat[days > 366], fat[(days <= 366) & fat["total"].isna()]
    fat = fat[(days <= 366) & fat["total"].notna()]
    fat = fat.assign(start=_decimal_year(fat["period_start"]), total=fat["total"].astype(float),
                     end=_decimal_year(fat["period_end"] + pd.Timedelta(days=1)),
                     partial_period=fat["partial_period"].astype(bool))
    ax = style.new_axes(ax)
    lo, hi = (fat["start"].min(), fat["end"].max()) if len(fat) else (2001.0, 2026.0)
    _years(ax, np.floor(lo) - 0.3, np.ceil(hi) + 0.3)
    handles = []
    order = _enum("fatalities", "tracker")
    for tracker in sorted(set(fat["tracker"]), key=order.index):
        rows, i = fat[fat["tracker"] == tracker], order.index(tracker)
        for hollow, sel in rows.groupby("partial_period"):
            _points(ax, (sel["start"] + sel["end"]) / 2, sel["total"], i, hollow,
                    f"{tracker}:{'partial' if hollow else 'full'}")
            if hollow:
                ax.hlines(sel["total"], sel["start"], sel["end"], colors=style.PALETTE[i], lw=2)
        handles.append(Line2D([], [], color=style.PALETTE[i], marker=_MARKERS[i], ls="none",
                              markersize=8, markeredgecolor="#333333", label=tracker))
    if fat["partial_period"].any():
        handles.append(Line2D([], [], color="#333333", marker="o", markerfacecolor="none",
                              markersize=8, lw=2, label="part of a year\n(line: period)"))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9,
                  title="tracker", title_fontsize=10)
    else:
        _empty(ax, "no figures for this selection")
    notes = ["Trackers count different things (see definitions): not one series"]
    if len(cumulative):
        notes.append(f"cumulative figures left out: {', '.join(cumulative['period_label'])}")
    if len(no_total):
        notes.append(f"figures without a total left out: {len(no_total)}")
    _headroom(ax, float(fat["total"].max()) if len(fat) else 1.0, 1.15)
    return _finish(ax, fat["source_id"], "; ".join(notes) + ".",
                   "Deaths in militant violence in Pakistan, by tracker",
                   "year (middle of the period counted)", "people killed", _fatalities_alt(fat))


def _fatalities_alt(fat: pd.DataFrame) -> str:
    if fat.empty:
        return "No fatality figures match this selection of trackers and definitions."
    hi, lo = fat.loc[fat["total"].idxmax()], fat.loc[fat["total"].idxmin()]
    alt = (f"{len(fat)} figures from {fat['tracker'].nunique()} trackers, "
           f"{int(fat['start'].min())}-{int(np.ceil(fat['end'].max())) - 1}, not one series: "
           f"highest {hi['total']:,.0f} ({hi['tracker']}, {hi['period_label']}, "
           f"{hi['definition'].replace('_', ' ')}), lowest {lo['total']:,.0f} ({lo['tracker']}, "
           f"{lo['period_label']}{', part of a year' if lo['partial_period'] else ''}).")
    full = fat[~fat["partial_period"]]
    spread = full.groupby(full["period_start"].dt.year)["total"].agg(["min", "max", "size"])
    if not (spread := spread[spread["size"] > 1]).empty:
        year = int((spread["max"] / spread["min"]).idxmax())
        low, high = spread.loc[year, "min"], spread.loc[year, "max"]
        alt += (f" Figures for the same year differ up to {high / low:.1f}-fold ({year}: "
                f"{low:,.0f} to {high:,.0f}).")
    return alt


ESTIMATE_MEASURES: tuple[str, ...] = ("civilians", "killed")
_TRACKER_SHORT = {"New America": "New America", "Long War Journal": "Long War Journal",
                  "Bureau of Investigative Journalism": "TBIJ", "Columbia": "Columbia clinic",
                  "US government": "US govt (ODNI)", "Average": "Zenko's average"}


def _short(tracker: str) -> str:
    return next((v for k, v in _TRACKER_SHORT.items() if tracker.startswith(k)), tracker[:20])


def _estimate_label(r: pd.Series) -> str:
    first, last = r["first_year"], r["last_year"]
    years = (f"to {last}" if pd.isna(first) else str(first) if first == last
             else f"{first}-{last}")
    vintage = re.search(r"\d{4}", str(r["as_of"]))
    star = "" if r["pakistan_only"] else "*"
    return f"{_short(r['tracker'])}{star}, {years}" + (f" (as of {vintage[0]})" if vintage
                                                     else "")


def drone_estimates(*, measure: str = "civilians", pakistan_only: bool = False,
                    ax: Axes | None = None) -> Axes:
    """Draw the trackers' counts of drone-strike deaths side by side, as low-high ranges.

    One horizontal bar per published figure (``drone_estimates``), labelled with
    tracker, period and vintage, so that figures are compared only where their
    periods match. Counts that do not cover Pakistan alone (the US government's)
    are hatched and say so in their label.

    Parameters
    ----------
    measure
        ``"civilians"`` (default) or ``"killed"`` (everyone killed).
    pakistan_only
        Leave out the figures that cover other countries too.
    """
    (measure,) = _choose("drone-estimate measure", measure, ESTIMATE_MEASURES)
    est = data.load("drone_estimates")
    est = est[est[f"{measure}_low"].notna()]
    if pakistan_only:
        est = est[est["pakistan_only"]]
    est = est.iloc[::-1].reset_index(drop=True)  # first row at the top
    ax = style.new_axes(ax)
    trackers = list(dict.fromkeys(_short(x) for x in est["tracker"].iloc[::-1]))
    for i, r in est.iterrows():
        lo, hi = float(r[f"{measure}_low"]), float(r[f"{measure}_high"])
        colour = style.PALETTE[trackers.index(_short(r["tracker"])) % len(style.PALETTE)]
        ax.barh(i, max(hi - lo, 0.012 * max(est[f"{measure}_high"].max(), 1)), left=lo,
                height=0.6, color=colour, edgecolor="#333333", linewidth=0.8,
                hatch=None if r["pakistan_only"] else "///", zorder=2).patches[0].set_gid(
                    f"{r['estimate_id']}:{'pakistan' if r['pakistan_only'] else 'wider'}")
        ax.text(hi, i, f"  {lo:,.0f}" + ("" if lo == hi else f"-{hi:,.0f}"), va="center",
                fontsize=8)
    ax.set_yticks(range(len(est)), [_estimate_label(r) for _, r in est.iterrows()],
                  fontsize=8)
    ax.set_ylim(-0.7, len(est) - 0.3)
    top = float(est[f"{measure}_high"].max()) if len(est) else 1.0
    ax.set_xlim(0, top * 1.25)
    if est.empty:
        _empty(ax, "no figures for this selection")
        alt = "No drone-strike estimates match this selection."
    else:
        hi_row = est.loc[est[f"{measure}_high"].idxmax()]
        lo_row = est.loc[est[f"{measure}_high"].idxmin()]
        alt = (f"{len(est)} published counts of {measure} killed in US drone strikes, by "
               f"tracker, period and vintage, as low-high ranges; highest "
               f"{hi_row[f'{measure}_low']:,.0f}-{hi_row[f'{measure}_high']:,.0f} "
               f"({hi_row['tracker']}, {hi_row['period']}), lowest "
               f"{lo_row[f'{measure}_low']:,.0f}-{lo_row[f'{measure}_high']:,.0f} "
               f"({lo_row['tracker']}, {lo_row['period']}). Periods and scopes differ, so "
               f"only rows with the same period compare.")
    what = "Civilians" if measure == "civilians" else "People"
    return _finish(ax, est["source_id"], "Not one series: periods, vintages and scopes differ. "
                   "* and hatched: counts covering other countries too, not Pakistan alone.",
                   f"{what} killed in US drone strikes: the trackers side by side",
                   f"{measure} killed (low-high)", "", alt, grid="x")


#: Line style of each kind of event on :func:`militancy_and_operations`.
EVENT_LINES: dict[str, str] = {"militancy": "-", "operations": "--", "us_strikes": ":"}
_TOP = 0.55  # the data fill the lower part of the chart; event labels sit above
_LABELS = 0.88  # top of the event labels (phase labels sit above them), in axes fractions


def militancy_and_operations(*, start: int = 2001, end: int = 2025,
                             trackers: Sequence[str] | None = None,
                             kinds: Sequence[str] | None = None, drones: bool = True,
                             view: MilitancyView | None = None, ax: Axes | None = None) -> Axes:
    """Draw deaths in militant violence by tracker against the events of the war at home.

    Points are the trackers' figures, as in :func:`fatalities` (never joined; part-year
    figures hollow with a line over their period). Vertical lines mark dated events
    of :data:`pakfp_course.explore.WAR_AT_HOME`, styled by kind (:data:`EVENT_LINES`):
    attacks and militant groups, Pakistani military operations, US and NATO raids
    and strikes. With ``drones``, light bars show US drone strikes per year (Bureau
    of Investigative Journalism) on a second, right-hand scale. What is shown is
    resolved by :func:`pakfp_course.explore.militancy_view`.

    Parameters
    ----------
    start, end
        First and last calendar year (inclusive).
    trackers
        Trackers to show (default: all); valid values are those in ``fatalities``.
    kinds
        Kinds of event to mark: ``"militancy"``, ``"operations"``, ``"us_strikes"``
        (default: all).
    drones
        Draw US drone strikes per year on the right-hand scale.
    view
        What :func:`~pakfp_course.explore.militancy_view` resolved, if the caller has it
        already (the explorer does); the settings above are then taken from it.
    """
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    from . import explore

    if view is None:
        view = explore.militancy_view(start, end, trackers, kinds, drones)
    start, end, drones = view.start, view.end, view.drones
    ax = style.new_axes(ax, figsize=(10.0, 5.4))
    ax.set_xlim(start - 0.3, end + 1.3)
    back = ax
    if drones:  # bands and bars behind, on the right-hand scale; points and events in front
        back = ax.twinx()
        ax.set_zorder(back.get_zorder() + 1)
        ax.patch.set_visible(False)
    _years(back, start - 0.3, end + 1.3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fat, order = view.fatalities, _enum("fatalities", "tracker")
    fat = fat.assign(x0=_decimal_year(fat["period_start"]),
                     x1=_decimal_year(fat["period_end"] + pd.Timedelta(days=1)),
                     partial_period=fat["partial_period"].astype(bool),
                     total=fat["total"].astype(float))
    handles = []
    for tracker in sorted(set(fat["tracker"]), key=order.index):
        rows, i = fat[fat["tracker"] == tracker], order.index(tracker)
        for hollow, sel in rows.groupby("partial_period"):
            _points(ax, (sel["x0"] + sel["x1"]) / 2, sel["total"], i, hollow,
                    f"{tracker}:{'partial' if hollow else 'full'}")
            if hollow:
                ax.hlines(sel["total"], sel["x0"], sel["x1"], colors=style.PALETTE[i], lw=2,
                          zorder=4)
        handles.append(Line2D([], [], color=style.PALETTE[i], marker=_MARKERS[i], ls="none",
                              markersize=7, markeredgecolor="#333333", label=tracker))
    if fat["partial_period"].any():
        handles.append(Line2D([], [], color="#333333", marker="o", markerfacecolor="none",
                              markersize=7, lw=2, label="part of a year"))
    top = float(fat["total"].max()) if len(fat) else 1.0
    _headroom(ax, top, 1 / _TOP)
    _event_lines(ax, view.events)
    for kind in view.kinds:
        handles.append(Line2D([], [], color="#333333", ls=EVENT_LINES[kind], lw=1.3,
                              label=explore.MILITANCY_KINDS[kind]))
    if drones:
        strikes = view.strikes
        _bars(back, list(strikes["year"] + 0.5), list(strikes["strikes"]), 0.8,
              [f"{y}:strikes" for y in strikes["year"]], [0.55] * len(strikes),
              color=style.SERIES["range"], edgecolor=style.OKABE_ITO["blue"], linewidth=0.6)
        most = float(strikes["strikes"].max()) if len(strikes) else 1.0
        back.set_ylim(0, most / _TOP)
        back.yaxis.set_major_locator(MaxNLocator(integer=True))
        back.set_ylabel("US drone strikes per year (bars)", fontsize=11,
                        color=style.OKABE_ITO["blue"])
        back.tick_params(axis="y", labelsize=10, colors=style.OKABE_ITO["blue"])
        back.spines[["top"]].set_visible(False)
        back.grid(False)
        handles.append(Patch(facecolor=style.SERIES["range"], alpha=0.55,
                             edgecolor=style.OKABE_ITO["blue"],
                             label="US drone strikes (TBIJ),\nright-hand scale"))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.09 if drones else 1.01,
                                                                     1.0),
                  fontsize=8, title="deaths by tracker; events", title_fontsize=9)
    if fat.empty and view.events.empty and view.strikes.empty:
        _empty(ax, "nothing to show for this selection")
    cells = [*fat["source_id"], *view.events["source_id"], *view.strikes["source_id"]]
    return _finish(ax, cells, " ".join(view.notes),
                   f"Militancy, operations and drone strikes in Pakistan, {start}-{end}",
                   "year (points: middle of the period counted)", "people killed (points)",
                   view.alt)


def _event_lines(ax: Axes, events: pd.DataFrame) -> None:
    """Mark events as vertical lines styled by kind, labelled at the top, never overlapping."""
    if events.empty:
        return
    left, right = ax.get_xlim()
    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72
    gap = 11 * (right - left) / width_pt  # 11 points between labels, in years
    x = _decimal_year(events["date_end"])
    placed = -np.inf
    for xi, r in zip(x, events.itertuples(), strict=True):
        ax.axvline(xi, color="#333333", ls=EVENT_LINES[r.kind], lw=1.2, zorder=3,
                   gid=f"{r.event_id}:{r.kind}")
        placed = max(xi, placed + gap)
        ax.text(placed, _LABELS, r.label, transform=ax.get_xaxis_transform(), rotation=90,
                ha="center", va="top", fontsize=8, zorder=5, gid=f"{r.event_id}:label",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                      "edgecolor": "none", "alpha": 0.85})
