"""finsam.plots: charts rendered headless (Agg) from the bundled reports, checked for content."""

from __future__ import annotations

import io
import subprocess
import sys
from decimal import Decimal

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from finsam import (  # noqa: E402
    Amount,
    AnnualReport,
    Assessment,
    Column,
    ColumnKind,
    FundingSplit,
    Goal,
    Insats,
    InterimReport,
    Line,
    LineRole,
    Plan,
    Statement,
    StatementKind,
    TargetIndicator,
    YearBudget,
    YesNo,
    load_forbund,
    load_report,
    split_funding,
)
from finsam.formatting import format_amount  # noqa: E402
from finsam.plots import (  # noqa: E402
    ASSESSMENT_COLOURS,
    NO_ASSESSMENT_COLOUR,
    budget_vs_outcome,
    contribution_split,
    goal_assessments,
    insats_budgets,
)

NBSP = "\u00a0"
Report = InterimReport | AnnualReport | Plan


def sv(text: str) -> str:
    """Text as finsam.formatting writes it: no-break spaces in numbers and before units."""
    return text.replace(" ", NBSP)


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def bar_texts(fig: Figure, container: int = 0) -> list[str]:
    """The texts `bar_label` put on one container's bars, in bar order."""
    ax = fig.axes[0]
    bars = list(ax.containers[container])
    texts = [t for t in ax.texts if t.get_text()]
    # bar_label adds one annotation per bar, container by container
    offset = sum(len(c) for c in ax.containers[:container])
    return [t.get_text() for t in texts[offset : offset + len(bars)]]


def widths(fig: Figure, container: int = 0) -> list[float]:
    return [bar.get_width() for bar in fig.axes[0].containers[container]]


def ytick_texts(fig: Figure) -> list[str]:
    return [label.get_text() for label in fig.axes[0].get_yticklabels()]


@pytest.fixture(scope="module")
def gavleborg() -> FundingSplit:
    return split_funding(load_forbund("gavleborg"), 2019)


@pytest.fixture(scope="module")
def mphla() -> FundingSplit:
    return split_funding(load_forbund("mphla"), 2016)


@pytest.fixture(scope="module")
def h1() -> Report:
    return load_report("gavleborg-2019-h1")


def driftredovisning(report: Report) -> Statement:
    return next(s for s in report.statements if s.kind is StatementKind.OPERATING_STATEMENT)


