"""``icp-check explain CODE``: what a finding code means, how to fix it, and its page."""

from __future__ import annotations

import argparse
from typing import TextIO

from checker import catalogue, words

NAME = "explain"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("code", metavar="CODE", help=words.in_language("cli", "explain.code", lang))


def run(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO | None) -> int:
    code, lang = args.code.upper(), args.lang
    entry = catalogue.entries().get(code)
    if entry is None:
        print(f"icp-check: {words.in_language('cli', 'explain.unknown', lang, code=code)}", file=err)
        return 2
    family = catalogue.family(code)
    print(
        f"{code} ({catalogue.severity_name(entry.severity)[lang]}, {catalogue.item_name(entry.item)[lang]})", file=out
    )
    if family:
        print(family.meaning[lang], file=out)
    print(catalogue.general_message(code)[lang], file=out)
    print(words.in_language("cli", "explain.fix", lang, fix=entry.fix[lang]), file=out)
    print(f"→ {catalogue.page_url(code, lang)}", file=out)
    return 0
