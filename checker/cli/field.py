"""``icp-check field KIND VALUE``: one value of one kind (`checker.fields`, the registry of kinds)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from checker import catalogue, fields, words
from checker.cli._output import SYMBOLS, json_line, shown

NAME = "field"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    def say(key: str, **values: Any) -> str:
        return words.in_language("cli", f"field.{key}", lang, **values)

    parser.add_argument(
        "kind", choices=list(fields.KINDS), metavar="KIND", help=say("kind", kinds=", ".join(fields.KINDS))
    )
    parser.add_argument("value", metavar="VALUE", help=say("value"))
    # Each option a kind's check reads from its context (the passport's document), from the registry.
    for kind in fields.KINDS:
        for option, choices in fields.options(kind).items():
            parser.add_argument(
                f"--{option}", default=fields.Context._field_defaults[option], choices=choices, help=say(option)
            )


def run(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO | None) -> int:
    context = fields.Context(
        **{option: getattr(args, option) for option in fields.Context._fields if hasattr(args, option)}
    )
    result = fields.check_field(args.kind, args.value, lang=args.lang, context=context)
    if args.format == "json":
        print(json_line(result), file=out)
    else:
        _print(result, out, args.lang)
    return 0 if result["ok"] else 1


def _print(result: dict[str, Any], out: TextIO, lang: str) -> None:
    verdict = words.in_language("report", "verdicts.ok" if result["ok"] else "verdicts.not_ok", lang)
    value = result["normalized"] if result["normalized"] is not None else result["input"]
    print(shown(f"{result['kind']}: {value} — {verdict}"), file=out)
    for finding in result["findings"]:
        severity = catalogue.severity_name(finding["severity"])[lang]
        print(shown(f"  {SYMBOLS[finding['severity']]} {severity} {finding['code']}: {finding['message']}"), file=out)
