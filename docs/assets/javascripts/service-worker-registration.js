// Registers the site's service worker (sw.js at the site's root, written by hooks/service_worker.py; what it
// keeps and why: service-worker.js), and tells it when the page has used the checker's runtime, so that the
// next visit finds Python in this browser even offline.
//
// The root is found from this script's own address (assets/javascripts/ below the root), so a site deployed
// under a sub-path registers its own worker for its own pages. Only where service workers exist and the page is a
// secure context (https, or the machine's own address); a failure is said in the console, never on the page.
(() => {
  "use strict"
  if (!("serviceWorker" in navigator) || !window.isSecureContext || !document.currentScript) return
  const root = new URL("../../", document.currentScript.src)

  const tell = (message) => navigator.serviceWorker.ready.then((registration) => {
    registration.active?.postMessage(message)
  })

  // After the page has loaded, so that installing (the pages and styles of the whole site) does not compete with
  // the page's own first requests.
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).then(
      // What this page loaded of the runtime (Mermaid on the map's page) is in the HTTP cache: the worker takes it
      // from there, downloading nothing; a page that loaded none of it makes the worker look for nothing.
      () => tell({ loaded: performance.getEntriesByType("resource").map((entry) => entry.name) }),
      (error) => console.warn("The service worker was not registered: pages will not be available offline.", error),
    )
  })

  // checker-runtime.js marks the moment Python is ready: the worker keeps the runtime's files from then on.
  if (typeof PerformanceObserver === "function") {
    const seen = () => tell({ keep: "python" }).catch((error) => console.warn("service worker:", error))
    if (performance.getEntriesByName("icp-checker-ready", "mark").length) seen()
    else {
      const observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName("icp-checker-ready").length) { observer.disconnect(); seen() }
      })
      observer.observe({ type: "mark", buffered: true })
    }
  }
})()
