"""What lesson 04 concludes from the data: the double game and the war at home.

Every function computes its numbers from ``course_data`` when called and words
them for the lesson ``04_double_game``; nothing here is typed from memory. The
events of the war at home are the course's selection in
:data:`pakfp_course.explore.WAR_AT_HOME`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import data, explore, summaries
from ..lesson import markdown, phases_of, usd_bn
from ..phases import phase_for_date, phase_years

__all__ = [
    "SCHOLARS",
    "TURNING_POINTS",
    "DeathCounts",
    "before_and_after",
    "before_and_after_table",
    "contrast_cards",
    "death_counts",
    "drone_counts_compared",
    "drone_record",
    "explorer_years",
    "khan_domestic_repercussions",
    "majeed_post_911",
    "operations_model_answer",
    "phase_focus",
    "satp_trend",
    "scholars_table",
    "seventy_thousand_answer",
    "war_at_home",
]

#: The events whose years :func:`before_and_after` looks around: the 2009 operations
#: in Swat and South Waziristan, and Zarb-e-Azb and the school attack of 2014.
TURNING_POINTS: tuple[str, ...] = ("EV106", "EV107", "EV059", "EV060")


def _span(low: float, high: float) -> str:
    return f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"


def _full_years() -> pd.DataFrame:
    """Full-year fatality figures with a total, the newest vintage of each year."""
    fat = data.load("fatalities")
    days = (fat["period_end"] - fat["period_start"]).dt.days
    full = fat[~fat["partial_period"].astype(bool) & (days <= 366) & fat["total"].notna()]
    full = full.assign(year=full["period_start"].dt.year).sort_values("as_of")
    return full.drop_duplicates(["tracker", "definition", "year"], keep="last")


# ----------------------------------------------------------------- phases
def phase_focus(phase: str) -> Markdown:
    """Return what the chosen phase(s) hold of the war at home: events, deaths, drones."""
    events = explore.war_at_home_events()
    full = _full_years()
    drones = data.load("drone_strikes")
    lines = []
    for phase_id in phases_of(phase):
        mine = events[events["phase"] == phase_id]
        if phase_id == "cold-war":
            first = events.iloc[0]
            lines.append(
                f"- **{phase_id}** ({phase_years(phase_id)}): none of the war at home falls "
                f"here. Its first event in the course timeline is the {first['title']} "
                f"({first['date_label']}, {first['event_id']}), and the first figure in the "
                f"fatalities data is for {int(full['year'].min())}."
                + (" Lesson 01 covers this phase; the rest of this lesson shows every phase."
                   if phase == "cold-war" else ""))
            continue
        figs = full[full["year"].map(_phase_of_year) == phase_id]
        strikes = drones[drones["year"].map(_phase_of_year) == phase_id]
        deaths = (f"{len(figs)} full-year fatality figures from {figs['tracker'].nunique()} "
                  f"trackers, from {figs['total'].min():,} to {figs['total'].max():,} deaths a "
                  "year (counting different things)"
                  if len(figs) else "no full-year fatality figures")
        drone_text = (f"{int(strikes['strikes'].sum()):,} US drone strikes (TBIJ)"
                      if len(strikes) else "no US drone strikes in the TBIJ data")
        names = ", ".join(f"{r.label} ({r.date_label})" for r in mine.itertuples())
        lines.append(f"- **{phase_id}**: {len(mine)} events of the war at home "
                      f"({names or 'none'}); {deaths}; {drone_text}.")
    return markdown("\n".join(lines))


def _phase_of_year(year: int) -> str | None:
    """Return the phase of a calendar year (its 1 July, so a year is never split)."""
    return phase_for_date(f"{int(year)}-07-01")


# -------------------------------------------------------------- the war
def war_at_home(phase: str = "all") -> Markdown:
    """Return the dated events of the war at home in the chosen phase(s), with intervals."""
    events = explore.war_at_home_events()
    chosen = events[events["phase"].isin(phases_of(phase))]
    note = ""
    if chosen.empty:
        chosen, note = events, (f"No event of the war at home falls in the `{phase}` phase; "
                                "here is the whole list.\n\n")
    lines = [f"- **{r.event_id}** ({explore.approximate_date(pd.Series(r._asdict()))}) "
             f"*{explore.MILITANCY_KINDS[r.kind]}*: **{r.title}**. {r.description}"
             for r in chosen.itertuples()]
    ev = events.set_index("event_id")

    def days(a: str, b: str) -> int:
        return int((ev.loc[b, "date"] - ev.loc[a, "date"]).days)

    gaps = (
        f"\n\nThe turning points of the whole war, in days: from the TTP's announcement to the "
        f"order to clear Swat, **{days('EV104', 'EV106')} days** (about "
        f"{days('EV104', 'EV106') / 30.44:.0f} months); from the Swat order to "
        f"the ground offensive in South Waziristan, **{days('EV106', 'EV107')} days**; from the "
        f"launch of Zarb-e-Azb to the school attack in Peshawar, **{days('EV059', 'EV060')} "
        "days**.")
    return markdown(note + "\n".join(lines) + gaps)


def before_and_after(event_ids: tuple[str, ...] = TURNING_POINTS) -> pd.DataFrame:
    """Return each tracker's figures for the year before, the year of and the year after.

    Only a series by one tracker with one definition is compared with itself, and
    only where at least two of the three years have a full-year figure (newest
    vintage). Columns: ``year``, ``events``, ``tracker``, ``definition``,
    ``before``, ``during``, ``after`` (``<NA>`` where the tracker printed nothing).
    """
    events = data.load("events").set_index("event_id").loc[list(event_ids)]
    full = _full_years()
    rows = []
    for year, group in events.groupby(events["date"].dt.year, sort=True):
        for (tracker, definition), g in full.groupby(["tracker", "definition"], sort=False):
            s = g.set_index("year")["total"]
            values = [s.get(year + k, pd.NA) for k in (-1, 0, 1)]
            if sum(not pd.isna(v) for v in values) >= 2:
                rows.append({"year": int(year), "events": ", ".join(group.index),
                             "tracker": tracker, "definition": definition,
                             "before": values[0], "during": values[1], "after": values[2]})
    out = pd.DataFrame(rows, columns=["year", "events", "tracker", "definition", "before",
                                      "during", "after"])
    for col in ("before", "during", "after"):
        out[col] = out[col].astype("Int64")
    return out


def before_and_after_table() -> Markdown:
    """Return :func:`before_and_after` as a table a student reads, with what it shows."""
    t = before_and_after()
    labels = {e: label for e, (_, label) in explore.WAR_AT_HOME.items()}

    def cell(v: object) -> str:
        return "—" if pd.isna(v) else f"{int(v):,}"

    rows = "\n".join(
        f"| {r.year}: {', '.join(labels[e] for e in r.events.split(', '))} | {r.tracker} "
        f"({explore.definition_words(r.definition)}) | {cell(r.before)} | {cell(r.during)} "
        f"| {cell(r.after)} |" for r in t.itertuples())
    years = sorted(set(t["year"]))
    return markdown(
        "| year and events | tracker (what it counts) | year before | that year | year after "
        "|\n|---|---|---|---|---|\n" + rows
        + f"\n\nOnly {len(t)} series (one tracker, one definition) have full-year figures "
        f"for at least two of the three years around {' and '.join(map(str, years))}, and "
        "none covers all three years both times. A dash means the tracker printed no "
        "full-year figure for that year.")


# ----------------------------------------------------------------- deaths
@dataclass(frozen=True)
class DeathCounts:
    """The death tolls that Khan's "over 70,000" is set against."""

    cow_low: int
    cow_high: int
    cow_militants: int
    cow_period: str
    cow_later: tuple[tuple[str, int], ...]
    satp_total: int
    satp_militants: int
    satp_period: str
    khan: int

    @property
    def cow_not_militants(self) -> tuple[int, int]:
        """Costs of War deaths other than insurgents and militants (low, high)."""
        return self.cow_low - self.cow_militants, self.cow_high - self.cow_militants

    @property
    def satp_not_militants(self) -> int:
        """SATP's cumulative count minus the militants in it."""
        return self.satp_total - self.satp_militants


