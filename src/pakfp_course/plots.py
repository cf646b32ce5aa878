"""The course's charts: one function per figure, ``ax=None`` in, ``Axes`` out.

Every function draws on ``ax`` (default: new Axes from :func:`~pakfp_course.style.new_axes`)
and returns it unshown, in the Okabe-Ito palette, with phase bands on a time axis, a
source caption and alt text saying what it shows (:func:`~pakfp_course.style.get_alt`).
Bad options raise :class:`~pakfp_course.errors.UnknownChoiceError` naming the valid
choices. Artists carry ids (``get_gid()``, e.g. ``"FY2010:security"``). A fiscal year's
bar sits in the calendar year it ends, as :func:`~pakfp_course.phases.phase_for_period`
assigns periods to phases.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from . import data, style, summaries
from ._conflict_plots import (
    DRONE_MEASURES,
    EVENT_LINES,
    drone_estimates,
    drone_strikes,
    fatalities,
    militancy_and_operations,
)
from ._plotkit import (
    GREY as _GREY,
)
from ._plotkit import (
    _bars,
    _choose,
    _decimal_year,
    _empty,
    _enum,
    _finish,
    _headroom,
    _paired,
    _peak_text,
    _points,
    _years,
)
from .display import describe_extremes
from .errors import UnknownChoiceError
from .explore import chronological
from .ledger import ledger_table
from .phases import check_phase

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "AID_COMPONENTS", "AID_KINDS", "DOLLARS", "DRONE_MEASURES", "EVENT_LINES", "RECIPIENTS",
    "RSCT_STYLES",
    "aid_by_year", "aid_history", "arms_imports", "cost_of_war", "drone_estimates",
    "drone_strikes",
    "fatalities", "ledger", "militancy_and_operations", "phase_totals", "rsct_map", "timeline",
    "verdicts",
]

AID_COMPONENTS: tuple[str, ...] = ("security", "economic", "csf")
AID_KINDS: tuple[str, ...] = ("economic", "military")
RECIPIENTS: tuple[str, ...] = ("PAK", "IND")
DOLLARS: tuple[str, ...] = ("constant", "current")
LEDGER_COLUMNS = ("aid_usd_bn", "cost_usd_bn", "aid_label", "cost_label", "source_id")
#: Fixed node positions: South Asia in the middle, outside powers around it.
RSCT_ACTORS: dict[str, tuple[float, float]] = {
    "PAK": (0.0, 0.0), "IND": (1.75, -0.45), "AFG": (-1.55, 0.2),
    "USA": (-1.85, 1.65), "RUS": (0.0, 2.05), "CHN": (1.95, 1.45), "IRN": (-2.0, -1.15),
}
#: Edge style per kind of relation (width grows with ``|score|``; enmity is thicker).
RSCT_STYLES: dict[str, dict[str, str]] = {
    "alignment": {"color": style.OKABE_ITO["blue"], "linestyle": "-"},
    "amity": {"color": style.OKABE_ITO["bluish_green"], "linestyle": "-"},
    "rivalry": {"color": style.OKABE_ITO["reddish_purple"], "linestyle": "--"},
    "enmity": {"color": style.OKABE_ITO["vermillion"], "linestyle": "-"},
    "ambivalent": {"color": "#8C8C8C", "linestyle": ":"},
}
_AID_NAMES = {"security": "security-related", "economic": "economic-related",
              "csf": "Coalition Support Funds (reimbursements)"}
# Blue and green print as nearly the same grey: economic aid is dotted too, so a handout
# printed in black and white (or a reader who cannot tell the colours apart) still can.
_AID_HATCH = {"economic": ".."}
_VERDICT_COLOURS = {"supported": style.OKABE_ITO["bluish_green"], "partly_supported":
                   style.OKABE_ITO["sky_blue"], "contradicted": style.OKABE_ITO["vermillion"]}
_NAMES = {"PAK": "Pakistan", "IND": "India"}


def aid_by_year(*, components: Sequence[str] = AID_COMPONENTS, revised_csf: bool = False,
                show_request: bool = True, ax: Axes | None = None) -> Axes:
    """Stack US aid appropriations to Pakistan (CRS) by component, FY2002-FY2018.

    FY2002-FY2007 exists only as one six-year total: one block six years wide whose
    height is the annual average, never invented annual values. The FY2020 budget
    request is hatched and labelled "request".

    Parameters
    ----------
    components
        Any of ``"security"``, ``"economic"``, ``"csf"`` (Coalition Support Funds).
    revised_csf
        Use the FY2013 CSF figure CRS revised later (derived by
        :func:`pakfp_course.summaries.aid_crs_revised`), not the printed estimate.
    show_request
        Draw the FY2020 budget request.
    """
    comps = [c for c in AID_COMPONENTS if c in _choose("aid component", components,
                                                          AID_COMPONENTS)]
    aid = summaries.aid_crs_revised() if revised_csf else data.load("aid_crs")
    aid = aid if show_request else aid[aid["figure_status"] != "request"]
    aid = aid.assign(n=aid["fy_last"] - aid["fy_first"] + 1,
                     x=(aid["fy_first"] + aid["fy_last"] + 1) / 2)
    cols = {"security": "security_usd_m", "economic": "economic_usd_m",
            "csf": "csf_revised_usd_m" if revised_csf else "csf_usd_m"}
    ax = style.new_axes(ax)
    _years(ax, 2001.7, float(aid["fy_last"].max()) + 1.1)
    tops: dict[str, float] = {}
    extra: list[str] = []
    bars: list[dict[str, object]] = []  # drawn together below, in this order
    for _, r in aid.iterrows():
        lab, n, req = str(r["fy_label"]), int(r["n"]), r["figure_status"] == "request"
        tops[lab] = 0.0
        for c in (c for c in comps if pd.notna(r[cols[c]])):
            colour, derived = style.SERIES[c], c == "csf" and bool(r.get("csf_derived", False))
            bars.append({"x": r["x"], "heights": r[cols[c]] / n, "widths": n if n > 1 else 0.8,
                         "gids": f"{lab}:{c}", "bottom": tops[lab],
                         "color": "white" if req else colour,
                         "edgecolor": colour if req else "white",
                         "hatch": "///" if req else "xx" if derived else _AID_HATCH.get(c),
                         "alphas": 0.7 if n > 1 else 1.0, "linewidth": 1.2 if req else 0.5})
            tops[lab] += r[cols[c]] / n
        total, mean = f"US$ {tops[lab] * n:,.0f} m", f"{tops[lab]:,.0f} m"
        if n > 1:  # one block for a multi-year aggregate: its height is the annual average
            ax.add_patch(Rectangle((r["x"] - n / 2, 0), n, tops[lab], fill=False, zorder=3,
                                   edgecolor=_GREY, linestyle="--", lw=1.2, gid=f"{lab}:block"))
            ax.text(r["x"], tops[lab], f"{lab}: one {n}-year total\n{total}, shown as\nannual "
                    f"average ({mean}/yr)", ha="center", va="bottom", fontsize=9, color=_GREY)
            extra.append(f"{lab} is one {n}-year total of {total} ({mean} a year on average).")
        elif req:
            ax.text(r["x"], tops[lab], f"request\n{mean}", ha="center", va="bottom", fontsize=9)
            extra.append(f"The {lab} budget request is {total}.")
    _bars(ax, **{k: [bar[k] for bar in bars] for k in bars[0]})
    top, notes = max(tops.values()), ["Current US$, appropriations (not disbursements)"]
    no_csf = aid[(aid["csf_status"] == "none_printed") & (aid["figure_status"] != "request")]
    if "csf" in comps and len(no_csf):
        ax.text(no_csf["x"].mean(), max(tops[lab] for lab in no_csf["fy_label"]) + top * 0.03,
                "no CSF\nfigure", ha="center", va="bottom", fontsize=9, color=style.SERIES["csf"])
        notes.append(f"{'-'.join(no_csf['fy_label'])}: CRS printed no CSF figure")
    for e in aid[aid["csf_status"] == "estimate_revised_later"].itertuples():
        if "csf" in comps:
            notes.append(f"{e.fy_label} CSF: revised {e.csf_revised_usd_m:,} derived from CRS "
                         "totals (cross-hatched)" if revised_csf else
                         f"{e.fy_label} CSF: {e.csf_usd_m:,} is an estimate CRS revised later")
    requests = aid.loc[aid["figure_status"] == "request", "fy_label"]
    handles = [Patch(facecolor=style.SERIES[c], edgecolor="white", hatch=_AID_HATCH.get(c),
                     label=_AID_NAMES[c]) for c in comps] + [
        Patch(facecolor="white", edgecolor=_GREY, hatch="///",
              label=f"{lab} budget request (not appropriated)") for lab in requests]
    ax.legend(handles=handles, loc="upper right", bbox_to_anchor=(1.0, 0.93), fontsize=10)
    _headroom(ax, top, 1.3)
    ax.set_xticks(aid["x"], [str(a) if a == b else f"{a}-{str(b)[2:]}" for a, b in
                             zip(aid["fy_first"], aid["fy_last"], strict=True)])
    single = aid.loc[(aid["n"] == 1) & (aid["figure_status"] != "request"), "fy_label"]
    alt = " ".join([describe_extremes(single, [tops[lab] for lab in single], "US aid "
                    f"appropriations to Pakistan ({', '.join(comps)})", "US$ m"), *extra])
    return _finish(ax, aid["source_id"], "; ".join(notes) + ".",
                   "US aid appropriations to Pakistan by fiscal year (CRS)",
                   "US fiscal year (October-September)", "US$ millions (current)", alt)


def aid_history(*, recipients: Sequence[str] = ("PAK",), dollars: str = "constant",
                kinds: Sequence[str] = AID_KINDS, ax: Axes | None = None) -> Axes:
    """Draw US aid obligations (USAID Greenbook) per fiscal year, 1948-2019; gaps stay gaps.

    Parameters
    ----------
    recipients
        Any of ``"PAK"`` and ``"IND"``.
    dollars
        ``"constant"`` (constant 2019 US$) or ``"current"``.
    kinds
        Any of ``"economic"`` and ``"military"``.
    """
    who = _choose("recipient", recipients, RECIPIENTS)
    what = [k for k in AID_KINDS if k in _choose("aid kind", kinds, AID_KINDS)]
    (dollars,) = _choose("dollars", dollars, DOLLARS)
    col, unit = ("const2019", "constant 2019") if dollars == "constant" else ("current",) * 2
    gb = data.load("aid_greenbook").query("recipient in @who and fiscal_year >= 1948")
    years = np.arange(1948, int(gb["fiscal_year"].max()) + 1)
    ax = style.new_axes(ax)
    _years(ax, 1948, years[-1] + 1)
    parts, top = [], 0.0
    notes = ["Obligations, not disbursements; no Coalition Support Funds; values rounded "
             "upstream" + ("; 2019 base year inferred" if col != "current" else "")]
    for r in who:
        rows = gb[gb["recipient"] == r].set_index("fiscal_year")
        if missing := sorted(set(years) - set(rows.index.astype(int))):
            notes.append(f"{r} has no rows for FY{', FY'.join(map(str, missing))}")
        for k in what:
            series = rows[f"{k}_{col}_usd_m"].reindex(years).astype(float)
            ax.plot(years + 0.5, series.to_numpy(), drawstyle="steps-mid", zorder=3, lw=2,
                    color=style.SERIES[r if len(who) > 1 else k], gid=f"{r}:{k}",
                    linestyle="-" if k == "economic" else "--", label=f"{_NAMES[r]}, {k}")
            top = max(top, float(series.max()))
            parts.append(describe_extremes([f"FY{y}" for y in years], series.tolist(),
                                           f"US {k} aid to {_NAMES[r]}", f"million {unit} US$"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10)
    _headroom(ax, top)
    return _finish(ax, gb["source_id"], "; ".join(notes) + ".",
                   f"US aid obligations, 1948-{years[-1]} (USAID Greenbook)",
                   "US fiscal year", f"US$ millions ({unit})", " ".join(parts))


def cost_of_war(*, ax: Axes | None = None) -> Axes:
    """Draw the Economic Survey's estimate of the war's cost per Pakistani fiscal year.

    A fiscal year (July-June) sits in the year it ends; a partial year is hatched.
    """
    cost = data.load("cost_of_war")
    partial = cost["partial_period"].astype(bool)
    x = cost["period_end"].dt.year.to_numpy(float) + 0.5
    ax = style.new_axes(ax)
    _years(ax, float(x.min()) - 0.6, float(x.max()) + 0.6)
    colour = style.SERIES["cost"]
    _bars(ax, list(x), list(cost["cost_usd_bn"]), 0.8,
          [f"{r.fiscal_year}:{'partial' if part else 'full'}"
           for part, r in zip(partial, cost.itertuples(), strict=True)],
          color=["white" if part else colour for part in partial], edgecolor=colour,
          linewidth=1.2, hatch=["///" if part else None for part in partial])
    for xi, part, r in zip(x, partial, cost.itertuples(), strict=True):
        ax.text(xi, r.cost_usd_bn, f"{r.cost_usd_bn:.2f}" + ("\npartial" if part else ""),
                ha="center", va="bottom", fontsize=8)
    _headroom(ax, float(cost["cost_usd_bn"].max()))
    ax.set_xticks(x, cost["fiscal_year"].tolist(), rotation=45, ha="right",
                  rotation_mode="anchor")
    full = cost[~partial].set_index("fiscal_year")["cost_usd_bn"]
    parts = [f"{r.fiscal_year} covers {r.coverage_note}" for r in cost[partial].itertuples()]
    alt = " ".join([_peak_text(full.index, full, "The estimated cost of the war to Pakistan "
                               "(full fiscal years)", "US$ {:.2f} bn".format),
                    f"Total US$ {cost['cost_usd_bn'].sum():.2f} bn.", *(p + "." for p in parts)])
    note = "; ".join([*("Hatched: " + p for p in parts), "a Government of Pakistan estimate "
                      "with no published method; earlier Survey editions give other values."])
    return _finish(ax, cost["source_id"], note, "Cost of the war on terror to Pakistan "
                   "(Economic Survey 2017-18)", "Pakistani fiscal year (July-June)",
                   "US$ billions", alt)


def arms_imports(*, ax: Axes | None = None) -> Axes:
    """Draw China's and the US's shares of Pakistan's arms imports per SIPRI period.

    Periods overlap (separate yearly releases), so they are categories, not a
    time axis. A share that was not reported is marked "n/a", never drawn as 0.
    """
    arms = data.load("arms_imports").set_index("period")
    ax = style.new_axes(ax)
    _paired(ax, [(arms["china_share_pct"], "CHN", "China"),
                 (arms["usa_share_pct"], "USA", "United States")], "{:g}%".format)
    ax.set_ylim(0, 100)
    ax.legend(loc="upper left", fontsize=10)
    us = arms["usa_share_pct"].dropna()
    alt = (_peak_text(arms.index, arms["china_share_pct"], "China's share", "{:g}%".format)
           + f" The US share was reported for {len(us)} of {len(arms)} periods only: "
           + ", ".join(f"{v:g}% in {p}" for p, v in us.items()) + ".")
    return _finish(ax, arms["source_id"], "SIPRI trend-indicator values (major arms, not "
                   "money); overlapping periods from separate releases; n/a = not reported.",
                   "Who arms Pakistan? Shares of its arms imports (SIPRI)",
                   "SIPRI five-year period", "share of Pakistan's arms imports (%)", alt)


def timeline(events: pd.DataFrame | None = None, *, categories: Sequence[str] | None = None,
             start: int | None = None, end: int | None = None,
             ax: Axes | None = None) -> Axes:
    """Draw events on a time axis, one row per category.

    An empty selection draws an empty chart saying "no events". Hollow markers: dated to
    the month or year only, drawn at the end of that span with a bar over the span
    (see :func:`pakfp_course.explore.chronological`). Titles are written when eight or
    fewer events are shown.

    Parameters
    ----------
    events
        The ``events`` dataset or a filtered frame of it (default: all events).
    categories
        Categories to show (default: the categories of the events selected).
    start, end
        First and last calendar year to show (inclusive).
    """
    valid = _enum("events", "category")
    chosen = None if categories is None else _choose("event category", categories, valid)
    if start is not None and end is not None and start > end:
        raise ValueError(f"start ({start}) is after end ({end})")
    frame = data.load("events") if events is None else events.copy()
    frame["date"] = pd.to_datetime(frame["date"])
    frame["date_end"] = pd.to_datetime(frame.get("date_end", frame["date"]))
    year = frame["date"].dt.year
    keep = (year >= (year.min() if start is None else start)) & (
        year <= (year.max() if end is None else end))
    frame = chronological(frame[keep & (frame["category"].isin(chosen) if chosen else True)])
    rows = [c for c in valid if c in (chosen or set(frame["category"]))]
    years = frame["date"].dt.year
    left = start if start is not None else int(years.min()) if len(frame) else 1947
    right = end if end is not None else int(years.max()) if len(frame) else 2025
    ax = style.new_axes(ax)
    _years(ax, float(left), float(right) + 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(len(rows) - 0.4 if rows else 1, -1.1)  # now: each marker set would rescale y
    frame = frame.assign(x=_decimal_year(frame["date_end"]), x0=_decimal_year(frame["date"]),
                         y=frame["category"].map({c: i for i, c in enumerate(rows)}),
                         hollow=frame.get("date_precision", "day") != "day")
    for r in frame[frame["hollow"]].itertuples():  # the span a month or year date allows
        ax.plot([r.x0, r.x], [r.y, r.y], color=style.PALETTE[valid.index(r.category)
                                                             % len(style.PALETTE)],
                lw=2.5, alpha=0.6, solid_capstyle="butt", zorder=3, gid="span")
    for (c, hollow), sel in frame.groupby(["category", "hollow"]):
        _points(ax, sel["x"], sel["y"], valid.index(c), hollow,
                f"{c}:{'approx' if hollow else 'day'}")
    frame["turn"] = frame.groupby("category").cumcount() % 2  # titles above, below, above...
    for r in frame.itertuples() if len(frame) <= 8 else ():
        ax.annotate(str(r.title), (r.x, r.y), xytext=(0, -11 if r.turn else 11),
                    textcoords="offset points", ha="center", va="center", fontsize=8)
    ax.set_yticks(range(len(rows)), [c.replace("_", " ") for c in rows])
    ax.set_ylim(len(rows) - 0.4 if rows else 1, -1.1)
    alt = f"No events in {left}-{right} for the categories chosen."
    if frame.empty:
        _empty(ax, "no events")
    else:
        busy, most = years.value_counts(), frame["category"].value_counts()
        first, last = frame.iloc[0], frame.iloc[-1]
        alt = (f"{len(frame)} events, {left}-{right}: most in {most.index[0].replace('_', ' ')} "
               f"({most.iloc[0]}); busiest year {busy.index[0]} ({busy.iloc[0]} events). "
               f"First: {first['title']} ({first['date_label']}); last: {last['title']} "
               f"({last['date_label']}).")
    return _finish(ax, frame["source_id"], "Hollow markers: dated to the month or year only, "
                   "placed at the end of that span (the bar).",
                   f"Events in Pakistan's foreign relations, {left}-{right}", "year", "",
                   alt, grid="x")


def rsct_map(phase: str = "2001-2008", *, ax: Axes | None = None) -> Axes:
    """Map the security relations between actors in one phase, read through RSCT.

    South Asia sits in the middle, outside powers around it; edges are styled by kind
    (:data:`RSCT_STYLES`), labelled with their score and widened by ``|score|``.

    Parameters
    ----------
    phase
        A phase id (not ``"all"``).
    """
    check_phase(phase, allow_all=False)
    rel = data.load("rsct_relations").query("phase == @phase").reset_index(drop=True)
    ax = style.new_axes(ax, figsize=(8.0, 6.4))
    ax.add_patch(Ellipse((0.1, -0.12), 4.7, 1.75, facecolor=style.PHASE_COLOURS[phase],
                         edgecolor="none", zorder=0))
    ax.text(0.1, -0.9, "South Asia", ha="center", va="center", color=_GREY, style="italic")
    for r in rel.itertuples():
        (x1, y1), (x2, y2) = RSCT_ACTORS[r.actor_a], RSCT_ACTORS[r.actor_b]
        ax.plot([x1, x2], [y1, y2], solid_capstyle="round", zorder=2,
                linewidth=1.5 + 1.5 * abs(int(r.score)) + 2.0 * (r.kind == "enmity"),
                gid=f"edge:{r.actor_a}-{r.actor_b}", **RSCT_STYLES[r.kind])
        ax.text(x1 + 0.38 * (x2 - x1), y1 + 0.38 * (y2 - y1), f"{r.score:+d}" if r.score else "0",
                ha="center", va="center", fontsize=9, zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
    for actor, (x, y) in RSCT_ACTORS.items():
        south = actor in ("PAK", "IND", "AFG")
        ax.add_patch(Circle((x, y), 0.3, facecolor="white", zorder=4, linewidth=2,
                            edgecolor="#333333" if south else "#888888", gid=f"node:{actor}"))
        ax.text(x, y, actor, ha="center", va="center", fontsize=12, zorder=5,
                fontweight="bold" if south else "normal")
    ax.legend(handles=[Line2D([], [], linewidth=5 if k == "enmity" else 3, label=k, **s)
                       for k, s in RSCT_STYLES.items()],
              loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=10, title="relation",
              title_fontsize=10)
    ax.set(xlim=(-2.45, 2.45), ylim=(-1.6, 2.45), aspect="equal")
    ax.set_axis_off()

    def pair(r: pd.Series) -> str:
        score = f"{r['score']:+d}" if r["score"] else "0"
        return f"{r['actor_a']}-{r['actor_b']} ({score})"

    parts = [f"{k}: " + ", ".join(pair(r) for _, r in rel[rel["kind"] == k].sort_values(
        "score", key=abs, ascending=False).iterrows()) for k in RSCT_STYLES if k in set(rel.kind)]
    top, low = rel.loc[rel["score"].idxmax()], rel.loc[rel["score"].idxmin()]
    alt = (f"Security relations in {phase}, {len(rel)} pairs; closest {top['kind']} "
           f"{pair(top)}, most hostile {low['kind']} {pair(low)}. " + "; ".join(parts) + ".")
    return _finish(ax, rel["source_id"], "Interpretation, not measurement; line width = "
                   "strength (|score|, -2 to +2).",
                   f"Security relations, {phase} (an RSCT reading)", "", "", alt)


def ledger(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw the bandwagoning ledger: US aid received vs the estimated cost of the war.

    Parameters
    ----------
    table
        Indexed by phase id (or ``"all"``), with columns ``aid_usd_bn``,
        ``cost_usd_bn``, ``aid_label``, ``cost_label`` and ``source_id``, as
        returned by :func:`pakfp_course.ledger.ledger_table`. A missing value is
        marked "n/a"; a missing column or an empty table raises ``ValueError``.
    """
    lacking = [c for c in LEDGER_COLUMNS if c not in table.columns] + ["rows"] * table.empty
    if lacking:
        raise ValueError(f"the ledger table needs rows and the columns {', '.join(LEDGER_COLUMNS)}"
                         f"; missing: {', '.join(lacking)}")
    for row in table.index:
        check_phase(str(row))
    ax = style.new_axes(ax)
    _paired(ax, [(table[f"{k}_usd_bn"], k, f"{k}: {table[f'{k}_label'].dropna().iloc[0]}")
                 for k in ("aid", "cost")], "{:,.1f}".format)
    ax.set_ylim(0, float(np.nanmax(table[["aid_usd_bn", "cost_usd_bn"]].to_numpy(float))) * 1.3)
    ax.legend(loc="upper right", fontsize=9)
    aid, cost = table["aid_usd_bn"].sum(), table["cost_usd_bn"].sum()
    pairs = "; ".join(f"{p}: aid {a:,.1f} vs cost {c:,.1f}".replace("nan", "n/a") for p, a, c
                      in zip(table.index, table["aid_usd_bn"], table["cost_usd_bn"], strict=True))
    alt = (f"US aid (US$ {aid:,.1f} bn) against the estimated cost of the war "
           f"(US$ {cost:,.1f} bn): aid is {aid / cost:.0%} of the cost. In US$ bn, {pairs}.")
    return _finish(ax, table["source_id"], "Aid and cost come from different sources and "
                   "definitions; current US$, not adjusted for inflation.",
                   "What alignment brought and cost: US aid vs cost of the war",
                   "phase", "US$ billions", alt)


