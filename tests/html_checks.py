"""Read built HTML the way a browser would fetch it: which resources, which images.

``remote_resources`` lists every reference that would make a browser load
something from the internet: script, style, font, image, frame and media
addresses, CSS ``url()`` and ``@import``, string literals in inline scripts, and
HTML nested in saved widget state. Plain links (``<a href>``) are fine: a
citation may link to its source.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

REMOTE = ("http://", "https://", "//")
_RESOURCE_ATTRS = {"src", "srcset", "data", "poster", "background"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
_JS_URL = re.compile(r"""['"`]((?:https?:)?//[^'"`\s]+)""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_DATA_TYPES = ("application/vnd.jupyter.widget-state+json",
               "application/vnd.jupyter.widget-view+json", "application/json")


def _is_remote(value: str) -> bool:
    return value.strip().lower().startswith(REMOTE)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self.local: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self._in: tuple[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a)
        for name, value in attrs:
            if value is None:
                continue
            is_resource = name in _RESOURCE_ATTRS or (tag == "link" and name == "href") or (
                tag in ("image", "use") and name in ("href", "xlink:href"))
            if is_resource:
                parts = value.split(",") if name == "srcset" else [value]
                for part in parts:
                    url = part.strip().split(" ")[0]
                    if _is_remote(url):
                        self.remote.append(f"<{tag} {name}={url}>")
                    elif url and not url.startswith(("data:", "#", "blob:")):
                        self.local.append(url)
            if name == "style":
                self._css(value, f"<{tag} style>")
        if tag in ("script", "style"):
            self._in = (tag, (a.get("type") or "").lower())
            self._text = []

    def handle_endtag(self, tag):
        if self._in and tag == self._in[0]:
            kind, typ = self._in
            text = "".join(self._text)
            if kind == "style":
                self._css(text, "<style>")
            elif typ in _DATA_TYPES:
                self._json(text)
            else:
                for url in _JS_URL.findall(text):
                    self.remote.append(f"<script> literal {url}")
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def _css(self, text: str, where: str) -> None:
        for a, b in _CSS_URL.findall(_CSS_COMMENT.sub("", text)):
            url = a or b
            if _is_remote(url):
                self.remote.append(f"{where} url {url}")

    def _json(self, text: str) -> None:
        try:
            value = json.loads(text)
        except ValueError:
            return
        for s in _strings(value):
            if "<" in s and ">" in s:
                inner = scan(s)
                self.remote.extend(f"widget state: {r}" for r in inner.remote)
                self.images.extend(inner.images)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def scan(text: str) -> _Page:
    """Parse one page; the result has ``remote``, ``local`` and ``images``."""
    page = _Page()
    page.feed(text)
    page.close()
    return page


def remote_resources(text: str) -> list[str]:
    """Return every reference in ``text`` that would load something from the internet."""
    return scan(text).remote