def death_counts() -> DeathCounts:
    """Return the tolls in ``war_deaths``, SATP's cumulative count and Khan's figure."""
    wd = data.load("war_deaths")
    table = wd[wd["period_label"] == wd.loc[wd["is_total"], "period_label"].iloc[0]]
    total = table[table["is_total"]].iloc[0]
    militants = table[table["category"].str.startswith("Insurgents")].iloc[0]
    later = wd[wd["is_total"] & (wd["period_label"] != total["period_label"])]
    fat = data.load("fatalities")
    days = (fat["period_end"] - fat["period_start"]).dt.days
    cum = fat[(days > 366) & fat["militants"].notna()].iloc[0]
    khan = data.load("paper_figures").query("claim_id == 'P003-09'")["value"].iloc[0]
    return DeathCounts(int(total["deaths_low"]), int(total["deaths_high"]),
                       int(militants["deaths_low"]), str(total["period_label"]),
                       tuple((str(r.period_label), int(r.deaths_low)) for r in
                             later.itertuples()),
                       int(cum["total"]), int(cum["militants"]), str(cum["period_label"]),
                       int(khan))


def seventy_thousand_answer() -> Markdown:
    """Return the model answer to Exercise 1: Khan's "over 70,000 lives" against the data."""
    c = death_counts()
    low, high = c.cow_not_militants
    later = "; ".join(f"about {n:,} for {p}" for p, n in c.cow_later)
    return markdown(
        f"**Model answer.** No count in the data reaches {c.khan:,} deaths in *terrorist "
        "attacks*.\n\n"
        f"- Costs of War, {c.cow_period}: {c.cow_low:,}–{c.cow_high:,} direct war deaths, of "
        f"whom {c.cow_militants:,} insurgents and militants. Everyone else (civilians, "
        f"soldiers and police, contractors, journalists, aid workers): **{low:,}–{high:,}**.\n"
        f"- Its later headline totals ({later}) still include militants killed by the army.\n"
        f"- SATP, {c.satp_period}: {c.satp_total:,} deaths, of whom {c.satp_militants:,} "
        f"militants (**{c.satp_militants / c.satp_total:.0%}**), which leaves "
        f"**{c.satp_not_militants:,}** civilians and security forces.\n\n"
        "So the right size of Khan's number is the toll of the *whole war*, militants "
        "included, and even that only at the upper end of the estimates; the victims of "
        "attacks were far fewer. The surge is real (lesson part 3), the number and its wording "
        "are not sourced (claim P003-09, *partly supported*). A careful sentence: 'By the "
        f"Costs of War estimates, about {c.cow_later[-1][1]:,} people died in the war in "
        f"Pakistan by {c.cow_later[-1][0].split('-')[-1]}, militants included.'")


