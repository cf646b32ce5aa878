"""The RSCT lesson's findings (``pakfp_course.findings.rsct``), checked against the data."""

from __future__ import annotations

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import data, explore
from pakfp_course.data import split_ids
from pakfp_course.findings import rsct, stability
from pakfp_course.phases import PHASE_IDS


def _actors(value) -> set[str]:
    return set(split_ids(value))


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return pc.load("events")


def _event(event_id, title, category, actors, phase="2009-2016", date="2010-01-01"):
    return {"event_id": event_id, "date": pd.Timestamp(date), "date_end": pd.Timestamp(date),
            "date_precision": "day", "date_label": date, "phase": phase, "title": title,
            "description": "", "category": category, "actors": actors, "source_id": "X"}


# ------------------------------------------------------------------ crises
@pytest.fixture(scope="module")
def crises() -> list[stability.Crisis]:
    """The India–Pakistan crises by the course's one rule (lesson 07's)."""
    return stability.india_pakistan_crises()


def test_rsct_keeps_no_crisis_rule_of_its_own():
    # the rule lives in findings.stability alone; rsct reuses it
    assert not hasattr(rsct, "CRISIS_CATEGORIES")
    assert not hasattr(rsct, "india_pakistan_crises") and not hasattr(rsct, "crises_per_phase")
    assert set(stability.CLOSING_WORDS) <= set(rsct.DE_ESCALATION_WORDS)


def test_the_record_holds_every_india_pakistan_event_and_nothing_else(events):
    both = events[events["actors"].map(lambda a: {"IND", "PAK"} <= _actors(a))]
    record = rsct.india_pakistan_record()
    assert sorted(record["event_id"]) == sorted(both["event_id"])
    assert set(record["kind"]) == {"crisis event", "de-escalation", "other"}


def test_the_records_crisis_events_are_exactly_the_course_crises(crises):
    record = rsct.india_pakistan_record().set_index("event_id")
    members = {i for c in crises for i in c.event_ids}
    assert set(record.index[record["kind"] == "crisis event"]) == members
    for c in crises:  # every event, the closing one included, carries its crisis's label
        assert (record.loc[list(c.all_ids), "crisis"] == c.label).all(), c.label
    labelled = record["crisis"].notna()
    assert set(record.index[labelled]) == set(stability.crisis_event_ids(crises))


def test_steps_back_are_named_by_their_titles_and_are_not_crisis_events():
    record = rsct.india_pakistan_record()
    named = record["title"].str.lower().map(
        lambda t: any(w in t for w in rsct.DE_ESCALATION_WORDS))
    steps = record[record["kind"] == "de-escalation"]
    assert named[steps.index].all()
    assert (record.loc[named, "kind"] != "other").all()  # a named step is never "other"
    assert set(rsct.de_escalation_steps()["event_id"]) == set(steps["event_id"])


def test_the_record_on_made_up_events_follows_the_course_rule():
    frame = pd.DataFrame([
        _event("E1", "Border attack", "terrorist_attack", "IND;PAK", date="2010-01-01"),
        _event("E2", "Troops mobilised", "military_operation", "IND;PAK", date="2010-02-15"),
        _event("E3", "Ceasefire agreed", "regional_war", "IND;PAK", date="2010-03-01"),
        _event("E4", "Envoys recalled", "diplomatic_crisis", "PAK;IND", date="2010-06-01"),
        _event("E5", "Composite dialogue resumes", "diplomacy_visit", "PAK;IND",
               date="2011-01-01"),
        _event("E6", "US strategy names both", "diplomatic_crisis", "USA;PAK;IND",
               date="2011-06-01"),
        _event("E7", "China-India clash", "regional_war", "CHN;IND", date="2012-01-01"),
        _event("E8", "Strike across the border", "regional_war", "IND;PAK;USA",
               date="2012-06-01"),
    ])
    record = rsct.india_pakistan_record(frame).set_index("event_id")
    assert record["kind"].to_dict() == {
        "E1": "crisis event", "E2": "crisis event", "E3": "de-escalation", "E4": "other",
        "E5": "de-escalation", "E6": "other", "E8": "crisis event"}
    # E1 and E2 are 45 days apart: one crisis, which the ceasefire E3 closes
    assert record.loc[["E1", "E2", "E3"], "crisis"].eq("2010 (E1, E2, E3)").all()
    assert record.loc["E8", "crisis"] == "2012 (E8)"
    assert record.loc[["E4", "E5", "E6"], "crisis"].isna().all()
    assert [c.label for c in stability.india_pakistan_crises(frame)] == [
        "2010 (E1, E2, E3)", "2012 (E8)"]


