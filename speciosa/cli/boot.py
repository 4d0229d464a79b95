"""Starting Django inside a command, and turning bad input into a one-line message with exit code 3.

Django is imported here, inside functions, and nowhere at the top of a command module: `speciosa --help` then
answers without loading Django, the settings or the database driver.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer

from speciosa.core.errors import InputError, each_error

INPUT_ERROR = 3  # bad input (a value, an unknown user); 2 stays click's for a malformed command line


def django_ready() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "speciosa.settings")
    import django

    django.setup()


def fail(field: str, message: str) -> NoReturn:
    _say(field, message)
    raise typer.Exit(INPUT_ERROR)


def _say(field: str, message: str) -> None:
    typer.echo(f"error: {field}: {message}" if field else f"error: {message}", err=True)


@contextmanager
def input_errors(options: Mapping[str, str] | None = None) -> Iterator[None]:
    """Reports an InputError as `error: FIELD: message` (the field as the command's option, where it has one)."""
    try:
        yield
    except InputError as error:
        *others, last = each_error(error)  # several bad fields: one line each, then the exit
        for each in others:
            _say(_label(each.field, options or {}), each.message)
        fail(_label(last.field, options or {}), last.message)


def _label(field: str, options: Mapping[str, str]) -> str:
    head, _, rest = field.partition(".")
    if head not in options:
        return field
    return f"{options[head]} {rest}" if rest else options[head]


def write_private(path: Path, content: bytes, *, option: str) -> None:
    """Writes the file readable by its owner only (it holds health data); a failure names the ``option``."""
    with private_file(path, option=option) as temporary:
        temporary.write_bytes(content)


@contextmanager
def private_file(path: Path, *, option: str) -> Iterator[Path]:
    """Yields a new empty file to fill, which then becomes ``path``, readable by its owner only.

    The file is created beside ``path`` (exclusively, mode 0600 whatever the umask); when the block ends without an
    exception it is flushed to disk and replaces ``path`` by rename: a symlink planted at ``path`` is replaced, never
    followed, and an existing file's wider mode is not inherited. A failure (an OSError, in the block too) names the
    ``option`` and leaves ``path`` as it was and no temporary file behind.
    """
    temporary = ""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            os.fchmod(descriptor, 0o600)
        finally:
            os.close(descriptor)
        yield Path(temporary)
        with open(temporary, "rb") as file:
            os.fsync(file.fileno())
        os.replace(temporary, path)
        temporary = ""
    except OSError as error:
        fail(option, f"cannot write {path}: {error.strerror or error}")
    finally:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
