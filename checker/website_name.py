"""Website names (网站名称).

Errors (reviewers refuse these everywhere): fewer than 3 characters; only digits; only Latin letters;
symbols or punctuation (looked for before NFKC too, so ™ is one like ®, not TM); a domain name instead of a name;
a line break or tab inside the name (NAME_LINE_BREAK, after the other rules; `check` still gives the warnings).
Warnings (they depend on the entity and the province): a reserved prefix such as 中国 or 国家 (national bodies
only); for a personal site, words that look commercial or institutional (公司, 官网) and words personal sites
should avoid (博客, 论坛, 在线, 社区, 交流); topics that need a competent department's pre-approval (news,
publishing, medicine, medical devices, culture, radio/film/TV, education, healthcare, online ride-hailing, bulletin
boards, finance, games).

>>> validate(' 示例科技官网 ')
'示例科技官网'
>>> [f.code for f in check('张三的游戏博客', entity_type='individual')[1]]
['NAME_PERSONAL_WORD', 'NAME_NEEDS_APPROVAL']
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from checker import _tables
from checker._face import yes_or_no
from checker._text import hidden_character_params, require_text
from checker.exceptions import Finding, InvalidFormat, InvalidLength

MIN_LENGTH = 3
# Entity types (checker.filing's keys) that may start a name with a reserved prefix such as 中国 or 国家.
NATIONAL_BODIES = ("government", "national-defence")
_DOMAIN_LIKE = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)
# Line breaks and tabs: the White_Space characters (Unicode PropList.txt) that are not spaces: U+0009..U+000D,
# U+0085 NEXT LINE, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR. Typed or pasted inside a name (a cell of a
# spreadsheet with Alt+Enter, a name copied from two lines of a PDF), they cannot be on the licence.
BREAKS = re.compile("[\t\n\x0b\x0c\r\x85\u2028\u2029]")
_BREAK_NAMES = {"\t": ("a tab", "制表符"), "\x0b": ("a vertical tab", "垂直制表符"), "\x0c": ("a form feed", "换页符"),
                "\u2028": ("a line separator", "行分隔符"), "\u2029": ("a paragraph separator", "段落分隔符")}


def compact(name: str) -> str:
    """The name without surrounding spaces, inner runs of spaces made one, full-width letters made ASCII."""
    require_text(name, "NAME_HIDDEN_CHARACTER")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip()


def find_break(name: str) -> int | None:
    """The position in `name` of the first line break or tab inside it (`BREAKS`; around it they are only
    stripped), or None.

    >>> find_break(" 示例\\n科技官网\\n"), find_break("示例 科技官网\\t")
    (3, None)
    """
    stripped = name.strip()
    found = BREAKS.search(stripped)
    return None if found is None else found.start() + len(name) - len(name.lstrip())


def break_params(name: str, index: int) -> dict[str, Any]:
    """The message values that name the line break or tab at `index` and say where it is (after which text)."""
    en, zh = _BREAK_NAMES.get(name[index], ("a line break", "换行符"))
    params = hidden_character_params(name, index)
    return {"character": {"en": f"{en} (U+{ord(name[index]):04X})", "zh": f"{zh}（U+{ord(name[index]):04X}）"},
            "where": params["where"]}


def _symbol(char: str) -> bool:
    """Punctuation, a symbol or a control or format character (a space or a line break is none of these)."""
    return unicodedata.category(char)[0] in "PSC" and not char.isspace()


def _validate(name: str) -> str:
    """The compact name when it passes every rule but the one on line breaks (`find_break`), or a
    ValidationError. Symbols are looked for before NFKC too: it turns ™ into TM, ℠ into SM and ㍿ into 株式会社,
    letters that would pass, though the name as typed has a symbol in it like ® or ©."""
    compacted = compact(name)
    if _DOMAIN_LIKE.fullmatch(compacted):
        raise InvalidFormat("NAME_IS_DOMAIN")
    if any(_symbol(char) for char in name) or any(_symbol(char) for char in compacted):
        raise InvalidFormat("NAME_SYMBOLS")
    if len(compacted.replace(" ", "")) < MIN_LENGTH:
        raise InvalidLength("NAME_LENGTH")
    if re.fullmatch(r"[0-9 ]+", compacted):
        raise InvalidFormat("NAME_DIGITS_ONLY")
    if re.fullmatch(r"[A-Za-z ]+", compacted):
        raise InvalidFormat("NAME_LATIN_ONLY")
    return compacted


def validate(name: str) -> str:
    """The compact name, or a ValidationError. A line break or tab inside the name is one (NAME_LINE_BREAK),
    reported once the other rules pass: the name on the licence or certificate is one line."""
    compacted = _validate(name)
    index = find_break(name)
    if index is not None:
        raise InvalidFormat("NAME_LINE_BREAK", **break_params(name, index))
    return compacted


def check(name: str, *, entity_type: str | None = None) -> tuple[str, list[Finding]]:
    """Validate, then warn about wording reviewers question. `entity_type` "individual" adds the personal rules;
    a national body (NATIONAL_BODIES) may use the reserved prefixes. Errors, a line break inside the name among
    them, are raised as by `validate` (errors are exceptions, doubts are findings, in every kind's check)."""
    name = validate(name)
    words = _tables.website_name_words()
    findings = []
    prefix = next((w.word for w in words if w.rule == "reserved-prefix" and name.startswith(w.word)), None)
    if prefix and entity_type not in NATIONAL_BODIES:
        findings.append(Finding("NAME_RESERVED_PREFIX", prefix=prefix))
    if entity_type == "individual":
        found = [w.word for w in words if w.rule in ("commercial", "personal-avoid") and w.word in name]
        if found:
            findings.append(Finding("NAME_PERSONAL_WORD", words="、".join(found)))
    topics = {}
    for word in words:
        if word.rule == "approval" and word.word in name:
            topics.setdefault(word.topic_en, word.topic_zh)
    if topics:
        findings.append(Finding("NAME_NEEDS_APPROVAL",
                                topics={"en": ", ".join(topics), "zh": "、".join(topics.values())}))
    return name, findings


is_valid = yes_or_no(validate)
format = compact
