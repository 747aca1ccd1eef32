"""Charts of funding splits, budgets and goal assessments (optional extra ``finsam[plot]``).

Every function returns a `matplotlib.figure.Figure` built with the object-oriented API:
no pyplot, no global state, no display needed and nothing is ever shown. Save the figure
(``fig.savefig("split.png")``) or let Jupyter display it. Amounts are labelled the Swedish
way through `finsam.present.formatting` ("6 659 500 kr", with no-break spaces).

matplotlib is imported only when a chart is drawn; ``import finsam`` never imports it.
Without it, the functions raise an `ImportError` that says how to install it.

Example:
    >>> from finsam import load_forbund, split_funding
    >>> from finsam.present.plots import contribution_split
    >>> fig = contribution_split(split_funding(load_forbund("mphla"), 2016), by="member")
    >>> [label.get_text() for label in fig.axes[0].get_yticklabels()][:3]
    ['Försäkringskassan', 'Västra Götalandsregionen', 'Mölndals stad']
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

from finsam.accounts import ColumnKind, Statement
from finsam.funding import FundingSplit
from finsam.goals import Assessment, Goal
from finsam.insats import Insats
from finsam.money import KRONA, Amount
from finsam.parties import Party
from finsam.period import Period
from finsam.present.formatting import format_amount, format_number, format_share

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "ASSESSMENT_COLOURS",
    "NO_ASSESSMENT_COLOUR",
    "assessment_colour",
    "budget_vs_outcome",
    "contribution_split",
    "goal_assessments",
    "insats_budgets",
]

#: Fill colour of each assessment in `goal_assessments`, green (uppfyllt) to red (ej).
ASSESSMENT_COLOURS: Final[Mapping[Assessment, str]] = MappingProxyType(
    {
        Assessment.UPPFYLLT: "#1a9850",
        Assessment.OVERVAGANDE: "#a6d96a",
        Assessment.DELVIS: "#fdae61",
        Assessment.EJ: "#d73027",
        Assessment.UTGAR: "#bdbdbd",
    }
)
#: Fill colour of a goal or indicator without an assessment.
NO_ASSESSMENT_COLOUR: Final = "#ffffff"

_NO_ASSESSMENT_LABEL: Final = "ingen bedömning"
_DARK_FILLS: Final = frozenset({"#1a9850", "#d73027"})

_PARTY_LABELS: Final[dict[Party, str]] = {
    Party.STATE: "Staten",
    Party.REGION: "Region",
    Party.KOMMUNER: "Kommunerna",
}
_PARTY_COLOURS: Final[dict[Party, str]] = {
    Party.STATE: "#1f5f8b",
    Party.REGION: "#c0504d",
    Party.KOMMUNER: "#4f9a4a",
}
_BUDGET_COLOUR: Final = "#9db9d3"
_OUTCOME_COLOUR: Final = "#1f5f8b"


# -- shared helpers -----------------------------------------------------------------------------


def _new_figure(width: float, height: float) -> Figure:
    """A fresh `Figure`, not registered with pyplot; a clear error without matplotlib."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ImportError(
            "finsam.plots needs matplotlib; install it with: pip install matplotlib "
            "(from a finsam checkout: pip install '.[plot]')"
        ) from exc
    return Figure(figsize=(width, height), layout="constrained")


def _kr_axis(ax: Axes, unit: Amount) -> None:
    """Format the x axis as Swedish grouped numbers of `unit` and name the unit."""
    from matplotlib.ticker import FuncFormatter

    def swedish(value: float, _position: int | None) -> str:
        return format_number(Decimal(round(value)))

    ax.xaxis.set_major_formatter(FuncFormatter(swedish))
    ax.set_xlabel(format_amount(Amount(0), unit=unit).split()[-1])


def _in_unit(amount: Amount, unit: Amount) -> float:
    """An amount as a float in `unit`, for drawing only (labels use the exact amount)."""
    return amount.ore / unit.ore


def _wrap(text: str, width: int, lines: int | None = None) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder=" …"))


def _period_text(period: Period) -> str:
    """``2019`` for a whole calendar year, else the period as ``2019-01-01 – 2019-06-30``."""
    if period.is_calendar_year:
        return str(period.start.year)
    return str(period)


def _room_for_labels(ax: Axes, largest: float, factor: float = 1.45) -> None:
    ax.set_xlim(0, largest * factor if largest > 0 else 1)
    ax.margins(y=0.02)
    ax.spines[["top", "right"]].set_visible(False)


# -- the funding split --------------------------------------------------------------------------


