"""The pieces of a printed handout: key figures, timeline, claims, questions, sources.

A lesson's handout is made of its cells tagged ``handout`` (also in the lesson) and
``handout-only`` (only on paper); the build runs them, after the lesson's setup
cells and its ``parameters`` cell, once per phase. Those cells call these
functions, which keep a handout short: compact tables, at most a few rows, every
number computed from the course data. Each function remembers the sources behind
what it showed, and :func:`sources` (the handout's last cell) cites exactly those,
so the handout's Sources section lists what is on the page and nothing else.

Functions return IPython display objects; none calls ``display()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from IPython.display import Markdown

from . import data, explore
from .errors import UnknownChoiceError
from .phases import ALL, PHASE_IDS, check_phase, phase_table, phase_years

__all__ = [
    "brief",
    "claims",
    "key_figure",
    "key_figures",
    "phase_label",
    "questions",
    "short_url",
    "sources",
    "timeline",
    "years",
]

#: A dataset named in :func:`sources` with more sources than this is cited by name only.
MAX_DATASET_SOURCES = 6

#: Most rows a handout timeline shows.
TIMELINE_ROWS = 12

_used: dict[str, list[str]] = {"datasets": [], "sources": []}  # what this handout showed


def _use(datasets: Iterable[str] = (), source_ids: Iterable[str] = ()) -> None:
    for key, items in (("datasets", datasets), ("sources", source_ids)):
        for item in items:
            for part in str(item).split(";"):
                part = part.strip()
                if part and part not in _used[key]:
                    _used[key].append(part)


def _md(text: str) -> Markdown:
    return Markdown(text, metadata={"pakfp_course": {"handout": True}})


def _rows(ids: Sequence[str], known: Iterable[str], what: str) -> None:
    known = list(known)
    for item in ids:
        if item not in known:
            raise UnknownChoiceError(what, item, known)


def short_url(url: str, width: int = 48) -> str:
    """Return a URL as printed on paper: no scheme, no ``www.``, at most ``width`` characters."""
    text = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    return text if len(text) <= width else text[: width - 1] + "…"


def phase_label(phase: str) -> str:
    """Return a phase as a reader names it: ``Diverging interests, 2009-2016`` or ``all phases``."""
    check_phase(phase)
    if phase == ALL:
        return "all phases"
    return f"{phase_table().loc[phase, 'name']}, {phase_years(phase)}"


def years(phase: str) -> tuple[int, int]:
    """Return the first and last year of a phase (of every phase for ``all``), for a chart.

    A phase still open ("2017-present") ends at the course timeline's latest event,
    the last year the course has data for, not at today's date.
    """
    check_phase(phase)
    table = phase_table()
    rows = table if phase == ALL else table.loc[[phase]]
    end = rows["end_year"].dropna()
    if len(end) == len(rows):
        return int(rows["start_year"].min()), int(end.max())
    last = pd.to_datetime(data.load("events")["date"]).dt.year.max()
    return int(rows["start_year"].min()), int(last)


def brief(question: str, objectives: Sequence[str]) -> Markdown:
    """Return the handout's opening: the lesson's question and two or three objectives."""
    objectives = list(objectives)
    if not question.strip():
        raise ValueError("brief() needs the lesson's question")
    if not 1 <= len(objectives) <= 3:
        raise ValueError(f"a handout states 1 to 3 objectives; got {len(objectives)}")
    items = "\n".join(f"{i}. {text}" for i, text in enumerate(objectives, 1))
    return _md(f"**The question.** {question}\n\n**After this class you can:**\n\n{items}")


def _phase_facts(phase: str) -> tuple[explore.PhaseSummary, list[str]]:
    summary = explore.phase_summary(phase)
    if phase == "cold-war":
        datasets = ["phases", "aid_greenbook"]
    else:
        datasets = ["phases", "aid_crs", "drone_strikes", "cost_of_war"]
    sources = [phase_table().loc[phase, "source_id"]]
    for name in datasets[1:]:
        sources += list(data.load(name)["source_id"].dropna().unique())
    return summary, sources


def key_figure(phase: str) -> str:
    """Return the one figure that identifies a phase's handout: its US aid total, as printed."""
    check_phase(phase, allow_all=False)
    return explore.phase_summary(phase).facts[0]["value"]


