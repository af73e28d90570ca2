"""The remediation tree as a model, and walking it: where answers lead, what a page shows there, and plans.

A validated tree (`checker.remediation.loader` makes one) is immutable: questions whose options lead to another
question or to an outcome, outcomes that are plans (ordered steps with links, and warnings), every text in
English and Chinese, and the link labels. `Tree.state` says where a page stands for any answer string; it never
raises for the string. The tree knows no node by name: routing lives only in the data.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from checker import words
from checker.catalogue import site_path
from checker.remediation.answers import (
    AnswerError,
    encode,
    shown,
)
from checker.words import LANGUAGES

# Words a text may contain as {name}; what they say when the site's configuration does not give them is in
# checker/data/words/wizard.toml.
PLACEHOLDERS = ("provider", "extension_days")
# The MIIT query site is the same for every provider, so links to it work without configuration.
DEFAULT_MIIT = {"query_url": "https://beian.miit.gov.cn/"}

Text = Mapping[str, str]  # language → text
PageURL = Callable[[str, str], str]  # (page path under docs/ without .md, language) → URL


class Option(NamedTuple):
    id: str
    text: Text
    next: str


class Question(NamedTuple):
    id: str
    text: Text
    help: Text | None
    options: tuple[Option, ...]
    links: tuple[str, ...]

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)


class Step(NamedTuple):
    text: Text
    links: tuple[str, ...]


class Outcome(NamedTuple):
    id: str
    title: Text
    summary: Text | None
    steps: tuple[Step, ...]
    warnings: tuple[Text, ...]


class Position(NamedTuple):
    """Where a list of answers leads: the node reached and the (question id, option id) pairs on the way."""

    node: str
    answered: tuple[tuple[str, str], ...]
    is_outcome: bool

    @property
    def answers(self) -> tuple[str, ...]:
        return tuple(option for _, option in self.answered)


def _pick(value: Any, lang: str) -> str | None:
    """A configured value: one string for both languages, or ``{"en": ..., "zh": ...}``."""
    if isinstance(value, Mapping):
        value = value.get(lang)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value)


class _Words(NamedTuple):
    lang: str
    config: Mapping[str, Any]
    page_url: PageURL
    fill: Mapping[str, str]  # placeholder → its words in this language

    def text(self, text: Text) -> str:
        return text[self.lang].format(**self.fill)


def words_for(lang: str, config: Mapping[str, Any] | None, page_url: PageURL | None) -> _Words:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    config = config or {}
    provider = config.get("provider")
    if not isinstance(provider, Mapping):
        provider = {}
    configured = {
        "provider": _pick(provider.get("name"), lang),
        "extension_days": _pick(provider.get("extension_days"), lang),
    }
    fill = {
        name: configured.get(name) or words.in_language("wizard", f"placeholders.{name}", lang) for name in PLACEHOLDERS
    }
    return _Words(lang, config, page_url or site_path, fill)


class Tree(NamedTuple):
    """A validated remediation tree; immutable (its tables are read-only views)."""

    start: str
    questions: Mapping[str, Question]
    outcomes: Mapping[str, Outcome]
    labels: Mapping[str, Text]  # link target → its label
    entries: Mapping[str, tuple[str, ...]] = MappingProxyType({})  # entry name → the answers it stands for

    def walk(self, answers: Iterable[str]) -> Position:
        """Follow the answers from the start. AnswerError when one is not an option of the question it answers,
        or when answers go on after an outcome; its `position` is as far as the good answers went."""
        node, answered = self.start, list[tuple[str, str]]()
        for answer in answers:
            here = Position(node, tuple(answered), node in self.outcomes)
            question = self.questions.get(node)
            if question is None:
                raise AnswerError("after-outcome", here, count=len(answered))
            option = question.option(answer) if isinstance(answer, str) else None
            if option is None:
                what = shown(answer)
                asked = {lang: words_for(lang, None, None).text(question.text) for lang in LANGUAGES}
                raise AnswerError("not-an-option", here, question=asked, what=what)
            answered.append((node, option.id))
            node = option.next
        return Position(node, tuple(answered), node in self.outcomes)

    def nodes(self) -> list[str]:
        """Every node id, breadth first from the start (the order the flowchart and a page show them)."""
        order, seen = [self.start], {self.start}
        for node in order:
            for option in self.questions[node].options if node in self.questions else ():
                if option.next not in seen:
                    seen.add(option.next)
                    order.append(option.next)
        return order

    def walks(self) -> list[tuple[str, str]]:
        """Every answer string that fits the tree ("" included) and the node it reaches, shortest first (so the
        first string that reaches a node is a shortest way there). What a page follows before Python runs."""
        found: list[tuple[str, str]] = []
        todo: deque[tuple[str, tuple[str, ...]]] = deque([(self.start, ())])
        while todo:
            node, answers = todo.popleft()
            found.append((encode(answers), node))
            for option in self.questions[node].options if node in self.questions else ():
                todo.append((option.next, (*answers, option.id)))
        return found

    def questions_left(self, node: str) -> int:
        """The most questions still to answer from `node` (itself included) before a plan: 0 at an outcome."""
        # The tree has no cycle (the loader checks it), so the longest path is well defined.
        memo: dict[str, int] = {}

        def left(here: str) -> int:
            if here not in memo:
                memo[here] = (
                    0
                    if here in self.outcomes
                    else 1 + max(left(option.next) for option in self.questions[here].options)
                )
            return memo[here]

        return left(node)

    def link(self, target: str, words: _Words) -> dict[str, Any]:
        kind, key = target.split(":", 1)
        url: str | None
        if kind == "page":
            url = words.page_url(key, words.lang)
        else:
            block = words.config.get(kind)
            if not isinstance(block, Mapping):
                block = DEFAULT_MIIT if kind == "miit" else {}
            url = _pick(block.get(key), words.lang) or (
                _pick(DEFAULT_MIIT.get(key), words.lang) if kind == "miit" else None
            )
        return {"target": target, "label": words.text(self.labels[target]), "url": url}

    def question_view(
        self, node: str, lang: str, config: Mapping[str, Any] | None = None, page_url: PageURL | None = None
    ) -> dict[str, Any]:
        """A question in one language, as plain data: what a page or a terminal shows."""
        words, question = words_for(lang, config, page_url), self.questions[node]
        return {
            "id": node,
            "text": words.text(question.text),
            "help": words.text(question.help) if question.help else None,
            "links": [self.link(target, words) for target in question.links],
            "options": [
                {"id": option.id, "text": words.text(option.text), "next": option.next} for option in question.options
            ],
        }

    def outcome_view(
        self, node: str, lang: str, config: Mapping[str, Any] | None = None, page_url: PageURL | None = None
    ) -> dict[str, Any]:
        """An outcome in one language, as plain data: its title, summary, steps with their links, warnings."""
        words, outcome = words_for(lang, config, page_url), self.outcomes[node]
        return {
            "outcome": node,
            "title": words.text(outcome.title),
            "summary": words.text(outcome.summary) if outcome.summary else None,
            "steps": [
                {"text": words.text(step.text), "links": [self.link(target, words) for target in step.links]}
                for step in outcome.steps
            ],
            "warnings": [words.text(warning) for warning in outcome.warnings],
        }

    def plan(
        self,
        answers: Iterable[str],
        lang: str,
        config: Mapping[str, Any] | None = None,
        page_url: PageURL | None = None,
    ) -> dict[str, Any]:
        """The plan the answers lead to, as plain data (JSON-ready). AnswerError ("incomplete") when they stop
        at a question."""
        position = self.walk(answers)
        if not position.is_outcome:
            raise AnswerError("incomplete", position, node=position.node)
        return {
            "lang": lang,
            **self.outcome_view(position.node, lang, config, page_url),
            "answers": self.answered(position, words_for(lang, config, page_url)),
            "answer_string": encode(position.answers),
        }

    def answered(self, position: Position, words: _Words) -> list[dict[str, str]]:
        return [
            {
                "question": question_id,
                "option": option_id,
                "question_text": words.text(self.questions[question_id].text),
                "option_text": words.text(self._option(question_id, option_id).text),
            }
            for question_id, option_id in position.answered
        ]

    def _option(self, question_id: str, option_id: str) -> Option:
        option = self.questions[question_id].option(option_id)
        assert option is not None, (question_id, option_id)  # a Position is made by walking this tree
        return option
