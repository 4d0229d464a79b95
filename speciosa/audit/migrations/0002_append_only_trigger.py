"""A database guard for the audit log: no UPDATE may change an entry.

The one UPDATE allowed is the database's own when a linked account is deleted: actor_id or patient_id becomes NULL
(on_delete=SET_NULL), every other column unchanged. DELETE is closed in the ORM (see models.py) but not here, so that
the test runner can empty tables between tests and the retention purge can run.
"""

from django.db import migrations

CONTENT = ("actor_label", "patient_ref", "action", "what", "at", "ip", "user_agent")

SQLITE_CHANGED = " OR ".join([
    "NEW.id IS NOT OLD.id",
    *(f"NEW.{column} IS NOT OLD.{column}" for column in CONTENT),
    "(NEW.actor_id IS NOT NULL AND NEW.actor_id IS NOT OLD.actor_id)",
    "(NEW.patient_id IS NOT NULL AND NEW.patient_id IS NOT OLD.patient_id)",
])
POSTGRES_CHANGED = " OR ".join([
    "NEW.id IS DISTINCT FROM OLD.id",
    *(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in CONTENT),
    "(NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id)",
    "(NEW.patient_id IS NOT NULL AND NEW.patient_id IS DISTINCT FROM OLD.patient_id)",
])

FORWARD = {
    "sqlite": [
        "CREATE TRIGGER audit_auditentry_append_only BEFORE UPDATE ON audit_auditentry "
        f"WHEN {SQLITE_CHANGED} BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION audit_auditentry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF {POSTGRES_CHANGED} THEN RAISE EXCEPTION 'audit entries are append-only'; END IF; "
        "RETURN NEW; END $$",
        "CREATE TRIGGER audit_auditentry_append_only BEFORE UPDATE ON audit_auditentry "
        "FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only()",
    ],
}
BACKWARD = {
    "sqlite": ["DROP TRIGGER IF EXISTS audit_auditentry_append_only"],
    "postgresql": ["DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry",
                   "DROP FUNCTION IF EXISTS audit_auditentry_append_only()"],
}


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)
    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_entries")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
