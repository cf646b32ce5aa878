"""Every explorer survives where no kernel runs: HTML without widget state shows its picture.

A small notebook using each explorer is executed in a real kernel, exported to
HTML with nbconvert's default exporter after dropping the saved widget state
(as a plain `jupyter nbconvert --to html` of an unsaved-state notebook does),
and the HTML must hold an <img> with each explorer's alt text.
"""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

EXPLORERS = {
    "phase_explorer": "widgets.phase_explorer('2009-2016')",
    "timeline_explorer": "widgets.timeline_explorer(start=2001, end=2012)",
    "aid_explorer": "widgets.aid_explorer()",
    "bandwagon_ledger": "widgets.bandwagon_ledger()",
    "rsct_explorer": "widgets.rsct_explorer('2017-present')",
    "claim_checker": "widgets.claim_checker('khan-2024')",
}


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    nb = nbformat.v4.new_notebook()
    cells = ["from pakfp_course import widgets", *EXPLORERS.values()]
    cells.append("ex = widgets.rsct_explorer('cold-war'); ex.controls[0].value = '2009-2016'; ex")
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path_factory.mktemp("nb"))}}).execute()
    return nb


def _alts(text: str) -> list[str]:
    return [html.unescape(a) for a in re.findall(r'<img [^>]*alt="([^"]*)"', text)]


@pytest.mark.slow
def test_each_explorer_leaves_a_picture_with_alt_text_in_plain_html(executed):
    nb = nbformat.from_dict(executed)
    nb.metadata.pop("widgets", None)  # no saved widget state
    body, _ = HTMLExporter().from_notebook_node(nb)
    alts = _alts(body)
    assert len(alts) == len(EXPLORERS) + 1
    from pakfp_course import explore

    rel = explore.relations_for("2017-present")
    assert explore.rsct_alt("2017-present", rel) in alts
    # the last cell changed the phase before display: the picture shows the new state
    assert explore.rsct_alt("2009-2016", explore.relations_for("2009-2016")) == alts[-1]
    assert explore.phase_summary("2009-2016").alt in alts
    assert all(a and a != "Image" for a in alts)


@pytest.mark.slow
def test_every_output_is_one_bundle_with_all_four_parts(executed):
    for cell in executed.cells[1:]:
        (out,) = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert {"application/vnd.jupyter.widget-view+json", "image/png", "text/html",
                "text/plain"} <= set(out.data)
        assert out.metadata["image/png"]["alt"]
        assert not [o for o in cell.outputs if o.output_type == "error"]


@pytest.mark.slow
def test_with_saved_state_html_keeps_the_live_widget(executed):
    assert "widgets" in executed.metadata  # nbclient saved the widget state
    body, _ = HTMLExporter().from_notebook_node(executed)
    views = body.count('<script type="application/vnd.jupyter.widget-view+json">')
    assert views == len(EXPLORERS) + 1
