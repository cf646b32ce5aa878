"""Lesson 07 (regional stability and reading sources): its findings, computed from the data.

In the lesson's order: India–Pakistan crises counted by one stated rule
(:data:`CRISIS_RULE`, :func:`india_pakistan_crises`, :func:`crises_per_phase`); violence
in Pakistan and the claim checker; casualty trackers' spreads, definitions and vintages;
the drone-strike trackers compared over like periods (:func:`drone_comparison`); and the
exercises' model answers. Every number is read from ``course_data``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import data, explore, lesson
from ..phases import PHASE_IDS, phase_table, phase_years

__all__ = [
    "CLOSING_WORDS", "CRISIS_CATEGORIES", "CRISIS_RULE", "DRONE_PERIODS", "Crisis",
    "DroneComparison", "after_exit_markdown", "contrast_cards", "crises_markdown",
    "crises_per_phase", "crisis_event_ids", "crisis_rule", "definition_gap_markdown",
    "drone_comparison", "drones_markdown", "exercise1_answer", "exercise2_answer",
    "full_year_figures", "india_pakistan_crises", "quiet_spells", "satp_trend_markdown",
    "spread_by_year", "spread_markdown", "standoff_days", "standoff_markdown", "verdict_table",
    "vintages_markdown", "war_deaths_markdown",
]

# ------------------------------------------------------------------------- crises
#: Event categories that count as an attack or a use of force.
CRISIS_CATEGORIES: tuple[str, ...] = ("terrorist_attack", "military_operation", "regional_war")
#: Words in an event's title that mark the end of fighting or of a stand-off.
CLOSING_WORDS: tuple[str, ...] = ("ceasefire", "pullback")
#: Days within which a ceasefire or pullback still closes the crisis before it.
CLOSING_DAYS = 365

#: The rule, with ``{window}`` for the number of days that join events into one crisis.
CRISIS_RULE = (
    "An **India–Pakistan crisis**, in this course's counts, is a run of events in the course "
    "timeline (`events`) that (1) name both India and Pakistan among their actors, (2) are an "
    "attack or a use of force (category `terrorist_attack`, `military_operation` or "
    "`regional_war`), and (3) each come within **{window} days** of the run's previous event. "
    "An event whose title names a ceasefire or a pullback starts no crisis: it closes the "
    "latest one if it comes within a year of that crisis's last event, and is otherwise left "
    "out. Dates known only to the month or year count at the end of their span, as on the "
    "course timeline; a crisis belongs to the phase of its first event. Diplomatic crises "
    "(category `diplomatic_crisis`) are not counted."
)


def crisis_rule(window_days: int = 90) -> str:
    """Return :data:`CRISIS_RULE` worded for ``window_days``."""
    return CRISIS_RULE.format(window=window_days)


@dataclass(frozen=True)
class Crisis:
    """One India–Pakistan crisis: its events, the event that closed it, dates and phase."""

    event_ids: tuple[str, ...]
    closed_by: str | None
    start: pd.Timestamp
    end: pd.Timestamp
    phase: str
    armed_clash: bool

    @property
    def all_ids(self) -> tuple[str, ...]:
        """The crisis's events, the closing one included."""
        return self.event_ids + ((self.closed_by,) if self.closed_by else ())

    @property
    def years(self) -> str:
        """``2016`` or ``2001–2002``."""
        a, b = self.start.year, self.end.year
        return str(a) if a == b else f"{a}–{b}"

    @property
    def label(self) -> str:
        """``2016 (EV111, EV113, EV114)``."""
        return f"{self.years} ({', '.join(self.all_ids)})"


def _is_closing(title: str) -> bool:
    return any(w in title.lower() for w in CLOSING_WORDS)


