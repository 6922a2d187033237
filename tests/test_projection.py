"""Co-responsibility projections of the tiny graph, weights worked out by hand.

mofcom (A), ndrc (N) share M01.01, M01.02, C01; saic (S) is on M01.02 with A
and N and on M02.01 with aqsiq (Q); 有关部门 (D) is alone on M02.02.
"""

from __future__ import annotations

import pytest

from graph.fixtures import tiny_graph
from graph.projection import co_responsibility, measure_similarity

A, N, S, Q, D = (f"agency:{x}" for x in ("mofcom", "ndrc", "saic", "aqsiq", "depts_relevant"))


def weights(projection):
    return {frozenset((u, v)): round(w, 6) for u, v, w in projection.edges(data="weight")}


def test_count_weighting():
    assert weights(co_responsibility(tiny_graph(), "count")) == {
        frozenset((A, N)): 3,
        frozenset((A, S)): 1,
        frozenset((N, S)): 1,
        frozenset((S, Q)): 1,
    }


def test_newman_weighting():
    # M01.01 and C01 have 2 actors (1/(2-1) = 1 each); M01.02 has 3 (1/2 per pair)
    assert weights(co_responsibility(tiny_graph(), "newman")) == {
        frozenset((A, N)): 2.5,
        frozenset((A, S)): 0.5,
        frozenset((N, S)): 0.5,
        frozenset((S, Q)): 1.0,
    }


def test_jaccard_weighting_and_shared_count():
    projection = co_responsibility(tiny_graph(), "jaccard")
    assert weights(projection) == {
        frozenset((A, N)): 1.0,  # {M01.01, M01.02, C01} both
        frozenset((A, S)): 0.25,  # 1 shared of {M01.01, M01.02, C01, M02.01}
        frozenset((N, S)): 0.25,
        frozenset((S, Q)): 0.5,  # 1 shared of {M01.02, M02.01}
    }
    assert projection[A][N]["shared"] == 3


def test_generic_actors_can_be_left_out():
    assert D in co_responsibility(tiny_graph())
    assert D not in co_responsibility(tiny_graph(), include_generic=False)


def test_measure_similarity():
    projection = measure_similarity(tiny_graph())
    assert projection["measure:M01.01"]["measure:M01.02"]["weight"] == 2  # mofcom, ndrc
    assert projection.degree("measure:M02.02") == 0


def test_unknown_weighting():
    with pytest.raises(ValueError, match="weighting"):
        co_responsibility(tiny_graph(), "cosine")


def test_same_projection_in_every_process():
    """Edge order must not depend on string hashing (PYTHONHASHSEED)."""
    import subprocess
    import sys

    from graph.paths import ROOT

    code = (
        "from graph.table import load_measures; from graph.build import build_graph;"
        "from graph.projection import co_responsibility; from graph.export import node_link_json;"
        "import hashlib; g = co_responsibility(build_graph(load_measures()), 'newman');"
        "print(hashlib.sha256(node_link_json(g).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
