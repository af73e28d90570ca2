"""What a validator raises when a value is wrong, and what it reports when a value is only doubtful.

    ValidationError (ValueError)      the value cannot be genuine
     +-- InvalidLength                wrong number of characters
     +-- InvalidFormat                a character or a layout that the standard does not allow
     +-- InvalidChecksum              the check character does not match
     +-- InvalidComponent             a part of it is impossible (a date, a province code)

Each error has a stable `code` (such as ``RIC_CHECKSUM``) and a message in English and Chinese. A doubt that
a genuine value could still have (an unknown county code, a legacy number) is not an error: validators report
it as a `Finding` with severity ``warning`` or ``info``, because rejecting a genuine number is far worse than
missing a false one.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ValidationError(ValueError):
    """The value cannot be genuine."""

    code = "INVALID"
    message = {"en": "This value is not valid.", "zh": "该值无效。"}

    def __init__(self, code: str | None = None, en: str | None = None, zh: str | None = None) -> None:
        if code:
            self.code = code
        self.message = {"en": en or type(self).message["en"], "zh": zh or type(self).message["zh"]}
        super().__init__(self.message["en"])


class InvalidLength(ValidationError):
    code = "INVALID_LENGTH"
    message = {"en": "The value has the wrong number of characters.", "zh": "位数不正确。"}


class InvalidFormat(ValidationError):
    code = "INVALID_FORMAT"
    message = {"en": "The value contains characters that are not allowed here.", "zh": "含有不允许的字符。"}


class InvalidChecksum(ValidationError):
    code = "INVALID_CHECKSUM"
    message = {"en": "The check character does not match: a character is probably mistyped.",
               "zh": "校验位不匹配，可能有字符输错。"}


class InvalidComponent(ValidationError):
    code = "INVALID_COMPONENT"
    message = {"en": "A part of the value is impossible.", "zh": "其中某一部分不可能成立。"}


@dataclass(frozen=True)
class Finding:
    """Something to double-check about a value that may still be genuine."""

    code: str
    severity: str  # "warning" or "info"
    message: dict[str, str] = field(compare=False)

    def __post_init__(self) -> None:
        if self.severity not in ("warning", "info"):
            raise ValueError(f"a finding is a warning or info, not {self.severity!r}")
        if set(self.message) != {"en", "zh"}:
            raise ValueError(f"finding {self.code} needs a message in en and zh")
