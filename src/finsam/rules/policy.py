"""Policy checks: the förbund's own figures (equity ceiling, use of insats funds, budgets)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from finsam.accounts import ColumnKind, LineRole, StatementKind
from finsam.money import Amount
from finsam.rules._core import CHECKS, Context, Finding, Severity
from finsam.rules._util import kr, number, statement_lines

__all__ = ["UTILISATION_WARNING"]

#: Warn when insatsmedel used so far are below this share of what the elapsed part of the
#: year would suggest (at the half year: below 25 % of the annual budget).
UTILISATION_WARNING = Fraction(1, 2)


@CHECKS.register(
    "FS-POL-001",
    "policy",
    "equity stays within the ceiling the förbund set itself (share of budgeted revenue)",
    "the förbund's own indicator (e.g. eget kapital ≤ 20 % av budgeterade intäkter)",
)
def equity_ceiling(context: Context) -> Iterator[Finding]:
    from finsam.goals import RatioLimit

    check = CHECKS["FS-POL-001"]
    subject = context.subject
    limits = [
        (g_index, i_index, indicator)
        for g_index, goal in enumerate(getattr(subject, "goals", ()))
        for i_index, indicator in enumerate(goal.indicators)
        if isinstance(indicator, RatioLimit) and indicator.ceiling and not indicator.dropped
    ]
    forecast = getattr(subject, "forecast", None)
    for g_index, i_index, limit in limits:
        measured = limit.measured_percent
        basis = "measured"
        if forecast is not None and forecast.equity_share_percent is not None:
            measured, basis = forecast.equity_share_percent, "forecast for the year end"
        if measured is None or measured <= limit.limit_percent:
            continue
        yield check.finding(
            Severity.WARNING,
            f"equity is {number(measured)} % of budgeted revenue ({basis}), above the "
            f"förbund's own ceiling of {number(limit.limit_percent)} %",
            f"goals[{g_index}].indicators[{i_index}]",
            context,
        )


@CHECKS.register(
    "FS-POL-002",
    "policy",
    "insatsmedel are being used: outcome so far against the annual budget",
    "the förbund's budget; utilisation (förbrukningsgrad)",
)
def insats_fund_utilisation(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-POL-002"]
    for s_index, statement, l_index, line in statement_lines(
        tuple(getattr(context.subject, "statements", ()))
    ):
        if "insatsmedel" not in line.label.lower() or statement.kind not in (
            StatementKind.OPERATING_STATEMENT,
            StatementKind.BUDGET_FOLLOW_UP,
        ):
            continue
        budget = next((c for c in statement.columns if c.kind is ColumnKind.BUDGET), None)
        outcome = next((c for c in statement.columns if c.kind is ColumnKind.OUTCOME), None)
        if budget is None or outcome is None or budget.period is None or outcome.period is None:
            continue
        planned, used = (
            statement.value(line.label, budget.key),
            statement.value(line.label, outcome.key),
        )
        if not planned or used is None or outcome.period not in budget.period:
            continue
        elapsed = outcome.period.fraction_of(budget.period, by="days")
        utilisation = Fraction(used) / Fraction(planned)
        if utilisation >= UTILISATION_WARNING * elapsed:
            continue
        yield check.finding(
            Severity.WARNING,
            f"{statement.title}: {number(used)} of {number(planned)} {statement.unit.value} "
            f"{line.label.lower()} used ({_percent(utilisation, '0.1')} %) after "
            f"{_percent(elapsed, '1')} % of the budget period",
            f"statements[{s_index}].lines[{l_index}]",
            context,
        )


def _percent(share: Fraction, places: str) -> str:
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return number(value.quantize(Decimal(places)))


@CHECKS.register(
    "FS-POL-003",
    "policy",
    "insatser and cost centres do not spend more than their budget",
    "the förbund's budget",
)
def overspending(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-POL-003"]
    subject = context.subject
    for index, insats in enumerate(getattr(subject, "insatser", ())):
        for b_index, year in enumerate(insats.budgets):
            if year.budget is not None and year.outcome is not None and year.outcome > year.budget:
                yield check.finding(
                    Severity.WARNING,
                    f"{insats.name}: {year.year} outcome {kr(year.outcome)} exceeds the budget "
                    f"{kr(year.budget)}",
                    f"insatser[{index}].budgets[{b_index}]",
                    context,
                )
    for s_index, statement, l_index, line in statement_lines(
        tuple(getattr(subject, "statements", ()))
    ):
        if line.role is not LineRole.COST or statement.kind not in (
            StatementKind.OPERATING_STATEMENT,
            StatementKind.OTHER,
        ):
            continue
        for budget in (c for c in statement.columns if c.kind is ColumnKind.BUDGET):
            outcome = next(
                (
                    c
                    for c in statement.columns
                    if c.kind is ColumnKind.OUTCOME and c.period == budget.period
                ),
                None,
            )
            if outcome is None:
                continue
            spent, planned = (
                statement.canonical(line, outcome.key),
                statement.canonical(line, budget.key),
            )
            if spent is None or planned is None:
                continue
            over = planned - spent  # canonical costs are negative: spending more is smaller
            # Both figures are rounded to the printed unit, so together they can be off by at
            # most one unit: anything beyond the absolute tolerance is a real overspend.
            if over <= Amount(0) or context.tolerance.accepts(over, statement.unit.amount, 0):
                continue
            yield check.finding(
                Severity.WARNING,
                f"{statement.title}: {line.label!r} spent {kr(abs(spent))} against a budget of "
                f"{kr(abs(planned))} for {outcome.period} ({kr(over)} over)",
                f"statements[{s_index}].lines[{l_index}]",
                context,
            )
