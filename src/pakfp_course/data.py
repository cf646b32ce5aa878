"""Load, describe, cite and validate the course's datasets.

Every dataset is a CSV file in ``course_data/`` described by
``course_data/datapackage.json``. Loading checks the file's sha256, its header
and every value against the schema, then returns a typed :class:`pandas.DataFrame`
(integers as nullable ``Int64``, dates as ``datetime64``, ids and text as
``string``, booleans as ``boolean``).

Examples
--------
>>> from pakfp_course import data
>>> "aid_crs" in data.list_datasets()
True
>>> int(data.load("drone_strikes")["strikes"].sum())
430
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from .errors import (
    CourseDataError,
    DataFileMissingError,
    HashMismatchError,
    UnknownChoiceError,
)
from .resources import course_path
from .schema import Field, Resource, check_value, parse_resources

__all__ = [
    "CourseData",
    "DatasetDescription",
    "cite",
    "default",
    "describe",
    "is_url",
    "list_datasets",
    "load",
    "sources_for",
    "split_ids",
    "validate",
]

SOURCE_COLUMN = "source_id"
CITE_STYLES = ("text", "bibtex")
LICENCE = "CC BY 4.0"


def split_ids(cell: object) -> list[str]:
    """Split a ``;``-separated id cell (``"A; B"``) into its ids."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and pd.isna(cell)):
        return []
    return [p.strip() for p in str(cell).split(";") if p.strip()]


