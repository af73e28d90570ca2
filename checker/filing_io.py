"""Reading filings from files, one at a time (so a file of any size is checked in constant memory).

Formats, chosen by the file's extension (or, for standard input, by its first character):

- **JSON** (``.json``): one filing as an object, or a list of filings (read whole: use JSON Lines or CSV for big
  batches). The shape is `checker.filing`'s, described by the shipped JSON Schema ``filing.schema.json``.
- **JSON Lines** (``.jsonl``, ``.ndjson``): one filing object per line, streamed.
- **CSV** (``.csv``): one filing per row, streamed, UTF-8 (with or without BOM) or GB18030 as spreadsheets in
  China often save it. Columns (any order; missing ones are empty)::

      entity_type, entity_name, entity_province, entity_document_type, entity_document_number,
      entity_document_expires, entity_pic_name, entity_pic_document_type, entity_pic_document_number,
      entity_pic_document_expires, entity_pic_mobile, entity_pic_landline, entity_pic_email,
      entity_pic_legal_representative, entity_emergency_contact, entity_icp_number,
      website1_name, website1_domains, website1_content, website1_icp_number, website1_pic_name,
      website1_pic_document_type, website1_pic_document_number, website1_pic_document_expires,
      website1_pic_mobile, website1_pic_landline, website1_pic_email, website1_pic_legal_representative,
      website2_name, … (as many websites as needed; several domains or content categories in one cell,
      separated by spaces, commas or semicolons — `checker.filing.split_values`),
      materials (optional: the keys of the verification materials ready, separated the same way)

  An ID's ``…_document_expires`` is its last valid day (2031-05-01) or 长期; ``…_legal_representative`` is yes
  or no (是/否); the ``…_icp_number`` columns are the filing numbers once filed (主体备案号, 网站备案号).

  The ``materials`` column turns the materials checklist on for every row of the file: an empty cell then means
  that no material is ready yet. Without the column nothing is said about materials.
  An unknown column is refused (`FormatError`), because a misspelt column would silently go unchecked.
  Columns without a heading (a spreadsheet's trailing empty columns) and empty cells beyond the last column are
  ignored; a cell with a value there is a warning on that row (FILING_CSV_EXTRA_CELL), and the row and the
  other rows are checked all the same.

>>> rows = list(read_csv(io.StringIO("entity_type,entity_name,website1_domains\\nindividual,张三,a.cn b.cn\\n")))
>>> rows[0].data["entity"]["name"], rows[0].data["websites"][0]["domains"], rows[0].line
('张三', ['a.cn', 'b.cn'], 2)
>>> row = next(read_csv(io.StringIO("entity_type,materials\\nindividual,personal-id domain-certificate\\n")))
>>> row.data["materials"]
['personal-id', 'domain-certificate']
>>> row = next(read_csv(io.StringIO("entity_type,entity_name,,\\nindividual,张三,,note\\n")))
>>> row.data["entity"]["name"], [(p.field, p.finding.code) for p in row.problems]
('张三', [('column 4', 'FILING_CSV_EXTRA_CELL')])
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO, NamedTuple, TextIO

from checker.exceptions import Finding
from checker.filing.model import Located
from checker.filing.reader import split_values

PERSON_COLUMNS = (
    "name",
    "document_type",
    "document_number",
    "document_expires",
    "mobile",
    "landline",
    "email",
    "legal_representative",
)
ENTITY_COLUMNS = (
    "type",
    "name",
    "province",
    "document_type",
    "document_number",
    "document_expires",
    "emergency_contact",
    "icp_number",
)
WEBSITE_COLUMNS = ("name", "domains", "content", "icp_number")
_WEBSITE_COLUMN = re.compile(r"website([1-9][0-9]*)_(.+)")


class FormatError(ValueError):
    """A file that cannot be read as filings at all (bad JSON, unknown CSV columns): a usage error."""


# What a file that is not text starts with: a spreadsheet saved in its own format instead of as CSV.
_WORKBOOKS = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel workbook (.xls)"),
)
SAVE_AS_CSV = "save the sheet as CSV (“CSV UTF-8”, or CSV in GB18030) and check that file"


class Record(NamedTuple):
    """One filing as plain data, and where it came from."""

    data: Any
    index: int  # type: ignore[assignment]  # 1-based position in its file (a field; tuple.index is a method)
    line: int  # the line it starts on (0 when unknown)
    problems: tuple[Located, ...] = ()  # what the file format says about it (a CSV cell outside the columns)


def columns(websites: int = 2, *, materials: bool = False) -> list[str]:
    """The CSV columns of a filing with this many websites, in the documented order; with ``materials``, the
    materials checklist's column last."""
    names = [f"entity_{column}" for column in ENTITY_COLUMNS[:6]]
    names += [f"entity_pic_{column}" for column in PERSON_COLUMNS] + ["entity_emergency_contact", "entity_icp_number"]
    for n in range(1, websites + 1):
        names += [f"website{n}_{column}" for column in WEBSITE_COLUMNS]
        names += [f"website{n}_pic_{column}" for column in PERSON_COLUMNS]
    return names + (["materials"] if materials else [])


