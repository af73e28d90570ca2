import http.server
import io
import json
import re
import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import ClassVar

import pytest

import chinese_text
from checker import catalogue, filing, filing_io, remediation
from checker.cli import main
from local_http import http_servers
from test_filing_io import csv_text, example_row


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_field_json_has_exactly_the_documented_shape():
    status, out, _ = run("field", "mobile", "+86 170 1234 5678", "--format", "json")
    assert status == 0
    assert json.loads(out) == {
        "kind": "mobile",
        "input": "+86 170 1234 5678",
        "normalized": "17012345678",
        "ok": True,
        "findings": [
            {
                "code": "MOBILE_VIRTUAL",
                "severity": "warning",
                "item": 2,
                "field": "mobile",
                "message": json.loads(out)["findings"][0]["message"],
                "fix": json.loads(out)["findings"][0]["fix"],
                "page": "inspected-items/contact/",
            }
        ],
    }  # the one shape of a finding, as the self-check's report has it (checker.exceptions.Finding.to_data)


def test_an_invalid_value_exits_1_with_the_error():
    status, out, _ = run("field", "resident-id", "110105194912310021", "--format", "json")
    result = json.loads(out)
    assert status == 1 and result["ok"] is False and result["normalized"] is None
    assert result["findings"][0]["code"] == "RIC_CHECKSUM"


def test_text_output_in_chinese():
    status, out, _ = run("field", "landline", "0755-8888888", "--lang", "zh")
    assert status == 1
    assert "未通过" in out and "LANDLINE_LOCAL_LENGTH" in out and "深圳" in out


def test_filing_numbers_as_fields():
    """The README's examples: an ICP filing number (Huawei Cloud's, ../shared/reference/provincial-rules-sources.md
    §4.1) and a public-security filing number whose short name is another province's, as seen on real websites
    (§4.3): a warning, exit 0."""
    status, out, _ = run("field", "icp-number", "京icp备04000001-2a", "--format", "json")
    result = json.loads(out)
    assert status == 0 and result["normalized"] == "京ICP备04000001号-2A"
    assert [f["code"] for f in result["findings"]] == ["ICP_NUMBER_WRITTEN"]
    status, out, _ = run("field", "psb-number", "渝公网安备 33010002000078号", "--lang", "zh")
    assert status == 0 and "PSB_NUMBER_PROVINCE_MISMATCH" in out and "重庆市" in out and "浙江省" in out
    assert chinese_text.problems(out.split(":", 2)[-1]) == []
    status, out, _ = run("field", "icp-number", "港ICP备12345678号")
    assert status == 1 and "ICP_NUMBER_NOT_MAINLAND" in out


