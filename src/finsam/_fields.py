"""Converters and small helpers shared by the model's attrs classes."""

from __future__ import annotations

import inspect
import sys
import typing
from collections.abc import Callable, Hashable, Iterable
from functools import cache, lru_cache
from operator import attrgetter
from types import CodeType
from typing import Any, Final, Generic, ParamSpec, TypeVar, cast

import attrs

__all__ = ["Model", "ShortTextCache", "escape_html", "tuple_of", "type_hints"]


class Model:
    """The base of the model's attrs classes: one ``__repr__``, ``__eq__`` and ``__hash__``.

    attrs compiles these methods for every class it builds, and compiling is most of the cost
    of building one: for finsam's classes, the reprs took some 7 ms of every cold ``finsam``
    command, and equality and hash some 5 ms more. The classes say ``repr=False, eq=False``
    and inherit these, which do what attrs's do:

    - the repr is the class name and each field shown in a repr, as ``name=repr(value)``;
    - two objects are equal when they are of the same class and their fields compared for
      equality (``eq=True``, the default) are equal, field by field in order;
    - the hash is that of the class and those fields, so equal objects hash alike.

    They differ from attrs's in one way: the fields are compared as tuples, in which a value
    is equal to itself. So an object holding a NaN (which no loader accepts, but a
    constructor called directly may) equals itself, where attrs's would say it does not.

    The repr has no guard against an object that contains itself: the model's objects are
    frozen, built from their parts, and cannot.

    >>> import datetime
    >>> from finsam import Population
    >>> day = datetime.date(2015, 6, 30)
    >>> Population(1000, day)
    Population(count=1000, as_of=datetime.date(2015, 6, 30))
    >>> a, b, c = Population(1000, day), Population(1000, day), Population(999, day)
    >>> a == b, a == c, len({a, b, c})
    (True, False, 2)
    """

    __slots__ = ()

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{field.name}={_shown(field.repr, getattr(self, field.name, attrs.NOTHING))}"
            for field in attrs.fields(cast(Any, type(self)))
            if field.repr
        )
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = _compared(cast(Hashable, self.__class__))
        return compared(self) == compared(other)

    def __hash__(self) -> int:
        return hash((self.__class__, _compared(cast(Hashable, self.__class__))(self)))


@cache
def _compared(cls: Any) -> Callable[[Any], tuple[Any, ...]]:
    """The values of `cls`'s fields that equality compares, as one tuple, in field order."""
    names = [field.name for field in attrs.fields(cls) if field.eq]
    if len(names) >= 2:
        return cast(Callable[[Any], tuple[Any, ...]], attrgetter(*names))
    return lambda obj: tuple(getattr(obj, name) for name in names)


def _shown(how: bool | Callable[[Any], str], value: Any) -> str:
    return how(value) if callable(how) else repr(value)


P = ParamSpec("P")
R = TypeVar("R")


class ShortTextCache(Generic[P, R]):
    """A function of texts, remembered for calls whose texts are short.

    A report repeats its few words and names many times ("Strukturövergripande", "Gävle
    kommun"), so each is worked out once per process. A file may hold texts of 100 000
    characters: those are worked out on every call and never kept, so that the cache stays
    small (4 096 calls of at most `LONGEST` characters each).

    >>> from finsam._fields import ShortTextCache
    >>> @ShortTextCache
    ... def shout(text: str) -> str:
    ...     return text.upper()
    >>> shout("gävle"), shout("x" * 201) == "X" * 201, shout.remembered.cache_info().currsize
    ('GÄVLE', True, 1)
    """

    LONGEST: Final = 200

    def __init__(self, function: Callable[P, R]) -> None:
        self.function = function
        self.remembered = lru_cache(maxsize=4096)(function)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs:
            return self.function(*args, **kwargs)
        for arg in args:  # a loop, not any(): the checks call this thousands of times
            if isinstance(arg, str) and len(arg) > self.LONGEST:
                return self.function(*args, **kwargs)
        return self.remembered(*args)


def type_hints(cls: type[Any]) -> dict[str, Any]:
    """`typing.get_type_hints` of a class, evaluated once per process.

    The model's annotations are strings (``from __future__ import annotations``); reading and
    writing files and one check all need them resolved.

    >>> from finsam import Period
    >>> from finsam._fields import type_hints
    >>> type_hints(Period)["start"]
    <class 'datetime.date'>
    """
    return _type_hints(cast(Hashable, cls))


@cache
def _type_hints(cls: Any) -> dict[str, Any]:
    hints = {}
    for base in reversed(cls.__mro__):
        module = sys.modules.get(base.__module__)
        for name, annotation in inspect.get_annotations(base).items():
            if module is None or not _plain(annotation):
                return typing.get_type_hints(cls)
            try:
                hints[name] = eval(_compiled(annotation), vars(module))  # the class's source
            except NameError:  # a name only the class's own namespace has
                return typing.get_type_hints(cls)
    return hints


def _plain(annotation: Any) -> bool:
    """Whether an annotation is a text that evaluates to its type as `typing` gives it:
    no quoted names inside (forward references), no `Annotated` to strip, not None."""
    return (
        isinstance(annotation, str)
        and annotation != "None"
        and not any(mark in annotation for mark in ("'", '"', "Annotated"))
    )


@cache
def _compiled(annotation: str) -> CodeType:
    """An annotation's text compiled once: the model repeats 90 texts (``Amount | None``) in
    some 370 annotations, and `typing.get_type_hints` compiles each of them (4–5 ms for the
    model's 58 classes in a fresh process, against 2.3–2.6 ms this way)."""
    return compile(annotation, "<annotation>", "eval")


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

    Built once per kind and name: the model's converters ask for it on every call.

    >>> from finsam._fields import tuple_of
    >>> tuple_of(int, "years")([2019, 2020])
    (2019, 2020)
    >>> tuple_of(int, "years")([2019, "2020"])
    Traceback (most recent call last):
    ...
    TypeError: years[1]: expected int, got str
    """
    return _tuple_of(cast(Hashable, kind), what)


@cache
def _tuple_of(
    kind: type[Any] | tuple[type[Any], ...], what: str
) -> Callable[[Iterable[Any]], tuple[Any, ...]]:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = " or ".join(k.__name__ for k in kinds)
    refuse_bool = bool not in kinds  # True is an int, but not a count

    def convert(values: Iterable[Any]) -> tuple[Any, ...]:
        if type(values) not in (tuple, list) and (  # the usual two skip the ABC check
            isinstance(values, str | bytes) or not isinstance(values, Iterable)
        ):
            raise TypeError(f"{what}: expected a list of {names}, got {type(values).__name__}")
        result = tuple(values)
        for index, value in enumerate(result):
            if not isinstance(value, kind) or (refuse_bool and type(value) is bool):
                raise TypeError(f"{what}[{index}]: expected {names}, got {type(value).__name__}")
        return result

    return convert
