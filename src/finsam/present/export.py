"""Funding splits and findings as CSV or Excel files, the format chosen by the file's suffix.

CSV is written with the standard library (UTF-8 with a byte-order mark and semicolons, as
Swedish Excel opens it); Excel with openpyxl (``pip install openpyxl``, or the ``excel``
extra). Amounts are
written as exact numbers of kronor, shares as decimals to eight places, and files are
written whole or not at all.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from finsam.io._save import write_bytes_atomic, write_text_atomic

__all__ = ["SUFFIXES", "write_findings", "write_rows", "write_split"]

#: The file types this module writes.
SUFFIXES = (".csv", ".xlsx")


def _cell(value: Any) -> Any:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return value


def write_rows(
    path: str | os.PathLike[str],
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str = "finsam",
) -> Path:
    """Write rows to a ``.csv`` or ``.xlsx`` file (by its suffix); return the file written."""
    target = Path(path)
    suffix = target.suffix.lower()
    rows = [[_cell(v) for v in row] for row in rows]
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [
                    "" if v is None else str(v).replace(".", ",") if isinstance(v, Decimal) else v
                    for v in row
                ]
            )
        return write_text_atomic(target, "\ufeff" + buffer.getvalue())
    if suffix == ".xlsx":
        return _write_xlsx(target, header, rows, sheet)
    raise ValueError(f"{target}: unknown file type; use {' or '.join(SUFFIXES)}")


def _write_xlsx(
    target: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], sheet: str
) -> Path:
    try:
        from openpyxl import Workbook
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "writing .xlsx needs openpyxl; install it with: pip install openpyxl "
            "(from a finsam checkout: pip install '.[excel]')"
        ) from None
    book = Workbook()
    page = book.active
    page.title = sheet[:31]
    page.append(list(header))
    for row in rows:
        page.append(row)  # Decimals are written as exact numbers
    buffer = io.BytesIO()
    book.save(buffer)
    return write_bytes_atomic(target, buffer.getvalue())


def write_split(path: str | os.PathLike[str], splits: Sequence[Any]) -> Path:
    """A funding split (or instalments: several splits) as rows: period, member, kind,
    party, share, share of the party, amount in kr, paid by."""
    header = ["period", "member", "kind", "party", "share", "party_share", "amount_kr", "paid_by"]
    rows = [
        [
            r["period"],
            r["member"],
            r["kind"],
            r["party"],
            r["share"],
            r["party_share"],
            r["amount_kr"],
            r["paid_by"],
        ]
        for split in splits
        for r in split.records()
    ]
    return write_rows(path, header, rows, sheet="Medlemsbidrag")


def write_findings(path: str | os.PathLike[str], findings: Sequence[Any]) -> Path:
    """Findings as rows: source, path, code, severity, family, message, cause, places."""
    header = [
        "source",
        "path",
        "code",
        "severity",
        "family",
        "message",
        "cause",
        "places",
        "reference",
    ]
    rows = [
        [
            f.source,
            f.path,
            f.code,
            f.severity.value,
            f.family,
            f.message,
            f.cause,
            "; ".join(p.path for p in f.places),
            f.reference,
        ]
        for f in findings
    ]
    return write_rows(path, header, rows, sheet="Fynd")
