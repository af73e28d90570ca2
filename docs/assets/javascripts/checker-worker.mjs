// The checker's Web Worker: Python runs here, never on the page's main thread, so the page stays responsive
// while Pyodide starts and while it works. checker-runtime.js starts one per tab and passes, in the URL, where the
// site's copy of Pyodide, of the checker's wheel and of the snapshot of both started are, and the snapshot's
// SHA-256 (hooks/browser_runtime.py puts them there), and which page started it (for=self-check|wizard): what that
// page asks first is made ready before "ready".
//
// Protocol: the worker posts {ready: true} once, or {fatal: message} if it cannot start; then it answers
// - {id, form, lang} with {id, form} (checker.browser.form: the self-check page's question, its form's raw values
//   and what it knows, answered as JSON text: the filing, its report and what the page shows where);
// - {id, access: the form's raw values, provider, endpoint, lang} with {id, access} (checker.browser.access:
//   checker.access's report as JSON text); for it the worker makes the lookups checker.access asks for: GET
//   requests to the JSON DoH endpoint carrying one domain name each, and nothing else of the filing;
// - {id, wizard: answer string, lang, settings, root, address} with {id, wizard} (the page's state from
//   checker.browser.wizard, as JSON text: the node to show, the answers in words, the plan and its Markdown);
// and any of them with {id, error} if Python raised.
const params = new URL(self.location.href).searchParams
const LOOKUP_MS = 8000   // per lookup; the endpoint itself gives up on its upstreams sooner
const PARALLEL = 6       // lookups in flight at once: what a browser opens to one host anyway
const RETRIES = 2        // after "429 Too Many Requests", waiting as Retry-After says (at most RETRY_MS)
const RETRY_MS = 5000

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
  if (failed || ready) return
  failed = reason
  postMessage({ fatal: reason })
}

// Python starts from the memory snapshot the build made of it, started (scripts/make_snapshot.mjs): the checker
// imported, its data in memory, its entries run once. When the snapshot cannot be used (missing, not the bytes
// the page names, made for another Pyodide, no memory for it, or restoring throws), Python starts the usual way
// (Pyodide, then the wheel): slower, never wrong. Why goes to the console only: the filer sees the same page.
async function start() {
  if (typeof WebAssembly !== "object") throw new Error("this browser runs no WebAssembly")
  // The snapshot downloads while Pyodide's own files do: they do not depend on each other.
  const snapshotPages = import("./snapshot-pages.mjs")  // beside this script; fetched while Pyodide's loader is
  snapshotPages.catch(() => {})  // without it the snapshot is not used (snapshotBytes says why)
  const snapshot = params.get("snapshot")
    ? snapshotBytes(params.get("snapshot"), params.get("snapshot_sha256"), snapshotPages)
    : null
  snapshot?.catch(() => {})  // a failure is reported when restoring, below
  const { loadPyodide } = await import(params.get("pyodide"))
  const first = params.get("for") === "wizard" ? "wizard" : "form"
  if (snapshot) {
    try {
      const pyodide = await loadPyodide({ _loadSnapshot: snapshot })
      useApi(pyodide)
      // What the page that started the worker asks first was loaded before the snapshot was taken; asking it
      // once now also proves that the restored Python answers.
      entry(first)
      return true
    } catch (error) {
      api = null
      for (const name of Object.keys(entries)) delete entries[name]
      console.warn(`The checker's snapshot was not used (${error && error.message || error}); ` +
        "Python starts the usual way, which takes longer.")
    }
  }
  // The wheel downloads while Pyodide starts.
  const wheel = fetch(params.get("wheel")).then((response) => {
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${response.url}`)
    return response.arrayBuffer()
  })
  wheel.catch(() => {})  // a failure is reported by the fetch watch above at once; awaited below
  const pyodide = await loadPyodide()
  pyodide.unpackArchive(await wheel, "wheel")
  useApi(pyodide)
  // What the page that started the worker asks first is loaded now (its module, tables, tree), so that its
  // first question does not pay for it; anything else is loaded when first asked for.
  entry(first)
  return true
}

// The snapshot's memory, once the bytes' SHA-256 is the one the page names (a snapshot restored from other bytes
// could answer wrongly without failing). Not fetched through the watch above: a missing snapshot is not fatal.
async function snapshotBytes(url, expected, snapshotPages) {
  const response = await fetchFile(url)
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${response.url}`)
  const bytes = await response.arrayBuffer()
  // crypto.subtle exists in secure contexts only (https, or the machine's own address).
  if (!self.crypto?.subtle) throw new Error("no crypto.subtle to check its hash (the page is not served over https)")
  const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)),
    (byte) => byte.toString(16).padStart(2, "0")).join("")
  if (digest !== expected) throw new Error(`its SHA-256 is ${digest}, not ${expected}: ${response.url}`)
  // Shipped without its pages of zeros (snapshot-pages.mjs): the memory Pyodide restores, whole.
  return (await snapshotPages).unpack(new Uint8Array(bytes))
}

