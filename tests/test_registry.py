"""The agency registry and succession table."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph.errors import ValidationError
from graph.paths import AGENCIES_CSV, SUCCESSION_CSV
from graph.registry import KINDS, RELATIONS, load_registry, name_variants


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


# --- the registry of 2008-2024 ---------------------------------------------------------------

CORPUS_DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus-dev"
HAND_TABLES = Path(__file__).parent / "corpus"
ROLE = r"(?:按照?职责分工(?:分别)?负责|牵头负责|组织实施|组织起草|起草|负责|牵头)"
QUALIFIER = r"等(?:国务院相关部门|国务院有关部门|有关部门和单位|有关部门|相关部门|部门)?"


def test_every_kind_is_known_and_used(registry):
    kinds = set(registry.agencies["kind"])
    assert kinds <= set(KINDS)
    assert kinds == set(KINDS)  # every kind has bodies


def test_every_name_belongs_to_one_body(registry):
    owners: dict[str, set[str]] = {}
    for agency_id, row in registry.agencies.iterrows():
        for form in {row["short_name"], row["full_name_zh"], *row["aliases"].split("|")} - {""}:
            owners.setdefault(form, set()).add(agency_id)
    assert {form: ids for form, ids in owners.items() if len(ids) > 1} == {}
    assert all(registry.resolve(form) == ids.pop() for form, ids in owners.items())


def test_ids_are_stable_lowercase_ascii(registry):
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", agency_id) for agency_id in registry.agencies.index)


def test_succession_knows_every_id_and_primary_edges_form_no_cycle(registry):
    edges = registry.succession
    known = set(registry.agencies.index)
    assert set(edges["from_agency"]) | set(edges["to_agency"]) <= known
    assert set(edges["relation"]) <= RELATIONS
    primary = edges[edges["primary"]]
    assert not (primary["from_agency"] == primary["to_agency"]).any()
    graph = nx.DiGraph(list(zip(primary["from_agency"], primary["to_agency"], strict=True)))
    assert nx.is_directed_acyclic_graph(graph)
    # every primary edge goes forward in time: its target outlives its year
    for row in primary.itertuples(index=False):
        assert registry.exists_in(row.to_agency, row.year), row


def test_reforms_of_every_period_are_recorded(registry):
    years = set(registry.succession["year"])
    assert {2008, 2013, 2018, 2023} <= years


def test_every_chain_ends_at_a_body_that_exists_today(registry):
    for agency_id in registry.agencies.index:
        today = registry.current_successor(agency_id)
        dissolved = not (registry.succession["from_agency"] == agency_id).any()
        assert registry.exists_in(today, 2024) or dissolved, (agency_id, today)


@pytest.mark.parametrize(
    ("written", "today"),
    [
        ("工商总局", "市场监管总局"),
        ("卫生部", "卫生健康委"),
        ("人口计生委", "卫生健康委"),
        ("国家食品药品监管局", "市场监管总局"),
        ("铁道部", "铁路局"),
        ("中国铁路总公司", "国铁集团"),
        ("扶贫办", "农业农村部"),
        ("国家测绘局", "自然资源部"),
        ("环保总局", "生态环境部"),
        ("信息产业部", "工业和信息化部"),
        ("国防科工委", "国防科工局"),
        ("人事部", "人力资源社会保障部"),
        ("民航总局", "民航局"),
        ("电监会", "能源局"),
        ("广播电影电视总局", "广电总局"),
        ("国家粮食局", "粮食和储备局"),
        ("安全监管总局", "应急管理部"),
        ("监察部", "中央纪委国家监委"),
        ("国务院侨办", "中央统战部"),
        ("国务院港澳办", "中央港澳办"),
        ("总参谋部", "中央军委联合参谋部"),
        ("煤矿安监局", "矿山安监局"),
        ("保监会", "金融监管总局"),
        ("商务部", "商务部"),
    ],
)
def test_today_s_body_across_reforms(registry, written, today):
    assert registry.label(registry.current_successor(registry.resolve(written))) == today


def test_bodies_of_a_chosen_year(registry):
    moh, mor = registry.resolve("卫生部"), registry.resolve("铁道部")
    assert [registry.successor_in(moh, y) for y in (2010, 2013, 2018)] == ["moh", "nhfpc", "nhc"]
    assert (
        registry.successor_in("crc", 2018) == "crc" and registry.successor_in("crc", 2019) == "cr"
    )
    assert registry.successor_in(mor, 2012) == mor
    split = registry.succession[
        (registry.succession["from_agency"] == mor) & (registry.succession["year"] == 2013)
    ]
    assert set(split["to_agency"]) == {"nra", "crc", "mot"}
    assert registry.exists_in("nrra", 2021) and not registry.exists_in("nrra", 2023)
    assert not registry.exists_in("nrra", 2020) and not registry.exists_in("no such body", 2020)
    # the bodies of each year: successors are bodies of that year
    for year in (2008, 2013, 2018, 2023):
        for agency_id in registry.agencies.index:
            if registry.exists_in(agency_id, year - 1):
                body = registry.successor_in(agency_id, year)
                dissolved = not (registry.succession["from_agency"] == agency_id).any()
                assert registry.exists_in(body, year) or dissolved, (agency_id, year, body)


def test_forms_with_or_without_a_leading_prefix_resolve(registry):
    assert registry.resolve("中国民航局") == registry.resolve("民航局") == "caac"
    assert registry.resolve("国家民航局") == "caac"  # 国家 dropped
    assert registry.resolve("国家体育总局") == registry.resolve("中国体育总局") == "gass"
    assert registry.resolve("中华人民共和国国家统计局") == "nbs"  # two prefixes dropped
    assert registry.resolve("国家铁路集团有限公司") == "cr"  # 中国 added
    assert registry.resolve("中共中央宣传部") == "cpc_publicity"
    assert registry.resolve("扶贫办") == registry.resolve("国家扶贫办") == "cpad"
    # a form whose variants name two bodies is not guessed
    assert registry.resolve("办公厅") is None
    assert registry.resolve("国家星际铁路局") is None
    assert name_variants("国资委")[2] == "国务院国资委"


def _assignment_names(content: str) -> list[str]:
    """The names of an assignment parenthetical, read crudely (role words, qualifiers,
    labels and standing notes taken off); enough to check the registry's coverage."""
    content = re.sub(r"^负责部门：", "", content)
    content = re.split(r"[，；]适用范围：", content)[0].split("。")[0]
    names = []
    for group in re.split(r"[，；]", content):
        group = re.sub(ROLE + r"$", "", group)
        for part in re.split(r"、|及|等和|" + QUALIFIER + r"(?=及|和|$)", group):
            part = re.sub(QUALIFIER + "$", "", re.sub(r"^和", "", part))
            if part:
                names.append(part)
    return names


