"""The schemas of the course datasets: the one place they are declared.

Maintainer module, not part of the installed package. ``write_datapackage.py``
turns this list into ``course_data/datapackage.json``; the package reads the
schemas back from there. Each resource lists its fields (type, unit,
constraints), primary key and the caveats students must see.
"""

from __future__ import annotations

from typing import Any

PHASES = ["cold-war", "2001-2008", "2009-2016", "2017-present"]
PAPERS = ["yousaf-ma-2025", "majeed-2024", "khan-2024"]
ACTORS = ["PAK", "USA", "CHN", "IND", "AFG", "IRN", "RUS"]
VERDICTS = ["supported", "partly_supported", "contradicted", "unverified"]
LESSONS = [
    "00_start_here",
    "01_cold_war_roots",
    "02_three_phases",
    "03_bandwagoning",
    "04_double_game",
    "05_rsct",
    "06_china_turn",
    "07_stability_and_sources",
    "08_review",
]
IDS = r"[A-Za-z0-9_\-]+(;[A-Za-z0-9_\-]+)*"
PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
SLUG = r"[a-z][a-z0-9_]*"
LESSON_ID = "(" + "|".join(LESSONS) + ")"


def F(
    name: str,
    type_: str,
    description: str,
    unit: str | None = None,
    *,
    required: bool = False,
    enum: list[str] | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    pattern: str | None = None,
) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if type_ == "date":
        field["format"] = "%Y-%m-%d"
    if unit:
        field["unit"] = unit
    c: dict[str, Any] = {}
    if required:
        c["required"] = True
    if enum is not None:
        c["enum"] = enum
    if minimum is not None:
        c["minimum"] = minimum
    if maximum is not None:
        c["maximum"] = maximum
    if pattern is not None:
        c["pattern"] = pattern
    if c:
        field["constraints"] = c
    return field


def SRC() -> dict[str, Any]:
    return F(
        "source_id",
        "string",
        "Source(s) of the row: ';'-separated ids of the sources dataset",
        required=True,
        pattern=IDS,
    )


def NOTE(what: str = "Caveats and context for the row, as recorded with the source") -> dict:
    return F("note", "string", what)


