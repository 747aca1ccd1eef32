"""Small helpers shared by the checks: walking statements, formatting figures."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from finsam.accounts import Line, Statement
from finsam.money import Amount

__all__ = ["cells", "kr", "number", "statement_lines"]


def kr(amount: Amount) -> str:
    """An amount the Swedish way for a message ("3 330 000 kr", "-1 779 kr")."""
    from finsam.formatting import format_amount

    return format_amount(amount).replace("\u00a0", " ")


def number(value: Decimal) -> str:
    """A printed number the Swedish way for a message."""
    from finsam.formatting import format_number

    return format_number(value).replace("\u00a0", " ")


def statement_lines(
    statements: tuple[Statement, ...],
) -> Iterator[tuple[int, Statement, int, Line]]:
    """Every (statement index, statement, line index, line) of a document."""
    for s_index, statement in enumerate(statements):
        for l_index, line in enumerate(statement.lines):
            yield s_index, statement, l_index, line


def cells(statement: Statement, line: Line) -> Iterator[tuple[int, str, Decimal]]:
    """The non-blank cells of a line in amount columns: (column index, key, value)."""
    for index, (column, value) in enumerate(zip(statement.columns, line.values, strict=True)):
        if value is not None and not column.kind.is_percent:
            yield index, column.key, value
