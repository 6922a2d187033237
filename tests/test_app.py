"""Every page of the dashboard under AppTest: defaults, empty filters, English, projector.

AppTest runs the real entry file (sidebar, navigation, page) in this process;
widgets are found by key. Nothing runs in a browser here: the embedded
networks are checked as the data their components are sent, embedded pages
as HTML (``srcdoc``); the browser tests do the rest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import data, network_view, shared
from graph.filters import Filters
from graph.table import load_measures

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
PAGES = ["overview", "network", "agency", "measures", "clusters", "today"]
# Widgets each page must offer, by key (the sidebar's are checked on every page).
PAGE_KEYS = {
    "overview": {"plotly": ["chart_measures", "chart_leads", "chart_heatmap", "chart_tiers"]},
    "network": {
        "radio": ["net_view", "net_layout"],
        "selectbox": ["net_color", "net_size"],
        "slider": ["net_min_weight"],
    },
    "agency": {"selectbox": ["agency"], "radio": ["agency_view"]},
    "measures": {"text_input": ["measure_query"], "selectbox": ["measure_pick"]},
    "clusters": {"selectbox": ["cluster_pick", "chain_from", "chain_to"]},
    "today": {},
}
SIDEBAR_KEYS = {
    "radio": ["lang", "f_role"],
    "toggle": ["presentation"],
    "multiselect": ["f_sections", "f_articles", "f_kinds"],
    "checkbox": ["f_generic", "f_coordination"],
    "selectbox": ["document", "weighting"],
}


def run_page(page: str, **widgets) -> AppTest:
    """Run the app, set sidebar widgets by key, then switch to ``page``."""
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    for key, value in widgets.items():
        at = _set(at, key, value)
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    return at


def _set(at: AppTest, key: str, value) -> AppTest:
    for kind in ("radio", "toggle", "multiselect", "checkbox", "selectbox"):
        found = [w for w in getattr(at, kind) if w.key == key]
        if found:
            found[0].set_value(value)
            return at.run()
    raise KeyError(key)


def keys(at: AppTest, kind: str) -> set[str]:
    return {w.key for w in getattr(at, kind)}


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_default_filters(page):
    at = run_page(page)
    assert_clean(at)
    assert at.title[0].value == shared.tr(page, "zh")
    for kind, wanted in {**SIDEBAR_KEYS, **PAGE_KEYS[page]}.items():
        if kind == "plotly":
            assert len(at.get("plotly_chart")) >= len(wanted)
        else:
            assert set(wanted) <= keys(at, kind), (kind, wanted, keys(at, kind))


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_no_section_selected(page):
    # Only the closing coordination paragraph (no section) is left: one measure.
    at = run_page(page, f_sections=[])
    assert_clean(at)


@pytest.mark.parametrize("page", PAGES)
def test_empty_result_shows_a_friendly_message(page):
    at = run_page(page, f_sections=[], f_coordination=False)
    assert_clean(at)
    assert [i.value for i in at.info] == [shared.tr("empty", "zh")]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_english(page):
    at = run_page(page, lang="en")
    assert_clean(at)
    assert at.title[0].value == shared.tr(page, "en")


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_presentation_mode(page):
    at = run_page(page, presentation=True)
    assert_clean(at)
    styles = [h.proto.body for h in at.get("html")]
    assert any("font-size: 22px" in body for body in styles)


@pytest.mark.parametrize("page", ["overview", "network", "agency", "clusters"])
def test_page_runs_without_generic_actors_and_with_partners_only(page):
    at = run_page(page, f_generic=False, f_role="partner", weighting="jaccard")
    assert_clean(at)


def networks(at: AppTest) -> list:
    """The network components of the page (custom components v2), in page order."""
    return [e for e in at.get("bidi_component") if e.proto.component_name == "network_view"]


def network_message(at: AppTest, index: int = 0) -> dict:
    """What the page's ``index``-th network component was sent: renderer URL, key, data."""
    return json.loads(networks(at)[index].proto.bytes.decode("utf-8"))


def network_data(at: AppTest, index: int = 0) -> dict:
    """The view data (nodes, edges, legend...) of the page's ``index``-th network."""
    return network_message(at, index)["network"]


