"""Long fuzz run: damaged bundled files through the loaders, the checks and ``finsam check``.

Runs the mutations of ``tests/test_fuzz.py`` (structure-aware mutations and byte-level
damage of every bundled report and förbund, as TOML and as JSON) from a seed with
`random.Random` instead of Hypothesis, for many more cases. Every case goes through
`finsam.io.load`, then `finsam.check`, then ``finsam check FILE`` in this process
(`finsam.cli.main`, output captured); a sample also through ``python -m finsam check
FILE`` in a real subprocess with a timeout.

Run: ``python benchmarks/fuzz_long.py`` (10 000 cases), ``--quick`` (300 cases, for a CI
smoke run), ``--cases N --seed S``; ``--only N`` repeats case N of a seed and keeps its
file (``--keep DIR``, which also keeps the file of every failing case).

Even cases run with Swedish messages (finsam's default), odd ones with English.

Printed: the cases, how many loaded, the refusals by kind, uncaught exceptions by type
(one example each), ``FS-INTERNAL`` findings, the slowest case, the share of refusals of
readable files whose problems all name their place, and the exit codes, tracebacks and
timeouts of the command. The exit status is 1 when anything broke the contract: an
uncaught exception, ``FS-INTERNAL``, a traceback, exit code 3, a timeout, a problem
without a place in a readable file, a refusal not naming the file, or a refusal line of
``finsam check`` without the file (or when the fuzzer itself failed on a case).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def load_engine() -> ModuleType:
    """The mutation engine of ``tests/test_fuzz.py`` (imported from its file)."""
    spec = importlib.util.spec_from_file_location(
        "finsam_fuzz_engine", ROOT / "tests" / "test_fuzz.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


# -- classifying refusals --------------------------------------------------------------------------

#: Keywords of each kind of problem, in English and Swedish (the default language).
_KINDS: list[tuple[str, tuple[str, ...]]] = [
    ("decode", ("UTF-16", "UTF-8", "codec")),
    ("nesting", ("nested", "nästlade")),
    ("size", ("larger than", "större än")),
    (
        "syntax",
        ("not valid TOML", "not valid JSON", "not readable", "inte giltig", "kan inte läsas"),
    ),
    ("version", ("format version", "newer finsam", "formatversion", "nyare version")),
    (
        "unknown key",
        ("unknown key", "okänd nyckel", "printed texts are written", "tryckta texter skrivs"),
    ),
    ("missing key", ("required but missing", "krävs men saknas")),
    (
        "reference",
        (
            "no bundled",
            "finns inte med i finsam",
            "outside the report's folder",
            "utanför rapportens mapp",
            "no such file",
            "filen finns inte",
            "this is a förbund",
            "detta är ett förbund",
        ),
    ),
    (
        "bounds",
        (
            "too large",
            "too many digits",
            "beyond",
            "is outside",
            "longer than",
            "more than",
            "not a finite",
            "is not a number finsam accepts",
            "too long",
            "ligger utanför",
            "längre än",
            "fler än",
            "ändligt",
            "som finsam godtar",
            "gräns",
        ),
    ),
    (
        "invalid value",
        (
            "is not a",
            "is not one of",
            "ends (",
            "values for",
            "totals unknown",
            "before it starts",
            "refers to unknown",
            "given twice",
            "är inte",
            "förekommer två gånger",
        ),
    ),
    ("shape/type", ("expected", "got ", "ska vara", "men är")),
]


def kind_of(message: str) -> str:
    """A coarse kind for a problem message (``other`` when no keyword fits)."""
    for kind, words in _KINDS:
        if any(word in message for word in words):
            return kind
    return "other"


def _shape(text: str) -> str:
    """A message with its numbers and quoted parts blotted out, to group alike failures."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)
    return re.sub(r"\d+", "N", text)[:120]


# -- one case at most this long ------------------------------------------------------------------


