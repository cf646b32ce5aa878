"""Lesson 00 (Start here): the figures the orientation lesson states, computed from the data.

- :func:`fy2002_2007` / :func:`fy2002_2007_table`: the years FY2002-FY2007 in the
  two US aid sources: one CRS appropriations block, the Greenbook's yearly
  obligations;
- :func:`csf_not_printed`: the fiscal years for which CRS printed no Coalition
  Support Funds figure (the phase box's "no CSF figure printed by CRS");
- :func:`khan_33_check`: Khan's "over $33 billion" against the CRS sums, with
  CSF counted only where CRS printed it;
- :func:`papers_table`, :func:`verdict_summary`, :func:`aid_peak`: the papers,
  the verdicts per paper, and the peak year of US aid.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import data, explore, summaries
from ..explore import usd_bn
from ..lesson import markdown

__all__ = [
    "BLOCK",
    "Block",
    "aid_peak",
    "csf_not_printed",
    "fy2002_2007",
    "fy2002_2007_table",
    "khan_33_check",
    "papers_table",
    "verdict_summary",
]

#: The CRS label of the six fiscal years CRS prints as one appropriation figure.
BLOCK = "FY2002-FY2007"


@dataclass(frozen=True)
class Block:
    """FY2002-FY2007 in the two sources: one CRS figure, six Greenbook years."""

    crs: pd.Series
    greenbook: pd.DataFrame

    @property
    def greenbook_total(self) -> float:
        """The Greenbook's obligations summed over the block's years (current US$ m)."""
        return float(self.greenbook["total_usd_m"].sum())


def fy2002_2007() -> Block:
    """Return the CRS block FY2002-FY2007 and the Greenbook's obligations for its years.

    ``crs`` is the CRS row as printed (appropriations, US$ m, with CSF);
    ``greenbook`` has one row per fiscal year with economic, military and total
    obligations in current US$ m (the Greenbook leaves CSF out).
    """
    crs = data.load("aid_crs").set_index("fy_label").loc[BLOCK]
    gb = data.load("aid_greenbook")
    years = range(int(crs["fy_first"]), int(crs["fy_last"]) + 1)
    gb = gb[(gb["recipient"] == "PAK") & gb["fiscal_year"].isin(years)].sort_values(
        "fiscal_year")
    frame = pd.DataFrame({
        "fiscal_year": gb["fiscal_year"].to_numpy(),
        "economic_usd_m": gb["economic_current_usd_m"].to_numpy(),
        "military_usd_m": gb["military_current_usd_m"].to_numpy(),
    })
    frame["total_usd_m"] = frame["economic_usd_m"] + frame["military_usd_m"]
    return Block(crs, frame)


def fy2002_2007_table() -> Markdown:
    """Return the Greenbook's years FY2002-FY2007 beside the one CRS figure, and what each is."""
    block = fy2002_2007()
    crs = block.crs
    rows = "\n".join(
        f"| FY{r.fiscal_year} | {r.economic_usd_m:,.1f} | {r.military_usd_m:,.1f} | "
        f"{r.total_usd_m:,.1f} |" for r in block.greenbook.itertuples())
    non_csf = crs["security_usd_m"] + crs["economic_usd_m"]
    peak = block.greenbook.loc[block.greenbook["total_usd_m"].idxmax()]
    return markdown(
        "**USAID Greenbook (`aid_greenbook`): obligations, year by year** (current US$ m; "
        "no CSF)\n\n| fiscal year | economic | military | total |\n|---|---|---|---|\n"
        f"{rows}\n| **FY{block.greenbook['fiscal_year'].min()}–FY"
        f"{block.greenbook['fiscal_year'].max()}** | | | **{block.greenbook_total:,.1f}** |\n\n"
        f"**CRS (`aid_crs`): appropriations, one figure for {BLOCK}**: "
        f"{usd_bn(crs['total_usd_m'])}, of which {usd_bn(crs['csf_usd_m'])} Coalition Support "
        f"Funds and {usd_bn(non_csf)} security- and economic-related aid.\n\n"
        f"So the years *can* be ranked, but only as obligations: in the Greenbook, "
        f"FY{int(peak['fiscal_year'])} has the most ({usd_bn(peak['total_usd_m'])}). The CRS "
        f"block cannot be split, and the two sums measure different things (money Congress "
        f"voted vs money agencies committed, with and without CSF), so neither source can "
        f"stand in for the other's years.")