def operations_model_answer() -> Markdown:
    """Return the model answer to Exercise 2 (did Zarb-e-Azb bring the deaths down)."""
    full = _full_years()
    satp_rows = full[full["tracker"] == "SATP"].set_index("year").sort_index()
    satp = satp_rows["total"]

    def said(year: int) -> str:
        approx = " (approximate)" if bool(satp_rows.loc[year, "total_approximate"]) else ""
        return f"{satp.loc[year]:,} in {year}{approx}"

    t = before_and_after()
    t14 = t[t["year"] == 2014]
    lines = "; ".join(
        f"{r.tracker}: {'—' if pd.isna(r.before) else f'{r.before:,}'} → {r.during:,} → "
        f"{'—' if pd.isna(r.after) else f'{r.after:,}'}" for r in t14.itertuples())
    drones = data.load("drone_strikes").set_index("year")["strikes"]
    ev = data.load("events").set_index("event_id")
    gap = (ev.loc["EV060", "date"] - ev.loc["EV059", "date"]).days / 30.44
    return markdown(
        f"**Model answer.** Around 2014 the series that can be compared with themselves all "
        f"fall ({lines}; year before → 2014 → year after). But the fall had begun **before** "
        f"the operation: SATP counted {said(2009)}, {said(2012)} and {said(2013)}, and later "
        f"{said(2017)} and {said(2019)}. Other things changed at the same time: the school "
        f"attack ({ev.loc['EV060', 'date_label']}, EV060) came {gap:.0f} months into the "
        f"operation, and US drone strikes fell from {drones.loc[2013]} in 2013 to "
        f"{drones.loc[2015]} in 2015 (TBIJ). So the figures fit the claim that the operation "
        "helped, but cannot show how much: a trend that starts before a cause cannot be "
        "credited to it alone, and no tracker here counts the same thing in every year.")


