"""The `finsam` command: output, JSON, and one-line errors with exit code 2."""

import json
import subprocess
import sys

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
    assert by_member["Mölndals stad"]["amount"] == "815000.00"
    assert by_member["Mölndals stad"]["kind"] == "kommun"
    assert by_member["Försäkringskassan"]["share"] == "1/2"
    assert sum(int(row["amount"].split(".")[0]) for row in rows) == 11_128_000


def test_state_share_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["split", "--state-share", "7 000 000 kr", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["amount"] == "7000000.00"
    assert sum(int(row["amount"].split(".")[0]) for row in rows) == 14_000_000


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
