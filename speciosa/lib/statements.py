"""Plain statements collected during a write and sent to the database together, in one round trip.

A diary write ends with small statements that other apps own: the revision, the safety engine's pending mark, the
charts' record stamp. Each was a round trip of its own, and on PostgreSQL (a server, not a file) the round trips
were most of what the dose write cost beyond the framework's floor (benchmarks/bench_log_dose.py). A receiver of
``patient_record_changed`` that is given ``statements`` adds its statement there instead of executing it; the writer
sends them all at once, still inside its transaction, so all or nothing still holds.

PostgreSQL receives them as one query string (Django's psycopg cursor binds parameters on the client, which allows
several statements in one execute); SQLite, in-process, runs them one by one, which costs nothing extra there.
Only statements whose result nobody reads belong here: no rowcount or RETURNING comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections


class Statements:
    """Statements to run in the current transaction, in the order added, when ``send`` is called."""

    def __init__(self, using: str = "default") -> None:
        self.using = using
        self._queries: list[tuple[str, Sequence[Any]]] = []

    def add(self, sql: str, params: Sequence[Any]) -> None:
        if ";" in sql:  # joined with "; " below: one statement each, so a stray one cannot hide in another
            raise ValueError("one statement at a time, without a semicolon")
        self._queries.append((sql, params))

    def __len__(self) -> int:
        return len(self._queries)

    def send(self) -> None:
        """Runs every statement added so far (on PostgreSQL in one round trip), then forgets them."""
        queries, self._queries = self._queries, []
        if not queries:
            return
        connection = connections[self.using]
        with connection.cursor() as cursor:
            if _joins_statements(connection) and len(queries) > 1:
                cursor.execute("; ".join(sql for sql, _ in queries), [value for _, params in queries for value in params])
            else:
                for sql, params in queries:
                    cursor.execute(sql, params)


def _joins_statements(connection: Any) -> bool:
    """PostgreSQL with Django's default cursor, which binds parameters on the client. A deployment that asks for
    server-side binding (``server_side_binding`` in the database options) prepares each query, and a prepared query
    holds one statement: then they go one by one."""
    return connection.vendor == "postgresql" and not connection.settings_dict.get("OPTIONS", {}).get(
        "server_side_binding")


def run_or_add(sql: str, params: Sequence[Any], statements: Statements | None) -> None:
    """Adds the statement to ``statements`` when a writer is collecting them, else runs it now."""
    if statements is not None:
        statements.add(sql, params)
        return
    with connections["default"].cursor() as cursor:
        cursor.execute(sql, params)
