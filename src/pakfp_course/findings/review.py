"""Lesson 08 (Review): the papers side by side, the phases, crises and prescriptions.

Every number the review states is computed here from ``course_data`` and tested: the
papers and their contrasts (with the course's verdict on X06, X12, X14, X15), the order of
two events, India-Pakistan crises per phase (lesson 07's rule), the four
phases in one table (no printed CSF figure is never shown as 0), arms shares, and the model
answers to Exercises 1 and 2.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import data, summaries
from ..explore import PAPER_IDS, VERDICTS, chronological, filter_claims, phase_summary
from ..explore import usd_bn as _usd_bn
from ..explore import verdict_counts as _counts
from ..lesson import markdown, md_table, phases_of
from ..phases import phase_table as _phases
from .stability import Crisis, crises_per_phase, crisis_rule, india_pakistan_crises

__all__ = [
    "NAMES", "QUOTES",
    "VERDICT_CONTRASTS", "AidPeak", "Interval", "aid_peak", "aid_peak_answer", "arms_shares",
    "contrast_cards", "contrast_verdict", "crisis_table",
    "interpretive_answer", "interpretive_verdicts", "interval", "khan_figures",
    "order_of_events",
    "phase_rows", "phase_table", "quiet_stretch", "share_words", "side_by_side",
]

NAMES: dict[str, str] = {"yousaf-ma-2025": "Yousaf & Ma", "majeed-2024": "Majeed et al.",
                         "khan-2024": "Khan"}
#: Contrasts for which :func:`contrast_verdict` gives the course's verdict.
VERDICT_CONTRASTS: tuple[str, ...] = ("X06", "X12", "X14", "X15")

_IMPACT = ("The Impact of US-Pakistan relationship on regional stability and its future "
           "implications")
_BALANCED = "Towards a Balanced Foreign Policy"
_STANDING = "Post 9/11 and Pakistan's Regional Standing"
#: Short exact quotes from the papers (paper id, section, quote), checked against seeds/.
QUOTES: dict[str, tuple[str, str, str]] = {
    "ym_thesis": ("yousaf-ma-2025", "Abstract", "preferred regional security over economic "
                  "reliability"),
    "ym_saarc": ("yousaf-ma-2025", _STANDING, "can act as a counterbalance in South Asia and "
                 "encourage cooperation among all the governments for the peace and stability "
                 "of the region if it is granted full membership in SAARC"),
    "mj_success": ("majeed-2024", "Abstract", "instrumental in the initial success of the war "
                   "on terror"),
    "mj_challenges": ("majeed-2024", "Abstract", "brought about several challenges and "
                      "consequences that continue to affect regional stability"),
    "mj_methods": ("majeed-2024", "Research Methodology", "a combination of qualitative and "
                   "quantitative methods"),
    "mj_thaw": ("majeed-2024", _IMPACT, "This could lead to a thaw in the US-Pakistan "
                "relationship"),
    "kh_tradeoff": ("khan-2024", "Abstract", "the trade-offs between short-term benefits and "
                    "long-term vulnerabilities"),
    "kh_pragmatic": ("khan-2024", "Conclusion", "maintaining a pragmatic relationship with "
                     "the U.S."),
    "kh_balanced": ("khan-2024", _BALANCED, "minimizes reliance on any single power and "
                    "maximizes its strategic autonomy"),
    "kh_india": ("khan-2024", _BALANCED, "improving trade and diplomatic ties with India can "
                 "enhance regional integration"),
}


def _q(key: str, cite: bool = True) -> str:
    """Return a quote of :data:`QUOTES` in curly quotes, with (paper §section) if ``cite``."""
    paper, section, quote = QUOTES[key]
    return f"\u201c{quote}\u201d" + (f" ({paper} §{section})" if cite else "")


def _events() -> pd.DataFrame:
    return data.load("events").set_index("event_id", drop=False)


def _when(event: pd.Series) -> str:
    """Return an event's date in words: '5 April 2005', 'December 2001' or '1965'."""
    d = pd.Timestamp(event["date"])
    fmt = {"day": f"{d.day} {d:%B %Y}", "month": f"{d:%B %Y}"}
    return fmt.get(str(event["date_precision"]), f"{d:%Y}")


