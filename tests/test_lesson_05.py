"""Lesson 05 (RSCT): what a student reads, checked against the data and the issue's fixes."""

from __future__ import annotations

import re

import pytest

import pakfp_course as pc
from pakfp_course import quiz
from pakfp_course.findings import rsct, stability
from tests.lesson_text import cell, executed_text, is_student_visible, notebook, student_text

NAME = "05_rsct"


@pytest.fixture(scope="module")
def text() -> str:
    return student_text(NAME)


@pytest.fixture(scope="module")
def sources():
    return pc.load("sources").set_index("source_id")


def _flat(s: str) -> str:
    return " ".join(s.split())


# ------------------------------------------------------------- the supercomplex and insulators
def test_the_supercomplex_and_the_insulator_are_taught_to_students_with_sources(text):
    flat = _flat(text)
    assert "supercomplex" in flat.lower() and "insulator" in flat.lower()
    links = next(c for c in notebook(NAME).cells if is_student_visible(c)
                 and c.source.startswith("### What RSCT itself says about links"))
    for sid in ("CUP_REGIONS_POWERS", "BUZAN_IFRI_ASIA", "MUKHOPADHYAY_2011",
                "HARPVIKEN_PRIO_2010"):
        assert sid in links.source, sid
    assert "separate RSCs" in links.source and "Afghanistan" in links.source


# Quotations of the theory: (cell id or heading, source id, the words quoted).
QUOTES = [
    ("64e61310", "BUZAN_IFRI_ASIA", "the discursive process through which an understanding is "
     "constructed within a political community to treat something as an existential threat"),
    ("64e61310", "BALZACQ_2005", "an effective securitization is audience-centered"),
    ("64e61310", "WIKI_SECURITIZATION", "who securitizes (securitizing actor), on what issues "
     "(threats), for whom (referent object)"),
    ("aeeac7fa", "MUKHOPADHYAY_2011", "so interlinked that their security problems cannot "
     "reasonably be analyzed or resolved apart from one another"),
    ("### What RSCT itself says", "BUZAN_IFRI_ASIA", "At the time we treated East Asia and South "
     "Asia as separate RSCs with distinct histories and dynamics"),
    ("### What RSCT itself says", "BUZAN_IFRI_ASIA", "through the appearance of political "
     "counterweights to China, particularly in India"),
    ("### What RSCT itself says", "MUKHOPADHYAY_2011", "by two 'insulator' states: Afghanistan "
     "and Burma"),
    ("### What RSCT itself says", "HARPVIKEN_PRIO_2010", "caught between different regional "
     "state systems, each with a strong dynamic of their own"),
    ("5179b35d", "BUZAN_IFRI_ASIA", "a steady drift towards unipolarity as India's economic and "
     "military weight increased"),
]


def _cell_text(key: str) -> str:
    if key.startswith("#"):
        return next(c.source for c in notebook(NAME).cells if c.source.startswith(key))
    return cell(NAME, key).source


def _plain(s: str) -> str:
    s = re.sub(r"^>\s?", "", s, flags=re.M)  # block quotes
    return _flat(s).replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"') \
        .replace("\u201d", '"')


@pytest.mark.parametrize(("key", "source_id", "quote"), QUOTES)
def test_every_quotation_of_the_theory_is_in_the_source_it_cites(key, source_id, quote, sources):
    assert quote in _plain(_cell_text(key)), (key, quote)
    assert source_id in _cell_text(key), (key, source_id)
    assert quote in _plain(sources.loc[source_id, "accessed_note"]), (source_id, quote)


def test_securitisation_is_no_longer_taught_without_a_source():
    source = cell(NAME, "64e61310").source
    assert "general, standard version" not in source
    assert "BUZAN_IFRI_ASIA" in source and "BALZACQ_2005" in source


def test_every_source_and_row_id_the_students_read_resolves(text, sources):
    ids = set(re.findall(r"`([A-Z][A-Z0-9_]{3,})`", text))
    assert ids and ids <= set(sources.index), ids - set(sources.index)
    known = {"EV": set(pc.load("events")["event_id"]), "P0": set(pc.load("claims")["claim_id"]),
             "X": set(pc.load("contrasts")["contrast_id"]),
             "RD": set(pc.load("readings")["reading_id"])}
    for ref in re.findall(r"\b(EV\d{3}|P00\d-\d{2}|X\d{2}|RD\d{2})\b", text):
        assert ref in known[ref[:2] if ref[:2] in known else ref[0]], ref


