import copy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.exceptions import PluginError

from example_site import EXTRA, PROVIDER
from provider import ACCESS_SCHEMA, MIIT_SCHEMA, PROVIDER_SCHEMA, on_page_markdown, read_block, render

ROOT = Path(__file__).resolve().parents[2]


def extra_with(**changes):
    extra = copy.deepcopy(EXTRA)
    for key, value in changes.items():
        if value is None:
            del extra["provider"][key]
        else:
            extra["provider"][key] = value
    return extra


def test_a_complete_block_is_accepted():
    assert read_block(EXTRA, "provider", PROVIDER_SCHEMA) == PROVIDER
    assert read_block(EXTRA, "miit", MIIT_SCHEMA) == EXTRA["miit"]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"name": None}, r"extra\.provider\.name is missing: set it to the provider's name"),
        ({"phone_check_url": None}, r"extra\.provider\.phone_check_url is missing"),
        ({"console_url": "console.example.com"}, r"extra\.provider\.console_url is 'console\.example\.com'; expected"),
        ({"support_url": {"en": "https://example.com"}}, r"support_url must be one value or have exactly"),
        ({"name": {"en": "Example Cloud", "zh": ""}}, r"extra\.provider\.name"),
        ({"extension_days": 0}, r"extension_days"),
        ({"extension_days": True}, r"extension_days"),
        ({"extension_days": "7"}, r"extension_days"),
        ({"colour": "blue"}, r"unknown keys \['colour'\]"),
        ({"ranges": None}, r"extra\.provider\.ranges is missing: set it to the provider's address ranges"),
        ({"ranges": "example-cloud"}, r"ranges is 'example-cloud'; expected .*tencent-cloud"),
    ],
)
def test_a_bad_block_is_refused_with_the_key_named(changes, message):
    with pytest.raises(PluginError, match=message):
        read_block(extra_with(**changes), "provider", PROVIDER_SCHEMA)


@pytest.mark.parametrize(
    "doh_url, accepted",
    [
        ("/resolve", True),
        ("https://doh.example.com/resolve", True),
        ("http://127.0.0.1:8053/resolve", True),
        ("//doh.example.com/resolve", False),
        ("resolve", False),
        ("", False),
        (None, False),
    ],
)
def test_the_access_block_names_an_endpoint(doh_url, accepted):
    extra = {"access": {"doh_url": doh_url}}
    if accepted:
        assert read_block(extra, "access", ACCESS_SCHEMA) == extra["access"]
    else:
        with pytest.raises(PluginError, match=r"extra\.access\.doh_url is .*; expected the JSON DNS-over-HTTPS"):
            read_block(extra, "access", ACCESS_SCHEMA)


def test_a_missing_block_is_refused():
    with pytest.raises(PluginError, match=r"extra\.provider is missing; it needs the keys name, console_url"):
        read_block({}, "provider", PROVIDER_SCHEMA)


def fake(language, src="page.md", extra=EXTRA):
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src, locale=language))
    config = SimpleNamespace(theme={"language": language}, extra=extra)
    return page, config


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "Ask Example Cloud: [rules](https://example.com/en/rules), 7 days."),
        ("zh", "Ask 示例云: [rules](https://example.com/zh/rules), 7 days."),
    ],
)
def test_pages_see_the_values_of_their_language(language, expected):
    page, config = fake(language)
    source = (
        "Ask {{ provider.name }}: [rules]({{ provider.provincial_rules_url }}), {{ provider.extension_days }} days."
    )
    assert on_page_markdown(source, page, config, None) == expected


def test_pages_see_the_glossary_in_their_language():
    page, config = fake("zh")
    out = on_page_markdown("{% for t in glossary %}{{ t.term }};{% endfor %}", page, config, None)
    assert "空壳主体;" in out and "shell entity" not in out


def test_an_unknown_name_stops_the_build_naming_the_page():
    with pytest.raises(PluginError, match=r"docs/a\.md: 'dict object' has no attribute 'phone'"):
        render("Call {{ provider.phone }}.", {"provider": {}}, "docs/a.md")


def test_a_template_syntax_error_names_the_page_and_line():
    with pytest.raises(PluginError, match=r"a\.md, line 2"):
        render("ok\n{{ provider.name ", {"provider": {}}, "a.md")


def test_the_build_fails_clearly_when_a_required_value_is_missing(tmp_path):
    """A whole `mkdocs build` of the project with one provider value removed stops with a clear message."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    phone_check_url: " in config
    broken = "\n".join(line for line in config.splitlines() if not line.startswith("    phone_check_url: "))
    for name in ("docs", "overrides", "hooks", "data"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "mkdocs.yml").write_text(broken, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "extra.provider.phone_check_url is missing" in result.stderr
    assert not (tmp_path / "site" / "contact-self-check").exists()


def test_the_project_config_has_a_valid_provider_block():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !!python/name …
    # !ENV [NAME, default]: the default, as a build without the variable sees it
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    extra = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra"]
    read_block(extra, "provider", PROVIDER_SCHEMA)
    read_block(extra, "miit", MIIT_SCHEMA)
    read_block(extra, "access", ACCESS_SCHEMA)
