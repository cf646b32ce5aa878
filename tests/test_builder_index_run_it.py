"""The built course's front page tells students how to run the course: hub, Binder, laptop."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pakfp_course.builder.index import write_index
from pakfp_course.resources import course_path

from .html_checks import remote_resources

FIRST = sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))[0]


class _Outline(HTMLParser):
    """Collect headings, links, ``<code>`` texts and where the run-it section sits."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str | None]] = []
        self.links: list[tuple[dict, str]] = []
        self.codes: list[str] = []
        self.order: list[str] = []
        self._open: list[tuple[str, dict, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), a.get("id")))
        if tag in ("table", "section"):
            self.order.append(a.get("aria-labelledby") or tag)
        if tag in ("a", "code"):
            self._open.append((tag, a, []))

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            _, a, text = self._open.pop()
            (self.links.append((a, "".join(text))) if tag == "a"
             else self.codes.append("".join(text)))

    def handle_data(self, data):
        for _, _, text in self._open:
            text.append(data)


@pytest.fixture(params=[[], ["failed/handout-02.ipynb"]], ids=["ok", "with-failures"])
def page(tmp_path: Path, request) -> str:
    out = tmp_path / "_build"
    (out / "html").mkdir(parents=True)
    (out / "html" / f"{FIRST}.html").write_text("<p>lesson</p>")
    outputs = {f"html/{FIRST}.html": {"lesson": FIRST, "kind": "html", "title": "Start"}}
    write_index(out, outputs if request.param else {}, request.param, tmp_path / "tmp")
    return (out / "index.html").read_text(encoding="utf-8")


def _outline(text: str) -> _Outline:
    outline = _Outline()
    outline.feed(text)
    return outline


def test_run_it_section_follows_the_outputs_table(page):
    outline = _outline(page)
    assert (2, "run-it") in outline.headings
    assert outline.order.index("table") < outline.order.index("run-it")
    levels = [level for level, _ in outline.headings]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in pairwise(levels))


def test_hub_link_template_for_the_first_lesson_parses(page):
    links = [c for c in _outline(page).codes if "git-pull?" in c]
    assert len(links) == 1
    split = urlsplit(links[0])
    assert (split.scheme, split.netloc) == ("https", "YOUR-HUB")
    assert split.path == "/hub/user-redirect/git-pull"
    query = parse_qs(split.query, strict_parsing=True)
    folder = query["targetpath"][0]
    assert query["branch"] == ["student"] and query["repo"][0]  # the answer-free lessons
    assert query["urlpath"] == [f"lab/tree/{folder}/notebooks/{FIRST}.ipynb"]


def test_lecturer_command_guide_and_local_install_are_shown(page):
    codes = " ".join(" ".join(c.split()) for c in _outline(page).codes)
    assert "pakfp-course hub-link --hub https://YOUR-HUB --branch student --all" in codes
    assert "pakfp-course student-branch && git push origin student" in codes
    assert "docs/lecturer-guide.md" in codes
    assert "python -m pip install -e . pakfp-course lab" in codes


def test_binder_badge_is_a_text_link_to_the_first_lesson(page):
    badges = [(a, text) for a, text in _outline(page).links
              if a.get("href", "").startswith("https://mybinder.org/")]
    assert len(badges) == 1
    attrs, text = badges[0]
    assert "binder" in text.lower() and "badge" in attrs.get("class", "")
    split = urlsplit(attrs["href"])
    assert split.path.startswith("/v2/")
    assert parse_qs(split.query) == {"urlpath": [f"lab/tree/notebooks/{FIRST}.ipynb"]}
    assert re.search(r"a\.badge\s*\{[^}]*background", page)  # styled by CSS, not an image


def test_page_loads_nothing_from_the_internet(page):
    assert remote_resources(page) == []
    assert not re.search(r"""\bsrc\s*=\s*["']?(https?:)?//""", page, re.I)
    assert not re.search(r"""<link\b[^>]*href\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "<img" not in page
