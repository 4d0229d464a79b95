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
