"""Run one notebook: a per-cell timeout, a clear failure.

Both run with papermill. A lesson runs in a fresh kernel (:func:`run_notebook`).
A handout, a few cells, runs in a kernel its worker keeps from one handout to
the next (:func:`run_in_warm_kernel`, papermill's nbclient engine handed that
kernel): starting a kernel and importing the course's libraries cost more than
the handout's own cells. Before each
handout the kernel forgets the last one (its variables, figures and the
sources :mod:`pakfp_course.handout` recorded); a kernel that timed out or
died is replaced.

Builds keep Jupyter, IPython and matplotlib state out of the user's home: the
environment variables below point inside the build cache before any worker or
kernel starts.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nbformat is imported when a notebook runs: an up-to-date build needs none
    from nbformat import NotebookNode

__all__ = [
    "CELL_TIMEOUT",
    "ExecutionFailure",
    "build_environment",
    "run_in_warm_kernel",
    "run_notebook",
]

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
    """Execute ``nb`` with ``parameters`` with papermill, in a fresh kernel.

    Returns the executed notebook (up to the failing cell on failure) and the
    failure, if any. Every cell has ``timeout`` seconds.
    """
    return _papermill(nb, parameters, tmp_dir=tmp_dir, cwd=cwd, timeout=timeout,
                      engine=None)


def _papermill(nb: NotebookNode, parameters: dict, *, tmp_dir: Path, cwd: Path, timeout: int,
               engine: str | None) -> tuple[NotebookNode, ExecutionFailure | None]:
    from papermill.engines import papermill_engines

    if engine is not None:
        papermill_engines.register(engine, _warm_engine())
    Path(tmp_dir).mkdir(parents=True, exist_ok=True)
    for _ in range(_STARTS - 1):
        result, failure = _papermill_once(nb, parameters, tmp_dir=tmp_dir, cwd=cwd,
                                          timeout=timeout, engine=engine)
        if not _died_at_start(failure):
            return result, failure
    return _papermill_once(nb, parameters, tmp_dir=tmp_dir, cwd=cwd, timeout=timeout,
                           engine=engine)


#: A kernel that dies before it answers ran nothing: start another, at most this many times.
#: (Two kernels starting at once can be given the same free port; the second then dies.)
_STARTS = 3
_DIED_AT_START = "Kernel died before replying to kernel_info"


def _died_at_start(failure: ExecutionFailure | None) -> bool:
    return (failure is not None and failure.cell_index is None
            and _DIED_AT_START in failure.error)


def _papermill_once(nb: NotebookNode, parameters: dict, *, tmp_dir: Path, cwd: Path,
                    timeout: int, engine: str | None
                    ) -> tuple[NotebookNode, ExecutionFailure | None]:
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out_path = Path(tmp_dir) / f"executing-{os.getpid()}-{time.monotonic_ns()}.ipynb"
    failure = None
    try:
        result = papermill.execute_notebook(
            nb, str(out_path), parameters=parameters, kernel_name="python3",
            progress_bar=False, request_save_on_cell_execute=False,
            execution_timeout=timeout, start_timeout=120, cwd=str(cwd), log_output=False,
            engine_name=engine,
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


#: Run in the warm kernel before each handout: forget the previous handout.
_FORGET = """\
%reset -f
import importlib as _importlib, sys as _sys
import matplotlib.pyplot as _plt
_plt.close("all")
if "pakfp_course.handout" in _sys.modules:  # the sources it recorded
    _importlib.reload(_sys.modules["pakfp_course.handout"])
del _importlib, _sys, _plt
"""

_warm: dict = {}  # this worker's kernel: {"km": AsyncKernelManager, "kc": its client}


def _in_kernel_thread(func, *args, **kwargs):
    """Run ``func`` in the worker's one kernel thread and return its result.

    The kept kernel lives on that thread's event loop. Off the main thread,
    nbclient cannot install its SIGINT/SIGTERM handlers in the worker, so Ctrl-C
    and a terminated build still stop the worker at once.
    """
    if "thread" not in _warm:
        from concurrent.futures import ThreadPoolExecutor

        _warm["thread"] = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kernel")
    try:
        future = _warm["thread"].submit(func, *args, **kwargs)
    except RuntimeError:  # at interpreter exit the thread is already gone: run it here
        return func(*args, **kwargs)
    return future.result()


def _stop_warm_kernel() -> None:
    from jupyter_core.utils import run_sync

    km, kc = _warm.pop("km", None), _warm.pop("kc", None)
    if kc is not None:
        kc.stop_channels()
    if km is not None:
        with contextlib.suppress(Exception):  # already gone: nothing to stop
            run_sync(km.shutdown_kernel)(now=True)


def _warm_kernel(cwd: Path, start_timeout: int = 120):
    from jupyter_core.utils import run_sync

    km = _warm.get("km")
    if km is not None and run_sync(km.is_alive)():
        return km, _warm["kc"]
    _stop_warm_kernel()
    import multiprocessing.util

    from jupyter_client.manager import AsyncKernelManager

    km = AsyncKernelManager(kernel_name="python3")
    run_sync(km.start_kernel)(cwd=str(cwd))
    kc = km.client()
    kc.start_channels()
    _warm.update(km=km, kc=kc)
    try:
        run_sync(kc.wait_for_ready)(timeout=start_timeout)
    except BaseException:  # died or never answered: stop what was started
        _stop_warm_kernel()
        raise
    # stopped when the worker exits normally; after a kill, the kernel notices its
    # parent is gone and exits by itself
    multiprocessing.util.Finalize(None, _in_kernel_thread, args=(_stop_warm_kernel,),
                                  exitpriority=10)
    return km, kc


def run_in_warm_kernel(
    nb: NotebookNode,
    parameters: dict,
    *,
    tmp_dir: Path,
    cwd: Path,
    timeout: int = CELL_TIMEOUT,
) -> tuple[NotebookNode, ExecutionFailure | None]:
    """Execute ``nb`` with ``parameters`` with papermill, in this worker's kept kernel.

    As :func:`run_notebook` (papermill injects the parameters and runs the
    cells), but through papermill's engine ``pakfp-warm-kernel``, which hands
    papermill the worker's running kernel instead of starting one; a cell run
    first makes the kernel forget the previous notebook.
    """
    import nbformat

    nb = copy.deepcopy(nb)
    nb.cells.insert(0, nbformat.v4.new_code_cell(_FORGET, metadata={"tags": ["build-forget"]}))
    result, failure = _in_kernel_thread(_papermill, nb, parameters, tmp_dir=tmp_dir, cwd=cwd,
                                        timeout=timeout, engine="pakfp-warm-kernel")
    if failure is not None and failure.cell_index is None:
        _in_kernel_thread(_stop_warm_kernel)  # timed out or died: a new kernel next time
    result.cells = [c for c in result.cells if "build-forget" not in c.metadata.get("tags", [])]
    if failure is not None and failure.cell_index is not None:
        failure.cell_index -= 1
    return result, failure


@cache
def _warm_engine():
    """Return papermill's nbclient engine, changed to run in the worker's kept kernel.

    Made once per worker; :func:`_papermill` registers it under its name.
    """
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine

    class WarmKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, **kwargs):
            km, kc = _warm_kernel(Path.cwd(), start_timeout)
            client = PapermillNotebookClient(
                nb_man, km=km, timeout=execution_timeout, startup_timeout=start_timeout,
                kernel_name=kernel_name, log_output=log_output, stdout_file=stdout_file,
                stderr_file=stderr_file)
            client.kc = kc  # the kept client too: nothing to start, nothing left open
            return client.execute()

    return WarmKernelEngine