def key_figures(phase: str) -> Markdown:
    """Return the phase's key figures (computed), or one row per phase for ``all``."""
    check_phase(phase)
    if phase != ALL:
        summary, sources = _phase_facts(phase)
        _use(["phases", *({"CRS": "aid_crs", "TBIJ": "drone_strikes",
                           "USAID Greenbook": "aid_greenbook"}.get(f["source"], "cost_of_war")
                          for f in summary.facts)], sources)
        rows = "\n".join(f"| {f['measure']} | {f['value']} | {f['source']} |"
                         for f in summary.facts)
        return _md(f"**Key figures: {phase_label(phase)}** ({len(summary.events)} events in "
                   f"the course timeline)\n\n| measure | value | source |\n|---|---|---|\n{rows}")
    lines = ["| phase | US aid | drone strikes | cost of the war to Pakistan |",
             "|---|---|---|---|"]
    for phase_id in PHASE_IDS:
        summary, sources = _phase_facts(phase_id)
        _use(["phases", "aid_greenbook" if phase_id == "cold-war" else "aid_crs"], sources)
        facts = {f["source"]: f["value"] for f in summary.facts}
        aid = summary.facts[0]["value"]
        drones = facts.get("TBIJ", "n/a (before 2004)")
        cost = next((f["value"] for f in summary.facts if f["source"].startswith("Pakistan")),
                    "n/a")
        lines.append(f"| {summary.name} ({phase_years(phase_id)}) | {aid} | {drones} | {cost} |")
    if any("TBIJ" in {f["source"] for f in explore.phase_summary(p).facts} for p in PHASE_IDS):
        _use(["drone_strikes", "cost_of_war"],
             [*data.load("drone_strikes")["source_id"].unique(),
              *data.load("cost_of_war")["source_id"].unique()])
    note = ("US aid: Greenbook obligations FY1948-FY2000 for the Cold War; CRS appropriations "
            "incl. Coalition Support Funds from FY2002.")
    return _md("**Key figures, phase by phase**\n\n" + "\n".join(lines) + f"\n\n*{note}*")


def _spread(events: pd.DataFrame, limit: int) -> pd.DataFrame:
    """Return at most ``limit`` events taken in turn from each phase, earliest first."""
    queues = [list(explore.chronological(group)["event_id"])
              for _, group in events.groupby("phase", sort=False)]
    picked: list[str] = []
    while len(picked) < limit and any(queues):
        for queue in queues:
            if queue and len(picked) < limit:
                picked.append(queue.pop(0))
    return events[events["event_id"].isin(picked)]


def timeline(phase: str, ids: Sequence[str] = (), *, limit: int = TIMELINE_ROWS) -> Markdown:
    """Return a compact timeline: date, id and title of the phase's events.

    ``ids`` are the events the lesson wants on paper (any phase; those outside
    ``phase`` are left out); without them, or when none of them falls in ``phase``,
    the phase's own events in timeline order (a lesson lists its events once for
    every phase, and a phase it did not pick still gets a timeline).
    At most ``limit`` rows (for ``all``, shared out among the phases so each is
    represented); the line below says how many more the timeline holds.
    """
    check_phase(phase)
    if limit < 1:
        raise ValueError(f"limit must be 1 or more, got {limit}")
    events = data.load("events")
    _rows(ids, events["event_id"], "event id")
    pool = events if phase == ALL else events[events["phase"] == phase]
    chosen = pool[pool["event_id"].isin(ids)] if ids else pool
    if chosen.empty:
        chosen = pool
    if phase == ALL and len(chosen) > limit:
        chosen = _spread(chosen, limit)
    rows = explore.chronological(chosen).head(limit)
    _use(["events"], rows["source_id"])
    body = "\n".join(f"| {explore.approximate_date(r)} | {r['event_id']} | {r['title']} |"
                     for _, r in rows.iterrows())
    more = len(pool) - len(rows)
    tail = (f"\n\n*{more} more events of {'these phases' if phase == ALL else 'this phase'} "
            "are in the course timeline (`events`).*") if more > 0 else ""
    return _md(f"**Timeline: {phase_label(phase)}**\n\n| date | id | event |\n|---|---|---|\n"
               f"{body}{tail}")


