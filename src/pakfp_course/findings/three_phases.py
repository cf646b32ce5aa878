"""Lesson 02, the three phases: the lesson's tables and conclusions, computed from the data.

The lesson tests Khan (2024)'s phases against US aid (CRS and the USAID Greenbook),
drone strikes (TBIJ beside the other trackers), the cost of the war and the events.
Two rules hold throughout: the FY2002–FY2007 CRS block is never split (the Greenbook
ranks its years), and a CSF figure CRS did not print is "not printed", never zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import data, explore, lesson, summaries
from ..errors import UnknownChoiceError

__all__ = [
    "BOUNDARY_EVENTS", "KEY_EVENTS", "THREADS", "TRACKER_WINDOWS", "BlockRanking",
    "TrackerWindow", "agreements_contrast", "aid_block_notes", "aid_peak_notes", "aid_per_year",
    "aid_per_year_table", "block_ranking", "civilian_count_verdict", "contrast_card",
    "cost_per_phase_table", "csf_share_answer", "csf_shares", "drone_phase_notes",
    "drones_by_president", "endgame_contrast", "key_events_table",
    "phase_threads", "phases_table", "relation", "tracker_comparison", "tracker_window",
]

NOT_PRINTED = "not printed"

#: Eight events per post-2001 phase, chosen by the course (all in ``events``).
KEY_EVENTS: dict[str, list[str]] = {
    "2001-2008": ["EV031", "EV032", "EV038", "EV039", "EV040", "EV044", "EV045", "EV046"],
    "2009-2016": ["EV049", "EV050", "EV052", "EV054", "EV055", "EV058", "EV061", "EV062"],
    "2017-present": ["EV063", "EV064", "EV065", "EV069", "EV070", "EV071", "EV073", "EV081"],
}

#: The events around Khan's two boundaries that section 6 of the lesson plots.
BOUNDARY_EVENTS: list[str] = ["EV045", "EV046", "EV105", "EV048", "EV049", "EV050",
                              "EV112", "EV114", "EV063", "EV064", "EV065"]


#: Four threads of the timeline that cross Khan's boundaries (the lesson tells their story).
THREADS: dict[str, tuple[str, ...]] = {
    "Washington and New Delhi": ("EV040", "EV105", "EV047", "EV112"),
    "The US–Pakistan tie itself: dialogue and rupture": ("EV102", "EV037", "EV108", "EV109",
                                                          "EV110"),
    "India and Pakistan: dialogue, then crisis": ("EV101", "EV103", "EV111", "EV113", "EV114"),
    "The war at home": ("EV044", "EV104", "EV106", "EV107", "EV059", "EV060"),
}

#: The periods in which ``drone_estimates`` holds comparable counts of civilians.
TRACKER_WINDOWS: tuple[tuple[int, int], ...] = ((2011, 2011), (2004, 2018), (2009, 2015))


# ------------------------------------------------------------------ helpers
def _events() -> pd.DataFrame:
    return data.load("events").set_index("event_id", drop=False)


def _days(a: str, b: str) -> int:
    events = _events()
    return int((events.loc[b, "date"] - events.loc[a, "date"]).days)


def _range(low: object, high: object) -> str:
    if pd.isna(low):
        return "—"
    low, high = int(low), int(high)
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def relation(low: float, high: float, ref_low: float, ref_high: float) -> str:
    """Return "wholly below", "wholly above" or "overlapping": a range against another."""
    if high < ref_low:
        return "wholly below"
    if low > ref_high:
        return "wholly above"
    return "overlapping"


def _lies(rel: str) -> str:
    return "overlaps" if rel == "overlapping" else f"lies {rel}"


def _appropriated() -> pd.DataFrame:
    aid = summaries.aid_crs_revised()
    return aid[aid["figure_status"] != "request"]


# ------------------------------------------------------------------ section 1
def phases_table() -> Markdown:
    """Return the course's summary of Khan's three phases (dataset ``phases``)."""
    phases = data.load("phases").set_index("phase_id")
    rows = []
    for pid in lesson.phases_of("all", post_2001=True):
        r = phases.loc[pid]
        end = "present" if pd.isna(r["end_year"]) else r["end_year"]
        rows.append(f"| **{r['name']}** | {r['start_year']}–{end} | {r['description']} |")
    return lesson.markdown("| phase | years | what characterises it (course summary) |\n"
                           "|---|---|---|\n" + "\n".join(rows))


def key_events_table(phase: str = "all") -> Markdown:
    """Return the eight key events of each phase side by side, marking the chosen phase."""
    lesson.phases_of(phase)  # checks the phase id
    events, names = _events(), data.load("phases").set_index("phase_id")["name"]
    head = [f"{p}: {names[p]}" + (" (your phase)" if phase == p else "") for p in KEY_EVENTS]
    cell = [[f"{explore.approximate_date(events.loc[i])} {events.loc[i, 'title']} ({i})"
             for i in ids] for ids in KEY_EVENTS.values()]
    rows = ["| " + " | ".join(col[i] if i < len(col) else "" for col in cell) + " |"
            for i in range(max(map(len, cell)))]
    return lesson.markdown("**Eight key events per phase** (chosen by the course; all in "
                           "`events`)\n\n| " + " | ".join(head) + " |\n"
                           + "|---" * len(head) + "|\n" + "\n".join(rows))


def phase_threads() -> Markdown:
    """Return the events of each thread (:data:`THREADS`), dated, in timeline order."""
    return lesson.markdown("\n\n".join(f"**{title}**\n\n" + lesson.event_list(ids).data
                                       for title, ids in THREADS.items()))


# ------------------------------------------------------------------ section 2: aid
@dataclass(frozen=True)
class BlockRanking:
    """What CRS and the Greenbook can say about the years inside the CRS block."""

    label: str
    fy_first: int
    fy_last: int
    total_usd_m: int
    csf_usd_m: int
    top_single: str
    top_single_usd_m: int
    greenbook: pd.DataFrame
    greenbook_top_year: int
    greenbook_top_usd_m: float
    greenbook_peak_year: int
    greenbook_peak_usd_m: float

    n_years = property(lambda self: self.fy_last - self.fy_first + 1, doc="Years in the block.")
    share_needed = property(lambda self: self.top_single_usd_m / self.total_usd_m,
                            doc="Share of the block one year needs to beat the top single year.")
    csf_share = property(lambda self: self.csf_usd_m / self.total_usd_m,
                         doc="Share of CSF (which the Greenbook leaves out) in the block.")


def block_ranking() -> BlockRanking:
    """Return the CRS block, the top single CRS year, and the Greenbook's years inside it.

    The Greenbook counts obligations (economic plus military, current US$) and leaves
    out CSF; it is the course's only source that ranks the years inside the block.
    """
    aid = _appropriated()
    block = aid[aid["fy_first"] < aid["fy_last"]].iloc[0]
    singles = aid[aid["fy_first"] == aid["fy_last"]].set_index("fy_label")
    top = singles["total_revised_usd_m"].idxmax()
    gb = data.load("aid_greenbook")
    gb = gb[(gb["recipient"] == "PAK") & (gb["fiscal_year"] >= block["fy_first"])].copy()
    gb["total_current_usd_m"] = gb["economic_current_usd_m"] + gb["military_current_usd_m"]
    inside = gb[gb["fiscal_year"] <= block["fy_last"]].reset_index(drop=True)
    top_in = inside.loc[inside["total_current_usd_m"].idxmax()]
    peak = gb.loc[gb["total_current_usd_m"].idxmax()]
    return BlockRanking(
        str(block["fy_label"]), int(block["fy_first"]), int(block["fy_last"]),
        int(block["total_usd_m"]), int(block["csf_usd_m"]), str(top),
        int(singles.loc[top, "total_revised_usd_m"]),
        inside[["fiscal_year", "economic_current_usd_m", "military_current_usd_m",
                "total_current_usd_m"]],
        int(top_in["fiscal_year"]), float(top_in["total_current_usd_m"]),
        int(peak["fiscal_year"]), float(peak["total_current_usd_m"]))


def aid_block_notes() -> Markdown:
    """Return 'Reading the chart': the block, what CRS cannot rank, who can, the FY2013 revision."""
    b = block_ranking()
    aid = summaries.aid_crs_revised()
    rev = aid[aid["csf_derived"].fillna(False)].iloc[0]
    return lesson.markdown(f'''**Reading the chart: the first bar is one figure for several years.**

- **One block, not {b.n_years} years.** CRS prints {b.label} as a single total of
  {lesson.usd_m(b.total_usd_m)}. The chart spreads it over {b.n_years} years at its annual
  average ({lesson.usd_m(b.total_usd_m / b.n_years)} a year). No single year necessarily
  received that amount. The table does not split the total by year, and the course does not
  invent a split.
- **What CRS cannot tell us.** The highest year that CRS prints on its own is {b.top_single}
  ({lesson.usd_m(b.top_single_usd_m)}). A year inside the block would beat it if it held at
  least {b.share_needed:.0%} of the block's total. That is arithmetically possible, so the CRS
  tables alone **cannot rank the years inside the block**.
- **Which source can.** USAID's Greenbook (`aid_greenbook`) lists obligations year by year,
  FY{b.fy_first} to FY{b.fy_last} included, but without CSF, which make up {b.csf_share:.0%} of
  the CRS block. In it the highest year inside the block is **FY{b.greenbook_top_year}**
  ({lesson.usd_m(b.greenbook_top_usd_m)} of economic and military obligations). Section 7 uses it.
- **A revised figure.** For {rev['fy_label']} CRS first printed CSF of
  {lesson.usd_m(rev['csf_usd_m'])} as an estimate. A later CRS table implies
  {lesson.usd_m(rev['csf_revised_usd_m'])} (derived in code by `summaries.aid_crs_revised()`).
  The chart (cross-hatched) and the totals below use the revised figure.
''')


def aid_per_year() -> pd.DataFrame:
    """Return aid per phase and per fiscal year, with and without CSF (US$ millions).

    Columns: ``fiscal_years`` (count), ``total_usd_m`` (CSF included where printed),
    ``excl_csf_usd_m``, ``per_year_incl_csf`` (missing where CRS printed no CSF for
    the phase), ``per_year_excl_csf`` and ``csf_not_printed`` (the labels).
    """
    aid = _appropriated()
    n_years = (aid["fy_last"] - aid["fy_first"] + 1).groupby(aid["phase"]).sum()
    totals = summaries.aid_phase_totals()
    excl = summaries.aid_phase_totals(include_csf=False)["total_usd_m"]
    out = pd.DataFrame({"fiscal_years": n_years.reindex(totals.index).astype(int),
                        "total_usd_m": totals["total_usd_m"].astype(float),
                        "excl_csf_usd_m": excl.astype(float)})
    out["per_year_incl_csf"] = (out["total_usd_m"] / out["fiscal_years"]).where(
        totals["csf_usd_m"].notna())
    out["per_year_excl_csf"] = out["excl_csf_usd_m"] / out["fiscal_years"]
    out["csf_not_printed"] = totals["csf_not_printed"]
    return out


def aid_per_year_table() -> Markdown:
    """Return the per-year comparison of the phases, saying where CSF was not printed."""
    t = aid_per_year()
    first = t.index[0]
    rows = []
    for p, r in t.iterrows():
        missing = f" (no CSF printed for {r['csf_not_printed']})" if r["csf_not_printed"] else ""
        incl = (NOT_PRINTED if pd.isna(r["per_year_incl_csf"])
                else lesson.usd_m(r["per_year_incl_csf"]))
        rows.append(f"| {p} | {r['fiscal_years']} | {lesson.usd_bn(r['total_usd_m'])}{missing} | "
                    f"{incl} | {lesson.usd_m(r['per_year_excl_csf'])} |")
    incl, excl = t["per_year_incl_csf"].dropna(), t["per_year_excl_csf"]
    most, most_excl = incl.idxmax(), excl.idxmax()
    late = t[t["per_year_incl_csf"].isna()]
    late_text = "".join(
        f" For {p} CRS printed no CSF figure ({r['csf_not_printed']}), so only the aid "
        f"without CSF compares: {lesson.usd_m(r['per_year_excl_csf'])} a year, "
        f"{r['per_year_excl_csf'] / excl[first]:.0%} of the yearly average of {first}."
        for p, r in late.iterrows())
    fy_end = int(_appropriated()["fy_last"].max())
    return lesson.markdown(
        "| phase | fiscal years with figures | total, incl. CSF where printed | per year, incl. "
        "CSF | per year, excl. CSF |\n|---|---|---|---|---|\n" + "\n".join(rows)
        + f"\n\nThe phases cover different numbers of fiscal years, so compare **per year**. "
        f"Including CSF (where CRS printed it), **{most}** received the most, "
        f"{incl[most] / incl[first]:.1f} times the yearly average of {first}; excluding CSF, "
        f"**{most_excl}** received the most, {excl[most_excl] / excl[first]:.1f} times."
        f"{late_text} The CRS tables in the course end with FY{fy_end}, so '2017–present' is "
        "covered by its first years only.")


# ------------------------------------------------------------------ section 3: drones
def drone_phase_notes() -> Markdown:
    """Return what TBIJ's yearly series shows about the 2009 boundary and the Obama years."""
    drones = data.load("drone_strikes")
    totals = summaries.drone_strike_phase_totals()
    busiest = drones.loc[drones["strikes"].idxmax()]
    bush_only = drones[(drones["strikes_bush"] > 0) & (drones["strikes_obama"] == 0)]
    last_bush, year_before = bush_only.iloc[-1], bush_only.iloc[-2]
    handover = drones[(drones["strikes_bush"] > 0) & (drones["strikes_obama"] > 0)].iloc[0]
    mid = totals.loc["2009-2016"]
    share = mid["strikes"] / totals["strikes"].sum()
    return lesson.markdown(f'''
- Of the {totals['strikes'].sum():,} strikes in TBIJ's database
  ({drones['year'].min()}–{drones['year'].max()}), **{mid['strikes']:,} ({share:.0%}) fall in
  2009–2016**. The busiest year was {busiest['year']}, with {busiest['strikes']} strikes.
- The rise began *before* the boundary: {last_bush['year']} has {last_bush['strikes']} strikes,
  against {year_before['strikes']} in {year_before['year']}, all under President Bush.
- The boundary almost coincides with a change of president: for {handover['year']} the Bureau
  credits {handover['strikes_bush']} strikes to Bush and {handover['strikes_obama']} to Obama.
- People killed in 2009–2016, by TBIJ's count: {mid['killed_min']:,} to {mid['killed_max']:,},
  of whom civilians {mid['civilians_min']:,} to {mid['civilians_max']:,} (bounds, not
  estimates). Other trackers count differently: see them side by side below before you
  quote any of these.
''')


