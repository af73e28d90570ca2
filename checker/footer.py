"""The footer check (part of inspected item 5, the website's content): does the homepage show its filing number,
linked to MIIT's filing system, as the rules ask?

The rule (../shared/reference/provincial-rules-sources.md §1.2, UCloud on every province, and §4.1): a filed
website shows its filing number (备案号, ``京ICP备2021033841号-2``) at the centre of its homepage's footer and
links it to MIIT's filing system, https://beian.miit.gov.cn; 33号令 articles 13 and 25 fine a site that does not
(5,000 to 10,000 yuan). Beside it many sites show their 公安备案号 (``粤公网安备44030502008569号``, §4.3) linked to
the public-security filing platform (``http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=…``, now
``https://beian.mps.gov.cn/#/query/webSearch?code=…``), and a commercial service its licence (``京ICP证150476号``,
``粤B2-20090059``, §4.2).

What counts is what a visitor sees: the page's text, read with `html.parser`; text in an HTML comment, a script,
a style sheet, a template or the title is not shown, and a number found only there is reported as hidden. A
number drawn by a script after the page loads, or shown as an image, is not seen either: the check reads the
HTML the server sends. Where on the page the number stands (the centre of the footer) is not checked: that needs
the page rendered.

A number is "linked" when it is inside a link (``<a href>``) to beian.miit.gov.cn (http or https, any path), or
next to one, with nothing but spaces and separators between them (``京ICP备…号 | <a …>工信部备案管理系统</a>``).

This module does no I/O: it takes the page's HTML as text (`decode` turns the bytes a server sent into text), so
the CLI's fetcher (`checker.cli.site`) and any other door use the same judgement. The finder of numbers here is
deliberately lenient (any one Chinese character before ``ICP备``; 6 to 12 digits): it finds what a page shows, it
does not validate it.

>>> findings = check_homepage('<footer><a href="https://beian.miit.gov.cn/">京ICP备2021033841号-2</a></footer>',
...                           expected=["京ICP备2021033841号-2"])
>>> [finding.code for finding in findings]
['FOOTER_ICP_LINKED', 'FOOTER_NUMBER_MATCHES', 'FOOTER_PSB_MISSING']
>>> verdict(findings)
'pass'
"""

from __future__ import annotations

import codecs
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from typing import NamedTuple

from checker import domain, icp_number
from checker.exceptions import Finding, ValidationError

ICP_LINK_HOSTS = frozenset({"beian.miit.gov.cn"})  # MIIT's filing system (§1.2)
ICP_LINK = "https://beian.miit.gov.cn"
PSB_LINK_HOSTS = frozenset({"www.beian.gov.cn", "beian.gov.cn", "beian.mps.gov.cn"})  # §4.3, old and new
# Elements whose text a visitor does not see.
HIDING = frozenset({"script", "style", "template", "title"})
# Elements that start a new line of text: a number never runs across them.
_BLOCK_NAMES = "address article aside blockquote br center dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr li main"
BLOCKS = frozenset(f"{_BLOCK_NAMES} nav ol p pre section table td th tr ul".split())
# Between a number and a link next to it: spaces and the separators footers use, at most this many characters.
_SEPARATORS = " \t\n|:;,./·•-–—()[]【】、，；"
_NEAR = 12

# The numbers as pages write them (§4.1, §4.2, §4.3), on text whose full-width forms are read as ASCII.
_ICP = re.compile(r"(?:[\u4e00-\u9fff]\s*)?ICP\s*备\s*\d{6,12}\s*号(?:\s*-\s*\d{1,4}[A-Z]?)?")
_LICENCE = re.compile(
    r"[\u4e00-\u9fff]\s*ICP\s*证\s*\d{4,10}\s*号?|[\u4e00-\u9fff][AB]\s*-?\s*[12](?:-\d)?\s*-\s*\d{8}号?"
)
_PSB = re.compile(r"(?:[\u4e00-\u9fff]\s*)?公网安备\s*号?\s*:?\s*(\d{14})\s*号?")
_PSB_CODE = re.compile(r"(?:recordcode|code)=(\d+)")  # the number a link to the public-security platform carries

