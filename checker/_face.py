"""What every validator module shares beyond its own rules."""

from __future__ import annotations

from typing import Callable

from checker.exceptions import ValidationError


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
