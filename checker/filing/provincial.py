"""The province's own rules applied to a filing: what the filing breaks or must act on, each finding worded
"reported by <source> (<date>), …" with every source of checker.provincial's table that says it, never an error: a
provincial rule is what a provider reports its bureau asks, and providers disagree. Where they do, a note beside
the finding names the sources that say otherwise. Rows of a stale source (confidence "low") give no finding.

What the table says and the filing cannot show (a site-count limit, a photo's backdrop) stays on the province's
page of the knowledge base; here only what a filing's fields can be compared with, or what it must add (a
remark, a material), is reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from checker import _tables, domain, landline, materials, provincial, resident_id, words
from checker.exceptions import Finding, ValidationError
from checker.filing.model import Filing, Located, Person
from checker.provincial import ProvincialRule


class Applied:
    """One filing against its province's rows."""

    def __init__(self, filing: Filing, province: str, normalized: Mapping[str, str], today: datetime.date) -> None:
        self.filing, self.province, self.normalized, self.today = filing, province, normalized, today
        kind = _tables.entity_types().get(filing.entity.type)
        self.personal = kind is not None and kind.documents == "person"
        # A stale source (confidence "low": Tencent Cloud's withdrawn 2017 list) is history on the province's page,
        # never a finding.
        rows = provincial.for_province(province, "individual" if self.personal else "unit", filing.entity.type)
        self.rows = [row for row in rows if row.confidence != "low"]
        self.disagree = provincial.disagreements(self.rows)
        self.province_names = words.by_language(_tables.provinces()[province], "name")
        self.found: list[Located | tuple[str, str, str]] = []  # a finding, or the key of one still gathering sources
        self.reported: dict[tuple[str, str, str], tuple[dict[str, Any], list[ProvincialRule]]] = {}
        self.said_disagree: set[tuple[str, str]] = set()  # (field, code): the other sources named once

    def rules(self, rule: str) -> list[ProvincialRule]:
        return [row for row in self.rows if row.rule == rule]

    def add(self, path: str, code: str, row: ProvincialRule, **params: Any) -> None:
        """A finding from one row; rows of other sources saying the same of the same field add their names to it
        (one finding, "reported by A (date), B (date)"), and, once per field and finding, a note names the sources
        that say otherwise."""
        key = (path, code, repr(sorted(params.items())))
        if key in self.reported:
            self.reported[key][1].append(row)
            return
        self.reported[key] = (params, [row])
        self.found.append(key)
        others = [other for other in self.disagree.get((row.entity, row.rule), ()) if other.value != row.value]
        if others and (path, code) not in self.said_disagree:
            self.said_disagree.add((path, code))
            named = [words.text("lists", "lists.dated", name=_source_name(other), date=other.date) for other in others]
            self.found.append(
                Located(
                    path, Finding("PROVINCE_SOURCES_DISAGREE", province=self.province_names, others=words.joined(named))
                )
            )

    def located(self) -> list[Located]:
        """The findings in the order first reported, each with every source that reported it."""
        done = []
        for item in self.found:
            if isinstance(item, Located):
                done.append(item)
                continue
            path, code, _ = item
            params, rows = self.reported[item]
            dated = [words.text("lists", "lists.dated", name=_source_name(row), date=row.date) for row in rows]
            done.append(
                Located(path, Finding(code, **params, province=self.province_names, sources=words.joined(dated)))
            )
        return done

    # --- who may be the persons in charge ---------------------------------------------------------------------

    def persons_in_charge(self) -> None:
        if self.personal:
            return
        pic = self.filing.entity.pic
        for row in self.rules("pic-legal-rep"):
            if row.value == "required" and pic.legal_representative == "no":
                self.add("entity.pic.legal_representative", "PROVINCE_PIC_MUST_BE_LR", row)
            elif row.value == "required" and pic.legal_representative == "":
                self.add("entity.pic.legal_representative", "PROVINCE_PIC_LR_ASK", row)
            elif row.value == "authorised" and pic.legal_representative == "no":
                self.add("entity.pic.legal_representative", "PROVINCE_PIC_AUTHORISATION", row)
        for i, site in enumerate(self.filing.websites):
            where = f"websites[{i}].pic.legal_representative"
            is_lr = _legal_representative(site.pic, pic)
            for row in self.rules("website-pic-legal-rep"):
                if row.value == "authorised" and is_lr == "no":
                    self.add(where, "PROVINCE_WEBSITE_PIC_AUTHORISATION", row)
                elif row.value == "must-not" and is_lr == "yes":
                    self.add(where, "PROVINCE_WEBSITE_PIC_MUST_NOT_BE_LR", row)
            for row in self.rules("website-pic-same-as-pic"):
                if pic.legal_representative == "no" and site.pic.name.strip() and not _same_name(site.pic, pic):
                    self.add(f"websites[{i}].pic.name", "PROVINCE_WEBSITE_PIC_SAME", row)

    # --- where the individual's ID is from, and how old the persons are ----------------------------------------

    def identity(self) -> None:
        own = self.normalized.get("entity.document.number") if self.personal else None
        if own and self.filing.entity.document.type == "resident-id" and own[:2] != self.province:
            issued = words.by_language(_tables.province(own), "name") if _tables.province(own) else None
            for row in self.rules("out-of-province-id"):
                if issued and row.value == "refused":
                    self.add("entity.province", "PROVINCE_OUT_OF_PROVINCE_REFUSED", row, id_province=issued)
                elif issued and row.value == "residence-permit":
                    self.add("entity.province", "PROVINCE_RESIDENCE_PERMIT", row, id_province=issued)
        for row in self.rules("minimum-age"):
            told: set[str] = set()  # a person named twice (an individual is their website's PIC) is told once
            for path in self.people():
                years, number = self.age(path), self.normalized.get(f"{path}.document.number", "")
                if years is not None and years < int(row.value) and number not in told:
                    told.add(number)
                    self.add(f"{path}.name", "PROVINCE_MINIMUM_AGE", row, age=int(row.value), years=years)

    def people(self) -> Iterator[str]:
        """The paths of the filing's persons whose resident ID number is known (an individual's own is the
        entity's)."""
        yield "entity" if self.personal else "entity.pic"
        yield from (f"websites[{i}].pic" for i in range(len(self.filing.websites)))

    def age(self, path: str) -> int | None:
        number = self.normalized.get(f"{path}.document.number")
        if not number or len(number) != 18:
            return None
        try:
            born = resident_id.get_birth_date(number)
        except ValidationError:
            return None
        return self.today.year - born.year - ((self.today.month, self.today.day) < (born.month, born.day))

    # --- contact numbers -----------------------------------------------------------------------------------

    def contacts(self) -> None:
        people = [("entity.pic", self.filing.entity.pic)] + [
            (f"websites[{i}].pic", site.pic) for i, site in enumerate(self.filing.websites)
        ]
        for row in self.rules("local-mobile"):
            if any(self.normalized.get(f"{path}.mobile") for path, _ in people):
                self.add("entity.pic.mobile", "PROVINCE_LOCAL_MOBILE", row)
        for path, person in people:
            self.landline(path, person)

    def landline(self, path: str, person: Person) -> None:
        """The province's landline rows (Tencent Cloud's table for every province, and others where they say
        more): required, a mobile accepted with a remark, or different from the person's mobile."""
        where, typed = f"{path}.landline", person.landline.strip()
        is_mobile = bool(typed) and landline.is_mobile(typed)
        mobile = self.normalized.get(f"{path}.mobile")
        for row in self.rules("landline"):
            if row.value == "required" and not typed:
                self.add(where, "FILING_LANDLINE_REQUIRED", row)
            elif row.value == "required" and is_mobile:
                self.add(where, "FILING_LANDLINE_IS_MOBILE", row)
            elif row.value == "differs-from-mobile" and is_mobile and mobile and mobile in _digits(typed):
                self.add(where, "PROVINCE_LANDLINE_SAME_AS_MOBILE", row)
            elif row.value.startswith("mobile-with-") and is_mobile:
                self.add(where, "PROVINCE_LANDLINE_REMARK", row, note=_note(row))

    # --- the domains, the remarks, the address, the materials -----------------------------------------------

    def domains(self) -> None:
        for i, site in enumerate(self.filing.websites):
            for j, _ in enumerate(site.domains):
                name = self.normalized.get(f"websites[{i}].domains[{j}]")
                if not name:
                    continue
                shown = domain.to_unicode(name)
                for row in self.rules("domain-suffix"):
                    how, suffixes = _suffixes(row.value)
                    matched = any(shown == suffix[1:] or shown.endswith(suffix) for suffix in suffixes)
                    if matched == (how == "refused"):
                        self.add(
                            f"websites[{i}].domains[{j}]",
                            "PROVINCE_DOMAIN_REFUSED" if how == "refused" else "PROVINCE_DOMAIN_ONLY",
                            row,
                            domain=shown,
                            suffixes=" ".join(suffixes),
                        )

    def remarks(self) -> None:
        for row in self.rules("remark"):
            self.add("entity", "PROVINCE_REMARK", row, note=_note(row))
        for row in self.rules("same-city-address"):
            self.add("entity", "PROVINCE_SAME_CITY", row)

    def materials(self) -> None:
        """The province's extra materials not ticked as ready on a checklist in use: one finding per material,
        with what each source reports of it (the case it is needed in, in the source's notes)."""
        ticked = self.filing.materials
        if ticked is None:
            return
        reports: dict[str, list[ProvincialRule]] = {}
        for row in self.rules("material"):
            if row.value not in ticked:
                reports.setdefault(row.value, []).append(row)
        for key, rows in reports.items():
            material = materials.materials()[key]
            reported = [
                words.text("lists", "lists.reported", name=_source_name(row), date=row.date, note=_note(row))
                for row in rows
            ]
            self.found.append(
                Located(
                    f"materials.{key}",
                    Finding(
                        "PROVINCE_MATERIAL",
                        material=words.by_language(material, "name"),
                        province=self.province_names,
                        reports=words.joined(reported, "reports"),
                    ),
                )
            )

    def run(self) -> list[Located]:
        steps: Sequence[Callable[[], None]] = (
            self.persons_in_charge,
            self.identity,
            self.contacts,
            self.domains,
            self.remarks,
            self.materials,
        )
        for step in steps:
            step()
        return self.located()


