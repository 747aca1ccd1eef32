"""Consistency checks: a report must agree with itself wherever it says a thing twice, and what
it prints must be readable and possible."""

from __future__ import annotations

import datetime as dt
import enum
import re
import typing
from collections import defaultdict
from collections.abc import Hashable, Iterator
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any, Final, TypeAlias, cast

import attrs

from finsam._fields import type_hints
from finsam.accounts import ColumnKind, LineRole
from finsam.insats import Outcomes
from finsam.money import Amount, printed_precision
from finsam.period import Period, parse_date
from finsam.reports import StatedFigure
from finsam.rules._analysis import Analysis, is_not_a_figure
from finsam.rules._core import Candidate, Check, Context, Place
from finsam.rules._messages import N_, Kr, Message, Num, Word, shown
from finsam.rules._settings import Severity

__all__ = ["CONSISTENCY_CHECKS"]

_CONSISTENCY = "consistency"


# -- head counts -----------------------------------------------------------------------------------


def head_counts(context: Context) -> Iterator[Candidate]:
    """Stated head counts equal the sum of their parts: participants by gender, board seats."""
    document = context.analysis.document
    if document is None:
        return
    for index, insats in enumerate(document.insatser):
        people = insats.participants
        if people is None or people.stated_total is None or people.parts_total is None:
            continue
        if people.stated_total == people.parts_total:
            continue
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_(
                    "{insats}: {stated} participants stated, but women, men and others add up "
                    "to {parts}"
                ),
                insats=insats.name,
                stated=people.stated_total,
                parts=people.parts_total,
            ),
            (Place(f"insatser[{index}].participants.stated_total", str(people.stated_total)),),
            cells=frozenset({("insats", index, "participants")}),
        )
    board = document.board
    if board is None or not board.seats or any(seat.role is None for seat in board.seats):
        return  # a seat whose role could not be read (FS-CON-011) leaves the counts unknown
    for name, stated, seats, role in [
        ("stated_ledamoter", board.stated_ledamoter, board.ledamoter, N_("ledamöter")),
        ("stated_ersattare", board.stated_ersattare, board.ersattare, N_("ersättare")),
    ]:
        if stated is not None and stated != len(seats):
            yield Candidate(
                Severity.ERROR,
                Message.of(
                    N_("the board is said to have {stated} {role}, but {listed} are listed"),
                    stated=stated,
                    role=role,
                    listed=len(seats),
                ),
                (Place(f"board.{name}", str(stated)),),
                cells=frozenset({("board", name)}),
            )


# -- percentages -----------------------------------------------------------------------------------


def _shares_text(outcomes: Outcomes) -> str:
    """``55% arbete + 10% studier + 40% annat``: the shares given, as a report prints them."""
    return " + ".join(
        f"{shown(Num(c.percent, '%'))} {c.label}"
        for c in outcomes.categories
        if c.percent is not None
    )


def outcome_shares(context: Context) -> Iterator[Candidate]:
    """The outcome shares of an insats add up to at most 100 % (and to a stated total), within
    the rounding of their printed digits."""
    analysis = context.analysis
    document = analysis.document
    if document is None:
        return
    rounding = analysis.settings.rounding
    for index, insats in enumerate(document.insatser):
        outcomes = insats.outcomes
        if outcomes is None or not outcomes.shares:
            continue
        shares = list(outcomes.shares.values())
        total = outcomes.sum_of_shares
        allowance = rounding.share_allowance(shares)
        path = f"insatser[{index}].outcomes"
        if total > 100 + allowance:
            yield Candidate(
                Severity.ERROR,
                Message.of(
                    N_(
                        "{insats}: the outcome shares of those who ended add up to {total} "
                        "({parts}), more than 100 %"
                    ),
                    insats=insats.name,
                    total=Num(total, "%"),
                    parts=_shares_text(outcomes),
                ),
                (Place(path, Num(total, "%").text("sv")),),
                cells=frozenset({("insats", index, "outcomes")}),
            )
        stated = outcomes.stated_total_percent
        if stated is not None and abs(stated - total) > allowance + printed_precision(stated):
            yield Candidate(
                Severity.ERROR,
                Message.of(
                    N_("{insats}: the outcome shares add up to {total}, but {stated} is stated"),
                    insats=insats.name,
                    total=Num(total, "%"),
                    stated=Num(stated, "%"),
                ),
                (Place(f"{path}.stated_total_percent", Num(stated, "%").text("sv")),),
                cells=frozenset({("insats", index, "outcomes")}),
            )


