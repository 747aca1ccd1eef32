"""Benchmark: cold start — importing finsam and the first real check, against attrs.

Each command runs in a fresh interpreter; the median of the runs is reported. Compared in
the same run:

- ``from finsam import check, load_report, split_funding`` against ``import attrs``
  (interpreter start-up, ``python -c pass``, subtracted from both);
- the cold command ``finsam check --dataset gavleborg-2019-h1`` (import, load and the first
  real check, timed together) against ``python -c "import attrs, cattrs"``, whole process.

Run: ``python benchmarks/bench_import.py`` (``--quick`` for fewer runs; cattrs comes with
the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time


def median_seconds(code: str, runs: int, *, module: bool = False) -> float:
    """Median wall time of ``python -c code`` (or ``python -m code``) over fresh interpreters."""
    command = [sys.executable, "-m", *code.split()] if module else [sys.executable, "-c", code]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else 21

    bare = median_seconds("pass", runs)
    finsam = median_seconds("import finsam", runs) - bare
    full = median_seconds("from finsam import check, load_report, split_funding", runs) - bare
    attrs = median_seconds("import attrs", runs) - bare
    cold_check = median_seconds("finsam check --dataset gavleborg-2019-h1", runs, module=True)
    attrs_cattrs = median_seconds("import attrs, cattrs", runs)
    probe = "import sys, finsam; print([m for m in ('babel', 'hypothesis') if m in sys.modules])"
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    figures = {
        "import_finsam_ms": finsam * 1000,
        "import_everything_ms": full * 1000,
        "import_attrs_ms": attrs * 1000,
        "ratio_finsam_to_attrs": finsam / attrs,
        "ratio_everything_to_attrs": full / attrs,
        "cold_check_ms": cold_check * 1000,
        "import_attrs_cattrs_ms": attrs_cattrs * 1000,
        "ratio_cold_check_to_attrs_cattrs": cold_check / attrs_cattrs,
        "heavy_modules_loaded": loaded,
        "runs": runs,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"import time, median of {runs} fresh interpreters, start-up subtracted")
    print(f"  import finsam:            {figures['import_finsam_ms']:7.1f} ms")
    print(f"  finsam, everything used:  {figures['import_everything_ms']:7.1f} ms")
    print(f"  import attrs:             {figures['import_attrs_ms']:7.1f} ms")
    print(f"  ratio import finsam / attrs:     {figures['ratio_finsam_to_attrs']:6.2f}x")
    print(f"  ratio everything / import attrs: {figures['ratio_everything_to_attrs']:6.2f}x")
    print(f"  babel/hypothesis loaded by import finsam: {loaded}")
    print("cold command, whole process (median)")
    cold, base, ratio = (
        figures["cold_check_ms"],
        figures["import_attrs_cattrs_ms"],
        figures["ratio_cold_check_to_attrs_cattrs"],
    )
    print(f"  finsam check --dataset gavleborg-2019-h1: {cold:7.1f} ms")
    print(f"  python -c 'import attrs, cattrs':         {base:7.1f} ms")
    print(f"  ratio:                                    {ratio:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
