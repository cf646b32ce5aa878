"""Lesson 01 (Cold War roots): US fiscal years, and the aid record around each cut-off.

What the lesson concludes from the Greenbook and the events, computed here so
that every number it states is read from ``course_data`` and tested:

- :func:`us_fiscal_year`: the US fiscal year of a date, under the rule in force
  on that date (1 July-30 June until June 1976, 1 October-30 September from
  October 1976, with a transition quarter between; sources
  :data:`FISCAL_YEAR_SOURCES`);
- :func:`cutoff_table`, :func:`cutoff_changes`, :func:`cutoff_verdicts`: average
  yearly obligations before and after each US cut-off, and what they show;
- :func:`symington_reversal`: how long the 1979 aid ban lasted, as far as the
  events' dates allow;
- :func:`embargo_answer` (Exercise 2), :func:`decade_findings`,
  :func:`narrative_check` / :func:`narrative_findings` and :func:`what_came_next`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import data, summaries
from ..explore import usd_bn, usd_m
from ..lesson import markdown, phases_of

__all__ = [
    "CUTOFFS",
    "DATED_BY_SOURCE",
    "FISCAL_YEAR_SOURCES",
    "TRANSITION_QUARTER",
    "EventFiscalYear",
    "Reversal",
    "Window",
    "aid_around",
    "change_words",
    "cutoff_changes",
    "cutoff_table",
    "cutoff_verdicts",
    "decade_findings",
    "embargo_answer",
    "event_fiscal_year",
    "fiscal_year_span",
    "greenbook_pakistan",
    "months_between",
    "narrative_check",
    "narrative_findings",
    "pct_change",
    "symington_reversal",
    "us_fiscal_year",
    "what_came_next",
]

#: Sources of the fiscal-year rule: the 1974 Act and GAO's budget glossary.
FISCAL_YEAR_SOURCES: tuple[str, ...] = ("US_CBA_1974_S501", "GAO_GLOSSARY_FY_2005")
#: The three months between FY1976 and FY1977 that belong to no fiscal year.
TRANSITION_QUARTER: tuple[pd.Timestamp, pd.Timestamp] = (pd.Timestamp(1976, 7, 1),
                                                         pd.Timestamp(1976, 9, 30))
#: Events the course dates more precisely than ``events`` does: date and the source for it.
DATED_BY_SOURCE: dict[str, tuple[str, str]] = {
    # the events data know the embargo's year only; the Mahon statement announcing the
    # suspension of military aid shipments to both countries was made on 8 September 1965
    "EV010": ("1965-09-08", "FRUS_6468_V25_D190"),
}
#: The US cut-offs of aid to Pakistan the lesson tests, in timeline order.
CUTOFFS: tuple[str, ...] = ("EV010", "EV018", "EV024", "EV026")
_KINDS = ("military", "economic")
_LAST_FY = 2000  # the Cold War phase ends with FY2000


# ------------------------------------------------------------------ fiscal years
def us_fiscal_year(day: str | pd.Timestamp) -> int:
    """Return the US federal fiscal year containing ``day`` (named for the year it ends in).

    Until 30 June 1976 a fiscal year ran from 1 July to 30 June (FY1966 = 1 July
    1965 to 30 June 1966); from 1 October 1976 it runs from 1 October to 30
    September (FY1991 = 1 October 1990 to 30 September 1991). The Congressional
    Budget Act of 1974 made the change (sources :data:`FISCAL_YEAR_SOURCES`).

    Raises
    ------
    ValueError
        For a day in the transition quarter (1 July to 30 September 1976), which
        belongs to no fiscal year.
    """
    when = pd.Timestamp(day)
    first, last = TRANSITION_QUARTER
    if when < first:
        return when.year + (when.month >= 7)
    if when <= last:
        raise ValueError(f"{when:%d %B %Y} is in the transition quarter (1 July to 30 September "
                         "1976), between FY1976 and FY1977: it belongs to no fiscal year")
    return when.year + (when.month >= 10)


def fiscal_year_span(fy: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first and last day of US fiscal year ``fy`` under the rule of its time."""
    if fy <= 1976:
        return pd.Timestamp(fy - 1, 7, 1), pd.Timestamp(fy, 6, 30)
    return pd.Timestamp(fy - 1, 10, 1), pd.Timestamp(fy, 9, 30)


