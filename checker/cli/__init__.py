"""``icp-check``: check ICP filing fields from the command line.

    icp-check field KIND VALUE [--format text|json] [--lang en|zh]
    icp-check validate FILE... [--format text|json] [--lang en|zh]   (FILE: .json, .jsonl, .csv or - for stdin)
    icp-check explain CODE [--lang en|zh]
    icp-check access DOMAIN... [--doh URL] [--provider KEY] [--timeout S] [--format text|json] [--lang en|zh]
    icp-check site URL... [--filing FILE] [--timeout S] [--format text|json | --json] [--lang en|zh]
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

``site`` is the footer check (part of inspected item 5, `checker.footer`): each homepage is fetched (one GET, a
bare domain as ``http://domain/``; redirects followed only within the same site, at most 5; nothing else is
requested; at most 2 MiB read) and checked for the ICP filing number linked to https://beian.miit.gov.cn and the
公安备案号 linked to the public-security platform; ``--filing FILE`` compares the numbers and the entity's name
with a filing's. Its exit status is ``access``'s: 0 all pass, 1 one fails, 3 none fails but one could not be
decided (the page could not be fetched or read), 2 for a usage error. ``--json`` is ``--format json``.

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
import os
import sys
from types import ModuleType
from typing import TextIO

from checker import __version__, words
from checker.cli import access, explain, field, site, validate, wizard
from checker.cli._output import help_language, json_line, shown
from checker.cli._usage import argparse_words

__all__ = ["COMMANDS", "json_line", "main", "shown"]

# The commands, in the order of the help. Each module has NAME, `add_arguments(parser, lang)` and
# `run(args, out, err, stdin) -> int`; the options every command shares are added here.
COMMANDS: tuple[ModuleType, ...] = (field, validate, explain, access, site, wizard)
FORMATS = {
    "field": ("text", "json"),
    "validate": ("text", "json"),
    "access": ("text", "json"),
    "site": ("text", "json"),
    "wizard": ("markdown", "json"),
}
BROKEN_PIPE = 141  # 128 + SIGPIPE: the status of a Unix tool whose reader went away


def _parser(lang: str) -> argparse.ArgumentParser:
    """The command line, its help in `lang`."""

    def say(key: str) -> str:
        return words.in_language("cli", key, lang)

    parser = argparse.ArgumentParser(prog="icp-check", description=say("program.description"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=words.in_language("argparse", "defaults.version", lang),
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        sub = commands.add_parser(
            command.NAME, help=say(f"{command.NAME}.help"), description=say(f"{command.NAME}.description")
        )
        command.add_arguments(sub, lang)
        if command.NAME in FORMATS:
            sub.add_argument(
                "--format", choices=FORMATS[command.NAME], default=FORMATS[command.NAME][0], help=say("program.format")
            )
        sub.add_argument("--lang", choices=list(words.LANGUAGES), default="en", help=say("program.lang"))
    return parser


def main(
    argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None, stdin: TextIO | None = None
) -> int:
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
    lang = help_language()
    try:
        with argparse_words(lang):
            args = _parser(lang).parse_args(argv)
    except SystemExit as exit_:  # argparse: --help and --version exit 0, usage errors 2
        return int(exit_.code or 0)
    command = next(command for command in COMMANDS if args.command == command.NAME)
    return int(command.run(args, out, err, stdin))


if __name__ == "__main__":
    raise SystemExit(main())
