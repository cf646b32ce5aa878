"""The course website ``pakfp-course build`` makes in ``site/``: read as files, then in Chromium.

The site is built from the session's one course build. The browser tests open
it from ``file://`` with every non-local request aborted: they follow the
sidebar through every lesson, search for a term, run axe-core on every page,
and move through a page with the keyboard.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pytest

import pakfp_course as pc
from pakfp_course.builder import transform as t
from pakfp_course.builder.cache import sha256_file
from pakfp_course.resources import course_path

from .browser import browser_context, open_offline, shot
from .conftest import Built, chromium_or_skip
from .html_checks import remote_resources, scan

pytestmark = pytest.mark.slow

LESSONS = sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))
DATASETS = pc.list_datasets()
SEARCH = ("insulator", "05_rsct")  # a term one lesson teaches, and that lesson


def _title(lesson: str) -> str:
    return t.lesson_title(nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", 4))


@pytest.fixture(scope="module")
def site(built_course: Built) -> Path:
    """The website of the session's course build."""
    return built_course.out / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_page_is_there(site: Path, built_course: Built):
    for rel in ("index.html", "syllabus.html", "run-it.html", "readings.html",
                "glossary.html", "data/index.html", "search.html", "searchindex.js",
                *(f"lessons/{lesson}.html" for lesson in LESSONS),
                *(f"data/{name}.html" for name in DATASETS)):
        assert (site / rel).is_file(), rel
    entry = json.loads((built_course.out / "manifest.json").read_text())["outputs"][
        "site/index.html"]
    assert entry["kind"] == "site" and entry["sha256"] == sha256_file(site / "index.html")
    assert f"open {site / 'index.html'}" in built_course.run.stdout  # where the build points


def test_nothing_loads_from_the_internet_and_every_local_file_exists(site: Path):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="en"' in text, page
        assert remote_resources(text) == [], page
        for ref in scan(text).local:
            target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            assert target.exists(), f"{page.relative_to(site)} refers to missing {ref}"


def test_lesson_pages_have_no_answers_and_keep_live_widgets_with_pictures(site: Path):
    for lesson in LESSONS:
        nb = nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", as_version=4)
        page = (site / "lessons" / f"{lesson}.html").read_text(encoding="utf-8")
        assert f"<h1>{html.escape(_title(lesson), quote=False)}" in page.replace("’", "'") \
            or html.escape(_title(lesson), quote=False) in page
        hidden = [c for c in nb.cells if {"solution", "instructor-only"} & t.tags(c)
                  and c.cell_type == "markdown"]
        for cell in hidden:  # answers and lecturer notes stay with the instructor
            line = next(s for s in cell.source.splitlines() if len(s) > 30)
            assert html.escape(line[:30], quote=False) not in page, (lesson, line)
        if "application/vnd.jupyter.widget-view+json" in page:
            assert 'class="pakfp-static"' in page and "application/vnd.jupyter.widget-" \
                "state+json" in page


def test_lesson_pages_show_the_lessons_markdown_tables_as_tables(site: Path):
    """A table a lesson prints (Markdown output) is a table on the site, not lines of pipes."""
    for lesson in LESSONS:
        page = (site / "lessons" / f"{lesson}.html").read_text(encoding="utf-8")
        text = re.sub(r"<script.*?</script>|<[^>]+>", " ", page, flags=re.S)
        assert not re.search(r"\|\s*:?-{3,}", text), lesson
    phases = (site / "lessons" / "02_three_phases.html").read_text(encoding="utf-8")
    assert re.search(r"<th[^>]*>\s*<p>measure</p>\s*</th>|<th[^>]*>measure</th>", phases)


