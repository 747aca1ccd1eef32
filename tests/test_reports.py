"""Reports as data: derived figures, seed figures, file round trips and error paths."""

import json
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings

from finsam import (
    Amount,
    DataError,
    InterimReport,
    LineRole,
    StatementKind,
    load_report,
)
from finsam.io import dump_report, report_data, structure_report
from finsam.io import load_report as load_report_file
from finsam.strategies import interim_reports


@settings(max_examples=25)
@given(interim_reports())
def test_json_round_trip(report: InterimReport) -> None:
    data = json.loads(json.dumps(report_data(report), ensure_ascii=False), parse_float=Decimal)
    assert structure_report(data) == report


@settings(max_examples=25)
@given(interim_reports())
def test_toml_round_trip_through_a_file(report: InterimReport) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.toml"
        dump_report(report, path)
        assert load_report_file(path) == report
        assert not list(Path(folder).glob("*.partial"))


@given(interim_reports())
def test_key_figures_follow_from_the_statements(report: InterimReport) -> None:
    figures = report.key_figures
    income = report.statement(StatementKind.INCOME_STATEMENT)
    assert income is not None
    assert figures.result == income.amount("Periodens resultat", "utfall")
    assert figures.participants == sum(i.participant_total or 0 for i in report.insatser)


def test_gavleborg_2019_h1_seed_figures() -> None:
    report = load_report("gavleborg-2019-h1")
    assert isinstance(report, InterimReport)
    assert report.key_figures.result == Amount.parse("3 344 423 kr")
    assert report.key_figures.equity == Amount.parse("5 301 726 kr")
    # The forecast equity ratio: 5 776 803 kr of budgeted revenue 13 319 500 kr.
    assert report.forecast is not None
    assert report.forecast.closing_equity is not None
    bilaga = report.find_statement(report.forecast.statement)
    budgeted = bilaga.amount("SUMMA INTÄKTER", "budget")
    assert budgeted == Amount.parse("13 319 500 kr")
    ratio = Fraction(report.forecast.closing_equity.ore, budgeted.ore)
    assert round(ratio * 100) == report.forecast.equity_share_percent == 43


def test_gavleborg_plan_2020_planned_deficit() -> None:
    plan = load_report("gavleborg-plan-2020-2022")
    assert plan.budget is not None
    assert plan.budget.result(2020) == Amount.parse("-5 486 tkr")
    assert plan.budget.financed_from_equity(2020) == Amount.parse("5 486 tkr")
    assert plan.budget.result(2021) == Amount(0)


def test_mphla_balance_in_credit_negative_ledger_form() -> None:
    report = load_report("mphla-2016-jan-aug")
    balance = report.statement(StatementKind.BALANCE_SHEET)
    assert balance is not None
    assert balance.sum_of(LineRole.ASSET, "utg") == Amount.parse("8 672 064 kr")
    assert balance.sum_of(LineRole.EQUITY, "utg") == Amount.parse("2 846 237 kr")
    assert balance.amount("S:a Eget kapital", "utg") == Amount.parse("-2 846 237 kr")


BROKEN = """
type = "delårsrapport"
forbund = "gavleborg"
title = "Trasig"
period = "2019-01-01 – 2019-06-31"
decided = "2019-08-23"

[[statements]]
kind = "resultaträkning"
title = "RR"
columns = [{ key = "utfall", label = "U", kind = "utfal" }]
lines = [{ label = "Intäkter", role = "intäkt", values = ["6 659,7,48"] }]

[[insatser]]
name = "X"
orientation = "individ"
budgets = [{ year = 2019, budget = "tusen kronor" }]
"""


def test_a_broken_report_file_names_every_place(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_report_file(path)
    text = "\n".join(info.value.errors)
    # What cannot be a report is refused, each at its place ...
    assert "period: '2019-06-31' is not a date: no such day" in text  # the report's own period
    assert "statements[0].columns[0].kind: 'utfal' is not one of" in text
    assert len(info.value.errors) == 2
    # ... while what the document prints loads as printed, for the checks to report.
    fixed = BROKEN.replace("2019-06-31", "2019-06-30").replace('"utfal"', '"utfall"')
    path.write_text(fixed, encoding="utf-8")
    report = load_report_file(path)
    assert report.statements[0].lines[0].printed["values[0]"] == "6 659,7,48"
    assert report.insatser[0].budgets[0].printed["budget"] == "tusen kronor"


def test_unknown_report_type_is_an_error() -> None:
    with pytest.raises(DataError, match="type: the text 'årsrapport' is not one of"):
        structure_report(tomllib.loads('type = "årsrapport"'))


def test_records_and_html_for_notebooks() -> None:
    report = load_report("gavleborg-2019-h1")
    rr = report.statement(StatementKind.INCOME_STATEMENT)
    assert rr is not None
    records = rr.records()
    assert records[0] == {
        "table": "3.1 Resultaträkning",
        "label": "Verksamhetens intäkter",
        "role": "intäkt",
        "is_total": False,
        "note": 1,
        "unit": "kr",
        "utfall": Decimal("6659748"),
        "fg": Decimal("3337234"),
    }
    assert next(r["label"] for r in records if r["is_total"]) == "Verksamhetens nettokostnad"
    html = rr._repr_html_()
    assert "<table>" in html
    assert "6\u00a0659\u00a0748" in html
    assert "Samordningsförbund Gävleborg" in report._repr_html_()


@pytest.mark.parametrize("kind", ["InterimReport", "AnnualReport", "Plan"])
def test_each_kind_of_document_is_a_frozen_attrs_class_of_its_own(kind: str) -> None:
    """The three kinds share one set of attrs-made methods; they must still behave as three
    attrs classes: the same fields, frozen, no ``__dict__``, equal only to their own kind."""
    import attrs

    import finsam

    cls = getattr(finsam, kind)
    plan = load_report("gavleborg-plan-2020-2022")
    document = cls(**{f.name: getattr(plan, f.name) for f in attrs.fields(type(plan))})
    assert attrs.has(cls)
    assert [f.name for f in attrs.fields(cls)] == [f.name for f in attrs.fields(finsam.Plan)]
    assert document == attrs.evolve(document)
    assert type(attrs.evolve(document)) is cls
    others = [getattr(finsam, k) for k in ("InterimReport", "AnnualReport", "Plan") if k != kind]
    for other in others:
        twin = other(**{f.name: getattr(plan, f.name) for f in attrs.fields(other)})
        assert document != twin
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        document.title = "x"
    with pytest.raises((AttributeError, attrs.exceptions.FrozenInstanceError)):
        document.extra = 1
    assert not hasattr(document, "__dict__")
    assert repr(document).startswith(f"{kind}(")
    with pytest.raises(TypeError, match=rf"^{kind}\.__init__\(\) missing 2 required"):
        cls(title="x")