@dataclass(frozen=True)
class EventFiscalYear:
    """The fiscal year an event falls in, and how the course knows."""

    event_id: str
    title: str
    date_label: str
    fiscal_year: int
    basis: str
    source_id: str = ""


def _day(when: pd.Timestamp) -> str:
    return f"{when.day} {when:%B %Y}"


def _events() -> pd.DataFrame:
    return data.load("events").set_index("event_id")


def event_fiscal_year(event_id: str) -> EventFiscalYear:
    """Return the US fiscal year of an event.

    An event dated less precisely than to the day counts only if its whole span
    (``date`` to ``date_end``) lies in one fiscal year, unless the course dates
    it more precisely from a source (:data:`DATED_BY_SOURCE`).

    Raises
    ------
    ValueError
        If the event's span straddles two fiscal years and no source dates it.
    """
    ev = _events().loc[event_id]
    label = str(ev["date_label"])
    if event_id in DATED_BY_SOURCE:
        day, source = DATED_BY_SOURCE[event_id]
        when = pd.Timestamp(day)
        return EventFiscalYear(event_id, str(ev["title"]), label, us_fiscal_year(when),
                               f"{_day(when)} ({source})", source)
    first, last = us_fiscal_year(ev["date"]), us_fiscal_year(ev["date_end"])
    if first != last:
        raise ValueError(f"{event_id} is dated {label}, which straddles FY{first} and "
                         f"FY{last}: date it from a source (DATED_BY_SOURCE)")
    basis = label if ev["date_precision"] == "day" else f"{label}, all of it in FY{first}"
    return EventFiscalYear(event_id, str(ev["title"]), label, first, basis)


# ------------------------------------------------------------ the aid record
def greenbook_pakistan() -> pd.DataFrame:
    """Return the Greenbook rows for Pakistan, indexed by US fiscal year."""
    gb = data.load("aid_greenbook")
    return gb[gb["recipient"] == "PAK"].set_index("fiscal_year").sort_index()


@dataclass(frozen=True)
class Window:
    """Average yearly obligations (constant 2019 US$ m) before and after a fiscal year."""

    fiscal_year: int
    before: tuple[int, int]
    after: tuple[int, int]
    military_before: float
    military_after: float
    economic_before: float
    economic_after: float


def aid_around(fy: int, years: int = 3, last_fy: int = _LAST_FY) -> Window:
    """Return average obligations in the ``years`` fiscal years before and after ``fy``.

    The fiscal year ``fy`` itself is left out (it holds months on both sides of
    the event); the window after stops at ``last_fy`` and skips years with no row.
    """
    pak = greenbook_pakistan()
    before = pak.loc[fy - years:fy - 1]
    after = pak.loc[fy + 1:min(fy + years, last_fy)]
    if before.empty or after.empty:
        raise ValueError(f"no Greenbook years on both sides of FY{fy}")

    def mean(rows: pd.DataFrame, kind: str) -> float:
        return float(rows[f"{kind}_const2019_usd_m"].mean())

    return Window(fy, (int(before.index.min()), int(before.index.max())),
                  (int(after.index.min()), int(after.index.max())),
                  mean(before, "military"), mean(after, "military"),
                  mean(before, "economic"), mean(after, "economic"))


def _small(value: float) -> str:
    return "less than US$ 1 m" if value < 0.5 else usd_m(value)


def pct_change(before: float, after: float, floor: float = 5.0) -> float | None:
    """Return the change from ``before`` to ``after`` in per cent (None below ``floor``)."""
    return None if before < floor else 100 * (after / before - 1)


