"""Reading one parenthetical: who it names, in what role, and what else it says.

The second half of the parser (:mod:`graph.parse` finds the parentheticals and
the measures they close): a parenthetical's content is split into segments
(``，；。``), each a standing note, a labelled field (``负责部门：…``,
``完成时限：…``), a time limit, a remark, or a clause of names with role words
(``A、B牵头``, ``A会同B``, ``C等按职责分工负责``). Names are split at ``、`` and at
``及``/``和``/a bare ``各`` where both sides are actors, qualifiers (``等有关部门``)
and glosses (``市场监管总局（国家标准委）``) are dropped, and each name is resolved
in the registry. :func:`read_assignment` decides whether the parenthetical
assigns anything; :func:`assign_roles` applies the role rule.

>>> from graph.registry import load_registry
>>> found = read_assignment("商务部牵头，发展改革委等按职责分工负责，年内完成", True, load_registry())
>>> [(n.written, n.explicit) for n in found.reading.names], found.reading.shared, found.reading.deadline
([('商务部', 'lead'), ('发展改革委', None)], True, ['年内完成'])
>>> assign_roles(found.reading.names, found.reading.shared, first_leads=False)
[('lead', 'explicit'), ('partner', 'explicit')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.registry import Registry

_DIGITS = "0-9０-９"
_SEGMENT_RE = re.compile(r"[^。；;，,]+")
_ORDINARY_RE = re.compile(
    r"^(?:以下简称|以下称|下称|简称|以下统称|统称|含|包括|如|例如|即|注[:：])"
    r"|[〔［\[][0-9０-９]{4}[〕］\]][0-9０-９]+号"
)
_LABEL_RE = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,8})[:：](?P<value>.*)$")
FIRST_LEADS_RE = re.compile(
    r"(?:排在|排|列在|列)第一位?的?(?:部门|单位|者)?为牵头|第一(?:个|位)?(?:部门|单位)为牵头"
)
_DEFAULT_SCOPE_RE = re.compile(r"适用范围均为(?P<scope>.+)$")
_NOTE_RE = re.compile(r"下同|^以下|不再(?:一一)?列出|^同上|^注[:：]|^(?:其他|其余)(?:部门|单位)")
_DEADLINE_RE = re.compile(
    rf"^(?:于|在|到|至|自|从)?(?:[{_DIGITS}]{{4}}(?:年|[-—–~～至到])|[{_DIGITS}]{{1,2}}月"
    rf"|[{_DIGITS}一二两三四五六七八九十]+个?(?:月|年|季度)内"
    r"|(?:今|明|当|本|每|次)年|年内|年底|年中|年末|年初|[上下]半年|第?[一二三四]季度|每季度|每月"
    r"|长期|持续|逐步|分步|分年度|分阶段|近期|短期|中长期|立即|即时|尽快|定期|常态化)"
)
# Each according to its duties: 按(照)职责分工(分别)负责, 按照各自职责负责, 分别负责.
_SHARED_RE = re.compile(
    r"(?:(?:按照?|依|根据)(?:各自)?(?:职责|职能)(?:分工)?(?:分别|共同)?|分别)(?:负责|落实|推进|实施)$"
)
_LEAD_RE = re.compile(
    r"(?:[为是]?(?:牵头|主办|主责)(?:单位|部门)"
    r"|(?:共同|分别|联合)?牵头(?:负责|落实|组织|起草|推进|实施)?|主责|主办)$"
)
# 按职责分工 before a role word other than 负责 (B、C按职责分工配合): dropped with it.
_BY_DUTY_RE = re.compile(r"(?:按照?|依)(?:各自)?(?:职责|分工|职能)(?:分工)?$")
# Where a second label or role clause starts without a separator: 牵头单位：A 配合单位：B,
# 商务部牵头、海关总署配合.
_EMBEDDED_LABEL_RE = re.compile(
    r"(?<=[^；;，,。：:\s])(?=(?:牵头|主办|主责|参与|配合|协办|协助|负责|责任)(?:单位|部门|机构)[:：]"
    r"|完成(?:时限|时间)[:：]|(?<!完成)时限[:：]|适用范围[:：])"
)
_ROLE_IN_BRACKETS_RE = re.compile(r"[（(](牵头|主办|主责|参与|配合|协办)[）)]")
_ROLE_THEN_LIST_RE = re.compile(r"(牵头负责|牵头|负责|参与|配合|协助|协办|指导|主责)、")
_PARTNER_RE = re.compile(r"[为是]?(?:参与|配合|协助|协办|协同|参加|支持)(?:单位|部门)?$")
_GUIDE_RE = re.compile(r"指导$")
_PLAIN_RE = re.compile(
    r"(?:负责落实|负责实施|负责推进|共同负责|分别负责|负责|组织实施|组织起草|起草|落实|实施|推进)$"
)
# A qualifier after a list (等, 等有关部门和单位, 等国务院相关部门), with the joiner
# that may follow it (……等和各有关省级人民政府, ……等国务院相关部门及各地区).
_QUALIFIER_RE = re.compile(
    r"等(?:国务院)?(?:其他|有关|相关)?(?:中央|国家)?(?:部门|单位|机构|方面|地方|地区|企业)?"
    r"(?:和单位|和地方|和机构)?"
    r"(?:以及|及|和|与|(?=、)|$)"
)
_AGENCY_SHAPE_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}"
    r"(?:部|委|局|署|办|银行|会|院|府|室|厅|中心|小组|社|团中央|工委|联|组委|机关)$"
)
# A name ending in a generic word (省级发展改革部门, 企事业单位) is read as an actor only
# where a role word says it is one: (企事业单位) alone is a gloss.
_GENERIC_SHAPE_RE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:部门|单位|机构|地区)$")
# Where a fragment that is no body's name (条件成熟时提请审议) is not kept as an actor.
_BODY_END_RE = re.compile(
    r"(?:部|委|局|署|办|银行|会|院|府|室|厅|中心|组|社|联|门|位|构|区|司|处)$"
)
# Collective actors a registry may not list: 各地区, 国务院有关部门, 相关部门和单位…
_COLLECTIVE_RE = re.compile(
    r"^(?:国务院|地方)?(?:各级|各有关|各相关|各|有关|相关|其他)?"
    r"(?:地区|地方|部门|单位|方面|部委|机构|省份|城市|人民政府|地方政府"
    r"|部门和单位|地区和部门)$"
)
ENTERPRISE_RE = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}(?:公司|集团)$")


@dataclass
class Name:
    written: str
    explicit: str | None  # "lead", "partner", "guide" or None
    clause: int  # the clause it was named in, 0 first


@dataclass
class Reading:
    """What one parenthetical says."""

    names: list[Name] = field(default_factory=list)
    shared: bool = False
    marked: bool = False  # a role word, qualifier or label was seen
    labelled: bool = False  # a responsibility label (负责部门：…) was seen
    deadline: list[str] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    default_scope: str | None = None


def label_kind(label: str) -> str | None:
    """What a field label introduces: lead, partner or plain names, scope, deadline."""
    if "范围" in label:
        return "scope"
    if any(w in label for w in ("时限", "时间", "期限", "进度", "完成")):
        return "deadline"
    bare = label in ("牵头", "主办", "主责", "参与", "参加", "配合", "协办", "负责", "责任")
    if not bare and not any(w in label for w in ("部门", "单位", "机构", "主体", "责任")):
        return None
    if any(w in label for w in ("牵头", "主办", "主责")):
        return "lead"
    if any(w in label for w in ("参与", "配合", "协办", "协助", "协同", "参加")):
        return "partner"
    return "plain"


def _read(content: str, registry: Registry) -> Reading:
    """Split a parenthetical's content into names, roles, fields and notes."""
    reading = Reading()
    field_kind: str | None = None  # the labelled field the last segment belonged to
    field_role: str | None = None
    content = _ROLE_IN_BRACKETS_RE.sub(r"\1", content)  # 中国人民银行（牵头）
    content = _EMBEDDED_LABEL_RE.sub("；", content)
    content = _ROLE_THEN_LIST_RE.sub(r"\1，", content)
    clause = 0
    tail: list[tuple[str, str]] = []  # deadlines and remarks, in order
    for segment in _SEGMENT_RE.findall(content):
        if FIRST_LEADS_RE.search(segment):
            continue  # a standing note on roles: read over the whole text (graph.parse)
        default_scope = _DEFAULT_SCOPE_RE.search(segment)
        if default_scope:
            reading.default_scope = default_scope.group("scope")
            reading.notes.append(segment)
            continue
        if _NOTE_RE.search(segment):
            reading.notes.append(segment)
            continue
        label = _LABEL_RE.match(segment)
        if label and label_kind(label.group("label")):
            field_kind = label_kind(label.group("label"))
            segment = label.group("value")
            if field_kind in ("lead", "partner", "plain"):
                reading.labelled = reading.marked = True
                field_role = None if field_kind == "plain" else field_kind
            elif field_kind == "scope":
                reading.scope.append(segment)
                continue
            else:
                tail.append(("deadline", segment))
                continue
        elif field_kind == "scope":
            reading.scope.append(segment)
            continue
        elif field_kind == "deadline" or _DEADLINE_RE.match(segment):
            tail.append(("deadline", segment))
            continue
        if not segment:
            continue
        names, shared, marked = read_clause(segment, field_role, clause, registry)
        if reading.names and _is_remark(names, marked, registry):
            # 所需资金从…列支, 在具备条件的口岸先行实施; 年度评价2023年起实施 is a time limit
            tail.append(("deadline" if _TIME_RE.search(segment) else "remark", segment))
            continue
        reading.names.extend(names)
        reading.shared |= shared
        reading.marked |= marked
        clause += 1
    if any(kind == "deadline" for kind, _ in tail):
        reading.deadline = [text for _, text in tail]  # remarks beside a time limit belong to it
    return reading


