"""Insatser: the interventions a förbund funds, as its reports describe them.

Everything a report's insats table states is kept as stated — participants by gender,
a printed total, outcome shares that may not add up to 100 % — and the derived figures
(totals, the share of women, the utilisation rate *förbrukningsgrad*) are computed from
the parts, never stored. Rule checks compare the two.

Example:
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

import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from finsam.goals import (
    Assessment,
    _check_assessment,
    _check_decimal,
    _html_table,
    _match_label,
    _non_empty,
    _parse_label,
    _percent_text,
    _to_assessment_or_none,
    _to_decimal_or_none,
)
from finsam.money import Amount
from finsam.period import Period

__all__ = [
    "AgeBand",
    "Insats",
    "Orientation",
    "Outcomes",
    "Participants",
    "RegistrationMode",
    "Status",
    "YearBudget",
]


# -- what kind of insats ------------------------------------------------------------------


class Orientation(enum.Enum):
    """What an insats works with (*inriktning*).

    `parse` (and the constructor) ignore case and accept the short form the report
    tables print, "Individ", for `INDIVIDINRIKTAD`; nothing else is guessed.

    Example:
        >>> Orientation("Strukturövergripande")
        <Orientation.STRUKTUROVERGRIPANDE: 'strukturövergripande'>
        >>> Orientation.parse("Individ")
        <Orientation.INDIVIDINRIKTAD: 'individinriktad'>
    """

    INDIVIDINRIKTAD = "individinriktad"
    STRUKTUROVERGRIPANDE = "strukturövergripande"
    KARTLAGGNING = "kartläggning av individer"
    FOREBYGGANDE = "förebyggande"

    @classmethod
    def parse(cls, text: str) -> Orientation:
        """The orientation a report writes; a `ValueError` lists the allowed words.

        >>> Orientation.parse("struktur")
        Traceback (most recent call last):
        ...
        ValueError: 'struktur' is not a valid Orientation value; use one of 'individinriktad', ...
        """
        return _parse_label(cls, text, _ORIENTATION_ALIASES)

    @classmethod
    def _missing_(cls, value: object) -> Orientation | None:
        return _match_label(cls, value, _ORIENTATION_ALIASES)


_ORIENTATION_ALIASES: Final[Mapping[str, Orientation]] = {
    "individ": Orientation.INDIVIDINRIKTAD,
}

# The value, optionally followed by a remark in parentheses or after a slash, as the
# tables print it: "Endast volym (ej med personuppgifter)", "Med personuppgifter/anonym".
_REGISTRATION_RE: Final = re.compile(r"^(endast volym|med personuppgifter)\s*(?:\(.*\)|/.*)?$")


class RegistrationMode(enum.Enum):
    """How participants are registered (*deltagarregistrering*).

    `VOLUME_ONLY` counts heads only; `PER_INDIVIDUAL` registers each participant with
    personal data (and consent) for individual follow-up. Case is ignored, and a remark in
    parentheses or after a slash, as the report tables add, is accepted and dropped.

    Example:
        >>> RegistrationMode("Endast volym (ej med personuppgifter)")
        <RegistrationMode.VOLUME_ONLY: 'endast volym'>
        >>> RegistrationMode.parse("Med personuppgifter/anonym")
        <RegistrationMode.PER_INDIVIDUAL: 'med personuppgifter'>
    """

    VOLUME_ONLY = "endast volym"
    PER_INDIVIDUAL = "med personuppgifter"

    @classmethod
    def parse(cls, text: str) -> RegistrationMode:
        """The registration mode a report writes; a `ValueError` lists the allowed words.

        >>> RegistrationMode.parse("anonym")
        Traceback (most recent call last):
        ...
        ValueError: 'anonym' is not a valid RegistrationMode value; use one of 'endast volym', ...
        """
        member = cls._missing_(text) if isinstance(text, str) else None
        return member if member is not None else _parse_label(cls, text, {})

    @classmethod
    def _missing_(cls, value: object) -> RegistrationMode | None:
        if not isinstance(value, str):
            return None
        match = _REGISTRATION_RE.match(" ".join(value.split()).casefold())
        return None if match is None else cls(match[1])


class Status(enum.Enum):
    """Where an insats stands. Case is ignored when parsing.

    Example:
        >>> Status.parse("Pågående")
        <Status.ONGOING: 'pågående'>
    """

    PLANNED = "planerad"
    ONGOING = "pågående"
    ENDED = "avslutad"
    POSTPONED = "framskjuten"

    @classmethod
    def parse(cls, text: str) -> Status:
        """The status a report writes; a `ValueError` lists the allowed words.

        >>> Status.parse("klar")
        Traceback (most recent call last):
        ...
        ValueError: 'klar' is not a valid Status value; use one of 'planerad', 'pågående', ...
        """
        return _parse_label(cls, text, {})

    @classmethod
    def _missing_(cls, value: object) -> Status | None:
        return _match_label(cls, value, {})


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


def _to_orientation(value: Orientation | str) -> Orientation:
    return value if isinstance(value, Orientation) else Orientation.parse(value)


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
    twice = sorted({year for year in years if years.count(year) > 1})
    if twice:
        raise ValueError(
            f"budgets: year {', '.join(map(str, twice))} given twice; one YearBudget per year"
        )
    return tuple(sorted(result, key=lambda budget: budget.year))


def _kr(amount: Amount | None) -> str | None:
    """An amount as a plain str of kronor with two decimals, for records."""
    return None if amount is None else str(amount.kr)


# -- the parts of an insats -----------------------------------------------------------------


_AGE_BAND_RE: Final = re.compile(r"^\s*(\d{1,3})\s*[-–—−]\s*(\d{1,3})\s*(?:år)?\s*$")


@attrs.frozen
class AgeBand:
    """An age band of a target group, both ends included: "16–64 år".

    A report may state only one end ("unga upp till och med 29 år"): the other is then
    None, meaning not stated, not zero.

    Attributes:
        min_age: The youngest age included (0–120), or None when not stated.
        max_age: The oldest age included, not below `min_age` (at most 120), or None.

    Example:
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

        >>> AgeBand.parse("18–29")
        AgeBand(min_age=18, max_age=29)
        """
        match = _AGE_BAND_RE.match(text)
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


@attrs.frozen
class Participants:
    """Participants in an insats by gender, with the total a report printed, if any.

    Attributes:
        women: Number of women.
        men: Number of men.
        other: Number with another or unstated gender.
        stated_total: The total as printed in the report, kept as stated; the derived
            `total` never uses it (a rule check compares the two).

    Example:
        >>> people = Participants(8, 12)
        >>> people.total, people.share_of_women
        (20, Fraction(2, 5))
        >>> Participants(-1, 3)
        Traceback (most recent call last):
        ...
        ValueError: women must not be negative, got -1
    """

    women: int = attrs.field(validator=_check_count)
    men: int = attrs.field(validator=_check_count)
    other: int = attrs.field(default=0, validator=_check_count)
    stated_total: int | None = attrs.field(default=None, validator=_check_count, kw_only=True)

    @property
    def total(self) -> int:
        """Women, men and other together."""
        return self.women + self.men + self.other

    @property
    def share_of_women(self) -> Fraction | None:
        """Women's share of the total, exactly; `None` when there are no participants."""
        return None if self.total == 0 else Fraction(self.women, self.total)


