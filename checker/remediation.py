"""The remediation wizard's engine: what to do after an inspection notice, one question at a time.

The tree is data (checker/data/remediation.toml): questions whose options lead to another question or to an
outcome, and outcomes that are plans (ordered steps with links, and warnings), every text in English and
Chinese. This module loads and validates it, walks it with a list of answers (option ids), goes back, makes the
plan of an outcome, gives a page its state for any answer string (`Tree.state`: what the wizard's page shows,
in the browser through Pyodide), and writes the answers as a short URL-safe string. The tree's entries say
where other tools open it part-answered (the self-check, per inspection item). It knows no node by name:
routing lives only in the data.

    TreeError (ValueError)      the tree is broken (raised by `load`; every problem found, each naming its node)
    AnswerError (ValueError)    answers that do not fit the tree, or an answer string that is malformed: the
                                only exception a URL can trigger; its message is in both languages

A link target is ``page:<path under docs/ without .md>``, ``provider:<key>`` or ``miit:<key>``. Pages become URLs
through a function (`checker.catalogue.site_path` by default: ``zh/contact-self-check/``); provider and MIIT keys through the
site's configuration, ``{"provider": {...}, "miit": {...}}`` as in mkdocs.yml's ``extra`` block. Without
configuration a provider link keeps its label and has no URL (``url`` is None), and texts say "your access
provider"; the MIIT query site has a default address (it belongs to no provider).

>>> tree = default_tree()
>>> position = tree.walk(decode("within.yes.contact"))
>>> position.node, position.is_outcome, position.answers
('phone-owner', False, ('within', 'yes', 'contact'))
>>> result = tree.plan(["within", "yes", "contact", "yes"], "en", {"provider": {"name": "Example Cloud"}})
>>> result["outcome"], result["answer_string"]
('fix-contact-verify', 'within.yes.contact.yes')
>>> result["steps"][1]["links"][0]["label"]
"the contact number check in Example Cloud's console"
>>> decode("within.Yes")
Traceback (most recent call last):
    ...
checker.remediation.AnswerError: 'Yes' is not an answer: answers are lower-case letters, digits and hyphens.
"""

from __future__ import annotations

import functools
import re
import string
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from checker import _tables
from checker.catalogue import site_path

LANGUAGES = ("en", "zh")
LINK_KINDS = ("page", "provider", "miit")
SOURCE = "checker/data/remediation.toml"

# Words a text may contain as {name}, and what they say when the site's configuration does not give them.
PLACEHOLDERS: Mapping[str, Mapping[str, str]] = {
    "provider": {"en": "your access provider", "zh": "接入商"},
    "extension_days": {"en": "several", "zh": "数"},
}
# The MIIT query site is the same for every provider, so links to it work without configuration.
DEFAULT_MIIT = {"query_url": "https://beian.miit.gov.cn/"}

NODE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # also option ids: they go into URLs
LINK_TARGET = re.compile(r"([a-z]+):([a-z0-9_]+(?:[-/][a-z0-9_]+)*)\Z")
SEPARATOR = "."
MAX_ID = 32            # characters in one option id
MAX_ANSWERS = 32       # far deeper than any path: the tree has no cycle and a dozen questions
MAX_STRING = MAX_ANSWERS * (MAX_ID + 1)

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


