"""Lesson 03 (bandwagoning): the ledger of the US tie, its label and its politics.

What lesson ``03_bandwagoning`` concludes from the data, computed here so the
lesson's cells stay short: the CRS aid total and its parts, the Economic
Survey's cost of the war and its revisions, the lives lost, the ledger under
every choice of estimates, the course's reading of the US tie
(:data:`READING`) with the evidence behind it, and the abandonment and
entrapment episodes of the alliance. Every number comes from ``course_data``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import data, ledger, summaries
from ..explore import approximate_date, chronological, usd_bn
from ..lesson import claim_cards, markdown, md_table, phases_of

__all__ = [
    "EPISODES",
    "READING",
    "AidComponents",
    "Episode",
    "TwentyBillion",
    "aid_components",
    "aid_components_note",
    "aid_peak_answer",
    "alliance_episodes",
    "contrast_card",
    "cost_of_war_note",
    "days_between",
    "khan_figures",
    "ledger_by_phase",
    "ledger_combinations",
    "ledger_combinations_table",
    "lives_note",
    "survey_vintages_note",
    "tie_scores",
    "twenty_billion",
    "twenty_billion_note",
    "us_tie_evidence",
]

#: The course's one reading of Pakistan's tie with the US, argued in lesson 03.
READING = "bandwagoning for profit, entered under duress"

_PAIRS = {("PAK", "USA"): "Pakistan–US", ("PAK", "IND"): "Pakistan–India",
          ("USA", "IND"): "US–India", ("PAK", "CHN"): "Pakistan–China",
          ("USA", "CHN"): "US–China"}


# ------------------------------------------------------------------ the benefit
@dataclass(frozen=True)
class AidComponents:
    """CRS aid appropriations to Pakistan FY2002-FY2018 (FY2013 CSF revised), US$ m."""

    span: str
    parts: dict[str, float]
    total: float
    csf: float
    printed_total: float
    printed_date: pd.Timestamp
    peak_label: str
    peak_total: float

    @property
    def without_csf(self) -> float:
        """The aid in the strict sense: security- and economic-related aid only."""
        return self.total - self.csf


def aid_components() -> AidComponents:
    """Return the CRS appropriations by component, their total and the peak year.

    The FY2020 budget request is left out (not money appropriated); the FY2013
    CSF is the revised figure derived by :func:`pakfp_course.summaries.aid_crs_revised`.
    """
    aid = summaries.aid_crs_revised()
    aid = aid[aid["figure_status"] != "request"]
    parts = {
        "security-related aid": float(aid["security_usd_m"].sum()),
        "economic-related aid": float(aid["economic_usd_m"].sum()),
        "Coalition Support Funds (reimbursements)": float(aid["csf_revised_usd_m"].sum()),
    }
    first, last = int(aid["fy_first"].min()), int(aid["fy_last"].max())
    printed = data.load("aid_crs_totals")
    printed = printed[(printed["fy_first"] == first) & (printed["fy_last"] == last)].iloc[0]
    single = aid[aid["fy_first"] == aid["fy_last"]]
    peak = single.loc[single["total_revised_usd_m"].idxmax()]
    return AidComponents(
        span=f"FY{first}–FY{last}", parts=parts, total=sum(parts.values()),
        csf=parts["Coalition Support Funds (reimbursements)"],
        printed_total=float(printed["total_usd_m"]), printed_date=printed["crs_table_date"],
        peak_label=str(peak["fy_label"]), peak_total=float(peak["total_revised_usd_m"]))


def aid_components_note() -> Markdown:
    """Return the table of CRS aid by component and what it shows (lesson 03, part 3)."""
    a = aid_components()
    rows = "\n".join(f"| {k} | {usd_bn(v)} | {v / a.total:.0%} |" for k, v in a.parts.items())
    return markdown(f"""
| US aid appropriations to Pakistan, {a.span} | amount | share |
|---|---|---|
{rows}
| **total** | **{usd_bn(a.total)}** | 100% |

- The rows add up to the total CRS itself prints for {a.span}
  ({usd_bn(a.printed_total)}, table of {a.printed_date:%d %B %Y}):
  Khan's "over $33 billion" is right (claim P003-05).
- But **{a.csf / a.total:.0%}** of it is CSF.
  Leave CSF out and the aid in the strict sense is **{usd_bn(a.without_csf)}**.