@dataclass(frozen=True)
class TrackerWindow:
    """The trackers' counts for one period, and how they compare with TBIJ's."""

    first_year: int
    last_year: int
    rows: pd.DataFrame
    reference: pd.Series


def _tbij_row(first: int, last: int) -> dict:
    d = data.load("drone_strikes")
    d = d[d["year"].between(first, last)]
    bush = int(d.loc[d["year"] == first, "strikes_bush"].sum()) if first >= 2009 else 0
    period = f"calendar years {first}–{last}" if first != last else f"calendar year {first}"
    return {"estimate_id": "drone_strikes", "tracker": "Bureau of Investigative Journalism",
            "scope": "Pakistan", "pakistan_only": True,
            "period": period + (f" (includes {bush} strikes under Bush)" if bush else ""),
            "as_of": "current yearly series", "killed_low": d["killed_min"].sum(),
            "killed_high": d["killed_max"].sum(), "civilians_low": d["civilians_min"].sum(),
            "civilians_high": d["civilians_max"].sum(), "note": ""}


def tracker_window(first_year: int, last_year: int) -> TrackerWindow:
    """Return the civilian counts published for one period, compared with TBIJ's.

    Rows of ``drone_estimates`` with exactly these first and last years and a civilian
    count, plus TBIJ's yearly series summed over the same years when it differs from
    every TBIJ row there. The reference is the window's TBIJ row, else that sum.
    """
    est = data.load("drone_estimates")
    rows = est[(est["first_year"] == first_year) & (est["last_year"] == last_year)
               & est["civilians_low"].notna()]
    if rows.empty:
        raise UnknownChoiceError("tracker window", f"{first_year}-{last_year}",
                                 [f"{a}-{b}" for a, b in TRACKER_WINDOWS])
    series = _tbij_row(first_year, last_year)
    tbij = rows[rows["tracker"].str.contains("Investigative")]
    same = ((tbij["civilians_low"] == series["civilians_low"])
            & (tbij["civilians_high"] == series["civilians_high"])).any()
    if same:  # say that the TBIJ row is the total of the yearly series
        rows = rows.copy()
        match = rows["tracker"].str.contains("Investigative")
        rows.loc[match, "as_of"] = "the totals of the current yearly series (drone_strikes)"
        tbij = rows[match]
    else:
        rows = pd.concat([rows, pd.DataFrame([series])], ignore_index=True)
    ref = tbij.iloc[0] if not tbij.empty else rows.iloc[-1]
    return TrackerWindow(first_year, last_year, rows.reset_index(drop=True), ref)


