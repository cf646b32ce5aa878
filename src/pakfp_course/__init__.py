"""pakfp_course: a JupyterLab course on Pakistan's foreign policy after 9/11.

The package holds the course's sourced data and the helpers the lessons call.
Importing it is light: pandas only, no Jupyter machinery.
"""

from importlib.metadata import PackageNotFoundError, version

from .data import cite, describe, list_datasets, load, sources_for, validate
from .errors import CourseDataError, PakfpCourseError, UnknownChoiceError
from .phases import PHASE_IDS

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
