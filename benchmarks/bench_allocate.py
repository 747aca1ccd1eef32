"""Benchmark `finsam.allocate` against the `apportionment` package (largest remainder, exact).

Both implementations run the largest-remainder (Hamilton) method with exact arithmetic:
`finsam.allocate` on Python integers, `apportionment.methods.compute("largest_remainder",
..., fractions=True)` on `fractions.Fraction`. The "seats" are öre of a yearly budget
(13 319 000 kr = 1 331 900 000 öre) and the "votes" are kommun-like populations drawn with a
fixed seed, so every run measures the same inputs.

The script first checks that both give the same öre per party, then times each with
`timeit` (several repeats, the minimum is kept) and prints per-call times, the ratio
apportionment / finsam at 290 and 10 000 parties, and how finsam's time grows up to
100 000 parties, normalised by n·log2(n). Beside it, the same normalisation of Python's own
`sorted` over the n (remainder, weight, index) tuples that `allocate` sorts, its one
super-linear step: on a real machine the cost per comparison grows with n as the data
outgrows the caches, so "O(n log n)" reads as "growing no faster than `sorted` does".

Run from the repository root (needs the ``bench`` extra: ``pip install -e .[bench]``)::

    python benchmarks/bench_allocate.py            # full run, about half a minute
    python benchmarks/bench_allocate.py --quick    # smoke run for CI, a few seconds
    python benchmarks/bench_allocate.py --json     # the same figures as JSON
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sys
import timeit
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import version
from typing import Any

from apportionment import methods as apportionment_methods

import finsam

SEED = 2026
#: 13 319 000 kr in öre: the number of "seats" to hand out.
TOTAL_ORE = 1_331_900_000
#: Population range for a kommun-like weight (inclusive).
POP_MIN, POP_MAX = 2_000, 1_000_000
#: Sizes timed for both libraries (290 = the number of Swedish kommuner).
COMPARE_SIZES = (290, 10_000)
#: Extra size timed for finsam only, to show its growth.
FINSAM_ONLY_SIZES = (100_000,)


@dataclass(frozen=True)
class Case:
    """One benchmark input: names, populations and the total to split."""

    n: int
    names: list[str]
    populations: list[int]

    @property
    def weights(self) -> dict[str, int]:
        return dict(zip(self.names, self.populations, strict=True))


@dataclass(frozen=True)
class Timing:
    """Best per-call time in seconds, with how it was measured."""

    seconds: float
    number: int
    repeat: int


@dataclass(frozen=True)
class Settings:
    repeat: int
    min_batch_seconds: float


FULL = Settings(repeat=7, min_batch_seconds=0.5)
QUICK = Settings(repeat=3, min_batch_seconds=0.05)


def make_case(n: int, rng: random.Random) -> Case:
    """`n` kommun-like populations. Names are zero-padded so that sorting them by ``str``
    gives the same order as their index (see `check_same_result`)."""
    width = len(str(n - 1))
    names = [f"k{i:0{width}d}" for i in range(n)]
    populations = [rng.randint(POP_MIN, POP_MAX) for _ in range(n)]
    return Case(n=n, names=names, populations=populations)


def run_finsam(weights: dict[str, int]) -> Callable[[], dict[str, finsam.Amount]]:
    total = finsam.Amount.from_ore(TOTAL_ORE)

    def call() -> dict[str, finsam.Amount]:
        return finsam.allocate(total, weights)

    return call


def run_sort(case: Case) -> Callable[[], list[tuple[int, int, int]]]:
    """Python's `sorted` over the tuples `allocate` sorts for this case (the reference)."""
    total_weight = sum(case.populations)
    keys = []
    for index, weight in enumerate(case.populations):
        share = TOTAL_ORE * weight
        part = share // total_weight
        keys.append((part * total_weight - share, -weight, index))

    def call() -> list[tuple[int, int, int]]:
        return sorted(keys)

    return call