- The biggest single year was **{a.peak_label}** ({usd_bn(a.peak_total)}).
""")


@dataclass(frozen=True)
class TwentyBillion:
    """Imran Khan's "$20 billion" beside the counts with and without CSF (US$ m)."""

    said: float
    crs_with_csf: float
    crs_without_csf: float
    greenbook: float
    greenbook_span: str
    crs_span: str


def twenty_billion() -> TwentyBillion:
    """Return the figure Imran Khan gave (read from source ARABNEWS_2021) and three counts."""
    note = data.load("sources").set_index("source_id").loc["ARABNEWS_2021", "accessed_note"]
    said = float(re.search(r"US provided \$(\d+) billion in aid", note).group(1)) * 1000
    a = aid_components()
    gb = data.load("aid_greenbook")
    gb = gb[(gb["recipient"] == "PAK") & (gb["fiscal_year"] >= 2002)]
    total = float((gb["economic_current_usd_m"] + gb["military_current_usd_m"]).sum())
    return TwentyBillion(said=said, crs_with_csf=a.total, crs_without_csf=a.without_csf,
                         greenbook=total, crs_span=a.span,
                         greenbook_span=f"FY2002–FY{int(gb['fiscal_year'].max())}")


def twenty_billion_note() -> Markdown:
    """Return why reading "$20 billion" as "leaving CSF out" is plausible, and an inference."""
    t = twenty_billion()
    counts = [("CRS appropriations **with** CSF", t.crs_span, t.crs_with_csf),
              ("CRS appropriations **without** CSF", t.crs_span, t.crs_without_csf),
              ("USAID Greenbook obligations (no CSF)", t.greenbook_span, t.greenbook)]
    rows = "\n".join(f"| {name} | {span} | {usd_bn(v)} | {(v - t.said) / 1000:+,.2f} bn |"
                     for name, span, v in counts)
    near = max(abs(t.crs_without_csf - t.said), abs(t.greenbook - t.said))
    return markdown(f"""
| count | years | total | minus his "{usd_bn(t.said, 0)}" |
|---|---|---|---|
{rows}

Both counts that leave CSF out land within {usd_bn(near)} of his figure; the count with CSF
is {usd_bn(t.crs_with_csf - t.said)} above it. That is why "he left the CSF out" is
**plausible**. It is still **our inference, not his statement**: the sentence quoted
(ARABNEWS_2021) gives no years and no breakdown, so he may have counted another way.
""")


# ------------------------------------------------------------------- the costs
def khan_figures() -> Markdown:
    """Return Khan's three headline numbers beside the course's comparison (paper_figures)."""
    figures = data.load("paper_figures")
    figures = figures[figures["claim_id"].isin(["P003-05", "P003-08", "P003-09"])
                      & (figures["kind"] != "date")]
    shown = figures.assign(said="“" + figures["quote"] + "”",
                           verdict="**" + figures["verdict"].str.replace("_", " ") + "**")
    return md_table(shown, {"said": "Khan says", "claim_id": "claim",
                            "comparable_figure": "the course's comparison", "verdict": "verdict"})


def cost_of_war_note() -> Markdown:
    """Return the Survey 2017-18 total, its worst year and Khan's figure beside it."""
    cost = data.load("cost_of_war")
    total = float(cost["cost_usd_bn"].sum())
    peak, last = cost.loc[cost["cost_usd_bn"].idxmax()], cost.iloc[-1]
    khan = float(data.load("paper_figures").query("claim_id == 'P003-08'").iloc[0]["value"])
    return markdown(f"""
- The yearly figures of the Survey 2017-18 add up to **{usd_bn(total * 1000)}** for
  {cost['fiscal_year'].iloc[0]} to {last['fiscal_year']} (the last year: {last['coverage_note']}).
- The worst year was **{peak['fiscal_year']}** ({usd_bn(peak['cost_usd_bn'] * 1000)}).
- Khan's "exceeding ${khan:,.0f} billion" is {usd_bn((khan - total) * 1000)}
  (**{khan / total - 1:.0%}**) more than the official total. It is a 2021 political
  figure (claim P003-08): it may include three more years, or a different method; no method was
  published for it either.

""" + claim_cards(["P003-08"], sources=False).data)