def change_words(before: float, after: float) -> str:
    """Word a change in yearly obligations from its size, with the numbers.

    Examples: ``"collapsed (-98%)"``, ``"nearly doubled (+92%)"``. Below a
    starting level of US$ 5 million no percentage is given.
    """
    numbers = f"from {usd_m(before)} to {usd_m(after)} a year"
    pct = pct_change(before, after)
    if pct is None:
        return f"went {numbers}, from a base too small for a percentage"
    words = ("collapsed" if pct <= -90 else "fell" if pct <= -10 else
             "barely changed" if pct < 10 else "rose" if pct < 80 else
             "nearly doubled" if pct < 100 else "more than doubled")
    return f"{words} ({pct:+.0f}%), {numbers}"


def cutoff_table(event_ids: Sequence[str] = CUTOFFS, years: int = 3) -> pd.DataFrame:
    """Return average yearly obligations before and after each cut-off's fiscal year.

    One row per event (index ``"EV024: title"``): its date, the fiscal year it
    fell in and how that is known (``basis``), and the averages of military and
    economic obligations (constant 2019 US$ m) in the ``years`` fiscal years
    before and after (stopping at FY2000, the end of the phase).
    """
    rows = []
    for event_id in event_ids:
        fy = event_fiscal_year(event_id)
        w = aid_around(fy.fiscal_year, years)
        rows.append({
            "event": f"{event_id}: {fy.title}", "dated": fy.basis,
            "fiscal year": f"FY{fy.fiscal_year}",
            "military before": w.military_before, "military after": w.military_after,
            "economic before": w.economic_before, "economic after": w.economic_after,
            "years before": f"FY{w.before[0]}-FY{w.before[1]}",
            "years after": f"FY{w.after[0]}-FY{w.after[1]}",
        })
    return pd.DataFrame(rows).set_index("event")


def _pct(before: float, after: float) -> str:
    pct = pct_change(before, after)
    return "" if pct is None else f" ({pct:+.0f}%)"


def cutoff_changes(table: pd.DataFrame) -> Markdown:
    """Return one line per cut-off: military and economic obligations before → after."""
    lines = [
        f"- **{event}** ({row['fiscal year']}): " + "; ".join(
            f"{kind} {row[f'{kind} before']:,.0f} → {row[f'{kind} after']:,.0f}"
            f"{_pct(row[f'{kind} before'], row[f'{kind} after'])}" for kind in _KINDS)
        for event, row in table.iterrows()
    ]
    dated = [f"{e.split(':')[0]} is dated {r['dated']}" for e, r in table.iterrows()
             if e.split(":")[0] in DATED_BY_SOURCE]
    note = ("US$ millions a year, constant 2019 dollars; no percentage where the starting level "
            "is below 5 million.")
    if dated:
        note += (" The events data give the 1965 embargo's year only; "
                 + "; ".join(dated) + ", when the suspension of military aid shipments to "
                 "both countries was announced.")
    return markdown("\n".join(lines) + "\n\n" + note)


