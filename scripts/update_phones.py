#!/usr/bin/env python3
"""Regenerate checker/data/area-codes.tsv and checker/data/mobile-segments.tsv from phonenumbers.

phonenumbers (Google's libphonenumber metadata) knows which mainland area codes exist, how long their local
numbers are, and where they are (zh and en); it is 48 MB installed, far too big for the browser, so this
script distils what the checker needs into two small tables.

- Area codes: every 2- and 3-digit code (after the trunk 0) for which phonenumbers accepts a fixed-line
  number, with the local-number lengths (7, 8) it accepts there and the place it names. (phonenumbers also
  accepts short service numbers after any area code, 95xxx, 100xx and the like: checker/landline.py knows
  their shape and warns about them; they are not a length "in use" for a person's line.)
- Mobile segments: every mainland mobile prefix, 3 digits (130–199) and longer ones (up to 5 digits) wherever
  phonenumbers tells the numbers inside a segment apart: 1610 (valid inside an otherwise unassigned 161),
  17400–17405 (valid inside 174), 1349 and 1700–1709 (another carrier). The longest matching prefix wins.
  Each has its kind: ``voice`` or ``virtual`` where phonenumbers accepts the numbers as mobiles (``virtual``
  for the virtual-operator segments of ../shared/reference/icp-rules.md §4), ``data`` (data-only / IoT: no
  calls or texts) where phonenumbers accepts none and icp-rules.md §4 names a data-only segment,
  ``data-card`` (149: an 11-digit data card that receives texts and may take calls; see DATA_CARD), else
  ``unassigned``. The checker gives an error only for ``data``: never where phonenumbers accepts the number.

    python -m venv /tmp/v && /tmp/v/bin/pip install phonenumbers==9.0.43
    /tmp/v/bin/python scripts/update_phones.py
"""

from __future__ import annotations

import collections
import datetime
import importlib.metadata
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberType, carrier, geocoder

DATA = Path(__file__).resolve().parent.parent / "checker" / "data"
# icp-rules.md §4: "Data-only/IoT segments (140, 141, 144, 146, 148, 149, 154, 174 outside 1740x, 194)". Not 174:
# besides the satellite voice block 1740[0-5] that phonenumbers knows, 174 is reported to hold other satellite and
# emergency-communication blocks (unconfirmed, and not in phonenumbers), so a number there may be a phone that
# takes calls: a doubt, a warning (unassigned), never the data-only error.
# Not 149 either: it is China Telecom's data-card (上网卡) segment of 11-digit numbers, which receive texts and, as
# MIIT allows and the operator decides, take calls (the segment table of VincentSit/ChinaMobilePhoneNumberRegex,
# README-CN.md, "上网卡"; numbers there reported callable in google/libphonenumber issue #1976): a genuine number may
# be a contact number, so a warning (data card), never the data-only error. The others are 13-digit IoT segments
# (1410x, 1440x, 1441x, 146xx, 148xx in the same table) or unassigned: no genuine 11-digit number takes a call there.
DATA_ONLY = {"140", "141", "144", "146", "148", "154", "194"}
DATA_CARD = {"149"}
NOT_DATA_ONLY = ("1740",)
VIRTUAL = {"162", "165", "167", "170", "171"}  # icp-rules.md §4
FIXED = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
MOBILE = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
LONGEST = 5  # the longest prefix phonenumbers 9.0.43 tells apart (1740[0-5]); a deeper one stops the script
LOOKAHEAD = 3  # digits below a prefix sampled exhaustively to see whether its numbers all agree
TAILS = ("0000000000", "5555555555", "1234567890", "9876543210")


def fixed_line_lengths(area: str) -> list[int]:
    """The local-number lengths phonenumbers accepts as fixed lines in this area (first digits 2–8 tried)."""
    lengths = []
    for length in (7, 8):
        for first in "2345678":
            number = phonenumbers.parse(f"+86{area}{first}{'1234567'[: length - 1]}")
            if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in FIXED:
                lengths.append(length)
                break
    return lengths


def place(number: phonenumbers.PhoneNumber, language: str) -> str:
    return geocoder.description_for_number(number, language, region="CN") or ""


