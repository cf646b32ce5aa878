"""The whole course built with ``pakfp-course build``, checked output by output.

One build of the real lessons (about two minutes on two cores) runs the way a
lecturer runs it: the console script, a fresh output folder, and a home folder
of its own, so the test can see that nothing lands in the user's home.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

import pakfp_course as pc
from pakfp_course.builder import transform as t
from pakfp_course.builder.cache import sha256_file
from pakfp_course.phases import PHASE_IDS
from pakfp_course.resources import course_path

from .conftest import CLI, Built, clean_env
from .html_checks import remote_resources, scan

pytestmark = pytest.mark.slow

LESSONS = sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))
@pytest.fixture
def built(built_course: Built) -> Built:
    return built_course


def _pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html")  # the website has tests of its own
                  if not {"assets", ".cache", "site"} & set(p.relative_to(out).parts))


def test_every_output_is_there(built: Built):
    out = built.out
    for lesson in LESSONS:
        for rel in (f"student/{lesson}.ipynb", f"instructor/{lesson}.ipynb",
                    f"instructor/{lesson}.html", f"html/{lesson}.html",
                    f"slides/{lesson}.slides.html",
                    *(f"handouts/{lesson}/{phase}.{ext}" for phase in PHASE_IDS
                      for ext in ("html", "pdf"))):
            assert (out / rel).is_file(), rel
    assert (out / "index.html").is_file() and (out / "manifest.json").is_file()
    assert not (out / "failed").exists()
    assert "open " in built.run.stdout and "index.html" in built.run.stdout


def test_nothing_loads_from_the_internet(built: Built):
    pages = _pages(built.out)
    assert len(pages) == 1 + len(LESSONS) * (3 + len(PHASE_IDS))  # + index
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert remote_resources(text) == [], page
        for ref in scan(text).local:  # every local script, style and font exists
            target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            assert target.is_file(), f"{page.name} refers to missing {ref}"
            if target.suffix == ".css":
                assert remote_resources(f"<style>{target.read_text()}</style>") == []
        for src in re.findall(r"widgetRendererSrc = '([^']+)'", text):
            assert (page.parent / src).is_file()


def test_the_offline_check_can_fail():
    page = ('<script src="https://unpkg.com/x.js"></script><link rel="stylesheet" '
            'href="//cdn/x.css"><style>@import url("https://fonts/x.css");</style>'
            '<a href="https://example.org">a citation link is fine</a>')
    assert len(remote_resources(page)) == 3


def test_images_keep_their_alt_text(built: Built):
    seen = 0
    for page in _pages(built.out):
        for img in scan(page.read_text(encoding="utf-8")).images:
            alt = (img.get("alt") or "").strip()
            assert alt and alt not in ("Image", "No description has been provided for this image")
            assert "no description was recorded" not in alt, page
            seen += 1
    assert seen > 100


def test_assets_carry_their_licences(built: Built):
    assets = built.out / "assets"
    for folder in ("requirejs", "reveal.js", "html-manager", "mathjax"):
        assert (assets / folder / "LICENSE.txt").stat().st_size > 100
    readme = (assets / "README.md").read_text()
    for pinned in ("reveal.js | 4.6.1", "requirejs | 2.3.7", "html-manager | 1.0.15",
                   "mathjax | 3.2.2"):
        assert pinned in readme


def test_student_notebooks_have_prompts_not_answers(built: Built):
    for lesson in LESSONS:
        source = nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", as_version=4)
        student = nbformat.read(built.out / "student" / f"{lesson}.ipynb", as_version=4)
        answers = {c.source for c in source.cells if "solution" in t.tags(c)}
        assert not answers & {c.source for c in student.cells}
        assert all(not c.get("outputs") for c in student.cells)
        assert any(c.source.startswith(("# Exercise", "**Your answer")) for c in student.cells)


def test_instructor_notebooks_keep_answers_and_widget_state(built: Built):
    for lesson in LESSONS:
        source = nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", as_version=4)
        nb = nbformat.read(built.out / "instructor" / f"{lesson}.ipynb", as_version=4)
        answers = [c.source for c in source.cells if "solution" in t.tags(c)]
        assert answers and set(answers) <= {c.source for c in nb.cells}
        assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
        state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
        assert state["state"], lesson
        html = (built.out / "instructor" / f"{lesson}.html").read_text()
        assert "application/vnd.jupyter.widget-state+json" in html


def test_student_html_has_no_answers_and_shows_widgets_with_fallbacks(built: Built):
    for lesson in LESSONS:
        source = nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", as_version=4)
        html = (built.out / "html" / f"{lesson}.html").read_text()
        for cell in source.cells:
            if "solution" in t.tags(cell) and cell.cell_type == "markdown":
                first = cell.source.strip().splitlines()[0][:60]
                assert first not in html, (lesson, first)
        assert "application/vnd.jupyter.widget-state+json" in html
        assert 'class="pakfp-static"' in html  # the static picture travels with the widget
        assert "Speaker notes" not in html
        assert 'class="jp-CodeMirrorEditor' in html  # the lesson page shows its code


def test_slides_have_every_slide_notes_and_no_answers(built: Built):
    for lesson in LESSONS:
        source = nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", as_version=4)
        deck = t.for_slides(source)
        html = (built.out / "slides" / f"{lesson}.slides.html").read_text()
        outer = sum(1 for c in deck.cells if c.metadata["slideshow"]["slide_type"] == "slide")
        assert len(re.findall(r"<section\b", html)) == t.slide_count(deck) + outer
        assert html.count('<aside class="notes">') == sum(t.is_notes(c) for c in deck.cells)
        assert "reveal.js/dist/reveal.js" in html and "/plugin/notes/notes.js" in html


def test_handouts_name_their_phase_hide_code_and_cite_sources(built: Built):
    phases = pc.load("phases").set_index("phase_id")
    for lesson in LESSONS:
        for phase in PHASE_IDS:
            html = (built.out / "handouts" / lesson / f"{phase}.html").read_text()
            title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
            assert phases.loc[phase, "name"] in title and "handout" in title
            assert f"(<code>{phase}</code>)" in html
            assert 'class="jp-CodeMirrorEditor' not in html  # no code input at all
            assert "<strong>Sources.</strong>" in html and "rest on these sources" in html
            assert "application/vnd.jupyter.widget-view+json" not in html
            assert (built.out / "handouts" / lesson / f"{phase}.pdf").is_file()


def test_handouts_differ_by_phase(built: Built):
    a = (built.out / "handouts" / "02_three_phases" / "2001-2008.html").read_text()
    b = (built.out / "handouts" / "02_three_phases" / "2009-2016.html").read_text()
    assert "Strategic alignment" in a and "Diverging interests" in b
    assert "(<code>2001-2008</code>" in a and "(<code>2009-2016</code>" in b


def test_manifest_records_inputs_parameters_hashes_and_seconds(built: Built):
    manifest = json.loads((built.out / "manifest.json").read_text())
    outputs = manifest["outputs"]
    on_disk = {str(p.relative_to(built.out)) for p in built.out.rglob("*")
               if p.is_file() and p.relative_to(built.out).parts[0] in
               ("student", "instructor", "html", "slides", "handouts")}
    site = outputs.pop("site/index.html")  # the website: one entry, its front page
    assert site["kind"] == "site" and site["inputs"]["course_data"] == next(
        iter(outputs.values()))["inputs"]["course_data"]
    assert set(outputs) == on_disk
    for rel, entry in outputs.items():
        assert entry["sha256"] == sha256_file(built.out / rel)
        assert entry["inputs"]["notebook"].startswith("notebooks/")
        assert entry["inputs"]["package_version"] == pc.__version__
        assert len(entry["inputs"]["course_data"]) == 64
        assert isinstance(entry["seconds"], float | int)
        if rel.startswith("handouts/"):
            assert entry["parameters"]["phase"] == Path(rel).stem


def test_index_links_every_output(built: Built):
    index = (built.out / "index.html").read_text()
    links = set(re.findall(r'href="([^"#]+)"', index))
    remote = {link for link in links if link.startswith(("http://", "https://"))}
    assert all(link.startswith("https://mybinder.org/") for link in remote), remote  # Run it
    for link in links - remote:
        assert (built.out / link).is_file(), link
    assert {f"html/{lesson}.html" for lesson in LESSONS} <= links
    assert {f"handouts/{lesson}/{p}.html" for lesson in LESSONS for p in PHASE_IDS} <= links
    for lesson in LESSONS:  # each lesson is named by its title too
        title = t.lesson_title(nbformat.read(course_path("notebooks") / f"{lesson}.ipynb", 4))
        assert html.escape(title) in index, title


def test_build_keeps_jupyter_ipython_and_matplotlib_out_of_home(built: Built):
    left = sorted(str(p.relative_to(built.home)) for p in built.home.rglob("*"))
    assert left == []
    cache = built.out / ".cache"
    assert (cache / "matplotlib").is_dir() and (cache / "ipython").is_dir()


def test_second_build_skips_everything(built: Built):
    before = {p: p.stat().st_mtime_ns for p in built.out.rglob("*.html")}
    run = subprocess.run([CLI, "build", "--out", str(built.out)], env=clean_env(built.home),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "everything up to date" in run.stdout
    after = {p: p.stat().st_mtime_ns for p in built.out.rglob("*.html")}
    changed = [p for p in before if after[p] != before[p] and p.name != "index.html"]
    assert changed == []
