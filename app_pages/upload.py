"""Your documents: upload policy texts (text, PDF, Word, web page) or measures tables, or paste a text.

The upload is read once, in the widget's callback
(:mod:`app_pages.session_documents`); this page shows the outcome: every
problem with its place when the file cannot be used, or the notes (unknown
agency names with close registry names) when it can. The document is then
shown on every page and offered in the sidebar's document switch, for this
session only.
"""

import pandas as pd
import streamlit as st

from app_pages import data, session_documents, shared
from graph.ingest import MAX_TEXT_BYTES
from graph.labels import pick
from graph.readers import MAX_FILE_BYTES
from graph.table import MAX_TABLE_BYTES, MAX_TABLE_ROWS
from graph.uploads import problem_table, unregistered_agencies

current = shared.settings()
lang = current.lang
st.title(shared.tr("upload", lang))

st.markdown(
    pick(
        (
            "上传政策文件：文本（.txt，UTF-8 或 GB18030 编码，简体或繁体）、带文字层的 PDF（.pdf）、"
            "Word 文件（.docx，含分工表）或从政府网站保存的网页（.html、.htm）；或一张措施表（.csv，"
            "与 `data/measures.csv` 相同的列）；也可以直接粘贴文本。可以一次选择多个文件。读取成功后，"
            "所有页面都显示最后读取的文件，侧栏的“文件”可以在各文件和内置文件之间切换。",
            "Upload policy documents: a text (.txt, UTF-8 or GB18030, simplified or traditional "
            "characters), a PDF with a text layer (.pdf), a Word file (.docx, 分工 tables "
            "included) or a page saved from a government site (.html, .htm); or a measures table "
            "(.csv, the columns of `data/measures.csv`); or paste a text. Several files can be "
            "chosen at once. Once read, every page shows the last one read; the sidebar's "
            "*Document* switch goes back and forth between them and the bundled document.",
        ),
        lang,
    )
)
st.caption(
    pick(
        (
            "上限：文本和网页 {text} MB，PDF 和 Word {file} MB，措施表 {table} MB、{rows:,} 行。"
            "文件只保存在本次浏览器会话的内存中，不写入服务器磁盘，其他用户看不到；关闭页面后即消失。",
            "Limits: texts and pages {text} MB; PDF and Word files {file} MB; tables {table} MB "
            "and {rows:,} rows. Files are kept in this browser session's memory only: never "
            "written to the server's disk, invisible to other users, gone when the session ends.",
        ),
        lang,
    ).format(
        text=MAX_TEXT_BYTES // 2**20,
        file=MAX_FILE_BYTES // 2**20,
        table=MAX_TABLE_BYTES // 2**20,
        rows=MAX_TABLE_ROWS,
    )
)

# No type= filter: Streamlit would answer a wrong suffix with an exception box;
# graph.uploads names the accepted kinds in a message instead.
st.file_uploader(
    pick(
        (
            "选择文件（.txt、.pdf、.docx、.html 或 .csv，可多选）",
            "Choose files (.txt, .pdf, .docx, .html or .csv; several at once)",
        ),
        lang,
    ),
    key="upload",
    accept_multiple_files=True,
    on_change=session_documents.on_upload,
)
with st.expander(pick(("或粘贴文本", "Or paste a text"), lang)):
    st.text_area(
        pick(("政策文本", "Policy text"), lang),
        key="paste_text",
        height=200,
        max_chars=MAX_TEXT_BYTES,
    )
    st.button(
        pick(("读取粘贴的文本", "Read the pasted text"), lang),
        key="paste_read",
        on_click=session_documents.on_paste,
    )

outcomes = st.session_state.get(session_documents.OUTCOME) or ()
uploads = data.session_documents()
failed = [outcome for outcome in outcomes if outcome.problems]
for outcome in failed:
    message = pick(
        (
            "**{name}** 无法使用：发现 {n} 个问题。",
            "**{name}** cannot be used: {n} problems found.",
        ),
        lang,
    ).format(name=shared.md(outcome.name), n=len(outcome.problems))
    if len(outcome.problems) == 1 and outcome.problems[0].line is None:
        message += " " + shared.md(outcome.problems[0].message)  # a whole-file problem
    st.error(message)
PROBLEM_HEADERS = {
    "source": ("文件", "file"),
    "line": ("行", "line"),
    "column": ("列", "column"),
    "message": ("问题", "problem"),
    "value": ("值", "value"),
    "hint": ("提示", "hint"),
}


