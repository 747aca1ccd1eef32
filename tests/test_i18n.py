"""Messages in Swedish by default and English on request, from complete gettext catalogs."""

from __future__ import annotations

import contextvars
import gettext
import json
import os
import string
import subprocess
import sys
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

import finsam
from finsam import DataError, check, load_forbund, load_report, set_language
from finsam._i18n import language, using_language
from finsam.rules._messages import number_text

PACKAGE = Path(finsam.__file__).parent
CATALOG = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "finsam.po"
KEYWORDS = {"_": None, "gettext_": None, "N_": None, "_expected": None}


def _fields(text: str) -> list[str]:
    return sorted(
        f"{name}!{conv}:{spec}"
        for _t, name, spec, conv in string.Formatter().parse(text)
        if name is not None
    )


def _sources() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_a_swedish_translation_with_the_same_placeholders() -> None:
    with CATALOG.open("rb") as file:
        catalog = read_po(file)
    translated = {m.id: m.string for m in catalog if m.id}
    missing = sorted(m for m in _sources() if not translated.get(m))
    assert missing == [], "run python tools/catalog.py and translate these"
    for msgid, msgstr in translated.items():
        assert isinstance(msgstr, str)
        assert msgstr
        assert _fields(msgid) == _fields(msgstr), msgid
    assert not [m.id for m in catalog if m.fuzzy and m.id]


def test_the_compiled_catalog_is_the_translated_one() -> None:
    with CATALOG.open("rb") as file:
        catalog = read_po(file)
    with (CATALOG.with_suffix(".mo")).open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    stale = [m.id for m in catalog if m.id and compiled.gettext(m.id) != m.string]
    assert stale == [], "the .mo is out of date: pip install -e . (or python tools/catalog.py)"


def _run(*args: str, lang: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FINSAM_LANG"}
    if lang is not None:
        env["FINSAM_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "finsam", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_the_command_speaks_swedish_unless_asked_for_english() -> None:
    args = ("check", "--dataset", "gavleborg-plan-2020-2022", "--select", "FS-CON-007")
    swedish = _run(*args, lang=None)
    english = _run(*args, "--lang", "en", lang=None)
    from_env = _run(*args, lang="en")
    assert swedish.stdout.splitlines()[-1] == "1 dokument: 1 fel, 0 varning(ar), 0 info"
    assert english.stdout.splitlines()[-1] == "1 document(s): 1 error(s), 0 warning(s), 0 info"
    assert from_env.stdout == english.stdout
    # Codes and paths are the same in both languages.
    assert swedish.stdout.split(" error")[0].split(": FS")[0] == english.stdout.split(": FS")[0]
    assert "budget 2020" in swedish.stdout
    assert "Insatsmedel" in swedish.stdout


def test_findings_in_both_languages_differ_only_in_their_words() -> None:
    report = load_report("mphla-2016-jan-aug")
    swedish, english = check(report, lang="sv"), check(report, lang="en")
    assert [(f.code, f.severity, f.path, f.places) for f in swedish] == [
        (f.code, f.severity, f.path, f.places) for f in english
    ]
    assert all(s.message != e.message for s, e in zip(swedish, english, strict=True))


def test_load_errors_follow_the_language(tmp_path: Path) -> None:
    path = tmp_path / "rapport.toml"
    path.write_text('type = "delårsrapport"\nforbund = "gavleborg"\ntitle = 7\n', encoding="utf-8")
    with pytest.raises(DataError) as english:
        load_report(path, lang="en")
    with pytest.raises(DataError) as swedish:
        load_report(path, lang="sv")
    assert [p.path for p in english.value.problems] == [p.path for p in swedish.value.problems]
    assert "expected a text" in str(english.value)
    assert "ska vara en text" in str(swedish.value)


def test_set_language_and_the_block_that_overrides_it() -> None:
    def program() -> None:  # a fresh context, as a program starts (the tests set English)
        assert language() == "sv"
        try:
            set_language("en")
            assert language() == "en"
            with using_language("sv"):
                assert language() == "sv"
            assert language() == "en"
            with pytest.raises(ValueError, match="not one of sv, en"):
                set_language("de")
        finally:
            set_language("sv")

    env = os.environ.pop("FINSAM_LANG", None)
    try:
        contextvars.Context().run(program)
    finally:
        if env is not None:
            os.environ["FINSAM_LANG"] = env


def _garbled(data: Any) -> Any:
    """Every value of every table replaced by one of the wrong type (lists by a text)."""
    if isinstance(data, dict):
        return {
            key: _garbled(value) if isinstance(value, list) else {} for key, value in data.items()
        }
    if isinstance(data, list):
        return [_garbled(item) for item in data] if data and isinstance(data[0], dict) else "x"
    return {}


@pytest.mark.parametrize("name", ["gavleborg", "mphla"])
def test_load_errors_do_not_depend_on_the_language_of_an_earlier_load(
    name: str, tmp_path: Path
) -> None:
    from finsam.io import _structure

    source = PACKAGE / "data" / "forbund" / f"{name}.toml"
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(_garbled(tomllib.loads(source.read_text("utf-8")))), "utf-8")

    def messages(*langs: str) -> list[str]:
        # readers are compiled once and cached: start cold, load in each language in turn
        _structure._readers.clear()
        _structure._class_readers.clear()
        for lang in langs:
            with pytest.raises(DataError) as info:
                load_forbund(path, lang=lang)
        return [str(problem) for problem in info.value.problems]

    assert messages("sv", "en") == messages("en")
    assert messages("en", "sv") == messages("sv")


# -- numbers as each language writes them -----------------------------------------------------

_NUMBERS = st.one_of(
    st.integers(-(10**15), 10**15),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**12), max_value=10**12
    ),
    st.fractions(min_value=-(10**9), max_value=10**9, max_denominator=10**6),
)


@given(_NUMBERS, st.sampled_from([None, 0, 1, 2]))
def test_a_number_reads_back_from_its_text_in_either_language(
    value: int | Decimal | Fraction, places: int | None
) -> None:
    english = number_text(value, "en", places=places)
    swedish = number_text(value, "sv", places=places)
    # The same digits: Swedish groups with a space and has a decimal comma.
    assert swedish == english.replace(",", " ").replace(".", ",")
    whole, _, decimals = english.lstrip("-").partition(".")
    groups = whole.split(",")
    assert 1 <= len(groups[0]) <= 3
    assert all(len(group) == 3 for group in groups[1:])
    if places is not None:
        assert len(decimals) == places
    read = Decimal(english.replace(",", ""))
    exact = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else Decimal(value)
    )
    if places is None:
        assert read == exact
    else:  # rounded half to even, to `places` decimals
        assert read == exact.quantize(Decimal(1).scaleb(-places))
    assert not english.startswith("-") or read < 0  # never "-0"


def test_numbers_as_findings_print_them() -> None:
    assert number_text(Decimal("-825808"), "sv") == "-825 808"
    assert number_text(3_330_000, "en") == "3,330,000"
    assert number_text(Decimal("-0.04"), "sv", places=1) == "0,0"
    assert number_text(Decimal("1E+5"), "sv") == "100 000"
    assert number_text(Fraction(1514867, 10819000) * 100, "sv", places=1) == "14,0"
    assert number_text(Decimal("0.125"), "en", places=2) == "0.12"  # half to even
