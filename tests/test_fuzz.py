"""Fuzzing the loaders, `finsam.check` and ``finsam check`` with damaged bundled files.

Every bundled report and förbund, as TOML and as JSON, is damaged in two ways:

- structure-aware: the file is parsed, random places in its tree get hostile values (huge
  or non-finite numbers, deep nesting, wrong types, impossible dates, unknown or deleted
  keys, ...), and the tree is written back as TOML or JSON;
- byte-level: bits flipped, bytes inserted or deleted, the file truncated, a UTF-16 byte
  order mark or invalid UTF-8 put in.

The contract checked for every damaged file: `finsam.io.load` either loads it, and then
`finsam.check` returns findings none of which is ``FS-INTERNAL``, or raises a
`finsam.DataError` whose source is the file and whose every problem names its place
(only a file the standard parsers cannot read at all may have problems without a place);
nothing else escapes. ``finsam check FILE`` (in-process) agrees: exit code 0 or 1 for a
loaded file, 2 with one ``file: ...`` line per problem for a refused one, never 3 and
never a traceback.

The mutation engine here (`mutate_tree`, `damage_bytes`, `serialise`, `run_case`, ...)
takes a `random.Random`, so that Hypothesis drives it in these tests and
``benchmarks/fuzz_long.py`` drives the very same mutations from a seed.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import random
import re
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import finsam
import finsam.io
from finsam.cli import main as cli_main
from finsam.errors import DataError
from finsam.limits import MAX_FILE_BYTES

Step = str | int
TreePath = tuple[Step, ...]

# -- the documents to damage ---------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Base:
    """A bundled document as the text of one format."""

    name: str  # the bundled name, e.g. "gavleborg-2019-h1"
    kind: str  # "reports" or "forbund"
    suffix: str  # ".toml" or ".json"
    text: str

    @property
    def label(self) -> str:
        return f"{self.name}{self.suffix}"

    def __repr__(self) -> str:
        return f"<{self.kind}/{self.label}>"


def _bundled_files(kind: str) -> list[tuple[str, str]]:
    folder = resources.files("finsam").joinpath("data", kind)
    return sorted(
        (entry.name.removesuffix(".toml"), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def bundled_bases() -> list[Base]:
    """Every bundled file as its own TOML text and as the JSON text finsam writes for it."""
    bases = []
    for kind in ("reports", "forbund"):
        for name, text in _bundled_files(kind):
            document = finsam.load_report(name) if kind == "reports" else finsam.load_forbund(name)
            bases.append(Base(name, kind, ".toml", text))
            bases.append(Base(name, kind, ".json", finsam.io.dump_json(document)))
    return bases


def parse_text(text: str, suffix: str) -> Any:
    """Plain data from TOML or JSON text, numbers with a fraction as exact decimals."""
    if suffix == ".toml":
        return tomllib.loads(text, parse_float=Decimal)
    return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not standard JSON")


_TREES: dict[tuple[str, str], Any] = {}


def base_tree(base: Base) -> Any:
    """A fresh copy of the parsed tree of `base`."""
    key = (base.label, base.kind)
    if key not in _TREES:
        _TREES[key] = parse_text(base.text, base.suffix)
    return copy.deepcopy(_TREES[key])


# -- values written into a file as they are ----------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """Text put into the file as is where a value stands (its TOML and JSON spelling).

    For what the writers cannot produce: integers of thousands of digits, nesting deeper
    than Python's recursion allows, NaN in JSON.
    """

    toml: str
    json: str
    what: str

    @classmethod
    def same(cls, text: str, what: str) -> Raw:
        return cls(text, text, what)

    def __repr__(self) -> str:
        return self.what


def deep_list(depth: int) -> Raw:
    return Raw.same("[" * depth + "]" * depth, f"a list nested {depth} deep")


def deep_table(depth: int) -> Raw:
    return Raw(
        "{a = " * depth + "1" + "}" * depth,
        '{"a": ' * depth + "1" + "}" * depth,
        f"a table nested {depth} deep",
    )


def digits(count: int) -> Raw:
    return Raw.same("9" * count, f"an integer of {count} digits")


#: Stands for the name of the file being written (a report naming itself as its förbund).
OWN_NAME = "\x00own-name\x00"


def hostile_value(rng: random.Random) -> Any:
    """One hostile value: out of bounds, non-finite, the wrong type, deeply nested, ..."""
    makers: list[Callable[[], Any]] = [
        # integers and decimals out of every bound
        lambda: rng.choice([10**33, -(10**33), 2**63, -(2**63) - 1, 10**15, -(10**15), 10**9]),
        lambda: rng.choice([10**4000, -(10**4000)]),  # parseable, far out of bounds
        lambda: digits(rng.choice([4301, 5000, 20000])),  # beyond Python's int parsing limit
        lambda: rng.choice([-1, 0, -(10**14), rng.randint(-(10**20), 10**20)]),
        lambda: Decimal(
            rng.choice(
                [
                    "1E+999999999",
                    "-1E+999999999",
                    "1E-999999999",
                    "1E+15",
                    "9.999999999999999E+14",
                    "0.1234567890123",
                    "123456789012345.5",
                    "-0.0",
                    "1E+400",
                    "1" + "0" * 50 + ".5",
                ]
            )
        ),
        lambda: Decimal(rng.choice(["NaN", "Infinity", "-Infinity"])),
        # dates and periods that cannot be
        lambda: rng.choice(
            [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1899, 12, 31), dt.date(2201, 1, 1)]
        ),
        lambda: rng.choice([dt.datetime(2019, 6, 30, 12, 0), dt.time(12, 30)]),
        lambda: rng.choice(
            [
                "2019-02-30",
                "2019-06-31",
                "0000-00-00",
                "2019-13-01",
                "31/12/2019",
                "2019-06-30 – 2019-01-01",
                "2019-01-01 – 9999-12-31",
                "1899-12-31 – 1900-01-01",
                "2019-01-01 –",
                "– 2019-01-01",
            ]
        ),
        # texts: empty, huge, odd characters, numbers and amounts as text
        lambda: rng.choice(["", " ", "\t\n", "\x00", "\u202e\u200b", "🙂" * 100, "\\", '"""']),
        lambda: rng.choice(["x" * 100_000, "x" * 100_001, "ÅÄÖ" * 50_000]),
        lambda: rng.choice(
            [
                "null",
                "NaN",
                "Infinity",
                "1e999999999",
                "9" * 5000,
                "-",
                "kr",
                "1 000 000 000 000 000 kr",
                "-13 320 tkr",
                "13,5 %",
                "1/0",
                "0/0",
                "1" + "0" * 60 + " kr",
                "1e999999999 kr",
                "0,0000000000001 kr",
            ]
        ),
        # wrong types and shapes
        lambda: rng.choice([True, False, None]),
        lambda: rng.choice([[], {}, [[]], [{}], [1, "a", None], {"unknown": 1}, ["x"] * 1000]),
        lambda: rng.choice(
            [
                {"start": "2019-01-01"},
                {"start": "2019-01-01", "end": "2018-01-01"},
                {"start": "2019-01-01", "end": "2019-02-30", "x": 1},
                {"min_age": 64, "max_age": 16},
                {"min_age": -1, "max_age": 10**33},
            ]
        ),
        lambda: [0] * 100_001,
        # deep nesting
        lambda: deep_list(rng.choice([33, 50, 100, 600, 1000, 2000, rng.randint(50, 2000)])),
        lambda: deep_table(rng.choice([33, 50, 100, 600, 1000, 2000, rng.randint(50, 2000)])),
    ]
    return rng.choice(makers)()


