"""One matplotlib figure an explorer draws on again and again, fast, to PNG.

An explorer redraws its chart on every change of a control. Drawing a new
figure each time costs more than the chart itself: matplotlib measures text
once per renderer, and a figure saved with ``savefig`` gets a new renderer
every time, so every label is measured again. A :class:`ReusableFigure` keeps
one figure on one Agg canvas for the explorer's life: each drawing clears it
and draws the chart afresh (the same artists as a new figure would get), while
the text measurements stay cached. It draws in the house style with unhinted
text, and encodes the PNG itself, as RGB (the figure is opaque) with unfiltered
rows at zlib level 2: the same pixels in fewer bytes and a third of the time of
``savefig``'s RGBA with adaptive filters at level 6, or less. Its artists are
freed as soon as the PNG is made, so they never wait for a full collection of
the kernel's heap.
"""

from __future__ import annotations

import functools
import gc
import struct
import zlib
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["ReusableFigure", "encode_png", "png_bytes"]

#: How many drawn strings a figure remembers (their glyph bitmaps: a few kB each, 1-2 MB in all;
#: a chart draws a few dozen, most of them again at the next setting).
TEXT_CACHE_SIZE = 512

#: rcParams in force while an explorer's chart is built and drawn: unhinted text
#: draws about a third faster and reads the same at 100 dpi.
DRAW_RC: dict[str, Any] = {"text.hinting": "none"}
_DPI = 100  # as style.figure makes it


def encode_png(fig: Figure) -> bytes:
    """Draw ``fig`` on its Agg canvas and return it as PNG bytes.

    The pixels are those ``fig.savefig(format="png")`` writes. An opaque figure
    is stored as RGB, not RGBA (see :func:`png_bytes`).
    """
    import numpy as np

    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    return png_bytes(rgba[..., :3] if (rgba[..., 3] == 255).all() else rgba)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


def png_bytes(pixels: Any) -> bytes:
    """Return a PNG of an 8-bit RGB or RGBA image (an array of shape height x width x 3 or 4).

    Rows are stored unfiltered and compressed at zlib level 2: a chart's large
    flat areas compress as well as with Pillow's adaptive filters at level 1, in a
    third of the time (a 900 x 480 chart: about 3 ms instead of 9, and fewer bytes).
    """
    import numpy as np

    height, width, channels = pixels.shape
    if pixels.dtype != np.uint8 or channels not in (3, 4):
        raise ValueError(f"png_bytes needs 8-bit RGB or RGBA pixels, not {pixels.dtype} with "
                         f"{channels} channels")
    rows = np.empty((height, 1 + width * channels), dtype=np.uint8)
    rows[:, 0] = 0  # each row's filter: none
    rows[:, 1:].reshape(height, width, channels)[...] = pixels  # (a view: one copy)
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows, 2)) + _chunk(b"IEND", b""))


_GENERIC_FAMILIES = ("serif", "sans-serif", "cursive", "fantasy", "monospace")


def _font_key(prop: Any) -> tuple[Any, ...]:
    """Return what decides the font files and size ``prop`` draws with.

    A generic family ("sans-serif") stands for the fonts rcParams lists for it,
    so those lists are part of the key.
    """
    import matplotlib

    rc = matplotlib.rcParams
    families = tuple(tuple(rc[f"font.{f}"]) if f in _GENERIC_FAMILIES else f
                     for f in prop.get_family())
    return (families, prop.get_file(), prop.get_size_in_points(), prop.get_style(),
            prop.get_variant(), prop.get_weight(), prop.get_stretch())


class _Replay:
    """Stands in for Agg's C++ renderer while a string is drawn: records its glyphs."""

    def __init__(self, renderer: Any) -> None:
        self.renderer = renderer
        self.glyphs: list[tuple[Any, int, int]] | None = []

    def draw_text_image(self, image: Any, x: int, y: int, angle: float, gc: Any) -> None:
        import numpy as np

        if self.glyphs is not None:
            if angle:
                self.glyphs = None  # not one of the calls a replay repeats
            else:
                self.glyphs.append((np.array(image, copy=True), x, y))
        self.renderer.draw_text_image(image, x, y, angle, gc)

    def __getattr__(self, name: str) -> Any:  # anything else: draw it, do not replay it
        self.glyphs = None
        return getattr(self.renderer, name)


