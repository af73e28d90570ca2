"""A whole filing: the entity (备案主体) and its websites, every field checked and then checked against each other.

A filing arrives as plain data (JSON, a CSV row, the page's form) and is read leniently: a field of the wrong
type or an unknown key is reported, never raised, so one bad filing in a batch loses nothing. The shape (also
shipped as a JSON Schema, checker/data/filing.schema.json)::

    {"entity": {"type": "enterprise", "name": ..., "province": "44" | "广东省" | "Guangdong",
                "document": {"type": "uscc", "number": ...},
                "pic": PERSON, "emergency_contact": ...},
     "websites": [{"name": ..., "domains": [...], "pic": PERSON, "content": ["news", ...]}, ...],
     "materials": ["business-licence", ...]}   # optional: the verification materials ticked as ready
    PERSON = {"name": ..., "document": {"type": "resident-id", "number": ...},
              "mobile": ..., "landline": ..., "email": ...}

A value from a fixed list (entity type, province, document type, content category, material) may also be given
by its name, in Chinese as the provider consoles name it, simplified or traditional (企业, 廣東省, 身份证, 营业执照,
新闻, 核验单: `key_of`, `province_code`); an unknown one is reported with the list, in Chinese by the Chinese names.
A name (the entity's, a person's, a website's) is one line: a line break or tab inside it is an error.

Cross-field checks are warnings (the reference names no hard rule for them; provinces differ): the entity type
against its document and the category in its USCC; the province against the ID / USCC region and the
landline's area code; the phone rules across the persons in charge; the website name against the entity type;
the same domain twice; an individual's entity against its person in charge. Content that needs a department's
approval (``content``: news, medicine, games …) is named with that department. A missing required field is an
error.

``materials`` is the verification-materials checklist (inspected item 3, `checker.materials`): the keys of the
materials the filer has ready. Without the key the checklist is not in use and nothing is said about materials;
with it (an empty list too) each material of the entity type's checklist that is not listed is a finding — a
warning for one that is always needed, a note for one needed only in some cases — and `report()` counts the
ready ones. A key not on the type's checklist is a warning. With an unknown entity type there is no checklist.

>>> result = report(example(), lang="en")
>>> result["ok"], [f["code"] for f in result["findings"]]
(True, [])
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from typing import Any, Mapping, NamedTuple, Sequence

from checker import _tables, catalogue, domain, field_names, landline, materials, mobile, passport, resident_id, uscc
from checker._text import find_hidden, find_line_break, hidden_character_params, line_break_params, without_hidden
from checker.exceptions import Finding, ValidationError
from checker.fields import Context, check_value

# Documents a filing may name, and the kind of value that checks each number.
UNIT_DOCUMENTS = {"uscc": "uscc", "org-code": "org-code", "business-reg-no": "business-reg-no"}
PERSON_DOCUMENTS = {"resident-id": "resident-id", "hmt-permit": "hmt-permit", "foreign-prid": "foreign-prid",
                    **{document: "passport" for document in passport.DOCUMENTS}}
DOCUMENTS = {**UNIT_DOCUMENTS, **PERSON_DOCUMENTS}
# Provincial rules on contact numbers (icp-rules.md §4: Tencent Cloud and Huawei Cloud docs).
LANDLINE_REQUIRED = {"32"}                     # Jiangsu
LANDLINE_NOT_MOBILE = {"11", "21", "22", "32"}  # Beijing, Liaoning, Jilin; Jiangsu wants a real landline too
OUTSIDE_MAINLAND = {"71", "81", "82", "83"}  # Taiwan, Hong Kong, Macau: no ICP filing is made there
# The most entries a list of a filing (websites; each website's domains and content; materials) is read with.
# Far above any real filing; it bounds the work and the report when a whole document is pasted into a field.
LIST_LIMIT = 100
# What separates several values typed into one field (domains, content categories, materials): any whitespace
# (what str.split splits on, the ideographic space U+3000 too), "," and ";", their full-width forms "，" "；" and
# the enumeration comma "、". One rule for the plain data, a CSV cell and the self-check page, whose script
# (docs/assets/javascripts/self-check.js) splits with this same character class, written the same way: only
# escapes that JavaScript and Python read alike (tests/test_filing.py compares the two).
SEPARATORS = r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000,;，；、]"
_SEPARATED = re.compile(SEPARATORS + "+")


# --- the model -------------------------------------------------------------------------------------------------

class Document(NamedTuple):
    type: str = ""
    number: str = ""


class Person(NamedTuple):
    name: str = ""
    document: Document = Document()
    mobile: str = ""
    landline: str = ""
    email: str = ""


class Entity(NamedTuple):
    type: str = ""
    name: str = ""
    province: str = ""
    document: Document = Document()
    pic: Person = Person()
    emergency_contact: str = ""


class Website(NamedTuple):
    name: str = ""
    domains: tuple[str, ...] = ()
    pic: Person = Person()
    content: tuple[str, ...] = ()  # content categories that need pre-approval (keys of content_categories())


class Filing(NamedTuple):
    entity: Entity = Entity()
    websites: tuple[Website, ...] = ()
    materials: tuple[str, ...] | None = None  # keys of the materials ready; None: the checklist is not in use


class Located(NamedTuple):
    """A finding and the field it is about (``entity.pic.mobile``, ``websites[1].domains[0]``)."""
    field: str
    finding: Finding


class EntityType(NamedTuple):
    miit_code: int
    key: str
    name_zh: str
    name_en: str
    documents: str                  # "unit" or "person"
    uscc_categories: tuple[str, ...]


@functools.cache
def entity_types() -> dict[str, EntityType]:
    """MIIT's entity types by key (checker/data/entity-types.tsv)."""
    return {key: EntityType(int(code), key, zh, en, documents, tuple(filter(None, categories.split(","))))
            for code, key, zh, en, documents, categories in _tables.rows("entity-types.tsv")}


