// The remediation wizard's controller. The build renders the whole tree (hooks/remediation.py): every node a
// section, every option a link to the next; without JavaScript, CSS shows the node the address points at. This
// script walks the same nodes one question at a time and keeps the answers in the address (?a=within.yes.contact),
// so a shared link opens at the same step, a reload resumes, and the browser's back button goes back a question.
// The routing stays in the tree: the script only follows the data-next of the option chosen.
//
// Loaded on every page (extra_javascript) but idle unless the page has the wizard; mounted again after each of
// Material's instant navigations.
(() => {
  "use strict"

  const PARAM = "a"
  const SEPARATOR = "."

  const answersInAddress = () => {
    const value = new URLSearchParams(location.search).get(PARAM)
    return value ? value.split(SEPARATOR).filter(Boolean) : []
  }

  function addressFor(answers) {
    const url = new URL(location.href)
    url.hash = ""
    if (answers.length) url.searchParams.set(PARAM, answers.join(SEPARATOR))
    else url.searchParams.delete(PARAM)
    return url.href
  }

  // From the start, through each answer's option, as far as the answers fit the tree (a mangled link stops early).
  function walk(root, answers) {
    let node = root.dataset.start
    const answered = []
    for (const answer of answers) {
      const section = root.querySelector(`#wz-${CSS.escape(node)}`)
      const option = section && section.querySelector(`.wz__option[data-option="${CSS.escape(answer)}"]`)
      if (!option) break
      answered.push({ question: section.querySelector("h2").textContent, answer: option.textContent })
      node = option.dataset.next
    }
    return { node, answered, fitted: answers.slice(0, answered.length) }
  }

  function mount(root) {
    const words = JSON.parse(root.dataset.words)
    const progress = root.querySelector(".wz__progress")

    // One "Back" link for the whole page, moved into the node shown (a new one per node piled up separators).
    const back = document.createElement("span")
    const backLink = document.createElement("a")
    backLink.className = "wz__back"
    backLink.dataset.action = "back"
    backLink.textContent = words.back
    back.append(backLink, " · ")

    function show(answers, { focus = false } = {}) {
      const { node, answered, fitted } = walk(root, answers)
      for (const section of root.querySelectorAll(".wz__node")) {
        if (section.dataset.node === node) section.setAttribute("data-current", "")
        else section.removeAttribute("data-current")
      }
      const current = root.querySelector(`#wz-${CSS.escape(node)}`)
      const outcome = current.classList.contains("wz__outcome")
      progress.textContent = outcome ? words.plan : `${words.question} ${answered.length + 1}`
      for (const list of root.querySelectorAll(".wz__answers")) list.remove()
      for (const tools of root.querySelectorAll(".wz__tools")) tools.remove()
      if (outcome) current.append(answersList(answered), tools())
      if (answered.length) {
        backLink.href = addressFor(fitted.slice(0, -1))
        current.querySelector(".wz__restart").prepend(back)
      } else {
        back.remove()
      }
      if (focus) {
        const heading = current.querySelector("h2")
        heading.tabIndex = -1
        heading.focus({ preventScroll: true })
        current.scrollIntoView({ block: "start" })
      }
    }

    function answersList(answered) {
      const box = document.createElement("details")
      box.className = "wz__answers"
      const summary = document.createElement("summary")
      summary.textContent = words.answers
      const list = document.createElement("ul")
      for (const { question, answer } of answered) {
        const item = document.createElement("li")
        item.textContent = `${question} — ${answer}`  // text, never HTML
        list.append(item)
      }
      box.append(summary, list)
      return box
    }

    function tools() {
      const box = document.createElement("p")
      box.className = "wz__tools"
      const print = document.createElement("button")
      print.type = "button"
      print.className = "md-button"
      print.dataset.action = "print"
      print.textContent = words.print
      const share = document.createElement("span")
      share.className = "wz__share"
      share.textContent = ` ${words.share} `
      const link = document.createElement("a")
      link.href = location.href
      link.textContent = location.href
      share.append(link)
      box.append(print, share)
      return box
    }

    function go(answers) {
      history.pushState(null, "", addressFor(answers))
      show(answers, { focus: true })
    }

    // Options, back and restart are links (they work without this script); with it they move within the page.
    // Material's instant navigation is kept out of these clicks: they change the answers, not the page.
    root.addEventListener("click", (event) => {
      const link = event.target.closest("a.wz__option, [data-action]")
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return
      const action = link.dataset.action
      if (action === "print") { window.print(); return }
      event.preventDefault()
      event.stopPropagation()
      const { fitted } = walk(root, answersInAddress())
      if (link.classList.contains("wz__option")) go([...fitted, link.dataset.option])
      else if (action === "back") go(fitted.slice(0, -1))
      else if (action === "restart") go([])
    })
    const onPopState = () => {
      if (!root.isConnected) { window.removeEventListener("popstate", onPopState); return }
      show(answersInAddress(), { focus: true })
    }
    window.addEventListener("popstate", onPopState)

    // The visitor's place when the script takes over: the answers in the address; or, from the page as it works
    // without JavaScript (#wz-<node>), the shortest answers that lead to that node.
    // (A search result links to a node's heading, #wz-<node>-title: its section is the node.)
    const target = location.hash.startsWith("#wz-") ? document.getElementById(location.hash.slice(1)) : null
    const node = target && target.closest(".wz__node")?.dataset.node
    if (!answersInAddress().length && node) {
      const answers = pathTo(root, node)
      if (answers) history.replaceState(null, "", addressFor(answers))
    }
    show(answersInAddress())
    root.dataset.ready = ""
  }

  // Breadth first from the start over the options' next nodes: the shortest answers that reach `target`.
  function pathTo(root, target) {
    const seen = new Map([[root.dataset.start, []]])
    const queue = [root.dataset.start]
    while (queue.length) {
      const node = queue.shift()
      if (node === target) return seen.get(node)
      const section = root.querySelector(`#wz-${CSS.escape(node)}`)
      for (const option of section ? section.querySelectorAll(".wz__option") : []) {
        if (seen.has(option.dataset.next)) continue
        seen.set(option.dataset.next, [...seen.get(node), option.dataset.option])
        queue.push(option.dataset.next)
      }
    }
    return null
  }

  const attach = () => {
    const root = document.getElementById("icp-wizard")
    if (root && !root.dataset.mounted) { root.dataset.mounted = "true"; mount(root) }
  }
  if (typeof document$ !== "undefined") document$.subscribe(attach)
  else document.addEventListener("DOMContentLoaded", attach)
})()
