"""A user's script: load a file, read typed fields, split and check (checked by mypy --strict)."""

import datetime as dt
import sys
from decimal import Decimal
from fractions import Fraction

from finsam import (
    Amount,
    Finding,
    InterimReport,
    Severity,
    check,
    instalments,
    load_forbund,
    load_report,
    split_funding,
)


def main(path: str) -> int:
    report = load_report(path, InterimReport)
    start: dt.date = report.period.start
    result: Amount | None = report.key_figures.result
    names: list[str] = [insats.name for insats in report.insatser]
    budgets: list[Amount | None] = [
        year.total_budget for insats in report.insatser for year in insats.budgets
    ]
    women: list[int | None] = [
        i.participants.women for i in report.insatser if i.participants is not None
    ]
    any_document = load_report(path)  # an interim report, annual report or plan
    title: str = any_document.title

    forbund = load_forbund("gavleborg")
    split = split_funding(forbund, start.year)
    share: Fraction = split.contributions[0].share
    quarters = instalments(forbund, start.year, "quarters")
    first: Amount = quarters[0]["Gävle kommun"]
    in_kr: Decimal = first.kr

    findings: list[Finding] = check(report, select=["accounting"], lang="en")
    errors = [f for f in findings if f.severity is Severity.ERROR]
    print(title, result, names, budgets, women, share, in_kr, len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
