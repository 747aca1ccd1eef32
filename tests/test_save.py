"""Saving loses nothing: `finsam.io.save` writes a file whole or not at all.

A failed write leaves the old file as it was and no temporary file behind; a file keeps
its permissions; a symlinked file stays a symlink and the file it points to gets the new
text; a symlink planted where a temporary file might be created is never followed; and
processes saving to one file at once leave exactly one complete file.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import secrets
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import finsam
import finsam.io
from finsam.io import dump_report, load, save

NAMES = [*finsam.report_names(), *finsam.forbund_names()]
SUFFIXES = pytest.mark.parametrize("suffix", [".toml", ".json"])


def _document(name: str) -> Any:
    return load(name)


def _text(document: Any, suffix: str) -> str:
    if suffix == ".toml":
        return finsam.io.dump_toml(document)
    return finsam.io.dump_json(document)


@pytest.fixture
def old_and_new() -> tuple[Any, Any]:
    """Two different documents: what the file holds, and what a save tries to write."""
    return _document("gavleborg"), _document("mphla-2016-jan-aug")


def _saved(folder: Path, document: Any, suffix: str, name: str = "report") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{suffix}"
    save(document, path)
    return path


def _entries(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


# -- what is written ----------------------------------------------------------------------------


@SUFFIXES
@pytest.mark.parametrize("name", NAMES)
def test_saved_documents_load_back_equal(tmp_path: Path, name: str, suffix: str) -> None:
    document = _document(name)
    path = tmp_path / f"{name}{suffix}"
    assert save(document, path) == path
    assert load(path) == document
    assert path.read_text(encoding="utf-8") == _text(document, suffix)
    assert _entries(tmp_path) == [path.name]


def test_dump_report_writes_the_same_file(tmp_path: Path) -> None:
    report = _document("gavleborg-plan-2020-2022")
    dump_report(report, tmp_path / "plan.toml")
    assert load(tmp_path / "plan.toml") == report
    assert _entries(tmp_path) == ["plan.toml"]


# -- a failed write ------------------------------------------------------------------------------


def _raiser(error: BaseException) -> Callable[..., Any]:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise error

    return fail


@SUFFIXES
@pytest.mark.parametrize(
    ("function", "error"),
    [
        ("replace", OSError(errno.EXDEV, "simulated: cannot replace")),
        ("fsync", OSError(errno.EIO, "simulated: the disk failed")),
        ("fsync", KeyboardInterrupt()),
        ("replace", KeyboardInterrupt()),
    ],
    ids=["replace-OSError", "fsync-OSError", "fsync-Ctrl-C", "replace-Ctrl-C"],
)
def test_failed_save_leaves_the_old_file_and_no_temporary(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    old_and_new: tuple[Any, Any],
    suffix: str,
    function: str,
    error: BaseException,
) -> None:
    old, new = old_and_new
    path = _saved(tmp_path, old, suffix)
    before = path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(os, function, _raiser(error))
        with pytest.raises(type(error)):
            save(new, path)
    assert path.read_bytes() == before
    assert _entries(tmp_path) == [path.name]
    assert load(path) == old


class _FailingFile:
    """A file whose writes fail as on a full disk, closing the real file underneath."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._real.close()

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "simulated: no space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@SUFFIXES
def test_failed_write_of_the_text_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old_and_new: tuple[Any, Any], suffix: str
) -> None:
    old, new = old_and_new
    path = _saved(tmp_path, old, suffix)
    before = path.read_bytes()
    real_fdopen = os.fdopen
    with monkeypatch.context() as patch:
        patch.setattr(os, "fdopen", lambda *a, **k: _FailingFile(real_fdopen(*a, **k)))
        with pytest.raises(OSError, match="no space"):
            save(new, path)
    assert path.read_bytes() == before
    assert _entries(tmp_path) == [path.name]


