"""The agency registry and succession table."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.paths import AGENCIES_CSV, SUCCESSION_CSV
from graph.registry import load_registry


def test_the_document_actors_are_all_registered(registry, bundled_table):
    in_2015 = set(registry.agencies.index[registry.agencies["in_2015"]])
    assert len(in_2015) == 40
    assert set(bundled_table["agency"]) == in_2015


def test_aliases_resolve(registry):
    assert registry.resolve("工信部") == "miit"
    assert registry.resolve("工业和信息化部") == "miit"
    assert registry.resolve("各省级人民政府") == "gov_provincial"
    assert registry.resolve("有关部门") == "depts_relevant"


def test_successors_follow_primary_edges(registry):
    assert registry.current_successor("saic") == "samr"
    assert registry.current_successor("aqsiq") == "samr"
    assert registry.current_successor("cfda") == "samr"
    assert registry.current_successor("circ") == "nfra"  # via CBIRC in 2018
    assert registry.current_successor("mofcom") == "mofcom"


def test_one_to_many_succession_is_kept(registry):
    edges = registry.succession
    aqsiq = set(edges.loc[(edges["from_agency"] == "aqsiq") & (edges["year"] == 2018), "to_agency"])
    assert aqsiq == {"samr", "gacc", "cnipa"}
    primary = edges[edges["primary"]]
    assert not primary.duplicated(["from_agency", "year"]).any()


def test_generic_kinds(registry):
    assert registry.is_generic("depts_relevant") and registry.is_generic("gov_local_all")
    assert not registry.is_generic("mofcom")


def test_broken_registry_is_reported(tmp_path):
    text = AGENCIES_CSV.read_text(encoding="utf-8").splitlines()
    header, first, second = text[0], text[1], text[2]
    bad = tmp_path / "agencies.csv"
    # second row reuses the first row's id and gets a kind that does not exist
    broken = second.replace(second.split(",")[0], first.split(",")[0], 1)
    bad.write_text("\n".join([header, first, broken.replace("party_body", "ministry_x")]) + "\n")
    with pytest.raises(ValidationError) as caught:
        load_registry(bad, SUCCESSION_CSV)
    messages = str(caught.value)
    assert "duplicate agency id" in messages
    assert "unknown agency id" in messages  # succession now points at ids that are gone
