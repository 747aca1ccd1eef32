"""The förbund (samordningsförbund), its organisation number and its charter versions."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from finsam.money import Amount
from finsam.parties import Member, MemberKind

__all__ = [
    "AnnualFunding",
    "Board",
    "BoardRole",
    "BoardSeat",
    "Charter",
    "Forbund",
    "OrgNumber",
    "Samordningsforbund",
]


def _luhn_check_digit(digits: str) -> int:
    total = 0
    for position, char in enumerate(digits):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


@attrs.frozen(order=True)
class OrgNumber:
    """A Swedish organisationsnummer: ten digits, the last a Luhn check digit.

    Spaces and dashes in the input are ignored; the number is kept as ``NNNNNN-NNNN``.

    Attributes:
        value: The number in its canonical form, e.g. ``222000-3137``.

    Example:
        >>> OrgNumber("222 000 – 2071")
        OrgNumber('222000-2071')
        >>> OrgNumber("222000-3138")
        Traceback (most recent call last):
        ...
        ValueError: organisationsnummer '222000-3138' has check digit 8, expected 7
    """

    value: str = attrs.field()

    @value.validator
    def _check(self, _attribute: attrs.Attribute[str], value: str) -> None:
        digits = re.sub(r"[\s\-–]", "", value)
        if not re.fullmatch(r"\d{10}", digits):
            raise ValueError(f"organisationsnummer {value!r} must have ten digits (NNNNNN-NNNN)")
        expected = _luhn_check_digit(digits[:9])
        if int(digits[9]) != expected:
            raise ValueError(
                f"organisationsnummer {value!r} has check digit {digits[9]}, expected {expected}"
            )
        object.__setattr__(self, "value", f"{digits[:6]}-{digits[6:]}")

    @property
    def is_public_body(self) -> bool:
        """Whether the number marks a public body (leading ``2``), as every förbund's does."""
        return self.value.startswith("2")

    def __repr__(self) -> str:
        return f"OrgNumber({self.value!r})"

    def __str__(self) -> str:
        return self.value


#: Named percentages, kept as ordered (name, percentage) pairs so the charter stays hashable.
SharePairs = tuple[tuple[str, Decimal], ...]


def _to_share_pairs(value: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]]) -> SharePairs:
    pairs = value.items() if isinstance(value, Mapping) else value
    result = []
    for name, share in pairs:
        if isinstance(share, bool) or not isinstance(share, int | Decimal):
            kind = type(share).__name__
            raise TypeError(f"share of {name!r}: expected a Decimal percentage, got {kind}")
        result.append((name, Decimal(share)))
    return tuple(result)


def _check_percentages(what: str, pairs: SharePairs) -> None:
    names = [name for name, _ in pairs]
    if len(set(names)) != len(names):
        duplicates = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"{what}: {', '.join(duplicates)} listed twice")
    for name, share in pairs:
        if share < 0:
            raise ValueError(f"{what}: share of {name!r} is negative ({share} %)")
    total = sum((share for _, share in pairs), Decimal(0))
    if pairs and total != 100:
        raise ValueError(f"{what} sum to {total} %, not 100 %; the charter must state them exactly")


@attrs.frozen
class Charter:
    """One version of a förbund's charter (*förbundsordning*, § 9), valid from a date.

    The charter says how the kommuner share their quarter: fixed percentages (often frozen
    from population figures with one decimal), or population weights at a reference date.
    With several regions it may likewise fix each region's share of their quarter.

    Attributes:
        valid_from: The first day this version applies.
        kommun_percentages: Per kommun (by member name), its percentage of the kommuner's
            quarter. Must sum to exactly 100. Empty when `population_date` is set.
        population_date: When set, the kommuner's quarter is split by the populations that
            the kommun members carry for this reference date.
        region_percentages: Per region, its percentage of the regions' quarter; needed only
            with several regions. Must sum to exactly 100 when given.
        reference: Where the figures come from (decision, paragraph, document).
        unit: The unit the förbund rounds contributions to (whole kronor by default; some
            invoice in whole tkr).

    Example:
        >>> Charter(dt.date(2015, 1, 1), kommun_percentages={"A": Decimal("60.5"), "B": 40})
        Traceback (most recent call last):
        ...
        ValueError: kommun percentages sum to 100.5 %, not 100 %; ...
    """

    valid_from: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    kommun_percentages: SharePairs = attrs.field(
        default=(), converter=_to_share_pairs, kw_only=True
    )
    population_date: dt.date | None = attrs.field(default=None, kw_only=True)
    region_percentages: SharePairs = attrs.field(
        default=(), converter=_to_share_pairs, kw_only=True
    )
    reference: str = attrs.field(default="", kw_only=True)
    unit: Amount = attrs.field(default=Amount(100), kw_only=True)

    def __attrs_post_init__(self) -> None:
        if bool(self.kommun_percentages) == (self.population_date is not None):
            raise ValueError(
                f"charter valid from {self.valid_from}: give either kommun_percentages "
                "or population_date (the kommuner's quarter is split by one rule)"
            )
        _check_percentages("kommun percentages", self.kommun_percentages)
        _check_percentages("region percentages", self.region_percentages)


