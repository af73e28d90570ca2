// Adds the browser's bytecode to the checker's wheel: every module compiled by Pyodide's own Python (CPython 3.14
// in WebAssembly, from node_modules/pyodide), as __pycache__/<module>.cpython-314.pyc beside its source, listed in
// the wheel's RECORD with its hash. `make wheel` runs it after `pip wheel`.
//
//   node scripts/compile_wheel.mjs [WHEEL_DIR]     (default build/wheels; the one .whl there is rewritten)
//
// Why: Pyodide compiles every module it imports from source, and the checker's first answer imports about thirty
// of them: measured in Node (scripts/bench_pyodide.mjs, worker_ms), the worker's start-up falls from about 110 ms to
// about 45 ms with the bytecode there. The .pyc files are "unchecked-hash" ones (PEP 552): the unpacked sources'
// modification times are whatever the archive gives, so a timestamp check would throw the bytecode away. A
// CPython of another version ignores them (its tag differs), as does a Pyodide on another Python: the sources are
// always there, so nothing breaks, it is only slower.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WHEELS = path.resolve(process.argv[2] || path.join(ROOT, "build", "wheels"));

const wheels = fs.readdirSync(WHEELS).filter((file) => file.endsWith(".whl"));
if (wheels.length !== 1) throw new Error(`expected one wheel in ${WHEELS}, found ${wheels.length}: run \`make wheel\``);
const wheel = path.join(WHEELS, wheels[0]);
const { loadPyodide } = await import(path.join(ROOT, "node_modules", "pyodide", "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: path.join(ROOT, "node_modules", "pyodide") + path.sep });
pyodide.FS.writeFile("/tmp/in.whl", fs.readFileSync(wheel));

const summary = pyodide.runPython(`
import base64, compileall, hashlib, importlib.util, py_compile, sys, zipfile
from pathlib import Path

source, target, work = Path("/tmp/in.whl"), Path("/tmp/out.whl"), Path("/tmp/wheel")
with zipfile.ZipFile(source) as archive:
    names = archive.namelist()
    if any("__pycache__/" in name for name in names):
        raise SystemExit("the wheel has bytecode already: rebuild it with \`make wheel\`")
    archive.extractall(work)
    record = next(name for name in names if name.endswith(".dist-info/RECORD"))
    infos = {info.filename: info for info in archive.infolist()}

compiled = []
for module in sorted(work.rglob("*.py")):
    relative = module.relative_to(work).as_posix()
    cached = Path(importlib.util.cache_from_source(str(module)))
    py_compile.compile(str(module), cfile=str(cached), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    compiled.append((cached.relative_to(work).as_posix(), cached.read_bytes()))

def hashed(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()

lines = [line for line in (work / record).read_text(encoding="utf-8").splitlines() if line]
lines[-1:-1] = [f"{name},{hashed(data)},{len(data)}" for name, data in compiled]  # RECORD's own line stays last
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
    for name in names:
        data = "\\n".join(lines).encode() + b"\\n" if name == record else (work / name).read_bytes()
        out.writestr(infos[name], data, compress_type=zipfile.ZIP_DEFLATED)
    for name, data in compiled:
        out.writestr(name, data)
f"{len(compiled)} modules compiled by Python {sys.version.split()[0]} ({sys.implementation.cache_tag})"
`);
fs.writeFileSync(wheel, pyodide.FS.readFile("/tmp/out.whl"));
console.log(`${path.relative(ROOT, wheel)}: ${summary}`);
