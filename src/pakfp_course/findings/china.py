"""Lesson 06 (the turn to China): the tracks, their order, and what the data say.

Computed here so that every number the lesson states is read from ``course_data``
and tested: the Pakistan-China track split into milestones of integration and
security incidents (the Lal Masjid operation, EV044, is a China event but not a
milestone, as lesson 02 says); the order of the steps and the figures beside them
(CPEC values, arms shares, US aid); the great-power context of the "India factor"
(X06), economic reliability (X10) and the papers' prescriptions (X15); swap or
hedge; and the model answers of the exercises.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from IPython.display import Markdown

from .. import data, explore, summaries
from ..explore import usd_bn, usd_m
from ..lesson import claim_cards, event_list, markdown, md_table, phases_of

__all__ = [
    "INTEGRATION_CATEGORIES",
    "SECURITY_CATEGORIES",
    "US_WARMING",
    "arms_and_aid",
    "arms_shift",
    "china_track",
    "china_track_table",
    "contrast_cards",
    "cpec_values",
    "disconfirming_checks",
    "economic_reliability",
    "gwadar_order",
    "india_factor",
    "india_factor_events",
    "integration_milestones",
    "phase_counts",
    "phase_counts_answer",
    "prescriptions",
    "security_incidents",
    "swap_or_hedge",
    "ties_grid",
    "treaty_order",
    "two_tracks",
    "two_tracks_answer",
    "us_track",
    "years_between",
]

#: Categories of a China-Pakistan event that count as a step of integration.
INTEGRATION_CATEGORIES: tuple[str, ...] = ("alliance_treaty", "diplomacy_visit",
                                           "economic_corridor")
#: Categories of a China-Pakistan event that are a security incident, not a milestone.
SECURITY_CATEGORIES: tuple[str, ...] = ("terrorist_attack", "military_operation")
#: US-Pakistan aid events that warmed the tie (our reading of their descriptions).
US_WARMING: frozenset[str] = frozenset({"EV032", "EV050", "EV073"})


# ------------------------------------------------------------------ helpers
def _events(events: pd.DataFrame | None = None) -> pd.DataFrame:
    return data.load("events") if events is None else events


def _ev() -> pd.DataFrame:
    return data.load("events").set_index("event_id")


def _with(events: pd.DataFrame, all_of: Iterable[str], none_of: Iterable[str] = (),
          since: int | None = None) -> pd.DataFrame:
    """Events whose actors include every code in ``all_of`` and none in ``none_of``."""
    need, avoid = set(all_of), set(none_of)
    actors = events["actors"].str.split(";").map(set)
    keep = actors.map(lambda s: need <= s and not (avoid & s))
    if since is not None:
        keep &= events["date"].dt.year >= since
    return explore.chronological(events[keep])


def years_between(first: str, last: str) -> float:
    """Return the years from event ``first`` to event ``last`` (days / 365.25)."""
    ev = _ev()
    return (ev.at[last, "date"] - ev.at[first, "date"]).days / 365.25


def _days(first: str, last: str) -> int:
    ev = _ev()
    return (ev.at[last, "date"] - ev.at[first, "date"]).days


def _at(event_id: str) -> str:
    """``EV039, 2005-04-05``: an event id with its date as known."""
    return f"{event_id}, {_ev().at[event_id, 'date_label']}"


def _ids(frame: pd.DataFrame) -> str:
    return ", ".join(frame["event_id"])


def _titled(frame: pd.DataFrame) -> str:
    """``EV065 (US suspends security assistance), ...``: ids with their titles."""
    return ", ".join(f"{r['event_id']} ({r['title']})" for _, r in frame.iterrows())


def _count(n: int, noun: str) -> str:
    """``no dialogue step``, ``1 dialogue step``, ``2 dialogue steps``."""
    return f"no {noun}" if n == 0 else f"{n} {noun}" + ("" if n == 1 else "s")


# ------------------------------------------------------------------ the China track
def china_track(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the events with both China and Pakistan among the actors, in timeline order."""
    return _with(_events(events), {"CHN", "PAK"})