# Full-width ASCII forms (U+FF01–U+FF5E) as ASCII, the no-break and ideographic spaces as spaces: one character
# for one, so the positions of the links stay right.
_NARROW = {point: point - 0xFEE0 for point in range(0xFF01, 0xFF5F)} | {0xA0: " ", 0x3000: " "}

# The codes that leave a site undecided (the verdict "unknown"): what the page is could not be read. The fetcher
# (checker.cli.site) reports all but the last.
UNDECIDED = frozenset(
    {
        "FOOTER_UNREACHABLE",
        "FOOTER_TIMEOUT",
        "FOOTER_TLS",
        "FOOTER_BAD_RESPONSE",
        "FOOTER_SERVER_ERROR",
        "FOOTER_NOT_HTML",
        "FOOTER_REDIRECT_ELSEWHERE",
        "FOOTER_TOO_MANY_REDIRECTS",
        "FOOTER_CUT_NO_NUMBER",
    }
)
VERDICTS = ("pass", "fail", "unknown")


class Link(NamedTuple):
    href: str
    host: str  # lower case, no port; "" for a relative link
    start: int  # where its text starts and ends in the page's shown text
    end: int


class Page(NamedTuple):
    """A page as a visitor reads it: its shown text (full-width forms narrowed, a line break between blocks), its
    links with where their text stands, and the text it holds but does not show (comments, scripts)."""

    text: str
    links: tuple[Link, ...]
    hidden: str


class Shown(NamedTuple):
    """A number shown on the page, and the official link it is in or next to ("" when none)."""

    kind: str  # "icp", "licence" or "psb"
    number: str  # as shown, spaces removed
    link: str
    other_link: str = ""  # the href of another link the number is inside (not the official one), or ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self.hidden: list[str] = []
        self.hiding: list[str] = []
        self.links: list[Link] = []
        self.open: tuple[str, int] | None = None  # the open link's href and where its text starts

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def _close_link(self) -> None:
        if self.open is not None:
            href, start = self.open
            self.links.append(Link(href, _host(href), start, self.size))
            self.open = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDING:
            self.hiding.append(tag)
        elif tag in BLOCKS:
            self._add("\n")
        elif tag == "a":
            self._close_link()  # links do not nest: a new one ends the open one, as browsers read it
            href = next((value for name, value in attrs if name == "href" and value), None)
            if href is not None:
                self.open = (href.strip(), self.size)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDING:
            if tag in self.hiding:
                del self.hiding[len(self.hiding) - 1 - self.hiding[::-1].index(tag) :]
        elif tag in BLOCKS:
            self._add("\n")
        elif tag == "a":
            self._close_link()

    def handle_data(self, data: str) -> None:
        if self.hiding:
            self.hidden.append(data)
        else:
            self._add(data.translate(_NARROW))

    def handle_comment(self, data: str) -> None:
        self.hidden.append(data)


def _host(href: str) -> str:
    try:
        return (urllib.parse.urlsplit(href).hostname or "").rstrip(".")
    except ValueError:  # a malformed address ("http://[x")
        return ""


