"""``icp-check wizard``: the remediation wizard (`checker.remediation`) on a terminal, or its plan for given
answers, or its tree as a Mermaid flowchart."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from checker import catalogue, remediation, words

NAME = "wizard"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    def say(key: str) -> str:
        return words.in_language("cli", f"wizard.{key}", lang)

    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--answers", metavar="STRING", help=say("answers"))
    shown.add_argument("--graph", action="store_true", help=say("graph"))
    parser.add_argument("--config", metavar="FILE", help=say("config"))
    parser.add_argument("--site-url", metavar="URL", help=say("site_url"))


def run(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO | None) -> int:
    stdin = stdin or sys.stdin
    lang, tree = args.lang, remediation.default_tree()
    if args.graph:
        print(remediation.mermaid(tree, lang), end="", file=out)
        return 0
    try:
        config = _wizard_config(args.config, lang)
    except ValueError as error:
        print(f"icp-check: {args.config}: {error}", file=err)
        return 2
    site_url = (args.site_url or "").rstrip("/")
    page_url = (lambda path, lang_: f"{site_url}/{catalogue.site_path(path, lang_)}") if site_url else None
    if args.answers is None:
        if not (hasattr(stdin, "isatty") and stdin.isatty()):
            print(f"icp-check: {words.in_language('cli', 'wizard.no_terminal', lang)}", file=err)
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


def _wizard_config(name: str | None, lang: str) -> dict[str, Any]:
    """The site configuration from a JSON file (mkdocs.yml's extra block); ValueError says what is wrong."""
    if name is None:
        return {}
    try:
        with open(name, encoding="utf-8") as file:
            config = json.load(file)
    except OSError as error:
        raise ValueError(error.strerror) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(words.in_language("cli", "wizard.not_json", lang, error=error)) from None
    blocks = ("provider", "miit")
    if not isinstance(config, dict) or not all(isinstance(config.get(block, {}), dict) for block in blocks):
        raise ValueError(words.in_language("cli", "wizard.bad_config", lang))
    return config


def _print_question(view: dict[str, Any], position: remediation.Position, format_: str, out: TextIO, lang: str) -> None:
    """A question the answers stop at: for a script (JSON) or a person (Markdown)."""
    if format_ == "json":
        print(
            json.dumps(
                {
                    "lang": lang,
                    "question": view,
                    "answers": list(position.answers),
                    "answer_string": remediation.encode(position.answers),
                },
                ensure_ascii=False,
            ),
            file=out,
        )
        return
    print(f"## {view['text']}\n", file=out)
    if view["help"]:
        print(f"{view['help']}\n", file=out)
    for link in view["links"]:
        print(f"→ {remediation.markdown_link(link)}", file=out)
    print(f"{words.in_language('cli', 'wizard.next', lang)}\n", file=out)
    for option in view["options"]:
        print(f"- `{option['id']}`: {option['text']}", file=out)


def _ask(
    tree: remediation.Tree,
    lang: str,
    config: dict[str, Any],
    page_url: Callable[[str, str], str] | None,
    out: TextIO,
    stdin: TextIO,
) -> int:
    """The interactive wizard: one question at a time until a plan (0), or until the filer quits (3)."""

    def say(key: str, **values: Any) -> str:
        return words.in_language("cli", f"wizard.{key}", lang, **values)

    answers: list[str] = []
    print(say("keys"), file=out)
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
                print(say("first"), file=out)
        elif choice.isascii() and choice.isdigit() and 1 <= int(choice) <= len(ids):
            answers.append(ids[int(choice) - 1])
        elif choice in ids:
            answers.append(choice)
        else:
            print(say("unknown", choice=line.strip()[:40]), file=out)
