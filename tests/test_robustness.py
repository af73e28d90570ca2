"""Every validator meets junk with a clean ValidationError: never a crash, never another exception."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import (
    business_reg_no,
    domain,
    email,
    foreign_prid,
    hmt_permit,
    icp_number,
    landline,
    mobile,
    org_code,
    passport,
    psb_number,
    resident_id,
    uscc,
    website_name,
)
from checker._face import Context
from checker.exceptions import ValidationError
from examples import EXAMPLES, EXAMPLES_SLOW

MODULES = [
    org_code,
    uscc,
    business_reg_no,
    resident_id,
    hmt_permit,
    foreign_prid,
    passport,
    mobile,
    landline,
    email,
    domain,
    website_name,
    icp_number,
    psb_number,
]
JUNK = [None, "", " ", "€", "😀" * 18, "\x00" * 18, "1" * 1_000_000, 12345, b"91110000600037341L", ["x"], "-" * 18]
# Plausible as a foreign passport number (or a domain label, or a name), but no number with a check character.
UNCHECKED = ["X" * 18, "１" * 18]


@pytest.mark.parametrize(
    "module, junk",
    [(m, junk) for m in MODULES for junk in JUNK]
    + [(m, junk) for m in MODULES if m not in (passport, domain, website_name) for junk in UNCHECKED],
    ids=lambda value: value.__name__ if hasattr(value, "__name__") else repr(value)[:30],
)
def test_junk_is_invalid(module, junk):
    with pytest.raises(ValidationError):
        module.validate(junk)
    assert module.is_valid(junk) is False


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_any_text_is_valid_or_a_validation_error(module):
    @settings(max_examples=EXAMPLES, deadline=None)
    @given(st.text(max_size=40))
    def run(text):
        try:
            module.validate(text)
        except ValidationError as error:
            assert error.message["en"] and error.message["zh"] and error.code

    run()


def _check(module, text):
    # Every kind has the same face: one context carries what any of them reads.
    return module.check(text, context=Context("mainland-passport", entity_type="individual"))


@pytest.mark.parametrize("module", [m for m in MODULES if hasattr(m, "check")], ids=lambda m: m.__name__)
def test_every_finding_of_any_text_has_its_wording(module):
    # A finding carries a code and the values its message needs: a missing value would only show here.
    @settings(max_examples=EXAMPLES_SLOW, deadline=None)
    @given(st.text(max_size=40))
    def run(text):
        try:
            _, findings = _check(module, text)
        except ValidationError:
            return
        for finding in findings:
            assert finding.severity in ("warning", "info")
            assert finding.message["en"] and finding.message["zh"]

    run()
