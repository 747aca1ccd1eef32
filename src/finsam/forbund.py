"""The förbund (samordningsförbund), its organisation number and its charter versions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from finsam._fields import Model, tuple_of
from finsam.errors import MissingDataError, Problem
from finsam.money import Amount
from finsam.parties import Member, MemberKind
from finsam.printed import NOTHING_PRINTED, Printed, to_printed
from finsam.vocabulary import Worded

__all__ = [
    "AnnualFunding",
    "Board",
    "BoardRole",
    "BoardSeat",
    "Charter",
    "Forbund",
    "OrgNumber",
    "Samordningsforbund",
    "rescale_percentages",
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
        >>> from finsam import OrgNumber
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


@attrs.frozen(repr=False, eq=False)
class Charter(Model):
    """One version of a förbund's charter (*förbundsordning*, § 9), valid from a date.

    The charter says how the kommuner share their quarter: fixed percentages (often frozen
    from population figures with one decimal), or population weights at a reference date.
    With several regions it may likewise fix each region's share of their quarter. A
    version may state neither (a new förbundsordning that leaves the shares to a separate
    decision): it records the version, and a funding split for its period needs the shares.

    Percentages are kept exactly as printed: the split uses them as weights, so shares that
    sum to 99,9 still split exactly, and a rule check reports that they do not sum to 100.

    Attributes:
        valid_from: The first day this version applies.
        kommun_percentages: Per kommun (by member name), its percentage of the kommuner's
            quarter, as printed. Empty when `population_date` is set or none is stated.
        population_date: When set, the kommuner's quarter is split by the populations that
            the kommun members carry for this reference date.
        region_percentages: Per region, its percentage of the regions' quarter; needed only
            with several regions.
        reference: Where the figures come from (decision, paragraph, document).
        unit: The unit the förbund rounds contributions to (whole kronor by default; some
            invoice in whole tkr).

    Example:
        >>> from decimal import Decimal
        >>> import datetime as dt
        >>> from finsam import Charter
        >>> shares = {"A": Decimal("59.9"), "B": 40}
        >>> charter = Charter(dt.date(2015, 1, 1), kommun_percentages=shares)
        >>> charter.percentage_sum("kommun")
        Decimal('99.9')
        >>> Charter(dt.date(2015, 1, 1), kommun_percentages={"A": 60},
        ...         population_date=dt.date(2015, 1, 1))
        Traceback (most recent call last):
        ...
        ValueError: charter valid from 2015-01-01: give kommun_percentages or population_date, ...
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
        if self.kommun_percentages and self.population_date is not None:
            raise ValueError(
                f"charter valid from {self.valid_from}: give kommun_percentages "
                "or population_date, not both"
            )
        if not isinstance(self.unit, Amount) or self.unit.ore <= 0:
            raise ValueError(
                f"charter valid from {self.valid_from}: unit must be a positive amount"
            )

    @property
    def states_kommun_shares(self) -> bool:
        """Whether this version says how the kommuner share their quarter."""
        return bool(self.kommun_percentages) or self.population_date is not None

    def percentage_sum(self, kind: str) -> Decimal:
        """The sum of the printed ``"kommun"`` or ``"region"`` percentages."""
        pairs = self.kommun_percentages if kind == "kommun" else self.region_percentages
        return sum((share for _, share in pairs), Decimal(0))


@attrs.frozen(repr=False, eq=False)
class AnnualFunding(Model):
    """The members' total contribution decided for one financial year.

    Attributes:
        year: The financial (calendar) year.
        total: The total of all members' contributions for the year.
        reference: Where the figure is stated.
    """

    year: int
    total: Amount = attrs.field(validator=attrs.validators.instance_of(Amount))
    reference: str = ""


def _to_org_number(value: OrgNumber | str | None) -> OrgNumber | None:
    return value if value is None or isinstance(value, OrgNumber) else OrgNumber(value)


def rescale_percentages(
    pairs: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]], *, places: int = 1
) -> SharePairs:
    """Percentages scaled to sum to exactly 100 at `places` decimals (largest remainder).

    For a charter whose printed shares no longer sum to 100 — after a member leaves, say.

    >>> from decimal import Decimal
    >>> from finsam import rescale_percentages
    >>> rescale_percentages({"A": Decimal("36.6"), "B": Decimal("13.3"), "C": Decimal("3.3")})
    (('A', Decimal('68.8')), ('B', Decimal('25.0')), ('C', Decimal('6.2')))
    """
    from finsam.allocation import allocate
    from finsam.money import Amount

    items = _to_share_pairs(pairs)
    if not items:
        return ()
    step = 10**places
    parts = allocate(Amount(100 * step), dict(items))
    return tuple((name, Decimal(parts[name].ore).scaleb(-places)) for name, _share in items)


