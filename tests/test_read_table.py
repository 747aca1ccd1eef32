"""Tables pasted from a PDF: `finsam.io.table.read_table`.

The fixtures in ``tests/fixtures/tables`` are the seed reports' tables copied exactly as
text extraction left them (tabs, ``<b>``/``<i>`` markup, footnote marks); each is read and
compared, line by line and value by value, with the bundled statement encoded by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import finsam
from finsam.accounts import ColumnKind, LineRole, Statement, StatementKind
from finsam.errors import DataError
from finsam.io.table import MAX_COLUMNS, MAX_TABLE_TEXT, read_table
from finsam.period import Period
from finsam.printed import Printed

FIXTURES = Path(__file__).parent / "fixtures" / "tables"


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


# -- the seeds' tables against the bundled statements -------------------------------------------


@dataclass(frozen=True)
class SeedTable:
    fixture: str
    report: str
    title: str
    lines: int  # lines carrying figures that are compared
    #: Lines read_table keeps that the bundled statement leaves out, by label.
    extra: tuple[str, ...] = ()
    #: Bundled labels that differ from the printed ones: position in the read table → label.
    renamed: dict[int, str] = field(default_factory=dict)


SEED_TABLES = [
    SeedTable("gavleborg-2019-h1-resultatrakning", "gavleborg-2019-h1", "3.1 Resultaträkning", 10),
    # The seed also prints headings and "Summa tillgångar" without figures: read_table drops
    # them (the bundled statement keeps "Summa tillgångar" with blank cells, as a total; only
    # lines with figures are compared). "Panter och ansvarsförbindelser" prints "Inga" in
    # both columns: read_table keeps it as a line of texts, the bundled statement leaves it out.
    SeedTable(
        "gavleborg-2019-h1-balansrakning",
        "gavleborg-2019-h1",
        "3.2 Balansräkning",
        7,
        extra=("Panter och ansvarsförbindelser",),
    ),
    SeedTable(
        "gavleborg-2019-h1-driftredovisning",
        "gavleborg-2019-h1",
        "3.3 Driftredovisning: Sammanställning av utfall och budget period 2019",
        7,
    ),
    SeedTable("gavleborg-2019-h1-not-1", "gavleborg-2019-h1", "Not 1. Verksamhetens intäkter", 14),
    SeedTable("gavleborg-2019-h1-not-2", "gavleborg-2019-h1", "Not 2. Verksamhetens kostnader", 7),
    SeedTable("gavleborg-2019-h1-not-3", "gavleborg-2019-h1", "Not 3. Fordringar", 5),
    SeedTable("gavleborg-2019-h1-not-4", "gavleborg-2019-h1", "Not 4. Upplupna kostnader", 7),
    # The seed prints "Bidrag VG-region" twice; the bundled statement names the second
    # "Bidrag VG-region (andra raden)" to keep labels unique. Its headings ("Rörelsens
    # intäkter", "<i>Övriga kostnader</i>") have no figures and are dropped on both sides.
    # "S:a Rörelsens intäkter³" and "Övriga kostnader ⁴" lose their footnote marks on both.
    SeedTable(
        "mphla-2016-jan-aug-resultatrapport",
        "mphla-2016-jan-aug",
        "Resultaträkning, period 16-01-01 – 16-08-31",
        25,
        renamed={2: "Bidrag VG-region (andra raden)"},
    ),
    # "BERÄKNAT RESULTAT 0,00 0,00 0,00" closes the seed's balance report (a check line of
    # the ledger); the bundled statement leaves it out.
    SeedTable(
        "mphla-2016-jan-aug-balansrapport",
        "mphla-2016-jan-aug",
        "Balansrapport, period 16-01-01 – 16-08-31",
        25,
        extra=("BERÄKNAT RESULTAT",),
    ),
    SeedTable(
        "mphla-2016-jan-aug-nettokostnad",
        "mphla-2016-jan-aug",
        "Nettokostnad och finansnetto i tkr per område",
        14,
    ),
    # "4. Utgående EK*": the asterisk refers to a footnote and is dropped on both sides.
    SeedTable(
        "mphla-2016-jan-aug-ekonomisk-sammanfattning",
        "mphla-2016-jan-aug",
        "Ekonomisk sammanfattning",
        4,
    ),
]


def bundled(table: SeedTable) -> Statement:
    return finsam.load_report(table.report).find_statement(table.title)


def read_like(table: SeedTable, text: str) -> Statement:
    """Read a fixture with the kind, title, unit and convention of the bundled statement."""
    expected = bundled(table)
    return read_table(
        text,
        kind=expected.kind,
        title=expected.title,
        unit=expected.unit,
        convention=expected.convention,
        number=expected.number,
        explains=expected.explains,
        source=f"{table.fixture}.txt",
    )


Compared = list[tuple[str, tuple[Decimal | None, ...], int | None]]


def compared_lines(table: SeedTable, read: Statement) -> Compared:
    """The read lines as (label, values, note), without the documented extra lines."""
    lines = []
    for index, line in enumerate(read.lines):
        if line.label in table.extra:
            continue
        lines.append((table.renamed.get(index, line.label), line.values, line.note))
    return lines


def with_figures(statement: Statement) -> Compared:
    """The bundled lines that print something: a line printed without figures (a heading,
    "Summa tillgångar") may be kept in the bundled data, but read_table drops it."""
    return [
        (line.label, line.values, line.note)
        for line in statement.lines
        if any(value is not None for value in line.values) or line.printed
    ]


@pytest.mark.parametrize("table", SEED_TABLES, ids=[t.fixture for t in SEED_TABLES])
def test_a_seed_table_reads_as_the_bundled_statement(table: SeedTable) -> None:
    expected = bundled(table)
    read = read_like(table, fixture(table.fixture))

    assert [c.label for c in read.columns] == [c.label for c in expected.columns]
    lines, figures = compared_lines(table, read), with_figures(expected)
    assert len(lines) == len(figures) == table.lines
    for (label, values, note), (bundled_label, bundled_values, bundled_note) in zip(
        lines, figures, strict=True
    ):
        assert label == bundled_label
        assert values == bundled_values, label  # Decimal('0.00') == Decimal('0')
        assert note == bundled_note, label
    # Every line the bundled statement lacks is accounted for above.
    assert len(read.lines) == table.lines + len(table.extra)


def test_the_seed_tables_compare_every_printed_figure() -> None:
    """What the comparison above covers: 11 tables, 125 lines, 327 values."""
    lines = values = 0
    for table in SEED_TABLES:
        figures = with_figures(bundled(table))
        lines += len(figures)
        values += sum(v is not None for _, line_values, _ in figures for v in line_values)
    assert (len(SEED_TABLES), lines, values) == (11, 125, 327)


def test_seed_texts_and_extras_are_kept_as_printed() -> None:
    balance = read_table(fixture("gavleborg-2019-h1-balansrakning"), kind="balansräkning")
    panter = balance.line("Panter och ansvarsförbindelser")
    assert panter.values == (None, None)
    assert panter.printed == Printed.of({"values[0]": "Inga", "values[1]": "Inga"})
    assert "Summa tillgångar" not in [line.label for line in balance.lines]

    ledger = read_table(fixture("mphla-2016-jan-aug-balansrapport"), kind="balansräkning")
    assert ledger.line("BERÄKNAT RESULTAT").values == (Decimal("0.00"),) * 3


@pytest.mark.parametrize(
    ("name", "kind", "columns"),
    [
        (
            "gavleborg-2019-h1-resultatrakning",
            "resultaträkning",
            [("utfall", ColumnKind.OUTCOME), ("fg", ColumnKind.COMPARISON)],
        ),
        (
            "gavleborg-2019-h1-driftredovisning",
            "driftredovisning",
            [
                ("budget", ColumnKind.BUDGET),
                ("utfall", ColumnKind.OUTCOME),
                ("avvikelse", ColumnKind.COMPARISON),  # a deviation: the user sets `of`
            ],
        ),
        (
            "mphla-2016-jan-aug-resultatrapport",
            "resultaträkning",
            [("budget", ColumnKind.BUDGET), ("utfall", ColumnKind.OUTCOME)],
        ),
        (
            "mphla-2016-jan-aug-balansrapport",
            "balansräkning",
            [
                ("ing", ColumnKind.OPENING),
                ("forandring", ColumnKind.CHANGE),
                ("utg", ColumnKind.CLOSING),
            ],
        ),
        (
            "mphla-2016-jan-aug-nettokostnad",
            "driftredovisning",
            [
                ("utfall", ColumnKind.OUTCOME),
                ("budget", ColumnKind.BUDGET),
                ("avvikelse", ColumnKind.COMPARISON),
                ("prognos", ColumnKind.FORECAST),
                ("budget_2", ColumnKind.BUDGET),
            ],
        ),
    ],
)
def test_column_keys_and_kinds_follow_the_header(
    name: str, kind: str, columns: list[tuple[str, ColumnKind]]
) -> None:
    statement = read_table(fixture(name), kind=kind)
    assert [(c.key, c.kind) for c in statement.columns] == columns


def test_columns_get_periods_from_their_labels() -> None:
    income = read_table(fixture("gavleborg-2019-h1-resultatrakning"), kind="resultaträkning")
    assert income.column("utfall").period == Period.parse("2019-01-01 – 2019-06-30")
    balance = read_table(fixture("gavleborg-2019-h1-balansrakning"), kind="balansräkning")
    assert balance.column("fg").period == Period.parse("2018-12-31 – 2018-12-31")
    note = read_table(fixture("gavleborg-2019-h1-not-3"), kind="not", title="Not 3. Fordringar")
    assert note.column("utfall").period is None  # a day in a note: which period is unknown
    assert note.number == 3


def test_a_closing_balance_is_derived_from_opening_and_change() -> None:
    ledger = read_table(fixture("mphla-2016-jan-aug-balansrapport"), kind="balansräkning")
    assert ledger.column("utg").of == ("ing", "forandring")
    line = ledger.line("Fordran moms")
    assert ledger.column_relation(line.label, "utg") == line.values[2]


def single_spaced(text: str) -> str:
    """A table as a PDF viewer may copy it: every run of tabs and spaces one space."""
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())


def no_break_thousands(text: str) -> str:
    """Thousands joined by no-break spaces, cells separated by one plain space."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"([0-9]) ([0-9]{3})", "\\1\u00a0\\2", line)
        line = re.sub(r"([0-9]) ([0-9]{3})", "\\1\u00a0\\2", line)  # overlapping groups
        lines.append(re.sub(r"\t+", " ", line).strip())
    return "\n".join(lines)


