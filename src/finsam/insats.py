"""Insatser: the interventions a förbund funds, as its reports describe them.

Everything a report's insats table states is kept as stated — participants by gender,
a printed total, outcome shares that may not add up to 100 % — and the derived figures
(totals, the share of women, the utilisation rate *förbrukningsgrad*) are computed from
the parts, never stored. Rule checks compare the two.

Example:
    >>> from finsam import Amount, Insats, Participants, YearBudget
    >>> coach = Insats(
    ...     "Supported Employment coach Gävle",
    ...     orientation="Individ",
    ...     budgets=[YearBudget(2019, Amount.from_kr(536_013), Amount.from_kr(284_723))],
    ...     lead="Arbetsförmedlingen",
    ...     participants=Participants(women=8, men=12),
    ... )
    >>> coach.orientation, coach.participant_total, coach.share_of_women
    (<Orientation.INDIVIDINRIKTAD: 'individinriktad'>, 20, Fraction(2, 5))
    >>> coach.utilisation(2019)
    Fraction(284723, 536013)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from finsam._fields import Model, tuple_of
from finsam.goals import (
    Assessment,
    _check_assessment,
    _check_decimal,
    _html_table,
    _non_empty,
    _percent_text,
    _to_assessment_or_none,
    _to_decimal_or_none,
)
from finsam.money import Amount
from finsam.period import Period
from finsam.printed import NOTHING_PRINTED, Printed, to_printed
from finsam.vocabulary import Worded

__all__ = [
    "AgeBand",
    "BudgetPart",
    "Insats",
    "InsatsStatement",
    "Orientation",
    "OutcomeGroup",
    "OutcomeShare",
    "Outcomes",
    "Participants",
    "RegistrationMode",
    "Status",
    "YearBudget",
]


# -- what kind of insats ------------------------------------------------------------------


class Orientation(Worded):
    """What an insats works with (*inriktning*), read from the words reports print.

    Example:
        >>> from finsam import Orientation
        >>> Orientation("Strukturövergripande")
        <Orientation.STRUKTUROVERGRIPANDE: 'strukturövergripande'>
        >>> Orientation.parse("Individ - Rehabilitering mot arbete/utbildning")
        <Orientation.INDIVIDINRIKTAD: 'individinriktad'>
    """

    INDIVIDINRIKTAD = "individinriktad"
    STRUKTUROVERGRIPANDE = "strukturövergripande"
    KARTLAGGNING = "kartläggning av individer"
    FOREBYGGANDE = "förebyggande"

    @classmethod
    def vocabulary(cls) -> str:
        """The ``orientation`` vocabulary of `finsam.vocabulary`."""
        return "orientation"


class RegistrationMode(Worded):
    """How participants are registered (*deltagarregistrering*).

    `ENDAST_VOLYM` counts heads only; `MED_PERSONUPPGIFTER` registers each participant with
    personal data (and consent) for individual follow-up. Like the orientations, these are
    Finsam's own terms (SUS), so the names are Swedish; `VOLUME_ONLY` and `PER_INDIVIDUAL`
    remain as aliases of finsam 0.1.

    Example:
        >>> from finsam import RegistrationMode
        >>> RegistrationMode("Endast volym (ej med personuppgifter)")
        <RegistrationMode.ENDAST_VOLYM: 'endast volym'>
        >>> RegistrationMode.parse("Med personuppgifter/anonym")
        <RegistrationMode.MED_PERSONUPPGIFTER: 'med personuppgifter'>
        >>> RegistrationMode.read("Volyminsats") is RegistrationMode.VOLUME_ONLY
        True
    """

    ENDAST_VOLYM = "endast volym"
    MED_PERSONUPPGIFTER = "med personuppgifter"
    VOLUME_ONLY = "endast volym"  # alias (finsam 0.1)
    PER_INDIVIDUAL = "med personuppgifter"  # alias (finsam 0.1)

    @classmethod
    def vocabulary(cls) -> str:
        """The ``registration`` vocabulary of `finsam.vocabulary`."""
        return "registration"


class Status(Worded):
    """Where an insats stands.

    Example:
        >>> from finsam import Status
        >>> Status.parse("Pågår"), Status.read("klar")
        (<Status.ONGOING: 'pågående'>, None)
    """

    PLANNED = "planerad"
    ONGOING = "pågående"
    ENDED = "avslutad"
    POSTPONED = "framskjuten"

    @classmethod
    def vocabulary(cls) -> str:
        """The ``status`` vocabulary of `finsam.vocabulary`."""
        return "status"


# -- validators and converters --------------------------------------------------------------


def _check_count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A head count: a non-negative int (or `None` where the field allows it)."""
    if value is None and attribute.default is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        kind = "the float" if isinstance(value, float) else "a"
        raise TypeError(
            f"{attribute.name}: expected a whole number, got {kind} {value!r} "
            f"({type(value).__name__})"
        )
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative, got {value}")


