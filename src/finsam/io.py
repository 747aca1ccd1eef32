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

from finsam.forbund import OrgNumber, SharePairs
from finsam.money import Amount
from finsam.period import Period, parse_date

__all__ = ["DataError", "converter", "dump_json", "load", "load_json", "load_toml", "structure"]

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


def _structure_decimal(value: Any, _type: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace(",", "."))
        except ArithmeticError:
            raise ValueError(f"{value!r} is not a decimal number") from None
    raise TypeError(f"expected an exact decimal number, got {_describe(value)}")


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
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook(Fraction, str)
    conv.register_structure_hook(OrgNumber, lambda v, _t: OrgNumber(_strict(str, (str,))(v, str)))
    conv.register_unstructure_hook(OrgNumber, str)
    conv.register_structure_hook(Period, _structure_period)
    conv.register_unstructure_hook(Period, str)
    conv.register_structure_hook_func(lambda t: t == SharePairs, _structure_share_pairs)
    conv.register_unstructure_hook_func(
        lambda t: t == SharePairs, lambda pairs: {name: str(share) for name, share in pairs}
    )
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Enum), _structure_enum
    )
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


def load_toml(path: str | Path, cls: type[T]) -> T:
    """Load a `cls` from a TOML file; TOML floats are read as exact decimals."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([f"not valid TOML: {exc}"], str(path)) from None
    return structure(data, cls, source=str(path))


def load_json(path: str | Path, cls: type[T]) -> T:
    """Load a `cls` from a JSON file; JSON numbers with decimals are read as exact decimals."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DataError([f"not valid JSON: {exc}"], str(path)) from None
    return structure(data, cls, source=str(path))


def load(path: str | Path, cls: type[T]) -> T:
    """Load a `cls` from a ``.toml`` or ``.json`` file, chosen by the file's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix == ".toml":
        return load_toml(path, cls)
    if suffix == ".json":
        return load_json(path, cls)
    raise DataError([f"unknown file type {suffix!r}; use .toml or .json"], str(path))


def dump_json(obj: Any) -> str:
    """The object as JSON text, in the same shape `load_json` reads.

    >>> dump_json(Population(61_000, dt.date(2015, 6, 30)))
    '{\\n  "count": 61000,\\n  "as_of": "2015-06-30"\\n}'
    """
    return json.dumps(converter.unstructure(obj), ensure_ascii=False, indent=2)