class ContentCategory(NamedTuple):
    key: str
    name_zh: str
    name_en: str
    department_zh: str
    department_en: str


@functools.cache
def content_categories() -> dict[str, ContentCategory]:
    """Content that needs a department's approval before filing (checker/data/content-categories.tsv)."""
    return {row[0]: ContentCategory(*row) for row in _tables.rows("content-categories.tsv")}


class DocumentType(NamedTuple):
    key: str
    name_zh: str
    name_en: str
    other_names: tuple[str, ...]  # the other Chinese names filers type for it (身份证, 营业执照, 台胞证 …)


@functools.cache
def document_types() -> dict[str, DocumentType]:
    """The documents a filing may name, by key, with their names (checker/data/document-types.tsv)."""
    return {key: DocumentType(key, zh, en, tuple(filter(None, others.split("、"))))
            for key, zh, en, others in _tables.rows("document-types.tsv")}


@functools.cache
def _traditional() -> dict[int, str]:
    """Traditional character → its simplified form, for the names a filing is read with (the table's source:
    OpenCC's TSCharacters.txt)."""
    return {ord(traditional): simplified for traditional, simplified in _tables.rows("traditional-characters.tsv")}


def _folded(value: str) -> str:
    """A name as it is compared with the names of a list: simplified script, NFKC (full-width brackets and
    letters as ASCII), case-folded, inner runs of spaces made one."""
    return " ".join(unicodedata.normalize("NFKC", value.translate(_traditional())).casefold().split())


def _choices(kind: str) -> list[tuple[str, ...]]:
    """The values of a fixed list ("entity", "document", "content", "materials"), each as (key, Chinese name,
    the other names it may be typed as …)."""
    if kind == "entity":
        return [(t.key, t.name_zh, t.name_en) for t in entity_types().values()]
    if kind == "document":
        return [(d.key, d.name_zh, d.name_en, *d.other_names) for d in document_types().values()]
    if kind == "content":
        return [(c.key, c.name_zh, c.name_en) for c in content_categories().values()]
    # materials: also the Chinese name without its explanation in brackets (核验单, 单位证件)
    return [(m.key, m.name_zh, m.name_zh.split("（")[0], m.name_en) for m in materials.materials().values()]


@functools.cache
def _names_to_keys(kind: str) -> dict[str, str]:
    """Every name a value of a fixed list may be typed as (its key and every name of `_choices`), folded, → its
    key."""
    found: dict[str, str] = {}
    for key, *names in _choices(kind):
        for name in (key, *names):
            found.setdefault(_folded(name), key)
    return found


