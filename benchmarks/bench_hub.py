"""Benchmark: a class on a real JupyterHub on this machine, N students at once.

Run on demand (not part of the test suite)::

    python benchmarks/bench_hub.py [--sizes 5 10 20] [--lesson 00_start_here]
                                   [--json benchmarks/hub_results.json]

For each class size N a fresh hub starts (``tests/hubkit.py``: JupyterHub, the
pinned configurable-http-proxy, DummyAuthenticator, SimpleLocalProcessSpawner,
a local git upstream). N students then log in at the same moment, each in a
thread of this process, as in the ``-m hub`` tests: log in with the form, start
their server, follow their nbgitpuller link (``/git-pull/api``), start a kernel
and execute the lesson over the kernel WebSocket. Measured per student:

- seconds from login to lesson executed (and its parts: server ready, pull,
  execution);
- peak resident memory of the student's processes (single-user server + kernel,
  the processes whose environment names the student), sampled every 0.25 s;
- CPU seconds those processes used.

For the hub: peak resident memory of JupyterHub + configurable-http-proxy.
"Serves N" means every student's lesson was executed within 60 s of logging in.
Results go to ``--json`` (``benchmarks/hub_results.json`` by default; the tests
of ``deploy/z2jh/config.yaml`` read its memory peak).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pakfp_course.hub import hub_link  # noqa: E402
from tests import hubkit  # noqa: E402

MIB = 2**20
WITHIN = 60.0  # seconds from login to "lesson executed" that count as served


def _environ(proc: psutil.Process) -> dict[str, str]:
    try:
        return proc.environ()
    except (psutil.Error, OSError):
        return {}


class Sampler(threading.Thread):
    """Sample the resident memory of the hub's and each student's processes."""

    def __init__(self, mark: str, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.mark, self.interval = mark, interval
        self.student_peak: dict[str, float] = {}
        self.student_cpu: dict[str, float] = {}
        self.hub_peak = 0.0
        self.stopped = threading.Event()

    def run(self) -> None:
        """Sample until :attr:`stopped` is set."""
        while not self.stopped.is_set():
            per_student: dict[str, float] = {}
            hub = 0.0
            for proc in psutil.process_iter(["pid"]):
                env = _environ(proc)
                if env.get(hubkit.MARK) != self.mark:
                    continue
                try:
                    rss = proc.memory_info().rss / MIB
                    cpu = proc.cpu_times()
                except psutil.Error:
                    continue
                user = env.get("JUPYTERHUB_USER")
                if user:
                    per_student[user] = per_student.get(user, 0.0) + rss
                    key = f"{user}:{proc.pid}"
                    self.student_cpu[key] = cpu.user + cpu.system
                else:
                    hub += rss
            for user, rss in per_student.items():
                self.student_peak[user] = max(self.student_peak.get(user, 0.0), rss)
            self.hub_peak = max(self.hub_peak, hub)
            time.sleep(self.interval)

    def cpu_by_student(self) -> dict[str, float]:
        """Return the CPU seconds of each student's processes (last sample of each)."""
        total: dict[str, float] = {}
        for key, seconds in self.student_cpu.items():
            user = key.split(":", 1)[0]
            total[user] = total.get(user, 0.0) + seconds
        return total


def _attend(hub: hubkit.Hub, link: str, notebook: str, name: str) -> dict:
    t0 = time.monotonic()
    student = hubkit.Student(hub, name)
    student.login()
    student.start_server()
    t_server = time.monotonic()
    pull = student.follow(link)
    t_pull = time.monotonic()
    if pull.phase != "finished":
        raise RuntimeError(f"{name}: pull ended with {pull.phase}: {pull.message}")
    run = student.execute(notebook)
    if run.errors:
        raise RuntimeError(f"{name}: {run.errors[:2]}")
    t_end = time.monotonic()
    return {"total": t_end - t0, "server": t_server - t0, "pull": t_pull - t_server,
            "execute": t_end - t_pull}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_class(n: int, lesson: str, proxy: Path, work: Path) -> dict:
    """Run one class of ``n`` students on a fresh hub; return its measurements."""
    upstream = hubkit.Upstream.create(work / f"upstream-{n}" / "pakfp_course")
    with hubkit.running_hub(work / f"hub-{n}", proxy) as hub:
        link = hub_link(hub.url, repo=str(upstream.path), lesson=lesson)
        notebook = f"pakfp_course/notebooks/{lesson}.ipynb"
        sampler = Sampler(hub.mark)
        sampler.start()
        names = [f"s{n:03d}-{i:03d}" for i in range(n)]
        start = time.monotonic()
        results = hubkit.in_threads(lambda name: _attend(hub, link, notebook, name), names)
        wall = time.monotonic() - start
        time.sleep(0.5)
        sampler.stopped.set()
        sampler.join()
    failed = [repr(r) for r in results if isinstance(r, Exception)]
    ok = [r for r in results if not isinstance(r, Exception)]
    totals = [r["total"] for r in ok]
    peaks = list(sampler.student_peak.values())
    cpu = list(sampler.cpu_by_student().values())
    return {
        "students": n,
        "failed": failed,
        "wall_s": round(wall, 1),
        "login_to_executed_s": {"median": round(statistics.median(totals), 1),
                                "p90": round(_pct(totals, 0.9), 1),
                                "max": round(max(totals), 1)} if totals else None,
        "parts_median_s": {part: round(statistics.median(r[part] for r in ok), 1)
                           for part in ("server", "pull", "execute")} if ok else None,
        "student_peak_mib": {"median": round(statistics.median(peaks), 1),
                             "max": round(max(peaks), 1)} if peaks else None,
        "student_cpu_s": {"median": round(statistics.median(cpu), 1),
                          "max": round(max(cpu), 1)} if cpu else None,
        "hub_peak_mib": round(sampler.hub_peak, 1),
        "served_within_60s": not failed and bool(totals) and max(totals) <= WITHIN,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print a table and write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--lesson", default="00_start_here")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "hub_results.json"))
    args = parser.parse_args(argv)
    lacking = hubkit.missing_tools()
    if lacking:
        print("cannot run a hub here: needs " + ", ".join(lacking), file=sys.stderr)
        return 2
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp:
        work = Path(tmp)
        proxy = hubkit.install_proxy(ROOT / ".pytest_cache" / "d" / "hub-proxy")
        for n in args.sizes:
            result = run_class(n, args.lesson, proxy, work)
            runs.append(result)
            t = result["login_to_executed_s"] or {}
            print(f"N={n:3d}  login->executed median {t.get('median')} s, p90 {t.get('p90')}"
                  f" s, max {t.get('max')} s | per student peak "
                  f"{(result['student_peak_mib'] or {}).get('max')} MiB, CPU "
                  f"{(result['student_cpu_s'] or {}).get('median')} s | hub "
                  f"{result['hub_peak_mib']} MiB | served: {result['served_within_60s']}"
                  + (f" | {len(result['failed'])} FAILED" if result["failed"] else ""),
                  flush=True)
    served = [r["students"] for r in runs if r["served_within_60s"]]
    report = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": {"cpus": os.cpu_count(), "memory_gib": round(
            psutil.virtual_memory().total / 2**30, 1), "python": platform.python_version(),
            "platform": platform.platform()},
        "lesson": args.lesson,
        "within_s": WITHIN,
        "largest_served": max(served) if served else 0,
        "runs": runs,
    }
    Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    print(f"largest class served within {WITHIN:.0f} s: {report['largest_served']}"
          f" (of sizes {args.sizes}); results in {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
