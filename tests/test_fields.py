"""The model's shared helpers (`finsam._fields`) agree with what they stand in for."""

from __future__ import annotations

import importlib
import pkgutil
import re
import typing
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import finsam
from finsam import Board, Member
from finsam._fields import Model, tuple_of, type_hints


def _attrs_classes() -> list[type[Any]]:
    """Every attrs class defined at the top level of a finsam module."""
    found: dict[str, type[Any]] = {}
    for module in pkgutil.walk_packages(finsam.__path__, "finsam."):
        if module.name == "finsam.__main__" or module.name.startswith(
            ("finsam._strategies", "finsam.strategies", "finsam.present")
        ):
            continue  # the command itself; modules that need hypothesis or pandas
        namespace = vars(importlib.import_module(module.name))
        for value in namespace.values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == module.name:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


CLASSES = _attrs_classes()


def test_the_model_has_many_attrs_classes() -> None:
    assert len(CLASSES) > 50


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
def test_type_hints_are_typing_s(cls: type[Any]) -> None:
    try:
        expected = typing.get_type_hints(cls)
    except NameError:  # names imported only for the type checker: nothing to compare
        pytest.skip("annotations name what only the type checker imports")
    found = type_hints(cls)
    assert found == expected
    assert {name: type(hint) for name, hint in found.items()} == {
        name: type(hint) for name, hint in expected.items()
    }


def test_a_name_from_the_class_namespace_takes_the_general_rule() -> None:
    @attrs.frozen
    class Outer:
        Inner = int
        value: Inner  # a name of the class, not of its module

    assert type_hints(Outer) == {"value": int}


def _same_fields(base: type[Any], **options: Any) -> type[Any]:
    @attrs.frozen(**options)
    class Sample(base):  # type: ignore[misc,valid-type]
        number: int
        text: str = "x"
        hidden: str = attrs.field(default="", repr=False)
        items: tuple[int, ...] = attrs.field(default=(), repr=lambda items: f"<{len(items)}>")

    return Sample


@given(
    st.integers(),
    st.text(max_size=20),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=3).map(tuple),
)
def test_the_shared_repr_writes_what_attrs_writes(
    number: int, text: str, hidden: str, items: tuple[int, ...]
) -> None:
    generated = _same_fields(object)
    shared = _same_fields(Model, repr=False)
    assert shared.__repr__ is Model.__repr__
    assert repr(shared(number, text, hidden, items)) == repr(generated(number, text, hidden, items))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
def test_no_class_has_a_repr_compiled_by_attrs(cls: type[Any]) -> None:
    # each would cost a compile at import (see `Model`): the shared one, or the class's own
    assert not cls.__repr__.__code__.co_filename.startswith("<attrs generated")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Member("A", "kommun", aliases="Gävle"), "aliases: expected a list of str"),
        (lambda: Member("A", "kommun", populations=[3]), "populations[0]: expected Population"),
        (
            lambda: Board(represented_jointly="Kommunerna"),
            "represented_jointly: expected a list of str",
        ),
    ],
)
def test_lists_of_texts_refuse_a_single_text(build: Any, message: str) -> None:
    # a str used to become a tuple of its letters
    with pytest.raises(TypeError, match=re.escape(message)):
        build()


@given(
    st.lists(st.integers() | st.booleans() | st.text(max_size=2), max_size=5),
    st.sampled_from([list, tuple, iter]),
)
def test_tuple_of_takes_exactly_items_of_its_kind(items: list[Any], container: Any) -> None:
    convert = tuple_of(int, "years")
    if all(type(item) is int for item in items):  # True is an int, but not a year
        assert convert(container(items)) == tuple(items)
    else:
        with pytest.raises(TypeError, match=r"^years\[\d+\]: expected int, got "):
            convert(container(items))


@pytest.mark.parametrize("values", ["ab", b"ab", 3, None])
def test_tuple_of_refuses_what_is_not_a_list(values: Any) -> None:
    with pytest.raises(TypeError, match=r"^names: expected a list of str, got "):
        tuple_of(str, "names")(values)
