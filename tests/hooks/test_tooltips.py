from types import SimpleNamespace

import pytest

from tooltips import add_tooltips, on_page_content


def abbr_count(html: str) -> int:
    return html.count("<abbr ")


def test_english_terms_get_a_tooltip_once_per_page():
    html = "<p>Talk to your access provider. The access provider decides.</p>"
    out = add_tooltips(html, "en")
    assert abbr_count(out) == 1
    assert out.startswith('<p>Talk to your <abbr title="The cloud or hosting company')
    assert out.endswith("The access provider decides.</p>")


def test_english_matches_whole_words_ignoring_case_and_keeps_the_text():
    out = add_tooltips("<p>MIIT and miit, but not MIITS or pre-MIIT.</p>", "en")
    assert '<abbr title="The Ministry of Industry and Information Technology' in out
    assert ">MIIT</abbr> and miit, but not MIITS or pre-MIIT." in out


def test_variants_of_one_term_count_as_one():
    out = add_tooltips("<p>A shell entity. Two shell entities.</p>", "en")
    assert abbr_count(out) == 1


def test_chinese_terms_match_inside_running_text():
    out = add_tooltips("<p>如果备案主体已经成为空壳主体，需要先注销。</p>", "zh")
    assert ">备案主体</abbr>" in out and ">空壳主体</abbr>" in out


def test_the_longest_term_wins():
    out = add_tooltips("<p>请登录工信部备案管理系统查询。</p>", "zh")
    assert ">工信部备案管理系统</abbr>" in out
    assert abbr_count(out) == 1


@pytest.mark.parametrize(
    "html",
    [
        "<h2>Shell entity</h2>",
        '<p><a href="x/">shell entity</a></p>',
        "<p><code>shell entity</code></p>",
        "<pre><code>shell entity\n</code></pre>",
        '<p><abbr title="x">shell entity</abbr></p>',
        '<h3 id="a">What a <em>shell entity</em> is</h3>',
    ],
)
def test_no_tooltips_where_they_would_be_wrong(html):
    assert add_tooltips(html, "en") == html


def test_text_after_a_skipped_element_is_matched():
    out = add_tooltips("<h2>Shell entity</h2><p>A shell entity.</p>", "en")
    assert out == (
        '<h2>Shell entity</h2><p>A <abbr title="A filing entity left with no website or no access; '
        'it must usually be deregistered before filing again.">shell entity</abbr>.</p>'
    )


def test_definitions_are_escaped_for_the_attribute():
    out = add_tooltips("<p>Look it up in the MIIT filing system.</p>", "en")
    assert 'title="MIIT&#x27;s public ICP/IP/domain filing system' in out


def test_filing_number_is_not_matched_inside_the_phone_number_word():
    assert abbr_count(add_tooltips("<p>备案号码</p>", "zh")) == 0


def page(src, locale):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src, locale=locale))


def test_the_glossary_page_gets_no_tooltips():
    config = SimpleNamespace(theme={"language": "zh"})
    html = "<p>空壳主体</p>"
    assert on_page_content(html, page("glossary.zh.md", "zh"), config, None) == html
    assert abbr_count(on_page_content(html, page("shell-entity.zh.md", "zh"), config, None)) == 1


@pytest.mark.parametrize(
    "html",
    [
        "<!-- a > MIIT --><p>text</p>",  # a comment holding ">" is one piece, not a tag and text
        '<p title="a > b">x</p><code class="x>y">MIIT</code>',  # ">" inside an attribute's value
        "<pre>\n<code>MIIT\n</code>\n</pre>",  # skipped elements over several lines
    ],
)
def test_html_is_read_as_html_not_cut_at_every_angle_bracket(html):
    assert add_tooltips(html, "en") == html


def test_the_page_comes_back_unchanged_apart_from_the_tooltips():
    html = (
        "<!DOCTYPE html>\n<h1 id=miit>MIIT</h1>\n<p>The MIIT &amp; you &lt;3<br/>\n"
        "<img alt='x'> a &gt; b, 3 < 4</p>\n<script>if (a < b) x = '<p>MIIT</p>'</script>"
    )
    out = add_tooltips(html, "en")
    assert abbr_count(out) == 1 and out.count("MIIT") == html.count("MIIT")
    assert out.replace(out[out.index("<abbr ") : out.index(">MIIT</abbr>") + 1], "").replace("</abbr>", "") == html
