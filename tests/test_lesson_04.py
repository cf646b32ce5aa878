"""Lesson 04, the double game and the war at home: what a student reads in it."""

from __future__ import annotations

import re

import pytest

import pakfp_course as pc
from pakfp_course import quiz
from pakfp_course.resources import course_path
from tests.lesson_text import executed_text, is_student_visible, notebook, student_text

NAME = "04_double_game"


@pytest.fixture(scope="module")
def text() -> str:
    return student_text(NAME)


@pytest.fixture(scope="module")
def code() -> str:
    return "\n".join(c.source for c in notebook(NAME).cells if c.cell_type == "code")


def test_the_charge_is_attributed_and_pakistans_denial_is_given(text):
    assert "veritable arm" in text and "(BBC_MULLEN_2011)" in text and "EV109" in text
    part = text[text.index("### The charge"):text.index("### What the evidence can settle")]
    assert re.search(r"Mullen[^.]*told the\s+Senate Armed Services Committee", part)
    assert "categorical no" in part and "Pakistani officials denied" in part
    assert "does not allow\n  use of its territory" in part or "does not allow use" in part
    # never stated as fact in the course's own voice
    lowered = " ".join(text.lower().split())
    assert not re.search(r"(?<!whether )(?<!that )the isi (supported|directed|backed|ran) the "
                         r"haqqani", lowered)
    assert "attribution" in lowered and "says nothing about whether the accusation was true" \
        in lowered


def test_the_three_groups_are_told_apart(text):
    for group in ("The Afghan Taliban", "The Haqqani network", "The Pakistani Taliban",
                  "Tehrik-i-Taliban Pakistan"):
        assert group in text, group
    assert "EV104" in text and "concentrated its attacks on Pakistani security" in text


def test_the_war_at_home_is_dated_from_the_events_data(text, code):
    events = pc.load("events").set_index("event_id")
    for eid in ("EV104", "EV106", "EV107", "EV059", "EV060"):
        assert eid in text or eid in code, eid
    assert events.loc["EV106", "date_label"] == "2009-05-07" and "7 May 2009" in text
    # the contested dates are attributed to their sources
    assert "(WIKI_SWAT2)" in text and "(GLOBALVOICES_2009_SWAZ)" in text
    assert "double_game.war_at_home(phase)" in code


def test_read_first_names_sections_that_exist_in_the_seed_papers(text):
    read_first = text[text.index("## Read first"):text.index("## Your phase")]
    sections = re.findall(r"(khan-2024|majeed-2024) §([^:,(*\n]+?)(?:[:,(*\n]| \(| and$)",
                          read_first)
    assert len(sections) >= 4
    for paper, section in sections:
        seed = (course_path("seeds") / f"{paper}.txt").read_text(encoding="utf-8")
        assert section.strip() in seed, (paper, section)
    assert "majeed-2024 §Post-9/11 Era" in read_first
    assert "*Domestic Repercussions*" in read_first


def test_the_papers_are_tested_with_computed_tables(code, text):
    assert "double_game.khan_domestic_repercussions()" in code
    assert "double_game.majeed_post_911()" in code
    assert "double_game.before_and_after_table()" in code
    assert "double_game.drone_counts_compared()" in code
    assert "plots.drone_estimates(" in code and "plots.militancy_and_operations(" in code
    assert "widgets.militancy_explorer(" in code
    assert "A trend is not a cause" in text


def test_anti_americanism_is_held_as_a_hypothesis_not_a_finding(text):
    part = text[text.index("### Sovereignty and anti-Americanism"):]
    assert "no opinion polls" in part and "hypothesis" in part
    assert "P002-14" in part and "P003-07" in part


def test_the_course_reading_of_the_us_tie_is_the_one_argued_in_lesson_03(text):
    assert "bandwagoning for profit, entered under duress" in text
    assert "argued in lesson 03" in text


def test_scholars_and_further_reading_carry_perspectives_from_the_readings(code, text):
    call = re.search(r"lesson\.further_reading\(\s*\[([^\]]*)\]", code)
    ids = re.findall(r"RD\d{2}", call.group(1))
    assert {"RD05", "RD02", "RD15", "RD03", "RD06"} <= set(ids)
    assert "double_game.scholars_table()" in code
    from pakfp_course.findings.double_game import SCHOLARS

    shown = text + " ".join(source for _, source in SCHOLARS.values())
    for sid in ("FSJ_2015_FAIR_REVIEW", "TVPAUL_WARRIOR_STATE", "DAWN_2017_FO_SAFEHAVENS"):
        assert sid in shown and sid in code  # shown to students and cited under Sources


def test_every_source_id_a_student_reads_resolves_and_is_listed_under_sources(text, code):
    known = set(pc.load("sources")["source_id"])
    from pakfp_course.findings.double_game import SCHOLARS

    cited = set(re.findall(r"\(([A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+)\)", text))
    cited |= {s.strip() for _, source in SCHOLARS.values() for s in source.split(";")}
    assert cited and cited <= known, cited - known
    extra = re.search(r"lesson\.sources\([^)]*?extra=\[([^\]]*)\]", code).group(1)
    listed = set(re.findall(r'"([A-Z0-9_]+)"', extra))
    assert cited <= listed, cited - listed


def test_exercises_have_model_answers_hidden_from_students():
    nb = notebook(NAME)
    answers = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(answers) == 3 and not any(is_student_visible(c) for c in answers)
    prompts = [c for c in nb.cells if c.cell_type == "markdown" and
               c.source.startswith("*Your answer:*")]
    assert len(prompts) == 3


def test_the_quiz_has_the_lessons_questions():
    questions = quiz.load_questions(NAME)
    assert [q.question_id for q in questions] == [f"Q04-0{i}" for i in range(1, 6)]
    single = [q.correct_keys[0] for q in questions if q.kind == "single"]
    assert len(set(single)) >= 3  # the right answer is not always in the same place


@pytest.mark.slow
def test_the_executed_lesson_shows_the_computed_findings(built_course):
    out = executed_text(built_course.out, NAME)
    assert "Only 5 series (one tracker, one definition)" in out
    assert "Militancy, operations and drone strikes in Pakistan, 2001-" in out
    assert "SATP counted 189 in 2003" in out
    assert "Model answer" not in out  # answers are not in a student's run
