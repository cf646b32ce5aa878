"""Local copies of the JavaScript the built pages need, fetched from npm by exact version.

Built HTML, slides and handouts must work with no network. nbconvert's default
templates load reveal.js, require.js, MathJax and the widget renderer from CDNs;
the course's templates point at ``assets/`` beside the outputs instead. The
versions are pinned in ``npm/package.json`` and ``npm/package-lock.json`` (with
integrity hashes) inside this package; ``npm ci`` installs them once into the
build cache and the files the pages use are copied, with their licences, into
``<out>/assets/``. No third-party code is kept in the repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import AssetsUnavailableError

__all__ = ["ASSETS", "Asset", "ensure_assets", "lock_digest", "npm_command"]

_LICENCE_NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING")


@dataclass(frozen=True)
class Asset:
    """One npm package the pages load, and which of its files to serve."""

    package: str
    target: str
    files: tuple[str, ...]  # paths or glob patterns inside the package
    purpose: str


ASSETS: tuple[Asset, ...] = (
    Asset("requirejs", "requirejs", ("require.js",), "module loader for reveal.js and widgets"),
    Asset(
        "reveal.js",
        "reveal.js",
        ("dist/reveal.js", "dist/reveal.css", "dist/reset.css", "dist/theme/white.css",
         "dist/theme/fonts/source-sans-pro/*", "plugin/notes/notes.js"),
        "slide decks and speaker notes",
    ),
    Asset(
        "@jupyter-widgets/html-manager",
        "html-manager",
        ("dist/embed-amd.js", "dist/libembed-amd.js", "dist/*.woff2", "dist/*.woff",
         "dist/*.ttf", "dist/*.eot", "dist/*.svg", "dist/embed.js.LICENSE.txt"),
        "renders saved widget state in HTML and slides",
    ),
    Asset(
        "mathjax",
        "mathjax",
        ("es5/tex-chtml-full.js", "es5/output/chtml/fonts/woff-v2/*"),
        "typesets maths and escaped dollar signs in Markdown",
    ),
)


def _npm_dir() -> Path:
    return Path(str(resources.files("pakfp_course.builder").joinpath("npm")))


def lock_digest() -> str:
    """Return a short digest of the pinned versions (package.json and lock file)."""
    h = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        h.update((_npm_dir() / name).read_bytes())
    return h.hexdigest()[:16]


def npm_command() -> str | None:
    """Return the npm executable to use (``PAKFP_COURSE_NPM`` or ``npm`` on PATH)."""
    return os.environ.get("PAKFP_COURSE_NPM") or shutil.which("npm")


def _missing_npm_message() -> str:
    wanted = ", ".join(f"{a.package}" for a in ASSETS)
    return (
        "npm is needed once to fetch the JavaScript that makes the built pages work offline "
        f"({wanted}; exact versions in pakfp_course/builder/npm/package-lock.json), but no "
        "'npm' was found on PATH. Install Node.js with npm (Debian/Ubuntu: "
        "'sudo apt-get install npm'; others: https://nodejs.org), or set PAKFP_COURSE_NPM "
        "to the npm executable, then run the build again."
    )


def _install(node_root: Path, tmp_root: Path) -> None:
    """Run ``npm ci`` for the pinned lock file into ``node_root`` (atomically)."""
    npm = npm_command()
    if npm is None:
        raise AssetsUnavailableError(_missing_npm_message())
    tmp_root.mkdir(parents=True, exist_ok=True)
    work = Path(tmp_root) / f"npm-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(_npm_dir() / name, work / name)
    cmd = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error",
           "--cache", str(tmp_root.parent / "npm-cache")]
    env = {**os.environ, "npm_config_logs_dir": str(tmp_root / "npm-logs"),
           "npm_config_update_notifier": "false", "npm_config_fund": "false"}
    try:
        done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, timeout=600,
                              env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise AssetsUnavailableError(f"could not run {' '.join(cmd)}: {exc}") from exc
    if done.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        tail = "\n".join(done.stderr.strip().splitlines()[-8:])
        raise AssetsUnavailableError(
            "npm could not fetch the offline JavaScript (the npm registry must be reachable "
            f"once; set npm's registry or proxy if you use a mirror):\n{tail}"
        )
    node_root.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(node_root, ignore_errors=True)
    os.replace(work / "node_modules", node_root)
    shutil.rmtree(work, ignore_errors=True)


def _licence_text(pkg_dir: Path, meta: dict) -> str:
    for name in _LICENCE_NAMES:
        if (pkg_dir / name).is_file():
            return (pkg_dir / name).read_text(encoding="utf-8", errors="replace")
    return (
        f"{meta['name']} {meta['version']} is distributed under the "
        f"{meta.get('license', 'licence stated by its authors')} licence "
        f"(declared in its package.json; the package ships no separate licence file).\n"
        f"Project: {meta.get('homepage') or meta.get('repository', '')}\n"
    )


def _copy_asset(asset: Asset, node_root: Path, out: Path) -> dict:
    pkg_dir = node_root / asset.package
    meta = json.loads((pkg_dir / "package.json").read_text(encoding="utf-8"))
    target = out / asset.target
    for pattern in asset.files:
        matches = sorted(pkg_dir.glob(pattern))
        if not matches:
            raise AssetsUnavailableError(
                f"{asset.package} {meta['version']} has no file matching {pattern!r}; "
                f"the npm install in {node_root.parent} looks incomplete: delete that folder "
                "and build again"
            )
        for src in matches:
            dest = target / src.relative_to(pkg_dir)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    (target / "LICENSE.txt").write_text(_licence_text(pkg_dir, meta), encoding="utf-8")
    return {"package": asset.package, "version": meta["version"],
            "license": meta.get("license", ""), "folder": asset.target,
            "purpose": asset.purpose}


def ensure_assets(out: Path, cache: Path, *, force: bool = False) -> Path:
    """Make ``<out>/assets`` hold the pinned JavaScript and its licences; return that folder.

    The npm install is cached in ``<cache>/npm/<digest>``; nothing is fetched
    when it is already there (``force`` copies the files again, from that cache).
    Raises :class:`AssetsUnavailableError` with what is
    missing and how to get it when npm is absent or the registry unreachable.
    """
    digest = lock_digest()
    assets = Path(out) / "assets"
    stamp = assets / ".pinned"
    if not force and stamp.is_file() and stamp.read_text() == digest:
        return assets
    node_root = Path(cache) / "npm" / digest / "node_modules"
    if not all((node_root / a.package / "package.json").is_file() for a in ASSETS):
        _install(node_root, Path(cache) / "tmp")
    staging = Path(cache) / "tmp" / f"assets-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    listing = [_copy_asset(asset, node_root, staging) for asset in ASSETS]
    lines = ["# Third-party JavaScript served with the built course", "",
             "Fetched from the npm registry at the exact versions in pakfp_course's "
             "builder/npm/package-lock.json; each folder holds the package's licence.", "",
             "| folder | package | version | licence | used for |", "|---|---|---|---|---|"]
    lines += [f"| {e['folder']} | {e['package']} | {e['version']} | {e['license']} | "
              f"{e['purpose']} |" for e in listing]
    (staging / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (staging / ".pinned").write_text(digest)
    old = Path(cache) / "tmp" / f"assets-old-{os.getpid()}"
    if assets.exists():
        os.replace(assets, old)
    os.replace(staging, assets)
    shutil.rmtree(old, ignore_errors=True)
    return assets