def csf_not_printed() -> str:
    """Return the fiscal years with no CSF figure printed by CRS, e.g. ``"FY2017, FY2018"``."""
    totals = summaries.aid_phase_totals("all")
    return ", ".join(s for s in totals["csf_not_printed"] if s)


def khan_33_check() -> Markdown:
    """Return the check of Khan's "over $33 billion" (2002-2018) against the CRS sums.

    CSF is summed only over the years CRS printed a figure; the years it did not
    are named, never counted as zero.
    """
    totals = summaries.aid_phase_totals("all")
    total = int(totals["total_usd_m"].sum())
    csf = int(totals["csf_usd_m"].sum(skipna=True))  # phases with no printed CSF add nothing
    rest = int((totals["security_usd_m"] + totals["economic_usd_m"]).sum())
    printed = data.load("aid_crs_totals").set_index("total_id")
    crs_total = printed[(printed["fy_first"] == 2002) & (printed["fy_last"] == 2018)]
    same = ""
    if len(crs_total) and int(crs_total["total_usd_m"].iloc[0]) == total:
        same = (f" This is the total CRS itself printed for FY2002–FY2018 "
                f"({crs_total.index[0]}, dataset `aid_crs_totals`).")
    return markdown(
        f"Summed over FY2002–FY2018, the CRS tables give **{usd_bn(total)}** appropriated: "
        f"**{usd_bn(rest)}** security- and economic-related aid and **{usd_bn(csf)}** "
        f"Coalition Support Funds. The CSF sum covers only the years CRS printed a figure for: "
        f"for {csf_not_printed()} it printed none, so those years are missing from it, not "
        f"zero. (The FY2013 CSF figure is the later CRS revision, derived in code: the "
        f"cross-hatched bar.){same}\n\n"
        f"So \"over $33 billion\" is right, as a total of **appropriations**. But Khan calls "
        f"all of it \"compensation\" for Pakistan's role in the war; strictly, only the CSF "
        f"reimbursements were. The `paper_figures` dataset records this check (row `PF102`). "
        f"Which source does it rest on?")


def papers_table() -> Markdown:
    """Return the three papers as the ``seeds`` dataset records them."""
    seeds = data.load("seeds")
    rows = []
    for paper in seeds.itertuples():
        where = (f"{paper.journal}, {paper.details}" if isinstance(paper.journal, str)
                 else paper.details)
        rows.append(f"| `{paper.paper_id}` | {paper.authors.replace(';', ',')} | "
                    f"*{paper.title}* | {paper.published:%d %B %Y} | {where} | {paper.lens} |")
    return markdown("| paper id | authors | title | published | where | lens |\n"
                    "|---|---|---|---|---|---|\n" + "\n".join(rows))


def verdict_summary() -> Markdown:
    """Return each paper's checked claims counted by verdict."""
    lines = []
    for paper in explore.PAPER_IDS:
        counts = explore.verdict_counts(paper)
        found = ", ".join(f"{n} {verdict.replace('_', ' ')}" for verdict, n in counts.items())
        lines.append(f"- **{paper}**: {counts.sum()} claims checked: {found}.")
    return markdown("\n".join(lines) + "\n\nThe counts reflect how much each paper asserts as "
                    "well as how careful it is: a long paper makes more claims. A verdict is "
                    "about one claim, not a grade for the paper.")


def aid_peak() -> Markdown:
    """Return the year US aid appropriations peaked (among single CRS years) and its phase."""
    aid = summaries.aid_crs_revised()
    single = aid[(aid["fy_first"] == aid["fy_last"]) & (aid["figure_status"] != "request")]
    peak = single.loc[single["total_revised_usd_m"].idxmax()]
    return markdown(
        f"Among the years CRS prints one by one, US aid appropriations peaked in "
        f"**{peak['fy_label']}** at **{usd_bn(peak['total_revised_usd_m'])}**: in phase "
        f"`{peak['phase']}`, the phase Khan calls *diverging interests*. (CRS prints "
        f"{BLOCK} as one block, so its years cannot enter this ranking; the Greenbook's "
        f"yearly obligations, in section 5, can be ranked.) That is why the course rates her "
        f"three-phase scheme **partly supported** (claim P003-14): the breakpoints are "
        f"defensible, but the phases describe political mood rather than material ties. Other "
        f"papers cut the period differently (contrast X09). Phases are a tool for thinking, "
        f"not a fact.")
