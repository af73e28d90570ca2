// The checker's speed under Pyodide in Node, for scripts/bench_checker.py (which prints the figures).
//
//   node scripts/bench_pyodide.mjs [FILINGS.json]
//     → key=value lines: pyodide, start_ms, first_ms, worker_ms, median_ms, p95_ms, filings, distinct
//
// Offline: the runtime from node_modules/pyodide (npm ci) and the checker from the wheel in build/wheels/
// (built by `make wheel`; ICP_WHEELS names another folder, an older commit's wheel say), exactly what the browser
// gets. `first_ms` is `import checker.filing` plus the first full validation of a filing (an entity and two
// websites), timed inside Python after the runtime has started: the start-up cost the checker itself adds.
// `worker_ms` is what the self-check's worker runs before it says "ready", in a fresh runtime: since issue 13
// `checker.browser.warm("form")` (the page's first answer: the form read, the report, what is shown where);
// before it, the worker's embedded Python importing checker.filing and reporting on the example.
// `median_ms` and `p95_ms` are one filing's validation after the first: over the filings of FILINGS.json (a JSON
// list, each validated once: `distinct=1`), as bench_checker.py gives them, or without it over the example
// validated again and again (`distinct=0`), which flatters: the checker remembers recent domain conversions.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WHEELS = process.env.ICP_WHEELS || path.join(ROOT, "build", "wheels");

const wheel = fs.readdirSync(WHEELS).find((file) => /^icp_filing_self_check-.*\.whl$/.test(file));
if (!wheel) throw new Error(`no checker wheel in ${WHEELS}: run \`make wheel\``);
const { loadPyodide } = await import(path.join(ROOT, "node_modules", "pyodide", "pyodide.mjs"));

const started = performance.now();
const pyodide = await loadPyodide({ indexURL: path.join(ROOT, "node_modules", "pyodide") + path.sep });
const startMs = performance.now() - started;
pyodide.unpackArchive(new Uint8Array(fs.readFileSync(path.join(WHEELS, wheel))), "wheel");
pyodide.globals.set("FILINGS_JSON", process.argv[2] ? fs.readFileSync(process.argv[2], "utf8") : null);

const figures = pyodide.runPython(`
import statistics, time
start = time.perf_counter()
import checker.filing
checker.filing.report(checker.filing.example())
first = (time.perf_counter() - start) * 1000
import json
filings = json.loads(FILINGS_JSON) if FILINGS_JSON else [checker.filing.example()] * 300
runs = []
for data in filings:
    t = time.perf_counter()
    checker.filing.report(data)
    runs.append((time.perf_counter() - t) * 1000)
runs.sort()
(
    f"first_ms={first:.2f} median_ms={statistics.median(runs):.4f} p95_ms={runs[int(len(runs) * 0.95)]:.4f}"
    f" filings={len(runs)} distinct={1 if FILINGS_JSON else 0}"
)
`);
// The worker's own start-up, in a runtime of its own (nothing imported yet).
const fresh = await loadPyodide({ indexURL: path.join(ROOT, "node_modules", "pyodide") + path.sep });
fresh.unpackArchive(new Uint8Array(fs.readFileSync(path.join(WHEELS, wheel))), "wheel");
const worker = fresh.runPython(`
import importlib.util, json, time
start = time.perf_counter()
if importlib.util.find_spec("checker.browser"):
    import checker.browser
    checker.browser.warm("form")
else:
    import checker.filing
    json.dumps(checker.filing.report(json.loads(json.dumps(checker.filing.example())), lang="en"), ensure_ascii=False)
f"worker_ms={(time.perf_counter() - start) * 1000:.2f}"
`);
console.log(`pyodide=${pyodide.version} start_ms=${startMs.toFixed(0)} ${figures} ${worker}`);
