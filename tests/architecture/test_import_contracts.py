"""The import contracts in pyproject.toml hold, and they would catch the mistake they exist for.

A contract that passes on today's code proves little on its own: these tests copy the package's Python files and
the configuration into a scratch folder, add one forbidden import there, and run ``lint-imports`` on the copy. It must
pass on the untouched copy and fail, naming the broken contract, on the changed one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_of_the_house(into: Path) -> Path:
    """The package's Python files (no data, templates or caches) and pyproject.toml, under ``into``."""
    for source in (ROOT / "speciosa").rglob("*.py"):
        if "__pycache__" in source.parts:
            continue
        target = into / source.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    shutil.copyfile(ROOT / "pyproject.toml", into / "pyproject.toml")
    return into


def _lint_imports(at: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(at)}  # the copy shadows the installed package
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=at, env=env, capture_output=True, text=True,
                          timeout=120)


def _broken_contracts(report: str) -> list[str]:
    """The names of the broken contracts, from lint-imports' summary (which wraps long names over lines)."""
    listing = " ".join(report.split("Contracts:")[0].split("dependencies.", 1)[1].split()).strip("- ")
    parts = re.split(r" ?\b(KEPT|BROKEN)\b(?: \(\d+ ignored imports?\))? ?", listing)
    return [name for name, status in zip(parts[::2], parts[1::2], strict=False) if status == "BROKEN"]


def _add_import(house: Path, module: str, statement: str) -> None:
    path = house / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text() + f"\n{statement}\n")


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy_of_the_house(tmp_path_factory.mktemp("house"))


def test_the_untouched_copy_keeps_every_contract(house: Path) -> None:
    result = _lint_imports(house)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "statement", "contract"), [
    # A domain reaching into another app's pages: the mistake that made the first cycle.
    ("speciosa.plans.domain", "import speciosa.diary.views  # noqa", "No app imports another app's pages, API or forms: plans"),
    # An app's API importing another app's API.
    ("speciosa.clinic.api", "from speciosa.diary.api import doses  # noqa", "No app imports another app's pages, API or forms: clinic"),
    # A lower app's domain importing a higher app.
    ("speciosa.diary.domain.doses", "import speciosa.safety.domain  # noqa", "Apps in order"),
    # Models importing the domain above them, inside one app.
    ("speciosa.diary.models.doses", "import speciosa.diary.domain  # noqa", "Inside each app"),
    # The core importing Django.
    ("speciosa.core.units", "import django.db  # noqa", "The core is plain Python"),
    # The shared kit importing an app.
    ("speciosa.lib.paging", "import speciosa.diary.models  # noqa", "The shared kit"),
], ids=["cross-app-views", "cross-app-api", "app-order", "inside-an-app", "core", "lib"])
def test_a_forbidden_import_breaks_its_contract(tmp_path: Path, module: str, statement: str, contract: str) -> None:
    house = _copy_of_the_house(tmp_path)
    _add_import(house, module, statement)
    result = _lint_imports(house)
    assert result.returncode != 0, f"lint-imports accepted {statement!r} in {module}:\n{result.stdout}"
    broken = _broken_contracts(result.stdout)
    assert any(name.startswith(contract) for name in broken), result.stdout
