"""builder.execute: a kernel that dies before it answers is started again; a failing cell is not."""

from __future__ import annotations

import nbformat

from pakfp_course.builder import execute
from pakfp_course.builder.execute import ExecutionFailure

DIED = ExecutionFailure(None, "", "RuntimeError: Kernel died before replying to kernel_info", "")


def _runs(monkeypatch, outcomes):
    """Make papermill's single run return ``outcomes`` in turn; return the calls made."""
    calls = []

    def once(nb, parameters, **kwargs):
        calls.append(parameters)
        return nb, outcomes[len(calls) - 1]

    monkeypatch.setattr(execute, "_papermill_once", once)
    return calls


def _run(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    return execute.run_notebook(nb, {"phase": "2001-2008"}, tmp_dir=tmp_path, cwd=tmp_path)


def test_a_kernel_that_died_at_start_is_started_again(monkeypatch, tmp_path):
    calls = _runs(monkeypatch, [DIED, DIED, None])
    _, failure = _run(tmp_path)
    assert failure is None
    assert calls == [{"phase": "2001-2008"}] * 3


def test_it_gives_up_after_three_starts_and_says_why(monkeypatch, tmp_path):
    calls = _runs(monkeypatch, [DIED, DIED, DIED, None])
    _, failure = _run(tmp_path)
    assert len(calls) == 3
    assert failure is DIED


def test_a_cell_that_failed_or_a_timeout_is_not_run_again(monkeypatch, tmp_path):
    cell = ExecutionFailure(0, "raise RuntimeError()", "RuntimeError: ", "")
    timeout = ExecutionFailure(None, "", "a cell ran longer than the 3 s per-cell timeout", "")
    for failed in (cell, timeout):
        calls = _runs(monkeypatch, [failed, None])
        _, failure = _run(tmp_path)
        assert failure is failed and len(calls) == 1
