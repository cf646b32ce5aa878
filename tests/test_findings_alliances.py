"""Lesson 03's findings (pakfp_course.findings.alliances), checked against the data itself."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import ledger
from pakfp_course.findings import alliances
from pakfp_course.phases import PHASE_IDS

PAIRS = {"Pakistan–US": ("PAK", "USA"), "Pakistan–India": ("PAK", "IND"),
         "US–India": ("USA", "IND"), "Pakistan–China": ("PAK", "CHN"),
         "US–China": ("USA", "CHN")}


def _plain(md) -> str:
    return md.data.replace("\\$", "$")


def _crs_rows() -> pd.DataFrame:
    aid = pc.load("aid_crs")
    return aid[aid["figure_status"] != "request"]


def test_the_reading_is_the_one_the_course_settled_on():
    assert alliances.READING == "bandwagoning for profit, entered under duress"


def test_aid_components_add_up_to_the_total_crs_prints():
    a = alliances.aid_components()
    printed = pc.load("aid_crs_totals")
    printed = printed[(printed["fy_first"] == 2002) & (printed["fy_last"] == 2018)].iloc[0]
    assert a.span == "FY2002–FY2018"
    assert a.total == pytest.approx(float(printed["total_usd_m"]), abs=1)
    rows = _crs_rows()
    strict = float(rows["security_usd_m"].sum() + rows["economic_usd_m"].sum())
    assert a.without_csf == pytest.approx(strict)
    assert a.csf == pytest.approx(a.total - strict)
    single = rows[rows["fy_first"] == rows["fy_last"]]
    assert a.peak_label in set(single["fy_label"])
    assert a.peak_total >= float(single["total_usd_m"].max())
    text = _plain(alliances.aid_components_note())
    assert pc.explore.usd_bn(a.without_csf) in text and f"{a.csf / a.total:.0%}" in text


def test_imran_khans_twenty_billion_is_read_from_its_source_and_set_beside_three_counts():
    note = pc.load("sources").set_index("source_id").loc["ARABNEWS_2021", "accessed_note"]
    assert "$20 billion in aid" in note
    t = alliances.twenty_billion()
    assert t.said == 20_000
    greenbook = pc.load("aid_greenbook").query("recipient == 'PAK' and fiscal_year >= 2002")
    assert t.greenbook == pytest.approx(float(
        (greenbook["economic_current_usd_m"] + greenbook["military_current_usd_m"]).sum()))
    assert t.crs_with_csf == pytest.approx(alliances.aid_components().total)
    # the inference the lesson draws: the counts without CSF are near his figure, the one
    # with CSF is not
    assert abs(t.crs_without_csf - t.said) < 0.05 * t.said
    assert abs(t.greenbook - t.said) < 0.15 * t.said
    assert t.crs_with_csf - t.said > 0.5 * t.said
    text = _plain(alliances.twenty_billion_note())
    assert "our inference, not his statement" in text and "plausible" in text
    assert f"{(t.crs_without_csf - t.said) / 1000:+,.2f} bn" in text


def test_ledger_combinations_are_every_choice_best_first():
    combos = alliances.ledger_combinations()
    assert len(combos) == len(ledger.AID_ESTIMATES) * len(ledger.COST_ESTIMATES)
    shares = {}
    for a in ledger.AID_ESTIMATES:
        for c in ledger.COST_ESTIMATES:
            t = ledger.ledger_table(a, c)
            shares[(a, c)] = t["aid_usd_bn"].sum() / t["cost_usd_bn"].sum()
    assert list(combos["share"]) == sorted(combos["share"], reverse=True)
    best = max(shares, key=shares.get)
    worst = min(shares, key=shares.get)
    assert tuple(combos.iloc[0][["benefit", "cost"]]) == best
    assert tuple(combos.iloc[-1][["benefit", "cost"]]) == worst
    text = alliances.ledger_combinations_table().data
    assert f"**Best:** `{best[0]}` with `{best[1]}` ({shares[best]:.0%})" in text
    assert f"**Worst:** `{worst[0]}` with `{worst[1]}` ({shares[worst]:.0%})" in text


def test_ledger_by_phase_and_the_peak_answer_follow_the_ledger_table():
    table = ledger.ledger_table("crs_with_csf", "survey_2017_18")
    for phase in table.index:
        text = _plain(alliances.ledger_by_phase(phase))
        assert f"**{table.loc[phase, 'aid_share_of_cost']:.0%}**" in text
        assert text.count("- **") == 1
    assert "no cost-of-war estimate" in alliances.ledger_by_phase("cold-war").data
    answer = _plain(alliances.aid_peak_answer())
    assert f"Largest aid: **{table['aid_usd_bn'].idxmax()}**" in answer
    assert f"covered: **{table['aid_share_of_cost'].idxmax()}**" in answer


def test_cost_lives_and_vintage_notes_state_the_data():
    cost = pc.load("cost_of_war")
    text = _plain(alliances.cost_of_war_note())
    assert pc.explore.usd_bn(cost["cost_usd_bn"].sum() * 1000) in text
    assert cost.loc[cost["cost_usd_bn"].idxmax(), "fiscal_year"] in text
    vintages = pc.load("cost_of_war_vintages")
    text = _plain(alliances.survey_vintages_note())
    assert all(e in text for e in vintages["survey_edition"])
    deaths = pc.load("war_deaths")
    text = _plain(alliances.lives_note())
    total = deaths[deaths["is_total"] & (deaths["period_label"] == "Oct 2001-Sep 2013")].iloc[0]
    assert f"{total.deaths_low:,}–{total.deaths_high:,}" in text
    assert "P003-09" in text and "P003-08" in alliances.cost_of_war_note().data


def test_tie_scores_are_the_rsct_relations_rows():
    scores = alliances.tie_scores()
    rel = pc.load("rsct_relations")
    assert list(scores.index) == [p for p in PHASE_IDS if p in set(rel["phase"])]
    for name, (a, b) in PAIRS.items():
        for r in rel[(rel["actor_a"] == a) & (rel["actor_b"] == b)].itertuples():
            assert scores.loc[r.phase, name].startswith(r.kind)
            assert scores.loc[r.phase, name].endswith(f"{r.score:+d}" if r.score else " 0")
    india = rel[(rel["actor_a"] == "PAK") & (rel["actor_b"] == "IND")]
    assert set(india["kind"]) == {"enmity"}  # the premise of step 3 of the reading


def test_days_between_uses_the_event_dates():
    events = pc.load("events").set_index("event_id")
    expected = (events.loc["EV031", "date_end"] - events.loc["EV030", "date_end"]).days
    assert alliances.days_between("EV030", "EV031") == expected
    assert alliances.days_between("EV031", "EV032") > 0


def test_the_evidence_for_the_reading_is_computed_and_cited():
    text = _plain(alliances.us_tie_evidence())
    claims = pc.load("claims").set_index("claim_id")
    assert f"{alliances.days_between('EV030', 'EV031')} days after the attacks" in text
    assert f"{alliances.days_between('EV031', 'EV032')} days after the address" in text
    for ref in ("EV026", "EV029", "EV031", "EV032", "EV038", "EV040", "EV105", "EV112",
                "P000-20", "P003-02", "P003-24", "X05"):
        assert ref in text, ref
    assert claims.loc["P003-02", "evidence_note"] in text
    assert pc.explore.usd_bn(alliances.aid_components().total) in text
    scores = alliances.tie_scores()
    assert all(v in text for v in scores.to_numpy().ravel())
    assert not re.search(r"(tie|alignment|alliance) with (the us|washington)[^.]{0,40}"
                         r"\bis (a form of )?balancing", text.lower())


def test_the_alliance_episodes_are_dated_by_the_events_and_cover_both_fears():
    events = pc.load("events").set_index("event_id")
    ids = [e for ep in alliances.EPISODES for e in ep.event_ids]
    assert set(ids) <= set(events.index)
    assert {"EV024", "EV049", "EV065", "EV109", "EV110"} <= set(ids)
    for side in ("pakistan", "united_states"):  # each side feared both, at some time
        said = " ".join(getattr(ep, side) for ep in alliances.EPISODES)
        assert "abandonment" in said and "entrapment" in said, side
    text = _plain(alliances.alliance_episodes())
    firsts = [min(events.loc[list(ep.event_ids), "date_end"]) for ep in alliances.EPISODES]
    order = sorted(range(len(firsts)), key=lambda i: firsts[i])
    rows = [line for line in text.splitlines()[2:] if line.startswith("| ")]
    assert [alliances.EPISODES[i].event_ids[0] for i in order] == [
        re.search(r"\((EV\d{3})\)", row).group(1) for row in rows]
    for ep in alliances.EPISODES:
        for e in ep.event_ids:
            assert events.loc[e, "title"] in text


def test_every_reference_in_the_episodes_resolves():
    text = " ".join(ep.reading for ep in alliances.EPISODES)
    claims = set(pc.load("claims")["claim_id"])
    contrasts = set(pc.load("contrasts")["contrast_id"])
    sources = set(pc.load("sources")["source_id"])
    assert set(re.findall(r"P00\d-\d\d", text)) <= claims
    assert set(re.findall(r"\bX\d\d\b", text)) <= contrasts
    assert set(re.findall(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b", text)) <= sources


def test_the_contrast_card_shows_the_contrast():
    x05 = pc.load("contrasts").set_index("contrast_id").loc["X05"]
    text = alliances.contrast_card("X05").data
    assert x05["topic"] in text and x05["note"] in text


def test_the_module_is_small_and_exports_what_it_says():
    import inspect

    assert len(inspect.getsource(alliances).splitlines()) < 600
    assert all(hasattr(alliances, name) for name in alliances.__all__)
