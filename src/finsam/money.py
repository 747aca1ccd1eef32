"""Exact amounts of Swedish money.

An `Amount` is a whole number of öre (1 kr = 100 öre). Integer öre were chosen over
`decimal.Decimal` because every figure in a förbund's books is a whole number of öre,
integer arithmetic is exact without a context, and apportionment works on integers.

Floats are refused everywhere: `0.1 + 0.2` is not a sum of money.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Final, SupportsIndex

import attrs

from finsam.limits import MAX_AMOUNT_ORE, MAX_DECIMAL_DIGITS, decimal_problem

__all__ = [
    "KRONA",
    "MKR",
    "ORE",
    "TKR",
    "Amount",
    "parse_number",
    "printed_places",
    "printed_precision",
]

_ORE_PER: Final = {"öre": 1, "kr": 100, "tkr": 100_000, "mkr": 100_000_000}

# Spaces that Swedish tables use as thousands separators: plain, no-break, narrow no-break,
# thin. Minus signs: hyphen-minus, the Unicode minus and the en dash that Word inserts.
_SPACES = "\u0020\u00a0\u202f\u2009"
_MINUSES = "-\u2212\u2013"
_NO_SPACES = str.maketrans(dict.fromkeys(_SPACES))
_AMOUNT_RE = re.compile(
    rf"""^\s*
    (?P<sign>[{_MINUSES}])?\s*
    (?P<int>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)
    (?:,(?P<frac>\d+))?
    \s*(?P<unit>öre|kr|tkr|mkr|kronor|SEK)?\.?
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)


NUMBER_RE = re.compile(
    rf"^\s*(?P<sign>[{_MINUSES}])?\s*(?P<int>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)"
    rf"(?:[,.](?P<frac>\d+))?\s*%?\s*$"
)


def parse_number(text: str) -> Decimal:
    """Parse a number as a Swedish table prints it, exactly: "13 319 000", "-2,5", "43 %".

    A decimal point is accepted as well as a comma, since tables mix them.

    >>> from finsam.money import parse_number
    >>> parse_number("−825 808"), parse_number("43 %"), parse_number("0,00")
    (Decimal('-825808'), Decimal('43'), Decimal('0.00'))
    """
    match = NUMBER_RE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a number (e.g. '13 319 000', '-2,5', '43 %')")
    digits = re.sub(f"[{_SPACES}]", "", match["int"])
    frac = f".{match['frac']}" if match["frac"] else ""
    return Decimal(f"{'-' if match['sign'] else ''}{digits}{frac}")


def printed_precision(value: Decimal) -> Decimal:
    """Half a unit in the last printed digit: what a rounded printed number may hide.

    >>> from decimal import Decimal
    >>> from finsam.money import printed_precision
    >>> printed_precision(Decimal("43")), printed_precision(Decimal("16.7"))
    (Decimal('0.5'), Decimal('0.05'))
    """
    return Decimal(1).scaleb(-printed_places(value)) / 2


def printed_places(value: Decimal) -> int:
    """How many decimals a printed number has: 1 for 16,7, 0 for 43 (and for 4E+2).

    >>> from decimal import Decimal
    >>> from finsam.money import printed_places
    >>> printed_places(Decimal("16.7")), printed_places(Decimal("43"))
    (1, 0)
    """
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), "a printed number is finite"
    return max(-exponent, 0)


def _refuse_floating_point(value: object, what: str) -> None:
    if isinstance(value, float):
        raise TypeError(
            f"{what}: got the float {value!r}; floats cannot hold money exactly. "
            "Pass an int, a decimal.Decimal or a string such as '13 319 000'."
        )
    if isinstance(value, bool):
        raise TypeError(f"{what}: got the bool {value!r}, not an amount")


