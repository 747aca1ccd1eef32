"""Accounting checks (LKBR, lag 2018:597): totals, the balance, equity, notes, derived columns,
the interim period and the parts of an annual report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Final

from finsam.accounts import ColumnKind, LineRole, StatementKind
from finsam.money import printed_places
from finsam.rules._analysis import Table
from finsam.rules._core import Candidate, Check, Context, Place, Suspect
from finsam.rules._messages import N_, Kr, Message, Num, shown
from finsam.rules._settings import Severity

__all__ = ["ACCOUNTING_CHECKS"]

_LKBR = "LKBR (2018:597)"


#: FS-ACC-001's message by (a total of one line, the sign is wrong).
_TOTAL_MESSAGES: Final = {
    (False, False): N_(
        "{table}: {label!r} ({column}) is printed as {printed}, but its {count} lines sum to "
        "{computed} (difference {gap})"
    ),
    (False, True): N_(
        "{table}: {label!r} ({column}) is printed as {printed}, but its {count} lines sum to "
        "{computed}: the sign is wrong"
    ),
    (True, False): N_(
        "{table}: {label!r} ({column}) is printed as {printed}, but its one line gives "
        "{computed} (difference {gap})"
    ),
    (True, True): N_(
        "{table}: {label!r} ({column}) is printed as {printed}, but its one line gives "
        "{computed}: the sign is wrong"
    ),
}


def stated_totals(context: Context) -> Iterator[Candidate]:
    """Every stated total equals the sum of its lines, within the rounding of its figures."""
    analysis = context.analysis
    settings = analysis.settings
    for table in analysis.tables:
        for line, row in enumerate(table.lines):
            if not row.is_total:
                continue
            parts = table.parts(line)
            factor = table.statement.convention.canonical_factor(row.role)
            blanks: list[tuple[int, int]] = []
            for column in range(len(table.keys)):
                printed = table.ore[line][column]
                computed = table.total(line, column)
                if computed is None or table.percent[column]:
                    continue
                if printed is None:
                    # A total printed without any figure at all, though its lines have them.
                    if all(v is None for v in row.values) and not row.printed:
                        blanks.append((column, computed))
                    continue
                if printed == computed:  # most totals: no gap, whatever the allowance
                    continue
                given = [p for p in parts if table.ore[p][column] is not None]
                unit = table.rounding_unit(column)
                allowance = settings.rounding.allowance([unit] * (len(given) + 1))
                gap = printed - computed
                severity = settings.judge(
                    gap,
                    allowance=allowance,
                    base=max(abs(printed), abs(computed)),
                    severity=Severity.ERROR,
                )
                if severity is None:
                    continue
                suspects = [table.suspect(line, column, computed, allowance)]
                for part in given:
                    part_factor = table.statement.convention.canonical_factor(
                        table.lines[part].role
                    )
                    value = table.ore[part][column]
                    assert value is not None
                    suspects.append(
                        table.suspect(part, column, value + gap * factor * part_factor, allowance)
                    )
                sign_wrong = bool(printed) and abs(printed + computed) <= allowance
                template = _TOTAL_MESSAGES[len(given) == 1, sign_wrong]
                yield Candidate(
                    severity,
                    Message.of(
                        template,
                        table=table.statement.title,
                        label=row.label,
                        column=table.statement.columns[column].label,
                        printed=Kr(printed),
                        count=len(given),
                        computed=Kr(computed),
                        gap=Kr(gap),
                    ),
                    (table.place(line, column),),
                    cells=frozenset(
                        {table.cell(line, column), *(table.cell(p, column) for p in given)}
                    ),
                    solves=tuple(suspects),
                )
            if blanks:
                yield _blank_total(table, line, blanks)


def _blank_total(table: Table, line: int, blanks: list[tuple[int, int]]) -> Candidate:
    """A stated total printed without any figure while its lines have figures."""
    row = table.lines[line]
    return Candidate(
        Severity.INFO,
        Message.of(
            N_("{table}: {label!r} is printed without figures, though its lines give {sums}"),
            table=table.statement.title,
            label=row.label,
            sums="; ".join(
                f"{shown(Kr(computed))} ({table.statement.columns[column].label})"
                for column, computed in blanks
            ),
        ),
        tuple(table.place(line, column) for column, _computed in blanks),
        cells=frozenset({("blank total", table.index, line)}),
    )


def balance_identity(context: Context) -> Iterator[Candidate]:
    """Assets equal equity plus liabilities in every column of a balance sheet."""
    analysis = context.analysis
    settings = analysis.settings
    for table in analysis.tables:
        if table.statement.kind is not StatementKind.BALANCE_SHEET:
            continue
        for column, heading in enumerate(table.statement.columns):
            if heading.kind.is_percent:
                continue
            figures = [
                line
                for line, row in enumerate(table.lines)
                if not row.is_total
                and table.ore[line][column] is not None
                and row.role in (LineRole.ASSET, LineRole.EQUITY, LineRole.LIABILITY)
            ]
            if not figures:
                continue
            assets = table.sum_of(LineRole.ASSET, column)
            claims = table.sum_of(LineRole.EQUITY, column) + table.sum_of(
                LineRole.LIABILITY, column
            )
            allowance = settings.rounding.allowance([table.rounding_unit(column)] * len(figures))
            severity = settings.judge(
                assets - claims,
                allowance=allowance,
                base=max(abs(assets), abs(claims)),
                severity=Severity.ERROR,
            )
            if severity is None:
                continue
            yield Candidate(
                severity,
                Message.of(
                    N_(
                        "{table} ({column}): assets {assets} but equity and liabilities "
                        "{claims} (difference {gap})"
                    ),
                    table=table.statement.title,
                    column=heading.label,
                    assets=Kr(assets),
                    claims=Kr(claims),
                    gap=Kr(assets - claims),
                ),
                (Place(f"statements[{table.index}].columns[{column}]", heading.label),),
                cells=frozenset({("balance", table.index, column)}),
            )


def _opening_column(table: Table, year_start: dt.date) -> int | None:
    opening = table.column_of(ColumnKind.OPENING)
    if opening is not None:
        return opening
    for position, column in enumerate(table.statement.columns):
        if (
            column.kind is ColumnKind.COMPARISON
            and column.period is not None
            and column.period.end == year_start - dt.timedelta(days=1)
        ):
            return position
    return None


def equity_roll_forward(context: Context) -> Iterator[Candidate]:
    """Closing equity equals opening equity plus the period's result."""
    analysis = context.analysis
    settings = analysis.settings
    period = analysis.period
    income = next(
        (t for t in analysis.tables if t.statement.kind is StatementKind.INCOME_STATEMENT), None
    )
    if period is None or income is None:
        return
    outcome = income.column_of(ColumnKind.OUTCOME)
    results = [i for i, line in enumerate(income.lines) if line.role is LineRole.RESULT]
    if outcome is None or not results or income.canonical[results[-1]][outcome] is None:
        return
    result = income.canonical[results[-1]][outcome]
    assert result is not None
    for balance in analysis.tables:
        if balance.statement.kind is not StatementKind.BALANCE_SHEET:
            continue
        closing = balance.column_of(ColumnKind.OUTCOME, ColumnKind.CLOSING)
        opening = _opening_column(balance, dt.date(period.start.year, 1, 1))
        if closing is None or opening is None:
            continue
        equity = [
            i
            for i, line in enumerate(balance.lines)
            if line.role is LineRole.EQUITY and not line.is_total
        ]
        start = balance.sum_of(LineRole.EQUITY, opening)
        end = balance.sum_of(LineRole.EQUITY, closing)
        allowance = settings.rounding.allowance([balance.unit] * (2 * len(equity)) + [income.unit])
        gap = end - (start + result)
        severity = settings.judge(gap, allowance=allowance, base=end, severity=Severity.ERROR)
        if severity is None:
            continue
        yield Candidate(
            severity,
            Message.of(
                N_(
                    "closing equity {end} is not opening equity {start} plus the result "
                    "{result} (= {expected})"
                ),
                end=Kr(end),
                start=Kr(start),
                result=Kr(result),
                expected=Kr(start + result),
            ),
            (Place(f"statements[{balance.index}]", balance.statement.title),),
            cells=frozenset({("equity", balance.index)}),
        )