def _possible(percent: Decimal, base: int) -> range:
    """The whole numbers of `base` people that a printed percentage can stand for."""
    # (percent ± slack)·base/100 in whole numbers: p/q ± s/r over one denominator.
    p, q = percent.as_integer_ratio()
    s, r = printed_precision(percent).as_integer_ratio()
    denominator = 100 * q * r
    low, high = (p * r - s * q) * base, (p * r + s * q) * base
    return range(max(0, -(-low // denominator)), min(base, high // denominator) + 1)


def _nearest(percent: Decimal, base: int) -> Fraction:
    count = round(Fraction(percent) * base / 100)
    return Fraction(100 * min(max(count, 0), base), base)


def percentages_and_counts(context: Context) -> Iterator[Candidate]:
    """Percentages of a number of people are possible (x of n for a whole x) and agree with
    the counts printed beside them: outcome shares of those who ended, shares of women and
    men, and figures the text states with their base."""
    document = context.analysis.document
    if document is None:
        return
    for index, insats in enumerate(document.insatser):
        outcomes = insats.outcomes
        if outcomes is not None and outcomes.exits:
            yield from _shares_of(
                insats.name,
                [(c.label, c.percent, c.count) for c in outcomes.categories],
                outcomes.exits,
                N_("of the {base} who ended"),
                f"insatser[{index}].outcomes",
                ("insats", index, "outcomes"),
            )
        people = insats.participants
        if people is not None:
            base = people.parts_total or people.stated_total
            if base:
                yield from _shares_of(
                    insats.name,
                    [
                        (Word(N_("women")), people.women_percent, people.women),
                        (Word(N_("men")), people.men_percent, people.men),
                    ],
                    base,
                    N_("of the {base} participants"),
                    f"insatser[{index}].participants",
                    ("insats", index, "participants"),
                )
    for index, figure in enumerate(document.figures):
        if figure.unit != "%" or figure.value is None or not figure.base:
            continue
        possible = _possible(figure.value, figure.base)
        if possible:
            continue
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_(
                    "{key!r} is stated as {value} of {base}, which no whole number of them gives "
                    "(nearest: {nearest})"
                ),
                key=figure.key,
                value=Num(figure.value, "%"),
                base=figure.base,
                nearest=Num(_nearest(figure.value, figure.base), "%", 1),
            ),
            (Place(f"figures[{index}]", Num(figure.value, "%").text("sv")),),
            cells=frozenset({("figure", figure.key)}),
        )


def _shares_of(
    name: str,
    shares: list[tuple[str | Word, Decimal | None, int | None]],
    base: int,
    of: str,
    path: str,
    key: tuple[Any, ...],
) -> Iterator[Candidate]:
    impossible = []
    disagreeing = []
    for label, percent, count in shares:
        if percent is None:
            continue
        possible = _possible(percent, base)
        if count is not None:
            if count not in possible:
                disagreeing.append((label, percent, count))
        elif not possible:
            impossible.append((label, percent))
    if impossible:
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_(
                    "{insats}: {shares} {of}: no whole number of people gives them (nearest: "
                    "{nearest})"
                ),
                insats=name,
                shares=", ".join(f"{shown(Num(p, '%'))} {shown(label)}" for label, p in impossible),
                of=Message.of(of, base=base).render(),
                nearest=", ".join(
                    shown(Num(_nearest(p, base), "%", 0)) for _label, p in impossible
                ),
            ),
            (Place(path),),
            cells=frozenset({key}),
        )
    if disagreeing:
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_("{insats}: {shares} {of} disagree with the counts printed beside them"),
                insats=name,
                shares=", ".join(
                    f"{shown(Num(p, '%'))} {shown(label)} "
                    f"({count} = {shown(Num(Fraction(100 * count, base), '%', 1))})"
                    for label, p, count in disagreeing
                ),
                of=Message.of(of, base=base).render(),
            ),
            (Place(path),),
            cells=frozenset({key}),
        )


# -- figures stated twice --------------------------------------------------------------------------


_KR_PER_UNIT: Final = {"kr": 1, "tkr": 1000, "mkr": 1_000_000}


def _slack(figure: StatedFigure) -> Fraction:
    """In öre: a figure printed as 16,7 mkr stands for anything within 0,05 mkr of it."""
    factor = _KR_PER_UNIT.get(figure.unit)
    if factor is None or figure.value is None:
        return Fraction(0)
    return Fraction(figure.precision) * factor * 100


def _agree(first: StatedFigure, other: StatedFigure) -> bool:
    if first.amount is not None and other.amount is not None:
        return abs(first.amount.ore - other.amount.ore) <= _slack(first) + _slack(other)
    if first.unit == other.unit == "%" and first.value is not None and other.value is not None:
        return abs(first.value - other.value) <= first.precision + other.precision  # rounded
    return first.value == other.value and first.unit == other.unit


_DATA_PATH = re.compile(r"^[A-Za-z_]\w*(\[\d+\]|\.[A-Za-z_]\w*)*$")


def _resolve(document: Any, path: str) -> Any:
    """A place in the document's data (``insatser[1].outcomes.work_count``), or a KeyError."""
    value = document
    for name, index in re.findall(r"([A-Za-z_]\w*)|\[(\d+)\]", path):
        try:
            value = value[int(index)] if index else getattr(value, name)
        except (IndexError, AttributeError, TypeError):
            raise KeyError(path) from None
    return value


def stated_figures(context: Context) -> Iterator[Candidate]:
    """A figure the text states twice agrees with itself, and with the table cell or the place
    in the data it refers to, within the precision it is printed with."""
    analysis = context.analysis
    document = analysis.document
    if document is None:
        return
    figures = list(document.figures)
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, figure in enumerate(figures):
        if figure.value is not None:
            by_key[figure.key].append(index)
    for key, indexes in by_key.items():
        first = figures[indexes[0]]
        for index in indexes[1:]:
            other = figures[index]
            if _agree(first, other):
                continue
            yield Candidate(
                Severity.ERROR,
                Message.of(
                    N_(
                        "{key!r} is stated as {first} ({first_source}) and as {other} "
                        "({other_source})"
                    ),
                    key=key,
                    first=Num(first.value or 0, first.unit),
                    first_source=first.source,
                    other=Num(other.value or 0, other.unit),
                    other_source=other.source,
                ),
                (
                    Place(f"figures[{indexes[0]}]", Num(first.value or 0, first.unit).text("sv")),
                    Place(f"figures[{index}]", Num(other.value or 0, other.unit).text("sv")),
                ),
                cells=frozenset({("figure", key)}),
            )
    for index, figure in enumerate(figures):
        if figure.refers_to is None or figure.value is None:
            continue
        place = Place(f"figures[{index}]", Num(figure.value, figure.unit).text("sv"))
        if _DATA_PATH.match(figure.refers_to) and not analysis.line_ref(
            figure.refers_to.rpartition("/")[0] or "x"
        ):
            yield from _figure_against_data(document, figure, place)
            continue
        yield from _figure_against_cell(analysis, figure, place, index)


_INSATS_PATH: Final = re.compile(r"^insatser\[(\d+)\]\.?(.*)$")


