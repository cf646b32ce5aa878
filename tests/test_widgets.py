"""The explorers, driven as a student drives them: set a control, see the view change."""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as w
import matplotlib
import pytest
import traitlets

matplotlib.use("Agg")  # tests only: the package never selects a backend

import pakfp_course as pc
from pakfp_course import data, explore, widgets
from pakfp_course.data import CourseData
from pakfp_course.display import Explorer
from pakfp_course.errors import UnknownChoiceError

from .conftest import edit_cell

BUILDERS = [widgets.phase_explorer, widgets.timeline_explorer, widgets.aid_explorer,
            widgets.bandwagon_ledger, widgets.rsct_explorer, widgets.claim_checker]


def live_png(explorer: Explorer) -> bytes:
    """The PNG the live explorer shows: its picture is ``<img alt=... src="data:...">``."""
    found = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', explorer.picture.value)
    assert found, explorer.picture.value[:200]
    return base64.b64decode(found.group(1))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.mark.parametrize("builder", BUILDERS)
def test_builders_return_widgets_without_displaying(builder, monkeypatch):
    import IPython.display

    def boom(*a, **k):
        raise AssertionError("builders must not call display()")

    monkeypatch.setattr(IPython.display, "display", boom)
    explorer = builder()
    assert isinstance(explorer, Explorer)
    assert live_png(explorer)[:8] == b"\x89PNG\r\n\x1a\n"
    assert explorer.snapshot.alt and explorer.snapshot.alt != "Image"


@pytest.mark.parametrize("builder", BUILDERS)
def test_display_bundle_has_live_view_picture_alt_and_summary(builder):
    data_, meta = builder()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data_
    assert data_["text/html"].startswith('<figure class="pakfp-static"><img src="data:image/png')
    assert meta["image/png"]["alt"] in data_["text/html"].replace("&#x27;", "'")
    assert len(data_["text/plain"]) > 20 and "VBox(" not in data_["text/plain"]


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_live_picture_has_the_fallbacks_pixels_and_alt_text(builder):
    ex = builder()
    data_, meta = ex._repr_mimebundle_()
    assert live_png(ex) == ex.snapshot.png == base64.b64decode(data_["image/png"])
    alt = f'alt="{html.escape(meta["image/png"]["alt"], quote=True)}"'
    assert alt in ex.picture.value and alt in data_["text/html"]
    assert "pakfp-picture" in ex.picture._dom_classes


#: An explorer opened at a setting, a control and a walk of values ending at that setting.
WALKS = [
    (lambda: widgets.phase_explorer("2009-2016"), 0,
     ["cold-war", "2017-present", "2001-2008", "2009-2016"]),
    (lambda: widgets.timeline_explorer(2001, 2012), 0, [(1947, 2025), (1990, 2001), (2001, 2012)]),
    (lambda: widgets.bandwagon_ledger(aid="crs_without_csf"), 0,
     ["greenbook", "crs_with_csf", "crs_without_csf"]),
    (lambda: widgets.rsct_explorer("2017-present"), 0, ["2001-2008", "cold-war", "2017-present"]),
    (lambda: widgets.claim_checker("khan-2024"), 0, ["all", "majeed-2024", "khan-2024"]),
]


@pytest.mark.parametrize(("opened", "index", "walk"), WALKS)
def test_after_any_walk_the_picture_is_the_one_a_new_explorer_shows(opened, index, walk):
    """One figure is redrawn for every setting: nothing of an earlier chart may remain."""
    ex = opened()
    first = live_png(ex)
    ex._cache.clear()  # draw every step afresh on the reused figure
    for value in walk:
        ex.controls[index].value = value
    assert live_png(ex) == first == opened().snapshot.png


def test_aid_explorer_picture_is_the_chart_it_names():
    import io

    import numpy as np
    from PIL import Image

    from pakfp_course import plots, style

    ex = widgets.aid_explorer()
    source, _security, economic, csf, _dollars = ex.controls
    source.value, economic.value = "greenbook", False
    source.value = "crs"
    csf.value = False
    fig = style.figure()
    with style.course_style(), matplotlib.rc_context({"text.hinting": "none"}):
        plots.aid_by_year(components=("security",), revised_csf=True, ax=fig.add_subplot())
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    got, want = (np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
                 for png in (live_png(ex), buf.getvalue()))
    assert (got == want).all()
    assert ex.snapshot.alt == explore.aid_view("crs", ("security",)).alt


def test_phase_explorer_follows_the_dropdown():
    ex = widgets.phase_explorer("2001-2008")
    before_png, before_html = ex.picture.value, ex.children[2].value
    ex.controls[0].value = "2017-present"
    after = explore.phase_summary("2017-present")
    assert ex.picture.value != before_png
    assert ex.children[2].value != before_html
    assert after.facts[0]["value"] in ex.children[2].value
    assert ex.snapshot.alt == after.alt


