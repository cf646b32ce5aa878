"""Every lesson in a real JupyterLab, driven by headless Chromium.

Each lesson opens, runs all its cells and ends with no error output; one of its
explorers, a live widget, shows something else when a control changes; a quiz
question answered wrongly then rightly shows the matching feedback.
Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
import shutil
import time

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

