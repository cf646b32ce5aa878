"""The explorers' reusable figure: the same pixels as a new figure saved with savefig."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest
from PIL import Image

matplotlib.use("Agg")  # tests only: the package never selects a backend

from pakfp_course import canvas, explore, ledger, plots, style


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def stock(draw, figsize=(9.0, 4.8), **margins) -> np.ndarray:
    """Draw as an explorer did before: a new figure each time, saved with ``savefig``."""
    fig = style.figure(figsize)
    fig.subplots_adjust(**margins)
    with style.course_style(), matplotlib.rc_context({"text.hinting": "none"}):
        draw(fig.add_subplot())
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    return pixels(buf.getvalue())


CHARTS = {
    "aid, security and CSF": lambda ax: plots.aid_by_year(components=("security", "csf"),
                                                          revised_csf=True, ax=ax),
    "aid, all components": lambda ax: plots.aid_by_year(revised_csf=True, ax=ax),
    "aid history": lambda ax: plots.aid_history(dollars="current", ax=ax),
    "phase 2009-2016": lambda ax: plots.phase_totals("2009-2016", ax=ax),
    "rsct 2017-present": lambda ax: plots.rsct_map("2017-present", ax=ax),
    "timeline 2001-2012": lambda ax: plots.timeline(explore.filter_events(2001, 2012),
                                                    start=2001, end=2012, ax=ax),
    "ledger": lambda ax: plots.ledger(ledger.ledger_table("crs_without_csf"), ax=ax),
    "verdicts": lambda ax: plots.verdicts(explore.verdict_counts("khan-2024"),
                                          highlight="contradicted", ax=ax),
}


def test_every_chart_has_the_pixels_of_a_new_figure_also_when_drawn_again():
    figure = canvas.ReusableFigure()
    for _ in range(2):  # the second round draws its strings from the text cache
        for name, draw in CHARTS.items():
            got, want = pixels(figure.png(draw)), stock(draw)
            assert got.shape == want.shape == (480, 900, 4), name
            assert (got == want).all(), f"{name}: {(got != want).any(axis=2).sum()} pixels differ"
    assert figure.figure.canvas._texts, "strings drawn twice should be replayed from the cache"


def test_a_string_replayed_takes_its_new_colour_and_place():
    def text(colour, x):
        def draw(ax):
            ax.set_axis_off()
            ax.text(x, 0.5, "Coalition Support Funds", color=colour, fontsize=20)
            ax.text(0.1, 0.2, "rotated", rotation=30, color=colour)
        return draw

    figure = canvas.ReusableFigure()
    for colour, x in [("#0072B2", 0.2), ("#D55E00", 0.2), ("#D55E00", 0.2004), ("k", 0.2)]:
        assert (pixels(figure.png(text(colour, x))) == stock(text(colour, x))).all(), colour


def test_maths_and_unsmoothed_text_are_drawn_as_matplotlib_draws_them():
    def draw(ax):
        ax.set_title(r"$\sum_i x_i^2$ and text")
        ax.text(0.5, 0.5, "jagged", antialiased=False)

    figure = canvas.ReusableFigure()
    for _ in range(2):
        assert (pixels(figure.png(draw)) == stock(draw)).all()


def test_an_opaque_picture_is_rgb_a_transparent_one_keeps_its_alpha():
    figure = canvas.ReusableFigure()
    opaque = Image.open(io.BytesIO(figure.png(CHARTS["ledger"])))
    assert (opaque.mode, opaque.size) == ("RGB", (900, 480))

    def see_through(ax):
        ax.figure.patch.set_alpha(0.0)
        ax.patch.set_alpha(0.0)
        ax.plot([0, 1], [0, 1])

    clear = Image.open(io.BytesIO(figure.png(see_through)))
    assert clear.mode == "RGBA"
    assert (pixels(figure.png(see_through)) == stock(see_through)).all()
    assert Image.open(io.BytesIO(figure.png(CHARTS["ledger"]))).mode == "RGB"  # not sticky


def test_each_picture_starts_afresh_at_the_figures_size_and_margins():
    figure = canvas.ReusableFigure((10.0, 6.0), {"left": 0.08, "right": 0.7, "top": 0.93,
                                                 "bottom": 0.24})

    def grow(ax):
        ax.figure.set_size_inches(12.0, 7.0)
        ax.plot([0, 1], [1, 0])

    assert Image.open(io.BytesIO(figure.png(grow))).size == (1200, 700)
    seen = []

    def ledger(ax):
        seen.append((len(ax.figure.axes), ax.get_position().x1))
        CHARTS["ledger"](ax)

    png = figure.png(ledger, right=0.64)  # this picture only
    assert Image.open(io.BytesIO(png)).size == (1000, 600)
    figure.png(ledger)
    assert seen == [(1, pytest.approx(0.64)), (1, pytest.approx(0.7))]  # nothing left over
    assert (pixels(figure.png(CHARTS["verdicts"]))
            == stock(CHARTS["verdicts"], (10.0, 6.0), left=0.08, right=0.7, top=0.93,
                     bottom=0.24)).all()


def test_the_text_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(canvas, "TEXT_CACHE_SIZE", 5)
    figure = canvas.ReusableFigure()
    figure.png(CHARTS["aid, all components"])  # far more than five strings
    assert len(figure.figure.canvas._texts) == 5


def test_a_picture_leaves_no_garbage_for_a_full_collection():
    """The chart's artists are freed while young: no 100 ms collection of the whole heap."""
    import gc

    figure = canvas.ReusableFigure()
    figure.png(CHARTS["aid, all components"])
    gc.collect()
    before = gc.get_stats()
    for _ in range(3):
        figure.png(CHARTS["aid, all components"])
    assert [s["collections"] for s in gc.get_stats()][1:] == [
        s["collections"] for s in before][1:], "a drawing triggered an older collection"
    assert gc.collect() < 100  # a few thousand objects per chart would be waiting here
    assert figure.figure.axes == []  # cleared after each picture
    assert gc.isenabled()