def _window_table(w: TrackerWindow) -> str:
    period = (str(w.first_year) if w.first_year == w.last_year
              else f"{w.first_year}–{w.last_year}")
    lines = [f"**{period}**, compared with TBIJ's `{w.reference['estimate_id']}`:", "",
             "| tracker | Pakistan only? | period | vintage | civilians | all killed | id |",
             "|---|---|---|---|---|---|---|"]
    for _, r in w.rows.iterrows():
        lines.append(f"| {r['tracker']} | {'yes' if r['pakistan_only'] else 'no'} | {r['period']} "
                     f"| {r['as_of']} | {_range(r['civilians_low'], r['civilians_high'])} | "
                     f"{_range(r['killed_low'], r['killed_high'])} | {r['estimate_id']} |")
    return "\n".join(lines)


def _rel(row: pd.Series, ref: pd.Series) -> str:
    return relation(row["civilians_low"], row["civilians_high"], ref["civilians_low"],
                    ref["civilians_high"])


def _both(a: pd.Series, b: pd.Series, ref: pd.Series) -> str:
    rel = {_rel(a, ref), _rel(b, ref)}
    return (("overlap" if "overlapping" in rel else f"lie {rel.pop()}") if len(rel) == 1
            else f"{_lies(_rel(a, ref))} and {_lies(_rel(b, ref))} (respectively)")


