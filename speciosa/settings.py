"""The one settings module. Everything that differs between a laptop and a clinic comes from the environment."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url

from speciosa.lib.env import env_bool, env_int, env_list
from speciosa.lib.home import local_secret_key, private_database, speciosa_home
from speciosa.lib.queue import huey_config

BASE_DIR = Path(__file__).resolve().parent
HOME = speciosa_home()

DEBUG = env_bool("SPECIOSA_DEBUG", False)
SECRET_KEY = os.environ.get("SPECIOSA_SECRET_KEY") or local_secret_key(HOME)
ALLOWED_HOSTS = env_list("SPECIOSA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("SPECIOSA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "huey.contrib.djhuey",  # the task queue (speciosa.lib.queue); its run_huey command works as `speciosa worker`
    "ninja",  # its own Swagger UI files, served locally (without it the API docs page loads them from a CDN)
    "speciosa.accounts",
    "speciosa.diary",
    "speciosa.safety",
    "speciosa.instruments",
    "speciosa.reports",
    "speciosa.interop",
    "speciosa.clinic",
    "speciosa.plans",
    "speciosa.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "speciosa.lib.compression.CompressionMiddleware",  # gzip, but never a page that shows a secret (BREACH)
    "speciosa.lib.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "speciosa.lib.caching.NoStoreWhenSignedInMiddleware",  # health data: never kept by a cache or the history
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "speciosa.lib.dates.DateStyleMiddleware",  # the reader's date style (day or month first) for the templates
    "speciosa.accounts.middleware.SessionGuardMiddleware",  # two-factor for clinicians and admins; idle timeout
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the "too many attempts" answer
]

ROOT_URLCONF = "speciosa.urls"
WSGI_APPLICATION = "speciosa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "speciosa.lib.nav.nav_items",
            ],
            "builtins": ["speciosa.lib.dates", "speciosa.lib.form_tags"],  # one date format on every page; fast choice lists
        },
    },
]

_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    # Persistent connections are checked before each request reuses them: after a PostgreSQL restart the next
    # request reconnects instead of failing on the dead connection (speciosa.lib.unavailable answers 503 meanwhile).
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("SPECIOSA_CONN_MAX_AGE", 60),
                                                  conn_health_checks=True)}
    if os.environ.get("SPECIOSA_TEST_DB"):
        DATABASES["default"]["TEST"] = {"NAME": os.environ["SPECIOSA_TEST_DB"]}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            # Created 0600 before SQLite opens it (its -wal and -shm follow): it holds health data and secrets.
            "NAME": private_database(os.environ.get("SPECIOSA_DB") or str(HOME / "speciosa.sqlite3")),
            "OPTIONS": {
                # WAL lets readers and a writer work at once; IMMEDIATE takes the write lock at BEGIN, so concurrent
                # writers queue on the busy timeout instead of failing with "database is locked" mid-transaction.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
            "TEST": {"NAME": os.environ.get("SPECIOSA_TEST_DB") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username and address before the password check
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "diary:today"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the pages' own stylesheet (speciosa/static is not an app's folder)
STATIC_ROOT = Path(os.environ.get("SPECIOSA_STATIC_ROOT") or HOME / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root on every start
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names after collectstatic (speciosa serve runs it), cached by browsers for a year; plain names before.
    "staticfiles": {"BACKEND": "speciosa.lib.static.HashedStaticFiles"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step for the embedded default

EMAIL_BACKEND = os.environ.get("SPECIOSA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The mail server of the SMTP backend (django.core.mail.backends.smtp.EmailBackend), as a deployment sets it.
EMAIL_HOST = os.environ.get("SPECIOSA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SPECIOSA_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("SPECIOSA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SPECIOSA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SPECIOSA_EMAIL_STARTTLS", False)

DEFAULT_FROM_EMAIL = os.environ.get("SPECIOSA_FROM_EMAIL", "speciosa@localhost")
# Where e-mails sent without a request (alert notifications) point links to.
SPECIOSA_SITE_URL = os.environ.get("SPECIOSA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Where e-mails go with the file backend (django.core.mail.backends.filebased.EmailBackend): one file per message.
EMAIL_FILE_PATH = os.environ.get("SPECIOSA_EMAIL_FILE_PATH") or str(HOME / "sent-mail")

# The task queue (speciosa.lib.queue): alert evaluation and e-mails after each write, the minute sweep, the nightly
# evaluation, reminders and purges. A SQLite file in SPECIOSA_HOME unless SPECIOSA_REDIS_URL names a Redis server.
SPECIOSA_REDIS_URL = os.environ.get("SPECIOSA_REDIS_URL", "").strip()
HUEY = huey_config(home=HOME, redis_url=SPECIOSA_REDIS_URL, immediate=env_bool("SPECIOSA_TASKS_IMMEDIATE", False),
                   name=os.environ.get("SPECIOSA_QUEUE_NAME") or "speciosa")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SPECIOSA_SESSION_SECONDS", 60 * 60 * 12)
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token, and the API takes bearer tokens
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Clinicians and administrators see many patients: their session also ends after this long without a request.
SPECIOSA_IDLE_MINUTES = env_int("SPECIOSA_IDLE_MINUTES", 30)
# Bearer tokens end (speciosa.accounts.tokens): each use slides the expiry forward by an idle window, up to a limit
# from issue. Clinicians' and administrators' tokens use SPECIOSA_IDLE_MINUTES and this many hours; others' the days.
SPECIOSA_STAFF_TOKEN_HOURS = env_int("SPECIOSA_STAFF_TOKEN_HOURS", 12)
SPECIOSA_TOKEN_IDLE_DAYS = env_int("SPECIOSA_TOKEN_IDLE_DAYS", 30)
SPECIOSA_TOKEN_MAX_DAYS = env_int("SPECIOSA_TOKEN_MAX_DAYS", 180)

# Login throttling (django-axes): 5 failures for one username from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a predictable 15 minutes, not one extended by each retry
AXES_LOCKOUT_CALLABLE = "speciosa.accounts.throttling.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # failed sign-ins are kept to count them; successful ones are not logged
AXES_VERBOSE = False
# The address the throttling counts: the connection's, or behind SPECIOSA_PROXY_COUNT reverse proxies the one the
# nearest proxy saw (speciosa.lib.client_ip); without it every sign-in would come from the proxy's address.
SPECIOSA_PROXY_COUNT = env_int("SPECIOSA_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "speciosa.lib.client_ip.client_ip"
OTP_TOTP_ISSUER = "Speciosa"

# Request bodies: a 100 KB text field is refused field by field; this caps a whole request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SPECIOSA_LOG_LEVEL", "WARNING")},
}
