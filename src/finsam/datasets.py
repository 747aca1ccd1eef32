"""Reference data bundled with finsam, encoded from real reports (see ``docs/datasets.md``).

Figures are kept exactly as the source documents print them, mistakes included: the
rule checks are meant to find those mistakes.

>>> forbund_names()
['gavleborg', 'mphla']
>>> load_forbund("mphla").org_number
OrgNumber('222000-2071')
"""

from __future__ import annotations

from importlib import resources

from finsam.forbund import Forbund
from finsam.io import DataError, structure

__all__ = ["forbund_names", "load_forbund"]

_FORBUND = "forbund"


def _data_dir(kind: str) -> resources.abc.Traversable:
    return resources.files("finsam").joinpath("data", kind)


def forbund_names() -> list[str]:
    """The names of the bundled förbund, sorted."""
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in _data_dir(_FORBUND).iterdir()
        if entry.name.endswith(".toml")
    )


def load_forbund(name: str) -> Forbund:
    """A bundled förbund by name (``"gavleborg"``, ``"mphla"``).

    Raises:
        LookupError: for an unknown name, listing the names there are.
    """
    import tomllib
    from decimal import Decimal

    if name not in forbund_names():
        raise LookupError(f"no bundled förbund {name!r}; choose one of {forbund_names()}")
    entry = _data_dir(_FORBUND).joinpath(f"{name}.toml")
    try:
        data = tomllib.loads(entry.read_text(encoding="utf-8"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([f"not valid TOML: {exc}"], f"finsam/data/{_FORBUND}/{name}.toml") from None
    return structure(data, Forbund, source=f"finsam/data/{_FORBUND}/{name}.toml")