def laid_out(text: str) -> str:
    """The table as ``pdftotext -layout`` gives it: columns right-aligned, wide spaces."""
    rows = [line.split("\t") for line in text.splitlines()]
    count = max(len(row) for row in rows)
    rows = [row + [""] * (count - len(row)) for row in rows]
    widths = [max(len(re.sub("<[^>]*>", "", row[i])) for row in rows) for i in range(count)]
    out = []
    for row in rows:
        cells = [re.sub("<[^>]*>", "", cell) for cell in row]
        first = cells[0].ljust(widths[0])
        out.append(
            "   ".join(
                [first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))]
            ).rstrip()
        )
    return "\n".join(out)


# Lines whose printed figures leave cells blank: with single spaces and no layout the text
# does not say which cells are blank, and read_table fills the first columns.
BLANK_CELL_LINES = {
    "mphla-2016-jan-aug-resultatrapport": {"Finansiella ränteintäkter"},
}


@pytest.mark.parametrize("table", SEED_TABLES, ids=[t.fixture for t in SEED_TABLES])
@pytest.mark.parametrize("layout", [single_spaced, no_break_thousands, laid_out])
def test_a_seed_table_without_tabs_reads_the_same(
    table: SeedTable, layout: Callable[[str], str]
) -> None:
    text = fixture(table.fixture)
    with_tabs = read_like(table, text)
    without = read_like(table, layout(text))
    assert [c.label for c in without.columns] == [c.label for c in with_tabs.columns]
    assert [line.label for line in without.lines] == [line.label for line in with_tabs.lines]
    blank = BLANK_CELL_LINES.get(table.fixture, set()) if layout is not laid_out else set()
    for read, line in zip(without.lines, with_tabs.lines, strict=True):
        if line.label in blank:
            # The same numbers, but not said where: compare them without their columns.
            assert sorted(map(str, filter(None, read.values))) == sorted(
                map(str, filter(None, line.values))
            )
            continue
        assert (read.values, read.note, read.printed) == (line.values, line.note, line.printed)