def _person(row: dict[str, str], prefix: str) -> dict[str, Any]:
    def get(column: str) -> str:
        return row.get(prefix + column, "")

    return {
        "name": get("name"),
        "document": {
            "type": get("document_type"),
            "number": get("document_number"),
            "expires": get("document_expires"),
        },
        "mobile": get("mobile"),
        "landline": get("landline"),
        "email": get("email"),
        "legal_representative": get("legal_representative"),
    }


def row_to_filing(row: dict[str, str], websites: list[int]) -> dict[str, Any]:
    """A CSV row (column → cell) as a filing; website groups whose cells are all empty are left out. The key
    ``materials`` is there when the row has the column (an empty cell: nothing ready)."""
    entity = {
        "type": row.get("entity_type", ""),
        "name": row.get("entity_name", ""),
        "province": row.get("entity_province", ""),
        "document": {
            "type": row.get("entity_document_type", ""),
            "number": row.get("entity_document_number", ""),
            "expires": row.get("entity_document_expires", ""),
        },
        "pic": _person(row, "entity_pic_"),
        "emergency_contact": row.get("entity_emergency_contact", ""),
        "icp_number": row.get("entity_icp_number", ""),
    }
    # One pass over the row for which website groups have a value: linear in the number of columns.
    used = set()
    for key, value in row.items():
        if value and key.startswith("website") and value.strip():
            match = _WEBSITE_COLUMN.fullmatch(key)
            if match:
                used.add(int(match[1]))
    sites = []
    for n in websites:
        prefix = f"website{n}_"
        if n not in used:
            continue
        sites.append(
            {
                "name": row.get(prefix + "name", ""),
                "domains": split_values(row.get(prefix + "domains", "")),
                "pic": _person(row, prefix + "pic_"),
                "content": split_values(row.get(prefix + "content", "")),
                "icp_number": row.get(prefix + "icp_number", ""),
            }
        )
    result: dict[str, Any] = {"entity": entity, "websites": sites}
    if "materials" in row:
        result["materials"] = split_values(row["materials"])
    return result


def _check_header(header: list[str]) -> list[int]:
    """The website numbers the header uses; FormatError naming any unknown column."""
    entity = set(columns(0, materials=True))
    site_columns = {column for column in columns(1) if column.startswith("website1_")}
    unknown, numbers = [], set()
    for column in header:
        if not column:
            continue  # a column without a heading: its cells must be empty (`_rows`)
        match = _WEBSITE_COLUMN.fullmatch(column)
        if match and f"website1_{match[2]}" in site_columns:
            numbers.add(int(match[1]))
        elif column not in entity:
            unknown.append(column)
    if unknown:
        raise FormatError(
            f"unknown column(s): {', '.join(unknown)}; the columns are: {', '.join(columns(1))}"
            " (website2_…, website3_… for more websites), materials (optional)"
        )
    return sorted(numbers)


def read_csv(text: TextIO) -> Iterator[Record]:
    """Filings from CSV text, one per row."""
    reader = csv.reader(text, strict=True)  # an unclosed quote is an error, not the rest of the file in one cell
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        return
    except csv.Error as error:
        raise FormatError(f"line 1: {error}") from None
    websites = _check_header(header)
    try:
        yield from _rows(reader, header, websites)
    except csv.Error as error:
        raise FormatError(f"line {reader.line_num}: {error}") from None


_SHOWN_CELL = 40  # characters of a cell outside the columns quoted in its warning


