"""Doctests in the package, the docs and the README see the public API by name."""

from typing import Any

import pytest

import finsam


@pytest.fixture(autouse=True)
def _finsam_namespace(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace.update({name: getattr(finsam, name) for name in finsam.__all__})
    doctest_namespace["finsam"] = finsam
