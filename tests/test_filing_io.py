import codecs
import csv
import io
import json

import pytest

from checker import filing, filing_io


def example_row(websites: int = 2) -> dict[str, str]:
    """The example filing as a CSV row."""
    data = filing.example()
    entity, row = data["entity"], {}
    row.update({"entity_type": entity["type"], "entity_name": entity["name"], "entity_province": entity["province"],
                "entity_document_type": entity["document"]["type"],
                "entity_document_number": entity["document"]["number"],
                "entity_emergency_contact": entity["emergency_contact"]})

    def person(prefix, p):
        row.update({prefix + "name": p["name"], prefix + "document_type": p["document"]["type"],
                    prefix + "document_number": p["document"]["number"], prefix + "mobile": p["mobile"],
                    prefix + "landline": p["landline"], prefix + "email": p["email"]})

    person("entity_pic_", entity["pic"])
    for n, site in enumerate(data["websites"][:websites], start=1):
        row.update({f"website{n}_name": site["name"], f"website{n}_domains": " ".join(site["domains"]),
                    f"website{n}_content": " ".join(site["content"])})
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


def test_a_row_with_too_many_cells_is_refused_with_its_line():
    with pytest.raises(filing_io.FormatError, match="line 3"):
        list(filing_io.read_csv(io.StringIO("entity_type,entity_name\na,b\na,b,c\n")))


def test_an_empty_file_has_no_filings():
    assert list(filing_io.read_csv(io.StringIO(""))) == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_spreadsheet_encodings(encoding):
    binary = io.BufferedReader(io.BytesIO(csv_text([example_row()]).encode(encoding)))
    (record,) = filing_io.read_csv(filing_io.decode(binary))
    assert record.data["entity"]["name"] == "深圳市示例科技有限公司"


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


@pytest.mark.parametrize("name, content, expected", [
    ("a.csv", b"{", "csv"), ("a.JSON", b"x", "json"), ("a.ndjson", b"", "jsonl"), ("a.jsonl", b"", "jsonl"),
    ("-", b"  [1]", "json"), ("-", codecs.BOM_UTF8 + b"{}", "json"), ("-", b"entity_type\n", "csv"),
])
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
    assert first.data == {**filing.example(), "materials": ["business-licence", "domain-certificate",
                                                            "verification-form"]}
    assert second.data["materials"] == []  # the column is there: an empty cell means nothing is ready yet
    assert filing.report(first.data)["materials"] == {"ready": 3, "total": 7}
    assert filing.report(second.data)["materials"] == {"ready": 0, "total": 7}
    (without,) = filing_io.read_csv(io.StringIO(csv_text([example_row()])))
    assert "materials" not in without.data and "materials" not in filing.report(without.data)


def test_a_misspelt_materials_column_is_refused_and_the_message_names_the_right_one():
    expected = r"column\(s\): material; .*, website1_pic_email \(website2_…, .* websites\), materials \(optional\)$"
    with pytest.raises(filing_io.FormatError, match=expected):
        list(filing_io.read_csv(io.StringIO("entity_type,material\nenterprise,business-licence\n")))
