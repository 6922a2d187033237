"""Review and correct: every parenthetical the parser was not sure of, in its sentence.

Most doubtful first (a fragment it could not read, an unregistered name, a role
the rule had to guess); the analyst changes actors and roles, adds or removes
actors, or marks the parenthetical as not an assignment. Corrections are kept
in this session as a small table of their own (:mod:`graph.corrections`),
applied on top of the parse for every page, downloadable, and uploadable again;
nothing is written to the source or to ``data/``.
"""

import io

import pandas as pd
import streamlit as st

from app_pages import data, session_documents, shared
from graph.catalogue import compact_span_end, passage_html, source_passage
from graph.corrections import corrections_from_bytes, write_corrections
from graph.errors import InputError
from graph.labels import ROLE_NAMES, pick
from graph.review import edit_corrections, parenthetical, review_items
from graph.uploads import problem_table


def _edited(editor: pd.DataFrame, state: dict) -> pd.DataFrame:
    """The editor's table after the edits ``st.data_editor`` keeps in session state."""
    table = editor.copy()
    for row, changes in state.get("edited_rows", {}).items():
        for column, value in changes.items():
            table.loc[int(row), column] = value
    table = table.drop(index=[int(i) for i in state.get("deleted_rows", [])])
    added = pd.DataFrame(state.get("added_rows", []), columns=editor.columns)
    return pd.concat([table, added], ignore_index=True)


def _save(doc: str, place: tuple[str, int], editor: pd.DataFrame, edit_key: str, roles) -> None:
    """Callback of the save button: the edit of one parenthetical becomes its corrections."""
    actor_col, role_col = editor.columns
    edited = _edited(editor, st.session_state.get(edit_key, {}))
    wanted = [
        (str(row[actor_col]).strip(), roles.get(row[role_col], "partner"))
        for _, row in edited.iterrows()
        if pd.notna(row[actor_col]) and str(row[actor_col]).strip()
    ]
    as_read = parenthetical(data.document(session_documents.base_key(doc)).table, *place)
    not_assignment = bool(st.session_state.get(f"review_not_{place[0]}_{place[1]}"))
    comment = st.session_state.get("review_comment", "")
    rows = edit_corrections(as_read, wanted, not_assignment, comment)
    session_documents.save_corrections(doc, place, rows)


current = shared.settings()
lang = current.lang
st.title(shared.tr("review", lang))
shown = data.document(current.document)
base_key = session_documents.base_key(current.document)
base = data.document(base_key)

st.markdown(
    pick(
        (
            "下面列出解析时没有把握的括注，最需要核对的在前：无法识别的名称、登记表中没有的名称、"
            "按“排在第一位的牵头”规则推定的角色。可以修改部门及其角色、增删部门，或标记该括注不是分工。"
            "更正单独保存为一张表，叠加在解析结果之上，所有页面都显示更正后的结果；原文和项目数据不会被改动。",
            "Below are the parentheticals the parser was not sure of, most doubtful first: a "
            "fragment it could not read, a name the registry does not know, a role the rule had "
            "to guess (the first-listed leads). Change an actor or its role, add or remove "
            "actors, or mark the parenthetical as not an assignment. Corrections are kept as a "
            "table of their own, applied on top of the parse on every page; the source text and "
            "the project's data are never changed.",
        ),
        lang,
    )
)
if base.kind == "table" or "assignment_start" not in base.table:
    st.info(
        pick(
            (
                "上传的措施表没有原文位置，无法逐条核对；请上传政策文本。",
                "An uploaded measures table has no places in a source text to review; upload "
                "the policy text instead.",
            ),
            lang,
        )
    )
    st.stop()

if base.warnings:
    st.warning(
        pick(
            (
                "有 {n} 处无法读取，已按普通文字处理：",
                "{n} places could not be read and were kept as text:",
            ),
            lang,
        ).format(n=len(base.warnings))
    )
    st.dataframe(problem_table(base.warnings).drop(columns=["hint"]), hide_index=True)

fixes = session_documents.corrections_of(current.document)
stale = st.session_state.get(session_documents.CORRECTION_PROBLEMS, ())
if stale:
    st.warning(
        pick(
            (
                "{n} 条更正与文本不符，未应用：",
                "{n} corrections do not match the text and were not applied:",
            ),
            lang,
        ).format(n=len(stale))
    )
    st.dataframe(problem_table(stale).drop(columns=["hint"]), hide_index=True)