_TIME_RE = re.compile(rf"[{_DIGITS}]{{4}}年|[{_DIGITS}]{{1,2}}月|年底|年内|年中|季度")


def _is_remark(names: list[Name], marked: bool, registry: Registry) -> bool:
    """True for a clause after the names that names no one: a condition or a remark
    (所需资金从就业补助资金中列支, 依托…工作机制统筹推进), not a body's name."""
    return all(
        not looks_like_actor(n.written, registry, marked) and not _BODY_END_RE.search(n.written)
        for n in names
    )


def read_clause(
    clause: str, role: str | None, index: int, registry: Registry
) -> tuple[list[Name], bool, bool]:
    """Names of one clause, whether it says 按职责分工负责, whether it had role words."""
    shared = marked = False
    explicit = role
    clause = re.sub(r"^(?:分别)?由", "", clause)
    clause = _drop_description(clause, registry)
    while True:
        if _SHARED_RE.search(clause):
            clause, shared, marked = _SHARED_RE.sub("", clause), True, True
        elif _LEAD_RE.search(clause):
            clause, explicit, marked = _LEAD_RE.sub("", clause), "lead", True
        elif _PARTNER_RE.search(clause):
            clause, explicit, marked = _PARTNER_RE.sub("", clause), "partner", True
        elif _GUIDE_RE.search(clause):
            clause, explicit, marked = _GUIDE_RE.sub("", clause), "guide", True
        elif _PLAIN_RE.search(clause):
            clause, marked = _PLAIN_RE.sub("", clause), True
        elif marked and _BY_DUTY_RE.search(clause):
            clause = _BY_DUTY_RE.sub("", clause)
        else:
            break
    if "会同" in clause:
        head, tail = clause.split("会同", 1)
        marked = True
        groups = [(head, explicit if explicit not in (None, "guide") else "lead")] if head else []
        groups.append((tail, "partner"))  # 商务部牵头，会同有关部门: the lead is named before
    else:
        groups = [(clause, explicit)]
    names = []
    for group, group_role in groups:
        parts, qualified = _split_list(group, registry)
        marked |= qualified
        names.extend(Name(p, group_role, index) for p in parts)
    return names, shared, marked


