"""Reports as Excel workbooks: write a report or a blank template, read a filled one back.

The people who write förbund reports work in Excel. A workbook here is a layout of the
plain data the TOML and JSON files hold (`finsam.io.report_data`): every key of it has a
place — a cell of a sheet, or, for the rare value no sheet has a place for, a row of the
sheet *Övrigt* — and reading a workbook gives back the same data, which
`finsam.io.structure_report` then turns into a report with all of finsam's checks on the
way in. So a report written and read back is the same report, printed texts included.

Sheets, in order (headings in Swedish):

- *Instruktioner* — how to fill the workbook in;
- *Rapport* — type, title, period, decision date, source, target age band;
- one sheet per printed table (``T1 …``, ``T2 …``): title, kind, unit and sign convention
  on top, then the columns (key, kind, what a derived column is derived from, period) and
  one row per line with its label, role, note, contributor, the lines it sums, and a cell
  per column;
- *Budget* — one row per budget line with a cell per year, "varav" rows and the stated
  totals; *Prognos* — the full-year forecast;
- *Insatser* (one row each, with participants and outcome shares), *Insatsbudget* (budget
  and outcome per year), *Budgetdelar*, *Fler utfall* (further outcome categories),
  *Andra uppgifter* (what other places of the report state about an insats);
- *Mål*, *Indikatorer*, *Enkätfrågor*; *Siffror i texten*;
- *Styrelse* and *Ledamöter*; *Förbund*, *Medlemmar*, *Invånartal*, *Förbundsordning*,
  *Andelar* and *Finansiering*;
- *Övrigt* — anything without a place of its own, as a data path and a JSON value.

Rows on other sheets refer to their insats, goal or charter version by its number
(*Nr*); an insats or a goal may also be named. Cells hold texts as texts and numbers as
numbers: whole numbers (and decimals a spreadsheet holds exactly) are written as numbers,
amounts in whole kronor as numbers formatted as kronor, valid dates as dates; every other
value is written as the text the data holds, so nothing is changed by Excel.

Reading is lenient where the meaning is clear (a date typed into a date column, a number
with spaces around it, "ja"/"nej", empty rows) and exact otherwise: anything wrong is a
`finsam.DataError` whose problems name the sheet and the cell (``Insatsbudget!B3``),
followed by the data path finsam's loader reports. openpyxl is needed only here
(``pip install openpyxl``, the ``excel`` extra) and is imported only when a workbook is
written or read.

Example:
    >>> from pathlib import Path
    >>> import tempfile
    >>> from finsam import load_report
    >>> from finsam.io.workbook import read_workbook, write_workbook
    >>> report = load_report("mphla-2016-jan-aug")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_workbook(report, Path(folder) / "mphla.xlsx")
    ...     read_workbook(path) == report
    True
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import importlib
import io
import itertools
import json
import math
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn

import attrs

from finsam._fields import Model
from finsam._i18n import N_, _
from finsam.errors import DataError, Problem
from finsam.limits import MAX_FILE_BYTES, MAX_ITEMS

if TYPE_CHECKING:
    from finsam.forbund import Forbund
    from finsam.reports import AnnualReport, InterimReport, Plan

__all__ = ["read_workbook", "write_template", "write_workbook"]

Step = str | int
DataPath = tuple[Step, ...]

# -- limits -------------------------------------------------------------------------------------

#: Excel holds at most this many characters in a cell.
MAX_CELL_TEXT: Final = 32_767
#: A workbook's parts may unpack to at most this many bytes (a zip bomb is refused).
MAX_UNPACKED_BYTES: Final = 5 * MAX_FILE_BYTES
#: At most this many cells are read from all sheets together (empty cells inside rows count).
MAX_CELLS: Final = 5_000_000
#: At most this many rows are read from one sheet (empty rows count).
MAX_ROWS: Final = 1_100_000
#: Integers of at most this size are written as numbers (Excel keeps 15 digits exactly).
_MAX_EXACT_INT: Final = 10**15

# -- sheet names ----------------------------------------------------------------------------------

INSTRUCTIONS: Final = "Instruktioner"
REPORT: Final = "Rapport"
BUDGET: Final = "Budget"
FORECAST: Final = "Prognos"
INSATSER: Final = "Insatser"
INSATS_BUDGETS: Final = "Insatsbudget"
PARTS: Final = "Budgetdelar"
MORE: Final = "Fler utfall"
ALSO: Final = "Andra uppgifter"
GOALS: Final = "Mål"
INDICATORS: Final = "Indikatorer"
QUESTIONS: Final = "Enkätfrågor"
FIGURES: Final = "Siffror i texten"
BOARD: Final = "Styrelse"
SEATS: Final = "Ledamöter"
FORBUND: Final = "Förbund"
MEMBERS: Final = "Medlemmar"
POPULATIONS: Final = "Invånartal"
CHARTERS: Final = "Förbundsordning"
SHARES: Final = "Andelar"
FUNDING: Final = "Finansiering"
EXTRAS: Final = "Övrigt"

#: The sheets every workbook has (the tables come after the report sheet).
FIXED_SHEETS: Final = (
    REPORT,
    BUDGET,
    FORECAST,
    INSATSER,
    INSATS_BUDGETS,
    PARTS,
    MORE,
    ALSO,
    GOALS,
    INDICATORS,
    QUESTIONS,
    FIGURES,
    BOARD,
    SEATS,
    FORBUND,
    MEMBERS,
    POPULATIONS,
    CHARTERS,
    SHARES,
    FUNDING,
    EXTRAS,
)

# -- what a cell holds --------------------------------------------------------------------------

TEXT: Final = "text"  # free text, kept exactly
LONG: Final = "long"  # free text shown wrapped
LIST: Final = "list"  # texts, one per line in the cell
WORD: Final = "word"  # a word of a vocabulary (offered in a drop-down list)
NUM: Final = "num"  # a number, or a text as printed
VALUE: Final = "value"  # a printed table's number (thousands separated)
AMOUNT: Final = "amount"  # an amount: "13 319 000 kr", "1 243 tkr", or a number of kronor
YEAR: Final = "year"
DATE: Final = "date"
PERIOD: Final = "period"
BOOL: Final = "bool"  # "ja" or "nej"

_TEXT_KINDS: Final = frozenset({TEXT, LONG})
_NUMBER_KINDS: Final = frozenset({NUM, VALUE, AMOUNT, YEAR})


@attrs.frozen(repr=False, eq=False)
class Col(Model):
    """A field of the data and where a sheet shows it.

    Attributes:
        key: The field, dotted for a field of a nested table (``participants.women``).
        heading: The Swedish heading (a column heading, or a row label in a form).
        kind: What the cell holds (`TEXT`, `NUM`, `AMOUNT`, ...).
        required: A text the data always has: an empty cell reads as "" (not as missing).
        choices: The words a drop-down list offers (other words may still be typed).
        words: Swedish words shown for the data's own tags (``signed`` → ``med tecken``).
        width: The column's width in characters.
        fold: Read a word that differs from a choice only in case or spaces as the choice
            (for words finsam does not keep as printed).
    """

    key: str
    heading: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    words: Mapping[str, str] = attrs.field(factory=dict)
    width: int = 0
    fold: bool = False

    @property
    def offered(self) -> tuple[str, ...]:
        return tuple(self.words.values()) or self.choices


@attrs.frozen(repr=False, eq=False)
class ListSheet(Model):
    """A sheet with one row per item of a list.

    Attributes:
        name: The sheet's name.
        keys: Headings of the columns that name the item's parent (``Insats``, ``Uppgift``).
        nr: Whether items have their own number (*Nr*) that rows elsewhere refer to.
        cols: The item's fields.
        children: Fields of the item shown on other sheets (dotted).
    """

    name: str
    keys: tuple[str, ...]
    nr: bool
    cols: tuple[Col, ...]
    children: frozenset[str] = frozenset()


def _enum_values(path: str, name: str) -> tuple[str, ...]:
    module = importlib.import_module(path)
    return tuple(member.value for member in getattr(module, name))


_CONVENTIONS: Final = {
    "signed": "med tecken",
    "costs_positive": "kostnader positiva",
    "credit_negative": "kredit negativ",
}
_INDICATOR_KINDS: Final = {
    "target": "målvärde",
    "ratio_limit": "gräns i procent",
    "national": "nationell jämförelse",
    "improvement": "förbättring",
    "yes_no": "ja eller nej",
}
_REPORT_TYPES: Final = ("delårsrapport", "årsredovisning", "verksamhetsplan")
_BOOLS: Final = ("ja", "nej")


def _layout() -> dict[str, Any]:
    """The columns of every sheet (built once, on first use)."""
    assessments = _enum_values("finsam.goals", "Assessment")
    participants = (
        Col("participants.women", "Deltagare kvinnor", NUM),
        Col("participants.men", "Deltagare män", NUM),
        Col("participants.other", "Deltagare annat/ej angivet", NUM),
        Col("participants.stated_total", "Deltagare totalt (angivet)", NUM),
        Col("participants.women_percent", "Kvinnor %", NUM),
        Col("participants.men_percent", "Män %", NUM),
        Col("outcomes.exits", "Avslutade", NUM),
        Col("outcomes.work", "Arbete %", NUM),
        Col("outcomes.studies", "Studier %", NUM),
        Col("outcomes.job_seeking", "Arbetssökande %", NUM),
        Col("outcomes.other", "Annat %", NUM),
        Col("outcomes.work_count", "Arbete (antal)", NUM),
        Col("outcomes.studies_count", "Studier (antal)", NUM),
        Col("outcomes.job_seeking_count", "Arbetssökande (antal)", NUM),
        Col("outcomes.other_count", "Annat (antal)", NUM),
        Col("outcomes.stated_total_percent", "Summa % (angiven)", NUM),
    )
    figures = (
        Col("local", "Lokalt", NUM),
        Col("national", "Nationellt", NUM),
        Col("local_women", "Lokalt kvinnor", NUM),
        Col("local_men", "Lokalt män", NUM),
        Col("national_women", "Nationellt kvinnor", NUM),
        Col("national_men", "Nationellt män", NUM),
    )
    year_budget = (
        Col("year", "År", YEAR),
        Col("budget", "Budget", AMOUNT, width=16),
        Col("outcome", "Utfall", AMOUNT, width=16),
    )
    return {
        "report": (
            Col("format", "Filformat", NUM),
            Col("type", "Typ", WORD, choices=_REPORT_TYPES, fold=True),
            Col("title", "Titel", TEXT, required=True),
            Col("period", "Period", PERIOD),
            Col("decided", "Beslutad", DATE),
            Col("source", "Källa", TEXT),
            Col("target_age_band.min_age", "Målgruppens lägsta ålder", NUM),
            Col("target_age_band.max_age", "Målgruppens högsta ålder", NUM),
        ),
        "forecast": (
            Col("statement", "Tabell med prognosen", TEXT, required=True),
            Col("opening_equity", "Ingående eget kapital", AMOUNT),
            Col("closing_equity", "Utgående eget kapital enligt prognos", AMOUNT),
            Col("equity_share_percent", "Eget kapital i % av intäkterna", NUM),
            Col("opening_date", "Dag för ingående eget kapital", DATE),
        ),
        "board": (
            Col("stated_ledamoter", "Antal ledamöter (som texten anger)", NUM),
            Col("stated_ersattare", "Antal ersättare (som texten anger)", NUM),
            Col("stated_members", "Antal medlemmar (som texten anger)", NUM),
            Col("represented_jointly", "Medlemmar som företräds gemensamt", LIST),
        ),
        "forbund": (
            Col("@reference", "Förbund i finsam", TEXT),
            Col("name", "Namn", TEXT, required=True),
            Col("org_number", "Organisationsnummer", TEXT),
            Col("seat", "Säte", TEXT),
            Col("founded", "Bildat", DATE),
        ),
        "statement": (
            Col("title", "Tabellens rubrik", TEXT, required=True),
            Col("kind", "Slag", WORD, choices=_enum_values("finsam.accounts", "StatementKind")),
            Col("unit", "Enhet", WORD, choices=_enum_values("finsam.accounts", "PrintedUnit")),
            Col("convention", "Tecken", WORD, words=_CONVENTIONS),
            Col("number", "Notnummer", NUM),
            Col("explains", "Förklarar raden", TEXT),
            Col("breaks_down", "Bryter ned raden", TEXT),
        ),
        "column": (
            Col("key", "Kolumnens nyckel", TEXT, required=True),
            Col(
                "kind",
                "Kolumnens slag",
                WORD,
                choices=_enum_values("finsam.accounts", "ColumnKind"),
            ),
            Col("of", "Härledd ur kolumnerna", LIST),
            Col("period", "Kolumnens period", PERIOD),
        ),
        "column_label": Col("label", "Kolumnens rubrik", TEXT, required=True),
        "line": (
            Col("label", "Rad", TEXT, required=True, width=40),
            Col("role", "Roll", WORD, choices=_enum_values("finsam.accounts", "LineRole")),
            Col("note", "Not", NUM, width=6),
            Col("contributor", "Bidragsgivare", TEXT),
            Col("total_of", "Summa av", LIST, width=24),
            Col("same_as", "Samma som", TEXT),
        ),
        "budget": (Col("opening_equity", "Ingående eget kapital", AMOUNT),),
        "budget_line": (
            Col("label", "Rad", TEXT, required=True, width=36),
            Col(
                "category",
                "Kategori",
                WORD,
                choices=_enum_values("finsam.budget", "BudgetCategory"),
            ),
        ),
        INSATSER: ListSheet(
            INSATSER,
            (),
            True,
            (
                Col("name", "Namn", TEXT, required=True, width=30),
                Col(
                    "orientation",
                    "Inriktning",
                    WORD,
                    choices=_enum_values("finsam.insats", "Orientation"),
                ),
                Col("period", "Period", PERIOD, width=24),
                Col("purpose", "Syfte", LONG, width=50),
                Col("targets", "Mål (ett per rad)", LIST, width=50),
                Col(
                    "registration",
                    "Deltagarregistrering",
                    WORD,
                    choices=_enum_values("finsam.insats", "RegistrationMode"),
                ),
                Col("target_group", "Specifik målgrupp", TEXT, width=24),
                Col("age_band.min_age", "Lägsta ålder", NUM),
                Col("age_band.max_age", "Högsta ålder", NUM),
                Col("lead", "Huvudman", TEXT, width=24),
                Col("cooperating", "Samverkansparter (en per rad)", LIST, width=30),
                Col("status", "Status", WORD, choices=_enum_values("finsam.insats", "Status")),
                Col("result", "Resultat", LONG, width=50),
                Col("comment", "Kommentar", LONG, width=50),
                Col("assessment", "Bedömning", WORD, choices=assessments),
                Col("source", "Källa i rapporten", TEXT),
                *participants,
            ),
            frozenset({"budgets", "also_stated", "outcomes.more"}),
        ),
        ALSO: ListSheet(
            ALSO,
            ("Insats",),
            True,
            (
                Col("source", "Källa", TEXT, required=True, width=30),
                Col("period", "Period", PERIOD, width=24),
                Col("statement", "Tabellrad", TEXT, width=30),
                *participants,
            ),
            frozenset({"budgets", "outcomes.more"}),
        ),
        INSATS_BUDGETS: ListSheet(
            INSATS_BUDGETS, ("Insats", "Uppgift"), False, year_budget, frozenset({"parts"})
        ),
        PARTS: ListSheet(
            PARTS,
            ("Insats", "Uppgift", "År"),
            False,
            (
                Col("label", "Del", TEXT, required=True, width=36),
                Col("budget", "Budget", AMOUNT, width=16),
                Col("outcome", "Utfall", AMOUNT, width=16),
            ),
        ),
        MORE: ListSheet(
            MORE,
            ("Insats", "Uppgift"),
            False,
            (
                Col("label", "Benämning", TEXT, required=True, width=30),
                Col("percent", "Procent", NUM),
                Col("count", "Antal", NUM),
                Col("group", "Grupp", WORD, choices=_enum_values("finsam.insats", "OutcomeGroup")),
            ),
        ),
        GOALS: ListSheet(
            GOALS,
            (),
            True,
            (
                Col("name", "Namn", TEXT, width=20),
                Col("text", "Mål", LONG, required=True, width=50),
                Col("manual", "Samlad bedömning", WORD, choices=assessments, width=20),
                Col("comment", "Kommentar", LONG, width=50),
            ),
            frozenset({"indicators"}),
        ),
        INDICATORS: ListSheet(
            INDICATORS,
            ("Mål",),
            True,
            (
                Col("kind", "Slag", WORD, words=_INDICATOR_KINDS, width=20),
                Col("description", "Beskrivning", LONG, required=True, width=50),
                Col("target", "Målvärde", NUM),
                Col("measured", "Uppmätt", NUM),
                Col("unit", "Enhet", TEXT),
                Col("at_least", "Minst (nej: högst)", BOOL),
                Col("limit_percent", "Gräns %", NUM),
                Col("ceiling", "Tak (nej: golv)", BOOL),
                Col("measured_percent", "Uppmätt %", NUM),
                *figures,
                Col("previous", "Föregående", NUM),
                Col("current", "Nuvarande", NUM),
                Col("higher_is_better", "Högre är bättre", BOOL),
                Col("fulfilled", "Uppfyllt", BOOL),
                Col("manual", "Bedömning", WORD, choices=assessments, width=20),
                Col("dropped", "Måttet utgår", BOOL),
            ),
            frozenset({"questions"}),
        ),
        QUESTIONS: ListSheet(
            QUESTIONS,
            ("Mål", "Indikator"),
            False,
            (Col("text", "Fråga", LONG, required=True, width=50), *figures),
        ),
        FIGURES: ListSheet(
            FIGURES,
            (),
            False,
            (
                Col("key", "Nyckel", TEXT, required=True, width=30),
                Col("value", "Värde", NUM),
                Col("unit", "Enhet", TEXT, required=True),
                Col("source", "Källa", TEXT, width=40),
                Col("refers_to", "Avser", TEXT, width=40),
                Col("base", "Bas (antal)", NUM),
            ),
        ),
        SEATS: ListSheet(
            SEATS,
            (),
            False,
            (
                Col("person", "Namn", TEXT, required=True, width=24),
                Col("represents", "Företräder", TEXT, required=True, width=24),
                Col("role", "Roll", WORD, choices=_enum_values("finsam.forbund", "BoardRole")),
                Col("chair", "Ordförande", BOOL),
                Col("vice_chair", "Vice ordförande", BOOL),
                Col("political_party", "Parti", TEXT),
            ),
        ),
        MEMBERS: ListSheet(
            MEMBERS,
            (),
            False,
            (
                Col("name", "Namn", TEXT, required=True, width=28),
                Col("kind", "Slag", WORD, choices=_enum_values("finsam.parties", "MemberKind")),
                Col("population.count", "Invånare", NUM),
                Col("population.as_of", "Invånare per", DATE),
                Col("aliases", "Andra namn (ett per rad)", LIST, width=28),
                Col("joined", "Medlem från", DATE),
                Col("left", "Medlem till och med", DATE),
            ),
            frozenset({"populations"}),
        ),
        POPULATIONS: ListSheet(
            POPULATIONS,
            ("Medlem",),
            False,
            (Col("count", "Invånare", NUM), Col("as_of", "Per", DATE)),
        ),
        CHARTERS: ListSheet(
            CHARTERS,
            (),
            True,
            (
                Col("valid_from", "Gäller från", DATE),
                Col("population_date", "Fördelning efter invånare per", DATE),
                Col("reference", "Källa", TEXT, width=40),
                Col("unit", "Avrundas till", AMOUNT),
            ),
            frozenset({"kommun_percentages", "region_percentages"}),
        ),
        SHARES: ListSheet(
            SHARES,
            ("Förbundsordning",),
            False,
            (
                Col("kind", "Slag", WORD, choices=("kommun", "region")),
                Col("member", "Medlem", TEXT, required=True, width=28),
                Col("percent", "Procent", NUM),
            ),
        ),
        FUNDING: ListSheet(
            FUNDING,
            (),
            False,
            (
                Col("year", "År", YEAR),
                Col("total", "Totalt", AMOUNT, width=16),
                Col("reference", "Källa", TEXT, width=40),
            ),
        ),
    }


_LAYOUT: dict[str, Any] = {}


def layout() -> dict[str, Any]:
    """The sheets' columns (see `_layout`)."""
    if not _LAYOUT:
        _LAYOUT.update(_layout())
    return _LAYOUT


