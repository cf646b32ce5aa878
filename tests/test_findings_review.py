"""Lesson 08's findings (``findings.review``): every fact read from the data (issue 11)."""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import data, explore, summaries
from pakfp_course.findings import review, stability
from pakfp_course.phases import phase_table
from tests.lesson_text import ROOT


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return pc.load("events").set_index("event_id")


def _flat(text: str) -> str:
    return " ".join(text.replace("\\$", "$").split())


def _seed(paper: str) -> str:
    return _flat((ROOT / "seeds" / f"{paper}.txt").read_text(encoding="utf-8"))


def _with_events(monkeypatch, change) -> None:
    """Make ``data.load("events")`` return the events changed by ``change(frame)``."""
    load = data.load

    def patched(name: str) -> pd.DataFrame:
        frame = load(name)
        return change(frame.copy()) if name == "events" else frame

    monkeypatch.setattr(data, "load", patched)


# ------------------------------------------------------------------ the order of 2005
def test_interval_puts_the_events_in_date_order_and_counts_the_days(events):
    a, b = events.loc["EV039", "date"], events.loc["EV040", "date"]
    iv = review.interval("EV040", "EV039")
    assert (iv.first, iv.second) == (("EV039", "EV040") if a < b else ("EV040", "EV039"))
    assert iv.days == abs((b - a).days)
    assert review.interval("EV039", "EV040") == iv


def test_interval_refuses_an_event_not_dated_to_the_day(events):
    loose = events.index[events["date_precision"] != "day"][0]
    with pytest.raises(ValueError, match=loose):
        review.interval(loose, "EV040")


def test_the_order_of_2005_is_computed_from_the_dates(events):
    text = _flat(review.order_of_events().data)
    days = (events.loc["EV040", "date"] - events.loc["EV039", "date"]).days
    assert days > 0  # the treaty came first: the old review had it the other way round
    assert f"came **{days} days before**" in text
    assert text.index("EV039") < text.index("EV040")
    assert "cannot have triggered the treaty" in text
    assert "5 April 2005" in text and "18 July 2005" in text


def test_the_order_follows_the_data_not_a_fixed_sentence(monkeypatch):
    def swap(frame):
        i, j = frame.index[frame["event_id"] == "EV039"][0], frame.index[
            frame["event_id"] == "EV040"][0]
        frame.loc[[i, j], ["date", "date_end"]] = frame.loc[[j, i], ["date", "date_end"]].values
        return frame

    _with_events(monkeypatch, swap)
    text = _flat(review.order_of_events().data)
    assert text.index("EV040") < text.index("EV039")
    assert "cannot have triggered" not in text and "could be a response" in text


# ------------------------------------------------------------------ crises (lesson 07's rule)
def test_the_crisis_table_states_lesson_07s_rule_and_its_counts():
    text = _flat(review.crisis_table().data)
    assert _flat(stability.crisis_rule(90)) in text
    crises = stability.india_pakistan_crises()
    table = stability.crises_per_phase(crises)
    for phase, row in table.iterrows():
        assert re.search(rf"`{phase}` [^|]+\| {row['crises']} \| {row['armed_clash']} \|", text)
    assert "timeline is a selection, not a census" in text


def test_every_phase_has_a_crisis_and_those_of_2009_2016_all_fall_in_its_last_year():
    crises = stability.india_pakistan_crises()
    per = stability.crises_per_phase(crises)["crises"]
    assert (per > 0).all()  # what the review's outline argues
    end = int(phase_table().loc["2009-2016", "end_year"])
    mid = [c for c in crises if c.phase == "2009-2016"]
    assert mid and {y for c in mid for y in (c.start.year, c.end.year)} == {end}
    assert f"All of `2009-2016`'s come in {end}." in review.crisis_table().data
    ids = {i for c in mid for i in c.all_ids}
    assert {"EV111", "EV113", "EV114"} <= ids


def test_the_quiet_stretch_is_the_longest_gap_and_falls_in_the_phase_of_most_aid():
    before, after, years = review.quiet_stretch()
    crises = [c for c in stability.india_pakistan_crises() if c.start.year >= 2001]
    gaps = [(b.start - a.end).days for a, b in itertools.pairwise(crises)]
    assert (after.start - before.end).days == max(gaps)
    assert years == pytest.approx(max(gaps) / 365.25)
    assert before.event_ids == ("EV048",) and after.event_ids[0] == "EV111"
    aid = summaries.aid_phase_totals()
    assert aid["total_usd_m"].idxmax() == "2009-2016"  # the outline: "phase with the most aid"
    assert before.end.year < 2009 and after.start.year == 2016


def test_a_wider_window_changes_the_table_the_student_can_try():
    assert review.crisis_table(window_days=365).data != review.crisis_table().data


