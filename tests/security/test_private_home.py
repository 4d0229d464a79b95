"""The home folder, the embedded database (with its -wal and -shm) and the secret key are readable by their owner
only, whatever the umask; an existing wider one gets a system-check warning (speciosa.W001) naming it."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from speciosa.cli.serve import refuse_on_check_errors

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")  # the check only reads the setting
ROOT = Path(__file__).resolve().parents[2]
OPEN_AND_WRITE = """
import os, json, django
os.umask(0o022)  # the common default, set before the settings create anything
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (x)")
    cursor.execute("INSERT INTO probe VALUES (1)")
    home = os.environ["SPECIOSA_HOME"]
    print(json.dumps({name: oct(os.stat(os.path.join(home, name)).st_mode & 0o777)
                      for name in [".", *sorted(os.listdir(home))]}))
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_home_its_database_wal_shm_and_secret_key_are_owner_only_under_a_umask_of_022(tmp_path):
    home = tmp_path / "fresh" / "speciosa"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("SPECIOSA_", "DJANGO_", "DATABASE_URL"))}
    env.update({"SPECIOSA_HOME": str(home), "DJANGO_SETTINGS_MODULE": "speciosa.settings"})
    result = subprocess.run([sys.executable, "-c", OPEN_AND_WRITE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    modes = json.loads(result.stdout)
    assert modes["."] == "0o700"
    files = {name: value for name, value in modes.items() if name not in (".", "static")}
    assert {name: value for name, value in files.items() if not name.startswith("queue.sqlite3")} == {
        "secret_key": "0o600", "speciosa.sqlite3": "0o600", "speciosa.sqlite3-wal": "0o600",
        "speciosa.sqlite3-shm": "0o600"}
    # The task queue's file (and its -wal, -shm) names patients by id in its tasks: owner-only too.
    assert files["queue.sqlite3"] == "0o600" and set(files.values()) == {"0o600"}


@pytest.fixture
def wide_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    for name in ("speciosa.sqlite3", "speciosa.sqlite3-wal", "secret_key"):
        (home / name).write_text("x", encoding="utf-8")
        (home / name).chmod(0o644)
    databases = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(home / "speciosa.sqlite3")}}
    with override_settings(HOME=home, DATABASES=databases):
        yield home


def test_the_system_check_warns_about_each_file_and_the_folder_others_can_read(wide_home):
    warnings = [message for message in run_checks(tags=["security"]) if message.id == "speciosa.W001"]
    assert sorted((Path(message.msg.split(" is ")[0]).name, message.hint) for message in warnings) == sorted([
        ("secret_key", f"chmod 600 {wide_home / 'secret_key'}"),
        ("speciosa.sqlite3", f"chmod 600 {wide_home / 'speciosa.sqlite3'}"),
        ("speciosa.sqlite3-wal", f"chmod 600 {wide_home / 'speciosa.sqlite3-wal'}"),
        ("home", f"chmod 700 {wide_home}"),
    ])
    assert all("(mode 0644)" in message.msg or "(mode 0755)" in message.msg for message in warnings)


def test_the_check_is_quiet_once_everything_is_owner_only(wide_home):
    for path in wide_home.iterdir():
        path.chmod(0o600)
    wide_home.chmod(0o700)
    assert [message for message in run_checks(tags=["security"]) if message.id == "speciosa.W001"] == []


def test_serve_prints_the_warning_and_starts_anyway(wide_home, capsys):
    refuse_on_check_errors()  # no exit: a warning does not stop the start
    err = capsys.readouterr().err
    assert f"warning: ?: (speciosa.W001) {wide_home / 'speciosa.sqlite3'} is readable by others (mode 0644)" in err


def test_an_existing_database_file_keeps_its_content_and_an_in_memory_name_makes_no_file(tmp_path, monkeypatch):
    from speciosa.lib.home import private_database

    existing = tmp_path / "kept.sqlite3"
    existing.write_bytes(b"data")
    assert private_database(str(existing)) == str(existing)
    assert existing.read_bytes() == b"data"
    monkeypatch.chdir(tmp_path)
    assert private_database(":memory:") == ":memory:"
    assert not (tmp_path / ":memory:").exists()
    made = tmp_path / "new.sqlite3"
    private_database(str(made))
    assert (made.read_bytes(), mode(made)) == (b"", 0o600)
