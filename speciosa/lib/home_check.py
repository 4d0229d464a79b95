"""speciosa.W001: a system check that warns when the home folder, the embedded database (with its -wal and -shm)
or the secret key can be read by anyone but their owner.

Speciosa creates them owner-only (``speciosa.lib.home``), but an installation made before that, a restored backup
or a copied folder can be wider; the warning names each path, its mode and the command that narrows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Warning

from speciosa.lib.home import SQLITE_COMPANIONS, is_sqlite_file, wider_than_owner


def private_paths() -> list[Path]:
    """Every file that holds data or secrets, then the home folder when it holds any of them."""
    home = Path(settings.HOME)
    files = [home / "secret_key"]
    for database in settings.DATABASES.values():
        name = str(database.get("NAME") or "")
        if "sqlite3" in database.get("ENGINE", "") and is_sqlite_file(name):
            files += [Path(name + suffix) for suffix in ("", *SQLITE_COMPANIONS)]
    existing = [path for path in files if path.exists()]
    holds_private = any(path.resolve().parent == home.resolve() for path in existing)
    return existing + ([home] if holds_private else [])


def owner_only_files(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Warning(
            f"{path} is readable by others (mode {mode:04o}); it holds health data or secrets",
            hint=f"chmod {'700' if path.is_dir() else '600'} {path}",
            id="speciosa.W001",
        )
        for path, mode in wider_than_owner(private_paths())
    ]
