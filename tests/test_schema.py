"""The JSON Schema of the data files: valid, in step with the loader and the dumper, current."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import subprocess
import sys
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

import finsam
from finsam.io import DataError, report_data, structure, structure_report
from finsam.io import schema as finsam_schema
from finsam.io.schema import KINDS, forbund_schema, main, report_schema, schema_json
from finsam.money import _AMOUNT_RE, NUMBER_RE
from finsam.period import _RANGE_RE
from finsam.strategies import interim_reports

DATA = Path(finsam.__file__).parent / "data"
DOCS = Path(__file__).parents[1] / "docs" / "schema"
REPORT_FILES = sorted((DATA / "reports").glob("*.toml"))
FORBUND_FILES = sorted((DATA / "forbund").glob("*.toml"))

REPORT_SCHEMA = report_schema()
FORBUND_SCHEMA = forbund_schema()
REPORT_VALIDATOR = Draft202012Validator(
    REPORT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER
)
FORBUND_VALIDATOR = Draft202012Validator(
    FORBUND_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER
)
DEFS = REPORT_SCHEMA["$defs"]


def _plain(value: object) -> object:
    """TOML values JSON lacks: dates as ISO strings, exact decimals as JSON numbers."""
    if isinstance(value, dt.datetime | dt.time):
        raise TypeError(f"no date-times in finsam files: {value!r}")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not JSON data: {value!r}")


def toml_as_json(path: Path) -> str:
    """A TOML data file as JSON text, the way a tool without Python would see it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return json.dumps(data, default=_plain, ensure_ascii=False)


def errors(validator: Draft202012Validator, data: object) -> list[ValidationError]:
    return list(validator.iter_errors(data))


# -- the schemas themselves ---------------------------------------------------------------------


@pytest.mark.parametrize("schema", [REPORT_SCHEMA, FORBUND_SCHEMA], ids=KINDS)
def test_the_schema_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("kind", KINDS)
def test_the_published_schema_is_current(kind: str) -> None:
    published = DOCS / f"{kind}.schema.json"
    assert published.read_text(encoding="utf-8") == schema_json(kind), (
        f"{published} is stale; regenerate it with "
        f"`finsam schema {kind} > docs/schema/{kind}.schema.json`"
    )


@pytest.mark.parametrize(
    ("cls", "extra"),
    [
        (finsam.Forbund, ["format"]),
        (finsam.Member, []),
        (finsam.Charter, []),
        (finsam.Statement, []),
        (finsam.Column, []),
        (finsam.Line, []),
        (finsam.Insats, []),
        (finsam.Goal, []),
        (finsam.TargetIndicator, []),
        (finsam.RatioLimit, []),
        (finsam.NationalComparison, []),
        (finsam.Improvement, []),
        (finsam.YesNo, []),
        (finsam.Budget, []),
        (finsam.BudgetLine, []),
        (finsam.Board, []),
        (finsam.BoardSeat, []),
        (finsam.Participants, []),
        (finsam.InterimReport, ["type", "format"]),
        (finsam.AnnualReport, ["type", "format"]),
        (finsam.Plan, ["type", "format"]),
    ],
)
def test_each_class_has_a_definition_that_follows_its_fields(cls: type, extra: list[str]) -> None:
    definition = (
        DEFS[cls.__name__] if cls is not finsam.Forbund else FORBUND_SCHEMA["$defs"]["Forbund"]
    )
    fields = [
        f for f in attrs.fields(cls) if f.name != "printed" and f.metadata.get("io") is not False
    ]
    assert list(definition["properties"]) == extra + [f.name for f in fields]
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    assert definition.get("required", []) == [k for k in extra if k == "type"] + required
    assert definition["additionalProperties"] is False
    assert definition["description"] == (cls.__doc__ or "").strip().splitlines()[0]


def test_field_descriptions_come_from_the_attributes_sections() -> None:
    women = DEFS["Participants"]["properties"]["women"]
    assert women["description"] == "Number of women, if stated."
    # a count the loader can keep as printed text: a whole number (or null), or any text
    assert {"minimum": 0, "type": "integer"} in women["anyOf"][0]["anyOf"]
    assert women["anyOf"][1] == {"type": "string"}
    # "local_women, local_men: ..." describes both fields
    national = DEFS["NationalComparison"]["properties"]
    assert national["local_men"]["description"] == national["local_women"]["description"]
    # continuation lines are joined
    assert DEFS["Line"]["properties"]["same_as"]["description"].endswith("must agree.")