def edge_pairs(at: AppTest, index: int = 0) -> list[tuple[str, str]]:
    """The (from, to) node ids of the lines drawn by the ``index``-th network."""
    data = network_data(at, index)
    ids = [node["id"] for node in data["nodes"]]
    flat = data["edges"]["list"]
    return [(ids[flat[k]], ids[flat[k + 1]]) for k in range(0, len(flat), 3)]


def node_ids(at: AppTest, index: int = 0) -> set[str]:
    return {node["id"] for node in network_data(at, index)["nodes"]}


def test_network_page_sends_the_whole_network_and_loads_the_renderer_locally():
    at = run_page("network")
    assert len(networks(at)) == 1
    message = network_message(at)
    # The renderer comes from the app itself, once per page; the rerun sends data only.
    assert message["script"].startswith("/app/static/network-view.js?v=")
    assert len(networks(at)[0].proto.js_content) < 3000
    ids = node_ids(at)
    # The bundled table: 74 measures and 40 actors, 211 assignments.
    assert sum(i.startswith("measure:") for i in ids) == 74
    assert sum(i.startswith("agency:") for i in ids) == 40
    assert len(edge_pairs(at)) == 211


def test_filter_change_redraws_fewer_nodes_in_the_same_places():
    at = run_page("network")
    before = {n["id"]: (n["x"], n["y"]) for n in network_data(at)["nodes"]}
    at = _set(at, "f_generic", False)
    assert_clean(at)
    after = {n["id"]: (n["x"], n["y"]) for n in network_data(at)["nodes"]}
    # 有关部门 and the local governments are generic actors: drawn before, gone after.
    for generic in ("agency:depts_relevant", "agency:gov_local_all", "agency:gov_provincial"):
        assert generic in before and generic not in after
    # Positions come from the full graph: every node left keeps its place.
    assert all(before[node] == place for node, place in after.items())


def test_projection_view_and_min_weight():
    at = run_page("network")
    at.radio(key="net_view").set_value("projection").run()
    assert_clean(at)
    assert all(i.startswith("agency:") for i in node_ids(at))
    all_edges = len(edge_pairs(at))
    at.slider(key="net_min_weight").set_value(5.0).run()
    assert_clean(at)
    heavy = edge_pairs(at)
    # 商务部 and 工商总局 share more than five measures; most pairs share one.
    assert 0 < len(heavy) < all_edges


def test_app_draws_what_a_snapshot_holds():
    # The picture in the app and the downloaded snapshot come from the same
    # analysis, positions and encoding: their specs are equal.
    from graph.snapshot import SnapshotOptions, snapshot_spec

    current = shared.Settings(filters=Filters(sections=(2, 6), include_generic=False))
    for view, extra in [
        ("bipartite", {"layout": "bipartite"}),
        ("bipartite", {"layout": "force", "color_by": "cluster"}),
        ("projection", {"color_by": "cluster", "min_weight": 2.0}),
        ("ego", {"agency": "gacc"}),
    ]:
        options = SnapshotOptions(
            filters=current.filters, view=view, weighting=current.weighting, **extra
        )
        expected, _, _ = snapshot_spec(load_measures(), options)
        shown = data.network_spec(current, view=view, **extra)
        assert shown.nodes == expected.nodes, view
        assert shown.edges == expected.edges, view


def test_agency_pick_shows_its_task_list():
    at = run_page("agency")
    at.selectbox(key="agency").set_value("gacc").run()
    assert_clean(at)
    assert at.header[0].value == "海关总署"
    tasks = at.dataframe[0].value
    # 海关总署 is named in six measures (five brackets and the coordination paragraph).
    assert len(tasks) == 6


@pytest.mark.parametrize("view", ["tasks", "network", "metrics", "today"])
def test_every_part_of_the_agency_profile(view):
    at = run_page("agency")
    at.selectbox(key="agency").set_value("gacc").run()
    at.radio(key="agency_view").set_value(view).run()
    assert_clean(at)
    if view == "network":
        ids = node_ids(at)
        # 海关总署, its six measures, and every agency named on them.
        assert "agency:gacc" in ids
        assert sum(i.startswith("measure:") for i in ids) == 6
    if view == "today":
        # 海关总署 still exists; the registry's 2018 note is shown.
        assert any(m.value.startswith("**2018:**") for m in at.markdown)