@functools.lru_cache(maxsize=1024)  # bounded: a batch may hold any text here
def key_of(kind: str, value: str) -> str:
    """The key of a value of a fixed list ("entity", "document", "content", "materials") typed as its key or as
    one of its names, in either script: 企业 → enterprise, 身份证 and 居民身份證 → resident-id, 新闻 → news, 核验单 →
    verification-form. A value that is none of them comes back stripped and lower-cased, to be reported.

    >>> key_of("entity", " 事業單位 "), key_of("document", "营业执照"), key_of("document", "Resident ID card")
    ('public-institution', 'uscc', 'resident-id')
    """
    key = value.strip().lower()
    if key in _keys(kind):
        return key  # typed as its key, as the page's lists send it: no table of names is read
    return _names_to_keys(kind).get(_folded(value), key)


def _keys(kind: str) -> Mapping[str, Any]:
    """The keys of a fixed list."""
    if kind == "entity":
        return entity_types()
    if kind == "document":
        return DOCUMENTS
    if kind == "content":
        return content_categories()
    return materials.materials()


def known_names(kind: str) -> dict[str, str]:
    """The values of a fixed list for a message: the keys in English, the Chinese names in Chinese (documents:
    those a filing may name)."""
    pairs = [(key, zh) for key, zh, *_ in _choices(kind) if kind != "document" or key in DOCUMENTS]
    return {"en": ", ".join(key for key, _ in pairs), "zh": "、".join(zh for _, zh in pairs)}


def _document_names(keys: Sequence[str]) -> dict[str, str]:
    """Document keys for a message: as keys in English, by their Chinese names in Chinese."""
    types = document_types()
    return {"en": ", ".join(keys), "zh": "、".join(types[key].name_zh if key in types else key for key in keys)}


@functools.lru_cache(maxsize=256)  # bounded: a batch may hold any text here
def province_code(value: str) -> str | None:
    """The 2-digit code of a province given as its code, its Chinese name (with or without 省/市/自治区, in
    simplified or traditional script: 广东省, 廣東) or its English name; None when it is none of these."""
    value = value.strip()
    provinces = _tables.provinces()
    if value.isdigit() and (len(value) == 2 or (len(value) == 6 and value.endswith("0000"))):
        return value[:2] if value[:2] in provinces else None
    found = _province_named(value, provinces)
    if found is None and not value.isascii():  # the traditional script's table is read only when needed
        simplified = value.translate(_traditional())
        found = _province_named(simplified, provinces) if simplified != value else None
    return found


def _province_named(value: str, provinces: Mapping[str, Any]) -> str | None:
    folded = value.casefold()
    for code, region in provinces.items():
        if folded == region.name_en.casefold() or value == region.name_zh or (
                len(value) >= 2 and region.name_zh.startswith(value)):
            return code
    return None


# --- reading plain data -----------------------------------------------------------------------------------------

