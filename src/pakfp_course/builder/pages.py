"""The course website's own pages, written as MyST Markdown for Sphinx.

Each function returns the text of one page (home, syllabus, reading list, data
catalogue, glossary, "Run it"), computed from the lessons and the course data,
so the site says what the lessons and the data say. ``lesson_outline`` reads a
lesson's title, summary, objectives, time and first reading from its Markdown;
``link_terms`` links a lesson's first use of each glossary term.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..hub import binder_link, hub_link, lesson_ids
from ..publish import STUDENT_BRANCH

__all__ = [
    "HUB_PLACEHOLDER",
    "GlossaryTerm",
    "LessonOutline",
    "data_index_page",
    "dataset_page",
    "glossary_page",
    "home_page",
    "lesson_outline",
    "link_terms",
    "readings_page",
    "run_it_markdown",
    "syllabus_page",
    "term_label",
]

#: The hub address the "Run it" text shows in its link template.
HUB_PLACEHOLDER = "https://YOUR-HUB"


@dataclass
class LessonOutline:
    """What the syllabus says about one lesson, read from its Markdown cells."""

    name: str
    title: str
    summary: str = ""
    objectives: list[str] = field(default_factory=list)
    minutes: str = ""
    read_first: str = ""

    @property
    def number(self) -> str:
        """The lesson's two-digit number."""
        return self.name.split("_", 1)[0]


@dataclass(frozen=True)
class GlossaryTerm:
    """One glossary entry: its id, display form, definition, aliases and source."""

    term_id: str
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    lessons: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    source_id: str = ""


def _sections(markdown_cells: Sequence[str]) -> dict[str, str]:
    """Return the lesson's level-2 sections by heading (lowercase), each to its cell's end."""
    found: dict[str, str] = {}
    for text in markdown_cells:
        for part in re.split(r"^(?=## )", text, flags=re.M)[1:]:
            head, _, body = part.partition("\n")
            found.setdefault(head[3:].strip().lower(), body.strip())
    return found


def _find(sections: Mapping[str, str], start: str) -> tuple[str, str]:
    for head, body in sections.items():
        if head.startswith(start):
            return head, body
    return "", ""


def lesson_outline(name: str, markdown_cells: Sequence[str]) -> LessonOutline:
    """Return a lesson's outline from its Markdown cells, in lesson order."""
    title = name
    summary = ""
    if markdown_cells and markdown_cells[0].startswith("# "):
        head, _, rest = markdown_cells[0].partition("\n")
        title = head[2:].strip()
        summary = rest.strip().split("\n\n")[0].replace("\n", " ")
    outline = LessonOutline(name, title, summary)
    sections = _sections(markdown_cells)
    objectives = _find(sections, "learning objectives")[1]
    outline.objectives = [re.sub(r"\s+", " ", m.group(1)).strip() for m in re.finditer(
        r"^\d+\.\s+(.*(?:\n(?!\d+\.\s)[ \t]+.*)*)", objectives, flags=re.M)]
    head, body = _find(sections, "estimated time")
    found = re.search(r"(\d+(?:–\d+)?)\s*minutes", f"{head}\n{body}")
    outline.minutes = f"{found.group(1)} minutes" if found else ""
    outline.read_first = _find(sections, "read first")[1]
    return outline


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def home_page(outlines: Sequence[LessonOutline], *, title: str) -> str:
    """Return the home page: what the course is, for whom, how to use it, the lessons."""
    rows = "\n".join(f"| [{o.number}](lessons/{o.name}.ipynb) | {_cell(o.title)} | "
                     f"{_cell(o.minutes)} |" for o in outlines)
    return f"""# {title}

An open course for undergraduates in international relations. It follows Pakistan's relations
with the United States and China from the Cold War to the present through three recent papers,
and tests their arguments against sourced data: US aid, the cost of the war, drone strikes,
casualty counts, arms imports, CPEC and a timeline of events. Every number in the course can be
traced to a source.

**For whom.** Students read the lessons here and work through them in JupyterLab, where the
explorers answer and the exercises run; no Python is needed beyond running cells. Lecturers
find the {len(outlines)} lessons as a schedule in the [syllabus](syllabus.md), with slides and
printable handouts linked from each lesson. [Run it](run-it.md) says how a class opens the
course with one link each.

**How to use this site.** Each lesson page shows the lesson as it runs, with its charts and
explorers; the explorers' controls need a running lesson (JupyterLab) to redraw, and their
pictures show the saved state. The [reading list](readings.md) groups the scholarship by
perspective, the [data catalogue](data/index.md) describes every dataset with its fields,
caveats and sources (each with a CSV download), and the [glossary](glossary.md) defines the
course's terms. The site works offline, search included.

## The lessons

| lesson | title | time |
|---|---|---|
{rows}

```{{toctree}}
:hidden:
:caption: Course

syllabus
run-it
```

```{{toctree}}
:hidden:
:caption: Lessons

{chr(10).join(f"lessons/{o.name}" for o in outlines)}
```

```{{toctree}}
:hidden:
:caption: Reference

readings
glossary
data/index
```
"""


