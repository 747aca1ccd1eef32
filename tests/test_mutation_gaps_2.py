"""Behaviour that the second mutation-testing round (decorated code included) showed unpinned.

Each test pins what the docstrings, the messages' wording or Python's protocols say; the
mutants it kills are listed in the report of that round.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam import (
    ORE,
    Amount,
    AnnualFunding,
    Board,
    BoardRole,
    BoardSeat,
    Charter,
    Forbund,
    Member,
    MemberKind,
    MissingDataError,
    OrgNumber,
    Period,
    Population,
    Problem,
    prorate,
    rescale_percentages,
)
from finsam.accounts import Line
from finsam.goals import Indicator
from finsam.io import (
    DataError,
    dump_json,
    forbund_data,
    is_path,
    load,
    load_forbund,
    load_report,
    report_data,
    save,
    structure,
    unstructure,
)
from finsam.io._read import HugeNumber, decode, parse, read_bytes, read_file
from finsam.io._save import write_text_atomic
from finsam.money import parse_number, printed_precision
from finsam.names import find_member, name_forms, same_member
from finsam.period import parse_date
from finsam.printed import NOTHING_PRINTED, Printed, to_printed

# -- money: messages name what was given and where -------------------------------------------


def _exactly(message: str) -> str:
    """A `pytest.raises` pattern that matches `message` and nothing more."""
    return f"^{re.escape(message)}$"


_FLOAT_ADVICE = (
    "floats cannot hold money exactly. "
    "Pass an int, a decimal.Decimal or a string such as '13 319 000'."
)
_BOUND = "is beyond finsam's bound of 10^15 kr"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Amount(0.5), f"amount in öre: got the float 0.5; {_FLOAT_ADVICE}"),
        (lambda: Amount.from_kr(0.5), f"amount in kr: got the float 0.5; {_FLOAT_ADVICE}"),
        (lambda: Amount.from_tkr(0.5), f"amount in tkr: got the float 0.5; {_FLOAT_ADVICE}"),
        (lambda: Amount(1) * 0.5, f"factor: got the float 0.5; {_FLOAT_ADVICE}"),
        (lambda: Amount(True), "amount in öre: got the bool True, not an amount"),
        (lambda: Amount.from_kr(True), "amount in kr: got the bool True, not an amount"),
        (lambda: Amount(1) * True, "factor: got the bool True, not an amount"),
        (lambda: Amount("1"), "amount in öre: expected int, got str"),
        (lambda: Amount.from_kr([1]), "amount in kr: expected int, Decimal or str, got list"),
        (lambda: Amount.parse(5), "Amount.parse expects a str, got int"),
        (lambda: Amount(1).ratio(5), "ratio of an Amount to int; give an Amount"),
        (
            lambda: Amount(1) < 5,
            "cannot compare an Amount with the number 5: is it kronor or öre? "
            "Compare with an Amount (Amount.from_kr(...)) or with 0",
        ),
        (
            lambda: Amount(1) < Decimal(1),
            "cannot compare an Amount with the Decimal 1; compare with an Amount or with 0",
        ),
    ],
)
def test_type_errors_name_the_value_and_the_place(build: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        build()
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Amount(10**20), f"amount in öre: an amount with 21 digits in öre {_BOUND}"),
        (lambda: Amount.from_kr(10**16), f"amount in kr: an amount with 19 digits in öre {_BOUND}"),
        (
            lambda: Amount.from_tkr(Decimal("999999999999999")),
            f"amount in tkr: an amount with 20 digits in öre {_BOUND}",
        ),
        # ten thousand bits and more: too many digits to be worth counting
        (
            lambda: Amount(2**9999),
            f"amount in öre: an amount with thousands of digits in öre {_BOUND}",
        ),
        (lambda: Amount(2**9998), f"amount in öre: an amount with 3010 digits in öre {_BOUND}"),
        (
            lambda: Amount.parse("1" * 40),
            f"'{'1' * 40}': an amount with 42 digits in öre {_BOUND}",
        ),
        (lambda: Amount.parse("0,001"), "'0,001': 0,001 is not a whole number of öre"),
        (
            lambda: Amount.parse("12.5"),
            "'12.5' is not an amount in Swedish notation "
            "(e.g. '13 319 000 kr', '1 243 tkr', '-825 808', '12,50')",
        ),
        (lambda: Amount.parse("1", unit="xkr"), "unknown unit 'xkr'; use one of öre, kr, tkr, mkr"),
        (
            lambda: Amount.parse("1" * 41),
            f"'{'1' * 30}'... has too many digits for an amount",
        ),
        # digits before and after the comma count together (40 at most)
        (
            lambda: Amount.parse("1" * 10 + "," + "0" * 31),
            f"'{'1' * 10},{'0' * 19}'... has too many digits for an amount",
        ),
        (lambda: parse_number("x"), "'x' is not a number (e.g. '13 319 000', '-2,5', '43 %')"),
    ],
)
def test_value_errors_say_what_is_wrong(build: Any, message: str) -> None:
    with pytest.raises(ValueError, match=_exactly(message)):
        build()


def test_ratio_to_zero_says_so() -> None:
    with pytest.raises(ZeroDivisionError, match=r"^ratio to a zero amount$"):
        Amount(1).ratio(Amount(0))


def test_a_text_of_forty_digits_with_sign_and_point_is_read_and_longer_is_refused() -> None:
    # At most 40 digits (finsam.limits); the quick length guard allows a sign and a point.
    assert Amount.from_kr("-" + "0" * 37 + "1.00") == Amount(-100)
    assert Amount.parse("1," + "0" * 39) == Amount(100)
    too_long = "-" + "0" * 38 + "1.00"
    with pytest.raises(
        ValueError, match=_exactly(f"amount in kr: {too_long[:20]!r}... is too long for an amount")
    ):
        Amount.from_kr(too_long)


# -- money: comparison follows Python's protocol ---------------------------------------------


class _Reflecting:
    """An object that answers the reflected comparisons, as Python asks it to when an
    Amount returns NotImplemented."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:  # reflected `<`
        return True

    def __ge__(self, other: object) -> bool:  # reflected `<=`
        return True

    def __lt__(self, other: object) -> bool:  # reflected `>`
        return True

    def __le__(self, other: object) -> bool:  # reflected `>=`
        return True

    __hash__ = None  # type: ignore[assignment]


