"""Plain data (what TOML and JSON hold) into finsam objects, naming the place of every problem.

A reader is compiled once per type from the attrs classes and their type hints, so
loading is a walk over the data with no generic dispatch. Every problem in a document is
collected — with its path, what was found and what was expected — and raised as one
`finsam.DataError`. Values outside `finsam.limits` are refused before any arithmetic.

In a class with a ``printed`` field, a string that cannot be read as its optional field's
type (a date, period, amount, number, count or vocabulary word) is not an error: the
field becomes None and the text is kept in ``printed`` (see `finsam.printed`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Callable
from contextvars import ContextVar
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Final, Literal, TypeVar

import attrs

from finsam._fields import Model, type_hints
from finsam._i18n import N_, _
from finsam.errors import DataError, Problem
from finsam.forbund import OrgNumber
from finsam.insats import AgeBand
from finsam.io._read import HugeNumber
from finsam.limits import (
    MAX_COUNT,
    MAX_ITEMS,
    MAX_TEXT,
    MAX_YEAR,
    MIN_YEAR,
    decimal_problem,
)
from finsam.money import NUMBER_RE, Amount, parse_number
from finsam.period import Period, parse_date
from finsam.printed import Printed

__all__ = ["Invalid", "class_reader", "describe", "reader", "structure", "structure_context"]

T = TypeVar("T")
Reader = Callable[[Any], Any]
Segment = str | int


class Invalid(Exception):  # noqa: N818 - a signal inside the reader, never shown to users
    """Problems found while reading one value; each with its path, innermost step first."""

    def __init__(self, problems: list[tuple[list[Segment], str]]) -> None:
        super().__init__(problems)
        self.problems = problems

    @classmethod
    def one(cls, message: str) -> Invalid:
        return cls([([], message)])

    def under(self, step: Segment) -> Invalid:
        for steps, _message in self.problems:
            steps.append(step)
        return self


def format_path(steps: list[Segment]) -> str:
    """``["period", 3, "insatser"]`` (innermost first) as ``insatser[3].period``."""
    text = ""
    for step in reversed(steps):
        if isinstance(step, int):
            text += f"[{step}]"
        elif step.isidentifier():
            text += f".{step}" if text else step
        else:
            text += f"[{step!r}]"
    return text


# -- what was found ---------------------------------------------------------------------------

_KINDS: Final = {
    dict: N_("a table"),
    list: N_("a list"),
    str: N_("a text"),
    bool: N_("true/false"),
    int: N_("a whole number"),
    Decimal: N_("a decimal number"),
    float: N_("a floating-point number"),
    dt.date: N_("a date"),
    dt.datetime: N_("a date and time"),
    dt.time: N_("a time of day"),
    type(None): N_("nothing (null)"),
}


def describe(value: Any) -> str:
    """What a value from a file is, for a message: ``a list``, ``the text 'x'``."""
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return _("the text {text!r}").format(text=shown)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return _("the number {number}").format(number=value if value.bit_length() < 64 else "…")
    if isinstance(value, Decimal):
        return _("the number {number}").format(number=value)
    if isinstance(value, HugeNumber):
        return _("a number of {digits} digits, beyond finsam's bounds").format(digits=value.digits)
    for kind, words in _KINDS.items():
        if type(value) is kind:
            return _(words)
    return type(value).__name__


def _expected(what: str, value: Any) -> Invalid:
    return Invalid.one(
        _("expected {what}, got {found}").format(what=_(what), found=describe(value))
    )


# -- where a document is read from (for references to other files) ------------------------


@attrs.frozen(repr=False, eq=False)
class _Context(Model):
    folder: Path | None = None
    allow_outside: bool = False


_context: ContextVar[_Context] = ContextVar(
    "finsam_structure_context",
    default=_Context(),  # noqa: B039 - a frozen attrs instance, shared safely
)


def structure_context(folder: Path | None, *, allow_outside: bool = False) -> _Context:
    """The context for references to other files, relative to `folder`."""
    return _Context(folder, allow_outside)


# -- leaf readers -------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _expected("a text", value)
    if len(value) > MAX_TEXT:
        raise Invalid.one(_("text longer than {limit} characters").format(limit=MAX_TEXT))
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str):
            try:
                number = parse_number(value)
            except ValueError:
                raise _expected("a whole number", value) from None
            if number != number.to_integral_value():
                raise _expected("a whole number", value)
            return _int(int(number))
        raise _expected("a whole number", value)
    if not -MAX_COUNT < value < MAX_COUNT:
        raise Invalid.one(_("the number is beyond finsam's bound of 10^9"))
    return value


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expected("a year", value)
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise Invalid.one(
            _("year {year} is outside {low}–{high}").format(
                year=value if value.bit_length() < 64 else "…", low=MIN_YEAR, high=MAX_YEAR
            )
        )
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _expected("true or false", value)
    return value


_NO_SPACES: Final = str.maketrans(dict.fromkeys(" \u00a0\u202f\u2009"))


def _decimal(value: Any) -> Decimal:
    kind = type(value)
    if kind is str:
        # The common case, a figure as finsam writes it ("-265"): ASCII digits, at most 15.
        digits = value[1:] if value[:1] == "-" else value
        if len(digits) <= 15 and digits.isascii() and digits.isdigit():
            return Decimal(value)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        if not -MAX_COUNT * MAX_COUNT < value < MAX_COUNT * MAX_COUNT:
            raise Invalid.one(_("the number is beyond finsam's bounds"))
        return Decimal(value)
    elif isinstance(value, str):
        if len(value) > 60:
            raise _expected("a number", value)
        match = NUMBER_RE.match(value)
        if match is None:
            raise _expected("a number such as '13 319 000', '-2,5' or '43 %'", value)
        digits = match["int"].translate(_NO_SPACES)
        frac = match["frac"] or ""
        sign = "-" if match["sign"] else ""
        number = Decimal(f"{sign}{digits}.{frac}" if frac else f"{sign}{digits}")
        if len(digits) <= 15 and len(frac) <= 12:
            return number  # within every bound by its length: no further check
    else:
        raise _expected("a number", value)
    problem = decimal_problem(number)
    if problem is not None:
        raise Invalid.one(problem)
    return number


def _amount(value: Any) -> Amount:
    is_text = isinstance(value, str)  # the common case first: an amount as finsam writes it
    if not is_text and (isinstance(value, bool) or not isinstance(value, int | Decimal)):
        raise _expected("an amount such as '13 319 000 kr', or whole kronor", value)
    if is_text and len(value) > 60:
        raise Invalid.one(_("too long for an amount"))
    try:
        return Amount.parse(value) if is_text else Amount.from_kr(value)
    except ValueError as error:
        small = isinstance(value, Decimal) or (isinstance(value, int) and value.bit_length() < 64)
        shown = value if isinstance(value, str) else str(value) if small else describe(value)
        raise Invalid.one(_amount_problem(shown, str(error))) from None


def _amount_problem(text: str, reason: str) -> str:
    """Why a value is not an amount, in the language of messages (finsam.money's reasons)."""
    if "whole number of öre" in reason:
        message = _("{text!r} has a fraction of an öre")
    elif "bound" in reason or "too many digits" in reason or "at most" in reason:
        message = _("{text!r} is beyond finsam's bound for amounts (10^15 kr)")
    elif "unknown unit" in reason:
        message = _("{text!r} has a unit finsam does not know (öre, kr, tkr, mkr)")
    else:
        message = _(
            "{text!r} is not an amount in Swedish notation (such as '13 319 000 kr', "
            "'1 243 tkr', '-825 808')"
        )
    return message.format(text=text)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _expected("a date (YYYY-MM-DD)", value)
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        try:
            day = parse_date(value)
        except ValueError:
            raise Invalid.one(
                _("{text!r} is not a date: no such day, or not written YYYY-MM-DD").format(
                    text=value
                )
            ) from None
    else:
        raise _expected("a date (YYYY-MM-DD)", value)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise Invalid.one(
            _("{date} is outside the years {low}–{high}").format(
                date=day.isoformat(), low=MIN_YEAR, high=MAX_YEAR
            )
        )
    return day


_ISO_DAY: Final = r"\b\d{4}-\d{1,2}-\d{1,2}\b"  # these two compiled on first use


def _period(value: Any) -> Period:
    if isinstance(value, str):
        try:
            period = Period.parse(value)
        except ValueError:
            for day in re.findall(_ISO_DAY, value):  # say which date, when one does not exist
                _date(day)
            raise Invalid.one(
                _("{text!r} is not a period such as '2019-01-01 – 2019-06-30'").format(text=value)
            ) from None
        _date(period.start)
        _date(period.end)
        return period
    if isinstance(value, dict):
        unknown = set(value) - {"start", "end"}
        if unknown or len(value) != 2:
            raise _expected("a period such as '2019-01-01 – 2019-06-30' or {start, end}", value)
        ends = []
        for key in ("start", "end"):
            try:
                ends.append(_date(value[key]))
            except Invalid as problem:
                raise problem.under(key) from None
        start, end = ends
        try:
            return Period(start, end)
        except ValueError:
            raise Invalid.one(
                _("the period ends ({end}) before it starts ({start})").format(end=end, start=start)
            ) from None
    raise _expected("a period such as '2019-01-01 – 2019-06-30'", value)


_FRACTION_TEXT: Final = r"\s*(-?\d{1,15})\s*/\s*(\d{1,15})\s*"


def _fraction(value: Any) -> Fraction:
    """A share: ``"1/4"`` (whole numbers of at most 15 digits), or a number within the bounds
    for decimals; never an exponent expanded before its bounds are checked."""
    if isinstance(value, str):
        match = re.fullmatch(_FRACTION_TEXT, value)
        if match is not None:
            if int(match[2]) == 0:
                raise _expected("a fraction such as '1/4'", value)
            return Fraction(int(match[1]), int(match[2]))
        try:
            return Fraction(_decimal(value))
        except Invalid:
            raise _expected("a fraction such as '1/4'", value) from None
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Fraction(_decimal(value))
    raise _expected("a fraction such as '1/4'", value)


def _org_number(value: Any) -> OrgNumber:
    text = _text(value)
    try:
        return OrgNumber(text)
    except ValueError as error:
        raise Invalid.one(str(error)) from None


def _age_band(value: Any) -> AgeBand:
    if isinstance(value, str):
        try:
            return AgeBand.parse(value)
        except ValueError as error:
            raise Invalid.one(str(error)) from None
    return class_reader(AgeBand)(value)  # type: ignore[no-any-return]


def _enum_reader(cls: type[enum.Enum]) -> Reader:
    allowed = ", ".join(repr(m.value) for m in cls)
    by_value = {m.value: m for m in cls}
    read_word = getattr(cls, "read", None)  # vocabularies: Swedish words as printed

    def read(value: Any) -> enum.Enum:
        if not isinstance(value, str):
            raise Invalid.one(
                _("expected one of {allowed}, got {found}").format(
                    allowed=allowed, found=describe(value)
                )
            )
        member = by_value.get(value)
        if member is None and read_word is not None:
            member = read_word(value)
        if member is None:
            member = by_value.get(" ".join(value.split()).casefold())
        if member is None:
            raise Invalid.one(
                _("{value!r} is not one of {allowed}").format(value=value[:60], allowed=allowed)
            )
        return member

    return read


def _literal_reader(choices: tuple[Any, ...]) -> Reader:
    def read(value: Any) -> Any:
        if value not in choices or not isinstance(value, str):
            raise Invalid.one(
                _("{value} is not one of {allowed}").format(
                    value=describe(value), allowed=", ".join(map(repr, choices))
                )
            )
        return value

    return read


# -- containers ---------------------------------------------------------------------------------


def _optional(read: Reader) -> Reader:
    def read_optional(value: Any) -> Any:
        # TOML has no null: an empty text stands for a blank cell.
        return None if value is None or value == "" else read(value)

    return read_optional


def _sequence(read: Reader, items: str) -> Reader:
    """A list read item by item; `items` (a message id) names them in messages."""

    def read_all(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            # translated here, not when the reader is built: readers are cached across languages
            what = _("a list of {items}").format(items=_(items))
            raise Invalid.one(
                _("expected {what}, got {found}").format(what=what, found=describe(value))
            )
        if len(value) > MAX_ITEMS:
            raise Invalid.one(_("more than {limit} items").format(limit=MAX_ITEMS))
        try:
            return tuple([read(item) for item in value])
        except Invalid:  # read again, item by item, to name every item with a problem
            pass
        result = []
        problems: list[tuple[list[Segment], str]] = []
        for index, item in enumerate(value):
            try:
                result.append(read(item))
            except Invalid as problem:
                problems += problem.under(index).problems
        if problems:
            raise Invalid(problems)
        return tuple(result)

    return read_all


def _share_pairs(value: Any) -> tuple[tuple[str, Decimal], ...]:
    if not isinstance(value, dict):
        raise _expected("a table of name = percentage", value)
    pairs = []
    problems: list[tuple[list[Segment], str]] = []
    for name, share in value.items():
        try:
            pairs.append((_text(name), _decimal(share)))
        except Invalid as problem:
            problems += problem.under(name).problems
    if problems:
        raise Invalid(problems)
    return tuple(pairs)


# -- attrs classes --------------------------------------------------------------------------------

#: What a list of each class is called in messages ("expected a list of charter versions").
_PLURALS: Final[dict[str, str]] = {
    "Member": N_("members"),
    "Charter": N_("charter versions"),
    "AnnualFunding": N_("funding totals"),
    "BoardSeat": N_("board seats"),
    "Column": N_("columns"),
    "Line": N_("lines"),
    "Statement": N_("tables (statements)"),
    "Insats": N_("insatser"),
    "YearBudget": N_("budgets per year"),
    "Goal": N_("goals"),
    "BudgetLine": N_("budget lines"),
    "StatedFigure": N_("stated figures"),
}

#: Types whose printed texts are kept when they cannot be read (in optional fields of a class
#: with a ``printed`` field), and when a text says more than the value (the keep rule).
_KEEP_TEXT: Final[dict[Any, Callable[[str, Any], bool]]] = {
    dt.date: lambda text, value: text.strip() != value.isoformat(),
    Period: lambda text, value: text.strip() != str(value),
    Amount: lambda text, value: " ".join(text.replace("\u00a0", " ").split()) != value.plain(),
    Decimal: lambda _text, _value: False,
    int: lambda _text, _value: False,
    OrgNumber: lambda text, value: text.strip() != value.value,
    AgeBand: lambda text, value: text.strip() != str(value),
}


def _keep_rule(type_: Any) -> Callable[[str, Any], bool] | None:
    """How a type keeps printed texts, or None when its texts are never kept."""
    if type_ in _KEEP_TEXT:
        return _KEEP_TEXT[type_]
    if isinstance(type_, type) and issubclass(type_, enum.Enum) and hasattr(type_, "read"):
        return lambda text, value: text != value.value
    return None


def keeps_printed_text(type_: Any) -> bool:
    """Whether a field of this type keeps a text it cannot read (in a class with `printed`)."""
    inner = _without_none(type_)
    if inner is None and typing.get_origin(type_) is tuple:
        args = typing.get_args(type_)
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _without_none(args[0])
    return inner is not None and _keep_rule(inner) is not None


def _without_none(type_: Any) -> Any:
    """``X | None`` as ``X``; None when `type_` does not allow None."""
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(type_) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(type_)) == 2:
            return args[0]
    return None


@attrs.frozen(repr=False, eq=False)
class _FieldPlan(Model):
    name: str
    read: Reader
    required: bool
    keep: Callable[[str, Any], bool] | None  # lenient field: how it keeps printed texts
    each: bool  # lenient per item of a tuple (a line's cells)
    optional: bool  # None allowed: `read` reads the value when there is one


_class_readers: dict[type[Any], Reader] = {}
_ABSENT: Final = object()


def class_reader(cls: type[Any]) -> Reader:
    """The reader of an attrs class from its fields, whatever special reader it also has."""
    read = _class_readers.get(cls)
    if read is None:
        read = _class_readers[cls] = _compile_class(cls)
    return read


def _compile_class(cls: type[Any]) -> Reader:
    hints = type_hints(cls)
    fields = attrs.fields(cls)
    has_printed = any(f.name == "printed" for f in fields)
    plan: list[_FieldPlan] = []
    for field in fields:
        if field.name == "printed" or not field.init or field.metadata.get("io") is False:
            continue
        type_ = hints[field.name]
        keep = None
        each = False
        if has_printed:
            inner = _without_none(type_)
            if inner is not None:
                keep = _keep_rule(inner)
            elif typing.get_origin(type_) is tuple:
                args = typing.get_args(type_)
                if len(args) == 2 and args[1] is Ellipsis and _without_none(args[0]) is not None:
                    keep = _keep_rule(_without_none(args[0]))
                    each = keep is not None
        optional = not each and _without_none(type_) is not None
        if each:
            read = reader(typing.get_args(type_)[0])
        elif optional:  # a blank is None here, without a call of `_optional`'s reader
            read = reader(_without_none(type_))
        else:
            read = _year_aware(field.name, type_)
        plan.append(
            _FieldPlan(
                field.alias or field.name,
                read,
                field.default is attrs.NOTHING,
                keep,
                each,
                optional,
            )
        )
    known = frozenset([p.name for p in plan] + (["printed"] if has_printed else []))
    noun = _("a table ({name})").format(name=cls.__name__)

    # The plan by key, as plain tuples: this loop runs for every object of every file, and a
    # file holds only the keys it needs, so the loop goes over the file's keys.
    steps = {p.name: (p.read, p.keep, p.each, p.optional, p) for p in plan}
    required = frozenset(p.name for p in plan if p.required)
    position = {p.name: i for i, p in enumerate(plan)}

    def read_object(value: Any) -> Any:
        if not isinstance(value, dict):
            raise Invalid.one(
                _("expected {what}, got {found}").format(what=noun, found=describe(value))
            )
        problems: list[tuple[list[Segment], str]] = []
        kwargs: dict[str, Any] = {}
        printed: list[tuple[str, str]] = []
        unknown: list[Any] = []
        for name, raw in value.items():
            step = steps.get(name)
            if step is None:
                unknown.append(name)
                continue
            read, keep, each, optional, field = step
            if each:
                kwargs[name] = _read_cells(field, raw, printed, problems)
                continue
            if optional and (raw is None or raw == ""):  # TOML has no null: blank is None
                kwargs[name] = None
                continue
            try:
                result = read(raw)
            except Invalid as problem:
                if keep is not None and isinstance(raw, str) and len(raw) <= MAX_TEXT:
                    kwargs[name] = None
                    printed.append((name, raw))
                else:
                    problems += problem.under(name).problems
                continue
            kwargs[name] = result
            if (
                keep is not None
                and result is not None
                and isinstance(raw, str)
                and keep(raw, result)
            ):
                printed.append((name, raw))
        if not value.keys() >= required:
            missing = sorted(required - value.keys(), key=position.__getitem__)
            problems += [([name], _("required but missing")) for name in missing]
        for key in unknown:
            if key == "printed" and has_printed:
                problems.append(([key], _("printed texts are written in place of their values")))
            elif isinstance(key, str):
                from difflib import get_close_matches  # only for a file with a typo

                close = get_close_matches(key, sorted(known), n=1)
                hint = _("; did you mean {key!r}?").format(key=close[0]) if close else ""
                problems.append(([key[:60]], _("unknown key") + hint))
        if problems:
            raise Invalid(problems)
        if printed:  # in the order of the fields, whatever the order of the file
            printed.sort(key=lambda pair: position[pair[0].split("[", 1)[0]])
            kwargs["printed"] = Printed(tuple(printed))
        try:
            return cls(**kwargs)
        except (ValueError, TypeError) as error:
            raise Invalid.one(str(error)) from None

    return read_object


def _read_cells(
    field: _FieldPlan,
    raw: Any,
    printed: list[tuple[str, str]],
    problems: list[tuple[list[Segment], str]],
) -> tuple[Any, ...]:
    """A tuple whose items keep their printed texts one by one (``values[2]``)."""
    if not isinstance(raw, list | tuple):
        problems.append(
            ([field.name], _("expected a list, got {found}").format(found=describe(raw)))
        )
        return ()
    cells = []
    read = field.read
    for index, item in enumerate(raw[:MAX_ITEMS]):
        try:
            cell = None if item is None or item == "" else read(item)
        except Invalid as problem:
            if isinstance(item, str) and len(item) <= MAX_TEXT:
                cell = None
                printed.append((f"{field.name}[{index}]", item))
            else:
                problems += problem.under(index).under(field.name).problems
                continue
        cells.append(cell)
    return tuple(cells)


def _year_aware(name: str, type_: Any) -> Reader:
    """Integers in fields named for years are years (1900–2200); other integers are counts."""
    if name in ("year", "years"):
        if type_ is int:
            return _year
        if typing.get_origin(type_) is tuple and typing.get_args(type_)[0] is int:
            return _sequence(_year, N_("years"))
    return reader(type_)


def _tagged_union(classes: tuple[type[Any], ...]) -> Reader:
    """A union of classes told apart by their ``kind`` key (the indicator kinds)."""
    by_kind = {attrs.fields(cls).kind.default: cls for cls in classes}
    allowed = ", ".join(repr(k) for k in by_kind)

    def read(value: Any) -> Any:
        if not isinstance(value, dict):
            raise _expected("a table with a 'kind' key", value)
        kind = value.get("kind")
        if kind is None:
            raise Invalid(
                [(["kind"], _("required but missing; one of {allowed}").format(allowed=allowed))]
            )
        if not isinstance(kind, str) or kind not in by_kind:
            raise Invalid(
                [
                    (
                        ["kind"],
                        _("{value} is not one of {allowed}").format(
                            value=describe(kind), allowed=allowed
                        ),
                    )
                ]
            )
        return reader(by_kind[kind])(value)

    return read


_SPECIAL: dict[Any, Reader] = {
    str: _text,
    int: _int,
    bool: _bool,
    Decimal: _decimal,
    Fraction: _fraction,
    Amount: _amount,
    dt.date: _date,
    Period: _period,
    OrgNumber: _org_number,
    AgeBand: _age_band,
}
_readers: dict[Any, Reader] = {}


def register_reader(type_: Any, read: Reader) -> None:
    """Read `type_` with `read` (for types with a shape of their own in files)."""
    _SPECIAL[type_] = read
    _readers.pop(type_, None)


def reader(type_: Any) -> Reader:
    """The compiled reader for `type_`."""
    try:
        return _readers[type_]
    except (KeyError, TypeError):
        pass
    read = _compile(type_)
    with contextlib.suppress(TypeError):  # an unhashable type expression: compile again
        _readers[type_] = read
    return read


def _compile(type_: Any) -> Reader:
    if type_ in _SPECIAL:
        return _SPECIAL[type_]
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if origin in (typing.Union, types.UnionType):
        inner = _without_none(type_)
        if inner is not None:
            return _optional(reader(inner))
        if all(attrs.has(a) and "kind" in attrs.fields_dict(a) for a in args):
            return _tagged_union(args)
        raise TypeError(f"finsam.io cannot read the union {type_}")
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            if args[0] == tuple[str, Decimal]:
                return _share_pairs
            item = args[0]
            name = getattr(item, "__name__", "")
            return _sequence(reader(item), _PLURALS.get(name, N_("items")))
        raise TypeError(f"finsam.io cannot read the tuple type {type_}")
    if origin is Literal:
        return _literal_reader(args)
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return _enum_reader(type_)
    if isinstance(type_, type) and attrs.has(type_):
        return class_reader(type_)
    raise TypeError(f"finsam.io cannot read values of type {type_!r}")


def structure(data: Any, cls: type[T], *, source: str | None = None) -> T:
    """Build a `cls` from plain data (tables, lists, texts, numbers), or raise one `DataError`.

    >>> from finsam import Population
    >>> from finsam.io._structure import structure
    >>> structure({"count": "many", "as_of": "2015-06-31"}, Population)
    Traceback (most recent call last):
    ...
    finsam.errors.DataError: count: ska vara ett heltal, men är texten 'many'
    as_of: '2015-06-31' är inget datum: dagen finns inte, eller så är det inte skrivet ÅÅÅÅ-MM-DD
    """
    try:
        result: T = reader(cls)(data)
    except Invalid as problem:
        raise DataError(
            [Problem(format_path(steps), message) for steps, message in problem.problems], source
        ) from None
    except RecursionError:
        raise DataError([Problem("", _("the data is nested too deeply"))], source) from None
    return result
