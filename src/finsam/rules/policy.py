"""Policy checks: the förbund's own figures — its equity ceiling, the use of insats funds,
the frames its budget sets, and planned deficits against its equity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from fractions import Fraction

from finsam.accounts import ColumnKind, LineRole, StatementKind
from finsam.insats import Status
from finsam.period import Period
from finsam.rules._analysis import Analysis, Table
from finsam.rules._core import Candidate, Check, Context, Place
from finsam.rules._messages import N_, Kr, Message, Num, Pct, Word, shown
from finsam.rules._settings import Severity

__all__ = ["POLICY_CHECKS", "UTILISATION_WARNING"]

#: Warn when insatsmedel used so far are below this share of what the elapsed part of the
#: year would suggest (see `Settings.utilisation_warning`).
UTILISATION_WARNING = Fraction(1, 2)

_OWN = "the förbund's own indicator (e.g. eget kapital ≤ 20 % av budgeterade intäkter)"


def equity_ceiling(context: Context) -> Iterator[Candidate]:
    """Equity stays within the ceiling the förbund set itself (a share of budgeted revenue)."""
    from finsam.goals import RatioLimit

    document = context.analysis.document
    if document is None:
        return
    forecast = document.forecast
    for g_index, goal in enumerate(document.goals):
        for i_index, limit in enumerate(goal.indicators):
            if not isinstance(limit, RatioLimit) or not limit.ceiling or limit.dropped:
                continue
            if limit.limit_percent is None:
                continue
            measured, basis = limit.measured_percent, N_("measured")
            if forecast is not None and forecast.equity_share_percent is not None:
                measured, basis = forecast.equity_share_percent, N_("forecast for the year end")
            if measured is None or measured <= limit.limit_percent:
                continue
            yield Candidate(
                Severity.WARNING,
                Message.of(
                    N_(
                        "equity is {measured} of budgeted revenue ({basis}), above the förbund's "
                        "own ceiling of {limit}"
                    ),
                    measured=Num(measured, "%"),
                    basis=Word(basis),
                    limit=Num(limit.limit_percent, "%"),
                ),
                (Place(f"goals[{g_index}].indicators[{i_index}]", f"{measured} %"),),
                cells=frozenset({("equity ceiling",)}),
            )


def _elapsed(outcome: Period, budget: Period) -> Fraction:
    return outcome.fraction_of(budget, by="days")


def insats_fund_utilisation(context: Context) -> Iterator[Candidate]:
    """Insats funds are being used: the insatsmedel line of a follow-up, and each insats and
    budget part of its own, against the part of the budget period that has passed."""
    analysis = context.analysis
    threshold = analysis.settings.utilisation_warning
    for table in analysis.tables:
        if table.statement.kind not in (
            StatementKind.OPERATING_STATEMENT,
            StatementKind.BUDGET_FOLLOW_UP,
        ):
            continue
        budget = table.column_of(ColumnKind.BUDGET)
        outcome = table.column_of(ColumnKind.OUTCOME)
        if budget is None or outcome is None:
            continue
        budget_period = table.statement.columns[budget].period
        outcome_period = table.statement.columns[outcome].period
        if budget_period is None or outcome_period is None or outcome_period not in budget_period:
            continue
        elapsed = _elapsed(outcome_period, budget_period)
        for line, row in enumerate(table.lines):
            if "insatsmedel" not in row.label.lower():
                continue
            planned, used = table.printed(line, budget), table.printed(line, outcome)
            if not planned or used is None:
                continue
            utilisation = Fraction(used) / Fraction(planned)
            if utilisation >= threshold * elapsed:
                continue
            yield Candidate(
                Severity.WARNING,
                Message.of(
                    N_(
                        "{table}: {used} of {planned} {unit} {label} used ({share}) after "
                        "{elapsed} of the budget period"
                    ),
                    table=table.statement.title,
                    used=Num(used),
                    planned=Num(planned),
                    unit=table.statement.unit.value,
                    label=row.label.lower(),
                    share=Pct(utilisation, 1),
                    elapsed=Pct(elapsed, 0),
                ),
                (table.place(line, outcome), table.place(line, budget)),
                cells=frozenset({table.cell(line, outcome), table.cell(line, budget)}),
            )
    yield from _insats_utilisation(analysis, threshold)


def _insats_utilisation(analysis: Analysis, threshold: Fraction) -> Iterator[Candidate]:
    document = analysis.document
    if document is None or analysis.period is None:
        return
    period = analysis.period
    year = Period.year(period.start.year)
    if period not in year:
        return
    for index, insats in enumerate(document.insatser):
        if insats.status in (Status.POSTPONED, Status.PLANNED, Status.ENDED):
            continue
        if insats.period is not None and insats.period.start > year.start:
            continue  # started during the year: too early to judge its pace against the year
        budget = insats.budget_for(period.start.year)
        if budget is None:
            continue
        elapsed = period.fraction_of(year, by="days")
        low = []
        for label, planned, used, path in [
            (None, budget.total_budget, budget.total_outcome, ""),
            *(
                (part.label, part.budget, part.outcome, f".parts[{p}]")
                for p, part in enumerate(budget.parts)
            ),
        ]:
            if planned is None or used is None or planned.ore <= 0:
                continue
            utilisation = Fraction(used.ore, planned.ore)
            if utilisation < threshold * elapsed:
                low.append((label, planned, used, utilisation, path))
        if not low:
            continue
        b_index = insats.budgets.index(budget)
        details = "; ".join(
            Message.of(
                N_("{what}: {used} of {planned} ({share})"),
                what=label or Message.of(N_("in all")).render(),
                used=Kr.of(used),
                planned=Kr.of(planned),
                share=Pct(share, 1),
            ).render()
            for label, planned, used, share, _path in low
        )
        yield Candidate(
            Severity.WARNING,
            Message.of(
                N_(
                    "{insats}: its funds for {year} are being used slowly after {elapsed} of the "
                    "year: {details}"
                ),
                insats=insats.name,
                year=period.start.year,
                elapsed=Pct(elapsed, 0),
                details=details,
            ),
            tuple(
                Place(f"insatser[{index}].budgets[{b_index}]{path}", Kr.of(used).text("sv"))
                for _l, _p, used, _s, path in low
            ),
            cells=frozenset({("insats", index, "utilisation")}),
        )


def _frame_tables(analysis: Analysis) -> Iterator[Table]:
    """Tables whose cost lines are frames the board set: follow-ups of cost centres or cost
    categories, not tables that break down one line of another table."""
    for table in analysis.tables:
        if table.statement.breaks_down is not None:
            continue
        if table.statement.kind in (
            StatementKind.OPERATING_STATEMENT,
            StatementKind.BUDGET_FOLLOW_UP,
            StatementKind.OTHER,
        ):
            yield table


def _pairs(table: Table) -> list[tuple[int, int, str]]:
    """(spent column, budget column, what) pairs: the period's outcome against the budget of
    the same period, and the full-year forecast against the annual budget."""
    columns = table.statement.columns
    pairs = []
    for b, budget in enumerate(columns):
        if budget.kind is not ColumnKind.BUDGET:
            continue
        for s, spent in enumerate(columns):
            if spent.kind is ColumnKind.OUTCOME and spent.period == budget.period:
                pairs.append((s, b, "outcome"))
            elif (
                spent.kind is ColumnKind.FORECAST
                and spent.period is not None
                and spent.period == budget.period
            ):
                pairs.append((s, b, "forecast"))
    return pairs


def overspending(context: Context) -> Iterator[Candidate]:
    """Spending stays within the frame the board set: per insats, per cost centre or cost
    category (the period's outcome and the full-year forecast), and the income statement's
    cost lines against their budget."""
    analysis = context.analysis
    settings = analysis.settings
    document = analysis.document
    if document is None:
        return
    for index, insats in enumerate(document.insatser):
        for b_index, year in enumerate(insats.budgets):
            budget, outcome = year.total_budget, year.total_outcome
            if budget is None or outcome is None or outcome <= budget:
                continue
            severity = settings.judge(
                outcome.ore - budget.ore, allowance=0, base=budget.ore, severity=Severity.WARNING
            )
            if severity is None:
                continue
            yield Candidate(
                severity,
                Message.of(
                    N_("{insats}: the {year} outcome {outcome} exceeds the budget {budget}"),
                    insats=insats.name,
                    year=year.year,
                    outcome=Kr.of(outcome),
                    budget=Kr.of(budget),
                ),
                (Place(f"insatser[{index}].budgets[{b_index}]", Kr.of(outcome).text("sv")),),
                cells=frozenset({("insats", index, "overspent", year.year)}),
            )
    for table in _frame_tables(analysis):
        pairs = _pairs(table)
        if not pairs:
            continue
        for line, row in enumerate(table.lines):
            if row.role is not LineRole.COST or (row.is_total and table.parts(line)):
                continue  # a total's overrun is its lines' overruns: the frames are set per line
            over = []
            for spent_column, budget_column, what in pairs:
                spent = table.canonical[line][spent_column]
                planned = table.canonical[line][budget_column]
                if spent is None or planned is None:
                    continue
                gap = planned - spent  # canonical costs are negative: spending more is smaller
                if gap <= 0:
                    continue
                allowance = settings.rounding.allowance(
                    [table.rounding_unit(spent_column), table.rounding_unit(budget_column)]
                )
                severity = settings.judge(
                    gap, allowance=allowance, base=planned, severity=Severity.WARNING
                )
                if severity is not None:
                    over.append((spent_column, budget_column, what, spent, planned, gap, severity))
            if not over:
                continue
            severity = max((o[6] for o in over), key=lambda s: s.rank)
            details = "; ".join(
                Message.of(
                    N_("{what} {spent} against a budget of {planned} for {period} ({gap} over)")
                    if what == "outcome"
                    else N_(
                        "forecast {spent} for {period} against a budget of {planned} ({gap} over)"
                    ),
                    what=table.statement.columns[s].label,
                    spent=Kr(abs(spent)),
                    planned=Kr(abs(planned)),
                    period=str(table.statement.columns[b].period),
                    gap=Kr(gap),
                ).render()
                for s, b, what, spent, planned, gap, _sev in over
            )
            yield Candidate(
                severity,
                Message.of(
                    N_("{table}: {label!r} is over its budget: {details}"),
                    table=table.statement.title,
                    label=row.label,
                    details=details,
                ),
                tuple(table.place(line, s) for s, _b, *_rest in over),
                cells=frozenset(
                    c for s, b, *_rest in over for c in (table.cell(line, s), table.cell(line, b))
                ),
            )
    yield from _income_statement_lines(analysis)


def _income_statement_lines(analysis: Analysis) -> Iterator[Candidate]:
    """The income statement's cost lines over their budget: one finding per statement, a
    warning when its total costs exceed their budget too, info otherwise."""
    settings = analysis.settings
    for table in analysis.tables:
        if table.statement.kind is not StatementKind.INCOME_STATEMENT:
            continue
        for spent_column, budget_column, _what in _pairs(table):
            over = []
            for line, row in enumerate(table.lines):
                if row.role is not LineRole.COST or row.is_total:
                    continue
                spent = table.canonical[line][spent_column]
                planned = table.canonical[line][budget_column]
                if spent is None or planned is None:
                    continue
                gap = planned - spent  # not over (≤ 0): no allowance to work out
                if gap > 0 and gap > settings.rounding.allowance(
                    [table.rounding_unit(spent_column), table.rounding_unit(budget_column)]
                ):
                    over.append((line, gap))
            if not over:
                continue
            total_spent = table.sum_of(LineRole.COST, spent_column)
            total_planned = table.sum_of(LineRole.COST, budget_column)
            severity = Severity.WARNING if total_spent < total_planned else Severity.INFO
            yield Candidate(
                severity,
                Message.of(
                    N_(
                        "{table}: {count} cost lines exceed their budget ({lines}); all costs "
                        "together are {spent} against {planned}"
                    ),
                    table=table.statement.title,
                    count=len(over),
                    lines=", ".join(
                        f"{table.lines[line].label} +{shown(Kr(gap))}" for line, gap in over
                    ),
                    spent=Kr(abs(total_spent)),
                    planned=Kr(abs(total_planned)),
                ),
                tuple(table.place(line, spent_column) for line, _g in over),
                cells=frozenset({("income statement", table.index, spent_column)}),
            )


def planned_deficit(context: Context) -> Iterator[Candidate]:
    """A planned deficit is covered by equity: budgets and plans whose costs exceed their
    revenue against the equity before the year (stated, or in a related document)."""
    analysis = context.analysis
    document = analysis.document
    if document is None:
        return
    deficits = _budget_deficits(analysis) + _statement_deficits(analysis)
    if not deficits:
        return
    first_year = min(year for year, _d, _p in deficits)
    start = dt.date(first_year, 1, 1)
    stated = document.budget.opening_equity if document.budget is not None else None
    # (what it is, amount, day, whether it is a forecast)
    equity: list[tuple[Message, int, dt.date, bool]] = []
    if stated is not None:
        equity.append((Message.of(N_("as the budget states it")), stated.ore, start, False))
    else:
        for source, kind, amount, day in analysis.equity_before(start):
            title = getattr(source, "title", "")
            if kind == "forecast":
                what = Message.of(N_("forecast for {day} ({title})"), day=day, title=title)
            else:
                what = Message.of(N_("stated at {day} ({title})"), day=day, title=title)
            equity.append((what, amount, day, kind == "forecast"))
        equity += _opening_equity_in_document(analysis, start)
    cumulative = Fraction(0)
    for year, deficit, place in sorted(deficits, key=lambda d: d[0]):
        cumulative += deficit
        if not equity:
            yield Candidate(
                Severity.INFO,
                Message.of(
                    N_(
                        "the budget for {year} plans a deficit of {deficit} to be financed from "
                        "equity, but the document states no equity to cover it"
                    ),
                    year=year,
                    deficit=Kr(deficit),
                ),
                (place,),
                cells=frozenset({("deficit", year)}),
            )
            continue
        actual = [e for e in equity if not e[3]] or equity
        what, amount, _day, _forecast = actual[0]
        if cumulative <= amount:
            continue
        better = [e for e in equity if e[1] >= cumulative and e is not actual[0]]
        also = ""
        if better:
            also = Message.of(
                N_("; the equity {what} ({amount}) would cover it"),
                what=better[0][0].render(),
                amount=Kr(better[0][1]),
            ).render()
        yield Candidate(
            # Covered by a forecast of the equity at the start of the year, not by equity
            # stated: the plan depends on the forecast (info). Covered by nothing: a warning.
            Severity.INFO if better else Severity.WARNING,
            Message.of(
                N_(
                    "the budget for {year} plans a deficit of {deficit} (cumulative {cumulative}) "
                    "to be financed from equity, but the equity is {amount}, {what}{also}"
                ),
                year=year,
                deficit=Kr(deficit),
                cumulative=Kr(cumulative),
                what=what.render(),
                amount=Kr(amount),
                also=also,
            ),
            (place,),
            cells=frozenset({("deficit", year)}),
        )


def _budget_deficits(analysis: Analysis) -> list[tuple[int, Fraction, Place]]:
    budget = analysis.document.budget
    if budget is None:
        return []
    found = []
    for position, year in enumerate(budget.years):
        result = budget.result(year)
        if result.ore < 0:
            found.append(
                (year, Fraction(-result.ore), Place(f"budget.years[{position}]", str(year)))
            )
    return found


def _statement_deficits(analysis: Analysis) -> list[tuple[int, Fraction, Place]]:
    """Planned results of annual budget columns in the tables (a follow-up's budget result)."""
    found: dict[int, tuple[int, Fraction, Place]] = {}
    for table in analysis.tables:
        for column, heading in enumerate(table.statement.columns):
            if heading.kind is not ColumnKind.BUDGET or not table.is_exact(column):
                continue
            assert heading.period is not None
            results = [i for i, line in enumerate(table.lines) if line.role is LineRole.RESULT]
            if not results:
                continue
            value = table.canonical[results[-1]][column]
            if value is None or value >= 0:
                continue
            year = heading.period.start.year
            found.setdefault(year, (year, Fraction(-value), table.place(results[-1], column)))
    return list(found.values())


def _opening_equity_in_document(
    analysis: Analysis, start: dt.date
) -> list[tuple[Message, int, dt.date, bool]]:
    """Equity at the end of the year before, as the document's own balance sheet states it."""
    found = []
    for table in analysis.tables:
        if table.statement.kind is not StatementKind.BALANCE_SHEET:
            continue
        for column, heading in enumerate(table.statement.columns):
            period = heading.period
            if period is None:
                continue
            if heading.kind is ColumnKind.OPENING and period.start == start:
                day = start
            elif period.end == start - dt.timedelta(days=1):
                day = period.end
            else:
                continue
            found.append(
                (
                    Message.of(N_("at {day} ({table})"), day=day, table=table.statement.title),
                    table.sum_of(LineRole.EQUITY, column),
                    day,
                    False,
                )
            )
    return found


#: The policy checks, in the order they run.
POLICY_CHECKS = [
    Check(
        "FS-POL-001",
        "policy",
        "equity stays within the ceiling the förbund set itself (share of budgeted revenue)",
        _OWN,
        equity_ceiling,
    ),
    Check(
        "FS-POL-002",
        "policy",
        "insats funds are being used: insatsmedel, each insats and its parts, against time",
        "the förbund's budget; utilisation (förbrukningsgrad)",
        insats_fund_utilisation,
    ),
    Check(
        "FS-POL-003",
        "policy",
        "spending stays within its frame: insatser, cost centres (outcome and forecast), "
        "income statement lines",
        "the förbund's budget",
        overspending,
    ),
    Check(
        "FS-POL-004",
        "policy",
        "a planned deficit is covered by equity",
        "the förbund's budget; eget kapital",
        planned_deficit,
    ),
]
