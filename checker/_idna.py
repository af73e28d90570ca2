"""Internationalised domain names as UTS #46 maps them and IDNA 2008 (RFC 5891–5893) allows them, with the
standard library only.

`map_text` is UTS #46 non-transitional mapping (Unicode IDNA Compatibility Processing, section 4): upper case
folded, full-width and compatibility forms made plain (``Ｅｘａｍｐｌｅ`` → ``example``, ``㈱`` → ``(株)``),
ß and ς kept, the ideographic full stop ``。`` made a dot, then Normalization Form C. `check_label` holds a
label to IDNA 2008 with UseSTD3ASCIIRules, CheckHyphens, CheckBidi and CheckJoiners: every code point PVALID,
or CONTEXTO where its rule (RFC 5892 appendix A) holds; no hyphens in both the 3rd and 4th positions, none first
or last; no combining mark first; the Bidi Rule (RFC 5893). `decode_alabel` checks an ``xn--`` label the same
way, and that it is the canonical Punycode of its Unicode form (RFC 5891 section 5.3).

That is what ``idna.encode(name, uts46=True, std3_rules=True)`` of the idna package does, and the tests hold the
checker to it. One disagreement is deliberate: the joiners U+200C and U+200D, which IDNA 2008 allows in a few
contexts (CONTEXTJ: after a virama, between joining Arabic letters), are refused, like every other hidden
character (checker._text), before any of this: a filer cannot see them, and a registry's Chinese table has none.

The data (checker/data/idna.tsv, generated from idna by scripts/update_idna.py) is read on the first name that
is not pure ASCII: ASCII names never pay for it. Its bidi classes and combining marks come from the generating
Python's unicodedata (Unicode 14 under CPython 3.11), so the checker answers the same in every interpreter; what
still comes from the running interpreter is Normalization Form C (``unicodedata.normalize``), which Unicode's
stability policy keeps the same for every character the table accepts, and the Unicode names in messages.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from typing import NamedTuple

from checker import _tables, words
from checker._text import find_hidden, hidden_character_params
from checker.exceptions import InvalidFormat

_SCRIPTS = ("Greek", "Hebrew", "Hiragana", "Katakana", "Han")


class _Table(NamedTuple):
    starts: list[int]  # first code point of each range
    codes: list[str]  # its code (scripts/update_idna.py); M and S carry their text
    scripts: dict[str, tuple[list[int], list[int]]]  # name → (starts, ends) of its ranges, ends inclusive
    unicode: str  # the Unicode version of its bidi classes ("14.0.0")


@functools.cache
def _table() -> _Table:
    starts: list[int] = []
    codes: list[str] = []
    scripts: dict[str, tuple[list[int], list[int]]] = {}
    unicode = ""
    for line in _tables.read_text("idna.tsv").splitlines():
        if not line or line[0] == "#":
            continue
        first, code = line.split("\t", 1)
        if first == "bidi-unicode":
            unicode = code
            continue
        if first == "script":
            name, ranges = code.split("\t")
            pairs = [part.split("-") for part in ranges.split()]
            scripts[name] = ([int(a, 16) for a, _ in pairs], [int(b, 16) for _, b in pairs])
            continue
        if code[0] in "MS":
            code = code[0] + "".join(chr(int(point, 16)) for point in code[1:].split())
        starts.append(int(first, 16))
        codes.append(code)
    return _Table(starts, codes, scripts, unicode)


def _code(point: int) -> str:
    table = _table()
    return table.codes[bisect.bisect_right(table.starts, point) - 1]


def map_text(text: str) -> str:
    """UTS #46 mapping of `text` (a whole name, or a whole typed address), then NFC. A code point UTS #46
    disallows is kept as it is: `check_label` refuses it, naming it."""
    table = _table()
    starts, codes = table.starts, table.codes
    out = []
    for char in text:
        point = ord(char)
        if point < 0x80:
            out.append(char.lower())
            continue
        row = bisect.bisect_right(starts, point) - 1
        code = codes[row]
        kind = code[0]
        if kind == "M":
            out.append(code[1:])
        elif kind == "S":
            out.append(chr(ord(code[1]) + point - starts[row]))
        elif kind != "I":
            out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def _in_script(char: str, name: str) -> bool:
    starts, ends = _table().scripts[name]
    i = bisect.bisect_right(starts, ord(char)) - 1
    return i >= 0 and ord(char) <= ends[i]


def _contexto_ok(label: str, pos: int) -> bool:
    """RFC 5892 appendix A, rules A.3–A.9, as idna applies them."""
    point = ord(label[pos])
    if point == 0x00B7:  # MIDDLE DOT: between two l's (Catalan l·l)
        return 0 < pos < len(label) - 1 and label[pos - 1] == "l" and label[pos + 1] == "l"
    if point == 0x0375:  # GREEK LOWER NUMERAL SIGN: before a Greek letter
        return pos < len(label) - 1 and _in_script(label[pos + 1], "Greek")
    if point in (0x05F3, 0x05F4):  # HEBREW PUNCTUATION GERESH, GERSHAYIM: after a Hebrew letter
        return pos > 0 and _in_script(label[pos - 1], "Hebrew")
    if point == 0x30FB:  # KATAKANA MIDDLE DOT: in a label with Hiragana, Katakana or Han
        return any(
            char != "\u30fb"
            and (_in_script(char, "Hiragana") or _in_script(char, "Katakana") or _in_script(char, "Han"))
            for char in label
        )
    if 0x0660 <= point <= 0x0669:  # ARABIC-INDIC DIGITS: not mixed with the extended ones
        return not any("\u06f0" <= char <= "\u06f9" for char in label)
    if 0x06F0 <= point <= 0x06F9:  # EXTENDED ARABIC-INDIC DIGITS: not mixed with the others
        return not any("\u0660" <= char <= "\u0669" for char in label)
    return False


def _bidi_ok(classes: list[str]) -> bool:
    """The Bidi Rule (RFC 5893 section 2) on a label's bidi classes (scripts/update_idna.py's letters), applied
    as idna applies it: only to a label with a right-to-left character."""
    if not any(b in "RA" for b in classes):
        return True
    if classes[0] == "R":
        allowed, ending = "RAENS", "RAE"
    elif classes[0] == "L":
        allowed, ending = "LENS", "LE"
    else:
        return False  # rule 1
    valid_ending = False
    numbers = set()
    for b in classes:
        if b not in allowed:
            return False  # rules 2 and 5
        if b in ending:
            valid_ending = True
        elif b != "S":
            valid_ending = False
        if b in "AE" and classes[0] == "R":
            numbers.add(b)
    return valid_ending and len(numbers) < 2  # rules 3 and 6; rule 4: AN and EN not both


def _describe(char: str) -> dict[str, str]:
    """How a message names a character: its code point and Unicode name, and the character itself unless it is a
    mark, a space or a control (checker/data/words/idna.toml, ``characters``)."""
    name = unicodedata.name(char, "")
    shown = "invisible" if unicodedata.category(char)[0] in "MZC" else "visible"
    return words.text(
        "idna",
        f"characters.{shown}" if name else f"characters.{shown}_unnamed",
        point=f"U+{ord(char):04X}",
        name=name,
        char=char,
    )


def _refuse(label: str, reason: str, **values: object) -> InvalidFormat:
    """DOMAIN_IDN_LABEL with its reason (checker/data/words/idna.toml, ``reasons``)."""
    return InvalidFormat("DOMAIN_IDN_LABEL", label=label, reason=words.text("idna", f"reasons.{reason}", **values))


def check_label(label: str, shown: str | None = None) -> None:
    """Raise unless `label` (mapped, non-empty) is a valid U-label of IDNA 2008; `shown` is how the message
    names it (the ``xn--`` form it was decoded from)."""
    shown = shown or label
    if unicodedata.normalize("NFC", label) != label:
        raise _refuse(shown, "not_nfc")
    if label[2:4] == "--":
        raise _refuse(shown, "reserved_hyphens")
    if label[0] == "-" or label[-1] == "-":
        raise InvalidFormat("DOMAIN_LABEL", label=shown)
    codes = [_code(ord(char)) for char in label]
    if codes[0][0] in "VO" and codes[0].endswith("m"):
        raise _refuse(shown, "starts_with_mark", character=_describe(label[0]))
    for pos, (char, code) in enumerate(zip(label, codes, strict=True)):
        if code[0] == "V":
            continue
        if code[0] == "O":
            if _contexto_ok(label, pos):
                continue
            raise _refuse(shown, "contexto", character=_describe(char))
        if code[0] == "U":
            raise _refuse(shown, "newer", character=_describe(char), version=_table().unicode)
        raise _refuse(shown, "disallowed", character=_describe(char))
    if not _bidi_ok([code[1] for code in codes]):
        raise _refuse(shown, "bidi")


def decode_alabel(label: str) -> str:
    """The Unicode form of an ``xn--`` label (lower-case, at most 63 characters), or a ValidationError: not
    Punycode, not its canonical encoding, a hidden character in it, or not a valid U-label."""
    body = label[4:]
    if not body or body.endswith("-"):
        raise InvalidFormat("DOMAIN_PUNYCODE", label=label)
    try:
        decoded = body.encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        raise InvalidFormat("DOMAIN_PUNYCODE", label=label) from None
    if decoded.encode("punycode") != body.encode("ascii"):
        raise InvalidFormat("DOMAIN_PUNYCODE", label=label)
    index = find_hidden(decoded)
    if index is not None:
        raise InvalidFormat("DOMAIN_HIDDEN_CHARACTER", **hidden_character_params(decoded, index))
    check_label(decoded, label)
    return decoded