def notes_match_statements(context: Context) -> Iterator[Candidate]:
    """Each note's total equals the statement line it explains."""
    analysis = context.analysis
    settings = analysis.settings
    for table in analysis.tables:
        note = table.statement
        if note.kind is not StatementKind.NOTE or note.explains is None:
            continue
        totals = [i for i, line in enumerate(table.lines) if line.is_total]
        links = [
            (t, line, o, o_line)
            for t, line, o, o_line, why in analysis.links
            if why == "note" and t is table
        ]
        if not totals or not links:
            yield Candidate(
                Severity.WARNING,
                Message.of(
                    N_("{note}: cannot compare it with the statements: {why}"),
                    note=note.title,
                    why=(
                        Message.of(N_("it states no total")).render()
                        if not totals
                        else Message.of(
                            N_("no statement has {line!r}"), line=note.explains
                        ).render()
                    ),
                ),
                (Place(f"statements[{table.index}]", note.title),),
                cells=frozenset({("note", table.index)}),
            )
            continue
        (
            _table,
            total,
            other,
            line,
        ) = links[0]
        for column, other_column in analysis.shared_columns(table, other):
            in_note = table.canonical[total][column]
            in_statement = other.canonical[line][other_column]
            if in_note is None or in_statement is None or in_note == in_statement:
                continue
            parts = [p for p in table.parts(total) if table.ore[p][column] is not None]
            units = [table.rounding_unit(column)] * (len(parts) + 1)
            allowance = settings.rounding.allowance([*units, other.rounding_unit(other_column)])
            gap = in_note - in_statement
            severity = settings.judge(
                gap,
                allowance=allowance,
                base=max(abs(in_note), abs(in_statement)),
                severity=Severity.ERROR,
            )
            if severity is None:
                continue
            note_value, statement_value = table.ore[total][column], other.ore[line][other_column]
            assert note_value is not None
            assert statement_value is not None
            note_factor = note.convention.canonical_factor(table.lines[total].role)
            line_factor = other.statement.convention.canonical_factor(other.lines[line].role)
            yield Candidate(
                severity,
                Message.of(
                    N_(
                        "{note} totals {in_note} ({column}), but {statement} states {in_statement} "
                        "for {line!r}"
                    ),
                    note=note.title,
                    in_note=Kr(abs(in_note)),
                    column=note.columns[column].label,
                    statement=other.statement.title,
                    in_statement=Kr(abs(in_statement)),
                    line=note.explains,
                ),
                (table.place(total, column), other.place(line, other_column)),
                cells=frozenset({table.cell(total, column), other.cell(line, other_column)}),
                solves=(
                    table.suspect(total, column, in_statement * note_factor, allowance),
                    other.suspect(line, other_column, in_note * line_factor, allowance),
                ),
            )


