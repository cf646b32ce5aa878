"""The pieces of a printed handout (pakfp_course.handout)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pakfp_course import data, explore, handout
from pakfp_course.errors import UnknownChoiceError
from pakfp_course.phases import PHASE_IDS

ROW_ID = re.compile(r"^\| [^|]+ \| (EV\d+) \|", re.M)
CITED = re.compile(r"^- .*\((\S+)\)$", re.M)


@pytest.fixture(autouse=True)
def _empty_registry():
    """Each test starts a handout with nothing shown yet."""
    for used in handout._used.values():
        used.clear()


def _split(cells) -> set[str]:
    return {part.strip() for cell in cells for part in str(cell).split(";") if part.strip()}


def _phase_row(phase: str) -> pd.Series:
    return data.load("phases").set_index("phase_id").loc[phase]


def _events(phase: str) -> pd.DataFrame:
    events = data.load("events")
    return events[events["phase"] == phase]


@pytest.mark.parametrize("phase", PHASE_IDS)
def test_phase_label_names_the_phase_and_its_years(phase):
    row = _phase_row(phase)
    end = "present" if pd.isna(row["end_year"]) else int(row["end_year"])
    assert handout.phase_label(phase) == f"{row['name']}, {int(row['start_year'])}–{end}"


def test_phase_label_all_and_unknown():
    assert handout.phase_label("all") == "all phases"
    with pytest.raises(UnknownChoiceError) as info:
        handout.phase_label("2009-2015")
    message = str(info.value)
    assert "'2009-2015'" in message
    assert all(f"'{p}'" in message for p in (*PHASE_IDS, "all"))


@pytest.mark.parametrize(
    "phase", [p for p in PHASE_IDS if not pd.isna(_phase_row(p)["end_year"])])
def test_years_of_a_closed_phase_come_from_the_phases_dataset(phase):
    row = _phase_row(phase)
    assert handout.years(phase) == (int(row["start_year"]), int(row["end_year"]))


def test_years_of_an_open_phase_end_at_the_latest_event():
    assert pd.isna(_phase_row("2017-present")["end_year"])  # open: "2017-present"
    last = int(data.load("events")["date"].dt.year.max())  # not today's year
    assert handout.years("2017-present") == (int(_phase_row("2017-present")["start_year"]), last)
    assert handout.years("all") == (int(data.load("phases")["start_year"].min()), last)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.example.org/a/b/", "example.org/a/b"),
    ("http://example.org", "example.org"),
    ("https://sub.example.org/x", "sub.example.org/x"),
])
def test_short_url_drops_scheme_and_www(url, expected):
    assert handout.short_url(url) == expected


def test_short_url_truncates_at_the_width_with_an_ellipsis():
    text = "example.org/" + "x" * 60
    short = handout.short_url("https://www." + text, width=20)
    assert len(short) == 20 and short == text[:19] + "…"
    exact = "e" * 20
    assert handout.short_url("https://" + exact, width=20) == exact


def test_brief_shows_the_question_and_numbered_objectives():
    text = handout.brief("Why did aid fall?", ["Read a table", "Check a claim"]).data
    assert "Why did aid fall?" in text
    assert "1. Read a table" in text and "2. Check a claim" in text
    assert "3." not in text


@pytest.mark.parametrize("count", [0, 4])
def test_brief_needs_one_to_three_objectives(count):
    with pytest.raises(ValueError, match=f"got {count}"):
        handout.brief("Why?", [f"objective {i}" for i in range(count)])


def test_brief_needs_a_question():
    with pytest.raises(ValueError, match="question"):
        handout.brief("  ", ["one"])


def test_questions_are_numbered_and_stripped():
    md = handout.questions(["  First?", "Second?", "Third?  "])
    assert "1. First?\n2. Second?\n3. Third?" in md.data
    assert md.metadata["pakfp_course"]["handout"] is True


@pytest.mark.parametrize("items", [["only one?"], ["a?", "b?", "c?", "d?"], ["a?", "  "]])
def test_questions_need_two_or_three(items):
    with pytest.raises(ValueError, match=f"got {len(items)}"):
        handout.questions(items)


@pytest.mark.parametrize("phase", PHASE_IDS)
def test_key_figure_is_the_phase_summarys_first_fact(phase):
    assert handout.key_figure(phase) == explore.phase_summary(phase).facts[0]["value"]


def test_key_figure_of_the_cold_war_is_the_greenbook_total():
    gb = data.load("aid_greenbook")
    gb = gb[(gb["recipient"] == "PAK") & gb["fiscal_year"].between(1948, 2000)]
    total = gb["economic_current_usd_m"].sum() + gb["military_current_usd_m"].sum()
    assert handout.key_figure("cold-war") == f"US$ {total / 1000:,.2f} bn"
    with pytest.raises(UnknownChoiceError, match="'all'"):
        handout.key_figure("all")


@pytest.mark.parametrize("phase", PHASE_IDS)
def test_key_figures_show_this_phase_and_no_other(phase):
    text = handout.key_figures(phase).data
    for other in PHASE_IDS:
        assert (handout.key_figure(other) in text) == (other == phase), other
    assert handout.phase_label(phase) in text
    assert f"({len(_events(phase))} events" in text


def test_key_figures_all_has_one_row_per_phase():
    text = handout.key_figures("all").data
    rows = [line for line in text.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(PHASE_IDS)
    for row, phase in zip(rows, PHASE_IDS, strict=True):
        assert row.startswith(f"| {_phase_row(phase)['name']} (")
        assert f"| {handout.key_figure(phase)} |" in row


def test_timeline_with_ids_shows_only_those_of_the_phase():
    inside = list(explore.chronological(_events("2009-2016"))["event_id"][:2])
    outside = _events("2001-2008")["event_id"].iloc[0]
    text = handout.timeline("2009-2016", [*inside, outside]).data
    assert ROW_ID.findall(text) == inside
    assert f"*{len(_events('2009-2016')) - 2} more events of this phase" in text


def test_timeline_rejects_an_unknown_event_id():
    with pytest.raises(UnknownChoiceError, match="EV999"):
        handout.timeline("2009-2016", ["EV999"])


@pytest.mark.parametrize("phase", PHASE_IDS)
def test_timeline_of_a_phase_is_capped_and_counts_the_rest(phase):
    events = explore.chronological(_events(phase))
    text = handout.timeline(phase, limit=3).data
    assert ROW_ID.findall(text) == list(events["event_id"][:3])
    assert f"*{len(events) - 3} more events of this phase" in text
    assert "more events" not in handout.timeline(phase, limit=len(events)).data


@pytest.mark.parametrize("limit", [len(PHASE_IDS), handout.TIMELINE_ROWS])
def test_timeline_of_all_spreads_rows_over_every_phase_in_order(limit):
    events = data.load("events")
    ids = ROW_ID.findall(handout.timeline("all", limit=limit).data)
    assert len(ids) == limit
    shown = events[events["event_id"].isin(ids)]
    assert set(shown["phase"]) == set(PHASE_IDS)
    assert ids == list(explore.chronological(shown)["event_id"])


def test_timeline_default_limit_and_bad_limit():
    text = handout.timeline("all").data
    assert len(ROW_ID.findall(text)) == handout.TIMELINE_ROWS
    assert f"*{len(data.load('events')) - handout.TIMELINE_ROWS} more events" in text
    with pytest.raises(ValueError, match="got 0"):
        handout.timeline("2009-2016", limit=0)


def _claim(verdict: str) -> str:
    table = data.load("claims")
    return table[table["verdict"] == verdict]["claim_id"].iloc[0]


def test_claims_use_the_phases_list_or_fall_back_to_all():
    own, shared = _claim("partly_supported"), _claim("contradicted")
    by_phase = {"2009-2016": [own], "all": [shared]}
    text = handout.claims(by_phase, "2009-2016").data
    assert f"| {own} |" in text and f"| {shared} |" not in text
    text = handout.claims(by_phase, "cold-war").data
    assert f"| {shared} |" in text and f"| {own} |" not in text


def test_claims_print_the_verdict_as_a_bold_word():
    table = data.load("claims").set_index("claim_id")
    ids = [_claim(v) for v in table["verdict"].unique()]
    text = handout.claims({"all": ids}, "all").data
    for claim_id in ids:
        assert f"| **{table.loc[claim_id, 'verdict'].replace('_', ' ')}** |" in text
    assert "**partly supported**" in text and "partly_supported" not in text


def test_claims_errors():
    with pytest.raises(UnknownChoiceError, match="P999-99"):
        handout.claims({"all": ["P999-99"]}, "all")
    with pytest.raises(ValueError, match="'cold-war'"):
        handout.claims({"2009-2016": [_claim("supported")]}, "cold-war")
    with pytest.raises(UnknownChoiceError, match="'2009'"):
        handout.claims({"2009": [_claim("supported")]}, "2009-2016")


def test_sources_cite_exactly_what_the_handout_showed():
    phase = "2009-2016"
    events = explore.chronological(_events(phase))
    ids = list(events["event_id"][:2])
    handout.key_figures(phase)
    handout.timeline(phase, ids)
    expected = _split([_phase_row(phase)["source_id"]])
    for name in ("aid_crs", "drone_strikes", "cost_of_war"):
        expected |= _split(data.load(name)["source_id"].dropna())
    expected |= _split(events[events["event_id"].isin(ids)]["source_id"])
    unshown = _split(events["source_id"][2:]) - expected
    assert unshown  # a source of an event left off the page
    md = handout.sources()
    table = data.load("sources").set_index("source_id")
    assert set(CITED.findall(md.data)) == expected
    assert set(md.metadata["pakfp_course"]["extra_sources"]) == expected
    for sid in expected:
        assert f"- {table.loc[sid, 'citation']}." in md.data
    for name in ("phases", "aid_crs", "drone_strikes", "cost_of_war", "events"):
        assert f"`{name}`" in md.data
    assert md.metadata["pakfp_course"]["handout_sources"] is True
    with pytest.raises(ValueError, match="nothing to cite"):  # the next handout starts empty
        handout.sources()


def test_sources_adds_datasets_and_extra_ids():
    extra = data.load("sources")["source_id"].iloc[0]
    small = _split(data.load("aid_crs")["source_id"].dropna())
    assert len(small) <= handout.MAX_DATASET_SOURCES
    text = handout.sources(["aid_crs", "events"], [extra]).data
    assert "`aid_crs`" in text and "`events`" in text
    assert set(CITED.findall(text)) == small | {extra}


def _large_datasets() -> list[str]:
    frames = {name: data.load(name) for name in data.list_datasets()}
    return [name for name, frame in frames.items() if "source_id" in frame
            and len(_split(frame["source_id"].dropna())) > handout.MAX_DATASET_SOURCES]


@pytest.mark.parametrize("name", _large_datasets())
def test_a_dataset_with_many_sources_is_named_not_listed(name):
    ids = _split(data.load(name)["source_id"].dropna())
    text = handout.sources([name]).data
    assert f"`{name}`" in text
    assert not ids <= set(CITED.findall(text))


def test_sources_reject_unknown_names_and_record_nothing():
    with pytest.raises(UnknownChoiceError, match="no_such_dataset"):
        handout.sources(["no_such_dataset"])
    with pytest.raises(UnknownChoiceError, match="NO_SUCH_SOURCE"):
        handout.sources(["aid_crs"], extra=["NO_SUCH_SOURCE"])
    with pytest.raises(ValueError, match="nothing to cite"):  # aid_crs was not kept
        handout.sources()
