"""The logic behind the explorers: plain functions of the controls' values.

Every explorer in :mod:`pakfp_course.widgets` calls these on each change; they
take plain values, return frames, numbers and sentences, and raise
:class:`~pakfp_course.errors.UnknownChoiceError` (a ``ValueError``) naming the
valid choices on bad input. They are tested without a kernel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import data, ledger, summaries
from .errors import UnknownChoiceError
from .phases import check_phase, phase_table

__all__ = [
    "AID_COMPONENTS",
    "MILITANCY_KINDS",
    "PAPER_IDS",
    "VERDICTS",
    "WAR_AT_HOME",
    "AidView",
    "LedgerVerdict",
    "MilitancyView",
    "PhaseSummary",
    "aid_view",
    "approximate_date",
    "approximate_dates",
    "check_categories",
    "check_militancy_kinds",
    "check_year_range",
    "chronological",
    "definition_words",
    "event_categories",
    "fatality_trackers",
    "filter_claims",
    "filter_events",
    "ledger_verdict",
    "militancy_view",
    "phase_summary",
    "relations_for",
    "rsct_alt",
    "timeline_alt",
    "usd_bn",
    "usd_m",
    "verdict_alt",
    "verdict_counts",
    "war_at_home_events",
]

AID_COMPONENTS: tuple[str, ...] = ("security", "economic", "csf")
PAPER_IDS: tuple[str, ...] = ("yousaf-ma-2025", "majeed-2024", "khan-2024")
VERDICTS: tuple[str, ...] = ("supported", "partly_supported", "contradicted", "unverified")
YEARS = (1947, 2025)


def usd_m(value: float) -> str:
    """Format US$ millions: ``US$ 1,234 m``."""
    return f"US$ {value:,.0f} m"


def usd_bn(value_usd_m: float, digits: int = 2) -> str:
    """Format a value in US$ millions as billions: ``US$ 34.18 bn``."""
    return f"US$ {value_usd_m / 1000:,.{digits}f} bn"


# ------------------------------------------------------------------ phases
def chronological(events: pd.DataFrame) -> pd.DataFrame:
    """Return events in timeline order, each at the end of its date's span.

    An event known only to the month or year is placed at the last day of that
    month or year (``date_end``), the day by which it had certainly happened, so a
    cause dated to the day never follows an effect dated less precisely (the
    nuclear tests of 28 May 1998 come before the sanctions of "May 1998").
    """
    end = events["date_end"] if "date_end" in events else events["date"]
    order = events.assign(_end=pd.to_datetime(end), _start=pd.to_datetime(events["date"]))
    order = order.sort_values(["_end", "_start", "event_id"], kind="stable")
    return order.drop(columns=["_end", "_start"]).reset_index(drop=True)


def approximate_date(event: pd.Series) -> str:
    """Return an event's date as known, saying when the day or month is unknown."""
    label = str(event["date_label"])
    unknown = {"month": "day unknown", "year": "month unknown"}.get(
        str(event["date_precision"]))
    return f"{label} ({unknown})" if unknown else label


def approximate_dates(events: pd.DataFrame) -> pd.Series:
    """Return :func:`approximate_date` of every event, in one pass over the frame."""
    unknown = events["date_precision"].astype(str).map(
        {"month": " (day unknown)", "year": " (month unknown)"}).fillna("")
    return events["date_label"].astype(str) + unknown


@dataclass(frozen=True)
class PhaseSummary:
    """What the phase explorer shows for one phase."""

    phase: str
    name: str
    description: str
    events: pd.DataFrame
    facts: list[dict[str, str]] = field(default_factory=list)
    alt: str = ""
    text: str = ""


