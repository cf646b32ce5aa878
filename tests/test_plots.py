"""The course's charts (pakfp_course.plots): what they draw is the data, honestly shown."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

import pakfp_course as pc
from pakfp_course import explore, ledger, plots, style, summaries
from pakfp_course.errors import UnknownChoiceError

#: Every chart with its default options.
CHARTS = {
    "aid_by_year": lambda ax=None: plots.aid_by_year(ax=ax),
    "aid_history": lambda ax=None: plots.aid_history(ax=ax),
    "cost_of_war": lambda ax=None: plots.cost_of_war(ax=ax),
    "drone_strikes": lambda ax=None: plots.drone_strikes(ax=ax),
    "fatalities": lambda ax=None: plots.fatalities(ax=ax),
    "arms_imports": lambda ax=None: plots.arms_imports(ax=ax),
    "timeline": lambda ax=None: plots.timeline(ax=ax),
    "rsct_map": lambda ax=None: plots.rsct_map(ax=ax),
    "ledger": lambda ax=None: plots.ledger(ledger.ledger_table(), ax=ax),
    "phase_totals": lambda ax=None: plots.phase_totals("2009-2016", ax=ax),
    "verdicts": lambda ax=None: plots.verdicts(explore.verdict_counts(), ax=ax),
}
#: Each chart's caption must name the source behind its rows.
CAPTION_NAMES = {
    "aid_by_year": "Congressional Research Service",
    "aid_history": "U.S. Overseas Loans and Grants",
    "cost_of_war": "The Nation",
    "drone_strikes": "Bureau of Investigative Journalism",
    "fatalities": "StrategyPage",
    "arms_imports": "Scroll.in",
    "timeline": "Wikipedia",
    "rsct_map": "Yousaf & Ma",
    "ledger": "Congressional Research Service; The Nation",
    "phase_totals": "Congressional Research Service; The Nation",
    "verdicts": "The seed paper itself: Yousaf & Ma",
}
GREYS = {"#000000", "#FFFFFF", "#444444", "#333333", "#888888", "#8C8C8C"}
ALLOWED = set(style.OKABE_ITO.values()) | set(style.PHASE_COLOURS.values()) | GREYS


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def by_gid(ax: Axes) -> dict[str, object]:
    artists = [*ax.patches, *ax.lines, *ax.collections]
    return {a.get_gid(): a for a in artists if a.get_gid()}


def caption(ax: Axes) -> str:
    return next(t.get_text() for t in ax.texts if t.get_text().startswith("Source:"))


def texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def points(ax: Axes, prefix: str = "") -> list[tuple[float, float]]:
    return [tuple(xy) for c in ax.collections if isinstance(c, PathCollection)
            and (c.get_gid() or "").startswith(prefix) for xy in c.get_offsets()]


def joined_lines(ax: Axes) -> list:
    return [line for line in ax.lines if len(line.get_xdata()) > 1]


# ---------------------------------------------------------------- all charts
@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_returns_titled_captioned_axes_with_alt_text(name):
    ax = CHARTS[name]()
    assert isinstance(ax, Axes)
    assert ax.get_title(loc="left")
    assert CAPTION_NAMES[name] in caption(ax)
    assert len(style.get_alt(ax)) > 40
    if name != "rsct_map":
        assert ax.get_ylabel() or name == "timeline"
        assert ax.get_xlabel()


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_draws_on_the_axes_it_is_given(name):
    fig, given = plt.subplots()
    assert CHARTS[name](given) is given
    assert len(fig.axes) == 1 and (given.patches or given.collections or given.lines)


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_uses_the_palette_and_never_shows(name, monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plt.show() called"))
    ax = CHARTS[name]()
    colours = set()
    for p in ax.patches:
        if p.get_fill() and p.get_facecolor()[3] > 0:
            colours.add(to_hex(p.get_facecolor(), keep_alpha=False).upper())
    for line in ax.lines:
        colours.add(to_hex(line.get_color()).upper())
    for c in ax.collections:
        colours |= {to_hex(f, keep_alpha=False).upper() for f in c.get_facecolors()}
    assert colours <= {c.upper() for c in ALLOWED}, colours - ALLOWED


def test_phase_bands_on_time_axes_only():
    def bands(ax):
        return [p for p in ax.patches if isinstance(p, Rectangle) and
                to_hex(p.get_facecolor()).upper() in
                {c.upper() for c in style.PHASE_COLOURS.values()}]
    assert len(bands(plots.aid_by_year())) == 3
    assert len(bands(plots.aid_history())) == 4
    assert bands(plots.arms_imports()) == []
    assert bands(plots.rsct_map()) == []


# -------------------------------------------------------------- aid by year
def test_aid_bars_are_the_crs_figures():
    aid = pc.load("aid_crs")
    bars = by_gid(plots.aid_by_year())
    for row in aid[aid.fy_first == aid.fy_last].itertuples():
        for c in ("security", "economic", "csf"):
            value = getattr(row, f"{c}_usd_m")
            gid = f"{row.fy_label}:{c}"
            if pd.isna(value):
                assert gid not in bars
            else:
                assert bars[gid].get_height() == pytest.approx(value)
                assert bars[gid].get_width() == pytest.approx(0.8)


def test_the_six_year_aggregate_is_one_block_of_annual_averages():
    ax = plots.aid_by_year()
    bars = by_gid(ax)
    block = bars["FY2002-FY2007:block"]
    assert block.get_width() == 6
    assert block.get_height() * 6 == pytest.approx(10097)
    assert block.get_x() == 2002  # FY2002 ... FY2007 sit in 2002 ... 2007
    parts = [bars[f"FY2002-FY2007:{c}"] for c in ("security", "economic", "csf")]
    assert [p.get_height() * 6 for p in parts] == pytest.approx([1691, 2728, 5678])
    assert all(p.get_width() == 6 for p in parts)
    assert not [g for g in bars if g.startswith(("FY2002:", "FY2005:", "FY2007:"))]
    label = next(t for t in texts(ax) if "10,097" in t)
    assert "annual average" in label and "1,683" in label


def test_the_request_is_drawn_as_a_request():
    ax = plots.aid_by_year()
    bars = by_gid(ax)
    request = [bars[g] for g in bars if g.startswith("FY2020:")]
    assert sum(b.get_height() for b in request) == pytest.approx(22 + 48)
    assert all(b.get_hatch() == "///" and to_hex(b.get_facecolor()) == "#ffffff"
               for b in request)
    assert bars["FY2010:security"].get_hatch() is None
    assert any(t.startswith("request") for t in texts(ax))
    assert any("request" in t.get_text() for t in ax.get_legend().get_texts())
    assert not [g for g in by_gid(plots.aid_by_year(show_request=False)) if "FY2020" in g]


def test_aid_components_can_be_told_apart_in_black_and_white():
    """Printed in grey, blue (security) and green (economic) look alike: economic is dotted,
    in the bars and in the legend, so colour is not the only thing that tells them apart."""
    ax = plots.aid_by_year()
    bars = by_gid(ax)
    years = [g.split(":")[0] for g in bars if g.endswith(":economic")
             and g.split(":")[0] != "FY2020"]  # the request: both hatched as a request
    assert len(years) > 10
    for year in years:
        assert bars[f"{year}:economic"].get_hatch() != bars[f"{year}:security"].get_hatch()
    legend = {t.get_text(): h for t, h in zip(ax.get_legend().get_texts(),
                                              ax.get_legend().legend_handles, strict=True)}
    assert legend["economic-related"].get_hatch() == ".."
    assert legend["security-related"].get_hatch() is None


def test_missing_csf_is_marked_not_zero():
    ax = plots.aid_by_year()
    assert "FY2017:csf" not in by_gid(ax)
    assert "no CSF\nfigure" in texts(ax)
    assert "FY2017-FY2018: CRS printed no CSF figure" in caption(ax)
    assert "no CSF\nfigure" not in texts(plots.aid_by_year(components=("security",)))


def test_revised_csf_uses_the_derived_figure():
    revised = summaries.aid_crs_revised().set_index("fy_label")
    bars = by_gid(plots.aid_by_year(revised_csf=True))
    assert bars["FY2013:csf"].get_height() == revised.at["FY2013", "csf_revised_usd_m"] == 1438
    assert bars["FY2013:csf"].get_hatch() == "xx"
    assert by_gid(plots.aid_by_year())["FY2013:csf"].get_height() == 353


def test_aid_components_filter_and_alt_text():
    ax = plots.aid_by_year(components=("economic",))
    assert {g.split(":")[1] for g in by_gid(ax)} == {"economic", "block"}
    alt = style.get_alt(plots.aid_by_year())
    assert "highest 4,504 US$ m in FY2010" in alt and "lowest 107 US$ m in FY2018" in alt
    assert "10,097" in alt and "70" in alt


def test_unknown_aid_component_names_the_valid_ones():
    with pytest.raises(UnknownChoiceError, match="'security', 'economic', 'csf'"):
        plots.aid_by_year(components=("security", "military"))
    with pytest.raises(UnknownChoiceError):
        plots.aid_by_year(components=())


# -------------------------------------------------------------- aid history
def test_aid_history_lines_are_the_greenbook_figures_with_gaps():
    gb = pc.load("aid_greenbook")
    pak = gb[gb.recipient == "PAK"].set_index("fiscal_year")
    lines = by_gid(plots.aid_history())
    line = lines["PAK:economic"]
    series = pd.Series(line.get_ydata(), index=(line.get_xdata() - 0.5).astype(int))
    assert series[1962] == pak.at[1962, "economic_const2019_usd_m"]
    assert series[pak.index].tolist() == pak["economic_const2019_usd_m"].tolist()
    assert series[[1949, 1950]].isna().all()  # no rows: gaps, never zeros
    current = by_gid(plots.aid_history(dollars="current"))["PAK:military"]
    assert np.nanmax(current.get_ydata()) == pak["military_current_usd_m"].max()


def test_aid_history_two_recipients_differ_by_colour():
    lines = by_gid(plots.aid_history(recipients=("PAK", "IND"), kinds=("economic", "military")))
    assert set(lines) == {"PAK:economic", "PAK:military", "IND:economic", "IND:military"}
    assert lines["PAK:economic"].get_color() != lines["IND:economic"].get_color()
    assert lines["PAK:economic"].get_linestyle() != lines["PAK:military"].get_linestyle()


def test_aid_history_bad_choices():
    with pytest.raises(UnknownChoiceError, match="'constant', 'current'"):
        plots.aid_history(dollars="real")
    with pytest.raises(UnknownChoiceError, match="'PAK', 'IND'"):
        plots.aid_history(recipients=("USA",))


# -------------------------------------------------------------- cost of war
def test_cost_bars_are_the_survey_figures_by_fiscal_year_end():
    cost = pc.load("cost_of_war")
    ax = plots.cost_of_war()
    bars = by_gid(ax)
    for row in cost.itertuples():
        bar = bars[f"{row.fiscal_year}:{'partial' if row.partial_period else 'full'}"]
        assert bar.get_height() == pytest.approx(row.cost_usd_bn)
        assert bar.get_x() + bar.get_width() / 2 == row.period_end.year + 0.5
    partial = bars["2017-18:partial"]
    assert partial.get_hatch() == "///" and bars["2016-17:full"].get_hatch() is None
    assert "2.07\npartial" in texts(ax)
    assert "July-February" in caption(ax)
    alt = style.get_alt(ax)
    assert "23.77" in alt and "2010-11" in alt and "126.79" in alt


# ----------------------------------------------------------------- drones
def test_drone_ranges_are_the_reported_bounds():
    drones = pc.load("drone_strikes")
    for measure in ("killed", "civilians", "children", "injured"):
        ax = plots.drone_strikes(measure=measure)
        bars = by_gid(ax)
        for row in drones.itertuples():
            bar = bars[f"{row.year}:range"]
            assert bar.get_y() == getattr(row, f"{measure}_min")
            assert bar.get_y() + bar.get_height() == getattr(row, f"{measure}_max")
        assert joined_lines(ax) == []  # never one made-up line
    alt = style.get_alt(plots.drone_strikes())
    assert "755-1,108" in alt and "2010" in alt


def test_drone_strikes_are_bars():
    drones = pc.load("drone_strikes")
    bars = by_gid(plots.drone_strikes(measure="strikes"))
    assert [bars[f"{y}:strikes"].get_height() for y in drones.year] == drones.strikes.tolist()
    with pytest.raises(UnknownChoiceError, match="'strikes', 'killed'"):
        plots.drone_strikes(measure="deaths")


# -------------------------------------------------------------- fatalities
def test_fatalities_never_join_trackers():
    ax = plots.fatalities()
    assert joined_lines(ax) == []
    for coll in ax.collections:
        if isinstance(coll, LineCollection):  # partial periods: flat lines, one row each
            assert all(seg[0][1] == seg[-1][1] for seg in coll.get_segments())


def test_each_tracker_has_its_own_marker_and_colour():
    fat = pc.load("fatalities")
    ax = plots.fatalities()
    handles = {h.get_label(): h for h in ax.get_legend().legend_handles}
    trackers = set(fat.tracker)
    assert trackers <= set(handles)
    assert len({handles[t].get_marker() for t in trackers}) == len(trackers)
    assert len({to_hex(handles[t].get_color()) for t in trackers}) == len(trackers)
    for coll in ax.collections:
        if isinstance(coll, PathCollection):
            tracker, kind = coll.get_gid().split(":")
            drawn = coll.get_edgecolor() if kind == "partial" else coll.get_facecolor()
            assert to_hex(drawn[0]) == to_hex(handles[tracker].get_color())


def test_fatality_points_are_the_figures_at_mid_period():
    fat = pc.load("fatalities")
    days = (fat.period_end - fat.period_start).dt.days
    shown = fat[(days <= 366) & fat.total.notna()]
    ax = plots.fatalities()
    drawn = points(ax)
    assert len(drawn) == len(shown)
    assert sorted(y for _, y in drawn) == sorted(shown.total.astype(float))
    assert max(y for _, y in drawn) < 56480  # the cumulative 2005-2015 figure is left out
    assert "cumulative" in caption(ax)
    x, _ = next(xy for xy in points(ax, "SATP:full") if xy[1] == 189)
    assert x == pytest.approx(2003.5, abs=0.01)


def test_partial_periods_are_hollow_with_a_span():
    fat = pc.load("fatalities")
    ax = plots.fatalities()
    partial = fat[fat.partial_period]
    hollow = [c for c in ax.collections if (c.get_gid() or "").endswith(":partial")]
    assert sum(len(c.get_offsets()) for c in hollow) == len(partial)
    assert all(len(c.get_facecolors()) == 0 for c in hollow)
    full = [c for c in ax.collections if (c.get_gid() or "").endswith(":full")]
    assert all(len(c.get_facecolors()) > 0 for c in full)
    spans = [s for c in ax.collections if isinstance(c, LineCollection) for s in c.get_segments()]
    row = partial[partial.figure_id == "FAT015"].iloc[0]  # 1 Jan - 15 Apr 2018
    assert any(s[0][1] == row.total and s[0][0] == pytest.approx(2018.0)
               and s[1][0] == pytest.approx(2018 + 105 / 365) for s in spans)


def test_fatalities_filters_and_bad_choices():
    ax = plots.fatalities(trackers=["PIPS"], definitions=["all_violence"])
    assert sorted(y for _, y in points(ax)) == [7997, 10003, 12623]
    assert {c.get_gid().split(":")[0] for c in ax.collections if c.get_gid()} == {"PIPS"}
    empty = plots.fatalities(trackers=["IPI"], definitions=["all_violence"])
    assert points(empty) == [] and "no figures for this selection" in texts(empty)
    with pytest.raises(UnknownChoiceError, match="'SATP'"):
        plots.fatalities(trackers=["ACLED"])
    with pytest.raises(UnknownChoiceError, match="'all_violence'"):
        plots.fatalities(definitions=["everything"])
    assert "12,623 (PIPS, 2009, all violence)" in style.get_alt(plots.fatalities())


# ------------------------------------------------------------ arms imports
def test_arms_shares_and_missing_us_values():
    arms = pc.load("arms_imports")
    ax = plots.arms_imports()
    bars = by_gid(ax)
    for row in arms.itertuples():
        assert bars[f"{row.period}:CHN"].get_height() == row.china_share_pct
        if pd.isna(row.usa_share_pct):
            assert f"{row.period}:USA" not in bars  # not drawn as 0
        else:
            assert bars[f"{row.period}:USA"].get_height() == row.usa_share_pct
    assert texts(ax).count("n/a") == arms.usa_share_pct.isna().sum() == 6
    alt = style.get_alt(ax)
    assert "82% in 2019-2023" in alt and "4.1% in 2015-2019" in alt


# ----------------------------------------------------------------- timeline
def test_timeline_shows_exactly_the_matching_events():
    events = pc.load("events")
    chosen = ["nuclear", "regional_war"]
    ax = plots.timeline(categories=chosen, start=1960, end=2000)
    match = events[events.category.isin(chosen) & events.date.dt.year.between(1960, 2000)]
    drawn = points(ax)
    assert len(drawn) == len(match) > 0
    assert all(1960 <= x < 2001 for x, _ in drawn)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["regional war", "nuclear"]
    assert len(points(ax, "nuclear")) == (match.category == "nuclear").sum()
    assert ax.get_xlim() == (1960, 2001)


def test_timeline_takes_a_filtered_frame_and_marks_imprecise_dates():
    events = pc.load("events")
    frame = events[events.phase == "2009-2016"]
    ax = plots.timeline(frame)
    assert len(points(ax)) == len(frame)
    approx = [c for c in ax.collections if (c.get_gid() or "").endswith(":approx")]
    assert sum(len(c.get_offsets()) for c in approx) == (frame.date_precision != "day").sum()


def test_timeline_empty_selection_draws_an_empty_chart():
    ax = plots.timeline(categories=["nuclear"], start=1947, end=1950)
    assert points(ax) == [] and "no events" in texts(ax)
    assert "No events" in style.get_alt(ax)


def test_timeline_bad_input():
    with pytest.raises(UnknownChoiceError, match="'nuclear'"):
        plots.timeline(categories=["nukes"])
    with pytest.raises(ValueError, match="after"):
        plots.timeline(start=2010, end=2000)


# ------------------------------------------------------------------- RSCT
@pytest.mark.parametrize("phase", ["cold-war", "2001-2008", "2009-2016", "2017-present"])
def test_rsct_map_draws_one_styled_edge_per_relation(phase):
    rel = pc.load("rsct_relations")
    rel = rel[rel.phase == phase]
    ax = plots.rsct_map(phase)
    edges = {g: a for g, a in by_gid(ax).items() if g.startswith("edge:")}
    assert set(edges) == {f"edge:{a}-{b}" for a, b in zip(rel.actor_a, rel.actor_b, strict=True)}
    dash = {"-": "-", "--": "--", ":": ":"}
    for row in rel.itertuples():
        edge = edges[f"edge:{row.actor_a}-{row.actor_b}"]
        want = plots.RSCT_STYLES[row.kind]
        assert edge.get_color() == want["color"]
        assert edge.get_linestyle() == dash[want["linestyle"]]
        assert edge.get_linewidth() == 1.5 + 1.5 * abs(row.score) + 2 * (row.kind == "enmity")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == list(plots.RSCT_STYLES)
    nodes = [g for g in by_gid(ax) if g.startswith("node:")]
    assert len(nodes) == 7


def test_rsct_kind_styles_follow_the_brief():
    s = plots.RSCT_STYLES
    assert s["enmity"]["color"] == style.OKABE_ITO["vermillion"]
    assert s["rivalry"]["linestyle"] == "--" and s["ambivalent"]["linestyle"] == ":"
    assert s["alignment"]["linestyle"] == s["amity"]["linestyle"] == "-"
    alt = style.get_alt(plots.rsct_map("2001-2008"))
    assert "PAK-USA (+2)" in alt and "PAK-IND (-2)" in alt
    with pytest.raises(UnknownChoiceError, match="'cold-war'"):
        plots.rsct_map("all")


# ----------------------------------------------------------------- ledger
def test_ledger_bars_equal_the_table():
    table = ledger.ledger_table()
    ax = plots.ledger(table)
    bars = by_gid(ax)
    for phase, row in table.iterrows():
        assert bars[f"{phase}:aid"].get_height() == pytest.approx(row.aid_usd_bn)
        assert bars[f"{phase}:cost"].get_height() == pytest.approx(row.cost_usd_bn)
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert table.aid_label.iloc[0] in legend and table.cost_label.iloc[0] in legend
    assert [t.get_text() for t in ax.get_xticklabels()] == list(table.index)
    assert "27%" in style.get_alt(ax)


def test_ledger_whole_period_and_missing_values():
    table = ledger.ledger_table("greenbook", "political_2021")
    ax = plots.ledger(table)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["whole period"]
    gapped = ledger.ledger_table().copy()
    gapped.loc["2017-present", "cost_usd_bn"] = np.nan
    ax = plots.ledger(gapped)
    assert "2017-present:cost" not in by_gid(ax) and "n/a" in texts(ax)


def test_ledger_bad_tables():
    table = ledger.ledger_table()
    with pytest.raises(ValueError, match="source_id"):
        plots.ledger(table.drop(columns="source_id"))
    with pytest.raises(ValueError, match="rows"):
        plots.ledger(table.iloc[:0])
    with pytest.raises(UnknownChoiceError, match="'2001-2008'"):
        plots.ledger(table.rename(index={"2001-2008": "2001-2009"}))


# ------------------------------------------------- the explorers' extra charts
def test_phase_totals_highlights_the_chosen_phase():
    table = ledger.ledger_table()
    bars = by_gid(plots.phase_totals("2009-2016"))
    assert bars["2009-2016:aid"].get_height() == pytest.approx(table.at["2009-2016", "aid_usd_bn"])
    assert bars["2009-2016:cost"].get_alpha() == 1.0
    assert bars["2001-2008:aid"].get_alpha() < 0.5
    cold = by_gid(plots.phase_totals("cold-war"))
    assert "PAK:economic" in cold  # no cost estimate before 2001: the Greenbook history
    with pytest.raises(UnknownChoiceError, match="'2017-present'"):
        plots.phase_totals("all")


def test_verdicts_are_the_counts():
    counts = explore.verdict_counts("khan-2024")
    ax = plots.verdicts(counts, highlight="contradicted")
    bars = by_gid(ax)
    assert [bars[f"{v}:count"].get_height() for v in counts.index] == counts.tolist()
    assert bars["contradicted:count"].get_alpha() == 1.0
    assert bars["supported:count"].get_alpha() < 0.5
    assert f"{counts.sum()} checked claims" in style.get_alt(ax)
    with pytest.raises(UnknownChoiceError, match="'all', 'supported'"):
        plots.verdicts(counts, highlight="true")
