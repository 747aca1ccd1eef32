"""The bounds of what finsam computes with, far beyond any förbund or the state budget.

A value outside these bounds cannot be a figure of a Swedish samordningsförbund, and
computing with it could take unbounded time (``1e999999999`` as an exact fraction has a
billion digits). The loaders refuse such values with a `finsam.DataError` naming their
place *before* any arithmetic; the Python API refuses them with a `ValueError`.

========================  ==================================================================
amounts                   below 10^15 kr in size (the state budget is about 10^12 kr)
years                     1900 to 2200
decimal numbers           below 10^15 in size, at most 12 decimals, at most 40 digits
counts (people, seats)    below 10^9
text                      at most 100 000 characters per value
files                     at most 20 MB; nested at most 32 levels; lists of at most 100 000
========================  ==================================================================

Example:
    >>> from finsam.limits import check_year
    >>> check_year(2019)
    2019
    >>> check_year(10**33)
    Traceback (most recent call last):
    ...
    ValueError: year 1000000000000000000000000000000000 is outside 1900–2200
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

__all__ = [
    "MAX_AMOUNT_KR",
    "MAX_COUNT",
    "MAX_DECIMAL_DIGITS",
    "MAX_DECIMAL_PLACES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "MAX_NUMBER",
    "MAX_TEXT",
    "MAX_YEAR",
    "MIN_YEAR",
    "check_decimal",
    "check_year",
]

#: Amounts are below this many kronor in size.
MAX_AMOUNT_KR: Final = 10**15
#: The same bound in öre.
MAX_AMOUNT_ORE: Final = MAX_AMOUNT_KR * 100
#: Years finsam computes with.
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2200
#: Decimal numbers (percentages, printed cells, weights) are below this in size ...
MAX_NUMBER: Final = 10**15
#: ... have at most this many decimals ...
MAX_DECIMAL_PLACES: Final = 12
#: ... and at most this many digits in all.
MAX_DECIMAL_DIGITS: Final = 40
#: Head counts, populations and other counts are below this.
MAX_COUNT: Final = 10**9
#: Characters in one text value.
MAX_TEXT: Final = 100_000
#: Bytes in one data file.
MAX_FILE_BYTES: Final = 20_000_000
#: Levels of nested tables and lists in a data file.
MAX_DEPTH: Final = 32
#: Items in one list or table of a data file.
MAX_ITEMS: Final = 100_000

_NUMBER_DIGITS: Final = len(str(MAX_NUMBER)) - 1  # 15: adjusted exponent must stay below


def check_year(year: int) -> int:
    """`year` if it lies within 1900–2200, else a `ValueError`."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year: expected an int, got {type(year).__name__}")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
    return year


def decimal_problem(value: Decimal) -> str | None:
    """Why `value` is outside the bounds for decimal numbers, or None when it is inside.

    Looks only at the exponent and the digits, so it costs nothing however large the
    number claims to be.

    >>> from decimal import Decimal
    >>> from finsam.limits import decimal_problem
    >>> decimal_problem(Decimal("43.5")) is None
    True
    >>> decimal_problem(Decimal("1e999999999"))  # in the language of messages
    'talet 1E+999999999 är för stort (högst 15 siffror före decimaltecknet)'
    """
    from finsam._i18n import _

    if not value.is_finite():
        return _("{value} is not a finite number").format(value=value)
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if exponent > _NUMBER_DIGITS or (value and value.adjusted() >= _NUMBER_DIGITS):
        return _(
            "the number {value} is too large (at most {digits} digits before the decimal point)"
        ).format(value=value, digits=_NUMBER_DIGITS)
    if -exponent > MAX_DECIMAL_PLACES or len(digits) > MAX_DECIMAL_DIGITS:
        return _("the number {value} has too many digits (at most {places} decimals)").format(
            value=value, places=MAX_DECIMAL_PLACES
        )
    return None


def check_decimal(value: Decimal, what: str) -> Decimal:
    """`value` if it lies within the bounds for decimal numbers, else a `ValueError`."""
    problem = decimal_problem(value)
    if problem is not None:
        raise ValueError(f"{what}: {problem}")
    return value
