"""Reporting periods: closed date ranges, their length in months or days, and pro-rating.

A `Period` includes both its first and its last day, as reports print them:
``2019-01-01 – 2019-06-30`` is the first half of 2019.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Literal

import attrs

from finsam._fields import Model
from finsam.allocation import allocate
from finsam.money import ORE, Amount

__all__ = ["Period", "ProrateBy", "prorate"]

#: How to measure a period against its year: whole calendar months, or days.
ProrateBy = Literal["months", "days"]

_DATE = r"(\d{4}-\d{1,2}-\d{1,2}|\d{2}-\d{2}-\d{2})"
_RANGE_RE = re.compile(rf"^\s*{_DATE}\s*(?:–|—|-|−|to|till)\s*{_DATE}\s*$")
_DASH = r"\s*(?:–|—|-|−|till)\s*"
# The rarer forms below are compiled on first use (by `re`'s own cache), not by every import.
_YEAR_RANGE = rf"^\s*(\d{{4}}){_DASH}(\d{{4}})\s*$"
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "maj": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"([a-zåäö]{3,9})\.?\s+(\d{4})"
_MONTH_RANGE = rf"^\s*{_MONTH}{_DASH}{_MONTH}\s*$"


def _days_in_month(year: int, month: int) -> int:
    """The number of days in a month of the Gregorian calendar."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _month(name: str) -> int:
    number = _MONTHS.get(name.casefold()[:3])
    if number is None or not (
        name.casefold().startswith(
            (
                "januari",
                "februari",
                "mars",
                "april",
                "maj",
                "juni",
                "juli",
                "augusti",
                "september",
                "oktober",
                "november",
                "december",
            )
        )
        or len(name) <= 4
    ):
        raise ValueError(f"{name!r} is not a month")
    return number


def parse_date(text: str) -> dt.date:
    """Parse an ISO date (``2019-06-30``); the short ledger form ``16-08-31`` means 2016.

    >>> from finsam.period import parse_date
    >>> parse_date("16-08-31")
    datetime.date(2016, 8, 31)
    >>> parse_date("2025-06-31")
    Traceback (most recent call last):
    ...
    ValueError: '2025-06-31' is not a valid date (day is out of range for month)
    """
    parts = text.strip().split("-")
    try:
        year, month, day = (int(p) for p in parts)
        if len(parts[0]) == 2:
            year += 2000
        return dt.date(year, month, day)
    except ValueError as error:
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            raise ValueError(f"{text!r} is not a valid date ({error})") from None
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