def india_pakistan_crises(events: pd.DataFrame | None = None, *, window_days: int = 90,
                          categories: tuple[str, ...] = CRISIS_CATEGORIES) -> list[Crisis]:
    """Group the timeline's India–Pakistan events into crises by :data:`CRISIS_RULE`.

    Parameters
    ----------
    events
        The ``events`` dataset or a frame of it (default: all events).
    window_days
        Events at most this many days after the previous one join its crisis.
    categories
        Event categories that count as an attack or a use of force.
    """
    frame = data.load("events") if events is None else events
    actors = frame["actors"].str.split(";")
    both = frame[actors.apply(lambda a: "IND" in a and "PAK" in a)
                 & frame["category"].isin(categories)]
    runs: list[dict] = []
    for _, r in explore.chronological(both).iterrows():
        when = pd.Timestamp(r["date_end"])
        last = runs[-1] if runs else None
        open_run = last is not None and last["closed_by"] is None
        if _is_closing(r["title"]):
            if open_run and (when - last["end"]).days <= CLOSING_DAYS:
                last.update(closed_by=r["event_id"], end=when)
            continue
        if open_run and (when - last["end"]).days <= window_days:
            last["ids"].append(r["event_id"])
            last["kinds"].add(r["category"])
            last["end"] = when
        else:
            runs.append({"ids": [r["event_id"]], "closed_by": None, "start": when, "end": when,
                         "phase": r["phase"], "kinds": {r["category"]}})
    return [Crisis(tuple(x["ids"]), x["closed_by"], x["start"], x["end"], x["phase"],
                   "regional_war" in x["kinds"]) for x in runs]


def crisis_event_ids(crises: list[Crisis]) -> list[str]:
    """Return every event id of ``crises``, closing events included."""
    return [i for c in crises for i in c.all_ids]


def crises_per_phase(crises: list[Crisis]) -> pd.DataFrame:
    """Count crises per phase (every phase, zero included), with those that saw armed clashes.

    Columns: ``years`` (as shown to readers), ``crises``, ``armed_clash`` (crises with a
    ``regional_war`` event between the two states) and ``which`` (each crisis's label).
    """
    rows = []
    for phase in PHASE_IDS:
        mine = [c for c in crises if c.phase == phase]
        rows.append({"phase": phase, "years": phase_years(phase), "crises": len(mine),
                     "armed_clash": sum(c.armed_clash for c in mine),
                     "which": "; ".join(c.label for c in mine) or "none"})
    return pd.DataFrame(rows).set_index("phase")


def quiet_spells(crises: list[Crisis], *, since: int = 2001) -> pd.DataFrame:
    """Return the spells between consecutive crises from ``since``: labels, dates, days."""
    mine = [c for c in crises if c.start.year >= since]
    rows = [{"after": a.label, "before": b.label, "from": a.end, "to": b.start,
             "days": (b.start - a.end).days} for a, b in itertools.pairwise(mine)]
    return pd.DataFrame(rows, columns=["after", "before", "from", "to", "days"])


def crises_markdown(phase: str, *, window_days: int = 90) -> Markdown:
    """Return the crisis rule, the count per phase, the chosen phase's crises and quiet spells."""
    crises = india_pakistan_crises(window_days=window_days)
    table = crises_per_phase(crises).reset_index()
    table["phase"] = table["phase"].map(lambda p: f"`{p}`")
    text = [crisis_rule(window_days), "",
            lesson.md_table(table, {"phase": "phase", "years": "years", "crises": "crises",
                                    "armed_clash": "with an armed clash (`regional_war`)",
                                    "which": "crises (events)"}).data]
    other = 365 if window_days != 365 else 90
    alt = crises_per_phase(india_pakistan_crises(window_days=other))["crises"]
    mine = crises_per_phase(crises)["crises"]
    if not alt.equals(mine):
        diff = ", ".join(f"`{p}`: {alt[p]}" for p in PHASE_IDS if alt[p] != mine[p])
        text.append(f"\nWith a window of {other} days instead, the counts change ({diff}): a "
                    "count of crises is only as good as its rule, so always state yours.")
    spells = quiet_spells(crises)
    if len(spells):
        longest = spells.loc[spells["days"].idxmax()]
        text.append("\n**Spells without a crisis since 2001** (days from the end of one crisis "
                    "to the start of the next): " + "; ".join(
                        f"{r['from']:%Y}→{r['to']:%Y}: {r['days']:,}" for _, r in
                        spells.iterrows())
                    + f". The longest runs from {longest['after']} to {longest['before']}, "
                    f"about {longest['days'] / 365.25:.0f} years.")
    chosen = [c for c in crises if c.phase in lesson.phases_of(phase)
              and (phase != "all" or c.start.year >= 2001)]
    where = "since 2001" if phase == "all" else f"in the `{phase}` phase"
    if chosen:
        text.append(f"\n**The crises {where}:**\n\n"
                    + lesson.event_list(crisis_event_ids(chosen)).data)
    else:
        text.append(f"\nNo crisis falls {where} under this rule.")
    return lesson.markdown("\n".join(text))


