"""Benchmark: running every rule check over generated annual reports.

Generates consistent reports with ``finsam.strategies.interim_reports`` (Hypothesis),
turns them into annual reports with about 30 insatser each, and times ``finsam.check``
over 1 000 of them. The named alternative in the same run is loading the same report
from its JSON text with ``finsam.io.structure_report``: the ratio says how the checks
compare with merely reading a file.

It also times reports of growing size (insatser and statement lines) to show whether the
time grows linearly.

Run: ``python benchmarks/bench_checks.py`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import time
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, given, settings

from finsam import AnnualReport, Insats, InterimReport, Period, check
from finsam.io import report_data, structure_report
from finsam.strategies import interim_reports


def sample_reports(count: int) -> list[InterimReport]:
    """`count` distinct consistent reports from the strategy (generation only, no shrinking)."""
    found: list[InterimReport] = []

    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(interim_reports())
    def collect(report: InterimReport) -> None:
        found.append(report)

    collect()
    return found


def annual(report: InterimReport, insatser: int) -> AnnualReport:
    """The report as an annual report with `insatser` insatser (copies, renamed)."""
    template = report.insatser[0] if report.insatser else Insats("Insats", orientation="individ")
    many = [attrs.evolve(template, name=f"Insats {i + 1}") for i in range(insatser)]
    fields = {f.name: getattr(report, f.name) for f in attrs.fields(InterimReport)}
    year = report.period.start.year
    return AnnualReport(
        **{
            **fields,
            "period": Period.year(year),
            "decided": dt.date(year + 1, 3, 15),
            "insatser": many,
        }
    )


def per_report(function: Any, items: list[Any], repeat: int) -> float:
    """Best mean seconds per item over `repeat` passes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            function(item)
        best = min(best, (time.perf_counter() - start) / len(items))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    distinct, total, repeat = (20, 100, 1) if args.quick else (100, 1000, 3)

    base = sample_reports(distinct)
    reports = [annual(base[i % len(base)], 30) for i in range(total)]
    texts = [json.dumps(report_data(r), ensure_ascii=False) for r in reports]
    for report in reports[:5]:
        errors = [f for f in check(report) if f.code != "FS-ACC-007"]  # no cash flow table
        assert not errors, errors

    check_time = per_report(check, reports, repeat)
    load_time = per_report(
        lambda text: structure_report(json.loads(text, parse_float=Decimal)), texts, repeat
    )

    sizes = [10, 30, 100, 300] if not args.quick else [10, 100]
    growth = []
    for size in sizes:
        sized = [annual(r, size) for r in base]
        growth.append((size, per_report(check, sized, repeat)))

    figures = {
        "reports": total,
        "insatser_per_report": 30,
        "check_ms_per_report": check_time * 1000,
        "load_json_ms_per_report": load_time * 1000,
        "ratio_check_to_load": check_time / load_time,
        "growth": [{"insatser": size, "ms_per_report": t * 1000} for size, t in growth],
        # Marginal cost of one more insats between successive sizes: flat if growth is linear.
        "marginal_us_per_insats": [
            (t2 - t1) * 1e6 / (s2 - s1) for (s1, t1), (s2, t2) in itertools.pairwise(growth)
        ],
        "python": sys.version.split()[0],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"finsam.check over {total} generated annual reports, 30 insatser each")
    print(f"  check:            {figures['check_ms_per_report']:8.3f} ms per report")
    print(f"  load from JSON:   {figures['load_json_ms_per_report']:8.3f} ms per report")
    print(f"  ratio check/load: {figures['ratio_check_to_load']:8.2f}")
    print("growth with report size (insatser):")
    for row in figures["growth"]:
        print(f"  {row['insatser']:5d} insatser: {row['ms_per_report']:8.3f} ms per report")
    marginal = figures["marginal_us_per_insats"]
    print("  marginal cost per added insats: " + ", ".join(f"{m:.1f} µs" for m in marginal))
    return 0


if __name__ == "__main__":
    sys.exit(main())
