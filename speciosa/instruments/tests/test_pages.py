"""The questionnaire pages: what is due first, answering with radio groups, the history of scores, settings."""

import datetime as dt
import re

import pytest
from django.test import Client

from speciosa.audit.models import AuditEntry
from speciosa.clinic.testing import share
from speciosa.instruments.domain import record_response, set_schedule
from speciosa.instruments.models import ReminderSettings, Response, Schedule, calendar_digest_of

pytestmark = pytest.mark.django_db


def test_the_list_shows_due_questionnaires_first(cast):
    alice = cast.alice
    set_schedule(alice.user, entries={"phq4": "biweekly"})
    page = alice.client.get("/questionnaires/").content.decode()
    due = page.split('id="due-now-heading"')[1].split('id="all-heading"')[0]
    assert "Answer the PHQ-4" in due and "PEG" not in due
    assert page.index("PHQ-4") < page.index("PEG")


def test_the_today_page_shows_what_is_due_and_nothing_when_nothing_is(cast):
    alice = cast.alice
    assert 'data-testid="questionnaires-due"' not in alice.client.get("/").content.decode()
    set_schedule(alice.user, entries={"peg": "weekly"})
    today = alice.client.get("/").content.decode()
    assert 'data-testid="questionnaires-due"' in today and 'href="/questionnaires/peg/"' in today


def test_a_questionnaire_is_a_set_of_labelled_radio_groups(cast):
    page = cast.alice.client.get("/questionnaires/phq4/").content.decode()
    assert page.count("<fieldset") == 4 and page.count("<legend>") == 4
    assert len(re.findall(r'type="radio" name="item_0"', page)) == 4
    assert "Nearly every day" in page and "no permission required" in page


def test_answering_stores_the_score_and_shows_it_in_the_history(cast):
    client = cast.alice.client
    response = client.post("/questionnaires/phq4/", {"item_0": 3, "item_1": 3, "item_2": 1, "item_3": 2},
                           follow=True)
    stored = Response.objects.get(patient=cast.alice.user)
    assert (stored.score, stored.band) == (9.0, "severe")
    assert response.redirect_chain == [("/questionnaires/support/", 302)]  # a positive screen: the supportive page
    assert "Contact your clinician today" in response.content.decode()
    page = client.get("/questionnaires/results/").content.decode()
    assert re.search(r"<td>PHQ-4</td>\s*<td>9 ", page) and "<td>severe</td>" in page


def test_a_score_that_screens_negative_is_said_on_the_results_page(cast):
    response = cast.alice.client.post("/questionnaires/phq4/", {"item_0": 1, "item_1": 1, "item_2": 1, "item_3": 0},
                                      follow=True)
    assert response.redirect_chain == [("/questionnaires/results/", 302)]
    assert "PHQ-4 saved. Your score: 3" in response.content.decode()


def test_a_missing_answer_is_shown_beside_its_item_and_nothing_is_stored(cast):
    response = cast.alice.client.post("/questionnaires/peg/", {"item_0": 5, "item_2": 5})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="id_item_1_error"' in page and "Nothing was saved" in page
    assert not Response.objects.exists()


def test_an_out_of_range_answer_is_refused_on_its_item(cast):
    response = cast.alice.client.post("/questionnaires/nrs/", {"item_0": 11})
    assert 'id="id_item_0_error"' in response.content.decode()
    assert not Response.objects.exists()


def test_an_unknown_questionnaire_is_not_found(cast):
    assert cast.alice.client.get("/questionnaires/bdi/").status_code == 404


def test_the_settings_save_a_schedule_and_reminders_and_renew_the_calendar_address(cast):
    alice = cast.alice
    page = alice.client.get("/questionnaires/settings/").content.decode()
    assert "/questionnaires/calendar/" not in page and "Make a calendar address" in page
    alice.client.post("/questionnaires/settings/", {"form": "schedule", "peg": "weekly", "nrs": "daily", "phq4": ""})
    assert dict(Schedule.objects.filter(patient=alice.user).values_list("instrument", "frequency")) == {
        "peg": "weekly", "nrs": "daily"}
    alice.client.post("/questionnaires/settings/", {"form": "reminders", "email_opt_in": "on", "quiet_from": "22:00",
                                                    "quiet_to": "07:30"})
    settings = ReminderSettings.objects.get(patient=alice.user)
    assert (settings.email_opt_in, settings.quiet_from, settings.quiet_to) == (True, dt.time(22), dt.time(7, 30))
    made = alice.client.post("/questionnaires/settings/calendar/renew/")
    digest = ReminderSettings.objects.get(patient=alice.user).ical_digest
    address = re.search(r"/questionnaires/calendar/([\w-]+)\.ics", made.content.decode())
    assert (made.status_code, made["Cache-Control"], calendar_digest_of(address[1])) == (200, "no-store", digest)
    later = alice.client.get("/questionnaires/settings/").content.decode()
    assert address[1] not in later and "shown once" in later  # shown the one time it was made
    alice.client.post("/questionnaires/settings/calendar/renew/")
    assert ReminderSettings.objects.get(patient=alice.user).ical_digest != digest


def test_the_pages_are_for_patients_and_each_sees_only_their_own_scores(cast):
    record_response(cast.charlie.user, instrument="nrs", answers=[9], by=cast.charlie.user)
    record_response(cast.alice.user, instrument="peg", answers=[2, 2, 2], by=cast.alice.user)
    alice_page = cast.alice.client.get("/questionnaires/results/").content.decode()
    assert "PEG" in alice_page and "Pain NRS" not in alice_page.split("<tbody>")[1]
    assert [cast.bob.client.get(url).status_code for url in
            ("/questionnaires/", "/questionnaires/peg/", "/questionnaires/results/", "/questionnaires/settings/")] == [
        403, 403, 403, 403]
    assert Client().get("/questionnaires/").status_code == 302


def test_a_clinician_sees_a_patients_scores_only_with_a_check_in_share(cast):
    alice, bob, dave = cast.alice.user, cast.bob, cast.dave
    record_response(alice, instrument="peg", answers=[2, 2, 2], by=alice)
    url = f"/questionnaires/patients/{alice.pk}/"
    assert [dave.client.get(url).status_code, cast.erin.client.get(url).status_code] == [403, 403]
    share(alice, dave.user, scopes=["diary", "medical"])
    assert dave.client.get(url).status_code == 403
    page = bob.client.get(url).content.decode()
    assert "PEG" in page and "Questionnaire scores of alice" in page
    assert cast.charlie.client.get(url).status_code == 403
    assert bob.client.get(f"/questionnaires/patients/{cast.charlie.user.pk}/").status_code == 403


def test_a_clinicians_view_of_the_scores_is_audited_once_shown_and_not_for_an_unknown_questionnaire(cast):
    url = f"/questionnaires/patients/{cast.alice.user.pk}/"
    assert cast.bob.client.get(f"{url}?instrument=bdi").status_code == 404
    assert cast.bob.client.get(f"{url}?instrument=peg").status_code == 200
    assert list(AuditEntry.objects.filter(patient=cast.alice.user).values_list("actor", "action", "what")) == [
        (cast.bob.user.pk, "read", "questionnaire results")]