@attrs.frozen
class AnnualFunding:
    """The members' total contribution decided for one financial year.

    Attributes:
        year: The financial (calendar) year.
        total: The total of all members' contributions for the year.
        reference: Where the figure is stated.
    """

    year: int
    total: Amount = attrs.field(validator=attrs.validators.instance_of(Amount))
    reference: str = ""


def _to_org_number(value: OrgNumber | str) -> OrgNumber:
    return value if isinstance(value, OrgNumber) else OrgNumber(value)


def _tuple_of_members(members: Iterable[Member]) -> tuple[Member, ...]:
    return tuple(members)


def _tuple_of_funding(funding: Iterable[AnnualFunding]) -> tuple[AnnualFunding, ...]:
    return tuple(funding)


def _sorted_charters(charters: Iterable[Charter]) -> tuple[Charter, ...]:
    return tuple(sorted(charters, key=lambda c: c.valid_from))


@attrs.frozen
class Forbund:
    """A samordningsförbund: a public body whose members pool money under lag (2003:1210).

    Also exported as `Samordningsforbund`.

    Attributes:
        name: The förbund's name.
        org_number: Its organisationsnummer (validated, Luhn check digit).
        seat: The kommun where it has its seat (*säte*).
        founded: The day it was formed.
        members: Its members. Building a förbund enforces § 3: Försäkringskassan,
            Arbetsförmedlingen, at least one region and at least one kommun.
        charters: The charter versions, kept in order of `Charter.valid_from`.
        funding: The members' total contribution per year, where known.

    Example:
        >>> fk, af = Member("FK", "försäkringskassan"), Member("AF", "arbetsförmedlingen")
        >>> Forbund("X", "222000-3137", "Gävle", dt.date(2014, 12, 15), (fk, af), ())
        Traceback (most recent call last):
        ...
        ValueError: förbund 'X' lacks members ... missing: a region, a kommun
    """

    name: str
    org_number: OrgNumber = attrs.field(converter=_to_org_number)
    seat: str
    founded: dt.date
    members: tuple[Member, ...] = attrs.field(converter=_tuple_of_members)
    charters: tuple[Charter, ...] = attrs.field(converter=_sorted_charters, default=())
    funding: tuple[AnnualFunding, ...] = attrs.field(converter=_tuple_of_funding, default=())

    def __attrs_post_init__(self) -> None:
        kinds = {member.kind for member in self.members}
        missing = [
            label
            for kind, label in [
                (MemberKind.FORSAKRINGSKASSAN, "Försäkringskassan"),
                (MemberKind.ARBETSFORMEDLINGEN, "Arbetsförmedlingen"),
                (MemberKind.REGION, "a region"),
                (MemberKind.KOMMUN, "a kommun"),
            ]
            if kind not in kinds
        ]
        if missing:
            raise ValueError(
                f"förbund {self.name!r} lacks members required by § 3 lag (2003:1210): "
                f"Försäkringskassan, Arbetsförmedlingen, at least one region and one kommun; "
                f"missing: {', '.join(missing)}"
            )
        names = [member.name for member in self.members]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise ValueError(f"förbund {self.name!r}: member {', '.join(twice)} listed twice")
        for kind, label in [
            (MemberKind.FORSAKRINGSKASSAN, "Försäkringskassan"),
            (MemberKind.ARBETSFORMEDLINGEN, "Arbetsförmedlingen"),
        ]:
            if sum(member.kind is kind for member in self.members) > 1:
                raise ValueError(f"förbund {self.name!r}: {label} can be a member only once")
        for charter in self.charters:
            self._check_charter_names(charter)
        years = [f.year for f in self.funding]
        if len(set(years)) != len(years):
            raise ValueError(f"förbund {self.name!r}: funding for a year is given twice")

    def _check_charter_names(self, charter: Charter) -> None:
        for what, kind, pairs in [
            ("kommun_percentages", MemberKind.KOMMUN, charter.kommun_percentages),
            ("region_percentages", MemberKind.REGION, charter.region_percentages),
        ]:
            known = {m.name for m in self.members_of(kind)}
            for name, _ in pairs:
                if name not in known:
                    raise ValueError(
                        f"charter valid from {charter.valid_from}: {what} names {name!r}, "
                        f"which is not a {kind.label} member of {self.name!r}"
                    )

    def members_of(self, kind: MemberKind) -> tuple[Member, ...]:
        """The members of one kind, in the order they were given."""
        return tuple(member for member in self.members if member.kind is kind)

    def member(self, name: str) -> Member:
        """The member called `name`; a `KeyError` lists the names there are."""
        for member in self.members:
            if member.name == name:
                return member
        raise KeyError(
            f"{self.name!r} has no member {name!r}; members: {[m.name for m in self.members]}"
        )

    def charter_as_of(self, day: dt.date) -> Charter:
        """The charter version in force on `day`.

        Raises:
            LookupError: when `day` is before the first version (no silent default).
        """
        in_force = [charter for charter in self.charters if charter.valid_from <= day]
        if not in_force:
            first = self.charters[0].valid_from.isoformat() if self.charters else "none given"
            raise LookupError(
                f"{self.name!r} has no charter in force on {day} (first version: {first})"
            )
        return in_force[-1]

    def funding_for(self, year: int) -> AnnualFunding:
        """The members' total contribution decided for `year`."""
        for funding in self.funding:
            if funding.year == year:
                return funding
        known = ", ".join(str(f.year) for f in self.funding) or "none"
        raise LookupError(f"{self.name!r} has no funding total for {year} (known years: {known})")