class Problem(NamedTuple):
    kind: str      # stable: "next", "unreachable", "cycle", "no-options", ... (the tests match on it)
    where: str     # the node or table: "questions.notice.options[2]"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class TreeError(ValueError):
    """The tree is broken: every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem], source: str = SOURCE) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(f"{source}: {len(self.problems)} problem(s) in the remediation tree:\n"
                         + "\n".join(f"  {problem}" for problem in self.problems))

    @property
    def kinds(self) -> list[str]:
        return [problem.kind for problem in self.problems]


class AnswerError(ValueError):
    """Answers that do not fit the tree, or a malformed answer string. `message` has both languages, `code` says
    which: "format", "length", "not-an-option", "after-outcome" or "incomplete". `position` is as far as the
    answers went (None when they could not even be read)."""

    def __init__(self, code: str, en: str, zh: str, position: Position | None = None) -> None:
        self.code, self.message, self.position = code, {"en": en, "zh": zh}, position
        super().__init__(en)

    def __str__(self) -> str:
        return self.message["en"]


# --- Loading and validation ------------------------------------------------------------------------------------

class _Reader:
    """Reads the parsed TOML into nodes, collecting every problem instead of stopping at the first (so one build
    shows them all)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.links_used: dict[str, str] = {}  # target → where first used

    def add(self, kind: str, where: str, message: str) -> None:
        self.problems.append(Problem(kind, where, message))

    def table(self, value: Any, where: str, allowed: Iterable[str], required: Iterable[str] = ()) -> dict:
        if not isinstance(value, dict):
            self.add("type", where, f"must be a table, not {type(value).__name__}")
            return {}
        for key in value.keys() - set(allowed):
            self.add("unknown-key", where, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in value:
                self.add("missing-key", where, f"{key!r} is missing")
        return value

    def text(self, value: Any, where: str) -> Text:
        """One text in every language, with only known placeholders."""
        if not isinstance(value, dict):
            self.add("type", where, "must be a table of languages: en = \"...\", zh = \"...\"")
            return {}
        for lang in value.keys() - set(LANGUAGES):
            self.add("language", where, f"unknown language {lang!r} (languages: {', '.join(LANGUAGES)})")
        for lang in LANGUAGES:
            words = value.get(lang)
            if not isinstance(words, str) or not words.strip():
                self.add("language", where, f"no {lang!r} text")
            else:
                self._placeholders(words, f"{where}.{lang}")
        return MappingProxyType({lang: value[lang] for lang in LANGUAGES if isinstance(value.get(lang), str)})

    def _placeholders(self, words: str, where: str) -> None:
        try:
            fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(words)
                      if name is not None]
        except ValueError as error:  # a lone { or }
            self.add("placeholder", where, f"malformed braces ({error}); known placeholders: "
                                           + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS))
            return
        for name, spec, conversion in fields:
            if name not in PLACEHOLDERS or spec or conversion:
                self.add("placeholder", where, f"unknown placeholder {{{name}}}; known: "
                                               + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS))

    def links(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(target, str) for target in value):
            self.add("type", where, "links must be a list of strings such as \"page:deregister\"")
            return ()
        for target in value:
            match = LINK_TARGET.match(target)
            if not match or match[1] not in LINK_KINDS:
                self.add("link-kind", where, f"unknown link {target!r}: a link is "
                                             + ", ".join(f"{kind}:<key>" for kind in LINK_KINDS))
            else:
                self.links_used.setdefault(target, where)
        return tuple(value)


def load(text: str | None = None, source: str = SOURCE) -> Tree:
    """Parse and validate a tree (the packaged one when `text` is None); TreeError lists every problem."""
    import tomllib  # here, not at the top: only loading a tree needs it

    if text is None:
        text = _tables.read_text("remediation.toml")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TreeError([Problem("toml", source, f"not valid TOML: {error}")], source) from None
    return from_data(data, source)


@functools.cache
def default_tree() -> Tree:
    """The packaged tree, loaded and validated once."""
    return load()


def from_data(data: Mapping[str, Any], source: str = SOURCE) -> Tree:
    """A tree from already-parsed data (TOML or an equal JSON copy); TreeError lists every problem."""
    reader = _Reader()
    top = reader.table(data, "(top level)", ("start", "questions", "outcomes", "shared", "links", "entries"),
                       ("start", "questions", "outcomes", "links"))
    shared = _read_shared(reader, top.get("shared", {}))
    raw_questions, raw_outcomes = top.get("questions", {}), top.get("outcomes", {})
    questions = {node_id: _read_question(reader, node_id, value)
                 for node_id, value in reader.table(raw_questions, "questions", raw_questions).items()}
    outcomes = {node_id: _read_outcome(reader, node_id, value, shared)
                for node_id, value in reader.table(raw_outcomes, "outcomes", raw_outcomes).items()}
    for node_id in [*questions, *outcomes]:
        if not NODE_ID.match(node_id) or len(node_id) > MAX_ID:
            kind = "questions" if node_id in questions else "outcomes"
            reader.add("id", f"{kind}.{node_id}", f"node id {node_id!r} must be lower-case letters, digits and "
                                                  f"single hyphens, at most {MAX_ID} characters")
    for node_id in questions.keys() & outcomes.keys():
        reader.add("duplicate-id", f"outcomes.{node_id}", "is both a question and an outcome")
    labels = _read_labels(reader, top.get("links", {}))
    start = top.get("start")
    if "start" in top and (not isinstance(start, str) or start not in questions):
        reader.add("start", "start", f"{start!r} is not a question of the tree")
    if all(problem.kind not in ("type", "missing-key") for problem in reader.problems):  # else the graph has holes
        _check_graph(reader, start if isinstance(start, str) else "", questions, outcomes)
    if reader.problems:
        raise TreeError(reader.problems, source)
    tree = Tree(start, MappingProxyType(questions), MappingProxyType(outcomes), MappingProxyType(labels))
    entries = _read_entries(reader, tree, top.get("entries", {}))
    if reader.problems:
        raise TreeError(reader.problems, source)
    return tree._replace(entries=MappingProxyType(entries))


