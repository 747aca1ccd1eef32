"""Swedish presentation: amounts, percentages, dates, periods; and a fast import."""

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam import KRONA, MKR, TKR, Amount, Period
from finsam.formatting import (
    format_amount,
    format_date,
    format_number,
    format_percent,
    format_period,
    format_share,
)
from finsam.strategies import amounts

NBSP = "\u00a0"


@given(amounts())
def test_amounts_in_kr_read_back_exactly(amount: Amount) -> None:
    assert Amount.parse(format_amount(amount)) == amount


@given(amounts(), st.sampled_from([TKR, MKR]))
def test_display_units_round_half_away_from_zero(amount: Amount, unit: Amount) -> None:
    shown = Amount.parse(format_amount(amount, unit=unit))
    assert abs(shown.ore - amount.ore) * 2 <= unit.ore


@given(amounts(min_ore=1), st.sampled_from([KRONA, TKR, MKR]))
def test_negative_amounts_are_the_positive_ones_with_a_minus(amount: Amount, unit: Amount) -> None:
    positive, negative = format_amount(amount, unit=unit), format_amount(-amount, unit=unit)
    assert negative == (positive if Amount.parse(positive).is_zero else "-" + positive)


@pytest.mark.parametrize(
    ("amount", "unit", "text"),
    [
        (Amount.from_kr(13_319_000), KRONA, "13 319 000 kr"),
        (Amount.from_kr(18_920_000), TKR, "18 920 tkr"),
        (Amount.from_kr(500), TKR, "1 tkr"),
        (Amount.from_kr(-500), TKR, "-1 tkr"),
        (Amount.from_kr(499), TKR, "0 tkr"),
        (Amount.parse("-825 808"), KRONA, "-825 808 kr"),
        (Amount.from_ore(3_496_237), KRONA, "34 962,37 kr"),
        (Amount.from_tkr(16_692), MKR, "17 mkr"),
    ],
)
def test_swedish_amounts(amount: Amount, unit: Amount, text: str) -> None:
    shown = format_amount(amount, unit=unit)
    assert shown.replace(NBSP, " ") == text
    assert " " not in shown  # no-break spaces only: a figure never breaks across lines


def test_english_alternative() -> None:
    assert format_amount(Amount.from_kr(13_319_000), locale="en_GB") == f"SEK{NBSP}13,319,000"
    assert format_amount(Amount.from_kr(18_920_000), unit=TKR, locale="en") == f"kSEK{NBSP}18,920"
    assert format_percent(Fraction(43, 100), locale="en") == "43%"
    assert format_date(dt.date(2019, 8, 23), locale="en_GB") == "23 August 2019"


def test_percentages_dates_periods() -> None:
    assert format_percent(Fraction(5_776_803, 13_319_500)) == f"43{NBSP}%"
    assert format_percent(Decimal("-0.125"), decimals=1) == f"-12,5{NBSP}%"
    assert format_share(Fraction(183, 2000)) == f"9,15{NBSP}%"
    assert format_share(Fraction(1, 4)) == f"25{NBSP}%"
    assert format_date(dt.date(2019, 8, 23)) == "23 augusti 2019"
    assert format_period(Period.parse("2019-01-01 – 2019-06-30")) == "2019-01-01 – 2019-06-30"
    assert format_number(Decimal("-3315060")) == f"-3{NBSP}315{NBSP}060"


def test_import_finsam_loads_neither_babel_nor_hypothesis() -> None:
    code = (
        "import sys, finsam; "
        "print(sorted(m for m in ('babel', 'hypothesis', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