# ---------------------------------------------------------------- the verdict
def months_between(earlier: pd.Timestamp, later: pd.Timestamp) -> int:
    """Return the number of calendar months from ``earlier``'s month to ``later``'s."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


@dataclass(frozen=True)
class Reversal:
    """How long an aid ban lasted before an event set it aside, as far as the dates allow."""

    ban: str
    reversed_by: str
    months_min: int
    months_max: int
    military_by_year: dict[int, float]


def symington_reversal(ban: str = "EV018", reversed_by: str = "EV020") -> Reversal:
    """Return the months from the 1979 Symington ban to the Reagan package that ended it.

    Both events are known only to the month or year, so the answer is a range:
    from the end of the ban's span to the start of the package's (shortest) and
    from the start of the one to the end of the other (longest). Also returns
    Pakistan's military obligations (constant 2019 US$ m) from the ban's fiscal
    year to the first fiscal year in which they exceed every year since the ban.
    """
    ev = _events()
    a, b = ev.loc[ban], ev.loc[reversed_by]
    months_min = months_between(a["date_end"], b["date"])
    months_max = months_between(a["date"], b["date_end"])
    pak = greenbook_pakistan()["military_const2019_usd_m"]
    first = event_fiscal_year(ban).fiscal_year
    years: dict[int, float] = {}
    for fy in range(first, _LAST_FY + 1):
        if fy not in pak.index:
            continue
        value = float(pak.loc[fy])
        above = bool(years) and value > max(years.values())
        years[fy] = value
        if above:
            break
    return Reversal(ban, reversed_by, months_min, months_max, years)


def cutoff_verdicts(table: pd.DataFrame | None = None) -> Markdown:
    """Return the lesson's verdict on each cut-off, every number computed from the data."""
    table = cutoff_table() if table is None else table
    ev = _events()
    rows = {event.split(":")[0]: row for event, row in table.iterrows()}

    def words(event_id: str, kind: str) -> str:
        r = rows[event_id]
        return change_words(r[f"{kind} before"], r[f"{kind} after"])

    parts = []
    if "EV024" in rows:
        parts.append(
            f"- **The Pressler cut-off (EV024, {ev.loc['EV024', 'date_label']})** fits "
            f"yousaf-ma-2025's words best: it came after the Soviet withdrawal from Afghanistan "
            f"was completed (EV023, {ev.loc['EV023', 'date_label']}), when the US goal in the "
            f"region had been reached. Military obligations {words('EV024', 'military')}; "
            f"economic obligations {words('EV024', 'economic')}. The law behind it (EV021) was "
            f"passed in {ev.loc['EV021', 'date_label'][:4]}, in the middle of the Afghan war; "
            f"the cut-off came only when the president withheld the certification it required.")
    if "EV010" in rows:
        day, source = DATED_BY_SOURCE["EV010"]
        parts.append(
            f"- **The 1965 embargo (EV010)**, announced on {_day(pd.Timestamp(day))} "
            f"({source}) during the war that began in {ev.loc['EV009', 'date']:%B %Y} "
            f"(EV009), hit India too. Military obligations {words('EV010', 'military')}; "
            f"economic obligations {words('EV010', 'economic')}: aid went on, at a lower level. "
            f"That is a stick, but not \"as soon as its objectives were met\".")
    if "EV018" in rows:
        rev = symington_reversal()
        fys = list(rev.military_by_year)
        embargo_fy = event_fiscal_year("EV010").fiscal_year
        pak = greenbook_pakistan()["military_const2019_usd_m"]
        since = pak.loc[embargo_fy:fys[0] - 1]
        listed = ", ".join(f"FY{fy} {v:,.0f}" for fy, v in rev.military_by_year.items())
        parts.append(
            f"- **The Symington ban (EV018, {ev.loc['EV018', 'date_label']})** hit an aid flow "
            f"that was already small: since the 1965 embargo, military obligations had not "
            f"exceeded {usd_m(since.max())} in any fiscal year (FY{embargo_fy}–FY{fys[0] - 1}). "
            f"The Soviet invasion of Afghanistan (EV019, {ev.loc['EV019', 'date_label']}) "
            f"changed US priorities, and the Reagan package (EV020) set the ban aside. The "
            f"events data date that package to {ev.loc['EV020', 'date_label']} only, so the "
            f"ban lasted between **{rev.months_min} and {rev.months_max} months** (the data "
            f"cannot say more precisely). The money came later still: military obligations "
            f"(US$ m, constant 2019) were {listed}.")
    if "EV026" in rows:
        r = rows["EV026"]
        coup = event_fiscal_year("EV029")
        parts.append(
            f"- **The 1998 sanctions (EV026)** do not show as a cut: after Pressler there was "
            f"little left to cut (military obligations averaged {_small(r['military before'])} "
            f"a year in {r['years before']}). Economic obligations even "
            f"{words('EV026', 'economic')}, a rise from a very low base, measured over "
            f"{r['years after']} only, since the phase ends in FY{_LAST_FY} (and the coup "
            f"sanctions, EV029, fall in FY{coup.fiscal_year}).")
    return markdown("\n".join(parts))