def survey_vintages_note() -> Markdown:
    """Return each Survey edition's cumulative cost and the years later revised."""
    vintages = data.load("cost_of_war_vintages")
    vintages = vintages.assign(cumulative=[usd_bn(v * 1000) for v in vintages["cumulative_usd_bn"]])
    table = md_table(vintages, {"survey_edition": "edition", "period_covered": "period covered",
                                "cumulative": "cumulative", "as_printed": "as printed"})
    cost = data.load("cost_of_war")
    revised = cost[cost["other_estimates"].notna()]
    changes = "\n".join(f"- **{r.fiscal_year}**: now {usd_bn(r.cost_usd_bn * 1000)}; "
                        f"earlier: {r.other_estimates}" for r in revised.itertuples())
    first, newest = vintages.iloc[0], vintages.iloc[-1]
    prefix = "Pakistan Economic Survey "
    return markdown(f"""
{table.data}

From the {first['survey_edition'].replace(prefix, '')} edition to the
{newest['survey_edition'].replace(prefix, '')} edition the cumulative estimate grew from
{first['cumulative']} to {newest['cumulative']}. Some of that growth is new years; some is
**old years revised**:

{changes}
""")


def _span(r) -> str:
    if pd.isna(r.deaths_high) or r.deaths_high == r.deaths_low:
        return f"{r.deaths_low:,}"
    return f"{r.deaths_low:,}–{r.deaths_high:,}"


def lives_note() -> Markdown:
    """Return the Costs of War deaths by category, the later totals and Khan's figure."""
    deaths = data.load("war_deaths")
    early = deaths[deaths["period_label"] == "Oct 2001-Sep 2013"]
    table = md_table(early.assign(low_high=[_span(r) for r in early.itertuples()]),
                     {"category": "Costs of War, Oct 2001–Sep 2013: who died",
                      "low_high": "deaths (low–high)"})
    total = early[early["is_total"]].iloc[0]
    militants = early[early["category"] == "Insurgents/militants"].iloc[0]
    later = deaths[deaths["is_total"] & (deaths["period_label"] != "Oct 2001-Sep 2013")]
    later_rows = "\n".join(f"- {r.period_label}: about **{r.deaths_low:,}** ({r.note})"
                           for r in later.itertuples())
    khan = ledger.lives_estimate("political_2021")["low"]
    share_low = militants.deaths_low / total.deaths_high
    share_high = militants.deaths_low / total.deaths_low
    return markdown(f"""
{table.data}

Militants killed make up **{share_low:.0%}–{share_high:.0%}** of all direct deaths in that
table. Later headline totals:

{later_rows}

Khan's figure is "over **{khan:,}**" (claim P003-09), with no source given.

""" + claim_cards(["P003-09"], sources=False).data)


# ------------------------------------------------------------------ the ledger
def ledger_by_phase(phase: str) -> Markdown:
    """Return, for the phase(s) a lesson runs for, aid against cost (default estimates)."""
    by_phase = ledger.ledger_table("crs_with_csf", "survey_2017_18")
    chosen = [p for p in phases_of(phase) if p in by_phase.index]
    if not chosen:
        return markdown("- The Cold War has no cost-of-war estimate, so the ledger starts in "
                        "2001. Run the lesson for a post-2001 phase to see its row.")
    return markdown("\n".join(
        f"- **{p}**: US aid {usd_bn(r.aid_usd_bn * 1000)} against an estimated cost of "
        f"{usd_bn(r.cost_usd_bn * 1000)}: aid covered **{r.aid_share_of_cost:.0%}** of the cost."
        for p, r in by_phase.loc[chosen].iterrows()))


def ledger_combinations() -> pd.DataFrame:
    """Return every choice of benefit and cost estimate, best ledger (highest share) first.

    Columns ``benefit``, ``cost`` (estimate keys), ``aid_usd_bn``, ``cost_usd_bn``
    and ``share`` (aid / cost), each summed over the ledger's rows.
    """
    rows = []
    for benefit in ledger.AID_ESTIMATES:
        for cost in ledger.COST_ESTIMATES:
            t = ledger.ledger_table(benefit, cost)
            rows.append({"benefit": benefit, "cost": cost,
                         "aid_usd_bn": float(t["aid_usd_bn"].sum()),
                         "cost_usd_bn": float(t["cost_usd_bn"].sum())})
    frame = pd.DataFrame(rows)
    frame["share"] = frame["aid_usd_bn"] / frame["cost_usd_bn"]
    return frame.sort_values("share", ascending=False, ignore_index=True)


