"""Reference data bundled with finsam, encoded from real reports (see ``docs/datasets.md``).

Figures are kept exactly as the source documents print them, mistakes included: the
rule checks are meant to find those mistakes.

>>> from finsam import forbund_names, report_names
>>> forbund_names()
['gavleborg', 'mphla']
>>> report_names()
['gavleborg-2019-h1', 'gavleborg-plan-2020-2022', 'mphla-2016-jan-aug']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from finsam._i18n import _
from finsam.errors import MissingDataError, Problem
from finsam.io._read import decode, parse

__all__ = ["bundled_data", "forbund_names", "report_names"]

_FORBUND = "forbund"
_REPORTS = "reports"


def _data_dir(kind: str) -> Path:
    # The package's own files, next to this module (finsam is never imported from a zip).
    return Path(__file__).resolve().parent.parent / "data" / kind


@cache
def _names(kind: str) -> tuple[str, ...]:
    return tuple(
        sorted(
            entry.name.removesuffix(".toml")
            for entry in _data_dir(kind).iterdir()
            if entry.name.endswith(".toml")
        )
    )


def forbund_names() -> list[str]:
    """The names of the bundled förbund, sorted."""
    return list(_names(_FORBUND))


def report_names() -> list[str]:
    """The names of the bundled reports and plans, sorted."""
    return list(_names(_REPORTS))


def bundled_data(kind: str, name: str) -> tuple[Any, str]:
    """The plain data of a bundled förbund (``kind="forbund"``) or report, and its source.

    Raises:
        finsam.MissingDataError: for an unknown name, listing the names there are (also a
            `LookupError`).
    """
    names = _names(kind)
    if name not in names:
        what = {_FORBUND: _("förbund"), _REPORTS: _("report")}[kind]
        raise MissingDataError(
            [
                Problem(
                    "",
                    _("no bundled {what} {name!r}; choose one of {names}").format(
                        what=what, name=name[:60], names=", ".join(names)
                    ),
                )
            ]
        )
    source = f"finsam/data/{kind}/{name}.toml"
    text = decode(_data_dir(kind).joinpath(f"{name}.toml").read_bytes(), source)
    return parse(text, ".toml", source), source
