// The site's service worker: a revisit starts from this browser's copy of the pages and of the checker's
// runtime, and the self-check and the wizard work with no network at all.
//
// Not served from here: hooks/service_worker.py writes `sw.js` at the site's root (its scope is then the whole
// site, whatever sub-path the site is deployed under) from this file, with the build's manifest in front of it as
// one constant, BUILD (no other script, and nothing inline in a page):
//   BUILD.version   a hash of every listed file's path and SHA-256 (and of this script): any change a deploy
//                   makes changes sw.js, so the browser installs the new worker;
//   BUILD.precache  paths (from the site's root) kept when the worker installs, each with its file's content hash
//                   (the start of its SHA-256): every page in both languages, the sitemaps, the search index and
//                   the site's own styles, scripts and images;
//   BUILD.runtime   paths of the large runtime files (Pyodide, the checker's snapshot and wheel, Mermaid), each
//                   with its group ("python", "mermaid"). Never downloaded for install, never even looked for
//                   on a page that does not use them: a visitor reading a guide page must not pay 30 MB for
//                   it. They are kept when a page has used them: taken from the browser's HTTP cache, or cached
//                   as they pass through this worker.
//
// A deploy costs a returning visitor only what it changed: the new version's install copies from the old version's
// cache every file whose hash is the same in both, and downloads the others (a one-page deploy: that page and
// sw.js). Each version's cache holds, beside its files, the hash each of them was stored with (STORED), written
// last; a cache without it (an install that failed halfway, or a version older than this scheme) is never copied
// from, and a browser that has no old cache (a first visit, cleared storage) downloads everything.
//
// Strategies: pages (and the sitemaps) network first, so a deploy shows at once when online, the cached copy when
// not; the runtime cache first (its names carry a version or a content hash: a cached copy is never stale); every
// other listed file cache first from this version's cache (fetched with this version's pages). Nothing else is
// touched: the DoH lookups (/resolve, /dns-query), another origin, a POST go to the network as if this worker
// were not there, and so does any path the build did not list.
"use strict"

const PREFIX = "icp-"
const PAGES = `${PREFIX}pages-${BUILD.version}`  // one per deploy: removed when another version activates
// One for every version: its files are named after their version or content hash, so a deploy that keeps them
// (a change to a page only) keeps the 30 MB too; a file no longer listed is removed when a version activates.
const RUNTIME = `${PREFIX}runtime`
const ROOT = self.registration.scope  // the site's root, ending in "/"

const absolute = (path) => new URL(path, ROOT).href
const precached = new Set(Object.keys(BUILD.precache).map(absolute))
// Where a version's cache keeps the hash of each file it holds ({URL: hash}): one entry of its own rather than a
// header on each stored response, because a response stored as the network gave it keeps its address (which a
// page and a worker take theirs from, see asAskedFor) and its headers, and because one entry written after every
// file says by being there that the cache is complete. Under a query no page asks for: the fetch handler looks
// files up without their query, so no request is ever answered with it.
const STORED = absolute("sw.js?stored-hashes")
const runtimeGroups = new Map(BUILD.runtime.map(({ path, group }) => [absolute(path), group]))

self.addEventListener("install", (event) => {
  // A new version takes over at once instead of waiting for every tab of the site to close. A tab opened on the
  // old version is then served by the new worker: acceptable, because pages are fetched network first (the tab's
  // next page is the new version's), the runtime's names are content hashed (the old page's runtime files are
  // still fetched by their own names, from the network when the new version no longer keeps them), and the old
  // page's styles and scripts, gone from the new version's cache, come from the network too.
  self.skipWaiting()
  event.waitUntil(install())
})

// All or nothing, as Cache.addAll: every file is copied or downloaded before any is stored, and one that fails
// rejects the install, which leaves the previous version in charge (a later navigation tries again).
async function install() {
  const older = await storedVersions()
  await caches.delete(PAGES)  // what an earlier, failed install of this version may have left: start clean
  const wanted = Object.entries(BUILD.precache)
  const files = await Promise.all(wanted.map(([path, hash]) => obtain(absolute(path), hash, older)))
  const cache = await caches.open(PAGES)
  await Promise.all(files.map(({ url, response }) => cache.put(url, response)))
  const stored = Object.fromEntries(files.map(({ url, hash }) => [url, hash]))
  await cache.put(STORED, new Response(JSON.stringify(stored), { headers: { "Content-Type": "application/json" } }))
}