def test_comparison_with_an_unknown_type_is_left_to_the_other_operand() -> None:
    other = _Reflecting()
    amount = Amount(1)
    assert amount == other
    assert (amount != other) is False
    assert amount < other
    assert amount <= other
    assert amount > other
    assert amount >= other


def test_equal_amounts_are_not_unequal() -> None:
    assert (Amount(150) != Amount(150)) is False  # two objects, one amount
    assert Amount(150) != Amount(151)
    assert (Amount(0) != 0) is False
    assert Amount(1) != 0
    assert Amount(1) != "1 kr"  # not an amount: unequal, not an error


# -- money: printed precision ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "precision"),
    [
        ("43", "0.5"),
        ("16.7", "0.05"),
        ("1E+3", "0.5"),  # a whole number printed with an exponent still hides half a unit
        ("0.00", "0.005"),
    ],
)
def test_printed_precision_is_half_the_last_printed_digit(printed: str, precision: str) -> None:
    assert printed_precision(Decimal(printed)) == Decimal(precision)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("13 319 000", "13319000"),
        ("\u2212825\u00a0808", "-825808"),
        ("43 %", "43"),
        ("-2,5", "-2.5"),
        ("1.25", "1.25"),
        ("0,00", "0.00"),
    ],
)
def test_parse_number_reads_table_notation_exactly(text: str, number: str) -> None:
    parsed = parse_number(text)
    assert parsed == Decimal(number)
    assert str(parsed) == number  # exact: the printed decimals are kept


# -- period: month names, year ranges, dates ------------------------------------------------

_MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


@pytest.mark.parametrize(("number", "name"), list(enumerate(_MONTH_NAMES, start=1)))
def test_a_month_range_reads_whole_and_short_swedish_month_names(number: int, name: str) -> None:
    expected = Period.of_months(2019, number, number)
    assert Period.parse(f"{name} 2019 – {name} 2019") == expected
    assert Period.parse(f"{name[:3]} 2019 – {name[:3].upper()}. 2019") == expected
    assert Period.parse(f"{name.capitalize()} 2019 till {name} 2019") == expected


def test_a_month_range_spans_years_from_the_first_day_to_the_last() -> None:
    period = Period.parse("okt 2015 – juni 2018")
    assert (period.start, period.end) == (dt.date(2015, 10, 1), dt.date(2018, 6, 30))
    assert Period.parse("sept 2019 - feb 2020").end == dt.date(2020, 2, 29)  # four letters too


@pytest.mark.parametrize(
    "text",
    [
        "xyz 2019 – okt 2019",  # not a month
        "okt 2019 – xyz 2019",
        "septe 2019 – okt 2019",  # neither whole nor a short form
        "oktobr 2019 – nov 2019",
    ],
)
def test_a_month_range_with_a_word_that_is_no_month_is_not_a_period(text: str) -> None:
    with pytest.raises(
        ValueError, match=_exactly(f"{text!r} is not a period such as '2019-01-01 – 2019-06-30'")
    ):
        Period.parse(text)


def test_a_range_of_years_runs_from_january_1_to_december_31() -> None:
    period = Period.parse("2016–2018")
    assert (period.start, period.end) == (dt.date(2016, 1, 1), dt.date(2018, 12, 31))
    assert Period.parse("2016 till 2016") == Period.year(2016)


@pytest.mark.parametrize(
    ("year", "days"), [(2000, 29), (1900, 28), (2100, 28), (2020, 29), (2019, 28)]
)
def test_february_follows_the_gregorian_leap_years(year: int, days: int) -> None:
    assert Period.of_months(year, 2, 2).end == dt.date(year, 2, days)
    assert Period(dt.date(year, 2, 1), dt.date(year, 2, days)).is_whole_months


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-06", "'2019-06' is not a date in the form YYYY-MM-DD"),
        ("2019-06-xx", "'2019-06-xx' is not a date in the form YYYY-MM-DD"),
        ("2019-06-30-1", "'2019-06-30-1' is not a date in the form YYYY-MM-DD"),
        ("2025-06-31", "'2025-06-31' is not a valid date (day is out of range for month)"),
    ],
)
def test_parse_date_says_whether_the_form_or_the_day_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=_exactly(message)):
        parse_date(text)


def test_halves_of_one_ore_are_one_ore_each() -> None:
    # prorate's documented example: the two halves each round on their own.
    assert prorate(Amount(1), Period.of_months(2019, 1, 6)) == Amount(1)
    assert prorate(Amount(1), Period.of_months(2019, 7, 12)) == Amount(1)


# -- parties --------------------------------------------------------------------------------


def test_member_kinds_have_their_swedish_labels() -> None:
    assert [kind.label for kind in MemberKind] == [
        "Försäkringskassan",
        "Arbetsförmedlingen",
        "region",
        "kommun",
    ]


@pytest.mark.parametrize("count", [-1, True, "5", 1.0])
def test_a_population_count_is_a_non_negative_int(count: Any) -> None:
    with pytest.raises(
        ValueError, match=_exactly(f"count must be a non-negative int, got {count!r}")
    ):
        Population(count, dt.date(2015, 6, 30))


def test_a_population_of_zero_is_allowed() -> None:
    assert Population(0, dt.date(2015, 6, 30)).count == 0


@pytest.mark.parametrize("name", ["", "   ", 5])
def test_a_member_needs_a_name(name: Any) -> None:
    with pytest.raises(
        ValueError, match=_exactly(f"name must be a non-empty string, got {name!r}")
    ):
        Member(name, MemberKind.KOMMUN)


def test_membership_may_last_one_day_but_not_end_before_it_starts() -> None:
    day = dt.date(2020, 1, 1)
    one_day = Member("A kommun", MemberKind.KOMMUN, joined=day, left=day)
    assert one_day.is_member_on(day)
    assert not one_day.is_member_on(dt.date(2019, 12, 31))
    assert not one_day.is_member_on(dt.date(2020, 1, 2))
    with pytest.raises(
        ValueError, match=_exactly("A kommun: leaves (2019-12-31) before it joins (2020-01-01)")
    ):
        Member("A kommun", MemberKind.KOMMUN, joined=day, left=dt.date(2019, 12, 31))


