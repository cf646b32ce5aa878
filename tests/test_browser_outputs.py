"""The built slides, lesson pages and handouts, opened from file:// with the network cut.

Every request that is not for a local file is aborted and recorded; a page
passes only if it needed none and no request failed.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from pakfp_course.builder import transform as t
from pakfp_course.resources import course_path

from .browser import browser_context, open_offline, shot
from .conftest import Built, chromium_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))
HANDOUT = ("02_three_phases", "2009-2016")


@pytest.fixture(scope="module")
def built(built_course: Built) -> Path:
    """The course as ``pakfp-course build`` wrote it (one build for the whole session)."""
    chromium_or_skip()
    return built_course.out


@pytest.fixture(scope="module")
def context(tmp_path_factory, built):
    with browser_context(tmp_path_factory.mktemp("profile")) as ctx:
        yield ctx


def _expected_slides(lesson: str) -> int:
    nb = nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", as_version=4)
    return t.slide_count(t.for_slides(nb))


WIDGET_SLIDE_JS = """() => {
  const widget = document.querySelector('.pakfp-widget');
  const section = widget.closest('section');
  const at = Reveal.getIndices(section);
  Reveal.slide(at.h, at.v);
  const fragment = widget.closest('.fragment');
  while (fragment && !fragment.classList.contains('visible') && Reveal.nextFragment()) {}
  return at;
}"""

WIDGET_SHOWN_JS = """() => {
  const widget = document.querySelector('.pakfp-widget');
  const live = widget.querySelector('.widget-subarea > *');
  const pic = widget.querySelector('.pakfp-static img');
  const visible = (el) => !!el && el.getBoundingClientRect().height > 20 &&
      getComputedStyle(el).visibility !== 'hidden';
  return visible(live) ? 'live' : (visible(pic) ? 'static' : '');
}"""


@pytest.mark.parametrize("lesson", LESSONS)
def test_slides_work_offline(built: Path, context, lesson: str):
    page, offline = open_offline(context, built / "slides" / f"{lesson}.slides.html")
    try:
        page.wait_for_function("() => window.Reveal && Reveal.isReady && Reveal.isReady()")
        assert page.evaluate("Reveal.getTotalSlides()") == _expected_slides(lesson)
        start = page.evaluate("Reveal.getIndices()")
        page.locator(".reveal").click()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "(s) => JSON.stringify(Reveal.getIndices()) !== JSON.stringify(s)", arg=start)
        moved = page.evaluate("Reveal.getIndices()")
        assert moved != start
        shot(page, f"slides-{lesson}-second")
        if page.locator(".pakfp-widget").count():
            page.evaluate(WIDGET_SLIDE_JS)
            page.wait_for_function(WIDGET_SHOWN_JS)
            shown = page.evaluate(WIDGET_SHOWN_JS)
            assert shown in ("live", "static")
            shot(page, f"slides-{lesson}-widget-{shown}")
        assert offline.blocked == [], offline.blocked
        assert offline.failed == [], offline.failed
    finally:
        page.close()


def test_widgets_render_live_from_saved_state_offline(built: Path, context):
    """The widget renderer (html-manager, loaded with require.js) works from local files."""
    page, offline = open_offline(context, built / "html" / "02_three_phases.html")
    try:
        widget = page.locator(".pakfp-widget").first
        widget.scroll_into_view_if_needed()
        widget.locator(".widget-subarea .pakfp-explorer").wait_for(timeout=30_000)
        assert widget.locator(".pakfp-explorer img").first.is_visible()
        assert not widget.locator(":scope > .pakfp-static").is_visible()  # picture steps aside
        shot(page, "html-02-live-widget")
        assert offline.blocked == [] and offline.failed == []
    finally:
        page.close()


@pytest.mark.parametrize("lesson", LESSONS)
def test_dollar_signs_are_never_typeset_as_maths(built: Path, context, lesson: str):
    """Prices stay text: the course has no mathematics, so MathJax must typeset nothing."""
    page, offline = open_offline(context, built / "html" / f"{lesson}.html")
    try:
        page.wait_for_load_state("load")
        page.wait_for_function("() => window.MathJax && MathJax.startup && "
                               "MathJax.startup.promise")
        page.evaluate("MathJax.startup.promise")
        assert page.locator("mjx-container").count() == 0, lesson
        body = page.locator("body").inner_text()
        assert "US$" in body and "\\$" not in body, lesson
        assert offline.blocked == [], offline.blocked
    finally:
        page.close()


def test_handout_works_offline(built: Path, context):
    lesson, phase = HANDOUT
    page, offline = open_offline(context, built / "handouts" / lesson / f"{phase}.html")
    try:
        page.wait_for_load_state("load")
        page.wait_for_function("() => window.MathJax && MathJax.startup && "
                               "MathJax.startup.promise")
        page.evaluate("MathJax.startup.promise")
        assert phase in page.title() and "handout" in page.title()
        assert page.locator(".jp-CodeMirrorEditor, .jp-InputArea-editor").count() == 0
        header = page.locator("header.pakfp-handout-head")
        assert phase in header.inner_text() and "Diverging interests" in header.inner_text()
        footer = page.locator(".celltag_handout-sources")
        footer.scroll_into_view_if_needed()
        assert footer.is_visible() and "Sources." in footer.inner_text()
        body = page.locator("body").inner_text()
        assert "US$" in body and "\\$" not in body  # escaped dollars typeset by local MathJax
        shot(page, "handout-02-2009-2016-footer")
        assert offline.blocked == [], offline.blocked
        assert offline.failed == [], offline.failed
    finally:
        page.close()
