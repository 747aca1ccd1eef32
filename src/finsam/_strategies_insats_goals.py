"""Hypothesis strategies for insatser, goals and indicators (to merge into `strategies`).

Needs the optional extra: ``pip install hypothesis`` (the ``hypothesis`` extra).

>>> from hypothesis import given
>>> from finsam._strategies_insats_goals import goals
>>> @given(goals())
... def test_goal_assessment_is_manual_or_computed(goal):
...     assert goal.assessment in (goal.manual, goal.computed)
>>> test_goal_assessment_is_manual_or_computed()
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from finsam.goals import (
    Assessment,
    Goal,
    Improvement,
    Indicator,
    NationalComparison,
    RatioLimit,
    TargetIndicator,
    YesNo,
)
from finsam.insats import (
    AgeBand,
    Insats,
    Orientation,
    Outcomes,
    Participants,
    RegistrationMode,
    Status,
    YearBudget,
)
from finsam.money import KRONA, Amount
from finsam.period import Period

__all__ = [
    "age_bands",
    "assessments",
    "goals",
    "indicators",
    "insatser",
    "outcomes",
    "participants",
    "periods",
    "year_budgets",
]

# Swedish letters and the characters HTML and JSON must escape.
_TEXT = st.text("abcdefghijklmnopqrstuvwxyzåäöÅÄÖ <>&\"'–%0123456789", max_size=40)
_NAME = st.text("abcdefghijklmnopqrstuvwxyzåäöÅÄÖ<&-", min_size=1, max_size=20).map(
    lambda text: f"Insats {text}"
)

#: Up to 10 mkr per year and insats, in whole kronor, as the report tables print them.
_MAX_ORE = 1_000_000_000


def assessments(*, ranked_only: bool = False) -> st.SearchStrategy[Assessment]:
    """Any assessment, or only the four ranked ones (no `UTGAR`)."""
    members = [a for a in Assessment if not ranked_only or a.rank is not None]
    return st.sampled_from(members)


def _figures(low: int = -1000, high: int = 100_000, places: int = 1) -> st.SearchStrategy[Decimal]:
    """Exact decimals with `places` decimals between `low` and `high`."""
    scale = 10**places
    return st.integers(low * scale, high * scale).map(lambda n: Decimal(n).scaleb(-places))


def _percentages() -> st.SearchStrategy[Decimal]:
    """One-decimal percentages from 0 to 100."""
    return _figures(0, 100)


def _indicator_common() -> dict[str, st.SearchStrategy[object]]:
    return {
        "description": _TEXT.map(lambda text: f"Indikator {text}"),
        "manual": st.none() | assessments(),
        "dropped": st.booleans(),
    }


def indicators() -> st.SearchStrategy[Indicator]:
    """Indicators of every kind, with or without figures, manual assessments and drops."""
    optional = st.none() | _figures()
    return st.one_of(
        st.builds(
            TargetIndicator,
            target=_figures(0),
            measured=st.none() | _figures(0),
            unit=st.sampled_from(["ärenden", "%", "träffar", ""]),
            at_least=st.booleans(),
            **_indicator_common(),
        ),
        st.builds(
            RatioLimit,
            limit_percent=_percentages(),
            ceiling=st.booleans(),
            measured_percent=st.none() | _figures(-100, 200),
            **_indicator_common(),
        ),
        st.builds(
            NationalComparison,
            local=optional,
            national=optional,
            local_women=optional,
            local_men=optional,
            national_women=optional,
            national_men=optional,
            **_indicator_common(),
        ),
        st.builds(
            Improvement,
            previous=optional,
            current=optional,
            higher_is_better=st.booleans(),
            **_indicator_common(),
        ),
        st.builds(YesNo, fulfilled=st.none() | st.booleans(), **_indicator_common()),
    )


def goals(*, max_indicators: int = 6) -> st.SearchStrategy[Goal]:
    """Goals with up to `max_indicators` indicators and, sometimes, a manual assessment."""
    return st.builds(
        Goal,
        _TEXT.map(lambda text: f"Mål {text}"),
        name=st.sampled_from(["", "Inriktningsmål 1", "5.4"]),
        indicators=st.lists(indicators(), max_size=max_indicators).map(tuple),
        manual=st.none() | assessments(),
        comment=_TEXT,
    )


def age_bands() -> st.SearchStrategy[AgeBand]:
    """Valid age bands inside 0–120."""
    return st.tuples(st.integers(0, 120), st.integers(0, 120)).map(
        lambda ages: AgeBand(min(ages), max(ages))
    )


def participants() -> st.SearchStrategy[Participants]:
    """Head counts by gender, sometimes none at all, sometimes with a printed total."""
    count = st.integers(0, 500)
    return st.builds(
        Participants,
        count,
        count,
        st.integers(0, 20),
        stated_total=st.none() | st.integers(0, 1100),
    )


def outcomes() -> st.SearchStrategy[Outcomes]:
    """Outcome shares as printed; they need not sum to 100."""
    share = st.none() | _percentages()
    return st.builds(
        Outcomes,
        exits=st.none() | st.integers(0, 500),
        work=share,
        studies=share,
        job_seeking=share,
        other=share,
        stated_total_percent=share,
    )


def year_budgets(year: int = 2019) -> st.SearchStrategy[YearBudget]:
    """A year's budget and outcome in whole kronor, either possibly missing or zero."""
    amount = st.none() | st.integers(0, _MAX_ORE // KRONA.ore).map(Amount.from_kr)
    return st.builds(YearBudget, st.just(year), amount, amount)


def periods(
    first: dt.date = dt.date(2015, 1, 1), last: dt.date = dt.date(2023, 12, 31)
) -> st.SearchStrategy[Period]:
    """Periods of any length between `first` and `last`, single days included."""
    day = st.dates(first, last)
    return st.tuples(day, day).map(sorted).map(lambda days: Period(days[0], days[1]))


@st.composite
def insatser(draw: st.DrawFn, *, years: tuple[int, int] = (2016, 2022)) -> Insats:
    """Insatser with any mix of stated and missing details, one budget per year at most."""
    budget_years = draw(st.lists(st.integers(*years), unique=True, max_size=3))
    return Insats(
        draw(_NAME),
        orientation=draw(st.sampled_from(Orientation)),
        period=draw(st.none() | periods()),
        purpose=draw(_TEXT),
        targets=draw(st.lists(_TEXT, max_size=4)),
        registration=draw(st.none() | st.sampled_from(RegistrationMode)),
        target_group=draw(_TEXT),
        age_band=draw(st.none() | age_bands()),
        budgets=[draw(year_budgets(year)) for year in budget_years],
        lead=draw(st.sampled_from(["Samordningsförbund Gävleborg", "Arbetsförmedlingen", ""])),
        cooperating=draw(
            st.lists(st.sampled_from(["Försäkringskassan", "Region Gävleborg", "Gävle kommun"]))
        ),
        participants=draw(st.none() | participants()),
        outcomes=draw(st.none() | outcomes()),
        status=draw(st.none() | st.sampled_from(Status)),
        result=draw(_TEXT),
        comment=draw(_TEXT),
        assessment=draw(st.none() | assessments()),
    )