#: Keys with values worth trying on purpose (besides the generic hostile values).
SPECIAL_VALUES: dict[str, list[Any]] = {
    "type": [[], "", 1, {}, "delårsrapport", "årsredovisning", "verksamhetsplan", "förbund"],
    "format": [3, 0, -1, True, "2", 10**30, Decimal("2.0"), 1, 2, None],
    "charters": [[], {}, [[]], [{}]],
    "amounts": [[], [Decimal("1E+999999999")], [""], [None], [digits(5000)]],
    "members": [[], [{}], "x"],
    "forbund": [
        "nonexistent",
        "../outside.toml",
        "/etc/passwd.toml",
        "sub/none.json",
        "",
        OWN_NAME,
        "mphla",
        "gavleborg",
        {},
        "x" * 100_001,
    ],
    "year": [1899, 2201, 10**33, -2019, [], "2019"],
    "years": [[], [2019, 2019], [1899], [10**33], [2019] * 1000],
    "period": [
        "2019-06-30 – 2019-01-01",
        "2019-01-01",
        {"start": "2019-01-01"},
        {"start": "2019-01-01", "end": "2019-02-30"},
        {"start": dt.date(2019, 1, 1), "end": dt.date(1899, 1, 1)},
    ],
    "kind": ["", "kommunn", [], 1],
    "values": [[], [digits(5000)], ["x"] * 1000, [Decimal("NaN")]],
    "unit": ["", "Mkr", "öre", 1],
    "valid_from": ["2019-02-30", dt.date(1899, 12, 31), None],
    "count": [10**9, -1, 10**33, "many"],
}

UNKNOWN_KEYS = ["unknown", "printed", "", "x" * 300, "format", "type", "mål", "ä" * 100]


# -- walking a tree -------------------------------------------------------------------------------


