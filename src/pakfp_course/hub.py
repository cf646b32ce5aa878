"""Links that open the course on a JupyterHub (nbgitpuller) or on Binder.

A student who clicks an nbgitpuller link logs in to the hub, the hub pulls the
course's git repository into their home folder (later pulls merge upstream
changes without overwriting the student's edits) and JupyterLab opens on the
chosen lesson. :func:`hub_link` makes one such link, :func:`hub_links` one per
lesson and :func:`links_table` a Markdown or CSV table of them for a course
page. :func:`binder_link` opens the course on mybinder.org, with no account.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from .errors import HubLinkError, UnknownChoiceError
from .resources import DISTRIBUTION, course_path

__all__ = ["APPS", "DEFAULT_BRANCH", "TABLE_FORMATS", "HubLink", "binder_link", "course_repo",
           "hub_link", "hub_links", "lesson_ids", "links_table", "repo_folder"]

DEFAULT_BRANCH = "main"  #: the branch a link pulls unless told otherwise
APPS = ("lab", "notebook")  #: JupyterLab, or Notebook 7 (classic)
TABLE_FORMATS = ("md", "csv")  #: the formats of links_table

_FALLBACK_REPO = "https://example.invalid/pakfp_course"
_REPO_EXAMPLE = ("an http(s)://, git://, ssh:// or file:// URL, git@host:path, "
                 "or an absolute local path")
_NETWORK_SCHEMES = ("http", "https", "git", "ssh")
_SCP_LIKE = re.compile(r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+$")


@dataclass(frozen=True)
class HubLink:
    """One lesson's link: the lesson id, its title and the nbgitpuller URL."""

    lesson: str
    title: str
    url: str


def course_repo() -> str:
    """Return the course's git URL: ``[project.urls] Source`` of the installed package."""
    try:
        urls = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "source" and url.strip():
            return url.strip()
    return _FALLBACK_REPO


def _check_repo(repo: str) -> str:
    """Return ``repo`` if git can clone from that address, else raise naming it."""
    ok = isinstance(repo, str) and bool(repo) and repo == repo.strip()
    if ok and not _SCP_LIKE.match(repo):
        parts = urlsplit(repo)
        ok = ((parts.scheme in _NETWORK_SCHEMES and bool(parts.netloc)
               and not re.search(r"\s", repo))
              or (parts.scheme == "file" and parts.path.startswith("/"))
              or Path(repo).is_absolute())
    if not ok:
        raise HubLinkError(f"bad repository {repo!r}: expected {_REPO_EXAMPLE}")
    return repo


def _host_and_path(repo: str) -> tuple[str, str]:
    """Return a repository address's host (``""`` when local) and path."""
    if _SCP_LIKE.match(repo):
        host, path = repo.split("@", 1)[1].split(":", 1)
        return host, path
    parts = urlsplit(repo)
    if parts.scheme in _NETWORK_SCHEMES:
        return parts.hostname or "", parts.path
    return "", parts.path if parts.scheme == "file" else repo


def repo_folder(repo: str) -> str:
    """Return the folder nbgitpuller clones ``repo`` into.

    Parameters
    ----------
    repo
        A git URL, ``git@host:path`` or an absolute local path.

    Returns
    -------
    str
        The last part of the address's path without a ``.git`` suffix:
        ``https://host/org/course.git`` gives ``course``.
    """
    names = [p for p in re.split(r"[/\\]", _host_and_path(_check_repo(repo))[1]) if p]
    if names and names[-1] == ".git":  # the repository's own .git folder
        names.pop()
    name = names[-1].removesuffix(".git") if names else ""
    if name in ("", ".", ".."):
        raise HubLinkError(f"bad repository {repo!r}: its address names no folder")
    return name


def lesson_ids() -> list[str]:
    """Return the lesson ids (notebook names without ``.ipynb``) in course order."""
    return sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))


def _lesson(value: str) -> str:
    """Return the lesson id that ``value`` names: ``02``, ``02_x`` or ``02_x.ipynb``."""
    ids, text = lesson_ids(), str(value)
    named = [i for i in ids if i == text.removesuffix(".ipynb")
             or (re.fullmatch(r"\d\d", text) and i.startswith(f"{text}_"))]
    if len(named) != 1:
        raise UnknownChoiceError("lesson", value, ids)
    return named[0]


def _check_branch(branch: str) -> str:
    if (not isinstance(branch, str) or not branch or any(c.isspace() for c in branch)
            or ".." in branch or branch.startswith("-")):
        raise HubLinkError(
            f"bad branch {branch!r}: a git branch name has no spaces, no '..' and does "
            "not start with '-' (e.g. main)")
    return branch


def _check_hub(hub: str) -> str:
    """Return the hub's base address: http(s), a host, no ``/hub`` suffix, no query."""
    bad = HubLinkError(f"bad hub address {hub!r}: expected an http(s) address such as "
                       "https://hub.example.edu")
    if not isinstance(hub, str) or re.search(r"[?#\s]", hub):  # no query, no fragment
        raise bad
    try:
        parts = urlsplit(hub)
        _ = parts.port  # a port that is not a number raises ValueError
    except ValueError:
        raise bad from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise bad
    path = parts.path.rstrip("/")
    if path.endswith("/hub"):  # people paste the hub's own page, https://x.edu/hub/
        path = path.removesuffix("/hub").rstrip("/")
    return f"{parts.scheme.lower()}://{parts.netloc}{path}"