def _read_question(reader: _Reader, node_id: str, value: Any) -> Question:
    where = f"questions.{node_id}"
    table = reader.table(value, where, ("text", "help", "options", "links"), ("text",))
    text = reader.text(table.get("text", {}), f"{where}.text")
    help_ = reader.text(table["help"], f"{where}.help") if "help" in table else None
    links = reader.links(table.get("links", []), f"{where}.links")
    raw = table.get("options", [])
    if not isinstance(raw, list) or not raw:
        reader.add("no-options", where, "a question needs at least one option ([[" + where + ".options]])")
        raw = []
    options, seen = [], set()
    for index, item in enumerate(raw):
        at = f"{where}.options[{index}]"
        option = reader.table(item, at, ("id", "text", "next"), ("id", "text", "next"))
        option_id, next_id = option.get("id", ""), option.get("next", "")
        if not isinstance(option_id, str) or not NODE_ID.match(option_id) or len(option_id) > MAX_ID:
            reader.add("option-id", at, f"option id {option_id!r} must be lower-case letters, digits and single "
                                        f"hyphens, at most {MAX_ID} characters")
        elif option_id in seen:
            reader.add("duplicate-option", at, f"option id {option_id!r} is used twice in this question")
        seen.add(option_id)
        options.append(Option(str(option_id), reader.text(option.get("text", {}), f"{at}.text"), str(next_id)))
    return Question(node_id, text, help_, tuple(options), links)


def _read_shared(reader: _Reader, value: Any) -> dict[str, Step]:
    shared = {}
    for shared_id, item in reader.table(value, "shared", value if isinstance(value, dict) else ()).items():
        where = f"shared.{shared_id}"
        table = reader.table(item, where, ("text", "links"), ("text",))
        shared[shared_id] = Step(reader.text(table.get("text", {}), f"{where}.text"),
                                 reader.links(table.get("links", []), f"{where}.links"))
    return shared


def _shared(reader: _Reader, table: dict, where: str, shared: dict[str, Step]) -> Step | None:
    name = table.get("shared")
    if name not in shared:
        reader.add("shared", where, f"unknown shared step {name!r} (known: {', '.join(sorted(shared)) or 'none'})")
        return None
    return shared[name]


