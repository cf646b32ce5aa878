"""Print HTML pages to PDF with one Chromium kept for the whole build worker.

Starting Chromium costs more than printing a handout, so each build worker
starts one headless Chromium the first time it prints and keeps it: pages are
printed through the Chrome DevTools Protocol over ``--remote-debugging-pipe``
(JSON messages ended by a NUL byte; Chromium reads fd 3 and writes fd 4), so no
port is opened and nothing but the Python standard library is needed. Each page
gets a fresh tab; a Chromium that times out or dies is stopped and the next
page starts a new one. The browser is stopped, by its process group, when the
worker exits.
"""

from __future__ import annotations

import base64
import contextlib
import json
import multiprocessing.util
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["CHROMIUM_FLAGS", "PrintError", "print_pdf"]

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)

# Put the two pipe ends on fd 3 and 4 and become Chromium: a tiny trampoline, so
# that no Python code runs between fork and exec in the (threaded) worker.
_TRAMPOLINE = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
               "os.execv(sys.argv[3], sys.argv[3:])")


class PrintError(RuntimeError):
    """Chromium could not print a page (it failed, died or took too long)."""


class _Browser:
    """One headless Chromium and the pipe to talk to it."""

    def __init__(self, chromium: str, tmp_dir: Path) -> None:
        tmp_dir.mkdir(parents=True, exist_ok=True)
        self.home = tempfile.mkdtemp(prefix="chromium-", dir=tmp_dir)
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        home = Path(self.home) / "home"  # Chromium's own files stay out of the user's home
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
               "XDG_CACHE_HOME": str(home / ".cache")}
        cmd = [sys.executable, "-c", _TRAMPOLINE, str(to_chrome_r), str(from_chrome_w),
               chromium, *CHROMIUM_FLAGS, f"--user-data-dir={self.home}/profile",
               "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(
            cmd, env=env, pass_fds=(to_chrome_r, from_chrome_w), start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0

    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._to_chrome, data):]
        return self._next_id

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise PrintError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 20)
                if not chunk:
                    raise PrintError(f"Chromium exited (code {self.proc.poll()})")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, *, session: str | None = None,
             deadline: float) -> dict:
        """Send one command and return its result (events met on the way are dropped)."""
        wanted = self._send(method, params, session)
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise PrintError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})

    def wait_for(self, event: str, session: str, deadline: float) -> None:
        """Wait for one event of a tab."""
        while True:
            message = self._receive(deadline)
            if message.get("method") == event and message.get("sessionId") == session:
                return

    def print_page(self, url: str, timeout: float) -> bytes:
        """Open ``url`` in a new tab, wait for it to load and return it printed to PDF.

        The tab is closed after a print; after a failure the caller stops the
        whole browser, so there is nothing to close.
        """
        deadline = time.monotonic() + timeout
        target = self.call("Target.createTarget", {"url": "about:blank"},
                           deadline=deadline)["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                            deadline=deadline)["sessionId"]
        self.call("Page.enable", session=session, deadline=deadline)
        opened = self.call("Page.navigate", {"url": url}, session=session, deadline=deadline)
        if opened.get("errorText"):
            raise PrintError(f"cannot open {url}: {opened['errorText']}")
        self.wait_for("Page.loadEventFired", session, deadline)
        # Web fonts and late layout: wait until the document says it is ready.
        self.call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => true)",
                                       "awaitPromise": True}, session=session, deadline=deadline)
        pdf = self.call("Page.printToPDF", {
            "printBackground": True, "preferCSSPageSize": True,
            "displayHeaderFooter": False, "transferMode": "ReturnAsBase64",
        }, session=session, deadline=deadline)
        self.call("Target.closeTarget", {"targetId": target}, deadline=time.monotonic() + 10)
        return base64.b64decode(pdf["data"])

    def stop(self) -> None:
        """Stop Chromium (its whole process group) and remove its profile."""
        for fd in (self._to_chrome, self._from_chrome):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        shutil.rmtree(self.home, ignore_errors=True)


_kept: dict[str, _Browser] = {}  # this process's Chromium, by executable


def _stop_all() -> None:
    while _kept:
        _kept.popitem()[1].stop()


def print_pdf(chromium: str, html: Path, *, tmp_dir: Path, timeout: float = 180) -> bytes:
    """Print the HTML file ``html`` to PDF (its own ``@page`` size) and return the bytes.

    The Chromium started by the first call in a process is kept for the next
    ones and stopped when the process exits. Raises :class:`PrintError` when
    Chromium cannot print the page in ``timeout`` seconds; that Chromium is
    stopped, and the next call starts a new one.
    """
    browser = _kept.get(chromium)
    if browser is None or browser.proc.poll() is not None:
        if browser is not None:
            browser.stop()
        browser = _kept[chromium] = _Browser(chromium, tmp_dir)
        if len(_kept) == 1:
            multiprocessing.util.Finalize(None, _stop_all, exitpriority=10)
    try:
        return browser.print_page(Path(html).resolve().as_uri(), timeout)
    except (PrintError, OSError) as exc:
        _kept.pop(chromium, None)
        browser.stop()
        raise PrintError(f"Chromium could not print {html}: {exc}") from exc