# -- what the reader understands -------------------------------------------------------------------


def test_markup_headings_and_text_cells() -> None:
    statement = read_table(
        "Belopp i kr.\tNot\t2019-06-30\t2018-12-31\n"
        "<b>Tillgångar</b>\t\t\t\n"
        "Fordringar\t3.\t58 131\t322 121\n"
        "<i>Kassa och bank</i>\t\t<i>10 030 589</i>\t<i>4 203 015</i>\n"
        "<b>Summa tillgångar</b>\t\t\t\n"
        "Panter och ansvarsförbindelser\t\tInga\t–\n"
    )
    assert [line.label for line in statement.lines] == [
        "Fordringar",
        "Kassa och bank",
        "Panter och ansvarsförbindelser",
    ]
    assert statement.line("Fordringar").note == 3
    assert statement.line("Kassa och bank").values == (Decimal(10030589), Decimal(4203015))
    assert statement.lines[2].printed == Printed.of({"values[0]": "Inga", "values[1]": "–"})


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("13 319 000", Decimal(13319000)),
        ("-825 808", Decimal(-825808)),
        ("\u2212825 808", Decimal(-825808)),
        ("\u2013825\u00a0808", Decimal(-825808)),
        ("- 825\u202f808", Decimal(-825808)),
        ("−2,5", Decimal("-2.5")),
        ("0,00", Decimal("0.00")),
        ("43 %", Decimal(43)),
        ("-1066", Decimal(-1066)),
        ("12 051 427³", Decimal(12051427)),
    ],
)
def test_a_cell_reads_as_a_swedish_number(cell: str, value: Decimal) -> None:
    statement = read_table(f"\tUtfall\nIntäkter\t{cell}\n")
    assert statement.lines[0].values == (value,)


