"""Responsibility-network explorer (entry point; the dashboard grows here)."""

import streamlit as st

from graph.build import build_graph
from graph.metrics import agency_metrics
from graph.table import load_measures

st.set_page_config(page_title="Responsibility network", layout="wide")
st.title("国发〔2015〕24号 · responsibility network")
table = load_measures()
metrics = agency_metrics(build_graph(table))
st.dataframe(metrics, width="stretch")
