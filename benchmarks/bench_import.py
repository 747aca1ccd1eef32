"""Benchmark: how long ``import finsam`` takes, against ``import attrs`` in the same run.

Each import runs in a fresh interpreter; the interpreter's own start-up (``python -c pass``)
is subtracted, and the median of the runs is reported. Run:
``python benchmarks/bench_import.py`` (``--quick`` for fewer runs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time


def median_seconds(code: str, runs: int) -> float:
    """Median wall time of ``python -c code`` over `runs` fresh interpreters."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
