"""Atomic writes, content keys and the manifest (pakfp_course.builder.cache)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pakfp_course.builder import cache


def test_atomic_write_replaces_whole_file_and_leaves_no_part(tmp_path: Path):
    target = tmp_path / "out" / "page.html"
    tmp = tmp_path / "tmp"
    sha = cache.atomic_write(target, "<html>one</html>", tmp)
    assert target.read_text() == "<html>one</html>"
    assert sha == cache.sha256_file(target)
    assert list(tmp.iterdir()) == []


def test_interrupted_write_keeps_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "page.html"
    tmp = tmp_path / "tmp"
    cache.atomic_write(target, "old", tmp)

    def boom(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        cache.atomic_write(target, "new but interrupted", tmp)
    assert target.read_text() == "old"
    assert list(tmp.iterdir()) == []


def test_content_key_changes_with_each_input():
    base = dict(kind="handout", notebook_sha256=cache.sha256_bytes(b"{}"),
                parameters={"phase": "2001-2008"}, data="d", code="c")
    key = cache.content_key(**base)
    assert key == cache.content_key(**base)
    for change in ({"notebook_sha256": cache.sha256_bytes(b"{ }")},
                   {"parameters": {"phase": "2009-2016"}},
                   {"data": "d2"}, {"code": "c2"}, {"kind": "lesson"}):
        assert cache.content_key(**{**base, **change}) != key


def test_data_digest_follows_the_data(data_copy: Path):
    before = cache.data_digest(data_copy)
    (data_copy / "phases.csv").write_text("changed\n")
    assert cache.data_digest(data_copy) != before


def test_manifest_freshness(tmp_path: Path):
    tmp = tmp_path / ".cache" / "tmp"
    m = cache.Manifest(tmp_path, tmp)
    sha = cache.atomic_write(tmp_path / "a.html", "A", tmp)
    m.record("a.html", {"key": "k1", "sha256": sha, "bytes": 1})
    m.save()
    again = cache.Manifest(tmp_path, tmp)
    assert again.is_fresh("a.html", "k1")
    assert not again.is_fresh("a.html", "k2")  # inputs changed
    (tmp_path / "a.html").write_text("B")  # someone edited the output
    assert not again.is_fresh("a.html", "k1")
    (tmp_path / "a.html").unlink()
    assert not again.is_fresh("a.html", "k1")
    (tmp_path / "manifest.json").write_text("{not json")
    assert cache.Manifest(tmp_path, tmp).outputs == {}
