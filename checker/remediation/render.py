"""What the remediation tree renders to: a page's state for an answer string (`state`, what the wizard's page
shows, in the browser through Pyodide), a plan as a printable Markdown checklist, the whole tree as a Mermaid
flowchart. Functions of a tree (`checker.remediation.tree`) and of the plain data of its views."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.remediation.answers import AnswerError, decode, encode, well_formed_start
from checker.remediation.tree import PageURL, Tree, words_for
from checker.words import load as load_words


def plan_markdown(plan: Mapping[str, Any], address: str | None = None) -> str:
    """A plan as a printable Markdown checklist: one ``- [ ]`` line per step, its links as Markdown links (a
    link without a URL shows its label and configuration key), the warnings as block quotes; at the end the
    answers, and the address that opens the plan again when one is given.

    >>> from checker.remediation import decode, default_tree
    >>> text = plan_markdown(default_tree().plan(decode("within.entity-gone"), "en"))
    >>> print(text.splitlines()[0]); print(text.splitlines()[6][:48] + " …")
    # Deregister the entity
    - [ ] Make sure no website under the entity is s …
    """
    words = {key: word[plan["lang"]] for key, word in load_words("wizard")["markdown"].items()}
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


def mermaid(tree: Tree, lang: str = "en", config: Mapping[str, Any] | None = None) -> str:
    """A tree (`checker.remediation.tree.Tree`) as a Mermaid flowchart (questions as diamonds, outcomes as
    boxes), every node once, in the tree's breadth-first order."""
    nodes = tree.nodes()
    views = {
        node: tree.question_view(node, lang, config)
        if node in tree.questions
        else tree.outcome_view(node, lang, config)
        for node in nodes
    }
    lines = ["flowchart TD"]
    for node in nodes:
        if node in tree.questions:
            lines.append(f'    {_mermaid_id(node)}{{"{_mermaid_text(views[node]["text"])}"}}')
        else:
            lines.append(f'    {_mermaid_id(node)}["{_mermaid_text(views[node]["title"])}"]')
    for node in nodes:
        for option in views[node]["options"] if node in tree.questions else ():
            lines.append(
                f'    {_mermaid_id(node)} -->|"{_mermaid_text(option["text"])}"| {_mermaid_id(option["next"])}'
            )
    return "\n".join(lines) + "\n"


def _mermaid_id(node: str) -> str:
    # Node ids have only [a-z0-9-]; Mermaid reads "-" next to arrows ambiguously, and "_" is never in an id.
    return "n_" + node.replace("-", "_")


def _mermaid_text(text: str) -> str:
    """A label inside Mermaid's double quotes: quotes and markup characters as Mermaid's entity codes."""
    for char, entity in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;")):
        text = text.replace(char, entity)
    return " ".join(text.split())


def state(
    tree: Tree,
    text: str,
    lang: str,
    config: Mapping[str, Any] | None = None,
    page_url: PageURL | None = None,
    address: str | None = None,
) -> dict[str, Any]:
    """Where a page stands with the answer string from its address, as plain data (JSON-ready).

    Never raises for the string: answers that do not fit leave the visitor as far as they went, and
    `problem` says why in `lang`. `node` is what to show; `answers` the answer string that leads there;
    `back` the one a question earlier (None at the start); `answered` the questions and answers in words;
    `number` the question's number and `most` the most questions the whole walk can take from here; at an
    outcome, `plan` and its Markdown checklist (`markdown`), which links back to `address` (the page's
    address without answers) when one is given.
    """
    words = words_for(lang, config, page_url)  # an unknown language is the caller's bug: raises here
    error = None
    try:
        answers = decode(text)
    except AnswerError as malformed:  # keep the answers before the first malformed one
        error, answers = malformed, well_formed_start(text) if malformed.code == "format" else []
    try:
        position = tree.walk(answers)
    except AnswerError as unfit:  # earlier in the string than a malformed answer: say this one
        error, position = unfit, unfit.position
    problem = {"code": error.code, "message": error.message[lang]} if error else None
    answer_string = encode(position.answers)
    state: dict[str, Any] = {
        "node": position.node,
        "is_outcome": position.is_outcome,
        "answers": answer_string,
        "back": encode(position.answers[:-1]) if position.answers else None,
        "answered": tree.answered(position, words),
        "number": len(position.answers) + 1,
        "most": len(position.answers) + tree.questions_left(position.node),
        "problem": problem,
        "plan": None,
        "markdown": None,
    }
    if position.is_outcome:
        state["plan"] = tree.plan(position.answers, lang, config, page_url)
        link = f"{address}?a={answer_string}" if address else None
        state["markdown"] = plan_markdown(state["plan"], link)
    return state
