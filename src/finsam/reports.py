"""Interim and annual reports, and activity plans: a förbund's year tied together.

A report holds what the document states — its statements, budget, insatser, goals, board
and the figures it repeats in its text — and derives the key figures from them.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from finsam._fields import Model, escape_html, tuple_of
from finsam.accounts import ColumnKind, LineRole, Statement, StatementKind
from finsam.budget import Budget
from finsam.forbund import Board, Forbund
from finsam.goals import Goal
from finsam.insats import AgeBand, Insats
from finsam.money import Amount, printed_precision
from finsam.period import Period
from finsam.printed import NOTHING_PRINTED, Printed, to_printed

__all__ = ["AnnualReport", "Forecast", "InterimReport", "KeyFigures", "Plan", "StatedFigure"]


@attrs.frozen(repr=False, eq=False)
class StatedFigure(Model):
    """A figure a document states in its text, to be compared with its tables.

    Figures with the same `key` must agree, and a figure that `refers_to` a table cell
    must agree with it, each within the precision it is printed with ("16,7 mkr" stands
    for anything that rounds to it); a rule check compares them.

    Attributes:
        key: What the figure is ("kostnader", "deltagare", "eget kapital/intäkter").
        value: The number as printed.
        unit: "kr", "tkr", "mkr", "%" or a count noun ("personer").
        source: Where in the document it is stated ("1.1 Sammanfattning").
        refers_to: What states the same quantity elsewhere, if anything: a table cell as
            ``"table title/line label/column key"``, or a place in the document's data
            such as ``"insatser[1].outcomes.work_count"``.
        base: For a percentage, the number of people (or cases) it is a share of, as the
            text states it ("55 % of the 20 participants": 20).
        printed: Texts as printed that could not be read or say more than the values
            (see `finsam.printed`).
    """

    key: str
    value: Decimal | None
    unit: str
    source: str = ""
    refers_to: str | None = None
    base: int | None = None
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    @property
    def amount(self) -> Amount | None:
        """The figure as an amount when its unit is kr, tkr or mkr."""
        factor = _KR_PER_UNIT.get(self.unit)
        if factor is None or self.value is None:
            return None
        return Amount.from_kr(self.value * factor)

    @property
    def precision(self) -> Decimal:
        """Half a unit in the last printed digit, in the figure's own unit (0 when unread)."""
        return Decimal(0) if self.value is None else printed_precision(self.value)


_KR_PER_UNIT = {"kr": 1, "tkr": 1000, "mkr": 1_000_000}


@attrs.frozen(repr=False, eq=False)
class Forecast(Model):
    """A full-year forecast stated in an interim report (*helårsprognos*).

    The forecast result is read from `statement` (its result line, forecast column); the
    figures here are the ones the report states around it, which the checks verify.

    Attributes:
        statement: Title of the table with budget, outcome and forecast columns.
        opening_equity: Equity at the start of the year, as stated.
        closing_equity: Forecast equity at the end of the year, as stated.
        equity_share_percent: Forecast equity as a percentage of budgeted revenue, as stated.
        opening_date: The day the opening equity is stated for, if printed.
        printed: Texts as printed that could not be read or say more than the values
            (see `finsam.printed`).
    """

    statement: str
    opening_equity: Amount | None = None
    closing_equity: Amount | None = None
    equity_share_percent: Decimal | None = None
    opening_date: dt.date | None = None
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)


@attrs.frozen(repr=False, eq=False)
class KeyFigures(Model):
    """Key figures derived from a report's statements.

    Attributes:
        result: The period's result from the income statement (None if absent).
        revenue: The period's revenue from the income statement.
        equity: Closing equity from the balance sheet.
        participants: Participants reached, summed over the insatser that report them.
    """

    result: Amount | None
    revenue: Amount | None
    equity: Amount | None
    participants: int

    @property
    def equity_share_of_revenue(self) -> Fraction | None:
        """Closing equity as a share of the period's revenue."""
        if self.equity is None or self.revenue is None or self.revenue.is_zero:
            return None
        return Fraction(self.equity.ore, self.revenue.ore)


def _current_column(statement: Statement) -> str | None:
    """The column of the period's outcome: the outcome column, or a ledger's closing balance."""
    for kind in (ColumnKind.OUTCOME, ColumnKind.CLOSING):
        for column in statement.columns:
            if column.kind is kind:
                return column.key
    return None


def _optional(kind: type[Any]) -> Any:
    return attrs.validators.optional(attrs.validators.instance_of(kind))


def _statements(values: Iterable[Statement]) -> tuple[Statement, ...]:
    return tuple_of(Statement, "statements")(values)


def _insatser(values: Iterable[Insats]) -> tuple[Insats, ...]:
    return tuple_of(Insats, "insatser")(values)


def _goals(values: Iterable[Goal]) -> tuple[Goal, ...]:
    return tuple_of(Goal, "goals")(values)


