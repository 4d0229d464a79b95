"""Where Speciosa keeps its files: $SPECIOSA_HOME, else the user's data folder."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from platformdirs import user_data_dir


def speciosa_home() -> Path:
    home = Path(os.environ.get("SPECIOSA_HOME") or user_data_dir("speciosa", appauthor=False)).expanduser()
    home.mkdir(parents=True, exist_ok=True)
    return home


def local_secret_key(home: Path) -> str:
    """A per-installation secret kept beside the embedded database, made on first use (never in the repository)."""
    path = home / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
