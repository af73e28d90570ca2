"""``icp-check``: check ICP filing fields from the command line.

    icp-check field KIND VALUE [--format text|json] [--lang en|zh]
    icp-check explain CODE [--lang en|zh]

Exit status: 0 when the value is ok (no error), 1 when it is not, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from checker import __version__, fields

SYMBOLS = {"error": "✗", "warning": "!", "info": "i"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="icp-check", description="Check ICP filing fields, offline.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    field = commands.add_parser("field", help="check one value", description="Check one value of a filing field.")
    field.add_argument("kind", choices=list(fields.KINDS), metavar="KIND",
                       help="one of: " + ", ".join(fields.KINDS))
    field.add_argument("value", metavar="VALUE")
    field.add_argument("--format", choices=["text", "json"], default="text")
    field.add_argument("--lang", choices=list(fields.LANGUAGES), default="en")
    field.add_argument("--document", default=fields.PASSPORT_DEFAULT,
                       choices=["mainland-passport", "hk-macau-permit", "taiwan-permit", "foreign-passport"],
                       help="for KIND passport: which document the number is from")

    explain = commands.add_parser("explain", help="what a finding means and how to fix it")
    explain.add_argument("code", metavar="CODE")
    explain.add_argument("--lang", choices=list(fields.LANGUAGES), default="en")
    return parser


def _print_field(result: dict, out: TextIO, lang: str) -> None:
    verdict = {"en": ("ok", "not ok"), "zh": ("通过", "未通过")}[lang][0 if result["ok"] else 1]
    shown = result["normalized"] if result["normalized"] is not None else result["input"]
    print(f"{result['kind']}: {shown} — {verdict}", file=out)
    for finding in result["findings"]:
        print(f"  {SYMBOLS[finding['severity']]} {finding['severity']} {finding['code']}: {finding['message']}",
              file=out)


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse: --help and --version exit 0, usage errors 2
        return int(exit_.code or 0)

    if args.command == "explain":
        explanation = fields.explain(args.code.upper())
        if explanation is None:
            print(f"icp-check: unknown finding code {args.code!r}", file=err)
            return 2
        print(f"{args.code.upper()}\n{explanation.meaning[args.lang]}\n{explanation.fix[args.lang]}\n"
              f"→ {('zh/' if args.lang == 'zh' else '')}{explanation.page}/", file=out)
        return 0

    result = fields.check_field(args.kind, args.value, lang=args.lang, document=args.document)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False), file=out)
    else:
        _print_field(result, out, args.lang)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
