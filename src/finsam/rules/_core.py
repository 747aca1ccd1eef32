"""Findings, checks, the registry, and the run that ties them together.

A check is a plain function from a `Context` to the problems it sees, each a `Candidate`:
a severity, a message, the places it concerns (each path with the figure printed there)
and, where the check can tell, the printed cells involved and the value each would need
for the figures to agree. The run collects the candidates of every selected check and
merges those that share a cause into one `Finding` (see `finsam.rules._grouping`), so one
misprint is one finding that points at every place it shows.
"""

from __future__ import annotations

import fnmatch
import warnings
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from finsam._fields import Model
from finsam._i18n import gettext_, language, using_language
from finsam.money import Amount
from finsam.rules._messages import Message, Num
from finsam.rules._settings import Rounding, Settings, Severity

if TYPE_CHECKING:
    from finsam.rules._analysis import Analysis

__all__ = [
    "CHECKS",
    "Candidate",
    "Check",
    "CheckFunction",
    "Context",
    "Finding",
    "Place",
    "Registry",
    "Severity",
    "Suspect",
    "Tolerance",
    "run_checks",
]


@attrs.frozen(repr=False, eq=False)
class Place(Model):
    """A place a finding points at: its path in the document, and the figure printed there.

    Attributes:
        path: The path, as the data file writes it (``statements[3].lines[13].values[1]``).
        figure: What is printed there, as text ("3 337 234"); None when not a figure.
    """

    path: str
    figure: str | None = None

    def __str__(self) -> str:
        return f"{self.path} ({self.figure})" if self.figure is not None else self.path