def phase_summary(phase: str) -> PhaseSummary:
    """Return the key events and the totals (computed from data) of one phase."""
    check_phase(phase, allow_all=False)
    row = phase_table().loc[phase]
    events = data.load("events")
    events = chronological(events[events["phase"] == phase])
    facts: list[dict[str, str]] = []
    if phase == "cold-war":
        gb = data.load("aid_greenbook")
        gb = gb[(gb["recipient"] == "PAK") & gb["fiscal_year"].between(1948, 2000)]
        total = gb["economic_current_usd_m"].sum() + gb["military_current_usd_m"].sum()
        facts.append({"measure": "US aid obligations FY1948-FY2000 (Greenbook, current US$)",
                      "value": usd_bn(total), "source": "USAID Greenbook"})
        alt = (f"US aid obligations to Pakistan per year, 1948 to 2019, in current dollars; "
               f"the Cold War years up to 2000 total {usd_bn(total)}.")
    else:
        aid = summaries.aid_phase_totals(phase).iloc[0]
        aid_no_csf = summaries.aid_phase_totals(phase, include_csf=False).iloc[0]
        drones = summaries.drone_strike_phase_totals(phase).iloc[0]
        cost = summaries.cost_of_war_phase_totals(phase).iloc[0]
        missing = aid["csf_not_printed"]
        csf_known = not pd.isna(aid["csf_usd_m"])
        facts += [
            {"measure": f"US aid appropriated ({aid['fiscal_years']}), incl. CSF"
                        + (f" where printed (none for {missing})" if missing else ""),
             "value": usd_bn(aid["total_usd_m"]), "source": "CRS"},
            {"measure": "of which Coalition Support Funds (reimbursements)",
             "value": usd_bn(aid["csf_usd_m"]) if csf_known else
             f"no CSF figure printed by CRS ({missing})", "source": "CRS"},
            {"measure": "US aid excl. CSF", "value": usd_bn(aid_no_csf["total_usd_m"]),
             "source": "CRS"},
            {"measure": "US drone strikes in Pakistan",
             "value": f"{int(drones['strikes']):,} strikes; {int(drones['killed_min']):,}-"
                      f"{int(drones['killed_max']):,} killed", "source": "TBIJ"},
            {"measure": f"Cost of the war to Pakistan ({cost['fiscal_years']})"
                        + (", partial last year" if bool(cost["partial"]) else ""),
             "value": f"US$ {cost['cost_usd_bn']:,.2f} bn",
             "source": "Pakistan Economic Survey 2017-18"},
        ]
        alt = (f"Phase {phase}: US aid {usd_bn(aid['total_usd_m'])} against an estimated war cost "
               f"of US$ {cost['cost_usd_bn']:,.2f} bn, beside the other post-2001 phases.")
    text = "\n".join([f"{row['name']} ({phase})", *(f"- {f['measure']}: {f['value']}"
                                                    for f in facts),
                      f"{len(events)} events in this phase."])
    return PhaseSummary(phase, str(row["name"]), str(row["description"]), events, facts, alt,
                        text)


# ---------------------------------------------------------------- timeline
def event_categories() -> list[str]:
    """Return the event categories, in the order of the schema."""
    res = data.default().resource("events")
    field_ = next(f for f in res.fields if f.name == "category")
    return list(field_.enum or sorted(set(data.load("events")["category"])))


def check_categories(categories: Iterable[str]) -> list[str]:
    """Return ``categories`` as a list, or raise naming the valid ones."""
    valid = event_categories()
    chosen = list(categories)
    for c in chosen:
        if c not in valid:
            raise UnknownChoiceError("event category", c, valid)
    return chosen


def check_year_range(start: int, end: int) -> tuple[int, int]:
    """Return ``(start, end)`` if it is a non-empty range within the data's years."""
    if start > end:
        raise ValueError(f"empty year range {start}-{end}: the start must not be after the "
                         f"end; valid years are {YEARS[0]} to {YEARS[1]}")
    if start < YEARS[0] or end > YEARS[1]:
        raise ValueError(f"year range {start}-{end} is outside the data; valid years are "
                         f"{YEARS[0]} to {YEARS[1]}")
    return start, end


def filter_events(start: int, end: int, categories: Iterable[str] | None = None
                  ) -> pd.DataFrame:
    """Return the events from ``start`` to ``end`` (years, inclusive) in ``categories``."""
    check_year_range(start, end)
    events = data.load("events")
    years = events["date"].dt.year
    keep = years.between(start, end)
    if categories is not None:
        keep &= events["category"].isin(check_categories(categories))
    return chronological(events[keep])