# ----------------------------------------------------------------- exercises
def embargo_answer(years: int = 5) -> Markdown:
    """Return the model answer to Exercise 2, step 2: military aid before and after 1965."""
    fy = event_fiscal_year("EV010")
    w = aid_around(fy.fiscal_year, years)
    first, last = fiscal_year_span(fy.fiscal_year)
    fall = 100 * (1 - w.military_after / w.military_before)
    return markdown(
        f"The embargo was announced on {fy.basis}. Until 1976 the US fiscal year ran from 1 "
        f"July to 30 June ({', '.join(FISCAL_YEAR_SOURCES)}), so it fell in "
        f"**FY{fy.fiscal_year}** ({_day(first)} to {_day(last)}). Leaving that year "
        f"out, military obligations averaged {usd_m(w.military_before)} a year in "
        f"FY{w.before[0]}–FY{w.before[1]} and {usd_m(w.military_after)} in "
        f"FY{w.after[0]}–FY{w.after[1]} (constant 2019 US$): a fall of {fall:.0f}%. The "
        f"military relationship shrank, it did not deepen.")


def decade_findings(decades: pd.DataFrame, years: pd.Index) -> Markdown:
    """Return what the decade table shows: the top and bottom decade, the military share.

    Parameters
    ----------
    decades
        The lesson's decade table (columns ``total_const2019``, ``military_share_%``,
        ``total_current``), indexed by decade.
    years
        The fiscal years summed (the Greenbook rows FY1948-FY2000).
    """
    per_decade = pd.Series(years // 10 * 10, index=years).value_counts()
    full = decades[per_decade.reindex(decades.index).fillna(0) >= 8]  # not the 1940s/2000 stubs
    top, low = full["total_const2019"].idxmax(), full["total_const2019"].idxmin()
    mil_top = full["military_share_%"].idxmax()
    missing = sorted(set(range(int(years.min()), int(years.max()) + 1)) - set(years))
    return markdown(
        f"Among the full decades, the **{top}s** received the most US aid "
        f"({usd_bn(full.loc[top, 'total_const2019'], 1)} in constant 2019 dollars) and the "
        f"**{low}s** the least ({usd_bn(full.loc[low, 'total_const2019'], 1)}): the top decade "
        f"got about {full.loc[top, 'total_const2019'] / full.loc[low, 'total_const2019']:.0f} "
        f"times as much. Military aid made up the largest share in the **{mil_top}s** "
        f"({full.loc[mil_top, 'military_share_%']:.0f}%). The 1940s row holds FY"
        f"{int(years.min())} only (the data have no rows for FY{', FY'.join(map(str, missing))}"
        f"), and the 2000 row is FY{int(years.max())} alone. In current dollars the Cold War "
        f"years sum to {usd_bn(decades['total_current'].sum())}, the figure in the phase box.")


def narrative_check() -> pd.DataFrame:
    """Return the press's round figures (``aid_narrative``) beside Greenbook sums.

    The Greenbook sum is over the same fiscal years and aid type, in current US$ m;
    ``difference_%`` is the round figure's distance from it.
    """
    pak = greenbook_pakistan()
    narrative = data.load("aid_narrative").set_index("narrative_id")
    kinds = {"economic": ["economic_current_usd_m"], "military": ["military_current_usd_m"],
             "economic+military": ["economic_current_usd_m", "military_current_usd_m"]}
    narrative["greenbook_usd_m"] = [
        pak.loc[r.year_first:r.year_last, kinds[r.aid_type]].to_numpy().sum()
        for r in narrative.itertuples()]
    narrative["difference_%"] = (100 * (narrative["narrative_usd_m"]
                                        / narrative["greenbook_usd_m"] - 1)).round(0)
    narrative["years"] = (narrative["year_first"].astype(str) + "-"
                          + narrative["year_last"].astype(str))
    return narrative[["years", "aid_type", "wording", "narrative_usd_m", "greenbook_usd_m",
                      "difference_%", "source_id"]].round(1)


def narrative_findings(table: pd.DataFrame | None = None) -> Markdown:
    """Return how close the round figures come, and the check of CAP's 'a quarter'."""
    table = narrative_check() if table is None else table
    pak = greenbook_pakistan().loc[1953:1961]
    mil = pak["military_current_usd_m"].sum()
    tot = mil + pak["economic_current_usd_m"].sum()
    worst = table["difference_%"].abs().idxmax()
    return markdown(
        f"All {len(table)} round figures come within {table['difference_%'].abs().max():.0f}% "
        f"of the Greenbook sums (the largest gap is {worst}, {table.loc[worst, 'years']}). The "
        f"Center for American Progress's 'a quarter' for the military share of 1953–1961 "
        f"checks out: {100 * mil / tot:.0f}% in the Greenbook. **But be careful:** the compiler "
        f"of `aid_narrative` chose some of the year windows so that they match (see its `note` "
        f"column), so part of this agreement is built in. Fiscal years and calendar years also "
        f"differ.")


# ------------------------------------------------------------------ what next
def what_came_next(phase: str) -> Markdown:
    """Return the aid after the Cold War for the phase(s) chosen, beside the 1990s.

    For ``cold-war`` it shows the next phase; for ``all``, every post-9/11 phase.
    CRS appropriations (with CSF only where CRS printed a figure) stand beside the
    Greenbook's yearly obligations and the phase's aid, sanction and crisis events
    involving Pakistan.
    """
    pak = greenbook_pakistan()
    phase_rows = data.load("phases").set_index("phase_id")
    events = data.load("events").set_index("event_id")
    following = ["2001-2008"] if phase == "cold-war" else phases_of(phase, post_2001=True)
    kinds = ["economic_const2019_usd_m", "military_const2019_usd_m"]
    nineties = pak.loc[1991:_LAST_FY, kinds]
    parts = [f"For comparison: in FY1991–FY{_LAST_FY}, after the Pressler cut-off, Greenbook "
             f"obligations averaged {usd_m(nineties.to_numpy().sum() / len(nineties))} a year "
             "(constant 2019 US$)."]
    for p in following:
        row = phase_rows.loc[p]
        ongoing = pd.isna(row["end_year"])
        first, last = int(row["start_year"]), int(pak.index.max() if ongoing else row["end_year"])
        gb = pak.loc[first:last, kinds]
        crs = summaries.aid_phase_totals(p).iloc[0]
        if pd.isna(crs["csf_usd_m"]):
            csf = (f"; CRS printed no Coalition Support Funds figure for "
                   f"{crs['csf_not_printed']}, so none is counted")
        else:
            csf = (f", of which {usd_bn(crs['csf_usd_m'])} Coalition Support Funds "
                   "(reimbursements, not aid in the strict sense)")
            if crs["csf_not_printed"]:
                csf += f"; CRS printed no CSF figure for {crs['csf_not_printed']}"
        block = ("; FY2002–FY2007 is one six-year block in the CRS tables" if p == "2001-2008"
                 else "")
        sticks = events[(events["phase"] == p)
                        & events["category"].isin(["aid_sanction", "diplomatic_crisis"])
                        & events["actors"].str.split(";").apply(lambda a: "PAK" in a)]
        listed = "; ".join(f"{t} ({i})" for i, t in sticks["title"].items()) or "none"
        parts.append(
            f"**{row['name']}** (phase id `{p}`, {first}–{'present' if ongoing else last}). "
            f"{row['description']}\n\n"
            f"- Greenbook obligations FY{first}–FY{last}"
            f"{' (the last year in the data)' if ongoing else ''} averaged "
            f"{usd_m(gb.to_numpy().sum() / len(gb))} a year (constant 2019 US$).\n"
            f"- CRS appropriations ({crs['fiscal_years']}): {usd_bn(crs['total_usd_m'])}"
            f"{csf}{block}. Appropriations are money voted, not money spent.\n"
            f"- Aid, sanction and crisis events involving Pakistan: {listed}.")
    return markdown("\n\n".join(parts))