# ---------------------------------------------------------------- crises in detail
def _events() -> pd.DataFrame:
    return data.load("events").set_index("event_id")


def standoff_days() -> tuple[int, int, pd.Timestamp]:
    """Return the 2001–02 standoff's days to the pullback order and to its end, and the end.

    The end is the date EV036's description gives ("reported complete on ...").
    """
    ev = _events()
    start, order = ev.loc["EV034", "date"], ev.loc["EV036", "date"]
    found = re.search(r"reported complete on (\d{1,2} \w+ \d{4})", ev.loc["EV036", "description"])
    if not found:
        raise ValueError("EV036's description no longer gives the end of the pullback")
    done = pd.Timestamp(pd.to_datetime(found[1], format="%d %B %Y"))
    return (order - start).days, (done - start).days, done


def standoff_markdown() -> Markdown:
    """Return how long the 2001–02 standoff lasted, by the two possible end dates."""
    to_order, to_done, done = standoff_days()
    label = _events().loc["EV036", "date_label"]
    return lesson.markdown(
        f"- to the order to pull back ({label}): **{to_order} days**, about "
        f"{to_order / 30.44:.0f} months;\n- to the reported end of the pullback "
        f"({done:%Y-%m-%d}): **{to_done} days**, just over a year.\n\nSo 'over a year' holds "
        "only if you count the troops' journey home. The check rates it *partly supported*. "
        "The same paragraph's claim about China fares worse:\n\n"
        + lesson.claim_cards(["P000-53", "P000-54"]).data)


# ------------------------------------------------------- violence and the checker
def _fat() -> pd.DataFrame:
    return data.load("fatalities").set_index("figure_id")


def full_year_figures() -> pd.DataFrame:
    """Return the tracker figures that count one whole calendar year, with a ``year`` column."""
    fat = _fat()
    days = (fat["period_end"] - fat["period_start"]).dt.days
    keep = ~fat["partial_period"] & (days <= 366) & fat["total"].notna()
    return fat[keep].assign(year=lambda f: f["period_start"].dt.year)


def satp_trend_markdown() -> Markdown:
    """Return SATP's rise from 2003 to 2009 and fall, beside Costs of War, and claim P002-02."""
    fat = _fat()
    wd = data.load("war_deaths").set_index("row_id")
    a, b, low, last = (fat.loc[i] for i in ["FAT001", "FAT007", "FAT016", "FAT018"])
    return lesson.markdown(
        f"SATP counted **{a['total']:,}** deaths in {a['period_label']} and **{b['total']:,}** "
        f"in {b['period_label']} (as of {b['as_of']}): **{b['total'] / a['total']:.0f} times** "
        f"as many (FAT001, FAT007). It then counted {low['total']:,} in {low['period_label']} "
        f"and {last['total']:,} in {last['period_label']}. The Costs of War project, counting "
        f"all direct war deaths, puts Pakistan's toll from {wd.loc['WD07', 'period_label']} at "
        f"**{wd.loc['WD07', 'deaths_low']:,} to {wd.loc['WD07', 'deaths_high']:,}** (WD07).\n\n"
        + lesson.claim_cards(["P002-02"]).data)


