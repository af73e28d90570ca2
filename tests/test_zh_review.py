"""Each item of the native filer's review of the Chinese edition (../shared/reference/zh-review.md), checked in the
built site: the wording it asked for is on the page, the wording it faulted is not. The variants the review lists
as terminology are the terminology table's (checker/data/words/site-glossary.toml), which fails the build on any of
them (hooks/terminology.py, tests/hooks/test_terminology.py); the checker's side — messages without field paths or
English, today's pre-approval rules, the wizard's branches — is in tests/test_zh_messages.py,
tests/test_approvals.py and tests/test_remediation.py. Tencent's Chinese original is the reference
(tencentyun/qcloud-documents, product/域名与网站/网站备案/常见问题/)."""

from __future__ import annotations

import re

import pytest

from test_site_build import built

# (review item, page, what the Chinese page now says, what it must no longer say)
ITEMS = [
    # Terminology: the console's page and button, one name for the self-verification, 域名持有者.
    ("console page", "contact-self-check", "负责人联系方式核验", "负责人联系电话核查"),
    ("console button", "contact-self-check", "「获取验证码」", "发送验证码"),
    ("one name for the self-verification", "index", "联系方式自助核验", "自查联系电话"),
    ("domain holder", "inspected-items/index", "域名持有者", "域名所有者"),
    ("当面核验照（幕布照）", "inspected-items/materials", "当面核验照（幕布照）", None),
    ("管局 glossed", "why-inspections", "省通信管理局（管局）", None),
    ("the reader is the site's 主办者", "index", "网站主办者", None),
    ("a change goes through the provider then the 管局", "inspected-items/contact", "提交变更备案", "在控制台修改备案"),
    ("接入备案 adds a provider", "inspected-items/access", "新增接入", "转到新的接入商"),
    ("注销, not 删除", "shell-entity", "注销", "删除备案"),
    (
        "其他单位证件",
        "inspected-items/entity",
        "其他单位证件（事业单位法人证书、社会团体法人登记证书等）",
        "其他单位证书",
    ),
    ("主办单位性质", "self-check", "主办单位性质", "主体性质"),
    ("统一社会信用代码 defined", "glossary", "法人和其他组织的18位统一身份识别代码", None),
    ("ICP备案 defined", "glossary", "使用中国内地服务器提供服务的网站", None),
    # Calques.
    ("box title", "inspected-items/contact", "说明", "一般性说明"),
    ("对您的影响", "why-inspections", "对您的影响", "对您意味着什么"),
    ("plain words", "index", "通俗易懂", "大白话"),
    ("被取消接入", "index", "我的备案被取消接入了", "我的接入被取消了"),
    ("专项核查具体检查哪些内容", "inspected-items/index", "专项核查具体检查哪些内容", "核查具体查哪些内容"),
    ("IP address ranges", "inspected-items/index", "接入商的IP地址段比对", "与备案所在接入商的地址比对"),
    ("scan or photo of the original", "inspected-items/entity", "原件的彩色扫描件或照片", "均为彩色原件"),
    (
        "a new person in charge is a change of the person",
        "inspected-items/contact",
        "而不只是修改号码",
        "要更换负责人本人",
    ),
    ("the phone that has the number", "contact-self-check", "手机号码所对应的手机", "那个号码所在的手机"),
    ("access filing where the site is", "inspected-items/access", "接入备案", "把备案转到"),
    ("DNS cache", "inspected-items/access", "缓存（TTL）失效", "等待旧记录过期"),
    ("false filings break the law", "rectification-period", "可能触犯国家相关法律法规", "仅凭这一点"),
    ("shell entity blocks a first-time filing", "shell-entity", "为什么空壳主体会导致无法提交首次备案", "怎么处理掉"),
    ("filing deregistered, not gone", "filing-gone", "注销", "从工信部系统中消失"),
    ("answer a few questions", "remediation", "获取处理步骤", "得出处理步骤"),
    # Seed facts: F7 the person in charge's own numbers; F19 domains that cannot be filed again.
    ("F7", "inspected-items/contact", "须为负责人本人的电话，且有效、可拨通", "备案申请人本人"),
    ("F19", "deregister", "只有后缀列入名单的域名才能备案", None),
    # The original's branches after access is cancelled.
    ("(a) no other provider", "access-cancelled", "该备案没有其他接入商", "申请新的备案"),
    ("(b) 先接入后变更", "access-cancelled", "所在省份允许先接入后变更", None),
    ("(b) not allowed", "access-cancelled", "所在省份不允许先接入后变更", None),
    # What would mislead a filer.
    ("pre-approval on today's rules", "inspected-items/content-and-domain", "已取消的前置审批", None),
    ("not every fix in the console", "inspected-items/index", "并非每一项都在备案控制台里改", "所有整改都在"),
    ("the same person may give the same numbers", "inspected-items/contact", "两处填写同一组号码正是应该的", None),
    (
        "the self-check does not claim to be the inspection",
        "self-check",
        "检查的是核查时会关注的那些方面",
        "检查方式与核查时相同",
    ),
    ("149 is a data card: a warning", "inspected-items/contact", "149号段是中国电信的上网卡号段", None),
    # Consistent names.
    ("无法确定", "how-the-check-decides", "无法确定", "无法判断"),
    ("不属于", "inspected-items/access", "不属于腾讯云", "其他地址"),
    ("ICP备案 without a space", "index", "ICP备案", "ICP 备案"),
]
# Provider links: a Chinese page links the provider's Chinese pages (the review: English pages and a product root).
CHINESE_PROVIDER_PAGES = {
    "access-cancelled": [
        "cloud.tencent.com/document/product/243/19622",
        "cloud.tencent.com/document/product/243/37402",
    ],
    "filing-gone": ["cloud.tencent.com/document/product/243/37405"],
}


@pytest.mark.parametrize("item, stem, says, not_any_more", ITEMS, ids=[item[0] for item in ITEMS])
def test_the_review_item_is_resolved_on_the_chinese_page(item, stem, says, not_any_more):
    text = built(stem, "zh")
    assert says in text, f"{item}: {stem} should say {says!r}"
    if not_any_more:
        assert not_any_more not in text, f"{item}: {stem} still says {not_any_more!r}"


@pytest.mark.parametrize("stem", sorted(CHINESE_PROVIDER_PAGES))
def test_chinese_pages_link_the_providers_chinese_pages(stem):
    from site_pages import pages

    (page,) = [p for p in pages("zh") if p.stem == stem]
    links = re.findall(r'href="(https?://[^"]+)"', page.built_file.read_text(encoding="utf-8"))
    assert not [link for link in links if "intl.cloud.tencent.com" in link]
    for wanted in CHINESE_PROVIDER_PAGES[stem]:
        assert any(wanted in link for link in links), wanted
