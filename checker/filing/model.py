"""The filing as the checker holds it: plain NamedTuples, filled by `checker.filing.reader`, read by the rules.

The documents a filing may name, and the kind of value (`checker.fields`) that checks each number, are here too:
the reader, the rules and the self-check's form all take them from one place.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from checker import passport
from checker.exceptions import Finding

# Documents a filing may name, and the kind of value that checks each number.
UNIT_DOCUMENTS = {"uscc": "uscc", "org-code": "org-code", "business-reg-no": "business-reg-no"}
PERSON_DOCUMENTS = {
    "resident-id": "resident-id",
    "hmt-permit": "hmt-permit",
    "foreign-prid": "foreign-prid",
    **{document: "passport" for document in passport.DOCUMENTS},
}
DOCUMENTS = {**UNIT_DOCUMENTS, **PERSON_DOCUMENTS}


class Document(NamedTuple):
    type: str = ""
    number: str = ""
    expires: str = ""  # a person's ID: its last day of validity as typed ("2031-05-01", "长期"), "" not given


class Person(NamedTuple):
    name: str = ""
    document: Document = Document()
    mobile: str = ""
    landline: str = ""
    email: str = ""
    legal_representative: str = ""  # "yes", "no", or "" not answered: whether this is the unit's 法定代表人


class Entity(NamedTuple):
    type: str = ""
    name: str = ""
    province: str = ""
    document: Document = Document()
    pic: Person = Person()
    emergency_contact: str = ""
    icp_number: str = ""  # the entity's filing number (主体备案号, 粤ICP备12345678号) once filed


class Website(NamedTuple):
    name: str = ""
    domains: tuple[str, ...] = ()
    pic: Person = Person()
    content: tuple[
        str, ...
    ] = ()  # content categories of pre-approval, live or abolished (keys of content_categories())
    icp_number: str = ""  # the website's filing number (网站备案号, 粤ICP备12345678号-1) once filed


class Filing(NamedTuple):
    entity: Entity = Entity()
    websites: tuple[Website, ...] = ()
    materials: tuple[str, ...] | None = None  # keys of the materials ready; None: the checklist is not in use


class Located(NamedTuple):
    """A finding and the field it is about (``entity.pic.mobile``, ``websites[1].domains[0]``)."""

    field: str
    finding: Finding

    def to_data(self, lang: str) -> dict[str, Any]:
        """As plain data in one language (`Finding.to_data`)."""
        return self.finding.to_data(lang, self.field)