def shown_problems(problems, hint: bool = True) -> pd.DataFrame:
    """Problems as a table with headers in the page's language."""
    table = problem_table(problems)
    if not hint:
        table = table.drop(columns=["hint"])
    table.columns = [pick(PROBLEM_HEADERS[c], lang) for c in table.columns]
    return table


if failed:
    headers = PROBLEM_HEADERS
    problems = shown_problems([p for outcome in failed for p in outcome.problems])
    st.dataframe(
        problems,
        hide_index=True,
        key="problem_table",
        column_config={
            pick(headers["source"], lang): st.column_config.TextColumn(width="small"),
            pick(headers["line"], lang): st.column_config.NumberColumn(width="small"),
            pick(headers["message"], lang): st.column_config.TextColumn(width="large"),
        },
    )
read = [outcome for outcome in outcomes if outcome.key in uploads]
for index, outcome in enumerate(read):
    suffix = f"_{index}" if index else ""
    found = uploads[outcome.key]
    shown = outcome.key == st.session_state.get("document")
    st.success(
        pick(
            (
                "已读取 **{name}**：{m} 项措施，{a} 个部门。"
                + ("所有页面现在显示这份文件。" if shown else "可在侧栏的“文件”中切换到它。"),
                "Read **{name}**: {m} measures, {a} agencies. "
                + (
                    "Every page now shows it."
                    if shown
                    else "The sidebar's *Document* switch shows it."
                ),
            ),
            lang,
        ).format(name=shared.md(found.name), m=found.measures, a=found.agencies)
    )
    if outcome.forgotten:
        st.info(
            pick(
                (
                    "本会话最多保留 {k} 份文件；已移除最早的：{names}",
                    "This session keeps {k} documents at most; the oldest were removed: {names}",
                ),
                lang,
            ).format(
                k=session_documents.MAX_SESSION_DOCUMENTS,
                names=shared.md("、".join(outcome.forgotten)),
            )
        )
    if found.warnings:
        st.warning(
            pick(
                (
                    "{n} 处无法读取，已按普通文字处理或标记为待核对（见下表，含行号和列号）；"
                    "其余内容已读取。可在“核对与更正”页面逐条核对。",
                    "{n} places could not be read: they were kept as text or flagged for "
                    "review (listed below with their line and column); everything else was "
                    "read. Check them on the *Review and correct* page.",
                ),
                lang,
            ).format(n=len(found.warnings))
        )
        st.dataframe(
            shown_problems(found.warnings, hint=False), hide_index=True, key=f"warnings{suffix}"
        )
    unknown = unregistered_agencies(found.table, data.registry())
    if not unknown.empty:
        st.warning(
            pick(
                (
                    "{n} 个名称不在部门登记表中，按“未登记”保留。下表列出登记表中相近的名称，"
                    "可据此修改文件后重新上传。",
                    "{n} names are not in the agency registry and are kept as unregistered. "
                    "Close registry names are listed; correct the file and upload it again if "
                    "one of them was meant.",
                ),
                lang,
            ).format(n=len(unknown))
        )
        unknown.columns = [
            pick(pair, lang)
            for pair in (
                ("部门编号", "agency id"),
                ("原文写法", "as written"),
                ("措施数", "measures"),
                ("首次出现", "first measure"),
                ("相近的登记名称", "close registry names"),
            )
        ]
        st.dataframe(unknown, hide_index=True, key=f"unregistered_table{suffix}")
    if found.notes:
        with st.expander(pick(("读取说明", "Notes from reading"), lang)):
            st.dataframe(
                shown_problems(found.notes, hint=False), hide_index=True, key=f"notes{suffix}"
            )

if uploads:
    st.subheader(pick(("本会话的文件", "This session's documents"), lang))
    kinds = {"text": ("文本", "text"), "table": ("措施表", "table")}
    st.dataframe(
        pd.DataFrame(
            {
                pick(("文件", "file"), lang): [d.name for d in uploads.values()],
                pick(("类型", "kind"), lang): [pick(kinds[d.kind], lang) for d in uploads.values()],
                pick(("措施", "measures"), lang): [d.measures for d in uploads.values()],
                pick(("部门", "agencies"), lang): [d.agencies for d in uploads.values()],
            }
        ),
        hide_index=True,
        key="session_documents",
    )
    if st.session_state.get("forget_pick") not in uploads:
        st.session_state.pop("forget_pick", None)
    gone = st.selectbox(
        pick(("移除文件", "Remove a document"), lang),
        list(uploads),
        format_func={key: session_documents.label(key, lang) for key in uploads}.__getitem__,
        key="forget_pick",
    )
    st.button(
        pick(("移除", "Remove"), lang),
        key="forget",
        on_click=session_documents.forget,
        args=(gone,),
    )
