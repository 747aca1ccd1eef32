"""Goals (*inriktningsmål*), their indicators, and the scale they are assessed on.

A förbund's plan sets a few goals, each followed up through indicators. Each indicator
and each goal is assessed on an ordered scale: *uppfyllt* > *uppfyllt till övervägande
del* > *delvis uppfyllt* (also written *uppfyllt till viss del*) > *ej uppfyllt*; an
indicator that no longer applies is *måttet utgår*, which is outside the order.

Indicators keep both what the förbund stated (`manual`) and what the figures give
(`computed`); `assessment` is the one that counts. A goal's `computed` assessment is the
floor of the mean rank of its indicators' assessments, so a rule check can compare it
with the *samlad bedömning* the förbund printed.

Example:
    >>> from decimal import Decimal
    >>> from finsam import Goal, RatioLimit, TargetIndicator
    >>> equity = RatioLimit(
    ...     "Det egna kapitalet ska inte överstiga 20% av förbundets budgeterade intäkter",
    ...     limit_percent=Decimal(20),
    ...     measured_percent=Decimal(43),
    ... )
    >>> cases = TargetIndicator(
    ...     "800 ärenden ska lyftas i teamen", target=Decimal(800), measured=Decimal(559)
    ... )
    >>> equity.assessment, cases.assessment
    (<Assessment.EJ: 'ej uppfyllt'>, <Assessment.DELVIS: 'delvis uppfyllt'>)
    >>> Goal("Verksamhet i ekonomisk balans", indicators=(equity, cases)).computed
    <Assessment.EJ: 'ej uppfyllt'>
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal, TypeVar, cast

import attrs

from finsam._fields import Model, escape_html, tuple_of
from finsam.printed import NOTHING_PRINTED, Printed, to_printed
from finsam.vocabulary import Worded

__all__ = [
    "TARGET_THRESHOLDS",
    "Assessment",
    "Goal",
    "Improvement",
    "Indicator",
    "NationalComparison",
    "RatioLimit",
    "SurveyQuestion",
    "TargetIndicator",
    "YesNo",
]

E = TypeVar("E", bound=enum.Enum)


# -- shared helpers (also used by finsam.insats) ------------------------------------------


def _html_table(caption: str, rows: Iterable[tuple[str, str]]) -> str:
    """A two-column HTML table; every text is escaped here."""
    body = "".join(
        f"<tr><th style='text-align:left'>{escape_html(label)}</th>"
        f"<td style='text-align:left'>{escape_html(value)}</td></tr>"
        for label, value in rows
    )
    return f"<table><caption>{escape_html(caption)}</caption>{body}</table>"


def _percent_text(value: Fraction | Decimal) -> str:
    """A share or percentage as Swedish text with one decimal: ``Fraction(1, 2)`` → 50,0 %."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator) * 100
    return f"{value.quantize(Decimal('0.1')):f} %".replace(".", ",")


def _to_decimal(value: int | Decimal) -> Decimal:
    """An int becomes a `Decimal`; anything else is left for `_check_decimal` to refuse."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return cast(Decimal, value)


def _to_decimal_or_none(value: int | Decimal | None) -> Decimal | None:
    """Like `_to_decimal`, keeping `None` (not stated)."""
    return None if value is None else _to_decimal(value)


def _check_decimal(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Refuse floats, bools and anything but a finite `Decimal` (or `None`), naming the field."""
    if value is None and attribute.default is None:
        return
    if isinstance(value, float):
        raise TypeError(
            f"{attribute.name}: got the float {value!r}; floats are not exact. "
            "Pass an int or a decimal.Decimal such as Decimal('43.5')."
        )
    if not isinstance(value, Decimal):
        raise TypeError(f"{attribute.name}: expected an int or a Decimal, got {value!r}")
    if not value.is_finite():
        raise ValueError(f"{attribute.name}: {value} is not a finite number")


