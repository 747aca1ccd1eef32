"""Bytes into plain data: reading, decoding and parsing TOML and JSON, inside `DataError`.

Every way a file can fail to be text of the right syntax — missing, too large, not UTF-8,
invalid TOML or JSON, nested too deeply, a number with thousands of digits — is a
`finsam.DataError` that names the file and, where the parser knows it, the line.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from finsam._i18n import _
from finsam.errors import DataError, Problem
from finsam.limits import MAX_DEPTH, MAX_FILE_BYTES

__all__ = ["FORMATS", "HugeNumber", "decode", "parse", "read_file"]

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


class HugeNumber:
    """An integer in a file with more digits than any bound allows, kept unconverted.

    Converting thousands of digits to an int takes time that grows with the square of
    their number (Python refuses beyond 4 300); the loaders report this marker, with its
    place, as a value beyond finsam's bounds.
    """

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"HugeNumber(digits={self.digits})"


def _json_int(text: str) -> int | HugeNumber:
    digits = len(text) - text.startswith("-")
    return HugeNumber(digits) if digits > 40 else int(text)


def _toml_trouble(text: str) -> str | None:
    """Where a TOML text has a bare integer of more than 4 300 digits, or nests brackets
    more than `MAX_DEPTH` deep: what tomllib cannot say. One linear pass that skips strings
    and comments."""
    line, start, depth, index, size = 1, 0, 0, 0, len(text)
    while index < size:
        char = text[index]
        if char == "\n":
            line, start = line + 1, index + 1
        elif char == "#":
            end = text.find("\n", index)
            index = size if end < 0 else end
            continue
        elif char in "\"'":
            quote = text[index : index + 3] if text[index : index + 3] == char * 3 else char
            end = index + len(quote)
            while True:
                end = text.find(quote, end)
                if end < 0:
                    return None
                if char == "'" or text[end - 1] != "\\" or text[end - 2] == "\\":
                    break
                end += 1
            line += text.count("\n", index, end)
            newline = text.rfind("\n", index, end)
            start = newline + 1 if newline >= 0 else start
            index = end + len(quote)
            continue
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _(
                    "nested more than {limit} levels deep (line {line}, column {column})"
                ).format(limit=MAX_DEPTH, line=line, column=index - start + 1)
        elif char in "]}":
            depth -= 1
        elif char.isdigit() and (
            index == 0 or not (text[index - 1].isalnum() or text[index - 1] in "._-:")
        ):
            end = index
            while end < size and (text[end].isdigit() or text[end] == "_"):
                end += 1
            digits = text.count("_", index, end)
            digits = end - index - digits
            if digits > 4300:
                return _(
                    "a number of {digits} digits, beyond finsam's bounds "
                    "(line {line}, column {column})"
                ).format(digits=digits, line=line, column=index - start + 1)
            index = end
            continue
        index += 1
    return None


_TOML_WHERE = r"\s*\(at line (\d+), column (\d+)\)$"  # compiled when a file is broken


def parse(text: str, suffix: str, source: str) -> Any:
    """Parse TOML or JSON text (chosen by `suffix`) with exact decimals for every number."""
    kind = FORMATS.get(suffix.lower())
    if kind is None:
        _fail(source, _("unknown file type {suffix!r}; use .toml or .json").format(suffix=suffix))
    try:
        if kind == "TOML":
            return tomllib.loads(text, parse_float=Decimal)
        return _parse_json(text, source)
    except DataError:  # invalid JSON, said by `_parse_json`
        raise
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        where = re.search(_TOML_WHERE, reason)
        if where:
            reason = _("{reason} (line {line}, column {column})").format(
                reason=reason[: where.start()], line=where[1], column=where[2]
            )
        _fail(source, _("not valid TOML: {reason}").format(reason=reason))
    except (RecursionError, ValueError) as error:  # deep nesting, 4 300 digits, NaN in JSON
        trouble = _toml_trouble(text) if kind == "TOML" else None
        if trouble is None and isinstance(error, RecursionError):
            trouble = _("tables or lists nested too deeply")
        _fail(source, _("not readable: {reason}").format(reason=trouble or error))


def _parse_json(text: str, source: str) -> Any:
    import json  # for JSON files only: reading TOML, as the bundled data is, never needs it

    try:
        return json.loads(
            text, parse_float=Decimal, parse_int=_json_int, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as error:
        _fail(
            source,
            _("not valid JSON: {reason} (line {line}, column {column})").format(
                reason=error.msg, line=error.lineno, column=error.colno
            ),
        )


def read_file(path: Path, source: str | None = None) -> Any:
    """Read, decode and parse a ``.toml`` or ``.json`` file into plain data."""
    source = source or str(path)
    if path.suffix.lower() not in FORMATS:
        _fail(
            source, _("unknown file type {suffix!r}; use .toml or .json").format(suffix=path.suffix)
        )
    return parse(decode(read_bytes(path, source), source), path.suffix, source)
