"""Lesson 01's findings: US fiscal years, the aid record around each cut-off, the verdicts."""

from __future__ import annotations

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course.findings import cold_war


def _text(md) -> str:
    return md.data.replace("\\$", "$")  # Markdown output escapes dollar signs


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return pc.load("sources").set_index("source_id")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return pc.load("events").set_index("event_id")


@pytest.fixture(scope="module")
def pak() -> pd.DataFrame:
    gb = pc.load("aid_greenbook")
    return gb[gb["recipient"] == "PAK"].set_index("fiscal_year").sort_index()


# ------------------------------------------------------------ the fiscal-year rule
def test_the_fiscal_year_rule_is_cited_to_sources_that_state_it(sources):
    act, glossary = (sources.loc[s, "accessed_note"] for s in cold_war.FISCAL_YEAR_SOURCES)
    assert "through June 30, 1976, commence on July 1" in act
    assert "beginning on October 1, 1976, commence on October 1" in act
    assert "Prior to fiscal year 1977, the federal fiscal year began on July 1" in glossary
    assert "designated by the calendar year in which it ends" in glossary
    assert "transition quarter" in glossary


@pytest.mark.parametrize(("day", "fy"), [
    ("1965-06-30", 1965), ("1965-07-01", 1966), ("1965-09-08", 1966), ("1966-06-30", 1966),
    ("1976-06-30", 1976), ("1976-10-01", 1977), ("1979-04-15", 1979), ("1990-09-30", 1990),
    ("1990-10-01", 1991), ("1998-05-28", 1998), ("2001-09-22", 2001), ("2001-10-07", 2002),
])
def test_us_fiscal_year_uses_the_rule_in_force_on_the_day(day, fy):
    assert cold_war.us_fiscal_year(day) == fy


@pytest.mark.parametrize("day", ["1976-07-01", "1976-08-15", "1976-09-30"])
def test_the_transition_quarter_belongs_to_no_fiscal_year(day):
    with pytest.raises(ValueError, match="transition quarter"):
        cold_war.us_fiscal_year(day)


def test_fiscal_year_spans_are_contiguous_and_agree_with_the_rule():
    for fy in range(1950, 2020):
        first, last = cold_war.fiscal_year_span(fy)
        assert cold_war.us_fiscal_year(first) == cold_war.us_fiscal_year(last) == fy
        if fy != 1977:  # FY1977 follows the transition quarter
            assert cold_war.us_fiscal_year(first - pd.Timedelta(days=1)) == fy - 1
    assert cold_war.fiscal_year_span(1966) == (pd.Timestamp(1965, 7, 1), pd.Timestamp(1966, 6, 30))


# --------------------------------------------------------- events' fiscal years
def test_the_1965_embargo_is_dated_from_a_source_and_falls_in_fy1966(sources, events):
    day, source = cold_war.DATED_BY_SOURCE["EV010"]
    note = sources.loc[source, "accessed_note"]
    assert "September 8" in note and "suspended military assistance shipments" in note
    assert "7/1/65-9/22/65" in note  # the file dates the memo to 1965
    assert events.loc["EV010", "date_precision"] == "year"  # the data alone cannot place it
    assert events.loc["EV010", "date"].year == pd.Timestamp(day).year
    fy = cold_war.event_fiscal_year("EV010")
    assert fy.fiscal_year == cold_war.us_fiscal_year(day) == 1966
    assert source in fy.basis


def test_an_event_known_to_the_month_takes_the_fiscal_year_of_its_whole_span(events):
    for event_id in ("EV018", "EV024", "EV026", "EV029"):
        ev = events.loc[event_id]
        fy = cold_war.event_fiscal_year(event_id).fiscal_year
        assert fy == cold_war.us_fiscal_year(ev["date"]) == cold_war.us_fiscal_year(ev["date_end"])
    assert cold_war.event_fiscal_year("EV024").fiscal_year == 1991


def test_an_event_straddling_two_fiscal_years_is_not_guessed(events):
    assert events.loc["EV020", "date_precision"] == "year"  # Reagan package, 1981
    with pytest.raises(ValueError, match="straddles FY1981 and FY1982"):
        cold_war.event_fiscal_year("EV020")


# ---------------------------------------------------------------- the aid record
def test_cutoff_table_averages_the_greenbook_around_each_fiscal_year(pak):
    table = cold_war.cutoff_table()
    assert [e.split(":")[0] for e in table.index] == list(cold_war.CUTOFFS)
    for event, row in table.iterrows():
        fy = cold_war.event_fiscal_year(event.split(":")[0]).fiscal_year
        assert row["fiscal year"] == f"FY{fy}"
        before, after = pak.loc[fy - 3:fy - 1], pak.loc[fy + 1:min(fy + 3, 2000)]
        for kind in ("military", "economic"):
            assert row[f"{kind} before"] == pytest.approx(
                before[f"{kind}_const2019_usd_m"].mean())
            assert row[f"{kind} after"] == pytest.approx(after[f"{kind}_const2019_usd_m"].mean())
    embargo = table.iloc[0]
    assert (embargo["years before"], embargo["years after"]) == ("FY1963-FY1965",
                                                                 "FY1967-FY1969")


