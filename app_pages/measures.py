"""Measures: every measure with its full text and agencies; one shown in its source paragraph."""

import streamlit as st

from app_pages import data, links, shared
from graph.catalogue import passage_html, search_catalogue, source_passage
from graph.labels import pick

current = shared.settings()
lang = current.lang
st.title(shared.tr("measures", lang))
table = shared.filtered_or_stop(current)


everything = data.catalogue(current.document, current.filters, lang)
query = st.text_input(
    pick(
        (
            "搜索（措施内容、编号、标题或部门；多个词用空格分开）",
            "Search (text, id, title or agency; several words separated by spaces)",
        ),
        lang,
    ),
    value=links.held("measure_query", ""),
    key="measure_query",
)
found = search_catalogue(everything, query)
st.caption(
    pick(("{n} / {total} 项措施", "{n} of {total} measures"), lang).format(
        n=len(found), total=len(everything)
    )
)

headers = {
    "measure_id": ("编号", "id"),
    "section": ("部分", "section"),
    "article": ("条目", "article"),
    "article_title": ("条目标题", "article title"),
    "measure_text": ("措施内容", "measure text"),
    "agencies": ("部门（牵头标注）", "agencies (leads marked)"),
    "n_actors": ("部门数", "actors"),
}
shown = found[list(headers)].rename(columns={c: pick(h, lang) for c, h in headers.items()})
event = st.dataframe(
    shown,
    hide_index=True,
    key="measure_table",
    row_height=60,
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        pick(headers["measure_text"], lang): st.column_config.TextColumn(width=520),
        pick(headers["agencies"], lang): st.column_config.TextColumn(width=280),
    },
)

if found.empty:
    st.info(pick(("没有符合搜索条件的措施。", "No measure matches the search."), lang))
    st.stop()

texts = dict(zip(found["measure_id"], found["measure_text"], strict=True))
# A row clicked in the table chooses the measure, once: afterwards the selectbox
# below can change it again without the table taking it back.
rows = event.selection.rows if event is not None else []
clicked = found["measure_id"].iloc[rows[0]] if rows and rows[0] < len(found) else None
if clicked is not None and clicked != st.session_state.get("_measure_clicked"):
    st.session_state["measure_pick"] = clicked
st.session_state["_measure_clicked"] = clicked
picked = st.selectbox(
    pick(
        ("在原文中查看（也可点击表格中的一行）", "Show in the source text (or click a row above)"),
        lang,
    ),
    list(texts),
    format_func=lambda m: f"{m} · {texts[m][:40]}{'…' if len(texts[m]) > 40 else ''}",
    index=shared.keep_valid_choice("measure_pick", texts),
    key="measure_pick",
)
row = found[found["measure_id"] == picked].iloc[0]
heading = [row["section_title"], row["article_title"]]
st.markdown(" · ".join([f"**{shared.md(row['measure_id'])}**", *map(shared.md, heading)]))
st.markdown(pick(("**部门：** ", "**Agencies:** "), lang) + shared.md(row["agencies"]))
text = data.passage_source(current.document, row["document"])
start, end = int(row["source_start"]), int(row["source_end"])
if data.document(current.document).kind == "table":
    st.caption(
        pick(
            (
                "上传的措施表不含原文，无法显示该措施所在的段落。上传政策文件（.txt、.pdf、.docx 或 "
                ".html）即可查看原文段落。",
                "An uploaded measures table carries no source text, so the passage is not "
                "available. Upload the policy document (.txt, .pdf, .docx or .html) to see "
                "measures in their paragraphs.",
            ),
            lang,
        )
    )
elif text is None or not 0 <= start <= end <= len(text):
    st.caption(
        pick(("没有该措施的原文。", "The source text of this measure is not available."), lang)
    )
else:
    before, sentence, after = source_passage(text, start, end)
    # Escaped in passage_html; st.html sanitises again.
    st.html(f'<div class="passage">{passage_html(before, sentence, after)}</div>')
