"""Rewrite decorated functions so that mutmut 3 mutates them: run it on a throwaway copy only.

mutmut 3 never mutates a decorated function, except one whose only decorator is
``@staticmethod`` or ``@classmethod``: every ``@property``, ``@cached_property``, attrs
``@field.validator`` and ``@cache`` function would be left out of the score. This script
applies each decorator by hand instead, after the function::

    @property                                def _unrolled_pence(self) -> int:
    def pence(self) -> int:          →           return self.ore % 100
        return self.ore % 100                pence = property(_unrolled_pence)

    @ore.validator                           def _unrolled__check(self, a, v): ...
    def _check(self, a, v): ...      →       _check = ore.validator(_unrolled__check)

With several decorators ``@a`` ``@b`` the line is ``f = a(b(_unrolled_f))``, the order Python
applies them in. The function keeps its body, signature, docstring and place; the name bound to
the decorated result is the same as before, so callers, attrs (which still finds its validator
and its ``cached_property``) and ``property`` see the same objects. What differs, and no finsam
code looks at: the plain function's ``__name__``/``__qualname__`` is ``_unrolled_<name>``, it is
also reachable under that name (one more class attribute or module global), and the decorator
expressions are evaluated after the function is created rather than before.

Left alone: functions whose one decorator is ``staticmethod`` or ``classmethod`` (mutmut already
mutates those), ``@overload`` stubs (their bodies are ``...``; the undecorated implementation is
mutated anyway), decorated classes (mutmut mutates their methods already), and decorated
functions nested inside other functions (there are none in finsam; they are reported).

Usage, on the copy that mutmut will run in (never on the working tree)::

    python tools/unroll_decorators.py src/finsam        # rewrites every .py file below, in place
    python tools/unroll_decorators.py --dry-run src/finsam
    python tools/unroll_decorators.py --conftest tests/conftest.py src/finsam

It prints one line per rewritten function. Only the standard library is needed.

``--conftest FILE`` also appends to FILE a fixture that empties finsam's lazily filled caches
before every test: the compiled readers and writers of `finsam.io`, and every
``functools.cache`` of a finsam module (the bundled förbund, the consistency checks' field
lists). mutmut runs a mutant only against the tests it saw call the mutated function; a
function whose result is cached is called by the first test that needs it and never again,
so without the fixture a mutant in a reader, a writer or a cached table would be tried
against one test, or (forked from a process whose caches the unmutated code filled) never
run at all, and survive for no fault of the tests.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

PREFIX = "_unrolled_"
_NATIVE = {"staticmethod", "classmethod"}


def _decorator_name(node: ast.expr) -> str:
    """``overload`` for ``overload``, ``typing.overload`` and ``overload(...)``."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _wanted(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    names = [_decorator_name(d) for d in func.decorator_list]
    if not names or "overload" in names:
        return False
    return not (
        len(names) == 1 and isinstance(func.decorator_list[0], ast.Name) and names[0] in _NATIVE
    )


def _targets(tree: ast.Module) -> tuple[list[ast.FunctionDef | ast.AsyncFunctionDef], list[int]]:
    """Decorated functions at module level or in a class body (at any depth of classes)."""
    found: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    nested: list[int] = []

    def visit(body: list[ast.stmt], in_function: bool) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if _wanted(stmt):
                    if in_function:
                        nested.append(stmt.lineno)
                    else:
                        found.append(stmt)
                visit(stmt.body, True)
            elif isinstance(stmt, ast.ClassDef):
                visit(stmt.body, in_function)
            else:  # if/try/with/for at module or class level: look inside
                inner: list[ast.stmt] = []
                for field in ("body", "orelse", "finalbody"):
                    inner.extend(getattr(stmt, field, []))
                for handler in getattr(stmt, "handlers", []):
                    inner.extend(handler.body)
                visit(inner, in_function)

    visit(tree.body, False)
    return found, nested


def unroll(source: str) -> tuple[str, list[str], list[int]]:
    """Return the rewritten source, a note per rewritten function, and nested ones left alone."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    found, nested = _targets(tree)
    notes: list[str] = []
    # bottom-up, so that earlier line numbers stay valid
    for func in sorted(found, key=lambda f: f.lineno, reverse=True):
        first = min(d.lineno for d in func.decorator_list)
        def_index = func.lineno - 1
        def_line = lines[def_index]
        indent = def_line[: len(def_line) - len(def_line.lstrip())]
        new_def, count = re.subn(
            rf"^(\s*(?:async\s+)?def\s+){re.escape(func.name)}\b",
            rf"\g<1>{PREFIX}{func.name}",
            def_line,
        )
        if count != 1:
            raise SystemExit(f"cannot find `def {func.name}` on line {func.lineno}")
        applied = f"{PREFIX}{func.name}"
        for decorator in reversed(func.decorator_list):
            text = ast.get_source_segment(source, decorator) or ast.unparse(decorator)
            if "\n" in text:
                text = ast.unparse(decorator)
            applied = f"{text}({applied})"
        newline = "\n" if def_line.endswith("\n") else ""
        end = func.end_lineno or func.lineno
        after = f"{indent}{func.name} = {applied}\n"
        if not lines[end - 1].endswith("\n"):
            lines[end - 1] += "\n"
        lines[end:end] = [after]
        lines[def_index] = new_def if new_def.endswith("\n") else new_def + newline
        del lines[first - 1 : def_index]
        notes.append(f"{func.lineno}: {func.name} = {applied}")
    return "".join(lines), sorted(notes, key=lambda n: int(n.split(":")[0])), nested


COLD_CACHES = '''

# -- added for mutation testing by tools/unroll_decorators.py --conftest ------------------------
@pytest.fixture(autouse=True)
def _cold_caches() -> None:
    """Start each test with finsam's lazily filled caches empty (see the tool)."""
    import sys

    from finsam.io import _structure

    _structure._readers.clear()
    _structure._class_readers.clear()
    for name, module in list(sys.modules.items()):
        if name == "finsam" or name.startswith("finsam."):
            for value in list(vars(module).values()):
                if hasattr(value, "cache_info") and hasattr(value, "cache_clear"):
                    value.cache_clear()  # functools.cache and lru_cache
'''


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders (all .py below)")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    parser.add_argument("--conftest", type=Path, help="append the cold-cache fixture to this file")
    args = parser.parse_args(argv)
    files: list[Path] = []
    for path in args.paths:
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    total = 0
    for file in files:
        source = file.read_text(encoding="utf-8")
        new, notes, nested = unroll(source)
        for line in nested:
            print(f"{file}:{line}: nested decorated function left alone", file=sys.stderr)
        if not notes:
            continue
        compile(new, str(file), "exec")  # the rewrite must still be Python
        total += len(notes)
        for note in notes:
            print(f"{file}:{note}")
        if not args.dry_run:
            file.write_text(new, encoding="utf-8")
    print(f"{total} decorated functions unrolled in {len(files)} files", file=sys.stderr)
    if args.conftest is not None and not args.dry_run:
        text = args.conftest.read_text(encoding="utf-8")
        if "def _cold_caches" not in text:
            if "import pytest" not in text:
                text = "import pytest\n" + text
            args.conftest.write_text(text + COLD_CACHES, encoding="utf-8")
            print(f"{args.conftest}: cold-cache fixture appended", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