def _sorted_charters(charters: Iterable[Charter]) -> tuple[Charter, ...]:
    return tuple(sorted(tuple_of(Charter, "charters")(charters), key=lambda c: c.valid_from))


def _members(values: Iterable[Member]) -> tuple[Member, ...]:
    return tuple_of(Member, "members")(values)


def _funding(values: Iterable[AnnualFunding]) -> tuple[AnnualFunding, ...]:
    return tuple_of(AnnualFunding, "funding")(values)


@attrs.frozen(repr=False, eq=False)
class Forbund(Model):
    """A samordningsförbund: a public body whose members pool money under lag (2003:1210).

    Also exported as `Samordningsforbund`. A förbund is kept as its documents describe it:
    one that lacks a member § 3 requires, or lists a member twice, can be built and
    loaded, and `finsam.check` reports what is wrong with it.

    Attributes:
        name: The förbund's name.
        org_number: Its organisationsnummer (validated, Luhn check digit), if stated.
        seat: The kommun where it has its seat (*säte*), if stated.
        founded: The day it was formed, if stated.
        members: Its members. § 3 requires Försäkringskassan, Arbetsförmedlingen, at least
            one region and at least one kommun.
        charters: The charter versions, kept in order of `Charter.valid_from`.
        funding: The members' total contribution per year, where known.
        printed: Texts as printed where they could not be read (an organisationsnummer
            with a wrong check digit).
        referred_to: How a report named it (a bundled name or a file), so that saving the
            report writes the reference again; not compared.

    Example:
        >>> import datetime as dt
        >>> from finsam import Forbund, Member
        >>> fk, af = Member("FK", "försäkringskassan"), Member("AF", "arbetsförmedlingen")
        >>> forbund = Forbund("X", "222000-3137", "Gävle", dt.date(2014, 12, 15), (fk, af))
        >>> forbund.missing_parties()  # in the language of messages: Swedish by default
        ['en region', 'en kommun']
    """

    name: str
    org_number: OrgNumber | None = attrs.field(default=None, converter=_to_org_number)
    seat: str = ""
    founded: dt.date | None = None
    members: tuple[Member, ...] = attrs.field(default=(), converter=_members)
    charters: tuple[Charter, ...] = attrs.field(converter=_sorted_charters, default=())
    funding: tuple[AnnualFunding, ...] = attrs.field(converter=_funding, default=())
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)
    referred_to: str | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True, metadata={"io": False}
    )

    def _repr_html_(self) -> str:
        from finsam.present.html import forbund_table

        return forbund_table(self)

    def referred_to_as(self, reference: str) -> Forbund:
        """The same förbund, remembering that a report names it `reference`."""
        return attrs.evolve(self, referred_to=reference)

    def missing_parties(self) -> list[str]:
        """What § 3 requires that the members lack: FK, AF, a region, a kommun (in the
        language of messages)."""
        from finsam._i18n import N_, gettext_

        kinds = {member.kind for member in self.members}
        return [
            gettext_(label)
            for kind, label in [
                (MemberKind.FORSAKRINGSKASSAN, "Försäkringskassan"),
                (MemberKind.ARBETSFORMEDLINGEN, "Arbetsförmedlingen"),
                (MemberKind.REGION, N_("a region")),
                (MemberKind.KOMMUN, N_("a kommun")),
            ]
            if kind not in kinds
        ]

    def members_of(self, kind: MemberKind, on: dt.date | None = None) -> tuple[Member, ...]:
        """The members of one kind (on a day, when given), in the order they were given."""
        return tuple(
            member
            for member in self.members
            if member.kind is kind and (on is None or member.is_member_on(on))
        )

    def members_on(self, day: dt.date) -> tuple[Member, ...]:
        """The members on `day`: those who had joined and not yet left."""
        return tuple(member for member in self.members if member.is_member_on(day))

    def member(self, name: str) -> Member:
        """The member called `name` (or one of its aliases, see `finsam.names`).

        >>> from finsam import load_forbund
        >>> load_forbund("gavleborg").member("Ljusdal kommun").name
        'Ljusdals kommun'

        Raises:
            KeyError: naming the members there are.
        """
        found = self.find_member(name)
        if found is None:
            raise KeyError(
                f"{self.name!r} has no member {name!r}; members: {[m.name for m in self.members]}"
            )
        return found

    def find_member(self, name: str) -> Member | None:
        """The member `name` refers to under finsam's name-matching rule, or None."""
        from finsam.names import find_member

        return find_member(name, self.members)

    def charter_as_of(self, day: dt.date) -> Charter:
        """The charter version in force on `day`.

        Raises:
            finsam.MissingDataError: when `day` is before the first version (no silent
                default); also a `LookupError`.
        """
        in_force = [charter for charter in self.charters if charter.valid_from <= day]
        if not in_force:
            first = self.charters[0].valid_from.isoformat() if self.charters else "none given"
            raise MissingDataError(
                [
                    Problem(
                        "charters",
                        f"{self.name!r} has no charter in force on {day} (first version: {first})",
                    )
                ]
            )
        return in_force[-1]

    def funding_for(self, year: int) -> AnnualFunding:
        """The members' total contribution decided for `year`.

        Raises:
            finsam.MissingDataError: when no total is known for `year` (a `LookupError`).
        """
        for funding in self.funding:
            if funding.year == year:
                return funding
        known = ", ".join(str(f.year) for f in self.funding) or "none"
        raise MissingDataError(
            [
                Problem(
                    "funding",
                    f"{self.name!r} has no funding total for {year} (known years: {known})",
                )
            ]
        )


