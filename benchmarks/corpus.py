"""Synthetic policy texts in the genre of 国发〔2015〕24号, at any multiple of its size.

The generator writes what a PDF extract of a State Council opinion looks like:
an addressee line and preamble, sections ``一、``, articles ``（一）`` with a
title sentence, measures that end in an assignment parenthetical naming
registry agencies, ordinary parentheses such as ``物流（快递）``, a closing
paragraph with the cross-department coordination sentence, and lines broken
every ~30 characters with blank lines between them.

Its shape is sampled from the bundled document (``data/measures.csv``):

- the assignment parentheticals: each generated measure copies the *form* of
  a random measure of the document (how many actors, which generic actors
  such as 有关部门 or 地方各级人民政府, the ``、``/``，`` separators and the
  closing qualifier such as ``等部门按职责分工分别负责``) and fills the named
  slots with other agencies of the registry (``in_2015`` rows), drawn with the
  document's frequencies;
- measure lengths, measures per article, articles per section and the share
  of articles (guiding principles) that assign nobody.

Besides the text, a :class:`Corpus` records what the generator *meant*: every
measure with its id, section, article, text and actors with role, position
and shared duty, worked out from the role rule stated in
:mod:`graph.parse` (shared duty when the parenthetical says 按(照)职责分工,
then every actor leads; otherwise the first actor leads and the others are
partners), not by running the parser. ``tests/test_benchmarks.py`` checks
that the parser reads back exactly that.

Numbering: sections are numbered in sequence (at most 999, the parser's
numeral range); articles run through the document while there are at most 999
of them and restart in each section otherwise; large corpora get longer
sections instead of more of them. Measure ids follow the parser's scheme:
``M{article:02d}.{seq:02d}`` with the article's ordinal in the document.

>>> corpus = generate_corpus(1, seed=7)
>>> corpus.text.lstrip().startswith("各省、自治区、直辖市人民政府")
True
>>> corpus.measures[0].measure_id.startswith("M"), corpus.measures[-1].measure_id
(True, 'C01')
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from graph.paths import MEASURES_CSV, SOURCE_TEXT
from graph.registry import GENERIC_KINDS, Registry, load_registry

SEED = 2015
LINE_WIDTHS = (29, 29, 29, 30, 30, 31)  # characters per line, as in the bundled extract
MAX_NUMERAL = 999  # graph.parse.chinese_numeral reads up to 九百九十九
SHARED_MARK = "职责分工"  # 按职责分工 / 按照职责分工: every actor leads

_DIGITS = "零一二三四五六七八九"
_SECTION_LINE = re.compile("^[零〇一二三四五六七八九十百]+、")
_ARTICLE_LINE = re.compile("^[（(][零〇一二三四五六七八九十百]+[）)]")
_NUMERAL_CHARS = set("零〇一二三四五六七八九十百")
# A line never starts with a numeral (it could read as a heading) nor, as in the
# typeset original, with closing punctuation.
_NO_LINE_START = _NUMERAL_CHARS | set("，。、；：）")

# Phrases are free of Chinese numerals, parentheses and "。", so a line break can
# never make a measure look like a heading and titles stay one sentence.
_VERBS = (
    "加快推进",
    "积极推动",
    "研究制定",
    "完善",
    "鼓励",
    "支持",
    "规范",
    "建立健全",
    "加强",
    "深化",
    "探索建立",
    "引导",
    "落实",
    "优化",
    "健全",
    "推广",
    "清理",
    "强化",
)
_OBJECTS = (
    "电子商务标准体系",
    "网络零售平台建设",
    "跨境电子商务服务",
    "农村物流配送网络",
    "信用信息共享机制",
    "网上交易监管",
    "电子支付安全管理",
    "电子商务统计监测",
    "企业登记注册便利化",
    "小微企业融资服务",
    "网络商品质量抽查",
    "快递末端服务设施",
    "电子商务人才培训",
    "知识产权保护协作",
    "数据开放共享",
    "线上线下融合发展",
    "移动金融服务创新",
    "网络消费者权益保护",
    "进出口通关监管",
    "仓储用地保障",
    "示范城市建设",
    "行业自律机制",
    "投诉举报处理",
    "税收征管服务",
)
_TAILS = (
    "提升服务水平",
    "降低企业成本",
    "营造公平竞争环境",
    "促进产业转型升级",
    "扩大有效需求",
    "保障交易安全",
    "方便群众办事",
    "激发市场活力",
)
# Ordinary parentheticals of the bundled document: no agency, never an assignment.
_ORDINARY = (
    "支持物流（快递）企业发展",
    "明确市场主体住所（经营场所）登记条件",
    "建设村级信息服务站（点）",
    "推广三维（3D）打印等新技术",
    "总结中国（杭州）跨境电子商务综合试验区经验",
)
_SECTION_TITLES = (
    "营造宽松发展环境",
    "促进就业创业",
    "推动转型升级",
    "完善物流基础设施",
    "提升对外开放水平",
    "构筑安全保障防线",
    "健全支撑体系",
    "加强组织实施",
    "优化公共服务",
    "强化市场监管",
)
_PREAMBLE = (
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "近年来我国电子商务发展迅猛，创造了新的消费需求，开辟了就业增收新渠道，"
    "为大众创业、万众创新提供了新空间。为减少束缚电子商务发展的机制体制障碍，"
    "进一步发挥电子商务在培育经济新动力等方面的重要作用，现提出以下意见：",
)
_CLOSING_BEFORE = "各地区、各部门要认真落实本意见提出的各项任务，于2015年底前研究出台具体政策。"
_COORDINATION_TAIL = "等部门要完善电子商务跨部门协调工作机制，研究重大问题，加强指导和服务。"
_CLOSING_AFTER = "有关社会机构要充分发挥自身监督作用，推动行业自律和服务创新。"


def chinese_numeral(number: int) -> str:
    """Write 1..999 as a Chinese numeral, the way documents number headings.

    >>> [chinese_numeral(n) for n in (1, 10, 14, 29, 101, 110, 999)]
    ['一', '十', '十四', '二十九', '一百零一', '一百一十', '九百九十九']
    """
    if not 1 <= number <= MAX_NUMERAL:
        raise ValueError(f"numeral out of range 1..{MAX_NUMERAL}: {number}")
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if units:
        out += _DIGITS[units]
    return out


@dataclass(frozen=True)
class IntendedActor:
    """An actor as the generator wrote it, with the role the rule gives it."""

    agency: str
    written: str
    position: int
    role: str
    shared_duty: bool


@dataclass(frozen=True)
class IntendedMeasure:
    """A measure as the generator wrote it (text without whitespace)."""

    measure_id: str
    kind: str
    section: int | None
    section_title: str
    article: int | None
    article_title: str
    seq: int
    text: str
    assignment_text: str
    actors: tuple[IntendedActor, ...]


@dataclass(frozen=True)
class Corpus:
    """A generated text and the measures it was written to contain."""

    text: str
    measures: tuple[IntendedMeasure, ...]
    scale: float
    seed: int
    sections: int
    articles: int

    def expected_frame(self) -> pd.DataFrame:
        """One row per (measure, actor), with the parser's column names."""
        rows = [
            {
                "measure_id": m.measure_id,
                "kind": m.kind,
                "section": m.section,
                "section_title": m.section_title,
                "article": m.article,
                "article_title": m.article_title,
                "measure_seq": m.seq,
                "measure_text": m.text,
                "agency": a.agency,
                "agency_as_written": a.written,
                "registered": True,
                "position": a.position,
                "role": a.role,
                "shared_duty": a.shared_duty,
                "assignment_text": m.assignment_text,
                "deadline": "",
                "scope": "",
                "status": "ok",
                "status_reason": "",
            }
            for m in self.measures
            for a in m.actors
        ]
        frame = pd.DataFrame(rows)
        for col in ("section", "article"):
            frame[col] = frame[col].astype("Int64")
        return frame


