// The remediation wizard's controller. The build renders the whole tree (hooks/remediation.py): every node a
// section, every option a link to the next; without JavaScript, CSS shows the node the address points at. This
// script shows one node at a time and keeps the answers in the address (?a=within.yes.contact), so a shared link
// opens at the same step, a reload resumes, and the browser's back button goes back a question.
//
// Two things decide where the answers lead, and one function shows it:
// - before Python has loaded, the page itself: the script follows the data-next of each option chosen (the
//   routing stays in the tree the build rendered), so the first question is answerable at once;
// - once Python has loaded (the tab's worker, checker-runtime.js), checker.remediation: it walks the tree,
//   explains a link whose answers do not fit, counts the questions left and writes the plan as Markdown. It takes
//   over at the node shown, so the visitor keeps their place.
//
// Loaded on every page (extra_javascript) but idle unless the page has the wizard; mounted again after each of
// Material's instant navigations.
(() => {
  "use strict"

  const PARAM = "a"
  const FROM = "from"           // ?from=self-check: the self-check gave the first answers
  const SEPARATOR = "."

  // The answers in an address's string, read exactly as checker.remediation.decode reads them: split at every
  // "." ("within..yes" holds an empty answer, which fits no option, so the walk stops there as Python's does);
  // "" is no answer yet; a string over Python's limits (MAX_ANSWERS, MAX_STRING, counted in code points) is no
  // answer at all (null), as for Python. tests/test_remediation.py compares these constants with Python's.
  const MAX_ANSWERS = 32
  const MAX_STRING = 1056
  function answersIn(text) {
    if (!text) return []
    if ([...text].length > MAX_STRING) return null
    const answers = text.split(SEPARATOR)
    return answers.length > MAX_ANSWERS ? null : answers
  }
  const answersInAddress = () => new URLSearchParams(location.search).get(PARAM) || ""
  const format = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key])

  function addressFor(answers) {
    const url = new URL(location.href)
    url.hash = ""
    if (answers) url.searchParams.set(PARAM, answers)
    else { url.searchParams.delete(PARAM); url.searchParams.delete(FROM) }
    return url.href
  }

  // The page's own walk, before Python: from the start, through each answer's option, as far as the answers fit
  // the rendered tree. The same shape as checker.remediation's Tree.state, less what only Python knows.
  function pageState(root, text) {
    let node = root.dataset.start
    const answered = []
    const fitted = []
    const given = answersIn(text)
    for (const answer of given || []) {
      const section = root.querySelector(`#wz-${CSS.escape(node)}`)
      const option = section && section.querySelector(`.wz__option[data-option="${CSS.escape(answer)}"]`)
      if (!option) break
      answered.push({ question_text: section.querySelector("h2").textContent, option_text: option.textContent })
      fitted.push(answer)
      node = option.dataset.next
    }
    const isOutcome = root.querySelector(`#wz-${CSS.escape(node)}`).classList.contains("wz__outcome")
    // Why answers do not fit, Python says in words; the page only knows that they stopped fitting.
    const problem = given === null || fitted.length < given.length ? { code: "page", message: "" } : null
    return { node, is_outcome: isOutcome, answers: fitted.join(SEPARATOR),
             back: fitted.length ? fitted.slice(0, -1).join(SEPARATOR) : null,
             answered, number: fitted.length + 1, most: null, problem, markdown: null }
  }

  function mount(root) {
    const words = JSON.parse(root.dataset.words)
    const progress = root.querySelector(".wz__progress")
    const note = root.querySelector(".wz__note")
    const lang = root.dataset.lang
    let shown = null        // the state on screen
    let python = false      // Python decides from now on
    let asked = 0           // the latest question to Python: an older answer is dropped
    let downloadUrl = null  // the plan's Markdown as a blob: URL, freed when the next one is made

    // One "Back" link for the whole page, moved into the node shown (a new one per node piled up separators).
    const back = document.createElement("span")
    const backLink = document.createElement("a")
    backLink.className = "wz__back"
    backLink.dataset.action = "back"
    backLink.textContent = words.back
    back.append(backLink, " · ")

    function render(state, { focus = false } = {}) {
      shown = state
      for (const section of root.querySelectorAll(".wz__node")) {
        if (section.dataset.node === state.node) section.setAttribute("data-current", "")
        else section.removeAttribute("data-current")
      }
      const current = root.querySelector(`#wz-${CSS.escape(state.node)}`)
      progress.textContent = state.is_outcome ? words.plan
        : state.most ? format(words.question_of, { number: state.number, most: state.most })
          : `${words.question} ${state.number}`
      const notes = []
      if (state.problem) notes.push(format(words.problem, { message: state.problem.message }).replace(/ {2,}/g, " "))
      if (new URLSearchParams(location.search).get(FROM) === "self-check" && state.answered.length) {
        notes.push(words.prefilled)
      }
      note.textContent = notes.join(" ")
      note.hidden = !notes.length
      note.setAttribute("role", state.problem ? "alert" : "note")
      for (const extra of root.querySelectorAll(".wz__answers, .wz__tools")) extra.remove()
      const restart = current.querySelector(".wz__restart")
      if (state.answered.length) restart.before(answersList(state.answered, notes.length > 0))
      if (state.is_outcome) restart.before(tools(state))
      if (state.back !== null) {
        backLink.href = addressFor(state.back)
        restart.prepend(back)
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

    function answersList(answered, open) {
      const box = document.createElement("details")
      box.className = "wz__answers"
      box.open = open
      const summary = document.createElement("summary")
      summary.textContent = words.answers
      const list = document.createElement("ul")
      for (const { question_text: question, option_text: answer } of answered) {
        const item = document.createElement("li")
        item.textContent = `${question} — ${answer}`  // text, never HTML
        list.append(item)
      }
      box.append(summary, list)
      return box
    }

    function tools(state) {
      const box = document.createElement("p")
      box.className = "wz__tools"
      const print = document.createElement("button")
      print.type = "button"
      print.className = "md-button"
      print.dataset.action = "print"
      print.textContent = words.print
      box.append(print, " ")
      if (state.markdown !== null) {  // written by Python: offered once it has taken over
        const download = document.createElement("a")
        download.className = "md-button"
        download.dataset.action = "download"
        download.download = `icp-plan-${state.node}.md`
        if (downloadUrl) URL.revokeObjectURL(downloadUrl)
        downloadUrl = URL.createObjectURL(new Blob([state.markdown], { type: "text/markdown;charset=utf-8" }))
        download.href = downloadUrl
        download.textContent = words.download
        box.append(download)
      }
      const share = document.createElement("span")
      share.className = "wz__share"
      share.textContent = ` ${words.share} `
      const link = document.createElement("a")
      const shared = new URL(addressFor(state.answers))
      shared.searchParams.delete(FROM)  // whoever opens it did not come from the self-check
      link.href = shared.href
      link.textContent = link.href
      share.append(link)
      box.append(share)
      return box
    }

    // Where the answers lead, from Python once it has taken over, else from the page; shown unless a later
    // question has been asked meanwhile.
    async function show(text, options = {}) {
      const mine = ++asked
      let state = null
      if (python) {
        const page = new URL(location.href)
        page.search = ""
        page.hash = ""
        const answer = await icpChecker.ask({ wizard: text, lang, settings: root.dataset.settings,
          root: new URL(root.dataset.root, location.href).href, address: page.href })
        if (answer.wizard) state = JSON.parse(answer.wizard)
        else console.warn("the wizard's Python failed; the page walks on by itself:", answer.error)
      }
      if (mine !== asked || !root.isConnected) return
      if (state) {
        // The address keeps only what fitted, once Python has said why the rest did not.
        if (state.answers !== text) history.replaceState(null, "", addressFor(state.answers))
        root.dataset.engine = "python"
      }
      render(state ?? pageState(root, text), options)
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
      if (action === "download") { event.stopPropagation(); return }  // the browser saves the file
      event.preventDefault()
      event.stopPropagation()
      const answers = shown ? shown.answers : ""
      if (link.classList.contains("wz__option")) go(answers ? `${answers}${SEPARATOR}${link.dataset.option}` : link.dataset.option)
      else if (action === "back") go(shown && shown.back !== null ? shown.back : "")
      else if (action === "restart") go("")
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
    if (!answersInAddress() && node) {
      const answers = pathTo(root, node)
      if (answers) history.replaceState(null, "", addressFor(answers.join(SEPARATOR)))
    }
    show(answersInAddress())
    root.dataset.ready = ""

    // Python takes over once loaded, at the answers in the address now: where the visitor is.
    icpChecker.start(root)
    const stop = icpChecker.whenSettled((settled) => {
      if (!root.isConnected) { stop(); return }
      if (settled !== "ready") return  // the page goes on walking by itself; the plan prints without Python
      python = true
      show(answersInAddress())
    })
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
  // At once (this script comes after the page's content, so the wizard is parsed: the first answer goes into the
  // address without waiting for the theme's start-up), and again after each instant navigation.
  attach()
  if (typeof document$ !== "undefined") document$.subscribe(attach)
  else document.addEventListener("DOMContentLoaded", attach)
})()