def claims(by_phase: Mapping[str, Sequence[str]], phase: str) -> Markdown:
    """Return the papers' claims the lesson tests for ``phase``, with their verdicts.

    ``by_phase`` maps a phase id (or ``all``) to claim ids; a phase without its own
    list gets the ``all`` list. The verdict is printed as a word, never as a colour.
    """
    check_phase(phase)
    for key in by_phase:
        check_phase(key)
    ids = list(by_phase.get(phase) or by_phase.get(ALL) or [])
    if not ids:
        raise ValueError(f"no claims chosen for phase {phase!r} and no 'all' list")
    table = data.load("claims").set_index("claim_id")
    _rows(ids, table.index, "claim id")
    _use(["claims"], [table.loc[i, "source_id"] for i in ids])
    rows = "\n".join(
        f"| {i} | {table.loc[i, 'paper_id']} | {table.loc[i, 'claim']} | "
        f"**{table.loc[i, 'verdict'].replace('_', ' ')}** |" for i in ids)
    return _md("**The papers' claims, checked**\n\n| id | paper | claim | verdict |\n"
               f"|---|---|---|---|\n{rows}")


def questions(items: Sequence[str]) -> Markdown:
    """Return two or three questions to prepare (no answers: those stay with the lecturer)."""
    items = [q.strip() for q in items]
    if not 2 <= len(items) <= 3 or not all(items):
        raise ValueError(f"a handout asks 2 or 3 questions; got {len(items)}")
    body = "\n".join(f"{i}. {q}" for i, q in enumerate(items, 1))
    return _md(f"**To prepare for class**\n\n{body}")


def sources(datasets: Sequence[str] = (), extra: Sequence[str] = ()) -> Markdown:
    """Return the handout's Sources: what the handout's own pieces showed, and more.

    ``datasets`` adds the datasets behind the handout's charts (cited with their
    source ids); ``extra`` adds source ids (a paper quoted on the page).
    """
    table = data.load("sources").set_index("source_id")
    _rows(list(extra), table.index, "source_id")
    chosen = []
    for name in datasets:
        frame = data.load(name)  # raises naming the valid datasets
        cells = frame["source_id"].dropna() if "source_id" in frame else []
        ids = list(dict.fromkeys(p.strip() for c in cells for p in str(c).split(";")
                                 if p.strip()))
        chosen.append((name, ids))
    for name, ids in chosen:  # every argument checked: now record them
        # a dataset with many row-level sources (events, claims) is named, not listed whole
        _use([name], ids if len(ids) <= MAX_DATASET_SOURCES else ())
    _use((), extra)
    used_data = list(_used["datasets"])
    ids = [s for s in _used["sources"] if s in table.index]
    if not used_data and not ids:
        raise ValueError("sources() found nothing to cite: call it last, after the handout's "
                         "other pieces, or name the datasets behind its charts")
    named = f"({', '.join(f'`{d}`' for d in used_data)}; " if used_data else "("
    lines = [f"**Sources.** Figures, dates and verdicts are computed from the course's datasets "
             f"{named}pakfp_course, CC BY 4.0), which rest on these sources:", ""]
    for sid in ids:
        url = table.loc[sid, "url"]
        links = [u for u in re.split(r"[\s;]+", str(url)) if data.is_url(u)]
        link = "".join(f" [{short_url(u)}]({u})" for u in links)
        lines.append(f"- {table.loc[sid, 'citation']}.{link} ({sid})")
    meta = {"pakfp_course": {"handout": True, "datasets": used_data, "extra_sources": ids,
                             "handout_sources": True}}
    _used["datasets"].clear()
    _used["sources"].clear()
    return Markdown("\n".join(lines), metadata=meta)

