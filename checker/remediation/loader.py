"""Loading and validating the remediation tree: people edit checker/data/remediation.toml, and
scripts/update_catalogue.py compiles it to checker/data/remediation.json, which is what the checker reads at run
time (JSON parses fast in the browser; a test keeps the two equal). `from_data` validates parsed data and makes a
`Tree`; `load` parses a TOML text first (broken trees in the tests).

    TreeError (ValueError)      the tree is broken (every problem found, each naming its node)

A link target is ``page:<path under docs/ without .md>``, ``provider:<key>`` or ``miit:<key>``.
"""

from __future__ import annotations

import functools
import json
import re
import string
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from checker import _tables
from checker.remediation.answers import MAX_ID, NODE_ID, AnswerError, decode
from checker.remediation.tree import (
    PLACEHOLDERS,
    Option,
    Outcome,
    Question,
    Step,
    Text,
    Tree,
)
from checker.words import LANGUAGES

LINK_KINDS = ("page", "provider", "miit")
SOURCE = "checker/data/remediation.toml"
COMPILED = "remediation.json"  # in checker/data/: {"source": ..., "tree": the TOML's data}
LINK_TARGET = re.compile(r"([a-z]+):([a-z0-9_]+(?:[-/][a-z0-9_]+)*)\Z")


class Problem(NamedTuple):
    kind: str  # stable: "next", "unreachable", "cycle", "no-options", ... (the tests match on it)
    where: str  # the node or table: "questions.notice.options[2]"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class TreeError(ValueError):
    """The tree is broken: every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem], source: str = SOURCE) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(
            f"{source}: {len(self.problems)} problem(s) in the remediation tree:\n"
            + "\n".join(f"  {problem}" for problem in self.problems)
        )

    @property
    def kinds(self) -> list[str]:
        return [problem.kind for problem in self.problems]


class _Reader:
    """Reads the parsed TOML into nodes, collecting every problem instead of stopping at the first (so one build
    shows them all)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.links_used: dict[str, str] = {}  # target → where first used

    def add(self, kind: str, where: str, message: str) -> None:
        self.problems.append(Problem(kind, where, message))

    def table(self, value: Any, where: str, allowed: Iterable[str], required: Iterable[str] = ()) -> dict[str, Any]:
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
            self.add("type", where, 'must be a table of languages: en = "...", zh = "..."')
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
            fields = [
                (name, spec, conversion)
                for _, name, spec, conversion in string.Formatter().parse(words)
                if name is not None
            ]
        except ValueError as error:  # a lone { or }
            self.add(
                "placeholder",
                where,
                f"malformed braces ({error}); known placeholders: " + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            )
            return
        for name, spec, conversion in fields:
            if name not in PLACEHOLDERS or spec or conversion:
                self.add(
                    "placeholder",
                    where,
                    f"unknown placeholder {{{name}}}; known: " + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                )

    def links(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(target, str) for target in value):
            self.add("type", where, 'links must be a list of strings such as "page:deregister"')
            return ()
        for target in value:
            match = LINK_TARGET.match(target)
            if not match or match[1] not in LINK_KINDS:
                self.add(
                    "link-kind",
                    where,
                    f"unknown link {target!r}: a link is " + ", ".join(f"{kind}:<key>" for kind in LINK_KINDS),
                )
            else:
                self.links_used.setdefault(target, where)
        return tuple(value)


@functools.cache
def default_tree() -> Tree:
    """The packaged tree (its compiled JSON), loaded and validated once."""
    data = json.loads(_tables.read_text(COMPILED))
    return from_data(data["tree"], f"checker/data/{COMPILED} (compiled from {SOURCE})")


def load(text: str, source: str = SOURCE) -> Tree:
    """Parse and validate a tree written in TOML (as checker/data/remediation.toml); TreeError lists every
    problem. The packaged tree is `default_tree()`."""
    import tomllib  # here, not at the top: the packaged tree is read from JSON

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TreeError([Problem("toml", source, f"not valid TOML: {error}")], source) from None
    return from_data(data, source)


def from_data(data: Mapping[str, Any], source: str = SOURCE) -> Tree:
    """A tree from already-parsed data (the TOML's, or its compiled JSON); TreeError lists every problem."""
    reader = _Reader()
    top = reader.table(
        data,
        "(top level)",
        ("start", "questions", "outcomes", "shared", "links", "entries"),
        ("start", "questions", "outcomes", "links"),
    )
    shared = _read_shared(reader, top.get("shared", {}))
    raw_questions, raw_outcomes = top.get("questions", {}), top.get("outcomes", {})
    questions = {
        node_id: _read_question(reader, node_id, value)
        for node_id, value in reader.table(raw_questions, "questions", raw_questions).items()
    }
    outcomes = {
        node_id: _read_outcome(reader, node_id, value, shared)
        for node_id, value in reader.table(raw_outcomes, "outcomes", raw_outcomes).items()
    }
    for node_id in [*questions, *outcomes]:
        if not NODE_ID.match(node_id) or len(node_id) > MAX_ID:
            kind = "questions" if node_id in questions else "outcomes"
            reader.add(
                "id",
                f"{kind}.{node_id}",
                f"node id {node_id!r} must be lower-case letters, digits and "
                f"single hyphens, at most {MAX_ID} characters",
            )
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
    assert isinstance(start, str)  # else a problem above
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
            reader.add(
                "option-id",
                at,
                f"option id {option_id!r} must be lower-case letters, digits and single "
                f"hyphens, at most {MAX_ID} characters",
            )
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
        shared[shared_id] = Step(
            reader.text(table.get("text", {}), f"{where}.text"), reader.links(table.get("links", []), f"{where}.links")
        )
    return shared


def _shared(reader: _Reader, table: dict[str, Any], where: str, shared: dict[str, Step]) -> Step | None:
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
            step = Step(
                reader.text(step_table.get("text", {}), f"{at}.text"),
                reader.links(step_table.get("links", []), f"{at}.links"),
            )
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
    edges: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for question in questions.values():
        for index, option in enumerate(question.options):
            if option.next in nodes:
                edges[question.id].append(option.next)
            else:
                reader.add(
                    "next",
                    f"questions.{question.id}.options[{index}]",
                    f"option {option.id!r} leads to {option.next!r}, which is no question or outcome",
                )
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
        reader.add(
            "cycle", f"questions.{cycle[0]}", "the answers can go round in a circle: " + " → ".join([*cycle, cycle[0]])
        )


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
                cycle = path[path.index(target) :]
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