def area_rows() -> list[str]:
    candidates = ["10"] + [f"2{d}" for d in range(10)] + [f"{n}" for n in range(300, 1000)]
    rows = []
    for area in candidates:
        lengths = fixed_line_lengths(area)
        if lengths:
            sample = phonenumbers.parse(f"+86{area}{'2' * lengths[-1]}")
            rows.append(f"{area}\t{','.join(map(str, lengths))}\t{place(sample, 'zh')}\t{place(sample, 'en')}")
    return rows


def kind(prefix: str, valid: bool) -> str:
    segment = prefix[:3]
    if valid:
        return "virtual" if segment in VIRTUAL else "voice"
    if segment in DATA_CARD:
        return "data-card"
    data = segment in DATA_ONLY and not prefix.startswith(NOT_DATA_ONLY)
    return "data" if data else "unassigned"


def describe(number: str) -> tuple[str, str, str]:
    """(kind, carrier_zh, carrier_en) of an 11-digit number, as phonenumbers and icp-rules.md §4 see it."""
    parsed = phonenumbers.parse("+86" + number)
    valid = phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in MOBILE
    if not valid:
        return kind(number, False), "", ""
    return kind(number, True), carrier.name_for_number(parsed, "zh"), carrier.name_for_number(parsed, "en")


def uniform(prefix: str) -> tuple[str, str, str] | None:
    """What every number under the prefix is, when they all agree (every next LOOKAHEAD digits, several tails)."""
    seen = set()
    for below in range(10**LOOKAHEAD):
        head = f"{prefix}{below:0{LOOKAHEAD}d}"
        for tail in TAILS:
            seen.add(describe((head + tail)[:11]))
            if len(seen) > 1:
                return None
    return seen.pop()


def prefix_rows(prefix: str, inherited: tuple[str, str, str] | None) -> list[tuple[str, tuple[str, str, str]]]:
    """(prefix, description) rows for this prefix and what lies below it: a row wherever the description
    differs from the one the longest shorter prefix gives (for 3-digit segments: always)."""
    description = uniform(prefix)
    if description is not None:
        return [] if description == inherited else [(prefix, description)]
    if len(prefix) >= LONGEST:
        raise SystemExit(f"phonenumbers tells numbers under {prefix} apart: raise LONGEST and regenerate")
    children = [uniform(prefix + digit) for digit in "0123456789"]
    # This prefix's own row: what most of its children are (the first of them on a tie).
    counts = collections.Counter(child for child in children if child is not None)
    own = max(counts, key=lambda c: (counts[c], -children.index(c))) if counts else describe(prefix + "0" * 8)
    rows = [] if own == inherited else [(prefix, own)]
    for digit in "0123456789":
        rows += prefix_rows(prefix + digit, own)
    return rows


def mobile_rows() -> list[str]:
    rows = []
    for segment in range(130, 200):
        for prefix, (kind_, name_zh, name_en) in prefix_rows(str(segment), None):
            rows.append(f"{prefix}\t{kind_}\t{name_zh}\t{name_en}")
    return rows


def write(name: str, columns: str, what: str, rows: list[str], also: str = "") -> None:
    version = importlib.metadata.version("phonenumbers")
    header = [
        f"# {what}",
        f"# Source: phonenumbers {version} (libphonenumber metadata, geocoder and carrier data){also}.",
        f"# Generated by scripts/update_phones.py on {datetime.date.today().isoformat()}.",
        f"# Columns: {columns}",
    ]
    (DATA / name).write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {DATA / name}: {len(rows)} rows")


def main() -> None:
    write(
        "area-codes.tsv",
        "area code (after the trunk 0), local-number lengths, place_zh, place_en",
        "Mainland China landline area codes.",
        area_rows(),
    )
    write(
        "mobile-segments.tsv",
        "prefix (3 to 5 digits; the longest matching prefix wins), kind"
        " (voice/data/data-card/virtual/unassigned), carrier_zh, carrier_en",
        "Mainland China mobile number segments (号段) and the longer prefixes phonenumbers tells apart.",
        mobile_rows(),
        "; data-only and virtual-operator segments: ../shared/reference/icp-rules.md §4;"
        " the data card 149: VincentSit/ChinaMobilePhoneNumberRegex README-CN.md (上网卡)",
    )


if __name__ == "__main__":
    main()
