"""Lesson 01 (Cold War roots): fiscal years, the cut-offs and the verdict (issue 11)."""

from __future__ import annotations

import re

import pytest

import pakfp_course as pc
from pakfp_course import quiz
from pakfp_course.findings import cold_war

from .lesson_text import cell, executed_text, notebook, student_text

NAME = "01_cold_war_roots"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _embargo_fy() -> int:
    return cold_war.us_fiscal_year(cold_war.DATED_BY_SOURCE["EV010"][0])


def test_the_fiscal_year_rule_is_the_one_in_force_and_cited():
    text = _flat(cell(NAME, "62424c9f").source)
    assert "a US fiscal year runs from October to September, so an event in October" not in text
    assert "**1 July to 30 June**" in text and "**1 October to 30 September**" in text
    assert "*transition quarter*" in text
    first, last = cold_war.fiscal_year_span(1966)
    assert f"FY1966 ran from {first.day} {first:%B %Y} to {last.day} {last:%B %Y}" in text
    for source in (*cold_war.FISCAL_YEAR_SOURCES, "FRUS_6468_V25_D190", "FRUS_6468_V25_D126",
                   "FRUS_6468_V25_D122"):
        assert source in text, source
    assert f"falls in **FY{_embargo_fy()}**" in text
    assert "cold_war.us_fiscal_year" in text


def test_the_window_is_computed_by_a_tested_function_not_in_the_notebook():
    code = cell(NAME, "fba21976").source
    assert "cold_war.cutoff_table()" in code and "def fiscal_year" not in code
    assert cell(NAME, "d958d0aa").source.strip() == "cold_war.cutoff_changes(cutoffs)"


def test_no_code_cell_composes_prose_at_length():
    for c in notebook(NAME).cells:
        if c.cell_type == "code":
            assert len(c.source.splitlines()) < 20, c.source[:80]
    assert cell(NAME, "4a64036d").source.strip() == "cold_war.what_came_next(phase)"


def test_the_verdict_is_computed_and_the_unsupported_words_are_gone():
    cells = notebook(NAME).cells
    i = next(k for k, c in enumerate(cells) if c.get("id") == "97121684")
    assert cells[i + 1].source.strip() == "cold_war.cutoff_verdicts(cutoffs)"
    text = _flat(student_text(NAME))
    assert "rose a little" not in text and "reversed within two years" not in text


def test_exercise_2_asks_for_the_fiscal_year_and_the_answer_uses_it():
    fy = _embargo_fy()
    task = _flat(cell(NAME, "0a73987f").source)
    old = "Compare average yearly military obligations FY1960–FY1964 with FY1966–FY1970"
    assert old not in task
    assert "until 1976 a fiscal year ended on 30 June" in task
    assert cell(NAME, "23cdb7d4").source.strip() == "cold_war.embargo_answer(years=5)"
    answer = _flat(cell(NAME, "fe6798ff").source)
    w = cold_war.aid_around(fy, 5)
    assert f"it fell in FY{fy}" in answer
    assert (f"FY{w.before[0]}–FY{w.before[1]} and FY{w.after[0]}–FY{w.after[1]}" in answer)
    starter = next(c.source for c in notebook(NAME).cells if "Step 2." in c.source
                   and c.cell_type == "code")
    assert 'cold_war.us_fiscal_year("1965-09-08")' in starter


def test_the_1965_embargo_is_dated_and_pakistans_reaction_given_from_sources():
    text = _flat(cell(NAME, "ed9ffb1d").source)
    sources = pc.load("sources").set_index("source_id")["accessed_note"]
    assert "8 September 1965" in text and "September 8" in sources["FRUS_6468_V25_D190"]
    quote = "an act not of an ally and not even that of a neutral"
    assert quote in text and quote in sources["FRUS_6468_V25_D200"]


def test_every_source_id_a_student_reads_resolves_and_is_in_the_sources_section():
    known = set(pc.load("sources")["source_id"])
    text = student_text(NAME)
    cited = set(re.findall(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", text))
    assert cited and cited <= known, cited - known
    sources_call = notebook(NAME).cells[-1].source
    for sid in (*cold_war.FISCAL_YEAR_SOURCES, "FRUS_6468_V25_D122", "FRUS_6468_V25_D126",
                "FRUS_6468_V25_D190", "FRUS_6468_V25_D200"):
        assert f'"{sid}"' in sources_call, sid
    assert '"readings"' in sources_call


def test_further_reading_suits_the_cold_war_and_names_perspectives():
    call = next(c.source for c in notebook(NAME).cells if "lesson.further_reading(" in c.source)
    ids = re.findall(r'"(RD\d{2})"', call.split("why=")[0])
    readings = pc.load("readings").set_index("reading_id")
    assert "RD01" in ids  # Kux, 1947-2000: this lesson's years
    assert readings.loc[ids, "perspective"].str.split(" ").str[0].nunique() >= 2


def test_lessons_are_named_by_their_new_numbers():
    text = " ".join(c.source for c in notebook(NAME).cells if c.cell_type == "markdown")
    assert "lesson 5 (the turn to China)" not in text
    assert "lesson 06 (the turn to China)" in _flat(text)
    assert "show_claims" not in text  # no such function: Exercise 3 uses the claims table


@pytest.mark.slow
def test_a_student_sees_the_computed_verdict(built_course):
    text = executed_text(built_course.out, NAME)
    table = cold_war.cutoff_table()
    row = table.loc[next(e for e in table.index if e.startswith("EV026"))]
    assert cold_war.change_words(row["economic before"], row["economic after"]) in text
    rev = cold_war.symington_reversal()
    assert f"between **{rev.months_min} and {rev.months_max} months**" in text
    assert f"(FY{_embargo_fy()})" in text


def test_the_quiz_checks_the_fiscal_year_of_the_1965_embargo():
    question = quiz.load_questions(NAME, ["Q01-06"])[0]
    right = [o for o in question.options if o.correct]
    assert len(right) == 1 and right[0].text.startswith(f"FY{_embargo_fy()}:")
    assert "FRUS_6468_V25_D190" in question.source_ids
    assert set(cold_war.FISCAL_YEAR_SOURCES) <= set(question.source_ids)
    count = len(quiz.load_questions(NAME))
    words = {5: "Five", 6: "Six", 7: "Seven"}
    assert f"{words[count]} questions on this lesson" in cell(NAME, "25fd55dc").source