@dataclass(frozen=True)
class _Form:
    """The form of one assignment parenthetical of the bundled document.

    ``slots`` holds, per actor, a fixed ``(agency id, written)`` for generic
    actors and ``None`` for a named agency to be drawn; ``separators[i]`` comes
    before actor ``i + 1``; ``qualifier`` closes the list.
    """

    slots: tuple[tuple[str, str] | None, ...]
    separators: tuple[str, ...]
    qualifier: str


@dataclass(frozen=True)
class DocumentShape:
    """What the generator samples from, measured on the bundled document."""

    forms: tuple[_Form, ...]
    measure_lengths: tuple[int, ...]
    measures_per_article: tuple[int, ...]  # articles that assign someone
    articles_per_section: tuple[int, ...]
    share_unassigned: float  # articles that assign nobody (guiding principles)
    ordinary_rate: float  # ordinary parentheticals such as 物流（快递） per measure
    agency_weights: dict[str, int]  # named (non-generic) agencies: doc frequency, at least 1
    written: dict[str, str]  # agency id -> the form the document writes it in
    coordination_sizes: tuple[int, ...]


@lru_cache(maxsize=1)
def document_shape() -> DocumentShape:
    """Measure the bundled document's distributions.

    Parenthetical forms, measure lengths and agency frequencies come from
    ``data/measures.csv``; sections and articles are counted in the source text
    itself, since articles that assign nobody have no row in the table.
    """
    table = pd.read_csv(MEASURES_CSV, dtype=str, keep_default_na=False)
    source = SOURCE_TEXT.read_text(encoding="utf-8")
    return _shape(table, source, load_registry())


