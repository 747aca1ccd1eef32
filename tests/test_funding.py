"""Properties of the § 5 funding split and of FK's state allocation model."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from finsam import (
    KRONA,
    ORE,
    TKR,
    Amount,
    Charter,
    DataError,
    Forbund,
    Member,
    MemberKind,
    Party,
    Period,
    Population,
    StateAllocationBasis,
    allocate_state_appropriation,
    load_forbund,
    split_funding,
)
from finsam.strategies import amounts, forbunds, periods_in_year, units


def _total(forbund: Forbund) -> Amount:
    return forbund.funding_for(2019).total


@given(forbunds(), periods_in_year(2019), units(), st.data())
def test_parts_sum_exactly_to_the_period_total(
    forbund: Forbund, period: Period, unit: Amount, data: st.DataObject
) -> None:
    total = data.draw(amounts(min_ore=0, unit=unit))
    split = split_funding(forbund, 2019, total=total, period=period, unit=unit)
    exact = total.ore * period.fraction_of_year()
    assert abs(split.total.ore - exact) < unit.ore
    assert all(c.amount.is_multiple_of(unit) for c in split.contributions)
    assert sum(c.share for c in split.contributions) == 1


@given(forbunds(), units(), st.data())
def test_state_half_region_and_kommun_quarters(
    forbund: Forbund, unit: Amount, data: st.DataObject
) -> None:
    total = data.draw(amounts(min_ore=0, unit=unit))
    split = split_funding(forbund, 2019, total=total, unit=unit)
    assert split.total == total
    parties = split.by_party()
    total = split.total.ore
    assert abs(parties[Party.STATE].ore - Fraction(total, 2)) < unit.ore
    for party in (Party.REGION, Party.KOMMUNER):
        assert abs(parties[party].ore - Fraction(total, 4)) < unit.ore
    assert split["Arbetsförmedlingen"] == Amount(0)  # FK pays the state's half for both


@given(forbunds())
def test_each_member_within_one_unit_of_its_exact_share(forbund: Forbund) -> None:
    split = split_funding(forbund, 2019, unit=ORE)
    for contribution in split.contributions:
        assert abs(contribution.amount.ore - contribution.share * split.total.ore) < 2


@given(forbunds(), amounts(min_ore=0, max_ore=10**10, unit=KRONA))
def test_state_share_gives_the_same_split_as_twice_the_total(
    forbund: Forbund, state: Amount
) -> None:
    by_state = split_funding(forbund, 2019, state_share=state)
    by_total = split_funding(forbund, 2019, total=state * 2)
    assert by_state == by_total


@given(forbunds(), amounts(min_ore=0, max_ore=10**10))
def test_split_of_a_larger_total_never_gives_the_state_less(
    forbund: Forbund, extra: Amount
) -> None:
    base = split_funding(forbund, 2019, unit=ORE)
    more = split_funding(forbund, 2019, total=_total(forbund) + extra, unit=ORE)
    assert more.by_party()[Party.STATE] >= base.by_party()[Party.STATE]


def _tiny_forbund(**charter_args: object) -> Forbund:
    return Forbund(
        "Testförbundet",
        "222000-3137",
        "A-stad",
        dt.date(2010, 1, 1),
        (
            Member("FK", MemberKind.FORSAKRINGSKASSAN),
            Member("AF", MemberKind.ARBETSFORMEDLINGEN),
            Member("Region", MemberKind.REGION),
            Member("A", MemberKind.KOMMUN, population=Population(3000, dt.date(2018, 11, 1))),
            Member("B", MemberKind.KOMMUN, population=Population(1000, dt.date(2018, 11, 1))),
        ),
        (Charter(dt.date(2015, 1, 1), **charter_args),),  # type: ignore[arg-type]
    )


def test_population_weights_split_the_kommun_quarter() -> None:
    forbund = _tiny_forbund(population_date=dt.date(2018, 11, 1))
    split = split_funding(forbund, 2019, total=Amount.from_kr(400_000))
    assert split["A"] == Amount.from_kr(75_000)
    assert split["B"] == Amount.from_kr(25_000)
    assert split["Region"] == Amount.from_kr(100_000)
    assert split["FK"] == Amount.from_kr(200_000)


def test_population_at_another_date_than_the_charter_is_an_error() -> None:
    forbund = _tiny_forbund(population_date=dt.date(2017, 11, 1))
    with pytest.raises(ValueError, match=r"A: the charter splits by population as of 2017-11-01"):
        split_funding(forbund, 2019, total=Amount.from_kr(400_000))


def test_percentages_as_printed_split_exactly_as_weights() -> None:
    # A charter printing 74,9 + 25 = 99,9 % is kept as printed (a check reports the sum);
    # the split uses the percentages as weights, so the kommuner's quarter is still exact.
    forbund = _tiny_forbund(kommun_percentages={"A": Decimal("74.9"), "B": Decimal(25)})
    assert forbund.charters[0].percentage_sum("kommun") == Decimal("99.9")
    split = split_funding(forbund, 2019, total=Amount.from_kr(400_000))
    assert split["A"] + split["B"] == Amount.from_kr(100_000)
    assert split["A"] == Amount.from_kr(74_975)  # 100 000 × 74,9 / 99,9, rounded to the krona


def test_charter_naming_a_non_member_is_an_error_at_split_time() -> None:
    forbund = _tiny_forbund(kommun_percentages={"A": Decimal(75), "C": Decimal(25)})
    with pytest.raises(DataError, match=r"charters\[0\].kommun_percentages: 'C' is not a kommun"):
        split_funding(forbund, 2019, total=Amount.from_kr(400_000))


def test_charter_stating_no_shares_is_recorded_but_cannot_split() -> None:
    forbund = _tiny_forbund()
    assert not forbund.charters[0].states_kommun_shares
    with pytest.raises(DataError, match="states neither percentages nor a population date"):
        split_funding(forbund, 2019, total=Amount.from_kr(400_000))


def test_charter_missing_a_kommun_is_an_error_at_split_time() -> None:
    forbund = _tiny_forbund(kommun_percentages={"A": Decimal(100)})
    with pytest.raises(ValueError, match=r"gives no percentage for B"):
        split_funding(forbund, 2019, total=Amount.from_kr(400_000))


def test_split_before_the_first_charter_is_an_error() -> None:
    forbund = _tiny_forbund(kommun_percentages={"A": Decimal(75), "B": Decimal(25)})
    with pytest.raises(
        LookupError, match=r"no charter in force on 2014-01-01 \(first version: 2015-01-01\)"
    ):
        split_funding(forbund, 2014, total=Amount.from_kr(400_000))


def test_period_outside_the_year_and_both_totals_are_errors() -> None:
    forbund = load_forbund("gavleborg")
    with pytest.raises(ValueError, match="not inside the financial year 2019"):
        split_funding(forbund, 2019, period=Period.of_months(2020, 1, 6))
    with pytest.raises(ValueError, match="either total or state_share"):
        split_funding(forbund, 2019, total=Amount(100), state_share=Amount(50))
    with pytest.raises(LookupError, match=r"no funding total for 2030 \(known years: 2019"):
        split_funding(forbund, 2030)


def test_pro_rating_by_days() -> None:
    forbund = load_forbund("gavleborg")
    period = Period.parse("2019-01-01 – 2019-06-30")
    split = split_funding(forbund, 2019, period=period, by="days", unit=KRONA)
    # 181 of 365 days of 13 319 000 kr is 6 604 764,38 kr.
    assert split.total == Amount.from_kr(6_604_764)


def test_several_regions_need_region_percentages() -> None:
    members = (
        Member("FK", MemberKind.FORSAKRINGSKASSAN),
        Member("AF", MemberKind.ARBETSFORMEDLINGEN),
        Member("R1", MemberKind.REGION),
        Member("R2", MemberKind.REGION),
        Member("K", MemberKind.KOMMUN),
    )
    charter = Charter(dt.date(2015, 1, 1), kommun_percentages={"K": Decimal(100)})
    forbund = Forbund("F", "222000-3137", "S", dt.date(2010, 1, 1), members, (charter,))
    with pytest.raises(ValueError, match=r"has 2 regions, .* gives no percentages for them$"):
        split_funding(forbund, 2019, total=Amount.from_kr(1000))
    shared = Charter(
        dt.date(2015, 1, 1),
        kommun_percentages={"K": Decimal(100)},
        region_percentages={"R1": Decimal(60), "R2": Decimal(40)},
    )
    forbund = Forbund("F", "222000-3137", "S", dt.date(2010, 1, 1), members, (shared,))
    split = split_funding(forbund, 2019, total=Amount.from_kr(1000))
    assert (split["R1"], split["R2"]) == (Amount.from_kr(150), Amount.from_kr(100))


# -- FK's state allocation --------------------------------------------------------------


def _bases() -> st.SearchStrategy[dict[str, StateAllocationBasis]]:
    basis = st.builds(
        StateAllocationBasis,
        amounts(min_ore=10**11, max_ore=5 * 10**13, unit=TKR),  # 1 to 500 mkr of support
        st.integers(5_000, 900_000),
    )
    return st.lists(basis, min_size=75, max_size=85).map(
        lambda bs: {f"Förbund {i:02d}": b for i, b in enumerate(bs)}
    )


APPROPRIATION = Amount.from_tkr(330_000)  # about the national Finsam appropriation


@given(_bases())
def test_state_allocation_sums_and_gives_every_forbund_its_base(
    bases: dict[str, StateAllocationBasis],
) -> None:
    result = allocate_state_appropriation(APPROPRIATION, bases)
    assert sum(result.values(), Amount(0)) == APPROPRIATION
    assert all(amount >= Amount.from_tkr(400) for amount in result.values())
    assert list(result) == list(bases)


@given(_bases(), st.data())
def test_state_allocation_is_monotone_in_each_input(
    bases: dict[str, StateAllocationBasis], data: st.DataObject
) -> None:
    """More income support or more people never costs a förbund more than the rounding unit.

    Largest remainder can move one unit (1 kr) away when another förbund's remainder
    overtakes, so the exact quota is monotone and the rounded amount within 1 kr of it.
    """
    key = data.draw(st.sampled_from(sorted(bases)))
    old = bases[key]
    more_support = Amount(old.forsorjningsmatt.ore + data.draw(st.integers(0, 10**12)))
    more_people = old.population_16_64 + data.draw(st.integers(0, 100_000))
    assume(more_support != old.forsorjningsmatt or more_people != old.population_16_64)
    grown = bases | {key: StateAllocationBasis(more_support, more_people)}
    before = allocate_state_appropriation(APPROPRIATION, bases)[key]
    after = allocate_state_appropriation(APPROPRIATION, grown)[key]
    assert after.ore >= before.ore - KRONA.ore


def test_state_allocation_needs_the_base_covered() -> None:
    bases = {"A": StateAllocationBasis(Amount.from_kr(1), 1)}
    with pytest.raises(ValueError, match="does not cover the base"):
        allocate_state_appropriation(Amount.from_tkr(399), bases)


def test_state_allocation_example_by_hand() -> None:
    """Three förbund, 2 000 tkr: 1 200 tkr base, 800 tkr split 75/25 by exact weights.

    A: 3/4·(6/10) + 1/4·(1/2) = 0,575 → 460 tkr; B: 3/4·(3/10) + 1/4·(3/10) = 0,3 → 240;
    C: 3/4·(1/10) + 1/4·(1/5) = 0,125 → 100.
    """
    bases = {
        "A": StateAllocationBasis(Amount.from_tkr(600), 50_000),
        "B": StateAllocationBasis(Amount.from_tkr(300), 30_000),
        "C": StateAllocationBasis(Amount.from_tkr(100), 20_000),
    }
    result = allocate_state_appropriation(Amount.from_tkr(2_000), bases, unit=TKR)
    assert result == {
        "A": Amount.from_tkr(860),
        "B": Amount.from_tkr(640),
        "C": Amount.from_tkr(500),
    }
    # A different base changes only the fixed part.
    smaller = allocate_state_appropriation(
        Amount.from_tkr(2_000), bases, base=Amount.from_tkr(200), unit=TKR
    )
    assert smaller == {
        "A": Amount.from_tkr(200 + 805),
        "B": Amount.from_tkr(200 + 420),
        "C": Amount.from_tkr(200 + 175),
    }


def test_state_allocation_rejects_empty_and_weightless_input() -> None:
    with pytest.raises(ValueError, match="no förbund to allocate to"):
        allocate_state_appropriation(Amount.from_tkr(1_000), {})
    nobody = {"A": StateAllocationBasis(Amount.from_kr(0), 0)}
    with pytest.raises(ValueError, match="must be positive"):
        allocate_state_appropriation(Amount.from_tkr(1_000), nobody)
    with pytest.raises(ValueError, match="must be a non-negative int"):
        StateAllocationBasis(Amount.from_kr(1), -1)
    with pytest.raises(ValueError, match="forsorjningsmatt is negative"):
        StateAllocationBasis(Amount.from_kr(-1), 1)


def test_split_lookup_and_records() -> None:
    split = split_funding(load_forbund("mphla"), 2016, unit=TKR)
    with pytest.raises(KeyError, match="no member 'Uppsala kommun' in the split"):
        split["Uppsala kommun"]
    first, *_, last = split.records()
    assert first == {
        "member": "Försäkringskassan",
        "kind": "försäkringskassan",
        "party": "staten",
        "share": "1/2",
        "amount": "8346000.00",
    }
    assert last["member"] == "Alingsås kommun"
    assert last["share"] == str(Fraction(183, 4000))
