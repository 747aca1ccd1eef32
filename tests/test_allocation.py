"""Properties and pinned examples of `finsam.allocate` (largest remainder, exact to the unit)."""

from __future__ import annotations

import math
from collections import Counter
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam import KRONA, ORE, TKR, Amount, allocate, quotas

# -- strategies -----------------------------------------------------------------------------

UNITS = st.sampled_from([ORE, KRONA, TKR])

INT_WEIGHTS = st.integers(min_value=0, max_value=10**6)
FRACTION_WEIGHTS = st.fractions(min_value=0, max_value=10**6, max_denominator=10**4)
WEIGHTS = st.one_of(INT_WEIGHTS, FRACTION_WEIGHTS)

# Keys are all text or all ints within one mapping, so that distinct keys have distinct str().
TEXT_KEYS = st.text(min_size=0, max_size=3)
INT_KEYS = st.integers(min_value=-1000, max_value=1000)


def _weight_maps(weights: st.SearchStrategy[object]) -> st.SearchStrategy[dict[object, object]]:
    return st.one_of(
        st.dictionaries(TEXT_KEYS, weights, min_size=1, max_size=8),
        st.dictionaries(INT_KEYS, weights, min_size=1, max_size=8),
    ).filter(lambda m: any(w > 0 for w in m.values()))


WEIGHT_MAPS = _weight_maps(WEIGHTS)


@st.composite
def totals_and_units(draw: st.DrawFn) -> tuple[Amount, Amount]:
    """A rounding unit and a total that is a whole number of it (small, large and up to
    finsam's bound of 10^15 kr)."""
    unit = draw(UNITS)
    most = (10**17 - 1) // unit.ore
    count = draw(
        st.one_of(
            st.integers(min_value=-1000, max_value=1000),
            st.integers(min_value=-(10**12), max_value=10**12).map(
                lambda n: max(-most, min(most, n))
            ),
            st.integers(min_value=-most, max_value=most),
        )
    )
    return Amount.from_ore(count * unit.ore), unit


def _exact_quota_in_units(total: Amount, weights: dict[object, object], unit: Amount) -> dict:
    """The exact quota of each key in units, computed independently with Fraction."""
    fractions = {k: Fraction(w) for k, w in weights.items()}
    total_weight = sum(fractions.values())
    return {k: Fraction(total.ore, unit.ore) * f / total_weight for k, f in fractions.items()}


# -- properties -----------------------------------------------------------------------------


@given(totals_and_units(), WEIGHT_MAPS)
def test_parts_sum_exactly_to_total_and_keep_the_keys_in_order(
    total_unit: tuple[Amount, Amount], weights: dict
) -> None:
    total, unit = total_unit
    parts = allocate(total, weights, unit=unit)
    assert list(parts) == list(weights)
    assert all(isinstance(v, Amount) for v in parts.values())
    assert sum(parts.values(), Amount.from_ore(0)) == total
    assert sum(v.ore for v in parts.values()) == total.ore


@given(totals_and_units(), WEIGHT_MAPS)
def test_every_part_is_whole_units_within_one_unit_of_its_quota(
    total_unit: tuple[Amount, Amount], weights: dict
) -> None:
    total, unit = total_unit
    parts = allocate(total, weights, unit=unit)
    exact = _exact_quota_in_units(total, weights, unit)
    finsam_quotas = quotas(total, weights)
    for key, part in parts.items():
        assert part.is_multiple_of(unit)
        assert part.ore % unit.ore == 0
        count = part.ore // unit.ore
        assert count in {math.floor(exact[key]), math.ceil(exact[key])}
        assert finsam_quotas[key] == exact[key] * unit.ore
        assert abs(Fraction(part.ore) - finsam_quotas[key]) < unit.ore


@given(totals_and_units(), WEIGHT_MAPS)
def test_negative_total_is_the_negated_split(
    total_unit: tuple[Amount, Amount], weights: dict
) -> None:
    total, unit = total_unit
    assert allocate(-total, weights, unit=unit) == {
        k: -v for k, v in allocate(total, weights, unit=unit).items()
    }


@given(
    totals_and_units(),
    WEIGHT_MAPS,
    st.one_of(
        st.integers(min_value=1, max_value=10**6),
        st.fractions(min_value=Fraction(1, 10**6), max_value=10**6, max_denominator=10**6),
    ),
)
def test_scaling_all_weights_changes_nothing(
    total_unit: tuple[Amount, Amount], weights: dict, factor: int | Fraction
) -> None:
    total, unit = total_unit
    scaled = {k: w * factor for k, w in weights.items()}
    assert allocate(total, scaled, unit=unit) == allocate(total, weights, unit=unit)