# ------------------------------------------------------------------ the phase table
def test_the_phase_table_never_shows_a_missing_csf_figure_as_zero():
    aid = summaries.aid_phase_totals()
    rows = review.phase_rows().set_index(review.phase_rows()["phase"].str.extract(
        r"`([^`]+)`")[0])
    missing = aid.index[aid["csf_usd_m"].isna()]
    assert len(missing)  # 2017-present: CRS printed no CSF figure
    for pid in missing:
        words = f"no CSF figure printed by CRS ({aid.loc[pid, 'csf_not_printed']})"
        assert rows.loc[pid, "csf"] == words
        box = {f["measure"]: f["value"] for f in explore.phase_summary(pid).facts}
        assert box["of which Coalition Support Funds (reimbursements)"] == words  # box agrees
    for pid in aid.index.difference(missing):
        assert rows.loc[pid, "csf"].startswith(explore.usd_bn(aid.loc[pid, "csf_usd_m"]))
    text = _flat(review.phase_table().data)
    assert "as the phase box does" not in text and "US$ 0.00 bn" not in text
    assert "missing, not zero" in text and "the phase box, says" in text


def test_the_phase_table_handles_a_phase_with_some_csf_missing(monkeypatch):
    real = summaries.aid_phase_totals

    def partly(*args, **kwargs):
        frame = real(*args, **kwargs)
        if kwargs.get("include_csf", True):
            frame.loc["2009-2016", "csf_not_printed"] = "FY2016"
        return frame

    monkeypatch.setattr(summaries, "aid_phase_totals", partly)
    row = review.phase_rows().iloc[2]
    assert row["csf"].endswith("(none printed for FY2016)")


def test_the_phase_table_marks_the_chosen_phase_only():
    rows = review.phase_rows("2001-2008")
    assert rows["phase"].str.contains("your phase").tolist() == [False, True, False, False]
    assert not review.phase_rows("all")["phase"].str.contains("your phase").any()


def test_arms_shares_word_china_above_half_from_the_data():
    arms = pc.load("arms_imports")
    late = arms[arms["year_last"] >= 2017]
    text = review.arms_shares().data
    assert ("is above half" in text) == bool((late["china_share_pct"] > 50).all())
    assert f"{late['china_share_pct'].min():g}%" in text
    assert f"{arms.iloc[-1]['china_share_pct']:g}% in {arms.iloc[-1]['period']}" in text


# ------------------------------------------------------------------ the papers
@pytest.mark.parametrize("key", list(review.QUOTES))
def test_every_quote_is_exact_and_comes_after_its_section_heading(key):
    paper, section, quote = review.QUOTES[key]
    lines = (ROOT / "seeds" / f"{paper}.txt").read_text(encoding="utf-8").splitlines()
    heading = [i for i, line in enumerate(lines)
               if line.strip().rstrip(":").lower() == section.lower()]
    assert heading, (key, section)
    seed = _seed(paper)
    assert _flat(quote) in seed, key
    before = _flat("\n".join(lines[:heading[0] + 1]))
    assert _flat(quote) not in before and _flat(quote) in seed[len(before):], key


def test_the_side_by_side_table_counts_verdicts_from_the_claims():
    text = _flat(review.side_by_side().data)
    for paper in explore.PAPER_IDS:
        n = explore.verdict_counts(paper)
        assert (f"{n.sum()} claims checked: {n['supported']} supported, "
                f"{n['partly_supported']} partly supported, {n['contradicted']} contradicted"
                in text), paper
    for claim_id in explore.filter_claims(verdict="contradicted")["claim_id"]:
        assert claim_id in text
    assert "What it prescribes" in text and "Towards a Balanced Foreign Policy" in text
    assert "full membership in SAARC" in text


def test_khans_figures_come_with_their_verdicts():
    figures = pc.load("paper_figures")
    big = figures[(figures["paper_id"] == "khan-2024")
                  & figures["kind"].isin(["aid", "cost", "casualties"])]
    text = review.khan_figures().data
    assert len(big) == text.count("\n- ") + 1
    for r in big.itertuples():
        assert r.claim_id in text


@pytest.mark.parametrize("cid", review.VERDICT_CONTRASTS)
def test_each_verdict_names_only_rows_that_exist(cid, events):
    text = review.contrast_verdict(cid)
    claims = pc.load("claims").set_index("claim_id")
    for eid in re.findall(r"EV\d{3}", text):
        assert eid in events.index, (cid, eid)
    for claim_id in re.findall(r"P00[023]-\d{2}", text):
        assert claim_id in claims.index, (cid, claim_id)
    for claim_id, verdict in re.findall(r"(P00[023]-\d{2}), (partly supported|supported|"
                                        r"contradicted|unverified)", text):
        assert claims.loc[claim_id, "verdict"].replace("_", " ") == verdict, claim_id