def after_exit_markdown(since: int = 2019) -> Markdown:
    """Return first → last full year from ``since``, per tracker and definition with two."""
    full = full_year_figures()
    lines = []
    for (tracker, definition), g in full[full["year"] >= since].groupby(["tracker",
                                                                           "definition"]):
        if len(g) > 1:
            g = g.sort_values("year")
            lines.append(f"- {tracker} ({definition.replace('_', ' ')}): "
                         f"{g['total'].iloc[0]:,} in {g['year'].iloc[0]} → "
                         f"**{g['total'].iloc[-1]:,}** in {g['year'].iloc[-1]}")
    return lesson.markdown("\n".join(lines) + "\n\nThe trackers disagree about the *level* but "
                           "agree about the *direction*. Does that make the US exit the cause? "
                           "Which other events in 2021–2025 would you want to rule out first?")


def verdict_table(paper: str) -> Markdown:
    """Return the verdict counts of all three papers and ``paper``'s contradicted claims."""
    counts = pd.DataFrame({p: explore.verdict_counts(p) for p in explore.PAPER_IDS}).T
    counts.columns = [c.replace("_", " ") for c in counts.columns]
    counts.insert(0, "paper", counts.index)
    counts["checked"] = counts.drop(columns="paper").sum(axis=1)
    wrong = explore.filter_claims(paper, "contradicted")
    return lesson.markdown(
        lesson.md_table(counts).data + f"\n\n**{paper}**: {len(wrong)} of "
        f"{int(counts.loc[paper, 'checked'])} checked claims contradicted: "
        + "; ".join(f"{r.claim_id} ({r.claim})" for r in wrong.itertuples()))


def contrast_cards(ids: list[str]) -> Markdown:
    """Return the table of all contrasts, then ``ids`` in full with their notes."""
    contrasts = data.load("contrasts").set_index("contrast_id")
    table = contrasts.reset_index()[["contrast_id", "topic", "paper_a", "paper_b"]]
    pick = "".join(
        f"\n\n**{x}: {contrasts.loc[x, 'topic']}**\n\n"
        f"- {contrasts.loc[x, 'paper_a']}: {contrasts.loc[x, 'position_a']}\n"
        f"- {contrasts.loc[x, 'paper_b']}: {contrasts.loc[x, 'position_b']}\n"
        f"- *Note:* {contrasts.loc[x, 'note']}" for x in ids)
    return lesson.markdown(lesson.md_table(table).data
                           + "\n\nA factual contradiction and a framing contrast:" + pick)


# ---------------------------------------------------------------- counting the dead
def spread_by_year(phase: str = "all") -> tuple[pd.DataFrame, str]:
    """Return the spread of full-year tracker figures per year in ``phase``, and a heading.

    Years with at least two figures; columns ``figures``, ``definitions``, ``lowest``,
    ``highest`` and ``highest ÷ lowest``. When the phase has no such year, every year.
    """
    full = full_year_figures()
    last_year = int(full["year"].max())
    table = phase_table()
    years: set[int] = set()
    for p in lesson.phases_of(phase):
        end = table.loc[p, "end_year"]
        years |= set(range(int(table.loc[p, "start_year"]),
                           last_year + 1 if pd.isna(end) else int(end) + 1))
    shown = full[full["year"].isin(years)]
    note = "Years with at least two full-year figures" + (
        "" if phase == "all" else f" in the `{phase}` phase")
    if shown.empty or shown["year"].value_counts().max() < 2:
        shown, note = full, (f"No year in the `{phase}` phase has two or more figures; here "
                             "are all years with at least two")
    g = shown.groupby("year")["total"]
    spread = pd.DataFrame({"figures": g.size(),
                           "definitions": shown.groupby("year")["definition"].nunique(),
                           "lowest": g.min(), "highest": g.max()})
    spread = spread[spread["figures"] > 1]
    spread["highest ÷ lowest"] = (spread["highest"] / spread["lowest"]).round(1)
    return spread, note