def _non_empty(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {value!r}")


def _check_bool(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool) and not (value is None and attribute.default is None):
        raise TypeError(f"{attribute.name}: expected True or False, got {value!r}")


# -- the assessment scale -------------------------------------------------------------------


class Assessment(Worded):
    """The assessment scale of indicators and goals, best first; *måttet utgår* is unranked.

    ``UPPFYLLT > OVERVAGANDE > DELVIS > EJ``. `UTGAR` (the indicator was dropped) has no
    rank: ordering it against anything raises `TypeError`, and goals leave it out of
    their aggregate. Equality works as for any enum.

    Example:
        >>> from finsam import Assessment
        >>> Assessment.parse("Uppfyllt till viss del")
        <Assessment.DELVIS: 'delvis uppfyllt'>
        >>> Assessment.UPPFYLLT > Assessment.OVERVAGANDE > Assessment.DELVIS > Assessment.EJ
        True
        >>> max([Assessment.EJ, Assessment.DELVIS])
        <Assessment.DELVIS: 'delvis uppfyllt'>
        >>> Assessment.UTGAR < Assessment.EJ
        Traceback (most recent call last):
        ...
        TypeError: 'måttet utgår' is not ranked: a dropped indicator is neither better nor ...
    """

    UPPFYLLT = "uppfyllt"
    OVERVAGANDE = "uppfyllt till övervägande del"
    DELVIS = "delvis uppfyllt"
    EJ = "ej uppfyllt"
    UTGAR = "måttet utgår"

    @classmethod
    def vocabulary(cls) -> str:
        """Assessments read through the ``assessment`` vocabulary of `finsam.vocabulary`.

        >>> from finsam import Assessment
        >>> Assessment.parse("Uppfylld till övervägande del"), Assessment.read("nästan")
        (<Assessment.OVERVAGANDE: 'uppfyllt till övervägande del'>, None)
        """
        return "assessment"

    @classmethod
    def from_rank(cls, rank: int) -> Assessment:
        """The ranked assessment with this rank, 0 (`EJ`) to 3 (`UPPFYLLT`).

        >>> from finsam import Assessment
        >>> Assessment.from_rank(2)
        <Assessment.OVERVAGANDE: 'uppfyllt till övervägande del'>
        """
        for member in cls:
            if member.rank == rank:
                return member
        raise ValueError(f"rank must be 0, 1, 2 or 3, got {rank!r}")

    @property
    def rank(self) -> int | None:
        """3 for `UPPFYLLT` down to 0 for `EJ`; `None` for `UTGAR`.

        >>> from finsam import Assessment
        >>> Assessment.DELVIS.rank, Assessment.UTGAR.rank
        (1, None)
        """
        return _RANKS[self]

    def _ranks(self, other: object) -> tuple[int, int] | None:
        if not isinstance(other, Assessment):
            return None
        for side in (self, other):
            if side.rank is None:
                raise TypeError(
                    f"{side.value!r} is not ranked: a dropped indicator is neither better nor "
                    "worse than another assessment"
                )
        return cast(int, self.rank), cast(int, other.rank)

    def __lt__(self, other: object) -> bool:
        ranks = self._ranks(other)
        return NotImplemented if ranks is None else ranks[0] < ranks[1]

    def __le__(self, other: object) -> bool:
        ranks = self._ranks(other)
        return NotImplemented if ranks is None else ranks[0] <= ranks[1]

    def __gt__(self, other: object) -> bool:
        ranks = self._ranks(other)
        return NotImplemented if ranks is None else ranks[0] > ranks[1]

    def __ge__(self, other: object) -> bool:
        ranks = self._ranks(other)
        return NotImplemented if ranks is None else ranks[0] >= ranks[1]


_RANKS: Final[Mapping[Assessment, int | None]] = {
    Assessment.UPPFYLLT: 3,
    Assessment.OVERVAGANDE: 2,
    Assessment.DELVIS: 1,
    Assessment.EJ: 0,
    Assessment.UTGAR: None,
}


def _to_assessment_or_none(value: Assessment | str | None) -> Assessment | None:
    """An `Assessment`, parsed from its Swedish text when given as a str."""
    if isinstance(value, str):
        return Assessment.parse(value)
    return value


def _check_assessment(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Assessment):
        raise TypeError(f"{attribute.name}: expected an Assessment or None, got {value!r}")


#: `TargetIndicator` with `at_least`: the share of the target reached from which each
#: assessment is given, best first. Below the last threshold it is *ej uppfyllt*.
TARGET_THRESHOLDS: Final[tuple[tuple[Fraction, Assessment], ...]] = (
    (Fraction(1), Assessment.UPPFYLLT),
    (Fraction(3, 4), Assessment.OVERVAGANDE),
    (Fraction(1, 2), Assessment.DELVIS),
)


# -- indicators -----------------------------------------------------------------------------


def _plain_value(_instance: object, _field: object, value: Any) -> Any:
    """attrs.asdict serializer: enums by their Swedish value, decimals as str."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


class _Assessed(Model):
    """What every indicator kind shares: `assessment` from `dropped`, `manual`, `computed`."""

    __slots__ = ()

    description: str
    manual: Assessment | None
    dropped: bool
    printed: Printed

    @property
    def computed(self) -> Assessment | None:
        """The assessment the figures give; `None` when they are not there."""
        raise NotImplementedError

    @property
    def assessment(self) -> Assessment | None:
        """`UTGAR` when dropped, else `manual` when stated, else `computed`."""
        if self.dropped:
            return Assessment.UTGAR
        return self.manual if self.manual is not None else self.computed

    def record(self) -> dict[str, object]:
        """The indicator as a plain JSON-able dict, with `computed` and `assessment` added.

        >>> from finsam import YesNo
        >>> YesNo("Metoder har arbetats fram", fulfilled=True).record()["assessment"]
        'uppfyllt'
        """
        data = attrs.asdict(
            self,  # type: ignore[arg-type]
            filter=lambda attribute, _value: attribute.name != "printed",
            value_serializer=_plain_value,
        )
        if "questions" in data:
            data["questions"] = list(data["questions"])
        data["printed"] = dict(self.printed.texts)
        data["computed"] = None if self.computed is None else self.computed.value
        data["assessment"] = None if self.assessment is None else self.assessment.value
        return data


@attrs.frozen(repr=False, eq=False)
class TargetIndicator(_Assessed):
    """A count or share that should reach (or stay under) a target: "800 ärenden".

    Attributes:
        kind: The tag ``"target"`` that tells the indicator kinds apart in files.
        description: The indicator as the plan words it.
        target: The target figure.
        measured: The figure reached; `None` until measured.
        unit: What is counted ("ärenden", "%", "träffar").
        at_least: True when the target is a floor (reach at least), False for a ceiling.
        manual: The assessment the förbund stated, if any.
        dropped: Whether the indicator was dropped (*måttet utgår*).
        printed: Texts as printed that could not be read (see `finsam.printed`).

    `computed`: without a measurement `None`. A floor reached is `UPPFYLLT`; otherwise
    the share of the target reached gives the assessment by `TARGET_THRESHOLDS`
    (≥ 3/4 `OVERVAGANDE`, ≥ 1/2 `DELVIS`, else `EJ`). A ceiling kept is `UPPFYLLT`,
    exceeded `EJ`.

    Example:
        >>> from decimal import Decimal
        >>> from finsam import TargetIndicator
        >>> cases = TargetIndicator("800 ärenden", target=Decimal(800), measured=Decimal(559))
        >>> cases.ratio, cases.computed
        (Fraction(559, 800), <Assessment.DELVIS: 'delvis uppfyllt'>)
        >>> waiting = TargetIndicator("Högst 10 dagar", target=10, measured=12, at_least=False)
        >>> waiting.computed
        <Assessment.EJ: 'ej uppfyllt'>
    """

    kind: Literal["target"] = attrs.field(
        default="target", kw_only=True, validator=attrs.validators.in_(("target",))
    )
    description: str = attrs.field(validator=_non_empty)
    target: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_decimal, kw_only=True
    )
    measured: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_decimal, kw_only=True
    )
    unit: str = attrs.field(default="", validator=attrs.validators.instance_of(str), kw_only=True)
    at_least: bool = attrs.field(default=True, validator=_check_bool, kw_only=True)
    manual: Assessment | None = attrs.field(
        default=None, converter=_to_assessment_or_none, validator=_check_assessment, kw_only=True
    )
    dropped: bool = attrs.field(default=False, validator=_check_bool, kw_only=True)
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def ratio(self) -> Fraction | None:
        """Measured over target, exactly; `None` without a measurement or with target 0."""
        if self.measured is None or self.target is None or self.target == 0:
            return None
        return Fraction(self.measured) / Fraction(self.target)

    @property
    def computed(self) -> Assessment | None:
        """The assessment the measurement gives (see the class docstring)."""
        if self.measured is None or self.target is None:
            return None
        if not self.at_least:
            return Assessment.UPPFYLLT if self.measured <= self.target else Assessment.EJ
        if self.measured >= self.target:
            return Assessment.UPPFYLLT
        ratio = self.ratio
        if ratio is None or self.target < 0:
            return Assessment.EJ
        for threshold, assessment in TARGET_THRESHOLDS:
            if ratio >= threshold:
                return assessment
        return Assessment.EJ


@attrs.frozen(repr=False, eq=False)
class RatioLimit(_Assessed):
    """A percentage that must stay within a limit: "equity ≤ 20 % of budgeted revenue".

    Attributes:
        kind: The tag ``"ratio_limit"``.
        description: The indicator as the plan words it.
        limit_percent: The limit, in percent (20 for 20 %).
        ceiling: True when the ratio must not exceed the limit, False when it must reach it.
        measured_percent: The ratio the report states, in percent; `None` until known.
        manual: The assessment the förbund stated, if any.
        dropped: Whether the indicator was dropped (*måttet utgår*).
        printed: Texts as printed that could not be read (see `finsam.printed`).

    `computed`: within the limit (the limit itself included) `UPPFYLLT`, else `EJ`.

    Example:
        >>> from finsam import RatioLimit
        >>> RatioLimit("Eget kapital ≤ 20 %", limit_percent=20, measured_percent=43).computed
        <Assessment.EJ: 'ej uppfyllt'>
    """

    kind: Literal["ratio_limit"] = attrs.field(
        default="ratio_limit", kw_only=True, validator=attrs.validators.in_(("ratio_limit",))
    )
    description: str = attrs.field(validator=_non_empty)
    limit_percent: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_decimal, kw_only=True
    )
    ceiling: bool = attrs.field(default=True, validator=_check_bool, kw_only=True)
    measured_percent: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_decimal, kw_only=True
    )
    manual: Assessment | None = attrs.field(
        default=None, converter=_to_assessment_or_none, validator=_check_assessment, kw_only=True
    )
    dropped: bool = attrs.field(default=False, validator=_check_bool, kw_only=True)
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def computed(self) -> Assessment | None:
        """`UPPFYLLT` within the limit, `EJ` outside it, `None` without a measurement."""
        if self.measured_percent is None or self.limit_percent is None:
            return None
        if self.ceiling:
            within = self.measured_percent <= self.limit_percent
        else:
            within = self.measured_percent >= self.limit_percent
        return Assessment.UPPFYLLT if within else Assessment.EJ


def _decimal_field() -> Any:
    return attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_decimal, kw_only=True
    )


class _Figures(Model):
    """Local and national survey figures, overall and by gender, and what they give."""

    __slots__ = ()

    local: Decimal | None
    national: Decimal | None
    local_women: Decimal | None
    local_men: Decimal | None
    national_women: Decimal | None
    national_men: Decimal | None

    @property
    def compared(self) -> Assessment | None:
        """With all four gender figures: both women and men at least national `UPPFYLLT`,
        one of them `DELVIS`, neither `EJ`. Otherwise from the overall figures: local at
        least national `UPPFYLLT`, else `EJ`; None when either is missing."""
        if (
            self.local_women is not None
            and self.local_men is not None
            and self.national_women is not None
            and self.national_men is not None
        ):
            reached = (self.local_women >= self.national_women) + (
                self.local_men >= self.national_men
            )
            return (Assessment.EJ, Assessment.DELVIS, Assessment.UPPFYLLT)[reached]
        if self.local is None or self.national is None:
            return None
        return Assessment.UPPFYLLT if self.local >= self.national else Assessment.EJ


@attrs.frozen(repr=False, eq=False)
class SurveyQuestion(_Figures):
    """One question of a survey indicator, with its local and national figures.

    Attributes:
        text: The question as printed.
        local, national: The förbund's and the national result.
        local_women, local_men, national_women, national_men: The results by gender.
        printed: Figures as printed that could not be read (see `finsam.printed`).
    """

    text: str = attrs.field(validator=_non_empty)
    local: Decimal | None = _decimal_field()
    national: Decimal | None = _decimal_field()
    local_women: Decimal | None = _decimal_field()
    local_men: Decimal | None = _decimal_field()
    national_women: Decimal | None = _decimal_field()
    national_men: Decimal | None = _decimal_field()
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)


def _questions(values: Iterable[SurveyQuestion]) -> tuple[SurveyQuestion, ...]:
    return tuple_of(SurveyQuestion, "questions")(values)


@attrs.frozen(repr=False, eq=False)
class NationalComparison(_Figures, _Assessed):
    """A local survey result that should be at least the national comparison figure.

    The national network's (NNS) questionnaires give a local and a national figure,
    often split by women and men. An indicator may be measured by several questions.

    Attributes:
        kind: The tag ``"national"``.
        description: The indicator as the plan words it.
        local: The förbund's overall result.
        national: The national comparison figure.
        local_women, local_men: The local result for women and for men.
        national_women, national_men: The national figures for women and for men.
        questions: The survey questions that measure it, when there are several.
        manual: The assessment the förbund stated, if any.
        dropped: Whether the indicator was dropped (*måttet utgår*).
        printed: Texts as printed that could not be read (see `finsam.printed`).

    `computed`: with questions, every question that can be assessed at least national
    `UPPFYLLT`, none `EJ`, some `DELVIS`. Otherwise from the figures: when all four
    gender figures are given, both women and men at least national `UPPFYLLT`, one of
    them `DELVIS`, neither `EJ`; else local at least national `UPPFYLLT`, else `EJ`;
    `None` when either is missing. Partial gender figures are kept but do not count.

    Example:
        >>> from decimal import Decimal
        >>> from finsam import NationalComparison
        >>> survey = NationalComparison(
        ...     "Deltagare känner sig mer redo att arbeta",
        ...     local=Decimal("7.9"), national=Decimal("7.6"),
        ...     local_women=Decimal("8.1"), national_women=Decimal("7.7"),
        ...     local_men=Decimal("7.4"), national_men=Decimal("7.5"),
        ... )
        >>> survey.computed
        <Assessment.DELVIS: 'delvis uppfyllt'>
    """

    kind: Literal["national"] = attrs.field(
        default="national", kw_only=True, validator=attrs.validators.in_(("national",))
    )
    description: str = attrs.field(validator=_non_empty)
    local: Decimal | None = _decimal_field()
    national: Decimal | None = _decimal_field()
    local_women: Decimal | None = _decimal_field()
    local_men: Decimal | None = _decimal_field()
    national_women: Decimal | None = _decimal_field()
    national_men: Decimal | None = _decimal_field()
    questions: tuple[SurveyQuestion, ...] = attrs.field(
        default=(), converter=_questions, kw_only=True
    )
    manual: Assessment | None = attrs.field(
        default=None, converter=_to_assessment_or_none, validator=_check_assessment, kw_only=True
    )
    dropped: bool = attrs.field(default=False, validator=_check_bool, kw_only=True)
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def computed(self) -> Assessment | None:
        """The assessment the figures give (see the class docstring)."""
        if not self.questions:
            return self.compared
        results = [q.compared for q in self.questions if q.compared is not None]
        if not results:
            return None
        if all(r is Assessment.UPPFYLLT for r in results):
            return Assessment.UPPFYLLT
        if all(r is Assessment.EJ for r in results):
            return Assessment.EJ
        return Assessment.DELVIS


@attrs.frozen(repr=False, eq=False)
class Improvement(_Assessed):
    """A result that should improve on the previous year's.

    Attributes:
        kind: The tag ``"improvement"``.
        description: The indicator as the plan words it.
        previous: Last year's (or the previous measurement's) result.
        current: This year's result.
        higher_is_better: True when a higher figure is the better one.
        manual: The assessment the förbund stated, if any.
        dropped: Whether the indicator was dropped (*måttet utgår*).
        printed: Texts as printed that could not be read (see `finsam.printed`).

    `computed`: strictly better `UPPFYLLT`, the same or worse `EJ`; `None` when either
    figure is missing.

    Example:
        >>> from finsam import Improvement
        >>> Improvement("Cheferna upplever en förbättring", previous=70, current=70).computed
        <Assessment.EJ: 'ej uppfyllt'>
    """

    kind: Literal["improvement"] = attrs.field(
        default="improvement", kw_only=True, validator=attrs.validators.in_(("improvement",))
    )
    description: str = attrs.field(validator=_non_empty)
    previous: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_decimal, kw_only=True
    )
    current: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_decimal, kw_only=True
    )
    higher_is_better: bool = attrs.field(default=True, validator=_check_bool, kw_only=True)
    manual: Assessment | None = attrs.field(
        default=None, converter=_to_assessment_or_none, validator=_check_assessment, kw_only=True
    )
    dropped: bool = attrs.field(default=False, validator=_check_bool, kw_only=True)
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def computed(self) -> Assessment | None:
        """`UPPFYLLT` when strictly better than before, else `EJ`; `None` if a figure is missing."""
        if self.previous is None or self.current is None:
            return None
        if self.higher_is_better:
            better = self.current > self.previous
        else:
            better = self.current < self.previous
        return Assessment.UPPFYLLT if better else Assessment.EJ


@attrs.frozen(repr=False, eq=False)
class YesNo(_Assessed):
    """A fact that holds or not: "Förbundet har arbetat fram metoder för brukares synpunkter".

    Attributes:
        kind: The tag ``"yes_no"``.
        description: The indicator as the plan words it.
        fulfilled: Whether it holds; `None` until known.
        manual: The assessment the förbund stated, if any.
        dropped: Whether the indicator was dropped (*måttet utgår*).
        printed: Texts as printed that could not be read (see `finsam.printed`).

    Example:
        >>> from finsam import YesNo
        >>> YesNo("Alla grupper har en handlingsplan", fulfilled=False).computed
        <Assessment.EJ: 'ej uppfyllt'>
    """

    kind: Literal["yes_no"] = attrs.field(
        default="yes_no", kw_only=True, validator=attrs.validators.in_(("yes_no",))
    )
    description: str = attrs.field(validator=_non_empty)
    fulfilled: bool | None = attrs.field(default=None, validator=_check_bool, kw_only=True)
    manual: Assessment | None = attrs.field(
        default=None, converter=_to_assessment_or_none, validator=_check_assessment, kw_only=True
    )
    dropped: bool = attrs.field(default=False, validator=_check_bool, kw_only=True)
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def computed(self) -> Assessment | None:
        """`UPPFYLLT` if fulfilled, `EJ` if not, `None` when not known."""
        if self.fulfilled is None:
            return None
        return Assessment.UPPFYLLT if self.fulfilled else Assessment.EJ


#: Any indicator kind; in files, the ``kind`` key tells which.
Indicator = TargetIndicator | RatioLimit | NationalComparison | Improvement | YesNo

_INDICATOR_KINDS: Final[Mapping[str, type[Indicator]]] = {
    attrs.fields(cls).kind.default: cls
    for cls in (TargetIndicator, RatioLimit, NationalComparison, Improvement, YesNo)
}

_KIND_LABELS: Final[Mapping[str, str]] = {
    "target": "målvärde",
    "ratio_limit": "gräns för andel",
    "national": "nationellt jämförelsetal",
    "improvement": "förbättring",
    "yes_no": "ja/nej",
}


def _tuple_of_indicators(indicators: Iterable[Indicator]) -> tuple[Indicator, ...]:
    result = tuple(indicators)
    for index, indicator in enumerate(result):
        if not isinstance(indicator, tuple(_INDICATOR_KINDS.values())):
            raise TypeError(f"indicators[{index}]: expected an indicator, got {indicator!r}")
    return result


# -- goals ----------------------------------------------------------------------------------


@attrs.frozen(repr=False, eq=False)
class Goal(Model):
    """A goal (*inriktningsmål*) with its indicators and its overall assessment.

    Attributes:
        text: The goal as the plan words it.
        name: Its heading or number ("Inriktningsmål 4", "5.4"), if any.
        indicators: Its indicators, in the plan's order.
        manual: The overall assessment (*samlad bedömning*) the förbund stated, if any.
        comment: The report's comment on the goal.
        printed: Texts as printed that could not be read (see `finsam.printed`).

    `computed` is the documented aggregation rule: leave out dropped indicators (`UTGAR`)
    and indicators without an assessment; with none left `None`; otherwise the floor of
    the mean rank — conservative, so one `EJ` keeps an `UPPFYLLT` goal from rounding up.
    `assessment` is `manual` when stated, else `computed`; both stay available.

    Example:
        >>> from finsam import Goal, YesNo
        >>> goal = Goal(
        ...     "Våra insatser leder till arbete",
        ...     indicators=(
        ...         YesNo("Insatserna når sina mål", fulfilled=True),
        ...         YesNo("Brukare är delaktiga", fulfilled=False),
        ...         YesNo("Gammalt mått", fulfilled=False, dropped=True),
        ...     ),
        ...     manual="uppfyllt",
        ... )
        >>> goal.computed, goal.assessment
        (<Assessment.DELVIS: 'delvis uppfyllt'>, <Assessment.UPPFYLLT: 'uppfyllt'>)
    """

    text: str = attrs.field(validator=_non_empty)
    name: str = attrs.field(default="", validator=attrs.validators.instance_of(str), kw_only=True)
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=_tuple_of_indicators, kw_only=True
    )
    manual: Assessment | None = attrs.field(
        default=None, converter=_to_assessment_or_none, validator=_check_assessment, kw_only=True
    )
    comment: str = attrs.field(
        default="", validator=attrs.validators.instance_of(str), kw_only=True
    )
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def counted(self) -> tuple[Indicator, ...]:
        """The indicators that enter `computed`: ranked assessment, not dropped."""
        return tuple(
            indicator
            for indicator in self.indicators
            if indicator.assessment is not None and indicator.assessment.rank is not None
        )

    @property
    def computed(self) -> Assessment | None:
        """The floor of the mean rank of the counted indicators; `None` when none count.

        >>> from finsam import Goal, YesNo
        >>> Goal("G", indicators=(YesNo("a", fulfilled=True), YesNo("b"))).computed
        <Assessment.UPPFYLLT: 'uppfyllt'>
        """
        ranks = [cast(int, cast(Assessment, i.assessment).rank) for i in self.counted]
        if not ranks:
            return None
        return Assessment.from_rank(sum(ranks) // len(ranks))

    @property
    def assessment(self) -> Assessment | None:
        """`manual` when the förbund stated one, else `computed`."""
        return self.manual if self.manual is not None else self.computed

    def record(self) -> dict[str, object]:
        """The goal as a plain JSON-able dict, indicators included.

        >>> from finsam import Goal, YesNo
        >>> Goal("G", indicators=(YesNo("a", fulfilled=True),)).record()["computed"]
        'uppfyllt'
        """
        return {
            "name": self.name,
            "text": self.text,
            "manual": None if self.manual is None else self.manual.value,
            "computed": None if self.computed is None else self.computed.value,
            "assessment": None if self.assessment is None else self.assessment.value,
            "comment": self.comment,
            "indicators": [indicator.record() for indicator in self.indicators],
        }

    def _repr_html_(self) -> str:
        """A small table for Jupyter: the goal, each indicator, and the assessments."""

        def shown(assessment: Assessment | None) -> str:
            return "–" if assessment is None else assessment.value

        rows = [("Mål", self.text)]
        for number, indicator in enumerate(self.indicators, start=1):
            label = f"Indikator {number} ({_KIND_LABELS[indicator.kind]})"
            rows.append((label, f"{indicator.description}: {shown(indicator.assessment)}"))
        rows += [
            ("Beräknad bedömning", shown(self.computed)),
            ("Samlad bedömning", shown(self.manual)),
        ]
        if self.comment:
            rows.append(("Kommentar", self.comment))
        return _html_table(self.name or "Inriktningsmål", rows)
