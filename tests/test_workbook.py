"""Excel workbooks: reports written and read back unchanged, templates, errors by cell."""

from __future__ import annotations

import datetime as dt
import time
import typing
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import finsam
from finsam import DataError, Line, Printed
from finsam.io import report_data
from finsam.io import workbook as wb
from finsam.io.workbook import read_workbook, write_template, write_workbook
from finsam.limits import MAX_FILE_BYTES
from finsam.strategies import goals, insatser, interim_reports

openpyxl = pytest.importorskip("openpyxl")

DATA = Path(finsam.__file__).parent / "data"


def findings(report: Any) -> list[tuple[str, str, str]]:
    return [(f.code, f.path, f.message) for f in finsam.check(report)]


def round_trip(report: Any, folder: Path, name: str = "report.xlsx") -> Any:
    return read_workbook(write_workbook(report, folder / name))


def places(error: DataError) -> list[str]:
    return [problem.path for problem in error.problems]


def edit(path: Path, change: Any) -> Path:
    """Open a workbook, let `change` edit it, save it."""
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


# -- round trips ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", finsam.report_names())
def test_bundled_reports_round_trip(name: str, tmp_path: Path) -> None:
    report = finsam.load_report(name)
    back = round_trip(report, tmp_path)
    assert back == report
    assert report_data(back) == report_data(report)
    assert findings(back) == findings(report)


@pytest.mark.parametrize("name", finsam.report_names())
def test_bundled_reports_need_no_fallback_sheet(name: str, tmp_path: Path) -> None:
    """Every value of the bundled reports has a cell of its own, not a row of *Övrigt*."""
    path = write_workbook(finsam.load_report(name), tmp_path / "r.xlsx")
    rows = list(openpyxl.load_workbook(path)[wb.EXTRAS].iter_rows(values_only=True))
    assert rows == [("Plats", "Värde (JSON)")]


def test_report_names_a_bundled_forbund_and_keeps_the_name(tmp_path: Path) -> None:
    report = finsam.load_report("gavleborg-2019-h1")
    back = round_trip(report, tmp_path)
    assert report_data(back)["forbund"] == "gavleborg"
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")[wb.MEMBERS]
    assert sheet.max_row == len(report.forbund.members) + 1  # shown for the user's sake


def _layout_keys(cols: Any, prefix: str = "") -> set[str]:
    return {
        col.key[len(prefix) :].split(".")[0]
        for col in cols
        if col.key.startswith(prefix) and not col.key.startswith("@")
    }


