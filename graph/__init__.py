"""Responsibility networks of Chinese policy documents.

Stages, one module each: :mod:`graph.parse` (text to table),
:mod:`graph.table` (load and validate), :mod:`graph.build` (table to bipartite
graph), :mod:`graph.projection`, :mod:`graph.metrics`, :mod:`graph.clusters`,
:mod:`graph.today` (succession), :mod:`graph.export` (files).

Conventions: every graph node carries ``bipartite`` 0 (measure) or 1
(agency); node ids are ``measure:<id>`` and ``agency:<id>``; functions never
change their inputs. Nothing here imports Streamlit.
"""