def _read_outcome(reader: _Reader, node_id: str, value: Any, shared: dict[str, Step]) -> Outcome:
    where = f"outcomes.{node_id}"
    table = reader.table(value, where, ("title", "summary", "steps", "warnings"), ("title",))
    title = reader.text(table.get("title", {}), f"{where}.title")
    summary = reader.text(table["summary"], f"{where}.summary") if "summary" in table else None
    raw_steps = table.get("steps", [])
    if not isinstance(raw_steps, list) or not raw_steps:
        reader.add("no-steps", where, "an outcome needs at least one step ([[" + where + ".steps]])")
        raw_steps = []
    steps = []
    for index, item in enumerate(raw_steps):
        at = f"{where}.steps[{index}]"
        if isinstance(item, dict) and "shared" in item:
            reader.table(item, at, ("shared",))
            step = _shared(reader, item, at, shared)
        else:
            step_table = reader.table(item, at, ("text", "links"), ("text",))
            step = Step(reader.text(step_table.get("text", {}), f"{at}.text"),
                        reader.links(step_table.get("links", []), f"{at}.links"))
        if step:
            steps.append(step)
    warnings = []
    raw_warnings = table.get("warnings", [])
    if not isinstance(raw_warnings, list):
        reader.add("type", f"{where}.warnings", "must be a list of tables ([[" + where + ".warnings]])")
        raw_warnings = []
    for index, item in enumerate(raw_warnings):
        at = f"{where}.warnings[{index}]"
        if isinstance(item, dict) and "shared" in item:
            reader.table(item, at, ("shared",))
            step = _shared(reader, item, at, shared)
            if step and step.links:
                reader.add("warning-links", at, f"shared step {item['shared']!r} has links; a warning has none")
            text = step.text if step else {}
        else:
            text = reader.text(reader.table(item, at, ("text",), ("text",)).get("text", {}), f"{at}.text")
        warnings.append(text)
    return Outcome(node_id, title, summary, tuple(steps), tuple(warnings))


def _read_labels(reader: _Reader, value: Any) -> dict[str, Text]:
    labels = {}
    for target, item in reader.table(value, "links", value if isinstance(value, dict) else ()).items():
        labels[target] = reader.text(item, f"links.{target!r}")
    for target, where in reader.links_used.items():
        if target not in labels:
            reader.add("link-label", where, f"link {target!r} has no label: add [links.{target!r}] with en and zh")
    for target in labels.keys() - reader.links_used.keys():
        reader.add("unused-label", f"links.{target!r}", "a label that no link uses")
    return labels


def _read_entries(reader: _Reader, tree: Tree, value: Any) -> dict[str, tuple[str, ...]]:
    """Where other tools enter the wizard: each entry's answers must walk the (already valid) tree."""
    entries = {}
    for key, text in reader.table(value, "entries", value if isinstance(value, dict) else ()).items():
        try:
            entries[key] = tree.walk(decode(text)).answers
        except AnswerError as error:
            reader.add("entry", f"entries.{key}", f"{text!r} does not walk the tree: {error}")
    return entries


def _check_graph(reader: _Reader, start: str, questions: dict[str, Question], outcomes: dict[str, Outcome]) -> None:
    """Unknown next nodes, nodes the start cannot reach, and cycles: each stops the build."""
    nodes = questions.keys() | outcomes.keys()
    edges = {node_id: [] for node_id in nodes}
    for question in questions.values():
        for index, option in enumerate(question.options):
            if option.next in nodes:
                edges[question.id].append(option.next)
            else:
                reader.add("next", f"questions.{question.id}.options[{index}]",
                           f"option {option.id!r} leads to {option.next!r}, which is no question or outcome")
    if start in nodes:
        reached, todo = {start}, [start]
        while todo:
            for target in edges[todo.pop()]:
                if target not in reached:
                    reached.add(target)
                    todo.append(target)
        for node_id in sorted(nodes - reached):
            kind = "questions" if node_id in questions else "outcomes"
            reader.add("unreachable", f"{kind}.{node_id}", f"no path from the start ({start!r}) leads here")
    for cycle in _cycles(edges):
        reader.add("cycle", f"questions.{cycle[0]}", "the answers can go round in a circle: "
                                                     + " → ".join(cycle + [cycle[0]]))


def _cycles(edges: Mapping[str, list[str]]) -> list[list[str]]:
    """Each cycle once (rotated to start at its smallest node), found by depth-first search from every node."""
    found: dict[tuple[str, ...], list[str]] = {}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in edges[node]:
            if state.get(target) == 1:
                cycle = path[path.index(target):]
                turn = cycle.index(min(cycle))
                cycle = cycle[turn:] + cycle[:turn]
                found.setdefault(tuple(cycle), cycle)
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return list(found.values())


# --- The tree and what it answers ------------------------------------------------------------------------------

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