_ROLE_WORD_RE = re.compile("牵头负责|牵头|主责|负责|参与|参加|配合|协助")


def _drop_description(clause: str, registry: Registry) -> str:
    """A clause without what follows its role word when that is a description of the
    task, not names: 国土资源部牵头研究提出具体办法 → 国土资源部牵头, 人民银行负责督促检查
    → 人民银行负责. Clauses that end with their role word are left as they are."""
    for match in _ROLE_WORD_RE.finditer(clause):
        rest = clause[match.end() :]
        if not rest:
            return clause
        head = clause[: match.start()]
        sides = [side for side in head.split("会同") if side]
        if sides and all(
            all(looks_like_actor(name, registry) for name in _split_list(side, registry)[0])
            for side in sides
        ):
            return clause[: match.end()]
        return clause
    return clause


# 及/以及/与 join two actors; 和 (and a bare 各: 各地区各部门) only when both sides are actors.
_JOINERS_RE = re.compile("以及|及|与|和|(?<=.)(?=各)")


def _split_list(group: str, registry: Registry) -> tuple[list[str], bool]:
    """Names in a list joined by 、 (and 及/和 where they join two actors).

    Qualifiers after a name (``等``, ``等有关部门``, ``等国务院相关部门``) are
    removed; the second value says whether one was.
    """
    marked_group, count = _QUALIFIER_RE.subn("、", _protect_enumerations(group))
    parts = marked_group.split("、")
    if count and parts and parts[-1] == "":
        parts.pop()  # the qualifier ended the list
    names: list[str] = []
    for part in parts:
        names.extend(_split_joined(part.replace(_KEPT, "、"), registry))
    return [_drop_gloss(name, registry) for name in names], count > 0