def _crs() -> pd.DataFrame:
    crs = summaries.aid_crs_revised()
    return crs[crs["figure_status"] != "request"]


def _verdict(claim_id: str) -> str:
    claims = data.load("claims").set_index("claim_id")
    return f"{claim_id}, {claims.loc[claim_id, 'verdict'].replace('_', ' ')}"


def share_words(k: int, n: int) -> str:
    """Word a count out of a total from the numbers: '3 of 6 (half)', '5 of 7 (most)'."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"cannot word {k} of {n}")
    word = ("none" if k == 0 else "all" if k == n else "most" if 2 * k > n
            else "half" if 2 * k == n else "")
    return f"{k} of {n}" + (f" ({word})" if word else "")


# ----------------------------------------------------------------- dates and order
@dataclass(frozen=True)
class Interval:
    """Two events in timeline order and the days between them."""

    first: str
    second: str
    days: int


def interval(a: str, b: str) -> Interval:
    """Return events ``a`` and ``b`` in date order, with the days between them.

    Parameters
    ----------
    a, b
        Event ids of the ``events`` dataset, both dated to the day (else ``ValueError``).
    """
    rows = [_events().loc[a], _events().loc[b]]
    loose = [r["event_id"] for r in rows if r["date_precision"] != "day"]
    if loose:
        raise ValueError(f"{loose[0]} is not dated to the day: no interval in days")
    first, second = sorted(rows, key=lambda r: (r["date"], r["event_id"]))
    return Interval(first["event_id"], second["event_id"],
                    int((second["date"] - first["date"]).days))


def order_of_events(treaty: str = "EV039", statement: str = "EV040") -> Markdown:
    """Say, from the dates, whether the China treaty came before the Indo-US statement."""
    iv = interval(treaty, statement)
    ev = _events()
    name = {i: f"the {ev.loc[i, 'title']} ({i}, {_when(ev.loc[i])})" for i in (iv.first, iv.second)}

    if iv.first == treaty and iv.days > 0:
        verdict = ("An event cannot cause what came before it: the nuclear statement cannot "
                   "have triggered the treaty. At most the wider US-India rapprochement that "
                   "preceded both could have (P000-15); lesson 06 checks this.")
    else:
        verdict = "The treaty followed the statement, so it could be a response to it."
    return markdown(f"**Check the order.** T{name[iv.first][1:]} came **{iv.days} days before** "
                    f"{name[iv.second]}. {verdict}")


# ----------------------------------------------------------------- crises
def quiet_stretch(since: int = 2001, window_days: int = 90) -> tuple[Crisis, Crisis, float]:
    """Return the longest spell between crises from ``since``: before, after, years between.

    Crises are counted by lesson 07's rule
    (:func:`~pakfp_course.findings.stability.india_pakistan_crises`).
    """
    crises = [c for c in india_pakistan_crises(window_days=window_days) if c.start.year >= since]
    before, after = max(itertools.pairwise(crises), key=lambda p: (p[1].start - p[0].end).days)
    return before, after, (after.start - before.end).days / 365.25


def crisis_table(window_days: int = 90) -> Markdown:
    """Return India-Pakistan crises per phase by lesson 07's rule, and what they show.

    Parameters
    ----------
    window_days
        Events at most this many days apart join one crisis (lesson 07's default: 90).
    """
    crises = india_pakistan_crises(window_days=window_days)
    table = crises_per_phase(crises)
    names = _phases()["name"]
    frame = pd.DataFrame({"phase": [f"`{p}` {names[p]}" for p in table.index],
                          "crises": table["crises"].astype(int),
                          "with an armed clash": table["armed_clash"].astype(int),
                          "crises (events)": table["which"]})
    empty = [f"`{p}`" for p in table.index if table.loc[p, "crises"] == 0]
    every = ("Every phase has at least one crisis by this rule." if not empty
             else f"No crisis is recorded in {', '.join(empty)}.")
    mid = [c for c in crises if c.phase == "2009-2016"]
    years = {y for c in mid for y in (c.start.year, c.end.year)}
    where = f" All of `2009-2016`'s come in {min(years)}." if len(years) == 1 else ""
    before, after, gap = quiet_stretch(window_days=window_days)
    found = (f"{every}{where} The longest spell since 2001 without one runs from "
             f"{before.label} to {after.label}: {gap:.1f} years. *Caveat:* the timeline is a "
             "selection, not a census; a spell with no crisis here is a spell the course "
             "records none, not proof of calm.")
    return markdown(f"{crisis_rule(window_days)}\n\n{md_table(frame).data}\n\n{found}")


# ----------------------------------------------------------------- phases
def phase_rows(phase: str = "all") -> pd.DataFrame:
    """Return the four phases' totals: events, aid with and without CSF, cost, drones.

    A phase with no printed CSF figure says so in the words of the phase box, never 0;
    the phases a ``phase`` parameter selects are marked "(your phase)".
    """
    phases = _phases()
    events = data.load("events")
    aid = summaries.aid_phase_totals()
    aid_no_csf = summaries.aid_phase_totals(include_csf=False)
    cost = summaries.cost_of_war_phase_totals()
    drones = summaries.drone_strike_phase_totals()
    crs = _crs()
    n_years = (crs["fy_last"] - crs["fy_first"] + 1).groupby(crs["phase"]).sum()
    mine = phases_of(phase) if phase != "all" else []
    rows = []
    for pid in phases.index:
        row = {"phase": f"`{pid}` {phases.loc[pid, 'name']}"
               + (" **(your phase)**" if pid in mine else ""),
               "events": int((events["phase"] == pid).sum())}
        if pid == "cold-war":
            fact = phase_summary(pid).facts[0]
            row |= {"aid": f"{fact['value']}: {fact['measure']}", "csf": "n/a",
                    "aid_no_csf_per_year": "n/a", "cost": "no estimate", "drones": "none"}
        else:
            a, c, d, years = aid.loc[pid], cost.loc[pid], drones.loc[pid], int(n_years[pid])
            missing = a["csf_not_printed"]
            if pd.isna(a["csf_usd_m"]):
                csf = f"no CSF figure printed by CRS ({missing})"
            else:
                csf = _usd_bn(a["csf_usd_m"]) + (f" (none printed for {missing})"
                                                 if missing else "")
            row |= {"aid": f"{_usd_bn(a['total_usd_m'])} over {years} fiscal years",
                    "csf": csf,
                    "aid_no_csf_per_year": _usd_bn(aid_no_csf.loc[pid, "total_usd_m"] / years),
                    "cost": f"US$ {c['cost_usd_bn']:,.2f} bn over "
                            f"{len(c['fiscal_years'].split(', '))} fiscal years"
                            + (" (last one partial)" if c["partial"] else ""),
                    "drones": f"{int(d['strikes']):,} ({int(d['killed_min']):,}-"
                              f"{int(d['killed_max']):,})"}
        rows.append(row)
    return pd.DataFrame(rows)


def phase_table(phase: str = "all") -> Markdown:
    """Return :func:`phase_rows` as a Markdown table with the caveats to read it by.

    Parameters
    ----------
    phase
        The lesson's ``phase`` parameter: that phase is marked "(your phase)".
    """
    crs = _crs()
    block = crs[crs["fy_first"] != crs["fy_last"]].iloc[0]
    no_csf = list(crs.loc[crs["csf_status"] == "none_printed", "fy_label"])
    cow = data.load("cost_of_war")
    last = cow.loc[cow["period_end"].idxmax()]
    notes = [
        "Aid is what Congress appropriated (CRS), not what was paid out. Coalition Support Funds "
        "(CSF) reimbursed costs Pakistan incurred: they are not aid in the strict sense. CRS "
        f"printed no CSF figure for {' and '.join(no_csf)}: missing, not zero. The table, like "
        "the phase box, says \u201cno CSF figure printed by CRS\u201d there, and the aid total "
        "of that phase adds up only the components CRS printed.",
        f"`2001-2008` includes {block['fy_label']}, which CRS prints only as one "
        f"{block['fy_last'] - block['fy_first'] + 1}-year total: it is never split into years.",
        f"The CRS series ends with FY{int(crs['fy_last'].max())} and the cost estimate with "
        f"{last['fiscal_year']} (to {last['period_end']:%B %Y}): `2017-present` shows only its "
        "first years.",
        "The cost of the war is a Government of Pakistan estimate with no published method; "
        "each edition of the Economic Survey printed a different cumulative figure.",
        "Drone strikes: the Bureau of Investigative Journalism's count; killed is the range of "
        "its reports (min-max); other trackers count differently (`drone_estimates`). Events: "
        "the course timeline, a selection, not a census.",
    ]
    table = md_table(phase_rows(phase), {
        "phase": "phase", "events": "events", "aid": "US aid incl. CSF (CRS)",
        "csf": "of which CSF", "aid_no_csf_per_year": "aid excl. CSF, per year",
        "cost": "cost of the war (Economic Survey)", "drones": "US drone strikes (killed)"})
    return markdown(table.data + "\n\n**Read with care.**\n\n"
                    + "\n".join(f"- {n}" for n in notes))


def arms_shares(since: int = 2017) -> Markdown:
    """Return China's and the US's arms shares, and whether China led every period to ``since``."""
    arms = data.load("arms_imports")
    first, latest = arms.iloc[0], arms.iloc[-1]
    top = arms.loc[arms["china_share_pct"].idxmax()]
    us = arms.dropna(subset=["usa_share_pct"])
    late = arms[arms["year_last"] >= since]
    low = late.loc[late["china_share_pct"].idxmin()]
    most = (f"In every period that reaches {since} or later ({len(late)} periods) China's share "
            f"is above half (lowest {low['china_share_pct']:g}% in {low['period']})."
            if (late["china_share_pct"] > 50).all() else
            f"China's share is not above half in every period that reaches {since}.")
    return markdown(
        f"China's share of Pakistan's arms imports: {first['china_share_pct']:g}% in "
        f"{first['period']}, {latest['china_share_pct']:g}% in {latest['period']} (highest "
        f"{top['china_share_pct']:g}% in {top['period']}). {most} The US share is reported for "
        f"{len(us)} of {len(arms)} periods: "
        + ", ".join(f"{r.usa_share_pct:g}% in {r.period}" for r in us.itertuples()) + ".")


# ----------------------------------------------------------------- the papers
def _listed(paper: str, verdict: str, claim_type: str | None = None) -> str:
    rows = filter_claims(paper, verdict)
    rows = rows[rows["claim_type"] == claim_type] if claim_type else rows
    return "<br>".join(f"{r.claim_id}: {r.claim}" for r in rows.itertuples()) or "none"


def _verdicts(paper: str) -> str:
    n = _counts(paper)
    return (f"{n.sum()} claims checked: {n['supported']} supported, {n['partly_supported']} "
            f"partly supported, {n['contradicted']} contradicted "
            f"({n['contradicted'] / n.sum():.0%}), {n['unverified']} unverified")


def side_by_side() -> Markdown:
    """Return the papers side by side: lens, claim, evidence, prescription and verdicts."""
    seeds = data.load("seeds").set_index("paper_id")
    central = {
        "yousaf-ma-2025": f"After 9/11 Pakistan {_q('ym_thesis')} and chose China over the US. "
                          "The engine is RSCT: the South Asian complex and enmity with India; "
                          "the theory section claims a merger of the South and East Asian "
                          "complexes (yousaf-ma-2025 §Theoretical Framework).",
        "majeed-2024": f"The alliance was {_q('mj_success', False)} but "
                       f"{_q('mj_challenges')}.",
        "khan-2024": f"Alignment with the US was strategic bandwagoning: {_q('kh_tradeoff')}.",
    }
    evidence = {
        "yousaf-ma-2025": "Secondary literature in footnotes; a narrative of crises (Salala, "
                          "Raymond Davis, Abbottabad, drones) and of the 2005 turning points "
                          "(China-Pakistan treaty, Indo-US nuclear deal). No data of its own; "
                          "the RSC merger rests on one citation (P000-17).",
        "majeed-2024": f"A list of secondary works and think-tank pages. It says it used "
                       f"{_q('mj_methods')}, but the paper contains no data (P002-29).",
        "khan-2024": "A few headline figures (\u201cover $33 billion\u201d, \u201cover 70,000 "
                     "lives\u201d, \u201closses exceeding $150 billion\u201d) and well-known "
                     "events. No references at all (P003-25).",
    }
    prescribes = {
        "yousaf-ma-2025": f"Regional integration through China: China {_q('ym_saarc')}. "
                          "See contrast X15.",
        "majeed-2024": f"No programme, a forecast: {_q('mj_thaw')}, under Biden (P002-22).",
        "khan-2024": f"\u201cTowards a Balanced Foreign Policy\u201d, one that "
                     f"{_q('kh_balanced')}: diversify partners, build ties with the "
                     f"neighbours, and go on {_q('kh_pragmatic')}. See contrast X15.",
    }
    rows = {
        "Published": lambda p: seeds.loc[p, "published"].strftime("%B %Y"),
        "Lens": lambda p: seeds.loc[p, "lens"],
        "Central claim": central.get,
        "Evidence it uses": evidence.get,
        "What it prescribes": prescribes.get,
        "Verdicts on its claims": _verdicts,
        "Interpretations the data supports": lambda p: _listed(p, "supported", "interpretation"),
        "Claims the data contradicts": lambda p: _listed(p, "contradicted"),
    }
    table = pd.DataFrame({"row": [f"**{label}**" for label in rows]}
                         | {p: [str(cell(p)) for cell in rows.values()] for p in PAPER_IDS})
    return md_table(table, {"row": " "} | {p: f"**{NAMES[p]}** (`{p}`)" for p in PAPER_IDS})


def khan_figures() -> Markdown:
    """Return Khan's figures on aid, cost and casualties with the course's verdicts."""
    figures = data.load("paper_figures")
    big = figures[(figures["paper_id"] == "khan-2024")
                  & figures["kind"].isin(["aid", "cost", "casualties"])]
    return markdown("\n".join(
        f"- \u201c{r.quote}\u201d (khan-2024 §{r.section}; {r.claim_id}): "
        f"**{r.verdict.replace('_', ' ')}**. The data: {r.comparable_figure}. {r.note}"
        for r in big.itertuples()))


def _ids(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "none"


def _verdict_x06() -> str:
    ev, all_ev = _events(), data.load("events")
    us_in = all_ev["actors"].map(lambda a: {"USA", "IND"} <= set(a.split(";")) and "PAK" not in a)
    kinds = all_ev["category"].isin(["nuclear", "alliance_treaty", "diplomacy_visit"])
    steps = chronological(all_ev[us_in.astype(bool) & kinds & (all_ev["phase"] != "cold-war")])
    per = steps.groupby("phase", sort=False)["event_id"].apply(list)
    iv = interval("EV039", "EV040")
    crises = india_pakistan_crises()
    recent = [c.label for c in crises if c.phase == "2017-present"]
    first = _phases().loc["2017-present", "start_year"]
    nxt = next(c for c in crises if c.start > ev.loc["EV103", "date"])
    return (
        "Washington and New Delhi did draw closer: the timeline records US-India steps in every "
        "phase after 9/11 (" + "; ".join(f"`{p}`: {_ids(list(v))}" for p, v in per.items())
        + f"). Khan's claim that India used US terrorism concerns to court Washington is "
        f"supported ({_verdict('P003-11')}), and so is Majeed et al.'s that the US sees India "
        f"as a counterweight to China ({_verdict('P002-21')}). But Yousaf & Ma's 2005 trigger "
        f"does not fit the dates: the China treaty ({iv.first}) came {iv.days} days before the "
        f"nuclear statement ({iv.second}), which cannot have set it off (P000-15). Khan's "
        f"advice that {_q('kh_india')} has the least support in the record since {int(first)}: "
        f"{len(recent)} crises by lesson 07's rule ({'; '.join(recent)}), and Pakistan "
        "downgraded ties and suspended trade after India's Article 370 move (EV121). The "
        f"dialogue the timeline records began in {ev.loc['EV101', 'date'].year} (EV101, EV103); "
        f"the next crisis it records came in {nxt.label}: {ev.loc[nxt.event_ids[0], 'title']}.")


def _verdict_x12() -> str:
    ev = _events()
    return (f"The record favours Yousaf & Ma. Their treaty is real: signed on "
            f"{_when(ev.loc['EV039'])} (EV039; the date is right, the title garbled: "
            f"{_verdict('P000-14')}). Majeed et al.'s 2003 agreement was not found "
            f"({_verdict('P002-23')}): the formal markers of the US tie after 9/11 are major "
            f"non-NATO ally status, announced on {_when(ev.loc['EV037'])} (EV037) and "
            f"designated under US law on {_when(ev.loc['EV038'])} (EV038), and a 2006 joint "
            "statement. After 9/11 the China tie got a treaty; the US tie got a status.")


def _verdict_x14() -> str:
    ev = _events()
    aid = summaries.aid_phase_totals()
    return (
        f"Both are partly right. Pakistan's role is documented: it helped bring about the "
        f"US-Taliban agreement of {_when(ev.loc['EV069'])} (EV069; {_verdict('P003-21')}; "
        f"{_verdict('P002-04')}). But relevance did not bring the money back: US appropriations "
        f"for `2017-present` total {_usd_bn(aid.loc['2017-present', 'total_usd_m'])} "
        f"({aid.loc['2017-present', 'fiscal_years']}), against "
        f"{_usd_bn(aid.loc['2009-2016', 'total_usd_m'])} for `2009-2016`; security assistance "
        "had been suspended (EV065) and CSF cancelled (EV066), and the next major step was an "
        f"F-16 sustainment package notified on {_when(ev.loc['EV073'])} (EV073). Yousaf & Ma's "
        f"anxiety is borne out as well: Kabul fell to the Taliban on {_when(ev.loc['EV070'])} "
        f"(EV070), and by {_when(ev.loc['EV084'])} Pakistan and the Taliban government needed a "
        "mediated ceasefire after border clashes (EV084).")


def _verdict_x15() -> str:
    ev = _events()
    arms = data.load("arms_imports")
    latest = arms.iloc[-1]
    russia = arms[arms["other_suppliers"].fillna("").str.contains("Russia")]
    ru = (f"Russia {russia.iloc[0]['other_suppliers'].split('Russia ')[1].split(';')[0]}% in "
          f"{russia.iloc[0]['period']}, the one period for which the data name it"
          if len(russia) else "Russia in no period")
    post = ev[(ev["date"].dt.year > 2001) & ev["actors"].str.contains("RUS|IRN", regex=True)]
    fatf = (ev.loc["EV125", "date"] - ev.loc["EV118", "date"]).days / 365.25
    after_sco = [c.label for c in india_pakistan_crises() if c.start > ev.loc["EV115", "date"]]
    published = data.load("seeds").set_index("paper_id").loc["majeed-2024", "published"]
    return (
        "**Khan, leg by leg.** *Diversify:* China supplied {c:g}% of Pakistan's major arms in "
        "{p} ({ru}); the timeline holds {n_o} post-2001 events with Russia or Iran among the "
        "actors ({o}) and none with the EU, so the course cannot test that leg. "
        "*Neighbours:* for India see X06; Kabul fell to the Taliban (EV070), and in {y84} "
        "Pakistan and the Taliban government clashed on the border (EV084). *Domestic "
        "resilience:* Pakistan was on the FATF grey list for {f:.1f} years (EV118 to EV125) and "
        "needed IMF programmes in {y1} and {y2} (EV120, EV126). *Pragmatic US ties:* kept "
        "(EV073; EV081 to EV083) while the China tie deepened (EV074, EV077): holding both at "
        "once, with no side taken, is hedging as lesson 03 defines it (after Kuik), not "
        "bandwagoning ({v25}). "
        "**Yousaf & Ma.** China is a SAARC observer, not a member ({v32}). The regional body "
        "in the timeline that seats China, India and Pakistan together is the SCO, which India "
        "and Pakistan joined on {sco} (EV115); after it the timeline records {n} India-Pakistan "
        "crises ({ids}), and China and India faced off at Doklam (EV116) and clashed at "
        "Galwan (EV122). Nothing in the record suggests that China inside a regional body "
        "calms the India-Pakistan rivalry, or that India would accept China as a stabiliser. "
        "**Majeed et al.**'s thaw is a forecast ({v22}); the {y81} meetings (EV081, EV083) fit "
        "it, after the paper appeared ({pub})."
    ).format(c=latest["china_share_pct"], p=latest["period"], ru=ru, n_o=len(post),
             o="; ".join(f"{r.event_id} {r.title}" for r in post.itertuples()),
             y84=ev.loc["EV084", "date"].year, f=fatf, y1=ev.loc["EV120", "date"].year,
             y2=ev.loc["EV126", "date"].year, v25=_verdict("P003-25"), v32=_verdict("P000-32"),
             sco=_when(ev.loc["EV115"]), n=len(after_sco), ids="; ".join(after_sco),
             v22=_verdict("P002-22"), y81=ev.loc["EV081", "date"].year,
             pub=f"{published:%B %Y}")


def contrast_verdict(contrast_id: str) -> str:
    """Return the course's verdict from the data on contrast X06, X12, X14 or X15."""
    verdicts = {"X06": _verdict_x06, "X12": _verdict_x12, "X14": _verdict_x14,
                "X15": _verdict_x15}
    if contrast_id not in verdicts:
        raise ValueError(f"no verdict for {contrast_id}; choose from {', '.join(verdicts)}")
    return verdicts[contrast_id]()


def contrast_cards(ids: list[str], *, verdicts: bool = False) -> Markdown:
    """Return contrasts as cards: positions, evidence and (``verdicts``) the course's verdict.

    Parameters
    ----------
    ids
        Contrast ids (``"X01"`` ...), in the order to show them.
    verdicts
        Add the course's verdict from the data where :func:`contrast_verdict` has one.
    """
    contrasts = data.load("contrasts").set_index("contrast_id")

    def sections(paper: str, cell: str) -> str:
        return "; ".join(f"{paper} §{s.strip()}" for s in cell.split(";"))

    parts = []
    for cid in ids:
        c = contrasts.loc[cid]
        verdict = (f"- *The course's verdict from the data:* {contrast_verdict(cid)}\n"
                   if verdicts and cid in VERDICT_CONTRASTS else "")
        parts.append(
            f"**{cid}. {c['topic']}**\n\n"
            f"- **{NAMES[c['paper_a']]}:** {c['position_a']} "
            f"({sections(c['paper_a'], c['sections_a'])})\n"
            f"- **{NAMES[c['paper_b']]}:** {c['position_b']} "
            f"({sections(c['paper_b'], c['sections_b'])})\n"
            f"- *The third paper and the evidence:* {c['note']}\n{verdict}")
    return markdown("\n".join(parts))


# ----------------------------------------------------------------- exercises
def interpretive_verdicts() -> pd.DataFrame:
    """Return the verdicts on each paper's interpretive claims (papers x verdicts)."""
    claims = data.load("claims")
    interp = claims[claims["claim_type"] == "interpretation"]
    table = pd.crosstab(interp["paper_id"], interp["verdict"])
    return table.reindex(index=list(PAPER_IDS), columns=list(VERDICTS), fill_value=0)


#: What a claim is, where the model answer needs to say it.
_ROLE = {"P000-17": "its central theoretical claim", "P000-34": "a sentence against its own "
         "thesis", "P002-29": "its account of its own method", "P002-02": "its main claim about "
         "regional stability"}


def interpretive_answer() -> Markdown:
    """Return the model answer to Exercise 1, worded from the verdict counts."""
    table = interpretive_verdicts()
    interp = data.load("claims").set_index("claim_id")
    interp = interp[interp["claim_type"] == "interpretation"]
    lines, share, contra = [], {}, {}
    for paper in PAPER_IDS:
        n = int(table.loc[paper].sum())
        share[paper] = table.loc[paper, "contradicted"] / n
        contra[paper] = int(_counts(paper)["contradicted"])
        parts = []
        for v in VERDICTS:
            ids = interp[(interp["paper_id"] == paper) & (interp["verdict"] == v)].index
            named = "; ".join(i + (f", {_ROLE[i]}" if i in _ROLE else "") for i in ids)
            if len(ids):
                parts.append(f"{share_words(len(ids), n)} {v.replace('_', ' ')} ({named})")
        lines.append(f"- **{NAMES[paper]}** ({contra[paper] or 'no'} contradicted claims in "
                     f"all): of its {n} interpretive claims, " + "; ".join(parts) + ".")
    worst, most = max(share, key=share.get), max(contra, key=contra.get)
    note = (f" The paper by {NAMES[most]}, with the most contradicted claims in all, has "
            f"{share[most]:.0%} of its interpretations contradicted: its errors are mostly "
            "dates, names and figures." if most != worst else "")
    return markdown(
        "**Model answer.** Yes, the picture shifts.\n\n" + "\n".join(lines) + "\n\n"
        f"On interpretation the weakest paper is {NAMES[worst]}'s, with {share[worst]:.0%} of "
        f"its interpretive claims contradicted.{note} Lesson: judge a paper's argument by its "
        "interpretive claims, and its care by its facts.")


@dataclass(frozen=True)
class AidPeak:
    """Exercise 2: the peak year of US aid (CRS), the FY2002-07 block and the Greenbook."""

    peak: pd.Series
    block: pd.Series
    block_years: int
    greenbook_peak: int
    greenbook_peak_usd_m: float


def aid_peak() -> AidPeak:
    """Return the peak CRS year (FY2013 CSF revised), the block and the Greenbook's peak."""
    crs = _crs()
    single = crs[crs["fy_first"] == crs["fy_last"]]
    peak = single.loc[single["total_revised_usd_m"].idxmax()]
    block = crs[crs["fy_first"] != crs["fy_last"]].iloc[0]
    gb = data.load("aid_greenbook")
    gb = gb[(gb["recipient"] == "PAK") & (gb["fiscal_year"] >= 2002)]
    total = gb["economic_current_usd_m"] + gb["military_current_usd_m"]
    return AidPeak(peak, block, int(block["fy_last"] - block["fy_first"] + 1),
                   int(gb.loc[total.idxmax(), "fiscal_year"]), float(total.max()))


def aid_peak_answer(result: AidPeak | None = None) -> Markdown:
    """Return the model answer to Exercise 2 from :func:`aid_peak`."""
    r = result or aid_peak()
    peak, block = r.peak, r.block
    agree = ("the same year" if f"FY{r.greenbook_peak}" == peak["fy_label"]
             else "a different year")
    name = _phases().loc[peak["phase"], "name"]
    return markdown(
        f"(a) The largest single year is {peak['fy_label']}, "
        f"{_usd_bn(peak['total_revised_usd_m'])}, in the phase `{peak['phase']}`, the one "
        f"Khan calls {name}.\n\n"
        f"(b) {block['fy_label']} totals {_usd_bn(block['total_usd_m'])} over {r.block_years} "
        f"years, {_usd_bn(block['total_usd_m'] / r.block_years)} a year on average. One year "
        f"inside it would need {peak['total_revised_usd_m'] / block['total_usd_m']:.0%} of the "
        f"whole block to beat {peak['fy_label']}: possible in arithmetic, but the yearly "
        "Greenbook figures in (c) give no sign of it.\n\n"
        f"(c) The Greenbook, a different measure, peaks in FY{r.greenbook_peak} "
        f"({_usd_bn(r.greenbook_peak_usd_m)}): {agree}.\n\n"
        "So Khan's \u201cpeak\u201d describes political closeness (MNNA, EV038), not material "
        "support, which rose with the Kerry-Lugar-Berman Act (EV050) in the phase of "
        "\u201cDiverging Interests\u201d (P003-14, P003-15).")