def phase_totals(phase: str = "2001-2008", *, ax: Axes | None = None) -> Axes:
    """Put one phase beside the others: US aid against the cost of the war, per phase.

    The chosen phase is drawn solid, the others faded. The Cold War has no
    cost-of-war estimate: for it, this draws :func:`aid_history` in current US$.

    Parameters
    ----------
    phase
        A phase id (not ``"all"``).
    """
    if check_phase(phase, allow_all=False) == "cold-war":
        return aid_history(dollars="current", ax=ax)
    ax = ledger(ledger_table(), ax=ax)
    for bar in ax.patches:
        bar.set_alpha(1.0 if (bar.get_gid() or "").startswith(f"{phase}:") else 0.35)
    ax.set_title(f"Phase {phase} beside the others: US aid vs cost of the war", loc="left",
                 fontsize=14)
    style.set_alt(ax, f"{style.get_alt(ax)} Highlighted: {phase}.")
    return ax


def verdicts(counts: pd.Series, *, highlight: str = "all", ax: Axes | None = None) -> Axes:
    """Draw how many of the papers' checked claims got each verdict.

    Parameters
    ----------
    counts
        Claims per verdict, indexed by verdict (as ``explore.verdict_counts`` returns).
    highlight
        A verdict to draw solid, the others faded; ``"all"`` draws every bar solid.
    """
    if highlight not in (choices := ["all", *map(str, counts.index)]):
        raise UnknownChoiceError("verdict", highlight, choices)
    ax = style.new_axes(ax)
    _bars(ax, range(len(counts)), list(counts), 0.6, [f"{v}:count" for v in counts.index],
          [1.0 if highlight in ("all", v) else 0.35 for v in counts.index],
          color=[_VERDICT_COLOURS.get(v, "#8C8C8C") for v in counts.index])
    for i, n in enumerate(counts):
        ax.text(i, n, f"{n:,}", ha="center", va="bottom")
    names = [str(v).replace("_", " ") for v in counts.index]
    ax.set_xticks(range(len(counts)), names)
    ax.set_ylim(0, max(int(counts.max()), 1) * 1.2)
    alt = (f"Verdicts on {int(counts.sum()):,} checked claims: "
           + ", ".join(f"{int(n):,} {v}" for v, n in zip(names, counts, strict=True)) + ".")
    return _finish(ax, data.load("seeds")["source_id"], "Each claim checked against the course "
                   "data; evidence and sources per claim in the claims dataset.",
                   "What the checks found in the papers' claims", "verdict", "claims", alt)
