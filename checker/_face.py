"""What every validator module shares beyond its own rules: the context a check reads, and `is_valid`."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import NamedTuple

from checker.exceptions import ValidationError

PASSPORT_DEFAULT = "foreign-passport"  # the one layout every document number may take


class Context(NamedTuple):
    """What a kind's `check(value, *, context)` may need beyond the value itself. Every kind takes it, so a caller
    (the registry in `checker.fields`, the filing's rules) calls every kind the same way; each reads what it uses."""

    document: str = PASSPORT_DEFAULT  # which passport or permit a ``passport`` number is from
    today: datetime.date | None = None  # the date the ID checks count ages from (None: the real today)
    entity_type: str | None = None  # whose website a ``website-name`` names


NO_CONTEXT = Context()


def yes_or_no(validate: Callable[[str], str]) -> Callable[[str], bool]:
    """The module's `is_valid()`: its `validate()` as a yes-or-no answer."""

    def is_valid(number: str) -> bool:
        """Whether the number is valid (doubts reported by `check()` do not make it invalid)."""
        try:
            validate(number)
        except ValidationError:
            return False
        return True

    return is_valid