def _words(lang: str, config: Mapping[str, Any] | None, page_url: PageURL | None) -> _Words:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    config = config or {}
    provider = config.get("provider") if isinstance(config.get("provider"), Mapping) else {}
    configured = {"provider": _pick(provider.get("name"), lang),
                  "extension_days": _pick(provider.get("extension_days"), lang)}
    fill = {name: configured.get(name) or PLACEHOLDERS[name][lang] for name in PLACEHOLDERS}
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
        node, answered = self.start, []
        for answer in answers:
            here = Position(node, tuple(answered), node in self.outcomes)
            question = self.questions.get(node)
            if question is None:
                raise AnswerError("after-outcome",
                                  f"Too many answers: the plan was reached after {len(answered)}.",
                                  f"回答过多：回答 {len(answered)} 个问题后已得出方案。", here)
            option = question.option(answer) if isinstance(answer, str) else None
            if option is None:
                shown = _shown(answer)
                words = _words("en", None, None), _words("zh", None, None)
                raise AnswerError("not-an-option",
                                  f"“{words[0].text(question.text)}” has no answer {shown}.",
                                  f"“{words[1].text(question.text)}”没有 {shown} 这个选项。", here)
            answered.append((node, option.id))
            node = option.next
        return Position(node, tuple(answered), node in self.outcomes)

    def back(self, answers: Iterable[str]) -> list[str]:
        """The answers one question earlier (the start stays the start)."""
        return list(self.walk(answers).answers[:-1])

    def paths(self) -> list[tuple[str, ...]]:
        """Every path from the start to an outcome, as option ids, in the tree's order."""
        found: list[tuple[str, ...]] = []

        def follow(node: str, answers: tuple[str, ...]) -> None:
            if node in self.outcomes:
                found.append(answers)
                return
            for option in self.questions[node].options:
                follow(option.next, answers + (option.id,))

        follow(self.start, ())
        return found

    def nodes(self) -> list[str]:
        """Every node id, breadth first from the start (the order the flowchart and a page show them)."""
        order, seen = [self.start], {self.start}
        for node in order:
            for option in self.questions[node].options if node in self.questions else ():
                if option.next not in seen:
                    seen.add(option.next)
                    order.append(option.next)
        return order

    def questions_left(self, node: str) -> int:
        """The most questions still to answer from `node` (itself included) before a plan: 0 at an outcome."""
        # The tree has no cycle (load checks it), so the longest path is well defined.
        memo: dict[str, int] = {}

        def left(here: str) -> int:
            if here not in memo:
                memo[here] = 0 if here in self.outcomes else 1 + max(
                    left(option.next) for option in self.questions[here].options)
            return memo[here]

        return left(node)

    def link(self, target: str, words: _Words) -> dict[str, Any]:
        kind, key = target.split(":", 1)
        if kind == "page":
            url = words.page_url(key, words.lang)
        else:
            block = words.config.get(kind)
            if not isinstance(block, Mapping):
                block = DEFAULT_MIIT if kind == "miit" else {}
            url = _pick(block.get(key), words.lang) or (_pick(DEFAULT_MIIT.get(key), words.lang)
                                                         if kind == "miit" else None)
        return {"target": target, "label": words.text(self.labels[target]), "url": url}

    def question_view(self, node: str, lang: str, config: Mapping[str, Any] | None = None,
                      page_url: PageURL | None = None) -> dict[str, Any]:
        """A question in one language, as plain data: what a page or a terminal shows."""
        words, question = _words(lang, config, page_url), self.questions[node]
        return {"id": node, "text": words.text(question.text),
                "help": words.text(question.help) if question.help else None,
                "links": [self.link(target, words) for target in question.links],
                "options": [{"id": option.id, "text": words.text(option.text), "next": option.next}
                            for option in question.options]}

    def outcome_view(self, node: str, lang: str, config: Mapping[str, Any] | None = None,
                     page_url: PageURL | None = None) -> dict[str, Any]:
        """An outcome in one language, as plain data: its title, summary, steps with their links, warnings."""
        words, outcome = _words(lang, config, page_url), self.outcomes[node]
        return {"outcome": node, "title": words.text(outcome.title),
                "summary": words.text(outcome.summary) if outcome.summary else None,
                "steps": [{"text": words.text(step.text), "links": [self.link(target, words) for target in step.links]}
                          for step in outcome.steps],
                "warnings": [words.text(warning) for warning in outcome.warnings]}

    def plan(self, answers: Iterable[str], lang: str, config: Mapping[str, Any] | None = None,
             page_url: PageURL | None = None) -> dict[str, Any]:
        """The plan the answers lead to, as plain data (JSON-ready). AnswerError ("incomplete") when they stop
        at a question."""
        position = self.walk(answers)
        if not position.is_outcome:
            raise AnswerError("incomplete", f"The answers stop at the question {position.node!r}: no plan yet.",
                              f"回答尚未完成，停在问题“{position.node}”：还没有方案。", position)
        return {"lang": lang, **self.outcome_view(position.node, lang, config, page_url),
                "answers": self._answered(position, _words(lang, config, page_url)),
                "answer_string": encode(position.answers)}

    def _answered(self, position: Position, words: _Words) -> list[dict[str, str]]:
        return [{"question": question_id, "option": option_id,
                 "question_text": words.text(self.questions[question_id].text),
                 "option_text": words.text(self.questions[question_id].option(option_id).text)}
                for question_id, option_id in position.answered]

    def state(self, text: str, lang: str, config: Mapping[str, Any] | None = None,
              page_url: PageURL | None = None, address: str | None = None) -> dict[str, Any]:
        """Where a page stands with the answer string from its address, as plain data (JSON-ready).

        Never raises for the string: answers that do not fit leave the visitor as far as they went, and
        `problem` says why in `lang`. `node` is what to show; `answers` the answer string that leads there;
        `back` the one a question earlier (None at the start); `answered` the questions and answers in words;
        `number` the question's number and `most` the most questions the whole walk can take from here; at an
        outcome, `plan` and its Markdown checklist (`markdown`), which links back to `address` (the page's
        address without answers) when one is given.
        """
        words = _words(lang, config, page_url)  # an unknown language is the caller's bug: raises here
        error = None
        try:
            answers = decode(text)
        except AnswerError as malformed:  # keep the answers before the first malformed one
            error, answers = malformed, _well_formed_start(text) if malformed.code == "format" else []
        try:
            position = self.walk(answers)
        except AnswerError as unfit:  # earlier in the string than a malformed answer: say this one
            error, position = unfit, unfit.position
        problem = {"code": error.code, "message": error.message[lang]} if error else None
        answers = encode(position.answers)
        state: dict[str, Any] = {
            "node": position.node, "is_outcome": position.is_outcome, "answers": answers,
            "back": encode(position.answers[:-1]) if position.answers else None,
            "answered": self._answered(position, words),
            "number": len(position.answers) + 1, "most": len(position.answers) + self.questions_left(position.node),
            "problem": problem, "plan": None, "markdown": None,
        }
        if position.is_outcome:
            state["plan"] = self.plan(position.answers, lang, config, page_url)
            link = f"{address}?a={answers}" if address else None
            state["markdown"] = plan_markdown(state["plan"], link)
        return state

    def to_mermaid(self, lang: str = "en", config: Mapping[str, Any] | None = None) -> str:
        """The tree as a Mermaid flowchart (questions as diamonds, outcomes as boxes), every node once."""
        words = _words(lang, config, None)
        lines = ["flowchart TD"]
        for node in self.nodes():
            if node in self.questions:
                lines.append(f'    {_mermaid_id(node)}{{"{_mermaid_text(words.text(self.questions[node].text))}"}}')
            else:
                lines.append(f'    {_mermaid_id(node)}["{_mermaid_text(words.text(self.outcomes[node].title))}"]')
        for node in self.nodes():
            for option in self.questions[node].options if node in self.questions else ():
                lines.append(f'    {_mermaid_id(node)} -->|"{_mermaid_text(words.text(option.text))}"| '
                             f"{_mermaid_id(option.next)}")
        return "\n".join(lines) + "\n"


