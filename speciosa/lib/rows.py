"""Model instances read and written by hand-written SQL, for the few statements that run on every request.

The ORM compiles a queryset to SQL on every evaluation, and for a short lookup that is most of the cost: the bearer
token read with its user and profile spent about 0.5 ms compiling a query that runs in 0.03 ms, on each API request
(benchmarks/bench_log_dose.py holds the dose write against a bare insert). ``Model.objects.raw`` cannot follow a
join; this builds each joined model's instance as the ORM would (``from_db``, with the database's converters, so a
SQLite timestamp comes back as an aware datetime), from columns named by ``select_list``.

``insert_new`` is the same for the rows each write adds: Django's INSERT is compiled anew for every save.

Use these only where a profile shows the compiling; everywhere else the ORM says more.
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


@cache
def _insert_sql(model: type[Model], using: str) -> tuple[str, tuple[Any, ...]]:
    connection = connections[using]
    quote = connection.ops.quote_name
    auto = model._meta.auto_field
    if auto is None:
        raise TypeError(f"{model.__name__} has no automatic id for insert_new to return")
    fields = tuple(field for field in model._meta.concrete_fields if field is not auto)
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(auto.column)}")
    return sql, fields


def insert_statement(instance: Model, using: str = "default") -> tuple[str, list[Any]]:
    """The INSERT that ``insert_new`` runs, without its RETURNING, to send with other statements
    (speciosa.lib.statements) when nothing needs the new row's id."""
    connection = connections[using]
    sql, fields = _insert_sql(type(instance), using)
    values = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    return sql.rpartition(" RETURNING ")[0], values


def insert_new(instance: Model, using: str = "default") -> None:
    """Stores a new ``instance`` as ``instance.save()`` would (``auto_now`` and defaults applied, each value
    prepared by its field, the new id set on it), in one INSERT ... RETURNING written out once per model.

    For the rows every write adds (a dose, its revision). It sends no pre_save or post_save signal: nothing in
    Speciosa listens to them, and the record-changed signal is ours to send.
    """
    connection = connections[using]
    sql, fields = _insert_sql(type(instance), using)
    values = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        (new_id,) = cursor.fetchone()
    instance.pk = new_id
    instance._state.adding = False
    instance._state.db = using
