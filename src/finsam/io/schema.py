"""JSON Schema (draft 2020-12) for finsam's data files, generated from the model itself.

The schema is built by walking the attrs classes (`attrs.fields` with their resolved type
hints), so it follows the model: a new field, a new enum value or a changed docstring
shows up in the next schema. It describes what `finsam.io` reads: amounts in Swedish
notation or as numbers, ISO dates, periods, exact decimals, the standard words of each
vocabulary, a förbund by bundled name, by file or in full, and the indicator kinds told
apart by their ``kind`` key. Unknown keys are refused, as the loader refuses them.

Where the loader keeps a printed text it cannot read (an impossible date, a word outside
a vocabulary; see `finsam.printed`), the schema accepts any text too: such a file loads,
and the checks report the text.

Some checks only the loader makes: Luhn check digits, one value per column, whole öre,
finsam's bounds (`finsam.limits`); a file that passes the schema can still fail to load.

Print a schema with ``finsam schema report`` (or ``forbund``).

>>> from finsam.io.schema import report_schema
>>> schema = report_schema()
>>> schema["properties"]["type"]["enum"]
['delårsrapport', 'årsredovisning', 'verksamhetsplan']
>>> schema["$defs"]["Participants"].get("required", [])
[]
>>> schema["$defs"]["Orientation"]["anyOf"][0]["enum"]
['individinriktad', 'strukturövergripande', 'kartläggning av individer', 'förebyggande']
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import inspect
import json
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal

import attrs

from finsam import goals, insats, money, parties, period
from finsam._fields import type_hints
from finsam.forbund import Forbund, OrgNumber, SharePairs
from finsam.io import FORMAT, _report_types, _structure
from finsam.io._unstructure import unstructure
from finsam.vocabulary import Worded

__all__ = ["DRAFT", "KINDS", "forbund_schema", "main", "report_schema", "schema_json"]

#: The JSON Schema dialect of the generated schemas.
DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"

#: The schemas `schema_json` and ``python -m finsam.schema`` can print.
KINDS: Final = ("report", "forbund")

_Schema = dict[str, Any]

# -- regular expressions that every JSON Schema validator understands ----------------------

_SYNTAX: Final = frozenset("\\^$.*+?()[]{}|")


def _portable_pattern(
    pattern: str, *, verbose: bool = False, ignore_case: bool = False, normalised: bool = False
) -> str:
    """Rewrite a Python regex into the part of the syntax ECMA 262 and `re` share.

    Group names go; with `verbose`, whitespace outside character classes goes; with
    `ignore_case`, each letter becomes a class of its two cases. With `normalised`, the
    pattern was written for text that was first casefolded and had its whitespace runs
    made single spaces (what `finsam.goals._match_label` does): the result matches the
    raw text instead. Characters outside ASCII that are not letters (dashes, no-break
    spaces) are written as ``\\uXXXX``, so the schema file shows them.
    """
    pattern = re.sub(r"\(\?P<\w+>", "(", pattern)
    fold = ignore_case or normalised
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        index += 1
        if char == "\\":
            escaped = pattern[index : index + 1]
            index += 1
            out.append(r"\s+" if normalised and escaped == " " and not in_class else "\\" + escaped)
        elif not char.isascii() and not char.isalnum():
            out.append(f"\\u{ord(char):04x}")
        elif in_class:
            if fold and char.isalpha():
                raise ValueError(f"cannot fold case inside a character class: {pattern!r}")
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
        elif verbose and char == "#":
            raise ValueError(f"comments in verbose patterns are not supported: {pattern!r}")
        elif verbose and char.isspace():
            continue
        elif normalised and char in " ^$.":
            out.append({" ": r"\s+", "^": r"^\s*", "$": r"\s*$", ".": r"[\s\S]"}[char])
        elif fold and len(char.lower()) == len(char.upper()) == 1 and char.lower() != char.upper():
            out.append(f"[{char.lower()}{char.upper()}]")
        else:
            out.append(char)
    return "".join(out)


def _literal(text: str) -> str:
    """`text` as a regex that matches it literally (only syntax characters escaped)."""
    return "".join("\\" + char if char in _SYNTAX else char for char in text)


def _flags_pattern(regex: re.Pattern[str]) -> str:
    return _portable_pattern(
        regex.pattern,
        verbose=bool(regex.flags & re.VERBOSE),
        ignore_case=bool(regex.flags & re.IGNORECASE),
    )


# -- how the files write finsam's value types ------------------------------------------------

_DATE_PATTERN: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_YEAR_PATTERN: Final = r"^\s*\d{4}\s*$"  # Period.parse: a bare year is the calendar year
_ORG_NUMBER_PATTERN: Final = r"^[\s\-\u2013]*(?:\d[\s\-\u2013]*){10}$"  # OrgNumber's check
_FRACTION_PATTERN: Final = r"^\s*[-+]?\d+(?:/\d+)?\s*$"


def _amount() -> _Schema:
    return {
        "title": "Amount",
        "description": (
            "An amount of money: a string in Swedish notation ('13 319 000 kr', '1 243 tkr', "
            "'-825 808', '12,50'; units öre, kr, kronor, tkr, mkr, SEK; a bare number is kr), "
            "or kronor as a number (whole kronor as an integer; at most two decimals)."
        ),
        "anyOf": [
            {"type": "string", "pattern": _flags_pattern(money._AMOUNT_RE)},
            {"type": "number"},
        ],
    }


def _date() -> _Schema:
    return {
        "title": "Date",
        "description": "A date, YYYY-MM-DD (a TOML date, or an ISO string in JSON).",
        "type": "string",
        "format": "date",
        "pattern": _DATE_PATTERN,
    }


def _decimal() -> _Schema:
    return {
        "title": "Decimal",
        "description": (
            "An exact decimal number: a number, or a string as a table prints it "
            "('13 319 000', '-2,5', '43 %')."
        ),
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": _flags_pattern(money.NUMBER_RE)},
        ],
    }


def _fraction() -> _Schema:
    return {
        "title": "Fraction",
        "description": "An exact fraction: a string such as '1/4', or an integer.",
        "anyOf": [{"type": "integer"}, {"type": "string", "pattern": _FRACTION_PATTERN}],
    }


def _org_number() -> _Schema:
    return {
        "title": "OrgNumber",
        "description": (
            "An organisationsnummer: ten digits, spaces and dashes ignored ('222000-3137'); "
            "the loader checks the Luhn check digit."
        ),
        "type": "string",
        "pattern": _ORG_NUMBER_PATTERN,
    }


def _period(builder: _Builder) -> _Schema:
    date = builder.type_schema(dt.date)
    return {
        "title": "Period",
        "description": (
            "A closed range of days: '2019-01-01 – 2019-06-30' (en dash, hyphen or 'till'), "
            "a year '2019', or a table with start and end."
        ),
        "anyOf": [
            {"type": "string", "pattern": _YEAR_PATTERN},
            {"type": "string", "pattern": _flags_pattern(period._RANGE_RE)},
            {
                "type": "object",
                "properties": {"start": date, "end": date},
                "required": ["start", "end"],
                "additionalProperties": False,
            },
        ],
    }


def _shares(builder: _Builder) -> _Schema:
    return {
        "title": "Shares",
        "description": "Percentages by name, as a table of name = percentage.",
        "type": "object",
        "additionalProperties": builder.type_schema(Decimal),
    }


def _bundled_forbund() -> _Schema:
    from finsam.io.datasets import forbund_names

    return {
        "title": "ForbundReference",
        "description": (
            "The name of a förbund bundled with finsam, or the path of a förbund file "
            "(.toml or .json) relative to the report's folder."
        ),
        "anyOf": [
            {"type": "string", "enum": forbund_names()},
            {"type": "string", "pattern": r"\.(toml|json|TOML|JSON)$"},
        ],
    }


def _age_band(builder: _Builder) -> _Schema:
    return {
        "title": "AgeBand",
        "description": "An age band: '16–64 år', or a table with min_age and max_age.",
        "anyOf": [
            {"type": "string", "pattern": _flags_pattern(re.compile(insats._AGE_BAND))},
            builder.class_schema(insats.AgeBand),
        ],
    }


#: Value types the loader reads with its own hooks, by the name of their definition.
_SPECIAL: Final[Sequence[tuple[object, str, Callable[[_Builder], _Schema]]]] = (
    (money.Amount, "Amount", lambda _b: _amount()),
    (dt.date, "Date", lambda _b: _date()),
    (Decimal, "Decimal", lambda _b: _decimal()),
    (Fraction, "Fraction", lambda _b: _fraction()),
    (OrgNumber, "OrgNumber", lambda _b: _org_number()),
    (period.Period, "Period", _period),
    (SharePairs, "Shares", _shares),
    (insats.AgeBand, "AgeBand", _age_band),
)

# -- enums: exact values, or the spellings their `_missing_` accepts ---------------------------


def _has_own_missing(cls: type[enum.Enum]) -> bool:
    default = getattr(enum.Enum._missing_, "__func__", None)
    return getattr(cls._missing_, "__func__", None) is not default


# -- docstrings -------------------------------------------------------------------------------

_ENTRY_RE: Final = re.compile(r"^    ([A-Za-z_]\w*(?:, [A-Za-z_]\w*)*): (\S.*)$")
_MORE_RE: Final = re.compile(r"^ {5,}(\S.*)$")


def _summary(cls: type) -> str:
    """The first line of the class's own docstring."""
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc).splitlines()[0] if isinstance(doc, str) and doc.strip() else ""


