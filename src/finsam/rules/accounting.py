"""Accounting checks (LKBR, lag 2018:597): totals, the balance, equity, notes, periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from finsam.accounts import ColumnKind, LineRole, Statement, StatementKind
from finsam.money import Amount, printed_precision
from finsam.period import Period
from finsam.rules._core import CHECKS, Context, Finding, Severity
from finsam.rules._util import cells, kr, number, statement_lines

__all__: list[str] = []

_LKBR = "LKBR (2018:597)"


def _statements(context: Context) -> tuple[Statement, ...]:
    return tuple(getattr(context.subject, "statements", ()))


@CHECKS.register(
    "FS-ACC-001",
    "accounting",
    "every stated total equals the sum of its lines (result = revenue − costs, subtotals)",
    f"{_LKBR} 4 kap.; consistency of printed totals",
)
def stated_totals(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-ACC-001"]
    for s_index, statement, l_index, line in statement_lines(_statements(context)):
        if not line.is_total:
            continue
        for c_index, key, value in cells(statement, line):
            computed = statement.computed_total(line.label, key)
            if computed is None:
                continue
            printed = Amount.from_kr(value * statement.unit.amount.kr)
            figures = len(line.total_of) + 1
            if context.tolerance.accepts(printed - computed, statement.unit.amount, figures):
                continue
            yield check.finding(
                Severity.ERROR,
                f"{statement.title}: {line.label!r} ({statement.column(key).label}) is printed "
                f"as {kr(printed)}, but its {len(line.total_of)} lines sum to {kr(computed)} "
                f"(difference {kr(printed - computed)})",
                f"statements[{s_index}].lines[{l_index}].values[{c_index}]",
                context,
            )


@CHECKS.register(
    "FS-ACC-002",
    "accounting",
    "assets equal equity plus liabilities in every balance column",
    f"{_LKBR} 5 kap.: balansräkning",
)
def balance_identity(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-ACC-002"]
    for s_index, statement in enumerate(_statements(context)):
        if statement.kind is not StatementKind.BALANCE_SHEET:
            continue
        count = sum(1 for line in statement.lines if not line.is_total)
        for column in statement.columns:
            assets = statement.sum_of(LineRole.ASSET, column.key)
            claims = statement.sum_of(LineRole.EQUITY, column.key) + statement.sum_of(
                LineRole.LIABILITY, column.key
            )
            if context.tolerance.accepts(assets - claims, statement.unit.amount, count):
                continue
            yield check.finding(
                Severity.ERROR,
                f"{statement.title} ({column.label}): assets {kr(assets)} but equity and "
                f"liabilities {kr(claims)} (difference {kr(assets - claims)})",
                f"statements[{s_index}].columns[{statement.columns.index(column)}]",
                context,
            )


def _column_of(statement: Statement, *kinds: ColumnKind) -> str | None:
    return next((c.key for c in statement.columns if c.kind in kinds), None)


def _opening_column(statement: Statement, year_start: dt.date) -> str | None:
    opening = _column_of(statement, ColumnKind.OPENING)
    if opening is not None:
        return opening
    for column in statement.columns:
        if (
            column.kind is ColumnKind.COMPARISON
            and column.period is not None
            and column.period.end == year_start - dt.timedelta(days=1)
        ):
            return column.key
    return None


@CHECKS.register(
    "FS-ACC-003",
    "accounting",
    "closing equity equals opening equity plus the period's result",
    f"{_LKBR}; eget kapital",
)
def equity_roll_forward(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-ACC-003"]
    statements = _statements(context)
    period = getattr(context.subject, "period", None)
    income = next((s for s in statements if s.kind is StatementKind.INCOME_STATEMENT), None)
    if period is None or income is None:
        return
    result_lines = [line for line in income.lines if line.role is LineRole.RESULT]
    outcome = _column_of(income, ColumnKind.OUTCOME)
    if not result_lines or outcome is None:
        return
    result = income.canonical(result_lines[-1], outcome)
    for s_index, balance in enumerate(statements):
        if balance.kind is not StatementKind.BALANCE_SHEET or result is None:
            continue
        closing = _column_of(balance, ColumnKind.OUTCOME, ColumnKind.CLOSING)
        opening = _opening_column(balance, dt.date(period.start.year, 1, 1))
        if closing is None or opening is None:
            continue
        start = balance.sum_of(LineRole.EQUITY, opening)
        end = balance.sum_of(LineRole.EQUITY, closing)
        if context.tolerance.accepts(end - (start + result), balance.unit.amount, 3):
            continue
        yield check.finding(
            Severity.ERROR,
            f"closing equity {kr(end)} is not opening equity {kr(start)} plus the result "
            f"{kr(result)} (= {kr(start + result)})",
            f"statements[{s_index}]",
            context,
        )


@CHECKS.register(
    "FS-ACC-004",
    "accounting",
    "each note's total equals the statement line it explains",
    f"{_LKBR} 4 kap. 1 §: noter",
)
def notes_match_statements(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-ACC-004"]
    statements = _statements(context)
    main = [s for s in statements if s.kind is not StatementKind.NOTE]
    for s_index, note in enumerate(statements):
        if note.kind is not StatementKind.NOTE or note.explains is None:
            continue
        totals = [line for line in note.lines if line.is_total]
        explained = [(s, line) for s in main for line in s.lines if line.label == note.explains]
        if not totals or not explained:
            yield check.finding(
                Severity.WARNING,
                f"{note.title}: cannot compare, "
                + ("it states no total" if not totals else f"no statement has {note.explains!r}"),
                f"statements[{s_index}]",
                context,
            )
            continue
        total = totals[-1]
        statement, line = explained[0]
        for c_index, key, _ in cells(note, total):
            if key not in {c.key for c in statement.columns}:
                continue
            in_note, in_statement = note.canonical(total, key), statement.canonical(line, key)
            if in_note is None or in_statement is None:
                continue
            if context.tolerance.accepts(in_note - in_statement, note.unit.amount, 0):
                continue
            yield check.finding(
                Severity.ERROR,
                f"{note.title} totals {kr(abs(in_note))} ({note.column(key).label}), but "
                f"{statement.title} states {kr(abs(in_statement))} for {note.explains!r}",
                f"statements[{s_index}].lines[{note.lines.index(total)}].values[{c_index}]",
                context,
            )


@CHECKS.register(
    "FS-ACC-005",
    "accounting",
    "derived columns follow from theirs: deviation, closing balance, used and unused shares",
    f"{_LKBR}; driftredovisning: avvikelse = budget − utfall",
)
def column_relations(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-ACC-005"]
    for s_index, statement, l_index, line in statement_lines(_statements(context)):
        for c_index, column in enumerate(statement.columns):
            printed = line.values[c_index]
            expected = statement.column_relation(line.label, column.key)
            if printed is None or expected is None:
                continue
            if column.kind.is_percent:
                # A percentage printed with d decimals stands for anything within half a unit.
                # A printed share stands for anything within half its last digit; a "rest"
                # column is 100 minus a printed share, so it must match exactly.
                slack = printed_precision(printed)
                if column.kind is ColumnKind.PERCENT_REST:
                    slack = Decimal(0)
                if abs(printed - expected) <= slack:
                    continue
                shown = f"{number(expected.quantize(Decimal('0.1')))} %"
                message = (
                    f"{statement.title}: {line.label!r} shows {number(printed)} % in "
                    f"{column.label!r}, but it should be {shown}"
                )
            else:
                unit = statement.unit.amount
                difference = Amount.from_kr((printed - expected) * unit.kr)
                if context.tolerance.accepts(difference, unit, 3):
                    continue
                operands = " and ".join(repr(statement.column(k).label) for k in column.of)
                message = (
                    f"{statement.title}: {line.label!r} shows {number(printed)} "
                    f"{statement.unit.value} in {column.label!r}, but {operands} give "
                    f"{number(expected)}"
                )
            yield check.finding(
                Severity.ERROR,
                message,
                f"statements[{s_index}].lines[{l_index}].values[{c_index}]",
                context,
            )


@CHECKS.register(
    "FS-ACC-006",
    "accounting",
    "an interim report covers at least half and at most two thirds of the year",
    f"{_LKBR} 13 kap. 1 §",
)
def interim_period(context: Context) -> Iterator[Finding]:
    from finsam.reports import InterimReport

    subject = context.subject
    if not isinstance(subject, InterimReport):
        return
    period = subject.period
    if period.start.year != period.end.year or period.start != dt.date(period.start.year, 1, 1):
        yield CHECKS["FS-ACC-006"].finding(
            Severity.ERROR,
            f"the interim period {period} does not start on 1 January of one financial year",
            "period",
            context,
        )
        return
    share = period.fraction_of_year(by="months" if period.is_whole_months else "days")
    if not Fraction(1, 2) <= share <= Fraction(2, 3):
        yield CHECKS["FS-ACC-006"].finding(
            Severity.ERROR,
            f"the interim period {period} covers {share} of the year; "
            "LKBR requires at least half and at most two thirds",
            "period",
            context,
        )


_ANNUAL_PARTS = {
    StatementKind.INCOME_STATEMENT: "resultaträkning",
    StatementKind.BALANCE_SHEET: "balansräkning",
    StatementKind.CASH_FLOW: "kassaflödesanalys",
    StatementKind.NOTE: "noter",
    StatementKind.OPERATING_STATEMENT: "driftredovisning",
}


@CHECKS.register(
    "FS-ACC-007",
    "accounting",
    "an annual report has all its parts",
    f"{_LKBR} 4 kap. 1 §",
)
def annual_report_parts(context: Context) -> Iterator[Finding]:
    from finsam.reports import AnnualReport

    subject = context.subject
    if not isinstance(subject, AnnualReport):
        return
    kinds = {s.kind for s in subject.statements}
    for kind, name in _ANNUAL_PARTS.items():
        if kind not in kinds:
            yield CHECKS["FS-ACC-007"].finding(
                Severity.ERROR, f"the annual report has no {name}", "statements", context
            )
    if subject.period != Period.year(subject.period.start.year):
        yield CHECKS["FS-ACC-007"].finding(
            Severity.ERROR,
            f"an annual report covers the calendar year, not {subject.period}",
            "period",
            context,
        )