_FULL_DISK = textwrap.dedent(
    """
    import resource, sys
    import finsam, finsam.io
    report = finsam.load_report("mphla-2016-jan-aug")
    text = finsam.io.dump_toml(report)  # everything imported before the limit
    hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))  # files of at most 4 kB
    try:
        finsam.io.save(report, sys.argv[1])
    except OSError as error:
        print("OSError", error.errno)
        sys.exit(0)
    sys.exit("saved despite the limit")
    """
)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="resource limits are POSIX")
def test_write_beyond_the_file_size_limit_leaves_the_old_file(
    tmp_path: Path, old_and_new: tuple[Any, Any]
) -> None:
    """A real failing write (RLIMIT_FSIZE, as on a full disk) in another process."""
    old, _new = old_and_new
    path = _saved(tmp_path, old, ".toml")
    before = path.read_bytes()
    assert len(before) < 4096
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OSError")
    assert path.read_bytes() == before
    assert _entries(tmp_path) == [path.name]


@SUFFIXES
@pytest.mark.parametrize(
    "thing",
    [None, 5, "gavleborg", {"name": "x"}, object()],
    ids=["None", "int", "str", "dict", "object"],
)
def test_saving_something_that_is_no_document_is_a_type_error(
    tmp_path: Path, thing: Any, suffix: str
) -> None:
    """Not a report, plan or förbund: a TypeError, and the old file stays as it was."""
    path = _saved(tmp_path, _document("gavleborg"), suffix)
    before = path.read_bytes()
    with pytest.raises(TypeError):
        save(thing, path)
    assert path.read_bytes() == before
    assert _entries(tmp_path) == [path.name]


def test_saving_into_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):  # noqa: PT011 - whichever OSError the system gives
        save(_document("mphla"), tmp_path / "missing" / "forbund.toml")
    assert _entries(tmp_path) == []


def test_unknown_suffix_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.toml or \.json"):
        save(_document("mphla"), tmp_path / "forbund.yaml")
    assert _entries(tmp_path) == []


# -- permissions -----------------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@SUFFIXES
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644, 0o444], ids=oct)
def test_file_keeps_its_permissions(
    tmp_path: Path, old_and_new: tuple[Any, Any], suffix: str, mode: int
) -> None:
    old, new = old_and_new
    path = _saved(tmp_path, old, suffix)
    path.chmod(mode)
    save(new, path)
    assert _mode(path) == mode
    assert load(path) == new


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    original = os.umask(0o022)
    os.umask(original)

    def set_umask(value: int) -> None:
        os.umask(value)

    yield set_umask
    os.umask(original)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_file_gets_the_permissions_the_umask_gives(
    tmp_path: Path, umask: Callable[[int], None], mask: int, expected: int
) -> None:
    umask(mask)
    path = _saved(tmp_path, _document("mphla"), ".toml")
    assert _mode(path) == expected


# -- symlinks -------------------------------------------------------------------------------------


@SUFFIXES
def test_symlinked_file_stays_a_symlink_and_its_target_gets_the_new_text(
    tmp_path: Path, old_and_new: tuple[Any, Any], suffix: str
) -> None:
    old, new = old_and_new
    real = _saved(tmp_path / "real", old, suffix)
    real.chmod(0o600)
    links = tmp_path / "links"
    links.mkdir()
    link = links / f"report{suffix}"
    link.symlink_to(Path("..") / "real" / real.name)
    save(new, link)
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("..") / "real" / real.name)
    assert load(real) == new
    assert real.read_text(encoding="utf-8") == _text(new, suffix)
    assert _mode(real) == 0o600
    assert _entries(real.parent) == [real.name]
    assert _entries(links) == [link.name]