@pytest.mark.parametrize(("before", "after", "words"), [
    (417, 1, "collapsed (-100%)"), (2382, 1243, "fell (-48%)"), (100, 105, "barely changed"),
    (100, 150, "rose (+50%)"), (40, 76, "nearly doubled (+90%)"),
    (10, 30, "more than doubled (+200%)"), (0.4, 2, "too small for a percentage"),
])
def test_change_words_follow_the_number(before, after, words):
    assert words in cold_war.change_words(before, after)


def test_months_between_counts_calendar_months():
    assert cold_war.months_between(pd.Timestamp(1979, 4, 30), pd.Timestamp(1981, 1, 1)) == 21
    assert cold_war.months_between(pd.Timestamp(1979, 4, 1), pd.Timestamp(1981, 12, 31)) == 32


def test_symington_reversal_is_a_range_computed_from_the_events_dates(events, pak):
    rev = cold_war.symington_reversal()
    ban, package = events.loc["EV018"], events.loc["EV020"]
    shortest = ((package["date"].year - ban["date_end"].year) * 12
                + package["date"].month - ban["date_end"].month)
    longest = ((package["date_end"].year - ban["date"].year) * 12
               + package["date_end"].month - ban["date"].month)
    assert (rev.months_min, rev.months_max) == (shortest, longest)
    years = list(rev.military_by_year)
    assert years[0] == cold_war.event_fiscal_year("EV018").fiscal_year
    last = rev.military_by_year[years[-1]]
    assert last == pak.loc[years[-1], "military_const2019_usd_m"]
    assert last > max(list(rev.military_by_year.values())[:-1])


def test_the_verdicts_word_each_change_from_its_number():
    table = cold_war.cutoff_table()
    text = _text(cold_war.cutoff_verdicts(table))
    row = table.loc[next(e for e in table.index if e.startswith("EV026"))]
    pct = 100 * (row["economic after"] / row["economic before"] - 1)
    assert f"({pct:+.0f}%)" in text
    assert cold_war.change_words(row["economic before"], row["economic after"]) in text
    assert "rose a little" not in text and "within two years" not in text
    rev = cold_war.symington_reversal()
    assert f"between **{rev.months_min} and {rev.months_max} months**" in text
    assert "8 September 1965 (FRUS_6468_V25_D190)" in text


def test_the_changes_note_how_the_embargo_is_dated():
    text = _text(cold_war.cutoff_changes(cold_war.cutoff_table()))
    assert "EV010 is dated 8 September 1965 (FRUS_6468_V25_D190)" in text
    assert "(FY1966)" in text


def test_the_exercise_2_answer_uses_the_old_fiscal_year(pak):
    text = _text(cold_war.embargo_answer(years=5))
    fy = cold_war.us_fiscal_year(cold_war.DATED_BY_SOURCE["EV010"][0])
    before = pak.loc[fy - 5:fy - 1, "military_const2019_usd_m"].mean()
    after = pak.loc[fy + 1:fy + 5, "military_const2019_usd_m"].mean()
    assert f"**FY{fy}**" in text
    assert f"FY{fy - 5}–FY{fy - 1}" in text and f"FY{fy + 1}–FY{fy + 5}" in text
    assert pc.explore.usd_m(before) in text and pc.explore.usd_m(after) in text
    assert f"a fall of {100 * (1 - after / before):.0f}%" in text


# ------------------------------------------------------------ the other findings
def test_what_came_next_never_counts_an_unprinted_csf_figure_as_zero():
    totals = pc.summaries.aid_phase_totals("2017-present").iloc[0]
    assert pd.isna(totals["csf_usd_m"])
    text = _text(cold_war.what_came_next("2017-present"))
    assert f"printed no Coalition Support Funds figure for {totals['csf_not_printed']}" in text
    everything = _text(cold_war.what_came_next("all"))
    for phase in ("2001-2008", "2009-2016", "2017-present"):
        assert f"phase id `{phase}`" in everything
    assert "phase id `2001-2008`" in _text(cold_war.what_came_next("cold-war"))


def test_decade_and_narrative_findings_are_computed(pak):
    years = pak.loc[1948:2000]
    decades = pd.DataFrame({
        "total_const2019": (years["economic_const2019_usd_m"]
                            + years["military_const2019_usd_m"]).groupby(years.index // 10 * 10)
        .sum()})
    military = years["military_const2019_usd_m"].groupby(years.index // 10 * 10).sum()
    decades["military_share_%"] = 100 * military / decades["total_const2019"]
    decades["total_current"] = (years["economic_current_usd_m"]
                                + years["military_current_usd_m"]).groupby(
        years.index // 10 * 10).sum()
    text = _text(cold_war.decade_findings(decades, years.index))
    full = decades.loc[1950:1990]
    assert f"**{full['total_const2019'].idxmax()}s** received the most" in text
    assert "FY1949, FY1950" in text
    narrative = cold_war.narrative_check()
    assert len(narrative) == len(pc.load("aid_narrative"))
    assert f"All {len(narrative)} round figures" in _text(cold_war.narrative_findings(narrative))


def test_every_source_the_module_cites_resolves(sources):
    cited = [*cold_war.FISCAL_YEAR_SOURCES, *(s for _, s in cold_war.DATED_BY_SOURCE.values())]
    assert set(cited) <= set(sources.index)
