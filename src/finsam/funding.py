"""The funding split of § 5 lag (2003:1210), and FK's allocation of the state appropriation.

The members' total for a year is split in two steps, each exact with `finsam.allocate`:

1. between the parties: the state one half (paid by Försäkringskassan on behalf of itself
   and Arbetsförmedlingen), the region(s) one quarter, the kommuner one quarter;
2. within the regions' and the kommuner's quarter, by the charter in force: fixed
   percentages, or population weights at the charter's reference date.

Pro-rating to a reporting period comes first (the period's total is split, not each
member's annual figure), so the members' parts always sum to the period total.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Final, NoReturn, TypeVar

import attrs

from finsam._fields import Model
from finsam.allocation import Weight, allocate
from finsam.errors import DataError, Problem
from finsam.forbund import Charter, Forbund, SharePairs, rescale_percentages
from finsam.limits import check_year
from finsam.money import KRONA, Amount
from finsam.names import find_member
from finsam.parties import Member, MemberKind, Party
from finsam.period import Period, ProrateBy, prorate

__all__ = [
    "PARTY_SHARES",
    "Contribution",
    "FundingSplit",
    "StateAllocationBasis",
    "allocate_state_appropriation",
    "instalments",
    "split_funding",
    "without_member",
]

#: § 5: the state pays one half, the region(s) one quarter, the kommuner one quarter.
PARTY_SHARES: Final[Mapping[Party, Fraction]] = {
    Party.STATE: Fraction(1, 2),
    Party.REGION: Fraction(1, 4),
    Party.KOMMUNER: Fraction(1, 4),
}


@attrs.frozen(repr=False, eq=False)
class Contribution(Model):
    """One member's contribution in a funding split.

    Attributes:
        member: The paying member.
        share: Its exact share of the total (FK carries the state's 1/2; AF pays nothing
            itself, as FK pays the state's half on behalf of both).
        amount: The amount, rounded to the split's unit.
    """

    member: Member
    share: Fraction
    amount: Amount

    @property
    def party_share(self) -> Fraction:
        """Its share of its party's part: a kommun's share of the kommuner's quarter (the
        charter's percentage), a region's of the regions' quarter; Försäkringskassan pays the
        state's whole half (1), Arbetsförmedlingen none of it (0)."""
        whole = PARTY_SHARES[self.member.party]
        return self.share / whole


@attrs.frozen(repr=False, eq=False)
class FundingSplit(Model):
    """Every member's contribution to a förbund for a year or a reporting period.

    Attributes:
        forbund: The förbund.
        annual_total: The members' total for the whole year.
        period: The period the contributions cover (the year, or part of it).
        unit: The rounding unit of the amounts.
        charter: The charter version that split the quarters.
        contributions: One row per member, in the förbund's member order.

    Example:
        >>> from finsam import ORE, Party, load_forbund, split_funding
        >>> split = split_funding(load_forbund("gavleborg"), 2019)
        >>> split.total, split.unit
        (Amount.parse('13 319 000 kr'), Amount.parse('1 kr'))
        >>> in_ore = split_funding(load_forbund("gavleborg"), 2019, unit=ORE)
        >>> split["Gävle kommun"], in_ore["Gävle kommun"]
        (Amount.parse('1 218 688 kr'), Amount.parse('1 218 688,50 kr'))
        >>> split.by_party()[Party.STATE]
        Amount.parse('6 659 500 kr')
    """

    forbund: Forbund
    annual_total: Amount
    period: Period
    unit: Amount
    charter: Charter
    contributions: tuple[Contribution, ...]

    @property
    def total(self) -> Amount:
        """The period's total: the sum of all contributions."""
        return sum((c.amount for c in self.contributions), Amount(0))

    def __getitem__(self, member_name: str) -> Amount:
        for contribution in self.contributions:
            if contribution.member.name == member_name:
                return contribution.amount
        raise KeyError(f"no member {member_name!r} in the split for {self.forbund.name!r}")

    def by_party(self) -> dict[Party, Amount]:
        """The total per party of § 5."""
        totals = dict.fromkeys(Party, Amount(0))
        for contribution in self.contributions:
            totals[contribution.member.party] += contribution.amount
        return totals

    def records(self) -> list[dict[str, Any]]:
        """One row per member, with numbers as numbers, ready for `pandas.DataFrame`.

        Amounts come as whole öre (``amount_ore``, int) and kronor (``amount_kr``, an exact
        Decimal); shares as exact Fractions: ``share`` of the period's total and
        ``party_share`` of the member's party (a kommun's charter share of the kommuner's
        quarter). ``paid_by`` says who pays: Arbetsförmedlingen's part of the state's half
        is paid by Försäkringskassan.

        >>> from finsam import load_forbund, split_funding
        >>> row = split_funding(load_forbund("gavleborg"), 2019).records()[4]
        >>> row["member"], row["amount_kr"], row["party_share"]
        ('Gävle kommun', Decimal('1218688.00'), Fraction(183, 500))
        """
        return [
            {
                "member": c.member.name,
                "kind": c.member.kind.value,
                "party": c.member.party.value,
                "share": c.share,
                "party_share": c.party_share,
                "amount_ore": c.amount.ore,
                "amount_kr": c.amount.kr,
                "paid_by": _payer(c.member),
                "period": str(self.period),
            }
            for c in self.contributions
        ]

    def to_pandas(self) -> Any:
        """The split as a `pandas.DataFrame`, one row per member (see `records`).

        Needs pandas (``pip install pandas``); finsam itself never imports it.
        """
        from finsam.present.frames import frame

        return frame(self.records())

    def _repr_html_(self) -> str:
        from finsam.present.html import split_table

        return split_table(self)


def _payer(member: Member) -> str:
    """Who pays a member's contribution: Försäkringskassan pays the state's whole half."""
    if member.kind is MemberKind.ARBETSFORMEDLINGEN:
        return "Försäkringskassan"
    return member.name


def instalments(
    forbund: Forbund,
    year: int,
    periods: str | Sequence[Period] = "quarters",
    *,
    total: Amount | None = None,
    state_share: Amount | None = None,
    unit: Amount | None = None,
) -> tuple[FundingSplit, ...]:
    """The year's contributions invoiced in instalments that add up exactly to the year.

    Each instalment is the split of the year to date minus the split of the year to date
    before it, so every member's instalments sum to its annual contribution to the öre (or
    the unit), and each party's too. Splitting each period on its own would not: Gävle's
    four quarters of a 19 000 tkr total would be four times 425 785 kr, 1 kr off its year.

    Args:
        forbund: The förbund.
        year: The financial year.
        periods: ``"quarters"``, ``"months"``, or periods that partition the year, in order.
        total: As for `split_funding`.
        state_share: As for `split_funding`.
        unit: As for `split_funding` (the charter's unit when None).

    Raises:
        ValueError: periods that do not partition the year (a gap, an overlap, another year).

    Example:
        >>> from finsam import Amount
        >>> from finsam import instalments, load_forbund, split_funding
        >>> gavleborg = load_forbund("gavleborg")
        >>> quarters = instalments(gavleborg, 2019)
        >>> [str(q["Ockelbo kommun"]) for q in quarters]
        ['17 481 kr', '17 481 kr', '17 482 kr', '17 481 kr']
        >>> sum((q["Ockelbo kommun"] for q in quarters), Amount(0)) == split_funding(
        ...     gavleborg, 2019)["Ockelbo kommun"]
        True
    """
    parts = _partition(year, periods)
    by: ProrateBy = "months" if all(p.is_whole_months for p in parts) else "days"
    cumulative = [
        split_funding(
            forbund,
            year,
            total=total,
            state_share=state_share,
            unit=unit,
            by=by,
            period=Period(parts[0].start, part.end),
        )
        for part in parts
    ]
    result = []
    previous: dict[Member, Amount] = {}
    for part, split in zip(parts, cumulative, strict=True):
        rows = []
        for contribution in split.contributions:
            before = previous.get(contribution.member, Amount(0))
            rows.append(attrs.evolve(contribution, amount=contribution.amount - before))
            previous[contribution.member] = contribution.amount
        result.append(attrs.evolve(split, period=part, contributions=tuple(rows)))
    return tuple(result)


def _partition(year: int, periods: str | Sequence[Period]) -> list[Period]:
    if periods == "quarters":
        return [Period.of_months(year, first, first + 2) for first in (1, 4, 7, 10)]
    if periods == "months":
        return [Period.of_months(year, month, month) for month in range(1, 13)]
    if isinstance(periods, str):
        raise ValueError(
            f"periods: give 'quarters', 'months' or a list of periods, not {periods!r}"
        )
    parts = list(periods)
    whole = Period.year(year)
    if not parts or parts[0].start != whole.start or parts[-1].end != whole.end:
        raise ValueError(f"the periods must start on {whole.start} and end on {whole.end}")
    for before, after in itertools.pairwise(parts):
        if after.start != before.end + dt.timedelta(days=1):
            raise ValueError(f"the periods {before} and {after} leave a gap or overlap")
    return parts


def _refuse(forbund: Forbund, path: str, message: str) -> NoReturn:
    raise DataError([Problem(path, message)], forbund.referred_to or forbund.name)


def _named_weights(
    forbund: Forbund,
    charter: Charter,
    kind: MemberKind,
    pairs: SharePairs,
    what: str,
    day: dt.date,
) -> dict[Member, Weight]:
    """The charter's printed percentages as weights, by member (names matched by `finsam.names`)."""
    path = f"charters[{forbund.charters.index(charter)}].{what}"
    members = forbund.members_of(kind, on=day)
    weights: dict[Member, Weight] = {}
    for name, share in pairs:
        member = find_member(name, members)
        if member is None:
            _refuse(
                forbund, path, f"{name!r} is not a {kind.label} member of {forbund.name!r} on {day}"
            )
        if member in weights:
            _refuse(forbund, path, f"{member.name!r} is given twice")
        if share < 0:
            _refuse(forbund, path, f"the share of {name!r} is negative ({share} %)")
        weights[member] = share
    missing = [m.name for m in members if m not in weights]
    if missing:
        _refuse(
            forbund,
            path,
            f"the charter valid from {charter.valid_from} gives no percentage for "
            f"{', '.join(missing)}; every {kind.label} member needs one",
        )
    return weights


def _kommun_weights(forbund: Forbund, charter: Charter, day: dt.date) -> dict[Member, Weight]:
    if charter.kommun_percentages:
        return _named_weights(
            forbund,
            charter,
            MemberKind.KOMMUN,
            charter.kommun_percentages,
            "kommun_percentages",
            day,
        )
    if charter.population_date is None:
        _refuse(
            forbund,
            f"charters[{forbund.charters.index(charter)}]",
            f"the charter valid from {charter.valid_from} states neither percentages nor a "
            "population date for the kommuner's quarter",
        )
    weights: dict[Member, Weight] = {}
    for member in forbund.members_of(MemberKind.KOMMUN, on=day):
        population = member.population_on(charter.population_date)
        if population is None:
            dates = [p.as_of for p in (member.population, *member.populations) if p is not None]
            stated = "none" if not dates else "figures as of " + ", ".join(map(str, dates))
            _refuse(
                forbund,
                f"members[{forbund.members.index(member)}].population",
                f"{member.name}: the charter splits by population as of "
                f"{charter.population_date}, but the member has {stated}",
            )
        weights[member] = population.count
    return weights


def _region_weights(forbund: Forbund, charter: Charter, day: dt.date) -> dict[Member, Weight]:
    regions = forbund.members_of(MemberKind.REGION, on=day)
    if len(regions) == 1:
        return {regions[0]: 1}
    if not charter.region_percentages:
        _refuse(
            forbund,
            f"charters[{forbund.charters.index(charter)}].region_percentages",
            f"{forbund.name!r} has {len(regions)} regions, but the charter valid from "
            f"{charter.valid_from} gives no percentages for them",
        )
    return _named_weights(
        forbund, charter, MemberKind.REGION, charter.region_percentages, "region_percentages", day
    )


def _check_parties(forbund: Forbund, day: dt.date) -> None:
    """§ 3: a split needs FK (who pays the state's half), a region and a kommun."""
    missing = attrs.evolve(forbund, members=forbund.members_on(day)).missing_parties()
    if missing:
        _refuse(
            forbund,
            "members",
            f"förbund {forbund.name!r} lacks members required by § 3 lag (2003:1210): "
            f"missing {', '.join(missing)}; its contributions cannot be split",
        )


def split_funding(
    forbund: Forbund,
    year: int,
    *,
    total: Amount | None = None,
    state_share: Amount | None = None,
    period: Period | None = None,
    by: ProrateBy = "months",
    unit: Amount | None = None,
) -> FundingSplit:
    """Split the members' contributions for `year` (or a `period` of it) among the members.

    Args:
        forbund: The förbund; its charter in force at the start of the period is used.
        year: The financial year.
        total: The members' total for the year. Defaults to the förbund's stated funding.
        state_share: Instead of `total`, the state's half as the government set it; the
            total is then twice it, as § 5 makes the other shares follow.
        period: A part of the year to pro-rate to (e.g. Jan–Jun); the whole year if omitted.
        by: Pro-rate by whole ``"months"`` (the default) or by ``"days"``.
        unit: Rounding unit of every amount (`finsam.ORE`, `finsam.KRONA`, `finsam.TKR`...);
            by default the unit of the charter in force (`Charter.unit`, whole kronor unless
            the charter says otherwise).

    Raises:
        finsam.DataError: when the förbund's data cannot give a split (a party § 3
            requires is missing, the charter names no shares, a population is missing);
            `finsam.MissingDataError` (also a `LookupError`) when no total is known for
            the year or no charter is in force.
        ValueError: for a year outside 1900–2200, both `total` and `state_share`, or a
            period outside the year.

    Example:
        >>> from finsam import Period, load_forbund, split_funding
        >>> gavleborg = load_forbund("gavleborg")
        >>> h1 = split_funding(gavleborg, 2019, period=Period.of_months(2019, 1, 6))
        >>> h1["Ockelbo kommun"], h1.total
        (Amount.parse('34 962 kr'), Amount.parse('6 659 500 kr'))
    """
    if not isinstance(forbund, Forbund):
        raise TypeError(f"forbund: expected a Forbund, got {type(forbund).__name__}")
    check_year(year)
    if total is not None and state_share is not None:
        raise ValueError("give either total or state_share, not both")
    if state_share is not None:
        total = state_share * 2
    if total is None:
        total = forbund.funding_for(year).total
    period = period or Period.year(year)
    if period.start.year != year or period.end.year != year:
        raise ValueError(f"period {period} is not inside the financial year {year}")
    day = period.start
    _check_parties(forbund, day)
    charter = forbund.charter_as_of(day)
    unit = charter.unit if unit is None else unit
    if not total.is_multiple_of(unit):
        raise ValueError(
            f"total {total} is not a whole number of the rounding unit {unit}; "
            "round the total first or choose a smaller unit"
        )
    period_total = prorate(total, period, by=by, unit=unit)

    by_party = allocate(period_total, PARTY_SHARES, unit=unit)
    amounts: dict[Member, Amount] = {}
    shares: dict[Member, Fraction] = {}
    for party_weights, party in [
        (_region_weights(forbund, charter, day), Party.REGION),
        (_kommun_weights(forbund, charter, day), Party.KOMMUNER),
    ]:
        amounts |= allocate(by_party[party], party_weights, unit=unit)
        weight_sum = sum((Fraction(w) for w in party_weights.values()), Fraction(0))
        shares |= {
            m: PARTY_SHARES[party] * Fraction(w) / weight_sum for m, w in party_weights.items()
        }
    for member in forbund.members_of(MemberKind.FORSAKRINGSKASSAN, on=day):
        amounts[member], shares[member] = by_party[Party.STATE], PARTY_SHARES[Party.STATE]

    return FundingSplit(
        forbund=forbund,
        annual_total=total,
        period=period,
        unit=unit,
        charter=charter,
        contributions=tuple(
            Contribution(m, shares.get(m, Fraction(0)), amounts.get(m, Amount(0)))
            for m in forbund.members_on(day)
        ),
    )


# -- what if a member leaves ---------------------------------------------------------------


def without_member(
    forbund: Forbund,
    name: str,
    leaves: dt.date,
    *,
    keep_total: bool = True,
    places: int = 1,
) -> Forbund:
    """The förbund as it would be if member `name` left after `leaves` (its last day).

    The member stays in the list with its last day (so earlier years still split as they
    did), and a new charter version valid from the next day gives the remaining kommuner
    their shares rescaled to exactly 100 % (`rescale_percentages`, to `places` decimals).
    By default the same total is shared by fewer. With ``keep_total=False`` the members' total
    for each year after `leaves` is reduced by the member's contribution; § 5 then splits the
    smaller total, so the state's half and the region's quarter shrink with it.

    Example:
        >>> import datetime as dt
        >>> from finsam import load_forbund, split_funding, without_member
        >>> gavleborg = load_forbund("gavleborg")
        >>> after = without_member(gavleborg, "Hofors kommun", dt.date(2019, 12, 31))
        >>> gavle = "Gävle kommun"
        >>> split_funding(after, 2020)[gavle] > split_funding(gavleborg, 2020)[gavle]
        True
        >>> reduced = without_member(gavleborg, "Hofors kommun", dt.date(2019, 12, 31),
        ...                          keep_total=False)
        >>> reduced.funding_for(2020).total  # 13 320 000 less Hofors' 109 890
        Amount.parse('13 210 110 kr')
    """
    member = forbund.member(name)
    first = leaves + dt.timedelta(days=1)
    members = tuple(attrs.evolve(m, left=leaves) if m is member else m for m in forbund.members)
    charter = forbund.charter_as_of(first)
    kept = [
        (n, share) for n, share in charter.kommun_percentages if find_member(n, (member,)) is None
    ]
    regions = [
        (n, share) for n, share in charter.region_percentages if find_member(n, (member,)) is None
    ]
    version = Charter(
        first,
        kommun_percentages=rescale_percentages(kept, places=places) if kept else (),
        population_date=charter.population_date,
        region_percentages=rescale_percentages(regions, places=places) if regions else (),
        reference=f"without {member.name} from {first}",
        unit=charter.unit,
    )
    funding = forbund.funding
    if not keep_total:
        reduced = []
        for annual in funding:
            if annual.year < first.year:
                reduced.append(annual)
                continue
            part = split_funding(forbund, annual.year, unit=charter.unit)[member.name]
            reduced.append(
                attrs.evolve(
                    annual,
                    total=annual.total - part,
                    reference=f"{annual.reference} less {member.name}'s part".strip(),
                )
            )
        funding = tuple(reduced)
    charters = [c for c in forbund.charters if c.valid_from != first] + [version]
    return attrs.evolve(forbund, members=members, charters=charters, funding=funding)


# -- the state appropriation -------------------------------------------------------------

K = TypeVar("K", bound=Hashable)

#: FK's model (applied from 2016): a base per förbund, the rest 75 % / 25 %.
STATE_BASE: Final = Amount.from_tkr(400)
FORSORJNING_SHARE: Final = Fraction(3, 4)
POPULATION_SHARE: Final = Fraction(1, 4)


@attrs.frozen(repr=False, eq=False)
class StateAllocationBasis(Model):
    """What FK's model weighs for one förbund.

    Attributes:
        forsorjningsmatt: Public income support paid in the förbund's area in the base
            year (sickness benefit, activity and sickness compensation, unemployment
            benefit, activity support, establishment benefit, social assistance).
        population_16_64: Inhabitants aged 16–64 in the area.
    """

    forsorjningsmatt: Amount = attrs.field(validator=attrs.validators.instance_of(Amount))
    population_16_64: int = attrs.field()

    @population_16_64.validator
    def _check(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"population_16_64 must be a non-negative int, got {value!r}")
        if self.forsorjningsmatt.ore < 0:
            raise ValueError(f"forsorjningsmatt is negative ({self.forsorjningsmatt})")


def allocate_state_appropriation(
    appropriation: Amount,
    bases: Mapping[K, StateAllocationBasis],
    *,
    base: Amount = STATE_BASE,
    unit: Amount = KRONA,
) -> dict[K, Amount]:
    """Split the national Finsam appropriation among förbund as Försäkringskassan does.

    Each förbund gets `base` (400 tkr); the rest is split 75 % by försörjningsmått and 25 %
    by population aged 16–64, as one largest-remainder allocation of exact rational weights.
    Requests lower than the proposal (äskanden) and the transition cap are not modelled.

    Example:
        >>> from finsam import TKR, Amount, StateAllocationBasis, allocate_state_appropriation
        >>> bases = {
        ...     "A": StateAllocationBasis(Amount.from_tkr(3_000_000), 60_000),
        ...     "B": StateAllocationBasis(Amount.from_tkr(1_000_000), 40_000),
        ... }
        >>> allocate_state_appropriation(Amount.from_tkr(10_800), bases, unit=TKR)
        {'A': Amount.parse('7 525 000 kr'), 'B': Amount.parse('3 275 000 kr')}
    """
    if not bases:
        raise ValueError("no förbund to allocate to")
    rest = appropriation - base * len(bases)
    if rest.ore < 0:
        raise ValueError(
            f"the appropriation {appropriation} does not cover the base {base} "
            f"for {len(bases)} förbund"
        )
    support = sum(b.forsorjningsmatt.ore for b in bases.values())
    people = sum(b.population_16_64 for b in bases.values())
    if support == 0 or people == 0:
        raise ValueError("total försörjningsmått and total population 16–64 must be positive")
    weights = {
        key: FORSORJNING_SHARE * Fraction(b.forsorjningsmatt.ore, support)
        + POPULATION_SHARE * Fraction(b.population_16_64, people)
        for key, b in bases.items()
    }
    return {key: base + part for key, part in allocate(rest, weights, unit=unit).items()}
