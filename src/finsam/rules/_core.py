"""Findings, tolerances and the registry of checks."""

from __future__ import annotations

import enum
import fnmatch
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from finsam.money import Amount

__all__ = [
    "CHECKS",
    "Check",
    "CheckFunction",
    "Context",
    "Finding",
    "Registry",
    "Severity",
    "Tolerance",
    "run_checks",
]


class Severity(enum.Enum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """One problem found in a report, plan or förbund.

    Attributes:
        code: Stable identifier, e.g. ``FS-ACC-001``; its prefix names the family.
        severity: Error, warning or info.
        message: Plain language, with the numbers involved in Swedish format.
        path: Where in the object (and its data file) the problem is, e.g.
            ``statements[3].lines[13].values[0]``.
        reference: What the rule rests on: a law section, an LKBR chapter, the förbund's
            own indicator, or "consistency".
        source: The file the object was loaded from, when known.
    """

    code: str
    severity: Severity
    message: str
    path: str
    reference: str
    source: str | None = None

    @property
    def family(self) -> str:
        """The family of the check that found it (law, accounting, policy, consistency)."""
        return _FAMILIES.get(self.code.split("-")[1], "other") if "-" in self.code else "other"

    def line(self) -> str:
        """``source: path: CODE severity: message``, one line as ``finsam check`` prints."""
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.path}: {self.code} {self.severity.value}: {self.message}"

    def record(self) -> dict[str, str | None]:
        """A plain dict for JSON and pandas."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "family": self.family,
            "message": self.message,
            "path": self.path,
            "reference": self.reference,
            "source": self.source,
        }


_FAMILIES = {"LAW": "law", "ACC": "accounting", "POL": "policy", "CON": "consistency"}


@attrs.frozen
class Tolerance:
    """How far a printed figure may be from the computed one before it is a finding.

    Published tables round every line on its own, so a total of *n* printed lines can
    differ from the sum of those lines by up to about *n*/2 units without any error. A
    difference is accepted when it is at most ``absolute + per_line × n`` printed units
    (kr in a kr table, tkr in a tkr table), where *n* is the number of printed figures
    involved.

    Attributes:
        absolute: Allowed difference regardless of size, in printed units (default 1).
        per_line: Allowed difference per rounded figure involved (default 0.5).

    Example:
        >>> Tolerance().allowed(13)
        Decimal('7.5')
        >>> Tolerance(absolute=Decimal(0), per_line=Decimal(0)).allowed(13)
        Decimal('0')
    """

    absolute: Decimal = Decimal(1)
    per_line: Decimal = Decimal("0.5")

    def allowed(self, figures: int) -> Decimal:
        """The accepted difference, in printed units, for `figures` rounded figures."""
        return self.absolute + self.per_line * figures

    def accepts(self, difference: Amount, unit: Amount, figures: int) -> bool:
        """Whether `difference` is within tolerance for a table printed in `unit`."""
        return Decimal(abs(difference.ore)) <= self.allowed(figures) * unit.ore


@attrs.frozen
class Context:
    """What a check gets: the object under check and the settings of the run.

    Attributes:
        subject: The report, plan or förbund being checked.
        tolerance: Rounding tolerance for printed figures.
        source: The file the subject was loaded from, if any.
    """

    subject: Any
    tolerance: Tolerance = Tolerance()
    source: str | None = None


CheckFunction: TypeAlias = Callable[[Context], Iterable[Finding]]


@attrs.frozen
class Check:
    """A registered check: a plain function from a `Context` to findings.

    Attributes:
        code: The stable code of the findings it makes.
        family: law, accounting, policy or consistency (or a family of your own).
        title: One line saying what it checks.
        reference: What the rule rests on.
        function: The check itself. It must not raise for a problem in the data.
    """

    code: str
    family: str
    title: str
    reference: str
    function: CheckFunction = attrs.field(eq=False)

    def finding(self, severity: Severity, message: str, path: str, context: Context) -> Finding:
        """A finding of this check."""
        return Finding(self.code, severity, message, path, self.reference, context.source)


class Registry:
    """An ordered set of checks that can be selected by code or family.

    The default registry, `CHECKS`, holds finsam's own checks; add your own with
    `Registry.register`, or build a `Registry` of your own.

    Example:
        >>> registry = Registry()
        >>> @registry.register("MY-001", "mine", "reports have a title", "house rule")
        ... def has_title(context):
        ...     if not context.subject.title:
        ...         yield registry["MY-001"].finding(Severity.WARNING, "no title", "title", context)
        >>> registry.codes()
        ['MY-001']
    """

    def __init__(self, checks: Iterable[Check] = ()) -> None:
        self._checks: dict[str, Check] = {}
        for check in checks:
            self.add(check)

    def add(self, check: Check) -> None:
        """Add a check; its code must be new."""
        if check.code in self._checks:
            raise ValueError(f"a check with code {check.code!r} is already registered")
        self._checks[check.code] = check

    def register(
        self, code: str, family: str, title: str, reference: str
    ) -> Callable[[CheckFunction], CheckFunction]:
        """Decorator registering a check function under `code`."""

        def decorate(function: CheckFunction) -> CheckFunction:
            self.add(Check(code, family, title, reference, function))
            return function

        return decorate

    def __getitem__(self, code: str) -> Check:
        return self._checks[code]

    def __iter__(self) -> Iterator[Check]:
        return iter(self._checks.values())

    def __len__(self) -> int:
        return len(self._checks)

    def codes(self) -> list[str]:
        """Every registered code, in registration order."""
        return list(self._checks)

    def select(
        self, select: Sequence[str] | None = None, ignore: Sequence[str] = ()
    ) -> list[Check]:
        """The checks matching `select` (all when None) and none of `ignore`.

        Each pattern is a code (``FS-ACC-001``), a code prefix (``FS-ACC``), a family
        (``accounting``) or a shell-style pattern (``FS-*-00?``).
        """
        for pattern in [*(select or ()), *ignore]:
            if not any(_matches(check, pattern) for check in self):
                raise ValueError(f"no check matches {pattern!r}; codes are {self.codes()}")
        return [
            check
            for check in self
            if (select is None or any(_matches(check, p) for p in select))
            and not any(_matches(check, p) for p in ignore)
        ]


def _matches(check: Check, pattern: str) -> bool:
    return (
        check.family == pattern.lower()
        or check.code == pattern
        or check.code.startswith(pattern.rstrip("-") + "-")
        or fnmatch.fnmatchcase(check.code, pattern)
    )


CHECKS = Registry()


def _refuse_unknown_subject(subject: object) -> None:
    from finsam.forbund import Forbund
    from finsam.reports import AnnualReport, InterimReport, Plan

    if isinstance(subject, InterimReport | AnnualReport | Plan | Forbund):
        return
    hint = ""
    if isinstance(subject, str):
        hint = f"; to check a bundled dataset or a file: check(load_report({subject!r}))"
    raise TypeError(
        f"check() takes an interim report, annual report, plan or förbund, "
        f"not {type(subject).__name__}{hint}"
    )


def _patterns(name: str, patterns: str | Sequence[str] | None) -> list[str] | None:
    """Patterns as a list: a single string is one pattern or a comma-separated list."""
    if patterns is None:
        return None
    if isinstance(patterns, str):
        patterns = patterns.split(",")
    elif not isinstance(patterns, Sequence | set | frozenset):
        raise TypeError(f"{name}: expected a list of patterns, got {type(patterns).__name__}")
    result = []
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise TypeError(f"{name}: expected patterns as str, got {type(pattern).__name__}")
        if pattern.strip():
            result.append(pattern.strip())
    return result


def run_checks(
    subject: Any,
    *,
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] = (),
    tolerance: Tolerance | None = None,
    source: str | None = None,
    registry: Registry | None = None,
) -> list[Finding]:
    """Run the selected checks over `subject` and return every finding, in check order.

    Args:
        subject: An interim report, annual report, plan or förbund (as loaded or built).
        select: Only the checks matching these patterns (see `Registry.select`); a single
            string is one pattern or a comma-separated list of them. None selects all.
        ignore: Skip the checks matching these patterns.
        tolerance: Rounding tolerance for printed figures.
        source: The file the subject came from, shown with each finding.
        registry: The checks to choose from (finsam's own by default).

    Raises:
        TypeError: when `subject` is not something finsam can check (a name, a dict, None:
            load it first with `finsam.load_report`).
        ValueError: when a pattern matches no check, or `select` selects nothing.

    A check that fails with an exception (a bug in the check, not in the data) becomes an
    error finding with code ``FS-INTERNAL`` rather than stopping the run.
    """
    _refuse_unknown_subject(subject)
    select = _patterns("select", select)
    ignore = _patterns("ignore", ignore) or ()
    if select is not None and not select:
        raise ValueError("select selects no check; give codes, prefixes or families, or None")
    registry = CHECKS if registry is None else registry
    context = Context(subject, tolerance or Tolerance(), source)
    findings: list[Finding] = []
    for check in registry.select(select, ignore):
        try:
            findings.extend(check.function(context))
        except Exception as error:
            findings.append(
                Finding(
                    "FS-INTERNAL",
                    Severity.ERROR,
                    f"check {check.code} failed: {type(error).__name__}: {error}",
                    "",
                    "finsam",
                    source,
                )
            )
    return findings
