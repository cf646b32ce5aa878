"""Self-check quizzes: the question bank, plain grading, and a thin widget.

The questions live in the ``quiz`` dataset (``course_data/quiz.csv``, one row per
answer option). :func:`load_questions` turns it into :class:`Question` objects,
:func:`grade` marks an answer without any widget (both from
:mod:`pakfp_course.quiz_bank`, re-exported here), and :func:`quiz` builds the
widget a lesson shows (it returns the widget; it never calls ``display()``).

Grading rule
------------
A single-choice question scores 1 if the chosen option is the correct one and 0
otherwise. A multiple-choice question scores
``max(0, (correct options chosen - wrong options chosen) / correct options)``,
so choosing two of three right options and one wrong one scores (2 - 1) / 3.
An answer counts as correct only when it is exactly the set of correct options.

Examples
--------
>>> from pakfp_course import quiz
>>> q = quiz.load_questions(ids=["Q03-01"])[0]
>>> q.kind
'single'
>>> quiz.grade(q, q.correct_keys[0]).correct
True
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle  # styles: not exported by ipywidgets
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from .display import FOCUS_CSS, Snapshot, figure_png, static_bundle
from .errors import UnknownChoiceError
from .quiz_bank import (
    KINDS,
    LESSONS,
    Feedback,
    Option,
    Question,
    grade,
    load_questions,
    questions_from_frame,
)

__all__ = [
    "KINDS",
    "LESSONS",
    "CheckboxGroup",
    "Feedback",
    "Option",
    "Question",
    "QuizWidget",
    "feedback_html",
    "grade",
    "load_questions",
    "questions_from_frame",
    "quiz",
]

_OK, _NOT_OK = "#009E73", "#D55E00"  # Okabe-Ito bluish green and vermillion


def feedback_html(feedback: Feedback) -> str:
    """Return feedback as escaped HTML: a bordered box whose words carry the verdict.

    The verdict is said in words ("Correct." / "Not quite.") after a tick or a cross;
    the border's colour only repeats it.
    """
    colour = _OK if feedback.correct else _NOT_OK
    icon = "\u2714" if feedback.correct else "\u2718"  # heavy check mark, heavy ballot X
    items = "".join(f"<li>{html.escape(m)}</li>" for m in feedback.messages)
    return (
        f'<div class="pakfp-feedback" role="status" style="border-left:4px solid {colour};'
        f'padding:2px 10px;margin:4px 0">'
        f'<strong><span aria-hidden="true">{icon} </span>{html.escape(feedback.headline)}'
        f"</strong><ul>{items}</ul></div>"
    )


class _Looks:
    """The layouts and styles a quiz's widgets share.

    Each ipywidget otherwise brings a Layout and a Style of its own, each a
    widget model sent to the browser and saved in the notebook: sharing them
    sends less than half as many models, with the same look.
    """

    def __init__(self) -> None:
        self.plain = w.Layout()
        self.block = w.Layout(margin="0 0 14px 0")
        self.choices = w.Layout(width="auto")
        self.html = HTMLStyle()
        self.button = w.ButtonStyle()
        self.checkbox = CheckboxStyle()
        self.description = DescriptionStyle()

    def html_widget(self, value: str) -> w.HTML:
        """Return an HTML widget with the shared layout and style."""
        return w.HTML(value, layout=self.plain, style=self.html)


class CheckboxGroup(w.VBox):
    """One checkbox per option, labelled with the option's text; ``value`` is the keys ticked.

    The option's text is the checkbox's own label (``a. ...``), so a screen reader
    names each box by what it says, and clicking the text ticks it.
    """

    def __init__(self, options: Sequence[Option], *, looks: _Looks | None = None,
                 **kwargs: Any) -> None:
        looks = looks or _Looks()
        self.boxes: dict[str, w.Checkbox] = {}
        for o in options:  # the description is shown as text, never as HTML
            self.boxes[o.key] = w.Checkbox(value=False, description=f"{o.key}. {o.text}",
                                           indent=False, layout=looks.choices,
                                           style=looks.checkbox)
        kwargs.setdefault("layout", looks.plain)
        super().__init__(children=list(self.boxes.values()), **kwargs)

    @property
    def value(self) -> tuple[str, ...]:
        """The keys of the ticked options, in option order."""
        return tuple(k for k, box in self.boxes.items() if box.value)

    @value.setter
    def value(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        for key in wanted - set(self.boxes):
            raise UnknownChoiceError("option", key, self.boxes)
        for key, box in self.boxes.items():
            box.value = key in wanted


#: Long answer options wrap onto several lines instead of overlapping the next option
#: (ipywidgets gives each radio and checkbox label one fixed-height line); a focused
#: option shows a clear ring.
_QUIZ_CSS = (
    "<style>.pakfp-quiz .widget-radio-box label, .pakfp-quiz .widget-checkbox "
    ".widget-label-basic {display: flex; flex-flow: row nowrap; height: auto; "
    "min-height: var(--jp-widgets-radio-item-height, 24px); line-height: 1.35; "
    "white-space: normal; align-items: flex-start; margin-bottom: 4px; overflow: visible;} "
    ".pakfp-quiz .widget-checkbox {height: auto; width: auto;} "
    ".pakfp-quiz .widget-checkbox .widget-label-basic span {white-space: normal; "
    "overflow: visible; text-overflow: clip;} "
    ".pakfp-quiz .widget-radio-box input, .pakfp-quiz .widget-checkbox input "
    "{order: -1; flex: 0 0 auto; margin: 3px 6px 0 0;} " + FOCUS_CSS + "</style>"
)


class QuizWidget(w.VBox):
    """A quiz: per question the prompt, the options, a Check button and feedback.

    Displaying it emits one bundle: the live widget plus a static fallback (a
    PNG card of the questions with alt text, and the questions as plain text),
    none of which reveals the answers.

    Parameters
    ----------
    questions
        The questions to show, in order.
    title
        The heading; by default derived from the questions' lesson.

    Attributes
    ----------
    questions
        The :class:`Question` objects shown.
    answer_widgets
        Per question a :class:`ipywidgets.RadioButtons` (single choice) or a
        :class:`CheckboxGroup` (multiple choice); ``.value`` is the answer.
    check_buttons
        Per question the "Check" button.
    feedback
        Per question the :class:`ipywidgets.HTML` showing the feedback.
    """

    def __init__(self, questions: Sequence[Question], title: str | None = None,
                 **kwargs: Any) -> None:
        if not questions:
            raise ValueError("a quiz needs at least one question")
        self.questions = list(questions)
        self.title = title or _title(self.questions)
        self.answer_widgets: list[w.RadioButtons | CheckboxGroup] = []
        self.check_buttons: list[w.Button] = []
        self.feedback: list[w.HTML] = []
        looks = _Looks()
        blocks: list[w.Widget] = [
            looks.html_widget(f"{_QUIZ_CSS}<h3>{html.escape(self.title)}</h3>")]
        for n, q in enumerate(self.questions, start=1):
            if q.kind == "single":
                answer: w.RadioButtons | CheckboxGroup = w.RadioButtons(
                    options=[(f"{o.key}. {o.text}", o.key) for o in q.options], value=None,
                    layout=looks.choices, style=looks.description)
            else:
                answer = CheckboxGroup(q.options, looks=looks)
            button = w.Button(description="Check", tooltip=f"Check your answer to question {n}",
                              layout=looks.plain, style=looks.button)
            button.on_click(lambda _button, i=n - 1: self.check(i))
            self.answer_widgets.append(answer)
            self.check_buttons.append(button)
            self.feedback.append(looks.html_widget(""))
            prompt = (f'<p style="margin-bottom:2px"><b>{n}.</b> {html.escape(q.prompt)}</p>'
                      f'<p style="margin:0;color:#444444"><small>{q.question_id}</small></p>')
            block = w.VBox([looks.html_widget(prompt), answer, button, self.feedback[-1]],
                           layout=looks.block)
            block.add_class("pakfp-question")
            blocks.append(block)
        kwargs.setdefault("layout", looks.plain)
        super().__init__(children=blocks, **kwargs)
        self.add_class("pakfp-quiz")

    def check(self, index: int) -> Feedback | None:
        """Grade question ``index``'s current answer and show the feedback."""
        question, answer = self.questions[index], self.answer_widgets[index].value
        try:
            result = grade(question, answer if answer is not None else ())
        except ValueError:
            self.feedback[index].value = (
                '<div class="pakfp-feedback" role="status">'
                "<strong>Choose an answer first.</strong></div>")
            return None
        self.feedback[index].value = feedback_html(result)
        return result

    @cached_property
    def snapshot(self) -> Snapshot:
        """The static fallback: a PNG card, alt text and a plain-text summary."""
        n = len(self.questions)
        alt = f"{self.title}: {n} question{'s' if n != 1 else ''}. " + " ".join(
            f"{i}. {q.prompt}" for i, q in enumerate(self.questions, start=1))
        return Snapshot(
            png=figure_png(_card(self.questions, self.title)), alt=alt,
            summary=_summary(self.questions, self.title),
            caption=f"{self.title}: {n} questions. Run the notebook to check your answers.",
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        live = super()._repr_mimebundle_(**kwargs) or {}
        live_data = live[0] if isinstance(live, tuple) else live
        static, metadata = static_bundle(self.snapshot)
        return {**live_data, **static}, metadata


def _title(questions: Sequence[Question]) -> str:
    lessons = list(dict.fromkeys(q.lesson for q in questions))
    if len(lessons) == 1 and lessons[0] in LESSONS:
        return f"Self-check: {LESSONS[lessons[0]]} (lesson {lessons[0][:2]})"
    return "Self-check"


def _hint(q: Question) -> str:
    return "Choose one." if q.kind == "single" else "Choose all that apply."


def _summary(questions: Sequence[Question], title: str) -> str:
    """Return the questions and options as plain text, without the answers."""
    lines = [title, "Run the notebook and press Check to see feedback on your answers.", ""]
    for n, q in enumerate(questions, start=1):
        prompt = q.prompt if q.prompt.endswith(_hint(q)) else f"{q.prompt} {_hint(q)}"
        lines += textwrap.wrap(f"{n}. {prompt}", 92, subsequent_indent="   ")
        for o in q.options:
            lines += textwrap.wrap(f"{o.key}. {o.text}", 92, initial_indent="   ",
                                   subsequent_indent="      ")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _card(questions: Sequence[Question], title: str) -> Any:
    """Draw the questions and options (no answers) on a matplotlib Figure."""
    from matplotlib.figure import Figure

    from .style import source_caption

    width, line_in, gap_in = 9.0, 0.215, 0.16
    rows: list[tuple[str, float, float, str]] = [(title, 0.3, 15, "bold")]
    for n, q in enumerate(questions, start=1):
        for i, text in enumerate(textwrap.wrap(f"{n}. {q.prompt}", 94)):
            rows.append((text if i == 0 else f"    {text}", 0.3, 11, "bold"))
        for o in q.options:
            for i, text in enumerate(textwrap.wrap(f"{o.key}. {o.text}", 96)):
                rows.append((text if i == 0 else f"    {text}", 0.55, 11, "normal"))
        rows.append(("", 0.0, 0, "gap"))
    ids = [sid for q in questions for sid in q.source_ids]
    for text in textwrap.wrap(source_caption(ids), 130):
        rows.append((text, 0.3, 8, "normal"))
    rows.append(("Answers and feedback: run the notebook and press Check.", 0.3, 8, "italic"))
    height = 0.35 + sum(
        gap_in if kind == "gap" else 0.42 if size == 15 else line_in * size / 11
        for _, _, size, kind in rows)
    fig = Figure(figsize=(width, height), dpi=100)
    y = 0.25
    for text, x, size, kind in rows:
        if kind == "gap":
            y += gap_in
            fig.add_artist(_rule(fig, 1 - (y - gap_in / 2) / height))
            continue
        style = "italic" if kind == "italic" else "normal"
        fig.text(x / width, 1 - y / height, text, fontsize=size, va="top", ha="left",
                 fontweight="bold" if kind == "bold" else "normal", fontstyle=style,
                 color="#444444" if size < 10 else "#000000", parse_math=False)
        y += 0.42 if size == 15 else line_in * size / 11
    return fig


def _rule(fig: Any, y: float) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([0.03, 0.97], [y, y], transform=fig.transFigure, color="#DDDDDD", lw=0.8)


def quiz(lesson: str | None = None, ids: Sequence[str] | None = None) -> QuizWidget:
    """Build the self-check widget for a lesson and/or chosen question ids.

    Parameters
    ----------
    lesson
        A lesson id (see :data:`LESSONS`); ``None`` for every lesson.
    ids
        Question ids such as ``"Q03-02"``; ``None`` for all of the lesson's.

    Returns
    -------
    QuizWidget
        The widget (not displayed: make it the last expression of a cell).
    """
    return QuizWidget(load_questions(lesson, ids))
