"""Helpers the lesson notebooks call (pakfp_course.lesson)."""

from __future__ import annotations

import pytest

import pakfp_course as pc
from pakfp_course import explore, lesson
from pakfp_course.errors import UnknownChoiceError


def test_check_parameters_accepts_the_api_values():
    p = lesson.check_parameters("2009-2016", "instructor")
    assert p.phase == "2009-2016" and p.instructor
    assert not lesson.check_parameters().instructor


@pytest.mark.parametrize(("phase", "audience", "match"), [
    ("2009", "student", "unknown phase '2009'"),
    ("all", "teacher", "unknown audience 'teacher'. .*'student', 'instructor'"),
])
def test_check_parameters_rejects_bad_values(phase, audience, match):
    with pytest.raises(UnknownChoiceError, match=match):
        lesson.check_parameters(phase, audience)


def test_phases_of():
    assert lesson.phases_of("all") == list(pc.PHASE_IDS)
    assert lesson.phases_of("all", post_2001=True) == list(pc.PHASE_IDS[1:])
    assert lesson.phases_of("2017-present") == ["2017-present"]


def test_phase_box_shows_only_the_chosen_phase_with_computed_figures():
    text = lesson.phase_box("2009-2016").data
    assert "US\\$ " in text and "US$" not in text  # escaped: no maths in Markdown
    text = text.replace("\\$", "$")
    assert "(`2009-2016`, 2009–2016)" in text
    assert "`2001-2008`" not in text
    assert explore.phase_summary("2009-2016").facts[0]["value"] in text
    assert "(`2017-present`, 2017–present)" in lesson.phase_box("2017-present").data
    everything = lesson.phase_box("all").data
    assert all(f"(`{p}`," in everything for p in pc.PHASE_IDS)


def test_markdown_escapes_dollars_once():
    assert lesson.markdown("US$ 1 and US$ 2, \\$3").data == "US\\$ 1 and US\\$ 2, \\$3"


def test_money_formats():
    assert lesson.usd_m(34183) == "US$ 34,183 m"
    assert lesson.usd_bn(34183) == "US$ 34.18 bn"


def test_sources_cites_datasets_and_extra_ids():
    text = lesson.sources(["drone_strikes"], extra=["WALT_1987", "SEED003"]).data
    assert "Dataset 'drone_strikes'" in text and "(TBIJ_DRONES_GH)" in text
    assert "The Origins of Alliances" in text and "(SEED003)" in text
    with pytest.raises(UnknownChoiceError, match="unknown source_id 'NOPE'"):
        lesson.sources([], extra=["NOPE"])
    with pytest.raises(UnknownChoiceError, match="unknown dataset"):
        lesson.sources(["nope"])
