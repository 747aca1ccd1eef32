"""The parties to financial coordination and the members of a förbund.

The law (2003:1210 § 1, § 3) names four kinds of member: Försäkringskassan and
Arbetsförmedlingen (together *the state*), one or more regions, and one or more kommuner.
Several kommuner are one *party* for the funding split but each is its own *member*.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from finsam._fields import Model, tuple_of

__all__ = ["Member", "MemberKind", "Party", "Population"]


class Party(enum.Enum):
    """The three parties of the funding split in § 5: state, region(s), kommuner."""

    STATE = "staten"
    REGION = "region"
    KOMMUNER = "kommunerna"


class MemberKind(enum.Enum):
    """What kind of body a member is.

    >>> from finsam import MemberKind
    >>> MemberKind.FORSAKRINGSKASSAN.party
    <Party.STATE: 'staten'>
    >>> MemberKind("kommun").label
    'kommun'
    """

    FORSAKRINGSKASSAN = "försäkringskassan"
    ARBETSFORMEDLINGEN = "arbetsförmedlingen"
    REGION = "region"
    KOMMUN = "kommun"

    @property
    def party(self) -> Party:
        """The party of § 5 that this kind of member belongs to."""
        if self in (MemberKind.FORSAKRINGSKASSAN, MemberKind.ARBETSFORMEDLINGEN):
            return Party.STATE
        return Party.REGION if self is MemberKind.REGION else Party.KOMMUNER

    @property
    def label(self) -> str:
        """The Swedish name of the kind, as a report writes it."""
        return {
            MemberKind.FORSAKRINGSKASSAN: "Försäkringskassan",
            MemberKind.ARBETSFORMEDLINGEN: "Arbetsförmedlingen",
            MemberKind.REGION: "region",
            MemberKind.KOMMUN: "kommun",
        }[self]


# A member passes as it is: Enum.__call__ is slow, and the loader already gives members.
def _member_kind(value: MemberKind | str) -> MemberKind:
    return value if type(value) is MemberKind else MemberKind(value)


def _non_negative_int(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{attribute.name} must be a non-negative int, got {value!r}")


@attrs.frozen(repr=False, eq=False)
class Population(Model):
    """A head count at a reference date, as the charter uses it to weight the kommuner.

    Attributes:
        count: Number of inhabitants.
        as_of: The reference date of the count (e.g. 2015-06-30).
    """

    count: int = attrs.field(validator=_non_negative_int)
    as_of: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))


def _non_empty(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {value!r}")


def _aliases(values: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(str, "aliases")(values)


def _populations(values: Iterable[Population]) -> tuple[Population, ...]:
    return tuple_of(Population, "populations")(values)


@attrs.frozen(repr=False, cache_hash=True)  # members key the checks' lookups
class Member(Model):
    """A member of a förbund (*förbundsmedlem*).

    Attributes:
        name: The member's name as the charter writes it ("Gävle kommun").
        kind: Försäkringskassan, Arbetsförmedlingen, region or kommun.
        population: For a kommun (or region), its population at a reference date, used
            when the charter splits the kommuner's quarter by population.
        aliases: Other names the documents use for the member ("Landstinget Gävleborg"),
            beyond the variants `finsam.names` matches anyway (case, genitive -s,
            "kommun"/"stad", "Region X"/"X").
        populations: Further population figures, one per reference date (a population per
            year), beside `population`.
        joined: The first day of membership, if the member joined after the förbund was
            formed.
        left: The last day of membership, if the member has left (or will leave).

    Example:
        >>> from finsam import Member, MemberKind
        >>> Member("Ockelbo kommun", MemberKind.KOMMUN).party
        <Party.KOMMUNER: 'kommunerna'>
    """

    name: str = attrs.field(validator=_non_empty)
    kind: MemberKind = attrs.field(converter=_member_kind)
    population: Population | None = attrs.field(default=None, kw_only=True)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases, kw_only=True)
    populations: tuple[Population, ...] = attrs.field(
        default=(), converter=_populations, kw_only=True
    )
    joined: dt.date | None = attrs.field(default=None, kw_only=True)
    left: dt.date | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.joined is not None and self.left is not None and self.left < self.joined:
            raise ValueError(f"{self.name}: leaves ({self.left}) before it joins ({self.joined})")

    def is_member_on(self, day: dt.date) -> bool:
        """Whether the member belongs to the förbund on `day`."""
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day <= self.left
        )

    def population_on(self, day: dt.date) -> Population | None:
        """The population figure for the reference date `day`, if the member has one.

        >>> import datetime as dt
        >>> from finsam import Member, Population
        >>> member = Member("A", "kommun", populations=[Population(3000, dt.date(2018, 11, 1)),
        ...                                             Population(3100, dt.date(2019, 11, 1))])
        >>> member.population_on(dt.date(2019, 11, 1)).count
        3100
        """
        for population in (self.population, *self.populations):
            if population is not None and population.as_of == day:
                return population
        return None

    @property
    def party(self) -> Party:
        """The party of § 5 the member pays through."""
        return self.kind.party
