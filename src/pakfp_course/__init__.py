"""pakfp_course: a JupyterLab course on Pakistan's foreign policy after 9/11.

The package holds the course's sourced data and the helpers the lessons call.
Importing it is light: the data functions (and pandas with them) are imported
on first use, so ``pakfp-course`` commands that need no data start quickly.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

from .errors import CourseDataError, PakfpCourseError, UnknownChoiceError
from .phases import PHASE_IDS

#: The data functions, from :mod:`pakfp_course.data`, imported when first used.
_FROM_DATA = ("cite", "describe", "list_datasets", "load", "sources_for", "validate")

try:
    __version__ = version("pakfp-course")
except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
    __version__ = "0+unknown"

__all__ = [
    "PHASE_IDS",
    "CourseDataError",
    "PakfpCourseError",
    "UnknownChoiceError",
    "__version__",
    "cite",
    "describe",
    "list_datasets",
    "load",
    "sources_for",
    "validate",
]


def __getattr__(name: str) -> object:
    if name in _FROM_DATA:
        value = getattr(import_module(".data", __name__), name)
        globals()[name] = value  # once imported, a plain attribute
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_FROM_DATA})
