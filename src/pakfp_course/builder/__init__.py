"""Build the course's outputs: student and instructor notebooks, HTML, slides, handouts.

``build_course`` makes everything in one call; ``make_handouts`` makes the
handouts of one lesson. Modules: ``requests`` (checking what is asked),
``transform`` (cell tags to outputs), ``execute`` (papermill), ``export``
(nbconvert with offline templates), ``assets`` (local JavaScript from npm),
``cache`` (atomic writes, hashes, manifest), ``jobs`` (the worker),
``index`` (the front page) and ``course`` (planning and the process pool).
"""

from .course import OUTPUT_KINDS, BuildReport, build_course, make_handouts

__all__ = ["OUTPUT_KINDS", "BuildReport", "build_course", "make_handouts"]
