"""ICP filing rules engine: checks the fields of an ICP filing, offline.

Standard library only, so the same code runs under CPython 3.11+ and in the browser (Pyodide). One module
per kind of number, each with the same face: `compact()` normalises what a person typed, `validate()` returns
the normalised value or raises a `checker.exceptions.ValidationError`, `is_valid()` answers yes or no,
`format()` prints the usual form, and `check()` also returns the doubts (warnings) a genuine value may carry.

- `checker.resident_id`: Resident Identity Card (GB 11643)
- `checker.hmt_permit`: residence permits of Hong Kong, Macau and Taiwan residents
- `checker.uscc`: Unified Social Credit Code (GB 32100)
- `checker.org_code`: organization code (GB 11714)
- `checker.business_reg_no`: legacy business registration number
- `checker.foreign_prid`: Foreigner's Permanent Residence ID card (2023 and older cards)
- `checker.passport`: passports and travel permits (layout only, warnings only)
- `checker.mobile`: mainland mobile numbers (segments: voice, data-only, virtual operators)
- `checker.landline`: mainland landline numbers (area codes and their local-number lengths)
- `checker.email`: e-mail addresses of the persons in charge
- `checker.domain`: domains to file (the registered domain, Chinese domains, the filing suffix list)
- `checker.website_name`: website names (the reviewers' rules; wording that needs approval)

Whole filings: `checker.filing` (the model, cross-field checks, `report()`), `checker.filing_io` (JSON, JSON
Lines, CSV), `checker.materials` (the verification materials each entity type needs), `checker.field_names`
(a field's path in words, both languages), `checker.catalogue` (every finding's wording). The access check
(inspected item 4): `checker.access`, which says which DNS lookups it needs and judges their answers, doing no I/O
itself (the CLI and the browser fetch them).

Reference tables (checker/data/) are read on first use, never at import.
"""

__version__ = "0.1.0"