# ----------------------------------------------------------------- drones
def drone_record(phase: str = "all") -> Markdown:
    """Return TBIJ's record of US drone strikes: by president and in the chosen phase(s)."""
    d = data.load("drone_strikes")
    peak = d.loc[d["strikes"].idxmax()]
    by_president = {p: int(d[f"strikes_{p}"].sum()) for p in ("bush", "obama", "trump")}
    total = int(d["strikes"].sum())
    per_phase = summaries.drone_strike_phase_totals()
    chosen = [p for p in phases_of(phase) if p in per_phase.index]
    rows = "\n".join(
        f"| {p} | {int(r.strikes):,} | {_span(r.killed_min, r.killed_max)} | "
        f"{_span(r.civilians_min, r.civilians_max)} |" for p, r in per_phase.loc[chosen].iterrows())
    table = ("| phase | strikes | people killed | of whom civilians |\n|---|---|---|---|\n"
             + rows) if rows else (f"No drone strikes fall in the `{phase}` phase "
                                   f"(TBIJ's record runs {d['year'].min()}–{d['year'].max()}).")
    return markdown(
        f"TBIJ records **{total:,} strikes** in {d['year'].min()}–{d['year'].max()}: "
        f"{by_president['bush']} under Bush, **{by_president['obama']}** under Obama "
        f"({by_president['obama'] / total:.0%}) and {by_president['trump']} under Trump. The "
        f"busiest year was {peak['year']} ({peak['strikes']} strikes, "
        f"{_span(peak['killed_min'], peak['killed_max'])} killed).\n\n" + table)


def drone_counts_compared() -> Markdown:
    """Return the trackers' civilian counts side by side where their periods match."""
    est = data.load("drone_estimates").set_index("estimate_id")

    def civ(i: str) -> str:
        return _span(est.loc[i, "civilians_low"], est.loc[i, "civilians_high"])

    def short(i: str) -> str:
        return str(est.loc[i, "tracker"]).split(" (")[0]

    civilians = est["civilians_low"].notna()
    year_2011 = list(est.index[civilians & (est["period"] == "calendar year 2011")])
    whole = list(est.index[civilians & est["first_year"].eq(2004).fillna(False)
                           & est["last_year"].eq(2018).fillna(False)])
    odni = list(est.index[~est["pakistan_only"].astype(bool)
                          & est["period"].str.startswith("2009-01-20")])
    same = list(est.index[est["pakistan_only"].astype(bool)
                          & est["period"].str.contains("same window as the DNI")])
    lines = [
        "- **Same period, 2004–2018 (Pakistan only):** " + "; ".join(
            f"{short(i)} {civ(i)}" for i in whole) + " civilians.",
        "- **Same year, 2011** (as compiled by Columbia Law School in 2012): " + "; ".join(
            f"{short(i)} {civ(i)}" for i in year_2011) + " civilians.",
    ]
    for o, s in zip(odni, same, strict=False):
        lines.append(
            f"- **Same window, different scope:** the US government (ODNI) counted "
            f"{civ(o)} non-combatants killed ({est.loc[o, 'period']}), but in "
            f"*every* country outside 'areas of active hostilities', not Pakistan alone; New "
            f"America counted {civ(s)} civilians in Pakistan alone in the same window.")
    tbij = [i for i in whole if short(i).startswith("Bureau")]
    new_america = [i for i in whole if short(i) == "New America"]
    highs = est.loc[year_2011, "civilians_high"].astype(float)
    if tbij and new_america:
        ratio = est.loc[tbij[0], "civilians_high"] / est.loc[new_america[0], "civilians_high"]
        lines.append(f"\nFor the same years TBIJ's upper bound for civilians is **{ratio:.1f} "
                     f"times** New America's; for 2011 the highest upper bound is "
                     f"**{highs.max() / highs.min():.0f} times** the lowest. The trackers read "
                     "the same strikes; they disagree on who the dead were.")
    return markdown("\n".join(lines))


