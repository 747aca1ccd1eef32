"""The `finsam` command: output, JSON, and one-line errors with exit code 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from finsam.cli import main


def _exit_code(args: list[str]) -> int:
    """The exit code, whether `main` returns it or argparse exits."""
    try:
        return main(args)
    except SystemExit as exit_:
        return int(exit_.code or 0)


def test_default_split_is_gavleborg_2019_in_swedish_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["split"]) == 0
    out = capsys.readouterr().out
    assert "Samordningsförbund Gävleborg" in out
    assert "2019-01-01 – 2019-12-31" in out
    assert "13\u00a0319\u00a0000\u00a0kr" in out
    assert "6\u00a0659\u00a0500\u00a0kr" in out


def test_json_rows_have_member_kind_share_and_amount_in_kr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        main(
            [
                "split",
                "--forbund",
                "mphla",
                "--period",
                "2016-01-01 – 2016-08-31",
                "--unit",
                "tkr",
                "--json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    by_member = {row["member"]: row for row in rows}
    assert by_member["Mölndals stad"]["amount_kr"] == "815000.00"
    assert by_member["Mölndals stad"]["amount_ore"] == 81_500_000
    assert by_member["Mölndals stad"]["kind"] == "kommun"
    assert by_member["Försäkringskassan"]["share"] == "1/2"
    assert by_member["Arbetsförmedlingen"]["paid_by"] == "Försäkringskassan"
    assert sum(row["amount_ore"] for row in rows) == 1_112_800_000


def test_state_share_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["split", "--state-share", "7 000 000 kr", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["amount_kr"] == "7000000.00"
    assert sum(row["amount_ore"] for row in rows) == 1_400_000_000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["split", "--period", "2019-02-30 – 2019-06-30"], "'2019-02-30' is not a valid date"),
        (["split", "--total", "1.5"], "'1.5' is not an amount"),
        (["split", "--forbund", "uppsala"], "no bundled förbund 'uppsala'"),
        (["split", "--year", "2031"], "no funding total for 2031"),
        (["split", "--total", "100,50 kr"], "not a whole number of the rounding unit"),
        (["split", "--unit", "mkr"], "invalid choice: 'mkr'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _exit_code(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_python_dash_m_works_like_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "finsam", "split", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["member"] == "Försäkringskassan"


def test_help_explains_the_split(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["split", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "one half" in out
    assert "examples:" in out


@pytest.mark.parametrize("columns", [40, 100])
def test_help_is_wrapped_to_the_terminal_width(
    columns: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    with pytest.raises(SystemExit):
        main(["split", "--help"])
    out = capsys.readouterr().out
    options = out[out.index("options:") : out.index("examples:")].splitlines()
    assert max(len(line) for line in options) <= columns - 2  # argparse keeps a margin of 2
    assert max(len(line) for line in options) > columns - 15


def test_a_check_does_not_import_what_only_help_or_json_needs() -> None:
    # argparse asks shutil for the terminal width; shutil imports the compression modules;
    # textwrap (and its regular expressions) only wraps help; json only reads and writes JSON
    code = (
        "import sys; from finsam.cli import main; main(['check', '--dataset', "
        "'gavleborg-plan-2020-2022']); "
        "print(sorted({'shutil', 'bz2', 'lzma', 'textwrap', 'json'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


# -- finsam check -----------------------------------------------------------------------------


def test_check_a_dataset_prints_findings_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", "--dataset", "gavleborg-plan-2020-2022", "--select", "FS-CON", "--lang", "en"]
    assert _exit_code(args) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "gavleborg-plan-2020-2022: budget.lines[3].granted[0]: FS-CON-007 error: budget 2020: "
        "Insatsmedel 15,300,000 kr, but already granted 10,800,000 kr and available for new "
        "insatser 4,470,000 kr make 15,270,000 kr; 15,300,000 kr agrees with the printed total "
        "costs, so one of the parts is misprinted [budget.lines[3].available[0] (4 470 000 kr), "
        "budget.lines[3].amounts[0] (15 300 000 kr)]",
        "1 document(s): 1 error(s), 0 warning(s), 0 info",
    ]


def test_check_exits_0_without_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(["check", "--dataset", "gavleborg-2019-h1", "--select", "FS-POL"]) == 0
    out = capsys.readouterr().out
    assert "FS-POL-001 warning" in out
    assert out.strip().endswith("0 error(s), 3 warning(s), 0 info")


def test_check_json_has_code_severity_message_path_reference(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["check", "--dataset", "mphla-2016-jan-aug", "--select", "law", "--json"]
    assert _exit_code([*args, "--ignore", "FS-LAW-002,FS-LAW-003"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in findings] == ["statements[3].lines[0].values[0]"]
    first = findings[0]
    assert {k: first[k] for k in ("code", "severity", "family", "source")} == {
        "code": "FS-LAW-001",
        "severity": "info",
        "family": "law",
        "source": "mphla-2016-jan-aug",
    }
    assert first["reference"] == "§ 5 lag (2003:1210); förbundsordningen"
    assert "5,566,000 kr" in first["message"]
    assert [p["path"] for p in first["places"]] == [
        "statements[3].lines[0].values[0]",
        "statements[3].lines[0].values[1]",
    ]


def test_check_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from finsam import load_report
    from finsam.io import dump_report

    path = tmp_path / "h1.json"
    dump_report(load_report("gavleborg-2019-h1"), path)
    assert _exit_code(["check", str(path), "--select", "FS-ACC-004"]) == 1
    assert capsys.readouterr().out.startswith(f"{path}: statements[3]")
    # The deprecated --tolerance still works, with a warning on stderr.
    assert _exit_code(["check", str(path), "--select", "FS-ACC-004", "--tolerance", "50000"]) == 0
    captured = capsys.readouterr()
    assert "0 error(s)" in captured.out
    assert "--tolerance is deprecated" in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "give report or förbund files, or --dataset NAME"),
        (["check", "--dataset", "nope"], "no bundled report 'nope'"),
        (["check", "--dataset", "gavleborg-2019-h1", "--select", "FS-XX"], "no check matches"),
        (["check", "/nonexistent/report.toml"], "/nonexistent/report.toml: no such file"),
        (["check", "--dataset", "gavleborg-2019-h1", "--materiality-kr", "lite"], "not an amount"),
        (["check", "--dataset", "gavleborg-2019-h1", "--materiality-percent", "-1"], "negative"),
        (["check", "--dataset", "gavleborg-2019-h1", "--select", ""], "--select is empty"),
    ],
)
def test_check_bad_input_exits_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _exit_code(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_check_a_broken_file_names_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('type = "delårsrapport"\nforbund = "gavleborg"\ntitle = 1\n', encoding="utf-8")
    assert _exit_code(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: title: expected a text, got the number 1" in err
    assert f"{path}: period: required but missing" in err


def test_datasets_lists_forbund_and_reports(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(["datasets"]) == 0
    names = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert names == [
        "gavleborg",
        "mphla",
        "gavleborg-2019-h1",
        "gavleborg-plan-2020-2022",
        "mphla-2016-jan-aug",
    ]


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert _exit_code(["schema", "forbund"]) == 0
    assert "OrgNumber" in json.loads(capsys.readouterr().out)["$defs"]


def test_a_file_of_many_problems_prints_the_first_200_and_how_many_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "rapport.json"
    data = {"type": "delårsrapport", "forbund": "gavleborg", "title": "T", "period": "2019"}
    data.update({f"nyckel{i}": 1 for i in range(300)})
    broken.write_text(json.dumps(data), encoding="utf-8")
    assert _exit_code(["check", str(broken)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 201
    assert lines[-1] == f"{broken}: … and 100 more"
    assert all(line.startswith(f"{broken}: ") for line in lines)


@pytest.mark.parametrize("command", ["split", "check", "export", "import"])
def test_descriptions_are_wrapped_and_examples_kept(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    prose = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert max(len(line) for line in prose) <= 58  # the description and headings
    if "examples:" in out:  # kept as written, one command a line
        examples = out[out.index("examples:") :].splitlines()[1:]
        assert all(line.startswith("  finsam ") for line in examples if line)