# -- names: the matching rule ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "forms"),
    [
        # a marker alone is a name, not a marker
        ("Region", None, {"region"}),
        ("Landstinget", None, {"landstinget"}),
        ("Kommun", None, {"kommun"}),
        ("Stad", None, {"stad"}),
        ("Län", None, {"län"}),
        # names of several words keep them all
        ("Upplands Väsby", None, {"upplands väsby"}),
        ("Upplands Väsby kommun", MemberKind.KOMMUN, {"upplands väsby"}),
        ("Västra Götalands län", None, {"västra götalands", "västra götaland"}),
        ("Region Gävleborgs län", MemberKind.REGION, {"gävleborgs", "gävleborg"}),
        # the genitive -s: dropped from names of more than three letters only
        ("Gävle", None, {"gävle"}),
        ("Nås", None, {"nås"}),
        ("Åres kommun", MemberKind.KOMMUN, {"åres", "åre"}),
    ],
)
def test_name_forms(name: str, kind: MemberKind | None, forms: set[str]) -> None:
    assert name_forms(name) == (kind, frozenset(forms))


def test_same_member_needs_a_shared_form_and_no_conflicting_marker() -> None:
    assert same_member("Gävle", "Gävle kommun")
    assert same_member("Region Gävleborg", "Gävleborg")
    assert same_member("Åre kommun", "Åres kommun")
    assert not same_member("Gävle", "Sandviken")
    assert not same_member("Region Gävleborg", "Gävleborgs kommun")


def test_an_exact_name_or_alias_wins_over_the_matching_rule() -> None:
    region = Member("Gävleborg", MemberKind.REGION)
    kommun = Member("Gävleborgs kommun", MemberKind.KOMMUN)
    assert find_member("Gävleborg", [region, kommun]) is region  # exact, though both fit
    by_alias = Member("Region Gävleborg", MemberKind.REGION, aliases=("Gävleborg",))
    assert find_member("Gävleborg", [by_alias, kommun]) is by_alias
    assert find_member("gävleborg", [region, kommun]) is None  # fits both: neither


def test_a_members_own_name_with_the_other_kinds_marker_is_not_one_of_its_forms() -> None:
    region = Member("Region Gävleborg", MemberKind.REGION, aliases=("Gävle kommun",))
    assert find_member("Gävle", [region]) is None
    # ... and the names after it still count
    named_oddly = Member("Gävleborgs kommun", MemberKind.REGION, aliases=("Region Gävleborg",))
    assert find_member("Gävleborg", [named_oddly]) is named_oddly


# -- forbund: organisation numbers, charters, the förbund and its board ---------------------


def _luhn(payload: str) -> int:
    """The Luhn check digit, written independently: from the right, double every other digit
    starting with the rightmost, add the digits of the products."""
    total = 0
    for index, char in enumerate(reversed(payload)):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_the_check_digit_of_an_organisationsnummer_is_luhns(payload: str) -> None:
    digit = _luhn(payload)
    assert OrgNumber(payload + str(digit)).value == f"{payload[:6]}-{payload[6:]}{digit}"
    wrong = f"{payload}{(digit + 1) % 10}"
    message = f"organisationsnummer {wrong!r} has check digit {wrong[-1]}, expected {digit}"
    with pytest.raises(ValueError, match=_exactly(message)):
        OrgNumber(wrong)


@pytest.mark.parametrize("payload", ["802000999", "559999999", "989898989", "212000055"])
def test_organisationsnummer_with_high_digits(payload: str) -> None:
    number = f"{payload[:6]}-{payload[6:]}{_luhn(payload)}"
    assert str(OrgNumber(number)) == number
    assert str(OrgNumber("222000-3137")) == "222000-3137"


def test_a_förbund_converts_its_organisationsnummer_and_checks_its_lists() -> None:
    forbund = Forbund("X", "222000-3137")
    assert forbund.org_number == OrgNumber("222000-3137")
    assert isinstance(forbund.org_number, OrgNumber)
    for build, message in [
        (lambda: Forbund("X", charters=[1]), "charters[0]: expected Charter, got int"),
        (lambda: Forbund("X", funding=[1]), "funding[0]: expected AnnualFunding, got int"),
        (lambda: Board([1]), "seats[0]: expected BoardSeat, got int"),
    ]:
        with pytest.raises(TypeError) as info:
            build()
        assert str(info.value) == message


@pytest.mark.parametrize("share", [0.5, True, "60"])
def test_charter_shares_are_decimal_percentages(share: Any) -> None:
    with pytest.raises(TypeError) as info:
        Charter(dt.date(2015, 1, 1), kommun_percentages={"A": share})
    assert str(info.value) == (
        f"share of 'A': expected a Decimal percentage, got {type(share).__name__}"
    )


def test_charter_refusals_name_the_version() -> None:
    day = dt.date(2015, 1, 1)
    with pytest.raises(
        ValueError,
        match=_exactly(
            "charter valid from 2015-01-01: give kommun_percentages or population_date, not both"
        ),
    ):
        Charter(day, kommun_percentages={"A": 60}, population_date=day)
    for unit in [Amount(0), Amount(-100), 100]:
        with pytest.raises(
            ValueError,
            match=_exactly("charter valid from 2015-01-01: unit must be a positive amount"),
        ):
            Charter(day, unit=unit)  # type: ignore[arg-type]
    assert Charter(day, unit=ORE).unit == ORE  # one öre is a positive unit


def test_percentage_sums_are_decimals_per_kind() -> None:
    charter = Charter(
        dt.date(2015, 1, 1),
        kommun_percentages={"A": Decimal("59.9"), "B": 40},
        region_percentages={"R": Decimal("70"), "S": Decimal("30.5")},
    )
    assert charter.percentage_sum("kommun") == Decimal("99.9")
    assert charter.percentage_sum("region") == Decimal("100.5")
    empty = Charter(dt.date(2015, 1, 1)).percentage_sum("region")
    assert isinstance(empty, Decimal)
    assert empty == 0


def test_rescaled_percentages_keep_one_decimal_by_default() -> None:
    shares = {"A": Decimal("36.6"), "B": Decimal("13.3"), "C": Decimal("3.3")}
    rescaled = rescale_percentages(shares)
    assert [(name, str(share)) for name, share in rescaled] == [
        ("A", "68.8"),
        ("B", "25.0"),
        ("C", "6.2"),
    ]
    assert [str(share) for _, share in rescale_percentages(shares, places=2)] == [
        "68.80",
        "25.00",
        "6.20",
    ]


def test_a_förbund_remembers_how_a_report_named_it() -> None:
    forbund = Forbund("X")
    assert forbund.referred_to_as("gavleborg").referred_to == "gavleborg"
    assert forbund.referred_to is None
    assert "X" in forbund._repr_html_()


