"""The rule checks: properties over generated reports, and an example per check.

A generated consistent report has no findings at all; changing any one thing in it (a
part, a total, a date, a share) gives at least one finding that points at what changed.
Each check also has an example below that fails if the check is removed.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam import (
    AgeBand,
    Amount,
    AnnualReport,
    Insats,
    InterimReport,
    Outcomes,
    Participants,
    Period,
    Statement,
    load_report,
)
from finsam.rules import CHECKS, Finding, Registry, Severity, Tolerance, check
from finsam.strategies import interim_reports


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def with_cell(statement: Statement, label: str, key: str, delta: int) -> Statement:
    """The statement with one printed cell changed by `delta`."""
    index = statement.column_index(key)
    lines = [
        attrs.evolve(
            line,
            values=[
                (v + delta if (i == index and v is not None) else v)
                for i, v in enumerate(line.values)
            ],
        )
        if line.label == label
        else line
        for line in statement.lines
    ]
    return attrs.evolve(statement, lines=lines)


def replace_statement(report: Any, title: str, new: Statement) -> Any:
    return attrs.evolve(
        report, statements=[new if s.title == title else s for s in report.statements]
    )


# -- properties ------------------------------------------------------------------------------


@given(interim_reports())
def test_a_consistent_report_has_no_findings(report: InterimReport) -> None:
    assert check(report) == []


@given(interim_reports(), st.data())
def test_changing_any_printed_figure_is_found_in_its_table(
    report: InterimReport, data: st.DataObject
) -> None:
    s_index = data.draw(st.integers(0, len(report.statements) - 1))
    statement = report.statements[s_index]
    line = data.draw(st.sampled_from(statement.lines))
    keys = [c.key for c, v in zip(statement.columns, line.values, strict=True) if v is not None]
    key = data.draw(st.sampled_from(keys))
    delta = data.draw(st.integers(10_000, 10**7) | st.integers(-(10**7), -10_000))
    changed = replace_statement(
        report, statement.title, with_cell(statement, line.label, key, delta)
    )
    findings = check(changed)
    assert any(f.path.startswith(f"statements[{s_index}]") for f in findings), findings


@given(interim_reports(), st.integers(1, 400))
def test_a_report_decided_before_its_period_ended_is_found(
    report: InterimReport, days: int
) -> None:
    changed = attrs.evolve(report, decided=report.period.end - dt.timedelta(days=days))
    assert any(f.path == "decided" for f in check(changed))


@given(interim_reports(), st.integers(1, 100))
def test_outcome_shares_over_100_are_found(report: InterimReport, extra: int) -> None:
    insats = Insats(
        "Extra",
        orientation="individ",
        outcomes=Outcomes(work=Decimal(60), other=Decimal(40 + extra)),
    )
    changed = attrs.evolve(report, insatser=[*report.insatser, insats])
    path = f"insatser[{len(report.insatser)}].outcomes"
    assert any(f.path == path and f.code == "FS-CON-002" for f in check(changed))


@settings(max_examples=25)
@given(interim_reports(), st.data())
def test_a_changed_charter_share_is_found_in_the_contributions(
    report: InterimReport, data: st.DataObject
) -> None:
    charter = report.forbund.charters[0]
    pairs = list(charter.kommun_percentages)
    # Move 10 percentage points between two kommuner: the split must now disagree.
    if len(pairs) < 2 or pairs[0][1] < 10:
        return
    (a, share_a), (b, share_b) = pairs[0], pairs[1]
    moved = {**dict(pairs), a: share_a - 10, b: share_b + 10}
    forbund = attrs.evolve(
        report.forbund, charters=[attrs.evolve(charter, kommun_percentages=moved)]
    )
    findings = check(attrs.evolve(report, forbund=forbund), select=["law"])
    total = report.note(1).amount("Summa", "utfall")
    assert total is not None
    if total.ore >= 10_000_000:  # a kommun quarter large enough for 10 points to exceed rounding
        assert any(f.code == "FS-LAW-001" for f in findings)


# -- the registry ------------------------------------------------------------------------------


def test_select_and_ignore_by_code_prefix_and_family() -> None:
    report = load_report("gavleborg-2019-h1")
    assert set(codes(check(report, select=["FS-ACC-004"]))) == {"FS-ACC-004"}
    assert {f.family for f in check(report, select=["law"])} == {"law"}
    assert "FS-LAW-002" not in codes(check(report, ignore=["FS-LAW-002"]))
    assert all(c.startswith("FS-CON") for c in codes(check(report, select=["FS-CON"])))
    with pytest.raises(ValueError, match="no check matches 'FS-NOPE'"):
        check(report, select=["FS-NOPE"])


def test_users_can_register_their_own_checks() -> None:
    registry = Registry(CHECKS)

    @registry.register("MY-001", "house", "titles mention the year", "house rule")
    def title_has_year(context: Any) -> Any:
        if str(context.subject.period.start.year) not in context.subject.title:
            yield registry["MY-001"].finding(Severity.WARNING, "no year", "title", context)

    report = attrs.evolve(load_report("gavleborg-2019-h1"), title="Halvårsredovisning")
    assert codes(check(report, select=["house"], registry=registry)) == ["MY-001"]
    assert "MY-001" not in CHECKS.codes()


def test_a_crashing_check_becomes_a_finding_not_an_exception() -> None:
    registry = Registry()

    @registry.register("BAD-001", "house", "crashes", "none")
    def crash(context: Any) -> Any:
        raise RuntimeError("boom")

    [finding] = check(load_report("mphla-2016-jan-aug"), registry=registry)
    assert finding.code == "FS-INTERNAL"
    assert "boom" in finding.message


def test_tolerance_explains_rounding() -> None:
    report = load_report("gavleborg-2019-h1")
    # 6 659 750 (note 1) against 6 659 748 (income statement): outside the default 1 kr...
    assert "FS-ACC-004" in codes(check(report, select=["FS-ACC-004"]))
    # ...inside a tolerance of 2 kr per figure.
    loose = Tolerance(absolute=Decimal(2))
    assert [f.message for f in check(report, select=["FS-ACC-004"], tolerance=loose)] == [
        "Not 1. Verksamhetens intäkter totals 3 377 234 kr (2018-06-30), but 3.1 Resultaträkning "
        "states 3 337 234 kr for 'Verksamhetens intäkter'"
    ]


# -- one example per check ---------------------------------------------------------------------

GAVLEBORG = "gavleborg-2019-h1"
MPHLA = "mphla-2016-jan-aug"
PLAN = "gavleborg-plan-2020-2022"


def findings_of(code: str, subject: Any) -> list[Finding]:
    return check(subject, select=[code])


def test_FS_ACC_001_totals() -> None:
    [*_, note_2] = findings_of("FS-ACC-001", load_report(GAVLEBORG))
    assert note_2.path == "statements[4].lines[6].values[1]"
    assert "its 6 lines sum to 4 158 194 kr" in note_2.message


@given(interim_reports(), st.integers(10_000, 10**6))
def test_FS_ACC_002_balance(report: InterimReport, delta: int) -> None:
    balance = report.statements[1]
    changed = with_cell(
        with_cell(balance, "Kassa och bank", "fg", delta), "Summa tillgångar", "fg", delta
    )
    found = findings_of("FS-ACC-002", replace_statement(report, balance.title, changed))
    assert [f.path for f in found] == ["statements[1].columns[1]"]


@given(interim_reports(), st.integers(10_000, 10**6))
def test_FS_ACC_003_equity_roll_forward(report: InterimReport, delta: int) -> None:
    balance = report.statements[1]
    changed = with_cell(balance, "Eget kapital", "utfall", delta)
    changed = with_cell(changed, "Kortfristiga skulder", "utfall", -delta)
    found = findings_of("FS-ACC-003", replace_statement(report, balance.title, changed))
    assert codes(found) == ["FS-ACC-003"]


def test_FS_ACC_004_notes() -> None:
    found = findings_of("FS-ACC-004", load_report(GAVLEBORG))
    assert [f.path for f in found] == [
        "statements[3].lines[13].values[0]",
        "statements[3].lines[13].values[1]",
    ]


def test_FS_ACC_005_derived_columns() -> None:
    found = findings_of("FS-ACC-005", load_report(GAVLEBORG))
    assert len(found) == 1
    assert "'Oförbrukade medel %', but it should be 44,0 %" in found[0].message
    mphla = findings_of("FS-ACC-005", load_report(MPHLA))
    assert any("'Årets resultat' shows -1 832 547 kr in 'Utg balans'" in f.message for f in mphla)


@given(interim_reports(), st.sampled_from([1, 2, 3, 4, 5, 9, 10, 11, 12]))
def test_FS_ACC_006_interim_period(report: InterimReport, months: int) -> None:
    changed = attrs.evolve(report, period=Period.of_months(2019, 1, months))
    assert codes(findings_of("FS-ACC-006", changed)) == ["FS-ACC-006"]


def test_FS_ACC_007_annual_report_parts() -> None:
    interim = load_report(GAVLEBORG)
    annual = AnnualReport(
        forbund=interim.forbund,
        title="Årsredovisning 2019",
        period=Period.year(2019),
        statements=interim.statements,
    )
    found = findings_of("FS-ACC-007", annual)
    assert [f.message for f in found] == ["the annual report has no kassaflödesanalys"]


@given(interim_reports(), st.integers(1, 10))
def test_FS_CON_001_head_counts(report: InterimReport, extra: int) -> None:
    insats = Insats(
        "X", orientation="individ", participants=Participants(8, 12, stated_total=20 + extra)
    )
    found = findings_of("FS-CON-001", attrs.evolve(report, insatser=[insats]))
    assert [f.path for f in found] == ["insatser[0].participants.stated_total"]


def test_FS_CON_002_outcome_shares() -> None:
    report = load_report(GAVLEBORG)
    found = findings_of("FS-CON-002", report)
    assert any("add up to 105 %" in f.message for f in found), found


@given(interim_reports(), st.integers(2, 10**6))
def test_FS_CON_003_figures(report: InterimReport, delta: int) -> None:
    figure = report.figures[1]
    changed = attrs.evolve(
        report, figures=[report.figures[0], attrs.evolve(figure, value=figure.value + delta)]
    )
    assert [f.path for f in findings_of("FS-CON-003", changed)] == ["figures[1]"]


@given(interim_reports(), st.integers(10, 10**6))
def test_FS_CON_004_forecast(report: InterimReport, delta: int) -> None:
    forecast = report.forecast
    assert forecast is not None
    assert forecast.closing_equity is not None
    wrong = attrs.evolve(forecast, closing_equity=forecast.closing_equity + Amount.from_kr(delta))
    found = findings_of("FS-CON-004", attrs.evolve(report, forecast=wrong))
    assert "forecast.closing_equity" in [f.path for f in found]


def test_FS_CON_005_dates() -> None:
    report = load_report(GAVLEBORG)
    early = attrs.evolve(report, decided=dt.date(2019, 6, 1))
    assert [f.path for f in findings_of("FS-CON-005", early)] == ["decided"]


def test_FS_CON_006_same_quantity() -> None:
    found = findings_of("FS-CON-006", load_report(MPHLA))
    assert {f.path for f in found} == {
        "statements[2].lines[0].values[0]",
        "statements[2].lines[0].values[1]",
        "statements[2].lines[0].values[3]",
    }


def test_FS_CON_007_budget_arithmetic() -> None:
    [finding] = findings_of("FS-CON-007", load_report(PLAN))
    assert finding.path == "budget.lines[3]"
    assert "make 15 270 000 kr" in finding.message


def test_FS_LAW_001_contributions() -> None:
    found = findings_of("FS-LAW-001", load_report(GAVLEBORG))
    assert [f.message.split(" (")[0] for f in found] == [
        "Not 1. Verksamhetens intäkter: 'Driftbidrag från staten'",
        "Bilaga 2: Prognos ekonomiskt resultat per 2019-12-31: "
        "'Driftsbidrag från Försäkringskassan och AF'",
    ]


def test_FS_LAW_002_board() -> None:
    found = findings_of("FS-LAW-002", load_report(GAVLEBORG))
    assert "Kenneth Axling (ledamot) represents 'Kommunerna'" in found[0].message
    assert sum("Hofors kommun has 0 ledamot(er) and 0 ersättare" in f.message for f in found) == 1


@given(interim_reports())
def test_FS_LAW_003_insats_parties(report: InterimReport) -> None:
    lonely = Insats("Ensam", orientation="individ", lead="Försäkringskassan")
    outsider = Insats(
        "Utomstående",
        orientation="individ",
        lead="Röda korset",
        cooperating=("Gävle kommun", "Försäkringskassan"),
    )
    found = findings_of("FS-LAW-003", attrs.evolve(report, insatser=[lonely, outsider]))
    assert [f.path for f in found] == ["insatser[0].cooperating", "insatser[1].lead"]


@given(interim_reports(), st.integers(65, 100))
def test_FS_LAW_004_target_ages(report: InterimReport, oldest: int) -> None:
    insats = Insats("Äldre", orientation="individ", age_band=AgeBand(16, oldest))
    found = findings_of("FS-LAW-004", attrs.evolve(report, insatser=[insats]))
    assert [f.path for f in found] == ["insatser[0].age_band"]


def test_FS_POL_001_equity_ceiling() -> None:
    found = findings_of("FS-POL-001", load_report(GAVLEBORG))
    assert [f.message for f in found] == [
        "equity is 43 % of budgeted revenue (forecast for the year end), above the förbund's "
        "own ceiling of 20 %"
    ]


def test_FS_POL_002_insats_fund_utilisation() -> None:
    found = findings_of("FS-POL-002", load_report(GAVLEBORG))
    assert found
    assert all("(14,0 %) after 50 %" in f.message for f in found)


def test_FS_POL_003_overspending() -> None:
    found = findings_of("FS-POL-003", load_report(MPHLA))
    assert any(
        "'Balder' spent 3 510 000 kr against a budget of 3 333 000 kr" in f.message for f in found
    )
    # Ledning: 218 against 216 tkr. Two rounded figures are off by at most 1 tkr together,
    # so 2 tkr over is a real overspend.
    assert any("'Ledning' spent 218 000 kr" in f.message for f in found)


def test_every_check_has_an_example_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    missing = [
        code for code in CHECKS.codes() if f"def test_{code.replace('-', '_')}_" not in source
    ]
    assert missing == []


# -- details the examples above do not reach -------------------------------------------------


def test_figures_agree_within_their_printed_precision() -> None:
    from finsam import StatedFigure

    report = load_report(MPHLA)
    base = [f for f in report.figures if f.key == "årets bidrag"]
    assert [f.unit for f in base] == ["tkr", "mkr"]  # 16 692 tkr and "16,7 miljoner"
    assert findings_of("FS-CON-003", report) == []
    # 16,6 mkr does not round from 16 692 tkr; a count stated differently is a finding too.
    wrong = attrs.evolve(base[1], value=Decimal("16.6"))
    counts = [
        StatedFigure("deltagare", Decimal(383), "personer", "1.1"),
        StatedFigure("deltagare", Decimal(384), "personer", "1.3"),
        StatedFigure("deltagare", Decimal(383), "ärenden", "bilaga"),
    ]
    changed = attrs.evolve(report, figures=[base[0], wrong, *counts])
    assert [f.path for f in findings_of("FS-CON-003", changed)] == [
        "figures[1]",
        "figures[3]",
        "figures[4]",
    ]


def test_a_figure_referring_to_a_missing_cell_is_a_warning() -> None:
    report = load_report(GAVLEBORG)
    figure = attrs.evolve(report.figures[0], refers_to="3.1 Resultaträkning/Ingen rad/utfall")
    [finding] = findings_of("FS-CON-003", attrs.evolve(report, figures=[figure]))
    assert finding.severity is Severity.WARNING
    assert finding.path == "figures[0].refers_to"
    other = attrs.evolve(figure, refers_to="3.1 Resultaträkning/Verksamhetens kostnader/budget")
    assert findings_of("FS-CON-003", attrs.evolve(report, figures=[other]))[0].path == (
        "figures[0].refers_to"
    )
    fine = attrs.evolve(figure, refers_to="3.1 Resultaträkning/Verksamhetens kostnader/utfall")
    assert findings_of("FS-CON-003", attrs.evolve(report, figures=[fine])) == []


def test_opening_equity_comes_from_the_day_before_the_year() -> None:
    report = load_report(GAVLEBORG)
    balance = report.statements[1]
    assert balance.kind.value == "balansräkning"
    # A comparison column that is not the previous year end cannot give opening equity.
    moved = attrs.evolve(
        balance,
        columns=[
            balance.columns[0],
            attrs.evolve(balance.columns[1], period=Period.parse("2018-06-30 – 2018-06-30")),
        ],
    )
    changed = with_cell(moved, "Eget kapital", "utfall", 100_000)
    changed = with_cell(changed, "Kortfristiga skulder", "utfall", -100_000)
    report_changed = replace_statement(report, balance.title, changed)
    assert findings_of("FS-ACC-003", report_changed) == []
    kept = replace_statement(
        report,
        balance.title,
        with_cell(
            with_cell(balance, "Eget kapital", "utfall", 100_000),
            "Kortfristiga skulder",
            "utfall",
            -100_000,
        ),
    )
    assert codes(findings_of("FS-ACC-003", kept)) == ["FS-ACC-003"]


def test_registry_refuses_a_code_twice_and_returns_the_function() -> None:
    registry = Registry()

    def nothing(context: Any) -> list[Finding]:
        return []

    assert registry.register("X-001", "house", "nothing", "none")(nothing) is nothing
    with pytest.raises(ValueError, match="'X-001' is already registered"):
        registry.register("X-001", "house", "again", "none")(nothing)
    assert len(registry) == 1
    assert [c.code for c in registry] == ["X-001"]
    assert registry["X-001"].title == "nothing"


def test_finding_line_and_record() -> None:
    finding = Finding("FS-ACC-001", Severity.ERROR, "wrong", "statements[0]", "LKBR", "a.toml")
    assert finding.line() == "a.toml: statements[0]: FS-ACC-001 error: wrong"
    assert Finding("FS-CON-001", Severity.INFO, "m", "p", "r").line() == "p: FS-CON-001 info: m"
    assert finding.record() == {
        "code": "FS-ACC-001",
        "severity": "error",
        "family": "accounting",
        "message": "wrong",
        "path": "statements[0]",
        "reference": "LKBR",
        "source": "a.toml",
    }
    assert Finding("MY-1", Severity.INFO, "m", "p", "r").family == "other"
    assert Finding("FS-POL-002", Severity.INFO, "m", "p", "r").family == "policy"


def test_select_by_pattern() -> None:
    assert [c.code for c in CHECKS.select(["FS-*-007"])] == ["FS-ACC-007", "FS-CON-007"]
    assert len(CHECKS.select(None, ["policy", "law"])) == len(CHECKS) - 7
