"""Answer strings: the answers (option ids) as a short URL-safe string, and back (`encode`, `decode`).

AnswerError (ValueError)    answers that do not fit the tree, or an answer string that is malformed: the
                            only exception a URL can trigger; its message is in both languages
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from checker import words

NODE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # also option ids: they go into URLs
SEPARATOR = "."
MAX_ID = 32  # characters in one option id
MAX_ANSWERS = 32  # far deeper than any path: the tree has no cycle and a dozen questions
MAX_STRING = MAX_ANSWERS * (MAX_ID + 1)


class AnswerError(ValueError):
    """Answers that do not fit the tree, or a malformed answer string. `message` has both languages, `code` says
    which: "format", "length", "not-an-option", "after-outcome" or "incomplete". `position` is as far as the
    answers went (a `checker.remediation.tree.Position`; None when they could not even be read)."""

    def __init__(self, code: str, position: Any = None, *, word: str | None = None, **values: Any) -> None:
        """`code` names the problem; its words (checker/data/words/wizard.toml, ``errors``, the code's own unless
        `word` names another) are filled in with `values`."""
        self.code, self.position = code, position
        self.message = words.text("wizard", f"errors.{word or code.replace('-', '_')}", **values)
        super().__init__(self.message["en"])

    def __str__(self) -> str:
        return self.message["en"]


def encode(answers: Iterable[str]) -> str:
    """The answers as a short URL-safe string: option ids joined by ".".

    >>> encode(["after", "access-cancelled", "no", "shell"])
    'after.access-cancelled.no.shell'
    """
    answers = list(answers)
    for answer in answers:
        _check_answer(answer)
    if len(answers) > MAX_ANSWERS:
        raise _too_long()
    return SEPARATOR.join(answers)


def decode(text: str) -> list[str]:
    """The answers in a string made by `encode` ("" is no answer yet). AnswerError for anything else, never
    another exception, whatever the string.

    >>> decode("after.access-cancelled.no.shell")
    ['after', 'access-cancelled', 'no', 'shell']
    >>> decode("")
    []
    """
    if not isinstance(text, str):
        raise AnswerError("format", word="not_text")
    if len(text) > MAX_STRING:
        raise _too_long()
    if text == "":
        return []
    answers = text.split(SEPARATOR)
    if len(answers) > MAX_ANSWERS:
        raise _too_long()
    for answer in answers:
        _check_answer(answer)
    return answers


def well_formed_start(text: str) -> list[str]:
    """The answers of a string up to its first malformed one."""
    answers = []
    for answer in text.split(SEPARATOR)[:MAX_ANSWERS]:
        try:
            _check_answer(answer)
        except AnswerError:
            break
        answers.append(answer)
    return answers


def shown(answer: object) -> str:
    """A typed answer, safe to print: repr (no control characters), cut short."""
    text = repr(answer) if isinstance(answer, str) else f"a {type(answer).__name__}"
    return text if len(text) <= 40 else text[:37] + "…"


def _check_answer(answer: object) -> None:
    if not isinstance(answer, str) or not NODE_ID.match(answer) or len(answer) > MAX_ID:
        what = shown(answer) if answer != "" else words.text("wizard", "errors.empty_answer")
        raise AnswerError("format", what=what)


def _too_long() -> AnswerError:
    return AnswerError("length", most=MAX_ANSWERS)
