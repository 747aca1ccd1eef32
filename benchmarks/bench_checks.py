"""Benchmark: loading and checking real reports, against the parsers that read their text.

For each bundled (real) report, and for generated ones, it times in one run:

- ``json.loads`` of the report's JSON text (``finsam.io.dump_json``): the floor, touching
  every figure once in C;
- loading the report from that JSON text (parse and build: ``finsam.io.structure_report``);
- ``tomllib.loads`` of its TOML text, and loading the report from the TOML text;
- ``finsam.check`` on the loaded report;

and prints the ratios the project's goals are stated in: check / json.loads (≤ 8),
load JSON / json.loads (≤ 10), load TOML / tomllib.loads (≤ 1,5). Every figure is the
minimum over several rounds, and within a round the alternatives are timed one after
the other, so that the ratios compare like with like on a busy machine.

For each real report it also splits a check into its phases, each timed the same way:
building the shared analysis (every printed table in öre), running the 30 checks on it
(candidates raised, nothing written yet), and the whole of ``finsam.check``, which adds
merging the candidates into findings and writing their messages. Each phase is given as a
ratio to ``json.loads`` too: it shows how much of the check goal each part uses.

It then times growth: generated reports with 10 to 1 000 insatser, and a statement of
10 000 lines, to show that checking and loading grow linearly.

Run: ``python benchmarks/bench_checks.py`` (``--quick`` for a smoke run, ``--json`` for
the figures as JSON).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import timeit
import tomllib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, given, seed, settings

from finsam import AnnualReport, Insats, InterimReport, Period, check, load_report, report_names
from finsam.accounts import Column, Line, Statement
from finsam.io import dump_json, dump_toml, structure_report
from finsam.rules import Settings
from finsam.rules._core import CHECKS, Context
from finsam.rules._grouping import merge
from finsam.strategies import interim_reports


def sample_reports(count: int) -> list[InterimReport]:
    """`count` distinct consistent reports from the strategy (generation only, seeded)."""
    found: list[InterimReport] = []

    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @seed(2026)  # the same reports in every run, so that runs compare
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


def long_statement(report: InterimReport, lines: int) -> InterimReport:
    """The report with one more table: `lines` cost lines and their total."""
    labels = [f"Kostnad {i + 1}" for i in range(lines)]
    values = [Decimal(1000 + i) for i in range(lines)]
    table = Statement(
        "tabell",
        "Lång tabell",
        [Column("utfall", "Utfall", "utfall")],
        [
            *(Line(label, "kostnad", [v]) for label, v in zip(labels, values, strict=True)),
            Line("Summa", "kostnad", [sum(values, Decimal(0))], total_of=labels),
        ],
    )
    return attrs.evolve(report, statements=[*report.statements, table])


def timed(functions: dict[str, Callable[[], Any]], rounds: int, budget: float) -> dict[str, float]:
    """Seconds per call of each function: the minimum over `rounds`, alternating them."""
    numbers = {}
    for name, function in functions.items():
        once = timeit.Timer(function).timeit(1)
        numbers[name] = max(1, int(budget / max(once, 1e-7)))
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(rounds):
        for name, function in functions.items():
            seconds = timeit.Timer(function).timeit(numbers[name]) / numbers[name]
            best[name] = min(best[name], seconds)
    return best


def measure(report: Any, rounds: int, budget: float) -> dict[str, float]:
    json_text, toml_text = dump_json(report), dump_toml(report)
    times = timed(
        {
            "json_loads": lambda: json.loads(json_text),
            "load_json": lambda: structure_report(json.loads(json_text, parse_float=Decimal)),
            "tomllib_loads": lambda: tomllib.loads(toml_text, parse_float=Decimal),
            "load_toml": lambda: structure_report(tomllib.loads(toml_text, parse_float=Decimal)),
            "check": lambda: check(report),
        },
        rounds,
        budget,
    )
    return {
        "json_kb": len(json_text.encode()) / 1000,
        **{f"{k}_ms": v * 1000 for k, v in times.items()},
        "check_per_json": times["check"] / times["json_loads"],
        "load_json_per_json": times["load_json"] / times["json_loads"],
        "load_toml_per_tomllib": times["load_toml"] / times["tomllib_loads"],
    }


def phases(report: Any, rounds: int, budget: float) -> dict[str, float]:
    """A check's phases in ms, and each as a ratio to ``json.loads`` of the report's JSON.

    Three nested runs are timed side by side: the analysis; the analysis and the checks;
    the analysis, the checks and the merge (what `finsam.check` does, without reading its
    arguments). A phase is the difference of two of them, so that each is timed as it runs
    inside a check, after the phases before it.
    """
    json_text = dump_json(report)
    checks = CHECKS.select()

    def analysis() -> Context:
        context = Context(report, Settings())
        context.analysis  # noqa: B018  (built on first use; building it is the phase)
        return context

    def raised() -> tuple[Context, list[tuple[int, Any, Any]]]:
        context = analysis()
        return context, [(o, c, item) for o, c in enumerate(checks) for item in c.function(context)]

    def merged() -> list[Any]:
        context, found = raised()
        return merge(found, None, "sv", context.analysis.alias)

    times = timed(
        {
            "json_loads": lambda: json.loads(json_text),
            "analysis": analysis,
            "raised": raised,
            "merged": merged,
            "check": lambda: check(report),
        },
        rounds,
        budget,
    )
    floor = times["json_loads"]
    parts = {
        "analysis": times["analysis"],
        "checks": times["raised"] - times["analysis"],
        "merge": times["merged"] - times["raised"],
        "check": times["check"],
    }
    return {
        "candidates": float(len(raised()[1])),
        "findings": float(len(merged())),
        **{f"{k}_ms": v * 1000 for k, v in parts.items()},
        **{f"{k}_per_json": v / floor for k, v in parts.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    rounds, budget = (3, 0.02) if args.quick else (9, 0.2)

    real = {name: measure(load_report(name), rounds, budget) for name in report_names()}
    split = {name: phases(load_report(name), rounds, budget) for name in report_names()}
    base = sample_reports(5 if args.quick else 20)
    generated = {
        f"generated, {n} insatser": measure(annual(base[0], n), rounds, budget) for n in (10, 30)
    }
    sizes = [10, 100] if args.quick else [10, 30, 100, 300, 1000]
    growth = []
    for size in sizes:
        reports = [annual(r, size) for r in base[:3]]
        times = timed(
            {"check": lambda reports=reports: [check(r) for r in reports]}, rounds, budget
        )
        growth.append({"insatser": size, "check_ms": times["check"] * 1000 / len(reports)})
    lines = 1000 if args.quick else 10_000
    long = long_statement(base[0], lines)
    long_json = dump_json(long)
    long_times = timed(
        {
            "check": lambda: check(long),
            "load_json": lambda: structure_report(json.loads(long_json, parse_float=Decimal)),
            "json_loads": lambda: json.loads(long_json),
        },
        max(3, rounds // 3),
        budget,
    )
    figures = {
        "real": real,
        "phases": split,
        "generated": generated,
        "growth": growth,
        "long_statement": {"lines": lines, **{f"{k}_ms": v * 1000 for k, v in long_times.items()}},
        "python": sys.version.split()[0],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print("Loading and checking reports (ms; ratios against the parser of the same text)")
    head = (
        f"{'report':28} {'JSON kB':>7} {'json.loads':>10} {'load JSON':>9} {'×':>5} "
        f"{'tomllib':>8} {'load TOML':>9} {'×':>5} {'check':>7} {'×json':>6}"
    )
    print(head)
    for name, row in [*real.items(), *generated.items()]:
        print(
            f"{name:28} {row['json_kb']:7.1f} {row['json_loads_ms']:10.3f} "
            f"{row['load_json_ms']:9.3f} {row['load_json_per_json']:5.1f} "
            f"{row['tomllib_loads_ms']:8.3f} {row['load_toml_ms']:9.3f} "
            f"{row['load_toml_per_tomllib']:5.2f} {row['check_ms']:7.3f} "
            f"{row['check_per_json']:6.1f}"
        )
    print(
        "A check in phases (ms, and × json.loads): the analysis, the checks' candidates, "
        "merging them into findings"
    )
    print(
        f"{'report':28} {'analysis':>8} {'×':>5} {'checks':>8} {'×':>5} {'merge':>8} {'×':>5} "
        f"{'check':>8} {'×':>5} {'raised':>6} {'found':>5}"
    )
    for name, row in split.items():
        cells = " ".join(
            f"{row[f'{part}_ms']:8.3f} {row[f'{part}_per_json']:5.1f}"
            for part in ("analysis", "checks", "merge", "check")
        )
        print(f"{name:28} {cells} {row['candidates']:6.0f} {row['findings']:5.0f}")
    print("Growth: check per report by number of insatser (per insats: flat if linear)")
    for row in growth:
        per = row["check_ms"] * 1000 / row["insatser"]
        print(f"  {row['insatser']:5d} insatser: {row['check_ms']:9.3f} ms ({per:7.1f} µs each)")
    ls = figures["long_statement"]
    print(
        f"A statement of {ls['lines']} lines: check {ls['check_ms']:.1f} ms, load from JSON "
        f"{ls['load_json_ms']:.1f} ms, json.loads {ls['json_loads_ms']:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
