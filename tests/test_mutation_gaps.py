"""Behaviour that mutation testing showed no other test pinned: messages, edge cases."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from finsam import (
    KRONA,
    TKR,
    Amount,
    Charter,
    Forbund,
    Member,
    MemberKind,
    Period,
    Population,
    StatedFigure,
    allocate,
    load_forbund,
    load_report,
    split_funding,
)
from finsam.rules import CHECKS, Registry, Severity, check

# -- allocation messages ---------------------------------------------------------------------


def test_weight_errors_name_the_key_and_explain_floats() -> None:
    with pytest.raises(TypeError) as info:
        allocate(Amount(100), {"Gävle": 0.5})  # type: ignore[dict-item]
    assert str(info.value) == (
        "weight of 'Gävle': expected int, Fraction or Decimal, got float; "
        "floats are inexact, use Fraction or Decimal"
    )
    with pytest.raises(TypeError) as info:
        allocate(Amount(100), {"Gävle": "1"})  # type: ignore[dict-item]
    assert str(info.value) == "weight of 'Gävle': expected int, Fraction or Decimal, got str"
    with pytest.raises(ValueError, match=r"^weight of 'Gävle' is negative \(-1\)$"):
        allocate(Amount(100), {"Gävle": Fraction(-1)})
    with pytest.raises(ValueError, match=r"^cannot allocate over no keys: weights is empty$"):
        allocate(Amount(100), {})
    with pytest.raises(ValueError, match=r"^cannot allocate: no key has a positive weight$"):
        allocate(Amount(100), {"a": 0, "b": Fraction(0)})


def test_total_and_unit_errors() -> None:
    with pytest.raises(TypeError, match=r"^total: expected an Amount, got int$"):
        allocate(100, {"a": 1})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"round the total first or choose a smaller unit$"):
        allocate(Amount.from_ore(150), {"a": 1}, unit=KRONA)


def test_the_tie_error_names_both_keys() -> None:
    class Named:
        def __init__(self, name: str) -> None:
            self.name = name

        def __str__(self) -> str:
            return "same"

        def __repr__(self) -> str:
            return f"<{self.name}>"

    with pytest.raises(ValueError, match="cannot break the tie") as info:
        allocate(Amount(1), {Named("a"): 1, Named("b"): 1})
    assert "between keys <a> and <b>" in str(info.value)
    assert str(info.value).endswith("give the keys distinct names")


# -- funding messages and edge cases -----------------------------------------------------------


def _forbund(charter: Charter, *kommuner: Member) -> Forbund:
    members = (
        Member("FK", MemberKind.FORSAKRINGSKASSAN),
        Member("AF", MemberKind.ARBETSFORMEDLINGEN),
        Member("R", MemberKind.REGION),
        *kommuner,
    )
    return Forbund("F", "222000-3137", "S", dt.date(2010, 1, 1), members, (charter,))


def test_population_messages_say_what_the_member_has() -> None:
    by_population = Charter(dt.date(2015, 1, 1), population_date=dt.date(2018, 11, 1))
    none = _forbund(by_population, Member("A", MemberKind.KOMMUN))
    with pytest.raises(ValueError, match=r"A: .* as of 2018-11-01, but the member has none$"):
        split_funding(none, 2019, total=Amount.from_kr(4000))
    other = _forbund(
        by_population,
        Member("A", MemberKind.KOMMUN, population=Population(10, dt.date(2017, 11, 1))),
    )
    with pytest.raises(ValueError, match=r"but the member has figures as of 2017-11-01$"):
        split_funding(other, 2019, total=Amount.from_kr(4000))


def test_missing_percentages_are_listed_by_name() -> None:
    charter = Charter(dt.date(2015, 1, 1), kommun_percentages={"A": Decimal(100)})
    forbund = _forbund(charter, Member("A", "kommun"), Member("B", "kommun"), Member("C", "kommun"))
    with pytest.raises(ValueError, match=r"gives no percentage for B, C; every kommun"):
        split_funding(forbund, 2019, total=Amount.from_kr(4000))


def test_a_period_reaching_into_the_next_year_is_refused() -> None:
    gavleborg = load_forbund("gavleborg")
    with pytest.raises(ValueError, match="not inside the financial year 2019"):
        split_funding(gavleborg, 2019, period=Period.parse("2019-07-01 – 2020-06-30"))
    with pytest.raises(ValueError, match=r"^give either total or state_share, not both$"):
        split_funding(gavleborg, 2019, total=Amount(200), state_share=Amount(100))


def test_a_period_split_keeps_the_annual_total_and_the_party() -> None:
    split = split_funding(
        load_forbund("mphla"), 2016, period=Period.of_months(2016, 1, 8), unit=TKR
    )
    assert split.annual_total == Amount.from_tkr(16_692)
    assert split.total == Amount.from_tkr(11_128)
    assert [r["party"] for r in split.records()][:3] == ["staten", "staten", "region"]
    with pytest.raises(KeyError) as info:
        split["X"]
    assert "no member 'X' in the split for 'Samordningsförbundet Mölndal" in str(info.value)


# -- rule internals --------------------------------------------------------------------------


def test_a_figure_can_refer_to_a_line_whose_label_has_a_slash() -> None:
    report = load_report("mphla-2016-jan-aug")
    table = "Nettokostnad och finansnetto i tkr per område"
    figure = StatedFigure(
        "information",
        Decimal(83),
        "tkr",
        "text",
        refers_to=f"{table}/Information/Utveckling/utfall",
    )
    assert check(attrs.evolve(report, figures=[figure]), select=["FS-CON-003"]) == []
    # 85 tkr is 2 tkr off: more than half its last digit plus 1 printed unit of the table.
    wrong = attrs.evolve(figure, value=Decimal(85))
    [finding] = check(attrs.evolve(report, figures=[wrong]), select=["FS-CON-003"])
    assert finding.message.endswith(
        "but Nettokostnad och finansnetto i tkr per område shows 83,000 kr"
    )


def test_a_ledger_balance_takes_opening_equity_from_its_opening_column() -> None:
    report = load_report("mphla-2016-jan-aug")
    balance = report.statements[4]
    index = balance.column_index("utg")
    lines = [
        attrs.evolve(line, values=[*line.values[:index], line.values[index] - 500_000])
        if line.label in ("Eget kapital", "Leverantörsskulder")
        else line
        for line in balance.lines
    ]
    changed = attrs.evolve(
        report,
        statements=[
            attrs.evolve(balance, lines=lines) if s is balance else s for s in report.statements
        ],
    )
    [finding] = check(changed, select=["FS-ACC-003"])
    assert "opening equity 1,013,690 kr" in finding.message


def test_findings_carry_severity_reference_and_source() -> None:
    [finding] = check(
        load_report("gavleborg-plan-2020-2022"), source="plan.toml", select="FS-CON-007"
    )
    assert finding.severity is Severity.ERROR
    assert finding.reference == "consistency"
    assert finding.source == "plan.toml"
    assert finding.line().startswith("plan.toml: budget.lines[3].granted[0]: FS-CON-007 error: ")


def test_registered_checks_keep_title_and_reference() -> None:
    registry = Registry()
    registry.register("X-1", "house", "a title", "a reference")(lambda context: [])
    assert (registry["X-1"].title, registry["X-1"].reference) == ("a title", "a reference")
    assert CHECKS["FS-LAW-001"].reference == "§ 5 lag (2003:1210); förbundsordningen"


def test_a_crash_keeps_its_source_and_says_so() -> None:
    registry = Registry()

    def crash(context: Any) -> Any:
        raise ZeroDivisionError("x")

    registry.register("BAD-1", "house", "crashes", "none")(crash)
    [finding] = check(load_report("gavleborg-2019-h1"), registry=registry, source="f.toml")
    assert (finding.severity, finding.path, finding.reference, finding.source) == (
        Severity.ERROR,
        "",
        "finsam",
        "f.toml",
    )
    assert finding.message == "check BAD-1 failed: ZeroDivisionError: x"


def test_select_by_prefix_with_a_trailing_dash() -> None:
    assert [c.code for c in CHECKS.select(["FS-POL-"])] == [
        "FS-POL-001",
        "FS-POL-002",
        "FS-POL-003",
        "FS-POL-004",
    ]


def test_state_allocation_edges() -> None:
    from finsam import StateAllocationBasis, allocate_state_appropriation

    bases = {
        "A": StateAllocationBasis(Amount.from_tkr(600), 50_000),
        "B": StateAllocationBasis(Amount.from_tkr(300), 30_000),
    }
    # Exactly the bases: nothing left to split, and that is no error.
    exact = allocate_state_appropriation(Amount.from_tkr(800), bases)
    assert exact == {"A": Amount.from_tkr(400), "B": Amount.from_tkr(400)}
    # The rounding unit applies to the split part.
    odd = allocate_state_appropriation(Amount.from_kr(800_001), bases, unit=KRONA)
    assert all(amount.is_multiple_of(KRONA) for amount in odd.values())
    assert sum(odd.values(), Amount(0)) == Amount.from_kr(800_001)
    with pytest.raises(ValueError, match=r"^no förbund to allocate to$"):
        allocate_state_appropriation(Amount.from_tkr(800), {})
    no_support = {"A": StateAllocationBasis(Amount(0), 10), "B": StateAllocationBasis(Amount(0), 5)}
    with pytest.raises(ValueError, match=r"^total försörjningsmått and total population 16–64"):
        allocate_state_appropriation(Amount.from_tkr(900), no_support)
    no_people = {"A": StateAllocationBasis(Amount(1), 0)}
    with pytest.raises(ValueError, match=r"must be positive$"):
        allocate_state_appropriation(Amount.from_tkr(900), no_people)
    tiny = {"A": StateAllocationBasis(Amount(1), 1)}
    assert allocate_state_appropriation(Amount.from_tkr(401), tiny) == {"A": Amount.from_tkr(401)}


def test_checks_run_on_a_forbund_too() -> None:
    assert check(load_forbund("gavleborg")) == []


def test_figures_in_different_units_disagree_without_crashing() -> None:
    report = load_report("gavleborg-2019-h1")
    figures = [
        StatedFigure("x", Decimal(10), "kr", "a"),
        StatedFigure("x", Decimal(10), "personer", "b"),
    ]
    [finding] = check(attrs.evolve(report, figures=figures), select=["FS-CON-003"])
    assert [p.path for p in finding.places] == ["figures[0]", "figures[1]"]


@pytest.mark.parametrize(
    ("lead", "cooperating", "parties", "severity"),
    [
        ("Arbetsförmedlingen", ("Gävle kommun",), 2, None),
        ("Försäkringskassan", ("Gävle kommun",), 2, None),
        ("Västra Götalandsregionen", ("Försäkringskassan",), 2, None),
        ("Försäkringskassan", ("Arbetsförmedlingen",), 2, None),  # two parties of § 7
        ("Hofors kommun", ("socialpsykiatrin",), 1, "warning"),  # the kommun's, not the region's
        ("Hofors kommun", ("primärvården",), 2, None),  # primary care is the region's
        ("Region Gävleborg", ("Landstinget",), 1, "error"),  # the same party twice
        ("Gävle kommun", ("Ockelbo kommun", "samtliga kommuner"), 1, "error"),
    ],
)
def test_parties_are_recognised_in_free_text(
    lead: str, cooperating: tuple[str, ...], parties: int, severity: str | None
) -> None:
    from finsam import Insats
    from finsam.rules.law import parties_of_insats

    forbund = load_forbund("mphla" if "Västra" in lead else "gavleborg")
    assert len(parties_of_insats([lead, *cooperating], forbund)[0]) == parties
    report = attrs.evolve(
        load_report("gavleborg-2019-h1"),
        forbund=forbund,
        insatser=[Insats("I", orientation="individ", lead=lead, cooperating=cooperating)],
    )
    found = [f.severity.value for f in check(report, select=["FS-LAW-003"])]
    assert found == ([] if severity is None else [severity])


def test_parties_are_recognised_by_name_whatever_the_members_are_called() -> None:
    from finsam.rules.law import parties_of_insats

    charter = Charter(dt.date(2015, 1, 1), kommun_percentages={"K": Decimal(100)})
    short = _forbund(charter, Member("K", MemberKind.KOMMUN))  # members FK, AF, R, K
    assert parties_of_insats(["Försäkringskassan"], short)[0] == {"försäkringskassan"}
    assert parties_of_insats(["AF"], short)[0] == {"arbetsförmedlingen"}
    assert parties_of_insats(["regionen"], short)[0] == {"region"}
    assert parties_of_insats(["psykiatrin"], short)[0] == {"region"}  # the region's service
    assert parties_of_insats(["socialpsykiatrin"], short) == (set(), ["socialpsykiatrin"], False)
    assert parties_of_insats(["kommunerna"], short)[0] == {"kommunerna"}
    assert parties_of_insats(["Samordningsförbundet"], short) == (set(), [], True)
    assert parties_of_insats(["Röda korset"], short)[1] == ["Röda korset"]