_KEPT = "\ue000"  # stands for a 、 that does not separate names
_ENUMERATION_RE = re.compile(r"[（(][^（()）]*[）)]|省、自治区、直辖市")


def _protect_enumerations(group: str) -> str:
    """Hide the 、 inside one name: 各省、自治区、直辖市人民政府, 各省（区、市）人民政府."""
    return _ENUMERATION_RE.sub(lambda m: m.group().replace("、", _KEPT), group)


def _split_joined(part: str, registry: Registry) -> list[str]:
    """A name, or the two actors that 及/以及/与/和 join in it."""
    if not part or resolve_name(part, registry) or _COLLECTIVE_RE.match(part):
        return [part]
    for match in _JOINERS_RE.finditer(part):
        left, right = part[: match.start()], part[match.end() :]
        if match.group() in ("和", ""):
            if not (looks_like_actor(left, registry) and looks_like_actor(right, registry)):
                continue
        elif not left or not right:
            continue
        return [left, *_split_joined(right, registry)]
    return _known_names_run(part, registry) or [part]


def _known_names_run(part: str, registry: Registry) -> list[str] | None:
    """Registered names written one after another without a separator (a space lost:
    ``财政部　税务总局`` → 财政部, 税务总局), or None when ``part`` is not such a run."""
    ends: dict[int, list[str]] = {0: []}  # prefix length -> the names that make it
    for start in range(len(part)):
        if start not in ends:
            continue
        for end in range(start + 2, min(len(part), start + 24) + 1):
            if registry.resolve(part[start:end]) is not None and end not in ends:
                ends[end] = [*ends[start], part[start:end]]
    found = ends.get(len(part))
    return found if found and len(found) > 1 else None


def looks_like_actor(name: str, registry: Registry, marked: bool = False) -> bool:
    """A registered name, or one shaped like a body, a collective or an enterprise
    (or, with a role word, like 省级发展改革部门)."""
    if resolve_name(name, registry) is not None:
        return True
    name = _BRACKETED_RE.sub("", name)  # 各省（区、市）人民政府: the shape of 各省人民政府
    collective = (len(name) > 2 or name == "地方") and _COLLECTIVE_RE.match(name)  # not 地区
    generic = marked and _GENERIC_SHAPE_RE.match(name)
    return bool(_AGENCY_SHAPE_RE.match(name) or collective or generic or ENTERPRISE_RE.match(name))


_BRACKETED_RE = re.compile(r"[（(][^（()）]*[）)]")


_GLOSS_RE = re.compile(r"^(?P<name>.+?)[（(][^（()）]+[）)]$")


def _drop_gloss(name: str, registry: Registry) -> str:
    """A name without a bracketed gloss after it: 市场监管总局（国家标准委） → 市场监管总局,
    海关总署（口岸监管司） → 海关总署; 华润（集团）有限公司 stays whole."""
    match = _GLOSS_RE.match(name)
    if match and resolve_name(name, registry) is None and looks_like_actor(match["name"], registry):
        return match["name"]
    return name


def _strip_prefix(name: str) -> str:
    """A collective name without its 各/各有关 prefix (各地区 → 地区 is not done)."""
    for prefix in ("各有关", "各相关", "各"):
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix) :]
    return name