def _check_non_negative(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_decimal(_instance, attribute, value)
    if isinstance(value, Decimal) and value < 0:
        raise ValueError(f"{attribute.name} must not be negative, got {value} %")


def _check_amount(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or isinstance(value, Amount):
        return
    if isinstance(value, float):
        raise TypeError(
            f"{attribute.name}: got the float {value!r}; floats cannot hold money exactly. "
            "Pass an Amount, e.g. Amount.from_kr(536_013) or Amount.parse('536 013 kr')."
        )
    raise TypeError(f"{attribute.name}: expected an Amount or None, got {value!r}")


def _check_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name}: expected a str, got {value!r}")


def _tuple_of_text(texts: Iterable[str]) -> tuple[str, ...]:
    if isinstance(texts, str):
        raise TypeError(f"expected a list of texts, got the single str {texts!r}")
    result = tuple(texts)
    for index, text in enumerate(result):
        if not isinstance(text, str):
            raise TypeError(f"item {index}: expected a str, got {text!r}")
    return result


def _to_orientation(value: Orientation | str | None) -> Orientation | None:
    return Orientation.parse(value) if isinstance(value, str) else value


def _to_registration(value: RegistrationMode | str | None) -> RegistrationMode | None:
    return RegistrationMode.parse(value) if isinstance(value, str) else value


def _to_status(value: Status | str | None) -> Status | None:
    return Status.parse(value) if isinstance(value, str) else value


def _sorted_budgets(budgets: Iterable[YearBudget]) -> tuple[YearBudget, ...]:
    result = tuple(budgets)
    for index, budget in enumerate(result):
        if not isinstance(budget, YearBudget):
            raise TypeError(f"budgets[{index}]: expected a YearBudget, got {budget!r}")
    years = [budget.year for budget in result]
    if len(set(years)) < len(years):
        twice = sorted({year for year in years if years.count(year) > 1})
        raise ValueError(
            f"budgets: year {', '.join(map(str, twice))} given twice; one YearBudget per year"
        )
    return tuple(sorted(result, key=lambda budget: budget.year))


def _kr(amount: Amount | None) -> str | None:
    """An amount as a plain str of kronor with two decimals, for records."""
    return None if amount is None else str(amount.kr)


# -- the parts of an insats -----------------------------------------------------------------


# Patterns of rarely printed forms are compiled on first use (by `re`'s own cache), not
# by every import.
_AGE_BAND: Final = r"^\s*(\d{1,3})\s*[-–—−]\s*(\d{1,3})\s*(?:år)?\s*$"


@attrs.frozen(repr=False, eq=False)
class AgeBand(Model):
    """An age band of a target group, both ends included: "16–64 år".

    A report may state only one end ("unga upp till och med 29 år"): the other is then
    None, meaning not stated, not zero.

    Attributes:
        min_age: The youngest age included (0–120), or None when not stated.
        max_age: The oldest age included, not below `min_age` (at most 120), or None.

    Example:
        >>> from finsam import AgeBand
        >>> band = AgeBand.parse("16-64 år")
        >>> 16 in band, 65 in band, str(band)
        (True, False, '16–64 år')
        >>> str(AgeBand(max_age=29)), AgeBand(max_age=29).within(band)
        ('upp till 29 år', None)
        >>> AgeBand(30, 29)
        Traceback (most recent call last):
        ...
        ValueError: age band: need 0 <= min_age <= max_age <= 120, got min_age=30, max_age=29
    """

    min_age: int | None = attrs.field(default=None, validator=_check_count)
    max_age: int | None = attrs.field(default=None, validator=_check_count)

    def __attrs_post_init__(self) -> None:
        low = 0 if self.min_age is None else self.min_age
        high = 120 if self.max_age is None else self.max_age
        if (self.min_age is None and self.max_age is None) or not 0 <= low <= high <= 120:
            raise ValueError(
                "age band: need 0 <= min_age <= max_age <= 120, "
                f"got min_age={self.min_age}, max_age={self.max_age}"
            )

    def within(self, other: AgeBand) -> bool | None:
        """Whether every stated end lies inside `other`; None when that cannot be told.

        A band with an end not stated is within `other` only as far as its stated end
        shows: ``upp till 29 år`` is not known to be within 16–64 (None), but
        ``upp till 70 år`` is known not to be (False).
        """
        for age in (self.min_age, self.max_age):
            if age is not None and age not in other:
                return False
        if (self.min_age is None and other.min_age is not None) or (
            self.max_age is None and other.max_age is not None
        ):
            return None
        return True

    @classmethod
    def parse(cls, text: str) -> AgeBand:
        """Parse "16–64 år", "18-29" (en dash, hyphen or minus; "år" optional).

        >>> from finsam import AgeBand
        >>> AgeBand.parse("18–29")
        AgeBand(min_age=18, max_age=29)
        """
        match = re.match(_AGE_BAND, text)
        if match is None:
            raise ValueError(f"{text!r} is not an age band such as '16–64 år'")
        return cls(int(match[1]), int(match[2]))

    def __contains__(self, age: object) -> bool:
        if isinstance(age, bool) or not isinstance(age, int):
            return False
        low = 0 if self.min_age is None else self.min_age
        high = 120 if self.max_age is None else self.max_age
        return low <= age <= high

    def __str__(self) -> str:
        if self.min_age is None:
            return f"upp till {self.max_age} år"
        if self.max_age is None:
            return f"från {self.min_age} år"
        return f"{self.min_age}–{self.max_age} år"


@attrs.frozen(repr=False, eq=False)
class Participants(Model):
    """Participants in an insats, with or without a split by gender, as the report states them.

    Any subset may be stated: women, men, other or unstated gender, and a printed total.
    A part not stated is None (not zero). The derived `total` never uses the printed
    total when the parts give one; a rule check compares the two.

    Attributes:
        women: Number of women, if stated.
        men: Number of men, if stated.
        other: Number with another or unstated gender, if stated.
        stated_total: The total as printed, if any.
        women_percent: The share of women as printed ("58 % kvinnor"), if the report gives
            shares instead of (or beside) counts.
        men_percent: The share of men as printed, likewise.
        printed: Counts as printed where they could not be read (see `finsam.printed`).

    Example:
        >>> from finsam import Participants
        >>> people = Participants(8, 12)
        >>> people.total, people.share_of_women
        (20, Fraction(2, 5))
        >>> Participants(stated_total=363).total, Participants(stated_total=363).share_of_women
        (363, None)
        >>> Participants(-1, 3)
        Traceback (most recent call last):
        ...
        ValueError: women must not be negative, got -1
    """

    women: int | None = attrs.field(default=None, validator=_check_count)
    men: int | None = attrs.field(default=None, validator=_check_count)
    other: int | None = attrs.field(default=None, validator=_check_count)
    stated_total: int | None = attrs.field(default=None, validator=_check_count, kw_only=True)
    women_percent: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_non_negative, kw_only=True
    )
    men_percent: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_non_negative, kw_only=True
    )
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def is_split(self) -> bool:
        """Whether the report splits the participants by gender (women and men stated)."""
        return self.women is not None and self.men is not None

    @property
    def parts_total(self) -> int | None:
        """Women, men and other together, when the report splits by gender; else None."""
        if not self.is_split:
            return None
        return (self.women or 0) + (self.men or 0) + (self.other or 0)

    @property
    def total(self) -> int | None:
        """All participants: the sum of the parts when split by gender, else the printed total."""
        parts = self.parts_total
        return parts if parts is not None else self.stated_total

    @property
    def share_of_women(self) -> Fraction | None:
        """Women's share of the total, exactly; None when not split or no participants."""
        total = self.parts_total
        return None if not total or self.women is None else Fraction(self.women, total)