def civilian_count_verdict() -> str:
    """Word, from the data, whether 'other trackers count fewer civilians' than TBIJ."""
    w2011, wall, wobama = (tracker_window(a, b) for a, b in TRACKER_WINDOWS)
    est = data.load("drone_estimates")

    def by(w: TrackerWindow, word: str) -> pd.Series:
        return w.rows[w.rows["tracker"].str.startswith(word)].iloc[0]

    def civ(r: pd.Series) -> str:
        return _range(r["civilians_low"], r["civilians_high"])

    na, lwj, ref = by(wall, "New America"), by(wall, "Long War"), wall.reference
    na11, lwj11, ref11 = by(w2011, "New America"), by(w2011, "Long War"), w2011.reference
    col = by(w2011, "Columbia")
    na_o, dni = by(wobama, "New America"), by(wobama, "US government")
    killed = relation(na["killed_low"], na["killed_high"], ref["killed_low"], ref["killed_high"])
    lwj_vs_na = _rel(lwj, na)
    no_lwj_killed = est[est["tracker"].str.startswith("Long War")]["killed_low"].isna().all()
    who = (" **The trackers disagree more about who was killed than about how many.**"
           if killed == "overlapping" and _rel(na, ref) != "overlapping" else "")
    return (
        f"Over {wall.first_year}–{wall.last_year}, New America's count of civilians ({civ(na)}) "
        f"{_lies(_rel(na, ref))} TBIJ's ({civ(ref)}), and the Long War Journal's single figure "
        f"({civ(lwj)}) {_lies(lwj_vs_na)} New America's. For everyone killed, New America's "
        f"{_range(na['killed_low'], na['killed_high'])} and TBIJ's "
        f"{_range(ref['killed_low'], ref['killed_high'])} "
        + ("overlap." if killed == "overlapping" else f"do not overlap ({killed}).") + who
        + (" (The data hold no Long War Journal count of all deaths.)" if no_lwj_killed else "")
        + f" For {w2011.first_year}, New America ({civ(na11)}) and the Long War Journal "
        f"({civ(lwj11)}) counted civilians in ranges that {_both(na11, lwj11, ref11)} TBIJ's "
        f"({civ(ref11)}), but Columbia's independent recount ({civ(col)}) "
        f"{_lies(_rel(col, ref11))} TBIJ's. For {wobama.first_year}–{wobama.last_year}, the US "
        f"government's count of non-combatants ({civ(dni)}) {_lies(_rel(dni, na_o))} New "
        f"America's for Pakistan alone ({civ(na_o)})"
        + (", although the government's covers other countries too." if not dni["pakistan_only"]
           else ".")
        + " So \"other trackers count fewer civilians\" holds for some trackers and periods, "
        "not for all: quote a range, and name the tracker, its period, its scope and its vintage.")


