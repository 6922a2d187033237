"""Benchmarks: how fast and how big each stage is, from text to snapshot.

Run ``python -m benchmarks --sizes 1,10,100,1000 --out results.csv``; see
``benchmarks/README.md`` for what is measured, how, and the figures.
"""
