// The checker's tests under Pyodide in Node: proof that the browser runs the same rules as CPython.
//
//   node scripts/pyodide_tests.mjs [pytest options] [tests/test_x.py[::name] ... | checker[/x.py] ...]
//
// Without paths it runs every checker test file (tests/test_*.py but those in NOT_CHECKER_TESTS; not the
// folders tests/hooks and tests/browser) and the doctests of the checker's modules. Paths (relative to the
// repo) run only those; `checker` or `checker/x.py` means the doctests of the installed package. Options that
// take a value must be written `--option=value`, except -k, -m, -p, -o and -W.
//
// `make pyodide-test` prepares what this needs and runs it; nothing here uses the network:
//   node_modules/pyodide/      the runtime, from npm (`npm ci`; pinned in package.json)
//   build/wheels/              this project's wheel, built at test time: the checker as the browser gets it
//   build/pyodide-wheels/      pytest, hypothesis, python-stdnum, phonenumbers and their dependencies, the
//                              versions in requirements-pyodide.txt, downloaded from PyPI by `make`
//
// The checker is imported from the installed wheel, never from the repo's source: Pyodide sees the repo at /repo
// without its checker/ (its folders mounted from the host, its top-level files copied), so pytest reads the same
// configuration (pyproject.toml) as under CPython and its pythonpath "." holds no checker; the doctests run on
// the package in site-packages.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const started = performance.now();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide");
const DEPENDENCY_WHEELS = path.join(ROOT, "build", "pyodide-wheels");
const PROJECT_WHEELS = path.join(ROOT, "build", "wheels");
const REQUIREMENTS = path.join(ROOT, "requirements-pyodide.txt");
// Tests of the site, the knowledge base's pages, the servers and benchmarks, and the browser's snapshot (which
// start Node or servers, or read the built site): not of the checker.
const NOT_CHECKER_TESTS = new Set(["test_site_build.py", "test_zh_review.py", "test_twins.py", "test_snapshot.py",
  "test_local_site.py", "test_bench_self_check.py", "test_benchmarks_md.py", "test_figures.py", "test_nginx.py",
  "test_deploy_guide.py", "test_workers.py"]);
const MOUNT = "/repo";
// Folders of the repo Pyodide does not see: the checker's source (the wheel's is under test) and bulky or
// generated ones. Hidden folders (.git, .venv, ...) and *.egg-info are left out too.
const NOT_MOUNTED = new Set(["checker", "node_modules", "build", "dist", "site", "test-results", "artifacts"]);
const SHORT_OPTIONS_WITH_VALUE = new Set(["-k", "-m", "-p", "-o", "-W"]);

class SetupError extends Error {}

const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
const normalize = (name) => name.toLowerCase().replace(/[-_.]+/g, "_");

// One wheel per line of requirements-pyodide.txt, exactly the pinned version.
function dependencyWheels() {
  if (!fs.existsSync(REQUIREMENTS)) throw new SetupError(`${REQUIREMENTS} is missing`);
  const available = fs.existsSync(DEPENDENCY_WHEELS) ? fs.readdirSync(DEPENDENCY_WHEELS) : [];
  const wheels = [];
  const missing = [];
  for (const raw of fs.readFileSync(REQUIREMENTS, "utf8").split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)$/.exec(line);
    if (!match) throw new SetupError(`requirements-pyodide.txt: pin each package exactly (name==version): ${line}`);
    const [, name, version] = match;
    const found = available.find((file) => {
      const [fileName, fileVersion] = file.split("-");
      return file.endsWith(".whl") && normalize(fileName) === normalize(name) && fileVersion === version;
    });
    if (found) wheels.push(path.join(DEPENDENCY_WHEELS, found));
    else missing.push(`${name}==${version}`);
  }
  if (missing.length) {
    throw new SetupError(`no wheel in ${path.relative(ROOT, DEPENDENCY_WHEELS)}/ for ${missing.join(", ")}: ` +
      "run `make pyodide-test`, which downloads them from PyPI (this runner never uses the network)");
  }
  return wheels;
}

function projectWheel() {
  const wheels = fs.existsSync(PROJECT_WHEELS)
    ? fs.readdirSync(PROJECT_WHEELS).filter((file) => /^icp_filing_self_check-.*-py3-none-any\.whl$/.test(file))
    : [];
  if (wheels.length !== 1) {
    throw new SetupError(`expected exactly one icp_filing_self_check wheel in ${path.relative(ROOT, PROJECT_WHEELS)}/, ` +
      `found ${wheels.length}: run \`make pyodide-test\`, which builds it`);
  }
  return path.join(PROJECT_WHEELS, wheels[0]);
}

