from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import checker.words
import languages
from languages import is_localized, localize, page_language


def fake_page(locale=None, src="a.md"):
    file = SimpleNamespace(src_uri=src)
    if locale is not None:
        file.locale = locale
    return SimpleNamespace(file=file)


def fake_config(language="en"):
    return SimpleNamespace(theme={"language": language})


@pytest.mark.parametrize(
    "locale, theme, expected",
    [
        ("zh", "en", "zh"),
        ("en", "zh", "en"),
        (None, "zh", "zh"),
        ("zh-Hans", "en", "zh"),
        ("zh_CN", "en", "zh"),
    ],
)
def test_page_language(locale, theme, expected):
    assert page_language(fake_page(locale), fake_config(theme)) == expected


def test_page_language_rejects_unknown_language():
    with pytest.raises(ValueError, match="fr"):
        page_language(fake_page("fr"), fake_config())


@pytest.mark.parametrize(
    "value, expected",
    [
        ({"en": "a", "zh": "b"}, True),
        ({"en": "a"}, False),
        ({"en": "a", "zh": "b", "fr": "c"}, False),
        ("a", False),
        (None, False),
    ],
)
def test_is_localized(value, expected):
    assert is_localized(value) is expected


def test_localize_resolves_nested_values():
    value = {"name": {"en": "Tencent Cloud", "zh": "腾讯云"}, "urls": [{"en": "e", "zh": "z"}, "same"], "n": 7}
    assert localize(value, "zh") == {"name": "腾讯云", "urls": ["z", "same"], "n": 7}
    assert localize(value, "en") == {"name": "Tencent Cloud", "urls": ["e", "same"], "n": 7}


def test_the_languages_are_the_checkers():
    assert languages.LANGUAGES is checker.words.LANGUAGES


@pytest.mark.parametrize(
    "words, message",
    [
        ({"back": {"en": "Back"}}, r"checker/data/words/site-page\.toml: back needs a text in each of en, zh"),
        ({"back": {"en": "Back", "zh": "  "}}, r"back needs a text"),
        ({"start": {"en": "Start", "zh": "开始"}, "back": "Back"}, r"back needs a text"),
        ({}, r"site-page\.toml: needs a table of keys"),
    ],
)
def test_an_incomplete_word_list_stops_the_build_naming_the_file_and_the_key(monkeypatch, words, message):
    monkeypatch.setattr(checker.words, "load", lambda domain: words if domain == "site-page" else {})
    with pytest.raises(PluginError, match=message):
        languages.read_words("site-page")


def test_a_word_list_not_compiled_stops_the_build_saying_what_to_run():
    with pytest.raises(PluginError, match=r"site-nowhere\.toml: cannot read .*run scripts/update_catalogue\.py"):
        languages.read_words("site-nowhere")