@dataclass(frozen=True)
class DatasetDescription:
    """What a dataset holds: title, description, fields with units, caveats."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    caveats: tuple[str, ...]
    rows: int

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.title}", "", self.description, ""]
        lines.append(f"{self.rows} rows; key: {', '.join(self.primary_key)}")
        lines.append("")
        lines.append("Fields:")
        width = max(len(f.name) for f in self.fields)
        for f in self.fields:
            unit = f" [{f.unit}]" if f.unit else ""
            lines.append(f"  {f.name:<{width}}  {f.type:<8}{unit} {f.description}".rstrip())
        if self.caveats:
            lines += ["", "Caveats:"] + [f"  - {c}" for c in self.caveats]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        rows = "\n".join(
            f"| `{f.name}` | {f.type} | {f.unit or ''} | {f.description} |" for f in self.fields
        )
        caveats = "\n".join(f"- {c}" for c in self.caveats) or "- none recorded"
        return (
            f"**{self.title}** (`{self.name}`, {self.rows} rows)\n\n{self.description}\n\n"
            f"| field | type | unit | meaning |\n|---|---|---|---|\n{rows}\n\n"
            f"**Caveats**\n\n{caveats}\n"
        )


class CourseData:
    """The course's data package in one folder.

    Parameters
    ----------
    root
        The folder holding ``datapackage.json``; by default the installed course data.
    """

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else course_path("course_data")
        self._frames: dict[str, pd.DataFrame] = {}
        self._package: dict[str, Any] | None = None
        self._resources: dict[str, Resource] | None = None

    # ------------------------------------------------------------ descriptor
    @property
    def package(self) -> dict[str, Any]:
        """The parsed ``datapackage.json``."""
        if self._package is None:
            path = self.root / "datapackage.json"
            if not path.is_file():
                raise DataFileMissingError(path, "the data package descriptor is missing")
            try:
                self._package = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise CourseDataError(path, f"invalid JSON: {exc.msg}", line=exc.lineno) from exc
        return self._package

    @property
    def resources(self) -> dict[str, Resource]:
        """Every dataset's :class:`~pakfp_course.schema.Resource`, by name (parsed once)."""
        if self._resources is None:
            self._resources = parse_resources(self.package)
        return self._resources

    def list_datasets(self) -> list[str]:
        """Return the names of every dataset, in package order."""
        return list(self.resources)

    def resource(self, name: str) -> Resource:
        """Return one dataset's resource, or raise naming the valid ones."""
        resources = self.resources
        if name not in resources:
            raise UnknownChoiceError("dataset", name, resources)
        return resources[name]

    # ---------------------------------------------------------------- reading
    def _read(self, res: Resource) -> tuple[Path, list[list[str]]]:
        """Read a resource's CSV rows (header first) after checking its hash."""
        path = self.root / res.path
        if not path.is_file():
            raise DataFileMissingError(path, f"the file of dataset {res.name!r} is missing")
        raw = path.read_bytes()
        if res.sha256 is not None:
            digest = hashlib.sha256(raw).hexdigest()
            if digest != res.sha256:
                raise HashMismatchError(
                    path,
                    f"sha256 is {digest[:12]}…, datapackage.json records {res.sha256[:12]}…; "
                    "the file was changed without updating the package "
                    "(maintainers: python tools/write_datapackage.py)",
                )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CourseDataError(path, f"not UTF-8 text ({exc.reason})") from exc
        return path, list(csv.reader(io.StringIO(text, newline="")))

    def _problems(self, res: Resource, source_ids: set[str] | None) -> Iterator[CourseDataError]:
        """Yield every problem of one resource (file, header, values, keys, sources)."""
        try:
            path, rows = self._read(res)
        except CourseDataError as exc:
            yield exc
            return
        if not rows:
            yield CourseDataError(path, "the file is empty", line=1)
            return
        header, body = rows[0], rows[1:]
        expected = res.field_names
        if header != expected:
            missing = [c for c in expected if c not in header]
            extra = [c for c in header if c not in expected]
            detail = []
            if missing:
                detail.append(f"missing {', '.join(missing)}")
            if extra:
                detail.append(f"unexpected {', '.join(extra)}")
            if not detail:
                detail.append("columns out of order")
            yield CourseDataError(
                path,
                f"header does not match the schema ({'; '.join(detail)}); "
                f"expected: {', '.join(expected)}",
                line=1,
                column=(missing or extra or [None])[0],
            )
            return
        seen: dict[tuple[str, ...], int] = {}
        key_idx = [expected.index(k) for k in res.primary_key]
        for lineno, row in enumerate(body, start=2):
            if len(row) != len(expected):
                yield CourseDataError(
                    path, f"{len(row)} cells, the schema has {len(expected)}", line=lineno
                )
                continue
            for f, raw in zip(res.fields, row, strict=True):
                problem = check_value(f, raw)
                if problem:
                    yield CourseDataError(path, problem, line=lineno, column=f.name)
                elif f.name == SOURCE_COLUMN and source_ids is not None:
                    for sid in split_ids(raw):
                        if sid not in source_ids:
                            yield CourseDataError(
                                path,
                                f"unknown source_id {sid!r} (not in sources.csv)",
                                line=lineno,
                                column=f.name,
                            )
            if key_idx:
                key = tuple(row[i] for i in key_idx)
                if key in seen:
                    yield CourseDataError(
                        path,
                        f"duplicate primary key {', '.join(key)} (first on line {seen[key]})",
                        line=lineno,
                        column=", ".join(res.primary_key),
                    )
                else:
                    seen[key] = lineno

    def _source_ids(self) -> set[str]:
        res = self.resource("sources")
        _, rows = self._read(res)
        col = rows[0].index(SOURCE_COLUMN)
        return {r[col] for r in rows[1:] if len(r) > col}

    def load(self, name: str) -> pd.DataFrame:
        """Return one dataset as a typed DataFrame (a fresh copy each call).

        Raises
        ------
        UnknownChoiceError
            If ``name`` is not a dataset; the message lists the valid names.
        CourseDataError
            If the file is missing, its hash does not match, or a value breaks
            the schema (the message names file, line and column).
        """
        if name not in self._frames:
            res = self.resource(name)
            sources = None if name == "sources" else self._source_ids()
            for problem in self._problems(res, sources):
                raise problem
            _, rows = self._read(res)
            self._frames[name] = _frame(res, rows[1:])
        return self._frames[name].copy()

    # ----------------------------------------------------------- documenting
    def describe(self, name: str) -> DatasetDescription:
        """Describe a dataset: title, description, fields (with units) and caveats."""
        res = self.resource(name)
        return DatasetDescription(
            name=res.name,
            title=res.title,
            description=res.description,
            fields=res.fields,
            primary_key=res.primary_key,
            caveats=res.caveats,
            rows=len(self.load(name)),
        )

    def sources_for(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Return the sources (id, citation, url) cited by the rows of ``frame``."""
        if SOURCE_COLUMN not in frame.columns:
            raise ValueError(
                f"the frame has no {SOURCE_COLUMN!r} column to cite; its columns are: "
                f"{', '.join(map(str, frame.columns))}"
            )
        wanted: list[str] = []
        for cell in frame[SOURCE_COLUMN]:
            for sid in split_ids(cell):
                if sid not in wanted:
                    wanted.append(sid)
        sources = self.load("sources").set_index(SOURCE_COLUMN)
        unknown = [s for s in wanted if s not in sources.index]
        if unknown:
            raise ValueError(f"unknown source_id(s) {', '.join(unknown)}")
        return sources.loc[wanted, ["citation", "url"]].reset_index()

    def cite(self, name: str, style: Literal["text", "bibtex"] = "text") -> str:
        """Return the citations of every source a dataset uses.

        Parameters
        ----------
        name
            A dataset name (see :meth:`list_datasets`).
        style
            ``"text"`` for a numbered list, ``"bibtex"`` for BibTeX ``@misc`` entries.
        """
        if style not in CITE_STYLES:
            raise UnknownChoiceError("citation style", style, CITE_STYLES)
        res = self.resource(name)
        used = self.sources_for(self.load(name))
        if style == "bibtex":
            return "\n\n".join(_bibtex(r.source_id, r.citation, r.url) for r in used.itertuples())
        head = (
            f"Dataset {name!r} ({res.title}), compiled by the pakfp_course contributors "
            f"({LICENCE}), from these sources:"
        )
        items = [
            f"[{i}] {r.citation}." + (f" {r.url}" if is_url(r.url) else "") + f" ({r.source_id})"
            for i, r in enumerate(used.itertuples(), start=1)
        ]
        return "\n".join([head, *items])

    # ------------------------------------------------------------ validation
    def validate(self) -> list[CourseDataError]:
        """Check every dataset and return the problems found (empty when valid)."""
        try:
            resources = self.resources
            source_ids = self._source_ids()
        except CourseDataError as exc:
            return [exc]
        problems: list[CourseDataError] = []
        for res in resources.values():
            problems.extend(self._problems(res, source_ids))
        described = {res.path for res in resources.values()}
        for path in sorted(self.root.glob("*.csv")):
            if path.name not in described:
                problems.append(CourseDataError(path, "not described in datapackage.json"))
        return problems


def is_url(url: object) -> bool:
    """Return True if ``url`` is an http(s) address (source URLs may hold notes instead)."""
    return isinstance(url, str) and url.startswith(("http://", "https://"))


_BIB_ESCAPE = re.compile(r"([&%#_$])")


def _bibtex(key: str, citation: str, url: object) -> str:
    title = _BIB_ESCAPE.sub(r"\\\1", citation).replace("{", "\\{").replace("}", "\\}")
    lines = [f"@misc{{{key},", f"  title = {{{title}}},"]
    if is_url(url):
        lines.append(f"  howpublished = {{\\url{{{url}}}}},")
    lines.append("  note = {Cited in the pakfp\\_course data},")
    lines.append("}")
    return "\n".join(lines)


def _frame(res: Resource, body: list[list[str]]) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    for i, f in enumerate(res.fields):
        raw = [row[i] for row in body]
        if f.type == "integer":
            columns[f.name] = pd.array([int(v) if v else None for v in raw], dtype="Int64")
        elif f.type == "number":
            columns[f.name] = pd.array(
                [float(v) if v else float("nan") for v in raw], dtype="float64"
            )
        elif f.type == "boolean":
            columns[f.name] = pd.array([v == "true" if v else None for v in raw], dtype="boolean")
        elif f.type == "date":
            columns[f.name] = pd.to_datetime(pd.Series(raw).replace("", None), format="%Y-%m-%d")
        else:
            columns[f.name] = pd.array([v if v else None for v in raw], dtype="string")
    return pd.DataFrame(columns)


@cache
def default() -> CourseData:
    """Return the shared :class:`CourseData` of the installed course."""
    return CourseData()


def list_datasets() -> list[str]:
    """Return the names of every course dataset."""
    return default().list_datasets()


def load(name: str) -> pd.DataFrame:
    """Return one course dataset as a typed DataFrame; see :meth:`CourseData.load`."""
    return default().load(name)


def describe(name: str) -> DatasetDescription:
    """Describe a course dataset; see :meth:`CourseData.describe`."""
    return default().describe(name)


def cite(name: str, style: Literal["text", "bibtex"] = "text") -> str:
    """Return the citations of a course dataset; see :meth:`CourseData.cite`."""
    return default().cite(name, style)


def sources_for(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the sources cited by the rows of ``frame``; see :meth:`CourseData.sources_for`."""
    return default().sources_for(frame)


def validate() -> list[CourseDataError]:
    """Check the installed course data; see :meth:`CourseData.validate`."""
    return default().validate()