#: The Swedish name, for those who prefer it.
Samordningsforbund = Forbund


class BoardRole(Worded):
    """A seat on the board (§ 10): ordinary member or substitute ("ordinarie ledamot",
    "suppleant" are read too)."""

    LEDAMOT = "ledamot"
    ERSATTARE = "ersättare"

    @classmethod
    def vocabulary(cls) -> str:
        """The ``board_role`` vocabulary of `finsam.vocabulary`."""
        return "board_role"


@attrs.frozen(repr=False, eq=False)
class BoardSeat(Model):
    """One person on the board, as the report lists them.

    Attributes:
        person: The name as printed.
        represents: The member (or, in older boards, group such as "Kommunerna") that
            appointed the person, as printed.
        role: Ledamot or ersättare.
        chair: Whether the person chairs the board (*ordförande*).
        vice_chair: Whether the person is a vice chair (*vice ordförande*).
        political_party: The political party, for elected members ("S", "C").
        printed: Texts as printed that could not be read or say more than the values
            (see `finsam.printed`).
    """

    person: str
    represents: str
    role: BoardRole | None = attrs.field(
        default=None, converter=attrs.converters.optional(BoardRole)
    )
    chair: bool = False
    vice_chair: bool = False
    political_party: str = ""
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)


def _seats(values: Iterable[BoardSeat]) -> tuple[BoardSeat, ...]:
    return tuple_of(BoardSeat, "seats")(values)


def _jointly(values: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(str, "represented_jointly")(values)


@attrs.frozen(repr=False, eq=False)
class Board(Model):
    """The board (*styrelse*) during a report's period.

    Attributes:
        seats: Every ledamot and ersättare.
        stated_ledamoter: The number of ledamöter the report states in words, if any.
        stated_ersattare: The number of ersättare the report states in words, if any.
        stated_members: The number of förbund members the text states beside the board
            ("åtta ledamöter och åtta ersättare ... 13 medlemmar"), if any.
        represented_jointly: Members the text says are represented together by shared seats
            (the older charters' "kommunerna"), by name, when the seats are not listed.
        printed: Texts as printed that could not be read or say more than the values
            (see `finsam.printed`).

    Example:
        >>> from finsam import Board, BoardSeat
        >>> board = Board([BoardSeat("A", "Region Gävleborg", "ledamot", chair=True)])
        >>> [seat.person for seat in board.ledamoter], board.chair.person
        (['A'], 'A')
    """

    seats: tuple[BoardSeat, ...] = attrs.field(default=(), converter=_seats)
    stated_ledamoter: int | None = None
    stated_ersattare: int | None = None
    stated_members: int | None = None
    represented_jointly: tuple[str, ...] = attrs.field(default=(), converter=_jointly)
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

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
