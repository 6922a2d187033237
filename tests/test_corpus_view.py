"""The network through time: fixed positions, ties that persist, appear and vanish, the slider page."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from graph.corpus import document_years, periods
from graph.corpus_view import (
    TIE_COLORS,
    corpus_positions,
    corpus_snapshot_html,
    tie_changes,
    tie_summary,
    unit_projection,
    unit_spec,
)
from graph.reform import align_agencies


@pytest.fixture(scope="module")
def aligned(real_corpus):
    return align_agencies(real_corpus.table, document_years(real_corpus.documents), "today")


def period_rows(corpus, table, scheme="reform"):
    unit_of = periods(corpus.documents, scheme)
    labels = table["document"].map(unit_of)
    return [(str(u), table[labels == u]) for u in unit_of.cat.categories if (labels == u).any()]


def test_an_agency_is_in_the_same_place_in_every_period(real_corpus, aligned, registry):
    places = corpus_positions(aligned, registry=registry)
    units = period_rows(real_corpus, aligned, "year")
    assert len(units) >= 2
    seen: dict[str, set] = {}
    previous = None
    for _, rows in units:
        spec = unit_spec(rows, places, previous, registry=registry)
        previous = rows
        for node in spec.nodes:
            seen.setdefault(node["id"], set()).add((node["x"], node["y"]))
    assert all(len(spots) == 1 for spots in seen.values()), {
        n: s for n, s in seen.items() if len(s) > 1
    }
    assert {n: next(iter(s)) for n, s in seen.items()} == {
        n: (float(places[n][0]), float(places[n][1])) for n in seen
    }
    # 市场监管总局 is one node, in 2015 (as 工商总局 …) and later.
    assert "agency:samr" in seen and "agency:saic" not in seen


def test_ties_that_persist_appear_and_vanish_are_coloured(real_corpus, aligned, registry):
    places = corpus_positions(aligned, registry=registry)
    (_, first), (_, second) = period_rows(real_corpus, aligned)[:2]
    changes = tie_changes(unit_projection(first), unit_projection(second))
    spec = unit_spec(second, places, first, registry=registry)
    colours = {tuple(sorted((e["from"], e["to"]))): e["color"] for e in spec.edges}
    for row in changes.itertuples(index=False):
        assert colours[(row.source, row.target)] == TIE_COLORS[row.status]
    counts = changes["status"].value_counts()
    assert counts.get("persist", 0) and counts.get("appear", 0) and counts.get("vanish", 0)
    dashed = [e for e in spec.edges if e.get("dashes")]
    assert len(dashed) == counts["vanish"]
    drawn = {n["id"] for n in spec.nodes}
    assert all(e["from"] in drawn and e["to"] in drawn for e in spec.edges)


def test_tie_summary_counts_each_step():
    a = nx.Graph([("x", "y"), ("y", "z")])
    b = nx.Graph([("x", "y"), ("x", "z")])
    c = nx.Graph([("x", "z")])
    summary = tie_summary([("2015", a), ("2018", b), ("2019", c)])
    assert summary.to_dict("records") == [
        {"from": "2015", "to": "2018", "persist": 1, "appear": 1, "vanish": 1, "ties": 2},
        {"from": "2018", "to": "2019", "persist": 1, "appear": 0, "vanish": 1, "ties": 1},
    ]


def test_snapshot_has_every_unit_and_a_slider(real_corpus, aligned, registry):
    places = corpus_positions(aligned, registry=registry)
    specs, previous = [], None
    for unit, rows in period_rows(real_corpus, aligned):
        specs.append((unit, unit_spec(rows, places, previous, registry=registry, lang="en")))
        previous = rows
    page = corpus_snapshot_html(
        specs, title="<corpus>", provenance=["x </script>"], lang="en", kind="period"
    )
    assert f'<input id="unit-range" type="range" min="0" max="{len(specs) - 1}"' in page
    assert "&lt;corpus&gt;" in page and "<corpus>" not in page
    assert not re.search(r"(src|href)=[\"']?https?:", page)
    units = json.loads(re.search(r'id="corpus-units">(.*?)</script>', page, re.S).group(1))
    assert [u["label"] for u in units] == [label for label, _ in specs]
    assert all(u["data"]["legend"] for u in units)


def test_snapshot_slider_in_the_browser(real_corpus, aligned, registry, tmp_path):
    from playwright.sync_api import expect

    from tests.browser import OUTPUT, browser_available, chromium, recorded_page

    if not browser_available():
        pytest.skip("needs Playwright and /usr/bin/chromium")
    places = corpus_positions(aligned, registry=registry)
    specs, previous = [], None
    for unit, rows in period_rows(real_corpus, aligned, "year"):
        specs.append((unit, unit_spec(rows, places, previous, registry=registry)))
        previous = rows
    path = tmp_path / "corpus.html"
    path.write_text(corpus_snapshot_html(specs, title="文集", lang="zh"), encoding="utf-8")
    uri = path.resolve().as_uri()
    with chromium() as browser, recorded_page(browser, allow=lambda url: url == uri) as (page, rec):
        page.goto(uri)
        page.wait_for_function("window.view !== undefined", timeout=30_000)
        expect(page.locator("body")).to_have_attribute("data-unit", "0")
        expect(page.locator("#unit-label")).to_have_text(specs[0][0])

        def drawn() -> dict:
            # Graph coordinates of every node drawn (the view refits between units).
            return page.evaluate(
                "(() => { const c = view.camera(); const tx = c.width / 2 - c.x * c.scale;"
                " const ty = c.height / 2 - c.y * c.scale;"
                " return Object.fromEntries(view.nodeIds().map(id => { const s = view.toScreen(id);"
                " return [id, [(s.x - tx) / c.scale, (s.y - ty) / c.scale]]; })); })()"
            )

        first = drawn()
        assert set(first) == {n["id"] for n in specs[0][1].nodes}
        last = len(specs) - 1
        page.locator("#unit-range").fill(str(last))
        expect(page.locator("body")).to_have_attribute("data-unit", str(last))
        expect(page.locator("#unit-label")).to_have_text(specs[last][0])
        after = drawn()
        assert set(after) == {n["id"] for n in specs[last][1].nodes}
        # Agencies in both units have not moved.
        both = set(first) & set(after)
        assert both
        for node in both:
            assert first[node] == pytest.approx(after[node], abs=1e-6)
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "corpus-snapshot-last-unit.png"))
        assert rec.blocked == [] and rec.errors == []


@pytest.mark.parametrize("weighting", ["count", "newman", "jaccard"])
def test_unit_projection_is_co_responsibility_on_the_bipartite_graph(
    real_corpus, registry, weighting
):
    from graph.build import build_graph
    from graph.projection import co_responsibility

    for _, rows in real_corpus.table.groupby("document", sort=False):
        ours = unit_projection(rows, weighting, registry)
        theirs = co_responsibility(build_graph(rows, registry), weighting)
        assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
        assert {tuple(sorted((u, v))) for u, v in ours.edges} == {
            tuple(sorted((u, v))) for u, v in theirs.edges
        }
        for u, v, data in theirs.edges(data=True):
            assert ours[u][v]["shared"] == data["shared"]
            assert ours[u][v]["weight"] == pytest.approx(data["weight"], rel=1e-12)
