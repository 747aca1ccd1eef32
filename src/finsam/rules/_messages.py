"""Messages of findings: written once in English, shown in Swedish or English.

A check describes a problem as a `Message`: a template (an English gettext msgid, marked
with `N_` so that babel extracts it) and its arguments. The message is rendered only for
findings that are kept, in the language of the run, with numbers written as that language
writes them ("3 330 000 kr", "43 %" in Swedish; "3,330,000 kr", "43%" in English).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from finsam._fields import Model
from finsam._i18n import N_, language, translated
from finsam.money import Amount

__all__ = ["N_", "Kr", "Message", "Num", "Pct", "Word", "number_text", "shown"]


def number_text(value: Decimal | int | Fraction, lang: str, *, places: int | None = None) -> str:
    """A number as `lang` writes it: grouped thousands, a decimal comma in Swedish.

    >>> from decimal import Decimal
    >>> from fractions import Fraction
    >>> from finsam.rules._messages import number_text
    >>> number_text(Decimal("-825808"), "sv"), number_text(Decimal("16.7"), "en")
    ('-825 808', '16.7')
    >>> number_text(Fraction(2, 3) * 100, "sv", places=1)
    '66,7'
    """
    if type(value) is int and places is None:
        text = f"{value:,}"
    else:
        if isinstance(value, Fraction):
            value = Decimal(value.numerator) / Decimal(value.denominator)
        elif type(value) is not Decimal:
            value = Decimal(value)
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places))
        text = format(value, ",f")  # grouped by Decimal itself: no detour through int
        if text[0] == "-" and not value:  # not for -0
            text = text[1:]
    # English as formatted; Swedish groups with a space and has a decimal comma
    return text.replace(",", " ").replace(".", ",") if lang == "sv" else text


@attrs.frozen(repr=False, eq=False)
class Kr(Model):
    """An amount of öre, shown in kronor (with öre only when there are some)."""

    ore: int | Fraction

    @classmethod
    def of(cls, amount: Amount) -> Kr:
        return cls(amount.ore)

    def text(self, lang: str) -> str:
        ore = self.ore
        if type(ore) is int and ore % 100 == 0:
            return f"{number_text(ore // 100, lang)} kr"
        kronor = Fraction(ore) / 100
        places = None if kronor.denominator == 1 else 2
        return f"{number_text(kronor, lang, places=places)} kr"


@attrs.frozen(repr=False, eq=False)
class Num(Model):
    """A number as printed, with an optional unit (tkr, %, personer)."""

    value: Decimal | int | Fraction
    unit: str = ""
    places: int | None = None

    def text(self, lang: str) -> str:
        shown = number_text(self.value, lang, places=self.places)
        if not self.unit:
            return shown
        if self.unit == "%":
            return f"{shown} %" if lang == "sv" else f"{shown}%"
        return f"{shown} {self.unit}"


@attrs.frozen(repr=False, eq=False)
class Pct(Model):
    """A share shown as a percentage, to `places` decimals (a Fraction is a share of 1)."""

    value: Fraction | Decimal
    places: int | None = 1

    def text(self, lang: str) -> str:
        value = self.value * 100 if isinstance(self.value, Fraction) else self.value
        return Num(value, "%", self.places).text(lang)


@attrs.frozen(repr=False, eq=False)
class Word(Model):
    """A word or phrase of finsam's own (an English msgid), translated when shown."""

    msgid: str

    def text(self, lang: str) -> str:
        return translated(self.msgid, lang)


_WRITTEN: Final = (Kr, Num, Pct, Word)  # values that write themselves in a language


def _shown(value: object, lang: str) -> str:
    if type(value) is str:  # a label or a title, the most common argument
        return value
    if type(value) is int:  # a count or a year
        return str(value)
    if isinstance(value, _WRITTEN):
        return value.text(lang)
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Amount):
        return Kr(value.ore).text(lang)
    if isinstance(value, Decimal | Fraction):
        return number_text(value, lang)
    return str(value)  # a period or a date as finsam writes it, and anything else


def shown(value: object) -> str:
    """A value (an amount, number or percentage) as text in the current language."""
    return _shown(value, language())


@attrs.frozen(repr=False, eq=False)
class Message(Model):
    """A message to show: an English template (a gettext msgid) and its arguments.

    Example:
        >>> from finsam.rules._messages import Kr, Message, N_
        >>> message = Message.of(N_("{what} is {amount}"), what="the state's half",
        ...                      amount=Kr(333_000_000))
        >>> message.render("sv"), message.render("en")
        ("the state's half is 3 330 000 kr", "the state's half is 3,330,000 kr")
    """

    template: str
    args: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, template: str, **args: Any) -> Message:
        return cls(template, tuple(args.items()))

    def render(self, lang: str | None = None) -> str:
        """The message in `lang` (the current language when None)."""
        chosen = language() if lang is None else lang
        template = translated(self.template, chosen)
        return template.format(**{name: _shown(value, chosen) for name, value in self.args})

    def __str__(self) -> str:
        return self.render(language())
