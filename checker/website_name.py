"""Website names (网站名称).

Errors (reviewers refuse these everywhere): fewer than 3 characters; only digits; only Latin letters;
symbols or punctuation; a domain name instead of a name. Warnings (they depend on the entity and the
province): a reserved prefix such as 中国 or 国家 (national bodies only); for a personal site, words that
look commercial or institutional (公司, 官网) and words personal sites should avoid (博客, 论坛, 在线, 社区,
交流); topics that need a competent department's pre-approval (news, publishing, medicine, medical devices,
culture, radio/film/TV, education, healthcare, online ride-hailing, bulletin boards, finance, games).

>>> validate(' 示例科技官网 ')
'示例科技官网'
>>> [f.code for f in check('张三的游戏博客', entity_type='individual')[1]]
['NAME_PERSONAL_WORD', 'NAME_NEEDS_APPROVAL']
"""

from __future__ import annotations

import re
import unicodedata

from checker import _tables
from checker._face import yes_or_no
from checker._text import require_text
from checker.exceptions import Finding, InvalidFormat, InvalidLength

MIN_LENGTH = 3
# Entity types (checker.filing's keys) that may start a name with a reserved prefix such as 中国 or 国家.
NATIONAL_BODIES = ("government", "national-defence")
_DOMAIN_LIKE = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)


def compact(name: str) -> str:
    """The name without surrounding spaces, inner runs of spaces made one, full-width letters made ASCII."""
    require_text(name, "NAME_HIDDEN_CHARACTER")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip()


def validate(name: str) -> str:
    """The compact name, or a ValidationError."""
    name = compact(name)
    if _DOMAIN_LIKE.fullmatch(name):
        raise InvalidFormat("NAME_IS_DOMAIN")
    if any(unicodedata.category(char)[0] in "PSC" for char in name):
        raise InvalidFormat("NAME_SYMBOLS")
    if len(name.replace(" ", "")) < MIN_LENGTH:
        raise InvalidLength("NAME_LENGTH")
    if re.fullmatch(r"[0-9 ]+", name):
        raise InvalidFormat("NAME_DIGITS_ONLY")
    if re.fullmatch(r"[A-Za-z ]+", name):
        raise InvalidFormat("NAME_LATIN_ONLY")
    return name


def check(name: str, *, entity_type: str | None = None) -> tuple[str, list[Finding]]:
    """Validate, then warn about wording reviewers question. `entity_type` "individual" adds the personal rules;
    a national body (NATIONAL_BODIES) may use the reserved prefixes."""
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
