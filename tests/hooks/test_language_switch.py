import jinja2
import pytest

from language_switch import absolute, language_home, on_env, page_root_path, rewrite


@pytest.mark.parametrize(
    "site_url, page_url, expected",
    [
        ("http://127.0.0.1:8000/", "shell-entity/", "/shell-entity/"),
        ("https://example.com/icp/", "", "/icp/"),
        ("https://example.com/icp", "zh/a/", "/icp/zh/a/"),
        (None, "a/", "/a/"),
    ],
)
def test_page_root_path(site_url, page_url, expected):
    assert page_root_path(site_url, page_url) == expected


@pytest.mark.parametrize(
    "href, page_path, expected",
    [
        ("../../access-cancelled/", "/zh/access-cancelled/", "/access-cancelled/"),
        ("./", "/zh/access-cancelled/", "/zh/access-cancelled/"),
        ("zh/", "/", "/zh/"),
        ("../", "/zh/", "/"),
        (".", "/", "/"),
    ],
)
def test_absolute(href, page_path, expected):
    assert absolute(href, page_path) == expected


def test_rewrite_moves_alternates_out_of_materials_way_and_makes_switching_a_full_load():
    page_html = (
        '<head><link rel="alternate" href="../../a/" hreflang="en">'
        '<link rel="alternate" href="./" hreflang="zh"></head>'
        '<body><a href="../../a/" hreflang="en" class="md-select__link">English</a></body>'
    )
    out = rewrite(page_html, "/zh/a/")
    assert 'rel="alternate"' not in out
    assert '<meta name="alternate-page" data-lang="en" content="/a/">' in out
    assert '<meta name="alternate-page" data-lang="zh" content="/zh/a/">' in out
    assert '<a href="../../a/" hreflang="en" class="md-select__link" target="_self">English</a>' in out


@pytest.mark.parametrize(
    "site_url, language, expected",
    [
        ("http://127.0.0.1:8000/", "en", "/"),
        ("http://127.0.0.1:8000/", "zh", "/zh/"),
        ("https://example.com/icp", "zh", "/icp/zh/"),
    ],
)
def test_language_home(site_url, language, expected):
    assert language_home(site_url, language) == expected


def test_templates_make_page_addresses_with_the_catalogues_helper():
    env = on_env(jinja2.Environment(), config=None, files=None)
    template = env.from_string(
        "{{ 'index' | site_path('zh') }} {{ 'index' | site_path('en') }}|"
        "{{ 'inspected-items/index' | site_path('zh') }} {{ 'glossary' | site_path('en') }}"
    )
    assert template.render() == "zh/ |zh/inspected-items/ glossary/"
