"""The lesson contract, for every notebook in notebooks/ (hygiene), and papermill runs.

nbval (``--nbval-lax``, configured in pyproject.toml) separately runs every
notebook top to bottom in a fresh kernel as part of the test command.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import nbformat
import pytest

from pakfp_course import explore, summaries
from pakfp_course.phases import PHASE_IDS, phase_table

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LESSONS = [
    "00_start_here", "01_cold_war_roots", "02_three_phases", "03_bandwagoning",
    "04_double_game", "05_rsct", "06_china_turn", "07_stability_and_sources", "08_review",
]
TAGS = {
    "parameters", "solution", "instructor-only", "hide-input", "handout-skip", "slides-skip",
    "handout", "handout-only",
    "nbval-ignore-output", "nbval-skip", "raises-exception",
}
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes"}
HEADINGS = [
    "Learning objectives", "Estimated time", "Read first", "Exercises", "Self-check quiz",
    "Discussion questions", "Further reading", "Sources",
]
EXPLORERS = ("phase_explorer", "timeline_explorer", "aid_explorer", "bandwagon_ledger",
             "rsct_explorer", "claim_checker", "militancy_explorer")


def _nb(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def _code(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_the_lessons_present_are_the_planned_ones():
    names = [p.stem for p in NOTEBOOKS]
    assert names, "no lessons in notebooks/"
    assert set(names) <= set(LESSONS), set(names) - set(LESSONS)
    assert names == [n for n in LESSONS if n in names]


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def nb(request):
    return _nb(request.param)


def test_format_kernel_and_no_outputs(nb):
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) >= (4, 5)
    assert all(c.get("id") for c in nb.cells)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_one_literal_parameters_cell_used_below(nb):
    cells = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    cell = nb.cells[cells[0]]
    tree = ast.parse(cell.source)
    values = {}
    for node in tree.body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1
        values[node.targets[0].id] = ast.literal_eval(node.value)  # literal only
    assert values.get("phase") == "all" and values.get("audience") == "student"
    below = "\n".join(c.source for c in nb.cells[cells[0] + 1:] if c.cell_type == "code")
    for name in values:
        assert re.search(rf"\b{name}\b", below), f"parameter {name!r} is never used"


def test_opens_with_title_and_has_every_section(nb):
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    headings = re.findall(r"^#+ (.+)$", _markdown(nb), flags=re.M)
    for wanted in HEADINGS:
        assert any(h.strip().startswith(wanted) for h in headings), wanted
    text = _markdown(nb)
    assert re.search(r"\d+\s*(–|-|to)\s*\d+\s*min", text), "estimated time in minutes"
    assert re.search(r"(yousaf-ma-2025|majeed-2024|khan-2024)\s*§", text), "paper sections"


def _minutes(cell: str) -> tuple[int, int]:
    low, _, high = cell.strip().replace("–", "-").partition("-")
    return int(low), int(high or low)


def test_part_timings_add_up_to_the_stated_time(nb):
    text = _markdown(nb)
    stated = re.search(r"(\d+)\s*[–-]\s*(\d+)\s*min", text)
    assert stated, "estimated time in minutes"
    header = re.search(r"^\|(.*\bminutes\b.*)\|\s*$", text, flags=re.M)
    assert header, "a timing table with a 'minutes' column"
    column = [c.strip() for c in header.group(1).split("|")].index("minutes")
    rows = text[header.end():].strip().splitlines()[1:]  # skip the |---| line
    parts = []
    for row in rows:
        if not row.startswith("|"):
            break
        parts.append(_minutes(row.strip().strip("|").split("|")[column]))
    low, high = sum(p[0] for p in parts), sum(p[1] for p in parts)
    assert (low, high) == (int(stated[1]), int(stated[2])), (
        f"parts add up to {low}-{high} min; the lesson states {stated[0]}")


def test_tags_and_slide_metadata_on_every_cell(nb):
    slides = 0
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        assert tags <= TAGS, tags - TAGS
        slide = cell.metadata.get("slideshow", {}).get("slide_type")
        assert slide in SLIDE_TYPES, (slide, cell.source[:60])
        slides += slide in ("slide", "subslide")
    assert 12 <= slides <= 30, slides


def test_exercises_have_model_answers_and_there_is_a_quiz(nb):
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) >= 2
    code = _code(nb)
    assert "quiz.quiz(" in code
    assert any(f"widgets.{e}(" in code for e in EXPLORERS), "uses no explorer"
    assert len(set(re.findall(r"plots\.(\w+)\(", code))) >= 2, "needs two charts"


def test_sources_section_cites_every_dataset_used(nb):
    code = _code(nb)
    used = set(re.findall(r"""load\(\s*["'](\w+)["']""", code))
    call = re.search(r"lesson\.sources\(\s*\[([^\]]*)\]", code)
    assert call, "the Sources section must call lesson.sources([...])"
    cited = set(re.findall(r"""["'](\w+)["']""", call.group(1)))
    assert used <= cited, used - cited
    assert nb.cells[-1].cell_type == "code" and "lesson.sources(" in nb.cells[-1].source


def test_further_reading_comes_from_the_readings_dataset(nb):
    code = _code(nb)
    call = re.search(r"lesson\.further_reading\(\s*\[([^\]]*)\]", code)
    assert call, "the Further reading section must call lesson.further_reading([...])"
    assert len(re.findall(r"RD\d{2}", call.group(1))) >= 2, "at least two readings"
    sources = re.search(r"lesson\.sources\(\s*\[([^\]]*)\]", code)
    assert sources and "readings" in sources.group(1), "cite the readings dataset"


def test_no_absolute_paths_and_no_network(nb):
    code = _code(nb)
    assert not re.search(r"""["'](/|[A-Za-z]:\\)""", code), "absolute path"
    assert not re.search(r"https?://", code), "code must not fetch from the internet"
    assert not re.search(r"^\s*(import|from)\s+(requests|urllib|http|socket)\b", code, re.M)


def _page_text(path: Path) -> str:
    """Return the visible text of a built page (tags, scripts and styles removed)."""
    page = re.sub(r"<script.*?</script>|<style.*?</style>", "", path.read_text("utf-8"),
                  flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\\$", "$")


HANDOUT_CALLS = ("handout.brief(", "handout.key_figures(phase)", "handout.timeline(phase",
                 "handout.claims(", "handout.questions(")


def test_handout_is_chosen_by_tags_and_holds_every_part(nb):
    """A lesson's handout: its cells tagged handout / handout-only, with every part, no answers."""
    from pakfp_course.builder import transform as t

    cells = t.handout_cells(nb)
    assert cells, "no cells tagged handout or handout-only"
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    for call in HANDOUT_CALLS:
        assert code.count(call) == 1, f"the handout needs one {call}...)"
    assert re.search(r"plots\.\w+\(", code), "the handout needs a chart (plots.*)"
    assert len(re.findall(r"plots\.\w+\(", code)) <= 2, "at most two charts on paper"
    assert "handout.sources(" in cells[-1].source, "the handout's last cell cites its sources"
    for cell in cells:
        tags = t.tags(cell)
        assert not tags & {"solution", "instructor-only", "handout-skip"}, tags
        assert not t.is_notes(cell)
        if "handout-only" in tags:
            assert cell.metadata["slideshow"]["slide_type"] == "skip"
    questions = next(c.source for c in cells if "handout.questions(" in c.source)
    assert not re.search(r"answer|model|solution", questions, re.I), "no answers on paper"
    run = t.handout_notebook(nb)  # setup + parameters + check + the handout cells
    assert "from pakfp_course import" in run.cells[0].source or "import pakfp_course" in \
        run.cells[0].source


def _phase_figure(phase: str) -> str:
    if phase == "cold-war":
        return explore.phase_summary(phase).facts[0]["value"]
    return f"US$ {summaries.aid_phase_totals(phase)['total_usd_m'].iloc[0] / 1000:,.2f} bn"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_papermill_runs_each_phase_and_shows_its_figures(path, built_course):
    """Each lesson's handout, run by papermill for each phase, shows that phase's figures only.

    The session's one course build runs every lesson's handout cells once per phase with
    papermill; a cell that raised would have failed the build (``built_course`` asserts it
    succeeded), so this reads those runs instead of executing the lessons again.
    """
    figures = {phase: _phase_figure(phase) for phase in PHASE_IDS}
    assert len(set(figures.values())) == len(figures)
    table = phase_table()
    for phase in PHASE_IDS:
        text = _page_text(built_course.out / "handouts" / path.stem / f"{phase}.html")
        for other, figure in figures.items():
            assert (figure in text) == (other == phase), (phase, other, path.stem)
            title = f"Key figures: {table.loc[other, 'name']}"
            assert (title in text) == (other == phase), (phase, other, path.stem)
