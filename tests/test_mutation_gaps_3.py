"""Behaviour that the third mutation round (io package and the checks, decorators unrolled)
showed unpinned; each test names what it pins."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam import AnnualReport, Forbund, InterimReport, Period, load_forbund, load_report
from finsam.accounts import Line
from finsam.io import (
    DataError,
    _save,
    forbund_data,
    load,
    report_data,
    save,
    structure,
    structure_report,
    unstructure,
)
from finsam.io._read import _toml_trouble, decode, parse, read_bytes
from finsam.limits import MAX_DEPTH, MAX_ITEMS, MAX_TEXT
from finsam.printed import NOTHING_PRINTED, Printed, to_printed

# -- io: saving -----------------------------------------------------------------------------------


def test_when_every_temporary_name_is_taken_the_save_says_where_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.toml"
    target.write_text("old\n", "utf-8")
    (tmp_path / ".report.toml.taken.tmp").write_text("someone else's\n", "utf-8")
    monkeypatch.setattr(secrets, "token_hex", lambda nbytes=None: "taken")
    with pytest.raises(FileExistsError, match=f"cannot create a temporary file in {tmp_path}"):
        _save.write_text_atomic(target, "new\n")
    assert target.read_text("utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".report.toml.taken.tmp", "report.toml"]


@pytest.mark.skipif(not hasattr(os, "O_DIRECTORY"), reason="the platform has no O_DIRECTORY")
def test_the_folder_is_synced_through_a_descriptor_that_can_only_be_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, int]] = []
    real_open = os.open

    def spy(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        opened.append((os.fspath(path), flags))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", spy)
    _save.write_text_atomic(tmp_path / "a.toml", "x\n")
    [flags] = [f for p, f in opened if p == os.fspath(tmp_path)]
    assert flags & os.O_DIRECTORY
    assert flags & (os.O_WRONLY | os.O_RDWR) == 0


# -- io: writing ----------------------------------------------------------------------------------


@attrs.frozen
class _Tagged:
    name: str
    tags: tuple[str, ...] = attrs.field(factory=tuple)


def test_a_field_at_its_factory_default_is_not_written() -> None:
    assert unstructure(_Tagged("a")) == {"name": "a"}
    assert unstructure(_Tagged("a", ("x",))) == {"name": "a", "tags": ["x"]}


# -- io: reading files ----------------------------------------------------------------------------


def test_a_bad_byte_is_placed_on_its_own_line_not_the_last() -> None:
    with pytest.raises(DataError) as info:
        decode(b"a\n\xff\nb\nc\n", "src")
    assert [p.message for p in info.value.problems] == [
        "not UTF-8 text: byte 0xff on line 2; save the file as UTF-8"
    ]


def test_a_file_that_cannot_be_opened_names_the_file_and_the_reason(tmp_path: Path) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(tmp_path / "back.toml")
    (tmp_path / "back.toml").symlink_to(loop)
    with pytest.raises(DataError) as info:
        read_bytes(loop, "the source")
    assert info.value.source == "the source"
    assert [p.message for p in info.value.problems] == [
        "cannot be read: Too many levels of symbolic links"
    ]


def test_json_decimals_are_read_exactly() -> None:
    assert parse('{"a": 0.1, "b": [1.10]}', ".json", "src") == {
        "a": Decimal("0.1"),
        "b": [Decimal("1.10")],
    }


# TOML that tomllib reads but that holds brackets, quotes, digits and newlines in every place
# where the scanner for deep nesting and long numbers could lose count.
_TEXT = st.text(alphabet="ab []{}#=,_1:-.'", max_size=6)
_TEXT_LINES = st.text(alphabet="ab []{}#=,_1\n", max_size=8)
_SCALARS = st.one_of(
    st.sampled_from(["1_000", "12", "1.5", "-3", "2019-01-01", "07:32:00", "true"]),
    _TEXT.map(lambda s: '"' + s.replace("'", "") + '"'),
    _TEXT.map(lambda s: '"' + s.replace("'", "") + '\\"' + s.replace("'", "") + '"'),
    _TEXT.map(lambda s: '"' + s.replace("'", "") + '\\\\"'),
    _TEXT.map(lambda s: "'" + s.replace("'", "") + "'"),
    _TEXT_LINES.map(lambda s: '"""' + s + '"""'),
    _TEXT_LINES.map(lambda s: "'''" + s + "'''"),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda vs: "[" + ", ".join(vs) + "]"),
        st.lists(inner, max_size=2).map(
            lambda vs: "{" + ", ".join(f"k{i} = {v}" for i, v in enumerate(vs)) + "}"
        ),
    ),
    max_leaves=6,
)
_LINES = st.lists(
    st.one_of(_VALUES.map(lambda v: f"= {v}"), _TEXT.map(lambda s: "# " + s)), max_size=6
)


def _document(lines: list[str]) -> list[str]:
    return [f"key{i} {line}" if line.startswith("=") else line for i, line in enumerate(lines)]


@given(_LINES, st.data())
def test_the_toml_scanner_places_deep_nesting_and_long_numbers_after_any_text(
    lines: list[str], data: st.DataObject
) -> None:
    document = _document(lines)
    text = "\n".join(document)
    tomllib.loads(text)  # the generated text is TOML
    assert _toml_trouble(text) is None
    at = data.draw(st.integers(0, len(document)), label="line of the trouble")
    before = "\n".join(document[:at]) + "\n" if at else ""
    after = "\n" + "\n".join(document[at:]) if at < len(document) else ""
    line = before.count("\n") + 1
    deep = "deep = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert _toml_trouble(before + deep + after) == (
        f"nested more than {MAX_DEPTH} levels deep (line {line}, column {8 + MAX_DEPTH})"
    )
    big = "big = " + "1" + "_1" * 4300
    assert _toml_trouble(before + big + after + "\nunder_scores = 1_2_3") == (
        f"a number of 4301 digits, beyond finsam's bounds (line {line}, column 7)"
    )


def test_a_long_number_at_the_very_start_is_found() -> None:
    assert _toml_trouble("1" * 4301) == (
        "a number of 4301 digits, beyond finsam's bounds (line 1, column 1)"
    )


_DEEP = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)


@pytest.mark.parametrize(
    ("text", "column"),
    [
        # after a multi-line string on the same line, columns count from its last newline
        ('a = ["""x\nyy""", ' + _DEEP + "]\nb = 1", 7 + MAX_DEPTH),  # the outer list is one level
        ("a = ['''x\n\nyy''', " + _DEEP + "]", 7 + MAX_DEPTH),
        # a lone quote inside a triple-quoted string does not end it
        ('a = """ " ' + "[" * 40 + ' """\nb = ' + _DEEP, 5 + MAX_DEPTH),
        ("a = ''' ' " + "[" * 40 + " '''\nb = " + _DEEP, 5 + MAX_DEPTH),
        # capitals are neither quotes nor digits
        ("X = " + _DEEP, 5 + MAX_DEPTH),
        # a one-line string after the first line leaves the line's start where it was
        ('a = 1\nb = ["x", ' + _DEEP + "]", 10 + MAX_DEPTH),
    ],
)
def test_the_toml_scanner_counts_columns_and_strings_exactly(text: str, column: int) -> None:
    line = text[: text.index(_DEEP)].count("\n") + 1
    assert _toml_trouble(text) == (
        f"nested more than {MAX_DEPTH} levels deep (line {line}, column {column})"
    )


