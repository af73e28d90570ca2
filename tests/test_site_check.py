"""The footer check (`checker.footer`) and its door, ``icp-check site`` (`checker.cli.site`).

The rule and the numbers' forms come from ../shared/reference/provincial-rules-sources.md: §1.2 (UCloud, every
province: "已备案网站主页底部的中央位置标明其备案编号…并将备案编号按要求链接工业和信息化部备案管理系统网站：
https://beian.miit.gov.cn"), §4.1 (ICP备案号, with the real numbers quoted there), §4.2 (licences: Tencent's footer
"ICP备案/许可证号:粤B2-20090059" and "京ICP证150476号") and §4.3 (公安备案号: Tencent's footer
"粤公网安备44030502008569号", the brief's "京公网安备 11010502000001号", and the two link forms). The HTML around
the quoted strings is handwritten: the reference quotes the footers' text, not their markup.

The door is tested against real HTTP servers on 127.0.0.1 (port 0), which count every request they see.
"""

from __future__ import annotations

import http.server
import io
import json
import socket
import sys
import threading
from typing import ClassVar

import pytest

from checker import footer
from checker.cli import main
from local_http import http_servers

MIIT = "https://beian.miit.gov.cn/"
PSB_OLD = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44030502008569"  # §4.3, the old link form
PSB_NEW = "https://beian.mps.gov.cn/#/query/webSearch?code=44030502008569"  # §4.3, the new one


def codes(html: str, **options) -> list[str]:
    return [finding.code for finding in footer.check_homepage(html, **options)]


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body><main>Hello</main>{body}</body></html>"


GOOD_FOOTER = (
    "<footer style='text-align:center'>© 2026 示例科技有限公司 版权所有"
    f" <a href='{MIIT}' target='_blank'>京ICP备2021033841号-2</a>"  # a real number (§4.1)
    f" <a href='{PSB_NEW}' target='_blank'><img src='/psb.png'>粤公网安备44030502008569号</a></footer>"
)


# --- checker.footer: the page's HTML --------------------------------------------------------------------------------


def test_a_good_footer_passes():
    findings = footer.check_homepage(page(GOOD_FOOTER))
    assert [(finding.code, finding.params) for finding in findings] == [
        ("FOOTER_ICP_LINKED", {"number": "京ICP备2021033841号-2", "link": MIIT}),
        ("FOOTER_PSB_LINKED", {"number": "粤公网安备44030502008569号", "link": PSB_NEW}),
    ]
    assert footer.verdict(findings) == "pass"


@pytest.mark.parametrize(
    "number",
    # §4.1: every real number quoted in the reference, old 8-digit and new 10-digit, with and without a website's -n
    [
        "京ICP备19032652号-3",
        "豫ICP备2020028892号-1",
        "蜀ICP备19034464号",
        "黔ICP备2026001006号",
        "桂ICP备2026011230号-2A",
    ],
)
def test_the_reference_numbers_are_found_inside_a_link(number):
    numbers = footer.shown_numbers(footer.read_page(page(f"<footer><a href='{MIIT}'>{number}</a></footer>")))
    assert numbers == [footer.Shown("icp", number, MIIT)]


@pytest.mark.parametrize(
    "href", ["http://beian.miit.gov.cn", "https://beian.miit.gov.cn/#/Integrated/index", "//beian.miit.gov.cn/"]
)
def test_any_path_and_either_scheme_of_the_miit_link_counts(href):
    assert codes(page(f"<a href='{href}'>京ICP备19032652号-3</a>"))[0] == "FOOTER_ICP_LINKED"


def test_a_number_next_to_the_link_counts_and_one_further_away_does_not():
    beside = page(f"<footer>京ICP备19032652号-3 | <a href='{MIIT}'>工信部备案管理系统</a></footer>")
    assert codes(beside)[0] == "FOOTER_ICP_LINKED"
    label = page(f"<footer><a href='{MIIT}'>备案号：</a>京ICP备19032652号-3</footer>")
    assert codes(label)[0] == "FOOTER_ICP_LINKED"
    apart = page(f"<footer>京ICP备19032652号-3 <span>联系我们 关于我们</span> <a href='{MIIT}'>工信部</a></footer>")
    assert codes(apart)[0] == "FOOTER_NOT_LINKED"