class _Reader:
    """Turns plain data into the model, noting (never raising) what does not fit."""

    def __init__(self) -> None:
        self.problems: list[Located] = []

    def mapping(self, value: Any, path: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            field = path or {"en": "The filing", "zh": "备案数据"}  # the whole filing: its path is ""
            self.problems.append(Located(path, Finding("FILING_NOT_AN_OBJECT", field=field)))
            return {}
        for key in value:
            if key not in keys:
                self.problems.append(Located(f"{path}.{key}" if path else str(key),
                                             Finding("FILING_UNKNOWN_KEY", key=str(key), known=", ".join(keys))))
        return value

    def text(self, data: Mapping[str, Any], key: str, path: str) -> str:
        return self.text_at(data.get(key), _join(path, key))

    def text_at(self, value: Any, where: str) -> str:
        """The text of a value found at `where` ("" when there is none, or when it is not text: reported)."""
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # a number typed into a spreadsheet: its digits are what the filer meant
        if not isinstance(value, str):
            self.problems.append(Located(where, Finding("FILING_NOT_TEXT", field=where)))
            return ""
        return value

    def choice(self, data: Mapping[str, Any], key: str, path: str, kind: str | None) -> str:
        """A value from a fixed list ("enterprise", "resident-id"), typed as its key or one of its names
        (`key_of`: 企业, 身份证); case and spaces do not matter; a hidden character is reported (`visible`). The
        province (`kind` None) stays as typed, for `province_code`."""
        value = self.visible(self.text(data, key, path), _join(path, key)).strip()
        return key_of(kind, value) if kind else value

    def visible(self, value: str, where: str) -> str:
        """A value from a fixed list without its hidden characters, the first one reported by name (an error): so
        "uscc<U+200B>" is told about its hidden character, not that it is no document type, and "news<U+200B>"
        still gets the news approval named."""
        index = find_hidden(value)
        if index is None:
            return value
        self.problems.append(Located(where, Finding("INVALID_HIDDEN_CHARACTER", **hidden_character_params(value,
                                                                                                           index))))
        return without_hidden(value)

    def document(self, value: Any, path: str) -> Document:
        data = self.mapping(value, path, ("type", "number"))
        kind, number = self.choice(data, "type", path, "document"), self.text(data, "number", path)
        if kind == "uscc" and re.fullmatch(r"\s*\d{15}\s*", number) and _folded(str(data.get("type", ""))) == "营业执照":
            kind = "business-reg-no"  # an old licence, from before the USCC (2015): its 15-digit registration number
        return Document(kind, number)

    def person(self, value: Any, path: str) -> Person:
        data = self.mapping(value, path, ("name", "document", "mobile", "landline", "email"))
        return Person(self.text(data, "name", path), self.document(data.get("document"), f"{path}.document"),
                      *(self.text(data, key, path) for key in ("mobile", "landline", "email")))

    def entity(self, value: Any) -> Entity:
        path = "entity"
        data = self.mapping(value, path, ("type", "name", "province", "document", "pic", "emergency_contact"))
        return Entity(self.choice(data, "type", path, "entity"), self.text(data, "name", path),
                      self.choice(data, "province", path, None),
                      self.document(data.get("document"), f"{path}.document"),
                      self.person(data.get("pic"), f"{path}.pic"), self.text(data, "emergency_contact", path))

    def website(self, value: Any, path: str) -> Website:
        data = self.mapping(value, path, ("name", "domains", "pic", "content"))
        domains = self.texts(data, "domains", path)
        content = tuple(key_of("content", self.visible(category, f"{path}.content[{j}]"))
                        for j, category in enumerate(self.texts(data, "content", path)))
        return Website(self.text(data, "name", path), domains, self.person(data.get("pic"), f"{path}.pic"), content)

    def texts(self, data: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
        """A list of text; one string with several values (`split_values`) also does."""
        values = data.get(key)
        if values is None:
            return ()
        where = _join(path, key)
        if isinstance(values, str):
            values = split_values(values)
        elif not isinstance(values, list):
            self.problems.append(Located(where, Finding("FILING_NOT_A_LIST", field=where)))
            return ()
        if len(values) > LIST_LIMIT:
            self.problems.append(Located(where, Finding("FILING_LIST_TOO_LONG", field=field_names.name(where),
                                                        count=len(values), limit=LIST_LIMIT)))
            values = values[:LIST_LIMIT]
        return tuple(self.text_at(value, f"{where}[{i}]") for i, value in enumerate(values))

    def materials(self, data: Mapping[str, Any]) -> tuple[str, ...] | None:
        """The keys of the materials ticked as ready; None when the checklist is not in use (no key, null, or a
        value that is not a list, which is reported and ignored)."""
        value = data.get("materials")
        if value is None:
            return None
        if not isinstance(value, (list, str)):
            self.texts(data, "materials", "")  # reports it: FILING_NOT_A_LIST
            return None
        # "" stays for an item that is not text, so that positions match the list's (materials[2])
        return tuple(key_of("materials", self.visible(key, f"materials[{j}]")) if key else ""
                     for j, key in enumerate(self.texts(data, "materials", "")))

    def filing(self, value: Any) -> Filing:
        data = self.mapping(value, "", ("entity", "websites", "materials"))
        websites = data.get("websites") or []
        if not isinstance(websites, list):
            self.problems.append(Located("websites", Finding("FILING_NOT_A_LIST", field="websites")))
            websites = []
        if len(websites) > LIST_LIMIT:  # a warning: what was not read is not wrong, only unchecked
            self.problems.append(Located("websites", Finding("FILING_TOO_MANY_WEBSITES", count=len(websites),
                                                             limit=LIST_LIMIT, ignored=len(websites) - LIST_LIMIT)))
            websites = websites[:LIST_LIMIT]
        return Filing(self.entity(data.get("entity")),
                      tuple(self.website(site, f"websites[{i}]") for i, site in enumerate(websites)),
                      self.materials(data))


def split_values(text: str) -> list[str]:
    """The values typed into one field, separated as `SEPARATORS` says.

    >>> split_values(" a.cn,b.cn；例子.中国、 c.cn\u3000d.cn ")
    ['a.cn', 'b.cn', '例子.中国', 'c.cn', 'd.cn']
    """
    return [value for value in _SEPARATED.split(text) if value]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def read(data: Any) -> tuple[Filing, list[Located]]:
    """The filing in plain data, and what in it did not fit the shape."""
    reader = _Reader()
    return reader.filing(data), reader.problems


# --- checking ---------------------------------------------------------------------------------------------------

class _Check:
    """One pass over a filing; `found` collects every finding with its field."""

    def __init__(self, filing: Filing, today: datetime.date | None) -> None:
        self.filing, self.today = filing, today
        # What every kind's check may read; a document's type is added where a document number is checked.
        self.context = Context(today=today, entity_type=filing.entity.type)
        self.found: list[Located] = []
        self.normalized: dict[str, str] = {}  # field → the value as checked, when it is valid
        self.type = entity_types().get(filing.entity.type)
        code = province_code(filing.entity.province) if filing.entity.province.strip() else None
        self.province = code if code not in OUTSIDE_MAINLAND else None
        self.province_names = _names(_tables.province(self.province) if self.province else None)

    def add(self, path: str, code: str, **params: Any) -> None:
        self.found.append(Located(path, Finding(code, **params)))


    def missing(self, path: str, code: str) -> None:
        """A required field left empty, named in words (the path stays in the finding's field)."""
        self.add(path, code, field=field_names.name(path))
    def value(self, path: str, kind: str, value: str, *, missing: str | None, context: Context | None = None) -> str | None:
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
            self.add(f"{path}.type", "FILING_DOCUMENT_UNKNOWN", document=document.type, known=known_names("document"))
            return None
        if document.type not in allowed:
            self.add(f"{path}.type", "FILING_DOCUMENT_TYPE", document=_document_names([document.type]),
                     expected=_document_names(list(allowed)), entity=_names(self.type))
        kind = DOCUMENTS[document.type]
        return self.value(f"{path}.number", kind, document.number, missing=missing,
                          context=self.context._replace(document=document.type))

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
            self.add(path, "FILING_NAME_LINE_BREAK", field=field_names.name(path), **line_break_params(value, index))

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
            if self.province in LANDLINE_REQUIRED:
                self.add(where, "FILING_LANDLINE_REQUIRED", province=self.province_names)
            return
        if landline.is_mobile(person.landline):
            # A mobile in the landline field: accepted by many provinces, refused by some.
            strict = self.province in LANDLINE_NOT_MOBILE
            self.add(where, "FILING_LANDLINE_IS_MOBILE" if strict else "FILING_LANDLINE_MOBILE",
                     province=self.province_names)
            return
        number = self.value(where, "landline", person.landline, missing=None)
        area = landline.get_area(number) if number else None
        if area and self.province and _province_of_area(area) not in (None, self.province):
            self.add(where, "FILING_LANDLINE_PROVINCE", area="0" + area.code,
                     place={"en": area.place_en, "zh": area.place_zh}, province=self.province_names)

    def entity(self) -> None:
        entity = self.filing.entity
        if not entity.type:
            self.missing("entity.type", "FILING_ENTITY_MISSING")
        elif self.type is None:
            self.add("entity.type", "FILING_ENTITY_TYPE", given=entity.type, known=known_names("entity"))
        if not entity.name.strip():
            self.missing("entity.name", "FILING_ENTITY_MISSING")
        else:
            self.hidden("entity.name", entity.name)
        if not entity.province.strip():
            self.missing("entity.province", "FILING_ENTITY_MISSING")
        elif self.province is None:
            self.add("entity.province", "FILING_PROVINCE", given=entity.province)
        personal = self.type is not None and self.type.documents == "person"
        allowed = PERSON_DOCUMENTS if personal else UNIT_DOCUMENTS if self.type else DOCUMENTS
        number = self.document("entity.document", entity.document, allowed, "FILING_ENTITY_MISSING")
        if number and entity.document.type == "uscc":
            self.uscc(number)
        if number and entity.document.type == "resident-id" and self.province and number[:2] != self.province:
            self.add("entity.province", "FILING_RESIDENCE_PROOF", id_province=_names(_tables.province(number)),
                     province=self.province_names)
        self.person("entity.pic", entity.pic, "FILING_ENTITY_MISSING")
        if personal:
            self.individual()
        if entity.emergency_contact.strip():
            kind = _phone_kind(entity.emergency_contact)
            self.value("entity.emergency_contact", kind, entity.emergency_contact, missing=None)

    def uscc(self, number: str) -> None:
        if self.type and self.type.uscc_categories and not number.startswith(self.type.uscc_categories):
            category = uscc.get_category(number)
            self.add("entity.document.number", "FILING_USCC_CATEGORY", prefix=number[:2],
                     category=_names(category, number[:2]),
                     entity=_names(self.type))
        region = number[2:8]
        if self.province and region != uscc.NATIONAL_REGION and region[:2] != self.province \
                and _tables.province(region) is not None:
            self.add("entity.province", "FILING_PROVINCE_MISMATCH", region=region,
                     region_province=_names(_tables.province(region)),
                     province=self.province_names)

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
                    self.add(where, "FILING_DOMAIN_DUPLICATE", domain=domain.to_unicode(registered),
                             first=seen[registered])
                else:
                    seen[registered] = where
            self.person(f"{path}.pic", site.pic, "FILING_WEBSITE_MISSING")
            self.content(path, site)

    def content(self, path: str, site: Website) -> None:
        """Each content category that needs approval, named with the department that grants it."""
        categories = content_categories()
        for j, key in enumerate(site.content):
            where = f"{path}.content[{j}]"
            category = categories.get(key)
            if category is None:
                self.add(where, "FILING_CONTENT_UNKNOWN", given=key, known=known_names("content"))
            else:
                self.add(where, "FILING_APPROVAL_NEEDED", topic={"en": category.name_en, "zh": category.name_zh},
                         department={"en": category.department_en, "zh": category.department_zh})

    def materials(self) -> None:
        """Each material of the entity type's checklist not ticked as ready, and each ticked key not on it."""
        ticked = self.filing.materials
        if ticked is None or self.type is None:
            return
        items = materials.checklist(self.type.key)
        keys = [material.key for material in items]
        for j, key in enumerate(ticked):
            if key and key not in keys:
                self.add(f"materials[{j}]", "MATERIAL_UNKNOWN", given=key, entity=_names(self.type),
                         known={"en": ", ".join(keys), "zh": "；".join(material.name_zh for material in items)})
        for material in items:
            if material.key not in ticked:
                names = {"en": material.name_en, "zh": material.name_zh}
                note = {"en": material.note_en, "zh": material.note_zh}
                if material.condition == "when":
                    self.add(f"materials.{material.key}", "MATERIAL_IF_NEEDED", material=names, when=note)
                else:
                    self.add(f"materials.{material.key}", "MATERIAL_NOT_READY", material=names, note=note)

    def phones(self) -> None:
        """One number, one person; the emergency contact is someone else (icp-rules.md §4)."""
        people = [("entity.pic", self.filing.entity.pic)] + [
            (f"websites[{i}].pic", site.pic) for i, site in enumerate(self.filing.websites)]
        owners: dict[str, tuple[str, Person]] = {}
        for path, person in people:
            number = self.normalized.get(f"{path}.mobile")
            if number is None:
                continue
            if number in owners and not _same_person(owners[number][1], person):
                self.add(f"{path}.mobile", "FILING_PHONE_SHARED", first=f"{owners[number][0]}.mobile")
            owners.setdefault(number, (path, person))
        emergency = self.normalized.get("entity.emergency_contact")
        if emergency in owners:
            self.add("entity.emergency_contact", "FILING_EMERGENCY_SAME", first=f"{owners[emergency][0]}.mobile")

    def run(self) -> list[Located]:
        self.entity()
        self.websites()
        self.phones()
        self.materials()
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
    return {"en": record.name_en, "zh": record.name_zh} if record else {"en": fallback, "zh": fallback}


@functools.cache
def _province_of_area(area: _tables.AreaCode) -> str | None:
    """The province of a landline area code, from its place name ("广东省深圳市" → "44")."""
    return next((code for code, region in _tables.provinces().items()
                 if area.place_zh.startswith(region.name_zh)), None)


def check(filing: Filing, *, today: datetime.date | None = None) -> list[Located]:
    """Every finding of a filing, field by field and across fields, in form order."""
    return _Check(filing, today).run()


def check_data(data: Any, *, today: datetime.date | None = None) -> list[Located]:
    """Read plain data and check the filing in it; what did not fit the shape comes first."""
    filing, problems = read(data)
    return problems + check(filing, today=today)


def materials_ready(filing: Filing) -> dict[str, int] | None:
    """``{"ready": n, "total": m}``: how many materials of the entity type's checklist are ticked as ready, of how
    many; None when the filing does not use the checklist. An unknown entity type has an empty checklist (0 of 0).

    >>> materials_ready(Filing(Entity(type="individual"), materials=("domain-certificate", "passport")))
    {'ready': 1, 'total': 5}
    >>> materials_ready(Filing(Entity(type="individual"))) is None
    True
    """
    if filing.materials is None:
        return None
    keys = [material.key for material in materials.checklist(filing.entity.type)]
    return {"ready": len(set(filing.materials) & set(keys)), "total": len(keys)}


def report(data: Any, *, lang: str = "en", today: datetime.date | None = None,
           problems: Sequence[Located] = ()) -> dict[str, Any]:
    """A filing's findings as plain data in one language, with counts per severity and per inspected item;
    `problems` are found outside the data and come first (a CSV row's cell outside the columns, `filing_io`).

    When the filing uses the materials checklist (it has the key ``materials``), the report also has
    ``"materials": {"ready": n, "total": m}`` (see `materials_ready`); otherwise it has no such key.
    """
    if lang not in catalogue.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(catalogue.LANGUAGES)}")
    filing, shape = read(data)
    findings = [located_to_dict(located, lang) for located in [*problems, *shape, *check(filing, today=today)]]
    counts = {severity: sum(f["severity"] == severity for f in findings) for severity in catalogue.SEVERITIES}
    result = {"ok": counts["error"] == 0, "counts": counts,
              "items": {str(item): sum(f["item"] == item for f in findings) for item in catalogue.ITEMS},
              "findings": findings}
    ready = materials_ready(filing)
    if ready is not None:
        result["materials"] = ready
    return result


def located_to_dict(located: Located, lang: str) -> dict[str, Any]:
    entry = catalogue.entry(located.finding.code)
    return {"code": entry.code, "severity": entry.severity, "item": entry.item, "field": located.field,
            "message": located.finding.message[lang], "fix": entry.fix[lang],
            "page": catalogue.page_url(entry.code, lang)}


def example() -> dict[str, Any]:
    """A genuine-looking enterprise filing with two websites (numbers built by the official algorithms)."""
    pic = {"name": "张三", "document": {"type": "resident-id", "number": "440305199001010018"},
           "mobile": "13800138000", "landline": "0755-86013388", "email": "zhangsan@example.com"}
    def web_pic() -> dict[str, Any]:
        return {"name": "李四", "document": {"type": "resident-id", "number": "440305199202020028"},
                "mobile": "13912345678", "landline": "", "email": "lisi@example.com"}

    return {"entity": {"type": "enterprise", "name": "深圳市示例科技有限公司", "province": "广东省",
                       "document": {"type": "uscc", "number": "91440300MA5DA1B21A"},
                       "pic": pic, "emergency_contact": "13700137000"},
            "websites": [{"name": "示例科技官网", "domains": ["example.com"], "pic": web_pic(), "content": []},
                         {"name": "示例科技文档中心", "domains": ["example.cn"], "pic": web_pic(), "content": []}]}