@given(totals_and_units(), WEIGHT_MAPS, st.data())
def test_reordering_the_mapping_gives_the_same_split(
    total_unit: tuple[Amount, Amount], weights: dict, data: st.DataObject
) -> None:
    total, unit = total_unit
    reordered = dict(data.draw(st.permutations(list(weights.items()))))
    expected = allocate(total, weights, unit=unit)
    got = allocate(total, reordered, unit=unit)
    assert got == expected  # same key -> amount, whatever the order (ties included)
    assert list(got) == list(reordered)


def _has_remainder_ties(total: Amount, weights: dict, unit: Amount) -> bool:
    """Whether two keys with a fractional quota share both remainder and weight."""
    exact = _exact_quota_in_units(total, weights, unit)
    seen = Counter(
        (q - math.floor(q), Fraction(weights[k])) for k, q in exact.items() if q.denominator != 1
    )
    return any(n > 1 for n in seen.values())


@given(totals_and_units(), WEIGHT_MAPS, st.data())
def test_relabelling_keys_moves_amounts_with_their_weights(
    total_unit: tuple[Amount, Amount], weights: dict, data: st.DataObject
) -> None:
    total, unit = total_unit
    keys = list(weights)
    relabel = dict(zip(keys, data.draw(st.permutations(keys)), strict=True))
    relabelled = {relabel[k]: w for k, w in weights.items()}
    original = allocate(total, weights, unit=unit)
    renamed = allocate(total, relabelled, unit=unit)
    # Always: the same amounts go to the same weights.
    assert Counter((Fraction(weights[k]), v) for k, v in original.items()) == Counter(
        (Fraction(relabelled[k]), v) for k, v in renamed.items()
    )
    # Without ties only the name changes.
    if not _has_remainder_ties(total, weights, unit):
        assert {relabel[k]: v for k, v in original.items()} == renamed


@given(totals_and_units(), WEIGHT_MAPS, st.sampled_from([0, Fraction(0), Decimal(0)]))
def test_zero_weight_gets_zero(
    total_unit: tuple[Amount, Amount], weights: dict, zero: object
) -> None:
    total, unit = total_unit
    key = "zero-key" if isinstance(next(iter(weights)), str) else 10_000
    weights = {**weights, key: zero}
    parts = allocate(total, weights, unit=unit)
    assert parts[key] == Amount.from_ore(0)
    for k, w in weights.items():
        if w == 0:
            assert parts[k].is_zero


@given(
    totals_and_units(),
    _weight_maps(
        st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False)
    ),
)
def test_decimal_weights_equal_their_fractions(
    total_unit: tuple[Amount, Amount], weights: dict
) -> None:
    total, unit = total_unit
    as_fractions = {k: Fraction(w) for k, w in weights.items()}
    assert allocate(total, weights, unit=unit) == allocate(total, as_fractions, unit=unit)


# -- pinned examples ------------------------------------------------------------------------


def test_population_paradox_is_pinned() -> None:
    weights = {"a": 6, "b": 6, "c": 2}
    ten = allocate(Amount.from_ore(10), weights)
    eleven = allocate(Amount.from_ore(11), weights)
    assert [v.ore for v in ten.values()] == [4, 4, 2]
    assert [v.ore for v in eleven.values()] == [5, 5, 1]


def test_tie_goes_to_the_key_whose_str_sorts_first() -> None:
    assert allocate(Amount.from_ore(1), {"b": 1, "a": 1}) == {
        "b": Amount.from_ore(0),
        "a": Amount.from_ore(1),
    }
    parts = allocate(Amount.from_kr(100), {"c": 1, "a": 1, "b": 1}, unit=KRONA)
    assert parts == {"c": Amount.from_kr(33), "a": Amount.from_kr(34), "b": Amount.from_kr(33)}
    assert list(parts) == ["c", "a", "b"]


def test_tie_goes_to_the_larger_weight_before_the_name() -> None:
    # Quotas 0.5 and 1.5 öre: equal remainders; "b" has the larger weight, "a" the first name.
    assert allocate(Amount.from_ore(2), {"a": 1, "b": 3}) == {
        "a": Amount.from_ore(0),
        "b": Amount.from_ore(2),
    }


def test_int_keys_tie_break_on_str_not_on_numeric_value() -> None:
    # str(10) == "10" sorts before str(9) == "9".
    parts = allocate(Amount.from_ore(1), {9: 1, 10: 1})
    assert parts == {9: Amount.from_ore(0), 10: Amount.from_ore(1)}


