"""Display names: every kind and role named in both languages; agency search text."""

from graph.fixtures import tiny_table
from graph.labels import (
    KIND_NAMES,
    agency_choices,
    agency_full_name,
    kind_name,
    role_name,
)
from graph.registry import KINDS


def test_every_registry_kind_has_names():
    for kind in KINDS:
        assert kind in KIND_NAMES
        assert kind_name(kind, "zh") != kind_name(kind, "en")


def test_unknown_values_fall_back_to_themselves():
    assert kind_name("martian") == "martian"
    assert role_name("observer", "en") == "observer"


def test_full_names_from_the_registry():
    assert agency_full_name("gacc", "zh") == "海关总署"
    assert agency_full_name("gacc", "en") == "General Administration of Customs"
    assert agency_full_name("unregistered body") == "unregistered body"


def test_choices_are_searchable_in_both_languages():
    choices = agency_choices(tiny_table(), "zh")
    # 商务部 and 发展改革委 have three rows each, 工商总局 two, the rest one.
    assert list(choices) == ["mofcom", "ndrc", "saic", "aqsiq", "depts_relevant"]
    assert choices["aqsiq"].startswith("质检总局 · AQSIQ · ")
    assert (
        "General Administration of Quality Supervision"
        in agency_choices(tiny_table(), "en")["aqsiq"]
    )
