"""What every field goes through first: text, and no hidden characters; then, for numbers, the characters a
validator checks (`clean`: not for e-mail addresses or domain names, whose dots matter).

A hidden character is one a person cannot see but a program compares: a zero-width space or joiner, a soft
hyphen, a bidirectional control, a byte order mark, a variation selector, a control character. Pasted from a
chat app, a web page or a PDF, it makes ``exa<U+200B>mple.com`` look like example.com and be another name, and
a number look right and fail the provider's comparison. Every validator calls `require_text`, so every kind of
field refuses it with an error that names the character and where it is:

>>> require_text("exa\\u200bmple.com")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
checker.exceptions.InvalidFormat: INVALID_HIDDEN_CHARACTER
>>> hidden_character_params("exa\\u200bmple.com", "exa\\u200bmple.com".index("\\u200b"))["where"]["en"]
"after 'exa'"

Not hidden: ordinary spaces, tabs and line breaks (White_Space), the ideographic space U+3000, the no-break
space, full-width letters and digits. A UTF-8 byte order mark at the start of a file belongs to the file reader
(checker.filing_io drops it); inside a field it is a hidden character like any other.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from checker import words
from checker.exceptions import InvalidFormat

# Separators people type inside numbers: spaces (also ideographic), hyphens, dashes and minus signs (U+2212, the
# Chinese ⸺, and ー, which phonenumbers 9.0.43 also reads as punctuation), dots and middle dots, slashes.
SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−⸺⸻－ー.·・‧/]+")

# Hidden characters, from the Unicode Character Database (Unicode 16.0; the same sets in 14.0 and 17.0 but for
# U+13439..U+1343F, Cf since 15.0), written out so that every Python agrees whatever its unicodedata knows:
# - general category Cc (DerivedGeneralCategory.txt) except White_Space (PropList.txt: U+0009..U+000D, U+0085);
# - general category Cf (DerivedGeneralCategory.txt): soft hyphen, Arabic number signs, ZWSP, ZWNJ, ZWJ,
#   LRM/RLM, bidi embeddings, overrides and isolates, word joiner, invisible operators, BOM, interlinear
#   annotation, tags …;
# - Default_Ignorable_Code_Point (DerivedCoreProperties.txt): the above and U+034F COMBINING GRAPHEME JOINER,
#   the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, Khmer U+17B4..U+17B5, the Mongolian variation
#   selectors, the variation selectors U+FE00..U+FE0F and U+E0100..U+E01EF, and reserved ignorable code points;
# - general category Cs, the surrogates U+D800..U+DFFF: not characters at all (UTF-16 uses them in pairs for the
#   code points above U+FFFF), so they cannot come from genuine text. A lone one reaches a string from JSON
#   ("\ud800") or from bytes a program could not decode; it cannot even be written out as UTF-8.
HIDDEN_RANGES = (
    (0x0000, 0x0008),
    (0x000E, 0x001F),
    (0x007F, 0x0084),
    (0x0086, 0x009F),  # Cc, not White_Space
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xD800, 0xDFFF),  # Cs: surrogates
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
HIDDEN = re.compile("[" + "".join(f"\\U{start:08x}-\\U{end:08x}" for start, end in HIDDEN_RANGES) + "]")
_CONTEXT = 12  # characters of the text before a hidden character, to say where it is


def find_hidden(value: str) -> int | None:
    """The position of the first hidden character in `value`, or None."""
    found = HIDDEN.search(value)
    return found.start() if found else None


def _character(char: str) -> dict[str, str]:
    """What a hidden character is, in words (checker/data/words/characters.toml, ``hidden``)."""
    point = ord(char)
    code = f"U+{point:04X}"
    if point < 0xA0:
        return words.text("characters", "hidden.control", point=code)
    if 0xD800 <= point <= 0xDFFF:
        return words.text("characters", "hidden.surrogate", point=code)
    # The name as this Python's unicodedata has it: U+13439..U+1343F are named only from Unicode 15 on.
    name = unicodedata.name(char, "")
    if not name:
        return words.text("characters", "hidden.unnamed", point=code)
    if 0xFE00 <= point <= 0xFE0F or 0xE0100 <= point <= 0xE01EF or (0x180B <= point <= 0x180F and point != 0x180E):
        kind = words.text("characters", "hidden.kinds.variation_selector")
    else:
        named = f"{point:04X}" in words.load("characters")["hidden"]["names"]
        kind = words.text("characters", f"hidden.names.{point:04X}" if named else "hidden.kinds.format")
    return words.text("characters", "hidden.named", point=code, name={**kind, "en": name})


QUOTED = 40  # characters of a typed value a message quotes: enough to recognise it, never a whole pasted page


def quoted(value: str) -> str:
    """A typed value as a message quotes it: whole up to `QUOTED` characters, else its start and "…" (a megabyte
    pasted into the entity type must not come back a megabyte long in every message, report and view).

    >>> quoted("enterprise"), len(quoted("x" * 1_000_000))
    ('enterprise', 41)
    """
    return value if len(value) <= QUOTED else value[:QUOTED] + "…"


def without_hidden(value: str) -> str:
    """The value with its hidden characters taken out."""
    return HIDDEN.sub("", value)


def _where(value: str, index: int) -> dict[str, str]:
    """Where the character at `index` is: after which text (at most `_CONTEXT` characters of it)."""
    before = " ".join(value[:index].split())
    if not before:
        return words.text("characters", "where.start")
    return words.text("characters", "where.after", text=before if len(before) <= _CONTEXT else "…" + before[-_CONTEXT:])


def hidden_character_params(value: str, index: int) -> dict[str, Any]:
    """The message values that name the hidden character at `index` and say where it is (after which text)."""
    return {"character": _character(value[index]), "where": _where(value, index)}


# Line breaks and tabs: the White_Space characters (Unicode PropList.txt) that are not spaces: U+0009..U+000D,
# U+0085 NEXT LINE, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR. Typed or pasted inside a name (a cell of a
# spreadsheet with Alt+Enter, a name copied from two lines of a PDF), they cannot be on the licence.
LINE_BREAKS = re.compile("[\t\n\x0b\x0c\r\x85\u2028\u2029]")


def find_line_break(name: str) -> int | None:
    """The position in `name` of the first line break or tab inside it (`LINE_BREAKS`; around it they are only
    stripped), or None.

    >>> find_line_break(" 示例\\n科技官网\\n"), find_line_break("示例 科技官网\\t")
    (3, None)
    """
    found = LINE_BREAKS.search(name.strip())
    return None if found is None else found.start() + len(name) - len(name.lstrip())


def line_break_params(name: str, index: int) -> dict[str, Any]:
    """The message values that name the line break or tab at `index` and say where it is (after which text)."""
    point = f"{ord(name[index]):04X}"
    names = words.load("characters")["line_breaks"]["names"]
    described = words.text("characters", f"line_breaks.names.{point if point in names else 'other'}")
    return {
        "character": words.text("characters", "line_breaks.described", name=described, point=f"U+{point}"),
        "where": _where(name, index),
    }


def require_text(value: object, code: str = "INVALID_HIDDEN_CHARACTER") -> str:
    """The value itself when it is text without hidden characters. Anything else is refused, the same clean way
    in every validator: not text (INVALID_TYPE), or text with a hidden character (`code`, naming it)."""
    if not isinstance(value, str):
        raise InvalidFormat("INVALID_TYPE")
    index = find_hidden(value)
    if index is not None:
        raise InvalidFormat(code, **hidden_character_params(value, index))
    return value


def clean(value: object, hidden: str = "INVALID_HIDDEN_CHARACTER") -> str:
    """NFKC-normalise (full-width ０-９ and Ａ-Ｚ become ASCII), drop separators, upper-case; `hidden` is the code
    of a hidden character in it (`require_text`)."""
    return SEPARATORS.sub("", unicodedata.normalize("NFKC", require_text(value, hidden))).upper()


def typed_number(value: object, longest: int, *, hidden: str, empty: str, too_long: str) -> str:
    """A number as typed, made comparable: a hidden character refused (code `hidden`), NFKC (full-width forms
    become ASCII), no whitespace anywhere; nothing left (`empty`) or more than `longest` characters (`too_long`)
    refused. The filing numbers' kinds (icp_number, psb_number) share it; each names its own codes."""
    text = "".join(unicodedata.normalize("NFKC", require_text(value, hidden)).split())
    if not text:
        raise InvalidFormat(empty)
    if len(text) > longest:
        raise InvalidFormat(too_long)
    return text


