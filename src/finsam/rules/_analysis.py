"""A report's derived figures, computed once per check run and read by every check.

Printed cells become whole öre (integers) once, with their sign made canonical once; the
relations a table states (totals, derived columns), the links between tables (notes,
``same_as``, a table that breaks down a line of another) and which printed figures are
exact by nature are worked out here, so the checks only compare.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any, Final

from finsam.accounts import (
    Column,
    ColumnKind,
    Line,
    LineRole,
    Statement,
    StatementKind,
)
from finsam.forbund import Forbund
from finsam.period import Period
from finsam.rules._core import Cell, Place, Suspect
from finsam.rules._messages import number_text
from finsam.rules._settings import Settings

#: Words printed where a figure could stand that say there is none ("Inga", "–"): not misprints.
NOT_A_FIGURE: Final = r"^\s*(inga?|ingen|-+|–|—|\.+|x|saknas|n/?a)\s*$"  # compiled on first use


def is_not_a_figure(text: str) -> bool:
    """Whether a printed text is one of the words that say there is no figure."""
    return re.match(NOT_A_FIGURE, text, re.IGNORECASE) is not None


__all__ = ["Analysis", "Table"]

#: Printed figures in whole öre. A printed figure with digits below the öre (a kr table that
#: prints 0,005) is rounded to the öre, half to even: no table of money means them.
Number = int


class Table:
    """One printed table with its cells in öre, printed and canonical, computed once.

    Attributes:
        index: The table's place in the document (``statements[index]``).
        statement: The table as printed.
        unit: What one printed unit is worth, in öre.
    """

    def __init__(self, index: int, statement: Statement) -> None:
        self.index = index
        self.statement = statement
        self.unit = statement.unit.amount.ore
        columns = statement.columns
        self.keys = [column.key for column in columns]
        self.column_at = {column.key: position for position, column in enumerate(columns)}
        self.percent = [column.kind.is_percent for column in columns]
        self.lines = statement.lines
        self.line_at: dict[str, int] = {}
        for position, line in enumerate(self.lines):
            self.line_at.setdefault(line.label, position)
        unit = self.unit
        self.ore: list[list[Number | None]] = []
        self.canonical: list[list[Number | None]] = []
        convention = statement.convention
        for line in self.lines:
            factor = convention.canonical_factor(line.role)
            row: list[Number | None] = []
            for value, is_percent in zip(line.values, self.percent, strict=True):
                if value is None or is_percent:
                    row.append(None)
                    continue
                # `_ore`'s common case inline (whole figures): a call per cell costs more
                numerator, denominator = value.as_integer_ratio()
                row.append(numerator * unit if denominator == 1 else _ore(value, unit))
            self.ore.append(row)
            self.canonical.append([None if v is None else v * factor for v in row])
        self._parts = [
            [self.line_at[label] for label in line.total_of if label in self.line_at]
            for line in self.lines
        ]
        # Cells whose printed text could not be read as a figure ("se not", "1 2O0").
        self._unreadable = {
            (position, column)
            for position, line in enumerate(self.lines)
            if line.printed
            for column, value in enumerate(line.values)
            if value is None
            and (text := line.printed.get(f"values[{column}]")) is not None
            and not is_not_a_figure(text)
        }
        self._rounding_units = [0 if self._is_exact(column) else self.unit for column in columns]
        self._places: dict[tuple[int, int], Place] = {}

    # -- what a cell is -------------------------------------------------------------------

    def cell(self, line: int, column: int) -> Cell:
        return (self.index, line, column)

    def path(self, line: int, column: int | None = None) -> str:
        base = f"statements[{self.index}].lines[{line}]"
        return base if column is None else f"{base}.values[{column}]"

    def printed(self, line: int, column: int) -> Decimal | None:
        return self.lines[line].values[column]

    def figure(self, line: int, column: int) -> str | None:
        value = self.printed(line, column)
        if value is None:
            return self.lines[line].printed.get(f"values[{column}]")
        return number_text(value, "sv")

    def place(self, line: int, column: int) -> Place:
        found = self._places.get((line, column))
        if found is None:  # checks and suspects name the same cells again and again
            found = self._places[line, column] = Place(
                self.path(line, column), self.figure(line, column)
            )
        return found

    def label(self, line: int, column: int) -> str:
        heading = self.statement.columns[column].label
        return f"{self.statement.title}: {self.lines[line].label!r} ({heading})"

    def is_exact(self, column: int) -> bool:
        """Whether figures in the column are exact by nature: a budget decided for a year.

        A budget for part of the year (Jan–Aug of an annual budget) is a pro-rated,
        rounded figure; so are outcomes, forecasts and comparisons.
        """
        return self._rounding_units[column] == 0

    @staticmethod
    def _is_exact(column: Column) -> bool:
        period = column.period
        return column.kind is ColumnKind.BUDGET and period is not None and period.is_calendar_year

    def rounding_unit(self, column: int) -> int:
        """How far a printed figure in the column may be off, doubled: its unit, or 0."""
        return self._rounding_units[column]

    def suspect(
        self, line: int, column: int, needed: int | Fraction, within: int | Fraction
    ) -> Suspect:
        """This cell as a suspect that would need `needed` öre (printed sign)."""
        return Suspect(
            self.cell(line, column),
            needed,
            within,
            self.place(line, column),
            self.label(line, column),
            self.unit,
        )

    # -- what the table states --------------------------------------------------------------

    def parts(self, line: int) -> list[int]:
        """The lines a stated total sums (those of its `total_of` the table prints)."""
        return self._parts[line]

    def unreadable(self, line: int, column: int) -> bool:
        """Whether the cell prints a figure that could not be read ("se not", "1 2O0")."""
        return (line, column) in self._unreadable

    def total(self, line: int, column: int) -> Number | None:
        """What a stated total should be, in its printed sign; None when all parts are blank
        or one is unreadable (left out of the arithmetic, it leaves the total unknown)."""
        parts = self._parts[line]
        if self._unreadable and any((part, column) in self._unreadable for part in parts):
            return None
        given = [v for part in parts if (v := self.canonical[part][column]) is not None]
        if not given:
            return None
        factor = self.statement.convention.canonical_factor(self.lines[line].role)
        return sum(given, 0) * factor

    def sum_of(self, role: LineRole, column: int) -> Number:
        """Canonical sum of the non-total lines with this role in one column."""
        return sum(
            (
                value
                for line, row in zip(self.lines, self.canonical, strict=True)
                if line.role is role and not line.is_total and (value := row[column]) is not None
            ),
            0,
        )

    def column_of(self, *kinds: ColumnKind) -> int | None:
        for kind in kinds:
            for position, column in enumerate(self.statement.columns):
                if column.kind is kind:
                    return position
        return None


def _ore(value: Decimal, unit: int) -> int:
    numerator, denominator = value.as_integer_ratio()
    numerator *= unit
    if denominator == 1:
        return numerator
    whole, rest = divmod(numerator, denominator)  # rounded half to even, as round() does
    if 2 * rest > denominator or (2 * rest == denominator and whole % 2):
        whole += 1
    return whole


class Analysis:
    """Everything the checks compare, derived once from the subject.

    Attributes:
        subject: The report, plan or förbund.
        settings: The settings of the run.
        related: Other documents of the same förbund given to the run.
        forbund: The förbund (the subject itself, or the report's).
        document: The report or plan, or None for a förbund.
        tables: Every printed table, analysed.
    """

    def __init__(self, subject: Any, settings: Settings, related: tuple[Any, ...] = ()) -> None:
        self.subject = subject
        self.settings = settings
        self.related = related
        if isinstance(subject, Forbund):
            self.forbund: Forbund = subject
            self.document: Any = None
        else:
            self.forbund = subject.forbund
            self.document = subject
        statements = () if self.document is None else self.document.statements
        self.tables = tuple(Table(index, statement) for index, statement in enumerate(statements))
        self._by_title: dict[str, Table] = {}
        for table in self.tables:
            self._by_title.setdefault(table.statement.title, table)
        #: What checks work out once per run and share (keyed by the check's own keys).
        self.memo: dict[Any, Any] = {}

    # -- lookups -----------------------------------------------------------------------------

    @property
    def period(self) -> Period | None:
        return None if self.document is None else self.document.period

    def table(self, title: str) -> Table | None:
        return self._by_title.get(title)

    def line_ref(self, reference: str) -> tuple[Table, int] | None:
        """``"table title/line label"`` resolved to (table, line index)."""
        title, _, label = reference.partition("/")
        table = self.table(title)
        if table is None or label not in table.line_at:
            # A title may itself contain "/": try every split.
            for cut in range(len(reference) - 1, 0, -1):
                if reference[cut] == "/":
                    table = self.table(reference[:cut])
                    if table is not None and reference[cut + 1 :] in table.line_at:
                        return table, table.line_at[reference[cut + 1 :]]
            return None
        return table, table.line_at[label]

    def lines(self) -> Iterator[tuple[Table, int, Line]]:
        for table in self.tables:
            for index, line in enumerate(table.lines):
                yield table, index, line

    # -- links between tables --------------------------------------------------------------------

    @cached_property
    def links(self) -> list[tuple[Table, int, Table, int, str]]:
        """Lines that state the same quantity as a line elsewhere: (table, line, other table,
        other line, why) — ``same_as`` links, a note's total and the line it explains, and a
        table's total and the line it breaks down."""
        found = []
        for table, index, line in self.lines():
            if line.same_as is not None:
                target = self.line_ref(line.same_as)
                if target is not None:
                    found.append((table, index, target[0], target[1], "same_as"))
        for table in self.tables:
            statement = table.statement
            totals = [i for i, line in enumerate(table.lines) if line.is_total]
            if not totals:
                continue
            if statement.kind is StatementKind.NOTE and statement.explains is not None:
                for other in self.tables:
                    if (
                        other.statement.kind is not StatementKind.NOTE
                        and statement.explains in other.line_at
                    ):
                        found.append(
                            (table, totals[-1], other, other.line_at[statement.explains], "note")
                        )
                        break
            if statement.breaks_down is not None:
                target = self.line_ref(statement.breaks_down)
                if target is not None:
                    found.append((table, totals[-1], target[0], target[1], "breaks_down"))
        return found

    @staticmethod
    def shared_columns(table: Table, other: Table) -> list[tuple[int, int]]:
        """Columns with the same key in both tables, not derived from others."""
        return [
            (table.column_at[key], other.column_at[key])
            for key in table.keys
            if key in other.column_at
            and not table.statement.columns[table.column_at[key]].of
            and not table.percent[table.column_at[key]]
        ]

    @cached_property
    def _aliases(self) -> dict[Cell, Cell]:
        """The cells of linked lines that agree within rounding, each mapped to the one cell
        that stands for them all (the smallest); other cells stand for themselves."""
        parent: dict[Cell, Cell] = {}

        def root(cell: Cell) -> Cell:
            while (up := parent.get(cell, cell)) != cell:
                cell = up
            return cell

        rounding = self.settings.rounding
        for table, line, other, other_line, _why in self.links:
            for column, other_column in self.shared_columns(table, other):
                here = table.canonical[line][column]
                there = other.canonical[other_line][other_column]
                if here is None or there is None:
                    continue
                if here == there or abs(here - there) <= rounding.allowance(
                    [table.rounding_unit(column), other.rounding_unit(other_column)]
                ):
                    a = root(table.cell(line, column))
                    b = root(other.cell(other_line, other_column))
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        return {cell: root(cell) for cell in parent}  # looked up for every candidate's cells

    def alias(self, key: Any) -> Any:
        """The key a printed cell is merged under: one for cells that state the same figure."""
        return self._aliases.get(key, key)

    # -- other figures ---------------------------------------------------------------------------

    def documents(self) -> list[Any]:
        """The subject and the related documents of the same förbund, earliest period first."""
        found = [
            d for d in (self.document, *self.related) if d is not None and hasattr(d, "period")
        ]
        return sorted(found, key=lambda d: (d.period.start, d.period.end))

    def equity_before(self, day: dt.date) -> list[tuple[Any, str, Number, dt.date]]:
        """Equity stated before `day` in the documents given: (document, what, öre, as of),
        latest first — closing equity of a balance sheet, and a forecast's closing equity."""
        found: list[tuple[Any, str, Number, dt.date]] = []
        for document in self.documents():
            if document.period.end >= day:
                continue
            analysis = self if document is self.document else Analysis(document, self.settings)
            for table in analysis.tables:
                if table.statement.kind is not StatementKind.BALANCE_SHEET:
                    continue
                column = table.column_of(ColumnKind.OUTCOME, ColumnKind.CLOSING)
                if column is not None:
                    found.append(
                        (
                            document,
                            "balance",
                            table.sum_of(LineRole.EQUITY, column),
                            document.period.end,
                        )
                    )
            forecast = getattr(document, "forecast", None)
            if forecast is not None and forecast.closing_equity is not None:
                year_end = dt.date(document.period.start.year, 12, 31)
                found.append((document, "forecast", forecast.closing_equity.ore, year_end))
        return sorted(found, key=lambda item: (item[3], item[1] == "balance"), reverse=True)
