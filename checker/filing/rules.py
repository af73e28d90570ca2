"""The rules of a whole filing: every field checked with its kind's module, then the fields against each other.

Cross-field checks are warnings (the reference names no hard rule for them; provinces differ); a missing
required field is an error (see `checker.filing`).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import Any

from checker import _tables, domain, icp_number, landline, materials, mobile, provincial, resident_id, uscc, words
from checker._text import find_hidden, find_line_break, hidden_character_params, line_break_params, quoted
from checker.exceptions import Finding, ValidationError
from checker.field_names import FieldPath
from checker.fields import Context, check_value
from checker.filing import provincial as provincial_rules
from checker.filing.choices import _document_names, expiry_date, known_names, province_code
from checker.filing.model import DOCUMENTS, PERSON_DOCUMENTS, UNIT_DOCUMENTS, Document, Filing, Located, Person, Website
from checker.website_name import abolished, approval

OUTSIDE_MAINLAND = set(provincial.OUTSIDE_MAINLAND)  # Taiwan, Hong Kong, Macau: no ICP filing is made there
# An ID must stay valid this many more months for a filing (every UCloud province page: "有效期三个月以上的证件";
# provincial-rules-sources.md §1.2): a national rule, so an error.
ID_VALID_MONTHS = 3


class _Check:
    """One pass over a filing; `found` collects every finding with its field."""

    def __init__(self, filing: Filing, today: datetime.date | None) -> None:
        self.filing, self.today = filing, today
        # What every kind's check may read; a document's type is added where a document number is checked.
        self.context = Context(today=today, entity_type=filing.entity.type)
        self.found: list[Located] = []
        self.normalized: dict[str, str] = {}  # field → the value as checked, when it is valid
        self.type = _tables.entity_types().get(filing.entity.type)
        code = province_code(filing.entity.province) if filing.entity.province.strip() else None
        self.province = code if code not in OUTSIDE_MAINLAND else None
        self.province_names = _names(_tables.province(self.province) if self.province else None)

    def add(self, path: str, code: str, **params: Any) -> None:
        self.found.append(Located(path, Finding(code, **params)))

    def missing(self, path: str, code: str) -> None:
        """A required field left empty, named in words (the path stays in the finding's field)."""
        self.add(path, code, field=FieldPath(path))

    def value(
        self, path: str, kind: str, value: str, *, missing: str | None, context: Context | None = None
    ) -> str | None:
        """Check one field with its kind's module; the normalised value, or None when missing or invalid."""
        if not value.strip():
            if missing:
                self.missing(path, missing)
            return None
        normalized, findings = check_value(kind, value, context=context or self.context)
        self.found.extend(Located(path, finding) for finding in findings)
        if normalized is not None:
            self.normalized[path] = normalized
        return normalized

    def document(self, path: str, document: Document, allowed: Mapping[str, str], missing: str) -> str | None:
        if not document.type:
            self.missing(f"{path}.type", missing)
            return None
        if document.type not in DOCUMENTS:
            self.add(
                f"{path}.type", "FILING_DOCUMENT_UNKNOWN", document=quoted(document.type), known=known_names("document")
            )
            return None
        if document.type not in allowed:
            self.add(
                f"{path}.type",
                "FILING_DOCUMENT_TYPE",
                document=_document_names([document.type]),
                expected=_document_names(list(allowed)),
                entity=_names(self.type),
            )
        kind = DOCUMENTS[document.type]
        own = path == "entity.pic.document" and document == self.filing.entity.document  # an individual's: said once
        if document.type in PERSON_DOCUMENTS and not own:
            self.expiry(f"{path}.expires", document.expires)
        return self.value(
            f"{path}.number",
            kind,
            document.number,
            missing=missing,
            context=self.context._replace(document=document.type),
        )

    def expiry(self, path: str, typed: str) -> None:
        """A person's ID must stay valid for `ID_VALID_MONTHS` more months (a national rule: an error); a date that
        cannot be read is said so, with the forms that can."""
        if not typed.strip():
            return
        expires = expiry_date(typed)
        if expires is None:
            self.add(path, "FILING_ID_EXPIRY_UNREADABLE", given=quoted(typed))
            return
        if expires == "long-term":
            return
        today = self.today or datetime.date.today()
        if expires < today:
            self.add(path, "FILING_ID_EXPIRED", expires=expires.isoformat())
        elif expires < _months_later(today, ID_VALID_MONTHS):
            self.add(path, "FILING_ID_EXPIRING", expires=expires.isoformat(), months=ID_VALID_MONTHS)

    def hidden(self, path: str, value: str) -> None:
        """A hidden character in free text that no kind's validator reads (a name), named (checker._text); else a
        line break or tab inside it (around it they are stripped), named with where it is: the name on the
        certificate or ID is one line, so a name with a break in it cannot be the one filed."""
        index = find_hidden(value)
        if index is not None:
            self.add(path, "INVALID_HIDDEN_CHARACTER", **hidden_character_params(value, index))
            return
        index = find_line_break(value)
        if index is not None:
            self.add(path, "FILING_NAME_LINE_BREAK", field=FieldPath(path), **line_break_params(value, index))

    def person(self, path: str, person: Person, missing: str) -> None:
        if not person.name.strip():
            self.missing(f"{path}.name", missing)
        else:
            self.hidden(f"{path}.name", person.name)
        self.document(f"{path}.document", person.document, PERSON_DOCUMENTS, missing)
        self.value(f"{path}.mobile", "mobile", person.mobile, missing="FILING_CONTACT_MISSING")
        self.landline(path, person)
        self.value(f"{path}.email", "email", person.email, missing="FILING_CONTACT_MISSING")

    def landline(self, path: str, person: Person) -> None:
        where = f"{path}.landline"
        if not person.landline.strip():
            return  # a province that wants one says so (checker.filing.provincial)
        if landline.is_mobile(person.landline):
            # A mobile in the landline field: accepted by many provinces, refused by some; a province with a rule
            # on it says which (then this general note is dropped, `run`).
            self.add(where, "FILING_LANDLINE_MOBILE")
            return
        number = self.value(where, "landline", person.landline, missing=None)
        area = landline.get_area(number) if number else None
        if area and self.province and _province_of_area(area) not in (None, self.province):
            self.add(
                where,
                "FILING_LANDLINE_PROVINCE",
                area="0" + area.code,
                place=words.by_language(area, "place"),
                province=self.province_names,
            )

    def entity(self) -> None:
        entity = self.filing.entity
        if not entity.type:
            self.missing("entity.type", "FILING_ENTITY_MISSING")
        elif self.type is None:
            self.add("entity.type", "FILING_ENTITY_TYPE", given=quoted(entity.type), known=known_names("entity"))
        if not entity.name.strip():
            self.missing("entity.name", "FILING_ENTITY_MISSING")
        else:
            self.hidden("entity.name", entity.name)
        if not entity.province.strip():
            self.missing("entity.province", "FILING_ENTITY_MISSING")
        elif self.province is None:
            self.add("entity.province", "FILING_PROVINCE", given=quoted(entity.province))
        personal = self.type is not None and self.type.documents == "person"
        allowed = PERSON_DOCUMENTS if personal else UNIT_DOCUMENTS if self.type else DOCUMENTS
        number = self.document("entity.document", entity.document, allowed, "FILING_ENTITY_MISSING")
        if number and entity.document.type == "uscc":
            self.uscc(number)
        if (
            number
            and entity.document.type == "resident-id"
            and self.province
            and number[:2] != self.province
            and not provincial_rules.has_rows(self.province, "out-of-province-id")
        ):
            self.add(
                "entity.province",
                "FILING_RESIDENCE_PROOF",
                id_province=_names(_tables.province(number)),
                province=self.province_names,
            )
        self.person("entity.pic", entity.pic, "FILING_ENTITY_MISSING")
        if personal:
            self.individual()
        if entity.emergency_contact.strip():
            kind = _phone_kind(entity.emergency_contact)
            self.value("entity.emergency_contact", kind, entity.emergency_contact, missing=None)
        self.filing_number("entity.icp_number", entity.icp_number)

    def filing_number(self, path: str, typed: str) -> icp_number.IcpNumber | None:
        """A filing number (icp-number) and, against the filing, its province: a number is given by the bureau of
        the province the entity files in, whose short name it starts with (provincial-rules-sources.md §4.1)."""
        number = self.value(path, "icp-number", typed, missing=None)
        if number is None:
            return None
        parts = icp_number.parse(number)
        if parts.licence:
            return None  # a licence, explained by its own finding: not this filing's number
        if self.province and parts.province != self.province:
            self.add(
                path,
                "FILING_ICP_NUMBER_PROVINCE",
                number=number,
                number_province=_names(_tables.province(parts.province)),
                province=self.province_names,
            )
        if path == "entity.icp_number" and parts.site is not None:
            self.add(
                path, "FILING_ICP_NUMBER_NOT_ENTITY", number=number, entity_number=icp_number.entity_number(number)
            )
        return parts

    def website_number(self, index: int, site: Website, seen: dict[str, str]) -> None:
        """A website's number: under the entity's number, a website's (no service letter), its own, and numbered
        as its place in the filing suggests (a note only: numbers of cancelled websites are not given again)."""
        path = f"websites[{index}].icp_number"
        parts = self.filing_number(path, site.icp_number)
        if parts is None:
            return
        number = self.normalized[path]
        entity = self.normalized.get("entity.icp_number")
        if parts.site is None:
            self.add(path, "FILING_ICP_NUMBER_NO_SITE", number=number)
            return
        if entity and icp_number.entity_number(number) != icp_number.entity_number(entity):
            self.add(path, "FILING_ICP_NUMBER_ENTITY", number=number, entity_number=icp_number.entity_number(entity))
        if parts.service:
            self.add(path, "FILING_ICP_NUMBER_SERVICE", number=number, letter=parts.service)
        if number in seen:
            self.add(path, "FILING_ICP_NUMBER_DUPLICATE", number=number, first=FieldPath(seen[number]))
        else:
            seen[number] = path
            if parts.site != index + 1:
                self.add(path, "FILING_ICP_NUMBER_PLACE", number=number, site=parts.site, place=index + 1)

    def uscc(self, number: str) -> None:
        if self.type and self.type.uscc_categories and not number.startswith(self.type.uscc_categories):
            category = uscc.get_category(number)
            self.add(
                "entity.document.number",
                "FILING_USCC_CATEGORY",
                prefix=number[:2],
                category=_names(category, number[:2]),
                entity=_names(self.type),
            )
        region = number[2:8]
        if (
            self.province
            and region != uscc.NATIONAL_REGION
            and region[:2] != self.province
            and _tables.province(region) is not None
        ):
            self.add(
                "entity.province",
                "FILING_PROVINCE_MISMATCH",
                region=region,
                region_province=_names(_tables.province(region)),
                province=self.province_names,
            )

    def individual(self) -> None:
        entity = self.filing.entity
        if entity.name.strip() and entity.pic.name.strip() and entity.name.strip() != entity.pic.name.strip():
            self.add("entity.name", "FILING_INDIVIDUAL_NAME", name=entity.name.strip(), pic=entity.pic.name.strip())
        own, pic = self.normalized.get("entity.document.number"), self.normalized.get("entity.pic.document.number")
        if own and pic and own != pic:
            self.add("entity.pic.document.number", "FILING_INDIVIDUAL_DOCUMENT")

    def websites(self) -> None:
        if not self.filing.websites:
            self.add("websites", "FILING_NO_WEBSITE")
        seen: dict[str, str] = {}
        numbers: dict[str, str] = {}
        for i, site in enumerate(self.filing.websites):
            path = f"websites[{i}]"
            self.value(f"{path}.name", "website-name", site.name, missing="FILING_WEBSITE_MISSING")
            if not site.domains:
                self.missing(f"{path}.domains", "FILING_WEBSITE_MISSING")
            for j, typed in enumerate(site.domains):
                where = f"{path}.domains[{j}]"
                registered = self.value(where, "domain", typed, missing="FILING_WEBSITE_MISSING")
                if registered is None:
                    continue
                if registered in seen:
                    self.add(
                        where,
                        "FILING_DOMAIN_DUPLICATE",
                        domain=domain.to_unicode(registered),
                        first=FieldPath(seen[registered]),
                    )
                else:
                    seen[registered] = where
            self.website_number(i, site, numbers)
            self.person(f"{path}.pic", site.pic, "FILING_WEBSITE_MISSING")
            self.content(path, site)

    def content(self, path: str, site: Website) -> None:
        """Each content category chosen: a live pre-approval (前置审批) warns, naming the authority that grants it
        and its document; an abolished one is an info saying since when and by what, as its source says
        (content-categories.tsv, held to Tencent Cloud's 前置审批相关.md)."""
        categories = _tables.content_categories()
        for j, key in enumerate(site.content):
            where = f"{path}.content[{j}]"
            category = categories.get(key)
            if category is None:
                self.add(where, "FILING_CONTENT_UNKNOWN", given=quoted(key), known=known_names("content"))
            elif category.status == "live":
                self.add(where, "FILING_APPROVAL_NEEDED", **approval(category))
            else:
                self.add(where, "FILING_APPROVAL_ABOLISHED", **abolished(category))

    def materials(self) -> None:
        """Each material of the entity type's checklist not ticked as ready, and each ticked key not on it."""
        ticked = self.filing.materials
        if ticked is None or self.type is None:
            return
        items = materials.checklist(self.type.key)
        # What the province adds may be ticked too (its own findings, checker.filing.provincial, say what is not).
        keys = [material.key for material in items] + provincial_rules.materials_asked(self.filing, self.province)
        for j, key in enumerate(ticked):
            if key and key not in keys:
                self.add(
                    f"materials[{j}]",
                    "MATERIAL_UNKNOWN",
                    given=quoted(key),
                    entity=_names(self.type),
                    known=words.joined([words.by_language(item, "name", en=item.key) for item in items], "long_series"),
                )
        for material in items:
            if material.key not in ticked:
                names, note = words.by_language(material, "name"), words.by_language(material, "note")
                if material.condition == "when":
                    self.add(f"materials.{material.key}", "MATERIAL_IF_NEEDED", material=names, when=note)
                else:
                    self.add(f"materials.{material.key}", "MATERIAL_NOT_READY", material=names, note=note)

    def phones(self) -> None:
        """One number, one person; the emergency contact is someone else (icp-rules.md §4)."""
        people = [("entity.pic", self.filing.entity.pic)] + [
            (f"websites[{i}].pic", site.pic) for i, site in enumerate(self.filing.websites)
        ]
        owners: dict[str, tuple[str, Person]] = {}
        for path, person in people:
            number = self.normalized.get(f"{path}.mobile")
            if number is None:
                continue
            if number in owners and not _same_person(owners[number][1], person):
                self.add(f"{path}.mobile", "FILING_PHONE_SHARED", first=FieldPath(f"{owners[number][0]}.mobile"))
            owners.setdefault(number, (path, person))
        emergency = self.normalized.get("entity.emergency_contact")
        if emergency in owners:
            self.add(
                "entity.emergency_contact", "FILING_EMERGENCY_SAME", first=FieldPath(f"{owners[emergency][0]}.mobile")
            )

    def run(self) -> list[Located]:
        self.entity()
        self.websites()
        self.phones()
        self.materials()
        if self.province:
            today = self.today or datetime.date.today()
            found = provincial_rules.check(self.filing, self.province, self.normalized, today)
            said = {located.field for located in found}
            # The general note on a mobile in the landline field gives way to what the province says of it.
            self.found = [
                located
                for located in self.found
                if not (located.finding.code == "FILING_LANDLINE_MOBILE" and located.field in said)
            ]
            self.found.extend(found)
        return self.found


def _phone_kind(number: str) -> str:
    """Which kind of number a field that takes either holds: a valid one says so; an invalid one is judged by
    its first digit (mobiles start with 1, a landline with its area code's 0), so its findings are the ones
    that help: a mobile one digit short is told it is short, not that 137 is no area code."""
    if mobile.is_valid(number):
        return "mobile"
    if landline.is_valid(number):
        return "landline"
    digits = "".join(character for character in number if character.isdigit()).removeprefix("86")
    return "mobile" if digits.startswith("1") else "landline"


def _same_person(a: Person, b: Person) -> bool:
    """The same person named twice (same name, and the same document when both give one)."""
    same_name = a.name.strip() == b.name.strip() and bool(a.name.strip())
    numbers = (_document_key(a.document.number), _document_key(b.document.number))
    return same_name and (not all(numbers) or numbers[0] == numbers[1])


def _document_key(number: str) -> str:
    """A document number as compared across persons: compact, or as typed when it cannot be read (a hidden
    character in it, reported on its own field)."""
    try:
        return resident_id.compact(number) if number.strip() else ""
    except ValidationError:
        return number.strip()


def _names(record: Any, fallback: str = "?") -> dict[str, str]:
    """A table record's name (a province, an entity type, a USCC category) in each language, for a message."""
    return words.by_language(record, "name") if record else {lang: fallback for lang in words.LANGUAGES}


@functools.cache
def _province_of_area(area: _tables.AreaCode) -> str | None:
    """The province of a landline area code, from its place name ("广东省深圳市" → "44")."""
    return next(
        (code for code, region in _tables.provinces().items() if area.place_zh.startswith(region.name_zh)), None
    )


def _months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has fewer days: 30 November for 31 August + 3)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def check(filing: Filing, *, today: datetime.date | None = None) -> list[Located]:
    """Every finding of a filing, field by field and across fields, in form order."""
    return _Check(filing, today).run()
