// The browser's start-up, made once at build time: a Pyodide memory snapshot of the checker, started.
//
//   node scripts/make_snapshot.mjs [WHEELS] [OUT]     (defaults: build/wheels and build/snapshot)
//
// `make build` runs this after `make wheel`, in Node, from the same wheel and the same Pyodide (node_modules) the
// page loads. It starts Pyodide with `_makeSnapshot`, unpacks the wheel, runs checker.browser.prepare_snapshot()
// (every module the browser may use imported, every data file read into memory, each of the worker's entries run
// once) and writes Pyodide's memory as it then is:
//   OUT/checker.snapshot   the memory (31 MB) without its pages of zeros (16 MB: snapshot-pages.mjs; the build
//                          precompresses it)
//   OUT/snapshot.json      what it was made from: Pyodide's version, the wheel's name and SHA-256, the
//                          snapshot's own SHA-256 and size (hooks/browser_runtime.py refuses a snapshot made from
//                          another wheel or Pyodide, and the page's worker checks the hash before restoring)
// Restoring it (`loadPyodide({_loadSnapshot})`) skips Python's start and the checker's imports: the worker is ready
// in a fraction of a bare Pyodide's start. The file system is not in a snapshot, which is why the data are kept in
// memory. Before writing, the snapshot is restored here once and each entry asked a question: a snapshot that
// cannot answer is never shipped.
//
// `_makeSnapshot`, `makeMemorySnapshot` and `_loadSnapshot` are private (underscored) in Pyodide: package.json pins
// its version, tests/test_snapshot.py compares a restored Pyodide's answers with a normally started one's, and the
// worker falls back to the normal start whenever restoring fails.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide") + path.sep;
const WHEELS = path.resolve(process.argv[2] || path.join(ROOT, "build", "wheels"));
const OUT = path.resolve(process.argv[3] || path.join(ROOT, "build", "snapshot"));

const sha256 = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);

const wheels = fs.existsSync(WHEELS) ? fs.readdirSync(WHEELS).filter((name) => name.endsWith(".whl")) : [];
if (wheels.length !== 1) {
  console.error(`make_snapshot: expected one checker wheel in ${WHEELS}, found ${wheels.length}: run \`make wheel\``);
  process.exit(2);
}
const started = performance.now();
const wheel = new Uint8Array(fs.readFileSync(path.join(WHEELS, wheels[0])));
const { loadPyodide, version } = await import(PYODIDE_DIR + "pyodide.mjs");
const { pack, unpack } = await import(path.join(ROOT, "docs", "assets", "javascripts", "snapshot-pages.mjs"));

const pyodide = await loadPyodide({ indexURL: PYODIDE_DIR, _makeSnapshot: true });
pyodide.unpackArchive(wheel, "wheel");
const modules = pyodide.runPython("import checker.browser; len(checker.browser.prepare_snapshot())");
const memory = pyodide.makeMemorySnapshot();
const snapshot = pack(memory);

// Restored from what is shipped, as the worker restores it, with no checker files at all: each entry answers.
const restored = await loadPyodide({ indexURL: PYODIDE_DIR, _loadSnapshot: unpack(snapshot) });
let api = null;
try {
  api = restored.pyimport("checker.browser");
  JSON.parse(api.form(JSON.stringify({ values: { "entity.type": "enterprise" } }), "zh"));
  JSON.parse(api.wizard("", "zh", "{}", "/", undefined));
  const check = api.access(JSON.stringify({ values: { "websites.0.domains": "example.cn" } }), "tencent-cloud");
  JSON.parse(check.pending_json());
  check.destroy();
  if (restored.runPython("import os, checker._tables as t; os.path.exists(t.DATA)")) {
    throw new Error("the restored snapshot sees the checker's files: it would not be tested without them");
  }
} catch (error) {
  // Python's traceback ends with what went wrong; Pyodide's own errors can be a page of minified source.
  const lines = String(error?.message || error).split("\n").filter((line) => line.trim());
  console.error(`make_snapshot: the restored snapshot cannot answer, so it is not written:\n  ${lines.slice(-3).join("\n  ").slice(0, 2000)}`);
  process.exit(1);
} finally {
  api?.destroy();
}

fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, "checker.snapshot"), snapshot);
const made = {
  pyodide: version,
  wheel: wheels[0],
  wheel_sha256: sha256(wheel),
  sha256: sha256(snapshot),
  bytes: snapshot.length,
  memory_bytes: memory.length,
  modules,
};
fs.writeFileSync(path.join(OUT, "snapshot.json"), JSON.stringify(made, null, 1) + "\n");
console.log(`make_snapshot: ${path.relative(ROOT, OUT)}/checker.snapshot, ${(snapshot.length / 1e6).toFixed(1)} MB ` +
  `(${(memory.length / 1e6).toFixed(1)} MB of memory), ${modules} modules, Pyodide ${version}, in ${seconds(started)} s`);
