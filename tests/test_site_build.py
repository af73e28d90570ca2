"""The built site (site/, from `make build`): complete in both languages, self-contained, every seed fact."""

from __future__ import annotations

import datetime
import html
import json
import re
import subprocess
import urllib.parse
from pathlib import Path

import pytest

import chinese_text
from checker import catalogue, remediation
from site_pages import DOCS, PYTHON_PAGES, SITE, Page, pages

# Every fact of ../shared/seed/icp-inspection-faq.md, as Tencent's Chinese original (tencentyun/qcloud-documents,
# product/域名与网站/网站备案/常见问题/备案信息专项核查类.md and 备案专项核查类/) states it where the two differ, as a
# phrase that must appear in the page's text in each language. (page, English, Chinese)
SEED_FACTS = [
    # Why inspections happen: the legal basis, named.
    ("why-inspections", "Counterterrorism Law", "反恐怖主义法"),
    ("why-inspections", "Cybersecurity Law", "网络安全法"),
    ("why-inspections", "Administrative Measures for Internet Information", "互联网信息服务管理办法"),
    ("why-inspections", "Non-operational Internet Information Services", "非经营性互联网信息服务备案管理办法"),
    ("why-inspections", "Record-filed Information of Websites", "真实性核验工作方案"),
    ("why-inspections", "for Trial Implementation", "工作方案（试行）"),
    ("why-inspections", "has to be real and valid", "信息必须真实、有效"),
    ("why-inspections", "filings you have already obtained", "已经取得的备案"),
    # The five inspected items.
    ("inspected-items/index", "including but not limited to", "包括但不限于"),
    ("inspected-items/index", "entity name and identity document number", "主体名称和证件号码"),
    ("inspected-items/entity", "a document that is valid today", "有效证件上的完全相同"),
    ("inspected-items/contact", "must be the person in charge's own numbers", "须为负责人本人的电话"),
    ("inspected-items/contact", "valid and reachable", "且有效、可拨通"),
    ("inspected-items/materials", "the identity document of the", "主体负责人证件"),
    ("inspected-items/materials", "the organization code certificate", "组织机构代码证"),
    ("inspected-items/materials", "the business licence", "营业执照"),
    ("inspected-items/materials", "in-person verification photo", "当面核验照（幕布照）"),
    ("inspected-items/materials", "no verification form", "例如没有核验单"),
    ("inspected-items/access", "resolves to right now", "域名当前解析到的"),
    ("inspected-items/content-and-domain", "the domain holder agree again", "持有者重新保持一致"),
    # Self-inspecting the contact number.
    ("contact-self-check", "Person in charge contact verification", "负责人联系方式核验"),
    ("contact-self-check", "in the Operation column", "「操作」列中的「验证」"),
    ("contact-self-check", "Get verification code", "点击「获取验证码」"),
    ("contact-self-check", "type the code from it", "填写短信里的验证码"),
    # Within and after the rectification period.
    ("rectification-period", "notice reaches you by email", "核查通知会以邮件形式发给您"),
    ("rectification-period", "keeps running as usual", "网站照常运行"),
    ("rectification-period", "does not interrupt the website", "整改操作不会中断网站"),
    ("rectification-period", "following the inspection findings", "请按照核查意见"),
    ("rectification-period", "your access can be cancelled", "备案可能被腾讯云取消接入"),
    ("rectification-period", "Deregisters your filing", "注销您的备案"),
    ("rectification-period", "your website is affected", "网站都会受到影响"),
    ("rectification-period", "your website can become unreachable", "导致网站无法正常访问"),
    ("rectification-period", "can break national laws and regulations", "可能触犯国家相关法律法规"),
    # No longer using the filing; some domains cannot be filed again (Tencent: 可备案的域名后缀).
    ("deregister", "the company has been closed", "例如公司已经注销"),
    ("deregister", "You have abandoned the website", "网站已经废弃"),
    ("deregister", "deregister the filing instead of rectifying", "请直接注销备案"),
    ("deregister", "If you do neither before", "既没整改也没注销"),
    ("deregister", "cannot get a new filing", "将无法重新备案"),
    ("deregister", "served from nodes in mainland China", "内地节点上提供服务"),
    ("deregister", "only domains whose suffix is on a list can be filed", "只有后缀列入名单的域名才能备案"),
    # Access cancelled, the filing still at MIIT: every branch of Tencent's 超期未整改的相关问题.
    ("access-cancelled", "You can file again with", "您可以在腾讯云重新备案"),
    ("access-cancelled", "file for access to your existing filing", "或者办理接入备案"),
    ("access-cancelled", "Another access provider also has your filing", "该备案在其他接入商处也有接入"),
    ("access-cancelled", "Submit a change to your filing with that provider", "在那家接入商处提交变更备案"),
    ("access-cancelled", "No other access provider has it", "该备案没有其他接入商"),
    ("access-cancelled", "Phone still in use", "手机号码仍在正常使用"),
    ("access-cancelled", "your province's bureau requirements", "备案所在省份的管局要求"),
    ("access-cancelled", "Your province allows access first, then the change", "所在省份允许先接入后变更"),
    ("access-cancelled", "Your province does not allow it", "所在省份不允许先接入后变更"),
    ("access-cancelled", "cannot pass while the entity is still on record", "首次备案无法通过"),
    # The filing gone from MIIT: query by entity name, the three cases.
    ("filing-gone", "did not file for access for a long time", "长期没有办理接入备案"),
    ("filing-gone", "Search by entity name", "用主办单位名称查询"),
    ("filing-gone", "is any website still listed under it", "它名下还有没有网站"),
    ("filing-gone", "Deregister it first", "空壳主体注销指南"),
    ("filing-gone", "can be reached normally again", "恢复正常访问"),
    ("filing-gone", "add a new website", "为该主体提交"),
    # What reaches a filer (Tencent: 收到腾讯云备案信息核查通知的相关问题, 视频核验专项核查如何操作？).
    ("notices", "Rectification email", "整改邮件"),
    ("notices", "Video verification", "视频核验"),
    ("notices", "do not submit it again", "无需重复提交"),
    ("notices", "several website persons in charge, verify them all", "需要一并核验"),
]
# Facts from ../shared/reference/icp-rules.md that help a filer.
RULE_FACTS = [
    ("deregister", "This cannot be undone", "且无法恢复"),
    ("deregister", "The entity and its other websites", "主体及其名下其他网站"),
    ("rectification-period", "ask for a re-check", "申请重新核查"),
    ("rectification-period", "one extension of up to 7 working days", "一次、最长7个工作日"),
    ("rectification-period", "is what your console shows", "请以控制台显示为准"),
    ("shell-entity", "often done offline", "往往需要线下"),
    ("shell-entity", "some provinces let a shell entity", "只有部分省份允许"),
]
NEXT_STEPS = {"en": "What to do next", "zh": "下一步"}
# Each inspected item's page answers the same four questions, in this order.
ITEM_SECTIONS = {
    "en": ["What is compared with what", "What passes", "Common reasons to fail", "How to fix it"],
    "zh": ["比对什么", "怎样算通过", "常见不通过原因", "如何整改"],
}
ITEMS = ["entity", "contact", "materials", "access", "content-and-domain"]
GENERAL_GUIDANCE = {"en": "General guidance", "zh": "说明"}