def test_lesson_pages_link_their_slides_handouts_and_glossary_terms(site: Path):
    glossary = (site / "glossary.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="(glossary-[\w-]+)"', glossary))
    terms = pc.load("glossary")
    for lesson in LESSONS:
        page_path = site / "lessons" / f"{lesson}.html"
        page = page_path.read_text(encoding="utf-8")
        nav = re.search(r'<nav class="pakfp-lesson-links".*?</nav>', page, re.S).group(0)
        links = re.findall(r'href="([^"]+)"', nav)
        assert f"../../slides/{lesson}.slides.html" in links
        assert any(link.endswith(".pdf") for link in links)
        for link in links:
            assert (page_path.parent / link).resolve().is_file(), link
        linked = set(re.findall(r'href="\.\./glossary\.html#(glossary-[\w-]+)"', page))
        assert linked <= anchors
        taught = {f"glossary-{r.term_id}".replace("_", "-") for r in terms.itertuples()
                  if lesson in str(r.lessons).split(";")}
        assert taught <= linked, (lesson, taught - linked)


def test_data_pages_offer_the_course_csv(site: Path):
    for name in DATASETS:
        page_path = site / "data" / f"{name}.html"
        page = page_path.read_text(encoding="utf-8")
        href = re.search(rf'href="([^"]*_downloads/[^"]*/{name}\.csv)"', page).group(1)
        assert (page_path.parent / href).read_bytes() == (
            course_path("course_data") / f"{name}.csv").read_bytes()
        assert "Caveats" in page and "Sources" in page


def test_syllabus_and_home_list_every_lesson(site: Path):
    for rel in ("index.html", "syllabus.html"):
        page = (site / rel).read_text(encoding="utf-8")
        for lesson in LESSONS:
            assert f'href="lessons/{lesson}.html"' in page, (rel, lesson)


# In Chromium, from file://, offline -------------------------------------------------


@pytest.fixture(scope="module")
def context(tmp_path_factory, site):
    chromium_or_skip()
    with browser_context(tmp_path_factory.mktemp("profile")) as ctx:
        yield ctx


def _open(context, path: Path):
    page, offline = open_offline(context, path)
    page.wait_for_load_state("load")
    return page, offline


@pytest.mark.browser
def test_the_sidebar_leads_through_every_lesson_offline(site: Path, context):
    page, offline = _open(context, site / "index.html")
    try:
        for lesson in LESSONS:
            page.locator(".bd-sidebar-primary nav a.reference", has_text=_title(lesson)[:40]
                         ).first.click()
            page.wait_for_url(f"**/lessons/{lesson}.html")
            assert page.locator("h1").first.inner_text().strip().rstrip("#").strip() == \
                _title(lesson)
        shot(page, "site-last-lesson")
        page.locator("a.left-prev").click()  # previous / next at the foot of each lesson
        page.wait_for_url(f"**/lessons/{LESSONS[-2]}.html")
        assert offline.blocked == [] and offline.failed == [], (offline.blocked, offline.failed)
    finally:
        page.close()


@pytest.mark.browser
def test_search_finds_a_term_and_leads_to_its_lesson_offline(site: Path, context):
    term, lesson = SEARCH
    page, offline = _open(context, site / "index.html")
    try:
        page.keyboard.press("Control+k")  # the theme's search shortcut
        box = page.locator("input[name=q]:visible").first
        box.fill(term)
        box.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        hit = page.locator(f'#search-results a[href*="lessons/{lesson}.html"]').first
        hit.wait_for()
        shot(page, "site-search")
        hit.click()
        page.wait_for_url(f"**/lessons/{lesson}.html*")
        assert term in page.locator("main").inner_text().lower()
        assert offline.blocked == [] and offline.failed == [], (offline.blocked, offline.failed)
    finally:
        page.close()


@pytest.mark.browser
def test_every_page_passes_axe(site: Path, context, axe_js: str):
    """Zero critical or serious WCAG 2.1 A/AA violations on every page of the site."""
    from .axe import check, report

    found = []
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        for path in _pages(site):
            page.goto(path.resolve().as_uri())
            page.wait_for_load_state("load")
            if page.locator(".pakfp-widget").count():  # the live widgets, once rendered
                page.locator(".pakfp-widget .widget-subarea").first.wait_for()
            assert page.title(), path
            found.append(report(check(page, axe_js), f"{path.relative_to(site)}: "))
    finally:
        page.close()
    problems = "\n".join(f for f in found if f)
    assert problems == "", problems


@pytest.mark.browser
def test_a_page_is_usable_from_the_keyboard(site: Path, context):
    """Tab reaches the skip link first, focus is visible, Enter follows a link."""
    page, _ = _open(context, site / "syllabus.html")
    try:
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
          const el = document.activeElement, s = getComputedStyle(el);
          return {text: el.textContent.trim(), outline: s.outlineStyle,
                  width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
        }""")
        assert "skip" in focused["text"].lower(), focused
        assert (focused["outline"] != "none" and focused["width"] > 0) or \
            focused["shadow"] != "none", focused
        target = f"lessons/{LESSONS[0]}.html"
        for _ in range(80):  # Tab on to the first lesson's link, then Enter
            page.keyboard.press("Tab")
            if (page.evaluate("() => document.activeElement.getAttribute('href')") or ""
                    ).endswith(target):
                break
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{target}")
    finally:
        page.close()