def contribution_split(split: FundingSplit, *, by: Literal["party", "member"] = "party") -> Figure:
    """The members' contributions to a förbund as horizontal bars, labelled in kronor.

    With ``by="party"`` one bar per party of § 5 (staten, region, kommunerna); with
    ``by="member"`` one bar per member — each kommun on its own — sorted by amount, largest
    at the top, coloured by party. Each bar is labelled with its amount and share ("6 659 500
    kr (50 %)"); the title names the förbund, the period and the total.

    Args:
        split: A split from `finsam.split_funding`.
        by: ``"party"`` (the default) or ``"member"``.

    Example:
        >>> from finsam import load_forbund, split_funding
        >>> from finsam.present.plots import contribution_split
        >>> fig = contribution_split(split_funding(load_forbund("gavleborg"), 2019))
        >>> forbund, subtitle = fig.axes[0].get_title().splitlines()
        >>> forbund
        'Samordningsförbund Gävleborg'
        >>> subtitle
        'Medlemsbidrag per part 2019, totalt 13\\xa0319\\xa0000\\xa0kr'
        >>> [label.get_text() for label in fig.axes[0].get_yticklabels()]
        ['Staten', 'Region', 'Kommunerna (10)']
    """
    if by == "party":
        totals = split.by_party()
        counts = {p: sum(c.member.party is p for c in split.contributions) for p in Party}
        labels = [
            _PARTY_LABELS[p] + (f" ({counts[p]})" if counts[p] > 1 and p is not Party.STATE else "")
            for p in Party
        ]
        amounts = [totals[p] for p in Party]
        parties = list(Party)
    elif by == "member":
        rows = sorted(split.contributions, key=lambda c: -c.amount.ore)  # stable on ties
        labels = [c.member.name for c in rows]
        amounts = [c.amount for c in rows]
        parties = [c.member.party for c in rows]
    else:
        raise ValueError(f"by must be 'party' or 'member', not {by!r}")

    total = split.total
    bar_labels = [
        format_amount(amount)
        + ("" if total.is_zero else f" ({format_share(_share(amount, total), decimals=1)})")
        for amount in amounts
    ]
    fig = _new_figure(9, 1.4 + 0.42 * len(labels))
    ax = fig.add_subplot()
    positions = range(len(labels))
    bars = ax.barh(
        positions,
        [_in_unit(amount, KRONA) for amount in amounts],
        color=[_PARTY_COLOURS[p] for p in parties],
        height=0.7,
    )
    ax.bar_label(bars, labels=bar_labels, padding=4, fontsize=9)
    ax.set_yticks(list(positions), labels=labels)
    ax.invert_yaxis()
    _kr_axis(ax, KRONA)
    _room_for_labels(ax, max((_in_unit(a, KRONA) for a in amounts), default=0))
    what = "part" if by == "party" else "medlem"
    ax.set_title(
        f"{split.forbund.name}\nMedlemsbidrag per {what} {_period_text(split.period)}, "
        f"totalt {format_amount(total)}"
    )
    if by == "member":
        from matplotlib.patches import Patch

        present = [p for p in Party if p in parties]
        ax.legend(
            handles=[Patch(color=_PARTY_COLOURS[p], label=_PARTY_LABELS[p]) for p in present],
            loc="lower right",
            frameon=False,
        )
    return fig


def _share(amount: Amount, total: Amount) -> Fraction:
    return Fraction(amount.ore, total.ore)


# -- budget and outcome -------------------------------------------------------------------------


def _budget_outcome_bars(
    labels: Sequence[str],
    budgets: Sequence[Amount | None],
    outcomes: Sequence[Amount | None],
    *,
    unit: Amount,
    legend: tuple[str, str],
    title: str,
) -> Figure:
    """Grouped horizontal bars, budget above outcome, one group per row."""
    rows = len(labels)
    fig = _new_figure(10, 1.6 + 0.75 * rows)
    ax = fig.add_subplot()
    height = 0.38
    budget_positions = [i - height / 2 for i in range(rows)]
    outcome_positions = [i + height / 2 for i in range(rows)]

    def values(amounts: Sequence[Amount | None]) -> list[float]:
        return [0.0 if a is None else _in_unit(a, unit) for a in amounts]

    def text(amount: Amount | None) -> str:
        return "–" if amount is None else format_amount(amount, unit=unit)

    budget_bars = ax.barh(
        budget_positions, values(budgets), height=height, color=_BUDGET_COLOUR, label=legend[0]
    )
    outcome_bars = ax.barh(
        outcome_positions,
        values(outcomes),
        height=height,
        color=_OUTCOME_COLOUR,
        label=legend[1],
    )
    outcome_texts = []
    for budget, outcome in zip(budgets, outcomes, strict=True):
        used = ""
        if budget is not None and outcome is not None and not budget.is_zero:
            used = f" ({format_share(_share(outcome, budget), decimals=0)})"
        outcome_texts.append(text(outcome) + used)
    ax.bar_label(budget_bars, labels=[text(b) for b in budgets], padding=4, fontsize=8.5)
    ax.bar_label(outcome_bars, labels=outcome_texts, padding=4, fontsize=8.5)
    ax.set_yticks(range(rows), labels=[_wrap(label, 30, 3) for label in labels])
    ax.invert_yaxis()
    _kr_axis(ax, unit)
    largest = max(values(budgets) + values(outcomes), default=0.0)
    _room_for_labels(ax, largest)
    ax.set_title(title)
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return fig


