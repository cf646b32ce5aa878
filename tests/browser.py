"""Shared pieces of the browser tests: Debian's Chromium driven by Playwright, a JupyterLab.

Chromium is never downloaded: Playwright launches ``/usr/bin/chromium`` with the
flags a closed network needs and a fresh profile. JupyterLab runs on 127.0.0.1
with a token, its own settings (no news pop-up) and its own state folders, and
is stopped by its process id.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pakfp_course.builder.printer import CHROMIUM_FLAGS

CHROMIUM_ARGS = [*CHROMIUM_FLAGS, "--disable-quic"]  # the flags the build prints PDFs with
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "browser"


@contextmanager
def browser_context(profile: Path) -> Iterator:
    """Yield a Playwright browser context of Debian's Chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=shutil.which("chromium"), headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
        try:
            yield context
        finally:
            context.close()


def shot(page, name: str) -> Path:
    """Save a screenshot of ``page`` under test-artifacts/browser/ and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


class Offline:
    """Abort every request that is not for a local file; remember what was attempted."""

    def __init__(self, page) -> None:
        self.blocked: list[str] = []
        self.failed: list[str] = []
        page.route("**/*", self._route)
        page.on("requestfailed", lambda req: self.failed.append(
            f"{req.url} ({req.failure})"))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def open_offline(context, path: Path):
    """Open ``path`` from file:// in a new page with the network cut; return page, Offline."""
    page = context.new_page()
    page.set_default_timeout(30_000)
    offline = Offline(page)
    page.goto(path.resolve().as_uri())
    return page, offline


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab: its address, token, root folder and process."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen

    def tree(self, name: str) -> str:
        """Return the address that opens ``name`` in a fresh workspace."""
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"


def _lab_settings(folder: Path) -> None:
    notification = folder / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True, exist_ok=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))


@contextmanager
def jupyter_lab(root: Path, state: Path) -> Iterator[Lab]:
    """Start JupyterLab on 127.0.0.1 serving ``root``; stop it by its process id."""
    token = secrets.token_hex(16)
    port = _free_port()
    settings = state / "lab-settings"
    _lab_settings(settings)
    env = {**os.environ,
           "JUPYTER_CONFIG_DIR": str(state / "config"),
           "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
           "IPYTHONDIR": str(state / "ipython"),
           "MPLCONFIGDIR": str(state / "matplotlib")}
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class="
           "jupyterlab.NeverCheckForUpdate"]
    log = open(state / "lab.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n" + (
                        state / "lab.log").read_text()[-3000:]) from None
                time.sleep(0.3)
        yield Lab(url, token, root, proc)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
