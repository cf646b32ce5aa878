"""Every lesson in a real JupyterLab, driven by headless Chromium.

Each lesson opens, runs all its cells and ends with no error output; one of its
explorers, a live widget, shows something else when a control changes; a quiz
question answered wrongly then rightly shows the matching feedback. A scratch
notebook shows every explorer and a quiz, driven with the keyboard alone.
Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
import shutil
import time

import nbformat
import pytest

from pakfp_course import quiz as quiz_mod
from pakfp_course.resources import course_path

from .browser import browser_context, jupyter_lab, shot
from .conftest import chromium_or_skip

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = sorted(p.stem for p in course_path("notebooks").glob("[0-9]*.ipynb"))

OPEN_JS = """(name) => {
  const app = window.jupyterapp;
  const w = app && app.shell.currentWidget;
  return !!(w && w.context && w.context.path.endsWith(name) && w.content && w.sessionContext);
}"""

RUN_ALL_JS = """async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  const ok = await app.commands.execute('notebook:run-all-cells');
  const errors = [];
  let unexecuted = 0, code = 0;
  const cells = panel.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    code++;
    if (cell.executionCount === null) unexecuted++;
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === 'error') errors.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
    }
  }
  return {ok, errors, unexecuted, code, status: panel.sessionContext.session.kernel.status};
}"""

SHUTDOWN_JS = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.sessionContext.shutdown();
}"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    chromium_or_skip()
    root = tmp_path_factory.mktemp("lessons")
    for nb in course_path("notebooks").glob("*.ipynb"):
        shutil.copy(nb, root / nb.name)
    with jupyter_lab(root, tmp_path_factory.mktemp("labstate")) as server:
        yield server


@pytest.fixture(scope="module")
def context(tmp_path_factory, lab):
    with browser_context(tmp_path_factory.mktemp("profile")) as ctx:
        yield ctx


def _explorer_view(explorer) -> str:
    """What an explorer shows: its picture's address and its text."""
    src = explorer.locator("img").first.get_attribute("src") or ""
    return src + "\n" + explorer.inner_text()


def _change_a_control(page, explorer) -> str:
    """Change one control of the explorer (dropdown, else checkbox, else slider)."""
    select = explorer.locator("select")
    if select.count():
        box = select.first
        values = box.locator("option").evaluate_all("os => os.map(o => o.value)")
        current = box.input_value()
        box.select_option(next(v for v in values if v != current))
        return "dropdown"
    checkbox = explorer.locator("input[type=checkbox]")
    if checkbox.count():
        checkbox.first.click()
        return "checkbox"
    handle = explorer.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    return "slider"


