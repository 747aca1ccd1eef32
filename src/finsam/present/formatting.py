"""Swedish (and English) presentation of amounts, percentages, dates and periods.

Babel's locale data is loaded here only, when something is formatted, so that
``import finsam`` stays fast. Swedish output uses no-break spaces between thousands and
before units, so a figure never breaks across lines.

Rounding to a display unit (tkr, mkr, whole percent) is half away from zero, as
spreadsheets round; the exact figure is never changed, only shown.

>>> from fractions import Fraction
>>> import datetime as dt
>>> from finsam import Amount, Period, TKR
>>> from finsam.present.formatting import format_amount, format_date, format_percent, format_period
>>> format_amount(Amount.from_kr(13_319_000))
'13\\xa0319\\xa0000\\xa0kr'
>>> format_amount(Amount.from_kr(18_920_400), unit=TKR)
'18\\xa0920\\xa0tkr'
>>> format_amount(Amount.parse("-825 808"), locale="en_GB")
'-SEK\\xa0825,808'
>>> format_percent(Fraction(5_776_803, 13_319_500))
'43\\xa0%'
>>> format_date(dt.date(2019, 8, 23))
'23 augusti 2019'
>>> format_period(Period.parse("2019-01-01 – 2019-06-30"))
'2019-01-01 – 2019-06-30'
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from finsam.money import KRONA, MKR, ORE, TKR, Amount
from finsam.period import Period

__all__ = [
    "format_amount",
    "format_date",
    "format_number",
    "format_percent",
    "format_period",
    "format_share",
]

NBSP = "\u00a0"
_SWEDISH_UNITS = {ORE.ore: "öre", KRONA.ore: "kr", TKR.ore: "tkr", MKR.ore: "mkr"}
_ENGLISH_UNITS = {ORE.ore: "öre", KRONA.ore: "SEK", TKR.ore: "kSEK", MKR.ore: "MSEK"}


def _is_swedish(locale: str) -> bool:
    return locale.lower().replace("-", "_").startswith("sv")


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_amount(amount: Amount, *, unit: Amount = KRONA, locale: str = "sv_SE") -> str:
    """The amount in `unit` (öre, kr, tkr or mkr), grouped and signed as `locale` writes it.

    Amounts in kr keep their öre when there are any ("34 962,37 kr"); in tkr and mkr they
    are rounded half away from zero to whole units, as printed tables do.

    >>> from finsam import Amount, MKR, TKR
    >>> from finsam.present.formatting import format_amount
    >>> format_amount(Amount.from_ore(3_496_237))
    '34\\xa0962,37\\xa0kr'
    >>> [format_amount(Amount.from_kr(kr), unit=TKR) for kr in (1_500, -1_500, 1_499)]
    ['2\\xa0tkr', '-2\\xa0tkr', '1\\xa0tkr']
    >>> format_amount(Amount.from_tkr(16_692), unit=MKR)
    '17\\xa0mkr'
    """
    from babel.numbers import format_decimal

    names = _SWEDISH_UNITS if _is_swedish(locale) else _ENGLISH_UNITS
    name = names.get(unit.ore)
    if name is None:
        raise ValueError(f"display unit must be öre, kr, tkr or mkr, not {unit}")
    value = Decimal(amount.ore) / Decimal(unit.ore)
    keep_ore = unit == KRONA and amount.ore % 100
    value = _round(value, 2 if keep_ore else 0)
    number = format_decimal(abs(value), format="#,##0.00" if keep_ore else "#,##0", locale=locale)
    sign = "-" if value < 0 else ""
    if _is_swedish(locale):
        return f"{sign}{number}{NBSP}{name}"
    return f"{sign}{name}{NBSP}{number}"


def format_number(value: Decimal, *, locale: str = "sv_SE") -> str:
    """A printed table number, keeping its decimals ("3 315 060", "-2,5").

    >>> from decimal import Decimal
    >>> from finsam.present.formatting import format_number
    >>> format_number(Decimal("-1234.5"))
    '-1\\xa0234,5'
    """
    from babel.numbers import format_decimal

    decimals = max(0, -int(value.as_tuple().exponent))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = str(format_decimal(abs(value), format=pattern, locale=locale))
    return f"-{text}" if value < 0 else text


def format_percent(value: Fraction | Decimal, *, decimals: int = 0, locale: str = "sv_SE") -> str:
    """A share of a whole (0.43 or 43/100) as a percentage, rounded to `decimals` places.

    >>> from decimal import Decimal
    >>> from fractions import Fraction
    >>> from finsam.present.formatting import format_percent
    >>> format_percent(Fraction(183, 2000), decimals=2)
    '9,15\\xa0%'
    >>> format_percent(Decimal("0.4337"), locale="en")
    '43%'
    """
    from babel.numbers import format_decimal

    if isinstance(value, Fraction):
        percent = Decimal(value.numerator * 100) / Decimal(value.denominator)
    else:
        percent = value * 100
    percent = _round(percent, decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    number = format_decimal(abs(percent), format=pattern, locale=locale)
    sign = "-" if percent < 0 else ""
    return f"{sign}{number}{NBSP}%" if _is_swedish(locale) else f"{sign}{number}%"


def format_share(share: Fraction, *, locale: str = "sv_SE", decimals: int = 2) -> str:
    """A share as a percentage with up to `decimals` decimals, trailing zeros dropped.

    >>> from fractions import Fraction
    >>> from finsam.present.formatting import format_share
    >>> format_share(Fraction(1, 2)), format_share(Fraction(183, 2000))
    ('50\\xa0%', '9,15\\xa0%')
    """
    percent = _round(Decimal(share.numerator * 100) / Decimal(share.denominator), decimals)
    needed = max(0, -int(percent.normalize().as_tuple().exponent))
    return format_percent(share, decimals=min(decimals, needed), locale=locale)


def format_date(day: dt.date, *, locale: str = "sv_SE") -> str:
    """A date written out: "23 augusti 2019" (English: "23 August 2019").

    >>> import datetime as dt
    >>> from finsam.present.formatting import format_date
    >>> format_date(dt.date(2019, 8, 23), locale="en_GB")
    '23 August 2019'
    """
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(day, format="d MMMM y", locale=locale))


def format_period(period: Period, *, written_out: bool = False, locale: str = "sv_SE") -> str:
    """A period as reports print it: "2019-01-01 – 2019-06-30", or written out.

    >>> from finsam import Period
    >>> from finsam.present.formatting import format_period
    >>> format_period(Period.of_months(2016, 1, 8), written_out=True)
    '1 januari 2016 – 31 augusti 2016'
    """
    if not written_out:
        return str(period)
    return f"{format_date(period.start, locale=locale)} – {format_date(period.end, locale=locale)}"
