"""Write ``course_data/datapackage.json`` from the schemas, with fresh hashes.

Maintainer tool, not part of the installed package. Run it after changing any
CSV in ``course_data/`` or any schema in ``course_data_schema.py``::

    python tools/write_datapackage.py [--data course_data]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from course_data_schema import RESOURCES

ROOT = Path(__file__).resolve().parent.parent

PACKAGE = {
    "name": "pakfp-course-data",
    "title": "pakfp_course: sourced data on Pakistan's foreign policy after 9/11",
    "description": "The facts behind the pakfp_course lessons: US aid, costs and casualties, "
    "phases, events, the RSCT relation map and the three source papers' figures and claims, "
    "each row with a source_id that resolves in the sources resource.",
    "version": "0.1.0",
    "licenses": [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 (the compilation; quoted material keeps "
            "its own terms)",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ],
    "contributors": [{"title": "pakfp_course contributors", "role": "author"}],
}


def _sources(path: Path, citations: dict[str, str]) -> list[dict[str, str]]:
    """Return the distinct sources a CSV cites, as Data Package ``sources`` entries."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ids: list[str] = []
    for row in rows:
        for sid in re.split(r";", row.get("source_id", "") or ""):
            sid = sid.strip()
            if sid and sid not in ids:
                ids.append(sid)
    return [{"title": citations.get(s, s), "source_id": s} for s in sorted(ids)]


def build(data: Path) -> dict[str, Any]:
    with open(data / "sources.csv", newline="", encoding="utf-8") as fh:
        citations = {r["source_id"]: r["citation"] for r in csv.DictReader(fh)}
    resources = []
    for spec in RESOURCES:
        path = data / f"{spec['name']}.csv"
        raw = path.read_bytes()
        resource = {
            "name": spec["name"],
            "path": path.name,
            "profile": "tabular-data-resource",
            "title": spec["title"],
            "description": spec["description"],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": len(raw),
            "hash": "sha256:" + hashlib.sha256(raw).hexdigest(),
            "caveats": spec["caveats"],
            "sources": _sources(path, citations) if spec["name"] != "sources" else [],
            "schema": {
                "fields": spec["fields"],
                "primaryKey": spec["primaryKey"],
                "missingValues": [""],
            },
        }
        resources.append(resource)
    return {**PACKAGE, "profile": "tabular-data-package", "resources": resources}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "course_data")
    args = parser.parse_args()
    package = build(args.data)
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(dir=args.data, prefix=".datapackage.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, args.data / "datapackage.json")
    print(f"wrote {args.data / 'datapackage.json'} ({len(package['resources'])} resources)")


if __name__ == "__main__":
    main()
