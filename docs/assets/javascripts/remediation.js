// The remediation wizard's controller. The build renders the whole tree (hooks/remediation.py): every node a
// section, every option a link to the next; without JavaScript, CSS shows the node the address points at. This
// script shows one node at a time and keeps the answers in the address (?a=within.yes.contact), so a shared link
// opens at the same step, a reload resumes, and the browser's back button goes back a question.
//
// It holds no rule of the tree. Two things decide where the answers lead, and one function shows it:
// - before Python has loaded, what the build rendered: data-walks lists every answer string that fits the tree
//   and the node it reaches (checker.remediation's Tree.walks), so the first question is answerable at once;
//   an address's string opens at the longest start of it found there;
// - once Python has loaded (the tab's worker, checker-runtime.js), checker.remediation's Tree.state: it explains
//   a link whose answers do not fit, counts the questions left and writes the plan as Markdown. It takes over at
//   the node shown, and for any string, however mangled, shows the node the page showed: the visitor keeps their
//   place.
//
// Loaded on every page (extra_javascript) but idle unless the page has the wizard; mounted again after each of
// Material's instant navigations.
(() => {
  "use strict"

  const PARAM = "a"
  const FROM = "from"           // ?from=self-check: the self-check gave the first answers

  // The longest start of an address's string, cut at a separator, that the build rendered as a walk ("" at
  // least). A string over Python's limits (data-limits: answers, and characters counted in code points) keeps no
  // answer, as for Python. tests/test_remediation.py runs this function against Tree.state.
  function fittedStart(text, walks, limits) {
    const parts = text.split(limits.separator)
    if ([...text].length > limits.characters || parts.length > limits.answers) return ""
    let fitted = ""
    for (let count = 1; count <= parts.length; count++) {
      const start = parts.slice(0, count).join(limits.separator)
      if (!walks.has(start)) break
      fitted = start
    }
    return fitted
  }

  const answersInAddress = () => new URLSearchParams(location.search).get(PARAM) || ""
  const format = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key])
  const section = (wizard, node) => wizard.root.querySelector(`#wz-${CSS.escape(node)}`)

  function addressFor(answers) {
    const url = new URL(location.href)
    url.hash = ""
    if (answers) url.searchParams.set(PARAM, answers)
    else { url.searchParams.delete(PARAM); url.searchParams.delete(FROM) }
    return url.href
  }

  // The answer string after choosing `option` where the answers are `answers`.
  const withOption = (wizard, answers, option) => answers ? `${answers}${wizard.limits.separator}${option}` : option

  // Where the page stands before Python: the same shape as Tree.state, less what only Python knows (why answers
  // do not fit, the questions left, the Markdown), read from what the build rendered.
  function pageState(wizard, text) {
    const { walks, limits } = wizard
    const answers = fittedStart(text, walks, limits)
    const parts = answers ? answers.split(limits.separator) : []
    const answered = parts.map((option, index) => {
      const question = section(wizard, walks.get(parts.slice(0, index).join(limits.separator)))
      return { question_text: question.querySelector("h2").textContent,
               option_text: question.querySelector(`.wz__option[data-option="${CSS.escape(option)}"]`).textContent }
    })
    const node = walks.get(answers)
    // Why answers do not fit, Python says in words; the page only knows that they stopped fitting.
    return { node, is_outcome: section(wizard, node).classList.contains("wz__outcome"), answers,
             back: parts.length ? parts.slice(0, -1).join(limits.separator) : null, answered,
             number: parts.length + 1, most: null, problem: answers === text ? null : { code: "page", message: "" },
             markdown: null }
  }

  // --- Showing a state -----------------------------------------------------------------------------------------

  function render(wizard, state, { focus = false } = {}) {
    wizard.shown = state
    for (const node of wizard.root.querySelectorAll(".wz__node")) {
      if (node.dataset.node === state.node) node.setAttribute("data-current", "")
      else node.removeAttribute("data-current")
    }
    const current = section(wizard, state.node)
    showProgress(wizard, state)
    const noted = showNote(wizard, state)
    for (const extra of wizard.root.querySelectorAll(".wz__answers, .wz__tools")) extra.remove()
    const restart = current.querySelector(".wz__restart")
    if (state.answered.length) restart.before(answersList(wizard.words, state.answered, noted))
    if (state.is_outcome) restart.before(tools(wizard, state))
    placeBack(wizard, state, restart)
    pointOptions(wizard, state, current)
    // A new question or the plan replaces the page's content where the visitor was: the focus moves to its heading
    // (a screen reader reads it, a keyboard user's next Tab is in it), rather than a live region reading out a whole
    // plan. The progress line (role="status") adds only "Question 2 of 5" after it. Nothing else changes the node
    // shown without moving the focus: Python's taking over keeps the visitor's place and only fills in counts.
    if (focus) {
      const heading = current.querySelector("h2")
      heading.tabIndex = -1
      heading.focus({ preventScroll: true })
      current.scrollIntoView({ block: "start" })
    }
  }

  function showProgress(wizard, state) {
    const { words } = wizard
    wizard.progress.textContent = state.is_outcome ? words.plan
      : state.most ? format(words.question_of, { number: state.number, most: state.most })
        : `${words.question} ${state.number}`
  }

  // The note above the node: why the link's answers did not fit, and that the self-check gave the first ones.
  function showNote(wizard, state) {
    const { words, note } = wizard
    const notes = []
    if (state.problem) notes.push(format(words.problem, { message: state.problem.message }).replace(/ {2,}/g, " "))
    if (new URLSearchParams(location.search).get(FROM) === "self-check" && state.answered.length) {
      notes.push(words.prefilled)
    }
    note.textContent = notes.join(" ")
    note.hidden = !notes.length
    note.setAttribute("role", state.problem ? "alert" : "note")
    return notes.length > 0
  }

  // One "Back" link for the whole page, moved into the node shown (a new one per node piled up separators).
  function placeBack(wizard, state, restart) {
    if (state.back !== null) {
      wizard.backLink.href = addressFor(state.back)
      restart.prepend(wizard.back)
    } else {
      wizard.back.remove()
    }
  }

  // Each option of the question shown links to the address with its answer string.
  function pointOptions(wizard, state, current) {
    for (const option of current.querySelectorAll(".wz__option")) {
      option.dataset.answers = withOption(wizard, state.answers, option.dataset.option)
      option.href = addressFor(option.dataset.answers)
    }
  }

  function answersList(words, answered, open) {
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

  function tools(wizard, state) {
    const { words } = wizard
    const box = document.createElement("p")
    box.className = "wz__tools"
    const print = document.createElement("button")
    print.type = "button"
    print.className = "md-button"
    print.dataset.action = "print"
    print.textContent = words.print
    box.append(print, " ")
    if (state.markdown !== null) box.append(download(wizard, state))  // written by Python, once it has taken over
    box.append(shareLink(words, state))
    return box
  }

  function download(wizard, state) {
    const link = document.createElement("a")
    link.className = "md-button"
    link.dataset.action = "download"
    link.download = `icp-plan-${state.node}.md`
    if (wizard.downloadUrl) URL.revokeObjectURL(wizard.downloadUrl)
    wizard.downloadUrl = URL.createObjectURL(new Blob([state.markdown], { type: "text/markdown;charset=utf-8" }))
    link.href = wizard.downloadUrl
    link.textContent = wizard.words.download
    return link
  }

  function shareLink(words, state) {
    const share = document.createElement("span")
    share.className = "wz__share"
    share.textContent = ` ${words.share} `
    const link = document.createElement("a")
    const shared = new URL(addressFor(state.answers))
    shared.searchParams.delete(FROM)  // whoever opens it did not come from the self-check
    link.href = shared.href
    link.textContent = link.href
    share.append(link)
    return share
  }

  // --- Deciding and moving -------------------------------------------------------------------------------------

  // Python's state for the answers (Tree.state in the worker); null when it failed.
  async function pythonState(wizard, text) {
    const page = new URL(location.href)
    page.search = ""
    page.hash = ""
    const answer = await icpChecker.ask({ wizard: text, lang: wizard.lang, settings: wizard.root.dataset.settings,
      root: new URL(wizard.root.dataset.root, location.href).href, address: page.href })
    if (answer.wizard) return JSON.parse(answer.wizard)
    console.warn("the wizard's Python failed; the page goes on by what the build rendered:", answer.error)
    return null
  }

  // Where the answers lead, from Python once it has taken over, else from the page; shown unless a later
  // question has been asked meanwhile.
  async function show(wizard, text, options = {}) {
    const mine = ++wizard.asked
    const state = wizard.python ? await pythonState(wizard, text) : null
    if (mine !== wizard.asked || !wizard.root.isConnected) return
    if (state) {
      // The address keeps only what fitted, once Python has said why the rest did not.
      if (state.answers !== text) history.replaceState(null, "", addressFor(state.answers))
      wizard.root.dataset.engine = "python"
    }
    render(wizard, state ?? pageState(wizard, text), options)
  }

  function go(wizard, answers) {
    history.pushState(null, "", addressFor(answers))
    show(wizard, answers, { focus: true })
  }

  // Options, back and restart are links (they work without this script); with it they move within the page.
  // Material's instant navigation is kept out of these clicks: they change the answers, not the page.
  function onClick(wizard, event) {
    const link = event.target.closest("a.wz__option, [data-action]")
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return
    const action = link.dataset.action
    if (action === "print") { window.print(); return }
    if (action === "download") { event.stopPropagation(); return }  // the browser saves the file
    event.preventDefault()
    event.stopPropagation()
    const shown = wizard.shown
    if (link.classList.contains("wz__option")) go(wizard, link.dataset.answers)  // set when its node was shown
    else if (action === "back") go(wizard, shown && shown.back !== null ? shown.back : "")
    else if (action === "restart") go(wizard, "")
  }

  // The visitor's place when the script takes over: the answers in the address; or, from the page as it works
  // without JavaScript (#wz-<node>), the first rendered answer string that leads to that node (a shortest one).
  // (A search result links to a node's heading, #wz-<node>-title: its section is the node.)
  function answersFromAnchor(wizard) {
    const target = location.hash.startsWith("#wz-") ? document.getElementById(location.hash.slice(1)) : null
    const node = target && target.closest(".wz__node")?.dataset.node
    if (answersInAddress() || !node) return
    for (const [answers, reached] of wizard.walks) {
      if (reached === node) { history.replaceState(null, "", addressFor(answers)); return }
    }
  }

  // Python takes over once loaded, at the answers in the address now: where the visitor is.
  function handOverToPython(wizard) {
    icpChecker.start(wizard.root)
    const stop = icpChecker.whenSettled((settled) => {
      if (!wizard.root.isConnected) { stop(); return }
      if (settled !== "ready") return  // the page goes on by itself; the plan prints without Python
      wizard.python = true
      show(wizard, answersInAddress())
    })
  }

  function mount(root) {
    const back = document.createElement("span")
    const backLink = document.createElement("a")
    backLink.className = "wz__back"
    backLink.dataset.action = "back"
    const wizard = {
      root, lang: root.dataset.lang, words: JSON.parse(root.dataset.words),
      walks: new Map(JSON.parse(root.dataset.walks)), limits: JSON.parse(root.dataset.limits),
      progress: root.querySelector(".wz__progress"), note: root.querySelector(".wz__note"), back, backLink,
      shown: null,        // the state on screen
      python: false,      // Python decides from now on
      asked: 0,           // the latest question to Python: an older answer is dropped
      downloadUrl: null,  // the plan's Markdown as a blob: URL, freed when the next one is made
    }
    backLink.textContent = wizard.words.back
    back.append(backLink, " · ")
    root.addEventListener("click", (event) => onClick(wizard, event))
    const onPopState = () => {
      if (!root.isConnected) { window.removeEventListener("popstate", onPopState); return }
      show(wizard, answersInAddress(), { focus: true })
    }
    window.addEventListener("popstate", onPopState)
    answersFromAnchor(wizard)
    show(wizard, answersInAddress())
    root.dataset.ready = ""
    handOverToPython(wizard)
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
