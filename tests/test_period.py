"""`finsam.Period` (closed date ranges) and `finsam.prorate`."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam import KRONA, ORE, TKR, Amount, Period, prorate

D = dt.date

# -- strategies -----------------------------------------------------------------------------

DATES = st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))
YEARS = st.integers(min_value=1900, max_value=2100)


@st.composite
def periods(draw: st.DrawFn, dates: st.SearchStrategy[dt.date] = DATES) -> Period:
    a, b = draw(dates), draw(dates)
    return Period(min(a, b), max(a, b))


@st.composite
def month_periods(draw: st.DrawFn) -> Period:
    year = draw(YEARS)
    first = draw(st.integers(min_value=1, max_value=12))
    last = draw(st.integers(min_value=first, max_value=12))
    return Period.of_months(year, first, last)


@st.composite
def day_periods_in_a_year(draw: st.DrawFn) -> Period:
    year = draw(YEARS)
    return draw(periods(st.dates(min_value=D(year, 1, 1), max_value=D(year, 12, 31))))


UNITS = st.sampled_from([ORE, KRONA, TKR])


@st.composite
def annual_and_unit(draw: st.DrawFn) -> tuple[Amount, Amount]:
    unit = draw(UNITS)
    count = draw(
        st.one_of(
            st.integers(min_value=-1000, max_value=1000),
            st.integers(min_value=-((10**17 - 1) // unit.ore), max_value=(10**17 - 1) // unit.ore),
        )
    )
    return Amount.from_ore(count * unit.ore), unit


# -- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019-01-01 – 2019-06-30", D(2019, 1, 1), D(2019, 6, 30)),
        ("2019-01-01 -2019-06-30", D(2019, 1, 1), D(2019, 6, 30)),
        ("2019-01-01-2019-06-30", D(2019, 1, 1), D(2019, 6, 30)),
        ("2019-01-01 — 2019-06-30", D(2019, 1, 1), D(2019, 6, 30)),
        ("2019-01-01 − 2019-06-30", D(2019, 1, 1), D(2019, 6, 30)),
        ("2019-01-01 till 2019-06-30", D(2019, 1, 1), D(2019, 6, 30)),
        ("  2019-01-01 – 2019-06-30  ", D(2019, 1, 1), D(2019, 6, 30)),
        ("16-01-01 – 16-08-31", D(2016, 1, 1), D(2016, 8, 31)),
        ("2019-1-1 – 2019-6-30", D(2019, 1, 1), D(2019, 6, 30)),
        ("2019", D(2019, 1, 1), D(2019, 12, 31)),
        ("2019-03-05 – 2019-03-05", D(2019, 3, 5), D(2019, 3, 5)),
    ],
)
def test_parse(text: str, start: dt.date, end: dt.date) -> None:
    assert Period.parse(text) == Period(start, end)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("2025-06-01 – 2025-06-31", "2025-06-31"),
        ("2025-06-31 – 2025-07-31", "2025-06-31"),
        ("2019-13-01 – 2019-12-31", "2019-13-01"),
        ("2019-02-29 – 2019-03-31", "2019-02-29"),
        ("19-02-30 – 19-03-31", "19-02-30"),
    ],
)
def test_invalid_date_is_named(text: str, bad: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        Period.parse(text)


@pytest.mark.parametrize(
    "text", ["", "abc", "2019-01-01", "2019-01-01 – ", "20190101 – 20190630", "201", "19"]
)
def test_malformed_period_is_an_error(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"{text.strip()!r} is not a period")):
        Period.parse(text)


def test_end_before_start_is_an_error() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Period.parse("2019-06-30 – 2019-01-01")
    with pytest.raises(ValueError, match="before it starts"):
        Period(D(2019, 1, 2), D(2019, 1, 1))


def test_dates_must_be_dates() -> None:
    with pytest.raises(TypeError):
        Period("2019-01-01", "2019-06-30")  # type: ignore[arg-type]


@given(periods())
def test_str_round_trip(period: Period) -> None:
    text = str(period)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}", text)
    assert Period.parse(text) == period


def test_str() -> None:
    assert str(Period.of_months(2016, 1, 8)) == "2016-01-01 – 2016-08-31"


# -- length ---------------------------------------------------------------------------------


def test_months_and_days_examples() -> None:
    h1 = Period.parse("2019-01-01 – 2019-06-30")
    assert (h1.months, h1.days) == (6, 181)
    assert Period.year(2020).days == 366
    assert Period.year(2019).days == 365
    assert Period.year(2019).months == 12
    assert Period(D(2019, 1, 1), D(2020, 12, 31)).months == 24
    assert Period(D(2019, 11, 1), D(2020, 2, 29)).months == 4
    assert Period(D(2019, 3, 5), D(2019, 3, 5)).days == 1


@given(periods())
def test_days_counts_both_ends(period: Period) -> None:
    assert period.days == (period.end - period.start).days + 1
    assert period.days >= 1


@given(YEARS, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=12))
def test_of_months(year: int, a: int, b: int) -> None:
    first, last = min(a, b), max(a, b)
    period = Period.of_months(year, first, last)
    assert period.start == D(year, first, 1)
    assert period.end == D(year, last, calendar.monthrange(year, last)[1])
    assert period.is_whole_months
    assert period.months == last - first + 1
    assert period.days == sum(calendar.monthrange(year, m)[1] for m in range(first, last + 1))


@pytest.mark.parametrize(("first", "last"), [(0, 5), (3, 2), (1, 13), (13, 13)])
def test_of_months_refuses_bad_months(first: int, last: int) -> None:
    with pytest.raises(ValueError, match="months"):
        Period.of_months(2019, first, last)


@pytest.mark.parametrize(
    "text",
    ["2019-01-02 – 2019-06-30", "2019-01-01 – 2019-06-29", "2019-01-15 – 2019-02-14"],
)
def test_months_of_a_partial_month_period_is_an_error(text: str) -> None:
    period = Period.parse(text)
    assert not period.is_whole_months
    with pytest.raises(ValueError, match="whole number of calendar months"):
        _ = period.months


@given(periods(st.dates(min_value=D(1, 1, 1), max_value=D(9998, 12, 31))))
def test_is_whole_months(period: Period) -> None:
    last_day = calendar.monthrange(period.end.year, period.end.month)[1]
    assert period.is_whole_months == (period.start.day == 1 and period.end.day == last_day)


def test_year_9999_has_twelve_months() -> None:
    assert Period.year(9999).months == 12


# -- containment and overlap ----------------------------------------------------------------


@given(periods(), periods())
def test_contains_and_overlaps(p: Period, q: Period) -> None:
    assert p.overlaps(q) == q.overlaps(p)
    assert p.overlaps(q) == (q.start in p or p.start in q)
    assert p.overlaps(q) == (max(p.start, q.start) <= min(p.end, q.end))
    assert (q in p) == (q.start in p and q.end in p)
    if q in p:
        assert p.overlaps(q)
    if q in p and p in q:
        assert p == q
    assert p in p
    assert p.overlaps(p)


@given(periods(), DATES)
def test_contains_date(p: Period, day: dt.date) -> None:
    assert (day in p) == (p.start <= day <= p.end)
    assert (day in p) == p.overlaps(Period(day, day))


def test_contains_and_overlaps_examples() -> None:
    h1 = Period.of_months(2019, 1, 6)
    h2 = Period.of_months(2019, 7, 12)
    assert D(2019, 6, 30) in h1
    assert D(2019, 7, 1) not in h1
    assert h1 in Period.year(2019)
    assert Period.year(2019) not in h1
    assert not h1.overlaps(h2)
    assert h1.overlaps(Period(D(2019, 6, 30), D(2019, 7, 1)))


# -- fractions ------------------------------------------------------------------------------


def test_fraction_examples() -> None:
    assert Period.of_months(2016, 1, 8).fraction_of(Period.year(2016)) == Fraction(2, 3)
    h1 = Period.parse("2019-01-01 – 2019-06-30")
    assert h1.fraction_of_year() == Fraction(1, 2)
    assert h1.fraction_of(Period.year(2019), by="days") == Fraction(181, 365)
    assert h1.fraction_of_year(by="days") == Fraction(181, 365)
    assert Period.parse("2020-01-01 – 2020-06-30").fraction_of_year(by="days") == Fraction(182, 366)
    assert Period.year(2019).fraction_of_year() == 1
    assert Period.year(2019).fraction_of_year(by="days") == 1


@given(month_periods())
def test_fraction_of_year_by_months(period: Period) -> None:
    assert period.fraction_of_year() == Fraction(period.months, 12)
    assert period.fraction_of(Period.year(period.start.year), by="months") == Fraction(
        period.months, 12
    )


@given(day_periods_in_a_year())
def test_fraction_of_year_by_days(period: Period) -> None:
    year_days = 366 if calendar.isleap(period.start.year) else 365
    assert period.fraction_of_year(by="days") == Fraction(period.days, year_days)
    assert 0 < period.fraction_of_year(by="days") <= 1


def test_fraction_errors() -> None:
    with pytest.raises(ValueError, match="not inside"):
        Period.year(2019).fraction_of(Period.of_months(2019, 1, 6))
    with pytest.raises(ValueError, match="more than one calendar year"):
        Period(D(2019, 7, 1), D(2020, 6, 30)).fraction_of_year()
    with pytest.raises(ValueError, match="whole number of calendar months"):
        Period.parse("2019-01-01 – 2019-06-15").fraction_of_year()
    with pytest.raises(ValueError, match="'weeks'"):
        Period.of_months(2019, 1, 6).fraction_of_year(by="weeks")  # type: ignore[arg-type]


# -- prorate --------------------------------------------------------------------------------


def test_prorate_examples() -> None:
    assert prorate(Amount.from_tkr(16_692), Period.of_months(2016, 1, 8), unit=TKR) == (
        Amount.from_tkr(11_128)
    )
    assert prorate(Amount.from_kr(13_319_000), Period.parse("2019-01-01 – 2019-06-30")) == (
        Amount.from_kr(6_659_500)
    )
    assert prorate(
        Amount.from_kr(13_319_000), Period.parse("2019-01-01 – 2019-06-30"), unit=KRONA
    ) == Amount.from_kr(6_659_500)
    # 13 319 000 kr * 181/365 = 6 604 764,3836 kr
    assert prorate(
        Amount.from_kr(13_319_000), Period.parse("2019-01-01 – 2019-06-30"), by="days"
    ) == Amount.from_ore(660_476_438)


@given(annual_and_unit(), st.one_of(month_periods(), day_periods_in_a_year()))
def test_prorate_is_whole_units_within_one_unit_of_the_exact_share(
    annual_unit: tuple[Amount, Amount], period: Period
) -> None:
    annual, unit = annual_unit
    by = "months" if period.is_whole_months else "days"
    part = prorate(annual, period, by=by, unit=unit)
    exact = annual.ore * period.fraction_of_year(by=by)
    assert part.is_multiple_of(unit)
    assert part.ore // unit.ore in {
        math.floor(exact / unit.ore),
        math.ceil(exact / unit.ore),
    }
    assert abs(part.ore - exact) < unit.ore
    assert prorate(-annual, period, by=by, unit=unit) == -part


@given(annual_and_unit(), YEARS, st.sampled_from(["months", "days"]))
def test_prorate_over_the_whole_year_is_the_annual_amount(
    annual_unit: tuple[Amount, Amount], year: int, by: str
) -> None:
    annual, unit = annual_unit
    assert prorate(annual, Period.year(year), by=by, unit=unit) == annual  # type: ignore[arg-type]
    assert prorate(annual, Period.of_months(year, 1, 12), unit=unit) == annual


@given(annual_and_unit(), YEARS, st.integers(min_value=1, max_value=11))
def test_prorate_of_complementary_halves_is_within_one_unit_of_the_year(
    annual_unit: tuple[Amount, Amount], year: int, split: int
) -> None:
    # Each call splits the year into [period, rest] on its own, so the two parts of
    # complementary periods need not add up exactly; they are within one unit.
    annual, unit = annual_unit
    first = prorate(annual, Period.of_months(year, 1, split), unit=unit)
    second = prorate(annual, Period.of_months(year, split + 1, 12), unit=unit)
    assert abs((first + second).ore - annual.ore) <= unit.ore


def test_prorate_refuses_an_annual_amount_that_is_not_whole_units() -> None:
    with pytest.raises(ValueError, match="rounding unit"):
        prorate(Amount.from_ore(150), Period.of_months(2019, 1, 6), unit=KRONA)


@given(periods() | month_periods() | st.integers(1900, 2200).map(Period.year))
def test_a_calendar_year_is_the_period_year_gives(period: Period) -> None:
    assert period.is_calendar_year is (period == Period.year(period.start.year))