@pytest.mark.parametrize(
    "argv", [["field", "visa", "1"], ["field", "mobile"], [], ["field", "mobile", "1", "--lang", "fr"]]
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2


def test_explain():
    status, out, _ = run("explain", "ric_checksum", "--lang", "zh")
    assert status == 0 and "身份证" in out and "zh/inspected-items/entity/" in out and "错误" in out
    status, out, _ = run("explain", "RIC_UNDER_18")
    assert status == 0 and "warning" in out and "The holder is …" in out and "Fix: " in out
    status, _, err = run("explain", "NOPE_CODE")
    assert status == 2 and "unknown finding code" in err


@pytest.mark.skipif(sys.platform == "emscripten", reason="runs the installed script in a subprocess")
def test_installed_script_runs():
    script = Path(sys.executable).parent / "icp-check"  # [project.scripts], installed by `make test`
    result = subprocess.run([str(script), "field", "uscc", "91110000600037341L"], capture_output=True, text=True)
    assert result.returncode == 0 and "ok" in result.stdout


@pytest.fixture
def files(tmp_path):
    good, bad = example_row(), example_row()
    bad["website1_pic_mobile"] = "123"
    (tmp_path / "ok.csv").write_text(csv_text([good, good]), encoding="utf-8")
    (tmp_path / "mixed.csv").write_text(csv_text([good, bad]), encoding="gb18030")
    (tmp_path / "one.json").write_text(json.dumps(filing.example(), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "columns.csv").write_text("entity_type,moblie\n", encoding="utf-8")
    return tmp_path


def test_validate_ok_files_exit_0_with_a_summary(files):
    status, out, _ = run("validate", str(files / "ok.csv"), str(files / "one.json"))
    assert status == 0
    assert out.splitlines()[-1] == "3 filings: 3 ok, 0 not ok; 0 errors, 0 warnings, 0 notes"


def test_validate_reports_each_filing_and_exits_1(files):
    status, out, _ = run("validate", str(files / "mixed.csv"), "--lang", "zh")
    assert status == 1
    assert "mixed.csv:3 深圳市示例科技有限公司 — 未通过" in out
    assert "websites[0].pic.mobile" in out and out.splitlines()[-1].startswith("共 2 份备案：1 份通过，1 份未通过")
    # The field in words first, in the report's language (checker.field_names), then the path that finds it in a
    # JSON file: a Chinese reader is not left with an ASCII path alone.
    assert " 网站1负责人的手机号码（websites[0].pic.mobile）: " in out
    _, english, _ = run("validate", str(files / "mixed.csv"))
    assert " the mobile number of the person in charge of website 1 (websites[0].pic.mobile): " in english


def test_validate_json_lines_output(files):
    status, out, _ = run("validate", str(files / "mixed.csv"), "--format", "json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1 and len(lines) == 3
    assert [(x["index"], x["line"], x["ok"]) for x in lines[:2]] == [(1, 2, True), (2, 3, False)]
    assert lines[1]["findings"][0]["field"] == "websites[0].pic.mobile" and lines[1]["findings"][0]["fix"]
    assert lines[2] == {
        "summary": {"filings": 2, "ok": 1, "not_ok": 1, "error": 1, "warning": 0, "info": 0, "unreadable_files": 0}
    }


def test_a_file_that_cannot_be_read_is_a_usage_error_and_the_others_are_still_checked(files):
    status, out, err = run(
        "validate",
        str(files / "broken.json"),
        str(files / "columns.csv"),
        str(files / "missing.csv"),
        str(files / "ok.csv"),
    )
    assert status == 2
    assert "broken.json: not valid JSON" in err and "unknown column(s): moblie" in err
    assert "missing.csv: No such file or directory" in err
    assert "2 filings: 2 ok" in out


@pytest.mark.skipif(sys.platform == "emscripten", reason="runs the installed script in a subprocess")
def test_validate_reads_standard_input(files):
    script = Path(sys.executable).parent / "icp-check"
    result = subprocess.run(
        [str(script), "validate", "-", "--format", "json"], capture_output=True, input=(files / "one.json").read_bytes()
    )
    assert result.returncode == 0 and json.loads(result.stdout.splitlines()[0])["ok"] is True


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_on_a_terminal_and_is_cleared(tmp_path):
    (tmp_path / "many.json").write_text(json.dumps([filing.example()] * 2000), encoding="utf-8")
    out, err = io.StringIO(), Terminal()
    assert main(["validate", str(tmp_path / "many.json"), "--format", "json"], out=out, err=err) == 0
    assert "\r1,000 filings checked" in err.getvalue() and "\r2,000 filings checked" in err.getvalue()
    assert err.getvalue().endswith("\r\033[K")
    quiet = io.StringIO()  # not a terminal: no progress
    main(["validate", str(tmp_path / "many.json"), "--format", "json"], out=io.StringIO(), err=quiet)
    assert quiet.getvalue() == ""


# --- access: against a real HTTP server in this process, serving canned DoH JSON answers --------------------------

NO_SOCKETS = pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide has no sockets or threads")


class DoHHandler(http.server.BaseHTTPRequestHandler):
    """Answers GET /resolve?name=…&type=… from the class's `answers` ((name, type) → JSON, or an int: that HTTP
    status); NXDOMAIN for the rest. Each request's path and Accept header are kept in `seen`."""

    answers: ClassVar[dict] = {}
    seen: ClassVar[list] = []

    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        self.seen.append((self.path, self.headers["Accept"]))
        answer = self.answers.get((query["name"][0], query["type"][0]), {"Status": 3})
        status, body = (answer, b"") if isinstance(answer, int) else (200, json.dumps(answer).encode())
        self.send_response(status)
        self.send_header("Content-Type", "application/dns-json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def doh():
    """Start a DoH server with the given answers; its URL and the requests it saw."""

    def at_resolve(url: str, seen: list) -> tuple[str, list]:
        return url + "/resolve", seen

    with http_servers() as start:
        yield lambda answers: at_resolve(*start(DoHHandler, answers=answers))


def dns(name, kind, data):
    return {
        "Status": 0,
        "Answer": [{"name": f"{name}.", "type": {"A": 1, "AAAA": 28, "CNAME": 5}[kind], "TTL": 60, "data": data}],
    }


@NO_SOCKETS
def test_access_passes_and_sends_only_the_names(doh):
    url, seen = doh(
        {
            ("example.com", "A"): dns("example.com", "A", "1.12.0.1"),
            ("www.example.com", "A"): dns("www.example.com", "CNAME", "cdn.example.net."),
            ("cdn.example.net", "A"): dns("cdn.example.net", "A", "1.12.0.2"),
        }
    )
    status, out, _ = run("access", "https://www.Example.com/", "--doh", url)
    assert status == 0
    assert "example.com — pass" in out and "www.example.com A → cdn.example.net: 1.12.0.2 (on Tencent Cloud)" in out
    assert "i ACCESS_PASS" in out and "(2026-10-05)" in out
    assert sorted(seen) == sorted(
        (f"/resolve?name={name}&type={kind}", "application/dns-json")
        for name, kind in [
            ("example.com", "A"),
            ("example.com", "AAAA"),
            ("www.example.com", "A"),
            ("www.example.com", "AAAA"),
            ("cdn.example.net", "A"),
        ]
    )


@NO_SOCKETS
def test_access_fails_a_domain_elsewhere_and_reports_json(doh):
    url, _ = doh(
        {
            ("example.com", "A"): dns("example.com", "A", "1.12.0.1"),
            ("example.org", "AAAA"): dns("example.org", "AAAA", "2001:4860:4860::8888"),
        }
    )
    status, out, _ = run("access", "example.com", "example.org", "--doh", url, "--format", "json", "--lang", "zh")
    report = json.loads(out)
    assert status == 1
    assert report["counts"] == {"pass": 1, "fail": 1, "unknown": 0} and report["provider"]["name"] == "腾讯云"
    assert (
        report["domains"][1]["findings"][0]["message"]
        == "example.org 解析到的以下IP地址不在腾讯云的IP地址段内：2001:4860:4860::8888。"
    )


@NO_SOCKETS
def test_access_against_another_provider(doh):
    url, _ = doh({("example.com", "A"): dns("example.com", "A", "101.132.0.1")})
    assert run("access", "example.com", "--doh", url, "--provider", "alibaba-cloud")[0] == 0
    status, out, _ = run("access", "example.com", "--doh", url)
    assert status == 1 and "101.132.0.1 (not on Tencent Cloud)" in out


@NO_SOCKETS
def test_access_is_unknown_when_the_endpoint_errs(doh):
    url, _ = doh(
        {
            ("example.com", "A"): 502,
            ("example.com", "AAAA"): dns("example.com", "AAAA", "2402:4e00::1"),
            ("www.example.com", "A"): dns("www.example.com", "A", "{0}"),
        }
    )
    status, out, _ = run("access", "example.com", "--doh", url)
    assert status == 3 and "example.com — could not be decided" in out
    assert (
        "ACCESS_LOOKUP_FAILED: example.com (A) could not be looked up: the lookup service answered with HTTP status 502"
    ) in out
    assert "www.example.com A: could not be decided (a record of type 1 has an invalid name or data: “{0}”)" in out
    # In Chinese, the reasons are Chinese too: no English error, no field path (tests/chinese_text.py).
    status, out, _ = run("access", "example.com", "--doh", url, "--lang", "zh")
    assert status == 3 and "无法查询 example.com 的A记录：查询服务返回了HTTP状态码502。" in out
    assert "（类型编号为1的解析记录名称或数据无效：“{0}”）" in out
    assert [line for line in out.splitlines() if "无法" in line and chinese_text.problems(line)] == []


@NO_SOCKETS
def test_access_is_unknown_when_the_endpoint_never_answers():
    with socket.socket() as silent:  # accepts connections (the kernel does) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/resolve"
        status, out, _ = run("access", "example.com", "--doh", url, "--timeout", "0.2", "--format", "json")
    report = json.loads(out)
    assert status == 3 and report["counts"]["unknown"] == 1
    assert {name["detail"] for name in report["domains"][0]["names"]} == {"no answer within 0.2 seconds"}


@NO_SOCKETS
def test_access_is_unknown_when_nothing_listens():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/resolve"  # bound, not listening: refused
        status, out, _ = run("access", "example.com", "--doh", url)
        assert status == 3 and "the lookup service could not be reached" in out
        status, out, _ = run("access", "example.com", "--doh", url, "--lang", "zh")
    assert status == 3 and "无法连接到查询服务" in out and "Connection refused" not in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["access", "bad_name.com"], "bad_name.com: “bad_name” is not a valid part"),
        (["access", "example.com", "--doh", "example.org/resolve"], "is not an http:// or https:// URL"),
        (["access", "example.com", "--timeout", "0"], "is not a number of seconds"),
        (["access", "example.com", "--provider", "aws"], "invalid choice: 'aws'"),
    ],
)
def test_access_usage_errors_exit_2(argv, message, capsys):
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, out=out, err=err) == 2
    assert message in err.getvalue() + capsys.readouterr().err and out.getvalue() == ""


