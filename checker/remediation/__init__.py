"""The remediation wizard's engine: what to do after an inspection notice, one question at a time.

The tree is data (checker/data/remediation.toml, compiled to remediation.json by scripts/update_catalogue.py):
questions whose options lead to another question or to an outcome, and outcomes that are plans (ordered steps
with links, and warnings), every text in English and Chinese. The tree's entries say where other tools open it
part-answered (the self-check, per inspection item). It knows no node by name: routing lives only in the data.

    tree      the model (Option, Question, Step, Outcome, Position, Tree) and walking it: `Tree.walk`,
              `Tree.plan`, and `Tree.state` (what the wizard's page shows for any answer string, in the browser
              through Pyodide)
    loader    loading and validation: `default_tree()` (the packaged tree), `from_data`, `load` (a TOML text),
              TreeError (every problem found, each naming its node)
    answers   answer strings (`encode`, `decode`) and AnswerError, the only exception a URL can trigger (its
              message is in both languages)
    render    a plan as a Markdown checklist, the tree as a Mermaid flowchart

Pages become URLs through a function (`checker.catalogue.site_path` by default: ``zh/contact-self-check/``);
provider and MIIT keys through the site's configuration, ``{"provider": {...}, "miit": {...}}`` as in mkdocs.yml's
``extra`` block. Without configuration a provider link keeps its label and has no URL (``url`` is None), and texts
say "your access provider"; the MIIT query site has a default address (it belongs to no provider).

>>> tree = default_tree()
>>> position = tree.walk(decode("within.yes.contact"))
>>> position.node, position.is_outcome, position.answers
('phone-owner', False, ('within', 'yes', 'contact'))
>>> result = tree.plan(["within", "yes", "contact", "yes"], "en", {"provider": {"name": "Example Cloud"}})
>>> result["outcome"], result["answer_string"]
('fix-contact-verify', 'within.yes.contact.yes')
>>> result["steps"][1]["links"][0]["label"]
"Example Cloud's Person in charge contact verification page"
>>> decode("within.Yes")
Traceback (most recent call last):
    ...
checker.remediation.answers.AnswerError: 'Yes' is not an answer: answers are lower-case letters, digits and hyphens.
"""

from __future__ import annotations

from checker.remediation.answers import (
    MAX_ANSWERS,
    MAX_ID,
    MAX_STRING,
    SEPARATOR,
    AnswerError,
    decode,
    encode,
)
from checker.remediation.loader import (
    LINK_KINDS,
    SOURCE,
    Problem,
    TreeError,
    default_tree,
    from_data,
    load,
)
from checker.remediation.render import markdown_link, mermaid, plan_markdown, state
from checker.remediation.tree import (
    DEFAULT_MIIT,
    PLACEHOLDERS,
    Option,
    Outcome,
    Position,
    Question,
    Step,
    Tree,
)

__all__ = [
    "DEFAULT_MIIT",
    "LINK_KINDS",
    "MAX_ANSWERS",
    "MAX_ID",
    "MAX_STRING",
    "PLACEHOLDERS",
    "SEPARATOR",
    "SOURCE",
    "AnswerError",
    "Option",
    "Outcome",
    "Position",
    "Problem",
    "Question",
    "Step",
    "Tree",
    "TreeError",
    "decode",
    "default_tree",
    "encode",
    "from_data",
    "load",
    "markdown_link",
    "mermaid",
    "plan_markdown",
    "state",
]