def timeline_alt(events: pd.DataFrame, start: int, end: int) -> str:
    """Describe a timeline for alt text: how many events, busiest category, first and last."""
    if events.empty:
        return f"Timeline {start}-{end}: no events match the filters."
    busiest = events["category"].value_counts()
    first, last = events.iloc[0], events.iloc[-1]
    return (
        f"Timeline {start}-{end}: {len(events)} events; most are {busiest.index[0]} "
        f"({busiest.iloc[0]}). First: {first['title']} ({first['date_label']}); "
        f"last: {last['title']} ({last['date_label']})."
    )


# --------------------------------------------------------------------- aid
@dataclass(frozen=True)
class AidView:
    """What the aid explorer shows."""

    source: str
    components: tuple[str, ...]
    dollars: str
    notes: tuple[str, ...]
    alt: str
    title: str


def aid_view(source: str, components: Sequence[str], dollars: str = "current") -> AidView:
    """Resolve the aid explorer's controls into what to draw and what to say."""
    if source not in ("crs", "greenbook"):
        raise UnknownChoiceError("aid source", source, ("crs", "greenbook"))
    if dollars not in ("current", "constant"):
        raise UnknownChoiceError("dollars", dollars, ("current", "constant"))
    for c in components:
        if c not in AID_COMPONENTS:
            raise UnknownChoiceError("aid component", c, AID_COMPONENTS)
    notes: list[str] = []
    if not components:
        raise ValueError(f"choose at least one aid component: {', '.join(AID_COMPONENTS)}")
    if source == "crs":
        if dollars == "constant":
            notes.append("CRS tables are in current dollars only; showing current US$.")
        aid = summaries.aid_crs_revised()
        aid = aid[aid["figure_status"] != "request"]
        cols = {"security": "security_usd_m", "economic": "economic_usd_m",
                "csf": "csf_revised_usd_m"}
        per_row = sum(aid[cols[c]].fillna(0) for c in components)
        total = per_row.sum()
        single = aid["fy_first"] == aid["fy_last"]
        peak = aid.loc[per_row[single].idxmax()]
        low = aid.loc[per_row[single].idxmin()]
        notes.append("FY2002-FY2007 is one six-year block in CRS tables; it is not split.")
        if "csf" in components:
            notes.append("CSF are reimbursements for Pakistan's costs, not aid in the strict "
                         "sense; FY2017-FY2018 have no CSF figure; FY2013 CSF is the later "
                         "revision, derived from two CRS tables.")
        alt = (f"US aid appropriations to Pakistan FY2002-FY2018 ({', '.join(components)}): "
               f"{usd_bn(total)} in all; among single years highest in {peak['fy_label']} "
               f"({usd_bn(per_row[peak.name])}), lowest in {low['fy_label']} "
               f"({usd_bn(per_row[low.name])}).")
        return AidView("crs", tuple(components), "current", tuple(notes), alt,
                       "US aid appropriations (CRS)")
    kinds = tuple(dict.fromkeys("military" if c == "security" else c for c in components
                                if c != "csf"))
    if "csf" in components:
        notes.append("The Greenbook has no Coalition Support Funds; CSF is left out.")
    if not kinds:
        raise ValueError("the Greenbook has only economic and military aid: choose security "
                         "(military) or economic")
    gb = data.load("aid_greenbook")
    gb = gb[gb["recipient"] == "PAK"]
    col = "const2019" if dollars == "constant" else "current"
    series = sum(gb[f"{k}_{col}_usd_m"] for k in kinds)
    peak = gb.loc[series.idxmax(), "fiscal_year"]
    after = series[gb["fiscal_year"] >= 1948]
    low = gb.loc[after.idxmin(), "fiscal_year"]
    alt = (f"US aid obligations to Pakistan 1948-2019 ({', '.join(kinds)}, {dollars} US$): "
           f"highest in FY{peak} ({usd_bn(series.max())}), lowest in FY{low} "
           f"({usd_bn(after.min())}).")
    notes.append("Obligations, not appropriations; values rounded upstream.")
    return AidView("greenbook", kinds, dollars, tuple(notes), alt,
                   "US aid obligations (Greenbook)")


# ------------------------------------------------------------------ ledger
@dataclass(frozen=True)
class LedgerVerdict:
    """What the bandwagoning ledger shows for one choice of estimates."""

    table: pd.DataFrame
    headline: str
    notes: tuple[str, ...]
    alt: str
    lives: dict[str, Any]