def _described(document: Any, path: str) -> str:
    """A data path as a reader knows it: an insats by its name, then the field."""
    match = _INSATS_PATH.match(path)
    if match is None or int(match[1]) >= len(document.insatser):
        return path
    name = document.insatser[int(match[1])].name
    return f"{name!r} ({match[2]})" if match[2] else repr(name)


def _figure_against_data(document: Any, figure: StatedFigure, place: Place) -> Iterator[Candidate]:
    assert figure.refers_to is not None
    assert figure.value is not None
    try:
        target = _resolve(document, figure.refers_to)
    except KeyError:
        yield Candidate(
            Severity.WARNING,
            Message.of(
                N_("{key!r} refers to {ref!r}, which the document does not have"),
                key=figure.key,
                ref=figure.refers_to,
            ),
            (place,),
            cells=frozenset({("figure ref", figure.key)}),
        )
        return
    if isinstance(target, bool) or not isinstance(target, int | Decimal | Amount):
        return
    if figure.unit == "%" and figure.base:
        count = Fraction(target) if not isinstance(target, Amount) else Fraction(target.ore)
        share = 100 * count / figure.base
        if abs(share - Fraction(figure.value)) <= Fraction(figure.precision):
            return
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_(
                    "{key!r} is stated as {value} of {base} ({source}), but {ref} gives {count} of "
                    "them, {share}"
                ),
                key=figure.key,
                value=Num(figure.value, "%"),
                base=figure.base,
                source=figure.source,
                ref=_described(document, figure.refers_to),
                count=Num(count),
                share=Num(share, "%", 1),
            ),
            (place, Place(figure.refers_to, str(target))),
            cells=frozenset({("figure", figure.key)}),
        )
        return
    value = Fraction(target.ore, 100) if isinstance(target, Amount) else Fraction(target)
    factor = _KR_PER_UNIT.get(figure.unit, 1) if isinstance(target, Amount) else 1
    if abs(Fraction(figure.value) * factor - value) <= Fraction(figure.precision) * factor:
        return
    yield Candidate(
        Severity.ERROR,
        Message.of(
            N_("{key!r} is stated as {value} ({source}), but {ref} is {target}"),
            key=figure.key,
            value=Num(figure.value, figure.unit),
            source=figure.source,
            ref=_described(document, figure.refers_to),
            target=Kr.of(target) if isinstance(target, Amount) else str(target),
        ),
        (place, Place(figure.refers_to, str(target))),
        cells=frozenset({("figure", figure.key)}),
    )


def _figure_against_cell(
    analysis: Analysis, figure: StatedFigure, place: Place, index: int
) -> Iterator[Candidate]:
    assert figure.refers_to is not None
    reference, _, key = figure.refers_to.rpartition("/")
    found = analysis.line_ref(reference)
    if found is None or key not in found[0].column_at:
        yield Candidate(
            Severity.WARNING,
            Message.of(
                N_("{key!r} refers to {ref!r}, which the document does not have"),
                key=figure.key,
                ref=figure.refers_to,
            ),
            (Place(f"figures[{index}].refers_to", figure.refers_to),),
            cells=frozenset({("figure ref", figure.key)}),
        )
        return
    table, line = found
    column = table.column_at[key]
    cell = table.ore[line][column]
    if cell is None or figure.amount is None:
        return
    allowance = _slack(figure) + analysis.settings.rounding.allowance([table.rounding_unit(column)])
    gap = abs(figure.amount.ore) - abs(cell)
    severity = analysis.settings.judge(gap, allowance=allowance, base=cell, severity=Severity.ERROR)
    if severity is None:
        return
    yield Candidate(
        severity,
        Message.of(
            N_("{key!r} is stated as {value} ({source}), but {table} shows {cell}"),
            key=figure.key,
            value=Num(figure.value or 0, figure.unit),
            source=figure.source,
            table=table.statement.title,
            cell=Kr(abs(cell)),
        ),
        (place, table.place(line, column)),
        cells=frozenset({("figure", figure.key), table.cell(line, column)}),
        solves=(
            table.suspect(
                line, column, figure.amount.ore if cell >= 0 else -figure.amount.ore, allowance
            ),
        ),
    )


# -- the forecast ----------------------------------------------------------------------------------


def forecast_arithmetic(context: Context) -> Iterator[Candidate]:
    """Forecast arithmetic: closing equity and the equity share follow from the table."""
    analysis = context.analysis
    document = analysis.document
    forecast = None if document is None else document.forecast
    if forecast is None:
        return
    table = analysis.table(forecast.statement)
    if table is None:
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_("the forecast refers to table {title!r}, which the document lacks"),
                title=forecast.statement,
            ),
            (Place("forecast.statement", forecast.statement),),
            cells=frozenset({("forecast", "table")}),
        )
        return
    prognos = table.column_of(ColumnKind.FORECAST)
    budget = table.column_of(ColumnKind.BUDGET)
    results = [i for i, line in enumerate(table.lines) if line.role is LineRole.RESULT]
    if prognos is None or not results or table.canonical[results[-1]][prognos] is None:
        return
    result = table.canonical[results[-1]][prognos]
    assert result is not None
    settings = analysis.settings
    if forecast.opening_equity is not None and forecast.closing_equity is not None:
        expected = forecast.opening_equity.ore + result
        gap = forecast.closing_equity.ore - expected
        allowance = settings.rounding.allowance([table.unit] * 3)
        severity = settings.judge(gap, allowance=allowance, base=expected, severity=Severity.ERROR)
        if severity is not None:
            yield Candidate(
                severity,
                Message.of(
                    N_(
                        "forecast closing equity {closing} is not opening equity {opening} plus "
                        "the forecast result {result}"
                    ),
                    closing=Kr.of(forecast.closing_equity),
                    opening=Kr.of(forecast.opening_equity),
                    result=Kr(result),
                ),
                (Place("forecast.closing_equity", Kr.of(forecast.closing_equity).text("sv")),),
                cells=frozenset({("forecast", "equity")}),
            )
    revenue_totals = [
        i for i, x in enumerate(table.lines) if x.role is LineRole.REVENUE and x.is_total
    ]
    if (
        forecast.equity_share_percent is not None
        and forecast.closing_equity is not None
        and budget is not None
        and revenue_totals
        and (revenue := table.canonical[revenue_totals[-1]][budget])
    ):
        share = Fraction(forecast.closing_equity.ore * 100, 1) / Fraction(revenue)
        slack = Fraction(printed_precision(forecast.equity_share_percent))
        if abs(share - Fraction(forecast.equity_share_percent)) > slack:
            yield Candidate(
                Severity.ERROR,
                Message.of(
                    N_(
                        "forecast equity share stated as {stated}, but {closing} of budgeted "
                        "revenue {revenue} is {share}"
                    ),
                    stated=Num(forecast.equity_share_percent, "%"),
                    closing=Kr.of(forecast.closing_equity),
                    revenue=Kr(revenue),
                    share=Num(share, "%", 1),
                ),
                (Place("forecast.equity_share_percent", f"{forecast.equity_share_percent} %"),),
                cells=frozenset({("forecast", "share")}),
            )