def syllabus_page(outlines: Sequence[LessonOutline]) -> str:
    """Return the syllabus: a schedule table, then each lesson's objectives and reading."""
    rows = "\n".join(
        f"| {i} | [{_cell(o.title)}](lessons/{o.name}.ipynb) | {_cell(o.minutes)} |"
        for i, o in enumerate(outlines, start=1))
    parts = [f"""# Syllabus

{len(outlines)} lessons, one per class of an hour to an hour and a half. Each lesson states its
time part by part; the table is a schedule to paste into a course page, one class a week.

| class | lesson | time |
|---|---|---|
{rows}
"""]
    for i, o in enumerate(outlines, start=1):
        objectives = "\n".join(f"{n}. {text}" for n, text in enumerate(o.objectives, start=1))
        parts.append(f"""## Class {i}: {o.title}

{o.summary}

**Time:** {o.minutes or "see the lesson"}. [Open the lesson](lessons/{o.name}.ipynb).

**Objectives.** By the end of the class students can:

{objectives}

**Read first.**

{o.read_first}
""")
    return "\n".join(parts)


def readings_page(reading_list: str) -> str:
    """Return the reading list page around ``lesson.reading_list()``'s Markdown."""
    return f"""# Reading list

The scholarship the lessons set beside the three papers, grouped by the author's perspective,
so students can read each argument against where it comes from. Each lesson's *Further
reading* picks from this list; the `readings` dataset holds it with its sources.

{reading_list}
"""


def _rows(csv_path: Path) -> int:
    with open(csv_path, newline="", encoding="utf-8") as fh:
        return max(0, sum(1 for _ in csv.reader(fh)) - 1)


def dataset_page(resource: Mapping, csv_path: Path) -> str:
    """Return one dataset's catalogue page: description, fields, caveats, sources, download."""
    name = resource["name"]
    fields = resource.get("schema", {}).get("fields", [])
    table = "\n".join(
        f"| `{f['name']}` | {f.get('type', '')} | {_cell(f.get('unit', '')) or '—'} | "
        f"{_cell(f.get('description', ''))} |" for f in fields)
    caveats = "\n".join(f"- {c}" for c in resource.get("caveats", [])) or "- None recorded."
    sources = "\n".join(f"- {s.get('title', '')} (`{s.get('source_id', '')}`)"
                        for s in resource.get("sources", [])) or "- See the rows' `source_id`."
    key = resource.get("schema", {}).get("primaryKey")
    key_text = ", ".join(f"`{k}`" for k in ([key] if isinstance(key, str) else key or []))
    return f"""---
orphan: true
---

# {resource.get('title', name)}

`{name}`: {resource.get('description', '')}

{{download}}`Download {name}.csv <{csv_path.name}>` ({_rows(csv_path)} rows,
{csv_path.stat().st_size:,} bytes; UTF-8 CSV). In Python: `pakfp_course.load("{name}")`.

## Fields

| field | type | unit | description |
|---|---|---|---|
{table}

{f"Each row is identified by {key_text}." if key_text else ""}

## Caveats

{caveats}

## Sources

{sources}
"""


def data_index_page(resources: Sequence[Mapping]) -> str:
    """Return the data catalogue's front page: every dataset with its title."""
    rows = "\n".join(f"| [`{r['name']}`]({r['name']}.md) | {_cell(r.get('title', ''))} |"
                     for r in resources)
    return f"""# Data catalogue

Every number in the course comes from these datasets (a Frictionless data package,
`course_data/`). Every row carries a `source_id` that resolves to a full citation in the
`sources` dataset; totals are computed in code, never stored. Each page gives a dataset's
fields with their units, the caveats to keep in mind, its sources and a CSV download.

| dataset | what it holds |
|---|---|
{rows}
"""


def term_label(term_id: str) -> str:
    """Return the cross-reference label of a glossary term."""
    return f"glossary-{term_id}"


