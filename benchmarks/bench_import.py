"""Benchmark: cold start — importing finsam and the first real check, against attrs.

Each command runs in a fresh interpreter; the median of the runs is reported. Compared in
the same run:

- ``from finsam import check, load_report, split_funding`` against ``import attrs``
  (interpreter start-up, ``python -c pass``, subtracted from both);
- the cold command ``finsam check --dataset gavleborg-2019-h1`` (import, load and the first
  real check, timed together) against ``python -c "import attrs, cattrs"``, whole process.

It then says where the import time goes, each part as a share of ``import attrs`` timed in
the same fresh interpreter (median of the runs): the standard-library modules finsam's
import loads that attrs does not (``pathlib``, ``tomllib``, ``decimal`` …, imported first),
the time attrs spends building finsam's classes (inside ``attrs.define``), and the rest:
finsam's own modules (reading their bytecode, defining their functions, enums and
patterns).

Both sides run from compiled bytecode, as pip installs a package: the benchmark first
byte-compiles finsam's modules (``compileall``) where they have no bytecode cache. An
editable install on a machine with ``PYTHONDONTWRITEBYTECODE`` set never writes one, and
every start then compiles finsam from source while attrs and cattrs load their bytecode
(about 65 ms more here). The runs of the commands alternate, so that a busy machine slows
them alike.

Run: ``python benchmarks/bench_import.py`` (``--quick`` for fewer runs; cattrs comes with
the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path


def median_seconds(codes: dict[str, str], runs: int) -> dict[str, float]:
    """Median wall time of each ``python -c CODE`` (``-m`` for a code starting with "-m ")
    over fresh interpreters, the commands taking turns."""
    commands = {
        name: [sys.executable, "-m", *code[3:].split()]
        if code.startswith("-m ")
        else [sys.executable, "-c", code]
        for name, code in codes.items()
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in times.items()}


#: The import the goal is stated for.
EVERYTHING = "from finsam import check, load_report, split_funding"

#: The standard-library modules `EVERYTHING` loads that ``import attrs`` does not.
STDLIB_PROBE = f"""
import sys
import attrs
before = set(sys.modules)
{EVERYTHING}
print(" ".join(sorted({{
    name.split(".")[0] for name in set(sys.modules) - before
    if not name.startswith("finsam") and not name.startswith("_")
}})))
"""


def parts_probe(stdlib: list[str]) -> str:
    """Code printing the parts of `EVERYTHING`'s import in one interpreter, in seconds:
    ``import attrs``, the standard-library modules `stdlib`, attrs building finsam's classes
    and the rest of finsam's import. Every class finsam defines goes through
    ``attrs.define`` or ``attrs.frozen``, which call one builder: it is timed where called."""
    return f"""
import time
start = time.perf_counter()
import attrs
attrs_done = time.perf_counter()
import {", ".join(["sys", *stdlib])}
stdlib_done = time.perf_counter()
import attr._next_gen as next_gen
build = getattr(next_gen, "attrs", None)  # attrs's internals: "nan" if they move
spent = [0.0 if build else float("nan")]
def timed(*args, **kwargs):
    began = time.perf_counter()
    try:
        return build(*args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - began
if build:
    next_gen.attrs = timed
finsam_start = time.perf_counter()
{EVERYTHING}
end = time.perf_counter()
print(attrs_done - start, stdlib_done - attrs_done, spent[0], end - finsam_start - spent[0])
"""


def printed_by(code: str) -> str:
    """What ``python -c CODE`` prints, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def compile_finsam() -> int:
    """Byte-compile finsam's modules where they have no cache yet (as pip does on install);
    the number of files compiled."""
    import finsam

    folder = Path(finsam.__file__).parent
    stale = [
        path
        for path in folder.rglob("*.py")
        if not Path(importlib.util.cache_from_source(str(path))).exists()
    ]
    compileall.compile_dir(folder, quiet=1)
    return len(stale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else 21

    compiled = compile_finsam()
    stdlib = printed_by(STDLIB_PROBE).split()
    times = median_seconds(
        {
            "bare": "pass",
            "finsam": "import finsam",
            "full": EVERYTHING,
            "attrs": "import attrs",
            "cold_check": "-m finsam check --dataset gavleborg-2019-h1",
            "attrs_cattrs": "import attrs, cattrs",
        },
        runs,
    )
    bare = times["bare"]
    finsam = times["finsam"] - bare
    full = times["full"] - bare
    attrs = times["attrs"] - bare
    cold_check, attrs_cattrs = times["cold_check"], times["attrs_cattrs"]
    code = parts_probe(stdlib)
    parts = [[float(x) for x in printed_by(code).split()] for _ in range(runs)]
    shares = [statistics.median(run[i] / run[0] for run in parts) for i in range(4)]
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
        "stdlib_modules": stdlib,
        "share_of_attrs": dict(zip(("attrs", "stdlib", "classes", "rest"), shares, strict=True)),
        "cold_check_ms": cold_check * 1000,
        "import_attrs_cattrs_ms": attrs_cattrs * 1000,
        "ratio_cold_check_to_attrs_cattrs": cold_check / attrs_cattrs,
        "heavy_modules_loaded": loaded,
        "runs": runs,
        "modules_compiled_first": compiled,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    if compiled:
        print(f"(byte-compiled {compiled} finsam modules first, as pip does on install)")
    print(f"import time, median of {runs} fresh interpreters, start-up subtracted")
    print(f"  import finsam:            {figures['import_finsam_ms']:7.1f} ms")
    print(f"  finsam, everything used:  {figures['import_everything_ms']:7.1f} ms")
    print(f"  import attrs:             {figures['import_attrs_ms']:7.1f} ms")
    print(f"  ratio import finsam / attrs:     {figures['ratio_finsam_to_attrs']:6.2f}x")
    print(f"  ratio everything / import attrs: {figures['ratio_everything_to_attrs']:6.2f}x")
    print(f"  babel/hypothesis loaded by import finsam: {loaded}")
    print("where everything's import goes, as a share of import attrs in the same interpreter")
    labels = (
        "import attrs",
        f"standard library finsam needs ({len(stdlib)} modules)",
        "attrs building finsam's classes",
        "the rest: finsam's own modules",
    )
    for label, share in zip(labels, shares, strict=True):
        print(f"  {label:46} {share:5.2f}")
    print(f"  {'everything':46} {sum(shares):5.2f}")
    print(f"    ({', '.join(stdlib)})")
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
