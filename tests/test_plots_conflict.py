"""plots.militancy_and_operations: deaths by tracker against the events of the war at home."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

import pakfp_course as pc
from pakfp_course import explore, plots, style
from pakfp_course.errors import UnknownChoiceError

GREYS = {"#000000", "#FFFFFF", "#444444", "#333333", "#888888", "#8C8C8C"}
ALLOWED = {c.upper() for c in [*style.OKABE_ITO.values(), *style.PHASE_COLOURS.values(),
                               *GREYS]}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _decimal(date: pd.Timestamp) -> float:
    return date.year + (date.day_of_year - 1) / (365 + date.is_leap_year)


def _points(ax: Axes) -> list[tuple[float, float]]:
    return [tuple(xy) for c in ax.collections if isinstance(c, PathCollection)
            for xy in c.get_offsets()]


def _back(ax: Axes) -> Axes:
    """The right-hand (drone-strike) axes drawn behind ``ax``, or ``ax`` without drones."""
    twins = [a for a in ax.figure.axes if a is not ax and a.bbox.bounds == ax.bbox.bounds]
    return twins[0] if twins else ax


def test_returns_titled_captioned_axes_with_alt_text_and_draws_on_the_axes_given():
    _fig, given = plt.subplots()
    ax = plots.militancy_and_operations(ax=given)
    assert ax is given and isinstance(ax, Axes)
    assert ax.get_title(loc="left").startswith("Militancy, operations and drone strikes")
    caption = next(t.get_text() for t in ax.texts if t.get_text().startswith("Source:"))
    assert "Bureau of Investigative Journalism" in caption and "not one series" in caption
    assert ax.get_ylabel() and ax.get_xlabel()
    assert style.get_alt(ax) == explore.militancy_view().alt


def test_alt_text_states_the_extremes_computed_from_the_data():
    ax = plots.militancy_and_operations(start=2008, end=2016, trackers=["PIPS", "GTI"])
    fat = pc.load("fatalities")
    fat = fat[fat.tracker.isin(["PIPS", "GTI"]) & fat.period_start.dt.year.between(2008, 2016)
              & fat.total.notna()]
    hi, lo = fat.loc[fat.total.idxmax()], fat.loc[fat.total.idxmin()]
    alt = style.get_alt(ax)
    assert f"highest {hi.total:,} ({hi.tracker}, {hi.period_label}" in alt
    assert f"lowest {lo.total:,} ({lo.tracker}, {lo.period_label}" in alt
    drones = pc.load("drone_strikes").query("2008 <= year <= 2016")
    assert f"most in {drones.loc[drones.strikes.idxmax(), 'year']}" in alt


def test_the_points_are_the_figures_and_never_joined():
    fat = pc.load("fatalities")
    days = (fat.period_end - fat.period_start).dt.days
    shown = fat[(days <= 366) & fat.total.notna()]
    ax = plots.militancy_and_operations()
    assert sorted(y for _, y in _points(ax)) == sorted(shown.total.astype(float))
    assert not [line for line in ax.lines if len(set(line.get_xdata())) > 1]


def test_each_event_is_a_line_at_its_date_styled_by_its_kind():
    ax = plots.militancy_and_operations(start=2007, end=2016)
    lines = {line.get_gid(): line for line in ax.lines if line.get_gid()}
    events = explore.war_at_home_events()
    events = events[events.date_end.dt.year.between(2007, 2016)]
    assert len(lines) == len(events)
    for r in events.itertuples():
        line = lines[f"{r.event_id}:{r.kind}"]
        assert line.get_xdata()[0] == pytest.approx(_decimal(r.date_end))
        assert line.get_linestyle() == {"-": "-", "--": "--", ":": ":"}[plots.EVENT_LINES[r.kind]]
    labels = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    assert labels["EV059:label"] == "Zarb-e-Azb"


def test_drone_bars_are_the_tbij_strikes_on_their_own_scale_behind_phase_bands():
    ax = plots.militancy_and_operations(start=2004, end=2018)
    back = _back(ax)
    assert back is not ax and back.get_ylabel().startswith("US drone strikes")
    bars = {p.get_gid(): p for p in back.patches if p.get_gid()}
    drones = pc.load("drone_strikes")
    assert [bars[f"{y}:strikes"].get_height() for y in drones.year] == drones.strikes.tolist()
    bands = [p for p in back.patches if isinstance(p, Rectangle) and to_hex(
        p.get_facecolor()).upper() in {c.upper() for c in style.PHASE_COLOURS.values()}]
    assert len(bands) == 3  # 2001-2008, 2009-2016 and 2017-present meet 2004-2018
    assert ax.get_zorder() > back.get_zorder()  # points and events in front of the bars
    no_drones = plots.militancy_and_operations(drones=False)
    assert _back(no_drones) is no_drones


def test_uses_the_palette_only():
    ax = plots.militancy_and_operations()
    colours = set()
    for a in {ax, _back(ax)}:
        colours |= {to_hex(p.get_facecolor(), keep_alpha=False).upper() for p in a.patches
                    if p.get_fill()}
        colours |= {to_hex(line.get_color()).upper() for line in a.lines}
        for c in a.collections:
            colours |= {to_hex(f, keep_alpha=False).upper() for f in c.get_facecolors()}
    assert colours <= ALLOWED, colours - ALLOWED


def test_an_empty_selection_says_so():
    ax = plots.militancy_and_operations(start=1950, end=1960)
    assert "nothing to show for this selection" in [t.get_text() for t in ax.texts]
    assert style.get_alt(ax).startswith("Deaths in militant violence in Pakistan, 1950-1960")


@pytest.mark.parametrize(("kwargs", "names"), [
    ({"trackers": ["ACLED"]}, ["'ACLED'", "'SATP'", "'PIPS'", "'GTI'"]),
    ({"kinds": ["raids"]}, ["'raids'", "'militancy'", "'operations'", "'us_strikes'"]),
])
def test_bad_input_raises_naming_the_valid_choices(kwargs, names):
    with pytest.raises(UnknownChoiceError) as info:
        plots.militancy_and_operations(**kwargs)
    assert all(n in str(info.value) for n in names)


def test_reexported_by_plots():
    assert "militancy_and_operations" in plots.__all__ and "EVENT_LINES" in plots.__all__
