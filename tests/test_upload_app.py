"""The dashboard on the user's own documents (AppTest): upload, switch, every page, isolation.

Files go through the real upload widget (``st.file_uploader``; AppTest in
Streamlit 1.67 drives it with ``set_value``) and its callback. Expected counts
come from the bundled table (the official text uploaded in GB18030 must be
drawn exactly like it: 74 measures, 40 actors, 211 assignments) and from the
hand-made tiny table (5 measures, 5 agencies, 10 assignments).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import data, session_documents, shared
from app_pages.settings import DOC_ID
from graph.filters import Filters
from graph.fixtures import TINY_TEXT, tiny_table
from graph.paths import DATA, SOURCE_TEXT
from graph.table import write_measures
from tests.test_app import APP, PAGES, assert_clean, edge_pairs, network_data, networks, node_ids

NASTY = Path(__file__).parent / "nasty"
OFFICIAL_GB18030 = SOURCE_TEXT.read_text(encoding="utf-8").encode("gb18030")
BAD_NASTY = {
    # file: (problems, first problem's line, column)
    "empty.txt": (1, None, ""),
    "empty.csv": (1, None, ""),
    "nul.txt": (1, 2, "9"),
    "nul.csv": (1, 2, "11"),
    "mixed_encoding.txt": (1, None, ""),
    "one_column.csv": (14, 1, "kind"),
}
HOSTILE_NASTY = ("script.txt", "script_fields.csv")
RAW_PAYLOADS = ("<script>window.__pwned", "<img src=x onerror", "<b>坏</b>")


def csv_bytes(table: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    write_measures(table, buffer)
    return buffer.getvalue().encode("utf-8")


TINY_CSV = csv_bytes(tiny_table())


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=180).run()


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    """Choose a file in the upload page's widget (its callback reads it)."""
    at.switch_page("app_pages/upload.py").run()
    at.file_uploader(key="upload").set_value((name, content, "application/octet-stream"))
    return at.run()


def visit(at: AppTest, page: str) -> AppTest:
    return at.switch_page(f"app_pages/{page}.py").run()


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first data frame shown with ``column`` (AppTest does not keep their keys)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, (column, [list(d.value.columns) for d in at.dataframe])
    return found[0]


def switch_options(at: AppTest) -> list[str]:
    return list(at.selectbox(key="document").options)