class OutcomeGroup(Worded):
    """The standard groups of outcomes after an insats: work, studies, job-seeking, other.

    Reports print more categories (sjukersättning, arbetsinriktad or medicinsk
    rehabilitering, ...); each belongs to one group, read from its label through the
    ``outcome`` vocabulary of `finsam.vocabulary` unless given.

    Example:
        >>> from finsam import OutcomeGroup
        >>> OutcomeGroup.read("Arbetsinriktad rehabilitering"), OutcomeGroup.read("Studier")
        (<OutcomeGroup.OTHER: 'annat'>, <OutcomeGroup.STUDIES: 'studier'>)
    """

    WORK = "arbete"
    STUDIES = "studier"
    JOB_SEEKING = "arbetssökande"
    OTHER = "annat"

    @classmethod
    def vocabulary(cls) -> str:
        """The ``outcome`` vocabulary of `finsam.vocabulary`."""
        return "outcome"


@attrs.frozen(repr=False, eq=False)
class OutcomeShare(Model):
    """One outcome category beyond the standard four, as printed: label, percentage, count.

    Attributes:
        label: The category as printed ("Sjukersättning").
        percent: Its percentage of those who ended, as printed.
        count: Its number of people, where the report prints it beside the percentage.
        group: The standard group it belongs to; None reads it from the label.
        printed: Texts as printed that could not be read (see `finsam.printed`).

    Example:
        >>> from decimal import Decimal
        >>> from finsam import OutcomeShare
        >>> OutcomeShare("Medicinsk rehabilitering", Decimal(9)).standard_group
        <OutcomeGroup.OTHER: 'annat'>
    """

    label: str = attrs.field(validator=_non_empty)
    percent: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_non_negative
    )
    count: int | None = attrs.field(default=None, validator=_check_count, kw_only=True)
    group: OutcomeGroup | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(OutcomeGroup)),
        kw_only=True,
    )
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def standard_group(self) -> OutcomeGroup | None:
        """`group` when given, else the group the label reads as; None when it reads as none."""
        return self.group if self.group is not None else OutcomeGroup.read(self.label)