def test_missing_parties_are_named_in_the_language_of_messages() -> None:
    assert Forbund("X").missing_parties() == [
        "Försäkringskassan",
        "Arbetsförmedlingen",
        "a region",
        "a kommun",
    ]


def test_missing_charters_and_funding_say_what_is_known() -> None:
    bare = Forbund("X")
    with pytest.raises(MissingDataError) as info:
        bare.charter_as_of(dt.date(2019, 1, 1))
    assert info.value.problems == (
        Problem(
            "charters", "'X' has no charter in force on 2019-01-01 (first version: none given)"
        ),
    )
    later = Forbund("X", charters=[Charter(dt.date(2020, 1, 1)), Charter(dt.date(2015, 1, 1))])
    with pytest.raises(MissingDataError) as info:
        later.charter_as_of(dt.date(2014, 1, 1))
    assert info.value.problems == (
        Problem(
            "charters", "'X' has no charter in force on 2014-01-01 (first version: 2015-01-01)"
        ),
    )
    with pytest.raises(MissingDataError) as info:
        bare.funding_for(2019)
    assert info.value.problems == (
        Problem("funding", "'X' has no funding total for 2019 (known years: none)"),
    )
    funded = Forbund(
        "X", funding=[AnnualFunding(2018, Amount(100)), AnnualFunding(2020, Amount(100))]
    )
    with pytest.raises(MissingDataError) as info:
        funded.funding_for(2019)
    assert info.value.problems == (
        Problem("funding", "'X' has no funding total for 2019 (known years: 2018, 2020)"),
    )


def test_board_roles_read_their_printed_words() -> None:
    assert BoardRole.vocabulary() == "board_role"
    assert BoardRole.read("suppleant") is BoardRole.ERSATTARE
    assert BoardRole.parse("ordinarie ledamot") is BoardRole.LEDAMOT


def test_a_board_lists_its_seats_by_role_and_by_member() -> None:
    a = BoardSeat("A", "Region Gävleborg", "ledamot", chair=True)
    b = BoardSeat("B", "Gävle kommun", "ledamot", vice_chair=True)
    c = BoardSeat("C", "Gävle kommun", "ersättare")
    d = BoardSeat("D", "Försäkringskassan")  # no role stated
    board = Board([a, b, c, d])
    assert board.ledamoter == (a, b)
    assert board.ersattare == (c,)
    assert board.chair == a
    assert board.vice_chairs == (b,)
    assert board.seats_of("Gävle kommun") == (b, c)
    assert board.seats_of("Arbetsförmedlingen") == ()
    assert Board([c, d]).chair is None


# -- io: writing ------------------------------------------------------------------------------


def test_cells_that_are_not_numbers_are_written_back_as_printed() -> None:
    line = structure({"label": "X", "role": "kostnad", "values": ["12", "Inga", ""]}, Line)
    assert line.values == (Decimal(12), None, None)
    assert unstructure(line)["values"] == ["12", "Inga", None]
    plain = structure({"label": "X", "role": "kostnad", "values": ["12", "", "3"]}, Line)
    assert unstructure(plain)["values"] == ["12", None, "3"]


def test_only_pairs_of_names_and_decimals_are_written_as_named_shares() -> None:
    assert unstructure((("A", Decimal("60")), ("B", Decimal("40.5")))) == {"A": "60", "B": "40.5"}
    assert unstructure((("a", "b"), ("c", "d"))) == [["a", "b"], ["c", "d"]]
    assert unstructure(((1, Decimal(1)),)) == [[1, "1"]]


def test_values_finsam_cannot_write_are_named() -> None:
    with pytest.raises(TypeError, match=_exactly("finsam.io cannot write values of type object")):
        unstructure(object())


# -- io: reading, every problem named at its place ---------------------------------------------


@attrs.frozen
class _Probe:
    """One field of each kind that the loaders read."""

    name: str
    count: int | None = None
    flag: bool | None = None
    amount: Amount | None = None
    day: dt.date | None = None
    period: Period | None = None
    share: Fraction | None = None
    kind: MemberKind | None = None
    role: BoardRole | None = None
    tag: Literal["a", "b"] | None = None
    texts: tuple[str, ...] = ()
    org: OrgNumber | None = None
    shares: tuple[tuple[str, Decimal], ...] = ()
    hidden: str = attrs.field(default="", metadata={"io": False})


@attrs.frozen
class _Years:
    year: int = 2019
    years: tuple[int, ...] = ()


@attrs.frozen
class _Kept:
    """A class that keeps the texts it cannot read (see `finsam.printed`)."""

    day: dt.date | None = None
    amount: Amount | None = None
    role: BoardRole | None = None
    cells: tuple[Decimal | None, ...] = ()
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)


@attrs.frozen
class _Tagged:
    indicator: Indicator


