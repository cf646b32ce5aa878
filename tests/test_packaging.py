"""The package as a user gets it: a wheel installed in a fresh virtual environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (path,) = out.glob("pakfp_course-*.whl")
    return path


@pytest.mark.slow
def test_the_wheel_carries_data_seeds_and_notebooks_but_no_tests(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    data = {n for n in names if n.startswith("pakfp_course/course_data/")}
    assert "pakfp_course/course_data/datapackage.json" in data
    assert len([n for n in data if n.endswith(".csv")]) == len(
        list((ROOT / "course_data").glob("*.csv"))
    )
    assert {"pakfp_course/seeds/khan-2024.txt", "pakfp_course/seeds/README.md"} <= set(names)
    assert any(n.startswith("pakfp_course/notebooks/") for n in names)
    assert {"pakfp_course/builder/course.py", "pakfp_course/builder/npm/package.json",
            "pakfp_course/builder/npm/package-lock.json",
            "pakfp_course/builder/templates/pakfp_lab/index.html.j2",
            "pakfp_course/builder/templates/pakfp_lab/shared.html.j2",
            "pakfp_course/builder/templates/pakfp_reveal/index.html.j2"} <= set(names)
    assert not any("node_modules" in n for n in names)  # third-party code is fetched, not shipped
    assert not any(n.startswith(("tests/", "pakfp_course/tests")) for n in names)
    meta = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "Requires-Python: >=3.10" in text
    assert "Requires-Dist: ipywidgets" in text
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "pakfp-course = pakfp_course.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


@pytest.mark.slow
def test_every_dataset_loads_from_the_installed_wheel(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # Only what loading data needs: importing the package must not need Jupyter.
    subprocess.run(
        [py, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, timeout=300
    )
    subprocess.run([py, "-m", "pip", "install", "-q", "pandas"], check=True, timeout=600)
    script = textwrap.dedent("""
        import sys
        import pakfp_course as pc
        from pakfp_course.resources import course_path, checkout_root
        assert checkout_root() is None
        root = course_path("course_data")
        assert "site-packages" in str(root), root
        names = pc.list_datasets()
        for name in names:
            assert len(pc.load(name)) > 0, name
        assert pc.validate() == []
        assert (course_path("seeds") / "yousaf-ma-2025.txt").is_file()
        heavy = {"papermill", "nbconvert", "jupyterlab", "ipywidgets", "matplotlib"}
        assert not heavy & set(sys.modules), heavy & set(sys.modules)
        print(len(names), "datasets")
    """)
    proc = subprocess.run(
        [py, "-c", script], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{len(list((ROOT / 'course_data').glob('*.csv')))} datasets"
    # The class settings land where JupyterLab reads them (the image and Binder rely on it)
    overrides = env_dir / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    notification = json.loads(overrides.read_text())["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}


def test_import_is_light():
    code = (
        "import sys, pakfp_course; "
        "print(sorted({'papermill','nbconvert','jupyterlab','nbclient'} & set(sys.modules)))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_import_has_no_global_side_effects():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams); "
        "import pakfp_course, pakfp_course.summaries; "
        "print(before == dict(matplotlib.rcParams), matplotlib.get_backend())"
    )
    env = {**os.environ, "MPLBACKEND": "agg"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert proc.stdout.split()[0] == "True"


def test_version_is_declared_once():
    import re

    import pakfp_course

    assert f'version = "{pakfp_course.__version__}"' in (ROOT / "pyproject.toml").read_text()
    # the package reads its version from the installed metadata; no number is typed in code
    literals = re.findall(r'__version__ = "([^"]*)"', (ROOT / "src/pakfp_course/__init__.py")
                          .read_text())
    assert literals == ["0+unknown"]  # only the fallback for an uninstalled tree