# -- dates -----------------------------------------------------------------------------------------


def dates(context: Context) -> Iterator[Candidate]:
    """Dates are in order: a report decided after its period, a period after the förbund was
    formed, ongoing insatser within the period, budgets within an insats's period, a note's
    columns dated as the statement it explains."""
    from finsam.insats import Status
    from finsam.reports import Plan

    analysis = context.analysis
    document = analysis.document
    if document is None:
        return
    period = document.period
    decided = document.decided
    if decided is not None and decided < period.end and not isinstance(document, Plan):
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_("the report was decided on {decided}, before its period ended ({end})"),
                decided=decided,
                end=period.end,
            ),
            (Place("decided", str(decided)),),
            cells=frozenset({("decided",)}),
        )
    founded = analysis.forbund.founded
    if founded is not None and period.end < founded:
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_("the period {period} ends before the förbund was formed ({founded})"),
                period=period,
                founded=founded,
            ),
            (Place("period", str(period)),),
            cells=frozenset({("period",)}),
        )
    for index, insats in enumerate(document.insatser):
        if insats.period is None:
            continue
        if insats.status is Status.ONGOING and not insats.period.overlaps(period):
            yield Candidate(
                Severity.WARNING,
                Message.of(
                    N_(
                        "{insats} is said to be ongoing, but its period {own} lies outside the "
                        "report period {period}"
                    ),
                    insats=insats.name,
                    own=insats.period,
                    period=period,
                ),
                (Place(f"insatser[{index}].period", str(insats.period)),),
                cells=frozenset({("insats", index, "period")}),
            )
        for y_index, year_budget in enumerate(insats.budgets):
            if not insats.period.start.year <= year_budget.year <= insats.period.end.year:
                yield Candidate(
                    Severity.WARNING,
                    Message.of(
                        N_("{insats} has a budget for {year}, outside its period {own}"),
                        insats=insats.name,
                        year=year_budget.year,
                        own=insats.period,
                    ),
                    (Place(f"insatser[{index}].budgets[{y_index}]", str(year_budget.year)),),
                    cells=frozenset({("insats", index, "period")}),
                )
    yield from _note_dates(analysis)


_DATE_LABEL = re.compile(r"\b(\d{4}-\d{1,2}-\d{1,2}|\d{2}-\d{2}-\d{2})\s*$")


def _note_dates(analysis: Analysis) -> Iterator[Candidate]:
    """A note's column dated otherwise than the same column of the statement it explains."""
    for table, _total, other, _line, why in analysis.links:
        if why != "note":
            continue
        for column, other_column in analysis.shared_columns(table, other):
            label = table.statement.columns[column].label
            period = other.statement.columns[other_column].period
            match = _DATE_LABEL.search(label)
            if match is None or period is None:
                continue
            try:
                day = parse_date(match[1])
            except ValueError:
                continue  # an impossible date: reported with the printed texts
            if day == period.end:
                continue
            yield Candidate(
                Severity.INFO,
                Message.of(
                    N_("{note} dates its column {label!r}, but {statement} has it as {end}"),
                    note=table.statement.title,
                    label=label,
                    statement=other.statement.title,
                    end=period.end,
                ),
                (Place(f"statements[{table.index}].columns[{column}].label", label),),
                cells=frozenset({("column date", table.index, column)}),
            )


# -- the same quantity in two tables ---------------------------------------------------------------


