"""Model instances from a hand-written SELECT, for the few reads that run on every request.

The ORM compiles a queryset to SQL on every evaluation, and for a short lookup that is most of the cost: the bearer
token read with its user and profile spent about 0.5 ms compiling a query that runs in 0.03 ms, on each API request
(benchmarks/bench_log_dose.py holds the dose write against a bare insert). ``Model.objects.raw`` cannot follow a
join; this builds each joined model's instance as the ORM would (``from_db``, with the database's converters, so a
SQLite timestamp comes back as an aware datetime), from columns named by ``select_list``.

Use it only where a profile shows the compiling; everywhere else the queryset says more.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from django.db import connections
from django.db.models import Model

M = TypeVar("M", bound=Model)


def select_list(model: type[Model], alias: str, vendor_alias: str = "default") -> str:
    """``alias."col", ...`` for every stored column of ``model``, in the order ``instance_from`` reads them."""
    quote = connections[vendor_alias].ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def width(model: type[Model]) -> int:
    """How many columns ``select_list`` names for ``model``."""
    return len(model._meta.concrete_fields)


@cache
def _converters(model: type[Model], using: str) -> tuple[tuple[str, tuple[Any, ...], Any], ...]:
    connection = connections[using]
    found = []
    for field in model._meta.concrete_fields:
        col = field.get_col(model._meta.db_table)
        # The backend's converters, then the field's: the order the ORM's compiler applies them in.
        converters = [*connection.ops.get_db_converters(col), *col.get_db_converters(connection)]
        found.append((field.attname, tuple(converters), col))
    return tuple(found)


def instance_from(model: type[M], values: tuple[Any, ...] | list[Any], using: str = "default") -> M:
    """A ``model`` instance from one row's values for its ``select_list`` columns (as loaded from the database)."""
    connection = connections[using]
    names, converted = [], []
    for (attname, converters, col), value in zip(_converters(model, using), values, strict=True):
        for converter in converters:
            value = converter(value, col, connection)
        names.append(attname)
        converted.append(value)
    return model.from_db(using, names, converted)
