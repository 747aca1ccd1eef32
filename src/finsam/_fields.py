"""Converters and small helpers shared by the model's attrs classes."""

from __future__ import annotations

import typing
from collections.abc import Callable, Hashable, Iterable
from functools import cache
from typing import Any, cast

__all__ = ["escape_html", "tuple_of", "type_hints"]


def type_hints(cls: type[Any]) -> dict[str, Any]:
    """`typing.get_type_hints` of a class, evaluated once per process.

    The model's annotations are strings (``from __future__ import annotations``); reading and
    writing files and one check all need them resolved, and resolving costs a compile per
    annotation.

    >>> from finsam import Period
    >>> from finsam._fields import type_hints
    >>> type_hints(Period)["start"]
    <class 'datetime.date'>
    """
    return _type_hints(cast(Hashable, cls))


@cache
def _type_hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def escape_html(text: str) -> str:
    """`html.escape`, imported when a notebook first asks for a table (not by ``import finsam``).

    >>> from finsam._fields import escape_html
    >>> escape_html("<Kommunerna & regionen>")
    '&lt;Kommunerna &amp; regionen&gt;'
    """
    from html import escape

    return escape(text)


def tuple_of(
    kind: type[Any] | tuple[type[Any], ...], what: str
) -> Callable[[Iterable[Any]], tuple[Any, ...]]:
    """A converter to a tuple whose items must all be `kind` (the field named `what`).

    >>> from finsam._fields import tuple_of
    >>> tuple_of(int, "years")([2019, 2020])
    (2019, 2020)
    >>> tuple_of(int, "years")([2019, "2020"])
    Traceback (most recent call last):
    ...
    TypeError: years[1]: expected int, got str
    """
    names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))

    def convert(values: Iterable[Any]) -> tuple[Any, ...]:
        if isinstance(values, str | bytes) or not isinstance(values, Iterable):
            raise TypeError(f"{what}: expected a list of {names}, got {type(values).__name__}")
        result = tuple(values)
        for index, value in enumerate(result):
            if not isinstance(value, kind) or (
                isinstance(value, bool)
                and bool not in (kind if isinstance(kind, tuple) else (kind,))
            ):
                raise TypeError(f"{what}[{index}]: expected {names}, got {type(value).__name__}")
        return result

    return convert
