import codecs
import csv
import io
import json
import re

import pytest

from checker import filing, filing_io


def example_row(websites: int = 2) -> dict[str, str]:
    """The example filing as a CSV row."""
    data = filing.example()
    entity, row = data["entity"], {}
    row.update(
        {
            "entity_type": entity["type"],
            "entity_name": entity["name"],
            "entity_province": entity["province"],
            "entity_document_type": entity["document"]["type"],
            "entity_document_number": entity["document"]["number"],
            "entity_document_expires": entity["document"]["expires"],
            "entity_emergency_contact": entity["emergency_contact"],
            "entity_icp_number": entity["icp_number"],
        }
    )

    def person(prefix, p):
        row.update(
            {
                prefix + "name": p["name"],
                prefix + "document_type": p["document"]["type"],
                prefix + "document_number": p["document"]["number"],
                prefix + "document_expires": p["document"]["expires"],
                prefix + "mobile": p["mobile"],
                prefix + "landline": p["landline"],
                prefix + "email": p["email"],
                prefix + "legal_representative": p["legal_representative"],
            }
        )

    person("entity_pic_", entity["pic"])
    for n, site in enumerate(data["websites"][:websites], start=1):
        row.update(
            {
                f"website{n}_name": site["name"],
                f"website{n}_domains": " ".join(site["domains"]),
                f"website{n}_content": " ".join(site["content"]),
                f"website{n}_icp_number": site["icp_number"],
            }
        )
        person(f"website{n}_pic_", site["pic"])
    return row


def csv_text(rows, header=None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or filing_io.columns(2))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_a_csv_row_reads_as_the_filing_it_was_made_from():
    (record,) = filing_io.read_csv(io.StringIO(csv_text([example_row()])))
    assert record.data == filing.example() and (record.index, record.line) == (1, 2)


def test_columns_in_any_order_and_missing_ones_empty_and_a_third_website():
    row = example_row(1)
    row.update({"website3_name": "示例三号站", "website3_domains": "example.net"})
    header = sorted(row)  # a different order, no website2 columns at all
    (record,) = filing_io.read_csv(io.StringIO(csv_text([row], header)))
    assert [site["name"] for site in record.data["websites"]] == ["示例科技官网", "示例三号站"]
    assert record.data["websites"][1]["pic"]["mobile"] == ""


def test_empty_website_groups_and_blank_lines_are_skipped():
    row = example_row(1)
    text = csv_text([row]) + ",,,\n" + csv_text([row]).split("\n", 1)[1]
    records = list(filing_io.read_csv(io.StringIO(text)))
    assert len(records) == 2 and all(len(r.data["websites"]) == 1 for r in records)
    assert [r.index for r in records] == [1, 3]


def test_an_unknown_column_is_refused_with_its_name():
    with pytest.raises(filing_io.FormatError, match="entity_moblie"):
        list(filing_io.read_csv(io.StringIO("entity_type,entity_moblie\nenterprise,1\n")))