def tracker_comparison() -> Markdown:
    """Return the trackers side by side for each comparable period, and the verdict."""
    parts = []
    for first, last in TRACKER_WINDOWS:
        w = tracker_window(first, last)
        revised = [f"*Note on {r['estimate_id']}, as recorded with the data:* {r['note']}."
                   for _, r in w.rows.iterrows()
                   if isinstance(r["note"], str) and "revised" in r["note"]]
        parts.append(_window_table(w)
                     + ("\n\n" + "\n\n".join(revised) if revised else ""))
    return lesson.markdown("\n\n".join(parts) + "\n\n**What this means.** "
                           + civilian_count_verdict())


# ------------------------------------------------------------------ section 4: cost
def cost_per_phase_table() -> Markdown:
    """Return the Economic Survey's cost of the war per phase and per fiscal year."""
    cost = data.load("cost_of_war")
    totals = summaries.cost_of_war_phase_totals()
    full = cost[~cost["partial_period"].astype(bool)]
    peak = full.loc[full["cost_usd_bn"].idxmax()]
    total = cost["cost_usd_bn"].sum()
    n_fy = totals["fiscal_years"].str.count(",") + 1
    rows = [f"| {p} | {n_fy[p]} | US$ {r['cost_usd_bn']:,.2f} bn | "
            f"US$ {r['cost_usd_bn'] / n_fy[p]:,.2f} bn"
            + (" (last year partial)" if r["partial"] else "") + " |"
            for p, r in totals.iterrows()]
    return lesson.markdown(
        "| phase | Pakistani fiscal years | estimated cost | per fiscal year |\n"
        "|---|---|---|---|\n" + "\n".join(rows)
        + f"\n\nThe Survey's estimates add up to **US$ {total:,.2f} bn** "
        f"({cost['fiscal_year'].iloc[0]} to {cost['fiscal_year'].iloc[-1]}, the last year "
        f"partial). The peak is {peak['fiscal_year']} (US$ {peak['cost_usd_bn']:,.2f} bn), and "
        f"{totals.loc['2009-2016', 'cost_usd_bn'] / total:.0%} of the total falls in 2009–2016. "
        f"Note that {totals.loc['2009-2016', 'fiscal_years'].split(', ')[0]} (July to June) "
        "counts in 2009–2016 because it ends in 2009.")


