"""Lesson 06's findings (pakfp_course.findings.china), checked against the course data.

Every expected value is read from ``course_data`` here, independently of the module,
so a wrong filter, a reversed order or a stale number makes a test fail.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import summaries
from pakfp_course.findings import china


def _events() -> pd.DataFrame:
    return pc.load("events").set_index("event_id")


def _actors(frame: pd.DataFrame) -> pd.Series:
    return frame["actors"].str.split(";").map(set)


def _days(a: str, b: str) -> int:
    ev = _events()
    return (ev.at[b, "date"] - ev.at[a, "date"]).days


def _years(a: str, b: str) -> str:
    return f"{_days(a, b) / 365.25:.1f}"


# ------------------------------------------------------------------ the China track
def test_china_track_is_every_event_with_china_and_pakistan():
    events = pc.load("events")
    expected = set(events.loc[_actors(events).map(lambda s: {"CHN", "PAK"} <= s), "event_id"])
    assert set(china.china_track()["event_id"]) == expected
    # China-India events are not on it
    assert not {"EV116", "EV122"} & set(china.china_track()["event_id"])


def test_lal_masjid_is_a_china_event_but_not_a_milestone():
    track = china.china_track()
    assert "EV044" in set(track["event_id"])
    assert "EV044" not in set(china.integration_milestones()["event_id"])
    assert "EV044" in set(china.security_incidents()["event_id"])
    milestones = china.integration_milestones()
    assert set(milestones["category"]) <= set(china.INTEGRATION_CATEGORIES)
    assert set(china.security_incidents()["category"]) <= set(china.SECURITY_CATEGORIES)


def test_china_track_table_counts_and_marks_each_event():
    text = china.china_track_table("2001-2008").data
    track = china.china_track()
    chosen = track[track["phase"] == "2001-2008"]
    assert f"**{len(chosen)} China-Pakistan events" in text
    assert re.search(r"\| EV044 \|[^\n]*\| security incident \|", text)
    assert re.search(r"\| EV039 \|[^\n]*\| milestone \|", text)
    assert "EV077" not in text  # another phase


# ------------------------------------------------------------------ order of steps
def test_treaty_order_is_computed_and_the_treaty_comes_first():
    assert _days("EV039", "EV040") > 0
    text = china.treaty_order().data
    assert f"**{_days('EV039', 'EV040')} days before**" in text
    assert f"**{_years('EV039', 'EV105')} and {_years('EV039', 'EV047')} years after**" in text
    assert "P000-36" in text and "P000-15" in text


def test_gwadar_order_is_computed():
    text = china.gwadar_order().data
    assert f"**{_days('EV057', 'EV058')} days before**" in text
    assert f"followed {_years('EV058', 'EV061')} years after" in text


def test_cpec_values_are_the_datasets_and_called_commitments():
    cpec = pc.load("cpec")
    text = china.cpec_values().data
    assert f"US\\$ {cpec['value_usd_bn'].min():g} bn" in text
    assert f"US\\$ {cpec['value_usd_bn'].max():g} bn" in text
    assert "not disbursements" in text


def test_arms_shift_compares_the_two_periods_with_a_us_share():
    arms = pc.load("arms_imports")
    reported = arms[arms["usa_share_pct"].notna()]
    a, b = reported.iloc[0], reported.iloc[1]
    assert a["year_last"] < b["year_first"]  # they do not overlap
    text = china.arms_shift().data
    assert f"**{a['china_share_pct']:g}%** ({a['period']})" in text
    assert f"**{b['usa_share_pct']:g}%**" in text
    assert f"starts with {arms['period'].iloc[0]}" in text


def test_us_aid_fall_names_the_peak_and_the_years_without_csf():
    aid = summaries.aid_crs_revised()
    years = aid[(aid["figure_status"] != "request") & (aid["fy_first"] == aid["fy_last"])]
    peak = years.loc[years["total_revised_usd_m"].idxmax(), "fy_label"]
    missing = years.loc[years["csf_revised_usd_m"].isna(), "fy_label"]
    text = china.us_aid_fall().data
    assert f"peaked in **{peak}**" in text
    assert f"printed no CSF figure for {', '.join(missing)}" in text
    table = china.arms_and_aid().data
    assert table.count("\n| 20") == 2


# ------------------------------------------------------------------ economics (X10)
def test_economic_reliability_reads_the_fatf_and_imf_events():
    text = china.economic_reliability().data
    for event_id in ("EV118", "EV120", "EV125", "EV126", "EV061"):
        assert event_id in text
    assert f"**{_years('EV118', 'EV125')} years** (EV118 to EV125)" in text
    events = pc.load("events")
    year = _events().at["EV118", "date"].year
    of_year = events[(events["date"].dt.year == year) & (events["category"] == "aid_sanction")
                     & _actors(events).map(lambda s: {"USA", "PAK"} <= s and "CHN" not in s)]
    assert len(of_year) >= 2
    for event_id in of_year["event_id"]:
        assert event_id in text
    assert "P000-57" in text and "X10" in text
    assert "cannot be tested here" in text  # no series of Chinese disbursements


# ------------------------------------------------------------------ India factor (X06)
def test_india_factor_events_are_sorted_into_tracks_by_their_actors():
    found = china.india_factor_events()
    for _, row in found.iterrows():
        actors = set(row["actors"].split(";"))
        if row["track"] == "US-India":
            assert {"USA", "IND"} <= actors and "PAK" not in actors
        elif row["track"] == "China-India":
            assert {"CHN", "IND"} <= actors and not {"PAK", "USA"} & actors
        else:
            assert {"CHN", "IND", "PAK"} <= actors
    by_track = found.groupby("track")["event_id"].apply(set)
    assert {"EV105", "EV112", "EV117", "EV124"} <= by_track["US-India"]
    assert {"EV116", "EV122"} <= by_track["China-India"]
    assert {"EV115", "EV119"} <= by_track["Pakistan, India and China"]
    assert (found["date"].dt.year >= 2001).all()


def test_india_factor_argues_from_computed_gaps():
    text = china.india_factor().data
    assert f"**{_years('EV039', 'EV112')} years after** the China treaty" in text
    assert f"**{_days('EV067', 'EV119')} days after**" in text
    assert f"{_years('EV061', 'EV122')} years after the CPEC package" in text
    assert "X06" in text and "P003-11" in text


# ------------------------------------------------------------------ prescriptions (X15)
def test_prescriptions_test_both_papers_against_the_events():
    events = pc.load("events")
    bilateral = events[_actors(events).map(lambda s: s == {"IND", "PAK"})]
    sco = _events().at["EV115", "date"]
    dialogue_after = bilateral[(bilateral["date"] > sco)
                               & (bilateral["category"] == "diplomacy_visit")]
    text = china.prescriptions().data
    assert "full membership in SAARC" in text and "towards a balanced foreign policy" in text
    assert "P000-32" in text and "EV115" in text and "P003-25" in text
    assert ("no dialogue step" in text) == dialogue_after.empty
    dialogue = bilateral[(bilateral["date"].dt.year >= 2001)
                         & (bilateral["category"] == "diplomacy_visit")]
    assert f"since 2001 are {', '.join(dialogue['event_id'])}" in text
    papers = pc.load("seeds")["published"].max()
    for event_id in ("EV081", "EV082", "EV083"):
        assert _events().at[event_id, "date"] > papers and event_id in text


def test_contrast_cards_show_both_positions_from_the_data():
    contrasts = pc.load("contrasts").set_index("contrast_id")
    text = china.contrast_cards(["X06", "X15"]).data
    for cid in ("X06", "X15"):
        assert f"**{cid}: {contrasts.at[cid, 'topic']}**" in text
        assert contrasts.at[cid, "position_b"] in text.replace("\\$", "$")
    with pytest.raises(KeyError):
        china.contrast_cards(["X99"])


# ------------------------------------------------------------------ swap or hedge
def test_ties_grid_marks_the_chosen_phase_with_the_datas_scores():
    rel = pc.load("rsct_relations")
    row = rel[(rel["actor_a"] == "PAK") & (rel["actor_b"] == "USA")
              & (rel["phase"] == "2017-present")].iloc[0]
    text = china.ties_grid("2017-present").data
    assert "| 2017-present ◀ |" in text and "2009-2016 ◀" not in text
    score = f"{int(row['score']):+d}" if row["score"] else "0"
    assert f"{row['kind']} ({score})" in text


def test_swap_or_hedge_counts_the_milestones_held_beside_us_aid():
    aid = summaries.aid_crs_revised()
    last_fy = int(aid.loc[aid["figure_status"] != "request", "fy_last"].max())
    events = pc.load("events")
    both = events[_actors(events).map(lambda s: {"CHN", "PAK"} <= s)
                  & events["category"].isin(china.INTEGRATION_CATEGORIES)
                  & events["date"].dt.year.between(2001, last_fy)]
    text = china.swap_or_hedge().data
    assert f"Yes. {len(both)} China milestones" in text
    assert f"and {last_fy} (" in text
    assert "EV044" not in text


# ------------------------------------------------------------------ exercises
def test_two_tracks_leave_out_the_security_incidents():
    both = china.two_tracks()
    assert not {"EV044", "EV075", "EV076"} & set(both["event_id"])
    us = both[both["track"] != "China"]
    assert _actors(us).map(lambda s: {"USA", "PAK"} <= s).all()
    assert set(us.loc[us["track"] == "US, warming", "event_id"]) <= china.US_WARMING


def test_exercise_1_counts_only_milestones_before_the_first_crisis():
    events = pc.load("events")
    actors = _actors(events)
    crises = events[actors.map(lambda s: {"USA", "PAK"} <= s and "CHN" not in s)
                    & (events["category"] == "diplomatic_crisis")]
    first = crises.sort_values("date").iloc[0]
    steps = events[actors.map(lambda s: {"CHN", "PAK"} <= s)
                   & events["category"].isin(china.INTEGRATION_CATEGORIES)
                   & (events["date"].dt.year >= 2001) & (events["date"] < first["date"])]
    text = china.two_tracks_answer().data
    sentence = re.search(r"\*\*Model answer\.\*\* (\d+) China milestones come before[^)]*\): "
                         r"([^(]*)\(", text)
    assert sentence, text
    assert int(sentence[1]) == len(steps)
    listed = {e.strip() for e in sentence[2].split(",")}
    assert listed == set(steps["event_id"])
    assert "EV044" not in listed


def test_exercise_2_names_the_first_sipri_period_and_the_azhar_listing():
    text = china.disconfirming_checks().data
    assert f"starts with {pc.load('arms_imports')['period'].iloc[0]}" in text
    assert "EV119" in text


def test_phase_counts_match_the_events():
    counts = china.phase_counts().set_index("phase")
    milestones, incidents = china.integration_milestones(), china.security_incidents()
    for phase in counts.index:
        assert counts.at[phase, "China milestones"] == (milestones["phase"] == phase).sum()
        assert counts.at[phase, "China security incidents"] == (incidents["phase"] == phase).sum()
    assert counts.at["2001-2008", "China security incidents"] >= 1  # Lal Masjid, EV044
    answer = china.phase_counts_answer().data
    late = incidents[incidents["phase"] == counts.index[-1]]
    assert ", ".join(late["event_id"]) in answer


def test_years_between():
    assert china.years_between("EV039", "EV040") == pytest.approx(_days("EV039", "EV040") / 365.25)