def _mermaid_id(node: str) -> str:
    # Node ids have only [a-z0-9-]; Mermaid reads "-" next to arrows ambiguously, and "_" is never in an id.
    return "n_" + node.replace("-", "_")


def _mermaid_text(text: str) -> str:
    """A label inside Mermaid's double quotes: quotes and markup characters as Mermaid's entity codes."""
    for char, entity in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;")):
        text = text.replace(char, entity)
    return " ".join(text.split())


def _shown(answer: object) -> str:
    """A typed answer, safe to print: repr (no control characters), cut short."""
    shown = repr(answer) if isinstance(answer, str) else f"a {type(answer).__name__}"
    return shown if len(shown) <= 40 else shown[:37] + "…"


# --- Answer strings --------------------------------------------------------------------------------------------

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
        raise AnswerError("format", "The answers must be text.", "回答必须是文本。")
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


def _well_formed_start(text: str) -> list[str]:
    """The answers of a string up to its first malformed one."""
    answers = []
    for answer in text.split(SEPARATOR)[:MAX_ANSWERS]:
        try:
            _check_answer(answer)
        except AnswerError:
            break
        answers.append(answer)
    return answers


def _check_answer(answer: object) -> None:
    if not isinstance(answer, str) or not NODE_ID.match(answer) or len(answer) > MAX_ID:
        shown = _shown(answer) if answer != "" else "An empty answer"
        raise AnswerError("format",
                          f"{shown} is not an answer: answers are lower-case letters, digits and hyphens.",
                          f"{shown} 不是有效的回答：回答只能由小写字母、数字和连字符组成。")


