"""What lesson 05 (RSCT) concludes from the data: crises, relation scores, arms, great powers.

Every function reads ``course_data`` through :mod:`pakfp_course.data` and either
returns values (frames, series, a dataclass) or Markdown for the lesson to show.

* India–Pakistan **crises** are counted by the course's one rule, which lesson 07
  states and tests: :mod:`pakfp_course.findings.stability` (:data:`~.stability.CRISIS_RULE`,
  :func:`~.stability.india_pakistan_crises`). A crisis is an episode, a run of attacks or
  uses of force close in time, so one crisis can hold several events. This module only
  shows those crises for RSCT: which events make each one (:func:`crisis_events`,
  :func:`crisis_list`, :func:`crisis_summary`), and the *steps back* between them, found by
  the words of :data:`DE_ESCALATION_WORDS` (:func:`india_pakistan_record`).
* :data:`OUTDATED_MARKERS` finds relation scores whose reasons say the events
  list holds nothing for a pair (:func:`outdated_rationales`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import data, explore, lesson
from ..phases import PHASE_IDS
from . import stability

__all__ = [
    "DE_ESCALATION_WORDS",
    "EAST_ASIAN_STATES",
    "OUTDATED_MARKERS",
    "ArmsShares",
    "arms_shares",
    "arms_summary",
    "china_arms_statement",
    "china_in_pakistan",
    "crisis_events",
    "crisis_list",
    "crisis_summary",
    "de_escalation_steps",
    "east_asian_states_in_record",
    "great_power_summary",
    "great_power_ties",
    "india_pakistan_record",
    "outdated_rationales",
    "outdated_rationales_note",
    "relation_scores",
    "relation_table_summary",
    "score_changes",
    "score_label",
]

#: Words in an event's title that mark a step back from crisis: the words with which a
#: ceasefire or a pullback closes a crisis in the course's rule
#: (:data:`~pakfp_course.findings.stability.CLOSING_WORDS`), and two words of diplomacy.
DE_ESCALATION_WORDS: tuple[str, ...] = (*stability.CLOSING_WORDS, "dialogue", "declaration")
#: Actor codes of East Asian states other than China.
EAST_ASIAN_STATES: tuple[str, ...] = ("JPN", "KOR", "PRK", "TWN", "MNG")
#: Event categories of cooperation (treaties, visits, trade and the corridor).
_COOPERATION: tuple[str, ...] = ("alliance_treaty", "diplomacy_visit", "economic_corridor")
#: Phrases with which a relation's rationale says the events list holds nothing for it.
OUTDATED_MARKERS: tuple[str, ...] = ("events list no", "in the events")

_PAIR = {"IND", "PAK"}


def _actors(value: object) -> set[str]:
    return set(data.split_ids(value)) if isinstance(value, str) else set()


def _events(events: pd.DataFrame | None) -> pd.DataFrame:
    return data.load("events") if events is None else events


def _item(r: pd.Series) -> str:
    return f"{r['event_id']} *{r['title']}*, {explore.approximate_date(r)}"


def _join(items: Iterable[str], empty: str = "none") -> str:
    items = list(items)
    return "; ".join(items) if items else empty


# ---------------------------------------------------------------- India and Pakistan
def _labels(crises: list[stability.Crisis]) -> dict[str, str]:
    """Map every event id of ``crises`` (closing events included) to its crisis's label."""
    return {i: c.label for c in crises for i in c.all_ids}