def _tuple_of_shares(values: Iterable[OutcomeShare]) -> tuple[OutcomeShare, ...]:
    return tuple_of(OutcomeShare, "more")(values)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Outcomes(Model):
    """How participants who ended an insats went on, as the report's percentages print it.

    Shares are percentages of those who ended (`exits`), kept exactly as printed. They are
    *not* required to sum to 100: real reports print 55 % + 10 % + 40 % = 105 %, and a
    rule check must be able to find that. Only negative values are refused. Where the
    report prints the number of people beside a percentage ("55 % fått arbete (1 kvinna
    och 5 män)"), the count is kept too, so the two can be compared.

    Attributes:
        exits: The number of participants who ended the insats (*avslutade*).
        work: Percent who went to work.
        studies: Percent who went to studies.
        job_seeking: Percent who became active job seekers.
        other: Percent with another outcome (e.g. "annan planering").
        work_count, studies_count, job_seeking_count, other_count: The number of people
            the report prints beside each percentage, if any.
        more: Categories beyond the four, each with its own label, percentage and group.
        stated_total_percent: A total percentage the report prints, if any.
        printed: Texts as printed that could not be read (see `finsam.printed`).

    Example:
        >>> from decimal import Decimal
        >>> from finsam import Outcomes
        >>> ended = Outcomes(exits=11, work=Decimal(55), studies=Decimal(10), other=Decimal(40))
        >>> ended.sum_of_shares, ended.to_work_or_studies
        (Decimal('105'), Decimal('65'))
    """

    exits: int | None = attrs.field(default=None, validator=_check_count)
    work: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_non_negative
    )
    studies: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_non_negative
    )
    job_seeking: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_non_negative
    )
    other: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_non_negative
    )
    work_count: int | None = attrs.field(default=None, validator=_check_count)
    studies_count: int | None = attrs.field(default=None, validator=_check_count)
    job_seeking_count: int | None = attrs.field(default=None, validator=_check_count)
    other_count: int | None = attrs.field(default=None, validator=_check_count)
    more: tuple[OutcomeShare, ...] = attrs.field(default=(), converter=_tuple_of_shares)
    stated_total_percent: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_non_negative
    )
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed)

    @property
    def categories(self) -> tuple[OutcomeShare, ...]:
        """Every category stated, the standard four first (labelled with their group's word).

        >>> from decimal import Decimal
        >>> from finsam import OutcomeShare, Outcomes
        >>> outcomes = Outcomes(work=Decimal(50), more=[OutcomeShare("Sjukersättning", 50)])
        >>> [c.label for c in outcomes.categories]
        ['arbete', 'Sjukersättning']
        """
        standard = [
            OutcomeShare(group.value, percent, count=count, group=group)
            for group, percent, count in (
                (OutcomeGroup.WORK, self.work, self.work_count),
                (OutcomeGroup.STUDIES, self.studies, self.studies_count),
                (OutcomeGroup.JOB_SEEKING, self.job_seeking, self.job_seeking_count),
                (OutcomeGroup.OTHER, self.other, self.other_count),
            )
            if percent is not None or count is not None
        ]
        return (*standard, *self.more)

    @property
    def shares(self) -> dict[str, Decimal]:
        """The percentages that are given, by field name (work, studies, job_seeking, other)
        and, for further categories, by their label.

        >>> from decimal import Decimal
        >>> from finsam import Outcomes
        >>> Outcomes(work=Decimal(55)).shares
        {'work': Decimal('55')}
        """
        given = {
            "work": self.work,
            "studies": self.studies,
            "job_seeking": self.job_seeking,
            "other": self.other,
            **{share.label: share.percent for share in self.more},
        }
        return {name: share for name, share in given.items() if share is not None}

    @property
    def sum_of_shares(self) -> Decimal:
        """The sum of the shares given, in percent; 0 when none is given (see `shares`)."""
        return sum(self.shares.values(), Decimal(0))

    def group_share(self, group: OutcomeGroup) -> Decimal | None:
        """The percentage of one standard group, further categories included; None if none."""
        parts = [c.percent for c in self.categories if c.standard_group is group]
        given = [p for p in parts if p is not None]
        return sum(given, Decimal(0)) if given else None

    @property
    def to_work_or_studies(self) -> Decimal | None:
        """Percent to work or studies (a missing one counts as 0); `None` if neither is given."""
        work, studies = self.group_share(OutcomeGroup.WORK), self.group_share(OutcomeGroup.STUDIES)
        if work is None and studies is None:
            return None
        return (work or Decimal(0)) + (studies or Decimal(0))


