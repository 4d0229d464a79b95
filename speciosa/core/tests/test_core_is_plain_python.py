"""The core never imports Django or ninja (import-linter checks this too, in ./dev test)."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1]
FORBIDDEN = ("django", "ninja", "speciosa.accounts", "speciosa.diary", "speciosa.api", "speciosa.settings")


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_framework(path):
    offending = [name for name in imported_modules(path) if name.split(".")[0] in FORBIDDEN
                 or any(name == f or name.startswith(f + ".") for f in FORBIDDEN)]
    assert offending == []


def test_the_check_would_catch_a_django_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\n", encoding="utf-8")
    assert imported_modules(bad) == ["django.db"]
