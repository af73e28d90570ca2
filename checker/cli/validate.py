"""``icp-check validate FILE...``: whole filings in JSON, JSON Lines or CSV files (`checker.filing_io`), each
reported as the self-check page reports it (`checker.filing.report`); only counters are kept, so a batch of any
size streams."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from checker import catalogue, field_names, filing_io, words
from checker.cli._output import SYMBOLS, json_line, shown
from checker.filing.reporting import report

NAME = "validate"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help=words.in_language("cli", "validate.files", lang))
    parser.add_argument(
        "--input-format",
        choices=["auto", "csv", "json", "jsonl"],
        default="auto",
        help=words.in_language("cli", "validate.input_format", lang),
    )


class _Progress:
    """A count of filings on stderr, rewritten in place, only when stderr is a terminal."""

    EVERY = 1000

    def __init__(self, err: TextIO, lang: str) -> None:
        self.err, self.shown, self.lang = err, False, lang
        self.live = hasattr(err, "isatty") and err.isatty()

    def update(self, count: int) -> None:
        if self.live and count % self.EVERY == 0:
            shown = words.in_language("cli", "validate.progress", self.lang, count=f"{count:,}")
            print(f"\r{shown}", end="", file=self.err, flush=True)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            print("\r\033[K", end="", file=self.err, flush=True)


def _filing_name(data: object) -> str:
    entity = data.get("entity") if isinstance(data, dict) else None
    name = entity.get("name") if isinstance(entity, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else "?"


def run(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO | None) -> int:
    lang, progress = args.lang, _Progress(err, args.lang)
    counts = {"filings": 0, "ok": 0, "not_ok": 0, **{severity: 0 for severity in catalogue.SEVERITIES}}
    unreadable = 0
    for name in args.files:
        try:
            binary = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            print(shown(f"icp-check: {name}: {error.strerror}"), file=err)
            unreadable += 1
            continue
        format_ = filing_io.guess_format(name, binary) if args.input_format == "auto" else args.input_format
        text = None
        try:
            text = filing_io.decode(binary)
            for record in filing_io.read(text, format_):
                result = report(record.data, lang=lang, problems=record.problems)
                counts["filings"] += 1
                counts["ok" if result["ok"] else "not_ok"] += 1
                for severity, count in result["counts"].items():
                    counts[severity] += count
                _print_filing(args.format, name, record, result, out, lang)
                progress.update(counts["filings"])
        except (filing_io.FormatError, UnicodeDecodeError) as error:
            progress.done()
            message = filing_io.decode_error_message(error) if isinstance(error, UnicodeDecodeError) else error
            print(shown(f"icp-check: {name}: {message}"), file=err)
            unreadable += 1
        finally:
            if text is None:
                if name != "-":
                    binary.close()
            elif name == "-":
                text.detach()  # type: ignore[attr-defined]  # a TextIOWrapper (filing_io.decode): stdin stays open
            else:
                text.close()
    progress.done()
    if args.format == "json":
        print(json_line({"summary": {**counts, "unreadable_files": unreadable}}), file=out)
    else:
        print(words.in_language("cli", "validate.summary", lang, **counts), file=out)
    return 2 if unreadable else 0 if counts["not_ok"] == 0 else 1


def _print_filing(
    format_: str, source: str, record: filing_io.Record, result: dict[str, Any], out: TextIO, lang: str
) -> None:
    if format_ == "json":
        print(json_line({"source": source, "index": record.index, "line": record.line, **result}), file=out)
        return
    verdict = words.in_language("report", "verdicts.ok" if result["ok"] else "verdicts.not_ok", lang)
    where = f"{source}:{record.line}" if record.line else f"{source} #{record.index}"
    print(shown(f"{where} {_filing_name(record.data)} — {verdict}"), file=out)
    for finding in result["findings"]:
        field = f" {_field(finding['field'], lang)}" if finding["field"] else ""  # "": the filing as a whole
        print(shown(f"  {SYMBOLS[finding['severity']]} {finding['code']}{field}: {finding['message']}"), file=out)


def _field(path: str, lang: str) -> str:
    """A finding's field as the text output names it: in words, then the path that finds it in a JSON file
    (a path that names no field of a filing, a key the file should not have, is shown as it is)."""
    name = field_names.name(path)[lang]
    return path if name == path else words.in_language("cli", "validate.field", lang, name=name, path=path)
