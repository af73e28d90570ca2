// Keep the language switcher pointing at this page in the other language. Material's instant navigation
// swaps <head> but not the header, so after each navigation copy the alternates that hooks/language_switch.py
// put in <head> onto the switcher links.
document$.subscribe(() => {
  for (const meta of document.head.querySelectorAll('meta[name="alternate-page"]')) {
    const link = document.querySelector(`.md-select__link[hreflang="${meta.dataset.lang}"]`)
    if (link) link.href = meta.content
  }
})
