"""Reference data bundled with finsam, encoded from real reports (see ``docs/datasets.md``).

Figures are kept exactly as the source documents print them, mistakes included: the
rule checks are meant to find those mistakes.

>>> forbund_names()
['gavleborg', 'mphla']
>>> load_forbund("mphla").org_number
OrgNumber('222000-2071')
>>> report_names()
['gavleborg-2019-h1', 'gavleborg-plan-2020-2022', 'mphla-2016-jan-aug']
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

from finsam.forbund import Forbund
from finsam.io import DataError, structure, structure_report

if TYPE_CHECKING:
    from finsam.reports import AnnualReport, InterimReport, Plan

__all__ = ["forbund_names", "load_forbund", "load_report", "report_names"]

_FORBUND = "forbund"
_REPORTS = "reports"


def _data_dir(kind: str) -> resources.abc.Traversable:
    return resources.files("finsam").joinpath("data", kind)


def _names(kind: str) -> list[str]:
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in _data_dir(kind).iterdir()
        if entry.name.endswith(".toml")
    )


def _read(kind: str, name: str) -> tuple[Any, str]:
    if name not in _names(kind):
        what = {_FORBUND: "förbund", _REPORTS: "report"}[kind]
        raise LookupError(f"no bundled {what} {name!r}; choose one of {_names(kind)}")
    source = f"finsam/data/{kind}/{name}.toml"
    text = _data_dir(kind).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    try:
        return tomllib.loads(text, parse_float=Decimal), source
    except tomllib.TOMLDecodeError as exc:
        raise DataError([f"not valid TOML: {exc}"], source) from None


def forbund_names() -> list[str]:
    """The names of the bundled förbund, sorted."""
    return _names(_FORBUND)


def load_forbund(name: str) -> Forbund:
    """A bundled förbund by name (``"gavleborg"``, ``"mphla"``).

    Raises:
        LookupError: for an unknown name, listing the names there are.
    """
    data, source = _read(_FORBUND, name)
    return structure(data, Forbund, source=source)


def report_names() -> list[str]:
    """The names of the bundled reports and plans, sorted."""
    return _names(_REPORTS)


def load_report(name: str) -> InterimReport | AnnualReport | Plan:
    """A bundled report or plan by name, e.g. ``"gavleborg-2019-h1"``.

    Raises:
        LookupError: for an unknown name, listing the names there are.
    """
    data, source = _read(_REPORTS, name)
    report: InterimReport | AnnualReport | Plan = structure_report(data, source=source)
    return report
