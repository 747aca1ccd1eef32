"""Every example in the docs runs on its own, as a reader would paste it.

Each ``python`` block of the README and of ``docs/`` runs in a fresh interpreter, in an
empty folder, with nothing imported for it; each docstring example of the package runs in
an empty namespace; each ``finsam`` command shown in a ``console`` block runs and exits
with 0 (nothing found) or 1 (findings), never with a usage or data error.
"""

from __future__ import annotations

import contextvars
import doctest
import importlib
import io
import os
import pkgutil
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import finsam
from finsam.cli import main

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[tuple[str, str]]:
    """(id, text) of every fenced block of `language` in the pages."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            if match.group(1) == language:
                line = text.count("\n", 0, match.start()) + 1
                found.append((f"{page.relative_to(ROOT)}:{line}", match.group(2)))
    return found


_RUN_BLOCK = """
import doctest, sys
text = sys.stdin.read()
test = doctest.DocTestParser().get_doctest(text, {}, sys.argv[1], sys.argv[1], 0)
runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
runner.run(test)
sys.exit(1 if runner.failures else 0)
"""

PYTHON_BLOCKS = [(name, text) for name, text in blocks("python") if ">>>" in text]


@pytest.mark.parametrize(("name", "text"), PYTHON_BLOCKS, ids=[n for n, _t in PYTHON_BLOCKS])
def test_a_python_block_runs_in_a_fresh_interpreter(name: str, text: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FINSAM_LANG"}
    env["MPLBACKEND"] = "Agg"
    done = subprocess.run(
        [sys.executable, "-c", _RUN_BLOCK, name],
        input=text,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _docstring_tests() -> list[doctest.DocTest]:
    tests = []
    finder = doctest.DocTestFinder(exclude_empty=True)
    for info in pkgutil.walk_packages(finsam.__path__, "finsam."):
        if info.name == "finsam.__main__" or info.name.startswith("finsam._hypothesis"):
            continue
        module = importlib.import_module(info.name)
        tests += [t for t in finder.find(module, info.name) if t.examples]
    return tests


DOCSTRINGS = _docstring_tests()


@pytest.mark.parametrize("test", DOCSTRINGS, ids=[t.name for t in DOCSTRINGS])
def test_a_docstring_example_needs_nothing_imported_for_it(test: doctest.DocTest) -> None:
    test.globs = {}
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    out = io.StringIO()
    # A fresh context, as in a new interpreter: the default language, not the tests' English.
    contextvars.Context().run(runner.run, test, out=out.write, clear_globs=True)
    assert not runner.failures, out.getvalue()


CONSOLE_BLOCKS = [
    (name, [line[2:] for line in text.splitlines() if line.startswith("$ finsam ")])
    for name, text in blocks("console")
]
CONSOLE_BLOCKS = [(name, commands) for name, commands in CONSOLE_BLOCKS if commands]


@pytest.mark.parametrize(("name", "commands"), CONSOLE_BLOCKS, ids=[n for n, _c in CONSOLE_BLOCKS])
def test_the_finsam_commands_of_a_console_block_run(
    name: str,
    commands: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in commands:
        argv = shlex.split(command)[1:]
        try:
            code = main(argv)
        except SystemExit as exit_info:  # --help
            code = int(exit_info.code or 0)
        output = capsys.readouterr()
        assert code in (0, 1), f"{name}: {command}: {output.err}"


# -- the data-files page: its TOML loads, its table of words is the vocabulary ----------------

DATA_FILES = ROOT / "docs" / "data-files.md"
_HEADER = 'type = "delårsrapport"\nforbund = "gavleborg"\ntitle = "T"\nperiod = "2019"\n'


@pytest.mark.parametrize(("name", "text"), blocks("toml"), ids=[n for n, _t in blocks("toml")])
def test_a_toml_block_of_the_docs_loads(name: str, text: str) -> None:
    import tomllib
    from decimal import Decimal

    from finsam import Forbund
    from finsam.io import structure, structure_report

    if text.lstrip().startswith("[forbund]"):
        data = tomllib.loads(text, parse_float=Decimal)
        assert structure(data["forbund"], Forbund, source=name).members
        return
    if "type =" not in text:
        text = _HEADER + text  # a fragment of a report
    report = structure_report(tomllib.loads(text, parse_float=Decimal), source=name)
    assert report.title


def test_the_complete_example_reads_as_the_page_says() -> None:
    import tomllib
    from decimal import Decimal

    from finsam.io import structure_report

    [complete] = [t for n, t in blocks("toml") if "data-files" in n and "type =" in t]
    report = structure_report(tomllib.loads(complete, parse_float=Decimal))
    assert str(report.key_figures.result) == "3 344 688 kr"
    assert report.goals[0].assessment is not None
    assert report.goals[0].assessment.value == "ej uppfyllt"


def test_the_table_of_words_is_what_the_vocabularies_read() -> None:
    from finsam.vocabulary import read_word

    rows = re.findall(
        r"^\| (\w+) \| ([^|]+) \| ([^|]+) \|$", DATA_FILES.read_text(encoding="utf-8"), re.M
    )
    rows = [r for r in rows if r[0] != "vocabulary"]
    assert len(rows) >= 20
    for vocabulary, printed, standard in rows:
        for word in printed.split(", "):
            assert read_word(vocabulary, word.strip()) == standard.strip(), (vocabulary, word)
