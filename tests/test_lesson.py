"""Helpers the lesson notebooks call (pakfp_course.lesson)."""

from __future__ import annotations

import pytest

import pakfp_course as pc
from pakfp_course import explore, lesson
from pakfp_course.errors import UnknownChoiceError


def test_check_parameters_accepts_the_api_values():
    p = lesson.check_parameters("2009-2016", "instructor")
    assert p.phase == "2009-2016" and p.instructor
    assert not lesson.check_parameters().instructor


@pytest.mark.parametrize(("phase", "audience", "match"), [
    ("2009", "student", "unknown phase '2009'"),
    ("all", "teacher", "unknown audience 'teacher'. .*'student', 'instructor'"),
])
def test_check_parameters_rejects_bad_values(phase, audience, match):
    with pytest.raises(UnknownChoiceError, match=match):
        lesson.check_parameters(phase, audience)


def test_phases_of():
    assert lesson.phases_of("all") == list(pc.PHASE_IDS)
    assert lesson.phases_of("all", post_2001=True) == list(pc.PHASE_IDS[1:])
    assert lesson.phases_of("2017-present") == ["2017-present"]


def test_phase_box_shows_only_the_chosen_phase_with_computed_figures():
    text = lesson.phase_box("2009-2016").data
    assert "US\\$ " in text and "US$" not in text  # escaped: no maths in Markdown
    text = text.replace("\\$", "$")
    assert "(`2009-2016`, 2009–2016)" in text
    assert "`2001-2008`" not in text
    assert explore.phase_summary("2009-2016").facts[0]["value"] in text
    assert "(`2017-present`, 2017–present)" in lesson.phase_box("2017-present").data
    everything = lesson.phase_box("all").data
    assert all(f"(`{p}`," in everything for p in pc.PHASE_IDS)


def test_markdown_escapes_dollars_once():
    assert lesson.markdown("US$ 1 and US$ 2, \\$3").data == "US\\$ 1 and US\\$ 2, \\$3"


def test_money_formats():
    assert lesson.usd_m(34183) == "US$ 34,183 m"
    assert lesson.usd_bn(34183) == "US$ 34.18 bn"


def test_sources_cites_datasets_and_extra_ids():
    text = lesson.sources(["drone_strikes"], extra=["WALT_1987", "SEED003"]).data
    assert "Dataset 'drone_strikes'" in text and "(TBIJ_DRONES_GH)" in text
    assert "The Origins of Alliances" in text and "(SEED003)" in text
    with pytest.raises(UnknownChoiceError, match="unknown source_id 'NOPE'"):
        lesson.sources([], extra=["NOPE"])
    with pytest.raises(UnknownChoiceError, match="unknown dataset"):
        lesson.sources(["nope"])


def test_md_table_escapes_and_checks_columns():
    import pandas as pd

    frame = pd.DataFrame({"a": ["x|y", None], "b": [1200, 3], "c": ["US$ 1", "US$ 2"]})
    text = lesson.md_table(frame, {"a": "A", "b": "B", "c": "C"}).data
    assert text.splitlines()[0] == "| A | B | C |"
    assert "| x\\|y | 1,200 | US\\$ 1 |" in text
    with pytest.raises(UnknownChoiceError, match="unknown column 'd'"):
        lesson.md_table(frame, ["d"])


def test_claim_cards_and_event_list_come_from_the_data():
    claims = pc.load("claims").set_index("claim_id")
    text = lesson.claim_cards(["P000-03"]).data.replace("\\$", "$")
    assert claims.loc["P000-03", "quote"] in text and "contradicted" in text
    assert "sources:" not in lesson.claim_cards(["P000-03"], sources=False).data
    events = lesson.event_list(["EV054", "EV052"]).data
    assert events.index("EV052") < events.index("EV054")  # timeline order
    # a cause dated to the day comes before an effect known only to the month or year
    events = lesson.event_list(["EV026", "EV025", "EV010", "EV009"]).data
    order = [events.index(i) for i in ("EV009", "EV010", "EV025", "EV026")]
    assert order == sorted(order), events
    assert "1998-05 (day unknown)" in events and "1965 (month unknown)" in events
    with pytest.raises(UnknownChoiceError, match="unknown event id 'EV999'"):
        lesson.event_list(["EV999"])
    with pytest.raises(UnknownChoiceError, match="unknown claim id"):
        lesson.claim_cards(["P9"])


@pytest.mark.slow
def test_charts_carry_their_alt_text_in_notebook_outputs(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    from pakfp_course import plots
    from pakfp_course.style import get_alt

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "from pakfp_course import lesson, plots\nlesson.enable_alt_text()\n"
        "plots.cost_of_war();")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    (out,) = [o for o in nb.cells[0].outputs if "image/png" in o.get("data", {})]
    import matplotlib

    matplotlib.use("Agg")
    assert out.metadata["image/png"]["alt"] == get_alt(plots.cost_of_war())
