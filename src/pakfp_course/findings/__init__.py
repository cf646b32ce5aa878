"""What the lessons conclude from the data: tested functions that compute and word it.

One module per lesson topic (``cold_war``, ``three_phases``, ``alliances``,
``double_game``, ``rsct``, ``china``, ``stability``, ``review``, ``start``). A
lesson calls these instead of computing and composing prose in its cells, so
every number a lesson states is computed from ``course_data`` and tested in
``tests/test_findings_<module>.py``. Functions return plain values, dataclasses
or :class:`IPython.display.Markdown` (via :func:`pakfp_course.lesson.markdown`).
Importing this package imports none of its modules.
"""

__all__: list[str] = []
