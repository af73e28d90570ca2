#!/usr/bin/env python3
"""Regenerate checker/data/idna.tsv from the idna package: UTS #46 mapping and IDNA 2008 validity, distilled.

The checker maps and checks internationalised domain names the way ``idna.encode(name, uts46=True,
std3_rules=True)`` does (UTS #46 non-transitional processing, then the IDNA 2008 label rules of RFC 5891–5893),
with the standard library only. idna's own tables are 280 KB of Python; this script writes what the rules
need as one table of code-point ranges, each with one code:

    X          refused: disallowed by UTS #46, or kept by it but not PVALID or CONTEXTO in IDNA 2008 (RFC 5892),
               or CONTEXTJ (U+200C, U+200D: the checker refuses them as hidden characters, checker._text)
    U          PVALID, but newer than the Unicode version of the generating Python's unicodedata, which has no
               bidi class for it: idna refuses it there ("bidi_unknown_direction"), and so does the checker
    I          ignored by UTS #46 (removed by the mapping; every such code point is a hidden character)
    M<hex ...> mapped by UTS #46: every code point of the range to these code points
    S<hex>     mapped by UTS #46, one to one: the range's first code point to <hex>, the next to <hex> + 1, …
    V<b>[m]    valid (UTS #46 valid or deviation, and IDNA 2008 PVALID); <b> is its bidi class as the Bidi
               Rule (RFC 5893) reads it: L, R (R or AL), A (AN), E (EN), N (ES, CS, ET, ON, BN), S (NSM),
               Z (any other); m when it is a combining mark (general category M: no label may start with one)
    O<b>[m]    CONTEXTO (RFC 5892 appendix A: U+00B7, U+0375, U+05F3–U+05F4, U+0660–U+0669, U+06F0–U+06F9,
               U+30FB): valid where its rule holds

and the script ranges the CONTEXTO rules look at (Greek, Hebrew, Hiragana, Katakana, Han), from idna's idnadata,
and the Unicode version of the bidi classes (what a message about a U code point names).
The bidi classes and combining marks come from the generating Python's unicodedata (idna reads them from there
too, at run time): the table is the same whatever interpreter the checker runs in.

    .venv/bin/python scripts/update_idna.py
"""

from __future__ import annotations

import bisect
import datetime
import importlib.metadata
import sys
import unicodedata
from pathlib import Path

from idna import idnadata, uts46data

DATA = Path(__file__).resolve().parent.parent / "checker" / "data"
SCRIPTS = ("Greek", "Hebrew", "Hiragana", "Katakana", "Han")
BIDI = {
    "L": "L",
    "R": "R",
    "AL": "R",
    "AN": "A",
    "EN": "E",
    "ES": "N",
    "CS": "N",
    "ET": "N",
    "ON": "N",
    "BN": "N",
    "NSM": "S",
}


def _ranges(encoded: tuple[int, ...]) -> list[tuple[int, int]]:
    """idna's intranges ((start << 32) | end, end exclusive) as (start, end) pairs."""
    return [(value >> 32, value & 0xFFFFFFFF) for value in encoded]


def _set(encoded: tuple[int, ...]) -> set[int]:
    return {point for start, end in _ranges(encoded) for point in range(start, end)}


def _hex(text: str) -> str:
    return " ".join(f"{ord(char):X}" for char in text)


def codes() -> list[tuple[int, str]]:
    """(first code point, code) for every run of code points that share a code, in order."""
    pvalid = _set(idnadata.codepoint_classes["PVALID"])
    contexto = _set(idnadata.codepoint_classes["CONTEXTO"])
    starts, statuses, replacements = (
        list(uts46data.uts46_starts),
        uts46data.uts46_statuses,
        uts46data.uts46_replacements,
    )
    rows: list[tuple[int, str]] = []
    previous = (None, -1)
    for point in range(sys.maxunicode + 1):
        row = bisect.bisect_right(starts, point) - 1
        status = chr(statuses[row])
        if status == "M":
            code = "M" + _hex(replacements[row])
        elif status == "I":
            code = "I"
        elif status in "VD" and (point in pvalid or point in contexto):
            char = chr(point)
            bidi = unicodedata.bidirectional(char)
            if not bidi:
                code = "U"
            else:
                mark = "m" if unicodedata.category(char).startswith("M") else ""
                code = ("O" if point in contexto else "V") + BIDI.get(bidi, "Z") + mark
        else:
            code = "X"
        # A mapped range of idna's table is one row (all its code points map to the same text).
        key = (code, row if status == "M" else -1)
        if key != previous:
            rows.append((point, code))
            previous = key
    return _shift_runs(rows)


def _shift_runs(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Consecutive one-code-point mappings to consecutive code points (Ａ→a, Ｂ→b …) made one S row."""
    out: list[tuple[int, str]] = []
    run_start, run_target, run_length = None, 0, 0

    def flush() -> None:
        if run_start is not None:
            out.append((run_start, f"S{run_target:X}" if run_length > 1 else f"M{run_target:X}"))

    for i, (point, code) in enumerate(rows):
        end = rows[i + 1][0] if i + 1 < len(rows) else sys.maxunicode + 1
        single = code.startswith("M") and " " not in code and end - point == 1
        if single:
            target = int(code[1:], 16)
            if run_start is not None and point == run_start + run_length and target == run_target + run_length:
                run_length += 1
                continue
            flush()
            run_start, run_target, run_length = point, target, 1
            continue
        flush()
        run_start = None
        out.append((point, code))
    flush()
    return out


def script_rows() -> list[str]:
    return [
        "script\t" + name + "\t" + " ".join(f"{start:X}-{end - 1:X}" for start, end in _ranges(idnadata.scripts[name]))
        for name in SCRIPTS
    ]


def render() -> str:
    version = importlib.metadata.version("idna")
    header = [
        "# UTS #46 mapping and IDNA 2008 validity of every code point, for checker/_idna.py (codes: see "
        "scripts/update_idna.py).",
        f"# Source: idna {version} (uts46data and idnadata, Unicode {uts46data.__version__}); bidi classes and "
        f"combining marks: unicodedata of Python {sys.version_info.major}.{sys.version_info.minor} "
        f"(Unicode {unicodedata.unidata_version}).",
        f"# Generated by scripts/update_idna.py on {datetime.date.today().isoformat()}.",
        "# Columns: first code point (hex), code; then the scripts the CONTEXTO rules read: script, name, ranges;"
        " then the Unicode version of the bidi classes: bidi-unicode, version.",
    ]
    rows = [f"{point:X}\t{code}" for point, code in codes()]
    return "\n".join(header + rows + script_rows() + [f"bidi-unicode\t{unicodedata.unidata_version}"]) + "\n"


def main() -> None:
    text = render()
    (DATA / "idna.tsv").write_text(text, encoding="utf-8")
    print(f"wrote {DATA / 'idna.tsv'}: {text.count(chr(10))} lines, {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