def _rows(reader: Any, header: list[str], websites: list[int]) -> Iterator[Record]:
    named = [(i, column) for i, column in enumerate(header) if column]
    unnamed = [i for i, column in enumerate(header) if not column]
    start = reader.line_num + 1  # the line a row starts on: a quoted cell may hold line breaks
    for index, cells in enumerate(reader, start=1):
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue  # a blank line in a spreadsheet export
        row = {column: cells[i] for i, column in named if i < len(cells)}
        problems = []
        for i in [i for i in unnamed if i < len(cells)] + list(range(len(header), len(cells))):
            value = cells[i].strip()
            if value:
                shown = value if len(value) <= _SHOWN_CELL else value[:_SHOWN_CELL] + "…"
                problems.append(Located(f"column {i + 1}", Finding("FILING_CSV_EXTRA_CELL", column=i + 1, value=shown)))
        yield Record(row_to_filing(row, websites), index, line, tuple(problems))


# Levels of lists and objects inside each other beyond which JSON is refused unparsed. A filing has six at most (a
# list of filings, a filing, its websites, a website, its person in charge, the document). Python's parser
# recurses once per level: CPython raises RecursionError at about a thousand, and under Pyodide some thousands
# overflow the JavaScript stack and kill the runtime (checker.access's BRACKET_LIMIT says the same of answers).
DEPTH_LIMIT = 64
TOO_DEEP = f"JSON nested too deeply to be a filing (more than {DEPTH_LIMIT} levels of lists or objects)"
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def too_deep(text: str) -> bool:
    """Whether parsing JSON `text` would go deeper than `DEPTH_LIMIT` levels, found without parsing it: the
    brackets outside strings, innermost pairs removed a level at a time (each pass at C speed).

    >>> too_deep('[{"name": "[[[["}]'), too_deep("[" * 65 + "]" * 65), too_deep("[" * 100_000)
    (False, True, True)
    """
    if text.count("[") + text.count("{") <= DEPTH_LIMIT:
        return False  # a filing or a few: no need to look further
    # About as long as parsing takes; little beside checking the filings (about 1,400 a second).
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    for _ in range(DEPTH_LIMIT):
        shorter = brackets.replace("[]", "").replace("{}", "")
        if shorter == brackets:  # what is left does not pair up: the parser stops at it, or at its openers' depth
            return brackets.count("[") + brackets.count("{") > DEPTH_LIMIT
        brackets = shorter
    return bool(brackets)


def read_json(text: str) -> Iterator[Record]:
    """Filings from a JSON document: one object, or a list of them."""
    if too_deep(text):
        raise FormatError(TOO_DEEP)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"not valid JSON: line {error.lineno} column {error.colno}: {error.msg}") from None
    if isinstance(data, list):
        yield from (Record(item, index, 0) for index, item in enumerate(data, start=1))
    else:
        yield Record(data, 1, 1)


def read_json_lines(text: TextIO) -> Iterator[Record]:
    """Filings from JSON Lines, one object per line (blank lines skipped)."""
    index = 0
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        index += 1
        if too_deep(line):
            raise FormatError(f"line {number}: {TOO_DEEP}")
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise FormatError(f"line {number}: not valid JSON: column {error.colno}: {error.msg}") from None
        yield Record(data, index, number)


# Bytes looked at to choose between UTF-8 and GB18030, from the first byte that is not ASCII.
SNIFF_BYTES = 65536
_CODEC = "checker_utf8_or_gb18030"
_NOT_ASCII = re.compile(rb"[\x80-\xff]")


