"""The ``finsam`` command: everyday jobs from the shell.

Exit codes: 0 success; 1 findings of severity error (``finsam check``); 2 unusable options
or input, one line per problem (``file: path: message``); 3 a bug inside finsam (a short
message that asks for a report; ``FINSAM_TRACEBACK=1`` shows where); 130 interrupted with
Ctrl-C. A closed pipe (``finsam split --json | head -1``) is not an error. No traceback is
ever printed unless asked for.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from finsam._i18n import LANGUAGES, _, using_language
from finsam.errors import DataError, FinsamError
from finsam.funding import FundingSplit, instalments, split_funding
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


def _terminal_width() -> int:
    """The width help is wrapped to, found as `shutil.get_terminal_size` finds it.

    argparse imports shutil for it whenever a parser is built, and shutil imports the
    compression modules: 2–3 ms of every command, which only ``--help`` needs.
    """
    with contextlib.suppress(KeyError, ValueError):
        if (columns := int(os.environ["COLUMNS"])) > 0:
            return columns
    stdout = sys.__stdout__
    with contextlib.suppress(AttributeError, ValueError, OSError):  # not a terminal
        if stdout is not None and (columns := os.get_terminal_size(stdout.fileno()).columns):
            return columns
    return 80


class _Help(argparse.HelpFormatter):
    """Help wrapped to the terminal's width, found without shutil (see `_terminal_width`)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        # argparse itself keeps a margin of two columns when it finds the width
        width = _terminal_width() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _RawHelp(_Help):
    """Descriptions wrapped line by line; indented lines (the examples) kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap  # only for help, as argparse does: a check never needs it

        return "\n".join(
            indent + line
            if not line or line.startswith(" ")
            else textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent)
            for line in text.splitlines()
        )


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def __init__(self, *args: Any, **options: Any) -> None:
        options.setdefault("formatter_class", _Help)
        super().__init__(*args, **options)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of messages: sv (the default, or $FINSAM_LANG) or en",
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="finsam",
        description="Tools for Swedish samordningsförbund (Finsam): funding splits and data.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    _split_parser(commands)
    _check_parser(commands)
    _export_parser(commands)
    _import_parser(commands)
    commands.add_parser("datasets", help="list the bundled reference datasets")
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of report or förbund files",
        description="Print the JSON Schema (draft 2020-12) that report or förbund files follow.",
    )
    schema.add_argument("kind", nargs="?", default="report", choices=["report", "forbund"])
    return parser


def _split_parser(commands: Any) -> None:
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
            "  finsam split --forbund my-forbund.toml --year 2025 --quarters --to invoices.xlsx\n"
            "  finsam split --total '14 000 000 kr' --json"
        ),
        formatter_class=_RawHelp,
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
    when = split.add_mutually_exclusive_group()
    when.add_argument(
        "--period",
        metavar="PERIOD",
        help="part of the year to pro-rate to, e.g. '2019-01-01 – 2019-06-30'",
    )
    when.add_argument(
        "--quarters",
        action="store_true",
        help="the year in four instalments that add up exactly to each member's year",
    )
    when.add_argument(
        "--months", action="store_true", help="the year in twelve instalments, likewise"
    )
    split.add_argument(
        "--by", choices=["months", "days"], default="months", help="pro-rate by (default: months)"
    )
    split.add_argument(
        "--unit",
        choices=["öre", "kr", "tkr"],
        help="round to (default: the unit of the förbund's charter, whole kronor unless it says)",
    )
    output = split.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON rows instead of a table")
    output.add_argument(
        "--to", metavar="FILE", help="write the rows to a .csv or .xlsx file instead"
    )
    _add_lang(split)


def _check_parser(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="check reports, plans and förbund against the law, LKBR, own policy and consistency",
        description=(
            "Run the rule checks over report, plan or förbund files (TOML, JSON, or a filled "
            "workbook .xlsx) or bundled datasets. Prints one line per finding, 'file: path: "
            "CODE severity: message', and a summary. Documents of the same förbund given "
            "together are checked with each other (a plan's deficit against the equity a "
            "report states). Exit code 0 when there are no errors, 1 when there are, 2 for "
            "unusable input."
        ),
        epilog=(
            "examples:\n"
            "  finsam check --dataset gavleborg-2019-h1\n"
            "  finsam check report.toml --select accounting --ignore FS-ACC-005\n"
            "  finsam check --dataset mphla-2016-jan-aug --json --lang en\n"
            "  finsam check report.xlsx --to findings.csv"
        ),
        formatter_class=_RawHelp,
    )
    check.add_argument("files", nargs="*", metavar="FILE", help="report, plan or förbund files")
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
        "--materiality-kr",
        metavar="AMOUNT",
        help="gaps up to this are info, not errors (default: 1 000 kr)",
    )
    check.add_argument(
        "--materiality-percent",
        metavar="PERCENT",
        help="... or up to this share of the figure concerned (default: 0,05)",
    )
    check.add_argument("--tolerance", metavar="UNITS", help="deprecated: see --materiality-kr")
    check.add_argument("--tolerance-per-line", metavar="UNITS", help="deprecated")
    output = check.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    output.add_argument("--to", metavar="FILE", help="write the findings to a .csv or .xlsx file")
    _add_lang(check)


def _export_parser(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="write a report (or an empty template) as an Excel workbook, TOML or JSON",
        description=(
            "Write a report or plan to a workbook (.xlsx) with a sheet per printed table and "
            "sheets for the förbund, board, insatser, goals and figures, or to TOML or JSON. "
            "With --template, write an empty workbook for a förbund to fill in."
        ),
        epilog=(
            "examples:\n"
            "  finsam export --dataset gavleborg-2019-h1 --to h1.xlsx\n"
            "  finsam export report.toml --to report.json\n"
            "  finsam export --template --forbund gavleborg --to new-report.xlsx"
        ),
        formatter_class=_RawHelp,
    )
    export.add_argument("file", nargs="?", metavar="FILE", help="a report or plan file")
    export.add_argument("--dataset", metavar="NAME", help="a bundled report instead of a file")
    export.add_argument("--template", action="store_true", help="an empty workbook to fill in")
    export.add_argument(
        "--forbund", metavar="NAME_OR_FILE", help="the förbund of the template (with --template)"
    )
    export.add_argument("--to", required=True, metavar="FILE", help=".xlsx, .toml or .json")
    _add_lang(export)


def _import_parser(commands: Any) -> None:
    importer = commands.add_parser(
        "import",
        help="turn a filled workbook, or a table pasted from a PDF, into TOML or JSON",
        description=(
            "Read a filled workbook (.xlsx) and write the report it holds to TOML or JSON; or, "
            "with --table, read a table as PDF text extraction gives it (tabs or spaces, "
            "Swedish numbers) and write it as a statement."
        ),
        epilog=(
            "examples:\n"
            "  finsam import filled.xlsx --to report.toml\n"
            "  finsam import --table not1.txt --kind not --title 'Not 1' --to not1.toml"
        ),
        formatter_class=_RawHelp,
    )
    importer.add_argument("file", nargs="?", metavar="FILE", help="a workbook (.xlsx)")
    importer.add_argument("--table", metavar="TEXT_FILE", help="a pasted table instead")
    importer.add_argument("--kind", default="tabell", help="what the table is (e.g. not)")
    importer.add_argument("--title", help="the table's title (default: the file's name)")
    importer.add_argument("--unit", choices=["kr", "tkr"], default="kr", help="its unit")
    importer.add_argument("--to", required=True, metavar="FILE", help=".toml or .json")
    _add_lang(importer)


# -- split ---------------------------------------------------------------------------------


def _split_from(args: argparse.Namespace) -> list[FundingSplit]:
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
    unit = None if args.unit is None else _UNITS[args.unit]
    try:
        if args.quarters or args.months:
            parts = "quarters" if args.quarters else "months"
            return list(
                instalments(forbund, year, parts, total=total, state_share=state, unit=unit)
            )
        return [
            split_funding(
                forbund, year, total=total, state_share=state, period=period, by=args.by, unit=unit
            )
        ]
    except ValueError as error:
        if isinstance(error, DataError):
            raise
        raise _UsageError(str(error)) from None  # the options do not fit together


def _plain(value: Any) -> Any:
    """Numbers as JSON writes them exactly: texts for Decimals and Fractions."""
    return str(value) if isinstance(value, Decimal | Fraction) else value


def _run_split(args: argparse.Namespace) -> tuple[str, int]:
    splits = _split_from(args)
    if args.to:
        from finsam.present.export import write_split

        written = write_split(args.to, splits)
        return f"{written}: {sum(len(s.contributions) for s in splits)} rows", 0
    if args.json:
        import json  # for --json only

        rows = [{k: _plain(v) for k, v in row.items()} for s in splits for row in s.records()]
        return json.dumps(rows, ensure_ascii=False, indent=2), 0
    return "\n\n".join(_table(split) for split in splits), 0


def _table(split: FundingSplit) -> str:
    from finsam.present.formatting import format_amount, format_share

    rows = [
        (
            c.member.name,
            c.member.kind.label,
            format_share(c.share),
            format_share(c.party_share)
            + ("*" if c.member.kind.value == "arbetsförmedlingen" else ""),
            format_amount(c.amount),
        )
        for c in split.contributions
    ]
    total_share = sum((c.share for c in split.contributions), Fraction(0))
    rows.append((_("Total"), "", format_share(total_share), "", format_amount(split.total)))
    header = (_("Member"), _("Kind"), _("Share of total"), _("Share of party"), _("Amount"))
    widths = [max(len(row[i]) for row in [*rows, header]) for i in range(5)]

    def line(row: Sequence[str]) -> str:
        return (
            f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  "
            f"{row[3]:>{widths[3]}}  {row[4]:>{widths[4]}}"
        )

    rule = "-" * len(line(header))
    return "\n".join(
        [
            _("{forbund}: contributions {period}").format(
                forbund=split.forbund.name, period=split.period
            ),
            _("Charter valid from {date}").format(date=split.charter.valid_from),
            "",
            line(header),
            rule,
            *(line(row) for row in rows[:-1]),
            rule,
            line(rows[-1]),
            "",
            _(
                "Share of party: a kommun's share of the kommuner's quarter, a region's of the "
                "regions' quarter, by the charter."
            ),
            _("* Försäkringskassan pays the state's whole half, Arbetsförmedlingen's part too."),
        ]
    )


# -- check ---------------------------------------------------------------------------------


def _codes(name: str, values: list[str] | None) -> list[str] | None:
    """The codes of repeated, comma-separated options; refusing an empty selection."""
    if values is None:
        return None
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    if not codes:
        raise _UsageError(f"{name} is empty; give codes, prefixes or families (e.g. FS-ACC,law)")
    return codes


def _non_negative(name: str, text: str) -> Decimal:
    from finsam.money import parse_number

    value = _option(name, parse_number, text)
    if value < 0:
        raise _UsageError(f"{name}: must not be negative, got {text}")
    return value


def _settings(args: argparse.Namespace) -> Any:
    from finsam.rules import Materiality, Rounding, Settings

    rounding = Rounding()
    if args.tolerance is not None or args.tolerance_per_line is not None:
        print(
            "finsam check: --tolerance is deprecated: finsam uses one rounding model (half a "
            "printed unit per rounded figure) and a materiality (--materiality-kr, "
            "--materiality-percent); it is mapped onto the rounding model for now",
            file=sys.stderr,
        )
        extra = _non_negative("--tolerance", args.tolerance) if args.tolerance else Decimal(0)
        per = (
            _non_negative("--tolerance-per-line", args.tolerance_per_line)
            if args.tolerance_per_line
            else Decimal("0.5")
        )
        rounding = Rounding(per_figure=Fraction(per), extra_units=Fraction(extra))
    materiality = Materiality()
    if args.materiality_kr is not None:
        absolute = _option("--materiality-kr", Amount.parse, args.materiality_kr)
        if absolute < 0:
            raise _UsageError("--materiality-kr: must not be negative")
        materiality = Materiality(absolute, materiality.relative)
    if args.materiality_percent is not None:
        percent = _non_negative("--materiality-percent", args.materiality_percent)
        materiality = Materiality(materiality.absolute, Fraction(percent) / 100)
    return Settings(rounding=rounding, materiality=materiality)


def _forbund_name(document: Any) -> str:
    """The name of the förbund a document is about (a förbund is about itself)."""
    return str(getattr(document, "forbund", document).name)


def _run_check(args: argparse.Namespace) -> tuple[str, int]:
    from finsam.io import load, load_report
    from finsam.rules import Severity, check

    if not args.files and not args.dataset:
        raise _UsageError("give report or förbund files, or --dataset NAME")
    settings = _settings(args)
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
    findings = []
    try:
        for source, document in documents:
            related = [
                other
                for other_source, other in documents
                if other is not document
                and hasattr(other, "period")
                and getattr(other, "forbund", None) is not None
                and _forbund_name(document) == other.forbund.name
            ]
            findings += check(
                document,
                select=select,
                ignore=ignore,
                settings=settings,
                source=source,
                related=related,
            )
    except ValueError as error:  # a selection that matches no check
        raise _UsageError(str(error)) from None
    code = 1 if any(f.severity is Severity.ERROR for f in findings) else 0
    if args.to:
        from finsam.present.export import write_findings

        return f"{write_findings(args.to, findings)}: {len(findings)} findings", code
    if args.json:
        import json  # for --json only

        return json.dumps([f.record() for f in findings], ensure_ascii=False, indent=2), code
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    summary = _(
        "{documents} document(s): {errors} error(s), {warnings} warning(s), {infos} info"
    ).format(
        documents=len(documents),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
    )
    return "\n".join([*(f.line() for f in findings), summary]), code


# -- export and import ------------------------------------------------------------------------


def _run_export(args: argparse.Namespace) -> tuple[str, int]:
    from finsam.io import load_report, save

    target = Path(args.to)
    if args.template:
        if args.forbund is None or args.file or args.dataset:
            raise _UsageError("--template needs --forbund NAME_OR_FILE and no report")
        if target.suffix.lower() != ".xlsx":
            raise _UsageError("--template writes a workbook: give --to FILE.xlsx")
        from finsam.io.workbook import write_template

        return f"{write_template(load_forbund(args.forbund), target)}: template", 0
    if bool(args.file) == bool(args.dataset):
        raise _UsageError("give a report FILE or --dataset NAME (one of them)")
    report = load_report(args.file or args.dataset)
    if target.suffix.lower() == ".xlsx":
        from finsam.io.workbook import write_workbook

        return f"{write_workbook(report, target)}: {report.title}", 0
    if target.suffix.lower() not in (".toml", ".json"):
        raise _UsageError(f"--to {args.to}: give a .xlsx, .toml or .json file")
    return f"{save(report, target)}: {report.title}", 0


def _run_import(args: argparse.Namespace) -> tuple[str, int]:
    from finsam.io import dump_json, dump_toml, load_report, save
    from finsam.io._save import write_text_atomic

    target = Path(args.to)
    if target.suffix.lower() not in (".toml", ".json"):
        raise _UsageError(f"--to {args.to}: give a .toml or .json file")
    if args.table:
        from finsam.io._read import decode, read_bytes
        from finsam.io.table import read_table

        path = Path(args.table)
        text = decode(read_bytes(path, str(path)), str(path))
        statement = read_table(
            text,
            kind=args.kind,
            title=args.title or path.stem,
            unit=args.unit,
            source=str(path),
        )
        dumped = dump_toml(statement) if target.suffix.lower() == ".toml" else dump_json(statement)
        return f"{write_text_atomic(target, dumped)}: {len(statement.lines)} lines", 0
    if not args.file:
        raise _UsageError("give a workbook FILE.xlsx, or --table TEXT_FILE")
    report = load_report(args.file)
    return f"{save(report, target)}: {report.title}", 0


# -- the rest -------------------------------------------------------------------------------------


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


#: At most this many problems of a file are printed, then how many more there are.
_MAX_PROBLEM_LINES = 200

_COMMANDS: dict[str, Callable[[argparse.Namespace], tuple[str, int]]] = {
    "check": _run_check,
    "datasets": _run_datasets,
    "export": _run_export,
    "import": _run_import,
    "schema": _run_schema,
    "split": _run_split,
}


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
            with using_language(getattr(args, "lang", None)), warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                text, code = _COMMANDS[args.command](args)
        except DataError as error:
            lines = [line.replace("\n", "; ") for line in error.lines()]
            if len(lines) > _MAX_PROBLEM_LINES:  # a file of a million mistakes: say so briefly
                more = len(lines) - _MAX_PROBLEM_LINES
                # Say which file: the error's own, or (problems of several files) the last shown.
                where = f"{error.source}: " if error.source else ""
                if not where and ": " in lines[_MAX_PROBLEM_LINES - 1]:
                    where = lines[_MAX_PROBLEM_LINES - 1].split(": ", 1)[0] + ": "
                rest = _("… and {count} more").format(count=more)
                lines = [*lines[:_MAX_PROBLEM_LINES], f"{where}{rest}"]
            _emit("\n".join(lines), sys.stderr)
            return 2
        except (_UsageError, FinsamError, OSError, ImportError) as error:
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