def ledger_verdict(aid: str, cost: str, lives: str) -> LedgerVerdict:
    """Compute the ledger and say how the verdict reads for these estimates."""
    table = ledger.ledger_table(aid, cost)
    life = ledger.lives_estimate(lives)
    aid_total, cost_total = table["aid_usd_bn"].sum(), table["cost_usd_bn"].sum()
    share = aid_total / cost_total
    headline = (
        f"With these estimates, US aid (US$ {aid_total:,.1f} bn) covers {share:.0%} of the "
        f"estimated cost of the war (US$ {cost_total:,.1f} bn)."
    )
    lives_text = (f"{life['low']:,}" if life["low"] == life["high"]
                  else f"{life['low']:,}-{life['high']:,}")
    notes = (
        f"Benefit: {ledger.AID_ESTIMATES[aid].label}. {ledger.AID_ESTIMATES[aid].description}",
        f"Cost: {ledger.COST_ESTIMATES[cost].label}. {ledger.COST_ESTIMATES[cost].description}",
        f"Lives lost: {lives_text} ({life['label']}). "
        f"{ledger.LIVES_ESTIMATES[lives].description}",
    )
    alt = headline + (" Per phase: " + "; ".join(
        f"{p}: aid {r.aid_usd_bn:,.1f} vs cost {r.cost_usd_bn:,.1f} bn"
        for p, r in table.iterrows()) + ".")
    return LedgerVerdict(table, headline, notes, alt, life)


# -------------------------------------------------------------------- RSCT
def relations_for(phase: str) -> pd.DataFrame:
    """Return the RSCT relations of one phase, strongest first."""
    check_phase(phase, allow_all=False)
    rel = data.load("rsct_relations")
    rel = rel[rel["phase"] == phase]
    return rel.reindex(rel["score"].abs().sort_values(ascending=False).index).reset_index(
        drop=True)


def rsct_alt(phase: str, relations: pd.DataFrame) -> str:
    """Describe the security-complex map of a phase for alt text."""
    kinds = relations["kind"].value_counts()
    strongest = relations.iloc[0]
    return (
        f"Map of security relations in {phase}: {len(relations)} pairs of actors; "
        + ", ".join(f"{n} {k}" for k, n in kinds.items())
        + f". Strongest: {strongest['actor_a']}-{strongest['actor_b']} "
        f"({strongest['kind']}, score {strongest['score']})."
    )


# ------------------------------------------------------------------ claims
def _check_paper(paper: str) -> str:
    if paper != "all" and paper not in PAPER_IDS:
        raise UnknownChoiceError("paper", paper, ("all", *PAPER_IDS))
    return paper


def filter_claims(paper: str = "all", verdict: str = "all") -> pd.DataFrame:
    """Return the checked claims of a paper (or all) with a verdict (or all)."""
    _check_paper(paper)
    if verdict != "all" and verdict not in VERDICTS:
        raise UnknownChoiceError("verdict", verdict, ("all", *VERDICTS))
    claims = data.load("claims")
    if paper != "all":
        claims = claims[claims["paper_id"] == paper]
    if verdict != "all":
        claims = claims[claims["verdict"] == verdict]
    return claims.reset_index(drop=True)


