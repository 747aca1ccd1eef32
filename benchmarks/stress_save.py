"""Stress test: many processes saving to one file at once with `finsam.io.save`.

``--processes`` processes (default 8) share ``--saves`` saves (default 400) of the bundled
reports and förbund, in turn, to the same file, all starting together; ``--readers``
processes (default 1) read the file over and over meanwhile, in turn its bytes and with
`finsam.io.load`. A save is atomic, so every read must find one whole document written
and every load must succeed; at the end the folder must hold exactly the file, which
must be one of the documents written, whole.

Run: ``python benchmarks/stress_save.py`` (400 saves in 8 processes), ``--quick`` (40 saves
in 4 processes, for a CI smoke run), ``--format json``.

Printed: the saves and their errors (by type, one example each), the time in all and per
save, the reads that found no whole document, the loads that failed, whether the final
file loads and equals one of the documents written, and leftover temporary files. The
exit status is 1 when a save, a read or a load failed, the final file is not one whole
document written, or anything is left over.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any


def _names() -> list[str]:
    import finsam

    return [*finsam.report_names(), *finsam.forbund_names()]


def _text(document: Any, suffix: str) -> str:
    import finsam.io

    if suffix == ".toml":
        return finsam.io.dump_toml(document)
    return finsam.io.dump_json(document)


def writer(number: int, path: str, saves: int, barrier: Any, results: Any) -> None:
    """Save the bundled documents in turn, `saves` times; report errors and times."""
    import finsam.io

    names = _names()
    documents = [finsam.io.load(name) for name in names]
    errors: list[str] = []
    seconds: list[float] = []
    barrier.wait(timeout=120)
    for index in range(saves):
        document = documents[(number + index) % len(documents)]
        start = time.perf_counter()
        try:
            finsam.io.save(document, path)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        seconds.append(time.perf_counter() - start)
    results.put(("writer", errors, seconds))


def reader(path: str, suffix: str, barrier: Any, done: Any, results: Any) -> None:
    """Until the writers are done, read the file's bytes (each must be one whole document
    written) and load it with `finsam.io.load` (each load must succeed), in turn."""
    import finsam.io

    texts = {_text(finsam.io.load(name), suffix) for name in _names()}
    raw_reads = raw_broken = loads = 0
    failures: list[str] = []
    seen = False  # once the file is there, it must always be there, whole
    barrier.wait(timeout=120)
    while not done.is_set():
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            if seen:
                raw_broken += 1
            continue
        seen = True
        raw_reads += 1
        raw_broken += text not in texts
        try:
            finsam.io.load(path)
        except Exception as error:
            lines = str(error).splitlines() or [""]
            more = f" (+{len(lines) - 1} more lines)" if len(lines) > 1 else ""
            failures.append(f"{type(error).__name__}: {lines[0][:200]}{more}")
        loads += 1
    results.put(("reader", (raw_reads, raw_broken, loads), failures))


def run(args: argparse.Namespace) -> int:
    import finsam.io

    suffix = f".{args.format}"
    names = _names()
    documents = {name: finsam.io.load(name) for name in names}
    texts = {name: _text(document, suffix) for name, document in documents.items()}
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="finsam-stress-") as scratch:
        folder = Path(scratch)
        path = folder / f"shared{suffix}"
        barrier = context.Barrier(args.processes + args.readers + 1)
        done = context.Event()
        results = context.Queue()
        shares = [
            args.saves // args.processes + (i < args.saves % args.processes)
            for i in range(args.processes)
        ]
        processes = [
            context.Process(target=writer, args=(i, str(path), share, barrier, results))
            for i, share in enumerate(shares)
        ]
        processes += [
            context.Process(target=reader, args=(str(path), suffix, barrier, done, results))
            for _ in range(args.readers)
        ]
        for process in processes:
            process.start()
        barrier.wait(timeout=120)
        start = time.perf_counter()
        errors: list[str] = []
        seconds: list[float] = []
        read_failures: list[str] = []
        raw_reads = raw_broken = loads = 0
        for _ in range(args.processes):
            _kind, found, times = results.get(timeout=600)
            errors += found
            seconds += times
        elapsed = time.perf_counter() - start
        done.set()
        for _ in range(args.readers):
            _kind, (raw, broken, loaded), found = results.get(timeout=600)
            raw_reads, raw_broken, loads = raw_reads + raw, raw_broken + broken, loads + loaded
            read_failures += found
        for process in processes:
            process.join(timeout=60)
        crashed = [p.exitcode for p in processes if p.exitcode != 0]

        entries = sorted(entry.name for entry in folder.iterdir())
        leftovers = [name for name in entries if name != path.name]
        final_text = path.read_text(encoding="utf-8") if path.exists() else None
        matches = [name for name, text in texts.items() if text == final_text]
        try:
            loaded = finsam.io.load(path)
            final_loads = "yes"
            equal = bool(matches) and loaded == documents[matches[0]]
        except Exception as error:
            final_loads = f"no: {type(error).__name__}: {str(error)[:200]}"
            equal = False

    print(
        f"{sum(shares)} saves in {args.processes} processes to one {suffix} file, "
        f"{args.readers} reader(s): {elapsed:.2f} s, {sum(shares) / elapsed:.0f} saves/s"
    )
    if seconds:
        ordered = sorted(seconds)
        print(
            f"  per save: median {1000 * statistics.median(ordered):.1f} ms, "
            f"p99 {1000 * ordered[int(0.99 * (len(ordered) - 1))]:.1f} ms, "
            f"max {1000 * ordered[-1]:.1f} ms"
        )
    print(f"save errors: {len(errors)}")
    for kind, count in Counter(error.partition(":")[0] for error in errors).most_common():
        example = next(error for error in errors if error.startswith(kind))
        print(f"  {kind}: {count}, e.g. {example[:300]}")
    print(
        f"reads of the bytes while saving: {raw_reads}, "
        f"not one whole document written: {raw_broken}"
    )
    print(f"finsam.io.load while saving: {loads}, failed: {len(read_failures)}")
    for failure, count in Counter(read_failures).most_common(5):
        print(f"  {count} x {failure}")
    print(f"final file loads: {final_loads}")
    print(f"final file is one whole document written: {'yes, ' + matches[0] if equal else 'NO'}")
    print(f"leftover files: {len(leftovers)}{' ' + ', '.join(leftovers[:10]) if leftovers else ''}")
    if crashed:
        print(f"processes that did not exit cleanly: exit codes {crashed}")
    ok = not (errors or raw_broken or read_failures or leftovers or crashed) and equal
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Many processes saving to one file at once.")
    parser.add_argument("--saves", type=int, default=400, help="saves in all (default 400)")
    parser.add_argument("--processes", type=int, default=8, help="saving processes (default 8)")
    parser.add_argument("--readers", type=int, default=1, help="loading processes (default 1)")
    parser.add_argument("--format", choices=["toml", "json"], default="toml")
    parser.add_argument("--quick", action="store_true", help="40 saves in 4 processes")
    args = parser.parse_args(argv)
    if args.quick:
        args.saves, args.processes = 40, 4
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