USD_M = "US$ millions (current)"
RESOURCES: list[dict[str, Any]] = [
    {
        "name": "aid_crs",
        "title": "US aid appropriations to Pakistan, FY2002-FY2018 (+FY2020 request), CRS",
        "description": "Direct overt US aid appropriations and military reimbursements (Coalition "
        "Support Funds, CSF) for Pakistan by US fiscal year (1 October to 30 September), as "
        "printed in Congressional Research Service tables.",
        "caveats": [
            "FY2002-FY2007 exists only as one six-year aggregate: it must not be split evenly.",
            "FY2013 CSF (353) is marked as an estimate in the 2014 table and was revised later: "
            "the 2019 table's cumulative CSF implies 1,438 (derived, computed in code).",
            "FY2017-FY2018 have no CSF figure; FY2020 is a budget request, not an appropriation.",
            "Appropriations are not disbursements; CSF are reimbursements, not aid in the "
            "strict sense.",
        ],
        "primaryKey": ["fy_label"],
        "fields": [
            F("fy_label", "string", "Fiscal year(s) as labelled by CRS", required=True),
            F("fy_first", "integer", "First US fiscal year covered", "year", required=True),
            F("fy_last", "integer", "Last US fiscal year covered", "year", required=True),
            F(
                "security_usd_m",
                "integer",
                "Security-related appropriations",
                USD_M,
                required=True,
                minimum=0,
            ),
            F(
                "economic_usd_m",
                "integer",
                "Economic-related appropriations",
                USD_M,
                required=True,
                minimum=0,
            ),
            F(
                "csf_usd_m",
                "integer",
                "Coalition Support Fund reimbursements as printed; empty where CRS printed none",
                USD_M,
                minimum=0,
            ),
            F(
                "total_usd_m",
                "integer",
                "Grand total as printed by CRS",
                USD_M,
                required=True,
                minimum=0,
            ),
            F(
                "figure_status",
                "string",
                "What the figures are",
                required=True,
                enum=["appropriation", "appropriation_aggregate", "request"],
            ),
            F(
                "csf_status",
                "string",
                "Status of the CSF figure",
                required=True,
                enum=["printed", "estimate_revised_later", "none_printed"],
            ),
            F(
                "crs_table_date",
                "date",
                "Date of the CRS table the row is read from",
                required=True,
            ),
            SRC(),
            NOTE(),
        ],
    },
    {
        "name": "aid_crs_totals",
        "title": "Cumulative totals printed in the CRS aid tables",
        "description": "Program totals printed by CRS for several periods and table dates; "
        "used to check the yearly rows and to derive the FY2013 CSF revision.",
        "caveats": ["Totals from different table dates differ because CSF figures were revised."],
        "primaryKey": ["total_id"],
        "fields": [
            F("total_id", "string", "Period and table date", required=True),
            F("period_label", "string", "Period as labelled", required=True),
            F("fy_first", "integer", "First US fiscal year", "year", required=True),
            F("fy_last", "integer", "Last US fiscal year", "year", required=True),
            F("security_usd_m", "integer", "Security-related, cumulative", USD_M, required=True),
            F("economic_usd_m", "integer", "Economic-related, cumulative", USD_M, required=True),
            F("csf_usd_m", "integer", "CSF reimbursements, cumulative", USD_M, required=True),
            F("total_usd_m", "integer", "Grand total, cumulative", USD_M, required=True),
            F("crs_table_date", "date", "Date of the CRS table", required=True),
            SRC(),
            NOTE(),
        ],
    },
    {
        "name": "aid_greenbook",
        "title": "US aid obligations to Pakistan and India, 1946-2019 (USAID Greenbook)",
        "description": "Economic and military aid obligations by US fiscal year, in current "
        "and constant 2019 US dollars, from USAID's Greenbook (Foreign Aid Explorer).",
        "caveats": [
            "Values were stored rounded to two significant digits upstream (medium confidence).",
            "Obligations, not appropriations or disbursements; CSF reimbursements are not "
            "included.",
            "The constant-dollar base year (2019) is inferred.",
        ],
        "primaryKey": ["recipient", "fiscal_year"],
        "fields": [
            F(
                "recipient",
                "string",
                "Recipient country (ISO3)",
                required=True,
                enum=["PAK", "IND"],
            ),
            F("fiscal_year", "integer", "US fiscal year", "year", required=True),
            F("economic_current_usd_m", "number", "Economic obligations", USD_M, required=True),
            F("military_current_usd_m", "number", "Military obligations", USD_M, required=True),
            F(
                "economic_const2019_usd_m",
                "number",
                "Economic obligations",
                "US$ millions (constant 2019)",
                required=True,
            ),
            F(
                "military_const2019_usd_m",
                "number",
                "Military obligations",
                "US$ millions (constant 2019)",
                required=True,
            ),
            SRC(),
        ],
    },
    {
        "name": "aid_narrative",
        "title": "Cold War aid figures quoted in narrative sources",
        "description": "Round figures for US aid to Pakistan in Cold War periods as quoted by "
        "commentators; compare them with Greenbook sums computed in code.",
        "caveats": ["Period windows were partly chosen by the compiler to match the narrative."],
        "primaryKey": ["narrative_id"],
        "fields": [
            F("narrative_id", "string", "Row id", required=True),
            F("year_first", "integer", "First year of the period", "year", required=True),
            F("year_last", "integer", "Last year of the period", "year", required=True),
            F(
                "aid_type",
                "string",
                "Kind of aid",
                required=True,
                enum=["economic", "military", "economic+military"],
            ),
            F("narrative_usd_m", "number", "Figure as quoted", USD_M, required=True),
            F("wording", "string", "The narrative's wording", required=True),
            SRC(),
            NOTE(),
        ],
    },
    {
        "name": "cost_of_war",
        "title": "Cost of the war on terror to Pakistan by fiscal year (Pakistan Economic Survey)",
        "description": "The Government of Pakistan's estimate of the war's cost to its economy by "
        "Pakistani fiscal year (1 July to 30 June), 2001-02 to 2017-18, as reported from the "
        "Economic Survey 2017-18.",
        "caveats": [
            "A Government of Pakistan estimate with no published method; not an audited figure.",
            "2017-18 covers July-February only.",
            "Earlier Survey editions give different values (column other_estimates and the "
            "cost_of_war_vintages dataset).",
        ],
        "primaryKey": ["fiscal_year"],
        "fields": [
            F(
                "fiscal_year",
                "string",
                "Pakistani fiscal year, e.g. 2001-02",
                required=True,
                pattern=r"\d{4}-\d{2}",
            ),
            F("period_start", "date", "First day covered", required=True),
            F("period_end", "date", "Last day covered", required=True),
            F(
                "partial_period",
                "boolean",
                "True if the value covers less than the full year",
                required=True,
            ),
            F("cost_usd_bn", "number", "Estimated cost", "US$ billions", required=True, minimum=0),
            F("coverage_note", "string", "Coverage as reported"),
            F("survey_edition", "string", "Survey edition reporting the value"),
            F("other_estimates", "string", "Earlier or alternative estimates for the same year"),
            SRC(),
        ],
    },
    {
        "name": "cost_of_war_vintages",
        "title": "Cumulative cost of the war as printed by successive Economic Surveys",
        "description": "Each Pakistan Economic Survey edition's cumulative estimate of the war's "
        "cost since 2001, to show how the estimate grew and was revised.",
        "caveats": ["Editions revise earlier years; periods covered differ."],
        "primaryKey": ["survey_edition"],
        "fields": [
            F("survey_edition", "string", "Survey edition", required=True),
            F("period_covered", "string", "Period as reported", required=True),
            F("period_end", "date", "Last day covered", required=True),
            F("cumulative_usd_bn", "number", "Cumulative estimate", "US$ billions", required=True),
            F("approximate", "boolean", "True if printed as an approximate figure", required=True),
            F("as_printed", "string", "The value as printed", required=True),
            SRC(),
            NOTE(),
        ],
    },
    {
        "name": "drone_strikes",
        "title": "US drone strikes in Pakistan by year, 2004-2018 (Bureau of Investigative "
        "Journalism)",
        "description": "Strikes and people killed or injured per calendar year, summed from the "
        "Bureau's per-strike records; min and max are the bounds of its reporting.",
        "caveats": [
            "Min and max are bounds, not estimates. Other trackers count fewer civilians for "
            "the same years (New America, Long War Journal); the US government's figures cover "
            "several countries, not Pakistan alone: see drone_estimates, whose scopes and "
            "vintages differ.",
        ],
        "primaryKey": ["year"],
        "fields": [
            F("year", "integer", "Calendar year", "year", required=True),
            F("strikes", "integer", "Strikes", "strikes", required=True, minimum=0),
            F("killed_min", "integer", "People killed, lower bound", "persons", required=True),
            F("killed_max", "integer", "People killed, upper bound", "persons", required=True),
            F(
                "civilians_min",
                "integer",
                "Civilians killed, lower bound",
                "persons",
                required=True,
            ),
            F(
                "civilians_max",
                "integer",
                "Civilians killed, upper bound",
                "persons",
                required=True,
            ),
            F("children_min", "integer", "Children killed, lower bound", "persons", required=True),
            F("children_max", "integer", "Children killed, upper bound", "persons", required=True),
            F("injured_min", "integer", "People injured, lower bound", "persons", required=True),
            F("injured_max", "integer", "People injured, upper bound", "persons", required=True),
            F("strikes_bush", "integer", "Strikes under President Bush", "strikes", required=True),
            F(
                "strikes_obama",
                "integer",
                "Strikes under President Obama",
                "strikes",
                required=True,
            ),
            F(
                "strikes_trump",
                "integer",
                "Strikes under President Trump",
                "strikes",
                required=True,
            ),
            SRC(),
        ],
    },
    {
        "name": "drone_estimates",
        "title": "Counter-estimates of US drone strikes and deaths in Pakistan, by tracker",
        "description": "Totals published by New America, the Long War Journal, the Bureau of "
        "Investigative Journalism, Columbia Law School's Human Rights Clinic and the US "
        "government (ODNI), beside each other: one row per figure, with its scope, period and "
        "vintage.",
        "caveats": [
            "Not one series: trackers, periods, vintages and scopes differ; compare rows only "
            "where period and scope match.",
            "The ODNI figures (and Zenko's average) cover strikes in several countries outside "
            "'areas of active hostilities', not Pakistan alone (pakistan_only = false).",
            "New America revised its counts over time (e.g. 2011 civilians 3-9 in 2012, 49-62 "
            "later); rows marked derived are sums computed by the reference compiler from "
            "per-strike records.",
        ],
        "primaryKey": ["estimate_id"],
        "fields": [
            F("estimate_id", "string", "Row id", required=True, pattern=r"DE\d{2}"),
            F("tracker", "string", "Who counted", required=True),
            F("scope", "string", "Where the count covers", required=True),
            F("pakistan_only", "boolean", "True when the count covers Pakistan alone",
              required=True),
            F("period", "string", "Period as published", required=True),
            F("first_year", "integer", "First calendar year of the period (empty if not "
              "printed)", "year"),
            F("last_year", "integer", "Last calendar year of the period", "year",
              required=True),
            F("strikes", "integer", "Strikes", "strikes", minimum=0),
            F("killed_low", "integer", "People killed, low figure", "persons", minimum=0),
            F("killed_high", "integer", "People killed, high figure", "persons", minimum=0),
            F("civilians_low", "integer", "Civilians killed, low figure", "persons",
              minimum=0),
            F("civilians_high", "integer", "Civilians killed, high figure", "persons",
              minimum=0),
            F("derived", "boolean", "True when the figure was summed or derived, not printed",
              required=True),
            F("as_of", "string", "Vintage: when the count was published or compiled",
              required=True),
            SRC(),
            NOTE(),
        ],
    },
    {
        "name": "fatalities",
        "title": "Fatalities in militant violence in Pakistan, as counted by several trackers",
        "description": "One row per figure published by a tracker (SATP, PIPS, PICSS, CRSS, IPI, "
        "GTI, US State Department or an unnamed compiler). Deliberately several series, not "
        "one: trackers count different things.",
        "caveats": [
            "Not one series: definitions differ (terrorist attacks only vs all violence including "
            "military operations) and figures for the same year differ two- to five-fold.",
            "SATP revises past years (two vintages of 2009 are both kept).",
            "Some rows cover part of a year or several years (period_start, period_end, "
            "partial_period).",
        ],
        "primaryKey": ["figure_id"],
        "fields": [
            F("figure_id", "string", "Row id", required=True),
            F(
                "tracker",
                "string",
                "Who compiled the count",
                required=True,
                enum=[
                    "SATP",
                    "PIPS",
                    "PICSS",
                    "CRSS",
                    "IPI",
                    "GTI",
                    "US State Department",
                    "unattributed compilation",
                ],
            ),
            F(
                "tracker_attribution",
                "string",
                "How sure the attribution to the tracker is",
                required=True,
                enum=["named", "not_named", "unverified"],
            ),
            F("period_label", "string", "Period as reported", required=True),
            F("period_start", "date", "First day counted", required=True),
            F("period_end", "date", "Last day counted", required=True),
            F(
                "partial_period",
                "boolean",
                "True if only part of a year was counted",
                required=True,
            ),
            F(
                "definition",
                "string",
                "What the tracker counts",
                required=True,
                enum=[
                    "terrorist_attacks_only",
                    "militant_attacks_only",
                    "militant_attacks_and_operations",
                    "all_violence",
                    "militant_political_criminal",
                    "violence_incl_outlaws",
                    "satp_terrorism_related",
                    "not_stated",
                ],
            ),
            F(
                "as_of",
                "string",
                "When the figure was published or read (YYYY, YYYY-MM or YYYY-MM-DD)",
                required=True,
                pattern=PARTIAL_DATE,
            ),
            F("civilians", "integer", "Civilians killed", "persons", minimum=0),
            F(
                "security_forces",
                "integer",
                "Security-force personnel killed",
                "persons",
                minimum=0,
            ),
            F("militants", "integer", "Militants killed", "persons", minimum=0),
            F("total", "integer", "All killed", "persons", minimum=0),
            F(
                "total_approximate",
                "boolean",
                "True if the total was printed as approximate",
                required=True,
            ),
            SRC(),
            NOTE("The vintage note: who reported it, when, and its definition"),
        ],
    },
    {
        "name": "war_deaths",
        "title": "Direct war deaths in Pakistan since 2001 (Costs of War, Watson Institute)",
        "description": "Direct deaths by category, October 2001 to September 2013, with low and "
        "high estimates, and later headline totals.",
        "caveats": ["Ranges, not point estimates; the later totals come from secondary reports."],
        "primaryKey": ["row_id"],
        "fields": [
            F("row_id", "string", "Row id", required=True),
            F("period_label", "string", "Period as reported", required=True),
            F("period_start", "date", "First day covered", required=True),
            F("period_end", "date", "Last day covered (approximate for 'mid-year')", required=True),
            F("category", "string", "Who died", required=True),
            F("is_total", "boolean", "True for a printed total over all categories", required=True),
            F("deaths_low", "integer", "Low estimate", "persons", required=True, minimum=0),
            F(
                "deaths_high",
                "integer",
                "High estimate (empty where only one figure)",
                "persons",
                minimum=0,
            ),
            F("lower_bound_only", "boolean", "True if reported as 'at least'", required=True),
            F("approximate", "boolean", "True if reported as approximate", required=True),
            SRC(),
            NOTE(),
        ],
    },
    {
        "name": "cpec",
        "title": "Headline values of the China-Pakistan Economic Corridor (CPEC)",
        "description": "The value of CPEC as announced or reported at different dates.",
        "caveats": [
            "Commitments and announcements, not disbursements.",
            "CPEC's framework agreement dates from July 2013 (events EV058).",
        ],
        "primaryKey": ["value_id"],
        "fields": [
            F("value_id", "string", "Row id", required=True),
            F("date", "date", "Date of the statement, where known to the day"),
            F("date_label", "string", "Date or period as reported", required=True),
            F("value_usd_bn", "number", "Headline value", "US$ billions", required=True),
            F("value_type", "string", "What the value is", required=True),
            F("detail", "string", "Details as reported"),
            SRC(),
        ],
    },
    {
        "name": "arms_imports",
        "title": "Suppliers' shares of Pakistan's arms imports by SIPRI five-year period",
        "description": "China's and the US's share of Pakistan's imports of major arms, from "
        "SIPRI releases as reported in the press.",
        "caveats": [
            "Overlapping five-year periods from separate yearly releases: not one series.",
            "SIPRI trend-indicator values measure transfers of major arms, not money.",
        ],
        "primaryKey": ["period"],
        "fields": [
            F("period", "string", "SIPRI period", required=True, pattern=r"\d{4}-\d{4}"),
            F("year_first", "integer", "First year", "year", required=True),
            F("year_last", "integer", "Last year", "year", required=True),
            F(
                "china_share_pct",
                "number",
                "China's share of Pakistan's arms imports",
                "percent",
                minimum=0,
                maximum=100,
            ),
            F(
                "usa_share_pct",
                "number",
                "The US's share of Pakistan's arms imports",
                "percent",
                minimum=0,
                maximum=100,
            ),
            F("other_suppliers", "string", "Other suppliers' shares as reported"),
            F(
                "pak_share_of_china_exports_pct",
                "number",
                "Pakistan's share of China's arms exports",
                "percent",
                minimum=0,
                maximum=100,
            ),
            F(
                "pak_share_of_world_imports_pct",
                "number",
                "Pakistan's share of world arms imports",
                "percent",
                minimum=0,
                maximum=100,
            ),
            F("change_vs_previous", "string", "Change in Pakistan's imports as reported"),
            SRC(),
            NOTE(),
        ],
    },
    {
        "name": "events",
        "title": "Dated events in Pakistan's foreign relations, 1947-2025",
        "description": "Events with date, precision, category, actors (ISO3 codes; TALIBAN also "
        "covers the TTP, RUS also stands for the USSR) and the course phase they fall in.",
        "caveats": [
            "Some dates are known to the month or year only (date_precision): date and "
            "date_end then hold the first and last day of that month or year. Timelines place "
            "such an event at the end of its span (the day by which it had certainly happened) "
            "and mark it as approximate.",
            "Contested events are attributed in their description (\"India said ...; Pakistan "
            "denied ...\"); some dates differ between sources (see the sources' notes).",
        ],
        "primaryKey": ["event_id"],
        "fields": [
            F("event_id", "string", "Event id", required=True, pattern=r"EV\d{3}"),
            F("date", "date", "Date (first day of the month/year if less precise)", required=True),
            F("date_end", "date", "Last day of the date's span (= date when known to the day)",
              required=True),
            F(
                "date_precision",
                "string",
                "Precision of the date",
                required=True,
                enum=["day", "month", "year"],
            ),
            F(
                "date_label",
                "string",
                "Date as known (YYYY, YYYY-MM or YYYY-MM-DD)",
                required=True,
                pattern=PARTIAL_DATE,
            ),
            F("phase", "string", "Course phase id", required=True, enum=PHASES),
            F("title", "string", "Short title", required=True),
            F("description", "string", "What happened", required=True),
            F(
                "category",
                "string",
                "Kind of event",
                required=True,
                enum=[
                    "domestic_politics",
                    "diplomacy_visit",
                    "alliance_treaty",
                    "regional_war",
                    "aid_sanction",
                    "nuclear",
                    "terrorist_attack",
                    "military_operation",
                    "diplomatic_crisis",
                    "economic_corridor",
                ],
            ),
            F("actors", "string", "';'-separated actor codes", required=True, pattern=IDS),
            SRC(),
        ],
    },
    {
        "name": "phases",
        "title": "The course's phases of Pakistan-US relations",
        "description": "Khan (2024)'s three post-9/11 phases plus a Cold War background phase: "
        "stable ids, names, years, a description in the course's words, and where each paper "
        "discusses the phase.",
        "caveats": [
            "The periodisation is one paper's interpretation (claims P003-14); "
            "boundaries are calendar years."
        ],
        "primaryKey": ["phase_id"],
        "fields": [
            F("phase_id", "string", "Stable phase id (API)", required=True, enum=PHASES),
            F("position", "integer", "Order of the phase", required=True, minimum=0),
            F("name", "string", "Name of the phase", required=True),
            F("start_year", "integer", "First calendar year", "year", required=True),
            F("end_year", "integer", "Last calendar year; empty for the present", "year"),
            F(
                "description",
                "string",
                "What characterises the phase (course's words)",
                required=True,
            ),
            F(
                "paper_sections",
                "string",
                "Where the papers discuss it ('paper §Section; ...')",
                required=True,
            ),
            SRC(),
        ],
    },
    {
        "name": "rsct_relations",
        "title": "Security relations between actors by phase, read through RSCT",
        "description": "For each phase, the relationship between pairs of actors in Regional "
        "Security Complex Theory terms (amity, enmity, alignment, rivalry, ambivalent) with a "
        "score from -2 to +2, a rationale in the course's words and the paper sections or "
        "events behind it.",
        "caveats": [
            "Interpretation, not measurement: it follows the papers' reading "
            "(Yousaf & Ma 2025 above all), marked per row in interpretation_of."
        ],
        "primaryKey": ["phase", "actor_a", "actor_b"],
        "fields": [
            F("phase", "string", "Phase id", required=True, enum=PHASES),
            F("actor_a", "string", "First actor (ISO3)", required=True, enum=ACTORS),
            F("actor_b", "string", "Second actor (ISO3)", required=True, enum=ACTORS),
            F(
                "kind",
                "string",
                "Kind of relation",
                required=True,
                enum=["amity", "enmity", "alignment", "rivalry", "ambivalent"],
            ),
            F(
                "score",
                "integer",
                "From -2 (deep enmity) to +2 (close amity/alignment)",
                "score",
                required=True,
                minimum=-2,
                maximum=2,
            ),
            F("rationale", "string", "Why, in the course's words", required=True),
            F("paper_sections", "string", "Supporting paper sections ('paper §Section; ...')"),
            F("event_ids", "string", "Supporting events (';'-separated ids)", pattern=IDS),
            F(
                "interpretation_of",
                "string",
                "Whose reading the row follows (paper ids or 'course')",
                required=True,
                pattern=IDS,
            ),
            F(
                "confidence",
                "string",
                "How well grounded",
                required=True,
                enum=["high", "medium", "low"],
            ),
            SRC(),
        ],
    },
    {
        "name": "paper_figures",
        "title": "Every number the three papers state, checked against the course data",
        "description": "Each figure, year or ratio in the papers' text with paper, section, a "
        "short quote, the comparable figure in the course data and a verdict.",
        "caveats": [
            "Quotes are short excerpts for criticism and teaching; the comparable "
            "figure is given as printed in its source."
        ],
        "primaryKey": ["figure_id"],
        "fields": [
            F("figure_id", "string", "Row id", required=True, pattern=r"PF\d{3}"),
            F("paper_id", "string", "Paper", required=True, enum=PAPERS),
            F("section", "string", "The paper's section heading", required=True),
            F("quote", "string", "Short verbatim quote", required=True),
            F("figure_text", "string", "The figure as printed", required=True),
            F("value", "number", "The figure as a number, in unit"),
            F(
                "unit",
                "string",
                "Unit of value",
                enum=[
                    "usd_millions",
                    "usd_billions",
                    "persons",
                    "year",
                    "months",
                    "years",
                    "days",
                    "count",
                    "ratio",
                    "percent",
                ],
            ),
            F(
                "kind",
                "string",
                "Kind of figure",
                required=True,
                enum=["aid", "cost", "casualties", "date", "duration", "ratio", "count", "other"],
            ),
            F("claim_id", "string", "Matching row of the claims dataset"),
            F("comparable_dataset", "string", "Course dataset holding the comparable figure"),
            F("comparable_figure", "string", "The comparable figure, as printed in its source"),
            F("verdict", "string", "How the figure holds up", required=True, enum=VERDICTS),
            NOTE("What the figure counts and why the verdict"),
            SRC(),
        ],
    },
    {
        "name": "claims",
        "title": "Checkable claims from the three papers, with verdicts",
        "description": "113 claims quoted from the papers with the evidence for a verdict. "
        "claim_type 'interpretation' rows are judged for support, not truth.",
        "caveats": [
            "Quotes are short excerpts for criticism; verdicts rest on the sources cited per row."
        ],
        "primaryKey": ["claim_id"],
        "fields": [
            F(
                "claim_id",
                "string",
                "Claim id (P000 = yousaf-ma-2025, P002 = majeed-2024, P003 = khan-2024)",
                required=True,
                pattern=r"P00[023]-\d{2}",
            ),
            F("paper_id", "string", "Paper", required=True, enum=PAPERS),
            F("section", "string", "Section of the paper", required=True),
            F("quote", "string", "Short quote", required=True),
            F("claim", "string", "The claim in plain words", required=True),
            F(
                "claim_type",
                "string",
                "Kind of claim",
                required=True,
                enum=["event", "interpretation", "attribution", "date", "figure", "agreement"],
            ),
            F("verdict", "string", "Verdict", required=True, enum=VERDICTS),
            F("evidence_note", "string", "The evidence for the verdict", required=True),
            SRC(),
        ],
    },
    {
        "name": "contrasts",
        "title": "Where the papers disagree or frame things differently",
        "description": "Fifteen points of contrast between two papers, with each position and "
        "a note on the third paper and the evidence.",
        "caveats": ["Interpretive comparisons."],
        "primaryKey": ["contrast_id"],
        "fields": [
            F("contrast_id", "string", "Row id", required=True),
            F("topic", "string", "Topic", required=True),
            F("paper_a", "string", "First paper", required=True, enum=PAPERS),
            F("sections_a", "string", "Its sections"),
            F("position_a", "string", "Its position", required=True),
            F("paper_b", "string", "Second paper", required=True, enum=PAPERS),
            F("sections_b", "string", "Its sections"),
            F("position_b", "string", "Its position", required=True),
            NOTE("The third paper's view and the evidence"),
            SRC(),
        ],
    },
    {
        "name": "sources",
        "title": "Every source the course data cites",
        "description": "Citation, URL as published and a note for every source_id used "
        "anywhere in the course data.",
        "caveats": [
            "Pages were consulted on 2026-11-25 and 2026-12-03 from stored copies; URLs are "
            "given as "
            "published and were not checked live."
        ],
        "primaryKey": ["source_id"],
        "fields": [
            F("source_id", "string", "Source id", required=True, pattern=r"[A-Za-z0-9_\-]+"),
            F("citation", "string", "Citation", required=True),
            F("url", "string", "URL as published (or a note where there is none)"),
            F("accessed_note", "string", "How and when it was consulted; relevant content"),
            F(
                "added_by",
                "string",
                "Who added the entry",
                required=True,
                enum=["reference", "course"],
            ),
        ],
    },
    {
        "name": "readings",
        "title": "Further reading: scholarly books and articles",
        "description": "Books and articles on US-Pakistan, China-Pakistan and India-Pakistan "
        "relations and on alliance and hedging theory, with publisher or journal, identifier "
        "and the author's perspective, for the lessons' Further reading sections.",
        "caveats": [
            "Perspective is a rough label (where the author writes from), not a verdict on the "
            "argument.",
            "No Chinese-authored reading could be verified yet: a gap to fill. Editions differ "
            "between countries; ISBNs are given only where a source showed one.",
        ],
        "primaryKey": ["reading_id"],
        "fields": [
            F("reading_id", "string", "Reading id", required=True, pattern=r"RD\d{2}"),
            F("author", "string", "';'-separated authors or editors", required=True),
            F("year", "integer", "Year of publication", "year", required=True),
            F("title", "string", "Title", required=True),
            F("publisher_or_journal", "string", "Publisher (place) or journal", required=True),
            F("identifier", "string", "ISBN, DOI or JSTOR number where seen"),
            F("topic", "string", "What it covers", required=True),
            F("perspective", "string", "Where the author writes from: US-based, Pakistani, "
              "Indian, Europe- or Canada-based, or theory", required=True),
            SRC(),
            NOTE(),
        ],
    },
    {
        "name": "seeds",
        "title": "The three source papers of the course",
        "description": "Paper ids, files in seeds/, citations and licences.",
        "caveats": [
            "Texts were extracted from the published papers; footnote markers and some "
            "formatting were lost."
        ],
        "primaryKey": ["paper_id"],
        "fields": [
            F("paper_id", "string", "Paper id (API)", required=True, enum=PAPERS),
            F("file", "string", "Text file, relative to the course root", required=True),
            F("original_file", "string", "File name in the shared seed folder", required=True),
            F("authors", "string", "';'-separated authors", required=True),
            F("title", "string", "Title", required=True),
            F("published", "date", "Publication date", required=True),
            F("journal", "string", "Journal, where the text names it"),
            F("details", "string", "Volume, issue, pages or a note"),
            F("doi", "string", "DOI, where given"),
            F("licence", "string", "Licence or terms of use", required=True),
            F("lens", "string", "The paper's lens", required=True),
            F(
                "source_id",
                "string",
                "The paper's own id in the sources dataset",
                required=True,
                pattern=IDS,
            ),
        ],
    },
    {
        "name": "quiz",
        "title": "Self-check questions for the eight lessons",
        "description": "The question bank behind pakfp_course.quiz: single-choice and "
        "multiple-choice questions on the papers' arguments, the theories, reading the data "
        "critically and the papers' documented errors. Long format: one row per answer option, "
        "with whether it is correct and the feedback a student sees for it.",
        "caveats": [
            "Written by the course. Every number or date in a question appears in the course "
            "data rows of the sources it cites (checked by tests/test_quiz.py).",
            "The file holds the answers: it is for self-checking, not for marked tests.",
            "Verdicts on the papers' claims follow the claims and paper_figures datasets.",
        ],
        "primaryKey": ["question_id", "option"],
        "fields": [
            F(
                "question_id",
                "string",
                "Question id: Q, lesson number, '-', index (e.g. Q03-02)",
                required=True,
                pattern=r"Q0[0-8]-\d{2}",
            ),
            F(
                "lesson",
                "string",
                "Lesson id (the notebook's name without .ipynb)",
                required=True,
                enum=LESSONS,
            ),
            F(
                "kind",
                "string",
                "single: exactly one correct option; multiple: one or more correct options",
                required=True,
                enum=["single", "multiple"],
            ),
            F("prompt", "string", "The question, repeated on every row of it", required=True),
            F("option", "string", "Option key (a, b, c, ...)", required=True, pattern=r"[a-h]"),
            F("option_text", "string", "The option as shown to students", required=True),
            F("correct", "boolean", "True if choosing this option is right", required=True),
            F(
                "explanation",
                "string",
                "Feedback for this option: why it is right or wrong",
                required=True,
            ),
            SRC(),
        ],
    },
    {
        "name": "glossary",
        "title": "Glossary: the course's key terms, defined with sources",
        "description": "The key terms the lessons teach (theories, ways of counting US aid, "
        "contested charges and labels), each with a short plain-English definition, the forms "
        "in which the lessons' text uses it, the lessons that teach it, related terms and the "
        "sources behind the definition. The course website's glossary is built from it.",
        "caveats": [
            "Definitions are the course's summaries of the sources cited and of the lessons' own "
            "wording; quoted words are in quotation marks. Where scholars use a term "
            "differently (bandwagoning: Walt, Schweller, Khan), the definition says whose usage "
            "it gives.",
            "Aliases match whole words: an alias in capitals (an acronym such as CSF) matches "
            "only in capitals, any other alias in any case. One term's alias can lie inside "
            "another's (bandwagoning, strategic bandwagoning): match the longer one first; the "
            "file lists the term with the longer alias first.",
            "lessons lists the lessons that teach or apply the term, not every mention.",
        ],
        "primaryKey": ["term_id"],
        "fields": [
            F(
                "term_id",
                "string",
                "Stable term id: a lowercase slug (letters, digits, '_')",
                required=True,
                pattern=SLUG,
            ),
            F("term", "string", "The term as displayed", required=True),
            F(
                "aliases",
                "string",
                "';'-separated forms of the term as they appear in the lessons' text",
                required=True,
                pattern=r"[^;]+(;[^;]+)*",
            ),
            F(
                "definition",
                "string",
                "Two to four sentences in plain English; whose definition it is where "
                "scholars differ",
                required=True,
            ),
            F(
                "lessons",
                "string",
                "';'-separated lesson ids (notebook names without .ipynb) that teach the term",
                required=True,
                pattern=f"{LESSON_ID}(;{LESSON_ID})*",
            ),
            F(
                "see_also",
                "string",
                "';'-separated term_ids of related terms; empty if none",
                pattern=f"{SLUG}(;{SLUG})*",
            ),
            SRC(),
        ],
    },
]
