"""A real JupyterHub for a class, on 127.0.0.1: the harness of the ``-m hub`` tests.

What a department runs, shrunk to one machine: JupyterHub from PyPI behind the
``configurable-http-proxy`` from npm (pinned in ``tests/hub_proxy/``), the
DummyAuthenticator (one class password), the built-in SimpleLocalProcessSpawner
with a home folder per student under a temporary folder, and a local git
repository of the course as the upstream that nbgitpuller links pull from.

Students are scripted over HTTP as a browser would be: they log in with the
form, follow their nbgitpuller link (the landing page's API, ``/git-pull/api``),
start a kernel through the Jupyter server's REST API and execute a lesson over
the kernel WebSocket. Every process the hub starts carries a marker in its
environment; :meth:`Hub.stop` ends the hub by its process group and then every
process group that still carries the marker (single-user servers, kernels, the
proxy), so nothing outlives a test run, also when a test fails.

The benchmarks (``benchmarks/bench_hub.py``) use the same harness.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROXY_SPEC = Path(__file__).resolve().parent / "hub_proxy"
MARK = "PAKFP_HUB_RUN"
PASSWORD = "class-of-2026"


class HubUnavailable(RuntimeError):
    """What a hub needs (npm, JupyterHub, nbgitpuller) is not installed here."""


def missing_tools() -> list[str]:
    """Return what this machine lacks to run a test hub (empty when it has everything)."""
    import importlib.util

    lacking = [f"{mod} (pip install -e '.[test]')" for mod in ("jupyterhub", "nbgitpuller")
               if importlib.util.find_spec(mod) is None]
    if shutil.which("npm") is None:
        lacking.append("npm (apt-get install npm)")
    if shutil.which("git") is None:
        lacking.append("git (apt-get install git)")
    return lacking


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def install_proxy(cache: Path) -> Path:
    """Install the pinned configurable-http-proxy with ``npm ci`` (once per lock file)."""
    lock = (PROXY_SPEC / "package-lock.json").read_bytes()
    digest = hashlib.sha256(lock + (PROXY_SPEC / "package.json").read_bytes()).hexdigest()[:16]
    target = Path(cache) / digest
    binary = target / "node_modules" / ".bin" / "configurable-http-proxy"
    if binary.exists():
        return binary
    staging = Path(cache) / f"tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(PROXY_SPEC / name, staging / name)
    run = subprocess.run(
        [shutil.which("npm") or "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error",
         "--cache", str(Path(cache) / "npm-cache")],
        cwd=staging, capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        raise HubUnavailable(f"npm ci of configurable-http-proxy failed:\n{run.stderr[-2000:]}")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return binary


# --- the upstream: a git repository of the course -------------------------------------------

def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Lecturer", "GIT_AUTHOR_EMAIL": "lecturer@example.edu",
           "GIT_COMMITTER_NAME": "Lecturer", "GIT_COMMITTER_EMAIL": "lecturer@example.edu"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=check)


def course_files() -> list[Path]:
    """Return the course's files as the repository holds them (relative paths)."""
    if (ROOT / ".git").exists():
        listed = _git(ROOT, "ls-files", "-z").stdout.split("\0")
        return [Path(p) for p in listed if p and (ROOT / p).is_file()]
    return [p.relative_to(ROOT) for folder in ("notebooks", "course_data", "seeds")
            for p in (ROOT / folder).rglob("*") if p.is_file()] + [Path("README.md")]