def same_quantity(context: Context) -> Iterator[Candidate]:
    """A line stating the same quantity as a line of another table agrees with it: ``same_as``
    links, and a table's total against the line it breaks down. One finding per pair of lines
    and severity, naming every column in which they disagree."""
    analysis = context.analysis
    settings = analysis.settings
    for table, line, other, other_line, why in analysis.links:
        if why == "note":
            continue  # FS-ACC-004 compares a note with the line it explains
        differences = []
        for column, other_column in analysis.shared_columns(table, other):
            here = table.canonical[line][column]
            there = other.canonical[other_line][other_column]
            if here is None or there is None or here == there:
                continue
            allowance = settings.rounding.allowance(
                [table.rounding_unit(column), other.rounding_unit(other_column)]
            )
            gap = here - there
            severity = settings.judge(
                gap, allowance=allowance, base=max(abs(here), abs(there)), severity=Severity.ERROR
            )
            if severity is not None:
                differences.append((column, other_column, here, there, allowance, severity))
        # One finding per pair of lines and severity: columns that disagree alike (a budget
        # and its part-year both off) are one problem; a column off by a trifle beside one
        # off by a real amount (500 kr and 109 156 kr) are two.
        for severity in sorted({d[5] for d in differences}, key=lambda s: -s.rank):
            alike = [d for d in differences if d[5] is severity]
            places: list[Place] = []
            suspects = []
            for column, other_column, here, there, allowance, _severity in alike:
                places += [table.place(line, column), other.place(other_line, other_column)]
                here_printed = table.ore[line][column]
                there_printed = other.ore[other_line][other_column]
                assert here_printed is not None
                assert there_printed is not None
                here_sign = 1 if (here_printed >= 0) == (here >= 0) else -1
                there_sign = 1 if (there_printed >= 0) == (there >= 0) else -1
                suspects += [
                    table.suspect(line, column, there * here_sign, allowance),
                    other.suspect(other_line, other_column, here * there_sign, allowance),
                ]
            yield Candidate(
                severity,
                Message.of(
                    N_(
                        "{table}: {label!r} and {other}: {other_label!r} state the same "
                        "quantity but disagree: {details}"
                    ),
                    table=table.statement.title,
                    label=table.lines[line].label,
                    other=other.statement.title,
                    other_label=other.lines[other_line].label,
                    details="; ".join(
                        f"{table.statement.columns[c].label} {shown(Kr(abs(h)))} / "
                        f"{shown(Kr(abs(t)))}"
                        for c, _oc, h, t, _a, _s in alike
                    ),
                ),
                tuple(places),
                cells=frozenset(
                    cell
                    for c, oc, *_rest in alike
                    for cell in (table.cell(line, c), other.cell(other_line, oc))
                ),
                solves=tuple(suspects),
            )


# -- budgets ---------------------------------------------------------------------------------------


def budget_arithmetic(context: Context) -> Iterator[Candidate]:
    """A budget's printed totals and its insatsmedel parts add up (decided figures: exact)."""
    document = context.analysis.document
    budget = None if document is None else document.budget
    if budget is None:
        return
    settings = context.analysis.settings
    for name, stated_values, compute, what in [
        ("stated_revenue", budget.stated_revenue, budget.revenue, N_("revenue")),
        ("stated_costs", budget.stated_costs, budget.costs, N_("costs")),
    ]:
        for index, (year, stated) in enumerate(zip(budget.years, stated_values, strict=False)):
            if stated is None:
                continue
            computed = compute(year)
            severity = settings.judge(
                stated.ore - computed.ore, allowance=0, base=computed.ore, severity=Severity.ERROR
            )
            if severity is None:
                continue
            yield Candidate(
                severity,
                Message.of(
                    N_(
                        "budget {year}: total {what} printed as {stated}, but the lines sum "
                        "to {computed}"
                    ),
                    year=year,
                    what=Word(what),
                    stated=Kr.of(stated),
                    computed=Kr.of(computed),
                ),
                (Place(f"budget.{name}[{index}]", Kr.of(stated).text("sv")),),
                cells=frozenset({("budget", name, year)}),
            )
    for l_index, line in enumerate(budget.lines):
        if not line.granted or not line.available:
            continue
        for index, year in enumerate(budget.years):
            if index >= min(len(line.amounts), len(line.granted), len(line.available)):
                continue
            whole, granted, available = (
                line.amounts[index],
                line.granted[index],
                line.available[index],
            )
            if whole is None or granted is None or available is None:
                continue
            gap = granted.ore + available.ore - whole.ore
            severity = settings.judge(gap, allowance=0, base=whole.ore, severity=Severity.ERROR)
            if severity is None:
                continue
            line_path = f"budget.lines[{l_index}]"
            places = [
                Place(f"{line_path}.amounts[{index}]", Kr.of(whole).text("sv")),
                Place(f"{line_path}.granted[{index}]", Kr.of(granted).text("sv")),
                Place(f"{line_path}.available[{index}]", Kr.of(available).text("sv")),
            ]
            template = N_(
                "budget {year}: {label} {whole}, but already granted {granted} and available "
                "for new insatser {available} make {sum}"
            )
            stated = budget.stated_costs[index] if index < len(budget.stated_costs) else None
            if stated is not None and stated == budget.costs(year):
                # The line agrees with the printed total costs: the misprint is in a part.
                places = [*places[1:], places[0]]
                template = N_(
                    "budget {year}: {label} {whole}, but already granted {granted} and available "
                    "for new insatser {available} make {sum}; {whole} agrees with the printed "
                    "total costs, so one of the parts is misprinted"
                )
            yield Candidate(
                severity,
                Message.of(
                    template,
                    year=year,
                    label=line.label,
                    whole=Kr.of(whole),
                    granted=Kr.of(granted),
                    available=Kr.of(available),
                    sum=Kr(granted.ore + available.ore),
                ),
                tuple(places),
                cells=frozenset({("budget", l_index, year)}),
            )


# -- placeholders ----------------------------------------------------------------------------------


def placeholder_amounts(context: Context) -> Iterator[Candidate]:
    """Insats budgets and outcomes that are placeholders (a budget and outcome of 1 kr), not
    figures."""
    analysis = context.analysis
    document = analysis.document
    if document is None:
        return
    below = analysis.settings.placeholder_below
    for index, insats in enumerate(document.insatser):
        found = [
            (b_index, name, amount)
            for b_index, year in enumerate(insats.budgets)
            for name, amount in (("budget", year.budget), ("outcome", year.outcome))
            if amount is not None and 0 < amount.ore < below.ore
        ]
        if not found:
            continue
        yield Candidate(
            Severity.INFO,  # a gap in the documentation: no figure is given
            Message.of(
                N_("{insats}: {amounts} look like placeholders, not figures (below {below})"),
                insats=insats.name,
                amounts=", ".join(
                    Message.of(
                        N_("budget {year} {amount}")
                        if name == "budget"
                        else N_("outcome {year} {amount}"),
                        year=insats.budgets[b].year,
                        amount=Kr.of(amount),
                    ).render()
                    for b, name, amount in found
                ),
                below=Kr.of(below),
            ),
            tuple(
                Place(f"insatser[{index}].budgets[{b}].{name}", Kr.of(amount).text("sv"))
                for b, name, amount in found
            ),
            cells=frozenset({("insats", index, "placeholder")}),
        )