@attrs.frozen(repr=False, eq=False)
class BudgetPart(Model):
    """A part of an insats's budget and outcome that the report prints on its own line
    ("Processledare 540 000 kr, Kommunspecifika samverkansmedel 4 994 625 kr").

    Attributes:
        label: The part as printed.
        budget: Its budget, if stated.
        outcome: Its outcome, if stated.
        printed: Amounts as printed where they could not be read (see `finsam.printed`).
    """

    label: str = attrs.field(validator=_non_empty)
    budget: Amount | None = attrs.field(default=None, validator=_check_amount)
    outcome: Amount | None = attrs.field(default=None, validator=_check_amount)
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)


def _sum_or_none(amounts: Iterable[Amount | None]) -> Amount | None:
    given = [a for a in amounts if a is not None]
    return sum(given, Amount(0)) if given else None


def _parts(values: Iterable[BudgetPart]) -> tuple[BudgetPart, ...]:
    return tuple_of(BudgetPart, "parts")(values)


@attrs.frozen(repr=False, eq=False)
class YearBudget(Model):
    """An insats's budget and outcome (*utfall*) for one year.

    Attributes:
        year: The financial (calendar) year.
        budget: The budget for the year (*totalbudget*), if stated as one figure.
        outcome: The outcome so far or for the year (*utfall ekonomi*), if stated as one figure.
        parts: The budget and outcome printed in parts, where the report splits them.
        printed: Amounts as printed where they could not be read or say more than the
            value ("500 000kr"; see `finsam.printed`).

    Example:
        >>> from finsam import Amount, YearBudget
        >>> year = YearBudget(2019, Amount.from_kr(536_013), Amount.from_kr(284_723))
        >>> year.utilisation, year.remaining
        (Fraction(284723, 536013), Amount.parse('251 290 kr'))
        >>> YearBudget(2019, 536013.0)
        Traceback (most recent call last):
        ...
        TypeError: budget: got the float 536013.0; floats cannot hold money exactly. ...
    """

    year: int = attrs.field(validator=_check_count)
    budget: Amount | None = attrs.field(default=None, validator=_check_amount)
    outcome: Amount | None = attrs.field(default=None, validator=_check_amount)
    parts: tuple[BudgetPart, ...] = attrs.field(default=(), converter=_parts, kw_only=True)
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def total_budget(self) -> Amount | None:
        """The budget as one figure: as stated, or the sum of the parts' budgets."""
        return (
            self.budget if self.budget is not None else _sum_or_none(p.budget for p in self.parts)
        )

    @property
    def total_outcome(self) -> Amount | None:
        """The outcome as one figure: as stated, or the sum of the parts' outcomes."""
        if self.outcome is not None:
            return self.outcome
        return _sum_or_none(p.outcome for p in self.parts)

    @property
    def utilisation(self) -> Fraction | None:
        """*Förbrukningsgrad*: outcome over budget, exactly; `None` if missing or budget 0."""
        budget, outcome = self.total_budget, self.total_outcome
        if budget is None or outcome is None or budget.is_zero:
            return None
        return Fraction(outcome.ore, budget.ore)

    @property
    def remaining(self) -> Amount | None:
        """Budget less outcome; `None` when either is missing."""
        budget, outcome = self.total_budget, self.total_outcome
        if budget is None or outcome is None:
            return None
        return budget - outcome


