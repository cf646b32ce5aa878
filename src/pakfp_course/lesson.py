"""Small helpers the lesson notebooks call: parameters, phase boxes, numbers, sources.

Lessons stay thin: they call these (and :mod:`~pakfp_course.plots`,
:mod:`~pakfp_course.widgets`, :mod:`~pakfp_course.quiz`) instead of computing or
formatting in the notebook. Functions return IPython display objects (the last
expression of a cell shows them); none calls ``display()``.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from . import data, explore
from .errors import UnknownChoiceError
from .explore import usd_bn, usd_m
from .phases import ALL, PHASE_IDS, check_phase, phase_years

__all__ = [
    "AUDIENCES",
    "LessonParameters",
    "check_parameters",
    "claim_cards",
    "enable_alt_text",
    "event_list",
    "further_reading",
    "markdown",
    "md_table",
    "phase_box",
    "phases_of",
    "reading_list",
    "sources",
    "usd_bn",
    "usd_m",
]

#: Values of the ``audience`` lesson parameter.
AUDIENCES: tuple[str, ...] = ("student", "instructor")


@dataclass(frozen=True)
class LessonParameters:
    """A lesson's checked parameters."""

    phase: str
    audience: str

    @property
    def instructor(self) -> bool:
        """True when the lesson is rendered for the lecturer."""
        return self.audience == "instructor"


def check_parameters(phase: str = ALL, audience: str = "student") -> LessonParameters:
    """Check the values of a lesson's ``parameters`` cell; raise naming the valid ones."""
    check_phase(phase)
    if audience not in AUDIENCES:
        raise UnknownChoiceError("audience", audience, AUDIENCES)
    return LessonParameters(phase, audience)


def phases_of(phase: str, *, post_2001: bool = False) -> list[str]:
    """Return the phase ids a ``phase`` parameter selects (``"all"`` selects every one)."""
    check_phase(phase)
    ids = list(PHASE_IDS[1:] if post_2001 else PHASE_IDS)
    return ids if phase == ALL else [phase]


def markdown(text: str, metadata: dict | None = None) -> Markdown:
    """Return Markdown with dollar signs escaped, so ``US$ 1 ... US$ 2`` is not read as maths."""
    return Markdown(text.replace("\\$", "$").replace("$", "\\$"), metadata=metadata)


def phase_box(phase: str) -> Markdown:
    """Return the key figures of the selected phase(s), computed from the data."""
    parts = []
    for phase_id in phases_of(phase):
        s = explore.phase_summary(phase_id)
        facts = "\n".join(f"| {f['measure']} | {f['value']} | {f['source']} |" for f in s.facts)
        parts.append(
            f"**{s.name}** (`{phase_id}`, {phase_years(phase_id)}): {len(s.events)} "
            f"events in the course timeline.\n\n| measure | value | source |\n|---|---|---|\n"
            f"{facts}\n"
        )
    return markdown("\n".join(parts))


def sources(datasets: Iterable[str], extra: Iterable[str] = ()) -> Markdown:
    """Return a lesson's Sources section: every dataset's citations, then extra sources.

    Parameters
    ----------
    datasets
        The datasets the lesson used; each is cited with :func:`pakfp_course.cite`.
    extra
        Further source ids (e.g. the theory taught: ``"WALT_1987"``), cited in full.
    """
    blocks = []
    datasets = list(datasets)
    for name in datasets:
        lines = data.cite(name).splitlines()
        blocks.append(f"**{lines[0]}**\n\n" + "\n".join(f"- {line}" for line in lines[1:]))
    extra = list(extra)
    if extra:
        table = data.load("sources").set_index("source_id")
        missing = [s for s in extra if s not in table.index]
        if missing:
            raise UnknownChoiceError("source_id", missing[0], list(table.index))
        items = []
        for sid in extra:
            url = table.loc[sid, "url"]
            link = f" <{url}>" if data.is_url(url) else ""
            items.append(f"- {table.loc[sid, 'citation']}.{link} ({sid})")
        blocks.append("**Further sources cited in this lesson**\n\n" + "\n".join(items))
    # The build reads this metadata to print the same sources in a handout's footer.
    used = {"pakfp_course": {"datasets": list(datasets), "extra_sources": extra}}
    return markdown("\n\n".join(blocks), metadata=used)


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def md_table(frame: pd.DataFrame, columns: dict[str, str] | Iterable[str] | None = None
             ) -> Markdown:
    """Return rows of a frame as a Markdown table (no index; ``|`` escaped; ``$`` escaped).

    Parameters
    ----------
    frame
        The rows to show.
    columns
        Columns to show, in order: a list, or a dict of column name to header.
    """
    if columns is None:
        columns = list(frame.columns)
    names = dict(columns) if isinstance(columns, dict) else {c: c for c in columns}
    missing = [c for c in names if c not in frame.columns]
    if missing:
        raise UnknownChoiceError("column", missing[0], [str(c) for c in frame.columns])
    head = "| " + " | ".join(names.values()) + " |\n|" + "---|" * len(names)
    body = ["| " + " | ".join(_cell(v) for v in row) + " |"
            for row in frame[list(names)].astype(object).itertuples(index=False)]
    return markdown("\n".join([head, *body]))