def _urlpath(folder: str, lesson: str | None, app: str) -> str:
    """Return where the hub opens after the pull, as nbgitpuller's UI handler builds it."""
    where = f"{folder}/notebooks" + (f"/{lesson}.ipynb" if lesson else "")
    if app == "lab":
        return f"lab/tree/{where}"
    return f"notebooks/{where}" if lesson else f"tree/{where}"


def hub_link(hub: str, repo: str | None = None, branch: str = DEFAULT_BRANCH,
             lesson: str | None = None, app: str = "lab") -> str:
    """Return the nbgitpuller link that pulls the course and opens a lesson on a hub.

    Parameters
    ----------
    hub
        The hub's address, e.g. ``https://hub.example.edu`` (a trailing ``/hub/``
        is dropped; a path prefix such as ``https://x.edu/jupyter`` is kept).
    repo
        The course's git repository; ``None`` for :func:`course_repo`.
    branch
        The branch to pull.
    lesson
        A lesson id, its number (``"02"``) or notebook name; ``None`` opens the
        lessons folder.
    app
        ``"lab"`` (JupyterLab) or ``"notebook"`` (Notebook 7 or classic).

    Returns
    -------
    str
        ``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&targetpath=...&urlpath=...``
        with every value percent-encoded.

    Raises
    ------
    ValueError
        For a hub, repository or branch that cannot work (the message names it),
        or an unknown lesson or app (:class:`UnknownChoiceError`, listing the valid ones).
    """
    base = _check_hub(hub)
    repo = course_repo() if repo is None else _check_repo(repo)
    branch = _check_branch(branch)
    if app not in APPS:
        raise UnknownChoiceError("app", app, APPS)
    lesson_id = _lesson(lesson) if lesson is not None else None
    folder = repo_folder(repo)
    query = urlencode({"repo": repo, "branch": branch, "targetpath": folder,
                       "urlpath": _urlpath(folder, lesson_id, app)}, quote_via=quote)
    return f"{base}/hub/user-redirect/git-pull?{query}"


def _titles() -> dict[str, str]:
    """Return each lesson's title: the quiz's short title, else the notebook's heading."""
    import nbformat  # only when titles are needed: quiz imports ipywidgets

    from .builder.transform import lesson_title
    from .quiz import LESSONS

    folder = course_path("notebooks")
    return {lesson: LESSONS.get(lesson)
            or lesson_title(nbformat.read(folder / f"{lesson}.ipynb", as_version=4), lesson)
            for lesson in lesson_ids()}


def hub_links(hub: str, repo: str | None = None, branch: str = DEFAULT_BRANCH,
              app: str = "lab") -> list[HubLink]:
    """Return one :class:`HubLink` per lesson, in course order.

    Parameters are those of :func:`hub_link`.
    """
    titles = _titles()
    return [HubLink(lesson, titles[lesson], hub_link(hub, repo, branch, lesson, app))
            for lesson in lesson_ids()]


def links_table(links: Sequence[HubLink], fmt: str = "md") -> str:
    """Return the links as a table to paste into a course page.

    Parameters
    ----------
    links
        The links, e.g. from :func:`hub_links`.
    fmt
        ``"md"``: a Markdown table (Lesson, Title, Link); ``"csv"``: CSV with the
        header ``lesson,title,url``.

    Returns
    -------
    str
        The table (one row per link), ending with a newline.
    """
    if fmt not in TABLE_FORMATS:
        raise UnknownChoiceError("table format", fmt, TABLE_FORMATS)
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(
            [("lesson", "title", "url"), *((x.lesson, x.title, x.url) for x in links)])
        return buffer.getvalue()
    rows = ["| Lesson | Title | Link |", "|---|---|---|"]
    for link in links:
        title = link.title.replace("|", "\\|")
        rows.append(f"| {link.lesson} | {title} | [open in JupyterHub]({link.url}) |")
    return "\n".join(rows) + "\n"


def binder_link(repo: str | None = None, branch: str = DEFAULT_BRANCH,
                lesson: str | None = None) -> str:
    """Return the mybinder.org link that launches the course, optionally on a lesson.

    Parameters
    ----------
    repo
        A public git repository; ``None`` for :func:`course_repo`. Binder cannot
        reach a local path or ``file://`` URL: those raise ``ValueError``.
    branch
        The branch (or tag) to launch.
    lesson
        A lesson id, its number or notebook name; ``None`` opens the repository.

    Returns
    -------
    str
        ``https://mybinder.org/v2/gh/<owner>/<repo>/<branch>`` for GitHub,
        ``https://mybinder.org/v2/git/<encoded repo>/<branch>`` otherwise, with
        ``?urlpath=`` opening the lesson in JupyterLab when one is given.
    """
    repo = course_repo() if repo is None else _check_repo(repo)
    branch = _check_branch(branch)
    host, path = _host_and_path(repo)
    if not host:
        raise HubLinkError(f"bad repository {repo!r} for Binder: it needs a public git "
                           "address such as https://github.com/org/course")
    lesson_id = _lesson(lesson) if lesson is not None else None
    names = [p for p in path.split("/") if p]
    if host.lower() in ("github.com", "www.github.com") and len(names) == 2:
        owner, name = names[0], names[1].removesuffix(".git")
        url = f"https://mybinder.org/v2/gh/{quote(owner)}/{quote(name)}/{quote(branch)}"
    else:
        url = f"https://mybinder.org/v2/git/{quote(repo, safe='')}/{quote(branch)}"
    if lesson_id:
        url += "?urlpath=" + quote(f"lab/tree/notebooks/{lesson_id}.ipynb")
    return url
