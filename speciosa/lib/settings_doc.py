"""Every environment variable Speciosa reads, with its default and meaning: the README's configuration table.

The table between ``<!-- settings:start -->`` and ``<!-- settings:end -->`` in README.md is rendered from this list
(``./dev speciosa docs``), and a test reads the settings modules and fails when they read a variable this list does
not describe, or describe one they no longer read, or when a literal default in the code is not the one shown here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EnvSetting:
    name: str
    default: str  # as the README shows it (Markdown)
    meaning: str


SETTINGS = (
    EnvSetting("SPECIOSA_HOME", "the user's data folder (`~/.local/share/speciosa`)",
               "where the embedded SQLite database, its per-installation secret key and static files live"),
    EnvSetting("DATABASE_URL", "unset: embedded SQLite (WAL, busy timeout, immediate transactions)",
               "PostgreSQL for a clinic or a study, e.g. `postgres://user:pass@host:5432/speciosa`"),
    EnvSetting("SPECIOSA_DB", "`$SPECIOSA_HOME/speciosa.sqlite3`",
               "the embedded SQLite database file (used when `DATABASE_URL` is unset)"),
    EnvSetting("SPECIOSA_TEST_DB", "unset: Django's own choice (in-memory SQLite, or `test_` + the database name)",
               "the database the test suite creates and drops: a SQLite file, or a PostgreSQL database name with "
               "`DATABASE_URL`"),
    EnvSetting("SPECIOSA_CONN_MAX_AGE", "`60`", "persistent PostgreSQL connections, seconds"),
    EnvSetting("SPECIOSA_SECRET_KEY", "generated once into `$SPECIOSA_HOME/secret_key`",
               "set it in production; never commit it"),
    EnvSetting("SPECIOSA_DEBUG", "`false`", "Django debug pages (never in production)"),
    EnvSetting("SPECIOSA_ALLOWED_HOSTS", "`127.0.0.1,localhost,testserver,[::1]`", "comma-separated host names"),
    EnvSetting("SPECIOSA_CSRF_TRUSTED_ORIGINS", "empty", "origins allowed to POST through a proxy"),
    EnvSetting("SPECIOSA_STATIC_ROOT", "`$SPECIOSA_HOME/static`",
               "where `collectstatic` gathers static files (the server also serves them straight from the package)"),
    EnvSetting("SPECIOSA_EMAIL_BACKEND", "console (`django.core.mail.backends.console.EmailBackend`)",
               "Django email backend for password resets and reminders; production settings refuse to start "
               "without one that delivers mail (console, locmem, dummy and file backends are refused)"),
    EnvSetting("SPECIOSA_EMAIL_FILE_PATH", "`$SPECIOSA_HOME/sent-mail`",
               "the folder the file e-mail backend (`django.core.mail.backends.filebased.EmailBackend`) writes to"),
    EnvSetting("SPECIOSA_REDIS_URL", "unset: the task queue is a SQLite file, `$SPECIOSA_HOME/queue.sqlite3`",
               "Redis for the task queue, e.g. `redis://127.0.0.1:6379/0`: then run `speciosa worker` (any number) "
               "and one `speciosa scheduler`; unset, `speciosa serve` runs both in its own process"),
    EnvSetting("SPECIOSA_QUEUE_NAME", "`speciosa`",
               "the task queue's name (its keys in Redis): sites sharing one Redis server need different names"),
    EnvSetting("SPECIOSA_TASKS_IMMEDIATE", "`false`",
               "run each background task at once in the process that enqueues it, in memory (the test suite)"),
    EnvSetting("SPECIOSA_FROM_EMAIL", "`speciosa@localhost`", "sender address"),
    EnvSetting("SPECIOSA_SITE_URL", "`http://127.0.0.1:8000`",
               "the address links in e-mails (reminders, alert notifications) point to"),
    EnvSetting("SPECIOSA_EMAIL_HOST", "`localhost`",
               "the mail server the SMTP backend (`django.core.mail.backends.smtp.EmailBackend`) sends through"),
    EnvSetting("SPECIOSA_EMAIL_PORT", "`25`", "its port (587 for submission with STARTTLS)"),
    EnvSetting("SPECIOSA_EMAIL_USER", "empty", "the user name the SMTP backend signs in with (empty: none)"),
    EnvSetting("SPECIOSA_EMAIL_PASSWORD", "empty", "its password; keep it in the service's environment file"),
    EnvSetting("SPECIOSA_EMAIL_STARTTLS", "`false`", "the SMTP backend upgrades the connection with STARTTLS"),
    EnvSetting("SPECIOSA_SESSION_SECONDS", "`43200` (12 hours)", "session lifetime"),
    EnvSetting("SPECIOSA_IDLE_MINUTES", "`30`",
               "clinicians and admins are signed out after this long without a request; their API tokens end "
               "after this long unused too"),
    EnvSetting("SPECIOSA_STAFF_TOKEN_HOURS", "`12`",
               "a clinician's or admin's API token ends this many hours after it was issued, however busy"),
    EnvSetting("SPECIOSA_TOKEN_IDLE_DAYS", "`30`",
               "a patient's or researcher's API token ends after this many days unused (each use extends it)"),
    EnvSetting("SPECIOSA_TOKEN_MAX_DAYS", "`180`",
               "a patient's or researcher's API token ends this many days after it was issued, however busy"),
    EnvSetting("SPECIOSA_LOG_LEVEL", "`WARNING`", "root log level"),
    EnvSetting("DJANGO_SETTINGS_MODULE", "`speciosa.settings`",
               "`speciosa.settings_production` for a deployment reachable by others (see below)"),
    EnvSetting("SPECIOSA_BEHIND_PROXY", "`false`", "production settings: trust the proxy's `X-Forwarded-Proto`"),
    EnvSetting("SPECIOSA_PROXY_COUNT", "`0`",
               "how many reverse proxies in front of Speciosa append to `X-Forwarded-For`: sign-in throttling then "
               "counts the address the nearest one saw (0: the connection's own address)"),
    EnvSetting("SPECIOSA_HSTS_SECONDS", "`31536000` (one year)", "production settings: Strict-Transport-Security"),
)


def render_table() -> str:
    """The README's configuration table, one row per variable, in the order above."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{setting.name}` | {setting.default} | {setting.meaning} |" for setting in SETTINGS]
    return "\n".join(rows) + "\n"