@attrs.frozen(repr=False, eq=False)
class Finding(Model):
    """One problem found in a report, plan or förbund.

    Attributes:
        code: Stable identifier, e.g. ``FS-ACC-001``; its prefix names the family.
        severity: Error, warning or info (see `Severity`).
        message: Plain language, with the figures involved, in the language of the run.
        path: Where the problem is (the first of `places`), e.g.
            ``statements[3].lines[13].values[0]``.
        reference: What the rule rests on: a law section, an LKBR chapter, the förbund's
            own indicator, or "consistency".
        source: The file the object was loaded from, when known.
        places: Every place the problem shows, each with the figure printed there.
        cause: The likely cause, where the figures show it ("'Verksamhetens intäkter'
            prints 3 337 234 where 3 377 234 would make every figure agree").
        also: What the other candidates merged into this finding say, ``"CODE: message"``
            (another check that saw the same problem, or another aspect of it).
    """

    code: str
    severity: Severity
    message: str
    path: str
    reference: str
    source: str | None = None
    places: tuple[Place, ...] = ()
    cause: str | None = None
    also: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        """The family of the check that found it (law, accounting, policy, consistency)."""
        return _FAMILIES.get(self.code.split("-")[1], "other") if "-" in self.code else "other"

    def line(self) -> str:
        """``source: path: CODE severity: message``, one line as ``finsam check`` prints."""
        where = f"{self.source}: " if self.source else ""
        sentences = [self.message, *([self.cause] if self.cause else [])]
        also = gettext_("Also")
        sentences += [f"{also} {other}" for other in self.also]
        text = " ".join(s if s.endswith((".", "?", "!")) else f"{s}." for s in sentences)
        if len(sentences) == 1:
            text = self.message  # one sentence: as the check wrote it
        if len(self.places) > 1:
            others = ", ".join(str(place) for place in self.places[1:])
            text += f" [{others}]"
        return f"{where}{self.path}: {self.code} {self.severity.value}: {text}"

    def record(self) -> dict[str, Any]:
        """A plain dict for JSON and pandas (places as a list of path/figure pairs)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "family": self.family,
            "message": self.message,
            "cause": self.cause,
            "path": self.path,
            "places": [{"path": p.path, "figure": p.figure} for p in self.places],
            "also": list(self.also),
            "reference": self.reference,
            "source": self.source,
        }


_FAMILIES = {"LAW": "law", "ACC": "accounting", "POL": "policy", "CON": "consistency"}

#: A printed cell: (statement index, line index, column index).
Cell: TypeAlias = tuple[int, int, int]


@attrs.frozen(repr=False, eq=False)
class Suspect(Model):
    """A printed cell that could be the misprint behind a candidate, and what it would need.

    Attributes:
        cell: The cell's key.
        needed: The value (in öre, or in percent for a percentage) that would make the
            candidate's relation hold.
        within: How closely (the rounding allowance of the relation).
        place: The cell's place, with its printed figure.
        label: The line (and column) as the table prints it, for the message.
        unit: What one printed unit is worth (öre per unit; 1 for percentages), to show the
            needed value as it would be printed.
        percent: Whether the cell holds a percentage.
    """

    cell: Hashable
    needed: int | Fraction
    within: int | Fraction
    place: Place
    label: str
    unit: int = 100
    percent: bool = False

    def expected_text(self) -> Num:
        """The needed value as the table would print it."""
        value = Fraction(self.needed) if self.percent else Fraction(self.needed, self.unit)
        places = 0 if value.denominator == 1 else 1
        return Num(value, "%" if self.percent else "", places)


@attrs.frozen(repr=False, eq=False)
class Candidate(Model):
    """A problem a check sees, before problems with one cause are merged into one finding.

    Attributes:
        severity: How serious it is.
        message: What is wrong, with the figures (rendered only if the finding is kept).
        places: The places it shows, the most telling first.
        cells: The printed cells (or other hashable keys) it is about: candidates of one
            check about the same cells are one problem.
        solves: For cells that could be the misprint, the value (in öre, or in percent for
            percentage cells) each would need for this relation to hold, and how closely
            (the rounding allowance). Candidates that one cell and one value would all
            resolve share that cause.
    """

    severity: Severity
    message: Message
    places: tuple[Place, ...]
    cells: frozenset[Hashable] = frozenset()
    solves: tuple[Suspect, ...] = ()


@attrs.frozen(repr=False, eq=False)
class Tolerance(Model):
    """Deprecated: the rounding model of `Settings` replaces it (see CHANGELOG 0.2.0).

    Maps onto `Rounding`: `per_line` is the allowance per rounded figure, `absolute` an
    extra allowance on every comparison, both in printed units.
    """

    absolute: Decimal = Decimal(0)
    per_line: Decimal = Decimal("0.5")

    def allowed(self, figures: int) -> Decimal:
        """The accepted difference, in printed units, for `figures` rounded figures."""
        return self.absolute + self.per_line * figures

    def accepts(self, difference: Amount, unit: Amount, figures: int) -> bool:
        """Whether `difference` is within tolerance for a table printed in `unit`."""
        return Decimal(abs(difference.ore)) <= self.allowed(figures) * unit.ore

    def as_settings(self) -> Settings:
        """The same allowance in the rounding model."""
        return Settings(
            rounding=Rounding(
                per_figure=Fraction(self.per_line), extra_units=Fraction(self.absolute)
            )
        )


@attrs.frozen(repr=False, eq=False)
class Context(Model):
    """What a check gets: the subject, the settings of the run, and its analysis.

    Attributes:
        subject: The report, plan or förbund being checked.
        settings: Rounding, materiality and thresholds of the run.
        source: The file the subject was loaded from, if any.
        related: Other documents of the same förbund given to the run (a report before
            a plan, say), which some checks use.
    """

    subject: Any
    settings: Settings = Settings()
    source: str | None = None
    related: tuple[Any, ...] = ()
    _analysis: list[Analysis] = attrs.field(factory=list, eq=False, repr=False, alias="_analysis")

    @property
    def analysis(self) -> Analysis:
        """The report's derived figures, computed once per run and shared by every check."""
        if not self._analysis:
            from finsam.rules._analysis import Analysis

            self._analysis.append(Analysis(self.subject, self.settings, self.related))
        return self._analysis[0]

    @property
    def tolerance(self) -> Tolerance:
        """The rounding model as a deprecated `Tolerance` (for checks written for 0.1)."""
        rounding = self.settings.rounding
        return Tolerance(
            Decimal(rounding.extra_units.numerator) / rounding.extra_units.denominator,
            Decimal(rounding.per_figure.numerator) / rounding.per_figure.denominator,
        )