def materials_asked(filing: Filing, province: str | None) -> list[str]:
    """The keys of the materials the province's rows add for this filing's entity ([] without a province)."""
    if not province:
        return []
    kind = _tables.entity_types().get(filing.entity.type)
    entity_kind = "individual" if kind is not None and kind.documents == "person" else "unit"
    return [
        row.value
        for row in provincial.for_province(province, entity_kind, filing.entity.type)
        if row.rule == "material"
    ]


def has_rows(province: str, rule: str) -> bool:
    """Whether the table has any row of this rule for the province (the national fallbacks are said only where it
    has none)."""
    return any(row.province == province and row.rule == rule for row in provincial.rules())


def _legal_representative(site_pic: Person, entity_pic: Person) -> str:
    """Whether the website's person in charge is the legal representative: as answered, else as the entity's
    person in charge when it is the same person."""
    if site_pic.legal_representative:
        return site_pic.legal_representative
    return entity_pic.legal_representative if _same_name(site_pic, entity_pic) else ""


def _same_name(a: Person, b: Person) -> bool:
    return bool(a.name.strip()) and a.name.strip() == b.name.strip()


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit())


def _note(row: ProvincialRule) -> dict[str, str]:
    return words.by_language(row, "note") if row.note_en else {lang: "" for lang in words.LANGUAGES}


def _suffixes(value: str) -> tuple[str, list[str]]:
    how, listed = value.split(":", 1)
    return how, listed.split()


def _source_name(row: ProvincialRule) -> dict[str, str]:
    return words.by_language(provincial.sources()[row.source], "name")


def check(filing: Filing, province: str, normalized: Mapping[str, str], today: datetime.date) -> list[Located]:
    """The province's findings for a filing whose entity files in `province` (a mainland 2-digit code)."""
    return Applied(filing, province, normalized, today).run()
