"""A field of a filing named as a filer reads it, from its path in the plain data.

Findings carry the path of the field they are about (``websites[0].pic.mobile``); a program uses the path, a
person needs words: "the mobile number of the person in charge of website 1" / "网站1负责人的手机号码".

>>> name("websites[0].pic.mobile")["en"]
'the mobile number of the person in charge of website 1'
>>> name("websites[0].pic.mobile")["zh"]
'网站1负责人的手机号码'
>>> name("entity.name")["zh"]
'备案主体的名称'
>>> name("no.such.field")
{'en': 'no.such.field', 'zh': 'no.such.field'}

A finding whose message names another field carries its path as a `FieldPath`: the path stays data (a program
reads it as the string it is), and the message names the field in its own language when it is rendered
(`checker.catalogue.message`), never the raw path:

>>> from checker import catalogue
>>> catalogue.message("FILING_PHONE_SHARED", {"first": FieldPath("websites[0].pic.mobile")})["zh"]
'该手机号码与网站1负责人的手机号码相同，但两者是不同的负责人。'
"""

from __future__ import annotations

import functools
import re

from checker import words

# Who a field belongs to, by the path before the field's own key, and the word that names it
# (checker/data/words/fields.toml); "" is the filing itself, whose fields are named alone.
_OWNERS = {
    "entity": "entity",
    "entity.pic": "entity_pic",
    "websites[]": "website",
    "websites[].pic": "website_pic",
    "": None,
}
# A field's own key, and its word; a person's name differs from an entity's or a website's in Chinese.
_FIELDS = {
    "type": "type",
    "name": "name",
    "province": "province",
    "document": "document",
    "document.type": "document_type",
    "document.number": "document_number",
    "emergency_contact": "emergency_contact",
    "mobile": "mobile",
    "landline": "landline",
    "email": "email",
    "domains": "domains",
    "domains[]": "domain",
    "content": "content",
    "content[]": "content_item",
    "materials": "materials",
    "materials[]": "material",
    "websites": "websites",
    "document.expires": "document_expires",
    "legal_representative": "legal_representative",
    "icp_number": "icp_number",
}
# A field named alone, not as its owner's: the entity type is MIIT's 主办单位性质, not "the entity's type".
_ALONE = {"entity.type": "type"}
_INDEX = re.compile(r"\[(\d+)\]")
_LONGEST_OWNER_FIRST = sorted(_OWNERS.items(), key=lambda item: -len(item[0]))


class FieldPath(str):
    """A value of a finding that is the path of a field of the filing (``entity.pic.mobile``): its message names
    the field in the message's language (`name`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"FieldPath({str(self)!r})"


def name(path: str) -> dict[str, str]:
    """The field at `path` in English and Chinese; the path itself when it is not a field of a filing."""
    return dict(_name(path))


# Remembered: a finding that names another field is worded once per language, and a batch names the same few
# fields again and again (paths are shapes and small indices; a key that is no field is bounded by the cache).
@functools.lru_cache(maxsize=4096)
def _name(path: str) -> dict[str, str]:
    numbers = [int(index) + 1 for index in _INDEX.findall(path)]
    shape = _INDEX.sub("[]", path)
    values = {"n": numbers[0] if numbers else "", "m": numbers[-1] if numbers else ""}
    if shape in _ALONE:
        return words.text("fields", f"fields.{_ALONE[shape]}", **values)
    if shape and _OWNERS.get(shape):
        return words.text("fields", f"owners.{_OWNERS[shape]}", **values)
    for prefix, owner_word in _LONGEST_OWNER_FIRST:
        if prefix and not shape.startswith(prefix + "."):
            continue
        key = shape[len(prefix) + 1 :] if prefix else shape
        if key not in _FIELDS:
            continue
        word = "person_name" if key == "name" and prefix.endswith("pic") else _FIELDS[key]
        field = words.text("fields", f"fields.{word}", **values)
        if owner_word is None:
            return field
        owner = words.text("fields", f"owners.{owner_word}", **values)
        return words.text("fields", "joined.field_of", field=field, owner=owner)
    return dict.fromkeys(words.LANGUAGES, path)
