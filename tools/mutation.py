"""Mutation testing of one module at a time, decorated code included (mutmut 3).

    python tools/mutation.py src/finsam/money.py
    python tools/mutation.py src/finsam/rules/law.py --every 8     # a sample: every 8th mutant
    python tools/mutation.py src/finsam/io/_read.py --keep /tmp/m  # keep the work folder

A plain ``mutmut run`` never mutates a decorated function, so every ``@property``, attrs
validator, ``functools.cache`` and registered check would be left out of the score. This
script runs mutmut in a throwaway copy of the committed tree (``git archive HEAD``) in which
`tools/unroll_decorators.py` has applied each decorator by hand, with the message catalogs
compiled and a ``[tool.mutmut]`` section that mutates the one file given. It prints the score
(timeouts count as killed; a sample's score is that of the mutants it ran) and every
survivor with its diff. Needs mutmut 3 (``pip install mutmut``); expect one to two seconds
per mutant per core.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Test selections per part of the package: the tests that exercise it, without the slowest.
_TESTS = {
    "io": [
        "tests/test_forbund_io.py",
        "tests/test_save.py",
        "tests/test_reports.py",
        "tests/test_fuzz.py",
        "tests/test_schema.py",
        "tests/test_i18n.py",
    ],
    "rules": [
        "tests/test_rules.py",
        "tests/test_findings_properties.py",
        "tests/test_seed_findings.py",
        "tests/test_findings_golden.py",
        "tests/test_cli.py",
    ],
    "model": [
        "tests/test_allocation.py",
        "tests/test_forbund_io.py",
        "tests/test_funding.py",
        "tests/test_money.py",
        "tests/test_names_and_words.py",
        "tests/test_period.py",
        "tests/test_reports.py",
        "tests/test_rules.py",
        "tests/test_save.py",
        "tests/test_seeds_funding.py",
    ],
}
_GAPS = sorted(f"tests/{p.name}" for p in (ROOT / "tests").glob("test_mutation_gaps*.py"))
#: Tests that cannot run inside mutmut: the catalog test reads the mutated sources (whose
#: mutants' messages have no translation), and ids with control characters or cut-off texts
#: that mutmut cannot select one by one.
_DESELECT = [
    "tests/test_i18n.py::test_every_message_has_a_swedish_translation_with_the_same_placeholders",
    "tests/test_fuzz.py::test_named_edits_load_or_are_refused_with_places",
    "tests/test_fuzz.py::test_bounds_are_refused_just_outside_and_kept_just_inside",
]


def module_name(path: Path) -> str:
    """``finsam.io`` for ``src/finsam/io/__init__.py``, as mutmut names a file's mutants."""
    parts = list(path.relative_to("src").with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def default_tests(path: Path) -> list[str]:
    part = path.parts[2] if len(path.parts) > 3 else "model"
    return _TESTS.get(part, _TESTS["model"]) + _GAPS


def prepare(work: Path, target: Path, tests: list[str]) -> None:
    """The committed tree in `work`, decorators unrolled, mutmut set to mutate `target`."""
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(work, filter="data")
    sys.path[:0] = [str(work), str(work / "tools")]
    from hatch_build import compile_catalogs
    from unroll_decorators import main as unroll

    compile_catalogs(work)
    unroll(["--conftest", str(work / "tests" / "conftest.py"), str(work / "src" / "finsam")])
    pyproject = work / "pyproject.toml"
    text = re.sub(r"(?ms)^\[tool\.mutmut\].*?(?=^\[|\Z)", "", pyproject.read_text("utf-8"))
    deselect = [arg for test in _DESELECT for arg in ("--deselect", test)]
    text += (
        "\n[tool.mutmut]\n"
        f"only_mutate = [{json.dumps(str(target))}]\n"
        'source_paths = ["src/"]\n'
        'also_copy = ["conftest.py", "docs/", "README.md", "tools/"]\n'
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-o", "addopts=", "-x", "-q"]\n'
        f"pytest_add_cli_args_test_selection = {json.dumps(tests + deselect)}\n"
    )
    pyproject.write_text(text, "utf-8")


def sample(work: Path, target: Path, every: int) -> list[str]:
    """Every `every`-th mutant of `target`, in the order mutmut generates them."""
    from mutmut.mutation.file_mutation import mutate_file_contents

    with contextlib.chdir(work):  # mutmut reads its configuration from the working folder
        names = mutate_file_contents(str(target), target.read_text("utf-8")).mutant_names
    return [f"{module_name(target)}.{name}" for name in names[::every]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="the module to mutate, e.g. src/finsam/money.py")
    parser.add_argument("--every", type=int, default=1, help="run every k-th mutant only")
    parser.add_argument("--tests", nargs="+", help="test files (default: by the module's part)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="mutmut children")
    args = parser.parse_args(argv)
    path = args.file if args.file.exists() else ROOT / args.file
    target = Path(os.path.relpath(path.resolve(), ROOT))
    work = args.keep or Path(tempfile.mkdtemp(prefix="finsam-mutation-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        prepare(work, target, args.tests or default_tests(target))
        names = sample(work, target, args.every) if args.every > 1 else []
        mutmut = [sys.executable, "-m", "mutmut"]  # the one installed with this Python
        subprocess.run([*mutmut, "run", "--max-children", str(args.jobs), *names], cwd=work)
        results = subprocess.run(
            [*mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True
        ).stdout
        status = dict(re.findall(r"^\s*(\S+): (.+)$", results, re.M))
        if names:
            status = {name: status.get(name, "not checked") for name in names}
        counts = Counter(status.values())
        detected = counts["killed"] + counts["timeout"]
        ran = sum(n for state, n in counts.items() if state != "not checked")
        survivors = [n for n, state in status.items() if state in ("survived", "no tests")]
        for name in survivors:
            diff = subprocess.run([*mutmut, "show", name], cwd=work, capture_output=True, text=True)
            lines = [line for line in diff.stdout.splitlines() if line[:1] in "+-"]
            print(f"\n{name}\n" + "\n".join(lines[2:]))
        print(
            f"\n{target}: {ran} mutants run"
            + (f" (every {args.every}th)" if args.every > 1 else "")
            + f", {detected} killed ({counts['timeout']} by timeout), {len(survivors)} survived:"
            f" score {detected / max(ran, 1):.1%}"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