# ------------------------------------------------------------- item 3: judging the merger
def test_the_merger_is_judged_against_the_supercomplex_and_the_great_power_data():
    verdict = _flat(cell(NAME, "72dd90e5").source)
    assert "supercomplex" in verdict and "merger" in verdict
    for event_id in ("EV116", "EV122", "EV112", "EV117", "EV124"):
        assert event_id in verdict, event_id
    code = "\n".join(c.source for c in notebook(NAME).cells if c.cell_type == "code")
    assert "rsct.great_power_summary()" in code and "rsct.china_in_pakistan()" in code


def test_the_great_power_context_names_the_us_india_and_china_india_events(text):
    for event_id in ("EV105", "EV112", "EV116", "EV117", "EV122", "EV124"):
        assert event_id in text, event_id
    assert "X06" in text  # the "India factor" contrast


def test_quiz_q05_04_is_right_about_the_book():
    question = quiz.load_questions(NAME, ids=["Q05-04"])[0]
    d = next(o for o in question.options if o.key == "d")
    assert "separate chapters" not in d.explanation
    assert "supercomplex" in d.text and "supercomplex" in d.explanation
    assert d.correct  # the statement about the book is true
    assert "BUZAN_IFRI_ASIA" in question.source_ids


# ------------------------------------------------------------- item 4: arms, computed
def test_the_wrong_arms_statement_is_gone_and_the_statement_is_computed():
    lesson = "\n".join(c.source for c in notebook(NAME).cells)
    assert "most of Pakistan's major arms in every reported period" not in lesson
    assert "every reported period" not in cell(NAME, "72dd90e5").source
    assert cell(NAME, "1b6aab1c").source.strip() == "rsct.arms_summary()"


# ------------------------------------------------------------- item 6: crises, by the course's rule
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@pytest.fixture(scope="module")
def crises() -> list[stability.Crisis]:
    return stability.india_pakistan_crises()


def _code() -> str:
    return "\n".join(c.source for c in notebook(NAME).cells if c.cell_type == "code")


def test_the_crises_come_from_the_course_rule_not_a_rule_of_the_lesson(text):
    code = _code()
    assert "from pakfp_course.findings import rsct, stability" in cell(NAME, "45ce0210").source
    chart = cell(NAME, "5135a3dd").source
    assert "stability.india_pakistan_crises()" in chart and "rsct.crisis_events(crises)" in chart
    assert cell(NAME, "92ce9b74").source.strip() == "rsct.crisis_summary(phase)"
    assert "rsct.india_pakistan_crises" not in code + text  # the lesson's own rule is gone
    # lesson 07 counts its crises with the very same function
    seven = "\n".join(c.source for c in notebook("07_stability_and_sources").cells
                      if c.cell_type == "code")
    assert "stability.india_pakistan_crises(" in seven
    intro = _flat(cell(NAME, "03bf7502").source)
    assert "`stability.india_pakistan_crises`" in intro and "lesson 07" in intro
    assert "**episode**" in intro and "not a single event" in intro


def test_the_summary_the_lesson_shows_states_stabilitys_rule_and_counts(crises):
    shown = rsct.crisis_summary("all").data  # what cell 92ce9b74 displays
    assert stability.crisis_rule() in shown
    counts = stability.crises_per_phase(crises)["crises"]
    for phase, n in counts.items():
        assert f"`{phase}`: {n}" in shown
    assert counts["2009-2016"] > 0  # the 2016 events fill the phase


def test_the_2016_events_are_read_as_two_crises_as_the_rule_groups_them(crises):
    mid = [c for c in crises if c.phase == "2009-2016"]
    assert [c.event_ids for c in mid] == [("EV111",), ("EV113", "EV114")]
    events = pc.load("events").set_index("event_id")["date_end"]
    window = 90
    assert f"**{window} days**" in stability.crisis_rule()  # the window the text names
    assert (events["EV113"] - events["EV111"]).days > window
    assert (events["EV114"] - events["EV113"]).days <= window
    intro = _flat(cell(NAME, "98f90fa2").source)
    assert "The three crises" not in intro
    assert "more than 90 days before Uri (EV113)" in intro and "within 90 days of Uri" in intro
    assert cell(NAME, "0891e440").source.strip() == 'rsct.crisis_list("2009-2016")'
    reading = _flat(cell(NAME, "c12fb769").source)
    n = re.search(r"three events, which the rule groups into (\w+) crises", reading)
    assert n and NUMBERS[n.group(1)] == len(mid)
    note = _flat(cell(NAME, "f2e68796").source)
    n = re.search(r"three events \(EV111, EV113, EV114\), (\w+) crises by the course's rule", note)
    assert n and NUMBERS[n.group(1)] == len(mid)


