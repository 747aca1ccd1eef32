"""The whole text of the findings on edited copies of the bundled reports, pinned.

`tests/test_seed_findings.py` pins what the bundled documents give; the scenarios here
reach the branches those documents do not (a charter that names a stranger, a board without
a chair, an insats over its budget …). Each scenario is one edit, named for what it does;
the golden file holds every finding's message, cause, places, merged candidates and
reference. After a deliberate change of wording, rewrite it with
``FINSAM_UPDATE_GOLDEN=1 pytest tests/test_findings_golden.py`` and read the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from finsam import (
    Amount,
    AnnualReport,
    Charter,
    Insats,
    Period,
    check,
    load_forbund,
    load_report,
)
from finsam.insats import AgeBand, BudgetPart, InsatsStatement, Outcomes, Participants, YearBudget
from finsam.io import forbund_data, report_data, structure_report
from finsam.reports import StatedFigure

GOLDEN = Path(__file__).parent / "fixtures" / "scenario_findings.json"
GAVLEBORG, PLAN, MPHLA = "gavleborg-2019-h1", "gavleborg-plan-2020-2022", "mphla-2016-jan-aug"
#: Tables the scenarios edit, by their printed titles.
_OPERATING = "3.3 Driftredovisning: Sammanställning av utfall och budget period 2019"
_FORECAST = "Bilaga 2: Prognos ekonomiskt resultat per 2019-12-31"
_LEDGER = "Balansrapport, period 16-01-01 – 16-08-31"
_NOTE_1 = "Not 1. Verksamhetens intäkter"


def _charter(**percentages: Decimal) -> Any:
    forbund = load_forbund("gavleborg")
    shares = {**dict(forbund.charters[0].kommun_percentages), **percentages}
    shares = {name: share for name, share in shares.items() if share >= 0}
    charter = Charter(forbund.charters[0].valid_from, kommun_percentages=shares)
    return attrs.evolve(forbund, charters=[charter])


def _board(edit: Callable[[list[Any]], list[Any]], **stated: int) -> Any:
    report = load_report(GAVLEBORG)
    assert report.board is not None
    board = attrs.evolve(report.board, seats=edit(list(report.board.seats)), **stated)
    return attrs.evolve(report, board=board)


def _no_chair_three_vice(seats: list[Any]) -> list[Any]:
    return [
        attrs.evolve(seat, chair=False, vice_chair=index < 3) for index, seat in enumerate(seats)
    ]


def _insatser(*insatser: Insats, name: str = GAVLEBORG) -> Any:
    return attrs.evolve(load_report(name), insatser=list(insatser))


def _budget(budget: int | None, outcome: int | None, *parts: tuple[str, int, int]) -> YearBudget:
    return YearBudget(
        2019,
        budget=None if budget is None else Amount.from_kr(budget),
        outcome=None if outcome is None else Amount.from_kr(outcome),
        parts=tuple(
            BudgetPart(label, Amount.from_kr(b), Amount.from_kr(o)) for label, b, o in parts
        ),
    )


def _plan_with(forecast_equity: int | None = None) -> tuple[Any, dict[str, Any]]:
    report = load_report(GAVLEBORG)
    if forecast_equity is not None:
        assert report.forecast is not None
        forecast = attrs.evolve(report.forecast, closing_equity=Amount.from_kr(forecast_equity))
        report = attrs.evolve(report, forecast=forecast)
    return load_report(PLAN), {"related": [report]}


def _annual() -> Any:
    interim = load_report(GAVLEBORG)
    return AnnualReport(
        forbund=interim.forbund,
        title="Årsredovisning 2019",
        period=Period.year(2019),
        statements=interim.statements,
    )


def _plan_budget(tkr: int) -> Any:
    plan = load_report(PLAN)
    assert plan.budget is not None
    lines = list(plan.budget.lines)
    lines[0] = attrs.evolve(lines[0], amounts=[Amount.from_tkr(tkr)] * 3)
    return attrs.evolve(plan, budget=attrs.evolve(plan.budget, lines=lines))


def _also_stated(*others: InsatsStatement) -> Any:
    report = load_report(GAVLEBORG)
    insatser = list(report.insatser)
    insatser[1] = attrs.evolve(insatser[1], also_stated=others)
    return attrs.evolve(report, insatser=insatser)


_DISAGREEING = InsatsStatement(
    source="Bilaga 1",
    period=Period(dt.date(2017, 9, 1), dt.date(2019, 12, 31)),
    budgets=(_budget(600_000, 300_000),),
    participants=Participants(10, 12),
    outcomes=Outcomes(exits=11, work=Decimal("50"), studies=Decimal("10"), other=Decimal("40")),
)
#: States nothing the description does not (or states it where the description is silent).
_SILENT = InsatsStatement(
    source="Översikt", budgets=(_budget(None, None), attrs.evolve(_budget(1, 1), year=2030))
)


def _figures(edit: Callable[[list[Any]], list[Any]]) -> Any:
    report = load_report(GAVLEBORG)
    return attrs.evolve(report, figures=edit(list(report.figures)))


def _figure_changes(figures: list[Any]) -> list[Any]:
    figures[0] = attrs.evolve(figures[0], value=Decimal("3400000"))  # the statement: 3 315 060
    figures[1] = attrs.evolve(figures[1], value=Decimal("13.3"), unit="mkr")  # within 0.05 mkr
    figures[10] = attrs.evolve(figures[10], refers_to="3.2 Balansräkning/Eget kapital/saknas")
    return figures


def _insats_years() -> Any:
    report = load_report(GAVLEBORG)
    insatser = list(report.insatser)
    budgets = (*insatser[6].budgets, attrs.evolve(insatser[6].budgets[0], year=2021))
    insatser[6] = attrs.evolve(insatser[6], budgets=budgets)
    return attrs.evolve(report, insatser=insatser)


def _cells(title: str, *changes: tuple[str, str, int], name: str = GAVLEBORG) -> Any:
    """A report with printed cells of one statement changed: (line, column, printed units)."""
    report = load_report(name)
    statements = list(report.statements)
    [index] = [i for i, s in enumerate(statements) if s.title == title]
    statement = statements[index]
    lines = list(statement.lines)
    for label, key, delta in changes:
        [at] = [i for i, line in enumerate(lines) if line.label == label]
        column = statement.column_index(key)
        values = list(lines[at].values)
        values[column] = values[column] + delta
        lines[at] = attrs.evolve(lines[at], values=values)
    statements[index] = attrs.evolve(statement, lines=lines)
    return attrs.evolve(report, statements=statements)


def _note_explaining(line: str) -> Any:
    report = load_report(GAVLEBORG)
    statements = list(report.statements)
    statements[5] = attrs.evolve(statements[5], explains=line)
    return attrs.evolve(report, statements=statements)


def _data(**edits: Callable[[dict[str, Any]], None]) -> Any:
    """The half-year report read from its data with texts edited (what a file could say)."""
    data = report_data(load_report(GAVLEBORG))
    for edit in edits.values():
        edit(data)
    return structure_report(data)


def _unreadable_words(data: dict[str, Any]) -> None:
    insats = data["insatser"][1]
    insats.update(status="kanske", orientation="okänd inriktning", period="hösten 2019")
    insats["age_band"] = "unga vuxna"
    data["insatser"][0]["registration"] = "på papper"
    data["goals"][3]["manual"] = "nästan"
    data["board"]["seats"][0]["role"] = "gäst"
    data["statements"][0]["lines"][1]["values"][0] = "se not"
    data["statements"][0]["lines"][2]["values"][0] = "–"
    data["decided"] = "i augusti"
    data["insatser"][1]["budgets"][0]["budget"] = "cirka en halv miljon"
    data["insatser"][1]["participants"]["women"] = "ett tiotal"
    data["goals"][3]["indicators"][0]["limit_percent"] = "tjugo"
    data["insatser"][1]["outcomes"]["more"] = [{"label": "flyttat", "percent": "5", "group": "ut"}]
    forbund = forbund_data(load_forbund("gavleborg"))
    del forbund["format"]
    data["forbund"] = {**forbund, "org_number": "55-12"}


def _forecast(**changes: Any) -> Any:
    report = load_report(GAVLEBORG)
    assert report.forecast is not None
    return attrs.evolve(report, forecast=attrs.evolve(report.forecast, **changes))


def _participants_and_shares(figures: list[Any]) -> list[Any]:
    figures[4] = attrs.evolve(figures[4], value=Decimal("56"))  # 56 % of 20 people
    figures[3] = attrs.evolve(figures[3], value=Decimal("384"))  # 1.3 says 384, 1.1 says 383
    share = attrs.evolve(figures[4], key="andel i studier", refers_to=None, value=Decimal("12"))
    return [*figures, share]  # 12 % of 20 people: no whole number of them


def _head_counts() -> Any:
    report = _figures(_participants_and_shares)
    insatser = list(report.insatser)
    participants = attrs.evolve(
        insatser[1].participants, stated_total=25, women_percent=Decimal(50)
    )
    outcomes = attrs.evolve(insatser[1].outcomes, stated_total_percent=Decimal(100))
    insatser[1] = attrs.evolve(insatser[1], participants=participants, outcomes=outcomes)
    assert report.board is not None
    board = attrs.evolve(report.board, stated_ledamoter=9)
    return attrs.evolve(report, insatser=insatser, board=board)


def _plan_line(index: int, tkr: int) -> Any:
    plan = load_report(PLAN)
    assert plan.budget is not None
    lines = list(plan.budget.lines)
    lines[index] = attrs.evolve(lines[index], amounts=[Amount.from_tkr(tkr)] * 3)
    return attrs.evolve(plan, budget=attrs.evolve(plan.budget, lines=lines))


def _two_vice_chairs_and_doubled_seats(seats: list[Any]) -> list[Any]:
    seats[2] = attrs.evolve(seats[2], vice_chair=True)  # a chair and two vice chairs: lawful
    doubled = [
        attrs.evolve(seats[3], person="Extra ledamot"),  # Arbetsförmedlingen: 2 and 1
        attrs.evolve(seats[2], person="Andra ledamot", vice_chair=False),  # FK: 2 and 3
        attrs.evolve(seats[8], person="Extra ersättare"),  # Försäkringskassan: 1 and 2
        attrs.evolve(seats[8], person="Tredje ersättare"),
    ]
    return seats + doubled


def _one_vice_chair_too_many(seats: list[Any]) -> list[Any]:
    return [attrs.evolve(seat, vice_chair=index in (1, 2, 3)) for index, seat in enumerate(seats)]


def _members(edit: Callable[[list[Any]], list[Any]]) -> Any:
    forbund = load_forbund("gavleborg")
    return attrs.evolve(forbund, members=edit(list(forbund.members)))


def _funding_twice() -> Any:
    forbund = load_forbund("gavleborg")
    return attrs.evolve(forbund, funding=[*forbund.funding, forbund.funding[0]])


def _insatsmedel(budget: int | None, outcome: int) -> Any:
    """The half-year report whose insatsmedel line in 3.3 has these kronor."""
    report = load_report(GAVLEBORG)
    statements = list(report.statements)
    table = statements[2]
    lines = list(table.lines)
    values = list(lines[0].values)
    values[0] = None if budget is None else Decimal(budget)
    values[1] = Decimal(outcome)
    lines[0] = attrs.evolve(lines[0], values=values)
    statements[2] = attrs.evolve(table, lines=lines)
    return attrs.evolve(report, statements=statements)


def _plan_insatsmedel_adding_up() -> Any:
    plan = load_report(PLAN)
    assert plan.budget is not None
    lines = list(plan.budget.lines)
    amounts = (Amount.from_kr(15_270_000), *lines[3].amounts[1:])
    lines[3] = attrs.evolve(lines[3], amounts=amounts)
    costs = (Amount.from_kr(18_776_000), *plan.budget.stated_costs[1:])  # the costs follow
    budget = attrs.evolve(plan.budget, lines=lines, stated_costs=costs)
    return attrs.evolve(plan, budget=budget)


def _figures_against_data(figures: list[Any]) -> list[Any]:
    coach = "Supported Employment coach Gävle"
    return [
        *figures,
        StatedFigure(
            "deltagare SE", Decimal(21), "personer", coach, "insatser[1].participants.stated_total"
        ),
        StatedFigure("budget SE", Decimal("0.6"), "mkr", coach, "insatser[1].budgets[0].budget"),
        StatedFigure(
            "budget SE avrundad", Decimal("0.5"), "mkr", coach, "insatser[1].budgets[0].budget"
        ),
    ]


def _figure_at_its_precision() -> Any:
    """'3 315,1 tkr' stands for 3 315 050 – 3 315 150 kr: the cell's 3 315 050 lies on the edge.

    The cell prints -3 315 060 (a cost): 10 kr less makes it -3 315 050.
    """
    report = _cells("3.1 Resultaträkning", ("Verksamhetens kostnader", "utfall", 10))
    figures = list(report.figures)
    figures[0] = attrs.evolve(figures[0], value=Decimal("3315.1"), unit="tkr")
    return attrs.evolve(report, figures=figures)


def _at_the_limits() -> Any:
    """An insats whose figures lie on the limits of their printed precision, or just past."""
    report = load_report(GAVLEBORG)
    edge = Insats(
        "Gränsfall",
        orientation="individ",
        budgets=(_budget(550_000, 100_000),),
        # 53 % of 20 is no whole number (10,6 people); the nearest that is, 11, is 55 %.
        participants=Participants(stated_total=20, men_percent=Decimal(53)),
        # The shares sum to 100 within 1,5; "101,5 %" stands for 101,45–101,55.
        outcomes=Outcomes(
            work=Decimal(50),
            studies=Decimal(10),
            other=Decimal(40),
            stated_total_percent=Decimal("101.5"),
        ),
    )
    index = len(report.insatser)
    figure = StatedFigure(  # 0,5 mkr stands for 450 000 – 550 000 kr: the budget is on the edge
        "budget gränsfall",
        Decimal("0.5"),
        "mkr",
        "Gränsfall",
        f"insatser[{index}].budgets[0].budget",
    )
    return attrs.evolve(
        report, insatser=[*report.insatser, edge], figures=[*report.figures, figure]
    )


def _two_charters() -> Any:
    """The charter of 2014 as printed, then a revision of 2019 whose percentages sum to 93,4."""
    forbund = load_forbund("gavleborg")
    first = forbund.charters[0]
    shares = {**dict(first.kommun_percentages), "Gävle kommun": Decimal("30")}
    revised = Charter(dt.date(2019, 1, 1), kommun_percentages=shares)
    return attrs.evolve(forbund, charters=[first, revised])


def _outside_seat(seats: list[Any]) -> list[Any]:
    return [*seats, attrs.evolve(seats[8], person="Gäst", represents="Röda korset")]


_SLOW = Insats("Långsam", orientation="individ", budgets=(_budget(1_000_000, 100_000),))
_LATE = Insats(
    "Sen",
    orientation="individ",
    period=Period(dt.date(2019, 3, 1), dt.date(2019, 12, 31)),
    budgets=(_budget(1_000_000, 0),),
)

#: name → the subject to check and the keyword arguments of `check`.
SCENARIOS: dict[str, Callable[[], Any]] = {
    "plan with the half-year report before it": lambda: _plan_with(),
    "plan with a forecast that does not cover its deficit": lambda: _plan_with(5_000_000),
    "plan whose state line is 6 000 tkr a year": lambda: _plan_budget(6000),
    "plan whose state line is 7 000 tkr a year": lambda: _plan_budget(7000),
    "charter percentages summing to 99.9": lambda: _charter(**{"Gävle kommun": Decimal("36.5")}),
    "charter percentages summing to 93.4": lambda: _charter(**{"Gävle kommun": Decimal("30")}),
    "charter naming a stranger and leaving out a member": lambda: _charter(
        **{"Gävle kommun": Decimal(-1), "Okänd kommun": Decimal("36.6")}
    ),
    "charter without percentages": lambda: attrs.evolve(
        load_forbund("gavleborg"), charters=[Charter(dt.date(2019, 1, 1))]
    ),
    "board without a chair and with three vice chairs": lambda: _board(_no_chair_three_vice),
    "board stating 6 ersättare": lambda: _board(list, stated_ersattare=6),
    "board without its last seat": lambda: _board(lambda seats: seats[:-1]),
    "insatser with and without their parties": lambda: _insatser(
        Insats(
            "Ensam",
            orientation="individ",
            lead="Försäkringskassan",
            cooperating=("Försäkringskassan",),
        ),
        Insats(
            "Utomstående",
            orientation="individ",
            lead="Röda korset",
            cooperating=("Gävle kommun", "Försäkringskassan"),
        ),
        Insats(
            "Ord", orientation="individ", lead="Gävle kommun", cooperating=("socialpsykiatrin",)
        ),
        Insats("Ledd", orientation="individ", lead="Gävle kommun"),
        Insats("Ingen", orientation="individ"),
    ),
    "insats started during the year before a slow one": lambda: _insatser(_LATE, _SLOW),
    "insats over its budget, in all and in a part": lambda: _insatser(
        Insats(
            "Dyr",
            orientation="individ",
            budgets=(
                _budget(100_000, 150_000, ("Lön", 50_000, 90_000), ("Lokal", 50_000, 10_000)),
            ),
        ),
        Insats("Utan utfall", orientation="individ", budgets=(_budget(100_000, None),)),
    ),
    "interim period from March": lambda: attrs.evolve(
        load_report(GAVLEBORG), period=Period(dt.date(2019, 3, 1), dt.date(2019, 8, 31))
    ),
    "interim period of two months": lambda: attrs.evolve(
        load_report(GAVLEBORG), period=Period.of_months(2019, 1, 2)
    ),
    "annual report of the half-year's statements": _annual,
    "insats stated elsewhere with other figures": lambda: _also_stated(_DISAGREEING, _SILENT),
    "stated figures changed, in other units, and referring to nothing": lambda: _figures(
        _figure_changes
    ),
    "förbund formed after the report period": lambda: attrs.evolve(
        load_report(GAVLEBORG),
        forbund=attrs.evolve(load_forbund("gavleborg"), founded=dt.date(2020, 1, 1)),
    ),
    "insats with a budget for a year outside its period": _insats_years,
    "balance sheet whose assets at the year start are 100 000 kr higher": lambda: _cells(
        "3.2 Balansräkning",
        ("Kassa och bank", "fg", 100_000),
        ("Summa omsättningstillgångar", "fg", 100_000),
    ),
    "balance sheet whose equity is 100 000 kr higher and debts as much lower": lambda: _cells(
        "3.2 Balansräkning",
        ("Eget kapital", "utfall", 100_000),
        ("Kortfristiga skulder", "utfall", -100_000),
    ),
    "texts no reader understands, kept as printed": lambda: _data(words=_unreadable_words),
    "forecast with another closing equity and share": lambda: _forecast(
        closing_equity=Amount.from_kr(6_000_000), equity_share_percent=Decimal("50")
    ),
    "forecast referring to a table the document lacks": lambda: _forecast(statement="Bilaga 9"),
    "figures, participants and board counts that do not add up": _head_counts,
    "plan whose region line is 3 000 tkr a year": lambda: _plan_line(1, 3000),
    "region contribution 50 000 kr off in a note": lambda: _cells(
        _NOTE_1, ("Driftbidrag från Landsting/region", "utfall", 50_000)
    ),
    "report whose förbund has no charter": lambda: attrs.evolve(
        load_report(GAVLEBORG), forbund=attrs.evolve(load_forbund("gavleborg"), charters=())
    ),
    "board with two vice chairs and members with doubled seats": lambda: _board(
        _two_vice_chairs_and_doubled_seats
    ),
    "board with a chair and three vice chairs": lambda: _board(_one_vice_chair_too_many),
    "förbund without the state parties and with two regions": lambda: _members(
        lambda members: [*members[2:], attrs.evolve(members[2], name="Region Dalarna")]
    ),
    "förbund without Arbetsförmedlingen and with Försäkringskassan twice": lambda: _members(
        lambda members: [members[0], attrs.evolve(members[0], name="FK Syd"), *members[2:]]
    ),
    "förbund listing two kommuner twice": lambda: _members(
        lambda members: [*members, members[3], members[4]]
    ),
    "förbund giving the members' total for 2019 twice": _funding_twice,
    "insatser naming parties with departments, none, or too old a target group": lambda: _insatser(
        Insats(
            "Avdelningar",
            orientation="individ",
            cooperating=("Gävle kommun/socialtjänsten", "Region Gävleborg/psykiatrin"),
        ),
        Insats("Främlingar", orientation="individ", cooperating=("Röda korset", "Rädda barnen")),
        Insats("Äldre", orientation="individ", age_band=AgeBand(16, 70)),
    ),
    "annual report of a year from July": lambda: attrs.evolve(
        _annual(), period=Period(dt.date(2019, 7, 1), dt.date(2020, 6, 30))
    ),
    # 181 of 365 days have passed: half of that pace is 181 000 of 730 000 kr, exactly.
    "insatsmedel used at exactly the pace that warns": lambda: _insatsmedel(730_000, 181_000),
    "insatsmedel used just below the pace that warns": lambda: _insatsmedel(730_000, 180_999),
    "insatsmedel used without a budget figure": lambda: _insatsmedel(None, 181_000),
    "half-year report whose own deficit its opening equity does not cover": lambda: _cells(
        "3.2 Balansräkning", ("Eget kapital", "fg", -1_500_000)
    ),
    "plan whose insatsmedel add up and whose costs follow": _plan_insatsmedel_adding_up,
    "figures stated for an insats's participants and budget": lambda: _figures(
        _figures_against_data
    ),
    "figure in tkr whose cell lies on the edge of its precision": _figure_at_its_precision,
    "state line matching the kommuner, region line 50 000 kr over": lambda: _cells(
        _NOTE_1,
        ("Driftbidrag från staten", "utfall", -250),
        ("Driftbidrag från Landsting/region", "utfall", 50_000),
    ),
    "state line matching the region, the kommuner 30 000 kr over": lambda: _cells(
        _NOTE_1,
        ("Driftbidrag från staten", "utfall", -250),
        ("Driftbidrag från Bollnäs kommun", "utfall", 30_000),
    ),
    "region line 50 000 kr and one kommun 30 000 kr over": lambda: _cells(
        _NOTE_1,
        ("Driftbidrag från Landsting/region", "utfall", 50_000),
        ("Driftbidrag från Bollnäs kommun", "utfall", 30_000),
    ),
    "förbund whose revised charter sums to 93.4": _two_charters,
    "board with a seat for a body that is no member": lambda: _board(_outside_seat),
    "insats naming a non-member before two parties": lambda: _insatser(
        Insats(
            "Blandad",
            orientation="individ",
            cooperating=("Röda korset", "Försäkringskassan", "Arbetsförmedlingen"),
        ),
        Insats("Ledd och blandad", orientation="individ", lead="", cooperating=("Hofors kommun",)),
        Insats(
            "Uppräknad",
            orientation="individ",
            cooperating=("Gävle kommun, socialtjänsten, Försäkringskassan",),
        ),
        Insats("Glapp", orientation="individ", cooperating=("Försäkringskassan, , Hofors kommun",)),
    ),
    "note explaining a line no statement has": lambda: _note_explaining("Okänd rad"),
    "ledger booking 10 000 kr on the wrong line in the period column": lambda: _cells(
        _LEDGER,
        ("Kundfordringar", "period", 10_000),
        ("Fordringar hos leverantör", "period", -10_000),
        name=MPHLA,
    ),
    "deviation of a line and of its total both 50 000 kr off": lambda: _cells(
        _OPERATING,
        ("Insatsmedel", "avvikelse", 50_000),
        ("Summa", "avvikelse", 50_000),
    ),
    "total of one line 50 000 kr off, and of the opposite sign": lambda: _cells(
        _OPERATING,
        ("Summa intäkter", "utfall", 50_000),
        ("Summa intäkter", "budget", -2 * 13_319_000),
    ),
    "deviation of a line 50 000 kr off and of its total 20 000 kr off": lambda: _cells(
        _OPERATING,
        ("Insatsmedel", "avvikelse", 50_000),
        ("Summa", "avvikelse", 20_000),
    ),
    "deviation printed as 0 where budget and outcome differ": lambda: _cells(
        _OPERATING,
        ("Övriga externa kostnader", "avvikelse", -295_715),
    ),
    "ledger with a line off alone before a booking on the wrong line 3 kr short": lambda: _cells(
        _LEDGER,
        ("Kundfordringar", "utg", 5_000),
        ("Fordran moms", "period", 10_000),
        ("Upplupna intäkter", "period", -10_003),
        name=MPHLA,
    ),
    "ledger with two lines off in opposite directions, by 10 000 and 10 004 kr": lambda: _cells(
        _LEDGER,
        ("Fordran moms", "period", 10_000),
        ("Upplupna intäkter", "period", -10_004),
        name=MPHLA,
    ),
    # 6 112 735 of 10 819 000 kr is 56,5 %: printed 57 % used and 44 % left, both rounded up.
    "forecast shares 57 % used and 44 % left, each rounded from a half": lambda: _cells(
        _FORECAST,
        ("Insatsmedel", "prognos", 12_735),
        ("Insatsmedel", "forbrukat", 1),
        ("Insatsmedel", "oforbrukat", -22),
    ),
    "forecast share used misprinted as 95 %": lambda: _cells(
        _FORECAST,
        ("Personalkostnader", "forbrukat", -5),
    ),
    "deviations of two lines 50 000 kr off, their total as printed": lambda: _cells(
        _OPERATING,
        ("Insatsmedel", "avvikelse", 50_000),
        ("Övriga externa kostnader", "avvikelse", -20_000),
    ),
    # 0,05 % of the quarter (1 664 875 kr) is 832 kr: what a one-decimal percentage can mean.
    "two kommuner 829 kr off their charter shares, within the percentages' precision": lambda: (
        _cells(
            _NOTE_1,
            ("Driftbidrag från Bollnäs kommun", "utfall", 829),
            ("Driftbidrag från Ljusdals Kommun", "utfall", -829),
        )
    ),
    "insats whose figures lie on the limits of their precision": _at_the_limits,
    "two kommuner 2 000 kr off their charter shares, beyond the percentages' precision": lambda: (
        _cells(
            _NOTE_1,
            ("Driftbidrag från Bollnäs kommun", "utfall", 2_000),
            ("Driftbidrag från Ljusdals Kommun", "utfall", -2_000),
        )
    ),
    "state and region lines off, the kommuner as the charter says": lambda: _cells(
        _NOTE_1,
        ("Driftbidrag från staten", "utfall", 100_000),
        ("Driftbidrag från Landsting/region", "utfall", 50_000),
    ),
    "kommun contribution 50 000 kr over its charter share": lambda: _cells(
        _NOTE_1,
        ("Driftbidrag från Bollnäs kommun", "utfall", 50_000),
        ("Driftbidrag från Ljusdals Kommun", "utfall", -50_000),
    ),
}


def _reading(name: str) -> list[dict[str, Any]]:
    made = SCENARIOS[name]()
    subject, options = made if isinstance(made, tuple) else (made, {})
    records = [finding.record() for finding in check(subject, lang="en", **options)]
    for record in records:
        del record["source"]  # where the package is installed
    return records


def test_the_golden_file_holds_every_scenario_and_no_other() -> None:
    assert sorted(json.loads(GOLDEN.read_text("utf-8"))) == sorted(SCENARIOS)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_findings_of_a_scenario_read_as_pinned(name: str) -> None:
    reading = _reading(name)
    if os.environ.get("FINSAM_UPDATE_GOLDEN"):
        golden = json.loads(GOLDEN.read_text("utf-8")) if GOLDEN.exists() else {}
        golden = {key: value for key, value in golden.items() if key in SCENARIOS}
        golden[name] = reading
        GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    assert reading == json.loads(GOLDEN.read_text("utf-8"))[name]
