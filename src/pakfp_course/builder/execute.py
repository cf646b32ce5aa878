"""Run one notebook with papermill: a fresh kernel, a per-cell timeout, a clear failure.

Builds keep Jupyter, IPython and matplotlib state out of the user's home: the
environment variables below point inside the build cache before any worker or
kernel starts.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

__all__ = ["CELL_TIMEOUT", "ExecutionFailure", "build_environment", "run_notebook"]

#: Seconds any one cell may run before the build gives up on that notebook.
CELL_TIMEOUT = 180

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def build_environment(cache: Path) -> dict[str, str]:
    """Return the environment variables that keep build state inside ``cache``."""
    cache = Path(cache).resolve()
    return {
        "JUPYTER_CONFIG_DIR": str(cache / "jupyter" / "config"),
        "JUPYTER_DATA_DIR": str(cache / "jupyter" / "data"),
        "JUPYTER_RUNTIME_DIR": str(cache / "jupyter" / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": str(cache / "ipython"),
        "MPLCONFIGDIR": str(cache / "matplotlib"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


@dataclass
class ExecutionFailure:
    """Why a notebook stopped: the failing cell and a short traceback."""

    cell_index: int | None
    cell_source: str
    error: str
    traceback: str

    def summary(self) -> str:
        """Return one line: which cell, which error."""
        where = f"cell {self.cell_index}" if self.cell_index is not None else "kernel"
        return f"{where}: {self.error}"


def _strip(text: str) -> str:
    return _ANSI.sub("", text)


def _failure_from(nb: NotebookNode | None, exc: BaseException) -> ExecutionFailure:
    if nb is not None:
        for i, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    tb = "\n".join(_strip(line) for line in output.get("traceback", []))
                    tb_lines = tb.strip().splitlines()
                    error = f"{output.get('ename')}: {_strip(output.get('evalue', ''))}"
                    return ExecutionFailure(i, cell.source, error, "\n".join(tb_lines[-12:]))
    name = type(exc).__name__
    text = _strip(str(exc)).strip().splitlines()
    return ExecutionFailure(None, "", f"{name}: {text[-1] if text else ''}",
                            "\n".join(text[-12:]))


def run_notebook(
    nb: NotebookNode,
    parameters: dict,
    *,
    tmp_dir: Path,
    cwd: Path,
    timeout: int = CELL_TIMEOUT,
) -> tuple[NotebookNode, ExecutionFailure | None]:
    """Execute ``nb`` with ``parameters`` in a fresh kernel.

    Returns the executed notebook (up to the failing cell on failure) and the
    failure, if any. Every cell has ``timeout`` seconds.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    Path(tmp_dir).mkdir(parents=True, exist_ok=True)
    out_path = Path(tmp_dir) / f"executing-{os.getpid()}-{time.monotonic_ns()}.ipynb"
    failure = None
    try:
        result = papermill.execute_notebook(
            nb, str(out_path), parameters=parameters, kernel_name="python3",
            progress_bar=False, request_save_on_cell_execute=False,
            execution_timeout=timeout, start_timeout=120, cwd=str(cwd), log_output=False,
        )
    except PapermillExecutionError as exc:
        result = nbformat.read(out_path, as_version=4)
        failure = _failure_from(result, exc)
    except Exception as exc:  # timeout, dead kernel, ...: keep what ran
        result = nbformat.read(out_path, as_version=4) if out_path.is_file() else nb
        failure = _failure_from(None, exc)
        if "Timeout" in type(exc).__name__ or "timed out" in str(exc).lower():
            failure.error = (f"a cell ran longer than the {timeout} s per-cell timeout "
                             f"({failure.error})")
    finally:
        out_path.unlink(missing_ok=True)
    return result, failure