def ledger_combinations_table() -> Markdown:
    """Return the model table of Exercise 1: all ledgers, the best and the worst."""
    combos = ledger_combinations()
    best, worst = combos.iloc[0], combos.iloc[-1]
    rows = "\n".join(f"| `{r.benefit}` | `{r.cost}` | {usd_bn(r.aid_usd_bn * 1000)} "
                     f"| {usd_bn(r.cost_usd_bn * 1000)} | {r.share:.0%} |"
                     for r in combos.itertuples())
    return markdown(f"""
| benefit | cost | aid | cost | aid / cost |
|---|---|---|---|---|
{rows}

**Best:** `{best['benefit']}` with `{best['cost']}` ({best['share']:.0%}).
**Worst:** `{worst['benefit']}` with `{worst['cost']}` ({worst['share']:.0%}).
Even the best combination covers only {best['share']:.0%} of the estimated cost.
""")


def aid_peak_answer() -> Markdown:
    """Return the model answer of Exercise 3: the phase of most aid and of the best ratio."""
    by_phase = ledger.ledger_table("crs_with_csf", "survey_2017_18")
    most = by_phase["aid_usd_bn"].idxmax()
    best = by_phase["aid_share_of_cost"].idxmax()
    return markdown(f"""
- Largest aid: **{most}** ({usd_bn(by_phase.loc[most, 'aid_usd_bn'] * 1000)}), in the phase
  Khan calls "diverging interests".
- Largest share of the cost covered: **{best}**
  ({by_phase.loc[best, 'aid_share_of_cost']:.0%}).

So {best} was the peak of the *ratio*, not of the money: aid was largest in {most}, when
the estimated cost of the war was largest too. "Peak" describes the political mood better
than the material ties (claims P003-14, P003-15). Note also that the 2017–present row covers
only FY2017–FY2018 of aid and a partial last year of cost.
""")


# ---------------------------------------------------------------- the label
def contrast_card(contrast_id: str) -> Markdown:
    """Return one contrast between the papers: topic, both positions and the course's note."""
    x = data.load("contrasts").set_index("contrast_id").loc[contrast_id]
    return markdown(f"""
**{x['topic']}** (contrast {contrast_id})

- **{x['paper_a']}** ({x['sections_a']}): {x['position_a']}
- **{x['paper_b']}** ({x['sections_b']}): {x['position_b']}
- **The course's note**: {x['note']}
""")


def tie_scores() -> pd.DataFrame:
    """Return the rsct_relations score and kind of five ties, phase by phase.

    Index: phase id (in course order); columns: ``Pakistan–US``, ``Pakistan–India``,
    ``US–India``, ``Pakistan–China``, ``US–China``; cells like ``"alignment +2"``.
    """
    rel = data.load("rsct_relations")
    out = {}
    for (a, b), name in _PAIRS.items():
        rows = rel[(rel["actor_a"] == a) & (rel["actor_b"] == b)]
        out[name] = {r.phase: f"{r.kind} {r.score:+d}" if r.score else f"{r.kind} 0"
                     for r in rows.itertuples()}
    frame = pd.DataFrame(out)
    return frame.loc[[p for p in phases_of("all") if p in frame.index]]


def days_between(first: str, second: str) -> int:
    """Return the days from event ``first`` to event ``second`` (end of each date's span)."""
    events = data.load("events").set_index("event_id")
    return int((events.loc[second, "date_end"] - events.loc[first, "date_end"]).days)


def _event(event_id: str) -> str:
    r = data.load("events").set_index("event_id", drop=False).loc[event_id]
    return f"{r['title']} ({event_id}, {approximate_date(r)})"


