"""axe-core, pinned in ``tests/axe/``, run in a Playwright page: WCAG 2.1 A and AA checks.

:func:`axe_script` installs the exact axe-core of ``tests/axe/package-lock.json``
with ``npm ci`` once into a cache folder (pytest-xdist workers share one install
under a file lock) and returns ``axe.min.js``; :func:`check` runs it in a page
and returns the critical and serious violations; :func:`report` lists them, one
line per failing element, for an assertion message.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

__all__ = ["LOCK_DIR", "TAGS", "axe_script", "check", "lock_hash", "report"]

LOCK_DIR = Path(__file__).resolve().parent / "axe"
#: The rule sets checked: WCAG 2.0 and 2.1, levels A and AA.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
SEVERE = ("critical", "serious")


def lock_hash() -> str:
    """Return a short digest of ``tests/axe/package.json`` and its lock file."""
    h = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        h.update((LOCK_DIR / name).read_bytes())
    return h.hexdigest()[:16]


def axe_script(cache: Path, npm: str | None = None) -> str:
    """Return the text of the pinned ``axe.min.js``, installing it into ``cache`` once.

    ``npm ci`` runs under an exclusive ``fcntl`` lock on ``cache/.lock``, so that
    parallel test workers wait for one install; a ``.installed`` stamp holding
    the lock files' digest skips the install next time. Raises ``RuntimeError``
    with npm's message when the install fails, ``FileNotFoundError`` without npm.
    """
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    digest = lock_hash()
    script = cache / "node_modules" / "axe-core" / "axe.min.js"
    stamp = cache / ".installed"
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (script.is_file() and stamp.is_file() and stamp.read_text() == digest):
                _npm_ci(cache, npm or shutil.which("npm"))
                stamp.write_text(digest)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return script.read_text(encoding="utf-8")


def _npm_ci(cache: Path, npm: str | None) -> None:
    if npm is None:
        raise FileNotFoundError("npm is not installed (Debian: apt-get install npm)")
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(LOCK_DIR / name, cache / name)
    shutil.rmtree(cache / "node_modules", ignore_errors=True)
    env = {**os.environ, "npm_config_update_notifier": "false",
           "npm_config_logs_dir": str(cache / "npm-logs")}
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error",
         "--cache", str(cache / "npm-cache")],
        cwd=cache, capture_output=True, text=True, timeout=600, env=env)
    if done.returncode != 0:
        raise RuntimeError("npm ci of tests/axe/package-lock.json failed (the npm registry "
                           "must be reachable once):\n" + done.stderr[-2000:])


# preload: false - axe would fetch each stylesheet again with XMLHttpRequest, which Chromium
# refuses for file:// pages (a failed request in the page's log, and nothing learnt)
_RUN_JS = """async ([context, tags]) => {
  const results = await axe.run(context ? document.querySelectorAll(context) : document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], preload: false});
  return results.violations;
}"""


def check(page, script: str, *, context: str | None = None) -> list[dict]:
    """Run axe in ``page`` and return its critical and serious WCAG 2.1 A/AA violations.

    Parameters
    ----------
    page
        A Playwright page, loaded.
    script
        The text of ``axe.min.js`` (:func:`axe_script`); injected once per page.
    context
        A CSS selector limiting the check to the elements it matches (``None``:
        the whole document). Rules about the document itself (``html-has-lang``,
        ``document-title``, ...) only run on the whole document.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=script)  # sets window.axe (also beside require.js)
    violations = page.evaluate(_RUN_JS, [context, list(TAGS)])
    return [v for v in violations if v.get("impact") in SEVERE]


def _summary(node: dict) -> str:
    text = (node.get("failureSummary") or "").replace("Fix any of the following:", "") \
        .replace("Fix all of the following:", "")
    return " ".join(text.split())[:220]


def report(violations: list[dict], where: str = "") -> str:
    """Return one line per violation and element: rule, impact, help, selector, why."""
    lines = []
    for v in violations:
        for node in v.get("nodes", []):
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"{where}{v['id']} [{v.get('impact')}] {v.get('help', '')} | "
                         f"{target} | {_summary(node)}")
    return "\n".join(lines)
