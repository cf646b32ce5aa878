"""Lesson 00's findings: FY2002-FY2007 in both aid sources, the CSF gap, Khan's $33 billion."""

from __future__ import annotations

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import explore, summaries
from pakfp_course.findings import start


def _text(md) -> str:
    return md.data.replace("\\$", "$")  # Markdown output escapes dollar signs


@pytest.fixture(scope="module")
def crs_block() -> pd.Series:
    aid = pc.load("aid_crs")
    blocks = aid[aid["fy_first"] < aid["fy_last"]]
    assert len(blocks) == 1  # the one multi-year CRS figure
    return blocks.iloc[0]


def test_the_block_is_the_one_crs_prints_as_an_aggregate(crs_block):
    assert crs_block["fy_label"] == start.BLOCK
    assert crs_block["figure_status"] == "appropriation_aggregate"
    assert start.fy2002_2007().crs["total_usd_m"] == crs_block["total_usd_m"]


def test_the_greenbook_gives_the_block_year_by_year(crs_block):
    block = start.fy2002_2007()
    years = list(range(crs_block["fy_first"], crs_block["fy_last"] + 1))
    assert list(block.greenbook["fiscal_year"]) == years
    gb = pc.load("aid_greenbook")
    gb = gb[(gb["recipient"] == "PAK") & gb["fiscal_year"].isin(years)].set_index("fiscal_year")
    expected = gb["economic_current_usd_m"] + gb["military_current_usd_m"]
    assert list(block.greenbook["total_usd_m"]) == pytest.approx(list(expected))
    assert block.greenbook_total == pytest.approx(expected.sum())


def test_the_table_names_each_year_what_each_source_measures_and_the_peak(crs_block):
    text = _text(start.fy2002_2007_table())
    block = start.fy2002_2007()
    for r in block.greenbook.itertuples():
        assert f"| FY{r.fiscal_year} | {r.economic_usd_m:,.1f} | {r.military_usd_m:,.1f} |" in text
    assert f"**{block.greenbook_total:,.1f}**" in text
    assert "obligations" in text and "appropriations" in text
    assert pc.explore.usd_bn(crs_block["total_usd_m"]) in text
    peak = block.greenbook.loc[block.greenbook["total_usd_m"].idxmax(), "fiscal_year"]
    assert f"FY{peak} has the most" in text


def test_the_csf_gap_is_named_as_the_phase_box_names_it():
    gap = start.csf_not_printed()
    aid = pc.load("aid_crs")
    unprinted = aid[aid["csf_usd_m"].isna() & (aid["figure_status"] != "request")]
    assert gap == ", ".join(unprinted["fy_label"])
    box = explore.phase_summary("2017-present").facts[1]["value"]
    assert box == f"no CSF figure printed by CRS ({gap})"


def test_khan_33_counts_csf_only_where_crs_printed_it():
    text = _text(start.khan_33_check())
    aid = summaries.aid_crs_revised()
    aid = aid[aid["figure_status"] != "request"]
    printed_csf = aid["csf_revised_usd_m"].dropna().sum()
    total = aid["total_revised_usd_m"].sum()
    assert f"**{pc.explore.usd_bn(total)}** appropriated" in text
    assert f"**{pc.explore.usd_bn(printed_csf)}** Coalition Support Funds" in text
    assert f"for {start.csf_not_printed()} it printed none" in text
    assert "not zero" in text and "over $33 billion" in text


def test_khan_33_does_not_fail_on_a_phase_with_no_printed_csf(monkeypatch):
    real = summaries.aid_phase_totals("all")
    fake = real.copy()
    fake.loc["2009-2016", "csf_usd_m"] = pd.NA
    fake.loc["2009-2016", "csf_not_printed"] = "FY2009"
    monkeypatch.setattr(summaries, "aid_phase_totals", lambda phase="all", **kw: fake)
    text = _text(start.khan_33_check())
    csf = int(real["csf_usd_m"].sum()) - int(real.loc["2009-2016", "csf_usd_m"])
    assert f"**{pc.explore.usd_bn(csf)}** Coalition Support Funds" in text
    assert "FY2009, FY2017, FY2018" in text


def test_the_peak_year_is_computed_among_single_crs_years():
    aid = summaries.aid_crs_revised()
    single = aid[(aid["fy_first"] == aid["fy_last"]) & (aid["figure_status"] != "request")]
    peak = single.loc[single["total_revised_usd_m"].idxmax()]
    text = _text(start.aid_peak())
    assert f"**{peak['fy_label']}** at **{pc.explore.usd_bn(peak['total_revised_usd_m'])}**" in text
    assert f"`{peak['phase']}`" in text


def test_papers_and_verdicts_are_read_from_the_data():
    papers = _text(start.papers_table())
    for paper_id in pc.load("seeds")["paper_id"]:
        assert f"`{paper_id}`" in papers
    verdicts = _text(start.verdict_summary())
    for paper in explore.PAPER_IDS:
        assert f"**{paper}**: {explore.verdict_counts(paper).sum()} claims checked" in verdicts