@attrs.frozen(order=True, repr=False)
class Period(Model):
    """A closed range of days, ``start`` to ``end`` inclusive.

    Attributes:
        start: The first day.
        end: The last day; not before `start`.

    Example:
        >>> from finsam import Period
        >>> h1 = Period.parse("2019-01-01 – 2019-06-30")
        >>> h1.months, h1.days
        (6, 181)
        >>> str(Period.of_months(2016, 1, 8))
        '2016-01-01 – 2016-08-31'
        >>> h1.fraction_of_year()
        Fraction(1, 2)
    """

    start: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    end: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse a period as reports write it.

        ``2019-01-01 – 2019-06-30`` (en dash, hyphen or "till"; ``16-08-31`` is 2016), a
        year ``2019``, years ``2016–2018``, or months ``okt 2015 – juni 2018`` (Swedish
        month names, whole or cut to three letters).

        >>> from finsam import Period
        >>> Period.parse("16-01-01 – 16-08-31").end
        datetime.date(2016, 8, 31)
        >>> str(Period.parse("okt 2015- juni 2018")), str(Period.parse("2016-2018"))
        ('2015-10-01 – 2018-06-30', '2016-01-01 – 2018-12-31')
        """
        text = text.strip()
        if re.fullmatch(r"\d{4}", text):
            return cls.year(int(text))
        match = _RANGE_RE.match(text)
        if match is not None:
            return cls(parse_date(match[1]), parse_date(match[2]))
        match = re.match(_YEAR_RANGE, text)
        if match is not None:
            return cls(dt.date(int(match[1]), 1, 1), dt.date(int(match[2]), 12, 31))
        match = re.match(_MONTH_RANGE, text, re.IGNORECASE)
        if match is not None:
            try:
                first, last = _month(match[1]), _month(match[3])
            except ValueError:
                pass
            else:
                end_year = int(match[4])
                end = dt.date(end_year, last, _days_in_month(end_year, last))
                return cls(dt.date(int(match[2]), first, 1), end)
        raise ValueError(f"{text!r} is not a period such as '2019-01-01 – 2019-06-30'")

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year, which is the financial year of every förbund (LKBR 1:5)."""
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def of_months(cls, year: int, first: int, last: int) -> Period:
        """Months `first` to `last` (1–12, inclusive) of `year`: ``of_months(2019, 1, 6)``."""
        if not 1 <= first <= last <= 12:
            raise ValueError(f"months must satisfy 1 <= first <= last <= 12, got {first}, {last}")
        return cls(dt.date(year, first, 1), dt.date(year, last, _days_in_month(year, last)))

    @property
    def days(self) -> int:
        """Number of days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_calendar_year(self) -> bool:
        """Whether the period is one calendar year (`Period.year`), as a financial year is.

        >>> from finsam import Period
        >>> Period.year(2019).is_calendar_year, Period.of_months(2019, 1, 6).is_calendar_year
        (True, False)
        """
        start = self.start  # compared as dates: no Period built, the checks ask per column
        return start.month == 1 and start.day == 1 and self.end == dt.date(start.year, 12, 31)

    @property
    def is_whole_months(self) -> bool:
        """Whether the period starts on a first and ends on a last day of a month."""
        last_day = _days_in_month(self.end.year, self.end.month)
        return self.start.day == 1 and self.end.day == last_day

    @property
    def months(self) -> int:
        """Number of whole calendar months; an error when the period is not whole months."""
        if not self.is_whole_months:
            raise ValueError(f"{self} is not a whole number of calendar months; pro-rate by days")
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def __contains__(self, item: dt.date | Period) -> bool:
        if isinstance(item, Period):
            return self.start <= item.start and item.end <= self.end
        return self.start <= item <= self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def fraction_of(self, whole: Period, *, by: ProrateBy = "months") -> Fraction:
        """The share of `whole` that this period covers, counting months or days.

        >>> from finsam import Period
        >>> Period.of_months(2016, 1, 8).fraction_of(Period.year(2016))
        Fraction(2, 3)
        >>> Period.parse("2019-01-01 – 2019-06-30").fraction_of(Period.year(2019), by="days")
        Fraction(181, 365)
        """
        if self not in whole:
            raise ValueError(f"{self} is not inside {whole}")
        if by == "months":
            return Fraction(self.months, whole.months)
        if by == "days":
            return Fraction(self.days, whole.days)
        raise ValueError(f"pro-rate by 'months' or 'days', not {by!r}")

    def fraction_of_year(self, *, by: ProrateBy = "months") -> Fraction:
        """The share of its calendar year that the period covers."""
        if self.start.year != self.end.year:
            raise ValueError(f"{self} spans more than one calendar year")
        return self.fraction_of(Period.year(self.start.year), by=by)

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def prorate(
    annual: Amount,
    period: Period,
    *,
    by: ProrateBy = "months",
    unit: Amount = ORE,
) -> Amount:
    """The part of an annual amount that falls in `period`, rounded to `unit`.

    The year is split into the period and the rest with `finsam.allocate`, so the period's
    part and the rest always add up to the annual amount exactly. Two periods pro-rated
    separately each round on their own: Jan–Jun and Jul–Dec of 1 öre are 1 öre each.

    >>> from finsam import Amount, Period, TKR, prorate
    >>> prorate(Amount.from_tkr(16_692), Period.of_months(2016, 1, 8), unit=TKR)
    Amount.parse('11 128 000 kr')
    """
    share = period.fraction_of_year(by=by)
    parts = allocate(annual, {"period": share, "rest": 1 - share}, unit=unit)
    return parts["period"]