function useApi(pyodide) {
  api = pyodide.pyimport("checker.browser")
}

// The Python behind each kind of message: checker.browser, the checker's door for this worker (JSON text both ways,
// so one string crosses the boundary and no proxy is left to free). What an entry needs is loaded the first time
// it is used (warm), before "ready" for the page that started the worker.
let api = null          // the module checker.browser, once Pyodide has started
const entries = {}      // its functions, each taken once (a proxy per use would have to be freed)
function entry(name) {
  if (!entries[name]) {
    api.warm(name)
    entries[name] = api[name]
  }
  return entries[name]
}

// One lookup through the DoH endpoint: the answer's text, or why there is none as data, a kind of failure and its
// values (checker.access.LookupFailed: http + status, timeout + seconds, network; offline when the browser says the
// device has no network, as on a revisit served by the service worker), which Python words in the page's
// language; then checker.access says "could not be decided", never "fails". The browser's own error text goes to
// the console only. No cookies, no referrer: the domain name is all that is sent.
async function lookUp(endpoint, { name, type }) {
  const url = new URL(endpoint)
  url.searchParams.set("name", name)
  url.searchParams.set("type", type)
  try {
    for (let attempt = 0; ; attempt++) {
      const response = await fetchFile(url, { headers: { accept: "application/dns-json" }, credentials: "omit",
        referrerPolicy: "no-referrer", signal: AbortSignal.timeout(LOOKUP_MS) })
      if (response.status === 429 && attempt < RETRIES) {
        const seconds = Number(response.headers.get("retry-after")) || 1
        await new Promise((resolve) => setTimeout(resolve, Math.min(seconds * 1000, RETRY_MS)))
        continue
      }
      if (!response.ok) return { error: { kind: "http", status: response.status } }
      return { text: await response.text() }
    }
  } catch (error) {
    console.warn(`DNS lookup of ${name} (${type}) failed:`, error)
    if (error.name === "TimeoutError") return { error: { kind: "timeout", seconds: LOOKUP_MS / 1000 } }
    return { error: { kind: navigator.onLine === false ? "offline" : "network" } }
  }
}

// Every lookup, at most PARALLEL at a time; the answers in the lookups' order.
async function lookUpAll(endpoint, lookups) {
  const answers = new Array(lookups.length)
  let next = 0
  const worker = async () => {
    while (next < lookups.length) {
      const i = next++
      answers[i] = await lookUp(endpoint, lookups[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, lookups.length) }, worker))
  return answers
}

async function checkAccess({ id, access, provider, endpoint, lang }) {
  let check = null
  try {
    // Imported when first asked for, not at start: most visits never check access, and every import before
    // "ready" delays the first findings.
    check = entry("access")(access, provider)
    while (!check.done) {
      const lookups = JSON.parse(check.pending_json())
      const answers = await lookUpAll(endpoint, lookups)
      // What is missing stays undefined, which Pyodide makes None (JavaScript's null would arrive as jsnull).
      lookups.forEach((lookup, i) => check.answer_json(lookup.name, lookup.type, answers[i].text,
        answers[i].error && JSON.stringify(answers[i].error)))
    }
    postMessage({ id, access: check.report_json(lang) })
  } catch (error) {
    postMessage({ id, error: String(error && error.message || error) })
  } finally {
    check?.destroy()
  }
}

const pending = []
let ready = false
self.onmessage = ({ data }) => (ready ? answer(data) : pending.push(data))

function answer(message) {
  if (message.access !== undefined) return checkAccess(message)
  const { id, lang } = message
  try {
    if (message.wizard !== undefined) {
      const { wizard, settings, root, address } = message
      postMessage({ id, wizard: entry("wizard")(wizard, lang, settings, root, address) })
    } else {
      postMessage({ id, form: entry("form")(message.form, lang) })
    }
  } catch (error) {
    postMessage({ id, error: String(error) })
  }
}

start().then(
  () => {
    if (failed) return
    ready = true
    postMessage({ ready: true })
    for (const message of pending.splice(0)) answer(message)
  },
  (error) => fatal(String(error && error.message || error)),
)
