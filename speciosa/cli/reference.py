"""Renders docs/cli.md from the Typer app, so the reference cannot drift from the code.

Regenerate every generated document with ``./dev speciosa docs``; a test fails when the file is stale. Typer carries
its own copy of click, so commands and parameters are read by duck typing (``list_commands``, ``param_type_name``),
not by isinstance on click classes.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import typer.main

from speciosa.cli import app

REGENERATE = "./dev speciosa docs"


def render() -> str:
    root = typer.main.get_command(app)
    context = root.context_class(root, info_name="speciosa")
    lines = [
        "# The `speciosa` command",
        "",
        f"<!-- Generated from speciosa/cli by `{REGENERATE}`; do not edit by hand. -->",
        "",
        _help(root),
        "",
        "Bad input (a value out of range, an unknown user or product) ends with exit code 3 and one line on standard "
        "error naming the option, such as `error: --unit: 'ml' does not fit form 'powder' (use g, mg)`. A malformed "
        "command line (a missing or unknown option) ends with exit code 2.",
        "",
    ]
    for name, command, command_context in _walk(root, context):
        lines += _section(name, command, command_context)
    return "\n".join(lines).rstrip() + "\n"


def _walk(group: Any, context: Any) -> Iterator[tuple[str, Any, Any]]:
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        command_context = command.context_class(command, info_name=name, parent=context)
        if hasattr(command, "list_commands"):
            yield from _walk(command, command_context)
        else:
            yield command_context.command_path, command, command_context


def _section(path: str, command: Any, context: Any) -> list[str]:
    lines = [f"## `{path}`", "", _help(command), "", "```", f"{path} {' '.join(command.collect_usage_pieces(context))}",
             "```", ""]
    rows = [_row(param) for param in command.get_params(context) if param.name != "help"]
    if rows:
        lines += ["| Argument or option | Meaning | Default |", "| --- | --- | --- |", *rows, ""]
    return lines


def _row(param: Any) -> str:
    names = ", ".join(f"`{name}`" for name in [*param.opts, *param.secondary_opts])
    if param.param_type_name == "argument":
        names = f"`{param.metavar or param.name.upper()}`"
    elif not getattr(param, "is_flag", False) and param.metavar:
        names += f" `{param.metavar}`"
    meaning = getattr(param, "help", None) or ""
    if param.multiple:
        meaning += " (repeatable)"
    if param.required:
        default = "required"
    elif param.default in (None, "", False, ()) or callable(param.default):
        default = ""
    else:
        default = f"`{param.default}`"
    # A pipe ends a table cell even inside backticks (GitHub's tables), so every cell escapes it.
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in (names, meaning, default)) + " |"


def _help(command: Any) -> str:
    return inspect.cleandoc(command.help or "")
