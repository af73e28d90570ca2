"""What the self-check page shows, and where: the form's values in, the filing, its report and the page's view of
it out. The page's script (docs/assets/javascripts/self-check.js) sends the form as the form has it and renders
what comes back; every decision is here.

The form's values are ``{field name: value}``: a text field's or a choice's text under its name
(``"websites[0].pic.mobile": "138…"``, ``"websites[0].domains": "a.cn、b.cn"``: the box's raw text), and the
ticked values of a group of boxes as a list (``"materials": [...]``, ``"websites[0].content": [...]``).
`filing` makes them the filing's plain data: names are the data's paths, a domains box is split as every other
list of values is (`split_values`), the page's filing always uses the materials checklist, and an individual
files as their own person in charge (the entity's name and ID are the PIC's: the PIC's are not on the form).

`answer` takes the page's whole question and says what to show (`view`): each finding at its place on the
form (its field; else the nearest enclosing group the form shows; else the summary's general list), whether it
marks its field invalid and may be gone to; the summary's lines, the required fields not reached yet ("still to
fill in": a field left empty is not shouted about before the filer has been there), the five inspected items with
their findings and whether they offer the wizard's plan; and the access check's results while the domains are as
they were looked up. Words are the page's own, rendered at build (data-strings): a line is its key and the values
to fill in, ``{"key": "empty_count", "params": {"n": 2}}``.

>>> data = filing({"entity.type": "individual", "entity.name": "张三", "websites[0].domains": "a.cn、b.cn"})
>>> data["entity"]["pic"]["name"], data["websites"][0]["domains"], data["materials"]
('张三', ['a.cn', 'b.cn'], [])
>>> place("entity.pic.name", entity_type="individual"), place("websites[1].domains[0]", entity_type="enterprise")
('entity.pic', 'websites[1].domains')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from checker import _tables, catalogue, materials
from checker.filing.choices import key_of
from checker.filing.model import PERSON_DOCUMENTS, UNIT_DOCUMENTS
from checker.filing.reader import split_values
from checker.filing.reporting import report as filing_report

# The places on the page a finding is shown at (overrides/self-check.html: an element with its data-path and its
# own list of findings), a website's index written "[]". A field has its control, which an error marks invalid
# and a link goes to; a group (a fieldset) gathers what is about it as a whole or about a field it does not show.
PERSON_FIELDS = (
    "name",
    "document.type",
    "document.number",
    "document.expires",
    "legal_representative",
    "mobile",
    "landline",
    "email",
)
FIELDS = (
    "entity.type",
    "entity.name",
    "entity.province",
    "entity.document.type",
    "entity.document.number",
    "entity.document.expires",
    "entity.emergency_contact",
    "entity.icp_number",
    *(f"entity.pic.{name}" for name in PERSON_FIELDS),
    "websites[].name",
    "websites[].domains",
    "websites[].icp_number",
    *(f"websites[].pic.{name}" for name in PERSON_FIELDS),
)
GROUPS = ("entity", "entity.pic", "websites", "websites[]", "websites[].content", "websites[].pic", "materials")
# An individual files as their own person in charge: these PIC fields are the entity's, not on the form.
OWN_PIC = (
    "entity.pic.name",
    "entity.pic.document.type",
    "entity.pic.document.number",
    "entity.pic.document.expires",
    "entity.pic.legal_representative",
)
# Findings the materials checklist shows by itself (a box not ticked): listed in the summary, not beside it.
CHECKLIST_CODES = ("MATERIAL_NOT_READY", "MATERIAL_IF_NEEDED")
# A required field left empty.
_MISSING = re.compile(r"FILING_\w+_MISSING")
_PATH = re.compile(r"[^.\[\]]+(?:\.[^.\[\]]+|\[\d{1,6}\])*")
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_LAST_STEP = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")
_INDEX = re.compile(r"\[\d+\]")


# --- the entity type decides the fields, documents and materials ----------------------------------------------


def entity_view(entity_type: str) -> dict[str, Any]:
    """What the form shows for an entity type (its key): its group of fields ("person": an individual, who is
    their own person in charge; "unit" otherwise), the documents its certificate may be, and its materials
    checklist. An unknown type is a unit with no checklist.

    >>> entity_view("individual")["group"], entity_view("individual")["materials"][:2]
    ('person', ['personal-id', 'domain-certificate'])
    """
    kind = _tables.entity_types().get(entity_type) if isinstance(entity_type, str) else None
    group = "person" if kind is not None and kind.documents == "person" else "unit"
    return {
        "group": group,
        "documents": list(PERSON_DOCUMENTS if group == "person" else UNIT_DOCUMENTS),
        "materials": [item.key for item in materials.checklist(kind.key)] if kind else [],
    }


def province_materials() -> dict[str, dict[str, Any]]:
    """The materials each province adds to the checklist (checker.provincial's ``material`` rows), by province
    code: for a unit's and a person's filings, and for one entity type where a row names it (``types``). Rendered
    into the page at build beside `entity_views`: choosing a province shows its materials before Python has
    loaded. Provinces that add none are left out.

    >>> "party-building-proof" in province_materials()["65"]["unit"]
    True
    """
    from checker import provincial  # the table is read only by the build and the rules, not on the worker's start

    shown: dict[str, dict[str, Any]] = {}
    for rule in provincial.rules():
        if rule.rule != "material":
            continue
        views = shown.setdefault(rule.province, {"unit": [], "person": [], "types": {}})
        if rule.entity in ("unit", "individual", "*"):
            lists = [views["unit"]] * (rule.entity != "individual") + [views["person"]] * (rule.entity != "unit")
        else:
            lists = [views["types"].setdefault(rule.entity, [])]
        for keys in lists:
            if rule.value not in keys:
                keys.append(rule.value)
    return shown


def entity_views() -> dict[str, dict[str, Any]]:
    """`entity_view` of every entity type, by key ("": none chosen): rendered into the page at build, so that
    choosing a type switches the form before Python has loaded."""
    return {key: entity_view(key) for key in ("", *_tables.entity_types())}


def _is_person(data: Mapping[str, Any]) -> bool:
    entity = data.get("entity")
    kind = entity.get("type") if isinstance(entity, Mapping) else None
    return isinstance(kind, str) and entity_view(key_of("entity", kind))["group"] == "person"


# --- the form's values → the filing ---------------------------------------------------------------------------


def filing(values: Any) -> dict[str, Any]:
    """The filing (checker.filing's plain data) the form's `values` hold; see the module's docstring. Anything
    that is not a field of the form's shape is left out; a value of the wrong type is passed on for the reader
    to report. Never raises."""
    data: dict[str, Any] = {"entity": {}, "websites": [], "materials": []}
    websites: dict[int, dict[str, Any]] = {}
    for name, value in values.items() if isinstance(values, Mapping) else ():
        steps = _steps(name)
        if not steps:
            continue
        if name.endswith(".domains") and isinstance(value, str):
            value = split_values(value)
        if steps == ["materials"]:
            data["materials"] = value
        elif steps[0] == "entity" and len(steps) > 1 and all(isinstance(step, str) for step in steps):
            _put(data["entity"], steps[1:], value)
        elif (
            steps[0] == "websites"
            and len(steps) > 2
            and isinstance(steps[1], int)
            and all(isinstance(step, str) for step in steps[2:])
        ):
            _put(websites.setdefault(steps[1], {}), steps[2:], value)
    # The websites in the form's order; a number the form skips (it renumbers) leaves no hole.
    data["websites"] = [websites[index] for index in sorted(websites)]
    if _is_person(data):
        entity = data["entity"]
        pic = entity["pic"] if isinstance(entity.get("pic"), dict) else {}
        entity["pic"] = {
            **pic,
            "document": dict(entity["document"]) if isinstance(entity.get("document"), dict) else {},
        }
        if "name" in entity:
            entity["pic"]["name"] = entity["name"]
        else:
            entity["pic"].pop("name", None)
    return data


def _steps(name: Any) -> list[str | int] | None:
    """A field's name as the steps of its path: "websites[0].pic.mobile" → ["websites", 0, "pic", "mobile"];
    None for a name that is not a path."""
    if not isinstance(name, str) or len(name) > 200 or not _PATH.fullmatch(name):
        return None
    return [int(index) if index else key for key, index in _STEP.findall(name)]


def _put(node: dict[str, Any], keys: list[Any], value: Any) -> None:
    """`value` at `keys` under `node`, making the mappings on the way; a key that is already a value stays."""
    for key in keys[:-1]:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            return
    if not isinstance(node.get(keys[-1]), dict):
        node[keys[-1]] = value


# --- where a finding is shown ---------------------------------------------------------------------------------


def place(path: str, *, entity_type: str) -> str | None:
    """Where on the form a finding about `path` is shown: the path of its field, else of the nearest enclosing
    group the form shows for this entity type; None for the summary's general list (the filing as a whole)."""
    own = entity_view(entity_type)["group"] == "person"
    current = path if isinstance(path, str) else ""
    while current:
        pattern = _INDEX.sub("[]", current)
        if (pattern in FIELDS or pattern in GROUPS) and not (own and pattern in OWN_PIC):
            return current
        parent = _LAST_STEP.sub("", current)
        if parent == current:
            break
        current = parent
    return None


def _mapping(value: Any) -> Mapping[str, Any]:
    """A value of the page's untrusted JSON as a mapping ({} when it is none)."""
    return value if isinstance(value, Mapping) else {}


def _reached(path: str, touched: Iterable[str]) -> bool:
    """Whether the filer has been to `path`'s field (typed in or left it), or to one under it."""
    return any(name == path or name.startswith(path + ".") for name in touched)


# --- the page's view ------------------------------------------------------------------------------------------


def view(
    data: Mapping[str, Any], report: Mapping[str, Any], *, touched: Iterable[str] = (), everything: bool = False
) -> dict[str, Any]:
    """What the page shows of `report` (of the filing `data`, as `filing` made it), where:

    - ``beside``: the findings shown at their place on the form, each with ``at`` (`place`), ``field`` (its place
      is a field: an error marks the control invalid, ``invalid``, and the summary links to it)
      and ``label`` (its severity in words);
    - ``empty``: None, or the required fields left empty that the filer has not reached yet (all are reached
      when `everything`: a report asked for shows everything still missing), with their place, and a heading;
    - ``summary``: the lines of the summary (keys of the page's words and their values);
    - ``items``: the five inspected items in order, each with its heading, its findings (placed too), ``ok``
      when it has none, and ``plan`` when one of them is more than a note (the wizard's plan, whose address the
      page has from the build, has something to put right).

    An individual's person in charge is the entity: findings about the PIC's name and ID are the entity's, said
    once already, and are not shown twice (nor counted).
    """
    touched = tuple(touched)
    findings = [finding for finding in report.get("findings", ()) if isinstance(finding, Mapping)]
    counts = {severity: int(_mapping(report.get("counts")).get(severity, 0)) for severity in catalogue.SEVERITIES}
    entity = _mapping(data.get("entity"))
    entity_type = key_of("entity", entity.get("type")) if isinstance(entity.get("type"), str) else ""
    own = entity_view(entity_type)["group"] == "person"
    beside, empty, shown = [], [], []
    for finding in findings:
        path, severity = str(finding.get("field", "")), str(finding.get("severity"))
        if own and path.startswith(("entity.pic.name", "entity.pic.document")):
            counts[severity] = counts.get(severity, 0) - 1  # the entity's own name and ID, copied: said once
            continue
        at = place(path, entity_type=entity_type)
        field = at is not None and _INDEX.sub("[]", at) in FIELDS
        if _MISSING.fullmatch(str(finding.get("code", ""))) and not everything and not _reached(path, touched):
            empty.append({"code": finding.get("code"), "message": finding.get("message"), "at": at, "field": field})
            counts[severity] = counts.get(severity, 0) - 1
            continue
        placed = {
            **finding,
            "at": at,
            "field": field,
            "invalid": field and severity == "error",
            "label": {"key": "severity_label", "params": {"severity": {"key": f"severities.{severity}"}}},
        }
        shown.append(placed)
        if finding.get("code") not in CHECKLIST_CODES:
            beside.append(placed)
    still = {"key": "empty_count", "params": {"n": len(empty)}}  # "still to fill in: n"
    summary = [{"key": "counts", "params": counts} if findings else {"key": "no_findings"}]
    if empty:
        summary.append(still)
    if isinstance(report.get("materials"), Mapping):
        summary.append({"key": "materials_count", "params": dict(report["materials"])})
    items = []
    for number in catalogue.ITEMS:
        found = [finding for finding in shown if finding.get("item") == number]
        items.append(
            {
                "number": number,
                "ok": not found,
                "findings": found,
                "heading": {
                    "key": "item_heading",
                    "params": {
                        "n": number,
                        "name": {"key": f"items.{number}"},
                        "count": len(found) if found else {"key": "item_ok"},
                    },
                },
                "plan": any(finding.get("severity") != "info" for finding in found),
            }
        )
    return {
        "beside": beside,
        "summary": summary,
        "items": items,
        "empty": {"heading": still, "fields": empty} if empty else None,
    }


def with_access(report: Mapping[str, Any], access: Mapping[str, Any]) -> dict[str, Any]:
    """The filing's report with the access check's findings (`checker.access`'s report) after its own, counted."""
    found = [
        finding for entry in _entries(access) for finding in entry.get("findings", ()) if isinstance(finding, Mapping)
    ]
    counts = dict(report.get("counts", {}))
    for finding in found:
        counts[finding.get("severity")] = counts.get(finding.get("severity"), 0) + 1
    return {**report, "counts": counts, "findings": [*report.get("findings", ()), *found]}


def access_view(access: Mapping[str, Any], *, current: bool, time: str = "") -> dict[str, Any]:
    """The access check's results as the page shows them: its status line and, while `current` (the domains are
    as they were looked up), per domain its verdict and per name looked up (the domain, www.) the CNAME chain
    and every address with its kind, or why it could not be looked up."""
    if not current:
        return {"current": False, "status": {"key": "access_stale"}, "domains": []}
    entries = _entries(access)
    counts, provider = _mapping(access.get("counts")), _mapping(access.get("provider"))
    status = {"key": "access_done", "params": {**counts, "time": time}} if entries else {"key": "access_no_domains"}
    return {
        "current": True,
        "status": status,
        "domains": [_domain_view(entry, str(provider.get("name", ""))) for entry in entries],
    }


def _domain_view(entry: Mapping[str, Any], provider: str) -> dict[str, Any]:
    lookups: dict[str, list[Mapping[str, Any]]] = {}
    for looked in entry.get("names", ()):
        if isinstance(looked, Mapping):
            lookups.setdefault(str(looked.get("name", "")), []).append(looked)
    names = []
    for name, found in lookups.items():
        chain = next((list(looked["chain"]) for looked in found if looked.get("chain")), [])
        addresses = [
            address for looked in found for address in looked.get("addresses", ()) if isinstance(address, Mapping)
        ]
        unknown = list(
            dict.fromkeys(str(looked.get("detail", "")) for looked in found if looked.get("outcome") == "unknown")
        )
        shown: list[dict[str, Any]] = [
            {
                "key": "address_shown",
                "params": {
                    "address": address.get("address"),
                    "kind": {"key": f"address_{address.get('kind')}", "params": {"provider": provider}},
                },
            }
            for address in addresses
        ]
        if not addresses and not unknown:
            shown.append({"key": "no_address"})
        shown += [{"key": "lookup_unknown", "params": {"detail": detail}} for detail in unknown]
        names.append({"path": [name, *chain], "shown": shown})
    verdict = entry.get("verdict")
    return {
        "domain": entry.get("domain"),
        "unicode": entry.get("unicode"),
        "verdict": verdict,
        "label": {"key": f"verdict_{verdict}"},
        "names": names,
    }


def _entries(access: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    domains = access.get("domains") if isinstance(access, Mapping) else None
    return [entry for entry in domains if isinstance(entry, Mapping)] if isinstance(domains, list) else []


def _domains_typed(values: Any) -> str:
    """What the domains boxes hold, as typed: the access check's results stand while this is unchanged."""
    if not isinstance(values, Mapping):
        return ""
    return "\n".join(
        str(value) for name, value in values.items() if isinstance(name, str) and name.endswith(".domains")
    )


# --- the page's question, answered ----------------------------------------------------------------------------


def answer(question: Any, lang: str) -> dict[str, Any]:
    """The page's whole answer to `question` (plain data, as the page sends it)::

        {"values": {field name: value}, "touched": [field names the filer has been to], "everything": false,
         "access": null | {"report": checker.access's report, "values": the form's values it was asked with,
                           "time": when it answered, as the page shows it}}

    → ``{"filing", "report", "view", "full", "access"}``: the filing (`filing`), its report in `lang` (with the
    access check's findings while it is current: what a downloaded report holds), the view of it (`view`), the
    view with everything shown (``full``: what the page shows once a report is downloaded or printed), and the
    access check's view (`access_view`) or None. Never raises for what the question holds; ValueError for an
    unknown language.
    """
    question = question if isinstance(question, Mapping) else {}
    values = question.get("values") if isinstance(question.get("values"), Mapping) else {}
    touched = (
        [name for name in question.get("touched") or () if isinstance(name, str)]
        if isinstance(question.get("touched"), list)
        else []
    )
    everything = question.get("everything") is True
    data = filing(values)
    report = filing_report(data, lang=lang)
    access = question.get("access") if isinstance(question.get("access"), Mapping) else None
    access_shown = None
    if access is not None and isinstance(access.get("report"), Mapping):
        current = _domains_typed(access.get("values")) == _domains_typed(values)
        access_shown = access_view(access["report"], current=current, time=str(access.get("time", "")))
        if current:
            report = with_access(report, access["report"])
    shown = view(data, report, touched=touched, everything=everything)
    full = shown if everything else view(data, report, everything=True)
    return {"filing": data, "report": report, "view": shown, "full": full, "access": access_shown}


def example() -> dict[str, Any]:
    """A question as the page sends it: an enterprise with one website, its domains box holding two domains."""
    return {
        "values": {
            "entity.type": "enterprise",
            "entity.name": "深圳市示例科技有限公司",
            "entity.province": "44",
            "entity.document.type": "uscc",
            "entity.document.number": "91440300MA5DA1B21A",
            "entity.pic.mobile": "13800138000",
            "entity.pic.legal_representative": "yes",
            "websites[0].name": "示例科技官网",
            "websites[0].domains": "example.com、example.cn",
            "websites[0].content": [],
            "materials": [],
        },
        "touched": ["entity.name"],
        "everything": False,
        "access": None,
    }
