"""``builder.site.build_site``: what happens when the website cannot be built."""

from __future__ import annotations

import nbformat
import pytest

from pakfp_course.builder import site
from pakfp_course.builder.execute import build_environment
from pakfp_course.errors import SiteBuildError


def test_no_executed_lesson_is_an_error_and_writes_no_site(tmp_path):
    out = tmp_path / "_build"
    with pytest.raises(SiteBuildError, match=r"executed lessons \(instructor/\*\.ipynb\)"):
        site.build_site(out, {}, out / ".cache", build_environment(out / ".cache"))
    assert not (out / "site").exists()


def test_a_failing_sphinx_keeps_the_previous_site_and_names_its_log(tmp_path, monkeypatch):
    out = tmp_path / "_build"
    (out / "instructor").mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 01 A lesson")])
    nbformat.write(nb, out / "instructor" / "01_a.ipynb")
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("the last good site")
    monkeypatch.setattr(site, "_CONF", site._CONF + "\nraise SystemExit(3)\n")
    outputs = {"instructor/01_a.ipynb": {"sha256": "x"}}
    with pytest.raises(SiteBuildError, match=r"Sphinx could not build the website.*site\.log"):
        site.build_site(out, outputs, out / ".cache", build_environment(out / ".cache"))
    assert (out / "site" / "index.html").read_text() == "the last good site"
    assert (out / ".cache" / "logs" / "site.log").is_file()
