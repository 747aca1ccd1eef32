"""The ``finsam`` command: everyday jobs from the shell.

Exit codes: 0 success; 1 findings of severity error (``finsam check``); 2 unusable options
or input, one line per problem (``file: path: message``); 3 a bug inside finsam (a short
message that asks for a report; ``FINSAM_TRACEBACK=1`` shows where); 130 interrupted with
Ctrl-C. A closed pipe (``finsam split --json | head -1``) is not an error. No traceback is
ever printed unless asked for.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, NoReturn, TypeVar

from finsam.errors import DataError, FinsamError
from finsam.funding import FundingSplit, split_funding
from finsam.io import load_forbund
from finsam.io.datasets import forbund_names
from finsam.money import KRONA, ORE, TKR, Amount
from finsam.period import Period

T = TypeVar("T")

__all__ = ["main"]

_UNITS = {"öre": ORE, "ore": ORE, "kr": KRONA, "tkr": TKR}


class _UsageError(Exception):
    """An option that cannot be used; exit 2 with its message."""


def _option(name: str, parse: Callable[[str], T], text: str) -> T:
    """`text` read by `parse`, or a usage error that names the option."""
    try:
        return parse(text)
    except (ValueError, TypeError) as error:
        raise _UsageError(f"{name}: {error}") from None


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="finsam",
        description="Tools for Swedish samordningsförbund (Finsam): funding splits and data.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    split = commands.add_parser(
        "split",
        help="print each member's contribution (the 50/25/25 split of § 5)",
        description=(
            "Split the members' contributions to a förbund for a year: the state (paid by "
            "Försäkringskassan for FK and Arbetsförmedlingen) one half, the region one "
            "quarter, the kommuner one quarter shared as the charter says. Without options "
            "it prints Samordningsförbund Gävleborg's split for 2019."
        ),
        epilog=(
            "examples:\n"
            "  finsam split\n"
            "  finsam split --period '2019-01-01 – 2019-06-30'\n"
            "  finsam split --forbund mphla --period 2016-01-01–2016-08-31 --unit tkr\n"
            "  finsam split --total '14 000 000 kr' --json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    split.add_argument(
        "--forbund",
        default="gavleborg",
        metavar="NAME_OR_FILE",
        help=(
            f"a bundled förbund ({', '.join(forbund_names())}) or a förbund file "
            "(.toml, .json); default: gavleborg"
        ),
    )
    split.add_argument(
        "--year", type=int, help="financial year (default: the förbund's first year with a total)"
    )
    amount = split.add_mutually_exclusive_group()
    amount.add_argument(
        "--total", metavar="AMOUNT", help="the year's total, e.g. '13 319 000 kr' or '13 320 tkr'"
    )
    amount.add_argument(
        "--state-share", metavar="AMOUNT", help="the state's half instead; the total is twice it"
    )
    split.add_argument(
        "--period",
        metavar="PERIOD",
        help="part of the year to pro-rate to, e.g. '2019-01-01 – 2019-06-30'",
    )
    split.add_argument(
        "--by", choices=["months", "days"], default="months", help="pro-rate by (default: months)"
    )
    split.add_argument(
        "--unit",
        choices=["öre", "kr", "tkr"],
        help="round to (default: the unit of the förbund's charter, whole kronor unless it says)",
    )
    split.add_argument("--json", action="store_true", help="print JSON rows instead of a table")

    check = commands.add_parser(
        "check",
        help="check reports and plans against the law, LKBR, own policy and consistency",
        description=(
            "Run the rule checks over report or plan files (TOML or JSON) or bundled datasets. "
            "Prints one line per finding, 'file: path: CODE severity: message', and a summary. "
            "Exit code 0 when there are no errors, 1 when there are, 2 for unusable input."
        ),
        epilog=(
            "examples:\n"
            "  finsam check --dataset gavleborg-2019-h1\n"
            "  finsam check report.toml --select accounting --ignore FS-ACC-005\n"
            "  finsam check --dataset mphla-2016-jan-aug --json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("files", nargs="*", metavar="FILE", help="report or plan files")
    check.add_argument(
        "--dataset",
        action="append",
        default=[],
        metavar="NAME",
        help="a bundled report (see 'finsam datasets'); may be repeated",
    )
    check.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these checks: codes, prefixes or families, comma-separated (e.g. FS-ACC,law)",
    )
    check.add_argument("--ignore", action="append", metavar="CODES", help="skip these checks")
    check.add_argument(
        "--tolerance",
        default="1",
        metavar="UNITS",
        help="accepted difference for any figure, in printed units (default: 1)",
    )
    check.add_argument(
        "--tolerance-per-line",
        default="0.5",
        metavar="UNITS",
        help="accepted difference per rounded line in a total (default: 0.5)",
    )
    check.add_argument("--json", action="store_true", help="print the findings as a JSON list")

    commands.add_parser("datasets", help="list the bundled reference datasets")
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of report or förbund files",
        description="Print the JSON Schema (draft 2020-12) that report or förbund files follow.",
    )
    schema.add_argument("kind", nargs="?", default="report", choices=["report", "forbund"])
    return parser


def _codes(name: str, values: list[str] | None) -> list[str] | None:
    """The codes of repeated, comma-separated options; refusing an empty selection."""
    if values is None:
        return None
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    if not codes:
        raise _UsageError(f"{name} is empty; give codes, prefixes or families (e.g. FS-ACC,law)")
    return codes


def _tolerance(name: str, text: str) -> Any:
    from finsam.money import parse_number

    value = _option(name, parse_number, text)
    if value < 0:
        raise _UsageError(f"{name}: must not be negative, got {text}")
    return value


def _run_check(args: argparse.Namespace) -> tuple[str, int]:
    from finsam.io import load, load_report
    from finsam.rules import Severity, Tolerance, check

    if not args.files and not args.dataset:
        raise _UsageError("give report or förbund files, or --dataset NAME")
    tolerance = Tolerance(
        _tolerance("--tolerance", args.tolerance),
        _tolerance("--tolerance-per-line", args.tolerance_per_line),
    )
    select, ignore = _codes("--select", args.select), _codes("--ignore", args.ignore) or []
    documents = [(name, load_report(name)) for name in args.dataset]
    problems: list[str] = []
    for path in args.files:
        try:
            documents.append((path, load(path)))
        except DataError as error:
            problems += error.lines()
    if problems:
        raise DataError(problems)
    try:
        findings = [
            finding
            for source, document in documents
            for finding in check(
                document, select=select, ignore=ignore, tolerance=tolerance, source=source
            )
        ]
    except ValueError as error:  # a selection that matches no check
        raise _UsageError(str(error)) from None
    code = 1 if any(f.severity is Severity.ERROR for f in findings) else 0
    if args.json:
        return json.dumps([f.record() for f in findings], ensure_ascii=False, indent=2), code
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    summary = (
        f"{len(documents)} document(s): {counts[Severity.ERROR]} error(s), "
        f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info"
    )
    return "\n".join([*(f.line() for f in findings), summary]), code


def _split_from(args: argparse.Namespace) -> FundingSplit:
    forbund = load_forbund(args.forbund)
    period = _option("--period", Period.parse, args.period) if args.period else None
    year = args.year
    if year is None:
        if period is not None:
            year = period.start.year
        elif forbund.funding:
            year = min(f.year for f in forbund.funding)
        else:
            raise _UsageError(f"{args.forbund}: no year known; give --year")
    total = _option("--total", Amount.parse, args.total) if args.total else None
    state = _option("--state-share", Amount.parse, args.state_share) if args.state_share else None
    try:
        return split_funding(
            forbund,
            year,
            total=total,
            state_share=state,
            period=period,
            by=args.by,
            unit=None if args.unit is None else _UNITS[args.unit],
        )
    except ValueError as error:
        if isinstance(error, DataError):
            raise
        raise _UsageError(str(error)) from None  # the options do not fit together


def _run_split(args: argparse.Namespace) -> tuple[str, int]:
    split = _split_from(args)
    if args.json:
        return json.dumps(split.records(), ensure_ascii=False, indent=2), 0
    return _table(split), 0


def _run_datasets(_args: argparse.Namespace) -> tuple[str, int]:
    from finsam.io import load_report
    from finsam.io.datasets import report_names

    lines = [f"{name}\tförbund\t{load_forbund(name).name}" for name in forbund_names()]
    for name in report_names():
        report = load_report(name)
        lines.append(f"{name}\t{type(report).__name__}\t{report.title} ({report.period})")
    return "\n".join(lines), 0


def _run_schema(args: argparse.Namespace) -> tuple[str, int]:
    from finsam.io.schema import schema_json

    return schema_json(args.kind).rstrip("\n"), 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], tuple[str, int]]] = {
    "check": _run_check,
    "datasets": _run_datasets,
    "schema": _run_schema,
    "split": _run_split,
}


def _table(split: FundingSplit) -> str:
    from finsam.present.formatting import format_amount, format_share

    rows = [
        (c.member.name, c.member.kind.label, format_share(c.share), format_amount(c.amount))
        for c in split.contributions
    ]
    total_share = sum((c.share for c in split.contributions), Fraction(0))
    rows.append(("Summa", "", format_share(total_share), format_amount(split.total)))
    header_row = ("Medlem", "Slag", "Andel", "Belopp")
    widths = [max(len(row[i]) for row in [*rows, header_row]) for i in range(4)]

    def line(row: Sequence[str]) -> str:
        return (
            f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  "
            f"{row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}"
        )

    rule = "-" * len(line(header_row))
    return "\n".join(
        [
            f"{split.forbund.name}: medlemsbidrag {split.period}",
            f"Förbundsordning giltig från {split.charter.valid_from}",
            "",
            line(header_row),
            rule,
            *(line(row) for row in rows[:-1]),
            rule,
            line(rows[-1]),
        ]
    )


def _emit(text: str, stream: Any) -> None:
    """Write `text` and a newline; a reader that went away (``| head``) is not an error."""
    try:
        stream.write(text + "\n")
        stream.flush()
    except BrokenPipeError:
        # Point the stream at nothing, so that Python's own flush at exit stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``finsam`` command with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        args = _build_parser().parse_args(argv)
        name = f"finsam {args.command}"
        try:
            text, code = _COMMANDS[args.command](args)
        except DataError as error:
            _emit("\n".join(line.replace("\n", "; ") for line in error.lines()), sys.stderr)
            return 2
        except (_UsageError, FinsamError, OSError) as error:
            message = str(error).strip().replace("\n", "; ")
            _emit(f"{name}: error: {message}", sys.stderr)
            return 2
        _emit(text, sys.stdout)
        return code
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug in finsam: say so, briefly
        if os.environ.get("FINSAM_TRACEBACK"):
            raise
        _emit(
            f"finsam: internal error ({type(error).__name__}: {str(error)[:200]}). This is a "
            "bug in finsam; please report it with the command and the file "
            "(FINSAM_TRACEBACK=1 shows where it happened).",
            sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