def test_rounding_units() -> None:
    parts = allocate(Amount.from_tkr(10), {"x": 1, "y": 2}, unit=TKR)
    assert parts == {"x": Amount.from_tkr(3), "y": Amount.from_tkr(7)}
    parts = allocate(Amount.from_tkr(10), {"x": 1, "y": 2})
    assert parts == {"x": Amount.from_ore(333_333), "y": Amount.from_ore(666_667)}


def test_distinct_keys_with_equal_str_do_not_depend_on_order() -> None:
    one_way = allocate(Amount.from_ore(1), {1: 1, "1": 1})
    other_way = allocate(Amount.from_ore(1), {"1": 1, 1: 1})
    assert one_way == other_way == {1: Amount(1), "1": Amount(0)}  # "int" < "str"


class _Named:
    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


def test_indistinguishable_keys_tied_for_the_last_unit_are_an_error() -> None:
    a, b = _Named("same"), _Named("same")
    with pytest.raises(ValueError, match="cannot break the tie"):
        allocate(Amount.from_ore(1), {a: 1, b: 1})
    # Not tied for the last unit: no ambiguity, no error.
    assert allocate(Amount.from_ore(2), {a: 1, b: 1}) == {a: Amount(1), b: Amount(1)}


# -- errors ---------------------------------------------------------------------------------


def test_empty_weights_is_an_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        allocate(Amount.from_kr(1), {})


@pytest.mark.parametrize("zero", [0, Fraction(0), Decimal(0), Decimal("0.000")])
def test_all_zero_weights_is_an_error(zero: object) -> None:
    with pytest.raises(ValueError, match="positive weight"):
        allocate(Amount.from_kr(1), {"a": zero, "b": 0})


@pytest.mark.parametrize("negative", [-1, Fraction(-1, 3), Decimal("-0.5")])
def test_negative_weight_is_an_error(negative: object) -> None:
    with pytest.raises(ValueError, match="negative"):
        allocate(Amount.from_kr(1), {"a": 1, "b": negative})


@pytest.mark.parametrize("bad", [1.0, 0.5, float("nan")])
def test_float_weight_is_a_type_error(bad: float) -> None:
    with pytest.raises(TypeError, match="float"):
        allocate(Amount.from_kr(1), {"a": 1, "b": bad})


@pytest.mark.parametrize("bad", [True, "1", None])
def test_other_weight_types_are_type_errors(bad: object) -> None:
    with pytest.raises(TypeError):
        allocate(Amount.from_kr(1), {"a": 1, "b": bad})


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity")])
def test_non_finite_decimal_weight_is_an_error(bad: Decimal) -> None:
    with pytest.raises(ValueError, match="finite"):
        allocate(Amount.from_kr(1), {"a": 1, "b": bad})


def test_float_total_is_impossible() -> None:
    with pytest.raises(TypeError):
        Amount(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Amount.from_ore(150.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        allocate(1.5, {"a": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        allocate(150, {"a": 1})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("total", "unit"),
    [
        (Amount.from_ore(150), KRONA),
        (Amount.from_ore(1), KRONA),
        (Amount.from_kr(1_664_875), TKR),
        (Amount.from_ore(-1), TKR),
    ],
)
def test_total_not_a_multiple_of_the_unit_is_an_error(total: Amount, unit: Amount) -> None:
    with pytest.raises(ValueError, match="not a whole number of the rounding unit"):
        allocate(total, {"a": 1, "b": 2}, unit=unit)


@pytest.mark.parametrize("unit", [Amount.from_ore(0), Amount.from_ore(-1), -KRONA])
def test_non_positive_unit_is_an_error(unit: Amount) -> None:
    with pytest.raises(ValueError, match="positive"):
        allocate(Amount.from_kr(100), {"a": 1}, unit=unit)


@given(
    st.integers(min_value=-30, max_value=30),
    UNITS,
    _weight_maps(st.integers(min_value=0, max_value=3)),
    st.data(),
)
def test_reordering_with_many_ties_gives_the_same_split(
    count: int, unit: Amount, weights: dict, data: st.DataObject
) -> None:
    # Small weights and totals make equal remainders common, so the tie rule decides.
    total = Amount.from_ore(count * unit.ore)
    reordered = dict(data.draw(st.permutations(list(weights.items()))))
    assert allocate(total, reordered, unit=unit) == allocate(total, weights, unit=unit)
