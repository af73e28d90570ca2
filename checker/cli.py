"""``icp-check``: check ICP filing fields from the command line.

    icp-check field KIND VALUE [--format text|json] [--lang en|zh]
    icp-check validate FILE... [--format text|json] [--lang en|zh]   (FILE: .json, .jsonl, .csv or - for stdin)
    icp-check explain CODE [--lang en|zh]
    icp-check access DOMAIN... [--doh URL] [--provider KEY] [--timeout S] [--format text|json] [--lang en|zh]
    icp-check wizard [--answers STRING | --graph] [--format markdown|json] [--config FILE] [--site-url URL]
                     [--lang en|zh]

Exit status: 0 when every value or filing is ok (no error), 1 when one is not, 2 for a usage error (including a
file that cannot be read as filings; the other files are still checked).

``validate --format json`` prints JSON Lines: one object per filing, then ``{"summary": {...}}``.

What a file or a value brings along is never printed raw: in text output, control characters are shown escaped
(``\\x1b``, ``\\n``) and hidden, bidirectional and surrogate code points as ``<U+202E>``, so a value cannot move
the cursor, recolour or clear the terminal or reverse a line; JSON output writes them as ``\\u`` escapes (the
same strings once parsed). When the reader of the output goes away (``icp-check validate … | head``),
``icp-check`` stops quietly with status 141, as a program stopped by SIGPIPE does.

``access`` is the access check (inspected item 4, `checker.access`): each domain and its ``www.`` name are looked
up, A and AAAA, through a DNS-over-HTTPS JSON endpoint (``--doh``; the default is the local endpoint that
``make serve`` runs), and every address is compared with the provider's network ranges. Only the names are sent,
one HTTP GET per lookup, each given ``--timeout`` seconds. Its exit status: 0 when every domain passes, 1 when
one fails, 3 when none fails but one could not be checked (unknown: a lookup failed, which is never a failure),
2 for a usage error (an invalid domain or endpoint). ``--format json`` prints `checker.access`'s report.

``wizard`` is the remediation wizard (`checker.remediation`): what to do after an inspection notice. On a terminal
it asks one question at a time (an option's number or id, ``b`` back, ``q`` quit) and prints the plan as a
Markdown checklist, with the answer string that gives it again. ``--answers STRING`` (option ids joined by ".",
as the plan prints it; "" is the start) prints the plan without asking, as Markdown or JSON; ``--graph`` prints
the tree as a Mermaid flowchart. Links to the provider's pages need the site's configuration, which lives in
mkdocs.yml (YAML, which the checker does not read): ``--config FILE`` takes the same ``extra`` block as JSON,
``{"provider": {"name": ..., "console_url": ...}, "miit": {...}}``; without it those links show their label and
key, and texts say "your access provider". ``--site-url`` makes page links absolute and ends the Markdown with
the link that reopens the plan on the site. Its exit status: 0 when a plan (or the graph) is printed, 3 when
there is no plan yet (the answers stop at a question, which is printed with its options; or the filer quit), 2
for a usage error (a malformed answer string or one that does not fit the tree, an unreadable --config, or no
terminal and no --answers or --graph).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable, TextIO

from checker import __version__, _tables, _text, access, catalogue, domain, fields, filing, filing_io, remediation
from checker.exceptions import ValidationError

SYMBOLS = {"error": "✗", "warning": "!", "info": "i"}
DOH_DEFAULT = "http://127.0.0.1:8053/resolve"  # icp-doh, the site's own endpoint as `make serve` runs it
ANSWER_BYTES = 1 << 20  # a DoH answer larger than this is refused: real ones are a few kilobytes at most
BROKEN_PIPE = 141  # 128 + SIGPIPE: the status of a Unix tool whose reader went away

# What a terminal must not receive raw from the input: control characters (C0, DEL, C1; line breaks too, a
# finding is one line), the line and paragraph separators, and the hidden characters of checker._text (format
# and bidirectional controls, surrogates …). JSON escapes C0 itself; the rest is escaped after it.
_UNSAFE_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|" + _text.HIDDEN.pattern)
_UNSAFE_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029]|" + _text.HIDDEN.pattern)
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def shown(text: str) -> str:
    """Text as printed on a terminal: control characters escaped, hidden ones named by code point.

    >>> shown("exa\\x1b[31mmple\\u202e.com\\n")
    'exa\\\\x1b[31mmple<U+202E>.com\\\\n'
    """
    def escape(match: re.Match[str]) -> str:
        point = ord(match[0])
        return _ESCAPES.get(match[0]) or (f"\\x{point:02x}" if point < 0xA0 else f"<U+{point:04X}>")
    return _UNSAFE_TEXT.sub(escape, text)


def json_line(data: object) -> str:
    """Data as one line of JSON, readable text (ensure_ascii=False) except what `shown` escapes, written as
    \\u escapes (a lone surrogate too, which could not be written out as UTF-8 at all)."""
    def escape(match: re.Match[str]) -> str:
        point = ord(match[0])
        if point > 0xFFFF:
            point -= 0x10000
            return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"
        return f"\\u{point:04x}"
    return _UNSAFE_JSON.sub(escape, json.dumps(data, ensure_ascii=False))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="icp-check", description="Check ICP filing fields, offline.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    field = commands.add_parser("field", help="check one value", description="Check one value of a filing field.")
    field.add_argument("kind", choices=list(fields.KINDS), metavar="KIND",
                       help="one of: " + ", ".join(fields.KINDS))
    field.add_argument("value", metavar="VALUE")
    field.add_argument("--format", choices=["text", "json"], default="text")
    field.add_argument("--lang", choices=list(catalogue.LANGUAGES), default="en")
    field.add_argument("--document", default=fields.PASSPORT_DEFAULT, choices=fields.options("passport")["document"],
                       help="for KIND passport: which document the number is from")

    validate = commands.add_parser("validate", help="check whole filings in files",
                                   description="Check filings in JSON, JSON Lines or CSV files (- for stdin).")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--format", choices=["text", "json"], default="text")
    validate.add_argument("--lang", choices=list(catalogue.LANGUAGES), default="en")
    validate.add_argument("--input-format", choices=["auto", "csv", "json", "jsonl"], default="auto",
                          help="how to read the files (default: from the extension, or the first character)")

    explain = commands.add_parser("explain", help="what a finding means and how to fix it")
    explain.add_argument("code", metavar="CODE")
    explain.add_argument("--lang", choices=list(catalogue.LANGUAGES), default="en")

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
    check.add_argument("--lang", choices=list(catalogue.LANGUAGES), default="en")

    wizard = commands.add_parser("wizard", help="what to do after an inspection notice, one question at a time",
                                 description="The remediation wizard: answer one question at a time (on a "
                                             "terminal), or give the answers at once, and get a plan.")
    shown = wizard.add_mutually_exclusive_group()
    shown.add_argument("--answers", metavar="STRING",
                       help='the answers: option ids joined by "." (as a plan prints them); prints the plan')
    shown.add_argument("--graph", action="store_true", help="print the tree as a Mermaid flowchart")
    wizard.add_argument("--format", choices=["markdown", "json"], default="markdown")
    wizard.add_argument("--lang", choices=list(catalogue.LANGUAGES), default="en")
    wizard.add_argument("--config", metavar="FILE",
                        help='the site configuration as JSON: mkdocs.yml\'s extra block, {"provider": {...}, '
                             '"miit": {...}}, for the provider\'s name and links')
    wizard.add_argument("--site-url", metavar="URL",
                        help="the knowledge base's address, for absolute page links and the link back to the plan")
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
    value = result["normalized"] if result["normalized"] is not None else result["input"]
    print(shown(f"{result['kind']}: {value} — {verdict}"), file=out)
    for finding in result["findings"]:
        severity = catalogue.SEVERITIES[finding["severity"]][lang]
        print(shown(f"  {SYMBOLS[finding['severity']]} {severity} {finding['code']}: {finding['message']}"),
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
            print(shown(f"icp-check: {name}: {error.strerror}"), file=err)
            unreadable += 1
            continue
        format_ = filing_io.guess_format(name, binary) if args.input_format == "auto" else args.input_format
        text = None
        try:
            text = filing_io.decode(binary)
            for record in filing_io.read(text, format_):
                result = filing.report(record.data, lang=lang, problems=record.problems)
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
                text.detach()  # standard input stays open
            else:
                text.close()
    progress.done()
    if args.format == "json":
        print(json_line({"summary": {**counts, "unreadable_files": unreadable}}), file=out)
    else:
        words = {"en": "{filings} filings: {ok} ok, {not_ok} not ok; {error} errors, {warning} warnings, {info} notes",
                 "zh": "共 {filings} 份备案：{ok} 份通过，{not_ok} 份未通过；错误 {error} 条，警告 {warning} 条，提示 {info} 条"}
        print(words[lang].format(**counts), file=out)
    return 2 if unreadable else 0 if counts["not_ok"] == 0 else 1


def _print_filing(format_: str, source: str, record: filing_io.Record, result: dict, out: TextIO, lang: str) -> None:
    if format_ == "json":
        print(json_line({"source": source, "index": record.index, "line": record.line, **result}), file=out)
        return
    verdict = {"en": ("ok", "not ok"), "zh": ("通过", "未通过")}[lang][0 if result["ok"] else 1]
    where = f"{source}:{record.line}" if record.line else f"{source} #{record.index}"
    print(shown(f"{where} {_filing_name(record.data)} — {verdict}"), file=out)
    for finding in result["findings"]:
        field = f" {finding['field']}" if finding["field"] else ""  # "": the filing as a whole
        print(shown(f"  {SYMBOLS[finding['severity']]} {finding['code']}{field}: {finding['message']}"), file=out)


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None,
         stdin: TextIO | None = None) -> int:
    try:
        return _main(argv, out or sys.stdout, err or sys.stderr, stdin)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly. Standard output is pointed at the null device so that
        # Python's own flush at exit does not fail again and print a traceback.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # no file descriptor (a StringIO, Pyodide)
            pass
        return BROKEN_PIPE


def _main(argv: list[str] | None, out: TextIO, err: TextIO, stdin: TextIO | None) -> int:
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
    if args.command == "wizard":
        return _wizard(args, out, err, stdin or sys.stdin)

    result = fields.check_field(args.kind, args.value, lang=args.lang,
                                  context=fields.Context(document=args.document))
    if args.format == "json":
        print(json_line(result), file=out)
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
            print(shown(f"icp-check: {typed}: {error.message[args.lang]}"), file=err)
            return 2
    check = access.AccessCheck(args.domains, args.provider)
    report = access.run(check, doh_fetch(args.doh, args.timeout)).report(args.lang)
    if args.format == "json":
        print(json_line(report), file=out)
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


WIZARD_WORDS = {
    "en": {"keys": "Type a number (or the option's id), b to go back, q to quit.", "first": "This is the first "
           "question.", "unknown": "{choice!r} is not one of the options.", "next": "Add one of these ids to the "
           "answer string (after a \".\") to go on.", "no-terminal": "wizard: standard input is not a terminal; "
           "give --answers STRING (or --graph)"},
    "zh": {"keys": "输入序号（或选项的 id），b 返回上一题，q 退出。",
           "first": "这已经是第一个问题。",
           "unknown": "{choice!r} 不是可选的选项。",
           "next": "在回答代码后加上“.”和下列 id 之一，即可继续。",
           "no-terminal": "wizard：标准输入不是终端；请给出 --answers 回答代码（或 --graph）"},
}


def _wizard(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    lang, tree = args.lang, remediation.default_tree()
    if args.graph:
        print(tree.to_mermaid(lang), end="", file=out)
        return 0
    try:
        config = _wizard_config(args.config)
    except ValueError as error:
        print(f"icp-check: {args.config}: {error}", file=err)
        return 2
    site_url = (args.site_url or "").rstrip("/")
    page_url = (lambda path, lang_: f"{site_url}/{catalogue.site_path(path, lang_)}") if site_url else None
    if args.answers is None:
        if not (hasattr(stdin, "isatty") and stdin.isatty()):
            print(f"icp-check: {WIZARD_WORDS[lang]['no-terminal']}", file=err)
            return 2
        return _ask(tree, lang, config, page_url, out, stdin)
    try:
        position = tree.walk(remediation.decode(args.answers))
    except remediation.AnswerError as error:
        print(f"icp-check: {error.message[lang]}", file=err)
        return 2
    if not position.is_outcome:
        _print_question(tree.question_view(position.node, lang, config, page_url), position, args.format, out, lang)
        return 3
    result = tree.plan(position.answers, lang, config, page_url)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False), file=out)
    else:
        # With the site's address, the checklist ends with the link that opens the plan again (as the page's does).
        wizard_page = f"{site_url}/{catalogue.site_path('remediation', lang)}" if site_url else None
        address = f"{wizard_page}?a={result['answer_string']}" if wizard_page else None
        print(remediation.plan_markdown(result, address), end="", file=out)
    return 0


def _wizard_config(name: str | None) -> dict:
    """The site configuration from a JSON file (mkdocs.yml's extra block); ValueError says what is wrong."""
    if name is None:
        return {}
    try:
        with open(name, encoding="utf-8") as file:
            config = json.load(file)
    except OSError as error:
        raise ValueError(error.strerror) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"not valid JSON ({error})") from None
    blocks = ("provider", "miit")
    if not isinstance(config, dict) or not all(isinstance(config.get(block, {}), dict) for block in blocks):
        raise ValueError('expected an object such as {"provider": {"name": ..., "console_url": ...}, "miit": {...}}')
    return config


