"""Interactive explorers for the lessons.

Each builder returns an :class:`~pakfp_course.display.Explorer` (it never calls
``display()``); the logic behind each control is a plain function in
:mod:`pakfp_course.explore`, tested without a kernel. Every explorer carries a
static picture with alt text, so it survives HTML, slides and PDF.

Every control is a native form element with a visible label (a ``<select>``, a
radio group, a checkbox), which screen readers name and the keyboard operates:
ipywidgets' sliders draw ``role="slider"`` handles that no label names and its
toggle buttons show which one is chosen by colour alone, so the explorers use
neither (years are chosen with :class:`YearRange`, two dropdowns). Several
choices at once are checkboxes (:class:`Choices`), not a multiple-selection list,
whose arrow keys JupyterLab takes for moving between cells.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd
import traitlets

from . import explore, plots, style
from .canvas import ReusableFigure
from .display import Explorer, Snapshot, html_table
from .ledger import AID_ESTIMATES, COST_ESTIMATES, LIVES_ESTIMATES
from .phases import PHASE_IDS, check_phase

__all__ = [
    "Choices",
    "YearRange",
    "aid_explorer",
    "bandwagon_ledger",
    "claim_checker",
    "militancy_explorer",
    "phase_explorer",
    "rsct_explorer",
    "timeline_explorer",
]

_WIDE = w.Layout(width="auto")


def _snapshot(canvas: ReusableFigure, fig_draw, alt: str, summary: str, caption: str,
              **margins: float) -> Snapshot:
    return Snapshot(canvas.png(fig_draw, **margins), alt, summary, caption)


def _dropdown(options, value, description: str) -> w.Dropdown:
    return w.Dropdown(options=options, value=value, description=description,
                      style={"description_width": "initial"}, layout=_WIDE)


def _choice(options, value, description: str) -> w.RadioButtons:
    """Return a labelled row of radio buttons: the choice is a checked radio, not a colour."""
    return w.RadioButtons(options=options, value=value, description=description,
                          orientation="horizontal", style={"description_width": "initial"},
                          layout=_WIDE)


class Choices(w.HBox):
    """Several choices at once, as one labelled checkbox per option.

    ``value`` is the tuple of the chosen options' values, in option order, like a
    :class:`ipywidgets.SelectMultiple`'s, and it changes once per tick or untick
    (or per assignment). A checkbox is named by its label, shows its state in
    more than colour and ticks with the space bar, in JupyterLab as in the built
    pages.
    """

    value = traitlets.Tuple()

    def __init__(self, options, value, description: str, **kwargs: Any) -> None:
        pairs = [(o, o) if isinstance(o, str) else tuple(o) for o in options]
        chosen = set(value)
        self.boxes = {key: w.Checkbox(value=key in chosen, description=label, indent=False,
                                      layout=_WIDE) for label, key in pairs}
        self._syncing = False
        kwargs.setdefault("layout", w.Layout(flex_flow="row wrap", align_items="center"))
        super().__init__(children=[w.Label(f"{description}:"), *self.boxes.values()],
                         **kwargs)
        self.value = tuple(key for key in self.boxes if key in chosen)
        for box in self.boxes.values():
            box.observe(self._ticked, names="value")
        self.observe(self._set, names="value")

    @traitlets.validate("value")
    def _valid(self, proposal: dict[str, Any]) -> tuple[Any, ...]:
        wanted = set(proposal["value"])
        unknown = wanted - set(self.boxes)
        if unknown:
            raise traitlets.TraitError(f"unknown choice(s) {sorted(unknown)}; valid choices: "
                                       f"{list(self.boxes)}")
        return tuple(key for key in self.boxes if key in wanted)

    def _ticked(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.value = tuple(key for key, box in self.boxes.items() if box.value)

    def _set(self, change: dict[str, Any]) -> None:  # set from Python: show it
        self._syncing = True
        try:
            for key, box in self.boxes.items():
                box.value = key in change["new"]
        finally:
            self._syncing = False


class YearRange(w.HBox):
    """A range of years from ``first`` to ``last`` as two labelled dropdowns, "from" and "to".

    ``value`` is ``(start, end)``, like an :class:`ipywidgets.IntRangeSlider`'s,
    and it changes once per choice; choosing a start after the end (or an end
    before the start) moves the other year along, so the range is never empty.
    Unlike a slider's handles, each ``<select>`` is named by its label and works
    with the arrow keys.
    """

    value = traitlets.Tuple(traitlets.Int(), traitlets.Int())

    def __init__(self, value: tuple[int, int], first: int, last: int,
                 description: str = "Years", **kwargs: Any) -> None:
        years = list(range(first, last + 1))
        look = {"style": {"description_width": "initial"}, "layout": _WIDE}
        self.start = w.Dropdown(options=years, value=value[0],
                                description=f"{description} from", **look)
        self.end = w.Dropdown(options=years, value=value[1], description="to", **look)
        self._syncing = False
        super().__init__(children=[self.start, self.end], **kwargs)
        self.value = (self.start.value, self.end.value)
        self.start.observe(self._picked, names="value")
        self.end.observe(self._picked, names="value")
        self.observe(self._set, names="value")

    @traitlets.validate("value")
    def _valid(self, proposal: dict[str, Any]) -> tuple[int, int]:
        start, end = proposal["value"]
        if start > end:
            raise traitlets.TraitError(f"empty year range {start}-{end}: the start must not "
                                       "be after the end")
        return start, end

    def _picked(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        start, end = self.start.value, self.end.value
        if start > end:  # the other year follows
            self._syncing = True
            try:
                if change["owner"] is self.start:
                    self.end.value = end = start
                else:
                    self.start.value = start = end
            finally:
                self._syncing = False
        self.value = (start, end)

    def _set(self, change: dict[str, Any]) -> None:  # set from Python: show it
        self._syncing = True
        try:
            self.start.value, self.end.value = change["new"]
        finally:
            self._syncing = False


# ------------------------------------------------------------------ phases
def phase_explorer(phase: str = "2001-2008") -> Explorer:
    """Choose a phase: key events, US aid, drone strikes and cost of war for it."""
    check_phase(phase, allow_all=False)
    choose = _dropdown(list(PHASE_IDS), phase, "Phase")
    table, canvas = w.HTML(), ReusableFigure()

    def update(s: explore.PhaseSummary) -> None:
        rows = s.events.assign(date=explore.approximate_dates(s.events)).to_dict("records")
        table.value = (  # no headings: they would not fit the lesson's outline
            f"<p><strong>{html.escape(s.name)} ({html.escape(s.phase)})</strong></p>"
            f"<p>{html.escape(s.description)}</p>"
            + html_table(s.facts, ["measure", "value", "source"])
            + html_table(rows, ["date", "title", "category"], caption="Key events")
        )

    def render(s: explore.PhaseSummary) -> Snapshot:
        return _snapshot(canvas, lambda ax: plots.phase_totals(s.phase, ax=ax), s.alt, s.text,
                         f"Phase {s.phase}: {s.name}")

    return Explorer([choose], lambda: explore.phase_summary(choose.value), render,
                    extra=[table], update=update)


# ---------------------------------------------------------------- timeline
def timeline_explorer(start: int = 1947, end: int = 2025,
                      categories: tuple[str, ...] | None = None) -> Explorer:
    """Filter events by year range and category: a timeline chart and an event list."""
    all_categories = explore.event_categories()
    chosen = explore.check_categories(categories or all_categories)
    explore.check_year_range(start, end)
    years = YearRange((start, end), 1947, 2025)
    cats = Choices([(c.replace("_", " "), c) for c in all_categories], chosen, "Categories")
    table = w.HTML()
    canvas = ReusableFigure(margins={**style.WIDGET_MARGINS, "left": 0.2})  # category names

    def current() -> pd.DataFrame:
        return explore.filter_events(years.value[0], years.value[1], cats.value)

    def update(events: pd.DataFrame) -> None:
        rows = events.assign(date=explore.approximate_dates(events)).to_dict("records")
        table.value = f"<p>{len(events)} events</p>" + html_table(
            rows, ["date", "title", "category", "description"])

    def render(events: pd.DataFrame) -> Snapshot:
        alt = explore.timeline_alt(events, years.value[0], years.value[1])
        return _snapshot(
            canvas, lambda ax: plots.timeline(events, categories=list(cats.value) or None,
                                              start=years.value[0], end=years.value[1], ax=ax),
            alt, alt, f"Events {years.value[0]}-{years.value[1]}")

    return Explorer([years, cats], current, render, extra=[table], update=update)


# --------------------------------------------------------------------- aid
def aid_explorer() -> Explorer:
    """Toggle aid components, CRS vs Greenbook, current vs constant dollars."""
    source = _choice([("CRS appropriations", "crs"), ("Greenbook obligations", "greenbook")],
                     "crs", "Source")
    comps = [w.Checkbox(value=True, description=c, indent=False, layout=_WIDE)
             for c in explore.AID_COMPONENTS]
    dollars = _choice([("current US$", "current"), ("constant 2019 US$", "constant")],
                      "current", "Dollars")
    note, canvas = w.HTML(), ReusableFigure()

    def state() -> explore.AidView:
        chosen = tuple(c.description for c in comps if c.value)
        return explore.aid_view(source.value, chosen, dollars.value)

    def update(v: explore.AidView) -> None:
        dollars.disabled = v.source == "crs"
        note.value = "".join(f"<p>{html.escape(n)}</p>" for n in v.notes)

    def render(v: explore.AidView) -> Snapshot:
        if v.source == "crs":
            def draw(ax):
                plots.aid_by_year(components=v.components, revised_csf=True, ax=ax)
        else:
            def draw(ax):
                plots.aid_history(recipients=("PAK",), dollars=v.dollars, kinds=v.components,
                                  ax=ax)
        return _snapshot(canvas, draw, v.alt, v.alt + "\n" + "\n".join(v.notes), v.title)

    return Explorer([source, *comps, dollars], state, render, extra=[note], update=update)


# ------------------------------------------------------------------ ledger
def bandwagon_ledger(aid: str = "crs_with_csf", cost: str = "survey_2017_18",
                     lives: str = "costs_of_war_2018") -> Explorer:
    """Choose the estimates behind the ledger of alignment and see the verdict move."""
    explore.ledger_verdict(aid, cost, lives)  # validates the three choices first
    aid_w = _dropdown([(e.label, k) for k, e in AID_ESTIMATES.items()], aid, "Benefit")
    cost_w = _dropdown([(e.label, k) for k, e in COST_ESTIMATES.items()], cost, "Cost")
    lives_w = _dropdown([(e.label, k) for k, e in LIVES_ESTIMATES.items()], lives, "Lives")
    verdict, canvas = w.HTML(), ReusableFigure()

    def update(v: explore.LedgerVerdict) -> None:
        rows = [{"phase": p, "aid (US$ bn)": f"{r.aid_usd_bn:,.2f}",
                 "cost (US$ bn)": f"{r.cost_usd_bn:,.2f}",
                 "aid / cost": f"{r.aid_share_of_cost:.0%}"}
                for p, r in v.table.iterrows()]
        verdict.value = (
            f"<p><b>{html.escape(v.headline)}</b></p>"
            + html_table(rows, list(rows[0]))
            + "".join(f"<p>{html.escape(x)}</p>" for x in v.notes)
        )

    def render(v: explore.LedgerVerdict) -> Snapshot:
        return _snapshot(canvas, lambda ax: plots.ledger(v.table, ax=ax), v.alt,
                         v.headline + "\n" + "\n".join(v.notes), v.headline)

    return Explorer([aid_w, cost_w, lives_w],
                    lambda: explore.ledger_verdict(aid_w.value, cost_w.value, lives_w.value),
                    render, extra=[verdict], update=update)


# -------------------------------------------------------------------- RSCT
def rsct_explorer(phase: str = "2001-2008") -> Explorer:
    """Choose a phase: the security-complex map and the relations behind it."""
    check_phase(phase, allow_all=False)
    choose = _dropdown(list(PHASE_IDS), phase, "Phase")
    table, canvas = w.HTML(), ReusableFigure()

    def update(rel: pd.DataFrame) -> None:
        rows = rel.assign(pair=rel["actor_a"] + "-" + rel["actor_b"]).to_dict("records")
        table.value = html_table(
            rows, ["pair", "kind", "score", "rationale", "paper_sections", "event_ids"],
            ["pair", "kind", "score", "why", "paper sections", "events"])

    def render(rel: pd.DataFrame) -> Snapshot:
        alt = explore.rsct_alt(choose.value, rel)
        return _snapshot(canvas, lambda ax: plots.rsct_map(choose.value, ax=ax), alt, alt,
                         f"Regional security relations, {choose.value}")

    return Explorer([choose], lambda: explore.relations_for(choose.value), render,
                    extra=[table], update=update)


# ------------------------------------------------------------------ claims
def claim_checker(paper: str = "all", verdict: str = "all") -> Explorer:
    """Choose a paper and a verdict: its checked claims with evidence and sources."""
    explore.filter_claims(paper, verdict)  # validates both choices
    paper_w = _dropdown(["all", *explore.PAPER_IDS], paper, "Paper")
    verdict_w = _dropdown(["all", *explore.VERDICTS], verdict, "Verdict")
    table, canvas = w.HTML(), ReusableFigure()

    def compute() -> tuple[pd.DataFrame, pd.Series]:
        return (explore.filter_claims(paper_w.value, verdict_w.value),
                explore.verdict_counts(paper_w.value))

    def update(state: tuple[pd.DataFrame, pd.Series]) -> None:
        claims = state[0]
        table.value = f"<p>{len(claims)} claims</p>" + html_table(
            claims.to_dict("records"),
            ["claim_id", "section", "quote", "verdict", "evidence_note", "source_id"],
            ["id", "section", "the paper says", "verdict", "evidence", "sources"])

    def render(state: tuple[pd.DataFrame, pd.Series]) -> Snapshot:
        counts = state[1]
        alt = explore.verdict_alt(paper_w.value, counts)
        return _snapshot(canvas, lambda ax: plots.verdicts(counts, highlight=verdict_w.value,
                                                           ax=ax),
                         alt, alt, f"Verdicts on the claims of {paper_w.value}")

    return Explorer([paper_w, verdict_w], compute, render, extra=[table], update=update)


# --------------------------------------------------------------- militancy
def militancy_explorer(start: int = 2001, end: int = 2025, tracker: str = "all",
                       kinds: tuple[str, ...] | None = None, drones: bool = True) -> Explorer:
    """Choose years, a tracker and kinds of event: deaths against operations and drones.

    Parameters
    ----------
    start, end
        First and last calendar year shown (2001 to 2025).
    tracker
        One tracker of ``fatalities`` or ``"all"``.
    kinds
        Kinds of event to mark (keys of :data:`pakfp_course.explore.MILITANCY_KINDS`).
    drones
        Show US drone strikes per year.
    """
    trackers = explore.fatality_trackers()
    explore.militancy_view(start, end, None if tracker == "all" else [tracker], kinds,
                           drones)  # validates every choice first
    years = YearRange((start, end), 2001, 2025)
    who = _dropdown([("all trackers", "all"), *((t, t) for t in trackers)], tracker,
                    "Tracker")
    what = Choices([(v, k) for k, v in explore.MILITANCY_KINDS.items()],
                   explore.check_militancy_kinds(kinds), "Events")
    bars = w.Checkbox(value=drones, description="US drone strikes", indent=False, layout=_WIDE)
    table = w.HTML()
    # room for the legend and the caption
    canvas = ReusableFigure((10.0, 6.0), {"left": 0.08, "right": 0.7, "top": 0.93,
                                          "bottom": 0.24})

    def compute() -> explore.MilitancyView:
        return explore.militancy_view(years.value[0], years.value[1],
                                      None if who.value == "all" else [who.value],
                                      what.value, bars.value)

    def update(v: explore.MilitancyView) -> None:
        events = v.events.assign(kind=v.events["kind"].map(explore.MILITANCY_KINDS)
                                 ).to_dict("records")
        figures = v.fatalities.assign(
            definition=v.fatalities["definition"].map(explore.definition_words),
            total=v.fatalities["total"].map("{:,}".format)).to_dict("records")
        table.value = (
            f"<p>{html.escape(v.alt)}</p>"
            + "".join(f"<p><i>{html.escape(n)}</i></p>" for n in v.notes)
            + html_table(events, ["date_label", "kind", "title", "description"],
                         ["date", "kind", "event", "what happened"],
                         caption=f"Events ({len(events)})")
            + html_table(figures, ["tracker", "period_label", "definition", "total"],
                         ["tracker", "period", "what is counted", "killed"],
                         caption=f"Fatality figures ({len(figures)})")
        )

    def render(v: explore.MilitancyView) -> Snapshot:
        def draw(ax):
            plots.militancy_and_operations(view=v, ax=ax)

        # the drone strikes' axis on the right needs more room
        return _snapshot(canvas, draw, v.alt, v.summary, v.title,
                         right=0.64 if v.drones else 0.7)

    return Explorer([years, who, what, bars], compute, render, extra=[table], update=update)
