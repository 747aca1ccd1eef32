"""Reading and writing finsam's documents: TOML and JSON files, bundled data, exact errors.

Files hold plain data: amounts in Swedish notation ("13 319 000 kr", "1 243 tkr") or whole
kronor, dates in ISO form, percentages as exact decimals, printed texts as printed.
Loading collects every problem in a file and raises one `finsam.DataError` that names the
file and each place (``members[3].kind: 'kommunn' is not one of ...``); nothing
half-built escapes, and no other exception comes out for any data.

A report or förbund is named either by the name of a bundled dataset (``"gavleborg"``,
``"gavleborg-2019-h1"``) or by a path: anything ending in ``.toml`` or ``.json``, or with a
folder in it, is a path.

>>> from finsam import load_report
>>> report = load_report("gavleborg-2019-h1")
>>> type(report).__name__, report.forbund.name
('InterimReport', 'Samordningsförbund Gävleborg')
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

from finsam._i18n import _, using_language
from finsam.errors import DataError, MissingDataError, Problem
from finsam.forbund import Forbund
from finsam.io import _structure
from finsam.io._read import FORMATS, read_file
from finsam.io._structure import Invalid, register_reader
from finsam.io.datasets import bundled_data, forbund_names, report_names

if TYPE_CHECKING:
    from finsam.reports import AnnualReport, InterimReport, Plan

__all__ = [
    "FORMAT",
    "DataError",
    "MissingDataError",
    "Problem",
    "dump_json",
    "dump_report",
    "dump_toml",
    "forbund_names",
    "load",
    "load_forbund",
    "load_report",
    "report_data",
    "report_names",
    "save",
    "structure",
    "structure_report",
    "unstructure",
]

T = TypeVar("T")
R = TypeVar("R", "InterimReport", "AnnualReport", "Plan")

#: The version of the file format finsam writes. Files without a ``format`` key are
#: version 1 (finsam 0.1); every version up to this one is read.
FORMAT: Final = 2

# -- what a name means -------------------------------------------------------------------------


def is_path(source: str | os.PathLike[str]) -> bool:
    """Whether `source` names a file rather than a bundled dataset.

    >>> from finsam.io import is_path
    >>> is_path("gavleborg"), is_path("reports/h1.toml"), is_path("h1.json")
    (False, True, True)
    """
    if not isinstance(source, str):
        return True
    return Path(source).suffix.lower() in (*FORMATS, ".xlsx") or any(
        sep in source for sep in ("/", os.sep)
    )


def _checked_source(source: object) -> str | Path:
    if isinstance(source, str | os.PathLike):
        return source if isinstance(source, str) else Path(source)
    raise TypeError(
        f"expected a bundled name or a path (str or pathlib.Path), got {type(source).__name__}"
    )


# -- versions ------------------------------------------------------------------------------------


def _current(data: Any, source: str | None) -> Any:
    """`data` in the current format: the version checked and older versions migrated."""
    if not isinstance(data, dict):
        return data
    version = data.get("format", 1)
    if isinstance(version, bool) or not isinstance(version, int) or not version >= 1:
        raise DataError([Problem("format", _("expected a format version such as 2"))], source)
    if version > FORMAT:
        raise DataError(
            [
                Problem(
                    "format",
                    _(
                        "written by a newer finsam (format {version}); this one reads up to {known}"
                    ).format(version=version if version < 10**6 else "…", known=FORMAT),
                )
            ],
            source,
        )
    # Format 2 only added to format 1 (printed texts, optional fields): nothing to migrate.
    return {k: v for k, v in data.items() if k != "format"}


def structure(data: Any, cls: type[T], *, source: str | None = None) -> T:
    """Build a `cls` from plain data (tables, lists, texts, numbers), or raise one `DataError`.

    Data of a whole document may carry its ``format`` version, as the writers put it.

    >>> from finsam import Population
    >>> from finsam.io import structure
    >>> structure({"count": "many", "as_of": "2015-06-31"}, Population)
    Traceback (most recent call last):
    ...
    finsam.errors.DataError: count: ska vara ett heltal, men är texten 'many'
    as_of: '2015-06-31' är inget datum: dagen finns inte, eller så är det inte skrivet ÅÅÅÅ-MM-DD
    """
    return _structure.structure(_current(data, source), cls, source=source)


# -- förbund references inside reports ----------------------------------------------------------


def _read_forbund_reference(value: Any) -> Forbund:
    """A förbund written out in full, the name of a bundled one, or a file next to the report."""
    if not isinstance(value, str):
        return _structure.class_reader(Forbund)(value)  # type: ignore[no-any-return]
    context = _structure._context.get()
    try:
        if is_path(value):
            return _forbund_file(value, context.folder, context.allow_outside)
        return _bundled_forbund(value)
    except DataError as error:
        lines = [f"{error.source}: {p}" if error.source else str(p) for p in error.problems]
        raise Invalid.one("; ".join(lines)) from None


def _forbund_file(reference: str, folder: Path | None, allow_outside: bool) -> Forbund:
    base = folder or Path.cwd()
    path = (base / reference).resolve()
    if not allow_outside and not path.is_relative_to(base.resolve()):
        raise DataError(
            [
                Problem(
                    "",
                    _(
                        "{reference!r} lies outside the report's folder; "
                        "allow it explicitly (allow_outside=True)"
                    ).format(reference=reference),
                )
            ]
        )
    data = _current(read_file(path, str(path)), str(path))
    return _forbund_from(data, str(path), reference=reference)


@cache
def _bundled_forbund(name: str) -> Forbund:
    """A bundled förbund, read once per process: package data does not change, and a
    förbund is immutable."""
    data, source = bundled_data("forbund", name)
    return _forbund_from(_current(data, source), source, reference=name)


def _forbund_from(data: Any, source: str, *, reference: str) -> Forbund:
    """A förbund from data in the current format, remembering how the report named it."""
    forbund = structure(data, Forbund, source=source)
    return forbund.referred_to_as(reference)


register_reader(Forbund, _read_forbund_reference)


# -- reports -------------------------------------------------------------------------------------


def _report_types() -> dict[str, type[Any]]:
    from finsam.reports import AnnualReport, InterimReport, Plan

    return {"delårsrapport": InterimReport, "årsredovisning": AnnualReport, "verksamhetsplan": Plan}


def structure_report(
    data: Any, *, source: str | None = None
) -> InterimReport | AnnualReport | Plan:
    """Build an interim report, annual report or plan from plain data with a ``type`` key."""
    data = _current(data, source)
    types = _report_types()
    allowed = ", ".join(map(repr, types))
    if not isinstance(data, dict):
        raise DataError(
            [
                Problem(
                    "", _("expected a table, got {found}").format(found=_structure.describe(data))
                )
            ],
            source,
        )
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in types:
        if kind is None and "members" in data:
            message = _("this is a förbund, not a report (load it with load_forbund)")
        elif kind is None:
            message = _("required but missing; one of {allowed}").format(allowed=allowed)
        else:
            message = _("{value} is not one of {allowed}").format(
                value=_structure.describe(kind), allowed=allowed
            )
        raise DataError([Problem("type", message)], source)
    body = {k: v for k, v in data.items() if k != "type"}
    report: InterimReport | AnnualReport | Plan = structure(body, types[kind], source=source)
    return report


def report_data(report: Any) -> dict[str, Any]:
    """Plain data for a report, with its format and ``type`` keys first."""
    kind = next((k for k, cls in _report_types().items() if type(report) is cls), None)
    if kind is None:
        raise TypeError(f"expected a report or plan, got {type(report).__name__}")
    data = unstructure(report)
    forbund = report.forbund
    if forbund.referred_to is not None:
        data["forbund"] = forbund.referred_to
    return {"format": FORMAT, "type": kind, **data}


def forbund_data(forbund: Forbund) -> dict[str, Any]:
    """Plain data for a förbund file, with its format key first."""
    return {"format": FORMAT, **unstructure(forbund)}


# -- loading -------------------------------------------------------------------------------------


def _load_file(path: Path, *, allow_outside: bool) -> tuple[Any, str, _structure._Context]:
    source = str(path)
    data = _current(read_file(path, source), source)
    return data, source, _structure.structure_context(path.parent, allow_outside=allow_outside)


@overload
def load_report(
    source: str | os.PathLike[str],
    kind: None = None,
    *,
    allow_outside: bool = ...,
    lang: str | None = ...,
) -> InterimReport | AnnualReport | Plan: ...
@overload
def load_report(
    source: str | os.PathLike[str],
    kind: type[R],
    *,
    allow_outside: bool = ...,
    lang: str | None = ...,
) -> R: ...
def load_report(
    source: str | os.PathLike[str],
    kind: type[Any] | None = None,
    *,
    allow_outside: bool = False,
    lang: str | None = None,
) -> Any:
    """An interim report, annual report or plan: a bundled name or a ``.toml``/``.json`` file.

    Args:
        source: The name of a bundled report (see `report_names`) or a path.
        kind: The class expected (`InterimReport`, `AnnualReport`, `Plan`); a document of
            another kind is a `DataError`. With it, type checkers know the result's type.
        allow_outside: Let a report refer to a förbund file outside its own folder. Off by
            default: a checked upload must not read arbitrary files.
        lang: The language of error messages (``"sv"`` or ``"en"``).

    Raises:
        finsam.DataError: for anything wrong with the data, naming the file and the place.
        finsam.MissingDataError: for an unknown bundled name (also a `LookupError`).

    >>> from finsam import load_report
    >>> load_report("gavleborg-plan-2020-2022").title
    'Verksamhetsplan och budget 2020 – 2022'
    """
    source = _checked_source(source)
    with using_language(lang):
        if is_path(source):
            path = Path(source)
            if path.suffix.lower() == ".xlsx":
                from finsam.io.workbook import read_workbook

                report: Any = read_workbook(path)
            else:
                data, name, context = _load_file(path, allow_outside=allow_outside)
                token = _structure._context.set(context)
                try:
                    report = structure_report(data, source=name)
                finally:
                    _structure._context.reset(token)
        else:
            data, name = bundled_data("reports", str(source))
            report = structure_report(data, source=name)
        if kind is not None and not isinstance(report, kind):
            raise DataError(
                [
                    Problem(
                        "type",
                        _("expected a {kind}, the file holds a {found}").format(
                            kind=kind.__name__, found=type(report).__name__
                        ),
                    )
                ],
                str(source),
            )
        return report


def load_forbund(source: str | os.PathLike[str], *, lang: str | None = None) -> Forbund:
    """A förbund: the name of a bundled one (``"gavleborg"``, ``"mphla"``) or a file.

    >>> from finsam import load_forbund
    >>> load_forbund("mphla").org_number
    OrgNumber('222000-2071')
    """
    source = _checked_source(source)
    with using_language(lang):
        if is_path(source):
            path = Path(source)
            data = _current(read_file(path, str(path)), str(path))
            return structure(data, Forbund, source=str(path))
        return _bundled_forbund(str(source))


def load(
    source: str | os.PathLike[str], cls: type[T] | None = None, *, lang: str | None = None
) -> Any:
    """Load a document from a file (or a bundled name): a report, plan or förbund.

    With `cls`, the file must hold that class (any finsam class can be read this way);
    without it, the document says what it is (reports by their ``type`` key, förbund by
    their ``members``).
    """
    source = _checked_source(source)
    if cls is None:
        if not is_path(source) and str(source) in forbund_names():
            return load_forbund(source, lang=lang)
        path = Path(source)
        if not (is_path(source) and path.suffix.lower() in FORMATS):
            return load_report(source, lang=lang)
        with using_language(lang):
            # Read once: a file replaced between two reads must not be judged half by each.
            data, name, context = _load_file(path, allow_outside=False)
            if isinstance(data, dict) and "type" not in data and "members" in data:
                return structure(data, Forbund, source=name)
            token = _structure._context.set(context)
            try:
                return structure_report(data, source=name)
            finally:
                _structure._context.reset(token)
    with using_language(lang):
        path = Path(source)
        data = _current(read_file(path, str(path)), str(path))
        return structure(data, cls, source=str(path))


# -- writing -------------------------------------------------------------------------------------


def unstructure(obj: Any) -> Any:
    """Plain data (tables, lists, texts, numbers) of a finsam object, as the files hold it.

    >>> from finsam import Amount
    >>> from finsam.io import unstructure
    >>> unstructure(Amount.from_kr(1_664_875))
    '1 664 875 kr'
    """
    from finsam.io._unstructure import unstructure as plain  # writing only: not on import

    return plain(obj)


def _document_data(obj: Any) -> Any:
    if type(obj).__name__ in ("InterimReport", "AnnualReport", "Plan"):
        return report_data(obj)
    if isinstance(obj, Forbund):
        return forbund_data(obj)
    return unstructure(obj)


def _refuse_non_document(obj: Any) -> None:
    from finsam.reports import AnnualReport, InterimReport, Plan

    if not isinstance(obj, InterimReport | AnnualReport | Plan | Forbund):
        raise TypeError(
            f"save() writes a report, plan or förbund, not {type(obj).__name__}; "
            "use dump_json or dump_toml for other finsam objects"
        )


def dump_json(obj: Any) -> str:
    """The object as JSON text, in the shape the loaders read.

    >>> import datetime as dt
    >>> from finsam import Population
    >>> from finsam.io import dump_json
    >>> print(dump_json(Population(61_000, dt.date(2015, 6, 30))))
    {
      "count": 61000,
      "as_of": "2015-06-30"
    }
    """
    import json  # for JSON only: loading and checking never need it

    return json.dumps(_document_data(obj), ensure_ascii=False, indent=2)


def _toml_ready(data: Any) -> Any:
    """TOML has no null: drop None from tables and write blank list cells as ""."""
    if isinstance(data, dict):
        return {k: _toml_ready(v) for k, v in data.items() if v is not None}
    if isinstance(data, list | tuple):
        return ["" if v is None else _toml_ready(v) for v in data]
    return data


def dump_toml(obj: Any) -> str:
    """The object as TOML text, in the shape the loaders read.

    >>> import datetime as dt
    >>> from finsam import Population
    >>> from finsam.io import dump_toml
    >>> print(dump_toml(Population(61_000, dt.date(2015, 6, 30))))
    count = 61000
    as_of = "2015-06-30"
    <BLANKLINE>
    """
    import tomli_w

    return str(tomli_w.dumps(_toml_ready(_document_data(obj))))


def save(obj: Any, path: str | os.PathLike[str]) -> Path:
    """Write a report, plan or förbund to a ``.toml`` or ``.json`` file (by its suffix).

    The file is written whole or not at all (see `finsam.io._save`), keeps its permissions,
    and a symlinked file stays a symlink. Returns the file written.
    """
    _refuse_non_document(obj)
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".toml":
        text = dump_toml(obj)
    elif suffix == ".json":
        text = dump_json(obj)
    else:
        raise ValueError(f"{target}: unknown file type; use .toml or .json")
    from finsam.io._save import write_text_atomic  # not needed to read and check

    return write_text_atomic(target, text)


def dump_report(report: Any, path: str | os.PathLike[str]) -> None:
    """Write a report to ``.toml`` or ``.json``; written whole or not at all (see `save`)."""
    save(report, path)