def india_pakistan_record(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return every event naming both India and Pakistan, sorted, with ``crisis`` and ``kind``.

    ``crisis`` is the label of the crisis the event belongs to under the course's rule
    (:func:`pakfp_course.findings.stability.india_pakistan_crises`, lesson 07's), as one
    of its events or as the ceasefire or pullback that closed it; missing otherwise.
    ``kind`` is ``"crisis event"`` for an event the rule counts in a crisis; otherwise
    ``"de-escalation"`` when the title names a ceasefire, pullback, dialogue or
    declaration (:data:`DE_ESCALATION_WORDS`); otherwise ``"other"`` (e.g. nuclear tests,
    a diplomatic downgrade, or a third state's policy that names both).

    Parameters
    ----------
    events
        An events frame (default: the ``events`` dataset); the crises are found in it.
    """
    events = _events(events)
    crises = stability.india_pakistan_crises(events)
    members = {i for c in crises for i in c.event_ids}
    actors = events["actors"].map(_actors)
    record = explore.chronological(events[actors.map(_PAIR.issubset)])
    words = re.compile("|".join(DE_ESCALATION_WORDS), flags=re.IGNORECASE)
    kind = (pd.Series("other", index=record.index)
            .mask(record["title"].str.contains(words), "de-escalation")
            .mask(record["event_id"].isin(members), "crisis event"))
    return record.assign(crisis=record["event_id"].map(_labels(crises)), kind=kind)


def crisis_events(crises: list[stability.Crisis] | None = None) -> pd.DataFrame:
    """Return the events of ``crises``, closing events included, in timeline order.

    Parameters
    ----------
    crises
        Crises from :func:`pakfp_course.findings.stability.india_pakistan_crises`
        (default: every crisis by the course's rule).

    Returns
    -------
    DataFrame
        Rows of the ``events`` dataset, with a ``crisis`` column: the label of the
        crisis each event belongs to (e.g. ``2016 (EV113, EV114)``).
    """
    crises = stability.india_pakistan_crises() if crises is None else crises
    labels = _labels(crises)
    events = data.load("events")
    chosen = explore.chronological(events[events["event_id"].isin(list(labels))])
    return chosen.assign(crisis=chosen["event_id"].map(labels)).reset_index(drop=True)


def de_escalation_steps(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the India–Pakistan steps back from crisis, in timeline order."""
    record = india_pakistan_record(events)
    return record[record["kind"] == "de-escalation"].reset_index(drop=True)


def _crisis_line(crisis: stability.Crisis, titles: pd.Series) -> str:
    line = f"{crisis.years}: " + ", ".join(f"{i} *{titles[i]}*" for i in crisis.event_ids)
    if crisis.closed_by:
        line += f", closed by {crisis.closed_by} *{titles[crisis.closed_by]}*"
    return line


def crisis_list(phase: str) -> Markdown:
    """Return the crises of one phase (``"all"`` for every phase), each with its dated events.

    The crises are the course's (:func:`pakfp_course.findings.stability.india_pakistan_crises`);
    each gets a heading with its label, then its events (and the event that closed it)
    with the accounts the sources give.
    """
    chosen = [c for c in stability.india_pakistan_crises()
              if c.phase in lesson.phases_of(phase)]
    if not chosen:
        return lesson.markdown("*No crisis in this phase under the course's rule.*")
    parts = []
    for n, c in enumerate(chosen, 1):
        size = len(c.event_ids)
        what = "one event" if size == 1 else f"{size} events"
        if c.closed_by:
            what += f", closed by {c.closed_by}"
        parts.append(f"**Crisis {n} of {len(chosen)} ({what}): {c.label}**\n\n"
                     + lesson.event_list(list(c.all_ids)).data)
    return lesson.markdown("\n\n".join(parts))


def crisis_summary(phase: str = "all") -> Markdown:
    """Return the course's crisis rule, how events group into crises, the counts and steps back.

    The rule, crises and counts are lesson 07's
    (:mod:`pakfp_course.findings.stability`); the steps back are this lesson's
    (:func:`de_escalation_steps`).
    """
    crises = stability.india_pakistan_crises()
    counts = stability.crises_per_phase(crises)["crises"]
    titles = data.load("events").set_index("event_id")["title"]
    steps = de_escalation_steps()
    empty = [p for p, n in counts.items() if n == 0]
    gaps = (f"No crisis falls in {', '.join(f'`{p}`' for p in empty)}."
            if empty else "Every phase has at least one.")
    joined = [f"{', '.join(c.event_ids)} in {c.start.year}" for c in crises
              if len(c.event_ids) > 1]
    closed = [f"{c.closed_by} closed the crisis of {c.years}" for c in crises if c.closed_by]
    chosen = [c for c in crises if c.phase in lesson.phases_of(phase)]
    n_events = sum(len(c.event_ids) for c in crises)
    return lesson.markdown(
        "**The rule** (the course's one rule for a crisis; lesson 07 uses it too). "
        + stability.crisis_rule() + "\n\n"
        f"**Events and crises.** A crisis is an episode, not a single event: the "
        f"**{n_events}** attacks and uses of force the rule counts form **{len(crises)}** "
        f"crises, from {crises[0].label} to {crises[-1].label}. Events close in time join "
        "one crisis ("
        + _join(joined) + "), and a ceasefire or pullback closes a crisis rather than "
        "starting one (" + _join(closed) + "). Crises per phase: "
        + ", ".join(f"`{p}`: {n}" for p, n in counts.items()) + f". {gaps}\n\n"
        f"In the phase you chose (`{phase}`): "
        + _join((_crisis_line(c, titles) for c in chosen), "no crisis") + ".\n\n"
        f"**Steps back** in the same record ({len(steps)}; titles naming "
        + ", ".join(DE_ESCALATION_WORDS) + "): "
        + _join(_item(r) for _, r in steps.iterrows()) + ". They are not crises; "
        "those that closed one are named above."
    )


# ---------------------------------------------------------------- the relation table
def _relations() -> pd.DataFrame:
    rel = data.load("rsct_relations")
    return rel.assign(pair=rel["actor_a"] + "–" + rel["actor_b"])


def relation_scores() -> pd.DataFrame:
    """Return one row per pair, one column per phase (the score), and ``changes``.

    ``changes`` counts how often the score moves from one phase to the next; a
    pair with no row in a phase has ``<NA>`` there.
    """
    rel = _relations()
    scores = rel.pivot(index="pair", columns="phase", values="score")
    scores = scores.loc[rel["pair"].unique(), list(PHASE_IDS)]
    scores.columns.name = None
    return scores.assign(changes=(scores.diff(axis=1).iloc[:, 1:] != 0).sum(axis=1))


def score_label(phase: str, actor_a: str, actor_b: str) -> str:
    """Return a relation's kind and signed score in one phase, e.g. ``"enmity -2"``."""
    rel = _relations()
    rows = rel[(rel["phase"] == phase) & (rel["actor_a"] == actor_a)
               & (rel["actor_b"] == actor_b)]
    if rows.empty:
        raise KeyError(f"no {actor_a}–{actor_b} relation in {phase}")
    row = rows.iloc[0]
    value = int(row["score"])
    return f"{row['kind']} {value:+d}" if value else f"{row['kind']} 0"


def score_changes(later: str, pairs: Iterable[tuple[str, str]] = (
        ("PAK", "IND"), ("PAK", "USA"), ("PAK", "CHN"), ("USA", "IND"), ("CHN", "IND"),
        ("USA", "CHN"))) -> Markdown:
    """Return how the main relations move from ``cold-war`` to ``later``, as one sentence."""
    return lesson.markdown(
        f"From `cold-war` to `{later}`, in the course's reading: "
        + "; ".join(f"{a}–{b} {score_label('cold-war', a, b)} → {score_label(later, a, b)}"
                    for a, b in pairs) + "."
    )


def relation_table_summary() -> Markdown:
    """Return whose reading the table follows, its confidence, and the pairs that never move."""
    rel = _relations()
    scores = relation_scores().drop(columns="changes")
    own = rel[rel["interpretation_of"] == "course"]
    conf = rel["confidence"].value_counts()
    steady = scores.index[scores.notna().all(axis=1) & (scores.nunique(axis=1) == 1)]
    return lesson.markdown(
        f"Of the {len(rel)} rows, **{len(own)}** are the course's own reading rather than a "
        f"paper's (pairs: {', '.join(sorted(own['pair'].unique()))}). Confidence: "
        + ", ".join(f"{n} {c}" for c, n in conf.items())
        + f". Scored in every phase and never moving: {', '.join(steady)}."
    )


def _sentence(text: str, marker: str) -> str:
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if marker in sentence:
            return sentence
    return text


def outdated_rationales(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return relation rows whose reason says the events list is empty for them, but it is not.

    A row qualifies when its ``rationale`` contains one of :data:`OUTDATED_MARKERS`
    and the events list now holds events of the same phase with both actors.

    Returns
    -------
    DataFrame
        ``phase``, ``pair``, ``score``, ``confidence``, ``says`` (the sentence of the
        rationale) and ``event_ids`` (the events now in the list, in timeline order).
    """
    events = explore.chronological(_events(events))
    actors = events["actors"].map(_actors)
    rows = []
    for _, r in _relations().iterrows():
        marker = next((m for m in OUTDATED_MARKERS if m in r["rationale"]), None)
        if marker is None:
            continue
        both = actors.map(lambda a, r=r: {r["actor_a"], r["actor_b"]} <= a)
        found = events[both & (events["phase"] == r["phase"])]["event_id"].tolist()
        if found:
            rows.append({"phase": r["phase"], "pair": r["pair"], "score": int(r["score"]),
                         "confidence": r["confidence"],
                         "says": _sentence(r["rationale"], marker), "event_ids": found})
    return pd.DataFrame(rows, columns=["phase", "pair", "score", "confidence", "says",
                                       "event_ids"])


def outdated_rationales_note() -> Markdown:
    """Return the rows of :func:`outdated_rationales` as a list a student can check."""
    stale = outdated_rationales()
    if stale.empty:
        return lesson.markdown("Every row's reasons agree with the events list as it stands.")
    titles = data.load("events").set_index("event_id")["title"]
    items = [
        f"- **{r.pair}** in `{r.phase}` (score {r.score:+d}, {r.confidence} confidence) says: "
        f"*{r.says}* The list now holds: "
        + "; ".join(f"{e} *{titles[e]}*" for e in r.event_ids) + "."
        for r in stale.itertuples()
    ]
    return lesson.markdown(
        f"**{len(stale)}** rows give as a reason that the events list holds nothing for the "
        "pair, but the list now holds events with both actors in that phase (events were added "
        "after the table was scored):\n\n" + "\n".join(items))


# ---------------------------------------------------------------- arms
@dataclass(frozen=True)
class ArmsShares:
    """China's reported shares of Pakistan's major-arms imports, by SIPRI period.

    Attributes
    ----------
    china
        Period -> China's share in percent, in the order of the dataset.
    majority
        Periods in which China's share was above 50 %.
    below_half
        Periods in which it was 50 % or less.
    usa
        Period -> the US share, for the periods where one is reported.
    """

    china: dict[str, float]
    majority: tuple[str, ...]
    below_half: tuple[str, ...]
    usa: dict[str, float]


def arms_shares() -> ArmsShares:
    """Return China's (and, where reported, the US's) shares of Pakistan's arms imports."""
    arms = data.load("arms_imports")
    china = dict(zip(arms["period"], arms["china_share_pct"].astype(float), strict=True))
    us = arms.dropna(subset=["usa_share_pct"])
    return ArmsShares(
        china=china,
        majority=tuple(p for p, s in china.items() if s > 50),
        below_half=tuple(p for p, s in china.items() if s <= 50),
        usa=dict(zip(us["period"], us["usa_share_pct"].astype(float), strict=True)),
    )


def china_arms_statement() -> str:
    """Return one sentence on whether China supplied most of Pakistan's major arms, per period."""
    s = arms_shares()
    n = len(s.china)
    if not s.below_half:
        return (f"China supplied more than half of Pakistan's major-arms imports in every one "
                f"of the {n} reported SIPRI periods.")
    lows = ", ".join(f"{s.china[p]:g}% in {p}" for p in s.below_half)
    if not s.majority:
        return f"China's share of Pakistan's major-arms imports never passed half ({lows})."
    return (f"China supplied more than half of Pakistan's major-arms imports in "
            f"{len(s.majority)} of the {n} reported SIPRI periods ({s.majority[0]} to "
            f"{s.majority[-1]}), but not in every one: {lows}.")


def arms_summary() -> Markdown:
    """Return the arms chart's reading: China's first and last shares, the US, the caveats."""
    arms = data.load("arms_imports")
    s = arms_shares()
    a0, a1 = arms.iloc[0], arms.iloc[-1]
    return lesson.markdown(
        f"{china_arms_statement()} Its share was **{a0['china_share_pct']:g}%** in "
        f"{a0['period']} and **{a1['china_share_pct']:g}%** in {a1['period']}. The US share "
        f"is reported for {len(s.usa)} of {len(arms)} periods only ("
        + ", ".join(f"{v:g}% in {p}" for p, v in s.usa.items())
        + "). Caveats: the periods overlap and come from separate yearly releases, so they are "
        "not one series; SIPRI's trend-indicator values measure transfers of major arms, not "
        f"money. And the earliest period here starts in {a0['year_first']}: these figures cannot "
        "show what changed *at* 9/11 (EV030), only what the later phases look like."
    )


def china_in_pakistan() -> Markdown:
    """Return China's place in Pakistan's security after 9/11: events, arms, CPEC values."""
    events = explore.chronological(data.load("events"))
    actors = events["actors"].map(_actors)
    both = events[actors.map(lambda a: {"CHN", "PAK"} <= a) & (events["phase"] != "cold-war")]
    ties = both[both["category"].isin(_COOPERATION)]
    other = both[~both["category"].isin(_COOPERATION)]
    cpec = data.load("cpec").sort_values("value_usd_bn")
    low, high = cpec.iloc[0], cpec.iloc[-1]
    return lesson.markdown(
        f"**China and Pakistan after 9/11 in the course data.** {len(both)} events have both "
        f"as actors. Treaties, visits, trade and the corridor ({len(ties)}): "
        + _join(_item(r) for _, r in ties.iterrows()) + f". Security incidents and other "
        f"events ({len(other)}): " + _join(_item(r) for _, r in other.iterrows()) + ".\n\n"
        f"**Arms.** {china_arms_statement()}\n\n"
        f"**CPEC.** Headline values range from US$ {low['value_usd_bn']:g} bn "
        f"({low['value_id']}, {low['date_label']}) to US$ {high['value_usd_bn']:g} bn "
        f"({high['value_id']}, {high['date_label']}): commitments and announcements, not "
        "disbursements."
    )


# ---------------------------------------------------------------- great powers and India
def great_power_ties(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return post-2001 events tying India to the US or China with Pakistan not an actor.

    These are the great powers' dealings with India that do not run through
    Pakistan (the US–India nuclear deal, defence partnership and the Quad; the
    China–India border crises). Columns ``with_us`` and ``with_china`` say which.
    """
    events = explore.chronological(_events(events))
    actors = events["actors"].map(_actors)
    keep = (actors.map(lambda a: "IND" in a and "PAK" not in a and bool(a & {"USA", "CHN"}))
            & (events["phase"] != "cold-war"))
    ties = events[keep].reset_index(drop=True)
    ties_actors = ties["actors"].map(_actors)
    return ties.assign(with_us=ties_actors.map(lambda a: "USA" in a),
                       with_china=ties_actors.map(lambda a: "CHN" in a))


def east_asian_states_in_record(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return events with an East Asian state other than China among the actors."""
    events = explore.chronological(_events(events))
    actors = events["actors"].map(_actors)
    return events[actors.map(lambda a: bool(a & set(EAST_ASIAN_STATES)))].reset_index(
        drop=True)


def great_power_summary() -> Markdown:
    """Return the great powers' ties with India after 9/11, by phase, and East Asia's entry."""
    ties = great_power_ties()
    per_phase = ties["phase"].value_counts().reindex(list(PHASE_IDS[1:]), fill_value=0)
    china = ties[ties["with_china"] & ~ties["with_us"]]
    east = east_asian_states_in_record()
    events = data.load("events").set_index("event_id")
    first = ties.iloc[0]
    years = (pd.Timestamp(first["date_end"]) - pd.Timestamp(events.loc["EV030", "date"])).days
    return lesson.markdown(
        f"**India and the great powers after 9/11.** {len(ties)} events tie India to the US "
        "or to China with Pakistan not among the actors: "
        + _join(_item(r) for _, r in ties.iterrows()) + ". Per phase: "
        + ", ".join(f"`{p}`: {n}" for p, n in per_phase.items())
        + f". The first comes {years / 365.25:.1f} years after 9/11 (EV030).\n\n"
        "**China and India directly** (without the US): "
        + _join(_item(r) for _, r in china.iterrows()) + ".\n\n"
        "**East Asian states other than China** appear in the timeline in: "
        + _join(_item(r) for _, r in east.iterrows()) + "."
    )