def _expected_column(table: Table, column: int) -> list[Fraction | int | None]:
    """What each cell of a derived amount column (a deviation, a closing balance) should be
    from its operands, in öre; None where an operand is blank."""
    heading = table.statement.columns[column]
    first, second = (table.column_at[key] for key in heading.of)
    deviation = heading.kind is ColumnKind.DEVIATION
    in_ore = not (table.percent[first] or table.percent[second])
    expected: list[Fraction | int | None] = []
    for line, row in enumerate(table.ore):
        if in_ore:  # amounts from amounts: whole öre, as the analysis holds them
            a, b = row[first], row[second]
            if a is None or b is None:
                expected.append(None)
            else:
                expected.append(a - b if deviation else a + b)
            continue
        shown_a, shown_b = table.printed(line, first), table.printed(line, second)
        if shown_a is None or shown_b is None:
            expected.append(None)
            continue
        one, other = Fraction(shown_a), Fraction(shown_b)
        expected.append((one - other if deviation else one + other) * table.unit)
    return expected


def _expected_share(table: Table, line: int, column: int) -> tuple[int, int] | None:
    """What a derived percentage should be from its operands, as the exact ratio
    (numerator, positive denominator); None when an operand is blank or divides by zero."""
    heading = table.statement.columns[column]
    values = [table.printed(line, table.column_at[key]) for key in heading.of]
    if heading.kind is ColumnKind.PERCENT_REST:
        (share,) = values
        if share is None:
            return None
        numerator, denominator = share.as_integer_ratio()
        return 100 * denominator - numerator, denominator
    part, whole = values
    if part is None or whole is None or not whole:
        return None
    part_n, part_d = part.as_integer_ratio()
    whole_n, whole_d = whole.as_integer_ratio()
    numerator, denominator = 100 * part_n * whole_d, part_d * whole_n
    return (numerator, denominator) if denominator > 0 else (-numerator, -denominator)


