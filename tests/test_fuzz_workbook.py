"""Fuzzing workbooks: cells of a real report's workbook changed at random.

The hardening rule holds for workbooks too: reading a workbook someone edited gives a
report or a `finsam.DataError` whose problems each name a sheet and cell, never another
exception; and checking what loads gives findings, never an internal error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam import DataError, check, load_report

openpyxl = pytest.importorskip("openpyxl")

from finsam.io.workbook import read_workbook, write_workbook  # noqa: E402

VALUES = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),  # what a cell holds
    st.sampled_from(["", "Inga", "2019-06-31", "1 243 tkr", "=SUM(A1:A2)", "#N/A", "ja", "x"]),
    st.integers(-(10**20), 10**20),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9
    ),
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2300, 12, 31)),
    st.booleans(),
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book") / "h1.xlsx"
    return write_workbook(load_report("gavleborg-2019-h1"), path)


def _cell_value(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value  # openpyxl stores numbers


@settings(
    max_examples=20,  # each example writes and reads a whole workbook
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_edited_cells_give_a_report_or_a_data_error_that_names_the_cell(
    data: st.DataObject, written: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(written)
    names = [name for name in book.sheetnames if name != "Instruktioner"]
    for _edit in range(data.draw(st.integers(1, 4))):
        sheet = book[data.draw(st.sampled_from(names))]
        row = data.draw(st.integers(1, max(sheet.max_row, 1) + 2))
        column = data.draw(st.integers(1, max(sheet.max_column, 1) + 1))
        sheet.cell(row=row, column=column).value = _cell_value(data.draw(VALUES))
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    try:
        report = read_workbook(edited, source="edited.xlsx", lang="en")
    except DataError as error:
        refused: DataError | None = error
    else:
        refused = None
        assert not [f for f in check(report) if f.code == "FS-INTERNAL"]
    if refused is not None:
        assert refused.source == "edited.xlsx"
        for problem in refused.problems:  # a sheet and cell ("Insatser!C4"), or the file
            assert "!" in problem.path or problem.path == "", problem