def test_a_number_missing_fails():
    findings = footer.check_homepage(page("<footer>© 2026 示例科技有限公司</footer>"))
    assert [finding.code for finding in findings] == ["FOOTER_NO_NUMBER", "FOOTER_PSB_MISSING"]
    assert footer.verdict(findings) == "fail"


def test_a_number_shown_but_not_linked_fails():
    findings = footer.check_homepage(page("<footer><p>京ICP备19032652号-3</p></footer>"))
    assert findings[0].code == "FOOTER_NOT_LINKED" and findings[0].params == {"number": "京ICP备19032652号-3"}
    assert footer.verdict(findings) == "fail"


def test_a_number_linked_somewhere_else_fails_and_names_the_link():
    old = "http://www.miitbeian.gov.cn/"
    findings = footer.check_homepage(page(f"<a href='{old}'>京ICP备19032652号-3</a>"))
    assert (findings[0].code, findings[0].params["link"]) == ("FOOTER_LINKED_ELSEWHERE", old)


def test_a_link_without_a_number_fails():
    findings = footer.check_homepage(page(f"<footer><a href='{MIIT}'>工信部备案管理系统</a></footer>"))
    assert (findings[0].code, findings[0].params) == ("FOOTER_LINK_WITHOUT_NUMBER", {"text": "工信部备案管理系统"})


@pytest.mark.parametrize(
    "hiding",
    [
        "<!-- 京ICP备19032652号-3 -->",
        "<script>document.write('京ICP备19032652号-3')</script>",
        "<style>/* 京ICP备19032652号-3 */</style>",
        "<template><a href='https://beian.miit.gov.cn/'>京ICP备19032652号-3</a></template>",
    ],
)
def test_a_number_in_a_comment_or_a_script_only_is_not_shown(hiding):
    findings = footer.check_homepage(
        page(f"<footer>{hiding}© 2026</footer>", head="<title>京ICP备19032652号-3</title>")
    )
    assert (findings[0].code, findings[0].params) == ("FOOTER_NUMBER_HIDDEN", {"number": "京ICP备19032652号-3"})
    assert footer.verdict(findings) == "fail"


def test_tencents_footer_licences_are_licences_not_filing_numbers():
    # §4.2: "ICP备案/许可证号:粤B2-20090059" and "京ICP证150476号"; §4.3: "粤公网安备44030502008569号".
    html = page(
        "<footer><span>ICP备案/许可证号:粤B2-20090059</span> <span>京ICP证150476号</span>"
        f" <a href='{PSB_OLD}'>粤公网安备44030502008569号</a></footer>"
    )
    numbers = footer.shown_numbers(footer.read_page(html))
    assert [(shown.kind, shown.number) for shown in numbers] == [
        ("licence", "粤B2-20090059"),
        ("licence", "京ICP证150476号"),
        ("psb", "粤公网安备44030502008569号"),
    ]
    findings = footer.check_homepage(html)
    assert [finding.code for finding in findings] == [
        "FOOTER_LICENCE_ONLY",  # no ICP备 number among them: a warning, never a failure
        "FOOTER_LICENCE_SHOWN",
        "FOOTER_LICENCE_SHOWN",
        "FOOTER_PSB_LINKED",
    ]
    assert footer.verdict(findings) == "pass"


def test_public_security_numbers_with_a_space_and_the_links_they_carry():
    # §4.3: "京公网安备 11010502000001号" (a space before the digits) and the link's own code.
    shown = page("<footer>京公网安备 11010502000001号</footer>")
    assert "FOOTER_PSB_NOT_LINKED" in codes(shown)
    assert footer.shown_numbers(footer.read_page(shown))[0].number == "京公网安备11010502000001号"
    other = page(
        "<a href='http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=37010402000117'>"
        "京公网安备 11010502000001号</a>"
    )
    findings = footer.check_homepage(other)
    assert ("FOOTER_PSB_LINK_OTHER", {"number": "京公网安备11010502000001号", "linked": "37010402000117"}) in [
        (finding.code, finding.params) for finding in findings
    ]