def _inverse_half_digit(value: Decimal) -> int:
    """1 / half the last printed digit of `value`: 20 for 16,7 (0,05), 2 for 43."""
    return 2 * int(10 ** printed_places(value))  # int(): typeshed types int ** int as Any


def column_relations(context: Context) -> Iterator[Candidate]:
    """Derived columns follow from theirs: deviation, closing balance, used and unused shares."""
    analysis = context.analysis
    for table in analysis.tables:
        for column, heading in enumerate(table.statement.columns):
            if not heading.of:
                continue
            if heading.kind.is_percent:
                yield from _percent_column(table, column)
            else:
                yield from _amount_column(context, table, column)


def _percent_column(table: Table, column: int) -> Iterator[Candidate]:
    heading = table.statement.columns[column]
    rest = heading.kind is ColumnKind.PERCENT_REST
    for line, row in enumerate(table.lines):
        printed = table.printed(line, column)
        if printed is None:
            continue
        found = _expected_share(table, line, column)
        if found is None:
            continue
        operands = [table.column_at[key] for key in heading.of]
        # A printed share stands for anything within half its last digit. A "rest" column is
        # 100 minus a share, the two rounded each on its own: 57 % used and 44 % left are
        # both right for 56,5 and 43,5, so each may be half a last digit off.
        halves = [_inverse_half_digit(printed)]
        if rest:
            shares = [table.printed(line, c) for c in operands]
            halves += [_inverse_half_digit(share) for share in shares if share is not None]
        # |printed − expected| ≤ the sum of 1/h over `halves`, in integers: with printed =
        # p/q, expected = e/f and that sum = s/d, |p·f − e·q|·d ≤ s·q·f.
        p, q = printed.as_integer_ratio()
        e, f = found
        d = max(halves)
        s = sum(d // h for h in halves)
        if abs(p * f - e * q) * d <= s * q * f:
            continue
        expected, slack = Fraction(e, f), Fraction(s, d)
        suspects = [
            Suspect(
                table.cell(line, column),
                expected,
                slack,
                table.place(line, column),
                table.label(line, column),
                1,
                percent=True,
            )
        ]
        if rest:  # or the share it is the rest of is the misprint (95 % used, 0 % left)
            suspects += [
                Suspect(
                    table.cell(line, operand),
                    100 - Fraction(printed),
                    slack,
                    table.place(line, operand),
                    table.label(line, operand),
                    1,
                    percent=True,
                )
                for operand in operands
            ]
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_("{table}: {label!r} shows {printed} in {column!r}, but it should be {expected}"),
                table=table.statement.title,
                label=row.label,
                printed=Num(printed, "%"),
                column=heading.label,
                expected=Num(expected, "%", 1),
            ),
            (table.place(line, column),),
            cells=frozenset({table.cell(line, column)}),
            solves=tuple(suspects),
        )


