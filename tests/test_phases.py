"""Phase ids and lookups (pakfp_course.phases)."""

from __future__ import annotations

import datetime as dt

import pytest

from pakfp_course import phases
from pakfp_course.errors import UnknownChoiceError


@pytest.mark.parametrize(
    ("year", "phase"),
    [
        (1947, "cold-war"),
        (2000, "cold-war"),
        (2001, "2001-2008"),
        (2008, "2001-2008"),
        (2009, "2009-2016"),
        (2016, "2009-2016"),
        (2017, "2017-present"),
        (2025, "2017-present"),
    ],
)
def test_phase_for_year_at_the_boundaries(year, phase):
    assert phases.phase_for_year(year) == phase


def test_before_independence_has_no_phase():
    assert phases.phase_for_year(1946) is None


def test_phase_for_date_accepts_dates_strings_and_timestamps():
    assert phases.phase_for_date("2011-05-02") == "2009-2016"
    assert phases.phase_for_date(dt.date(2001, 9, 11)) == "2001-2008"


@pytest.mark.parametrize(
    ("start", "end", "phase"),
    [
        ("2008-10-01", "2009-09-30", "2009-2016"),  # US FY2009
        ("2008-07-01", "2009-06-30", "2009-2016"),  # Pakistan's 2008-09
        ("2001-10-01", "2007-09-30", "2001-2008"),  # the CRS six-year block
        ("2016-07-01", "2017-06-30", "2017-present"),
    ],
)
def test_a_fiscal_year_belongs_to_the_year_it_ends(start, end, phase):
    assert phases.phase_for_period(start, end) == phase


def test_a_reversed_period_is_rejected():
    with pytest.raises(ValueError, match=r"ends .* before it starts"):
        phases.phase_for_period("2010-01-01", "2009-01-01")


def test_check_phase_names_the_valid_choices():
    assert phases.check_phase("all") == "all"
    with pytest.raises(UnknownChoiceError) as info:
        phases.check_phase("2009-2015")
    assert "Did you mean '2009-2016'?" in str(info.value)
    assert "'2017-present', 'all'" in str(info.value)
    with pytest.raises(UnknownChoiceError):
        phases.check_phase("all", allow_all=False)


def test_the_tidy_tool_assigns_phases_by_the_same_rule():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "tools" / "tidy_reference.py"
    spec = importlib.util.spec_from_file_location("tidy_reference", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    for year in range(1947, 2031):
        assert tool.phase_for_year(year) == phases.phase_for_year(year), year
