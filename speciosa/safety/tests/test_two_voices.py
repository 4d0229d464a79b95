"""Two voices: the patient reads the plain first layer with the clinical detail behind "For your clinician"; every
channel that shows the alert to a clinician gives the clinical voice, and hides it with the other details when the
share does not cover them."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from speciosa.core.safety.wording import CLINICAL_TERMS
from speciosa.safety.disclosure import HIDDEN
from speciosa.safety.tests.liver_state import open_liver_injury

pytestmark = pytest.mark.django_db

JARGON = re.compile("|".join(rf"(?<![\w-]){re.escape(term)}(?![\w-])" for term in CLINICAL_TERMS))
CLINICAL = "DILI criteria met"  # the start of LIVER_INJURY's clinical message


def first_layer(html: str) -> str:
    """What the page shows before anything is opened: the alerts (on Today) or the main content, without its closed
    <details>."""
    start = html.index('<section aria-labelledby="alerts-heading"') if 'id="alerts-heading"' in html else (
        html.index("<main"))
    body = html[start:html.index("</section>", start) if 'id="alerts-heading"' in html else html.index("</main>")]
    body = re.sub(r"<details.*?</details>", " ", body, flags=re.DOTALL)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_stored_alert_keeps_both_voices(cast):
    alert = open_liver_injury(cast.alice.user)
    assert (alert.title, alert.clinical_title) == ("Your liver test shows liver damage",
                                                    "Liver tests meet the criteria for drug-induced liver injury")
    assert alert.clinical_message.startswith(CLINICAL) and "ALT 24.1x ULN" in alert.clinical_message
    assert alert.message.startswith("Your liver blood test from ")


@pytest.mark.parametrize("page", ["diary:today", "safety:alerts", "alert"])
def test_the_patients_pages_show_plain_words_first_and_the_clinical_detail_behind_them(cast, page):
    alert = open_liver_injury(cast.alice.user)
    url = reverse("safety:alert_detail", args=[alert.pk]) if page == "alert" else reverse(page)
    html = cast.alice.client.get(url).content.decode()
    shown = first_layer(html)
    assert alert.message in shown
    assert JARGON.findall(shown) == []
    assert "LIVER_INJURY" not in shown and "version" not in shown.lower()
    assert re.search(r'<details class="for-clinician">\s*<summary>For your clinician', html)
    assert alert.clinical_message in unescape(html)


def test_why_am_i_seeing_this_speaks_plainly(cast):
    alert = open_liver_injury(cast.alice.user)
    shown = first_layer(cast.alice.client.get(reverse("safety:alert_detail", args=[alert.pk])).content.decode())
    why = shown[shown.index("Why am I seeing this?"):]
    assert why.startswith("Why am I seeing this? We check your liver blood tests for signs of liver damage.")
    assert "How sure we are: Strong: a medical guideline or a health agency sets this." in why


def test_a_clinician_reads_the_clinical_voice_and_what_the_patient_was_told(cast):
    alert = open_liver_injury(cast.alice.user)
    page = unescape(cast.bob.client.get(reverse("clinic:patient", args=[cast.alice.user.pk])).content.decode())
    assert alert.clinical_message in page and alert.message not in page
    detail = unescape(cast.bob.client.get(reverse("clinic:alert", args=[cast.alice.user.pk, alert.pk])).content.decode())
    assert f"<h1>{alert.clinical_title}</h1>" in detail and alert.clinical_message in detail
    assert alert.action in detail  # "What the patient is told to do"


def test_the_api_gives_each_reader_their_voice(cast):
    alert = open_liver_injury(cast.alice.user)
    [own] = [item for item in Client().get("/api/v1/alerts", headers=cast.alice.bearer()).json()["items"]
             if item["code"] == "LIVER_INJURY"]
    assert (own["title"], own["message"]) == (alert.title, alert.message)
    assert (own["clinical_title"], own["clinical_message"]) == (alert.clinical_title, alert.clinical_message)
    patient_alerts = f"/api/v1/clinic/patients/{cast.alice.user.pk}/alerts"
    [seen] = [item for item in Client().get(patient_alerts, headers=cast.bob.bearer()).json()
              if item["code"] == "LIVER_INJURY"]
    assert (seen["title"], seen["message"], seen["action"]) == (alert.clinical_title, alert.clinical_message,
                                                                 alert.action)
    [partial] = [item for item in Client().get(patient_alerts, headers=cast.fay.bearer()).json()
                 if item["code"] == "LIVER_INJURY"]  # fay: not every scope
    assert (partial["title"], partial["message"], partial["clinical_message"]) == (alert.clinical_title, HIDDEN,
                                                                                   HIDDEN)