def _amount_column(context: Context, table: Table, column: int) -> Iterator[Candidate]:
    settings = context.analysis.settings
    heading = table.statement.columns[column]
    gaps: dict[int, tuple[Fraction, Fraction | int, list[int]]] = {}
    operands = [table.column_at[key] for key in heading.of]
    allowance = settings.rounding.allowance(table.rounding_unit(c) for c in (column, *operands))
    for line, expected in enumerate(_expected_column(table, column)):
        printed = table.ore[line][column]
        if printed is None or expected is None:
            continue
        gap = printed - expected
        if (gap if gap >= 0 else -gap) > allowance:
            gaps[line] = (Fraction(gap), allowance, operands)
    if not gaps:
        return
    # A total line whose gap is the sum of its parts' gaps only repeats them: its places
    # join the parts' finding.
    repeated: dict[int, list[int]] = {}
    for line in list(gaps):
        parts = [p for p in table.parts(line) if p in gaps]
        if parts and abs(gaps[line][0] - sum(gaps[p][0] for p in parts)) <= gaps[line][1]:
            for part in parts:
                repeated.setdefault(part, []).append(line)
            del gaps[line]
    # In a ledger, two lines off by the same amount in opposite directions are one booking on
    # the wrong line: the change column's totals still agree.
    paired: set[int] = set()
    if heading.kind is ColumnKind.CLOSING:
        change = table.column_at[heading.of[-1]]
        for line, (gap, allowance, _operands) in sorted(gaps.items()):
            if line in paired:
                continue
            partner = next(
                (
                    other
                    for other, (g, a, _o) in sorted(gaps.items())
                    if other != line and other not in paired and abs(g + gap) <= a + allowance
                ),
                None,
            )
            if partner is None:
                continue
            paired |= {line, partner}
            yield Candidate(
                settings.judge(gap, allowance=allowance, base=gap, severity=Severity.ERROR)
                or Severity.INFO,
                Message.of(
                    N_(
                        "{table}: {first!r} and {second!r} are {gap} off in opposite directions "
                        "({column} = {opening} + {change}): {amount} seems booked on the wrong "
                        "line in {change}"
                    ),
                    table=table.statement.title,
                    first=table.lines[line].label,
                    second=table.lines[partner].label,
                    gap=Kr(abs(gap)),
                    column=heading.label,
                    opening=table.statement.columns[table.column_at[heading.of[0]]].label,
                    change=table.statement.columns[change].label,
                    amount=Kr(abs(gap)),
                ),
                (
                    table.place(line, change),
                    table.place(partner, change),
                    table.place(line, column),
                    table.place(partner, column),
                    *(
                        table.place(t, column)
                        for t in repeated.get(line, []) + repeated.get(partner, [])
                    ),
                ),
                cells=frozenset({table.cell(line, change), table.cell(partner, change)}),
            )
    for line, (gap, allowance, operands) in sorted(gaps.items()):
        if line in paired:
            continue
        printed = table.ore[line][column]
        assert printed is not None
        expected = printed - gap
        severity = settings.judge(
            gap,
            allowance=allowance,
            base=max(Fraction(abs(printed)), abs(expected)),
            severity=Severity.ERROR,
        )
        if severity is None:
            continue
        operand_suspects = []
        for position, operand in enumerate(operands):
            value = table.ore[line][operand]
            if value is None:
                continue
            # deviation a − b and closing a + b: how each operand would have to move
            sign = -1 if heading.kind is ColumnKind.DEVIATION and position == 1 else 1
            operand_suspects.append(table.suspect(line, operand, value + gap * sign, allowance))
        names = ", ".join(repr(table.statement.columns[c].label) for c in operands)
        yield Candidate(
            severity,
            Message.of(
                N_(
                    "{table}: {label!r} shows {printed} in {column!r}, but {operands} give "
                    "{expected}"
                ),
                table=table.statement.title,
                label=table.lines[line].label,
                printed=Num(table.printed(line, column) or 0, table.statement.unit.value),
                column=heading.label,
                operands=names,
                expected=Num(expected / table.unit, table.statement.unit.value),
            ),
            (table.place(line, column), *(table.place(t, column) for t in repeated.get(line, []))),
            cells=frozenset({table.cell(line, column), *(table.cell(line, c) for c in operands)}),
            solves=(table.suspect(line, column, expected, allowance), *operand_suspects),
        )