def glossary_page(terms: Sequence[GlossaryTerm], lesson_titles: Mapping[str, str],
                  citations: Mapping[str, str]) -> str:
    """Return the glossary: each term with its definition, lessons, related terms, source."""
    from ..data import split_ids  # (pandas: only when the site is built)

    by_id = {t.term_id: t for t in terms}
    parts = ["""# Glossary

The course's key terms. Each lesson links the first place it uses a term to its entry here.
Where scholars define a term differently, the entry says whose definition it gives.
"""]
    for t in sorted(terms, key=lambda t: t.term.lower()):
        lessons = ", ".join(f"[{lesson_titles.get(n, n)}](lessons/{n}.ipynb)"
                            for n in t.lessons if n in lesson_titles)
        see = ", ".join(f"{{ref}}`{by_id[s].term} <{term_label(s)}>`"
                        for s in t.see_also if s in by_id)
        ids = split_ids(t.source_id)
        source = "; ".join(f"{citations.get(i, i)} (`{i}`)" for i in ids)
        lines = [f"({term_label(t.term_id)})=", f"## {t.term}", "", t.definition, ""]
        if lessons:
            lines += [f"**In the lessons:** {lessons}.", ""]
        if see:
            lines += [f"**See also:** {see}.", ""]
        lines += [f"*{'Sources' if len(ids) > 1 else 'Source'}:* {source}", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


_PROTECTED = re.compile(
    r"(`[^`]*`"                     # code spans
    r"|\{[a-z]+\}`[^`]*`"           # roles
    r"|!?\[[^\]]*\]\([^)]*\)"       # links and images
    r"|<[^>]+>"                     # HTML tags
    r"|https?://\S+"                # addresses
    r"|§[^,;.)\n]*)")               # a paper's section title


def link_terms(text: str, terms: Iterable[GlossaryTerm], linked: set[str]) -> str:
    """Link the first use of each glossary term in ``text`` to its glossary entry.

    ``linked`` holds the ids already linked on this page; it is updated. Headings,
    code, links, roles and HTML are left alone; an alias matches as a whole word
    (acronyms case-sensitively, other words in any case).
    """
    lines = text.split("\n")
    fenced = False
    for term in terms:
        if term.term_id in linked:
            continue
        aliases = sorted((a for a in term.aliases if a), key=len, reverse=True)
        if not aliases:
            continue
        pattern = re.compile("|".join(
            (rf"(?<![\w-]){re.escape(a)}(?![\w-])" if a.isupper() else
             rf"(?i:(?<![\w-]){re.escape(a)}(?![\w-]))") for a in aliases))
        for i, line in enumerate(lines):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            if fenced or line.lstrip().startswith(("#", ":::", "```")) or re.match(
                    r"\s*\([\w-]+\)=\s*$", line):  # headings, fences, MyST labels
                continue
            pieces = _PROTECTED.split(line)
            for j in range(0, len(pieces), 2):  # even pieces are plain text
                found = pattern.search(pieces[j])
                if found:
                    word = found.group(0)
                    ref = f"{{ref}}`{word} <{term_label(term.term_id)}>`"
                    pieces[j] = pieces[j][:found.start()] + ref + pieces[j][found.end():]
                    lines[i] = "".join(pieces)
                    linked.add(term.term_id)
                    break
            if term.term_id in linked:
                break
        fenced = False
    return "\n".join(lines)


def run_it_markdown() -> str:
    """Return "Run it": on a university JupyterHub, on Binder, on your own computer."""
    first = lesson_ids()[0]
    template = hub_link(HUB_PLACEHOLDER, branch=STUDENT_BRANCH, lesson=first)
    return f"""# Run it

## On your university's JupyterHub

Students click a link, log in, and JupyterLab opens on the lesson: the hub pulls the course into
their home folder with nbgitpuller, and later updates merge without overwriting their edits.
The link for lesson {first[:2]}, with your hub's address in place of `{HUB_PLACEHOLDER}`:

```text
{template}
```

The links pull the `{STUDENT_BRANCH}` branch: the lessons without their model answers,
published from the course's `main` branch with

```bash
pakfp-course student-branch && git push origin {STUDENT_BRANCH}
```

A lecturer prints every lesson's link, as a table to paste into the course page, with

```bash
pakfp-course hub-link --hub {HUB_PLACEHOLDER} --branch {STUDENT_BRANCH} --all
```

Setting up the hub, what students see and how updates reach them: the lecturer's guide,
`docs/lecturer-guide.md` in the course repository.

## On Binder

No account and nothing to install, for a try-out or a small group (a Binder session is
temporary: download your work before you leave):
[launch lesson {first[:2]} on Binder]({binder_link(lesson=first)}).

## On your own computer

In a copy of the course repository, with Python 3.10 or newer:

```bash
python -m pip install -e .
pakfp-course lab
```
"""
