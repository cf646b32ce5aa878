"""The logic behind the explorers, tested without a kernel (pakfp_course.explore)."""

from __future__ import annotations

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import explore, ledger, summaries
from pakfp_course.errors import UnknownChoiceError


def test_phase_summary_totals_come_from_the_data():
    s = explore.phase_summary("2009-2016")
    aid = summaries.aid_crs_revised()
    in_phase = aid[(aid.phase == "2009-2016") & (aid.figure_status != "request")]
    expected = in_phase["security_usd_m"].sum() + in_phase["economic_usd_m"].sum() + \
        in_phase["csf_revised_usd_m"].fillna(0).sum()
    assert s.facts[0]["value"] == f"US$ {expected / 1000:,.2f} bn"
    drones = pc.load("drone_strikes")
    strikes = drones[drones.year.between(2009, 2016)]["strikes"].sum()
    assert f"{strikes:,} strikes" in s.facts[3]["value"]
    events = pc.load("events")
    assert len(s.events) == (events.phase == "2009-2016").sum()
    assert s.events["date"].is_monotonic_increasing
    assert "2009-2016" in s.alt and s.text.startswith("Diverging interests")


def test_phase_summaries_differ_between_phases():
    a, b = explore.phase_summary("2001-2008"), explore.phase_summary("2017-present")
    assert a.facts[0]["value"] != b.facts[0]["value"]
    assert "Greenbook" in explore.phase_summary("cold-war").facts[0]["measure"]


def test_unknown_phase_names_the_valid_ones():
    with pytest.raises(UnknownChoiceError, match="'cold-war', '2001-2008'"):
        explore.phase_summary("2008")


def test_filter_events_by_years_and_category():
    got = explore.filter_events(2005, 2008, ["nuclear"])
    events = pc.load("events")
    want = events[(events.date.dt.year.between(2005, 2008)) & (events.category == "nuclear")]
    assert set(got.event_id) == set(want.event_id) and len(got) > 0
    assert explore.filter_events(1947, 2025).shape[0] == len(events)
    assert explore.filter_events(2005, 2008, []).empty


@pytest.mark.parametrize(("start", "end", "match"), [
    (2010, 2005, "empty year range 2010-2005"), (1900, 2000, "outside the data")])
def test_bad_year_ranges(start, end, match):
    with pytest.raises(ValueError, match=match):
        explore.filter_events(start, end)


def test_unknown_category_names_the_valid_ones():
    with pytest.raises(UnknownChoiceError) as info:
        explore.filter_events(2000, 2010, ["nuclear", "nukes"])
    assert "'nukes'" in str(info.value) and "'terrorist_attack'" in str(info.value)


def test_timeline_alt_reports_count_and_extremes():
    events = explore.filter_events(2011, 2011)
    alt = explore.timeline_alt(events, 2011, 2011)
    assert f"{len(events)} events" in alt
    assert events.iloc[0]["title"] in alt and events.iloc[-1]["title"] in alt
    assert "no events" in explore.timeline_alt(events.iloc[0:0], 2011, 2011)


def test_aid_view_crs_alt_computes_peak_and_total():
    v = explore.aid_view("crs", ("security", "economic", "csf"))
    aid = summaries.aid_crs_revised()
    single = aid[(aid.fy_first == aid.fy_last) & (aid.figure_status != "request")]
    totals = single[["security_usd_m", "economic_usd_m", "csf_usd_m"]].fillna(0).sum(axis=1)
    assert single.loc[totals.idxmax(), "fy_label"] in v.alt
    assert any("six-year block" in n for n in v.notes)


def test_aid_view_greenbook_maps_components_and_says_what_it_drops():
    v = explore.aid_view("greenbook", ("security", "csf"), "constant")
    assert v.components == ("military",)
    assert any("no Coalition Support Funds" in n for n in v.notes)
    with pytest.raises(ValueError, match="only economic and military"):
        explore.aid_view("greenbook", ("csf",))
    with pytest.raises(UnknownChoiceError, match="'crs', 'greenbook'"):
        explore.aid_view("usaid", ("economic",))
    with pytest.raises(ValueError, match="at least one"):
        explore.aid_view("crs", ())