def interim_period(context: Context) -> Iterator[Candidate]:
    """An interim report covers at least half and at most two thirds of the year."""
    from finsam.reports import InterimReport

    subject = context.subject
    if not isinstance(subject, InterimReport):
        return
    period = subject.period
    if period.start.year != period.end.year or period.start != dt.date(period.start.year, 1, 1):
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_("the interim period {period} does not start on 1 January of one financial year"),
                period=period,
            ),
            (Place("period", str(period)),),
            cells=frozenset({("period",)}),
        )
        return
    share = period.fraction_of_year(by="months" if period.is_whole_months else "days")
    if not Fraction(1, 2) <= share <= Fraction(2, 3):
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_(
                    "the interim period {period} covers {share} of the year; LKBR requires at "
                    "least half and at most two thirds"
                ),
                period=period,
                share=str(share),
            ),
            (Place("period", str(period)),),
            cells=frozenset({("period",)}),
        )


_ANNUAL_PARTS = {
    StatementKind.INCOME_STATEMENT: N_("an income statement (resultaträkning)"),
    StatementKind.BALANCE_SHEET: N_("a balance sheet (balansräkning)"),
    StatementKind.CASH_FLOW: N_("a cash-flow statement (kassaflödesanalys)"),
    StatementKind.NOTE: N_("notes (noter)"),
    StatementKind.OPERATING_STATEMENT: N_("an operating statement (driftredovisning)"),
}


def annual_report_parts(context: Context) -> Iterator[Candidate]:
    """An annual report has all its parts and covers the calendar year."""
    from finsam._i18n import gettext_
    from finsam.reports import AnnualReport

    subject = context.subject
    if not isinstance(subject, AnnualReport):
        return
    kinds = {s.kind for s in subject.statements}
    missing = [gettext_(name) for kind, name in _ANNUAL_PARTS.items() if kind not in kinds]
    if missing:
        yield Candidate(
            Severity.ERROR,
            Message.of(N_("the annual report lacks {parts}"), parts=", ".join(missing)),
            (Place("statements"),),
            cells=frozenset({("parts",)}),
        )
    if not subject.period.is_calendar_year:
        yield Candidate(
            Severity.ERROR,
            Message.of(
                N_("an annual report covers the calendar year, not {period}"),
                period=subject.period,
            ),
            (Place("period", str(subject.period)),),
            cells=frozenset({("period",)}),
        )


#: The accounting checks, in the order they run.
ACCOUNTING_CHECKS = [
    Check(
        "FS-ACC-001",
        "accounting",
        "every stated total equals the sum of its lines (result = revenue − costs, subtotals)",
        f"{_LKBR} 4 kap.; consistency of printed totals",
        stated_totals,
    ),
    Check(
        "FS-ACC-002",
        "accounting",
        "assets equal equity plus liabilities in every balance column",
        f"{_LKBR} 5 kap.: balansräkning",
        balance_identity,
    ),
    Check(
        "FS-ACC-003",
        "accounting",
        "closing equity equals opening equity plus the period's result",
        f"{_LKBR}; eget kapital",
        equity_roll_forward,
    ),
    Check(
        "FS-ACC-004",
        "accounting",
        "each note's total equals the statement line it explains",
        f"{_LKBR} 4 kap. 1 §: noter",
        notes_match_statements,
    ),
    Check(
        "FS-ACC-005",
        "accounting",
        "derived columns follow from theirs: deviation, closing balance, used and unused shares",
        f"{_LKBR}; driftredovisning: avvikelse = budget − utfall",
        column_relations,
    ),
    Check(
        "FS-ACC-006",
        "accounting",
        "an interim report covers at least half and at most two thirds of the year",
        f"{_LKBR} 13 kap. 1 §",
        interim_period,
    ),
    Check(
        "FS-ACC-007",
        "accounting",
        "an annual report has all its parts",
        f"{_LKBR} 4 kap. 1 §",
        annual_report_parts,
    ),
]
