#!/usr/bin/env python3
"""Write checker/data/findings.json from checker/data/findings.toml, the catalogue people edit.

The checker reads the JSON (fast to parse in the browser); run this after editing the TOML. The test
tests/test_catalogue.py fails while the two differ.

    .venv/bin/python scripts/update_catalogue.py
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "checker" / "data"
SOURCE = ("Generated from findings.toml (edit that file, then run scripts/update_catalogue.py);"
          " wording: the project's own, after ../shared/reference/icp-rules.md.")


def compile_catalogue(toml_text: str) -> dict:
    data = tomllib.loads(toml_text)
    return {"source": SOURCE, "families": data["families"], "codes": data["codes"]}


def render(toml_text: str) -> str:
    return json.dumps(compile_catalogue(toml_text), ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    target = DATA / "findings.json"
    target.write_text(render((DATA / "findings.toml").read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