_BUDGET_ROWS: Final = {
    "amounts": "belopp",
    "granted": "varav beviljat",
    "available": "varav tillgängligt",
    "stated_revenue": "angivna intäkter",
    "stated_costs": "angivna kostnader",
}
_SHARE_KINDS: Final = {"kommun": "kommun_percentages", "region": "region_percentages"}

#: The first column of a table sheet that holds the printed numbers (after the line fields).
_FIRST_VALUE: Final = 7
#: The first column of the budget sheet that holds amounts (after label, category, "avser").
_FIRST_YEAR: Final = 4

# -- paths ---------------------------------------------------------------------------------------


def format_path(path: Sequence[Step]) -> str:
    """A data path as finsam's loader prints it: ``insatser[3].period``."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif step.isidentifier():
            text += f".{step}" if text else step
        else:
            text += f"[{step!r}]"
    return text


_STEP_RE: Final = re.compile(
    r"""(?P<dot>\.)?(?P<name>[^\W\d]\w*)|\[(?P<index>\d+)\]|\[(?P<quoted>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]"""
)


def parse_path(text: str) -> DataPath | None:
    """The steps of a path written by `format_path`, or None when it is not one."""
    steps: list[Step] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _STEP_RE.match(text, position)
        if match is None:
            return None
        if match["name"] is not None:
            if bool(match["dot"]) != bool(steps):
                return None
            steps.append(match["name"])
        elif match["index"] is not None:
            steps.append(int(match["index"]))
        else:
            try:
                steps.append(str(ast.literal_eval(match["quoted"])))
            except (ValueError, SyntaxError):
                return None
        position = match.end()
    return tuple(steps) if steps else None


def _normal(text: object) -> str:
    """A heading or word compared without case and extra white space."""
    return " ".join(str(text).split()).casefold()


# -- cells: writing -------------------------------------------------------------------------------

_PLAIN_NUMBER: Final = re.compile(r"-?\d+(\.\d+)?")
_WHOLE_KRONOR: Final = re.compile(r"-?\d{1,3}( \d{3})* kr")
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_ESCAPED: Final = re.compile(r"_x[0-9A-Fa-f]{4}_")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f]")


class UnwritableError(Exception):
    """A value that has no cell form; it goes to the sheet *Övrigt*."""


def escape_text(text: str) -> str:
    """A text as a cell holds it: control characters and ``_xHHHH_`` escaped as Excel does."""
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: "_x005F" + m[0], text)
    return _CONTROL.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


def unescape_text(text: str) -> str:
    """The text a cell holds, with Excel's ``_xHHHH_`` escapes undone."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m[0][2:6], 16)), text)


def _number_cell(text: str) -> int | float | None:
    """A plain decimal text as a number a cell holds exactly, or None to keep it as text."""
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    digits = text.lstrip("-")
    if "." not in text:
        if (digits.startswith("0") and digits != "0") or text == "-0":
            return None
        number = int(text)
        return number if abs(number) < _MAX_EXACT_INT else None
    if text.endswith("0") or len(digits.replace(".", "").lstrip("0")) > 15:
        return None
    value = float(text)
    if Decimal(repr(value)).as_tuple() != Decimal(text).as_tuple():
        return None
    return value


def encode_list(items: Sequence[Any]) -> str:
    """Texts one per line; as JSON when a text has a line break or white space at an end."""
    if not all(isinstance(item, str) for item in items):
        raise UnwritableError
    plain = all(
        item and item == item.strip() and "\n" not in item and "\r" not in item for item in items
    )
    if plain and not items[0].startswith("["):
        return "\n".join(items)
    return json.dumps(list(items), ensure_ascii=False)


def decode_list(text: str) -> list[str]:
    """The texts of a cell written by `encode_list` or typed one per line."""
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(item, str) for item in items):
            return items
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.strip() for line in lines if line.strip()]