def test_a_kernel_without_the_collector_keeps_it_off():
    import gc

    gc.disable()
    try:
        canvas.ReusableFigure().png(CHARTS["verdicts"])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_figure_is_never_registered_with_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    figure = canvas.ReusableFigure()
    figure.png(CHARTS["verdicts"])
    assert plt.get_fignums() == before
    assert figure.figure is figure.figure  # one figure for the explorer's life


@pytest.mark.parametrize("channels", [3, 4])
def test_png_bytes_round_trips_every_pixel(channels):
    rng = np.random.default_rng(channels)
    image = rng.integers(0, 256, size=(37, 53, channels), dtype=np.uint8)
    image[5:20, 10:40] = 255  # flat areas, as in a chart
    decoded = Image.open(io.BytesIO(canvas.png_bytes(image)))
    assert decoded.mode == ("RGB" if channels == 3 else "RGBA")
    assert decoded.size == (53, 37)
    assert (np.asarray(decoded) == image).all()


@pytest.mark.parametrize("bad", [np.zeros((4, 4, 2), np.uint8), np.zeros((4, 4, 3), np.float64)])
def test_png_bytes_names_what_it_cannot_store(bad):
    with pytest.raises(ValueError, match="8-bit RGB or RGBA"):
        canvas.png_bytes(bad)


def test_a_chart_picture_is_smaller_than_savefigs():
    def draw(ax):
        plots.aid_by_year(revised_csf=True, ax=ax)

    fig = style.figure()
    with style.course_style(), matplotlib.rc_context({"text.hinting": "none"}):
        draw(fig.add_subplot())
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    assert len(canvas.ReusableFigure().png(draw)) < len(buf.getvalue())


def test_a_chart_that_fails_leaves_the_figure_ready_for_the_next():
    import gc

    def broken(ax):
        ax.plot([0, 1], [0, 1])
        raise ValueError("no such component 'aid'")

    figure = canvas.ReusableFigure()
    with pytest.raises(ValueError, match="no such component"):
        figure.png(broken)
    assert gc.isenabled() and figure.figure.axes == []
    assert (pixels(figure.png(CHARTS["verdicts"])) == stock(CHARTS["verdicts"])).all()
