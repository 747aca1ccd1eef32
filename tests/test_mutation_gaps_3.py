"""Behaviour that the third mutation round (io package and the checks, decorators unrolled)
showed unpinned; each test names what it pins."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import attrs
import pytest

from finsam.io import _save, unstructure

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