def test_ledger_moves_with_the_estimates():
    with_csf = explore.ledger_verdict("crs_with_csf", "survey_2017_18", "costs_of_war_2018")
    without = explore.ledger_verdict("crs_without_csf", "survey_2017_18", "costs_of_war_2018")
    assert with_csf.table["aid_usd_bn"].sum() == pytest.approx(34.183)
    assert without.table["aid_usd_bn"].sum() == pytest.approx(34.183 - 14.573)
    assert with_csf.table["cost_usd_bn"].sum() == pytest.approx(126.79)
    assert with_csf.headline != without.headline
    assert list(with_csf.table.index) == ["2001-2008", "2009-2016", "2017-present"]


def test_a_lump_sum_estimate_gives_one_all_row():
    v = explore.ledger_verdict("crs_with_csf", "political_2021", "political_2021")
    assert list(v.table.index) == ["all"]
    assert v.table.loc["all", "cost_usd_bn"] == 150
    assert v.lives["low"] == 70000
    assert "SEED003" in v.table.loc["all", "source_id"]


def test_ledger_labels_every_choice_with_its_source():
    table = ledger.ledger_table("greenbook", "survey_2014_15")
    sources = set(pc.load("sources")["source_id"])
    for cell in table["source_id"]:
        assert set(pc.data.split_ids(cell)) <= sources
    assert table["aid_label"].iloc[0].startswith("US aid obligations")
    with pytest.raises(UnknownChoiceError, match="'crs_with_csf'"):
        ledger.ledger_table("crs", "survey_2017_18")


def test_lives_estimates_come_from_war_deaths():
    wd = pc.load("war_deaths")
    total = wd[(wd.period_label == "Oct 2001-Sep 2013") & wd.is_total].iloc[0]
    est = ledger.lives_estimate("costs_of_war_2013")
    assert (est["low"], est["high"]) == (total["deaths_low"], total["deaths_high"])


def test_relations_for_a_phase_strongest_first():
    rel = explore.relations_for("2009-2016")
    assert (rel.phase == "2009-2016").all()
    assert rel["score"].abs().is_monotonic_decreasing
    alt = explore.rsct_alt("2009-2016", rel)
    assert f"{len(rel)} pairs" in alt


def test_claims_filter_and_counts():
    khan = explore.filter_claims("khan-2024")
    assert (khan.paper_id == "khan-2024").all() and len(khan) > 0
    contradicted = explore.filter_claims("all", "contradicted")
    assert "P000-03" in set(contradicted.claim_id)  # Raymond Davis: 2011, not 2010
    counts = explore.verdict_counts("all")
    assert counts.sum() == len(pc.load("claims"))
    assert list(counts.index) == list(explore.VERDICTS)
    assert f"{counts.sum()} checked claims" in explore.verdict_alt("all", counts)
    with pytest.raises(UnknownChoiceError, match="'khan-2024'"):
        explore.filter_claims("khan")
    with pytest.raises(UnknownChoiceError, match="'contradicted'"):
        explore.filter_claims("all", "wrong")


def test_event_categories_follow_the_schema():
    cats = explore.event_categories()
    assert set(pc.load("events")["category"]) <= set(cats)
    assert isinstance(pd.Index(cats), pd.Index)


def test_dates_say_when_the_day_or_month_is_unknown():
    events = pc.load("events")
    dates = explore.approximate_dates(events)
    assert list(dates) == [explore.approximate_date(r) for _, r in events.iterrows()]
    by_precision = dict(zip(events["date_precision"], dates, strict=True))
    assert by_precision["month"].endswith(" (day unknown)")
    assert by_precision["year"].endswith(" (month unknown)")
    assert "unknown" not in by_precision["day"]
    assert explore.approximate_dates(events.iloc[0:0]).empty
