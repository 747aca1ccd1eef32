"""Rule checks: plain functions from a report, plan or förbund to the problems they see.

Checks never raise for a problem in the data; the run returns `Finding` values, one per
problem (findings that share a cause are merged; see `finsam.rules._grouping`). Four
families ship with finsam, each a plain list of checks: ``law`` (lag 2003:1210,
`finsam.rules.law.LAW_CHECKS`), ``accounting`` (LKBR), ``policy`` (the förbund's own
figures) and ``consistency``; `CHECKS` holds them all. Every comparison of printed figures
uses one rounding model and one materiality (`Settings`).

>>> from finsam import check, load_report
>>> findings = check(load_report("gavleborg-2019-h1"), select=["FS-ACC"], lang="en")
>>> first = findings[0]  # one misprint: a wrong total in 3.1 and its note 1 disagree
>>> first.code, first.severity.value, len(first.places), first.also[0][:10]
('FS-ACC-001', 'error', 3, 'FS-ACC-004')
"""

from finsam.rules._core import (
    CHECKS,
    Candidate,
    Check,
    CheckFunction,
    Context,
    Finding,
    Place,
    Registry,
    Suspect,
    Tolerance,
    run_checks,
)
from finsam.rules._settings import Materiality, Rounding, Settings, Severity
from finsam.rules.accounting import ACCOUNTING_CHECKS
from finsam.rules.consistency import CONSISTENCY_CHECKS
from finsam.rules.law import LAW_CHECKS
from finsam.rules.policy import POLICY_CHECKS

for _check in [*LAW_CHECKS, *ACCOUNTING_CHECKS, *POLICY_CHECKS, *CONSISTENCY_CHECKS]:
    CHECKS.add(_check)
del _check

#: Shorter name for `run_checks`.
check = run_checks

__all__ = [
    "ACCOUNTING_CHECKS",
    "CHECKS",
    "CONSISTENCY_CHECKS",
    "LAW_CHECKS",
    "POLICY_CHECKS",
    "Candidate",
    "Check",
    "CheckFunction",
    "Context",
    "Finding",
    "Materiality",
    "Place",
    "Registry",
    "Rounding",
    "Settings",
    "Severity",
    "Suspect",
    "Tolerance",
    "check",
    "run_checks",
]