def test_labels_keep_their_digits_and_lose_footnote_marks() -> None:
    statement = read_table(
        "\t2019-06-30\n"
        "Not 1 Driftbidrag 2019-06-30\t5\n"
        "Driftbidrag från Landsting/region\t1 664 875\n"
        "1. Nettokostnad och finansnetto\t-10 220\n"
        "S:a Rörelsens intäkter³\t7\n"
        "Övriga kostnader \u2074\t8\n"
        "4. Utgående EK*\t9\n"
    )
    assert [line.label for line in statement.lines] == [
        "Not 1 Driftbidrag 2019-06-30",
        "Driftbidrag från Landsting/region",
        "1. Nettokostnad och finansnetto",
        "S:a Rörelsens intäkter",
        "Övriga kostnader",
        "4. Utgående EK",
    ]


def test_the_not_column() -> None:
    statement = read_table(
        "\tNot\tUtfall\nA\t1.\t10\nB\t2\t20\nC\tNot 3\t30\nD\tse nedan\t40\nE\t\t50\n"
    )
    assert [line.note for line in statement.lines] == [1, 2, 3, None, None]
    assert statement.line("D").printed == Printed.of({"note": "se nedan"})
    assert [c.label for c in statement.columns] == ["Utfall"]


def test_a_number_in_the_not_column_is_an_error() -> None:
    with pytest.raises(DataError) as raised:
        read_table("\tNot\tUtfall\nA\t6 659 748\t3 337 234\n", source="urklipp")
    assert raised.value.problems[0].path == "line 2"
    assert raised.value.source == "urklipp"