# --- wizard: the remediation tree (checker.remediation) -------------------------------------------------------------


def wizard(*argv: str, stdin: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["wizard", *argv], out=out, err=err, stdin=stdin or io.StringIO())
    return status, out.getvalue(), err.getvalue()


def test_wizard_prints_the_plan_of_an_answer_string_as_markdown():
    status, out, err = wizard("--answers", "within.yes.contact.yes")
    assert status == 0 and err == ""
    assert out.startswith("# Verify the contact numbers yourself\n")
    assert "- [ ] Click Get verification code" in out and "(phone_check_url)" in out
    assert "[Contact self-verification](contact-self-check/)" in out
    status, out, _ = wizard("--answers", "within.entity-gone", "--lang", "zh")
    assert status == 0 and out.startswith("# 注销主体\n") and "> **注意**：部分域名" in out


def test_wizard_markdown_with_the_site_url_is_the_pages_download():
    status, out, _ = wizard("--answers", "within.entity-gone", "--lang", "zh", "--site-url", "https://kb.example/")
    tree = remediation.default_tree()
    plan = tree.plan(
        ["within", "entity-gone"],
        "zh",
        page_url=lambda path, lang: "https://kb.example/" + catalogue.site_path(path, lang),
    )
    assert status == 0
    assert out == remediation.plan_markdown(plan, "https://kb.example/zh/remediation/?a=within.entity-gone")