def _print_question(view: dict, position: remediation.Position, format_: str, out: TextIO, lang: str) -> None:
    """A question the answers stop at: for a script (JSON) or a person (Markdown)."""
    if format_ == "json":
        print(json.dumps({"lang": lang, "question": view, "answers": list(position.answers),
                          "answer_string": remediation.encode(position.answers)}, ensure_ascii=False), file=out)
        return
    print(f"## {view['text']}\n", file=out)
    if view["help"]:
        print(f"{view['help']}\n", file=out)
    for link in view["links"]:
        print(f"→ {remediation.markdown_link(link)}", file=out)
    print(f"{WIZARD_WORDS[lang]['next']}\n", file=out)
    for option in view["options"]:
        print(f"- `{option['id']}`: {option['text']}", file=out)


def _ask(tree: remediation.Tree, lang: str, config: dict, page_url: Callable | None, out: TextIO,
         stdin: TextIO) -> int:
    """The interactive wizard: one question at a time until a plan (0), or until the filer quits (3)."""
    words, answers = WIZARD_WORDS[lang], []
    print(words["keys"], file=out)
    while True:
        position = tree.walk(answers)
        if position.is_outcome:
            print("", file=out)
            print(remediation.plan_markdown(tree.plan(answers, lang, config, page_url)), end="", file=out)
            return 0
        view = tree.question_view(position.node, lang, config, page_url)
        print(f"\n{len(answers) + 1}. {view['text']}", file=out)
        if view["help"]:
            print(f"   {view['help']}", file=out)
        for link in view["links"]:
            print(f"   → {remediation.markdown_link(link)}", file=out)
        for number, option in enumerate(view["options"], 1):
            print(f"  {number}) {option['text']}", file=out)
        print("> ", end="", file=out, flush=True)
        line = stdin.readline()
        choice = line.strip().lower()
        if not line or choice == "q":  # end of input counts as quitting
            print("", file=out)
            return 3
        ids = [option["id"] for option in view["options"]]
        if choice == "b":
            if answers:
                answers.pop()
            else:
                print(words["first"], file=out)
        elif choice.isascii() and choice.isdigit() and 1 <= int(choice) <= len(ids):
            answers.append(ids[int(choice) - 1])
        elif choice in ids:
            answers.append(choice)
        else:
            print(words["unknown"].format(choice=line.strip()[:40]), file=out)


if __name__ == "__main__":
    raise SystemExit(main())
