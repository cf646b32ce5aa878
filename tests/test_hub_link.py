"""nbgitpuller and Binder links: every part parsed back, every bad input named.

Expected values come from the rules (nbgitpuller's ``git-pull`` query, its
``urlpath``, Binder's ``/v2/gh`` and ``/v2/git`` forms), never from the
function's own output.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from pakfp_course import cli, hub
from pakfp_course.errors import UnknownChoiceError
from pakfp_course.resources import checkout_root, course_path

NOTEBOOKS = sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))
REPO = "https://github.com/example-org/pakfp_course.git"
HUB = "https://hub.example.edu"


def parts(link: str) -> tuple[str, dict[str, str]]:
    """Return the link's address without its query, and each query value (one each)."""
    split = urlsplit(link)
    query = parse_qs(split.query, strict_parsing=True, keep_blank_values=True)
    assert all(len(v) == 1 for v in query.values()), query
    return f"{split.scheme}://{split.netloc}{split.path}", {k: v[0] for k, v in query.items()}


def test_lesson_ids_are_the_notebooks_in_course_order():
    assert NOTEBOOKS and hub.lesson_ids() == NOTEBOOKS
    assert NOTEBOOKS[0].startswith("00_")


@pytest.mark.parametrize(("given", "prefix"), [
    ("https://hub.example.edu", "https://hub.example.edu"),
    ("https://hub.example.edu/", "https://hub.example.edu"),
    ("https://hub.example.edu/hub/", "https://hub.example.edu"),
    ("https://hub.example.edu/hub", "https://hub.example.edu"),
    ("https://x.edu/jupyter", "https://x.edu/jupyter"),
    ("https://x.edu/jupyter/hub/", "https://x.edu/jupyter"),
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
])
def test_hub_link_round_trips(given, prefix):
    link = hub.hub_link(given, repo=REPO, branch="main", lesson="02_three_phases")
    address, query = parts(link)
    assert address == f"{prefix}/hub/user-redirect/git-pull"
    assert list(query) == ["repo", "branch", "targetpath", "urlpath"]
    assert query["repo"] == REPO and query["branch"] == "main"
    assert query["targetpath"] == "pakfp_course"  # no ".git"
    assert query["urlpath"] == "lab/tree/pakfp_course/notebooks/02_three_phases.ipynb"
    raw = urlsplit(link).query
    assert "/" not in raw and " " not in raw and ":" not in raw  # fully percent-encoded


def test_notebook_app_and_no_lesson_open_the_paths_nbgitpuller_builds():
    def urlpath(**kw) -> str:
        return parts(hub.hub_link(HUB, repo=REPO, **kw))[1]["urlpath"]

    assert urlpath(lesson="05", app="notebook") == "notebooks/pakfp_course/notebooks/05_rsct.ipynb"
    assert urlpath(app="notebook") == "tree/pakfp_course/notebooks"
    assert urlpath() == "lab/tree/pakfp_course/notebooks"
    assert urlpath(lesson="05") == "lab/tree/pakfp_course/notebooks/05_rsct.ipynb"


def test_default_repo_and_branch_are_the_packages_source_url():
    root = checkout_root()
    tomllib = pytest.importorskip("tomllib")
    if root is None or not (root / "pyproject.toml").is_file():
        pytest.skip("needs the checkout's pyproject.toml")
    source = tomllib.loads((root / "pyproject.toml").read_text())["project"]["urls"]["Source"]
    assert hub.course_repo() == source
    _, query = parts(hub.hub_link(HUB))
    assert query["repo"] == source and query["branch"] == "main"
    assert query["targetpath"] == source.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_every_lesson_in_every_form(stem):
    links = {hub.hub_link(HUB, repo=REPO, lesson=form)
             for form in (stem, stem[:2], f"{stem}.ipynb")}
    assert len(links) == 1
    assert parts(links.pop())[1]["urlpath"].endswith(f"/notebooks/{stem}.ipynb")


@pytest.mark.parametrize("lesson", ["2", "99", "three_phases", "", "02_three_phases.py"])
def test_unknown_lesson_lists_the_valid_choices(lesson):
    with pytest.raises(UnknownChoiceError) as info:
        hub.hub_link(HUB, repo=REPO, lesson=lesson)
    assert info.value.choices == NOTEBOOKS
    assert all(stem in str(info.value) for stem in NOTEBOOKS)


