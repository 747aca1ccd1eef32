"""pandas frames of finsam's objects: numbers as numbers, one row per thing.

Amounts are whole öre (int) and kronor (exact `Decimal`); shares are exact `Fraction`s;
nothing becomes a float unless you convert it. pandas is an optional extra
(``pip install pandas``, or the ``pandas`` extra) and is imported here only, when a frame is made.

Example:
    >>> from finsam import check, load_report
    >>> from finsam.present.frames import findings_frame, insatser_frame
    >>> report = load_report("gavleborg-2019-h1")
    >>> insatser_frame(report)[["name", "budget_kr", "outcome_kr"]].iloc[1].tolist()
    ['Supported Employment coach Gävle', Decimal('536013.00'), Decimal('284723.00')]
    >>> findings_frame(check(report)).groupby("severity").size().to_dict()
    {'error': 7, 'info': 9, 'warning': 3}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from finsam.rules import Finding

__all__ = ["findings_frame", "frame", "goals_frame", "insatser_frame", "statement_frame"]


def frame(records: Iterable[Mapping[str, Any]]) -> Any:
    """A `pandas.DataFrame` of plain records (dicts with the same keys).

    Whole numbers stay whole: a column of ints with gaps (a note number, a count not
    printed) becomes pandas' nullable ``Int64`` rather than floats. Decimals and Fractions
    are kept as objects, exact.
    """
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "finsam's frames need pandas; install it with: pip install pandas "
            "(from a finsam checkout: pip install '.[pandas]')"
        ) from None
    rows = list(records)
    result = pandas.DataFrame.from_records(rows)
    for column in result.columns:
        values = [row.get(column) for row in rows]
        present = [v for v in values if v is not None]
        whole = all(isinstance(v, int) and not isinstance(v, bool) for v in present)
        if present and whole and len(present) < len(values):
            result[column] = pandas.array(values, dtype="Int64")
    return result


def statement_frame(statement: Any) -> Any:
    """A printed table as a frame: one row per line, a column per printed column."""
    return frame(statement.records())


def insatser_frame(report: Any) -> Any:
    """The insatser of a report: one row per insats and year (see `Insats.records`)."""
    return frame(row for insats in report.insatser for row in insats.records())


def goals_frame(report: Any) -> Any:
    """The goals and their indicators: one row per indicator (a goal without any: one row)."""
    rows = []
    for index, goal in enumerate(report.goals):
        base = {
            "goal": goal.name or goal.text,
            "goal_index": index,
            "goal_manual": None if goal.manual is None else goal.manual.value,
            "goal_computed": None if goal.computed is None else goal.computed.value,
        }
        if not goal.indicators:
            rows.append(base)
        for indicator in goal.indicators:
            rows.append(
                {
                    **base,
                    "indicator": indicator.description,
                    "kind": indicator.kind,
                    "manual": None if indicator.manual is None else indicator.manual.value,
                    "computed": None if indicator.computed is None else indicator.computed.value,
                    "assessment": (
                        None if indicator.assessment is None else indicator.assessment.value
                    ),
                }
            )
    return frame(rows)


def findings_frame(findings: Iterable[Finding]) -> Any:
    """Findings as a frame: code, severity, family, message, cause, path, places, reference."""
    return frame(
        {**f.record(), "places": "; ".join(p["path"] for p in f.record()["places"])}
        for f in findings
    )