class CaseTimeout(BaseException):
    """A case ran longer than --case-timeout (a hang)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise CaseTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- tallies ---------------------------------------------------------------------------------------


@dataclass
class Example:
    case: int
    base: str
    notes: list[str]
    detail: str

    def show(self, seed: int) -> str:
        changes = "; ".join(self.notes)
        if len(changes) > 400:
            changes = changes[:400] + "…"
        return (
            f"case {self.case} ({self.base}: {changes})\n"
            f"      {self.detail[:400]}\n"
            f"      repeat: python benchmarks/fuzz_long.py --seed {seed} --only {self.case} "
            "--keep DIR"
        )


@dataclass
class Tally:
    cases: int = 0
    structural: int = 0
    loaded: int = 0
    refused: int = 0
    refused_by_kind: Counter[str] = field(default_factory=Counter)
    problems_by_kind: Counter[str] = field(default_factory=Counter)
    other_examples: dict[str, str] = field(default_factory=dict)
    whole_file_refusals: int = 0
    readable_refusals: int = 0
    readable_refusals_all_placed: int = 0
    failures: dict[tuple[str, str], list[Example]] = field(default_factory=dict)
    slowest: tuple[float, Example | None] = (0.0, None)
    slowest_cli: tuple[float, Example | None] = (0.0, None)
    cli_codes: Counter[int] = field(default_factory=Counter)
    cli_tracebacks: int = 0
    subprocess_runs: int = 0
    subprocess_codes: Counter[str] = field(default_factory=Counter)
    subprocess_tracebacks: int = 0
    subprocess_timeouts: int = 0
    subprocess_disagreements: int = 0
    subprocess_slowest: float = 0.0
    engine_errors: list[str] = field(default_factory=list)

    def fail(self, what: str, group: str, example: Example) -> None:
        self.failures.setdefault((what, group), []).append(example)


def _classify_failure(failure: str) -> tuple[str, str]:
    """(kind, group) of one contract failure as `Outcome.failures` words it."""
    if failure.startswith("check gave FS-INTERNAL"):
        # "check gave FS-INTERNAL: check FS-CON-007 failed: IndexError: tuple index ..."
        parts = failure.split(": ")
        return "FS-INTERNAL", ": ".join(parts[1:3]) if len(parts) > 2 else failure
    if " raised " in failure and not failure.startswith("finsam check"):
        stage, _, rest = failure.partition(" raised ")
        return "uncaught exception", f"{stage}: {rest.partition(':')[0]}"
    if failure.startswith("finsam check printed a traceback"):
        return "CLI traceback", failure
    if failure.startswith("finsam check exit code 3"):
        return "CLI exit code 3", _shape(failure)
    if failure.startswith("finsam check"):
        return "CLI other", _shape(failure)
    if "problem without a path" in failure:
        return "problem without a place", _shape(failure)
    return "refusal", _shape(failure)


def tally_outcome(tally: Tally, engine: ModuleType, outcome: Any, example: Example) -> list[str]:
    failures: list[str] = outcome.failures()
    if outcome.loaded is not None and outcome.crash is None:
        tally.loaded += 1
    if outcome.error is not None:
        tally.refused += 1
        problems = outcome.error.problems
        kinds = [kind_of(problem.message) for problem in problems] or ["other"]
        tally.refused_by_kind[kinds[0]] += 1
        tally.problems_by_kind.update(kinds)
        for problem, kind in zip(problems, kinds, strict=True):
            if kind == "other":
                tally.other_examples.setdefault(_shape(problem.message), problem.message[:200])
        if outcome.whole_file_ok:
            tally.whole_file_refusals += 1
        else:
            tally.readable_refusals += 1
            tally.readable_refusals_all_placed += all(problem.path for problem in problems)
    if outcome.seconds > tally.slowest[0]:
        tally.slowest = (outcome.seconds, example)
    if outcome.cli_code is not None:
        tally.cli_codes[outcome.cli_code] += 1
        tally.cli_tracebacks += "Traceback" in outcome.cli_out + outcome.cli_err
    for failure in failures:
        what, group = _classify_failure(failure)
        tally.fail(what, group, Example(example.case, example.base, example.notes, failure))
    return failures


# -- subprocesses ---------------------------------------------------------------------------------


def run_subprocess(path: Path, timeout: float, lang: str) -> tuple[str, str, float]:
    """``python -m finsam check PATH``: its exit code (or ``timeout``), output, seconds."""
    env = {k: v for k, v in os.environ.items() if k != "FINSAM_TRACEBACK"}
    env["FINSAM_LANG"] = lang
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "finsam", "check", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "timeout", "", time.perf_counter() - start
    return str(done.returncode), done.stdout + done.stderr, time.perf_counter() - start


# -- the run -------------------------------------------------------------------------------------


def make_case(
    engine: ModuleType, seed: int, number: int, folder: Path
) -> tuple[Path, Example, bool, str]:
    """Case `number` of `seed`: its file (written to `folder`), its description, whether it
    is a structure-aware mutation, and what the document was ("reports" or "forbund")."""
    bases = engine.BASES
    rng = random.Random(f"finsam-fuzz:{seed}:{number}")
    base = bases[number % len(bases)]
    structural = rng.random() < 2 / 3
    if structural:
        path, notes = engine.mutated_file(base, rng, folder)
    else:
        path, notes = engine.damaged_file(base, rng, folder)
    how = "mutated" if structural else "bytes"
    return path, Example(number, f"{base.label}, {how}", notes, ""), structural, base.kind


#: Even cases speak Swedish (finsam's default), odd ones English.
LANGUAGES = ("sv", "en")


def run(args: argparse.Namespace) -> int:
    engine = load_engine()
    tally = Tally()
    keep = Path(args.keep) if args.keep else None
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    numbers = [args.only] if args.only is not None else list(range(args.cases))
    start = time.perf_counter()
    pool = ThreadPoolExecutor(max_workers=max(1, args.cli_processes))
    pending: list[tuple[Future[tuple[str, str, float]], str, Example]] = []
    with tempfile.TemporaryDirectory(prefix="finsam-fuzz-") as scratch:
        work = Path(scratch) / "work"
        samples = Path(scratch) / "samples"
        work.mkdir()
        samples.mkdir()
        for index, number in enumerate(numbers):
            try:
                path, example, structural, kind = make_case(engine, args.seed, number, work)
            except Exception as error:  # a bug of the fuzzer, not of finsam
                tally.engine_errors.append(f"case {number}: {type(error).__name__}: {error}")
                continue
            tally.cases += 1
            tally.structural += structural
            expected = "?"  # the exit code finsam check gave in this process
            try:
                with time_limit(args.case_timeout):
                    lang = LANGUAGES[number % len(LANGUAGES)]
                    outcome = engine.run_case(path, cli=False, kind=kind, lang=lang)
                    cli_start = time.perf_counter()
                    with engine.messages_in(lang):
                        outcome.cli_code, outcome.cli_out, outcome.cli_err = engine.run_cli(path)
                    cli_seconds = time.perf_counter() - cli_start
            except CaseTimeout:
                tally.fail("hang", f"longer than {args.case_timeout} s", example)
                failures = ["hang"]
            else:
                if cli_seconds > tally.slowest_cli[0]:
                    tally.slowest_cli = (cli_seconds, example)
                failures = tally_outcome(tally, engine, outcome, example)
                if not failures:
                    expected = str(outcome.cli_code)
            if failures and keep is not None:
                shutil.copy(path, keep / f"case-{args.seed}-{number}{path.suffix}")
                (keep / f"case-{args.seed}-{number}.txt").write_text(
                    "\n".join([example.base, *example.notes, "", *failures]) + "\n"
                )
            if args.subprocess_every and index % args.subprocess_every == 0:
                folder = samples / str(number)
                folder.mkdir()
                copy = Path(shutil.copy(path, folder / path.name))
                lang = LANGUAGES[number % len(LANGUAGES)]
                future = pool.submit(run_subprocess, copy, args.timeout, lang)
                pending.append((future, expected, example))
            if args.progress and (index + 1) % args.progress == 0:
                elapsed = time.perf_counter() - start
                print(f"... {index + 1} cases, {elapsed:.0f} s", file=sys.stderr, flush=True)
        for future, expected, example in pending:
            code, output, seconds = future.result()
            tally.subprocess_runs += 1
            tally.subprocess_codes[code] += 1
            tally.subprocess_slowest = max(tally.subprocess_slowest, seconds)
            if code == "timeout":
                tally.subprocess_timeouts += 1
                tally.fail("subprocess timeout", f"longer than {args.timeout} s", example)
            if "Traceback" in output:
                tally.subprocess_tracebacks += 1
                tally.fail("subprocess traceback", _shape(output.splitlines()[-1]), example)
            if code == "3":
                tally.fail("subprocess exit code 3", _shape(output.strip()), example)
            if expected not in ("?", code) and code != "timeout":
                tally.subprocess_disagreements += 1
                tally.fail(
                    "subprocess disagrees",
                    f"in-process {expected}, subprocess {code}",
                    Example(example.case, example.base, example.notes, output.strip()[:300]),
                )
        pool.shutdown()
        if keep is not None and args.only is not None:
            for file in work.iterdir():
                shutil.copy(file, keep / f"case-{args.seed}-{args.only}{file.suffix}")
    elapsed = time.perf_counter() - start
    report(tally, args.seed, elapsed)
    return 1 if tally.failures or tally.engine_errors else 0


def _share(part: int, whole: int) -> str:
    return f"{part} / {whole} ({100 * part / whole:.1f} %)" if whole else f"{part} / 0"


def report(tally: Tally, seed: int, elapsed: float) -> None:
    print(f"seed {seed}: {tally.cases} cases in {elapsed:.1f} s")
    damaged = tally.cases - tally.structural
    print(f"  structure-aware mutations: {tally.structural}, byte damage: {damaged}")
    print(f"loaded: {tally.loaded}")
    print(f"refused (DataError): {tally.refused}")
    for kind, count in tally.refused_by_kind.most_common():
        print(
            f"  {kind:<12} {count:>6}  (problems of this kind in all refusals: "
            f"{tally.problems_by_kind[kind]})"
        )
    for message in list(tally.other_examples.values())[:10]:
        print(f"  other, e.g.: {message}")
    print(f"  refusals of unreadable files (no place needed): {tally.whole_file_refusals}")
    print(
        "  refusals of readable files whose problems all name their place: "
        + _share(tally.readable_refusals_all_placed, tally.readable_refusals)
    )
    seconds, example = tally.slowest
    if example is not None:
        print(f"slowest load + check: {seconds:.3f} s, {example.show(seed)}")
    seconds, example = tally.slowest_cli
    if example is not None:
        print(f"slowest finsam check (in-process): {seconds:.3f} s, case {example.case}")
    codes = ", ".join(f"{code}: {count}" for code, count in sorted(tally.cli_codes.items()))
    print(f"finsam check in-process exit codes: {codes}; tracebacks: {tally.cli_tracebacks}")
    codes = ", ".join(f"{code}: {count}" for code, count in sorted(tally.subprocess_codes.items()))
    print(
        f"python -m finsam check (subprocess, {tally.subprocess_runs} runs): {codes or '-'}; "
        f"tracebacks: {tally.subprocess_tracebacks}; timeouts: {tally.subprocess_timeouts}; "
        f"disagreeing with in-process: {tally.subprocess_disagreements}; "
        f"slowest {tally.subprocess_slowest:.2f} s"
    )
    kinds = Counter(what for what, _group in tally.failures for _ in tally.failures[(what, _group)])
    uncaught = kinds["uncaught exception"]
    internal = kinds["FS-INTERNAL"]
    if tally.engine_errors:
        print(
            f"fuzzer errors (cases skipped): {len(tally.engine_errors)}, e.g. "
            f"{tally.engine_errors[0]}"
        )
    print(f"uncaught exceptions: {uncaught}")
    print(f"FS-INTERNAL findings: {internal}")
    if not tally.failures:
        print("contract failures: none")
        return
    print(f"contract failures: {sum(kinds.values())} in {len(tally.failures)} classes")
    for (what, group), examples in sorted(tally.failures.items(), key=lambda i: -len(i[1])):
        smallest = min(examples, key=lambda e: (len(e.notes), len("".join(e.notes))))
        print(f"- {what}: {group} ({len(examples)} cases); smallest example:")
        print(f"    {smallest.show(seed)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=10_000, help="cases to run (default 10 000)")
    parser.add_argument("--seed", type=int, default=2026, help="the seed (default 2026)")
    parser.add_argument("--quick", action="store_true", help="300 cases, for a CI smoke run")
    parser.add_argument("--only", type=int, metavar="N", help="run only case N of the seed")
    parser.add_argument("--keep", metavar="DIR", help="keep the files of failing cases here")
    parser.add_argument(
        "--subprocess-every",
        type=int,
        default=20,
        metavar="N",
        help="also run every Nth case as 'python -m finsam check' (default 20; 0: never)",
    )
    parser.add_argument(
        "--cli-processes",
        type=int,
        default=os.cpu_count() or 1,
        metavar="K",
        help="subprocesses at a time (default: the number of CPUs)",
    )
    parser.add_argument(
        "--timeout", type=float, default=60, help="seconds per subprocess (default 60)"
    )
    parser.add_argument(
        "--case-timeout",
        type=float,
        default=60,
        help="seconds per in-process case before it counts as a hang (default 60)",
    )
    parser.add_argument("--progress", type=int, default=0, metavar="N", help="report every N")
    args = parser.parse_args(argv)
    if args.quick:
        args.cases = 300
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
