"""Figures derived from the course data: revisions and totals per phase.

Nothing derived is stored in ``course_data/``; it is computed here, from the
printed figures, so a lesson can show the working.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from . import data
from .phases import PHASE_IDS, check_phase, phase_for_period

__all__ = [
    "aid_crs_revised",
    "aid_phase_totals",
    "cost_of_war_phase_totals",
    "drone_strike_phase_totals",
    "fiscal_year_dates",
]


def fiscal_year_dates(fy_first: int, fy_last: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first and last day of US fiscal years ``fy_first`` to ``fy_last``.

    A US fiscal year runs from 1 October of the previous calendar year to 30 September.
    """
    return pd.Timestamp(fy_first - 1, 10, 1), pd.Timestamp(fy_last, 9, 30)


def aid_crs_revised() -> pd.DataFrame:
    """Return ``aid_crs`` with CSF figures that CRS revised later, derived from its totals.

    A CSF figure marked as an estimate (``csf_status == "estimate_revised_later"``)
    is revised by the difference between the newest printed cumulative CSF
    total covering its year and the sum of the yearly CSF rows over that range.
    Adds ``csf_revised_usd_m``, ``total_revised_usd_m``, ``csf_derived`` (True
    where the revised value is derived rather than printed) and ``phase``. A fresh
    copy each call, computed once per data store (the data cannot change while a
    lesson runs).
    """
    return _aid_crs_revised(data.default()).copy()


@lru_cache(maxsize=4)
def _aid_crs_revised(store: data.CourseData) -> pd.DataFrame:
    aid = store.load("aid_crs")
    totals = store.load("aid_crs_totals")
    aid["csf_revised_usd_m"] = aid["csf_usd_m"]
    aid["csf_derived"] = pd.array([False] * len(aid), dtype="boolean")
    for i in aid.index[aid["csf_status"] == "estimate_revised_later"]:
        fy = aid.at[i, "fy_last"]
        covering = totals[(totals["fy_first"] <= fy) & (totals["fy_last"] >= fy)]
        if covering.empty:
            continue
        newest = covering.sort_values(["crs_table_date", "fy_last"]).iloc[-1]
        in_range = (aid["fy_first"] >= newest["fy_first"]) & (aid["fy_last"] <= newest["fy_last"])
        shortfall = newest["csf_usd_m"] - aid.loc[in_range, "csf_usd_m"].sum()
        aid.at[i, "csf_revised_usd_m"] = aid.at[i, "csf_usd_m"] + shortfall
        aid.at[i, "csf_derived"] = True
    aid["total_revised_usd_m"] = (
        aid["total_usd_m"] - aid["csf_usd_m"].fillna(0) + aid["csf_revised_usd_m"].fillna(0)
    )
    aid["phase"] = [
        phase_for_period(*fiscal_year_dates(a, b))
        for a, b in zip(aid["fy_first"], aid["fy_last"], strict=True)
    ]
    return aid


def _phase_frame(values: pd.DataFrame, phase: str, what: str) -> pd.DataFrame:
    """Return the rows of ``phase`` (all, in phase order, for ``"all"``) as a new frame."""
    check_phase(phase)
    order = [p for p in PHASE_IDS if p in set(values.index)]
    if phase != "all" and phase not in order:
        raise ValueError(f"the {what} data do not cover phase {phase!r}; phases covered: "
                         f"{', '.join(order)} (or 'all')")
    values = values.reindex(order)
    return (values if phase == "all" else values.loc[[phase]]).copy()  # the cache's stays


def aid_phase_totals(phase: str = "all", *, include_csf: bool = True,
                     revised_csf: bool = True) -> pd.DataFrame:
    """Return US aid appropriations (CRS) summed per phase, in US$ millions.

    Budget requests are left out. Columns: ``security_usd_m``, ``economic_usd_m``,
    ``csf_usd_m`` and ``total_usd_m`` (the sum of the components chosen), plus
    ``fiscal_years`` (the CRS labels summed) and ``csf_not_printed`` (the labels
    for which CRS printed no CSF figure, e.g. ``"FY2017, FY2018"``).

    A fiscal year with no printed CSF figure adds nothing to ``csf_usd_m`` and is
    named in ``csf_not_printed``; a phase with no printed CSF figure at all has
    ``csf_usd_m`` missing (``<NA>``), not 0, and its ``total_usd_m`` is the sum of
    the components that were printed. With ``include_csf=False`` CSF is left out on
    request and ``csf_usd_m`` is 0.
    """
    return _phase_frame(_aid_phase_totals(data.default(), include_csf, revised_csf), phase,
                        "CRS aid")


@lru_cache(maxsize=16)
def _aid_phase_totals(store: data.CourseData, include_csf: bool, revised_csf: bool
                      ) -> pd.DataFrame:
    aid = _aid_crs_revised(store)
    aid = aid[aid["figure_status"] != "request"]
    csf = aid["csf_revised_usd_m"] if revised_csf else aid["csf_usd_m"]
    frame = pd.DataFrame({
        "phase": aid["phase"],
        "security_usd_m": aid["security_usd_m"],
        "economic_usd_m": aid["economic_usd_m"],
        "csf_usd_m": csf if include_csf else 0,
        "fy_label": aid["fy_label"],
        "csf_missing": aid["fy_label"].where(csf.isna() & include_csf),
    })
    out = frame.groupby("phase", sort=False).agg(
        security_usd_m=("security_usd_m", "sum"),
        economic_usd_m=("economic_usd_m", "sum"),
        csf_usd_m=("csf_usd_m", lambda s: s.sum(min_count=1)),
        fiscal_years=("fy_label", lambda s: ", ".join(s)),
        csf_not_printed=("csf_missing", lambda s: ", ".join(s.dropna())),
    )
    out["total_usd_m"] = (out["security_usd_m"] + out["economic_usd_m"]
                          + out["csf_usd_m"].fillna(0))
    ints = {c: "Int64" for c in out.columns if c.endswith("_m")}
    return out.astype(ints)


def cost_of_war_phase_totals(phase: str = "all") -> pd.DataFrame:
    """Return the Economic Survey's cost of the war summed per phase, in US$ billions."""
    return _phase_frame(_cost_of_war_phase_totals(data.default()), phase, "cost of war")


@lru_cache(maxsize=4)
def _cost_of_war_phase_totals(store: data.CourseData) -> pd.DataFrame:
    cost = store.load("cost_of_war")
    cost["phase"] = [
        phase_for_period(a, b) for a, b in zip(cost["period_start"], cost["period_end"],
                                               strict=True)
    ]
    out = cost.groupby("phase", sort=False).agg(
        cost_usd_bn=("cost_usd_bn", "sum"),
        fiscal_years=("fiscal_year", lambda s: ", ".join(s)),
        partial=("partial_period", "any"),
    )
    out["cost_usd_bn"] = out["cost_usd_bn"].round(2)
    return out


def drone_strike_phase_totals(phase: str = "all") -> pd.DataFrame:
    """Return US drone strikes in Pakistan (TBIJ) summed per phase, with min-max bounds."""
    return _phase_frame(_drone_strike_phase_totals(data.default()), phase, "drone strike")


@lru_cache(maxsize=4)
def _drone_strike_phase_totals(store: data.CourseData) -> pd.DataFrame:
    strikes = store.load("drone_strikes")
    strikes["phase"] = [phase_for_period(f"{y}-01-01", f"{y}-12-31") for y in strikes["year"]]
    cols = ["strikes", "killed_min", "killed_max", "civilians_min", "civilians_max"]
    return strikes.groupby("phase", sort=False)[cols].sum()
