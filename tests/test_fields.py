"""The model's shared helpers (`finsam._fields`) agree with what they stand in for."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import types
import typing
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import finsam
from finsam import Amount, Board, Member
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
def test_type_hints_agree_with_typing(cls: type[Any]) -> None:
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
        note: str = attrs.field(default="", eq=False)  # not compared, not hashed

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


_SAMPLE_VALUES = st.tuples(
    st.integers(-2, 2),
    st.sampled_from(["x", "y"]),
    st.sampled_from(["", "h"]),
    st.lists(st.integers(0, 1), max_size=2).map(tuple),
    st.sampled_from(["", "n"]),
)


@given(_SAMPLE_VALUES, _SAMPLE_VALUES)
def test_the_shared_equality_and_hash_agree_with_attrs(
    first: tuple[Any, ...], second: tuple[Any, ...]
) -> None:
    generated = _same_fields(object)
    shared = _same_fields(Model, repr=False, eq=False)
    assert (shared.__eq__, shared.__hash__) == (Model.__eq__, Model.__hash__)
    equal = generated(*first) == generated(*second)
    assert (shared(*first) == shared(*second)) is equal
    assert (shared(*first) != shared(*second)) is not equal
    if equal:
        assert hash(shared(*first)) == hash(shared(*second))
    other = _same_fields(Model, repr=False, eq=False)  # same fields, another class
    assert shared(*first) != other(*first)
    assert shared(*first).__eq__(first) is NotImplemented


def test_an_object_holding_a_nan_equals_itself_as_the_model_documents() -> None:
    from decimal import Decimal

    from finsam.reports import StatedFigure

    figure = StatedFigure("k", Decimal("NaN"), "%")
    assert figure == figure  # the documented difference from attrs's equality
    assert figure != StatedFigure("k", Decimal("NaN"), "%")  # two NaNs are not one value


# attrs's own equality stays where a class needs more than equality from attrs
_OWN_EQUALITY = {
    "Amount": "its own: amounts compare with each other and with zero",
    "Member": "a cached hash: members key the checks' lookups",
    "OrgNumber": "ordered",
    "Period": "ordered",
    "_Row": "a workbook's mutable row, unhashable",
}


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
def test_every_other_class_shares_the_models_equality(cls: type[Any]) -> None:
    # each compiled __eq__ and __hash__ would cost a compile at import (see `Model`)
    if cls.__name__ in _OWN_EQUALITY:
        pytest.skip(_OWN_EQUALITY[cls.__name__])
    assert cls.__eq__ is Model.__eq__
    assert cls.__hash__ is Model.__hash__


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
def test_no_class_has_a_repr_compiled_by_attrs(cls: type[Any]) -> None:
    # each would cost a compile at import (see `Model`): the shared one, or the class's own
    if cls.__name__ == "_Row":
        pytest.skip("a workbook's mutable row keeps attrs's repr, guarded against cycles")
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


_SOURCE = """
from __future__ import annotations
from typing import Annotated
import attrs
from finsam import Amount

class A:
    pass

@attrs.frozen
class B:
    a: A
    quoted: "Amount"
    inside: tuple["Amount", ...]
    annotated: Annotated[int, "a count"]
"""


def _module(name: str) -> Any:
    """A module made from `_SOURCE` under `name`, as an import (or a reload) would make it."""
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(compile(_SOURCE, f"<{name}>", "exec"), vars(module))
    return module


def test_type_hints_of_other_classes_are_typing_s() -> None:
    # users' classes may quote names or annotate: the general rule resolves those
    module = _module("finsam_test_hints")
    try:
        assert type_hints(module.B) == typing.get_type_hints(module.B)
        assert type_hints(module.B)["annotated"] is int
        assert type_hints(module.B)["inside"] == tuple[Amount, ...]
    finally:
        del sys.modules["finsam_test_hints"]


def test_type_hints_follow_a_reloaded_module() -> None:
    first = _module("finsam_test_reload")
    try:
        assert type_hints(first.B)["a"] is first.A
        second = _module("finsam_test_reload")  # what importlib.reload leaves
        assert type_hints(second.B)["a"] is second.A
    finally:
        del sys.modules["finsam_test_reload"]


def test_type_hints_of_a_class_whose_module_is_gone() -> None:
    @attrs.frozen
    class Orphan:
        count: int

    Orphan.__module__ = "finsam_nowhere"
    assert type_hints(Orphan) == {"count": int}
