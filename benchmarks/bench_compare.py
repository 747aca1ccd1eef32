"""Benchmark: versions of finsam side by side, before and after, in one run.

Each version is a git revision of this repository (or ``work``, the working tree). It is
read out with ``git archive`` into a temporary folder and prepared as pip would install
it: gettext catalogs compiled (a checkout has only the ``.po`` files; without the ``.mo``
a version writes English without catalog lookups and looks faster than it is), and its
modules byte-compiled. The versions are then timed in turns, so that a busy machine slows
them alike:

- on each bundled report: ``json.loads`` of its JSON text, loading it from that text, and
  ``finsam.check`` — each the minimum over the rounds, each version in its own process;
- the cold command ``finsam check --dataset gavleborg-2019-h1`` against
  ``python -c "import attrs, cattrs"``, and ``from finsam import check, load_report,
  split_funding`` against ``import attrs`` (start-up subtracted), as medians over fresh
  interpreters.

It prints the ratios issue 12 states its goals in, per version. The versions must have
``finsam.io.dump_json`` and ``finsam.io.structure_report`` (0.2 and later).

Run: ``python benchmarks/bench_compare.py 77a2c59 work`` (``--quick`` for a smoke run,
``--json`` for the figures as JSON); cattrs comes with the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import compileall
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from hatch_build import compile_catalogs  # noqa: E402 - the repository's own build hook

REPORTS = ("gavleborg-2019-h1", "mphla-2016-jan-aug", "gavleborg-plan-2020-2022")

#: Run in a process whose ``sys.path`` starts with one version's ``src``: its timings as JSON.
TIMINGS = """
import json, sys, timeit
from decimal import Decimal
from finsam import check, load_report
from finsam.io import dump_json, structure_report

repeat = int(sys.argv[1])
out = {}
for name in sys.argv[2:]:
    report = load_report(name)
    text = dump_json(report)
    for what, function in (
        ("json_loads", lambda: json.loads(text)),
        ("load_json", lambda: structure_report(json.loads(text, parse_float=Decimal))),
        ("check", lambda: check(report)),
    ):
        once = timeit.Timer(function).timeit(1)
        number = max(1, int(0.02 / max(once, 1e-7)))
        out[f"{name} {what}"] = min(timeit.repeat(function, number=number, repeat=repeat)) / number
print(json.dumps(out))
"""


def prepare(revision: str, folder: Path) -> Path:
    """The ``src`` folder of `revision` (``work``: the working tree's), ready to import."""
    if revision == "work":
        root = ROOT
    else:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "src"],
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            sys.exit(f"bench_compare: git archive {revision}: {archive.stderr.decode().strip()}")
        root = folder / revision.replace("/", "_")
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(root, filter="data")
            else:  # Python before 3.11.4: our own repository's files
                tar.extractall(root)
    compile_catalogs(root)
    compileall.compile_dir(root / "src" / "finsam", quiet=1)
    return root / "src"


def run_version(src: Path, code: str, *args: str, failing: str) -> str:
    """Run `code` (``python -c``) with one version's `src` first on ``sys.path``; its
    output, or exit with `failing` and the last line of its error."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"},
        cwd=src.parent,  # not the caller's folder, which `-c` puts first on sys.path
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        sys.exit(f"{failing}: {last}")
    return done.stdout


def timings(sources: dict[str, Path], rounds: int, repeat: int) -> dict[str, dict[str, float]]:
    """Seconds per call for each version: the minimum over `rounds`, versions in turns."""
    best: dict[str, dict[str, float]] = {name: {} for name in sources}
    for _ in range(rounds):
        for name, src in sources.items():
            out = run_version(
                src,
                TIMINGS,
                str(repeat),
                *REPORTS,
                failing=f"bench_compare: {name} cannot be timed",
            )
            for key, seconds in json.loads(out).items():
                best[name][key] = min(best[name].get(key, seconds), seconds)
    return best


def cold(sources: dict[str, Path], runs: int) -> dict[str, float]:
    """Median seconds of each command over fresh interpreters, the commands in turns."""
    commands = {
        "bare": "pass",
        "attrs": "import attrs",
        "attrs_cattrs": "import attrs, cattrs",
    }
    for name, src in sources.items():
        path = f"import sys; sys.path.insert(0, {str(src)!r}); "
        commands[f"{name} cold"] = (
            path + "from finsam.cli import main; "
            "sys.exit(main(['check', '--dataset', 'gavleborg-2019-h1']))"
        )
        commands[f"{name} import"] = path + "from finsam import check, load_report, split_funding"
    times: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, code in commands.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
            times[key].append(time.perf_counter() - start)
    return {key: statistics.median(found) for key, found in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", metavar="REV", help="git revisions, or work")
    parser.add_argument("--quick", action="store_true", help="a fast smoke run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    rounds, repeat, runs = (1, 3, 3) if args.quick else (7, 15, 21)

    with tempfile.TemporaryDirectory(prefix="finsam-compare-") as scratch:
        sources = {revision: prepare(revision, Path(scratch)) for revision in args.revisions}
        best = timings(sources, rounds, repeat)
        medians = cold(sources, runs)

    figures: dict[str, dict[str, float]] = {}
    for name in sources:
        row = {f"{key} ms": seconds * 1000 for key, seconds in best[name].items()}
        for report in REPORTS:
            floor = best[name][f"{report} json_loads"]
            row[f"{report} load JSON / json.loads"] = best[name][f"{report} load_json"] / floor
            row[f"{report} check / json.loads"] = best[name][f"{report} check"] / floor
        bare = medians["bare"]
        row["cold check ms"] = medians[f"{name} cold"] * 1000
        row["cold check / import attrs, cattrs"] = medians[f"{name} cold"] / medians["attrs_cattrs"]
        row["import everything / import attrs"] = (medians[f"{name} import"] - bare) / (
            medians["attrs"] - bare
        )
        figures[name] = row
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"{len(sources)} versions in turns: check and load the minimum of {rounds} rounds × "
        f"{repeat} repeats; cold start the median of {runs} fresh interpreters"
    )
    print(f"{'':46}" + "".join(f"{name[:12]:>13}" for name in sources))
    for key in next(iter(figures.values())):
        if key.endswith(" ms") and "json_loads" in key:
            continue  # the floor: its ratios follow
        cells = "".join(f"{figures[name][key]:13.3f}" for name in sources)
        print(f"{key.replace('_', ' '):46}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
