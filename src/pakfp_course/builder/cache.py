"""Atomic writes, content hashes and the build manifest.

Every output is written to a temporary file in ``<out>/.cache/tmp`` and renamed
into place, so an interrupted build never leaves a half-written file where a
reader would find it. The manifest records, per output, what it was built from
(the content key) so that an unchanged output is skipped on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from .. import __version__

__all__ = [
    "Manifest",
    "atomic_write",
    "code_digest",
    "content_key",
    "data_digest",
    "sha256_bytes",
    "sha256_file",
]

#: Bumped when the build writes outputs differently, so old outputs are rebuilt.
BUILD_FORMAT = "2"


def sha256_bytes(data: bytes) -> str:
    """Return the hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file's content."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def atomic_write(path: Path, data: bytes | str, tmp_dir: Path) -> str:
    """Write ``data`` to ``path`` through a temporary file and a rename; return its sha256.

    ``tmp_dir`` must be on the same file system as ``path`` (the build uses
    ``<out>/.cache/tmp``). A reader sees the old file or the whole new one, never
    a part.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    Path(tmp_dir).mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".part", dir=tmp_dir)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha256_bytes(raw)


def _digest_files(files: Iterable[Path], root: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(str(f.relative_to(root)).encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def data_digest(data_dir: Path) -> str:
    """Return a digest of every file in the course data folder."""
    root = Path(data_dir)
    return _digest_files((p for p in root.rglob("*") if p.is_file()), root)


def code_digest() -> str:
    """Return a digest of the package's code and templates (and its version).

    An editable install keeps one version number while its code changes; hashing
    the code means a changed chart or template rebuilds the outputs that use it.
    """
    root = Path(str(resources.files("pakfp_course")))
    skip = {"course_data", "seeds", "notebooks", "__pycache__", "node_modules"}
    files = [
        p for p in root.rglob("*")
        if p.is_file() and not skip.intersection(p.relative_to(root).parts)
        and p.suffix in {".py", ".j2", ".json", ".css"}
    ]
    return sha256_bytes(f"{__version__}\0{_digest_files(files, root)}".encode())


def content_key(kind: str, notebook_sha256: str, parameters: dict, data: str, code: str) -> str:
    """Return the key an output is built from: notebook, parameters, data, code, format."""
    blob = json.dumps(
        {"format": BUILD_FORMAT, "kind": kind, "notebook": notebook_sha256,
         "parameters": parameters, "data": data, "code": code, "version": __version__},
        sort_keys=True,
    )
    return sha256_bytes(blob.encode())


class Manifest:
    """The build's record of outputs: ``manifest.json`` in the output folder.

    Each entry (keyed by the output's path relative to the output folder) holds
    its kind, lesson, parameters, inputs, content key, sha256 and build seconds.
    """

    def __init__(self, out: Path, tmp_dir: Path) -> None:
        self.out = Path(out)
        self.path = self.out / "manifest.json"
        self.tmp_dir = tmp_dir
        self.outputs: dict[str, dict] = {}
        self.meta: dict = {}
        if self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                self.outputs = dict(loaded.get("outputs", {}))
            except (ValueError, AttributeError):
                self.outputs = {}  # unreadable: rebuild everything

    def is_fresh(self, relpath: str, key: str) -> bool:
        """Return whether ``relpath`` exists, was built from ``key`` and is unchanged."""
        entry = self.outputs.get(relpath)
        target = self.out / relpath
        if not entry or entry.get("key") != key or not target.is_file():
            return False
        return target.stat().st_size == entry.get("bytes") and sha256_file(
            target) == entry.get("sha256")

    def record(self, relpath: str, entry: dict) -> None:
        """Add or replace the entry of one output."""
        self.outputs[relpath] = entry

    def save(self) -> None:
        """Write the manifest atomically."""
        body = {**self.meta, "outputs": dict(sorted(self.outputs.items()))}
        atomic_write(self.path, json.dumps(body, indent=1, sort_keys=False) + "\n",
                     self.tmp_dir)
