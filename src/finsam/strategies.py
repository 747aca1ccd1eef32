"""Hypothesis strategies for finsam objects, for property-testing code that uses finsam.

Needs the optional extra: ``pip install hypothesis`` (the ``hypothesis`` extra). finsam's own
tests use these same strategies.

>>> from hypothesis import given
>>> from finsam import Amount, split_funding
>>> from finsam.strategies import forbunds
>>> @given(forbunds())
... def test_split_sums(forbund):
...     split = split_funding(forbund, 2019, total=Amount.from_kr(1_000_000))
...     assert split.total == Amount.from_kr(1_000_000)
>>> test_split_sums()
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from finsam._strategies_insats_goals import (
    age_bands,
    assessments,
    goals,
    indicators,
    insatser,
    outcomes,
    participants,
    periods,
    year_budgets,
)
from finsam._strategies_reports import interim_reports
from finsam.forbund import AnnualFunding, Charter, Forbund, OrgNumber, _luhn_check_digit
from finsam.money import KRONA, ORE, TKR, Amount
from finsam.parties import Member, MemberKind, Population
from finsam.period import Period

__all__ = [
    "age_bands",
    "amounts",
    "assessments",
    "charters",
    "forbunds",
    "goals",
    "indicators",
    "insatser",
    "interim_reports",
    "org_numbers",
    "outcomes",
    "participants",
    "percentages",
    "periods",
    "periods_in_year",
    "units",
    "weights",
    "year_budgets",
]

#: Up to 100 mkr by default: far more than any förbund's budget, far less than overflow.
_MAX_ORE = 10_000_000_000


def amounts(
    *, min_ore: int = -_MAX_ORE, max_ore: int = _MAX_ORE, unit: Amount = ORE
) -> st.SearchStrategy[Amount]:
    """Amounts between the bounds (in öre), whole multiples of `unit`."""
    low = -(-min_ore // unit.ore)
    high = max_ore // unit.ore
    return st.integers(low, high).map(lambda n: Amount(n * unit.ore))


def units() -> st.SearchStrategy[Amount]:
    """The usual rounding units: öre, krona, tkr."""
    return st.sampled_from([ORE, KRONA, TKR])


def weights() -> st.SearchStrategy[int | Fraction | Decimal]:
    """Non-negative exact weights: ints, fractions and one-decimal percentages."""
    return st.one_of(
        st.integers(0, 10**7),
        st.fractions(min_value=0, max_value=1000, max_denominator=1000),
        st.integers(0, 1000).map(lambda n: Decimal(n).scaleb(-1)),
    )


def percentages(names: list[str]) -> st.SearchStrategy[dict[str, Decimal]]:
    """One-decimal percentages for `names` that sum to exactly 100.0."""
    if not names:
        raise ValueError("percentages need at least one name")

    def build(cuts: list[int]) -> dict[str, Decimal]:
        bounds = [0, *sorted(cuts), 1000]
        return {name: Decimal(bounds[i + 1] - bounds[i]).scaleb(-1) for i, name in enumerate(names)}

    return st.lists(st.integers(0, 1000), min_size=len(names) - 1, max_size=len(names) - 1).map(
        build
    )


def org_numbers() -> st.SearchStrategy[OrgNumber]:
    """Valid organisationsnummer of public bodies (leading 2, correct check digit)."""

    def build(body: int) -> OrgNumber:
        digits = f"2{body:08d}"
        return OrgNumber(digits + str(_luhn_check_digit(digits)))

    return st.integers(0, 99_999_999).map(build)


def periods_in_year(year: int = 2019) -> st.SearchStrategy[Period]:
    """Whole-month periods inside `year` (Jan–Jun, Mar–Aug, the whole year...)."""
    return (
        st.tuples(st.integers(1, 12), st.integers(1, 12))
        .map(sorted)
        .map(lambda months: Period.of_months(year, months[0], months[1]))
    )


def charters(
    kommuner: list[str], regions: list[str], *, population_date: dt.date | None = None
) -> st.SearchStrategy[Charter]:
    """A charter for these members: percentages, or population weights when a date is given."""
    region_shares = percentages(regions) if len(regions) > 1 else st.just({})
    if population_date is not None:
        return region_shares.map(
            lambda r: Charter(
                dt.date(2010, 1, 1), population_date=population_date, region_percentages=r
            )
        )
    return st.builds(
        lambda k, r: Charter(dt.date(2010, 1, 1), kommun_percentages=k, region_percentages=r),
        percentages(kommuner),
        region_shares,
    )


@st.composite
def forbunds(
    draw: st.DrawFn, *, max_kommuner: int = 12, max_regions: int = 2, year: int = 2019
) -> Forbund:
    """Förbund that satisfy § 3, with a valid charter and a funding total for `year`."""
    kommun_count = draw(st.integers(1, max_kommuner))
    region_count = draw(st.integers(1, max_regions))
    kommuner = [f"Kommun {i + 1}" for i in range(kommun_count)]
    regions = [f"Region {i + 1}" for i in range(region_count)]
    by_population = draw(st.booleans())
    reference = dt.date(year - 1, 11, 1)
    members = [
        Member("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN),
        Member("Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN),
        *(Member(name, MemberKind.REGION) for name in regions),
        *(
            Member(
                name,
                MemberKind.KOMMUN,
                population=Population(draw(st.integers(2_000, 1_000_000)), reference)
                if by_population
                else None,
            )
            for name in kommuner
        ),
    ]
    charter = draw(
        charters(kommuner, regions, population_date=reference if by_population else None)
    )
    total = draw(amounts(min_ore=0, max_ore=_MAX_ORE, unit=KRONA))
    place = draw(st.text("abcdefghijklmnopqrstuvwxyzåäö", min_size=1, max_size=10))
    return Forbund(
        name=f"Samordningsförbund {place.capitalize()}",
        org_number=draw(org_numbers()),
        seat="Säte",
        founded=dt.date(2005, 1, 1),
        members=tuple(members),
        charters=(charter,),
        funding=(AnnualFunding(year, total),),
    )
