"""Tidy the sourced reference tables into the course's own CSV schema.

Maintainer tool, not part of the installed package. It reads the raw tables in
``../shared/reference`` (see that folder's README) and writes the mechanical
datasets of ``course_data/``. Authored datasets (``phases``, ``rsct_relations``,
``paper_figures``, ``seeds``, ``quiz``, ``glossary``) are written by hand and left alone.

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


# Contested events whose reference description states one side's claim as fact: the course
# attributes each claim to its side, with the sources that carry both statements.
EVENT_ATTRIBUTIONS = {
    "EV067": (
        "India said its jets struck the biggest training camp of Jaish-e-Mohammed at Balakot, "
        "after the 14 February Pulwama bombing; Pakistan said the Indian planes released their "
        "payload in haste near Balakot and rejected the claim that a camp was hit or many were "
        "killed. An aerial clash followed in which an Indian pilot was captured by Pakistan.",
        "BS_IANS_2019_BALAKOT;DAWN_2019_BALAKOT;APP_2019_NSC_BALAKOT",
    ),
}


def _attributed(row: Row) -> Row:
    if row["event_id"] in EVENT_ATTRIBUTIONS:
        description, more = EVENT_ATTRIBUTIONS[row["event_id"]]
        row = {**row, "description": description, "source_id": f"{row['source_id']};{more}"}
    return row


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
    rows = [_attributed(r) for r in rows]
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
    # Lesson 07: Balakot (2019) attributed, and Pakistan's position on US mediation.
    {
        "source_id": "BS_IANS_2019_BALAKOT",
        "citation": "Business Standard (IANS), 'IAF hits JeM's biggest training camp: India', "
        "26 February 2019 (title and date as given by the page address)",
        "url": "https://www.business-standard.com/amp/article/news-ians/"
        "iaf-hits-jem-s-biggest-training-camp-india-119022600341_1.html",
        "accessed_note": "Stored copy read 2026-12-03. India's statement: Foreign Secretary "
        "Vijay K. Gokhale: 'In an intelligence led operation in the early hours of today, India "
        "struck the biggest training camp of JeM in Balakote'; 'In this operation, a very large "
        "number of JeM terrorists, trainers, senior commanders and groups of jehadis who were "
        "being trained for fidayeen action were eliminated.'; 'this non-military pre-emptive "
        "action was specifically targeted at the JeM camp.' The report adds: 'Pakistan admitted "
        "that the IAF planes struck Balakote but claimed that they returned when it scrambled "
        "its war planes.'",
    },
    {
        "source_id": "DAWN_2019_BALAKOT",
        "citation": "Dawn, 'India claims to have struck \"biggest training camp of JeM in "
        "Balakot\"', 26 February 2019 (date from its text, 'on Tuesday'; not printed in the "
        "stored copy)",
        "url": "https://www.dawn.com/news/1466149",
        "accessed_note": "Stored copy read 2026-12-03. Gokhale 'claimed that the country's air "
        "force \"struck the biggest training camp of Jaish-e-Mohammad (JeM) in Balakot\"'. "
        "Pakistan's army spokesman (ISPR), Major-General Asif Ghafoor: Indian planes intruded "
        "from the Muzaffarabad sector; 'Facing timely and effective response from Pakistan Air "
        "Force released payload in haste while escaping which fell near Balakot.' Balakot's "
        "police chief told the Associated Press that his teams found 'no casualties, no damages "
        "on the ground because of the dropping of the bombs'. Gokhale 'did not provide any "
        "evidence to back claims of the alleged camp being destroyed.'",
    },
    {
        "source_id": "APP_2019_NSC_BALAKOT",
        "citation": "Associated Press of Pakistan (APP), 'Pakistan shall respond at the time and "
        "place of its choosing: NSC', 26 February 2019",
        "url": "http://www.app.com.pk/pakistan-shall-respond-at-the-time-and-place-of-its-"
        "choosing-nsc/",
        "accessed_note": "Stored copy read 2026-12-03 (Pakistan's state news agency). The "
        "National Security Committee, chaired by the Prime Minister, 'strongly rejected Indian "
        "claim of targeting an alleged terrorist camp near Balakot and the claim of heavy "
        "casualties'; 'Once again Indian government has resorted to a self-serving, reckless and "
        "fictitious claim.'; 'the claimed area of strike was open for the world to see the facts "
        "on ground'.",
    },
    {
        "source_id": "STATESMAN_2019_KHAN_MEDIATION",
        "citation": "The Statesman, 'Kashmir can't be resolved bilaterally, says Imran Khan after "
        "meeting Donald Trump', July 2019 (title from the page address; date not printed in the "
        "stored copy; it reports the White House meeting of 22 July 2019, EV068)",
        "url": "https://www.thestatesman.com/world/kashmir-cant-resolved-bilaterally-says-imran-"
        "khan-meeting-donald-trump-1502781056.html",
        "accessed_note": "Stored copy read 2026-12-03. Imran Khan said the contentious issues "
        "between New Delhi and Islamabad 'can never be resolved bilaterally'; 'I really feel that "
        "India should come on the table; the US could play a big part. President Trump certainly "
        "can play a big part'. The report adds that Trump had claimed Modi 'asked him to mediate' "
        "and that 'The Indian government has rejected Trump's astonishing claim.'",
    },
    {
        "source_id": "THENEWS_2025_FO_CEASEFIRE",
        "citation": "The News (Pakistan), 'Pakistan welcomes Trump's offer to mediate Kashmir "
        "dispute after India ceasefire', 11 May 2025 (title from the page address)",
        "url": "https://www.thenews.com.pk/latest/1310582-pakistan-welcomes-trumps-offer-to-"
        "mediate-kashmir-dispute-after-india-ceasefire",
        "accessed_note": "Stored copy read 2026-12-03. Pakistan's Foreign Office: 'We acknowledge "
        "with appreciation the constructive role played by the United States, alongside other "
        "friendly states, in supporting the recent ceasefire understanding between Pakistan and "
        "India; a step towards de-escalation and regional stability'. Pakistan 'welcomed his "
        "offer to help resolve the decades-old Kashmir dispute'.",
    },
    {
        "source_id": "INDIATODAY_2025_PAK_MEDIATION",
        "citation": "India Today, 'Appreciate Trump's willingness to resolve Kashmir issue: "
        "Pakistan welcomes US's offer to mediate', 11 May 2025 (title from the page address)",
        "url": "https://www.indiatoday.in/world/story/appreciate-trumps-willingness-to-resolve-"
        "kashmir-issue-pakistan-welcomes-uss-offer-to-mediate-2723097-2025-05-11",
        "accessed_note": "Stored copy read 2026-12-03. 'Pakistan on Sunday welcomed US President "
        "Donald Trump's offer to mediate between India and Pakistan on the Kashmir issue'. "
        "Pakistan's statement: 'We also appreciate President Trump's expressed willingness to "
        "support efforts aimed at the resolution of the Jammu and Kashmir dispute'; it 'reaffirms "
        "that any just and lasting settlement of the Jammu and Kashmir dispute must be in "
        "accordance with the relevant United Nations Security Council resolutions'.",
    },
    {
        "source_id": "WALT_1987",
        "citation": "Stephen M. Walt, The Origins of Alliances (Ithaca, NY: Cornell University "
        "Press, 1987)",
        "url": "",
        "accessed_note": "Added by the course: bibliographic entry for the theory taught in the "
        "bandwagoning lesson. The definition the course quotes is on p. 17 (chapter 2, "
        "'Explaining Alliance Formation'): 'Balancing is defined as allying with others against "
        "the prevailing threat; bandwagoning refers to alignment with the source of danger.' "
        "Wording read 2026-12-03 in a stored copy of Walt's text (WALT_1987_TEXT); the page as "
        "given by IPL_BANDWAGON ('Walt (1987: 17)', which misquotes the phrase as 'alignment of "
        "the source of danger') and by a stored study guide to the chapter (WALT_1987_GUIDE: "
        "'Alliances As a Response to Threat: Balancing and Bandwagoning (17-33)', with the "
        "sentence 'Bandwagoning refers to alignment with the source of danger'). No scan of p. 17 "
        "of the book itself was read.",
    },
    {
        "source_id": "WALT_1987_TEXT",
        "citation": "Stephen M. Walt, 'Alliances: Balancing and Bandwagoning', excerpt of The "
        "Origins of Alliances (1987) reprinted in a reader (Scribd copy; the reader's page "
        "numbers, not the book's)",
        "url": "https://ru.scribd.com/document/325273139/"
        "The-Origin-of-Alliances-Alliances-Balancing-Bandwagoning-Stephen-Walt",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'BANDWAGONING BEHAVIOR When confronted by a significant external threat, states may "
        "either balance or bandwagon. Balancing is defined as allying with others against the "
        "prevailing threat; bandwagoning refers to alignment with the source of danger. Thus two "
        "distinct hypotheses about how states will select their alliance partners can be "
        "identified on the basis of whether the states ally against or with the principal "
        "external threat.'",
    },
    {
        "source_id": "WALT_1987_GUIDE",
        "citation": "OneClass, study guide 'POLI 304 Midterm' (Concordia University), notes on "
        "Walt, 'Explaining Alliance Formation (17-49)'",
        "url": "https://oneclass.com/study-guides/ca/concordia-ca/poli/poli-304/"
        "693464-poli-304-midterm.en.html",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'Explaining Alliance Formation (17-49) Walt, Stephen ... 1) Alliances As a Response to "
        "Threat: Balancing and Bandwagoning (17-33) When confronted by a significant threat, "
        "states may either balance or bandwagon. Balancing is defined as allying with others "
        "against the prevailing threat. ... Bandwagoning refers to alignment with the source of "
        "danger.'",
    },
    {
        "source_id": "KUIK_2021",
        "citation": "Kuik Cheng-Chwee, 'Getting hedging right: a small-state perspective' "
        "(Springer Singapore, 2021), doi:10.1007/s42533-021-00089-5, abstract as catalogued by "
        "the Universidad Veracruzana library (PubMed Central record PMC8608573)",
        "url": "https://ebusca.uv.mx/Record/pubmed-8608573/Details",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "Abstract: 'I define hedging as insurance-seeking behavior under situations of high "
        "uncertainty and high stakes, where a rational state avoids taking sides and pursues "
        "opposite measures vis-à-vis competing powers to have a fallback position.'",
    },
    {
        "source_id": "SNYDER_1984_SUMMARY",
        "citation": "'Alliance dilemma: the fear of abandonment and entrapment', section 3.2.2 of "
        "a thesis on asymmetric alliances (1library copy), summarising Snyder 1984, pp. 466-467",
        "url": "https://1library.net/article/"
        "alliance-dilemma-the-fear-of-abandonment-and-entrapment.yex0wn7q",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'According to Snyder (1984, 466), abandonment is defection. However, defection might "
        "present itself in a variety of forms such as the following: an ally may switch sides by "
        "realigning with the opponent, de-align completely, revoke the alliance contract, fail "
        "to provide the promised commitments, or fail to provide support in contingencies.' "
        "'Snyder (1984, 467) defines entrapment as a state being pulled into a conflict over an "
        "ally's interests that it does not share or only partly shares.' 'The risk of "
        "entrapment varies with the ally's dependence on the alliance, the strength of the "
        "commitment, and the degree of aggressiveness.'",
    },
    {
        "source_id": "MORROW_1991",
        "citation": "James D. Morrow, 'Alliances and Asymmetry: An Alternative to the Capability "
        "Aggregation Model of Alliances', American Journal of Political Science 35(4), 1991, "
        "pp. 904-933 (abstract on the CAPES periodicals portal)",
        "url": "https://www.periodicos.capes.gov.br/index.php/acervo/buscador.html?"
        "id=W1967632854&task=detalhes",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "Abstract: 'This paper proposes an alternative logic of alliances to the capability "
        "aggregation model where both allies receive security from an alliance. In this "
        "alternative logic, one partner receives autonomy benefits, and the other, security "
        "benefits from the alliance. The former type of alliances are called symmetric and the "
        "latter asymmetric.' 'asymmetric alliances will be easier to form and last longer than "
        "symmetric alliances.'",
    },
    {
        "source_id": "KABIR_2019",
        "citation": "Muhammad Kabir, 'The Role of Side Payments in the Formation of Asymmetric "
        "Alliances: Forging the US–Pakistan Alliance' (published 1 August 2019; abstract and "
        "opening as reproduced by vLex India)",
        "url": "https://vlex.in/vid/the-role-of-side-874274613",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'The article builds on James Morrow's theoretical formulation on asymmetric alliances, "
        "which contends that alliances are formed as a result of a security–autonomy trade-off "
        "between great powers and minor powers. It expands Morrow's theory by showing that in "
        "the absence of a common threat or shared interests, the trade-off tends to leave a "
        "deficit in a weaker state's net benefits from the alliance. I argue that side payments "
        "fill in the deficit in gains for weaker states.' 'the alliance, formed in 1954, was a "
        "result of a strategic trade-off between the United States and Pakistan.'",
    },
    {
        "source_id": "US_CBA_1974_S501",
        "citation": "Congressional Budget and Impoundment Control Act of 1974 (Public Law "
        "93-344, 12 July 1974), Title V, Sec. 501 'Fiscal year to begin October 1', as enacted, "
        "with the conferees' joint explanatory statement (text on BudgetCounsel)",
        "url": "https://budgetcounsel.com/laws-and-rules/congressional-budget-act-of-1974-2/"
        "a100aa-template-cba-as-enacted/a-00-%C2%A7100aa-sec-501-fiscal-year-to-begin-october-1/",
        "accessed_note": "Stored copy read 2026-12-03. Sec. 501: the fiscal year '(1) shall, "
        "through June 30, 1976, commence on July 1 of each year and end on June 30 of the "
        "following year; and (2) shall, beginning on October 1, 1976, commence on October 1 of "
        "each year and end on September 30 of the following year.' Conferees: 'the preceding "
        "fiscal year is to run from July 1, 1975 through June 30, 1976, thus providing a "
        "three-month interim period to provide the necessary transition to the new fiscal year "
        "(July 1 -September 30, 1976).'",
    },
    {
        "source_id": "GAO_GLOSSARY_FY_2005",
        "citation": "US Government Accountability Office, Glossary of Terms and Definitions "
        "(September 2005), entry 'Fiscal Year', as quoted in BudgetCounsel, 'Cyclopedia of "
        "Congressional Budget Law: Fiscal Year'",
        "url": "https://budgetcounsel.com/cyclopedia-budgetica/cb-fiscal-year/",
        "accessed_note": "Stored copy read 2026-12-03. 'The fiscal year for the federal "
        "government begins on October 1 of each year and ends on September 30 of the following "
        "year; it is designated by the calendar year in which it ends. For example, fiscal year "
        "1990 began October 1, 1989, and ended September 30, 1990. (Prior to fiscal year 1977, "
        "the federal fiscal year began on July 1 and ended on June 30. The 3-month period, July "
        "1, 1976, to September 30, 1976, between fiscal years 1976 and 1977 is called the "
        "transition quarter (\"TQ\").)'",
    },
    {
        "source_id": "FRUS_6468_V25_D122",
        "citation": "Foreign Relations of the United States 1964-68 vol. XXV doc 122, Komer "
        "memorandum to President Johnson on the remaining aid loans to India and Pakistan "
        "(1965), Office of the Historian",
        "url": "https://history.state.gov/historicaldocuments/frus1964-68v25/d122",
        "accessed_note": "Stored copy read 2026-12-03. 'All of the money involved ... is from "
        "already appropriated FY'65 aid funds. If we don't go ahead and obligate some of this "
        "before 30 May, it will look as though AID is crowding an unusually large amount of "
        "obligations into the last month of the fiscal year.' '...AID will have about $250 "
        "million left over on 30 June.' '...we can easily do so with FY 1966 money, where we "
        "will not be under the same end of the fiscal year time pressure.'",
    },
    {
        "source_id": "FRUS_6468_V25_D126",
        "citation": "Foreign Relations of the United States 1964-68 vol. XXV doc 126, Komer "
        "memorandum to President Johnson on remaining FY 1965 aid loans to India and Pakistan "
        "(1965), Office of the Historian",
        "url": "https://history.state.gov/historicaldocuments/frus1964-68v25/d126",
        "accessed_note": "Stored copy read 2026-12-03. Option A: 'Authorize Bell to proceed to "
        "the extent necessary to obligate all FY 1965 aid funds before 30 June, but to continue "
        "holding off on anything beyond.' (US officials in 1965 working to a fiscal year that "
        "ended on 30 June.)",
    },
    {
        "source_id": "FRUS_6468_V25_D190",
        "citation": "Foreign Relations of the United States 1964-68 vol. XXV doc 190, Komer "
        "memorandum to President Johnson on the Mahon statement suspending aid (1965), Office "
        "of the Historian",
        "url": "https://history.state.gov/historicaldocuments/frus1964-68v25/d190",
        "accessed_note": "Stored copy read 2026-12-03. Filed in 'Memos to the President, "
        "McGeorge Bundy, Vol. 14, 7/1/65-9/22/65'. Note 2: 'The statement indicated that in "
        "view of the conflict between India and Pakistan the United States had suspended "
        "military assistance shipments to both countries, and that, pending action on the "
        "foreign assistance appropriations bill, the United States had not been making new "
        "economic commitments since the new fiscal year began'. Note 3: 'George H. Mahon, ... "
        "Chairman of the House Appropriations Committee, made the statement in the debate in "
        "the House on September 8.'",
    },
    {
        "source_id": "FRUS_6468_V25_D200",
        "citation": "Foreign Relations of the United States 1964-68 vol. XXV doc 200, telegram "
        "from the Embassy Office in Pakistan to the Department of State on the suspension of "
        "military aid shipments (September 1965), Office of the Historian",
        "url": "https://history.state.gov/historicaldocuments/frus1964-68v25/d200",
        "accessed_note": "Stored copy read 2026-12-03. 'Suspension military aid shipments to "
        "Pakistan and India. I saw FornMin Bhutto in Rawalpindi 5:30 p.m. Sept 9 to deliver "
        "text Mahon Congressional statement'. Bhutto 'termed the decision an act not of an ally "
        "and not even that of a neutral', argued that Pakistan 'had placed all of its reliance "
        "on the U.S.' and asked for reconsideration.",
    },
    {
        "source_id": "BUZAN_IFRI_ASIA",
        "citation": "Barry Buzan, 'Asia: A Geopolitical Reconfiguration', Ifri (Institut "
        "fran\u00e7ais des relations internationales), written 'almost one decade' after "
        "Regions and Powers (docslib copy; no date or issue shown)",
        "url": "https://docslib.org/doc/5051940/asia-a-geopolitical-reconfiguration",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked; "
        "the same text is stored at vdocuments.site and Scribd). Abstract: 'The Asian "
        "\u201csupercomplex\u201d has taken shape: this is evident within the cross-membership "
        "model to Asian intergovernmental organizations and through the appearance of political "
        "counterweights to China, particularly in India. The United States\u2019 engagements in "
        "East and South Asia are also part of this supercomplex.' Text: 'Almost one decade ago "
        "Ole W\u00e6ver and I wrote Regions and Powers (RaP). Its core concept was the regional "
        "security complex (RSC), defined as a set of units whose major processes of "
        "securitization, desecuritization, or both are so interlinked that their security "
        "problems cannot reasonably be analyzed or resolved apart from one another. "
        "Securitization is understood as the discursive process through which an understanding "
        "is constructed within a political community to treat something as an existential "
        "threat, and to enable a call for urgent and exceptional measures to deal with the "
        "threat. At the time we treated East Asia and South Asia as separate RSCs with distinct "
        "histories and dynamics.' 'In South Asia we saw an RSC more purely in conflict formation "
        "mode, with a deep and ongoing antagonism between India and Pakistan, and a steady "
        "drift towards unipolarity as India\u2019s economic and military weight increased and "
        "Pakistan remained mired in deepening political instability.' Only the opening page "
        "was read.",
    },
    {
        "source_id": "MUKHOPADHYAY_2011",
        "citation": "Krishnendu Mukhopadhyay, 'The Cold War Game in South Asia\u2019s Security "
        "Complex: The Role of Great Powers', journal article published 1 June 2011 (vLex India "
        "copy; journal not named there)",
        "url": "https://vlex.in/vid/the-cold-war-game-875455785",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'In his 2003 work Buzan (along with Ole Waever) defines \"regional security complex\" "
        "as \"a set of units whose major processes of securitization, desecuritization or both "
        "are so interlinked that their security problems cannot reasonably be analyzed or "
        "resolved apart from one another\" (Buzan and Waever 44)'. 'During the Cold War period, "
        "the South Asian complex was separated from the neighbouring Middle Eastern and South "
        "East Asian security complex by two \u2018insulator\u2019 states: Afghanistan and "
        "Burma. The existence of these two states acted as geographical barriers preventing any "
        "substantial securitization dynamics across regions'.",
    },
    {
        "source_id": "HARPVIKEN_PRIO_2010",
        "citation": "Kristian Berg Harpviken, Afghanistan in a Neighbourhood Perspective: "
        "General Overview and Conceptualisation, PRIO Paper (Oslo: Peace Research Institute "
        "Oslo, 2010) (docslib copy)",
        "url": "https://docslib.org/doc/4962074/afghanistan-in-a-neighbourhood-perspective-"
        "perspective",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked; "
        "the copy's two-column summary is run together). Summary: 'For over three decades, "
        "Afghanistan has been a battleground in which many of the states of the larger "
        "neighbourhood have been involved.' 'Some analysts emphasize "
        "states and their security relationships and see Afghanistan as an \u2018insulator\u2019 "
        "caught between different regional state systems, each with a strong dynamic of their "
        "own.' 'This paper takes the former perspective \u2013 codified by Barry Buzan and Ole "
        "W\u00e6ver in the Regional Security Complex approach \u2013 as its starting point.' "
        "Author and year from PRIO's news page (prio.org/news/1733): 'Harpviken, Kristian Berg "
        "(2010) Afghanistan in a Neighbourhood Perspective: General Overview and "
        "Conceptualisation, PRIO Paper. Oslo: PRIO.' PRIO's project page (prio.org/projects/1469): "
        "'each of Afghanistan\u2019s surrounding regions \u2013 South Asia, Central Asia and the "
        "Persian Gulf \u2013 have an inherent dominant security dynamic of their own.'",
    },
    {
        "source_id": "BALZACQ_2005",
        "citation": "Thierry Balzacq, 'The Three Faces of Securitization: Political Agency, "
        "Audience and Context', European Journal of International Relations 11(2), 2005, "
        "p. 171 ff., DOI 10.1177/1354066105052960 (Scribd copy)",
        "url": "https://ja.scribd.com/document/310184863/Balzacq-Three-Faces-of-Securitization",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "Abstract: 'The prime claim of the theory of securitization is that the articulation of "
        "security produces a specific threatening state of affairs.' 'I put forward three basic "
        "assumptions (i) that an effective securitization is audience-centered; (ii) that "
        "securitization is context-dependent; (iii) that an effective securitization is "
        "power-laden.'",
    },
    {
        "source_id": "WIKI_SECURITIZATION",
        "citation": "Wikipedia, 'Securitization (international relations)' (stored copy)",
        "url": "https://en.wikipedia.org/wiki/Securitization_(international_relations)",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'Securitization studies aims to understand \"who securitizes (securitizing actor), on "
        "what issues (threats), for whom (referent object), why, with what results, and not "
        "least, under what conditions.\"' 'Within international relations, the concept is "
        "connected with the Copenhagen School'; 'The term was coined by Ole W\u00e6ver in 1993'.",
    },
    {
        "source_id": "TRIBUNE_2011_KAYANI_KHAR",
        "citation": "The Express Tribune, 'Hitting back: Kayani scoffs, Khar cautions, Gilani "
        "muses', 24 September 2011",
        "url": "https://tribune.com.pk/story/259312/hitting-back-kayani-scoffs-khar-cautions-"
        "gilani-muses/",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'The country's top civil and military leadership spoke in unison on Friday, urging the "
        "United States to stop publicly accusing Islamabad of playing a double game in the war "
        "against militancy'; '\"You will lose an ally,\" Foreign Minister Hina Rabbani Khar told "
        "a news channel'; 'Army chief General Ashfaq Parvez Kayani also dismissed allegations "
        "that the ISI had helped Afghan militants attack the US embassy in Kabul, insisting that "
        "the charges were baseless and part of a \"public blame game\"'; Gilani: '\"They can't "
        "live with us... they can't live without us\"'; 'US Chairman Joint Chiefs of Staff "
        "Admiral Mike Mullen openly accused Inter-Services Intelligence agency of supporting "
        "Haqqani insurgents'.",
    },
    {
        "source_id": "IANS_2011_KHAR_CNN",
        "citation": "Arun Kumar (IANS), 'Khar \"completely\" denies aiding anti-India "
        "militants', TwoCircles.net, 3 October 2011 (on Khar's interview with CNN's Fareed "
        "Zakaria GPS)",
        "url": "https://twocircles.net/2011oct03/khar_completely_denies_aiding_antiindia_"
        "militants.html",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "Khar, denying Mullen's charges that the ISI has links with the Haqqani network: 'I "
        "would completely deny that. I think we've had joint cooperation'; 'Public recrimination "
        "of an ally is not the answer'; on the argument that Pakistan created a Frankenstein's "
        "monster by supporting militant groups: '\"First of all, this Frankenstein was not "
        "created by Pakistan. This Frankenstein was financed and assisted by many world powers, "
        "including... the US.\"'",
    },
    {
        "source_id": "DAWN_2017_FO_SAFEHAVENS",
        "citation": "Dawn, 'FO rejects Trump's allegations of terrorist safe havens in "
        "Pakistan', August 2017 (the Foreign Office statement of the day after Trump's speech)",
        "url": "https://www.dawn.com/news/1353220/fo-rejects-trumps-allegations-of-terrorist-"
        "safe-havens-in-pakistan",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'The Foreign Office (FO) on Tuesday rejected United States (US) President Donald "
        "Trump's allegations that Pakistan offers safe haven to \"agents of chaos\"'; Trump had "
        "said: '\"We can no longer be silent about Pakistan's safe havens for terrorist "
        "organisations\"'; FO: '\"As "
        "a matter of policy, Pakistan does not allow use of its territory against any country. "
        "Instead of relying on the false narrative of safe havens, the US needs to work with "
        "Pakistan to eradicate terrorism.\"'; '\"No country in the world has suffered more than "
        "Pakistan from the scourge of terrorism, often perpetrated from outside our borders\"'.",
    },
    {
        "source_id": "FSJ_2015_FAIR_REVIEW",
        "citation": "Kapil Gupta, review of C. Christine Fair, Fighting to the End: The "
        "Pakistan Army's Way of War, The Foreign Service Journal, March 2015, p. 74",
        "url": "https://afsa.org/sites/default/files/flipping_book/0315/74/",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'Fair's work is firmly grounded in political science, empirical analysis and a "
        "detailed reading of the Pakistan Army's defense literature'; 'She details how "
        "Pakistan's \"unreasonable revisionism\" regarding its history and role in the world "
        "combines dangerously with the characteristics of a \"greedy state\" that is implacably "
        "driven to initiate hostilities against its perceived existential rival, India'; the "
        "reviewer notes she is 'a controversial figure for Pakistan's military-intelligence "
        "community'.",
    },
    {
        "source_id": "HACHETTE_HAQQANI_2013",
        "citation": "PublicAffairs (Hachette Book Group), publisher's description of Husain "
        "Haqqani, Magnificent Delusions (2013)",
        "url": "https://www.hachettebookgroup.com/titles/husain-haqqani/magnificent-delusions/"
        "9781610393188/?lens=publicaffairs",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'The relationship between America and Pakistan is based on mutual incomprehension and "
        "always has been.' 'The countries are not merely at odds. Each believes it can play the "
        "other -- with sometimes absurd, sometimes tragic, results.' Haqqani 'was Pakistan's "
        "ambassador to the United States from 2008 to 2011'.",
    },
    {
        "source_id": "PW_HAQQANI_2013_REVIEW",
        "citation": "Publishers Weekly, review of Husain Haqqani, Magnificent Delusions "
        "(reviewed 9 September 2013): the review text",
        "url": "https://www.publishersweekly.com/978-1-61039-317-1",
        "accessed_note": "Stored copy read 2026-12-03 (the page of PW_HAQQANI_2013, re-read "
        "for the review's text; URL as given, live page not checked). 'Pakistan's generals have "
        "no love for al-Qaeda but have long supported the Afghan Taliban and would prefer them "
        "to the present government.' 'Haqqani concludes that military aid has undermined "
        "Pakistan's democracy, converting it into a rentier state living off American money "
        "rather than its people's productivity.'",
    },
    {
        "source_id": "TVPAUL_WARRIOR_STATE",
        "citation": "T.V. Paul, 'Featured Book: The Warrior State: Pakistan in the Contemporary "
        "World', the author's website",
        "url": "https://www.tvpaul.com/featured-book/",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'Paul argues that the \"geostrategic curse\"--akin to the \"resource curse\" that "
        "plagues oil-rich autocracies--is at the root of Pakistan's unique inability to "
        "progress.' 'No matter how ineffective the regime is, massive foreign aid keeps pouring "
        "in from major powers, their allies and international financial institutions with a "
        "stake in the region. The reliability of such aid defuses any pressure on political "
        "elites to launch the far-reaching domestic reforms'.",
    },
    {
        "source_id": "NEWSTATESMAN_2008_RASHID",
        "citation": "New Statesman, review of Ahmed Rashid, Descent into Chaos, 'No easy way "
        "out', July 2008",
        "url": "https://www.newstatesman.com/books/2008/07/pakistan-afghanistan-taliban",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "'It is, rather, the most graphic, detailed and worrying indictment of US and Nato "
        "policy in Afghanistan and Pakistan since the 11 September 2001 attacks.' 'Its "
        "neighbour, Pakistan, a nuclear state dominated by its armed forces, offers sanctuary "
        "to the Taliban leadership'; 'it has been targeted by its own, Pakistani, "
        "army-sponsored Taliban and al-Qaeda'.",
    },
    {
        "source_id": "CFR_2013_MARKEY_RELEASE",
        "citation": "Council on Foreign Relations, news release 'Daniel Markey's New Book, No "
        "Exit from Pakistan, Argues U.S.-Pakistan Ties a Condition to Be Managed, Not a Problem "
        "to Be Solved', 16 October 2013",
        "url": "https://www.cfr.org/news-releases/daniel-markeys-new-book-no-exit-pakistan-"
        "argues-us-pakistan-ties-condition-be-managed",
        "accessed_note": "Stored copy read 2026-12-03 (URL as given, live page not checked). "
        "Markey writes: '\"Both sides believe they have been sinned against. Even at high points "
        "in the relationship there were still underlying irritations and disagreements that got "
        "in the way of building any sort of strong, sustainable cooperation\"'; the issues are "
        "'too large and complicated for the United States to resolve quickly--or perhaps "
        "ever--yet they are also too important to neglect; there is no exit.'",
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
