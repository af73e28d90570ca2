// The checker's runtime for the page scripts: one Web Worker per tab (checker-worker.mjs), in which Pyodide runs
// the checker. The self-check's and the wizard's scripts share it, so moving between the two pages under
// Material's instant navigation starts Python once. A page's root element names the files (data-worker,
// data-pyodide, data-wheel, data-snapshot and its data-snapshot-sha256, from hooks/browser_runtime.py) and which
// page it is (data-runtime-for).
//
// Loaded on every page (extra_javascript), before the pages' scripts; it starts nothing until a page asks. (Not from
// <head>: measured, starting the worker there makes Python ready no sooner and the form typeable later; see
// ARCHITECTURE.md, "The self-check page".)
window.icpChecker = (() => {
  "use strict"

  let runtime = null  // {worker, ready, failed, waiting, listeners, next}

  // The tab's runtime, started on first use. listeners get "ready" or "failed" (with runtime.failed the reason).
  function start(root) {
    if (runtime) return runtime
    const url = (attribute) => new URL(root.dataset[attribute], location.href).href
    const query = new URLSearchParams({ pyodide: url("pyodide"), wheel: url("wheel"), snapshot: url("snapshot"),
      snapshot_sha256: root.dataset.snapshotSha256, for: root.dataset.runtimeFor })
    const worker = new Worker(`${url("worker")}?${query}`, { type: "module" })
    runtime = { worker, ready: false, failed: null, waiting: new Map(), listeners: new Set(), next: 1 }
    const fail = (reason) => {
      if (runtime.ready || runtime.failed) return
      runtime.failed = reason
      for (const listener of runtime.listeners) listener("failed")
    }
    worker.onmessage = ({ data }) => {
      if (data.ready) {
        runtime.ready = true
        performance.mark("icp-checker-ready")
        for (const listener of runtime.listeners) listener("ready")
      } else if (data.fatal) {
        fail(data.fatal)
      } else {
        const resolve = runtime.waiting.get(data.id)
        runtime.waiting.delete(data.id)
        if (resolve) resolve(data)
      }
    }
    worker.onerror = (event) => { event.preventDefault(); fail(event.message || "the worker could not start") }
    return runtime
  }

  // Calls `listener` with "ready" or "failed" once the runtime is either, at once if it already is; returns a
  // function that stops listening (a page left under instant navigation stops listening).
  function whenSettled(listener) {
    if (runtime.ready || runtime.failed) {
      listener(runtime.ready ? "ready" : "failed")
      return () => {}
    }
    runtime.listeners.add(listener)
    return () => runtime.listeners.delete(listener)
  }

  // One question to the worker (see checker-worker.mjs for the messages); resolves with its answer.
  function ask(message) {
    return new Promise((resolve) => {
      const id = runtime.next++
      runtime.waiting.set(id, resolve)
      runtime.worker.postMessage({ id, ...message })
    })
  }

  return { start, ask, whenSettled, get current() { return runtime } }
})()
