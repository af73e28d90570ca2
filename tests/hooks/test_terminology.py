"""One set of terms (hooks/terminology.py over the terminology table, checker/data/words/site-glossary.toml): a
variant the table says to avoid fails the build, in a page, a finding, a word list or the wizard, naming the place
and the preferred term. The table's rows answer to ../shared/reference/zh-review.md and to Tencent Cloud's Chinese
FAQ (tencentyun/qcloud-documents, product/域名与网站/网站备案/常见问题/), named in each row's `why`."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

import glossary
import provider
import terminology
from checker import _tables
from terminology import Hit, check_data, check_markdown, check_texts, config_texts

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA = ROOT / "checker" / "data"


def variants(hits: list[Hit]) -> list[tuple[str, str, str]]:
    return [(hit.place, hit.variant, hit.preferred) for hit in hits]


# --- pages ------------------------------------------------------------------------------------------------------

PAGE = """\
---
description: 网站内容与域名持有者。
---

# 内容

请确认域名所有者与备案主体一致。

```text
域名所有者（代码不算）
```

`域名所有者` 也是代码。<!-- 域名所有者：注释不算 -->
"""


def test_a_variant_in_a_chinese_page_is_found_with_its_line_and_the_preferred_term():
    hits = check_markdown(PAGE, "zh", "docs/x.zh.md")
    assert variants(hits) == [("docs/x.zh.md:7", "域名所有者", "域名持有者")]
    assert "腾讯云" in hits[0].why
    assert str(hits[0]).startswith('docs/x.zh.md:7: "域名所有者" should be "域名持有者" (')


def test_the_code_of_a_page_and_its_fences_inside_a_box_are_passed_over():
    page = '!!! note "说明"\n    ~~~\n    域名所有者\n    ~~~\n    请点击「发送验证码」。\n'
    assert variants(check_markdown(page, "zh", "p.zh.md")) == [("p.zh.md:5", "发送验证码", "获取验证码")]


@pytest.mark.parametrize(
    "text, found",
    [
        ("请上传当面核验照（幕布照）。", []),  # the term with its everyday word in brackets is the preferred form
        ("请上传幕布照。", ["幕布照"]),
        ("请删除解析记录，或等待解析记录被删除。", []),  # a DNS record is deleted
        ("网站被删除后，按域名查不到。", ["被删除"]),  # a website is deregistered
        ("没有接入的备案可能会被注销。", []),
        ("空壳主体会被注销。", ["会被注销"]),
        ("新闻、网络游戏、金融等。", []),
        ("新闻、游戏等。", ["、游戏"]),
        ("游戏上线运营前", []),  # games themselves; the category is 网络游戏
        ("ICP备案号", []),
        ("ICP 备案号", ["ICP 备案"]),
        ("请在控制台修改备案。", ["在控制台修改备案"]),
        ("主办单位性质、主体性质和主体类型", ["主体性质", "主体类型"]),
    ],
)
def test_chinese_variants_and_their_exceptions(text, found):
    assert [hit.variant for hit in check_texts({"t": text}, "zh")] == found


def test_english_variants_match_whole_words_ignoring_case_and_line_breaks():
    page = "Ask the Domain\nOwner. The domain-owner field and domain owners.\nClick **Send Verification Code**."
    assert variants(check_markdown(page, "en", "p.md")) == [
        ("p.md:1", "Domain Owner", "domain holder"),
        ("p.md:2", "domain owners", "domain holder"),
        ("p.md:3", "Send Verification Code", "Get verification code"),
    ]
    # Chinese variants are for Chinese texts: an English page may quote a Chinese word.
    assert check_markdown("The console's 发送验证码 button.", "en", "p.md") == []


def test_a_page_first_glosses_the_bureau_then_may_say_guanju():
    """Notices and consoles say 管局 (Tencent's 备案信息专项核查类.md); a page glosses it where it first uses it."""
    glossed = "请等待省通信管理局（管局）审核。\n\n管局审核通过后……"
    assert check_markdown(glossed, "zh", "p.zh.md") == []
    assert variants(check_markdown("管局审核。\n\n省通信管理局（管局）", "zh", "p.zh.md")) == [
        ("p.zh.md:1", "管局", "通信管理局（管局）")
    ]
    assert check_markdown("省通信管理局负责审核。", "zh", "p.zh.md") == []  # no 管局 at all
    assert check_markdown("| **管局** | bureau |", "zh", "docs/glossary.zh.md") == []
    assert check_texts({"message": "管局审核中。"}, "zh") == []  # a message is no page


def test_the_glossary_page_may_name_the_variants_it_strikes_through_and_only_it():
    row = "| **域名持有者** | domain holder | 不说：<s>域名所有者</s> |"
    assert check_markdown(row, "zh", "docs/glossary.zh.md") == []
    assert variants(check_markdown(row, "zh", "docs/other.zh.md")) == [
        ("docs/other.zh.md:1", "域名所有者", "域名持有者")
    ]
    assert variants(check_markdown("域名所有者 <s>x</s>", "zh", "docs/glossary.zh.md"))[0][1] == "域名所有者"


def test_the_hook_logs_an_error_per_hit_with_the_source_line(caplog):
    """As in the build: the page's Markdown after Jinja, its front matter left out by MkDocs; the line is the
    source's."""
    source = DOCS.joinpath("x.zh.md").as_posix()  # only named, never read
    page = SimpleNamespace(
        file=SimpleNamespace(locale="zh", src_uri="x.zh.md", content_string=PAGE, abs_src_path=source),
        markdown=PAGE.split("---\n", 2)[2].lstrip("\n"),
        meta={"description": "关于自查联系电话。"},
    )
    config = SimpleNamespace(theme={"language": "en"})
    with caplog.at_level(logging.ERROR, logger="mkdocs"):
        assert terminology.on_page_content("<p>html</p>", page, config, None) == "<p>html</p>"
    errors = [record.getMessage() for record in caplog.records if record.levelno == logging.ERROR]
    assert [error.split(" should be ")[0] for error in errors] == [
        'terminology: docs/x.zh.md description: "自查联系电话"',
        'terminology: docs/x.zh.md:7: "域名所有者"',
    ]


MINI_BUILD = """
import logging
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
try:
    build(load_config(config_file=sys.argv[1], strict=True))
except Exception as error:
    sys.exit(f"{type(error).__name__}: {error}")
"""


@pytest.mark.parametrize("planted", [True, False], ids=["planted", "clean"])
def test_a_real_build_with_the_hook_names_a_planted_variant(tmp_path, planted):
    """A whole MkDocs build of a one-page site with only this hook (a subprocess: MkDocs loads the hook as a module
    of its own): the variant is an error with its page and line, and fails the strict build."""
    import os
    import subprocess
    import sys

    docs = tmp_path / "docs"
    docs.mkdir()
    word = "domain owner" if planted else "domain holder"
    (docs / "index.md").write_text(f"---\ndescription: A page.\n---\n\n# Home\n\nAsk the {word}.\n", encoding="utf-8")
    hook = (ROOT / "hooks" / "terminology.py").as_posix()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Mini\nsite_dir: site\ntheme:\n  name: material\n  language: en\nhooks:\n  - {hook}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", MINI_BUILD, str(tmp_path / "mkdocs.yml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    named = 'ERROR terminology: docs/index.md:7: "domain owner" should be "domain holder"'
    assert (named in result.stderr) is planted, result.stderr[-2000:]
    if planted:
        assert result.returncode != 0 and "Aborted with" in result.stderr.splitlines()[-1]
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_front_matter_is_counted_in_the_lines():
    assert terminology.body_line(PAGE) == 5
    assert terminology.body_line("# Title\n") == 1


# --- data: findings, word lists, the wizard ---------------------------------------------------------------------


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the compiled data the check reads, to plant variants in."""
    copy = tmp_path / "data"
    (copy / "words").mkdir(parents=True)
    for name in ("findings.json", "remediation.json"):
        shutil.copy(DATA / name, copy / name)
    for path in (DATA / "words").glob("*.json"):
        shutil.copy(path, copy / "words" / path.name)
    return copy


def plant(path: Path, change) -> None:
    compiled = json.loads(path.read_text(encoding="utf-8"))
    change(compiled)
    path.write_text(json.dumps(compiled, ensure_ascii=False), encoding="utf-8")


def new_hits(data: Path) -> list[tuple[str, str, str]]:
    before = set(check_data(DATA))
    return variants([hit for hit in check_data(data) if hit not in before])


def test_a_variant_in_a_finding_message_or_fix_is_found(data):
    code = next(iter(json.loads((DATA / "findings.json").read_text(encoding="utf-8"))["codes"]))

    def change(compiled):
        compiled["codes"][code]["message"]["zh"] = "请核对域名所有者。"
        compiled["codes"][code]["fix"]["en"] = "Ask the domain owner."

    plant(data / "findings.json", change)
    assert new_hits(data) == [
        (f"checker/data/findings.toml codes.{code}.fix.en", "domain owner", "domain holder"),
        (f"checker/data/findings.toml codes.{code}.message.zh", "域名所有者", "域名持有者"),
    ]


def test_a_variant_in_a_wizard_node_is_found_with_the_node(data):
    tree = json.loads((DATA / "remediation.json").read_text(encoding="utf-8"))["tree"]
    node = next(iter(tree["questions"]))

    def change(compiled):
        compiled["tree"]["questions"][node]["text"]["zh"] = "请在控制台修改备案。"

    plant(data / "remediation.json", change)
    assert new_hits(data) == [
        (f"checker/data/remediation.toml questions.{node}.text.zh", "在控制台修改备案", "变更备案"),
    ]


def test_a_variant_in_a_word_list_is_found_and_the_glossary_lists_are_not(data):
    def change(compiled):
        compiled["words"]["severities"]["warning"]["zh"] = "无法判断"

    plant(data / "words" / "report.json", change)
    assert new_hits(data) == [("checker/data/words/report.toml severities.warning.zh", "无法判断", "无法确定")]
    # The glossary's own rows name their variants (avoid), and its definitions are checked like any word.
    texts = terminology.data_texts(DATA)["zh"]
    assert not any("avoid" in place or "except" in place for place in texts)
    assert any(place.startswith("checker/data/words/site-glossary.toml terms[") for place in texts)


def test_a_variant_in_a_shown_table_is_found_and_a_categorys_other_names_are_not():
    from checker import materials

    real = materials.materials()["unit-certificate"]
    planted = real._replace(name_zh="单位证件（社会团体登记证书等）", note_en="Ask the domain owner.")
    hits = variants(terminology.check_tables({"materials.tsv": {real.key: planted}}))
    assert hits == [
        ("checker/data/materials.tsv unit-certificate.note_en", "domain owner", "domain holder"),
        ("checker/data/materials.tsv unit-certificate.name_zh", "社会团体登记证书", "社会团体法人登记证书"),
    ]
    # What filers type for a category (网约车, 游戏) is data the checker reads, not words it shows.
    rides = _tables.content_categories()["ride-hailing"]
    assert "网约车" in rides.other_names
    assert terminology.check_tables({"content-categories.tsv": {rides.key: rides}}) == []


def test_the_navigation_and_site_texts_are_checked():
    top = {"nav": [{"Home": "index.md"}, {"After": [{"Content and domain owner": "x.md"}]}], "site_name": "X"}
    languages = [
        {"locale": "en", "default": True},
        {"locale": "zh", "nav_translations": {"Access cancelled": "已被取消接入", "Check": "自查联系电话"}},
    ]
    hits = {lang: variants(check_texts(texts, lang)) for lang, texts in config_texts(top, languages).items()}
    assert hits == {
        "en": [("mkdocs.yml: nav Content and domain owner", "domain owner", "domain holder")],
        "zh": [("mkdocs.yml: plugins.i18n.languages[zh].nav_translations.Check", "自查联系电话", "联系方式自助核验")],
    }


# --- the table ---------------------------------------------------------------------------------------------------


def test_the_table_holds_the_review_terms_each_with_why():
    """The "used → standard" rows of zh-review.md and the common term list of issue 14."""
    avoided = {(rule.variant, rule.preferred) for rule in terminology.rules("zh")}
    for pair in [
        ("域名所有者", "域名持有者"),
        ("联系电话核查", "负责人联系方式核验"),
        ("发送验证码", "获取验证码"),
        ("自查联系电话", "联系方式自助核验"),
        ("短信自助核验", "联系方式自助核验"),
        ("幕布照", "当面核验照"),
        ("在控制台修改备案", "变更备案"),
        ("其他单位证书", "其他单位证件"),
        ("社会团体登记证书", "社会团体法人登记证书"),
        ("主体性质", "主办单位性质"),
        ("无法判断", "无法确定"),
        ("一般性说明", "温馨提示"),
        ("网约车", "网络预约出租汽车"),
    ]:
        assert pair in avoided
    assert all(rule.why for lang in ("en", "zh") for rule in terminology.rules(lang))
    defined = {term.names["zh"]: term for term in glossary.load()}
    assert {"管局", "主办单位性质", "当面核验照", "人脸核验", "联系方式自助核验", "首次备案", "变更备案"} <= set(
        defined
    )
    assert "主办单位" in defined["备案主体"].synonyms["zh"] and "新增接入" in defined["接入备案"].synonyms["zh"]
    # Usage rules (a console button) are checked but are not glossary entries.
    assert "获取验证码" not in defined and any(rule.preferred == "获取验证码" for rule in terminology.rules("zh"))


# --- the real project -------------------------------------------------------------------------------------------


class Loader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it, near enough: !ENV gives its default, !!python/name nothing."""


Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def mkdocs_yml() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def rendered(path: Path, config: SimpleNamespace) -> str:
    """A page's source (front matter included) after its Jinja template, as the build renders it."""
    language = "zh" if path.name.endswith(".zh.md") else "en"
    source = path.relative_to(DOCS).as_posix()
    return provider.render(path.read_text(encoding="utf-8"), provider.page_context(config, language), source)


def test_the_glossary_page_shows_the_variants_and_passes(mkdocs_yml):
    config = SimpleNamespace(extra=mkdocs_yml["extra"])
    page = rendered(DOCS / "glossary.zh.md", config)
    assert "<s>域名所有者</s>" in page and "新增接入" in page and "主办单位" in page
    assert check_markdown(page, "zh", "docs/glossary.zh.md") == []
    english = rendered(DOCS / "glossary.md", config)
    assert "<s>domain owner</s>" in english and check_markdown(english, "en", "docs/glossary.md") == []


def test_the_project_uses_the_preferred_terms_everywhere(mkdocs_yml):
    """Every page as rendered, every finding, word list and wizard text, the navigation: no variant. Lists each
    remaining hit (place, variant, preferred term)."""
    config = SimpleNamespace(extra=mkdocs_yml["extra"])
    hits = []
    for path in sorted(DOCS.rglob("*.md")):
        language = "zh" if path.name.endswith(".zh.md") else "en"
        hits += check_markdown(rendered(path, config), language, f"docs/{path.relative_to(DOCS).as_posix()}")
    hits += check_data() + terminology.check_tables()
    i18n = next(plugin["i18n"] for plugin in mkdocs_yml["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    for lang, texts in config_texts(mkdocs_yml, i18n["languages"]).items():
        hits += check_texts(texts, lang)
    assert [str(hit) for hit in hits] == []