def test_the_reading_of_the_timeline_follows_the_rule(crises):
    reading = _flat(cell(NAME, "c12fb769").source)
    assert "A gap is not peace" not in reading
    assert "India's army said" in reading and "Pakistan's military said" in reading
    # "every crisis since then came later": each crisis after Pakistan's tests is named
    nuclear = reading.split("**Nuclear weapons on both sides**")[1].split("- **")[0]
    tests = pc.load("events").set_index("event_id").loc["EV025", "date_end"]
    for c in crises:
        if c.start > tests:
            assert all(e in nuclear for e in c.event_ids), c.label
    # the steps back that close a crisis, and those that close none
    steps = reading.split("**Steps back, and what followed them.**")[1].split("- **")[0]
    closers = {c.closed_by for c in crises if c.closed_by}
    assert closers == {"EV036", "EV080"} and all(e in steps for e in closers)
    closing = {i for c in crises for i in c.all_ids}
    assert not {"EV101", "EV103", "EV123"} & closing
    # what the rule leaves out really is left out, and is no longer called a crisis
    limit = reading.split("**A limit of the data, and of the rule.**")[1]
    assert "EV025" in limit and "EV121" in limit and not {"EV025", "EV121"} & closing
    assert "counts as a crisis" not in reading


def test_the_lecturer_note_asks_students_to_attack_the_course_rule(crises):
    note = _flat(cell(NAME, "d9f332ab").source)
    assert "lesson 07" in note and "90-day window" in note
    assert all(e in note for e in ("EV025", "EV121", "EV111", "EV113", "EV080", "EV123"))
    closing = {c.closed_by for c in crises}
    assert "EV080" in closing and "EV123" not in closing  # "EV080 does", EV123 "closes none"
    recommit = pc.load("events").set_index("event_id").loc["EV123", "date_end"]
    last_before = max((c for c in crises if c.end < recommit), key=lambda c: c.end)
    assert last_before.event_ids == ("EV067",) and "(EV067)" in note
    assert (recommit - last_before.end).days > 365  # "more than a year after"


# ------------------------------------------------------------- discussion questions
def test_discussion_questions_two_and_five_have_their_material():
    questions = _flat(cell(NAME, "5179b35d").source)
    polarity = questions.split("2. **Polarity.**")[1].split("3. **")[0]
    assert "BUZAN_IFRI_ASIA" in polarity and "unipolarity" in polarity
    desec = questions.split("5. **De-securitisation.**")[1]
    assert all(e in desec for e in ("EV101", "EV103", "EV123"))
    steps = set(rsct.de_escalation_steps()["event_id"])
    assert {"EV101", "EV103", "EV123"} <= steps  # the record the question points to has them


# ------------------------------------------------------------- thin cells, readings, timing
def test_the_lesson_cells_stay_thin():
    for c in notebook(NAME).cells:
        if c.cell_type != "code":
            continue
        assert "lesson.markdown(" not in c.source, c.id
        assert len(c.source.splitlines()) <= 15, c.id


def test_further_reading_has_the_theory_and_other_perspectives():
    code = "\n".join(c.source for c in notebook(NAME).cells if c.cell_type == "code")
    call = re.search(r"lesson\.further_reading\(\s*\[([^\]]*)\]", code)
    assert call and {"RD07", "RD06", "RD13"} <= set(re.findall(r"RD\d{2}", call.group(1)))
    assert '"readings"' in cell(NAME, "653ce84d").source


@pytest.mark.slow
def test_the_executed_lesson_shows_the_computed_findings(built_course):
    out = executed_text(built_course.out, NAME)
    assert rsct.china_arms_statement() in out
    assert "Every phase has at least one" in out
    assert stability.crisis_rule() in out  # the rule the student reads is lesson 07's
    counts = stability.crises_per_phase(stability.india_pakistan_crises())["crises"]
    assert "Crises per phase: " + ", ".join(f"`{p}`: {n}" for p, n in counts.items()) in out
    assert "EV112" in out and "EV122" in out