_ALLOWED_KINDS = "'försäkringskassan', 'arbetsförmedlingen', 'region', 'kommun'"
_NOT_AN_AMOUNT = (
    "is not an amount in Swedish notation (such as '13 319 000 kr', '1 243 tkr', '-825 808')"
)
_BEYOND = "is beyond finsam's bound for amounts (10^15 kr)"
_A_PERIOD = "a period such as '2019-01-01 – 2019-06-30'"
_A_NUMBER = "a number such as '13 319 000', '-2,5' or '43 %'"
_X60, _X61 = "x" * 60, "x" * 61


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ({"count": 1}, ["name: required but missing"]),
        ([1], ["expected a table (_Probe), got a list"]),
        ("x", ["expected a table (_Probe), got the text 'x'"]),
        (
            {"name": 5, "count": "y"},
            [
                "name: expected a text, got the number 5",
                "count: expected a whole number, got the text 'y'",
            ],
        ),
        # what was found: texts up to 60 characters in full, bools, numbers, other types
        ({"name": "n", "count": _X60}, [f"count: expected a whole number, got the text '{_X60}'"]),
        (
            {"name": "n", "count": _X61},
            [f"count: expected a whole number, got the text '{'x' * 57}...'"],
        ),
        ({"name": "n", "count": False}, ["count: expected a whole number, got false"]),
        (
            {"name": "n", "count": Decimal("1.5")},
            ["count: expected a whole number, got the number 1.5"],
        ),
        ({"name": "n", "count": {1}}, ["count: expected a whole number, got set"]),
        (
            {"name": "n", "count": HugeNumber(50)},
            ["count: expected a whole number, got a number of 50 digits, beyond finsam's bounds"],
        ),
        ({"name": "n", "flag": 1}, ["flag: expected true or false, got the number 1"]),
        # amounts
        ({"name": "n", "amount": "1" * 61}, ["amount: too long for an amount"]),
        ({"name": "n", "amount": "1" * 60}, [f"amount: '{'1' * 60}' {_BEYOND}"]),
        ({"name": "n", "amount": "1" * 20 + " kr"}, [f"amount: '{'1' * 20} kr' {_BEYOND}"]),
        ({"name": "n", "amount": 2**63 - 1}, [f"amount: '{2**63 - 1}' {_BEYOND}"]),
        ({"name": "n", "amount": 2**63}, [f"amount: 'the number …' {_BEYOND}"]),
        ({"name": "n", "amount": 2**64}, [f"amount: 'the number …' {_BEYOND}"]),
        ({"name": "n", "amount": Decimal("1E+20")}, [f"amount: '1E+20' {_BEYOND}"]),
        ({"name": "n", "amount": "0,001 kr"}, ["amount: '0,001 kr' has a fraction of an öre"]),
        ({"name": "n", "amount": "1,5 xkr"}, [f"amount: '1,5 xkr' {_NOT_AN_AMOUNT}"]),
        ({"name": "n", "amount": "-"}, [f"amount: '-' {_NOT_AN_AMOUNT}"]),
        (
            {"name": "n", "amount": 1.5},
            [
                "amount: expected an amount such as '13 319 000 kr', or whole kronor, "
                "got a floating-point number"
            ],
        ),
        # periods
        ({"name": "n", "period": "x"}, [f"period: 'x' is not {_A_PERIOD}"]),
        (
            {"name": "n", "period": "2019-01-01 – 2019-02-30"},
            ["period: '2019-02-30' is not a date: no such day, or not written YYYY-MM-DD"],
        ),
        (
            {"name": "n", "period": {"start": "2019-01-01", "end": "2019-12-31", "x": 1}},
            [f"period: expected {_A_PERIOD} or {{start, end}}, got a table"],
        ),
        (
            {"name": "n", "period": {"start": "2019-01-01", "x": 1}},
            [f"period: expected {_A_PERIOD} or {{start, end}}, got a table"],
        ),
        (
            {"name": "n", "period": {"start": "2019-01-01"}},
            [f"period: expected {_A_PERIOD} or {{start, end}}, got a table"],
        ),
        (
            {"name": "n", "period": {"start": "2019-01-01", "end": "x"}},
            ["period.end: 'x' is not a date: no such day, or not written YYYY-MM-DD"],
        ),
        (
            {"name": "n", "period": {"start": "2019-02-01", "end": "2019-01-01"}},
            ["period: the period ends (2019-01-01) before it starts (2019-02-01)"],
        ),
        ({"name": "n", "period": 5}, [f"period: expected {_A_PERIOD}, got the number 5"]),
        # fractions
        (
            {"name": "n", "share": "1/0"},
            ["share: expected a fraction such as '1/4', got the text '1/0'"],
        ),
        (
            {"name": "n", "share": "x"},
            ["share: expected a fraction such as '1/4', got the text 'x'"],
        ),
        ({"name": "n", "share": True}, ["share: expected a fraction such as '1/4', got true"]),
        ({"name": "n", "share": [1]}, ["share: expected a fraction such as '1/4', got a list"]),
        # words: enums, vocabularies, literal tags
        (
            {"name": "n", "kind": 5},
            [f"kind: expected one of {_ALLOWED_KINDS}, got the number 5"],
        ),
        (
            {"name": "n", "kind": "kommunn" + _X60},
            [f"kind: '{('kommunn' + _X60)[:60]}' is not one of {_ALLOWED_KINDS}"],
        ),
        ({"name": "n", "tag": "c"}, ["tag: the text 'c' is not one of 'a', 'b'"]),
        ({"name": "n", "tag": 5}, ["tag: the number 5 is not one of 'a', 'b'"]),
        # lists and tables
        (
            {"name": "n", "texts": ["a", 1, "b", 2]},
            [
                "texts[1]: expected a text, got the number 1",
                "texts[3]: expected a text, got the number 2",
            ],
        ),
        ({"name": "n", "texts": "a"}, ["texts: expected a list of items, got the text 'a'"]),
        (
            {"name": "n", "shares": {"A": "x", "B": "60", "C": "y"}},
            [
                f"shares.A: expected {_A_NUMBER}, got the text 'x'",
                f"shares.C: expected {_A_NUMBER}, got the text 'y'",
            ],
        ),
        (
            {"name": "n", "shares": ["A"]},
            ["shares: expected a table of name = percentage, got a list"],
        ),
        (
            {"name": "n", "org": "222000-3138"},
            ["org: organisationsnummer '222000-3138' has check digit 8, expected 7"],
        ),
        ({"name": "n", "org": 5}, ["org: expected a text, got the number 5"]),
        # keys that are no field
        ({"name": "n", "hidden": "x"}, ["hidden: unknown key"]),
        ({"name": "n", "nmae": 1}, ["nmae: unknown key; did you mean 'name'?"]),
        ({"name": "n", "zzzzzz": 1}, ["zzzzzz: unknown key"]),
        ({"name": "n", "printed": {}}, ["printed: unknown key; did you mean 'period'?"]),
        ({"name": "n", "x" * 70: 1}, [f"{_X60}: unknown key"]),
    ],
)
def test_reading_names_each_problem_at_its_place(data: Any, problems: list[str]) -> None:
    with pytest.raises(DataError) as info:
        structure(data, _Probe)
    assert [str(p) for p in info.value.problems] == problems