def tree_paths(tree: Any) -> list[TreePath]:
    """Every place in the tree below the root, parents before children."""
    found: list[TreePath] = []
    stack: list[tuple[TreePath, Any]] = [((), tree)]
    while stack:
        where, value = stack.pop()
        if where:
            found.append(where)
        if isinstance(value, dict):
            stack.extend(((*where, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(
                ((*where, index), item) for index, item in reversed(list(enumerate(value)))
            )
    return found


def get_at(tree: Any, where: TreePath) -> Any:
    for step in where:
        tree = tree[step]
    return tree


def set_at(tree: Any, where: TreePath, value: Any) -> Any:
    if not where:
        return value
    get_at(tree, where[:-1])[where[-1]] = value
    return tree


def delete_at(tree: Any, where: TreePath) -> None:
    parent = get_at(tree, where[:-1])
    if isinstance(parent, dict):
        del parent[where[-1]]
    else:
        parent.pop(where[-1])


def show_path(where: TreePath) -> str:
    """``("insatser", 3, "period")`` as ``insatser[3].period``, as finsam writes paths."""
    text = ""
    for step in where:
        if isinstance(step, int):
            text += f"[{step}]"
        elif len(step) > 60:  # as finsam shortens unknown keys
            text += f"[{step[:60]!r}…]"
        elif step.isidentifier():
            text += f".{step}" if text else step
        else:
            text += f"[{step!r}]"
    return text or "(root)"


def show(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:60]}... ({len(text)} characters)"


# -- structure-aware mutations ------------------------------------------------------------------


def _resolve(value: Any, own_name: str) -> Any:
    return own_name if value == OWN_NAME else copy.deepcopy(value)


def _op_replace(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    where = rng.choice(tree_paths(tree))
    value = hostile_value(rng)
    notes.append(f"{show_path(where)} = {show(value)}")
    return set_at(tree, where, value)


def _op_special(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    key = rng.choice(sorted(SPECIAL_VALUES))
    places = [p for p in tree_paths(tree) if p[-1] == key]
    where = rng.choice(places) if places else (key,)
    if not isinstance(get_at(tree, where[:-1]), dict):
        return tree
    value = _resolve(rng.choice(SPECIAL_VALUES[key]), own)
    notes.append(f"{show_path(where)} = {show(value)}")
    return set_at(tree, where, value)


def _op_delete(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    where = rng.choice(tree_paths(tree))
    notes.append(f"delete {show_path(where)}")
    delete_at(tree, where)
    return tree


def _op_unknown_key(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    tables: list[TreePath] = [()] if isinstance(tree, dict) else []
    tables += [p for p in tree_paths(tree) if isinstance(get_at(tree, p), dict)]
    if not tables:
        return tree
    where = rng.choice(tables)
    table = get_at(tree, where)
    key = rng.choice(UNKNOWN_KEYS)
    if table and rng.random() < 0.4:  # a near miss of a key that is there
        key = rng.choice(list(table)) + rng.choice(["s", "_", "x"])
    value = rng.choice([1, "x", [], {}, hostile_value(rng)])
    notes.append(f"{show_path((*where, key))} = {show(value)} (new key)")
    table[key] = value
    return tree


def _op_empty(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    places = [p for p in tree_paths(tree) if isinstance(get_at(tree, p), list | dict)]
    if not places:
        return tree
    where = rng.choice(places)
    value: Any = [] if isinstance(get_at(tree, where), list) else {}
    notes.append(f"{show_path(where)} = {value!r} (emptied)")
    return set_at(tree, where, value)


def _op_duplicate(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    places = [p for p in tree_paths(tree) if isinstance(get_at(tree, p), list) and get_at(tree, p)]
    if not places:
        return tree
    where = rng.choice(places)
    items = get_at(tree, where)
    index = rng.randrange(len(items))
    how = rng.choice(["duplicate", "reverse", "shuffle", "pop"])
    if how == "duplicate":
        items.insert(index, copy.deepcopy(items[index]))
    elif how == "reverse":
        items.reverse()
    elif how == "shuffle":
        rng.shuffle(items)
    else:
        items.pop(index)
    notes.append(f"{show_path(where)}: {how} item {index}")
    return tree


def _op_swap(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    """Put the value of one place at another: type confusion with realistic values."""
    places = tree_paths(tree)
    source, target = rng.choice(places), rng.choice(places)
    value = copy.deepcopy(get_at(tree, source))
    notes.append(f"{show_path(target)} = value of {show_path(source)} ({show(value)})")
    return set_at(tree, target, value)


_TYPED = " -–0123456789,.%krtkÅ\u00a0/"


def _tweak_text(text: str, rng: random.Random) -> str:
    places = [i for i, c in enumerate(text) if c.isdigit()]
    how = rng.randrange(6)
    if how == 0 and places:
        i = rng.choice(places)
        return text[:i] + rng.choice("0123456789") + text[i + 1 :]
    i = rng.randrange(len(text) + 1)
    if how == 1 and text:
        return text[: max(i - 1, 0)] + text[i:]
    if how == 2:
        return text[:i] + rng.choice(_TYPED) + text[i:]
    if how == 3:
        return text + text
    if how == 4:
        return text.upper()
    return text[:i]


def _op_tweak(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    """Change a value a little: a digit of a date, the sign of an amount, a letter of a word."""
    leaves = [p for p in tree_paths(tree) if not isinstance(get_at(tree, p), list | dict)]
    if not leaves:
        return tree
    where = rng.choice(leaves)
    value = get_at(tree, where)
    new: Any
    if isinstance(value, bool):
        new = not value
    elif isinstance(value, int | Decimal):
        new = rng.choice(
            [
                -value,
                value * 10 ** rng.randint(1, 20),
                value + 1,
                value - 1,
                0,
                value * Decimal("1.5"),
            ]
        )
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        new = rng.choice(
            [
                value + dt.timedelta(days=rng.randint(-400, 400)),
                value.replace(year=1899, day=1),
                value.replace(year=2201, day=1),
                value.isoformat()[:8] + "31",
            ]
        )
    elif isinstance(value, str):
        new = _tweak_text(value, rng)
    else:
        return tree
    notes.append(f"{show_path(where)}: {show(value)} -> {show(new)}")
    return set_at(tree, where, new)


def _op_deep(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    where = rng.choice(tree_paths(tree))
    depth = rng.randint(50, 2000)
    value = deep_list(depth) if rng.random() < 0.6 else deep_table(depth)
    notes.append(f"{show_path(where)} = {value!r}")
    return set_at(tree, where, value)


def _op_root(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    value = rng.choice([[], "report", 1, None, [tree]])
    notes.append(f"the whole document = {show(value)}")
    return value


#: Numbers and texts inside finsam's bounds that are extreme for the checks: zero totals
#: (divisions), the largest amounts, the smallest decimals, blank cells.
_EXTREME_NUMBERS: list[Any] = [
    0,
    1,
    -1,
    10**9 - 1,
    10**15 - 1,
    -(10**15) + 1,
    Decimal("0"),
    Decimal("0.000000000001"),
    Decimal("999999999999999"),
    Decimal("-0.5"),
    Decimal("100"),
    Decimal("-100"),
]
_EXTREME_TEXTS = [
    "0",
    "0 kr",
    "-0 kr",
    "0 tkr",
    "0,01 kr",
    "1 kr",
    "999 999 999 999 999 kr",
    "-999 999 999 999 999 kr",
    "999 999 999 tkr",
    "0 %",
    "100 %",
    "-100 %",
    "",
]


def _leaves(tree: Any) -> list[TreePath]:
    return [p for p in tree_paths(tree) if not isinstance(get_at(tree, p), list | dict)]


def _op_extreme(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    """A number or figure-like text set to an extreme that finsam accepts."""
    places = []
    for where in _leaves(tree):
        value = get_at(tree, where)
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            places.append((where, _EXTREME_NUMBERS))
        elif isinstance(value, str) and len(value) < 40 and any(c.isdigit() for c in value):
            places.append((where, _EXTREME_TEXTS))
    if not places:
        return tree
    where, choices = rng.choice(places)
    value = rng.choice(choices)
    notes.append(f"{show_path(where)}: {show(get_at(tree, where))} -> {show(value)}")
    return set_at(tree, where, value)


def _op_blank(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    """A cell of a list left blank (an empty text, as TOML writes a missing value)."""
    places = [p for p in _leaves(tree) if isinstance(p[-1], int)]
    if not places:
        return tree
    where = rng.choice(places)
    notes.append(f"{show_path(where)}: {show(get_at(tree, where))} -> ''")
    return set_at(tree, where, "")


def _op_same_kind(tree: Any, rng: random.Random, own: str, notes: list[str]) -> Any:
    """A value replaced by another of the same type from elsewhere: plausible but wrong."""
    leaves = _leaves(tree)
    where = rng.choice(leaves)
    kind = type(get_at(tree, where))
    others = [p for p in leaves if type(get_at(tree, p)) is kind and p != where]
    if not others:
        return tree
    value = get_at(tree, rng.choice(others))
    notes.append(f"{show_path(where)}: {show(get_at(tree, where))} -> {show(value)}")
    return set_at(tree, where, value)


_OPS: list[tuple[Callable[[Any, random.Random, str, list[str]], Any], int]] = [
    (_op_replace, 25),
    (_op_special, 15),
    (_op_tweak, 20),
    (_op_extreme, 15),
    (_op_delete, 10),
    (_op_duplicate, 10),
    (_op_blank, 8),
    (_op_same_kind, 8),
    (_op_unknown_key, 6),
    (_op_empty, 6),
    (_op_swap, 6),
    (_op_deep, 3),
    (_op_root, 1),
]


def mutate_tree(
    tree: Any, rng: random.Random, own_name: str = "case.toml"
) -> tuple[Any, list[str]]:
    """The tree with one to three hostile changes, and what they were."""
    notes: list[str] = []
    operations, weights = zip(*_OPS, strict=True)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if not isinstance(tree, dict | list) or not tree_paths(tree):
            break
        operation = rng.choices(operations, weights)[0]
        tree = operation(tree, rng, own_name, notes)
    return tree, notes


# -- writing a tree as TOML or JSON ------------------------------------------------------------


def _with_markers(value: Any, raws: dict[str, str], fmt: str) -> Any:
    """`value` with every `Raw` (and, for JSON, every decimal and date) as a marker text."""

    def marker(text: str) -> str:
        name = f"@@fuzz-raw-{len(raws)}@@"
        raws[name] = text
        return name

    if isinstance(value, Raw):
        return marker(value.toml if fmt == "toml" else value.json)
    if isinstance(value, dict):
        return {key: _with_markers(item, raws, fmt) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_markers(item, raws, fmt) for item in value]
    if fmt == "json":
        if isinstance(value, Decimal):
            return marker(str(value))
        if isinstance(value, dt.date | dt.time):
            return value.isoformat()
    return value


def _fill(text: str, raws: dict[str, str]) -> str:
    for name, raw in raws.items():
        text = text.replace(f'"{name}"', raw)
    return text


def serialise(tree: Any, suffix: str) -> tuple[str, str]:
    """The tree as TOML (`suffix` ".toml", when TOML can hold it) or JSON; and the suffix used.

    TOML has no null and no top level other than a table: such trees are written as JSON.
    """
    raws: dict[str, str] = {}
    if suffix == ".toml" and isinstance(tree, dict):
        try:
            text = tomli_w.dumps(_with_markers(tree, raws, "toml"))
        except (TypeError, ValueError):
            pass
        else:
            return _fill(text, raws), ".toml"
    raws.clear()
    text = json.dumps(_with_markers(tree, raws, "json"), ensure_ascii=False, indent=1)
    return _fill(text, raws), ".json"


# -- byte-level damage -----------------------------------------------------------------------------

_BAD_BYTES = [
    b"\x00",
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xc0\xaf",  # overlong '/'
    b"\xc3",  # a lead byte without its continuation
    b"\xed\xa0\x80",  # a UTF-16 surrogate in UTF-8
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\xef\xbb\xbf",  # a byte-order mark in the middle
    b"\r",
    b"\n",
    b'"',
    b"'",
    b"[",
    b"]",
    b"{",
    b"=",
    b"\\",
    b"\x1b[31m",
    b"\n[[insatser]]\n",
    b"\n[budget]\n",
]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def damage_bytes(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """`data` with one to four kinds of byte damage, and what they were."""
    notes: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 3, 4))):
        size = len(data)
        at = rng.randrange(size + 1)
        how = rng.randrange(14)
        if how == 0 and size:
            at = min(at, size - 1)
            bit = 1 << rng.randrange(8)
            data = data[:at] + bytes([data[at] ^ bit]) + data[at + 1 :]
            notes.append(f"flip bit {bit:#x} of byte {at}")
        elif how == 1 and size:
            at = min(at, size - 1)
            byte = rng.randrange(256) if rng.random() < 0.3 else rng.randrange(0x20, 0x7F)
            data = data[:at] + bytes([byte]) + data[at + 1 :]
            notes.append(f"byte {at} = {byte:#04x}")
        elif how == 2:
            insert = rng.choice(_BAD_BYTES)
            data = data[:at] + insert + data[at:]
            notes.append(f"insert {insert!r} at {at}")
        elif how == 3:
            insert = rng.randbytes(rng.randint(1, 16))
            data = data[:at] + insert + data[at:]
            notes.append(f"insert {insert!r} at {at}")
        elif how == 4:
            length = rng.randint(1, 64)
            data = data[:at] + data[at + length :]
            notes.append(f"delete {length} bytes at {at}")
        elif how == 5:
            data = data[:at]
            notes.append(f"truncate to {at} bytes")
        elif how == 6:
            bom = rng.choice([b"\xff\xfe", b"\xfe\xff"])
            data = bom + data
            notes.append(f"prepend UTF-16 byte-order mark {bom!r}")
        elif how == 7:
            encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
            data = data.decode("utf-8", errors="replace").encode(encoding)
            notes.append(f"encode as {encoding}")
        elif how == 8:
            data = b"\xef\xbb\xbf" + data
            notes.append("prepend a UTF-8 byte-order mark")
        elif how == 9:
            lines = _lines(data)
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            data = b"\n".join(lines)
            notes.append(f"duplicate line {i + 1}")
        elif how == 10:
            lines = _lines(data)
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
            notes.append(f"swap lines {i + 1} and {j + 1}")
        elif how == 11:
            data = data.replace(b"\n", b"\r\n")
            notes.append("CRLF line ends")
        elif how == 12:
            places = [i for i, b in enumerate(data) if 0x30 <= b <= 0x39]
            if places:
                i = rng.choice(places)
                data = data[:i] + bytes([rng.randint(0x30, 0x39)]) + data[i + 1 :]
                notes.append(f"change digit at {i}")
        else:
            leads = [i for i, b in enumerate(data) if b >= 0xC0]
            if leads:
                i = rng.choice(leads)
                data = data[: i + 1] + data[i + 2 :]
                notes.append(f"cut the UTF-8 character at {i}")
    return data, notes


# -- running one case and judging it -----------------------------------------------------------


def readable(data: bytes, suffix: str) -> tuple[bool, Any]:
    """Whether the standard parsers read the bytes as a document at all, and the tree.

    A file they cannot read (undecodable, invalid syntax, too large, nested deeper than the
    parser goes, an integer beyond Python's limit) may be refused as a whole, without a path.
    """
    if len(data) > MAX_FILE_BYTES or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False, None
    try:
        return True, parse_text(data.decode("utf-8-sig"), suffix)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False, None


@dataclass
class Outcome:
    """What loading, checking and the ``finsam check`` command made of one file."""

    path: Path
    loaded: Any = None
    error: DataError | None = None
    crash: BaseException | None = None
    stage: str = ""
    internal: list[str] = field(default_factory=list)
    seconds: float = 0.0
    whole_file_ok: bool = False  # the file is unreadable as a whole: problems need no path
    cli_code: int | None = None
    cli_out: str = ""
    cli_err: str = ""
    cli_crash: BaseException | None = None
    direct: list[str] = field(default_factory=list)  # failures of load_report / load_forbund

    def failures(self) -> list[str]:
        """Every way this outcome breaks the contract (empty when it keeps it)."""
        found = []
        if self.crash is not None:
            found.append(
                f"{self.stage} raised {type(self.crash).__name__}: {str(self.crash)[:300]}"
            )
        found += [f"check gave FS-INTERNAL: {message[:300]}" for message in self.internal]
        if self.error is not None:
            error = self.error
            if error.source != str(self.path):
                found.append(f"DataError source {error.source!r} is not {str(self.path)!r}")
            if not error.problems:
                found.append("DataError without problems")
            if not self.whole_file_ok:
                found += [
                    f"problem without a path in a readable file: {problem.message[:300]}"
                    for problem in error.problems
                    if not problem.path
                ]
        found += self.direct
        found += self.cli_failures()
        return found

    def cli_failures(self) -> list[str]:
        if self.cli_crash is not None:
            return [f"finsam check raised {type(self.cli_crash).__name__}: {self.cli_crash}"]
        if self.cli_code is None:
            return []
        found = []
        if "Traceback" in self.cli_out or "Traceback" in self.cli_err:
            found.append("finsam check printed a traceback")
        if self.cli_code == 3:
            found.append(f"finsam check exit code 3: {self.cli_err.strip()[:300]}")
        elif self.error is not None and self.cli_code != 2:
            found.append(f"finsam check exit code {self.cli_code} for a refused file")
        elif self.error is None and self.crash is None and self.cli_code not in (0, 1):
            found.append(f"finsam check exit code {self.cli_code} for a loaded file")
        if self.cli_code == 2:
            prefix = f"{self.path}: "
            found += [
                f"finsam check line without the file: {line[:200]}"
                for line in self.cli_err.splitlines()
                if line and not line.startswith(prefix)
            ]
        return found


def run_cli(path: Path) -> tuple[int, str, str]:
    """``finsam check PATH`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main(["check", str(path)])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def loader_failures(path: Path, kind: str, whole_file_ok: bool) -> list[str]:
    """How `finsam.load_report` (`kind` "reports") or `finsam.load_forbund` breaks the contract."""
    load = finsam.load_report if kind == "reports" else finsam.load_forbund
    name = f"finsam.{load.__name__}"
    try:
        load(path)
    except DataError as error:
        found = []
        if error.source != str(path):
            found.append(f"{name}: DataError source {error.source!r} is not {str(path)!r}")
        if not whole_file_ok:
            found += [
                f"{name}: problem without a path in a readable file: {problem.message[:300]}"
                for problem in error.problems
                if not problem.path
            ]
        return found
    except Exception as error:
        return [f"{name} raised {type(error).__name__}: {str(error)[:300]}"]
    return []


@contextlib.contextmanager
def messages_in(lang: str | None) -> Iterator[None]:
    """Messages in `lang` ("sv" or "en") for a while, by ``FINSAM_LANG``; None: unchanged."""
    if lang is None:
        yield
        return
    before = os.environ.get("FINSAM_LANG")
    os.environ["FINSAM_LANG"] = lang
    try:
        yield
    finally:
        if before is None:
            del os.environ["FINSAM_LANG"]
        else:
            os.environ["FINSAM_LANG"] = before


def run_case(
    path: Path, *, cli: bool = True, kind: str | None = None, lang: str | None = None
) -> Outcome:
    """Load the file, check what loads, and run ``finsam check`` on it.

    With `kind` ("reports" or "forbund"), also load it with `finsam.load_report` or
    `finsam.load_forbund`; with `lang`, everything speaks that language.
    """
    with messages_in(lang):
        return _run_case(path, cli=cli, kind=kind)


def _run_case(path: Path, *, cli: bool, kind: str | None) -> Outcome:
    data = path.read_bytes()
    is_readable, tree = readable(data, path.suffix)
    outcome = Outcome(path, whole_file_ok=not is_readable or not isinstance(tree, dict))
    start = time.perf_counter()
    try:
        outcome.stage = "finsam.io.load"
        outcome.loaded = finsam.io.load(path)
        outcome.stage = "finsam.check"
        findings = finsam.check(outcome.loaded)
        outcome.stage = "Finding.line"
        for finding in findings:
            finding.line()
        outcome.internal = [f.message for f in findings if f.code == "FS-INTERNAL"]
    except DataError as error:
        if outcome.stage == "finsam.io.load":
            outcome.error = error
        else:
            outcome.crash = error
    except Exception as error:
        outcome.crash = error
    outcome.seconds = time.perf_counter() - start
    if kind is not None:
        outcome.direct = loader_failures(path, kind, outcome.whole_file_ok)
    if cli:
        try:
            outcome.cli_code, outcome.cli_out, outcome.cli_err = run_cli(path)
        except Exception as error:
            outcome.cli_crash = error
    return outcome


def write_case(folder: Path, text: str | bytes, suffix: str, stem: str = "case") -> Path:
    """Write the case file into `folder`, alone: earlier cases' files are removed."""
    for stale in folder.glob(f"{stem}.*"):
        stale.unlink()
    path = folder / f"{stem}{suffix}"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def mutated_file(base: Base, rng: random.Random, folder: Path) -> tuple[Path, list[str]]:
    """Write `base` with structure-aware mutations to `folder`; the file and what changed."""
    tree, notes = mutate_tree(base_tree(base), rng, own_name=f"case{base.suffix}")
    text, suffix = serialise(tree, base.suffix)
    if suffix != base.suffix:
        notes.append(f"written as {suffix}")
    return write_case(folder, text, suffix), notes


def damaged_file(base: Base, rng: random.Random, folder: Path) -> tuple[Path, list[str]]:
    """Write `base` with byte-level damage to `folder`; the file and what changed."""
    data, notes = damage_bytes(base.text.encode("utf-8"), rng)
    return write_case(folder, data, base.suffix), notes


# -- the tests -------------------------------------------------------------------------------------

BASES = bundled_bases()
BY_LABEL = {base.label: base for base in BASES}
#: Hypothesis draws labels (short to print), the tests look the documents up.
LABELS = st.sampled_from(sorted(BY_LABEL))
JSON_LABELS = st.sampled_from(sorted(label for label in BY_LABEL if label.endswith(".json")))

#: Half the profile's examples per fuzz test (50 in ``dev``, 150 in ``ci``), derandomized:
#: the three fuzz tests take about 6 s in all with ``ci`` on 2 cores.
FUZZ = settings(
    max_examples=max(10, settings().max_examples // 2),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _assert_contract(outcome: Outcome, label: str, notes: list[str]) -> None:
    failures = outcome.failures()
    assert not failures, f"{label} with {'; '.join(notes)}:\n" + "\n".join(failures)


LANGUAGES = st.sampled_from(["sv", "en"])


@FUZZ
@given(label=LABELS, rng=st.randoms(use_true_random=False), lang=LANGUAGES)
def test_mutated_documents_load_or_are_refused_with_places(
    label: str, rng: random.Random, lang: str, folder: Path
) -> None:
    base = BY_LABEL[label]
    path, notes = mutated_file(base, rng, folder)
    note(f"{base.label} ({lang}): {'; '.join(notes)}")
    _assert_contract(run_case(path, kind=base.kind, lang=lang), base.label, notes)


@FUZZ
@given(label=LABELS, rng=st.randoms(use_true_random=False), lang=LANGUAGES)
def test_damaged_bytes_load_or_are_refused(
    label: str, rng: random.Random, lang: str, folder: Path
) -> None:
    base = BY_LABEL[label]
    path, notes = damaged_file(base, rng, folder)
    note(f"{base.label} ({lang}): {'; '.join(notes)}")
    _assert_contract(run_case(path, kind=base.kind, lang=lang), base.label, notes)


#: Values plain data can hold that no file parser produces: floats, ints beyond 4 300 digits.
_PYTHON_ONLY: list[Any] = [
    float("nan"),
    float("inf"),
    -float("inf"),
    1e308,
    0.1,
    -0.0,
    10**5000,
    -(10**5000),
    (1, 2),
]


def _python_tree(tree: Any) -> Any:
    """The tree as Python data: `Raw` values as what they stand for, where Python can."""
    if isinstance(tree, Raw):
        if tree.toml.startswith("9"):
            return int(tree.toml[:4000]) * 10 ** (len(tree.toml) - 4000)
        depth = tree.what.split()[-2]  # "a list nested N deep"
        nested: Any = []
        for _ in range(int(depth) if depth.isdigit() else 3):
            nested = [nested]
        return nested
    if isinstance(tree, dict):
        return {key: _python_tree(item) for key, item in tree.items()}
    if isinstance(tree, list):
        return [_python_tree(item) for item in tree]
    return tree


@FUZZ
@given(label=JSON_LABELS, rng=st.randoms(use_true_random=False))
def test_structure_refuses_hostile_plain_data_with_places(label: str, rng: random.Random) -> None:
    """`structure_report` and `structure` raise only DataError, with places, for any data."""
    base = BY_LABEL[label]
    tree, notes = mutate_tree(base_tree(base), rng)
    places = tree_paths(tree) if isinstance(tree, dict | list) else []
    if places and rng.random() < 0.5:
        where = rng.choice(places)
        value = rng.choice(_PYTHON_ONLY)
        notes.append(f"{show_path(where)} = {show(value)}")
        tree = set_at(tree, where, value)
    tree = _python_tree(tree)
    note(f"{base.label}: {'; '.join(notes)}")
    refusal: DataError | None = None
    try:
        if base.kind == "reports":
            loaded: Any = finsam.io.structure_report(tree, source="fuzz")
        else:
            loaded = finsam.io.structure(tree, finsam.Forbund, source="fuzz")
    except DataError as error:
        refusal = error
    if refusal is not None:
        assert refusal.source == "fuzz"
        if isinstance(tree, dict):
            assert all(problem.path for problem in refusal.problems), refusal.problems
        return
    internal = [f.message for f in finsam.check(loaded) if f.code == "FS-INTERNAL"]
    assert not internal


# -- named hostile edits, every bundled file ---------------------------------------------------

_EDITS: list[tuple[str, Any]] = [
    ("type", []),
    ("type", "förbund"),
    ("charters", []),
    ("members", []),
    ("format", 3),
    ("format", True),
    ("forbund", "../outside.toml"),
    ("forbund", OWN_NAME),
    ("forbund", "nonexistent"),
    ("title", "x" * 100_001),
    ("name", None),
    ("period", "2019-06-30 – 2019-01-01"),
    ("decided", "2019-02-30"),
    ("founded", dt.date(1899, 12, 31)),
    ("printed", {"title": "x"}),
]


def _edit_everywhere(tree: Any, key: str, value: Any) -> Any:
    """Set `key` to `value` in every table that has it (at the top level when none has)."""
    places = [p for p in tree_paths(tree) if p[-1] == key] or [(key,)]
    for where in places:
        set_at(tree, where, copy.deepcopy(value))
    return tree


@pytest.mark.parametrize(("key", "value"), _EDITS, ids=[f"{k}={show(v)[:30]}" for k, v in _EDITS])
@pytest.mark.parametrize("base", BASES, ids=[b.label for b in BASES])
def test_named_edits_load_or_are_refused_with_places(
    base: Base, key: str, value: Any, tmp_path: Path
) -> None:
    tree = _edit_everywhere(base_tree(base), key, _resolve(value, f"case{base.suffix}"))
    text, suffix = serialise(tree, base.suffix)
    path = write_case(tmp_path, text, suffix)
    _assert_contract(run_case(path, kind=base.kind), base.label, [f"{key} edited"])


def test_empty_amounts_in_every_budget_line(tmp_path: Path) -> None:
    base = next(b for b in BASES if b.name.startswith("gavleborg-plan") and b.suffix == ".toml")
    tree = base_tree(base)
    for line in tree["budget"]["lines"]:
        line["amounts"] = []
    text, suffix = serialise(tree, ".toml")
    _assert_contract(run_case(write_case(tmp_path, text, suffix)), base.label, ["amounts = []"])


# -- out of bounds: refused, naming the place --------------------------------------------------


def _edited_file(
    folder: Path, suffix: str, edit: Callable[[Any], object], name: str = "gavleborg-plan-2020-2022"
) -> Path:
    """The bundled document `name` (the plan by default), edited, written as `suffix`."""
    base = next(b for b in BASES if b.name == name and b.suffix == suffix)
    tree = base_tree(base)
    edit(tree)
    text, written = serialise(tree, suffix)
    assert written == suffix
    return write_case(folder, text, suffix, stem="edited")


def _plan_file(folder: Path, suffix: str, edit: Callable[[Any], object]) -> Path:
    return _edited_file(folder, suffix, edit)


def _refusal(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        finsam.io.load(path)
    error = caught.value
    assert error.source == str(path)
    return error


def _paths(error: DataError) -> list[str]:
    return [problem.path for problem in error.problems]


def _placed(error: DataError, suffix: str, expected: str) -> None:
    """Refused at its place: the data path for JSON; for TOML, whose parser gives no tree
    when a number or the nesting is beyond it, the line and column of the text."""
    if suffix == ".json":
        assert _paths(error) == [expected], error.lines()
    else:
        assert [p.path for p in error.problems] == [""], error.lines()
        assert re.search(r"\(line \d+, column \d+\)", error.problems[0].message), error.lines()


SUFFIXES = pytest.mark.parametrize("suffix", [".toml", ".json"])
_AMOUNT_PLACE: TreePath = ("budget", "lines", 0, "amounts", 0)


@SUFFIXES
def test_amount_1e999999999_in_a_plan_budget_line_is_refused(tmp_path: Path, suffix: str) -> None:
    def edit(tree: Any) -> None:
        tree["budget"]["lines"][0]["amounts"][0] = Raw.same("1e999999999", "1e999999999")

    error = _refusal(_plan_file(tmp_path, suffix, edit))
    assert _paths(error) == ["budget.lines[0].amounts[0]"], error.lines()


@SUFFIXES
def test_year_10_to_the_33_is_refused(tmp_path: Path, suffix: str) -> None:
    def edit(tree: Any) -> None:
        tree["budget"]["years"][0] = 10**33

    error = _refusal(_plan_file(tmp_path, suffix, edit))
    assert _paths(error) == ["budget.years[0]"], error.lines()


@SUFFIXES
@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (("board", "stated_ledamoter"), "board.stated_ledamoter"),
        (("budget", "lines", 0, "amounts", 0), "budget.lines[0].amounts[0]"),
    ],
)
def test_integer_of_5000_digits_is_refused_at_its_place(
    tmp_path: Path, suffix: str, place: TreePath, expected: str
) -> None:
    error = _refusal(_plan_file(tmp_path, suffix, lambda tree: set_at(tree, place, digits(5000))))
    _placed(error, suffix, expected)


@pytest.mark.parametrize(
    "place",
    [("format",), ("board", "stated_ledamoter"), _AMOUNT_PLACE, ("budget", "years", 0)],
    ids=show_path,
)
def test_integer_of_5000_digits_in_plain_data_is_refused_at_its_place(place: TreePath) -> None:
    """Python data can hold what no file parser gives: `structure_report` refuses it too."""
    tree = base_tree(BY_LABEL["gavleborg-plan-2020-2022.json"])
    set_at(tree, place, 10**5000)
    with pytest.raises(DataError) as caught:
        finsam.io.structure_report(tree, source="plan")
    assert _paths(caught.value) == [show_path(place)], caught.value.lines()


@SUFFIXES
@pytest.mark.parametrize("nested", [deep_list, deep_table], ids=["list", "table"])
def test_nesting_600_deep_is_refused_at_its_place(
    tmp_path: Path, suffix: str, nested: Callable[[int], Raw]
) -> None:
    def edit(tree: Any) -> None:
        tree["board"]["stated_ledamoter"] = nested(600)

    error = _refusal(_plan_file(tmp_path, suffix, edit))
    if suffix == ".toml":
        _placed(error, suffix, "")
        return
    paths = _paths(error)
    assert paths
    assert all(path.startswith("board.stated_ledamoter") for path in paths), error.lines()


@SUFFIXES
def test_file_of_30_mb_is_refused_as_a_whole(tmp_path: Path, suffix: str) -> None:
    path = _plan_file(tmp_path, suffix, lambda tree: None)
    with path.open("r+b") as file:
        file.truncate(30_000_000)  # sparse: NUL bytes after the plan, written in no time
    error = _refusal(path)
    assert _paths(error) == [""], error.lines()


def test_fraction_with_a_huge_exponent_is_refused_before_computing_it() -> None:
    """``"1e999999999"`` as an exact fraction has a billion digits: refused, not computed.

    (With ``"1e999999"`` a library that computes first takes about a second and loads a
    number of a million digits; ``"1e999999999"`` would not finish.)
    """
    from finsam.funding import Contribution

    data = {"member": {"name": "Gävle kommun", "kind": "kommun"}, "amount": "1 kr"}
    for share in ("1e999999", "-1E+999999"):
        with pytest.raises(DataError) as caught:
            finsam.io.structure({**data, "share": share}, Contribution, source="split.json")
        assert _paths(caught.value) == ["share"], caught.value.lines()
        assert caught.value.source == "split.json"


# -- bounds at their edges ------------------------------------------------------------------------


_PLAN = "gavleborg-plan-2020-2022"
_AMOUNT = _AMOUNT_PLACE


@pytest.mark.parametrize(
    ("name", "place", "inside", "outside"),
    [
        (_PLAN, _AMOUNT, 10**15 - 1, 10**15),
        (_PLAN, _AMOUNT, -(10**15) + 1, -(10**15)),
        (_PLAN, _AMOUNT, Decimal("0.01"), Decimal("0.001")),
        ("gavleborg", ("funding", 0, "year"), 1900, 1899),
        ("gavleborg", ("funding", 0, "year"), 2200, 2201),
        (
            "gavleborg",
            ("charters", 0, "kommun_percentages", "Gävle kommun"),
            Decimal("36.6"),
            Decimal("1E+15"),
        ),
        (_PLAN, ("board", "stated_ledamoter"), 10**9 - 1, 10**9),
        (_PLAN, ("title",), "x" * 100_000, "x" * 100_001),
    ],
    ids=[
        "amount",
        "negative amount",
        "öre",
        "first year",
        "last year",
        "percentage",
        "count",
        "text",
    ],
)
def test_bounds_are_refused_just_outside_and_kept_just_inside(
    tmp_path: Path, name: str, place: TreePath, inside: Any, outside: Any
) -> None:
    path = _edited_file(tmp_path, ".toml", lambda tree: set_at(tree, place, inside), name)
    loaded = finsam.io.load(path)
    assert not [f for f in finsam.check(loaded) if f.code == "FS-INTERNAL"]
    path = _edited_file(tmp_path, ".toml", lambda tree: set_at(tree, place, outside), name)
    error = _refusal(path)
    assert _paths(error) == [show_path(place)], error.lines()


# -- the engine itself ---------------------------------------------------------------------------


@pytest.mark.parametrize("base", BASES, ids=[b.label for b in BASES])
def test_unmutated_bases_round_trip_through_the_engine(base: Base, tmp_path: Path) -> None:
    """The engine's writer changes nothing by itself: every base loads as it is."""
    text, suffix = serialise(base_tree(base), base.suffix)
    assert suffix == base.suffix
    outcome = run_case(write_case(tmp_path, text, suffix))
    assert outcome.loaded is not None, outcome.failures()
    assert not outcome.failures()


def test_engine_writes_what_the_writers_cannot() -> None:
    tree = {"a": digits(5000), "b": deep_list(3), "c": Decimal("NaN"), "d": Decimal("1E+999999999")}
    text, suffix = serialise(tree, ".json")
    assert suffix == ".json"
    assert '"a": ' + "9" * 5000 in text
    assert '"b": [[[]]]' in text
    assert '"c": NaN' in text
    assert '"d": 1E+999999999' in text
    text, suffix = serialise({**tree, "c": None}, ".toml")
    assert suffix == ".json"  # TOML has no null
