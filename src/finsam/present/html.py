"""HTML tables for Jupyter: the funding split, a förbund, a budget.

Every text is escaped here; amounts are written the Swedish way with no-break spaces.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["budget_table", "forbund_table", "split_table", "table"]


def table(
    caption: str, header: Sequence[str], rows: Iterable[Sequence[str]], *, right: int = 1
) -> str:
    """An HTML table; the columns from `right` on are aligned right (figures).

    >>> from finsam.present.html import table
    >>> table("T", ["a", "b"], [["<x>", "1"]])  # doctest: +ELLIPSIS
    '<table><caption>T</caption><thead><tr><th>a</th><th>b</th></tr></thead><tbody>...</table>'
    """
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="text-align:{"right" if i >= right else "left"}">{html.escape(c)}</td>'
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def split_table(split: Any) -> str:
    """A funding split: member, kind, share of the total, share of its party, amount."""
    from finsam.present.formatting import format_amount, format_share

    rows = [
        [
            c.member.name,
            c.member.kind.label,
            format_share(c.share),
            format_share(c.party_share),
            format_amount(c.amount),
        ]
        for c in split.contributions
    ]
    rows.append(["Summa", "", "100 %", "", format_amount(split.total)])
    caption = f"{split.forbund.name}: medlemsbidrag {split.period}"
    note = (
        "Andel av parten: kommunens andel av kommunernas fjärdedel (förbundsordningen). "
        "Försäkringskassan betalar statens hela hälft, även för Arbetsförmedlingen."
    )
    return (
        table(caption, ["Medlem", "Slag", "Andel", "Andel av parten", "Belopp"], rows, right=2)
        + f"<p><small>{html.escape(note)}</small></p>"
    )


def forbund_table(forbund: Any) -> str:
    """A förbund: its members (with kind and aliases), charter versions and funding."""
    from finsam.present.formatting import format_amount

    rows = [[m.name, m.kind.label, ", ".join(m.aliases)] for m in forbund.members]
    members = table(
        f"{forbund.name} ({forbund.org_number or 'org.nr saknas'})",
        ["Medlem", "Slag", "Även kallad"],
        rows,
        right=3,
    )
    charters = table(
        "Förbundsordning",
        ["Giltig från", "Kommunernas andelar", "Avrundning"],
        [
            [
                str(c.valid_from),
                ", ".join(f"{n} {p} %" for n, p in c.kommun_percentages)
                or (f"befolkning per {c.population_date}" if c.population_date else "anges ej"),
                format_amount(c.unit),
            ]
            for c in forbund.charters
        ],
        right=3,
    )
    funding = table(
        "Medlemsbidrag",
        ["År", "Totalt"],
        [[str(f.year), format_amount(f.total)] for f in forbund.funding],
    )
    return members + charters + funding


def budget_table(budget: Any) -> str:
    """A budget: a line per budget line, a column per year, revenue, costs and result."""
    from finsam.present.formatting import format_amount

    def shown(amount: Any) -> str:
        return "" if amount is None else format_amount(amount)

    rows = [
        [line.label, line.category.value, *(shown(a) for a in line.amounts)]
        for line in budget.lines
    ]
    rows += [
        ["Summa intäkter", "", *(format_amount(budget.revenue(y)) for y in budget.years)],
        ["Summa kostnader", "", *(format_amount(budget.costs(y)) for y in budget.years)],
        ["Resultat", "", *(format_amount(budget.result(y)) for y in budget.years)],
    ]
    return table("Budget", ["Rad", "Slag", *(str(y) for y in budget.years)], rows, right=2)
