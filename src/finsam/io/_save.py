"""Saving a file whole or not at all, and durably.

The text goes to a new temporary file in the target's folder, created exclusively under a
random name (so a symlink planted there is never followed and concurrent writers never
share it), is flushed and synced to disk, gets the target's permissions, and then
replaces the target in one step; the folder is synced so the rename survives a power
loss. On any failure the temporary file is removed and the old file is untouched.

A target that is a symlink keeps being one: the file it points to is replaced.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

__all__ = ["write_bytes_atomic", "write_text_atomic"]

# O_NOFOLLOW and O_DIRECTORY do not exist on every platform; without them 0 changes nothing.
_CREATE = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write `text` (UTF-8) to `path` atomically and durably; return the file written."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` atomically and durably; return the file written."""
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():  # name the folder the user chose, not our temporary file
        raise FileNotFoundError(f"{path}: no such folder: {folder}")
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    for _attempt in range(100):
        temporary = folder / f".{target.name}.{secrets.token_hex(8)}.tmp"
        try:
            # 0o666 lets the umask decide a new file's permissions, as open() would.
            descriptor = os.open(temporary, _CREATE, 0o666)
        except FileExistsError:
            continue
        break
    else:  # 100 random names all taken
        raise FileExistsError(f"cannot create a temporary file in {folder}")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; folders cannot be opened for syncing on every platform."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        descriptor = os.open(folder, flags)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - file systems that cannot sync a folder
        pass
    finally:
        os.close(descriptor)