def _first_column(statement: Statement, kind: ColumnKind) -> str:
    for column in statement.columns:
        if column.kind is kind:
            return column.key
    raise ValueError(
        f"{statement.title!r} has no {kind.value!r} column; give the key "
        f"(columns: {[c.key for c in statement.columns]})"
    )


def budget_vs_outcome(
    statement: Statement,
    *,
    budget: str | None = None,
    outcome: str | None = None,
    title: str | None = None,
) -> Figure:
    """Budget and outcome per line of a printed table (category or cost centre).

    Total lines and lines without both figures are left out. Bars show absolute amounts
    (a cost printed as −218 tkr is a bar of 218 tkr), in the table's unit (kr or tkr),
    labelled with the amount; the outcome's label adds its share of the budget.

    Args:
        statement: The table, e.g. a driftredovisning.
        budget: The key of the budget column; by default the first `BUDGET` column.
        outcome: The key of the outcome column; by default the first `OUTCOME` column.
        title: The chart's title; by default the table's title.

    Raises:
        ValueError: when there is no such column or no line has both figures.

    Example:
        >>> from finsam import StatementKind, load_report
        >>> from finsam.present.plots import budget_vs_outcome
        >>> report = load_report("mphla-2016-jan-aug")
        >>> kind = StatementKind.OPERATING_STATEMENT
        >>> drift = next(s for s in report.statements if s.kind is kind)
        >>> fig = budget_vs_outcome(drift)
        >>> fig.axes[0].get_xlabel(), len(fig.axes[0].containers[0])
        ('tkr', 13)
        >>> [t.get_text() for t in fig.legends[0].get_texts()]
        ['Aktuell budget jan-aug', 'Utfall jan-aug']
    """
    budget = budget or _first_column(statement, ColumnKind.BUDGET)
    outcome = outcome or _first_column(statement, ColumnKind.OUTCOME)
    labels: list[str] = []
    budgets: list[Amount | None] = []
    outcomes: list[Amount | None] = []
    for line in statement.lines:
        if line.is_total:
            continue
        planned = statement.amount(line.label, budget)
        spent = statement.amount(line.label, outcome)
        if planned is None or spent is None:
            continue
        labels.append(line.label)
        budgets.append(abs(planned))
        outcomes.append(abs(spent))
    if not labels:
        raise ValueError(
            f"{statement.title!r}: no line other than totals has both {budget!r} and {outcome!r}"
        )
    return _budget_outcome_bars(
        labels,
        budgets,
        outcomes,
        unit=statement.unit.amount,
        legend=(statement.column(budget).label, statement.column(outcome).label),
        title=title if title is not None else _wrap(statement.title, 80),
    )


def insats_budgets(insatser: Sequence[Insats], year: int, *, title: str | None = None) -> Figure:
    """Budget and outcome per insats for `year`, in kr.

    Insatser with neither figure for the year are left out; a missing budget or outcome is
    a bar of length zero labelled "–". The outcome's label adds its share of the budget
    (*förbrukningsgrad*).

    Args:
        insatser: The insatser, e.g. a report's `insatser`.
        year: The financial year.
        title: The chart's title; by default "Budget och utfall per insats <year>".

    Raises:
        ValueError: when no insats has a figure for `year`.

    Example:
        >>> from finsam import load_report
        >>> from finsam.present.plots import insats_budgets
        >>> fig = insats_budgets(load_report("gavleborg-2019-h1").insatser, 2019)
        >>> fig.axes[0].get_title(), len(fig.axes[0].containers[1])
        ('Budget och utfall per insats 2019', 7)
    """
    labels: list[str] = []
    budgets: list[Amount | None] = []
    outcomes: list[Amount | None] = []
    for insats in insatser:
        figures = insats.budget_for(year)
        if figures is None or (figures.total_budget is None and figures.total_outcome is None):
            continue
        labels.append(insats.name)
        budgets.append(figures.total_budget)  # a budget given in parts counts as their sum
        outcomes.append(figures.total_outcome)
    if not labels:
        years = sorted({b.year for i in insatser for b in i.budgets})
        raise ValueError(f"no insats has a budget or outcome for {year}; years given: {years}")
    return _budget_outcome_bars(
        labels,
        budgets,
        outcomes,
        unit=KRONA,
        legend=(f"Budget {year}", f"Utfall {year}"),
        title=title if title is not None else f"Budget och utfall per insats {year}",
    )