@dataclass
class Upstream:
    """A git repository of the course that students' links point at (branch ``main``)."""

    path: Path
    branch: str = "main"

    @classmethod
    def create(cls, path: Path) -> Upstream:
        """Copy the course's files into a new repository at ``path`` and commit them."""
        path.mkdir(parents=True)
        for rel in course_files():
            (path / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, path / rel)
        _git(path, "init", "-q", "-b", "main")
        _git(path, "add", "-A")
        _git(path, "commit", "-q", "-m", "The course as published")
        return cls(path)

    def commit(self, files: dict[str, str], message: str) -> str:
        """Write ``files`` (relative path -> text) on this branch, commit; return the id."""
        _git(self.path, "checkout", "-q", self.branch)
        for rel, text in files.items():
            target = self.path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _git(self.path, "add", "-A")
        _git(self.path, "commit", "-q", "-m", message)
        return _git(self.path, "rev-parse", "HEAD").stdout.strip()

    def publish_students(self) -> Upstream:
        """Publish this branch's lessons, answers withheld, on the student branch.

        As a lecturer does with ``pakfp-course student-branch``: the student
        notebooks are made by the build's own transform and committed with
        :func:`pakfp_course.publish.student_branch`.
        """
        import tempfile

        import nbformat

        from pakfp_course.builder.transform import for_student_notebook
        from pakfp_course.publish import STUDENT_BRANCH, student_branch

        _git(self.path, "checkout", "-q", self.branch)
        with tempfile.TemporaryDirectory() as tmp:
            for lesson in sorted((self.path / "notebooks").glob("[0-9]*.ipynb")):
                nb = nbformat.read(lesson, as_version=4)
                nbformat.write(for_student_notebook(nb), Path(tmp) / lesson.name)
            student_branch(tmp, repo=self.path, source=self.branch)
        return Upstream(self.path, STUDENT_BRANCH)


# --- the hub ------------------------------------------------------------------------------

CONFIG = """\
# A class hub on 127.0.0.1, written by tests/hubkit.py.
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{root}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{root}/cookie_secret"
# The harness stops the students' servers itself, all at once (Hub.stop); the hub
# would stop them one after another on shutdown.
c.JupyterHub.cleanup_servers = False
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = "{root}/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{root}/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.services = [{{"name": "class-admin", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "class-admin",
    "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens"],
    "services": ["class-admin"],
}}]
"""


def _marked_groups(mark: str) -> set[int]:
    """Return the process groups of every process whose environment carries ``mark``."""
    needle = f"{MARK}={mark}".encode()
    groups = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                groups.add(os.getpgid(int(entry.name)))
        except (OSError, ProcessLookupError):
            continue
    groups.discard(os.getpgid(0))
    return groups


def _stop_groups(groups: set[int], grace: float = 10) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for group in groups:
            with suppress(ProcessLookupError, PermissionError):
                os.killpg(group, sig)
        deadline = time.monotonic() + (grace if sig == signal.SIGTERM else 5)
        while time.monotonic() < deadline:
            alive = [g for g in groups if _group_alive(g)]
            if not alive:
                return
            time.sleep(0.2)


def _group_alive(group: int) -> bool:
    """Return whether any process of ``group`` still runs (zombies awaiting reaping do not)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            return True
    return False


@dataclass
class Hub:
    """A running JupyterHub: its address, folders, admin token and process."""

    url: str
    root: Path
    token: str
    mark: str
    process: subprocess.Popen
    log: Path

    def api(self, method: str, path: str, **kwargs):
        """Call the hub's REST API as the class's admin service; return the response."""
        import requests

        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers,
                                timeout=60, **kwargs)

    def home(self, user: str) -> Path:
        """Return a student's home folder."""
        return self.root / "home" / user

    def server_pid(self, user: str) -> int | None:
        """Return the process id of a student's single-user server (None if stopped)."""
        model = self.api("GET", f"/users/{user}").json()
        server = model.get("servers", {}).get("", {})
        return (server.get("state") or {}).get("pid")

    def stop(self) -> None:
        """Stop the hub by its process group, then every process it left behind."""
        _stop_groups({self.process.pid}, grace=15)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)  # reap the hub
        _stop_groups(_marked_groups(self.mark))

    def leftovers(self) -> set[int]:
        """Return process groups still carrying this hub's marker (empty after stop)."""
        return _marked_groups(self.mark)