def test_a_bad_byte_after_a_leading_newline_is_on_line_two() -> None:
    with pytest.raises(DataError) as info:
        decode(b"\n\xff", "src")
    assert "on line 2;" in info.value.problems[0].message


def test_an_unreadable_item_is_written_back_as_printed_and_a_blank_as_blank() -> None:
    line = structure({"label": "a", "role": "kostnad", "values": ["1 000", "n/a", None]}, Line)
    assert line.values == (Decimal(1000), None, None)
    assert unstructure(line) == {"label": "a", "role": "kostnad", "values": ["1000", "n/a", None]}


@attrs.frozen
class _Mixed:
    required: int | None
    printed: Printed = attrs.field(default=NOTHING_PRINTED, converter=to_printed)
    hidden: int = attrs.field(default=0, metadata={"io": False})
    after: int = 1


def test_fields_left_out_of_files_leave_the_others_written() -> None:
    assert unstructure(_Mixed(None, hidden=5, after=2)) == {"required": None, "after": 2}
    assert unstructure(load_forbund("gavleborg")).get("referred_to") is None


# -- io: loading documents --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], ": expected a table, got a list"),
        ({"members": []}, "type: this is a förbund, not a report (load it with load_forbund)"),
        (
            {},
            "type: required but missing; one of 'delårsrapport', 'årsredovisning', "
            "'verksamhetsplan'",
        ),
    ],
)
def test_what_is_no_report_is_told_apart(data: Any, problem: str) -> None:
    with pytest.raises(DataError) as info:
        structure_report(data, source="src")
    assert info.value.source == "src"
    assert [f"{p.path}: {p.message}" for p in info.value.problems] == [problem]