def _figures(values: Iterable[StatedFigure]) -> tuple[StatedFigure, ...]:
    return tuple_of(StatedFigure, "figures")(values)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class _Document(Model):
    """What interim reports, annual reports and plans have in common.

    Attributes:
        forbund: The förbund the document is about (in files: a bundled name or a table).
        title: The document's title as printed.
        period: The period it covers (for a plan: all its years).
        decided: The day the board adopted it, if stated.
        statements: The printed tables, in document order.
        budget: The budget or plan, when the document states one.
        insatser: The insatser the document describes.
        goals: The goals (inriktningsmål) with their indicators.
        board: The board during the period.
        target_age_band: The förbund's stated target group, as an age band.
        figures: Figures the text states, to compare with each other and the tables.
        forecast: A full-year forecast, in an interim report.
        source: The document the data was encoded from.
        printed: Texts as printed that could not be read or say more than the values
            (see `finsam.printed`).
    """

    forbund: Forbund = attrs.field(validator=attrs.validators.instance_of(Forbund))
    title: str = attrs.field(validator=attrs.validators.instance_of(str))
    period: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    decided: dt.date | None = attrs.field(default=None, validator=_optional(dt.date))
    statements: tuple[Statement, ...] = attrs.field(default=(), converter=_statements)
    budget: Budget | None = attrs.field(default=None, validator=_optional(Budget))
    insatser: tuple[Insats, ...] = attrs.field(default=(), converter=_insatser)
    goals: tuple[Goal, ...] = attrs.field(default=(), converter=_goals)
    board: Board | None = attrs.field(default=None, validator=_optional(Board))
    target_age_band: AgeBand | None = attrs.field(default=None, validator=_optional(AgeBand))
    figures: tuple[StatedFigure, ...] = attrs.field(default=(), converter=_figures)
    forecast: Forecast | None = attrs.field(default=None, validator=_optional(Forecast))
    source: str = ""
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed, kw_only=True)

    def statements_of(self, kind: StatementKind) -> tuple[Statement, ...]:
        """The statements of one kind, in document order."""
        return tuple(s for s in self.statements if s.kind is kind)

    def statement(self, kind: StatementKind) -> Statement | None:
        """The first statement of one kind, if any."""
        return next(iter(self.statements_of(kind)), None)

    def find_statement(self, title: str) -> Statement:
        """The statement with this title."""
        for statement in self.statements:
            if statement.title == title:
                return statement
        raise KeyError(f"{self.title!r} has no table titled {title!r}")

    def note(self, number: int) -> Statement:
        """Note number `number`."""
        for note in self.statements_of(StatementKind.NOTE):
            if note.number == number:
                return note
        raise KeyError(f"{self.title!r} has no note {number}")

    @property
    def key_figures(self) -> KeyFigures:
        """Result, revenue, closing equity and participants, derived from the contents."""
        result = revenue = equity = None
        income = self.statement(StatementKind.INCOME_STATEMENT)
        if income is not None and (key := _current_column(income)) is not None:
            revenue = income.sum_of(LineRole.REVENUE, key)
            result = revenue + income.sum_of(LineRole.COST, key)
        balance = self.statement(StatementKind.BALANCE_SHEET)
        if balance is not None and (key := _current_column(balance)) is not None:
            equity = balance.sum_of(LineRole.EQUITY, key)
        participants = sum(i.participant_total or 0 for i in self.insatser)
        return KeyFigures(result=result, revenue=revenue, equity=equity, participants=participants)

    def __repr__(self) -> str:
        """A short repr: what the document is, not all of its contents (see `records`)."""
        counts = [
            f"{len(self.statements)} statements",
            f"{len(self.insatser)} insatser",
            f"{len(self.goals)} goals",
        ]
        return (
            f"{type(self).__name__}({self.title!r}, {self.forbund.name!r}, "
            f"{str(self.period)!r}, {', '.join(counts)})"
        )

    def _repr_html_(self) -> str:
        figures = self.key_figures
        from finsam.present.formatting import format_amount

        rows = [
            ("Förbund", self.forbund.name),
            ("Period", str(self.period)),
            ("Resultat", "" if figures.result is None else format_amount(figures.result)),
            ("Eget kapital", "" if figures.equity is None else format_amount(figures.equity)),
            ("Insatser", str(len(self.insatser))),
            ("Deltagare", str(figures.participants)),
        ]
        body = "".join(f"<tr><th>{k}</th><td>{escape_html(v)}</td></tr>" for k, v in rows)
        return f"<table><caption>{escape_html(self.title)}</caption>{body}</table>"


D = TypeVar("D", bound=_Document)


def _kind_of_document(cls: type[D]) -> type[D]:
    """`_Document`'s ``__init__`` under the kind's own name, so that a wrong call names the
    class called (``Plan.__init__() missing …``): the same code, not a second compile."""
    init = _Document.__init__
    own = types.FunctionType(
        init.__code__, init.__globals__, "__init__", init.__defaults__, init.__closure__
    )
    own.__kwdefaults__ = init.__kwdefaults__
    own.__annotations__ = init.__annotations__
    own.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = own  # type: ignore[method-assign]
    return cls


# The three kinds of document add no fields to `_Document`, so they are plain subclasses of
# it: they share its fields and its attrs-made methods (the equality of which compares
# classes), where decorating each with attrs would generate and compile the same methods
# again. An empty ``__slots__`` keeps them frozen and without a ``__dict__``.
@_kind_of_document
class InterimReport(_Document):
    """A delårsrapport: at least half and at most two thirds of the year (LKBR 13 kap. 1 §).

    Example:
        >>> from finsam import load_report
        >>> report = load_report("gavleborg-2019-h1")
        >>> report.key_figures.result
        Amount.parse('3 344 423 kr')
    """

    __slots__ = ()


@_kind_of_document
class AnnualReport(_Document):
    """An årsredovisning: the whole financial year (LKBR 4 kap. 1 §)."""

    __slots__ = ()


@_kind_of_document
class Plan(_Document):
    """A verksamhetsplan with budget, for one or more years.

    Example:
        >>> from finsam import load_report
        >>> plan = load_report("gavleborg-plan-2020-2022")
        >>> plan.budget.result(2020)
        Amount.parse('-5 486 000 kr')
    """

    __slots__ = ()
