"""Bytes into plain data: reading, decoding and parsing TOML and JSON, inside `DataError`.

Every way a file can fail to be text of the right syntax — missing, too large, not UTF-8,
invalid TOML or JSON, nested too deeply, a number with thousands of digits — is a
`finsam.DataError` that names the file and, where the parser knows it, the line.
"""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from finsam._i18n import _
from finsam.errors import DataError, Problem
from finsam.limits import MAX_FILE_BYTES

__all__ = ["FORMATS", "decode", "parse", "read_file"]

#: The suffixes of the text formats, and their names.
FORMATS = {".toml": "TOML", ".json": "JSON"}


def _fail(source: str, message: str, path: str = "") -> NoReturn:
    raise DataError([Problem(path, message)], source)


def read_bytes(path: Path, source: str, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, refusing files larger than `limit` before reading them."""
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except FileNotFoundError:
        _fail(source, _("no such file"))
    except IsADirectoryError:
        _fail(source, _("is a folder, not a file"))
    except OSError as error:
        _fail(source, _("cannot be read: {reason}").format(reason=error.strerror or error))
    if len(data) > limit:
        _fail(source, _("larger than {limit} MB").format(limit=limit // 1_000_000))
    return data


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a `DataError` saying where it is not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(source, _("the file is UTF-16 text; save it as UTF-8"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        _fail(
            source,
            _("not UTF-8 text: byte 0x{byte:02x} on line {line}; save the file as UTF-8").format(
                byte=data[error.start], line=line
            ),
        )


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(_("{name} is not a number finsam accepts").format(name=name))


_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse(text: str, suffix: str, source: str) -> Any:
    """Parse TOML or JSON text (chosen by `suffix`) with exact decimals for every number."""
    kind = FORMATS.get(suffix.lower())
    if kind is None:
        _fail(source, _("unknown file type {suffix!r}; use .toml or .json").format(suffix=suffix))
    try:
        if kind == "TOML":
            return tomllib.loads(text, parse_float=Decimal)
        return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        _fail(
            source,
            _("not valid JSON: {reason} (line {line}, column {column})").format(
                reason=error.msg, line=error.lineno, column=error.colno
            ),
        )
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        where = _TOML_WHERE.search(reason)
        if where:
            reason = _("{reason} (line {line}, column {column})").format(
                reason=reason[: where.start()], line=where[1], column=where[2]
            )
        _fail(source, _("not valid TOML: {reason}").format(reason=reason))
    except RecursionError:
        _fail(source, _("not readable: tables or lists nested too deeply"))
    except ValueError as error:  # e.g. an integer of more than 4 300 digits, NaN in JSON
        _fail(source, _("not readable: {reason}").format(reason=error))


def read_file(path: Path, source: str | None = None) -> Any:
    """Read, decode and parse a ``.toml`` or ``.json`` file into plain data."""
    source = source or str(path)
    if path.suffix.lower() not in FORMATS:
        _fail(
            source, _("unknown file type {suffix!r}; use .toml or .json").format(suffix=path.suffix)
        )
    return parse(decode(read_bytes(path, source), source), path.suffix, source)