def read_page(html: str) -> Page:
    """The page as a visitor reads it (see `Page`)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader._close_link()
    hidden = "\n".join(reader.hidden).translate(_NARROW)
    return Page("".join(reader.parts), tuple(reader.links), hidden)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _near(text: str, start: int, end: int, link: Link) -> bool:
    """Whether the number at text[start:end] is inside `link` or next to it."""
    if (link.start < end and start < link.end) or (link.start == link.end and start <= link.start <= end):
        return True
    gap = text[link.end : start] if link.end <= start else text[end : link.start]
    return len(gap) <= _NEAR and not gap.strip(_SEPARATORS)


def shown_numbers(page: Page) -> list[Shown]:
    """Every number the page shows, in order, with the official link it is in or next to."""
    found = []
    for kind, pattern, hosts in (
        ("icp", _ICP, ICP_LINK_HOSTS),
        ("licence", _LICENCE, ICP_LINK_HOSTS),
        ("psb", _PSB, PSB_LINK_HOSTS),
    ):
        for match in pattern.finditer(page.text):
            start, end = match.span()
            official = next(
                (link.href for link in page.links if link.host in hosts and _near(page.text, start, end, link)), ""
            )
            inside = next(
                (link.href for link in page.links if link.start < end and start < link.end and link.host not in hosts),
                "",
            )
            found.append((start, Shown(kind, _compact(match[0]), official, inside)))
    return [shown for _, shown in sorted(found, key=lambda pair: pair[0])]


def _canonical(number: str) -> str:
    """A filing number as MIIT writes it (`checker.icp_number`), so that one typed loosely in the filing
    (``粤icp备 12345678-1``) compares equal to the one shown; as it is, spaces removed, when it cannot be read."""
    try:
        return icp_number.compact(number)
    except ValidationError:
        return _compact(number)


def _base(number: str) -> str:
    """An ICP filing number without its website's ``-n``: the entity's number (§4.1)."""
    try:
        return icp_number.entity_number(number)
    except ValidationError:
        return number.split("-", 1)[0]


def _compare(icp: Sequence[str], expected: Sequence[str]) -> Finding:
    """What the shown numbers say against the filing's (its website's ``…号-n``, or the entity's ``…号``)."""
    for number in icp:
        if number in expected or any(_base(wanted) == wanted and _base(number) == wanted for wanted in expected):
            return Finding("FOOTER_NUMBER_MATCHES", number=number)
    for number in icp:
        for wanted in expected:
            if _base(number) == number and _base(wanted) == number:
                return Finding("FOOTER_ENTITY_NUMBER", shown=number, expected=wanted)
    return Finding("FOOTER_NUMBER_MISMATCH", shown=", ".join(icp), expected=", ".join(expected))


def _icp_findings(page: Page, numbers: list[Shown], complete: bool) -> list[Finding]:
    icp = [shown for shown in numbers if shown.kind == "icp"]
    if not icp:
        licences = [shown.number for shown in numbers if shown.kind == "licence"]
        hidden = [_compact(match[0]) for match in _ICP.finditer(page.hidden)]
        if not complete:
            return [Finding("FOOTER_CUT_NO_NUMBER")]
        if hidden:
            return [Finding("FOOTER_NUMBER_HIDDEN", number=hidden[0])]
        if licences:
            return [Finding("FOOTER_LICENCE_ONLY", licence=licences[0])]
        official = next((link for link in page.links if link.host in ICP_LINK_HOSTS), None)
        if official is not None:
            text = _compact(page.text[official.start : official.end]) or "-"
            return [Finding("FOOTER_LINK_WITHOUT_NUMBER", text=text)]
        return [Finding("FOOTER_NO_NUMBER")]
    findings = []
    for number in dict.fromkeys(shown.number for shown in icp):
        ways = [shown for shown in icp if shown.number == number]
        linked = next((shown.link for shown in ways if shown.link), "")
        elsewhere = next((shown.other_link for shown in ways if shown.other_link), "")
        if linked:
            findings.append(Finding("FOOTER_ICP_LINKED", number=number, link=linked))
        elif elsewhere:
            findings.append(Finding("FOOTER_LINKED_ELSEWHERE", number=number, link=elsewhere))
        else:
            findings.append(Finding("FOOTER_NOT_LINKED", number=number))
    return findings


def _psb_findings(numbers: list[Shown], complete: bool) -> list[Finding]:
    psb = [shown for shown in numbers if shown.kind == "psb"]
    if not psb:
        return [Finding("FOOTER_PSB_MISSING")] if complete else []
    findings = []
    for number in dict.fromkeys(shown.number for shown in psb):
        digits = re.search(r"\d{14}", number)
        link = next((shown.link for shown in psb if shown.number == number and shown.link), "")
        if not link:
            findings.append(Finding("FOOTER_PSB_NOT_LINKED", number=number))
            continue
        findings.append(Finding("FOOTER_PSB_LINKED", number=number, link=link))
        code = _PSB_CODE.search(link)
        if code and digits and code[1] != digits[0]:
            findings.append(Finding("FOOTER_PSB_LINK_OTHER", number=number, linked=code[1]))
    return findings


