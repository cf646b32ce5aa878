"""Every default handout, printed as a lecturer prints it: Chromium, A4 and US-Letter.

The session's course build prints each handout (lesson x phase id) to PDF with
Chromium (A4, from the page's print stylesheet); these tests read those PDFs with
poppler (``pdfinfo``, ``pdftotext``, ``pdfimages``) and print each page again to
US-Letter with Playwright, as a browser's print dialog would.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from pakfp_course import handout
from pakfp_course.builder import transform as t
from pakfp_course.phases import PHASE_IDS
from pakfp_course.resources import course_path

from .browser import browser_context
from .conftest import Built, chromium_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))
MAX_PAGES = 4
A4 = (595, 842)  # points, rounded


def _poppler_or_skip() -> None:
    if not shutil.which("pdftotext"):
        chromium_or_skip()  # the same rule: required where Chromium is required
        import os

        if os.environ.get("PAKFP_COURSE_REQUIRE_CHROMIUM"):
            pytest.fail("poppler-utils (pdfinfo, pdftotext) is required here: "
                        "apt-get install poppler-utils")
        pytest.skip("poppler-utils is not installed (apt-get install poppler-utils)")


@pytest.fixture(scope="module")
def built(built_course: Built) -> Path:
    chromium_or_skip()
    _poppler_or_skip()
    return built_course.out


def _info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def _pages(pdf: Path) -> list[str]:
    """Return each page's text, whitespace collapsed."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [re.sub(r"\s+", " ", page) for page in out.split("\f")[:-1]]


def _handouts():
    return [(lesson, phase) for lesson in LESSONS for phase in PHASE_IDS]


def _answers(lesson: str) -> list[str]:
    """Return a distinctive line of every model answer of a lesson."""
    nb = nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", as_version=4)
    lines = []
    for cell in nb.cells:
        if "solution" in t.tags(cell) and cell.cell_type == "markdown":
            text = re.sub(r"[*_`#>]", "", cell.source).split("\n")[0].strip()
            lines.append(re.sub(r"\s+", " ", text)[:50])
    return [line for line in lines if len(line) > 20]


def _blocks(html: str) -> list[tuple[str, str]]:
    """Return (title, table header) of every titled table on a handout page."""
    found = []
    for title, table in re.findall(
            r"<p><strong>([^<]+)</strong>.*?</p>\s*<table>(.*?)</table>", html, re.S):
        head = re.search(r"<thead>(.*?)</thead>", table, re.S)
        cells = re.findall(r"<th[^>]*>(.*?)</th>", head.group(1), re.S) if head else []
        found.append((re.sub(r"\s+", " ", title).strip().rstrip(":"),
                      " ".join(re.sub(r"<[^>]+>", "", c).strip() for c in cells)))
    return found


@pytest.mark.parametrize(("lesson", "phase"), _handouts())
def test_printed_handout_is_short_headed_sourced_and_answer_free(built, lesson, phase):
    pdf = built / "handouts" / lesson / f"{phase}.pdf"
    info = _info(pdf)
    pages = _pages(pdf)
    width, height = (round(float(v)) for v in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (width, height) == A4, info["Page size"]
    assert 1 <= int(info["Pages"]) <= MAX_PAGES, f"{lesson} {phase}: {info['Pages']} pages"
    label = handout.phase_label(phase)
    for number, page in enumerate(pages, 1):  # the running header and the page numbers
        assert f"Phase: {label}" in page, (number, page[:200])
        assert f"Lesson {lesson[:2]}:" in page
        assert f"Lesson {lesson[:2]}: {lesson[:2]}" not in page  # the number once
        assert f"page {number} of {len(pages)}" in page
    text = " ".join(pages)
    for other in PHASE_IDS:  # the phase's own key figure, and no other phase's
        assert (handout.key_figure(other) in text) == (other == phase), (other, phase)
    assert "Sources." in text and "rest on these sources" in text
    for code in ("handout.", "plots.", "import ", "lesson.", "phase = "):
        assert code not in text, code
    for answer in _answers(lesson):
        assert answer not in text, answer
    assert "Model answer" not in text


@pytest.mark.parametrize(("lesson", "phase"), _handouts())
def test_no_table_or_chart_is_cut_by_a_page_break(built, lesson, phase):
    """A table split by a page break repeats its header (Chromium repeats <thead>); a split
    chart is drawn on two pages; a title left at the foot of a page is on another page than
    its table. None of that happens."""
    html = (built / "handouts" / lesson / f"{phase}.html").read_text(encoding="utf-8")
    pdf = built / "handouts" / lesson / f"{phase}.pdf"
    pages = _pages(pdf)
    blocks = _blocks(html)
    assert len(blocks) >= 3, blocks  # key figures, timeline, claims
    for title, head in blocks:
        on = [i for i, page in enumerate(pages) if head in page]
        assert len(on) == 1 and sum(page.count(head) for page in pages) == 1, (title, head, on)
        assert title[:40] in pages[on[0]], (title, on)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    charts = [line.split() for line in images if line.split()[2] == "image"]
    assert len(charts) == html.count("<img "), (len(charts), html.count("<img "))


def test_every_handout_fits_four_us_letter_pages_too(built, tmp_path):
    """Printed from a browser on US-Letter paper (the print dialog's paper size wins)."""
    with browser_context(tmp_path / "profile") as context:
        page = context.new_page()
        for lesson, phase in _handouts():
            page.goto((built / "handouts" / lesson / f"{phase}.html").as_uri())
            page.wait_for_load_state("load")
            out = tmp_path / f"{lesson}-{phase}.pdf"
            page.pdf(path=str(out), format="Letter", prefer_css_page_size=False,
                     print_background=True)
            info = _info(out)
            assert "612 x 792" in info["Page size"], info["Page size"]
            assert int(info["Pages"]) <= MAX_PAGES, (lesson, phase, info["Pages"])
