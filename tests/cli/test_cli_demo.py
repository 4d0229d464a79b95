import pytest

from speciosa.accounts.models import User
from speciosa.diary.models import Dose

pytestmark = pytest.mark.django_db


def test_demo_without_serving_loads_once_and_prints_the_logins(speciosa):
    first = speciosa("demo", "--no-serve", "--patients", "1", "--seed", "7")
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("Loaded the demo in ")
    assert "clinician" in first.stdout and "patient01" in first.stdout
    assert "Password for every demo account: kratom-demo-2026" in first.stdout
    doses = Dose.objects.count()
    assert sorted(User.objects.values_list("username", flat=True)) == ["clinician", "patient01"]

    again = speciosa("demo", "--no-serve", "--patients", "1", "--seed", "7")
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("The demo is already loaded; nothing was added.\n")
    assert (User.objects.count(), Dose.objects.count()) == (2, doses)


def test_a_number_of_patients_out_of_range_is_refused_naming_the_option(speciosa):
    result = speciosa("demo", "--no-serve", "--patients", "0")
    assert (result.exit_code, result.stderr) == (3, "error: --patients: must be from 1 to 99\n")
    assert User.objects.count() == 0


def test_the_demo_refuses_production_settings_and_loads_nothing(speciosa, settings):
    settings.SPECIOSA_PRODUCTION = True
    result = speciosa("demo", "--no-serve", "--patients", "1")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith("error: the demo refuses to run under production settings")
    assert User.objects.count() == 0


def test_demo_code_prints_the_clinicians_current_code_and_is_refused_in_production(speciosa, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    missing = speciosa("demo", "code")
    assert (missing.exit_code, missing.stderr) == (
        3, "error: the demo is not loaded: run `speciosa demo --no-serve` first\n")
    loaded = speciosa("demo", "--no-serve", "--patients", "2", "--seed", "7")
    assert "add this key to an authenticator app" in loaded.stdout
    from speciosa.accounts.models import User
    from speciosa.accounts.twofactor import verify

    shown = speciosa("demo", "code")
    assert shown.exit_code == 0 and len(shown.stdout.strip()) == 6
    assert verify(User.objects.get(username="clinician"), shown.stdout.strip()) is not None
    settings.SPECIOSA_PRODUCTION = True
    refused = speciosa("demo", "code")
    assert refused.exit_code == 3 and refused.stderr.startswith("error: the demo refuses to run under production")