class _Utf8OrGb18030(codecs.IncrementalDecoder):
    """UTF-8 (a BOM dropped) or GB18030, chosen on the first `SNIFF_BYTES` from the first byte that is not ASCII.

    ASCII reads the same in both, so the text passes through until that byte, wherever it comes (a spreadsheet of
    Latin-letter rows with a Chinese name on row 2,000); then up to `SNIFF_BYTES` are held until the choice is
    made, and the chosen decoder reads the rest. Memory stays bounded: a stream is never read whole.
    """

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self.reset()

    def reset(self) -> None:
        self._chosen: codecs.IncrementalDecoder | None = None
        self._held = b""  # bytes from the first non-ASCII one, not yet enough to choose
        self._passed = False  # some ASCII was passed through: a BOM can no longer come first

    def decode(self, input: bytes, final: bool = False) -> str:  # type: ignore[override]
        if self._chosen is not None:
            return self._chosen.decode(input, final)
        data = self._held + bytes(input)
        found = _NOT_ASCII.search(data)
        if found is None:
            self._held, self._passed = b"", self._passed or bool(data)
            return data.decode("ascii")
        head, rest = data[: found.start()], data[found.start() :]
        if not (self._passed or head) and rest[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            # Excel's "Unicode text" and some editors save UTF-16 with a byte order mark: read as such.
            self._chosen, self._held = codecs.getincrementaldecoder("utf-16")(self.errors), b""
            return self._chosen.decode(rest, final)
        if len(rest) < SNIFF_BYTES and not final:
            self._held, self._passed = rest, self._passed or bool(head)
            return head.decode("ascii")
        try:
            codecs.getincrementaldecoder("utf-8")().decode(rest[:SNIFF_BYTES], final and len(rest) <= SNIFF_BYTES)
            encoding = "utf-8" if self._passed or head else "utf-8-sig"
        except UnicodeDecodeError:
            encoding = "gb18030"
        self._chosen, self._held = codecs.getincrementaldecoder(encoding)(self.errors), b""
        return head.decode("ascii") + self._chosen.decode(rest, final)

    def getstate(self) -> tuple[bytes, int]:
        return self._chosen.getstate() if self._chosen is not None else (self._held, 0)

    def setstate(self, state: tuple[bytes, int]) -> None:
        if self._chosen is not None:
            self._chosen.setstate(state)
        else:
            self._held = state[0]


def _codec(name: str) -> codecs.CodecInfo | None:
    if name != _CODEC:
        return None
    return codecs.CodecInfo(
        name=_CODEC,
        encode=codecs.utf_8_encode,
        decode=lambda data, errors="strict": (_Utf8OrGb18030(errors).decode(data, True), len(data)),
        incrementaldecoder=_Utf8OrGb18030,
        incrementalencoder=codecs.getincrementalencoder("utf-8"),
    )


codecs.register(_codec)


def decode(binary: BinaryIO) -> TextIO:
    """Text from bytes in UTF-8 (a BOM is dropped) or GB18030, as spreadsheets in China often save CSV: the
    choice is made on the first 64 KiB (`SNIFF_BYTES`) from the first byte that is not ASCII, wherever it
    comes; the stream is read as it goes, never whole.

    >>> chinese = "entity_type,entity_name\\n" + "individual,Zhang San\\n" * 5000 + "individual,张三\\n"
    >>> decode(io.BytesIO(chinese.encode("gb18030"))).read() == chinese
    True

    UTF-16 with a byte order mark is read too. A spreadsheet saved in its own format (.xlsx, .xls) is not text:
    FormatError says to save it as CSV (the stream must be able to `peek`, as files and standard input can).
    """
    head = binary.peek(8)[:8] if hasattr(binary, "peek") else b""
    for magic, what in _WORKBOOKS:
        if head.startswith(magic):
            raise FormatError(f"this is {what}, not CSV or JSON text: {SAVE_AS_CSV}")
    return io.TextIOWrapper(binary, encoding=_CODEC, newline="")


def decode_error_message(error: UnicodeDecodeError) -> str:
    """What to say about bytes that are neither UTF-8 nor GB18030."""
    return (
        f"not text in UTF-8 or GB18030 (the bytes {error.object[error.start : error.start + 4].hex(' ')} …"
        f" cannot be read): {SAVE_AS_CSV}"
    )


def guess_format(name: str, binary: BinaryIO) -> str:
    """ "csv", "json" or "jsonl", from the file name, else from the first character of the bytes."""
    lowered = name.lower()
    for suffix, format_ in ((".csv", "csv"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json")):
        if lowered.endswith(suffix):
            return format_
    head = binary.peek(1024)[:1024] if hasattr(binary, "peek") else b""
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        head = head[: len(head) // 2 * 2].decode("utf-16", "replace").encode("utf-8")
    first = head.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    return "json" if first in (b"{", b"[") else "csv"


def read(text: TextIO, format_: str) -> Iterator[Record]:
    """Filings from text in a format ("csv", "json", "jsonl")."""
    if format_ == "csv":
        return read_csv(text)
    if format_ == "jsonl":
        return read_json_lines(text)
    content = text.read()
    stripped = content.lstrip()
    if stripped.startswith("{") and "\n{" in stripped.rstrip() and not too_deep(content):
        try:  # several objects one per line, read from standard input: JSON Lines after all
            json.loads(content)
        except json.JSONDecodeError:
            return read_json_lines(io.StringIO(content))
    return read_json(content)
