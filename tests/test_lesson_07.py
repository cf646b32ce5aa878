"""Lesson 07 (regional stability and sources): what a student reads (issue 11)."""

from __future__ import annotations

import re

import pytest

import pakfp_course as pc
from pakfp_course import quiz
from pakfp_course.findings import stability

from .lesson_text import cell, executed_text, notebook, student_text

NAME = "07_stability_and_sources"
BALAKOT_SOURCES = ("BS_IANS_2019_BALAKOT", "DAWN_2019_BALAKOT", "APP_2019_NSC_BALAKOT")
MEDIATION_SOURCES = ("STATESMAN_2019_KHAN_MEDIATION", "THENEWS_2025_FO_CEASEFIRE",
                     "INDIATODAY_2025_PAK_MEDIATION")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _notes() -> dict[str, str]:
    table = pc.load("sources").set_index("source_id")
    return {sid: _flat(table.loc[sid, "accessed_note"])
            for sid in (*BALAKOT_SOURCES, *MEDIATION_SOURCES)}


def _quotes_by_source(text: str, ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """Pair each quotation with the source id in the parenthesis that follows it."""
    pairs = []
    start = 0
    for m in re.finditer(r"\(([^()]*)\)", text):
        cited = [sid for sid in ids if sid in m.group(1)]
        if cited:
            for quote in re.findall(r'"([^"]+)"', text[start:m.start()]):
                pairs.append((quote, cited[0]))
        start = m.end()
    return pairs


def test_the_title_is_renumbered():
    title = cell(NAME, "ab6fb153").source
    assert title.startswith("# 07 · ") and "lesson 6 of 8" not in title


def test_the_crises_are_counted_by_the_tested_rule_not_a_hand_list():
    plot = cell(NAME, "c18c7fa6").source
    assert "stability.india_pakistan_crises(window_days=window_days)" in plot
    assert "window_days = 90" in plot and 'india_pakistan = ["EV034"' not in plot
    assert cell(NAME, "5347f7d7").source.strip() == (
        "stability.crises_markdown(phase, window_days=window_days)")
    code = "\n".join(c.source for c in notebook(NAME).cells if c.cell_type == "code")
    assert "None of this lesson's crises falls in the" not in code


def test_the_argument_reads_the_2016_crises_and_the_rule():
    text = _flat(student_text(NAME))
    assert "### Reading the count" in student_text(NAME)
    assert "No phase since 2001 is free of crises" in text
    for event_id in ("EV111", "EV113", "EV114", "EV121", "EV123"):
        assert event_id in text, event_id
    per_phase = stability.crises_per_phase(stability.india_pakistan_crises())
    assert per_phase.loc["2009-2016", "crises"] > 0  # the argument's premise holds
    assert "Change `window_days` to 365" in text


def test_balakot_is_attributed_to_each_side_in_its_own_words():
    text = _flat(cell(NAME, "37cb90aa").source)
    assert "**India said**" in text and "**Pakistan denied it.**" in text
    for sid in BALAKOT_SOURCES:
        assert sid in text, sid
    notes = _notes()
    pairs = _quotes_by_source(text, BALAKOT_SOURCES)
    assert {sid for _, sid in pairs} == set(BALAKOT_SOURCES)
    for quote, sid in pairs:
        assert quote.lower() in notes[sid].lower(), (sid, quote)


def test_pakistans_position_on_mediation_stands_beside_indias():
    text = _flat(cell(NAME, "0fef0e5e").source)
    assert "*India* denied having asked" in text and "*India* denied any mediation" in text
    assert "*Pakistan* welcomed it" in text and "*Pakistan's* Foreign Office" in text
    notes = _notes()
    pairs = _quotes_by_source(text, MEDIATION_SOURCES)
    assert {sid for _, sid in pairs} == set(MEDIATION_SOURCES)
    for quote, sid in pairs:
        assert quote.lower() in notes[sid].lower(), (sid, quote)
    events = pc.load("events").set_index("event_id")
    assert "India denied" in events.loc["EV068", "description"]
    assert "India denied any mediation" in events.loc["EV080", "description"]


def test_every_new_source_is_cited_in_the_sources_section_and_resolves():
    code = cell(NAME, "15fbb894").source
    known = set(pc.load("sources")["source_id"])
    for sid in (*BALAKOT_SOURCES, *MEDIATION_SOURCES):
        assert f'"{sid}"' in code and sid in known, sid
    for dataset in ("drone_estimates", "readings"):
        assert f'"{dataset}"' in code


def test_drone_casualties_are_shown_tracker_beside_tracker_with_scope():
    code = "\n".join(c.source for c in notebook(NAME).cells if c.cell_type == "code")
    assert 'plots.drone_estimates(measure="civilians")' in code
    assert cell(NAME, "8d3acc4c").source.strip() == "stability.drones_markdown(phase)"
    text = _flat(student_text(NAME))
    assert "not Pakistan alone" in text and "TBIJ is one tracker among several" in text
    assert "First, **vintage again**" not in code


def test_quiz_q07_05_matches_the_trackers_in_the_data():
    question = next(q for q in quiz.load_questions() if q.question_id == "Q07-05")
    whole = stability.drone_comparison("2004–2018 (every strike)").rows
    na = whole[whole["tracker"] == "New America"].iloc[0]
    lwj = whole[whole["tracker"].str.startswith("Long War")].iloc[0]
    right = next(o for o in question.options if o.correct)
    assert f"New America {na['low']}–{na['high']}" in right.explanation
    assert f"Long War Journal {lwj['low']}" in right.explanation
    text = " ".join(f"{o.text} {o.explanation}" for o in question.options)
    assert "even fewer" not in text
    assert {"NAF_PAK_DATA_GHCOPY", "WIKI_DRONES"} <= set(question.source_ids)


def test_no_code_cell_composes_prose_at_length():
    for c in notebook(NAME).cells:
        # the exceptions pass authored text as arguments: readings' reasons, the handout's
        # question and objectives, its questions
        if c.cell_type == "code" and not c.source.startswith((
                "lesson.further_reading(", "lesson.sources(", "handout.brief(",
                "handout.questions(")):
            assert len(c.source.splitlines()) <= 8, c.source[:80]


def test_further_reading_sets_indian_beside_pakistani_scholarship():
    code = cell(NAME, "fdbd63c7").source
    ids = re.findall(r'"(RD\d{2})"', code.split("why=")[0])
    readings = pc.load("readings").set_index("reading_id")
    perspectives = {readings.loc[i, "perspective"].split(" ")[0] for i in ids}
    assert len(ids) >= 2 and {"Indian", "Pakistani"} <= perspectives
    assert "## Further reading" in student_text(NAME)


@pytest.mark.slow
def test_the_executed_lesson_shows_the_counts_and_the_trackers(built_course):
    text = _flat(executed_text(built_course.out, NAME))
    per_phase = stability.crises_per_phase(stability.india_pakistan_crises())
    assert f"| `2009-2016` | 2009–2016 | {per_phase.loc['2009-2016', 'crises']} |" in text
    assert "None of this lesson's crises" not in text
    whole = stability.drone_comparison("2004–2018 (every strike)")
    assert f"**{whole.lowest:,}**" in text and "not Pakistan alone" in text
