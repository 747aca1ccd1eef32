"""`finsam.Amount`: construction, Swedish notation, refusal of floats, exact arithmetic."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam import KRONA, MKR, ORE, TKR, Amount

# Up to finsam's bound (10^15 kr, i.e. 17 digits of öre): far beyond any real budget.
BOUND = 10**17
ORES = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=-BOUND + 1, max_value=BOUND - 1),
)
AMOUNTS = ORES.map(Amount.from_ore)

# -- construction ---------------------------------------------------------------------------


def test_unit_constants() -> None:
    assert (ORE.ore, KRONA.ore, TKR.ore, MKR.ore) == (1, 100, 100_000, 100_000_000)


@pytest.mark.parametrize(
    ("amount", "ore"),
    [
        (Amount.from_ore(150), 150),
        (Amount.from_ore(-3), -3),
        (Amount(42), 42),
        (Amount.from_kr(13_319_000), 1_331_900_000),
        (Amount.from_kr(-1), -100),
        (Amount.from_kr(Decimal("12.5")), 1250),
        (Amount.from_kr(Decimal("12.50")), 1250),
        (Amount.from_kr(Decimal("-0.01")), -1),
        (Amount.from_kr("12,50"), 1250),
        (Amount.from_kr("12.5"), 1250),
        (Amount.from_kr(" 7 "), 700),
        (Amount.from_tkr(1243), 124_300_000),
        (Amount.from_tkr(Decimal("16.7")), 1_670_000),
        (Amount.from_tkr("0,00001"), 1),
        (Amount.from_tkr("-2,5"), -250_000),
    ],
)
def test_constructors(amount: Amount, ore: int) -> None:
    assert amount.ore == ore
    assert type(amount.ore) is int


@given(st.integers(min_value=-(10**11), max_value=10**11))
def test_constructors_agree(n: int) -> None:
    assert Amount.from_kr(n) == Amount.from_ore(100 * n) == Amount.from_kr(Decimal(n))
    assert Amount.from_kr(str(n)) == Amount.from_kr(n)
    assert Amount.from_tkr(n) == Amount.from_kr(1000 * n) == Amount.from_tkr(str(n))


@given(ORES)
def test_from_kr_of_two_decimals_is_exact(ore: int) -> None:
    assert Amount.from_kr(Decimal(ore).scaleb(-2)).ore == ore
    assert Amount.from_kr(Decimal(ore) / 100).ore == ore


@pytest.mark.parametrize(
    ("make", "value"),
    [
        (Amount.from_kr, Decimal("0.001")),
        (Amount.from_kr, "12,345"),
        (Amount.from_kr, "1.005"),
        (Amount.from_tkr, Decimal("0.000001")),
        (Amount.from_tkr, "abc"),
        (Amount.from_kr, ""),
        (Amount.from_kr, "NaN"),
        (Amount.from_kr, Decimal("Infinity")),
    ],
)
def test_constructors_refuse_what_is_not_whole_ore(make: object, value: object) -> None:
    with pytest.raises(ValueError, match=r"not a (whole number of öre|number|finite number)"):
        make(value)  # type: ignore[operator]


# -- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13 319 000", Amount.from_kr(13_319_000)),
        ("13 319 000 kr", Amount.from_kr(13_319_000)),
        ("1 243 tkr", Amount.from_tkr(1243)),
        ("-825 808", Amount.from_kr(-825_808)),
        ("−825 808", Amount.from_kr(-825_808)),  # U+2212 minus sign
        ("– 825 808 kr", Amount.from_kr(-825_808)),  # en dash
        ("13\u00a0319\u00a0000", Amount.from_kr(13_319_000)),
        ("13\u202f319\u202f000 kr", Amount.from_kr(13_319_000)),
        ("13\u2009319\u2009000", Amount.from_kr(13_319_000)),
        ("12,50", Amount.from_ore(1250)),
        ("12,5", Amount.from_ore(1250)),
        ("16,7 mkr", Amount.from_tkr(16_700)),
        ("0,00", Amount.from_ore(0)),
        ("-0", Amount.from_ore(0)),
        ("1234567", Amount.from_kr(1_234_567)),
        ("  42 kr  ", Amount.from_kr(42)),
        ("42 kr.", Amount.from_kr(42)),
        ("5 kronor", Amount.from_kr(5)),
        ("100 SEK", Amount.from_kr(100)),
        ("99 öre", Amount.from_ore(99)),
        ("1 TKR", TKR),
        ("2 mkr", MKR * 2),
    ],
)
def test_parse_swedish_notation(text: str, expected: Amount) -> None:
    assert Amount.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("2 782", "tkr", Amount.from_tkr(2782)),
        ("2 782", "öre", Amount.from_ore(2782)),
        ("1,5", "mkr", Amount.from_tkr(1500)),
        ("2 782 kr", "tkr", Amount.from_kr(2782)),  # a written unit wins
    ],
)
def test_parse_bare_number_unit(text: str, unit: str, expected: Amount) -> None:
    assert Amount.parse(text, unit=unit) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12.5",
        "1 2345",
        "12 34",
        "1  234",
        "abc",
        "",
        "   ",
        "12,",
        ",5",
        "1,2,3",
        "--5",
        "5-",
        "12 dollar",
        "1 000.50",
    ],
)
def test_parse_refuses_malformed_text_and_names_it(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        Amount.parse(text)


@pytest.mark.parametrize(("text", "unit"), [("12,345", "kr"), ("0,001", "kr"), ("1,5", "öre")])
def test_parse_refuses_fractions_of_an_ore_and_names_the_text(text: str, unit: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        Amount.parse(text, unit=unit)


def test_parse_refuses_an_unknown_unit() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        Amount.parse("12", unit="dollar")


def test_parse_needs_a_str() -> None:
    with pytest.raises(TypeError):
        Amount.parse(12)  # type: ignore[arg-type]


@given(ORES)
def test_parse_plain_round_trip(ore: int) -> None:
    amount = Amount.from_ore(ore)
    assert Amount.parse(amount.plain()) == amount
    assert Amount.parse(str(amount)) == amount


@given(
    st.text(alphabet="0123456789 -kr,٣", max_size=26)
    | st.integers(-(10**15) + 1, 10**15 - 1).map(lambda kr: Amount.from_kr(kr).plain())
)
def test_the_fast_path_for_whole_kronor_reads_what_the_notation_reads(text: str) -> None:
    # `parse` reads "-6 660 000 kr" without its regular expression; the two must agree.
    from finsam.money import _AMOUNT_RE, _whole_kr

    whole = _whole_kr(text)
    if whole is None:
        return
    match = _AMOUNT_RE.match(text)
    assert match is not None
    assert not match["frac"]
    assert match["unit"] == "kr"
    digits = int(re.sub(r"\s", "", match["int"]))
    assert whole == (-digits if match["sign"] else digits)
    assert Amount.parse(text) == Amount.from_kr(whole)


@given(st.integers(-(10**15) + 1, 10**15 - 1))
def test_the_fast_path_reads_every_whole_amount_as_plain_writes_it(kr: int) -> None:
    from finsam.money import _whole_kr

    assert _whole_kr(Amount.from_kr(kr).plain()) == kr


@pytest.mark.parametrize(
    "text",
    ["1234 kr", "12,50 kr", "- 5 kr", "−5 kr", "1 23 kr", "5 tkr", "5", "1 000 000 000 000 000 kr"],
)
def test_the_fast_path_leaves_other_notations_to_the_regular_expression(text: str) -> None:
    from finsam.money import _whole_kr

    assert _whole_kr(text) is None


@given(ORES, st.sampled_from(["\u00a0", "\u202f", "\u2009"]), st.sampled_from(["-", "−", "–"]))
def test_parse_round_trip_with_typographic_spaces_and_minus(
    ore: int, space: str, minus: str
) -> None:
    text = Amount.from_ore(ore).plain().replace(" ", space).replace("-", minus)
    assert Amount.parse(text) == Amount.from_ore(ore)


@pytest.mark.parametrize(
    ("ore", "text"),
    [
        (0, "0 kr"),
        (1, "0,01 kr"),
        (-5, "-0,05 kr"),
        (100, "1 kr"),
        (123_456_789, "1 234 567,89 kr"),
        (-123_456_789, "-1 234 567,89 kr"),
        (1_331_900_000, "13 319 000 kr"),
    ],
)
def test_plain(ore: int, text: str) -> None:
    assert Amount.from_ore(ore).plain() == text
    assert str(Amount.from_ore(ore)) == text


@given(ORES)
def test_repr_evaluates_back(ore: int) -> None:
    amount = Amount.from_ore(ore)
    assert eval(repr(amount), {"Amount": Amount}) == amount


# -- the bound of 10^15 kr ------------------------------------------------------------------


def test_amounts_up_to_the_bound_are_exact() -> None:
    largest = BOUND - 1
    assert Amount.parse(Amount.from_ore(largest).plain()).ore == largest
    assert Amount.from_kr(Decimal(largest).scaleb(-2)).ore == largest
    assert Fraction(Amount.from_ore(-largest).kr) == Fraction(-largest, 100)


@pytest.mark.parametrize(
    ("make", "value"),
    [
        (Amount.from_ore, 10**17),
        (Amount.from_kr, 10**15),
        (Amount.from_tkr, -(10**12)),
        (Amount.parse, "1 000 000 000 000 000 kr"),
        (Amount.parse, "1" * 5000),
        (Amount.from_kr, "1E+999999999"),
        (Amount.from_kr, Decimal("1E+999999999")),
        (Amount.from_tkr, Decimal("-1E+10000000")),
        (Amount.from_kr, Decimal("0E+999999999")),
        (Amount.from_kr, "1234567890123456789012345678,901"),
    ],
)
def test_values_beyond_the_bound_are_refused_before_any_arithmetic(
    make: object, value: object
) -> None:
    # Expanding 1E+999999999 to an exact fraction would not finish; refusing it is immediate.
    with pytest.raises(ValueError, match=r"bound|too large|too many digits|too long"):
        make(value)  # type: ignore[operator]


def test_sums_may_pass_the_bound_inside_finsam() -> None:
    # The bound guards what comes in; a total of many large amounts is still exact.
    big = Amount.from_ore(BOUND - 1)
    assert (big + big).ore == 2 * (BOUND - 1)


# -- floats and bools are refused ------------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [
        lambda: Amount(1.0),
        lambda: Amount.from_ore(100.0),
        lambda: Amount.from_kr(1.5),
        lambda: Amount.from_kr(1.0),
        lambda: Amount.from_tkr(0.5),
        lambda: Amount.from_ore(1) * 1.5,
        lambda: 1.5 * Amount.from_ore(1),
        lambda: Amount.from_ore(1) * 2.0,
        lambda: Amount.parse(1.5),
    ],
)
def test_floats_are_refused(build: object) -> None:
    with pytest.raises(TypeError):
        build()  # type: ignore[operator]


def test_float_message_explains() -> None:
    with pytest.raises(TypeError, match=r"float 0\.5"):
        Amount.from_kr(0.5)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Amount(True),
        lambda: Amount.from_ore(False),
        lambda: Amount.from_kr(True),
        lambda: Amount.from_tkr(False),
        lambda: Amount.from_ore(1) * True,
        lambda: True * Amount.from_ore(1),
    ],
)
def test_bools_are_refused(build: object) -> None:
    with pytest.raises(TypeError, match="bool"):
        build()  # type: ignore[operator]


@pytest.mark.parametrize(
    "build",
    [
        lambda: Amount(Decimal(1)),
        lambda: Amount("1"),
        lambda: Amount(Fraction(1)),
        lambda: Amount.from_kr(Fraction(1, 2)),
        lambda: Amount.from_ore(1) * Fraction(1, 2),
        lambda: Amount.from_ore(1) * Decimal(2),
        lambda: Amount.from_ore(1) + 1,
        lambda: 1 + Amount.from_ore(1),
        lambda: Amount.from_ore(1) - 1,
        lambda: Amount.from_ore(1) < 2,
    ],
)
def test_other_types_are_refused(build: object) -> None:
    with pytest.raises(TypeError):
        build()  # type: ignore[operator]


# -- arithmetic -----------------------------------------------------------------------------


@given(AMOUNTS, AMOUNTS)
def test_add_sub_neg_are_exact(a: Amount, b: Amount) -> None:
    assert (a + b).ore == a.ore + b.ore
    assert (a - b).ore == a.ore - b.ore
    assert (-a).ore == -a.ore
    assert abs(a).ore == abs(a.ore)
    assert a + b == b + a
    assert (a + b) - b == a
    assert a - b == a + (-b)
    negated = -a
    assert -negated == a


@given(
    st.integers(min_value=-(10**10), max_value=10**10).map(Amount.from_ore),
    st.integers(min_value=-(10**6), max_value=10**6),
)
def test_multiplication_by_int(a: Amount, k: int) -> None:
    assert (a * k).ore == a.ore * k
    assert k * a == a * k


@given(st.lists(AMOUNTS, max_size=20))
def test_sum_of_a_list(amounts: list[Amount]) -> None:
    total = sum(amounts)
    if amounts:
        assert isinstance(total, Amount)
        assert total.ore == sum(a.ore for a in amounts)
    else:
        assert total == 0
    assert sum(amounts, Amount.from_ore(0)).ore == sum(a.ore for a in amounts)


@given(AMOUNTS, AMOUNTS)
def test_ordering_matches_ore(a: Amount, b: Amount) -> None:
    assert (a < b) == (a.ore < b.ore)
    assert (a <= b) == (a.ore <= b.ore)
    assert (a > b) == (a.ore > b.ore)
    assert (a >= b) == (a.ore >= b.ore)
    assert (a == b) == (a.ore == b.ore)
    assert (hash(a) == hash(b)) or a != b
    assert sorted([a, b]) == [Amount.from_ore(o) for o in sorted([a.ore, b.ore])]


@given(AMOUNTS)
def test_views(a: Amount) -> None:
    assert bool(a) == (a.ore != 0)
    assert a.is_zero == (a.ore == 0)
    assert Fraction(a.kr) == Fraction(a.ore, 100)
    assert a.kr.as_tuple().exponent == -2
    for unit in (ORE, KRONA, TKR, MKR):
        assert a.is_multiple_of(unit) == (a.ore % unit.ore == 0)


def test_is_multiple_of_examples() -> None:
    assert not Amount.parse("1 664 875").is_multiple_of(TKR)
    assert Amount.parse("1 664 000").is_multiple_of(TKR)
    assert Amount.parse("-3 tkr").is_multiple_of(TKR)


def test_amount_is_immutable() -> None:
    a = Amount.from_kr(1)
    with pytest.raises(AttributeError):
        a.ore = 5  # type: ignore[misc]


# -- rounding, ratios, formatting, comparison with zero --------------------------------------

UNITS = st.sampled_from([ORE, KRONA, TKR, MKR])


@given(AMOUNTS, UNITS)
def test_round_to_is_the_nearest_multiple_halves_away_from_zero(
    amount: Amount, unit: Amount
) -> None:
    rounded = amount.round_to(unit)
    assert rounded.is_multiple_of(unit)
    assert 2 * abs(rounded.ore - amount.ore) <= unit.ore
    if 2 * abs(rounded.ore - amount.ore) == unit.ore:  # a half: away from zero
        assert abs(rounded.ore) > abs(amount.ore)
    assert (-amount).round_to(unit) == -rounded
    assert rounded.round_to(unit) == rounded


def test_round_to_examples_and_refusals() -> None:
    assert Amount.parse("1 664 875").round_to(TKR) == Amount.from_tkr(1_665)
    assert Amount.parse("1 664 499").round_to(TKR) == Amount.from_tkr(1_664)
    assert Amount.parse("-1 500").round_to(TKR) == Amount.from_tkr(-2)
    with pytest.raises(ValueError, match="positive Amount"):
        Amount(5).round_to(Amount(0))
    with pytest.raises(ValueError, match="positive Amount"):
        Amount(5).round_to(100)  # type: ignore[arg-type]


@given(AMOUNTS, AMOUNTS)
def test_ratio_is_exact_and_division_is_the_ratio(a: Amount, b: Amount) -> None:
    if b.ore == 0:
        with pytest.raises(ZeroDivisionError):
            a.ratio(b)
        return
    assert a.ratio(b) == Fraction(a.ore, b.ore) == a / b
    assert isinstance(a / b, Fraction)


def test_ratio_needs_an_amount() -> None:
    with pytest.raises(TypeError, match="give an Amount"):
        Amount(5).ratio(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Amount(5) / 5  # type: ignore[operator]


@pytest.mark.parametrize(
    ("ore", "spec", "text"),
    [
        (1_664_875_00, "kr", "1 664 875 kr"),
        (1_664_875_00, "tkr", "1 665 tkr"),
        (1_664_875_00, "tkr.1", "1 664,9 tkr"),
        (16_700_000_00, "mkr.1", "16,7 mkr"),
        (-82_580_800, "kr", "-825 808 kr"),
        (-49, "kr", "0 kr"),  # no minus on a figure that rounds to zero
        (-50, "kr", "-1 kr"),
        (1_05, "öre", "105 öre"),
        (1_05, "kr.2", "1,05 kr"),
    ],
)
def test_format_spec(ore: int, spec: str, text: str) -> None:
    assert format(Amount(ore), spec) == text.replace(" ", "\u00a0")
    assert f"{Amount(ore):{spec}}" == text.replace(" ", "\u00a0")


def test_format_without_a_spec_is_the_plain_text_and_bad_specs_are_refused() -> None:
    assert f"{Amount.from_kr(5)}" == Amount.from_kr(5).plain()
    for spec in ("kronor", "tkr.x", "d", "kr.-1"):
        with pytest.raises(ValueError, match="format spec"):
            format(Amount(1), spec)


@given(AMOUNTS)
def test_formatted_tkr_is_the_amount_rounded_to_tkr(amount: Amount) -> None:
    text = format(amount, "tkr").replace("\u00a0", "").removesuffix("tkr")
    assert int(text) * TKR.ore == amount.round_to(TKR).ore


def test_an_amount_compares_with_zero_and_refuses_other_numbers() -> None:
    assert Amount(0) == 0
    assert Amount(5) != 0
    assert Amount(5) > 0
    assert Amount(-5) < 0
    assert Amount(0) >= 0
    assert Amount(0) <= 0
    assert hash(Amount(0)) == hash(0)
    for number in (1, 100, -3):
        with pytest.raises(TypeError, match="kronor or öre"):
            _ = Amount(100) == number
    for other in (0.0, Decimal(0), Fraction(0)):
        with pytest.raises(TypeError, match="compare with an Amount or with 0"):
            _ = Amount(0) == other
    assert Amount(0) != "0"  # not a number: simply not equal
    assert (Amount(0) == True) is False  # noqa: E712 - bools are not the integer zero