def test_every_field_of_the_model_has_a_place() -> None:
    """A field added to the model needs a column here (else it lands on *Övrigt*)."""
    shape = wb.layout()
    insats = shape[wb.INSATSER]
    indicator = shape[wb.INDICATORS]
    places_of: dict[type[Any], set[str]] = {
        finsam.InterimReport: _layout_keys(shape["report"])
        | {"forbund", "statements", "budget", "insatser", "goals", "board", "figures", "forecast"},
        finsam.Statement: _layout_keys(shape["statement"]) | {"columns", "lines"},
        finsam.Column: _layout_keys(shape["column"]) | {"label"},
        finsam.Line: _layout_keys(shape["line"]) | {"values"},
        finsam.Budget: _layout_keys(shape["budget"])
        | set(wb._BUDGET_ROWS) - {"amounts"}
        | {"years", "lines"},
        finsam.BudgetLine: _layout_keys(shape["budget_line"]) | {"amounts", "granted", "available"},
        finsam.Forecast: _layout_keys(shape["forecast"]),
        finsam.Insats: _layout_keys(insats.cols) | {"budgets", "also_stated"},
        finsam.InsatsStatement: _layout_keys(shape[wb.ALSO].cols) | {"budgets"},
        finsam.Participants: _layout_keys(insats.cols, "participants."),
        finsam.Outcomes: _layout_keys(insats.cols, "outcomes.") | {"more"},
        finsam.AgeBand: _layout_keys(insats.cols, "age_band."),
        finsam.YearBudget: _layout_keys(shape[wb.INSATS_BUDGETS].cols) | {"parts"},
        finsam.BudgetPart: _layout_keys(shape[wb.PARTS].cols),
        finsam.OutcomeShare: _layout_keys(shape[wb.MORE].cols),
        finsam.Goal: _layout_keys(shape[wb.GOALS].cols) | {"indicators"},
        finsam.SurveyQuestion: _layout_keys(shape[wb.QUESTIONS].cols),
        finsam.StatedFigure: _layout_keys(shape[wb.FIGURES].cols),
        finsam.Board: _layout_keys(shape["board"]) | {"seats"},
        finsam.BoardSeat: _layout_keys(shape[wb.SEATS].cols),
        finsam.Forbund: _layout_keys(shape["forbund"]) | {"members", "charters", "funding"},
        finsam.Member: _layout_keys(shape[wb.MEMBERS].cols) | {"populations"},
        finsam.Population: _layout_keys(shape[wb.MEMBERS].cols, "population."),
        finsam.Charter: _layout_keys(shape[wb.CHARTERS].cols)
        | {"kommun_percentages", "region_percentages"},
        finsam.AnnualFunding: _layout_keys(shape[wb.FUNDING].cols),
    }
    for kind in typing.get_args(finsam.Indicator):
        places_of[kind] = _layout_keys(indicator.cols) | {"questions"}
    for cls, known in places_of.items():
        fields = {
            f.name
            for f in attrs.fields(cls)
            if f.init and f.name != "printed" and f.metadata.get("io") is not False
        }
        assert fields <= known, f"{cls.__name__}: no column for {sorted(fields - known)}"


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(report=interim_reports())
def test_generated_reports_round_trip(report: Any, tmp_path_factory: Any) -> None:
    back = round_trip(report, tmp_path_factory.mktemp("generated"))
    assert back == report
    assert report_data(back) == report_data(report)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    report=interim_reports(),
    more_insatser=st.lists(insatser(), max_size=3),
    more_goals=st.lists(goals(max_indicators=3), max_size=2),
)
def test_generated_insatser_and_goals_round_trip(
    report: Any, more_insatser: list[Any], more_goals: list[Any], tmp_path_factory: Any
) -> None:
    """Any text (white space at the ends, empty targets), any mix of stated details."""
    report = attrs.evolve(
        report,
        insatser=(*report.insatser, *more_insatser),
        goals=(*report.goals, *more_goals),
    )
    back = round_trip(report, tmp_path_factory.mktemp("generated"))
    assert back == report
    assert report_data(back) == report_data(report)


# -- printed texts and awkward values --------------------------------------------------------------


def test_printed_texts_survive(tmp_path: Path) -> None:
    report = finsam.load_report("gavleborg-2019-h1")
    income = report.statements[0]
    line = income.lines[2]
    inga = attrs.evolve(line, values=(None, None), printed=Printed.of({
        "values[0]": "Inga", "values[1]": "1 243 tkr"}))  # fmt: skip
    lines = (*income.lines[:2], inga, *income.lines[3:])
    report = attrs.evolve(
        report,
        statements=(attrs.evolve(income, lines=lines), *report.statements[1:]),
        decided=None,
        printed=Printed.of({"decided": "2019-06-31"}),
    )
    back = round_trip(report, tmp_path)
    assert back == report
    assert back.statements[0].lines[2].printed["values[0]"] == "Inga"
    assert back.printed["decided"] == "2019-06-31"
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")["Rapport"]
    assert sheet["B5"].value == "2019-06-31"
    assert sheet["B5"].data_type == "s"


def test_printed_texts_from_a_data_file_survive(tmp_path: Path) -> None:
    text = (DATA / "reports" / "gavleborg-2019-h1.toml").read_text(encoding="utf-8")
    text = text.replace(
        '{ label = "Avskrivningar", role = "kostnad", values = [0, 0] }',
        '{ label = "Avskrivningar", role = "kostnad", values = ["Inga", "Inga"] }',
    )
    assert '"Inga", "Inga"' in text
    source = tmp_path / "h1.toml"
    source.write_text(text, encoding="utf-8")
    report = finsam.load_report(source)
    back = round_trip(report, tmp_path)
    assert back == report
    assert findings(back) == findings(report)
    line = back.find_statement("3.1 Resultaträkning").line("Avskrivningar")
    assert line.values == (None, None)
    assert dict(line.printed) == {"values[0]": "Inga", "values[1]": "Inga"}


