"""What a validator raises when a value is wrong, and what it reports when a value is only doubtful.

    ValidationError (ValueError)      the value cannot be genuine
     +-- InvalidLength                wrong number of characters
     +-- InvalidFormat                a character or a layout that the standard does not allow
     +-- InvalidChecksum              the check character does not match
     +-- InvalidComponent             a part of it is impossible (a date, a province code)

Each error and each finding has a stable `code` (such as ``RIC_CHECKSUM``); its wording — message and fix in
English and Chinese, the inspected item and the knowledge-base page — lives in one catalogue,
`checker.catalogue` (checker/data/findings.toml). The code carries only the values the message needs. A doubt
that a genuine value could still have (an unknown county code, a legacy number) is not an error: validators
report it as a `Finding`, because rejecting a genuine number is far worse than missing a false one.

>>> str(InvalidChecksum("RIC_CHECKSUM"))
'The check character does not match: a character is probably mistyped.'
>>> Finding("RIC_UNDER_18", age=16).message["zh"]
'证件持有人16岁，接入商一般要求负责人已成年。'
"""

from __future__ import annotations

from typing import Any

from checker import catalogue


class ValidationError(ValueError):
    """The value cannot be genuine."""

    code = "INVALID_VALUE"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        if code:
            self.code = code
        self.params = params
        super().__init__(self.code)

    @property
    def message(self) -> dict[str, str]:
        return catalogue.message(self.code, self.params)

    def __str__(self) -> str:
        return self.message["en"]


class InvalidLength(ValidationError):
    code = "INVALID_LENGTH"


class InvalidFormat(ValidationError):
    code = "INVALID_FORMAT"


class InvalidChecksum(ValidationError):
    code = "INVALID_CHECKSUM"


class InvalidComponent(ValidationError):
    code = "INVALID_COMPONENT"


class Finding:
    """Something to report about a value: a code from the catalogue and the values its message needs.

    Its severity (``error``, ``warning`` or ``info``), item, page and wording come from the catalogue, so a
    finding cannot say one thing in English and another in Chinese. Its values are data, worded when the message
    is rendered: a value per language gives each language its own, and another field's path, given as a
    `checker.field_names.FieldPath`, is named in the message's language, never shown raw.
    """

    __slots__ = ("code", "params")

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params

    @property
    def severity(self) -> str:
        return catalogue.entry(self.code).severity

    @property
    def message(self) -> dict[str, str]:
        return catalogue.message(self.code, self.params)

    def to_data(self, lang: str, field: str) -> dict[str, Any]:
        """The finding as plain data in one language, about `field` (a path such as ``entity.pic.mobile``, or a
        kind): the one shape every door shows (the CLI, the self-check page, the access check). ``page`` is the
        address of the page that explains it, relative to the site's root."""
        entry = catalogue.entry(self.code)
        return {
            "code": entry.code,
            "severity": entry.severity,
            "item": entry.item,
            "field": field,
            "message": self.message[lang],
            "fix": entry.fix[lang],
            "page": catalogue.site_path(entry.page, lang),
        }

    @classmethod
    def of(cls, error: ValidationError) -> Finding:
        """The finding that reports an error."""
        return cls(error.code, **error.params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and (self.code, self.params) == (other.code, other.params)

    def __hash__(self) -> int:
        return hash(self.code)

    def __repr__(self) -> str:
        return f"Finding({self.code!r}{''.join(f', {k}={v!r}' for k, v in self.params.items())})"