@pytest.fixture(autouse=True)
def _no_show(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("finsam.plots must never call show()")

    monkeypatch.setattr(plt, "show", refuse)
    monkeypatch.setattr(Figure, "show", refuse)


# -- contribution_split -------------------------------------------------------------------------


def test_party_split_gavleborg(gavleborg: FundingSplit) -> None:
    fig = contribution_split(gavleborg)
    assert png(fig).startswith(b"\x89PNG")
    ax = fig.axes[0]
    assert ax.get_title() == (
        f"Samordningsförbund Gävleborg\nMedlemsbidrag per part 2019, totalt {sv('13 319 000 kr')}"
    )
    assert ytick_texts(fig) == ["Staten", "Region", "Kommunerna (10)"]
    assert widths(fig) == [6_659_500, 3_329_750, 3_329_750]
    assert bar_texts(fig) == [
        f"{sv('6 659 500 kr')} ({sv('50 %')})",
        f"{sv('3 329 750 kr')} ({sv('25 %')})",
        f"{sv('3 329 750 kr')} ({sv('25 %')})",
    ]
    assert ax.get_xlabel() == "kr"


def test_member_split_has_one_bar_per_member_sorted_by_amount(gavleborg: FundingSplit) -> None:
    fig = contribution_split(gavleborg, by="member")
    assert png(fig).startswith(b"\x89PNG")
    members = gavleborg.forbund.members
    assert len(fig.axes[0].containers[0]) == len(members) == 13
    assert sorted(ytick_texts(fig)) == sorted(m.name for m in members)
    assert widths(fig) == sorted(widths(fig), reverse=True)
    names = ytick_texts(fig)
    assert names[:3] == ["Försäkringskassan", "Region Gävleborg", "Gävle kommun"]
    assert names[-1] == "Arbetsförmedlingen"  # pays nothing itself: FK pays the state's half
    # equal amounts keep the förbund's member order
    assert names.index("Hofors kommun") < names.index("Nordanstigs kommun")
    texts = dict(zip(names, bar_texts(fig), strict=True))
    assert texts["Försäkringskassan"] == f"{sv('6 659 500 kr')} ({sv('50 %')})"
    assert texts["Gävle kommun"].startswith(sv("1 218 688 kr"))  # the charter's unit: kronor
    for name, text in texts.items():
        assert text.startswith(format_amount(gavleborg[name]) + " (")
    assert "Samordningsförbund Gävleborg" in fig.axes[0].get_title()
    legend = fig.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Staten", "Region", "Kommunerna"]


def test_member_bars_are_coloured_by_party(gavleborg: FundingSplit) -> None:
    fig = contribution_split(gavleborg, by="member")
    fills = [bar.get_facecolor() for bar in fig.axes[0].containers[0]]
    colour = dict(zip(ytick_texts(fig), fills, strict=True))
    assert colour["Gävle kommun"] == colour["Ockelbo kommun"]
    assert (
        len({colour["Försäkringskassan"], colour["Region Gävleborg"], colour["Gävle kommun"]}) == 3
    )


def test_split_mphla_2016(mphla: FundingSplit) -> None:
    by_party = contribution_split(mphla)
    by_member = contribution_split(mphla, by="member")
    for fig in (by_party, by_member):
        assert png(fig).startswith(b"\x89PNG")
        assert "Samordningsförbundet Mölndal, Partille, Härryda, Lerum och Alingsås" in (
            fig.axes[0].get_title()
        )
        assert f"totalt {sv('16 692 000 kr')}" in fig.axes[0].get_title()
    assert ytick_texts(by_party) == ["Staten", "Region", "Kommunerna (5)"]
    assert len(by_member.axes[0].containers[0]) == len(mphla.forbund.members) == 8
    assert f"{sv('1 223 000 kr')} ({sv('7,3 %')})" in bar_texts(by_member)  # MPHLA rounds to tkr


def test_split_of_a_period_names_the_period() -> None:
    from finsam import Period

    split = split_funding(load_forbund("gavleborg"), 2019, period=Period.of_months(2019, 1, 6))
    title = contribution_split(split).axes[0].get_title()
    assert "2019-01-01 – 2019-06-30" in title


def test_split_refuses_an_unknown_grouping(gavleborg: FundingSplit) -> None:
    with pytest.raises(ValueError, match="by must be 'party' or 'member'"):
        contribution_split(gavleborg, by="kommun")  # type: ignore[arg-type]


# -- budget_vs_outcome --------------------------------------------------------------------------


def test_driftredovisning_gavleborg(h1: Report) -> None:
    drift = driftredovisning(h1)
    fig = budget_vs_outcome(drift)
    assert png(fig).startswith(b"\x89PNG")
    ax = fig.axes[0]
    lines = ["Insatsmedel", "Personalkostnader, kansli", "Övriga externa kostnader"]
    lines.append("Medlemsavgifter, intäkter och bidrag")
    # the two total lines ("Summa", "Summa intäkter") and the result are left out
    assert len(ax.containers[0]) == len(ax.containers[1]) == 4
    assert [t.replace("\n", " ") for t in ytick_texts(fig)] == lines
    assert widths(fig, 0) == [10_819_000, 2_900_000, 500_000, 13_319_000]
    assert widths(fig, 1) == [1_514_867, 1_595_908, 204_285, 6_659_747]
    assert bar_texts(fig, 0)[0] == sv("10 819 000 kr")
    assert bar_texts(fig, 1)[0] == f"{sv('1 514 867 kr')} ({sv('14 %')})"
    assert ax.get_xlabel() == "kr"
    assert ax.get_title().startswith("3.3 Driftredovisning")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Budget 2019", "Utfall 2019-06-30"]


def test_driftredovisning_mphla_in_tkr_with_absolute_amounts() -> None:
    drift = driftredovisning(load_report("mphla-2016-jan-aug"))
    fig = budget_vs_outcome(drift)
    assert png(fig).startswith(b"\x89PNG")
    ax = fig.axes[0]
    non_totals = [line for line in drift.lines if not line.is_total]
    assert len(ax.containers[0]) == len(non_totals) == 13
    assert ax.get_xlabel() == "tkr"
    # costs are printed negative; the bars and labels show them as positive tkr
    assert widths(fig, 0)[0] == 216
    assert widths(fig, 1)[0] == 218
    assert bar_texts(fig, 0)[0] == sv("216 tkr")
    assert bar_texts(fig, 1)[0] == f"{sv('218 tkr')} ({sv('101 %')})"
    assert f"{sv('3 510 tkr')} ({sv('105 %')})" in bar_texts(fig, 1)


def test_budget_and_outcome_columns_can_be_chosen() -> None:
    drift = driftredovisning(load_report("mphla-2016-jan-aug"))
    fig = budget_vs_outcome(drift, budget="budget_helar", outcome="prognos", title="Helår")
    assert fig.axes[0].get_title() == "Helår"
    assert widths(fig, 0)[0] == 325
    assert widths(fig, 1)[0] == 350
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Aktuell Budget Helår", "Prognos Helår (aktuell)"]


def _table(lines: list[Line], columns: list[Column] | None = None) -> Statement:
    return Statement(
        kind=StatementKind.OPERATING_STATEMENT,
        title="Drift",
        columns=columns
        or [Column("b", "Budget", ColumnKind.BUDGET), Column("u", "Utfall", ColumnKind.OUTCOME)],
        lines=lines,
    )


def test_lines_without_both_values_are_left_out() -> None:
    table = _table(
        [
            Line("Kansli", LineRole.COST, [Decimal(100), Decimal(40)]),
            Line("Ny insats", LineRole.COST, [Decimal(50), None]),
            Line("Gammal insats", LineRole.COST, [None, Decimal(5)]),
        ]
    )
    fig = budget_vs_outcome(table)
    assert ytick_texts(fig) == ["Kansli"]
    assert bar_texts(fig, 1) == [f"{sv('40 kr')} ({sv('40 %')})"]


def test_budget_vs_outcome_errors() -> None:
    no_budget = _table(
        [Line("Kansli", LineRole.COST, [Decimal(1)])],
        columns=[Column("u", "Utfall", ColumnKind.OUTCOME)],
    )
    with pytest.raises(ValueError, match="no 'budget' column"):
        budget_vs_outcome(no_budget)
    only_totals = _table(
        [
            Line("A", LineRole.COST, [None, Decimal(1)]),
            Line("Summa", LineRole.COST, [Decimal(1), Decimal(1)], total_of=["A"]),
        ]
    )
    with pytest.raises(ValueError, match="no line other than totals"):
        budget_vs_outcome(only_totals)
    with pytest.raises(KeyError, match="no column 'x'"):
        budget_vs_outcome(only_totals, budget="x")


# -- insats_budgets -----------------------------------------------------------------------------


def test_insats_budgets_gavleborg(h1: Report) -> None:
    fig = insats_budgets(h1.insatser, 2019)
    assert png(fig).startswith(b"\x89PNG")
    ax = fig.axes[0]
    assert len(ax.containers[0]) == len(ax.containers[1]) == len(h1.insatser) == 7
    names = [t.replace("\n", " ") for t in ytick_texts(fig)]
    assert names == [insats.name for insats in h1.insatser]
    mysam = names.index("Mysam")
    assert widths(fig, 0)[mysam] == 5_534_625
    assert bar_texts(fig, 0)[mysam] == sv("5 534 625 kr")
    assert bar_texts(fig, 1)[mysam] == f"{sv('257 237 kr')} ({sv('5 %')})"
    assert ax.get_title() == "Budget och utfall per insats 2019"
    assert ax.get_xlabel() == "kr"


def test_insats_budgets_marks_missing_figures() -> None:
    insatser = [
        Insats("Planerad", orientation="individ", budgets=[YearBudget(2020, Amount.from_kr(9))]),
        Insats("Annat år", orientation="individ", budgets=[YearBudget(2019, Amount.from_kr(1))]),
        Insats("Utan budget", orientation="individ"),
    ]
    fig = insats_budgets(insatser, 2020, title="Plan")
    assert ytick_texts(fig) == ["Planerad"]
    assert bar_texts(fig, 0) == [sv("9 kr")]
    assert bar_texts(fig, 1) == ["–"]
    assert widths(fig, 1) == [0]
    with pytest.raises(ValueError, match=r"no insats has a budget or outcome for 2018.*2019, 2020"):
        insats_budgets(insatser, 2018)


# -- goal_assessments ---------------------------------------------------------------------------


def cell_colours(fig: Figure) -> list[tuple[float, ...]]:
    return [tuple(cell.get_facecolor()) for cell in fig.axes[0].containers[0]]


def test_goal_assessments_gavleborg_h1(h1: Report) -> None:
    fig = goal_assessments(h1.goals)
    assert png(fig).startswith(b"\x89PNG")
    rows = sum(1 + len(goal.indicators) for goal in h1.goals)
    assert len(fig.axes[0].containers[0]) == rows == 5
    white, red = to_rgba(NO_ASSESSMENT_COLOUR), to_rgba(ASSESSMENT_COLOURS[Assessment.EJ])
    assert cell_colours(fig) == [white, white, white, red, red]
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts.count("ingen bedömning") == 3
    assert texts.count("ej uppfyllt") == 2
    assert any(t.startswith("Inriktningsmål 4: Verksamhet i ekonomisk balans") for t in texts)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [a.value for a in ASSESSMENT_COLOURS] + ["ingen bedömning"]


def test_goal_assessments_plan() -> None:
    goals = load_report("gavleborg-plan-2020-2022").goals
    fig = goal_assessments(goals, title="Verksamhetsplan 2020–2022")
    assert png(fig).startswith(b"\x89PNG")
    assert len(fig.axes[0].containers[0]) == 4 + 12
    assert fig.axes[0].get_title() == "Verksamhetsplan 2020–2022"
    # long indicator texts are cut to two lines
    assert all(t.get_text().count("\n") <= 1 for t in fig.axes[0].texts)


def test_every_assessment_has_its_colour() -> None:
    indicators = tuple(YesNo(a.value, manual=a) for a in Assessment if a is not Assessment.UTGAR)
    goal = Goal(
        "Alla bedömningar",
        name="Mål 1",
        indicators=(
            *indicators,
            YesNo("Utgått mått", fulfilled=True, dropped=True),
            TargetIndicator("Ej mätt", target=Decimal(800)),
        ),
        manual="delvis uppfyllt",
    )
    fig = goal_assessments([goal])
    expected = [
        Assessment.DELVIS,
        Assessment.UPPFYLLT,
        Assessment.OVERVAGANDE,
        Assessment.DELVIS,
        Assessment.EJ,
        Assessment.UTGAR,
        None,
    ]
    assert cell_colours(fig) == [
        to_rgba(NO_ASSESSMENT_COLOUR if a is None else ASSESSMENT_COLOURS[a]) for a in expected
    ]
    labels = [t.get_text() for t in fig.axes[0].texts if t.get_position()[0] > 0.5]
    assert labels == [
        "delvis uppfyllt",
        "uppfyllt",
        "uppfyllt till övervägande del",
        "delvis uppfyllt",
        "ej uppfyllt",
        "måttet utgår",
        "ingen bedömning",
    ]
    assert ASSESSMENT_COLOURS[Assessment.UPPFYLLT] == "#1a9850"  # green
    assert ASSESSMENT_COLOURS[Assessment.EJ] == "#d73027"  # red
    assert png(fig).startswith(b"\x89PNG")


def test_goal_assessments_needs_goals() -> None:
    with pytest.raises(ValueError, match="no goals"):
        goal_assessments([])


# -- no display, no global state, optional dependency ------------------------------------------


def test_figures_are_not_registered_with_pyplot(gavleborg: FundingSplit, h1: Report) -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    figures = [
        contribution_split(gavleborg),
        budget_vs_outcome(driftredovisning(h1)),
        insats_budgets(h1.insatser, 2019),
        goal_assessments(h1.goals),
    ]
    assert all(isinstance(fig, Figure) for fig in figures)
    assert plt.get_fignums() == before


def test_finsam_never_imports_matplotlib_and_plots_never_import_pyplot() -> None:
    code = """
import sys
import finsam
assert "matplotlib" not in sys.modules, "import finsam imported matplotlib"
import finsam.plots
assert "matplotlib" not in sys.modules, "import finsam.plots imported matplotlib"
from finsam.plots import contribution_split
fig = contribution_split(finsam.split_funding(finsam.load_forbund("gavleborg"), 2019))
import io
fig.savefig(io.BytesIO(), format="png")
assert "matplotlib" in sys.modules
assert "matplotlib.pyplot" not in sys.modules, "finsam.plots imported pyplot"
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_missing_matplotlib_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, gavleborg: FundingSplit
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(ImportError, match=r"pip install matplotlib"):
        contribution_split(gavleborg)