def test_what_reads_without_problems() -> None:
    probe = structure(
        {
            "name": "n",
            "count": "",  # a blank cell
            "amount": None,
            "period": {"start": "2019-01-01", "end": "2019-12-31"},
            "share": " -1 / 8 ",
            "kind": "  KOMMUN ",
            "role": "Ordinarie  Ledamot",
            "tag": "b",
            "shares": {"A": "60,5", "B": 39},
        },
        _Probe,
    )
    assert probe.count is None
    assert probe.amount is None
    assert probe.period == Period.year(2019)
    assert probe.share == Fraction(-1, 8)
    assert probe.kind is MemberKind.KOMMUN
    assert probe.role is BoardRole.LEDAMOT
    assert probe.tag == "b"
    assert probe.shares == (("A", Decimal("60.5")), ("B", Decimal(39)))
    assert structure({"name": "n", "share": "0/1"}, _Probe).share == 0
    assert structure({"name": "n", "share": "3/4"}, _Probe).share == Fraction(3, 4)
    assert structure({"name": "n", "share": Decimal("0.5")}, _Probe).share == Fraction(1, 2)
    assert structure({"name": "n", "role": "suppleant"}, _Probe).role is BoardRole.ERSATTARE


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ({"year": 1899}, ["year: year 1899 is outside 1900–2200"]),
        ({"year": 2201}, ["year: year 2201 is outside 1900–2200"]),
        ({"year": 10**30}, ["year: year … is outside 1900–2200"]),
        ({"year": "2019"}, ["year: expected a year, got the text '2019'"]),
        ({"year": True}, ["year: expected a year, got true"]),
        (
            {"years": [2019, 1800, "x"]},
            [
                "years[1]: year 1800 is outside 1900–2200",
                "years[2]: expected a year, got the text 'x'",
            ],
        ),
        ({"years": "2019"}, ["years: expected a list of years, got the text '2019'"]),
    ],
)
def test_fields_named_year_hold_years(data: Any, problems: list[str]) -> None:
    with pytest.raises(DataError) as info:
        structure(data, _Years)
    assert [str(p) for p in info.value.problems] == problems


def test_years_at_the_ends_of_the_range_are_read() -> None:
    assert structure({"year": 1900, "years": [2200]}, _Years) == _Years(1900, (2200,))


def test_texts_that_cannot_be_read_are_kept_as_printed() -> None:
    kept = structure(
        {
            "day": "2019-02-30",
            "amount": "12 000",
            "role": "Ledamot",
            "cells": ["1", "n/a", "", None],
        },
        _Kept,
    )
    assert kept.day is None
    assert kept.amount == Amount.from_kr(12_000)
    assert kept.role is BoardRole.LEDAMOT
    assert kept.cells == (Decimal(1), None, None, None)
    assert dict(kept.printed.texts) == {
        "day": "2019-02-30",
        "amount": "12 000",  # says more than the value: printed without "kr"
        "role": "Ledamot",
        "cells[1]": "n/a",
    }
    assert structure({"day": " 2019-02-28 ", "amount": "12 000 kr"}, _Kept).printed == Printed()


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ({"cells": "x"}, ["cells: expected a list, got the text 'x'"]),
        (
            {"cells": ["1", 5.5, [1]]},
            [
                "cells[1]: expected a number, got a floating-point number",
                "cells[2]: expected a number, got a list",
            ],
        ),
        (
            {"printed": {"day": "x"}},
            ["printed: printed texts are written in place of their values"],
        ),
        ({"day": 5}, ["day: expected a date (YYYY-MM-DD), got the number 5"]),
    ],
)
def test_texts_are_kept_but_other_values_are_problems(data: Any, problems: list[str]) -> None:
    with pytest.raises(DataError) as info:
        structure(data, _Kept)
    assert [str(p) for p in info.value.problems] == problems


_INDICATOR_KINDS = "'target', 'ratio_limit', 'national', 'improvement', 'yes_no'"


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ({"indicator": [1]}, ["indicator: expected a table with a 'kind' key, got a list"]),
        ({"indicator": {}}, [f"indicator.kind: required but missing; one of {_INDICATOR_KINDS}"]),
        (
            {"indicator": {"kind": "x"}},
            [f"indicator.kind: the text 'x' is not one of {_INDICATOR_KINDS}"],
        ),
        (
            {"indicator": {"kind": 5}},
            [f"indicator.kind: the number 5 is not one of {_INDICATOR_KINDS}"],
        ),
    ],
)
def test_a_union_of_tables_is_told_apart_by_its_kind(data: Any, problems: list[str]) -> None:
    with pytest.raises(DataError) as info:
        structure(data, _Tagged)
    assert [str(p) for p in info.value.problems] == problems


def test_a_name_that_is_no_identifier_is_quoted_in_the_path() -> None:
    with pytest.raises(DataError) as info:
        structure({"name": "n", "shares": {"Gävle kommun": "x"}}, _Probe)
    assert [str(p) for p in info.value.problems] == [
        f"shares['Gävle kommun']: expected {_A_NUMBER}, got the text 'x'"
    ]


def _report_referring_to(reference: str) -> dict[str, Any]:
    data = report_data(load_report("gavleborg-2019-h1"))
    return {**data, "forbund": reference}


def test_a_förbund_file_is_found_next_to_the_report_whatever_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (tmp_path / "elsewhere").mkdir()
    forbund = json.dumps(forbund_data(load_forbund("gavleborg")))
    (folder / "forbund.json").write_text(forbund, encoding="utf-8")
    (folder / "h1.json").write_text(json.dumps(_report_referring_to("forbund.json")), "utf-8")
    monkeypatch.chdir(tmp_path / "elsewhere")
    report = load_report(folder / "h1.json")
    assert report.forbund.name == "Samordningsförbund Gävleborg"
    assert report.forbund.referred_to == "forbund.json"