@attrs.frozen(kw_only=True)
class Outcomes:
    """How participants who ended an insats went on, as the report's percentages print it.

    Shares are percentages of those who ended (`exits`), kept exactly as printed. They are
    *not* required to sum to 100: real reports print 55 % + 10 % + 40 % = 105 %, and a
    rule check must be able to find that. Only negative values are refused.

    Attributes:
        exits: The number of participants who ended the insats (*avslutade*).
        work: Percent who went to work.
        studies: Percent who went to studies.
        job_seeking: Percent who became active job seekers.
        other: Percent with another outcome (e.g. "annan planering").
        stated_total_percent: A total percentage the report prints, if any.

    Example:
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
    stated_total_percent: Decimal | None = attrs.field(
        default=None, converter=_to_decimal_or_none, validator=_check_non_negative
    )

    @property
    def shares(self) -> dict[str, Decimal]:
        """The shares that are given, by outcome, in the order work, studies, job_seeking, other.

        >>> Outcomes(work=Decimal(55)).shares
        {'work': Decimal('55')}
        """
        given = {
            "work": self.work,
            "studies": self.studies,
            "job_seeking": self.job_seeking,
            "other": self.other,
        }
        return {name: share for name, share in given.items() if share is not None}

    @property
    def sum_of_shares(self) -> Decimal:
        """The sum of the shares given, in percent; 0 when none is given (see `shares`)."""
        return sum(self.shares.values(), Decimal(0))

    @property
    def to_work_or_studies(self) -> Decimal | None:
        """Percent to work or studies (a missing one counts as 0); `None` if neither is given."""
        if self.work is None and self.studies is None:
            return None
        return (self.work or Decimal(0)) + (self.studies or Decimal(0))


@attrs.frozen
class YearBudget:
    """An insats's budget and outcome (*utfall*) for one year.

    Attributes:
        year: The financial (calendar) year.
        budget: The budget for the year (*totalbudget*), if stated.
        outcome: The outcome so far or for the year (*utfall ekonomi*), if stated.

    Example:
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

    @property
    def utilisation(self) -> Fraction | None:
        """*Förbrukningsgrad*: outcome over budget, exactly; `None` if missing or budget 0."""
        if self.budget is None or self.outcome is None or self.budget.is_zero:
            return None
        return Fraction(self.outcome.ore, self.budget.ore)

    @property
    def remaining(self) -> Amount | None:
        """Budget less outcome; `None` when either is missing."""
        if self.budget is None or self.outcome is None:
            return None
        return self.budget - self.outcome


