"""The model's shared helpers (`finsam._fields`) agree with what they stand in for."""

from __future__ import annotations

import importlib
import pkgutil
import typing
from typing import Any

import attrs
import pytest

import finsam
from finsam._fields import type_hints


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