def _ordinal(position: int) -> dict[str, str]:
    suffix = "th" if 10 <= position % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(position % 10, "th")
    return words.text("characters", f"not_allowed.ordinals.{suffix}", n=position)


def character_params(number: str, allowed: re.Pattern[str]) -> dict[str, dict[str, str]]:
    """The message value that names the first character of `number` that `allowed` does not match, and where it
    is: "the 18th character “Х” (U+0425 CYRILLIC CAPITAL LETTER HA, a letter of another alphabet)". A letter
    from another alphabet looks like a Latin one (Cyrillic Х, А, М; Greek Χ) but is another character. The
    Chinese message names the character by its code point and kind (the alphabet's Chinese name), not by its
    English Unicode name (checker/data/words/characters.toml, ``not_allowed``).

    >>> character_params('11010519491231002Х', re.compile('[0-9X]'))['character']['en']
    'the 18th character “Х” (U+0425 CYRILLIC CAPITAL LETTER HA, a letter of another alphabet, not a Latin one)'
    """
    index, char = next(((i, c) for i, c in enumerate(number) if not allowed.fullmatch(c)), (0, number[:1]))
    if char.isascii() or not char:
        shown = words.text("characters", "not_allowed.shown.plain", char=char)
    else:
        name = unicodedata.name(char, "")
        values: dict[str, Any] = {
            "char": char,
            "point": f"U+{ord(char):04X}",
            "name": name or words.text("characters", "not_allowed.unnamed"),
        }
        if " LETTER " in f" {name} " and not name.startswith("LATIN "):
            first = name.split()[0]
            if first not in words.load("characters")["not_allowed"]["alphabets"]:
                first = "other"
            values["alphabet"] = words.text("characters", f"not_allowed.alphabets.{first}")
            shown = words.text("characters", "not_allowed.shown.other_alphabet", **values)
        elif name.startswith("CJK "):
            shown = words.text("characters", "not_allowed.shown.han", **values)
        else:
            shown = words.text("characters", "not_allowed.shown.other", **values)
    return {"character": words.text("characters", "not_allowed.position", ordinal=_ordinal(index + 1), shown=shown)}
