"""Hypothesis strategies for whole interim reports whose parts agree with their wholes.

Every figure is derived from a few drawn ones — the members' contributions from the funding
split, totals from their lines, closing equity from opening equity and the result — so a
generated report passes every rule check with no error. Tests then change one thing and
expect a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from hypothesis import strategies as st

from finsam.accounts import Column, ColumnKind, Line, LineRole, Statement
from finsam.forbund import Board, BoardSeat, Forbund
from finsam.funding import split_funding
from finsam.goals import Goal, RatioLimit
from finsam.insats import AgeBand, Insats, Outcomes, Participants, Status, YearBudget
from finsam.money import KRONA, Amount
from finsam.parties import MemberKind
from finsam.period import Period
from finsam.reports import Forecast, InterimReport, StatedFigure

__all__ = ["interim_reports"]

_YEAR = 2019


def _kr(amount: Amount) -> Decimal:
    return amount.kr.quantize(Decimal(1))


def _total(label: str, role: LineRole, parts: Sequence[Line], **extra: object) -> Line:
    """A stated total that is exactly the sum of `parts` (all in the same sign)."""
    columns = len(parts[0].values)
    values = [sum((p.values[i] or Decimal(0) for p in parts), Decimal(0)) for i in range(columns)]
    return Line(label, role, values, total_of=[p.label for p in parts], **extra)  # type: ignore[arg-type]


def _board(forbund: Forbund) -> Board:
    seats = []
    for index, member in enumerate(forbund.members):
        seats.append(
            BoardSeat(
                f"Ledamot {index}",
                member.name,
                "ledamot",
                chair=index == 0,
                vice_chair=index == 1,
            )
        )
        seats.append(BoardSeat(f"Ersättare {index}", member.name, "ersättare"))
    count = len(forbund.members)
    return Board(seats, stated_ledamoter=count, stated_ersattare=count)


@st.composite
def _insatser(draw: st.DrawFn, forbund: Forbund, period: Period) -> list[Insats]:
    kommun = forbund.members_of(MemberKind.KOMMUN)[0].name
    result = []
    for index in range(draw(st.integers(0, 4))):
        women, men = draw(st.integers(0, 200)), draw(st.integers(0, 200))
        # Outcomes as whole people of those who ended, printed in whole percent.
        exits = draw(st.integers(1, 50))
        work = draw(st.integers(0, exits))
        studies = draw(st.integers(0, exits - work))
        shares = [Decimal(round(Fraction(100 * k, exits))) for k in (work, studies)]
        other = Decimal(round(Fraction(100 * (exits - work - studies), exits)))
        # Real figures (no placeholder below 1 000 kr), used at a pace that keeps up with the
        # year (at least half of the elapsed share, as the utilisation check asks).
        budget = draw(st.sampled_from([0, 1000]) | st.integers(1000, 10_000_000))
        pace = -(-budget * period.months // 24)
        outcome = draw(st.integers(min(max(pace, 1000 if budget else 0), budget), budget))
        low = draw(st.integers(16, 64))
        result.append(
            Insats(
                f"Insats {index + 1}",
                orientation="individinriktad",
                period=Period(period.start, dt.date(_YEAR, 12, 31)),
                lead=kommun,
                cooperating=("Försäkringskassan", "Arbetsförmedlingen"),
                age_band=AgeBand(low, draw(st.integers(low, 64))),
                budgets=[YearBudget(_YEAR, Amount.from_kr(budget), Amount.from_kr(outcome))],
                participants=Participants(women, men, stated_total=women + men),
                outcomes=Outcomes(
                    exits=exits,
                    work=shares[0],
                    work_count=work,
                    studies=shares[1],
                    other=other,
                    stated_total_percent=shares[0] + shares[1] + other,
                ),
                status=Status.ONGOING,
            )
        )
    return result


@st.composite
def interim_reports(draw: st.DrawFn, forbund: Forbund | None = None) -> InterimReport:
    """Interim reports (Jan–Jun to Jan–Aug) whose every stated figure is consistent.

    Contains an income statement, a balance sheet, notes for revenue (one line per member,
    as the funding split gives) and costs, an operating statement with deviations, a
    forecast table and forecast, insatser, a goal with an equity ceiling, a board with
    every member represented, and figures stated twice.
    """
    from finsam.strategies import forbunds

    if forbund is None:
        forbund = draw(forbunds(year=_YEAR))
    months = draw(st.integers(6, 8))
    period = Period.of_months(_YEAR, 1, months)
    current = Period(period.end, period.end)
    previous = Period(dt.date(_YEAR - 1, 12, 31), dt.date(_YEAR - 1, 12, 31))
    split = split_funding(forbund, _YEAR, period=period, unit=KRONA)
    annual = split_funding(forbund, _YEAR, unit=KRONA)

    # Note 1: contributions per member; note 2: costs by kind.
    one = [Column("utfall", str(period.end), ColumnKind.OUTCOME, period=period)]
    revenue_lines = [
        Line(f"Bidrag från {c.member.name}", "intäkt", [_kr(c.amount)], contributor=c.member.name)
        for c in split.contributions
    ]
    note_1 = Statement(
        "not", "Not 1. Verksamhetens intäkter", one,
        [*revenue_lines, _total("Summa", LineRole.REVENUE, revenue_lines)],
        number=1, explains="Verksamhetens intäkter",
    )  # fmt: skip
    cost_kinds = ["Löner och sociala avgifter", "Konsult", "Hyra", "Övriga kostnader"]
    costs = [draw(st.integers(0, 2_000_000)) for _ in cost_kinds]
    cost_lines = [Line(k, "kostnad", [Decimal(v)]) for k, v in zip(cost_kinds, costs, strict=True)]
    note_2 = Statement(
        "not", "Not 2. Verksamhetens kostnader", one,
        [*cost_lines, _total("Summa", LineRole.COST, cost_lines)],
        convention="costs_positive", number=2, explains="Verksamhetens kostnader",
    )  # fmt: skip
    revenue = sum((_kr(c.amount) for c in split.contributions), Decimal(0))
    cost = Decimal(sum(costs))
    financial = Decimal(draw(st.integers(0, 5000)))
    result = revenue - cost - financial

    income_lines = [
        Line("Verksamhetens intäkter", "intäkt", [revenue], note=1),
        Line("Verksamhetens kostnader", "kostnad", [-cost], note=2),
        Line("Finansiella kostnader", "kostnad", [-financial]),
    ]
    income = Statement(
        "resultaträkning", "Resultaträkning", one,
        [*income_lines, _total("Periodens resultat", LineRole.RESULT, income_lines)],
    )  # fmt: skip

    # Budgeted costs for the year; a planned deficit is always covered by opening equity.
    budget_costs = [Decimal(draw(st.integers(0, 3_000_000))) + c for c in (cost, financial)]
    annual_total = _kr(annual.total)
    planned_costs = sum(budget_costs, Decimal(0))
    opening_equity = Decimal(draw(st.integers(0, 20_000_000))) + max(
        planned_costs - annual_total, Decimal(0)
    )
    liabilities = [Decimal(draw(st.integers(0, 5_000_000))) for _ in range(2)]
    receivables = [Decimal(draw(st.integers(0, 1_000_000))) for _ in range(2)]
    equity = [opening_equity + result, opening_equity]
    cash = [equity[i] + liabilities[i] - receivables[i] for i in range(2)]
    two = [
        Column("utfall", str(period.end), ColumnKind.OUTCOME, period=current),
        Column("fg", str(previous.end), ColumnKind.COMPARISON, period=previous),
    ]
    assets = [
        Line("Fordringar", "tillgång", receivables),
        Line("Kassa och bank", "tillgång", cash),
    ]
    claims = [
        Line("Eget kapital", "eget kapital", equity),
        Line("Kortfristiga skulder", "skuld", liabilities),
    ]
    balance = Statement(
        "balansräkning", "Balansräkning", two,
        [*assets, _total("Summa tillgångar", LineRole.ASSET, assets),
         *claims, _total("Summa eget kapital och skulder", LineRole.LIABILITY, claims)],
    )  # fmt: skip

    # Operating statement: annual budget, outcome so far, deviation = budget − outcome.
    follow_columns = [
        Column("budget", "Budget", ColumnKind.BUDGET, period=Period.year(_YEAR)),
        Column("utfall", "Utfall", ColumnKind.OUTCOME, period=period),
        Column("avvikelse", "Avvikelse", ColumnKind.DEVIATION, of=["budget", "utfall"]),
    ]
    follow_costs = [
        Line("Verksamhetskostnader", "kostnad", [budget_costs[0], cost, budget_costs[0] - cost]),
        Line(
            "Finansiella kostnader", "kostnad",
            [budget_costs[1], financial, budget_costs[1] - financial],
        ),
    ]  # fmt: skip
    follow_revenue = [
        Line(
            "Medlemsbidrag", "intäkt", [annual_total, revenue, annual_total - revenue],
            same_as="Resultaträkning/Verksamhetens intäkter",
        )
    ]  # fmt: skip
    operating = Statement(
        "driftredovisning", "Driftredovisning", follow_columns,
        [*follow_costs, _total("Summa kostnader", LineRole.COST, follow_costs),
         *follow_revenue, _total("Summa intäkter", LineRole.REVENUE, follow_revenue)],
        convention="costs_positive",
    )  # fmt: skip

    # Forecast: the year's revenue as budgeted, costs as budgeted.
    forecast_columns = [
        Column("budget", "Budget", ColumnKind.BUDGET, period=Period.year(_YEAR)),
        Column("prognos", "Prognos", ColumnKind.FORECAST, period=Period.year(_YEAR)),
    ]
    forecast_revenue = [Line("Intäkter", "intäkt", [annual_total, annual_total])]
    forecast_costs = [Line("Kostnader", "kostnad", [planned_costs, planned_costs])]
    revenue_total = _total("Summa intäkter", LineRole.REVENUE, forecast_revenue)
    cost_total = _total("Summa kostnader", LineRole.COST, forecast_costs)
    forecast_result = annual_total - planned_costs
    forecast_table = Statement(
        "budgetuppföljning", "Prognos", forecast_columns,
        [*forecast_revenue, revenue_total, *forecast_costs, cost_total,
         Line("Prognostiserat resultat", "resultat", [forecast_result, forecast_result],
              total_of=["Summa intäkter", "Summa kostnader"])],
        convention="costs_positive",
    )  # fmt: skip
    closing = opening_equity + forecast_result
    share = None
    if annual_total:
        share = (closing * 100 / annual_total).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    forecast = Forecast(
        "Prognos",
        opening_equity=Amount.from_kr(opening_equity),
        closing_equity=Amount.from_kr(closing),
        equity_share_percent=share,
    )
    # The förbund's own ceiling, set just above the forecast share so that it holds.
    ceiling = Decimal(100) if share is None else max(share, Decimal(0)) + 1
    goal = Goal(
        "Verksamhet i ekonomisk balans",
        indicators=[RatioLimit("Eget kapital högst en andel av intäkterna", limit_percent=ceiling)],
    )
    figures = [
        StatedFigure("verksamhetens kostnader", cost, "kr", "sammanfattning",
                     refers_to="Resultaträkning/Verksamhetens kostnader/utfall"),
        StatedFigure("verksamhetens kostnader", cost, "kr", "förvaltningsberättelse"),
    ]  # fmt: skip
    return InterimReport(
        forbund=forbund,
        title=f"Delårsrapport januari–{period.end:%m} {_YEAR}",
        period=period,
        decided=period.end + dt.timedelta(days=draw(st.integers(1, 60))),
        statements=[income, balance, operating, note_1, note_2, forecast_table],
        insatser=draw(_insatser(forbund, period)),
        goals=[goal],
        board=_board(forbund),
        target_age_band=AgeBand(16, 64),
        figures=figures,
        forecast=forecast,
    )