@pytest.mark.parametrize(
    "title",
    [
        "=SUM(A1:A3)",
        "#N/A",
        "2019-06-30",
        "  spaces around  ",
        "tab\there",
        "line\nbreak\r\nwindows",
        "control\x01char\x1f",
        "literal _x0041_ escape",
        "6659748",
        "-",
    ],
)
def test_texts_are_kept_exactly(title: str, tmp_path: Path) -> None:
    report = attrs.evolve(finsam.load_report("mphla-2016-jan-aug"), title=title)
    table = report.statements[0]
    odd = Line(title, "upplysning", [None] * len(table.columns))
    statement = attrs.evolve(table, lines=(*table.lines, odd))
    report = attrs.evolve(report, statements=(statement, *report.statements[1:]))
    back = round_trip(report, tmp_path)
    assert back == report
    assert back.title == title
    assert back.statements[0].lines[-1].label == title


def test_lists_with_awkward_items_are_kept(tmp_path: Path) -> None:
    report = finsam.load_report("gavleborg-2019-h1")
    odd = [("",), ("a", "", "b"), (" padded ",), ("two\nlines", "x"), ("[not json",), ('["x"]',)]
    insatser_ = tuple(
        attrs.evolve(insats, targets=targets)
        for insats, targets in zip(report.insatser, odd, strict=False)
    )
    report = attrs.evolve(report, insatser=(*insatser_, *report.insatser[len(odd) :]))
    assert round_trip(report, tmp_path) == report


def test_decimals_are_exact(tmp_path: Path) -> None:
    report = finsam.load_report("gavleborg-2019-h1")
    values = ["0.1", "13.0", "9.20", "-0.05", "12345678901.23456", "123456789012345", "0.000001"]
    columns = (finsam.Column("x", "X", "utfall"),)
    lines = tuple(finsam.Line(f"L{i}", "intäkt", [Decimal(v)]) for i, v in enumerate(values))
    table = finsam.Statement("tabell", "Decimaler", columns, lines)
    report = attrs.evolve(report, statements=(*report.statements, table))
    back = round_trip(report, tmp_path)
    got = [str(line.values[0]) for line in back.find_statement("Decimaler").lines]
    assert got == values


def test_text_longer_than_a_cell_is_refused(tmp_path: Path) -> None:
    report = finsam.load_report("gavleborg-2019-h1")
    insats = attrs.evolve(report.insatser[0], result="x" * (wb.MAX_CELL_TEXT + 1))
    report = attrs.evolve(report, insatser=(insats, *report.insatser[1:]))
    with pytest.raises(DataError) as caught:
        write_workbook(report, tmp_path / "long.xlsx")
    assert places(caught.value) == ["insatser[0].result"]
    assert not (tmp_path / "long.xlsx").exists()


def test_only_xlsx_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        write_workbook(finsam.load_report("gavleborg-2019-h1"), tmp_path / "r.xls")


# -- templates ------------------------------------------------------------------------------------


def fill_minimum(book: Any) -> None:
    sheet = book["Rapport"]
    sheet["B2"] = "Delårsrapport"
    sheet["B3"] = "Delårsrapport januari–juni 2024"
    sheet["B4"] = "2024-01-01 – 2024-06-30"