def test_the_2016_events_make_two_crises_and_the_steps_back_are_found(crises):
    record = rsct.india_pakistan_record().set_index("event_id")
    label = {i: c.label for c in crises for i in c.all_ids}
    assert record.loc["EV111", "crisis"] == label["EV111"] != label["EV113"]
    assert record.loc["EV113", "crisis"] == record.loc["EV114", "crisis"] == label["EV113"]
    assert (record.loc[["EV101", "EV103", "EV123", "EV080", "EV036"], "kind"]
            == "de-escalation").all()
    assert record.loc[["EV036", "EV080"], "crisis"].notna().all()  # they close a crisis
    assert pd.isna(record.loc["EV123", "crisis"])  # too long after Balakot to close it
    # neither the nuclear tests nor the diplomatic downgrade is an attack or use of force
    assert (record.loc[["EV025", "EV121", "EV063"], "kind"] == "other").all()


def test_2009_2016_is_not_empty_because_of_the_2016_events(events, crises):
    mid = [c for c in crises if c.phase == "2009-2016"]
    assert mid and {i for c in mid for i in c.all_ids} == {"EV111", "EV113", "EV114"}
    without = events[~events["event_id"].isin(["EV111", "EV113", "EV114"])]
    counts = stability.crises_per_phase(stability.india_pakistan_crises(without))["crises"]
    assert counts["2009-2016"] == 0
    record = rsct.india_pakistan_record(without)
    assert not ((record["kind"] == "crisis event") & (record["phase"] == "2009-2016")).any()


def test_crisis_events_are_the_events_of_the_course_crises(crises):
    frame = rsct.crisis_events()
    ids = stability.crisis_event_ids(crises)
    events = pc.load("events")
    assert list(frame["event_id"]) == list(
        explore.chronological(events[events["event_id"].isin(ids)])["event_id"])
    label = {i: c.label for c in crises for i in c.all_ids}
    assert frame.set_index("event_id")["crisis"].to_dict() == label
    some = [c for c in crises if c.phase == "2009-2016"]
    assert set(rsct.crisis_events(some)["event_id"]) == {"EV111", "EV113", "EV114"}


def test_the_crisis_summary_states_the_course_rule_and_its_counts(crises):
    text = rsct.crisis_summary("2009-2016").data
    assert stability.crisis_rule() in text  # the rule 05 states is lesson 07's, word for word
    counts = stability.crises_per_phase(stability.india_pakistan_crises())["crises"]
    assert [int(n) for n in counts] != [4, 3, 3, 4]  # not the old per-event counts
    for phase, n in counts.items():
        assert f"`{phase}`: {n}" in text
    assert f"**{len(crises)}** crises" in text
    assert f"**{sum(len(c.event_ids) for c in crises)}** attacks and uses of force" in text
    assert "Every phase has at least one" in text
    for c in crises:
        if c.closed_by:
            assert f"{c.closed_by} closed the crisis of {c.years}" in text
    chosen = text.split("In the phase you chose")[1].split("**Steps back**")[0]
    assert all(e in chosen for e in ("EV111", "EV113", "EV114")) and "EV048" not in chosen
    steps = rsct.de_escalation_steps()
    assert f"**Steps back** in the same record ({len(steps)};" in text
    assert all(e in text.split("**Steps back**")[1] for e in steps["event_id"])


def test_the_crisis_summary_reports_an_empty_phase(monkeypatch, events):
    without = events[~events["event_id"].isin(["EV111", "EV113", "EV114"])]
    real = data.load
    monkeypatch.setattr(data, "load", lambda name: without if name == "events" else real(name))
    text = rsct.crisis_summary("2009-2016").data
    assert "`2009-2016`: 0" in text and "No crisis falls in `2009-2016`." in text
    assert "In the phase you chose (`2009-2016`): no crisis." in text
    assert "No crisis in this phase" in rsct.crisis_list("2009-2016").data