def _shape(table: pd.DataFrame, source: str, registry: Registry) -> DocumentShape:
    agencies = registry.agencies[registry.agencies["in_2015"]]
    generic = set(agencies.index[agencies["kind"].isin(GENERIC_KINDS)])
    written = {
        agency: str(rows["agency_as_written"].mode().iloc[0])
        for agency, rows in table.groupby("agency", sort=True)
    }
    for agency in agencies.index:
        written.setdefault(agency, str(agencies.at[agency, "short_name"]))
    counts = Counter(table["agency"])
    tasks = table[table["kind"] == "task"]
    forms = [
        form
        for _, rows in tasks.groupby("measure_id", sort=False)
        if (form := _form(rows.sort_values("position", key=lambda s: s.astype(int)), generic))
    ]
    measures = tasks.drop_duplicates("measure_id")
    per_article = measures.groupby("article", sort=False).size()
    sections = _articles_per_section(source)
    coordination = table[table["kind"] == "coordination"].groupby("measure_id").size()
    return DocumentShape(
        forms=tuple(forms),
        measure_lengths=tuple(int(n) for n in measures["measure_text"].str.len()),
        measures_per_article=tuple(int(n) for n in per_article),
        articles_per_section=sections,
        share_unassigned=(sum(sections) - len(per_article)) / sum(sections),
        ordinary_rate=float(measures["measure_text"].str.count("（").sum()) / len(measures),
        agency_weights={a: max(counts[a], 1) for a in agencies.index if a not in generic},
        written=written,
        coordination_sizes=tuple(int(n) for n in coordination) or (2,),
    )


def _form(rows: pd.DataFrame, generic: set[str]) -> _Form | None:
    """The form of one measure's parenthetical, or None if its names cannot be found in it."""
    content = str(rows["assignment_text"].iloc[0])[1:-1]
    slots, separators, at = [], [], 0
    for agency, name in zip(rows["agency"], rows["agency_as_written"], strict=True):
        found = content.find(name, at)
        if found < 0 or (found > 0 and not slots):
            return None
        if slots:
            separators.append(content[at:found])
        slots.append((agency, name) if agency in generic else None)
        at = found + len(name)
    if any(sep not in ("、", "，") for sep in separators):
        return None
    return _Form(tuple(slots), tuple(separators), content[at:])


def _articles_per_section(source: str) -> tuple[int, ...]:
    """Articles under each section heading of a text, counted from its headings."""
    sizes: list[int] = []
    for line in source.splitlines():
        line = line.strip()
        if _SECTION_LINE.match(line):
            sizes.append(0)
        elif _ARTICLE_LINE.match(line) and sizes:
            sizes[-1] += 1
    return tuple(sizes)


