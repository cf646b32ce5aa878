"""The quiz question bank and its grading: plain data and functions, no widget.

The questions live in the ``quiz`` dataset (``course_data/quiz.csv``, one row per
answer option). :func:`load_questions` turns it into :class:`Question` objects
and :func:`grade` marks an answer; :mod:`pakfp_course.quiz` builds the widget
(and re-exports these names). The grading rule is in that module's docstring.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import data
from .errors import CourseDataError, UnknownChoiceError

__all__ = ["KINDS", "LESSONS", "Feedback", "Option", "Question", "grade", "load_questions",
           "questions_from_frame"]

#: Lesson ids (notebook names without ``.ipynb``) and their short titles.
LESSONS: dict[str, str] = {
    "00_start_here": "Start here",
    "01_cold_war_roots": "Cold War roots",
    "02_three_phases": "The three phases",
    "03_bandwagoning": "Bandwagoning",
    "04_double_game": "The double game and the war at home",
    "05_rsct": "Regional Security Complex Theory",
    "06_china_turn": "The turn to China",
    "07_stability_and_sources": "Regional stability and reading sources",
    "08_review": "Review",
}
#: Question kinds: one correct option, or one or more correct options.
KINDS = ("single", "multiple")



@dataclass(frozen=True)
class Option:
    """One answer option: its key (``"a"``), text, whether it is right, and why."""

    key: str
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Question:
    """A self-check question with its options and the sources behind it.

    Raises
    ------
    ValueError
        If the question is ill-formed (unknown kind, fewer than two options,
        duplicate keys, a single-choice question without exactly one correct
        option, a multiple-choice question with none, an option without
        explanation).
    """

    question_id: str
    lesson: str
    kind: str
    prompt: str
    options: tuple[Option, ...]
    source_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        problem = _problem(self.kind, self.options)
        if problem:
            raise ValueError(f"question {self.question_id}: {problem}")

    @property
    def keys(self) -> tuple[str, ...]:
        """The option keys, in order."""
        return tuple(o.key for o in self.options)

    @property
    def correct_keys(self) -> tuple[str, ...]:
        """The keys of the correct options, in order."""
        return tuple(o.key for o in self.options if o.correct)

    def option(self, key: str) -> Option:
        """Return the option with ``key``, or raise naming the valid keys."""
        for o in self.options:
            if o.key == key:
                return o
        raise UnknownChoiceError(f"option of question {self.question_id}", key, self.keys)


@dataclass(frozen=True)
class Feedback:
    """The result of grading one answer.

    Attributes
    ----------
    correct
        True if the answer is exactly the set of correct options.
    score
        From 0 to 1 (see the module's grading rule).
    messages
        The explanation of each chosen option and, for multiple choice, of each
        correct option that was not chosen, in option order.
    """

    correct: bool
    score: float
    messages: tuple[str, ...]

    @property
    def headline(self) -> str:
        """``"Correct."`` or ``"Not quite."`` (with the score when partly right)."""
        if self.correct:
            return "Correct."
        if self.score > 0:
            return f"Not quite. Partly right: score {self.score:.2f} out of 1."
        return "Not quite."

    def __str__(self) -> str:
        return "\n".join([self.headline, *self.messages])


def _problem(kind: str, options: Sequence[Option]) -> str | None:
    """Return what is wrong with a question's kind and options, or ``None``."""
    if kind not in KINDS:
        return f"kind {kind!r} is not one of {', '.join(KINDS)}"
    if len(options) < 2:
        return f"it has {len(options)} option(s); a question needs at least two"
    keys = [o.key for o in options]
    if len(set(keys)) != len(keys):
        return f"duplicate option keys in {', '.join(keys)}"
    n = sum(bool(o.correct) for o in options)
    if kind == "single" and n != 1:
        return f"a single-choice question needs exactly one correct option, it has {n}"
    if kind == "multiple" and n == 0:
        return "a multiple-choice question needs at least one correct option, it has none"
    for o in options:
        if not o.explanation or not o.explanation.strip():
            return f"option {o.key} has no explanation"
    return None


def _text(value: Any) -> str:
    return "" if value is None or value is pd.NA else str(value)


def questions_from_frame(frame: pd.DataFrame, path: str | Path = "quiz.csv") -> list[Question]:
    """Build the questions from a frame shaped like the ``quiz`` dataset.

    Parameters
    ----------
    frame
        One row per option, with the columns of ``course_data/quiz.csv``.
    path
        The file named in error messages.

    Raises
    ------
    CourseDataError
        If a question is ill-formed; the message names the question and its
        first line in the file.
    """
    questions: list[Question] = []
    for qid, rows in frame.groupby("question_id", sort=False):
        line = int(rows.index[0]) + 2  # header is line 1
        for col in ("lesson", "kind", "prompt", "source_id"):
            if rows[col].nunique(dropna=False) > 1:
                raise CourseDataError(
                    path, f"question {qid}: the {col} differs between its rows", line=line,
                    column=col)
        first = rows.iloc[0]
        options = tuple(
            Option(_text(r.option), _text(r.option_text), r.correct is not pd.NA
                   and bool(r.correct), _text(r.explanation))
            for r in rows.itertuples()
        )
        problem = _problem(_text(first["kind"]), options)
        if problem:
            raise CourseDataError(path, f"question {qid}: {problem}", line=line)
        questions.append(Question(
            question_id=str(qid), lesson=_text(first["lesson"]), kind=_text(first["kind"]),
            prompt=_text(first["prompt"]), options=options,
            source_ids=tuple(data.split_ids(first["source_id"])),
        ))
    return questions


def load_questions(lesson: str | None = None,
                   ids: Sequence[str] | None = None) -> list[Question]:
    """Return questions from the course's bank, for one lesson and/or by id.

    Parameters
    ----------
    lesson
        A lesson id (see :data:`LESSONS`); ``None`` for every lesson.
    ids
        Question ids such as ``"Q03-02"``, returned in this order; ``None`` for all.

    Raises
    ------
    UnknownChoiceError
        For an unknown lesson or question id; the message lists the valid ones.
    CourseDataError
        If the bank is ill-formed (the message names the question).
    """
    if lesson is not None and lesson not in LESSONS:
        raise UnknownChoiceError("lesson", lesson, LESSONS)
    course = data.default()
    path = course.root / course.resource("quiz").path
    bank = questions_from_frame(data.load("quiz"), path)
    chosen = [q for q in bank if lesson is None or q.lesson == lesson]
    if ids is None:
        return chosen
    by_id = {q.question_id: q for q in chosen}
    what = "question id" if lesson is None else f"question id in lesson {lesson!r}"
    wanted = [ids] if isinstance(ids, str) else list(ids)
    for qid in wanted:
        if qid not in by_id:
            raise UnknownChoiceError(what, qid, by_id)
    return [by_id[qid] for qid in wanted]


def _chosen(question: Question, answer: str | Iterable[str] | None) -> tuple[str, ...]:
    """Return the distinct chosen keys, checked against the question's options."""
    if isinstance(answer, str):
        keys: tuple[str, ...] = (answer,) if answer else ()
    else:
        keys = tuple(answer or ())
    keys = tuple(dict.fromkeys(keys))  # drop repeats, keep order
    valid = ", ".join(repr(k) for k in question.keys)
    if not keys:
        raise ValueError(f"question {question.question_id}: no option chosen. "
                         f"Valid choices: {valid}.")
    for key in keys:
        question.option(key)  # raises UnknownChoiceError naming the valid keys
    if question.kind == "single" and len(keys) > 1:
        raise ValueError(f"question {question.question_id} takes one answer, got "
                         f"{', '.join(map(repr, keys))}. Valid choices: {valid}.")
    return keys


def grade(question: Question, answer: str | Iterable[str]) -> Feedback:
    """Grade an answer and return the feedback a student sees.

    Parameters
    ----------
    question
        The question answered.
    answer
        An option key (``"b"``) for a single-choice question; a collection of
        keys (``{"a", "c"}``) for a multiple-choice one.

    Returns
    -------
    Feedback
        Whether it is right, the score (see the module's grading rule) and an
        explanation for each chosen option and each correct option missed.

    Raises
    ------
    ValueError
        If no option is chosen, or several for a single-choice question.
    UnknownChoiceError
        If a key is not one of the question's options (a ``ValueError`` too).
    """
    chosen = set(_chosen(question, answer))
    right = set(question.correct_keys)
    if question.kind == "single":
        score = 1.0 if chosen == right else 0.0
    else:
        score = max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))
    messages = []
    for o in question.options:
        if o.key in chosen:
            verdict = "Right" if o.correct else "Not right"
            messages.append(f"{o.key}. {verdict}: {o.explanation}")
        elif o.correct and question.kind == "multiple":
            messages.append(f"{o.key}. Also right (you did not choose it): {o.explanation}")
    return Feedback(chosen == right, score, tuple(messages))