#: What a check is: a function from a context to candidates (or, for checks written for
#: finsam 0.1, findings).
CheckFunction: TypeAlias = Callable[[Context], Iterable[Any]]


@attrs.frozen(repr=False, eq=False)
class Check(Model):
    """A check: a plain function from a `Context` to the problems it sees.

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
        """A finding of this check (for checks that make findings themselves)."""
        return Finding(
            self.code, severity, message, path, self.reference, context.source, (Place(path),)
        )


class Registry:
    """An ordered set of checks that can be selected by code, prefix, family or pattern.

    finsam's own checks are listed family by family in plain lists (``LAW_CHECKS`` in
    `finsam.rules.law` and so on) and collected in `CHECKS`. Add your own with `add` or
    the `register` decorator, or build a `Registry` of your own.

    Example:
        >>> from finsam.rules import Registry, Severity
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


#: finsam's own checks, filled in by `finsam.rules` from the families' lists.
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
        "check() takes an interim report, annual report, plan or förbund, "
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
    settings: Settings | None = None,
    tolerance: Tolerance | None = None,
    source: str | None = None,
    registry: Registry | None = None,
    related: Sequence[Any] = (),
    lang: str | None = None,
) -> list[Finding]:
    """Run the selected checks over `subject` and return the findings, one per problem.

    Args:
        subject: An interim report, annual report, plan or förbund (as loaded or built).
        select: Only the checks matching these patterns (see `Registry.select`); a single
            string is one pattern or a comma-separated list of them. None selects all.
        ignore: Skip the checks matching these patterns.
        settings: Rounding, materiality and thresholds (`Settings`; the defaults when None).
        tolerance: Deprecated; use `settings`. Mapped onto the rounding model.
        source: The file the subject came from, shown with each finding.
        registry: The checks to choose from (finsam's own by default).
        related: Other documents of the same förbund (a report before a plan), which
            some checks use: a plan's deficit against the equity a report states.
        lang: The language of the messages: ``"sv"`` (the default) or ``"en"``.

    Raises:
        TypeError: when `subject` is not something finsam can check (a name, a dict, None:
            load it first with `finsam.load_report`).
        ValueError: when a pattern matches no check, or `select` selects nothing.

    Findings come in check order, then in document order. A check that fails with an
    exception (a bug in the check, not in the data) becomes an error finding with code
    ``FS-INTERNAL`` rather than stopping the run.
    """
    from finsam.rules._grouping import merge

    _refuse_unknown_subject(subject)
    chosen = _patterns("select", select)
    skipped = _patterns("ignore", ignore) or []
    if chosen is not None and not chosen:
        raise ValueError("select selects no check; give codes, prefixes or families, or None")
    if tolerance is not None:
        warnings.warn(
            "check(tolerance=...) is deprecated: finsam now uses one rounding model; "
            "pass settings=finsam.rules.Settings(...) instead",
            DeprecationWarning,
            stacklevel=2,
        )
        if settings is None:
            settings = tolerance.as_settings()
    registry = CHECKS if registry is None else registry
    checks = registry.select(chosen, skipped)
    context = Context(subject, settings or Settings(), source, tuple(related))
    with using_language(lang) as chosen_language:
        raised: list[tuple[int, Check, Any]] = []
        internal: list[Finding] = []
        for order, check in enumerate(checks):
            try:
                raised += [(order, check, item) for item in check.function(context)]
            except Exception as error:  # a bug in the check, not in the data
                internal.append(
                    Finding(
                        "FS-INTERNAL",
                        Severity.ERROR,
                        f"check {check.code} failed: {type(error).__name__}: {error}",
                        "",
                        "finsam",
                        source,
                    )
                )
        alias = context.analysis.alias if context._analysis else None
        return merge(raised, source, chosen_language or language(), alias) + internal