def resolve_name(name: str, registry: Registry) -> str | None:
    """Registry id of a written name: as written, then without a leading 各/各有关."""
    found = registry.resolve(name)
    if found is None and _strip_prefix(name) != name:
        found = registry.resolve(_strip_prefix(name))
    return found


# --- reading a parenthetical as an assignment --------------------------------


@dataclass
class Assignment:
    open_at: int  # compact index of the opening bracket (or the first labelled line)
    close_at: int  # compact index of the closing bracket (or the block's last character)
    reading: Reading
    ids: list[str | None]
    review: list[str]  # why the whole parenthetical needs a look
    text: str = ""  # as it is written (labelled lines joined by ；)


_PLACE_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_PLACE_GOVERNMENT_RE = re.compile(r"(?:省|市|自治区|县|区)人民政府$")


def _read_place_shorthand(names: list[Name], readable: list[bool]) -> None:
    """Bare place names listed before a place's government (北京、上海、深圳市人民政府负责:
    each city's government) are actors too, kept as printed."""
    for i, name in enumerate(names):
        if readable[i] or not _PLACE_RE.match(name.written):
            continue
        following = [n for n in names[i + 1 :] if n.clause == name.clause]
        if any(_PLACE_GOVERNMENT_RE.search(n.written) for n in following):
            readable[i] = True


def read_assignment(content: str, beside_stop: bool, registry: Registry) -> Assignment | str | None:
    """Decide whether a parenthetical assigns actors.

    Returns None for an ordinary parenthetical, a message for one that looks
    like an assignment but names nobody who can be read, or the reading.
    ``beside_stop`` says the parenthetical follows or ends a sentence.
    """
    if not content or _ORDINARY_RE.search(content) or not re.search("[\u4e00-\u9fff]", content):
        return None
    reading = _read(content, registry)
    names = reading.names
    ids = [resolve_name(n.written, registry) for n in names]
    marked = reading.marked or reading.labelled
    readable = [
        i is not None or looks_like_actor(n.written, registry, marked)
        for n, i in zip(names, ids, strict=True)
    ]
    _read_place_shorthand(names, readable)
    known = sum(i is not None for i in ids)
    if not reading.labelled:
        if not any(readable):
            if reading.marked and beside_stop:
                return "looks like an assignment, but names no actor that can be read"
            return None
        unreadable = any(n.written and not ok for n, ok in zip(names, readable, strict=True))
        if unreadable and not (known and (reading.marked or beside_stop)):
            return None  # a remark that mentions a body: 由企业向发展改革委申报
        if not (known or beside_stop or reading.marked):
            return None
    review = []
    kept_names, kept_ids = [], []
    for name, agency_id, ok in zip(names, ids, readable, strict=True):
        if ok or (name.written and _BODY_END_RE.search(name.written)):
            kept_names.append(name)  # unreadable but ending like a body: kept, flagged
            kept_ids.append(agency_id)
        if not name.written:
            review.append("empty name in the list")
        elif not ok:
            review.append(f"{name.written!r} does not look like the name of a body")
    if not kept_names:
        return "looks like an assignment, but names no actor that can be read"
    reading.names = kept_names
    return Assignment(0, 0, reading, kept_ids, review)


def assign_roles(names: list[Name], shared: bool, first_leads: bool) -> list[tuple[str, str]]:
    """Apply the role rule to the names of one parenthetical: (role, basis) each."""
    first_clause = names[0].clause if names else 0
    explicit_lead = any(
        n.explicit == "lead" or (n.explicit == "guide" and n.clause == first_clause) for n in names
    )
    out: list[tuple[str, str]] = []
    first_taken = False
    for n in names:
        if n.explicit == "guide":
            role = "lead" if n.clause == first_clause else "partner"
            out.append((role, "explicit"))
        elif n.explicit:
            out.append((n.explicit, "explicit"))
        elif explicit_lead:
            out.append(("partner", "explicit"))
        elif first_leads:
            out.append(("partner" if first_taken else "lead", "standing_note"))
        elif shared:
            out.append(("lead", "shared_duty"))
        else:
            out.append(("partner" if first_taken else "lead", "first_listed"))
        if n.explicit != "partner":
            first_taken = True
    return out
