"""The glossary dataset: the course's key terms, as the website's glossary page uses them.

The website links the first occurrence of any alias of a term in each lesson to the term's
definition. So the tests check what that relies on: every term is sourced, every lesson it
names exists and really uses the term (in the Markdown a student sees), aliases are unambiguous
whole words, related terms resolve, and definitions are short and invent no number.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pakfp_course as pc
from pakfp_course.data import CourseData, split_ids
from pakfp_course.resources import course_path

from .conftest import numbers_by_source
from .lesson_text import student_text

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
MAX_WORDS = 80


@pytest.fixture(scope="module")
def glossary():
    return pc.load("glossary")


@pytest.fixture(scope="module")
def lesson_text() -> dict[str, str]:
    return {name: student_text(name) for name in LESSONS}


def _aliases(row) -> list[str]:
    return split_ids(row.aliases)


def alias_pattern(alias: str) -> re.Pattern[str]:
    """The whole-word pattern the website matches: acronyms in capitals only, others in any case."""
    flags = 0 if alias.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", flags)


def test_the_glossary_is_a_listed_dataset_with_docs_and_citations(glossary):
    assert "glossary" in pc.list_datasets()
    desc = pc.describe("glossary")
    assert desc.primary_key == ("term_id",)
    assert desc.rows == len(glossary) and 15 <= len(glossary) <= 30
    assert [f.name for f in desc.fields] == [
        "term_id", "term", "aliases", "definition", "lessons", "see_also", "source_id"]
    assert any("whole words" in c for c in desc.caveats)
    text = pc.cite("glossary")
    assert "Dataset 'glossary'" in text and "(WALT_1987)" in text


def test_the_core_terms_are_there(glossary):
    ids = set(glossary["term_id"])
    assert {"rsct", "securitisation", "penetration_overlay", "insulator", "supercomplex",
            "amity_enmity", "balancing", "bandwagoning", "hedging", "csf", "appropriation",
            "double_game", "cpec", "fatf_grey_list", "periodisation"} <= ids


def test_term_ids_are_unique_lowercase_slugs(glossary):
    assert glossary["term_id"].is_unique
    for term_id in glossary["term_id"]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", term_id), term_id


def test_every_source_id_resolves(glossary):
    known = set(pc.load("sources")["source_id"])
    for row in glossary.itertuples():
        ids = split_ids(row.source_id)
        assert ids, row.term_id
        assert set(ids) <= known, (row.term_id, set(ids) - known)


def test_every_lesson_exists_and_uses_the_term(glossary, lesson_text):
    for row in glossary.itertuples():
        lessons = split_ids(row.lessons)
        assert lessons, row.term_id
        for lesson in lessons:
            assert lesson in lesson_text, (row.term_id, lesson)
            used = [a for a in _aliases(row) if alias_pattern(a).search(lesson_text[lesson])]
            assert used, f"{row.term_id}: no alias of it in the text of {lesson}"


def test_every_alias_is_found_in_some_lesson(glossary, lesson_text):
    """Aliases are surface forms from the lessons' text: a typo would never be linked."""
    everything = "\n".join(lesson_text.values())
    for row in glossary.itertuples():
        for alias in _aliases(row):
            assert alias == alias.strip() and alias, (row.term_id, alias)
            assert alias_pattern(alias).search(everything), (row.term_id, alias)


def test_no_alias_belongs_to_two_terms(glossary):
    owner: dict[str, str] = {}
    for row in glossary.itertuples():
        aliases = _aliases(row)
        assert len({a.casefold() for a in aliases}) == len(aliases), row.term_id
        for alias in aliases:
            key = alias if alias.isupper() else alias.casefold()
            assert key not in owner, f"{alias!r} is an alias of {owner[key]} and {row.term_id}"
            owner[key] = row.term_id


def test_an_alias_inside_another_terms_alias_is_only_a_longer_phrase(glossary):
    """Where one term's alias contains another's, the longer one is a phrase of its own
    (bandwagoning / strategic bandwagoning), and its term comes first in the file, so a
    linker that takes the terms in file order links the longer phrase first."""
    position = {term_id: i for i, term_id in enumerate(glossary["term_id"])}
    pairs = [(a, row.term_id) for row in glossary.itertuples() for a in _aliases(row)]
    nested = set()
    for short, short_term in pairs:
        for long, long_term in pairs:
            if short_term != long_term and alias_pattern(short).search(long):
                assert len(long) > len(short), (short, long)
                assert position[long_term] < position[short_term], (long_term, short_term)
                nested.add((short_term, long_term))
    assert nested <= {("bandwagoning", "strategic_bandwagoning")}, nested


def test_see_also_resolves_to_other_terms(glossary):
    ids = set(glossary["term_id"])
    for row in glossary.itertuples():
        related = split_ids(row.see_also)
        assert set(related) <= ids, (row.term_id, set(related) - ids)
        assert row.term_id not in related, row.term_id
        assert len(set(related)) == len(related), row.term_id


def test_definitions_are_short_plain_sentences(glossary):
    for row in glossary.itertuples():
        text = row.definition
        assert text and text == text.strip(), row.term_id
        words = len(text.split())
        assert 20 <= words <= MAX_WORDS, (row.term_id, words)
        sentences = re.findall(r"[.!?][\"”)]?(?:\s|$)", text)
        assert 2 <= len(sentences) <= 4, (row.term_id, len(sentences))
        assert text.count('"') % 2 == 0, f"{row.term_id}: unbalanced quotation marks"


_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _numbers(text: str) -> set[str]:
    text = text.replace("9/11", " ")
    return {n.replace(",", "").lstrip("0") or "0" for n in _NUMBER.findall(text)}


def test_every_number_in_a_definition_is_in_the_data_of_its_sources(glossary):
    """No invented number: each figure, year or section number appears in a course-data row
    (other than the authored glossary and quiz) that cites one of the term's sources."""
    by_source = numbers_by_source(_numbers, skip=("glossary", "quiz"))
    for row in glossary.itertuples():
        allowed = set().union(*(by_source.get(s, set()) for s in split_ids(row.source_id)))
        assert _numbers(row.definition) <= allowed, (
            row.term_id, _numbers(row.definition) - allowed)


@pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="../shared/reference is not beside this checkout"
)
def test_rerunning_the_maintainer_tools_keeps_the_glossary(tmp_path):
    copy = tmp_path / "course_data"
    shutil.copytree(course_path("course_data"), copy)
    before = (copy / "glossary.csv").read_bytes()
    for tool, args in (("tidy_reference.py", ["--reference", str(REFERENCE), "--out", str(copy)]),
                       ("write_datapackage.py", ["--data", str(copy)])):
        subprocess.run([sys.executable, str(ROOT / "tools" / tool), *args],
                       check=True, capture_output=True)
    assert (copy / "glossary.csv").read_bytes() == before
    data = CourseData(copy)
    assert "glossary" in data.list_datasets()
    assert data.validate() == []