@pytest.mark.parametrize("bad", ["hub.example.edu", "ftp://x", "https://", "https://x?y=1",
                                 "https://x/#top", "https://x y.edu", "", "//hub.example.edu"])
def test_bad_hub_is_rejected_with_the_value_named(bad):
    with pytest.raises(ValueError) as info:
        hub.hub_link(bad, repo=REPO)
    message = str(info.value)
    assert repr(bad) in message and "https://hub.example.edu" in message


def test_bad_app_lists_the_apps():
    with pytest.raises(UnknownChoiceError) as info:
        hub.hub_link(HUB, repo=REPO, app="jupyterlab")
    assert "'lab'" in str(info.value) and "'notebook'" in str(info.value)


@pytest.mark.parametrize("bad", ["", "a b", "main..x", "-rf", " main"])
def test_bad_branch_is_named(bad):
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        hub.hub_link(HUB, repo=REPO, branch=bad)


def test_a_branch_with_a_slash_is_encoded():
    link = hub.hub_link(HUB, repo=REPO, branch="term/2025-spring")
    assert parts(link)[1]["branch"] == "term/2025-spring"
    assert "/" not in urlsplit(link).query


@pytest.mark.parametrize(("repo", "folder"), [
    ("https://github.com/org/course.git", "course"),
    ("https://github.com/org/course", "course"),
    ("https://gitlab.example.edu/group/sub/course/", "course"),
    ("git@github.com:org/course.git", "course"),
    ("ssh://git@host.example/srv/course.git", "course"),
    ("git://host.example/course.git", "course"),
    ("file:///srv/git/course.git", "course"),
    ("/srv/git/course.git", "course"),
    ("/srv/git/course/.git", "course"),
])
def test_repo_folder(repo, folder):
    assert hub.repo_folder(repo) == folder
    assert parts(hub.hub_link(HUB, repo=repo))[1]["targetpath"] == folder


def test_a_local_upstream_folder_works(tmp_path):
    upstream = tmp_path / "course upstream"
    upstream.mkdir()
    link = hub.hub_link(HUB, repo=str(upstream), lesson="00")
    _, query = parts(link)
    assert query["repo"] == str(upstream)
    assert query["targetpath"] == "course upstream"
    assert query["urlpath"] == f"lab/tree/course upstream/notebooks/{NOTEBOOKS[0]}.ipynb"
    assert " " not in link and "%20" in link


@pytest.mark.parametrize("bad", ["", "course", "relative/path/course", "https://", "https://h/",
                                 "git://h/a b", " https://github.com/org/course"])
def test_bad_repo_is_named(bad):
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        hub.hub_link(HUB, repo=bad)


def _table_rows(md: str) -> list[list[str]]:
    lines = md.strip().splitlines()
    assert lines[0] == "| Lesson | Title | Link |"
    assert re.fullmatch(r"\|(\s*-{3,}\s*\|){3}", lines[1])
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines[2:]]


def test_links_table_markdown_has_one_row_per_lesson():
    rows = _table_rows(hub.links_table(hub.hub_links(HUB, repo=REPO)))
    assert [r[0] for r in rows] == NOTEBOOKS
    for lesson, title, cell in rows:
        assert title
        url = re.fullmatch(r"\[open in JupyterHub\]\((\S+)\)", cell).group(1)
        _, query = parts(url)
        assert query["urlpath"] == f"lab/tree/pakfp_course/notebooks/{lesson}.ipynb"


