"""The additions of 2026-12-03: events, drone counter-estimates, readings, re-checked verdicts.

Facts are read from the data and checked against each other, so a mis-tidied row
or a broken ordering rule fails here.
"""

from __future__ import annotations

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import explore, summaries


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return pc.load("events")


def test_the_new_events_are_in_with_resolving_sources(events):
    ids = set(events["event_id"])
    assert {f"EV{n}" for n in range(101, 127)} <= ids
    known = set(pc.load("sources")["source_id"])
    for cell in events["source_id"]:
        assert set(cell.split(";")) <= known, cell


def test_a_date_spans_its_precision(events):
    day = events[events["date_precision"] == "day"]
    assert (day["date"] == day["date_end"]).all()
    month = events[events["date_precision"] == "month"]
    assert (month["date"].dt.day == 1).all()
    assert (month["date_end"] == month["date"] + pd.offsets.MonthEnd(0)).all()
    year = events[events["date_precision"] == "year"]
    assert ((year["date_end"].dt.month == 12) & (year["date_end"].dt.day == 31)).all()
    assert (events["date_end"].dt.year == events["date"].dt.year).all()


def test_events_are_stored_in_timeline_order_and_causes_precede_effects(events):
    assert list(events["event_id"]) == list(explore.chronological(events)["event_id"])
    assert events["date_end"].is_monotonic_increasing
    pos = {e: i for i, e in enumerate(events["event_id"])}
    assert pos["EV025"] < pos["EV026"]  # the tests (28 May 1998), then the sanctions (May 1998)
    assert pos["EV009"] < pos["EV010"]  # the 1965 war (August), then the embargo (1965)
    # an event added later sorts among the others by date, not by id
    assert pos["EV101"] < pos["EV102"] < pos["EV103"]
    before = events.iloc[pos["EV101"] - 1]
    assert before["date_end"] <= events.iloc[pos["EV101"]]["date_end"]


def test_the_tbij_total_among_the_counter_estimates_matches_the_yearly_table():
    est = pc.load("drone_estimates").set_index("estimate_id")
    tbij = est[est["tracker"].str.startswith("Bureau") & (est["first_year"] == 2004)]
    (row,) = [r for _, r in tbij.iterrows()]
    yearly = pc.load("drone_strikes")
    assert row["strikes"] == yearly["strikes"].sum()
    assert (row["killed_low"], row["killed_high"]) == (yearly["killed_min"].sum(),
                                                       yearly["killed_max"].sum())
    assert (row["civilians_low"], row["civilians_high"]) == (yearly["civilians_min"].sum(),
                                                             yearly["civilians_max"].sum())


def test_the_us_government_counts_are_not_pakistan_only():
    est = pc.load("drone_estimates")
    odni = est[est["tracker"].str.contains("ODNI")]
    assert len(odni) == 2 and not odni["pakistan_only"].any()
    assert est.loc[est["scope"] == "Pakistan", "pakistan_only"].all()
    assert (est["civilians_low"] <= est["civilians_high"]).all()
    caveats = " ".join(pc.describe("drone_estimates").caveats)
    assert "not Pakistan alone" in caveats and "Not one series" in caveats


def test_readings_cover_several_perspectives_and_resolve():
    readings = pc.load("readings")
    assert len(readings) == 15 and readings["reading_id"].is_unique
    firsts = set(readings["perspective"].str.split(" ").str[0])
    assert {"US-based", "Pakistani", "Indian", "theory"} <= firsts
    known = set(pc.load("sources")["source_id"])
    for cell in readings["source_id"]:
        assert set(cell.split(";")) <= known, cell


def test_a_claim_resting_on_a_contradicted_figure_is_not_called_supported_or_unverified():
    claims = pc.load("claims").set_index("claim_id")
    figures = pc.load("paper_figures")
    for _, f in figures[figures["verdict"] == "contradicted"].iterrows():
        for claim_id in str(f["claim_id"]).split(";"):
            if claim_id in claims.index:
                assert claims.loc[claim_id, "verdict"] in ("contradicted", "partly_supported"), (
                    f["figure_id"], claim_id)
    assert claims.loc["P000-25", "verdict"] == "contradicted"


def test_phase_totals_keep_csf_not_printed_missing_not_zero():
    totals = summaries.aid_phase_totals()
    late = totals.loc["2017-present"]
    assert pd.isna(late["csf_usd_m"])
    assert late["csf_not_printed"] == "FY2017, FY2018"
    assert late["total_usd_m"] == late["security_usd_m"] + late["economic_usd_m"]
    assert totals.loc["2009-2016", "csf_not_printed"] == ""
    box = explore.phase_summary("2017-present").text
    assert "no CSF figure printed by CRS (FY2017, FY2018)" in box
    assert "US$ 0.00 bn" not in box


def test_contested_events_attribute_each_sides_claim(events):
    balakot = events.set_index("event_id").loc["EV067"]
    assert balakot["description"].startswith("India said")
    assert "Pakistan said" in balakot["description"]
    assert {"DAWN_2019_BALAKOT", "APP_2019_NSC_BALAKOT"} <= set(balakot["source_id"].split(";"))
    surgical = events.set_index("event_id").loc["EV114"]
    assert "India" in surgical["description"] and "Pakistan" in surgical["description"]