# -- the insats -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False, eq=False)
class InsatsStatement(Model):
    """What another place in a document states about an insats (an overview list, an
    appendix, a cost-centre table), kept beside the main description so the checks can
    compare them.

    Attributes:
        source: Where it is stated ("1.3 Individinriktade insatser", "Bilaga 1").
        period: The period stated there, if any.
        budgets: Budget and outcome per year stated there.
        participants: Participants stated there.
        outcomes: Outcome shares stated there.
        statement: ``"table title/line label"`` of a line that describes the same insats
            (a cost centre in a follow-up table); its budget and outcome cells must agree.
        printed: Texts as printed that could not be read (see `finsam.printed`).

    Example:
        >>> from finsam import InsatsStatement, Period
        >>> period = Period.parse("2019-03-01 – 2021-12-31")
        >>> overview = InsatsStatement(source="Översikt", period=period)
        >>> overview.source
        'Översikt'
    """

    source: str = attrs.field(validator=_non_empty)
    period: Period | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Period))
    )
    budgets: tuple[YearBudget, ...] = attrs.field(default=(), converter=_sorted_budgets)
    participants: Participants | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Participants)),
    )
    outcomes: Outcomes | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Outcomes))
    )
    statement: str | None = None
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed)


def _also_stated(values: Iterable[InsatsStatement]) -> tuple[InsatsStatement, ...]:
    return tuple_of(InsatsStatement, "also_stated")(values)


