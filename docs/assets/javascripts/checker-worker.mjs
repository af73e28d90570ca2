// The checker's Web Worker: Python runs here, never on the page's main thread, so the form stays responsive
// while Pyodide starts (seconds) and while it checks. self-check.js starts one per tab and passes, in the URL,
// where the site's copy of Pyodide and of the checker's wheel are (hooks/self_check.py puts them there).
//
// Protocol: the worker posts {ready: true} once, or {fatal: message} if it cannot start; then it answers each
// {id, filing, lang} with {id, report} (checker.filing.report as JSON text) or {id, error}.
const params = new URL(self.location.href).searchParams

// Pyodide only logs when its wasm cannot be fetched and then waits for ever: watch every fetch of the runtime
// instead, and give up at the first file that does not arrive.
let failed = null
const fetchFile = self.fetch.bind(self)
self.fetch = (resource, options) => fetchFile(resource, options).then(
  (response) => {
    if (!response.ok) fatal(`${response.status} ${response.statusText}: ${response.url}`)
    return response
  },
  (error) => {
    fatal(`${error.message || error}: ${resource}`)
    throw error
  })

function fatal(reason) {
  if (failed || report) return
  failed = reason
  postMessage({ fatal: reason })
}

async function start() {
  // The wheel downloads while Pyodide starts: the two do not depend on each other.
  if (typeof WebAssembly !== "object") throw new Error("this browser runs no WebAssembly")
  const wheel = fetch(params.get("wheel")).then((response) => {
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${response.url}`)
    return response.arrayBuffer()
  })
  wheel.catch(() => {})  // a failure is reported by the fetch watch above at once; awaited below
  const { loadPyodide } = await import(params.get("pyodide"))
  const pyodide = await loadPyodide()
  pyodide.unpackArchive(await wheel, "wheel")
  // JSON text both ways: one string crosses the boundary, no proxies to free. The first report loads the
  // checker's tables now, so the filer's first keystroke does not pay for it.
  const report = pyodide.runPython(`
import json
import checker.filing

def report(text, lang):
    return json.dumps(checker.filing.report(json.loads(text), lang=lang), ensure_ascii=False)

report(json.dumps(checker.filing.example()), "en")
report`)
  return report
}

const pending = []
let report = null
self.onmessage = ({ data }) => (report ? answer(data) : pending.push(data))

function answer({ id, filing, lang }) {
  try {
    postMessage({ id, report: report(filing, lang) })
  } catch (error) {
    postMessage({ id, error: String(error) })
  }
}

start().then(
  (ready) => {
    if (failed) return
    report = ready
    postMessage({ ready: true })
    for (const message of pending.splice(0)) answer(message)
  },
  (error) => fatal(String(error && error.message || error)),
)
