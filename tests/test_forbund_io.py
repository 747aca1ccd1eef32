"""Förbund construction rules and loading them from files with precise errors."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

from finsam import DataError, Forbund, Member, MemberKind, OrgNumber, load_forbund
from finsam.io import converter, dump_json, load, structure
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


def test_composition_rule_names_what_is_missing() -> None:
    with pytest.raises(ValueError, match="missing: Arbetsförmedlingen, a kommun"):
        Forbund(
            "F",
            "222000-3137",
            "S",
            dt.date(2010, 1, 1),
            (Member("FK", MemberKind.FORSAKRINGSKASSAN), Member("R", MemberKind.REGION)),
        )


def test_duplicate_members_are_an_error() -> None:
    members = [
        Member("FK", MemberKind.FORSAKRINGSKASSAN),
        Member("AF", MemberKind.ARBETSFORMEDLINGEN),
        Member("R", MemberKind.REGION),
        Member("K", MemberKind.KOMMUN),
        Member("K", MemberKind.KOMMUN),
    ]
    with pytest.raises(ValueError, match="member K listed twice"):
        Forbund("F", "222000-3137", "S", dt.date(2010, 1, 1), members)
    members[-1] = Member("FK2", MemberKind.FORSAKRINGSKASSAN)
    with pytest.raises(ValueError, match="Försäkringskassan can be a member only once"):
        Forbund("F", "222000-3137", "S", dt.date(2010, 1, 1), members)


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
        "org_number: organisationsnummer '222000-3138' has check digit 8, expected 7",
        "founded: '2014-02-30' is not a valid date (day is out of range for month)",
        "members[1].kind: 'kommunn' is not one of",
        "members[2].name: expected str, got 17 (int)",
        "members[2].population.count: expected int, got Decimal('1.5') (Decimal)",
        "funding[0]: unknown key 'note'",
    ]
    for line in expected:
        assert any(error.startswith(line) for error in errors), (line, errors)
    assert str(path) in str(info.value)


def test_amount_with_a_fraction_of_an_ore_is_refused_with_its_path() -> None:
    data = {"year": 2019, "total": Decimal("13319000.123")}
    from finsam import AnnualFunding

    with pytest.raises(DataError, match=r"total: amount in kr: 13319000\.123 is not a whole"):
        structure(data, AnnualFunding)


def test_float_is_refused_as_an_amount() -> None:
    from finsam import AnnualFunding

    with pytest.raises(DataError, match=r"total: expected an amount .* got 1\.5 \(float\)"):
        structure({"year": 2019, "total": 1.5}, AnnualFunding)


def test_converter_unstructures_amounts_as_swedish_strings() -> None:
    funding = load_forbund("gavleborg").funding_for(2019)
    assert converter.unstructure(funding)["total"] == "13 319 000 kr"


def test_unknown_dataset_lists_the_known_ones() -> None:
    with pytest.raises(LookupError, match=r"choose one of \['gavleborg', 'mphla'\]"):
        load_forbund("uppsala")


def test_decimals_are_written_without_exponents() -> None:
    from finsam import Charter

    charter = Charter(dt.date(2015, 1, 1), kommun_percentages={"A": Decimal("1E+2")})
    assert converter.unstructure(charter)["kommun_percentages"] == {"A": "100"}
