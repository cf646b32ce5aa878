"""The website's own pages, computed from the lessons and the course data."""

from __future__ import annotations

import csv
import json
import re

import nbformat
import pytest

import pakfp_course as pc
from pakfp_course.builder import pages
from pakfp_course.builder.site import lesson_for_site
from pakfp_course.builder.transform import WIDGET_VIEW
from pakfp_course.resources import course_path

LESSONS = sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))


def _markdown(name: str) -> list[str]:
    nb = nbformat.read(course_path("notebooks") / f"{name}.ipynb", as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


@pytest.mark.parametrize("name", LESSONS)
def test_outline_reads_each_lesson(name: str):
    cells = _markdown(name)
    outline = pages.lesson_outline(name, cells)
    assert outline.title == cells[0].splitlines()[0][2:].strip()
    assert outline.summary and "\n" not in outline.summary
    objectives = next(c for c in cells if c.startswith("## Learning objectives"))
    assert len(outline.objectives) == len(re.findall(r"^\d+\.\s", objectives, flags=re.M))
    assert all(o and "\n" not in o for o in outline.objectives)
    assert re.fullmatch(r"\d+(–\d+)? minutes", outline.minutes), outline.minutes
    found = [re.search(r"^## Read first[^\n]*\n(.*?)(?=^## |\Z)", c, flags=re.M | re.S)
             for c in cells]
    reading = next((m.group(1).strip() for m in found if m), "")
    assert outline.read_first == reading
    assert re.search(r"(khan|majeed|yousaf-ma)-202\d §", outline.read_first) or not reading


def test_syllabus_lists_every_lesson_with_its_time_and_objectives():
    outlines = [pages.lesson_outline(n, _markdown(n)) for n in LESSONS]
    text = pages.syllabus_page(outlines)
    rows = re.findall(r"^\| (\d+) \| \[(.+?)\]\(lessons/(\w+)\.ipynb\) \| (.+?) \|$", text,
                      flags=re.M)
    assert [r[2] for r in rows] == LESSONS
    assert [r[3] for r in rows] == [o.minutes for o in outlines]
    for o in outlines:
        assert f"## Class {LESSONS.index(o.name) + 1}: {o.title}" in text
        assert all(objective in text for objective in o.objectives)


def _terms() -> list[pages.GlossaryTerm]:
    return [pages.GlossaryTerm("csf", "Coalition Support Funds (CSF)", "Reimbursements.",
                               ("CSF", "Coalition Support Funds")),
            pages.GlossaryTerm("strategic_bandwagoning", "Strategic bandwagoning", "Khan's.",
                               ("strategic bandwagoning",)),
            pages.GlossaryTerm("bandwagoning", "Bandwagoning", "Walt's.", ("bandwagoning",))]


def test_link_terms_links_the_first_use_only_and_leaves_code_links_and_headings():
    linked: set[str] = set()
    text = ("## CSF in a heading\n"
            "Code `CSF` and a [CSF link](x.md) and csf in lower case and khan-2024 §On "
            "Bandwagoning, then CSF here and CSF again.\n"
            "Pakistan's Strategic Bandwagoning, and bandwagoning.")
    out = pages.link_terms(text, _terms(), linked)
    lines = out.split("\n")
    assert lines[0] == "## CSF in a heading"
    assert "`CSF`" in lines[1] and "[CSF link](x.md)" in lines[1] and "csf in lower" in lines[1]
    assert "§On Bandwagoning," in lines[1]
    assert lines[1].count("{ref}`CSF <glossary-csf>`") == 1
    assert lines[1].index("{ref}") > lines[1].index("then")
    assert "{ref}`Strategic Bandwagoning <glossary-strategic_bandwagoning>`" in lines[2]
    assert "{ref}`bandwagoning <glossary-bandwagoning>`" in lines[2]  # its own first use
    assert linked == {"csf", "strategic_bandwagoning", "bandwagoning"}
    again = pages.link_terms("CSF once more", _terms(), linked)
    assert again == "CSF once more"  # a later cell of the same page: already linked


def test_dataset_pages_give_fields_units_caveats_sources_and_the_csv(tmp_path):
    package = json.loads((course_path("course_data") / "datapackage.json").read_text())
    for resource in package["resources"]:
        path = course_path("course_data") / resource["path"]
        text = pages.dataset_page(resource, path)
        with open(path, newline="", encoding="utf-8") as fh:
            rows = sum(1 for _ in csv.reader(fh)) - 1
        assert f"{{download}}`Download {resource['name']}.csv <{path.name}>` ({rows} rows" in text
        for f in resource["schema"]["fields"]:
            assert f"| `{f['name']}` | {f['type']} |" in text
            if f.get("unit"):
                assert f["unit"].replace("|", "\\|") in text
        for caveat in resource.get("caveats", []):
            assert caveat in text
        for source in resource.get("sources", []):
            assert f"(`{source['source_id']}`)" in text
    index = pages.data_index_page(package["resources"])
    assert all(f"[`{r['name']}`]({r['name']}.md)" in index for r in package["resources"])


def test_glossary_page_defines_every_term_with_its_sources_resolved():
    table = pc.load("glossary")
    citations = pc.load("sources").set_index("source_id")["citation"].to_dict()
    terms = [pages.GlossaryTerm(r.term_id, r.term, r.definition, source_id=r.source_id,
                                lessons=tuple(str(r.lessons).split(";")))
             for r in table.itertuples()]
    text = pages.glossary_page(terms, {n: n.upper() for n in LESSONS}, citations)
    for term in terms:
        assert f"(glossary-{term.term_id})=\n## {term.term}\n\n{term.definition}" in text
        for source_id in term.source_id.split(";"):
            assert f"{citations[source_id.strip()]} (`{source_id.strip()}`)" in text


def test_run_it_gives_the_hub_link_template_binder_and_a_local_install():
    text = pages.run_it_markdown()
    assert pages.HUB_PLACEHOLDER + "/hub/user-redirect/git-pull?" in text
    assert "branch=student" in text and "https://mybinder.org/v2/" in text
    assert "pakfp-course lab" in text


def test_a_lesson_page_keeps_widgets_live_with_their_picture_and_drops_answers():
    nb = nbformat.v4.new_notebook()
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    widget = nbformat.v4.new_code_cell("widgets.phase_explorer()", outputs=[
        nbformat.v4.new_output("display_data", data={
            WIDGET_VIEW: view, "text/html": '<img alt="A chart" src="data:,">',
            "text/plain": "Explorer"})])
    nb.cells = [nbformat.v4.new_markdown_cell("# Title\n\nAbout CSF."),
                nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["hide-input"]}),
                widget,
                nbformat.v4.new_markdown_cell("The answer.", metadata={"tags": ["solution"]}),
                nbformat.v4.new_markdown_cell("Lecturer.",
                                              metadata={"tags": ["instructor-only"]})]
    page = lesson_for_site(nb, terms=_terms(),
                           links={"Slides": [("slides", "../../slides/01_x.slides.html")]})
    sources = [c.source for c in page.cells]
    assert "The answer." not in sources and "Lecturer." not in sources
    assert "{ref}`CSF <glossary-csf>`" in page.cells[0].source
    assert page.cells[1].source.startswith('<nav class="pakfp-lesson-links"')
    assert 'href="../../slides/01_x.slides.html"' in page.cells[1].source
    assert page.cells[2].metadata["tags"] == ["remove-input"]
    html = page.cells[3].outputs[0]["data"]["text/html"]
    assert list(page.cells[3].outputs[0]["data"]) == ["text/html"]
    assert f'<script type="{WIDGET_VIEW}">{json.dumps(view)}</script>' in html
    assert '<div class="pakfp-static">\n<img alt="A chart"' in html
    assert nb.cells[0].source == "# Title\n\nAbout CSF."  # the executed lesson is untouched
