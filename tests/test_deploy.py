"""What a department deploys: the single-user image, the Zero to JupyterHub values, Binder.

Docker is not available to the tests, so the image is checked by what it
installs and from where; what repo2docker (Binder) would build is asked of
repo2docker itself with ``--no-build``. That the settings the image relies on
land where JupyterLab reads them is tested on the installed wheel
(``test_packaging``), and a class on a real hub runs in ``test_hub``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

tomllib = pytest.importorskip("tomllib")  # Python 3.11+
ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _dockerfile() -> list[str]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", (DEPLOY / "Dockerfile").read_text())
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_the_image_installs_the_course_with_its_hub_extra():
    lines = _dockerfile()
    pip = next(line for line in lines if "pip install" in line)
    assert '"/tmp/pakfp_course[hub]"' in pip and "-e " not in pip  # a wheel, not editable
    hub_extra = PYPROJECT["project"]["optional-dependencies"]["hub"]
    assert {re.split(r"[<>=!]", d)[0] for d in hub_extra} == {"jupyterhub", "nbgitpuller"}
    # git for nbgitpuller; the settings file the wheel installs is checked at build time
    assert any(line.startswith("RUN apt-get") and " git " in line for line in lines)
    assert "/usr/local/share/jupyter/lab/settings/overrides.json" in pip
    shared = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared == {"deploy/jupyterlab/overrides.json":
                      "share/jupyter/lab/settings/overrides.json"}
    assert lines[0].startswith("FROM python:3.11")  # the prefix /usr/local is sys.prefix
    assert any(line.startswith("USER ") and "root" not in line for line in lines)
    assert lines[-1].startswith("CMD") and "jupyterhub-singleuser" in lines[-1]


def test_the_build_context_leaves_local_state_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", "_build", "test-artifacts"} <= set(ignored)
    assert "src" not in ignored and "notebooks" not in ignored


def test_the_news_pop_up_is_off_in_the_shipped_settings():
    settings = json.loads((DEPLOY / "jupyterlab" / "overrides.json").read_text())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def _mem(value: str) -> float:
    """Kubernetes memory ('512M', '1G', '1.5Gi') in MiB."""
    number, unit = re.fullmatch(r"([\d.]+)\s*([KMG]i?)", str(value)).groups()
    scale = {"K": 1e3 / 2**20, "M": 1e6 / 2**20, "G": 1e9 / 2**20,
             "Ki": 1 / 1024, "Mi": 1, "Gi": 1024}[unit]
    return float(number) * scale


def test_the_z2jh_values_serve_a_class_sized_from_a_measured_session():
    values = yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text())
    single = values["singleuser"]
    assert single["defaultUrl"] == "/lab"
    assert single["extraEnv"]["NBGITPULLER_APP"] == "lab"
    assert single["image"]["name"] and single["image"]["tag"]
    guarantee, limit = _mem(single["memory"]["guarantee"]), _mem(single["memory"]["limit"])
    assert 0 < single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] >= 600
    # Sized from the benchmark: the guarantee covers a measured student server
    # (server + kernel, peak) and the limit leaves room for a second kernel.
    measured = json.loads((ROOT / "benchmarks" / "hub_results.json").read_text())
    peak = max(run["student_peak_mib"]["max"] for run in measured["runs"])
    assert guarantee >= 1.2 * peak, (guarantee, peak)
    assert limit >= 2 * peak and limit >= guarantee


def test_binder_builds_the_root_pyproject_with_the_tested_python(tmp_path):
    r2d = shutil.which("jupyter-repo2docker") or str(Path(sys.executable).parent /
                                                       "jupyter-repo2docker")
    if not Path(r2d).exists():
        pytest.skip("jupyter-repo2docker is not installed (pip install -e '.[test]')")
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), \
        "a binder/ folder would stop repo2docker from installing the root pyproject.toml"
    assert not (ROOT / "Dockerfile").exists(), "a root Dockerfile would replace repo2docker"
    run = subprocess.run([r2d, "--no-build", "--no-run", "--debug", str(ROOT)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    out = run.stdout + run.stderr
    assert "KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in out  # lab sees the widget renderer
    assert re.search(r"RUN \$\{KERNEL_PYTHON_PREFIX\}/bin/pip install --no-cache-dir \.\s*$",
                     out, re.M), "repo2docker installs the course from pyproject.toml"
    runtime = (ROOT / "runtime.txt").read_text().strip()
    assert runtime == "python-3.11", runtime
    assert f"python={runtime.removeprefix('python-')}" in out