def test_enums_list_their_values_and_vocabularies_accept_any_text() -> None:
    assert DEFS["LineRole"]["enum"] == [role.value for role in finsam.LineRole]
    assert DEFS["Status"]["anyOf"] == [
        {"enum": [status.value for status in finsam.Status]},
        {"type": "string"},
    ]
    assert "'orientation' vocabulary" in DEFS["Orientation"]["description"]


def test_a_model_type_the_schema_does_not_know_is_an_error() -> None:
    with pytest.raises(TypeError, match="does not know how files write"):
        finsam_schema._Builder().type_schema(complex)

    class Lenient(enum.Enum):
        A = "a"

        @classmethod
        def _missing_(cls, value: object) -> Lenient:
            return cls.A

    with pytest.raises(TypeError, match="Lenient accepts more than its values"):
        finsam_schema._Builder().type_schema(Lenient)


# -- the bundled data files validate ---------------------------------------------------------


@pytest.mark.parametrize("path", REPORT_FILES, ids=lambda p: p.stem)
def test_every_bundled_report_validates(path: Path) -> None:
    text = toml_as_json(path)
    assert errors(REPORT_VALIDATOR, json.loads(text)) == []
    # the JSON form loads to the same report as the TOML file
    assert structure_report(json.loads(text, parse_float=Decimal)) == finsam.load_report(path.stem)


@pytest.mark.parametrize("path", FORBUND_FILES, ids=lambda p: p.stem)
def test_every_bundled_forbund_validates(path: Path) -> None:
    text = toml_as_json(path)
    assert errors(FORBUND_VALIDATOR, json.loads(text)) == []
    loaded = structure(json.loads(text, parse_float=Decimal), finsam.Forbund)
    assert loaded == finsam.load_forbund(path.stem)


def test_the_bundled_files_use_printed_words_the_schema_accepts() -> None:
    # The vocabularies are there for real reports: the bundled files write the words printed.
    text = "".join(path.read_text(encoding="utf-8") for path in REPORT_FILES)
    assert 'orientation = "Individ"' in text
    assert 'registration = "Endast volym (ej med personuppgifter)"' in text


@given(interim_reports())
def test_dumped_reports_validate(report: finsam.InterimReport) -> None:
    text = json.dumps(report_data(report), ensure_ascii=False)
    assert errors(REPORT_VALIDATOR, json.loads(text)) == []


# -- the schema rejects what the loader rejects, at the same place ----------------------------


def _report() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(toml_as_json(DATA / "reports" / "gavleborg-2019-h1.toml"))
    return data


def _set(data: Any, path: str, value: object) -> None:
    steps = [int(s) if s.isdigit() else s for s in re.findall(r"[^.\[\]]+", path)]
    for step in steps[:-1]:
        data = data[step]
    data[steps[-1]] = value


REPORT_MISTAKES = [
    # (what is set, to what, where the schema and the loader report it, the schema's message)
    ("colour", "blå", "$", "'colour' was unexpected"),
    ("insatser[0].deltagare", 3, "$.insatser[0]", "'deltagare' was unexpected"),
    ("type", "kvartalsrapport", "$.type", "is not one of"),
    ("statements[0].lines[0].role", "intäkter", "$.statements[0].lines[0].role", "is not one of"),
    ("insatser[1].participants.women", 1.5, "$.insatser[1].participants.women", "not valid"),
    ("insatser[1].participants.men", -2, "$.insatser[1].participants.men", "minimum"),
    ("goals[3].indicators[0].kind", "ratio", "$.goals[3].indicators[0].kind", "is not one of"),
    ("statements[0].lines[0].values[0]", True, "$.statements[0].lines[0].values[0]", ""),
]