# ------------------------------------------------------------------ section 7: claims
def aid_peak_notes() -> Markdown:
    """Return the test of P003-14/P003-15: where the money peaked, by CRS and the Greenbook."""
    aid = _appropriated()
    singles = aid[aid["fy_first"] == aid["fy_last"]].set_index("fy_label")
    ranked = singles.sort_values("total_revised_usd_m", ascending=False)
    peak_label, peak = ranked.index[0], ranked.iloc[0]
    last_p1 = singles[singles["phase"] == "2001-2008"].iloc[-1]
    top3 = ", ".join(f"{lab} ({lesson.usd_m(v)}, {singles.loc[lab, 'phase']})"
                     for lab, v in ranked["total_revised_usd_m"].head(3).items())
    t = aid_per_year()
    econ = (summaries.aid_phase_totals()["economic_usd_m"] / t["fiscal_years"]).astype(float)
    b = block_ranking()
    return lesson.markdown(f'''**P003-14 and P003-15: where was the "peak"?**
If 2001–2008 was the peak of relations, the money should show it. It does not.

- **The peak year.** Of the years CRS prints one by one, the highest is **{peak_label}**:
  {lesson.usd_m(peak['total_revised_usd_m'])} (security {lesson.usd_m(peak['security_usd_m'])},
  economic {lesson.usd_m(peak['economic_usd_m'])}, CSF {lesson.usd_m(peak['csf_revised_usd_m'])}).
  It falls in **{peak['phase']}**, the phase Khan calls "diverging interests".
- **The top three years** are {top3}.
- **Against the end of the first phase.** {last_p1.name}, the last year of 2001–2008, had
  {lesson.usd_m(last_p1['total_revised_usd_m'])}; the peak was
  {peak['total_revised_usd_m'] / last_p1['total_revised_usd_m']:.1f} times as much.
- **Civilian aid.** Economic-related appropriations averaged {lesson.usd_m(econ['2001-2008'])}
  a year in 2001–2008 and {lesson.usd_m(econ['2009-2016'])} a year in 2009–2016, the
  years of the Kerry-Lugar-Berman Act (EV050).
- **The years inside the block.** CRS cannot rank FY{b.fy_first}–FY{b.fy_last}; USAID's
  Greenbook can, year by year, though it counts obligations (not appropriations), rounds its
  values and leaves out CSF. Its highest year inside the block is FY{b.greenbook_top_year}
  ({lesson.usd_m(b.greenbook_top_usd_m)}, current US$), and its economic plus military total
  for Pakistan peaks in **FY{b.greenbook_peak_year}** ({lesson.usd_m(b.greenbook_peak_usd_m)}),
  {b.greenbook_peak_usd_m / b.greenbook_top_usd_m:.1f} times as much. So the second source agrees
  on the peak for the aid it counts. Neither source gives CSF year by year inside the block, so
  for CSF the question stays open.
''')