def _attribute_docs(cls: type) -> dict[str, str]:
    """Field descriptions from the ``Attributes:`` sections of the class and its bases."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        doc = klass.__dict__.get("__doc__")
        if not isinstance(doc, str):
            continue
        lines = inspect.cleandoc(doc).splitlines()
        if "Attributes:" not in lines:
            continue
        names: list[str] = []
        for line in lines[lines.index("Attributes:") + 1 :]:
            if entry := _ENTRY_RE.match(line):
                names = entry[1].split(", ")
                docs.update(dict.fromkeys(names, entry[2]))
            elif (more := _MORE_RE.match(line)) and names:
                docs.update({name: f"{docs[name]} {more[1]}" for name in names})
            else:
                break
    return docs


# -- validators that narrow a field's type ----------------------------------------------------

_VALIDATOR_CONSTRAINTS: Final[Mapping[object, _Schema]] = {
    insats._check_count: {"minimum": 0},
    parties._non_negative_int: {"minimum": 0},
    parties._non_empty: {"pattern": r"\S"},
    goals._non_empty: {"pattern": r"\S"},
}


def _jsonable(value: Any, type_: Any) -> Any:
    """A default value as the files write it (tuples as lists)."""
    return json.loads(json.dumps(unstructure(value), default=str))


def _accepts_blank(type_: Any) -> bool:
    """Whether the loader reads "" as None for this optional type (a blank table cell)."""
    try:
        return _structure.reader(type_)("") is None
    except Exception:
        return False


# -- the walk over the model -------------------------------------------------------------------


class _Builder:
    """Collects one ``$defs`` entry per class, enum and value type it meets."""

    def __init__(self) -> None:
        self.defs: dict[str, _Schema] = {}
        self._owners: dict[str, object] = {}

    def ref(self, name: str, make: Callable[[], _Schema], owner: object = None) -> _Schema:
        """A reference to the definition `name`, made by `make` the first time."""
        owner = name if owner is None else owner
        if self._owners.setdefault(name, owner) != owner:
            raise TypeError(f"{owner!r} and {self._owners[name]!r} both want the name {name!r}")
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder, in case the type refers to itself
            self.defs[name] = make()
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, type_: Any, constraints: _Schema | None = None) -> _Schema:
        """The schema of a value of `type_`, as the loader reads it."""
        for special, name, make in _SPECIAL:
            if type_ == special:
                return self.ref(name, lambda make=make: make(self), type_)  # type: ignore[misc]
        origin = typing.get_origin(type_)
        args = typing.get_args(type_)
        if type_ is type(None):
            return {"type": "null"}
        if origin in (types.UnionType, typing.Union):
            return self._union(type_, args, constraints)
        if origin is Literal:
            return {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0], constraints)}
            return {
                "type": "array",
                "prefixItems": [self.type_schema(arg) for arg in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        for basic, json_type in ((bool, "boolean"), (int, "integer"), (str, "string")):
            if type_ is basic:
                return {"type": json_type, **(constraints or {})}
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            cls = type_
            return self.ref(cls.__name__, lambda: self._enum(cls), cls)
        if type_ is Forbund:
            return {
                "anyOf": [
                    self.ref("ForbundReference", _bundled_forbund),
                    self.class_ref(Forbund),
                ]
            }
        if isinstance(type_, type) and attrs.has(type_):
            return self.class_ref(type_)
        raise TypeError(
            f"finsam.schema does not know how files write {type_!r}; "
            "add it to finsam.schema._SPECIAL (and a hook to finsam.io)"
        )

    def class_ref(self, cls: type, tag: tuple[str, str] | None = None) -> _Schema:
        """A reference to the definition of an attrs class, optionally with a ``type`` tag."""
        return self.ref(cls.__name__, lambda: self.class_schema(cls, tag), cls)

    def class_schema(self, cls: type, tag: tuple[str, str] | None = None) -> _Schema:
        """The object an attrs class is read from: its fields, no other keys."""
        hints = type_hints(cls)
        docs = _attribute_docs(cls)
        properties: _Schema = {}
        required: list[str] = []
        if tag is not None:
            key, value = tag
            properties[key] = {"const": value, "description": "The kind of document."}
            required.append(key)
        if tag is not None or cls is Forbund:
            properties["format"] = {
                "type": "integer",
                "minimum": 1,
                "maximum": FORMAT,
                "description": "The version of the file format (1 when absent).",
            }
        fields = attrs.fields(cls)
        keeps_printed = any(field.name == "printed" for field in fields)
        for field in fields:
            if field.name == "printed" or field.metadata.get("io") is False:
                continue  # printed texts are written in place of their values
            constraints = _VALIDATOR_CONSTRAINTS.get(field.validator)
            schema = self.type_schema(hints[field.name], constraints)
            if keeps_printed and _structure.keeps_printed_text(hints[field.name]):
                schema = _or_printed_text(schema)
            if field.name in docs:
                schema = {**schema, "description": docs[field.name]}
            if field.default is attrs.NOTHING:
                required.append(field.name)
            elif not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                schema = {**schema, "default": _jsonable(field.default, hints[field.name])}
            properties[field.name] = schema
        result: _Schema = {"title": cls.__name__, "type": "object"}
        if summary := _summary(cls):
            result["description"] = summary
        result["properties"] = properties
        if required:
            result["required"] = required
        result["additionalProperties"] = False
        return result

    def _enum(self, cls: type[enum.Enum]) -> _Schema:
        values = [member.value for member in cls]
        result: _Schema = {"title": cls.__name__, "description": _summary(cls)}
        if issubclass(cls, Worded):
            note = (
                "The standard words; other wordings are read through finsam.vocabulary's "
                f"{cls.vocabulary()!r} vocabulary, and a text it cannot read is kept as printed."
            )
            result["description"] = f"{result['description']} {note}".strip()
            return {**result, "anyOf": [{"enum": values}, {"type": "string"}]}
        if _has_own_missing(cls):
            raise TypeError(
                f"{cls.__name__} accepts more than its values (it has _missing_); "
                "make it a finsam.vocabulary.Worded enum"
            )
        return {**result, "enum": values}

    def _union(self, type_: Any, args: tuple[Any, ...], constraints: _Schema | None) -> _Schema:
        present = [arg for arg in args if arg is not type(None)]
        if len(present) > 1:
            inner = self._tagged_union(type_, present)
        else:
            inner = self.type_schema(present[0], constraints)
        branches = [inner]
        if len(present) < len(args):
            if _accepts_blank(type_):
                branches.append({"const": ""})
            branches.append({"type": "null"})
        return inner if len(branches) == 1 else {"anyOf": branches}

    def _tagged_union(self, type_: Any, classes: list[Any]) -> _Schema:
        """A union of attrs classes told apart by a field typed with one literal value."""
        tags: list[dict[str, str]] = []
        for cls in classes:
            if not (isinstance(cls, type) and attrs.has(cls)):
                raise TypeError(f"finsam.schema cannot describe the union {type_!r}")
            hints = type_hints(cls)
            tags.append(
                {
                    field.name: typing.get_args(hints[field.name])[0]
                    for field in attrs.fields(cls)
                    if typing.get_origin(hints[field.name]) is Literal
                    and len(typing.get_args(hints[field.name])) == 1
                }
            )
        keys = [key for key in tags[0] if all(key in tag for tag in tags)]
        if not keys or len({tag[keys[0]] for tag in tags}) != len(classes):
            raise TypeError(f"the union {type_!r} has no field that tells its members apart")
        key = keys[0]
        module = sys.modules[classes[0].__module__]
        name = next(
            (n for n, v in vars(module).items() if v == type_ and not n.startswith("_")),
            "Or".join(cls.__name__ for cls in classes),
        )
        choices = {tag[key]: self.class_ref(cls) for cls, tag in zip(classes, tags, strict=True)}
        return self.ref(name, lambda: {"title": name, **_tagged(key, choices)}, type_)


def _or_printed_text(schema: _Schema) -> _Schema:
    """`schema`, or any text (kept as printed); for a list, each of its items so."""
    if schema.get("type") == "array" and "items" in schema:
        return {**schema, "items": _or_printed_text(schema["items"])}
    return {
        "anyOf": [schema, {"type": "string"}],
        "$comment": "Any text: a text that cannot be read is kept as printed.",
    }


def _tagged(key: str, choices: Mapping[str, _Schema]) -> _Schema:
    """An object whose `key` says which of `choices` it is."""
    return {
        "type": "object",
        "required": [key],
        "properties": {key: {"enum": list(choices)}},
        "allOf": [
            {"if": {"properties": {key: {"const": tag}}, "required": [key]}, "then": schema}
            for tag, schema in choices.items()
        ],
    }


def _comment(kind: str) -> str:
    return (
        "Generated from the finsam model by finsam.schema; do not edit. Regenerate with: "
        f"finsam schema {kind} > docs/schema/{kind}.schema.json"
    )


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report or plan file, with its ``type`` key and three kinds.

    >>> from finsam.io.schema import report_schema
    >>> report_schema()["$defs"]["Indicator"]["properties"]["kind"]["enum"]
    ['target', 'ratio_limit', 'national', 'improvement', 'yes_no']
    """
    builder = _Builder()
    kinds = {tag: builder.class_ref(cls, ("type", tag)) for tag, cls in _report_types().items()}
    tagged = _tagged("type", kinds)
    tagged["properties"]["type"]["description"] = "The kind of document."
    return {
        "$schema": DRAFT,
        "title": "finsam report or plan",
        "description": (
            "An interim report (delårsrapport), an annual report (årsredovisning) or an "
            "activity plan (verksamhetsplan), as finsam.io.load_report reads it."
        ),
        "$comment": _comment("report"),
        **tagged,
        "$defs": builder.defs,
    }