def test_the_crisis_list_groups_a_phases_events_and_gives_each_sides_account(crises):
    text = rsct.crisis_list("2009-2016").data
    mid = [c for c in crises if c.phase == "2009-2016"]
    for n, c in enumerate(mid, 1):
        assert f"Crisis {n} of {len(mid)}" in text and c.label in text
    assert text.index("EV111") < text.index("EV113") < text.index("EV114")
    assert "Pakistan's military said there had been no surgical strike" in text
    cold = rsct.crisis_list("cold-war").data
    assert crises[0].label in cold and "EV048" not in cold
    every = rsct.crisis_list("all").data
    assert f"of {len(crises)} (" in every and all(c.label in every for c in crises)


# ------------------------------------------------------------------ the relation table
def test_relation_scores_match_the_table_and_count_changes():
    rel = pc.load("rsct_relations")
    scores = rsct.relation_scores()
    assert list(scores.columns) == [*PHASE_IDS, "changes"]
    for _, r in rel.iterrows():
        assert scores.loc[f"{r['actor_a']}–{r['actor_b']}", r["phase"]] == r["score"]
    pak_ind = scores.loc["PAK–IND"]
    assert pak_ind["changes"] == (pak_ind[list(PHASE_IDS)].diff().iloc[1:] != 0).sum()


def test_score_label_and_changes_read_the_table():
    rel = pc.load("rsct_relations").set_index(["phase", "actor_a", "actor_b"])
    row = rel.loc[("2017-present", "USA", "IND")]
    assert rsct.score_label("2017-present", "USA", "IND") == f"{row['kind']} {int(row['score']):+d}"
    with pytest.raises(KeyError):
        rsct.score_label("cold-war", "IND", "PAK")
    text = rsct.score_changes("2009-2016").data
    assert "`2009-2016`" in text and rsct.score_label("2009-2016", "PAK", "USA") in text


def test_the_table_summary_counts_the_course_own_rows():
    rel = pc.load("rsct_relations")
    text = rsct.relation_table_summary().data
    assert f"**{(rel['interpretation_of'] == 'course').sum()}**" in text
    assert f"Of the {len(rel)} rows" in text


def _stale_relations(monkeypatch):
    """Give rsct a relations table with one reason overtaken by the 2016 events."""
    rel = pc.load("rsct_relations").copy()
    row = (rel["phase"] == "2009-2016") & (rel["actor_a"] == "PAK") & (rel["actor_b"] == "IND")
    assert row.sum() == 1
    rel.loc[row, "rationale"] = ("Enmity is a constant. The events list no India-Pakistan war or "
                                 "crisis inside this phase, so the score is carried forward.")
    real = data.load
    monkeypatch.setattr(data, "load",
                        lambda name: rel if name == "rsct_relations" else real(name))


def test_outdated_rationales_agree_with_the_table_and_the_events(events):
    stale = rsct.outdated_rationales()
    rel = pc.load("rsct_relations")
    for _, s in stale.iterrows():
        a, b = s["pair"].split("–")
        row = rel[(rel["phase"] == s["phase"]) & (rel["actor_a"] == a) & (rel["actor_b"] == b)]
        assert s["says"] in row["rationale"].iloc[0]
        assert any(m in s["says"] for m in rsct.OUTDATED_MARKERS)
        found = events.set_index("event_id").loc[s["event_ids"]]
        assert (found["phase"] == s["phase"]).all()
        assert found["actors"].map(lambda x, a=a, b=b: {a, b} <= _actors(x)).all()
    # every row whose reason says "nothing in the events" while events exist is reported
    reported = {(r.phase, r.pair) for r in stale.itertuples()}
    for _, r in rel.iterrows():
        if any(m in r["rationale"] for m in rsct.OUTDATED_MARKERS):
            both = events[(events["phase"] == r["phase"]) & events["actors"].map(
                lambda x, r=r: {r["actor_a"], r["actor_b"]} <= _actors(x))]
            assert ((r["phase"], f"{r['actor_a']}–{r['actor_b']}") in reported) == (
                not both.empty)


def test_outdated_rationales_find_a_reason_overtaken_by_the_events(monkeypatch, events):
    _stale_relations(monkeypatch)
    stale = rsct.outdated_rationales().set_index(["phase", "pair"])
    found = stale.loc[("2009-2016", "PAK–IND")]
    assert found["says"].startswith("The events list no India-Pakistan war")
    assert {"EV111", "EV113", "EV114"} <= set(found["event_ids"])
    without = rsct.outdated_rationales(
        events[~events["event_id"].isin(["EV111", "EV113", "EV114"])])
    assert ("2009-2016", "PAK–IND") not in {(r.phase, r.pair) for r in without.itertuples()}


