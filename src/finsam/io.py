"""Loading and dumping finsam objects as TOML and JSON, with precise error paths.

Files hold plain data: amounts as Swedish-notation strings ("13 319 000 kr", "1 243 tkr")
or whole kronor as integers, dates in ISO form, percentages as exact decimals. Loading
collects every error in a file and raises one `DataError` that names each place
(``members[3].kind: 'kommunn' is not a valid MemberKind``); nothing half-built escapes.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from finsam.forbund import Forbund, OrgNumber, SharePairs
from finsam.goals import register_indicator_union
from finsam.money import Amount, parse_number
from finsam.period import Period, parse_date

__all__ = [
    "DataError",
    "converter",
    "dump_json",
    "dump_report",
    "dump_toml",
    "load",
    "load_report",
    "structure",
    "structure_report",
]

T = TypeVar("T")


class DataError(ValueError):
    """Input that cannot be read as the requested type: every problem, with its place.

    Attributes:
        errors: One line per problem, ``path: what is wrong``.
        source: The file (or other source) the data came from, if known.
    """

    def __init__(self, errors: list[str], source: str | None = None) -> None:
        self.errors = tuple(errors)
        self.source = source
        where = f"{source}: " if source else ""
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        super().__init__(f"{where}{count}\n" + "\n".join(f"  {e}" for e in errors))


def _describe(value: Any) -> str:
    return f"{value!r} ({type(value).__name__})"


def _strict(kind: type[T], accept: tuple[type, ...]) -> Callable[[Any, Any], T]:
    """A hook that accepts only the given types: no silent int('3') or int(3.7)."""

    def hook(value: Any, _type: Any) -> T:
        if (isinstance(value, bool) and bool not in accept) or not isinstance(value, accept):
            raise TypeError(f"expected {kind.__name__}, got {_describe(value)}")
        return kind(value)  # type: ignore[call-arg]

    return hook


def _structure_amount(value: Any, _type: Any) -> Amount:
    if isinstance(value, str):
        return Amount.parse(value)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(
            f"expected an amount such as '13 319 000 kr' or whole kronor, got {_describe(value)}"
        )
    return Amount.from_kr(value)


def _structure_date(value: Any, _type: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError(f"expected a date, got the date and time {value.isoformat()!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise TypeError(f"expected a date (YYYY-MM-DD), got {_describe(value)}")


def _plain_decimal(value: Decimal) -> str:
    """A decimal without exponent notation ("1000", not "1E+3"), so files read it back."""
    return format(value, "f")


def _structure_decimal(value: Any, _type: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        return parse_number(value)
    raise TypeError(f"expected an exact decimal number, got {_describe(value)}")


def _blank_is_none(structure: Callable[[Any, Any], T]) -> Callable[[Any, Any], T | None]:
    """TOML has no null: an empty string stands for a blank cell."""

    def hook(value: Any, type_: Any) -> T | None:
        return None if value is None or value == "" else structure(value, type_)

    return hook


def _structure_forbund(conv: cattrs.Converter) -> Callable[[Any, Any], Forbund]:
    """A förbund written out in full, or the name of a bundled one ("gavleborg")."""
    from_dict = make_dict_structure_fn(Forbund, conv)

    def hook(value: Any, type_: Any) -> Forbund:
        if isinstance(value, str):
            from finsam.datasets import load_forbund

            return load_forbund(value)
        return from_dict(value, type_)

    return hook


def _structure_fraction(value: Any, _type: Any) -> Fraction:
    if isinstance(value, int | str | Decimal) and not isinstance(value, bool):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{value!r} is not a fraction such as '1/4'") from None
    raise TypeError(f"expected a fraction such as '1/4', got {_describe(value)}")


def _structure_share_pairs(value: Any, _type: Any) -> SharePairs:
    if not isinstance(value, dict):
        raise TypeError(f"expected a table of name = percentage, got {_describe(value)}")
    return tuple((str(name), _structure_decimal(share, Decimal)) for name, share in value.items())


def _structure_period(value: Any, _type: Any) -> Period:
    if isinstance(value, str):
        return Period.parse(value)
    if isinstance(value, dict) and set(value) == {"start", "end"}:
        return Period(_structure_date(value["start"], None), _structure_date(value["end"], None))
    raise TypeError(f"expected a period such as '2019-01-01 – 2019-06-30', got {_describe(value)}")


def _structure_enum(value: Any, enum_type: type[Enum]) -> Enum:
    try:
        return enum_type(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in enum_type)
        raise ValueError(f"{value!r} is not one of {allowed}") from None


def make_converter() -> cattrs.Converter:
    """A cattrs converter that knows finsam's value types and refuses silent coercion."""
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_structure_hook(int, _strict(int, (int,)))
    conv.register_structure_hook(str, _strict(str, (str,)))
    conv.register_structure_hook(bool, _strict(bool, (bool,)))
    conv.register_structure_hook(Amount, _structure_amount)
    conv.register_unstructure_hook(Amount, Amount.plain)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook_func(
        lambda t: t == Decimal | None, _blank_is_none(_structure_decimal)
    )
    conv.register_structure_hook_func(
        lambda t: t == Amount | None, _blank_is_none(_structure_amount)
    )
    conv.register_unstructure_hook(Decimal, _plain_decimal)
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook(Fraction, str)
    conv.register_structure_hook(OrgNumber, lambda v, _t: OrgNumber(_strict(str, (str,))(v, str)))
    conv.register_unstructure_hook(OrgNumber, str)
    conv.register_structure_hook(Period, _structure_period)
    conv.register_unstructure_hook(Period, str)
    conv.register_structure_hook_func(lambda t: t == SharePairs, _structure_share_pairs)
    conv.register_unstructure_hook_func(
        lambda t: t == SharePairs,
        lambda pairs: {name: _plain_decimal(share) for name, share in pairs},
    )
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Enum), _structure_enum
    )
    conv.register_structure_hook(Forbund, _structure_forbund(conv))
    register_indicator_union(conv)
    return conv


