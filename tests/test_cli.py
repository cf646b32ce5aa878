"""The pakfp-course command line, run as a user runs it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pakfp_course import cli
from pakfp_course.resources import checkout_root


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pakfp_course", *args],
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


def test_console_script_and_module_agree():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("pakfp-course ")



def test_commands_that_read_no_data_start_without_pandas_or_ipython():
    """An up-to-date build answers at once: the CLI, the build planner and the phase ids
    import neither pandas nor IPython; the data functions still work, imported on first use."""
    probe = (
        "import sys\n"
        "import pakfp_course, pakfp_course.cli, pakfp_course.builder.course\n"
        "from pakfp_course.builder.requests import coerce_value, find_lessons\n"
        "assert pakfp_course.PHASE_IDS[0] == 'cold-war'\n"
        "print(sorted(m for m in ('pandas', 'IPython', 'matplotlib', 'nbformat')"
        " if m in sys.modules))\n"
        "assert 'load' in dir(pakfp_course)\n"
        "print(len(pakfp_course.load('phases')), 'pandas' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    before, after = proc.stdout.splitlines()
    assert before == "[]"
    assert after == "4 True"
    with pytest.raises(AttributeError, match="no attribute 'lode'"):
        import pakfp_course

        pakfp_course.lode  # noqa: B018

def test_data_list_names_every_dataset(capsys):
    assert cli.main(["data", "list"]) == 0
    out = capsys.readouterr().out
    assert "aid_crs " in out and "rsct_relations" in out and "seeds" in out


def test_data_show_describes_and_prints_rows(capsys):
    assert cli.main(["data", "show", "fatalities", "--head", "3"]) == 0
    out = capsys.readouterr().out
    assert "Not one series" in out
    assert "FAT001" in out and "FAT004" not in out


def test_data_cite_text_and_bibtex(capsys):
    assert cli.main(["data", "cite", "drone_strikes"]) == 0
    assert "Bureau" in capsys.readouterr().out
    assert cli.main(["data", "cite", "drone_strikes", "--bibtex"]) == 0
    assert capsys.readouterr().out.startswith("@misc{TBIJ_DRONES_GH,")


def test_data_validate_passes(capsys):
    assert cli.main(["data", "validate"]) == 0
    assert "course data valid: " in capsys.readouterr().out


def test_data_validate_fails_on_a_corrupt_copy(data_copy):
    path = data_copy / "phases.csv"
    path.write_text(path.read_text().replace("Strategic alignment", "Strategic alinement"))
    proc = run("data", "validate", "--data-dir", str(data_copy))
    assert proc.returncode == 1
    assert "phases.csv: sha256 is" in proc.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["data", "show", "aid_cr"], "unknown dataset 'aid_cr'. Did you mean 'aid_crs'?"),
        (["data", "cite", "nope"], "unknown dataset 'nope'."),
    ],
)
def test_bad_names_exit_2_with_one_line(args, needle):
    proc = run(*args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("pakfp-course: error: ")
    assert needle in lines[0]
    assert proc.stdout == ""


def test_usage_errors_exit_2():
    proc = run("data", "frobnicate")
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


def test_lab_command_opens_the_checkout_notebooks(capsys):
    assert cli.main(["lab", "--print-command", "--no-browser", "--port", "8899"]) == 0
    out = capsys.readouterr().out
    assert "-m jupyterlab" in out and "--port=8899" in out and "--no-browser" in out
    root = checkout_root()
    if root is not None:  # an editable install opens the lessons in place
        assert f"--ServerApp.root_dir={root / 'notebooks'}" in out
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        assert "--allow-root" in out


def test_lab_copies_lessons_into_a_working_folder_without_overwriting(tmp_path, capsys):
    work = tmp_path / "class"
    assert cli.main(["lab", "--print-command", "--dir", str(work)]) == 0
    assert (work / "README.md").is_file()
    (work / "README.md").write_text("my notes")
    assert cli.main(["lab", "--print-command", "--dir", str(work)]) == 0
    assert (work / "README.md").read_text() == "my notes"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_lab_really_starts_jupyterlab(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
        "JUPYTER_TOKEN": "pakfp-test",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pakfp_course",
            "lab",
            "--no-browser",
            "--port",
            str(port),
            "--dir",
            str(tmp_path / "work"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/contents/README.md?token=pakfp-test"
        deadline = time.monotonic() + 90
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    body = resp.read().decode()
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        assert body is not None, proc.stdout.read().decode() if proc.poll() is not None else ""
        assert '"name": "README.md"' in body or '"name":"README.md"' in body
        assert Path(tmp_path / "work" / "README.md").is_file()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    # stopping the launcher stopped JupyterLab itself: nothing listens any more
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
