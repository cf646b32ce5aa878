"""Tidy the sourced reference tables into the course's own CSV schema.

Maintainer tool, not part of the installed package. It reads the raw tables in
``../shared/reference`` (see that folder's README) and writes the mechanical
datasets of ``course_data/``. Authored datasets (``phases``, ``rsct_relations``,
``paper_figures``, ``seeds``, ``quiz``) are written by hand and left alone.

Rules: no number is changed; rows that the reference computed itself (sums,
totals marked "computed here" or "derived") are dropped, because the package
computes them in code; every row keeps its ``source_id``; caveats stay in
``note`` columns.

Usage::

    python tools/tidy_reference.py [--reference ../shared/reference] [--out course_data]

Afterwards run ``python tools/write_datapackage.py`` to refresh hashes.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAPER_IDS = {
    "000_4f1ace762c57714e.txt": "yousaf-ma-2025",
    "002_0428bcfca8392b19.txt": "majeed-2024",
    "003_5a6532d90f0a1359.txt": "khan-2024",
}
PAPER_SOURCE = {"yousaf-ma-2025": "SEED000", "majeed-2024": "SEED002", "khan-2024": "SEED003"}

MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}
MONTH_END = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}

Row = dict[str, str]


def read(reference: Path, name: str) -> list[Row]:
    with open(reference / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(out: Path, name: str, header: list[str], rows: Iterable[Row]) -> None:
    """Write ``rows`` atomically (temp file in the same folder, then rename)."""
    target = out / f"{name}.csv"
    fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: row.get(k, "") for k in header})
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def ids(value: str) -> str:
    """Normalise a ``;``-separated source-id cell to ``A;B``."""
    return ";".join(p.strip() for p in value.split(";") if p.strip())


def num(value: str) -> str:
    """Return a plain number from a cell, or '' if empty (never guesses)."""
    value = value.strip()
    if not value:
        return ""
    if not re.fullmatch(r"-?\d+(\.\d+)?", value):
        raise ValueError(f"not a plain number: {value!r}")
    return value


def month_end(year: int, month: int) -> str:
    leap = month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
    return f"{year:04d}-{month:02d}-{MONTH_END[month] + leap:02d}"


# --------------------------------------------------------------------------- aid


def aid_crs(ref: Path) -> tuple[list[Row], list[Row]]:
    years = []
    for r in read(ref, "us_aid_crs.csv"):
        status = r["figure_status"]
        if status.startswith("budget request"):
            figure_status = "request"
        elif "aggregate" in status:
            figure_status = "appropriation_aggregate"
        else:
            figure_status = "appropriation"
        if not r["csf_reimbursements_usd_millions"]:
            csf_status = "none_printed"
        elif "estimate" in status:
            csf_status = "estimate_revised_later"
        else:
            csf_status = "printed"
        note = r["note"]
        if status not in ("appropriation",):
            note = f"CRS status: {status}. {note}".strip()
        years.append(
            {
                "fy_label": r["fiscal_year_label"],
                "fy_first": r["fiscal_year_start"],
                "fy_last": r["fiscal_year_end"],
                "security_usd_m": num(r["security_related_usd_millions"]),
                "economic_usd_m": num(r["economic_related_usd_millions"]),
                "csf_usd_m": num(r["csf_reimbursements_usd_millions"]),
                "total_usd_m": num(r["grand_total_usd_millions"]),
                "figure_status": figure_status,
                "csf_status": csf_status,
                "crs_table_date": r["crs_table_date"],
                "source_id": ids(r["source_id"]),
                "note": note,
            }
        )
    totals = []
    for r in read(ref, "us_aid_crs_cumulative.csv"):
        if "computed here" in r["note"].lower() or "sum of" in r["period_label"]:
            continue  # a sum made by the reference compiler: the package computes it
        m = re.match(r"FY(\d{4})-FY(\d{4})", r["period_label"])
        assert m, r["period_label"]
        totals.append(
            {
                "total_id": f"FY{m[1]}-FY{m[2]}@{r['crs_table_date']}",
                "period_label": r["period_label"],
                "fy_first": m[1],
                "fy_last": m[2],
                "security_usd_m": num(r["security_related_usd_millions"]),
                "economic_usd_m": num(r["economic_related_usd_millions"]),
                "csf_usd_m": num(r["csf_reimbursements_usd_millions"]),
                "total_usd_m": num(r["grand_total_usd_millions"]),
                "crs_table_date": r["crs_table_date"],
                "source_id": ids(r["source_id"]),
                "note": r["note"],
            }
        )
    return years, totals


def aid_greenbook(ref: Path) -> list[Row]:
    code = {"Pakistan": "PAK", "India": "IND"}
    return [
        {
            "recipient": code[r["recipient"]],
            "fiscal_year": r["fiscal_year"],
            "economic_current_usd_m": num(r["economic_obligations_current_usd_millions"]),
            "military_current_usd_m": num(r["military_obligations_current_usd_millions"]),
            "economic_const2019_usd_m": num(r["economic_obligations_constant2019_usd_millions"]),
            "military_const2019_usd_m": num(r["military_obligations_constant2019_usd_millions"]),
            "source_id": ids(r["source_id"]),
        }
        for r in read(ref, "us_aid_greenbook_by_year.csv")
    ]


def aid_narrative(ref: Path) -> list[Row]:
    rows = []
    for i, r in enumerate(read(ref, "us_aid_periods_narrative.csv"), start=1):
        if not r["narrative_figure_usd_millions"]:
            continue  # no narrative figure: nothing was quoted, so nothing to keep
        first, last = r["period"].split("-")
        rows.append(
            {
                "narrative_id": f"N{i:02d}",
                "year_first": first,
                "year_last": last,
                "aid_type": r["aid_type"],
                "narrative_usd_m": num(r["narrative_figure_usd_millions"]),
                "wording": r["narrative_wording"],
                "source_id": ids(r["narrative_source_id"]),
                "note": r["note"],
            }
        )
    return rows


# ---------------------------------------------------------------- cost of war


def cost_of_war(ref: Path) -> list[Row]:
    rows = []
    for r in read(ref, "cost_of_war_pes.csv"):
        a, b = r["pakistan_fiscal_year"].split("-")
        start_year = int(a)
        end_year = start_year + 1
        assert f"{end_year % 100:02d}" == b, r
        partial = "only" in r["coverage_note"]
        end = f"{end_year}-06-30"
        if partial:
            m = re.match(r"July-(\w+) only", r["coverage_note"])
            assert m, r["coverage_note"]
            month = MONTHS[m[1][:3].lower()]
            end = month_end(end_year, month)
        rows.append(
            {
                "fiscal_year": r["pakistan_fiscal_year"],
                "period_start": f"{start_year}-07-01",
                "period_end": end,
                "partial_period": "true" if partial else "false",
                "cost_usd_bn": num(r["cost_usd_billions"]),
                "coverage_note": r["coverage_note"],
                "survey_edition": r["survey_edition_reporting_value"],
                "other_estimates": r["earlier_or_alternative_estimates"],
                "source_id": ids(r["source_id"]),
            }
        )
    return rows


def _survey_end(period: str) -> str:
    m = re.search(r"to (\d{4})-(\d{2})$", period)
    if m:  # "2001-02 to 2010-11": Pakistani fiscal year ends 30 June
        return f"{int(m[1]) + 1}-06-30"
    m = re.search(r"to (\w+) (\d{4})$", period)
    assert m, period
    return month_end(int(m[2]), MONTHS[m[1][:3].lower()])


def cost_of_war_vintages(ref: Path) -> list[Row]:
    rows = []
    for r in read(ref, "cost_of_war_by_survey.csv"):
        printed = r["cumulative_cost_usd_billions"]
        m = re.match(r"(\d+(?:\.\d+)?)(.*)", printed)
        assert m, printed
        rows.append(
            {
                "survey_edition": r["survey_edition"],
                "period_covered": r["period_covered"],
                "period_end": _survey_end(r["period_covered"]),
                "cumulative_usd_bn": m[1],
                "approximate": "true" if "approx" in m[2] else "false",
                "as_printed": printed,
                "source_id": ids(r["source_id"]),
                "note": r["note"],
            }
        )
    return rows


# ------------------------------------------------------------------- violence


def drone_strikes(ref: Path) -> list[Row]:
    rows = []
    for r in read(ref, "drone_strikes_tbij.csv"):
        if not r["calendar_year"].isdigit():
            continue  # the total row is a sum: computed in code and tested
        rows.append(
            {
                "year": r["calendar_year"],
                "strikes": r["strikes_count"],
                "killed_min": r["killed_total_min_persons"],
                "killed_max": r["killed_total_max_persons"],
                "civilians_min": r["civilians_killed_min_persons"],
                "civilians_max": r["civilians_killed_max_persons"],
                "children_min": r["children_killed_min_persons"],
                "children_max": r["children_killed_max_persons"],
                "injured_min": r["injured_min_persons"],
                "injured_max": r["injured_max_persons"],
                "strikes_bush": r["strikes_bush_era_count"],
                "strikes_obama": r["strikes_obama_era_count"],
                "strikes_trump": r["strikes_trump_era_count"],
                "source_id": ids(r["source_id"]),
            }
        )
    return rows


def _tracker(source_id: str, note: str) -> tuple[str, str]:
    """Return (tracker, attribution) for a fatalities row."""
    head = note.split("|")[0]
    if "UNVERIFIED" in note:
        return "unattributed compilation", "unverified"
    if head.startswith("Tracker not named"):
        return "unattributed compilation", "not_named"
    for tracker in ("SATP", "PIPS", "PICSS", "CRSS"):
        if tracker in source_id or head.startswith(tracker) or f"{tracker} via" in head:
            return tracker, "named"
    if source_id in ("NIE_SAHNI_2025",):
        return "SATP", "named"
    if "Islamabad Policy Institute" in head:
        return "IPI", "named"
    if "Global Terrorism Index" in head:
        return "GTI", "named"
    if "US State Dept" in head:
        return "US State Department", "named"
    raise ValueError(f"no tracker for {source_id}: {note}")


DEFINITIONS = [  # (pattern in the note, definition id); first match wins
    (r"ALL violence", "all_violence"),
    (
        r"militant attacks AND security-force actions|plus security-force operations",
        "militant_attacks_and_operations",
    ),
    (r"militant, political and criminal", "militant_political_criminal"),
    (r"incl\. outlaws", "violence_incl_outlaws"),
    (r"militant attacks only", "militant_attacks_only"),
    (
        r"terrorist attacks only|terrorism incidents only|deaths in terrorist attacks"
        r"|terrorist, insurgent and sectarian incidents only",
        "terrorist_attacks_only",
    ),
    (r"Country Reports on Terrorism", "terrorist_attacks_only"),
]


def _definition(tracker: str, note: str) -> str:
    for pattern, definition in DEFINITIONS:
        if re.search(pattern, note):
            return definition
    if tracker == "SATP":
        return "satp_terrorism_related"
    if tracker == "GTI":  # the index counts deaths in terrorist attacks by construction
        return "terrorist_attacks_only"
    return "not_stated"


def _period(label: str, as_of: str) -> tuple[str, str, bool]:
    """Return (start, end, partial) for a fatalities period label."""
    if re.fullmatch(r"\d{4}", label):
        return f"{label}-01-01", f"{label}-12-31", False
    m = re.fullmatch(r"(\d{4}) \(to mid-Oct\)", label)
    if m:  # counted up to the as-of date of the report
        return f"{m[1]}-01-01", as_of, True
    m = re.fullmatch(r"(\d{4}) \((?:1 )?Jan-(\d+ )?(\w{3})\)", label)
    if m:
        year, day, mon = int(m[1]), m[2], MONTHS[m[3].lower()]
        end = f"{year}-{mon:02d}-{int(day):02d}" if day else month_end(year, mon)
        return f"{year}-01-01", end, True
    m = re.fullmatch(r"(\d{4}) \(to c\. mid-May\)", label)
    if m:
        return f"{m[1]}-01-01", f"{m[1]}-05-15", True
    m = re.fullmatch(r"(\d{4}) to mid-May (\d{4}) \(cumulative\)", label)
    if m:
        return f"{m[1]}-01-01", f"{m[2]}-05-15", False
    raise ValueError(f"unknown period label {label!r}")


def _as_of(note: str) -> str:
    """Return the vintage of a figure as ISO year, year-month or date."""
    part = note.split("|")[1].strip() if "|" in note else ""
    part = re.sub(r"^(as of|published)\s+", "", part)
    part = part.replace("c. ", "").replace("early ", "")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", part)
    if m:
        return part
    m = re.fullmatch(r"(\w{3})\w* (\d{4})", part)
    if m:
        return f"{m[2]}-{MONTHS[m[1].lower()]:02d}"
    m = re.fullmatch(r"(\d{4})", part)
    if m:
        return part
    raise ValueError(f"no vintage in {note!r}")


def fatalities(ref: Path) -> list[Row]:
    rows = []
    for i, r in enumerate(read(ref, "fatalities_trackers.csv"), start=1):
        note = r["vintage_note"]
        tracker, attribution = _tracker(r["source_id"], note)
        as_of = _as_of(note)
        start, end, partial = _period(r["year"], as_of if len(as_of) == 10 else "")
        approx = bool(re.search(r"rounded|'about \d|approximate", note))
        rows.append(
            {
                "figure_id": f"FAT{i:03d}",
                "tracker": tracker,
                "tracker_attribution": attribution,
                "period_label": r["year"],
                "period_start": start,
                "period_end": end,
                "partial_period": "true" if partial else "false",
                "definition": _definition(tracker, note),
                "as_of": as_of,
                "civilians": num(r["civilians"]),
                "security_forces": num(r["security_forces"]),
                "militants": num(r["militants"]),
                "total": num(r["total"]),
                "total_approximate": "true" if approx else "false",
                "source_id": ids(r["source_id"]),
                "note": note,
            }
        )
    return rows


def _wd_period(label: str) -> tuple[str, str]:
    m = re.fullmatch(r"Oct (\d{4})-Sep (\d{4})", label)
    if m:
        return f"{m[1]}-10-01", f"{m[2]}-09-30"
    m = re.fullmatch(r"(\d{4})-(\d{4})", label)
    if m:
        return f"{m[1]}-01-01", f"{m[2]}-12-31"
    m = re.fullmatch(r"(\d{4})-mid-(\d{4})", label)
    if m:
        return f"{m[1]}-01-01", f"{m[2]}-06-30"
    m = re.fullmatch(r"(\d{4})-(\w{3}) (\d{4})", label)
    if m:
        return f"{m[1]}-01-01", month_end(int(m[3]), MONTHS[m[2].lower()])
    raise ValueError(label)


def war_deaths(ref: Path) -> list[Row]:
    rows = []
    for i, r in enumerate(read(ref, "war_deaths_costs_of_war.csv"), start=1):
        start, end = _wd_period(r["period"])
        cat = r["category"]
        rows.append(
            {
                "row_id": f"WD{i:02d}",
                "period_label": r["period"],
                "period_start": start,
                "period_end": end,
                "category": cat,
                "is_total": "true" if ("TOTAL" in cat or cat.startswith("All")) else "false",
                "deaths_low": num(r["deaths_low"]),
                "deaths_high": num(r["deaths_high"]),
                "lower_bound_only": "true" if "at least" in cat else "false",
                "approximate": "true" if "approx" in cat else "false",
                "source_id": ids(r["source_id"]),
                "note": r["note"],
            }
        )
    return rows


# ---------------------------------------------------------------- China, arms


def cpec(ref: Path) -> list[Row]:
    rows = []
    for i, r in enumerate(read(ref, "cpec_values.csv"), start=1):
        label = r["date_or_period"]
        exact = re.fullmatch(r"\d{4}-\d{2}-\d{2}", label)
        rows.append(
            {
                "value_id": f"CPEC{i:02d}",
                "date": label if exact else "",
                "date_label": label,
                "value_usd_bn": num(r["cpec_value_usd_billions"]),
                "value_type": r["value_type"],
                "detail": r["detail"],
                "source_id": ids(r["source_id"]),
            }
        )
    return rows


def arms_imports(ref: Path) -> list[Row]:
    rows = []
    for r in read(ref, "arms_imports_sipri.csv"):
        first, last = r["period"].split("-")
        rows.append(
            {
                "period": r["period"],
                "year_first": first,
                "year_last": last,
                "china_share_pct": num(r["china_share_of_pakistan_arms_imports_pct"]),
                "usa_share_pct": num(r["usa_share_of_pakistan_arms_imports_pct"]),
                "other_suppliers": r["other_supplier_shares"],
                "pak_share_of_china_exports_pct": num(
                    r["pakistan_share_of_china_arms_exports_pct"]
                ),
                "pak_share_of_world_imports_pct": num(
                    r["pakistan_share_of_global_arms_imports_pct"]
                ),
                "change_vs_previous": r["change_in_pakistan_arms_imports_vs_previous_period"],
                "source_id": ids(r["source_id"]),
                "note": r["note"],
            }
        )
    return rows


# -------------------------------------------------------------------- events


def phase_for_year(year: int) -> str:
    """Return the phase of a year: the rule of ``pakfp_course.phases``, kept in step by a test."""
    if year < 2001:
        return "cold-war"
    if year <= 2008:
        return "2001-2008"
    if year <= 2016:
        return "2009-2016"
    return "2017-present"


def date_span(label: str, precision: str) -> tuple[str, str]:
    """Return the first and last day of a date known to the day, month or year."""
    if precision == "day":
        return label, label
    if precision == "month":
        year, month = int(label[:4]), int(label[5:7])
        return f"{label}-01", month_end(year, month)
    return f"{label}-01-01", f"{label}-12-31"


def events(ref: Path) -> list[Row]:
    """Return the events of ``events.csv`` and ``events_additions.csv``, in timeline order.

    An event known only to the month or year spans that month or year
    (``date`` to ``date_end``); the timeline places it at the end of its span,
    the first day by which it had certainly happened, so that a cause dated to
    the day is not shown after an effect dated only to the month or year.
    """
    rows = []
    for name in ("events.csv", "events_additions.csv"):
        for r in read(ref, name):
            label, precision = r["date"], r["date_precision"]
            start, end = date_span(label, precision)
            rows.append(
                {
                    "event_id": r["event_id"],
                    "date": start,
                    "date_end": end,
                    "date_precision": precision,
                    "date_label": label,
                    "phase": phase_for_year(int(label[:4])),
                    "title": r["title"],
                    "description": r["description"],
                    "category": r["category"],
                    "actors": ids(r["actors"]),
                    "source_id": ids(r["source_id"]),
                }
            )
    return sorted(rows, key=lambda r: (r["date_end"], r["date"], r["event_id"]))


# ------------------------------------------------------ drone counter-estimates


def _years_of(period: str) -> tuple[str, str]:
    """Return the first and last calendar year a period label names ('' where it names none)."""
    years = re.findall(r"\b(?:19|20)\d{2}\b", period)
    if not years:
        return "", ""
    if len(years) == 1 and not re.search(r"calendar year|^\d{4}$", period):
        return "", years[0]  # "... to c. 1 July 2016": the start is not printed
    return years[0], years[-1]


def drone_estimates(ref: Path) -> list[Row]:
    rows = []
    for i, r in enumerate(read(ref, "drone_counter_estimates.csv"), start=1):
        first, last = _years_of(r["period"])
        rows.append(
            {
                "estimate_id": f"DE{i:02d}",
                "tracker": r["tracker"],
                "scope": r["scope"],
                "pakistan_only": "true" if r["scope"] == "Pakistan" else "false",
                "period": r["period"],
                "first_year": first,
                "last_year": last,
                "strikes": num(r["strikes"]),
                "killed_low": num(r["killed_low"]),
                "killed_high": num(r["killed_high"]),
                "civilians_low": num(r["civilians_low"]),
                "civilians_high": num(r["civilians_high"]),
                "derived": "true" if "derived" in r["note"].lower() else "false",
                "as_of": r["as_of"],
                "source_id": ids(r["source_id"]),
                "note": r["note"],
            }
        )
    return rows


# ------------------------------------------------------------------ readings


def readings(ref: Path) -> list[Row]:
    return [{**r, "source_id": ids(r["source_id"])} for r in read(ref, "readings.csv")]


# --------------------------------------------------------- claims, contrasts


# Verdicts the course re-checked against its own data, so that a claim and the paper
# figure it rests on carry one verdict. Each gives the new verdict and evidence.
CLAIM_RECHECKS = {
    "P000-25": (
        "contradicted",
        "USAID Greenbook obligations for FY2000 were about US$192m for India (economic 191.6 + "
        "military 0.5) and about US$24m for Pakistan (economic 22.8 + military 0.9): India got "
        "about 8 times as much, not 45 times (derived; see paper figure PF051). 45 times would "
        "need Pakistan to have received under US$4.3m. A narrower aid category might differ, but "
        "the paper names none. The Asia ranking (second after Indonesia) was not checked.",
        "USAID_GREENBOOK_MEFLYNN",
    ),
}


def _recheck(row: Row) -> Row:
    if row["claim_id"] in CLAIM_RECHECKS:
        verdict, evidence, source = CLAIM_RECHECKS[row["claim_id"]]
        row = {**row, "verdict": verdict, "evidence_note": evidence, "source_id": source}
    return row


def claims(ref: Path) -> list[Row]:
    return [_recheck(r) for r in _claims(ref)]


def _claims(ref: Path) -> list[Row]:
    return [
        {
            "claim_id": r["claim_id"],
            "paper_id": PAPER_IDS[r["seed_file"]],
            "section": r["section"],
            "quote": r["quote"],
            "claim": r["claim"],
            "claim_type": r["claim_type"],
            "verdict": r["verdict"],
            "evidence_note": r["evidence_note"],
            # a claim no source could check is cited to the paper that makes it
            "source_id": ids(r["source_id"]) or PAPER_SOURCE[PAPER_IDS[r["seed_file"]]],
        }
        for r in read(ref, "seed_claims.csv")
    ]


def _paper_ref(cell: str) -> tuple[str, str]:
    m = re.match(r"(\S+\.txt) \([^)]*\) — (.*)", cell)
    assert m, cell
    sections = "; ".join(s.strip().lstrip("§") for s in m[2].split("; §"))
    return PAPER_IDS[m[1]], sections


def contrasts(ref: Path) -> list[Row]:
    rows = []
    for r in read(ref, "seed_contrasts.csv"):
        a, sa = _paper_ref(r["paper_a"])
        b, sb = _paper_ref(r["paper_b"])
        rows.append(
            {
                "contrast_id": r["contrast_id"],
                "topic": r["topic"],
                "paper_a": a,
                "sections_a": sa,
                "position_a": r["position_a"],
                "paper_b": b,
                "sections_b": sb,
                "position_b": r["position_b"],
                "note": r["note"],
                "source_id": f"{PAPER_SOURCE[a]};{PAPER_SOURCE[b]}",
            }
        )
    return rows


# Sources the course cites that the reference compilation does not hold:
# standard bibliographic entries for the theory the lessons teach.
COURSE_SOURCES = [
    {
        "source_id": "WALT_1987",
        "citation": "Stephen M. Walt, The Origins of Alliances (Ithaca, NY: Cornell University "
        "Press, 1987)",
        "url": "",
        "accessed_note": "Added by the course: bibliographic entry for the theory taught in the "
        "bandwagoning lesson; the definition quoted in the course comes via IPL_BANDWAGON.",
    },
]


def sources(ref: Path) -> list[Row]:
    rows = [{**r, "added_by": "reference"} for name in ("sources.csv", "sources_additions.csv")
            for r in read(ref, name)]
    rows += [{**r, "added_by": "course"} for r in COURSE_SOURCES]
    return sorted(rows, key=lambda r: r["source_id"])


# ----------------------------------------------------------------------- main

TABLES: dict[str, Callable[[Path], list[Row]]] = {
    "aid_greenbook": aid_greenbook,
    "aid_narrative": aid_narrative,
    "cost_of_war": cost_of_war,
    "cost_of_war_vintages": cost_of_war_vintages,
    "drone_strikes": drone_strikes,
    "fatalities": fatalities,
    "war_deaths": war_deaths,
    "cpec": cpec,
    "arms_imports": arms_imports,
    "events": events,
    "drone_estimates": drone_estimates,
    "readings": readings,
    "claims": claims,
    "contrasts": contrasts,
    "sources": sources,
}


def tidy(reference: Path, out: Path) -> list[str]:
    """Write every mechanical dataset; return the names written."""
    out.mkdir(parents=True, exist_ok=True)
    years, totals = aid_crs(reference)
    written = {"aid_crs": years, "aid_crs_totals": totals}
    written.update({name: fn(reference) for name, fn in TABLES.items()})
    for name, rows in written.items():
        write(out, name, list(rows[0]), rows)
    return list(written)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    parser.add_argument("--out", type=Path, default=ROOT / "course_data")
    args = parser.parse_args()
    for name in tidy(args.reference, args.out):
        print(f"wrote {args.out / name}.csv")


if __name__ == "__main__":
    main()
