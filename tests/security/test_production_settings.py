"""Production settings: `manage.py check --deploy` is clean, and a missing or weak secret stops the start."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMTP = "django.core.mail.backends.smtp.EmailBackend"
SAFE = {"SPECIOSA_SECRET_KEY": secrets.token_urlsafe(50), "SPECIOSA_ALLOWED_HOSTS": "x.org", "SPECIOSA_EMAIL_BACKEND": SMTP}
CHECK = ("from django.core.management import call_command; import django; django.setup(); "
         "call_command('check', deploy=True, fail_level='WARNING')")


def run_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items()
             if not key.startswith(("SPECIOSA_", "DJANGO_", "DATABASE_URL"))}
    clean.update({"DJANGO_SETTINGS_MODULE": "speciosa.settings_production", "SPECIOSA_HOME": str(tmp_path), **env})
    return subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, env=clean, capture_output=True, text=True,
                          timeout=120)


def test_the_deployment_checklist_is_clean_under_production_settings(tmp_path):
    result = run_check(tmp_path, SPECIOSA_SECRET_KEY=secrets.token_urlsafe(50),
                       SPECIOSA_ALLOWED_HOSTS="speciosa.example.org", SPECIOSA_EMAIL_BACKEND=SMTP)
    assert (result.returncode, result.stderr) == (0, "")
    assert "no issues" in result.stdout
    assert not (tmp_path / "secret_key").exists()  # no key file on a server: the secret came from the environment


@pytest.mark.parametrize(("env", "message"), [
    ({"SPECIOSA_ALLOWED_HOSTS": "speciosa.example.org"}, "SPECIOSA_SECRET_KEY must be set in production"),
    ({"SPECIOSA_SECRET_KEY": "short", "SPECIOSA_ALLOWED_HOSTS": "x.org"}, "SPECIOSA_SECRET_KEY is too weak"),
    ({"SPECIOSA_SECRET_KEY": "django-insecure-" + "a1b2c3d4e5" * 6, "SPECIOSA_ALLOWED_HOSTS": "x.org"},
     "SPECIOSA_SECRET_KEY is too weak"),
    ({"SPECIOSA_SECRET_KEY": secrets.token_urlsafe(50)}, "SPECIOSA_ALLOWED_HOSTS must be set in production"),
    ({**SAFE, "SPECIOSA_DEBUG": "1"}, "SPECIOSA_DEBUG must be off in production"),
    ({**SAFE, "SPECIOSA_EMAIL_BACKEND": ""}, "SPECIOSA_EMAIL_BACKEND must be set in production"),
    *[({**SAFE, "SPECIOSA_EMAIL_BACKEND": f"django.core.mail.backends.{name}.EmailBackend"},
       f"SPECIOSA_EMAIL_BACKEND must deliver mail in production, not django.core.mail.backends.{name}.EmailBackend")
      for name in ("console", "locmem", "dummy", "filebased")],
])
def test_production_refuses_to_start_without_safe_secrets_and_settings(tmp_path, env, message):
    result = run_check(tmp_path, **env)
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


SHOW = ("import django; django.setup(); from django.conf import settings; "
        "print(settings.EMAIL_BACKEND, settings.CSRF_COOKIE_HTTPONLY, settings.SPECIOSA_PROXY_COUNT)")


def test_production_sends_mail_with_the_configured_backend_and_reads_the_proxy_count(tmp_path):
    clean = {key: value for key, value in os.environ.items()
             if not key.startswith(("SPECIOSA_", "DJANGO_", "DATABASE_URL"))}
    clean.update({"DJANGO_SETTINGS_MODULE": "speciosa.settings_production", "SPECIOSA_HOME": str(tmp_path), **SAFE,
                  "SPECIOSA_BEHIND_PROXY": "1", "SPECIOSA_PROXY_COUNT": "2"})
    result = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=clean, capture_output=True, text=True,
                            timeout=120)
    assert (result.returncode, result.stdout) == (0, f"{SMTP} True 2\n"), result.stderr