# -- the insats -------------------------------------------------------------------------------


@attrs.frozen
class Insats:
    """An insats (intervention) funded by a förbund, as a report's table describes it.

    Everything but `name` is keyword-only.

    Attributes:
        name: The insats's name (*insatsnamn*).
        orientation: Individinriktad, strukturövergripande, kartläggning av individer or
            förebyggande (*inriktning*); "Individ" is accepted.
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

    Example:
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
    orientation: Orientation = attrs.field(converter=_to_orientation, kw_only=True)
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

    # -- derived figures ------------------------------------------------------------------

    def budget_for(self, year: int) -> YearBudget | None:
        """The budget and outcome for `year`, or `None` when the insats has none for it.

        >>> Insats("X", orientation="individ").budget_for(2019) is None
        True
        """
        for budget in self.budgets:
            if budget.year == year:
                return budget
        return None

    def utilisation(self, year: int) -> Fraction | None:
        """*Förbrukningsgrad* for `year`: outcome over budget; `None` when not computable.

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
        return sum((b.budget for b in self.budgets if b.budget is not None), Amount(0))

    @property
    def total_outcome(self) -> Amount:
        """The sum of the stated outcomes over all years (0 kr when none is stated)."""
        return sum((b.outcome for b in self.budgets if b.outcome is not None), Amount(0))

    def is_active(self, period: Period) -> bool:
        """Whether the insats runs at some time in `period`.

        With a stated period, whether the two periods overlap; without one, whether its
        status is ongoing.

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
            "orientation": self.orientation.value,
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
                    "budget": _kr(b.budget),
                    "outcome": _kr(b.outcome),
                    "utilisation": None if b.utilisation is None else str(b.utilisation),
                }
                for b in self.budgets
            ],
        }

    def _repr_html_(self) -> str:
        """A small table for Jupyter with the rows a report's insats table has."""
        rows: list[tuple[str, str]] = [("Inriktning", self.orientation.value)]
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
                    f"{_plain(b.budget)}; utfall {_plain(b.outcome)}{used}",
                )
            )
        if self.lead:
            rows.append(("Huvudman", self.lead))
        if self.cooperating:
            rows.append(("Samverkansparter", ", ".join(self.cooperating)))
        if self.participants is not None:
            p = self.participants
            rows.append(
                ("Deltagare", f"{p.total} ({p.women} kvinnor, {p.men} män, {p.other} övriga)")
            )
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