# ----------------------------------------------------------------- papers
def khan_domestic_repercussions() -> Markdown:
    """Return Khan's three *Domestic Repercussions* set against the course data."""
    cost = data.load("cost_of_war")
    claims = data.load("claims").set_index("claim_id")
    c = death_counts()
    full = _full_years()
    satp = full[full["tracker"] == "SATP"].set_index("year")["total"].sort_index()
    last = cost.iloc[-1]
    rows = [
        ("Economic Costs", "“losses exceeding \\$150 billion”",
         f"The Economic Survey 2017-18, year by year, adds up to "
         f"{usd_bn(cost['cost_usd_bn'].sum() * 1000)} for {cost['fiscal_year'].iloc[0]} to "
         f"{last['fiscal_year']} ({last['coverage_note']}); a Government of Pakistan estimate "
         "with no published method.", "P003-08"),
        ("Security Challenges", "“Terrorist attacks surged across Pakistan, claiming over "
         "70,000 lives”",
         f"The surge is real: SATP counted {satp.iloc[0]:,} deaths in {satp.index[0]} and "
         f"{satp.max():,} in {satp.idxmax()}. The toll: about "
         + " and about ".join(f"{n:,} ({p})" for p, n in c.cow_later)
         + " by the Costs of War project, militants included; "
         f"{c.satp_militants / c.satp_total:.0%} of SATP's {c.satp_period} count were "
         "militants.", "P003-09"),
        ("Political Instability", "“The alliance with the U.S. polarized domestic politics”",
         "No dataset in the course measures polarisation or opinion, so this bullet cannot be "
         "checked here.", ""),
    ]
    def verdict(i: str) -> str:
        return f"**{claims.loc[i, 'verdict'].replace('_', ' ')}** ({i})" if i else "not checked"

    body = "\n".join(f"| {a} | {b} | {e} | {verdict(i)} |" for a, b, e, i in rows)
    return markdown("| Khan's bullet | Khan says | the course data | verdict |\n"
                    "|---|---|---|---|\n" + body)


def majeed_post_911() -> Markdown:
    """Return the claims of Majeed et al.'s *Post-9/11 Era* section and their checks."""
    claims = data.load("claims").set_index("claim_id")
    aid = summaries.aid_crs_revised()
    aid = aid[aid["figure_status"] != "request"]
    total, csf = aid["total_revised_usd_m"].sum(), aid["csf_revised_usd_m"].sum()
    span = f"FY{aid['fy_first'].min()}–FY{aid['fy_last'].max()}"
    tbij = data.load("drone_strikes")
    est = data.load("drone_estimates").set_index("estimate_id")
    new_america = est[(est["tracker"] == "New America") & (est["first_year"] == 2004)
                      & (est["last_year"] == 2018)].iloc[0]
    rows = [
        ("“the US provided billions of dollars in military and economic aid to Pakistan”",
         f"CRS: {usd_bn(total)} appropriated {span}, of which {usd_bn(csf)} Coalition Support "
         "Funds (reimbursements). The paper's Conclusion repeats the claim (P002-27).",
         "P002-27"),
        ("“Pakistan also played a crucial role in providing logistical support for the US-led "
         "invasion of Afghanistan”", claims.loc["P002-24", "evidence_note"], "P002-24"),
        ("“The accused Pakistan of providing safe havens to terrorist groups, including the "
         "Taliban and the Haqqani network”",
         "The accusations were made: Mullen in 2011 (EV109), Trump in 2017 (EV063). "
         "*Supported* means that the US said so, not that it was true; Pakistan denied it "
         "(EV109). The sentence has lost its subject.", "P002-11"),
        ("“Pakistan accused the US of undermining its sovereignty and of using its territory "
         "for drone strikes that have resulted in civilian casualties”",
         f"Pakistan protested (EV054, EV055). Civilians were killed, but how many depends on "
         f"the tracker: {_span(tbij['civilians_min'].sum(), tbij['civilians_max'].sum())} "
         f"(TBIJ, {tbij['year'].min()}–{tbij['year'].max()}) or "
         f"{_span(new_america['civilians_low'], new_america['civilians_high'])} (New America, "
         "same years).", "P002-28"),
    ]
    body = "\n".join(
        f"| {q} | {e} | **{claims.loc[i, 'verdict'].replace('_', ' ')}** ({i}) |"
        for q, e, i in rows)
    return markdown("| majeed-2024 §Post-9/11 Era says | the course data | verdict |\n"
                    "|---|---|---|\n" + body)


# ------------------------------------------------------------- the lesson
def explorer_years(phase: str) -> tuple[int, int]:
    """Return the years the militancy explorer opens on for a lesson's ``phase``.

    A post-2001 phase opens on its own years (the present phase up to the last
    year of the data); ``"all"`` and ``"cold-war"`` open on 2001 to the last year,
    since the war at home begins after 2001.
    """
    last = int(data.load("fatalities")["period_end"].dt.year.max())
    if phase in ("all", "cold-war") or phase not in phases_of("all"):
        phases_of(phase)  # raises naming the valid phases
        return 2001, last
    row = data.load("phases").set_index("phase_id").loc[phase]
    end = last if pd.isna(row["end_year"]) else int(row["end_year"])
    return int(row["start_year"]), end


