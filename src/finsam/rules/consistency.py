"""Consistency checks: a report must agree with itself wherever it says a thing twice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from finsam.accounts import ColumnKind, LineRole, Statement
from finsam.money import Amount, printed_precision
from finsam.reports import StatedFigure
from finsam.rules._core import CHECKS, Context, Finding, Severity
from finsam.rules._util import kr, number, statement_lines

__all__: list[str] = []

_CONSISTENCY = "consistency"


@CHECKS.register(
    "FS-CON-001",
    "consistency",
    "stated head counts equal the sum of their parts (participants by gender, board seats)",
    _CONSISTENCY,
)
def head_counts(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-CON-001"]
    for index, insats in enumerate(getattr(context.subject, "insatser", ())):
        people = insats.participants
        if people is None or people.stated_total is None or people.stated_total == people.total:
            continue
        yield check.finding(
            Severity.ERROR,
            f"{insats.name}: {people.stated_total} participants stated, but women, men and "
            f"others add up to {people.total}",
            f"insatser[{index}].participants.stated_total",
            context,
        )
    board = getattr(context.subject, "board", None)
    if board is None or not board.seats:
        return
    for name, stated, seats in [
        ("stated_ledamoter", board.stated_ledamoter, board.ledamoter),
        ("stated_ersattare", board.stated_ersattare, board.ersattare),
    ]:
        if stated is not None and stated != len(seats):
            role = "ledamöter" if name == "stated_ledamoter" else "ersättare"
            yield check.finding(
                Severity.ERROR,
                f"the board is said to have {stated} {role}, but {len(seats)} are listed",
                f"board.{name}",
                context,
            )


@CHECKS.register(
    "FS-CON-002",
    "consistency",
    "outcome shares of an insats add up to at most 100 % (and to a stated total)",
    _CONSISTENCY,
)
def outcome_shares(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-CON-002"]
    for index, insats in enumerate(getattr(context.subject, "insatser", ())):
        outcomes = insats.outcomes
        if outcomes is None or not outcomes.shares:
            continue
        total = outcomes.sum_of_shares
        parts = " + ".join(f"{number(v)} % {k}" for k, v in outcomes.shares.items())
        if total > 100:
            yield check.finding(
                Severity.ERROR,
                f"{insats.name}: outcome shares of those who ended add up to {number(total)} % "
                f"({parts}), more than 100 %",
                f"insatser[{index}].outcomes",
                context,
            )
        stated = outcomes.stated_total_percent
        if stated is not None and stated != total:
            yield check.finding(
                Severity.ERROR,
                f"{insats.name}: outcome shares add up to {number(total)} %, "
                f"but {number(stated)} % is stated",
                f"insatser[{index}].outcomes.stated_total_percent",
                context,
            )


def _cell(subject: object, reference: str) -> tuple[Statement, int, Decimal | None] | None:
    """Resolve ``"title/label/column"`` to (statement, line index, printed value)."""
    title, _, rest = reference.partition("/")
    label, _, key = rest.rpartition("/")
    for statement in getattr(subject, "statements", ()):
        if statement.title == title:
            for l_index, line in enumerate(statement.lines):
                if line.label == label and key in {c.key for c in statement.columns}:
                    return statement, l_index, statement.value(label, key)
    return None


@CHECKS.register(
    "FS-CON-003",
    "consistency",
    "a figure stated twice agrees with itself and with the table cell it refers to",
    _CONSISTENCY,
)
def stated_figures(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-CON-003"]
    figures = list(getattr(context.subject, "figures", ()))
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, figure in enumerate(figures):
        by_key[figure.key].append(index)
    for key, indexes in by_key.items():
        first = figures[indexes[0]]
        for index in indexes[1:]:
            other = figures[index]
            if _agree(first, other):
                continue
            yield check.finding(
                Severity.ERROR,
                f"{key!r} is stated as {number(first.value)} {first.unit} ({first.source}) "
                f"and as {number(other.value)} {other.unit} ({other.source})",
                f"figures[{index}]",
                context,
            )
    for index, figure in enumerate(figures):
        if figure.refers_to is None:
            continue
        found = _cell(context.subject, figure.refers_to)
        if found is None:
            yield check.finding(
                Severity.WARNING,
                f"{figure.key!r} refers to {figure.refers_to!r}, which the document does not have",
                f"figures[{index}].refers_to",
                context,
            )
            continue
        statement, _, value = found
        if value is None or figure.amount is None:
            continue
        cell = Amount.from_kr(abs(value) * statement.unit.amount.kr)
        allowed = _slack(figure) + context.tolerance.absolute * statement.unit.amount.ore
        if abs(abs(figure.amount.ore) - cell.ore) <= allowed:
            continue
        yield check.finding(
            Severity.ERROR,
            f"{figure.key!r} is stated as {number(figure.value)} {figure.unit} ({figure.source}), "
            f"but {statement.title} shows {kr(cell)}",
            f"figures[{index}]",
            context,
        )


def _slack(figure: StatedFigure) -> Decimal:
    """In öre: a figure printed as 16,7 mkr stands for anything within 0,05 mkr of it."""
    amount = figure.amount
    if amount is None or figure.value == 0:
        return Decimal(0)
    return figure.precision * abs(Decimal(amount.ore) / figure.value)


def _agree(first: StatedFigure, other: StatedFigure) -> bool:
    if first.amount is not None and other.amount is not None:
        return abs(first.amount.ore - other.amount.ore) <= _slack(first) + _slack(other)
    return first.value == other.value and first.unit == other.unit


@CHECKS.register(
    "FS-CON-004",
    "consistency",
    "forecast arithmetic: result, closing equity and the equity share follow from the table",
    _CONSISTENCY,
)
def forecast_arithmetic(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-CON-004"]
    forecast = getattr(context.subject, "forecast", None)
    if forecast is None:
        return
    try:
        table = context.subject.find_statement(forecast.statement)
    except KeyError:
        yield check.finding(
            Severity.ERROR,
            f"the forecast refers to table {forecast.statement!r}, which the document lacks",
            "forecast.statement",
            context,
        )
        return
    prognos = next((c.key for c in table.columns if c.kind is ColumnKind.FORECAST), None)
    budget = next((c.key for c in table.columns if c.kind is ColumnKind.BUDGET), None)
    results = [line for line in table.lines if line.role is LineRole.RESULT]
    if prognos is None or not results:
        return
    result = table.canonical(results[-1], prognos)
    if result is None:
        return
    if forecast.opening_equity is not None and forecast.closing_equity is not None:
        expected = forecast.opening_equity + result
        if not context.tolerance.accepts(forecast.closing_equity - expected, table.unit.amount, 3):
            yield check.finding(
                Severity.ERROR,
                f"forecast closing equity {kr(forecast.closing_equity)} is not opening equity "
                f"{kr(forecast.opening_equity)} plus the forecast result {kr(result)}",
                "forecast.closing_equity",
                context,
            )
    revenue_totals = [x for x in table.lines if x.role is LineRole.REVENUE and x.is_total]
    if (
        forecast.equity_share_percent is not None
        and forecast.closing_equity is not None
        and budget is not None
        and revenue_totals
        and (revenue := table.canonical(revenue_totals[-1], budget)) is not None
        and not revenue.is_zero
    ):
        share = Decimal(forecast.closing_equity.ore) * 100 / Decimal(revenue.ore)
        slack = printed_precision(forecast.equity_share_percent)
        if abs(share - forecast.equity_share_percent) > slack:
            yield check.finding(
                Severity.ERROR,
                f"forecast equity share stated as {number(forecast.equity_share_percent)} %, "
                f"but {kr(forecast.closing_equity)} of budgeted revenue {kr(revenue)} is "
                f"{number(share.quantize(Decimal('0.1')))} %",
                "forecast.equity_share_percent",
                context,
            )


@CHECKS.register(
    "FS-CON-005",
    "consistency",
    "dates are in order and insatser in progress overlap the report period",
    _CONSISTENCY,
)
def dates(context: Context) -> Iterator[Finding]:
    from finsam.insats import Status

    check = CHECKS["FS-CON-005"]
    subject = context.subject
    period = getattr(subject, "period", None)
    decided = getattr(subject, "decided", None)
    if period is None:
        return
    if isinstance(decided, dt.date) and decided < period.end and type(subject).__name__ != "Plan":
        yield check.finding(
            Severity.ERROR,
            f"the report was decided on {decided}, before its period ended ({period.end})",
            "decided",
            context,
        )
    founded = subject.forbund.founded
    if period.end < founded:
        yield check.finding(
            Severity.ERROR,
            f"the period {period} ends before the förbund was formed ({founded})",
            "period",
            context,
        )
    for index, insats in enumerate(getattr(subject, "insatser", ())):
        if insats.period is None:
            continue
        if insats.status is Status.ONGOING and not insats.period.overlaps(period):
            yield check.finding(
                Severity.WARNING,
                f"{insats.name} is said to be ongoing, but its period {insats.period} lies "
                f"outside the report period {period}",
                f"insatser[{index}].period",
                context,
            )
        for y_index, year_budget in enumerate(insats.budgets):
            if not insats.period.start.year <= year_budget.year <= insats.period.end.year:
                yield check.finding(
                    Severity.WARNING,
                    f"{insats.name} has a budget for {year_budget.year}, outside its period "
                    f"{insats.period}",
                    f"insatser[{index}].budgets[{y_index}]",
                    context,
                )


@CHECKS.register(
    "FS-CON-006",
    "consistency",
    "a line that states the same quantity as another table agrees with it",
    _CONSISTENCY,
)
def same_quantity(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-CON-006"]
    for s_index, statement, l_index, line in statement_lines(
        tuple(getattr(context.subject, "statements", ()))
    ):
        if line.same_as is None:
            continue
        title, _, label = line.same_as.partition("/")
        try:
            other = context.subject.find_statement(title)
            other_line = other.line(label)
        except KeyError:
            yield check.finding(
                Severity.WARNING,
                f"{statement.title}: {line.label!r} refers to {line.same_as!r}, which the "
                "document does not have",
                f"statements[{s_index}].lines[{l_index}].same_as",
                context,
            )
            continue
        shared = [c for c in statement.columns if c.key in {o.key for o in other.columns}]
        for column in shared:
            if column.of:
                continue  # derived columns (deviations, shares) follow from the others
            here, there = (
                statement.canonical(line, column.key),
                other.canonical(other_line, column.key),
            )
            if here is None or there is None:
                continue
            unit = max(statement.unit.amount, other.unit.amount)
            if context.tolerance.accepts(here - there, unit, 0):
                continue
            yield check.finding(
                Severity.ERROR,
                f"{statement.title}: {line.label!r} ({column.label}) is {kr(abs(here))}, but "
                f"{other.title}: {other_line.label!r} states {kr(abs(there))}",
                f"statements[{s_index}].lines[{l_index}].values[{statement.columns.index(column)}]",
                context,
            )


@CHECKS.register(
    "FS-CON-007",
    "consistency",
    "a budget's printed totals and its insatsmedel parts add up",
    _CONSISTENCY,
)
def budget_arithmetic(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-CON-007"]
    budget = getattr(context.subject, "budget", None)
    if budget is None:
        return
    for name, stated_values, compute in [
        ("stated_revenue", budget.stated_revenue, budget.revenue),
        ("stated_costs", budget.stated_costs, budget.costs),
    ]:
        for index, (year, stated) in enumerate(zip(budget.years, stated_values, strict=False)):
            if stated is not None and stated != compute(year):
                what = "revenue" if name == "stated_revenue" else "costs"
                yield check.finding(
                    Severity.ERROR,
                    f"budget {year}: total {what} printed as {kr(stated)}, but the lines sum to "
                    f"{kr(compute(year))}",
                    f"budget.{name}[{index}]",
                    context,
                )
    for l_index, line in enumerate(budget.lines):
        if not line.granted or not line.available:
            continue
        for index, year in enumerate(budget.years):
            whole, granted, available = (
                line.amounts[index],
                line.granted[index],
                line.available[index],
            )
            if whole is None or granted is None or available is None:
                continue
            if granted + available != whole:
                yield check.finding(
                    Severity.ERROR,
                    f"budget {year}: {line.label} {kr(whole)}, but already granted "
                    f"{kr(granted)} and available for new insatser {kr(available)} make "
                    f"{kr(granted + available)}",
                    f"budget.lines[{l_index}]",
                    context,
                )