@contextmanager
def running_hub(root: Path, proxy: Path, *, extra_args: tuple[str, ...] = ()) -> Iterator[Hub]:
    """Start a class hub under ``root`` on 127.0.0.1; stop everything it started at the end."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "home").mkdir(exist_ok=True)
    mark = uuid.uuid4().hex
    token = secrets.token_hex(24)
    port = free_port()
    singleuser = str(Path(sys.executable).parent / "jupyterhub-singleuser")
    args = ["--ServerApp.ip=127.0.0.1", *extra_args]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # the single-user server refuses root without it
    environment = {MARK: mark, "NBGITPULLER_APP": "lab", "MPLBACKEND": "Agg"}
    config = CONFIG.format(
        port=port, hub_port=free_port(), proxy_api_port=free_port(), root=root,
        proxy=str(proxy), password=PASSWORD, singleuser=singleuser, args=args,
        environment=environment, token=token)
    (root / "jupyterhub_config.py").write_text(config, encoding="utf-8")
    log = root / "jupyterhub.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env[MARK] = mark
    env["PATH"] = f"{Path(proxy).parent}{os.pathsep}{Path(sys.executable).parent}" \
                  f"{os.pathsep}{env.get('PATH', '')}"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(root / "jupyterhub_config.py")],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{port}", root, token, mark, proc, log)
    try:
        _wait_for(lambda: hub.api("GET", "/").status_code == 200, 90,
                  lambda: proc.poll() is not None, "JupyterHub did not start", log)
        yield hub
    finally:
        hub.stop()


def _wait_for(ready, seconds: float, dead, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if ready():
                return
        except OSError:
            pass
        except Exception as exc:  # requests' ConnectionError is an OSError; others too
            if "Connection" not in type(exc).__name__:
                raise
        if dead() or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-4000:] if log and log.exists() else ""
            raise RuntimeError(f"{what}\n{tail}")
        time.sleep(0.3)


# --- a student -----------------------------------------------------------------------------

@dataclass
class Run:
    """What executing a notebook over the kernel WebSocket gave."""

    cells: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class PullResult:
    """The events of one nbgitpuller pull and how it ended."""

    phase: str
    message: str
    events: list[dict]
    seconds: float


class Student:
    """One student, scripted over HTTP with a cookie session, as a browser would be."""

    def __init__(self, hub: Hub, name: str, password: str = PASSWORD) -> None:
        import requests

        self.hub = hub
        self.name = name
        self.password = password
        self.http = requests.Session()
        self.base = f"{hub.url}/user/{name}"

    # the hub
    def login(self) -> None:
        """Log in with the hub's form."""
        self.http.get(f"{self.hub.url}/hub/login", timeout=60)
        xsrf = self.http.cookies.get("_xsrf", path="/hub/") or self.http.cookies.get("_xsrf")
        r = self.http.post(f"{self.hub.url}/hub/login", timeout=120, allow_redirects=False,
                           data={"username": self.name, "password": self.password,
                                 "_xsrf": xsrf or ""})
        if r.status_code not in (200, 302) or "jupyterhub-session-id" not in \
                self.http.cookies:
            raise RuntimeError(f"{self.name} could not log in: HTTP {r.status_code}")

    def start_server(self, seconds: float = 180) -> None:
        """Start the student's server as the hub's pages do, and wait until it is ready.

        The home page comes first: visiting it makes the hub check the server it
        remembers, so a server that died is noticed and started afresh.
        """
        self.http.get(f"{self.hub.url}/hub/home", timeout=60)
        self.http.get(f"{self.hub.url}/hub/spawn/{self.name}", timeout=seconds,
                      allow_redirects=False)

        def ready() -> bool:
            model = self.http.get(f"{self.hub.url}/hub/api/users/{self.name}",
                                  headers=self._hub_xsrf(), timeout=30).json()
            return bool(model.get("servers", {}).get("", {}).get("ready"))

        _wait_for(ready, seconds, lambda: False, f"{self.name}'s server did not start",
                  self.hub.log)
        # The first page visit completes the OAuth hand-over: the server's own cookie.
        r = self.http.get(f"{self.base}/lab", timeout=120)
        r.raise_for_status()

    def _hub_xsrf(self) -> dict:
        token = self.http.cookies.get("_xsrf", path="/hub/")
        return {"X-XSRFToken": token} if token else {}

    def follow(self, link: str, seconds: float = 120) -> PullResult:
        """Follow an nbgitpuller link: land on its page, then pull as the page's script does."""
        landing = self.http.get(link, timeout=120)
        landing.raise_for_status()
        final = urllib.parse.urlsplit(landing.url)
        if not final.path.endswith("/git-pull"):
            raise RuntimeError(f"{self.name} did not land on nbgitpuller: {landing.url}")
        query = dict(urllib.parse.parse_qsl(final.query))
        keep = {k: v for k, v in query.items() if k in ("repo", "branch", "targetpath",
                                                        "depth")}
        return self.pull(keep, seconds)

    def pull(self, params: dict[str, str], seconds: float = 120) -> PullResult:
        """Call ``/git-pull/api`` (an event stream) and read it to its end."""
        start = time.monotonic()
        events: list[dict] = []
        url = f"{self.base}/git-pull/api?{urllib.parse.urlencode(params)}"
        with self.http.get(url, stream=True, timeout=seconds) as r:
            r.raise_for_status()
            for line in r.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                events.append(event)
                if event.get("phase") in ("finished", "error"):
                    break
                if time.monotonic() - start > seconds:
                    break
        last = events[-1] if events else {"phase": "none"}
        return PullResult(last.get("phase", "none"), last.get("message", ""), events,
                          time.monotonic() - start)

    # the student's server
    def _server_headers(self) -> dict:
        token = None
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and cookie.path.startswith(f"/user/{self.name}"):
                token = cookie.value
        return {"X-XSRFToken": token} if token else {}

    def contents(self, path: str) -> dict:
        """Return a file's model from the Jupyter server's contents API."""
        r = self.http.get(f"{self.base}/api/contents/{urllib.parse.quote(path)}",
                          params={"content": 1}, timeout=60)
        r.raise_for_status()
        return r.json()

    def save(self, path: str, model: dict) -> None:
        """Save a file through the contents API (as JupyterLab's save does)."""
        r = self.http.put(f"{self.base}/api/contents/{urllib.parse.quote(path)}",
                          json=model, headers=self._server_headers(), timeout=60)
        r.raise_for_status()

    def lab_setting(self, plugin: str) -> dict:
        """Return a JupyterLab plugin's effective settings: defaults (with the deployment's
        overrides, which JupyterLab applies to the schema) updated by the user's own."""
        r = self.http.get(f"{self.base}/lab/api/settings/{plugin}", timeout=60)
        r.raise_for_status()
        model = r.json()
        props = model.get("schema", {}).get("properties", {})
        return {**{k: v.get("default") for k, v in props.items()}, **model.get("settings", {})}

    def execute(self, path: str, cell_timeout: float = 120) -> Run:
        """Start a kernel for ``path`` and execute its code cells over the WebSocket."""
        import websocket

        start = time.monotonic()
        nb = self.contents(path)["content"]
        r = self.http.post(f"{self.base}/api/sessions", headers=self._server_headers(),
                           json={"path": path, "type": "notebook", "name": Path(path).name,
                                 "kernel": {"name": "python3"}}, timeout=120)
        r.raise_for_status()
        session = r.json()
        kernel = session["kernel"]["id"]
        ws_url = self.base.replace("http://", "ws://", 1) + \
            f"/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}"
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        ws = websocket.create_connection(ws_url, header={"Cookie": cookie, **{
            k: v for k, v in self._server_headers().items()}}, timeout=cell_timeout)
        run = Run()
        try:
            for index, cell in enumerate(nb["cells"]):
                if cell["cell_type"] != "code" or not cell["source"].strip():
                    continue
                run.cells += 1
                error = _execute_cell(ws, cell["source"], cell_timeout)
                if error:
                    run.errors.append(f"cell {index}: {error}")
        finally:
            ws.close()
            self.http.delete(f"{self.base}/api/sessions/{session['id']}",
                             headers=self._server_headers(), timeout=60)
        run.seconds = time.monotonic() - start
        return run