def test_column_keys_for_repeated_and_unnamed_columns() -> None:
    statement = read_table("Intäkter\t1\t2\t3\n")
    assert [(c.key, c.label, c.kind) for c in statement.columns] == [
        ("utfall", "", ColumnKind.OUTCOME),
        ("fg", "", ColumnKind.COMPARISON),
        ("fg_2", "", ColumnKind.COMPARISON),
    ]
    forecast = read_table(
        "\tUtfall 2019\tUtfall 2018\tPrognos helår\tAvvikelse\tAvvikelse mot budget\n"
        "Intäkter\t1\t2\t3\t4\t5\n"
    )
    assert [(c.key, c.kind) for c in forecast.columns] == [
        ("utfall", ColumnKind.OUTCOME),
        ("fg", ColumnKind.COMPARISON),
        ("prognos", ColumnKind.FORECAST),
        ("avvikelse", ColumnKind.COMPARISON),
        ("avvikelse_2", ColumnKind.COMPARISON),
    ]


def test_every_line_gets_the_role_given() -> None:
    text = fixture("gavleborg-2019-h1-not-1")
    memo = read_table(text)
    assert {line.role for line in memo.lines} == {LineRole.MEMO}
    assert memo.title == "Tabell"
    assert memo.kind is StatementKind.OTHER
    revenue = read_table(text, kind="not", title="Not 1. Verksamhetens intäkter", role="intäkt")
    assert {line.role for line in revenue.lines} == {LineRole.REVENUE}
    assert revenue.number == 1


def test_space_separated_numbers_are_split_by_digit_groups() -> None:
    statement = read_table(
        "Belopp i kr. Not 2019-01-01 -2019-06-30 2018-01-01 -2018-06-30\n"
        "Verksamhetens intäkter 1. 6 659 748 3 337 234\n"
        "Finansiella kostnader -265 -1 282\n"
        "Not 1 i texten 5 000 2 000\n"
    )
    assert [c.label for c in statement.columns] == [
        "2019-01-01 -2019-06-30",
        "2018-01-01 -2018-06-30",
    ]
    assert [(line.label, line.note, line.values) for line in statement.lines] == [
        ("Verksamhetens intäkter", 1, (Decimal(6659748), Decimal(3337234))),
        ("Finansiella kostnader", None, (Decimal(-265), Decimal(-1282))),
        ("Not 1 i texten", None, (Decimal(5000), Decimal(2000))),
    ]


def test_ambiguous_lines_are_settled_by_the_lines_that_read_one_way() -> None:
    # "9 102 358" may be 9 | 102 358 or 9 102 | 358, "58 122 108 896" three ways; the lines
    # that read one way ("0 1 711", "0 109 156") say the second column has 4–6 digits.
    statement = read_table(single_spaced(fixture("gavleborg-2019-h1-not-3")))
    assert [line.values for line in statement.lines] == [
        (Decimal(58122), Decimal(108896)),
        (Decimal(0), Decimal(1711)),
        (Decimal(9), Decimal(102358)),
        (Decimal(0), Decimal(109156)),
        (Decimal(58131), Decimal(322121)),
    ]


