"""Files written for finsam's first data format (no ``format`` key) keep loading.

`tests/fixtures/format-1` holds the bundled files exactly as finsam 0.1 (commit 5c6a585)
shipped them, in TOML; the JSON that version's `dump_report` wrote for each report and its
`dump_json` for each förbund; and (``*.dumped.json``) what its `dump_json` wrote for a
report: no ``type`` key, so it loads when the class is given, as it did then.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finsam import Forbund, check
from finsam.io import FORMAT, dump_json, dump_toml, load

FIXTURES = Path(__file__).parent / "fixtures" / "format-1"
FILES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".dumped.json"))
REPORTS = sorted({p.stem for p in FILES if "-" in p.stem})


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_format_1_file_loads_and_checks_without_internal_errors(path: Path) -> None:
    document = load(path)
    findings = check(document)
    assert not [f for f in findings if f.code == "FS-INTERNAL"]


@pytest.mark.parametrize("stem", REPORTS)
def test_format_1_toml_and_json_load_to_the_same_figures(stem: str) -> None:
    # The JSON was written by 0.1 from the TOML: it has the words 0.1 made standard
    # ("Individ" → "individinriktad"), 0 for unstated other participants, the förbund
    # inline; the figures are the same.
    from_toml, from_json = load(FIXTURES / f"{stem}.toml"), load(FIXTURES / f"{stem}.json")
    assert from_toml.statements == from_json.statements
    assert from_toml.budget == from_json.budget
    assert from_toml.goals == from_json.goals
    assert [(i.name, i.orientation, i.budgets, i.outcomes) for i in from_toml.insatser] == [
        (i.name, i.orientation, i.budgets, i.outcomes) for i in from_json.insatser
    ]
    assert from_toml.forbund.charters == from_json.forbund.charters


@pytest.mark.parametrize("stem", REPORTS)
def test_format_1_report_json_without_a_type_loads_as_the_class_given(stem: str) -> None:
    saved = load(FIXTURES / f"{stem}.json")
    assert load(FIXTURES / f"{stem}.dumped.json", type(saved)) == saved


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_saving_a_format_1_file_writes_the_current_format_and_loses_nothing(
    path: Path, tmp_path: Path
) -> None:
    document = load(path)
    assert "format" not in (path.read_text(encoding="utf-8")[:200])
    written = json.loads(dump_json(document))
    assert written["format"] == FORMAT
    if isinstance(document, Forbund):
        return
    for dump, suffix in ((dump_json, ".json"), (dump_toml, ".toml")):
        again = tmp_path / f"again{suffix}"
        again.write_text(dump(document), encoding="utf-8")
        assert load(again) == document
