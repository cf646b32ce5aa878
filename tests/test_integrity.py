"""Integrity checks that would catch a wrong number in the course data.

The expected figures here are the ones printed by the sources (CRS, the
Pakistan Economic Survey, the Bureau of Investigative Journalism, Costs of
War), so a typo in a CSV fails a test.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import phases, summaries
from pakfp_course.data import split_ids
from pakfp_course.resources import course_path


def _totals(label_start: str, table_date: str) -> pd.Series:
    t = pc.load("aid_crs_totals")
    row = t[t.total_id.str.startswith(label_start) & (t.crs_table_date == table_date)]
    assert len(row) == 1
    return row.iloc[0]


def test_crs_rows_add_up_to_their_printed_totals():
    aid = pc.load("aid_crs")
    parts = aid[["security_usd_m", "economic_usd_m", "csf_usd_m"]].fillna(0).sum(axis=1)
    off = (parts - aid["total_usd_m"]).abs()
    assert (off <= 1).all(), aid.loc[off > 1, "fy_label"].tolist()  # ±1 for rounding (FY2018)


def test_crs_years_to_fy2013_match_the_2014_table_as_printed():
    aid = pc.load("aid_crs")
    upto = aid[aid.fy_last <= 2013]
    printed = _totals("FY2002-FY2013", "2014-03-06")
    for col in ["security_usd_m", "economic_usd_m", "csf_usd_m", "total_usd_m"]:
        assert upto[col].sum() == printed[col], col


def test_fy2002_fy2018_reaches_the_printed_34183_only_with_the_fy2013_revision():
    revised = summaries.aid_crs_revised()
    revised = revised[revised.figure_status != "request"]
    printed = _totals("FY2002-FY2018", "2019-03-12")
    assert printed["total_usd_m"] == 34183
    assert abs(revised["total_revised_usd_m"].sum() - printed["total_usd_m"]) <= 1
    assert revised["csf_revised_usd_m"].sum() == printed["csf_usd_m"]
    # the printed FY2013 figure alone falls short by the revision, not by a typo
    assert revised["total_usd_m"].sum() < printed["total_usd_m"] - 1000
    fy13 = revised.set_index("fy_label").loc["FY2013"]
    assert fy13["csf_usd_m"] == 353 and bool(fy13["csf_derived"])
    assert fy13["csf_revised_usd_m"] == 1438


def test_fy2002_2007_stays_one_aggregate_block():
    aid = pc.load("aid_crs").set_index("fy_label")
    block = aid.loc["FY2002-FY2007"]
    assert (block["fy_first"], block["fy_last"]) == (2002, 2007)
    assert block["figure_status"] == "appropriation_aggregate"
    assert not any(label in aid.index for label in ["FY2002", "FY2003", "FY2007"])


def test_phase_totals_add_up_to_the_whole():
    by_phase = summaries.aid_phase_totals()
    assert by_phase["total_usd_m"].sum() == 34183
    assert list(by_phase.index) == ["2001-2008", "2009-2016", "2017-present"]
    no_csf = summaries.aid_phase_totals(include_csf=False)
    assert (no_csf["csf_usd_m"] == 0).all()
    assert no_csf["total_usd_m"].sum() == 34183 - 14573


def test_cost_of_war_sums_to_the_survey_total():
    cost = pc.load("cost_of_war")
    assert round(cost["cost_usd_bn"].sum(), 2) == 126.79
    vintages = pc.load("cost_of_war_vintages").set_index("survey_edition")
    assert vintages.loc["Pakistan Economic Survey 2017-18", "cumulative_usd_bn"] == 126.79
    assert round(summaries.cost_of_war_phase_totals()["cost_usd_bn"].sum(), 2) == 126.79
    last = cost.iloc[-1]
    assert bool(last["partial_period"]) and last["period_end"] == pd.Timestamp("2018-02-28")


def test_drone_strikes_total_430():
    drones = pc.load("drone_strikes")
    assert drones["strikes"].sum() == 430
    eras = drones[["strikes_bush", "strikes_obama", "strikes_trump"]].sum(axis=1)
    assert (eras == drones["strikes"]).all()
    for kind in ["killed", "civilians", "children", "injured"]:
        assert (drones[f"{kind}_min"] <= drones[f"{kind}_max"]).all(), kind
    assert summaries.drone_strike_phase_totals()["strikes"].sum() == 430


def test_war_deaths_categories_sum_to_the_printed_total():
    wd = pc.load("war_deaths")
    block = wd[wd.period_label == "Oct 2001-Sep 2013"]
    parts, total = block[~block.is_total], block[block.is_total].iloc[0]
    assert parts["deaths_low"].sum() == total["deaths_low"]
    assert parts["deaths_high"].sum() == total["deaths_high"]


def test_phases_are_contiguous_from_1947_to_the_present():
    table = phases.phase_table()
    assert tuple(table.index) == phases.PHASE_IDS
    starts, ends = table["start_year"].tolist(), table["end_year"].tolist()
    assert starts[1] == 2001 and pd.isna(ends[-1])
    for end, nxt in zip(ends[:-1], starts[1:], strict=True):
        assert nxt == end + 1


def test_every_event_after_9_11_has_the_right_phase():
    events = pc.load("events")
    after = events[events.date >= pd.Timestamp("2001-09-11")]
    assert len(after) > 40
    assert after["phase"].notna().all()
    assert after["phase"].isin(phases.PHASE_IDS[1:]).all()
    for date, phase in zip(events["date"], events["phase"], strict=True):
        assert phases.phase_for_date(date) == phase


def test_fatalities_is_several_series_with_periods():
    fat = pc.load("fatalities")
    assert fat["tracker"].nunique() >= 6
    assert (fat["period_end"] >= fat["period_start"]).all()
    sat09 = fat[(fat.tracker == "SATP") & (fat.period_label == "2009")]
    assert sorted(sat09["total"]) == [11317, 11704]  # two vintages, both kept
    partial = fat[fat.partial_period]
    spans = (partial.period_end - partial.period_start).dt.days
    assert (spans < 365).all()
    assert {"terrorist_attacks_only", "all_violence"} <= set(fat["definition"])


def test_every_source_id_everywhere_resolves():
    known = set(pc.load("sources")["source_id"])
    for name in pc.list_datasets():
        for cell in pc.load(name)["source_id"]:
            assert set(split_ids(cell)) <= known, (name, cell)


def test_rsct_relations_are_consistent_and_grounded():
    rel = pc.load("rsct_relations")
    events = set(pc.load("events")["event_id"])
    positive = rel.kind.isin(["amity", "alignment"])
    negative = rel.kind.isin(["enmity"])
    assert (rel.loc[positive, "score"] >= 1).all()
    assert (rel.loc[negative, "score"] <= -1).all()
    assert (rel.loc[rel.kind == "rivalry", "score"] <= 0).all()
    assert (rel.paper_sections.notna() | rel.event_ids.notna()).all()
    for cell in rel["event_ids"].dropna():
        assert set(split_ids(cell)) <= events
    core = {("PAK", "USA"), ("PAK", "CHN"), ("PAK", "IND"), ("USA", "CHN"), ("USA", "IND")}
    for phase in phases.PHASE_IDS:
        pairs = set(zip(*rel[rel.phase == phase][["actor_a", "actor_b"]].T.values, strict=True))
        assert core <= pairs, phase


def _seed_text(paper_id: str) -> str:
    seeds = pc.load("seeds").set_index("paper_id")
    path = course_path("seeds") / seeds.loc[paper_id, "file"].removeprefix("seeds/")
    text = path.read_text(encoding="utf-8").replace("\\$", "$")
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("dataset", ["paper_figures", "claims"])
def test_quotes_occur_verbatim_in_the_papers(dataset):
    texts = {p: _seed_text(p) for p in pc.load("seeds")["paper_id"]}
    missing = []
    for row in pc.load(dataset).itertuples():
        quote = re.sub(r"\s+", " ", row.quote.replace("\\$", "$"))
        pieces = [p.strip(" '\"") for p in re.split(r"\.\.\.|…", quote) if p.strip(" '\"")]
        if not all(p in texts[row.paper_id] for p in pieces):
            missing.append(row[1])
    assert missing == []


def test_paper_figures_link_to_existing_claims():
    claims = set(pc.load("claims")["claim_id"])
    linked = pc.load("paper_figures")["claim_id"].dropna()
    assert set(linked) <= claims
    assert {"P003-05", "P003-08", "P003-09", "P000-29", "P000-25"} <= set(linked)


def test_seed_files_exist_and_are_the_papers():
    for row in pc.load("seeds").itertuples():
        text = _seed_text(row.paper_id)
        assert row.title.split(":")[0].lower() in text.lower()


def test_phase_totals_name_the_phases_they_cover():
    with pytest.raises(ValueError, match="drone strike data do not cover phase 'cold-war'"):
        summaries.drone_strike_phase_totals("cold-war")
    with pytest.raises(ValueError, match="phases covered: 2001-2008, 2009-2016, 2017-present"):
        summaries.aid_phase_totals("cold-war")