def _scaled_to_ore(value: int | Decimal | str, ore_per_unit: int, what: str) -> int:
    """Return `value` (in a unit worth `ore_per_unit` öre) as whole öre, or raise.

    The bounds (`finsam.limits`) are checked on the exponent before any arithmetic, so
    ``Decimal("1E+999999999")`` is refused at once instead of being expanded.
    """
    _refuse_floating_point(value, what)
    if isinstance(value, int):
        return _bounded(value * ore_per_unit, what)
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        if len(text) > MAX_DECIMAL_DIGITS + 2:
            raise ValueError(f"{what}: {value[:20]!r}... is too long for an amount")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{what}: {value!r} is not a number") from None
    if not isinstance(value, Decimal):
        raise TypeError(f"{what}: expected int, Decimal or str, got {type(value).__name__}")
    problem = decimal_problem(value)
    if problem is not None:
        raise ValueError(f"{what}: {problem}")
    # Exact at any size, as integers; Decimal's arithmetic would round at 28 digits.
    numerator, denominator = value.as_integer_ratio()
    ore, rest = divmod(numerator * ore_per_unit, denominator)
    if rest:
        raise ValueError(f"{what}: {value} is not a whole number of öre")
    return _bounded(ore, what)


# Whole kronor as `Amount.plain` writes them: grouped by threes, no leading zero, at most 15
# digits (so within finsam's bound of 10^15 kr). ASCII digits only: `\d` would take others.
_WHOLE_KR_RE: Final = re.compile(r"-?(?:0|[1-9][0-9]{0,2}(?: [0-9]{3}){0,4}) kr")


def _whole_kr(text: str) -> int | None:
    """Whole kronor written exactly as `Amount.plain` writes them ("-6 660 000 kr"), or None
    for any other text (which `_AMOUNT_RE` then reads: it accepts all that this does)."""
    if _WHOLE_KR_RE.fullmatch(text) is None:
        return None
    return int(text[:-3].replace(" ", ""))


def _bounded(ore: int, what: str) -> int:
    if not -MAX_AMOUNT_ORE < ore < MAX_AMOUNT_ORE:
        raise ValueError(f"{what}: {_size(ore)} is beyond finsam's bound of 10^15 kr")
    return ore


def _size(ore: int) -> str:
    """A short description of a huge number of öre (its digits may be too many to print)."""
    digits = len(str(abs(ore))) if abs(ore).bit_length() < 10_000 else "thousands of"
    return f"an amount with {digits} digits in öre"