def us_tie_evidence() -> Markdown:
    """Return the computed evidence for :data:`READING`: dates, sums and scores."""
    a = aid_components()
    scores = tie_scores()
    claims = data.load("claims").set_index("claim_id")
    table = md_table(scores.rename_axis("phase").reset_index())
    enmity = sorted(set(scores["Pakistan–India"]))
    return markdown(f"""
**Under duress: the position on 11 September 2001.**

- Sanctions already in force: {_event('EV026')}; {_event('EV029')}.
- Pakistan announced its support {days_between('EV030', 'EV031')} days after the attacks:
  {_event('EV031')}.
- How it was decided. Yousaf & Ma: Musharraf "{claims.loc['P000-20', 'quote']}" (claim
  P000-20): {claims.loc['P000-20', 'evidence_note']}
- The threat. Claim P003-02: {claims.loc['P003-02', 'evidence_note']}

**For profit: what followed.**

- {_event('EV032')}: {days_between('EV031', 'EV032')} days after the address.
- The coup sanctions followed. Claim P003-24: {claims.loc['P003-24', 'evidence_note']}
- {_event('EV038')}.
- US aid appropriations {a.span}: **{usd_bn(a.total)}**, of which {a.csf / a.total:.0%} were
  CSF reimbursements (part 3).

**Not an alliance against a shared threat.** How the course data score the ties
(`rsct_relations`, from -2 deep enmity to +2 close alignment):

{table.data}

- Pakistan–India is scored **{' / '.join(enmity)}** in every phase: the threat that drives
  Pakistan's choices never changed and never became the United States.
- In the same years the US drew closer to India, not to Pakistan against it:
  {_event('EV040')}; {_event('EV105')}; {_event('EV112')}.
- Pakistan–China stays an alignment in every phase: that is the tie Yousaf & Ma call
  balancing against India (contrast X05).
""")


# ------------------------------------------------------- alliance politics
@dataclass(frozen=True)
class Episode:
    """One dated episode of the US-Pakistan alliance read through Snyder's two fears."""

    event_ids: tuple[str, ...]
    pakistan: str
    united_states: str
    reading: str


#: Episodes of the tie, each tied to events in ``course_data`` (the reading is the course's).
EPISODES: tuple[Episode, ...] = (
    Episode(("EV009", "EV010"), "abandonment (felt)", "entrapment (avoided)",
            "During Pakistan's war with India its patron stopped arms to both sides; Pakistan's "
            "foreign minister called it 'an act not of an ally and not even that of a neutral' "
            "(FRUS_6468_V25_D200). The US would not be drawn into a quarrel it did not share."),
    Episode(("EV023", "EV024"), "abandonment (felt)", "—",
            "Once Soviet troops had left Afghanistan, the Pressler sanctions cut off aid: the "
            "case that fits 'as soon as its objectives were met' best (claim P000-59)."),
    Episode(("EV031", "EV032"), "—", "—",
            "The new bargain: airspace, logistics and intelligence for the US (autonomy, in "
            "Morrow's terms); waivers, then aid and reimbursements for Pakistan (side payments)."),
    Episode(("EV040", "EV105", "EV112"), "abandonment (feared)", "—",
            "The patron drew close to Pakistan's rival: a step towards the first form of "
            "abandonment on Snyder's list, realignment with the opponent. Yousaf & Ma call the "
            "nuclear deal 'double standards' (contrast X06)."),
    Episode(("EV049",), "entrapment (feared)", "—",
            "Af-Pak made Pakistan part of the US war's theatre and tied aid to its performance "
            "there: a war over interests Pakistan shared only in part."),
    Episode(("EV109",), "—", "abandonment (feared)",
            "Mullen accused the ISI of backing the Haqqani network, a charge Pakistan denied: in "
            "Snyder's terms the ally failing to give the support expected."),
    Episode(("EV055", "EV110"), "entrapment (resisted)", "—",
            "After NATO strikes killed Pakistani soldiers, Pakistan closed the supply routes and "
            "made the US leave Shamsi: the client's leverage over the patron's war."),
    Episode(("EV063", "EV065", "EV066"), "abandonment (felt)", "abandonment (feared)",
            "The stick: after Trump's charge of safe havens in Pakistan, Pakistan lost "
            "security assistance and CSF; Khan's 'transactional and inconsistent' is the view from "
            "Islamabad."),
)


def alliance_episodes() -> Markdown:
    """Return :data:`EPISODES` as a dated table, in timeline order (dates from ``events``)."""
    events = data.load("events").set_index("event_id", drop=False)
    rows = []
    for ep in EPISODES:
        chosen = chronological(events.loc[list(ep.event_ids)].reset_index(drop=True))
        when = ", ".join(approximate_date(r) for _, r in chosen.iterrows())
        what = "; ".join(f"{r['title']} ({r['event_id']})" for _, r in chosen.iterrows())
        rows.append({"when": when, "events": what, "Pakistan feared": ep.pakistan,
                     "the US feared": ep.united_states, "the course's reading": ep.reading,
                     "_first": chosen["date_end"].min()})
    frame = pd.DataFrame(rows).sort_values("_first", kind="stable")
    return md_table(frame, ["when", "events", "Pakistan feared", "the US feared",
                            "the course's reading"])
