"""The shared drawing helpers: bars drawn together are the bars ``ax.bar`` draws one by one."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")  # tests only: the package never selects a backend

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from pakfp_course._plotkit import _bars


def axes():
    fig = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(fig)
    return fig.add_subplot()


@pytest.mark.parametrize("seed", range(6))
def test_bars_drawn_together_match_ax_bar_one_at_a_time(seed):
    rng = np.random.default_rng(seed)
    n = 7
    x, height = rng.uniform(-5, 5, n), rng.uniform(-3, 3, n)
    width, bottom = rng.uniform(0.1, 2, n), rng.uniform(-1, 1, n)
    width[0] = height[0] = 0.0  # a bar of no size stays out of the limits
    colours = ["#0072B2", "white", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00"]
    hatches = [None, "///", "..", "xx", None, None, "///"]
    alphas = rng.uniform(0.3, 1, n).tolist()
    labels = ["first", *["_nolegend_"] * (n - 1)]

    one = axes()
    for i in range(n):
        bar = one.bar(x[i], height[i], width[i], bottom=bottom[i], zorder=2, color=colours[i],
                      edgecolor="#333333", hatch=hatches[i], alpha=alphas[i], linewidth=1.2,
                      label=labels[i])[0]
        bar.set_gid(f"bar{i}")
    together = axes()
    _bars(together, list(x), list(height), list(width), [f"bar{i}" for i in range(n)], alphas,
          bottom=list(bottom), color=colours, edgecolor="#333333", hatch=hatches,
          linewidth=1.2, label=labels)

    for ax in (one, together):
        ax.legend()
        ax.figure.canvas.draw()
    assert np.allclose(one.dataLim.get_points(), together.dataLim.get_points())
    assert np.allclose(one.get_xlim(), together.get_xlim())
    assert np.allclose(one.get_ylim(), together.get_ylim())
    assert [p.get_gid() for p in one.patches] == [p.get_gid() for p in together.patches]
    assert [t.get_text() for t in one.get_legend().get_texts()] == ["first"]
    assert [t.get_text() for t in together.get_legend().get_texts()] == ["first"]
    assert sum(len(c) for c in together.containers) == n
    assert (np.asarray(one.figure.canvas.buffer_rgba())
            == np.asarray(together.figure.canvas.buffer_rgba())).all()


def test_no_bars_draw_nothing():
    ax = axes()
    _bars(ax, [], [], 0.8, [], color="#0072B2")
    assert not ax.patches and not ax.containers
