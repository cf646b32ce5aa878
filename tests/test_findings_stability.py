"""Lesson 07's findings (``findings.stability``): facts read from the data (issue 11)."""

from __future__ import annotations

import inspect
import itertools
from pathlib import Path

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import explore
from pakfp_course.findings import stability
from pakfp_course.phases import PHASE_IDS


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return pc.load("events").set_index("event_id")


@pytest.fixture(scope="module")
def crises() -> list[stability.Crisis]:
    return stability.india_pakistan_crises()


def _when(events: pd.DataFrame, event_id: str) -> pd.Timestamp:
    return pd.Timestamp(events.loc[event_id, "date_end"])


def _flat(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ the crisis rule
def test_every_crisis_event_is_an_india_pakistan_attack_or_use_of_force(events, crises):
    assert crises
    for c in crises:
        for event_id in c.all_ids:
            row = events.loc[event_id]
            assert {"IND", "PAK"} <= set(row["actors"].split(";")), event_id
            assert row["category"] in stability.CRISIS_CATEGORIES, event_id


def test_no_qualifying_event_is_left_out_except_a_stray_ceasefire(events, crises):
    actors = events["actors"].str.split(";")
    qualifying = set(events[actors.apply(lambda a: "IND" in a and "PAK" in a)
                            & events["category"].isin(stability.CRISIS_CATEGORIES)].index)
    counted = set(stability.crisis_event_ids(crises))
    assert counted <= qualifying
    for left_out in qualifying - counted:  # only ceasefires/pullbacks with no open crisis
        assert any(w in events.loc[left_out, "title"].lower() for w in stability.CLOSING_WORDS)


def test_events_of_one_crisis_are_within_the_window_and_crises_are_apart(events, crises):
    window = 90
    for c in crises:
        dates = [_when(events, i) for i in c.event_ids]
        assert all((b - a).days <= window for a, b in itertools.pairwise(dates))
        assert c.start == dates[0] and c.phase == events.loc[c.event_ids[0], "phase"]
        assert not any(w in events.loc[c.event_ids[0], "title"].lower()
                       for w in stability.CLOSING_WORDS), "a ceasefire never starts a crisis"
    for a, b in itertools.pairwise(crises):
        last_open = _when(events, a.event_ids[-1])
        assert a.closed_by is not None or (b.start - last_open).days > window


def test_the_2016_events_are_counted_in_2009_2016_by_the_gaps_in_the_data(events, crises):
    ids = ["EV111", "EV113", "EV114"]
    assert set(events.loc[ids, "phase"]) == {"2009-2016"}
    gaps = [(_when(events, b) - _when(events, a)).days for a, b in itertools.pairwise(ids)]
    table = stability.crises_per_phase(crises)
    assert table.loc["2009-2016", "crises"] == 1 + sum(g > 90 for g in gaps)
    assert table.loc["2009-2016", "crises"] >= 1  # the phase is not crisis-free
    wide = stability.crises_per_phase(stability.india_pakistan_crises(window_days=365))
    assert wide.loc["2009-2016", "crises"] == 1 + sum(g > 365 for g in gaps)


def test_ceasefires_and_pullbacks_close_crises_only_within_a_year(events, crises):
    closing = {c.closed_by: c for c in crises if c.closed_by}
    assert "EV036" in closing and "EV080" in closing  # the 2001-02 pullback, the 2025 ceasefire
    for event_id, c in closing.items():
        before = _when(events, c.event_ids[-1])
        assert 0 <= (_when(events, event_id) - before).days <= 365
    # the 2021 recommitment to the LoC ceasefire came more than a year after Balakot
    assert (_when(events, "EV123") - _when(events, "EV067")).days > 365
    assert "EV123" not in stability.crisis_event_ids(crises)


def test_a_month_precise_event_counts_at_the_end_of_its_span(events, crises):
    assert events.loc["EV035", "date_precision"] == "month"
    standoff = next(c for c in crises if "EV034" in c.event_ids)
    assert standoff.event_ids == ("EV034", "EV035") and standoff.closed_by == "EV036"
    assert standoff.start == _when(events, "EV034")


def test_armed_clash_means_a_regional_war_event_in_the_crisis(events, crises):
    for c in crises:
        kinds = set(events.loc[list(c.event_ids), "category"])
        assert c.armed_clash == ("regional_war" in kinds), c.label


def test_counts_per_phase_cover_every_phase_even_with_none():
    only_mumbai = pc.load("events").query("event_id == 'EV048'")
    table = stability.crises_per_phase(stability.india_pakistan_crises(only_mumbai))
    assert list(table.index) == list(PHASE_IDS)
    assert table["crises"].to_dict() == {p: int(p == "2001-2008") for p in PHASE_IDS}
    assert table.loc["cold-war", "which"] == "none"


def test_quiet_spells_are_the_days_between_crises(crises):
    spells = stability.quiet_spells(crises)
    since = [c for c in crises if c.start.year >= 2001]
    assert len(spells) == len(since) - 1
    for (_, s), (a, b) in zip(spells.iterrows(), itertools.pairwise(since), strict=True):
        assert s["days"] == (b.start - a.end).days and s["after"] == a.label


def test_the_rule_is_worded_with_its_window_and_categories():
    rule = stability.crisis_rule(45)
    assert "**45 days**" in rule and "{window}" not in rule
    for category in stability.CRISIS_CATEGORIES:
        assert f"`{category}`" in rule
    assert "ceasefire or a pullback" in rule and "end of their span" in rule


def test_the_crisis_section_shows_the_rule_the_counts_and_the_phase(crises):
    text = stability.crises_markdown("2009-2016").data
    assert stability.crisis_rule(90).replace("$", "\\$") in text
    for event_id in ("EV111", "EV113", "EV114"):
        assert f"**{event_id}**" in text
    assert "**EV048**" not in text  # only the chosen phase's crises are listed
    assert "With a window of 365 days instead" in text
    longest = stability.quiet_spells(crises)["days"].max()
    assert f"{longest:,}" in text
    assert "**EV009**" in stability.crises_markdown("cold-war").data


def test_the_standoff_length_is_read_from_ev034_and_ev036(events):
    to_order, to_done, done = stability.standoff_days()
    assert to_order == (events.loc["EV036", "date"] - events.loc["EV034", "date"]).days
    assert f"{done.day} {done:%B %Y}" in events.loc["EV036", "description"]
    assert to_done == (done - events.loc["EV034", "date"]).days > 365 > to_order


# ------------------------------------------------------------------------- drones
@pytest.fixture(scope="module")
def estimates() -> pd.DataFrame:
    return pc.load("drone_estimates")


@pytest.mark.parametrize("period", list(stability.DRONE_PERIODS))
@pytest.mark.parametrize("measure", ["civilians", "killed"])
def test_each_comparison_holds_exactly_the_rows_of_its_period(estimates, period, measure):
    first, last = stability.DRONE_PERIODS[period]
    want = estimates[(estimates["first_year"] == first) & (estimates["last_year"] == last)
                     & estimates[f"{measure}_low"].notna()]
    got = stability.drone_comparison(period, measure)
    assert list(got.rows["estimate_id"]) == list(want["estimate_id"])
    assert got.lowest == want[f"{measure}_low"].min()
    assert got.highest == want[f"{measure}_high"].max()


def test_2011_counts_agree_on_deaths_and_not_on_civilians(estimates):
    year = estimates[(estimates["first_year"] == 2011) & (estimates["last_year"] == 2011)]
    assert len(year) >= 3 and year["pakistan_only"].all()
    killed = stability.drone_comparison("2011 (calendar year)", "killed")
    civ = stability.drone_comparison("2011 (calendar year)", "civilians")
    assert killed.overlap == (year["killed_low"].max(), year["killed_high"].min())
    assert year["civilians_low"].max() > year["civilians_high"].min() and civ.overlap is None
    assert (civ.lowest, civ.highest) == (year["civilians_low"].min(), year["civilians_high"].max())


def test_the_tbij_totals_in_both_datasets_agree(estimates):
    ds = pc.load("drone_strikes")
    tbij = estimates[estimates["tracker"].str.startswith("Bureau")
                     & (estimates["first_year"] == ds["year"].min())
                     & (estimates["last_year"] == ds["year"].max())].iloc[0]
    assert (tbij["civilians_low"], tbij["civilians_high"]) == (ds["civilians_min"].sum(),
                                                               ds["civilians_max"].sum())
    whole = stability.drone_comparison("2004–2018 (every strike)")
    assert whole.highest == ds["civilians_max"].sum() < 1000  # no tracker reaches 'thousands'


def test_the_drone_section_names_every_tracker_and_the_odni_scope(estimates):
    text = _flat(stability.drones_markdown("all").data)
    window = stability.drone_comparison("20 Jan 2009 – 2015 (the ODNI window)")
    odni = window.rows[~window.rows["pakistan_only"]]
    assert len(odni) == 1 and odni["tracker"].iloc[0].startswith("US government")
    assert f"**{odni['low'].iloc[0]}–{odni['high'].iloc[0]} non-combatants**" in text
    assert "not Pakistan alone" in text
    for period in stability.DRONE_PERIODS:
        comp = stability.drone_comparison(period)
        for r in comp.rows.itertuples():
            shown = f"{r.low:,}" if r.low == r.high else f"{r.low:,}–{r.high:,}"
            assert shown in text, (period, r.tracker)
    whole = stability.drone_comparison("2004–2018 (every strike)")
    assert f"**{whole.lowest:,}**" in text and f"**{whole.highest:,}**" in text
    ds = pc.load("drone_strikes")
    assert f"{int(ds.loc[ds['year'] == 2009, 'strikes_bush'].sum())} strikes of January 2009" \
        in text
    assert "Other trackers count even fewer" not in text


def test_exercise_2_sets_the_other_trackers_beside_tbij():
    text = _flat(stability.exercise2_answer().data)
    whole = stability.drone_comparison("2004–2018 (every strike)").rows
    new_america = whole[whole["tracker"] == "New America"].iloc[0]
    assert f"New America {new_america['low']}–{new_america['high']}" in text
    assert "under every tracker" in text


# ------------------------------------------------------------ counting the dead
def test_full_year_figures_are_whole_years():
    full = stability.full_year_figures()
    assert not full["partial_period"].any()
    assert ((full["period_end"] - full["period_start"]).dt.days <= 366).all()
    assert (full["year"] == full["period_start"].dt.year).all()


def test_spread_by_year_is_min_and_max_of_each_year():
    spread, note = stability.spread_by_year("all")
    full = stability.full_year_figures()
    for year, r in spread.iterrows():
        totals = full.loc[full["year"] == year, "total"]
        assert (r["lowest"], r["highest"], r["figures"]) == (totals.min(), totals.max(),
                                                             len(totals))
    assert (spread["figures"] > 1).all() and note.startswith("Years with")
    _, cold = stability.spread_by_year("cold-war")
    assert cold.startswith("No year in the `cold-war` phase")


def test_the_verdict_table_counts_the_claims_dataset():
    claims = pc.load("claims")
    text = stability.verdict_table("majeed-2024").data
    mine = claims[claims["paper_id"] == "majeed-2024"]
    wrong = mine[mine["verdict"] == "contradicted"]
    assert f"{len(wrong)} of {len(mine)} checked claims contradicted" in text
    for paper in explore.PAPER_IDS:
        assert f"| {paper} |" in text


def test_model_answer_1_reads_2015_from_the_data():
    fat = pc.load("fatalities")
    y = fat[(fat["period_start"].dt.year == 2015) & ~fat["partial_period"]]
    text = stability.exercise1_answer(2015).data
    assert f"from {y['total'].min():,}" in text and f"to {y['total'].max():,}" in text


# --------------------------------------------------------------------- the module
def test_the_module_is_documented_exported_and_short():
    source = Path(inspect.getfile(stability)).read_text(encoding="utf-8")
    assert len(source.splitlines()) < 600
    for name in stability.__all__:
        obj = getattr(stability, name)
        if callable(obj):
            assert obj.__doc__, name