def spread_markdown(phase: str = "all") -> Markdown:
    """Return :func:`spread_by_year` as a table with the widest gap named."""
    spread, note = spread_by_year(phase)
    worst = spread["highest ÷ lowest"].idxmax()
    shown = spread.reset_index().astype({"year": str})  # years print without a comma
    return lesson.markdown(
        f"**Same year, different numbers.** {note}:\n\n" + lesson.md_table(shown).data
        + f"\n\nThe widest gap: **{worst}**, where the highest figure is "
        f"**{spread.loc[worst, 'highest ÷ lowest']}×** the lowest. Now compare the gap with the "
        "number of *definitions* in use that year.")


def definition_gap_markdown() -> Markdown:
    """Return PIPS's two definitions side by side and same-definition agreement per year."""
    fat, full = _fat(), full_year_figures()
    pips = [(fat.loc[a], fat.loc[b]) for a, b in [("FAT020", "FAT021"), ("FAT022", "FAT023")]]
    lines = [f"- PIPS {t['period_label']}: **{t['total']:,}** in terrorist attacks, "
             f"**{v['total']:,}** in all violence ({v['total'] / t['total']:.1f}×)"
             for t, v in pips]
    same = full[full["definition"] == "terrorist_attacks_only"].groupby("year")["total"]
    close = pd.DataFrame({"n": same.size(), "lo": same.min(), "hi": same.max()}).query("n > 1")
    lines += [f"- {y}, terrorist attacks only: {int(r.n)} trackers, {r.lo:,} to {r.hi:,} "
              f"(**{(r.hi / r.lo - 1) * 100:.0f}%** apart)" for y, r in close.iterrows()]
    return lesson.markdown("\n".join(lines) + "\n\nSame definition, close figures; different "
                           "definitions, figures several times apart. The gap is mostly *what* "
                           "is counted, not *how well*.")


def vintages_markdown() -> Markdown:
    """Return SATP's revision of 2009, the part-year and cumulative figures, who counted."""
    fat = _fat()
    v1, v2, cum = fat.loc["FAT007"], fat.loc["FAT008"], fat.loc["FAT019"]
    part = fat[fat["partial_period"]]
    unnamed = fat[fat["tracker_attribution"] != "named"]
    return lesson.markdown(
        f"- **Vintage:** SATP's 2009 total was **{v1['total']:,}** as read in {v1['as_of']} and "
        f"**{v2['total']:,}** as read in {v2['as_of']}, a revision of "
        f"{v1['total'] - v2['total']:,} deaths (FAT007, FAT008). SATP also later added Sindh "
        "target killings for 2011–2012, so its 2012 figure depends on the vintage too "
        "(FAT011).\n- **Part years:** "
        f"{len(part)} figures count only part of a year: "
        + "; ".join(f"{r['tracker']} {r['period_label']}: {r['total']:,}"
                    for _, r in part.iterrows())
        + f".\n- **Cumulative:** SATP's {cum['period_label']} total is {cum['total']:,} "
        "(FAT019), a sum over years, never to be set beside one year.\n- **Who counted?** "
        f"{len(unnamed)} figures come from compilations that do not name the tracker, or whose "
        "attribution could not be checked (tracker_attribution). And agreement is not always "
        "independence: for 2003 an unnamed compilation gives "
        f"{fat.loc['FAT002', 'total']:,}, exactly SATP's {fat.loc['FAT001', 'total']:,} "
        "(FAT001, FAT002), probably because it copies SATP.")


