"""Budgets and multi-year plans: revenue by party, costs by category, the planned result.

A `Budget` holds the plan's own figures per year. Derived figures (revenue, costs, planned
result, a planned deficit financed from equity, closing equity) are computed; totals the
plan prints are kept separately (`stated_revenue`, `stated_costs`) for the rule checks.
Follow-up against outcome and forecast lives in printed tables (`finsam.Statement` with
budget, outcome, forecast and deviation columns).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from finsam._fields import Model
from finsam.forbund import Forbund
from finsam.funding import split_funding
from finsam.money import KRONA, Amount, _trusted_amount
from finsam.parties import Party
from finsam.printed import NOTHING_PRINTED, Printed, to_printed

__all__ = ["Budget", "BudgetCategory", "BudgetLine", "revenue_lines_from_split"]


class BudgetCategory(enum.Enum):
    """Where money comes from or goes to in a förbund's budget."""

    STATE = "staten"
    REGION = "region"
    KOMMUNER = "kommunerna"
    ESF = "esf"
    INTEREST = "ränteintäkter"
    OTHER_REVENUE = "övriga intäkter"
    INSATSMEDEL = "insatsmedel"
    STAFF = "personalkostnader"
    OTHER_EXTERNAL = "övriga externa kostnader"
    COST_CENTRE = "kostnadsställe"

    @property
    def is_revenue(self) -> bool:
        """Whether lines of this category are revenue (else costs)."""
        return self in _REVENUE


# A member passes as it is: Enum.__call__ is slow, and the loader already gives members.
def _budget_category(value: BudgetCategory | str) -> BudgetCategory:
    return value if type(value) is BudgetCategory else BudgetCategory(value)


_REVENUE = frozenset(
    {
        BudgetCategory.STATE,
        BudgetCategory.REGION,
        BudgetCategory.KOMMUNER,
        BudgetCategory.ESF,
        BudgetCategory.INTEREST,
        BudgetCategory.OTHER_REVENUE,
    }
)
_PARTY_CATEGORY = {
    Party.STATE: BudgetCategory.STATE,
    Party.REGION: BudgetCategory.REGION,
    Party.KOMMUNER: BudgetCategory.KOMMUNER,
}


def _amounts(values: Iterable[Amount | None]) -> tuple[Amount | None, ...]:
    result = tuple(values)
    for index, value in enumerate(result):
        if value is not None and not isinstance(value, Amount):
            raise TypeError(f"amounts[{index}]: expected an Amount, got {type(value).__name__}")
    return result


@attrs.frozen(repr=False, eq=False)
class BudgetLine(Model):
    """One budget line, with an amount per plan year (positive for revenue and costs alike).

    A line may leave `amounts` empty (a heading the plan prints without figures).

    Attributes:
        label: The line as printed ("Insatsmedel").
        category: Revenue by party or other source, or a cost category or cost centre.
        amounts: One amount per year of the budget (None where the plan leaves it blank).
        granted: For insatsmedel, the part already granted to insatser (*varav redan
            beviljat*), per year; empty when not stated.
        available: For insatsmedel, the part available for new insatser, per year.
        printed: Texts as printed that could not be read or say more than the values
            (see `finsam.printed`).
    """

    label: str
    category: BudgetCategory = attrs.field(converter=_budget_category)
    amounts: tuple[Amount | None, ...] = attrs.field(converter=_amounts)
    granted: tuple[Amount | None, ...] = attrs.field(default=(), converter=_amounts)
    available: tuple[Amount | None, ...] = attrs.field(default=(), converter=_amounts)
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)


def _lines(values: Iterable[BudgetLine]) -> tuple[BudgetLine, ...]:
    return tuple(values)


