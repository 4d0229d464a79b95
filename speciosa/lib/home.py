"""Where Speciosa keeps its files: $SPECIOSA_HOME, else the user's data folder.

The folder holds health data, password hashes, TOTP seeds and calendar tokens (the embedded database) and the
secret key: Speciosa creates it, the database and the key readable by their owner only (0700 and 0600), and a system
check (speciosa.W001, see ``speciosa.lib.home_check``) warns when an existing one is wider.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from platformdirs import user_data_dir

OWNER_ONLY_UMASK = 0o077  # no bit for group or others on anything created under it
SQLITE_COMPANIONS = ("-wal", "-shm")  # the write-ahead log and its index: they hold the same data as the database


def speciosa_home() -> Path:
    """The home folder, created 0700 when missing (an existing folder's mode is left to its owner and checked)."""
    home = Path(os.environ.get("SPECIOSA_HOME") or user_data_dir("speciosa", appauthor=False)).expanduser()
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    return home


@contextmanager
def owner_only_umask() -> Iterator[None]:
    """Files and folders created inside are readable by their owner only; the previous umask comes back after."""
    previous = os.umask(OWNER_ONLY_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def private_database(name: str) -> str:
    """Creates the embedded SQLite file empty and 0600 before SQLite first opens it; returns ``name``.

    SQLite would create it with the process umask (usually 0644); it gives the ``-wal`` and ``-shm`` files it makes
    later the database file's own mode, so creating this one file owner-only keeps all three private. An existing
    file is left as it is, a missing folder is left for SQLite to report when it opens the database, and an
    in-memory database (``:memory:``, ``file:...`` URIs) has no file to make.
    """
    if not is_sqlite_file(name):
        return name
    with owner_only_umask(), suppress(FileExistsError, FileNotFoundError):
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return name


def is_sqlite_file(name: str) -> bool:
    """Whether a SQLite database name is a plain file path (not ``:memory:`` or a ``file:`` URI)."""
    return bool(name) and not name.startswith((":", "file:"))


def local_secret_key(home: Path) -> str:
    """A per-installation secret kept beside the embedded database, made on first use (never in the repository)."""
    path = home / "secret_key"
    if not path.exists():
        with owner_only_umask():  # created 0600: never readable by others, not even for a moment before a chmod
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_urlsafe(50))
    return path.read_text(encoding="utf-8").strip()


def wider_than_owner(paths: Iterable[Path]) -> list[tuple[Path, int]]:
    """Those of ``paths`` that exist and let group or others read, write or enter them, each with its mode bits."""
    found = []
    for path in paths:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            continue
        if mode & OWNER_ONLY_UMASK:
            found.append((path, mode))
    return found