def _too_long() -> AnswerError:
    return AnswerError("length", f"Too many answers: at most {MAX_ANSWERS}.",
                       f"回答过多：最多 {MAX_ANSWERS} 个。")


# --- Shortcuts on the packaged tree, and the printable plan ----------------------------------------------------

def walk(answers: Iterable[str]) -> Position:
    """`Tree.walk` on the packaged tree."""
    return default_tree().walk(answers)


def back(answers: Iterable[str]) -> list[str]:
    """`Tree.back` on the packaged tree."""
    return default_tree().back(answers)


def plan(answers: Iterable[str], lang: str, config: Mapping[str, Any] | None = None,
         page_url: PageURL | None = None) -> dict[str, Any]:
    """`Tree.plan` on the packaged tree."""
    return default_tree().plan(answers, lang, config, page_url)


MARKDOWN_WORDS = {
    "en": {"answers": "Your answers", "steps": "Steps", "warning": "Warning", "again": "Answer string",
           "link": "Open this plan again"},
    "zh": {"answers": "您的回答", "steps": "步骤", "warning": "注意", "again": "回答代码",
           "link": "再次打开本方案"},
}


def plan_markdown(plan: Mapping[str, Any], address: str | None = None) -> str:
    """A plan as a printable Markdown checklist: one ``- [ ]`` line per step, its links as Markdown links (a
    link without a URL shows its label and configuration key), the warnings as block quotes; at the end the
    answers, and the address that opens the plan again when one is given.

    >>> text = plan_markdown(default_tree().plan(decode("within.entity-gone"), "en"))
    >>> print(text.splitlines()[0]); print(text.splitlines()[6][:48] + " …")
    # Deregister the entity
    - [ ] Make sure no website under the entity is s …
    """
    words = MARKDOWN_WORDS[plan["lang"]]
    colon = "：" if plan["lang"] == "zh" else ": "
    lines = [f"# {plan['title']}", ""]
    if plan["summary"]:
        lines += [plan["summary"], ""]
    lines += [f"## {words['steps']}", ""]
    open_, comma, close = ("（", "，", "）") if plan["lang"] == "zh" else (" (", ", ", ")")
    for step in plan["steps"]:
        links = comma.join(markdown_link(link) for link in step["links"])
        lines.append(f"- [ ] {step['text']}" + (f"{open_}{links}{close}" if links else ""))
    for warning in plan["warnings"]:
        lines += ["", f"> **{words['warning']}**{colon}{warning}"]
    lines += ["", f"## {words['answers']}", ""]
    lines += [f"- {answer['question_text']} — {answer['option_text']}" for answer in plan["answers"]]
    lines += ["", f"{words['again']}{colon}`{plan['answer_string']}`"]
    if address:
        lines += ["", f"{words['link']}{colon}<{address}>"]
    return "\n".join(lines) + "\n"


def markdown_link(link: Mapping[str, Any]) -> str:
    if link["url"] is None:
        return f"{link['label']} ({link['target'].split(':', 1)[1]})"
    return f"[{link['label']}]({link['url']})"
