import pytest

from speciosa.accounts.models import PatientProfile, User

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def test_it_adds_a_clinician_with_the_password_read_from_standard_input(speciosa):
    result = speciosa("user", "add", "bob", "--role", "clinician", "--email", "bob@example.org", "--password-stdin",
                      input=PASSWORD + "\n")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "Added clinician bob.\n", "")
    bob = User.objects.get(username="bob")
    assert (bob.role, bob.email, bob.check_password(PASSWORD)) == ("clinician", "bob@example.org", True)


def test_a_patient_added_by_prompt_gets_an_empty_profile(speciosa):
    result = speciosa("user", "add", "alice", "--role", "patient", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0
    alice = User.objects.get(username="alice")
    assert alice.check_password(PASSWORD)
    assert PatientProfile.objects.filter(user=alice).count() == 1


def test_a_short_password_is_refused_naming_the_password_and_nobody_is_added(speciosa):
    result = speciosa("user", "add", "bob", "--role", "clinician", "--password-stdin", input="short\n")
    assert (result.exit_code, result.stderr) == (
        3, "error: password: This password is too short. It must contain at least 10 characters.\n")
    assert not User.objects.filter(username="bob").exists()


def test_an_empty_standard_input_is_refused_naming_the_password(speciosa):
    result = speciosa("user", "add", "bob", "--role", "clinician", "--password-stdin", input="")
    assert (result.exit_code, result.stderr) == (3, "error: password: standard input was empty\n")


def test_an_unknown_role_is_refused_naming_the_role_option(speciosa):
    result = speciosa("user", "add", "bob", "--role", "wizard", "--password-stdin", input=PASSWORD)
    assert (result.exit_code, result.stderr) == (
        3, "error: --role: expected one of patient, clinician, researcher, admin\n")


def test_a_name_already_taken_is_refused_naming_the_name(speciosa):
    speciosa("user", "add", "bob", "--role", "clinician", "--password-stdin", input=PASSWORD)
    result = speciosa("user", "add", "BOB", "--role", "patient", "--password-stdin", input=PASSWORD)
    assert (result.exit_code, result.stderr) == (3, "error: NAME: is already taken\n")
    assert User.objects.count() == 1
