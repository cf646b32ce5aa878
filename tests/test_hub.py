"""A class on a real JupyterHub with nbgitpuller links (``-m hub``).

The hub runs on 127.0.0.1 (see ``tests/hubkit.py``): JupyterHub from PyPI, the
pinned configurable-http-proxy from npm, the DummyAuthenticator, the
SimpleLocalProcessSpawner with a home per student, and a local git repository of
the course as upstream. The links come from ``pakfp_course.hub.hub_link``, as a
lecturer would make them. A class of students logs in at once, follows its link
and executes a lesson; the lecturer pushes an update and the students' work
survives it; a student's server dies and the others carry on; bad links fail
with a message; one student works in a real browser; nothing is left running.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import nbformat
import pytest

from pakfp_course.hub import hub_link

from . import hubkit
from .conftest import chromium_or_skip

pytestmark = [pytest.mark.hub, pytest.mark.slow]

CLASS_SIZE = max(10, int(os.environ.get("PAKFP_HUB_CLASS", "10")))
LESSON = "00_start_here"  # the lesson the class executes (the first one students meet)
FOLDER = "pakfp_course"  # the upstream's folder name: what students find in their home
NOTEBOOK = f"{FOLDER}/notebooks/{LESSON}.ipynb"


def _hub_tools_or_skip() -> None:
    lacking = hubkit.missing_tools()
    if not lacking:
        return
    message = "a test hub needs " + ", ".join(lacking)
    if os.environ.get("PAKFP_COURSE_REQUIRE_HUB"):
        pytest.fail(message + " (PAKFP_COURSE_REQUIRE_HUB is set: the hub tests may not skip)")
    pytest.skip(message)


def _proxy_cache(config) -> Path:
    try:
        return Path(config.cache.mkdir("hub-proxy"))
    except AttributeError:  # -p no:cacheprovider
        return Path(hubkit.ROOT) / ".pytest_cache" / "d" / "hub-proxy"


@pytest.fixture(scope="module")
def proxy(request) -> Path:
    _hub_tools_or_skip()
    return hubkit.install_proxy(_proxy_cache(request.config))


@pytest.fixture(scope="module")
def course_repo(tmp_path_factory) -> hubkit.Upstream:
    """The course's repository as the lecturer keeps it: branch main, with model answers."""
    return hubkit.Upstream.create(tmp_path_factory.mktemp("upstream") / FOLDER)


@pytest.fixture(scope="module")
def upstream(course_repo) -> hubkit.Upstream:
    """What the links pull: the student branch (answers withheld), as the guide advises."""
    return course_repo.publish_students()


@pytest.fixture(scope="module")
def hub(tmp_path_factory, proxy, upstream):
    root = tmp_path_factory.mktemp("hub")
    # expose_app_in_browser lets the browser test ask JupyterLab what ran (test only)
    with hubkit.running_hub(root, proxy,
                            extra_args=("--LabApp.expose_app_in_browser=True",)) as running:
        yield running
    assert running.leftovers() == set(), "processes outlived the hub"


def _link(hub: hubkit.Hub, upstream: hubkit.Upstream, **kwargs) -> str:
    return hub_link(hub.url, repo=str(upstream.path), branch=upstream.branch, **kwargs)


def _attend(hub: hubkit.Hub, upstream: hubkit.Upstream, name: str) -> dict:
    """One student's first class: log in, follow the link, execute the lesson."""
    start = time.monotonic()
    student = hubkit.Student(hub, name)
    student.login()
    student.start_server()
    pull = student.follow(_link(hub, upstream, lesson=LESSON))
    run = student.execute(NOTEBOOK) if pull.phase == "finished" else None
    return {"student": student, "pull": pull, "run": run,
            "seconds": time.monotonic() - start}


@pytest.fixture(scope="module")
def classroom(hub, upstream) -> dict[str, dict]:
    names = [f"student{i:02d}" for i in range(1, CLASS_SIZE + 1)]
    results = hubkit.in_threads(lambda name: _attend(hub, upstream, name), names)
    return dict(zip(names, results, strict=True))


