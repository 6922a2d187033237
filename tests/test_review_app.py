"""The review page (AppTest): corrections made in the app show everywhere, survive a
re-upload of the same text, and a corrections file can be taken back in."""

from __future__ import annotations

import io

import pytest

from app_pages import session_documents
from graph.corrections import corrections_frame, write_corrections
from graph.fixtures import TINY_TEXT
from tests.test_upload_app import assert_clean, new_app, upload, visit

FIRST = "（商务部、发展改革委）"  # M01.01 of the tiny text: 商务部 leads as the first listed


@pytest.fixture(autouse=True)
def fresh_caches():
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def review_choices(at) -> list[str]:
    return list(at.selectbox(key="review_pick").options)


def shown_table(at):
    return at.session_state["uploads"][at.session_state["document"]].table


def mark_not_an_assignment(at, index: int = 0):
    at.selectbox(key="review_pick").select_index(index).run()
    box = next(c for c in at.checkbox if c.key and c.key.startswith("review_not_"))
    box.check().run()
    return at.button(key="review_save").click().run()


def test_review_lists_the_doubtful_first_and_a_correction_shows_on_every_page():
    at = visit(new_app(), "review")
    assert_clean(at)
    choices = review_choices(at)
    assert choices and all("排在第一位的牵头" in c for c in choices[:3])  # a role guessed
    first = choices[0].split(" · ")[0]
    at = mark_not_an_assignment(at)
    assert_clean(at)
    assert at.session_state["document"].startswith("sha256:")
    table = shown_table(at)
    assert first not in set(table["measure_id"])
    assert table.attrs["corrections"] == 1
    # the table the network page's download buttons write from: its provenance says so
    from graph.snapshot import SnapshotOptions, snapshot_html

    assert "含 1 处人工更正" in snapshot_html(table, SnapshotOptions())
    assert any("已更正 1 处" in option for option in at.selectbox(key="document").options)
    for page in ("overview", "network", "agency", "measures", "clusters", "today", "upload"):
        at = visit(at, page)
        assert_clean(at)
    at = visit(at, "overview")
    assert [m.value for m in at.metric][2] == "73"  # 74 measures, one no longer an assignment


def test_a_correction_survives_re_uploading_the_same_text():
    at = upload(new_app(), "tiny.txt", TINY_TEXT.encode())
    at = visit(at, "review")
    assert review_choices(at)[0].startswith("M01.01")
    at = mark_not_an_assignment(at)
    assert "M01.01" not in set(shown_table(at)["measure_id"])
    at = upload(at, "tiny.txt", TINY_TEXT.encode())
    assert_clean(at)
    assert "M01.01" not in set(shown_table(at)["measure_id"])
    assert len(at.session_state[session_documents.CORRECTIONS]) == 1


def test_a_corrections_file_is_taken_back_in_and_stale_ones_are_listed():
    at = upload(new_app(), "tiny.txt", TINY_TEXT.encode())
    start = TINY_TEXT.index(FIRST)
    fixes = corrections_frame(
        [
            {
                "document": "tiny",
                "assignment_start": start,
                "assignment_text": FIRST,
                "action": "change_role",
                "actor": "发展改革委",
                "role": "lead",
            },
            {"document": "tiny", "assignment_start": start + 1, "action": "not_assignment"},
        ]
    )
    buffer = io.StringIO()
    write_corrections(fixes, buffer)
    at = visit(at, "review")
    at.file_uploader(key="corrections_upload").set_value(
        ("fix.csv", buffer.getvalue().encode("utf-8"), "text/csv")
    ).run()
    assert_clean(at)
    table = shown_table(at)
    roles = table[table["measure_id"] == "M01.01"].set_index("agency")["role"].to_dict()
    assert roles == {"mofcom": "lead", "ndrc": "lead"}
    assert len(at.session_state[session_documents.CORRECTION_PROBLEMS]) == 1
    assert any("不符" in w.value for w in at.warning)


def test_an_uploaded_table_cannot_be_reviewed():
    from tests.test_upload_app import TINY_CSV

    at = visit(upload(new_app(), "tiny.csv", TINY_CSV), "review")
    assert_clean(at)
    assert at.info and "review_pick" not in {s.key for s in at.selectbox}


def test_the_upload_page_lists_what_could_not_be_read_with_its_place():
    text = (
        "一、总则\n（一）开放。放宽准入。（商务部、、财政部）\n（二）监管。打击假冒。（工商总局）\n"
    )
    at = upload(new_app(), "bad.txt", text.encode())
    assert_clean(at)
    assert any("1 处无法读取" in w.value for w in at.warning)
    shown = [d.value for d in at.dataframe if "问题" in d.value.columns]
    assert shown and shown[0][["行", "列"]].values.tolist() == [[2, "12"]]