// The complete caches of other versions (those with their STORED hashes), each with those hashes.
async function storedVersions() {
  const older = []
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}pages-`) || name === PAGES) continue
    const cache = await caches.open(name)
    const stored = await cache.match(STORED)
    const hashes = stored && await stored.json().catch(() => null)
    if (hashes) older.push({ cache, hashes })
  }
  return older
}

// One file of this version: the copy an older version stored with the same hash, else the network's, stored with
// the hash of what arrived. That is the manifest's unless the server sent something else than this build (a deploy
// still being copied, a host that rewrites pages); then the next version never takes it for its own.
async function obtain(url, hash, older) {
  for (const { cache, hashes } of older) {
    if (hashes[url] !== hash) continue
    const response = await cache.match(url)
    if (response) return { url, hash, response }
  }
  // "no-cache": revalidated with the server, so this version's files and never an older copy from the HTTP cache.
  const response = await fetch(new Request(url, { cache: "no-cache" }))
  if (!response.ok || response.status === 206) throw new TypeError(`service worker: ${url} answered ${response.status}`)
  const arrived = await sha256(await response.clone().arrayBuffer(), hash.length)
  if (arrived !== hash) console.warn(`service worker: ${url} is not this build's (SHA-256 ${arrived}, not ${hash})`)
  return { url, hash: arrived, response }
}

async function sha256(bytes, length) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("").slice(0, length)
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== PAGES && name !== RUNTIME) await caches.delete(name)
    }
    const runtime = await caches.open(RUNTIME)
    for (const request of await runtime.keys()) {
      if (!runtimeGroups.has(request.url)) await runtime.delete(request)
    }
    await self.clients.claim()
  })())
})

// The registration script (service-worker-registration.js) says what a page has used of the runtime:
// {keep: "python"} once the checker is ready (the files its worker fetched are not the page's to list), and
// {loaded: [URL, ...]} after a page has loaded (every file the page fetched; the runtime's among them are kept).
// The first visit's files were fetched before this worker controlled the page, so they pass through it only on
// the next visit: kept now, the next visit works offline.
self.addEventListener("message", (event) => {
  const data = event.data || {}
  if (typeof data.keep === "string") {
    const group = [...runtimeGroups].filter(([, itsGroup]) => itsGroup === data.keep).map(([url]) => url)
    event.waitUntil(keepRuntime(group, { download: true }))
  } else if (Array.isArray(data.loaded)) {
    const loaded = data.loaded.map((url) => { const { origin, pathname } = new URL(url); return origin + pathname })
    event.waitUntil(keepRuntime(loaded.filter((url) => runtimeGroups.has(url)), { download: false }))
  }
})

// Put runtime files not yet kept into the runtime cache: from the HTTP cache (`only-if-cached`), or, when the page
// has just used them (`download`) and the HTTP cache did not keep them (its entries have a size limit; these files
// are megabytes), from the network. A file that cannot be had is left for its next use.
async function keepRuntime(urls, { download }) {
  const cache = await caches.open(RUNTIME)
  await Promise.all(urls.map(async (url) => {
    if (await cache.match(url)) return
    try {
      // Not in the HTTP cache: a network error or 504, depending on the browser.
      let response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" }).catch(() => null)
      if (!response?.ok && download) response = await fetch(url, { cache: "force-cache" })
      if (response?.status === 200) await cache.put(url, response)
    } catch (error) {
      console.debug(`service worker: ${url} not kept yet (${error})`)
    }
  }))
}

self.addEventListener("fetch", (event) => {
  const request = event.request
  if (request.method !== "GET") return
  const url = new URL(request.url)
  if (!url.href.startsWith(ROOT)) return  // another origin, or outside the site
  // A file is the same whatever its query (the checker's worker gets its settings in its script's query; the
  // wizard's answers travel in a page's `?a=`).
  const file = url.origin + url.pathname
  if (runtimeGroups.has(file)) {
    event.respondWith(cacheFirst(event, file))
  } else if (request.mode === "navigate" || isPage(url)) {
    event.respondWith(networkFirst(request, file))
  } else if (precached.has(file)) {
    event.respondWith(fromThisVersion(request, file))
  }
  // Anything else (the DoH endpoint's /resolve and /dns-query, source maps, a path no build listed): the network.
})

// A page or a sitemap.
function isPage(url) {
  const path = url.pathname
  return path.endsWith("/") || path.endsWith(".html") || path.endsWith("/sitemap.xml")
}

async function networkFirst(request, file) {
  try {
    return await fetch(request)
  } catch (offline) {
    const cached = await caches.match(file, { cacheName: PAGES })
    if (cached) return asAskedFor(request, cached)
    throw offline
  }
}

// A cached copy answers a request with a query as the request's own: a response keeps the address it was stored
// under, and a document or a worker takes its address (location, and the checker's worker its settings) from the
// response; a new response has none, so the request's is used.
function asAskedFor(request, cached) {
  if (!new URL(request.url).search) return cached
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers: cached.headers })
}

async function cacheFirst(event, url) {
  const cache = await caches.open(RUNTIME)
  const cached = await cache.match(url)
  if (cached) return asAskedFor(event.request, cached)
  const response = await fetch(event.request)
  // Only a whole answer, never a partial one (206) or an error; stored while the page reads it.
  if (response.status === 200) event.waitUntil(cache.put(url, response.clone()))
  return response
}

async function fromThisVersion(request, url) {
  const cached = await caches.match(url, { cacheName: PAGES })
  return cached ? asAskedFor(request, cached) : fetch(request)
}