def test_wizard_json_plan_with_a_configuration_and_the_site_url(tmp_path):
    config = tmp_path / "extra.json"
    config.write_text(
        json.dumps(
            {
                "provider": {
                    "name": {"en": "Example Cloud", "zh": "示例云"},
                    "console_url": "https://console.example.com/icp",
                }
            }
        ),
        encoding="utf-8",
    )
    status, out, _ = wizard(
        "--answers",
        "after.access-cancelled.no.nothing",
        "--format",
        "json",
        "--lang",
        "zh",
        "--config",
        str(config),
        "--site-url",
        "https://kb.example/",
    )
    plan = json.loads(out)
    assert status == 0 and plan["outcome"] == "first-filing" and plan["lang"] == "zh"
    links = {link["target"]: link["url"] for step in plan["steps"] for link in step["links"]}
    assert links["provider:console_url"] == "https://console.example.com/icp"
    assert links["page:self-check"] == "https://kb.example/zh/self-check/"
    assert links["provider:provincial_rules_url"] is None  # not in this configuration
    assert "示例云" in plan["steps"][3]["text"] and plan["answers"][0]["option_text"] == "已经结束了"


def test_wizard_answers_that_stop_at_a_question_print_it_and_exit_3():
    status, out, _ = wizard("--answers", "after")
    assert status == 3
    assert out.startswith("## What happened to the filing after the period ended?")
    assert "- `access-cancelled`: Access was cancelled by your access provider" in out
    status, out, _ = wizard("--answers", "", "--format", "json", "--lang", "zh")
    question = json.loads(out)
    assert status == 3 and question["question"]["id"] == "notice" and question["answer_string"] == ""
    assert [option["id"] for option in question["question"]["options"]] == ["within", "after", "unsure"]
    status, out, _ = wizard("--answers", "after.unsure")
    assert status == 3 and "→ [MIIT's filing query site](https://beian.miit.gov.cn/)" in out


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("within.maybe", "“Do you still need this filing?” has no answer 'maybe'."),
        ("within.entity-gone.yes", "Too many answers: the plan was reached after 2."),
        ("within..yes", "An empty answer is not an answer"),
        ("WITHIN", "'WITHIN' is not an answer: answers are lower-case letters, digits and hyphens."),
    ],
)
def test_wizard_bad_answer_strings_exit_2_with_the_message(answers, message):
    status, out, err = wizard("--answers", answers)
    assert status == 2 and out == "" and err.startswith("icp-check: ") and message in err
    status, _, err = wizard("--answers", answers, "--lang", "zh")
    assert status == 2 and re.search(r"[\u4e00-\u9fff]", err)


