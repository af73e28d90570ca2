// The self-check page's controller: a thin door into the Python checker, which runs in a Web Worker
// (checker-worker.mjs). This script sends the form's values as the form has them and renders what Python answers
// (checker.filing.page: the filing, its report, and what to show where); the access check's results likewise.
// It holds no rule: which fields an entity type shows comes from Python too, rendered into the page at build
// (data-entity-types), so that choosing a type switches the form before Python has loaded.
//
// Loaded on every page (extra_javascript) but idle unless the page has the self-check form: FAQ pages load no
// Python. The worker starts at most once per tab and survives Material's instant navigation, as does what was
// typed (in memory only). Nothing typed is stored unless the filer ticks "remember on this device".
(() => {
  "use strict"

  const STORAGE_KEY = "icp-self-check"
  const DEBOUNCE_MS = 40
  const SLOW_MS = 20000          // after this, say plainly that loading is taking too long
  const SETTLE_MS = 1000         // typing paused this long: the findings' summary is read out to a screen reader
  let runtime = null             // the tab's one worker (checker-runtime.js), once this page has started it
  let memory = null              // what was typed, kept across instant navigation (never written anywhere)

  // --- words: the page's own (data-strings, rendered at build), filled in with what Python says -------------

  const strings = (root) => {
    if (!root._strings) root._strings = JSON.parse(root.dataset.strings)
    return root._strings
  }

  const format = (text, values) => text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole))

  // A line as Python says it: a key of the page's words ("items.4" reaches into a group) and the values to fill
  // in, each a value or a line itself.
  function say(text, line) {
    const words = line.key.split(".").reduce((node, key) => (node ? node[key] : undefined), text)
    const values = {}
    for (const [name, value] of Object.entries(line.params || {})) {
      values[name] = value !== null && typeof value === "object" ? say(text, value) : value
    }
    return format(typeof words === "string" ? words : line.key, values)
  }

  function element(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text  // text, never HTML: findings may quote what was typed
    return node
  }

  // --- reading and restoring the form ------------------------------------------------------------------------

  // The form's values as the form has them, for Python to read (checker.filing.page.filing): each field's text
  // under its name, the ticked values of a group of boxes as a list. Disabled controls are left out, as a form's
  // submission leaves them out.
  function formValues(form) {
    const values = {}
    for (const control of form.elements) {
      if (!control.name || control.disabled) continue
      if (control.type === "checkbox") {
        values[control.name] ??= []
        if (control.checked) values[control.name].push(control.value)
      } else {
        values[control.name] = control.value
      }
    }
    return values
  }

  // What the filer typed, to remember (storage when asked, memory otherwise): values by field name.
  function snapshot(form) {
    const values = []
    for (const control of form.elements) {
      if (!control.name) continue
      values.push([control.name, control.type === "checkbox" ? (control.checked ? control.value : null) : control.value,
        control.type === "checkbox"])
    }
    return { websites: form.querySelectorAll(".icp-sc__website").length, values }
  }

  function restore(form, state) {
    if (!state || !Array.isArray(state.values)) return
    while (form.querySelectorAll(".icp-sc__website").length < Math.min(state.websites || 1, 50)) addWebsite(form)
    for (const [name, value, isBox] of state.values) {
      const controls = [...form.elements].filter((control) => control.name === name)
      if (isBox) { for (const box of controls) if (box.value === value) box.checked = true }
      else if (controls[0] && typeof value === "string") controls[0].value = value
    }
  }

  // --- websites: add, remove, renumber ---------------------------------------------------------------------

  function addWebsite(form) {
    const template = form.parentElement.querySelector(".icp-sc__website-template")
    const block = template.content.firstElementChild.cloneNode(true)
    form.querySelector(".icp-sc__websites").append(block)
    renumber(form)
    return block
  }

  function renumber(form) {
    const blocks = form.querySelectorAll(".icp-sc__website")
    blocks.forEach((block, index) => {
      const old = block.dataset.index
      const swap = (value) => value.replaceAll(`websites[${old}]`, `websites[${index}]`)
        .replaceAll(`websites-${old}-`, `websites-${index}-`)
      for (const node of [block, ...block.querySelectorAll("*")]) {
        for (const attribute of ["name", "id", "for", "aria-describedby", "data-path"]) {
          const value = node.getAttribute(attribute)
          if (value) node.setAttribute(attribute, swap(value))
        }
      }
      block.dataset.index = index
      block.querySelector(".icp-sc__website-number").textContent = index + 1
      block.querySelector('[data-action="remove-website"]').hidden = blocks.length === 1
    })
  }

  // --- the chosen entity type: its fields, documents and materials, as Python says (data-entity-types) -------

  function applyEntityType(root, form) {
    if (!root._entityTypes) root._entityTypes = JSON.parse(root.dataset.entityTypes)
    const view = root._entityTypes[form.elements["entity.type"].value] || root._entityTypes[""]
    for (const node of form.querySelectorAll("[data-for]")) node.hidden = node.dataset.for !== view.group
    // The certificate's list shows the type's documents; the one chosen for the other group is kept to come back to.
    const documentType = form.elements["entity.document.type"]
    const before = documentType.dataset.shown
    if (before && before !== view.group) documentType.dataset[before] = documentType.value
    documentType.dataset.shown = view.group
    for (const option of documentType.options) option.hidden = option.disabled = !view.documents.includes(option.value)
    if (!view.documents.includes(documentType.value)) {
      const back = documentType.dataset[view.group]
      documentType.value = view.documents.includes(back) ? back : view.documents[0]
    }
    // The checklist: the type's materials, and those the chosen province adds (data-province-materials).
    if (!root._provinceMaterials) root._provinceMaterials = JSON.parse(root.dataset.provinceMaterials || "{}")
    const added = root._provinceMaterials[form.elements["entity.province"].value]
    const type = form.elements["entity.type"].value
    const shown = [...view.materials, ...(added ? [...added[view.group], ...(added.types[type] || [])] : [])]
    for (const item of form.querySelectorAll(".icp-sc__checklist > li")) {
      const box = item.querySelector("input")
      item.hidden = box.disabled = !shown.includes(box.value)
    }
  }

  // --- showing Python's view of a report ---------------------------------------------------------------------

  // A finding's place on the form (Python's `at`: a data-path), its list and its control; the summary's general
  // list for the filing as a whole.
  function placeOf(root, at) {
    const holder = typeof at === "string" ? root.querySelector(`[data-path="${CSS.escape(at)}"]`) : null
    return {
      list: holder?.querySelector(":scope > .icp-sc__findings") || root.querySelector("#icp-general-findings"),
      control: holder?.querySelector(":scope > input, :scope > select, :scope > textarea") || null,
    }
  }

  function findingItem(finding, text) {
    const item = element("li", `icp-sc__finding icp-sc__finding--${finding.severity}`)
    item.dataset.code = finding.code
    item.append(element("strong", "icp-sc__severity", say(text, finding.label)))
    item.append(element("span", "", finding.message))
    if (finding.fix) item.append(" ", element("span", "icp-sc__fix", `${text.fix}${finding.fix}`))
    return item
  }

  function goTo(control, words) {
    const link = element("a", "", words)
    link.href = `#${control.id}`
    link.dataset.action = "go-to-field"
    return link
  }

  // The required fields the filer has not reached yet: each a link to its field.
  function emptySection(root, empty, text) {
    const section = element("section", "icp-sc__item icp-sc__item--empty")
    section.append(element("h3", "", say(text, empty.heading)))
    const list = element("ul", "icp-sc__empty")
    for (const field of empty.fields) {
      const { control } = placeOf(root, field.at)
      const item = element("li")
      item.dataset.code = field.code
      item.append(field.field && control ? goTo(control, field.message) : element("a", "", field.message))
      list.append(item)
    }
    section.append(list)
    return section
  }

  // One inspected item: its heading, its findings each with its page and its field, and the wizard's plan.
  function itemSection(root, item, text) {
    const section = element("section", `icp-sc__item${item.ok ? " icp-sc__item--ok" : ""}`)
    section.append(element("h3", "", say(text, item.heading)))
    if (!item.findings.length) return section
    const base = new URL(root.dataset.root, location.href)
    const list = element("ul", "icp-sc__findings")
    for (const finding of item.findings) {
      const entry = findingItem(finding, text)
      const links = element("span", "icp-sc__links")
      const more = element("a", "", text.read_more)
      more.href = new URL(finding.page, base).href
      links.append(more)
      const { control } = placeOf(root, finding.at)
      if (finding.field && control) {
        const part = element("span", "icp-sc__go")   // the link and its separator, left out of print
        part.append(" · ", goTo(control, text.go_to_field))
        links.append(part)
      }
      entry.append(" ", links)
      list.append(entry)
    }
    section.append(list)
    // What to do about it: the wizard at this item's question (its address rendered at build, text.plans).
    if (item.plan && text.plans[item.number]) {
      const plan = element("a", "", text.plan_fix)
      plan.href = new URL(text.plans[item.number], base).href
      const line = element("p", "icp-sc__plan")
      line.append(plan)
      section.append(line)
    }
    return section
  }

  function showView(root, view) {
    const text = strings(root)
    // A keyboard user on a link of the summary keeps their place: the same link in the new summary takes the focus.
    const items = root.querySelector(".icp-sc__items")
    const focused = items.contains(document.activeElement) ? document.activeElement : null
    const place = focused && [focused.getAttribute("href"), focused.textContent]
    for (const list of root.querySelectorAll(".icp-sc__findings")) list.replaceChildren()
    for (const control of root.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid")
    for (const finding of view.beside) {
      const { list, control } = placeOf(root, finding.at)
      list.append(findingItem(finding, text))
      if (finding.invalid && control) control.setAttribute("aria-invalid", "true")
    }
    root.querySelector(".icp-sc__counts").textContent = view.summary.map((line) => say(text, line)).join(" · ")
    const sections = view.empty ? [emptySection(root, view.empty, text)] : []
    items.replaceChildren(...sections, ...view.items.map((item) => itemSection(root, item, text)))
    if (place) {
      const same = [...items.querySelectorAll("a")].find((link) =>
        link.getAttribute("href") === place[0] && link.textContent === place[1])
      same?.focus({ preventScroll: true })
    }
    // Findings drawn beside the fields above the one being typed in push it down, out of view when the browser
    // had scrolled it just into view at the window's bottom edge: it is brought back, as far as needed only.
    const active = document.activeElement
    if (active && root.contains(active) && !items.contains(active)) {
      const box = active.getBoundingClientRect()
      if (box.bottom > innerHeight || box.top < 0) active.scrollIntoView({ block: "nearest" })
    }
  }

  // The access check's results: per domain its verdict, then per name looked up the CNAME chain and every
  // address with its kind. A list without links or buttons, so re-drawing it moves no focus.
  function showAccess(root, access) {
    const text = strings(root)
    const list = root.querySelector(".icp-sc__access-results")
    list.classList.toggle("icp-sc__access-results--stale", Boolean(access && !access.current))
    if (!access) { list.replaceChildren(); return }
    root.querySelector(".icp-sc__access-status").textContent = say(text, access.status)
    if (!access.current) return
    list.replaceChildren(...access.domains.map((entry) => {
      const item = element("li", `icp-sc__access-result icp-sc__access-result--${entry.verdict}`)
      item.dataset.domain = entry.domain
      item.dataset.verdict = entry.verdict
      item.append(element("strong", "", entry.unicode), " ", element("span", "icp-sc__verdict", say(text, entry.label)))
      const names = element("ul", "icp-sc__access-names")
      for (const name of entry.names) {
        const shown = name.shown.map((line) => say(text, line)).join(", ")
        names.append(element("li", "", `${name.path.join(" → ")} → ${shown}`))
      }
      item.append(names)
      return item
    }))
  }

  function setState(root, state) {
    const text = strings(root)
    root.dataset.state = state
    const status = root.querySelector(".icp-sc__status[role=status]")
    status.replaceChildren(element("span", "", text[state]))
    if (state === "failed" || state === "slow") {
      const link = element("a", "", text.kb_link)
      link.href = new URL(root.dataset.help, location.href).href
      status.append(" ", link)
    }
  }

  function saveFile(root, contents) {
    const body = JSON.stringify({ title: strings(root).report_title, created: new Date().toISOString(),
      language: root.dataset.lang, ...contents }, null, 2)
    const link = element("a")
    link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }))
    link.download = `icp-self-check-${new Date().toISOString().slice(0, 10)}.json`
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10000)
  }

  // --- one self-check form and what it knows ------------------------------------------------------------------

  class SelfCheck {
    constructor(root) {
      this.root = root
      this.form = root.querySelector("form")
      this.remember = root.querySelector(".icp-sc__remember")
      this.answer = null                                    // Python's last answer (checker.filing.page.answer)
      this.answerText = ""                                  // the same as Python's JSON text
      this.shown = { view: "", access: "" }                 // what is drawn now, so the same is not drawn again
      this.reached = { names: new Set(), everything: false }  // fields typed in or left; all once a report is asked
      this.asking = { timer: null, busy: false, again: false, since: null, generation: 0 }
      this.access = { asked: 0, last: null }                // the last access check: {report, values, time}
      this.announcing = { timer: null, text: null, said: null }  // the summary for a screen reader (announce)
    }

    // The findings' summary for a screen reader: the live region (.icp-sc__announce) says it once the typing has
    // paused for SETTLE_MS, and only when it says something new. The visible counts change with every answer, as
    // each keystroke is checked: a live region there read out a count per keystroke, or cut itself off.
    announce(text) {
      this.announcing.text = text
      this.announceLater()
    }

    announceLater() {
      const announcing = this.announcing
      clearTimeout(announcing.timer)
      announcing.timer = setTimeout(() => {
        if (announcing.text === null || announcing.text === announcing.said || !this.root.isConnected) return
        announcing.said = announcing.text
        this.root.querySelector(".icp-sc__announce").textContent = announcing.text
      }, SETTLE_MS)
    }

    // The question for Python: the form's values, the fields reached, the last access check.
    question() {
      const last = this.access.last
      return { values: formValues(this.form), touched: [...this.reached.names], everything: this.reached.everything,
               access: last && { report: last.report, values: last.values, time: last.time } }
    }

    async ask(question) {
      const answer = await icpChecker.ask({ form: JSON.stringify(question), lang: this.root.dataset.lang })
      return answer.form ? { text: answer.form, answer: JSON.parse(answer.form) } : { error: answer.error }
    }

    take(result) {
      if (result.answer) {
        this.answer = result.answer
        this.answerText = result.text
        this.render()
      } else {  // the checker raised: a bug of ours, said plainly rather than hidden
        const counts = this.root.querySelector(".icp-sc__counts")
        counts.textContent = format(strings(this.root).check_failed, { error: result.error })
        this.announce(counts.textContent)
      }
    }

    // Draw what Python said, if it differs from what is drawn (or `force`): a new list would take the focus
    // from a filer reading it.
    render(force = false) {
      const answer = this.answer
      const viewKey = answer ? `${this.answerText}\n${this.reached.everything}` : ""
      if (answer && (force || viewKey !== this.shown.view)) {
        showView(this.root, this.reached.everything ? answer.full : answer.view)
        this.announce(this.root.querySelector(".icp-sc__counts").textContent)
      }
      this.shown.view = viewKey
      const access = answer && this.access.last ? answer.access : null
      const accessKey = JSON.stringify(access)
      if (force || accessKey !== this.shown.access) showAccess(this.root, access)
      this.shown.access = accessKey
    }

    async check() {
      const asking = this.asking
      if (!runtime.ready) return   // checked when ready
      if (asking.busy) { asking.again = true; return }
      asking.busy = true
      const started = asking.since
      asking.since = null
      const generation = asking.generation
      const result = await this.ask(this.question())
      asking.busy = false
      if (!this.root.isConnected || generation !== asking.generation) return
      this.take(result)
      if (result.answer && started !== null) {
        performance.measure("icp-check", { start: started, end: performance.now() })
      }
      if (asking.again) { asking.again = false; this.check() }
    }

    save() {
      memory = snapshot(this.form)
      if (!this.remember.checked) return
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(memory))
      } catch (error) {  // storage full or refused (private mode): keep the form, remember nothing
        localStorage.removeItem(STORAGE_KEY)
        this.remember.checked = false
      }
    }

    changed(event) {
      if (this.asking.since === null) this.asking.since = event.timeStamp
      if (event.target.name) this.reached.names.add(event.target.name)
      if (event.target.name === "entity.type" || event.target.name === "entity.province") {
        applyEntityType(this.root, this.form)
      }
      this.save()
      this.announceLater()   // still typing: the summary waits
      clearTimeout(this.asking.timer)
      this.asking.timer = setTimeout(() => this.check(), DEBOUNCE_MS)
    }

    async checkAccess(button) {
      const text = strings(this.root)
      const status = this.root.querySelector(".icp-sc__access-status")
      // Python could not start or raised: the page's own words, never the browser's or Python's (console only).
      if (runtime.failed) { console.warn("access check:", runtime.failed); status.textContent = text.access_failed; return }
      const asked = ++this.access.asked
      const values = formValues(this.form)
      status.textContent = text.access_checking
      button.setAttribute("aria-busy", "true")
      const answer = await icpChecker.ask({ access: JSON.stringify(values),
        provider: this.root.dataset.provider, endpoint: new URL(this.root.dataset.doh, location.href).href,
        lang: this.root.dataset.lang })
      button.removeAttribute("aria-busy")
      if (!this.root.isConnected || asked !== this.access.asked) return
      if (answer.access) {
        this.access.last = { report: JSON.parse(answer.access), values,
                             time: new Date().toLocaleTimeString(this.root.dataset.lang === "zh" ? "zh-CN" : "en-GB") }
        button.textContent = text.check_again
        this.check()   // Python places the findings and says what to show
      } else {  // the worker or the checker failed: say so, decide nothing
        console.error("access check:", answer.error)
        status.textContent = text.access_failed
      }
    }

    // A report asked for (download, print) shows everything still missing, beside its field.
    showEverything() {
      this.reached.everything = true
      this.render(true)
    }

    async download() {
      this.showEverything()
      let answer = this.answer
      if (!answer && runtime.ready) {  // nothing asked since the form was cleared: ask now
        const generation = this.asking.generation
        const result = await this.ask(this.question())
        if (!this.root.isConnected || generation !== this.asking.generation) return
        this.take(result)
        answer = this.answer
      }
      if (!answer) { saveFile(this.root, { values: formValues(this.form), report: null }); return }  // no checker
      saveFile(this.root, { filing: answer.filing, report: answer.report,
                            ...(answer.access?.current && this.access.last ? { access: this.access.last.report } : {}),
      })
    }

    clear() {
      const asking = this.asking
      asking.generation += 1
      clearTimeout(asking.timer)
      asking.again = false
      asking.since = null
      this.form.reset()
      const documentType = this.form.elements["entity.document.type"]
      for (const key of Object.keys(documentType.dataset)) delete documentType.dataset[key]
      for (const block of [...this.form.querySelectorAll(".icp-sc__website")].slice(1)) block.remove()
      renumber(this.form)
      applyEntityType(this.root, this.form)
      localStorage.removeItem(STORAGE_KEY)
      memory = null
      this.answer = null
      this.answerText = ""
      this.access = { asked: this.access.asked + 1, last: null }
      this.reached = { names: new Set(), everything: false }
      this.render(true)
      const text = strings(this.root)
      this.root.querySelector(".icp-sc__access-status").textContent = ""
      this.root.querySelector('[data-action="check-access"]').textContent = text.check_access
      for (const list of this.root.querySelectorAll(".icp-sc__findings")) list.replaceChildren()
      this.root.querySelector(".icp-sc__items").replaceChildren()
      this.root.querySelector(".icp-sc__counts").textContent = text.cleared
      this.announce(text.cleared)
    }

    clicked(event) {
      const button = event.target.closest("[data-action]")
      const action = button?.dataset.action
      if (!action) return
      if (action === "go-to-field") {
        // Into the field itself, not just past it: a keyboard user types at once. Material's instant navigation
        // is kept out, as its anchor tracking would rewrite the address while the page scrolls.
        event.preventDefault()
        event.stopPropagation()
        const control = document.getElementById(button.hash.slice(1))
        control?.focus({ preventScroll: true })
        control?.scrollIntoView({ block: "center" })
      } else if (action === "add-website") {
        const block = addWebsite(this.form)
        applyEntityType(this.root, this.form)  // its fields of one group only (a unit's legal-representative question)
        block.querySelector("input").focus()
        this.save()
        this.check()
      } else if (action === "remove-website") {
        button.closest(".icp-sc__website").remove()
        renumber(this.form)
        this.form.querySelector('[data-action="add-website"]')?.focus()
        this.save()
        this.check()
      } else if (action === "download") {
        this.download()
      } else if (action === "print") {
        this.showEverything()
        window.print()
      } else if (action === "check-access") {
        this.checkAccess(button)
      } else if (action === "clear") {
        this.clear()
      }
    }

    listen() {
      const form = this.form
      form.addEventListener("input", (event) => this.changed(event))
      // Text fields report every keystroke as `input`; only choices need `change` (some browsers send no `input`).
      form.addEventListener("change", (event) => {
        if (event.target.tagName === "SELECT" || event.target.type === "checkbox") this.changed(event)
      })
      form.addEventListener("submit", (event) => event.preventDefault())
      form.addEventListener("focusout", (event) => {
        if (!event.target.name || this.reached.names.has(event.target.name)) return
        this.reached.names.add(event.target.name)
        this.check()
      })
      this.remember.addEventListener("change", () => {
        if (this.remember.checked) this.save()
        else localStorage.removeItem(STORAGE_KEY)
      })
      this.root.addEventListener("click", (event) => this.clicked(event))
    }

    // What was typed before (remembered on this device, or kept in memory across instant navigation).
    restore() {
      let stored = null
      try { stored = JSON.parse(localStorage.getItem(STORAGE_KEY)) } catch (error) { stored = null }
      if (stored) {
        restore(this.form, stored)
        this.remember.checked = true
      } else if (memory) {
        restore(this.form, memory)
      }
      renumber(this.form)
      applyEntityType(this.root, this.form)
    }

    // The tab's runtime: what was typed while Python loaded is checked the moment it is ready.
    start() {
      const root = this.root
      runtime = icpChecker.start(root)
      const stop = icpChecker.whenSettled((state) => {
        if (!root.isConnected) { stop(); return }
        setState(root, state)
        if (state === "ready") this.check()
      })
      setTimeout(() => { if (!runtime.ready && !runtime.failed && root.isConnected) setState(root, "slow") }, SLOW_MS)
    }
  }

  function mount(root) {
    const page = new SelfCheck(root)
    page.restore()
    page.listen()
    page.start()
  }

  const attach = () => {
    const root = document.getElementById("icp-self-check")
    if (root && !root.dataset.mounted) { root.dataset.mounted = "true"; mount(root) }
  }
  if (typeof document$ !== "undefined") document$.subscribe(attach)
  else document.addEventListener("DOMContentLoaded", attach)
})()
