"""The course data's schema: ``datapackage.json`` read into plain objects.

``course_data/datapackage.json`` (a Frictionless Data Package) is the one place
where datasets, fields, types, units, constraints, keys and caveats are
declared. This module reads it and checks raw CSV values against it; it knows
nothing about pandas.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Field", "Resource", "check_value", "parse_resources"]

_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BOOLEAN = {"true": True, "false": False}


@dataclass(frozen=True)
class Field:
    """One column of a dataset, as declared in ``datapackage.json``."""

    name: str
    type: str
    description: str = ""
    unit: str | None = None
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None

    @classmethod
    def from_descriptor(cls, d: dict[str, Any]) -> Field:
        """Build a field from its Table Schema descriptor."""
        c = d.get("constraints", {})
        enum = c.get("enum")
        return cls(
            name=d["name"],
            type=d.get("type", "string"),
            description=d.get("description", ""),
            unit=d.get("unit"),
            required=bool(c.get("required", False)),
            unique=bool(c.get("unique", False)),
            enum=tuple(str(e) for e in enum) if enum is not None else None,
            minimum=c.get("minimum"),
            maximum=c.get("maximum"),
            pattern=c.get("pattern"),
        )


@dataclass(frozen=True)
class Resource:
    """One dataset: its file, schema and documentation."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    sha256: str | None
    caveats: tuple[str, ...] = ()
    sources: tuple[dict[str, str], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        """The column names in file order."""
        return [f.name for f in self.fields]


def parse_resources(package: dict[str, Any]) -> dict[str, Resource]:
    """Read every resource of a data package descriptor, by name."""
    out: dict[str, Resource] = {}
    for r in package.get("resources", []):
        schema = r.get("schema", {})
        key = schema.get("primaryKey", [])
        digest = r.get("hash")
        if digest is not None and digest.startswith("sha256:"):
            digest = digest.removeprefix("sha256:")
        out[r["name"]] = Resource(
            name=r["name"],
            path=r["path"],
            title=r.get("title", r["name"]),
            description=r.get("description", ""),
            fields=tuple(Field.from_descriptor(f) for f in schema.get("fields", [])),
            primary_key=tuple([key] if isinstance(key, str) else key),
            sha256=digest,
            caveats=tuple(r.get("caveats", [])),
            sources=tuple(r.get("sources", [])),
        )
    return out


def check_value(f: Field, raw: str) -> str | None:
    """Check one raw CSV cell against its field; return a problem or ``None``."""
    if raw == "":
        return "a value is required but the cell is empty" if f.required else None
    if f.type == "integer" and not _INTEGER.fullmatch(raw):
        return f"{raw!r} is not an integer"
    if f.type == "number" and not _NUMBER.fullmatch(raw):
        return f"{raw!r} is not a number"
    if f.type == "boolean" and raw not in _BOOLEAN:
        return f"{raw!r} is not a boolean (true or false)"
    if f.type == "date":
        if not _DATE.fullmatch(raw):
            return f"{raw!r} is not a date (YYYY-MM-DD)"
        try:
            dt.date.fromisoformat(raw)
        except ValueError:
            return f"{raw!r} is not a valid calendar date"
    if f.enum is not None and raw not in f.enum:
        return f"{raw!r} is not one of {', '.join(f.enum)}"
    if f.type in ("integer", "number"):
        value = float(raw)
        if f.minimum is not None and value < f.minimum:
            return f"{raw} is below the minimum {f.minimum:g}"
        if f.maximum is not None and value > f.maximum:
            return f"{raw} is above the maximum {f.maximum:g}"
    if f.pattern is not None and not re.fullmatch(f.pattern, raw):
        return f"{raw!r} does not match the pattern {f.pattern}"
    return None