@pytest.mark.parametrize(("where", "value", "place", "message"), REPORT_MISTAKES)
def test_a_mistake_in_a_report_is_rejected_with_its_place(
    where: str, value: object, place: str, message: str
) -> None:
    data = _report()
    _set(data, where, value)
    found = errors(REPORT_VALIDATOR, data)
    assert found, f"the schema accepts {where} = {value!r}"
    error = best_match(found)
    assert (error.json_path, message in error.message) == (place, True), error.message
    # ... and the loader rejects the same data at the same place (or names the key under it)
    with pytest.raises(DataError) as raised:
        structure_report(json.loads(json.dumps(data), parse_float=Decimal))
    [problem] = raised.value.problems
    expected = place.removeprefix("$").lstrip(".")
    assert problem.path.startswith(expected) or expected.startswith(problem.path), problem


PRINTED_TEXTS = [
    # (where a report prints a text the loader cannot read as its type, the text)
    ("insatser[0].orientation", "individuell"),
    ("insatser[1].budgets[0].budget", "536.013 kr"),
    ("forecast.opening_equity", "1 957 303 USD"),
    ("decided", "2019-02-30"),
    ("board.seats[0].role", "ordförande"),
    ("statements[0].lines[0].values[0]", "6 659,7,48"),
]


@pytest.mark.parametrize(("where", "text"), PRINTED_TEXTS)
def test_a_text_the_loader_cannot_read_is_accepted_and_kept_as_printed(
    where: str, text: str
) -> None:
    data = _report()
    _set(data, where, text)
    assert errors(REPORT_VALIDATOR, data) == []
    report = structure_report(json.loads(json.dumps(data), parse_float=Decimal))
    owner_path, _, field = where.rpartition(".")
    if field.startswith("values["):
        owner_path, field = where.rsplit(".values", 1)[0], "values" + where.rsplit(".values", 1)[1]
    owner: Any = report
    for step in re.findall(r"[^.\[\]]+", owner_path):
        owner = owner[int(step)] if step.isdigit() else getattr(owner, step)
    assert owner.printed[field] == text
    assert finsam.io.dump_json(report).count(json.dumps(text, ensure_ascii=False)) >= 1


def test_a_mistake_in_a_forbund_is_rejected_with_its_place() -> None:
    data = json.loads(toml_as_json(DATA / "forbund" / "gavleborg.toml"))
    data["funding"][0]["total"] = "13 319 000 dollar"
    data["members"][2]["kind"] = "landsting"
    data["members"][3]["population"] = {"count": 61000.5, "as_of": "2015-06-30"}
    data["charters"][0]["kommun_percentages"]["Gävle kommun"] = "36,6 procent"
    data["motto"] = "samverkan"
    places = sorted({best_match([error]).json_path for error in errors(FORBUND_VALIDATOR, data)})
    assert places == [
        "$",
        "$.charters[0].kommun_percentages['Gävle kommun']",
        "$.funding[0].total",
        "$.members[2].kind",
        "$.members[3].population.count",
    ]
    # the loader finds the same mistakes, at the same places or at the key under them
    with pytest.raises(DataError) as raised:
        structure(json.loads(json.dumps(data), parse_float=Decimal), finsam.Forbund)
    loader = sorted(problem.path for problem in raised.value.problems)
    ours = [place.removeprefix("$").lstrip(".") for place in places]
    assert len(loader) == len(ours)
    assert all(any(at.startswith(place) for place in ours) for at in loader), loader
    # a misprinted organisationsnummer or date is kept as printed
    data = json.loads(toml_as_json(DATA / "forbund" / "gavleborg.toml"))
    data["org_number"], data["founded"] = "222000-313", "15/12/2014"
    forbund = structure(json.loads(json.dumps(data), parse_float=Decimal), finsam.Forbund)
    assert (forbund.org_number, forbund.founded) == (None, None)
    assert dict(forbund.printed) == {"org_number": "222000-313", "founded": "15/12/2014"}


def test_blank_cells_and_nulls_are_accepted_where_the_loader_accepts_them() -> None:
    data = _report()
    _set(data, "statements[0].lines[0].values[1]", "")
    _set(data, "statements[0].lines[1].values[1]", None)
    _set(data, "decided", None)
    assert errors(REPORT_VALIDATOR, data) == []
    structure_report(json.loads(json.dumps(data), parse_float=Decimal))
    _set(data, "title", None)  # not optional
    assert [best_match([e]).json_path for e in errors(REPORT_VALIDATOR, data)] == ["$.title"]