def excel_csv(rows: list[dict[str, str]], empty_columns: int = 3) -> str:
    """CSV as Excel writes a sheet whose used range is wider than the columns filled in: empty headings and
    empty cells at the end of every line (Python's csv module writes them; Excel's own files look the same)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(filing_io.columns(2) + [""] * empty_columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in filing_io.columns(2)] + [""] * empty_columns)
    return out.getvalue()


def test_empty_headings_and_empty_cells_past_the_columns_are_ignored():
    """Before: `unknown column(s): , ,` (the whole file refused) for the headings, and `22 cells but 21 columns`
    for one trailing comma, with no row checked (review of issue 12, item 4)."""
    records = list(filing_io.read_csv(io.StringIO(excel_csv([example_row()] * 2))))
    assert [record.data for record in records] == [filing.example()] * 2
    assert [record.problems for record in records] == [(), ()]
    header, *rows = csv_text([example_row()]).splitlines()
    text = "\r\n".join([header] + [row + ",," for row in rows]) + "\r\n"  # rows longer than the header
    (record,) = filing_io.read_csv(io.StringIO(text))
    assert record.data == filing.example() and record.problems == ()


def test_a_value_outside_the_columns_is_a_warning_on_its_row_and_the_other_rows_are_read():
    """A value in a column without a heading, or past the last one, is reported on that row only."""
    text = "entity_type,entity_name,\na,b\na,b,c\na,b,,d\na,b\n"
    records = list(filing_io.read_csv(io.StringIO(text)))
    assert [record.line for record in records] == [2, 3, 4, 5]
    assert [[(p.field, p.finding.code) for p in record.problems] for record in records] == [
        [],
        [("column 3", "FILING_CSV_EXTRA_CELL")],
        [("column 4", "FILING_CSV_EXTRA_CELL")],
        [],
    ]
    message = records[1].problems[0].finding.message
    assert message["en"] == "Column 3 has no heading, so “c” in it was not checked."
    assert message["zh"] == "第3列没有列名，其中的“c”未作检查。"
    long = next(filing_io.read_csv(io.StringIO("entity_type\na," + "x" * 1000 + "\n")))
    assert len(long.problems[0].finding.params["value"]) == 41


class CountingRow(dict):
    """A CSV row that counts the cells read by going through all of it."""

    visited = 0

    def items(self):
        for item in super().items():
            CountingRow.visited += 1
            yield item


@pytest.mark.parametrize("websites", [10, 300])
def test_a_row_is_read_in_time_linear_in_its_cells(websites):
    """Before: every website group went through the whole row, so a row with 3,000 websites' columns took 5.7 s
    (review of issue 12, item 15). Now each cell is gone through a bounded number of times."""
    header = filing_io.columns(websites)
    row = CountingRow(zip(header, ["x"] * len(header), strict=True))
    CountingRow.visited = 0
    filing_io.row_to_filing(row, list(range(1, websites + 1)))
    assert CountingRow.visited <= 2 * len(header)


def test_an_empty_file_has_no_filings():
    assert list(filing_io.read_csv(io.StringIO(""))) == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_spreadsheet_encodings(encoding):
    binary = io.BufferedReader(io.BytesIO(csv_text([example_row()]).encode(encoding)))
    (record,) = filing_io.read_csv(filing_io.decode(binary))
    assert record.data["entity"]["name"] == "深圳市示例科技有限公司"


def latin_row() -> dict[str, str]:
    """The example filing with every cell in ASCII: names in pinyin, the province by its code."""
    return {
        **example_row(),
        "entity_name": "Shenzhen Example Technology Co Ltd",
        "entity_province": "44",
        "entity_pic_name": "Zhang San",
        "website1_name": "Example",
        "website1_pic_name": "Li Si",
        "website2_name": "Example Docs",
        "website2_pic_name": "Li Si",
        "entity_pic_document_expires": "2038-03-15",
        "entity_icp_number": "",
        "website1_icp_number": "",
        "website2_icp_number": "",
    }


def late_chinese(ascii_bytes: int, encoding: str) -> tuple[bytes, int]:
    """A CSV of ASCII rows (about `ascii_bytes` of them) and then one row in Chinese, in `encoding`: how a
    spreadsheet of Latin-letter rows with one Chinese name further down is saved. The file and its rows."""
    assert all(value.isascii() for value in latin_row().values())
    rows = [latin_row()] * (ascii_bytes // len(csv_text([latin_row()]).split("\n", 1)[1]) + 1) + [example_row()]
    return csv_text(rows).encode(encoding), len(rows)


@pytest.mark.parametrize("ascii_bytes", [0, 10_000, 70_000, 200_000])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8", "utf-8-sig"])
def test_the_encoding_is_chosen_where_the_first_chinese_character_is_not_on_the_first_kilobytes(encoding, ascii_bytes):
    """The bytes are Python's own GB18030 / UTF-8 codecs' (the standards' encoders, not ours). Before: the
    choice looked at what `peek` returned (the 8 KiB buffer, not the 64 KiB it said), so a GB18030 file whose
    first Chinese character came after it failed half way with a UTF-8 decoding error."""
    data, count = late_chinese(ascii_bytes, encoding)
    assert data.find("深".encode(encoding.removesuffix("-sig"))) >= ascii_bytes
    records = list(filing_io.read_csv(filing_io.decode(io.BufferedReader(io.BytesIO(data)))))
    assert len(records) == count and records[-1].data == filing.example()
    assert {record.data["entity"]["name"] for record in records[:-1]} == {"Shenzhen Example Technology Co Ltd"}


def test_a_late_gb18030_file_through_icp_check_validate(tmp_path):
    """`icp-check validate` on a GB18030 file (Python's codec) whose first Chinese byte is 15 KB in: every row
    read, none of the file unreadable."""
    from checker.cli import main

    data, count = late_chinese(15_000, "gb18030")
    (tmp_path / "late.csv").write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    main(["validate", str(tmp_path / "late.csv"), "--format", "json"], out=out, err=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert err.getvalue() == ""
    assert lines[-1]["summary"]["filings"] == count and lines[-1]["summary"]["unreadable_files"] == 0
    assert lines[-2]["ok"] is True and lines[-2]["line"] == count + 1  # the Chinese row: the example filing


class CountingRaw(io.RawIOBase):
    """Bytes as a file would give them, counting how many were read."""

    def __init__(self, data: bytes) -> None:
        self.data, self.position = data, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.data[self.position : self.position + len(buffer)]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8"])
def test_the_choice_reads_a_bounded_part_of_the_stream_not_all_of_it(encoding):
    """A batch streams: the first filing is read after at most 64 KiB from the first non-ASCII byte (and a
    buffer or two), however long the ASCII part before it is and however long the file."""
    data, count = late_chinese(300_000, encoding)
    data += data.split(b"\n", 1)[1] * 5  # 5 more copies of the rows: about 1.5 MB
    raw = CountingRaw(data)
    records = filing_io.read_csv(filing_io.decode(io.BufferedReader(raw)))
    assert next(records).data["entity"]["name"] == "Shenzhen Example Technology Co Ltd"
    # decode() peeks at the first bytes (is it a workbook?), which fills one buffer of the BufferedReader:
    # io.DEFAULT_BUFFER_SIZE, 8 KiB under CPython 3.11 and 128 KiB under 3.14 (Pyodide).
    assert raw.position <= max(64 * 1024, io.DEFAULT_BUFFER_SIZE)
    for _ in range(count - 2):
        next(records)
    assert next(records).data == filing.example()  # the Chinese row, with 1.2 MB of the file still unread
    # 64 KiB read to choose the encoding, and 64 KiB for the buffers around it:
    assert raw.position <= data.find("深".encode(encoding)) + 64 * 1024 + 64 * 1024 < len(data) // 4
    assert len(list(records)) == 5 * count


def test_json_one_filing_or_a_list():
    one = json.dumps(filing.example())
    assert [r.data for r in filing_io.read(io.StringIO(one), "json")] == [filing.example()]
    many = json.dumps([filing.example(), {}])
    assert [r.index for r in filing_io.read(io.StringIO(many), "json")] == [1, 2]


def test_json_lines_and_their_errors():
    text = json.dumps(filing.example()) + "\n\n" + json.dumps({}) + "\n"
    assert [(r.index, r.line) for r in filing_io.read(io.StringIO(text), "jsonl")] == [(1, 1), (2, 3)]
    # the same text given as "json" (standard input, guessed) is recognised as JSON Lines
    assert len(list(filing_io.read(io.StringIO(text), "json"))) == 2
    with pytest.raises(filing_io.FormatError, match="line 2"):
        list(filing_io.read(io.StringIO('{}\n{"a": \n'), "jsonl"))
    with pytest.raises(filing_io.FormatError, match="not valid JSON"):
        list(filing_io.read(io.StringIO("{"), "json"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf_16_with_a_byte_order_mark_is_read(encoding):
    """Python's UTF-16 codec writes the bytes (with its BOM, or ours: U+FEFF in the text); before, the reader
    said "'gb18030' codec can't decode byte 0xff"."""
    text = csv_text([example_row()])
    data = text.encode(encoding) if encoding == "utf-16" else ("\ufeff" + text).encode(encoding)
    (record,) = filing_io.read_csv(filing_io.decode(io.BufferedReader(io.BytesIO(data))))
    assert record.data == filing.example()
    json_text = "\ufeff" + json.dumps(filing.example(), ensure_ascii=False)
    json_data = json_text.encode("utf-16-le" if encoding == "utf-16" else encoding)
    assert filing_io.guess_format("-", io.BufferedReader(io.BytesIO(json_data))) == "json"


@pytest.mark.parametrize(
    "head, what",
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook (.xlsx)"),  # a zip file (ECMA-376 Part 2)
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old Excel workbook (.xls)"),  # [MS-CFB] 2.2 header signature
    ],
)
def test_a_workbook_is_refused_with_what_to_do(head, what):
    with pytest.raises(filing_io.FormatError, match=rf"{re.escape(what)}.*save the sheet as CSV"):
        filing_io.decode(io.BufferedReader(io.BytesIO(head + bytes(100))))


@pytest.mark.parametrize(
    "format_, text",
    [
        ("json", "[" * 100_000 + "]" * 100_000),
        ("json", '{"entity": ' * 50_000 + "1" + "}" * 50_000),
        ("jsonl", "{}\n" + "[" * 100_000 + "]" * 100_000 + "\n"),
        ("json", "[" * 100_000),  # never closed
        ("json", '["]",' * 100_000 + "1" + "]" * 100_000),  # a bracket in a string closes nothing
        ("json", "[" * (filing_io.DEPTH_LIMIT + 1) + "]" * (filing_io.DEPTH_LIMIT + 1)),
    ],
)
def test_json_nested_too_deeply_is_a_format_error_not_a_recursion_error(format_, text):
    """Before: RecursionError out of the reader (review of issue 12, item 6); under Pyodide such depths overflow
    the JavaScript stack and kill the runtime, so they are refused before they are parsed."""
    with pytest.raises(filing_io.FormatError, match="nested too deeply"):
        list(filing_io.read(io.StringIO(text), format_))


def test_json_as_deep_as_the_limit_or_with_brackets_in_strings_is_read():
    deep = "[" * filing_io.DEPTH_LIMIT + "]" * filing_io.DEPTH_LIMIT
    assert [record.data for record in filing_io.read(io.StringIO(deep), "json")] == [json.loads(deep)[0]]
    named = {**filing.example(), "entity": {**filing.example()["entity"], "name": "[" * 100 + '\\"{'}}
    text = json.dumps([named] * 3)
    assert [record.data for record in filing_io.read(io.StringIO(text), "json")] == [named] * 3


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("a.csv", b"{", "csv"),
        ("a.JSON", b"x", "json"),
        ("a.ndjson", b"", "jsonl"),
        ("a.jsonl", b"", "jsonl"),
        ("-", b"  [1]", "json"),
        ("-", codecs.BOM_UTF8 + b"{}", "json"),
        ("-", b"entity_type\n", "csv"),
    ],
)
def test_guess_format(name, content, expected):
    assert filing_io.guess_format(name, io.BufferedReader(io.BytesIO(content))) == expected


def test_reading_is_lazy():
    # A generator over a file: the first filing is read before the last line exists.
    def lines():
        yield ",".join(filing_io.columns(1)) + "\n"
        yield "individual,张三" + "," * (len(filing_io.columns(1)) - 2) + "\n"
        raise AssertionError("read too far")

    records = filing_io.read_csv(lines())
    assert next(records).data["entity"]["name"] == "张三"


def test_an_unclosed_quote_is_a_format_error_not_the_rest_of_the_file_in_one_cell():
    with pytest.raises(filing_io.FormatError, match="line 3: unexpected end of data"):
        list(filing_io.read_csv(io.StringIO('entity_type,entity_name\na,"b\nc,d\n')))


def test_the_materials_column_is_optional_and_turns_the_checklist_on_for_every_row():
    ready, empty = example_row(), example_row()
    ready["materials"] = "business-licence  domain-certificate,verification-form"
    empty["materials"] = ""
    header = filing_io.columns(2, materials=True)
    assert header[-1] == "materials" and header[:-1] == filing_io.columns(2)
    first, second = filing_io.read_csv(io.StringIO(csv_text([ready, empty], header)))
    assert first.data == {
        **filing.example(),
        "materials": ["business-licence", "domain-certificate", "verification-form"],
    }
    assert second.data["materials"] == []  # the column is there: an empty cell means nothing is ready yet
    assert filing.report(first.data)["materials"] == {"ready": 3, "total": 7}
    assert filing.report(second.data)["materials"] == {"ready": 0, "total": 7}
    (without,) = filing_io.read_csv(io.StringIO(csv_text([example_row()])))
    assert "materials" not in without.data and "materials" not in filing.report(without.data)


def test_a_misspelt_materials_column_is_refused_and_the_message_names_the_right_one():
    expected = (
        r"column\(s\): material; .*, website1_pic_legal_representative \(website2_…, .* websites\), "
        r"materials \(optional\)$"
    )
    with pytest.raises(filing_io.FormatError, match=expected):
        list(filing_io.read_csv(io.StringIO("entity_type,material\nenterprise,business-licence\n")))


def test_a_csv_row_typed_in_chinese_and_traditional_script_reads_as_the_example():
    """A spreadsheet filled in as the provider consoles name things: 企业, 营业执照, 身份证, 廣東省 (traditional,
    OpenCC's STCharacters.txt for 广东省). It is the example filing, and as clean."""
    row = example_row()
    row.update(
        {
            "entity_type": "企业",
            "entity_document_type": "营业执照",
            "entity_province": "廣東省",
            "entity_pic_document_type": "身份证",
            "website1_pic_document_type": "居民身份证",
            "website2_pic_document_type": "居民身份證",
        }
    )
    (record,) = filing_io.read_csv(io.StringIO(csv_text([row])))
    assert filing.report(record.data)["findings"] == []


def test_a_line_break_inside_a_quoted_csv_name_is_reported_where_it_is():
    """A cell with Alt+Enter in it (a quoted CSV value over two lines): the name is reported, not joined."""
    row = example_row()
    row.update({"entity_name": "深圳市示例\n科技有限公司", "website1_name": "示例科技\r\n官网"})
    (record,) = filing_io.read_csv(io.StringIO(csv_text([row])))
    assert [(f["field"], f["code"]) for f in filing.report(record.data)["findings"]] == [
        ("entity.name", "FILING_NAME_LINE_BREAK"),
        ("websites[0].name", "NAME_LINE_BREAK"),
    ]
