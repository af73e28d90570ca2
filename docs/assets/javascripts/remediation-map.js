// The wizard as a map (docs/remediation-map.md): draws the chart whose Mermaid text hooks/remediation_map.py put in
// the page. Mermaid (3.5 MB) is the site's own copy, loaded only when a page has a chart, once per tab: Material's
// instant navigation keeps this script and its promise across pages. Without this script, or when drawing fails,
// the reader sees the chart's text.
(() => {
  let loading = null

  // One classic <script> per tab; the URL is the page's data-script (relative to the page that first asks).
  function loadMermaid(url) {
    if (window.mermaid) return Promise.resolve(window.mermaid)
    loading ??= new Promise((resolve, reject) => {
      const script = document.createElement("script")
      script.src = url
      script.onload = () => window.mermaid ? resolve(window.mermaid) : reject(new Error("no window.mermaid"))
      script.onerror = () => { loading = null; reject(new Error(`cannot load ${url}`)) }
      document.head.append(script)
    })
    return loading
  }

  // Material's palette: the slate scheme is the dark one.
  const isDark = () => document.body.dataset.mdColorScheme === "slate"

  let drawn = 0
  async function draw(map) {
    const source = map.querySelector(".wz-map__source")
    const status = map.querySelector(".wz-map__status")
    if (map.dataset.state !== "drawn") {   // a redraw (the palette changed) keeps the old chart meanwhile
      map.dataset.state = "drawing"
      status.textContent = map.dataset.drawing
    }
    try {
      const mermaid = await loadMermaid(map.dataset.script)
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: "strict",        // labels as text: no HTML, no links, no scripts
        suppressErrorRendering: true,   // on failure, no error drawing left in the page: the text is shown
        theme: isDark() ? "dark" : "default",
        fontFamily: getComputedStyle(document.body).fontFamily,  // the page's fonts, CJK fallbacks included
        // Natural size, so the labels stay legible: the chart scrolls in its box rather than shrinking. Narrower
        // labels and tighter spacing than Mermaid's defaults make the wide tree a screen narrower.
        flowchart: { useMaxWidth: false, wrappingWidth: 140, nodeSpacing: 20, rankSpacing: 30 },
      })
      const { svg } = await mermaid.render(`wz-map-${++drawn}`, source.textContent)
      let chart = map.querySelector(".wz-map__chart")
      if (!chart) {
        chart = document.createElement("div")
        chart.className = "wz-map__chart"
        chart.tabIndex = 0                  // scrollable by keyboard
        chart.setAttribute("role", "figure")
        chart.setAttribute("aria-label", map.dataset.chart)
        map.append(chart)
      }
      const first = map.dataset.state !== "drawn"
      chart.innerHTML = svg
      map.dataset.state = "drawn"
      status.textContent = ""
      if (first) showStart(chart)
    } catch (error) {
      console.warn("remediation map:", error)  // a warning, not an error: the page still shows the chart's text
      map.dataset.state = "failed"
      status.textContent = map.dataset.failed
    }
  }

  // The chart is wider than the page: scroll its box sideways to the first question (the topmost node).
  function showStart(chart) {
    const nodes = [...chart.querySelectorAll("g.node")].map(node => node.getBoundingClientRect())
    if (!nodes.length) return
    const top = nodes.reduce((best, box) => box.top < best.top ? box : best)
    const box = chart.getBoundingClientRect()
    chart.scrollLeft += top.left + top.width / 2 - (box.left + box.width / 2)
  }

  const drawAll = () => document.querySelectorAll(".wz-map").forEach(draw)

  // Switching between light and dark redraws in the other theme (Mermaid bakes its colours into the SVG).
  let watching = false
  function watchPalette() {
    if (watching) return
    watching = true
    new MutationObserver(drawAll).observe(document.body, { attributeFilter: ["data-md-color-scheme"] })
  }

  const attach = () => {
    if (!document.querySelector(".wz-map")) return
    watchPalette()
    drawAll()
  }
  if (typeof document$ !== "undefined") document$.subscribe(attach)
  else document.addEventListener("DOMContentLoaded", attach)
})()
