"""What lesson 04 concludes (pakfp_course.findings.double_game), checked against the data."""

from __future__ import annotations

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import explore, summaries
from pakfp_course.errors import UnknownChoiceError
from pakfp_course.findings import double_game as dg


def _full_years() -> pd.DataFrame:
    fat = pc.load("fatalities")
    days = (fat.period_end - fat.period_start).dt.days
    full = fat[~fat.partial_period & (days <= 366) & fat.total.notna()]
    return full.assign(year=full.period_start.dt.year)


@pytest.mark.parametrize("phase", ["2001-2008", "2009-2016", "2017-present"])
def test_phase_focus_counts_the_phase_events_figures_and_strikes(phase):
    text = dg.phase_focus(phase).data
    events = explore.war_at_home_events()
    mine = events[events.phase == phase]
    assert f"{len(mine)} events of the war at home" in text
    assert all(label in text for label in mine.label)
    drones = pc.load("drone_strikes")
    table = pc.load("phases").set_index("phase_id")
    end = table.loc[phase, "end_year"]
    years = drones.year.between(table.loc[phase, "start_year"], 9999 if pd.isna(end) else end)
    assert f"{int(drones[years].strikes.sum()):,} US drone strikes" in text
    full = _full_years()
    figs = full[full.year.between(table.loc[phase, "start_year"],
                                  9999 if pd.isna(end) else end)]
    assert f"from {figs.total.min():,} to {figs.total.max():,} deaths a year" in text


def test_phase_focus_for_the_cold_war_says_the_war_at_home_comes_later():
    text = dg.phase_focus("cold-war").data
    first = explore.war_at_home_events().iloc[0]
    assert "none of the war at home falls here" in text and first.event_id in text
    assert f"for {_full_years().year.min()}" in text and "Lesson 01" in text
    assert "Lesson 01" not in dg.phase_focus("all").data
    with pytest.raises(UnknownChoiceError):
        dg.phase_focus("1990s")


def test_war_at_home_lists_the_phase_and_computes_the_intervals():
    events = pc.load("events").set_index("event_id")
    text = dg.war_at_home("2009-2016").data
    assert "**EV059**" in text and "**EV104**" not in text
    ttp_to_swat = (events.loc["EV106", "date"] - events.loc["EV104", "date"]).days
    zarb_to_aps = (events.loc["EV060", "date"] - events.loc["EV059", "date"]).days
    assert f"**{ttp_to_swat} days**" in text and f"**{zarb_to_aps} days**" in text
    assert "here is the whole list" in dg.war_at_home("cold-war").data


def test_before_and_after_compares_each_series_only_with_itself():
    t = dg.before_and_after()
    full = _full_years().sort_values("as_of").drop_duplicates(
        ["tracker", "definition", "year"], keep="last")
    assert set(t.year) == {2009, 2014}
    for r in t.itertuples():
        series = full[(full.tracker == r.tracker) & (full.definition == r.definition)]
        s = series.set_index("year").total
        for k, col in zip((-1, 0, 1), ("before", "during", "after"), strict=True):
            value = getattr(r, col)
            assert (pd.isna(value) and r.year + k not in s.index) or value == s[r.year + k]
        assert sum(r.year + k in s.index for k in (-1, 0, 1)) >= 2
    pips = t[(t.tracker == "PIPS") & (t.definition == "all_violence")].iloc[0]
    assert (pips.before, pips.during, pips.after) == tuple(
        full[(full.tracker == "PIPS") & (full.definition == "all_violence")]
        .set_index("year").total.loc[[2008, 2009, 2010]])
    table = dg.before_and_after_table().data
    assert f"Only {len(t)} series" in table and "| 2014: Zarb-e-Azb, APS Peshawar |" in table


def test_death_counts_and_the_seventy_thousand_answer_come_from_the_data():
    c = dg.death_counts()
    wd = pc.load("war_deaths").set_index("row_id")
    assert (c.cow_low, c.cow_high) == (wd.loc["WD07", "deaths_low"], wd.loc["WD07", "deaths_high"])
    assert c.cow_militants == wd.loc["WD04", "deaths_low"]
    later = wd[wd.is_total & (wd.period_label != wd.loc["WD07", "period_label"])]
    assert c.cow_later == tuple(zip(later.period_label, later.deaths_low, strict=True))
    satp = pc.load("fatalities").set_index("figure_id").loc["FAT019"]
    assert (c.satp_total, c.satp_militants) == (satp.total, satp.militants)
    khan = pc.load("paper_figures").query("claim_id == 'P003-09'").value.iloc[0]
    assert c.khan == khan
    text = dg.seventy_thousand_answer().data
    low, high = c.cow_not_militants
    assert f"**{low:,}–{high:,}**" in text and f"**{c.satp_not_militants:,}**" in text
    assert f"**{satp.militants / satp.total:.0%}**" in text
    assert max(c.cow_high, c.satp_total, *(n for _, n in c.cow_later)) > c.khan > max(
        c.satp_not_militants, high)  # the answer's point, true of the data