// pytest's arguments: the command line's options, and its paths or else every checker test and doctest.
function selection(argv) {
  const options = [];
  const paths = [];
  for (let i = 0; i < argv.length; i++) {
    if (SHORT_OPTIONS_WITH_VALUE.has(argv[i])) options.push(argv[i], argv[++i]);
    else if (argv[i].startsWith("-")) options.push(argv[i]);
    else paths.push(argv[i]);
  }
  for (const arg of paths) {
    if (!/^(tests|checker)(\/|$)/.test(arg)) throw new SetupError(`${arg}: give paths under tests/ or checker/`);
  }
  if (!paths.length) {
    const files = fs.readdirSync(path.join(ROOT, "tests"))
      .filter((file) => /^test_.*\.py$/.test(file) && !NOT_CHECKER_TESTS.has(file))
      .sort();
    paths.push(...files.map((file) => `tests/${file}`), "checker");
  }
  return { options, paths };
}

async function main() {
  if (!fs.existsSync(path.join(PYODIDE_DIR, "pyodide.mjs"))) {
    throw new SetupError(`${path.relative(ROOT, PYODIDE_DIR)}/ is missing: run \`npm ci\` (or \`make pyodide-test\`)`);
  }
  const wheels = [projectWheel(), ...dependencyWheels()];
  const { options, paths } = selection(process.argv.slice(2));

  // Everything comes from node_modules/ and build/. In Node, Pyodide turns to a CDN for a package it cannot
  // find locally: make any such attempt fail loudly instead.
  globalThis.fetch = async (url) => {
    throw new Error(`pyodide_tests: network access attempted at run time (${url}); everything must be local`);
  };

  const { loadPyodide } = await import(pathToFileURL(path.join(PYODIDE_DIR, "pyodide.mjs")).href);
  const loading = performance.now();
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_DIR + path.sep,
    env: {
      HOME: "/home/pyodide",
      // No __pycache__ (nor pytest's rewritten-assertion .pyc) written into the mounted folders.
      PYTHONDONTWRITEBYTECODE: "1",
      // Hypothesis keeps its files in memory (its example database is off under Pyodide: tests/examples.py).
      HYPOTHESIS_STORAGE_DIRECTORY: "/tmp/hypothesis",
    },
  });
  // pytest's output as it comes (progress dots included), not line by line through console.log.
  const write = (fd) => ({ write: (buffer) => { fs.writeSync(fd, buffer); return buffer.length; } });
  pyodide.setStdout(write(1));
  pyodide.setStderr(write(2));
  const loaded = seconds(loading);

  const installing = performance.now();
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  for (const wheel of wheels) {
    pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheel)), "wheel", { extractDir: sitePackages });
  }
  pyodide.FS.mkdirTree(MOUNT);
  for (const entry of fs.readdirSync(ROOT, { withFileTypes: true })) {
    const [host, inPyodide] = [path.join(ROOT, entry.name), `${MOUNT}/${entry.name}`];
    if (entry.name.startsWith(".") || entry.name.endsWith(".egg-info") || NOT_MOUNTED.has(entry.name)) continue;
    if (entry.isDirectory()) {
      pyodide.FS.mkdirTree(inPyodide);
      pyodide.mountNodeFS(inPyodide, host);
    } else if (entry.isFile()) {
      pyodide.FS.writeFile(inPyodide, fs.readFileSync(host));
    }
  }
  const installed = seconds(installing);

  pyodide.globals.set("paths", pyodide.toPy(paths));
  pyodide.globals.set("options", pyodide.toPy(options));
  pyodide.globals.set("wheel_names", pyodide.toPy(wheels.map((wheel) => path.basename(wheel))));
  pyodide.globals.set("timings", pyodide.toPy({ loaded, installed }));
  const status = await pyodide.runPythonAsync(`
import os
import sys
import sysconfig
from pathlib import Path

import pyodide
import pytest

import checker

os.chdir("${MOUNT}")
site_packages = Path(sysconfig.get_path("purelib"))
installed = Path(checker.__file__).parent
print(f"Pyodide {pyodide.__version__}, Python {sys.version.split()[0]} ({sys.platform})")
print(f"loaded in {timings['loaded']} s, installed in {timings['installed']} s: {', '.join(wheel_names)}")
print(f"checker under test: {checker.__file__}", flush=True)


def run_tests():
    if not (site_packages / "checker").is_dir() or not installed.samefile(site_packages / "checker"):
        print(f"pyodide_tests: the checker must come from the installed wheel in {site_packages}, "
              f"not from {installed}", file=sys.stderr)
        return 2
    return int(pytest.main([
        # The repo's own pytest configuration (pyproject.toml: filterwarnings = error, --doctest-modules, ...).
        "-c", "${MOUNT}/pyproject.toml", "--rootdir", "${MOUNT}",
        "-p", "no:cacheprovider",  # nothing written into the mounted folders
        *options,
        # Tests from the mounted tests/; the checker's doctests from the installed wheel.
        *(str(installed.parent / path) if path.startswith("checker") else f"${MOUNT}/{path}" for path in paths),
    ]))


run_tests()
`);
  console.log(`Pyodide run: ${seconds(started)} s wall clock, exit status ${status}`);
  return status;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`pyodide_tests: ${error instanceof SetupError ? error.message : error.stack ?? error}`);
  process.exitCode = 2;
}
