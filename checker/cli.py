"""``icp-check``: check ICP filing fields from the command line.

    icp-check field KIND VALUE [--format text|json] [--lang en|zh]
    icp-check validate FILE... [--format text|json] [--lang en|zh]   (FILE: .json, .jsonl, .csv or - for stdin)
    icp-check explain CODE [--lang en|zh]
    icp-check access DOMAIN... [--doh URL] [--provider KEY] [--timeout S] [--format text|json] [--lang en|zh]

Exit status: 0 when every value or filing is ok (no error), 1 when one is not, 2 for a usage error (including a
file that cannot be read as filings; the other files are still checked).

``validate --format json`` prints JSON Lines: one object per filing, then ``{"summary": {...}}``.

``access`` is the access check (inspected item 4, `checker.access`): each domain and its ``www.`` name are looked
up, A and AAAA, through a DNS-over-HTTPS JSON endpoint (``--doh``; the default is the local endpoint that
``make serve`` runs), and every address is compared with the provider's network ranges. Only the names are sent,
one HTTP GET per lookup, each given ``--timeout`` seconds. Its exit status: 0 when every domain passes, 1 when
one fails, 3 when none fails but one could not be checked (unknown: a lookup failed, which is never a failure),
2 for a usage error (an invalid domain or endpoint). ``--format json`` prints `checker.access`'s report.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable, TextIO

from checker import __version__, _tables, access, catalogue, domain, fields, filing, filing_io
from checker.exceptions import ValidationError

SYMBOLS = {"error": "✗", "warning": "!", "info": "i"}
DOH_DEFAULT = "http://127.0.0.1:8053/resolve"  # icp-doh, the site's own endpoint as `make serve` runs it
ANSWER_BYTES = 1 << 20  # a DoH answer larger than this is refused: real ones are a few kilobytes at most


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

    validate = commands.add_parser("validate", help="check whole filings in files",
                                   description="Check filings in JSON, JSON Lines or CSV files (- for stdin).")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--format", choices=["text", "json"], default="text")
    validate.add_argument("--lang", choices=list(fields.LANGUAGES), default="en")
    validate.add_argument("--input-format", choices=["auto", "csv", "json", "jsonl"], default="auto",
                          help="how to read the files (default: from the extension, or the first character)")

    explain = commands.add_parser("explain", help="what a finding means and how to fix it")
    explain.add_argument("code", metavar="CODE")
    explain.add_argument("--lang", choices=list(fields.LANGUAGES), default="en")

    check = commands.add_parser("access", help="check where filed domains resolve (inspected item 4)",
                                description="Look each domain and its www. name up through a DNS-over-HTTPS "
                                            "JSON endpoint and compare every address with the access provider's "
                                            "network ranges. Only the names are sent.")
    check.add_argument("domains", nargs="+", metavar="DOMAIN")
    check.add_argument("--doh", type=_endpoint, default=DOH_DEFAULT, metavar="URL",
                       help="the JSON DoH endpoint (default: %(default)s, the local one of `make serve`)")
    check.add_argument("--provider", choices=_tables.providers(), default=access.DEFAULT_PROVIDER,
                       help="the access provider whose ranges count (default: %(default)s)")
    check.add_argument("--timeout", type=_seconds, default=5.0, metavar="S",
                       help="seconds each lookup may take (default: %(default)s)")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--lang", choices=list(fields.LANGUAGES), default="en")
    return parser


def _endpoint(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"{value!r} is not an http:// or https:// URL")
    return value


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < 3600:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds above 0")
    return seconds


def _print_field(result: dict, out: TextIO, lang: str) -> None:
    verdict = {"en": ("ok", "not ok"), "zh": ("通过", "未通过")}[lang][0 if result["ok"] else 1]
    shown = result["normalized"] if result["normalized"] is not None else result["input"]
    print(f"{result['kind']}: {shown} — {verdict}", file=out)
    for finding in result["findings"]:
        print(f"  {SYMBOLS[finding['severity']]} {finding['severity']} {finding['code']}: {finding['message']}",
              file=out)


class _Progress:
    """A count of filings on stderr, rewritten in place, only when stderr is a terminal."""

    EVERY = 1000

    def __init__(self, err: TextIO) -> None:
        self.err, self.shown = err, False
        self.live = hasattr(err, "isatty") and err.isatty()

    def update(self, count: int) -> None:
        if self.live and count % self.EVERY == 0:
            print(f"\r{count:,} filings checked", end="", file=self.err, flush=True)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            print("\r\033[K", end="", file=self.err, flush=True)


def _filing_name(data: object) -> str:
    entity = data.get("entity") if isinstance(data, dict) else None
    name = entity.get("name") if isinstance(entity, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else "?"


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang, progress = args.lang, _Progress(err)
    counts = {"filings": 0, "ok": 0, "not_ok": 0, **{severity: 0 for severity in catalogue.SEVERITIES}}
    unreadable = 0
    for name in args.files:
        try:
            binary = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            print(f"icp-check: {name}: {error.strerror}", file=err)
            unreadable += 1
            continue
        format_ = filing_io.guess_format(name, binary) if args.input_format == "auto" else args.input_format
        text = filing_io.decode(binary)
        try:
            for record in filing_io.read(text, format_):
                result = filing.report(record.data, lang=lang)
                counts["filings"] += 1
                counts["ok" if result["ok"] else "not_ok"] += 1
                for severity, count in result["counts"].items():
                    counts[severity] += count
                _print_filing(args.format, name, record, result, out, lang)
                progress.update(counts["filings"])
        except (filing_io.FormatError, UnicodeDecodeError) as error:
            progress.done()
            print(f"icp-check: {name}: {error}", file=err)
            unreadable += 1
        finally:
            if name == "-":
                text.detach()  # standard input stays open
            else:
                text.close()
    progress.done()
    if args.format == "json":
        print(json.dumps({"summary": {**counts, "unreadable_files": unreadable}}), file=out)
    else:
        words = {"en": "{filings} filings: {ok} ok, {not_ok} not ok; {error} errors, {warning} warnings, {info} notes",
                 "zh": "共 {filings} 份备案：{ok} 份通过，{not_ok} 份未通过；错误 {error} 条，警告 {warning} 条，提示 {info} 条"}
        print(words[lang].format(**counts), file=out)
    return 2 if unreadable else 0 if counts["not_ok"] == 0 else 1


def _print_filing(format_: str, source: str, record: filing_io.Record, result: dict, out: TextIO, lang: str) -> None:
    if format_ == "json":
        print(json.dumps({"source": source, "index": record.index, "line": record.line, **result},
                         ensure_ascii=False), file=out)
        return
    verdict = {"en": ("ok", "not ok"), "zh": ("通过", "未通过")}[lang][0 if result["ok"] else 1]
    where = f"{source}:{record.line}" if record.line else f"{source} #{record.index}"
    print(f"{where} {_filing_name(record.data)} — {verdict}", file=out)
    for finding in result["findings"]:
        print(f"  {SYMBOLS[finding['severity']]} {finding['code']} {finding['field']}: {finding['message']}",
              file=out)


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse: --help and --version exit 0, usage errors 2
        return int(exit_.code or 0)

    if args.command == "explain":
        return _explain(args.code.upper(), args.lang, out, err)
    if args.command == "validate":
        return _validate(args, out, err)
    if args.command == "access":
        return _access(args, out, err)

    result = fields.check_field(args.kind, args.value, lang=args.lang, document=args.document)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False), file=out)
    else:
        _print_field(result, out, args.lang)
    return 0 if result["ok"] else 1


def _explain(code: str, lang: str, out: TextIO, err: TextIO) -> int:
    entry = fields.explain(code)
    if entry is None:
        print(f"icp-check: unknown finding code {code!r}", file=err)
        return 2
    family = catalogue.family(code)
    print(f"{code} ({catalogue.SEVERITIES[entry.severity][lang]}, {catalogue.ITEMS[entry.item][lang]})", file=out)
    if family:
        print(family.meaning[lang], file=out)
    print(catalogue.general_message(code)[lang], file=out)
    print(("Fix: " if lang == "en" else "修改方法：") + entry.fix[lang], file=out)
    print(f"→ {catalogue.page_url(code, lang)}", file=out)
    return 0


def doh_fetch(endpoint: str, timeout: float) -> Callable[[access.Lookup], str]:
    """A blocking JSON DoH client for `access.run`: GET ``{endpoint}?name=…&type=…``, the body as text, or
    OSError when there is no usable answer (refused, timed out, an HTTP error status, a broken response)."""

    def fetch(lookup: access.Lookup) -> str:
        query = urllib.parse.urlencode({"name": lookup.name, "type": lookup.type})
        request = urllib.request.Request(f"{endpoint}{'&' if '?' in endpoint else '?'}{query}",
                                         headers={"Accept": "application/dns-json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read(ANSWER_BYTES + 1)
        except urllib.error.HTTPError as error:
            error.close()
            raise OSError(f"HTTP status {error.code}") from error
        except urllib.error.URLError as error:  # its reason reads better: "timed out", "Connection refused"
            raise OSError(str(error.reason)) from error
        except http.client.HTTPException as error:  # a broken response; the other failures are OSErrors already
            raise OSError(f"broken HTTP response ({type(error).__name__})") from error
        if len(body) > ANSWER_BYTES:
            raise OSError(f"answer larger than {ANSWER_BYTES} bytes")
        return body.decode("utf-8", errors="replace")

    return fetch


ACCESS_WORDS = {
    "en": {"ranges": "{provider}'s network ranges: {source} ({date})", "pass": "pass", "fail": "fail",
           "unknown": "unknown", "none": "no address", "provider": "on {provider}", "other": "not on {provider}",
           "private": "private or reserved"},
    "zh": {"ranges": "{provider}的IP地址段：{source}（{date}）", "pass": "通过", "fail": "不通过",
           "unknown": "无法确定", "none": "无解析记录", "provider": "属于{provider}", "other": "不属于{provider}",
           "private": "内网或保留地址"},
}


def _access(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    for typed in args.domains:
        try:
            domain.validate(typed)
        except ValidationError as error:
            print(f"icp-check: {typed}: {error.message[args.lang]}", file=err)
            return 2
    check = access.AccessCheck(args.domains, args.provider)
    report = access.run(check, doh_fetch(args.doh, args.timeout)).report(args.lang)
    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False), file=out)
    else:
        _print_access(report, out, ACCESS_WORDS[args.lang])
    counts = report["counts"]
    return 1 if counts["fail"] else 3 if counts["unknown"] else 0


def _print_access(report: dict, out: TextIO, words: dict[str, str]) -> None:
    provider = report["provider"]
    print(words["ranges"].format(provider=provider["name"], source=provider["source"], date=provider["date"]),
          file=out)
    print(provider["caveat"], file=out)
    kinds = {kind: words[kind].format(provider=provider["name"]) for kind in ("provider", "other", "private")}
    for result in report["domains"]:
        print(f"\n{result['unicode']} — {words[result['verdict']]}", file=out)
        for name in result["names"]:
            if name["outcome"] == "addresses":
                found = ", ".join(f"{address['address']} ({kinds[address['kind']]})" for address in name["addresses"])
            else:
                found = words[name["outcome"]] + (f" ({name['detail']})" if name["detail"] else "")
            chain = "".join(f" → {target}" for target in name["chain"])
            print(f"  {name['name']} {name['type']}{chain}: {found}", file=out)
        for finding in result["findings"]:
            print(f"  {SYMBOLS[finding['severity']]} {finding['code']}: {finding['message']}", file=out)


if __name__ == "__main__":
    raise SystemExit(main())
