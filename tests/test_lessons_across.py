"""What the lessons must agree on across the course (read from what students see)."""

from __future__ import annotations

import re

import pytest

import pakfp_course as pc
from tests.lesson_text import ROOT, notebook, student_text

LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
READING = "bandwagoning for profit, entered under duress"


@pytest.mark.parametrize("name", ["03_bandwagoning", "06_china_turn", "08_review"])
def test_one_reading_of_the_us_tie_is_argued_in_03_and_referred_to_later(name):
    assert READING in student_text(name).lower(), name


@pytest.mark.parametrize("name", LESSONS)
def test_no_lesson_calls_the_us_tie_balancing(name):
    text = " ".join(student_text(name).lower().split())
    assert "balancing by the same definition" not in text
    assert not re.search(r"(tie|alignment|alliance) with (the us|washington)[^.]{0,40}"
                         r"\bis (a form of )?balancing", text), name


def test_every_contrast_between_the_papers_is_taught_somewhere():
    sources = "\n".join(c.source for name in LESSONS for c in notebook(name).cells)
    unused = [x for x in pc.load("contrasts")["contrast_id"] if not re.search(rf"\b{x}\b",
                                                                              sources)]
    assert not unused, f"contrasts no lesson uses: {unused}"


def test_the_start_lesson_maps_every_lesson():
    text = student_text("00_start_here")
    for name in LESSONS[1:]:
        assert name in text, name


@pytest.mark.parametrize("name", ["06_china_turn", "08_review"])
def test_hedging_is_defined_for_students_where_it_is_the_question(name):
    text = student_text("03_bandwagoning").lower()
    assert re.search(r"hedging[^.]*\b(is|means)\b", text), "03 defines hedging for students"
    assert "RD10" in student_text(name) or "Kuik" in student_text(name), name
