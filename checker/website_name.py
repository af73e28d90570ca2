"""Website names (网站名称).

Errors (reviewers refuse these everywhere): fewer than 3 characters; only digits; only Latin letters;
symbols or punctuation (looked for before NFKC too, so ™ is one like ®, not TM); a domain name instead of a name;
a line break or tab inside the name (NAME_LINE_BREAK, after the other rules).
Warnings (they depend on the entity and the province): a reserved prefix such as 中国 or 国家 (national bodies
only); for a personal site, words that look commercial or institutional (公司, 官网) and words personal sites
should avoid (博客, 论坛, 在线, 社区, 交流); words of a topic whose pre-approval (前置审批) is live, one warning per
topic naming the approving authority and document (news, publishing, medicine, medical devices, culture,
radio/film/TV programmes, online ride-hailing, finance with Tencent Cloud's finance keywords, online games).
A word of a topic whose approval was abolished (education, healthcare, bulletin boards: Tencent Cloud's
前置审批相关.md) gives nothing: such words (培训, 学校, 健康, 社区) are everyday words in names, and the filing's
content categories are where a filer says the site carries that content (an info there).

>>> validate(' 示例科技官网 ')
'示例科技官网'
>>> [f.code for f in check('张三的游戏博客', context=Context(entity_type='individual'))[1]]
['NAME_PERSONAL_WORD', 'NAME_NEEDS_APPROVAL']
"""

from __future__ import annotations

import functools
import re
import unicodedata

from checker import _tables, words
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import find_line_break, line_break_params, require_text
from checker.exceptions import Finding, InvalidFormat, InvalidLength

MIN_LENGTH = 3
# Entity types (checker.filing's keys) that may start a name with a reserved prefix such as 中国 or 国家.
NATIONAL_BODIES = ("government", "national-defence")
_DOMAIN_LIKE = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)


def compact(name: str) -> str:
    """The name without surrounding spaces, inner runs of spaces made one, full-width letters made ASCII."""
    require_text(name, "NAME_HIDDEN_CHARACTER")
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip()


def _symbol(char: str) -> bool:
    """Punctuation, a symbol or a control or format character (a space or a line break is none of these)."""
    return unicodedata.category(char)[0] in "PSC" and not char.isspace()


def validate(name: str) -> str:
    """The compact name, or a ValidationError. Symbols are looked for before NFKC too: it turns ™ into TM, ℠ into
    SM and ㍿ into 株式会社, letters that would pass, though the name as typed has a symbol in it like ® or ©. A
    line break or tab inside the name is an error once the other rules pass (NAME_LINE_BREAK): the name is one
    line."""
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
    index = find_line_break(name)
    if index is not None:
        raise InvalidFormat("NAME_LINE_BREAK", **line_break_params(name, index))
    return compacted


def check(name: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then warn about wording reviewers question. `entity_type` "individual" adds the personal rules;
    a national body (NATIONAL_BODIES) may use the reserved prefixes. Errors, a line break inside the name among
    them, are raised as by `validate` (errors are exceptions, doubts are findings, in every kind's check)."""
    entity_type = context.entity_type
    name = validate(name)
    listed = _tables.website_name_words()
    findings = []
    prefix = next((w.word for w in listed if w.rule == "reserved-prefix" and name.startswith(w.word)), None)
    if prefix and entity_type not in NATIONAL_BODIES:
        findings.append(Finding("NAME_RESERVED_PREFIX", prefix=prefix))
    if entity_type == "individual":
        found = [w.word for w in listed if w.rule in ("commercial", "personal-avoid") and w.word in name]
        if found:
            # Chinese words, joined as Chinese joins them in every language's message.
            findings.append(Finding("NAME_PERSONAL_WORD", words=words.joined(found)["zh"]))
    folded = name.casefold()
    by_category: dict[_tables.ContentCategory, list[str]] = {}
    for word, folded_word, category in _live_approval_words():
        if folded_word in folded:
            by_category.setdefault(category, []).append(word)
    for category, found in by_category.items():
        # The words as matched, less those inside a longer one (基金 in 基金管理), joined as Chinese joins them.
        named = [w for w in found if not any(w != other and w in other for other in found)]
        findings.append(Finding("NAME_NEEDS_APPROVAL", words=words.joined(named)["zh"], **approval(category)))
    return name, findings


@functools.cache
def _live_approval_words() -> tuple[tuple[str, str, _tables.ContentCategory], ...]:
    """(word, its case-folded form, its category) for each word of a live pre-approval, in the table's order: an
    abolished category's words give nothing, so they are not looked for."""
    categories = _tables.content_categories()
    return tuple(
        (word.word, word.word.casefold(), categories[word.category])
        for word in _tables.website_name_words()
        if word.rule == "approval" and categories[word.category].status == "live"
    )


def approval(category: _tables.ContentCategory) -> dict[str, dict[str, str]]:
    """A live pre-approval's parameters for a message: its topic, the authority that grants it and the document
    (the words' stand-in when the source names none)."""
    licence = (
        words.by_language(category, "licence") if category.licence_en else words.text("approvals", "licence.unnamed")
    )
    return {
        "topic": words.by_language(category, "name"),
        "authority": words.by_language(category, "authority"),
        "licence": licence,
    }


def abolished(category: _tables.ContentCategory) -> dict[str, dict[str, str]]:
    """An abolished pre-approval's parameters for a message: its topic, and when and by what decision it was
    abolished, as far as its source says (or that it says neither)."""
    decision = words.by_language(category, "abolished_by")
    if category.since and category.abolished_by_en:
        when = words.text("approvals", "abolished.since_by", since=category.since, decision=decision)
    elif category.since:
        when = words.text("approvals", "abolished.since", since=category.since)
    elif category.abolished_by_en:
        when = words.text("approvals", "abolished.by", decision=decision)
    else:
        when = words.text("approvals", "abolished.unknown")
    return {"topic": words.by_language(category, "name"), "when": when}


is_valid = yes_or_no(validate)
format = compact
