r"""Tables pasted from a PDF: `read_table` turns extracted text into a `Statement`.

Text extraction from a PDF report gives each table as lines of text: a header line with
the column labels, then one line per table row, the cells separated by tabs or only by
spaces, with the ``<b>``/``<i>`` markup the extraction left. `read_table` reads that text
into a `finsam.Statement` kept as printed: line labels, column labels and numbers exactly
as the report prints them (numbers as `Decimal` in the printed unit, blank cells None).
Roles, totals and derived columns are for the user to set after import (see
``docs/pasted-tables.md``).

How the text is read:

- **Markup.** ``<b>``, ``<i>``, ``<u>``, ``<em>``, ``<strong>``, ``<s>``, ``<span>`` and
  ``<sub>`` tags are removed, and a footnote in ``<sup>…</sup>`` with its text. Nothing
  is recorded about them (a bold line is often a total; totals are set after import).
- **Header.** The first line that looks like a header, before any line with numbers:
  tab-separated text cells; or, without tabs, cells separated by two or more spaces, and
  inside them labels split before dates and years (``2019-06-30``,
  ``2019-01-01 -2019-06-30``, ``2018``) and before column words (``Utfall``, ``Budget``,
  ``Prognos``, ``Avvikelse``, ``Ing``/``Utg`` balans, ``Period``, ``Not``, ``Tkr`` …, but
  not right after ``Aktuell`` or after ``mot``, ``i``, ``per`` …). Its first cell (the stub,
  e.g. "Belopp i kr.") is not a column. Lines above the header (a title) are skipped.
  Without a header the columns have empty labels and their number is the largest number
  of cells some line needs.
- **The "Not" column.** A header cell "Not" (or "Noter") holds note numbers: "1", "1.",
  "Not 1" go to `Line.note`, not to a column; another text there is kept in
  ``printed["note"]``, and a number that cannot be a note number is an error. Without
  tabs, a note number stands before the line's numbers; write it "3." where "3" could
  also be a number (a reading with a note costs as much as a blank cell, see below).
- **Cells.** A tab-separated line is read cell by cell, in the header's positions. A cell
  is blank, a number (Swedish style: "13 319 000", "-825 808", "−2,5", "0,00", "43 %",
  with plain, no-break, narrow no-break or thin spaces between digit groups, and -, − or –
  as the minus sign), or a text such as "Inga" or "–", kept in ``printed["values[i]"]``
  with the value None. A footnote mark after a number ("12 051 427³") is dropped.
- **Space-separated lines.** Without tabs, a line is a label followed by its cells; the
  cells are found from the right: a number is 1–3 digits followed by groups of exactly 3
  digits (or one group of any length, "1066"), decimals only after the last group; the
  text cells "Inga"/"Ingen"/"Inget" and dashes count as one cell. A no-break space always
  joins digit groups. Where a line sets its cells apart by two or more spaces, a single
  space joins digit groups too; in a table that writes its thousands with no-break
  spaces, a plain space separates cells. Otherwise a single space may be either, and of
  the readings that take the most of the line's trailing numbers the reader takes the one
  that best fits the lines that read only one way (numbers of the size typical of their
  column, no blank cell in a column such lines fill, no note number), then the one with
  most cells (at most one per column), then the one whose numbers differ least in size.
  Numbers that do not fit the columns stay in the label ("Not 1", "Bidrag 2016"); a label
  ending in a number can lose it to an unfilled column, so use tabs for such tables. A
  line with fewer cells than columns is placed under the header by the cells' positions
  where the text keeps the layout (cells set apart by two or more spaces), else it fills
  the first columns.
- **Labels.** Line labels are kept as printed (digits, dates, "Landsting/region"), except
  a trailing footnote mark ("intäkter³", "EK*", "kostnader ⁴") which is dropped.
- **Headings.** A line that prints nothing but its label (a section heading such as
  "Tillgångar", or a total printed without figures such as "Summa tillgångar") is dropped:
  it carries no figure. A line with a text cell or a note number is kept.
- **Column keys and kinds.** From the column label (case-insensitive words): "Avvikelse"
  is a comparison with key ``avvikelse`` (a deviation needs to know which columns it is
  taken from, so set its kind and ``of`` after import); "Prognos" is a forecast
  (``prognos``); "Budget" a budget (``budget``); "Ingående"/"Ing" an opening balance
  (``ing``); "Förändring" a change (``forandring``); "Utgående"/"Utg" a closing balance
  (``utg``) when the table has one opening column and one change column (a single column
  with no word, such as "Period", counts as the change), else a comparison. The first
  column saying "Utfall", or failing that the first column with none of these words, is
  the outcome (``utfall``); every other column is a comparison (``fg``). A key used
  twice gets ``_2``, ``_3``… on its later columns. A column gets a period when its label
  holds a range of dates, or a single date in a balance sheet.
- **Roles.** Every line gets `role` (default: memo, "upplysning": outside the
  arithmetic, so no check judges a table before its roles are set).
- **Bounds.** The text may hold at most `MAX_TABLE_TEXT` characters and `MAX_ITEMS`
  lines, a table at most `MAX_COLUMNS` columns; numbers must lie within
  `finsam.limits`. Reading takes time linear in the text; its patterns cannot backtrack.

Anything that makes the text unreadable as a table (no number at all, a line with more
numbers than columns, a number out of bounds) is a `finsam.DataError` whose problems name
the line (``line 7``), or the whole text (an empty path).

Example:
    >>> from decimal import Decimal
    >>> from finsam.io.table import read_table
    >>> note = read_table(
    ...     "\t2019-06-30\t2018-12-31\n"
    ...     "Momsfordran\t58 122\t108 896\n"
    ...     "Kundfordringar\t0\t1 711\n"
    ...     "<b>Summa</b>\t<b>58 122</b>\t<b>110 607</b>\n",
    ...     kind="not", title="Not 3. Fordringar",
    ... )
    >>> [(c.key, c.label, c.kind.value) for c in note.columns]
    [('utfall', '2019-06-30', 'utfall'), ('fg', '2018-12-31', 'jämförelse')]
    >>> note.number, note.value("Summa", "fg"), note.line("Summa").role.value
    (3, Decimal('110607'), 'upplysning')

    Separated by spaces only, numbers are split by their digit groups:

    >>> balance = read_table(
    ...     "Belopp i kr. Not 2019-06-30 2018-12-31\n"
    ...     "Tillgångar\n"
    ...     "Fordringar 3. 58 131 322 121\n"
    ...     "Kassa och bank 10 030 589 4 203 015\n"
    ...     "Panter och ansvarsförbindelser Inga Inga\n",
    ...     kind="balansräkning",
    ... )
    >>> [(line.label, line.note, line.values) for line in balance.lines[:2]]
    [('Fordringar', 3, (Decimal('58131'), Decimal('322121'))),
     ('Kassa och bank', None, (Decimal('10030589'), Decimal('4203015')))]
    >>> balance.lines[2].printed
    Printed.of({'values[0]': 'Inga', 'values[1]': 'Inga'})
    >>> read_table("Verksamhetens intäkter\tmycket\n", source="urklipp", lang="en")
    Traceback (most recent call last):
    ...
    finsam.errors.DataError: urklipp: no line of the text holds a number: it is not a table
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Final

from finsam._i18n import _, using_language
from finsam.accounts import (
    Column,
    ColumnKind,
    Line,
    LineRole,
    PrintedUnit,
    SignConvention,
    Statement,
    StatementKind,
)
from finsam.errors import DataError, Problem
from finsam.limits import MAX_ITEMS, MAX_TEXT, decimal_problem
from finsam.period import Period, parse_date
from finsam.printed import Printed

__all__ = ["MAX_COLUMNS", "MAX_TABLE_TEXT", "read_table"]

#: The longest text `read_table` reads, in characters.
MAX_TABLE_TEXT: Final = 10 * MAX_TEXT
#: The most columns a table may have.
MAX_COLUMNS: Final = 50

_MAX_PROBLEMS: Final = 100  # problems reported at most; the rest are left off
_MAX_CANDIDATES: Final = 64  # readings of one space-separated line weighed at most
_BLANK_COST: Final = 3  # a blank cell weighs as much as a number three digits off
_MAX_GROUPS: Final = 5  # a number below 10^15 prints at most five digit groups
_MAX_NUMBER_TEXT: Final = 64  # a longer cell is never a number
_MAX_HEADER_TEXT: Final = 100 * MAX_COLUMNS  # a longer line is never a header

_MINUSES: Final = "-\u2212\u2013"
_DASHES: Final = frozenset({"-", "\u2212", "\u2013", "\u2014"})
_NIL_WORDS: Final = frozenset({"inga", "ingen", "inget"})
_GLUE: Final = frozenset("\u00a0\u202f\u2009")  # spaces that always join digit groups
_FOOTNOTE_MARKS: Final = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079*\u2020\u2021"
_NOTE_HEADERS: Final = frozenset({"not", "noter", "not nr", "notnr", "not nr."})

# Column words: a header label starts before one of these (see the module docs).
_COLUMN_WORDS: Final = frozenset(
    {
        "utfall",
        "budget",
        "prognos",
        "avvikelse",
        "avvik",
        "bokslut",
        "ing",
        "ingående",
        "utg",
        "utgående",
        "period",
        "förändring",
        "not",
        "noter",
        "tkr",
        "aktuell",
        "jämförelse",
        "föregående",
    }
)
# A column word right after one of these continues the label ("Aktuell budget").
_MODIFIERS: Final = frozenset({"aktuell", "aktuellt", "ursprunglig", "reviderad", "beslutad"})
# ...unless they follow one of these words ("Avvikelse mot budget", "Belopp i tkr").
_LINK_WORDS: Final = frozenset(
    {"mot", "i", "av", "för", "enl", "enligt", "jmf", "jämfört", "med", "per", "och", "inkl"}
)

# Every pattern below is anchored or bounded and has no nested or overlapping repetition.
_MARKUP_RE: Final = re.compile(
    r"<sup>[^<>]{0,12}</sup>|</?(?:b|i|u|em|strong|s|span|sub|sup)[ ]{0,3}/?>", re.IGNORECASE
)
_LINE_BREAK_RE: Final = re.compile(r"\r\n|\r|\n")
_GLUED_NUMBER_RE: Final = re.compile("[0-9][\u00a0\u202f\u2009][0-9]{3}")
_TOKEN_RE: Final = re.compile(r"\S+")
_CELL_NUMBER_RE: Final = re.compile(
    rf"(?P<sign>[{_MINUSES}])?[ \u00a0]?"
    r"(?P<int>[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+|[0-9]+)"
    r"(?:[,.](?P<frac>[0-9]+))?(?:[ \u00a0]?%)?"
)
_TOKEN_NUMBER_RE: Final = re.compile(
    rf"(?P<sign>[{_MINUSES}])?(?P<int>[0-9]+)(?:[,.](?P<frac>[0-9]+))?(?P<pct>%)?"
)
_NOTE_RE: Final = re.compile(r"(?:[Nn]ot[ ]?)?([0-9]{1,3})\.?")
_DATE: Final = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE_RE: Final = re.compile(_DATE)
_YEAR_RE: Final = re.compile(r"(?:19|20)[0-9]{2}")
_DASH_DATE_RE: Final = re.compile(rf"[{_MINUSES}\u2014]{_DATE}")
_RANGE_TOKEN_RE: Final = re.compile(rf"{_DATE}[{_MINUSES}\u2014]{_DATE}")
_RANGE_RE: Final = re.compile(rf"({_DATE})[ ]{{0,3}}[{_MINUSES}\u2014][ ]{{0,3}}({_DATE})")
_NOTE_TITLE_RE: Final = re.compile(r"[ ]{0,3}[Nn]ot[ ]{1,3}([0-9]{1,3})(?![0-9])")
_WORD_RE: Final = re.compile(r"[^\W\d_]+")

# Separators before a token.
_START, _SOFT, _GLUED, _HARD = range(4)


# -- the public function -----------------------------------------------------------------------


def read_table(
    text: str,
    *,
    kind: StatementKind | str = "tabell",
    title: str | None = None,
    unit: PrintedUnit | str = "kr",
    convention: SignConvention | str = "signed",
    number: int | None = None,
    explains: str | None = None,
    source: str | None = None,
    role: LineRole | str = "upplysning",
    lang: str | None = None,
) -> Statement:
    """Read a table as PDF text extraction gives it into a `Statement` kept as printed.

    Args:
        text: The table's text: its header line, then one line per row (see the module
            documentation for what is understood).
        kind: What the table is (`StatementKind` or its value, e.g. ``"resultaträkning"``).
        title: The table's heading as printed; the kind's name when None.
        unit: The unit the numbers are printed in, ``"kr"`` or ``"tkr"``.
        convention: How the printed signs read (`SignConvention`); never guessed.
        number: For a note, its number; when None, read from a title "Not 3 …".
        explains: For a note, the label of the statement line it explains.
        source: Where the text came from, named in errors.
        role: The role every line gets until the user sets each line's own; memo by
            default.
        lang: The language of error messages (``"sv"`` or ``"en"``); the current one when
            None (see `finsam.set_language`).

    Raises:
        finsam.DataError: the text cannot be read as a table; each problem names its line.
        TypeError, ValueError: an argument of the wrong type or value (not the text's fault).
    """
    if not isinstance(text, str):
        raise TypeError(
            f"read_table: expected the table's text as a str, got {type(text).__name__}"
        )
    statement_kind = StatementKind(kind)
    printed_unit = PrintedUnit(unit)
    sign_convention = SignConvention(convention)
    line_role = LineRole(role)
    if title is not None and not isinstance(title, str):
        raise TypeError(f"read_table: title must be a str, got {type(title).__name__}")
    with using_language(lang):
        if len(text) > MAX_TABLE_TEXT:
            raise DataError(
                [
                    Problem(
                        "",
                        _(
                            "the text has {count} characters; a table may have at most {limit}"
                        ).format(count=len(text), limit=MAX_TABLE_TEXT),
                    )
                ],
                source,
            )
        table = _Reader(
            text.removeprefix("\ufeff"), is_balance=statement_kind is StatementKind.BALANCE_SHEET
        )
        if table.problems:
            raise DataError(table.problems[:_MAX_PROBLEMS], source)
    if title is None:
        title = statement_kind.value.capitalize()
    if number is None and statement_kind is StatementKind.NOTE:
        match = _NOTE_TITLE_RE.match(title)
        number = int(match[1]) if match else None
    return Statement(
        kind=statement_kind,
        title=title,
        columns=table.columns,
        lines=[
            Line(row.label, line_role, row.values, note=row.note, printed=row.printed)
            for row in table.rows
        ],
        unit=printed_unit,
        convention=sign_convention,
        number=number,
        explains=explains,
    )


# -- pieces --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    """A run of non-space characters of a line, and the kind of space before it."""

    text: str
    start: int
    end: int
    gap: int
    sign: str = ""
    digits: str = ""
    frac: str | None = None
    percent: bool = False
    note: int | None = None
    nil: bool = False

    @property
    def is_number(self) -> bool:
        return bool(self.digits)

    @property
    def closes(self) -> bool:
        """Whether no digit group may follow (it has decimals or a percent sign)."""
        return self.frac is not None or self.percent

    @property
    def can_stand(self) -> bool:
        """Whether the token may be a number's first digits: no leading zero but in "0"."""
        return self.is_number and (self.digits == "0" or not self.digits.startswith("0"))

    @property
    def can_lead(self) -> bool:
        """Whether groups of three digits may follow: 1–3 digits, no leading zero."""
        return (
            self.is_number
            and not self.closes
            and len(self.digits) <= 3
            and not self.digits.startswith("0")
        )

    @property
    def is_group(self) -> bool:
        return len(self.digits) == 3 and not self.sign

    @property
    def in_tail(self) -> bool:
        """Whether the token can belong to the cells at the end of a line."""
        return self.is_number or self.nil or self.note is not None


def _token(text: str, start: int, end: int, gap: int) -> _Token:
    note_match = _NOTE_RE.fullmatch(text) if len(text) <= 8 and text[:1].isdigit() else None
    note = int(note_match[1]) if note_match else None
    if text in _DASHES or text.casefold() in _NIL_WORDS:
        return _Token(text, start, end, gap, nil=True)
    match = _TOKEN_NUMBER_RE.fullmatch(text) if len(text) <= _MAX_NUMBER_TEXT else None
    if match is None:
        return _Token(text, start, end, gap, note=note)
    return _Token(
        text,
        start,
        end,
        gap,
        sign=match["sign"] or "",
        digits=match["int"],
        frac=match["frac"],
        percent=bool(match["pct"]),
        note=note if not match["sign"] and match["frac"] is None and not match["pct"] else None,
    )


def _tokens(line: str, last: int | None = None) -> tuple[int, list[_Token]]:
    """The line's tokens, or only its `last` ones, and how many tokens come before them."""
    spans = deque(
        ((match.start(), match.end()) for match in _TOKEN_RE.finditer(line)),
        maxlen=None if last is None else last + 1,
    )
    before = 0
    if last is not None and len(spans) > last:
        before = len(spans) - last  # an estimate is enough: some tokens come before
        previous_end = spans.popleft()[1]
    else:
        previous_end = -1
    tokens: list[_Token] = []
    for start, end in spans:
        gap_text = line[previous_end:start]
        if previous_end < 0:
            gap = _START
        elif len(gap_text) >= 2 or "\t" in gap_text:
            gap = _HARD
        else:
            gap = _GLUED if gap_text in _GLUE else _SOFT
        tokens.append(_token(line[start:end], start, end, gap))
        previous_end = end
    return before, tokens


def _label(text: str) -> str:
    """A line label as printed, without a trailing footnote mark."""
    label = text.strip()
    bare = label.rstrip(_FOOTNOTE_MARKS).rstrip()
    return bare or label


def _cell_number(cell: str) -> Decimal | None:
    """The number a tab-separated cell prints, or None if it is not a number."""
    if len(cell) > _MAX_NUMBER_TEXT:
        return None
    match = _CELL_NUMBER_RE.fullmatch(cell.rstrip(_FOOTNOTE_MARKS).rstrip())
    if match is None:
        return None
    return _decimal(match["sign"] or "", re.sub("[^0-9]", "", match["int"]), match["frac"])


def _decimal(sign: str, digits: str, frac: str | None) -> Decimal:
    return Decimal(f"{'-' if sign else ''}{digits}{'.' + frac if frac else ''}")


def _digits(value: Decimal) -> int:
    """How many digits a number has before its decimal point (0 for zero)."""
    return 0 if value == 0 else max(value.adjusted() + 1, 1)


# -- the header --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _HeaderCell:
    label: str
    start: int
    end: int


@dataclass(slots=True)
class _Header:
    """The header line: the column labels in their positions, and which one is "Not"."""

    cells: list[_HeaderCell]
    note: int | None  # index in `cells` of the "Not" column
    spans: bool  # whether the cells' positions say where the columns are

    @property
    def values(self) -> list[_HeaderCell]:
        return [cell for index, cell in enumerate(self.cells) if index != self.note]


def _is_note_header(label: str) -> bool:
    return label.casefold().strip() in _NOTE_HEADERS or label.casefold().rstrip(".") == "not"


def _header_cells(line: str) -> tuple[_Header, str] | None:
    """The header a line without tabs states, and its stub; None if it is not a header.

    Labels end at two or more spaces; inside, a label starts at a column word (not right
    after a modifier such as "Aktuell" or a link word such as "mot"), and at a date, year
    or date range when the label so far already has one, is "Not", or is the stub.
    """
    if len(line) > _MAX_HEADER_TEXT:
        return None
    _before, tokens = _tokens(line)
    if not tokens:
        return None
    groups: list[list[_Token]] = [[]]  # the stub, then one group per label
    has_date = in_range = False
    previous = ""
    for index, token in enumerate(tokens):
        text = token.text
        word = text.casefold().strip(".,")  # "Period:" starts a title, not a column
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        current = groups[-1]
        is_note = (
            len(groups) > 1
            and len(current) <= 2
            and _is_note_header(" ".join(t.text for t in current))
        )
        if in_range and _DATE_RE.fullmatch(text):
            new, in_range = False, False  # the end of "2019-01-01 - 2019-06-30"
        elif (
            has_date
            and current
            and _DATE_RE.fullmatch(current[-1].text)
            and (
                _DASH_DATE_RE.fullmatch(text) or (text in _DASHES and _DATE_RE.fullmatch(following))
            )
        ):
            new, in_range = False, text in _DASHES
        elif token.gap == _HARD and (len(groups) > 1 or not line[:1].isspace()):
            new = True
        elif word in _COLUMN_WORDS:
            new = previous not in _MODIFIERS and previous not in _LINK_WORDS
        elif (
            _DATE_RE.fullmatch(text) or _YEAR_RE.fullmatch(text) or _RANGE_TOKEN_RE.fullmatch(text)
        ):
            new = len(groups) == 1 or has_date or is_note
        else:
            new = False
        if new or (token.gap == _START and line[:1].isspace()):
            groups.append([])
            has_date = False
        groups[-1].append(token)
        if _DATE_RE.fullmatch(text) or _YEAR_RE.fullmatch(text) or _RANGE_TOKEN_RE.fullmatch(text):
            has_date = True
        previous = word
    stub = line[groups[0][0].start : groups[0][-1].end] if groups[0] else ""
    labels = [
        _HeaderCell(line[group[0].start : group[-1].end], group[0].start, group[-1].end)
        for group in groups[1:]
        if group
    ]
    if not labels or any(_is_number_label(cell.label) for cell in labels):
        return None
    last = tokens[-1]
    if last.is_number and not _YEAR_RE.fullmatch(last.text):
        return None  # a line ending in an amount is a row, not a header
    note = next((i for i, cell in enumerate(labels) if _is_note_header(cell.label)), None)
    spans = any(token.gap == _HARD for token in tokens)
    return _Header(labels, note, spans=spans), stub


def _is_number_label(label: str) -> bool:
    """Whether a header cell is a number other than a year (so the line is a row)."""
    return bool(label) and not _YEAR_RE.fullmatch(label) and _cell_number(label) is not None


def _tab_header(line: str) -> _Header | None:
    cells = [cell.strip() for cell in line.split("\t")[1:]]
    while cells and not cells[-1]:
        cells.pop()  # trailing tabs
    if not cells or any(_is_number_label(cell) for cell in cells):
        return None
    note = next((i for i, cell in enumerate(cells) if cell and _is_note_header(cell)), None)
    return _Header([_HeaderCell(cell, 0, 0) for cell in cells], note, spans=False)


# -- rows ------------------------------------------------------------------------------------------

# A cell: blank (None), a number, or a text kept as printed.
_Cell = Decimal | str | None


@dataclass(slots=True)
class _Row:
    number: int  # the line of the text, from 1
    label: str
    note: int | None = None
    note_text: str | None = None
    readings: list[list[_Cell]] = field(default_factory=list)  # one, or the candidates
    notes: list[int | None] = field(default_factory=list)  # the note of each candidate

    def cells(self) -> list[_Cell]:
        return self.readings[0] if self.readings else []


@dataclass(frozen=True, slots=True)
class _Reading:
    note: int | None
    items: list[tuple[int, int]]  # (first, end) token positions in the tail


class _Reader:
    """Reads the whole text; the result is `columns` and `rows`, or `problems`."""

    def __init__(self, text: str, *, is_balance: bool) -> None:
        self.problems: list[Problem] = []
        self.spaced = False
        self.is_balance = is_balance
        self.columns: list[Column] = []
        self.rows: list[_FinalRow] = []
        raw_lines = _LINE_BREAK_RE.split(text)
        if len(raw_lines) > MAX_ITEMS:
            self._problem(
                "",
                _("the text has {count} lines; a table may have at most {limit}").format(
                    count=len(raw_lines), limit=MAX_ITEMS
                ),
            )
            return
        lines = [_MARKUP_RE.sub("", line) for line in raw_lines]
        header_at, header = self._find_header(lines)
        if self.problems:
            return
        width = len(header.values) if header else None
        rows: list[_Row] = []
        pending: list[tuple[int, str]] = []  # space-separated lines, read once width is known
        for index in range(header_at + 1, len(lines)):
            line = lines[index]
            if not line.strip():
                continue
            if "\t" in line:
                row = self._tab_row(index + 1, line, header)
                if row is not None:
                    rows.append(row)
            else:
                pending.append((index + 1, line))
        if self.problems:
            return
        # A table that writes its thousands with no-break spaces separates cells by spaces.
        self.spaced = any(_GLUED_NUMBER_RE.search(line) for _number, line in pending)
        if width is None:
            width = max((len(row.cells()) for row in rows), default=0)
            for _number, line in pending:
                width = max(width, self._fewest_cells(line))
            width = min(width, MAX_COLUMNS)
            for row in rows:
                row.readings = [[*row.cells(), *[None] * (width - len(row.cells()))]]
        for number, line in pending:
            row = self._space_row(number, line, width, header)
            if row is not None:
                rows.append(row)
        if self.problems:
            return
        rows.sort(key=lambda row: row.number)
        self._choose_readings(rows, width)
        if not any(isinstance(cell, Decimal) for row in rows for cell in row.cells()):
            self._problem("", _("no line of the text holds a number: it is not a table"))
            return
        labels = [cell.label for cell in header.values] if header else [""] * width
        used = [any(row.cells()[i] is not None for row in rows) for i in range(width)]
        while width > 1 and not labels[width - 1] and not used[width - 1]:
            width -= 1  # an unused column the header did not name: a trailing tab
        for label in labels[:width]:
            self._check_text(header_at + 1, label)
        self.columns = _columns(labels[:width], is_balance=self.is_balance)
        for row in rows:
            cells = row.cells()[:width]
            if all(cell is None for cell in cells) and row.note is None and row.note_text is None:
                continue  # a heading, or a line printed without figures
            self._check_text(row.number, row.label)
            for cell in cells:
                if isinstance(cell, str):
                    self._check_text(row.number, cell)
                elif cell is not None and (problem := decimal_problem(cell)) is not None:
                    self._problem(f"line {row.number}", problem)
            self.rows.append(_FinalRow.of(row, cells))

    # -- problems -------------------------------------------------------------------------------

    def _problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def _check_text(self, number: int, text: str) -> None:
        if len(text) > MAX_TEXT:
            self._problem(
                f"line {number}",
                _("a text of {count} characters; at most {limit} are allowed").format(
                    count=len(text), limit=MAX_TEXT
                ),
            )

    # -- the header ------------------------------------------------------------------------------

    def _find_header(self, lines: Sequence[str]) -> tuple[int, _Header | None]:
        """The header and its index; lines before it are a title. (-1, None): none."""
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            if "\t" in line:
                header = _tab_header(line)
                if header is not None:
                    return self._checked_header(index, header)
                cells = line.split("\t")[1:]
                if any(_cell_number(cell.strip()) is not None for cell in cells):
                    return -1, None
                continue
            found = _header_cells(line)
            if found is not None:
                return self._checked_header(index, found[0])
            _before, tokens = _tokens(line, 1)
            if tokens and tokens[-1].is_number:
                return -1, None
        return -1, None

    def _checked_header(self, index: int, header: _Header) -> tuple[int, _Header | None]:
        if len(header.values) > MAX_COLUMNS:
            self._problem(
                f"line {index + 1}",
                _("the header names {count} columns; a table may have at most {limit}").format(
                    count=len(header.values), limit=MAX_COLUMNS
                ),
            )
        return index, header

    # -- tab-separated lines -----------------------------------------------------------------------

    def _tab_row(self, number: int, line: str, header: _Header | None) -> _Row | None:
        cells = line.split("\t")
        label = _label(cells[0])
        row = _Row(number, label)
        values: list[_Cell] = []
        for position, raw in enumerate(cells[1:]):
            cell = raw.strip()
            if header is not None and position == header.note:
                self._note_cell(row, cell)
                continue
            if header is not None and position >= len(header.cells):
                if cell:
                    self._problem(
                        f"line {number}",
                        _(
                            "{cell!r} stands in cell {position} after the label, but the header "
                            "names only {count}: more cells than columns"
                        ).format(cell=cell, position=position + 1, count=len(header.cells)),
                    )
                    break
                continue
            if header is None and position >= MAX_COLUMNS:
                if cell:
                    self._problem(
                        f"line {number}",
                        _(
                            "more than {limit} cells; a table may have at most {limit} columns"
                        ).format(limit=MAX_COLUMNS),
                    )
                    break
                continue
            if not cell:
                values.append(None)
            else:
                value = _cell_number(cell)
                values.append(cell if value is None else value)
        if header is not None:
            values.extend([None] * (len(header.values) - len(values)))
        else:
            while values and values[-1] is None:
                values.pop()
        row.readings = [values]
        return row

    def _note_cell(self, row: _Row, cell: str) -> None:
        if not cell:
            return
        match = _NOTE_RE.fullmatch(cell) if len(cell) <= 8 else None
        if match is not None:
            row.note = int(match[1])
        elif _cell_number(cell) is not None:
            self._problem(
                f"line {row.number}",
                _("the Not column holds {cell!r}, which is not a note number").format(cell=cell),
            )
        else:
            row.note_text = cell

    # -- space-separated lines ---------------------------------------------------------------------

    def _split(
        self, line: str, width: int, *, note: bool
    ) -> tuple[list[_Token], list[_Token], list[int], list[list[int]]]:
        """The line's label tokens, its cells' tokens, and the cell counts they read as.

        Only the end of a long line is looked at: more tokens than `limit` cannot be cells.
        """
        limit = _MAX_GROUPS * (width + 1) + 1
        before, tokens = _tokens(line, limit + 8)
        first = len(tokens)
        while first > 0 and len(tokens) - first < limit and tokens[first - 1].in_tail:
            first -= 1
        label, tail = tokens[:first], tokens[first:]
        variants = [tail]
        if any(token.gap == _HARD for token in tail):
            # Cells set apart by wide spaces: a single space joins digit groups, if it reads.
            variants.insert(0, [_with_gap(t, _GLUED, i) for i, t in enumerate(tail)])
        elif self.spaced:
            # Thousands joined by no-break spaces: a plain space separates cells, if it reads.
            variants.insert(0, [_with_gap(t, _HARD, i) for i, t in enumerate(tail)])
        best: tuple[int, list[_Token], list[int], list[list[int]]] | None = None
        for variant in variants:  # the one that reads the most tokens, glued if both do
            spans = [_spans(variant, first) for first in range(len(variant))]
            masks = _masks(spans, width)
            start = _first_start(bool(label) or before > 0, variant, masks, line, note=note)
            if start is not None and (best is None or start < best[0]):
                best = start, variant, masks, spans
        if best is None:
            return tokens, [], [1], []
        start, variant, masks, spans = best
        shifted = [[end - start for end in ends] for ends in spans[start:]]
        return label + variant[:start], variant[start:], masks[start:], shifted

    def _fewest_cells(self, line: str) -> int:
        """The fewest cells the longest reading of a line needs (for a table without header)."""
        _label, _tail, masks, _ends = self._split(line, MAX_COLUMNS, note=False)
        bits = masks[0] & ~1
        return (bits & -bits).bit_length() - 1 if bits else 0

    def _space_row(self, number: int, line: str, width: int, header: _Header | None) -> _Row | None:
        note_column = header is not None and header.note is not None
        label_tokens, tail, masks, spans = self._split(line, width, note=note_column)
        label = _label(line[: label_tokens[-1].end]) if label_tokens else ""
        row = _Row(number, label)
        if not tail:
            row.readings = [[None] * width]
            return row
        # A wide space inside the label before a number: the line has more numbers than columns.
        wide = next((i for i, t in enumerate(label_tokens) if i and t.gap == _HARD), None)
        if wide is not None and any(t.is_number for t in label_tokens[wide:]):
            self._problem(
                f"line {number}",
                _("the line holds more numbers than the {count} columns").format(count=width),
            )
            return None
        # Every reading of the tail, the most cells first: without and with a note number.
        starts: list[tuple[int | None, int]] = [(None, 0)]
        if _note_possible(tail, masks, 0, column=note_column):
            starts.append((tail[0].note, 1))
        readings: list[_Reading] = []
        for cells in range(width, 0, -1):
            for note, first in starts:
                if masks[first] >> cells & 1 and len(readings) < _MAX_CANDIDATES:
                    found = _readings(spans, masks, first, cells, _MAX_CANDIDATES - len(readings))
                    readings += [_Reading(note, items) for items in found]
        if header is not None and header.spans:
            # The layout says which cells stand under which column, and under "Not".
            readings = [r for r in readings if _lines_up(tail, r, header)] or readings
        row.readings = [self._cells(tail, reading, width, header) for reading in readings]
        row.notes = [reading.note for reading in readings]
        row.note = row.notes[0] if row.notes else None
        return row

    def _cells(
        self, tail: Sequence[_Token], reading: _Reading, width: int, header: _Header | None
    ) -> list[_Cell]:
        values: list[_Cell] = []
        spans: list[tuple[int, int]] = []
        for first, end in reading.items:
            token = tail[first]
            if token.nil:
                values.append(token.text)
            else:
                digits = "".join(t.digits for t in tail[first:end])
                values.append(_decimal(token.sign, digits, tail[end - 1].frac))
            spans.append((token.start, tail[end - 1].end))
        places = list(range(len(values)))
        if len(values) < width and header is not None and header.spans:
            places = _placed(spans, [(c.start, c.end) for c in header.values]) or places
        cells: list[_Cell] = [None] * width
        for place, value in zip(places, values, strict=True):
            cells[place] = value
        return cells

    def _choose_readings(self, rows: Sequence[_Row], width: int) -> None:
        """Settle each ambiguous line by the lines that read only one way.

        A reading costs, column by column, how many digits its numbers are off the typical
        size of the column's numbers (the median in lines read one way, zeros left out),
        and `_BLANK_COST` for each blank cell in a column that most such lines fill, and for
        a note number (most lines have none). The cheapest reading wins, then the one with
        most cells, then the one whose numbers differ least in size.
        """
        sizes: list[list[int]] = [[] for _ in range(width)]
        filled = [0] * width
        settled = 0
        for row in rows:
            cells = row.readings[0] if len(row.readings) == 1 else []
            if any(isinstance(cell, Decimal) for cell in cells):
                settled += 1
                for column, cell in enumerate(cells[:width]):
                    filled[column] += cell is not None
                    if isinstance(cell, Decimal) and cell != 0:
                        sizes[column].append(_digits(cell))
        typical = [statistics.median(s) if s else None for s in sizes]
        usual = [2 * count > settled for count in filled]

        def cost(cells: Sequence[_Cell], note: int | None) -> tuple[float, int, int]:
            numbers = [(i, _digits(c)) for i, c in enumerate(cells) if isinstance(c, Decimal) and c]
            off = sum(abs(size - t) for i, size in numbers if (t := typical[i]) is not None)
            blanks = sum(cell is None and usual[i] for i, cell in enumerate(cells))
            off += _BLANK_COST * (blanks + (note is not None))
            spread = max(s for _, s in numbers) - min(s for _, s in numbers) if numbers else 0
            return off, -sum(cell is not None for cell in cells), spread

        for row in rows:
            if len(row.readings) > 1:
                best = min(
                    range(len(row.readings)), key=lambda i: cost(row.readings[i], row.notes[i])
                )
                row.readings = [row.readings[best]]
                row.note = row.notes[best]


def _with_gap(token: _Token, gap: int, index: int) -> _Token:
    """The token with a plain space before it read as `gap` (not the first of the tail)."""
    return token if token.gap != _SOFT or index == 0 else replace(token, gap=gap)


def _spans(tail: Sequence[_Token], first: int) -> list[int]:
    """Where a cell starting at `first` may end (exclusive), shortest first."""
    count = len(tail)

    def closed(end: int) -> bool:
        return end == count or tail[end].gap != _GLUED

    token = tail[first]
    if token.nil:
        return [first + 1] if closed(first + 1) else []
    if not token.can_stand:
        return []
    ends = [first + 1] if closed(first + 1) else []
    if token.can_lead:
        index = first + 1
        while (
            index < count
            and index - first < _MAX_GROUPS
            and tail[index].gap != _HARD
            and tail[index].is_group
        ):
            if closed(index + 1):
                ends.append(index + 1)
            if tail[index].closes:
                break
            index += 1
    return ends


def _masks(spans: Sequence[Sequence[int]], width: int) -> list[int]:
    """For each position, the numbers of cells (bit n: n cells) the rest can be read as."""
    full = (1 << (width + 1)) - 1
    masks = [0] * (len(spans) + 1)
    masks[len(spans)] = 1
    for first in range(len(spans) - 1, -1, -1):
        mask = 0
        for end in spans[first]:
            mask |= masks[end] << 1
        masks[first] = mask & full
    return masks


def _most(mask: int) -> int:
    return max(mask.bit_length() - 1, 0)


def _note_possible(
    tail: Sequence[_Token], masks: Sequence[int], first: int, *, column: bool
) -> bool:
    """Whether tail[first] may be the note number, with cells after it."""
    return (
        column
        and tail[first].note is not None
        and first + 1 < len(tail)
        and tail[first + 1].gap != _GLUED
        and bool(masks[first + 1] & ~1)
    )


def _first_start(
    label: bool, tail: Sequence[_Token], masks: Sequence[int], line: str, *, note: bool
) -> int | None:
    """The first tail position from which the rest reads as cells (the longest reading)."""
    earliest = 0 if label or line[:1].isspace() else 1
    for first in range(earliest, len(tail)):
        if masks[first] & ~1 or _note_possible(tail, masks, first, column=note):
            return first
    return None


def _readings(
    spans: Sequence[Sequence[int]], masks: Sequence[int], first: int, cells: int, limit: int
) -> list[list[tuple[int, int]]]:
    """Up to `limit` ways to read tail[first:] as exactly `cells` cells."""
    found: list[list[tuple[int, int]]] = []
    path: list[tuple[int, int]] = []

    def walk(position: int, left: int) -> None:
        if len(found) >= limit:
            return
        if left == 0:
            if position == len(spans):
                found.append(list(path))
            return
        for end in spans[position]:
            if masks[end] >> (left - 1) & 1:
                path.append((position, end))
                walk(end, left - 1)
                path.pop()

    walk(first, cells)
    return found


def _lines_up(tail: Sequence[_Token], reading: _Reading, header: _Header) -> bool:
    """Whether a reading's note and cells stand under the "Not" column and value columns."""
    spans = [(tail[first].start, tail[end - 1].end) for first, end in reading.items]
    if reading.note is not None:
        spans.insert(0, (tail[0].start, tail[0].end))
    places = _placed(spans, [(cell.start, cell.end) for cell in header.cells])
    if places is None:
        return False
    notes = [place == header.note for place in places]
    return notes == [reading.note is not None] + [False] * (len(places) - 1)


def _placed(
    spans: Sequence[tuple[int, int]], columns: Sequence[tuple[int, int]]
) -> list[int] | None:
    """The column under each cell, by position, or None if they do not line up."""
    places: list[int] = []
    for start, end in spans:

        def closeness(column: int, start: int = start, end: int = end) -> tuple[int, int]:
            left, right = columns[column]
            overlap = min(end, right) - max(start, left)
            return (-overlap, 0) if overlap > 0 else (0, max(left - end, start - right))

        places.append(min(range(len(columns)), key=closeness))
    if any(b <= a for a, b in itertools.pairwise(places)):
        return None
    return places


# -- the result --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FinalRow:
    label: str
    values: tuple[Decimal | None, ...]
    note: int | None
    printed: Printed

    @classmethod
    def of(cls, row: _Row, cells: Sequence[_Cell]) -> _FinalRow:
        texts = {f"values[{i}]": cell for i, cell in enumerate(cells) if isinstance(cell, str)}
        if row.note_text is not None:
            texts = {"note": row.note_text, **texts}
        values = tuple(cell if isinstance(cell, Decimal) else None for cell in cells)
        return cls(row.label, values, row.note, Printed.of(texts))


def _word_kind(label: str) -> str | None:
    words = _WORD_RE.findall(label.casefold())
    joined = " ".join(words)

    def has(*stems: str) -> bool:
        return any(word.startswith(stems) for word in words)

    if has("avvik", "differens"):
        return "avvikelse"
    if has("prognos"):
        return "prognos"
    if has("budget"):
        return "budget"
    if has("ingående") or "ing balans" in joined:
        return "ing"
    if has("utgående") or "utg balans" in joined:
        return "utg"
    if has("förändring"):
        return "forandring"
    if has("utfall"):
        return "utfall"
    return None


def _columns(labels: Sequence[str], *, is_balance: bool) -> list[Column]:
    words = [_word_kind(label) for label in labels]
    kinds: list[ColumnKind] = []
    bases: list[str] = []
    unnamed = [i for i, word in enumerate(words) if word is None]
    opening = [i for i, word in enumerate(words) if word == "ing"]
    closing = [i for i, word in enumerate(words) if word == "utg"]
    change = [i for i, word in enumerate(words) if word == "forandring"]
    balance_roll = len(opening) == 1 and len(closing) == 1 and len(change) + len(unnamed) == 1
    outcome = next((i for i, word in enumerate(words) if word == "utfall"), None)
    if outcome is None and not balance_roll and unnamed:
        outcome = unnamed[0]
    for index, word in enumerate(words):
        if index == outcome:
            kind, base = ColumnKind.OUTCOME, "utfall"
        elif word == "budget":
            kind, base = ColumnKind.BUDGET, "budget"
        elif word == "prognos":
            kind, base = ColumnKind.FORECAST, "prognos"
        elif word == "ing":
            kind, base = ColumnKind.OPENING, "ing"
        elif word == "forandring" or (balance_roll and word is None):
            kind, base = ColumnKind.CHANGE, "forandring"
        elif balance_roll and word == "utg":
            kind, base = ColumnKind.CLOSING, "utg"
        elif word == "avvikelse":
            kind, base = ColumnKind.COMPARISON, "avvikelse"
        else:
            kind, base = ColumnKind.COMPARISON, "fg"
        kinds.append(kind)
        bases.append(base)
    keys: list[str] = []
    for base in bases:
        count = keys.count(base) + sum(key.startswith(f"{base}_") for key in keys)
        keys.append(base if count == 0 else f"{base}_{count + 1}")
    columns: list[Column] = []
    for key, label, kind in zip(keys, labels, kinds, strict=True):
        of: tuple[str, ...] = ()
        if kind is ColumnKind.CLOSING:
            of = (keys[kinds.index(ColumnKind.OPENING)], keys[kinds.index(ColumnKind.CHANGE)])
        columns.append(Column(key, label, kind, of, _period(label, is_balance=is_balance)))
    return columns


def _period(label: str, *, is_balance: bool) -> Period | None:
    """The period a column label states: a range of dates, or a balance sheet's day."""
    try:
        match = _RANGE_RE.search(label)
        if match is not None:
            return Period(parse_date(match[1]), parse_date(match[2]))
        if is_balance and _DATE_RE.fullmatch(label.strip()):
            day = parse_date(label.strip())
            return Period(day, day)
    except ValueError:
        return None
    return None
