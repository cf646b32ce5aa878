"""The ``pakfp-course`` command line: argument parsing only.

Every default belongs to the library function the command calls. Errors a
user can cause exit with status 2 and one line on standard error.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence

from . import __version__, hub, lab
from .errors import PakfpCourseError

__all__ = ["main"]

PROG = "pakfp-course"


def _data_list(args: argparse.Namespace) -> int:
    from . import data  # pandas comes with it: other commands start without it

    cd = data.default()
    for name in cd.list_datasets():
        print(f"{name:<22} {cd.resource(name).title}")
    return 0


def _data_show(args: argparse.Namespace) -> int:
    from . import data  # pandas comes with it: other commands start without it

    print(data.describe(args.name))
    if args.head:
        print()
        print(data.load(args.name).head(args.head).to_string(index=False))
    return 0


def _data_cite(args: argparse.Namespace) -> int:
    from . import data  # pandas comes with it: other commands start without it

    print(data.cite(args.name, style="bibtex" if args.bibtex else "text"))
    return 0


def _data_validate(args: argparse.Namespace) -> int:
    from . import data  # pandas comes with it: other commands start without it

    cd = data.CourseData(args.data_dir) if args.data_dir else data.default()
    problems = cd.validate()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {cd.root}", file=sys.stderr)
        return 1
    print(f"course data valid: {len(cd.list_datasets())} datasets in {cd.root}")
    return 0


def _lab(args: argparse.Namespace) -> int:
    argv = lab.lab_command(workdir=args.dir, port=args.port, browser=not args.no_browser)
    if args.print_command:
        print(" ".join(argv))
        return 0
    return lab.run_lab(argv)


def _given(args: argparse.Namespace, *names: str) -> dict:
    """Return the options the user gave (the library's defaults apply to the rest)."""
    given = {n: getattr(args, n) for n in names}
    return {n: v for n, v in given.items() if v is not None and v is not False}


def _finish(report) -> int:
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    if report.results or report.failed:
        print(report.table(), file=sys.stderr if report.failed else sys.stdout)
    else:
        print(f"everything up to date ({len(report.skipped)} items skipped)")
    site = report.out / "site" / "index.html"
    index = site if site.is_file() else report.out / "index.html"
    print(f"open {index} in a browser (works offline)")
    return 0 if report.ok else 1


def _raise_interrupt(signum, frame):  # SIGTERM ends a build like Ctrl-C does
    raise KeyboardInterrupt


def _build(args: argparse.Namespace) -> int:
    from .builder import build_course
    from .builder.requests import read_matrix

    options = _given(args, "out", "lessons", "only", "jobs", "force", "quiet",
                     "timeout", "notebooks")
    if args.pdf is not None:
        options["pdf"] = args.pdf
    if args.matrix:
        options["matrix"] = read_matrix(args.matrix)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    return _finish(build_course(**options))


def _handouts(args: argparse.Namespace) -> int:
    from .builder import make_handouts
    from .builder.requests import parse_param, read_matrix

    options = _given(args, "out", "jobs", "force", "quiet", "timeout", "notebooks")
    if args.pdf is not None:
        options["pdf"] = args.pdf
    if args.param:
        options["params"] = dict(parse_param(item) for item in args.param)
    if args.matrix:
        options["matrix"] = read_matrix(args.matrix)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    return _finish(make_handouts(args.lesson, **options))


def _hub_link(args: argparse.Namespace) -> int:
    options = _given(args, "repo", "branch", "app")
    if args.all is None:
        print(hub.hub_link(args.hub, lesson=args.lesson, **options))
        return 0
    links = hub.hub_links(args.hub, **options)
    table = hub.links_table(links) if args.all is True else hub.links_table(links, args.all)
    print(table, end="")
    return 0


def _student_branch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .builder import build_course
    from .publish import student_branch

    options = _given(args, "out")
    report = build_course(only=["student"], quiet=True, **options)
    if not report.ok:
        return _finish(report)
    pub = student_branch(Path(report.out) / "student", **_given(args, "branch", "repo"))
    state = "published" if pub.new else "already up to date"
    print(f"student notebooks {state} on branch {pub.branch!r} at {pub.commit[:12]} "
          f"({pub.notebooks} lessons). Push it (git push origin {pub.branch}) and make the "
          f"links with: pakfp-course hub-link --hub URL --branch {pub.branch} --all")
    return 0


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default=None, help="output folder (default: _build)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="notebooks run at once (default: number of CPUs)")
    p.add_argument("--force", action="store_true", help="rebuild outputs that are up to date")
    pdf = p.add_mutually_exclusive_group()
    pdf.add_argument("--pdf", dest="pdf", action="store_const", const=True, default=None,
                     help="print handouts to PDF, and fail if Chromium is missing (default: "
                          "PDF whenever Chromium is found)")
    pdf.add_argument("--no-pdf", dest="pdf", action="store_const", const=False,
                     help="make HTML handouts only")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--timeout", type=int, default=None, metavar="SECONDS",
                   help="longest any one cell may run (default: 180)")
    p.add_argument("--notebooks", default=None, metavar="DIR",
                   help="folder of lesson notebooks (default: the course's own)")
    p.add_argument("--matrix", default=None, metavar="FILE",
                   help="YAML/JSON handout matrix: parameter -> value or list of values")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``pakfp-course``."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Pakistan's foreign policy after 9/11: a JupyterLab course."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    d = commands.add_parser("data", help="list, describe, cite and validate the course data")
    dc = d.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    dc.add_parser("list", help="list the datasets").set_defaults(func=_data_list)
    show = dc.add_parser("show", help="describe a dataset (fields, units, caveats)")
    show.add_argument("name", help="dataset name (see 'data list')")
    show.add_argument("--head", type=int, default=0, metavar="N", help="also print N rows")
    show.set_defaults(func=_data_show)
    cite = dc.add_parser("cite", help="print the sources a dataset uses")
    cite.add_argument("name", help="dataset name (see 'data list')")
    cite.add_argument("--bibtex", action="store_true", help="print BibTeX entries")
    cite.set_defaults(func=_data_cite)
    val = dc.add_parser("validate", help="check every data file against its schema and hash")
    val.add_argument(
        "--data-dir",
        default=None,
        help="a course_data folder to check (default: the installed course data)",
    )
    val.set_defaults(func=_data_validate)

    lab_p = commands.add_parser("lab", help="open JupyterLab on the course's notebooks")
    lab_p.add_argument(
        "--dir",
        default=None,
        help="working folder for the notebooks "
        "(default: the checkout's notebooks/, or ./pakfp-course-notebooks "
        "for an installed package)",
    )
    lab_p.add_argument("--port", type=int, default=None, help="port for JupyterLab")
    lab_p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab_p.add_argument(
        "--print-command",
        action="store_true",
        help="print the JupyterLab command instead of running it",
    )
    lab_p.set_defaults(func=_lab)

    build = commands.add_parser(
        "build", help="build the whole course: website, notebooks, html, slides, handouts",
        description="Build every output of the course into one folder that works offline: "
        "the course website (site/), student/ and instructor/ notebooks, html/ lessons, "
        "slides/, handouts/ (every lesson at every phase by default), index.html and "
        "manifest.json. Outputs that are up to date are skipped.")
    build.add_argument("--lessons", nargs="+", default=None, metavar="LESSON",
                       help="lesson names or numbers (default: all)")
    build.add_argument("--only", nargs="+", default=None, metavar="KIND",
                       help="output kinds: student instructor html slides handouts site")
    _add_run_options(build)
    build.set_defaults(func=_build)

    hand = commands.add_parser(
        "handouts", aliases=["handout"],
        help="make the printed handouts of one lesson (papermill; HTML and PDF)",
        description="Run the lesson's handout cells (tagged handout / handout-only) with "
        "papermill for each parameter set and lay each run out for paper: at most four A4 "
        "pages, no code, the phase in the running header, Sources at the end; printed to PDF "
        "when Chromium is found. Without --param or --matrix: one handout per phase id.")
    hand.add_argument("lesson", help="lesson name or number, e.g. 02_three_phases or 02")
    hand.add_argument("--param", action="append", default=None, metavar="NAME=VALUE",
                      help="set a parameter of the lesson's parameters cell (repeatable)")
    _add_run_options(hand)
    hand.set_defaults(func=_handouts)

    link = commands.add_parser(
        "hub-link", help="print the JupyterHub (nbgitpuller) link that opens a lesson",
        description="Print the nbgitpuller link a student clicks: their hub pulls the "
        "course's git repository into their home (later pulls keep their edits) and opens "
        "the lesson. With --all: a table of every lesson's link to paste into a course page.")
    link.add_argument("--hub", required=True, metavar="URL",
                      help="the hub's address, e.g. https://hub.example.edu")
    link.add_argument("--repo", default=None, metavar="URL",
                      help="the course's git repository (default: the package's Source URL)")
    link.add_argument("--branch", default=None,
                      help=f"the branch to pull (default: {hub.DEFAULT_BRANCH})")
    link.add_argument("--app", default=None, metavar="APP",
                      help="open in 'lab' (JupyterLab, the default) or 'notebook' (Notebook 7)")
    which = link.add_mutually_exclusive_group()
    which.add_argument("--lesson", default=None, metavar="ID",
                       help="the lesson to open, e.g. 02 or 02_three_phases "
                       "(default: the lessons folder)")
    which.add_argument("--all", nargs="?", const=True, default=None, metavar="md|csv",
                       help="print every lesson's link as a Markdown (md, the default) "
                       "or CSV table")
    link.set_defaults(func=_hub_link)

    pub = commands.add_parser(
        "student-branch", help="commit the student notebooks (no model answers) to a branch",
        description="Build the student notebooks (model answers replaced by prompts) and "
        "commit them, with the same notebooks/ layout, to a branch of the course's git "
        "repository that hub links can pull instead of main. The working tree, index and "
        "current branch are left as they are; each run adds a commit only if something "
        "changed, on top of the last, so students receive it as an update.")
    pub.add_argument("--out", default=None, help="build folder (default: _build)")
    pub.add_argument("--branch", default=None,
                     help="branch to publish on (default: student)")
    pub.add_argument("--repo", default=None, metavar="DIR",
                     help="the course's git checkout (default: this checkout)")
    pub.set_defaults(func=_student_branch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (PakfpCourseError, ValueError, OSError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
