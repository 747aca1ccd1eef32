"""The ``finsam`` command: everyday jobs from the shell.

Exit codes: 0 success, 1 findings of severity error (``finsam check``), 2 unusable options or
input (with a one-line message, no traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import NoReturn

from finsam.datasets import forbund_names, load_forbund
from finsam.funding import FundingSplit, split_funding
from finsam.money import KRONA, ORE, TKR, Amount
from finsam.period import Period

__all__ = ["main"]

_UNITS = {"öre": ORE, "ore": ORE, "kr": KRONA, "tkr": TKR}


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
        metavar="NAME",
        help=f"bundled förbund: {', '.join(forbund_names())} (default: gavleborg)",
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
        "--unit", choices=["öre", "kr", "tkr"], default="kr", help="round to (default: kr)"
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
    check.add_argument(
        "--ignore", action="append", default=[], metavar="CODES", help="skip these checks"
    )
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


def _codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _run_check(args: argparse.Namespace) -> int:
    from finsam.datasets import load_report
    from finsam.io import load_report as load_report_file
    from finsam.money import parse_number
    from finsam.rules import Severity, Tolerance, check

    if not args.files and not args.dataset:
        raise ValueError("give report files or --dataset NAME")
    tolerance = Tolerance(parse_number(args.tolerance), parse_number(args.tolerance_per_line))
    documents = [(name, load_report(name)) for name in args.dataset]
    documents += [(path, load_report_file(path)) for path in args.files]
    findings = [
        finding
        for source, document in documents
        for finding in check(
            document,
            select=_codes(args.select),
            ignore=_codes(args.ignore) or (),
            tolerance=tolerance,
            source=source,
        )
    ]
    if args.json:
        print(json.dumps([f.record() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding.line())
        counts = {s: sum(f.severity is s for f in findings) for s in Severity}
        print(
            f"{len(documents)} document(s): {counts[Severity.ERROR]} error(s), "
            f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info"
        )
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _split_from(args: argparse.Namespace) -> FundingSplit:
    forbund = load_forbund(args.forbund)
    year = args.year
    if year is None:
        if args.period:
            year = Period.parse(args.period).start.year
        elif forbund.funding:
            year = min(f.year for f in forbund.funding)
        else:
            raise ValueError(f"{args.forbund}: no year known; give --year")
    return split_funding(
        forbund,
        year,
        total=Amount.parse(args.total) if args.total else None,
        state_share=Amount.parse(args.state_share) if args.state_share else None,
        period=Period.parse(args.period) if args.period else None,
        by=args.by,
        unit=_UNITS[args.unit],
    )


def _table(split: FundingSplit) -> str:
    from finsam.formatting import format_amount, format_share

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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``finsam`` command with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "datasets":
            from finsam.datasets import load_report, report_names

            for name in forbund_names():
                print(f"{name}\tförbund\t{load_forbund(name).name}")
            for name in report_names():
                report = load_report(name)
                print(f"{name}\t{type(report).__name__}\t{report.title} ({report.period})")
            return 0
        if args.command == "check":
            return _run_check(args)
        if args.command == "schema":
            from finsam.schema import schema_json

            sys.stdout.write(schema_json(args.kind))
            return 0
        split = _split_from(args)
    except (ValueError, LookupError, TypeError, OSError) as error:
        message = str(error).strip().replace("\n", "; ")
        print(f"finsam {args.command}: error: {message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(split.records(), ensure_ascii=False, indent=2))
    else:
        print(_table(split))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