def claim_cards(ids: Iterable[str], *, sources: bool = True) -> Markdown:
    """Return checked claims as cards: paper, section, exact quote, verdict, evidence, sources."""
    claims = data.load("claims").set_index("claim_id")
    cards = []
    for claim_id in ids:
        if claim_id not in claims.index:
            raise UnknownChoiceError("claim id", claim_id, list(claims.index))
        c = claims.loc[claim_id]
        cite = f" *(sources: {c['source_id'].replace(';', ', ')})*" if sources else ""
        cards.append(
            f"**{claim_id}** · {c['paper_id']} §{c['section']} · verdict: "
            f"**{c['verdict'].replace('_', ' ')}**\n\n> {c['quote']}\n\n"
            f"*Evidence:* {c['evidence_note']}{cite}"
        )
    return markdown("\n\n---\n\n".join(cards))


def event_list(ids: Iterable[str]) -> Markdown:
    """Return events as a dated list in timeline order: id, date, title, description.

    Events are ordered by :func:`pakfp_course.explore.chronological` (an event known
    only to the month or year at the end of its span); the date says when the day
    or month is unknown.
    """
    events = data.load("events")
    ids = list(ids)
    for event_id in ids:
        if event_id not in set(events["event_id"]):
            raise UnknownChoiceError("event id", event_id, list(events["event_id"]))
    rows = explore.chronological(events[events["event_id"].isin(ids)])
    return markdown("\n".join(
        f"- **{r['event_id']}** ({explore.approximate_date(r)}) **{r['title']}**: "
        f"{r['description']}" for _, r in rows.iterrows()))


def _reading(r: pd.Series) -> str:
    ident = f", {r['identifier']}" if isinstance(r["identifier"], str) and r["identifier"] else ""
    authors = r["author"].replace(";", " and")
    return (f"- {authors} ({r['year']}), *{r['title']}*, {r['publisher_or_journal']}{ident}. "
            f"**Perspective:** {r['perspective']}. *Topic:* {r['topic']}. ({r['reading_id']})")


def further_reading(ids: Iterable[str], *, why: dict[str, str] | None = None) -> Markdown:
    """Return a lesson's Further reading: the chosen ``readings`` with each one's perspective.

    Parameters
    ----------
    ids
        Reading ids (``"RD01"`` ...), in the order to list them.
    why
        Optional note per id on what to read it for, appended to its entry.
    """
    table = data.load("readings").set_index("reading_id", drop=False)
    why = why or {}
    items = []
    for reading_id in ids:
        if reading_id not in table.index:
            raise UnknownChoiceError("reading id", reading_id, list(table.index))
        note = f" {why[reading_id]}" if reading_id in why else ""
        items.append(_reading(table.loc[reading_id]) + note)
    unknown = set(why) - set(ids)
    if unknown:
        raise UnknownChoiceError("reading id in why", sorted(unknown)[0], list(ids))
    return markdown("\n".join(items))


def reading_list() -> Markdown:
    """Return the course reading list: every reading, grouped by perspective."""
    table = data.load("readings")
    parts = []
    for perspective, rows in table.groupby(table["perspective"].str.split(" ").str[0],
                                           sort=True):
        parts.append(f"**{perspective}**\n\n" + "\n".join(_reading(r)
                                                          for _, r in rows.iterrows()))
    return markdown("\n\n".join(parts))


def enable_alt_text() -> None:
    """Give the course's charts their alt text in notebook outputs (call once per lesson).

    Registers, in the running IPython only, a PNG formatter for matplotlib
    figures that adds each chart's alt text (what it shows, recorded by
    :mod:`pakfp_course.plots`) to the output's metadata, so HTML exports, slides
    and screen readers get it. Outside IPython it does nothing.
    """
    from IPython import get_ipython

    ip = get_ipython()
    if ip is None:
        return
    # the inline backend installs its own PNG formatter when it loads: load it first
    with contextlib.suppress(ImportError):
        import matplotlib_inline.backend_inline  # noqa: F401
    from matplotlib.figure import Figure

    from .style import get_alt

    def png_with_alt(fig: Figure) -> tuple[bytes, dict[str, str]] | bytes:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight")  # as the inline backend does
        png = buf.getvalue()
        alts = []
        for ax in fig.axes:
            try:
                alts.append(get_alt(ax))
            except LookupError:
                continue
        return (png, {"alt": " ".join(alts)}) if alts else png

    ip.display_formatter.formatters["image/png"].for_type(Figure, png_with_alt)

