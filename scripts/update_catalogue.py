#!/usr/bin/env python3
"""Write checker/data/findings.json from checker/data/findings.toml, the catalogue people edit,
checker/data/remediation.json from checker/data/remediation.toml, the wizard's tree, and
checker/data/words/<domain>.json from each checker/data/words/<domain>.toml, the words of the interfaces.

The checker reads the JSON (fast to parse in the browser; no TOML parser at run time); run this after editing
either TOML. The tests tests/test_catalogue.py and tests/test_remediation.py fail while a pair differs.

    .venv/bin/python scripts/update_catalogue.py
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "checker" / "data"
SOURCE = (
    "Generated from findings.toml (edit that file, then run scripts/update_catalogue.py);"
    " wording: the project's own, after ../shared/reference/icp-rules.md."
)


def compile_catalogue(toml_text: str) -> dict:
    data = tomllib.loads(toml_text)
    return {"source": SOURCE, "families": data["families"], "codes": data["codes"]}


def render(toml_text: str) -> str:
    return json.dumps(compile_catalogue(toml_text), ensure_ascii=False, indent=1) + "\n"


TREE_SOURCE = (
    "Generated from remediation.toml (edit that file, then run scripts/update_catalogue.py);"
    " read and validated by checker.remediation."
)


def compile_tree(toml_text: str) -> dict:
    """The wizard's tree as data, exactly as the TOML has it (the checker validates it when it loads)."""
    return {"source": TREE_SOURCE, "tree": tomllib.loads(toml_text)}


def render_tree(toml_text: str) -> str:
    return json.dumps(compile_tree(toml_text), ensure_ascii=False, indent=1) + "\n"


def compile_words(toml_text: str, name: str) -> dict:
    """A domain of words (checker/data/words/<name>.toml) as the checker reads it (`checker.words`)."""
    return {
        "source": f"Generated from words/{name}.toml (edit that file, then run scripts/update_catalogue.py).",
        "words": tomllib.loads(toml_text),
    }


def render_words(toml_text: str, name: str) -> str:
    return json.dumps(compile_words(toml_text, name), ensure_ascii=False, indent=1) + "\n"


def pairs() -> list[tuple[Path, Path, str]]:
    """Every (TOML source, JSON target, text of the target) this script writes."""
    found = [
        (DATA / f"{name}.toml", DATA / f"{name}.json", write((DATA / f"{name}.toml").read_text(encoding="utf-8")))
        for name, write in [("findings", render), ("remediation", render_tree)]
    ]
    for source in sorted((DATA / "words").glob("*.toml")):
        found.append(
            (source, source.with_suffix(".json"), render_words(source.read_text(encoding="utf-8"), source.stem))
        )
    return found


def main() -> None:
    for _, target, text in pairs():
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
