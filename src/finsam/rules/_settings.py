"""The settings of a check run: one rounding model and one materiality, for every check.

Every comparison of printed figures asks the same question: could rounding at the printed
precision explain this gap? A figure printed to a unit *u* stands for anything within
*u*/2 of it, so *n* rounded figures may together be off by *n*·*u*/2 — a total of twelve
lines and the total itself by 13·*u*/2. Figures that are exact by nature (a budget the
board decided in whole units, a plan's budget) get no allowance. Percentages work the
same way: *k* shares printed in whole percent may sum to 100 ± *k*/2, and a share of a
count (55 % of 11 people) must be some whole number of them.

A gap beyond rounding is then judged by its size: up to the materiality (by default
1 000 kr, or 0,05 % of the figure it is a part of, whichever is larger) it is *info*,
beyond it the check's own severity (an error for figures that contradict each other, a
warning for departures from the förbund's own budget or policy). Severity therefore never
falls as a gap grows.

Example:
    >>> from finsam import Severity
    >>> from finsam.rules._settings import Settings
    >>> settings = Settings()
    >>> settings.rounding.allowance([100, 100, 100])  # three figures printed in whole kr
    150
    >>> [settings.judge(gap, allowance=150, base=6_659_500_00, severity=Severity.ERROR)
    ...  for gap in (100, 25_000, 5_000_000)]
    [None, <Severity.INFO: 'info'>, <Severity.ERROR: 'error'>]
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from finsam._fields import Model
from finsam.money import Amount, printed_precision

__all__ = ["Materiality", "Rounding", "Settings", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is.

    ``error``: the law is broken, or figures contradict each other beyond rounding;
    ``warning``: a departure from the förbund's own budget, frame or policy;
    ``info``: rounding-level, immaterial, or a gap in the documentation.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for an error, 1 for a warning, 0 for info: higher is more serious."""
        return _RANKS[self]


_RANKS: Final = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


def _fraction(value: Fraction | Decimal | int) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Fraction | Decimal | int):
        raise TypeError(f"expected an exact number, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"must not be negative, got {value}")
    return Fraction(value)


@attrs.frozen(repr=False, eq=False)
class Rounding(Model):
    """How far rounded printed figures may be off.

    Attributes:
        per_figure: The share of its printed unit a rounded figure may be off (1/2).
        extra_units: A further allowance, in printed units, on every comparison; 0 by
            default (what the deprecated ``--tolerance`` maps onto).
    """

    per_figure: Fraction = attrs.field(default=Fraction(1, 2), converter=_fraction)
    extra_units: Fraction = attrs.field(default=Fraction(0), converter=_fraction)

    def allowance(self, units: Iterable[int]) -> Fraction | int:
        """The allowance, in öre, for figures printed in these units (öre each; 0 = exact).

        >>> from finsam.rules._settings import Rounding
        >>> Rounding().allowance([100_000, 0, 100_000])  # two tkr figures and an exact one
        100000
        """
        units = list(units)
        per, extra = self.per_figure, self.extra_units
        if not extra:  # the common case: an int when it is whole (comparisons stay fast)
            whole, rest = divmod(per.numerator * sum(units), per.denominator)
            return whole if not rest else Fraction(per.numerator * sum(units), per.denominator)
        return per * sum(units) + extra * max(units, default=0)

    def share_allowance(self, shares: Iterable[Decimal]) -> Decimal:
        """How far percentages as printed may be off together: half a last digit each.

        >>> from decimal import Decimal
        >>> from finsam.rules._settings import Rounding
        >>> Rounding().share_allowance([Decimal(55), Decimal(10), Decimal(40)])
        Decimal('1.50')
        """
        total = sum((printed_precision(share) for share in shares), Decimal(0))
        per = Decimal(self.per_figure.numerator) / Decimal(self.per_figure.denominator)
        return total * per * 2 + Decimal(self.extra_units.numerator) / self.extra_units.denominator


def _amount(value: Amount) -> Amount:
    if not isinstance(value, Amount):
        raise TypeError(f"expected an Amount, got {type(value).__name__}")
    if value.ore < 0:
        raise ValueError(f"must not be negative, got {value}")
    return value


@attrs.frozen(repr=False, eq=False)
class Materiality(Model):
    """How large a gap beyond rounding must be to matter.

    A gap is immaterial when it is at most `absolute`, or at most `relative` of the figure
    it is measured against. The defaults — 1 000 kr and 0,05 % — let a § 5 contribution
    250 kr off a 6,66 mkr half-year share (0,004 %) pass as info, while a misprinted digit
    in a total (tens of thousands) is an error; 0,05 % is the precision of a one-decimal
    percentage of a förbund's turnover. Set both to zero to make every gap beyond rounding
    count at the check's full severity.

    Attributes:
        absolute: Gaps up to this amount are immaterial.
        relative: Gaps up to this share of the figure they concern are immaterial.
    """

    absolute: Amount = attrs.field(default=Amount(100_000), converter=_amount)
    relative: Fraction = attrs.field(default=Fraction(1, 2000), converter=_fraction)

    def immaterial(self, gap: int | Fraction, base: int | Fraction) -> bool:
        """Whether a gap (in öre) is immaterial against a figure of `base` öre."""
        size, base = _size(gap), _size(base)
        if size <= self.absolute.ore:
            return True
        relative = self.relative  # size <= relative·base, cross-multiplied: no Fraction built
        return size * relative.denominator <= relative.numerator * base


def _size(value: int | Fraction) -> int | Fraction:
    """The size of a gap (abs() of a union confuses type checkers)."""
    return value if value >= 0 else -value


@attrs.frozen(repr=False, eq=False)
class Settings(Model):
    """Everything a run of the checks can be told: rounding, materiality, thresholds.

    Attributes:
        rounding: The rounding model (`Rounding`).
        materiality: When a gap beyond rounding matters (`Materiality`).
        placeholder_below: Insats budgets or outcomes above zero but below this are
            placeholders, not figures (Trisam individ's "1 kr").
        utilisation_warning: Warn when insatsmedel used so far are below this share of what
            the elapsed part of the year would suggest (1/2: at the half year, below 25 %).
    """

    rounding: Rounding = Rounding()
    materiality: Materiality = Materiality()
    placeholder_below: Amount = attrs.field(default=Amount(100_000), converter=_amount)
    utilisation_warning: Fraction = attrs.field(default=Fraction(1, 2), converter=_fraction)

    def judge(
        self,
        gap: int | Fraction,
        *,
        allowance: int | Fraction,
        base: int | Fraction,
        severity: Severity,
    ) -> Severity | None:
        """The severity of a gap (in öre): None within rounding, info when immaterial."""
        if _size(gap) <= allowance:
            return None
        if self.materiality.immaterial(gap, base):
            return Severity.INFO
        return severity