# -- an insats stated in several places ------------------------------------------------------------


def insats_statements(context: Context) -> Iterator[Candidate]:
    """What other places of a document state about an insats agrees with its description:
    its period, its budget and outcome per year, its participants and outcome shares."""
    document = context.analysis.document
    if document is None:
        return
    for index, insats in enumerate(document.insatser):
        for s_index, other in enumerate(insats.also_stated):
            path = f"insatser[{index}].also_stated[{s_index}]"
            source = insats.source or Message.of(N_("its description")).render()
            differences: list[tuple[Message, str, str, Severity]] = []
            if (
                other.period is not None
                and insats.period is not None
                and other.period != insats.period
            ):
                differences.append(
                    # Info: two periods may be of different things (a project and its insats).
                    (Message.of(N_("period")), str(insats.period), str(other.period), Severity.INFO)
                )
            for year in other.budgets:
                own = insats.budget_for(year.year)
                if own is None:
                    continue
                for what, mine, theirs in (
                    (N_("budget {year}"), own.total_budget, year.total_budget),
                    (N_("outcome {year}"), own.total_outcome, year.total_outcome),
                ):
                    if mine is not None and theirs is not None and mine != theirs:
                        differences.append(
                            (
                                Message.of(what, year=year.year),
                                shown(Kr.of(mine)),
                                shown(Kr.of(theirs)),
                                Severity.ERROR,
                            )
                        )
            if other.participants is not None and insats.participants is not None:
                mine_total, theirs_total = insats.participants.total, other.participants.total
                if (
                    mine_total is not None
                    and theirs_total is not None
                    and mine_total != theirs_total
                ):
                    differences.append(
                        (
                            Message.of(N_("participants")),
                            str(mine_total),
                            str(theirs_total),
                            Severity.ERROR,
                        )
                    )
            if (
                other.outcomes is not None
                and insats.outcomes is not None
                and other.outcomes.shares != insats.outcomes.shares
            ):
                differences.append(
                    (
                        Message.of(N_("outcome shares")),
                        _shares_text(insats.outcomes),
                        _shares_text(other.outcomes),
                        Severity.ERROR,
                    )
                )
            if not differences:
                continue
            severity = max((d[3] for d in differences), key=lambda s: s.rank)
            yield Candidate(
                severity,
                Message.of(
                    N_(
                        "{insats}: the sections {source!r} and {other!r} state it differently: "
                        "{differences}"
                    ),
                    insats=insats.name,
                    source=source,
                    other=other.source,
                    differences="; ".join(
                        f"{what.render()} {mine} / {theirs}"
                        for what, mine, theirs, _s in differences
                    ),
                ),
                (Place(path, other.source), Place(f"insatser[{index}]", insats.name)),
                cells=frozenset({("insats", index, "stated", s_index)}),
            )


# -- the insatser and the insatsmedel line ---------------------------------------------------------


def insatser_and_insatsmedel(context: Context) -> Iterator[Candidate]:
    """The insatser's outcomes for the year add up to no more than the insatsmedel line of the
    follow-up shows, and what that line shows beyond them is named."""
    from finsam.accounts import StatementKind

    analysis = context.analysis
    document = analysis.document
    period = analysis.period
    if document is None or period is None:
        return
    year = period.start.year
    budgets = [
        (index, budget)
        for index, insats in enumerate(document.insatser)
        if (budget := insats.budget_for(year)) is not None and budget.total_outcome is not None
    ]
    if len(budgets) < 2:
        return
    for table in analysis.tables:
        if table.statement.kind not in (
            StatementKind.OPERATING_STATEMENT,
            StatementKind.BUDGET_FOLLOW_UP,
        ):
            continue
        outcome = table.column_of(ColumnKind.OUTCOME)
        if outcome is None or table.statement.columns[outcome].period != period:
            continue
        line = next(
            (i for i, row in enumerate(table.lines) if "insatsmedel" in row.label.lower()), None
        )
        if line is None or table.ore[line][outcome] is None:
            continue
        shown = abs(table.ore[line][outcome] or 0)
        spent = sum((b.total_outcome.ore for _i, b in budgets if b.total_outcome), 0)
        allowance = analysis.settings.rounding.allowance([table.unit, *([100] * len(budgets))])
        gap = spent - shown
        if abs(gap) > allowance and not _unread_amounts(document.insatser, year, "outcome"):
            if gap > 0:
                severity, template = (
                    Severity.ERROR,
                    N_(
                        "the insatser's outcomes for {year} add up to {spent}, more than the "
                        "{shown} {table} shows for insatsmedel"
                    ),
                )
            else:
                severity, template = (
                    Severity.INFO,
                    N_(
                        "{table} shows {shown} of insatsmedel spent, but the insatser describe "
                        "{spent}: {rest} is in no insats"
                    ),
                )
            yield Candidate(
                severity,
                Message.of(
                    template,
                    year=year,
                    spent=Kr(spent),
                    shown=Kr(shown),
                    table=table.statement.title,
                    rest=Kr(-gap),
                ),
                (table.place(line, outcome), *_year_places(document, budgets, "outcome")),
                cells=frozenset({("insatsmedel", year)}),
            )
        yield from _insatser_budgeted(analysis, table, line, year)
        return


def _unread_amounts(insatser: Any, year: int, side: str) -> bool:
    """Whether an insats prints its `side` ("budget", "outcome") for `year`, or a part of it,
    in a form that could not be read: a sum over the insatser is then unknown."""
    for insats in insatser:
        budget = insats.budget_for(year)
        if budget is None:
            continue
        for owner in (budget, *budget.parts):
            if getattr(owner, side) is None and owner.printed.get(side) is not None:
                return True
    return False


