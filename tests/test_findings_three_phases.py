"""The three-phases findings (lesson 02): each figure is recomputed here from the data."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import data, summaries
from pakfp_course.errors import UnknownChoiceError
from pakfp_course.findings import three_phases as tp
from pakfp_course.lesson import usd_m


def _flat(text: str) -> str:
    return " ".join(text.replace("\\$", "$").split())


def _greenbook_pak() -> pd.DataFrame:
    gb = pc.load("aid_greenbook")
    gb = gb[gb["recipient"] == "PAK"].set_index("fiscal_year")
    return gb["economic_current_usd_m"] + gb["military_current_usd_m"]


def _est(estimate_id: str) -> pd.Series:
    return pc.load("drone_estimates").set_index("estimate_id").loc[estimate_id]


def _r(low, high) -> str:
    return f"{int(low):,}" if low == high else f"{int(low):,}–{int(high):,}"


# ------------------------------------------------------------------ module hygiene
def test_module_is_small_documented_and_exports_what_it_defines():
    source = inspect.getsource(tp)
    assert len(source.splitlines()) < 600
    for name in tp.__all__:
        obj = getattr(tp, name)
        if callable(obj) and not isinstance(obj, type):
            assert obj.__doc__, name


# ------------------------------------------------------------------ events
def test_key_events_belong_to_their_phase_and_threads_exist():
    events = pc.load("events").set_index("event_id")
    for phase, ids in tp.KEY_EVENTS.items():
        assert set(events.loc[ids, "phase"]) == {phase}, phase
    threaded = {i for ids in tp.THREADS.values() for i in ids}
    assert {"EV105", "EV108", "EV110", "EV112", "EV104", "EV106", "EV107"} <= threaded
    assert threaded <= set(events.index)
    # the war at home holds Lal Masjid (EV044): a domestic operation, not an integration milestone
    assert "EV044" in tp.THREADS["The war at home"]


def test_threads_are_listed_in_timeline_order():
    text = tp.phase_threads().data
    for ids in tp.THREADS.values():
        dated = pc.load("events").set_index("event_id").loc[list(ids), "date"]
        positions = [text.index(f"**{i}**") for i in dated.sort_values().index]
        assert positions == sorted(positions)


def test_key_events_table_marks_the_chosen_phase_only():
    text = tp.key_events_table("2009-2016").data
    assert text.count("(your phase)") == 1 and "Diverging interests (your phase)" in text
    assert "(your phase)" not in tp.key_events_table("all").data
    with pytest.raises(UnknownChoiceError):
        tp.key_events_table("1990s")


def test_boundary_events_straddle_both_boundaries():
    events = pc.load("events").set_index("event_id").loc[tp.BOUNDARY_EVENTS]
    assert set(events["phase"]) == {"2001-2008", "2009-2016", "2017-present"}
    assert {"EV049", "EV063", "EV105", "EV112"} <= set(tp.BOUNDARY_EVENTS)


# ------------------------------------------------------------------ aid
def test_block_ranking_reads_crs_and_greenbook():
    b = tp.block_ranking()
    aid = summaries.aid_crs_revised()
    aid = aid[aid["figure_status"] != "request"]
    block = aid[aid["fy_first"] < aid["fy_last"]].iloc[0]
    assert (b.fy_first, b.fy_last, b.total_usd_m) == (block["fy_first"], block["fy_last"],
                                                      block["total_usd_m"])
    singles = aid[aid["fy_first"] == aid["fy_last"]]
    assert b.top_single_usd_m == singles["total_revised_usd_m"].max()
    gb = _greenbook_pak()
    inside = gb.loc[b.fy_first:b.fy_last]
    assert b.greenbook_top_year == inside.idxmax()
    assert b.greenbook_peak_year == gb.loc[b.fy_first:].idxmax()
    assert len(b.greenbook) == b.n_years  # the Greenbook has every year of the block
    assert b.share_needed == pytest.approx(b.top_single_usd_m / b.total_usd_m)
    # the CRS block could hide a year above FY2010: that is why CRS alone cannot rank them
    assert b.share_needed < 1


def test_aid_block_notes_say_crs_cannot_rank_and_name_the_greenbook():
    b = tp.block_ranking()
    text = _flat(tp.aid_block_notes().data)
    assert "cannot rank the years inside the block" in text
    assert "Greenbook (`aid_greenbook`)" in text
    assert f"**FY{b.greenbook_top_year}** ({usd_m(b.greenbook_top_usd_m)}" in text
    assert f"{b.csf_share:.0%} of the CRS block" in text


def test_per_year_aid_keeps_csf_not_printed_missing():
    t = tp.aid_per_year()
    totals = summaries.aid_phase_totals()
    for phase, r in t.iterrows():
        excl = totals.loc[phase, "security_usd_m"] + totals.loc[phase, "economic_usd_m"]
        assert r["per_year_excl_csf"] == pytest.approx(excl / r["fiscal_years"])
        if pd.isna(totals.loc[phase, "csf_usd_m"]):
            assert pd.isna(r["per_year_incl_csf"]), phase
        else:
            assert r["per_year_incl_csf"] == pytest.approx(r["total_usd_m"] / r["fiscal_years"])
    assert pd.isna(t.loc["2017-present", "per_year_incl_csf"])


def test_per_year_table_says_not_printed_never_na_or_zero():
    text = _flat(tp.aid_per_year_table().data)
    assert "<NA>" not in text and "nan" not in text.lower().split()
    row = next(line for line in tp.aid_per_year_table().data.splitlines()
               if line.startswith("| 2017-present"))
    assert "not printed" in row and "(no CSF printed for FY2017, FY2018)" in row
    t = tp.aid_per_year()
    ratio = t.loc["2009-2016", "per_year_excl_csf"] / t.loc["2001-2008", "per_year_excl_csf"]
    assert f"{ratio:.1f} times" in text


def test_aid_peak_notes_rank_the_block_years_with_the_greenbook():
    b = tp.block_ranking()
    text = _flat(tp.aid_peak_notes().data)
    assert f"highest year inside the block is FY{b.greenbook_top_year}" in text
    assert f"**FY{b.greenbook_peak_year}**" in text
    assert f"{b.greenbook_peak_usd_m / b.greenbook_top_usd_m:.1f} times as much" in text


def test_csf_shares_are_missing_where_not_printed_and_the_answer_says_so():
    s = tp.csf_shares()
    totals = summaries.aid_phase_totals()
    assert s.loc["2001-2008", "CSF share (FY2013 revised)"] == pytest.approx(
        float(totals.loc["2001-2008", "csf_usd_m"] / totals.loc["2001-2008", "total_usd_m"]))
    assert s.loc["2017-present"].isna().all()
    text = tp.csf_share_answer().data
    late = next(line for line in text.splitlines() if line.startswith("| 2017-present"))
    assert "0%" not in late and late.count("not printed") == 3
    assert '"not printed", not 0 %' in text


# ------------------------------------------------------------------ drones
def test_drone_notes_are_tbij_and_say_so():
    totals = summaries.drone_strike_phase_totals()
    text = _flat(tp.drone_phase_notes().data)
    assert "by TBIJ's count" in text
    mid = totals.loc["2009-2016"]
    assert f"civilians {mid['civilians_min']:,} to {mid['civilians_max']:,}" in text


def test_relation_of_ranges():
    assert tp.relation(3, 9, 68, 157) == "wholly below"
    assert tp.relation(200, 300, 68, 157) == "wholly above"
    assert tp.relation(72, 155, 68, 157) == "overlapping"
    assert tp.relation(158, 158, 158, 300) == "overlapping"


def test_tracker_windows_compare_like_periods_only():
    est = pc.load("drone_estimates")
    for first, last in tp.TRACKER_WINDOWS:
        w = tp.tracker_window(first, last)
        published = w.rows[w.rows["estimate_id"].str.startswith("DE")]
        expected = est[(est["first_year"] == first) & (est["last_year"] == last)
                       & est["civilians_low"].notna()]
        assert set(published["estimate_id"]) == set(expected["estimate_id"])
        assert "Investigative" in w.reference["tracker"]
    with pytest.raises(UnknownChoiceError):
        tp.tracker_window(1990, 1991)


def test_tbij_yearly_series_is_added_where_it_differs():
    strikes = pc.load("drone_strikes").set_index("year")
    w2011 = tp.tracker_window(2011, 2011)
    series = w2011.rows[w2011.rows["estimate_id"] == "drone_strikes"].iloc[0]
    assert (series["civilians_low"], series["civilians_high"]) == (
        strikes.loc[2011, "civilians_min"], strikes.loc[2011, "civilians_max"])
    assert w2011.reference["estimate_id"] == "DE13"
    wall = tp.tracker_window(2004, 2018)  # DE15 is the series' total: not repeated
    assert "drone_strikes" not in set(wall.rows["estimate_id"])
    assert "totals of the current yearly series" in wall.reference["as_of"]
    wob = tp.tracker_window(2009, 2015)
    bush = int(strikes.loc[2009, "strikes_bush"])
    assert f"includes {bush} strikes under Bush" in wob.reference["period"]
    odni = wob.rows[wob.rows["tracker"].str.contains("ODNI")].iloc[0]
    assert not odni["pakistan_only"]


def test_civilian_count_verdict_is_worded_from_the_numbers():
    text = tp.civilian_count_verdict()
    na, lwj, tbij = _est("DE01"), _est("DE12"), _est("DE15")
    assert f"({_r(na['civilians_low'], na['civilians_high'])}) lies wholly below TBIJ's " \
           f"({_r(tbij['civilians_low'], tbij['civilians_high'])})" in text
    assert f"({_r(lwj['civilians_low'], lwj['civilians_high'])})" in text
    col, tbij11 = _est("DE14"), _est("DE13")
    assert f"recount ({_r(col['civilians_low'], col['civilians_high'])}) overlaps" in text
    assert f"({_r(tbij11['civilians_low'], tbij11['civilians_high'])})" in text
    dni = _est("DE16")
    assert f"({_r(dni['civilians_low'], dni['civilians_high'])})" in text
    assert "covers other countries too" in text
    assert "holds for some trackers and periods, not for all" in text


def test_civilian_count_verdict_follows_the_data(monkeypatch):
    real = data.load

    def fake(name: str) -> pd.DataFrame:
        frame = real(name)
        if name == "drone_estimates":  # suppose New America had counted as many as TBIJ
            frame.loc[frame["estimate_id"] == "DE01", ["civilians_low", "civilians_high"]] = (
                500, 900)
        return frame

    monkeypatch.setattr(data, "load", fake)
    text = tp.civilian_count_verdict()
    assert "(500–900) overlaps TBIJ's" in text
    assert "disagree more about who was killed" not in text


def test_tracker_comparison_shows_scope_vintage_and_revisions():
    text = tp.tracker_comparison().data
    assert text.count("| tracker | Pakistan only? | period | vintage |") == len(
        tp.TRACKER_WINDOWS)
    odni = next(line for line in text.splitlines() if line.startswith("| US government"))
    assert "| no |" in odni
    assert "*Note on DE09, as recorded with the data:*" in text
    assert "**What this means.**" in text


def test_pf013_note_compares_trackers_over_the_same_years():
    pf = pc.load("paper_figures").set_index("figure_id").loc["PF013"]
    note = pf["note"]
    assert "Other trackers count even fewer civilians." not in note
    na, lwj = _est("DE01"), _est("DE12")
    assert f"New America counts {int(na['civilians_low'])}-{int(na['civilians_high'])}" in note
    assert f"Long War Journal {int(lwj['civilians_low'])}" in note
    col, tbij11 = _est("DE14"), _est("DE13")
    assert f"({int(col['civilians_low'])}-{int(col['civilians_high'])})" in note
    assert f"({int(tbij11['civilians_low'])}-{int(tbij11['civilians_high'])})" in note
    cited = set(pf["source_id"].split(";"))
    for row in (na, lwj, col):
        assert set(row["source_id"].split(";")) & cited


# ------------------------------------------------------------------ contrasts
def test_contrast_cards_name_the_paper_that_errs_from_the_verdicts():
    claims = pc.load("claims").set_index("claim_id")
    x12 = _flat(tp.agreements_contrast().data)
    assert claims.loc["P002-23", "verdict"] == "contradicted"
    assert "**Where a paper errs:** majeed-2024 (P002-23" in x12
    x14 = _flat(tp.endgame_contrast().data)
    assert "Where a paper errs" not in x14 and "No claim tested here is contradicted" in x14
    x09 = _flat(tp.contrast_card("X09", ["P000-03"]).data)
    assert "**Where a paper errs:** yousaf-ma-2025 (P000-03" in x09
    with pytest.raises(UnknownChoiceError):
        tp.contrast_card("X99")


def test_agreements_contrast_counts_the_2003_events_and_the_treaties():
    e = pc.load("events")
    both = e["actors"].str.contains("USA") & e["actors"].str.contains("PAK")
    n2003 = int((both & (e["date"].dt.year == 2003)).sum())
    text = _flat(tp.agreements_contrast().data)
    assert f"holds **{n2003}** US–Pakistan events dated 2003" in text
    assert "only one is a treaty: EV039" in text


def test_endgame_contrast_months_computed_from_the_events():
    e = pc.load("events").set_index("event_id")
    months = round((e.loc["EV073", "date"] - e.loc["EV071", "date"]).days / 30.44)
    assert f"{months} months after the last US flight left Kabul" in tp.endgame_contrast().data


def test_cost_table_adds_up():
    cost = pc.load("cost_of_war")
    assert f"US$ {cost['cost_usd_bn'].sum():,.2f} bn" in _flat(tp.cost_per_phase_table().data)
