"""The visual language (pakfp_course.style): colour-blind-safe palette, phase bands, opt-in style.

Colour-vision deficiency is simulated with the matrices of Machado, Oliveira &
Fernandes (2009) at severity 1.0, applied to linear RGB; colour differences are
CIE76 Delta E in CIELAB (D65).
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import subprocess
import sys
import weakref

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from pakfp_course import style
from pakfp_course.phases import PHASE_IDS

MACHADO_2009 = {  # severity 1.0, for linear RGB
    "protanopia": [[0.152286, 1.052583, -0.204868],
                   [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968],
                     [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779],
                   [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}
VISIONS = [None, *MACHADO_2009]  # None: typical colour vision

#: Delta E (CIE76) of 2.3 is about one just-noticeable difference on large patches.
#: Series colours are read from small marks (thin lines, markers, legend swatches)
#: next to each other, where designers ask for roughly 10-20: we require > 10, a
#: bit over four just-noticeable differences.
SERIES_THRESHOLD = 10.0
#: Phase bands are large fields, always labelled; neighbours must still differ
#: clearly (> 5, about two JNDs) so a band edge is visible.
BAND_THRESHOLD = 5.0

_SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                         [0.2126729, 0.7151522, 0.0721750],
                         [0.0193339, 0.1191920, 0.9503041]])
_WHITE = _SRGB_TO_XYZ @ np.ones(3)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def linear_rgb(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def simulate(hex_colour: str, vision: str | None) -> np.ndarray:
    rgb = linear_rgb(hex_colour)
    return rgb if vision is None else np.clip(np.array(MACHADO_2009[vision]) @ rgb, 0, 1)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    t = (_SRGB_TO_XYZ @ rgb_linear) / _WHITE
    d = 6 / 29
    f = np.where(t > d ** 3, np.cbrt(t), t / (3 * d * d) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str | None) -> float:
    return float(np.linalg.norm(lab(simulate(a, vision)) - lab(simulate(b, vision))))


def luminance(hex_colour: str) -> float:
    return float(np.array([0.2126, 0.7152, 0.0722]) @ linear_rgb(hex_colour))


# ------------------------------------------------------------- the method
def test_colour_science_matches_known_values():
    assert lab(linear_rgb("#FFFFFF")) == pytest.approx([100, 0, 0], abs=1e-6)
    assert lab(linear_rgb("#000000")) == pytest.approx([0, 0, 0], abs=1e-6)
    # sRGB red is L*a*b* (53.24, 80.09, 67.20)
    assert lab(linear_rgb("#FF0000")) == pytest.approx([53.24, 80.09, 67.20], abs=0.05)
    # the simulation leaves greys alone (each matrix row sums to 1)
    for vision in MACHADO_2009:
        assert simulate("#777777", vision) == pytest.approx(linear_rgb("#777777"), abs=1e-5)


@pytest.mark.parametrize("pair", [("#FF0000", "#00AA00"), ("#D62728", "#2CA02C")])
def test_the_check_fails_on_a_red_green_pair(pair):
    # plainly different to typical vision, confused under deuteranopia
    assert delta_e(*pair, None) > 10 * SERIES_THRESHOLD
    assert delta_e(*pair, "deuteranopia") < SERIES_THRESHOLD


# ------------------------------------------------------------- the palette
@pytest.mark.parametrize("vision", VISIONS)
def test_series_colours_stay_distinguishable(vision):
    series = style.PALETTE[:6]
    for a, b in itertools.combinations(series, 2):
        assert delta_e(a, b, vision) > SERIES_THRESHOLD, (a, b, vision)


def test_palette_is_okabe_ito():
    assert set(style.PALETTE) == set(style.OKABE_ITO.values())
    assert len(style.PALETTE) == len(set(style.PALETTE)) == 8
    assert set(style.SERIES.values()) <= set(style.OKABE_ITO.values())
    assert style.SERIES["CHN"] != style.SERIES["USA"]
    assert len({style.SERIES[k] for k in ("security", "economic", "csf")}) == 3


def test_phase_bands_are_light_and_distinct():
    colours = [style.PHASE_COLOURS[p] for p in PHASE_IDS]
    label = luminance("#444444")
    for c in colours:
        assert luminance(c) > 0.75, c
        assert (luminance(c) + 0.05) / (label + 0.05) >= 4.5  # phase labels stay readable
    for a, b in itertools.combinations(colours, 2):
        assert delta_e(a, b, None) > BAND_THRESHOLD, (a, b)
    for vision in VISIONS:  # neighbouring phases stay apart for every reader
        for a, b in itertools.pairwise(colours):
            assert delta_e(a, b, vision) > BAND_THRESHOLD, (a, b, vision)


def test_phase_bands_shade_each_phase_in_the_x_range():
    _, ax = plt.subplots()
    ax.set_xlim(1995, 2020)
    style.phase_bands(ax)
    spans = sorted((p.get_x(), p.get_x() + p.get_width(), p.get_facecolor()) for p in ax.patches)
    assert [(lo, hi) for lo, hi, _ in spans] == [(1995, 2001), (2001, 2009), (2009, 2017),
                                                 (2017, 2020)]
    assert [matplotlib.colors.to_hex(c).upper() for *_, c in spans] == \
        [style.PHASE_COLOURS[p].upper() for p in PHASE_IDS]


def test_narrow_phase_labels_do_not_overlap():
    fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
    ax.set_xlim(1948, 2020)  # 2017-present is three years wide here
    style.fit_phase_labels(style.phase_bands(ax))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() in PHASE_IDS]
    assert len(boxes) == 4
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    inside = ax.get_window_extent(renderer)
    assert all(inside.x0 - 1 <= b.x0 and b.x1 <= inside.x1 + 1 for b in boxes)


def test_unfitted_labels_would_overlap():
    # the same axes without fit_phase_labels: the check above can fail
    fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
    ax.set_xlim(1948, 2020)
    style.phase_bands(ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() in PHASE_IDS]
    assert any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))


# ------------------------------------------------------------- captions
def test_caption_sits_below_rotated_tick_labels():
    fig, ax = plt.subplots(figsize=(9, 4.8), layout="constrained")
    ax.set_xticks(range(5), ["a long tick label"] * 5, rotation=60)
    ax.set_xlabel("an axis label")
    caption = style.caption_below(ax, ["CRS_PAKAID_2019_03"], note="A note.")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert caption.get_text() == "Source: Congressional Research Service. A note."
    assert caption.get_window_extent(renderer).y1 <= ax.xaxis.get_tightbbox(renderer).y0


def test_caption_names_the_most_cited_sources_and_counts_the_rest():
    _, ax = plt.subplots()
    ids = ["CRS_PAKAID_2014_03"] * 3 + ["CRS_PAKAID_2019_03;TBIJ_DRONES_GH"]
    text = style.caption_below(ax, ids, limit=1).get_text()
    assert text.startswith("Source: Congressional Research Service. Plus 2 more sources")


def _matplotlib_lines(caption) -> str:
    from matplotlib.text import Text

    return Text._get_wrapped_text(caption)


@pytest.mark.parametrize("width", [3.0, 6.4, 9.0, 12.0])
def test_captions_wrap_into_the_lines_matplotlib_would_choose(width):
    """The caption's quicker wrapping gives matplotlib's own lines, for every course source."""
    from pakfp_course import data

    ids = list(data.load("sources")["source_id"])
    notes = [None, "Appropriations, not disbursements; FY2002–FY2020, constant 2023 US dollars.",
             "A-very-long-unbroken-word-that-cannot-fit-on-one-narrow-line-at-all " * 3,
             "Two paragraphs.\nThe second one is forced onto its own line by the author."]
    fig, ax = plt.subplots(figsize=(width, 3), layout="constrained")
    captions = [style.add_caption(ax, ids[i:i + 4], note=notes[(i // 4) % len(notes)])
                for i in range(0, min(len(ids), 40), 4)]
    fig.canvas.draw()
    multi = 0
    for caption in captions:
        ours = caption._get_wrapped_text()
        assert ours == _matplotlib_lines(caption), caption.get_text()
        multi += "\n" in ours
    assert multi, "no caption needed wrapping: the test checks nothing"
    plt.close(fig)


def test_a_caption_with_a_dollar_sign_keeps_matplotlibs_wrapping():
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    caption = style.add_caption(ax, [], note="US$ million, nominal; some $ and more words " * 4)
    fig.canvas.draw()
    assert caption._get_wrapped_text() == _matplotlib_lines(caption)
    assert "\n" in caption._get_wrapped_text()
    plt.close(fig)


# ------------------------------------------------------------- alt text
def test_alt_text_round_trip_and_clear_error():
    fig = Figure()
    ax = fig.add_subplot()
    with pytest.raises(LookupError, match="no alt text"):
        style.get_alt(ax)
    style.set_alt(ax, "  Aid peaks in FY2010.  ")
    assert style.get_alt(ax) == "Aid peaks in FY2010."
    with pytest.raises(ValueError):
        style.set_alt(ax, " ")


def test_alt_text_does_not_keep_axes_alive():
    fig = Figure()
    ax = fig.add_subplot()
    style.set_alt(ax, "something")
    ref = weakref.ref(ax)
    del fig, ax
    gc.collect()
    assert ref() is None


# ------------------------------------------------------------- house style
def test_course_style_restores_rcparams():
    before = dict(matplotlib.rcParams)
    with style.course_style():
        assert tuple(matplotlib.rcParams["figure.figsize"]) == (9.0, 4.8)
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == style.PALETTE
    assert dict(matplotlib.rcParams) == before


def _rc_after(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; return the rcParams that changed."""
    script = (
        "import json, matplotlib\n"
        "before = {k: repr(v) for k, v in matplotlib.rcParams.items()}\n"
        f"{code}\n"
        "after = {k: repr(v) for k, v in matplotlib.rcParams.items()}\n"
        "print(json.dumps({k: after[k] for k in after if after[k] != before.get(k)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, env={**os.environ, "MPLBACKEND": "Agg"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_the_package_leaves_rcparams_alone():
    changed = _rc_after("import pakfp_course, pakfp_course.style, pakfp_course.plots")
    assert changed == {}


def test_use_course_style_would_be_detected():
    # the check above can fail: opting in does change rcParams
    changed = _rc_after("from pakfp_course import style; style.use_course_style()")
    assert "figure.figsize" in changed and "axes.prop_cycle" in changed
