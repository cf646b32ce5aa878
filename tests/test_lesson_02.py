"""Lesson 02 (the three phases): what a student reads after issue 11."""

from __future__ import annotations

import re

import pytest

import pakfp_course as pc
from pakfp_course import quiz
from pakfp_course.findings import three_phases as tp

from .lesson_text import cell, executed_text, notebook, student_text

NAME = "02_three_phases"


def _flat(text: str) -> str:
    return " ".join(text.replace("\\$", "$").split())


def _code() -> str:
    return "\n".join(c.source for c in notebook(NAME).cells if c.cell_type == "code")


def _question(qid: str):
    return next(q for q in quiz.load_questions() if q.question_id == qid)


def _m(value: float) -> str:
    """A quiz's way of writing US$ millions: 4504 -> '$4,504m', 1747.9 -> '$1,747.9m'."""
    return f"${value:,.0f}m" if float(value).is_integer() else f"${value:,.1f}m"


# ------------------------------------------------------------------ drones
def test_the_unsupported_tracker_sentence_is_gone_and_the_trackers_are_shown():
    text = _flat(student_text(NAME))
    assert "Other trackers count far fewer civilians" not in text
    intro = _flat(cell(NAME, "c449f77a").source)
    assert "TBIJ's is not the only count" in intro and "lesson 04" in intro
    assert "plots.drone_estimates(" in _code()
    assert "three_phases.tracker_comparison()" in _code()
    for phrase in ("Like periods only", "**Pakistan only**", "not Pakistan alone", "ODNI",
                   "New America", "Long War Journal", "Columbia"):
        assert phrase in text, phrase


def test_the_discussion_asks_how_to_quote_a_contested_count():
    assert "New America and one who trusts TBIJ" in _flat(cell(NAME, "bd3bfbd5").source)


# ------------------------------------------------------------------ aid and CSF
def test_csf_not_printed_is_never_called_zero():
    text = _flat(student_text(NAME))
    assert "the zero in that row" not in text
    assert "not zero" in _flat(cell(NAME, "cb6f6cf7").source)
    assert "pd.isna" in _flat(cell(NAME, "3d589165").source)
    notes = _flat(cell(NAME, "135d095c").source)
    assert "Reading the zero CSF" not in notes and "not printed" in notes
    assert cell(NAME, "a0392ee1").source.strip() == "three_phases.aid_per_year_table()"


def test_objectives_say_which_source_ranks_the_block_years():
    objectives = _flat(cell(NAME, "d81f0836").source)
    assert "cannot split or rank" in objectives and "Greenbook ranks those years" in objectives


# ------------------------------------------------------------------ quiz
def test_q02_01_says_crs_cannot_rank_the_block_and_the_greenbook_can():
    q = _question("Q02-01")
    keys = {o.key: o for o in q.options}
    crs_only = next(o for o in q.options if "CRS tables alone prove it" in o.text)
    assert not crs_only.correct and "cannot rank the years inside it" in crs_only.explanation
    right = keys[q.correct_keys[0]]
    assert "Greenbook" in right.text and "2009–2016" in right.text
    assert "USAID_GREENBOOK_MEFLYNN" in q.source_ids
    gb = pc.load("aid_greenbook").set_index(["recipient", "fiscal_year"]).loc[("PAK", 2010)]
    assert _m(gb["economic_current_usd_m"]) in right.explanation
    b = tp.block_ranking()
    assert _m(b.top_single_usd_m) in right.text and _m(b.total_usd_m) in crs_only.explanation


def test_q02_05_a_explains_with_the_source_that_can_rank_the_years():
    q = _question("Q02-05")
    keys = {o.key: o for o in q.options}
    assert not keys["a"].correct and "Greenbook" in keys["a"].explanation
    assert keys["c"].correct and "CRS tables cannot show" in keys["c"].text
    b = tp.block_ranking()
    gb = pc.load("aid_greenbook").set_index(["recipient", "fiscal_year"]).loc[
        ("PAK", b.greenbook_top_year)]
    assert f"FY{b.greenbook_top_year} ({_m(gb['economic_current_usd_m'])}" in keys["c"].explanation


def test_q02_06_the_like_for_like_tracker_count_is_the_right_answer():
    q = _question("Q02-06")
    est = pc.load("drone_estimates").set_index("estimate_id")
    right = next(o for o in q.options if o.correct)
    na, tbij = est.loc["DE01"], est.loc["DE15"]
    assert f"{na['civilians_low']}–{na['civilians_high']}" in right.text
    assert f"{tbij['civilians_low']}–{tbij['civilians_high']}" in q.prompt
    odni = next(o for o in q.options if "ODNI" in o.text)
    assert not odni.correct and "not Pakistan alone" in odni.explanation


# ------------------------------------------------------------------ contrasts and events
def test_contrasts_x12_and_x14_are_taught_with_their_evidence():
    code, text = _code(), _flat(student_text(NAME))
    assert "three_phases.agreements_contrast()" in code
    assert "three_phases.endgame_contrast()" in code
    assert "X12" in text and "X14" in text
    assert 'three_phases.contrast_card("X09", ["P000-03"])' in code


def test_new_events_are_in_the_phase_narrative():
    text = _flat(student_text(NAME))
    for event in ("EV105", "EV108", "EV109", "EV110", "EV112", "EV114", "EV104", "EV106"):
        assert event in text, event
    assert "three_phases.phase_threads()" in _code()
    assert "**Lesson 04 (the double game and the war at home)**" in text


def test_lal_masjid_stays_a_non_milestone_of_integration():
    notes = _flat(cell(NAME, "8f520128").source)
    assert "Lal Masjid operation (EV044)" in notes and "not milestones of integration" in notes
    text = _flat(student_text(NAME))
    assert not re.search(r"EV044[^.]*milestones? of (regional )?integration", text)
    assert "EV044" in tp.THREADS["The war at home"]


def test_the_boundaries_section_names_the_us_india_tie_and_attributes_the_strikes():
    text = _flat(cell(NAME, "92eda394").source)
    assert "EV105" in text and "EV112" in text
    assert "India announced \"surgical strikes\"" in text and "denied (EV114)" in text


# ------------------------------------------------------------------ thin notebook
def test_no_code_cell_computes_and_composes_at_length():
    for c in notebook(NAME).cells:
        if c.cell_type == "code":
            assert len(c.source.splitlines()) < 15, c.source[:80]
    moved = {"e5ab7002": "three_phases.phases_table()",
             "2f4ff044": "three_phases.key_events_table(phase)",
             "bc2e0cae": "three_phases.aid_block_notes()",
             "e867005f": "three_phases.drone_phase_notes()",
             "25aa5b8e": "three_phases.cost_per_phase_table()",
             "98c88ecc": "three_phases.aid_peak_notes()",
             "dd4a2376": "three_phases.drones_by_president()"}
    for cid, call in moved.items():
        assert cell(NAME, cid).source.strip() == call, cid


# ------------------------------------------------------------------ reading and time
def test_further_reading_and_readings_in_the_sources():
    code = _code()
    call = re.search(r"lesson\.further_reading\(\s*\[([^\]]*)\]", code)
    assert call and {"RD03", "RD15", "RD02"} <= set(re.findall(r"RD\d{2}", call.group(1)))
    assert '"readings"' in cell(NAME, "6ec72fe1").source
    assert '"drone_estimates"' in cell(NAME, "6ec72fe1").source


def test_part_timings_add_up_to_the_stated_time():
    text = cell(NAME, "d81f0836").source
    low, high = map(int, re.search(r"(\d+)–(\d+) minutes", text).groups())
    parts = re.findall(r"^\|[^|]+\| (\d+)(?:–(\d+))? \|$", text, flags=re.M)
    assert sum(int(a) for a, _ in parts) == low
    assert sum(int(b or a) for a, b in parts) == high


# ------------------------------------------------------------------ executed
@pytest.mark.slow
def test_executed_lesson_shows_not_printed_and_the_trackers(built_course):
    out = executed_text(built_course.out, NAME)
    assert "US$ <NA> m" not in out and "<NA> m" not in out and "not printed" in out
    assert "covers other countries too" in out
    assert "**Where a paper errs:** majeed-2024" in out
    assert "Markey" in out and "Perspective:" in out