def test_timeline_explorer_filters_the_event_list():
    ex = widgets.timeline_explorer()
    years, cats = ex.controls
    table = ex.children[2]
    assert f"<p>{len(pc.load('events'))} events</p>" in table.value
    years.value = (2011, 2011)
    assert f"<p>{len(explore.filter_events(2011, 2011))} events</p>" in table.value
    cats.value = ("diplomatic_crisis",)
    n = len(explore.filter_events(2011, 2011, ["diplomatic_crisis"]))
    assert f"<p>{n} events</p>" in table.value and "Raymond Davis" in table.value


def test_aid_explorer_components_and_source():
    ex = widgets.aid_explorer()
    source, _security, _economic, csf, dollars = ex.controls
    assert dollars.disabled  # CRS has current dollars only
    first = ex.picture.value
    csf.value = False
    assert ex.picture.value != first
    assert "csf" not in ex.snapshot.alt.split("(")[1].split(")")[0]
    source.value = "greenbook"
    assert not dollars.disabled
    assert "Greenbook" in ex.snapshot.caption or "Greenbook" in ex.snapshot.summary


def test_ledger_verdict_moves_when_the_estimate_changes():
    ex = widgets.bandwagon_ledger()
    aid_w, cost_w, _ = ex.controls
    verdict = ex.children[2]
    before = verdict.value
    aid_w.value = "crs_without_csf"
    assert verdict.value != before
    expected = explore.ledger_verdict("crs_without_csf", "survey_2017_18", "costs_of_war_2018")
    assert expected.headline.split(" covers")[0] in verdict.value
    cost_w.value = "political_2021"
    assert "<td>all</td>" in verdict.value


def test_rsct_explorer_changes_the_relation_table():
    ex = widgets.rsct_explorer("cold-war")
    table = ex.children[2]
    before = table.value
    ex.controls[0].value = "2017-present"
    assert table.value != before
    assert table.value.count("<tr>") == len(explore.relations_for("2017-present")) + 1


def test_claim_checker_filters_by_paper_and_verdict():
    ex = widgets.claim_checker()
    paper, verdict = ex.controls
    table = ex.children[2]
    paper.value = "majeed-2024"
    verdict.value = "contradicted"
    n = len(explore.filter_claims("majeed-2024", "contradicted"))
    assert f"<p>{n} claims</p>" in table.value
    assert ex.snapshot.alt == explore.verdict_alt("majeed-2024",
                                                  explore.verdict_counts("majeed-2024"))


def test_year_range_is_two_labelled_dropdowns_that_never_cross():
    ex = widgets.timeline_explorer(2001, 2010)
    years = ex.controls[0]
    assert isinstance(years, widgets.YearRange)
    assert (years.start.description, years.end.description) == ("Years from", "to")
    assert isinstance(years.start, w.Dropdown) and years.value == (2001, 2010)
    calls, refresh = [], ex.refresh
    ex.refresh = lambda: calls.append(years.value) or refresh()
    years.start.value = 2015  # after the end: the end follows, in one update
    assert years.value == (2015, 2015) and years.end.value == 2015
    assert calls == [(2015, 2015)]
    assert ex.snapshot.alt.startswith("Timeline 2015-2015")
    years.end.value = 1990  # before the start: the start follows
    assert years.value == (1990, 1990) and years.start.value == 1990
    with pytest.raises(traitlets.TraitError, match="empty year range"):
        years.value = (2010, 2000)


def test_choices_are_radio_buttons_not_colour_only_toggles():
    source, *_, dollars = widgets.aid_explorer().controls
    for choice in (source, dollars):
        assert isinstance(choice, w.RadioButtons) and choice.description
        assert choice.orientation == "horizontal"


@pytest.mark.parametrize(("call", "match"), [
    (lambda: widgets.phase_explorer("2020s"), "unknown phase '2020s'"),
    (lambda: widgets.rsct_explorer("all"), "Valid choices: 'cold-war'"),
    (lambda: widgets.timeline_explorer(start=2010, end=2000), "empty year range"),
    (lambda: widgets.timeline_explorer(categories=("war",)), "unknown event category 'war'"),
    (lambda: widgets.claim_checker(paper="khan"), "unknown paper 'khan'"),
    (lambda: widgets.bandwagon_ledger(aid="usaid"), "unknown aid estimate 'usaid'"),
])
def test_bad_input_raises_value_error_with_choices(call, match):
    with pytest.raises(ValueError, match=match):
        call()
    assert issubclass(UnknownChoiceError, ValueError)


def test_text_from_data_is_escaped(data_copy, monkeypatch):
    edit_cell(data_copy, "events", 0, "title", "<script>alert(1)</script>")
    store = CourseData(data_copy)
    monkeypatch.setattr(data, "default", lambda: store)
    ex = widgets.timeline_explorer(start=1947, end=1950)
    table = ex.children[2].value
    assert "<script>" not in table
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table