@attrs.frozen(repr=False, eq=False)
class Insats(Model):
    """An insats (intervention) funded by a förbund, as a report's table describes it.

    Everything but `name` is keyword-only.

    Attributes:
        name: The insats's name (*insatsnamn*).
        orientation: Individinriktad, strukturövergripande, kartläggning av individer or
            förebyggande (*inriktning*), read from the printed word (see `Orientation`);
            None when the word fits none (it is then kept in `printed`).
        period: When it runs, if stated.
        purpose: Its purpose (*syfte*).
        targets: Its numbered targets (*mål*), in order.
        registration: How participants are registered (*deltagarregistrering*).
        target_group: The specific target group (*specifik målgrupp*).
        age_band: The target group's age band, if stated.
        budgets: Budget and outcome per year, kept in year order; a year given twice is
            an error.
        lead: The lead (*huvudman*): a member's name or the förbund's own name, as
            written. Rule checks resolve it against the förbund.
        cooperating: The cooperating parties (*samverkansparter*), as written.
        participants: Participants by gender, if reported.
        outcomes: Outcome shares of those who ended, if reported.
        status: Planned, ongoing, ended or postponed, if stated.
        result: The report's result text (*resultat*).
        comment: The report's comment (*kommentar*).
        assessment: The assessment the report gives the insats, if any.
        source: Where in the document the description is (a table, an appendix).
        also_stated: What other places of the document state about the insats.
        printed: Texts as printed that could not be read or say more than the values
            (see `finsam.printed`).

    Example:
        >>> from finsam import Amount, Insats, Orientation, YearBudget
        >>> trisam = Insats(
        ...     "TRISAM – Struktur",
        ...     orientation=Orientation.STRUKTUROVERGRIPANDE,
        ...     registration="Endast volym",
        ...     budgets=[YearBudget(2019, Amount.from_kr(1_600_000), Amount.from_kr(658_614))],
        ...     lead="Samordningsförbund Gävleborg",
        ... )
        >>> trisam.total_outcome, trisam.utilisation(2019)
        (Amount.parse('658 614 kr'), Fraction(329307, 800000))
        >>> Insats("X", orientation="individ", budgets=[YearBudget(2019), YearBudget(2019)])
        Traceback (most recent call last):
        ...
        ValueError: budgets: year 2019 given twice; one YearBudget per year
    """

    name: str = attrs.field(validator=_non_empty)
    orientation: Orientation | None = attrs.field(
        default=None, converter=_to_orientation, kw_only=True
    )
    period: Period | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Period)),
        kw_only=True,
    )
    purpose: str = attrs.field(default="", validator=_check_text, kw_only=True)
    targets: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_text, kw_only=True)
    registration: RegistrationMode | None = attrs.field(
        default=None, converter=_to_registration, kw_only=True
    )
    target_group: str = attrs.field(default="", validator=_check_text, kw_only=True)
    age_band: AgeBand | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(AgeBand)),
        kw_only=True,
    )
    budgets: tuple[YearBudget, ...] = attrs.field(
        default=(), converter=_sorted_budgets, kw_only=True
    )
    lead: str = attrs.field(default="", validator=_check_text, kw_only=True)
    cooperating: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_text, kw_only=True)
    participants: Participants | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Participants)),
        kw_only=True,
    )
    outcomes: Outcomes | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Outcomes)),
        kw_only=True,
    )
    status: Status | None = attrs.field(default=None, converter=_to_status, kw_only=True)
    result: str = attrs.field(default="", validator=_check_text, kw_only=True)
    comment: str = attrs.field(default="", validator=_check_text, kw_only=True)
    assessment: Assessment | None = attrs.field(
        default=None, converter=_to_assessment_or_none, validator=_check_assessment, kw_only=True
    )
    source: str = attrs.field(default="", validator=_check_text, kw_only=True)
    also_stated: tuple[InsatsStatement, ...] = attrs.field(
        default=(), converter=_also_stated, kw_only=True
    )
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    # -- derived figures ------------------------------------------------------------------

    def budget_for(self, year: int) -> YearBudget | None:
        """The budget and outcome for `year`, or `None` when the insats has none for it.

        >>> from finsam import Insats
        >>> Insats("X", orientation="individ").budget_for(2019) is None
        True
        """
        for budget in self.budgets:
            if budget.year == year:
                return budget
        return None

    def utilisation(self, year: int) -> Fraction | None:
        """*Förbrukningsgrad* for `year`: outcome over budget; `None` when not computable.

        >>> from finsam import Amount, Insats, YearBudget
        >>> budget = YearBudget(2019, Amount.from_kr(500_000), Amount.from_kr(0))
        >>> Insats("Mentorskap", orientation="individ", budgets=[budget]).utilisation(2019)
        Fraction(0, 1)
        """
        budget = self.budget_for(year)
        return None if budget is None else budget.utilisation

    @property
    def participant_total(self) -> int | None:
        """All participants (women, men, other); `None` when none are reported."""
        return None if self.participants is None else self.participants.total

    @property
    def share_of_women(self) -> Fraction | None:
        """Women's share of the participants; `None` when none are reported."""
        return None if self.participants is None else self.participants.share_of_women

    @property
    def total_budget(self) -> Amount:
        """The sum of the stated budgets over all years (0 kr when none is stated)."""
        return sum((b for y in self.budgets if (b := y.total_budget) is not None), Amount(0))

    @property
    def total_outcome(self) -> Amount:
        """The sum of the stated outcomes over all years (0 kr when none is stated)."""
        return sum((o for y in self.budgets if (o := y.total_outcome) is not None), Amount(0))

    def is_active(self, period: Period) -> bool:
        """Whether the insats runs at some time in `period`.

        With a stated period, whether the two periods overlap; without one, whether its
        status is ongoing.

        >>> from finsam import Insats, Period
        >>> mentor = Insats("Mentorskap", orientation="individ", status="pågående")
        >>> mentor.is_active(Period.year(2019))
        True
        """
        if self.period is None:
            return self.status is Status.ONGOING
        return self.period.overlaps(period)

    # -- presentation -----------------------------------------------------------------------

    def record(self) -> dict[str, object]:
        """The insats as a plain JSON-able dict: amounts as str in kr, dates ISO, enums by value.

        Derived figures are included (`participant_total`, `share_of_women` as an exact
        fraction "2/5", per-year `utilisation`) next to the stated ones.

        >>> from finsam import Insats, Participants
        >>> Insats("X", orientation="individ", participants=Participants(8, 12)).record()[
        ...     "share_of_women"
        ... ]
        '2/5'
        """
        people = self.participants
        ended = self.outcomes
        share = self.share_of_women
        return {
            "name": self.name,
            "orientation": None if self.orientation is None else self.orientation.value,
            "start": None if self.period is None else self.period.start.isoformat(),
            "end": None if self.period is None else self.period.end.isoformat(),
            "purpose": self.purpose,
            "targets": list(self.targets),
            "registration": None if self.registration is None else self.registration.value,
            "target_group": self.target_group,
            "min_age": None if self.age_band is None else self.age_band.min_age,
            "max_age": None if self.age_band is None else self.age_band.max_age,
            "lead": self.lead,
            "cooperating": list(self.cooperating),
            "women": None if people is None else people.women,
            "men": None if people is None else people.men,
            "other": None if people is None else people.other,
            "stated_total": None if people is None else people.stated_total,
            "participant_total": self.participant_total,
            "share_of_women": None if share is None else str(share),
            "exits": None if ended is None else ended.exits,
            "work_percent": None if ended is None else _decimal_text(ended.work),
            "studies_percent": None if ended is None else _decimal_text(ended.studies),
            "job_seeking_percent": None if ended is None else _decimal_text(ended.job_seeking),
            "other_percent": None if ended is None else _decimal_text(ended.other),
            "stated_total_percent": (
                None if ended is None else _decimal_text(ended.stated_total_percent)
            ),
            "status": None if self.status is None else self.status.value,
            "result": self.result,
            "comment": self.comment,
            "assessment": None if self.assessment is None else self.assessment.value,
            "total_budget": _kr(self.total_budget),
            "total_outcome": _kr(self.total_outcome),
            "budgets": [
                {
                    "year": b.year,
                    "budget": _kr(b.total_budget),
                    "outcome": _kr(b.total_outcome),
                    "utilisation": None if b.utilisation is None else str(b.utilisation),
                }
                for b in self.budgets
            ],
        }

    def records(self) -> list[dict[str, object]]:
        """One row per year of budget (one row when there is none), numbers as numbers:
        amounts in öre (int) and kronor (`Decimal`), shares as `Fraction`, ready for
        `pandas.DataFrame`.

        >>> from finsam import Amount, Insats, Participants, YearBudget
        >>> Insats("X", orientation="individ", participants=Participants(8, 12),
        ...        budgets=[YearBudget(2019, Amount.from_kr(100), Amount.from_kr(25))]
        ...        ).records()[0]["utilisation"]
        Fraction(1, 4)
        """
        people, ended = self.participants, self.outcomes
        base: dict[str, object] = {
            "name": self.name,
            "orientation": None if self.orientation is None else self.orientation.value,
            "start": None if self.period is None else self.period.start,
            "end": None if self.period is None else self.period.end,
            "lead": self.lead,
            "status": None if self.status is None else self.status.value,
            "women": None if people is None else people.women,
            "men": None if people is None else people.men,
            "participants": self.participant_total,
            "share_of_women": self.share_of_women,
            "exits": None if ended is None else ended.exits,
            "to_work_or_studies_percent": None if ended is None else ended.to_work_or_studies,
            "assessment": None if self.assessment is None else self.assessment.value,
        }
        rows = []
        for budget in self.budgets or (None,):
            total, outcome = (
                (None, None) if budget is None else (budget.total_budget, budget.total_outcome)
            )
            rows.append(
                {
                    **base,
                    "year": None if budget is None else budget.year,
                    "budget_ore": None if total is None else total.ore,
                    "budget_kr": None if total is None else total.kr,
                    "outcome_ore": None if outcome is None else outcome.ore,
                    "outcome_kr": None if outcome is None else outcome.kr,
                    "utilisation": None if budget is None else budget.utilisation,
                }
            )
        return rows

    def _repr_html_(self) -> str:
        """A small table for Jupyter with the rows a report's insats table has."""
        orientation = self.printed.get("orientation") or (
            "" if self.orientation is None else self.orientation.value
        )
        rows: list[tuple[str, str]] = [("Inriktning", orientation)]
        if self.period is not None:
            rows.append(("Period", str(self.period)))
        if self.purpose:
            rows.append(("Syfte", self.purpose))
        rows += [(f"Mål {n}", target) for n, target in enumerate(self.targets, start=1)]
        if self.registration is not None:
            rows.append(("Deltagarregistrering", self.registration.value))
        if self.target_group or self.age_band is not None:
            band = "" if self.age_band is None else f" ({self.age_band})"
            rows.append(("Specifik målgrupp", f"{self.target_group}{band}".strip()))
        for b in self.budgets:
            used = (
                ""
                if b.utilisation is None
                else f", förbrukningsgrad {_percent_text(b.utilisation)}"
            )
            rows.append(
                (
                    f"Budget {b.year}",
                    f"{_plain(b.total_budget)}; utfall {_plain(b.total_outcome)}{used}",
                )
            )
        if self.lead:
            rows.append(("Huvudman", self.lead))
        if self.cooperating:
            rows.append(("Samverkansparter", ", ".join(self.cooperating)))
        if self.participants is not None:
            p = self.participants
            split = (
                ""
                if not p.is_split
                else f" ({p.women} kvinnor, {p.men} män, {p.other or 0} övriga)"
            )
            rows.append(("Deltagare", f"{p.total}{split}"))
        if self.outcomes is not None and (self.outcomes.shares or self.outcomes.exits):
            labels = {"work": "arbete", "studies": "studier", "job_seeking": "arbetssökande"}
            shares = ", ".join(
                f"{labels.get(name, 'annat')} {_percent_text(share)}"
                for name, share in self.outcomes.shares.items()
            )
            exits = "" if self.outcomes.exits is None else f"{self.outcomes.exits} avslutade; "
            rows.append(("Avslut", f"{exits}{shares}".rstrip("; ")))
        for label, value in [
            ("Status", None if self.status is None else self.status.value),
            ("Resultat", self.result or None),
            ("Kommentar", self.comment or None),
            ("Bedömning", None if self.assessment is None else self.assessment.value),
        ]:
            if value is not None:
                rows.append((label, value))
        return _html_table(self.name, rows)


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _plain(amount: Amount | None) -> str:
    return "–" if amount is None else amount.plain()