@functools.cache
def _caching_canvas_class() -> type:
    """Return an Agg canvas whose renderer draws a string seen before from its glyphs."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag

    class TextCachingRenderer(RendererAgg):
        """Agg, remembering the glyph bitmaps of each string at each position.

        Agg renders every glyph afresh each time a string is drawn. A string drawn
        again with the same font at the same place (a title, an axis label, a
        caption, most tick labels, when the chart is redrawn for a new setting)
        is replayed from the bitmaps FreeType made the first time, blended one
        by one as before: the same pixels. The font's line metrics, looked up
        for every text layout, are kept per font too.
        """

        def __init__(self, width: float, height: float, dpi: float,
                     texts: OrderedDict[Any, Any], metrics: dict[Any, Any]) -> None:
            super().__init__(width, height, dpi)
            self._texts, self._metrics = texts, metrics

        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if ismath or not gc.get_antialiased():
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            key = (s, _font_key(prop), float(x), float(y), float(angle), self.dpi,
                   self.height, get_hinting_flag(),
                   None if mtext is None else (tuple(mtext.get_fontfeatures() or ()),
                                               mtext.get_language()))
            glyphs = self._texts.get(key)
            if glyphs is not None:
                self._texts.move_to_end(key)
                for image, gx, gy in glyphs:
                    self._renderer.draw_text_image(image, gx, gy, 0, gc)
                return None
            real, replay = self._renderer, _Replay(self._renderer)
            self._renderer = replay
            try:
                super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            finally:
                self._renderer = real
            if replay.glyphs is not None:
                self._texts[key] = replay.glyphs
                while len(self._texts) > TEXT_CACHE_SIZE:
                    self._texts.popitem(last=False)
            return None

        def _get_font_height_metrics(self, prop):
            # what matplotlib's Text._get_layout reads from the font's tables on every call
            key = (_font_key(prop), self.dpi)
            if key not in self._metrics:
                self._metrics[key] = self._font_height_metrics(prop)
            return self._metrics[key]

        def _font_height_metrics(self, prop):
            from matplotlib.font_manager import fontManager, get_font

            font = get_font(fontManager._find_fonts_by_props(prop))
            for table_name, gap, ascent, descent in (
                    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                    ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = (1 / font.get_sfnt_table("head")["unitsPerEm"]
                         * prop.get_size_in_points() * self.dpi / 72)
                return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
            return None, None, None

    class TextCachingCanvas(FigureCanvasAgg):
        """An Agg canvas drawing with a :class:`TextCachingRenderer`."""

        def __init__(self, figure: Figure) -> None:
            super().__init__(figure)
            self._texts: OrderedDict[Any, Any] = OrderedDict()
            self._metrics: dict[Any, Any] = {}

        def get_renderer(self):
            w, h = self.get_width_height(physical=True)
            key = w, h, self.figure.dpi
            if self._lastKey != key:
                self.renderer = TextCachingRenderer(w, h, self.figure.dpi, self._texts,
                                                    self._metrics)
                self._lastKey = key
            return self.renderer

    return TextCachingCanvas


class ReusableFigure:
    """A figure of one size, cleared and drawn on for every picture of one explorer.

    Parameters
    ----------
    figsize
        Width and height in inches (at 100 dpi): the picture's size in pixels
        times 1/100.
    margins
        The Axes' position as ``subplots_adjust`` takes it (default:
        :data:`pakfp_course.style.WIDGET_MARGINS`).
    """

    def __init__(self, figsize: tuple[float, float] = (9.0, 4.8),
                 margins: dict[str, float] | None = None) -> None:
        self.figsize = figsize
        self.margins = dict(style.WIDGET_MARGINS if margins is None else margins)
        self._figure: Figure | None = None

    @property
    def figure(self) -> Figure:
        """The figure (made on first use, on its own Agg canvas, never in pyplot)."""
        if self._figure is None:
            self._figure = style.figure(self.figsize)
            _caching_canvas_class()(self._figure)
        return self._figure

    def png(self, draw: Callable[[Axes], object], **margins: float) -> bytes:
        """Call ``draw(ax)`` on new Axes of the figure, return the PNG, clear the figure.

        ``margins`` (``left=0.2``, ...) override this figure's margins for this
        picture only. ``draw`` may resize or recolour the figure; the next
        picture starts again from the figure :func:`pakfp_course.style.figure`
        makes, at :attr:`figsize`.
        """
        import matplotlib

        fig = self.figure
        collecting = gc.isenabled()
        gc.disable()  # the chart's artists stay young until they are garbage (see below)
        try:
            with matplotlib.rc_context({**style._rc(), **DRAW_RC}):  # house style, one copy
                # what the last drawing may have changed and clear() keeps
                if tuple(fig.get_size_inches()) != tuple(self.figsize) or fig.dpi != _DPI:
                    fig.set_dpi(_DPI)
                    fig.set_size_inches(self.figsize)
                fig.set_layout_engine("none")
                rc = matplotlib.rcParams
                fig.patch.set(facecolor=rc["figure.facecolor"],
                              edgecolor=rc["figure.edgecolor"], alpha=None)
                fig.subplots_adjust(**{**self.margins, **margins})
                draw(fig.add_subplot())
                return encode_png(fig)
        finally:
            # Matplotlib's artists refer to each other, so only Python's cyclic
            # collector frees them. Collected now, while they are still in the
            # youngest generation, they cost a millisecond; left to age, every
            # few pictures a full collection of the kernel's heap (100 ms) would.
            while fig.axes:  # (Figure.clear would first reset each Axes, to no use)
                fig.delaxes(fig.axes[-1])  # (and no local name may hold one for the collector)
            fig.clear()
            if collecting:  # (a kernel that turned the collector off keeps it off)
                gc.enable()
                gc.collect(0)