def test_operations_answer_uses_the_series_around_2014_and_the_earlier_fall():
    text = dg.operations_model_answer().data
    t = dg.before_and_after()
    for r in t[t.year == 2014].itertuples():
        assert f"{r.tracker}: " in text and f"{r.during:,}" in text
    satp = _full_years().query("tracker == 'SATP'").sort_values("as_of").drop_duplicates(
        "year", keep="last").set_index("year").total
    assert satp.loc[2012] > satp.loc[2013]  # falling before the operation of June 2014
    assert f"{satp.loc[2012]:,} in 2012" in text and f"{satp.loc[2013]:,} in 2013" in text
    drones = pc.load("drone_strikes").set_index("year").strikes
    assert f"from {drones.loc[2013]} in 2013 to {drones.loc[2015]} in 2015" in text


def test_drone_record_by_president_and_phase():
    d = pc.load("drone_strikes")
    text = dg.drone_record("2009-2016").data
    assert f"**{int(d.strikes.sum()):,} strikes**" in text
    assert f"**{int(d.strikes_obama.sum())}** under Obama" in text
    assert int(d.strikes_bush.sum() + d.strikes_obama.sum() + d.strikes_trump.sum()) == int(
        d.strikes.sum())
    row = summaries.drone_strike_phase_totals("2009-2016").iloc[0]
    assert f"| 2009-2016 | {int(row.strikes):,} |" in text and "| 2001-2008 |" not in text
    assert "No drone strikes fall in the `cold-war` phase" in dg.drone_record("cold-war").data


def test_drone_counts_are_compared_only_where_period_and_scope_match():
    text = dg.drone_counts_compared().data
    est = pc.load("drone_estimates").set_index("estimate_id")
    whole = est[(est.first_year == 2004) & (est.last_year == 2018) & est.civilians_low.notna()]
    for r in whole.itertuples():
        low, high = int(r.civilians_low), int(r.civilians_high)
        assert (f"{low:,}–{high:,}" if low != high else f"{low:,}") in text
    odni = est[~est.pakistan_only & est.period.str.startswith("2009-01-20")].iloc[0]
    assert f"{int(odni.civilians_low)}–{int(odni.civilians_high)} non-combatants" in text
    assert "not Pakistan alone" in text
    tbij = whole[whole.tracker.str.startswith("Bureau")].iloc[0]
    new_america = whole[whole.tracker == "New America"].iloc[0]
    assert f"**{tbij.civilians_high / new_america.civilians_high:.1f} times**" in text


def test_khan_and_majeed_tables_carry_the_claims_verdicts_and_computed_figures():
    claims = pc.load("claims").set_index("claim_id")
    khan = dg.khan_domestic_repercussions().data
    cost = pc.load("cost_of_war")
    assert f"US\\$ {cost.cost_usd_bn.sum():,.2f} bn" in khan
    for cid in ("P003-08", "P003-09"):
        assert f"**{claims.loc[cid, 'verdict'].replace('_', ' ')}** ({cid})" in khan
    assert "not checked" in khan  # the political bullet: no data
    majeed = dg.majeed_post_911().data
    aid = summaries.aid_crs_revised().query("figure_status != 'request'")
    assert f"US\\$ {aid.total_revised_usd_m.sum() / 1000:,.2f} bn" in majeed
    for cid in ("P002-27", "P002-24", "P002-11", "P002-28"):
        assert f"({cid}) |" in majeed
        assert claims.loc[cid, "section"] in ("Post-9/11 Era", "Conclusion")
    tbij = pc.load("drone_strikes")
    assert f"{tbij.civilians_min.sum():,}–{tbij.civilians_max.sum():,} (TBIJ" in majeed


def test_satp_trend_reads_every_full_year_and_both_vintages():
    text = dg.satp_trend().data
    satp = _full_years().query("tracker == 'SATP'")
    for r in satp.itertuples():
        assert f"{r.total:,}" in text
    assert "as read in" in text  # two readings of 2009


def test_explorer_years_follow_the_phase():
    last = int(pc.load("fatalities").period_end.dt.year.max())
    assert dg.explorer_years("all") == dg.explorer_years("cold-war") == (2001, last)
    assert dg.explorer_years("2009-2016") == (2009, 2016)
    assert dg.explorer_years("2017-present") == (2017, last)
    with pytest.raises(UnknownChoiceError):
        dg.explorer_years("2020s")


def test_scholars_table_reads_each_perspective_and_cites_a_source_that_resolves():
    readings = pc.load("readings").set_index("reading_id")
    sources = set(pc.load("sources").source_id)
    text = dg.scholars_table().data
    for rid, (_, cited) in dg.SCHOLARS.items():
        assert f"({rid}) | {readings.loc[rid, 'perspective']} |" in text
        assert {s.strip() for s in cited.split(";")} <= sources


def test_contrast_cards_show_both_papers():
    text = dg.contrast_cards(["X07", "X13"]).data
    x = pc.load("contrasts").set_index("contrast_id")
    assert x.loc["X07", "topic"] in text and x.loc["X13", "paper_b"] in text
