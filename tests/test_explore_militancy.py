"""The logic of the militancy explorer (pakfp_course.explore.militancy_view), without a kernel."""

from __future__ import annotations

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import explore
from pakfp_course.errors import UnknownChoiceError


def _full_years(fat: pd.DataFrame) -> pd.DataFrame:
    days = (fat.period_end - fat.period_start).dt.days
    return fat[(days <= 366) & fat.total.notna()]


def test_the_war_at_home_events_exist_with_their_kinds_and_dates():
    events = pc.load("events").set_index("event_id")
    got = explore.war_at_home_events()
    assert list(got.event_id) == list(explore.chronological(
        events.loc[list(explore.WAR_AT_HOME)].reset_index()).event_id)
    assert set(got.kind) == set(explore.MILITANCY_KINDS)
    for r in got.itertuples():
        assert r.date_label == events.loc[r.event_id, "date_label"]
        assert (r.kind, r.label) == explore.WAR_AT_HOME[r.event_id]
    # the operations are military operations in the data; the TTP's founding is there too
    ops = got[got.kind == "operations"]
    assert set(events.loc[ops.event_id, "category"]) == {"military_operation"}
    assert {"EV104", "EV106", "EV107", "EV059", "EV060"} <= set(got.event_id)


def test_the_view_draws_every_full_year_figure_of_the_years_and_leaves_out_the_rest():
    v = explore.militancy_view(2001, 2025)
    fat = pc.load("fatalities")
    want = _full_years(fat[fat.period_start.dt.year.between(2001, 2025)])
    assert sorted(v.fatalities.figure_id) == sorted(want.figure_id)
    cumulative = fat[(fat.period_end - fat.period_start).dt.days > 366]
    assert all(r.period_label in " ".join(v.notes) for r in cumulative.itertuples())
    no_total = fat[fat.total.isna()]
    assert f"{len(no_total)} figure(s)" in " ".join(v.notes)
    assert len(v.strikes) == len(pc.load("drone_strikes"))


def test_the_alt_text_states_the_extremes_computed_from_the_data():
    v = explore.militancy_view(2009, 2016)
    fat = _full_years(pc.load("fatalities"))
    fat = fat[fat.period_start.dt.year.between(2009, 2016)]
    hi, lo = fat.loc[fat.total.idxmax()], fat.loc[fat.total.idxmin()]
    assert f"highest {hi.total:,} ({hi.tracker}, {hi.period_label}" in v.alt
    assert f"lowest {lo.total:,} ({lo.tracker}, {lo.period_label}" in v.alt
    drones = pc.load("drone_strikes").query("2009 <= year <= 2016")
    peak = drones.loc[drones.strikes.idxmax()]
    assert f"{int(drones.strikes.sum()):,} in 2009-2016" in v.alt
    assert f"most in {peak.year} ({peak.strikes:,})" in v.alt
    assert f"{len(v.events)} events" in v.alt and "Zarb-e-Azb (2014-06-15)" in v.alt


def test_one_tracker_is_one_series_with_its_first_last_and_highest_year():
    v = explore.militancy_view(2003, 2024, ["SATP"])
    assert set(v.fatalities.tracker) == {"SATP"} and v.trackers == ("SATP",)
    assert "not one series" not in v.alt
    satp = _full_years(pc.load("fatalities").query("tracker == 'SATP'"))
    satp = satp[~satp.partial_period].sort_values("as_of").drop_duplicates(
        "period_label", keep="last")  # two readings of 2009: keep the newest
    first = satp.loc[satp.period_start.idxmin()]
    last = satp.loc[satp.period_start.idxmax()]
    assert f"from {first.total:,} in {first.period_start.year}" in v.alt
    assert f"to {last.total:,} in {last.period_start.year}" in v.alt
    assert "(SATP)" in v.title


def test_kinds_and_drones_filter_what_is_shown():
    v = explore.militancy_view(2001, 2025, kinds=["operations"], drones=False)
    assert set(v.events.kind) == {"operations"} and v.strikes.empty
    assert "drone strikes" not in v.alt and not any("Bars" in n for n in v.notes)
    none = explore.militancy_view(1950, 1960)
    assert none.fatalities.empty and none.events.empty and none.strikes.empty
    assert "no fatality figures" in none.alt and "TBIJ covers 2004-2018" in none.alt


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"trackers": ["SATP", "ACLED"]}, r"'ACLED'.*Valid choices: 'SATP', 'PIPS'"),
    ({"kinds": ["bombings"]}, r"'bombings'.*'militancy', 'operations', 'us_strikes'"),
])
def test_bad_choices_name_the_valid_ones(kwargs, match):
    with pytest.raises(UnknownChoiceError, match=match):
        explore.militancy_view(2001, 2025, **kwargs)


def test_bad_year_ranges_are_refused():
    with pytest.raises(ValueError, match="empty year range 2016-2009"):
        explore.militancy_view(2016, 2009)
    with pytest.raises(ValueError, match="outside the data"):
        explore.militancy_view(1900, 2000)


def test_trackers_follow_the_schema_and_definitions_read_as_words():
    trackers = explore.fatality_trackers()
    assert set(trackers) == set(pc.load("fatalities").tracker) and trackers[0] == "SATP"
    assert explore.definition_words("satp_terrorism_related") == "terrorism related"
    assert explore.definition_words("terrorist_attacks_only") == "terrorist attacks only"