def run_apportionment(case: Case) -> Callable[[], list[int]]:
    votes = case.populations
    # `parties` defaults to string.ascii_letters (52 names) and is indexed for the
    # tie-breaking message, which raises IndexError beyond 52 parties: pass real names.
    parties = case.names

    def call() -> list[int]:
        seats: list[int] = apportionment_methods.compute(
            "largest_remainder", votes, TOTAL_ORE, fractions=True, parties=parties
        )
        return seats

    return call


def ties_at_cutoff(populations: Sequence[int]) -> int:
    """How many parties share the remainder of the last party to get an extra öre but
    did not get one themselves (0 means the result does not depend on tie-breaking)."""
    total_weight = sum(populations)
    remainders = [TOTAL_ORE * p % total_weight for p in populations]
    left_over = TOTAL_ORE - sum(TOTAL_ORE * p // total_weight for p in populations)
    if left_over == 0:
        return 0
    ranked = sorted(remainders, reverse=True)
    cutoff = ranked[left_over - 1]
    return sum(1 for r in ranked[left_over:] if r == cutoff)


def check_same_result(case: Case) -> int:
    """Assert that both libraries give the same öre per party; return `ties_at_cutoff`.

    Tie rules differ: finsam gives the extra öre to the larger weight, then to the key
    whose ``str()`` sorts first; apportionment goes by list order. Equal remainders come
    from equal populations (likely among 10 000 draws), so the larger-weight rule does not
    separate them, and the zero-padded names make ``str`` order equal list order: both
    rules then pick the same parties even when a tie straddles the cutoff.
    """
    ours = run_finsam(case.weights)()
    ours_ore = [ours[name].ore for name in case.names]
    theirs = [int(x) for x in run_apportionment(case)()]
    if sum(ours_ore) != TOTAL_ORE:
        raise AssertionError(f"n={case.n}: finsam parts sum to {sum(ours_ore)}, not {TOTAL_ORE}")
    if ours_ore != theirs:
        diff = sum(1 for a, b in zip(ours_ore, theirs, strict=True) if a != b)
        raise AssertionError(f"n={case.n}: finsam and apportionment differ for {diff} parties")
    return ties_at_cutoff(case.populations)


def best_time(func: Callable[[], object], settings: Settings) -> Timing:
    """Minimum per-call time over `settings.repeat` batches of at least
    `settings.min_batch_seconds` each (timeit turns the garbage collector off)."""
    timer = timeit.Timer(func)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= settings.min_batch_seconds:
            break
        # Aim a little above the target from the last measurement, growing at least 2x.
        number = max(2 * number, math.ceil(number * 1.2 * settings.min_batch_seconds / elapsed))
    runs = [elapsed, *timer.repeat(repeat=settings.repeat - 1, number=number)]
    return Timing(seconds=min(runs) / number, number=number, repeat=settings.repeat)


@dataclass(frozen=True)
class Comparison:
    n: int
    finsam_s: float
    apportionment_s: float
    ratio: float
    ties_at_cutoff: int


@dataclass(frozen=True)
class Growth:
    n: int
    finsam_s: float
    time_factor: float
    size_factor: float
    ns_per_n_log2n: float
    normalised: float
    sorted_s: float
    sorted_normalised: float


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds:8.3f} s "


