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
_DOMAIN_LIKE = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)


def compact(name: str) -> str:
    """The name without surrounding spaces, inner runs of spaces made one, full-width letters made ASCII."""
    require_text(name)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip()


def validate(name: str) -> str:
    """The compact name, or a ValidationError."""
    name = compact(name)
    if _DOMAIN_LIKE.fullmatch(name):
        raise InvalidFormat("NAME_IS_DOMAIN", "A website name is a name, not a domain: name the site for what it is.",
                            "网站名称不能是域名，请填写能说明网站内容的名称。")
    if any(unicodedata.category(char)[0] in "PSC" for char in name):
        raise InvalidFormat("NAME_SYMBOLS", "A website name may not contain symbols or punctuation.",
                            "网站名称不能包含符号或标点。")
    if len(name.replace(" ", "")) < MIN_LENGTH:
        raise InvalidLength("NAME_LENGTH", "A website name has at least 3 characters.", "网站名称至少3个字。")
    if re.fullmatch(r"[0-9 ]+", name):
        raise InvalidFormat("NAME_DIGITS_ONLY", "A website name cannot be only digits.", "网站名称不能是纯数字。")
    if re.fullmatch(r"[A-Za-z ]+", name):
        raise InvalidFormat("NAME_LATIN_ONLY", "A website name cannot be only Latin letters: add its Chinese name.",
                            "网站名称不能是纯英文字母，请使用中文名称。")
    return name


def check(name: str, *, entity_type: str | None = None) -> tuple[str, list[Finding]]:
    """Validate, then warn about wording reviewers question. `entity_type` "individual" adds the personal rules."""
    name = validate(name)
    words = _tables.website_name_words()
    findings = []
    prefix = next((w.word for w in words if w.rule == "reserved-prefix" and name.startswith(w.word)), None)
    if prefix:
        findings.append(Finding("NAME_RESERVED_PREFIX", "warning", {
            "en": f"Only national bodies may start a website name with “{prefix}”.",
            "zh": f"只有国家机关等单位可以用“{prefix}”作为网站名称的开头。"}))
    if entity_type == "individual":
        found = [w.word for w in words if w.rule in ("commercial", "personal-avoid") and w.word in name]
        if found:
            findings.append(Finding("NAME_PERSONAL_WORD", "warning", {
                "en": f"A personal website's name should not look commercial or institutional, nor use"
                      f" {'、'.join(found)}.",
                "zh": f"个人网站的名称不宜带有企业或机构色彩，也应避免使用“{'、'.join(found)}”。"}))
    topics = {}
    for word in words:
        if word.rule == "approval" and word.word in name:
            topics.setdefault(word.topic_en, word.topic_zh)
    if topics:
        findings.append(Finding("NAME_NEEDS_APPROVAL", "warning", {
            "en": f"The name suggests {', '.join(topics)}: such content needs the competent department's"
                  " approval before filing.",
            "zh": f"名称涉及{'、'.join(topics.values())}，此类内容须先取得主管部门的前置审批。"}))
    return name, findings


is_valid = yes_or_no(validate)
format = compact