def test_a_förbund_file_outside_the_reports_folder_needs_permission(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    forbund = json.dumps(forbund_data(load_forbund("gavleborg")))
    (tmp_path / "forbund.json").write_text(forbund, encoding="utf-8")
    (folder / "h1.json").write_text(json.dumps(_report_referring_to("../forbund.json")), "utf-8")
    with pytest.raises(DataError) as info:
        load_report(folder / "h1.json")
    assert [str(p) for p in info.value.problems] == [
        "forbund: '../forbund.json' lies outside the report's folder; "
        "allow it explicitly (allow_outside=True)"
    ]
    allowed = load_report(folder / "h1.json", allow_outside=True)
    assert allowed.forbund.referred_to == "../forbund.json"


# -- io: files into plain data -----------------------------------------------------------------


def _problems(error: DataError) -> list[str]:
    return [str(p) for p in error.problems]


def test_a_file_larger_than_the_limit_is_refused_and_one_at_the_limit_is_read(
    tmp_path: Path,
) -> None:
    limit = 3_000_000
    at_limit = tmp_path / "at.toml"
    at_limit.write_bytes(b"#" * limit)
    assert len(read_bytes(at_limit, "at", limit=limit)) == limit
    over = tmp_path / "over.toml"
    over.write_bytes(b"#" * (limit + 1))
    with pytest.raises(DataError) as info:
        read_bytes(over, "over", limit=limit)
    assert info.value.source == "over"
    assert _problems(info.value) == ["larger than 3 MB"]


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(DataError) as info:
        read_file(folder)
    assert info.value.source == str(folder)
    assert _problems(info.value) == ["is a folder, not a file"]


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_files_are_refused_with_advice(bom: bytes) -> None:
    with pytest.raises(DataError) as info:
        decode(bom + "a".encode("utf-16-le"), "src")
    assert info.value.source == "src"
    assert _problems(info.value) == ["the file is UTF-16 text; save it as UTF-8"]


def test_a_byte_order_mark_is_allowed_and_bad_bytes_are_placed() -> None:
    assert decode(b"\xef\xbb\xbfname", "src") == "name"
    with pytest.raises(DataError) as info:
        decode(b"a\nb\n\xff", "src")
    assert _problems(info.value) == ["not UTF-8 text: byte 0xff on line 3; save the file as UTF-8"]


def test_read_file_names_the_file_or_the_given_source(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff")
    for source, shown in [(None, str(bad)), ("named", "named")]:
        with pytest.raises(DataError) as info:
            read_file(bad, source)
        assert info.value.source == shown
        assert _problems(info.value) == [
            "not UTF-8 text: byte 0xff on line 1; save the file as UTF-8"
        ]
    unknown = tmp_path / "data.yaml"
    unknown.write_text("a: 1", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_file(unknown)
    assert info.value.source == str(unknown)
    assert _problems(info.value) == ["unknown file type '.yaml'; use .toml or .json"]
    broken = tmp_path / "broken.json"
    broken.write_text('{"a": 1', encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_file(broken, "named")
    assert info.value.source == "named"
    good = tmp_path / "good.JSON"
    good.write_text('{"a": 1}', encoding="utf-8")
    assert read_file(good) == {"a": 1}


@pytest.mark.parametrize(
    ("text", "suffix", "problem"),
    [
        ('{"a": NaN}', ".json", "not readable: NaN is not a number finsam accepts"),
        ('{"a": -Infinity}', ".json", "not readable: -Infinity is not a number finsam accepts"),
        ('{"a": 1', ".json", "not valid JSON: Expecting ',' delimiter (line 1, column 8)"),
        ("a = ", ".toml", "not valid TOML: Invalid value (at end of document)"),
        ("a = 1\nb = ?", ".toml", "not valid TOML: Invalid value (line 2, column 5)"),
        ("a = 1", ".yaml", "unknown file type '.yaml'; use .toml or .json"),
        ("[" * 2000 + "]" * 2000, ".json", "not readable: tables or lists nested too deeply"),
    ],
)
def test_parse_problems(text: str, suffix: str, problem: str) -> None:
    with pytest.raises(DataError) as info:
        parse(text, suffix, "src")
    assert info.value.source == "src"
    assert _problems(info.value) == [problem]


def test_json_integers_of_more_than_forty_digits_are_kept_unconverted() -> None:
    nines = "9" * 40
    assert parse(f'{{"a": {nines}, "b": -{nines}}}', ".json", "src") == {
        "a": int(nines),
        "b": -int(nines),
    }
    huge = parse(f'{{"a": 9{nines}, "b": -9{nines}}}', ".JSON", "src")
    assert [type(v) for v in huge.values()] == [HugeNumber, HugeNumber]
    assert [v.digits for v in huge.values()] == [41, 41]
    assert repr(huge["a"]) == "HugeNumber(digits=41)"


_BIG = "9" * 5000


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (f"a = {_BIG}", "line 1, column 5"),
        (f"a = 1_{'9' * 4300}", "line 1, column 5"),
        (f"# {'[' * 40}\na = {_BIG}", "line 2, column 5"),  # comments are skipped
        (f's = "{"[" * 40}"\na = {_BIG}', "line 2, column 5"),  # and texts
        (f"s = '{'[' * 40}'\na = {_BIG}", "line 2, column 5"),
        (f's = """\n{"[" * 40}\n"""\na = {_BIG}', "line 4, column 5"),
        (f"s = '''x\n{'[' * 40}'''\na = {_BIG}", "line 3, column 5"),
        (f's = "a\\"{"[" * 40}"\na = {_BIG}', "line 2, column 5"),  # an escaped quote
        (f"a = [1, 2]\nb = {{c = 1}}\nd = {_BIG}", "line 3, column 5"),
        (f"a_{'1' * 5000} = 1\nb = {_BIG}", "line 2, column 5"),  # digits in a key
        (f"a = 2019-01-01\nb = {_BIG}", "line 2, column 5"),
    ],
)
def test_toml_numbers_too_long_to_convert_are_placed(text: str, where: str) -> None:
    digits = 4301 if "1_" in text[:6] else 5000
    with pytest.raises(DataError) as info:
        parse(text, ".toml", "src")
    assert _problems(info.value) == [
        f"not readable: a number of {digits} digits, beyond finsam's bounds ({where})"
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a = " + "[" * 2000 + "]" * 2000, "line 1, column 37"),
        ('s = "a\\\\"\nb = [' + "[" * 40 + "]" * 40 + "]\na = " + _BIG, "line 2, column 37"),
        ("x = " + "{a = " * 40 + "1" + "}" * 40 + "\ny = " + _BIG, "line 1, column 165"),
    ],
)
def test_toml_nesting_too_deep_is_placed(text: str, where: str) -> None:
    with pytest.raises(DataError) as info:
        parse(text, ".toml", "src")
    assert _problems(info.value) == [f"not readable: nested more than 32 levels deep ({where})"]


def test_toml_within_the_bounds_is_read() -> None:
    assert parse("a = [" + "1_" * 2500 + "1]", ".toml", "src") == {"a": [int("1" * 2501)]}
    assert parse("a = 1.5", ".TOML", "src") == {"a": Decimal("1.5")}


# -- io: saving whole or not at all ------------------------------------------------------------


def test_saving_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.toml"
    with pytest.raises(
        FileNotFoundError, match=_exactly(f"{target}: no such folder: {target.parent}")
    ):
        write_text_atomic(target, "a = 1\n")


@pytest.mark.parametrize("unlink_fails", [False, True])
def test_a_failed_save_leaves_the_old_file_and_raises_the_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unlink_fails: bool
) -> None:
    target = tmp_path / "x.toml"
    target.write_text("old\n", encoding="utf-8")

    def refuse(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    if unlink_fails:  # removing the temporary file fails too: the first failure still shows
        monkeypatch.setattr(os, "unlink", refuse)
    with pytest.raises(OSError, match=r"^disk full$"):
        write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    if not unlink_fails:
        assert sorted(p.name for p in tmp_path.iterdir()) == ["x.toml"]


# -- io: loading documents from files ----------------------------------------------------------

_BAD_KIND_EN = "members[0].kind: 'kommunn' is not one of " + _ALLOWED_KINDS
_BAD_KIND_SV = "members[0].kind: 'kommunn' är inte något av " + _ALLOWED_KINDS


def test_a_förbund_file_loads_as_it_was_saved(tmp_path: Path) -> None:
    gavleborg = load_forbund("gavleborg")
    save(gavleborg, tmp_path / "f.toml")
    for loaded in (load_forbund(tmp_path / "f.toml"), load(tmp_path / "f.toml")):
        assert loaded == gavleborg
        assert isinstance(loaded, Forbund)
        assert loaded.referred_to is None  # read from its own file, not named by a report


def test_problems_in_a_förbund_file_name_the_file_in_the_language_asked_for(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"name": "X", "members": [{"name": "A", "kind": "kommunn"}]}), "utf-8"
    )
    for read, lang, problem in [
        (load_forbund, None, _BAD_KIND_EN),
        (load_forbund, "sv", _BAD_KIND_SV),
        (load, None, _BAD_KIND_EN),
        (load, "sv", _BAD_KIND_SV),
    ]:
        with pytest.raises(DataError) as info:
            read(bad, lang=lang)
        assert info.value.source == str(bad)
        assert _problems(info.value) == [problem]