def test_every_run_draws_the_widgets_with_their_current_choice_as_default():
    # A widget's proto carries no value in a run that did not set one; a browser that
    # lost its own copy draws the proto's default. CI once saw every section and kind
    # deselected after a page's rerun, when the defaults written in were empty: now
    # each widget's default is its current choice (app_pages.links.held).
    at = run_page("agency", f_sections=[2, 3], f_kinds=["ministry"], f_generic=False, f_role="lead")
    at.selectbox(key="agency").set_value("mofcom").run()
    assert not at.exception
    sections = at.multiselect(key="f_sections")
    assert list(sections.proto.default) == [0, 1]  # sections 2 and 3 of 2 to 8
    kinds = at.multiselect(key="f_kinds")
    assert [kinds.proto.options[i] for i in kinds.proto.default] == [kinds.format_func("ministry")]
    assert at.checkbox(key="f_generic").proto.default is False
    assert at.checkbox(key="f_coordination").proto.default is True
    role = at.radio(key="f_role")
    assert role.proto.options[role.proto.default] == role.format_func("lead")
    agency = at.selectbox(key="agency")
    assert agency.proto.options[agency.proto.default].startswith("商务部")
    # The values themselves are not written into the widgets again (each one costs the
    # browser a re-render: 45 ms a filter change, benchmarks/README.md).
    assert not sections.proto.set_value and not agency.proto.set_value


def test_agency_choice_survives_a_filter_that_removes_it():
    at = run_page("agency")
    at.selectbox(key="agency").set_value("moj").run()
    at = _set(at, "f_sections", [2, 3])
    # 司法部 has a single measure in section 8: the page falls back to another agency.
    assert_clean(at)
    assert at.selectbox(key="agency").value != "moj"


def test_measure_search_and_source_passage():
    at = run_page("measures")
    at.text_input(key="measure_query").input("海关总署 质检总局").run()
    assert_clean(at)
    picked = at.selectbox(key="measure_pick")
    # Measures naming both 海关总署 and 质检总局: two in article 21, one each in 22 and 29,
    # and the coordination paragraph (see test_tasklist and the text).
    assert len(picked.options) == 5
    picked.set_value("M21.02").run()
    passage = [h.proto.body for h in at.get("html") if "<mark>" in h.proto.body]
    assert len(passage) == 1
    assert "<mark>探索建立跨境电子商务货物负面清单" in passage[0]


def test_search_without_result_is_a_message():
    at = run_page("measures")
    at.text_input(key="measure_query").input("这句话不在文件里").run()
    assert_clean(at)
    assert len(at.info) == 1


def test_chain_between_customs_and_post():
    at = run_page("clusters")
    assert_clean(at)
    assert at.selectbox(key="chain_from").value == "gacc"
    assert at.selectbox(key="chain_to").value == "spb"
    chain = [m.value for m in at.markdown if "→" in m.value]
    assert chain and chain[0].startswith("**海关总署 →") and chain[0].endswith("邮政局**")


def test_presentation_scenes_step_forward_and_back():
    at = run_page("network", presentation=True)
    assert any("全文" in m.value for m in at.markdown)
    at.button(key="scene_next").click().run()
    assert_clean(at)
    assert any("营造宽松发展环境" in m.value for m in at.markdown)
    at.button(key="scene_next").click().run()
    assert any("促进就业创业" in m.value for m in at.markdown)
    at.button(key="scene_prev").click().run()
    assert any("营造宽松发展环境" in m.value for m in at.markdown)


HOSTILE_TEXT = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
HOSTILE_AGENCY = '"><svg onload=alert(3)>'


@pytest.fixture
def app_data(monkeypatch):
    """Replace the bundled table the app loads; caches are cleared around the test."""
    import streamlit as st

    def use(loader):
        monkeypatch.setattr(data, "load_measures", loader)
        st.cache_data.clear()
        st.cache_resource.clear()

    yield use
    st.cache_data.clear()
    st.cache_resource.clear()