def cell_value(col: Col, value: Any) -> tuple[Any, str | None]:
    """What a cell holds for a value of the data, and its number format.

    Raises `UnwritableError` for a value with no cell form (None, a table where a value belongs,
    a text with white space at an end where a number, date or word belongs).
    """
    kind = col.kind
    if value is None or isinstance(value, dict):
        raise UnwritableError
    if kind == LIST:
        if not isinstance(value, list):
            raise UnwritableError
        return (encode_list(value) if value else None), None
    if isinstance(value, list):
        raise UnwritableError
    if kind == BOOL:
        if isinstance(value, bool):
            return ("ja" if value else "nej"), None
    elif isinstance(value, bool):
        raise UnwritableError
    if isinstance(value, int):
        if kind in _TEXT_KINDS or not abs(value) < _MAX_EXACT_INT:
            raise UnwritableError
        if kind == VALUE or (kind == AMOUNT and abs(value) >= 1000):
            return value, "#,##0"
        return value, None
    if not isinstance(value, str):
        raise UnwritableError
    if kind in _TEXT_KINDS:
        return value, None
    if value != value.strip():
        raise UnwritableError  # the reader trims numbers, dates and words
    if kind == WORD:
        return col.words.get(value, value), None
    if kind in (NUM, VALUE):
        number = _number_cell(value)
        if number is not None:
            return number, ("#,##0" if kind == VALUE and isinstance(number, int) else None)
    elif kind == AMOUNT:
        if _WHOLE_KRONOR.fullmatch(value):
            number = int(value.replace(" ", "")[:-2])
            if abs(number) < _MAX_EXACT_INT:
                return number, '#,##0 "kr"'
    elif kind == DATE and _ISO_DATE.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is not None and day.year > 1900:
            return day, "yyyy-mm-dd"
    return value, None


# -- cells: reading -------------------------------------------------------------------------------

_TRUE: Final = frozenset({"ja", "j", "x", "sant", "true", "yes", "1"})
_FALSE: Final = frozenset({"nej", "n", "falskt", "false", "no", "0"})


class CellError(Exception):
    """What is wrong with one cell."""


def _float_value(number: float) -> int | str:
    if not math.isfinite(number):
        raise CellError(_("not a finite number"))
    return _decimal_value(Decimal(repr(number)))


def _decimal_value(number: Decimal) -> int | str:
    if number == number.to_integral_value():
        return int(number)
    return format(number.normalize(), "f")


