"""Checking build and handout requests before anything runs (pakfp_course.builder.requests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pakfp_course.builder import requests as r
from pakfp_course.errors import BuildRequestError, UnknownChoiceError
from pakfp_course.phases import PHASE_IDS
from pakfp_course.resources import course_path


@pytest.fixture(scope="module")
def lessons():
    return r.find_lessons(course_path("notebooks"))


def test_lessons_by_name_or_number(lessons):
    assert [x.name for x in lessons][:3] == ["00_start_here", "01_cold_war_roots",
                                             "02_three_phases"]
    chosen = r.find_lessons(course_path("notebooks"), ["05", "02_three_phases.ipynb", "05_rsct"])
    assert [x.name for x in chosen] == ["02_three_phases", "05_rsct"]
    assert chosen[0].parameters == {"phase": "all", "audience": "student"}


def test_unknown_lesson_lists_the_lessons():
    with pytest.raises(UnknownChoiceError) as err:
        r.find_lessons(course_path("notebooks"), ["02_three_phase"])
    assert "02_three_phases" in str(err.value) and "08_review" in str(err.value)
    assert err.value.suggestion == "02_three_phases"


def test_parameter_names_types_and_phase_ids_are_checked(lessons):
    lesson = lessons[2]
    assert r.coerce_value(lesson, "phase", "2009-2016") == "2009-2016"
    with pytest.raises(UnknownChoiceError, match="'phase', 'audience'"):
        r.coerce_value(lesson, "phasee", "2009-2016")
    with pytest.raises(UnknownChoiceError, match="'cold-war', '2001-2008'"):
        r.coerce_value(lesson, "phase", "2009-2015")
    with pytest.raises(BuildRequestError, match="takes a str"):
        r.coerce_value(lesson, "phase", 2009)
    with pytest.raises(UnknownChoiceError, match="'student', 'instructor'"):
        r.coerce_value(lesson, "audience", "teacher")


def test_text_values_convert_to_the_declared_type(tmp_path: Path):
    lesson = r.Lesson("x", tmp_path / "x.ipynb", {"n": 3, "share": 0.5, "flag": False,
                                                  "years": [2001]})
    assert r.coerce_value(lesson, "n", "12") == 12
    assert r.coerce_value(lesson, "share", "0.25") == 0.25
    assert r.coerce_value(lesson, "flag", "true") is True
    assert r.coerce_value(lesson, "years", "[2001, 2009]") == [2001, 2009]
    with pytest.raises(BuildRequestError, match="'n' of lesson x takes a int"):
        r.coerce_value(lesson, "n", "twelve")
    with pytest.raises(BuildRequestError, match="takes a list"):
        r.coerce_value(lesson, "years", "2001")


def test_default_matrix_is_every_lesson_at_every_phase(lessons):
    handouts = r.handout_requests(lessons)
    assert len(handouts) == len(lessons) * len(PHASE_IDS)
    assert {h.stem for h in handouts} == set(PHASE_IDS)


def test_matrix_file_expands_lists_and_names_lessons(tmp_path: Path, lessons):
    f = tmp_path / "m.yaml"
    f.write_text("- lessons: [02, 05_rsct]\n  phase: [2001-2008, 2009-2016]\n"
                 "  audience: instructor\n- phase: all\n", encoding="utf-8")
    groups = r.read_matrix(f)
    handouts = r.handout_requests(lessons[:1], groups, all_lessons=lessons)
    names = [(h.lesson.name, h.stem) for h in handouts]
    assert ("02_three_phases", "2001-2008__audience-instructor") in names
    assert ("05_rsct", "2009-2016__audience-instructor") in names
    assert ("00_start_here", "all") in names
    assert len(names) == 5


@pytest.mark.parametrize("content, message", [
    ("phase: [2001-2008\n", "not valid YAML"),
    ("- 3\n", "must hold a mapping"),
    ("[]\n", "must hold a mapping"),
])
def test_bad_matrix_files_say_what_is_wrong(tmp_path: Path, content: str, message: str):
    f = tmp_path / "m.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(BuildRequestError, match=message):
        r.read_matrix(f)
    with pytest.raises(BuildRequestError, match="not found"):
        r.read_matrix(tmp_path / "missing.yaml")


def test_param_items_need_name_and_value():
    assert r.parse_param("phase=2009-2016") == ("phase", "2009-2016")
    with pytest.raises(BuildRequestError, match="NAME=VALUE"):
        r.parse_param("2009-2016")