def hostile_source() -> str:
    """TINY_TEXT with the sentence of M02.01 replaced by the hostile text."""
    from graph.fixtures import TINY_TEXT

    start = TINY_TEXT.index("打击假冒。")
    return TINY_TEXT[:start] + HOSTILE_TEXT + TINY_TEXT[start + len("打击假冒。") :]


def hostile_table():
    from graph.fixtures import TINY_TEXT, tiny_table

    table = tiny_table()
    hostile = table["measure_id"] == "M02.01"
    table.loc[hostile, "measure_text"] = HOSTILE_TEXT
    table.loc[hostile, "source_end"] = TINY_TEXT.index("打击假冒。") + len(HOSTILE_TEXT)
    extra = table[table["measure_id"] == "M02.02"].copy()
    extra["agency"] = HOSTILE_AGENCY
    extra["agency_as_written"] = HOSTILE_AGENCY
    extra["registered"] = False
    extra["position"] = 2
    return pd.concat([table, extra], ignore_index=True)


@pytest.mark.parametrize("page", PAGES)
def test_hostile_text_never_reaches_html_unescaped(app_data, page):
    app_data(lambda **_: hostile_table())
    original_source = data.source
    data.source = lambda doc_id: hostile_source()
    try:
        at = run_page(page)
        if page == "measures":
            at.selectbox(key="measure_pick").set_value("M02.01").run()
        if page == "agency":
            at.selectbox(key="agency").set_value(HOSTILE_AGENCY).run()
    finally:
        data.source = original_source
    assert_clean(at)
    pages = [frame.proto.srcdoc for frame in at.get("iframe")]
    pages += [element.proto.body for element in at.get("html")]
    for body in pages:
        for raw in ("<img src=x", "<script>alert", "<svg onload"):
            assert raw not in body, (page, raw)
    # The network components get the texts as JSON data, which their script only
    # ever shows as text (tests/test_snapshot_browser.py runs it on hostile data);
    # nothing from the data is in their HTML.
    component_data = [json.dumps(network_data(at, i)) for i in range(len(networks(at)))]
    for component in networks(at):
        assert component.proto.html_content == network_view.HTML
    if page in ("network", "agency", "measures"):
        # The payload is there, as text: the check above is not vacuous.
        payload = "onload=alert(3)" if page == "agency" else "onerror=alert(1)"
        assert any(payload in body for body in pages + component_data)
    # Markdown, tables and charts show the text as text: Streamlit escapes
    # markdown unless told otherwise (never here) and plotly gets entities.


def test_unreadable_data_is_a_message_not_a_traceback(app_data):
    from graph.errors import Problem, ValidationError

    def broken(**_):
        raise ValidationError([Problem("data/measures.csv", "not an integer", 5, "position", "x")])

    app_data(broken)
    at = run_page("overview")
    assert not at.exception
    assert at.error[0].value == shared.tr("data_error", "zh")
    assert "data/measures.csv, line 5, column position: not an integer" in at.code[0].value


def test_colour_choice_that_the_projection_lacks_falls_back():
    at = run_page("network")
    at.selectbox(key="net_color").set_value("section").run()
    at.radio(key="net_view").set_value("projection").run()
    assert_clean(at)
    assert at.selectbox(key="net_color").value == "cluster"


def test_cluster_choice_survives_a_filter_with_fewer_clusters():
    at = run_page("clusters")
    last = at.selectbox(key="cluster_pick").options[-1]
    at.selectbox(key="cluster_pick").set_value(int(last.split(":")[0])).run()
    at = _set(at, "f_sections", [3])
    assert_clean(at)
    assert at.selectbox(key="cluster_pick").value == 1


def test_embedded_pages_are_not_kept_in_urllibs_cache():
    import urllib.parse

    import streamlit as st

    page = "<!doctype html><html>" + "x" * 100_000 + "</html>"
    urllib.parse.urlsplit.cache_clear()
    st.iframe(page, height=300)
    # The reason for the workaround: Streamlit's URL check caches the whole page.
    assert urllib.parse.urlsplit.cache_info().currsize == 1
    urllib.parse.urlsplit.cache_clear()
    data.show_page(page, 300)
    assert urllib.parse.urlsplit.cache_info().currsize == 0
