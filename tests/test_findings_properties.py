"""Properties of findings: one rounding model, severity that grows with a gap, grouping that
loses nothing and does not depend on the order the checks run in."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam import KRONA, TKR, Amount, load_report
from finsam.accounts import Column, Line, Statement
from finsam.rules import CHECKS, Finding, Registry, Settings, Severity, check
from finsam.strategies import interim_reports

DATASETS = ["gavleborg-2019-h1", "gavleborg-plan-2020-2022", "mphla-2016-jan-aug"]
REPORTS = {name: load_report(name) for name in DATASETS}
HOST = REPORTS["gavleborg-2019-h1"]


def rank(severity: Severity | None) -> int:
    return -1 if severity is None else severity.rank


def printed(ore: int, unit: Amount) -> Decimal:
    """`ore` as a table printed in `unit` shows it (rounded halves away from zero)."""
    return Decimal(Amount(ore).round_to(unit).ore // unit.ore)


def table(values: list[Decimal], total: Decimal, unit: Amount) -> Statement:
    labels = [f"Rad {i + 1}" for i in range(len(values))]
    return Statement(
        "not",
        "Not 9",
        [Column("utfall", "Utfall", "utfall")],
        [
            *(Line(label, "intäkt", [value]) for label, value in zip(labels, values, strict=True)),
            Line("Summa", "intäkt", [total], total_of=labels),
        ],
        unit="kr" if unit == KRONA else "tkr",
    )


def totals_findings(statement: Statement) -> list[Finding]:
    return check(attrs.evolve(HOST, statements=[statement]), select="FS-ACC-001", lang="en")


LINES = st.lists(st.integers(-(10**11), 10**11), min_size=1, max_size=15)
UNITS = st.sampled_from([KRONA, TKR])


# -- the rounding model ------------------------------------------------------------------------


@given(LINES, UNITS)
def test_a_consistent_table_rounded_at_any_unit_has_no_finding(
    lines: list[int], unit: Amount
) -> None:
    statement = table([printed(v, unit) for v in lines], printed(sum(lines), unit), unit)
    assert totals_findings(statement) == []


@given(LINES, UNITS, st.data())
def test_a_change_is_found_exactly_when_it_passes_the_allowance(
    lines: list[int], unit: Amount, data: st.DataObject
) -> None:
    values = [printed(v, unit) for v in lines]
    total = printed(sum(lines), unit)
    index = data.draw(st.integers(0, len(values) - 1))
    change = data.draw(st.integers(-3 * len(values) - 3, 3 * len(values) + 3))
    values[index] += change
    # n lines and their total, each printed to the unit: together off by (n + 1)/2 units.
    gap_units = total - sum(values)
    allowance_units = Fraction(len(values) + 1, 2)
    found = totals_findings(table(values, total, unit))
    assert bool(found) == (abs(gap_units) > allowance_units)
    if found:
        expected = Settings().judge(
            int(gap_units) * unit.ore,
            allowance=allowance_units * unit.ore,
            base=max(abs(int(total)), abs(int(sum(values)))) * unit.ore,
            severity=Severity.ERROR,
        )
        assert [f.severity for f in found] == [expected]


@given(st.lists(st.integers(0, 10**8), min_size=2, max_size=10), st.data())
def test_severity_never_falls_as_the_gap_grows(lines: list[int], data: st.DataObject) -> None:
    small = data.draw(st.integers(0, 10**7))
    large = data.draw(st.integers(small, 10**8))
    values = [Decimal(v) for v in lines]
    total = sum(values, Decimal(0))

    def severity(change: int) -> int:
        changed = [values[0] + change, *values[1:]]
        return max(
            (rank(f.severity) for f in totals_findings(table(changed, total, KRONA))), default=-1
        )

    assert severity(small) <= severity(large)


@given(
    st.integers(0, 10**12),
    st.integers(0, 10**12),
    st.integers(0, 10**9),
    st.integers(0, 10**12),
    st.sampled_from(list(Severity)),
)
def test_judge_is_monotone_in_the_gap(
    a: int, b: int, allowance: int, base: int, severity: Severity
) -> None:
    judge = Settings().judge
    small, large = sorted((a, b))
    for sign in (1, -1):
        assert rank(judge(sign * small, allowance=allowance, base=base, severity=severity)) <= rank(
            judge(sign * large, allowance=allowance, base=base, severity=severity)
        )


# -- grouping ----------------------------------------------------------------------------------


def essence(findings: list[Finding]) -> list[tuple[object, ...]]:
    """What a finding says, without where it is listed."""
    return sorted(
        (
            f.code,
            f.severity.value,
            f.message,
            f.path,
            tuple(p.path for p in f.places),
            f.cause,
            f.also,
        )
        for f in findings
    )


@settings(max_examples=15)
@given(st.sampled_from(DATASETS), st.permutations(list(CHECKS)))
def test_findings_do_not_depend_on_the_order_of_checks(name: str, order: list[object]) -> None:
    report = REPORTS[name]
    shuffled = Registry(order)  # type: ignore[arg-type]
    assert essence(check(report, registry=shuffled)) == essence(check(report))


def assert_no_place_lost(report: object, findings: list[Finding]) -> None:
    """Every place some check names alone is in the merged findings; the only places added
    are the cells named as a likely cause."""
    merged = {p.path for f in findings for p in f.places}
    causes = {f.places[0].path for f in findings if f.cause is not None}
    one_by_one = {
        p.path for code in CHECKS.codes() for f in check(report, select=[code]) for p in f.places
    }
    assert one_by_one <= merged
    assert merged - one_by_one <= causes


@pytest.mark.parametrize("name", DATASETS)
def test_grouping_never_loses_a_place(name: str) -> None:
    assert_no_place_lost(REPORTS[name], check(REPORTS[name]))


@settings(max_examples=20)
@given(interim_reports(), st.permutations(list(CHECKS)), st.data())
def test_on_generated_reports_grouping_keeps_every_place_in_any_order(
    report: object, order: list[object], data: st.DataObject
) -> None:
    # Break one printed cell so that several checks have something to say.
    statements = list(report.statements)  # type: ignore[attr-defined]
    s = data.draw(st.integers(0, len(statements) - 1))
    statement = statements[s]
    line = data.draw(st.integers(0, len(statement.lines) - 1))
    cells = [i for i, v in enumerate(statement.lines[line].values) if v is not None]
    if cells:
        column = data.draw(st.sampled_from(cells))
        row = statement.lines[line]
        values = list(row.values)
        values[column] = values[column] + data.draw(st.integers(10_000, 10**6))
        lines = list(statement.lines)
        lines[line] = attrs.evolve(row, values=values)
        statements[s] = attrs.evolve(statement, lines=lines)
    changed = attrs.evolve(report, statements=statements)
    findings = check(changed)
    assert essence(check(changed, registry=Registry(order))) == essence(findings)  # type: ignore[arg-type]
    assert_no_place_lost(changed, findings)
