"""The corpus pages under AppTest: the bundled document alone, and the real corpus given to the app."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import corpus_data, corpus_sidebar
from graph.paths import SOURCE_TEXT
from tests.conftest import CORPUS_DEV

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
PAGES = [
    "corpus_timeline",
    "corpus_agencies",
    "corpus_network",
    "corpus_compare",
    "corpus_documents",
]
SIDEBAR = {
    "radio": ["lang", "c_align", "c_role", "c_period"],
    "multiselect": ["c_documents", "c_kinds"],
    "checkbox": ["c_generic", "c_coordination"],
    "selectbox": ["c_weighting"],
}


@pytest.fixture
def real(monkeypatch):
    """The app started on the 2015 text and ../shared/corpus-dev/ (what --corpus gives it)."""
    if not CORPUS_DEV.is_dir():
        pytest.skip(f"{CORPUS_DEV} is not here")
    monkeypatch.setenv(corpus_data.CORPUS_ENV, f"{SOURCE_TEXT}:{CORPUS_DEV}")


def open_page(page: str, **widgets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    for key, value in widgets.items():
        for kind in ("radio", "multiselect", "checkbox", "selectbox", "slider", "select_slider"):
            found = [w for w in getattr(at, kind) if w.key == key]
            if found:
                found[0].set_value(value)
                at.run()
                break
        else:
            raise KeyError(key)
    return at


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_corpus_page_on_the_real_corpus(real, page, lang):
    at = open_page(page, lang=lang)
    assert_clean(at)
    assert at.title[0].value == corpus_sidebar.tr(page.replace("_", "-"), lang)
    for kind, keys in SIDEBAR.items():
        assert set(keys) <= {w.key for w in getattr(at, kind)}, kind
    assert "c_years" in {w.key for w in at.slider}  # 2015 to 2019 at least


@pytest.mark.parametrize("page", PAGES)
def test_every_corpus_page_on_the_bundled_document_alone(page):
    at = open_page(page)
    assert_clean(at)


@pytest.mark.parametrize("page", PAGES)
def test_filters_across_documents(real, page):
    at = open_page(page, c_align="today", c_generic=False, c_role="lead", c_weighting="newman")
    assert_clean(at)
    at = open_page(page, c_kinds=["ministry"])
    assert_clean(at)
    at = open_page(page, c_kinds=[])
    assert_clean(at)
    if page != "corpus_documents":  # the documents table and its edits stay reachable
        assert [i.value for i in at.info] == [corpus_sidebar.tr("empty", "zh")]


def test_the_trajectory_of_samr_through_the_2018_reform(real):
    at = open_page("corpus_agencies", c_align="today")
    at.multiselect(key="trajectory_agencies").set_value(["samr"]).run()
    assert_clean(at)
    table = at.dataframe[0].value
    years = {c: v for c, v in table.iloc[0].items() if pd.notna(v)}
    assert "guofa-2015-24" in years and any(c.endswith("2018") for c in years)
    at = open_page("corpus_agencies", c_align="as_written")
    at.multiselect(key="trajectory_agencies").set_value(["samr", "saic"]).run()
    table = at.dataframe[0].value
    named = {row: [c for c, v in values.items() if pd.notna(v)] for row, values in table.iterrows()}
    assert named["工商总局"] == ["guofa-2015-24"]
    assert "guofa-2015-24" not in named["市场监管总局"]


def test_edits_of_the_documents_table_move_a_document_in_time(real):
    at = open_page("corpus_timeline")
    at.radio(key="timeline_by").set_value("period").run()
    before = at.dataframe[0].value.iloc[:, 0].tolist()
    at.session_state[corpus_data.EDITS] = pd.DataFrame(
        {"document": ["nongji-2018"], "date": ["2017-06-01"]}
    )
    at.run()
    assert_clean(at)
    after = at.dataframe[0].value.iloc[:, 0].tolist()
    assert "2017" not in before and "2017" in after


def test_document_filters_survive_a_visit_to_the_corpus_pages():
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.checkbox(key="f_generic").set_value(False).run()
    at.switch_page("app_pages/corpus_timeline.py").run()
    at.checkbox(key="c_coordination").set_value(False).run()
    at.switch_page("app_pages/overview.py").run()
    assert at.checkbox(key="f_generic").value is False
    at.switch_page("app_pages/corpus_network.py").run()
    assert at.checkbox(key="c_coordination").value is False
    assert_clean(at)


def test_uploads_join_the_corpus_of_their_session_only():
    from graph.fixtures import TINY_TEXT
    from tests.test_upload_app import upload

    at = AppTest.from_file(APP, default_timeout=180).run()
    upload(at, "tiny-2019.txt", (TINY_TEXT + "\n国务院\n2019年3月1日\n").encode("gb18030"))
    upload(at, "tiny-2021.txt", (TINY_TEXT + "\n国务院办公厅\n2021年6月1日\n").encode("utf-8"))
    at.switch_page("app_pages/corpus_timeline.py").run()
    assert_clean(at)
    shown = at.dataframe[0].value.iloc[:, 0].tolist()
    assert shown == ["guofa-2015-24", "tiny-2019", "tiny-2021"]
    at.switch_page("app_pages/corpus_compare.py").run()
    assert_clean(at)
    assert at.selectbox(key="compare_b").value == "tiny-2021"
    other = AppTest.from_file(APP, default_timeout=180).run()
    other.switch_page("app_pages/corpus_timeline.py").run()
    assert other.dataframe[0].value.iloc[:, 0].tolist() == ["guofa-2015-24"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_title_contains_another(lang):
    # Links are found by their text (tests/test_e2e_*.py): no title may contain another.
    from app_pages import shared

    titles = [shared.tr(key, lang) for key in ("overview", "network", "agency", "measures")]
    titles += [shared.tr(key, lang) for key in ("clusters", "today", "upload", "review")]
    titles += [corpus_sidebar.tr(key, lang) for key in corpus_sidebar.PAGES]
    for a in titles:
        for b in titles:
            assert a == b or a.lower() not in b.lower(), (a, b)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"agency_kinds": ("ministry", "directly_affiliated")},
        {"include_generic": False, "roles": ("lead",)},
        {"include_coordination": False, "roles": ("partner",)},
    ],
)
def test_the_corpus_view_is_apply_filters(real, filters):
    from graph.filters import Filters, apply_filters

    cs = corpus_data.CorpusSettings(
        corpus=(corpus_data.base_key(),), filters=Filters(**filters), align="today"
    )
    ours = corpus_data.view_table(cs)
    table = corpus_data.aligned(*cs.base())
    theirs = apply_filters(table, cs.filters, corpus_data.data.registry())
    assert len(ours) and len(ours) <= len(table)
    pd.testing.assert_frame_equal(ours, theirs)


def test_comparing_a_document_with_itself_says_so(real):
    at = open_page("corpus_compare")
    at.selectbox(key="compare_b").set_value(at.selectbox(key="compare_a").value).run()
    assert_clean(at)
    assert at.info[-1].value == "请选择两份不同的文件。"


def test_the_corpus_sidebar_draws_each_widget_with_its_current_choice_as_default(real):
    # As on the document pages (tests/test_app.py): what a browser that lost its copy of a
    # widget draws is the proto's default, so every run makes that the current choice.
    at = open_page("corpus_timeline", c_generic=False, c_role="lead", c_period="reform")
    kinds = at.multiselect(key="c_kinds")
    kept = kinds.value[:1]
    kinds.set_value(kept).run()
    at.radio(key="c_align").set_value("today").run()  # one more run that changes none of them
    assert_clean(at)
    kinds = at.multiselect(key="c_kinds")
    assert [kinds.proto.options[i] for i in kinds.proto.default] == [kinds.format_func(kept[0])]
    assert at.checkbox(key="c_generic").proto.default is False
    assert at.checkbox(key="c_coordination").proto.default is True
    for key, value in (("c_role", "lead"), ("c_period", "reform"), ("c_align", "today")):
        radio = at.radio(key=key)
        assert radio.proto.options[radio.proto.default] == radio.format_func(value), key