@pytest.fixture(autouse=True)
def fresh_caches():
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def test_switch_offers_the_bundled_document_and_the_upload_page_exists():
    at = new_app()
    assert_clean(at)
    assert at.selectbox(key="document").value == DOC_ID
    assert switch_options(at) == ["国发〔2015〕24号 (内置)"]
    at = visit(at, "upload")
    assert_clean(at)
    assert at.title[0].value == shared.tr("upload", "zh")
    assert at.file_uploader(key="upload") is not None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_on_the_official_text_uploaded_in_gb18030(lang):
    at = new_app()
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at = upload(at, "意见.txt", OFFICIAL_GB18030)
    assert_clean(at)
    key = at.selectbox(key="document").value
    assert key.startswith("sha256:") and len(switch_options(at)) == 2
    assert "74" in at.success[0].value and "40" in at.success[0].value
    for page in PAGES:
        at = visit(at, page)
        assert_clean(at)
        assert at.title[0].value == shared.tr(page, lang)
        assert at.selectbox(key="document").value == key
        if page == "overview":
            # sections, articles, measures, actors, assignments
            assert [m.value for m in at.metric][2:] == ["74", "40", "211"]
        if page == "network":
            ids = node_ids(at)
            assert sum(i.startswith("measure:") for i in ids) == 74
            assert sum(i.startswith("agency:") for i in ids) == 40
            assert len(edge_pairs(at)) == 211
        if page == "measures":
            # The passage comes from the uploaded text itself.
            at.selectbox(key="measure_pick").set_value("M21.02").run()
            passage = [h.proto.body for h in at.get("html") if "<mark>" in h.proto.body]
            assert len(passage) == 1 and "<mark>探索建立跨境电子商务货物负面清单" in passage[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_on_an_uploaded_table(lang):
    at = new_app()
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at = upload(at, "tiny.csv", TINY_CSV)
    assert_clean(at)
    for page in PAGES:
        at = visit(at, page)
        assert_clean(at)
        assert at.title[0].value == shared.tr(page, lang)
        if page == "network":
            ids = node_ids(at)
            assert sum(i.startswith("measure:") for i in ids) == 5
            assert sum(i.startswith("agency:") for i in ids) == 5
            assert len(edge_pairs(at)) == 10
        if page == "agency":
            # 商务部 is named in M01.01, M01.02 and C01.
            at.selectbox(key="agency").set_value("mofcom").run()
            assert len(at.dataframe[0].value) == 3
        if page == "measures":
            assert not [h for h in at.get("html") if "<mark>" in h.proto.body]
            assert any("passage is not" in c.value or "无法显示" in c.value for c in at.caption)


def test_pasted_text_is_read_like_a_file():
    at = new_app()
    at = visit(at, "upload")
    at.text_area(key="paste_text").input(TINY_TEXT)
    at.button(key="paste_read").click().run()
    assert_clean(at)
    assert switch_options(at)[1].startswith("pasted-text.txt · 5 项措施 · ")
    assert at.text_area(key="paste_text").value == ""
    at = visit(at, "network")
    assert len(node_ids(at)) == 10


@pytest.mark.parametrize("name", sorted(BAD_NASTY))
def test_each_bad_nasty_file_lists_its_problems(name):
    count, line, column = BAD_NASTY[name]
    at = upload(new_app(), name, (NASTY / name).read_bytes())
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and shared.md(name) in at.error[0].value
    problems = table_with(at, "问题")
    assert len(problems) == count
    first = problems.iloc[0]
    assert first["文件"] == name and first["列"] == column
    assert (pd.isna(first["行"]) and line is None) or first["行"] == line
    # Nothing was added; the bundled document is still shown.
    assert switch_options(at) == ["国发〔2015〕24号 (内置)"]
    assert at.selectbox(key="document").value == DOC_ID


def test_a_file_of_another_kind_is_a_message():
    at = upload(new_app(), "measures.xlsx", b"PK\x03\x04")
    assert not at.exception
    message = table_with(at, "问题")["问题"].iloc[0]
    assert message == (
        "not a policy text (.txt, .pdf, .docx, .html, .htm) or a measures table (.csv)"
    )


def test_unregistered_names_of_an_upload_are_listed_with_suggestions():
    table = tiny_table()
    table.loc[table["agency"] == "aqsiq", ["agency", "agency_as_written", "registered"]] = [
        "质检局",
        "质检局",
        False,
    ]
    at = upload(new_app(), "tiny.csv", csv_bytes(table))
    assert_clean(at)
    assert len(at.warning) == 1
    unknown = table_with(at, "相近的登记名称")
    assert unknown.iloc[0, 0] == "质检局" and unknown.iloc[0, 4].startswith("aqsiq (质检总局)")


@pytest.mark.parametrize("name", HOSTILE_NASTY)
def test_hostile_uploads_stay_text_on_every_page(name):
    at = upload(new_app(), name, (NASTY / name).read_bytes())
    assert_clean(at)
    bodies, texts = [], []
    for page in [*PAGES, "upload"]:
        at = visit(at, page)
        if page == "agency":
            at.radio(key="agency_view").set_value("network").run()
        assert_clean(at)
        bodies += [frame.proto.srcdoc for frame in at.get("iframe")]
        bodies += [element.proto.body for element in at.get("html")]
        # Network components get the texts as JSON data, shown by their script as text.
        texts += [json.dumps(network_data(at, i)) for i in range(len(networks(at)))]
    assert any("__pwned" in body for body in bodies + texts)  # the payload is there, as text
    for body in bodies:
        for raw in RAW_PAYLOADS:
            assert raw not in body, (name, raw)


def test_a_hostile_file_name_stays_text():
    name = "<img src=x onerror=window.__pwned=7>[x](http://example.invalid).txt"
    at = upload(new_app(), name, TINY_TEXT.encode("utf-8"))
    assert_clean(at)
    assert shared.md(name) in at.success[0].value
    assert switch_options(at)[1].startswith(name + " · ")
    for page in ("overview", "network", "agency"):
        at = visit(at, page)
        assert_clean(at)
        pages = [f.proto.srcdoc for f in at.get("iframe")] + [h.proto.body for h in at.get("html")]
        assert not any("<img src=x" in body for body in pages), page
        # Markdown gets the name with every markdown character escaped.
        texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
        assert not any(re.search(r"(?<!\\)<img|(?<!\\)\]\(http", text) for text in texts), page
        if page == "overview":
            assert any(shared.md(name) in text for text in texts)
    # The name is shown, as text (the view's script uses textContent), in the
    # network's provenance line.
    at = visit(at, "network")
    assert any(name in line for line in network_data(at)["provenance"])


def test_markdown_in_the_data_is_shown_as_written():
    # A section title, an article title and an agency that would be an image
    # (a request to another server), a heading and a red directive in markdown.
    image = "![x](http://example.invalid/x.png)"
    table = tiny_table()
    table["section_title"] = table["section_title"].where(table["section"] != 2, image)
    table["article_title"] = table["article_title"].where(table["article"] != 2, ":red[警告]")
    swap = (table["measure_id"] == "M02.01") & (table["agency"] == "aqsiq")
    table.loc[swap, ["agency", "agency_as_written", "registered"]] = ["# 标题", "# 标题", False]
    at = upload(new_app(), "tiny.csv", csv_bytes(table))
    at = visit(at, "measures")
    at.selectbox(key="measure_pick").set_value("M02.01").run()
    assert_clean(at)
    shown = " ".join(m.value for m in at.markdown)
    assert shared.md(image) in shown and image not in shown
    assert shared.md(":red[警告]") in shown
    at = visit(at, "agency")
    at.selectbox(key="agency").set_value("# 标题").run()
    assert_clean(at)
    assert at.header[0].value == "\\# 标题"


def test_switching_documents_resets_choices_that_belong_to_the_other():
    at = visit(new_app(), "agency")
    at.selectbox(key="agency").set_value("gacc").run()
    at.multiselect(key="f_sections").set_value([2, 3]).run()
    at = upload(at, "tiny.csv", TINY_CSV)
    at = visit(at, "agency")
    assert_clean(at)
    # The tiny table has sections 1 and 2, all selected; 海关总署 is not in it.
    assert at.multiselect(key="f_sections").value == [1, 2]
    assert at.selectbox(key="agency").value in {"mofcom", "ndrc", "saic", "aqsiq"}
    at.selectbox(key="document").set_value(DOC_ID).run()
    assert_clean(at)
    assert len(at.multiselect(key="f_sections").value) == 7


def test_language_switch_keeps_the_document():
    at = upload(new_app(), "tiny.csv", TINY_CSV)
    key = at.selectbox(key="document").value
    at.radio(key="lang").set_value("en").run()
    assert_clean(at)
    assert at.selectbox(key="document").value == key
    assert switch_options(at)[0] == "国发〔2015〕24号 (bundled)"
    assert switch_options(at)[1].startswith("tiny.csv · 5 measures · ")


def test_removing_an_upload_goes_back_to_the_bundled_document():
    at = upload(new_app(), "tiny.csv", TINY_CSV)
    at.button(key="forget").click().run()
    assert_clean(at)
    assert switch_options(at) == ["国发〔2015〕24号 (内置)"]
    assert at.selectbox(key="document").value == DOC_ID


def test_a_session_keeps_a_bounded_number_of_uploads():
    at = new_app()
    limit = session_documents.MAX_SESSION_DOCUMENTS
    for i in range(limit + 1):
        table = tiny_table()
        table["measure_text"] = table["measure_text"] + str(i)
        at = upload(at, f"tiny{i}.csv", csv_bytes(table))
    assert_clean(at)
    options = switch_options(at)
    assert len(options) == 1 + limit
    assert not any(o.startswith("tiny0.csv") for o in options)
    assert len(at.info) == 1 and "tiny0\\.csv" in at.info[0].value


def test_uploads_are_visible_only_to_their_session():
    first = upload(new_app(), "tiny.csv", TINY_CSV)
    assert len(switch_options(first)) == 2
    second = visit(new_app(), "network")
    assert_clean(second)
    assert switch_options(second) == ["国发〔2015〕24号 (内置)"]
    # The other session still draws the bundled document.
    assert len(node_ids(second)) == 114
    # A session cannot reach another's document even by its key.
    key = first.selectbox(key="document").value
    assert key not in second.session_state[data.UPLOADS]


def test_sessions_share_the_bundled_analysis_instead_of_copying_it(monkeypatch):
    built = []

    def recording_analyse(*args, **kwargs):
        built.append(data_analyse(*args, **kwargs))
        return built[-1]

    data_analyse = data.analyse
    monkeypatch.setattr(data, "analyse", recording_analyse)
    sessions = [visit(new_app(), "network") for _ in range(2)]
    for at in sessions:
        assert_clean(at)
    # Both sessions drew from one analysis of the default filters: built once.
    assert len(built) == 1
    shared_analysis = data.analysis(DOC_ID, Filters(), "count", "zh")
    assert shared_analysis is built[0]
    assert data.bundled() is data.bundled()
    assert data.full_graph(DOC_ID) is data.full_graph(DOC_ID)
    for at in sessions:
        # No session holds documents of its own.
        assert data.UPLOADS not in at.session_state or not at.session_state[data.UPLOADS]


def test_documents_with_many_agencies_get_the_two_column_layout_only(monkeypatch):
    # The bundled graph has 114 nodes and 40 agencies; with the limit at 30 it
    # has too many agencies for force layouts and the projection.
    monkeypatch.setattr(data, "MAX_LAID_OUT_AGENCIES", 30)
    at = visit(new_app(), "network")
    assert_clean(at)
    assert at.radio(key="net_layout").options == ["两列（文件顺序）"]
    assert at.radio(key="net_view").options == ["措施 × 部门"]
    assert any("114" in c.value and "30" in c.value for c in at.caption)
    for page in ("clusters", "today"):
        at = visit(at, page)
        assert_clean(at)
        assert any("40" in i.value for i in at.info), page
    # With the limit above 40 agencies, everything is offered, though 114 nodes exceed it.
    monkeypatch.setattr(data, "MAX_LAID_OUT_AGENCIES", 100)
    at = visit(at, "network")
    assert at.radio(key="net_layout").options == ["两列（文件顺序）", "力导向"]
    assert len(at.radio(key="net_view").options) == 2
    assert not any("100" in c.value for c in at.caption)


def data_digest() -> dict[str, str]:
    return {
        str(path.relative_to(DATA)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(DATA.rglob("*"))
        if path.is_file()
    }


def test_uploads_never_change_the_projects_data():
    before = data_digest()
    at = upload(new_app(), "guofa-2015-24.txt", OFFICIAL_GB18030)
    at = upload(at, "measures.csv", (DATA / "measures.csv").read_bytes())
    for page in PAGES:
        visit(at, page)
    at = upload(at, "one_column.csv", (NASTY / "one_column.csv").read_bytes())
    assert not at.exception
    assert data_digest() == before


# Producers of the tables the dashboard caches with st.cache_resource (shared,
# never copied): (module, name) as the cached functions look them up.
CACHED_TABLE_PRODUCERS = [
    ("app_pages.data", "with_english_titles"),
    ("app_pages.data", "apply_filters"),
    ("graph.catalogue", "measure_catalogue"),
    ("graph.today", "successor_map"),
    ("graph.shift", "load_shift"),
    ("graph.export", "tasklists"),
    ("graph.overview", "agency_tiers"),
]


def test_cached_tables_are_shared_and_no_page_changes_them(monkeypatch):
    import importlib

    made = []

    def recording(produce):
        def produce_and_keep_a_copy(*args, **kwargs):
            table = produce(*args, **kwargs)
            made.append((produce.__name__, table, table.copy(deep=True), dict(table.attrs)))
            return table

        return produce_and_keep_a_copy

    for module, name in CACHED_TABLE_PRODUCERS:
        module = importlib.import_module(module)
        monkeypatch.setattr(module, name, recording(getattr(module, name)))
    at = new_app()
    for choices in ({}, {"f_sections": [2, 3], "f_role": "lead", "lang": "en"}):
        for key, value in choices.items():
            at.session_state[key] = value
        for page in PAGES:
            at = visit(at, page)
            assert_clean(at)
        for view in ("tasks", "network", "metrics", "today"):
            at = visit(at, "agency")
            at.radio(key="agency_view").set_value(view).run()
            assert_clean(at)
        at = visit(at, "measures")
        at.text_input(key="measure_query").set_value("商务部").run()
        assert_clean(at)
    assert {name for name, *_ in made} == {name for _, name in CACHED_TABLE_PRODUCERS}
    for name, table, copy, attrs in made:
        pd.testing.assert_frame_equal(table, copy, obj=name)
        assert table.attrs == attrs, name
    # Handed out, not copied: every call returns the one cached table.
    assert data.full_table(DOC_ID) is data.full_table(DOC_ID)
    assert data.filtered_table(DOC_ID, Filters()) is data.filtered_table(DOC_ID, Filters())


def test_a_large_upload_gets_the_force_layout_that_scales():
    # A synthetic text ten times the document's size: 734 nodes, above the
    # energy layout's limit, so measures are placed around their agencies.
    from benchmarks.corpus import generate_corpus
    from graph.build import build_graph
    from graph.layout import FORCE_ENERGY_LIMIT
    from graph.parse import parse_text

    text = generate_corpus(10).text
    expected = build_graph(parse_text(text).to_frame())
    assert expected.number_of_nodes() > FORCE_ENERGY_LIMIT
    at = upload(new_app(), "synthetic-10x.txt", text.encode("utf-8"))
    at = visit(at, "network")
    assert_clean(at)
    at.radio(key="net_layout").set_value("力导向").run()
    assert_clean(at)
    nodes = network_data(at)["nodes"]
    assert {n["id"] for n in nodes} == set(expected)
    places = {(n["x"], n["y"]) for n in nodes}
    assert len(places) == len(nodes)  # one lattice cell per node
    # Not the two columns (where every measure has the same x).
    assert len({n["x"] for n in nodes if n["id"].startswith("measure:")}) > 10


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_several_files_at_once_each_read_the_last_shown():
    """A Word file, a bad PDF and a table chosen together: two documents, one message."""
    at = visit(new_app(), "upload")
    at.file_uploader(key="upload").set_value(
        [
            ("意见.docx", docx_bytes(TINY_TEXT), "application/octet-stream"),
            ("扫描件.pdf", b"PK\x03\x04", "application/pdf"),
            ("tiny.csv", TINY_CSV, "text/csv"),
        ]
    )
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and shared.md("扫描件.pdf") in at.error[0].value
    problems = table_with(at, "问题")
    assert list(problems["文件"]) == ["扫描件.pdf"]
    assert "the name says .pdf but the content is a damaged ZIP archive" in problems["问题"].iloc[0]
    assert len(at.success) == 2
    options = switch_options(at)
    assert len(options) == 3 and options[1].startswith("意见.docx · 5 项措施")
    assert options[2].startswith("tiny.csv · 5 项措施")
    uploads = at.session_state[data.UPLOADS]
    assert at.selectbox(key="document").value == list(uploads)[-1]  # the last one read
    # The Word file's document is the hand-made tiny table, read from the docx.
    word = next(d for d in uploads.values() if d.name == "意见.docx")
    expected = tiny_table()
    assert list(word.table["agency"]) == list(expected["agency"])
    assert list(word.table["role"]) == list(expected["role"])
