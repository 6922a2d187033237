"""Presentation scenes: one per section, highlights and captions counted by hand."""

import pytest

from graph.build import build_graph
from graph.filters import Filters, apply_filters
from graph.fixtures import tiny_table
from graph.scenes import (
    SCENE_FRAME,
    Scene,
    bounds,
    label_box,
    section_scenes,
    text_width,
)
from graph.table import load_measures


@pytest.fixture(scope="module")
def measures():
    return load_measures()


def test_fixture_scenes():
    scenes = section_scenes(tiny_table())
    assert [s.section for s in scenes] == [0, 1, 2, None]
    opening, first, second, coordination = scenes
    assert opening.highlight == frozenset()
    assert opening.caption("en") == "5 measures naming 5 agencies."
    # Section 一 (总则): M01.01 and M01.02, with 商务部, 发展改革委, 工商总局, all leads
    # of M01.02; 商务部 also leads M01.01, so it leads most.
    assert first.highlight == {
        "measure:M01.01",
        "measure:M01.02",
        "agency:mofcom",
        "agency:ndrc",
        "agency:saic",
    }
    assert first.title("zh") == "一、总则"
    assert first.caption("zh") == (
        "第一部分“总则”：2 项措施，3 个部门；牵头最多的是商务部（2 项）、发展改革委（1 项）、工商总局（1 项）。"
    )
    assert second.caption("en") == (
        "Section 2, “监管”: 2 measures, 3 agencies; leading most: SAIC (1), Relevant departments (1)."
    )
    assert coordination.highlight == {"measure:C01", "agency:ndrc", "agency:mofcom"}
    assert coordination.caption("en").startswith(
        "The coordination mechanism: 1 measure, 2 agencies"
    )


def test_highlights_are_node_ids_of_the_graph(measures):
    graph = build_graph(measures)
    for scene in section_scenes(measures):
        assert scene.highlight <= set(graph)


def test_document_has_a_scene_per_section(measures):
    scenes = section_scenes(measures)
    # Sections 二 to 八 carry measures (一 assigns nobody), plus opening and coordination.
    assert [s.section for s in scenes] == [0, 2, 3, 4, 5, 6, 7, 8, None]
    six = scenes[5]
    assert six.title("zh") == "六、提升对外开放水平"
    assert six.title("en") == "6. Raise the level of opening up"
    measures_six = measures[measures["section"] == 6]
    assert f"{measures_six['measure_id'].nunique()} 项措施" in six.caption("zh")
    assert {n for n in six.highlight if n.startswith("measure:")} == {
        f"measure:{m}" for m in measures_six["measure_id"]
    }


def test_scenes_follow_filters(measures):
    kept = apply_filters(measures, Filters(sections=(3,), include_coordination=False))
    assert [s.section for s in section_scenes(kept)] == [0, 3]


def test_no_rows_no_scenes():
    assert section_scenes(tiny_table().iloc[0:0]) == []


def test_scene_is_plain_hashable_data():
    scene = section_scenes(tiny_table())[1]
    assert isinstance(scene, Scene)
    assert hash(scene) == hash(section_scenes(tiny_table())[1])


# ---------------------------------------------------------------- projector labels


def label_boxes(spec) -> list[tuple[str, float, float, float, float, float]]:
    """``(id, left, top, width, height, font)`` of every label, as the view places them.

    Widths are :func:`graph.scenes.text_width` estimates, wider than any font
    draws them, so boxes that do not overlap here do not overlap on screen.
    """
    out = []
    for node in spec.nodes:
        box = label_box(node)
        if box:
            out.append((node["id"], *box, float(node["font"]["size"])))
    return out


def fitted_scale(spec) -> float:
    """The scale the view fits the scene at in the projector's frame (SCENE_FRAME)."""
    _, _, width, height = bounds(spec.nodes)
    frame_width, frame_height = SCENE_FRAME
    return min(1.0, frame_width / (1.1 * width), frame_height / (1.1 * height))


def overlapping(boxes) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap."""
    found = []
    for i, (a, ax, ay, aw, ah, _) in enumerate(boxes):
        for b, bx, by, bw, bh, _ in boxes[i + 1 :]:
            if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                found.append((a, b))
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", ["bipartite", "projection"])
def test_every_scene_is_readable_on_a_projector(bundled_table, registry, lang, view):
    """Every label at least 18 px high at 1920 x 1080, no two overlapping (estimated boxes)."""
    from graph.pipeline import analyse
    from graph.views import ViewOptions, scene_spec

    analysis = analyse(bundled_table, lang=lang, registry=registry)
    scenes = section_scenes(bundled_table, registry)
    assert len(scenes) == 9
    for scene in scenes:
        options = ViewOptions(view=view, lang=lang, scene=True, highlight=tuple(scene.highlight))
        spec = scene_spec(analysis, options)
        boxes = label_boxes(spec)
        scale = fitted_scale(spec)
        # Every node of the scene has its label; the whole document gives way to its agencies.
        assert len(boxes) == len(spec.nodes) > 0
        assert min(font for *_, font in boxes) * scale >= 18, (scene.title_en, scale)
        assert overlapping(boxes) == [], scene.title_en


def test_text_width_is_generous():
    # Noto Sans CJK: ideographs 1 em, Latin letters and digits about 0.55 em.
    assert text_width("海关总署", 10) == 40
    assert text_width("M04.02", 10) > 6 * 0.55 * 10
    assert text_width("a\nlonger line", 10) == text_width("longer line", 10)
