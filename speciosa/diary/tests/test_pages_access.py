"""Who may open which diary page: the patient sees their own, a stranger gets 404, a clinician 403, nobody else."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from speciosa.diary.models import Checkin, Dose, LabResult, Medication, Product

pytestmark = pytest.mark.django_db

LISTS = ["diary:today", "diary:timeline", "diary:products", "diary:checkins", "diary:medications", "diary:labs",
         "diary:profile", "diary:dose_new", "diary:product_new", "diary:checkin_new", "diary:medication_new",
         "diary:lab_new"]
RECORD_PAGES = [
    ("diary:dose_edit", Dose), ("diary:dose_delete", Dose), ("diary:dose_history", Dose),
    ("diary:product_edit", Product), ("diary:product_delete", Product),
    ("diary:checkin_edit", Checkin), ("diary:checkin_delete", Checkin),
    ("diary:medication_edit", Medication), ("diary:medication_delete", Medication),
    ("diary:lab_edit", LabResult), ("diary:lab_delete", LabResult),
]


@pytest.fixture(autouse=True)
def noon_in_new_york():
    with time_machine.travel(dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC), tick=False):
        yield


def record_url(name, model, owner):
    return reverse(name, args=[model.objects.get(patient=owner).pk])


def all_urls(cast):
    alice = cast.alice.user
    return ([reverse(name) for name in LISTS]
            + [record_url(name, model, alice) for name, model in RECORD_PAGES]
            + [reverse("diary:quick_log", args=[cast.alice_product.pk])])


def test_every_diary_page_opens_for_its_owner(cast):
    statuses = {url: cast.alice.client.get(url).status_code for url in all_urls(cast)
                if "quick-log" not in url}
    assert set(statuses.values()) == {200}


def test_anonymous_visitors_are_sent_to_sign_in(cast):
    for url in all_urls(cast):
        response = Client().get(url)
        assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


def test_a_clinician_gets_a_clear_403_page_on_patient_pages(cast):
    for url in all_urls(cast):
        if url == "/":  # the landing page sends a clinician to the panel (test_pages_today)
            continue
        response = cast.bob.client.get(url)
        assert response.status_code == 403, url
        assert "Your account is not a patient account" in response.content.decode()


def test_another_patient_gets_404_for_every_record_of_alice_and_changes_nothing(cast):
    charlie = cast.charlie.client
    before = {model: list(model.objects.of(cast.alice.user).values()) for _, model in RECORD_PAGES}
    for name, model in RECORD_PAGES:
        url = record_url(name, model, cast.alice.user)
        assert (charlie.get(url).status_code, charlie.post(url, {}).status_code) == (404, 404), url
    quick_log = reverse("diary:quick_log", args=[cast.alice_product.pk])
    assert charlie.post(quick_log).status_code == 404
    after = {model: list(model.objects.of(cast.alice.user).values()) for _, model in RECORD_PAGES}
    assert after == before
    assert Dose.objects.of(cast.charlie.user).count() == 1


def test_alices_private_note_never_appears_on_charlies_pages(cast):
    timeline = reverse("diary:timeline")
    assert "alice&#x27;s private note" in cast.alice.client.get(timeline).content.decode()
    for name in LISTS:
        page = cast.charlie.client.get(reverse(name)).content.decode()
        assert "alice" not in page.lower(), name
    assert "charlie&#x27;s private note" in cast.charlie.client.get(timeline).content.decode()


def test_a_post_without_its_csrf_token_is_refused_and_stores_nothing(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice.user)
    response = client.post(reverse("diary:quick_log", args=[cast.alice_product.pk]))
    assert response.status_code == 403
    assert "nothing was saved" in response.content.decode()
    assert Dose.objects.of(cast.alice.user).count() == 1