def test_wizard_bad_configuration_exits_2(tmp_path):
    (tmp_path / "bad.json").write_text("[1]", encoding="utf-8")
    status, _, err = wizard("--answers", "unsure", "--config", str(tmp_path / "bad.json"))
    assert status == 2 and "expected an object" in err
    status, _, err = wizard("--answers", "unsure", "--config", str(tmp_path / "missing.json"))
    assert status == 2 and "missing.json" in err


def test_wizard_graph_is_a_mermaid_flowchart():
    status, out, _ = wizard("--graph", "--lang", "zh")
    assert status == 0 and out.startswith("flowchart TD\n")
    assert 'n_notice{"核查通知中给出的整改期结束了吗？"}' in out
    assert 'n_notice -->|"我不确定"| n_check_status' in out
    assert main(["wizard", "--graph", "--answers", "x"], out=io.StringIO(), err=io.StringIO()) == 2


def test_wizard_without_a_terminal_or_answers_is_a_usage_error():
    status, out, err = wizard(stdin=io.StringIO("1\n"))
    assert status == 2 and out == "" and "--answers" in err


def test_wizard_asks_one_question_at_a_time_on_a_terminal():
    # within → (b: back to the first question) → within → yes → "nine" (not an option) → contact (by id) → 2
    status, out, _ = wizard(stdin=Terminal("1\nb\n1\n1\nnine\ncontact\n2\n"))
    assert status == 0
    assert out.count("1. Has the rectification period given in your inspection notice ended?") == 2
    assert "'nine' is not one of the options." in out and "  3) I don't know" in out
    assert "# Submit a change filing for the numbers or the person in charge" in out
    assert out.rstrip().endswith("`within.yes.contact.changed`")