# -- goals --------------------------------------------------------------------------------------


def assessment_colour(assessment: Assessment | None) -> str:
    """The fill colour `goal_assessments` gives an assessment (white for none).

    >>> from finsam import Assessment
    >>> from finsam.present.plots import assessment_colour
    >>> assessment_colour(Assessment.EJ), assessment_colour(None)
    ('#d73027', '#ffffff')
    """
    return NO_ASSESSMENT_COLOUR if assessment is None else ASSESSMENT_COLOURS[assessment]


def goal_assessments(goals: Sequence[Goal], *, title: str = "Måluppfyllelse") -> Figure:
    """The goals and their indicators at a glance, one row each, coloured by assessment.

    Each goal is a bold row followed by its indicators, indented. The cell on the right
    holds the assessment that counts (`Goal.assessment`, `assessment` of an indicator) in
    words, filled from green (*uppfyllt*) to red (*ej uppfyllt*), grey for *måttet utgår*
    and white where there is no assessment; a legend explains the colours. Long texts are
    shortened to two lines.

    Args:
        goals: The goals, e.g. a report's or plan's `goals`.
        title: The chart's title.

    Example:
        >>> from matplotlib.colors import to_rgba
        >>> from finsam import Assessment, load_report
        >>> from finsam.present.plots import ASSESSMENT_COLOURS, goal_assessments
        >>> fig = goal_assessments(load_report("gavleborg-2019-h1").goals)
        >>> cells = fig.axes[0].containers[0]
        >>> len(cells), cells[-1].get_facecolor() == to_rgba(ASSESSMENT_COLOURS[Assessment.EJ])
        (5, True)
    """
    rows: list[tuple[str, Assessment | None, bool]] = []
    for goal in goals:
        heading = f"{goal.name}: {goal.text}" if goal.name else goal.text
        rows.append((heading, goal.assessment, True))
        rows.extend(
            (indicator.description, indicator.assessment, False) for indicator in goal.indicators
        )
    if not rows:
        raise ValueError("no goals to show")

    row_height = 0.62
    fig = _new_figure(11, 1.5 + row_height * len(rows))
    ax = fig.add_subplot()
    cell_left, cell_width = 0.74, 0.26
    colours = [assessment_colour(assessment) for _text, assessment, _goal in rows]
    ax.barh(
        range(len(rows)),
        cell_width,
        left=cell_left,
        height=0.86,
        color=colours,
        edgecolor="#7f7f7f",
        linewidth=0.8,
    )
    for y, (text, assessment, is_goal) in enumerate(rows):
        indent = 0.0 if is_goal else 0.025
        ax.text(
            indent,
            y,
            _wrap(text, 94 if is_goal else 100, 2),
            va="center",
            ha="left",
            fontsize=9,
            fontweight="bold" if is_goal else "normal",
        )
        fill = assessment_colour(assessment)
        ax.text(
            cell_left + cell_width / 2,
            y,
            _NO_ASSESSMENT_LABEL if assessment is None else assessment.value,
            va="center",
            ha="center",
            fontsize=9,
            color="white" if fill in _DARK_FILLS else "black",
            style="italic" if assessment is None else "normal",
        )
        if is_goal and y > 0:
            ax.hlines(y - 0.5, 0, cell_left - 0.02, color="#7f7f7f", linewidth=0.6)
    ax.set_xlim(-0.002, 1.002)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.axis("off")
    ax.set_title(title)

    from matplotlib.patches import Patch

    legend = [
        Patch(facecolor=c, edgecolor="#7f7f7f", label=a.value)
        for a, c in ASSESSMENT_COLOURS.items()
    ]
    legend.append(
        Patch(facecolor=NO_ASSESSMENT_COLOUR, edgecolor="#7f7f7f", label=_NO_ASSESSMENT_LABEL)
    )
    fig.legend(handles=legend, loc="outside lower center", ncols=3, frameon=False, fontsize=9)
    return fig