def test_template_has_the_forbund_and_loads_back(tmp_path: Path) -> None:
    forbund = finsam.load_forbund("gavleborg")
    path = write_template(forbund, tmp_path / "mall.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Instruktioner"
    assert book["Förbund"]["B1"].value == "gavleborg"
    assert book["Förbund"]["B2"].value == forbund.name
    assert book["Medlemmar"].max_row == len(forbund.members) + 1
    with pytest.raises(DataError) as caught:
        read_workbook(path)
    assert "Rapport!B2" in places(caught.value)  # the type is missing
    edit(path, fill_minimum)
    report = read_workbook(path)
    assert isinstance(report, finsam.InterimReport)
    assert report.forbund == forbund
    assert report_data(report)["forbund"] == "gavleborg"
    assert report.title == "Delårsrapport januari–juni 2024"
    assert (report.statements, report.insatser, report.goals) == ((), (), ())
    assert (report.board, report.budget, report.forecast) == (None, None, None)


def test_template_is_empty_apart_from_the_forbund(tmp_path: Path) -> None:
    path = write_template(finsam.load_forbund("mphla"), tmp_path / "mall.xlsx")
    book = openpyxl.load_workbook(path)
    forbund_sheets = {
        "Förbund",
        "Medlemmar",
        "Invånartal",
        "Förbundsordning",
        "Andelar",
        "Finansiering",
    }
    for sheet in book.worksheets:
        if sheet.title in forbund_sheets or sheet.title == "Instruktioner":
            continue
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or cell.font.b:
                    continue
                # only the file format and the hints beside the report's fields
                hint = sheet.title == "Rapport" and (cell.coordinate == "B1" or cell.column == 3)
                assert hint, (sheet.title, cell.coordinate, cell.value)


def test_template_of_a_forbund_without_a_name_in_finsam(tmp_path: Path) -> None:
    forbund = attrs.evolve(finsam.load_forbund("mphla"), referred_to=None)
    path = write_template(forbund, tmp_path / "mall.xlsx")
    edit(path, fill_minimum)
    report = read_workbook(path)
    assert report.forbund == forbund
    assert isinstance(report_data(report)["forbund"], dict)


def test_forbund_in_a_file_next_to_the_workbook(tmp_path: Path) -> None:
    (tmp_path / "forbund.toml").write_text(
        (DATA / "forbund" / "gavleborg.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    text = (DATA / "reports" / "gavleborg-2019-h1.toml").read_text(encoding="utf-8")
    text = text.replace('forbund = "gavleborg"', 'forbund = "forbund.toml"')
    (tmp_path / "h1.toml").write_text(text, encoding="utf-8")
    report = finsam.load_report(tmp_path / "h1.toml")
    back = round_trip(report, tmp_path)
    assert back == report
    assert report_data(back)["forbund"] == "forbund.toml"


def test_unknown_forbund_name_names_the_cell(written: Path) -> None:
    def wrong(book: Any) -> None:
        book["Förbund"]["B1"] = "gavleborgx"

    with pytest.raises(DataError) as caught:
        read_workbook(edit(written, wrong))
    assert places(caught.value) == ["Förbund!B1"]


def test_members_with_populations_and_dates(tmp_path: Path) -> None:
    forbund = finsam.load_forbund("mphla")
    first = next(m for m in forbund.members if m.kind is finsam.MemberKind.KOMMUN)
    counts = tuple(finsam.Population(60_000 + y, dt.date(y, 11, 1)) for y in (2014, 2015))
    dated = attrs.evolve(first, populations=counts, joined=dt.date(2010, 1, 1))  # type: ignore[arg-type]
    members = tuple(dated if m is first else m for m in forbund.members)
    forbund = attrs.evolve(forbund, members=members, referred_to=None)
    path = write_template(forbund, tmp_path / "mall.xlsx")
    assert openpyxl.load_workbook(path)["Invånartal"]["A2"].value == first.name
    report = read_workbook(edit(path, fill_minimum))
    assert report.forbund == forbund


def test_edited_forbund_tables_win_over_the_name(tmp_path: Path) -> None:
    path = write_workbook(finsam.load_report("gavleborg-2019-h1"), tmp_path / "r.xlsx")

    def rename(book: Any) -> None:
        book["Medlemmar"]["A5"] = "Bollnäs kommun (ny)"

    report = read_workbook(edit(path, rename))
    assert report.forbund.members[3].name == "Bollnäs kommun (ny)"
    assert isinstance(report_data(report)["forbund"], dict)


# -- reading what people type ---------------------------------------------------------------------


def test_hand_typed_cells_are_read_leniently(tmp_path: Path) -> None:
    report = finsam.load_report("gavleborg-2019-h1")
    path = write_workbook(report, tmp_path / "r.xlsx")

    def type_by_hand(book: Any) -> None:
        book["Rapport"]["B5"] = dt.datetime(2019, 8, 23)  # a date Excel made of the text
        book["Rapport"]["B7"] = " 16 "
        budgets = book["Insatsbudget"]
        budgets.insert_rows(3, 2)  # empty rows in between
        budgets["C2"] = "2019 "
        budgets["D2"] = 1.0  # a number for an amount
        seats = book["Ledamöter"]
        seats["D2"] = "JA"
        seats["E3"] = "  ja"
        insatser_ = book["Insatser"]
        insatser_["C2"] = f"  {insatser_['C2'].value} "
        shares = book["Andelar"]
        shares["D2"] = 9.2

    back = read_workbook(edit(path, type_by_hand))
    assert back == report


def test_percent_formatted_cells_are_read_as_shown(tmp_path: Path) -> None:
    report = finsam.load_report("gavleborg-2019-h1")
    path = write_workbook(report, tmp_path / "r.xlsx")
    heading = "Arbete %"

    def as_percent(book: Any) -> None:
        sheet = book["Insatser"]
        column = next(c.column_letter for c in sheet[1] if c.value == heading)
        sheet[f"{column}2"] = 0.43
        sheet[f"{column}2"].number_format = "0%"
        book["Andelar"]["D2"] = 0.092
        book["Andelar"]["D2"].number_format = "0.0%"

    back = read_workbook(edit(path, as_percent))
    assert back.insatser[0].outcomes is not None
    assert back.insatser[0].outcomes.work == Decimal(43)
    assert back.forbund.charters[0].kommun_percentages[0][1] == Decimal("9.2")


def test_a_child_row_may_name_its_insats(tmp_path: Path) -> None:
    report = finsam.load_report("gavleborg-2019-h1")
    path = write_workbook(report, tmp_path / "r.xlsx")
    name = report.insatser[1].name

    def by_name(book: Any) -> None:
        book["Insatsbudget"]["A3"] = f" {name}"

    assert read_workbook(edit(path, by_name)) == report


def test_a_new_table_is_a_copied_sheet(tmp_path: Path) -> None:
    report = finsam.load_report("mphla-2016-jan-aug")
    path = write_workbook(report, tmp_path / "r.xlsx")

    def copy_table(book: Any) -> None:
        copy = book.copy_worksheet(book.worksheets[2])
        copy["B1"] = "En ny tabell"

    back = read_workbook(edit(path, copy_table))
    assert len(back.statements) == len(report.statements) + 1
    assert back.statements[-1].title == "En ny tabell"
    assert back.statements[-1].lines == report.statements[0].lines


# -- errors ---------------------------------------------------------------------------------------


@pytest.fixture
def written(tmp_path: Path) -> Path:
    return write_workbook(finsam.load_report("gavleborg-2019-h1"), tmp_path / "r.xlsx")


def test_damaged_file(written: Path) -> None:
    data = written.read_bytes()
    written.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError) as caught:
        read_workbook(written)
    assert caught.value.source == str(written)


def test_damaged_part_inside_the_zip(written: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 3]
            target.writestr(item, data)
    with pytest.raises(DataError) as caught:
        read_workbook(broken)
    assert caught.value.source == str(broken)


@pytest.mark.parametrize(
    "content", [b"type = 'delarsrapport'\n", b"", b"PK\x03\x04 not really a zip"]
)
def test_not_a_workbook(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        read_workbook(path)
    assert caught.value.source == str(path)
    assert "xlsx" in str(caught.value)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hej")
    with pytest.raises(DataError, match="xlsx"):
        read_workbook(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"no such file|finns"):
        read_workbook(tmp_path / "nothing.xlsx")
    with pytest.raises(DataError):
        read_workbook(tmp_path)


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(DataError) as caught:
        read_workbook(path)
    assert caught.value.source == str(path)


def test_unpacking_too_much_is_refused(written: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wb, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(DataError, match="MB"):
        read_workbook(written)


def test_a_sheet_claiming_to_be_huge_is_read_quickly(written: Path, tmp_path: Path) -> None:
    """A stated size of a million rows and every column must not be filled in."""
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet3.xml":
                text = data.decode()
                start = text.index('<dimension ref="') + len('<dimension ref="')
                end = text.index('"', start)
                data = (text[:start] + "A1:XFD1048576" + text[end:]).encode()
            target.writestr(item, data)
    started = time.perf_counter()
    assert read_workbook(hostile) == read_workbook(written)
    assert time.perf_counter() - started < 10


def test_missing_sheet(written: Path) -> None:
    def remove(book: Any) -> None:
        del book["Insatser"]

    with pytest.raises(DataError) as caught:
        read_workbook(edit(written, remove))
    assert places(caught.value) == ["Insatser"]


def test_wrong_year_names_the_cell(written: Path) -> None:
    def wrong(book: Any) -> None:
        book["Insatsbudget"]["C4"] = "abc"

    with pytest.raises(DataError) as caught:
        read_workbook(edit(written, wrong))
    (problem,) = caught.value.problems
    assert problem.path == "Insatsbudget!C4"
    assert "insatser[2].budgets[0].year" in problem.message
    assert caught.value.source == str(written)


def test_wrong_key_year_names_the_cell(written: Path) -> None:
    def wrong(book: Any) -> None:
        book["Budgetdelar"]["C2"] = "abc"

    with pytest.raises(DataError) as caught:
        read_workbook(edit(written, wrong))
    assert places(caught.value) == ["Budgetdelar!C2"]


def test_wrong_word_in_a_table_names_the_cell(written: Path) -> None:
    sheet = openpyxl.load_workbook(written).worksheets[2]
    row = next(c.row for c in sheet["A"] if c.value == "Verksamhetens intäkter")

    def wrong(book: Any) -> None:
        book.worksheets[2][f"B{row}"] = "intäkter och annat"

    with pytest.raises(DataError) as caught:
        read_workbook(edit(written, wrong))
    assert places(caught.value) == [f"{sheet.title}!B{row}"]
    assert "statements[0].lines[0].role" in caught.value.problems[0].message


def test_several_problems_at_once(written: Path) -> None:
    def wrong(book: Any) -> None:
        book["Rapport"]["B5"] = dt.datetime(2019, 8, 23, 14, 30)  # a time is not a date
        book["Insatsbudget"]["A2"] = 99  # no such insats
        book["Insatser"]["AZ1"] = "Egen kolumn"
        book["Insatser"]["AZ2"] = "en anteckning"

    with pytest.raises(DataError) as caught:
        read_workbook(edit(written, wrong))
    assert set(places(caught.value)) == {"Rapport!B5", "Insatsbudget!A2", "Insatser!AZ2"}


def test_unknown_label_in_a_form(written: Path) -> None:
    def wrong(book: Any) -> None:
        book["Rapport"]["A12"] = "Revisor"
        book["Rapport"]["B12"] = "Anna"

    with pytest.raises(DataError) as caught:
        read_workbook(edit(written, wrong))
    assert places(caught.value) == ["Rapport!A12"]


def test_bad_extras_row(written: Path) -> None:
    def wrong(book: Any) -> None:
        book["Övrigt"]["A2"] = "insatser[0].outcomes"
        book["Övrigt"]["B2"] = "{not json"

    with pytest.raises(DataError) as caught:
        read_workbook(edit(written, wrong))
    assert places(caught.value) == ["Övrigt!B2"]


def test_the_source_names_the_file_in_errors(written: Path) -> None:
    def wrong(book: Any) -> None:
        book["Rapport"]["B4"] = "2019-13-01 – 2019-06-30"
        book["Rapport"]["C4"] = None

    with pytest.raises(DataError) as caught:
        read_workbook(edit(written, wrong), source="uppladdad.xlsx")
    assert caught.value.source == "uppladdad.xlsx"
    assert places(caught.value) == ["Rapport!B4"]
    assert str(caught.value).startswith("uppladdad.xlsx: Rapport!B4: ")


def test_load_report_reads_workbooks(written: Path) -> None:
    assert finsam.load_report(written) == finsam.load_report("gavleborg-2019-h1")


# -- how much there is to fill in, and how fast ---------------------------------------------------


def filled_cells(path: Path) -> int:
    """Cells that hold a value a person types: not headings, not the instructions."""
    book = openpyxl.load_workbook(path)
    count = 0
    for sheet in book.worksheets:
        if sheet.title == wb.INSTRUCTIONS:
            continue
        for row in sheet.iter_rows():
            for cell in row:
                hint = sheet.title in ("Rapport", "Förbund") and cell.column == 3
                if cell.value is not None and not cell.font.b and not hint:
                    count += 1
    return count


def toml_lines(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines if line.strip() and not line.strip().startswith("#"))


def test_cells_to_fill_in_and_timings(tmp_path: Path) -> None:
    name = "gavleborg-2019-h1"
    report = finsam.load_report(name)
    started = time.perf_counter()
    path = write_workbook(report, tmp_path / "r.xlsx")
    written_at = time.perf_counter()
    back = read_workbook(path)
    read_at = time.perf_counter()
    finsam.check(back)
    checked_at = time.perf_counter()
    cells, lines = filled_cells(path), toml_lines(DATA / "reports" / f"{name}.toml")
    print(
        f"\n{name}: {cells} cells to fill in, {lines} TOML lines; export "
        f"{written_at - started:.3f} s, import {read_at - written_at:.3f} s, "
        f"check {checked_at - read_at:.3f} s"
    )
    assert 0 < cells < 4 * lines
    assert read_at - started < 10
