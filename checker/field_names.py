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

# Who a field belongs to, by the path before the field's own key. `{n}` is the website's number, from 1.
_OWNERS = {
    "entity": ("the entity", "备案主体的"),
    "entity.pic": ("the entity's person in charge", "主体负责人的"),
    "websites[]": ("website {n}", "网站{n}的"),
    "websites[].pic": ("the person in charge of website {n}", "网站{n}负责人的"),
    "": ("the filing", ""),
}
# A field's own name; a person's name differs from an entity's or a website's in Chinese.
_FIELDS = {
    "type": ("the type", "性质"),
    "name": ("the name", "名称"),
    "province": ("the province", "所在省份"),
    "document": ("the document", "证件"),
    "document.type": ("the document type", "证件类型"),
    "document.number": ("the document number", "证件号码"),
    "emergency_contact": ("the emergency contact number", "应急联系电话"),
    "mobile": ("the mobile number", "手机号码"),
    "landline": ("the landline", "固定电话"),
    "email": ("the email address", "电子邮箱"),
    "domains": ("the domain names", "域名"),
    "domains[]": ("domain {m}", "第{m}个域名"),
    "content": ("the content categories", "前置审批内容"),
    "content[]": ("content category {m}", "第{m}项前置审批内容"),
    "materials": ("the materials checklist", "材料清单"),
    "websites": ("the websites", "网站"),
}
_PERSON_NAME = ("the name", "姓名")
_INDEX = re.compile(r"\[(\d+)\]")


def name(path: str) -> dict[str, str]:
    """The field at `path` in English and Chinese; the path itself when it is not a field of a filing."""
    numbers = [int(index) + 1 for index in _INDEX.findall(path)]
    shape = _INDEX.sub("[]", path)
    values = {"n": numbers[0] if numbers else "", "m": numbers[-1] if numbers else ""}
    if shape in _OWNERS and shape:
        en, zh = _OWNERS[shape]
        return {"en": en.format(**values), "zh": zh.removesuffix("的").format(**values)}
    for owner, (owner_en, owner_zh) in sorted(_OWNERS.items(), key=lambda item: -len(item[0])):
        if owner and not shape.startswith(owner + "."):
            continue
        key = shape[len(owner) + 1:] if owner else shape
        if key not in _FIELDS:
            continue
        en, zh = _PERSON_NAME if key == "name" and owner.endswith("pic") else _FIELDS[key]
        if owner:
            en, zh = f"{en} of {owner_en}", owner_zh + zh
        return {"en": en.format(**values), "zh": zh.format(**values)}
    return {"en": path, "zh": path}