def forbund_schema() -> dict[str, Any]:
    """The JSON Schema of a förbund file, as ``finsam.io.load(path, Forbund)`` reads it.

    >>> from finsam.io.schema import forbund_schema
    >>> forbund_schema()["$defs"]["Forbund"]["required"]
    ['name']
    """
    builder = _Builder()
    root = builder.class_ref(Forbund)
    return {
        "$schema": DRAFT,
        "title": "finsam förbund",
        "description": "A samordningsförbund: its members, charter versions and funding.",
        "$comment": _comment("forbund"),
        **root,
        "$defs": builder.defs,
    }


def schema_json(kind: str = "report") -> str:
    """A schema as JSON text: sorted keys, two-space indent, UTF-8, a final newline."""
    makers = {"report": report_schema, "forbund": forbund_schema}
    if kind not in makers:
        raise ValueError(f"no schema {kind!r}; choose one of {', '.join(KINDS)}")
    return json.dumps(makers[kind](), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m finsam.schema [report|forbund]``: print the schema as JSON (UTF-8)."""
    parser = argparse.ArgumentParser(
        prog="python -m finsam.schema",
        description="Print the JSON Schema of finsam's report or förbund files.",
    )
    parser.add_argument("kind", nargs="?", default="report", choices=KINDS)
    args = parser.parse_args(argv)
    text = schema_json(args.kind)
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a text-only stream, such as io.StringIO
        sys.stdout.write(text)
    else:  # UTF-8 whatever the console's encoding, and "\n" line ends on every system
        sys.stdout.flush()
        binary.write(text.encode("utf-8"))
        binary.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