def war_deaths_markdown() -> Markdown:
    """Return the Costs of War ranges, the civilian high ÷ low and claim P003-09."""
    wd = data.load("war_deaths").set_index("row_id")
    rows = wd.reset_index()[["row_id", "period_label", "category", "deaths_low", "deaths_high"]]
    civ = wd.loc["WD03"]
    return lesson.markdown(
        lesson.md_table(rows).data
        + f"\n\nThe civilian range alone runs from {civ['deaths_low']:,} to "
        f"{civ['deaths_high']:,}: the high estimate is "
        f"**{civ['deaths_high'] / civ['deaths_low']:.1f}×** the low one. The later totals "
        f"({wd.loc['WD09', 'deaths_low']:,} to mid-2016, {wd.loc['WD10', 'deaths_low']:,} to "
        "late 2018) include militants killed in military operations. Khan's \"over 70,000 "
        "lives\", all in \"terrorist attacks\", fits neither the size nor the definition:\n\n"
        + lesson.claim_cards(["P003-09"]).data)


# ----------------------------------------------------------------------- drones
#: The like-for-like periods the lesson compares: label -> (first_year, last_year).
DRONE_PERIODS: dict[str, tuple[int, int]] = {
    "2011 (calendar year)": (2011, 2011),
    "2004–2018 (every strike)": (2004, 2018),
    "20 Jan 2009 – 2015 (the ODNI window)": (2009, 2015),
}


@dataclass(frozen=True)
class DroneComparison:
    """Counts of one measure over one period, tracker by tracker."""

    period: str
    measure: str
    rows: pd.DataFrame  # estimate_id, tracker, scope, pakistan_only, low, high, as_of

    @property
    def lowest(self) -> int:
        """The lowest low figure."""
        return int(self.rows["low"].min())

    @property
    def highest(self) -> int:
        """The highest high figure."""
        return int(self.rows["high"].max())

    @property
    def overlap(self) -> tuple[int, int] | None:
        """The range every count shares (highest low to lowest high), if there is one."""
        lo, hi = int(self.rows["low"].max()), int(self.rows["high"].min())
        return (lo, hi) if lo <= hi else None


def drone_comparison(period: str, measure: str = "civilians") -> DroneComparison:
    """Return the ``drone_estimates`` rows for one of :data:`DRONE_PERIODS`, as low/high.

    Parameters
    ----------
    period
        A key of :data:`DRONE_PERIODS`.
    measure
        ``"civilians"`` or ``"killed"``.
    """
    if period not in DRONE_PERIODS:
        raise KeyError(f"unknown period {period!r}; choose from {list(DRONE_PERIODS)}")
    first, last = DRONE_PERIODS[period]
    est = data.load("drone_estimates")
    keep = (est["first_year"] == first) & (est["last_year"] == last) & est[f"{measure}_low"].notna()
    rows = est[keep].rename(columns={f"{measure}_low": "low", f"{measure}_high": "high"})
    cols = ["estimate_id", "tracker", "scope", "pakistan_only", "period", "low", "high", "as_of"]
    return DroneComparison(period, measure, rows[cols].reset_index(drop=True))


def _tbij_window() -> tuple[dict[str, int], int]:
    """TBIJ's calendar-year sums for 2009–2015 and the Bush-era strikes in January 2009."""
    ds = data.load("drone_strikes")
    sel = ds[ds["year"].between(*DRONE_PERIODS["20 Jan 2009 – 2015 (the ODNI window)"])]
    sums = {c: int(sel[c].sum()) for c in ["strikes", "civilians_min", "civilians_max"]}
    return sums, int(ds.loc[ds["year"] == 2009, "strikes_bush"].sum())


def _range(lo: int, hi: int) -> str:
    return f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"


_SHORT = {"New America": "New America", "Long War": "Long War Journal", "Bureau": "TBIJ",
          "Columbia": "Columbia (own recount)", "US government": "ODNI"}


def _short(tracker: str) -> str:
    return next((v for k, v in _SHORT.items() if tracker.startswith(k)), tracker)


def _counts(c: DroneComparison) -> str:
    return "; ".join(f"{_short(r.tracker)} {_range(r.low, r.high)}" for r in c.rows.itertuples())