def _code_cells(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip())


def _files(home: Path) -> dict[str, bytes]:
    """Every file a student has in the course folder (git's own folder aside)."""
    folder = home / FOLDER
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(folder).parts
            and ".ipynb_checkpoints" not in p.parts}


def test_a_class_follows_its_links_and_every_lesson_runs(hub, upstream, classroom):
    failures = {n: r for n, r in classroom.items() if isinstance(r, Exception)}
    assert not failures, {n: repr(e) for n, e in failures.items()}
    published = hubkit._git(upstream.path, "show",
                            f"{upstream.branch}:notebooks/{LESSON}.ipynb").stdout
    expected = published.encode()
    code_cells = sum(1 for c in nbformat.reads(published, as_version=4).cells
                     if c.cell_type == "code" and c.source.strip())
    source = nbformat.reads(hubkit._git(upstream.path, "show", f"main:notebooks/{LESSON}.ipynb")
                            .stdout, as_version=4)
    answers = {c.source for c in source.cells if "solution" in c.metadata.get("tags", [])}
    assert answers and not answers & {c.source for c in nbformat.reads(
        published, as_version=4).cells}, "the links pull the answer-free notebooks"
    for name, result in classroom.items():
        assert result["pull"].phase == "finished", (name, result["pull"].events[-3:])
        lesson = hub.home(name) / NOTEBOOK
        assert lesson.read_bytes() == expected, f"{name} did not get the course"
        assert result["run"].errors == [], (name, result["run"].errors)
        assert result["run"].cells == code_cells
    seconds = sorted(r["seconds"] for r in classroom.values())
    print(f"{CLASS_SIZE} students, login to lesson executed: median "
          f"{seconds[len(seconds) // 2]:.1f} s, slowest {seconds[-1]:.1f} s")


def test_students_see_no_news_pop_up(classroom):
    student = next(iter(classroom.values()))["student"]
    settings = student.lab_setting("@jupyterlab/apputils-extension:notification")
    assert settings["fetchNews"] == "false" and settings["checkForUpdates"] is False


def _answer_cell(name: str) -> dict:
    return nbformat.v4.new_markdown_cell(f"My answer ({name}): aid followed the war.")


