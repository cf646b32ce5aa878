"""WCAG 2.1 A and AA on every built page: axe-core (pinned in tests/axe/) in Chromium.

The session's course build (``built_course``) is opened from file:// with the
network cut, as a student opens it. Every lesson page (``html/`` and
``instructor/``, once their live widgets have rendered), the first three slides
of every deck and every handout must have no critical or serious violation of the
WCAG 2.0/2.1 A and AA rules, ``<html lang="en">`` and a title. A failure lists
each violation with the CSS selector of the element, one line each.

One browser page serves the whole module (a page load costs more than a test),
and each test walks one kind of output, collecting every problem before it
asserts, so one run shows them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pakfp_course.resources import course_path

from .axe import check, report
from .browser import Offline, browser_context
from .conftest import Built, chromium_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))
SLIDES_CHECKED = 3

#: Every live widget of the page has been drawn by the widget renderer (html-manager).
WIDGETS_DRAWN_JS = """() => [...document.querySelectorAll('.pakfp-widget')]
  .filter(w => w.querySelector('script[type="application/vnd.jupyter.widget-view+json"]'))
  .every(w => w.querySelector(':scope > .widget-subarea > *'))"""

MATHJAX_DONE_JS = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
}"""


@pytest.fixture(scope="module")
def built(built_course: Built) -> Path:
    """The course as ``pakfp-course build`` wrote it (one build for the whole session)."""
    chromium_or_skip()
    return built_course.out


@pytest.fixture(scope="module")
def tab(tmp_path_factory, built: Path, axe_js: str):
    """One offline page of Debian's Chromium, reused for every file, and its network log."""
    with browser_context(tmp_path_factory.mktemp("profile")) as context:
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page, Offline(page)


class Findings:
    """Everything wrong with the pages of one kind, as lines of a report."""

    def __init__(self, built: Path) -> None:
        self.built = built
        self.lines: list[str] = []

    def visit(self, page, path: Path) -> str:
        """Open ``path`` and check its language and title; return its name in the report."""
        where = str(path.relative_to(self.built))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        lang = page.evaluate("document.documentElement.getAttribute('lang')")
        if lang != "en":
            self.lines.append(f'{where}: <html lang="{lang}">, not "en"')
        if not page.title().strip():
            self.lines.append(f"{where}: empty <title>")
        return where

    def axe(self, page, script: str, where: str, context: str | None = None) -> None:
        """Run axe on the page (or on ``context``) and record its severe violations."""
        violations = check(page, script, context=context)
        if violations:
            self.lines.append(report(violations, where=f"{where}: "))

    def assert_none(self, offline: Offline, pages: int) -> None:
        """Fail with every finding; also fail if a page asked for the network."""
        assert offline.blocked == [] and offline.failed == [], (offline.blocked, offline.failed)
        assert pages > 0, "no pages of this kind were built"
        assert self.lines == [], f"{len(self.lines)} problem(s) on {pages} page(s):\n" + \
            "\n".join(self.lines)


def _lesson_pages(built: Path, folder: str) -> list[Path]:
    pages = sorted((built / folder).glob("*.html"))
    assert [p.stem for p in pages] == LESSONS, pages
    return pages


@pytest.mark.parametrize("folder", ["html", "instructor"])
def test_lesson_pages_meet_wcag_21_aa(built: Path, tab, axe_js: str, folder: str):
    """Each lesson page, its live explorers and quiz drawn from saved widget state."""
    page, offline = tab
    findings = Findings(built)
    pages = _lesson_pages(built, folder)
    for path in pages:
        where = findings.visit(page, path)
        page.wait_for_function(WIDGETS_DRAWN_JS)
        page.evaluate(MATHJAX_DONE_JS)
        findings.axe(page, axe_js, where)
    findings.assert_none(offline, len(pages))


SLIDE_JS = """(i) => {
  const slide = Reveal.getSlides()[i];
  const at = Reveal.getIndices(slide);
  Reveal.slide(at.h, at.v, 1000);  // every fragment shown
  return Reveal.getCurrentSlide() === slide;
}"""


#: No finite transition or animation runs on the slide (a fading fragment's text is grey).
SETTLED_JS = """() => Reveal.getCurrentSlide().getAnimations({subtree: true}).every(
  a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)"""


def test_first_slides_of_every_deck_meet_wcag_21_aa(built: Path, tab, axe_js: str):
    """The first three slides of each deck (every fragment shown, no transitions).

    On the first slide axe checks the whole document: the page-level rules
    (``html-has-lang``, ``document-title``, ...) run only then, and reveal.js's
    controls, progress bar and slide number live outside every slide. reveal.js
    hides the slides not shown (``hidden``, ``aria-hidden``), which axe skips, so
    this checks the first slide's content with them. On the second and third
    slides only the current slide (``section.present``) is checked: the rest of
    the page has not changed.
    """
    page, offline = tab
    findings = Findings(built)
    decks = sorted((built / "slides").glob("*.slides.html"))
    assert [p.name.removesuffix(".slides.html") for p in decks] == LESSONS, decks
    for path in decks:
        where = findings.visit(page, path)
        page.wait_for_function("() => window.Reveal && Reveal.isReady && Reveal.isReady()")
        page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
        page.wait_for_function(WIDGETS_DRAWN_JS)
        page.evaluate(MATHJAX_DONE_JS)
        total = page.evaluate("Reveal.getSlides().length")
        for i in range(min(SLIDES_CHECKED, total)):
            assert page.evaluate(SLIDE_JS, i), f"{where}: could not show slide {i + 1}"
            page.wait_for_function(SETTLED_JS)  # fragments fade in: check the colours they end in
            findings.axe(page, axe_js, f"{where} slide {i + 1}",
                         context=None if i == 0 else "section.present")
    findings.assert_none(offline, len(decks))


def test_handouts_meet_wcag_21_aa(built: Path, tab, axe_js: str):
    """Every handout, lesson by lesson and phase by phase, as printed to PDF."""
    page, offline = tab
    findings = Findings(built)
    handouts = sorted((built / "handouts").glob("*/*.html"))
    assert {p.parent.name for p in handouts} == set(LESSONS), handouts
    for path in handouts:
        where = findings.visit(page, path)
        page.evaluate(MATHJAX_DONE_JS)
        findings.axe(page, axe_js, where)
    findings.assert_none(offline, len(handouts))