def test_x06_verdict_computes_the_order_and_the_recent_crises(events):
    text = review.contrast_verdict("X06")
    days = (events.loc["EV040", "date"] - events.loc["EV039", "date"]).days
    assert f"came {days} days before" in text
    recent = [c for c in stability.india_pakistan_crises() if c.phase == "2017-present"]
    assert f"{len(recent)} crises by lesson 07's rule" in text
    for c in recent:
        assert c.label in text


def test_x12_verdict_reads_the_verdicts_and_dates(events):
    text = review.contrast_verdict("X12")
    claims = pc.load("claims").set_index("claim_id")
    assert f"P002-23, {claims.loc['P002-23', 'verdict']}" in text
    for eid in ("EV037", "EV038", "EV039"):
        d = events.loc[eid, "date"]
        assert f"{d.day} {d:%B %Y}" in text


def test_x14_verdict_reads_the_aid_totals():
    text = _flat(review.contrast_verdict("X14"))
    aid = summaries.aid_phase_totals()
    for pid in ("2017-present", "2009-2016"):
        assert explore.usd_bn(aid.loc[pid, "total_usd_m"]) in text


def test_x15_verdict_computes_fatf_imf_and_the_crises_after_the_sco(events):
    text = _flat(review.contrast_verdict("X15"))
    years = (events.loc["EV125", "date"] - events.loc["EV118", "date"]).days / 365.25
    assert f"grey list for {years:.1f} years" in text
    assert (f"IMF programmes in {events.loc['EV120', 'date'].year} and "
            f"{events.loc['EV126', 'date'].year}") in text
    sco = events.loc["EV115", "date"]
    after = [c for c in stability.india_pakistan_crises() if c.start > sco]
    assert f"records {len(after)} India-Pakistan crises" in text
    latest = pc.load("arms_imports").iloc[-1]
    assert f"{latest['china_share_pct']:g}% of Pakistan's major arms in {latest['period']}" in text
    assert "hedging as lesson 03 defines it" in text


def test_an_unknown_contrast_has_no_verdict():
    with pytest.raises(ValueError, match="X01"):
        review.contrast_verdict("X01")


def test_contrast_cards_show_both_positions_and_add_verdicts_on_request():
    contrasts = pc.load("contrasts").set_index("contrast_id")
    plain = _flat(review.contrast_cards(["X12", "X05"]).data)
    with_verdicts = _flat(review.contrast_cards(["X12", "X05"], verdicts=True).data)
    for cid in ("X12", "X05"):
        for col in ("position_a", "position_b", "note"):
            assert _flat(contrasts.loc[cid, col])[:60] in plain
    assert "course's verdict" not in plain
    assert with_verdicts.count("course's verdict") == 1  # X05 has none of its own


# ------------------------------------------------------------------ exercises
def test_share_words():
    assert review.share_words(3, 6) == "3 of 6 (half)"
    assert review.share_words(5, 7) == "5 of 7 (most)"
    assert review.share_words(1, 6) == "1 of 6"
    assert review.share_words(0, 4) == "0 of 4 (none)"
    assert review.share_words(4, 4) == "4 of 4 (all)"
    with pytest.raises(ValueError):
        review.share_words(5, 4)


def test_interpretive_verdicts_are_counted_from_the_claims():
    claims = pc.load("claims")
    interp = claims[claims["claim_type"] == "interpretation"]
    table = review.interpretive_verdicts()
    for paper in explore.PAPER_IDS:
        for verdict in explore.VERDICTS:
            n = int(((interp["paper_id"] == paper) & (interp["verdict"] == verdict)).sum())
            assert table.loc[paper, verdict] == n


def test_the_exercise_1_answer_words_the_counts_it_computes():
    text = _flat(review.interpretive_answer().data)
    table = review.interpretive_verdicts()
    for paper in explore.PAPER_IDS:
        n = int(table.loc[paper].sum())
        k = int(table.loc[paper, "partly_supported"])
        assert f"{review.share_words(k, n)} partly supported" in text
    share = table["contradicted"] / table.sum(axis=1)
    worst = share.idxmax()
    assert f"the weakest paper is {review.NAMES[worst]}'s, with {share[worst]:.0%}" in text
    ym = table.loc["yousaf-ma-2025"]
    if 2 * ym["partly_supported"] <= ym.sum():  # "most are partly supported" was wrong
        assert "most are partly supported" not in text


def test_the_exercise_2_answer_reads_the_peak_from_the_data():
    result = review.aid_peak()
    crs = summaries.aid_crs_revised()
    single = crs[(crs["figure_status"] != "request") & (crs["fy_first"] == crs["fy_last"])]
    assert result.peak["fy_label"] == single.loc[single["total_revised_usd_m"].idxmax(),
                                                 "fy_label"]
    block = crs[crs["fy_first"] != crs["fy_last"]].iloc[0]
    assert result.block_years == block["fy_last"] - block["fy_first"] + 1
    text = review.aid_peak_answer(result).data
    assert result.peak["fy_label"] in text and f"FY{result.greenbook_peak}" in text