@attrs.frozen(eq=False)
class Amount:
    """An exact amount of money, held as a whole number of öre.

    Build one from the unit you have; arithmetic stays exact and floats are refused.
    Amounts compare with amounts — and with the integer 0, for the common zero test
    (``amount > 0``); comparing with any other number raises `TypeError`, since
    ``Amount.from_kr(5) == 5`` could mean kronor or öre.

    Attributes:
        ore: The amount in öre (hundredths of a krona). Negative amounts are allowed.

    Example:
        >>> from finsam import Amount
        >>> Amount.from_kr(13_319_000)
        Amount.parse('13 319 000 kr')
        >>> Amount.parse("1 243 tkr") == Amount.from_tkr(1243)
        True
        >>> (Amount.parse("-825 808") + Amount.from_kr(825_808)).is_zero
        True
        >>> Amount.from_kr(0.5)
        Traceback (most recent call last):
        ...
        TypeError: amount in kr: got the float 0.5; floats cannot hold money exactly. ...
        >>> Amount.from_kr(5) > 0, Amount.from_kr(16_692_000) / Amount.from_kr(13_319_000)
        (True, Fraction(16692, 13319))
        >>> f"{Amount.from_kr(16_692_000):mkr.1}"  # no-break spaces, as Swedish print has them
        '16,7\xa0mkr'
        >>> f"{Amount.parse('1 243 499 kr'):tkr}"
        '1\xa0243\xa0tkr'
    """

    ore: int = attrs.field()

    @ore.validator
    def _check_ore(self, _attribute: attrs.Attribute[int], value: object) -> None:
        _refuse_floating_point(value, "amount in öre")
        if not isinstance(value, int):
            raise TypeError(f"amount in öre: expected int, got {type(value).__name__}")
        _bounded(value, "amount in öre")

    # -- construction -----------------------------------------------------------------

    @classmethod
    def from_ore(cls, ore: int) -> Amount:
        """Amount of `ore` öre.

        >>> from finsam import Amount
        >>> Amount.from_ore(150).kr
        Decimal('1.50')
        """
        return cls(ore)

    @classmethod
    def from_kr(cls, kr: int | Decimal | str) -> Amount:
        """Amount of `kr` kronor; a `Decimal` or string may carry up to two decimals.

        >>> from decimal import Decimal
        >>> from finsam import Amount
        >>> Amount.from_kr(Decimal("12.5")).ore
        1250
        """
        return cls(_scaled_to_ore(kr, 100, "amount in kr"))

    @classmethod
    def from_tkr(cls, tkr: int | Decimal | str) -> Amount:
        """Amount of `tkr` thousand kronor (tkr), exact to the öre.

        >>> from decimal import Decimal
        >>> from finsam import Amount
        >>> Amount.from_tkr(Decimal("16.7"))
        Amount.parse('16 700 kr')
        """
        return cls(_scaled_to_ore(tkr, 100_000, "amount in tkr"))

    @classmethod
    def parse(cls, text: str, *, unit: str = "kr") -> Amount:
        """Parse an amount written the Swedish way.

        Thousands are separated by spaces (plain, no-break or narrow no-break), decimals by
        a comma, and the unit (öre, kr, kronor, tkr, mkr) may follow. A unit written in the
        text wins over `unit`, which says what a bare number means.

        >>> from finsam import Amount
        >>> Amount.parse("13 319 000 kr").kr
        Decimal('13319000.00')
        >>> Amount.parse("16,7 mkr") == Amount.from_tkr(16_700)
        True
        >>> Amount.parse("2 782", unit="tkr")
        Amount.parse('2 782 000 kr')
        >>> Amount.parse("12.5")
        Traceback (most recent call last):
        ...
        ValueError: '12.5' is not an amount in Swedish notation (e.g. '13 319 000 kr', ...)
        """
        if not isinstance(text, str):
            raise TypeError(f"Amount.parse expects a str, got {type(text).__name__}")
        whole = _whole_kr(text)
        if whole is not None:  # what `plain` writes for whole kronor, as data files hold them
            return _trusted_amount(whole * 100)  # 15 digits at most: within the bound
        match = _AMOUNT_RE.match(text)
        if match is None:
            raise ValueError(
                f"{text!r} is not an amount in Swedish notation "
                "(e.g. '13 319 000 kr', '1 243 tkr', '-825 808', '12,50')"
            )
        written_unit = (match["unit"] or unit).lower()
        written_unit = {"kronor": "kr", "sek": "kr"}.get(written_unit, written_unit)
        if written_unit not in _ORE_PER:
            raise ValueError(f"unknown unit {unit!r}; use one of {', '.join(_ORE_PER)}")
        digits = match["int"].translate(_NO_SPACES)
        frac = match["frac"] or ""
        if len(digits) + len(frac) > MAX_DECIMAL_DIGITS:
            raise ValueError(f"{text[:30]!r}... has too many digits for an amount")
        # Whole numbers all the way: the digits as one integer, scaled by the unit.
        ore, rest = divmod(int(digits + frac) * _ORE_PER[written_unit], 10 ** len(frac))
        if rest:
            raise ValueError(f"{text!r}: {text.strip()} is not a whole number of öre")
        try:
            return _trusted_amount(_bounded(-ore if match["sign"] else ore, "amount"))
        except ValueError as error:
            reason = str(error).removeprefix("amount: ")
            raise ValueError(f"{text!r}: {reason}") from None

    # -- views ------------------------------------------------------------------------

    @property
    def kr(self) -> Decimal:
        """The amount in kronor, as an exact `Decimal` with two decimals."""
        return Decimal(f"{self.ore}E-2")  # from a string: exact at any size

    @property
    def is_zero(self) -> bool:
        """Whether the amount is exactly zero."""
        return self.ore == 0

    def is_multiple_of(self, unit: Amount) -> bool:
        """Whether the amount is a whole number of `unit` (e.g. of `KRONA` or `TKR`).

        >>> from finsam import Amount, TKR
        >>> Amount.parse("1 664 875").is_multiple_of(TKR)
        False
        """
        return self.ore % unit.ore == 0

    def round_to(self, unit: Amount) -> Amount:
        """The amount rounded to a whole number of `unit`, halves away from zero (as
        spreadsheets and printed tables round).

        >>> from finsam import Amount, TKR
        >>> Amount.parse("1 664 875").round_to(TKR), Amount.parse("-1 500").round_to(TKR)
        (Amount.parse('1 665 000 kr'), Amount.parse('-2 000 kr'))
        """
        if not isinstance(unit, Amount) or unit.ore <= 0:
            raise ValueError(f"unit must be a positive Amount, got {unit!r}")
        units, rest = divmod(abs(self.ore), unit.ore)
        if 2 * rest >= unit.ore:
            units += 1
        return _trusted_amount((-1 if self.ore < 0 else 1) * units * unit.ore)

    def ratio(self, other: Amount) -> Fraction:
        """This amount as an exact share of `other` (also written ``self / other``).

        >>> from finsam import Amount
        >>> Amount.from_kr(5_776_803).ratio(Amount.from_kr(13_319_500))
        Fraction(5776803, 13319500)
        """
        if not isinstance(other, Amount):
            raise TypeError(f"ratio of an Amount to {type(other).__name__}; give an Amount")
        if other.ore == 0:
            raise ZeroDivisionError("ratio to a zero amount")
        return Fraction(self.ore, other.ore)

    def __truediv__(self, other: Amount) -> Fraction:
        if not isinstance(other, Amount):
            return NotImplemented
        return self.ratio(other)

    def __format__(self, spec: str) -> str:
        """``f"{amount:tkr}"``: the amount in öre, kr, tkr or mkr, Swedish style, rounded
        halves away from zero; ``.N`` after the unit keeps N decimals (``mkr.1``)."""
        if not spec:
            return self.plain()
        unit, _, places = spec.partition(".")
        ore_per = _ORE_PER.get(unit)
        if ore_per is None or (places and not places.isdigit()):
            raise ValueError(
                f"format spec {spec!r}: give öre, kr, tkr or mkr, optionally with .N decimals"
            )
        decimals = int(places or 0)
        scaled = Fraction(self.ore, ore_per)
        step = Fraction(1, 10**decimals)
        units, rest = divmod(abs(scaled), step)
        if 2 * rest >= step:
            units += 1
        whole, fraction = divmod(int(units), 10**decimals)
        text = f"{whole:,}".replace(",", "\u00a0")
        if decimals:
            text += "," + str(fraction).rjust(decimals, "0")
        sign = "-" if scaled < 0 and units else ""
        return f"{sign}{text}\u00a0{unit}"

    # -- comparison -----------------------------------------------------------------------

    def _other_ore(self, other: object) -> int | None:
        """The öre of `other` for a comparison: an Amount, or the integer zero."""
        if isinstance(other, Amount):
            return other.ore
        if isinstance(other, int) and not isinstance(other, bool):
            if other == 0:
                return 0
            raise TypeError(
                f"cannot compare an Amount with the number {other}: is it kronor or öre? "
                "Compare with an Amount (Amount.from_kr(...)) or with 0"
            )
        if isinstance(other, float | Decimal | Fraction):
            raise TypeError(
                f"cannot compare an Amount with the {type(other).__name__} {other}; "
                "compare with an Amount or with 0"
            )
        return None

    def __eq__(self, other: object) -> bool:
        ore = self._other_ore(other)
        return NotImplemented if ore is None else self.ore == ore

    def __ne__(self, other: object) -> bool:
        ore = self._other_ore(other)
        return NotImplemented if ore is None else self.ore != ore

    def __lt__(self, other: object) -> bool:
        ore = self._other_ore(other)
        return NotImplemented if ore is None else self.ore < ore

    def __le__(self, other: object) -> bool:
        ore = self._other_ore(other)
        return NotImplemented if ore is None else self.ore <= ore

    def __gt__(self, other: object) -> bool:
        ore = self._other_ore(other)
        return NotImplemented if ore is None else self.ore > ore

    def __ge__(self, other: object) -> bool:
        ore = self._other_ore(other)
        return NotImplemented if ore is None else self.ore >= ore

    def __hash__(self) -> int:
        return hash(self.ore)  # equal to hash(0) for the zero amount, which equals 0

    # -- arithmetic ---------------------------------------------------------------------

    def __add__(self, other: Amount) -> Amount:
        if not isinstance(other, Amount):
            return NotImplemented
        return _trusted_amount(self.ore + other.ore)

    def __radd__(self, other: int) -> Amount:
        # Lets `sum(amounts)` start from the int 0.
        if other == 0 and isinstance(other, int):
            return self
        return NotImplemented

    def __sub__(self, other: Amount) -> Amount:
        if not isinstance(other, Amount):
            return NotImplemented
        return _trusted_amount(self.ore - other.ore)

    def __neg__(self) -> Amount:
        return _trusted_amount(-self.ore)

    def __abs__(self) -> Amount:
        return _trusted_amount(abs(self.ore))

    def __mul__(self, factor: SupportsIndex) -> Amount:
        # Only whole factors: a fractional product would need rounding; use `allocate`.
        _refuse_floating_point(factor, "factor")
        if not isinstance(factor, int):
            return NotImplemented
        return Amount(self.ore * factor)

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return self.ore != 0

    def __repr__(self) -> str:
        return f"Amount.parse({self.plain()!r})"

    def plain(self) -> str:
        """The amount in kr with space-separated thousands; öre only when there are some.

        Plain ASCII spaces, so the text parses back with `Amount.parse`. For display with
        no-break spaces and other units see `finsam.present.formatting`.

        >>> from finsam import Amount
        >>> Amount.from_ore(-123456789).plain()
        '-1 234 567,89 kr'
        """
        sign = "-" if self.ore < 0 else ""
        kronor, ore = divmod(abs(self.ore), 100)
        text = f"{kronor:,}".replace(",", " ")
        if ore:
            text += f",{ore:02d}"
        return f"{sign}{text} kr"

    __str__ = plain


_set_ore = Amount.__dict__["ore"].__set__  # the slot's own setter, under the frozen guard


def _trusted_amount(ore: int) -> Amount:
    """An `Amount` from an int known to be valid, skipping the validator.

    Only for hot loops inside finsam: apportionment builds one amount per key, and the
    validator would more than double its cost for a few hundred kommuner.
    """
    amount = object.__new__(Amount)
    _set_ore(amount, ore)
    return amount


def _trusted_amounts(ores: list[int], step: int) -> list[Amount]:
    """`_trusted_amount(ore * step)` for each of `ores`, in one loop (apportionment's hot path)."""
    new, set_ore, cls = object.__new__, _set_ore, Amount
    amounts = []
    for ore in ores:
        amount = new(cls)
        set_ore(amount, ore * step)
        amounts.append(amount)
    return amounts


#: One öre, one krona, one thousand kronor (tkr) and one million kronor (mkr):
#: the usual rounding units for `finsam.allocate`.
ORE: Final = Amount(1)
KRONA: Final = Amount(100)
TKR: Final = Amount(100_000)
MKR: Final = Amount(100_000_000)
