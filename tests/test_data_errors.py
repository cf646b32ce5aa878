"""Corrupt a private copy of the data: each problem gets a precise message."""

from __future__ import annotations

import json
import re

import pytest

from pakfp_course.data import CourseData
from pakfp_course.errors import CourseDataError, DataFileMissingError, HashMismatchError

from .conftest import edit_cell, rehash


def _only_problem(folder) -> CourseDataError:
    problems = CourseData(folder).validate()
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_missing_file(data_copy):
    (data_copy / "cpec.csv").unlink()
    with pytest.raises(DataFileMissingError, match=r"cpec\.csv: the file of dataset 'cpec'"):
        CourseData(data_copy).load("cpec")
    assert isinstance(_only_problem(data_copy), DataFileMissingError)


def test_missing_descriptor(data_copy):
    (data_copy / "datapackage.json").unlink()
    with pytest.raises(DataFileMissingError, match=r"datapackage\.json"):
        CourseData(data_copy).list_datasets()


def test_hash_mismatch_names_the_file(data_copy):
    path = data_copy / "drone_strikes.csv"
    path.write_text(path.read_text().replace("2010,128,", "2010,129,"))
    with pytest.raises(HashMismatchError, match=r"drone_strikes\.csv: sha256 is .* records"):
        CourseData(data_copy).load("drone_strikes")
    problem = _only_problem(data_copy)
    assert problem.path.name == "drone_strikes.csv"


def test_wrong_type_names_file_line_and_column(data_copy):
    line = edit_cell(data_copy, "aid_crs", 3, "security_usd_m", "12x6")
    with pytest.raises(CourseDataError) as info:
        CourseData(data_copy).load("aid_crs")
    assert str(info.value) == (
        f"{(data_copy / 'aid_crs.csv').as_posix()}, line {line}, column 'security_usd_m': "
        "'12x6' is not an integer"
    )
    problem = _only_problem(data_copy)
    assert (problem.line, problem.column) == (line, "security_usd_m")


@pytest.mark.parametrize(
    ("name", "column", "value", "message"),
    [
        ("events", "date", "2011-02-30", "not a valid calendar date"),
        ("events", "phase", "2009-2017", "is not one of cold-war, 2001-2008"),
        ("cost_of_war", "partial_period", "yes", "is not a boolean"),
        ("rsct_relations", "score", "3", "above the maximum 2"),
        ("claims", "verdict", "", "a value is required"),
    ],
)
def test_constraint_breaks_are_located(data_copy, name, column, value, message):
    line = edit_cell(data_copy, name, 0, column, value)
    problem = _only_problem(data_copy)
    assert (problem.path.name, problem.line, problem.column) == (f"{name}.csv", line, column)
    assert message in str(problem)


def test_unknown_source_id(data_copy):
    line = edit_cell(data_copy, "cpec", 1, "source_id", "CPEC_BUSINESSSTANDARD_2017;NO_SUCH_SRC")
    with pytest.raises(
        CourseDataError,
        match=re.escape(f"line {line}, column 'source_id': unknown source_id 'NO_SUCH_SRC'"),
    ):
        CourseData(data_copy).load("cpec")


def test_duplicate_key(data_copy):
    line = edit_cell(data_copy, "events", 4, "event_id", "EV001")
    problem = _only_problem(data_copy)
    assert problem.line == line
    assert problem.column == "event_id"
    assert "duplicate primary key EV001 (first on line 2)" in str(problem)


def test_header_mismatch(data_copy):
    path = data_copy / "phases.csv"
    path.write_text(path.read_text().replace("start_year", "start", 1))
    rehash(data_copy, "phases")
    problem = _only_problem(data_copy)
    assert problem.line == 1
    assert "missing start_year; unexpected start" in str(problem)


def test_undescribed_csv_is_reported(data_copy):
    (data_copy / "stray.csv").write_text("a,b\n1,2\n")
    assert "not described in datapackage.json" in str(_only_problem(data_copy))


def test_a_broken_descriptor_is_reported_with_its_line(data_copy):
    path = data_copy / "datapackage.json"
    path.write_text(path.read_text()[:-10])
    with pytest.raises(CourseDataError, match=r"datapackage\.json, line \d+: invalid JSON"):
        CourseData(data_copy).list_datasets()


def test_validate_reports_every_problem_not_just_the_first(data_copy):
    edit_cell(data_copy, "cpec", 0, "value_usd_bn", "lots")
    edit_cell(data_copy, "arms_imports", 0, "china_share_pct", "145")
    problems = CourseData(data_copy).validate()
    assert {p.path.name for p in problems} == {"cpec.csv", "arms_imports.csv"}
    pkg = json.loads((data_copy / "datapackage.json").read_text())
    assert pkg["resources"]  # the descriptor itself is untouched by validation