def test_a_report_of_another_kind_is_refused_at_its_type(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save(load_report("gavleborg-plan-2020-2022"), path)
    with pytest.raises(DataError) as info:
        load_report(path, kind=InterimReport)
    assert info.value.source == str(path)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("type", "expected a InterimReport, the file holds a Plan")
    ]


class _Where(os.PathLike[str]):
    """A path that is neither a str nor a pathlib.Path (what some tools pass)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def test_any_path_like_is_read_as_a_path(tmp_path: Path) -> None:
    path = tmp_path / "h1.json"
    save(load_report("gavleborg-2019-h1"), path)
    assert load(_Where(path)) == load_report(_Where(path)) == load(path)


def test_an_annual_report_is_saved_and_loaded_as_one(tmp_path: Path) -> None:
    interim = load_report("gavleborg-2019-h1")
    annual = AnnualReport(
        forbund=interim.forbund, title="Årsredovisning 2019", period=Period.year(2019)
    )
    path = tmp_path / "annual.toml"
    save(annual, path)
    assert 'type = "årsredovisning"' in path.read_text("utf-8")
    assert load(path) == annual


def test_load_refuses_a_forbund_file_outside_the_reports_folder(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (tmp_path / "forbund.json").write_text(
        json.dumps(forbund_data(load_forbund("gavleborg"))), "utf-8"
    )
    data = {**report_data(load_report("gavleborg-2019-h1")), "forbund": "../forbund.json"}
    (folder / "h1.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(DataError) as info:
        load(folder / "h1.json")
    assert "lies outside the report's folder" in info.value.problems[0].message


def test_a_report_with_members_is_still_a_report(tmp_path: Path) -> None:
    path = tmp_path / "h1.json"
    data = {**report_data(load_report("gavleborg-2019-h1")), "members": []}
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DataError) as info:
        load(path)
    assert [p.path for p in info.value.problems] == ["members"]


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "no bundled report"), ("sv", "finns inte med i finsam")]
)
def test_load_speaks_the_language_asked_for_about_names_it_does_not_know(
    lang: str, words: str
) -> None:
    with pytest.raises(DataError) as info:
        load("ingen-sådan-rapport", lang=lang)
    assert words in str(info.value).lower()


def test_a_bad_format_names_the_file_it_is_in(tmp_path: Path) -> None:
    forbund = tmp_path / "forbund.json"
    forbund.write_text(json.dumps({"format": "x", "name": "F"}), "utf-8")
    with pytest.raises(DataError) as info:
        load(forbund, Forbund)
    assert info.value.source == str(forbund)
    report = tmp_path / "h1.json"
    data = {**report_data(load_report("gavleborg-2019-h1")), "forbund": "forbund.json"}
    report.write_text(json.dumps(data), "utf-8")
    with pytest.raises(DataError) as info:
        load_report(report)
    assert str(forbund) in str(info.value)


# -- io: every reader's refusals, at their bounds -------------------------------------------------


@attrs.frozen
class _Readers:
    d: dt.date | None = None
    n: Decimal | None = None
    i: int | None = None
    f: Fraction | None = None
    t: str = ""
    items: tuple[str, ...] = ()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"d": 5}, "d: expected a date (YYYY-MM-DD), got the number 5"),
        ({"d": "1899-12-31"}, "d: 1899-12-31 is outside the years 1900–2200"),
        (
            {"d": dt.datetime(2019, 1, 1, 10)},
            "d: expected a date (YYYY-MM-DD), got a date and time",
        ),
        ({"n": 10**18}, "n: the number is beyond finsam's bounds"),
        ({"n": "1" * 61}, f"n: expected a number, got the text '{'1' * 57}...'"),
        ({"n": []}, "n: expected a number, got a list"),
        ({"n": "1234567890123456"}, None),  # 16 digits before the point: see below
        ({"i": Decimal("2.0")}, "i: expected a whole number, got the number 2.0"),
        ({"i": "x"}, "i: expected a whole number, got the text 'x'"),
        ({"i": 10**9}, "i: the number is beyond finsam's bound of 10^9"),
        ({"t": "x" * (MAX_TEXT + 1)}, f"t: text longer than {MAX_TEXT} characters"),
        ({"items": ["a"] * (MAX_ITEMS + 1)}, f"items: more than {MAX_ITEMS} items"),
        ({"f": []}, "f: expected a fraction such as '1/4', got a list"),
        ({"i": "1.5"}, "i: expected a whole number, got the text '1.5'"),
    ],
)
def test_each_reader_says_what_it_expected(data: dict[str, Any], problem: str | None) -> None:
    with pytest.raises(DataError) as info:
        structure(data, _Readers)
    [found] = [str(p) for p in info.value.problems]
    if problem is not None:
        assert found == problem
    else:
        assert found.startswith("n: the number 1234567890123456 is ")


def test_each_reader_takes_what_lies_just_inside_its_bounds() -> None:
    inside = {
        "d": "1900-01-01",
        "n": "123456789012345.123456789012",
        "i": 10**9 - 1,
        "f": "0.25",
        "t": "x" * MAX_TEXT,
        "items": ["a"] * MAX_ITEMS,
    }
    read = structure(inside, _Readers)
    assert read.d == dt.date(1900, 1, 1)
    assert read.n == Decimal("123456789012345.123456789012")
    assert (read.i, read.f, len(read.t), len(read.items)) == (
        10**9 - 1,
        Fraction(1, 4),
        MAX_TEXT,
        MAX_ITEMS,
    )
    assert structure({"i": "1 000"}, _Readers).i == 1000
    assert structure({"d": "2200-12-31"}, _Readers).d == dt.date(2200, 12, 31)


def test_a_list_of_members_is_called_so() -> None:
    with pytest.raises(DataError) as info:
        structure({"name": "F", "members": "x"}, Forbund)
    assert [str(p) for p in info.value.problems] == [
        "members: expected a list of members, got the text 'x'"
    ]


def test_a_blank_cell_is_blank_and_keeps_no_text() -> None:
    line = structure({"label": "a", "role": "kostnad", "values": ["", "1"]}, Line)
    assert line.values == (None, Decimal(1))
    assert not line.printed


def test_a_stack_that_runs_out_while_reading_is_a_data_error_naming_the_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No finsam type nests without end, but a caller deep in its own recursion can leave the
    # readers too little stack: that is a DataError naming the source, not a RecursionError.
    from finsam._i18n import using_language
    from finsam.io import _structure

    def out_of_stack(data: Any) -> Any:
        raise RecursionError

    monkeypatch.setattr(_structure, "reader", lambda cls: out_of_stack)
    with using_language("en"), pytest.raises(DataError) as caught:
        _structure.structure({}, Forbund, source="deep.toml")
    assert caught.value.source == "deep.toml"
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("", "the data is nested too deeply")
    ]