def _decode(frame: str | bytes) -> dict:
    """Decode a kernel WebSocket frame: JSON text, or binary with buffers (widget messages)."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i:8 + 4 * i], "big") for i in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


def _execute_cell(ws, source: str, timeout: float) -> str | None:
    """Send one execute_request and read until the kernel is idle; return an error or None."""
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "student",
                   "session": msg_id, "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": source, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    }))
    error = None
    replied = idle = False
    deadline = time.monotonic() + timeout
    while not (replied and idle):
        if time.monotonic() > deadline:
            return f"timed out after {timeout:.0f} s"
        msg = _decode(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "error":
            error = f"{msg['content']['ename']}: {msg['content']['evalue']}"
        elif kind == "execute_reply":
            replied = True
            if msg["content"].get("status") == "error" and error is None:
                error = msg["content"].get("ename", "error")
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
    return error


def in_threads(work, items) -> list:
    """Run ``work(item)`` for every item at once, one thread each; return results in order.

    An exception becomes the item's result, so one student's failure is reported
    beside the others instead of hiding them.
    """
    results: list = [None] * len(items)

    def one(i, item):
        try:
            results[i] = work(item)
        except Exception as exc:  # reported per student by the caller
            results[i] = exc

    threads = [threading.Thread(target=one, args=(i, item)) for i, item in enumerate(items)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
