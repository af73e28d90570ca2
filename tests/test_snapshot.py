"""The browser's memory snapshot answers exactly as a normally started Pyodide does.

The self-check's worker restores a Pyodide memory snapshot of the started checker (scripts/make_snapshot.mjs, made
by `make build` into build/snapshot/) and falls back to starting Pyodide with the wheel when it cannot. Both must
give the filer the same answers, to the byte: a corpus of questions — filings that reach most findings
(test_zh_messages.FILINGS, the corpus the Chinese-message tests stand on), the page's form with every kind of value
of test_zh_messages.VALUES in its field, every answer string of the wizard's tree, and access checks driven with
canned DNS answers — asked of both in Node (scripts/snapshot_answers.mjs), in both languages. The restored one
has no checker file on its file system, as in the browser: a table read after restoring would fail here.

Needs `make build` (the wheel, the snapshot) and Node with node_modules/pyodide; `make test` has both.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import test_zh_messages as corpus
from checker import remediation
from checker.filing import page

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "build" / "snapshot" / "checker.snapshot"
LANGUAGES = ("en", "zh")

# Where each kind of value of the corpus goes in the page's form (and the document type it needs, if any).
FORM_FIELDS = {
    "resident-id": ("entity.pic.document.number", "resident-id"),
    "hmt-permit": ("entity.pic.document.number", "hmt-permit"),
    "foreign-prid": ("entity.pic.document.number", "foreign-prid"),
    "passport": ("entity.pic.document.number", "passport"),
    "uscc": ("entity.document.number", "uscc"),
    "org-code": ("entity.document.number", "org-code"),
    "business-reg-no": ("entity.document.number", "business-reg-no"),
    "mobile": ("entity.pic.mobile", None),
    "landline": ("entity.pic.landline", None),
    "email": ("entity.pic.email", None),
    "domain": ("websites[0].domains", None),
    "website-name": ("websites[0].name", None),
}

# DNS answers as the DoH endpoint gives them (Google's JSON), by "name TYPE": one domain on Tencent Cloud's
# ranges, one elsewhere, one private; a name without an answer fails as the network would.
TENCENT, ELSEWHERE, PRIVATE = "119.29.29.29", "8.8.8.8", "10.0.0.1"


def _dns(name: str, type_: str, address: str | None) -> str:
    if address is None:
        return json.dumps({"Status": 3})
    code = 1 if type_ == "A" else 28
    return json.dumps({"Status": 0, "Answer": [{"name": name + ".", "type": code, "TTL": 60, "data": address}]})


def _access_questions(lang: str) -> list[dict[str, Any]]:
    answers = {}
    for domain, address in [("shili-on.cn", TENCENT), ("shili-off.cn", ELSEWHERE), ("shili-lan.cn", PRIVATE)]:
        for name in (domain, "www." + domain):
            answers[f"{name} A"] = _dns(name, "A", address)
            answers[f"{name} AAAA"] = _dns(name, "AAAA", None)
    questions = []
    for domains in ["shili-on.cn", "shili-off.cn\nshili-lan.cn", "shili-on.cn、shili-none.cn", ""]:
        text = json.dumps({"websites[0].domains": domains})  # the form's raw values, as the worker sends them
        for provider in ("tencent-cloud", "alibaba-cloud"):
            questions.append({"call": "access", "text": text, "provider": provider, "answers": answers, "lang": lang})
    return questions


def _form_questions(lang: str) -> list[dict[str, Any]]:
    example = page.example()
    questions = [example, {**example, "everything": True}, {"values": {}}, {"values": {"entity.type": "individual"}}]
    for kind, values in corpus.VALUES.items():
        path, document = FORM_FIELDS[kind]
        for value in values:
            question = copy.deepcopy(example)
            question["values"][path] = value
            if document:
                question["values"][path.replace(".number", ".type")] = document
            question["touched"] = [path]
            questions.append(question)
    return [{"call": "form", "text": json.dumps(question, ensure_ascii=False), "lang": lang} for question in questions]


def corpus_questions() -> list[dict[str, Any]]:
    questions: list[dict[str, Any]] = []
    for lang in LANGUAGES:
        questions += [{"call": "filing", "data": filing, "lang": lang} for filing in corpus.FILINGS]
        questions += _form_questions(lang)
        walks = remediation.default_tree().walks()
        questions += [{"call": "wizard", "answers": answers, "lang": lang} for answers, _ in walks]
        questions += _access_questions(lang)
    return questions


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None or not SNAPSHOT.is_file():
        pytest.fail("needs Node and build/snapshot/checker.snapshot: run `make build` first")
    questions = corpus_questions()
    corpus_file = tmp_path_factory.mktemp("snapshot") / "corpus.json"
    corpus_file.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [node, str(ROOT / "scripts" / "snapshot_answers.mjs"), str(corpus_file)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result: dict[str, Any] = json.loads(run.stdout)
    result["asked"] = questions
    return result


def test_the_restored_snapshot_answers_every_question_as_a_normal_start(compared: dict[str, Any]) -> None:
    assert compared["questions"] == len(compared["asked"])
    shown = [
        {**d, "question": str(d["question"])[:200], "normal": d["normal"][:300], "restored": d["restored"][:300]}
        for d in compared["differ"][:5]
    ]
    assert compared["differ"] == [], shown


def test_the_restored_snapshot_has_no_checker_file(compared: dict[str, Any]) -> None:
    """As in the browser: what it answers comes from memory, so the comparison above tests exactly that."""
    assert compared["restored_has_files"] is False


def test_the_corpus_asks_real_questions(compared: dict[str, Any]) -> None:
    """Answers that are errors, or all alike, would compare equal and prove nothing."""
    answers = compared["answers"]
    assert not [a for a in answers if a.startswith("error:")], [a for a in answers if a.startswith("error:")][:3]
    asked = compared["asked"]
    by_call: dict[str, set[str]] = {}
    for question, answer in zip(asked, answers, strict=True):
        by_call.setdefault(question["call"], set()).add(answer)
    assert {call: len(found) > 5 for call, found in by_call.items()} == dict.fromkeys(by_call, True)
    # Findings in Chinese and in English, an access check that failed, one that passed and one undecided.
    joined = "\n".join(answers)
    for expected in ('"verdict": "fail"', '"verdict": "pass"', '"verdict": "unknown"', "手机号码", "mobile number"):
        assert expected in joined, expected
