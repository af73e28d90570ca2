// Same answers either way: every question of a corpus asked of two Pyodides in Node, one restored from the memory
// snapshot the site ships (build/snapshot/, scripts/make_snapshot.mjs; unpacked by the worker's own
// snapshot-pages.mjs) and one started the usual way with the wheel
// unpacked (what the worker falls back to); their answers compared exactly.
//
//   node scripts/snapshot_answers.mjs CORPUS.json [WHEELS] [SNAPSHOT_DIR]   → JSON on stdout
//
// CORPUS.json is a list of questions (tests/test_snapshot.py writes it), each one of:
//   {"call": "filing", "data": <a filing as plain data>, "lang": "zh"}        checker.filing.report
//   {"call": "form", "text": <the page's question as JSON text>, "lang": ...}   checker.browser.form
//   {"call": "wizard", "answers": "notice=...", "lang": ...}                   checker.browser.wizard
//   {"call": "access", "text": ..., "provider": ..., "answers": {"name TYPE": <DoH JSON text>}, "lang": ...}
//       checker.browser.access, driven as the worker drives it; a lookup without a canned answer fails as
//       the network would ({"kind": "network"})
// The output: {"questions": n, "restored_has_files": bool, "answers": [normal answers], "differ": [{index,
// question, normal, restored}]}. The restored Pyodide is asked with no checker file present (as in the browser).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide") + path.sep;
const [corpusFile, wheelsArg, snapshotArg] = process.argv.slice(2);
if (!corpusFile) {
  console.error("usage: node scripts/snapshot_answers.mjs CORPUS.json [WHEELS] [SNAPSHOT_DIR]");
  process.exit(2);
}
const WHEELS = path.resolve(wheelsArg || path.join(ROOT, "build", "wheels"));
const SNAPSHOT = path.resolve(snapshotArg || path.join(ROOT, "build", "snapshot"), "checker.snapshot");

// One function in each Pyodide that answers a question (JSON text in, the answer's text out). Test code: it is
// defined here, in __main__, never shipped in the wheel or the snapshot.
const ANSWER = `
import json
import checker.browser
import checker.filing

def answer(question_text):
    question = json.loads(question_text)
    call, lang = question["call"], question["lang"]
    if call == "filing":
        return json.dumps(checker.filing.report(question["data"], lang=lang), ensure_ascii=False, sort_keys=True)
    if call == "form":
        return checker.browser.form(question["text"], lang)
    if call == "wizard":
        return checker.browser.wizard(question["answers"], lang, "{}", "/", "https://example.com/remediation/")
    if call == "access":
        check = checker.browser.access(question["text"], question["provider"])
        while not check.done:
            for lookup in json.loads(check.pending_json()):
                canned = question["answers"].get(lookup["name"] + " " + lookup["type"])
                check.answer_json(lookup["name"], lookup["type"], canned,
                                  None if canned is not None else json.dumps({"kind": "network"}))
        return check.report_json(lang)
    raise ValueError("unknown call: " + call)
`;

const { loadPyodide } = await import(PYODIDE_DIR + "pyodide.mjs");
const { unpack } = await import(path.join(ROOT, "docs", "assets", "javascripts", "snapshot-pages.mjs"));
const questions = JSON.parse(fs.readFileSync(corpusFile, "utf8"));

async function answers(pyodide) {
  pyodide.runPython(ANSWER);
  const answer = pyodide.globals.get("answer");
  try {
    return questions.map((question) => {
      try {
        return answer(JSON.stringify(question));
      } catch (error) {
        return `error: ${String(error.message || error).split("\n").slice(-2).join(" ")}`;
      }
    });
  } finally {
    answer.destroy();
  }
}

const wheels = fs.readdirSync(WHEELS).filter((name) => name.endsWith(".whl"));
if (wheels.length !== 1) throw new Error(`expected one wheel in ${WHEELS}, found ${wheels.length}: run \`make build\``);
const normal = await loadPyodide({ indexURL: PYODIDE_DIR });
normal.unpackArchive(new Uint8Array(fs.readFileSync(path.join(WHEELS, wheels[0]))), "wheel");
const expected = await answers(normal);

// Unpacked as the worker unpacks what the site ships (snapshot-pages.mjs).
const memory = unpack(new Uint8Array(fs.readFileSync(SNAPSHOT)));
const restored = await loadPyodide({ indexURL: PYODIDE_DIR, _loadSnapshot: memory });
const restoredHasFiles = restored.runPython("import os, checker._tables as t; os.path.exists(t.DATA)");
const got = await answers(restored);

const differ = [];
questions.forEach((question, index) => {
  if (expected[index] !== got[index]) differ.push({ index, question, normal: expected[index], restored: got[index] });
});
process.stdout.write(JSON.stringify({ questions: questions.length, restored_has_files: restoredHasFiles,
  answers: expected, differ }) + "\n");