def test_problems_in_a_report_file_name_the_file_in_the_language_asked_for(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"type": "delårsrapport", "x": 1}), "utf-8")
    english = [
        "forbund: required but missing",
        "title: required but missing",
        "period: required but missing",
        "x: unknown key",
    ]
    swedish = [
        "forbund: krävs men saknas",
        "title: krävs men saknas",
        "period: krävs men saknas",
        "x: okänd nyckel",
    ]
    for read, lang, problems in [
        (load_report, None, english),
        (load_report, "sv", swedish),
        (load, None, english),
        (load, "sv", swedish),
    ]:
        with pytest.raises(DataError) as info:
            read(bad, lang=lang)
        assert info.value.source == str(bad)
        assert _problems(info.value) == problems


def test_report_data_names_a_förbund_by_its_reference_or_writes_it_out() -> None:
    report = load_report("gavleborg-2019-h1")
    assert report_data(report)["forbund"] == "gavleborg"
    unnamed = attrs.evolve(report, forbund=attrs.evolve(report.forbund, referred_to=None))
    assert report_data(unnamed)["forbund"]["name"] == "Samordningsförbund Gävleborg"
    with pytest.raises(TypeError, match=_exactly("expected a report or plan, got object")):
        report_data(object())  # type: ignore[arg-type]


def test_load_tells_bundled_förbund_from_reports() -> None:
    assert isinstance(load("gavleborg"), Forbund)
    assert type(load("gavleborg-2019-h1")).__name__ == "InterimReport"


@pytest.mark.parametrize(
    ("version", "problem"),
    [
        (3, "format: written by a newer finsam (format 3); this one reads up to 2"),
        (999_999, "format: written by a newer finsam (format 999999); this one reads up to 2"),
        (10**6, "format: written by a newer finsam (format …); this one reads up to 2"),
        (True, "format: expected a format version such as 2"),
        ("2", "format: expected a format version such as 2"),
        (0, "format: expected a format version such as 2"),
    ],
)
def test_the_format_version_is_checked(version: object, problem: str) -> None:
    data = {"format": version, "count": 1, "as_of": "2015-06-30"}
    with pytest.raises(DataError) as info:
        structure(data, Population, source="src")
    assert info.value.source == "src"
    assert _problems(info.value) == [problem]


def test_versions_up_to_the_current_one_are_read() -> None:
    for data in ({"count": 1, "as_of": "2015-06-30"}, {"format": 1}, {"format": 2}):
        population = structure({"count": 1, "as_of": "2015-06-30", **data}, Population)
        assert population == Population(1, dt.date(2015, 6, 30))
    with pytest.raises(DataError) as info:
        structure({"count": "x", "as_of": "2015-06-30"}, Population, source="src")
    assert info.value.source == "src"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("gavleborg", False),
        ("gavleborg-2019-h1", False),
        ("h1.json", True),
        ("H1.TOML", True),
        ("book.xlsx", True),
        ("reports/h1", True),
        (Path("gavleborg"), True),
    ],
)
def test_is_path(source: str | Path, expected: bool) -> None:
    assert is_path(source) is expected


def test_a_source_is_a_name_or_a_path() -> None:
    with pytest.raises(
        TypeError,
        match=_exactly("expected a bundled name or a path (str or pathlib.Path), got int"),
    ):
        load_report(5)  # type: ignore[call-overload]


def test_a_missing_förbund_file_is_named_in_the_reports_problem(tmp_path: Path) -> None:
    report = tmp_path / "h1.json"
    report.write_text(json.dumps(_report_referring_to("missing.json")), "utf-8")
    with pytest.raises(DataError) as info:
        load_report(report)
    assert _problems(info.value) == [
        f"forbund: {(tmp_path / 'missing.json').resolve()}: no such file"
    ]


def test_a_bundled_förbund_remembers_its_name() -> None:
    assert load_forbund("gavleborg").referred_to == "gavleborg"


def test_json_text_is_indented_and_keeps_swedish_letters() -> None:
    assert dump_json(Population(61_000, dt.date(2015, 6, 30))) == (
        '{\n  "count": 61000,\n  "as_of": "2015-06-30"\n}'
    )
    assert '"name": "Gävle kommun"' in dump_json(Member("Gävle kommun", MemberKind.KOMMUN))


def test_save_writes_documents_only(tmp_path: Path) -> None:
    with pytest.raises(
        TypeError,
        match=_exactly(
            "save() writes a report, plan or förbund, not Population; "
            "use dump_json or dump_toml for other finsam objects"
        ),
    ):
        save(Population(1, dt.date(2015, 6, 30)), tmp_path / "p.toml")