def _years(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(values)


@attrs.frozen(repr=False, eq=False)
class Budget(Model):
    """An annual or multi-year budget.

    Attributes:
        years: The plan years, in order (e.g. 2020, 2021, 2022).
        lines: Revenue and cost lines, each with one amount per year.
        stated_revenue: "Summa intäkter" per year as printed, if the plan prints it.
        stated_costs: Total costs per year as printed, if the plan prints it.
        opening_equity: Equity at the start of the first year, if known.
        printed: Texts as printed that could not be read or say more than the values
            (see `finsam.printed`).

    Example:
        >>> from finsam import Amount, Budget, BudgetCategory, BudgetLine
        >>> budget = Budget(
        ...     years=[2020],
        ...     lines=[
        ...         BudgetLine("Medlemsbidrag", BudgetCategory.STATE, [Amount.from_tkr(100)]),
        ...         BudgetLine("Insatsmedel", BudgetCategory.INSATSMEDEL, [Amount.from_tkr(130)]),
        ...     ],
        ...     opening_equity=Amount.from_tkr(50),
        ... )
        >>> budget.result(2020), budget.financed_from_equity(2020), budget.closing_equity(2020)
        (Amount.parse('-30 000 kr'), Amount.parse('30 000 kr'), Amount.parse('20 000 kr'))
    """

    years: tuple[int, ...] = attrs.field(converter=_years)
    lines: tuple[BudgetLine, ...] = attrs.field(converter=_lines)
    stated_revenue: tuple[Amount | None, ...] = attrs.field(default=(), converter=_amounts)
    stated_costs: tuple[Amount | None, ...] = attrs.field(default=(), converter=_amounts)
    opening_equity: Amount | None = None
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if list(self.years) != sorted(set(self.years)) or not self.years:
            raise ValueError(f"years must be distinct and in order, got {list(self.years)}")
        if list(self.years) != list(range(self.years[0], self.years[-1] + 1)):
            raise ValueError(f"years must be consecutive, got {list(self.years)}")
        count = len(self.years)
        for index, line in enumerate(self.lines):
            for name in ("amounts", "granted", "available"):
                values = getattr(line, name)
                if values and len(values) != count:
                    raise ValueError(
                        f"lines[{index}].{name} ({line.label!r}): {len(values)} values "
                        f"for {count} years"
                    )
        for name in ("stated_revenue", "stated_costs"):
            values = getattr(self, name)
            if values and len(values) != count:
                raise ValueError(f"{name}: {len(values)} values for {count} years")

    def _index(self, year: int) -> int:
        if year not in self.years:
            raise KeyError(f"the budget covers {list(self.years)}, not {year}")
        return self.years.index(year)

    def _sum(self, year: int, *, revenue: bool) -> Amount:
        index = self._index(year)
        ore = 0  # in whole öre, one Amount at the end: the checks ask for these sums often
        for line in self.lines:
            if index < len(line.amounts) and line.category.is_revenue is revenue:
                amount = line.amounts[index]
                if amount is not None:
                    ore += amount.ore
        return _trusted_amount(ore)  # as Amount's own sum: no bound on a sum of amounts

    def revenue(self, year: int) -> Amount:
        """Total budgeted revenue for `year`."""
        return self._sum(year, revenue=True)

    def costs(self, year: int) -> Amount:
        """Total budgeted costs for `year`."""
        return self._sum(year, revenue=False)

    def result(self, year: int) -> Amount:
        """Planned result for `year`: revenue − costs (negative for a planned deficit)."""
        return self.revenue(year) - self.costs(year)

    def financed_from_equity(self, year: int) -> Amount:
        """The planned deficit of `year`, to be financed from equity (zero with a surplus)."""
        return max(-self.result(year), Amount(0))

    def closing_equity(self, year: int) -> Amount:
        """Equity at the end of `year`: opening equity plus the planned results so far."""
        if self.opening_equity is None:
            raise ValueError("the budget states no opening equity")
        index = self._index(year)
        return self.opening_equity + sum(
            (self.result(y) for y in self.years[: index + 1]), Amount(0)
        )

    def records(self) -> list[dict[str, Any]]:
        """One row per line and year, numbers as numbers (öre as int, kronor as `Decimal`),
        ready for `pandas.DataFrame`.

        >>> from finsam import load_report
        >>> load_report("gavleborg-plan-2020-2022").budget.records()[0]["amount_kr"]
        Decimal('6660000.00')
        """
        rows = []
        for line in self.lines:
            for index, year in enumerate(self.years):
                amount = line.amounts[index] if index < len(line.amounts) else None
                granted = line.granted[index] if index < len(line.granted) else None
                available = line.available[index] if index < len(line.available) else None
                rows.append(
                    {
                        "label": line.label,
                        "category": line.category.value,
                        "is_revenue": line.category.is_revenue,
                        "year": year,
                        "amount_ore": None if amount is None else amount.ore,
                        "amount_kr": None if amount is None else amount.kr,
                        "granted_kr": None if granted is None else granted.kr,
                        "available_kr": None if available is None else available.kr,
                    }
                )
        return rows

    def to_pandas(self) -> Any:
        """The budget as a `pandas.DataFrame` (see `records`); needs pandas."""
        from finsam.present.frames import frame

        return frame(self.records())

    def _repr_html_(self) -> str:
        from finsam.present.html import budget_table

        return budget_table(self)

    def equity_share_of_revenue(self, year: int) -> Fraction:
        """Closing equity as a share of budgeted revenue, as förbund state their ceiling."""
        revenue = self.revenue(year)
        if revenue.is_zero:
            raise ZeroDivisionError(f"no budgeted revenue in {year}")
        return Fraction(self.closing_equity(year).ore, revenue.ore)


def revenue_lines_from_split(
    forbund: Forbund, years: Iterable[int], *, unit: Amount = KRONA
) -> tuple[BudgetLine, ...]:
    """Member revenue lines (state, region, kommuner) from the funding-split calculator.

    >>> from finsam import load_forbund, revenue_lines_from_split
    >>> lines = revenue_lines_from_split(load_forbund("gavleborg"), [2020, 2021])
    >>> [(line.label, line.amounts[0].plain()) for line in lines]
    [('Staten', '6 660 000 kr'), ('Region', '3 330 000 kr'), ('Kommunerna', '3 330 000 kr')]
    """
    splits = [split_funding(forbund, year, unit=unit).by_party() for year in years]
    return tuple(
        BudgetLine(party.value.capitalize(), _PARTY_CATEGORY[party], [s[party] for s in splits])
        for party in Party
    )
