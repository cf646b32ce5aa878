"""Where the course's files are: data, seed papers and notebooks.

An installed wheel carries them inside the package (read through
:mod:`importlib.resources`). An editable install from a checkout reads them from
the checkout, found through the install record (PEP 610 ``direct_url.json``).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import PakfpCourseError

__all__ = ["checkout_root", "course_path"]

DISTRIBUTION = "pakfp-course"
_PARTS = ("course_data", "seeds", "notebooks")


@cache
def checkout_root() -> Path | None:
    """Return the source checkout of an editable install, or ``None``."""
    try:
        record = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not record:
        return None
    info = json.loads(record)
    if not info.get("dir_info", {}).get("editable"):
        return None
    url = urlparse(info.get("url", ""))
    if url.scheme != "file":
        return None
    return Path(unquote(url.path))


def course_path(part: str) -> Path:
    """Return the folder holding one part of the course.

    Parameters
    ----------
    part
        ``"course_data"``, ``"seeds"`` or ``"notebooks"``.

    Returns
    -------
    Path
        The folder inside the installed package, or in the checkout of an
        editable install.
    """
    if part not in _PARTS:
        raise ValueError(f"unknown course part {part!r}; valid: {', '.join(_PARTS)}")
    packaged = resources.files("pakfp_course").joinpath(part)
    if packaged.is_dir():
        return Path(str(packaged))
    root = checkout_root()
    if root is not None and (root / part).is_dir():
        return root / part
    raise PakfpCourseError(
        f"cannot find the course's {part!r} folder: install the package with pip "
        "(a wheel carries it) or in editable mode from a checkout (pip install -e .)"
    )
