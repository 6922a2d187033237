"""Display names in Chinese and English: agency kinds, roles, weightings, agencies.

Every view (dashboard, charts, explanations) takes its words from here, so a
kind or a role is called the same thing everywhere. ``lang`` is ``"zh"`` or
``"en"``; anything else is treated as ``"zh"``.
"""

from __future__ import annotations

import pandas as pd

from graph.registry import Registry, load_registry

LANGS = ("zh", "en")

KIND_NAMES = {
    "ministry": ("国务院组成部门", "Ministry or commission"),
    "directly_affiliated": ("国务院直属机构", "Directly affiliated body"),
    "national_bureau": ("部委管理的国家局", "National bureau"),
    "public_institution": ("国务院直属事业单位", "Public institution"),
    "party_body": ("党中央机构", "Party body"),
    "state_council_office": ("国务院办事机构", "State Council office"),
    "local_government": ("地方政府", "Local government"),
    "mass_organization": ("人民团体", "People's organisation"),
    "military": ("中央军委机关", "Central Military Commission body"),
    "judicial": ("审判检察机关", "Court or procuratorate"),
    "enterprise": ("企业", "Enterprise"),
    "other": ("其他机构", "Other body"),
    "generic": ("泛指主体", "Generic actor"),
    "unregistered": ("未登记", "Unregistered"),
}
ROLE_NAMES = {"lead": ("牵头", "lead"), "partner": ("参与", "partner")}
WEIGHTING_NAMES = {
    "count": ("共同措施数", "shared measures (count)"),
    "newman": ("Newman 合作权重", "Newman collaboration weight"),
    "jaccard": ("Jaccard 相似度", "Jaccard overlap"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or English member of a ``(zh, en)`` pair.

    >>> pick(("牵头", "lead"), "en")
    'lead'
    >>> pick(("牵头", "lead"), "fr")
    '牵头'
    """
    return pair[1] if lang == "en" else pair[0]


def kind_name(kind: str, lang: str = "zh") -> str:
    """Display name of an agency kind (the id itself when unknown).

    >>> kind_name("national_bureau", "en")
    'National bureau'
    """
    return pick(KIND_NAMES[kind], lang) if kind in KIND_NAMES else kind


def role_name(role: str, lang: str = "zh") -> str:
    """Display name of a role, ``lead`` or ``partner``.

    >>> role_name("partner")
    '参与'
    """
    return pick(ROLE_NAMES[role], lang) if role in ROLE_NAMES else role


def agency_full_name(agency_id: str, lang: str = "zh", registry: Registry | None = None) -> str:
    """Full official name of an agency (``full_name_zh`` or ``name_en``).

    Falls back to the short label, and to the id for an unregistered actor.

    >>> agency_full_name("spb", "en")
    'State Post Bureau'
    """
    registry = registry or load_registry()
    if agency_id not in registry.agencies.index:
        return agency_id
    row = registry.agencies.loc[agency_id]
    full = row["name_en"] if lang == "en" else row["full_name_zh"]
    return str(full) if str(full) else registry.label(agency_id, lang)


def agency_choices(
    table: pd.DataFrame, lang: str = "zh", registry: Registry | None = None
) -> dict[str, str]:
    """Agency id -> searchable display text, for every agency of ``table``.

    The text holds the short label in the chosen language followed by the
    other language's name and the full name, so typing 海关, GACC or Customs
    finds the same agency. Ordered by number of rows (measures), then id.

    >>> from graph.fixtures import tiny_table
    >>> choices = agency_choices(tiny_table(), "en")
    >>> list(choices)[:2]
    ['mofcom', 'ndrc']
    >>> choices["mofcom"]
    'MOFCOM · 商务部 · Ministry of Commerce'
    """
    registry = registry or load_registry()
    counts = table.groupby("agency", sort=False).size()
    order = sorted(counts.index, key=lambda a: (-counts[a], a))
    choices = {}
    for agency in order:
        other_lang = "zh" if lang == "en" else "en"
        parts = [
            registry.label(agency, lang),
            registry.label(agency, other_lang),
            agency_full_name(agency, lang, registry),
        ]
        choices[agency] = " · ".join(dict.fromkeys(p for p in parts if p))
    return choices
