"""The README's configuration table describes exactly the environment variables the code reads, with their defaults.

The code is read, not imported: every ``os.environ.get("NAME", ...)``, ``os.environ["NAME"]``,
``os.environ.setdefault("NAME", ...)``, ``env_bool/env_int/env_list("NAME", ...)`` and ``_required("NAME", ...)``
outside the tests counts as reading NAME.
"""

import ast
import operator
from pathlib import Path

from speciosa.lib.settings_doc import SETTINGS, render_table

PACKAGE = Path(__file__).resolve().parents[2]
READERS = {"get", "setdefault", "getenv", "env_bool", "env_int", "env_list", "_required"}


def reads() -> dict[str, list[ast.expr]]:
    """Each variable the package reads -> the default expressions given where it is read (possibly none)."""
    found: dict[str, list[ast.expr]] = {}
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name, default = _read(node)
            if name is not None:
                found.setdefault(name, [])
                if default is not None:
                    found[name].append(default)
    return found


def _read(node: ast.AST) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        key = node.slice
        return (key.value, None) if isinstance(key, ast.Constant) and isinstance(key.value, str) else (None, None)
    if not isinstance(node, ast.Call) or not node.args:
        return None, None
    function = node.func
    called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    if called not in READERS or (isinstance(function, ast.Attribute) and called in {"get", "setdefault"}
                                 and not _is_environ(function.value)):
        return None, None
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.isupper()):
        return None, None
    return first.value, node.args[1] if len(node.args) > 1 and called != "_required" else None


def _is_environ(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def _value(node: ast.expr) -> object:
    """A literal default, with constant arithmetic (``60 * 60 * 12``) worked out."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        return operator.mul(_value(node.left), _value(node.right))
    return ast.literal_eval(node)


def _shown(value: object) -> str:
    """How the README shows a default value."""
    if isinstance(value, bool):
        return "false" if value is False else "true"
    if isinstance(value, list):
        return ",".join(value) if value else "empty"
    return str(value)


def test_every_variable_the_code_reads_is_documented_and_nothing_else():
    assert sorted(s.name for s in SETTINGS) == sorted(reads())


def test_the_database_and_static_variables_are_in_the_table():
    table = render_table()
    assert [name for name in ("SPECIOSA_DB", "SPECIOSA_STATIC_ROOT", "SPECIOSA_TEST_DB")
            if f"| `{name}` |" not in table] == []


def test_each_literal_default_in_the_code_is_the_one_documented():
    documented = {s.name: s.default for s in SETTINGS}
    wrong = [(name, _shown(_value(default)), documented[name]) for name, defaults in reads().items()
             for default in defaults if _shown(_value(default)) not in documented[name]]
    assert wrong == []