def drones_by_president() -> Markdown:
    """Return the share of TBIJ's strikes under each president (P003-17)."""
    drones = data.load("drone_strikes")
    busiest = drones.loc[drones["strikes"].idxmax()]
    n = drones[["strikes_bush", "strikes_obama", "strikes_trump"]].sum()
    return lesson.markdown(
        f"In the TBIJ database, **{n['strikes_obama'] / n.sum():.0%}** of all US drone strikes "
        f"in Pakistan came under Obama ({n['strikes_obama']:,} of {n.sum():,}; Bush "
        f"{n['strikes_bush']:,}, Trump {n['strikes_trump']:,}). The busiest year, "
        f"{busiest['year']}, had {busiest['strikes']} strikes. Compare this with the 2010 count "
        "quoted in the P003-17 evidence above, taken from an earlier TBIJ report: trackers revise "
        "their counts as they learn more, so always say *which* count you use.")


# ------------------------------------------------------------------ section 8: contrasts
def contrast_card(contrast_id: str, claims: Sequence[str] = (), events: Iterable[str] = (),
                  intro: str = "") -> Markdown:
    """Return a contrast of the ``contrasts`` dataset with the course's evidence on it.

    Both positions and the note, then each claim's verdict and the dated events; it
    ends by naming, from the verdicts, the paper that errs (a claim contradicted).
    """
    table = data.load("contrasts").set_index("contrast_id")
    if contrast_id not in table.index:
        raise UnknownChoiceError("contrast id", contrast_id, list(table.index))
    x = table.loc[contrast_id]
    cards = data.load("claims").set_index("claim_id").loc[list(claims)]
    text = (f"**Contrast {contrast_id}: {x['topic']}**\n\n| paper | position |\n|---|---|\n"
            f"| {x['paper_a']} §{x['sections_a']} | {x['position_a']} |\n"
            f"| {x['paper_b']} §{x['sections_b']} | {x['position_b']} |\n"
            f"| the third paper, and the evidence | {x['note']} |")
    if intro:
        text += f"\n\n{intro}"
    if claims:
        text += "\n\n**The claims, checked** (`claims`):\n\n" + "\n".join(
            f"- **{c}** ({cards.loc[c, 'paper_id']}): \"{cards.loc[c, 'quote']}\" Verdict: "
            f"**{cards.loc[c, 'verdict'].replace('_', ' ')}**. {cards.loc[c, 'evidence_note']}"
            for c in claims)
    events = list(events)
    if events:
        text += "\n\n**The events** (`events`):\n\n" + lesson.event_list(events).data
    wrong = [c for c in claims if cards.loc[c, "verdict"] == "contradicted"]
    if wrong:
        text += "\n\n**Where a paper errs:** " + "; ".join(
            f"{cards.loc[c, 'paper_id']} ({c}: {cards.loc[c, 'claim']})" for c in wrong) + "."
    elif claims:
        text += ("\n\n**No claim tested here is contradicted:** the papers differ in what they "
                 "stress and leave out, not on the facts.")
    return lesson.markdown(text)