def generate_corpus(scale: float, seed: int = SEED, shape: DocumentShape | None = None) -> Corpus:
    """Write a text ``scale`` times the bundled document's size, and what it contains.

    Parameters
    ----------
    scale : float
        Size as a multiple of the bundled document: articles = round(29 * scale).
    seed : int
        Seed of the generator; the same (scale, seed) always gives the same text.
    shape : DocumentShape, optional
        Distributions to sample from; :func:`document_shape` by default.

    Returns
    -------
    Corpus
        The text and the intended measures, in document order (coordination last).
    """
    shape = shape or document_shape()
    rng = random.Random(f"{seed}/{float(scale)!r}")  # 1 and 1.0 give the same text
    base_articles = sum(shape.articles_per_section)
    target = max(1, round(base_articles * scale))
    # Merge sections so that there are at most 999 of them.
    group = max(1, math.ceil(len(shape.articles_per_section) * scale / MAX_NUMERAL))
    sizes: list[int] = []
    while sum(sizes) < target:
        sizes.append(min(rng.choice(shape.articles_per_section) * group, target - sum(sizes)))
    if len(sizes) > MAX_NUMERAL or max(sizes) > MAX_NUMERAL:
        raise ValueError(f"scale {scale} needs more than {MAX_NUMERAL} sections or articles")
    running = target <= MAX_NUMERAL
    paragraphs = list(_PREAMBLE)
    measures: list[IntendedMeasure] = []
    ordinal = 0
    for section, size in enumerate(sizes, 1):
        section_title = rng.choice(_SECTION_TITLES)
        paragraphs.append(f"{chinese_numeral(section)}、{section_title}")
        for within in range(1, size + 1):
            ordinal += 1
            number = ordinal if running else within
            title = rng.choice(_VERBS) + rng.choice(_OBJECTS)
            body = f"（{chinese_numeral(number)}）{title}。"
            if rng.random() < shape.share_unassigned:
                body += "".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
                paragraphs.append(body)
                continue
            for seq in range(1, rng.choice(shape.measures_per_article) + 1):
                text = _measure_text(rng, shape)
                assignment, actors = _assignment(rng, shape)
                body += text + assignment
                measures.append(
                    IntendedMeasure(
                        f"M{ordinal:02d}.{seq:02d}",
                        "task",
                        section,
                        section_title,
                        ordinal,
                        title,
                        seq,
                        text,
                        assignment,
                        actors,
                    )
                )
            paragraphs.append(body)
    coordinating = _draw_agencies(rng, shape, rng.choice(shape.coordination_sizes))
    sentence = "、".join(shape.written[a] for a in coordinating) + _COORDINATION_TAIL
    actors = tuple(
        IntendedActor(a, shape.written[a], i, "lead" if i == 1 else "partner", False)
        for i, a in enumerate(coordinating, 1)
    )
    measures.append(
        IntendedMeasure("C01", "coordination", None, "", None, "", 1, sentence, "", actors)
    )
    paragraphs.append(_CLOSING_BEFORE + sentence + _CLOSING_AFTER)
    text = "\n\n".join(_wrap(rng, p) for p in paragraphs)
    text += "\n\n" + " " * 45 + "国务院 \n\n" + " " * 42 + "2015 年 5 月 4 日 \n"
    return Corpus(text, tuple(measures), scale, seed, len(sizes), target)


def _sentence(rng: random.Random) -> str:
    clauses = [rng.choice(_VERBS) + rng.choice(_OBJECTS) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        clauses.append(rng.choice(_TAILS))
    return "，".join(clauses) + "。"


def _measure_text(rng: random.Random, shape: DocumentShape) -> str:
    """Sentences up to a length drawn from the document's measure lengths."""
    target = rng.choice(shape.measure_lengths)
    text = rng.choice(_ORDINARY) + "，" if rng.random() < shape.ordinary_rate else ""
    text += _sentence(rng)
    while len(text) < target:
        text += _sentence(rng)
    return text


def _draw_agencies(rng: random.Random, shape: DocumentShape, count: int) -> list[str]:
    """``count`` distinct named agencies, drawn with the document's frequencies."""
    names, weights = list(shape.agency_weights), list(shape.agency_weights.values())
    chosen: list[str] = []
    while len(chosen) < min(count, len(names)):
        agency = rng.choices(names, weights)[0]
        if agency not in chosen:
            chosen.append(agency)
    return chosen


def _assignment(rng: random.Random, shape: DocumentShape) -> tuple[str, tuple[IntendedActor, ...]]:
    """A parenthetical in the form of a random measure of the document, and its actors."""
    form = rng.choice(shape.forms)
    drawn = iter(_draw_agencies(rng, shape, sum(slot is None for slot in form.slots)))
    filled = [slot or (a := next(drawn), shape.written[a]) for slot in form.slots]
    shared = SHARED_MARK in form.qualifier
    text = "（" + filled[0][1]
    for separator, (_, written) in zip(form.separators, filled[1:], strict=True):
        text += separator + written
    text += form.qualifier + "）"
    actors = tuple(
        IntendedActor(agency, written, i, "lead" if shared or i == 1 else "partner", shared)
        for i, (agency, written) in enumerate(filled, 1)
    )
    return text, actors


def _wrap(rng: random.Random, paragraph: str) -> str:
    """Break a paragraph into ~30-character lines separated by blank lines, as in
    the PDF extract."""
    lines, at = [], 0
    while at < len(paragraph):
        end = at + rng.choice(LINE_WIDTHS)
        while end < len(paragraph) and paragraph[end] in _NO_LINE_START:
            end += 1
        lines.append(paragraph[at:end])
        at = end
    return "  " + "\n\n".join(lines) + " "