def test_links_table_csv_parses_and_round_trips():
    text = hub.links_table(hub.hub_links(HUB, repo=REPO, branch="dev", app="notebook"), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == "lesson,title,url"
    assert [r["lesson"] for r in rows] == NOTEBOOKS
    for row in rows:
        address, query = parts(row["url"])
        assert address == f"{HUB}/hub/user-redirect/git-pull" and row["title"]
        assert query["branch"] == "dev" and query["repo"] == REPO
        assert query["urlpath"] == f"notebooks/pakfp_course/notebooks/{row['lesson']}.ipynb"


def test_links_table_escapes_a_pipe_in_a_title_and_rejects_other_formats():
    link = hub.HubLink("00_start_here", "Either | or", "https://h.example/x")
    assert len(_table_rows(hub.links_table([link]))[0]) == 3
    with pytest.raises(UnknownChoiceError, match="'csv'"):
        hub.links_table([link], "html")


@pytest.mark.parametrize("repo", ["https://github.com/example-org/pakfp_course.git",
                                  "git@github.com:example-org/pakfp_course.git"])
def test_binder_link_for_github(repo):
    link = hub.binder_link(repo, branch="main", lesson="03")
    split = urlsplit(link)
    assert (split.scheme, split.netloc) == ("https", "mybinder.org")
    assert split.path == "/v2/gh/example-org/pakfp_course/main"
    assert parse_qs(split.query) == {"urlpath": [f"lab/tree/notebooks/{NOTEBOOKS[3]}.ipynb"]}


def test_binder_link_for_another_git_host():
    repo = "https://gitlab.example.edu/teaching/pakfp_course.git"
    split = urlsplit(hub.binder_link(repo, branch="term/2025"))
    segments = split.path.split("/")
    assert (split.netloc, segments[:3]) == ("mybinder.org", ["", "v2", "git"])
    assert unquote(segments[3]) == repo
    assert "/".join(segments[4:]) == "term/2025" and split.query == ""


def test_binder_cannot_use_a_local_repository(tmp_path):
    with pytest.raises(ValueError, match="Binder"):
        hub.binder_link(str(tmp_path))


# -- the command line ---------------------------------------------------------------------


def test_cli_prints_one_link(capsys):
    rc = cli.main(["hub-link", "--hub", "https://hub.example.edu/hub/", "--repo", REPO,
                   "--lesson", "04", "--app", "notebook", "--branch", "dev"])
    out = capsys.readouterr().out
    assert rc == 0 and len(out.splitlines()) == 1
    address, query = parts(out.strip())
    assert address == f"{HUB}/hub/user-redirect/git-pull"
    assert query["branch"] == "dev"
    assert query["urlpath"] == f"notebooks/pakfp_course/notebooks/{NOTEBOOKS[4]}.ipynb"


def test_cli_all_csv_and_markdown(capsys):
    assert cli.main(["hub-link", "--hub", HUB, "--repo", REPO, "--all", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["lesson"] for r in rows] == NOTEBOOKS
    assert all(parts(r["url"])[1]["repo"] == REPO for r in rows)
    assert cli.main(["hub-link", "--hub", HUB, "--all"]) == 0
    assert [r[0] for r in _table_rows(capsys.readouterr().out)] == NOTEBOOKS


@pytest.mark.parametrize(("args", "named"), [
    (["--lesson", "9"], NOTEBOOKS),
    (["--lesson", "02", "--app", "retro"], ["'lab'", "'notebook'"]),
    (["--all", "tsv"], ["'md'", "'csv'"]),
    (["--branch", "a b"], ["'a b'"]),
])
def test_cli_bad_choice_exits_2_naming_the_choices(capsys, args, named):
    assert cli.main(["hub-link", "--hub", HUB, *args]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert all(name in err for name in named), err


def test_cli_bad_hub_exits_2_naming_it(capsys):
    assert cli.main(["hub-link", "--hub", "hub.example.edu", "--lesson", "02"]) == 2
    err = capsys.readouterr().err
    assert "'hub.example.edu'" in err and "https://hub.example.edu" in err


def test_cli_all_with_lesson_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["hub-link", "--hub", HUB, "--all", "--lesson", "02"])
    assert info.value.code == 2
    assert "--lesson" in capsys.readouterr().err


def test_cli_help_describes_every_option(capsys):
    with pytest.raises(SystemExit):
        cli.main(["hub-link", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for option, words in [("--hub URL", "hub's address"), ("--repo URL", "git repository"),
                          ("--branch BRANCH", f"default: {hub.DEFAULT_BRANCH}"),
                          ("--lesson ID", "lesson to open"), ("--app APP", "JupyterLab"),
                          ("--all [md|csv]", "CSV table")]:
        assert option in out and words in out, option


def test_importing_hub_loads_no_widgets():
    code = "import sys, pakfp_course.hub; print('ipywidgets' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert run.stdout.strip() == "False"
