"""Clusters: agencies that work together, what binds them, and who connects two agencies."""

import pandas as pd
import streamlit as st

from app_pages import data, shared
from graph.chain import agency_chain, chain_line, chain_nodes, count_shortest_chains
from graph.clusters import binding_measures
from graph.explain import explain
from graph.labels import pick

current = shared.settings()
lang, en = current.lang, current.lang == "en"
st.title(shared.tr("clusters", lang))
table = shared.filtered_or_stop(current)
registry = data.registry()
result = data.analysis(current.document, current.filters, current.weighting, lang)
clustering = result.clustering

st.markdown(explain("cluster", lang))
st.metric(
    pick(
        ("模块度（越高，群内联系越集中）", "Modularity (higher: ties concentrate inside clusters)"),
        lang,
    ),
    f"{clustering.modularity:.3f}",
)

view = data.cluster_view(current)
clusters = view["table"]
if clusters.empty:
    st.info(pick(("筛选后没有可分群的部门。", "No agency left to cluster."), lang))
    st.stop()
st.plotly_chart(view["figure"], key="chart_clusters")
shown = clusters[
    ["cluster", "label", "size", "members_en" if en else "members_zh", "binding_measures"]
]
shown.columns = [
    pick(("群", "cluster"), lang),
    pick(("名称", "label"), lang),
    pick(("部门数", "agencies"), lang),
    pick(("成员", "members"), lang),
    pick(("凝聚措施数", "binding measures"), lang),
]
st.dataframe(shown, hide_index=True, key="cluster_table")

numbers = clusters["cluster"].tolist()
number = st.selectbox(
    pick(("查看协作群", "Look at cluster"), lang),
    numbers,
    format_func=lambda n: f"{n}: {clustering.labels[n - 1]}",
    index=shared.keep_valid_choice("cluster_pick", numbers, default=1),
    key="cluster_pick",
)
members = clustering.clusters[number - 1]
st.caption(
    pick(
        (
            "凝聚措施：至少两名群成员共同负责的措施。",
            "Binding measures: measures naming at least two members of the cluster.",
        ),
        lang,
    )
)
binding = binding_measures(result.graph, members)
texts = table.drop_duplicates("measure_id").set_index("measure_id")["measure_text"]
st.dataframe(
    pd.DataFrame(
        {
            pick(("措施", "measure"), lang): binding,
            pick(("内容", "text"), lang): [texts.get(m, "") for m in binding],
        }
    ),
    hide_index=True,
    key="binding_table",
)
height = shared.network_height(current, 560)
if data.few_enough_agencies(current.document):
    data.show_network(
        "cluster_net",
        current,
        height,
        title=clustering.labels[number - 1],
        view="projection",
        color_by="cluster",
        highlight=tuple(members),
    )
else:
    st.info(shared.too_many_agencies(current))

st.subheader(pick(("谁把两个部门连起来？", "Who connects two agencies?"), lang))
choices = data.choices(current.document, current.filters, lang)
ids = list(choices)
left, right = st.columns(2)
source = left.selectbox(
    pick(("从", "From"), lang),
    ids,
    format_func=choices.get,
    index=shared.keep_valid_choice("chain_from", ids, "gacc"),
    key="chain_from",
)
target = right.selectbox(
    pick(("到", "To"), lang),
    ids,
    format_func=choices.get,
    index=shared.keep_valid_choice("chain_to", ids, "spb"),
    key="chain_to",
)
chain = agency_chain(result.graph, source, target, lang)
if source == target:
    st.info(pick(("请选择两个不同的部门。", "Choose two different agencies."), lang))
elif chain.empty:
    st.info(
        pick(
            (
                "在当前筛选下，这两个部门之间没有共同措施构成的联系。",
                "Under the current filters no chain of shared measures links these two agencies.",
            ),
            lang,
        )
    )
else:
    line = chain_line(chain)
    st.markdown(f"**{shared.md(line)}**")
    alternatives = count_shortest_chains(result.graph, source, target)
    st.caption(
        pick(
            (
                "最短联系经过 {k} 项措施；同样长度的联系共有 {n} 条，这里显示按文件顺序找到的第一条。",
                "The shortest chain runs through {k} measures; there are {n} chains of that length, the first found in document order is shown.",
            ),
            lang,
        ).format(k=len(chain), n=alternatives)
    )
    st.dataframe(
        chain.rename(
            columns={
                "step": pick(("步", "step"), lang),
                "from_agency": pick(("从", "from"), lang),
                "measure_id": pick(("措施", "measure"), lang),
                "measure_text": pick(("内容", "text"), lang),
                "to_agency": pick(("到", "to"), lang),
            }
        ),
        hide_index=True,
        key="chain_table",
    )
    path = tuple(chain_nodes(result.graph, source, target))
    height = shared.network_height(current, 620)
    # The force layout shows a chain best; large documents get the two columns.
    layout = "force" if data.few_enough_agencies(current.document) else "bipartite"
    data.show_network("chain_net", current, height, title=line, layout=layout, highlight=path)
