"""argparse's own words ("usage:", "options", its usage errors) in the language of `icp-check`'s help.

argparse marks its messages for gettext and looks them up through its module's ``_`` and ``ngettext`` when it
builds a parser and when it reports an error. gettext would read a compiled catalogue from the system's locale
directory, which a wheel cannot install; so while `icp-check` builds and runs its parser those two names point at
checker/data/words/argparse.toml (each word's English is argparse's message id), and they are put back afterwards.
A message id the table lacks stays as argparse wrote it.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from checker import words


def translations(lang: str) -> dict[str, str]:
    """argparse's message ids and their text in `lang`."""
    table: dict[str, str] = {}
    for group in words.load("argparse").values():
        for word in group.values():
            table[word["en"]] = word[lang]
    return table


@contextlib.contextmanager
def argparse_words(lang: str) -> Iterator[None]:
    """argparse speaks `lang` inside the block."""
    table = translations(lang)

    def gettext(message: str) -> str:
        return table.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    saved: dict[str, Callable[..., Any]] = {name: getattr(argparse, name) for name in ("_", "ngettext")}
    setattr(argparse, "_", gettext)  # noqa: B010 - a private name of argparse's module: setattr says so
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(argparse, name, function)


def seconds(value: str, lang: str) -> float:
    """A time-out typed on the command line: seconds above 0 and below an hour; ArgumentTypeError, in `lang`,
    otherwise (the commands' argparse `type`, given their help's language)."""
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number < 3600:
        raise argparse.ArgumentTypeError(words.in_language("cli", "arguments.not_seconds", lang, value=value))
    return number