def text_of(path: Path) -> str:
    """The visible text of a built page's article: tags (tooltips included) removed, entities decoded."""
    page_html = path.read_text(encoding="utf-8")
    article = re.search(r"<article[^>]*>(.*)</article>", page_html, re.S)
    assert article, f"{path} has no article"
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", article[1])))


def built(stem: str, language: str) -> str:
    (page,) = [p for p in pages(language) if p.stem == stem]
    return text_of(page.built_file)


@pytest.fixture(scope="module", autouse=True)
def site_is_built():
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make test`, which builds it first")


@pytest.mark.parametrize("stem, english, chinese", SEED_FACTS + RULE_FACTS)
def test_fact_is_on_the_page_in_both_languages(stem, english, chinese):
    assert english in built(stem, "en")
    assert chinese in built(stem, "zh")


def test_every_page_is_built_in_both_languages():
    for page in pages():
        assert page.built_file.is_file(), f"{page.source} was not built"
    assert {p.stem for p in pages("en")} == {p.stem for p in pages("zh")}


def test_no_page_shows_a_python_object_instead_of_words():
    """A template that names a dict's method (`t.clear`) renders "<built-in method clear of dict object at 0x…>"."""
    leaks = re.compile(r"built-in method|bound method|object at 0x[0-9a-f]+|\bNone\b</")
    offenders = [
        f"{path.relative_to(SITE)}: {match[0]}"
        for path in SITE.rglob("*.html")
        for match in [leaks.search(path.read_text(encoding="utf-8"))]
        if match
    ]
    assert offenders == []


def section_titles(page: Page) -> list[str]:
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page.built_file.read_text(encoding="utf-8"), re.S)
    return [re.sub(r'<a class="headerlink".*?</a>|<[^>]+>', "", heading).strip() for heading in headings]


@pytest.mark.parametrize("page", [p for p in pages() if p.stem != "index"], ids=str)
def test_every_page_ends_with_what_to_do_next(page: Page):
    assert section_titles(page)[-1:] == [NEXT_STEPS[page.language]]


@pytest.mark.parametrize("page", [p for p in pages() if p.stem.removeprefix("inspected-items/") in ITEMS], ids=str)
def test_every_inspected_item_answers_the_four_questions(page: Page):
    assert section_titles(page)[:4] == ITEM_SECTIONS[page.language]


@pytest.mark.parametrize("page", pages("zh"), ids=str)
def test_chinese_pages_are_chinese(page: Page):
    text = text_of(page.built_file)
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    assert han > 0.4 * len(re.findall(r"[A-Za-z\u4e00-\u9fff]", text)), "mostly untranslated"


def test_guidance_that_depends_on_provider_or_province_is_marked():
    for language, title in GENERAL_GUIDANCE.items():
        marked = [p.stem for p in pages(language) if title in text_of(p.built_file)]
        assert {"rectification-period", "deregister", "shell-entity"} <= set(marked), language


def test_pages_never_name_the_provider_directly():
    # Provider facts come from extra.provider in mkdocs.yml, so another provider can rebrand the site.
    for source in DOCS.rglob("*.md"):
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"Tencent|腾讯|console\.cloud|intl\.cloud", text), source


def test_the_provider_block_reaches_the_pages():
    assert "Tencent Cloud" in built("contact-self-check", "en")
    assert "腾讯云" in built("contact-self-check", "zh")
    page_html = (SITE / "contact-self-check" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://console.cloud.tencent.com/beian/phone-number-verification"' in page_html


# Anything the browser would fetch by itself: scripts, styles, icons, images, fonts, frames.
_FETCHED = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']([^"']+)|"""
    r"""<link\b[^>]*\bhref=["']([^"']+)|url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)"""
)


def test_nothing_is_fetched_from_another_host():
    offenders = []
    for path in SITE.rglob("*"):
        if path.suffix not in {".html", ".css", ".js"} or ("search" in path.parts and path.suffix == ".js"):
            continue
        for match in _FETCHED.finditer(path.read_text(encoding="utf-8", errors="replace")):
            url = next(group for group in match.groups() if group)
            if re.match(r"(?i)(https?:)?//", url) and not _is_link_tag_to_page(match[0]):
                offenders.append(f"{path.relative_to(SITE)}: {url}")
    assert offenders == []


def _is_link_tag_to_page(tag: str) -> bool:
    """<link rel="canonical"> and <link rel="sitemap"> name addresses; the browser does not fetch them."""
    return tag.startswith("<link") and re.search(r'rel=["\']?(canonical|sitemap)', tag) is not None


def test_sitemap_lists_every_page_in_both_languages():
    sitemap = (SITE / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>[a-z]+://[^/]+/([^<]*)</loc>", sitemap))
    assert locations == {page.path for page in pages()}
    # Material's instant navigation looks for the sitemap below each language's root.
    assert (SITE / "zh" / "sitemap.xml").read_text(encoding="utf-8") == sitemap


def shown_update(page: Page) -> datetime.datetime:
    """The "last update" a built page shows (git-revision-date-localized, its title attribute: date and time)."""
    (title,) = re.findall(
        r'class="git-revision-date-localized-plugin git-revision-date-localized-plugin-date"'
        r' title="([^"]+)"',
        page.built_file.read_text(encoding="utf-8"),
    )
    if page.language == "zh":
        year, month, day, clock = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日 (\S+) UTC", title).groups()
        title = f"{year}-{month}-{day} {clock}"
        return datetime.datetime.strptime(title, "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.UTC)
    return datetime.datetime.strptime(title, "%B %d, %Y %H:%M:%S UTC").replace(tzinfo=datetime.UTC)


def last_commit(page: Page) -> datetime.datetime | None:
    """When git says the page's source last changed (author date of the last commit that touched it; for a page a
    hook makes, of the file it is made from); None for a file git has no commit of yet."""
    stamp = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--", str(page.dated_by)],
        cwd=DOCS,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return datetime.datetime.fromtimestamp(int(stamp), datetime.UTC) if stamp else None


def test_every_page_has_a_description_and_the_date_its_source_last_changed():
    """The "last update" shown is the last commit of the page's source, not the day of the build: the plugin
    falls back to the build date (fallback_to_build_date) when git cannot tell, e.g. without git or its history,
    and such a site would claim every page was updated today. A page not committed yet has no date to check."""
    checked = []
    for page in pages():
        page_html = page.built_file.read_text(encoding="utf-8")
        assert re.search(r'<meta name="description" content="[^"]{20,}"', page_html), page
        committed = last_commit(page)
        if committed is not None:
            assert shown_update(page) == committed, f"{page}: the date shown is not its last commit's"
            checked.append(page)
    # By source file: the 62 province pages are made from one table.
    sources = {page.dated_by for page in pages()}
    assert len({page.dated_by for page in checked}) >= len(sources) // 2, (
        "most pages' sources have no commit: is this a git checkout?"
    )


@pytest.mark.parametrize(
    "stem, language, term",
    [
        ("shell-entity", "en", "shell entity"),
        ("rectification-period", "zh", "整改期"),
        ("inspected-items/materials", "zh", "核验单"),
    ],
)
def test_glossary_terms_carry_their_tooltip(stem, language, term):
    (page,) = [p for p in pages(language) if p.stem == stem]
    assert re.search(
        rf'<abbr title="[^"]+">{re.escape(term)}</abbr>', page.built_file.read_text(encoding="utf-8"), re.IGNORECASE
    )


# "How the self-check decides": its tables of finding codes are generated from the checker's catalogue.
DECIDES = "how-the-check-decides"
SEVERITY = {
    "en": {"error": "error", "warning": "warning", "info": "info"},
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
}


def table_rows(stem: str, language: str) -> dict[str, list[str]]:
    """The built page's table rows whose first cell is a code: code → the text of every cell."""
    (page,) = [p for p in pages(language) if p.stem == stem]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page.built_file.read_text(encoding="utf-8"), re.S):
        cells = [
            re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", cell))).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        if cells and re.fullmatch(r"[A-Z0-9]+(?:_[A-Z0-9]+)+", cells[0]):
            rows[cells[0]] = cells
    return rows


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_decides_page_has_a_row_per_code_from_the_catalogue(language):
    rows = table_rows(DECIDES, language)
    entry = catalogue.entry("RIC_CHECKSUM")
    assert rows["RIC_CHECKSUM"] == [
        "RIC_CHECKSUM",
        SEVERITY[language]["error"],
        entry.message[language],
        entry.fix[language],
    ]
    assert rows["RIC_COUNTY_UNKNOWN"][1] == SEVERITY[language]["warning"]
    assert "…" in rows["RIC_COUNTY_UNKNOWN"][2] and "{" not in rows["RIC_COUNTY_UNKNOWN"][2]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_decides_page_lists_every_code_of_the_catalogue(language):
    # A code (or a whole family) the page does not show means the page has drifted from the checker.
    rows = table_rows(DECIDES, language)
    missing = sorted(set(catalogue.entries()) - set(rows))
    assert missing == [], f'{DECIDES}: add a codes("FAMILY") table for {missing}'
    for code, entry in catalogue.entries().items():
        assert rows[code][1] == SEVERITY[language][entry.severity], code


def wizard_nodes(language: str) -> dict[str, str]:
    """The wizard page's static HTML, node by node: id → the text of its section."""
    (page,) = [p for p in pages(language) if p.stem == "remediation"]
    built = page.built_file.read_text(encoding="utf-8")
    return {
        node: re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()
        for node, body in re.findall(
            r'<section class="wz__node[^"]*"[^>]*data-node="([^"]+)"[^>]*>(.*?)</section>', built, re.S
        )
    }


def test_no_chinese_message_fix_or_wizard_node_on_the_site_holds_a_field_path_or_english():
    """zh-review.md: raw paths (websites[0].domains[0]) and English errors inside Chinese messages. Every code's
    message and fix as the Chinese decides page shows them, and every node of the Chinese wizard page."""
    rows = table_rows(DECIDES, "zh")
    nodes = wizard_nodes("zh")
    tree = remediation.default_tree()
    assert set(rows) == set(catalogue.entries())
    assert set(nodes) == set(tree.questions) | set(tree.outcomes)
    texts = {f"{code} message": cells[2] for code, cells in rows.items()}
    texts |= {f"{code} fix": cells[3] for code, cells in rows.items()}
    texts |= {f"wizard {node}": text for node, text in nodes.items()}
    assert {place: found for place, text in texts.items() if (found := chinese_text.problems(text))} == {}
    # The check itself: the English page's texts are English runs, a planted path is a path.
    assert chinese_text.problems(wizard_nodes("en")[tree.start])
    assert chinese_text.problems(rows["RIC_CHECKSUM"][2] + "（websites[0].domains[0]）") == [
        "field path 'websites[0].domains[0]'"
    ]


# --- the self-check page and its runtime (hooks/self_check.py) -----------------------------------------------

ROOT = DOCS.parent
SELF_CHECK = {"en": SITE / "self-check" / "index.html", "zh": SITE / "zh" / "self-check" / "index.html"}


def test_the_browser_gets_the_wheel_the_tests_test():
    built = list((ROOT / "build" / "wheels").glob("*.whl"))
    shipped = list((SITE / "assets" / "checker").glob("*.whl"))
    assert len(built) == 1 and len(shipped) == 1
    assert shipped[0].read_bytes() == built[0].read_bytes()


def decoded(variant: Path) -> bytes:
    """A precompressed file's bytes as a browser decodes them (hooks/precompress.py)."""
    import gzip

    import brotli

    return (brotli.decompress if variant.suffix == ".br" else gzip.decompress)(variant.read_bytes())


def test_the_site_carries_pyodide_from_npm_and_nothing_more():
    import json

    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    folder = SITE / "assets" / "pyodide" / version
    shipped = sorted(path.name for path in folder.iterdir() if path.suffix not in (".br", ".gz"))
    assert shipped == sorted(
        ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
    )
    for name in shipped:
        assert (folder / name).read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes(), name
    # Precompressed beside them, each decoding to its original: the wasm (the largest download) at least.
    variants = sorted(path for path in folder.iterdir() if path.suffix in (".br", ".gz"))
    assert {path.name for path in variants} >= {"pyodide.asm.wasm.br", "pyodide.asm.wasm.gz"}
    for variant in variants:
        assert decoded(variant) == variant.with_suffix("").read_bytes(), variant.name
    assert [path.name for path in (SITE / "assets" / "pyodide").iterdir()] == [version]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_runtime_pages_name_the_snapshot_the_build_made_and_its_hash(language):
    """The worker restores the snapshot only when its bytes have the SHA-256 the page names
    (docs/assets/javascripts/checker-worker.mjs); a stale name or hash would make every visit fall back."""
    import hashlib
    import json

    made = json.loads((ROOT / "build" / "snapshot" / "snapshot.json").read_text())
    wizard = SITE / ("" if language == "en" else language) / "remediation" / "index.html"
    for page in (SELF_CHECK[language], wizard):
        text = page.read_text(encoding="utf-8")
        names = set(re.findall(r'data-snapshot="([^"]+)"', text))
        hashes = set(re.findall(r'data-snapshot-sha256="([0-9a-f]{64})"', text))
        assert len(names) == 1 and hashes == {made["sha256"]}, page
        shipped = (page.parent / names.pop()).resolve()
        assert hashlib.sha256(shipped.read_bytes()).hexdigest() == made["sha256"]
        assert shipped.read_bytes() == (ROOT / "build" / "snapshot" / "checker.snapshot").read_bytes()
        for suffix in (".br", ".gz"):
            assert decoded(shipped.with_name(shipped.name + suffix)) == shipped.read_bytes()


@pytest.mark.parametrize("page", [p for p in pages() if p.stem not in PYTHON_PAGES], ids=str)
def test_faq_pages_name_no_python_runtime(page: Page):
    text = page.built_file.read_text(encoding="utf-8")
    assert "assets/pyodide" not in text and ".whl" not in text and "checker-worker" not in text


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_self_check_form_is_in_the_html_with_a_label_for_every_control(language):
    text = SELF_CHECK[language].read_text(encoding="utf-8")
    page = text[text.index('<div id="icp-self-check"') : text.index('<template class="icp-sc__website-template">')]
    controls = re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"', page)
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    assert len(controls) >= 18
    assert [control for control in controls if control not in labelled] == []
    for path in (
        "entity.type",
        "entity.name",
        "entity.province",
        "entity.document.number",
        "entity.pic.mobile",
        "entity.pic.landline",
        "entity.pic.email",
        "websites[0].name",
        "websites[0].domains",
        "websites[0].pic.document.number",
    ):
        assert f'name="{path}"' in page, path
    assert 'aria-live="polite"' in page and 'role="status"' in page
    assert f'data-lang="{language}"' in page


def test_the_self_check_page_tells_the_filer_what_stays_in_the_browser():
    english = html.unescape(SELF_CHECK["en"].read_text(encoding="utf-8"))
    chinese = html.unescape(SELF_CHECK["zh"].read_text(encoding="utf-8"))
    assert "Nothing you type is sent anywhere" in english and "sends the domain names, and nothing else" in english
    assert "您填写的内容都不会被发送出去" in chinese and "只会把网站域名发送到本站自己的域名解析服务" in chinese


# --- the remediation wizard: the whole tree in the HTML, usable without JavaScript ------------------------------

WIZARD = {"en": SITE / "remediation" / "index.html", "zh": SITE / "zh" / "remediation" / "index.html"}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_wizard_page_holds_every_node_as_an_anchor_and_every_option_as_a_link(language):
    from checker import remediation

    tree = remediation.default_tree()
    page = WIZARD[language].read_text(encoding="utf-8")
    anchors = set(re.findall(r'<section class="wz__node[^"]*"\s+id="wz-([a-z0-9-]+)"', page))
    assert anchors == set(tree.questions) | set(tree.outcomes)
    targets = re.findall(r'<a class="md-button wz__option" href="#wz-([a-z0-9-]+)"', page)
    assert len(targets) == sum(len(question.options) for question in tree.questions.values())
    assert set(targets) <= anchors
    text = html.unescape(page)
    for outcome in tree.outcomes.values():  # up to any {placeholder}, filled from the configuration
        assert outcome.title[language].split("{")[0] in text


def test_the_map_pages_chart_text_stays_out_of_search():
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    charts = [entry["location"] for entry in index["docs"] if "flowchart TD" in entry["text"] or "-->" in entry["text"]]
    assert charts == []


def test_a_province_page_is_found_by_its_title_but_its_rules_stay_out_of_search():
    """hooks/provinces.py leaves a province page's rules, disagreements and materials out of the search index (the
    overview's table sums them up): every visitor's browser downloads and indexes the whole index on every page."""
    from checker import words

    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    strings = words.load("site-provinces")
    for language, prefix in [("en", "provinces/tianjin/"), ("zh", "zh/provinces/tianjin/")]:
        entries = [entry for entry in index["docs"] if entry["location"].startswith(prefix)]
        assert [entry["location"] for entry in entries if entry["location"] == prefix] == [prefix], "no page entry"
        left_out = [strings["page"][key][language] for key in ("units", "individuals", "disagreements", "materials")]
        indexed = [entry["title"] for entry in entries if any(heading in entry["title"] for heading in left_out)]
        assert indexed == [], f"{prefix}: sections left out of search are indexed"
        # Nor their text under the page's own entry: a reference of the rules table (every row cites its source).
        assert not any("tencentyun/qcloud-documents" in entry["text"] for entry in entries)


def test_search_indexes_every_plan_of_the_wizard_under_its_own_heading():
    """Each plan is a search result of its own; the questions stay out (their words repeat across the tree)."""
    from checker import remediation

    tree = remediation.default_tree()
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    for language, prefix in [("en", "remediation/"), ("zh", "zh/remediation/")]:
        found = {entry["location"] for entry in index["docs"] if entry["location"].startswith(prefix + "#wz-")}
        assert found == {f"{prefix}#wz-{node}-title" for node in tree.outcomes}, language


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_pages_language_switch_leads_to_its_twin(language):
    """Every page, written or made by a hook, switches language to the same page: the switcher's link as built
    (hooks/language_switch.py) and the page's `alternate-page` address language-switch.js points it at once the
    theme has started. The browser clicks the switcher on a page of each kind (tests/browser/
    test_switching_language.py); here every page's is read."""
    other = "zh" if language == "en" else "en"
    checked = 0
    for page in pages(language):
        built_html = page.built_file.read_text(encoding="utf-8")
        twin = page.path.removeprefix("zh/") if language == "zh" else "zh/" + page.path
        link = re.search(rf'<a href="([^"]*)" hreflang="{other}" class="md-select__link"', built_html)
        assert link, f"{page}: no switch to {other}"
        assert urllib.parse.urljoin("http://site/" + page.path, link[1]) == "http://site/" + twin, f"{page}: {link[1]}"
        alternate = re.search(rf'<meta name="alternate-page" data-lang="{other}" content="([^"]*)">', built_html)
        assert alternate and alternate[1] == "/" + twin, f"{page}: alternate-page {alternate and alternate[1]}"
        checked += 1
    assert checked == len(pages(language)) > 31 + 20