def _wait_for_change(explorer, before: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = _explorer_view(explorer)
        if now != before:
            return now
        time.sleep(0.25)
    return before


def _check_quiz(page, lesson: str) -> None:
    questions = {q.question_id: q for q in quiz_mod.load_questions()}
    quiz = page.locator(".pakfp-quiz").first
    quiz.scroll_into_view_if_needed()
    blocks = quiz.locator(".pakfp-question")
    assert blocks.count() > 0, "the lesson shows a live quiz"
    for i in range(blocks.count()):
        block = blocks.nth(i)
        found = re.search(r"Q\d\d-\d\d", block.text_content() or "")
        question = questions[found.group(0)] if found else None
        if question is not None and question.kind == "single":
            break
    else:
        pytest.fail(f"no single-choice question in the quiz of {lesson}: "
                    f"{blocks.first.text_content()[:300]!r}")
    block.scroll_into_view_if_needed()
    radios = block.locator("input[type=radio]")
    keys = [o.key for o in question.options]
    right = next(o.key for o in question.options if o.correct)
    wrong = next(o.key for o in question.options if not o.correct)
    for key in (wrong, right):
        radios.nth(keys.index(key)).check()
        block.get_by_role("button", name="Check").click()
        expected = quiz_mod.grade(question, key)
        feedback = block.locator(".pakfp-feedback")
        # a kernel round trip: generous, the course build may share the machine
        feedback.filter(has_text=expected.headline).wait_for(timeout=60_000)
        text = feedback.inner_text()
        assert expected.headline in text
        assert expected.messages[0][:40] in text
        shot(page, f"lab-{lesson}-quiz-{'right' if key == right else 'wrong'}")


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_in_jupyterlab_with_live_explorer_and_quiz(lab, context, lesson: str):
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(lab.tree(f"{lesson}.ipynb"))
        page.wait_for_function(OPEN_JS, arg=f"{lesson}.ipynb", timeout=90_000)
        result = page.evaluate(RUN_ALL_JS)
        shot(page, f"lab-{lesson}-ran")
        assert result["ok"], result
        assert result["errors"] == [], result["errors"]
        assert result["code"] > 5 and result["unexecuted"] == 0

        explorer = page.locator(".pakfp-explorer").first
        explorer.wait_for(state="visible")
        explorer.scroll_into_view_if_needed()
        explorer.locator("img").first.wait_for(state="visible")
        before = _explorer_view(explorer)
        shot(page, f"lab-{lesson}-explorer-before")
        control = _change_a_control(page, explorer)
        after = _wait_for_change(explorer, before)
        shot(page, f"lab-{lesson}-explorer-after")
        assert after != before, f"changing the {control} of an explorer changed nothing"

        _check_quiz(page, lesson)
        page.evaluate(SHUTDOWN_JS)
    finally:
        page.close()



# ------------------------------------------------------------------ keyboard only
#: The explorers and the controls a keyboard user changes in each: a CSS selector inside
#: the explorer and the keys pressed once it has focus. A dropdown opens its list with
#: the space bar (JupyterLab keeps the arrow keys of a closed list for moving between
#: cells); radio buttons and checkboxes take the space bar.
KEYBOARD_PLAN = [
    ("phase_explorer()", [("select", ["Space", "ArrowDown", "Enter"])]),
    ("timeline_explorer()", [("select", ["Space", "ArrowDown", "Enter"]),
                             ("input[type=checkbox]", ["Space"])]),
    ("aid_explorer()", [("input[type=radio]:not(:checked)", ["Space"]),
                        ("input[type=checkbox]", ["Space"])]),
    ("bandwagon_ledger()", [("select", ["Space", "ArrowDown", "Enter"])]),
    ("rsct_explorer()", [("select", ["Space", "ArrowDown", "Enter"])]),
    ("claim_checker()", [("select", ["Space", "ArrowDown", "Enter"])]),
]
KEYBOARD_QUIZ = ("Q02-03", "Q02-02")  # one single-choice, one multiple-choice question

FOCUSED_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName, type: el.type || '', visible: el.matches(':focus-visible'),
          outline: style.outlineStyle === 'none' || style.outlineWidth === '0px'
                   ? 'none' : `${style.outlineStyle} ${style.outlineWidth}`,
          shadow: style.boxShadow};
}"""


def _keyboard_notebook(root) -> str:
    """Write a notebook showing every explorer and a quiz; return its name.

    The code is hidden (``source_hidden``), as it would be on a slide: from one
    output to the next, the Tab key then meets only the widgets' controls, never
    a cell's editor (where JupyterLab keeps Tab for indenting and completion).
    """
    hidden = {"jupyter": {"source_hidden": True}}
    sources = ["from pakfp_course import quiz, widgets",
               *(f"widgets.{call}" for call, _ in KEYBOARD_PLAN),
               f"quiz.quiz(ids={list(KEYBOARD_QUIZ)!r})"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src, metadata=hidden)
                                         for src in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, root / "keyboard.ipynb")
    return "keyboard.ipynb"


def _tab_to(page, control, limit: int = 40) -> dict:
    """Press Tab until ``control`` has the focus (at most ``limit`` times); return its focus."""
    for _ in range(limit):
        if control.evaluate("el => el === document.activeElement"):
            return page.evaluate(FOCUSED_JS)
        page.keyboard.press("Tab")
    pytest.fail(f"{limit} presses of Tab never reached the control; the focus is on "
                f"{page.evaluate(FOCUSED_JS)}")


def _assert_focus_visible(focus: dict, what: str) -> None:
    assert focus["visible"], f"{what}: focus is not :focus-visible ({focus})"
    assert focus["outline"] != "none" or focus["shadow"] != "none", \
        f"{what}: a focused control shows no ring ({focus})"


def test_explorers_and_quiz_work_with_the_keyboard_alone(lab, context):
    """Tab to each control, change it with Space, arrow keys and Enter: the view changes.

    The focus starts on the first explorer's first control; from there on only
    keys are pressed: Tab from control to control, through all six explorers and
    the quiz. Every explorer's picture or summary changes, the quiz answers with
    feedback, and every focused control shows a visible ring (its outline or
    box-shadow).
    """
    name = _keyboard_notebook(lab.root)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(lab.tree(name))
        page.wait_for_function(OPEN_JS, arg=name, timeout=90_000)
        result = page.evaluate(RUN_ALL_JS)
        assert result["ok"] and result["errors"] == [], result
        explorers = page.locator(".pakfp-explorer")
        explorers.nth(len(KEYBOARD_PLAN) - 1).locator("img").first.wait_for(state="visible")
        assert explorers.count() == len(KEYBOARD_PLAN)
        explorers.first.locator("select").first.focus()  # the one focus() of the test
        for i, (call, steps) in enumerate(KEYBOARD_PLAN):
            explorer = explorers.nth(i)
            explorer.scroll_into_view_if_needed()
            explorer.locator("img").first.wait_for(state="visible")
            for selector, keys in steps:
                what = f"{call} {selector}"
                before = _explorer_view(explorer)
                _assert_focus_visible(_tab_to(page, explorer.locator(selector).first), what)
                for key in keys:
                    page.keyboard.press(key)
                after = _wait_for_change(explorer, before)
                assert after != before, f"{what}: {'+'.join(keys)} changed nothing"
            shot(page, f"lab-keyboard-{call.split('(')[0]}")

        questions = {q.question_id: q for q in quiz_mod.load_questions(ids=KEYBOARD_QUIZ)}
        blocks = page.locator(".pakfp-quiz .pakfp-question")
        for i, qid in enumerate(KEYBOARD_QUIZ):
            question, block = questions[qid], blocks.nth(i)
            block.scroll_into_view_if_needed()
            kind = "radio" if question.kind == "single" else "checkbox"
            key = question.correct_keys[0]
            option = block.locator(f"input[type={kind}]").nth(question.keys.index(key))
            _assert_focus_visible(_tab_to(page, option), f"{qid} option {key}")
            page.keyboard.press("Space")
            assert option.is_checked(), f"{qid}: Space did not choose option {key}"
            button = block.get_by_role("button", name="Check")
            _assert_focus_visible(_tab_to(page, button), f"{qid} Check button")
            page.keyboard.press("Enter")
            expected = quiz_mod.grade(question, key if kind == "radio" else [key])
            feedback = block.locator(".pakfp-feedback")
            feedback.filter(has_text=expected.headline).wait_for(timeout=60_000)
            assert expected.messages[0][:40] in feedback.inner_text()
        shot(page, "lab-keyboard-quiz")
        page.evaluate(SHUTDOWN_JS)
    finally:
        page.close()
