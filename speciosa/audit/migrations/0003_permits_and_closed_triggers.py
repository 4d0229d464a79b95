"""Closes the audit log in the database: no UPDATE and no DELETE of an entry, except two, each with a permit.

Migration 0002 let any UPDATE through that set ``actor_id`` or ``patient_id`` to NULL (meant for Django's
on_delete=SET_NULL when an account is deleted), and every DELETE (meant for the retention purge and the test runner).
So ``UPDATE ... SET patient_id = NULL`` hid entries from a patient's "who looked at my data", and a DELETE removed
them. Now a link may become NULL only while an ``unlink`` permit for that account exists in the same transaction
(written by the account's pre_delete signal, see speciosa.audit.permits), and an entry may be deleted only while a
``purge`` permit with a later cutoff exists (written by domain.purge_expired). Permits live only inside the
transaction that uses them, so no other connection ever sees one.

Django's flush (the test runner after live-server tests) is a DELETE per table on SQLite, so the tests empty the log
through a purge permit first (speciosa.testing); on PostgreSQL flush is TRUNCATE, which row triggers do not see.
"""

from django.db import migrations, models

CONTENT = ("actor_label", "patient_ref", "action", "what", "at", "ip", "user_agent")
UNLINK = "EXISTS (SELECT 1 FROM audit_auditpermit WHERE kind = 'unlink' AND user_id = OLD.{column})"
PURGE = "EXISTS (SELECT 1 FROM audit_auditpermit WHERE kind = 'purge' AND OLD.at < cutoff)"


def _changed(differs: str) -> str:
    return " OR ".join([
        f"NEW.id {differs} OLD.id",
        *(f"NEW.{column} {differs} OLD.{column}" for column in CONTENT),
        *(f"(NEW.{column} {differs} OLD.{column} AND NOT (NEW.{column} IS NULL AND {UNLINK.format(column=column)}))"
          for column in ("actor_id", "patient_id")),
    ])


FORWARD = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_auditentry_append_only",
        "CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry "
        f"WHEN {_changed('IS NOT')} BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
        "CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON audit_auditentry "
        f"WHEN NOT {PURGE} "
        "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry",
        "CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'DELETE' THEN IF {PURGE} THEN RETURN OLD; END IF; "
        "RAISE EXCEPTION 'audit entries are append-only'; END IF; "
        f"IF {_changed('IS DISTINCT FROM')} THEN RAISE EXCEPTION 'audit entries are append-only'; END IF; "
        "RETURN NEW; END $$",
        "CREATE TRIGGER audit_auditentry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry "
        "FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only()",
    ],
}
BACKWARD = {
    "sqlite": ["DROP TRIGGER IF EXISTS audit_auditentry_no_update", "DROP TRIGGER IF EXISTS audit_auditentry_no_delete"],
    "postgresql": ["DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry",
                   "DROP FUNCTION IF EXISTS audit_auditentry_append_only()"],
}


def _run(statements, then=None):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)
        if then is not None:
            then(apps, schema_editor)
    return run


def _restore_0002(apps, schema_editor):
    from importlib import import_module

    previous = import_module("speciosa.audit.migrations.0002_append_only_trigger")
    previous._run(previous.FORWARD)(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.CreateModel(
            name="AuditPermit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("unlink", "unlink"), ("purge", "purge")], max_length=10)),
                ("user_id", models.BigIntegerField(null=True)),
                ("cutoff", models.DateTimeField(null=True)),
            ],
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD, then=_restore_0002)),
    ]
