"""Rule checks: plain functions from a report, plan or förbund to a list of findings.

Checks never raise for a problem in the data; they return `Finding` values. Four
families ship with finsam — ``law`` (lag 2003:1210), ``accounting`` (LKBR), ``policy``
(the förbund's own figures) and ``consistency`` — registered in `CHECKS`.

>>> findings = check(load_report("gavleborg-2019-h1"), select=["FS-ACC-004"])
>>> findings[0].code, findings[0].path
('FS-ACC-004', 'statements[3].lines[13].values[0]')
>>> print(findings[0].message)
Not 1. Verksamhetens intäkter totals 6 659 750 kr (2019-06-30), but 3.1 Resultaträkning states
6 659 748 kr for 'Verksamhetens intäkter'
"""

from finsam.rules import accounting, consistency, law, policy
from finsam.rules._core import (
    CHECKS,
    Check,
    CheckFunction,
    Context,
    Finding,
    Registry,
    Severity,
    Tolerance,
    run_checks,
)

#: Shorter name for `run_checks`.
check = run_checks

__all__ = [
    "CHECKS",
    "Check",
    "CheckFunction",
    "Context",
    "Finding",
    "Registry",
    "Severity",
    "Tolerance",
    "check",
    "run_checks",
]

del accounting, consistency, law, policy
