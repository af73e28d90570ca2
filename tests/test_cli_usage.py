"""argparse's own words in `icp-check`'s help and usage errors follow the help's language (checker/cli/_usage.py,
checker/data/words/argparse.toml): a Chinese locale gets no "usage:", "options" or "error: the following arguments
are required" in English. The source the words answer to is argparse itself: every English word must be a message
id this Python's argparse really marks for gettext (or, for the defaults, really uses)."""

from __future__ import annotations

import argparse
import inspect
import re

import pytest

from checker import words
from checker.cli import _usage, main
from chinese_text import english_runs


def argparse_message_ids() -> set[str]:
    """The messages argparse marks for gettext: `_('…')` and both forms of `ngettext('…', '…', n)`."""
    source = inspect.getsource(argparse)
    marked = re.findall(r"""\b_\((['"])(.*?)\1\)""", source)
    plural = re.findall(r"""ngettext\((['"])(.*?)\1,\s*(['"])(.*?)\3""", source)
    found = {text for _, text in marked} | {text for _, text, _, _ in plural} | {text for _, _, _, text in plural}
    return {text.encode().decode("unicode_escape") for text in found}


def test_every_word_is_a_message_argparse_uses():
    ids = argparse_message_ids()
    assert "usage: " in ids and "the following arguments are required: %s" in ids  # the reader itself works
    table = words.load("argparse")
    missing = [word["en"] for key, group in table.items() if key != "defaults" for word in group.values()]
    assert [message for message in missing if message not in ids] == []
    source = inspect.getsource(argparse)
    assert [word["en"] for word in table["defaults"].values() if repr(word["en"]) not in source] == []


def chinese_run(monkeypatch, capsys, *argv: str) -> tuple[int, str]:
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ("field",),
        ("field", "passport", "E12345678", "--document", "bogus"),
        ("bogus",),
        ("validate", "--unknown-option", "x.json"),
        ("access", "example.com", "--timeout"),
    ],
)
def test_a_usage_error_in_a_chinese_locale_is_chinese(monkeypatch, capsys, argv):
    code, printed = chinese_run(monkeypatch, capsys, *argv)
    assert code == 2
    assert "用法：icp-check" in printed and "错误：" in printed
    assert english_runs(printed.split("错误：", 1)[1]) == [], printed


def test_the_help_in_a_chinese_locale_is_chinese(monkeypatch, capsys):
    code, printed = chinese_run(monkeypatch, capsys, "--help")
    assert code == 0
    assert printed.startswith("用法：icp-check")
    assert "选项" in printed and "显示本帮助信息并退出" in printed and "显示程序的版本号并退出" in printed
    assert english_runs(printed) == [], printed


def test_argparse_is_given_back_as_it_was(monkeypatch, capsys):
    chinese_run(monkeypatch, capsys, "field")
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(prog="other")
    with pytest.raises(SystemExit):
        parser.parse_args(["--nope"])
    assert "other: error: unrecognized arguments: --nope" in capsys.readouterr().err


def test_in_english_argparse_keeps_its_words(monkeypatch, capsys):
    monkeypatch.setenv("LC_ALL", "C")
    assert main(["field"]) == 2
    assert "error: the following arguments are required: KIND, VALUE" in capsys.readouterr().err
    assert _usage.translations("en")["usage: "] == "usage: "
