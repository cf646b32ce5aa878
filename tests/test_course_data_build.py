"""The committed course data is exactly what the maintainer tools produce.

``tools/tidy_reference.py`` rebuilds the mechanical datasets from the sourced
reference tables (``../shared/reference``, present beside a checkout) and
``tools/write_datapackage.py`` the descriptor; a hand edit that bypasses them
fails here. ``frictionless`` validates the package independently.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"
DATA = ROOT / "course_data"


@pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="../shared/reference is not beside this checkout"
)
def test_tidy_reference_reproduces_the_committed_csvs(tmp_path):
    out = tmp_path / "course_data"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools/tidy_reference.py"),
            "--reference",
            str(REFERENCE),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    written = sorted(p.name for p in out.glob("*.csv"))
    assert len(written) >= 15
    for name in written:
        assert (out / name).read_bytes() == (DATA / name).read_bytes(), name


def test_write_datapackage_reproduces_the_committed_descriptor(tmp_path):
    copy = tmp_path / "course_data"
    shutil.copytree(DATA, copy)
    (copy / "datapackage.json").unlink()
    subprocess.run(
        [sys.executable, str(ROOT / "tools/write_datapackage.py"), "--data", str(copy)],
        check=True,
        capture_output=True,
    )
    assert json.loads((copy / "datapackage.json").read_text()) == json.loads(
        (DATA / "datapackage.json").read_text()
    )


def test_frictionless_validates_the_package():
    exe = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    assert exe is not None, "frictionless is missing: pip install -e '.[test]'"
    proc = subprocess.run(
        [exe, "validate", "datapackage.json"], cwd=DATA, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "INVALID" not in proc.stdout