@pytest.mark.skipif(not CORPUS_DEV.is_dir(), reason=f"the real documents are not at {CORPUS_DEV}")
def test_every_name_the_real_documents_assign_resolves(registry):
    texts = sorted(CORPUS_DEV.glob("*.txt"))
    assert len(texts) == 9
    unresolved: dict[str, str] = {}
    seen = 0
    for path in texts:
        for match in re.finditer(r"（([^（）]*)）", path.read_text(encoding="utf-8")):
            content = match.group(1)
            if content.startswith("负责部门：") or re.search(ROLE + r"(?:。.*)?$", content):
                for name in _assignment_names(content):
                    seen += 1
                    if registry.resolve(name) is None:
                        unresolved[name] = path.stem
    assert seen > 400
    assert unresolved == {}


def test_every_actor_of_the_hand_written_tables_resolves(registry):
    actors = set()
    for path in sorted(HAND_TABLES.glob("*.csv")):
        actors |= set(pd.read_csv(path, dtype=str, keep_default_na=False)["actor"])
    assert len(actors) > 70
    assert sorted(a for a in actors if registry.resolve(a) is None) == []


def _broken(tmp_path, edit):
    frame = pd.read_csv(AGENCIES_CSV, dtype=str, keep_default_na=False)
    edit(frame)
    path = tmp_path / "agencies.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(ValidationError) as caught:
        load_registry(path, SUCCESSION_CSV)
    return str(caught.value)


def test_years_that_do_not_fit_the_succession_are_reported(tmp_path):
    def reopen_moh(frame):
        frame.loc[frame["agency_id"] == "moh", "abolished"] = ""

    assert "a primary edge ends its source" in _broken(tmp_path, reopen_moh)

    def late_end(frame):
        frame.loc[frame["agency_id"] == "mos", "abolished"] = "2019"

    messages = _broken(tmp_path, late_end)
    assert "abolished in 2019 but no primary succession edge that year" in messages
    assert "agencies.csv" in messages and "succession.csv" in messages

    def bad_year(frame):
        frame.loc[frame["agency_id"] == "nrra", "established"] = "二〇二一"

    assert "not a year" in _broken(tmp_path, bad_year)

    def shared_name(frame):
        frame.loc[frame["agency_id"] == "sfda", "aliases"] += "|国家卫生健康委"

    assert "name also used by" in _broken(tmp_path, shared_name)

    def late_target(frame):
        frame.loc[frame["agency_id"] == "nhfpc", "established"] = "2014"

    assert "target body did not exist after that year" in _broken(tmp_path, late_target)


def test_an_edge_given_twice_is_reported(tmp_path):
    edges = pd.read_csv(SUCCESSION_CSV, dtype=str, keep_default_na=False)
    path = tmp_path / "succession.csv"
    pd.concat([edges, edges.iloc[[0]]]).to_csv(path, index=False)
    with pytest.raises(ValidationError) as caught:
        load_registry(AGENCIES_CSV, path)
    assert f"line {len(edges) + 2}" in str(caught.value) and "same edge as line 2" in str(
        caught.value
    )