def run(settings: Settings) -> tuple[list[Comparison], list[Growth]]:
    rng = random.Random(SEED)
    sizes = (*COMPARE_SIZES, *FINSAM_ONLY_SIZES)
    cases = {n: make_case(n, rng) for n in sizes}

    comparisons: list[Comparison] = []
    finsam_times: dict[int, float] = {}
    sort_times: dict[int, float] = {}
    for n in sizes:
        case = cases[n]
        finsam_times[n] = best_time(run_finsam(case.weights), settings).seconds
        sort_times[n] = best_time(run_sort(case), settings).seconds
        if n in COMPARE_SIZES:
            ties = check_same_result(case)
            theirs = best_time(run_apportionment(case), settings).seconds
            comparisons.append(
                Comparison(
                    n=n,
                    finsam_s=finsam_times[n],
                    apportionment_s=theirs,
                    ratio=theirs / finsam_times[n],
                    ties_at_cutoff=ties,
                )
            )

    base_n = sizes[0]
    base_norm = finsam_times[base_n] / (base_n * math.log2(base_n))
    base_sort = sort_times[base_n] / (base_n * math.log2(base_n))
    growth = []
    for n in sizes:
        norm = finsam_times[n] / (n * math.log2(n))
        growth.append(
            Growth(
                n=n,
                finsam_s=finsam_times[n],
                time_factor=finsam_times[n] / finsam_times[base_n],
                size_factor=n / base_n,
                ns_per_n_log2n=norm * 1e9,
                normalised=norm / base_norm,
                sorted_s=sort_times[n],
                sorted_normalised=sort_times[n] / (n * math.log2(n)) / base_sort,
            )
        )
    return comparisons, growth


def environment() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "system": platform.system(),
        "cpus": os.cpu_count(),
        "finsam": version("finsam"),
        "apportionment": version("apportionment"),
        "numpy": version("numpy"),
        "seed": SEED,
        "total_ore": TOTAL_ORE,
        "population_range": [POP_MIN, POP_MAX],
    }


def print_table(
    comparisons: Sequence[Comparison], growth: Sequence[Growth], settings: Settings
) -> None:
    env = environment()
    print(
        f"finsam.allocate vs apportionment largest_remainder (fractions=True)\n"
        f"Python {env['python']} on {env['system']} {env['machine']}, {env['cpus']} CPUs; "
        f"finsam {env['finsam']}, apportionment {env['apportionment']}, numpy {env['numpy']}\n"
        f"total {TOTAL_ORE:_} öre, populations {POP_MIN:_}–{POP_MAX:_}, seed {SEED}; "
        f"min of {settings.repeat} repeats, batches ≥ {settings.min_batch_seconds} s\n"
    )
    print("Same result (öre per party) checked for every compared size.\n")
    print("Per-call time")
    print(f"{'parties':>8}  {'finsam':>11}  {'apportionment':>13}  {'ratio':>7}  ties@cutoff")
    for c in comparisons:
        print(
            f"{c.n:>8_}  {fmt_time(c.finsam_s):>11}  {fmt_time(c.apportionment_s):>13}  "
            f"{c.ratio:>6.1f}x  {c.ties_at_cutoff:>11}"
        )
    print("  ratio = apportionment time / finsam time (higher = finsam faster)\n")
    print("finsam growth (base: first row)")
    print(
        f"{'parties':>8}  {'finsam':>11}  {'time x':>8}  {'size x':>8}  "
        f"{'ns/(n·log2 n)':>13}  {'normalised':>10}  {'sorted':>11}  {'normalised':>10}"
    )
    for g in growth:
        print(
            f"{g.n:>8_}  {fmt_time(g.finsam_s):>11}  {g.time_factor:>8.1f}  "
            f"{g.size_factor:>8.1f}  {g.ns_per_n_log2n:>13.1f}  {g.normalised:>10.2f}  "
            f"{fmt_time(g.sorted_s):>11}  {g.sorted_normalised:>10.2f}"
        )
    print(
        "  normalised = (t / n·log2 n) relative to the first row; ≤ ~1 means O(n log n)\n"
        "  sorted = Python's sorted() over the n tuples allocate sorts, normalised alike: "
        "the growth\n  of an O(n log n) step on this machine, caches and all"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer, shorter repeats (CI smoke)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL

    comparisons, growth = run(settings)
    if args.json:
        payload = {
            "settings": asdict(settings),
            "environment": environment(),
            "comparison": [asdict(c) for c in comparisons],
            "finsam_growth": [asdict(g) for g in growth],
        }
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_table(comparisons, growth, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
