"""Lesson 00 (Start here): what a student reads is right and complete (issue 11)."""

from __future__ import annotations

import re

import pytest

import pakfp_course as pc
from pakfp_course import explore
from pakfp_course.findings import start

from .lesson_text import cell, executed_text, notebook, student_text
from .test_notebooks import LESSONS

NAME = "00_start_here"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _code_after(cell_id: str) -> str:
    cells = notebook(NAME).cells
    i = next(k for k, c in enumerate(cells) if c.get("id") == cell_id)
    return next(c.source for c in cells[i + 1:] if c.cell_type == "code")


def test_the_caveats_say_which_source_splits_fy2002_2007_and_what_each_measures():
    text = _flat(cell(NAME, "c5fc02a4").source)
    assert "No source splits it by year" not in text
    assert "one block in the CRS tables" in text
    assert "`aid_crs`" in text and "*appropriations*" in text
    assert "`aid_greenbook`" in text and "*obligations*" in text
    assert "The Greenbook *does* give those years one by one" in text
    assert "start.fy2002_2007_table()" in _code_after("c5fc02a4")


def test_the_text_quotes_the_phase_box_on_csf_after_2017():
    text = _flat(cell(NAME, "9fd7a181").source)
    box = explore.phase_summary("2017-present").facts[1]["value"]
    assert f'"{box}"' in text
    assert "show zero" not in text and "a gap, not a zero" in text
    assert start.csf_not_printed() in text


def test_khans_33_billion_is_computed_by_the_findings_module():
    assert cell(NAME, "cfc0ef42").source.startswith("start.khan_33_check()")
    assert cell(NAME, "c0cf79bf").source.strip() == "start.aid_peak()"


def _day(ts) -> str:
    return f"{ts.day} {ts:%B %Y}"


def test_the_lecturer_note_on_p000_39_dates_the_end_of_both_pacts():
    note = cell(NAME, "2660fddb")
    assert note.metadata["slideshow"]["slide_type"] == "notes"
    text = _flat(note.source)
    events = pc.load("events").set_index("event_id")
    assert f"SEATO was dissolved on {_day(events.loc['EV014', 'date'])} (EV014" in text
    assert f"exit from CENTO in {events.loc['EV016', 'date']:%B %Y} (EV016" in text
    assert f"CENTO was dissolved on {_day(events.loc['EV017', 'date'])} (EV017" in text
    sources = pc.load("sources").set_index("source_id")["accessed_note"]
    for sid, says in [("SEATO_WIKI_MIRROR", "30 June 1977"), ("CENTO_WIKISUM", "16 March 1979"),
                      ("INDIAN24_CENTO", "quit CENTO 1979")]:
        assert sid in text and says in sources[sid], sid
    published = pc.load("seeds").set_index("paper_id").loc["yousaf-ma-2025", "published"]
    assert published.year - events.loc["EV017", "date"].year > 40  # "more than four decades"
    assert "more than four decades" in text


def test_the_course_map_lists_the_nine_lessons_in_order():
    text = cell(NAME, "db54c27e").source
    rows = re.findall(r"^\| \*\*(\w+)\*\* \|", text, flags=re.M)
    assert rows == LESSONS
    assert "Nine lessons" in text
    assert "Lessons 01–07 each take one part of the question; 08 puts them" in _flat(text)


def test_the_map_describes_the_new_lesson_04_with_the_events_it_teaches():
    row = next(line for line in cell(NAME, "db54c27e").source.splitlines()
               if line.startswith("| **04_double_game**"))
    for topic in ("double game", "war at home", "sanctuaries", "Haqqani", "ISI", "Mullen",
                  "TTP", "Swat", "South Waziristan", "Army Public School", "Zarb-e-Azb",
                  "drones", "anti-Americanism", "denials"):
        assert topic in row, topic
    titles = pc.load("events").set_index("event_id")["title"]
    for event_id, word in [("EV109", "Mullen"), ("EV104", "Tehrik-i-Taliban"),
                           ("EV106", "Swat"), ("EV107", "South Waziristan"),
                           ("EV060", "Army Public School"), ("EV059", "Zarb-e-Azb")]:
        assert event_id in row and word in titles[event_id], event_id


def test_the_reading_list_comes_with_why_perspectives_matter():
    cells = notebook(NAME).cells
    at = next(i for i, c in enumerate(cells) if c.cell_type == "code"
              and c.source.strip() == "lesson.reading_list()")
    data_section = next(i for i, c in enumerate(cells) if c.source.startswith("## 5."))
    assert at < data_section  # in the tour of the papers, before the data
    intro = _flat(cells[at - 1].source)
    assert cells[at - 1].cell_type == "markdown" and "reading list" in intro
    for word in ("US", "Pakistani", "Indian", "European", "theory", "perspective"):
        assert word in intro, word
    assert "no Chinese-authored reading" in intro  # the gap the readings data records
    readings = pc.load("readings").set_index("reading_id")
    for reading_id in re.findall(r"RD\d{2}", intro):
        assert reading_id in readings.index


def test_further_reading_mixes_perspectives_and_comes_before_sources():
    cells = notebook(NAME).cells
    heads = [i for i, c in enumerate(cells) if c.cell_type == "markdown"
             and c.source.startswith(("## Further reading", "## Sources"))]
    assert [cells[i].source.split("\n")[0] for i in heads] == ["## Further reading",
                                                                "## Sources"]
    call = cells[heads[0] + 1].source
    ids = re.findall(r'"(RD\d{2})"', call.split("why=")[0])
    perspectives = pc.load("readings").set_index("reading_id").loc[ids, "perspective"]
    assert len(ids) >= 2 and perspectives.str.split(" ").str[0].nunique() >= 2
    assert '"readings"' in cells[-1].source


def test_the_timings_name_the_new_parts():
    text = cell(NAME, "50feec3c").source
    assert "the reading list" in text and "further reading" in text


@pytest.mark.slow
def test_a_student_sees_the_greenbook_years_and_the_csf_gap(built_course):
    text = executed_text(built_course.out, NAME)
    block = start.fy2002_2007()
    for r in block.greenbook.itertuples():
        assert f"| FY{r.fiscal_year} | {r.economic_usd_m:,.1f} |" in text
    assert f"no CSF figure printed by CRS ({start.csf_not_printed()})" in text
    assert "for FY2017, FY2018 it printed none" in text
    assert "**Pakistani**" in text and "**Indian**" in text  # the reading list, by perspective


def test_the_student_text_has_no_eight_lesson_course_left():
    text = student_text(NAME)
    assert "Eight lessons" not in text and "07 puts them together" not in _flat(text)