def test_a_forbund_is_a_bundled_name_or_written_in_full() -> None:
    data = _report()
    data["forbund"] = json.loads(toml_as_json(DATA / "forbund" / "gavleborg.toml"))
    assert errors(REPORT_VALIDATOR, data) == []
    data["forbund"] = "../forbund/gavleborg.toml"
    assert errors(REPORT_VALIDATOR, data) == []
    data["forbund"] = "uppsala"
    assert [e.json_path for e in errors(REPORT_VALIDATOR, data)] == ["$.forbund"]


# -- the patterns agree with finsam's own parsing ---------------------------------------------

# Python's re folds a few characters outside ASCII into ASCII letters under IGNORECASE
# (the Kelvin sign into k, the long s into s); the schema's case classes do not.
_EXOTIC_CASE = re.compile("[\u212a\u212b\u017f]")


def _pattern(definition: dict[str, Any], branch: int = 0) -> str:
    pattern: str = definition["anyOf"][branch]["pattern"]
    return pattern


@given(st.data())
def test_the_amount_pattern_is_the_loaders(data: st.DataObject) -> None:
    portable = _pattern(DEFS["Amount"])
    text = data.draw(st.from_regex(portable, fullmatch=True))
    assert _AMOUNT_RE.search(text)
    text = data.draw(
        st.from_regex(_AMOUNT_RE, fullmatch=True).filter(lambda t: not _EXOTIC_CASE.search(t))
    )
    assert re.search(portable, text)


@given(st.data())
def test_the_number_and_period_patterns_are_the_loaders(data: st.DataObject) -> None:
    for portable, original in [
        (_pattern(DEFS["Decimal"], 1), NUMBER_RE),
        (_pattern(DEFS["Period"], 1), _RANGE_RE),
    ]:
        assert original.search(data.draw(st.from_regex(portable, fullmatch=True)))
        assert re.search(portable, data.draw(st.from_regex(original, fullmatch=True)))


@pytest.mark.parametrize(
    ("name", "accepted", "rejected"),
    [
        ("Date", ["2019-06-30"], ["2019-6-30", "30/06/2019", "2019-06-30T00:00"]),
        ("Period", ["2019", "2019-01-01 – 2019-06-30", "16-01-01 - 16-08-31"], ["H1 2019"]),
        ("OrgNumber", ["222000-3137", "222 000 – 2071"], ["222000-313", "22200O-3137"]),
        ("AgeBand", ["16–64 år", {"min_age": 16}], ["sexton"]),
        ("Fraction", ["1/4", 3, " -2/3 "], ["1,5", "1 / 4", 0.25]),
        ("Decimal", ["43 %", "-2,5", "13 319 000", 36.6, 20], ["12 34", "ten"]),
        ("Amount", ["16,7 mkr", "1 243 tkr", "-825 808", 12, 12.5], ["12.5", "kr"]),
    ],
)
def test_value_types_accept_what_the_loader_reads(
    name: str, accepted: list[object], rejected: list[object]
) -> None:
    builder = finsam_schema._Builder()
    types = {"Date": dt.date, "Period": finsam.Period, "OrgNumber": finsam.OrgNumber}
    types |= {"AgeBand": finsam.AgeBand}
    types |= {"Fraction": Fraction, "Decimal": Decimal, "Amount": finsam.Amount}
    root = {"$defs": builder.defs, **builder.type_schema(types[name])}
    validator = Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for value in accepted:
        assert validator.is_valid(value), value
        value = Decimal(str(value)) if isinstance(value, float) else value
        structure(value, types[name])
    for value in rejected:
        assert not validator.is_valid(value), value


# -- printing the schema ---------------------------------------------------------------------


def test_main_prints_the_schema(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["forbund"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == schema_json("forbund")


def test_python_m_finsam_schema_prints_the_report_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "finsam", "schema"], capture_output=True, check=True
    )
    assert result.stdout.decode("utf-8") == schema_json("report")


def test_an_unknown_schema_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="choose one of report, forbund"):
        schema_json("plan")
