"""Lesson 03 (bandwagoning): what a student reads, checked against the data and the papers."""

from __future__ import annotations

import re

import pytest

import pakfp_course as pc
from pakfp_course import quiz
from pakfp_course.findings import alliances
from tests.lesson_text import ROOT, cell, executed_text, is_student_visible, notebook, student_text

NAME = "03_bandwagoning"
READING_CELL = "7dde539b"  # "The course's reading: ..."
HEDGING_CELL = "f8986f8b"
SNYDER_CELL = "37e2dd4c"
PHRASES_CELL = "1848ef84"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _source_note(source_id: str) -> str:
    return _flat(pc.load("sources").set_index("source_id").loc[source_id, "accessed_note"])


def _seed(paper: str) -> str:
    return _flat((ROOT / "seeds" / f"{paper}.txt").read_text(encoding="utf-8"))


def test_the_course_reading_is_argued_in_a_student_visible_section():
    c = cell(NAME, READING_CELL)
    assert is_student_visible(c)
    text = _flat(c.source)
    assert text.startswith("### The course's reading: bandwagoning for profit, entered under")
    assert f"**{alliances.READING}**" in text
    for ref in ("P003-02", "P003-13", "P003-24", "X05", "EV026", "EV029", "EV030", "EV031",
                "EV032", "EV038", "Walt", "Schweller", "What would change the reading?"):
        assert ref in text, ref
    assert "enmity in every phase" in text  # the rsct_relations scores, shown below the cell
    cells = notebook(NAME).cells
    i = [x.get("id") for x in cells].index(READING_CELL)
    assert cells[i + 1].source.strip() == "alliances.us_tie_evidence()"
    assert "balancing" in text and not re.search(r"tie with the us[^.]{0,40}\bis balancing",
                                                 text.lower())


def test_the_three_ties_table_agrees_with_the_reading():
    table = _flat(cell(NAME, "4f6a5ae2").source)
    us_row = next(line for line in cell(NAME, "4f6a5ae2").source.splitlines()
                  if line.startswith("| with the US"))
    assert alliances.READING in us_row
    assert "at most" not in table
    assert "**balancing**" not in us_row


def test_hedging_is_defined_for_students_after_kuik():
    c = cell(NAME, HEDGING_CELL)
    assert is_student_visible(c)
    text = _flat(c.source)
    assert "**Hedging** means" in text
    for ref in ("Kuik", "RD10", "SCRIBD_KUIK_2008", "KUIK_2021"):
        assert ref in text, ref
    quoted = re.search(r'"(I define hedging[^"]+)"', text).group(1)
    assert quoted in _source_note("KUIK_2021")  # quoted as read
    # the instructor-only note is no longer the only definition
    assert "Hedging is not defined" not in cell(NAME, "a115befc").source


def test_walt_is_cited_from_walt_with_the_page():
    text = _flat(cell(NAME, "b59b7355").source)
    assert "(Walt 1987: 17)" in text
    assert "quoted in IPL_BANDWAGON" not in text
    quoted = re.search(r'words: "([^"]+)"', text).group(1)
    assert quoted in _source_note("WALT_1987_TEXT")
    assert "p. 17" in _source_note("WALT_1987") and quoted in _source_note("WALT_1987")
    assert "(17-33)" in _source_note("WALT_1987_GUIDE")


def test_alliance_politics_is_taught_and_applied_to_the_papers_phrases():
    theory = _flat(cell(NAME, SNYDER_CELL).source)
    for ref in ("**Abandonment**", "**Entrapment**", "Snyder", "RD11", "Morrow", "Kabir",
                "patron–client", "side payments"):
        assert ref in theory, ref
    snyder = re.search(r'"(involves a choice[^"]+)"', theory).group(1)
    assert snyder in _source_note("CUP_SNYDER_1984")
    morrow = re.search(r'"(one partner receives[^"]+)"', theory).group(1)
    assert morrow in _source_note("MORROW_1991")
    phrases = _flat(cell(NAME, PHRASES_CELL).source)
    assert '"Carrot and stick"' in phrases and "Transactional and inconsistent" in phrases
    for ref in ("EV024", "EV049", "EV065", "EV109", "EV110", "P000-59"):
        assert ref in phrases, ref
    assert "abandonment" in phrases and "entrapment" in phrases