def test_the_outdated_note_lists_every_outdated_row(monkeypatch):
    for stale_table in (False, True):
        if stale_table:
            _stale_relations(monkeypatch)
        text = rsct.outdated_rationales_note().data
        stale = rsct.outdated_rationales()
        if stale.empty:
            assert "agree with the events list" in text
            continue
        assert f"**{len(stale)}** rows" in text
        for r in stale.itertuples():
            assert f"**{r.pair}** in `{r.phase}`" in text
            assert all(e in text for e in r.event_ids)
    assert "**PAK–IND** in `2009-2016`" in text


# ------------------------------------------------------------------ arms
def test_arms_shares_split_the_periods_at_half():
    arms = pc.load("arms_imports")
    s = rsct.arms_shares()
    assert list(s.china) == list(arms["period"])
    assert set(s.majority) == set(arms.loc[arms["china_share_pct"] > 50, "period"])
    assert set(s.below_half) == set(arms.loc[arms["china_share_pct"] <= 50, "period"])
    assert s.usa == dict(zip(arms.dropna(subset=["usa_share_pct"])["period"],
                             arms["usa_share_pct"].dropna(), strict=True))


def test_the_arms_statement_does_not_claim_every_period_when_one_was_below_half():
    arms = pc.load("arms_imports")
    text = rsct.china_arms_statement()
    low = arms.loc[arms["china_share_pct"].idxmin()]
    if low["china_share_pct"] <= 50:
        assert "not in every one" in text
        assert f"{low['china_share_pct']:g}% in {low['period']}" in text
        assert f"{(arms['china_share_pct'] > 50).sum()} of the {len(arms)}" in text
    assert text in rsct.arms_summary().data and text in rsct.china_in_pakistan().data


@pytest.mark.parametrize(("shares", "expected"), [
    ([60.0, 70.0], "in every one of the 2 reported SIPRI periods"),
    ([40.0, 45.0], "never passed half (40% in A, 45% in B)"),
    ([45.0, 70.0], "in 1 of the 2 reported SIPRI periods (B to B), but not in every one: 45% in A"),
])
def test_the_arms_statement_follows_the_shares(monkeypatch, shares, expected):
    frame = pd.DataFrame({"period": ["A", "B"], "china_share_pct": shares,
                          "usa_share_pct": [float("nan")] * 2})
    real = data.load
    monkeypatch.setattr(data, "load", lambda name: frame if name == "arms_imports" else real(name))
    assert expected in rsct.china_arms_statement()


# ------------------------------------------------------------------ great powers
def test_great_power_ties_tie_india_to_the_us_or_china_without_pakistan():
    ties = rsct.great_power_ties()
    for _, r in ties.iterrows():
        actors = _actors(r["actors"])
        assert "IND" in actors and "PAK" not in actors and actors & {"USA", "CHN"}
        assert r["phase"] != "cold-war"
        assert r["with_us"] == ("USA" in actors) and r["with_china"] == ("CHN" in actors)
    assert {"EV105", "EV112", "EV116", "EV117", "EV122", "EV124"} <= set(ties["event_id"])


def test_the_great_power_summary_counts_and_times_the_ties(events):
    ties = rsct.great_power_ties()
    text = rsct.great_power_summary().data
    assert f"{len(ties)} events tie India" in text
    for phase in PHASE_IDS[1:]:
        assert f"`{phase}`: {(ties['phase'] == phase).sum()}" in text
    by_id = events.set_index("event_id")
    years = (by_id.loc[ties["event_id"].iloc[0], "date_end"] - by_id.loc["EV030", "date"]).days
    assert f"{years / 365.25:.1f} years after 9/11" in text
    east = rsct.east_asian_states_in_record()
    assert all(_actors(a) & set(rsct.EAST_ASIAN_STATES) for a in east["actors"])
    assert all(e in text for e in east["event_id"])


def test_china_in_pakistan_gives_the_cpec_range_from_the_data():
    cpec = pc.load("cpec")
    text = rsct.china_in_pakistan().data
    assert f"{cpec['value_usd_bn'].min():g} bn" in text
    assert f"{cpec['value_usd_bn'].max():g} bn" in text
    assert "not disbursements" in text
