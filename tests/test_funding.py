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
    FundingSplit,
    Member,
    MemberKind,
    Party,
    Period,
    Population,
    StateAllocationBasis,
    allocate_state_appropriation,
    instalments,
    load_forbund,
    rescale_percentages,
    split_funding,
    without_member,
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
        "share": Fraction(1, 2),
        "party_share": Fraction(1),
        "amount_ore": 834_600_000,
        "amount_kr": Decimal("8346000.00"),
        "paid_by": "Försäkringskassan",
        "period": "2016-01-01 – 2016-12-31",
    }
    assert last["member"] == "Alingsås kommun"
    assert (last["share"], last["party_share"]) == (Fraction(183, 4000), Fraction(183, 1000))
    assert split["Arbetsförmedlingen"] == Amount(0)
    assert [r["paid_by"] for r in split.records()][1] == "Försäkringskassan"


# -- instalments and what-ifs ------------------------------------------------------------------


@st.composite
def partitions_of_the_year(draw: st.DrawFn, year: int = 2019) -> list[Period]:
    """Any partition of the year into consecutive periods (by day)."""
    days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    cuts = sorted(draw(st.sets(st.integers(1, days - 1), max_size=20)))
    starts = [dt.date(year, 1, 1) + dt.timedelta(days=d) for d in (0, *cuts)]
    ends = [s - dt.timedelta(days=1) for s in starts[1:]] + [dt.date(year, 12, 31)]
    return [Period(s, e) for s, e in zip(starts, ends, strict=True)]


@given(
    forbunds(),
    units(),
    st.one_of(st.sampled_from(["quarters", "months"]), partitions_of_the_year()),
    st.data(),
)
def test_instalments_sum_exactly_to_the_year_per_member_and_party(
    forbund: Forbund, unit: Amount, periods: str | list[Period], data: st.DataObject
) -> None:
    total = data.draw(amounts(min_ore=0, unit=unit))
    year = split_funding(forbund, 2019, total=total, unit=unit)
    parts = instalments(forbund, 2019, periods, total=total, unit=unit)
    assert parts[0].period.start == dt.date(2019, 1, 1)
    assert parts[-1].period.end == dt.date(2019, 12, 31)
    for contribution in year.contributions:
        paid = [part[contribution.member.name] for part in parts]
        assert sum(paid, Amount(0)) == contribution.amount
        assert all(p.is_multiple_of(unit) for p in paid)
    for party, amount in year.by_party().items():
        assert sum((part.by_party()[party] for part in parts), Amount(0)) == amount


def test_instalments_add_up_where_separately_split_quarters_do_not() -> None:
    gavleborg = load_forbund("gavleborg")
    total = Amount.from_tkr(19_000)
    year = split_funding(gavleborg, 2019, total=total, unit=KRONA)
    quarters = instalments(gavleborg, 2019, "quarters", total=total, unit=KRONA)
    separate = [
        split_funding(gavleborg, 2019, total=total, period=q.period, unit=KRONA) for q in quarters
    ]
    assert [q.period for q in quarters] == [q.period for q in separate]

    def off(splits: list[FundingSplit]) -> set[str]:
        return {
            c.member.name
            for c in year.contributions
            if sum((s[c.member.name] for s in splits), Amount(0)) != c.amount
        }

    assert len(off(separate)) >= 5  # most members are off by a krona or two
    assert off(list(quarters)) == set()


@pytest.mark.parametrize(
    "periods",
    [
        "weeks",
        [Period.of_months(2019, 1, 6)],
        [Period.of_months(2019, 1, 6), Period.of_months(2019, 8, 12)],
        [Period.of_months(2019, 1, 7), Period.of_months(2019, 7, 12)],
        [Period.of_months(2018, 1, 12)],
        [],
    ],
)
def test_instalments_need_a_partition_of_the_year(periods: str | list[Period]) -> None:
    with pytest.raises(ValueError, match="periods"):
        instalments(load_forbund("gavleborg"), 2019, periods)


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=5),
        st.integers(0, 10**6).map(lambda n: Decimal(n).scaleb(-2)),
        min_size=1,
        max_size=12,
    ),
    st.integers(0, 3),
)
def test_rescaled_percentages_sum_to_exactly_100(shares: dict[str, Decimal], places: int) -> None:
    assume(sum(shares.values()) > 0)
    rescaled = dict(rescale_percentages(shares, places=places))
    assert list(rescaled) == list(shares)
    assert sum(rescaled.values()) == 100
    assert all(v.as_tuple().exponent >= -places for v in rescaled.values() if v)
    total = sum(shares.values())
    step = Decimal(1).scaleb(-places)
    for name, share in shares.items():
        assert abs(rescaled[name] - share * 100 / total) < step


def test_without_a_member_the_rest_share_the_same_total() -> None:
    gavleborg = load_forbund("gavleborg")
    leaves = dt.date(2019, 12, 31)
    after = without_member(gavleborg, "Hofors", leaves)
    before_2019, after_2019 = split_funding(gavleborg, 2019), split_funding(after, 2019)
    assert [(c.member.name, c.amount) for c in after_2019.contributions] == [
        (c.member.name, c.amount) for c in before_2019.contributions
    ]  # earlier years split as they did
    split_2020 = split_funding(after, 2020)
    assert split_2020.total == split_funding(gavleborg, 2020).total
    assert "Hofors kommun" not in {c.member.name for c in split_2020.contributions}
    charter = after.charter_as_of(dt.date(2020, 1, 1))
    assert charter.valid_from == dt.date(2020, 1, 1)
    assert sum(share for _name, share in charter.kommun_percentages) == 100
    hofors = after.member("Hofors kommun")
    assert hofors.left == leaves
    assert not hofors.is_member_on(dt.date(2020, 1, 1))
    assert hofors.is_member_on(leaves)


def test_without_a_member_and_its_part_the_total_shrinks_by_that_part() -> None:
    gavleborg = load_forbund("gavleborg")
    part = split_funding(gavleborg, 2020)["Hofors kommun"]
    reduced = without_member(gavleborg, "Hofors kommun", dt.date(2019, 12, 31), keep_total=False)
    assert reduced.funding_for(2020).total == gavleborg.funding_for(2020).total - part
    assert reduced.funding_for(2019) == gavleborg.funding_for(2019)


def test_without_an_unknown_member_names_it() -> None:
    with pytest.raises(LookupError, match="Uppsala"):
        without_member(load_forbund("gavleborg"), "Uppsala kommun", dt.date(2019, 12, 31))