def satp_trend() -> Markdown:
    """Return SATP's yearly counts (the one tracker with figures from 2003 to 2024) in words."""
    fat = data.load("fatalities")
    days = (fat["period_end"] - fat["period_start"]).dt.days
    satp = fat[(fat["tracker"] == "SATP") & ~fat["partial_period"].astype(bool)
               & (days <= 366) & fat["total"].notna()]
    satp = satp.assign(year=satp["period_start"].dt.year).sort_values(["year", "as_of"])
    parts = []
    for year, rows in satp.groupby("year"):
        newest = rows.iloc[-1]
        text = f"{'about ' if newest['total_approximate'] else ''}{newest['total']:,} in {year}"
        if len(rows) > 1:
            older = rows.iloc[0]
            text += f" ({older['total']:,} as read in {older['as_of']})"
        parts.append(text)
    newest = satp.sort_values("as_of").drop_duplicates("year", keep="last").set_index("year")
    peak = newest["total"].idxmax()
    low = newest.loc[newest.index > peak, "total"].idxmin()
    return markdown(
        "SATP counted " + ", ".join(parts[:-1]) + f" and {parts[-1]}. So one tracker with one "
        f"definition shows a rise of **{newest.loc[peak, 'total'] / newest['total'].iloc[0]:.0f}"
        f" times** from {newest.index[0]} to {peak}, a fall to **{newest.loc[low, 'total']:,}**"
        f" in {low}, and a rise again to {newest['total'].iloc[-1]:,} in {newest.index[-1]}. "
        "SATP does not count the same way as PIPS or PICSS (see the definitions in the "
        "explorer's table), so its level is not *the* number of deaths; its shape over time is "
        "the safest thing to read from it.")


def contrast_cards(ids: tuple[str, ...] | list[str]) -> Markdown:
    """Return contrasts between the papers as short cards: topic, both positions, the note."""
    table = data.load("contrasts").set_index("contrast_id")
    cards = []
    for i in ids:
        x = table.loc[i]
        cards.append(f"**{i}: {x['topic']}**\n\n- **{x['paper_a']}** ({x['sections_a']}): "
                     f"{x['position_a']}\n- **{x['paper_b']}** ({x['sections_b']}): "
                     f"{x['position_b']}\n- *The course's note:* {x['note']}")
    return markdown("\n\n".join(cards))


#: What each reading argues, in the words of a publisher, a reviewer or the author's own
#: page (a source in ``sources``): reading id -> (words, source id).
SCHOLARS: dict[str, tuple[str, str]] = {
    "RD05": ("a reviewer: Fair shows how Pakistan's “unreasonable revisionism” combines with "
             "the traits of a “greedy state” driven “to initiate hostilities against its "
             "perceived existential rival, India”", "FSJ_2015_FAIR_REVIEW"),
    "RD02": ("the publisher: “Each believes it can play the other”; a reviewer: Pakistan's "
             "generals “have long supported the Afghan Taliban”, and military aid made Pakistan "
             "“a rentier state living off American money”",
             "HACHETTE_HAQQANI_2013; PW_HAQQANI_2013_REVIEW"),
    "RD15": ("a reviewer: “the most graphic, detailed and worrying indictment of US and Nato "
             "policy in Afghanistan and Pakistan” since 9/11, in which Pakistan “offers "
             "sanctuary to the Taliban leadership”", "NEWSTATESMAN_2008_RASHID"),
    "RD03": ("the author: “Both sides believe they have been sinned against”; his publisher "
             "sums up the ties as “a condition to be managed, not a problem to be solved”",
             "CFR_2013_MARKEY_RELEASE"),
    "RD06": ("the author's page: a “geostrategic curse”: reliable foreign aid “defuses any "
             "pressure on political elites to launch the far-reaching domestic reforms”",
             "TVPAUL_WARRIOR_STATE"),
}


def scholars_table() -> Markdown:
    """Return the readings of :data:`SCHOLARS` with each author's perspective and argument."""
    readings = data.load("readings").set_index("reading_id")
    rows = "\n".join(
        f"| {readings.loc[i, 'author']} ({readings.loc[i, 'year']}), "
        f"*{readings.loc[i, 'title'].split(':')[0]}* ({i}) | {readings.loc[i, 'perspective']} "
        f"| {words} ({source}) |" for i, (words, source) in SCHOLARS.items())
    return markdown("| reading | where the author writes from | the argument, in others' words "
                    "or the author's |\n|---|---|---|\n" + rows)
