// The self-check page's controller: a thin door into the Python checker, which runs in a Web Worker
// (checker-worker.mjs). This script reads the form into the checker's plain data, asks the worker for a report
// and shows each finding beside its field and in the summary. It holds no rule of its own.
//
// Loaded on every page (extra_javascript) but idle unless the page has the self-check form: FAQ pages load no
// Python. The worker starts at most once per tab and survives Material's instant navigation, as does what was
// typed (in memory only). Nothing typed is stored unless the filer ticks "remember on this device".
(() => {
  "use strict"

  const STORAGE_KEY = "icp-self-check"
  const DEBOUNCE_MS = 40
  const SLOW_MS = 20000          // after this, say plainly that loading is taking too long
  let runtime = null             // the tab's one worker (checker-runtime.js), once this page has started it
  let memory = null              // what was typed, kept across instant navigation (never written anywhere)

  // --- the runtime: one worker per tab, shared with the wizard (checker-runtime.js) --------------------------

  const ask = (filing, lang) => icpChecker.ask({ filing: JSON.stringify(filing), lang })
  const askAccess = (filing, root) => icpChecker.ask({
    access: JSON.stringify(filing), provider: root.dataset.provider,
    endpoint: new URL(root.dataset.doh, location.href).href, lang: root.dataset.lang })

  // --- reading and writing the form ------------------------------------------------------------------------

  // "websites[0].pic.mobile" → ["websites", 0, "pic", "mobile"]
  const steps = (path) => path.split(/\.|\[|\]\.?/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s))

  function put(target, path, value) {
    const keys = steps(path)
    let node = target
    keys.slice(0, -1).forEach((key, i) => {
      if (node[key] === undefined) node[key] = typeof keys[i + 1] === "number" ? [] : {}
      node = node[key]
    })
    node[keys[keys.length - 1]] = value
  }

  function isPerson(form) {
    const type = form.elements["entity.type"]
    const option = type.options[type.selectedIndex]
    return option && option.dataset.group === "person"
  }

  // The form as checker.filing reads it. An individual files as their own person in charge: the entity's name
  // and ID are the PIC's, so those fields are shown once.
  function readFiling(form) {
    const filing = { entity: {}, websites: [], materials: [] }
    for (const element of form.elements) {
      if (!element.name || element.disabled) continue
      if (element.type === "checkbox") {
        if (element.name === "materials") { if (element.checked) filing.materials.push(element.value) }
        else if (element.name.endsWith(".content")) {
          put(filing, element.name, [])  // (re)created below with every ticked box
        }
        continue
      }
      // Several domains in one box: split as checker.filing.split_values does (whitespace, , ; ， ； 、), with
      // its SEPARATORS written the same way (tests/test_filing.py compares the two).
      const value = element.name.endsWith(".domains")
        ? element.value.split(/[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000,;，；、]+/).filter(Boolean)
        : element.value
      put(filing, element.name, value)
    }
    for (const box of form.querySelectorAll('input[type="checkbox"][name$=".content"]:checked')) {
      const list = steps(box.name).reduce((node, key) => node[key], filing)
      list.push(box.value)
    }
    filing.websites = filing.websites.filter(Boolean)
    if (isPerson(form)) {
      filing.entity.pic = { ...filing.entity.pic, name: filing.entity.name, document: { ...filing.entity.document } }
    }
    return filing
  }

  // What the filer typed, to remember (storage when asked, memory otherwise): values by field name.
  function snapshot(form) {
    const values = []
    for (const element of form.elements) {
      if (!element.name) continue
      values.push([element.name, element.type === "checkbox" ? (element.checked ? element.value : null) : element.value,
        element.type === "checkbox"])
    }
    return { websites: form.querySelectorAll(".icp-sc__website").length, values }
  }

  function restore(form, state) {
    if (!state || !Array.isArray(state.values)) return
    while (form.querySelectorAll(".icp-sc__website").length < Math.min(state.websites || 1, 50)) addWebsite(form)
    for (const [name, value, isBox] of state.values) {
      const elements = [...form.elements].filter((element) => element.name === name)
      if (isBox) { for (const box of elements) if (box.value === value) box.checked = true }
      else if (elements[0] && typeof value === "string") elements[0].value = value
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
      for (const element of [block, ...block.querySelectorAll("*")]) {
        for (const attribute of ["name", "id", "for", "aria-describedby", "data-path"]) {
          const value = element.getAttribute(attribute)
          if (value) element.setAttribute(attribute, swap(value))
        }
      }
      block.dataset.index = index
      block.querySelector(".icp-sc__website-number").textContent = index + 1
      block.querySelector('[data-action="remove-website"]').hidden = blocks.length === 1
    })
  }

  // --- the chosen entity type decides which fields and materials show ---------------------------------------

  function applyEntityType(form) {
    const group = isPerson(form) ? "person" : "unit"
    const type = form.elements["entity.type"].value
    for (const element of form.querySelectorAll("[data-for]")) element.hidden = element.dataset.for !== group
    const documentType = form.elements["entity.document.type"]
    const current = documentType.selectedOptions[0]?.dataset.group
    if (current && current !== group) documentType.dataset[current] = documentType.value  // to come back to
    for (const option of documentType.options) option.hidden = option.disabled = option.dataset.group !== group
    if (current !== group) {
      documentType.value = documentType.dataset[group] ||
        [...documentType.options].find((option) => option.dataset.group === group).value
    }
    for (const item of form.querySelectorAll(".icp-sc__checklist > li")) {
      const applies = item.dataset.types.split(" ").includes(type)
      item.hidden = !applies
      item.querySelector("input").disabled = !applies
    }
  }

  // --- showing a report ------------------------------------------------------------------------------------

  const format = (text, values) => text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole))

  function element(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text  // text, never HTML: findings may quote what was typed
    return node
  }

  // The list a finding belongs in: its field's, else the nearest visible enclosing group's, else the summary's.
  function listFor(root, path) {
    let current = path
    while (current) {
      const holder = root.querySelector(`[data-path="${CSS.escape(current)}"]`)
      if (holder && !holder.closest("[hidden]")) {
        const list = holder.querySelector(":scope > .icp-sc__findings")
        if (list) return { list, holder }
      }
      current = current.replace(/(\.[^.[\]]+|\[\d+\])$/, "")
      if (!/[.[\]]|^\w+$/.test(current)) break
    }
    return { list: root.querySelector("#icp-general-findings"), holder: null }
  }

  function findingItem(finding, text, root, tag = "li") {
    const item = element(tag, `icp-sc__finding icp-sc__finding--${finding.severity}`)
    item.dataset.code = finding.code
    item.append(element("strong", "icp-sc__severity",
      format(text.severity_label, { severity: text.severities[finding.severity] })))
    item.append(element("span", "", finding.message))
    if (finding.fix) item.append(" ", element("span", "icp-sc__fix", `${text.fix}${finding.fix}`))
    return item
  }

  // A required field the filer has not reached yet is not an error to shout about: it is listed once in the
  // summary as still empty, and shown beside the field only after the filer has been there.
  const isMissing = (finding) => /^FILING_\w+_MISSING$/.test(finding.code)

  function show(root, report, touched) {
    const text = strings(root)
    // A keyboard user on a link of the summary keeps their place: the same link in the new summary takes the focus.
    const items = root.querySelector(".icp-sc__items")
    const focused = items.contains(document.activeElement) ? document.activeElement : null
    const place = focused && [focused.getAttribute("href"), focused.textContent]
    for (const list of root.querySelectorAll(".icp-sc__findings")) list.replaceChildren()
    for (const control of root.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid")
    const byItem = new Map()
    const empty = []
    const counts = { ...report.counts }
    const form = root.querySelector("form")
    for (const finding of report.findings) {
      if (isPerson(form) && /^entity\.pic\.(name|document)/.test(finding.field)) {
        counts[finding.severity] -= 1  // the entity's own name and ID, copied (readFiling): said once already
        continue
      }
      if (isMissing(finding) && !touched(finding.field)) {
        empty.push(finding)
        counts[finding.severity] -= 1
        continue
      }
      const { list, holder } = listFor(root, finding.field)
      // A material not ready yet is visible in the checklist itself: the summary lists it, the checklist does not.
      if (!/^MATERIAL_(NOT_READY|IF_NEEDED)$/.test(finding.code)) list.append(findingItem(finding, text, root))
      const control = holder && holder.querySelector(":scope > input, :scope > select, :scope > textarea")
      if (control && finding.severity === "error") control.setAttribute("aria-invalid", "true")
      if (!byItem.has(finding.item)) byItem.set(finding.item, [])
      byItem.get(finding.item).push({ finding, control })
    }
    // The summary: counts (announced), then the five inspection items in order, each finding with its page.
    const parts = [report.findings.length ? format(text.counts, counts) : text.no_findings]
    if (empty.length) parts.push(format(text.empty_count, { n: empty.length }))
    if (report.materials) parts.push(format(text.materials_count, report.materials))
    root.querySelector(".icp-sc__counts").textContent = parts.join(" · ")
    items.replaceChildren()
    if (empty.length) {
      const section = element("section", "icp-sc__item icp-sc__item--empty")
      section.append(element("h3", "", format(text.empty_count, { n: empty.length })))
      const list = element("ul", "icp-sc__empty")
      for (const finding of empty) {
        const { holder } = listFor(root, finding.field)
        const control = holder && holder.querySelector(":scope > input, :scope > select, :scope > textarea")
        const item = element("li")
        item.dataset.code = finding.code
        const link = element("a", "", finding.message)
        if (control) {
          link.href = `#${control.id}`
          link.dataset.action = "go-to-field"
        }
        item.append(link)
        list.append(item)
      }
      section.append(list)
      items.append(section)
    }
    for (const [number, name] of Object.entries(text.items)) {
      const found = byItem.get(Number(number)) || []
      const section = element("section", `icp-sc__item${found.length ? "" : " icp-sc__item--ok"}`)
      section.append(element("h3", "", format(text.item_heading,
        { n: number, name, count: found.length ? found.length : text.item_ok })))
      if (found.length) {
        const list = element("ul", "icp-sc__findings")
        for (const { finding, control } of found) {
          const item = findingItem(finding, text, root)
          const links = element("span", "icp-sc__links")
          const more = element("a", "", text.read_more)
          more.href = new URL(finding.page, new URL(root.dataset.root, location.href)).href
          links.append(more)
          if (control && control.id) {
            const go = element("a", "", text.go_to_field)
            go.href = `#${control.id}`
            go.dataset.action = "go-to-field"
            const part = element("span", "icp-sc__go")   // the link and its separator, left out of print
            part.append(" · ", go)
            links.append(part)
          }
          item.append(" ", links)
          list.append(item)
        }
        section.append(list)
        // What to do about it: the wizard, at this item's question, with what the self-check knows answered;
        // not for notes alone (severity "info": nothing to put right).
        if (text.plans[number] && found.some(({ finding }) => finding.severity !== "info")) {
          const plan = element("a", "", text.plan_fix)
          plan.href = new URL(text.plans[number], new URL(root.dataset.root, location.href)).href
          const line = element("p", "icp-sc__plan")
          line.append(plan)
          section.append(line)
        }
      }
      items.append(section)
    }
    if (place) {
      const same = [...items.querySelectorAll("a")].find((link) =>
        link.getAttribute("href") === place[0] && link.textContent === place[1])
      same?.focus({ preventScroll: true })
    }
  }

  // The access check's results: per domain its verdict, then per name looked up (the domain and www.) the CNAME
  // chain and every address with its kind. A list without links or buttons, so re-drawing it moves no focus.
  function showAccess(root, access, current) {
    const text = strings(root)
    const status = root.querySelector(".icp-sc__access-status")
    const list = root.querySelector(".icp-sc__access-results")
    list.classList.toggle("icp-sc__access-results--stale", Boolean(access && !current))
    if (!access) { list.replaceChildren(); return }
    if (!current) { status.textContent = text.access_stale; return }
    const { provider, counts, domains } = access.report
    status.textContent = domains.length
      ? format(text.access_done, { time: access.time, ...counts })
      : text.access_no_domains
    list.replaceChildren(...domains.map((entry) => {
      const item = element("li", `icp-sc__access-result icp-sc__access-result--${entry.verdict}`)
      item.dataset.domain = entry.domain
      item.dataset.verdict = entry.verdict
      item.append(element("strong", "", entry.unicode), " ",
                  element("span", "icp-sc__verdict", text[`verdict_${entry.verdict}`]))
      const names = element("ul", "icp-sc__access-names")
      const byName = new Map()
      for (const looked of entry.names) byName.set(looked.name, [...(byName.get(looked.name) || []), looked])
      for (const [name, lookups] of byName) {
        const chain = lookups.find((looked) => looked.chain.length)?.chain || []
        const addresses = lookups.flatMap((looked) => looked.addresses)
        const unknown = new Set(lookups.filter((looked) => looked.outcome === "unknown").map((looked) => looked.detail))
        const shown = addresses.map(({ address, kind }) =>
          format(text.address_shown, { address, kind: format(text[`address_${kind}`], { provider: provider.name }) }))
        if (!addresses.length && !unknown.size) shown.push(text.no_address)
        shown.push(...[...unknown].map((detail) => format(text.lookup_unknown, { detail })))
        names.append(element("li", "", `${[name, ...chain].join(" → ")} → ${shown.join(", ")}`))
      }
      item.append(names)
      return item
    }))
  }

  const strings = (root) => {
    if (!root._strings) root._strings = JSON.parse(root.dataset.strings)
    return root._strings
  }

  // --- the page's life -------------------------------------------------------------------------------------

  function setState(root, state) {
    const text = strings(root)
    root.dataset.state = state
    const status = root.querySelector(".icp-sc__status[role=status]")
    status.replaceChildren(element("span", "", state === "ready" ? text.ready : text[state]))
    if (state === "failed" || state === "slow") {
      const link = element("a", "", text.kb_link)
      link.href = new URL(root.dataset.help, location.href).href
      status.append(" ", link)
    }
  }

  function download(root, filing, report, access) {
    const text = strings(root)
    const body = JSON.stringify({ title: text.report_title, created: new Date().toISOString(),
      language: root.dataset.lang, filing, report, ...(access ? { access } : {}) }, null, 2)
    const link = element("a")
    link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }))
    link.download = `icp-self-check-${new Date().toISOString().slice(0, 10)}.json`
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10000)
  }

  function mount(root) {
    const form = root.querySelector("form")
    const remember = root.querySelector(".icp-sc__remember")
    const lang = root.dataset.lang
    let stored = null
    try { stored = JSON.parse(localStorage.getItem(STORAGE_KEY)) } catch (error) { stored = null }
    if (stored) { restore(form, stored); remember.checked = true } else if (memory) restore(form, memory)
    renumber(form)
    applyEntityType(form)

    let latest = null            // the last report shown, for the download
    let lastShown = null         // that report and the fields touched when it was shown
    let timer = null
    let busy = false             // one request in flight; changes meanwhile are checked when it returns
    let stale = false
    let since = null             // when the first unchecked change happened (for the keystroke measure)
    let generation = 0           // "clear everything" starts a new one: an answer to an older request is dropped
    const touched = new Set()    // fields the filer has typed in or left; "all" once a report is asked for
    let access = null            // the last access check: {id, report, domains (as typed then), time}
    let accessAsked = 0          // a newer check, or "clear everything", drops the answer to an older one
    const domainsNow = () => [...form.querySelectorAll('textarea[name$=".domains"]')].map((box) => box.value).join("\n")
    // The access findings join the summary and the domains fields only while the domains are as they were looked up.
    const currentAccess = () => (access && access.domains === domainsNow() ? access : null)
    const withAccess = (report, current) => {
      if (!current) return report
      const found = current.report.domains.flatMap((entry) => entry.findings)
      const counts = { ...report.counts }
      for (const finding of found) counts[finding.severity] += 1
      return { ...report, counts, findings: [...report.findings, ...found] }
    }
    // Re-render only what changed (or everything, `force`): a new list would take the focus from a filer reading it.
    const render = (force = false) => {
      const current = currentAccess()
      if (latest) {
        const key = `${latest.text}\n${[...touched].sort().join(" ")}\n${current ? current.id : ""}`
        if (force || key !== lastShown) show(root, withAccess(latest.report, current), wasTouched)
        lastShown = key
      }
      const accessKey = access ? `${access.id}:${Boolean(current)}` : ""
      if (force || accessKey !== accessShown) showAccess(root, access, current)
      accessShown = accessKey
    }
    let accessShown = ""
    const wasTouched = (path) => touched.has("all") || [...touched].some((name) => name === path || name.startsWith(`${path}.`))

    const save = () => {
      memory = snapshot(form)
      if (!remember.checked) return
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(memory))
      } catch (error) {  // storage full or refused (private mode): keep the form, remember nothing
        localStorage.removeItem(STORAGE_KEY)
        remember.checked = false
      }
    }
    const check = async () => {
      if (!runtime.ready) return   // checked when ready
      if (busy) { stale = true; return }
      busy = true
      const started = since
      since = null
      const asked = generation
      const filing = readFiling(form)
      const answer = await ask(filing, lang)
      busy = false
      if (!root.isConnected || asked !== generation) return
      if (answer.report) {
        latest = { filing, report: JSON.parse(answer.report), text: answer.report }
        render()
        if (started !== null) performance.measure("icp-check", { start: started, end: performance.now() })
      } else {  // the checker raised: a bug of ours, said plainly rather than hidden
        root.querySelector(".icp-sc__counts").textContent = format(strings(root).check_failed, { error: answer.error })
      }
      if (stale) { stale = false; check() }
    }
    const checkAccess = async (button) => {
      const text = strings(root)
      const status = root.querySelector(".icp-sc__access-status")
      if (runtime.failed) { status.textContent = format(text.access_failed, { error: runtime.failed }); return }
      const asked = ++accessAsked
      const filing = readFiling(form)
      const domains = domainsNow()
      status.textContent = text.access_checking
      button.setAttribute("aria-busy", "true")
      const answer = await askAccess(filing, root)
      button.removeAttribute("aria-busy")
      if (!root.isConnected || asked !== accessAsked) return
      if (answer.access) {
        access = { id: asked, report: JSON.parse(answer.access), domains,
                   time: new Date().toLocaleTimeString(root.dataset.lang === "zh" ? "zh-CN" : "en-GB") }
        button.textContent = text.check_again
        render()
      } else {  // the worker or the checker failed: say so, decide nothing
        status.textContent = format(text.access_failed, { error: answer.error })
      }
    }
    const changed = (event) => {
      if (since === null) since = event.timeStamp
      if (event.target.name) touched.add(event.target.name)
      if (event.target.name === "entity.type") applyEntityType(form)
      save()
      clearTimeout(timer)
      timer = setTimeout(check, DEBOUNCE_MS)
    }
    form.addEventListener("input", changed)
    // Text fields report every keystroke as `input`; only choices need `change` (some browsers send no `input`).
    form.addEventListener("change", (event) => {
      if (event.target.tagName === "SELECT" || event.target.type === "checkbox") changed(event)
    })
    form.addEventListener("submit", (event) => event.preventDefault())
    form.addEventListener("focusout", (event) => {
      if (!event.target.name || touched.has(event.target.name)) return
      touched.add(event.target.name)
      check()
    })
    remember.addEventListener("change", () => {
      if (remember.checked) save()
      else localStorage.removeItem(STORAGE_KEY)
    })
    root.addEventListener("click", (event) => {
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
        return
      }
      if (action === "add-website") {
        addWebsite(form).querySelector("input").focus()
      } else if (action === "remove-website") {
        const block = event.target.closest(".icp-sc__website")
        block.remove()
        renumber(form)
        form.querySelector('[data-action="add-website"]')?.focus()
      } else if (action === "download" || action === "print") {
        touched.add("all")  // a report shows everything still missing
        render(true)
      } else if (action === "check-access") {
        checkAccess(button)
        return
      }
      if (action === "download") {
        const current = currentAccess()
        download(root, latest ? latest.filing : readFiling(form),
                 latest ? withAccess(latest.report, current) : null, current ? current.report : null)
        return
      } else if (action === "print") {
        window.print()
        return
      } else if (action === "clear") {
        generation += 1
        clearTimeout(timer)
        stale = false
        since = null
        form.reset()
        delete form.elements["entity.document.type"].dataset.unit
        delete form.elements["entity.document.type"].dataset.person
        for (const block of [...form.querySelectorAll(".icp-sc__website")].slice(1)) block.remove()
        renumber(form)
        applyEntityType(form)
        localStorage.removeItem(STORAGE_KEY)
        memory = null
        latest = null
        lastShown = null
        access = null
        accessAsked += 1
        render(true)
        root.querySelector(".icp-sc__access-status").textContent = ""
        root.querySelector('[data-action="check-access"]').textContent = strings(root).check_access
        touched.clear()
        for (const list of root.querySelectorAll(".icp-sc__findings")) list.replaceChildren()
        root.querySelector(".icp-sc__items").replaceChildren()
        root.querySelector(".icp-sc__counts").textContent = strings(root).cleared
        return
      }
      save()
      check()
    })

    runtime = icpChecker.start(root)
    const stop = icpChecker.whenSettled((state) => {
      if (!root.isConnected) { stop(); return }
      setState(root, state)
      if (state === "ready") check()   // what was typed while Python loaded
    })
    setTimeout(() => { if (!runtime.ready && !runtime.failed && root.isConnected) setState(root, "slow") }, SLOW_MS)
  }

  const attach = () => {
    const root = document.getElementById("icp-self-check")
    if (root && !root.dataset.mounted) { root.dataset.mounted = "true"; mount(root) }
  }
  if (typeof document$ !== "undefined") document$.subscribe(attach)
  else document.addEventListener("DOMContentLoaded", attach)
})()