def agreements_contrast() -> Markdown:
    """Return contrast X12 (formal agreements): Majeed et al.'s 2003 agreement was not found."""
    e = data.load("events")
    n2003 = int((e["actors"].str.contains("USA") & e["actors"].str.contains("PAK")
                 & (e["date"].dt.year == 2003)).sum())
    ids = ["EV037", "EV038", "EV039", "EV050", "EV108"]
    listed = e.set_index("event_id").loc[ids]
    treaties = listed[listed["title"].str.contains("Treaty")]
    partners = ", ".join(f"{i}, {r['title']} ({r['actors'].replace(';', '–')})"
                         for i, r in treaties.iterrows())
    count = {0: "none", 1: "only one"}.get(len(treaties), str(len(treaties)))
    return contrast_card(
        "X12", ["P002-23", "P000-12"], ids,
        intro=(f"The course timeline holds **{n2003}** US–Pakistan events dated 2003, so "
               "nothing in it marks a formal high point that year. The formal US–Pakistan "
               "instruments it does hold are a designation (major non-NATO ally, EV037, EV038), "
               "an aid law (EV050) and a dialogue raised to ministerial level (EV108); the "
               "2006 joint statement is in the evidence for P002-23. Of the events listed, "
               f"{count} {'is a treaty' if len(treaties) == 1 else 'are treaties'}: "
               f"{partners}."))


def endgame_contrast() -> Markdown:
    """Return contrast X14 (the Afghan endgame) with its claims and events."""
    months = round(_days("EV071", "EV073") / 30.44)
    return contrast_card(
        "X14", ["P003-21", "P003-22", "P002-04"], ["EV069", "EV070", "EV071", "EV073", "EV084"],
        intro=("P003-22 is rated supported for the fact of the withdrawal; \"continued "
               "relevance\" is Khan's reading of it, and the events after it can test that "
               f"reading. {months} months after the last US flight left Kabul, Washington "
               "notified its first major security assistance to Pakistan since 2018 (EV073): "
               "some relevance remained. Pakistan's border clashes with the Taliban government "
               "(EV084) fit Yousaf & Ma's picture of Afghanistan as a source of insecurity. "
               "Both readings find support in the later events."))


# ------------------------------------------------------------------ exercise 1
def csf_shares() -> pd.DataFrame:
    """Return each phase's CSF share (FY2013 revised and as printed) and economic share.

    Missing (``NaN``) where CRS printed no CSF figure for the phase: the CSF share is
    unknown, and an economic share of a total without CSF would not compare.
    """
    totals = summaries.aid_phase_totals()
    printed = summaries.aid_phase_totals(revised_csf=False)
    known = totals["csf_usd_m"].notna()
    return pd.DataFrame({
        "CSF share (FY2013 revised)": totals["csf_usd_m"] / totals["total_usd_m"],
        "CSF share (FY2013 as printed)": printed["csf_usd_m"] / printed["total_usd_m"],
        "economic share (revised)": (totals["economic_usd_m"] / totals["total_usd_m"]
                                     ).where(known),
    }).astype(float)


def csf_share_answer() -> Markdown:
    """Return the model answer to exercise 1, with 'not printed' where CRS printed no CSF."""
    share = csf_shares()
    missing = summaries.aid_phase_totals()["csf_not_printed"]
    first, second = share.iloc[0], share.iloc[1]
    shown = share.map(lambda v: NOT_PRINTED if pd.isna(v) else f"{v:.0%}").reset_index()
    table = lesson.md_table(shown).data
    late = [f"For {p} CRS printed no CSF figure ({missing[p]}), so its shares are \"not "
            "printed\", not 0 %: the data cannot say how much was reimbursement, and an "
            "economic share of a total without CSF would not compare with the other phases."
            for p in share.index if pd.isna(share.loc[p].iloc[0])]
    return lesson.markdown(table + f'''

1. CSF reimbursements made up **{first.iloc[0]:.0%}** of appropriations in {share.index[0]},
   against {second.iloc[0]:.0%} in {share.index[1]}. The first phase's "aid" was the most
   reimbursement-heavy: much of it paid Pakistan for services to the US campaign.
2. Only {share.index[1]} changes ({second.iloc[1]:.0%} with the printed figure), because FY2013 is
   in that phase. The revision adds CSF that CRS first printed only as an estimate.
3. Yes. Take out the reimbursements and the first phase shrinks much more than the second. Its
   economic share was {first.iloc[2]:.0%}, against {second.iloc[2]:.0%} in the Kerry-Lugar-Berman
   years (EV050). The "peak" of alignment paid Pakistan mostly for services rendered.
   {" ".join(late)}
''')
