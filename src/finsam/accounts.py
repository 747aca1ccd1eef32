"""Financial statements as printed: income statement, balance sheet, operating statement, notes.

A `Statement` is a table kept exactly as the report prints it: its columns (outcome,
comparison period, budget, forecast, deviation...), its lines with the printed numbers, and
the totals the report states. Nothing is recomputed on the way in, so a wrong printed
total stays wrong and the rule checks can find it. The library computes the figures the
table *should* show (`Statement.computed_total`, `Statement.column_relation`).

Printed numbers are kept as `Decimal` in the table's `unit` (kr or tkr); `Statement.amount`
turns them into `Amount`. A `SignConvention` says how the printed signs read:

- ``signed``: revenue positive, costs negative, balance items positive (Gävleborg's income
  statement, MPHLA's income statement);
- ``costs_positive``: every line positive, costs subtracted (Gävleborg's driftredovisning);
- ``credit_negative``: a ledger: debits positive, credits (revenue, equity, liabilities,
  results) negative (MPHLA's balance report).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from finsam._fields import Model, escape_html
from finsam.money import KRONA, TKR, Amount
from finsam.period import Period
from finsam.printed import NOTHING_PRINTED, Printed, to_printed

__all__ = [
    "Column",
    "ColumnKind",
    "Line",
    "LineRole",
    "PrintedUnit",
    "SignConvention",
    "Statement",
    "StatementKind",
]


class StatementKind(enum.Enum):
    """What a table is (LKBR 4 kap. 1 § names the parts of an annual report)."""

    INCOME_STATEMENT = "resultaträkning"
    BALANCE_SHEET = "balansräkning"
    CASH_FLOW = "kassaflödesanalys"
    OPERATING_STATEMENT = "driftredovisning"
    INVESTMENT_STATEMENT = "investeringsredovisning"
    NOTE = "not"
    BUDGET_FOLLOW_UP = "budgetuppföljning"
    OTHER = "tabell"


# A member passes as it is: Enum.__call__ is slow, and the loader already gives members.
def _statement_kind(value: StatementKind | str) -> StatementKind:
    return value if type(value) is StatementKind else StatementKind(value)


class ColumnKind(enum.Enum):
    """What a column holds, and for derived columns how it follows from others.

    ``deviation`` is ``of[0] − of[1]`` (on the printed numbers); ``closing`` is
    ``of[0] + of[1]`` (opening balance plus the period's change); ``percent_of`` is
    ``100 × of[0] / of[1]``; ``percent_rest`` is ``100 − of[0]``.
    """

    OUTCOME = "utfall"
    COMPARISON = "jämförelse"
    BUDGET = "budget"
    FORECAST = "prognos"
    OPENING = "ingående"
    CHANGE = "förändring"
    CLOSING = "utgående"
    DEVIATION = "avvikelse"
    PERCENT_OF = "andel"
    PERCENT_REST = "rest"

    @property
    def operands(self) -> int:
        """How many other columns a column of this kind is derived from."""
        return {
            ColumnKind.DEVIATION: 2,
            ColumnKind.CLOSING: 2,
            ColumnKind.PERCENT_OF: 2,
            ColumnKind.PERCENT_REST: 1,
        }.get(self, 0)

    @property
    def is_percent(self) -> bool:
        """Whether the column holds percentages rather than amounts."""
        return self in (ColumnKind.PERCENT_OF, ColumnKind.PERCENT_REST)


def _column_kind(value: ColumnKind | str) -> ColumnKind:
    return value if type(value) is ColumnKind else ColumnKind(value)


class LineRole(enum.Enum):
    """What a line is, which decides its sign under each `SignConvention`."""

    REVENUE = "intäkt"
    COST = "kostnad"
    RESULT = "resultat"
    ASSET = "tillgång"
    EQUITY = "eget kapital"
    LIABILITY = "skuld"
    MEMO = "upplysning"  # printed for information, outside the arithmetic


def _line_role(value: LineRole | str) -> LineRole:
    return value if type(value) is LineRole else LineRole(value)


class SignConvention(enum.Enum):
    """How the printed signs of a table read; chosen explicitly, never guessed."""

    SIGNED = "signed"
    COSTS_POSITIVE = "costs_positive"
    CREDIT_NEGATIVE = "credit_negative"

    def canonical_factor(self, role: LineRole) -> int:
        """+1 or −1: turns a printed number into its canonical sign.

        Canonically revenue and results are positive and costs negative, so an income
        statement's result is the plain sum of its lines; assets, equity and liabilities
        are positive, so assets equal equity plus liabilities.
        """
        if self is SignConvention.COSTS_POSITIVE:
            return -1 if role is LineRole.COST else 1
        if self is SignConvention.CREDIT_NEGATIVE:
            return 1 if role is LineRole.ASSET else -1
        return 1


def _check_operands(
    instance: Column, _attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    if len(value) != instance.kind.operands:
        raise ValueError(
            f"column {instance.key!r} of kind {instance.kind.value!r} needs "
            f"{instance.kind.operands} other column(s) in 'of', got {list(value)}"
        )


def _tuple_of_str(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen(repr=False, eq=False)
class Column(Model):
    """A column of a printed table.

    Attributes:
        key: A short stable name other parts refer to ("utfall", "budget", "fg").
        label: The heading as printed ("Utfall 2019-06-30").
        kind: What the column holds (see `ColumnKind`).
        of: For derived kinds, the keys of the columns it is derived from.
        period: The period (or, for a balance, the day as a one-day period) it covers.
    """

    key: str
    label: str
    kind: ColumnKind = attrs.field(converter=_column_kind)
    of: tuple[str, ...] = attrs.field(
        default=(), converter=_tuple_of_str, validator=_check_operands
    )
    period: Period | None = None


def _tuple_of_cells(values: Iterable[Decimal | None]) -> tuple[Decimal | None, ...]:
    cells = tuple(values)
    for index, cell in enumerate(cells):
        if cell is not None and not isinstance(cell, Decimal):
            kind = type(cell).__name__
            raise TypeError(f"values[{index}]: expected a Decimal or None, got {kind}")
    return cells


@attrs.frozen(repr=False, eq=False)
class Line(Model):
    """One printed line: a label, its role, and a number per column (None where blank).

    Attributes:
        label: The text as printed ("Verksamhetens intäkter").
        role: Revenue, cost, result, asset, equity, liability, or memo.
        values: The printed numbers, one per column of the table, in the table's unit.
        total_of: For a stated total, the labels of the lines it sums (in canonical sign).
        note: The number of the note that explains the line, if any.
        contributor: For a member's contribution, who pays it: a member's name, or a
            party of § 5 ("staten", "region", "kommunerna") for a line that sums one.
        same_as: ``"table title/line label"`` of a line elsewhere in the document that
            states the same quantity; cells in columns with the same key must agree.
        printed: Cells as printed where they are not numbers (``"values[1]": "Inga"``);
            such a cell's value is None (see `finsam.printed`).
    """

    label: str
    role: LineRole = attrs.field(converter=_line_role)
    values: tuple[Decimal | None, ...] = attrs.field(converter=_tuple_of_cells)
    total_of: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    note: int | None = None
    contributor: str | None = None
    same_as: str | None = None
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def is_total(self) -> bool:
        """Whether the line states a total of other lines."""
        return bool(self.total_of)


def _tuple_of_columns(values: Iterable[Column]) -> tuple[Column, ...]:
    return tuple(values)


def _tuple_of_lines(values: Iterable[Line]) -> tuple[Line, ...]:
    return tuple(values)


class PrintedUnit(enum.Enum):
    """The unit a table prints its numbers in."""

    KR = "kr"
    TKR = "tkr"

    @property
    def amount(self) -> Amount:
        """What one printed unit is worth."""
        return KRONA if self is PrintedUnit.KR else TKR


def _printed_unit(value: PrintedUnit | str) -> PrintedUnit:
    return value if type(value) is PrintedUnit else PrintedUnit(value)


@attrs.frozen(repr=False, eq=False)
class Statement(Model):
    """A printed financial table, kept as printed.

    Attributes:
        kind: Income statement, balance sheet, operating statement, note...
        title: The heading as printed.
        columns: The columns, left to right.
        lines: The lines, top to bottom; each has one value per column.
        unit: The unit of the printed numbers: kr or tkr.
        convention: How to read the printed signs.
        number: For a note, its number.
        explains: For a note, the label of the statement line it explains.
        breaks_down: For a table that breaks down one line of another table (the costs of
            one insats or cost centre), ``"table title/line label"`` of that line: the
            frame is set there, and this table's total states the same figures.

    Example:
        >>> from decimal import Decimal
        >>> from finsam import Column, ColumnKind, Line, LineRole, Statement, StatementKind
        >>> rr = Statement(
        ...     kind=StatementKind.INCOME_STATEMENT,
        ...     title="Resultaträkning",
        ...     columns=[Column("utfall", "2019-06-30", ColumnKind.OUTCOME)],
        ...     lines=[
        ...         Line("Intäkter", LineRole.REVENUE, [Decimal(100)]),
        ...         Line("Kostnader", LineRole.COST, [Decimal(-60)]),
        ...         Line("Resultat", LineRole.RESULT, [Decimal(41)],
        ...              total_of=["Intäkter", "Kostnader"]),
        ...     ],
        ... )
        >>> rr.amount("Resultat", "utfall"), rr.computed_total("Resultat", "utfall")
        (Amount.parse('41 kr'), Amount.parse('40 kr'))
    """

    kind: StatementKind = attrs.field(converter=_statement_kind)
    title: str
    columns: tuple[Column, ...] = attrs.field(converter=_tuple_of_columns)
    lines: tuple[Line, ...] = attrs.field(converter=_tuple_of_lines)
    unit: PrintedUnit = attrs.field(default=PrintedUnit.KR, converter=_printed_unit)
    convention: SignConvention = attrs.field(
        default=SignConvention.SIGNED, converter=SignConvention
    )
    number: int | None = None
    explains: str | None = None
    breaks_down: str | None = None

    def __attrs_post_init__(self) -> None:
        keys = [column.key for column in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{self.title!r}: column keys must be unique, got {keys}")
        for column in self.columns:
            for key in column.of:
                if key not in keys:
                    raise ValueError(
                        f"{self.title!r}: column {column.key!r} refers to unknown column {key!r}"
                    )
        labels = {line.label for line in self.lines}
        for index, line in enumerate(self.lines):
            if len(line.values) != len(self.columns):
                raise ValueError(
                    f"{self.title!r}: lines[{index}] ({line.label!r}) has {len(line.values)} "
                    f"values for {len(self.columns)} columns"
                )
            for part in line.total_of:
                if part not in labels:
                    raise ValueError(
                        f"{self.title!r}: lines[{index}] ({line.label!r}) "
                        f"totals unknown line {part!r}"
                    )

    # -- lookup -------------------------------------------------------------------------

    def column(self, key: str) -> Column:
        """The column with this key."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(
            f"{self.title!r} has no column {key!r}; columns: {[c.key for c in self.columns]}"
        )

    def column_index(self, key: str) -> int:
        """The position of the column with this key."""
        return self.columns.index(self.column(key))

    def line(self, label: str) -> Line:
        """The first line with this label (labels repeat only in careless tables)."""
        for line in self.lines:
            if line.label == label:
                return line
        raise KeyError(f"{self.title!r} has no line {label!r}")

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines)

    def value(self, label: str, key: str) -> Decimal | None:
        """The printed number in a cell (None where blank)."""
        return self.line(label).values[self.column_index(key)]

    def amount(self, label: str, key: str) -> Amount | None:
        """A printed cell as an `Amount` (None where blank); not for percentage columns."""
        if self.column(key).kind.is_percent:
            raise ValueError(f"column {key!r} of {self.title!r} holds percentages, not amounts")
        value = self.value(label, key)
        return None if value is None else Amount.from_kr(value * self.unit.amount.kr)

    def canonical(self, line: Line, key: str) -> Amount | None:
        """A cell in canonical sign (revenue +, costs −; assets, equity, liabilities +)."""
        value = line.values[self.column_index(key)]
        if value is None:
            return None
        return Amount.from_kr(value * self.unit.amount.kr) * self.convention.canonical_factor(
            line.role
        )

    # -- what the table should say ----------------------------------------------------------

    def computed_total(self, label: str, key: str) -> Amount | None:
        """What a stated total should be: the sum of its parts, in the line's printed sign.

        Blank parts count as zero; None when every part is blank.
        """
        line = self.line(label)
        if not line.is_total:
            raise ValueError(f"{label!r} in {self.title!r} is not a stated total")
        parts = [self.canonical(self.line(part), key) for part in line.total_of]
        if all(part is None for part in parts):
            return None
        canonical = sum((p for p in parts if p is not None), Amount(0))
        return canonical * self.convention.canonical_factor(line.role)

    def column_relation(self, label: str, key: str) -> Decimal | None:
        """What a derived cell (deviation, closing balance, percentage) should be, unrounded.

        None when the column is not derived or an operand is blank.
        """
        column = self.column(key)
        if not column.of:
            return None
        operands = [self.value(label, k) for k in column.of]
        if any(o is None for o in operands):
            return None
        values = [o for o in operands if o is not None]
        if column.kind is ColumnKind.DEVIATION:
            return values[0] - values[1]
        if column.kind is ColumnKind.CLOSING:
            return values[0] + values[1]
        if column.kind is ColumnKind.PERCENT_REST:
            return 100 - values[0]
        if values[1] == 0:
            return None
        return 100 * values[0] / values[1]

    def sum_of(self, role: LineRole, key: str) -> Amount:
        """Canonical sum of every non-total line with this role in one column."""
        return sum(
            (
                amount
                for line in self.lines
                if line.role is role and not line.is_total
                if (amount := self.canonical(line, key)) is not None
            ),
            Amount(0),
        )

    # -- notebooks ----------------------------------------------------------------------------

    def records(self) -> list[dict[str, Any]]:
        """One row per line, ready for `pandas.DataFrame`: the label, role, whether it is a
        stated total, the table's unit, and each column's printed number (an exact
        `Decimal`, in the unit; None where blank) under the column's key. A cell printed as
        text ("Inga") has its text under ``<key>_printed``.

        >>> from finsam import load_report
        >>> note = load_report("gavleborg-2019-h1").note(1)
        >>> row = note.records()[-1]
        >>> row["label"], row["is_total"], row["unit"], row["utfall"]
        ('Summa', True, 'kr', Decimal('6659750'))
        """
        rows = []
        for line in self.lines:
            row: dict[str, Any] = {
                "table": self.title,
                "label": line.label,
                "role": line.role.value,
                "is_total": line.is_total,
                "note": line.note,
                "unit": self.unit.value,
            }
            for index, (column, value) in enumerate(zip(self.columns, line.values, strict=True)):
                row[column.key] = value
                text = line.printed.get(f"values[{index}]")
                if text is not None:
                    row[f"{column.key}_printed"] = text
            rows.append(row)
        return rows

    def to_pandas(self) -> Any:
        """The table as a `pandas.DataFrame` (see `records`); needs pandas."""
        from finsam.present.frames import statement_frame

        return statement_frame(self)

    def _repr_html_(self) -> str:
        from finsam.present.formatting import format_number

        head = "".join(f"<th>{escape_html(c.label)}</th>" for c in self.columns)
        rows = []
        for line in self.lines:
            cells = "".join(
                '<td style="text-align:right">'
                f"{'' if v is None else escape_html(format_number(v))}</td>"
                for v in line.values
            )
            label = escape_html(line.label)
            rows.append(f"<tr><td>{f'<b>{label}</b>' if line.is_total else label}</td>{cells}</tr>")
        return (
            f"<table><caption>{escape_html(self.title)} ({self.unit.value})</caption>"
            f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