def drones_markdown(phase: str = "all") -> Markdown:
    """Return TBIJ's totals (and the phase's), then the trackers compared over like periods."""
    ds = data.load("drone_strikes")
    y11c, y11k = (drone_comparison("2011 (calendar year)", m) for m in ("civilians", "killed"))
    allc, allk = (drone_comparison("2004–2018 (every strike)", m) for m in ("civilians",
                                                                              "killed"))
    win = drone_comparison("20 Jan 2009 – 2015 (the ODNI window)", "civilians")
    odni = win.rows[~win.rows["pakistan_only"]].iloc[0]
    naf = win.rows[win.rows["pakistan_only"]].iloc[0]
    tbij, bush = _tbij_window()
    tbij11 = ds[ds["year"] == 2011].iloc[0]
    now11 = _range(tbij11["civilians_min"], tbij11["civilians_max"])
    tbij_civ = _range(tbij["civilians_min"], tbij["civilians_max"])
    lowest = allc.rows.loc[allc.rows["low"].idxmin()]
    share = y11k.overlap
    lines = [
        f"**TBIJ.** In {ds['year'].min()}–{ds['year'].max()} the Bureau records "
        f"**{ds['strikes'].sum():,} strikes**, **{ds['killed_min'].sum():,}–"
        f"{ds['killed_max'].sum():,} people killed**, of whom **{ds['civilians_min'].sum():,}–"
        f"{ds['civilians_max'].sum():,} civilians** (sums of per-year bounds). Your phase: "
        f"{_phase_drones(phase)}.",
        "",
        "**The other trackers, period by period.** Compare only counts of the same period "
        "and the same place (low–high):",
        "",
        f"- **2011**, {len(y11c.rows)} counts compiled by Columbia Law School in October 2012. "
        f"Everyone killed: {_counts(y11k)}"
        + (f" (every range includes {_range(*share)})" if share else "")
        + f". Civilians: {_counts(y11c)}"
        + ("" if y11c.overlap else " (no figure lies in all the ranges)")
        + ". The trackers roughly agree on *how many* died and disagree about *who* they "
        f"were. TBIJ's own database now gives {now11} civilians for 2011: vintages differ too.",
        f"- **2004–2018**, every strike. Civilians: {_counts(allc)}. Everyone killed: "
        f"{_counts(allk)}. The Long War Journal's figure comes via Wikipedia, which does not "
        "state its period or date.",
        f"- **{win.period}**. The US government (ODNI) counts "
        f"**{_range(odni['low'], odni['high'])} non-combatants** for *every* country outside "
        "'areas of active hostilities', not Pakistan alone; New America counts "
        f"{_range(naf['low'], naf['high'])} civilians in Pakistan alone in the same window. "
        f"TBIJ's calendar years 2009–2015 give {tbij_civ} civilians in {tbij['strikes']:,} "
        f"strikes (including {bush} strikes of January 2009, under "
        "President Bush).",
        "",
        f"For 2004–2018 the counts of civilians run from **{allc.lowest:,}** "
        f"({_short(lowest['tracker'])}) to **{allc.highest:,}** (TBIJ's upper bound). Two "
        "lessons. **Scope and vintage:** a government figure for several countries, a figure "
        "with no stated period and trackers that revise past years (an earlier TBIJ report, "
        "c. 2014, gave the range in claim P002-25) cannot be joined into one series. **What the "
        "ranges allow:** Yousaf & Ma's \"thousands of innocent people\" (P000-06) is above "
        "every tracker's upper bound, while \"civilian casualties\" (Majeed, P002-25) holds "
        "under all of them.",
    ]
    return lesson.markdown("\n".join(lines))


