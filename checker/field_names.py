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
"""

from __future__ import annotations

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
    "websites": "websites",
}
_INDEX = re.compile(r"\[(\d+)\]")


def name(path: str) -> dict[str, str]:
    """The field at `path` in English and Chinese; the path itself when it is not a field of a filing."""
    numbers = [int(index) + 1 for index in _INDEX.findall(path)]
    shape = _INDEX.sub("[]", path)
    values = {"n": numbers[0] if numbers else "", "m": numbers[-1] if numbers else ""}
    if shape and _OWNERS.get(shape):
        return words.text("fields", f"owners.{_OWNERS[shape]}", **values)
    for prefix, owner_word in sorted(_OWNERS.items(), key=lambda item: -len(item[0])):
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