def _day_text(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise CellError(
                _("a date and time ({value}); write only the date, YYYY-MM-DD").format(
                    value=value.isoformat(sep=" ")
                )
            )
        value = value.date()
    return value.isoformat()


def read_cell(col: Col, raw: Any) -> Any:
    """The data for what a cell holds, or None for an empty cell; `CellError` if wrong."""
    kind = col.kind
    if raw is None:
        return None
    if isinstance(raw, str):
        text = unescape_text(raw)
        if kind in _TEXT_KINDS:
            return text if text else None
        if kind == LIST:
            return decode_list(text) or None
        text = text.strip()
        if not text:
            return None
        if kind == WORD:
            for tag, word in col.words.items():
                if _normal(text) == _normal(word):
                    return tag
            if col.fold:
                for choice in col.choices:
                    if _normal(text) == _normal(choice):
                        return choice
            return text
        if kind == BOOL:
            word = _normal(text)
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            return text
        if kind == YEAR and text.isdigit() and len(text) <= 6:
            return int(text)
        return text
    if isinstance(raw, bool):
        if kind == BOOL:
            return raw
        return ("ja" if raw else "nej") if kind in _TEXT_KINDS | {LIST, WORD} else raw
    if isinstance(raw, int | float | Decimal):
        if isinstance(raw, Decimal):
            number = _decimal_value(raw)
        else:
            number = _float_value(raw) if isinstance(raw, float) else raw
        if kind == BOOL and number in (0, 1):
            return number == 1
        if kind == AMOUNT and isinstance(number, str):
            return Decimal(number)
        if kind in _NUMBER_KINDS or kind == BOOL:
            return number
        if kind == DATE:
            raise CellError(_("a number where a date belongs; write the date as YYYY-MM-DD"))
        return [str(number)] if kind == LIST else str(number)
    if isinstance(raw, dt.datetime | dt.date):
        if kind in _NUMBER_KINDS or kind == BOOL:
            raise CellError(
                _(
                    "a date where a number belongs; write the number "
                    "(Excel may have read it as a date)"
                )
            )
        text = _day_text(raw)
        return [text] if kind == LIST else text
    raise CellError(
        _("a cell of type {kind} where {what} belongs").format(
            kind=type(raw).__name__, what=_describe_kind(kind)
        )
    )


def _describe_kind(kind: str) -> str:
    return {
        NUM: _("a number"),
        VALUE: _("a number"),
        AMOUNT: _("an amount"),
        YEAR: _("a year"),
        DATE: _("a date"),
        PERIOD: _("a period"),
        BOOL: _("ja or nej"),
    }.get(kind, _("a text"))


# -- data: fields of an item --------------------------------------------------------------------


def _get(node: Mapping[str, Any], dotted: str) -> Any:
    value: Any = node
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _put(node: dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def split_item(
    item: Mapping[str, Any], cols: Sequence[Col], children: Iterable[str], path: DataPath
) -> tuple[dict[str, Any], list[tuple[DataPath, Any]]]:
    """The values of an item's columns, and the (path, value) pairs no column holds."""
    known = {col.key for col in cols}
    skip = set(children)
    prefixes = {key.rsplit(".", 1)[0] for key in known | skip if "." in key}
    values: dict[str, Any] = {}
    extras: list[tuple[DataPath, Any]] = []

    def walk(node: Mapping[str, Any], prefix: str, at: DataPath) -> None:
        for key, value in node.items():
            dotted = f"{prefix}{key}"
            if dotted in skip:
                continue
            if dotted in known:
                values[dotted] = value
            elif isinstance(value, dict) and dotted in prefixes and value:
                walk(value, dotted + ".", (*at, key))
            else:
                extras.append(((*at, key), value))

    walk(item, "", path)
    return values, extras


# -- writing ---------------------------------------------------------------------------------------


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError as error:  # pragma: no cover - the extra is installed in the tests
        raise ImportError(
            "reading and writing Excel workbooks needs openpyxl: pip install openpyxl "
            "(from a finsam checkout: pip install '.[excel]')"
        ) from error


def _sheet_title(title: str, used: set[str]) -> str:
    """A valid, unused sheet name for a table: ``T3 Driftredovisning``."""
    clean = " ".join(re.sub(r"[\[\]:*?/\\]", " ", title).split()).strip("'")
    number = len([name for name in used if re.match(r"T\d+ ", name)]) + 1
    base = f"T{number} {clean}".strip()[:31].rstrip() or f"T{number}"
    name, counter = base, 2
    while name.casefold() in {u.casefold() for u in used}:
        suffix = f" ({counter})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        counter += 1
    used.add(name)
    return name


class _Writer:
    """Lays plain report data out on sheets."""

    def __init__(self) -> None:
        openpyxl = _openpyxl()
        styles = importlib.import_module("openpyxl.styles")
        self.validation = importlib.import_module("openpyxl.worksheet.datavalidation")
        self.letter = importlib.import_module("openpyxl.utils").get_column_letter
        self.book = openpyxl.Workbook()
        self.book.remove(self.book.active)
        self.heading_font = styles.Font(bold=True)
        self.heading_fill = styles.PatternFill("solid", fgColor="DDEBF7")
        self.hint_font = styles.Font(italic=True, color="666666")
        self.title_font = styles.Font(bold=True, size=14)
        self.wrap = styles.Alignment(wrap_text=True, vertical="top")
        self.right = styles.Alignment(horizontal="right")
        self.extras: list[tuple[DataPath, Any]] = []
        self.problems: list[Problem] = []
        self.used: set[str] = set(FIXED_SHEETS) | {INSTRUCTIONS}

    # -- cells ----------------------------------------------------------------------------

    def sheet(self, name: str) -> Any:
        return self.book.create_sheet(name)

    def heading(self, ws: Any, row: int, column: int, text: str) -> None:
        cell = ws.cell(row=row, column=column, value=text)
        cell.font = self.heading_font
        cell.fill = self.heading_fill

    def keep_whole(self, path: DataPath, value: Any) -> None:
        """Keep a whole value for *Övrigt*, instead of any of its parts."""
        size = len(path)
        self.extras = [(p, v) for p, v in self.extras if p[:size] != path]
        self.extras.append((path, value))

    def put(self, ws: Any, row: int, column: int, col: Col, value: Any, path: DataPath) -> bool:
        """Write one value, or keep it for *Övrigt* when no cell can hold it.

        Returns whether a cell now shows something.
        """
        try:
            content, number_format = cell_value(col, value)
        except UnwritableError:
            self.extras.append((path, value))
            return False
        if content is None or content == "":
            return False
        if isinstance(content, str):
            if len(content) > MAX_CELL_TEXT:
                self.problems.append(
                    Problem(
                        format_path(path),
                        _("longer than the {limit} characters an Excel cell holds").format(
                            limit=MAX_CELL_TEXT
                        ),
                    )
                )
                return False
            content = escape_text(content)
        cell = ws.cell(row=row, column=column, value=content)
        if isinstance(content, str):
            if cell.data_type != "s":
                cell.data_type = "s"  # a text that starts with "=" is a text, not a formula
            if content[:1] in ("=", "+", "-", "@"):
                cell.quotePrefix = True
            if col.kind in (LONG, LIST):
                cell.alignment = self.wrap
        elif number_format is not None:
            cell.number_format = number_format
        return True

    def dropdown(self, ws: Any, col: Col, ref: str) -> None:
        offered = col.offered
        if col.kind == BOOL:
            offered = _BOOLS
        if not offered:
            return
        validation = self.validation.DataValidation(
            type="list",
            formula1='"' + ",".join(offered) + '"',
            allow_blank=True,
            showErrorMessage=False,
        )
        validation.add(ref)
        ws.add_data_validation(validation)

    def widths(self, ws: Any, widths: Sequence[int]) -> None:
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[self.letter(index)].width = width

    # -- a form: one row per field -----------------------------------------------------------

    def form(
        self,
        ws: Any,
        cols: Sequence[Col],
        node: Mapping[str, Any] | None,
        path: DataPath,
        children: Iterable[str] = (),
        *,
        first_row: int = 1,
    ) -> bool:
        """Label and value rows; returns whether any value was written."""
        values: dict[str, Any] = {}
        if node is not None:
            values, extras = split_item(node, cols, children, path)
            self.extras += extras
        written = False
        for row, col in enumerate(cols, start=first_row):
            self.heading(ws, row, 1, col.heading)
            if col.key in values and self.put(
                ws, row, 2, col, values[col.key], (*path, *col.key.split("."))
            ):
                written = True
            if col.offered or col.kind == BOOL:
                self.dropdown(ws, col, f"B{row}")
        ws.column_dimensions["A"].width = 38
        ws.column_dimensions["B"].width = 60
        return written

    # -- a list: one row per item --------------------------------------------------------------

    def table(
        self, spec: ListSheet, rows: Iterable[tuple[tuple[int | str | None, ...], Any, DataPath]]
    ) -> None:
        ws = self.sheet(spec.name)
        headings = [*spec.keys, *(["Nr"] if spec.nr else []), *(c.heading for c in spec.cols)]
        for column, text in enumerate(headings, start=1):
            self.heading(ws, 1, column, text)
        offset = len(headings) - len(spec.cols)
        count = 0
        for row, (ids, item, path) in enumerate(rows, start=2):
            count += 1
            for column, number in enumerate(ids, start=1):
                if isinstance(number, str):
                    self.put(ws, row, column, Col("", "", TEXT), number, path)
                elif number is not None:
                    ws.cell(row=row, column=column, value=number)
            if not isinstance(item, dict):
                self.keep_whole(path, item)
                continue
            values, extras = split_item(item, spec.cols, spec.children, path)
            self.extras += extras
            written = False
            for column, col in enumerate(spec.cols, start=offset + 1):
                if col.key in values and self.put(
                    ws, row, column, col, values[col.key], (*path, *col.key.split("."))
                ):
                    written = True
            if not written and isinstance(path[-1], int):
                self.keep_whole(path, item)  # a row with nothing in it would not be read
        last = max(count + 1, 200) + 300
        for column, col in enumerate(spec.cols, start=offset + 1):
            if col.offered or col.kind == BOOL:
                letter = self.letter(column)
                self.dropdown(ws, col, f"{letter}2:{letter}{last}")
        self.widths(
            ws,
            [
                *([10] * offset),
                *(c.width or max(12, min(len(c.heading) + 2, 24)) for c in spec.cols),
            ],
        )
        ws.freeze_panes = "A2"

    # -- printed tables --------------------------------------------------------------------------

    def statement(self, statement: Any, path: DataPath) -> None:
        """A sheet for one printed table (a blank form when `statement` is None)."""
        shape = layout()
        title = statement.get("title") if isinstance(statement, dict) else None
        ws = self.sheet(_sheet_title(title if isinstance(title, str) else "Tabell", self.used))
        if statement is not None and not isinstance(statement, dict):
            self.extras.append((path, statement))
            statement = None
        self.form(ws, shape["statement"], statement, path, ("columns", "lines"))
        top = len(shape["statement"]) + 2
        column_cols: tuple[Col, ...] = shape["column"]
        label_col: Col = shape["column_label"]
        line_cols: tuple[Col, ...] = shape["line"]
        header = top + len(column_cols)
        for offset, col in enumerate(column_cols):
            cell = ws.cell(row=top + offset, column=_FIRST_VALUE - 1, value=col.heading)
            cell.font = self.heading_font
            cell.alignment = self.right
        for column, col in enumerate(line_cols, start=1):
            self.heading(ws, header, column, col.heading)
        columns = statement.get("columns", []) if statement else []
        lines = statement.get("lines", []) if statement else []
        if not isinstance(columns, list):
            self.extras.append(((*path, "columns"), columns))
            columns = []
        if not isinstance(lines, list):
            self.extras.append(((*path, "lines"), lines))
            lines = []
        for index, column in enumerate(columns):
            at = (*path, "columns", index)
            where = _FIRST_VALUE + index
            if not isinstance(column, dict):
                self.extras.append((at, column))
                continue
            values, extras = split_item(column, (*column_cols, label_col), (), at)
            self.extras += extras
            for offset, col in enumerate(column_cols):
                if col.key in values:
                    self.put(ws, top + offset, where, col, values[col.key], (*at, col.key))
            if "label" in values:
                self.put(ws, header, where, label_col, values["label"], (*at, "label"))
            ws.cell(row=header, column=where).font = self.heading_font
            ws.cell(row=header, column=where).fill = self.heading_fill
        value_col = Col("values", "", VALUE)
        for index, line in enumerate(lines):
            row = header + 1 + index
            at = (*path, "lines", index)
            if not isinstance(line, dict):
                self.extras.append((at, line))
                continue
            values, extras = split_item(line, line_cols, ("values",), at)
            self.extras += extras
            for column, col in enumerate(line_cols, start=1):
                if col.key in values:
                    self.put(ws, row, column, col, values[col.key], (*at, col.key))
            cells = line.get("values")
            if not isinstance(cells, list):
                if "values" in line:
                    self.extras.append(((*at, "values"), cells))
                continue
            for offset, value in enumerate(cells):
                if value is not None:
                    self.put(
                        ws, row, _FIRST_VALUE + offset, value_col, value, (*at, "values", offset)
                    )
        for offset, col in enumerate(column_cols):
            if col.offered:
                end = self.letter(_FIRST_VALUE + max(len(columns), 8))
                self.dropdown(
                    ws, col, f"{self.letter(_FIRST_VALUE)}{top + offset}:{end}{top + offset}"
                )
        last = header + max(len(lines), 100) + 100
        self.dropdown(ws, line_cols[1], f"B{header + 1}:B{last}")
        self.widths(ws, [38, 14, 6, 18, 24, 24, *([18] * max(len(columns), 4))])
        ws.column_dimensions["A"].width = 40
        ws.freeze_panes = ws.cell(row=header + 1, column=2)

    # -- the budget ------------------------------------------------------------------------------

    def budget(self, budget: Any, path: DataPath) -> None:
        shape = layout()
        ws = self.sheet(BUDGET)
        if budget is not None and not isinstance(budget, dict):
            self.extras.append((path, budget))
            budget = None
        known = ("years", "lines", *(k for k in _BUDGET_ROWS if k != "amounts"))
        self.form(ws, shape["budget"], budget, path, known)
        header = len(shape["budget"]) + 2
        line_cols: tuple[Col, ...] = shape["budget_line"]
        for column, text in enumerate([c.heading for c in line_cols] + ["Avser"], start=1):
            self.heading(ws, header, column, text)
        ws.cell(row=header, column=_FIRST_YEAR - 1).font = self.heading_font
        budget = budget or {}
        years = budget.get("years", [])
        year_col = Col("years", "", YEAR)
        if isinstance(years, list):
            for index, year in enumerate(years):
                self.put(ws, header, _FIRST_YEAR + index, year_col, year, (*path, "years", index))
                cell = ws.cell(row=header, column=_FIRST_YEAR + index)
                cell.font = self.heading_font
                cell.fill = self.heading_fill
        else:
            self.extras.append(((*path, "years"), years))
            years = []
        amount_col = Col("amounts", "", AMOUNT)
        row = header

        def amounts(values: Any, at: DataPath, what: str) -> None:
            nonlocal row
            row += 1
            ws.cell(row=row, column=_FIRST_YEAR - 1, value=_BUDGET_ROWS[what])
            if not isinstance(values, list):
                self.extras.append((at, values))
                return
            for offset, value in enumerate(values):
                if value is not None:
                    self.put(ws, row, _FIRST_YEAR + offset, amount_col, value, (*at, offset))

        lines = budget.get("lines", [])
        if not isinstance(lines, list):
            self.extras.append(((*path, "lines"), lines))
            lines = []
        for index, line in enumerate(lines):
            at = (*path, "lines", index)
            if not isinstance(line, dict):
                self.extras.append((at, line))
                continue
            values, extras = split_item(line, line_cols, _BUDGET_ROWS, at)
            self.extras += extras
            amounts(line.get("amounts", []), (*at, "amounts"), "amounts")
            for column, col in enumerate(line_cols, start=1):
                if col.key in values:
                    self.put(ws, row, column, col, values[col.key], (*at, col.key))
            for what in ("granted", "available"):
                if what in line:
                    amounts(line[what], (*at, what), what)
        for what in ("stated_revenue", "stated_costs"):
            if what in budget:
                amounts(budget[what], (*path, what), what)
        last = max(row, header + 100) + 100
        self.dropdown(ws, line_cols[1], f"B{header + 1}:B{last}")
        avser = Col("", "", WORD, choices=tuple(_BUDGET_ROWS.values()))
        self.dropdown(ws, avser, f"C{header + 1}:C{last}")
        self.widths(ws, [38, 22, 18, *([16] * max(len(years), 3))])
        ws.freeze_panes = ws.cell(row=header + 1, column=2)

    # -- the rest --------------------------------------------------------------------------------

    def instructions(self, template: bool) -> None:
        ws = self.book.create_sheet(INSTRUCTIONS, 0)
        ws.column_dimensions["A"].width = 110
        for row, (style, text) in enumerate(_instructions(template), start=1):
            cell = ws.cell(row=row, column=1, value=text)
            cell.alignment = self.wrap
            if style == "title":
                cell.font = self.title_font
            elif style == "heading":
                cell.font = self.heading_font

    def extras_sheet(self) -> None:
        ws = self.sheet(EXTRAS)
        self.heading(ws, 1, 1, "Plats")
        self.heading(ws, 1, 2, "Värde (JSON)")
        col = Col("", "", TEXT)
        for row, (path, value) in enumerate(self.extras, start=2):
            self.put(ws, row, 1, col, format_path(path), path)
            text = json.dumps(value, ensure_ascii=False, default=str)
            self.put(ws, row, 2, col, text, path)
        self.widths(ws, [40, 80])
        ws.freeze_panes = "A2"

    def save(self, path: Path, source: str) -> Path:
        if self.problems:
            raise DataError(self.problems, source)
        buffer = io.BytesIO()
        self.book.properties.creator = "finsam"
        self.book.save(buffer)
        from finsam.io._save import write_bytes_atomic

        return write_bytes_atomic(path, buffer.getvalue())


def _lists(data: Mapping[str, Any], key: str, path: DataPath, writer: _Writer) -> list[Any]:
    value = data.get(key, [])
    if isinstance(value, list):
        return value
    writer.extras.append(((*path, key), value))
    return []


def _write(data: dict[str, Any], tables: dict[str, Any] | None, reference: str | None) -> _Writer:
    """Every sheet for report data whose förbund is `tables` and/or named `reference`."""
    shape = layout()
    writer = _Writer()
    ws = writer.sheet(REPORT)
    report_children = {
        "forbund",
        "statements",
        "budget",
        "insatser",
        "goals",
        "board",
        "figures",
        "forecast",
    }
    writer.form(ws, shape["report"], data, (), report_children)
    for row, hint in enumerate(_REPORT_HINTS, start=1):
        ws.cell(row=row, column=3, value=hint).font = writer.hint_font
    ws.column_dimensions["C"].width = 70

    statements = _lists(data, "statements", (), writer)
    for index, statement in enumerate(statements):
        writer.statement(statement, ("statements", index))
    if not statements:
        writer.statement(None, ("statements", 0))

    writer.budget(data.get("budget"), ("budget",))
    forecast = data.get("forecast")
    ws = writer.sheet(FORECAST)
    if forecast is not None and not isinstance(forecast, dict):
        writer.extras.append((("forecast",), forecast))
        forecast = None
    if not writer.form(ws, shape["forecast"], forecast, ("forecast",)) and forecast is not None:
        writer.keep_whole(("forecast",), forecast)

    _write_insatser(writer, _lists(data, "insatser", (), writer))
    _write_goals(writer, _lists(data, "goals", (), writer))
    figures = _lists(data, "figures", (), writer)
    writer.table(shape[FIGURES], (((), f, ("figures", i)) for i, f in enumerate(figures)))

    board = data.get("board")
    ws = writer.sheet(BOARD)
    if board is not None and not isinstance(board, dict):
        writer.extras.append((("board",), board))
        board = None
    written = writer.form(ws, shape["board"], board, ("board",), ("seats",))
    seats = _lists(board, "seats", ("board",), writer) if board else []
    if board is not None and not written and not seats:
        writer.keep_whole(("board",), board)
    writer.table(shape[SEATS], (((), s, ("board", "seats", i)) for i, s in enumerate(seats)))

    _write_forbund(writer, tables, reference)
    writer.extras_sheet()
    return writer


def _write_insatser(writer: _Writer, insatser: list[Any]) -> None:
    shape = layout()
    budgets: list[tuple[tuple[int | None, ...], Any, DataPath]] = []
    parts: list[tuple[tuple[int | None, ...], Any, DataPath]] = []
    more: list[tuple[tuple[int | None, ...], Any, DataPath]] = []
    also: list[tuple[tuple[int | None, ...], Any, DataPath]] = []

    def collect(node: Any, path: DataPath, insats: int, task: int | None) -> None:
        if not isinstance(node, dict):
            return
        for index, budget in enumerate(_lists(node, "budgets", path, writer)):
            at = (*path, "budgets", index)
            budgets.append(((insats, task), budget, at))
            if isinstance(budget, dict):
                year = budget.get("year")
                for number, part in enumerate(_lists(budget, "parts", at, writer)):
                    if isinstance(year, int) and not isinstance(year, bool):
                        parts.append(((insats, task, year), part, (*at, "parts", number)))
                    else:
                        writer.extras.append(((*at, "parts", number), part))
        outcomes = node.get("outcomes")
        if isinstance(outcomes, dict):
            at = (*path, "outcomes")
            for index, share in enumerate(_lists(outcomes, "more", at, writer)):
                more.append(((insats, task), share, (*at, "more", index)))

    rows = []
    for index, insats in enumerate(insatser):
        path: DataPath = ("insatser", index)
        rows.append(((index + 1,), insats, path))
        collect(insats, path, index + 1, None)
        if isinstance(insats, dict):
            for number, task in enumerate(_lists(insats, "also_stated", path, writer)):
                at = (*path, "also_stated", number)
                also.append(((index + 1, number + 1), task, at))
                collect(task, at, index + 1, number + 1)
    writer.table(shape[INSATSER], rows)
    writer.table(shape[INSATS_BUDGETS], budgets)
    writer.table(shape[PARTS], parts)
    writer.table(shape[MORE], more)
    writer.table(shape[ALSO], also)


def _write_goals(writer: _Writer, goals: list[Any]) -> None:
    shape = layout()
    indicators: list[tuple[tuple[int | None, ...], Any, DataPath]] = []
    questions: list[tuple[tuple[int | None, ...], Any, DataPath]] = []
    rows = []
    for index, goal in enumerate(goals):
        path: DataPath = ("goals", index)
        rows.append(((index + 1,), goal, path))
        if not isinstance(goal, dict):
            continue
        for number, indicator in enumerate(_lists(goal, "indicators", path, writer)):
            at = (*path, "indicators", number)
            indicators.append(((index + 1, number + 1), indicator, at))
            if isinstance(indicator, dict):
                for place, question in enumerate(_lists(indicator, "questions", at, writer)):
                    questions.append(((index + 1, number + 1), question, (*at, "questions", place)))
    writer.table(shape[GOALS], rows)
    writer.table(shape[INDICATORS], indicators)
    writer.table(shape[QUESTIONS], questions)


def _write_forbund(writer: _Writer, tables: dict[str, Any] | None, reference: str | None) -> None:
    shape = layout()
    ws = writer.sheet(FORBUND)
    path: DataPath = ("forbund",)
    node: dict[str, Any] = {"@reference": reference} if reference is not None else {}
    if tables is not None:
        node.update(tables)
    writer.form(ws, shape["forbund"], node, path, ("members", "charters", "funding"))
    for row, hint in enumerate(_FORBUND_HINTS, start=1):
        ws.cell(row=row, column=3, value=hint).font = writer.hint_font
    ws.column_dimensions["C"].width = 70
    tables = tables or {}
    members = _lists(tables, "members", path, writer)
    writer.table(shape[MEMBERS], (((), m, (*path, "members", i)) for i, m in enumerate(members)))
    populations: list[tuple[tuple[int | str | None, ...], Any, DataPath]] = []
    for index, member in enumerate(members):
        if not isinstance(member, dict) or "populations" not in member:
            continue
        at = (*path, "members", index, "populations")
        name = member.get("name")
        unique = sum(1 for m in members if isinstance(m, dict) and m.get("name") == name) == 1
        if not isinstance(name, str) or not name.strip() or name != name.strip() or not unique:
            writer.extras.append((at, member["populations"]))  # no row could name the member
            continue
        for number, population in enumerate(_lists(member, "populations", at[:-1], writer)):
            populations.append(((name,), population, (*at, number)))
    writer.table(shape[POPULATIONS], populations)
    charters = _lists(tables, "charters", path, writer)
    shares: list[tuple[tuple[int | None, ...], Any, DataPath]] = []
    for index, charter in enumerate(charters):
        if not isinstance(charter, dict):
            continue
        for kind, key in _SHARE_KINDS.items():
            at = (*path, "charters", index, key)
            table = charter.get(key)
            if table is None:
                continue
            if not isinstance(table, dict) or not table:
                writer.extras.append((at, table))
                continue
            for member, percent in table.items():
                share = {"kind": kind, "member": member, "percent": percent}
                shares.append(((index + 1,), share, (*at, member)))
    writer.table(
        shape[CHARTERS], (((i + 1,), c, (*path, "charters", i)) for i, c in enumerate(charters))
    )
    writer.table(shape[SHARES], _share_rows(shares, writer))
    funding = _lists(tables, "funding", path, writer)
    writer.table(shape[FUNDING], (((), f, (*path, "funding", i)) for i, f in enumerate(funding)))


def _share_rows(
    shares: list[tuple[tuple[int | None, ...], Any, DataPath]], writer: _Writer
) -> Iterator[tuple[tuple[int | None, ...], Any, DataPath]]:
    """Share rows whose percentage path is the member's entry, not a field of a row."""
    for ids, row, path in shares:
        percent = row["percent"]
        try:
            cell_value(Col("percent", "", NUM), percent)
        except UnwritableError:
            writer.extras.append((path, percent))
            row = {"kind": row["kind"], "member": row["member"]}
        yield ids, row, path[:-2]


def _checked_target(path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ValueError(f"{target}: a workbook is written as .xlsx")
    return target


def write_workbook(
    report: InterimReport | AnnualReport | Plan, path: str | os.PathLike[str]
) -> Path:
    """Write a report to an Excel workbook (``.xlsx``); returns the file written.

    The file is written whole or not at all. A text longer than an Excel cell holds
    (32 767 characters) is a `finsam.DataError` naming its data path.
    """
    from finsam.io import report_data, unstructure

    target = _checked_target(path)
    data = report_data(report)
    forbund = data.get("forbund")
    if isinstance(forbund, str):
        reference: str | None = forbund
        tables: dict[str, Any] | None = unstructure(report.forbund)
    else:
        reference, tables = None, forbund if isinstance(forbund, dict) else None
    writer = _write(data, tables, reference)
    writer.instructions(template=False)
    return writer.save(target, str(target))


def write_template(forbund: Forbund, path: str | os.PathLike[str]) -> Path:
    """Write a blank report workbook for `forbund`: the förbund filled in, the rest empty.

    Fill in at least the report's type, title and period on the sheet *Rapport*, then
    read it with `read_workbook`. A förbund loaded by name (``load_forbund("gavleborg")``)
    is named in the workbook, so the report refers to finsam's copy of it.
    """
    from finsam.forbund import Forbund
    from finsam.io import FORMAT, unstructure

    if not isinstance(forbund, Forbund):
        raise TypeError(f"expected a Forbund, got {type(forbund).__name__}")
    target = _checked_target(path)
    writer = _write({"format": FORMAT}, unstructure(forbund), forbund.referred_to)
    writer.instructions(template=True)
    return writer.save(target, str(target))


# -- reading ---------------------------------------------------------------------------------------

Rows = list[tuple[Any, ...]]


def _load_rows(path: Path, source: str) -> tuple[list[str], dict[str, Rows]]:
    """The sheets of a workbook, in order, each as rows of cell values."""
    from finsam.io._read import read_bytes

    data = read_bytes(path, source)

    def fail(message: str) -> DataError:
        return DataError([Problem("", message)], source)

    not_workbook = _("not an Excel workbook (.xlsx); save it in Excel as .xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise fail(not_workbook) from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise fail(not_workbook)
    if unpacked > MAX_UNPACKED_BYTES:
        raise fail(
            _("unpacks to more than {limit} MB").format(limit=MAX_UNPACKED_BYTES // 1_000_000)
        )
    openpyxl = _openpyxl()
    order: list[str] = []
    sheets: dict[str, Rows] = {}
    cells = 0
    book = None
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
        for ws in book.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue
            ws.reset_dimensions()  # a sheet's stated size may be wrong, or hostile
            rows: Rows = []
            for cells_of_row in ws.iter_rows():
                cells += len(cells_of_row) + 1
                if cells > MAX_CELLS or len(rows) >= MAX_ROWS:
                    raise fail(_("too many cells (more than {limit})").format(limit=MAX_CELLS))
                row = [_content(cell) for cell in cells_of_row]
                end = len(row)
                while end and (row[end - 1] is None or row[end - 1] == ""):
                    end -= 1
                rows.append(tuple(row[:end]) if end else ())
            while rows and not rows[-1]:
                rows.pop()
            order.append(ws.title)
            sheets[ws.title] = rows
    except DataError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise fail(
            _("a damaged or unreadable Excel workbook ({reason})").format(
                reason=f"{type(error).__name__}: {error}"[:200]
            )
        ) from None
    finally:
        if book is not None:
            with contextlib.suppress(Exception):
                book.close()
    return order, sheets


def _content(cell: Any) -> Any:
    """A cell's value; a number shown as a percentage ("43 %", held as 0.43) as 43."""
    value = cell.value
    if type(value) in (int, float) and "%" in str(getattr(cell, "number_format", "") or ""):
        if isinstance(value, float) and not math.isfinite(value):
            return value
        return Decimal(repr(value)) * 100
    return value


def _letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


#: An identifier cell that could not be read (its problem is already reported).
_INVALID: Final = -1


@attrs.define
class _Row:
    """One item read from a list sheet."""

    row: int
    ids: list[int | str | None]
    id_refs: list[str]
    item: dict[str, Any]
    refs: dict[str, str]


class _Reader:
    """Reads plain report data from a workbook's sheets, remembering each value's cell."""

    def __init__(self, order: list[str], sheets: dict[str, Rows]) -> None:
        self.order = order
        self.sheets = sheets
        self.problems: list[Problem] = []
        self.where: dict[str, str] = {}

    def ref(self, sheet: str, row: int, column: int) -> str:
        return f"{sheet}!{_letter(column)}{row}"

    def problem(self, ref: str, message: str) -> None:
        self.problems.append(Problem(ref, message))

    def place(self, path: DataPath, ref: str) -> None:
        self.where[format_path(path)] = ref

    def rows(self, name: str) -> Rows | None:
        rows = self.sheets.get(name)
        if rows is None:
            self.problem(
                name,
                _("the sheet {name!r} is missing; every sheet of the workbook is needed").format(
                    name=name
                ),
            )
        return rows

    def value(self, col: Col, raw: Any, ref: str) -> Any:
        try:
            return read_cell(col, raw)
        except CellError as problem:
            self.problem(ref, str(problem))
            return None

    # -- forms ----------------------------------------------------------------------------------

    def form(
        self, sheet: str, rows: Rows, cols: Sequence[Col], path: DataPath, *, end: int | None = None
    ) -> tuple[dict[str, Any], bool]:
        """Fields from label and value rows; returns the table and whether anything was filled."""
        by_label = {_normal(col.heading): col for col in cols}
        node: dict[str, Any] = {}
        filled = False
        seen: set[str] = set()
        for number, row in enumerate(rows[:end], start=1):
            if not row or _empty(row[0]):
                continue
            col = by_label.get(_normal(row[0]))
            raw = row[1] if len(row) > 1 else None
            if col is None:
                if not _empty(raw):
                    self.problem(
                        self.ref(sheet, number, 1),
                        _("unknown label {label!r}; the labels are {known}").format(
                            label=str(row[0])[:60], known=", ".join(c.heading for c in cols)
                        ),
                    )
                continue
            if col.key in seen:
                self.problem(self.ref(sheet, number, 1), _("this label is given twice"))
                continue
            seen.add(col.key)
            ref = self.ref(sheet, number, 2)
            self.place((*path, *col.key.split(".")), ref)
            value = self.value(col, raw, ref)
            if value is not None:
                _put(node, col.key, value)
                filled = True
        return node, filled

    def require(self, node: dict[str, Any], cols: Sequence[Col]) -> None:
        for col in cols:
            if col.required and _get(node, col.key) is None:
                _put(node, col.key, "")

    # -- lists ----------------------------------------------------------------------------------

    def table(self, spec: ListSheet) -> list[_Row]:
        rows = self.rows(spec.name)
        if not rows:
            return []
        header = rows[0]
        id_headings = [*spec.keys, *(["Nr"] if spec.nr else [])]
        wanted = {_normal(h): ("id", i) for i, h in enumerate(id_headings)}
        wanted.update({_normal(c.heading): ("col", i) for i, c in enumerate(spec.cols)})
        id_columns: dict[int, int] = {}
        col_columns: dict[int, int] = {}
        unknown: list[int] = []
        for column, text in enumerate(header):
            if _empty(text):
                unknown.append(column)
                continue
            what = wanted.get(_normal(text))
            if what is None:
                unknown.append(column)
                continue
            target = id_columns if what[0] == "id" else col_columns
            if what[1] in target:
                self.problem(self.ref(spec.name, 1, column + 1), _("this heading is given twice"))
                continue
            target[what[1]] = column
        result: list[_Row] = []
        for number, row in enumerate(rows[1:], start=2):
            if all(_empty(v) for c, v in enumerate(row) if c not in id_columns.values()):
                continue
            for column in unknown:
                if column < len(row) and not _empty(row[column]):
                    heading = header[column] if column < len(header) else None
                    self.problem(
                        self.ref(spec.name, number, column + 1),
                        _(
                            "a value in a column finsam does not know ({heading}); the headings "
                            "are {known}"
                        ).format(
                            heading=repr(heading) if not _empty(heading) else _("no heading"),
                            known=", ".join([*id_headings, *(c.heading for c in spec.cols)]),
                        ),
                    )
            ids: list[int | str | None] = []
            id_refs: list[str] = []
            for index, heading in enumerate(id_headings):
                where = id_columns.get(index)
                ref = self.ref(spec.name, number, (where if where is not None else 0) + 1)
                id_refs.append(ref)
                raw = row[where] if where is not None and where < len(row) else None
                ids.append(self.identifier(raw, ref, heading))
            item: dict[str, Any] = {}
            refs: dict[str, str] = {}
            for index, col in enumerate(spec.cols):
                found = col_columns.get(index)
                if found is None:
                    continue
                column = found
                ref = self.ref(spec.name, number, column + 1)
                refs[col.key] = ref
                value = self.value(col, row[column] if column < len(row) else None, ref)
                if value is not None:
                    _put(item, col.key, value)
            self.require(item, spec.cols)
            result.append(_Row(number, ids, id_refs, item, refs))
        if result:
            for index, heading in enumerate(id_headings):
                if index not in id_columns and heading != "Uppgift" and heading != "Nr":
                    self.problem(
                        self.ref(spec.name, 1, 1),
                        _("the column {heading!r} is missing").format(heading=heading),
                    )
        return result

    def identifier(self, raw: Any, ref: str, heading: str) -> int | str | None:
        """A number that names an item (or, for an insats or goal, its name; or a year)."""
        named = heading in ("Insats", "Mål")
        if _empty(raw):
            return None
        if heading == "Medlem":  # members are named, not numbered
            text = unescape_text(raw) if isinstance(raw, str) else str(raw)
            return text.strip()
        if isinstance(raw, bool):
            raw = str(raw)
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw.strip())
        if isinstance(raw, int) and 0 < raw < MAX_ITEMS * 10:
            return raw
        if named and isinstance(raw, str):
            return unescape_text(raw).strip()
        if heading == "År":
            message = _("expected a year such as 2019, got {raw!r}")
        else:
            message = _("expected a number such as 1 (the Nr of a row), got {raw!r}")
        self.problem(ref, message.format(raw=raw))
        return _INVALID

    def placed(self, row: _Row, sheet: str, path: DataPath) -> dict[str, Any]:
        """Record where an item and each of its fields are; returns the item."""
        self.place(path, f"{sheet}!A{row.row}")
        for key, ref in row.refs.items():
            self.place((*path, *key.split(".")), ref)
        return row.item

    # -- sheets -----------------------------------------------------------------------------------

    def report(self) -> dict[str, Any]:
        shape = layout()
        data: dict[str, Any] = {}
        rows = self.rows(REPORT)
        if rows is not None:
            data, _filled = self.form(REPORT, rows, shape["report"], ())
            self.require(data, shape["report"])
        self.place((), f"{REPORT}!A1")
        statements = [s for s in self.statements() if s is not None]
        if statements:
            data["statements"] = statements
        budget = self.budget()
        if budget is not None:
            data["budget"] = budget
        rows = self.rows(FORECAST)
        if rows is not None:
            forecast, filled = self.form(FORECAST, rows, shape["forecast"], ("forecast",))
            if filled:
                self.require(forecast, shape["forecast"])
                data["forecast"] = forecast
        insatser = self.insatser()
        if insatser:
            data["insatser"] = insatser
        goals = self.goals()
        if goals:
            data["goals"] = goals
        figures = [
            self.placed(row, FIGURES, ("figures", index))
            for index, row in enumerate(self.table(shape[FIGURES]))
        ]
        if figures:
            data["figures"] = figures
        board = self.board()
        if board is not None:
            data["board"] = board
        reference, forbund = self.forbund()
        if forbund is not None:
            data["forbund"] = forbund
        elif reference is not None:
            data["forbund"] = reference
        self.extras(data)
        if reference is not None and isinstance(data.get("forbund"), dict):
            data["forbund"] = _same_forbund(reference, data["forbund"])
        return data

    def statements(self) -> Iterator[dict[str, Any] | None]:
        shape = layout()
        markers = {_normal(shape["statement"][0].heading), _normal(shape["line"][0].heading)}
        index = 0
        for name in self.order:
            if name in FIXED_SHEETS or name == INSTRUCTIONS:
                continue
            rows = self.sheets[name]
            if not any(row and _normal(row[0]) in markers for row in rows if row):
                continue
            statement = self.statement(name, rows, ("statements", index))
            if statement is not None:
                index += 1
            yield statement

    def statement(self, sheet: str, rows: Rows, path: DataPath) -> dict[str, Any] | None:
        shape = layout()
        line_cols: tuple[Col, ...] = shape["line"]
        column_cols: tuple[Col, ...] = shape["column"]
        label_col: Col = shape["column_label"]
        header = next(
            (
                n
                for n, row in enumerate(rows)
                if row and _normal(row[0]) == _normal(line_cols[0].heading)
            ),
            None,
        )
        if header is None:
            self.problem(
                f"{sheet}!A1",
                _("a table sheet needs the heading row that starts with {heading!r}").format(
                    heading=line_cols[0].heading
                ),
            )
            return None
        statement, filled = self.form(sheet, rows, shape["statement"], path, end=header)
        self.place(path, f"{sheet}!A1")
        by_label = {_normal(col.heading): col for col in column_cols}
        definitions: dict[str, tuple[int, tuple[Any, ...]]] = {}
        for number in range(header):
            row = rows[number]
            labels = [v for v in row[: _FIRST_VALUE - 1] if not _empty(v)]
            if len(labels) == 1 and _normal(labels[0]) in by_label:
                definitions[by_label[_normal(labels[0])].key] = (number + 1, row)
            elif any(not _empty(v) for v in row[_FIRST_VALUE - 1 :]):
                self.problem(
                    self.ref(sheet, number + 1, _FIRST_VALUE),
                    _("a value beside no known label; the column rows are {known}").format(
                        known=", ".join(c.heading for c in column_cols)
                    ),
                )
        header_row = rows[header]
        width = max([len(header_row), *(len(r) for _n, r in definitions.values())], default=0) - (
            _FIRST_VALUE - 1
        )
        columns = []
        for index in range(max(width, 0)):
            column: dict[str, Any] = {}
            at = (*path, "columns", index)
            place = _FIRST_VALUE + index
            self.place(at, self.ref(sheet, header + 1, place))
            for col in column_cols:
                if col.key not in definitions:
                    continue
                number, row = definitions[col.key]
                ref = self.ref(sheet, number, place)
                self.place((*at, col.key), ref)
                value = self.value(col, row[place - 1] if place - 1 < len(row) else None, ref)
                if value is not None:
                    column[col.key] = value
            ref = self.ref(sheet, header + 1, place)
            self.place((*at, "label"), ref)
            raw = header_row[place - 1] if place - 1 < len(header_row) else None
            value = self.value(label_col, raw, ref)
            if value is not None:
                column["label"] = value
            self.require(column, (*column_cols, label_col))
            columns.append(column)
        positions = {
            _normal(v): c for c, v in enumerate(header_row[: _FIRST_VALUE - 1]) if not _empty(v)
        }
        value_col = Col("values", "", VALUE)
        lines: list[dict[str, Any]] = []
        for number, row in enumerate(rows[header + 1 :], start=header + 2):
            if all(_empty(v) for v in row):
                continue
            at = (*path, "lines", len(lines))
            self.place(at, self.ref(sheet, number, 1))
            line: dict[str, Any] = {}
            for col in line_cols:
                column_index = positions.get(_normal(col.heading))
                if column_index is None:
                    continue
                ref = self.ref(sheet, number, column_index + 1)
                self.place((*at, col.key), ref)
                raw = row[column_index] if column_index < len(row) else None
                value = self.value(col, raw, ref)
                if value is not None:
                    line[col.key] = value
            self.require(line, line_cols)
            count = max(len(columns), len(row) - (_FIRST_VALUE - 1))
            cells = []
            for offset in range(count):
                place = _FIRST_VALUE + offset
                ref = self.ref(sheet, number, place)
                self.place((*at, "values", offset), ref)
                cells.append(
                    self.value(value_col, row[place - 1] if place - 1 < len(row) else None, ref)
                )
            line["values"] = cells
            lines.append(line)
        for column_index, text in enumerate(header_row[: _FIRST_VALUE - 1]):
            if not _empty(text) and _normal(text) not in {_normal(c.heading) for c in line_cols}:
                self.problem(self.ref(sheet, header + 1, column_index + 1), _("unknown heading"))
        if not filled and not columns and not lines:
            return None  # a blank table sheet (as in a template)
        self.require(statement, shape["statement"])
        statement["columns"] = columns
        statement["lines"] = lines
        return statement

    def budget(self) -> dict[str, Any] | None:
        shape = layout()
        rows = self.rows(BUDGET)
        if rows is None:
            return None
        line_cols: tuple[Col, ...] = shape["budget_line"]
        header = next(
            (
                n
                for n, row in enumerate(rows)
                if row and _normal(row[0]) == _normal(line_cols[0].heading)
            ),
            None,
        )
        path: DataPath = ("budget",)
        budget, filled = self.form(BUDGET, rows, shape["budget"], path, end=header)
        self.place(path, f"{BUDGET}!A1")
        if header is None:
            if filled:
                self.problem(f"{BUDGET}!A1", _("the heading row that starts with 'Rad' is missing"))
            return budget if filled else None
        header_row = rows[header]
        year_col = Col("years", "", YEAR)
        years = []
        for offset in range(max(len(header_row) - (_FIRST_YEAR - 1), 0)):
            ref = self.ref(BUDGET, header + 1, _FIRST_YEAR + offset)
            self.place((*path, "years", offset), ref)
            years.append(self.value(year_col, header_row[_FIRST_YEAR - 1 + offset], ref))
        while years and years[-1] is None:
            years.pop()
        amount_col = Col("amounts", "", AMOUNT)
        by_word = {_normal(word): key for key, word in _BUDGET_ROWS.items()}
        lines: list[dict[str, Any]] = []
        for number, row in enumerate(rows[header + 1 :], start=header + 2):
            if all(_empty(v) for v in row):
                continue
            raw = row[_FIRST_YEAR - 2] if len(row) > _FIRST_YEAR - 2 else None
            what = "amounts" if _empty(raw) else by_word.get(_normal(raw))
            if what is None:
                self.problem(
                    self.ref(BUDGET, number, _FIRST_YEAR - 1),
                    _("expected one of {words}").format(words=", ".join(_BUDGET_ROWS.values())),
                )
                continue
            if what in ("amounts", "granted", "available"):
                if what == "amounts":
                    line: dict[str, Any] = {}
                    at = (*path, "lines", len(lines))
                    self.place(at, self.ref(BUDGET, number, 1))
                    for column, col in enumerate(line_cols):
                        ref = self.ref(BUDGET, number, column + 1)
                        self.place((*at, col.key), ref)
                        value = self.value(col, row[column] if column < len(row) else None, ref)
                        if value is not None:
                            line[col.key] = value
                    self.require(line, line_cols)
                    lines.append(line)
                elif not lines:
                    self.problem(
                        self.ref(BUDGET, number, _FIRST_YEAR - 1),
                        _("a 'varav' row belongs under a budget line"),
                    )
                    continue
                else:
                    line = lines[-1]
                    for column in range(_FIRST_YEAR - 2):
                        if column < len(row) and not _empty(row[column]):
                            self.problem(
                                self.ref(BUDGET, number, column + 1),
                                _("a 'varav' row has no label or category of its own"),
                            )
                target, at = line, (*path, "lines", len(lines) - 1, what)
            else:
                target, at = budget, (*path, what)
            self.place(at, self.ref(BUDGET, number, _FIRST_YEAR - 1))
            count = max(len(years), len(row) - (_FIRST_YEAR - 1))
            cells = []
            for offset in range(count):
                ref = self.ref(BUDGET, number, _FIRST_YEAR + offset)
                self.place((*at, offset), ref)
                raw = row[_FIRST_YEAR - 1 + offset] if _FIRST_YEAR - 1 + offset < len(row) else None
                cells.append(self.value(amount_col, raw, ref))
            target[what] = cells
        if not filled and not years and not lines and len(budget) == 0:
            return None
        budget["years"] = years
        budget["lines"] = lines
        return budget

    def board(self) -> dict[str, Any] | None:
        shape = layout()
        rows = self.rows(BOARD)
        board: dict[str, Any] = {}
        filled = False
        if rows is not None:
            board, filled = self.form(BOARD, rows, shape["board"], ("board",))
        self.place(("board",), f"{BOARD}!A1")
        seats = [
            self.placed(row, SEATS, ("board", "seats", index))
            for index, row in enumerate(self.table(shape[SEATS]))
        ]
        if seats:
            board["seats"] = seats
        return board if filled or seats else None

    def parents(self, rows: list[_Row]) -> dict[int | str, int]:
        """Each item's Nr (and, for insatser and goals, unique name) → its position."""
        numbers: dict[int | str, int] = {}
        names: dict[str, list[int]] = {}
        for index, row in enumerate(rows):
            number = row.ids[-1]
            if isinstance(number, int):
                if number in numbers:
                    self.problem(row.id_refs[-1], _("Nr {nr} is given twice").format(nr=number))
                numbers[number] = index
            elif isinstance(number, str):
                self.problem(row.id_refs[-1], _("expected a number such as 1"))
            name = row.item.get("name")
            if isinstance(name, str) and name.strip():
                names.setdefault(name.strip(), []).append(index)
        for name, indexes in names.items():
            if len(indexes) == 1:
                numbers.setdefault(name, indexes[0])
        return numbers

    def parent(
        self, row: _Row, position: int, known: dict[int | str, int] | None, what: str
    ) -> int | None:
        """The position of the item a row belongs to (None when there is none)."""
        key = row.ids[position]
        if known is None:
            return None  # the parents' sheet is missing, which is reported once
        if key == _INVALID:
            return None
        if key is None:
            self.problem(row.id_refs[position], _("which {what}? Give its Nr").format(what=_(what)))
            return None
        index = known.get(key)
        if index is None:
            self.problem(
                row.id_refs[position],
                _("there is no {what} {key!r} (by Nr or name)").format(what=_(what), key=key),
            )
        return index

    def insatser(self) -> list[dict[str, Any]]:
        shape = layout()
        rows = self.table(shape[INSATSER])
        insatser = [self.placed(row, INSATSER, ("insatser", i)) for i, row in enumerate(rows)]
        known = self.parents(rows) if INSATSER in self.sheets else None
        tasks: dict[tuple[int, int], int] = {}
        for row in self.table(shape[ALSO]):
            index = self.parent(row, 0, known, N_("insats"))
            if index is None:
                continue
            also = insatser[index].setdefault("also_stated", [])
            number = row.ids[1]
            if isinstance(number, int):
                if (index, number) in tasks:
                    self.problem(
                        row.id_refs[1],
                        _("Nr {nr} is given twice for this insats").format(nr=number),
                    )
                tasks[(index, number)] = len(also)
            also.append(self.placed(row, ALSO, ("insatser", index, "also_stated", len(also))))

        def owner(row: _Row) -> tuple[dict[str, Any], DataPath] | None:
            index = self.parent(row, 0, known, N_("insats"))
            if index is None:
                return None
            task = row.ids[1]
            if task is None:
                return insatser[index], ("insatser", index)
            if task == _INVALID:
                return None
            number = tasks.get((index, task)) if isinstance(task, int) else None
            if number is None:
                self.problem(
                    row.id_refs[1],
                    _("insats {insats} has no row {task} on the sheet {sheet!r}").format(
                        insats=row.ids[0], task=task, sheet=ALSO
                    ),
                )
                return None
            return insatser[index]["also_stated"][number], (
                "insatser",
                index,
                "also_stated",
                number,
            )

        for row in self.table(shape[INSATS_BUDGETS]):
            found = owner(row)
            if found is not None:
                node, at = found
                budgets = node.setdefault("budgets", [])
                budgets.append(self.placed(row, INSATS_BUDGETS, (*at, "budgets", len(budgets))))
        for row in self.table(shape[PARTS]):
            found = owner(row)
            year = row.ids[2]
            if year is None or not isinstance(year, int) or year == _INVALID:
                if year is None:
                    self.problem(row.id_refs[2], _("which year? Give the year of the budget"))
                continue
            if found is None:
                continue
            node, at = found
            budgets = node.setdefault("budgets", [])
            position = next((i for i, b in enumerate(budgets) if b.get("year") == year), None)
            if position is None:
                position = len(budgets)
                budgets.append({"year": year})
                self.place((*at, "budgets", position), row.id_refs[2])
                self.place((*at, "budgets", position, "year"), row.id_refs[2])
            parts = budgets[position].setdefault("parts", [])
            parts.append(self.placed(row, PARTS, (*at, "budgets", position, "parts", len(parts))))
        for row in self.table(shape[MORE]):
            found = owner(row)
            if found is not None:
                node, at = found
                more = node.setdefault("outcomes", {}).setdefault("more", [])
                more.append(self.placed(row, MORE, (*at, "outcomes", "more", len(more))))
        return insatser

    def goals(self) -> list[dict[str, Any]]:
        shape = layout()
        rows = self.table(shape[GOALS])
        goals = [self.placed(row, GOALS, ("goals", i)) for i, row in enumerate(rows)]
        known = self.parents(rows) if GOALS in self.sheets else None
        indicators: dict[tuple[int, int], int] = {}
        for row in self.table(shape[INDICATORS]):
            index = self.parent(row, 0, known, N_("goal"))
            if index is None:
                continue
            items = goals[index].setdefault("indicators", [])
            number = row.ids[1]
            if isinstance(number, int):
                if (index, number) in indicators:
                    self.problem(
                        row.id_refs[1], _("Nr {nr} is given twice for this goal").format(nr=number)
                    )
                indicators[(index, number)] = len(items)
            items.append(self.placed(row, INDICATORS, ("goals", index, "indicators", len(items))))
        for row in self.table(shape[QUESTIONS]):
            index = self.parent(row, 0, known, N_("goal"))
            if index is None:
                continue
            number = row.ids[1]
            position = indicators.get((index, number)) if isinstance(number, int) else None
            if number == _INVALID:
                continue
            if position is None:
                self.problem(
                    row.id_refs[1],
                    _("goal {goal} has no indicator {nr} on the sheet {sheet!r}").format(
                        goal=row.ids[0], nr=number, sheet=INDICATORS
                    ),
                )
                continue
            indicator = goals[index]["indicators"][position]
            questions = indicator.setdefault("questions", [])
            questions.append(
                self.placed(
                    row,
                    QUESTIONS,
                    ("goals", index, "indicators", position, "questions", len(questions)),
                )
            )
        return goals

    def forbund(self) -> tuple[str | None, dict[str, Any] | None]:
        """The förbund's name in finsam (if given) and its tables (if any are filled)."""
        shape = layout()
        path: DataPath = ("forbund",)
        rows = self.rows(FORBUND)
        tables: dict[str, Any] = {}
        filled = False
        if rows is not None:
            tables, filled = self.form(FORBUND, rows, shape["forbund"], path)
        reference = tables.pop("@reference", None)
        self.where[format_path(path)] = self.where.pop(
            format_path((*path, "@reference")), f"{FORBUND}!A1"
        )
        filled = filled and bool(tables)
        members = [
            self.placed(row, MEMBERS, (*path, "members", i))
            for i, row in enumerate(self.table(shape[MEMBERS]))
        ]
        names: dict[int | str, int] | None = None
        if MEMBERS in self.sheets:
            counts: dict[str, list[int]] = {}
            for index, member in enumerate(members):
                name = member.get("name")
                if isinstance(name, str):
                    counts.setdefault(name.strip(), []).append(index)
            names = {name: found[0] for name, found in counts.items() if len(found) == 1}
        for row in self.table(shape[POPULATIONS]):
            owner = self.parent(row, 0, names, N_("member"))
            if owner is not None:
                items = members[owner].setdefault("populations", [])
                at = (*path, "members", owner, "populations", len(items))
                items.append(self.placed(row, POPULATIONS, at))
        rows_ = self.table(shape[CHARTERS])
        charters = [
            self.placed(row, CHARTERS, (*path, "charters", i)) for i, row in enumerate(rows_)
        ]
        known = self.parents(rows_) if CHARTERS in self.sheets else None
        for row in self.table(shape[SHARES]):
            found = self.parent(row, 0, known, N_("charter version"))
            if found is None:
                continue
            index = found
            kind = row.item.get("kind")
            key = _SHARE_KINDS.get(kind) if isinstance(kind, str) else None
            if key is None:
                self.problem(row.refs.get("kind", row.id_refs[0]), _("expected kommun or region"))
                continue
            table = charters[index].setdefault(key, {})
            member = row.item.get("member", "")
            if member in table:
                self.problem(
                    row.refs.get("member", row.id_refs[0]), _("this member is given twice")
                )
                continue
            at = (*path, "charters", index, key, member)
            self.place(at, row.refs.get("percent", row.refs.get("member", row.id_refs[0])))
            table[member] = row.item.get("percent")
        funding = [
            self.placed(row, FUNDING, (*path, "funding", i))
            for i, row in enumerate(self.table(shape[FUNDING]))
        ]
        for key, items in (("members", members), ("charters", charters), ("funding", funding)):
            if items:
                tables[key] = items
                filled = True
        if not filled:
            return (str(reference) if reference is not None else None), None
        self.require(tables, shape["forbund"])
        return (str(reference) if reference is not None else None), tables

    def extras(self, data: dict[str, Any]) -> None:
        rows = self.rows(EXTRAS)
        if not rows:
            return
        for number, row in enumerate(rows[1:], start=2):
            if all(_empty(v) for v in row):
                continue
            place = row[0] if row else None
            text = row[1] if len(row) > 1 else None
            ref = self.ref(EXTRAS, number, 1)
            path = parse_path(unescape_text(place)) if isinstance(place, str) else None
            if path is None:
                self.problem(ref, _("expected a data path such as insatser[0].outcomes"))
                continue
            try:
                value = json.loads(
                    unescape_text(text) if isinstance(text, str) else str(text),
                    parse_float=Decimal,
                    parse_constant=_refuse_constant,
                )
            except (ValueError, RecursionError):
                self.problem(self.ref(EXTRAS, number, 2), _("expected a value in JSON"))
                continue
            if not _set_path(data, path, value):
                self.problem(ref, _("there is no such place in the report"))
                continue
            self.place(path, self.ref(EXTRAS, number, 2))


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(name)


def _set_path(data: dict[str, Any], path: DataPath, value: Any) -> bool:
    node: Any = data
    for step, following in itertools.pairwise(path):
        if isinstance(node, dict) and isinstance(step, str):
            node = node.setdefault(step, [] if isinstance(following, int) else {})
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return False
    last = path[-1]
    if isinstance(node, dict) and isinstance(last, str):
        node[last] = value
        return True
    if isinstance(node, list) and isinstance(last, int) and last <= len(node):
        if isinstance(value, dict) or last == len(node):
            node.insert(last, value)  # a whole item whose row had nothing in it
        else:
            node[last] = value
        return True
    return False


def _same_forbund(reference: str, tables: dict[str, Any]) -> str | dict[str, Any]:
    """The name when the tables hold exactly the named förbund; the tables when they differ."""
    from finsam.forbund import Forbund
    from finsam.io import structure, unstructure

    try:
        named = structure(reference, Forbund)
        filled = structure(tables, Forbund)
    except DataError:
        return reference  # the loader reports what is wrong with the name
    return reference if unstructure(named) == unstructure(filled) else tables


def _located(error: DataError, where: Mapping[str, str], source: str) -> DataError:
    """The loader's problems with the cell of each place put first."""
    problems = []
    for problem in error.problems:
        path = problem.path
        ref = where.get(path)
        if ref is None and path:
            best = ""
            for known in where:
                if (
                    len(known) > len(best)
                    and path.startswith(known)
                    and path[len(known) : len(known) + 1] in (".", "[")
                ):
                    best = known
            ref = where.get(best) if best else None
        if ref is None:
            problems.append(problem)
        else:
            problems.append(
                Problem(ref, f"{problem.message} ({path})" if path else problem.message)
            )
    return DataError(problems, error.source or source)


def read_data(
    path: str | os.PathLike[str], *, source: str | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The plain report data a workbook holds, and the cell of each data path.

    Raises `finsam.DataError` for a file that is not a readable workbook, a missing sheet,
    or a cell that cannot be read (naming the sheet and cell).
    """
    from finsam.io import _structure

    workbook = Path(path)
    name = source or str(workbook)
    order, sheets = _load_rows(workbook, name)
    reader = _Reader(order, sheets)
    token = _structure._context.set(_structure.structure_context(workbook.parent))
    try:
        data = reader.report()
    finally:
        _structure._context.reset(token)
    if reader.problems:
        raise DataError(reader.problems, name)
    return data, reader.where


def read_workbook(
    path: str | os.PathLike[str], *, source: str | None = None, lang: str | None = None
) -> InterimReport | AnnualReport | Plan:
    """Read a report from a workbook written by `write_workbook` or `write_template`.

    A förbund the workbook names by a file is looked for next to the workbook.

    Args:
        path: The ``.xlsx`` file.
        source: The name errors and the report's findings give the file (its path by
            default).
        lang: The language of error messages (``"sv"`` or ``"en"``; see `finsam.language`).

    Raises:
        finsam.DataError: for a file that is not a readable workbook (damaged, not an
            .xlsx, larger than `finsam.limits.MAX_FILE_BYTES`), a missing sheet, or
            anything wrong in a cell; each problem names the sheet and cell
            (``Insatsbudget!B3``) and, for what the loader finds, the data path.
    """
    from finsam._i18n import using_language
    from finsam.io import _structure, structure_report

    workbook = Path(path)
    name = source or str(workbook)
    with using_language(lang):
        data, where = read_data(workbook, source=name)
        token = _structure._context.set(_structure.structure_context(workbook.parent))
        try:
            return structure_report(data, source=name)
        except DataError as error:
            raise _located(error, where, name) from None
        finally:
            _structure._context.reset(token)


# -- the instructions -------------------------------------------------------------------------

_REPORT_HINTS: Final = (
    "finsams filformat; ändra inte",
    "delårsrapport, årsredovisning eller verksamhetsplan (obligatorisk)",
    "rapportens titel som den är tryckt (obligatorisk)",
    "t.ex. 2019-01-01 – 2019-06-30 eller ett år, 2019 (obligatorisk)",
    "dagen styrelsen beslutade rapporten, ÅÅÅÅ-MM-DD",
    "dokumentet uppgifterna kommer från",
    "förbundets målgrupp, t.ex. 16",
    "t.ex. 64",
)
_FORBUND_HINTS: Final = (
    "namnet på ett förbund som finns i finsam (t.ex. gavleborg) eller en fil; "
    "lämna tomt om uppgifterna nedan gäller",
    "förbundets namn",
    "t.ex. 222000-3137",
    "",
    "ÅÅÅÅ-MM-DD",
)


def _instructions(template: bool) -> list[tuple[str, str]]:
    """The rows of the sheet *Instruktioner*: (style, text)."""
    opening = (
        "Den här arbetsboken är en tom mall för ett samordningsförbunds rapport. Förbundet är "
        "redan ifyllt; fyll i resten."
        if template
        else "Den här arbetsboken innehåller en rapport från ett samordningsförbund, skriven av "
        "finsam. Ändra eller komplettera den och läs sedan in den igen."
    )
    return [
        ("title", "Så fyller du i arbetsboken"),
        ("", opening),
        (
            "",
            "När den är ifylld läser finsam in den: finsam check RAPPORT.xlsx kontrollerar den "
            "och finsam import RAPPORT.xlsx --to RAPPORT.toml gör den till en datafil. Fel anges "
            "med flik och cell, t.ex. Insatsbudget!C5.",
        ),
        ("heading", "Det minsta en rapport behöver"),
        (
            "",
            "På fliken Rapport: Typ (delårsrapport, årsredovisning eller verksamhetsplan), Titel "
            "och Period. Allt annat fyller du i om rapporten anger det.",
        ),
        ("heading", "Allmänt"),
        (
            "",
            "Varje flik är en tabell med fetstilta rubriker. Ändra inte rubrikerna eller "
            "flikarnas namn; finsam hittar uppgifterna genom dem. Kolumnerna får flyttas, tomma "
            "rader hoppas över och rader kan läggas till var som helst i en tabell. Flikar som "
            "finsam inte känner igen läses inte.",
        ),
        (
            "",
            "Skriv som rapporten trycker. Belopp: '13 319 000 kr', '1 243 tkr' eller ett tal "
            "(ett tal utan enhet räknas som kronor). Datum: ÅÅÅÅ-MM-DD. Period: '2019-01-01 – "
            "2019-06-30' eller ett år, '2019'. Procent: ett tal, t.ex. 43 eller 9,2 (eller en "
            "cell formaterad som procent). Ja/nej-kolumner: ja eller nej. Kolumner med en "
            "lista (t.ex. Summa av, Samverkansparter, Mål för en insats) har en uppgift per "
            "rad i cellen: Alt+Enter ger en ny rad.",
        ),
        (
            "",
            "Står det något annat i rapporten än ett tal eller datum där ett sådant hör hemma "
            "(t.ex. 'Inga' eller '2019-06-31'), skriv det som det står. finsam behåller texten "
            "och kontrollerna påpekar den. Ord ur en lista (Slag, Roll, Status, Bedömning ...) "
            "kan väljas i cellens lista eller skrivas som rapporten skriver dem.",
        ),
        (
            "",
            "Rader på andra flikar hör till en insats, ett mål eller en version av "
            "förbundsordningen genom dess Nr (kolumnen Nr på fliken Insatser, Mål respektive "
            "Förbundsordning). En insats eller ett mål kan också anges med sitt namn.",
        ),
        ("heading", "Flikarna"),
        ("", "Rapport: rapportens typ, titel, period, beslutsdag och förbundets målgrupp."),
        (
            "",
            "T1, T2 ...: en flik per tryckt tabell (resultaträkning, balansräkning, "
            "driftredovisning, noter ...), i rapportens ordning. Överst tabellens rubrik, slag, "
            "enhet (kr eller tkr) och tecken: 'med tecken' (intäkter +, kostnader −), "
            "'kostnader positiva' eller 'kredit negativ'. Sedan kolumnerna: nyckel (ett kort "
            "namn, t.ex. utfall, budget, fg), slag (utfall, jämförelse, budget, prognos, "
            "avvikelse ...), för en härledd kolumn de kolumner den räknas ur (t.ex. budget och "
            "utfall för en avvikelse), och period. Raden Rad har kolumnernas tryckta rubriker; "
            "under den en rad per tabellrad med tal i tabellens enhet. Summa av: raderna som en "
            "summarad summerar. Talen står alltid från kolumn G. För en ny tabell: högerklicka "
            "på en tabellflik, välj Flytta eller kopiera, kryssa i Skapa en kopia, och ändra "
            "kopian. En tom tabellflik läses inte.",
        ),
        (
            "",
            "Budget: en rad per budgetrad med ett belopp per år (åren i rubrikraden). Under en "
            "rad kan raderna 'varav beviljat' och 'varav tillgängligt' följa; 'angivna intäkter' "
            "och 'angivna kostnader' är summorna som rapporten trycker.",
        ),
        ("", "Prognos: helårsprognosen i en delårsrapport."),
        (
            "",
            "Insatser: en rad per insats med deltagare och utfall (andelar i procent av de "
            "avslutade). Insatsbudget: budget och utfall per år; Budgetdelar: budget och utfall "
            "som rapporten delar upp; Fler utfall: utfallskategorier utöver de fyra; Andra "
            "uppgifter: vad andra ställen i rapporten anger om insatsen (kolumnen Uppgift på de "
            "andra flikarna pekar ut en sådan rad; lämna den tom för insatsens egna uppgifter).",
        ),
        (
            "",
            "Mål, Indikatorer, Enkätfrågor: mål med indikatorer. Slag för en indikator: "
            "målvärde, gräns i procent, nationell jämförelse, förbättring eller ja eller nej; "
            "fyll i kolumnerna som hör till slaget.",
        ),
        (
            "",
            "Siffror i texten: tal som rapportens text anger, för att jämföras med tabellerna "
            "(Avser: en tabellcell, 'tabellens rubrik/radens rubrik/kolumnens nyckel').",
        ),
        ("", "Styrelse och Ledamöter: styrelsen under perioden."),
        (
            "",
            "Förbund, Medlemmar, Invånartal, Förbundsordning, Andelar, Finansiering: förbundet "
            "(Invånartal: fler invånartal per medlem; medlemmen anges med sitt namn). Står "
            "förbundets namn i finsam på fliken Förbund (t.ex. gavleborg) och ändras inget "
            "annat, använder rapporten finsams uppgifter om förbundet; ändras uppgifterna "
            "används de ifyllda.",
        ),
        (
            "",
            "Övrigt: uppgifter som saknar egen plats i arbetsboken, i finsams dataformat (JSON). "
            "Ändra bara där om du vet vad du gör.",
        ),
    ]