def test_a_laid_out_line_with_blank_cells_is_placed_by_position() -> None:
    statement = read_table(
        "                           Budget 2016    Utfall 2016\n"
        "Bidrag FK/Af                 5 566 000      5 565 779\n"
        "Finansiella ränteintäkter                         176\n"
        "Bidrag ESF                     400 000\n"
    )
    assert [line.values for line in statement.lines] == [
        (Decimal(5566000), Decimal(5565779)),
        (None, Decimal(176)),
        (Decimal(400000), None),
    ]


def test_single_space_headers_are_split_before_dates_and_column_words() -> None:
    def labels(header: str) -> list[str]:
        return [c.label for c in read_table(f"{header}\nX 1 2 3 4 5\n").columns]

    assert labels("Budget 2019 Utfall 2019-06-30 Avvikelse mot budget") == [
        "Budget 2019",
        "Utfall 2019-06-30",
        "Avvikelse mot budget",
    ]
    assert labels(
        "Nettokostnad i tkr per område Utfall jan-aug Aktuell budget jan-aug "
        "Avvikelse jan-aug Prognos Helår (aktuell) Aktuell Budget Helår"
    ) == [
        "Utfall jan-aug",
        "Aktuell budget jan-aug",
        "Avvikelse jan-aug",
        "Prognos Helår (aktuell)",
        "Aktuell Budget Helår",
    ]
    assert labels("Ing balans Period Utg balans") == ["Ing balans", "Period", "Utg balans"]
    assert labels("Belopp i tkr 2019 2018") == ["2019", "2018"]


def test_lines_above_the_header_are_a_title() -> None:
    statement = read_table(
        "RESULTATRÄKNING\nPeriod: 16-01-01 – 16-08-31\n\n\tBudget\tUtfall\nBidrag\t1\t2\n"
    )
    assert [c.label for c in statement.columns] == ["Budget", "Utfall"]
    assert [line.label for line in statement.lines] == ["Bidrag"]


# -- what cannot be read ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("", ""),
        ("Tillgångar\nEget kapital och skulder\n", ""),
        ("\t2019\t2018\nTillgångar\t\t\n", ""),
        ("\tUtfall\nIntäkter\t1\t2\n", "line 2"),
        ("\tUtfall\nIntäkter\t1\nKostnader\t3\t4\t5\n", "line 3"),
        ("Belopp  2019  2018\nIntäkter   1   2   3\n", "line 2"),
        ("\tUtfall\nIntäkter\t1" + "0" * 20 + "\n", "line 2"),
        ("\t" + "\t".join(["Utfall"] * (MAX_COLUMNS + 1)) + "\n", "line 1"),
        ("x" * (MAX_TABLE_TEXT + 1), ""),
    ],
)
def test_text_that_is_not_a_table_is_a_data_error(text: str, path: str) -> None:
    with pytest.raises(DataError) as raised:
        read_table(text, source="urklipp.txt")
    assert raised.value.problems[0].path == path
    assert raised.value.source == "urklipp.txt"


def test_errors_speak_the_language_asked_for() -> None:
    with pytest.raises(DataError, match="more cells than columns"):
        read_table("\tUtfall\nIntäkter\t1\t2\n", lang="en")


def test_misuse_is_not_a_data_error() -> None:
    with pytest.raises(TypeError):
        read_table(b"\tUtfall\nA\t1\n")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kvartal"):
        read_table("\tUtfall\nA\t1\n", kind="kvartal")


# -- properties ------------------------------------------------------------------------------------

