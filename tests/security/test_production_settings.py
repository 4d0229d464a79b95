"""Production settings: `manage.py check --deploy` is clean, and a missing or weak secret stops the start."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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
                       SPECIOSA_ALLOWED_HOSTS="speciosa.example.org")
    assert (result.returncode, result.stderr) == (0, "")
    assert "no issues" in result.stdout
    assert not (tmp_path / "secret_key").exists()  # no key file on a server: the secret came from the environment


@pytest.mark.parametrize(("env", "message"), [
    ({"SPECIOSA_ALLOWED_HOSTS": "speciosa.example.org"}, "SPECIOSA_SECRET_KEY must be set in production"),
    ({"SPECIOSA_SECRET_KEY": "short", "SPECIOSA_ALLOWED_HOSTS": "x.org"}, "SPECIOSA_SECRET_KEY is too weak"),
    ({"SPECIOSA_SECRET_KEY": "django-insecure-" + "a1b2c3d4e5" * 6, "SPECIOSA_ALLOWED_HOSTS": "x.org"},
     "SPECIOSA_SECRET_KEY is too weak"),
    ({"SPECIOSA_SECRET_KEY": secrets.token_urlsafe(50)}, "SPECIOSA_ALLOWED_HOSTS must be set in production"),
    ({"SPECIOSA_SECRET_KEY": secrets.token_urlsafe(50), "SPECIOSA_ALLOWED_HOSTS": "x.org", "SPECIOSA_DEBUG": "1"},
     "SPECIOSA_DEBUG must be off in production"),
])
def test_production_refuses_to_start_without_safe_secrets_and_settings(tmp_path, env, message):
    result = run_check(tmp_path, **env)
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr
