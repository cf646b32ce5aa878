"""Lesson 06 (the turn to China): what a student reads, for issue 11."""

from __future__ import annotations

import re

import pytest

import pakfp_course as pc
from pakfp_course import quiz
from tests.lesson_text import cell, executed_text, is_student_visible, notebook, student_text

NAME = "06_china_turn"
READING = "bandwagoning for profit, entered under duress"


def _code() -> str:
    return "\n".join(c.source for c in notebook(NAME).cells if c.cell_type == "code")


def _flat(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ item 2: the US tie
def test_three_chinas_no_longer_calls_the_us_tie_balancing():
    text = _flat(cell(NAME, "1d80212c").source)
    assert "by the same definition" not in text
    assert not re.search(r"tie with the US[^.]*\bbalancing\b", text)
    assert READING in text and "lesson 03" in text
    assert "tie with China is balancing" in text and "X05" in text
    # P003-13 is cited only for what it says: the US was not the threat
    assert re.search(r"US was not the threat[^.]*P003-13", text)


def test_the_course_reading_of_the_us_tie_is_stated_where_the_terms_are_set():
    text = _flat(student_text(NAME))
    assert READING in text.lower()
    assert "P003-02" in text  # under duress: Musharraf's own account


# ------------------------------------------------------------------ hedging defined here
def test_hedging_is_restated_for_students_with_its_sources():
    terms = _flat(cell(NAME, "c6a1e0d1").source)
    assert is_student_visible(cell(NAME, "c6a1e0d1"))
    assert "Kuik" in terms and "RD10" in terms and "lesson 03" in terms
    assert "fallback position" in terms and "avoids taking sides" in terms
    assert "KUIK_2021" in terms and "MUSE_KUIK_2008" in terms
    sources = re.search(r"lesson\.sources\((.*)\)", _code(), flags=re.S)[1]
    assert "KUIK_2021" in sources and "MUSE_KUIK_2008" in sources
    # and the swap-or-hedge part checks the evidence against it
    assert "china.swap_or_hedge()" in _code()
    assert "definition of hedging" in cell(NAME, "5721601d").source


# ------------------------------------------------------------------ item 10: EV044
def test_lal_masjid_is_not_counted_as_a_milestone():
    assert "china.two_tracks_answer()" in cell(NAME, "8b066654").source
    assert "solution" in cell(NAME, "8b066654").metadata["tags"]
    text = _flat(cell(NAME, "c91aad04").source)
    assert "EV044" in text and "not milestones of integration" in text
    assert "milestones" in cell(NAME, "622c448d").source


# ------------------------------------------------------------------ new sections
def _section(number: int) -> str:
    """The student-visible Markdown of part ``number`` (up to the next part's heading)."""
    text = student_text(NAME)
    start = re.search(rf"^## {number}\. ", text, flags=re.M)
    assert start, f"no part {number}"
    end = re.search(r"^## ", text[start.end():], flags=re.M)
    return text[start.start(): start.end() + (end.start() if end else len(text))]


def test_parts_are_numbered_in_order_and_the_timing_table_covers_them():
    text = student_text(NAME)
    numbers = [int(n) for n in re.findall(r"^## (\d+)\. ", text, flags=re.M)]
    assert numbers == list(range(1, 15))
    table = re.search(r"^\| part \| minutes \|\n\|---\|---\|\n((?:\|.*\|\n?)+)", text, flags=re.M)
    covered = set()
    for first, last in re.findall(r"^\| (\d+)(?:–(\d+))?\. ", table[1], flags=re.M):
        covered.update(range(int(first), int(last or first) + 1))
    assert covered == set(range(1, 15))


def test_economic_reliability_section_uses_x10_and_the_fatf_and_imf():
    text = _flat(_section(7))
    assert "Economic reliability" in text and "X10" in text and "P000-57" in text
    assert "FATF" in text and "IMF" in text
    code = _code()
    assert "china.economic_reliability()" in code and 'contrast_cards(["X10"])' in code


def test_india_factor_section_sets_the_great_powers_around_pakistan():
    text = _flat(_section(8))
    assert "X06" in text
    for name in ("NSG waiver", "Major Defense Partner", "Quad", "Doklam", "Galwan", "SCO",
                 "Masood Azhar"):
        assert name in text, name
    code = _code()
    assert "china.india_factor()" in code and 'contrast_cards(["X06"])' in code
    assert "plots.timeline(china.india_factor_events()" in code


def test_prescriptions_section_tests_saarc_and_the_balanced_policy():
    text = _flat(_section(13))
    assert "X15" in text and "full membership in SAARC" in text
    assert "towards a balanced foreign policy" in text
    code = _code()
    assert "china.prescriptions(" in code and 'contrast_cards(["X15"])' in code


def test_x06_and_x15_are_used_and_every_cited_row_exists():
    text = student_text(NAME) + _code()
    contrasts = set(pc.load("contrasts")["contrast_id"])
    events = set(pc.load("events")["event_id"])
    claims = set(pc.load("claims")["claim_id"])
    assert {"X06", "X10", "X15"} <= set(re.findall(r"\bX\d{2}\b", text))
    assert set(re.findall(r"\bX\d{2}\b", text)) <= contrasts
    assert set(re.findall(r"\bEV\d{3}\b", text)) <= events
    assert set(re.findall(r"\bP00[023]-\d{2}\b", text)) <= claims


# ------------------------------------------------------------------ thin cells
def test_no_code_cell_composes_prose():
    for c in notebook(NAME).cells:
        if c.cell_type != "code":
            continue
        assert "lesson.markdown(" not in c.source, c.id
        assert not re.search(r"""\bf["']""", c.source), c.id
        assert len(c.source.splitlines()) <= 10, c.id
    for cid in ("36754dbe", "2201c600", "9df54dbe", "3a41e420", "19c812dd", "8b066654",
                "e5e05e3b", "4bd13432", "5de7d27c"):
        assert cell(NAME, cid).source.startswith("china."), cid


# ------------------------------------------------------------------ reading, quiz
def test_further_reading_names_perspectives_and_the_missing_chinese_view():
    code = _code()
    call = re.search(r"lesson\.further_reading\(\s*\[([^\]]*)\]", code)
    ids = re.findall(r"RD\d{2}", call[1])
    assert {"RD04", "RD10", "RD13"} <= set(ids) and len(ids) >= 3
    assert set(ids) <= set(pc.load("readings")["reading_id"])
    text = _flat(student_text(NAME))
    assert "no Chinese-authored reading could be verified" in text


def test_quiz_intro_counts_the_questions_in_the_bank():
    words = {5: "Five", 6: "Six", 7: "Seven", 8: "Eight", 9: "Nine", 10: "Ten"}
    questions = [q for q in quiz.load_questions() if q.lesson == NAME]
    assert len(questions) == 8
    assert words[len(questions)] + " questions" in cell(NAME, "f56f7d3b").source
    prompts = " ".join(q.prompt for q in questions)
    assert "full membership in SAARC" in prompts and "economic reliability" in prompts
    right = [o.text for q in questions for o in q.options if o.correct]
    assert any(READING in t for t in right)


# ------------------------------------------------------------------ executed (slow)
@pytest.mark.slow
def test_executed_lesson_shows_the_context_and_no_lal_masjid_milestone(built_course):
    text = executed_text(built_course.out, NAME)
    for event_id in ("EV105", "EV112", "EV117", "EV124", "EV116", "EV122", "EV119", "EV115",
                     "EV118", "EV125", "EV120", "EV126"):
        assert event_id in text, event_id
    ev = pc.load("events").set_index("event_id")
    assert f"{(ev.at['EV040', 'date'] - ev.at['EV039', 'date']).days} days before" in text
    answers = executed_text(built_course.out, NAME, student_only=False)
    sentence = re.search(r"China milestones come before[^.]*\.", answers)
    assert sentence and "EV044" not in sentence[0]
