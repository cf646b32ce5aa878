"""Loading, describing and citing the course data (pakfp_course.data)."""

from __future__ import annotations

import pandas as pd
import pytest

import pakfp_course as pc
from pakfp_course.data import CourseData, split_ids
from pakfp_course.errors import UnknownChoiceError

API_DATASETS = [
    "aid_crs",
    "aid_greenbook",
    "cost_of_war",
    "drone_strikes",
    "fatalities",
    "war_deaths",
    "cpec",
    "arms_imports",
    "events",
    "phases",
    "rsct_relations",
    "paper_figures",
    "claims",
    "contrasts",
    "sources",
    "seeds",
    "glossary",
]


def test_every_api_dataset_is_listed_and_loads():
    names = pc.list_datasets()
    assert set(API_DATASETS) <= set(names)
    for name in names:
        frame = pc.load(name)
        assert len(frame) > 0, name
        assert "source_id" in frame.columns, f"{name} rows must carry a source_id"
        assert frame["source_id"].notna().all(), name


def test_types_follow_the_schema():
    aid = pc.load("aid_crs")
    assert aid["security_usd_m"].dtype == "Int64"
    assert aid["csf_usd_m"].isna().sum() == 3  # FY2017, FY2018, FY2020 printed no CSF
    assert pd.api.types.is_datetime64_any_dtype(aid["crs_table_date"])
    assert pd.api.types.is_string_dtype(aid["fy_label"])
    events = pc.load("events")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert events.loc[events.event_id == "EV052", "date"].iloc[0] == pd.Timestamp("2011-01-27")
    cost = pc.load("cost_of_war")
    assert cost["partial_period"].dtype == "boolean"
    assert cost["cost_usd_bn"].dtype == "float64"
    assert pc.load("claims")["claim_id"].is_unique


def test_load_returns_an_independent_copy():
    first = pc.load("phases")
    first.loc[0, "name"] = "changed"
    assert pc.load("phases").loc[0, "name"] != "changed"


def test_unknown_dataset_names_the_closest_and_the_valid_ones():
    with pytest.raises(UnknownChoiceError) as info:
        pc.load("aid_cr")
    message = str(info.value)
    assert "'aid_cr'" in message
    assert "Did you mean 'aid_crs'?" in message
    for name in API_DATASETS:
        assert repr(name) in message
    assert isinstance(info.value, ValueError)


def test_describe_gives_fields_units_and_caveats():
    desc = pc.describe("aid_crs")
    text = str(desc)
    assert desc.rows == len(pc.load("aid_crs"))
    assert "US$ millions" in text
    assert "six-year aggregate" in text  # the caveat students must see
    assert "csf_usd_m" in desc._repr_markdown_()


def test_cite_text_lists_every_source_with_its_citation():
    text = pc.cite("aid_crs")
    sources = pc.load("sources").set_index("source_id")
    used = {s for cell in pc.load("aid_crs")["source_id"] for s in split_ids(cell)}
    assert used == {"CRS_PAKAID_2013_10", "CRS_PAKAID_2014_03", "CRS_PAKAID_2019_03"}
    for sid in used:
        assert sources.loc[sid, "citation"] in text
        assert f"({sid})" in text


def test_cite_bibtex_has_one_entry_per_source():
    bib = pc.cite("cost_of_war", style="bibtex")
    assert bib.count("@misc{") == len(pc.sources_for(pc.load("cost_of_war")))
    assert "@misc{PES_2017_18_NATION," in bib
    assert bib.count("{") == bib.count("}")


def test_cite_rejects_unknown_style():
    with pytest.raises(UnknownChoiceError, match="'text', 'bibtex'"):
        pc.cite("aid_crs", style="apa")


def test_sources_for_follows_the_rows_of_a_filtered_frame():
    events = pc.load("events")
    one = events[events.event_id == "EV052"]
    cited = pc.sources_for(one)
    assert list(cited["source_id"]) == split_ids(one["source_id"].iloc[0])
    assert cited["citation"].notna().all()
    with pytest.raises(ValueError, match="no 'source_id' column"):
        pc.sources_for(events[["event_id", "title"]])


def test_split_ids_handles_spaces_and_missing():
    assert split_ids("A; B;C") == ["A", "B", "C"]
    assert split_ids(pd.NA) == []
    assert split_ids(None) == []


def test_the_installed_data_validates(course: CourseData):
    assert course.validate() == []
