"""Settings for a deployment reachable by others: ``DJANGO_SETTINGS_MODULE=speciosa.settings_production``.

Everything in speciosa.settings, with DEBUG off, HTTPS enforced (HSTS, redirect, secure cookies), and secrets only
from the environment. Missing or unsafe values stop the server at start with a message naming the variable.

Required: SPECIOSA_SECRET_KEY (50+ random characters), SPECIOSA_ALLOWED_HOSTS (comma-separated host names),
SPECIOSA_EMAIL_BACKEND (a backend that delivers mail: password-reset links must not land in a log).
Optional: SPECIOSA_BEHIND_PROXY=1 (trust X-Forwarded-Proto from a TLS-terminating proxy), SPECIOSA_PROXY_COUNT,
SPECIOSA_HSTS_SECONDS, DATABASE_URL and the other variables speciosa.settings reads.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured


def _required(name: str, why: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production: {why}")
    return value


# Checked before the base settings load: they would otherwise make a local key file, which has no place on a server.
_SECRET_KEY = _required("SPECIOSA_SECRET_KEY", "a random value of 50 or more characters, kept out of the repository "
                                               "(python -c 'import secrets; print(secrets.token_urlsafe(50))')")
if len(_SECRET_KEY) < 50 or len(set(_SECRET_KEY)) < 5 or _SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured("SPECIOSA_SECRET_KEY is too weak: use 50 or more random characters")
_required("SPECIOSA_ALLOWED_HOSTS", "the host names people use to reach Speciosa, comma-separated")
# Backends that deliver nothing: the console one writes password-reset links into the server's log.
UNDELIVERED_EMAIL_BACKENDS = frozenset(f"django.core.mail.backends.{name}.EmailBackend"
                                       for name in ("console", "locmem", "dummy", "filebased"))
_EMAIL_BACKEND = _required("SPECIOSA_EMAIL_BACKEND", "a backend that delivers mail, such as "
                                                     "django.core.mail.backends.smtp.EmailBackend")
if _EMAIL_BACKEND in UNDELIVERED_EMAIL_BACKENDS:
    raise ImproperlyConfigured(f"SPECIOSA_EMAIL_BACKEND must deliver mail in production, not {_EMAIL_BACKEND}: "
                               "password-reset links and alerts would land in a log or nowhere")

from speciosa.lib.env import env_bool, env_int  # noqa: E402
from speciosa.settings import *  # noqa: E402,F403

if env_bool("SPECIOSA_DEBUG", False):
    raise ImproperlyConfigured("SPECIOSA_DEBUG must be off in production: debug pages show settings and data")
DEBUG = False
SECRET_KEY = _SECRET_KEY
EMAIL_BACKEND = _EMAIL_BACKEND
SPECIOSA_PRODUCTION = True  # what refuses to run here (the demo, with its published password) looks for this

SECURE_SSL_REDIRECT = True
if env_bool("SPECIOSA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SPECIOSA_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