items = review_items(shown.table, lang=lang)
st.caption(
    pick(
        ("需核对 {n} 处；已有 {k} 条更正。", "{n} parentheticals to review; {k} corrections made."),
        lang,
    ).format(n=int((items["doubt"] > 1).sum()), k=len(fixes))
)
if items.empty:
    st.success(pick(("没有需要核对的括注。", "Nothing to review."), lang))
else:
    labels = {
        i: f"{row.measure_id} · {row.assignment_text[:30]} · {row.reasons}"
        for i, row in enumerate(items.itertuples(index=False))
    }
    chosen = st.selectbox(
        pick(("括注（最需核对的在前）", "Parenthetical (most doubtful first)"), lang),
        list(labels),
        format_func=labels.__getitem__,
        index=shared.keep_valid_choice("review_pick", labels),
        key="review_pick",
    )
    item = items.iloc[chosen]
    place = (str(item["document"]), int(item["assignment_start"]))
    st.markdown(
        " · ".join(
            [
                f"**{shared.md(item['measure_id'])}**",
                shared.md(item["section_title"]),
                shared.md(item["article_title"]),
            ]
        )
    )
    text = data.passage_source(current.document, place[0])
    if text is not None:
        start = int(item["source_start"])
        end = compact_span_end(text, place[1], len(item["assignment_text"]))
        if 0 <= start <= end <= len(text):
            before, sentence, after = source_passage(text, start, end)
            st.html(f'<div class="passage">{passage_html(before, sentence, after)}</div>')
    st.caption(shared.md(item["reasons"]))

    roles = {pick(ROLE_NAMES[r], lang): r for r in ("lead", "partner")}
    names = {r: n for n, r in roles.items()}
    actor_col, role_col = (
        pick(("部门（原文写法或编号）", "actor (as written, or id)"), lang),
        pick(("角色", "role"), lang),
    )
    editor = pd.DataFrame(
        [(written, names[role]) for written, _, role in item["actors"]],
        columns=[actor_col, role_col],
    )
    edit_key = f"review_edit_{place[0]}_{place[1]}"
    edited = st.data_editor(
        editor,
        num_rows="dynamic",
        hide_index=True,
        key=edit_key,
        column_config={
            actor_col: st.column_config.TextColumn(required=True),
            role_col: st.column_config.SelectboxColumn(options=list(roles), required=True),
        },
    )
    not_assignment = st.checkbox(
        pick(
            ("这个括注不是分工（按普通文字处理）", "This parenthetical is not an assignment"), lang
        ),
        key=f"review_not_{place[0]}_{place[1]}",
    )
    comment = st.text_input(
        pick(("说明（可选）", "Comment (optional)"), lang), key="review_comment"
    )
    st.button(
        pick(("保存更正", "Save correction"), lang),
        key="review_save",
        type="primary",
        on_click=_save,
        args=(current.document, place, editor, edit_key, roles),
    )

st.subheader(pick(("更正表", "Corrections"), lang))
if not fixes.empty:
    st.dataframe(fixes, hide_index=True, key="corrections_table")
    buffer = io.StringIO()
    write_corrections(fixes, buffer)
    st.download_button(
        pick(("下载更正表（CSV）", "Download corrections (CSV)"), lang),
        buffer.getvalue().encode("utf-8"),
        file_name=f"{base.name.rsplit('.', 1)[0]}-corrections.csv",
        mime="text/csv",
        key="corrections_download",
    )
    st.caption(
        pick(
            (
                "命令行同样适用：`python -m graph metrics --data 表.csv --corrections 更正表.csv`。",
                "The CLI takes it too: `python -m graph metrics --data table.csv --corrections "
                "corrections.csv`.",
            ),
            lang,
        )
    )


def _take_corrections_file() -> None:
    uploaded = st.session_state.get("corrections_upload")
    if uploaded is None:
        return
    try:
        rows = corrections_from_bytes(uploaded.getvalue(), uploaded.name)
    except InputError as error:
        st.session_state["corrections_upload_error"] = error.problems
        return
    st.session_state.pop("corrections_upload_error", None)
    session_documents.add_corrections(st.session_state.get("document", current.document), rows)


st.file_uploader(
    pick(("上传更正表（CSV）", "Upload a corrections file (CSV)"), lang),
    key="corrections_upload",
    on_change=_take_corrections_file,
)
if st.session_state.get("corrections_upload_error"):
    st.dataframe(
        problem_table(st.session_state["corrections_upload_error"]).drop(columns=["hint"]),
        hide_index=True,
    )