def _phase_drones(phase: str) -> str:
    """Return TBIJ's strikes and civilian bounds in the phase(s) of ``phase``, as a phrase."""
    from ..summaries import drone_strike_phase_totals

    tot = drone_strike_phase_totals()
    tot = tot[tot.index.isin(lesson.phases_of(phase))]
    if not len(tot):
        return f"no strikes recorded in the `{phase}` phase"
    return "; ".join(f"{p}: {int(r.strikes):,} strikes, {int(r.civilians_min):,}–"
                     f"{int(r.civilians_max):,} civilians" for p, r in tot.iterrows())


# --------------------------------------------------------------- model answers
def exercise1_answer(year: int = 2015) -> Markdown:
    """Return the model answer to exercise 1 for 2015 (definitions, same-definition, period)."""
    fat = _fat()
    y = fat[fat["period_start"].dt.year == year]
    whole = y[~y["partial_period"]]
    hi, lo = whole.loc[whole["total"].idxmax()], whole.loc[whole["total"].idxmin()]
    pips, picss = fat.loc["FAT026"], fat.loc["FAT029"]
    return lesson.markdown(
        f"**Model answer ({year}).** The full-year figures run from {lo['total']:,} "
        f"({lo['tracker']}, {lo['definition'].replace('_', ' ')}) to {hi['total']:,} "
        f"({hi['tracker']}, {hi['definition'].replace('_', ' ')}), "
        f"{hi['total'] / lo['total']:.1f}× apart.\n\n"
        "- *Definition* explains most of it. PIPS (terrorist attacks only) and PICSS (attacks "
        f"**and** security-force operations) almost agree on civilians ({pips['civilians']:,} "
        f"vs {picss['civilians']:,}) and security forces ({pips['security_forces']:,} vs "
        f"{picss['security_forces']:,}), but not on militants ({pips['militants']:,} vs "
        f"{picss['militants']:,}): the militants killed in army operations make the gap. CRSS "
        "adds political and criminal violence, so it is higher still.\n"
        "- *Same definition, same answer:* the US State Department's terrorist-attack count "
        f"({fat.loc['FAT045', 'total']:,}) is within a few deaths of PIPS's.\n"
        f"- *Period:* SATP's {fat.loc['FAT013', 'total']:,} covers only "
        f"{fat.loc['FAT013', 'period_label']} and must not be compared with full years.\n\n"
        "So there is no single 'right' number for 2015: there are right answers to different "
        "questions.")


def exercise2_answer() -> Markdown:
    """Return the model answer to exercise 2 (contrast X13, drone strikes), with every tracker."""
    ds = data.load("drone_strikes")
    allc = drone_comparison("2004–2018 (every strike)", "civilians")
    others = allc.rows[~allc.rows["tracker"].str.startswith("Bureau")]
    return lesson.markdown(
        "**Model answer (X13, drone strikes).** This is mostly a difference of *framing*: "
        "Yousaf & Ma frame drones as a killer of civilians, Khan as a breach of sovereignty. "
        "But Yousaf & Ma also make a *factual* claim that can be checked:\n\n"
        + lesson.claim_cards(["P000-06"]).data + "\n\n"
        f"The Bureau's per-strike database gives {ds['killed_min'].sum():,}–"
        f"{ds['killed_max'].sum():,} people killed in {ds['year'].min()}–{ds['year'].max()}, "
        f"of whom {ds['civilians_min'].sum():,}–{ds['civilians_max'].sum():,} civilians; the "
        "other trackers count fewer civilians for the same years ("
        + "; ".join(f"{_short(r.tracker)} {_range(r.low, r.high)}" for r in others.itertuples())
        + "). 'Thousands' is right for all deaths and too high for civilians under every "
        "tracker, even at the Bureau's upper bound. Khan's sovereignty framing makes no number "
        "claim, so the counts cannot refute it; what they cannot decide is whether strikes were "
        "*legitimate* or *worth it*, which is a judgement, not a count. On balance the evidence "
        "favours Khan's cautious framing over Yousaf & Ma's number, but notice that Khan is "
        "safe partly because Khan claims less.")