#: The Swedish name, for those who prefer it.
Samordningsforbund = Forbund


class BoardRole(enum.Enum):
    """A seat on the board (§ 10): ordinary member or substitute."""

    LEDAMOT = "ledamot"
    ERSATTARE = "ersättare"


@attrs.frozen
class BoardSeat:
    """One person on the board, as the report lists them.

    Attributes:
        person: The name as printed.
        represents: The member (or, in older boards, group such as "Kommunerna") that
            appointed the person, as printed.
        role: Ledamot or ersättare.
        chair: Whether the person chairs the board (*ordförande*).
        vice_chair: Whether the person is a vice chair (*vice ordförande*).
        political_party: The political party, for elected members ("S", "C").
    """

    person: str
    represents: str
    role: BoardRole = attrs.field(converter=BoardRole)
    chair: bool = False
    vice_chair: bool = False
    political_party: str = ""


def _tuple_of_seats(seats: Iterable[BoardSeat]) -> tuple[BoardSeat, ...]:
    return tuple(seats)


@attrs.frozen
class Board:
    """The board (*styrelse*) during a report's period.

    Attributes:
        seats: Every ledamot and ersättare.
        stated_ledamoter: The number of ledamöter the report states in words, if any.
        stated_ersattare: The number of ersättare the report states in words, if any.

    Example:
        >>> board = Board([BoardSeat("A", "Region Gävleborg", "ledamot", chair=True)])
        >>> [seat.person for seat in board.ledamoter], board.chair.person
        (['A'], 'A')
    """

    seats: tuple[BoardSeat, ...] = attrs.field(converter=_tuple_of_seats)
    stated_ledamoter: int | None = None
    stated_ersattare: int | None = None

    @property
    def ledamoter(self) -> tuple[BoardSeat, ...]:
        """The ordinary members."""
        return tuple(s for s in self.seats if s.role is BoardRole.LEDAMOT)

    @property
    def ersattare(self) -> tuple[BoardSeat, ...]:
        """The substitutes."""
        return tuple(s for s in self.seats if s.role is BoardRole.ERSATTARE)

    @property
    def chair(self) -> BoardSeat | None:
        """The chair, if the report names one."""
        return next((s for s in self.seats if s.chair), None)

    @property
    def vice_chairs(self) -> tuple[BoardSeat, ...]:
        """The vice chairs (one or two)."""
        return tuple(s for s in self.seats if s.vice_chair)

    def seats_of(self, represents: str) -> tuple[BoardSeat, ...]:
        """The seats appointed by one member (as printed)."""
        return tuple(s for s in self.seats if s.represents == represents)