def _insatser_budgeted(analysis: Analysis, table: Any, line: int, year: int) -> Iterator[Candidate]:
    """The budget side: the insatser's budgets for the year against the insatsmedel frame."""
    document = analysis.document
    assert document is not None
    column = next(
        (
            c
            for c, heading in enumerate(table.statement.columns)
            if heading.kind is ColumnKind.BUDGET
            and heading.period is not None
            and heading.period == Period.year(year)
        ),
        None,
    )
    if column is None or table.ore[line][column] is None:
        return
    frame = abs(table.ore[line][column] or 0)
    budgeted = [
        (index, b)
        for index, insats in enumerate(document.insatser)
        if (b := insats.budget_for(year)) is not None and b.total_budget is not None
    ]
    if len(budgeted) < 2 or _unread_amounts(document.insatser, year, "budget"):
        return
    total = sum((b.total_budget.ore for _i, b in budgeted if b.total_budget), 0)
    gap = total - frame
    severity = analysis.settings.judge(gap, allowance=0, base=frame, severity=Severity.WARNING)
    if severity is None:
        return
    if gap < 0:
        severity = Severity.INFO  # money not yet given to an insats: worth a line, no more
        template = N_(
            "{table} budgets {frame} of insatsmedel for {year}, but the insatser are budgeted "
            "{total}: {rest} is budgeted in no insats"
        )
    else:
        template = N_(
            "the insatser are budgeted {total} for {year}, more than the {frame} of "
            "insatsmedel {table} budgets"
        )
    yield Candidate(
        severity,
        Message.of(
            template,
            table=table.statement.title,
            frame=Kr(frame),
            year=year,
            total=Kr(total),
            rest=Kr(-gap),
        ),
        (table.place(line, column), *_year_places(document, budgeted, "budget")),
        cells=frozenset({("insatsmedel", year)}),
    )


def _year_places(document: Any, budgets: list[tuple[int, Any]], which: str) -> list[Place]:
    """The places of insatser's year budgets, each with its budget or outcome as printed."""
    places = []
    for index, year in budgets:
        amount = year.total_budget if which == "budget" else year.total_outcome
        places.append(
            Place(
                f"insatser[{index}].budgets[{document.insatser[index].budgets.index(year)}]",
                Kr.of(amount).text("sv") if amount is not None else None,
            )
        )
    return places


# -- printed texts that cannot be read -------------------------------------------------------------

_FULL_DATE: Final = re.compile(r"\b\d{2,4}-\d{1,2}-\d{1,2}\b")


def _walked_fields(cls: Any) -> list[attrs.Attribute[Any]]:
    """The fields the walk below may enter: not the texts themselves, nor the förbund a
    report names (walked as a root of its own), nor fields that are not data."""
    return [
        field
        for field in attrs.fields(cls)
        if field.name not in ("printed", "forbund") and field.metadata.get("io") is not False
    ]


def _may_hold_printed(type_: Any, asked: frozenset[Any] = frozenset()) -> bool:
    """Whether a field of this type can hold an attrs object that keeps printed texts, on
    itself or on an object under it (`asked`: the classes this question is already about)."""
    if type_ is Any:
        return True
    if isinstance(type_, type):
        if not attrs.has(type_) or type_ in asked:  # a cycle brings no class not yet asked
            return False
        if "printed" in attrs.fields_dict(type_):
            return True
        hints = type_hints(type_)
        return any(
            _may_hold_printed(hints.get(field.name, Any), asked | {type_})
            for field in _walked_fields(type_)
        )
    return any(
        _may_hold_printed(arg, asked) for arg in typing.get_args(type_) if arg is not Ellipsis
    )


@cache
def _children(cls: Any) -> tuple[tuple[str, bool], ...]:
    """The fields of `cls` that can hold objects with printed texts (on them or under them),
    and whether each holds a tuple of them.

    Computed once per class, so that the walk below never enters amounts, periods, dates or
    anything else that cannot keep a printed text.
    """
    hints = type_hints(cls)
    children = []
    for field in _walked_fields(cls):
        type_ = hints.get(field.name, Any)
        if _may_hold_printed(type_):
            children.append((field.name, typing.get_origin(type_) is tuple))
    return tuple(children)


Path: TypeAlias = tuple[Any, ...]  # (parent path, field) or (parent path, field, index)


def _path_text(path: Path | str) -> str:
    if isinstance(path, str):
        return path
    parent = _path_text(path[0])
    step = f"{parent}.{path[1]}" if parent else path[1]
    return f"{step}[{path[2]}]" if len(path) == 3 else step


def _with_printed(value: Any, path: Path | str) -> list[tuple[Path | str, Any]]:
    """Every attrs object under `value` (in document order) that keeps printed texts."""
    found: list[tuple[Path | str, Any]] = []
    _collect_printed(value, path, found)
    return found


def _collect_printed(value: Any, path: Path | str, found: list[tuple[Path | str, Any]]) -> None:
    # Recursive calls into one list: nested generators would pass each item up every level.
    if getattr(value, "printed", None):
        found.append((path, value))
    for name, is_tuple in _children(cast(Hashable, type(value))):
        child = getattr(value, name)
        if child is None:
            continue
        if is_tuple:
            for index, item in enumerate(child):
                if attrs.has(type(item)):
                    _collect_printed(item, (path, name, index), found)
        elif attrs.has(type(child)):
            _collect_printed(child, (path, name), found)


@cache
def _field_type(cls: Any, field: str) -> Any:
    hints = type_hints(cls)
    base = field.split("[", 1)[0]
    type_ = hints.get(base)
    origin = typing.get_origin(type_)
    if origin is tuple:
        type_ = typing.get_args(type_)[0]
    args = [a for a in typing.get_args(type_) if a is not type(None)]
    return args[0] if typing.get_origin(type_) is not None and len(args) == 1 else type_