def test_chain_of_symlinks_stays_a_chain(tmp_path: Path, old_and_new: tuple[Any, Any]) -> None:
    old, new = old_and_new
    real = _saved(tmp_path / "real", old, ".toml")
    first = tmp_path / "first.toml"
    second = tmp_path / "second.toml"
    first.symlink_to(real)
    second.symlink_to(first)
    save(new, second)
    assert second.is_symlink()
    assert first.is_symlink()
    assert os.readlink(second) == str(first)
    assert load(real) == new
    assert _entries(real.parent) == [real.name]
    assert _entries(tmp_path) == ["first.toml", "real", "second.toml"]


def _plant(folder: Path, target_name: str, victim: Path, count: int) -> list[Path]:
    """`count` symlinks to `victim` at names a temporary file of `target_name` could get."""
    planted = []
    for _ in range(count):
        link = folder / f".{target_name}.{secrets.token_hex(8)}.tmp"
        link.symlink_to(victim)
        planted.append(link)
    return planted


@SUFFIXES
def test_planted_symlinks_are_never_followed(
    tmp_path: Path, old_and_new: tuple[Any, Any], suffix: str
) -> None:
    old, new = old_and_new
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("precious\n")
    missing = outside / "created-by-save.txt"  # a dangling link must not create it
    folder = tmp_path / "data"
    path = _saved(folder, old, suffix)
    planted = _plant(folder, path.name, victim, 300) + _plant(folder, path.name, missing, 100)
    for round_ in range(20):
        save(new if round_ % 2 else old, path)
    assert victim.read_text() == "precious\n"
    assert not missing.exists()
    assert all(link.is_symlink() for link in planted)
    assert load(path) == new
    assert not path.is_symlink()
    assert _entries(folder) == sorted([path.name, *(link.name for link in planted)])
    assert _entries(outside) == ["victim.txt"]


def test_a_temporary_name_already_taken_by_a_symlink_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old_and_new: tuple[Any, Any]
) -> None:
    """The first random names are the planted ones: the save must choose another."""
    old, new = old_and_new
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    missing = tmp_path / "created-by-save.txt"
    folder = tmp_path / "data"
    path = _saved(folder, old, ".toml")
    tokens = [secrets.token_hex(8) for _ in range(10)]
    for index, token in enumerate(tokens):
        (folder / f".{path.name}.{token}.tmp").symlink_to(victim if index % 2 else missing)
    real_token_hex = secrets.token_hex
    queue = list(tokens)

    def predictable(nbytes: int | None = None) -> str:
        return queue.pop(0) if queue else real_token_hex(nbytes)

    with monkeypatch.context() as patch:
        patch.setattr(secrets, "token_hex", predictable)
        save(new, path)
    assert victim.read_text() == "precious\n"
    assert not missing.exists()
    assert load(path) == new
    assert len(_entries(folder)) == 11


# -- several processes saving to one file ---------------------------------------------------------


def _save_many(path: str, names: list[str], saves: int, barrier: Any, results: Any) -> None:
    """Save the documents `names` in turn, `saves` times, after all processes are ready."""
    errors = []
    try:
        documents = [load(name) for name in names]
        barrier.wait(timeout=60)
        for index in range(saves):
            save(documents[index % len(documents)], path)
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
    results.put(errors)


def _concurrent_saves(path: Path, processes: int, saves: int) -> list[str]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    results = context.Queue()
    workers = [
        context.Process(
            target=_save_many,
            args=(
                str(path),
                NAMES[i % len(NAMES) :] + NAMES[: i % len(NAMES)],
                saves,
                barrier,
                results,
            ),
        )
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    errors = [error for _ in workers for error in results.get(timeout=300)]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return errors


@SUFFIXES
def test_concurrent_saves_leave_one_complete_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"shared{suffix}"
    errors = _concurrent_saves(path, processes=4, saves=10)
    assert errors == []
    assert _entries(tmp_path) == [path.name]
    text = path.read_text(encoding="utf-8")
    candidates = {name: _document(name) for name in NAMES}
    written = [name for name, document in candidates.items() if text == _text(document, suffix)]
    assert len(written) == 1, "the file is none of the documents written, or a mixture"
    assert load(path) == candidates[written[0]]