@pytest.mark.parametrize("quote, paper", [
    ("endeavoured to enlist Pakistan's assistance through the provision of financial and "
     "military assistance", "yousaf-ma-2025"),
    ("as soon as its objectives were met", "yousaf-ma-2025"),
    ("Pakistan has often viewed U.S. policies", "khan-2024"),
    ("he abrupt reduction of military aid, imposition of economic sanctions, and perceived "
     "disregard for Pakistan's sovereignty", "khan-2024"),
    ("Pakistan's alleged double game", "khan-2024"),
])
def test_the_papers_are_quoted_as_printed(quote, paper):
    assert quote in _flat(cell(NAME, PHRASES_CELL).source)
    assert quote in _seed(paper)


def test_imran_khans_twenty_billion_is_marked_as_an_inference():
    text = _flat(cell(NAME, "4eebd802").source)
    assert "**our inference**, not something he said" in text
    assert "leaves the CSF reimbursements out" not in text
    cells = notebook(NAME).cells
    i = [x.get("id") for x in cells].index("4eebd802")
    assert cells[i + 1].source.strip() == "alliances.twenty_billion_note()"


def test_the_model_answer_no_longer_asserts_an_unsupported_fact():
    text = _flat(cell(NAME, "6d2801de").source)
    assert "no great-power ally able to shield it" not in text
    assert "P000-54" in text
    claim = pc.load("claims").set_index("claim_id").loc["P000-54"]
    assert "China was neutral in 1999" in claim["evidence_note"]


def test_the_lesson_cells_are_thin():
    for c in notebook(NAME).cells:
        if c.cell_type == "code":
            assert len(c.source.splitlines()) <= 10, c.source[:80]
    assert cell(NAME, "51b78be3").source.strip() == "alliances.ledger_combinations_table()"


def test_further_reading_and_discussion_use_what_the_lesson_teaches():
    code = "\n".join(c.source for c in notebook(NAME).cells if c.cell_type == "code")
    call = re.search(r"lesson\.further_reading\(\s*\[([^\]]*)\]", code).group(1)
    assert {"RD08", "RD09", "RD10", "RD11"} <= set(re.findall(r"RD\d\d", call))
    discussion = _flat(cell(NAME, "7a27bd3e").source)
    q4 = re.search(r"4\. \*\*Today: hedging\?\*\*(.*?)5\. ", discussion).group(1)
    assert "Kuik" in q4 and "part 1" in q4 and "fallback" in q4


def test_every_reference_the_lesson_names_resolves():
    text = "\n".join(c.source for c in notebook(NAME).cells)
    events = set(pc.load("events")["event_id"])
    claims = set(pc.load("claims")["claim_id"])
    contrasts = set(pc.load("contrasts")["contrast_id"])
    readings = set(pc.load("readings")["reading_id"])
    sources = set(pc.load("sources")["source_id"])
    assert set(re.findall(r"\bEV\d{3}\b", text)) <= events
    assert set(re.findall(r"\bP00\d-\d\d\b", text)) <= claims
    assert set(re.findall(r"\bX\d\d\b", text)) <= contrasts
    assert set(re.findall(r"\bRD\d\d\b", text)) <= readings
    assert set(re.findall(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b", text)) <= sources


def test_quiz_q03_04a_explanation_agrees_with_its_option():
    q = quiz.load_questions(NAME, ids=["Q03-04"])[0]
    a = next(o for o in q.options if o.key == "a")
    assert "mixes gains" in a.text and a.correct
    assert "not fear of it" not in a.explanation
    assert "Schweller" in a.explanation and "Walt" in a.explanation
    assert alliances.READING in a.explanation


def test_the_student_text_states_the_reading_and_never_calls_the_us_tie_balancing():
    text = " ".join(student_text(NAME).lower().split())
    assert alliances.READING in text
    assert not re.search(r"(tie|alignment|alliance) with (the us|washington)[^.]{0,40}"
                         r"\bis (a form of )?balancing", text)


@pytest.mark.slow
def test_the_executed_lesson_shows_the_evidence_and_the_episodes(built_course):
    text = executed_text(built_course.out, NAME)
    assert f"{alliances.days_between('EV030', 'EV031')} days after the attacks" in text
    assert "Pakistan–India is scored **enmity -2** in every phase" in text
    assert "Mullen calls Haqqani network" in text and "US vacates Shamsi airbase" in text
    assert "our inference, not his statement" in text