def _unread(owner: Any, field: str) -> bool:
    base, _, rest = field.partition("[")
    value = getattr(owner, base, None)
    if rest:
        index = int(rest.rstrip("]"))
        return isinstance(value, tuple) and index < len(value) and value[index] is None
    return value is None


def printed_texts(context: Context) -> Iterator[Candidate]:
    """Texts a document prints that cannot be read as what they stand for: an impossible date
    or period, a word outside a vocabulary, a number that is not one."""
    from finsam.forbund import OrgNumber
    from finsam.vocabulary import Worded

    analysis = context.analysis
    subject = context.subject
    roots: list[tuple[Any, str]] = [(subject, "")]
    if analysis.document is not None:
        roots.append((analysis.forbund, "forbund"))
    for root, prefix in roots:
        for steps, owner in _with_printed(root, prefix):
            path = _path_text(steps)
            for field, text in owner.printed:
                if not _unread(owner, field):
                    continue
                type_ = _field_type(cast(Hashable, type(owner)), field)
                where = f"{path}.{field}" if path else field
                if type_ in (dt.date, Period):
                    # A full date that does not exist is a misprint; a date left incomplete
                    # is a gap in the documentation.
                    severity = Severity.ERROR if _FULL_DATE.search(text) else Severity.INFO
                    template = N_(
                        "{text!r} is printed where a date or period belongs, and no "
                        "such date exists; kept as printed"
                    )
                    if severity is Severity.INFO:
                        template = N_(
                            "{text!r} is printed where a date or period belongs, but it "
                            "is incomplete or unreadable; kept as printed"
                        )
                elif isinstance(type_, type) and issubclass(type_, Worded):
                    severity = Severity.INFO
                    template = N_(
                        "{text!r} is not a word finsam knows for {what}; kept as printed "
                        "(see finsam.vocabulary)"
                    )
                elif type_ is OrgNumber:
                    severity = Severity.INFO
                    template = N_(
                        "the organisationsnummer is printed as {text!r}, which is not a "
                        "valid one; kept as printed"
                    )
                elif is_not_a_figure(text) or _is_memo_cell(owner, field):
                    continue  # "Inga", "-": a word where a figure could stand, not a misprint
                elif isinstance(type_, type) and issubclass(type_, enum.Enum):
                    severity = Severity.INFO
                    template = N_(
                        "{text!r} is not a value finsam knows for {what}; kept as printed"
                    )
                else:
                    severity = Severity.INFO  # the figure is unknown, not contradicted
                    template = N_(
                        "{text!r} cannot be read as {what}; kept as printed, and left "
                        "out of the arithmetic"
                    )
                yield Candidate(
                    severity,
                    Message.of(template, text=text, what=_what(type_)),
                    (Place(where, text),),
                    cells=frozenset({("printed", where)}),
                )


def _is_memo_cell(owner: Any, field: str) -> bool:
    from finsam.accounts import Line

    return isinstance(owner, Line) and owner.role is LineRole.MEMO


def _what(type_: Any) -> str:
    names = {
        Amount: N_("an amount"),
        Decimal: N_("a number"),
        int: N_("a whole number"),
    }
    if type_ in names:
        return Message.of(names[type_]).render()
    words = {
        "Assessment": N_("an assessment"),
        "Orientation": N_("an orientation"),
        "RegistrationMode": N_("a registration kind"),
        "Status": N_("a status"),
        "BoardRole": N_("a board role"),
        "OutcomeGroup": N_("an outcome group"),
        "AgeBand": N_("an age band"),
    }
    name = getattr(type_, "__name__", "")
    return Message.of(words.get(name, N_("a value"))).render()


#: The consistency checks, in the order they run.
CONSISTENCY_CHECKS = [
    Check(
        "FS-CON-001",
        "consistency",
        "stated head counts equal the sum of their parts (participants by gender, board seats)",
        _CONSISTENCY,
        head_counts,
    ),
    Check(
        "FS-CON-002",
        "consistency",
        "outcome shares of an insats add up to at most 100 % (and to a stated total)",
        _CONSISTENCY,
        outcome_shares,
    ),
    Check(
        "FS-CON-003",
        "consistency",
        "a figure stated twice agrees with itself and with the table cell or data it refers to",
        _CONSISTENCY,
        stated_figures,
    ),
    Check(
        "FS-CON-004",
        "consistency",
        "forecast arithmetic: closing equity and the equity share follow from the table",
        _CONSISTENCY,
        forecast_arithmetic,
    ),
    Check(
        "FS-CON-005",
        "consistency",
        "dates are in order, and insatser in progress overlap the report period",
        _CONSISTENCY,
        dates,
    ),
    Check(
        "FS-CON-006",
        "consistency",
        "a line that states the same quantity as another table agrees with it",
        _CONSISTENCY,
        same_quantity,
    ),
    Check(
        "FS-CON-007",
        "consistency",
        "a budget's printed totals and its insatsmedel parts add up",
        _CONSISTENCY,
        budget_arithmetic,
    ),
    Check(
        "FS-CON-008",
        "consistency",
        "percentages of people are possible and agree with the counts printed beside them",
        _CONSISTENCY,
        percentages_and_counts,
    ),
    Check(
        "FS-CON-009",
        "consistency",
        "insats budgets and outcomes are figures, not placeholders",
        _CONSISTENCY,
        placeholder_amounts,
    ),
    Check(
        "FS-CON-010",
        "consistency",
        "an insats stated in several places agrees: period, budget, participants, outcomes",
        _CONSISTENCY,
        insats_statements,
    ),
    Check(
        "FS-CON-011",
        "consistency",
        "printed texts can be read: dates and periods exist, words are in the vocabulary",
        _CONSISTENCY,
        printed_texts,
    ),
    Check(
        "FS-CON-012",
        "consistency",
        "the insatser's outcomes agree with the insatsmedel line of the follow-up",
        _CONSISTENCY,
        insatser_and_insatsmedel,
    ),
]
