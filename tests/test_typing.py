"""A user's script that loads a file and reads typed fields passes ``mypy --strict``
without casts: finsam's public types say what the values are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy", reason="mypy is part of the test extras")

SCRIPT = Path(__file__).parent / "typing" / "user_script.py"


def test_a_user_script_passes_mypy_strict(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "cast(" not in SCRIPT.read_text(encoding="utf-8")


def test_the_user_script_runs_on_a_bundled_file(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    import finsam

    spec = importlib.util.spec_from_file_location("user_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    bundled = Path(finsam.__file__).parent / "data" / "reports" / "gavleborg-2019-h1.toml"
    assert module.main(str(bundled)) == 1
    assert "Halvårsredovisning 2019" in capsys.readouterr().out