def integration_milestones(events: pd.DataFrame | None = None,
                           since: int | None = None) -> pd.DataFrame:
    """Return the China-Pakistan steps of integration (treaties, visits, trade, corridor).

    Parameters
    ----------
    events
        The ``events`` dataset or a filtered frame of it (default: all events).
    since
        First calendar year to keep (default: every year).
    """
    track = china_track(events)
    track = track[track["category"].isin(INTEGRATION_CATEGORIES)]
    return track if since is None else track[track["date"].dt.year >= since]


def security_incidents(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the China-Pakistan events that are attacks or operations, not milestones."""
    track = china_track(events)
    return track[track["category"].isin(SECURITY_CATEGORIES)]


def _role(category: str) -> str:
    if category in INTEGRATION_CATEGORIES:
        return "milestone"
    return "security incident" if category in SECURITY_CATEGORIES else "other"


def china_track_table(phase: str = "all") -> Markdown:
    """Return the China-Pakistan events of the phase(s) chosen, each marked milestone or not."""
    chosen = phases_of(phase)
    track = china_track()
    shown = track[track["phase"].isin(chosen)].assign(role=lambda f: f["category"].map(_role))
    year = track["date"].dt.year
    steps = integration_milestones(since=2001)
    return markdown(
        f"**{len(shown)} China-Pakistan events in the phase(s) chosen ({', '.join(chosen)}).** "
        f"Across the whole timeline, {(year < 2001).sum()} fall before 2001 and "
        f"{(year >= 2001).sum()} from 2001 on; of these, {len(steps)} are milestones of "
        f"integration (treaty, visits, trade, corridor, SCO entry) and "
        f"{(security_incidents()['date'].dt.year >= 2001).sum()} are security incidents, "
        f"which are China events but not milestones.\n\n"
        + md_table(shown, {"event_id": "event", "date_label": "date", "category": "kind",
                           "role": "counts as", "title": "what happened"}).data)


# ------------------------------------------------------------------ order of steps
def treaty_order(*, sources: bool = False) -> Markdown:
    """Return the dated order of the treaty, the US-India nuclear steps and the FTA."""
    return markdown(
        f"**Check the order.** The China treaty ({_at('EV039')}) was signed "
        f"**{_days('EV039', 'EV040')} days before** the Bush-Singh joint statement "
        f"({_at('EV040')}). The NSG waiver India needed ({_at('EV105')}) and the US-India "
        f"123 Agreement ({_at('EV047')}) came **{years_between('EV039', 'EV105'):.1f} and "
        f"{years_between('EV039', 'EV047'):.1f} years after** the treaty. The free trade "
        f"agreement ({_at('EV042')}) came {years_between('EV040', 'EV042'):.1f} years after "
        f"the joint statement.\n\n"
        + claim_cards(["P000-36", "P000-46", "P000-47", "P000-15"], sources=sources).data)


def gwadar_order(*, sources: bool = False) -> Markdown:
    """Return the dated order of the Gwadar handover, the CPEC memorandum and Xi's package."""
    operator = _ev().at["EV057", "title"]
    return markdown(
        f"{operator} ({_at('EV057')}), **{_days('EV057', 'EV058')} days before** the CPEC "
        f"memorandum was signed ({_at('EV058')}). The package signed during Xi's visit "
        f"({_at('EV061')}) followed {years_between('EV058', 'EV061'):.1f} years after the "
        f"memorandum.\n\n"
        + claim_cards(["P000-18", "P000-33", "P000-30"], sources=sources).data)


def cpec_values() -> Markdown:
    """Return the CPEC values with what each one is, and why they must not be added up."""
    cpec = data.load("cpec")
    lo, hi = cpec["value_usd_bn"].min(), cpec["value_usd_bn"].max()
    span = (cpec.loc[cpec["value_usd_bn"] == hi, "date"].iloc[0]
            - cpec.loc[cpec["value_usd_bn"] == lo, "date"].iloc[0]).days / 365.25
    crs_total = summaries.aid_phase_totals()["total_usd_m"].sum()
    return markdown(
        md_table(cpec, {"date_label": "date", "value_usd_bn": "US$ bn",
                        "value_type": "what it is"}).data
        + f"\n\nThe headline value rose from **US$ {lo:g} bn** to **US$ {hi:g} bn** within "
        f"{span:.1f} years, then a Chinese body again said **US$ "
        f"{cpec['value_usd_bn'].iloc[-1]:g} bn** ({cpec['date_label'].iloc[-1]}). These are "
        f"**commitments and announcements, not disbursements**: an announced package, a "
        f"reported intermediate value, approved financing and investment attracted 'so far' "
        f"measure different things. None of them is money spent, and adding them up would "
        f"count the same corridor several times.\n\n"
        f"Tempting but wrong: setting US$ {hi:g} bn beside the **{usd_bn(crs_total)}** the US "
        f"Congress appropriated for Pakistan (CRS, FY2002-FY2018, incl. CSF). One is a promise "
        f"of investment and financing, the other money voted as aid and reimbursements.")


def _arms() -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Return the arms table and its two periods with a US share (they do not overlap)."""
    arms = data.load("arms_imports").set_index("period")
    reported = arms[arms["usa_share_pct"].notna()]
    return arms, reported.iloc[0], reported.iloc[1]


def arms_shift(*, sources: bool = False) -> Markdown:
    """Return China's and the US's shares of Pakistan's major-arms imports, with caveats."""
    arms, a, b = _arms()
    last = arms.iloc[-1]
    return markdown(
        claim_cards(["P000-56"], sources=sources).data + "\n\n"
        f"Compare two periods that **do not overlap**: China's share of Pakistan's major-arms "
        f"imports went from **{a['china_share_pct']:g}%** ({a.name}) to "
        f"**{b['china_share_pct']:g}%** ({b.name}), while the US share fell from "
        f"**{a['usa_share_pct']:g}%** to **{b['usa_share_pct']:g}%** (SIPRI: {b['note']}). "
        f"The latest release ({last.name}) puts China at **{last['china_share_pct']:g}%**.\n\n"
        f"Caveats: the {len(arms)} periods come from separate yearly releases and overlap, so "
        f"they are not one series; the US share was reported for only "
        f"**{arms['usa_share_pct'].notna().sum()} of {len(arms)}** periods; and the table "
        f"starts with {arms.index[0]}, so it says **nothing about 2001-2007**, the years of "
        f"the treaty (EV039).")


def _aid_years() -> pd.DataFrame:
    """Single US fiscal years of CRS appropriations (no requests), with aid excl. CSF."""
    aid = summaries.aid_crs_revised()
    aid = aid[(aid["figure_status"] != "request") & (aid["fy_first"] == aid["fy_last"])]
    years = aid.set_index("fy_label")
    # where CRS printed no CSF (FY2017-FY2018) the total holds none, so nothing is taken off
    return years.assign(no_csf=years["total_revised_usd_m"]
                        - years["csf_revised_usd_m"].fillna(0))


def us_aid_fall() -> Markdown:
    """Return how US appropriations rose past the treaty and fell after the peak."""
    aid = summaries.aid_crs_revised()
    block = aid[aid["fy_first"] != aid["fy_last"]].iloc[0]
    years = _aid_years()
    peak, end = years["total_revised_usd_m"].idxmax(), years.index[-1]
    not_printed = years.index[years["csf_revised_usd_m"].isna()]
    return markdown(
        f"While the China treaty and free trade agreement were being signed, US money was "
        f"flowing: the {block['fy_label']} block alone is **{usd_bn(block['total_usd_m'])}**. "
        f"Appropriations peaked in **{peak}** at "
        f"**{usd_bn(years.at[peak, 'total_revised_usd_m'])}**, "
        f"{int(peak[2:]) - _ev().at['EV039', 'date'].year} years after the treaty (EV039), and "
        f"fell to **{usd_m(years.at[end, 'total_revised_usd_m'])}** in {end}. Without CSF (CRS "
        f"printed no CSF figure for {', '.join(not_printed)}) the fall is from "
        f"{usd_m(years.at[peak, 'no_csf'])} to {usd_m(years.at[end, 'no_csf'])}: "
        f"**{1 - years.at[end, 'no_csf'] / years.at[peak, 'no_csf']:.0%} lower**.")


def arms_and_aid() -> Markdown:
    """Return the two non-overlapping SIPRI periods beside US aid per year (excl. CSF)."""
    _, a, b = _arms()
    years = _aid_years()
    rows = []
    for period in (a, b):
        fy = years[(years["fy_first"] >= period["year_first"])
                   & (years["fy_last"] <= period["year_last"])]
        rows.append({"SIPRI period": period.name,
                     "China share of arms imports": f"{period['china_share_pct']:g}%",
                     "US share of arms imports": f"{period['usa_share_pct']:g}%",
                     "US fiscal years with aid data": f"{fy.index[0]}-{fy.index[-1]} ({len(fy)})",
                     "US aid per year, excl. CSF": usd_m(fy["no_csf"].mean())})
    return markdown(md_table(pd.DataFrame(rows)).data + "\n\nSIPRI periods are calendar "
                    "years, US fiscal years run October-September; CRS tables stop at "
                    f"{years.index[-1]}.")


# ------------------------------------------------------------------ economics (X10)
def economic_reliability() -> Markdown:
    """Return the FATF and IMF record after the CPEC package, read against P000-57 (X10)."""
    ev = _ev()
    cpec = data.load("cpec")
    pressure = _with(data.load("events"), {"USA", "PAK"}, {"CHN"})
    pressure = pressure[(pressure["category"] == "aid_sanction")
                        & (pressure["date"].dt.year == ev.at["EV118", "date"].year)]
    return markdown(
        event_list(["EV118", "EV120", "EV125", "EV126"]).data + "\n\n"
        f"**What the record shows.** The CPEC package ({_at('EV061')}) was announced at "
        f"US$ {cpec['value_usd_bn'].iloc[0]:g} bn in commitments. "
        f"{years_between('EV061', 'EV118'):.1f} years later the FATF grey-listed Pakistan on a "
        f"nomination the US had moved, and it stayed on the list for "
        f"**{years_between('EV118', 'EV125'):.1f} years** (EV118 to EV125). The pressure of "
        f"{ev.at['EV118', 'date'].year} was financial as well as military; the US-Pakistan "
        f"aid and sanction events of that year are {_titled(pressure)}. Pakistan then needed "
        f"two IMF programmes, {years_between('EV061', 'EV120'):.1f} and "
        f"{years_between('EV061', 'EV126'):.1f} years after the CPEC package (EV120, EV126); "
        f"the second was approved days after new Saudi and UAE deposits.\n\n"
        "**Three readings of Yousaf & Ma's claim** that Pakistan \"preferred regional security "
        "over economic reliability\" (P000-57; contrast X10):\n\n"
        "1. *For it:* the China tie did not buy economic reliability, and Pakistan kept it "
        "anyway. The corridor's values are commitments (part 4), and the years after the "
        "package brought a grey-listing and two IMF programmes. A state that chose China for "
        "security would accept exactly that price.\n"
        "2. *Against it:* Pakistan could not put economics second. To leave the grey list it "
        "had to satisfy the FATF's action plan (EV118, EV125), and for financing it turned to "
        "the IMF, with Saudi and UAE deposits alongside (EV120, EV126), not to Beijing alone. "
        "Khan's side of "
        "X10, that economic assistance was a motive of the US alignment (P003-05), fits this "
        "better.\n"
        "3. *What the data cannot say:* the course has no series of Chinese loans or "
        "disbursements, so whether China was the more reliable *economic* partner cannot be "
        "tested here. An IMF programme (a loan with conditions) and a CPEC headline value "
        "(announced investment and financing) are different kinds of money: do not set them "
        "side by side.\n\n"
        "**Verdict.** Regional security explains the choice of partner; it does not show that "
        "Pakistan could do without economic reliability. The years of the corridor are also "
        "the years of the grey list and two IMF programmes: the China tie did not free "
        "Pakistan from the FATF's monitoring, where a US nomination had put it (EV118), or "
        "from the IMF (EV120, EV126).")


# ------------------------------------------------------------------ India factor (X06)
def india_factor_events() -> pd.DataFrame:
    """Return the great-power events around India since 2001, each with its ``track``.

    ``US-India``: the US and India among the actors, Pakistan not; ``China-India``: China
    and India, neither Pakistan nor the US; ``Pakistan, India and China``: all three.
    """
    events = data.load("events")
    tracks = [("US-India", _with(events, {"USA", "IND"}, {"PAK"}, since=2001)),
              ("China-India", _with(events, {"CHN", "IND"}, {"PAK", "USA"}, since=2001)),
              ("Pakistan, India and China", _with(events, {"CHN", "IND", "PAK"}, since=2001))]
    return explore.chronological(pd.concat([f.assign(track=t) for t, f in tracks]))


def india_factor() -> Markdown:
    """Return the India factor in its great-power context, argued against contrast X06."""
    found = india_factor_events()
    parts = []
    for track in ("US-India", "China-India", "Pakistan, India and China"):
        ids = found.loc[found["track"] == track, "event_id"]
        parts.append(f"**{track}**\n\n" + event_list(ids).data)
    china_india = found[found["track"] == "China-India"]
    return markdown(
        "\n\n".join(parts) + "\n\n"
        "**Read it against X06.** Yousaf & Ma see India \"backed by US\" as the common threat "
        "that binds Pakistan and China. The timeline bears out both halves of that picture, "
        "but late:\n\n"
        f"- *India backed by the US.* The nuclear steps (EV040, EV105, EV047) were civil. The "
        f"defence partnership came with the Major Defense Partner statement (EV112), "
        f"**{years_between('EV039', 'EV112'):.1f} years after** the China treaty, and the "
        f"Quad, which met on a \"free and open\" Indo-Pacific, its leaders discussing the "
        f"challenge posed by China (EV117, EV124). Majeed et al. also read India as the US "
        f"counterweight to China (P002-21, supported).\n"
        f"- *China against India.* Since 2001 the timeline holds China-India crises only from "
        f"{china_india['date'].dt.year.min()} ({_ids(china_india)}), "
        f"{years_between('EV039', china_india['event_id'].iloc[0]):.1f} years after the "
        f"treaty; Galwan came {years_between('EV061', 'EV122'):.1f} years after the CPEC "
        f"package.\n\n"
        "So the India factor explains why the China tie *deepened* after 2016 better than "
        "why it *began* in 2005 (part 3 showed the treaty came before the nuclear "
        "statement).\n\n"
        f"**The limits.** China shields Pakistan only so far. It lifted its hold on the UN "
        f"listing of Jaish-e-Mohammed's chief (EV119) **{_days('EV067', 'EV119')} days after** "
        f"the Balakot crisis (EV067), on a US-UK-French proposal; with its even-handedness in "
        f"2001-02 (P000-54, part 11) that is a partner weighing its own ties with India. And "
        f"the SCO admitted Pakistan and India at the same summit (EV115): the regional body "
        f"where China meets both has India inside it.\n\n"
        "Khan's side of X06 is different again: India \"capitalized on U.S. concerns about "
        "terrorism\" (P003-11, supported), yet she prescribes better trade and diplomatic ties "
        "with India (part 13).")


# ------------------------------------------------------------------ prescriptions (X15)
def _bilateral(events: pd.DataFrame) -> pd.DataFrame:
    """India-Pakistan events with no third actor."""
    return events[events["actors"].str.split(";").map(set) == {"IND", "PAK"}]


def prescriptions(*, sources: bool = False) -> Markdown:
    """Return both papers' prescriptions (X15) tested against the events."""
    events = data.load("events")
    ind_pak = _bilateral(_with(events, {"IND", "PAK"}, since=2001))
    dialogue = ind_pak[ind_pak["category"] == "diplomacy_visit"]
    since_sco = ind_pak[(ind_pak["date"] > _ev().at["EV115", "date"])
                        & (ind_pak["category"] != "aid_sanction")]
    since_2016 = ind_pak[(ind_pak["date"].dt.year >= 2016)
                         & (ind_pak["category"] != "aid_sanction")]
    iran = _with(events, {"IRN", "PAK"}, since=2001)
    last_paper = data.load("seeds")["published"].max()
    us_after = _with(events, {"USA", "PAK"}, {"IND", "CHN"})
    us_after = us_after[us_after["date"] > last_paper]
    return markdown(
        "**Yousaf & Ma: China in SAARC.** They write that China \"can act as a counterbalance "
        "in South Asia and encourage cooperation among all the governments ... if it is "
        "granted full membership in SAARC\" (yousaf-ma-2025 §Post 9/11 and Pakistan's "
        "Regional Standing). Test it:\n\n"
        + claim_cards(["P000-32"], sources=sources).data + "\n\n"
        f"- The only India-Pakistan dialogue steps in the timeline since 2001 are "
        f"{_ids(dialogue)} ({dialogue['date'].dt.year.min()}), which began at a SAARC summit "
        f"*without* China as a member.\n"
        f"- A regional body with China, India and Pakistan as members already exists: the "
        f"SCO, which admitted India and Pakistan as full members (EV115). The India-Pakistan "
        f"events since then are {_titled(since_sco)}; "
        f"{_count(since_sco['category'].eq('diplomacy_visit').sum(), 'dialogue step')} among "
        f"them.\n"
        "- China is itself a party to crises with India (EV116, EV122). A *counterbalance* to "
        "one member (the paper's own word, and its reading of China against India in X05 and "
        "X06) is hard to picture as the neutral convener of all.\n\n"
        "**Khan: \"towards a balanced foreign policy\".** Diversify (China, Russia, the EU), "
        "improve ties with India and Iran, keep \"pragmatic relations with the U.S.\" "
        "(khan-2024 §Towards a Balanced Foreign Policy). Test it leg by leg:\n\n"
        "- *Diversify:* Pakistan joined the SCO beside China and Russia (EV115), and its 2023 "
        "IMF programme came days after Saudi and UAE deposits (EV126). Consistent.\n"
        f"- *Pragmatic US ties:* the F-16 sustainment package (EV073) and, after all three "
        f"papers were published, {_ids(us_after)}. Consistent.\n"
        f"- *India:* the India-Pakistan events from 2016 are {_ids(since_2016)}; only one of "
        f"them (EV123, a ceasefire recommitment) points her way. The record runs against this "
        f"leg.\n"
        f"- *Iran:* the course has {_count(len(iran), 'Pakistan-Iran event')} after 2001: "
        f"{_titled(iran)}. This leg cannot be tested here.\n\n"
        "**Verdict.** Khan's prescription describes much of what Pakistan did after 2017, "
        "except on India; in lesson 03's terms it is hedging, not the bandwagoning she names "
        "it (P003-25). Yousaf & Ma's SAARC proposal is untested, and the closest test the "
        "data hold, the SCO, gives it no support.")


# ------------------------------------------------------------------ the papers compared
def contrast_cards(ids: Iterable[str]) -> Markdown:
    """Return contrasts between the papers as cards: topic, both positions, the note."""
    table = data.load("contrasts").set_index("contrast_id")
    ids = list(ids)
    if set(ids) - set(table.index):
        raise KeyError(f"unknown contrast id(s) {sorted(set(ids) - set(table.index))}")
    return markdown("\n\n".join(
        f"**{cid}: {r['topic']}**\n\n- *{r['paper_a']}* ({r['sections_a']}): {r['position_a']}\n"
        f"- *{r['paper_b']}* ({r['sections_b']}): {r['position_b']}\n- *Note:* {r['note']}"
        for cid, r in table.loc[ids].iterrows()))


def _signed(score: float) -> str:
    return f"{int(score):+d}" if score else "0"


def ties_grid(phase: str = "all", *, sources: bool = False) -> Markdown:
    """Return the course's scores of Pakistan's US and China ties by phase, with P000-57/58."""
    rel = data.load("rsct_relations")
    pairs = rel[(rel["actor_a"] == "PAK") & rel["actor_b"].isin(["USA", "CHN"])]
    cells = pairs.assign(cell=pairs["kind"] + " (" + pairs["score"].map(_signed) + ")")
    order = data.load("phases")["phase_id"]
    grid = cells.pivot(index="phase", columns="actor_b", values="cell").reindex(order)
    grid["phase"] = [p + (" ◀" if p == phase else "") for p in grid.index]
    table = md_table(grid, {"phase": "phase", "USA": "Pakistan-US", "CHN": "Pakistan-China"})
    return markdown(table.data + "\n\n"
                    + claim_cards(["P000-57", "P000-58"], sources=sources).data)


def swap_or_hedge() -> Markdown:
    """Return the dated evidence for the lesson's question, checked against hedging."""
    years = _aid_years()
    last_fy = int(years.index[-1][2:])
    held = integration_milestones(since=2001)
    held = held[held["date"].dt.year <= last_fy]
    china_late = integration_milestones(since=last_fy + 1)
    us_back = _with(data.load("events"), {"USA", "PAK"}, {"CHN"}, since=last_fy + 1)
    us_back = us_back[us_back["category"].isin(["diplomacy_visit", "economic_corridor"])
                      | us_back["event_id"].isin(US_WARMING)]
    first_block = summaries.aid_crs_revised()["fy_label"].iloc[0]
    return markdown(
        "Check the evidence against the definition of hedging (part 1):\n\n"
        f"1. **Both ties at once?** Yes. {len(held)} China milestones fall between the "
        f"treaty ({held['date_label'].iloc[0]}) and {last_fy} ({_ids(held)}), while the US "
        f"Congress appropriated aid for Pakistan throughout, from the {first_block} block to "
        f"FY{last_fy} (CRS).\n"
        "2. **A fallback kept?** When Washington cut (EV065, EV066) Pakistan had the China "
        f"tie; when Washington turned back ({_ids(us_back)}) Pakistan took that up without "
        f"dropping China ({_ids(china_late)} are China milestones after FY{last_fy}).\n"
        "3. **A swap would look different:** one tie dropped as the other was taken up. The US "
        "tie was cut by the US, not by Pakistan, and it came back.")


# ------------------------------------------------------------------ exercises
def us_track(events: pd.DataFrame | None = None, since: int = 2001) -> pd.DataFrame:
    """Return US-Pakistan crises and aid events (China not involved), warming or cooling."""
    track = _with(_events(events), {"USA", "PAK"}, {"CHN"}, since=since)
    track = track[track["category"].isin(["diplomatic_crisis", "aid_sanction"])]
    return track.assign(track=["US, warming" if e in US_WARMING else "US, cooling"
                               for e in track["event_id"]])


def two_tracks(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the China milestones and the US track from 2001 in one dated table."""
    china = integration_milestones(events, since=2001).assign(track="China")
    return explore.chronological(pd.concat([china, us_track(events)]))


def two_tracks_answer() -> Markdown:
    """Return Exercise 1's model answer: the two tracks and what their order shows."""
    both = two_tracks()
    us = us_track()
    china = integration_milestones(since=2001)
    first = us[us["category"] == "diplomatic_crisis"].iloc[0]
    before = china[china["date"] < first["date"]]
    crisis_year = us[(us["category"] == "diplomatic_crisis")
                     & (us["date"].dt.year == first["date"].year)]
    years = _aid_years()
    peak, end = years["total_revised_usd_m"].idxmax(), years.index[-1]
    _, a, b = _arms()
    warming = us[(us["track"] == "US, warming") & (us["date"] < first["date"])]
    return markdown(
        md_table(both, {"event_id": "event", "date_label": "date", "track": "track",
                        "title": "what"}).data
        + f"\n\n**Model answer.** {len(before)} China milestones come before the first "
        f"US-Pakistan diplomatic crisis in the timeline ({first['event_id']}, "
        f"{first['date_label']}): {_ids(before)} ({'; '.join(before['title'])}). Meanwhile "
        f"the US track was *warming* ({_ids(warming)}). So integration began while the US tie "
        f"was still close; US aid peaked in {peak} "
        f"({usd_bn(years.at[peak, 'total_revised_usd_m'])}). The two tracks overlap from "
        f"{first['date'].year}: the crises of that year ({_ids(crisis_year)}) are followed by "
        f"Gwadar (EV057) and the CPEC memorandum (EV058); China's share of arms imports rose "
        f"from {a['china_share_pct']:g}% ({a.name}) to {b['china_share_pct']:g}% ({b.name}) as "
        f"the US share fell from {a['usa_share_pct']:g}% to {b['usa_share_pct']:g}%; US aid "
        f"without CSF fell to {usd_m(years.at[end, 'no_csf'])} in {end} after the suspension "
        f"(EV065). The security incidents of the China track (EV044, EV075, EV076) are not "
        f"milestones and are left out. **Verdict:** yes, 'at the same time' from "
        f"{first['event_id']} to the cancelled CSF (EV066), but not 'from ... to': the China "
        f"tie was built first, alongside a close US tie.")


def disconfirming_checks() -> Markdown:
    """Return Exercise 2's model answer: what would count against the thesis, checked."""
    recent = _with(data.load("events"), {"USA", "PAK"}, since=2019)
    arms, _, _ = _arms()
    return markdown(
        md_table(recent, {"event_id": "event", "date_label": "date", "category": "kind",
                          "title": "what happened"}).data
        + "\n\n**Model answer.** Observations that would disconfirm (or weaken) the thesis:\n\n"
        "1. **The US tie recovers while the China tie holds.** Then \"alienation\" was a phase, "
        "not a direction. The table shows this kind of evidence: an F-16 sustainment package "
        "(EV073) and then, after all three papers were published, a White House lunch for the "
        "army chief, a trade and oil deal and an Oval Office visit (EV081-EV083).\n"
        "2. **China's arms share was already high before 9/11.** Then the arms \"turn\" would "
        "not be a post-9/11 change. The course cannot test this: the SIPRI table starts with "
        f"{arms.index[0]}. Absence of data is not support.\n"
        "3. **China's support fails in a crisis.** P000-54 is one case (in the 2001-02 "
        "standoff China was even-handed); the table holds a second: China lifted its hold on "
        "the UN listing of Masood Azhar (EV119). More such cases would undercut "
        "\"integration\" as a security guarantee.\n"
        "4. **The order is wrong for the causal story.** If the China steps had followed the "
        "US crises, \"pushed by US coldness\" would be stronger; in fact the treaty (EV039) "
        "predates both the nuclear joint statement (EV040) and the crises of 2011 "
        "(EV052-EV055).")


def phase_counts() -> pd.DataFrame:
    """Return, per post-2001 phase, China milestones, incidents, US crises and the scores."""
    events = data.load("events")
    rel = data.load("rsct_relations")
    scores = rel[rel["actor_a"] == "PAK"].set_index(["phase", "actor_b"])["score"]
    milestones, incidents = integration_milestones(events), security_incidents(events)
    crises = us_track(events)
    crises = crises[crises["category"] == "diplomatic_crisis"]
    rows = []
    for p in phases_of("all", post_2001=True):
        rows.append({"phase": p,
                     "China milestones": int((milestones["phase"] == p).sum()),
                     "China security incidents": int((incidents["phase"] == p).sum()),
                     "US diplomatic crises": int((crises["phase"] == p).sum()),
                     "Pakistan-US score": _signed(scores[(p, "USA")]),
                     "Pakistan-China score": _signed(scores[(p, "CHN")])})
    return pd.DataFrame(rows)


def phase_counts_answer() -> Markdown:
    """Return Exercise 3's model answer: each phase read as integration, alienation or both."""
    counts = phase_counts().set_index("phase")
    first, middle, last = counts.index
    late = security_incidents()
    late = late[late["phase"] == last]
    n = counts.at
    return markdown(
        md_table(counts.reset_index()).data + "\n\n"
        f"**Model answer.** {first} shows integration without alienation ("
        f"{n[first, 'China milestones']} China milestones, {n[first, 'US diplomatic crises']} "
        f"US crises; the US tie at {counts.at[first, 'Pakistan-US score']}). {middle} shows "
        f"both ({n[middle, 'US diplomatic crises']} US crises, the 2011 ones beside Gwadar and "
        f"CPEC). {last} shows alienation peaking and then easing, while the China tie stays at "
        f"the top of the scale but carries security costs ({_ids(late)}, attacks on Chinese "
        f"nationals). Counts of events are only a rough guide: the timeline is a selection, "
        f"not a census.")
