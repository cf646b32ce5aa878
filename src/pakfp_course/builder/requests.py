"""Check a build or handout request before anything runs: lessons, parameters, matrix.

Papermill only warns about a parameter the notebook does not declare, and its
``-p`` turns every value into a string. Here a request is checked against the
lesson's own ``parameters`` cell: unknown names, wrong types and unknown phase
ids are errors that name the bad item and the valid choices, raised before any
output folder is created.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildRequestError, UnknownChoiceError
from ..phases import ALL, PHASE_IDS
from .transform import lesson_title, parameters_of, read_outline

__all__ = [
    "DEFAULT_MATRIX",
    "Handout",
    "Lesson",
    "coerce_value",
    "expand_matrix",
    "find_lessons",
    "handout_requests",
    "parse_param",
    "read_matrix",
]

#: The default handout matrix: every lesson at every phase id.
DEFAULT_MATRIX: tuple[dict[str, list], ...] = ({"phase": list(PHASE_IDS)},)


def parameter_choices(name: str) -> tuple[str, ...] | None:
    """Return the values lesson parameter ``name`` may take, where the course fixes them."""
    if name == "phase":
        return (*PHASE_IDS, ALL)
    if name == "audience":
        from ..lesson import AUDIENCES  # imported only when asked: it brings IPython

        return AUDIENCES
    return None


@dataclass(frozen=True)
class Lesson:
    """A lesson notebook and the parameters its ``parameters`` cell declares."""

    name: str
    path: Path
    parameters: dict = field(hash=False, compare=False)
    title: str = field(default="", hash=False, compare=False)


@dataclass(frozen=True)
class Handout:
    """One handout to make: a lesson run with a parameter set."""

    lesson: Lesson
    parameters: tuple[tuple[str, object], ...]

    @property
    def params(self) -> dict:
        """The parameters as a dict."""
        return dict(self.parameters)

    @property
    def stem(self) -> str:
        """The file name (without suffix): the phase, then any other non-default parameter."""
        p = self.params
        parts = [str(p.get("phase", self.lesson.parameters.get("phase", "all")))]
        for name, value in self.parameters:
            if name != "phase" and value != self.lesson.parameters.get(name):
                parts.append(f"{name}-{value}")
        return "__".join(parts)


def _matches(names, item: object) -> list[str]:
    """Return the lesson names ``item`` (a name, or a number such as ``02`` or 2) picks."""
    text = str(item)
    out = []
    for name in names:
        prefix = name.split("_", 1)[0]
        if name == text or prefix == text or (
                prefix.isdigit() and text.isdigit() and int(prefix) == int(text)):
            out.append(name)
    return out


def find_lessons(notebooks: Path, selection: Sequence[str] | None = None) -> list[Lesson]:
    """Return the lessons in ``notebooks``, all or the selected ones, in course order.

    A selection item is a lesson name (``02_three_phases``) or its number (``02``).
    """
    paths = sorted(Path(notebooks).glob("[0-9]*.ipynb"))
    if not paths:
        raise BuildRequestError(f"no lesson notebooks (NN_name.ipynb) in {notebooks}")
    by_name = {p.stem: p for p in paths}
    chosen: list[str] = []
    for item in selection or list(by_name):
        item = Path(item).stem if str(item).endswith(".ipynb") else item
        matches = _matches(by_name, item)
        if len(matches) != 1:
            raise UnknownChoiceError("lesson", item, list(by_name))
        if matches[0] not in chosen:
            chosen.append(matches[0])
    lessons = []
    for name in sorted(chosen):
        nb = read_outline(by_name[name])
        lessons.append(Lesson(name, by_name[name], parameters_of(nb), lesson_title(nb, name)))
    return lessons


def coerce_value(lesson: Lesson, name: str, value: object) -> object:
    """Return ``value`` checked (and, from text, converted) for parameter ``name`` of ``lesson``.

    Raises :class:`UnknownChoiceError` for a name the lesson does not declare or
    a value outside the course's choices, :class:`BuildRequestError` for a value
    of the wrong type.
    """
    declared = lesson.parameters
    if name not in declared:
        raise UnknownChoiceError(f"parameter of lesson {lesson.name}", name, list(declared))
    default = declared[name]
    if default is not None and not isinstance(value, type(default)):
        if isinstance(value, str):
            value = _from_text(lesson, name, value, default)
        elif isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        else:
            raise BuildRequestError(
                f"parameter {name!r} of lesson {lesson.name} takes a {type(default).__name__} "
                f"(default {default!r}); got {value!r} ({type(value).__name__})")
    choices = parameter_choices(name)
    if choices is not None and value not in choices:
        raise UnknownChoiceError(name, value, choices)
    return value


def _from_text(lesson: Lesson, name: str, text: str, default: object) -> object:
    kind = type(default)
    if kind is bool and text.lower() in ("true", "1", "yes", "false", "0", "no"):
        return text.lower() in ("true", "1", "yes")
    with contextlib.suppress(ValueError):
        if kind in (int, float):
            return kind(text)
        if kind in (list, dict):
            value = json.loads(text)
            if isinstance(value, kind):
                return value
    raise BuildRequestError(
        f"parameter {name!r} of lesson {lesson.name} takes a {kind.__name__} "
        f"(default {default!r}); {text!r} is not one")


def parse_param(item: str) -> tuple[str, str]:
    """Split a ``NAME=VALUE`` command-line item."""
    name, sep, value = item.partition("=")
    if not sep or not name.strip():
        raise BuildRequestError(f"--param takes NAME=VALUE, got {item!r} (e.g. phase=2009-2016)")
    return name.strip(), value.strip()


def read_matrix(path: Path) -> list[dict]:
    """Read a handout matrix file (YAML or JSON).

    The file holds one mapping or a list of them. In each mapping a key is a
    parameter name (or ``lessons``) and a value is one value or a list of values;
    lists expand into every combination::

        - lessons: [02_three_phases, 05_rsct]
          phase: [2001-2008, 2009-2016]
        - phase: 2017-present
    """
    import yaml

    path = Path(path)
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BuildRequestError(f"matrix file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise BuildRequestError(f"matrix file {path} is not valid YAML/JSON: {exc}") from exc
    groups = [loaded] if isinstance(loaded, Mapping) else loaded
    if not isinstance(groups, list) or not groups or not all(
            isinstance(g, Mapping) for g in groups):
        raise BuildRequestError(
            f"matrix file {path} must hold a mapping of parameter -> value(s), or a list of "
            "such mappings (e.g. 'phase: [2001-2008, 2009-2016]')")
    return [dict(g) for g in groups]


def expand_matrix(group: Mapping) -> list[dict]:
    """Return every parameter combination of one matrix group (``lessons`` excluded)."""
    keys = [k for k in group if k != "lessons"]
    values = [v if isinstance(v, list) else [v] for v in (group[k] for k in keys)]
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*values)]


def handout_requests(
    lessons: Iterable[Lesson],
    matrix: Sequence[Mapping] = DEFAULT_MATRIX,
    *,
    all_lessons: Sequence[Lesson] | None = None,
) -> list[Handout]:
    """Return the handouts a matrix asks for, every parameter checked.

    A group with ``lessons`` applies to those lessons (checked against
    ``all_lessons``); otherwise to every lesson in ``lessons``.
    """
    lessons = list(lessons)
    known = {lesson.name: lesson for lesson in (all_lessons or lessons)}
    out: list[Handout] = []
    for group in matrix:
        targets = lessons
        if "lessons" in group:
            names = group["lessons"] if isinstance(group["lessons"], list) else [group["lessons"]]
            targets = []
            for name in names:
                match = _matches(known, name)
                if len(match) != 1:
                    raise UnknownChoiceError("lesson", name, list(known))
                targets.append(known[match[0]])
        for lesson in targets:
            for combo in expand_matrix(group):
                params = {n: coerce_value(lesson, n, v) for n, v in combo.items()}
                handout = Handout(lesson, tuple(sorted(params.items())))
                if handout not in out:
                    out.append(handout)
    return out
