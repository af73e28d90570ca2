"""Plain data (JSON, a CSV row, the page's form) → the filing model, leniently: a field of the wrong type or an
unknown key is reported as a finding, never raised, so one bad filing in a batch loses nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from checker import words
from checker._text import find_hidden, hidden_character_params, quoted, without_hidden
from checker.exceptions import Finding
from checker.field_names import FieldPath
from checker.filing.choices import _folded, key_of, yes_or_no
from checker.filing.model import Document, Entity, Filing, Located, Person, Website

# Far above any real filing; it bounds the work and the report when a whole document is pasted into a field.
LIST_LIMIT = 100
# What separates several values typed into one field (domains, content categories, materials): any whitespace
# (what str.split splits on, the ideographic space U+3000 too), "," and ";", their full-width forms "，" "；" and
# the enumeration comma "、". One rule for the plain data, a CSV cell and the self-check page, which sends a
# domains box's raw text for Python to split (checker.filing.page).
SEPARATORS = r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000,;，；、]"
_SEPARATED = re.compile(SEPARATORS + "+")


class _Reader:
    """Turns plain data into the model, noting (never raising) what does not fit."""

    def __init__(self) -> None:
        self.problems: list[Located] = []

    def mapping(self, value: Any, path: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            field = FieldPath(path) if path else words.text("report", "filing.whole")  # the whole filing: ""
            self.problems.append(Located(path, Finding("FILING_NOT_AN_OBJECT", field=field)))
            return {}
        for key in value:
            if key not in keys:
                self.problems.append(
                    Located(
                        f"{path}.{key}" if path else str(key),
                        Finding("FILING_UNKNOWN_KEY", key=quoted(str(key)), known=", ".join(keys)),
                    )
                )
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
            self.problems.append(Located(where, Finding("FILING_NOT_TEXT", field=FieldPath(where))))
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
        self.problems.append(
            Located(where, Finding("INVALID_HIDDEN_CHARACTER", **hidden_character_params(value, index)))
        )
        return without_hidden(value)

    def document(self, value: Any, path: str) -> Document:
        data = self.mapping(value, path, ("type", "number", "expires"))
        kind, number = self.choice(data, "type", path, "document"), self.text(data, "number", path)
        expires = self.text(data, "expires", path)
        if (
            kind == "uscc"
            and re.fullmatch(r"\s*\d{15}\s*", number)
            and _folded(str(data.get("type", ""))) == "营业执照"
        ):
            kind = "business-reg-no"  # an old licence, from before the USCC (2015): its 15-digit registration number
        return Document(kind, number, expires)

    def person(self, value: Any, path: str) -> Person:
        keys = ("name", "document", "mobile", "landline", "email", "legal_representative")
        data = self.mapping(value, path, keys)
        return Person(
            self.text(data, "name", path),
            self.document(data.get("document"), f"{path}.document"),
            mobile=self.text(data, "mobile", path),
            landline=self.text(data, "landline", path),
            email=self.text(data, "email", path),
            legal_representative=self.answer(data, "legal_representative", path),
        )

    def answer(self, data: Mapping[str, Any], key: str, path: str) -> str:
        """A yes-or-no question: "yes", "no", or "" not answered. JSON's true and false, and the words a form or a
        spreadsheet uses (`choices.yes_or_no`: yes/no, y/n, 1/0, 是/否); anything else is reported and left
        unanswered."""
        value = data.get(key)
        if isinstance(value, bool):
            return "yes" if value else "no"
        text = self.visible(self.text(data, key, path), _join(path, key)).strip()
        answer = yes_or_no(text)
        if answer is None:
            where = _join(path, key)
            self.problems.append(
                Located(where, Finding("FILING_NOT_YES_OR_NO", field=FieldPath(where), given=quoted(text)))
            )
            return ""
        return answer

    def entity(self, value: Any) -> Entity:
        path = "entity"
        keys = ("type", "name", "province", "document", "pic", "emergency_contact", "icp_number")
        data = self.mapping(value, path, keys)
        return Entity(
            self.choice(data, "type", path, "entity"),
            self.text(data, "name", path),
            self.choice(data, "province", path, None),
            self.document(data.get("document"), f"{path}.document"),
            self.person(data.get("pic"), f"{path}.pic"),
            self.text(data, "emergency_contact", path),
            self.text(data, "icp_number", path),
        )

    def website(self, value: Any, path: str) -> Website:
        data = self.mapping(value, path, ("name", "domains", "pic", "content", "icp_number"))
        domains = self.texts(data, "domains", path)
        content = tuple(
            key_of("content", self.visible(category, f"{path}.content[{j}]"))
            for j, category in enumerate(self.texts(data, "content", path))
        )
        pic = self.person(data.get("pic"), f"{path}.pic")
        return Website(self.text(data, "name", path), domains, pic, content, self.text(data, "icp_number", path))

    def texts(self, data: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
        """A list of text; one string with several values (`split_values`) also does."""
        values = data.get(key)
        if values is None:
            return ()
        where = _join(path, key)
        if isinstance(values, str):
            values = split_values(values)
        elif not isinstance(values, list):
            self.problems.append(Located(where, Finding("FILING_NOT_A_LIST", field=FieldPath(where))))
            return ()
        if len(values) > LIST_LIMIT:
            self.problems.append(
                Located(
                    where,
                    Finding("FILING_LIST_TOO_LONG", field=FieldPath(where), count=len(values), limit=LIST_LIMIT),
                )
            )
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
        return tuple(
            key_of("materials", self.visible(key, f"materials[{j}]")) if key else ""
            for j, key in enumerate(self.texts(data, "materials", ""))
        )

    def filing(self, value: Any) -> Filing:
        data = self.mapping(value, "", ("entity", "websites", "materials"))
        websites = data.get("websites") or []
        if not isinstance(websites, list):
            self.problems.append(Located("websites", Finding("FILING_NOT_A_LIST", field=FieldPath("websites"))))
            websites = []
        if len(websites) > LIST_LIMIT:  # a warning: what was not read is not wrong, only unchecked
            self.problems.append(
                Located(
                    "websites",
                    Finding(
                        "FILING_TOO_MANY_WEBSITES",
                        count=len(websites),
                        limit=LIST_LIMIT,
                        ignored=len(websites) - LIST_LIMIT,
                    ),
                )
            )
            websites = websites[:LIST_LIMIT]
        return Filing(
            self.entity(data.get("entity")),
            tuple(self.website(site, f"websites[{i}]") for i, site in enumerate(websites)),
            self.materials(data),
        )


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