def test_an_update_arrives_and_every_students_work_survives(hub, course_repo, upstream,
                                                            classroom):
    names = [n for n, r in classroom.items() if not isinstance(r, Exception)]
    assert len(names) == CLASS_SIZE
    # The class works: an answer added to the lesson, a file of their own.
    for name in names:
        student = classroom[name]["student"]
        model = student.contents(NOTEBOOK)
        model["content"]["cells"].append(_answer_cell(name))
        student.save(NOTEBOOK, {"type": "notebook", "format": "json",
                                "content": model["content"]})
        student.save(f"{FOLDER}/my_notes.md", {"type": "file", "format": "text",
                                               "content": f"Notes of {name}\n"})
    # One student already has a file of the name the update will bring.
    clash = names[0]
    classroom[clash]["student"].save(
        f"{FOLDER}/notebooks/week2_announcement.md",
        {"type": "file", "format": "text", "content": f"My own week 2 plan ({clash})\n"})
    before = {name: _files(hub.home(name)) for name in names}

    # The lecturer corrects the lesson on main and publishes it again for students,
    # then adds an announcement to the students' branch.
    lesson_path = course_repo.path / "notebooks" / f"{LESSON}.ipynb"
    hubkit._git(course_repo.path, "checkout", "-q", course_repo.branch)
    nb = nbformat.read(lesson_path, as_version=4)
    nb.cells[0].source += "\n\n*Updated by the lecturer for week 2.*"
    course_repo.commit({f"notebooks/{LESSON}.ipynb": nbformat.writes(nb) + "\n"},
                       "Lesson 00: a correction for week 2")
    assert course_repo.publish_students().branch == upstream.branch
    upstream.commit({"notebooks/week2_announcement.md": "Week 2: read Khan (2024), part 3.\n"},
                    "Week 2: announcement")

    pulls = hubkit.in_threads(
        lambda name: classroom[name]["student"].follow(_link(hub, upstream, lesson=LESSON)),
        names)
    for name, pull in zip(names, pulls, strict=True):
        assert not isinstance(pull, Exception), (name, pull)
        assert pull.phase == "finished", (name, pull.events[-3:])
        after = _files(hub.home(name))
        assert after["notebooks/week2_announcement.md"].startswith(b"Week 2")
        lesson = nbformat.reads(after[f"notebooks/{LESSON}.ipynb"].decode(), as_version=4)
        assert "Updated by the lecturer" in lesson.cells[0].source
        assert lesson.cells[-1].source == _answer_cell(name).source, "the answer was lost"
        assert after["my_notes.md"] == f"Notes of {name}\n".encode()
        # Nothing is lost: every file the student had is still there, as it was (the
        # lesson merged above; a file in the way of a new upstream file renamed)
        lesson_rel = f"notebooks/{LESSON}.ipynb"
        lost = [f for f, data in before[name].items()
                if f != lesson_rel and data not in after.values()]
        changed = [f for f in before[name] if f in after and after[f] != before[name][f]
                   and f not in (lesson_rel, "notebooks/week2_announcement.md")]
        assert lost == [] and changed == [], (name, lost, changed)
    renamed = [f for f in _files(hub.home(clash))
               if f.startswith("notebooks/week2_announcement__")]
    assert len(renamed) == 1, "the student's own file was moved aside, not overwritten"


def test_a_dead_server_harms_no_one_else_and_its_student_keeps_their_work(hub, classroom):
    names = [n for n, r in classroom.items() if not isinstance(r, Exception)]
    victim, others = names[0], names[1:]
    student = classroom[victim]["student"]
    student.save(f"{FOLDER}/essay.md", {"type": "file", "format": "text",
                                        "content": "Draft: bandwagoning for profit.\n"})
    model = student.contents(NOTEBOOK)["content"]
    model["cells"].append(nbformat.v4.new_markdown_cell(f"Before the crash ({victim})."))
    student.save(NOTEBOOK, {"type": "notebook", "format": "json", "content": model})
    pid = hub.server_pid(victim)
    assert pid, "the hub records the server's process"
    os.killpg(os.getpgid(pid), signal.SIGKILL)

    # Everyone else carries on: their servers answer and run code.
    for name in others:
        r = classroom[name]["student"].http.get(
            f"{hub.url}/user/{name}/api/status", timeout=30)
        assert r.status_code == 200, name
    probe = classroom[others[0]]["student"]
    probe.save(f"{FOLDER}/probe.ipynb", {"type": "notebook", "format": "json", "content":
                                         nbformat.v4.new_notebook(cells=[
                                             nbformat.v4.new_code_cell("1 + 1")])})
    assert probe.execute(f"{FOLDER}/probe.ipynb").errors == []

    # The student is told what happened and starts again, and finds their work.
    down = student.http.get(f"{hub.url}/user/{victim}/lab", timeout=30)
    assert down.status_code == 503 and "server appears to be down" in down.text
    student.start_server()
    assert hub.server_pid(victim) not in (None, pid)
    assert student.contents(f"{FOLDER}/essay.md")["content"].startswith("Draft:")
    answer = student.contents(NOTEBOOK)["content"]["cells"][-1]["source"]
    assert answer == f"Before the crash ({victim})."
    probe_copy = f"{FOLDER}/probe_{victim}.ipynb"
    student.save(probe_copy, {"type": "notebook", "format": "json", "content":
                              nbformat.v4.new_notebook(cells=[
                                  nbformat.v4.new_code_cell("import pakfp_course")])})
    assert student.execute(probe_copy).errors == []


