"""Förbund construction rules and loading them from files with precise errors."""

import datetime as dt
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

from finsam import (
    Amount,
    DataError,
    Forbund,
    Member,
    MemberKind,
    OrgNumber,
    load_forbund,
    split_funding,
)
from finsam.io import dump_json, load, structure, unstructure
from finsam.strategies import forbunds, org_numbers


@given(org_numbers())
def test_generated_org_numbers_are_valid_and_public(number: OrgNumber) -> None:
    assert OrgNumber(number.value.replace("-", "")) == number
    assert number.is_public_body


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("222000-3138", "check digit 8, expected 7"),
        ("22200-3137", "must have ten digits"),
        ("222000-313X", "must have ten digits"),
    ],
)
def test_wrong_org_numbers_name_the_number(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        OrgNumber(text)
    assert text in str(info.value)


def test_a_forbund_lacking_members_is_kept_and_names_what_is_missing() -> None:
    # Kept as the documents describe it: the § 3 check reports it; a split refuses it.
    forbund = Forbund(
        "F",
        "222000-3137",
        "S",
        dt.date(2010, 1, 1),
        (Member("FK", MemberKind.FORSAKRINGSKASSAN), Member("R", MemberKind.REGION)),
    )
    assert forbund.missing_parties() == ["Arbetsförmedlingen", "a kommun"]
    with pytest.raises(DataError, match="missing Arbetsförmedlingen, a kommun"):
        split_funding(forbund, 2019, total=Amount.from_kr(100))


def test_members_must_be_members() -> None:
    with pytest.raises(TypeError, match=r"members\[1\]: expected Member, got str"):
        Forbund("F", members=[Member("FK", MemberKind.FORSAKRINGSKASSAN), "AF"])


def test_charter_lookup_as_of_a_date() -> None:
    forbund = load_forbund("gavleborg")
    assert forbund.charter_as_of(dt.date(2019, 1, 1)).valid_from == dt.date(2014, 12, 15)
    with pytest.raises(LookupError, match="no charter in force on 2014-12-14"):
        forbund.charter_as_of(dt.date(2014, 12, 14))


@given(forbunds())
def test_json_round_trip(forbund: Forbund) -> None:
    data = json.loads(dump_json(forbund), parse_float=Decimal)
    assert structure(data, Forbund) == forbund


def test_bundled_forbund_round_trip_through_a_json_file(tmp_path: Path) -> None:
    forbund = load_forbund("mphla")
    path = tmp_path / "mphla.json"
    path.write_text(dump_json(forbund), encoding="utf-8")
    assert load(path, Forbund) == forbund


BROKEN = """
name = "Trasigt förbund"
org_number = "222000-3138"
seat = "Gävle"
founded = "2014-02-30"

[[members]]
name = "Försäkringskassan"
kind = "försäkringskassan"

[[members]]
name = "Gävle kommun"
kind = "kommunn"

[[members]]
name = 17
kind = "region"
population = { count = 1.5, as_of = 2019-01-01 }

[[funding]]
year = 2019
total = 13319000.123
note = "unknown key"
"""


def test_a_broken_file_reports_every_error_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(path, Forbund)
    errors = info.value.errors
    assert info.value.source == str(path)
    expected = [
        "members[1].kind: 'kommunn' is not one of",
        "members[2].name: expected a text, got the number 17",
        "members[2].population.count: expected a whole number, got the number 1.5",
        "funding[0].total: '13319000.123' has a fraction of an öre",
        "funding[0].note: unknown key",
    ]
    assert len(errors) == len(expected)
    for line in expected:
        assert any(error.startswith(line) for error in errors), (line, errors)
    assert str(path) in str(info.value)
    # What the document prints but cannot be read is kept, for the checks to report:
    data = tomllib.loads(BROKEN.split("[[members]]")[0])
    forbund = structure({**data, "members": []}, Forbund)
    assert dict(forbund.printed) == {"org_number": "222000-3138", "founded": "2014-02-30"}


def test_amount_with_a_fraction_of_an_ore_is_refused_with_its_path() -> None:
    data = {"year": 2019, "total": Decimal("13319000.123")}
    from finsam import AnnualFunding

    with pytest.raises(DataError, match=r"total: '13319000\.123' has a fraction of an öre"):
        structure(data, AnnualFunding)


def test_float_is_refused_as_an_amount() -> None:
    from finsam import AnnualFunding

    with pytest.raises(
        DataError, match=r"total: expected an amount .* got a floating-point number"
    ):
        structure({"year": 2019, "total": 1.5}, AnnualFunding)


def test_converter_unstructures_amounts_as_swedish_strings() -> None:
    funding = load_forbund("gavleborg").funding_for(2019)
    assert unstructure(funding)["total"] == "13 319 000 kr"


def test_unknown_dataset_lists_the_known_ones() -> None:
    with pytest.raises(LookupError, match=r"choose one of gavleborg, mphla"):
        load_forbund("uppsala")


def test_decimals_are_written_without_exponents() -> None:
    from finsam import Charter

    charter = Charter(dt.date(2015, 1, 1), kommun_percentages={"A": Decimal("1E+2")})
    assert unstructure(charter)["kommun_percentages"] == {"A": "100"}