Draw = Callable[[st.SearchStrategy[Any]], Any]  # DrawFn, or DataObject.draw
SPACES = (" ", "\u00a0", "\u202f", "\u2009")
NO_BREAK = SPACES[1:]
MINUSES = ("-", "\u2212", "\u2013")
TEXT_CELLS = ("Inga", "–")
WORDS = st.sampled_from(
    [
        "Driftbidrag",
        "från",
        "Landsting/region",
        "Not",
        "1",
        "2019-06-30",
        "S:a",
        "Övriga",
        "kostnader,",
        "intäkter",
        "Bidrag",
        "VG-region",
        "Eget",
        "kapital",
        "(netto)",
        "Summa",
        "ränteintäkter",
        "Gävle",
        "Kommun",
        "3.1",
        "ÅRETS",
        "RESULTAT",
        "inkl",
        "20%-andel",
    ]
)
# Column labels that stay one label however they are spaced: dates, or a column word first.
DATE_LABELS = [
    "2019-06-30",
    "2018-12-31",
    "2019-01-01 -2019-06-30",
    "2018-01-01 – 2018-06-30",
    "2018",
]
WORD_LABELS = [
    "Utfall 2019",
    "Budget 2019",
    "Prognos helår",
    "Avvikelse mot budget",
    "Utfall jan-aug 2016",
    "Aktuell budget 2016",
    "Ing balans",
    "Period",
    "Utg balans",
    "Tkr",
]


@st.composite
def labels(draw: st.DrawFn) -> str:
    """A line label: words, with digits inside, never ending in something cell-like."""
    words = draw(st.lists(WORDS, min_size=1, max_size=5))
    words.append(draw(st.sampled_from(["intäkter", "kostnader", "Summa", "region", "ÅR"])))
    return " ".join(words)


@st.composite
def values(draw: st.DrawFn) -> Decimal:
    whole = draw(st.integers(-(10**12), 10**12))
    if draw(st.booleans()):
        return Decimal(whole)
    return Decimal(whole).scaleb(-2)


@dataclass
class Table:
    stub: str
    columns: list[str]
    note: bool
    rows: list[tuple[str, int | None, list[Decimal | str | None]]]


@st.composite
def tables(draw: st.DrawFn, *, spaced: bool = False) -> Table:
    """A table to render. `spaced`: one that reads back unambiguously with plain spaces
    between cells: blank cells only at the end of a line (the text cannot say which cell
    is blank), and with a "Not" column a note on every line (a line without one could
    start with a number that is also a note number)."""
    pool = draw(st.sampled_from([DATE_LABELS, WORD_LABELS]))
    columns = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4))
    note = draw(st.booleans())
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        cells: list[Decimal | str | None] = [
            draw(st.one_of(values(), values(), st.none(), st.sampled_from(TEXT_CELLS)))
            for _ in columns
        ]
        if spaced:
            filled = draw(st.integers(1, len(columns)))
            cells = [c if c is not None else Decimal(0) for c in cells[:filled]]
            cells += [None] * (len(columns) - filled)
        if all(cell is None for cell in cells):
            cells[0] = Decimal(7)
        row_note = draw(st.one_of(st.none(), st.integers(1, 99))) if note else None
        if spaced and note and row_note is None:
            row_note = draw(st.integers(1, 99))
        rows.append((draw(labels()), row_note, cells))
    if not any(isinstance(cell, Decimal) for _, _, cells in rows for cell in cells):
        rows[0][2][0] = Decimal(7)  # a table holds at least one number
    stub = draw(st.sampled_from(["", "Belopp i kr.", "Belopp i tkr"]))
    return Table(stub, columns, note, rows)


def swedish(value: Decimal, draw: Draw, spaces: tuple[str, ...]) -> str:
    """A number as a Swedish table prints it, with a random separator and minus sign."""
    sign = draw(st.sampled_from(MINUSES)) if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    space = draw(st.sampled_from(spaces))
    groups: list[str] = []
    while len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    text = space.join([whole, *groups])
    return f"{sign}{text}{',' + frac if frac else ''}"


def cell_text(cell: Decimal | str | None, draw: Draw, spaces: tuple[str, ...]) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    return swedish(cell, draw, spaces)