def test_full_width_forms_and_entities_are_read_as_shown():
    html = page(f"<a href='{MIIT}'>京ＩＣＰ备１９０３２６５２号－３</a>&nbsp;|&nbsp;粤公网安备&#x20;44030502008569号")
    assert [shown.number for shown in footer.shown_numbers(footer.read_page(html))] == [
        "京ICP备19032652号-3",
        "粤公网安备44030502008569号",
    ]


def test_the_shown_number_against_the_filings():
    html = page(GOOD_FOOTER)
    assert "FOOTER_NUMBER_MATCHES" in codes(html, expected=["京ICP备2021033841号-2"])
    assert "FOOTER_NUMBER_MATCHES" in codes(html, expected=["京ICP备2021033841号"])  # the entity's number
    findings = footer.check_homepage(html, expected=["京ICP备2021033841号-1"])
    wrong = next(finding for finding in findings if finding.code == "FOOTER_NUMBER_MISMATCH")
    assert wrong.params == {"shown": "京ICP备2021033841号-2", "expected": "京ICP备2021033841号-1"}
    assert footer.verdict(findings) == "fail"
    entity_only = page(f"<a href='{MIIT}'>京ICP备2021033841号</a>")
    assert "FOOTER_ENTITY_NUMBER" in codes(entity_only, expected=["京ICP备2021033841号-2"])
    assert footer.verdict(footer.check_homepage(entity_only, expected=["京ICP备2021033841号-2"])) == "pass"


def test_a_number_typed_loosely_in_the_filing_matches_the_one_shown():
    """The filing's number as a filer may type it (lower-case icp, a space, no 号) is the number MIIT writes
    (checker.icp_number): it matches the footer's 京ICP备2021033841号-2, and its entity's number too."""
    html = page(GOOD_FOOTER)
    assert "FOOTER_NUMBER_MATCHES" in codes(html, expected=["京icp备 2021033841-2"])
    assert "FOOTER_NUMBER_MATCHES" in codes(html, expected=["京icp备2021033841"])
    assert "FOOTER_NUMBER_MISMATCH" in codes(html, expected=["京icp备 2021033841-1"])


def test_the_entity_named_or_not_is_a_note():
    html = page(GOOD_FOOTER)
    assert "FOOTER_ENTITY_NAMED" in codes(html, entity="示例科技有限公司")
    assert "FOOTER_ENTITY_NOT_NAMED" in codes(html, entity="另一家公司")
    assert footer.verdict(footer.check_homepage(html, entity="另一家公司")) == "pass"


def test_a_page_read_only_in_part_leaves_a_missing_number_undecided():
    findings = footer.check_homepage(page("<p>…</p>"), complete=False)
    assert [finding.code for finding in findings] == ["FOOTER_CUT_NO_NUMBER"]
    assert footer.verdict(findings) == "unknown"


@pytest.mark.parametrize(
    "body, content_type, text, codec",
    [
        ("<p>京ICP备</p>".encode("gbk"), "text/html; charset=GBK", "<p>京ICP备</p>", "gb18030"),
        ("<meta charset=gb2312><p>京</p>".encode("gbk"), "text/html", "<meta charset=gb2312><p>京</p>", "gb18030"),
        ("<p>京ICP备</p>".encode("gbk"), "text/html", "<p>京ICP备</p>", "gb18030"),  # undeclared GBK
        ("<p>京ICP备</p>".encode(), "", "<p>京ICP备</p>", "utf-8"),
        ("<p>京ICP备</p>".encode()[:-5], "text/html", "<p>京ICP", "utf-8"),  # cut inside 备: still UTF-8
        (b"\xef\xbb\xbf<p>ok</p>", "text/html; charset=gbk", "<p>ok</p>", "utf-8"),  # the byte order mark wins
    ],
)
def test_decode(body, content_type, text, codec):
    assert footer.decode(body, content_type) == (text, codec)


