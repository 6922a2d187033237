"""Review: what to look at, most doubtful first, and edits turned into corrections."""

from __future__ import annotations

from graph.corrections import apply_corrections
from graph.parse import parse_text
from graph.review import edit_corrections, review_items

TEXT = (
    "一、总则\n"
    "（一）开放。甲任务。（商务部、财政部）\n"
    "（二）监管。乙任务。（商务部、某某委员会按职责分工负责）\n"
    "（三）服务。丙任务。（商务部牵头，财政部参与）\n"
    "（四）保障。丁任务。（海关总署、、税务总局按职责分工负责）\n"
    "（五）协同。戊任务。（海关总署）\n"
)


def test_items_most_doubtful_first_then_in_text_order(registry):
    table = parse_text(TEXT, document="d", registry=registry).to_frame()
    items = review_items(table)
    assert items[["measure_id", "doubt"]].values.tolist() == [
        ["M04.01", 4],  # an empty name in the list
        ["M02.01", 3],  # a name the registry does not know
        ["M01.01", 2],  # 商务部 leads only because it is listed first
    ]
    # explicit roles (M03) and a single actor (M05) need no review
    assert items["actors"].iloc[2] == [("商务部", "mofcom", "lead"), ("财政部", "mof", "partner")]


def test_an_edit_becomes_corrections_that_give_the_edit(registry):
    table = parse_text(TEXT, document="d", registry=registry).to_frame()
    item = review_items(table).iloc[2]  # M01.01
    edited = [("财政部", "lead"), ("商务部", "partner"), ("海关总署", "partner")]
    fixes = edit_corrections(item, edited, comment="财政部主责")
    assert fixes["action"].tolist() == ["change_role", "change_role", "add_actor"]
    corrected, problems = apply_corrections(table, fixes, registry)
    assert problems == []
    rows = corrected[corrected["measure_id"] == "M01.01"]
    assert sorted(zip(rows["agency"], rows["role"], strict=True)) == [
        ("gacc", "partner"),
        ("mof", "lead"),
        ("mofcom", "partner"),
    ]
    assert set(rows["status"]) == {"corrected"}
    # once corrected, the item is listed last, as corrected
    again = review_items(corrected)
    assert again.iloc[-1]["measure_id"] == "M01.01" and again.iloc[-1]["doubt"] == 1
    assert "M01.01" not in set(review_items(corrected, include_corrected=False)["measure_id"])


def test_not_an_assignment_and_no_change(registry):
    table = parse_text(TEXT, document="d", registry=registry).to_frame()
    item = review_items(table).iloc[1]  # M02.01
    assert edit_corrections(item, [(w, r) for w, _, r in item["actors"]]).empty
    fixes = edit_corrections(item, [], not_assignment=True)
    corrected, _ = apply_corrections(table, fixes, registry)
    assert "M02.01" not in set(corrected["measure_id"])
    assert corrected.attrs["corrections"] == 1
