"""The build's PDF printer: one Chromium per worker, printing page after page over a pipe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pakfp_course.builder import printer

from .conftest import chromium_or_skip

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>@page {{ size: {size}; margin: 15mm; }}</style></head>
<body><h1>{text}</h1><p style="break-before: page">second page</p></body></html>"""


def _page(tmp_path: Path, name: str, text: str, size: str = "A4") -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(PAGE.format(size=size, text=text), encoding="utf-8")
    return path


def _info(pdf: bytes, tmp_path: Path) -> tuple[str, str]:
    out = tmp_path / "out.pdf"
    out.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True)
    return info.stdout, text.stdout


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers kill(0): look at its state
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(")")[-1].split()[0] != "Z"


@pytest.fixture
def chromium():
    path = chromium_or_skip()
    yield path
    printer._stop_all()


def test_prints_pages_in_their_own_page_size_with_one_kept_chromium(chromium, tmp_path):
    first = printer.print_pdf(chromium, _page(tmp_path, "a", "Phase one"), tmp_dir=tmp_path)
    pid = printer._kept[chromium].proc.pid
    second = printer.print_pdf(chromium, _page(tmp_path, "b", "Phase two", "letter"),
                               tmp_dir=tmp_path)
    assert printer._kept[chromium].proc.pid == pid  # no second start
    info, text = _info(first, tmp_path)
    assert "(A4)" in info and "Pages:           2" in info
    assert "Phase one" in text and "second page" in text
    info, text = _info(second, tmp_path)
    assert "(letter)" in info
    assert "Phase two" in text and "Phase one" not in text  # a fresh tab per page


def test_a_chromium_that_died_is_replaced(chromium, tmp_path):
    printer.print_pdf(chromium, _page(tmp_path, "a", "before"), tmp_dir=tmp_path)
    pid = printer._kept[chromium].proc.pid
    os.killpg(pid, signal.SIGKILL)
    printer._kept[chromium].proc.wait()
    _, text = _info(printer.print_pdf(chromium, _page(tmp_path, "b", "after"),
                                      tmp_dir=tmp_path), tmp_path)
    assert "after" in text
    assert printer._kept[chromium].proc.pid != pid


def test_a_print_that_times_out_names_the_page_and_stops_that_chromium(chromium, tmp_path):
    printer.print_pdf(chromium, _page(tmp_path, "warm", "warm"), tmp_dir=tmp_path)
    pid = printer._kept[chromium].proc.pid
    slow = _page(tmp_path, "slow", "slow")
    with pytest.raises(printer.PrintError, match=r"slow\.html.*in time"):
        printer.print_pdf(chromium, slow, tmp_dir=tmp_path, timeout=0.001)
    assert chromium not in printer._kept
    assert not _alive(pid)
    _, text = _info(printer.print_pdf(chromium, slow, tmp_dir=tmp_path), tmp_path)
    assert "slow" in text  # the next print starts a new Chromium



def test_a_missing_page_is_an_error_not_a_printed_error_page(chromium, tmp_path):
    with pytest.raises(printer.PrintError, match=r"missing\.html.*ERR_FILE_NOT_FOUND"):
        printer.print_pdf(chromium, tmp_path / "missing.html", tmp_dir=tmp_path)

def test_no_chromium_and_no_profile_are_left_when_the_process_ends(chromium, tmp_path):
    page = _page(tmp_path, "a", "exit")
    script = (
        "import sys; from pathlib import Path; from pakfp_course.builder import printer\n"
        f"printer.print_pdf({chromium!r}, Path({str(page)!r}), tmp_dir=Path({str(tmp_path)!r}))\n"
        f"print(printer._kept[{chromium!r}].proc.pid)\n"
        "if sys.argv[1] == 'killed':\n"
        "    import os, signal; os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    for how in ("exits", "killed"):
        done = subprocess.run([sys.executable, "-c", script, how], capture_output=True,
                              text=True, timeout=120)
        pid = int(done.stdout.split()[0])
        deadline = time.monotonic() + 20
        while _alive(pid) and time.monotonic() < deadline:  # killed: Chromium sees its pipe close
            time.sleep(0.2)
        assert not _alive(pid), how
        if how == "exits":
            assert not list(tmp_path.glob("chromium-*")), "the profile folder was left behind"
