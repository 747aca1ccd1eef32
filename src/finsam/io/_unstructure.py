"""finsam objects into plain data (tables, lists, texts) in the shape the readers read.

Fields left at their default are not written, so files stay as short as the documents
they encode. Printed texts (`finsam.printed`) are written back in place of their values,
so a document loaded and saved keeps what it printed.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal

import attrs

from finsam._fields import type_hints
from finsam.forbund import OrgNumber
from finsam.money import Amount
from finsam.period import Period

__all__ = ["plain_decimal", "unstructure"]

_MISSING: Final = object()


def plain_decimal(value: Decimal) -> str:
    """A decimal without exponent notation ("1000", not "1E+3"), so files read it back."""
    return format(value, "f")


def _leaf(value: Any) -> Any:
    kind = type(value)
    if kind in (str, int, bool) or value is None:
        return value
    if kind is dt.date:
        return value.isoformat()
    if kind is Amount:
        return value.plain()
    if kind is Decimal:
        return plain_decimal(value)
    if kind in (Fraction, Period, OrgNumber):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        if (
            value
            and all(isinstance(v, tuple) and len(v) == 2 for v in value)
            and all(isinstance(v[0], str) and isinstance(v[1], Decimal) for v in value)
        ):
            return {name: plain_decimal(share) for name, share in value}  # named shares
        return [unstructure(v) for v in value]
    if attrs.has(kind):
        return _class_writer(kind)(value)
    raise TypeError(f"finsam.io cannot write values of type {kind.__name__}")


@functools.cache
def _class_writer(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    """A function writing instances of `cls`, built once per class."""
    has_printed = any(f.name == "printed" for f in attrs.fields(cls))
    hints = type_hints(cls)
    columns: list[tuple[str, Any]] = []  # (field name, default or _MISSING: always written)
    for field in attrs.fields(cls):
        if not field.init or field.name == "printed" or field.metadata.get("io") is False:
            continue
        default = field.default
        if typing.get_origin(hints[field.name]) is Literal:
            default = _MISSING  # a tag (an indicator's kind) is always written
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        elif default is attrs.NOTHING:
            default = _MISSING
        columns.append((field.name, default))

    def write(obj: Any) -> dict[str, Any]:
        printed = dict(obj.printed.texts) if has_printed else {}
        data: dict[str, Any] = {}
        for name, default in columns:
            if name in printed:
                data[name] = printed[name]
                continue
            value = getattr(obj, name)
            if default is not _MISSING and _same(value, default):
                continue
            if printed and isinstance(value, tuple):
                # an item that could not be read is None, its printed text kept under name[i]
                data[name] = [
                    printed.get(f"{name}[{index}]") if item is None else _leaf(item)
                    for index, item in enumerate(value)
                ]
            else:
                data[name] = _leaf(value)
        return data

    return write


def _same(value: Any, default: Any) -> bool:
    try:
        return type(value) is type(default) and bool(value == default)
    except TypeError:
        return False


def unstructure(obj: Any) -> Any:
    """`obj` as plain data ready for JSON: tables (dicts), lists, texts, ints, bools, None.

    Dates are ISO texts, amounts Swedish-notation texts, decimals and fractions texts.
    """
    return _leaf(obj)