def check_page(page: Page, *, expected: Iterable[str] = (), entity: str = "", complete: bool = True) -> list[Finding]:
    """The footer check of a page read with `read_page`; see `check_homepage`."""
    numbers = shown_numbers(page)
    findings = _icp_findings(page, numbers, complete)
    findings += [
        Finding("FOOTER_LICENCE_SHOWN", licence=licence)
        for licence in dict.fromkeys(shown.number for shown in numbers if shown.kind == "licence")
    ]
    wanted = [_canonical(number.translate(_NARROW)) for number in expected if number and number.strip()]
    icp = list(dict.fromkeys(_canonical(shown.number) for shown in numbers if shown.kind == "icp"))
    if wanted and icp:
        findings.append(_compare(icp, wanted))
    findings += _psb_findings(numbers, complete)
    if entity.strip():
        named = _compact(entity.translate(_NARROW)) in _compact(page.text)
        findings.append(Finding("FOOTER_ENTITY_NAMED" if named else "FOOTER_ENTITY_NOT_NAMED", entity=entity.strip()))
    return findings


def check_homepage(
    html: str, *, expected: Iterable[str] = (), entity: str = "", complete: bool = True
) -> list[Finding]:
    """The footer check of a homepage's HTML (decoded text).

    `expected`: the filing's numbers for this website (its ``…号-n``; or the entity's ``…号``, which any of its
    websites' numbers matches), compared with the numbers shown; `entity`: the filing entity's name (主办单位),
    looked for in the page (a note either way); `complete`: False when only the start of the page was read, so
    that a number not found there is left undecided rather than missing.
    """
    return check_page(read_page(html), expected=expected, entity=entity, complete=complete)


def verdict(findings: Iterable[Finding]) -> str:
    """``fail`` when a finding is an error; else ``unknown`` when the page could not be read (`UNDECIDED`); else
    ``pass`` (warnings and notes may remain)."""
    findings = list(findings)
    if any(finding.severity == "error" for finding in findings):
        return "fail"
    return "unknown" if any(finding.code in UNDECIDED for finding in findings) else "pass"


# Charset labels as WHATWG's Encoding standard reads them where Python's codec differs: GBK and GB2312 pages are
# decoded as GB18030 (its superset), Latin-1 and ASCII as windows-1252.
_CHARSETS = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "x-gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _codec(label: str) -> str | None:
    label = label.strip().strip("\"'").lower()
    label = _CHARSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def content_charset(content_type: str) -> str | None:
    """The codec of a Content-Type's charset parameter (``text/html; charset=GBK`` → ``gb18030``), or None."""
    match = re.search(r"charset\s*=\s*([^;\s]+)", content_type, re.IGNORECASE)
    return _codec(match[1]) if match else None


def decode(body: bytes, content_type: str = "") -> tuple[str, str]:
    """The page's text and the codec it was read with: a byte order mark first, then the Content-Type's charset,
    then a ``<meta charset>`` in the first 1,024 bytes (as browsers look), else UTF-8, else GB18030 (Chinese sites
    often serve GBK undeclared). A body cut short in the middle of a character is still read as UTF-8."""
    for bom, marked in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(marked, errors="replace"), marked
    meta = _META_CHARSET.search(body[:1024])
    codec = content_charset(content_type) or (_codec(meta[1].decode("ascii")) if meta else None)
    if codec is not None:
        return body.decode(codec, errors="replace"), codec
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(body, final=False), "utf-8"
    except UnicodeDecodeError:
        return body.decode("gb18030", errors="replace"), "gb18030"


def same_site(host: str, other: str) -> bool:
    """Whether two host names are one site: the same name (a port does not count), or names under the same
    registered domain (``www.example.com`` and ``example.com``, by `checker.domain`'s rules). An address or a
    name with no suffix (``127.0.0.1``, ``localhost``) is only ever the same site as itself.

    >>> same_site("www.example.com.cn", "Example.com.cn"), same_site("example.com", "example.org")
    (True, False)
    """
    host, other = host.lower().rstrip("."), other.lower().rstrip(".")
    if host == other:
        return True
    try:
        return domain.validate(host) == domain.validate(other)
    except ValidationError:
        return False
