"""The militancy explorer, driven as a student drives it: change a control, see the view change."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")  # tests only: the package never selects a backend

from pakfp_course import explore, widgets
from pakfp_course.display import Explorer
from pakfp_course.errors import UnknownChoiceError

from .test_widgets import live_png


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def test_builds_without_displaying_and_carries_a_picture_alt_text_and_summary(monkeypatch):
    import IPython.display

    def boom(*a, **k):
        raise AssertionError("builders must not call display()")

    monkeypatch.setattr(IPython.display, "display", boom)
    ex = widgets.militancy_explorer()
    assert isinstance(ex, Explorer)
    assert live_png(ex)[:8] == b"\x89PNG\r\n\x1a\n"
    assert ex.snapshot.alt == explore.militancy_view(2001, 2025).alt
    data, meta = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/html"].startswith('<figure class="pakfp-static"><img src="data:image/png')
    assert meta["image/png"]["alt"] == ex.snapshot.alt
    assert data["text/plain"].startswith("Militancy, operations and drone strikes in Pakistan")


def test_the_tracker_dropdown_changes_picture_text_and_table():
    ex = widgets.militancy_explorer(2001, 2025)
    who = ex.controls[1]
    table = ex.children[2]
    before_png, before_html = ex.picture.value, table.value
    who.value = "PIPS"
    want = explore.militancy_view(2001, 2025, ["PIPS"])
    assert ex.picture.value != before_png and table.value != before_html
    assert ex.snapshot.alt == want.alt
    assert f"Fatality figures ({len(want.fatalities)})" in table.value
    assert "SATP" not in table.value.split("Fatality figures")[1]


def test_years_kinds_and_the_drone_box_follow_the_controls():
    ex = widgets.militancy_explorer()
    years, _who, what, bars = ex.controls
    table = ex.children[2]
    years.value = (2014, 2014)
    assert "Zarb-e-Azb" in ex.snapshot.alt and "Lal Masjid" not in ex.snapshot.alt
    assert "Events (2)" in table.value  # Zarb-e-Azb and the school attack
    what.value = ("operations",)
    assert "Events (1)" in table.value and "Army Public School" not in table.value
    shown = ex.picture.value
    bars.value = False
    assert ex.picture.value != shown and "drone strikes (TBIJ)" not in ex.snapshot.alt
    assert ex.snapshot.alt == explore.militancy_view(2014, 2014, None, ["operations"],
                                                     False).alt


def test_bad_arguments_are_refused_before_anything_is_drawn():
    with pytest.raises(UnknownChoiceError, match="'SATP'"):
        widgets.militancy_explorer(tracker="ACLED")
    with pytest.raises(UnknownChoiceError, match="'operations'"):
        widgets.militancy_explorer(kinds=("raids",))
    with pytest.raises(ValueError, match="empty year range"):
        widgets.militancy_explorer(2016, 2009)