@pytest.mark.parametrize("fault", ["unknown repository", "unknown branch"])
def test_a_malformed_link_fails_fast_with_a_message(hub, upstream, classroom, fault):
    student = next(r for r in classroom.values() if not isinstance(r, Exception))["student"]
    if fault == "unknown repository":
        link = hub_link(hub.url, repo=str(upstream.path.parent / "no-such-course"))
    else:
        link = _link(hub, upstream.__class__(upstream.path, "no-such-branch"))
    start = time.monotonic()
    pull = student.follow(link, seconds=60)
    assert time.monotonic() - start < 60
    assert pull.phase == "error", pull.events[-3:]
    # nbgitpuller's own words, shown on the student's page: short and about the cause
    error = pull.events[-1].get("error", {})
    if fault == "unknown repository":
        assert error.get("code") in ("ls_remote", "clone"), pull.events[-1]
        assert pull.message in ("Remote content unavailable", "Clone error detected")
    else:
        assert error.get("code") == "branch_exist", pull.events[-1]
        assert pull.message == "Branch does not exist"


def test_one_student_in_a_real_browser(hub, upstream, tmp_path_factory):
    chromium_or_skip()
    from .browser import browser_context, shot
    from .test_browser_lab import (
        OPEN_JS,
        RUN_ALL_JS,
        _change_a_control,
        _explorer_view,
        _wait_for_change,
    )

    with browser_context(tmp_path_factory.mktemp("hub-profile")) as context:
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto(_link(hub, upstream, lesson=LESSON))
        page.fill("input[name=username]", "browser-student")
        page.fill("input[name=password]", hubkit.PASSWORD)
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_function(OPEN_JS, arg=f"{LESSON}.ipynb", timeout=180_000)
        assert f"/user/browser-student/lab/tree/{NOTEBOOK}" in page.url
        # no dialog, no news toast (the settings themselves: test_students_see_no_news_pop_up)
        assert page.locator(".jp-Dialog, .Toastify__toast").count() == 0, "a pop-up greets"
        result = page.evaluate(RUN_ALL_JS)
        shot(page, "hub-lesson-ran")
        assert result["ok"] and result["errors"] == [] and result["unexecuted"] == 0, result

        explorer = page.locator(".pakfp-explorer").first
        explorer.scroll_into_view_if_needed()
        explorer.locator("img").first.wait_for(state="visible")
        before = _explorer_view(explorer)
        _change_a_control(page, explorer)
        assert _wait_for_change(explorer, before) != before, "the explorer did not react"
        assert (hub.home("browser-student") / NOTEBOOK).is_file()

        # A link to a repository that does not exist: the page says so and offers a way on.
        page.goto(hub_link(hub.url, repo=str(upstream.path.parent / "no-such-course")))
        page.locator("#container-error").wait_for(state="visible", timeout=60_000)
        shot(page, "hub-bad-link")
        assert "error" in page.locator("#status-panel-title").inner_text().lower()
        assert page.get_by_role("button", name="Go to the Jupyter server without "
                                "synchronizing content").count() == 1


def test_nothing_outlives_a_hub_even_when_a_test_fails(tmp_path, proxy, upstream):
    marks = []
    with (pytest.raises(RuntimeError, match="a test failed here"),
          hubkit.running_hub(tmp_path / "hub", proxy) as hub):
            marks.append(hub)
            student = hubkit.Student(hub, "leaver")
            student.login()
            student.start_server()
            student.save("run.ipynb", {"type": "notebook", "format": "json", "content":
                                       nbformat.v4.new_notebook(cells=[
                                           nbformat.v4.new_code_cell("x = 1")])})
            assert student.execute("run.ipynb").errors == []
            assert hub.leftovers(), "the hub's processes carry its marker"
            raise RuntimeError("a test failed here")
    assert marks[0].leftovers() == set()
    assert marks[0].process.poll() is not None