def render(table: Table, style: str, draw: Draw) -> str:
    """The table as text extraction could give it: tabs, a layout, or plain spaces."""
    header = [table.stub, *(["Not"] if table.note else []), *table.columns]
    rows = [
        [
            label,
            *([f"{note}." if note is not None else ""] if table.note else []),
            *(cell_text(c, draw, SPACES if style != "spaced" else NO_BREAK) for c in cells),
        ]
        for label, note, cells in table.rows
    ]
    if style == "tabs":
        bold = draw(st.booleans())
        lines = ["\t".join(header)]
        for row in rows:
            cells = [f"<b>{c}</b>" if bold and c else c for c in row]
            lines.append("\t".join(cells))
        end: str = draw(st.sampled_from(["", "\n", "\r\n"]))
        return "\n".join(lines) + end
    if style == "layout":
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        gap = " " * draw(st.integers(2, 4))
        lines = []
        for row in [header, *rows]:
            first = row[0].ljust(widths[0])
            rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
            lines.append(gap.join([first, *rest]).rstrip())
        return "\n".join(lines)
    # "spaced": one plain space between cells, thousands joined by no-break spaces.
    return "\n".join(" ".join(c for c in row if c) for row in [header, *rows])


def expected_lines(
    table: Table,
) -> list[tuple[str, int | None, tuple[Decimal | None, ...], Printed]]:
    return [
        (
            label,
            note,
            tuple(c if isinstance(c, Decimal) else None for c in cells),
            Printed.of({f"values[{i}]": c for i, c in enumerate(cells) if isinstance(c, str)}),
        )
        for label, note, cells in table.rows
    ]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), style=st.sampled_from(["tabs", "layout"]))
def test_a_rendered_table_reads_back(data: st.DataObject, style: str) -> None:
    table = data.draw(tables())
    text = render(table, style, data.draw)
    statement = read_table(text)
    assert [c.label for c in statement.columns] == table.columns
    read = [(line.label, line.note, line.values, line.printed) for line in statement.lines]
    assert read == expected_lines(table)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_table_spaced_with_no_break_thousands_reads_back(data: st.DataObject) -> None:
    table = data.draw(tables(spaced=True))
    assume(
        any(isinstance(c, Decimal) and abs(c) >= 1000 for _, _, cells in table.rows for c in cells)
    )
    # A single-space header splits labels at dates and column words: keep one kind per header.
    statement = read_table(render(table, "spaced", data.draw))
    assert [c.label for c in statement.columns] == table.columns
    read = [(line.label, line.note, line.values, line.printed) for line in statement.lines]
    assert read == expected_lines(table)


def digits(text: str) -> str:
    return re.sub("[^0-9]", "", text)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_single_spaced_table_keeps_every_digit(data: st.DataObject) -> None:
    """With plain single spaces throughout the reading may be ambiguous, but no digit is
    lost or invented: each line's digits are its label's, its note's and its numbers'."""
    table = data.draw(tables(spaced=True))
    text = render(table, "spaced", data.draw).replace("\u00a0", " ")
    text = text.replace("\u202f", " ").replace("\u2009", " ")
    statement = read_table(text)
    lines = text.splitlines()[1:]
    assert len(statement.lines) == len(lines)
    for line, printed in zip(statement.lines, lines, strict=True):
        read = line.label + (str(line.note) if line.note is not None else "")
        read += "".join(f"{abs(v):f}" for v in line.values if v is not None)
        assert digits(read) == digits(printed)


TEXT_ALPHABET = st.sampled_from(
    [
        *"\t \n\r0123456789-−–,.%:abcNot<>/bi",
        *["\u00a0", "\u202f", "<b>", "</b>", "Inga", "Utfall", "Budget", "2019-06-30", "³", "*"],
    ]
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(TEXT_ALPHABET, max_size=80).map("".join)))
def test_any_text_reads_or_raises_a_data_error(text: str) -> None:
    try:
        statement = read_table(text)
    except DataError as error:
        problems = error.problems
        assert problems
        return
    assert statement.columns
    assert all(len(line.values) == len(statement.columns) for line in statement.lines)
