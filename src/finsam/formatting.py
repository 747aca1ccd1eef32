"""Swedish presentation of amounts, shares and periods, through babel.

Babel's locale data is loaded here only, when something is formatted, so that
``import finsam`` stays fast.

>>> format_amount(Amount.from_kr(13_319_000))
'13\\xa0319\\xa0000 kr'
>>> format_amount(Amount.parse("-825 808"), unit=TKR)
'-826 tkr'
>>> format_share(Fraction(183, 2000))
'9,15\\xa0%'
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from finsam.money import KRONA, MKR, ORE, TKR, Amount

__all__ = ["format_amount", "format_number", "format_share"]

_UNIT_NAMES = {ORE.ore: "öre", KRONA.ore: "kr", TKR.ore: "tkr", MKR.ore: "mkr"}


def format_amount(amount: Amount, *, unit: Amount = KRONA, locale: str = "sv_SE") -> str:
    """The amount in `unit` (kr, tkr or mkr), grouped and signed as `locale` writes it.

    Amounts in kr keep their öre when there are any ("34 962,37 kr"); in tkr and mkr they
    are rounded half to even to whole units, as printed tables do.
    """
    from babel.numbers import format_decimal

    name = _UNIT_NAMES.get(unit.ore)
    if name is None:
        raise ValueError(f"display unit must be öre, kr, tkr or mkr, not {unit}")
    value = Decimal(amount.ore) / Decimal(unit.ore)
    if unit == KRONA and amount.ore % 100:
        pattern = "#,##0.00"
    else:
        value = value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
        pattern = "#,##0"
    return f"{format_decimal(value, format=pattern, locale=locale)} {name}"


def format_share(share: Fraction, *, locale: str = "sv_SE", decimals: int = 2) -> str:
    """A share of a whole as a percentage, with up to `decimals` decimals ("9,15 %")."""
    from babel.numbers import format_percent

    value = Decimal(share.numerator) / Decimal(share.denominator)
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "") + "\u00a0%"
    return str(format_percent(value, format=pattern, locale=locale))


def format_number(value: Decimal, *, locale: str = "sv_SE") -> str:
    """A printed table number the Swedish way, keeping its decimals ("3 315 060", "-2,5")."""
    from babel.numbers import format_decimal

    decimals = max(0, -int(value.as_tuple().exponent))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=locale))
