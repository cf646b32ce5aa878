"""The self-check quizzes: a well-formed, sourced bank; plain grading; a widget that escapes."""

from __future__ import annotations

import base64
import csv
import html
import re

import ipywidgets as w
import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course import data, quiz
from pakfp_course.data import CourseData
from pakfp_course.errors import CourseDataError, UnknownChoiceError
from pakfp_course.quiz import Option, Question
from pakfp_course.resources import course_path

from . import conftest
from .conftest import edit_cell

HEADER = ["question_id", "lesson", "kind", "prompt", "option", "option_text", "correct",
          "explanation", "source_id"]


@pytest.fixture(scope="module")
def bank() -> list[Question]:
    return quiz.load_questions()


def _q(kind: str = "single", correct: tuple[str, ...] = ("b",), qid: str = "T01",
       prompt: str = "Which one?") -> Question:
    options = tuple(
        Option(k, f"option {k}", k in correct, f"explanation of {k}") for k in "abcd")
    return Question(qid, "03_bandwagoning", kind, prompt, options, ("WALT_1987",))


# ------------------------------------------------------------------------ the bank
def test_the_csv_has_the_documented_long_format():
    with open(course_path("course_data") / "quiz.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == HEADER
    assert pc.describe("quiz").primary_key == ("question_id", "option")


def test_every_lesson_has_questions_and_every_question_is_well_formed(bank):
    by_lesson = {lesson: [q for q in bank if q.lesson == lesson] for lesson in quiz.LESSONS}
    assert all(len(qs) >= 4 for qs in by_lesson.values()), {k: len(v) for k, v in
                                                             by_lesson.items()}
    assert len(by_lesson["08_review"]) >= 6
    assert len({q.question_id for q in bank}) == len(bank)
    assert {q.kind for q in bank} == {"single", "multiple"}
    for q in bank:
        assert q.question_id.startswith(f"Q{q.lesson[:2]}-"), q.question_id
        assert q.keys == tuple("abcdefgh"[: len(q.options)]), q.question_id
        assert len(q.options) >= 3, q.question_id
        assert len(q.correct_keys) == 1 if q.kind == "single" else len(q.correct_keys) >= 1
        hint = "Choose one." if q.kind == "single" else "Choose all that apply."
        assert q.prompt.endswith(hint), q.question_id
        assert q.source_ids, q.question_id
        for o in q.options:
            assert o.text.strip() and len(o.explanation.strip()) > 20, (q.question_id, o.key)


def test_single_choice_answers_are_not_always_in_the_same_place(bank):
    positions = {q.correct_keys[0] for q in bank if q.kind == "single"}
    assert len(positions) >= 3


_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_REFERENCE = re.compile(r"\b(?:P00[023]-\d{2}|EV\d{3}|PF\d{3}|X\d{2}|N\d{2})\b")


def _normalise(token: str) -> str:
    token = token.replace(",", "")
    if "." in token:
        whole, frac = token.split(".")
        frac = frac.rstrip("0")
        whole = whole.lstrip("0") or "0"
        return f"{whole}.{frac}" if frac else whole
    return token.lstrip("0") or "0"


def _numbers(text: str) -> set[str]:
    """Numbers and years in ``text`` ('34,183' -> '34183', '2001-02' -> '2001', '2')."""
    text = _REFERENCE.sub(" ", text.replace("9/11", " "))  # row ids are checked separately
    return {_normalise(t) for t in _NUMBER.findall(text)}


@pytest.fixture(scope="module")
def numbers_by_source() -> dict[str, set[str]]:
    """Every number in every course-data row, filed under the row's source ids."""
    return conftest.numbers_by_source(_numbers, skip=("quiz",))


def _unsourced_numbers(q: Question, index: dict[str, set[str]]) -> set[str]:
    text = " ".join([q.prompt, *(f"{o.text} {o.explanation}" for o in q.options)])
    allowed = set().union(*(index.get(sid, set()) for sid in q.source_ids))
    return _numbers(text) - allowed


def test_every_number_in_the_bank_appears_in_the_data_rows_it_cites(bank, numbers_by_source):
    unsourced = {q.question_id: sorted(_unsourced_numbers(q, numbers_by_source)) for q in bank}
    assert {k: v for k, v in unsourced.items() if v} == {}


def test_the_number_check_catches_an_invented_number(numbers_by_source):
    q = _q(prompt="Walt (1987) counted 1983 alliances and 34.5 wars.")
    assert _unsourced_numbers(q, numbers_by_source) == {"1983", "34.5"}
    # the right figure from the wrong source does not count either
    crs = Question("T02", "08_review", "single", "CRS prints $34,183m.",
                   _q().options, ("WALT_1987",))
    assert _unsourced_numbers(crs, numbers_by_source) == {"34183"}
    ok = Question("T03", "08_review", "single", "CRS prints $34,183m.", _q().options,
                  ("CRS_PAKAID_2019_03",))
    assert _unsourced_numbers(ok, numbers_by_source) == set()


def test_rows_referred_to_in_the_bank_exist(bank):
    known = {
        "P": set(pc.load("claims")["claim_id"]),
        "E": set(pc.load("events")["event_id"]),
        "F": set(pc.load("paper_figures")["figure_id"]),
        "X": set(pc.load("contrasts")["contrast_id"]),
        "N": set(pc.load("aid_narrative")["narrative_id"]),
    }
    for q in bank:
        text = " ".join([q.prompt, *(f"{o.text} {o.explanation}" for o in q.options)])
        for ref in _REFERENCE.findall(text):
            group = "F" if ref.startswith("PF") else ref[0]
            assert ref in known[group], (q.question_id, ref)


def test_bank_sources_resolve():
    known = set(pc.load("sources")["source_id"])
    for q in quiz.load_questions():
        assert set(q.source_ids) <= known, q.question_id


# ------------------------------------------------------------------------ loading
def test_load_by_lesson_and_by_ids_in_the_order_asked():
    lesson = quiz.load_questions("05_rsct")
    assert lesson and {q.lesson for q in lesson} == {"05_rsct"}
    got = quiz.load_questions(ids=["Q06-02", "Q01-01"])
    assert [q.question_id for q in got] == ["Q06-02", "Q01-01"]
    assert quiz.load_questions("01_cold_war_roots", ["Q01-03"])[0].question_id == "Q01-03"


def test_unknown_lesson_names_the_valid_lessons():
    with pytest.raises(UnknownChoiceError) as info:
        quiz.load_questions("03_bandwagon")
    message = str(info.value)
    assert all(repr(lesson) in message for lesson in quiz.LESSONS)
    assert "Did you mean '03_bandwagoning'?" in message


def test_unknown_question_id_names_the_valid_ids():
    with pytest.raises(UnknownChoiceError, match=r"'Q99-01'.*'Q00-01'"):
        quiz.load_questions(ids=["Q00-01", "Q99-01"])
    with pytest.raises(UnknownChoiceError, match=r"lesson '05_rsct'.*'Q05-01'"):
        quiz.load_questions("05_rsct", ids=["Q03-01"])


def _bank_frame() -> pd.DataFrame:
    return pc.load("quiz")


def test_a_single_choice_question_with_two_correct_options_is_reported(data_copy, monkeypatch):
    frame = CourseData(data_copy).load("quiz")
    row = int(frame.index[(frame.question_id == "Q00-01") & ~frame.correct][0])
    edit_cell(data_copy, "quiz", row, "correct", "true")
    monkeypatch.setattr(data, "default", lambda: CourseData(data_copy))
    with pytest.raises(CourseDataError, match=r"quiz\.csv, line \d+: question Q00-01: a "
                       "single-choice question needs exactly one correct option, it has 2"):
        quiz.load_questions("00_start_here")


def test_a_multiple_choice_question_without_a_correct_option_is_reported():
    frame = _bank_frame()
    mask = frame.question_id == "Q08-01"
    frame.loc[mask, "correct"] = False
    with pytest.raises(CourseDataError, match="question Q08-01: a multiple-choice question "
                       "needs at least one correct option"):
        quiz.questions_from_frame(frame)


def test_a_prompt_that_differs_between_rows_is_reported():
    frame = _bank_frame()
    frame.loc[frame.index[frame.question_id == "Q02-03"][1], "prompt"] = "Another prompt"
    with pytest.raises(CourseDataError, match="question Q02-03: the prompt differs") as info:
        quiz.questions_from_frame(frame)
    assert info.value.column == "prompt"


def test_a_hand_built_ill_formed_question_is_refused():
    with pytest.raises(ValueError, match="T01: a single-choice question needs exactly one"):
        _q("single", correct=("a", "b"))
    with pytest.raises(ValueError, match="kind 'essay'"):
        _q("essay")


# ------------------------------------------------------------------------ grading
def test_grade_single_right_and_wrong():
    q = _q("single", correct=("b",))
    right = quiz.grade(q, "b")
    assert right.correct and right.score == 1.0 and right.headline == "Correct."
    assert right.messages == ("b. Right: explanation of b",)
    wrong = quiz.grade(q, "c")
    assert not wrong.correct and wrong.score == 0.0 and wrong.headline == "Not quite."
    assert wrong.messages == ("c. Not right: explanation of c",)  # the answer is not revealed


def test_grade_multiple_with_partial_credit_and_missed_options():
    q = _q("multiple", correct=("a", "b", "c"))
    assert quiz.grade(q, {"a", "b", "c"}).correct
    partial = quiz.grade(q, ["a", "b", "d"])
    assert not partial.correct and partial.score == pytest.approx(1 / 3)
    assert partial.headline.startswith("Not quite. Partly right")
    assert partial.messages == (
        "a. Right: explanation of a", "b. Right: explanation of b",
        "c. Also right (you did not choose it): explanation of c",
        "d. Not right: explanation of d",
    )
    assert quiz.grade(q, ["a"]).score == pytest.approx(1 / 3)
    assert quiz.grade(q, ["a", "d"]).score == 0.0  # one right, one wrong
    assert quiz.grade(_q("multiple", correct=("a",)), ["b", "c"]).score == 0.0  # floored


def test_grade_a_real_question_from_the_bank():
    (q,) = quiz.load_questions(ids=["Q08-04"])
    fb = quiz.grade(q, q.correct_keys)
    assert fb.correct and fb.score == 1.0
    assert len(fb.messages) == len(q.correct_keys)
    assert all(q.option(k).explanation in m for k, m in zip(q.correct_keys, fb.messages,
                                                               strict=True))


@pytest.mark.parametrize("answer", ["", [], set(), None])
def test_grade_refuses_an_empty_answer_naming_the_keys(answer):
    with pytest.raises(ValueError, match=r"no option chosen\. Valid choices: 'a', 'b', 'c', 'd'"):
        quiz.grade(_q(), answer)


def test_grade_refuses_an_unknown_key_naming_the_keys():
    with pytest.raises(UnknownChoiceError, match=r"'e'.*Valid choices: 'a', 'b', 'c', 'd'"):
        quiz.grade(_q("multiple", correct=("a",)), ["a", "e"])
    with pytest.raises(ValueError, match="takes one answer"):
        quiz.grade(_q(), ["a", "b"])


# ------------------------------------------------------------------------- widget
def test_quiz_returns_a_widget_without_displaying(monkeypatch):
    import IPython.display

    def refuse(*args, **kwargs):
        raise AssertionError("the builder must not call display()")

    monkeypatch.setattr(IPython.display, "display", refuse)
    widget = quiz.quiz("06_china_turn")
    assert isinstance(widget, w.Widget) and isinstance(widget, quiz.QuizWidget)
    assert [q.lesson for q in widget.questions] == ["06_china_turn"] * len(widget.questions)
    for q, answer in zip(widget.questions, widget.answer_widgets, strict=True):
        assert isinstance(answer, w.RadioButtons if q.kind == "single" else quiz.CheckboxGroup)
    assert len(widget.check_buttons) == len(widget.feedback) == len(widget.questions)
    with pytest.raises(UnknownChoiceError):
        quiz.quiz("5")


def test_check_shows_not_quite_then_correct():
    widget = quiz.quiz(ids=["Q02-03", "Q02-02"])
    single, multiple = widget.questions
    wrong = next(k for k in single.keys if k not in single.correct_keys)
    widget.answer_widgets[0].value = wrong
    widget.check_buttons[0].click()
    shown = widget.feedback[0].value
    assert "Not quite." in shown
    assert html.escape(single.option(wrong).explanation) in shown
    widget.answer_widgets[0].value = single.correct_keys[0]
    widget.check_buttons[0].click()
    assert "Correct." in widget.feedback[0].value and "Not quite" not in widget.feedback[0].value
    widget.answer_widgets[1].value = multiple.correct_keys[:1]
    widget.check_buttons[1].click()
    assert "Partly right" in widget.feedback[1].value
    widget.answer_widgets[1].value = multiple.correct_keys
    widget.check_buttons[1].click()
    assert "Correct." in widget.feedback[1].value


def test_every_option_is_named_by_its_text_and_feedback_is_not_colour_alone():
    widget = quiz.quiz(ids=["Q02-02", "Q02-03"])
    multiple, single = widget.questions
    boxes = widget.answer_widgets[0].boxes
    assert [b.description for b in boxes.values()] == [f"{o.key}. {o.text}"
                                                       for o in multiple.options]
    assert widget.answer_widgets[1].options[0][0].startswith(f"a. {single.options[0].text}")
    right = quiz.feedback_html(quiz.grade(single, single.correct_keys[0]))
    wrong = quiz.feedback_html(quiz.grade(single, next(
        k for k in single.keys if k not in single.correct_keys)))
    assert '<span aria-hidden="true">\u2714 </span>Correct.' in right
    assert '<span aria-hidden="true">\u2718 </span>Not quite.' in wrong


def test_check_without_an_answer_asks_for_one():
    widget = quiz.quiz(ids=["Q00-01"])
    widget.check_buttons[0].click()
    assert "Choose an answer first." in widget.feedback[0].value


def _html_values(widget: w.Widget) -> list[str]:
    out = [widget.value] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        out += _html_values(child)
    return out


def test_text_from_the_bank_is_escaped():
    evil = "<script>alert(1)</script>"
    options = (Option("a", f"{evil} right", True, f"because {evil}"),
               Option("b", "<b>bold</b> wrong", False, "<img src=x onerror=alert(2)>"))
    widgets = [quiz.QuizWidget([Question("T09", "08_review", kind, f"Which {evil}?", options)])
               for kind in ("single", "multiple")]
    for widget in widgets:
        widget.answer_widgets[0].value = "b" if isinstance(widget.answer_widgets[0],
                                                           w.RadioButtons) else ["b"]
        widget.check_buttons[0].click()
        shown = "".join(_html_values(widget))
        assert "<script" not in shown and "<img" not in shown and "<b>bold" not in shown
        assert "&lt;script&gt;" in shown and "&lt;img src=x" in shown
        bundle, _ = widget._repr_mimebundle_()
        assert "<script" not in bundle["text/html"]


def test_display_bundle_has_live_view_picture_alt_and_text_without_answers():
    widget = quiz.quiz("03_bandwagoning")
    bundle, metadata = widget._repr_mimebundle_()
    assert {"application/vnd.jupyter.widget-view+json", "image/png", "text/html",
            "text/plain"} <= set(bundle)
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    alt = metadata["image/png"]["alt"]
    assert re.search(r'<img [^>]*alt="[^"]+"', bundle["text/html"])
    assert html.escape(alt, quote=True) in bundle["text/html"]
    text = bundle["text/plain"]
    for q in widget.questions:
        assert q.prompt in alt
        assert q.prompt[:60] in text
        for o in q.options:
            assert f"{o.key}. {o.text[:40]}" in text
    for q in widget.questions:
        for o in q.options:
            for shown in (text, alt, bundle["text/html"]):
                assert o.explanation not in shown
    assert "Right:" not in text and "Correct." not in text


def test_the_card_draws_questions_and_options_but_no_answers():
    widget = quiz.quiz("07_stability_and_sources")
    fig = quiz._card(widget.questions, widget.title)
    drawn = " ".join(t.get_text() for t in fig.texts)
    for q in widget.questions:
        assert q.question_id not in drawn
        assert q.prompt.split()[0] in drawn
        for o in q.options:
            assert o.explanation[:30] not in drawn
    assert widget.title in drawn and "Source:" in drawn


@pytest.mark.slow
def test_in_a_kernel_the_quiz_is_one_bundle_and_plain_html_keeps_its_picture(tmp_path):
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from pakfp_course import quiz\n"
                                          "quiz.quiz('05_rsct')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    (out,) = [o for o in nb.cells[0].outputs if o.output_type == "execute_result"]
    assert {"application/vnd.jupyter.widget-view+json", "image/png", "text/html",
            "text/plain"} <= set(out.data)
    assert out.metadata["image/png"]["alt"].startswith("Self-check: Regional Security")
    nb.metadata.pop("widgets", None)  # as in an export without saved widget state
    body, _ = HTMLExporter().from_notebook_node(nb)
    assert re.search(r'<img [^>]*alt="Self-check: Regional Security', body)