converter = make_converter()


def _error_lines(exc: BaseException, path: str) -> list[str]:
    """Flatten cattrs's nested validation errors into ``path: message`` lines."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            f"{path or '(top)'}: unknown key{'s' if len(exc.extra_fields) > 1 else ''} "
            f"{', '.join(sorted(map(repr, exc.extra_fields)))}"
        ]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        lines: list[str] = []
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            step = (
                f"[{note.index!r}]" if isinstance(note, IterableValidationNote) else f".{note.name}"
            )
            lines += _error_lines(inner, f"{path}{step}".lstrip("."))
        for inner in without:
            lines += _error_lines(inner, path)
        return lines
    if isinstance(exc, KeyError) and len(exc.args) == 1 and isinstance(exc.args[0], str):
        return [f"{path}.{exc.args[0]}".lstrip(".") + ": required but missing"]
    return [f"{path or '(top)'}: {exc}"]


def structure(data: Any, cls: type[T], *, source: str | None = None) -> T:
    """Build a `cls` from plain data (dicts, lists, strings), or raise one `DataError`.

    >>> structure({"count": "many", "as_of": "2015-06-31"}, Population)
    Traceback (most recent call last):
    ...
    finsam.io.DataError: 2 errors
      count: expected int, got 'many' (str)
      as_of: '2015-06-31' is not a valid date (day is out of range for month)
    """
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        raise DataError(_error_lines(exc, ""), source) from None
    except (ValueError, TypeError) as exc:
        raise DataError([f"(top): {exc}"], source) from None


def load(path: str | Path, cls: type[T]) -> T:
    """Load a `cls` from a ``.toml`` or ``.json`` file, chosen by the suffix.

    TOML floats and JSON decimals are read as exact `Decimal`; every error is collected.
    """
    path = Path(path)
    return structure(_read(path), cls, source=str(path))


def dump_json(obj: Any) -> str:
    """The object as JSON text, in the same shape `load` reads.

    >>> dump_json(Population(61_000, dt.date(2015, 6, 30)))
    '{\\n  "count": 61000,\\n  "as_of": "2015-06-30"\\n}'
    """
    return json.dumps(converter.unstructure(obj), ensure_ascii=False, indent=2)


def _toml_ready(data: Any) -> Any:
    """TOML has no null: drop None from tables and write blank list cells as ""."""
    if isinstance(data, dict):
        return {k: _toml_ready(v) for k, v in data.items() if v is not None}
    if isinstance(data, list | tuple):
        return ["" if v is None else _toml_ready(v) for v in data]
    return data


def dump_toml(obj: Any) -> str:
    """The object as TOML text, in the same shape `load` reads.

    >>> print(dump_toml(Population(61_000, dt.date(2015, 6, 30))))
    count = 61000
    as_of = "2015-06-30"
    <BLANKLINE>
    """
    import tomli_w

    return tomli_w.dumps(_toml_ready(converter.unstructure(obj)))


# -- reports: a file says which kind of document it holds ---------------------------------


def _report_types() -> dict[str, type[Any]]:
    from finsam.reports import AnnualReport, InterimReport, Plan

    return {"delårsrapport": InterimReport, "årsredovisning": AnnualReport, "verksamhetsplan": Plan}


def structure_report(data: Any, *, source: str | None = None) -> Any:
    """Build an interim report, annual report or plan from plain data with a ``type`` key."""
    types = _report_types()
    if not isinstance(data, dict) or data.get("type") not in types:
        kind = data.get("type") if isinstance(data, dict) else None
        raise DataError([f"type: {kind!r} is not one of {', '.join(map(repr, types))}"], source)
    cls = types[data["type"]]
    return structure({k: v for k, v in data.items() if k != "type"}, cls, source=source)


def report_data(report: Any) -> dict[str, Any]:
    """Plain data for a report, with its ``type`` key first."""
    kind = next(k for k, cls in _report_types().items() if type(report) is cls)
    return {"type": kind, **converter.unstructure(report)}


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            return tomllib.loads(text, parse_float=Decimal)
        if suffix == ".json":
            return json.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise DataError([f"not valid {suffix[1:].upper()}: {exc}"], str(path)) from None
    raise DataError([f"unknown file type {suffix!r}; use .toml or .json"], str(path))


def load_report(path: str | Path) -> Any:
    """Load an interim report, annual report or plan from a ``.toml`` or ``.json`` file."""
    path = Path(path)
    return structure_report(_read(path), source=str(path))


def dump_report(report: Any, path: str | Path) -> None:
    """Write a report to ``.toml`` or ``.json``; written whole or not at all."""
    path = Path(path)
    data = report_data(report)
    if path.suffix.lower() == ".toml":
        import tomli_w

        text = tomli_w.dumps(_toml_ready(data))
    elif path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2)
    else:
        raise ValueError(f"{path}: unknown file type; use .toml or .json")
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)  # atomic: no half-written file
