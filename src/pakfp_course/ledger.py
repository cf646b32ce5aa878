"""The bandwagoning ledger: what alignment with the US brought and cost, by estimate.

The "ledger" of Pakistan's alignment depends on which estimates one trusts. Each
choice below is a named, sourced estimate; :func:`ledger_table` lines up the
chosen benefit and cost per phase (or for the whole period, where an estimate
is a single lump sum) so a lesson can show how the verdict moves.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import data, summaries
from .errors import UnknownChoiceError
from .phases import PHASE_IDS, phase_for_period

__all__ = [
    "AID_ESTIMATES",
    "COST_ESTIMATES",
    "LIVES_ESTIMATES",
    "Estimate",
    "ledger_table",
    "lives_estimate",
]


@dataclass(frozen=True)
class Estimate:
    """A named estimate the student can choose."""

    key: str
    label: str
    description: str


AID_ESTIMATES: dict[str, Estimate] = {e.key: e for e in [
    Estimate("crs_with_csf", "US aid incl. Coalition Support Funds (CRS appropriations)",
             "All CRS appropriations FY2002-FY2018, with CSF reimbursements (FY2013 revised)."),
    Estimate("crs_without_csf", "US aid excl. Coalition Support Funds (CRS appropriations)",
             "Security and economic appropriations only: CSF were reimbursements for costs "
             "Pakistan incurred, not aid."),
    Estimate("greenbook", "US aid obligations (USAID Greenbook, current US$)",
             "Economic and military obligations FY2002-FY2019; no CSF."),
]}

COST_ESTIMATES: dict[str, Estimate] = {e.key: e for e in [
    Estimate("survey_2017_18", "Economic Survey 2017-18, by fiscal year",
             "Government of Pakistan estimate per fiscal year, 2001-02 to Feb 2018."),
    Estimate("survey_2014_15", "Economic Survey 2014-15 (cumulative, earlier edition)",
             "An earlier edition's cumulative estimate, to 2014-15."),
    Estimate("political_2021", "2021 political figure quoted by Khan (2024)",
             "'Losses exceeding $150 billion': a 2021 figure with no published method."),
]}

LIVES_ESTIMATES: dict[str, Estimate] = {e.key: e for e in [
    Estimate("costs_of_war_2018", "Costs of War, direct deaths 2001-Oct 2018 (approx.)",
             "Includes militants killed in military operations."),
    Estimate("costs_of_war_2013", "Costs of War, direct deaths Oct 2001-Sep 2013 (low-high)",
             "Low and high estimates by category, summed by the source."),
    Estimate("political_2021", "2021 political figure quoted by Khan (2024)",
             "'Over 70,000 lives'."),
]}


def _check(key: str, table: dict[str, Estimate], kind: str) -> Estimate:
    if key not in table:
        raise UnknownChoiceError(kind, key, table)
    return table[key]


def _paper_figure(claim_id: str) -> pd.Series:
    figures = data.load("paper_figures")
    row = figures[figures["claim_id"] == claim_id]
    return row.iloc[0]


def _aid_by_phase(key: str) -> pd.DataFrame:
    if key.startswith("crs"):
        totals = summaries.aid_phase_totals(include_csf=key == "crs_with_csf")
        aid = data.load("aid_crs")
        sid = ";".join(sorted(set(aid["source_id"])))
        return pd.DataFrame({"aid_usd_bn": totals["total_usd_m"].astype(float) / 1000,
                             "aid_source_id": sid}, index=totals.index)
    gb = data.load("aid_greenbook")
    gb = gb[(gb["recipient"] == "PAK") & (gb["fiscal_year"] >= 2002)]
    gb = gb.assign(
        phase=[phase_for_period(*summaries.fiscal_year_dates(y, y)) for y in gb["fiscal_year"]],
        total=gb["economic_current_usd_m"] + gb["military_current_usd_m"],
    )
    out = gb.groupby("phase", sort=False)["total"].sum() / 1000
    return pd.DataFrame({"aid_usd_bn": out,
                         "aid_source_id": ";".join(sorted(set(gb["source_id"])))})


def _cost_by_phase(key: str) -> pd.DataFrame:
    if key == "survey_2017_18":
        cost = summaries.cost_of_war_phase_totals()
        sid = ";".join(sorted(set(data.load("cost_of_war")["source_id"])))
        return pd.DataFrame({"cost_usd_bn": cost["cost_usd_bn"], "cost_source_id": sid})
    if key == "survey_2014_15":
        vintages = data.load("cost_of_war_vintages").set_index("survey_edition")
        row = vintages.loc["Pakistan Economic Survey 2014-15"]
        return pd.DataFrame({"cost_usd_bn": [row["cumulative_usd_bn"]],
                             "cost_source_id": [row["source_id"]]}, index=["all"])
    figure = _paper_figure("P003-08")
    return pd.DataFrame({"cost_usd_bn": [float(figure["value"])],
                         "cost_source_id": ["SEED003;ARABNEWS_2021"]}, index=["all"])


def ledger_table(aid: str = "crs_with_csf", cost: str = "survey_2017_18") -> pd.DataFrame:
    """Line up benefits and costs of alignment, per phase where both allow it.

    Parameters
    ----------
    aid
        A key of :data:`AID_ESTIMATES`.
    cost
        A key of :data:`COST_ESTIMATES`.

    Returns
    -------
    pandas.DataFrame
        Indexed by phase id (``2001-2008`` ...), or by ``"all"`` when the cost
        estimate is one lump sum; columns ``aid_usd_bn``, ``cost_usd_bn``,
        ``aid_label``, ``cost_label``, ``source_id`` and ``aid_share_of_cost``.
    """
    aid_est = _check(aid, AID_ESTIMATES, "aid estimate")
    cost_est = _check(cost, COST_ESTIMATES, "cost estimate")
    aid_frame = _aid_by_phase(aid)
    cost_frame = _cost_by_phase(cost)
    if list(cost_frame.index) == ["all"]:
        aid_frame = pd.DataFrame({
            "aid_usd_bn": [aid_frame["aid_usd_bn"].sum()],
            "aid_source_id": [aid_frame["aid_source_id"].iloc[0]],
        }, index=["all"])
    table = aid_frame.join(cost_frame, how="outer")
    order = [p for p in (*PHASE_IDS, "all") if p in table.index]
    table = table.loc[order]
    table["aid_label"] = aid_est.label
    table["cost_label"] = cost_est.label
    table["source_id"] = table["aid_source_id"].fillna("") + ";" + table["cost_source_id"]
    table["source_id"] = table["source_id"].str.strip(";")
    table["aid_share_of_cost"] = table["aid_usd_bn"] / table["cost_usd_bn"]
    return table.drop(columns=["aid_source_id", "cost_source_id"])


def lives_estimate(key: str = "costs_of_war_2018") -> dict[str, object]:
    """Return a lives-lost estimate: ``low``, ``high`` (may equal low), ``label``, ``source_id``."""
    est = _check(key, LIVES_ESTIMATES, "lives estimate")
    if key == "political_2021":
        figure = _paper_figure("P003-09")
        value = int(figure["value"])
        return {"low": value, "high": value, "label": est.label,
                "source_id": "SEED003;ARABNEWS_2021"}
    deaths = data.load("war_deaths")
    if key == "costs_of_war_2018":
        row = deaths[deaths["period_label"] == "2001-Oct 2018"].iloc[0]
    else:
        row = deaths[(deaths["period_label"] == "Oct 2001-Sep 2013") & deaths["is_total"]].iloc[0]
    high = row["deaths_high"] if pd.notna(row["deaths_high"]) else row["deaths_low"]
    return {"low": int(row["deaths_low"]), "high": int(high), "label": est.label,
            "source_id": row["source_id"]}