@pytest.mark.parametrize(
    "host, other, same",
    [
        ("www.example.com", "example.com", True),
        ("EXAMPLE.com", "example.com.", True),
        ("shop.example.com.cn", "www.example.com.cn", True),
        ("example.com", "example.org", False),
        ("example.com.cn", "other.com.cn", False),
        ("127.0.0.1", "127.0.0.1", True),
        ("127.0.0.1", "localhost", False),
        ("localhost", "localhost", True),
    ],
)
def test_same_site(host, other, same):
    assert footer.same_site(host, other) is same


# --- icp-check site: real servers ------------------------------------------------------------------------------------

NO_SOCKETS = pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide has no sockets or threads")


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers from the class's `routes` (path → (status, headers, body)); 404 for the rest. Every request's
    method and path is kept in `seen`."""

    routes: ClassVar[dict] = {}
    seen: ClassVar[list] = []

    def do_GET(self):
        self.seen.append(("GET", self.path))
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"<h1>404</h1>"))
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self):
        self.seen.append(("HEAD", self.path))
        self.send_response(405)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    """Start a server with the given routes: its base URL (http://127.0.0.1:port) and the requests it saw."""
    with http_servers() as start:
        yield lambda routes: start(Handler, routes=routes)


def html(text: str, charset: str = "utf-8") -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": f"text/html; charset={charset}"}, text.encode(charset)


def site(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["site", *argv], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def report(*argv: str) -> tuple[int, dict]:
    status, out, _ = site(*argv, "--json")
    return status, json.loads(out)


@NO_SOCKETS
def test_a_good_homepage_passes_with_exactly_one_request(serve):
    url, seen = serve({"/": html(page(GOOD_FOOTER))})
    status, out, _ = site(url)
    assert status == 0
    assert (
        f"{url}/ — pass" in out and "i FOOTER_ICP_LINKED: The page shows the filing number 京ICP备2021033841号-2" in out
    )
    assert seen == [("GET", "/")]  # no robots.txt, no favicon, no image, no HEAD: the page alone


@NO_SOCKETS
def test_a_bare_address_is_fetched_over_http_and_the_json_report(serve):
    url, seen = serve({"/": html(page(GOOD_FOOTER))})
    status, data = report(url.removeprefix("http://"), "--lang", "zh")
    assert status == 0 and data["counts"] == {"pass": 1, "fail": 0, "unknown": 0}
    result = data["sites"][0]
    assert result["url"] == f"{url}/" and result["status"] == 200 and result["charset"] == "utf-8"
    assert result["numbers"][0] == {"kind": "icp", "number": "京ICP备2021033841号-2", "link": MIIT, "other_link": ""}
    assert result["findings"][0]["message"] == f"页面展示了备案号 京ICP备2021033841号-2，并链接到 {MIIT}。"
    assert seen == [("GET", "/")]


@NO_SOCKETS
def test_missing_unlinked_and_link_only_pages_fail(serve):
    url, seen = serve(
        {
            "/missing": html(page("<footer>© 2026</footer>")),
            "/unlinked": html(page("<footer>京ICP备19032652号-3</footer>")),
            "/link-only": html(page(f"<footer><a href='{MIIT}'>工信部</a></footer>")),
            "/comment": html(page("<footer><!-- 京ICP备19032652号-3 --></footer>")),
        }
    )
    status, data = report(*(f"{url}{path}" for path in ("/missing", "/unlinked", "/link-only", "/comment")))
    assert status == 1 and data["counts"] == {"pass": 0, "fail": 4, "unknown": 0}
    assert [result["findings"][0]["code"] for result in data["sites"]] == [
        "FOOTER_NO_NUMBER",
        "FOOTER_NOT_LINKED",
        "FOOTER_LINK_WITHOUT_NUMBER",
        "FOOTER_NUMBER_HIDDEN",
    ]
    assert sorted(seen) == sorted(("GET", path) for path in ("/missing", "/unlinked", "/link-only", "/comment"))


@NO_SOCKETS
def test_a_wrong_number_against_the_filing_fails(serve, tmp_path):
    url, _ = serve({"/": html(page(GOOD_FOOTER))})
    filed = {
        "entity": {"name": "示例科技有限公司", "icp_number": "京ICP备2021033841号"},
        "websites": [{"domains": ["example.com"], "icp_number": "京ICP备2021033841号-1"}],
    }
    path = tmp_path / "filing.json"
    path.write_text(json.dumps(filed, ensure_ascii=False), encoding="utf-8")
    status, out, _ = site(url, "--filing", str(path))
    assert status == 1
    mismatch = "The page shows 京ICP备2021033841号-2, but the filing's number is 京ICP备2021033841号-1."
    assert f"✗ FOOTER_NUMBER_MISMATCH: {mismatch}" in out
    assert "i FOOTER_ENTITY_NAMED" in out
    filed["websites"][0]["icp_number"] = "京ICP备2021033841号-2"
    path.write_text(json.dumps(filed, ensure_ascii=False), encoding="utf-8")
    status, out, _ = site(url, "--filing", str(path))
    assert status == 0 and "i FOOTER_NUMBER_MATCHES" in out


@NO_SOCKETS
def test_an_unreadable_filing_is_a_usage_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    status, out, err = site("http://127.0.0.1:9/", "--filing", str(path))
    assert status == 2 and out == "" and "broken.json" in err
    status, _, err = site("http://127.0.0.1:9/", "--filing", str(tmp_path / "none.json"))
    assert status == 2 and "none.json" in err


@NO_SOCKETS
@pytest.mark.parametrize("declared", [True, False])
def test_a_gbk_page_is_read(serve, declared):
    body = page(f"<footer>示例 <a href='{MIIT}'>粤ICP备19034464号</a></footer>").replace("utf-8", "gbk")
    content_type = "text/html; charset=gbk" if declared else "text/html"
    url, _ = serve({"/": (200, {"Content-Type": content_type}, body.encode("gbk"))})
    status, data = report(url)
    assert status == 0 and data["sites"][0]["charset"] == "gb18030"
    assert data["sites"][0]["numbers"][0]["number"] == "粤ICP备19034464号"
    undeclared = page(f"<footer><a href='{MIIT}'>粤ICP备19034464号</a></footer>").replace("<meta charset='utf-8'>", "")
    url, _ = serve({"/": (200, {"Content-Type": "text/html"}, undeclared.encode("gbk"))})
    status, data = report(url)
    assert status == 0 and data["sites"][0]["charset"] == "gb18030"


@NO_SOCKETS
def test_a_page_larger_than_the_limit_is_read_in_part(serve):
    from checker.cli import site as door

    filler = "<p>" + "x" * 1000 + "</p>\n"
    big = page(
        filler * (door.PAGE_BYTES // len(filler) + 10) + f"<footer><a href='{MIIT}'>京ICP备19032652号-3</a></footer>"
    )
    url, seen = serve({"/": html(big)})
    status, data = report(url)
    result = data["sites"][0]
    assert status == 3 and result["complete"] is False and result["bytes"] == door.PAGE_BYTES
    assert [finding["code"] for finding in result["findings"]] == ["FOOTER_TRUNCATED", "FOOTER_CUT_NO_NUMBER"]
    assert result["findings"][0]["message"] == "The page is larger than 2 MiB; only its first 2 MiB were read."
    assert seen == [("GET", "/")]


@NO_SOCKETS
def test_a_server_that_never_answers_is_undecided():
    with socket.socket() as silent:  # accepts connections (the kernel does) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        status, data = report(url, "--timeout", "0.5")
    assert status == 3 and data["counts"]["unknown"] == 1
    assert data["sites"][0]["findings"][0]["code"] == "FOOTER_TIMEOUT"
    assert data["sites"][0]["findings"][0]["message"].startswith(f"{url} did not answer within 0.5 seconds.")


@NO_SOCKETS
def test_nothing_listening_is_undecided_in_either_language():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/"  # bound, not listening: refused
        status, out, _ = site(url, "--lang", "zh")
    assert status == 3 and "无法确定" in out and "FOOTER_UNREACHABLE" in out and "refused" not in out


@NO_SOCKETS
def test_redirects_within_the_site_are_followed_one_request_each(serve):
    other, other_seen = serve({"/home/": html(page(GOOD_FOOTER))})
    url, seen = serve(
        {
            "/": (301, {"Location": "/index/"}, b""),  # a path on the same host
            "/index/": (302, {"Location": f"{other}/home/"}, b""),  # the same host name on another port
        }
    )
    status, data = report(url)
    result = data["sites"][0]
    assert status == 0 and result["redirects"] == [f"{url}/index/", f"{other}/home/"]
    assert result["final_url"] == f"{other}/home/"
    assert seen == [("GET", "/"), ("GET", "/index/")] and other_seen == [("GET", "/home/")]


@NO_SOCKETS
def test_a_redirect_to_another_site_is_reported_and_not_followed(serve):
    other, other_seen = serve({"/": html(page(GOOD_FOOTER))})
    elsewhere = other.replace("127.0.0.1", "localhost")  # another host name: another site
    url, seen = serve({"/": (302, {"Location": f"{elsewhere}/"}, b"")})
    status, data = report(url)
    finding = data["sites"][0]["findings"][0]
    assert status == 3 and finding["code"] == "FOOTER_REDIRECT_ELSEWHERE"
    assert finding["message"].startswith(f"{url}/ redirects to {elsewhere}/, another site, which was not followed.")
    assert seen == [("GET", "/")] and other_seen == []


@NO_SOCKETS
def test_too_many_redirects(serve):
    url, seen = serve({f"/{i}": (302, {"Location": f"/{i + 1}"}, b"") for i in range(10)})
    status, data = report(f"{url}/0")
    assert status == 3 and data["sites"][0]["findings"][0]["code"] == "FOOTER_TOO_MANY_REDIRECTS"
    assert len(seen) == 6  # the address and 5 redirects


@NO_SOCKETS
def test_error_statuses_and_other_content(serve):
    url, seen = serve(
        {
            "/gone": (404, {"Content-Type": "text/html"}, b"<h1>Not Found</h1>"),
            "/down": (503, {"Content-Type": "text/html"}, b"<h1>Unavailable</h1>"),
            "/data": (200, {"Content-Type": "application/json"}, b'{"icp": "x"}'),
        }
    )
    status, data = report(f"{url}/gone")
    assert status == 1 and data["sites"][0]["findings"][0]["code"] == "FOOTER_HTTP_STATUS"
    assert (
        data["sites"][0]["findings"][0]["message"]
        == f"{url}/gone answered with HTTP status 404: the homepage does not open."
    )
    status, data = report(f"{url}/down", f"{url}/data")
    assert status == 3 and [result["findings"][0]["code"] for result in data["sites"]] == [
        "FOOTER_SERVER_ERROR",
        "FOOTER_NOT_HTML",
    ]
    assert data["sites"][1]["findings"][0]["message"].startswith(
        f"{url}/data is not a web page (Content-Type: application/json)."
    )
    assert seen == [("GET", "/gone"), ("GET", "/down"), ("GET", "/data")]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["ftp://example.com/"], "is not a web address"),
        (["http://"], "is not a web address"),
        (["bad_name.com"], "is not a web address"),
        (["http://example.com:port/"], "is not a web address"),
        (["example.com", "--timeout", "0"], "is not a number of seconds"),
    ],
)
def test_usage_errors_exit_2(argv, message, capsys):
    out, err = io.StringIO(), io.StringIO()
    assert main(["site", *argv], out=out, err=err) == 2
    assert message in err.getvalue() + capsys.readouterr().err and out.getvalue() == ""


@NO_SOCKETS
def test_https_to_a_server_that_speaks_no_tls_is_undecided(serve):
    url, _ = serve({"/": html(page(GOOD_FOOTER))})
    status, data = report(url.replace("http://", "https://"), "--timeout", "2")
    assert status == 3 and data["sites"][0]["findings"][0]["code"] == "FOOTER_TLS"


@NO_SOCKETS
def test_a_broken_response_is_undecided():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)

        def answer():
            connection, _ = server.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(b"this is not HTTP\r\n\r\n")

        thread = threading.Thread(target=answer, daemon=True)
        thread.start()
        status, data = report(f"http://127.0.0.1:{server.getsockname()[1]}/", "--timeout", "2")
        thread.join(2)
    assert status == 3 and data["sites"][0]["findings"][0]["code"] == "FOOTER_BAD_RESPONSE"