def verdict_counts(paper: str = "all") -> pd.Series:
    """Return how many of a paper's checked claims got each verdict."""
    claims = filter_claims(paper)
    return claims["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)


def verdict_alt(paper: str, counts: pd.Series) -> str:
    """Describe the verdict chart for alt text."""
    total = int(counts.sum())
    parts = ", ".join(f"{int(n)} {v.replace('_', ' ')}" for v, n in counts.items())
    who = "all three papers" if paper == "all" else paper
    return f"Verdicts on {total} checked claims of {who}: {parts}."


# --------------------------------------------------------------- militancy
#: Kinds of event on the militancy explorer, with the words shown to students.
MILITANCY_KINDS: dict[str, str] = {
    "militancy": "attacks in Pakistan and militant groups",
    "operations": "Pakistani military operations",
    "us_strikes": "US and NATO raids and strikes in Pakistan",
}
#: The course's selection of the events of Pakistan's war at home (ids in ``events``),
#: each with its kind and the short label written on the chart.
WAR_AT_HOME: dict[str, tuple[str, str]] = {
    "EV044": ("operations", "Lal Masjid"),
    "EV104": ("militancy", "TTP announced"),
    "EV045": ("militancy", "Bhutto killed"),
    "EV106": ("operations", "Swat"),
    "EV107": ("operations", "South Waziristan"),
    "EV054": ("us_strikes", "Abbottabad raid"),
    "EV055": ("us_strikes", "Salala"),
    "EV059": ("operations", "Zarb-e-Azb"),
    "EV060": ("militancy", "APS Peshawar"),
    "EV062": ("us_strikes", "Mansour strike"),
    "EV075": ("militancy", "Besham"),
    "EV076": ("militancy", "Karachi airport"),
}


def fatality_trackers() -> list[str]:
    """Return the trackers of the ``fatalities`` dataset, in the order of its schema."""
    res = data.default().resource("fatalities")
    field_ = next(f for f in res.fields if f.name == "tracker")
    present = set(data.load("fatalities")["tracker"])
    return [t for t in (field_.enum or sorted(present)) if t in present]


def check_militancy_kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    """Return the event kinds chosen (default: all), or raise naming the valid ones."""
    chosen = tuple(MILITANCY_KINDS) if kinds is None else tuple(kinds)
    for kind in chosen:
        if kind not in MILITANCY_KINDS:
            raise UnknownChoiceError("event kind", kind, MILITANCY_KINDS)
    return tuple(k for k in MILITANCY_KINDS if k in chosen)


def war_at_home_events(kinds: Iterable[str] | None = None) -> pd.DataFrame:
    """Return the events of :data:`WAR_AT_HOME` in timeline order, with ``kind`` and ``label``."""
    chosen = check_militancy_kinds(kinds)
    events = data.load("events")
    rows = events[events["event_id"].isin(list(WAR_AT_HOME))]
    rows = rows.assign(kind=rows["event_id"].map(lambda e: WAR_AT_HOME[e][0]),
                       label=rows["event_id"].map(lambda e: WAR_AT_HOME[e][1]))
    return chronological(rows[rows["kind"].isin(chosen)])


def definition_words(definition: str) -> str:
    """Return a ``fatalities`` definition code in words (``terrorist attacks only``)."""
    return str(definition).replace("satp_", "").replace("_", " ")


def _one_series(fat: pd.DataFrame) -> tuple[str, str, pd.Series] | None:
    """Return the longest run of full-year figures by one tracker with one definition."""
    full = fat[~fat["partial_period"]].assign(year=fat["period_start"].dt.year)
    if full.empty:
        return None
    # two vintages of one year: keep the newest reading
    full = full.sort_values("as_of").drop_duplicates(["tracker", "definition", "year"],
                                                     keep="last")
    sizes = full.groupby(["tracker", "definition"], sort=False).size()
    tracker, definition = sizes.idxmax()
    rows = full[(full["tracker"] == tracker) & (full["definition"] == definition)]
    return str(tracker), str(definition), rows.set_index("year")["total"].sort_index()


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@dataclass(frozen=True)
class MilitancyView:
    """What the militancy explorer shows for one choice of years, trackers and events."""

    start: int
    end: int
    trackers: tuple[str, ...]
    kinds: tuple[str, ...]
    drones: bool
    fatalities: pd.DataFrame
    events: pd.DataFrame
    strikes: pd.DataFrame
    notes: tuple[str, ...]
    alt: str
    title: str

    @property
    def summary(self) -> str:
        """The view in words, one fact a line (for the text fallback and the explorer)."""
        return "\n".join([self.title, self.alt, *self.notes])


def militancy_view(start: int = 2001, end: int = 2025, trackers: Sequence[str] | None = None,
                   kinds: Iterable[str] | None = None, drones: bool = True) -> MilitancyView:
    """Resolve the militancy explorer's controls: deaths, events and drone strikes.

    Parameters
    ----------
    start, end
        First and last calendar year (inclusive).
    trackers
        Trackers of ``fatalities`` to show (default: all). Figures whose period
        runs longer than a year (cumulative counts) and figures without a total
        are left out, and the notes say so.
    kinds
        Kinds of event (keys of :data:`MILITANCY_KINDS`; default: all).
    drones
        Add US drone strikes per year (Bureau of Investigative Journalism).
    """
    check_year_range(start, end)
    valid = fatality_trackers()
    chosen = tuple(valid) if trackers is None else tuple(trackers)
    for tracker in chosen:
        if tracker not in valid:
            raise UnknownChoiceError("tracker", tracker, valid)
    kinds = check_militancy_kinds(kinds)
    fat = data.load("fatalities")
    fat = fat[fat["tracker"].isin(chosen) & fat["period_start"].dt.year.between(start, end)]
    days = (fat["period_end"] - fat["period_start"]).dt.days
    cumulative, no_total = fat[days > 366], fat[(days <= 366) & fat["total"].isna()]
    fat = fat[(days <= 366) & fat["total"].notna()].reset_index(drop=True)
    events = war_at_home_events(kinds)
    events = events[events["date_end"].dt.year.between(start, end)].reset_index(drop=True)
    strikes = data.load("drone_strikes")
    strikes = strikes[strikes["year"].between(start, end)] if drones else strikes.iloc[0:0]
    strikes = strikes.reset_index(drop=True)

    notes = ["Trackers count different things (see each figure's definition): the points "
             "are not one series and are never joined."]
    if len(cumulative):
        notes.append("Left out, as they cover several years: "
                     + ", ".join(f"{r.tracker} {r.period_label}" for r in
                                 cumulative.itertuples()) + ".")
    if len(no_total):
        notes.append(f"Left out, as no total was printed: {len(no_total)} figure(s) ("
                     + ", ".join(f"{r.tracker} {r.period_label}" for r in no_total.itertuples())
                     + ").")
    if drones and len(strikes):
        notes.append("Bars: US drone strikes per year (TBIJ) on their own scale (right); do "
                     "not compare their height with the points.")

    parts = [f"Deaths in militant violence in Pakistan, {start}-{end}:"]
    if fat.empty:
        parts.append("no fatality figures for this selection.")
    else:
        hi, lo = fat.loc[fat["total"].idxmax()], fat.loc[fat["total"].idxmin()]
        parts.append(
            f"{len(fat)} figures from {_count(fat['tracker'].nunique(), 'tracker')}"
            f"{', not one series' if len(fat.groupby(['tracker', 'definition'])) > 1 else ''}"
            f"; highest {hi['total']:,} ({hi['tracker']}, {hi['period_label']}, "
            f"{definition_words(hi['definition'])}), lowest {lo['total']:,} "
            f"({lo['tracker']}, {lo['period_label']}"
            f"{', part of a year' if lo['partial_period'] else ''}).")
        series = _one_series(fat)
        if series is not None and len(series[2]) > 1:
            tracker, definition, s = series
            parts.append(
                f"Longest run by one tracker with one definition, {tracker} "
                f"({definition_words(definition)}): from {s.iloc[0]:,} in {s.index[0]} to "
                f"{s.iloc[-1]:,} in {s.index[-1]}, highest {s.max():,} in {s.idxmax()}.")
    if drones:
        if strikes.empty:
            every = data.load("drone_strikes")["year"]
            parts.append(f"No US drone strikes recorded in these years (TBIJ covers "
                         f"{every.min()}-{every.max()}).")
        else:
            peak = strikes.loc[strikes["strikes"].idxmax()]
            parts.append(
                f"US drone strikes (TBIJ): {int(strikes['strikes'].sum()):,} in "
                f"{strikes['year'].min()}-{strikes['year'].max()}, most in {peak['year']} "
                f"({peak['strikes']:,}).")
    if events.empty:
        parts.append("No events of the chosen kinds in these years.")
    else:
        parts.append(f"{len(events)} events: " + "; ".join(
            f"{r.label} ({r.date_label})" for r in events.itertuples()) + ".")
    chosen_text = "all trackers" if len(chosen) == len(valid) else ", ".join(chosen)
    title = f"Militancy, operations and drone strikes in Pakistan, {start}-{end} ({chosen_text})"
    return MilitancyView(start, end, chosen, kinds, drones, fat, events, strikes,
                         tuple(notes), " ".join(parts), title)
