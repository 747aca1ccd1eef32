"""Every finding on the bundled datasets, pinned: the rows of the table in docs/checks.md.

Each was audited against the printed documents (the page says what each means). A change
that adds, drops or moves a finding fails here, and the page must be updated with it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from finsam import check, load_report

EXPECTED = {
    "gavleborg-2019-h1": [
        ("FS-LAW-001", "info", "statements[3].lines[0].values[0]"),
        ("FS-LAW-001", "info", "statements[3].lines[0].values[1]"),
        ("FS-LAW-002", "error", "board.stated_ledamoter"),
        ("FS-ACC-001", "error", "statements[0].lines[0].values[1]"),
        ("FS-ACC-001", "info", "statements[1].lines[3].values[0]"),
        ("FS-ACC-001", "info", "statements[3].lines[13].values[1]"),
        ("FS-ACC-001", "error", "statements[4].lines[6].values[1]"),
        ("FS-ACC-005", "error", "statements[7].lines[6].values[5]"),
        ("FS-POL-001", "warning", "goals[3].indicators[0]"),
        ("FS-POL-002", "warning", "insatser[3].budgets[0]"),
        ("FS-POL-002", "warning", "statements[2].lines[0].values[1]"),
        ("FS-CON-002", "error", "insatser[1].outcomes"),
        ("FS-CON-003", "error", "figures[4]"),
        ("FS-CON-005", "info", "statements[6].columns[1].label"),
        ("FS-CON-006", "info", "statements[2].lines[5].values[0]"),
        ("FS-CON-006", "error", "statements[2].lines[5].values[1]"),
        ("FS-CON-009", "info", "insatser[0].budgets[0].budget"),
        ("FS-CON-011", "info", "forecast.opening_date"),
        ("FS-CON-012", "info", "statements[2].lines[0].values[0]"),
    ],
    "gavleborg-plan-2020-2022": [
        ("FS-LAW-002", "error", "board.stated_ledamoter"),
        ("FS-LAW-003", "info", "insatser[0].cooperating"),
        ("FS-POL-004", "info", "budget.years[0]"),
        ("FS-CON-007", "error", "budget.lines[3].granted[0]"),
    ],
    "mphla-2016-jan-aug": [
        ("FS-LAW-001", "info", "statements[3].lines[0].values[0]"),
        ("FS-LAW-002", "info", "board.seats"),
        ("FS-LAW-002", "error", "board.stated_ledamoter"),
        ("FS-LAW-003", "info", "insatser[0].cooperating"),
        ("FS-ACC-001", "error", "statements[1].lines[13].values[0]"),
        ("FS-ACC-001", "info", "statements[1].lines[13].values[4]"),
        ("FS-ACC-001", "error", "statements[2].lines[1].values[1]"),
        ("FS-ACC-005", "error", "statements[4].lines[12].values[1]"),
        ("FS-POL-003", "warning", "statements[1].lines[0].values[0]"),
        ("FS-POL-003", "warning", "statements[1].lines[12].values[3]"),
        ("FS-POL-003", "warning", "statements[1].lines[1].values[0]"),
        ("FS-POL-003", "warning", "statements[1].lines[2].values[0]"),
        ("FS-POL-003", "warning", "statements[1].lines[4].values[3]"),
        ("FS-POL-003", "warning", "statements[1].lines[6].values[3]"),
        ("FS-POL-003", "warning", "statements[1].lines[8].values[0]"),
        ("FS-POL-003", "info", "statements[3].lines[13].values[1]"),
        ("FS-CON-006", "error", "statements[2].lines[0].values[0]"),
        ("FS-CON-006", "error", "statements[7].lines[2].values[0]"),
        ("FS-CON-008", "error", "insatser[12].participants"),
        ("FS-CON-010", "info", "insatser[2].also_stated[0]"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_findings_on_a_bundled_dataset_are_the_audited_ones(name: str) -> None:
    found = [(f.code, f.severity.value, f.path) for f in check(load_report(name))]
    assert found == EXPECTED[name]


def test_a_plan_with_the_report_before_it_weighs_its_deficit_against_that_equity() -> None:
    plan, report = load_report("gavleborg-plan-2020-2022"), load_report("gavleborg-2019-h1")
    [finding] = check(plan, select="FS-POL-004", related=[report], lang="en")
    assert finding.severity.value == "info"  # covered by the year-end forecast only
    assert "5,301,726 kr" in finding.message
    assert "5,776,803 kr" in finding.message


#: The whole of every finding above (message, cause, places with their printed figures,
#: merged candidates, reference) in both languages: what a board and its auditors read.
#: After a deliberate change of wording, rewrite it with ``FINSAM_UPDATE_GOLDEN=1 pytest``
#: and read the diff before committing it.
GOLDEN = Path(__file__).parent / "fixtures" / "seed_findings.json"


def _readings() -> dict[str, list[dict[str, Any]]]:
    readings = {}
    for name in sorted(EXPECTED):
        report = load_report(name)
        for lang in ("en", "sv"):
            records = [finding.record() for finding in check(report, lang=lang)]
            for record in records:
                del record["source"]  # where the package is installed
            readings[f"{name} ({lang})"] = records
    return readings


def test_every_finding_on_a_bundled_dataset_reads_as_pinned() -> None:
    readings = _readings()
    if os.environ.get("FINSAM_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(readings, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert readings == json.loads(GOLDEN.read_text("utf-8"))