def test_wizard_on_a_terminal_back_at_the_start_quit_and_end_of_input():
    status, out, _ = wizard("--lang", "zh", stdin=Terminal("b\nQ\n"))
    assert status == 3 and "这已经是第一个问题。" in out and "# " not in out
    status, out, _ = wizard(stdin=Terminal("2\n"))  # input ends at the second question: like quitting
    assert status == 3 and "2. What happened to the filing after the period ended?" in out


# --- what a file brings along: never refused whole, never printed raw (review of issue 12) ----------------------


def test_an_excel_csv_is_checked_row_by_row(tmp_path):
    """Trailing empty columns and one stray value (items 4): before, the file was refused whole (exit 2)."""
    from test_filing_io import excel_csv

    (tmp_path / "excel.csv").write_text(excel_csv([example_row()] * 2), encoding="utf-8-sig")
    status, out, err = run("validate", str(tmp_path / "excel.csv"))
    assert (status, err) == (0, "") and "2 filings: 2 ok" in out
    lines = excel_csv([example_row()] * 3).splitlines()
    lines[2] += "a note"  # row 2 (line 3) has a value in the last of three columns without a heading
    column = len(filing_io.columns(2)) + 3
    (tmp_path / "note.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, err = run("validate", str(tmp_path / "note.csv"))
    assert (status, err) == (0, "") and "3 filings: 3 ok, 0 not ok; 0 errors, 1 warnings" in out
    assert (
        f"note.csv:3 深圳市示例科技有限公司 — ok\n  ! FILING_CSV_EXTRA_CELL column {column}: "
        f"Column {column} has no heading" in out
    )


def test_text_output_escapes_control_and_bidirectional_characters(tmp_path):
    """Item 13: an escape sequence (ECMA-48: ESC [ … m colours, ESC [ 2 J clears the screen) or U+202E RIGHT-TO-LEFT
    OVERRIDE (UnicodeData.txt) from the input reached the terminal as it was."""
    status, out, _ = run("field", "domain", "exa\x1b[31mRED\x1b[0mmple.com")
    assert status == 1 and "exa\\x1b[31mRED\\x1b[0mmple.com" in out
    row = {**example_row(), "entity_name": "深圳\x1b[2J示例\u202e科技\r有限公司"}
    (tmp_path / "esc.csv").write_text(csv_text([row]), encoding="utf-8")
    for lang in ("en", "zh"):
        status, out, _ = run("validate", str(tmp_path / "esc.csv"), "--lang", lang)
        assert status == 1 and "esc.csv:2 深圳\\x1b[2J示例<U+202E>科技\\r有限公司 — " in out
        assert not any(char in out for char in "\x1b\u202e\r")
    status, out, _ = run("validate", str(tmp_path / "esc.csv"), "--format", "json")
    assert not any(char in out for char in "\x1b\u202e\r")
    assert json.loads(out.splitlines()[0])["findings"][0]["code"] == "INVALID_HIDDEN_CHARACTER"


def test_a_lone_surrogate_is_an_error_and_every_output_can_be_written(tmp_path):
    """Item 7: JSON may carry "\\ud800", a surrogate (general category Cs in UnicodeData.txt: not a character;
    Python's UTF-8 codec cannot encode it). Before: text output crashed with UnicodeEncodeError, JSON output said
    "ok": true with no finding."""
    (tmp_path / "s.json").write_text(
        json.dumps({**filing.example(), "entity": {**filing.example()["entity"], "name": "\ud800abc"}}),
        encoding="utf-8",
    )
    status, out, _ = run("validate", str(tmp_path / "s.json"))
    out.encode("utf-8")
    assert status == 1 and "s.json:1 <U+D800>abc — not ok" in out
    assert "U+D800 (a lone surrogate, not a character) at the start" in out
    status, out, _ = run("validate", str(tmp_path / "s.json"), "--format", "json", "--lang", "zh")
    out.encode("utf-8")
    result = json.loads(out.splitlines()[0])
    assert status == 1 and result["ok"] is False
    assert [(f["field"], f["code"]) for f in result["findings"]] == [("entity.name", "INVALID_HIDDEN_CHARACTER")]
    status, out, _ = run("field", "website-name", "示例\udcff官网", "--format", "json")
    out.encode("utf-8")
    assert status == 1 and json.loads(out)["input"] == "示例\udcff官网"


def test_field_text_output_in_chinese_uses_chinese_severity_words():
    status, out, _ = run("field", "mobile", "17012345678", "--lang", "zh")
    assert status == 0 and "! 警告 MOBILE_VIRTUAL" in out and "warning" not in out
    status, out, _ = run("field", "mobile", "1701234567", "--lang", "zh")
    assert status == 1 and "✗ 错误 " in out and "error" not in out


def test_a_filing_that_is_not_an_object_is_named_as_the_filing(tmp_path):
    (tmp_path / "n.json").write_text("[3]", encoding="utf-8")
    status, out, _ = run("validate", str(tmp_path / "n.json"))
    assert status == 1 and "  ✗ FILING_NOT_AN_OBJECT: The filing should be a group of fields" in out


def test_deeply_nested_json_is_a_usage_error_for_its_file_only(files):
    """Item 6: before, a RecursionError traceback and exit 1, and the files after it unchecked."""
    (files / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    status, out, err = run("validate", str(files / "deep.json"), str(files / "ok.csv"))
    assert status == 2 and "deep.json: JSON nested too deeply" in err and "2 filings: 2 ok" in out


def test_a_workbook_or_undecodable_bytes_say_to_save_as_csv_and_utf_16_is_read(files):
    """A .xlsx is a zip file (ECMA-376 Part 2: it starts "PK\\x03\\x04"); bytes 0xFF 0xFF are neither UTF-8 nor
    GB18030 (no lead byte is 0xFF in either); UTF-16 with a BOM is what Python's codec writes."""
    (files / "sheet.xlsx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200))
    (files / "bad.csv").write_bytes(csv_text([example_row()]).encode("gb18030") + b"\xff\xff\n")
    (files / "u16.csv").write_bytes(csv_text([example_row()]).encode("utf-16"))
    status, out, err = run("validate", str(files / "sheet.xlsx"), str(files / "bad.csv"), str(files / "u16.csv"))
    assert status == 2 and "codec" not in err
    assert "sheet.xlsx: this is an Excel workbook (.xlsx)" in err and "save the sheet as CSV" in err
    assert "bad.csv: not text in UTF-8 or GB18030 (the bytes ff ff" in err
    assert "u16.csv:2 深圳市示例科技有限公司 — ok" in out and "1 filings: 1 ok" in out


@pytest.mark.skipif(sys.platform == "emscripten", reason="runs the installed script in a subprocess")
def test_output_piped_into_head_stops_quietly(tmp_path):
    """Item 5: `icp-check validate … | head -1` ended in a BrokenPipeError traceback. Now it stops quietly with
    status 141 (128 + SIGPIPE, what a shell reports for a Unix tool stopped by it)."""
    data = filing.example()
    data["entity"]["pic"]["mobile"] = "123"
    (tmp_path / "many.json").write_text(json.dumps([data] * 1500), encoding="utf-8")
    script = Path(sys.executable).parent / "icp-check"
    with subprocess.Popen(
        [str(script), "validate", str(tmp_path / "many.json"), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert json.loads(process.stdout.readline())["index"] == 1
        process.stdout.close()  # as head does after its line
        stderr = process.stderr.read()
        assert (process.wait(timeout=60), stderr) == (141, b"")


@pytest.mark.parametrize(
    "environ, lang",
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_TW"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_the_help_is_in_the_language_of_the_environment(environ, lang):
    """gettext's order: LC_ALL, then LC_MESSAGES, then LANG (the first that is set wins)."""
    from checker.cli._output import help_language

    assert help_language(environ) == lang


def test_the_help_in_chinese_names_every_command_in_chinese(monkeypatch, capsys):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    assert "离线检查ICP备案信息" in text and "整改向导" not in text and "逐题回答" in text
